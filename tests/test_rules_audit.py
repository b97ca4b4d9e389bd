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


def test_a_company_at_the_head_of_a_verbless_list_item_takes_the_focus():
    text = ("Movers in late trading:\n\n- Apple (AAPL) rose 2.1% to $250.30 after its results.\n"
            "- Sysco (SYY) $74.40 in late trades. The distributor closed down 2.5% at $76.31.\n")
    closes = [c for c in kinds(text, "stock_price") if c.fields.price == 76.31]
    assert [c.ticker for c in closes] == ["SYY"]


def test_a_trade_noun_anaphor_takes_the_last_named_subject():
    text = "Apple shares rose 2.1% on Friday. Sysco (SYY) reported results too. The distributor closed down 2.5% at $76.31."
    assert {c.ticker for c in kinds(text, "price_change") if c.fields.percent == -2.5} == {"SYY"}
    # negative: a company named only inside the clause is not the subject; the trade noun stays with the subject
    text = "Apple (AAPL) rose 2.1% after a deal with Sysco (SYY). The retailer closed at $250.30."
    assert {c.ticker for c in kinds(text, "stock_price") if c.fields.price == 250.30} == {"AAPL"}


def test_a_line_headed_by_a_company_name_in_capitals_takes_that_company():
    text = "NVDA US | last 180.20 | FQ4 rpt 25-Mar\nAGILENT: FQ1 rpt 26-Mar after close.\n"
    events = kinds(text, "scheduled_event")
    assert [(e.ticker, e.fields.date) for e in events] == [("NVDA", D(2026, 3, 25)), ("A", D(2026, 3, 26))]
    # negative: a capitalised label that is also a company's name is not that company
    text = "NVDA US | last 180.20 | FQ4 rpt 25-Mar\nTARGET: FQ1 rpt 26-Mar after close.\n"
    assert {e.ticker for e in kinds(text, "scheduled_event")} == {"NVDA"}
