"""Deterministic checks: one module per claim kind, each a pure function (claim, context) -> Outcome.

The verdict is decided here, from market data, and only here: nothing an extractor or an article
says can set it. A checker is registered for its kind with ``@register("kind")``; the modules to load
are the ``checker`` names of the kind registry (verifier/kinds.py).
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from dataclasses import dataclass, field
from typing import Callable, Optional

from ..kinds import checker_modules
from ..market.base import TickerData
from ..schemas import CheckedClaim, Claim, Evidence, VerdictName


@dataclass
class CheckContext:
    """What a checker may use: the publication time and the ticker's data (or why there is none)."""

    published_at: Optional[dt.datetime]
    data: Optional[TickerData]
    ticker: Optional[str] = None
    unavailable: Optional[str] = None  # why data is missing: leads to no_data
    unresolved: Optional[str] = None  # why no ticker could be settled: leads to unverifiable
    # "date" when the article gives its day but no time: published_at is then noon of that day on the
    # exchange's clock, and a check whose session depends on the time of day must not contradict
    published_precision: str = "time"


@dataclass
class Outcome:
    verdict: VerdictName
    reason: str
    evidence: list[Evidence] = field(default_factory=list)
    rule: Optional[str] = None

    def not_disproved(self, why: str, rule_note: str, default_rule: str) -> "Outcome":
        """A contradiction that an unsettled input could explain is ``unverifiable``, saying why; other verdicts stand."""
        if self.verdict != "contradicted":
            return self
        return Outcome("unverifiable", f"{self.reason.rstrip('.')}; {why}", self.evidence, f"{self.rule or default_rule}; {rule_note}")


Checker = Callable[[Claim, CheckContext], Outcome]
CHECKERS: dict[str, Checker] = {}

_MODULES = checker_modules()


def register(*kinds: str) -> Callable[[Checker], Checker]:
    def deco(fn: Checker) -> Checker:
        for kind in kinds:
            CHECKERS[kind] = fn
        return fn

    return deco


def _load() -> None:
    # every module, every time (a cached dict lookup once imported): importing one checker module
    # directly must not hide the others
    for name in _NAMES:
        module = sys.modules.get(name)
        if module is None or getattr(getattr(module, "__spec__", None), "_initializing", False):
            importlib.import_module(name)  # what import_module itself does for a module in sys.modules: return it


_NAMES = [f"{__name__}.{name}" for name in _MODULES]


def check_claim(claim: Claim, ctx: CheckContext) -> CheckedClaim:
    """Verdict for one claim. Missing data gives no_data, an unknown company unverifiable."""
    _load()
    if ctx.unresolved:
        outcome = Outcome("unverifiable", ctx.unresolved)
    elif ctx.data is None:
        outcome = Outcome("no_data", ctx.unavailable or "no market data was available for this claim")
    else:
        checker = CHECKERS.get(claim.kind)
        if checker is None:
            outcome = Outcome("unverifiable", f"no check exists for {claim.kind} claims")
        else:
            outcome = checker(claim, ctx)
    data = claim.model_dump(exclude={"kind"})
    data.update(verdict=outcome.verdict, reason=outcome.reason, evidence=outcome.evidence, rule=outcome.rule)
    if ctx.ticker and not data.get("ticker"):
        data["ticker"] = ctx.ticker
    return CheckedClaim.model_validate(data)
