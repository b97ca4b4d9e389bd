"""No false contradictions: true wire and broker sentences, date-only datelines, leading dates,
pronoun subjects, clause-bound attribution, and every claim whose settled inputs are uncertain.

A false ``contradicted`` is the worst thing the tool can print; these tests pin down the
mechanisms that used to produce one (each case here failed before it was fixed) and a property:
a claim whose session, period or coverage is uncertain is never contradicted.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verifier import verify
from verifier.check import CheckContext, check_claim
from verifier.errors import InputError
from verifier.market.snapshot import Snapshot
from verifier.schemas import Claim

ROOT = Path(__file__).resolve().parent.parent
REGRESSION = ROOT / "fixtures" / "regression" / "true-sentences.json"
SNAPSHOTS = ROOT / "fixtures" / "corpus" / "snapshots"
META = SNAPSHOTS / "meta-2026-02.json"
AAPL = SNAPSHOTS / "aapl-2026-01.json"
AMZN = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
NY = ZoneInfo("America/New_York")
SENTENCES = json.loads(REGRESSION.read_text(encoding="utf-8"))["sentences"]


def audit(text: str, market=META, **kw):
    return verify(text, extractor="rules", market=str(market), **kw)


# --------------------------------------------------------------------------- the regression set


def test_the_regression_set_is_large_and_varied():
    assert len(SENTENCES) >= 30
    styles = {s["style"] for s in SENTENCES}
    assert styles == {"wire", "broker"}
    for s in SENTENCES:
        assert (ROOT / s["snapshot"]).exists(), s["id"]


@pytest.mark.parametrize("case", SENTENCES, ids=[s["id"] for s in SENTENCES])
def test_true_sentence_is_never_contradicted(case):
    report = audit(case["text"], ROOT / case["snapshot"])  # a crash fails the test
    assert report.claims, f"{case['id']}: nothing extracted from {case['text']!r}"
    wrong = [(c.kind, c.quote, c.reason) for c in report.claims if c.verdict == "contradicted"]
    assert not wrong, wrong


def test_the_regression_set_is_mostly_supported_not_just_left_unverifiable():
    claims = [c for s in SENTENCES for c in audit(s["text"], ROOT / s["snapshot"]).claims]
    supported = sum(c.verdict == "supported" for c in claims)
    assert supported / len(claims) >= 0.9, (supported, len(claims))


# --------------------------------------------------------------------------- pronoun subjects


@pytest.mark.parametrize("text", ["Intel sold 5 chips. It fell 3%.", "Apple launched a phone. The company rose 2%."])
def test_a_pronoun_subject_does_not_crash_the_audit(text):
    report = verify(text, extractor="rules", market="none")
    assert [c.kind for c in report.claims] == ["price_change"]


# --------------------------------------------------------------------------- date-only datelines

DATELINE = "NEW YORK, February 4, 2026 - Meta Platforms shares closed down 1.9% at $690.78 on Wednesday."


def test_a_date_only_dateline_is_that_day_not_midnight():
    report = audit(DATELINE)
    assert [(c.kind, c.verdict) for c in report.claims] == [("stock_price", "supported"), ("price_change", "supported")]
    assert report.claims[0].fields.date == dt.date(2026, 2, 4)
    assert report.document.published_at_precision == "date"
    assert not any("time without zone" in n for n in report.run.notes)
    assert any("has no time of day" in n for n in report.run.notes)


def test_the_same_dateline_with_a_time_is_still_supported():
    report = audit(DATELINE.replace("2026 -", "2026 4:30 PM ET -"))
    assert report.document.published_at_precision == "time"
    assert [c.verdict for c in report.claims] == ["supported", "supported"]


def test_a_price_stated_now_under_a_date_only_header_is_supported_by_any_hour_of_that_day():
    report = audit("NEW YORK, February 4, 2026 - Meta Platforms shares fell 2.5% to $686.00.")
    assert [c.verdict for c in report.claims] == ["supported", "supported"]
    assert "every session it may mean was tried" in report.claims[0].reason


def test_a_wrong_price_under_a_date_only_header_is_unverifiable_with_the_reason():
    report = audit("NEW YORK, February 4, 2026 - Meta Platforms shares traded at $750.00.")
    (claim,) = report.claims
    assert claim.verdict == "unverifiable"
    assert "no time of day" in claim.reason and "--published" in claim.reason


def test_a_named_close_under_a_date_only_header_is_that_days_close_and_can_be_contradicted():
    # "closed at $X on Wednesday" in Wednesday's copy: the close of that day, over when such copy is filed
    report = audit("NEW YORK, February 4, 2026 - Meta Platforms shares closed at $750.00 on Wednesday.")
    (claim,) = report.claims
    assert claim.verdict == "contradicted" and "2026-02-04 close" in claim.reason


def test_a_berlin_date_only_header_is_the_written_day():
    report = verify("30.01.2026 Amazon shares closed at $239.30 on Friday.", extractor="rules", market=str(AMZN))
    assert report.claims[0].fields.date == dt.date(2026, 1, 30)


def test_published_flag_with_a_date_alone_has_date_precision():
    report = verify("Meta Platforms shares fell 2.5% to $686.00.", extractor="rules", market=str(META), published_at="2026-02-04")
    assert report.document.published_at_precision == "date"
    assert [c.verdict for c in report.claims] == ["supported", "supported"]


# --------------------------------------------------------------------------- leading dates


@pytest.mark.parametrize(
    "text",
    ["On January 13, Apple closed at $256.36.", "On January 13 Apple shares closed down 1.4% at $256.36."],
)
def test_a_leading_date_dates_the_sentences_claims(text):
    report = audit("February 10, 2026\n\n" + text, AAPL)
    assert report.claims and all(c.fields.date == dt.date(2026, 1, 13) for c in report.claims)
    assert all(c.verdict == "supported" for c in report.claims)
    assert not any("before the open" in c.reason for c in report.claims)


def test_last_week_is_the_week_that_ended():
    (claim,) = audit("February 10, 2026 4:30 PM ET\n\nLast week, Apple shares fell 1.1%.", AAPL).claims
    assert claim.fields.period == "week" and claim.verdict == "supported"


def test_a_date_in_a_subordinate_clause_does_not_date_the_price():
    (price,) = [c for c in audit(
        "February 2, 2026 8:00 AM ET\n\nMicrosoft stock sits at $430.29 after falling nearly 10% on January 29.",
        SNAPSHOTS / "msft-2026-01.json",
    ).claims if c.kind == "stock_price"]
    assert price.fields.date is None and price.verdict == "supported"


# --------------------------------------------------------------------------- clause-bound attribution


def test_a_forecast_in_a_later_clause_does_not_make_the_move_a_forecast():
    text = "NEW YORK, Feb 3, 2026 (Reuters) - Shares of Microsoft Corp fell 2.9% to $402.11 in afternoon trading on Tuesday after the software maker forecast third-quarter revenue below estimates."
    report = verify(text, extractor="rules", market="none")
    assert {c.attribution for c in report.claims if c.kind in ("stock_price", "price_change")} == {"stated"}


def test_a_source_named_after_an_estimate_clause_belongs_to_the_estimate():
    text = "April 2, 2026 4:30 PM ET\n\nTesla shares fell 6.1% to $350.10, below the 377,000 analysts had expected, according to Visible Alpha."
    report = verify(text, extractor="rules", market="none")
    moves = [c for c in report.claims if c.kind in ("stock_price", "price_change")]
    assert moves and all(c.attribution == "stated" and c.attributed_to is None for c in moves)


def test_a_sentence_final_source_still_attributes_a_single_claim():
    report = verify("April 2, 2026 4:30 PM ET\n\nTesla will cut 14,000 jobs, according to Reuters.", extractor="rules", market="none")
    assert [(c.attribution, c.attributed_to) for c in report.claims] == [("reported", "Reuters")]


# --------------------------------------------------------------------------- companies and tickers


def test_an_unknown_company_is_named_in_the_reason():
    (claim,) = verify("February 10, 2026 4:30 PM ET\n\nSiemens Energy shares rose 3.4%.", extractor="rules", market=str(AAPL)).claims
    assert claim.verdict == "unverifiable"
    assert "Siemens Energy" in claim.reason and "not in the bundled company table" in claim.reason
    assert "names no company" not in claim.reason and "--ticker" in claim.reason


@pytest.mark.parametrize("bad", ["$$$;rm -rf", "AAPL MSFT", "", "../etc", "A" * 30])
def test_a_ticker_that_cannot_be_one_is_refused(bad):
    with pytest.raises(InputError, match="not a ticker symbol"):
        verify("Shares rose 2%.", extractor="rules", market="none", ticker=bad)


@pytest.mark.parametrize("good", ["AAPL", "brk-b", "BRK.B", "SIE.DE", "7203.T", "^GSPC", "EURUSD=X"])
def test_real_ticker_shapes_are_accepted(good):
    report = verify("Shares rose 2%.", extractor="rules", market="none", ticker=good)
    assert report.claims[0].ticker == good.upper()


# --------------------------------------------------------------------------- workforce


def test_a_running_total_after_a_cut_is_a_cut_never_a_headcount():
    text = "January 30, 2026 4:30 PM ET\n\nAmazon confirmed around 16,000 cuts this week, with about 30,000 roles in total."
    report = verify(text, extractor="rules", market=str(AMZN))
    totals = [c for c in report.claims if c.fields.count == 30000]
    assert totals and totals[0].fields.action == "cut" and totals[0].fields.cumulative
    assert totals[0].verdict == "supported"


def test_the_bundled_examples_running_total_is_not_contradicted():
    report = verify(ROOT / "fixtures" / "articles" / "amazon-restructuring.txt", extractor="rules", market=str(AMZN))
    (total,) = [c for c in report.claims if c.kind == "workforce" and c.fields.cumulative]
    assert total.fields.count == 30000 and total.verdict == "supported"


# --------------------------------------------------------------------------- the property

_META_DATA = Snapshot.load(META).tickers["META"]
_SESSIONS = [b.date for b in _META_DATA.prices.bars[1:-1]]
PROPERTY = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _claim(fields: dict) -> Claim:
    return Claim(id="c1", quote="q", start=0, end=1, ticker="META", attribution="stated", fields=fields)


def _date_only(day: dt.date) -> CheckContext:
    return CheckContext(dt.datetime.combine(day, dt.time(12), NY), _META_DATA, ticker="META", published_precision="date")


@PROPERTY
@given(
    day=st.sampled_from(_SESSIONS),
    price=st.floats(1, 2000, allow_nan=False),
    basis=st.sampled_from(["unspecified", "intraday", "close", "open", "high", "low"]),
    direction=st.sampled_from([None, "up", "down", "unchanged"]),
    currency=st.sampled_from(["USD", "EUR"]),
)
def test_a_price_whose_session_depends_on_an_unknown_hour_is_never_contradicted(day, price, basis, direction, currency):
    fields = {"kind": "stock_price", "price": price, "basis": basis, "direction": direction, "currency": currency}
    assert check_claim(_claim(fields), _date_only(day)).verdict != "contradicted"
    # and with no publication time at all
    assert check_claim(_claim(fields), CheckContext(None, _META_DATA, ticker="META")).verdict != "contradicted"


@PROPERTY
@given(
    day=st.sampled_from(_SESSIONS),
    percent=st.floats(-40, 40, allow_nan=False),
    period=st.sampled_from(["day", "week", "month", "unspecified"]),
    named=st.booleans(),
)
def test_a_move_whose_session_depends_on_an_unknown_hour_is_never_contradicted(day, percent, period, named):
    fields = {"kind": "price_change", "percent": percent, "period": period, "date": day if named else None}
    assert check_claim(_claim(fields), _date_only(day)).verdict != "contradicted"
    if not named:
        assert check_claim(_claim(fields), CheckContext(None, _META_DATA, ticker="META")).verdict != "contradicted"


@PROPERTY
@given(
    percent=st.floats(-40, 40, allow_nan=False),
    months=st.integers(1, 6),
    published=st.sampled_from(_SESSIONS),
)
def test_a_move_over_a_loosely_named_span_is_never_contradicted(percent, months, published):
    start = published - dt.timedelta(days=30 * months)
    fields = {"kind": "price_change", "percent": percent, "period": "unspecified", "period_start": start}
    ctx = CheckContext(dt.datetime.combine(published, dt.time(16, 30), NY), _META_DATA, ticker="META")
    assert check_claim(_claim(fields), ctx).verdict != "contradicted"


_AMZN_DATA = Snapshot.load(AMZN).tickers["AMZN"]


@PROPERTY
@given(count=st.integers(30001, 2_000_000), approximate=st.booleans(), start_days=st.integers(0, 120))
def test_a_total_over_a_period_the_records_only_partly_cover_is_never_contradicted(count, approximate, start_days):
    # the example's cut records begin on 2025-10-28: any period starting before that is only partly covered,
    # so a total above the recorded sum cannot be disproved
    start = dt.date(2025, 10, 28) - dt.timedelta(days=start_days)
    fields = {"kind": "workforce", "count": count, "approximate": approximate, "action": "cut", "cumulative": True,
              "period_start": start, "period_end": dt.date(2026, 1, 30)}
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker="AMZN", attribution="stated", fields=fields)
    ctx = CheckContext(dt.datetime(2026, 1, 30, 16, 30, tzinfo=NY), _AMZN_DATA, ticker="AMZN")
    verdict = check_claim(claim, ctx).verdict
    assert verdict != "contradicted" or count > _AMZN_DATA.profile.employees


@PROPERTY
@given(
    price=st.floats(1, 2000, allow_nan=False).map(lambda p: round(p, 2)),
    day=st.sampled_from(_SESSIONS),
)
def test_end_to_end_a_date_only_dateline_never_contradicts_a_price_stated_now(price, day):
    text = f"NEW YORK, {day:%B} {day.day}, {day.year} - Meta Platforms shares traded at ${price:,.2f}."
    report = verify(text, extractor="rules", market=str(META))
    assert report.document.published_at_precision == "date"
    assert all(c.verdict != "contradicted" for c in report.claims)


# --------------------------------------------------------------------------- reports, ceilings, rounding, questions, sign words

_AMZN_CUT_DAY = dt.datetime(2025, 10, 29, 12, 0, tzinfo=NY)  # the day after the 14,000 cuts of 2025-10-28


@PROPERTY
@given(count=st.integers(1, 1_000_000), attribution=st.sampled_from(["reported", "rumored"]),
       approximate=st.booleans(), cumulative=st.booleans())
def test_a_reported_or_rumoured_cut_is_never_contradicted_without_a_denial(count, attribution, approximate, cumulative):
    # the example's records hold no denial: a figure passed on from a report can match or not, never be disproved
    # (a cut above the whole workforce is impossible whoever reports it)
    fields = {"kind": "workforce", "count": count, "approximate": approximate, "cumulative": cumulative}
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker="AMZN", attribution=attribution, fields=fields)
    verdict = check_claim(claim, CheckContext(_AMZN_CUT_DAY, _AMZN_DATA, ticker="AMZN")).verdict
    assert verdict != "contradicted" or count > _AMZN_DATA.profile.employees


@PROPERTY
@given(count=st.integers(14_001, 1_500_000), words=st.sampled_from(["as many as", "up to", "no more than"]))
def test_a_ceiling_above_the_recorded_cut_is_never_contradicted(count, words):
    quote = f"the company could cut {words} {count:,} corporate jobs"
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="AMZN", fields={"kind": "workforce", "count": count})
    assert check_claim(claim, CheckContext(_AMZN_CUT_DAY, _AMZN_DATA, ticker="AMZN")).verdict != "contradicted"


@PROPERTY
@given(recorded=st.floats(1e9, 900e9, allow_nan=False))
def test_a_figure_the_record_rounds_to_is_never_contradicted(recorded):
    from verifier.market.base import CompanyFact, TickerData

    data = TickerData(ticker="FACT", facts=[CompanyFact(kind="financial_metric", date=dt.date(2025, 2, 6), metric="revenue",
                                                      amount=recorded, period="Q4 2024", currency="USD")])
    for digits in (0, 1):
        value = round(recorded / 1e9, digits)
        quote = f"fourth-quarter revenue of ${value:.{digits}f} billion"
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT",
                      fields={"kind": "financial_metric", "metric": "revenue", "value": value * 1e9, "period": "Q4 2024"})
        ctx = CheckContext(dt.datetime(2025, 3, 18, 12, 0, tzinfo=NY), data, ticker="FACT")
        assert check_claim(claim, ctx).verdict == "supported", quote


_AMZN_MOVES = [(b.date, (b.close / a.close - 1) * 100) for a, b in zip(_AMZN_DATA.prices.bars, _AMZN_DATA.prices.bars[1:])]


@PROPERTY
@given(move=st.sampled_from(_AMZN_MOVES), word=st.sampled_from(["rose", "fell", "gained", "slipped"]))
def test_a_move_whose_size_agrees_is_never_contradicted_on_a_direction_word(move, word):
    day, actual = move
    size = round(abs(actual), 1)
    claimed = size if word in ("rose", "gained") else -size
    quote = f"Amazon shares {word} {size}% on {day:%B} {day.day}"
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="AMZN",
                  fields={"kind": "price_change", "percent": claimed, "date": day})
    ctx = CheckContext(dt.datetime(2026, 2, 6, 18, 0, tzinfo=NY), _AMZN_DATA, ticker="AMZN")
    assert check_claim(claim, ctx).verdict != "contradicted"


@PROPERTY
@given(price=st.floats(1, 2000, allow_nan=False).map(lambda p: round(p, 2)), day=st.sampled_from(_SESSIONS))
def test_end_to_end_a_price_in_a_question_is_never_contradicted(price, day):
    text = f"Did Meta Platforms shares really close at ${price:,.2f} on {day:%B} {day.day}, {day.year}?"
    report = verify(text, extractor="rules", market=str(META), published_at="2026-03-02T12:00:00-05:00")
    assert report.claims and all(c.verdict != "contradicted" for c in report.claims)
