"""Share prices: a close, open, high, low or intraday price, its day and the move stated next to it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Optional

from ....text import Span
from ...numbers import Money, Percent
from ...structure import is_title_case
from ..context import Sentence, _Candidate, _Context, _in_focus
from ..cues import (
    _ANAPHOR_SUBJECT, _DOWN, _DOWN_RE, _METRIC_WORDS, _STOCK_SUBJECT, _TARGET_WORD, _UP, _UP_RE, _apply_period, _dates,
    _enclosing, _implicit_subject, _nearest, _own_dates, _with_lead,
)
from . import reads

MARKET_CLOSE = dt.time(16, 0)  # US regular session close, America/New_York
_WEEKDAY_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday)"
_UP_NOUN = re.compile(r"\b(?:rise|gain|jump|climb|rebound|recovery|spike|rally)\b", re.I)
_DOWN_NOUN = re.compile(r"\b(?:decline|drop|fall|slide|plunge|sell-off|selloff|slump|dip)\b", re.I)


def _direction(words: str) -> Optional[str]:
    """The move stated next to a price ('in a slight decline to', 'rose to'): the last movement word wins.

    A 'high of' or 'low of' alone states no move: it names which price of the session is meant.
    """
    last_up = max((m.end() for p in (_UP_RE, _UP_NOUN) for m in p.finditer(words)), default=-1)
    last_down = max((m.end() for p in (_DOWN_RE, _DOWN_NOUN) for m in p.finditer(words)), default=-1)
    if last_up < 0 and last_down < 0:
        return None
    return "up" if last_up > last_down else "down"


def _prices(ctx: _Context, sent: Span, clauses: list[Span], money: list[Money], percents: list[Percent]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    for m in money:
        if ctx.is_used(m.start, m.end) or m.scaled or m.value >= 1e6:
            continue
        clause = _enclosing(clauses, m.start, m.end)
        lead = text[clause.start : m.start]
        before = lead[-70:]
        after = text[m.end : min(sent.end, m.end + 30)]
        if re.search(rf"\b(?:{_TARGET_WORD}|estimates?|consensus|EPS|per share|revenue|sales|dividends?|offer|bid|calls?|"
                     r"puts?|strike|fair value|valuation|fines?|from|salary|worth|payout|premium|(?<!closing )(?<!opening )(?<!share )(?<!stock )price of)\b[^$€£]{0,25}$", before, re.I):
            continue
        if re.match(rf"^\s*(?:{_TARGET_WORD}|a share (?:price target|target)|per share (?:dividend|in)|calls?|puts?|dividend|"
                    r"per-share|estimate)\b", after, re.I):
            continue
        basis: Optional[str] = None
        trigger: Optional[re.Match[str]] = None
        for name, pattern in (
            ("close", r"\b(?:closed|closing|close|closes|ended|ends|end|ending|finished|finishes|finish|settled|settles|shut|"
                      r"wrapped up|went out)\b(?:\s+[\w.%~+'\u2019-]+){0,6}?\s+(?:at|on|of|to|as)\s+"
                      r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|some\s+)?$"),
            ("close", r"\bclosing (?:price|level|quote|value)\b(?:\s+[\w'\u2019]+){0,3}?\s+(?:of|was|at|stood at)\s+$"),
            ("open", r"\b(?:opened|opening price of|open)\b(?:\s+\w+){0,3}?\s+(?:at|of)\s+$"),
            ("high", r"\b(?:(?:record|all-time|intraday|session|new|52-week|day's)\s+)?highs?\s+(?:of|at)\s+$"),
            ("low", r"\b(?:(?:record|intraday|session|new|52-week|day's)\s+)?lows?\s+(?:of|at)\s+$"),
            ("intraday", r"\b(?:trading|trades|traded|trade|changing hands|changed hands|change hands|changes hands|priced|quoted|sitting|sits|"
                         r"stands|stood|hovering|hovers|hovered|currently|are|is|were|was|at)\s+(?:(?:higher|lower|up|down|"
                         r"slightly higher|slightly lower)\s+)?(?:at|around|near|about|just above|just below)\s+"
                         r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|some\s+)?$"),
            ("close", r"\b(?:(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri)(?:day)?(?:'s)?|prev(?:ious|\.)?|prior|last)\s+close\s*:?\s*$"),
            ("intraday", r"(?:^|[-*\u2022]\s*)Last\s+(?:at\s+|trade\s+)?$"),
            ("intraday", r"%\s*(?:\w+\s+)?@\s*$"),
            ("intraday", r"(?:^|\s)[+\-\u2212]\d[\d.,]*\s?%\s+(?:\S+\s+)?(?:at|to)\s+$"),
            ("unspecified", rf"\b(?:{_UP}|{_DOWN}|decline|drop|fall|rise|gain|jump|climb|rebound|recovery|slide|plunge|"
                            r"move|moved|moves|spike|sell-off|selloff)\b[^$€£;]{0,45}?\bto\s+(?:about\s+|around\s+|roughly\s+)?$"),
            ("unchanged", r"\bunchanged\s+at\s+$"),
            ("unspecified", r"\b(?:hit|hits|touched|touches|reached|reaches|topped|tops)\s+(?:a\s+(?:record|fresh|new)\s+(?:high\s+of\s+)?)?$"),
            ("unspecified", r"\b(?:cost|costs|had cost|costing)\s+(?:about\s+|around\s+|roughly\s+)?$"),
            ("unspecified", rf"\b(?:{_UP}|{_DOWN})\s+(?:about\s+|nearly\s+|roughly\s+|~)?[+-]?[\d.,]+\s?(?:%|percent)\s+(?:at|to)\s+$"),
            ("unspecified", r"\b(?:stock|share) price\s*(?::|is|was|of|stands at|stood at)\s*$"),
            ("unspecified", rf"\b(?:{_UP}|{_DOWN})\s+from\s+[$€£]\s?[\d.,]+\s+to\s+$"),
        ):
            trigger = re.search(pattern, before, re.I)
            if trigger:
                basis = name
                break
        if trigger is None or basis is None:
            continue
        trig_start = m.start - len(before) + trigger.start()
        subject_text = text[clause.start : m.start]
        has_subject = bool(_STOCK_SUBJECT.search(subject_text)) or any(
            c.start >= clause.start and c.end <= m.start for c in ctx.local
        )
        if not has_subject:
            # a headline names the company in an earlier clause ("X, Inc. Sells off to Low of $71.21")
            has_subject = any(c.start >= sent.start and c.end <= m.start for c in ctx.local) and basis in ("high", "low", "close", "open")
        if not has_subject:
            has_subject = _implicit_subject(ctx, sent, clause, trig_start)
        if not has_subject:
            has_subject = bool(_ANAPHOR_SUBJECT.search(text, clause.start, trig_start + 1))
        if not has_subject and basis == "close" and re.search(
            rf"\b(?:{_WEEKDAY_WORD}|yesterday|today)['\u2019]s\s+$", text[max(clause.start, trig_start - 15) : trig_start], re.I
        ) and re.match(r"close\b", text[trig_start:]) and _in_focus(ctx, sent) is not None:
            has_subject = True  # "one feed listed Monday's close as $2,495.80": the close of the stock in focus
        if not has_subject:
            continue
        last_metric = max((x.end() for x in _METRIC_WORDS.finditer(text, clause.start, max(clause.start, trig_start))), default=-1)
        last_subject = max(
            [x.end() for x in _STOCK_SUBJECT.finditer(text, clause.start, m.start)]
            + [c.end for c in ctx.local if c.start >= clause.start and c.end <= m.start]
            + [-1]
        )
        if last_metric > last_subject and not re.search(r"\band\s+(?:now\s+|then\s+|still\s+|also\s+)?$", text[clause.start : trig_start]):
            continue  # ("The stock jumped after its earnings beat and now trades at $109": the stock trades)
        direction: Optional[str] = None
        if basis == "unchanged":
            direction, basis = "unchanged", "unspecified"
        else:
            direction = _direction(text[max(clause.start, trig_start - 30) : m.start])
        fields: dict[str, Any] = {"kind": "stock_price", "price": m.value, "currency": m.currency, "basis": basis}
        if direction:
            fields["direction"] = direction
        dates = _own_dates(text, _dates(text, ctx.ref, clause.start, clause.end, tense="past"), m.end)
        day = _with_lead(_nearest([d for d in dates if d.kind == "day"], Span(m.start, m.end)), ctx.lead)
        if day is None and is_title_case(text[sent.start : sent.end]):
            # "X Soars 16.3% Tuesday On Q3 Beat, Closes At $95.72": one day named in a headline dates all of it
            days = [d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past") if d.kind == "day"]
            if len({d.date for d in days}) == 1:
                day = days[0]
        _apply_period(fields, day)
        if (
            basis == "close" and day is not None and day.relative and fields.get("date") == ctx.ref
            and ctx.published is not None and ctx.published.time() < MARKET_CLOSE
            and re.fullmatch(_WEEKDAY_WORD, day.text, re.I)
        ):
            # "closed at $X on Friday", written Friday morning: that close has not happened yet
            fields["date"] = ctx.ref - dt.timedelta(days=7)
        ctx.use(m.start, m.end)
        anchor = Span(trig_start, m.end)
        out.append(_Candidate("stock_price", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
    return out


@reads("stock_price")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    return _prices(ctx, s.span, s.clauses, s.money, s.percents)
