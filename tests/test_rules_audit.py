"""Reader mechanisms that made true sentences contradicted or gave a claim the wrong company, date or
period: each rule with a negative example. Sentences are written for these tests (not corpus text)."""

from __future__ import annotations

import datetime as dt

from verifier.schemas import Claim
from tests.rules_helpers import rule_claims

PUBLISHED = "2026-03-09T15:00:00+00:00"  # Monday 9 March 2026
D = dt.date


def extract(text: str, published: str | None = PUBLISHED) -> list[Claim]:
    return rule_claims(text, published)


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


def _closes(text: str) -> list:
    return [c.fields for c in kinds(text, "stock_price") if c.fields.basis == "close"]


def test_a_trailing_close_that_day_takes_the_day_named_earlier_in_the_chain():
    text = "Shares of Nike fell 8.5% on March 5, after the retailer cut its outlook, closing at $60.32 that day."
    assert [f.date for f in _closes(text)] == [D(2026, 3, 5)]
    text = "Nike shares dropped 3% on March 4, ending the session at $61.10."
    assert [f.date for f in _closes(text)] == [D(2026, 3, 4)]
    text = "Nike fell 8.5% on March 5 after the outlook cut; it closed at $60.32."
    assert [f.date for f in _closes(text)] == [D(2026, 3, 5)]
    # negative: a date inside a side clause ("which fell ... on March 5", "after a drop on ...") dates that move, not the close
    text = "Nike shares, which fell 8.5% on March 5, closed at $70.10."
    assert [f.date for f in _closes(text)] == [None]
    assert [f.date for f in _closes("After a 9% drop on March 5, Nike stock closed at $70.10.")] == [None]


def test_today_at_the_end_of_a_named_span_ends_the_span():
    for text in ("Over the past four weeks the Nike stock is up about 16% if you count today.",
                 "Nike stock is up about 16% over the past four weeks, including today."):
        (move,) = kinds(text, "price_change")
        assert move.fields.date is None and move.fields.period_start == D(2026, 2, 9)
    # negative: a move of its own today beside a span keeps its day
    moves = kinds("Nike stock is up 2% today and up 16% over the past four weeks.", "price_change")
    assert [(m.fields.percent, m.fields.date) for m in moves] == [(2.0, D(2026, 3, 9)), (16.0, None)]


def _events(text: str) -> list[tuple]:
    return [(e.ticker, e.fields.event, e.fields.date) for e in kinds(text, "scheduled_event")]


def test_a_weekday_in_a_past_tense_clause_lies_behind():
    # Monday 9 March: Thursday in a past clause is 5 March, not 12 March
    assert _events("Nike shares fell 4% after Apple's results on Thursday evening disappointed investors.") == [
        ("AAPL", "earnings", D(2026, 3, 5))]
    # "the day of the report" dates the move; the report is named only to explain it (no event claim)
    assert _events("Nike shares slipped on Thursday, the day of the report.") == []
    # negative: a weekday in a clause of its own with no past verb is still ahead
    assert _events("Nike, which rose 2% last week, reports results on Thursday.") == [("NKE", "earnings", D(2026, 3, 12))]


def test_results_a_move_followed_are_not_a_scheduled_event():
    assert _events("Nike stock is still riding a 6.9% surge on Friday that followed its quarterly results.") == []
    assert _events("Nike will report its quarterly results on Friday.") == [("NKE", "earnings", D(2026, 3, 13))]


def test_a_calendar_date_beats_a_weekday_for_the_event():
    assert _events("On Thursday, Nike said it will report results after the close on March 19.") == [
        ("NKE", "earnings", D(2026, 3, 19))]
    # negative: a weekday alone still dates the event
    assert _events("Nike will report results on Thursday.") == [("NKE", "earnings", D(2026, 3, 12))]


def test_an_ex_dividend_date_is_never_the_report_date():
    assert _events("Next up for NKE: 08-May ex-div, then FQ3 rpt 25-Jun.") == [("NKE", "earnings", D(2026, 6, 25))]
    assert ("NKE", "dividend", D(2026, 5, 8)) in _events("NKE: ex-div 08-May, FQ3 rpt 25-Jun")


def _metrics(text: str) -> list[tuple]:
    return [(c.fields.metric, c.fields.value, c.fields.growth_percent, getattr(c.fields, "period", None))
            for c in kinds(text, "financial_metric")]


def test_a_company_named_by_its_ticker_grows_its_own_sales():
    assert _metrics("Nike (NKE) grew sales 9% to $12.4 billion.") == [("revenue", 12.4e9, 9.0, None)]
    assert _metrics("Q: You grew revenue 9% to $12.4 billion. What drove it?") == [("revenue", 12.4e9, 9.0, None)]
    # negative: a segment the table does not know keeps its own figure
    assert _metrics("Converse grew sales 9% to $2.1 billion.")[0][0] == "other"


def test_a_comparison_clause_keeps_its_period_to_its_own_figure():
    found = _metrics("Nike (NKE) said revenue was $12.4 billion, up 9%, compared with $11.4 billion in the second quarter of 2025.")
    assert found[0] == ("revenue", 12.4e9, 9.0, None)
    assert found[1][1] == 11.4e9 and found[1][3] == "second quarter of 2025"


def test_a_leading_date_phrase_does_not_hide_the_subject():
    text = "Apple (AAPL) rose 2% on Thursday. On Friday, shares of Sysco (SYY) rose 3%. The distributor closed at $76.31."
    assert {c.ticker for c in kinds(text, "stock_price")} == {"SYY"}
    # negative: a company named deep in the sentence, after a date phrase, is not its subject
    text = "Apple (AAPL) rose 2% on Thursday. On Friday, a supplier said it had signed a deal with Sysco (SYY). The company closed at $250.30."
    assert {c.ticker for c in kinds(text, "stock_price")} == {"AAPL"}
