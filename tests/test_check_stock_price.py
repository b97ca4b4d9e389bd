"""stock_price check: which session a price is compared with, tolerances, direction, currency, splits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.check import CheckContext, check_claim
from verifier.market.snapshot import Snapshot
from verifier.schemas import CheckedClaim, Claim

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
SYNTHETIC = ROOT / "fixtures" / "market" / "synthetic-checks.json"
NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
D = dt.date

EXAMPLE_PUBLISHED = dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=BERLIN)  # 11:25 ET, session in progress


def data(ticker: str = "AMZN", path: Path = EXAMPLE):
    return Snapshot.load(path).tickers[ticker]


def check(published, ticker="AMZN", path=EXAMPLE, **fields) -> CheckedClaim:
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker=ticker, fields={"kind": "stock_price", **fields})
    return check_claim(claim, CheckContext(published, data(ticker, path), ticker=ticker))


def ny(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NY)


# --------------------------------------------------------------------------- the bundled example


def test_example_price_is_the_last_completed_close_and_a_decline():
    result = check(EXAMPLE_PUBLISHED, price=241.73, direction="down")
    assert result.verdict == "supported"
    assert "2026-01-29 close of $241.73" in result.reason
    assert "down from the previous close $243.01 on 2026-01-28" in result.reason
    assert "last session completed before publication" in result.reason
    main, previous = result.evidence
    assert main.date == D(2026, 1, 29) and main.value == 241.73
    assert main.source == "Stooq daily data" and main.retrieved_at is not None
    assert "close of 2026-01-29, XNYS session" in main.detail
    assert previous.date == D(2026, 1, 28) and previous.value == 243.01
    assert "0.5%" in result.rule


def test_naming_the_publication_day_still_means_the_last_close_first():
    result = check(EXAMPLE_PUBLISHED, price=241.73, direction="down", date=D(2026, 1, 30))
    assert result.verdict == "supported" and "2026-01-29" in result.reason


def test_wrong_direction_is_contradicted():
    result = check(EXAMPLE_PUBLISHED, price=241.73, direction="up")
    assert result.verdict == "contradicted"
    assert "down from the previous close $243.01" in result.reason and "'up'" in result.reason


@pytest.mark.parametrize(
    ("factor", "verdict"), [(1.0049, "supported"), (0.9951, "supported"), (1.0051, "contradicted"), (0.9949, "contradicted")]
)
def test_tolerance_boundary_on_a_weekend(factor, verdict):
    # Sunday: no session in progress, no extended hours, only Friday's close of 239.30 counts
    result = check(ny(2026, 2, 1, 12, 0), price=round(239.30 * factor, 4))
    assert result.verdict == verdict
    if verdict == "contradicted":
        assert "not within 0.5% of the 2026-01-30 close of $239.30" in result.reason


def test_price_inside_the_range_of_the_session_in_progress():
    result = check(EXAMPLE_PUBLISHED, price=238.00, direction="down")
    assert result.verdict == "supported"
    assert "2026-01-30 range $237.64-$243.32" in result.reason and "in progress" in result.reason
    assert result.evidence[0].value == "237.64-243.32"


def test_price_outside_every_reading_names_all_values_compared():
    result = check(EXAMPLE_PUBLISHED, price=250.00)
    assert result.verdict == "contradicted"
    assert "$241.73" in result.reason and "$237.64-$243.32" in result.reason
    assert len(result.evidence) == 2


def test_after_the_close_the_days_close_counts():
    result = check(ny(2026, 1, 30, 17, 0), price=239.30)
    assert result.verdict == "supported" and "2026-01-30 close of $239.30" in result.reason


def test_weekend_publication_uses_fridays_close():
    result = check(ny(2026, 1, 31, 12, 0), price=239.30, direction="down")
    assert result.verdict == "supported"
    assert "2026-01-30" in result.reason and "down from the previous close $241.73" in result.reason


# --------------------------------------------------------------------------- a named date and its basis


@pytest.mark.parametrize(
    ("basis", "price", "verdict"),
    [("close", 243.01, "supported"), ("open", 246.37, "supported"), ("high", 247.78, "supported"),
     ("low", 241.53, "supported"), ("close", 246.37, "contradicted"), ("unspecified", 245.00, "supported")],
)
def test_named_date_compares_the_stated_basis(basis, price, verdict):
    result = check(EXAMPLE_PUBLISHED, price=price, basis=basis, date=D(2026, 1, 28))
    assert result.verdict == verdict
    assert "2026-01-28" in result.reason


def test_named_holiday_means_the_session_before():
    result = check(ny(2026, 1, 21, 12, 0), ticker="HOLI", path=SYNTHETIC, price=51.5, basis="close", date=D(2026, 1, 19))
    assert result.verdict == "supported"
    assert "no trading day" in result.reason and "2026-01-16" in result.reason


def test_tuesday_before_the_open_after_a_holiday_uses_fridays_close():
    result = check(ny(2026, 1, 20, 8, 0), ticker="HOLI", path=SYNTHETIC, price=51.5)
    assert result.verdict == "supported" and "2026-01-16 close" in result.reason


def test_early_close_session_is_completed_at_14h():
    result = check(ny(2025, 11, 28, 14, 0), ticker="HOLI", path=SYNTHETIC, price=104.0, direction="up")
    assert result.verdict == "supported"
    assert "2025-11-28 close of $104.00" in result.reason and "up from the previous close $103.00 on 2025-11-26" in result.reason


def test_date_after_publication_is_unverifiable():
    result = check(EXAMPLE_PUBLISHED, price=242.96, date=D(2026, 2, 2))
    assert result.verdict == "unverifiable" and "after its own publication" in result.reason


# --------------------------------------------------------------------------- missing data


def test_no_bar_for_the_named_session_is_unverifiable_a_coverage_gap():
    result = check(EXAMPLE_PUBLISHED, price=230.0, basis="close", date=D(2026, 1, 16))
    assert result.verdict == "unverifiable"
    assert "2026-01-16" in result.reason and "the bars cover 2026-01-20 to 2026-02-06" in result.reason
    assert "does not cover the claim's period" in result.rule


def test_a_date_before_any_known_session_is_unverifiable():
    # a Saturday before the session table's range, with no bar before it: no session to compare with
    result = check(EXAMPLE_PUBLISHED, price=5.0, basis="close", date=D(1985, 1, 5))
    assert result.verdict == "unverifiable"
    assert "on or before 1985-01-05" in result.reason and "the bars cover 2026-01-20 to 2026-02-06" in result.reason


def test_published_before_the_bars_begin_is_unverifiable():
    result = check(ny(2026, 1, 14, 17, 0), price=240.0)
    assert result.verdict == "unverifiable"
    assert "2026-01-14" in result.reason and "the bars cover 2026-01-20 to 2026-02-06" in result.reason


def test_a_price_matching_no_present_bar_while_another_reading_lacks_its_bar_is_unverifiable():
    # 11:00 on the data's first session: the last completed close (2026-01-16) is not in the data,
    # the session in progress is; a price outside that session's range cannot be settled
    result = check(ny(2026, 1, 20, 11, 0), price=100.0)
    assert result.verdict == "unverifiable"
    assert "2026-01-16" in result.reason and "the bars cover 2026-01-20 to 2026-02-06" in result.reason
    assert result.evidence


def test_a_ticker_missing_from_the_source_is_no_data():
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker="ZZZZ", fields={"kind": "stock_price", "price": 12.0})
    result = check_claim(claim, CheckContext(EXAMPLE_PUBLISHED, None, ticker="ZZZZ", unavailable="ZZZZ is not in the snapshot"))
    assert result.verdict == "no_data" and "not in the snapshot" in result.reason


def test_ticker_without_bars_is_no_data_with_the_sources_note():
    result = check(EXAMPLE_PUBLISHED, ticker="NOBARS", path=SYNTHETIC, price=10.0)
    assert result.verdict == "no_data"
    assert "no daily bars" in result.reason and "no daily history returned for NOBARS" in result.reason


def test_no_publication_time_and_no_date_is_unverifiable():
    result = check(None, price=241.73)
    assert result.verdict == "unverifiable" and "--published" in result.reason


def test_named_date_without_publication_time_is_still_checked():
    assert check(None, price=243.01, basis="close", date=D(2026, 1, 28)).verdict == "supported"


def test_direction_without_the_previous_bar_is_said_unchecked():
    result = check(EXAMPLE_PUBLISHED, price=231.00, basis="close", date=D(2026, 1, 20), direction="down")
    assert result.verdict == "supported" and "was not checked" in result.reason


# --------------------------------------------------------------------------- extended hours


def test_before_the_open_the_opening_price_the_quotes_lead_into_counts():
    # 08:00 ET on 2026-01-30: 239.89 is that day's open, not the 2026-01-29 close
    result = check(ny(2026, 1, 30, 8, 0), price=239.89, direction="down")
    assert result.verdict == "supported"
    assert "2026-01-30 open of $239.89" in result.reason and "pre-market" in result.reason


def test_unmatched_price_in_extended_hours_is_unverifiable_not_contradicted():
    result = check(ny(2026, 1, 29, 18, 0), price=236.00)
    assert result.verdict == "unverifiable"
    assert "after the close" in result.reason and "extended-hours" in result.reason
    closed = check(ny(2026, 1, 29, 18, 0), price=236.00, basis="close")
    assert closed.verdict == "contradicted"  # "closed at" is about the completed session


# --------------------------------------------------------------------------- currency and splits


def test_euro_price_equal_to_the_dollar_close_is_a_currency_error():
    result = check(EXAMPLE_PUBLISHED, price=241.73, currency="EUR")
    assert result.verdict == "contradicted"
    assert "€241.73" in result.reason and "trades in USD" in result.reason and "currency is wrong" in result.reason


def test_euro_price_without_an_exchange_rate_is_unverifiable():
    result = check(EXAMPLE_PUBLISHED, price=205.10, currency="EUR")
    assert result.verdict == "unverifiable" and "exchange rate" in result.reason


def test_dollar_claim_on_a_euro_listing_is_not_matched_silently():
    result = check(dt.datetime(2025, 3, 14, 18, 0, tzinfo=BERLIN), ticker="EURO", path=SYNTHETIC, price=81.5)
    assert result.verdict == "contradicted" and "trades in EUR" in result.reason
    other = check(dt.datetime(2025, 3, 14, 18, 0, tzinfo=BERLIN), ticker="EURO", path=SYNTHETIC, price=88.0)
    assert other.verdict == "unverifiable"


def test_euro_listing_uses_its_own_exchange_calendar():
    # 18:00 Berlin is after Xetra's 17:30 close: the 2025-03-14 session is complete
    result = check(dt.datetime(2025, 3, 14, 18, 0, tzinfo=BERLIN), ticker="EURO", path=SYNTHETIC, price=81.5, currency="EUR")
    assert result.verdict == "supported" and "2025-03-14 close" in result.reason


def test_direction_across_a_split_compares_like_with_like():
    result = check(ny(2024, 6, 10, 17, 0), ticker="SPLT", path=SYNTHETIC, price=101.0, direction="up")
    assert result.verdict == "supported"
    assert "up from the previous close $100.00 (after the 10:1 split) on 2024-06-07" in result.reason


def test_split_adjusted_price_for_a_day_before_the_split_is_contradicted_with_the_reason():
    # as traded the shares closed at 1,000 on 2024-06-07; 100 is that close after the later 10:1 split
    result = check(ny(2024, 6, 7, 17, 0), ticker="SPLT", path=SYNTHETIC, price=100.0)
    assert result.verdict == "contradicted"
    assert "10:1 split of 2024-06-10" in result.reason and "split-adjusted" in result.reason


def test_pre_split_price_after_the_split_is_contradicted_with_the_reason():
    result = check(ny(2024, 6, 12, 17, 0), ticker="SPLT", path=SYNTHETIC, price=1030.0)
    assert result.verdict == "contradicted" and "dividing by the 10:1 split" in result.reason


def test_as_traded_price_before_a_split_is_supported():
    result = check(ny(2024, 6, 12, 17, 0), ticker="SPLT", path=SYNTHETIC, price=1010.0, basis="close", date=D(2024, 6, 6))
    assert result.verdict == "supported"


def test_before_the_calendars_range_the_bars_decide_and_the_reason_says_so():
    from verifier.market.base import Bar, PriceHistory, Provenance, TickerData

    bars = [Bar(date=D(1985, 11, d), open=10, high=11, low=9.5, close=c) for d, c in ((26, 10.0), (27, 10.5), (29, 10.2))]
    old = TickerData(ticker="OLD", prices=PriceHistory(bars=bars, provenance=Provenance(source="archive")))
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker="OLD", fields={"kind": "stock_price", "price": 10.5, "direction": "up"})
    result = check_claim(claim, CheckContext(ny(1985, 11, 29, 8, 0), old, ticker="OLD"))
    assert result.verdict == "supported"
    assert "1985-11-27 close of $10.50" in result.reason  # Thanksgiving 1985-11-28 has no bar
    assert "sessions taken from the bars in the data" in result.reason


# --------------------------------------------------------------------------- a quote page's "previous close"


def _quoted(published, quote, **fields) -> CheckedClaim:
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="AMZN", fields={"kind": "stock_price", **fields})
    return check_claim(claim, CheckContext(published, data("AMZN"), ticker="AMZN"))


def test_previous_close_after_the_bell_may_be_the_close_before_the_session_that_just_ended():
    # Friday 2026-01-30 17:40 ET: the page shows Friday's close as "close", Thursday's ($241.73) as "previous close"
    after_bell = ny(2026, 1, 30, 17, 40)
    result = _quoted(after_bell, "| Previous close | $241.73 |", price=241.73, basis="close")
    assert result.verdict == "supported" and "2026-01-29 close of $241.73" in result.reason
    assert "'previous close' until the next open" in result.reason
    # Friday's own close is a fair reading too, and a figure matching neither is still contradicted
    assert _quoted(after_bell, "Prev. close: $239.30", price=239.30, basis="close").verdict == "supported"
    assert _quoted(after_bell, "| Previous close | $250.00 |", price=250.0, basis="close").verdict == "contradicted"
    # without the words, a close after the bell is that day's
    assert _quoted(after_bell, "closed at $241.73", price=241.73, basis="close").verdict == "contradicted"


def test_previous_close_during_the_session_is_only_the_last_completed_close():
    during = ny(2026, 1, 30, 11, 0)
    assert _quoted(during, "Previous close: $241.73", price=241.73, basis="close").verdict == "supported"
    assert _quoted(during, "Previous close: $243.01", price=243.01, basis="close").verdict == "contradicted"


def test_a_price_sharing_one_day_with_another_price_is_not_contradicted_by_that_day():
    # two prices and one day read for both: $243.01 is the close of the session before the day named
    quote = "Widgetco closed at $243.01, then slid again on Thursday to end at $241.73."
    result = _quoted(EXAMPLE_PUBLISHED, quote, price=243.01, date=D(2026, 1, 29), basis="close")
    assert result.verdict == "unverifiable"
    assert "2026-01-28 close" in result.reason and "more than one price" in result.reason
    # alone in its sentence, the same figure on that day is contradicted
    alone = _quoted(EXAMPLE_PUBLISHED, "Widgetco closed at $243.01 on Thursday.", price=243.01, date=D(2026, 1, 29), basis="close")
    assert alone.verdict == "contradicted"
    # with another price, a figure matching no nearby close is still contradicted
    wrong = _quoted(EXAMPLE_PUBLISHED, "Widgetco closed at $200.00, then slid again on Thursday to end at $241.73.",
                    price=200.0, date=D(2026, 1, 29), basis="close")
    assert wrong.verdict == "contradicted"
