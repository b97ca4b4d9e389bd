"""The rule engine's kind readers: one module per claim kind, each registering its sentence reader.

Every sentence is offered to the readers in ``READ_ORDER``; a reader marks the numbers it takes
(``ctx.use``) and later readers skip them, so the order settles a number two kinds could read
("price target to $295" is a target, never a share price). It is kept here, in one place, by hand.
A kind's module is the ``reader`` of its ``KindSpec`` (verifier/kinds.py).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Callable

from ....kinds import KINDS

if TYPE_CHECKING:
    from ..context import Sentence, _Candidate, _Context

Reader = Callable[["_Context", "Sentence"], "list[_Candidate]"]

READ_ORDER: tuple[str, ...] = (
    "analyst_rating",  # first: a target's dollar figure would otherwise read as a price or a deal
    "financial_metric",  # "revenue of $4.1B" before deals: a reported figure is not a transaction
    "deal",
    "stock_price",
    "price_change",
    "workforce",
    "scheduled_event",
)

READERS: dict[str, Reader] = {}


def reads(kind: str) -> Callable[[Reader], Reader]:
    """Register ``fn`` as the reader of ``kind`` (one reader per kind)."""

    def deco(fn: Reader) -> Reader:
        if READERS.get(kind, fn) is not fn:
            raise ValueError(f"kind {kind!r} already has a reader")
        READERS[kind] = fn
        return fn

    return deco


def load() -> tuple[Reader, ...]:
    """Every kind's reader, in ``READ_ORDER``; a kind without one is an error at import, not a silent gap."""
    for spec in KINDS.values():
        importlib.import_module(f"{__name__}.{spec.reader}")
    if set(READ_ORDER) != set(KINDS) or len(READ_ORDER) != len(KINDS):
        raise ValueError(f"READ_ORDER {READ_ORDER} must list each registered kind once: {tuple(KINDS)}")
    missing = [kind for kind in READ_ORDER if kind not in READERS]
    if missing:
        raise ValueError(f"no rule reader registered for {missing}")
    return tuple(READERS[kind] for kind in READ_ORDER)
