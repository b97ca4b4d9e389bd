"""Reader mechanisms that made true sentences contradicted or gave a claim the wrong company, date or
period: each rule with a negative example. Sentences are written for these tests (not corpus text)."""

from __future__ import annotations

import datetime as dt

from verifier.dates import parse_datetime_arg
from verifier.document import document_from_text
from verifier.extract.rules import RuleExtractor
from verifier.schemas import Claim

PUBLISHED = "2026-03-09T15:00:00+00:00"  # Monday 9 March 2026
D = dt.date


def extract(text: str, published: str | None = PUBLISHED) -> list[Claim]:
    doc = document_from_text(text, html_input=False)
    if published:
        doc.published_at = parse_datetime_arg(published)
    claims = RuleExtractor().extract(doc).claims
    for claim in claims:
        assert doc.text[claim.start : claim.end] == claim.quote
    return claims


def kinds(text: str, kind: str, published: str | None = PUBLISHED) -> list[Claim]:
    return [c for c in extract(text, published) if c.kind == kind]


def test_a_stock_that_took_off_rose():
    moves = kinds("Shares of Nike have taken off 7.2% on Friday after the upbeat outlook.", "price_change")
    assert [m.fields.percent for m in moves] == [7.2]
    moves = kinds("Nike stock took off 3.1% on Friday.", "price_change")
    assert [m.fields.percent for m in moves] == [3.1]
    # negative: "off" alone is still a fall
    moves = kinds("Nike shares were off 2.4% on Friday.", "price_change")
    assert [m.fields.percent for m in moves] == [-2.4]
