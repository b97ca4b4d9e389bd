"""Shared pieces of the checks: tolerances, number formatting, session lookup, evidence.

Every tolerance a verdict rests on is named here with the reason for its size, so a reader of a
report can see which rule applied and a maintainer changes it in one place.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import TYPE_CHECKING, Optional

from ..market.base import Bar, Provenance, TickerData
from ..market.calendar import SessionState, calendar_code, session_state, timezone_of
from ..schemas import Claim, Evidence

if TYPE_CHECKING:
    from . import CheckContext, Outcome

# --------------------------------------------------------------------------- tolerances

PRICE_TOLERANCE = 0.005  # 0.5%: articles round prices and quote slightly stale ticks
RANGE_EDGE_TOLERANCE = 0.001  # 0.1% beyond a session's low/high: rounding of a quoted price only
PERCENT_POINTS_TOLERANCE = 0.3  # percentage points: "slipped 0.7%" vs a computed -0.68%
FLAT_PERCENT = 0.05  # |move| below this many points counts as flat when comparing signs
TARGET_TOLERANCE = 0.005  # 0.5% on analyst price targets
APPROXIMATE_TOLERANCE = 0.10  # 10% for hedged counts: "about", "some", "roughly"
EXACT_TOLERANCE = 0.01  # 1% for counts and amounts stated without a hedge
METRIC_TOLERANCE = 0.005  # 0.5% on reported figures given in full
ROUNDED_METRIC_TOLERANCE = 0.01  # 1% on figures rounded to a unit ("$187.8 billion")
ANALYST_LOOKBACK_DAYS = 10  # an action "now" in an article is at most this old when no date is named
FACT_LOOKBACK_DAYS = 14  # a company fact an undated claim refers to is at most this old
DATE_SLACK_DAYS = 1  # sources date the same announcement a day apart (time zones, pre-market notes)


def within(claimed: float, actual: float, tolerance: float) -> bool:
    """True when ``claimed`` is within ``tolerance`` (a fraction) of ``actual``."""
    return abs(claimed - actual) <= tolerance * abs(actual) + 1e-9


def gap(claimed: float, actual: float) -> float:
    """Relative difference of ``claimed`` from ``actual`` as a fraction (0.012 = 1.2%)."""
    return abs(claimed - actual) / abs(actual) if actual else math.inf


# --------------------------------------------------------------------------- formatting

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}


def money(value: float, currency: Optional[str] = "USD") -> str:
    """'$241.73', '€205.10', '$50 billion', '1,234.50 CHF'."""
    currency = (currency or "USD").upper()
    symbol = _SYMBOLS.get(currency)
    size = abs(value)
    if size >= 1e6:
        for unit, scale in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
            if size >= scale:
                text = f"{value / scale:,.3f}".rstrip("0").rstrip(".") + f" {unit}"
                break
    else:
        text = f"{value:,.2f}"
    return f"{symbol}{text}" if symbol else f"{text} {currency}"


def count(value: float) -> str:
    return f"{value:,.0f}"


def percent(value: float, signed: bool = False) -> str:
    text = f"{value:+.2f}%" if signed else f"{value:.2f}%"
    return text.replace(".00%", "%")


def tolerance_text(fraction: float) -> str:
    return f"{fraction * 100:g}%"


def norm(text: Optional[str]) -> str:
    """Lower-case words only, for comparing names and labels ('Market-Perform' == 'market perform')."""
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


# --------------------------------------------------------------------------- provenance and evidence


def provenance(part: Optional[Provenance], data: Optional[TickerData]) -> Optional[Provenance]:
    """The provenance of a data part, falling back to the ticker's default provenance."""
    if part is not None:
        return part
    return data.provenance if data is not None else None


def evidence(
    data: Optional[TickerData],
    part: Optional[Provenance],
    detail: str,
    value: Optional[float | str] = None,
    date: Optional[dt.date] = None,
    citation: Optional[str] = None,
) -> Evidence:
    """An evidence item naming its source and retrieval time (from the part, else the ticker)."""
    prov = provenance(part, data)
    return Evidence(
        source=prov.source if prov else "market data (source not recorded)",
        retrieved_at=prov.retrieved_at if prov else None,
        detail=detail,
        value=value,
        date=date,
        citation=citation,
        url=prov.url if prov else None,
    )


def price_evidence(data: TickerData, bar: Bar, field: str, note: str = "") -> Evidence:
    """Evidence for one value of a daily bar: 'close of 2026-01-29, XNYS session'."""
    exch = exchange(data)
    detail = f"{field} of {bar.date}, {exch} session{note}"
    part = data.prices.provenance if data.prices else None
    return evidence(data, part, detail, value=getattr(bar, field), date=bar.date)


def range_evidence(data: TickerData, bar: Bar, note: str = "") -> Evidence:
    exch = exchange(data)
    part = data.prices.provenance if data.prices else None
    detail = f"range (low-high) of {bar.date}, {exch} session{note}"
    return evidence(data, part, detail, value=f"{bar.low:.2f}-{bar.high:.2f}", date=bar.date)


def missing_note(data: TickerData, *words: str) -> str:
    """What the source said it could not supply about a part, as a clause ('' when nothing)."""
    hits = [m for m in data.missing if any(w.lower() in m.lower() for w in words)]
    return f" (the source notes: {'; '.join(hits)})" if hits else ""


def facts_missing(data: TickerData, kind: str) -> Optional[str]:
    """The source's note when it supplies no company facts of ``kind`` at all (a no_data case), else None."""
    if any(f.kind == kind for f in data.facts):
        return None
    return missing_note(data, "fact") or None


def without_facts(data: TickerData, kind: str, held: str, so: str, rule: str) -> Optional["Outcome"]:
    """``no_data`` when the source says it supplies no facts of ``kind`` ("... holds no {held} (the
    source notes: ...), so {so}."), else None: the check goes on."""
    from . import Outcome

    lacking = facts_missing(data, kind)
    if not lacking:
        return None
    return Outcome("no_data", f"the market data for {data.ticker} holds no {held}{lacking}, so {so}.", rule=rule)


# --------------------------------------------------------------------------- prices and sessions


def exchange(data: TickerData) -> str:
    """The calendar the ticker trades on (XNYS for every US venue)."""
    venue = (data.prices.exchange if data.prices else None) or (data.profile.exchange if data.profile else None)
    return calendar_code(venue)


def listing_currency(data: TickerData) -> str:
    if data.prices and data.prices.currency:
        return data.prices.currency.upper()
    if data.profile and data.profile.currency:
        return data.profile.currency.upper()
    return "USD"


def bars(data: TickerData) -> list[Bar]:
    return sorted(data.prices.bars, key=lambda b: b.date) if data.prices else []


def bar_dates(data: TickerData) -> tuple[dt.date, ...]:
    return tuple(b.date for b in bars(data))


def without_bars(data: TickerData, so: str, rule: str) -> Optional["Outcome"]:
    """``no_data`` when the data holds no daily bars ("..., so {so}."), else None: the check goes on."""
    from . import Outcome

    if bar_dates(data):
        return None
    return Outcome(
        "no_data", f"the market data for {data.ticker} holds no daily bars{missing_note(data, 'price', 'bar', 'histor')}, so {so}.", rule=rule
    )


def coverage(data: TickerData) -> str:
    """'the bars cover 2026-01-20 to 2026-02-06' (or 'there are no bars')."""
    dates = bar_dates(data)
    if not dates:
        return "the data has no daily bars"
    return f"the bars cover {dates[0]} to {dates[-1]}"


def state_at(moment: Optional[dt.datetime], data: TickerData) -> Optional[SessionState]:
    """Session state at publication on the ticker's exchange; None without a publication time."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone_of(exchange(data)))
    return session_state(moment, exchange(data), bar_dates(data))


def publication_day(ctx_published: Optional[dt.datetime], data: TickerData) -> Optional[dt.date]:
    """The publication date on the exchange's clock (a 01:00 Berlin article is the previous US day)."""
    if ctx_published is None:
        return None
    if ctx_published.tzinfo is None:
        return ctx_published.date()
    return ctx_published.astimezone(timezone_of(exchange(data))).date()


def date_only_session(ctx_published: Optional[dt.datetime], precision: str, data: TickerData) -> Optional[dt.date]:
    """The publication day when the article gives its date but no time and that day is a session.

    Then the hour decides which session a price stated "now" belongs to (the close before, the
    session in progress, or the day's own close once it is over): the checks try every reading and
    never contradict a claim that only an unknown hour could refute.
    """
    if precision != "date" or ctx_published is None:
        return None
    day = publication_day(ctx_published, data)
    if day is None:
        return None
    from ..market.calendar import is_session

    return day if is_session(day, exchange(data), bar_dates(data)) else None


DATE_ONLY_NOTE = "the article gives its date but no time of day"


def hour_matters(claim_date: Optional[dt.date], ctx: "CheckContext", *, over_by_then: bool = False) -> Optional[dt.date]:
    """The publication day when the article has no hour and the claim's session depends on it.

    That is a claim with no date, or one dated the publication day itself unless ``over_by_then``
    (a day's close, open, high or low, "closed at $X on Wednesday" in Wednesday's copy, is over by
    the time that copy is filed). None otherwise, and when there are no bars to choose from.
    """
    data = ctx.data
    if data is None or not bar_dates(data):
        return None
    day = date_only_session(ctx.published_at, ctx.published_precision, data)
    if day is None:
        return None
    if claim_date is None or (claim_date == day and not over_by_then):
        return day
    return None


def unless_the_hour(outcome: "Outcome", hour_day: Optional[dt.date], what: str, rule: str) -> "Outcome":
    """A contradiction only the unknown hour of ``hour_day`` (see ``hour_matters``) could settle is unverifiable."""
    if hour_day is None:
        return outcome
    return outcome.not_disproved(
        f"{DATE_ONLY_NOTE} ({hour_day}) and the session the {what} belongs to depends "
        "on the hour, so this does not disprove it (pass --published with the time to settle it).",
        f"a date without a time never contradicts a {what} whose session depends on the hour", rule,
    )


def window_text(start: dt.date, end: dt.date) -> str:
    return f"on {start}" if start == end else f"between {start} and {end}"


def attribution_clause(claim: Claim) -> str:
    """How the article presents the claim, kept in unverifiable reasons: 'stated as fact', 'reported by Reuters'."""
    who = f" by {claim.attributed_to}" if claim.attributed_to else ""
    return {
        "stated": "the article states it as fact",
        "reported": f"the article presents it as reported{who}",
        "rumored": f"the article presents it as a rumour{who}",
        "forecast": f"the article presents it as a forecast{who}",
        "opinion": f"the article presents it as an opinion{who}",
    }.get(claim.attribution, f"attribution: {claim.attribution}")
