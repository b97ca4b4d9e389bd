"""The claim-kind registry: one ``KindSpec`` per kind, the place a kind is declared.

A kind used to live in hand-synced lists across the package; what can be derived now is derived
from here: the checker modules ``verifier.check`` loads, the key fields evaluation matches on and
the dates the market window must cover, and the rule engine's kind readers
(verifier/extract/rules/kinds/). ``tests/test_kinds.py`` holds every spec to its parts: a fields
model in ``ClaimFields``, key fields of that model, a registered checker, a registered rule reader
that reads its example sentence and a place in the LLM wire schema.

Light on purpose (pydantic via ``schemas`` only): the start-up path imports it.
"""

from __future__ import annotations

import datetime as dt
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from .schemas import (
    AnalystRatingFields,
    DealFields,
    FinancialMetricFields,
    PriceChangeFields,
    ScheduledEventFields,
    StockPriceFields,
    WorkforceFields,
)


@dataclass(frozen=True)
class KindSpec:
    """Everything the package needs to know about one claim kind."""

    name: str
    fields: type[BaseModel]  # the ``*Fields`` model in schemas.py (its ``kind`` literal is ``name``)
    key_fields: tuple[str, ...]  # the value(s) that identify a claim: evaluation matches on them
    checker: str  # the module under verifier/check/ whose ``@register`` covers this kind
    example: str  # one sentence the rule engine reads as a claim of this kind (tests/test_kinds.py)
    reader: str  # the module under verifier/extract/rules/kinds/ whose ``@reads`` covers this kind

    @property
    def date_fields(self) -> tuple[str, ...]:
        """The model's date fields: the days the market window must cover for this claim."""
        out = []
        for name, info in self.fields.model_fields.items():
            annotation = info.annotation
            if annotation is dt.date or dt.date in typing.get_args(annotation):
                out.append(name)
        return tuple(out)


KINDS: dict[str, KindSpec] = {}


def register(spec: KindSpec) -> KindSpec:
    """Add a kind; its name must be its model's ``kind`` literal and may be registered once."""
    declared = spec.fields.model_fields["kind"].default
    if declared != spec.name:
        raise ValueError(f"kind {spec.name!r} has fields model {spec.fields.__name__} of kind {declared!r}")
    if spec.name in KINDS:
        raise ValueError(f"kind {spec.name!r} is already registered")
    KINDS[spec.name] = spec
    return spec


# Order matters where lists are derived from it (the checker modules load in this order).
register(KindSpec("stock_price", StockPriceFields, ("price",), "stock_price", "Tesla shares closed at $412.50 on Wednesday.", "stock_price"))
register(KindSpec("price_change", PriceChangeFields, ("percent",), "price_change", "Tesla shares were 1.4% in the red.", "price_change"))
register(KindSpec(
    "analyst_rating", AnalystRatingFields, ("firm", "price_target"), "analyst_rating",
    "Goldman Sachs Downgrades Apple to Sell, Lowers Price Target to $233", "analyst_rating",
))  # fmt: skip
register(KindSpec("workforce", WorkforceFields, ("count",), "corporate_facts", "Amazon said it will cut 16,000 jobs.", "workforce"))
register(KindSpec("deal", DealFields, ("amount",), "corporate_facts", "Nvidia agreed to invest $2 billion in Synopsys.", "deal"))
register(KindSpec("scheduled_event", ScheduledEventFields, ("date",), "scheduled_event", "Nike reports results on Tuesday.", "scheduled_event"))
register(KindSpec(
    "financial_metric", FinancialMetricFields, ("value",), "financial_metric",
    "Apple reported revenue of $143.8 billion for the quarter.", "financial_metric",
))  # fmt: skip


def checker_modules() -> tuple[str, ...]:
    """The modules under verifier/check/ that register the kinds' checkers, each once, in kind order."""
    return tuple(dict.fromkeys(spec.checker for spec in KINDS.values()))


KEY_FIELDS: dict[str, tuple[str, ...]] = {name: spec.key_fields for name, spec in KINDS.items()}
DATE_FIELDS: dict[str, tuple[str, ...]] = {name: spec.date_fields for name, spec in KINDS.items()}
