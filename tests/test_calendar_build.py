"""The shipped session table (verifier/data/sessions.json) must say what exchange_calendars says.

The table exists so a one-article audit does not import pandas; it is only right if it equals the
library it was generated from, for every exchange it ships, over its whole 1990-2030 range:
which days trade, and each session's open and close (early closes, late opens, regime changes).
After upgrading exchange_calendars, regenerate with ``python -m verifier.market.calendar_build``.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from verifier.market import calendar
from verifier.market.calendar_build import END, EXCHANGES, START, TABLE_PATH, library_calendar, write

TABLE = json.loads(TABLE_PATH.read_text(encoding="utf-8"))


def test_table_ships_every_exchange_over_the_range():
    assert TABLE["range"] == [START, END] == ["1990-01-01", "2030-12-31"]
    assert list(TABLE["exchanges"]) == list(EXCHANGES)
    assert "XNYS" in TABLE["exchanges"]  # every US venue of the company table maps to it


@pytest.mark.parametrize("code", EXCHANGES)
def test_table_equals_exchange_calendars(code):
    lib = library_calendar(code, START, END)
    table = calendar._TableSessions(code, TABLE["exchanges"][code])
    assert str(table.tz) == str(lib.tz)
    sessions = [ts.date() for ts in lib.sessions]
    assert (table.first, table.last) == (sessions[0], sessions[-1])
    assert table.between(table.first, table.last) == sessions
    opens = [ts.to_pydatetime() for ts in lib.opens]
    closes = [ts.to_pydatetime() for ts in lib.closes]
    assert [table.hours(day) for day in sessions] == list(zip(opens, closes))
    # the neighbours the checks ask for, on every day of the range (weekends and holidays included)
    day = table.first
    while day < table.last:
        assert table.is_session(day) == bool(lib.is_session(day.isoformat()))
        day += dt.timedelta(days=1)


def test_generator_writes_what_it_read(tmp_path):
    table = {"about": "x", "generated_with": "y", "range": [START, END], "exchanges": {"XNYS": TABLE["exchanges"]["XNYS"]}}
    out = tmp_path / "sessions.json"
    write(table, out)
    assert json.loads(out.read_text()) == table


def test_table_answers_in_exchange_time_including_early_closes():
    opens, closes = calendar._table("XNYS").hours(dt.date(2025, 11, 28))  # day after Thanksgiving
    ny = calendar.timezone_of("XNYS")
    assert opens.astimezone(ny).time() == dt.time(9, 30) and closes.astimezone(ny).time() == dt.time(13, 0)
    tokyo = calendar._table("XTKS")
    assert tokyo.hours(dt.date(2024, 11, 1))[1].astimezone(tokyo.tz).time() == dt.time(15, 0)
    assert tokyo.hours(dt.date(2024, 11, 5))[1].astimezone(tokyo.tz).time() == dt.time(15, 30)


def test_an_exchange_the_table_lacks_is_asked_of_the_library():
    state = calendar.session_state(dt.datetime(2025, 3, 14, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=9))), "XKRX")
    assert state.source == "exchange_calendars XKRX" and state.in_progress == dt.date(2025, 3, 14)
    assert str(calendar.timezone_of("XKRX")) == "Asia/Seoul"
