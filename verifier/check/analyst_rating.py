"""analyst_rating: a firm's rating or price target, checked against dated analyst actions.

The window is the one the article states (window_start..window_end, or the single date with one
day of slack because sources date pre-market notes a day apart), else the 10 days before
publication; it never extends past publication. Firms are compared by canonical name, so Roth
Capital, Roth MKM and Roth Capital Partners are one firm.

- supported: an action by that firm in the window with the claimed target (within 0.5%), and the
  stated prior target, rating, prior rating and kind of action agree with it;
- contradicted: the firm acted in the window but with another target, or a stated prior target /
  rating / direction of the action disagrees with the record (the reason names the mismatch); or
  the stated window is wrong: the same target dates from outside it;
- unverifiable: no action by the firm in the window. Analyst-action feeds are incomplete (not every
  note reaches them), so absence is "not found", never evidence against the claim;
- no_data: the data holds no analyst actions at all. An empty part cannot tell "nothing happened"
  from "this source does not cover analysts" (price files, some snapshots), so the part that could
  settle the claim is treated as missing; the source's own note is quoted when it gives one.
"""

from __future__ import annotations

import datetime as dt
from typing import Optional

from ..dates import find_dates
from ..firms import canonical_firm, same_firm
from ..market.base import AnalystActionRecord, TickerData
from ..schemas import AnalystRatingFields, Claim, Evidence
from . import CheckContext, Outcome, register
from .common import (
    ANALYST_LOOKBACK_DAYS,
    DATE_SLACK_DAYS,
    TARGET_TOLERANCE,
    evidence,
    missing_note,
    money,
    norm,
    publication_day,
    tolerance_text,
    window_text,
    within,
)

WINDOW_EDGE_DAYS = 3  # "last week" said of a Friday action read on a Monday: a weekend and a day beyond the window
RULE = f"same firm (aliases), target within {tolerance_text(TARGET_TOLERANCE)}, in the stated window or the {ANALYST_LOOKBACK_DAYS} days before publication"

_ACTIONS = {
    "up": "upgrade", "upgrade": "upgrade", "upgrades": "upgrade", "upgraded": "upgrade",
    "down": "downgrade", "downgrade": "downgrade", "downgrades": "downgrade", "downgraded": "downgrade",
    "init": "initiate", "initiate": "initiate", "initiated": "initiate", "initiates": "initiate",
    "main": "maintain", "maintain": "maintain", "maintains": "maintain", "maintained": "maintain",
    "reit": "maintain", "reiterate": "maintain", "reiterated": "maintain", "reiterates": "maintain",
    "raise target": "raise_target", "raise_target": "raise_target", "raises": "raise_target",
    "lower target": "lower_target", "lower_target": "lower_target", "lowers": "lower_target",
}
# A record's action code as a reader says it ("main" is yfinance's code for a maintained rating).
_ACTION_WORDS = {
    "main": "maintained", "maintain": "maintained", "maintains": "maintained", "maintained": "maintained",
    "reit": "reiterated", "reiterate": "reiterated", "reiterates": "reiterated", "reiterated": "reiterated",
    "up": "upgraded", "upgrade": "upgraded", "upgrades": "upgraded", "upgraded": "upgraded",
    "down": "downgraded", "downgrade": "downgraded", "downgrades": "downgraded", "downgraded": "downgraded",
    "init": "initiated", "initiate": "initiated", "initiates": "initiated", "initiated": "initiated",
    "reinstated": "reinstated", "resumed": "resumed",
    "raise target": "target raised", "raise_target": "target raised", "raises": "target raised",
    "lower target": "target lowered", "lower_target": "target lowered", "lowers": "target lowered",
}
# Ratings that are the same grade under different spellings.
_RATING_SYNONYMS = {
    "strong buy": "strong buy", "buy": "buy", "outperform": "outperform", "market outperform": "outperform",
    "sector outperform": "outperform", "overweight": "overweight", "neutral": "neutral", "hold": "hold",
    "market perform": "market perform", "sector perform": "sector perform", "equal weight": "equal weight",
    "in line": "in line", "peer perform": "peer perform", "underperform": "underperform",
    "market underperform": "underperform", "sector underperform": "underperform", "underweight": "underweight",
    "sell": "sell", "strong sell": "strong sell", "accumulate": "accumulate", "reduce": "reduce",
}


def _rating(text: Optional[str]) -> str:
    key = norm(text).replace("equalweight", "equal weight")
    return _RATING_SYNONYMS.get(key, key)


def _record_action(record: AnalystActionRecord) -> Optional[str]:
    """The record's action in the claim vocabulary, inferred from ratings/targets when unlabelled."""
    label = _ACTIONS.get(norm(record.action))
    if label in ("upgrade", "downgrade", "initiate"):
        return label
    if record.price_target and record.prior_price_target:
        if record.price_target > record.prior_price_target:
            return "raise_target"
        if record.price_target < record.prior_price_target:
            return "lower_target"
    return label


def _window(fields: AnalystRatingFields, pub_day: Optional[dt.date]) -> tuple[Optional[dt.date], Optional[dt.date], str]:
    if fields.window_start or fields.window_end:
        start = fields.window_start or fields.window_end
        end = fields.window_end or fields.window_start
        assert start is not None and end is not None
        how = "the window the article states"
    elif fields.date:
        start = fields.date - dt.timedelta(days=DATE_SLACK_DAYS)
        end = fields.date + dt.timedelta(days=DATE_SLACK_DAYS)
        how = f"the date the article names, {fields.date}, \u00b1{DATE_SLACK_DAYS} day"
    elif pub_day:
        start, end = pub_day - dt.timedelta(days=ANALYST_LOOKBACK_DAYS), pub_day
        how = f"the {ANALYST_LOOKBACK_DAYS} days before publication, as the article names no date"
    else:
        return None, None, ""
    if pub_day and end > pub_day:
        end = max(pub_day, start)
    return start, end, how


def _action_text(record: AnalystActionRecord) -> str:
    cur = record.currency
    parts = [f"{record.firm} on {record.date}"]
    if record.action:
        parts.append(_ACTION_WORDS.get(norm(record.action), record.action.replace("_", " ")))
    if record.from_rating or record.to_rating:
        if record.from_rating and record.to_rating and _rating(record.from_rating) != _rating(record.to_rating):
            parts.append(f"rating {record.from_rating} -> {record.to_rating}")
        else:
            parts.append(f"rating {record.to_rating or record.from_rating}")
    if record.price_target:
        prior = f" (from {money(record.prior_price_target, cur)})" if record.prior_price_target else ""
        parts.append(f"target {money(record.price_target, cur)}{prior}")
    return ", ".join(parts)


def _evidence(data: TickerData, record: AnalystActionRecord, role: str) -> Evidence:
    value = record.price_target if record.price_target is not None else record.to_rating
    return evidence(data, record.provenance, f"{role}: {_action_text(record)}", value=value, date=record.date)


def _mismatches(fields: AnalystRatingFields, record: AnalystActionRecord) -> list[str]:
    """What the claim states that the record says otherwise (unknown parts of the record are skipped)."""
    out = []
    cur = record.currency
    if fields.previous_price_target and record.prior_price_target and not within(
        fields.previous_price_target, record.prior_price_target, TARGET_TOLERANCE
    ):
        out.append(
            f"the prior target was {money(record.prior_price_target, cur)}, not {money(fields.previous_price_target, fields.currency)}"
        )
    if fields.rating and record.to_rating and _rating(fields.rating) != _rating(record.to_rating):
        out.append(f"the rating is {record.to_rating}, not {fields.rating}")
    if fields.previous_rating and record.from_rating and _rating(fields.previous_rating) != _rating(record.from_rating):
        out.append(f"the prior rating was {record.from_rating}, not {fields.previous_rating}")
    claimed_action = fields.action
    actual = _record_action(record)
    if claimed_action in ("upgrade", "downgrade"):
        kept = record.from_rating and record.to_rating and _rating(record.from_rating) == _rating(record.to_rating)
        if kept:
            out.append(f"the rating was kept at {record.to_rating}, not {claimed_action}d")
        elif actual in ("upgrade", "downgrade") and actual != claimed_action:
            out.append(f"it was a {actual}, not a {claimed_action}")
    if claimed_action in ("raise_target", "lower_target") and actual in ("raise_target", "lower_target") and actual != claimed_action:
        word = "raised" if actual == "raise_target" else "lowered"
        out.append(f"the target was {word}, not {'raised' if claimed_action == 'raise_target' else 'lowered'}")
    return out


def _target_matches(fields: AnalystRatingFields, record: AnalystActionRecord) -> bool:
    if fields.price_target is None:
        return True
    return record.price_target is not None and within(fields.price_target, record.price_target, TARGET_TOLERANCE)


def _days_named(quote: str) -> list[str]:
    """The distinct days the quote names, as written ("Last Thursday", "Friday", "Monday's")."""
    seen: list[str] = []
    for d in find_dates(quote or "", None):
        word = norm(d.text).removesuffix("'s").removesuffix("\u2019s")
        if d.kind == "day" and word not in seen:
            seen.append(word)
    return seen


def _what(fields: AnalystRatingFields) -> str:
    bits = []
    if fields.price_target:
        bits.append(f"{money(fields.price_target, fields.currency)} target")
    if fields.rating:
        bits.append(f"{fields.rating} rating")
    if fields.action and not bits:
        bits.append(fields.action.replace("_", " "))
    return " and ".join(bits) or "action"


@register("analyst_rating")
def check_analyst_rating(claim: Claim, ctx: CheckContext) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, AnalystRatingFields)
    data = ctx.data
    assert data is not None
    firm = canonical_firm(fields.firm)
    what = _what(fields)

    if not data.analyst_actions:
        return Outcome(
            "no_data",
            f"the market data for {data.ticker} holds no analyst actions{missing_note(data, 'analyst', 'upgrade', 'rating') or ' at all'}, "
            f"so {firm}'s {what} cannot be looked up.",
            rule=RULE,
        )
    pub_day = publication_day(ctx.published_at, data)
    start, end, how = _window(fields, pub_day)
    if start is None or end is None:
        return Outcome(
            "unverifiable",
            f"the article names no date for {firm}'s {what} and has no publication time, so no window can be searched (pass --published).",
            rule=RULE,
        )
    by_firm = sorted((a for a in data.analyst_actions if same_firm(a.firm, fields.firm)), key=lambda a: a.date, reverse=True)
    in_window = [a for a in by_firm if start <= a.date <= end]
    where = f"{window_text(start, end)} ({how})"

    if fields.currency and in_window and all(a.currency != fields.currency for a in in_window if a.price_target):
        if fields.price_target and any(a.price_target for a in in_window):
            rec = next(a for a in in_window if a.price_target)
            return Outcome(
                "unverifiable",
                f"the article gives {firm}'s target in {fields.currency}, the record in {rec.currency} ({_action_text(rec)}); "
                "targets in different currencies are not compared.",
                [_evidence(data, rec, "analyst action")],
                RULE,
            )

    matching = [a for a in in_window if _target_matches(fields, a)]
    if fields.price_target is None and fields.rating:
        rated = [a for a in matching if a.to_rating and _rating(a.to_rating) == _rating(fields.rating)]
        matching = rated or matching
    if matching:
        clean = [a for a in matching if not _mismatches(fields, a)]
        if clean:
            rec = clean[0]
            return Outcome(
                "supported",
                f"the action recorded {where} matches {firm}'s {what}"
                f"{' (target within ' + tolerance_text(TARGET_TOLERANCE) + ')' if fields.price_target else ''}: {_action_text(rec)}.",
                [_evidence(data, rec, "analyst action")],
                RULE,
            )
        rec = matching[0]
        problems = "; ".join(_mismatches(fields, rec))
        return Outcome(
            "contradicted",
            f"{firm}'s action {where} matches the target but not the rest of the claim: {problems} ({_action_text(rec)}).",
            [_evidence(data, rec, "analyst action")],
            RULE + "; prior target and ratings checked when stated",
        )
    comparable = [a for a in in_window if (a.price_target if fields.price_target else a.to_rating if fields.rating else True)]
    if comparable:
        found = "; ".join(_action_text(a) for a in comparable)
        return Outcome(
            "contradicted",
            f"{firm} acted {where}, but not with a {what}: the record shows {found}.",
            [_evidence(data, a, "analyst action in the window") for a in comparable],
            RULE,
        )
    if in_window:
        found = "; ".join(_action_text(a) for a in in_window)
        return Outcome(
            "unverifiable",
            f"{firm} acted {where}, but the record does not state the {what.split(' and ')[0]} ({found}), so it can neither confirm nor refute it.",
            [_evidence(data, a, "analyst action in the window") for a in in_window],
            RULE,
        )
    elsewhere = [a for a in by_firm if _target_matches(fields, a) and (fields.price_target or fields.rating)]
    if elsewhere and (fields.window_start or fields.window_end or fields.date):
        rec = min(elsewhere, key=lambda a: abs((a.date - start).days))
        near_edge = (fields.window_start is not None or fields.window_end is not None) and fields.date is None and (
            start - dt.timedelta(days=WINDOW_EDGE_DAYS) <= rec.date <= end + dt.timedelta(days=WINDOW_EDGE_DAYS))
        if near_edge and (not pub_day or rec.date <= pub_day):
            return Outcome(
                "unverifiable",
                f"{firm}'s {what} dates from {rec.date}, just outside the window searched, {where}: {_action_text(rec)}; "
                f"a span the article gives in words ('last week') is often used loosely, and the record is within "
                f"{WINDOW_EDGE_DAYS} days of its edge, so this does not disprove it.",
                [_evidence(data, rec, "analyst action just outside the stated window")],
                RULE + f"; an action within {WINDOW_EDGE_DAYS} days of a window named in words is not contradicted",
            )
        several = _days_named(claim.quote) if fields.date is not None and fields.window_start is None and fields.window_end is None else []
        if len(several) > 1 and (not pub_day or rec.date <= pub_day):
            return Outcome(
                "unverifiable",
                f"{firm}'s {what} dates from {rec.date}, outside the window searched, {where}: {_action_text(rec)}; "
                f"but the sentence names several days ({', '.join(several)}), and which of them the action took is not "
                "certain, so this does not disprove it.",
                [_evidence(data, rec, "analyst action outside the window read")],
                RULE + "; a date read from a sentence naming several days does not contradict",
            )
        if not pub_day or rec.date <= pub_day:
            return Outcome(
                "contradicted",
                f"{firm}'s {what} dates from {rec.date}, outside the window searched, {where}: {_action_text(rec)}.",
                [_evidence(data, rec, "analyst action outside the stated window")],
                RULE,
            )
    others = [a for a in data.analyst_actions if start <= a.date <= end]
    coverage_note = (
        f"the data holds {len(others)} action(s) by other firms in that window" if others else "the data holds no action by any firm in that window"
    )
    older = f"; the latest {firm} action on record is {_action_text(by_firm[0])}" if by_firm else ""
    ev = [_evidence(data, by_firm[0], "latest action by the firm on record")] if by_firm else []
    return Outcome(
        "unverifiable",
        f"no action by {firm} {where} was found ({coverage_note}{older}); analyst-action data is incomplete, so this does not disprove the claim.",
        ev,
        RULE,
    )
