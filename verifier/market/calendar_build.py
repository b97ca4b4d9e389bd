"""Regenerate ``verifier/data/sessions.json``, the shipped session table, from exchange_calendars.

A one-article audit must not pay half a second for pandas and a calendar build, so the sessions
the checks use (which days trade, each session's open and close in exchange time, the time zone)
are written once to a small readable file shipped with the package. ``tests/test_calendar.py``
checks that the file equals exchange_calendars over its whole range, so after upgrading
exchange_calendars (or changing the list below) run:

    .venv/bin/python -m verifier.market.calendar_build

Layout per exchange: ``tz``; ``first``/``last`` session; ``weekmask`` (Monday first); ``holidays``
(weekmask days that do not trade); ``extra_sessions`` (non-weekmask days that do); ``hours``, the
regular local open/close as change points ``[from_date, "HH:MM", "HH:MM"]``; ``special_hours``,
sessions that differ from their regime (early closes, late opens) as ``["HH:MM", "HH:MM", [dates]]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import warnings
from pathlib import Path
from typing import Any

TABLE_PATH = Path(__file__).resolve().parent.parent / "data" / "sessions.json"
START, END = "1990-01-01", "2030-12-31"
# XNYS serves every US venue (the company table's XNYS and XNAS); the others are the calendars
# ``calendar._OTHER_VENUES`` maps foreign listings to.
EXCHANGES = (
    "XNYS", "XETR", "XFRA", "XLON", "XPAR", "XAMS", "XTSE", "XSWX", "XMIL", "XMAD", "XSTO", "XHKG", "XTKS", "XASX",
)
MIN_REGIME = 20  # a run of identical hours shorter than this is stored per session (special_hours)


def library_calendar(code: str, start: str = START, end: str = END):  # noqa: ANN201 - ExchangeCalendar
    """The exchange_calendars calendar over [start, end], from the library's earliest date if later."""
    import exchange_calendars as xcals

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bound = xcals.get_calendar(code).__class__.bound_min()
        if bound is not None and bound.date().isoformat() > start:
            start = bound.date().isoformat()
        return xcals.get_calendar(code, start=start, end=end)


def _hhmm(moment: dt.datetime, tz: Any, day: dt.date) -> str:
    local = moment.astimezone(tz)
    if local.date() != day or local.second or local.microsecond:
        raise ValueError(f"{day}: open/close {local} is not a whole minute on the session's own date")
    return local.strftime("%H:%M")


def exchange_entry(code: str) -> dict[str, Any]:
    """The table entry of one exchange, read from exchange_calendars."""
    from zoneinfo import ZoneInfo

    cal = library_calendar(code)
    tz = ZoneInfo(str(cal.tz))
    sessions = [ts.date() for ts in cal.sessions]
    weekmask = cal.weekmask
    session_set = set(sessions)
    holidays, extra = [], []
    day = sessions[0]
    while day <= sessions[-1]:
        trades = weekmask[day.weekday()] == "1"
        if trades and day not in session_set:
            holidays.append(day.isoformat())
        elif not trades and day in session_set:
            extra.append(day.isoformat())
        day += dt.timedelta(days=1)
    hours = [
        (day, _hhmm(o.to_pydatetime(), tz, day), _hhmm(c.to_pydatetime(), tz, day))
        for day, o, c in zip(sessions, cal.opens, cal.closes)
    ]
    # run-length encode the hours; short runs (an early close) become per-session exceptions
    runs: list[list[Any]] = []
    for day, o, c in hours:
        if runs and runs[-1][1] == (o, c):
            runs[-1][2].append(day)
        else:
            runs.append([day, (o, c), [day]])
    regimes: list[list[str]] = []
    special: dict[tuple[str, str], list[str]] = {}
    for start, (o, c), days in runs:
        if len(days) >= MIN_REGIME or not regimes:
            if regimes and (regimes[-1][1], regimes[-1][2]) == (o, c):
                continue
            regimes.append([start.isoformat(), o, c])
        else:
            special.setdefault((o, c), []).extend(d.isoformat() for d in days)
    return {
        "tz": str(cal.tz),
        "first": sessions[0].isoformat(),
        "last": sessions[-1].isoformat(),
        "weekmask": weekmask,
        "holidays": holidays,
        "extra_sessions": extra,
        "hours": regimes,
        "special_hours": [[o, c, days] for (o, c), days in sorted(special.items())],
    }


def build() -> dict[str, Any]:
    import exchange_calendars as xcals

    return {
        "about": "Trading sessions generated from exchange_calendars by `python -m verifier.market.calendar_build`; "
        "do not edit by hand. Dates are sessions in exchange time; hours are local open/close.",
        "generated_with": f"exchange_calendars {xcals.__version__}",
        "range": [START, END],
        "exchanges": {code: exchange_entry(code) for code in EXCHANGES},
    }


def write(table: dict[str, Any], path: Path = TABLE_PATH) -> None:
    """One exchange per block, one list per line: small diffs when the library changes."""
    lines = ["{"]
    for key in ("about", "generated_with", "range"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(table[key])},")
    lines.append('  "exchanges": {')
    codes = list(table["exchanges"])
    for i, code in enumerate(codes):
        entry = table["exchanges"][code]
        fields = [f"    {json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in entry.items()]
        lines.append(f"   {json.dumps(code)}: {{")
        lines.append(",\n".join(fields))
        lines.append("   }" + ("," if i < len(codes) - 1 else ""))
    lines.append("  }")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=TABLE_PATH)
    args = parser.parse_args()
    table = build()
    write(table, args.out)
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size:,} bytes, {len(table['exchanges'])} exchanges, {table['generated_with']})")


if __name__ == "__main__":
    main()
