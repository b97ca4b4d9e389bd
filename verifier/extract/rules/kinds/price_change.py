"""Price moves: a share's percentage change and the day or period it covers."""

from __future__ import annotations

import datetime as dt
from verifier import recache as re
from typing import Any, Optional

from ....market.calendar import next_session, previous_session
from ....dates import DateMention
from ....text import Span
from ...numbers import Percent, find_spoken_percents
from ..context import Sentence, _Candidate, _Context, _in_focus, entry_time, previous_day, session_after, that_day
from ..cues import (
    _spoken_lead, _ANSWER_LEAD, _DOWN_RE, _question_before, _ANAPHOR_SUBJECT, _DOWN, _METRIC_WORDS, _STOCK_SUBJECT, _UP, _UP_RE, _dates, _enclosing, _implicit_subject, _nearest,
    _own_dates, _with_lead, _carried_day,
)
from .. import european
from . import reads

_MOVE_BEFORE = re.compile(  # translated copy puts the day between verb and figure: "lost on Tuesday 1.0 percent"
    rf"\b(?P<verb>{_UP}|{_DOWN})\b(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday)|\s+(?:yesterday|today|overnight)"
    r"|\s+(?P<relday>(?:on\s+)?the\s+(?:following|next|same|previous|prior)\s+(?:day|session|trading day)))?"
    # wire copy gives the change in money first: "rose $3.15, or 4.2%", "fell 2.10 dollars or 2.6 percent"
    r"(?:\s+[$\u20ac\u00a3]?\s?\d[\d.,]*(?:\s+(?:dollars|cents|euros|pence))?(?:\s+(?:per|a)\s+share)?,?\s+or)?"
    r"(?:\s+(?:by|about|around|roughly|nearly|almost|more than|over|some|as much as|like|fully|upwards? of|north of|"
    r"close to|approximately|another|an additional|a further|a whopping|a|an|just|only|as many as|at least|"
    r"slightly|a little|a bit|marginally|well))*\s*[~\u2248]?\s*$",  # "risen slightly more than 1%"
    re.I,
)
_MOVE_NOUN_AFTER = re.compile(
    r"^\s*(?P<noun>gain|rise|jump|increase|rally|surge|advance|climb|rebound|higher|drop|decline|fall|loss|"
    r"slide|plunge|lower|decrease|slump|tumble|selloff|sell-off|dip|crash|rout|collapse|retreat|pullback|pull-back|"
    r"nosedive|pop|spike|bounce|run-up|runup|in the red|in the green|in positive territory|"
    r"in negative territory)s?\b",
    re.I,
)
_MOVE_NOUN_BEFORE = re.compile(  # "a minus of 4.4 percent", "Monday's rally of 1.2%", "a one-day decline of 6%"
    r"\b(?P<noun>minus|plus|loss|gain|rally|rise|drop|decline|fall|slide|jump|surge|advance|plunge|tumble|slump|"
    r"increase|decrease|climb|rebound|selloff|sell-off|pop|spike|dip|move|flood|crash|rout|collapse|retreat|pullback|"
    r"pull-back|nosedive|bounce|run-up|runup|slip|slump)\s+of\s+"
    r"(?:(?:about|around|roughly|nearly|some|almost|more than|over|just|another)\s+)?[~\u2248]?\s*$",
    re.I,
)
_BASE_DATE = re.compile(  # "since the close on July 30", "over Friday's adjusted close": the base of a move, not its day
    # also "from the $244.68 close on Jan. 27" and "Since Monday's close (Aug. 31)"
    r"\b(?:since|over|from|versus|vs\.?|compared (?:with|to)|against|below|above|under)\s+(?:the\s+)?(?:[$\u20ac\u00a3]?\d[\d,.]*\s+)?"
    r"(?:(?:\w+(?:'s|\u2019s)\s+)?(?:adjusted\s+)?close\s*(?:on\s+|of\s+|\(\s*)?)?$", re.I
)
# a span the words name but the date finder cannot place: from a peak or an event, over N sessions
_LOOSE_SPAN = re.compile(
    r"\b(?:(?:from|off|below|above)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,2}?(?:peak|highs?|lows?|record|top|bottom|"
    r"IPO price|offer price|listing price|debut)|"
    r"since\s+(?:its\s+|the\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:earnings|results|report|print|IPO|debut|listing|split|"
    r"announcement|deal|election|low|high|peak|bottom)|since\s+the\s+(?:start|beginning|end|middle)\s+of\s+\w+(?:\s+\d{4})?|"
    r"since\s+(?:the\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?(?:\s+close)?|"
    r"(?:over|in|during)\s+(?:the\s+)?(?:past|last|previous|prior)\s+(?:\w+\s+)?(?:sessions|trading days|days))\b",
    re.I,
)
_SPAN_END = re.compile(r"\b(?:if (?:you|we|one) (?:count|include)|counting|including|through|up to and including|with)\s+$", re.I)
_ELLIPSIS = re.compile(r"\b(?:and|but|while|then)\s+(?:(?:another|a further|an additional|a|nearly|about|roughly|almost)\s+)*$", re.I)
_WEEKDAY_AFTER = re.compile(r"\bthe\s+(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+(?P<side>after|before)\b", re.I)
_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_LEAD_PERIOD = re.compile(r"[\s\-*\u2022]*(?:over|for|on|during|across)\s+the\s+(?:(?:past|trading)\s+)?(?P<period>week|month)\s*,", re.I)
# "down 3% on the week", "down about 12% over the week": the period written right after the figure (not a week
# named by what it follows or ends with: "in the week after the report", "over the week ended May 6")
_OWN_PERIOD = re.compile(r"\s*(?:on|for|(?:over|during|across)(?=\s+the\s+(?:week|month)\b(?!\s+(?:after|before|following|of|ended|"
                         r"ending|to|through|since|leading|that|when|in)\b)))\s+the\s+(?P<period>week|month)\b", re.I)
_VS_CLOSE = re.compile(
    r"\s*(?P<side>below|under|above|over|higher than|lower than)\s+(?:the\s+|its\s+|their\s+)?"
    r"(?:(?:\w+day|yesterday)(?:'s|\u2019s)?\s+|previous\s+|prior\s+|last\s+)?(?:session's\s+)?close\b",
    re.I,
)
# "finished the week up 8.9%", "ended the week 3% lower": the figure is the week's move
_WEEK_FINISH = re.compile(r"\b(?:ended|finished|closed|ends|finishes|closes|ending|finishing)\s+the\s+week\s+(?:(?:up|down|higher|lower|ahead|off)\s+)?(?:by\s+|about\s+|some\s+|nearly\s+|almost\s+)?$", re.I)

def _anchored_day(ctx: _Context, sent: Span, trig_start: int, relative: re.Match[str]) -> Optional[dt.date]:
    """The session "the next day" / "the previous day" / "the same day" means when the sentence named a day
    before it (US sessions: the exchange calendar skips weekends and holidays)."""
    words = " ".join(relative.group(0).lower().split())
    if not re.fullmatch(r"(?:on )?the (?:following|next|same|previous|prior) (?:day|session|trading day)", words):
        return None  # "the day after earnings": an event, not a day named in the sentence
    named = [d for d in _dates(ctx.text, ctx.ref, sent.start, trig_start, tense="past") if d.kind == "day" and d.date]
    if not named:
        return None
    day = named[-1].date
    assert day is not None
    if re.search(r"\b(?:next|following)\b", words):
        return next_session(day)
    if re.search(r"\b(?:previous|prior)\b", words):
        return previous_session(day)
    return day if re.search(r"\bsame\b", words) else None


_PERIOD_TAG = re.compile(r"\s*\(\s*(?P<tag>1D|1W|5D|1M|YTD|1Y|12M|D/D|W/W|M/M|Y/Y)\s*\)", re.I)
_TAG_PERIODS = {"1D": "day", "D/D": "day", "1W": "week", "5D": "week", "W/W": "week", "1M": "month", "M/M": "month",
                "YTD": "ytd", "1Y": "year", "12M": "year", "Y/Y": "year"}
# "up 4.7% that day", "closed Friday at $X, up 5.2% on the day": the day the sentence named before
_THAT_DAY = re.compile(r"\s*(?:(?:on\s+)?(?:that|the same)\s+(?:(?:first|final|opening|very)\s+)?(?:day|session)|(?:on|for)\s+the\s+(?:day|session))\b", re.I)
# "closed at $X on 2 March, a gain of 9.3% on the previous session": measured against the session before, so the
# move is the named day's, not the previous session's
# also "a gain of 3.4% from the prior session", "up 2% on a split-adjusted basis against the previous close": the basis
# the figure is stated on may stand between it and the session it is measured from
_ON_PREVIOUS = re.compile(r"\s*(?:,?\s*on\s+an?\s+(?:(?:split|dividend)[- ])?adjusted\s+basis,?\s+)?"
                          r"(?:on|over|against|versus|vs\.?|from|compared\s+(?:with|to))\s+the\s+(?:previous|prior|preceding)\s+(?:session|day|trading day|close)"
                          r"(?:(?:'s|\u2019s)\s+close)?\b", re.I)
_SINCE_SLASH_DATE = re.compile(r"\bsince\s+(?:the\s+)?(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:\s+close)?\b", re.I)  # "Since the 5/15 close"
_PERIOD_LABEL = re.compile(r"(?:^|[\s(|:;,])(?:YTD|MTD|WTD|QTD|year[- ]to[- ]date|1[YMW]|on the (?:week|month|year))\s*[:=]?\s*$", re.I)
_ARROW = re.compile("[\u25b2\u25bc\u2191\u2193\U0001f53a\U0001f53b\u25b4\u25be]\\s*$")
_AT_THE_OPEN = re.compile(r"\b(?:opened|opens|opening)\s+(?:\S+\s+){0,3}?(?:higher|lower|up|down)\b|\b(?:at|in) the open(?:ing)?\b"
                          r"|\bat the opening bell\b", re.I)
MARKET_OPEN = dt.time(9, 30)
_SIGN_WORD_BEFORE = re.compile(r"\b(?P<noun>minus|plus)\s+$", re.I)  # translated copy: "closed minus 0.4 percent"
_BELOW_YEAR_START = re.compile(  # "sat about 9% below where they began the year"
    r"^\s*(?P<side>below|under|above|over)\s+(?:where|its|their|the)\b[^.;]{0,30}?\b(?:began|started|start|beginning|opened)\b"
    r"[^.;]{0,12}?\byear\b",
    re.I,
)
_DOWN_NOUNS = {"in the red", "in negative territory", "minus", "loss", "drop", "decline", "fall", "loss", "slide", "plunge", "lower", "decrease", "slump", "tumble", "selloff", "sell-off", "dip",
               "crash", "rout", "collapse", "retreat", "pullback", "pull-back", "nosedive", "slip"}
_MOVE_VERB_AFTER = re.compile(  # "the 12% it gained after earnings", "the 5% the shares lost on Monday"
    rf"^\s*(?:that\s+|which\s+)?(?:it|they|the stock|the shares|shares|the company)\s+(?:has\s+|had\s+|have\s+)?(?P<verb>{_UP}|{_DOWN})\b",
    re.I,
)
# a day named only by its place next to an event or another day ("the day after earnings", "on the following day"):
# the move is real but has no date the extractor can resolve, so the check must not pick a session for it
_RELATIVE_DAY = re.compile(
    r"\b(?:(?:on\s+)?the\s+(?:following|next|same|previous|prior)\s+(?:day|session|trading day)|"
    r"(?:on\s+)?the\s+(?:day|session|week|trading day)\s+(?:after|before|following|of)\s+(?:its\s+|the\s+|their\s+)?"
    r"(?:[\w-]+\s+){0,2}?(?:earnings|results|report|print|announcement|call|release|split|deal|news|update|figures))\b",
    re.I,
)
# "the earnings pop of 10.5%", "a post-results rally of 4%": the event names the stock's move, it is no figure that moved
_EVENT_MOVE = re.compile(r"\b(?:post-?)?(?:earnings|results)[- ](?:pop|rally|selloff|sell-off|spike|bounce|run-up|runup|gap)\b"
                         # "Tuesday's 6% slide after earnings": the report is when the stock moved, not a figure that did
                         r"|\b(?:after|following|ahead of|into|on)\s+(?:the\s+|its\s+|their\s+)?(?:quarterly\s+)?(?:earnings|results)"
                         r"(?=\s*(?:[.,;:!?)]|$|\s+(?:and|but|on|in|last|this|that|before|after|news)\b))"
                         # "caught in Monday's broad market sell-off, sliding 4.9%": the market's move, no metric's
                         r"|\b(?:broad(?:er)?\s+)?market(?:-wide)?\s+(?:sell-?off|rout|rally|slide|swoon|downturn|slump|turmoil)\b"
                         # "the profit-taking came out": traders selling, no profit that was reported
                         r"|\bprofit[- ]taking\b", re.I)


def _metric_words(text: str, start: int, end: int) -> list[int]:
    """The ends of the metric words in text[start:end], leaving out an event's name for a move ("the earnings pop")."""
    events = [(e.start(), e.end()) for e in _EVENT_MOVE.finditer(text, max(0, start - 10), min(len(text), end + 20))]
    return [x.end() for x in _METRIC_WORDS.finditer(text, start, end) if not any(a <= x.start() < b for a, b in events)]


# before a signed figure with no verb: a day's possessive, a further move, or a period as the figure's subject
_SIGNED_LEAD = re.compile(
    r"(?:\b(?:mon|tues|wednes|thurs|fri)day(?:'s|\u2019s)|\b(?:another|a further|an additional)"
    r"|\b(?:the\s+|this\s+|last\s+)?(?P<period>week|month|year[- ]to[- ]date|ytd)\s+(?:is|was|=)"
    r"(?:\s+(?:like|about|around|roughly|nearly|almost|now))?"
    # "closed $251.40 today \U0001f680 +1.5%": a quoted price, its day and an emoji, then the price's move
    r"|(?P<price>[$\u20ac\u00a3]\s?\d[\d,]*(?:\.\d+)?)(?:\s+(?:today|yesterday|tonight))?(?:\s*[\U0001F300-\U0001FAFF\u2600-\u27BF]+)?)"
    r"\s*[~\u2248]?\s*$",
    re.I,
)
_LABEL_PERIODS = {"week": "week", "month": "month", "year to date": "ytd", "ytd": "ytd"}
_LEAD_ADVERB = re.compile(r"(?:^|(?<=[\s:;(]))(?P<adverb>(?:[A-Za-z][a-z]{2,}ly|[Ss]till|[Aa]gain|[Mm]eanwhile),?\s+)$")
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|the company)\b", re.I)
# "the price went up by 2.9%": the stock's price when a company is in focus (not "the price of oil", not a target)
_PRICE_SUBJECT = re.compile(r"\b[Tt]he (?:share |stock )?price\b(?!\s+(?:of|for|target|objective|tag|war|cut|increase|hike)\b)")
# "That was 1.2% more than on Wednesday": a price compared with an earlier day's (the sentence before gave it)
_THAN_DAY = re.compile(r"\s*(?P<side>more|higher|less|lower)\s+than\s+(?:on\s+|at\s+)?(?:the close (?:on|of)\s+)?", re.I)
_THAT_SUBJECT = re.compile(r"\s*(?:That|This|It)\s+(?:was|is|were|has been)\s+(?:about\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?$")
# a quote line's move in parentheses right after the price: "now $288.50 (-3.8%)", "AAPL $132.40 (+6.1%)"
_TARGET_WORD_PC = r"targets?|price targets?|PT|objective|fair value|estimates?|consensus|offer|bid|strike"
_PRICE_PAREN = re.compile(r"[$\u20ac\u00a3]\s?\d[\d,]*(?:\.\d+)?\s*\(\s*$")


# "Month to date the stock is +1.6% through tonight's close", "up 4% week-to-date", "+2% MTD": a span to date the
# figure's own label names (a quarter to date has no period the check measures, so it is left to the span rules)
_TO_DATE = re.compile(r"\b(?P<p>week|month|year)[- ]to[- ]date\b|\b(?P<a>WTD|MTD|YTD)\b", re.I)
_MONTH_WEEK_TO_DATE = re.compile(r"(?:month|week)[- ]to[- ]date|MTD|WTD", re.I)
_TO_DATE_PERIODS = {"week": "week", "wtd": "week", "month": "month", "mtd": "month", "year": "ytd", "ytd": "ytd"}


def _to_date_period(text: str, clause: Span, p: Percent, before: str) -> Optional[str]:
    """The period a "<week|month|year> to date" label gives the figure: written right after it ("up 4% MTD"), or
    leading its clause with no other figure between ("Month to date X is +1.6% through tonight's close": tonight
    ends the span, it is not the move's day); None otherwise."""
    after = _TO_DATE.match(text, p.end + len(text[p.end : clause.end]) - len(text[p.end : clause.end].lstrip()), clause.end)
    if after is None:
        lead = None
        for m in _TO_DATE.finditer(text, clause.start, p.start):
            lead = m
        if lead is None or re.search(r"\d\s?(?:%|percent|per cent)", text[lead.end() : p.start], re.I):
            return None
        after = lead
    word = (after["p"] or after["a"]).lower()
    return _TO_DATE_PERIODS[word]


def _moves(ctx: _Context, sent: Span, clauses: list[Span], percents: list[Percent]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    for p in percents:
        if p.points or ctx.is_used(p.start, p.end):
            continue
        clause = _enclosing(clauses, p.start, p.end)
        before = text[clause.start : p.start]
        after = text[p.end : clause.end]
        sign = 0
        trig_start = p.start
        verb = _MOVE_BEFORE.search(before[-60:])
        if verb is None and re.search(r",?\s*\bor\s+$", before):
            # "rose $3.15, or 4.2%": the comma cuts the clause before the verb
            wide = text[max(sent.start, p.start - 60) : p.start]
            wire = _MOVE_BEFORE.search(wide)
            if wire is not None:
                verb, before = wire, wide
        noun = _MOVE_NOUN_AFTER.match(after)
        noun_before = None if verb else (_MOVE_NOUN_BEFORE.search(before[-60:]) or _SIGN_WORD_BEFORE.search(before[-20:]))
        year_start = _BELOW_YEAR_START.match(after)
        answer = _answer_of(ctx, sent)
        vs_close = _VS_CLOSE.match(after)
        than = _THAN_DAY.match(after) if not verb and _THAT_SUBJECT.fullmatch(text, sent.start, p.start) else None
        arrow = _ARROW.search(before[-3:]) if not p.signed else None
        verb_after = None if (verb or noun or noun_before or year_start) else _MOVE_VERB_AFTER.match(after)
        anchor_end = p.end
        label_period: Optional[str] = None  # "week is like -15%": the period the figure's own label names
        shared = False  # the verb (and so the subject) of the move before it in the sentence
        if year_start and not verb:
            sign = -1 if year_start["side"].lower() in ("below", "under") else 1
            trig_start = p.start
        elif than is not None:
            sign = 1 if than["side"].lower() in ("more", "higher") else -1
        elif vs_close and not verb:
            # "$230.10, 0.8% below Friday's close": the move since that close
            sign = -1 if vs_close["side"].lower() in ("below", "under", "lower than") else 1
            anchor_end = p.end + vs_close.end()
        elif arrow and not verb:
            sign = -1 if arrow.group(0) in "\u25bc\u2193\U0001f53b\u25be" else 1  # "AMZN: $230.10 \u25bc2.1%"
        elif noun_before:
            word = noun_before["noun"].lower()
            sign = -1 if word in _DOWN_NOUNS else 1
            trig_start = p.start - len(before[-60:]) + noun_before.start()
        elif verb:
            word = verb["verb"].lower()
            sign = 1 if _UP_RE.fullmatch(word) else -1
            trig_start = p.start - len(before[-60:]) + verb.start()
        elif verb_after:
            sign = 1 if _UP_RE.fullmatch(verb_after["verb"]) else -1
            anchor_end = p.end + verb_after.end()
        elif noun:
            sign = -1 if noun["noun"].lower() in _DOWN_NOUNS else 1
            if re.match(r"^\s*\w+\s+(?:in|of)\s+(?:\w+\s+){0,3}?(?:revenue|sales|earnings|profit|EPS|output|production|shipments|volume)", after, re.I):
                continue
        elif p.signed:
            sign = 1 if p.value > 0 else -1
        elif answer is not None and answer[1] and _ANSWER_HEDGE.fullmatch(text, _ANSWER_LEAD.match(text, sent.start).end(), p.start):
            sign = answer[1]  # "Q: How much did Nike stock fall on Friday? A: About 4%."
        elif out and out[-1].anchor.end <= p.start and _ELLIPSIS.search(before[-40:]) and not _METRIC_WORDS.search(
            text, out[-1].anchor.end, p.start
        ) and not re.match(r"\s*(?:of|in|stake|share|chance|probability|margin|upside|downside)\b", after, re.I):
            # "fell 3% Monday and another 2% Tuesday", "down 3% on the week and 10% year to date": the verb is shared
            sign = 1 if out[-1].fields["percent"] > 0 else -1
            shared = True
        else:
            continue
        if re.match(r"^\s*(?:from|over|versus|vs\.?|compared (?:with|to))\s+(?:a|the|its|their)\s+(?:(?:previous|prior|preceding|last|"
                    r"year-ago|year-earlier|same)\s+)?(?:year|quarter|period)|"
                    r"^\s*(?:year[- ]over[- ]year|YoY|y/y|on the year|annually|sequentially)|"
                    r"^\s*(?:from|versus|vs\.?|compared (?:with|to))\s+(?:last|a|one)\s+(?:year|quarter)(?:\s+(?:ago|earlier|before))?\b", after, re.I):
            continue
        if re.match(r"^\s*(?:stake|of (?:its|the|their)(?!\s+(?:stock's\s+|stock\u2019s\s+|shares'\s+)?(?:market\s+)?value\b)|owned|ownership|interest|coupon|notes?|yield|dividend|"
                    r"of (?:revenue|sales|shares|the company)|market share|chance|probability|margin)\b", after, re.I):
            continue
        subjects = [x.end() for x in _STOCK_SUBJECT.finditer(text, clause.start, trig_start)]
        subjects += [c.end for c in ctx.local if c.start >= clause.start and c.end <= trig_start]
        pronoun = None if subjects or not ((verb or p.signed) and ctx.main is not None) else _PRONOUN_SUBJECT.search(text, clause.start, trig_start)
        if pronoun is not None:
            subjects = [pronoun.end()]  # "It fell 3%": the pronoun is the subject, the main company its referent
        if not subjects and verb_after is not None and ctx.main is not None and not _METRIC_WORDS.search(text, clause.start, trig_start):
            subjects = [trig_start]  # "the 12% it gained": the pronoun after the figure is the stock's
        if not subjects and _implicit_subject(ctx, sent, clause, trig_start):
            subjects = [clause.start]
        if not subjects and p.signed and _PERIOD_LABEL.search(before) and _in_focus(ctx, sent) is not None:
            subjects = [trig_start]  # "YTD +20%.": a period label and a signed figure of the stock in focus
        if not subjects and answer is not None:
            subjects = [sent.start]  # an answer's subject is the question's stock
        signed_lead = _SIGNED_LEAD.search(text, max(clause.start, p.start - 40), p.start) if p.signed and not verb else None
        if not subjects and signed_lead is not None and _in_focus(ctx, sent) is not None and ctx.topic in (None, "stock") and not (
                _metric_words(text, clause.start, p.start) or _metric_words(text, p.end, min(clause.end, p.end + 25))
                or (signed_lead["price"] and re.search(rf"\b(?:{_TARGET_WORD_PC})\b", text[clause.start : p.start], re.I))):
            # "After Thursday's 7.5% drop and Monday's -5.9%", "another -4.1% today", "week is like -15%": a signed
            # figure tied to a day, a further move or a period, after sentences about the stock in focus
            subjects = [p.start]
            if signed_lead["period"]:
                fields_period = _LABEL_PERIODS.get(signed_lead["period"].lower().replace("-", " "))
                if fields_period:
                    label_period = fields_period
        run_on = re.search(r"[a-z][.!?]\s+$", text[clause.start : trig_start]) if verb and not subjects else None
        if run_on is not None and not text[trig_start].isupper():
            # "ok who sold. dumped 1.8% today": a chat line's lower-case run-on sentence opens with the verb
            restart = clause.start + run_on.end()
            if _implicit_subject(ctx, Span(restart, sent.end), Span(restart, clause.end), trig_start):
                subjects = [restart]
        adverb = _LEAD_ADVERB.search(text, clause.start, trig_start) if verb and not subjects else None
        if adverb is not None and _implicit_subject(ctx, sent, clause, adverb.start("adverb")):
            subjects = [clause.start]  # "Quietly up 5.7% this week.": an adverb before the verb of a subjectless line
        if not subjects and p.signed and _in_focus(ctx, sent) is not None and ctx.topic == "stock":
            # "...; Mar 4 was a +3.9% ripper": a day and its signed move, after sentences about the stock
            lead_day = next((d for d in _dates(text, ctx.ref, clause.start, p.start, tense="past") if d.kind == "day" and d.date
                             and re.fullmatch(r"[\s,;(\u2013\u2014-]*", text[clause.start : d.start])), None)
            if lead_day is not None and re.fullmatch(r"\s+(?:was|saw|brought|made)\s+(?:an?\s+)?(?:\w+\s+)?", text[lead_day.end : p.start], re.I) and not _METRIC_WORDS.search(after[:30]):
                subjects = [p.start]
        if not subjects and noun and not verb and _PERIOD_BROUGHT.search(text, clause.start, p.start) and _in_focus(ctx, sent) is not None \
                and ctx.topic in (None, "stock") and not _metric_words(text, clause.start, min(clause.end, p.end + 25)):
            subjects = [p.start]  # "Last week brought a 4% gain": the period is the subject, the stock in focus moved
        if not subjects and verb and _OF_STOCK_VALUE.match(text, p.end, clause.end) and _in_focus(ctx, sent) is not None:
            subjects = [p.start]  # "Investors shed 5.6% of the stock's value on Feb. 6": the stock named after the figure
        if not subjects and shared:
            subjects = [clause.start]  # "It rose 4% Monday and another 2% today": the first move's subject
        if not subjects and than is not None and ctx.topic == "stock" and _in_focus(ctx, sent) is not None:
            subjects = [sent.start]  # "... cost $384.76 at the close. That was 1.2% more than on Wednesday."
        if not subjects and verb and _PRICE_SUBJECT.search(text, clause.start, trig_start) and _in_focus(ctx, sent) is not None:
            subjects = [trig_start]  # "On Wednesday the price went up by 2.9%"
        if not subjects and p.signed and _PRICE_PAREN.search(before[-20:]) and (
            _STOCK_SUBJECT.search(text, sent.start, p.start) or _ANAPHOR_SUBJECT.search(text, sent.start, p.start)
            or any(c.end <= p.start for c in ctx.local) or _in_focus(ctx, sent) is not None
        ):
            subjects = [p.start]  # "now $288.50 (-3.8%)": the quoted price's move
        if not subjects and noun and not verb and re.search(r"\b(?:after|following|on|with|thanks to|helped by|despite)\s+(?:a|an|the|its|their|"
                                                           r"\w+(?:'s|\u2019s))\s+(?:[\w-]+\s+)?$", before) and not re.match(
            r"^\s*\w+\s+(?:in|of|for)\b(?!\s+(?:the\s+)?(?:stock|shares?|trading|early|late|the session|the day))", after, re.I
        ) and (_STOCK_SUBJECT.search(text, sent.start, trig_start) or _ANAPHOR_SUBJECT.search(text, sent.start, trig_start)
               or any(c.end <= trig_start for c in ctx.local)) and not _METRIC_WORDS.search(text, max(sent.start, trig_start - 40), p.end + 25):
            subjects = [sent.start]  # "It closed at $123.21 after a 15.8% jump", "helped by a 2.4% gain on Friday alone"
        close_noun = False  # "The close was a 2.4% drop": the move of one session, whose day the text must give
        if not subjects and (noun or noun_before) and not verb and _summed_up_move(ctx, sent, clause, p, noun_before):
            subjects = [clause.start]  # "That makes a weekly gain of 12.1%", "Monday was a 3.4% gain": the stock's move, summed up
            close_noun = bool(re.match(r"[\s*\u2022>-]*(?:(?:and|but|so)\s+)?(?:[Tt]he|[Ii]ts|[Tt]heir|[\w ]+['\u2019]s)\s+(?:close|closing|finish)\b",
                                       text[clause.start : p.start]))
        if not subjects and noun and not verb and _dated_move_noun(ctx, sent, p, noun):
            subjects = [sent.start]  # "Tuesday's 4.1% drop", "the 2.7% gain it made on May 3": a session's move named as a noun
        if not subjects and (noun_before or year_start or verb) and (
            _STOCK_SUBJECT.search(text, sent.start, trig_start) or _ANAPHOR_SUBJECT.search(text, sent.start, trig_start)
            or any(c.end <= trig_start for c in ctx.local)
            or (noun_before and re.search(r"(?:day|week)(?:'s|\u2019s)\s+(?:\w+\s+)?$", text[max(sent.start, trig_start - 25) : trig_start]))
            # "Most of that came later, including a one-day decline of 6.5% on Feb. 6": a session's move, after sentences about the stock
            or (noun_before and ctx.topic == "stock" and _in_focus(ctx, sent) is not None
                and re.search(r"\b(?:one|single|two|three)-(?:day|session)\s+$", text[max(sent.start, trig_start - 20) : trig_start], re.I))
        ) and not _metric_words(text, max(sent.start, trig_start - 40), trig_start):
            subjects = [sent.start]  # "The paper finished at $50.98, a plus of 4.3 percent"; "Monday's rally of 1.2%"
        quoted_before = re.search(r"[$\u20ac\u00a3]\s?\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?(?=\s*,\s*$)", text[max(sent.start, trig_start - 25) : trig_start])
        if not subjects and verb and quoted_before is not None and (
            # the price was read as the stock's (stock_price reads first and takes it)
            ctx.is_used(max(sent.start, trig_start - 25) + quoted_before.start(), max(sent.start, trig_start - 25) + quoted_before.end())
            and _in_focus(ctx, sent) is not None and not _metric_words(text, sent.start, trig_start)
            and not re.search(rf"\b(?:{_TARGET_WORD_PC})\b", text[sent.start : trig_start], re.I)
        ):
            subjects = [sent.start]  # "Thursday closed at $X, down 3.6% from Wednesday": the move of the price just quoted
        if not subjects:
            # a headline's subject may sit in the clause before ("X Shares Up ~$2.65 ...; Down ~0.2% for Session")
            if not (p.signed or verb) or not any(c.start >= sent.start and c.end <= trig_start for c in ctx.local):
                continue
            subjects = [max(c.end for c in ctx.local if c.start >= sent.start and c.end <= trig_start)]
            between = [x.end() for x in _METRIC_WORDS.finditer(text, subjects[0], trig_start)]
            if between:
                continue  # "Microsoft reported revenue of $69.6 billion, up 12%": the revenue moved
        last_subject = max(subjects)
        metrics = _metric_words(text, clause.start, trig_start)
        if metrics and max(metrics) >= last_subject:
            continue  # ">=": "market share slipped 1.5%": the subject word is part of the metric's name
        value = abs(p.value) * sign
        fields: dict[str, Any] = {"kind": "price_change", "percent": value}
        dates = _own_dates(text, _dates(text, ctx.ref, clause.start, clause.end, tense="past"), p.end, min(trig_start, p.start))
        bases = [d for d in dates if _BASE_DATE.search(text, max(clause.start, d.start - 30), d.start)
             # "lost 5% over the past week": the span of the move, not the close it is measured from
             and not (d.kind != "day" and re.match(r"(?:the\s+)?(?:past|last|previous|prior)\b", d.text, re.I))]
        dates = [d for d in dates if d not in bases]
        if any(d.kind in ("span", "year", "week", "month") for d in dates):
            # "up 16% over the past four weeks if you count today": today ends the span, it is not the move's day
            dates = [d for d in dates if not (d.kind == "day" and _SPAN_END.search(text, max(clause.start, d.start - 30), d.start))]
        # a month or week "to date" (dates reads it as this month or week so far) labels the figure it is written
        # against, which _to_date_period decides; it is no period for the nearest figure ("up 3% on the day and 10%
        # month to date")
        dates = [d for d in dates if not _MONTH_WEEK_TO_DATE.fullmatch(d.text.strip())]
        # "after a 9.5% jump on Dec. 26": a move noun after the figure is measured from the noun, so the day right
        # after it is nearer than a period before the figure
        near = _nearest(dates, Span(trig_start, p.end + noun.end() if noun is not None and verb is None else p.end))
        if near is not None and (near.start > p.end + 40 or near.end < trig_start - 40) and not (
            ctx.lead is not None and near.start == ctx.lead.start
        ):
            near = None  # "... Output By 4% Through Mar.": a date that far away belongs to something else
        own_near = near
        near = _with_lead(near, ctx.lead, ("day", "week", "month", "ytd", "year", "span"))
        if own_near is None and near is not None and clause.start > sent.start and re.match(
                r"[\s,;(\u2013\u2014-]*(?:when|as|while|where)\b", text[clause.start : trig_start], re.I):
            # "In May the shares lost 24%, with the sharpest falls on May 5, when the stock slid 7.6%": the when-clause
            # hangs on the day named right before it, not on the sentence's leading period
            named = [d for d in _dates(text, ctx.ref, max(sent.start, near.end), clause.start + 1, tense="past")
                     if d.kind == "day" and d.date]
            if named and re.fullmatch(r"[\s,;(\u2013\u2014-]*", text[named[-1].end : clause.start]) is not None:
                near = named[-1]
        if near is None and (calendar := _CALENDAR_YEAR.search(text, p.end, min(clause.end, p.end + 60))) is not None:
            year = int(calendar["y"])  # "+54.4% share price appreciation in calendar 2017"
            near = DateMention(calendar.start(), calendar.end(), calendar.group(0), "year",
                               period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31))
        ordinal = _ordinal_day(ctx, sent, p.end if noun is None else p.end + noun.end(), clause.end)
        if ordinal is not None and ordinal.date is not None:
            near = ordinal  # "rose 4% on the 31st": the day of the month the text named before
        elif ordinal is not None:
            near = None
        if near is None and (_THAT_DAY.match(text, p.end, clause.end) or _ON_PREVIOUS.match(text, p.end, clause.end) or (
            clause.start > sent.start and re.match(r"[\s,;(\u2013\u2014-]*(?:when|as|while|where)\b", text[clause.start : trig_start], re.I)
        )):
            # "closing at $X on May 27, up 4.7% that day", "cut its target on April 3, when shares fell 2.4%": the day
            # the sentence named before
            named = [d for d in _dates(text, ctx.ref, sent.start, p.start, tense="past") if d.kind == "day" and d.date]
            if named:
                near = named[-1]
        if near is None and verb is not None and (part_day := _participle_day(ctx, sent, clauses, clause, trig_start, verb["verb"])) is not None:
            near = part_day  # "then got caught in Monday's sell-off, sliding 4.9%": the day of the clause it continues
        if near is None and (appos := _APPOSED_DAY.search(text, max(sent.start, trig_start - 60), trig_start)) is not None:
            named = [d for d in _dates(text, ctx.ref, sent.start, appos.start() + 1, tense="past") if d.kind == "day" and d.date]
            if named and re.fullmatch(r"[\s,]*", text[named[-1].end : appos.start() + 1]):
                near = named[-1]  # "sold on August 21, a day on which the shares advanced 4.1%": the day the apposition names
        if near is None and (subject_day := _day_subject(ctx, sent, trig_start)) is not None:
            near = subject_day  # "The worst day came on August 15, when ...: the shares collapsed 20.3%"
        if near is None and (when_day := _when_lead_day(ctx, sent, clause)) is not None:
            near = when_day  # "When the company reported on Nov. 14, the shares jumped 16%": the lead clause's day
        if near is None and (inner := _inner_lead_day(ctx, sent, clause, trig_start)) is not None:
            near = inner  # "..., and on Nov. 2, the report day, it fell 6.4%": the day leading the move's own clause
        if near is None and not _LOOSE_SPAN.search(text, clause.start, clause.end) and (found := that_day(ctx, sent, before=p.start)):
            near = found.day  # "On Nov. 3 X signed the deal. The stock closed at $Y that day, up 6%": the day named before
        if near is None and not _LOOSE_SPAN.search(text, clause.start, clause.end) and not _RELATIVE_DAY.search(text, clause.start, clause.end) and not any(
            d.resolved for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past")
        ) and not re.search(r"\b(?:since|over|this|last|past|year|week|month|YTD|year-to-date)\b", text[clause.start : clause.end], re.I):
            near = _carried_day(ctx, sent, clause)  # "... finished at $90.19 on Monday. Y slid 4.3% to $66.22"
        slash = _SINCE_SLASH_DATE.search(text, max(sent.start, trig_start - 40), min(sent.end, p.end + 40)) if near is None else None
        if slash is not None and ctx.ref is not None:
            month, day_of_month = int(slash["m"]), int(slash["d"])
            if day_of_month > 12 and 1 <= month <= 12:  # "5/15" reads one way only; "5/6" could be either
                try:
                    base_day = dt.date(ctx.ref.year, month, day_of_month)
                except ValueError:
                    base_day = None
                if base_day is not None and base_day > ctx.ref:
                    base_day = base_day.replace(year=ctx.ref.year - 1)
                if base_day is not None:
                    fields["period"], fields["period_start"] = "unspecified", base_day + dt.timedelta(days=1)
        if near is None and close_noun:
            near = previous_day(ctx, sent)  # "It slid on Monday. The close was a 2.4% drop": the session the sentence before named
            lo = max(text.rfind("\n\n", 0, sent.start) + 1, sent.start - 300, 0)
            if near is None and not (ctx.ref is None and any(d.kind == "day" for d in _dates(text, ctx.ref, lo, sent.start, tense="past"))):
                # a close no sentence dates: which session is meant is not said (with no publication time, a day named
                # before that cannot be placed leaves the move undated, so no session is ever chosen for it)
                continue
        if near is None and answer is not None:
            q = answer[0]  # "Q: How much did the stock fall on Friday? A: About 4%": the question's day
            near = next((d for d in _dates(text, ctx.ref, q.start, q.end, tense="past") if d.resolved), None)
        window = text[clause.start : clause.end]
        own = _OWN_PERIOD.match(text, p.end, clause.end)
        tag = _PERIOD_TAG.match(text, p.end, sent.end)
        close_day = [d for d in _dates(text, ctx.ref, p.end, anchor_end, tense="past") if d.kind == "day" and d.date] if vs_close else []
        if tag is not None:
            # "-1.6% (1D), +20.0% (1M), -9.0% (YTD)": each figure's own tag
            fields["period"] = _TAG_PERIODS[tag["tag"].upper()]
        elif vs_close and close_day:
            # "0.8% below Friday's close": measured from that close, so the span starts the day after
            fields["period"], fields["period_start"] = "unspecified", close_day[0].date + dt.timedelta(days=1)
        elif vs_close:
            fields["period"] = "day"  # "2% above the previous close": the session's move so far
        elif own is not None and not year_start:
            # "down 3% on the week and 10% year to date": the period written right after the figure is its own
            fields["period"] = own["period"].lower()
        elif year_start:
            fields["period"] = "ytd"
        elif _WEEK_FINISH.search(text, max(clause.start, p.start - 40), p.start):
            # "On Friday it ..., and it finished the week up 8.9%": the week that ends on the day named, not that day
            fields["period"] = "week"
            if near is not None and near.kind == "day" and near.date:
                fields["date"] = near.date
        elif near is not None and near.kind == "day" and near.date:
            fields["date"], fields["period"] = near.date, "day"
        elif near is not None and near.kind == "month" and near.cumulative and near.period_start:
            fields["period_start"] = near.period_start  # "since October": from the close before it
        elif near is not None and near.kind == "week" and near.cumulative and near.period_start and re.match(
                r"(?:the\s+)?past\b", near.text, re.I):
            # "lost 5% over the past week": the seven days to publication, not the calendar week so far
            fields["period"], fields["period_start"] = "unspecified", near.period_start
        elif near is not None and near.kind in ("week", "month", "ytd"):
            fields["period"] = near.kind
            if near.period_end and ctx.ref and near.period_end < ctx.ref and not near.cumulative:
                fields["date"] = near.period_end  # "last week": the week that ended, not the one under way
        elif near is not None and near.kind == "year" and ctx.ref is not None and not near.cumulative \
                and near.period_start == dt.date(ctx.ref.year, 1, 1) and near.period_end and near.period_end >= ctx.ref:
            fields["period"] = "ytd"  # "up 8.1% in 2021" written in 2021: the year so far, like "this year"
        elif near is not None and near.kind == "year" and near.period_start and near.period_end and ctx.ref is not None \
                and near.period_end < ctx.ref and not near.cumulative:
            # "rose 54% in 2017", written in 2018: that calendar year's move, from the close before it to its last close
            fields["period"], fields["period_start"], fields["date"] = "unspecified", near.period_start, near.period_end
        elif near is not None and near.kind in ("year", "span"):
            fields["period"] = "year" if near.period_start and near.period_end and (near.period_end - near.period_start).days > 300 else "unspecified"
            if fields["period"] == "unspecified" and near.period_start:
                fields["period_start"] = near.period_start  # "over the past four months"
        elif re.search(r"\b(?:on|for) the week\b", window, re.I):
            fields["period"] = "week"  # "-4.1% on the week": the week to date
        elif re.search(r"\b(?:for the session|on the day|for the day|(?:ended|finished|closed) the (?:day|session)|"
                       r"in (?:early |late |midday |afternoon |morning )?(?:trading|trade|deals|dealings)|"
                       r"premarket|pre-market|after-hours|afterhours|after hours|before the bell|after the bell|AH|pre-?mkt|after-?mkt|"
                       r"extended(?:-hours)? trading|intraday|session)\b", window, re.I) and not _LOOSE_SPAN.search(window):
            fields["period"] = "day"
            if ctx.ref and re.search(r"\b(?:premarket|pre-market|in (?:\w+ )?trading|session|intraday|today|on the day|for the day)\b", window, re.I):
                fields["date"] = ctx.ref
        _unsettled_day(ctx, sent, [d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past") if d.kind == "day" and d.date], fields)
        if than is not None:
            compared = [d for d in _dates(text, ctx.ref, p.end + than.end(), min(sent.end, p.end + than.end() + 20), tense="past")
                        if d.kind == "day" and d.date and d.start == p.end + than.end()]
            fields.pop("date", None)
            fields["period"] = "day"
            if compared:
                after_day = next_session(compared[0].date)
                said = [d for d in _dates(text, ctx.ref, max(0, sent.start - 200), sent.start, tense="past") if d.kind == "day" and d.date]
                if said and said[-1].date == after_day:
                    fields["date"] = after_day  # the day the sentence before priced, against the day before it
            if "date" not in fields:
                fields["time_reference"] = " ".join(text[p.end : p.end + than.end() + (compared[0].end - compared[0].start if compared else 0)].split())
            anchor_end = p.end + than.end() + (compared[0].end - compared[0].start if compared else 0)
        week_ended = _WEEK_ENDED_LEAD.match(text, sent.start, trig_start)
        if week_ended is not None and "period_start" not in fields and fields.get("period") in (None, "unspecified", "day"):
            ended = [d for d in _dates(text, ctx.ref, week_ended.end(), min(trig_start, week_ended.end() + 30), tense="past")
                     if d.kind == "day" and d.date and d.start == week_ended.end()]
            if ended:
                # "Over the week ended August 18, the shares lost 15.1%": that week's move, to the day named
                fields["period"], fields["date"] = "week", ended[0].date
        lead_period = _LEAD_PERIOD.match(text, sent.start, trig_start)
        if lead_period is not None and "date" not in fields and "period_start" not in fields and fields.get("period") in (None, "unspecified"):
            # "Over the week, from Monday's open to the close, the shares gave up 2%": the sentence's lead names the span
            fields["period"] = lead_period["period"].lower()
        base = _nearest([d for d in bases if d.kind == "day" and d.date], Span(trig_start, p.end))
        if base is not None and "date" not in fields and "period_start" not in fields and fields.get("period") in (None, "unspecified"):
            # "up 31.5% since the close on July 30": measured from that close, so the span starts the day after
            fields["period"], fields["period_start"] = "unspecified", base.date + dt.timedelta(days=1)
        if "date" not in fields and "period_start" not in fields and fields.get("period") in (None, "unspecified", "day"):
            relative = _RELATIVE_DAY.search(text, trig_start, min(clause.end, anchor_end + 40))
            loose = _LOOSE_SPAN.search(text, max(clause.start, trig_start - 40), min(clause.end, anchor_end + 50))
            anchor_day = _anchored_day(ctx, sent, trig_start, relative) if relative is not None else None
            if anchor_day is not None:
                # "closed at $X on April 28, then fell 14% the next day": the session after the day just named
                fields["date"], fields["period"] = anchor_day, "day"
            elif relative is not None:
                # "lost on the following day 1.0 percent": a day the words place but do not date
                fields["period"], fields["time_reference"] = "day", " ".join(relative.group(0).split())
            elif loose is not None:
                # "down 8% from its January peak", "up 4% over the past five sessions": not one session's move
                fields["period"], fields["time_reference"] = "unspecified", " ".join(loose.group(0).split())
        if ordinal is not None and ordinal.date is None and "date" not in fields:
            fields["period"], fields["time_reference"] = "day", ordinal.text  # "on the 24th", a day the text does not date
        glossed = _gloss_ytd(ctx, sent, p.end) if near is None and fields.get("period") in (None, "unspecified") and "period_start" not in fields else None
        if glossed is not None:
            # "- **+6%:** The stock's gain in 2026 through Tuesday's close": the gloss after the figure names its span
            fields["period"] = glossed.kind
            if glossed.date is not None:
                fields["date"] = glossed.date
        through = _YEAR_THROUGH.match(text, p.end, clause.end) if "period_start" not in fields and "time_reference" not in fields else None
        if through is not None and ctx.ref is not None:
            # "up 14.2% for the year through that session", "for the year through the Feb. 2 close": the calendar year to
            # date, ending on the day named (the day read, else the first dated day after "through")
            ended = [d for d in _dates(text, ctx.ref, through.end(), clause.end, tense="past") if d.kind == "day" and d.date
                     and d.start <= through.end() + 6]
            day = fields.get("date") if fields.get("period") == "day" else None
            if day is None and ended:
                day = ended[0].date
            if day is not None and day <= ctx.ref:
                fields["period"], fields["date"] = "ytd", day
            elif day is None and _LATEST_CLOSE.match(text, through.end(), clause.end):
                fields["period"] = "ytd"  # "through last night's close": the last session's close, as read at publication
                fields.pop("date", None)
        if label_period is None and "period_start" not in fields and "time_reference" not in fields and "date" not in fields \
                and fields.get("period") in (None, "unspecified") and _month_so_far(ctx, sent, clause, trig_start, p.end):
            label_period = "month"  # "December so far it is up 9.6%", "so far in March": the publication month to date
        if label_period is None and "period_start" not in fields and "time_reference" not in fields:
            label_period = _to_date_period(text, clause, p, before)
        if label_period is not None:
            fields["period"] = label_period  # "week is like -15%": the label names the period, whatever day the line has
        if fields.get("period") in (None, "unspecified", "day") and "time_reference" not in fields and "period_start" not in fields:
            stated = entry_time(ctx, sent, p.end, fields.get("date"))
            if stated is None and _AT_THE_OPEN.search(text, max(clause.start, trig_start - 20), min(clause.end, p.end + 30)):
                stated = MARKET_OPEN  # "opened 3% higher": the gap at the open, which lies inside the day's range
            if stated is not None:
                fields["time"] = stated  # "10:42 ET - shares down 3%": the move up to that minute
        ctx.use(p.start, p.end)
        anchor = Span(trig_start, anchor_end)
        out.append(_Candidate("price_change", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
    return out


_NOUN_DETERMINER = re.compile(  # "the 3% jump", "a further 2% decline", "and a 4% rebound", "its 5% slide"
    r"(?:^|[\s,;:(])(?:the|a|an|its|their|another|a further|an additional)\s+(?:(?:one|single)-(?:day|session)\s+)?$", re.I)
_DAY_POSSESSIVE = re.compile(r"(?:'s|\u2019s)\s+$")  # "Tuesday's 5% drop"
# between the noun and its day: "the 3% jump it made on June 2", "the 5% drop came on May 4", "a 2% decline on 8 March"
_NOUN_TO_DAY = re.compile(
    r"\s+(?:(?:that\s+|which\s+)?(?:it|they|the stock|the shares)\s+(?:had\s+)?(?:made|posted|booked|logged|recorded|suffered|took|saw)\s+"
    r"|(?:that\s+|which\s+)?(?:came|happened|followed|arrived|hit)\s+)?(?:on\s+)?$", re.I)


_OF_STOCK_VALUE = re.compile(r"\s+of\s+(?:the\s+)?(?:stock|shares|company)(?:'s|\u2019s|')\s+(?:market\s+)?value\b", re.I)
# a period as the subject of a move noun: "last week brought a 4% gain", "the month saw a 9% slide"
_PERIOD_BROUGHT = re.compile(r"(?<![\w'])(?:last|this|the past|the)\s+(?:week|month|quarter|year|session)\s+(?:brought|saw|delivered|produced|"
                             r"was|meant|ended with)\s+(?:an?\s+|another\s+)?(?:\w+\s+)?[~\u2248]?\s*$", re.I)


# "up 4.6% for the year through last night's close", "down 6% on the year to Feb. 27": the year to date, to a day
_YEAR_THROUGH = re.compile(r"\s*(?:(?:so\s+far\s+)?(?:for|on)\s+the\s+year|year[- ]to[- ]date|so\s+far\s+this\s+year)\s*,?\s+"
                           r"(?:through|thru|to|until|up\s+to|as\s+of)\s+", re.I)
_LATEST_CLOSE = re.compile(r"(?:last\s+night|yesterday|the\s+(?:latest|last|previous|prior|most\s+recent))(?:['\u2019]s)?\s+(?:close|session)\b", re.I)
# a figure set before its gloss, as a "by the numbers" bullet writes it: "**+6%:** The stock's gain this year"
_FIGURE_GLOSS = re.compile(r"\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?=\S)")
_YEAR_TO_DATE_WORDS = re.compile(r"\b(?:this|so far this)\s+year\b|\byear[- ]to[- ]date\b|\bYTD\b", re.I)


def _gloss_ytd(ctx: _Context, sent: Span, at: int) -> Optional[DateMention]:
    """The span a figure's gloss names: the publication year ("**+6%:** The stock's gain in 2026 through Tuesday's
    close", kind "ytd", carrying the day it runs through when named) or one day ("**-3%:** The move on Monday",
    kind "day"); else None."""
    m = _FIGURE_GLOSS.match(ctx.text, at, sent.end)
    if m is None or ctx.ref is None:
        return None
    found = _dates(ctx.text, ctx.ref, m.end(), sent.end, tense="past")
    this_year = any(d.kind == "ytd" or (d.kind == "year" and d.period_start == dt.date(ctx.ref.year, 1, 1)) for d in found) \
        or _YEAR_TO_DATE_WORDS.search(ctx.text, m.end(), sent.end)
    if any(d.kind in ("week", "month", "span") for d in found):
        return None
    days = [d for d in found if d.kind == "day" and d.date]
    if len(days) > 1 or not (this_year or (days and len(found) == 1 and re.search(r"\b(?:on|for)\s*$", ctx.text[m.end() : days[0].start]))):
        return None
    if days:
        return DateMention(days[0].start, days[0].end, days[0].text, "ytd" if this_year else "day", date=days[0].date)
    return DateMention(m.end(), sent.end, "", "ytd")


def _participle_day(ctx: _Context, sent: Span, clauses: list[Span], clause: Span, trig_start: int, verb: str) -> Optional[DateMention]:
    """The one day the clause before names, for a move in a participle clause that continues it ("..., and then got
    caught in Monday's sell-off, sliding 4.9% to $X"); None when the clause before names no day, or several."""
    if not verb.lower().endswith("ing") or not re.fullmatch(r"[\s,;(\u2013\u2014-]*", ctx.text[clause.start : trig_start]):
        return None
    before = [c for c in clauses if c.end <= clause.start and c.start >= sent.start]
    if not before:
        return None
    prev = before[-1]
    days = [d for d in _dates(ctx.text, ctx.ref, prev.start, prev.end, tense="past") if d.resolved]
    if len(days) != 1 or days[0].kind != "day" or days[0].date is None:
        return None
    return days[0]


# "on August 21, a day on which the shares advanced 4.1%": an apposition that makes the day named the move's
_APPOSED_DAY = re.compile(r",\s*(?:a|the)\s+(?:\w+\s+)?(?:day|session|trading day)\s+(?:on which|in which|when|that)\b[^,;]*$", re.I)
# "Over the week ended August 18, ...": a lead naming a week by the day it ended
_WEEK_ENDED_LEAD = re.compile(r"[\s\-*\u2022]*(?:over|for|in|during|across)\s+the\s+(?:trading\s+)?week\s+(?:that\s+)?(?:ended|ending|to|through)\s+(?:on\s+)?", re.I)


# "The single worst day came on August 15": a sentence about one day, whose moves are that day's
_DAY_SUBJECT = re.compile(r"[\s\-*\u2022]*(?:The|Its|Their)\s+(?:[\w-]+\s+){0,3}?(?:day|session)\s+(?:came|was|arrived|fell)\s+(?:on\s+)?", re.I)
# "on the following trading day, July 31, the stock rose 6.5%": a relative day and the date set beside it
_RELATIVE_THEN_DATE = re.compile(r"\b(?:on\s+)?the\s+(?:following|next|previous|prior)\s+(?:trading\s+)?(?:day|session),\s+", re.I)


_OPENING_RELATIVE_DAY = re.compile(r"[\s\-*\u2022]*(?:On\s+)?the\s+(?P<dir>next|following|previous|prior)\s+(?P<unit>(?:trading\s+)?(?:day|session))\b"
                                   r"(?!\s*,\s*\w+\.?\s+\d)", re.I)


def _day_subject(ctx: _Context, sent: Span, trig_start: int) -> Optional[DateMention]:
    """The day a sentence is about, when it opens by naming it ("The single worst day came on August 15, ...") or
    gives a relative day its date ("on the following trading day, July 31, the stock rose 6.5%"); else None."""
    text = ctx.text
    m = _DAY_SUBJECT.match(text, sent.start, trig_start)
    at = m.end() if m is not None else None
    if at is None:
        rel = _RELATIVE_THEN_DATE.search(text, sent.start, trig_start)
        at = rel.end() if rel is not None else None
    if at is None:
        opening = _OPENING_RELATIVE_DAY.match(text, sent.start, trig_start)
        before = previous_day(ctx, sent) if opening is not None else None
        if opening is None or before is None or before.date is None:
            return None
        # "... on Dec. 4. The next day they gave some back, falling 1.8%": the session after the day the sentence
        # before named, by the rule "the next day" has everywhere (context.session_after)
        forward = opening["dir"].lower() in ("next", "following")
        day = session_after(before.date, opening["unit"]) if forward else previous_session(before.date)
        if day is None or (ctx.ref is not None and day > ctx.ref):
            return None
        return DateMention(opening.start(), opening.end(), opening.group(0).strip(), "day", date=day)
    days = [d for d in _dates(text, ctx.ref, at, min(trig_start, at + 30), tense="past") if d.kind == "day" and d.date and d.start == at]
    return days[0] if days else None


_CALENDAR_YEAR = re.compile(r"\b(?:in|during|for|over|through)\s+(?:the\s+)?calendar(?:\s+year)?\s+(?P<y>(?:19|20)\d{2})\b", re.I)


# a lead clause that sets the move's moment: "When the company put out its results on May 4, the shares ..."
_WHEN_LEAD = re.compile(r"[\s*_\u2022-]*(?:When|Once|On the day|The day)\b", re.I)
# an event after the close moves the stock the next session, not the day the lead names
_AFTER_HOURS_EVENT = re.compile(r"\b(?:after|following)\s+(?:the\s+)?(?:bell|close|market close)\b|\bafter[- ]hours\b|\bevening\b|\blate\b|\bovernight\b", re.I)


_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
# "December so far", "so far in March", "March to date", "in March so far": a month named as running to now
_MONTH_SO_FAR = re.compile(r"\b(?:(?i:so\s+far|thus\s+far)\s+(?:in|this)\s+(?P<a>[A-Z][a-z]+)|(?:in\s+)?(?P<b>[A-Z][a-z]+)\s+(?:so\s+far|thus\s+far|to\s+date))\b")


def _month_so_far(ctx: _Context, sent: Span, clause: Span, trig_start: int, end: int) -> bool:
    """True when the move's clause (or the sentence's words before it) names the publication month as running to
    now ("December so far it is up 9.6%", "So far in March, the shares have lost 4.1%"); another month is not."""
    if ctx.ref is None:
        return False
    for m in _MONTH_SO_FAR.finditer(ctx.text, sent.start, min(sent.end, max(clause.end, end + 30))):
        name = (m["a"] or m["b"]).lower()
        if name in _MONTH_NAMES and _MONTH_NAMES.index(name) + 1 == ctx.ref.month and not re.search(
                r"\d", ctx.text[m.end() : m.end() + 6]):
            return True
    return False


# "..., and on Nov. 2, the report day, it fell 6.4%": a day leading a later clause of the sentence, before its subject
_INNER_LEAD_BEFORE = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but|then|while)\s+)(?:(?:and|but|then)\s+)?on\s+$", re.I)
_INNER_LEAD_AFTER = re.compile(r"\s*(?:,\s*(?:the|a|an)\s+[\w' -]{1,40}?,)?\s*,?\s*(?:then\s+)?(?:it|they|the\s+(?:stock|shares)|"
                               r"(?:[A-Z][\w.&-]*\s+)?shares|[A-Z][\w.&-]*)\s+$")


def _inner_lead_day(ctx: _Context, sent: Span, clause: Span, trig_start: int) -> Optional[DateMention]:
    """The day "on <day>" names when it leads the move's own clause inside the sentence, the subject and verb
    following it directly (an apposition allowed: "and on Nov. 2, the report day, it fell 6.4%"); else None."""
    named = [d for d in _dates(ctx.text, ctx.ref, sent.start, trig_start, tense="past") if d.resolved]
    if not named or named[-1].kind != "day" or named[-1].date is None:
        return None
    day = named[-1]
    if not _INNER_LEAD_BEFORE.search(ctx.text, max(sent.start, day.start - 14), day.start) \
            or not _INNER_LEAD_AFTER.fullmatch(ctx.text, day.end, trig_start):
        return None
    return day


def _when_lead_day(ctx: _Context, sent: Span, clause: Span) -> Optional[DateMention]:
    """The one day a lead "When ..." clause names, for the move in the main clause after it; None when the lead
    names no day or several, or puts the event after the close (its move is the next session's)."""
    if clause.start <= sent.start or not _WHEN_LEAD.match(ctx.text, sent.start, clause.start):
        return None
    lead = ctx.text[sent.start : clause.start]
    if not re.search(r",\s*$", lead):
        return None
    named = [d for d in _dates(ctx.text, ctx.ref, sent.start, clause.start, tense="past") if d.resolved]
    days = {d.date for d in named if d.kind == "day" and d.date}
    if len(days) != 1 or any(d.kind != "day" for d in named):
        return None
    day = next(d for d in named if d.kind == "day")
    if _AFTER_HOURS_EVENT.search(lead):
        assert day.date is not None  # an event after the close: the next session traded on it
        following = next_session(day.date)
        if following is None or (ctx.ref is not None and following > ctx.ref):
            return None
        return DateMention(day.start, day.end, day.text, "day", date=following)
    return day


# "rose 10.5% on the 31st": a day of the month written alone, right after the move
_ON_ORDINAL = re.compile(r"\s*,?\s*on\s+the\s+(?P<d>[1-9]|[12]\d|3[01])(?:st|nd|rd|th)\b(?!\s*(?:of\b|percentile|anniversary|floor|day|session|time))", re.I)


def _ordinal_day(ctx: _Context, sent: Span, at: int, end: int) -> Optional[DateMention]:
    """The session "on the 16th" means when it follows a move: that day of the month of the last day the sentence
    (else the sentence before) named, the month after it when the day number is smaller ("on Jan. 30 ... and 3% on
    the 2nd"), else the publication month (the month before when the number is past publication day). A mention
    with no date when no such day exists or it would fall after publication: the words name a day the text does
    not date, never the latest session."""
    m = _ON_ORDINAL.match(ctx.text, at, end)
    if m is None:
        return None
    n = int(m["d"])
    mention = DateMention(m.start("d"), m.end(), m.group(0).strip(" ,"), "day")
    named = [d for d in _dates(ctx.text, ctx.ref, sent.start, at, tense="past") if d.kind == "day" and d.date]
    base = named[-1].date if named else (ctx.last_day.date if ctx.last_day is not None and ctx.last_day.date else None)
    later = base is not None and n < base.day  # the next month's day
    if base is None and ctx.ref is not None:
        base, earlier = ctx.ref, n > ctx.ref.day
    else:
        earlier = False
    if base is None:
        return mention
    month = base.replace(day=1)
    if later:
        month = (month + dt.timedelta(days=32)).replace(day=1)
    elif earlier:
        month = (month - dt.timedelta(days=1)).replace(day=1)
    try:
        day = month.replace(day=n)
    except ValueError:
        return mention
    if ctx.ref is not None and day > ctx.ref:
        return mention
    return DateMention(mention.start, mention.end, mention.text, "day", date=day)


# "That makes a weekly gain of 12.1%", "That capped last week's 6.1% gain", "Monday was a 3.4% gain": a sentence that
# sums up the moves the sentences before told, with "that" (or the session's day) as its subject
_SUMMED_UP = re.compile(
    r"[\s*\u2022>-]*(?:(?:and|but|so)\s+)?(?P<subj>That|This|(?:Mon|Tues|Wednes|Thurs|Fri)day"
    # "the closing of that day was a jump of 7.3%", "Friday's close was a 2% drop": a session's close named as the subject
    r"|(?:[Tt]he|[Ii]ts|[Tt]heir|(?:Mon|Tues|Wednes|Thurs|Fri)day['\u2019]s|[Tt]hat day['\u2019]s)\s+(?:close|closing|finish)"
    r"(?:\s+(?:of|on|for)\s+(?:that|the same|the)\s+(?:day|session))?)\s+(?:was|is|made|makes|marked|marks|capped|caps|completed|completes|"
    r"rounded out|rounds out|brought|brings|amounted to|amounts to|meant|means)\s+(?:(?:a|an|the|its|their)\s+)?"
    r"(?:(?:last|this)\s+week['\u2019]s\s+)?(?:(?:weekly|daily|monthly|one-day|single-day|one-session|week-long)\s+)?$")


def _summed_up_move(ctx: _Context, sent: Span, clause: Span, p: Percent, noun_before: Optional[re.Match[str]]) -> bool:
    """A move named as a noun whose subject is "that" or a weekday, in a run of sentences about the stock in focus."""
    text = ctx.text
    if ctx.topic != "stock" or _in_focus(ctx, sent) is None or _metric_words(text, sent.start, sent.end):
        return False
    start = clause.start
    lead_end = p.start if noun_before is None else p.start - len(noun_before.group(0))
    return _SUMMED_UP.fullmatch(text, start, lead_end) is not None


def _dated_move_noun(ctx: _Context, sent: Span, p: Percent, noun: re.Match[str]) -> bool:
    """A move written as a noun and tied to a day ("Monday's 2% gain", "the 4% slide it suffered on May 3"), in a
    sentence about the stock in focus: one session's move, not a metric's."""
    text = ctx.text
    if _in_focus(ctx, sent) is None or noun["noun"].lower().startswith("in "):
        return False
    noun_end = p.end + noun.end()
    if _metric_words(text, max(sent.start, p.start - 15), min(sent.end, noun_end + 15)):
        return False  # "Q3's 12% rise in revenue": a metric's growth
    found = [d for d in _dates(text, ctx.ref, max(sent.start, p.start - 30), min(sent.end, noun_end + 40), tense="past") if d.kind == "day"]
    days = [d for d in found if d.date]
    lead = text[max(sent.start, p.start - 40) : p.start]
    if ctx.ref is None and any(d.end <= p.start and d.date is None and re.fullmatch(
            r"(?:mon|tues|wednes|thurs|fri)day(?:'s|\u2019s)", text[d.start : d.end], re.I) and not text[d.end : p.start].strip() for d in found):
        return True  # "Friday's 9.6% surge" in a text with no publication time: the move is a session's, its day unknown
    for d in days:
        if d.end <= p.start and (_DAY_POSSESSIVE.fullmatch(text, d.end, p.start) or (
                re.search(r"(?:'s|\u2019s)$", text[d.start : d.end]) and not text[d.end : p.start].strip())):
            return True  # "Tuesday's 5.3% drop"
        if d.start >= noun_end and _NOUN_TO_DAY.fullmatch(text, noun_end, d.start) and _NOUN_DETERMINER.search(lead):
            return True  # "the 3.6% jump it made on June 2", "a further 4.7% decline on 8 September"
    return False


def _unsettled_day(ctx: _Context, span: Span, days: list[Any], fields: dict[str, Any]) -> None:
    """A day the words do not settle: "the tuesday after" (the weekday after the day the sentence before named,
    else only a time reference)."""
    text = ctx.text
    relative = next((m for d in days if (m := _WEEKDAY_AFTER.search(text, max(span.start, d.start - 4), min(span.end, d.end + 8)))), None)
    if relative is not None:
        base = ctx.last_day.date if ctx.last_day is not None and ctx.last_day.date else None
        weekday = _WEEKDAYS.index(relative["day"].lower()[:3])
        fields.pop("date", None)
        after = base + dt.timedelta(days=(weekday - base.weekday() - 1) % 7 + 1) if base is not None else None
        if after is not None and relative["side"].lower() == "after" and ctx.ref is not None and after < ctx.ref:
            fields["date"], fields["period"] = after, "day"
        else:  # no day before it, or one that would put the move on or after publication day
            fields["period"], fields["time_reference"] = "day", " ".join(relative.group(0).split())


_ANSWER_HEDGE = re.compile(r"(?:(?:about|around|roughly|approximately|nearly|some|just over|just under|close to|~|a|an)\s*)*", re.I)


def _answer_of(ctx: _Context, sent: Span) -> Any:
    """(question, sign) when the sentence answers a question about a stock's move, else None."""
    question = _question_before(ctx.text, sent)
    if question is None:
        return None
    q = ctx.text[question.start : question.end]
    if not (_STOCK_SUBJECT.search(q) or any(question.start <= c.start < question.end for c in ctx.mentions)):
        return None
    if _METRIC_WORDS.search(q):
        return None
    up, down = _UP_RE.search(q), _DOWN_RE.search(q)
    return question, (1 if up and not down else -1 if down and not up else 0)


@reads("price_change")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    return _moves(ctx, s.span, s.clauses, s.percents) + european.moves(ctx, s) + _spoken(ctx, s)


def _spoken(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A transcript's move said in words: "it had dropped, like, five percent"."""
    text, sent = ctx.text, s.span
    out: list[_Candidate] = []
    for p in find_spoken_percents(text, sent.start, sent.end):
        if ctx.is_used(p.start, p.end):  # a word percent numbers.py also found is still this reader's when _moves passed it
            continue
        lead = _spoken_lead(text, sent, p.start)
        verb = _MOVE_BEFORE.search(lead[-60:])
        if verb is None or _METRIC_WORDS.search(lead[-60:]) or _in_focus(ctx, sent) is None or not (
            _STOCK_SUBJECT.search(lead) or _ANAPHOR_SUBJECT.search(lead) or ctx.local
        ):
            continue
        fields: dict[str, Any] = {"kind": "price_change", "percent": p.value * (1 if _UP_RE.fullmatch(verb["verb"]) else -1)}
        days = [d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past") if d.kind == "day" and d.date]
        if days:
            fields["date"], fields["period"] = days[-1].date, "day"
        _unsettled_day(ctx, sent, days, fields)
        ctx.use(p.start, p.end)
        out.append(_Candidate("price_change", fields, Span(p.start, p.end), Span(sent.start, p.end)))
    return out


# a list's stated measuring window: "Percent changes measure Dec. 30, 2016 to Dec. 29, 2017", "returns run from
# the Jan. 2 close through June 28"; "ranked by how far they traveled between the last close of 2016 and ..."
_WINDOW_STATED = re.compile(
    r"\b(?:(?:percent(?:age)?|price|share-price|stock-price)\s+(?:changes?|moves?|gains?|returns?)|changes|returns|performance|moves)"
    r"\s+(?:are\s+|were\s+)?(?:(?:measured|calculated|computed|taken)\s+)?(?:measure[sd]?|runs?|covers?|spans?|from|over)\b",
    re.I,
)
_WINDOW_YEAR_CLOSE = re.compile(
    r"\b(?:between|from)\s+the\s+(?:last|final)\s+(?:close|closing price|session|trading day)\s+of\s+(?P<y>(?:19|20)\d{2})\s+"
    r"(?:and|to|through|until)\b",
    re.I,
)
# a heading or list line that is only a ranked name and its move: "## 3. Acme Corp: down 41%", "#2 Initech (INTC) +47%"
_RANKED_LINE = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?(?:#?\d{1,2}[.):]?[ \t]+)")


def stated_window(text: str, ref: Optional[dt.date]) -> Optional[tuple[dt.date, dt.date]]:
    """The base close and end day the article says its listed moves are measured over (a movers list's note or
    lead), when it names both; None when it names none, or more than one window."""
    found: set[tuple[dt.date, dt.date]] = set()
    for m in _WINDOW_STATED.finditer(text):
        days = [d for d in _dates(text, ref, m.end(), min(len(text), m.end() + 90), tense="past") if d.kind == "day" and d.date]
        if len(days) >= 2 and days[0].date and days[1].date and days[0].date < days[1].date and re.fullmatch(
                r"\s*(?:to|through|thru|until|and|-|\u2013|\u2014)\s*(?:the\s+)?(?:close\s+(?:of|on)\s+)?", text[days[0].end : days[1].start], re.I):
            found.add((days[0].date, days[1].date))
    for m in _WINDOW_YEAR_CLOSE.finditer(text):
        days = [d for d in _dates(text, ref, m.end(), min(len(text), m.end() + 60), tense="past") if d.kind == "day" and d.date]
        year = int(m["y"])
        if days and days[0].date and days[0].date.year == year + 1:
            found.add((dt.date(year, 12, 31), days[0].date))
    ends = {e for _, e in found}
    starts = {(s.year, s.month) if s.month == 12 and s.day >= 24 else s for s, _ in found}
    if len(ends) != 1 or len(starts) != 1:
        return None
    return min(found)[0], next(iter(ends))


def date_listed_moves(text: str, ref: Optional[dt.date], candidates: list[_Candidate], headings: list[Span]) -> None:
    """Give the moves of a movers list's ranked lines ("## 3. Acme: down 41%") the window the article states for
    them: such a line names no period of its own, and the note or lead says what the figures measure. A window from
    a year's last close is the next year's year-to-date move; any other is a span from the day after its base."""
    lines = [h for h in headings if _RANKED_LINE.match(text, h.start)]
    if not lines:
        return
    window = stated_window(text, ref)
    if window is None:
        return
    base, end = window
    for cand in candidates:
        f = cand.fields
        if cand.kind != "price_change" or not any(h.start <= cand.anchor.start and cand.anchor.end <= h.end for h in lines):
            continue
        if f.get("date") or f.get("period_start") or f.get("time_reference") or f.get("period") not in (None, "unspecified"):
            continue
        if base.month == 12 and base.day >= 24 and end.year == base.year + 1:
            f["period"], f["date"] = "ytd", end
        else:
            f["period"], f["period_start"], f["date"] = "unspecified", base + dt.timedelta(days=1), end
