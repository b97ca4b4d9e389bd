"""scheduled_event: a dated corporate event (earnings, dividend, meeting), checked against data.events.

The claimed date is compared with the recorded event of the same type nearest to it:
- same date: supported (an estimated date in the data is said to be one);
- a different date within 31 days (the same quarter's event): contradicted with both dates when the
  data's date is confirmed, unverifiable when it is only an estimate or when the claim is a special
  meeting or shareholder vote (the data's meeting may be the annual one);
- no event of that type, or none within 31 days (another quarter's): unverifiable, naming the
  nearest one. With no events in the data at all, no_data when the source says it lacks them.
"""

from __future__ import annotations

from verifier import recache as re

from ..market.base import ScheduledEventRecord, TickerData
from ..schemas import Claim, Evidence, ScheduledEventFields
from . import CheckContext, Outcome, register
from .common import evidence, missing_note, norm

SAME_EVENT_DAYS = 31  # a quarterly event moved by more than a month is another quarter's event
RULE = f"same event type on the same date; a date within {SAME_EVENT_DAYS} days is the same event moved"

_TYPES = {
    "earnings": "earnings", "earnings call": "earnings", "earnings date": "earnings", "results": "earnings",
    "quarterly results": "earnings", "quarterly earnings": "earnings", "earnings release": "earnings",
    "dividend": "dividend", "ex dividend": "dividend", "dividend payment": "dividend", "ex date": "dividend",
    "shareholder meeting": "shareholder_meeting", "annual meeting": "shareholder_meeting", "agm": "shareholder_meeting",
    "annual general meeting": "shareholder_meeting", "investor day": "investor_day", "capital markets day": "investor_day",
    "product launch": "product_launch", "launch": "product_launch",
}
# a vote on a deal is held at its own meeting: an annual meeting on record on another day does not move it
_SPECIAL_MEETING = re.compile(r"\b(?:special|extraordinary|EGM|vote)\b", re.I)
# a dividend has three dates (ex-date, record date, payment), often weeks apart: one the data names is no proof
# against another the article names
_DIVIDEND_ROLES = (
    ("ex-date", re.compile(r"\bex[- ]?(?:dividend|date|div)\b|\bgoes ex\b", re.I)),
    ("record date", re.compile(r"\b(?:of record|record date)\b", re.I)),
    ("payment date", re.compile(r"\b(?:payable|paid|pays?|payment|distributed)\b", re.I)),
)
_TIMES = {"after_close": "after the close", "before_open": "before the open", "amc": "after the close", "bmo": "before the open"}


def event_type(name: str) -> str:
    key = norm(name)
    return _TYPES.get(key, key.replace(" ", "_") or "other")


def _label(record: ScheduledEventRecord) -> str:
    when = f" {_TIMES.get(record.time, 'at ' + record.time)}" if record.time else ""
    estimate = "" if record.confirmed else " (estimated, not confirmed)"
    return f"{record.event} on {record.date}{when}{estimate}"


def _dividend_role(text: str) -> str | None:
    roles = [role for role, pattern in _DIVIDEND_ROLES if pattern.search(text)]
    return roles[0] if len(roles) == 1 else None


def _evidence(data: TickerData, record: ScheduledEventRecord) -> Evidence:
    return evidence(data, record.provenance, f"scheduled event: {_label(record)}", value=record.date.isoformat(), date=record.date)


@register("scheduled_event")
def check_scheduled_event(claim: Claim, ctx: CheckContext) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, ScheduledEventFields)
    data = ctx.data
    assert data is not None
    wanted = event_type(fields.event)
    name = fields.event.replace("_", " ")

    if not data.events:
        lacks = missing_note(data, "event", "earnings", "calendar")
        verdict = "no_data" if lacks else "unverifiable"
        return Outcome(verdict, f"the data holds no scheduled events for {data.ticker}{lacks}, so the {name} date {fields.date} cannot be checked.", rule=RULE)

    if wanted == "other":
        same_day = [e for e in data.events if e.date == fields.date]
        if same_day:
            return Outcome("supported", f"an event is recorded on {fields.date}: {_label(same_day[0])}.", [_evidence(data, same_day[0])], RULE)
        return Outcome("unverifiable", f"no event is recorded on {fields.date}, and the claim names no event type to look for.", rule=RULE)

    same_type = [e for e in data.events if event_type(e.event) == wanted]
    if not same_type:
        kinds = ", ".join(sorted({e.event for e in data.events}))
        return Outcome("unverifiable", f"the data records no {name} date for {data.ticker} (only: {kinds}), so {fields.date} cannot be checked.", rule=RULE)
    nearest = min(same_type, key=lambda e: (abs((e.date - fields.date).days), not e.confirmed))
    ev = [_evidence(data, nearest)]
    if nearest.date == fields.date:
        caveat = "; the data marks that date as an estimate, not confirmed" if not nearest.confirmed else ""
        return Outcome("supported", f"the {name} date {fields.date} matches the data: {_label(nearest)}{caveat}.", ev, RULE)
    apart = abs((nearest.date - fields.date).days)
    if apart > SAME_EVENT_DAYS:
        return Outcome(
            "unverifiable",
            f"the data has no {name} date near {fields.date}; the nearest is {_label(nearest)}, {apart} days away (another period's event).",
            ev,
            RULE,
        )
    if wanted == "shareholder_meeting" and _SPECIAL_MEETING.search(fields.description or ""):
        return Outcome(
            "unverifiable",
            f"the article says a special meeting or vote on {fields.date}; the data records {_label(nearest)}, which may be "
            "the regular annual meeting, another meeting than the article's, so it cannot settle it.",
            ev,
            RULE + "; a special meeting or shareholder vote is not the annual meeting moved",
        )
    if wanted == "dividend":
        said = _dividend_role(f"{claim.quote} {fields.description or ''}")
        recorded = _dividend_role(" ".join(filter(None, [nearest.event, nearest.provenance.source if nearest.provenance else None,
                                                           nearest.provenance.note if nearest.provenance else None])))
        if said and recorded and said != recorded:
            return Outcome(
                "unverifiable",
                f"the article gives the dividend's {said}, {fields.date}; the data records its {recorded}, {nearest.date}, "
                "another date of the same dividend, so it cannot settle the article's.",
                ev,
                RULE + "; a dividend's ex-date, record date and payment date are different dates",
            )
    if not nearest.confirmed:
        return Outcome(
            "unverifiable",
            f"the article says {fields.date}, but the data holds only an estimated {name} date, {nearest.date}, which cannot settle it.",
            ev,
            RULE,
        )
    return Outcome(
        "contradicted",
        f"the article says {name} on {fields.date}, but the data records {_label(nearest)}, {apart} day(s) apart.",
        ev,
        RULE,
    )
