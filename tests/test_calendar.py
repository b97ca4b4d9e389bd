"""Trading sessions: the 'last completed session' a price claim is compared with must be right
on weekends, holidays, early closes, before the open and after the close."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.market.calendar import (
    calendar_code,
    is_session,
    next_session,
    previous_session,
    session_hours,
    session_on_or_before,
    session_state,
    sessions_between,
    timezone_of,
)

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
D = dt.date


def ny(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=NY)


def test_example_publication_is_during_the_friday_session():
    state = session_state(dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=BERLIN), "XNAS")
    assert state.in_progress == D(2026, 1, 30)
    assert state.last_completed == D(2026, 1, 29)
    assert state.local_date == D(2026, 1, 30)
    assert state.at.hour == 11 and state.at.minute == 25
    assert state.source == "exchange_calendars XNYS" and state.note is None
    assert "2026-01-29" in state.describe() and "in progress" in state.describe()


def test_monday_before_the_open_last_completed_is_friday():
    state = session_state(ny(2026, 2, 2, 8, 0), "XNYS")
    assert state.in_progress is None
    assert state.last_completed == D(2026, 1, 30)


def test_after_a_holiday_the_last_completed_session_is_before_the_long_weekend():
    # 2026-01-19 is Martin Luther King Jr. Day; Tuesday before the open -> Friday 2026-01-16
    state = session_state(ny(2026, 1, 20, 9, 0))
    assert state.in_progress is None and state.last_completed == D(2026, 1, 16)
    holiday = session_state(ny(2026, 1, 19, 12, 0))
    assert holiday.in_progress is None and holiday.last_completed == D(2026, 1, 16)


def test_weekend_publication():
    state = session_state(ny(2026, 1, 31, 12, 0))
    assert state.in_progress is None and state.last_completed == D(2026, 1, 30)


def test_after_the_close_todays_session_is_completed():
    assert session_state(ny(2026, 1, 29, 16, 30)).last_completed == D(2026, 1, 29)
    at_close = session_state(ny(2026, 1, 29, 16, 0))
    assert at_close.in_progress is None and at_close.last_completed == D(2026, 1, 29)


def test_at_the_open_the_session_is_in_progress():
    state = session_state(ny(2026, 1, 29, 9, 30))
    assert state.in_progress == D(2026, 1, 29) and state.last_completed == D(2026, 1, 28)
    assert session_state(ny(2026, 1, 29, 9, 29)).in_progress is None


def test_early_close_the_day_after_thanksgiving():
    opens, closes = session_hours(D(2025, 11, 28), "XNYS")
    assert closes.astimezone(NY).time() == dt.time(13, 0)
    assert opens.astimezone(NY).time() == dt.time(9, 30)
    assert session_state(ny(2025, 11, 28, 12, 59)).in_progress == D(2025, 11, 28)
    after = session_state(ny(2025, 11, 28, 13, 30))
    assert after.in_progress is None and after.last_completed == D(2025, 11, 28)
    # Thanksgiving itself is closed; the session before it is Wednesday
    assert not is_session(D(2025, 11, 27))
    assert session_state(ny(2025, 11, 28, 9, 0)).last_completed == D(2025, 11, 26)


def test_daylight_saving_time_is_the_exchanges_not_utcs():
    utc = dt.timezone.utc
    # 13:45 UTC is 08:45 EST in January (pre-market) but 09:45 EDT in March (open)
    assert session_state(dt.datetime(2026, 1, 29, 13, 45, tzinfo=utc)).in_progress is None
    assert session_state(dt.datetime(2026, 3, 10, 13, 45, tzinfo=utc)).in_progress == D(2026, 3, 10)


def test_late_evening_in_europe_is_still_the_same_us_day():
    # 01:30 Berlin on Saturday is 19:30 ET on Friday: Friday's session has completed
    state = session_state(dt.datetime(2026, 1, 31, 1, 30, tzinfo=BERLIN))
    assert state.local_date == D(2026, 1, 30) and state.last_completed == D(2026, 1, 30)


def test_session_helpers():
    assert previous_session(D(2026, 1, 20)) == D(2026, 1, 16)
    assert next_session(D(2026, 1, 16)) == D(2026, 1, 20)
    assert is_session(D(2026, 1, 30)) and not is_session(D(2026, 1, 31)) and not is_session(D(2026, 1, 19))
    assert session_on_or_before(D(2026, 2, 1)) == D(2026, 1, 30)
    assert session_on_or_before(D(2026, 1, 29)) == D(2026, 1, 29)
    assert sessions_between(D(2026, 1, 15), D(2026, 1, 21)) == [D(2026, 1, 15), D(2026, 1, 16), D(2026, 1, 20), D(2026, 1, 21)]


@pytest.mark.parametrize("venue", ["XNAS", "Nasdaq", "NMS", "NYSE", "nyq", "NYSE Arca", None, ""])
def test_us_venues_share_the_nyse_calendar(venue):
    assert calendar_code(venue) == "XNYS"


def test_other_exchanges_use_their_own_calendar_and_zone():
    assert calendar_code("XETR") == calendar_code("Xetra") == calendar_code("GER") == "XETR"
    assert calendar_code("LSE") == "XLON" and calendar_code("PNK") == "XNYS"
    assert str(timezone_of("XETR")) == "Europe/Berlin"
    state = session_state(dt.datetime(2025, 3, 14, 10, 0, tzinfo=BERLIN), "XETR")
    assert state.in_progress == D(2025, 3, 14) and state.last_completed == D(2025, 3, 13)


def test_naive_time_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        session_state(dt.datetime(2026, 1, 30, 11, 25))


def test_dates_beyond_the_calendar_fall_back_to_the_bars_and_say_so():
    bars = [D(1985, 11, 25), D(1985, 11, 26), D(1985, 11, 27), D(1985, 11, 29)]
    state = session_state(ny(1985, 11, 29, 10, 0), "XNYS", bars)
    assert state.source == "bars in the data"
    assert "covers" in state.note and "bars in the data" in state.note
    assert state.in_progress == D(1985, 11, 29) and state.last_completed == D(1985, 11, 27)
    assert previous_session(D(1985, 11, 29), "XNYS", bars) == D(1985, 11, 27)
    assert not is_session(D(1985, 11, 28), "XNYS", bars)  # a day inside the bars without a bar


def test_unknown_exchange_falls_back_to_the_bars():
    bars = [D(2025, 3, 13), D(2025, 3, 14)]
    state = session_state(ny(2025, 3, 17, 8, 0), "NOSUCHX", bars)
    assert state.source == "bars in the data" and "no NOSUCHX exchange calendar" in state.note
    assert state.last_completed == D(2025, 3, 14)


def test_results_are_cached_and_pure():
    at = ny(2026, 1, 30, 11, 25)
    first = session_state(at, "XNAS")
    assert session_state(at, "XNYS") is first  # same question, same (cached) answer
    assert session_state(at.astimezone(BERLIN), "XNYS") is first


@pytest.mark.parametrize(
    ("at", "phase", "extended"),
    [
        (ny(2026, 1, 30, 8, 0), "pre_open", True),
        (ny(2026, 1, 30, 11, 25), "open", False),
        (ny(2026, 1, 30, 17, 0), "after_close", True),
        (ny(2026, 1, 31, 10, 0), "closed", False),  # Saturday
        (ny(2026, 1, 19, 10, 0), "closed", False),  # holiday
    ],
)
def test_phase_tells_regular_from_extended_hours(at, phase, extended):
    state = session_state(at)
    assert state.phase == phase and state.extended_hours is extended


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=dt.datetime(1995, 1, 1), max_value=dt.datetime(2026, 12, 31), timezones=st.just(dt.timezone.utc)))
def test_session_state_invariants(at):
    state = session_state(at, "XNYS")
    assert state.last_completed is not None and is_session(state.last_completed)
    assert state.last_completed <= state.local_date
    if state.in_progress is not None:
        assert state.in_progress == state.local_date and state.phase == "open"
        assert state.last_completed == previous_session(state.in_progress)
    opens, closes = session_hours(state.last_completed)
    assert closes <= at  # the last completed session really closed before the moment asked about
    nxt = next_session(state.last_completed)
    assert nxt is not None and (state.in_progress == nxt or session_hours(nxt)[1] > at)
