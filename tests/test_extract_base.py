"""Grounding: the tool finds every quote in the text and computes offsets itself."""

from __future__ import annotations

import pytest

from verifier.extract.base import ground_claim, ground_flag, locate
from verifier.schemas import ClaimDraft, FlagDraft

TEXT = "Amazon shares were in a slight decline to $241.73 on Friday.\nRoth  Capital raised its\nprice target to $295."


def test_exact_quote():
    start, end = locate(TEXT, "a slight decline to $241.73")
    assert TEXT[start:end] == "a slight decline to $241.73"


def test_whitespace_normalised_quote_maps_back_to_source_span():
    start, end = locate(TEXT, "Roth Capital raised its price target to $295")
    assert TEXT[start:end] == "Roth  Capital raised its\nprice target to $295"


def test_curly_quotes_and_case_are_tolerated():
    text = "He said \u201cwe will grow\u201d and SHARES ROSE."
    start, end = locate(text, '"we will grow"')
    assert text[start:end] == "\u201cwe will grow\u201d"
    start, end = locate(text, "shares rose")
    assert text[start:end] == "SHARES ROSE"


def test_missing_quote_is_none():
    assert locate(TEXT, "closed at $300") is None
    assert locate(TEXT, "   ") is None


def test_after_prefers_later_occurrence():
    text = "up 2% ... later up 2% again"
    first = locate(text, "up 2%")
    second = locate(text, "up 2%", after=first[1])
    assert second[0] > first[0]


def test_ground_claim_sets_offsets_and_id():
    draft = ClaimDraft(quote="decline to $241.73", fields={"kind": "stock_price", "price": 241.73, "direction": "down"})
    claim = ground_claim(TEXT, draft, "c1")
    assert claim.id == "c1" and TEXT[claim.start : claim.end] == claim.quote
    assert claim.kind == "stock_price"


def test_ground_claim_rejects_invented_quote():
    draft = ClaimDraft(quote="closed at $250", fields={"kind": "stock_price", "price": 250})
    assert ground_claim(TEXT, draft, "c1") is None


def test_ground_flag():
    flag = ground_flag("Act now! Buy.", FlagDraft(quote="act now", technique="urgency"))
    assert flag.quote == "Act now" and (flag.start, flag.end) == (0, 7)


@pytest.mark.parametrize("quote", ["$241.73", "Friday.\nRoth"])
def test_offsets_invariant(quote):
    start, end = locate(TEXT, quote)
    assert TEXT[start:end].split() == quote.split()
