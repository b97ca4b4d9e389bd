"""Trading sessions: which session was in progress, or last completed, at a given moment.

"The last session completed before publication" decides which close a price claim is compared
with, so weekends, holidays (2026-01-19, Martin Luther King Jr. Day), early closes (13:00 ET the
day after Thanksgiving), a Monday-morning article (last completed = Friday) and an article written
after the close (today's session completed) must all come out right. The sessions come from the
maintained ``exchange_calendars`` library (imported lazily; it pulls in pandas).

US listings (Nasdaq, NYSE, NYSE Arca, Cboe BZX, ...) trade the same sessions, so every US venue
maps to the XNYS calendar. When the library is missing, does not know the exchange or does not
cover the date, the sessions are read from the daily bars present in the data instead, with the
regular 09:30-16:00 hours, and the result says so in ``source``/``note``.

Everything here is a pure function of its arguments and cached.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional
from zoneinfo import ZoneInfo

DEFAULT_EXCHANGE = "XNYS"
CALENDAR_START = "1990-01-01"  # old enough for archived articles, still quick to build (~0.2 s)

# Venue codes and names seen in data sources (yfinance's exchange codes, MICs, plain names) that
# trade on the US equity calendar.
_US_VENUES = {
    "XNYS", "XNAS", "XASE", "ARCX", "BATS", "XCBO", "IEXG", "NYSE", "NASDAQ", "NAS", "NMS", "NGM",
    "NCM", "NYQ", "NYS", "ASE", "AMEX", "PCX", "NYSEARCA", "NYSE ARCA", "NYSE AMERICAN", "BTS",
    "CBOE", "NASDAQGS", "NASDAQGM", "NASDAQCM", "US",
}
# Common non-MIC names of other venues -> their exchange_calendars code.
_OTHER_VENUES = {
    "XETRA": "XETR", "GER": "XETR", "FRA": "XFRA", "LSE": "XLON", "LON": "XLON", "PAR": "XPAR", "AMS": "XAMS",
    "TSX": "XTSE", "TOR": "XTSE", "SWX": "XSWX", "EBS": "XSWX", "MIL": "XMIL", "MCE": "XMAD", "STO": "XSTO",
    "HKG": "XHKG", "JPX": "XTKS", "TYO": "XTKS", "ASX": "XASX",
    "OTC": "XNYS", "PNK": "XNYS", "OQB": "XNYS", "OQX": "XNYS",  # US over-the-counter trades US sessions
}
_REGULAR_OPEN = dt.time(9, 30)
_REGULAR_CLOSE = dt.time(16, 0)


@dataclass(frozen=True)
class SessionState:
    """Where ``at`` falls in the exchange's trading sessions."""

    at: dt.datetime
    exchange: str
    local_date: dt.date  # the calendar date of ``at`` in the exchange's time zone
    in_progress: Optional[dt.date]  # the session open at ``at`` (between its open and close)
    last_completed: Optional[dt.date]  # the last session whose close is at or before ``at``
    source: str  # "exchange_calendars XNYS" or "bars in the data"
    note: Optional[str] = None  # why the fallback was used, for reasons shown to users
    phase: str = "closed"  # pre_open / open / after_close on a session day; closed on other days

    @property
    def extended_hours(self) -> bool:
        """True before the open or after the close of a session day, when quotes move outside the bars."""
        return self.phase in ("pre_open", "after_close")

    def describe(self) -> str:
        """One clause for a reason: 'at 2026-01-30 11:25 ET the 2026-01-30 XNYS session was in progress'."""
        when = self.at.strftime("%Y-%m-%d %H:%M")
        parts = []
        if self.in_progress:
            parts.append(f"the {self.in_progress} session was in progress")
        if self.last_completed:
            parts.append(f"the last completed session was {self.last_completed}")
        state = " and ".join(parts) if parts else "no session is known"
        return f"at {when} exchange time {state} ({self.source})"


def calendar_code(exchange: Optional[str]) -> str:
    """The exchange_calendars code for a venue name or code; US venues share XNYS."""
    if not exchange:
        return DEFAULT_EXCHANGE
    code = exchange.strip().upper()
    if code in _US_VENUES or code.startswith("NASDAQ") or code.startswith("NYSE"):
        return DEFAULT_EXCHANGE
    return _OTHER_VENUES.get(code, code)


@lru_cache(maxsize=16)
def _calendar(code: str):  # noqa: ANN202 - exchange_calendars.ExchangeCalendar, imported lazily
    """The library calendar for ``code``, or None when the library or the exchange is unavailable."""
    try:
        import exchange_calendars as xcals
    except ImportError:  # pragma: no cover - a dependency, but degrade rather than fail
        return None
    with warnings.catch_warnings():  # pandas deprecation notices from inside the library
        warnings.simplefilter("ignore")
        try:
            return xcals.get_calendar(code, start=CALENDAR_START)
        except Exception:  # unknown code (InvalidCalendarName) or a start before the calendar's bound
            try:
                return xcals.get_calendar(code)
            except Exception:
                return None


def timezone_of(exchange: Optional[str]) -> dt.tzinfo:
    """The exchange's time zone (America/New_York for US venues and when unknown)."""
    cal = _calendar(calendar_code(exchange))
    if cal is not None:
        return ZoneInfo(str(cal.tz))
    return ZoneInfo("America/New_York")


def _covered(cal, day: dt.date) -> bool:  # noqa: ANN001
    return cal is not None and cal.first_session.date() <= day <= cal.last_session.date()


def _bars_note(code: str, day: dt.date) -> str:
    cal = _calendar(code)
    if cal is None:
        return f"no {code} exchange calendar is available; sessions taken from the bars in the data"
    return (
        f"the {code} calendar covers {cal.first_session.date()} to {cal.last_session.date()}, not {day}; "
        "sessions taken from the bars in the data"
    )


def _sorted_bars(bars: Optional[Iterable[dt.date]]) -> tuple[dt.date, ...]:
    return tuple(sorted(set(bars or ())))


@lru_cache(maxsize=4096)
def _is_session(day: dt.date, exchange: str, bars: tuple[dt.date, ...]) -> bool:
    """True when ``day`` is a trading session (no weekend, no holiday)."""
    code = calendar_code(exchange)
    cal = _calendar(code)
    if _covered(cal, day):
        return bool(cal.is_session(day.isoformat()))
    if bars and bars[0] <= day <= bars[-1]:
        return day in bars
    return day.weekday() < 5  # beyond calendar and bars alike: weekdays are the best guess


@lru_cache(maxsize=4096)
def _previous_session(day: dt.date, exchange: str, bars: tuple[dt.date, ...]) -> Optional[dt.date]:
    """The last session strictly before ``day`` (None when the calendar and the bars know none)."""
    code = calendar_code(exchange)
    cal = _calendar(code)
    before = day - dt.timedelta(days=1)
    if _covered(cal, before):
        return cal.date_to_session(before.isoformat(), direction="previous").date()
    earlier = [b for b in bars if b < day]
    return earlier[-1] if earlier else None


@lru_cache(maxsize=4096)
def _next_session(day: dt.date, exchange: str, bars: tuple[dt.date, ...]) -> Optional[dt.date]:
    """The first session strictly after ``day``."""
    code = calendar_code(exchange)
    cal = _calendar(code)
    after = day + dt.timedelta(days=1)
    if _covered(cal, after):
        return cal.date_to_session(after.isoformat(), direction="next").date()
    later = [b for b in bars if b > day]
    return later[0] if later else None


def is_session(day: dt.date, exchange: Optional[str] = DEFAULT_EXCHANGE, bars: Optional[Iterable[dt.date]] = None) -> bool:
    """True when ``day`` is a trading session (no weekend, no holiday)."""
    return _is_session(day, calendar_code(exchange), _sorted_bars(bars))


def previous_session(
    day: dt.date, exchange: Optional[str] = DEFAULT_EXCHANGE, bars: Optional[Iterable[dt.date]] = None
) -> Optional[dt.date]:
    """The last session strictly before ``day`` (None when neither the calendar nor the bars know one)."""
    return _previous_session(day, calendar_code(exchange), _sorted_bars(bars))


def next_session(
    day: dt.date, exchange: Optional[str] = DEFAULT_EXCHANGE, bars: Optional[Iterable[dt.date]] = None
) -> Optional[dt.date]:
    """The first session strictly after ``day``."""
    return _next_session(day, calendar_code(exchange), _sorted_bars(bars))


def session_on_or_before(
    day: dt.date, exchange: Optional[str] = DEFAULT_EXCHANGE, bars: Optional[Iterable[dt.date]] = None
) -> Optional[dt.date]:
    """``day`` itself when it is a session, else the session before it (a Sunday -> Friday)."""
    return day if is_session(day, exchange, bars) else previous_session(day, exchange, bars)


@lru_cache(maxsize=4096)
def session_hours(day: dt.date, exchange: str = DEFAULT_EXCHANGE) -> tuple[dt.datetime, dt.datetime]:
    """Open and close of the session ``day`` as aware datetimes (early closes included).

    Outside the calendar's range the regular 09:30-16:00 hours in the exchange's zone are assumed.
    """
    code = calendar_code(exchange)
    cal = _calendar(code)
    if _covered(cal, day) and cal.is_session(day.isoformat()):
        return (
            cal.session_open(day.isoformat()).to_pydatetime(),
            cal.session_close(day.isoformat()).to_pydatetime(),
        )
    tz = timezone_of(code)
    return dt.datetime.combine(day, _REGULAR_OPEN, tz), dt.datetime.combine(day, _REGULAR_CLOSE, tz)


@lru_cache(maxsize=4096)
def _session_state(at: dt.datetime, exchange: str, bars: tuple[dt.date, ...]) -> SessionState:
    code = calendar_code(exchange)
    cal = _calendar(code)
    tz = timezone_of(code)
    local = at.astimezone(tz)
    day = local.date()
    if _covered(cal, day):
        source, note = f"exchange_calendars {code}", None
    else:
        source, note = "bars in the data", _bars_note(code, day)
    today_is_session = _is_session(day, code, bars)
    prev = _previous_session(day, code, bars)
    if not today_is_session:
        return SessionState(local, code, day, None, prev, source, note, "closed")
    opens, closes = session_hours(day, code)
    if local < opens:
        return SessionState(local, code, day, None, prev, source, note, "pre_open")
    if local < closes:
        return SessionState(local, code, day, day, prev, source, note, "open")
    return SessionState(local, code, day, None, day, source, note, "after_close")


def session_state(
    at: dt.datetime, exchange: Optional[str] = DEFAULT_EXCHANGE, bars: Optional[Iterable[dt.date]] = None
) -> SessionState:
    """Which session is in progress at ``at`` and which one last completed before it.

    ``at`` must be timezone-aware (a naive time has no place on an exchange's clock). ``bars`` are
    the session dates present in the data, used only when the calendar cannot answer.
    """
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError("session_state needs a timezone-aware datetime (e.g. 2026-01-30T11:25:04-05:00)")
    return _session_state(at.astimezone(dt.timezone.utc), calendar_code(exchange), _sorted_bars(bars))


def sessions_between(
    start: dt.date, end: dt.date, exchange: Optional[str] = DEFAULT_EXCHANGE, bars: Optional[Iterable[dt.date]] = None
) -> list[dt.date]:
    """Every session from ``start`` to ``end``, both included."""
    code = calendar_code(exchange)
    cal = _calendar(code)
    if _covered(cal, start) and _covered(cal, end):
        return [ts.date() for ts in cal.sessions_in_range(start.isoformat(), end.isoformat())]
    return [b for b in _sorted_bars(bars) if start <= b <= end]
