"""Scheduled events: earnings dates, dividends, meetings, investor days, splits and launches ahead."""

from __future__ import annotations

import re
from typing import Optional

from ....attribution import SUBORDINATE
from ....dates import DateMention
from ....text import Span
from ..context import Sentence, _Candidate, _Context
from ..cues import _FUTURE, _PAST_TENSE, _dash_dates, _dates, _enclosing
from . import reads

_PAST = re.compile(r"\b(?:reported|posted|released|published|announced|was|were|had|did|said|delivered)\b", re.I)
_EVENTS: list[tuple[str, re.Pattern[str]]] = [
    ("earnings", re.compile(
        r"\b(?:(?:quarterly|annual|first-quarter|second-quarter|third-quarter|fourth-quarter|Q[1-4]|full-year|"
        r"fiscal)\s+)*(?:earnings(?!\s+per\b)(?:\s+(?:report|release|call))?|results|figures|numbers|"
        r"(?:quarterly|annual) report|conference call|(?:next\s+)?print|rpt|(?<=its )report|(?<=the )report|(?<=\d )report|"
        r"reports?(?=\s+(?:after|before)\s+the\s+(?:bell|close|open))|reports?\s+(?:Q[1-4]|[1-4]Q|FQ[1-4])(?=\s+(?:on|after|before)\b))\b|"
        r"\b(?:will|to|set to|scheduled to|due to|expected to) report\b(?!\s+(?:that|a|an|the|its|on (?:the|a)))",
        re.I,
    )),
    ("dividend", re.compile(r"\b(?:ex-dividend date|ex-date|ex-div|dividend|payout|(?:quarterly |dividend )payment)\b", re.I)),
    ("shareholder_meeting", re.compile(
        r"\b(?:(?:annual|special) (?:general |shareholders'? |stockholders'? )?meeting|shareholder meeting|"
        r"stockholder meeting|AGM)\b", re.I)),
    ("investor_day", re.compile(r"\b(?:investor day|analyst day|capital markets day|investor conference)\b", re.I)),
    ("other", re.compile(r"\b(?:split-adjusted|stock split|share split|\d+-for-\d+ split)\b", re.I)),
    ("product_launch", re.compile(r"\b(?:launch event|product launch|keynote|unveil\w*|will launch|to launch)\b", re.I)),
]
_SAME_DAY = re.compile(
    r"[^.;]{0,40}?\b(?:before the (?:bell|open|opening bell|market opened)|pre-?market|that morning|earlier (?:in the day|that day))\b",
    re.I,
)
_PAST_EVENT = re.compile(r"\s*(?:beat|miss|surprise|reaction|rally|pop|jump|drop|selloff|sell-off|disappointment)\b", re.I)
_WEEKDAY = r"(?:(?:on|this|last|next|by|until)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening|night))?"
_PERIOD_END_DATE = re.compile(r"\b(?:ended|ending|ends|through|as of|for the (?:quarter|period|year))\s*$", re.I)


def _events(ctx: _Context, sent: Span, clauses: list[Span]) -> list[_Candidate]:
    text = ctx.text
    sentence = text[sent.start : sent.end]
    hits = [(name, h) for name, pattern in _EVENTS for h in pattern.finditer(text, sent.start, sent.end)]
    pending, ctx.pending_event = ctx.pending_event, None
    if not hits:
        return _event_from_pending(ctx, sent, clauses, pending)
    tense = "future" if _FUTURE.search(sentence) or not (_PAST.search(sentence) or _PAST_TENSE.search(sentence)) else "past"
    if re.search(r"\b(?:today|this (?:morning|afternoon|evening))\s+(?:announced|reported|posted|released)\b", sentence, re.I):
        return []  # a release's own "reported results today" is the report itself, not a scheduled event
    hits = [(name, h) for name, h in hits if not _PAST_EVENT.match(text, h.end(), min(sent.end, h.end() + 25))]
    if not hits:
        return []
    dates = [
        d for d in _dates(text, ctx.ref, sent.start, sent.end, tense=tense) + _dash_dates(text, ctx.ref, sent, tense)
        if d.kind == "day" and d.date is not None
        and not re.match(r",?\s+\d{1,2}:\d{2}", text[d.end : d.end + 8])  # a timestamp: "Jan 29, 2026 4:45 PM ET"
        and not _PERIOD_END_DATE.search(text[max(sent.start, d.start - 25) : d.start])
        and not ctx.is_used(d.start, d.end)
    ]
    if tense == "past":
        dates = _clause_tense(ctx, sent, clauses, dates)
    # pair each date with its nearest event word (same clause first); each word and each date once,
    # so "payable on March 12 to shareholders of record on Feb. 19" is one dividend claim, not two
    pairs: list[tuple[int, int, DateMention, str, re.Match[str]]] = []
    for date in dates:
        clause = _enclosing(clauses, date.start, date.end)
        for name, hit in hits:
            if ctx.is_used(hit.start(), hit.end()):
                continue
            gap = date.start - hit.end() if date.start >= hit.end() else max(0, hit.start() - date.end)
            lo, hi = (hit.end(), date.start) if date.start >= hit.end() else (date.end, hit.start())
            # "the next test comes on 10 March, when it presents its figures": the when-clause names the event of that day
            when_cue = re.search(
                r"\bwhen\s+(?:it|they|the company|the group|\w+)\s+(?:presents|reports|publishes|releases|will (?:present|report|publish|release)|"
                r"(?:is|are)\s+(?:due|expected|scheduled|set|slated|likely)\s+to\s+(?:present|report|publish|release)|plans to (?:present|report))\s+"
                r"(?:its|their)?\s*(?:(?:first|second|third|fourth)-quarter\s+|full-year\s+|quarterly\s+|Q[1-4]\s+)?$",
                text[max(sent.start, hit.start() - 70) : hit.start()], re.I
            )
            if (lo < hi and not when_cue and SUBORDINATE.search(text, lo, hi)
                    and not _SAME_DAY.match(text, hit.end(), min(sent.end, hit.end() + 60))):
                # "closed at $738.31 on Thursday after the company's results": the date is the close's, and the
                # results may be the evening before; "... after it reported results before the bell" is that day
                continue
            same_clause = hit.start() >= clause.start and hit.end() <= clause.end
            weak = hit.group(0).lower() in ("figures", "numbers") and not when_cue
            if not same_clause and (weak or gap > 60):
                continue
            prefix_start = max(sent.start, hit.start() - 45)
            prep = re.search(r"\b(?:ahead (?:of|to)|into|before|after|since|following|followed|two days after|days after)\s+(?:[\w'\u2019.-]+\s+){0,3}$",
                             text[prefix_start : hit.start()], re.I)
            if prep and date.end <= prefix_start + prep.start():
                continue  # "Rose 2.1% Thursday Ahead Of Results", "after its split took effect": the day is another's
            if name == "other" and (
                re.search(r"\b(?:took effect|took place|went into effect|completed|after)\b", text[hit.start() : min(sent.end, hit.end() + 30)], re.I)
                or re.search(r"\b(?:began|started|took|closed|opened|was|were|had|rose|fell)\b", sentence, re.I)
                or not (_FUTURE.search(sentence) or re.search(r"\b(?:takes effect|effective|starts?|begins?|from)\b", sentence, re.I))
            ):
                continue  # a split is an event only while it lies ahead
            pairs.append((0 if same_clause else 1, gap, date, name, hit))
    out: list[_Candidate] = []
    used_dates: set[int] = set()
    used_hits: set[int] = set()
    # "said on Thursday it will report after the close on March 19": a calendar date beats a weekday for the same event
    calendar = {name for _, _, date, name, _ in pairs if not re.fullmatch(_WEEKDAY, date.text, re.I)}
    pairs = [p for p in pairs if not (p[3] in calendar and re.fullmatch(_WEEKDAY, p[2].text, re.I))]
    for _, _, date, name, hit in sorted(pairs, key=lambda p: (p[0], p[1])):
        if id(date) in used_dates or hit.start() in used_hits:
            continue
        used_dates.add(id(date))
        used_hits.add(hit.start())
        anchor = Span(min(hit.start(), date.start), max(hit.end(), date.end))
        fields = {"kind": "scheduled_event", "event": name, "date": date.date, "description": hit.group(0)}
        out.append(_Candidate("scheduled_event", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
    if not out and tense == "future" and not dates:
        name, hit = hits[0]
        if name != "other" and not (name == "earnings" and hit.group(0).lower() in ("figures", "numbers")):
            ctx.pending_event = (name, Span(hit.start(), hit.end()), sent)  # the date may come in the next sentence
    return out


def _clause_tense(ctx: _Context, sent: Span, clauses: list[Span], dates: list[DateMention]) -> list[DateMention]:
    """In a past-tense sentence, a weekday whose own clause has no past verb is still ahead
    ("Nike, which rose 2% last week, reports results on Thursday")."""
    text = ctx.text
    ahead = {(d.start, d.end): d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="future")}
    out = []
    for d in dates:
        clause = _enclosing(clauses, d.start, d.end)
        words = text[clause.start : clause.end]
        if d.relative and (d.start, d.end) in ahead and not (_PAST.search(words) or _PAST_TENSE.search(words)):
            d = ahead[(d.start, d.end)]
        out.append(d)
    return out


def _event_from_pending(ctx: _Context, sent: Span, clauses: list[Span], pending: Optional[tuple[str, Span, Span]]) -> list[_Candidate]:
    """"Apple will report earnings. The date is set for January 29.": the event named in the sentence
    before, the day in this one (only with a cue that the day is that event's)."""
    if pending is None:
        return []
    text = ctx.text
    if not re.search(r"\b(?:the date|set for|scheduled for|slated for|due on|comes on|is on|falls on|that will be|expected on)\b",
                     text[sent.start : sent.end], re.I):
        return []
    days = [d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="future") if d.kind == "day" and d.date is not None]
    if len(days) != 1:
        return []
    name, hit, first = pending
    fields = {"kind": "scheduled_event", "event": name, "date": days[0].date, "description": text[hit.start : hit.end]}
    return [_Candidate("scheduled_event", fields, Span(days[0].start, days[0].end), Span(first.start, sent.end))]


@reads("scheduled_event")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    return _events(ctx, s.span, s.clauses)
