"""price_change: a percentage move, checked close-to-close on as-traded daily bars.

The session meant is the date the article names (a weekend or holiday means the session before),
else, at publication, the last completed session's close-to-close move and then the move of the
session in progress (its full-day low/high against the previous close: daily bars cannot show the
price at the minute of publication). A week/month/year-to-date/year move is measured from the last
close before that period to the close of the session meant. Tolerance: 0.3 percentage points; the
sign matters (a claimed fall when the shares rose is contradicted even inside the tolerance).
A split between the two closes is undone before the move is computed; a claimed move equal to the
raw, split-ignoring change is contradicted with that explanation. Published pre-market or after
the close with no date named, the gap to the next open is one more reading, and a move that matches
nothing may be extended-hours trading that daily bars cannot show: unverifiable, not contradicted.
A move whose size agrees but whose direction differs is contradicted only when the quote writes
the sign ("+9.6%"); a direction given by a word may be misread ("pared losses to 9.6%"). A maximum
("rose as much as 9%", an intraday extreme) is not contradicted by a smaller move.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

from verifier import recache as re

from ..market.base import Bar, TickerData
from ..market.calendar import next_session, previous_session, session_on_or_before
from ..schemas import Claim, Evidence, PriceChangeFields
from . import CheckContext, Outcome, register
from .common import (
    DATE_ONLY_NOTE,
    FLAT_PERCENT,
    PERCENT_POINTS_TOLERANCE,
    at_stated_time,
    bar_dates,
    coverage,
    event_relative_day,
    exchange,
    explicit_sign,
    hour_matters,
    is_ceiling,
    listing_currency,
    money,
    percent,
    price_evidence,
    publication_day,
    range_evidence,
    state_at,
    uncovered,
    unless_the_hour,
    without_bars,
)

RULE = f"close-to-close change within {PERCENT_POINTS_TOLERANCE:g} percentage points, same sign"


@dataclass
class Move:
    """A computed move: from the close of ``base`` to ``end`` (a close, or a range for a live session)."""

    label: str
    base_day: Optional[dt.date]
    end_day: dt.date
    base: Optional[Bar]
    end: Optional[Bar]
    live: bool = False  # the session in progress: compare with its low..high move
    split_factor: float = 1.0
    gap: str = ""  # "pre-market"/"after-hours": the move to the next open, which those quotes lead into

    @property
    def complete(self) -> bool:
        return self.base is not None and self.end is not None

    def base_close(self) -> float:
        assert self.base is not None
        return self.base.close / self.split_factor

    def values(self) -> tuple[float, float]:
        """Low and high of the move in percent (equal for a completed close-to-close move)."""
        assert self.end is not None
        base = self.base_close()
        if self.live:
            return (self.end.low / base - 1) * 100, (self.end.high / base - 1) * 100
        value = ((self.end.open if self.gap else self.end.close) / base - 1) * 100
        return value, value

    def matches(self, claimed: float) -> bool:
        low, high = self.values()
        inside = low - PERCENT_POINTS_TOLERANCE <= claimed <= high + PERCENT_POINTS_TOLERANCE
        return inside and not _opposite(claimed, low, high)

    def describe(self, currency: str) -> str:
        assert self.base is not None and self.end is not None
        low, high = self.values()
        split = f", after undoing a {self.split_factor:g}:1 split" if self.split_factor != 1 else ""
        if self.live:
            return (
                f"the {self.label} {self.end_day}: between {percent(low, True)} and {percent(high, True)} from the "
                f"{self.base_day} close of {money(self.base_close(), currency)} (its full-day low-high){split}"
            )
        if self.gap:
            return (
                f"the move to the next open, which {self.gap} quotes lead into: {percent(low, True)} "
                f"({money(self.base_close(), currency)} at the {self.base_day} close to {money(self.end.open, currency)} "
                f"at the {self.end_day} open){split}"
            )
        return (
            f"the {self.label} ending {self.end_day}: {percent(low, True)} ({money(self.base_close(), currency)} on "
            f"{self.base_day} to {money(self.end.close, currency)}){split}"
        )

    def evidence(self, data: TickerData) -> list[Evidence]:
        assert self.base is not None and self.end is not None
        if self.live:
            end = range_evidence(data, self.end, "; session in progress")
        elif self.gap:
            end = price_evidence(data, self.end, "open", f"; the open {self.gap} quotes lead into")
        else:
            end = price_evidence(data, self.end, "close")
        return [price_evidence(data, self.base, "close", "; base of the change"), end]


def _opposite(claimed: float, low: float, high: float) -> bool:
    """True when the claim and the whole computed move point different ways (flat moves excepted)."""
    if abs(claimed) < FLAT_PERCENT:
        return False
    if claimed > 0:
        return high <= -FLAT_PERCENT
    return low >= FLAT_PERCENT


def _period_base(period: str, end: dt.date, data: TickerData, start: Optional[dt.date] = None) -> tuple[Optional[dt.date], str]:
    """The session whose close a move over ``period`` (or since ``start``) is measured from."""
    exch, days = exchange(data), bar_dates(data)
    if start is not None:
        return previous_session(start, exch, days), f"move since {start}"
    if period == "week":
        start = end - dt.timedelta(days=end.weekday())
        return previous_session(start, exch, days), "week"
    if period == "month":
        return previous_session(end.replace(day=1), exch, days), "month"
    if period == "ytd":
        return previous_session(dt.date(end.year, 1, 1), exch, days), "year-to-date move"
    if period == "year":
        return session_on_or_before(end - dt.timedelta(days=365), exch, days), "one-year move"
    return previous_session(end, exch, days), "session"


def _gap(data: TickerData, base_day: dt.date, end_day: Optional[dt.date], gap: str) -> Optional[Move]:
    """The move from a close to the next open, when the data already holds that open."""
    if end_day is None or data.bar_on(end_day) is None:
        return None
    factor = 1.0
    for split in data.splits:
        if base_day < split.date <= end_day:
            factor *= split.ratio
    return Move("gap", base_day, end_day, data.bar_on(base_day), data.bar_on(end_day), split_factor=factor, gap=gap)


def _move(data: TickerData, period: str, end_day: dt.date, live: bool = False, start: Optional[dt.date] = None) -> Move:
    base_day, label = _period_base(period, end_day, data, start)
    base = data.bar_on(base_day) if base_day else None
    factor = 1.0
    if base_day:
        for split in data.splits:
            if base_day < split.date <= end_day:
                factor *= split.ratio
    return Move(label, base_day, end_day, base, data.bar_on(end_day), live=live, split_factor=factor)


def _date_only_moves(data: TickerData, period: str, day: dt.date, named: bool, start: Optional[dt.date] = None) -> list[Move]:
    """Every move a claim may mean when the article gives its date (a session) but not its hour."""
    exch, days = exchange(data), bar_dates(data)
    prev = previous_session(day, exch, days)
    moves: list[Move] = []
    if prev is not None and not named:
        moves.append(_move(data, period, prev, start=start))  # written before the open: the last completed session
    moves.append(_move(data, period, day, start=start))  # written after the close
    moves.append(_move(data, period, day, live=True, start=start))  # written during the session
    if period == "day" and prev is not None:
        gap = _gap(data, prev, day, "pre-market")
        if gap is not None:
            moves.append(gap)
        if not named:
            gap = _gap(data, day, next_session(day, exch, days), "after-hours")
            if gap is not None:
                moves.append(gap)
    return moves


@register("price_change")
def check_price_change(claim: Claim, ctx: CheckContext) -> Outcome:
    return _checked(claim, ctx)


def _checked(claim: Claim, ctx: CheckContext, exact_span: bool = False) -> Outcome:
    """The check; ``exact_span``: the span's first day comes from the data (the session that first traded
    on an earnings report), not from loose words, so a wrong figure over it is contradicted."""
    fields = claim.fields
    assert isinstance(fields, PriceChangeFields)
    if fields.date is None and fields.period_start is None and fields.time_reference:
        resolved = event_relative_day(fields.time_reference, ctx.data, ctx.published_at) if ctx.data is not None else None
        if resolved is not None:
            how, session, why = resolved
            update = {"date": session, "period": "day"} if how == "day" else {"period_start": session, "period": "unspecified"}
            placed = claim.model_copy(update={"fields": fields.model_copy(update={**update, "time_reference": None})})
            outcome = _checked(placed, ctx, exact_span=how == "since")
            outcome.reason = f"'{fields.time_reference}': {why}, so {outcome.reason}"
            return outcome
        return Outcome("unverifiable", f"the article places the {percent(fields.percent, True)} move on "
                       f"'{fields.time_reference}', a day it does not date, so no session can be chosen.", rule=RULE)
    retimed = at_stated_time(claim, ctx)
    if retimed is not None:
        stated = fields.time
        assert stated is not None
        outcome = _checked(*retimed)
        outcome.reason = f"the article times the move at {stated:%H:%M} New York time, so it is read at that minute: {outcome.reason}"
        return outcome
    hour_day = hour_matters(fields.date, ctx)
    outcome = _check_price_change(claim, ctx, hour_day)
    if fields.period_start is not None and fields.period not in ("week", "month", "ytd", "year") and not exact_span:
        outcome = outcome.not_disproved(
            f"the article names the span only roughly (from about {fields.period_start}), "
            "so a different starting day could give its figure: this does not disprove it.",
            "a loosely named span never contradicts", RULE,
        )
    if fields.period in ("day", "unspecified") and fields.period_start is None and not exact_span:
        outcome = _unread_span(claim, outcome)
    return unless_the_hour(outcome, hour_day, "move", RULE)


# words naming a span longer than a session ("for the year", "in the week ended January 19", "for calendar
# 2017", "since New Year's", "year to date"): when the claim's fields hold no such span, it was not read
_SPAN_CUE = re.compile(
    r"\b(?:for|in|during|over|through(?:out)?|across|of)\s+(?:the\s+|this\s+|last\s+|past\s+|calendar\s+|fiscal\s+)?"
    r"(?:(?:full\s+)?year|week|month|quarter|(?:19|20)\d\d)\b"
    r"|\bweek\s+(?:ended|ending|to)\b|\bsince\b|\b(?:year|month|quarter)[- ]to[- ]date\b|\bytd\b"
    r"|\bso\s+far\s+this\b|\ball\s+year\b|\b(?:annual|yearly|weekly|monthly)\b"
    r"|\b(?:this|the|that)\s+(?:statement\s+|reporting\s+)?period\b",  # a statement's "change this period"
    re.I,
)
# a move this large, with no span and no day named, is far likelier a month's or a year's than one session's
SESSION_SIZE_DOUBT = 20.0


def _unread_span(claim: Claim, outcome: Outcome) -> Outcome:
    """A contradiction of a move read as one session's is not a disproof when the claim's words name a longer
    span the fields do not hold, or when a very large move has neither a span nor a day: the move compared
    may not be the one the article means."""
    fields = claim.fields
    assert isinstance(fields, PriceChangeFields)
    cue = _SPAN_CUE.search(claim.quote)
    if cue is not None:
        return outcome.not_disproved(
            f"the claim's words name a span longer than a session ('{cue.group(0)}') that was not read into its "
            "dates, so the move compared may not be the one it means: this does not disprove it.",
            "a span named in the words but not read never contradicts", RULE,
        )
    if fields.date is None and fields.period == "unspecified" and abs(fields.percent) >= SESSION_SIZE_DOUBT:
        return outcome.not_disproved(
            f"the article names neither a day nor a span for a move of {percent(abs(fields.percent))}, a size far "
            "likelier over months than in one session, so the session compared may not be the span it means: "
            "this does not disprove it.",
            "a very large move with no day or span named never contradicts", RULE,
        )
    return outcome


def _check_price_change(claim: Claim, ctx: CheckContext, hour_day: Optional[dt.date]) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, PriceChangeFields)
    data = ctx.data
    assert data is not None
    cur = listing_currency(data)
    claimed = percent(fields.percent, True)
    period = fields.period if fields.period in ("week", "month", "ytd", "year") else "day"
    # a span the article names ("since October", "over the past four months"): measured from the close
    # before its first day, which such phrases give only roughly
    span_start = fields.period_start if period == "day" and fields.period_start else None
    if span_start is not None:
        period = "span"

    if (no_bars := without_bars(data, f"the {claimed} move cannot be computed", RULE)) is not None:
        return no_bars
    state = state_at(ctx.published_at, data)
    pub_day = publication_day(ctx.published_at, data)
    own_day = ctx.published_at.date() if ctx.published_at is not None else None
    if fields.date is None and state is None:
        return Outcome(
            "unverifiable",
            f"the article gives no publication time and no date for the {claimed} move, so no session can be chosen (pass --published).",
            rule=RULE,
        )

    moves: list[Move] = []
    date_only = ctx.published_precision == "date"
    at_publication = False
    if hour_day is not None:
        moves = _date_only_moves(data, period, hour_day, named=fields.date is not None, start=span_start)
        context = f"{DATE_ONLY_NOTE}, {hour_day}: every session it may mean was tried"
    elif fields.date is None or (state is not None and fields.date in {pub_day, own_day} and not date_only):
        assert state is not None
        at_publication = True  # the move is the article's "now" (no day named, or only its own day)
        context = f"{DATE_ONLY_NOTE}, {pub_day}, no trading day" if date_only else f"published {state.at:%Y-%m-%d %H:%M %Z}"
        if state.last_completed:
            moves.append(_move(data, period, state.last_completed, start=span_start))
        if state.in_progress:
            moves.append(_move(data, period, state.in_progress, live=True, start=span_start))
        if state.extended_hours and period == "day" and state.last_completed:
            if state.phase == "pre_open":
                gap = _gap(data, state.last_completed, state.local_date, "pre-market")
            else:
                gap = _gap(data, state.last_completed, next_session(state.local_date, exchange(data), bar_dates(data)), "after-hours")
            if gap is not None:
                moves.append(gap)
    else:
        if pub_day is not None and fields.date > max(pub_day, own_day or pub_day):
            return Outcome(
                "unverifiable",
                f"the article dates the {claimed} move to {fields.date}, after its own publication on {pub_day}.",
                rule=RULE,
            )
        session = session_on_or_before(fields.date, exchange(data), bar_dates(data))
        context = f"the article names {fields.date}"
        if session is not None and session != fields.date:
            context += f", no trading day; the session before is {session}"
        if session is not None:
            moves.append(_move(data, period, session, start=span_start))
    if state is not None and state.note:
        context += f"; {state.note}"

    complete = [m for m in moves if m.complete]
    if not complete:
        return uncovered(
            f"the data lacks the bars needed for the {claimed} move ({_missing_days(moves)}); {coverage(data)} ({context}).",
            RULE,
        )
    for move in complete:
        if move.matches(fields.percent):
            return Outcome(
                "supported",
                f"{claimed} agrees with {move.describe(cur)}, within {PERCENT_POINTS_TOLERANCE:g} percentage points ({context}).",
                move.evidence(data),
                RULE,
            )
    incomplete = [m for m in moves if not m.complete]
    compared = "; nor ".join(m.describe(cur) for m in complete)
    if incomplete:
        return uncovered(
            f"{claimed} does not agree with {compared}, and the data lacks the bars for the other session that could settle it "
            f"({_missing_days(incomplete)}); {coverage(data)} ({context}).",
            RULE,
            [e for m in complete for e in m.evidence(data)],
        )
    for move in complete:
        if move.split_factor != 1 and not move.live and not move.gap:
            assert move.base is not None and move.end is not None
            raw = (move.end.close / move.base.close - 1) * 100
            if abs(raw - fields.percent) <= PERCENT_POINTS_TOLERANCE:
                return Outcome(
                    "contradicted",
                    f"{claimed} is the raw change from {money(move.base.close, cur)} on {move.base_day} to "
                    f"{money(move.end.close, cur)} on {move.end_day}, ignoring the {move.split_factor:g}:1 split in between; "
                    f"the real move was {percent(move.values()[0], True)} ({context}).",
                    move.evidence(data),
                    RULE + "; splits undone",
                )
    # before the open, "today" can only be pre-market trading (the day's session has not begun); after the close a
    # named "today" points at the regular session, which the closes settle
    if (at_publication and state is not None and state.extended_hours and period == "day"
            and (fields.date is None or state.phase == "pre_open")):
        return Outcome(
            "unverifiable",
            f"{claimed} was published {'before the open' if state.phase == 'pre_open' else 'after the close'} "
            f"({state.at:%H:%M %Z}), when it may describe extended-hours trading, which daily bars do not show; "
            f"it does not agree with {compared}.",
            [e for m in complete for e in m.evidence(data)],
            RULE + "; extended-hours moves cannot be checked on daily bars",
        )
    ev = [e for m in complete for e in m.evidence(data)]
    if is_ceiling(claim.quote, fields.percent) and any(_smallest_size(m) < abs(fields.percent) for m in complete):
        return Outcome(
            "unverifiable",
            f"the article gives {claimed} as a maximum (\"as much as\", \"up to\"), and a smaller move does not disprove "
            f"a maximum (an intraday extreme, which daily closes do not show): {compared} ({context}).",
            ev,
            RULE + "; a ceiling is not contradicted by a smaller move",
        )
    if not explicit_sign(claim.quote, fields.percent) and any(m.matches(-fields.percent) for m in complete):
        return Outcome(
            "unverifiable",
            f"the size agrees; the direction word is ambiguous: {percent(abs(fields.percent))} matches {compared} in size, "
            f"but the other way, and the article gives the direction in words, not with a sign ({context}).",
            ev,
            RULE + "; a move whose size agrees is not contradicted on a direction read from words",
        )
    if all(_opposite(fields.percent, *m.values()) for m in complete):
        reason = f"{claimed} has the wrong sign: the shares moved the other way, {compared} ({context})."
    else:
        reason = f"{claimed} is more than {PERCENT_POINTS_TOLERANCE:g} percentage points away from {compared} ({context})."
    return Outcome("contradicted", reason, ev, RULE)


def _missing_days(moves: list[Move]) -> str:
    """The sessions whose bars the moves lack ('2019-12-31, 2020-04-30'), for a coverage-gap reason."""
    wanted = sorted({str(d) for m in moves for d, b in ((m.base_day, m.base), (m.end_day, m.end)) if b is None and d})
    return ", ".join(wanted) or "no session known"


def _smallest_size(move: Move) -> float:
    """The smallest size (absolute percent) the move reached: 0 for a live range that crosses the previous close."""
    low, high = move.values()
    return 0.0 if low <= 0 <= high else min(abs(low), abs(high))
