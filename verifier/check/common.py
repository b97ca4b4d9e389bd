"""Shared pieces of the checks: tolerances, number formatting, session lookup, evidence.

Every tolerance a verdict rests on is named here with the reason for its size, so a reader of a
report can see which rule applied and a maintainer changes it in one place.
"""

from __future__ import annotations

import datetime as dt
import math
from verifier import recache as re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional, Sequence

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


def within(claimed: float, actual: float, tolerance: float, unit: float = 0.0) -> bool:
    """True when ``claimed`` is within ``tolerance`` (a fraction) of ``actual``, or, for a rounded
    figure whose last written digit is worth ``unit``, when ``actual`` rounds to it (half a unit away)."""
    off = abs(claimed - actual)
    return off <= tolerance * abs(actual) + 1e-9 or (unit > 0 and off <= unit / 2 * (1 + 1e-9))


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
    return list(_sorted_bars(data)[0]) if data.prices else []  # a fresh list: a caller may change its own


def bar_dates(data: TickerData) -> tuple[dt.date, ...]:
    return _sorted_bars(data)[1] if data.prices else ()


# id(bars list) -> (the list, a copy of it, the bars sorted by date, their dates): every check of an
# article asks for the same ticker's bars several times (sessions, coverage, the hour); a list that
# is not the same list holding the same bars (compared by identity, in C) is sorted again
_SORTED: dict[int, tuple[list[Bar], list[Bar], list[Bar], tuple[dt.date, ...]]] = {}


def _sorted_bars(data: TickerData) -> tuple[list[Bar], tuple[dt.date, ...]]:
    raw = data.prices.bars  # type: ignore[union-attr]
    hit = _SORTED.get(id(raw))
    if hit is not None and hit[0] is raw and hit[1] == raw:
        return hit[2], hit[3]
    ordered = sorted(raw, key=lambda b: b.date)
    dates = tuple(b.date for b in ordered)
    if type(raw) is list:
        if len(_SORTED) >= 64:
            _SORTED.clear()
        _SORTED[id(raw)] = (raw, list(raw), ordered, dates)
    return ordered, dates


def without_bars(data: TickerData, so: str, rule: str) -> Optional["Outcome"]:
    """``no_data`` when the data holds no daily bars ("..., so {so}."), else None: the check goes on."""
    from . import Outcome

    if bar_dates(data):
        return None
    return Outcome(
        "no_data", f"the market data for {data.ticker} holds no daily bars{missing_note(data, 'price', 'bar', 'histor')}, so {so}.", rule=rule
    )


COVERAGE_RULE = "data that does not cover the claim's period is unverifiable, not no_data"


def uncovered(reason: str, rule: str, evidence: Sequence[Evidence] = ()) -> "Outcome":
    """``unverifiable`` for a coverage gap: the data holds the ticker's part, not the period the claim needs.

    The one rule for both verdicts (README, "JSON report"): ``no_data`` when the source has nothing
    for the ticker or kind (the ticker absent from the snapshot, no bars at all, no analyst actions
    at all, no facts of that kind, a live source down: ``check_claim``, ``without_bars``,
    ``without_facts``); ``unverifiable`` when it has them, but they do not reach the claim's period
    or the sessions the comparison needs (a base or end bar outside the window, a range partly
    outside it, a total over a period the records only partly cover). Such a gap is neither
    evidence against the claim nor a failure of the source. ``reason`` names what is missing and
    what the data covers (``coverage``); the rule says which rule applied.
    """
    from . import Outcome

    return Outcome("unverifiable", reason, list(evidence), f"{rule}; {COVERAGE_RULE}")


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


def at_stated_time(claim: Claim, ctx: "CheckContext") -> Optional[tuple[Claim, "CheckContext"]]:
    """The claim as if published at the clock time it states ("10:42 ET - shares at $X"), or None.

    A live-blog entry's figure belongs to the minute of the entry, not to the page's publication
    time (often after the close): checked at that minute, an intraday figure meets the range of the
    session then in progress instead of a close it never claimed. The time is on New York's clock,
    so it is used for US listings only, and never when it would lie after the publication itself.
    """
    from dataclasses import replace

    fields = claim.fields
    stated = getattr(fields, "time", None)
    data = ctx.data
    if stated is None or data is None or exchange(data) != "XNYS":
        return None
    day = getattr(fields, "date", None) or publication_day(ctx.published_at, data)
    if day is None:
        return None
    if getattr(fields, "date", None) is not None and stated >= dt.time(16, 0):
        return None  # "[Wed 04 Feb · 16:00 ET] CLOSE ... (-1.3%)": a dated figure at the bell is that day's close
    moment = dt.datetime.combine(day, stated, timezone_of("XNYS"))
    if ctx.published_at is not None and ctx.published_precision == "time":
        published = ctx.published_at if ctx.published_at.tzinfo else ctx.published_at.replace(tzinfo=timezone_of("XNYS"))
        if moment > published:
            return None
    retimed = claim.model_copy(update={"fields": fields.model_copy(update={"date": None, "time": None})})
    return retimed, replace(ctx, published_at=moment, published_precision="time")


_EARNINGS_WORDS = re.compile(r"\b(?:earnings|results|report|print|figures|numbers|call)\b", re.I)
_AFTER_EVENT = re.compile(r"\b(?:day|session|trading day)\s+(?:after|following)\b", re.I)
_SINCE_EVENT = re.compile(r"^since\b", re.I)
EVENT_LOOKBACK_DAYS = 100  # the report a "since earnings" means is the latest one, at most a quarter and a bit old


def event_relative_day(reference: Optional[str], data: TickerData, published: Optional[dt.datetime]) -> Optional[tuple[str, dt.date, str]]:
    """The session a day given relative to earnings means, from the data's earnings dates.

    "the day after earnings" is the first session that traded on a report released after the close
    (a report before the open or at an unknown hour leaves "the day after" ambiguous: None);
    "since earnings" starts with the first session that traded on the latest report (before the
    open: that day; after the close: the next session). Returns (how, session, why) with how
    'day' or 'since', or None when the data does not settle it.
    """
    from ..market.calendar import is_session, next_session

    if not reference or not _EARNINGS_WORDS.search(reference) or published is None:
        return None
    day = publication_day(published, data)
    if day is None:
        return None
    reports = sorted(
        (e for e in data.events if e.event == "earnings" and e.date <= day and (day - e.date).days <= EVENT_LOOKBACK_DAYS),
        key=lambda e: e.date,
    )
    if not reports:
        return None
    report = reports[-1]
    exch, days = exchange(data), bar_dates(data)
    after_close = report.time == "after_close" or bool(re.fullmatch(r"(?:1[6-9]|2[0-3]):\d{2}", report.time or ""))
    before_open = report.time == "before_open" or bool(re.fullmatch(r"0?[0-8]:\d{2}|09:[0-2]\d", report.time or ""))
    if after_close:
        first = next_session(report.date, exch, days)
    elif before_open and is_session(report.date, exch, days):
        first = report.date
    else:
        return None
    if first is None or first > day:
        return None
    when = "after the close" if after_close else "before the open"
    why = f"the earnings report of {report.date} ({when}) first traded on {first}"
    if _AFTER_EVENT.search(reference) and after_close:
        return "day", first, why
    if _SINCE_EVENT.search(reference.strip()):
        return "since", first, why
    return None


# --------------------------------------------------------------------------- how the article writes a figure
#
# The claim's fields hold the figure as a number; how it was written (its last digit, a sign, a
# ceiling such as "as many as") is read back from the claim's quote, which always holds it.

_SCALE_WORDS = {
    "trillion": 1e12, "tn": 1e12, "tln": 1e12, "t": 1e12, "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "mm": 1e6, "m": 1e6, "thousand": 1e3, "k": 1e3,
}
_FIGURE = re.compile(
    r"(?:(?<![\w.,])(?P<sign>[+\-\u2212])(?=\s?[$\u20ac\u00a3\u00a5]?\s?\d))?\s?(?P<cur>[$\u20ac\u00a3\u00a5])?\s?"
    r"(?<![\d.,])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>trillion|billion|million|thousand|tln|bln|mln|tn|bn|mn|mm|[tbmk])(?![a-z]))?",
    re.IGNORECASE,
)
# a maximum: "up to $50 billion", "as many as 30,000", "rose as much as 9%", "at most", "no more than"
_CEILING = re.compile(
    r"\b(?:up\s+to|as\s+(?:many|much|high)\s+as|at\s+most|no\s+more\s+than|not\s+more\s+than|a\s+maximum\s+of|"
    r"maximum\s+of)\s*(?:[$\u20ac\u00a3\u00a5]|US\$)?\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Written:
    """One figure as the quote writes it: its size, the place value of its last digit, a written sign."""

    start: int
    end: int
    value: float
    unit: float  # "$3.8 billion": 1e8; "30,000": 1; "16k": 1000
    sign: str  # "+" or "-" when written before the number, else ""


def written_figures(quote: str) -> list[Written]:
    """Every number in ``quote`` with its scale word ("$3.8 billion", "16k", "30,000", "-9.6")."""
    out = []
    for m in _FIGURE.finditer(quote or ""):
        num = m.group("num")
        decimals = len(num.split(".")[1]) if "." in num else 0
        scale = _SCALE_WORDS.get((m.group("scale") or "").lower(), 1.0)
        value = float(num.replace(",", "")) * scale
        sign = (m.group("sign") or "").replace("\u2212", "-")
        out.append(Written(m.start("num"), m.end(), value, scale * 10.0 ** -decimals, sign))
    return out


def written_as(quote: str, value: float) -> Optional[Written]:
    """The figure of ``quote`` that is ``value`` (its size: a sign may come from a word), else None."""
    size = abs(value)
    for fig in written_figures(quote):
        if size and abs(fig.value - size) <= 1e-6 * size:
            return fig
    return None


def is_ceiling(quote: str, value: float) -> bool:
    """True when the quote gives ``value`` as a maximum ("as many as 30,000", "up to $50 billion").

    A maximum is not disproved by a smaller actual figure: the checks never contradict it for that.
    """
    fig = written_as(quote, value)
    return fig is not None and bool(_CEILING.search(quote[: fig.start].rstrip("+-\u2212 ")))


def explicit_sign(quote: str, value: float) -> bool:
    """True when the quote writes the figure with a sign ("+9.6%", "-9.6%"), not with a word ("fell 9.6%")."""
    fig = written_as(quote, value)
    return fig is not None and fig.sign in ("+", "-")


def _last_digit_from_value(value: float) -> float:
    """The place value of the last digit of ``value`` as a figure in millions/billions/trillions would write it."""
    size = abs(value)
    scale = next((s for s in (1e12, 1e9, 1e6) if size >= s), 1.0)
    scaled = size / scale
    for decimals in range(0, 4):
        if abs(scaled * 10**decimals - round(scaled * 10**decimals)) < 1e-6:
            return scale * 10.0**-decimals
    return scale * 1e-4


def rounding_tolerance(value: float, quote: str, floor: float, money_figure: bool = True) -> tuple[float, float]:
    """(tolerance, unit) for a figure given to few significant digits ("$3.8 billion": unit $0.1 billion).

    A rounded figure agrees with every record that rounds to it: the tolerance is half a unit of
    its last written digit, relative to the figure, and never less than ``floor`` (compare with
    ``within(claimed, actual, floor, unit)``, which applies the half unit exactly). The digits are
    read from the quote; without the figure in it, an amount of money is read as a figure in
    millions/billions/trillions would write it, a count as written out in full. A count written out
    in full ("14,000") has a unit of 1, so its tolerance stays ``floor``.
    """
    fig = written_as(quote, value)
    unit = fig.unit if fig is not None else (_last_digit_from_value(value) if money_figure else 1.0)
    if not value:
        return floor, unit
    return max(floor, unit / 2 / abs(value)), unit


def rounding_text(tol: float, floor: float, unit: str, base: str) -> str:
    """The tolerance as a reason states it: ``base`` unless rounding widened it past ``floor``."""
    if tol <= floor + 1e-12:
        return base
    return f"{tol * 100:.3g}% (half of {unit}, the last digit written: a rounded figure agrees with every record that rounds to it)"


# --------------------------------------------------------------------------- reports and rumours

REPORT_ATTRIBUTIONS = ("reported", "rumored")


def is_report(claim: Claim) -> bool:
    """True when the article passes the claim on from a third party, or as a rumour.

    Such a claim is contradicted only by a record that denies it or that settles the same fact
    beyond doubt (the README's "Company facts"): a report may concern another announcement, a
    plan or a stage of talks than the one the data records.
    """
    return claim.attribution in REPORT_ATTRIBUTIONS
