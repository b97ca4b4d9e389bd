"""price_change check: close-to-close moves of the session meant, 0.3 points, sign, splits."""

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
D = dt.date
EXAMPLE_PUBLISHED = dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=ZoneInfo("Europe/Berlin"))


def check(published, ticker="AMZN", path=EXAMPLE, quote="q", **fields) -> CheckedClaim:
    data = Snapshot.load(path).tickers[ticker]
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker=ticker, fields={"kind": "price_change", **fields})
    return check_claim(claim, CheckContext(published, data, ticker=ticker))


def ny(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NY)


def test_move_of_the_last_completed_session_at_publication():
    result = check(EXAMPLE_PUBLISHED, percent=-0.5)
    assert result.verdict == "supported"
    assert "-0.53%" in result.reason and "$243.01 on 2026-01-28 to $241.73" in result.reason
    assert {e.date for e in result.evidence} == {D(2026, 1, 28), D(2026, 1, 29)}
    assert all(e.source == "Stooq daily data" for e in result.evidence)
    assert "0.3 percentage points" in result.rule


def test_named_session_move():
    result = check(EXAMPLE_PUBLISHED, percent=-0.7, date=D(2026, 1, 28))
    assert result.verdict == "supported" and "-0.68%" in result.reason


@pytest.mark.parametrize(("claimed", "verdict"), [(-0.98, "supported"), (-0.39, "supported"), (-0.99, "contradicted"), (-0.37, "contradicted")])
def test_tolerance_is_three_tenths_of_a_point(claimed, verdict):
    # actual 2026-01-28 move: 243.01 / 244.68 - 1 = -0.6825%
    assert check(EXAMPLE_PUBLISHED, percent=claimed, date=D(2026, 1, 28)).verdict == verdict


def test_wrong_sign_is_contradicted():
    # 2026-01-28 fell 0.68%: "+0.7%" written with its sign is the wrong way
    result = check(EXAMPLE_PUBLISHED, percent=0.7, date=D(2026, 1, 28), quote="Amazon +0.7% on Jan. 28")
    assert result.verdict == "contradicted" and "wrong sign" in result.reason


def test_sign_matters_even_inside_the_tolerance():
    # 2026-01-21: 231.00 -> 231.31 = +0.13%; a claimed fall of 0.1% is within 0.3 points but the wrong way
    result = check(EXAMPLE_PUBLISHED, percent=-0.1, date=D(2026, 1, 21), quote="AMZN -0.1%")
    assert result.verdict == "contradicted" and "wrong sign" in result.reason
    assert check(EXAMPLE_PUBLISHED, percent=0.1, date=D(2026, 1, 21)).verdict == "supported"


@pytest.mark.parametrize("quote", ["shares rose 0.7% on Wednesday", "gained 0.7 percent", "q"])
def test_a_direction_read_from_a_word_does_not_contradict_a_move_whose_size_agrees(quote):
    # 2026-01-28 fell 0.68%: "rose 0.7%" has the right size; the word giving the direction may be misread
    # ("pared its loss to 0.7%"), so the sign alone does not disprove it
    result = check(EXAMPLE_PUBLISHED, percent=0.7, date=D(2026, 1, 28), quote=quote)
    assert result.verdict == "unverifiable"
    assert "the size agrees; the direction word is ambiguous" in result.reason


def test_a_word_direction_with_the_wrong_size_is_still_contradicted():
    # 2026-01-28 fell 0.68%: a rise of 2% is wrong in size as well as direction
    result = check(EXAMPLE_PUBLISHED, percent=2.0, date=D(2026, 1, 28), quote="shares rose 2% on Wednesday")
    assert result.verdict == "contradicted"
    # and the size alone, in the right direction, too
    assert check(EXAMPLE_PUBLISHED, percent=-2.0, date=D(2026, 1, 28), quote="shares fell 2%").verdict == "contradicted"


def test_a_maximum_is_not_contradicted_by_a_smaller_move():
    # 2026-01-28 closed -0.68%: "fell as much as 2%" is an intraday extreme that daily closes do not show
    result = check(EXAMPLE_PUBLISHED, percent=-2.0, date=D(2026, 1, 28), quote="shares fell as much as 2% on Wednesday")
    assert result.verdict == "unverifiable" and "as a maximum" in result.reason
    # a maximum smaller than the move the closes show is still wrong
    small = check(EXAMPLE_PUBLISHED, percent=-0.2, date=D(2026, 1, 28), quote="shares fell as much as 0.2% on Wednesday")
    assert small.verdict == "contradicted"


def test_move_of_the_session_in_progress_uses_its_range():
    result = check(EXAMPLE_PUBLISHED, percent=-1.5)
    assert result.verdict == "supported"
    assert "2026-01-30" in result.reason and "between -1.69% and +0.66%" in result.reason


def test_large_claimed_move_is_contradicted_with_all_readings():
    result = check(EXAMPLE_PUBLISHED, percent=-5.0)
    assert result.verdict == "contradicted"
    assert "-0.53%" in result.reason and "-1.69%" in result.reason


def test_monday_before_the_open_means_fridays_move():
    result = check(ny(2026, 2, 2, 8, 0), percent=-1.0)
    assert result.verdict == "supported" and "ending 2026-01-30" in result.reason


def test_move_after_a_holiday_is_measured_from_the_session_before_it():
    result = check(ny(2026, 1, 21, 12, 0), ticker="HOLI", path=SYNTHETIC, percent=-6.8, date=D(2026, 1, 20))
    assert result.verdict == "supported" and "$51.50 on 2026-01-16" in result.reason


def test_weekend_date_means_fridays_session():
    result = check(ny(2026, 1, 20, 12, 0), ticker="HOLI", path=SYNTHETIC, percent=5.1, date=D(2026, 1, 18))
    assert result.verdict == "supported"
    assert "no trading day" in result.reason and "2026-01-16" in result.reason


def test_missing_base_bar_is_unverifiable_a_coverage_gap_not_no_data():
    # the bars start on 2026-01-20: the base close of that day's move (2026-01-16) lies before them
    result = check(EXAMPLE_PUBLISHED, percent=-0.5, date=D(2026, 1, 20))
    assert result.verdict == "unverifiable" and "2026-01-16" in result.reason
    assert "the bars cover 2026-01-20 to 2026-02-06" in result.reason
    assert "does not cover the claim's period" in result.rule


def test_split_between_the_two_closes_is_undone():
    result = check(ny(2024, 6, 10, 17, 0), ticker="SPLT", path=SYNTHETIC, percent=1.0)
    assert result.verdict == "supported" and "10:1 split" in result.reason
    wrong = check(ny(2024, 6, 11, 12, 0), ticker="SPLT", path=SYNTHETIC, percent=-89.9, date=D(2024, 6, 10))
    assert wrong.verdict == "contradicted"
    assert "ignoring the 10:1 split" in wrong.reason and "+1%" in wrong.reason


def test_before_the_open_the_gap_to_the_opening_price_counts():
    # 08:00 ET: the 2026-01-29 session moved -0.53%; the 2026-01-30 open was -0.76% below that close
    result = check(ny(2026, 1, 30, 8, 0), percent=-1.0)
    assert result.verdict == "supported"
    assert "pre-market" in result.reason and "-0.76%" in result.reason


def test_unmatched_move_in_extended_hours_is_unverifiable_not_contradicted():
    result = check(ny(2026, 1, 29, 18, 0), percent=-3.0)
    assert result.verdict == "unverifiable"
    assert "after the close" in result.reason and "extended-hours" in result.reason
    named = check(ny(2026, 1, 29, 18, 0), percent=-3.0, date=D(2026, 1, 28))
    assert named.verdict == "contradicted"  # a named session's move is settled by its closes
    today = check(ny(2026, 1, 29, 18, 0), percent=-3.0, date=D(2026, 1, 29))
    assert today.verdict == "contradicted"  # naming the day points at its regular session


def test_week_move_is_measured_from_the_previous_weeks_last_close():
    result = check(EXAMPLE_PUBLISHED, percent=1.1, period="week")
    assert result.verdict == "supported" and "$239.16 on 2026-01-23" in result.reason


def test_year_to_date_without_the_years_first_base_is_unverifiable():
    # the data holds AMZN's bars, but not the last close of 2025 a year-to-date move is measured from
    result = check(EXAMPLE_PUBLISHED, percent=3.0, period="ytd")
    assert result.verdict == "unverifiable" and "2025-12-31" in result.reason
    assert "the bars cover 2026-01-20 to 2026-02-06" in result.reason


def test_end_bar_after_the_data_is_unverifiable():
    result = check(ny(2026, 2, 12, 12, 0), percent=2.0, date=D(2026, 2, 10), quote="The shares rose 2% on Tuesday.")
    assert result.verdict == "unverifiable" and "2026-02-10" in result.reason
    assert "the bars cover 2026-01-20 to 2026-02-06" in result.reason


def test_a_move_matching_no_complete_reading_while_another_lacks_its_base_is_unverifiable():
    # 11:00 on the data's second session: the last completed move (2026-01-20) lacks its base close
    # (2026-01-16), the session in progress has both; a figure matching neither cannot be settled
    result = check(ny(2026, 1, 21, 11, 0), percent=30.0, quote="The stock is up 30% right now.")
    assert result.verdict == "unverifiable"
    assert "2026-01-16" in result.reason and "the bars cover 2026-01-20 to 2026-02-06" in result.reason
    assert result.evidence  # the reading that could be compared is shown


def test_a_ticker_missing_from_the_source_or_a_source_down_is_no_data():
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker="ZZZZ", fields={"kind": "price_change", "percent": 4.0})
    absent = check_claim(claim, CheckContext(EXAMPLE_PUBLISHED, None, ticker="ZZZZ", unavailable="ZZZZ is not in the snapshot"))
    assert absent.verdict == "no_data" and "not in the snapshot" in absent.reason
    down = check_claim(claim, CheckContext(EXAMPLE_PUBLISHED, None, ticker="ZZZZ", unavailable="the market source timed out"))
    assert down.verdict == "no_data" and "timed out" in down.reason


def test_no_publication_time_and_no_date_is_unverifiable():
    assert check(None, percent=-0.5).verdict == "unverifiable"


def test_ticker_without_bars_is_no_data():
    result = check(EXAMPLE_PUBLISHED, ticker="NOBARS", path=SYNTHETIC, percent=1.0)
    assert result.verdict == "no_data" and "no daily bars" in result.reason


def test_a_move_dated_today_published_before_the_open_is_pre_market_trading():
    # 08:00 ET on 2026-01-30: "up 4% right now in the premarket" read as today's move; today's session has not begun,
    # so the move is pre-market trading, which daily bars do not show: unverifiable, never contradicted
    result = check(ny(2026, 1, 30, 8, 0), percent=4.0, date=D(2026, 1, 30))
    assert result.verdict == "unverifiable" and "extended-hours" in result.reason
    # the same figure for the completed session before is settled by its closes
    assert check(ny(2026, 1, 30, 8, 0), percent=4.0, date=D(2026, 1, 29)).verdict == "contradicted"


def test_a_span_named_in_the_words_but_not_read_does_not_contradict():
    # read as one session's move although the words name a year: the session's move does not disprove it
    quote = "Widgetco shares climbed 35% for the year"
    result = check(EXAMPLE_PUBLISHED, quote=quote, percent=35.0, period="unspecified")
    assert result.verdict == "unverifiable"
    assert "for the year" in result.reason
    dated = check(EXAMPLE_PUBLISHED, quote="the stock added 6% in the week ended January 29", percent=6.0,
                  date=D(2026, 1, 29), period="day")
    assert dated.verdict == "unverifiable" and "in the week" in dated.reason
    statement = check(EXAMPLE_PUBLISHED, quote="Change in price this period: +14.2%", percent=14.2, period="day")
    assert statement.verdict == "unverifiable" and "this period" in statement.reason


def test_a_very_large_move_with_no_day_or_span_does_not_contradict():
    result = check(EXAMPLE_PUBLISHED, quote="Widgetco: up 38%", percent=38.0, period="unspecified")
    assert result.verdict == "unverifiable"
    assert "neither a day nor a span" in result.reason
    # a small move with no day named is still the session's, and still contradicted when wrong
    assert check(EXAMPLE_PUBLISHED, quote="Widgetco: up 4%", percent=4.0, period="unspecified").verdict == "contradicted"
    # a large move on a named day is still contradicted
    assert check(EXAMPLE_PUBLISHED, quote="it soared 30% on Thursday", percent=30.0, date=D(2026, 1, 29),
                 period="day").verdict == "contradicted"
