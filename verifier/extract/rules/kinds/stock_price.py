"""Share prices: a close, open, high, low or intraday price, its day and the move stated next to it."""

from __future__ import annotations

import datetime as dt
from verifier import recache as re
from typing import Any, Optional

from ....market.calendar import previous_session, session_on_or_before
from ....dates import NEW_YORK, dated_section_at, find_entry_stamp
from ....text import Span
from ...numbers import Money, Percent, find_spoken_prices
from ...structure import figure_lead, is_title_case
from ..context import THAT_DAY, Sentence, _Candidate, _Context, _in_focus, entry_time, previous_day, that_day
from ..cues import (
    _RATING, _spoken_lead, _ANSWER_LEAD, _question_before, _ANAPHOR_SUBJECT, _DOWN, _DOWN_RE, _METRIC_WORDS, _STOCK_SUBJECT, _TARGET_WORD, _UP, _UP_RE, _apply_period, _dates,
    _CHAT_SENDER, _enclosing, _implicit_subject, _nearest, _own_dates, _with_lead, _carried_day, _wrap_piece,
)
from .. import european
from . import reads

MARKET_CLOSE = dt.time(16, 0)  # US regular session close, America/New_York
_WEEKDAY_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday)"
_WINDOW = r"(?:52[- ]?w(?:ee)?k|52[- ]?wk|52w|twelve-month|12-month|one-year|all-time|record|ATH)"
# "On its first split-adjusted trading day, ...", "As of my last update, ...", "On the day of the listing, ...": a lead that
# names a day by an event or by the writer's own knowledge, not by a date
_UNDATED_LEAD = re.compile(
    r"[\s*>-]*(?P<ref>(?:on|as of|at)\s+(?:its|the|my|their|his|her|our|that)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:(?:trading\s+)?day|session|update|cutoff|cut-off|knowledge|training data|listing|debut))\b[^,.;\n]{0,30},",
    re.I,
)
_WINDOW_RE = re.compile(rf"\b(?P<w>{_WINDOW})\s+(?:intraday\s+|closing\s+)?(?:highs?|lows?|range)\b|\b(?P<ath>ATH)\b", re.I)
_AT_THE_CLOSE_AFTER = re.compile(
    r"\s*(?P<share>(?:a|per|each) share\s+)?at\s+(?:the|its|their|(?:Mon|Tues|Wednes|Thurs|Fri)day['\u2019]s)\s+(?:closing\s+bell|close)\b",
    re.I,
)
_SHARE_WORTH = re.compile(  # "the share was worth 241,73 dollars": a price, not a stake's or a deal's worth
    r"\b(?:share|stock|title|paper|action|security)s?\s+(?:was|is|were|are)\s+(?:still\s+|now\s+|only\s+)?worth\s+"
    r"(?:about\s+|around\s+|roughly\s+|some\s+|just\s+)?$", re.I)
_AT_THE_CLOSE_BEFORE = re.compile(r"\b(?:at|by|after) the (?:close|closing|closing bell|end of (?:the )?(?:trading|session|day))\b", re.I)
_HIGH_LOW_PAIR = re.compile(
    r"\b(?:high|low|HOD|LOD)\b[^.;$]{0,20}[$€£]\s?[\d.,]+\s*(?:,|/|and)\s*(?P<side>high|low)\s*:?\s*$", re.I)
_RANGE_HIGH = re.compile(rf"\b{_WINDOW}\s+range\s*(?::|is|was|of|from)?\s*[$€£]\s?[\d.,]+\s*(?:-|\u2013|to|and)\s*$", re.I)
_WIRE_MOVE_TO = re.compile(
    rf"\b(?:{_UP}|{_DOWN})\s+[$€£]?\s?\d[\d.,]*(?:\s+(?:dollars|cents|euros|pence))?,?\s+or\s+[+-]?[\d.,]+\s?(?:%|percent|per cent),?"
    r"\s+to\s+(?P<close>close\s+at\s+|end\s+at\s+|finish\s+at\s+|settle\s+at\s+)?$",
    re.I,
)
_RELEASE_CLOSE = re.compile(
    r"\bclosing (?:sale |sales |last )?price of (?:the |its |our )?(?:company's |Company's )?(?:common |ordinary |class [A-C] )?"
    r"(?:stock|shares)\b[^$€£;]{0,110}?\b(?:was|were)\s+$",
    re.I,
)
_AT_BEFORE = re.compile(r"\bat\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|some\s+|just over\s+|just under\s+|just\s+|"
                        r"only\s+|a mere\s+|under\s+|below\s+)?$", re.I)
# "an offer" is reworded copy's "a share" (see the spun-synonym style of the corpus README)
_A_SHARE_AFTER = re.compile(r"\s*(?:a|per|each|an)\s+(?:share|offer)\b(?!\s+(?:price target|target|dividend|buyback|repurchase))", re.I)
_ISSUE_WORDS = re.compile(r"\b(?:offering|IPO|priced|placement|tender|buyback|repurchase|acquire|acquisition|takeover|merger|"
                          r"exercise|convert\w*|grant\w*|options?|warrants?|bid|buy|buys|bought|sell|sells|sold|deal|agree\w*)\b", re.I)
_CONTINUATION = re.compile(r"[\s,;(\u2013\u2014-]*(?:at\b|to\b|\w+ing\b)", re.I)  # a clause that carries on the one before
# "closing at $X that day", "..., ending the session at $X": a close that carries on the clause before it
_BASE_CLOSE_AFTER = re.compile(r"\s+(?:close|closing price|closing level|finish)\s+(?:on|of)\s+", re.I)  # "the $244.68 close on Jan. 27"
_THAT_DAY = re.compile(r"[^;.]{0,25}?\b(?:that|the same) (?:day|session)\b|\s+on the day\b", re.I)
_CLOSE_PARTICIPLE = re.compile(r"[\s,;(\u2013\u2014-]*(?:and\s+)?(?:closing|ending|finishing|settling|to (?:close|end|finish|settle))\b", re.I)
_PAST_CLOSE = re.compile(r"(?:closed|ended|finished|settled)\b", re.I)
_SIDE_CLAUSE = re.compile(r"\b(?:which|who|since|before|after|ahead of|until|that had)\b[^,;]*$", re.I)  # a date of another event
_MOVE_OR_CLOSE = re.compile(
    rf"(?P<close>\b(?:closed|ended|finished|settled|shut)\b)|\b(?:{_UP}|{_DOWN}|rise|fall|decline|gain|loss|drop)\b", re.I
)
_DURING_SESSION = re.compile(r"\b(?:(?:early|late) in the (?:session|day)|at times|at one point|briefly|intraday|in intraday trading|during the (?:session|day)|mid-?session|"
                             r"at midday|by midday|in midday trading|touch(?:ed|es|ing)|in (?:the )?(?:final|last|first|opening|closing) (?:hour|half-hour|minutes))\b", re.I)  # a level touched, or in an hour of the session: never the close
# "The low was $X", "Yesterday's high came at $X": the session's extreme as the subject of its own sentence
_NOUN_EXTREME = (r"(?:^|[\s*\u2022-])(?:[Tt]he|[Ii]ts|[Tt]heir|(?:[Tt]oday|[Yy]esterday|Monday|Tuesday|Wednesday|Thursday|Friday)['\u2019]s)\s+"
                 r"(?:(?:intraday|session|day['\u2019]s|session['\u2019]s)\s+)?SIDE\s+(?:was|came at|came in at|stood at|printed at)\s+"
                 r"(?:about\s+|around\s+|roughly\s+)?$")
_COORDINATED_EXTREME = re.compile(
    r"[\s,;]*(?:and|but|then|before|after)\s+(?:(?:at one point|briefly|later|earlier|also|even|at times|intraday|then|had)\s+)*"
    r"(?:hit|hitting|touched|touching|reached|reaching|set|setting|marked|marking|printed|printing|made|making)\s+(?:an?|the|its)\s+", re.I)
# a journal's fill with no subject: "Filled at $X", "Sold half at $X", "Bought back 20 at $X" (the writer's own trade)
_JOURNAL_FILL = re.compile(r"[\s*\u2022-]*(?:filled|got filled|bought|sold|picked up|added|trimmed)\b(?:\s+(?:back|half|some|all|more|the rest|\d[\d,]*(?:\s+shares)?)){0,2}\s+at\s+"
                           r"(?:about\s+|around\s+|roughly\s+|just\s+)?$", re.I)
_EXTREME_APPOSITION = re.compile(
    r"\b(?:(?:the|its|their|a|an)\s+(?:new\s+|fresh\s+)?(?:(?:intraday|session|day['\u2019]s)\s+(?:high|low)|(?:high|low)\s+of\s+the\s+(?:day|session))"
    r"|HOD|LOD)\s*,\s*$", re.I)
_AT_THE_OPEN_AFTER = re.compile(r"\s*,?\s*(?:right\s+)?at the open(?:ing bell)?\b", re.I)
_MOVE_NOUNS = r"rise|gain|jump|climb|rebound|recovery|spike|rally|decline|drop|fall|slide|plunge|sell-off|selloff|slump|dip|slip|tumble"
_UP_NOUN = re.compile(r"\b(?:rise|gain|jump|climb|rebound|recovery|spike|rally)\b", re.I)
_DOWN_NOUN = re.compile(r"\b(?:decline|drop|fall|slide|plunge|sell-off|selloff|slump|dip)\b", re.I)


# a clause whose subject holds a rating ("kept its Neutral rating and", "reiterated Buy and"): an analyst is speaking
_RATING_KEPT = re.compile(
    rf"\b(?:kept|keeps|keeping|maintained|maintains|reiterated|reiterates|retained|retains|held|holds|affirmed|stuck with)\s+"
    rf"(?:its\s+|their\s+|his\s+|her\s+|an?\s+|the\s+)?(?:{_RATING}\s+)?(?:rating|recommendation|call)\b|"
    rf"\b(?:kept|keeps|maintained|maintains|reiterated|reiterates|affirmed)\s+(?:its\s+|their\s+|an?\s+)?{_RATING}\b")


# a clause that is one more predicate of the sentence's subject: "..., bounced to close at", "..., and then slid to"
# (also "..., after touching $X intraday", "..., though not before hitting $X on Nov. 17": the subject's own earlier move)
_SERIES_PREDICATE = re.compile(r"[\s,;]*(?:and\s+)?(?:then\s+|later\s+|finally\s+|(?:though\s+)?(?:not\s+)?(?:after|before|while)\s+)?"
                               r"(?!being\b|according\b|including\b)[a-z]{3,}(?:ed|ing)\b")
_SERIES_SUBJECT = re.compile(r"[\s*\u2022>-]*(?:(?:[Tt]he|[Ii]ts|[Tt]heir)\s+)?(?:[Ss]hares|[Ss]tock|[Ss]hare price|[Ss]tock price)\s+(?!of\b|in\b)[a-z]+")


# "..., touching an intraday low of $X", "..., after hitting $X intraday": a participle clause naming the session's extreme
_EXTREME_PARTICIPLE = re.compile(r"[\s,;(\u2013\u2014-]*(?:and\s+|then\s+|after\s+|before\s+|while\s+)?(?:briefly\s+|even\s+)?"
                                 r"(?:touching|hitting|reaching|setting|marking|printing|making|tagging|plumbing|dipping to|sinking to|"
                                 r"falling to|sliding to|climbing to|rising to|jumping to|spiking to)\b")


def _extreme_participle(ctx: _Context, sent: Span, clauses: list[Span], clause: Span, m: Money, basis: Optional[str]) -> bool:
    """A participle clause that names the session's high or low ("It fell 9% on Oct. 29, touching an intraday low of
    $X", "Yesterday it closed at $Y, after touching $X intraday"): the stock an earlier clause of the sentence opens
    with ("it", "the shares"), on the one day the sentence names before the figure."""
    text = ctx.text
    if clause.start <= sent.start or not _EXTREME_PARTICIPLE.match(text, clause.start, m.start):
        return False
    if basis not in ("high", "low") and not (basis in ("unspecified", "intraday") and _DURING_SESSION.search(text, clause.start, min(clause.end, m.end + 40))):
        return False
    focus = _in_focus(ctx, sent)
    if focus is None or any(c.start >= sent.start and c.end <= m.start and c.ticker != focus.ticker for c in ctx.local):
        return False
    opened = any(sent.start <= c.start < clause.start and (_ANAPHOR_SUBJECT.match(text[c.start : c.end].lstrip(" ,;"))
                                                            or _SERIES_SUBJECT.match(text, c.start, c.end)) for c in clauses)
    days = {d.date for d in _dates(text, ctx.ref, sent.start, clause.start, tense="past") if d.kind == "day" and d.date}
    return opened and len(days) == 1


_CLOCK_LINE = re.compile(r"[ \t]*\d{1,2}:\d{2}\b")  # a flow log's line that opens with its clock time
_LEFT_AT = re.compile(r"\b(?:left|leaving|leaves|put|putting|puts)\s+(?:them|it|the stock|the shares|shares)\s+at\s+(?:about\s+|around\s+|roughly\s+)?$", re.I)
# "the shares collapsed 20.3%, from a close of $X the day before to $Y": a day's move between two closes
_FROM_CLOSE = re.compile(
    rf"\b(?:{_UP}|{_DOWN}|collapsed|plunged|tumbled|soared|jumped|slid|sank|dropped|fell|rose|climbed)\b(?:\s+(?:about\s+|nearly\s+)?[\d.,]+\s?(?:%|percent|per cent))?,?"
    r"\s+from\s+(?:(?:a|the|its|their)\s+(?:close|closing price|finish)\s+of\s+)?(?P<x>[$€£]\s?[\d.,]*\d)"
    r"\s+(?:the|a)\s+(?:day|session)\s+(?:before|earlier)\s+to\s+(?P<y>[$€£]\s?[\d.,]*\d)", re.I)


def _from_close(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A day's move from the close the day before to the day's close: both closes, the day the sentence names."""
    text, sent = ctx.text, s.span
    if ctx.ref is None or _in_focus(ctx, sent) is None:
        return []
    out: list[_Candidate] = []
    for f in _FROM_CLOSE.finditer(text, sent.start, sent.end):
        if not (_STOCK_SUBJECT.search(text, sent.start, f.start()) or _ANAPHOR_SUBJECT.search(text, sent.start, f.start())):
            continue
        days = {d.date: d for d in _dates(text, ctx.ref, sent.start, f.start(), tense="past") if d.kind == "day" and d.date and d.date <= ctx.ref}
        x = next((m for m in s.money if m.start == f.start("x")), None)
        y = next((m for m in s.money if m.start == f.start("y")), None)
        if len(days) != 1 or x is None or y is None or ctx.is_used(x.start, x.end) or ctx.is_used(y.start, y.end):
            continue
        day = next(iter(days.values()))
        for m, date in ((x, previous_session(day.date)), (y, day.date)):
            if date is None:
                continue
            fields = _price_fields(ctx, m, "close", None)
            fields["date"] = date
            ctx.use(m.start, m.end)
            out.append(_Candidate("stock_price", fields, Span(m.start, m.end), Span(f.start(), f.end())))
    return out


def _last_clause(words: str) -> str:
    """The words of a hard-wrapped lead after its last clause break: "rose $6.65 per share, or 3.8%, to\nclose at" is
    read from "to\nclose at", as it would be on one line, where the comma ends the clause."""
    return re.split(r"[,;]\s", words)[-1]


# "shrugged off worries", "fended off a bid": "off" as the particle of a verb is no fall; "off 2%", "off sharply at $X"
# and a bare "were off" before the price are
_OFF_AS_FALL = re.compile(r"\s*(?:$|[\d$\u20ac\u00a3~+-]|(?:about|nearly|roughly|almost|some|sharply|slightly|modestly|more|less|"
                          r"as much as|at|to|on|in|from|for|by|after|the (?:day|session|highs?|lows?)|its (?:highs?|lows?))\b)", re.I)


def _direction(words: str) -> Optional[str]:
    """The move stated next to a price ('in a slight decline to', 'rose to'): the last movement word wins.

    A 'high of' or 'low of' alone states no move: it names which price of the session is meant.
    """
    last_up = max((m.end() for p in (_UP_RE, _UP_NOUN) for m in p.finditer(words)), default=-1)
    last_down = max((m.end() for p in (_DOWN_RE, _DOWN_NOUN) for m in p.finditer(words)
                     if not (m.group(0).lower() == "off" and not _OFF_AS_FALL.match(words, m.end()))), default=-1)
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
        if clause.start > sent.start and not text[clause.start : m.start].strip():
            # "the stock hit the low of the day, $X": the figure set off by a comma names the extreme the clause
            # before ends on, and that clause's subject is the figure's
            prev = max((c for c in clauses if c.end <= clause.start and c.start >= sent.start), key=lambda c: c.start, default=None)
            if prev is not None and _EXTREME_APPOSITION.search(text, prev.start, clause.start):
                clause = Span(prev.start, clause.end)
        lead = text[clause.start : m.start]
        wrap_from = _wrap_piece(text, sent) if clause.start == sent.start else None
        if wrap_from is not None:
            lead = text[wrap_from : m.start]  # "collapsed 20.3% in a single session\nto $87.08": the cue runs across a hard wrap
        before = lead[-70:]
        after = text[m.end : min(sent.end, m.end + 30)]
        base_close = _BASE_CLOSE_AFTER.match(text, m.end, sent.end) if re.search(r"\b(?:the|its|their)\s+$", before, re.I) else None
        if base_close is not None and (_STOCK_SUBJECT.search(text, sent.start, m.start) or any(c.end <= m.start for c in ctx.local)
                                       or _ANAPHOR_SUBJECT.search(text, sent.start, m.start)) and _in_focus(ctx, sent) is not None or (
            base_close is not None and any(c.end <= m.start for c in ctx.local)
        ):
            # "down 15% from the $244.68 close on Jan. 27": the base of a move is a close the article states
            day = next((d for d in _dates(text, ctx.ref, base_close.end(), min(sent.end, base_close.end() + 25), tense="past")
                        if d.kind == "day" and d.date and d.start == base_close.end()), None)
            if day is not None:
                fields = _price_fields(ctx, m, "close", None)
                _apply_period(fields, day)
                ctx.use(m.start, m.end)
                anchor = Span(m.start, day.end)
                out.append(_Candidate("stock_price", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
                continue
        worth = _SHARE_WORTH.search(before)
        if not worth and re.search(rf"\b(?:{_TARGET_WORD}|estimates?|consensus|EPS|per share|revenue|sales|dividends?|offer|bid|calls?|"
                     r"puts?|strike|fair value|valuation|fines?|from(?!\s+(?:the|a|an|its|their)\s+(?:[^\s$€£]+\s+){0,3}?(?:close|low|high)\s+of\s+$)|salary|worth|payout|premium|(?<!closing )(?<!opening )(?<!share )(?<!stock )price of)\b[^$€£]{0,25}$", before if wrap_from is None else _last_clause(before), re.I):
            continue
        if re.match(rf"^\s*(?:{_TARGET_WORD}|a share (?:price target|target)|per share (?:dividend|in)|calls?|puts?|dividend|"
                    r"per-share|estimate)\b", after, re.I):
            continue
        basis: Optional[str] = None
        trigger: Optional[re.Match[str]] = None
        for name, pattern in (
            ("close", r"\b(?:closed|closing|close|closes|ended|ends|end|ending|finished|finishes|finish|finishing|settled|settles|"
                      r"settling|settle|shut|wrapped up|went out)\b(?:\s+[\w.%~+'\u2019$-]+){0,6}?\s+(?:at|on|of|to|as)\s+"
                      r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|some\s+)?"
                      # "closing at a record $X": the close, which was also a record
                      r"(?:(?<=at )an?\s+(?:new\s+|fresh\s+)?(?:record|all-time high|record high)\s+(?:high\s+)?(?:of\s+)?)?$"),
            ("close", r"\b(?:closed|ended|finished|settled|closes|ends|finishes|settles)\s+(?:(?:yesterday|today|Monday|Tuesday|Wednesday|"
                      r"Thursday|Friday|the (?:day|session|week))\s+)?$"),
            ("close", r"\bclosing (?:price|level|quote|value)\b(?:\s+[\w'\u2019]+){0,3}?\s+(?:of|was|at|stood at)\s+$"),
            ("unspecified", r"\b(?:indicated|expected|set|poised|called|seen)\s+to\s+open\s+(?:\w+\s+)?(?:at|near|around)\s+$"),
            ("open", r"\b(?:opened|opening price of|open|opens)\b(?:\s+[\w'\u2019]+){0,3}?\s+(?:at|of)\s+$"),
            ("high", r"\b(?:(?:record|all-time|intraday|session|new|52-week|day's)\s+)?highs?\s+(?:of|at)\s+$"),
            ("low", r"\b(?:(?:record|intraday|session|new|52-week|day's)\s+)?lows?\s+(?:of|at)\s+$"),
            ("high", rf"\b{_WINDOW}\s+high\s*(?::|is|was|stands at|stood at|sits at|of|at)\s*$"),
            ("low", rf"\b{_WINDOW}\s+range\s*(?::|is|was|of|from)?\s*$"),  # "52-week range: $170.27 - $327.85"

            ("low", rf"\b{_WINDOW}\s+low\s*(?::|is|was|stands at|stood at|sits at|of|at)\s*$"),
            ("high", r"\b(?:as high as|a high of|an? (?:intraday|session|fresh|new) (?:peak|top) of)\s+$"),
            ("low", r"\b(?:as low as|a low of|an? (?:intraday|session|fresh|new) (?:trough|bottom) of)\s+$"),
            ("intraday", r"\b(?:trading|trades|traded|trade|changing hands|changed hands|change hands|changes hands|priced|quoted|sitting|sits|"
                         r"stands|stood|hovering|hovers|hovered|currently|are|is|were|was|at)\s+(?:(?:higher|lower|up|down|"
                         r"slightly higher|slightly lower)\s+)?(?:at|around|near|about|just above|just below)\s+"
                         r"(?:about\s+|around\s+|roughly\s+|approximately\s+|nearly\s+|some\s+)?$"),
            ("close", r"\b(?:(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri)(?:day)?(?:'s)?|prev(?:ious|\.)?|prior|last)\s+close\s*:?\s*$"),
            # "Friday's close was $X", "the previous close stood at $X": the close of the stock in focus
            ("close", r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri)day(?:['\u2019]s)?|yesterday['\u2019]s|prev(?:ious|\.)?|prior|last)\s+close\s+"
                      r"(?:was|is|stood at|came in at|of)\s+(?:about\s+|around\s+|roughly\s+)?$"),
            # "The real close was $X", "its official close stood at $X": a close named as a noun, then its figure
            ("close", r"\b(?:the|its|their)\s+(?:real|actual|official|final|true|correct|regular-session|settlement)\s+close\s+"
                      r"(?:was|is|stood at|came in at|came to|of)\s+(?:about\s+|around\s+|roughly\s+)?$"),
            # "bottomed at $X", "peaked at $X": the session's low or high, checked against that, never against the close
            ("low", r"\b(?:bottomed|bottoms|bottoming|troughed)(?:\s+out)?\s+(?:at|near|around)\s+(?:about\s+|around\s+|roughly\s+)?$"),
            ("high", r"\b(?:peaked|peaks|peaking|topped out|tops out|topping out|crested)\s+(?:at|near|around)\s+(?:about\s+|around\s+|roughly\s+)?$"),
            # "I bought Amazon at $X on <day>", "sold a third of my shares on <day> at $X": a trade's fill price, inside
            # that day's range (kept below only with a day of its own and a first-person or holder subject)
            ("trade", r"\b(?:bought|buy|purchased|sold|sell|picked up|added to|trimmed|paid|filled|got filled)\b(?:\s+[\w.,'\u2019-]+){0,8}?\s+at\s+"
                      r"(?:about\s+|around\s+|roughly\s+|just\s+)?$"),
            # "I paid $X a share on <day>": the writer's own fill, said with "paid" and no "at" (kept below only with
            # "a share" after the figure, a day of its own and a first-person subject)
            ("trade", r"\b(?:paid|pay|paying)\s+(?:about\s+|around\s+|roughly\s+|just\s+|only\s+)?$"),
            ("intraday", r"\b(?:was|were|is|are|stood|stands|trades|traded|trading)\s+last\s+(?:at\s+|seen at\s+|quoted at\s+)?$"),
            ("intraday", r"\blast\s+(?:seen|quoted|trading|traded|changing hands|spotted)\s+(?:at|around|near)\s+$"),
            # alert feeds: "CLOSE AMZN $229.99", "OPEN AMZN $224.10", "ALERT AMZN back above $208.00"
            ("close", r"(?:^|[\]\s])(?:CLOSE|CLOSING|Close)\s+\$?[A-Z]{1,5}\s*:?\s*$"),
            ("open", r"(?:^|[\]\s])(?:OPEN|Open)\s+\$?[A-Z]{1,5}\s*:?\s*$"),
            ("intraday", r"\b(?:back|now|still|trading|trades|is|was)\s+(?:above|below|under|over)\s+$"),
            ("intraday", r"(?:^|[\]\s:])(?:ALERT|Alert|QUOTE|Quote)\s+\$?[A-Z]{1,5}\s*:?\s*(?:(?:crossed|crosses|hit|hits|at|above|below)\s+){0,2}$"),
            # "Price alert: XYZ crossed $50": an alert line's level, the quote that set it off
            ("intraday", r"(?:\balert\s*:\s*|^\s*)\$?[A-Z]{1,5}\s+(?:crossed|crosses)\s+$"),
            ("high", r"\b(?:ATH|all[- ]time high|record high)s?\s+(?:of|at)\s+$"),
            # "The low was $X", "Yesterday's high came at $X", "the session's low stood at $X": a session's extreme named as a noun
            ("high", _NOUN_EXTREME.replace("SIDE", "high")),
            ("low", _NOUN_EXTREME.replace("SIDE", "low")),
            # "XYZ Fri high $X", "Tuesday's low: $X": a weekday's session extreme (kept below only with that day)
            ("high", r"\b(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri)(?:day)?(?:['\u2019]s)?\s+(?:intraday\s+|session\s+)?high\s*(?::|of|at|was|=)?\s*$"),
            ("low", r"\b(?:Mon|Tue|Tues|Wed|Thu|Thurs|Fri)(?:day)?(?:['\u2019]s)?\s+(?:intraday\s+|session\s+)?low\s*(?::|of|at|was|=)?\s*$"),
            ("high", r"\b(?:high of (?:the )?day|HOD|day(?:'s)? high|session high|intraday high)\s*(?::|,|of|at|was|=)?\s*$"),
            ("low", r"\b(?:low of (?:the )?day|LOD|day(?:'s)? low|session low|intraday low)\s*(?::|,|of|at|was|=)?\s*$"),
            ("intraday", r"\b[A-Z][\w.&-]*['\u2019]s\s+(?:now\s+|currently\s+|still\s+)?(?:at|around|near|sitting at)\s+(?:about\s+|around\s+|like\s+)?$"),
            # "AH it's at $209": the stock in focus, quoted now (the subject check below asks for one)
            ("intraday", r"\b[Ii]t['\u2019]s\s+(?:now\s+|currently\s+|still\s+)?(?:at|around|trading at|sitting at)\s+(?:about\s+|around\s+|like\s+|~)?$"),
            ("intraday", r"\b(?:sat|sit|sits|sitting|rests|rested|resting|parked|hover|idled|idling|lingered|lingering)\s+"
                         r"(?:at|around|near|just above|just below)\s+(?:about\s+|around\s+|roughly\s+|like\s+)?$"),
            ("intraday", r"\b(?:now|currently|presently)\s+(?:at\s+|around\s+|near\s+|sitting at\s+|trading at\s+)?"
                         r"(?:about\s+|around\s+|roughly\s+|~)?$"),
            ("intraday", r"\b(?:crossed|crosses|broke|breaks|pierced|breached|moved)\s+(?:above|below|through|under|over)\s+$"),
            # "With the stock at $X going into the print": an absolute phrase quoting the stock
            ("unspecified", r"\b[Ww]ith\s+(?:the\s+|its\s+)?(?:stock|shares|share price|stock price)\s+(?:now\s+|still\s+|already\s+)?(?:at|near|around)\s+"
                         r"(?:about\s+|around\s+|roughly\s+)?$"),
            ("intraday", r"\d\s?(?:%|percent|per cent)\s+(?:higher|lower|up|down|firmer|weaker|stronger)\s+(?:at|to|near|around)\s+"
                         r"(?:about\s+|around\s+|roughly\s+)?$"),
            ("unchanged", r"\b(?:flat|steady|little changed)\s+at\s+$"),
            ("unspecified", r"\bto\s+(?:a\s+)?(?:new\s+|fresh\s+)?(?:record|all-time high|record high|new high)(?:\s+high)?(?:\s+of)?\s+$"),
            ("unspecified", r"(?:^|[-*\u2022]\s*|\b(?:the\s+)?)(?:stock|shares?)\s*:\s*$"),
            ("intraday", r"(?:^|[-*\u2022]\s*)Last\s+(?:at\s+|trade\s+)?$"),
            ("intraday", r"%\s*(?:\w+\s+)?@\s*$"),
            ("intraday", r"(?:^|\s)[+\-\u2212]\d[\d.,]*\s?%\s+(?:\S+\s+)?(?:at|to)\s+$"),
            ("unspecified", rf"\b(?:{_UP}|{_DOWN}|decline|drop|fall|rise|gain|jump|climb|rebound|recovery|slide|plunge|"
                            r"move|moved|moves|spike|sell-off|selloff)\b[^$€£;]{0,45}?\bto\s+(?:about\s+|around\s+|roughly\s+)?$"),
            ("unchanged", r"\bunchanged\s+at\s+$"),
            # "a 2.6% pop Tuesday that left them at $X": the level a move left the stock at
            ("unspecified", _LEFT_AT.pattern),
            ("unspecified", r"\b(?:hit|hits|hitting|touched|touches|touching|reached|reaches|reaching|topped|tops)\s+(?:a\s+(?:record|fresh|new)\s+(?:high\s+of\s+)?)?$"),
            ("unspecified", r"\b(?:cost|costs|had cost|costing)\s+(?:about\s+|around\s+|roughly\s+)?$"),
            # "it was $224 on Apr 1": the stock's price on a day the words name right after it (checked below)
            ("dated", r"\b(?:[Ii]t|[Tt]he stock|[Tt]he shares)\s+(?:was|were)\s+(?:at\s+)?"
                      r"(?:about\s+|around\s+|roughly\s+|only\s+|just\s+)?$"),
            ("unspecified", rf"\b(?:{_UP}|{_DOWN})\s+(?:about\s+|nearly\s+|roughly\s+|~)?[+-]?[\d.,]+\s?(?:%|percent)\s+(?:at|to)\s+$"),
            ("unspecified", r"\b(?:stock|share) price\s*(?:(?:today|now|right now|currently)\s*)?(?::|is|was|of|stands at|stood at)\s*$"),
            ("unspecified", _SHARE_WORTH.pattern),
            ("unspecified", r"\b(?:goes|went|going|fetches|fetched|fetching)\s+for\s+(?:about\s+|around\s+|roughly\s+|some\s+)?$"),
            ("unspecified", rf"\b(?:{_UP}|{_DOWN}|rise|fall|decline|increase|decrease|gain|loss|drop|progress|retreat)\s+(?:of\s+|by\s+)?"
                            r"(?:about\s+|nearly\s+|roughly\s+|~)?[+-]?[\d.,]+\s?(?:%|percent|per cent)\s*,?\s+"
                            r"(?:(?!from\b|since\b|than\b|over\b|vs\b|versus\b|year\b|quarter\b)[\w-]+\s+){0,3}?(?:at|to)\s+$"),
            ("unspecified", r"(?:^|[\n|\u2022*-]\s*)(?:[A-Z][\w.&'-]*\s+){0,4}\((?:(?:NASDAQ|NYSE|Nasdaq|Nyse|NYSE American)\s*:\s*)?[A-Z]{1,5}\)\s*[:|-]?\s*$"),
            ("unspecified", r"(?:^|[\n|\u2022*]\s*)\$?[A-Z]{2,5}\s*:\s*$"),
            ("unspecified", rf"\b(?:{_UP}|{_DOWN})\s+from\s+[$€£]\s?[\d.,]+\s+to\s+$"),
            # wire copy: "added $3.15, or 4.2%, to $78.10", "rose $3.15 to $78.10", "fell 2.10 dollars to 77.90 dollars"
            ("unspecified", rf"\b(?:{_UP}|{_DOWN})\s+[$€£]?\s?\d[\d.,]*(?:\s+(?:dollars|cents|euros|pence))?"
                            r"(?:,?\s+or\s+[+-]?[\d.,]+\s?(?:%|percent|per cent),?)?\s+to\s+(?:close\s+at\s+|end\s+at\s+|finish\s+at\s+)?$"),
            ("intraday", rf"\b(?!add)(?:{_UP}|{_DOWN}|moved|traded|trading|climbed|dipped)\s+(?:above|below|under|past|through|beyond)\s+$"),
            ("intraday", r"\blast(?:\s+traded)?(?:\s+price|\s+trade|\s+sale|\s+quote)?\s*[:=]\s*$"),
            # an options-flow line's underlying quote at the time of the trade: "... $360 calls @ $6.20, Ref=$338.90"
            ("intraday", r"(?:^|[\s,;(])(?:Ref|Spot|Underlying|Stock ref)\s*[:=]\s*$"),
        ):
            trigger = re.search(pattern, before, re.I)
            if trigger:
                basis = name
                break
        anchor_end = m.end
        share_close = at_share = None
        paid_share = False
        if basis == "intraday" and trigger is not None and re.search(r"(?:Ref|Spot|Underlying|Stock ref)\s*[:=]\s*$", trigger.group(0)) and not _CLOCK_LINE.match(
                text, text.rfind("\n", 0, m.start) + 1):
            continue  # an options alert's reference quote with no clock time on its line: the moment it stood for is not told
        if basis == "trade" and trigger is not None and re.fullmatch(r"(?:paid|pay|paying)\s+(?:\w+\s+)?", trigger.group(0), re.I) and (
                _AT_THE_CLOSE_AFTER.match(text, m.end, min(sent.end, m.end + 60))):
            basis = trigger = None  # "paid $X a share at the close on Friday": the words after the price say it is a close
        needs_day = False
        if basis == "trade":
            # a fill price is a price of one day: the clause names exactly that day, and the trader is the writer
            # ("I bought", "we sold") or a holder; a buyback's average, an option or an offering is no quote
            paid_share = bool(re.fullmatch(r"(?:paid|pay|paying)\s+(?:\w+\s+)?", trigger.group(0), re.I))
            if paid_share and not _A_SHARE_AFTER.match(text, m.end, min(sent.end, m.end + 40)):
                continue  # "we paid $40 for the tickets": a price paid, not a share's
            trade_days = {d.date for d in _dates(text, ctx.ref, clause.start, clause.end, tense="past") if d.kind == "day" and d.date}
            # a trading journal's entry under its date line: "Sold half at $X, near the open" is the writer's fill that day
            journal = not trade_days and ctx.lead is not None and ctx.lead.kind == "day" and ctx.lead.date is not None and (
                dated_section_at(text, sent.start) is not None) and _JOURNAL_FILL.match(text, clause.start, m.start) is not None
            if journal:
                trade_days = {ctx.lead.date}
            # "we sold 20 shares on <day>, then bought 12 shares back at $X on <day>": a holder's round trip, whose
            # second leg buys back what it sold (a company's repurchase counts its shares in millions, or averages)
            trade_start = m.start - len(before) + trigger.start() if trigger else m.start
            round_trip = bool(re.search(r"\b(?:sold|sell|selling|trimmed|dumped|exited)\b", text[sent.start : trade_start], re.I)) and not re.search(
                r"\b(?:million|billion|mln|bln)\b", text[sent.start : m.start], re.I)
            if len(trade_days) != 1 or not (journal or re.search(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|[Hh]e|[Ss]he)\b", text[sent.start : m.start])) or re.search(
                r"\b(?:average|offering|IPO|options?|calls?|puts?|strike|warrants?|notes|bonds|stake|company|companies|firm|business|unit|division)\b",
                before[trigger.start():] if trigger else "", re.I,
            ) or (not journal and not round_trip and re.search(r"\bback\b", before[trigger.start():] if trigger else "", re.I)):
                continue
            basis, needs_day = ("open" if _AT_THE_OPEN_AFTER.match(text, m.end, sent.end) else "intraday"), True
        elif basis in ("low", "high") and trigger is not None and re.match(r"(?:bottom|trough|peak|top|crest)", trigger.group(0), re.I):
            needs_day = True  # "bottomed at $X": a session's extreme only when the clause names the session
        elif basis in ("low", "high") and trigger is not None and re.match(r"(?:Mon|Tue|Wed|Thu|Fri)", trigger.group(0)):
            needs_day = True  # "XYZ Fri high $X": the weekday's session, which the dates must resolve
        elif basis == "close" and trigger is not None and re.search(r"\b(?:real|actual|official|final|true|correct|regular-session|settlement)\s+close\b",
                                                                    trigger.group(0), re.I):
            needs_day = True  # "The real close was $X" corrects a figure of some earlier day: only with its own day
        from_base = re.search(r"\bfrom\s+(?:the|a|an|its|their)\s+(?P<np>(?:[^\s$€£]+\s+){0,3}?)(?:close|low|high)\s+of\s+$", before, re.I)
        if from_base is not None:
            needs_day = True  # "from the Jan. 9 close of $X", "back from a low of $X on May 27": the base, on its day
        if basis == "dated":
            own_day = next((d for d in _dates(text, ctx.ref, m.end, min(sent.end, m.end + 25), tense="past")
                            if d.kind == "day" and d.date and re.fullmatch(r"\s*(?:on\s+)?", text[m.end : d.start])), None)
            if own_day is None or (_in_focus(ctx, sent) is None and ctx.previous_subject is None and ctx.topic != "stock"):
                continue  # "it was $5 when the fund bought in": nothing says it is the stock's price on a day
            basis, dated = "unspecified", True
        else:
            dated = False
        if trigger is None:
            # "added $3.15, or 4.2%, to $78.10": the commas cut the clause, so the sentence says what the price is
            wide = text[max(sent.start, m.start - 90) : m.start]
            trigger = _WIRE_MOVE_TO.search(wide)
            range_high = _RANGE_HIGH.search(wide) if trigger is None else None
            pair = _HIGH_LOW_PAIR.search(wide) if trigger is None and range_high is None else None
            if pair is not None:
                trigger, basis, before = pair, pair["side"].lower(), wide  # "high of day $250.10, low $236.50"
            elif range_high is not None:
                trigger, basis, before = range_high, "high", wide  # the second figure of "52-week range: $a - $b"
            elif trigger is not None:
                basis, before = ("close" if trigger["close"] else "unspecified"), wide
            else:
                # a release's "the closing sale price of the common stock as reported by Nasdaq on January 29 was $X"
                trigger = _RELEASE_CLOSE.search(lead[-170:])
                if trigger is not None:
                    basis, before = "close", lead[-170:]
        if trigger is None:
            # "paid $1,208.90 a share at the close on Friday": the words after the price say which price it is
            share_close = _AT_THE_CLOSE_AFTER.match(text, m.end, min(sent.end, m.end + 60))
            at_share = None if share_close else _AT_BEFORE.search(before)
            if share_close is not None:
                basis, trig_start, anchor_end = "close", m.start, share_close.end()
            elif at_share is not None and _A_SHARE_AFTER.match(text, m.end, min(sent.end, m.end + 40)) and not _ISSUE_WORDS.search(
                text, clause.start, min(clause.end, m.end + 40)
            ):
                # "were trading lower on Tuesday, at roughly $116 a share": a quote of the stock, not an issue price
                basis, trig_start = "unspecified", m.start - len(before) + at_share.start()
            elif at_share is not None and clause.start > sent.start and re.match(r"[\s,;(\u2013\u2014-]*(?:and\s+)?at\b", text[clause.start : m.start]) and (
                _MOVE_OR_CLOSE.search(text, max(sent.start, clause.start - 90), clause.start)
            ):
                # "finished the session in decline of 1.8%, at 232.10 dollars": the earlier clause says what price it is
                earlier = _MOVE_OR_CLOSE.search(text, max(sent.start, clause.start - 90), clause.start)
                basis = "close" if earlier and earlier["close"] else "unspecified"
                trig_start = m.start - len(before) + at_share.start()
            else:
                answer = _answer_price(ctx, sent, m)
                if answer is None:
                    continue
                basis, question = answer
                trig_start = m.start
                fields = _price_fields(ctx, m, basis, _direction(text[question.start : question.end]) if basis == "unspecified" else None)
                day = next((d for d in _dates(text, ctx.ref, question.start, question.end, tense="past") if d.kind == "day" and d.date), None)
                _apply_period(fields, day)
                company = next((c for c in ctx.mentions if question.start <= c.start < question.end), None)
                ctx.use(m.start, m.end)
                out.append(_Candidate("stock_price", fields, Span(m.start, m.end), _enclosing(clauses, m.start, m.end),
                                      company=company or _in_focus(ctx, sent)))
                continue
        else:
            trig_start = m.start - len(before) + trigger.start()
        if basis is None:
            continue
        if re.match(r"\s*(?:,?\s*or\s+[+-]?[\d.,]+\s?%|higher|lower|up|down|at\b|to\b|a share (?:higher|lower))", text[m.end : m.end + 20], re.I) and not (
            basis in ("high", "low") or trigger is None
        ) and re.search(r"\b(?:closed|ended|finished|settled|closes|ends|finishes|settles)\s+(?:(?!at\b)\w+\s+)?$", text[max(clause.start, m.start - 30) : m.start], re.I):
            # "ended $3.10 higher at $150": the change, not the close ("closed at $X at the exchange" is the close)
            continue
        if basis == "intraday" and re.match(r"priced\b", text[trig_start:m.start], re.I) and re.search(
            r"\b(?:IPO|offering|placement|debut|listing|notes|bonds|convertibles?|deal)\b", text[clause.start : m.start], re.I
        ):
            continue  # "the IPO was priced at $22 a share": an issue price, not a quote
        subject_text = text[clause.start : m.start]
        has_subject = bool(_STOCK_SUBJECT.search(subject_text)) or any(
            c.start >= clause.start and c.end <= m.start for c in ctx.local
        ) or (share_close is not None and bool(share_close["share"]) and _in_focus(ctx, sent) is not None) or (
            at_share is not None and _A_SHARE_AFTER.match(text, m.end, min(sent.end, m.end + 40)) is not None and _in_focus(ctx, sent) is not None
        )
        if not has_subject:
            # a headline names the company in an earlier clause ("X, Inc. Sells off to Low of $71.21")
            has_subject = any(c.start >= sent.start and c.end <= m.start for c in ctx.local) and basis in ("high", "low", "close", "open")
        if not has_subject:
            has_subject = _implicit_subject(ctx, sent, clause, trig_start)
        if not has_subject:
            has_subject = dated or bool(_ANAPHOR_SUBJECT.search(text, clause.start, trig_start + 1))
        if not has_subject and re.match(r"[Ii]t['\u2019]s\b", text[trig_start : m.start]) and ctx.topic == "stock":
            has_subject = True  # "AH it's at $209": "it" is the stock the thread is about
        if not has_subject and clause.start > sent.start and _CONTINUATION.match(text, clause.start, m.start) and (
            _ANAPHOR_SUBJECT.match(text, sent.start) and _in_focus(ctx, sent) is not None
        ) and (any(d.kind == "day" and d.date for d in _dates(text, ctx.ref, m.end, clause.end, tense="past")) or (
            # "They lost another 2.2% on May 12, closing at $X": the close of the day the clause before named
            basis == "close" and any(d.kind == "day" and d.date for d in _dates(text, ctx.ref, sent.start, clause.start, tense="past"))
        )):
            # "It has recovered some ground since, closing at $X on May 27": the stock in focus; only with the clause's
            # own day, since "it" may stand for something else than the stock when nothing dates the figure
            has_subject = True
        if not has_subject and clause.start > sent.start and _SERIES_PREDICATE.match(text, clause.start, m.start) and (
            _SERIES_SUBJECT.match(text, sent.start, clause.start) or any(c.start - sent.start <= 3 for c in ctx.local if c.start >= sent.start)
        ) and _in_focus(ctx, sent) is not None and not any(c.start >= sent.start and c.end <= m.start and c.ticker != _in_focus(ctx, sent).ticker
                                                           for c in ctx.local):
            # "Shares lost 7.3% on Jan 30, bounced to close at $X on Feb 1, and then ..., sliding 4.9% to close at $Y": a
            # series of predicates, each clause a verb of the subject that opens the sentence
            has_subject = series = True
        else:
            series = False
        if trigger is not None and _LEFT_AT.search(before):
            if not (_UP_NOUN.search(text, sent.start, m.start) or _DOWN_NOUN.search(text, sent.start, m.start)
                    or re.search(r"\d\s?(?:%|percent)", text[sent.start : m.start])) or _in_focus(ctx, sent) is None:
                continue  # "the fee schedule left it at $4.50": no move of the stock left it there
            has_subject = True  # the object is the stock in focus, and the words before name the move that left it there
        if not has_subject and basis in ("close", "open") and re.search(
            rf"\b(?:{_WEEKDAY_WORD}|yesterday|today)['\u2019]s\s+$", text[max(clause.start, trig_start - 15) : trig_start], re.I
        ) and re.match(rf"{basis}\b", text[trig_start:]) and _in_focus(ctx, sent) is not None:
            # "one feed listed Monday's close as $2,495.80", "Friday's open at $256.10 came as ...": the stock in focus
            has_subject = True
        if not has_subject and basis == "close" and re.search(
            r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri)day|yesterday|prev(?:ious|\.)?|prior|last)(?:['\u2019]s)?\s+close\s+(?:was|is|stood at|came in at|of)\s+"
            r"(?:about\s+|around\s+|roughly\s+)?$", text[max(sent.start, trig_start - 25) : m.start], re.I
        ) and not ctx.local and _in_focus(ctx, sent) is not None:
            has_subject = True  # "The previous close stood at $X", "Friday's close was $X": a label of the stock in focus
        if not has_subject and basis == "close" and re.search(
            r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri)day|yesterday|prev(?:ious|\.)?|prior|last)(?:['\u2019]s)?\s+close\s*:\s*$",
            text[max(sent.start, trig_start - 25) : m.start], re.I
        ) and not ctx.local and _in_focus(ctx, sent) is not None:
            has_subject = True  # "The last bar is Friday's close: $X": the close of the stock in focus, as a label
        if not has_subject and _in_focus(ctx, sent) is not None and not ctx.local and (
            # "Thursday (Jan. 8) closed at $X": the day is the subject of the stock's close in a list about the stock
            (basis == "close" and re.fullmatch(rf"[\s*\u2022-]*(?:On\s+)?{_WEEKDAY_WORD}(?:\s*\([^()]{{1,20}}\))?\s+", text[clause.start : trig_start], re.I))
            # "Thursday's slide of 4.1% to $X": the day's move, in words, of the stock in focus
            or (basis == "unspecified" and re.search(rf"\b{_WEEKDAY_WORD}['\u2019]s\s+\w+\s+of\s+[\d.,]+\s?(?:%|percent|per cent)\s+to\s+$", text[clause.start : m.start], re.I))
            # "which followed Monday's 3.3% drop to $X": the same, the figure before its noun
            or (basis == "unspecified" and re.search(rf"\b{_WEEKDAY_WORD}['\u2019]s\s+[\d.,]+\s?(?:%|percent|per cent)\s+(?:{_MOVE_NOUNS})\s+to\s+$",
                                                     text[clause.start : m.start], re.I))
            # "the data also show a 52-week high of $X": a window's extreme of the stock in focus
            or (basis in ("high", "low") and _WINDOW_RE.search(text, max(clause.start, trig_start - 40), m.start)
                and (ctx.topic == "stock" or _STOCK_SUBJECT.search(text, sent.start, sent.end)))
        ):
            has_subject = True
        if not has_subject and basis in ("high", "low") and trigger is not None and _in_focus(ctx, sent) is not None and not ctx.local and (
            # "The low was $X at one point", "Yesterday's high came at $X": the session's extreme of the stock in focus
            (re.fullmatch(_NOUN_EXTREME.replace("SIDE", basis), before[trigger.start():], re.I) and ctx.topic == "stock"
             and re.fullmatch(r"[\s*\u2022>-]*(?:\W\s*)?", text[clause.start : trig_start]) and not _METRIC_WORDS.search(text, sent.start, sent.end))
            # "The stock finished at $X, and at one point hit an intraday high of $Y": the second verb shares the subject
            or (clause.start > sent.start and _COORDINATED_EXTREME.match(text, clause.start, trig_start)
                and (_STOCK_SUBJECT.search(text, sent.start, clause.start) or _ANAPHOR_SUBJECT.match(text, sent.start)))
        ):
            has_subject = True
        if not has_subject and (text[sent.start : sent.end] == text[sent.start : sent.end].lower() or (
            # a chat message typed in lower case after its stamp and sender: "[..] Jo: msft closed $38.60 today"
            find_entry_stamp(text, sent.start, clause.start + 1) is not None and text[clause.start : trig_start] == text[clause.start : trig_start].lower()
        )) and _caption_name(ctx, sent, text[clause.start : trig_start]):
            has_subject = True  # a caption line in lower case: "friday amazon closed at $X" names the company in focus as it sounds
        if not has_subject and from_base is not None and _in_focus(ctx, sent) is not None and not ctx.local and any(
            d.kind == "day" and d.date for d in _dates(text, ctx.ref, m.start - len(before) + from_base.start("np"), m.start, tense="past")
        ):
            has_subject = True  # "from the Jan. 9 close of $X to Friday, the stock lost 3.3%": the close of the stock in focus
        if not has_subject and _extreme_participle(ctx, sent, clauses, clause, m, basis):
            has_subject = True
        if not has_subject and paid_share and _in_focus(ctx, sent) is not None and not any(
            c.start >= sent.start and c.end <= m.start and c.ticker != _in_focus(ctx, sent).ticker for c in ctx.local
        ):
            has_subject = True  # "I paid $X a share on <day>": the writer's fill in the stock the piece is about
        if not has_subject:
            continue
        if _RATING_KEPT.search(text, clause.start, m.start) and not _STOCK_SUBJECT.search(text, clause.start, m.start):
            continue  # "The broker kept its Hold rating and moved to $X": the analyst's new target, not a quote
        last_metric = max((x.end() for x in _METRIC_WORDS.finditer(text, clause.start, max(clause.start, trig_start))), default=-1)
        last_subject = max(
            [x.end() for x in _STOCK_SUBJECT.finditer(text, clause.start, m.start)]
            + [c.end for c in ctx.local if c.start >= clause.start and c.end <= m.start]
            + [-1]
        )
        if last_metric > last_subject and not re.search(r"\band\s+(?:now\s+|then\s+|still\s+|also\s+)?$", text[clause.start : trig_start]):
            continue  # ("The stock jumped after its earnings beat and now trades at $109": the stock trades)
        if basis == "unspecified" and _AT_THE_CLOSE_BEFORE.search(text, sent.start, m.start):
            basis = "close"  # "At the closing, the share was worth 241.73 dollars"
        if basis == "unspecified" and _DURING_SESSION.search(text, clause.start, min(clause.end, m.end + 40)):
            basis = "intraday"  # "at times the share had cost $X": a price reached during the session
        direction: Optional[str] = None
        if basis == "unchanged":
            direction, basis = "unchanged", "unspecified"
        else:
            direction = _direction(text[max(clause.start, trig_start - 30) : m.start])
            continues = clause.start > sent.start and _CONTINUATION.match(text, clause.start, m.start)
            if direction is None and continues:
                # "rose 2.1%, finishing at $X", "were trading lower on Tuesday, at roughly $X a share": the move is the
                # earlier clause's, whose subject this one shares
                direction = _direction(text[max(sent.start, clause.start - 60) : clause.start])
        if direction and (re.search(r"\b(?:closed|ended|finished|wrapped up) the (?:month|week|year|quarter)\b", text[max(sent.start, trig_start - 60) : m.start], re.I)
                          or any(d.kind in ("month", "week", "year", "ytd", "span") for d in _dates(text, ctx.ref, max(sent.start, trig_start - 60), m.start, tense="past"))):
            direction = None  # "gained 16% in January and closed the month at $X": the month's move, not the session's
        if from_base is not None:
            direction = None  # "climbed back from a low of $X": the move came after the price, not into it
        fields: dict[str, Any] = {"kind": "stock_price", "price": m.value, "currency": m.currency, "basis": basis}
        if direction:
            fields["direction"] = direction
        window_from = min(clause.start, trig_start) if trig_start >= sent.start else clause.start  # a range's high: its own words
        window = _WINDOW_RE.search(text, max(window_from, trig_start - 40), m.start) if basis in ("high", "low") else None
        if window is not None:
            # "its 52-week high of $260.10": the extreme of a year, not of one session
            fields["window"] = "all_time" if (window["ath"] or window["w"].lower() in ("all-time", "record", "ath")) else "52_week"
        dates = _own_dates(text, _dates(text, ctx.ref, clause.start if wrap_from is None else wrap_from, clause.end, tense="past"), m.end)
        day = _with_lead(_nearest([d for d in dates if d.kind == "day"], Span(m.start, m.end)), ctx.lead)
        noun_day = re.search(r"\b(?:the|its|their|a|an)\s+(?:[^\s$€£]+\s+){0,3}?(?:close|low|high)\s+(?:of|was|is|stood at)\s+$", before, re.I)
        if noun_day is not None:
            # "the Jan. 9 close of $X to Friday": the day written inside the price's noun phrase is its day
            np_start = m.start - len(before) + noun_day.start()
            inner = [d for d in dates if d.kind == "day" and d.date and d.start >= np_start and d.end <= m.start]
            if inner:
                day = inner[-1]
        if basis in ("high", "low") and trigger is not None and re.fullmatch(_NOUN_EXTREME.replace("SIDE", basis), before[trigger.start():], re.I):
            # "Shares slid on Wednesday. The low was $X": the extreme of the session the sentence before named; with no
            # day of its own or there, which session is meant is not said
            if day is None:
                day = previous_day(ctx, sent)
            needs_day = True
        if needs_day and (day is None or not day.date):
            continue
        if wrap_from is not None and day is None and any(d.resolved for d in _dates(text, ctx.ref, wrap_from, sent.start, tense="past")):
            continue  # the line above the wrap names a period the figure may belong to: not the latest session
        if day is None and basis != "close" and ctx.ref is not None and any(d.kind == "month" and d.resolved and d.period_end is not None and d.period_end < ctx.ref
                                                       for d in _dates(text, ctx.ref, clause.start, m.start, tense="past")):
            continue  # "In December the stock tumbled 8.3% in a single session to $X": a session of that month, not the latest
        now = re.search(r"\b(?:now|currently|presently)\b", text[max(clause.start, trig_start - 15) : m.start], re.I)
        if day is not None and day.end <= trig_start and now:
            day = None  # "closed at $97.10 on Wednesday and now trades at $98.40": now is not Wednesday
        session_extreme = basis in ("high", "low") or (basis == "intraday" and _DURING_SESSION.search(text, clause.start, min(clause.end, m.end + 40)))
        if day is None and session_extreme and fields.get("window") != "52_week" and not now and not re.search(
            r"\b(?:pre-?market|pre-?mkt|after-?hours|premarket|indicated|futures)\b", text[clause.start : clause.end], re.I
        ):
            sentence_days = _own_dates(text, _dates(text, ctx.ref, sent.start, sent.end, tense="past"), m.end)
            # only a day written before the figure: one after it dates another event ("near the session high of $X,
            # with the report due on Thursday")
            named = {d.date: d for d in sentence_days if d.kind == "day" and d.date and d.end <= m.start}
            if len(named) == 1:
                day = next(iter(named.values()))  # "closed Wednesday at $X, after printing a new high of $Y intraday"
        if day is None and basis != "close" and clause.start > sent.start and _CONTINUATION.match(text, clause.start, m.start):
            earlier = {d.date: d for d in _dates(text, ctx.ref, sent.start, clause.start, tense="past") if d.kind == "day" and d.date}
            if len(earlier) == 1:
                day = next(iter(earlier.values()))  # "... lower on Tuesday, at roughly $116 a share": that day's price
        if day is None and basis == "close" and not now:
            # "fell 8.5% on March 5, ..., closing at $60.32 (that day)": the close of the day the chain named; a
            # past close with no day of its own in a sentence naming one day is that day's, never the latest session's
            chained = bool(_THAT_DAY.match(text, m.end, clause.end) or (
                clause.start > sent.start and _CLOSE_PARTICIPLE.match(text, clause.start, m.start)))
            earlier = [d for d in _dates(text, ctx.ref, sent.start, trig_start, tense="past") if d.kind == "day" and d.date
                       and not _SIDE_CLAUSE.search(text, max(sent.start, d.start - 40), d.start)]
            if earlier and (chained or (len({d.date for d in earlier}) == 1 and _PAST_CLOSE.match(text, trig_start))):
                day = earlier[-1]
        if day is None and series and basis == "close" and not now:
            # "..., and then got caught in Monday's sell-off, sliding 4.9% to close at $X": the day the clause before named
            before_clause = max((c for c in clauses if c.end <= clause.start and c.start >= sent.start), key=lambda c: c.start, default=None)
            named = {d.date: d for d in _dates(text, ctx.ref, before_clause.start, before_clause.end, tense="past")
                     if d.kind == "day" and d.date} if before_clause is not None else {}
            if len(named) == 1:
                day = next(iter(named.values()))
        if day is None and is_title_case(text[sent.start : sent.end]):
            # "X Soars 16.3% Tuesday On Q3 Beat, Closes At $95.72": one day named in a headline dates all of it
            days = [d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past") if d.kind == "day"]
            if len({d.date for d in days}) == 1:
                day = days[0]
        period_reference: Optional[str] = None
        when = clause.start > sent.start and re.match(r"[\s,;(\u2013\u2014-]*(?:when|as|while|where)\b", text[clause.start : trig_start], re.I)
        if day is None and when and not now:
            # "The best day came on Oct. 31, when the shares jumped 9.6% to $X": the day the sentence named before;
            # "The low came in April, when fears sent the stock to $X": a month, no day, so no one session is meant
            named = [d for d in _dates(text, ctx.ref, sent.start, clause.start, tense="past") if d.resolved]
            days = {d.date for d in named if d.kind == "day" and d.date}
            if len(days) == 1 and all(d.kind == "day" for d in named):
                day = next(d for d in named if d.kind == "day")
            elif not days and any(d.kind in ("month", "week") and not d.cumulative for d in named):
                period_reference = " ".join(next(d for d in named if d.kind in ("month", "week")).text.split())
        if day is None and not now and (found := that_day(ctx, sent, clause.start, clause.end, before=m.start)):
            day = found.day  # "On Nov. 3 X signed the deal. The stock closed at $Y that day": the day named before
        elif day is None and not now and period_reference is None and (unplaced := THAT_DAY.search(text, clause.start, clause.end)):
            # "The stock closed that day at $X" with no day named in reach (a paragraph or more back): a day the
            # words point to but the text does not date here, never the latest session
            period_reference = " ".join(unplaced.group(0).split())
        if day is None and period_reference is None and not now and fields.get("window") is None and not any(
            d.resolved for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past")
        ):
            day = _carried_day(ctx, sent, clause)
        if day is None and period_reference is None and not now:
            lead = _UNDATED_LEAD.match(text, sent.start, m.start)
            if lead is not None and not any(d.resolved for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past")):
                # "On its first day of trading, the stock closed at $X", "As of my last update, it traded at $X": a day the
                # words point to but do not date, never the latest session
                period_reference = " ".join(lead["ref"].split())
        _apply_period(fields, day)
        if period_reference is not None:
            fields["time_reference"] = period_reference
        if (
            basis == "close" and day is not None and day.relative and fields.get("date") == ctx.ref
            and ctx.published is not None and ctx.published.time() < MARKET_CLOSE
            and re.fullmatch(_WEEKDAY_WORD, day.text, re.I)
        ):
            # "closed at $X on Friday", written Friday morning: that close has not happened yet
            fields["date"] = ctx.ref - dt.timedelta(days=7)
        stated = entry_time(ctx, sent, m.end, fields.get("date"))
        if stated is not None:
            fields["time"] = stated
        ctx.use(m.start, m.end)
        anchor = Span(trig_start, anchor_end)
        out.append(_Candidate("stock_price", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
    return out


_ANSWER_HEDGE = re.compile(r"(?:(?:at|about|around|roughly|approximately|nearly|some|just over|just under|near|close to|~)\s*)*", re.I)


def _price_fields(ctx: _Context, m: Money, basis: str, direction: Optional[str]) -> dict[str, Any]:
    fields: dict[str, Any] = {"kind": "stock_price", "price": m.value, "currency": m.currency, "basis": basis}
    if direction:
        fields["direction"] = direction
    return fields


def _answer_price(ctx: _Context, sent: Span, m: Money) -> Optional[tuple[str, Span]]:
    """An answer line's price: "Q: Where did the stock close on Friday? A: At $239.30" (the basis from the question)."""
    text = ctx.text
    question = _question_before(text, sent)
    if question is None:
        return None
    lead = _ANSWER_LEAD.match(text, sent.start, sent.end)
    assert lead is not None
    if _ANSWER_HEDGE.fullmatch(text, lead.end(), m.start) is None:
        return None
    q = text[question.start : question.end]
    if not (_STOCK_SUBJECT.search(q) or any(question.start <= c.start < question.end for c in ctx.mentions)):
        return None
    if re.search(rf"\b(?:{_TARGET_WORD}|analysts?|estimates?|EPS|revenue|dividend|earn)\b", q, re.I):
        return None
    for basis, cue in (("close", r"\b(?:close|closed|closing|end|ended|finish|finished|settle|settled)\b"), ("open", r"\bopen(?:ed)?\b"),
                       ("high", r"\b(?:high|highest|peak)\b"), ("low", r"\b(?:low|lowest|bottom)\b"),
                       ("intraday", r"\b(?:trade|trades|trading|now|currently|right now)\b"),
                       ("unspecified", r"\b(?:price|cost|costs|worth|fall|fell|drop|dropped|rise|rose|climb|climbed|sink|sank|go|went)\b")):
        if re.search(cue, q, re.I):
            return basis, question
    return None


# a year's last close, or the close a year started from: "finished 2017 at $X", "2017 ended at $X", "closed the year at
# $X", "began the year at $X", "2017 year-end close: $X"
_YEAR = r"(?:19|20)\d{2}"
_YEAR_CLOSE = re.compile(
    rf"(?:\b(?P<verb>closed|ended|finished|wrapped up|settled|began|started|opened|entered)\s+(?P<yr>the year|{_YEAR})(?:\s+(?P<yr2>{_YEAR}))?"
    rf"|(?:^|[\s*\u2022-])(?P<subj>{_YEAR})\s+(?:ended|closed|finished)"
    rf"|\b(?:(?P<lab>{_YEAR})\s+)?year[- ]end\s+(?:close|closing price))"
    r"\s*(?::|at|on|of|was)\s+(?:about\s+|around\s+|roughly\s+)?$", re.I)
_NOT_THE_STOCK = re.compile(r"\b(?:S&P|Nasdaq|Dow|index|indexes|indices|Russell|bitcoin|gold|oil|crude|yields?|Treasur\w*|dollar|euro|"
                            r"revenue|sales|EPS|earnings|dividends?|targets?|estimates?|consensus|funds?|portfolio|NAV|peers?|sector)\b", re.I)


# the year's end written after the price: "The stock was $X at the end of 2021", "shares stood at $X at year-end 2019"
_YEAR_END_AFTER = re.compile(
    rf"\s+(?:at|by)\s+(?:the\s+)?(?:end|close)\s+of\s+(?P<yr>{_YEAR}|the year|last year)\b(?![- ]to[- ]date)"
    rf"|\s+at\s+(?:(?P<yr2>{_YEAR})\s+)?year[- ]end(?:\s+(?P<subj>{_YEAR}))?\b", re.I)
_YEAR_END_VERB = re.compile(r"\b(?:was|were|stood|sat|traded|closed|ended|finished|settled)\s+(?:at\s+)?"
                            r"(?:about\s+|around\s+|roughly\s+)?$", re.I)


def _year_end_after(ctx: _Context, clause: Span, m: Money) -> Optional[re.Match[str]]:
    """The year's end named right after a price whose clause opens with the stock and a verb of being or closing
    ("The stock was $X at the end of 2021"); None otherwise."""
    text = ctx.text
    end = _YEAR_END_AFTER.match(text, m.end, clause.end)
    verb = _YEAR_END_VERB.search(text, max(clause.start, m.start - 30), m.start)
    if end is None or verb is None:
        return None
    subject = text[clause.start : verb.start()]
    if not (_STOCK_SUBJECT.search(subject) or _ANAPHOR_SUBJECT.search(subject)
            or any(c.start >= clause.start and c.end <= verb.start() for c in ctx.local)):
        return None
    return end


def _year_close(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A year's closing price (or the one it began from) of the stock in focus: the last session of that year (of
    the year before, for "began the year at"); "the year" is the last year whose final session is past."""
    text, sent = ctx.text, s.span
    if ctx.ref is None or _in_focus(ctx, sent) is None:
        return []
    out: list[_Candidate] = []
    for m in s.money:
        if ctx.is_used(m.start, m.end) or m.scaled or m.value >= 1e6:
            continue
        clause = _enclosing(s.clauses, m.start, m.end)
        lead = _YEAR_CLOSE.search(text, max(sent.start, m.start - 60), m.start)
        after = _year_end_after(ctx, clause, m) if lead is None else None
        if after is not None:
            # "The stock was $X at the end of 2021": that year's last close, like "finished 2021 at $X"
            named = after["yr"] if after["yr"] and after["yr"][0].isdigit() else after["yr2"] or after["subj"]
            if named is not None:
                year = int(named)
            elif after["yr"].lower().startswith("last"):
                year = ctx.ref.year - 1
            else:
                last = session_on_or_before(dt.date(ctx.ref.year, 12, 31))
                year = ctx.ref.year if last is not None and last < ctx.ref else ctx.ref.year - 1
            day = session_on_or_before(dt.date(year, 12, 31))
            if day is None or day >= ctx.ref or _NOT_THE_STOCK.search(text, clause.start, m.start) or any(
                    c.start >= clause.start and c.end <= m.start and c.ticker != _in_focus(ctx, sent).ticker for c in ctx.local):
                continue
            fields = _price_fields(ctx, m, "close", None)
            fields["date"] = day
            ctx.use(m.start, m.end)
            out.append(_Candidate("stock_price", fields, Span(m.start, after.end()), _enclosing(s.clauses, m.start, after.end())))
            continue
        if lead is None or _NOT_THE_STOCK.search(text, clause.start, m.start) or any(
            c.start >= clause.start and c.end <= m.start and c.ticker != _in_focus(ctx, sent).ticker for c in ctx.local
        ) or re.match(r"\s*(?:a|per) share\s+(?:dividend|in)\b|\s*(?:target|price target)\b", text[m.end : min(sent.end, m.end + 25)], re.I):
            continue
        verb = (lead["verb"] or "").lower()
        named = lead["yr2"] or (lead["yr"] if lead["yr"] and lead["yr"][0].isdigit() else None) or lead["subj"] or lead["lab"]
        if named is not None:
            year = int(named)
        elif verb in ("began", "started", "opened", "entered"):
            year = ctx.ref.year
        else:
            last = session_on_or_before(dt.date(ctx.ref.year, 12, 31))
            year = ctx.ref.year if last is not None and last < ctx.ref else ctx.ref.year - 1
        if verb in ("began", "started", "opened", "entered"):
            year -= 1  # the year began from the close of the year before
        day = session_on_or_before(dt.date(year, 12, 31))
        if day is None or day >= ctx.ref:
            continue
        fields = _price_fields(ctx, m, "close", None)
        fields["date"] = day
        ctx.use(m.start, m.end)
        out.append(_Candidate("stock_price", fields, Span(lead.start(), m.end), _enclosing(s.clauses, lead.start(), m.end)))
    return out


# a close, low or high named as a noun with its own day, the figure beside it and no verb: "a May 5 close of $X", "the
# January 3 close, $X", "Thursday's $X close", "the $X low it touched on Feb. 6", "The last pre-split close, on Friday,
# August 28, was $X", "the low of the slide was $X on December 28", "XYZ closing price, Jan. 25, 2018: $X"
_NOUN_BASIS = r"(?P<noun>close|closing price|closing level|low|high|open|opening price)"
_DATED_NOUN_BEFORE = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?P<np>(?:[^\s$€£;,]+\s+){0,4}?)" + _NOUN_BASIS
    + r"(?P<mid>(?:\s+of\s+the\s+(?:[\w-]+\s+){0,2}?[\w-]+)?,?\s+on\s+[^$€£;]{3,40}?,)?\s*(?:,|:|of|was|is|stood at|came in at|came at)\s*$", re.I)
_DATED_NOUN_LABEL = re.compile(r"(?:^|[\s\u2022*|-])" + _NOUN_BASIS.replace("noun>", "noun>(?:") + r")\s*,\s*(?P<day>[^$€£;:]{3,30}?)\s*:\s*$", re.I)
_DATED_NOUN_AFTER_LABEL = re.compile(r"\s*(?:\.{2,}|\u2026|-{1,3}|:)?\s*" + _NOUN_BASIS + r"\s*,\s*(?P<day>[^$€£;:\n]{3,30}?)\s*$", re.I)
_DAY_NOUN_LABEL = re.compile(r"\s" + _NOUN_BASIS + r"\s*[:=]?\s*$", re.I)  # after a day: "Jan. 30 close $X"
_POSSESSIVE_DAY = re.compile(r"\b(?P<day>(?:Mon|Tues|Wednes|Thurs|Fri)day|yesterday)['\u2019]s\s+$", re.I)
_NOUN_AFTER = re.compile(r"\s*" + _NOUN_BASIS + r"\b(?P<rest>\s+(?:(?:it|the stock|the shares|shares|they)\s+)?(?:touched|set|hit|marked|made|posted|reached|printed)?\s*(?:on\s+)?)?", re.I)
_NOUN_EXTREME_WAS = re.compile(r"\b(?:the|its)\s+" + _NOUN_BASIS + r"\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:was|came at|stood at)\s+$", re.I)


def _basis_of(noun: str) -> str:
    noun = noun.lower()
    return "close" if noun.startswith("clos") else "open" if noun.startswith("open") else noun


def _dated_noun(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A close, low or high of the stock in focus named as a noun with the day inside or beside it, and no verb."""
    text, sent = ctx.text, s.span
    focus = _in_focus(ctx, sent)
    if ctx.ref is None or focus is None:
        return []
    out: list[_Candidate] = []

    def one_day(start: int, end: int):
        days = {d.date: d for d in _dates(text, ctx.ref, start, end, tense="past") if d.kind == "day" and d.date and d.date <= ctx.ref}
        return next(iter(days.values())) if len(days) == 1 else None

    for m in s.money:
        if ctx.is_used(m.start, m.end) or m.scaled or m.value >= 1e6:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        lo = max(sent.start, m.start - 90)
        found = None  # (basis, day, quote start, quote end)
        if (b := _DATED_NOUN_BEFORE.search(text, lo, m.start)) is not None:
            day = one_day(b.start("np"), b.end())
            if day is not None and not re.search(r"\b(?:from|since|vs\.?|versus|than)\s+$", text[max(sent.start, b.start() - 12) : b.start()], re.I):
                found = (_basis_of(b["noun"]), day, b.start(), m.end)
        if found is None and (b := _DAY_NOUN_LABEL.search(text, lo, m.start)) is not None:
            # "Jan. 30 close $1,780.68", "Jan. 21 low: $X": a chart annotation's or a table cell's day, noun and figure
            days = [d for d in _dates(text, ctx.ref, max(lo, line_start), b.start(), tense="past")
                    if d.kind == "day" and d.date and d.date <= ctx.ref and not text[d.end : b.start()].strip()]
            if days and not re.search(r"\b(?:from|since|vs\.?|versus|than|the|a|an|its|their)\s+$", text[max(sent.start, days[-1].start - 12) : days[-1].start], re.I):
                found = (_basis_of(b["noun"]), days[-1], days[-1].start, m.end)
        if found is None and (b := _NOUN_EXTREME_WAS.search(text, lo, m.start)) is not None and (
                a := re.match(r"\s+on\s+", text[m.end : m.end + 6])) is not None:
            day = one_day(m.end, min(sent.end, m.end + 30))
            if day is not None and day.start == m.end + a.end():
                found = (_basis_of(b["noun"]), day, b.start(), day.end)
        if found is None and (b := _DATED_NOUN_LABEL.search(text, max(lo, line_start), m.start)) is not None:
            day = one_day(b.start("day"), b.end("day"))
            if day is not None:
                found = ("close", day, b.start(), m.end)
        line_end = text.find("\n", m.end)
        if found is None and not text[line_start : m.start].strip() and (
                b := _DATED_NOUN_AFTER_LABEL.match(text, m.end, len(text) if line_end < 0 else line_end)) is not None:
            day = one_day(b.start("day"), b.end("day"))  # "$1,797.17 ... closing price, Aug. 1": a sidebar's figure, then its label
            if day is not None:
                found = (_basis_of(b["noun"]), day, m.start, b.end())
        if found is None and (b := _POSSESSIVE_DAY.search(text, lo, m.start)) is not None and (a := _NOUN_AFTER.match(text, m.end, sent.end)):
            day = one_day(b.start("day"), b.end("day"))
            if day is not None:
                found = (_basis_of(a["noun"]), day, b.start(), a.end("noun"))
        if found is None and re.search(r"\b(?:the|its)\s+$", text[lo : m.start], re.I) and (a := _NOUN_AFTER.match(text, m.end, sent.end)) and a["rest"]:
            day = one_day(a.end(), min(sent.end, a.end() + 25))
            if day is not None and day.start == a.end() and a["noun"].lower() in ("low", "high", "close"):
                found = (_basis_of(a["noun"]), day, m.start, day.end)  # "the $200.31 low it touched on Feb. 6"
        if found is None:
            continue
        basis, day, q_start, q_end = found
        clause = _enclosing(s.clauses, m.start, m.end)
        start = min(clause.start, q_start)
        if _NOT_THE_STOCK.search(text, max(sent.start, start - 40), m.start) or _METRIC_WORDS.search(text, max(sent.start, q_start - 30), m.start) or any(
            c.start >= sent.start and c.end <= m.end + 40 and c.ticker != focus.ticker for c in ctx.local
        ) or _WINDOW_RE.search(text, max(sent.start, q_start - 30), m.start) or re.search(r"\b(?:target|estimate|strike|offer)\b", text[m.end : min(sent.end, m.end + 25)], re.I):
            continue
        fields = _price_fields(ctx, m, basis, None)
        _apply_period(fields, day)
        ctx.use(m.start, m.end)
        anchor = Span(min(q_start, m.start), max(q_end, m.end))
        out.append(_Candidate("stock_price", fields, anchor, _enclosing(s.clauses, anchor.start, anchor.end)))
    return out


# a stream post's cashtag, then its price with no currency sign: "$XYZ closed 41.30 today", "$XYZ 41.30 close
# yesterday", "$XYZ at 41.30 this afternoon", "$XYZ 4/12 closed 41.30"
_CASHTAG_BARE = re.compile(
    r"\$(?P<tk>[A-Z]{1,5})\s+(?:(?P<md>\d{1,2}/\d{1,2})\s+)?(?:(?P<verb>closed|closes|closing|finished|ended|settled|opened|at|@)\s+(?P<p1>\d{1,5}\.\d{2})"
    r"|(?P<p2>\d{1,5}\.\d{2})\s+(?P<noun>close|closing|open)\b)"
    r"(?![\d.,%]|\s?%|\s*(?:x\b|times\b|points?\b|pts\b|bps\b|billion|bn\b|million|mn\b|[mkKBT]\b|calls?\b|puts?\b|strike|target|PT\b))")
# a post's age in its header line ("@user   \u00b7  1d   \u00b7  Bullish"): a day-old post's "today" is the day before the capture
_POST_AGE = re.compile(r"(?m)^[ \t]*@\w+[ \t]+[\u00b7|\-][ \t]+(?P<n>\d{1,2})(?P<unit>[mhd])\b")


def _cashtag_bare(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A stream post's price written bare after the stock's cashtag: the stock the tag names, on the day the post says
    (its own "today", "yesterday", "8/20", read from the post's own day when its header gives its age in days)."""
    text, sent = ctx.text, s.span
    if ctx.ref is None:
        return []
    out: list[_Candidate] = []
    for m in _CASHTAG_BARE.finditer(text, sent.start, sent.end):
        group = "p1" if m["p1"] else "p2"
        start, end = m.start(group), m.end(group)
        company = next((c for c in ctx.mentions if c.ticker == m["tk"] and c.start <= m.start() + 1 and c.end >= m.start("tk")), None)
        if company is None or ctx.is_used(start, end) or any(x.start < end and start < x.end for x in s.money):
            continue
        age = None
        for a in _POST_AGE.finditer(text, 0, sent.start):
            age = a
        ref = ctx.ref - dt.timedelta(days=int(age["n"])) if age is not None and age["unit"] == "d" else ctx.ref
        days = [d for d in _dates(text, ref, m.start(), sent.end, tense="past") if d.kind == "day" and d.date and d.date <= ctx.ref]
        word = (m["verb"] or m["noun"]).lower()
        basis = "open" if word.startswith("open") else "unspecified" if word in ("at", "@") else "close"
        if len({d.date for d in days}) > 1:
            continue
        if basis == "unspecified" and re.search(r"\b(?:by|will|going to|gonna|target|PT|soon|next|tomorrow|EOY|EOW|EOM|or bust)\b", text[end : sent.end], re.I):
            continue  # "$XYZ at 60.00 by Christmas": a call on the price, not a quote
        fields = _price_fields(ctx, Money(float(m[group]), "USD", start, end, False), basis, None)
        if days:
            _apply_period(fields, days[0])
        elif basis == "close":
            continue  # a close with no day said: which session is not told
        ctx.use(start, end)
        out.append(_Candidate("stock_price", fields, Span(m.start(), end), Span(m.start(), end), company=company))
    return out


# a stat line's label naming a weekday's close or open: "* **$86.56:** Thursday's close, down from ..."
_LEAD_SESSION = re.compile(rf"(?P<day>{_WEEKDAY_WORD}|[Yy]esterday)['\u2019]s\s+(?P<basis>close|closing price|open|opening price)\b(?!\s+(?:target|estimate))")


def _figure_session(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """'* **$86.56:** Thursday's close': a stat line led by a price, its label naming the session; the stock in focus."""
    text, sent = ctx.text, s.span
    found = figure_lead(text, sent.start)
    if found is None:
        return []
    value, label = found
    if not (sent.start <= value.start and value.end <= sent.end) or ctx.is_used(value.start, value.end):
        return []
    m = re.fullmatch(r"[~\u2248]?\s?(?:US\$|\$)(?P<p>\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?)", text[value.start : value.end])
    lead = _LEAD_SESSION.match(text, label.start, label.end)
    if m is None or lead is None or text[value.start] in "~\u2248" or _in_focus(ctx, sent) is None:
        return []
    day = next((d for d in _dates(text, ctx.ref, lead.start("day"), lead.end("day"), tense="past") if d.kind == "day" and d.date), None)
    if day is None:
        return []
    fields: dict[str, Any] = {"kind": "stock_price", "price": float(m["p"].replace(",", "")), "currency": "USD",
                              "basis": "close" if lead["basis"].startswith("clos") else "open"}
    _apply_period(fields, day)
    ctx.use(value.start, value.end)
    anchor = Span(value.start, lead.end())
    return [_Candidate("stock_price", fields, anchor, anchor, company=_in_focus(ctx, sent))]


@reads("stock_price")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    return (_figure_session(ctx, s) + _year_close(ctx, s) + _dated_noun(ctx, s) + _cashtag_bare(ctx, s) + _from_close(ctx, s) + _prices(ctx, s.span, s.clauses, s.money, s.percents) + european.prices(ctx, s) + _spoken(ctx, s) + _strip(ctx, s)
            + _data_row(ctx, s) + _chat_bare_close(ctx, s))


# a chat message's close typed without a currency sign: "[04/02/2026, 16:02] Jo: another -2.2% closed 41.07"
_BARE_CLOSE = re.compile(
    r"\b(?P<verb>closed|closing|finished|ended|settled|opened)\s+(?:at\s+)?(?P<price>\d{1,5}\.\d{2})(?![\d.,]|\s?%|\s*(?:points?|pts?|bps|"
    r"higher|lower|up|down|bn|billion|m\b|mn|million|k\b|x\b|times|percent|per cent|dollars|euros|cents))", re.I)
_CHAT_PRELUDE = re.compile(r"(?:(?:another|and|then|so|ok|okay|lol|welp|ugh|yikes|oof|but|now)\W*\s*|[+\-\u2212]?\d[\d.,]*\s?%\W*\s*|[^\w\s]+\s*)*", re.I)


def _chat_bare_close(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A chat message's close or open written as a bare number after its verb ("closed 232.99"): the stock the chat
    is about, on the message's day; only when the message has no subject of its own before the verb (or names the
    stock in focus), and never a figure with a unit, a sign or a percent after it."""
    text, sent = ctx.text, s.span
    stamp = find_entry_stamp(text, sent.start, sent.end)
    focus = _in_focus(ctx, sent)
    if stamp is None or focus is None or stamp.day is None:
        return []
    sender = _CHAT_SENDER.match(text, stamp.end, sent.end)
    body = sender.end() if sender else stamp.end
    out: list[_Candidate] = []
    for m in _BARE_CLOSE.finditer(text, body, sent.end):
        start, end = m.start("price"), m.end("price")
        if ctx.is_used(start, end) or any(x.start < end and start < x.end for x in s.money):
            continue
        lead = text[body : m.start()]
        if not (_CHAT_PRELUDE.fullmatch(lead) or _caption_name(ctx, sent, lead) or _STOCK_SUBJECT.fullmatch(lead.strip())):
            continue
        basis = "open" if m["verb"].lower() == "opened" else "close"
        fields: dict[str, Any] = {"kind": "stock_price", "price": float(m["price"]), "currency": "USD", "basis": basis}
        own = [d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="past") if d.kind == "day" and d.date and d.start >= body]
        if len({d.date for d in own}) > 1:
            continue
        if not own:
            at = stamp.at()
            local = at.astimezone(NEW_YORK).time() if at is not None and at.utcoffset() is not None else stamp.clock
            if basis == "close" and local < MARKET_CLOSE:
                continue  # a "closed 41.07" sent before that day's close: the close of some earlier session, not said which
        _apply_period(fields, own[0] if own else _with_lead(None, ctx.lead))
        if not fields.get("date"):
            continue
        ctx.use(start, end)
        out.append(_Candidate("stock_price", fields, Span(m.start(), end), Span(m.start(), end)))
    return out


# a pasted price snippet's row: a JSON bar object ({"t": "2018-01-26", "o": 114.50, "c": 123.21}) or a CSV row under a
# "date,open,high,low,close" header: the row's close on the row's own day; its other columns are no claims
_ISO_DAY = r"(?:19|20)\d{2}-[01]\d-[0-3]\d"
_JSON_ROW = re.compile(r"[ \t]*\{[^{}\n]*\}[ \t]*,?[ \t]*$")
_JSON_PAIR = re.compile(r'"(?P<key>[A-Za-z_]+)"\s*:\s*(?:"(?P<day>' + _ISO_DAY + r')(?:[T ][\d:.Z+\-]*)?"|(?P<num>\d+(?:\.\d+)?)(?=\s*[,}]))')
_DAY_KEYS = {"t", "d", "date", "day", "session", "timestamp", "time"}
_CLOSE_KEYS = {"c", "close", "closing", "close_price"}
_CSV_ROW = re.compile(r"[ \t]*(?P<day>" + _ISO_DAY + r")(?:,[ \t]*-?\d+(?:\.\d+)?)+[ \t]*$")
_CSV_HEADER = re.compile(r"[ \t]*(?:date|day|session|timestamp)(?:,[ \t]*[A-Za-z_ ]+)+[ \t]*$", re.I)


def _row_close(ctx: _Context, day_start: int, day_end: int, start: int, end: int, quote: Span) -> list[_Candidate]:
    text = ctx.text
    if ctx.is_used(start, end):
        return []
    days = [d for d in _dates(text, ctx.ref, day_start, day_end, tense="past") if d.kind == "day" and d.date]
    if len(days) != 1 or (ctx.ref is not None and days[0].date > ctx.ref):
        return []
    fields: dict[str, Any] = {"kind": "stock_price", "price": float(text[start:end]), "currency": "USD", "basis": "close"}
    _apply_period(fields, days[0])
    ctx.use(start, end)
    return [_Candidate("stock_price", fields, Span(start, end), quote)]


def _data_row(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A JSON bar or a CSV row of a pasted price snippet: the close of the row's day (each whole line of the sentence)."""
    text, sent = ctx.text, s.span
    out: list[_Candidate] = []
    line_start = text.rfind("\n", 0, sent.start) + 1
    while line_start < sent.end:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if line_end <= sent.end or not text[sent.end:line_end].strip():
            out.extend(_line_row(ctx, line_start, line_end))
        line_start = line_end + 1
    return out


def _line_row(ctx: _Context, line_start: int, line_end: int) -> list[_Candidate]:
    text = ctx.text
    if _JSON_ROW.fullmatch(text, line_start, line_end):
        pairs = list(_JSON_PAIR.finditer(text, line_start, line_end))
        day = [p for p in pairs if p["key"].lower() in _DAY_KEYS and p["day"]]
        close = [p for p in pairs if p["key"].lower() in _CLOSE_KEYS and p["num"]]
        if len(day) != 1 or len(close) != 1:
            return []
        return _row_close(ctx, day[0].start("day"), day[0].end("day"), close[0].start("num"), close[0].end("num"), Span(line_start, line_end))
    row = _CSV_ROW.fullmatch(text, line_start, line_end)
    if row is None:
        return []
    # the header is the first line above the run of rows
    top = line_start
    while top > 0:
        prev = text.rfind("\n", 0, top - 1) + 1
        if _CSV_ROW.fullmatch(text, prev, top - 1):
            top = prev
            continue
        if not _CSV_HEADER.fullmatch(text, prev, top - 1):
            return []
        names = [n.strip().lower() for n in text[prev : top - 1].split(",")]
        break
    else:
        return []
    cells = text[line_start:line_end].split(",")
    if len(cells) != len(names) or names.count("close") != 1:
        return []
    index = names.index("close")
    offset = line_start + sum(len(c) + 1 for c in cells[:index])
    start = offset + len(cells[index]) - len(cells[index].lstrip())
    end = offset + len(cells[index].rstrip())
    return _row_close(ctx, row.start("day"), row.end("day"), start, end, Span(line_start, line_end))


# a ticker strip's entry: symbol, arrow, point change, percent change, then the last price with no currency sign
# ("XYZ \u25b2 1.25 (+0.84%) 150.10"); an index or a yield in the same strip names no company and is left out
_STRIP_ENTRY = re.compile(
    "(?<![\\w$.])(?P<tk>[A-Z]{1,5})[ \t]+[\u25b2\u25bc\u2191\u2193\u25b4\u25be][ \t]*[+\\-\u2212]?\\d[\\d,]*(?:\\.\\d+)?[ \t]*"
    "\\([ \t]*[+\\-\u2212]?\\d[\\d.,]*[ \t]?%[ \t]*\\)[ \t]+(?P<price>\\d{1,3}(?:,\\d{3})*(?:\\.\\d{1,4})?)(?![\\d.,]*[ \t]?%)(?![\\w.,]*\\d)"
)


def _strip(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A ticker strip's last prices: "XYZ \u25b2 1.25 (+0.84%) 150.10", the symbol's quote at publication."""
    text, sent = ctx.text, s.span
    out: list[_Candidate] = []
    for m in _STRIP_ENTRY.finditer(text, sent.start, sent.end):
        if ctx.is_used(m.start("price"), m.end("price")):
            continue
        company = next((c for c in ctx.mentions if c.start == m.start("tk") and c.ticker == m["tk"]), None)
        if company is None:
            continue
        fields: dict[str, Any] = {"kind": "stock_price", "price": float(m["price"].replace(",", "")), "currency": "USD", "basis": "intraday"}
        ctx.use(m.start("price"), m.end("price"))
        out.append(_Candidate("stock_price", fields, Span(m.start(), m.end()), Span(m.start(), m.end()), company=company))
    return out


def _caption_name(ctx: _Context, sent: Span, lead: str) -> bool:
    """A lower-case caption names the company in focus as it sounds ("friday amazon closed at ..."): its name or
    symbol, in any case, in the words before the figure."""
    focus = _in_focus(ctx, sent)
    if focus is None:
        return False
    names = {focus.text, re.match(r"[A-Za-z]*", focus.name).group(0), focus.ticker or ""}
    return any(re.search(rf"\b{re.escape(n.lower())}\b", lead.lower()) for n in names if len(n) > 3)


def _spoken(ctx: _Context, s: Sentence) -> list[_Candidate]:
    """A transcript's price said in words: "It closed Friday at, what, two-forty-four and change?"."""
    text, sent = ctx.text, s.span
    out: list[_Candidate] = []
    for m in find_spoken_prices(text, sent.start, sent.end):
        if ctx.is_used(m.start, m.end) or any(x.start < m.end and m.start < x.end for x in s.money):
            continue
        lead = _spoken_lead(text, sent, m.start)
        cue = re.search(r"\b(?P<close>closed|ended|finished|settled|closing|ending|finishing|settling)?(?(close)|(?:trading|trades|traded|sitting|sits|is|was|at))\b"
                        r"(?:\s+\w+){0,3}?\s+(?:at|around)\s+(?:about\s+|around\s+|roughly\s+)?$", lead, re.I)
        # "the low friday was like one ninety four": the session's low or high, said with its day
        extreme = None if cue is not None else re.search(
            r"\b(?:the|its|a)\s+(?:intraday\s+|session\s+)?(?P<side>low|high)\b(?:\s+\w+){0,2}?\s+(?:was|hit|of|at)\s+"
            r"(?:like\s+|about\s+|around\s+|roughly\s+)?$", lead, re.I)
        # "it dropped four point four percent to two twenty two sixty nine": the level a move said in words reached
        move = None if cue is not None or extreme is not None else re.search(
            rf"\b(?:{_UP}|{_DOWN}|dropped|fell|rose|jumped|climbed|slid|sank|tumbled|plunged|soared|popped)\b(?:\s+[\w-]+){{0,6}}?\s+"
            r"(?:percent|per cent|points?|bucks|dollars)\s+to\s+$", lead, re.I)
        focus = _in_focus(ctx, sent)
        spoken_name = _caption_name(ctx, sent, lead)
        if cue is None and extreme is None and move is not None:
            cue = move
        if (cue is None and extreme is None) or not (_STOCK_SUBJECT.search(lead) or _ANAPHOR_SUBJECT.search(lead) or ctx.local or spoken_name) or focus is None:
            continue
        days = [d for d in _dates(text, ctx.ref, sent.start, m.start, tense="past") if d.kind == "day"]
        if extreme is not None and not any(d.date for d in days):
            continue  # a low or high with no day: which session is meant is not said
        basis = extreme["side"].lower() if extreme is not None else "unspecified" if cue is move else "close" if cue["close"] else "intraday"
        fields = _price_fields(ctx, m, basis, None)
        _apply_period(fields, days[-1] if days else None)
        ctx.use(m.start, m.end)
        out.append(_Candidate("stock_price", fields, Span(m.start, m.end), Span(sent.start, m.end)))
    return out
