"""stock_price: a share price the article states, checked against as-traded daily bars.

Which session a price refers to:
- no date named, or the publication day named: the close of the last session completed before
  publication (within 0.5%), else the range of the session in progress at publication (the full
  day's low-high, which includes trading after publication: daily bars are all the data holds);
  "opened at" takes the open, "trading at" the range first;
- another date named: that session's value for the stated basis (close/open/high/low, within 0.5%)
  or, with no basis, its close or its range; a weekend or holiday date means the session before.

Published outside regular hours on a session day (pre-market, after-hours), the open of the next
session, which those quotes lead into, is one more reading (not for "opened at", an open that took
place); with no date named and nothing
matching, the price may be an extended-hours quote that daily bars cannot show: unverifiable, not
contradicted ("closed at" is still settled by the close).

A stated direction ("decline to" = down) is then checked against the close of the session before
the one that matched. A price quoted in another currency than the listing's is never matched
silently: when the figure equals the listing-currency price the currency is wrong (contradicted),
otherwise it cannot be compared without an exchange rate (unverifiable). Prices are as traded; a
figure that matches only after applying a split is a pre/post-split mix-up and is contradicted.
"""

from __future__ import annotations

import datetime as dt
from verifier import recache as re
from dataclasses import dataclass
from typing import Optional

from ..market.base import Bar, TickerData
from ..market.calendar import SessionState, next_session, previous_session, session_on_or_before
from ..schemas import Claim, Evidence, StockPriceFields
from . import CheckContext, Outcome, register
from .common import (
    DATE_ONLY_NOTE,
    PRICE_TOLERANCE,
    RANGE_EDGE_TOLERANCE,
    at_stated_time,
    bar_dates,
    bars,
    coverage,
    event_relative_day,
    exchange,
    hour_matters,
    listing_currency,
    money,
    price_evidence,
    publication_day,
    range_evidence,
    state_at,
    tolerance_text,
    uncovered,
    unless_the_hour,
    within,
    without_bars,
)

RULE = (
    f"price within {tolerance_text(PRICE_TOLERANCE)} of the close of the last completed session, "
    f"inside the range of the session in progress ({tolerance_text(RANGE_EDGE_TOLERANCE)} edge), or the named day's value"
)


@dataclass
class Candidate:
    """One reading of the claim: a session's value (``field``) or its range (``field`` = 'range')."""

    session: dt.date
    field: str  # close, open, high, low or range
    role: str  # e.g. "the last session completed before publication"
    bar: Optional[Bar]

    def matches(self, price: float) -> bool:
        if self.bar is None:
            return False
        if self.field == "range":
            return self.bar.low * (1 - RANGE_EDGE_TOLERANCE) <= price <= self.bar.high * (1 + RANGE_EDGE_TOLERANCE)
        return within(price, getattr(self.bar, self.field), PRICE_TOLERANCE)

    def verb(self) -> str:
        if self.field == "range":
            return f"lies inside (edge tolerance {tolerance_text(RANGE_EDGE_TOLERANCE)})"
        return f"is within {tolerance_text(PRICE_TOLERANCE)} of"

    def describe(self, currency: str) -> str:
        if self.bar is None:
            return f"the {self.field} of {self.session} ({self.role}; no bar in the data)"
        if self.field == "range":
            return (
                f"the {self.session} range {money(self.bar.low, currency)}-{money(self.bar.high, currency)} ({self.role})"
            )
        return f"the {self.session} {self.field} of {money(getattr(self.bar, self.field), currency)} ({self.role})"

    def evidence(self, data: TickerData) -> Evidence:
        if self.field == "range":
            assert self.bar is not None
            return range_evidence(data, self.bar, f"; {self.role}")
        assert self.bar is not None
        return price_evidence(data, self.bar, self.field, f"; {self.role}")


# A quote page's "previous close" is the close before the session it shows: after the bell that is
# still the day before (pages roll it over at the next open), so both closes are fair readings then.
_PREVIOUS_CLOSE = re.compile(r"\b(?:prev(?:ious|\.)?|prior)\s+(?:day'?s?\s+|session'?s?\s+)?close\b", re.I)


def _at_publication(fields: StockPriceFields, state: SessionState, data: TickerData, quote: str = "") -> list[Candidate]:
    """Readings of a price stated 'now': the last completed session and the one in progress."""
    completed, live = [], []
    if state.last_completed:
        field = fields.basis if fields.basis in ("open", "high", "low") else "close"
        completed.append(
            Candidate(state.last_completed, field, "the last session completed before publication", data.bar_on(state.last_completed))
        )
        if (fields.basis in ("close", "unspecified") and _PREVIOUS_CLOSE.search(quote)
                and state.phase == "after_close" and state.last_completed == state.local_date):
            before = previous_session(state.last_completed, exchange(data), bar_dates(data))
            if before is not None:
                completed.append(Candidate(
                    before, "close", "the close before the session that just ended, which a quote page shows as "
                    "'previous close' until the next open", data.bar_on(before),
                ))
    if state.in_progress:
        role = "the session in progress at publication; its full-day range"
        bar = data.bar_on(state.in_progress)
        field = "open" if fields.basis == "open" else "range"
        if fields.basis != "close":
            live.append(Candidate(state.in_progress, field, role, bar))
    elif fields.basis in ("intraday", "high", "low") and state.phase == "after_close" and state.last_completed == state.local_date:
        # "traded as high as $X", "at times cost $X" in the evening's copy: a price of the session that just ended
        live.append(Candidate(state.local_date, "range", "the session that ended before publication; its full-day range",
                              data.bar_on(state.local_date)))
    extended = []
    # "opened at $X" is an open that took place: never the next session's, which had not traded at publication
    if state.extended_hours and fields.basis in ("unspecified", "intraday"):
        upcoming = state.local_date if state.phase == "pre_open" else next_session(state.local_date, exchange(data), bar_dates(data))
        bar = data.bar_on(upcoming) if upcoming else None
        crosses_split = upcoming is not None and any(state.local_date < sp.date <= upcoming for sp in data.splits)
        if upcoming and bar is not None and not crosses_split:  # the data holds it (it traded after publication)
            role = f"the open of the next session, which {'pre-market' if state.phase == 'pre_open' else 'after-hours'} quotes lead into"
            extended.append(Candidate(upcoming, "open", role, bar))
    if fields.basis in ("intraday", "open", "high", "low"):
        return live + completed + extended
    return completed + live + extended


def _on_named_day(fields: StockPriceFields, session: dt.date, data: TickerData, role: str) -> list[Candidate]:
    bar = data.bar_on(session)
    if fields.basis in ("close", "open", "high", "low"):
        return [Candidate(session, fields.basis, role, bar)]
    if fields.basis == "intraday":
        return [Candidate(session, "range", role, bar)]
    return [Candidate(session, "close", role, bar), Candidate(session, "range", role, bar)]


def _split_factors(data: TickerData, session: dt.date) -> list[tuple[float, str]]:
    """Factors that turn a mis-adjusted price into the as-traded one, with how to say it."""
    out: list[tuple[float, str]] = []
    later = sorted((s for s in data.splits if s.date > session), key=lambda s: s.date)
    factor = 1.0
    for split in later:  # a split-adjusted (today's) price quoted for a day before the split
        factor *= split.ratio
        out.append((factor, f"multiplying by the {split.ratio:g}:1 split of {split.date}, which came after {session}"))
    earlier = sorted((s for s in data.splits if s.date <= session), key=lambda s: s.date, reverse=True)
    factor = 1.0
    for split in earlier:  # a pre-split price quoted for a day after the split
        factor /= split.ratio
        out.append((factor, f"dividing by the {split.ratio:g}:1 split of {split.date}, which took effect before {session}"))
    return out


def _direction(fields: StockPriceFields, match: Candidate, data: TickerData) -> tuple[Optional[bool], str, list[Evidence]]:
    """Whether the stated direction holds against the close of the session before the match."""
    if fields.direction is None:
        return True, "", []
    cur = listing_currency(data)
    prev_day = previous_session(match.session, exchange(data), bar_dates(data))
    prev_bar = data.bar_on(prev_day) if prev_day else None
    if prev_bar is None:
        return None, f"; the stated direction ({fields.direction}) was not checked: no bar for the session before {match.session}", []
    ratio = 1.0
    for split in data.splits:  # a split between the two sessions: compare like with like
        if prev_bar.date < split.date <= match.session:
            ratio *= split.ratio
    base = prev_bar.close / ratio
    price = fields.price
    if fields.direction == "unchanged":
        ok = within(price, base, RANGE_EDGE_TOLERANCE)
        actual = "unchanged" if ok else ("up" if price > base else "down")
    else:
        actual = "up" if price > base else "down" if price < base else "unchanged"
        ok = actual == fields.direction
    word = {"up": "up from", "down": "down from", "unchanged": "unchanged from"}[actual]
    adjusted = f" (after the {ratio:g}:1 split)" if ratio != 1 else ""
    text = f"{word} the previous close {money(base, cur)}{adjusted} on {prev_day}"
    ev = [price_evidence(data, prev_bar, "close", "; the previous close, for the stated direction")]
    return ok, text, ev


def _date_only_readings(fields: StockPriceFields, day: dt.date, data: TickerData) -> list[Candidate]:
    """Every session a price stated "now" may mean when the article gives its date but not its hour."""
    exch, days = exchange(data), bar_dates(data)
    prev = previous_session(day, exch, days)
    field = fields.basis if fields.basis in ("close", "open", "high", "low") else "close"
    out: list[Candidate] = []
    if prev is not None:
        out.append(Candidate(prev, field, f"the last session before {day}, if the article was written before the {day} {field}", data.bar_on(prev)))
    out.append(Candidate(day, field, f"the {day} session, if the article was written after its {field}", data.bar_on(day)))
    if fields.basis in ("unspecified", "intraday", "high", "low"):
        out.append(Candidate(day, "range", f"the {day} session, if the article was written during it; its full-day range", data.bar_on(day)))
    if fields.basis in ("unspecified", "intraday", "open"):
        upcoming = next_session(day, exch, days)
        crosses_split = upcoming is not None and any(day < sp.date <= upcoming for sp in data.splits)
        if upcoming is not None and data.bar_on(upcoming) is not None and not crosses_split:
            out.append(Candidate(upcoming, "open", f"the open of {upcoming}, which after-hours quotes of {day} lead into", data.bar_on(upcoming)))
    return out


WINDOW_DAYS = {"52_week": 365}  # calendar days a window covers, ending on the publication day
_WINDOW_WORDS = {"52_week": "52-week", "all_time": "all-time"}


def _window_extreme(fields: StockPriceFields, ctx: CheckContext) -> Outcome:
    """A 52-week or all-time high/low with no day named: the extreme of that window's bars, when they cover it.

    Sources take such extremes from closes or from intraday prices, and cut the window differently,
    so a figure that matches neither is not disproved: only a match settles it (supported).
    """
    data = ctx.data
    assert data is not None
    cur = listing_currency(data)
    claimed = money(fields.price, fields.currency)
    words = f"{_WINDOW_WORDS[fields.window or 'all_time']} {fields.basis if fields.basis in ('high', 'low') else 'extreme'}"
    rule = RULE + "; a high or low over a window is matched against the window's bars, never contradicted"
    end = publication_day(ctx.published_at, data)
    days = WINDOW_DAYS.get(fields.window or "")
    if end is None or days is None or fields.basis not in ("high", "low") or fields.currency != cur:
        return Outcome("unverifiable", f"{claimed} is stated as a {words}; the data cannot show the extreme of that "
                       "window (it holds a few weeks or months of daily bars at most), so it cannot be compared.", rule=rule)
    start = end - dt.timedelta(days=days)
    window = [b for b in data.prices.bars if start <= b.date <= end] if data.prices else []
    covered = bool(window) and (window[0].date - start).days <= 5
    if not covered:
        return uncovered(f"{claimed} is stated as a {words}, but the data's bars ({coverage(data)}) do not "
                         f"cover the window from {start} to {end}, so its extreme is unknown.", rule)
    pick = max if fields.basis == "high" else min
    readings = [(pick(window, key=lambda b, f=f: getattr(b, f)), f) for f in (fields.basis, "close")]
    for bar, field in readings:
        if within(fields.price, getattr(bar, field), PRICE_TOLERANCE):
            return Outcome("supported", f"{claimed} is within {tolerance_text(PRICE_TOLERANCE)} of the {words} of the bars "
                           f"from {start} to {end}: the {field} of {money(getattr(bar, field), cur)} on {bar.date}.",
                           [price_evidence(data, bar, field, f"; the {words} of the window")], rule)
    shown = "; ".join(f"the {field} of {money(getattr(bar, field), cur)} on {bar.date}" for bar, field in readings)
    return Outcome("unverifiable", f"{claimed} does not match the {words} of the bars from {start} to {end} ({shown}), but "
                   "sources take such extremes from closes or intraday prices, adjusted or as traded, so this does not disprove it.",
                   [price_evidence(data, bar, field, f"; the {words} of the window") for bar, field in readings], rule)


@register("stock_price")
def check_stock_price(claim: Claim, ctx: CheckContext) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, StockPriceFields)
    if fields.date is None and fields.time_reference:
        resolved = event_relative_day(fields.time_reference, ctx.data, ctx.published_at) if ctx.data is not None else None
        if resolved is not None and resolved[0] == "day":
            _, session, why = resolved
            placed = claim.model_copy(update={"fields": fields.model_copy(update={"date": session, "time_reference": None})})
            outcome = check_stock_price(placed, ctx)
            outcome.reason = f"'{fields.time_reference}': {why}, so {outcome.reason}"
            return outcome
        return Outcome("unverifiable", f"the article places {money(fields.price, fields.currency)} on "
                       f"'{fields.time_reference}', a day it does not date, so no session can be chosen.", rule=RULE)
    if fields.window is not None and fields.date is None and ctx.data is not None and bar_dates(ctx.data):
        return _window_extreme(fields, ctx)
    retimed = at_stated_time(claim, ctx)
    if retimed is not None:
        stated = fields.time
        assert stated is not None
        claim, ctx = retimed
        outcome = check_stock_price(claim, ctx)
        outcome.reason = f"the article times the price at {stated:%H:%M} New York time, so it is read at that minute: {outcome.reason}"
        return outcome
    hour_day = hour_matters(fields.date, ctx, over_by_then=fields.basis in ("close", "open", "high", "low"))
    return unless_the_hour(_check_stock_price(claim, ctx, hour_day), hour_day, "price", RULE)


def _check_stock_price(claim: Claim, ctx: CheckContext, hour_day: Optional[dt.date]) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, StockPriceFields)
    data = ctx.data
    assert data is not None
    cur = listing_currency(data)
    claimed = money(fields.price, fields.currency)

    if (no_bars := without_bars(data, f"{claimed} cannot be compared with a traded price", RULE)) is not None:
        return no_bars
    state = state_at(ctx.published_at, data)
    pub_day = publication_day(ctx.published_at, data)
    if fields.date is None and state is None:
        return Outcome(
            "unverifiable",
            f"the article gives no publication time and no date for {claimed}, so no trading session can be chosen to compare it with (pass --published).",
            rule=RULE,
        )

    note = f"; {state.note}" if state is not None and state.note else ""
    own_day = ctx.published_at.date() if ctx.published_at is not None else None
    if fields.date is not None and pub_day is not None and fields.date > max(pub_day, own_day or pub_day):
        return Outcome(
            "unverifiable",
            f"the article dates {claimed} to {fields.date}, after its own publication on {pub_day}; a price cannot be known before it trades.",
            rule=RULE,
        )
    date_only = ctx.published_precision == "date"
    at_publication = fields.date is None or (state is not None and fields.date in {pub_day, own_day} and not date_only)
    if hour_day is not None:
        candidates = _date_only_readings(fields, hour_day, data)
        context = f"{DATE_ONLY_NOTE}, {hour_day}: every session it may mean was tried"
        note = ""
    elif at_publication and date_only and state is not None and state.in_progress is None:
        # a date alone on a day without a session (a weekend): the last session before it, whatever the hour
        candidates = _at_publication(fields, state, data, claim.quote)
        context = f"{DATE_ONLY_NOTE}, {pub_day}, no trading day"
    elif at_publication:
        assert state is not None
        candidates = _at_publication(fields, state, data, claim.quote)
        context = f"published {state.at:%Y-%m-%d %H:%M %Z}"
        if not candidates:
            return uncovered(f"no trading session is known before {state.at:%Y-%m-%d %H:%M} ({coverage(data)}){note}.", RULE)
    else:
        session = session_on_or_before(fields.date, exchange(data), bar_dates(data))
        if session is None:
            return uncovered(f"no trading session on or before {fields.date} is known ({coverage(data)}).", RULE)
        role = "the day the article names"
        context = f"the article names {fields.date}"
        if session != fields.date:
            role = f"{fields.date} was no trading day, so the session before it"
            context += f", which was no trading day (weekend or holiday); the session before is {session}"
        candidates = _on_named_day(fields, session, data, role)

    present = [c for c in candidates if c.bar is not None]
    absent = [c for c in candidates if c.bar is None]
    if not present:
        days = ", ".join(sorted({str(c.session) for c in absent}))
        return uncovered(f"the data has no bar for {days} ({candidates[0].role}) to compare {claimed} with; {coverage(data)}{note}.", RULE)

    if fields.currency != cur:
        return _currency_mismatch(fields, present, data, context)

    matches = [c for c in present if c.matches(fields.price)]
    if matches:
        first_outcome: Optional[Outcome] = None
        for match in matches:
            ok, direction_text, direction_ev = _direction(fields, match, data)
            evidence = [match.evidence(data), *direction_ev]
            if ok is False:
                if first_outcome is None:
                    first_outcome = Outcome(
                        "contradicted",
                        f"{claimed} matches {match.describe(cur)}, but that price was {direction_text}, not '{fields.direction}' as the article says ({context}).",
                        evidence,
                        RULE + "; direction against the previous close",
                    )
                continue
            if ok is None:
                direction_clause = direction_text
            elif direction_text:
                direction_clause = f"; {direction_text}, as stated"
            else:
                direction_clause = ""
            return Outcome(
                "supported",
                f"{claimed} {match.verb()} {match.describe(cur)}{direction_clause} ({context}){note}.",
                evidence,
                RULE,
            )
        assert first_outcome is not None
        return first_outcome

    if absent:
        days = ", ".join(sorted({str(c.session) for c in absent}))
        return uncovered(
            f"{claimed} does not match {'; nor '.join(c.describe(cur) for c in present)}, and the data has no bar for {days} "
            f"({absent[0].role}), which could settle it; {coverage(data)} ({context}).",
            RULE,
            [c.evidence(data) for c in present],
        )

    for candidate in present:
        for factor, how in _split_factors(data, candidate.session):
            if candidate.matches(fields.price * factor):
                return Outcome(
                    "contradicted",
                    f"{claimed} matches {candidate.describe(cur)} only after {how}: the article mixes split-adjusted and "
                    f"as-traded prices; the price as traded was not {claimed} ({context}).",
                    [candidate.evidence(data)],
                    RULE + "; prices as traded, splits checked",
                )

    compared = "; nor ".join(c.describe(cur) for c in present)
    if fields.date is None and state is not None and state.extended_hours and fields.basis in ("unspecified", "intraday"):
        return Outcome(
            "unverifiable",
            f"{claimed} was published {'before the open' if state.phase == 'pre_open' else 'after the close'} "
            f"({state.at:%H:%M %Z}), when it may be an extended-hours quote, which daily bars do not show; "
            f"it does not match {compared}.",
            [c.evidence(data) for c in present],
            RULE + "; extended-hours quotes cannot be checked on daily bars",
        )
    shared = _date_of_another_figure(claim, present, data, ctx)
    if shared is not None:
        bar = shared
        return Outcome(
            "unverifiable",
            f"{claimed} is not within {tolerance_text(PRICE_TOLERANCE)} of {compared} ({context}){note}; but the sentence "
            f"gives more than one price and the day was read for all of them, and {claimed} matches the {bar.date} close "
            f"of {money(bar.close, cur)}, so the day named may belong to the other figure: this does not disprove it.",
            [c.evidence(data) for c in present] + [price_evidence(data, bar, "close", "; a nearby session")],
            RULE + "; a price sharing a sentence's one day with another price is not contradicted when it matches a nearby close",
        )
    return Outcome(
        "contradicted",
        f"{claimed} is not within {tolerance_text(PRICE_TOLERANCE)} of {compared} ({context}){note}.",
        [c.evidence(data) for c in present],
        RULE,
    )


_PRICE_FIGURE = re.compile(r"[$€£¥]\s?(\d[\d,]*(?:\.\d+)?)(?!\s?(?:k|m|bn|million|billion|trillion)\b)", re.I)
NEARBY_SESSIONS = 5  # sessions either side of the compared one a sentence's other dated price may be about


def _date_of_another_figure(claim: Claim, present: list[Candidate], data: TickerData, ctx: CheckContext) -> Optional[Bar]:
    """The close of a session near the compared one that the price matches, when the quote gives another price too:
    "it closed at $66.24 on Monday and finished at $63.83 on Tuesday" read with one day for both prices."""
    fields = claim.fields
    assert isinstance(fields, StockPriceFields)
    if fields.date is None or fields.basis not in ("close", "unspecified"):
        return None
    prices = {float(m.group(1).replace(",", "")) for m in _PRICE_FIGURE.finditer(claim.quote)}
    if len([p for p in prices if abs(p - fields.price) > 1e-9]) == 0:
        return None
    ordered = bars(data)
    days = [b.date for b in ordered]
    compared = {c.session for c in present}
    latest = ctx.published_at.date() if ctx.published_at is not None else None
    for session in compared:
        if session not in days:
            continue
        at = days.index(session)
        for bar in ordered[max(0, at - NEARBY_SESSIONS): at + NEARBY_SESSIONS + 1]:
            if bar.date in compared or (latest is not None and bar.date > latest):
                continue
            if abs(bar.close - fields.price) <= RANGE_EDGE_TOLERANCE * bar.close:  # the same figure, rounded
                return bar
    return None


def _currency_mismatch(fields: StockPriceFields, present: list[Candidate], data: TickerData, context: str) -> Outcome:
    cur = listing_currency(data)
    claimed = money(fields.price, fields.currency)
    rule = RULE + "; currencies must agree (no exchange rates in the data)"
    for candidate in present:
        if candidate.matches(fields.price):
            return Outcome(
                "contradicted",
                f"the article quotes {claimed}, but {data.ticker} trades in {cur} and the figure equals {candidate.describe(cur)}: "
                f"the currency is wrong ({context}).",
                [candidate.evidence(data)],
                rule,
            )
    return Outcome(
        "unverifiable",
        f"the article quotes {claimed}, but {data.ticker} trades in {cur} and the data holds no {fields.currency}/{cur} "
        f"exchange rate, so the price cannot be compared ({context}).",
        [c.evidence(data) for c in present],
        rule,
    )
