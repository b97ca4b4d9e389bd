"""Scheduled events: earnings dates, dividends, meetings, investor days, splits and launches ahead."""

from __future__ import annotations

import datetime as dt
from verifier import recache as re
from typing import Optional

from ....attribution import SUBORDINATE
from ....dates import DateMention, find_dates, find_entry_stamp
from ....text import Span
from ..context import Sentence, _Candidate, _Context
from ..cues import _FUTURE, _PAST_TENSE, _dash_dates, _dates, _enclosing
from ....gates import Gated, gated
from . import reads

_PAST = re.compile(r"\b(?:reported|posted|released|published|announced|was|were|had|did|said|delivered|took|went|became)\b|"
                   # "paid a dividend on Jan. 15", "at last year's meeting on Feb. 26": gone by ("is paid on", "will be held" are not)
                   r"(?<!\bis )(?<!\bare )(?<!\bbe )(?<!\bbeing )\b(?:paid|held|rejected|approved|voted|elected|hosted|presented|unveiled|"
                   r"staged|convened|declared)\b|\blast year['\u2019]s\b|\ba year (?:ago|earlier)\b", re.I)
_EVENTS: list[tuple[str, Gated]] = [  # each pattern with the literals one of which every match of it holds
    ("earnings", gated(("earnings", "result", "figures", "numbers", "sultats", "comptes", "risultati", "conti trimestrali", "trimestrale", "zahlen", "outcomes", "update", "report", "call", "print", "rpt", "quarter"), re.compile(
        r"\b(?:(?:quarterly|annual|first-quarter|second-quarter|third-quarter|fourth-quarter|Q[1-4]|full-year|"
        r"fiscal)\s+)*(?:earnings(?!\s+per\b)(?!\s+(?:of|were|was|came to|rose|fell)\s+[$€£\d])(?:\s+(?:report|release|call))?|results(?!\s+of\s+Operations\b)|figures|numbers|"
        r"r[ée]sultats|comptes(?= du| trimestriels)|risultati|conti trimestrali|trimestrale|Quartalszahlen|Gesch[äa]ftszahlen|Zahlen|resultados|"
        r"(?:(?<=its )|(?<=their )|(?<=quarterly )|(?<=quarter )|(?<=-quarter ))outcomes(?!\s+(?:of|from|for)\b)|"
        r"(?:quarterly|trading) update(?!\s+(?:about|of)\b|\s+on\s+(?:its|the|a|an|our|their)\b)|reports?(?=,?\s+(?:is\s+|are\s+)?(?:due|set for|scheduled|slated|expected on|comes|lands|arrives)\b)|"
        r"(?:quarterly|annual) report|conference call|(?:profit|income|quarterly|earnings) call|(?:next\s+)?print|rpt|(?<=its )report|(?<=the )report|(?<=next )report(?!\s+card)|(?<=\d )report|(?<=-quarter )report(?=,\s+which\b)|"
        r"reports?(?=\s+(?:(?:today|tonight|tomorrow)\s+)?(?:after|before)\s+(?:the\s+)?(?:bell|close|open|closing bell|opening bell|markets?\s+(?:close|closes|open|opens)))|"
        r"reports?\s+(?:Q[1-4]|[1-4]Q|FQ[1-4])(?=\s+(?:(?:on|after|before|(?:Mon|Tues|Wednes|Thurs|Fri)day)\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))|"
        r"(?<![Nn]ews )(?<![Mm]edia )(?<!paper )(?<!Reuters )(?<!Bloomberg )(?<!agency )(?<!outlet )(?<!magazine )(?<!Journal )(?<!Times )reports?(?=(?:\s+(?:next week|in \w+ weeks?|this week),)?\s+(?:on\s+)?(?:(?:this|next)\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))(?![^.;]*\b(?:that|said|says|about|on (?:the|a|an|its|how|why|what|whether))\b)))\b|"
        r"\b(?:will|to|set to|scheduled to|due to|expected to) report\b(?!\s+(?:that|a|an|the|its|on (?:the|a)))|"
        # "the fiscal first-quarter report is on Feb. 1"; "Acme reported on Nov. 14, before the opening bell";
        # "Reported July 30 after the bell": a report's day told with the session it came in
        # a wire's "Halvex Corp. (HLVX) on Tuesday reported fiscal third-quarter profit of ...": that day's report
        r"(?:(?<=\bon Monday )|(?<=\bon Tuesday )|(?<=\bon Wednesday )|(?<=\bon Thursday )|(?<=\bon Friday ))"
        r"reported(?=\s+(?:fiscal\s+)?(?:first|second|third|fourth)[- ]quarter\s+(?:net\s+)?(?:income|profit|earnings|loss|results)\b)|"
        r"(?<=-quarter )report(?=\s+(?:is|was)\s+on\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d))|"
        r"\breported(?=\s+(?:on\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+\d{4})?,?\s+"
        r"(?:before|after)\s+(?:the\s+)?(?:(?:opening|closing)\s+)?(?:bell|open|close|market))|"
        # "Acme reported after the New York close on Thursday, July 30": the session first, then the day ("on" may go unsaid)
        r"\breported(?=\s+(?:before|after)\s+(?:the\s+)?(?:New York\s+|U\.?S\.?\s+|Wall Street\s+)?(?:(?:opening|closing)\s+)?"
        r"(?:bell|open|close|market)\s+(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri)day\b|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d)"
        r"(?![^.;]*\b(?:that|said|says)\b))|"
        r"(?<=\bwhich )reports?\b(?=\s+(?:on|after|before|next|this|results|earnings|Q[1-4])\b)|"
        r"\b(?:reports?|reported|will report|posts?|posted)\s+(?:its\s+|their\s+|our\s+)?(?:fiscal\s+)?(?:first|second|third|fourth|final)[- ]quarter\b"
        r"(?!\s+(?:(?:adjusted|non-GAAP|GAAP|diluted|operating|core)\s+)?(?:revenue|sales|profit|earnings|results|numbers|figures|net|loss|EPS|income|margin))",
        re.I,
    ))),
    ("dividend", gated(("ex-date", "ex-div", "dividend", "payout", "payment", "record"), re.compile(
        r"\b(?:ex-dividend date|ex-date|ex-div|dividend|payout|(?:quarterly |dividend )payment|dividende|dividendo|"
        r"(?:shareholders|stockholders|holders) of record(?=[^;]{0,60}?\b(?:paid|payable|receive|dividend)))\b", re.I))),
    ("shareholder_meeting", gated(("meet", "agm", "egm", "assembl", "hauptversammlung", "junta", "vote"), re.compile(
        r"\b(?:(?:annual|special|extraordinary) (?:general |shareholders'? |stockholders'? )?meeting|shareholder meeting|"
        r"stockholder meeting|AGM|EGM|assembl[ée]e g[ée]n[ée]rale|assemblea degli azionisti|Hauptversammlung|junta (?:general )?de accionistas|(?:shareholders|stockholders) (?:will )?meet|(?:shareholder|stockholder)s?'? vote|(?:shareholders|stockholders) (?:will|are (?:scheduled|set|due|expected) to|to) vote)\b",
        re.I))),
    ("investor_day", gated(("investor", "analyst day", "analyst meeting", "capital markets day"), re.compile(r"\b(?:investor day|analyst day|analyst meeting|capital markets day|investor conference)\b", re.I))),
    ("other", gated(("split",), re.compile(
        r"\b(?:split-adjusted|stock split|share split|\d+-for-\d+ split|"
        r"split(?=\s+(?:effective\b|date\b|becomes|takes effect|will take effect|goes into effect|is (?:set|scheduled|due|effective)|will be(?:come)? effective)))\b",
        re.I))),
    ("product_launch", gated(("event", "launch", "keynote", "unveil", "wwdc", "conference", "stores"), re.compile(
        # "in stores April 24", "hits stores on Friday": the day a product goes on sale
        r"\b(?:(?:in|hits?|reach(?:es)?|arrives? in) stores(?=,?[ \t]+(?:on[ \t]+|from[ \t]+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|"
        r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|\d{1,2}(?:st|nd|rd|th)?\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))|"
        r"launch event|product launch|(?:special|product|media|hardware|launch) event|keynote|unveil\w*|will launch|to launch|WWDC|"
        r"Worldwide Developers Conference)\b", re.I))),
    # "at re:Invent, which starts December 1", "the company's developer conference opens on May 20"
    ("other", gated(("invent", "ces", "conference", "summit", "expo"), re.compile(
        r"\b(?:re:Invent|CES|(?:developer|developers|user|customer|annual|technology|tech|AI) (?:conference|summit)|conference|summit|expo)\b"
        r"(?=,?\s+(?:which\s+|that\s+)?(?:starts|begins|opens|kicks off|runs|takes place|will (?:start|begin|open|run|take place)|is (?:set|scheduled|due) (?:for|to))\b"
        r"|[^.;,]{0,40}?\s(?:starting|beginning|opening)\s+(?:on\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|\d))",
        re.I))),
    # "at its developer conference on June 22": the conference's own day, named right after it
    ("other", gated(("conference", "summit"), re.compile(
        r"\b(?:(?:developer|developers|user|customer|partner|technology|tech|AI|annual)\s+(?:conference|summit))\b"
        r"(?=\s+(?:on|starting|beginning)\s+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
        r"(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)))",
        re.I))),
    # "the lock-up expires on May 9": the day early holders may first sell; "will join the S&P 500 effective ... on
    # July 9": an index's change of members; "Separations are expected to occur on or about March 19": a layoff
    # notice's day. No event type the data records: supported only on a recorded event of that day
    ("other", gated(("lock", "s&p", "nasdaq-100", "dow jones", "russell", "separation", "layoff", "termination"), re.compile(
        r"\block-?up(?:\s+period)?\s+(?:expires|expired|ends|ended|lapses|lapsed|will (?:expire|end|lapse)|is (?:set|scheduled|due) to (?:expire|end))\b|"
        r"\b(?:expiry|expiration|end) of (?:the|its|their) lock-?up(?:\s+period)?\b|\block-?up (?:expiry|expiration)(?: date)?\b|"
        r"\b(?:S&P (?:500|MidCap 400|SmallCap 600)|Nasdaq-100|Dow Jones Industrial Average|Russell [123]000)\b(?=,?\s+effective\b)|"
        r"\b(?:separations|layoffs|terminations)\s+(?:are|is|will be)\s+(?:expected|scheduled|set|planned|anticipated)\s+to\s+"
        r"(?:occur|begin|start|take effect|take place)\b", re.I))),
    # "the deal is expected to close on March 31": a closing day ahead; no event type the data records, so
    # the check supports it only on a recorded event of that day and otherwise leaves it unverifiable
    ("other", gated(("to c", "to be "), re.compile(
        r"\b(?:(?:is|are|was)\s+)?(?:expected|scheduled|set|slated|due|poised|on track) to (?:close|be completed|complete|be finali[sz]ed)\b"
        r"(?=[^.;]{0,25}?\b(?:on|by)\s|[^.;]{0,70}?\b(?:which ends|ending)\s)", re.I))),
]
_DEAL_WORD = re.compile(r"\b(?:deal|transaction|acquisition|merger|takeover|purchase|sale|combination|buyout|tender offer)\b", re.I)
_SAME_DAY = re.compile(
    r"[^.;]{0,40}?\b(?:before the (?:bell|open|opening bell|market opened)|pre-?market|that morning|earlier (?:in the day|that day))\b",
    re.I,
)
_PAST_EVENT = re.compile(r"\s*(?:beat|miss|surprise|reaction|rally|pop|jump|drop|selloff|sell-off|disappointment|blowout|blow-out|"
                         r"shock|letdown|let-down|hangover|euphoria|relief rally)\b", re.I)
# "closed at $2,891.93 on April 28, the day of the report", "jumped 19% on November 14, the day the company
# reported results": the day belongs to the price move; the report is only named to explain it
_DAY_OF = re.compile(
    r",\s*the (?:same )?day (?:of|after|before|ahead of)\s+(?:the |its |their )?(?:[\w-]+\s+){0,2}$|"
    r",\s*the (?:same )?day (?:the company|it|they|[A-Z][\w.&-]*)\s+(?:reported|released|posted|published|announced)\s+(?:its\s+)?(?:[\w-]+\s+){0,2}$",
    re.I,
)
_FROM_PAST_DAY = re.compile(r"\b(?:away from|from|out of|since|after|following|on the back of|in the wake of)\s+$", re.I)
# "Agilent fell 4.3% on Monday and reports results on Feb. 14": a day before "and <verb>" is the other verb's
_OTHER_VERB = re.compile(r"\b(?:and|but|while|whereas)\b", re.I)
_WEEKDAY = r"(?:(?:on|this|last|next|by|until)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?:\s+(?:morning|afternoon|evening|night))?"
_REFERENCE_ENTRY = re.compile(r"\s*(?:\^\s*)?(?:\[\d{1,3}\]|\d{1,3}\.)?\s*(?:\^\s*)?[\"\u201c][^\"\u201d]{3,200}[\"\u201d]\s*[.,]")
# "raised the dividend to 82 cents, which is paid on May 21": the which-clause dates the payment itself
_WHICH_PAID = re.compile(r"^[^.;]{0,40}?,?\s*(?:which|that)\s+(?:is|are|will be|gets|get)\s+(?:paid|payable|distributed)\s+(?:on\s+)?$", re.I)
# "January 26, 2026 · 8:00 a.m. Central Time conference call": a slide's or an invitation's day and hour of the call
_CALL_AT = re.compile(r",?[ \t]*[\u00b7|\u2013-]?[ \t]*\d{1,2}:\d{2}[ \t]*(?:[AaPp]\.?[Mm]\.?)?[ \t]*"
                      r"(?:(?:Eastern|Central|Mountain|Pacific)[ \t]+Time|[A-Z]{2,4})?[ \t]*,?[ \t]*"
                      r"(?:(?:earnings|investor|analyst)[ \t]+)?(?:conference call|webcast|call)\b")
# "$AAPL at 138 is 35x earnings", "12 times earnings": a valuation multiple, no report
_MULTIPLE = re.compile(r"(?:\d\s?x|\btimes|\bmultiple of)\s+(?:(?:forward|trailing|next year's|this year's|\d{4})\s+)?$", re.I)
_PRE_POST = re.compile(r"\b(?:pre|post)-?\s?$", re.I)
# "said on Tuesday it will hold its annual meeting": the day a company spoke is never the day of what it spoke of
_SAID_ON = re.compile(r"\b(?:said|announced|confirmed|disclosed|told\s+(?:investors|analysts|reporters|staff|employees)|"
                      r"approved|declared|authori[sz]ed|agreed)\s+(?:on\s+)?$", re.I)
_PERIOD_END_DATE = re.compile(r"\b(?:ended|ending|ends|through|as of|for the (?:quarter|period|year))\s*$", re.I)


_GROUP_SUBJECT = re.compile(r"[\s*\u2022>-]*(?:Both|The two|All (?:three|four|five|six)|Each of the (?:two|three|four))\s+"
                            r"(?:(?:big\s+|tech\s+|largest\s+)*(?:companies|firms|groups|giants|names|stocks|retailers|banks|rivals)|of them)\b")
_YEAR_HEADING = re.compile(r"[ \t#*_=]*(?P<y>(?:19|20)\d{2})[ \t*_=:]*")
_LIST_LINE = re.compile(r"[ \t]*(?:[-*\u2022\u25aa\u2013]|\d{1,2}[.)])[ \t]")


def year_heading(text: str, pos: int) -> Optional[int]:
    """The year a timeline's heading line sets for the entries under it ("2022" over "\u2022 March 9 \u2014 Board
    approves a split"): the first line of the paragraph holding ``pos``, or, for a list, the line heading it."""
    start = text.rfind("\n\n", 0, pos)
    start = 0 if start < 0 else start + 2
    line_end = text.find("\n", start)
    first = text[start : line_end if line_end >= 0 else len(text)]
    m = _YEAR_HEADING.fullmatch(first)
    if m is None and _LIST_LINE.match(first):
        before = text[:start].rstrip("\n")
        m = _YEAR_HEADING.fullmatch(before[before.rfind("\n") + 1 :])
    return int(m["y"]) if m is not None and line_end >= 0 and line_end < pos else None


def _part(sentence: str, at: int) -> str:
    """The part of a sentence around ``at`` between semicolons or bullets ("split effective today; AAPL opened at ...")."""
    lo = max(sentence.rfind(c, 0, at) for c in ";\u2022|")
    highs = [i for i in (sentence.find(c, at) for c in ";\u2022|") if i >= 0]
    return sentence[lo + 1 : min(highs, default=len(sentence))]


# "will report results for its fiscal first quarter, which ended December 31, 2017, on Thursday, February 1": the
# which-clause only names the period's end, and the day after it is the report's
_PERIOD_ASIDE = re.compile(
    r"\s+(?:for|on)\s+(?:its|the|their)\s+(?:[\w-]+\s+){0,3}?(?:quarter|year|period|half)"
    r"(?P<aside>,\s*(?:which|that)\s+(?:ended|ends)\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?,)\s*(?:on\s+)?", re.I)


# "the stock dropped 4% the next day", "the following session": a day counted on from another day told, no future
_NEXT_AFTER = re.compile(r"\b(?:the|that)\s+(?:next|following)\s+(?:day|morning|afternoon|session|trading day)\b", re.I)


# "Acme will replace Brisko Stores in the S&P 500 effective ...": the company replaced is not the one the change is of
_REPLACED = re.compile(r"\breplac(?:e|es|ed|ing)\s+(?P<who>[^;]{1,100}?)\s+(?:in|on|as a member of)\s+the\s+$")


def _delimited_row(text: str, sent: Span) -> bool:
    """'"2015-04-24","(company)","Q1 report","",...': a row of a pasted export, its cells quoted (no reference entry)."""
    from .analyst_rating import _cells
    cells = _cells(text, sent.start, sent.end)
    return cells is not None and len(cells) >= 4


# the head of a table's key: "Footnotes: \u2021 - Company reported earnings today. x - Ex-dividend ..."
_LEGEND_HEAD = re.compile(r"[ \t]*(?:Footnotes?|Legend|Key to (?:the )?(?:table|symbols)|Symbols?|Table notes?)[ \t]*:", re.I)

# a chart's or a table's credit line: "Source: Acme results release, Jan. 30, 2020." (the document cited, not an event)
_SOURCE_LINE = re.compile(r"[ \t>*_]*(?:Sources?|Data|Data source|Credit)[ \t*_]*:", re.I)


def _legend(text: str, pos: int) -> bool:
    """Whether ``pos`` lies in a table's key: a paragraph headed "Footnotes:", "Legend:", "Symbols:"."""
    start = text.rfind("\n\n", 0, pos)
    return _LEGEND_HEAD.match(text, 0 if start < 0 else start + 2) is not None


def _future(sentence: str) -> bool:
    """Whether a sentence speaks of what lies ahead: a future cue outside "the next day" of a story told."""
    return bool(_FUTURE.search(_NEXT_AFTER.sub(lambda m: " " * len(m.group(0)), sentence)))


def _events(ctx: _Context, sent: Span, clauses: list[Span]) -> list[_Candidate]:
    text = ctx.text
    sentence = text[sent.start : sent.end]
    hits = [(name, h) for name, pattern in _EVENTS for h in pattern.finditer(text, sent.start, sent.end)]
    if hits and _REFERENCE_ENTRY.match(sentence) and not _delimited_row(text, sent):
        hits = []  # '[50] "Apple stock split takes effect". 31 August 2020.': a reference list's title and access date
    if hits and _SOURCE_LINE.match(text, text.rfind("\n", 0, sent.start) + 1):
        hits = []  # "Source: Acme fourth-quarter results release, Jan. 30.": a chart's cited document and its date
    if hits and _legend(text, sent.start):
        hits = []  # "Footnotes: \u2021 - Company reported earnings today.": a table's key defines a symbol, no company's event
    if hits and _GROUP_SUBJECT.match(sentence):
        hits = []  # "Both companies reported after the close on Thursday": several companies' events, none one company's claim
    pending, ctx.pending_event = ctx.pending_event, None
    if not hits:
        return _event_from_pending(ctx, sent, clauses, pending)
    tense = "future" if _future(sentence) or not (_PAST.search(sentence) or _PAST_TENSE.search(sentence)) else "past"
    year = year_heading(text, sent.start)
    history = year is not None and ctx.ref == dt.date(year, 12, 31)
    if history:
        tense = "past"  # a timeline's entry under a past year's heading: its present tense tells history
    if tense == "future" and all(_past_mention(text, sent, h) for _, h in hits):
        tense = "past"  # "reported its second quarter on Thursday and gave no guidance for the next one": the verb is the event's
    if re.search(r"\b(?:today|this (?:morning|afternoon|evening))\s+(?:announced|reported|posted|released)\b|"
                 r"\b(?:announced|reported|posted|released)\s+(?:today|this (?:morning|afternoon|evening))\b", sentence, re.I):
        return []  # a release's own "reported results today" is the report itself, not a scheduled event
    hits = [(name, h) for name, h in hits if not _PAST_EVENT.match(text, h.end(), min(sent.end, h.end() + 25))
            and not _PRE_POST.search(text, max(sent.start, h.start() - 6), h.start())  # "a pre-earnings rally": no event
            and not _MULTIPLE.search(text, max(sent.start, h.start() - 25), h.start())
            and not re.match(r"\s+season\b", text[h.end() : h.end() + 8], re.I)  # "earnings season kicks off": no company's event
            and not _DAY_OF.search(text, max(sent.start, h.start() - 45), h.start())]
    if not hits:
        return []
    # "[Thu 05 Feb 2026 · 16:03 ET] AMZN reports Q4 today": a live blog's or digest's entry is dated by its stamp,
    # and its "today" and "tonight" are that day, not the publication day of the whole page
    stamp = _entry_stamp(text, ctx.ref, sent)
    ref = stamp.date if stamp is not None else ctx.ref
    foreign = _foreign_dates(text, ref, sent, tense)
    foreign_words = _foreign_spans(text, sent)
    dates = [
        d for d in [d for d in _dates(text, ref, sent.start, sent.end, tense=tense) + _dash_dates(text, ref, sent, tense)
                    if not any(a < d.end and d.start < b for a, b in foreign_words)]  # a foreign name is read by its own tense
        + foreign
        if d.kind == "day" and d.date is not None
        # a timestamp: "Jan 29, 2026 4:45 PM ET" (a clock on the next line is the next flash's stamp, not this day's)
        and (not re.match(r",?[ \t]*[\u00b7|\u2013-]?[ \t]*\d{1,2}:\d{2}", text[d.end : d.end + 10])
             or _CALL_AT.match(text, d.end, sent.end))
        and not (_PERIOD_END_DATE.search(text[max(sent.start, d.start - 25) : d.start])
                 and not (re.search(r"\bwhich ends\s*$", text[max(sent.start, d.start - 25) : d.start])
                          and re.search(r"\bto (?:close|be completed|complete)\b", sentence, re.I)))
        and not ctx.is_used(d.start, d.end)
    ]
    dates = [d for d in dates if not _LOCAL_DAY.match(text, d.end, sent.end)
             and not _SAID_ON.search(text, max(sent.start, d.start - 30), d.start)]
    dates = _which_paid_ahead(ctx, sent, dates)
    dates = _ahead_of(ctx, sent, dates, tense)
    if tense == "past" and not any(_past_mention(text, sent, h) for _, h in hits):
        dates = _clause_tense(ctx, sent, clauses, dates)
    # "the board used Thursday's results release to declare a dividend": a past event told as the occasion of another
    # act; its day is that event's, and neither it nor the act done at it is a scheduled event
    for _, h in hits:
        occasion = re.search(r"\b(?:used|took|seized)\s+(?:[\w'\u2019.-]+\s+){0,4}$", text[max(sent.start, h.start() - 40) : h.start()])
        if occasion is not None and re.match(r"(?:\s+(?:release|report|call|announcement))?\s+(?:to|as (?:a|an|the) (?:chance|occasion|stage|platform) to)\s+[a-z]+",
                                             text[h.end() : min(sent.end, h.end() + 50)]):
            lo = max(sent.start, h.start() - 40) + occasion.start()
            dates = [d for d in dates if not (lo <= d.start and d.end <= h.start())]
            ctx.use(h.start(), h.end())
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
                # "the worst day came on Aug. 15, when the company reported second-quarter results": that day's report
                r"(?:reported|presented|released)|"
                r"(?:is|are)\s+(?:due|expected|scheduled|set|slated|likely)\s+to\s+(?:present|report|publish|release)|plans to (?:present|report))\s+"
                r"(?:its|their)?\s*(?:(?:first|second|third|fourth)-quarter\s+|full-year\s+|quarterly\s+|Q[1-4]\s+)?$",
                text[max(sent.start, hit.start() - 70) : hit.start()], re.I
            )
            # "...close in its fiscal Q2, which ends March 31", "re:Invent, which starts December 1": the which-clause
            # dates the event itself
            quarter_end = re.search(r"\b(?:which ends|ending|(?:which|that)\s+(?:starts|begins|opens|kicks off|runs|takes place))\s*$",
                                    text[lo:hi]) is not None
            # "the first-quarter report, which Amazon has scheduled for Thursday, April 27": the which-clause sets its day
            quarter_end = quarter_end or re.fullmatch(
                r",?\s*which\s+(?:(?:[A-Z][\w.&-]*\s+){1,3}|it\s+|they\s+|the company\s+)?(?:has|have|had)\s+(?:scheduled|set|slated)\s+for\s+",
                text[lo:hi]) is not None
            # "the next report, which we expect on Feb. 2": the which-clause tells when the event itself is looked for
            quarter_end = quarter_end or re.fullmatch(
                r",?\s*which\s+(?:we|I|analysts|investors|the (?:Street|market|consensus)|(?:[A-Z][\w.&-]*\s+){1,3}?)\s*"
                r"(?:expects?|anticipates?|pencils? in|penciled in|pencilled in|sees?)\s+(?:(?:it|them)\s+)?(?:on|for)?\s*",
                text[lo:hi]) is not None
            quarter_end = quarter_end or (name == "dividend" and _WHICH_PAID.search(text[lo:hi]) is not None)
            aside = _PERIOD_ASIDE.fullmatch(text, lo, hi) if lo < hi and date.start >= hit.end() else None
            if aside is not None:
                gap -= len(aside.group("aside"))  # "results for its fiscal first quarter, which ended Dec. 31, 2017, on Feb. 1"
            sub = SUBORDINATE.search(text, lo, hi) if lo < hi and aside is None else None
            if sub is not None and re.fullmatch(r"\s*as", sub.group(0)) and text.startswith(" of", sub.end()):
                sub = None  # "of record as of Feb. 9": a date's preposition, not a subordinate clause
            if (sub is not None and not when_cue and not quarter_end
                    and not _SAME_DAY.match(text, hit.end(), min(sent.end, hit.end() + 60))):
                # "closed at $738.31 on Thursday after the company's results": the date is the close's, and the
                # results may be the evening before; "... after it reported results before the bell" is that day
                continue
            if lo < hi and name != "dividend" and re.search(r"\d\s?%|[$€£]\s?\d", text[lo:hi]):
                continue  # "before the results came out, and watched the shares fall 5.6% on Feb. 6": the move's day
            tail = text[date.end : date.end + 30]
            if (date.text.endswith(("'s", "\u2019s")) or tail.startswith(("'s", "\u2019s"))) and not re.match(
                    r"(?:['\u2019]s)?\s+(?:[\w-]+\s+){0,2}?(?:report|results|earnings|call|meeting|event|split|dividend|print|figures|numbers)\b", tail):
                continue  # "leave the numbers to Monday's show": the day of the noun it owns
            if lo < hi and re.search(r"[;|\u2022]", text[lo:hi]):
                continue  # "Feb. 5 – Q1 results; Feb. 24 – annual meeting": a list item's day is never the next item's
            if (ctx.ref is not None and date.date < ctx.ref and hit.group(0).lower() in ("reports", "report")
                    and not re.search(r"(?:its|the|\d)\s$", text[max(sent.start, hit.start() - 4) : hit.start()])
                    and not re.search(r"\b(?:reported|was|were|did)\b", sentence, re.I)):
                continue  # "Apple reports this Thursday" read on a Friday: the present tense points ahead, the day behind
            same_clause = hit.start() >= clause.start and hit.end() <= clause.end
            weak = hit.group(0).lower() in ("figures", "numbers") and not when_cue
            if not same_clause and (weak or gap > 60):
                continue
            prefix_start = max(sent.start, hit.start() - 45)
            prep = re.search(r"\b(?:ahead (?:of|to)|into|before|after|since|following|followed|two days after|days after|"
                             r"avant|apr[eè]s|prima d[ei]|dopo|vor|nach|antes de|despu[eé]s de)\s+(?:[\w'\u2019.-]+\s+){0,3}$",
                             text[prefix_start : hit.start()], re.I)
            if prep and date.end <= prefix_start + prep.start():
                continue
            if (ctx.ref is not None and date.date < ctx.ref and date.end <= hit.start() + 45
                    and re.search(r"\b(?:since|after|following)\s+(?:(?:the|its|their|[\w.]+\s+\d{1,2})\s+)*[\w-]*\s*$",
                                  text[max(sent.start, min(date.start, hit.start()) - 20) : hit.start()], re.I)
                    and re.search(r"\b(?:since|after|following)\b", text[max(sent.start, min(date.start, hit.start()) - 12) : min(date.start, hit.start())], re.I)):
                continue  # "Since its July 30 report", "after the fourth-quarter report on Feb. 5": a past report dating another claim  # "Rose 2.1% Thursday Ahead Of Results", "after its split took effect": the day is another's
            occasion = _FROM_PAST_DAY.search(text, max(sent.start, date.start - 30), date.start) if date.end <= hit.start() else None
            if (occasion is not None and ctx.ref is not None and (date.date < ctx.ref or occasion.group(0).lower().startswith("since"))
                    and re.fullmatch(r"(?:\s+(?:morning|afternoon|evening|night))?['\u2019]s\s+(?:[\w-]+\s+){0,2}",
                                     text[date.end - 2 if date.text.endswith(("'s", "\u2019s")) else date.end : hit.start()])):
                continue  # "we came away from Monday night's print more confident": a past event named as the occasion of another claim
            word = hit.group(0).lower()
            closing = name == "other" and bool(re.search(r"\b(?:close|complete|completed|finali[sz]ed)\b", word))
            meeting = name == "other" and not closing and "split" not in word
            if closing:
                if not _DEAL_WORD.search(text, sent.start, sent.end):
                    continue  # a closing is a deal's (not a plant's)
            elif meeting:
                pass  # a conference's start day, named with its verb (see the pattern)
            elif name == "other" and re.search(r"\b(?:took|went into|came into) effect on\s*$|\bbecame effective on\s*$",
                                               text[max(sent.start, date.start - 25) : date.start], re.I) \
                    and not re.search(r"\bafter\b", text[max(sent.start, hit.start() - 30) : hit.start()], re.I):
                pass  # "its 20-for-1 stock split took effect on June 6, 2022": the split's own day, gone by
            elif name == "other" and (
                re.search(r"\b(?:took effect|took place|went into effect|completed|after)\b", text[hit.start() : min(sent.end, hit.end() + 30)], re.I)
                or re.search(r"\b(?:began|started|took|closed|opened|was|were|had|rose|fell)\b", _part(sentence, hit.start() - sent.start), re.I)
                or not (_FUTURE.search(sentence) or re.search(r"\b(?:takes effect|effective|starts?|begins?|from|kicks? in)\b", sentence, re.I))
                or history  # "June 6 \u2014 Split takes effect." under a past year's heading: gone by
            ):
                continue  # a split is an event only while it lies ahead
            if date.end <= hit.start() and _OTHER_VERB.search(text, date.end, hit.start()) and any(
                    d.start >= hit.end() and d.start - hit.end() <= 60 for d in dates):
                continue  # "fell on Monday and reports ... on Feb. 14": the day after the event word is its own
            # "On July 30 the board declared a dividend of 82 cents, payable on August 13": the payment day is the
            # dividend's, the day the board met only the declaration's
            payable = name == "dividend" and _PAYABLE_AHEAD.search(text, max(sent.start, date.start - 12), date.start) is not None
            pairs.append((-1 if payable else 0 if same_clause else 1, gap, date, name, hit))
    out: list[_Candidate] = []
    used_dates: set[int] = set()
    used_hits: set[int] = set()
    # "said on Thursday it will report after the close on March 19": a calendar date beats a weekday for the same event
    calendar = {name for _, _, date, name, _ in pairs if not re.fullmatch(_WEEKDAY, date.text, re.I)}
    pairs = [p for p in pairs if not (p[3] in calendar and re.fullmatch(_WEEKDAY, p[2].text, re.I))]
    for _, _, date, name, hit in sorted(pairs, key=lambda p: (p[0], p[1])):
        if id(date) in used_dates or hit.start() in used_hits:
            continue
        if (ctx.ref is not None and date.date < ctx.ref and _PAST_MENTION_TAIL.match(text, hit.end(), sent.end)
                and not _TIMED_RELEASE.match(text, hit.end(), sent.end)):
            continue  # "after results released late on Thursday", "the day results came out": named in passing, not scheduled
        used_dates.add(id(date))
        used_hits.add(hit.start())
        anchor = Span(min(hit.start(), date.start), max(hit.end(), date.end))
        fields = {"kind": "scheduled_event", "event": name, "date": date.date, "description": hit.group(0)}
        cand = _Candidate("scheduled_event", fields, anchor, _enclosing(clauses, anchor.start, anchor.end))
        leaving = _REPLACED.search(text, max(sent.start, hit.start() - 120), hit.start())
        if leaving is not None:
            cand.exclude_company = [Span(leaving.start("who"), leaving.end("who"))]  # the member it replaces leaves
        out.append(cand)
    out.extend(_listed(ctx, sent, clauses, hits, dates, used_dates, out))
    out.extend(_elided(ctx, sent, clauses, dates, used_dates, out))
    if not out and tense == "future" and not dates:
        name, hit = hits[0]
        if name != "other" and not (name == "earnings" and hit.group(0).lower() in ("figures", "numbers")):
            ctx.pending_event = (name, Span(hit.start(), hit.end()), sent)  # the date may come in the next sentence
    return out


# "Earnings this week: Microsoft (Tue., after the close), Apple (Thu.)": one event word heads a list of
# companies, each with its own day in brackets or after a colon or dash
_LIST_HEAD = re.compile(r"\s*(?:this week|next week|ahead|to watch|calendar|schedule|due|on deck)?\s*[:\u2013\u2014-]")
_LIST_ITEM = re.compile(r"(?:^|[:,;\u2013\u2014]\s*|\band\s+)(?:[A-Z][\w.&'\u2019-]*\s*){1,4}(?:\([A-Z]{1,5}\)\s*)?[(:\u2013-]\s*$")


# Translated briefs keep the original's day and month names ("si aprirà il 22 giugno", "publiés jeudi soir"):
# each is read as its English name would be, with the offsets of the original words
_FOREIGN_MONTHS = {
    m: i + 1 for names in (
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
        "januar februar märz april mai juni juli august september oktober november dezember",
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    ) for i, m in enumerate(names.split())
}
_FOREIGN_DAYS = {
    d: i for names in (
        "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "lunedì martedì mercoledì giovedì venerdì sabato domenica",
        "montag dienstag mittwoch donnerstag freitag samstag sonntag",
        "lunes martes miércoles jueves viernes sábado domingo",
    ) for i, d in enumerate(names.split())
}
_ENGLISH_MONTHS = "January February March April May June July August September October November December".split()
_ENGLISH_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_FOREIGN_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{'|'.join(sorted(_FOREIGN_MONTHS, key=len, reverse=True))})\b(?:\s+(?:de\s+)?(?P<year>(?:19|20)\d{{2}}))?",
    re.I,
)
_FOREIGN_WEEKDAY = re.compile(rf"\b(?P<wd>{'|'.join(_FOREIGN_DAYS)})(?![\w])", re.I)


# the tense of a sentence in those languages (the English cues do not see it): a day without a year is
# resolved only when the verbs say whether it lies ahead or behind, since the wrong week would contradict
_FOREIGN_FUTURE = re.compile(
    r"\w{3,}(?:ra|ront|rà|ranno|rá|rán)\b|\b(?:va|vont|prochaine?s?|prossim[oaie]|wird|werden|n[äa]chste[nmrs]?|pr[óo]xim[oa]s?)\b", re.I)
_FOREIGN_PAST = re.compile(
    r"\b(?:a|ont|avait|avaient|[ée]tait|hier|ha|hanno|aveva|avevano|era|ieri|hat|hatte|haben|wurde|wurden|war|gestern|"
    r"han|hab[ií]a|fue|fueron|ayer)\b|\w{3,}(?:é|ée|és|ées|ato|ata|ati|ate|ado|ada|ados|adas|ido|ida)\b", re.I)


def _foreign_dates(text: str, ref: Optional[dt.date], sent: Span, tense: str) -> list[DateMention]:
    sentence = text[sent.start : sent.end]
    if ref is None or not re.search(r"[àâäéèêëîïôöùûüçñ]|\b(?:il|le|la|der|die|das|el|los|und|et|e|y)\b", sentence):
        return []  # only a sentence in another language (an English one never names "mars" or "mai" as months)
    tense = "future" if _FOREIGN_FUTURE.search(sentence) else "past" if _FOREIGN_PAST.search(sentence) else ""
    out: list[DateMention] = []
    for m in _FOREIGN_DAY_MONTH.finditer(text, sent.start, sent.end):
        month = _ENGLISH_MONTHS[_FOREIGN_MONTHS[m["month"].lower()] - 1]
        if not (m["year"] or tense):
            continue
        english = f"on {month} {int(m['day'])}" + (f", {m['year']}" if m["year"] else "")
        found = [d for d in find_dates(english, ref, 0, len(english), tense=tense or "past") if d.kind == "day" and d.date]
        if found:
            out.append(DateMention(m.start(), m.end(), m.group(0), "day", found[0].date, relative=not m["year"]))
    for m in _FOREIGN_WEEKDAY.finditer(text, sent.start, sent.end):
        if not tense or any(d.start <= m.start() < d.end for d in out):
            continue
        english = f"on {_ENGLISH_DAYS[_FOREIGN_DAYS[m['wd'].lower()]]}"
        found = [d for d in find_dates(english, ref, 0, len(english), tense=tense) if d.kind == "day" and d.date]
        if found:
            out.append(DateMention(m.start(), m.end(), m.group(0), "day", found[0].date, relative=True))
    return out


def _foreign_spans(text: str, sent: Span) -> list[tuple[int, int]]:
    """Where the sentence names a day or month in another language (see _foreign_dates)."""
    if not re.search(r"[àâäéèêëîïôöùûüçñ]|\b(?:il|le|la|der|die|das|el|los|und|et|e|y)\b", text[sent.start : sent.end]):
        return []
    return [m.span() for pattern in (_FOREIGN_DAY_MONTH, _FOREIGN_WEEKDAY) for m in pattern.finditer(text, sent.start, sent.end)]


def _entry_stamp(text: str, ref: Optional[dt.date], sent: Span) -> Optional[DateMention]:
    """The absolute day with a clock time that opens the sentence ("[Thu 05 Feb 2026 · 09:31 ET] ...")."""
    if ref is None:
        return None
    own = find_entry_stamp(text, sent.start, sent.end, before=ref)
    if own is not None and own.day is not None:  # "[05/02/2026, 12:30] Sam: ..." in a page of 6 February: day first
        return DateMention(own.start, own.end, text[own.start : own.end], "day", own.day)
    head = find_dates(text, ref, sent.start, min(sent.end, sent.start + 40), tense="past")
    if not head or head[0].kind != "day" or head[0].relative or head[0].date is None:
        return None
    first = head[0]
    if not re.fullmatch(r"\s*[\[(]?\s*", text[sent.start : first.start]):
        return None
    if not re.match(r",?\s*[\u00b7|\u2013-]?\s*\d{1,2}:\d{2}", text[first.end : first.end + 10]):
        return None
    return first


def _listed(ctx: _Context, sent: Span, clauses: list[Span], hits: list[tuple[str, re.Match[str]]],
            dates: list[DateMention], used_dates: set[int], found: list[_Candidate]) -> list[_Candidate]:
    text = ctx.text
    heads = [(name, h) for name, h in hits if name == "earnings" and _LIST_HEAD.match(text, h.end(), min(sent.end, h.end() + 20))]
    if not heads or not found:
        return []
    name, head = heads[0]
    out: list[_Candidate] = []
    for date in dates:
        if id(date) in used_dates or date.start < head.end():
            continue
        if not _LIST_ITEM.search(text, max(sent.start, date.start - 50), date.start):
            continue
        used_dates.add(id(date))
        item = re.search(r"[^,;:\u2013\u2014]*$", text[head.end() : date.start])
        begin = head.end() + (item.start() if item else 0)
        anchor = Span(begin + len(text[begin : date.start]) - len(text[begin : date.start].lstrip()), date.end)
        fields = {"kind": "scheduled_event", "event": name, "date": date.date, "description": head.group(0)}
        out.append(_Candidate("scheduled_event", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
    return out


# "Microsoft reports on Jan. 28 and Apple on Jan. 29": the second company's day shares the first one's event
_ELIDED = re.compile(
    r"\s*[,;]?\s*(?:and|while|with|then)\s+(?P<who>(?:[A-Z][\w.&'\u2019-]*\s*){1,3}(?:\([A-Z]{1,5}\)\s*)?)"
    r"(?:(?:is due|follows|comes|reports)\s+)?(?:on\s+)?$")


def _elided(ctx: _Context, sent: Span, clauses: list[Span], dates: list[DateMention], used_dates: set[int],
            found: list[_Candidate]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    for date in sorted(dates, key=lambda d: d.start):
        if id(date) in used_dates:
            continue
        before = [c for c in found + out if c.anchor.end <= date.start]
        if not before:
            continue
        prev = max(before, key=lambda c: c.anchor.end)
        m = _ELIDED.fullmatch(text, prev.anchor.end, date.start)
        if m is None:
            continue
        used_dates.add(id(date))
        anchor = Span(m.start("who"), date.end)
        fields = dict(prev.fields, date=date.date)
        out.append(_Candidate("scheduled_event", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
    return out


def _clause_tense(ctx: _Context, sent: Span, clauses: list[Span], dates: list[DateMention]) -> list[DateMention]:
    """In a past-tense sentence, a weekday whose own clause has no past verb is still ahead
    ("Nike, which rose 2% last week, reports results on Thursday")."""
    text = ctx.text
    ahead = {(d.start, d.end): d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="future")}
    out = []
    for d in dates:
        clause = _enclosing(clauses, d.start, d.end)
        conjunctions = list(_OTHER_VERB.finditer(text, clause.start, d.start))
        # "fell 4% on Monday and reports results on Feb. 14": a coordinated verb phrase is the date's own clause
        words = text[conjunctions[-1].end() if conjunctions else clause.start : clause.end]
        if d.relative and (d.start, d.end) in ahead and not (_PAST.search(words) or _PAST_TENSE.search(words)) \
                and (re.search(r"day\b", d.text, re.I) or re.search(r"\b(?:ahead|upcoming|next|due|will|scheduled|expected|set|slated|reports|presents|hosts|holds|releases|publishes|announces|pays|meets|comes|starts|begins|opens)\b"
                                                     r"|\bto\s+(?:begin|start|take effect|become effective|be (?:paid|held|released|distributed))\b", words, re.I)):
            # a month day with no cue ahead keeps the sentence's tense ("Even the Sept. 15 product event ... did little")
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
    found = _events(ctx, s.span, s.clauses) or _calendar_line(ctx, s.span, s.clauses)
    if ctx.local or ctx.section is not None or ctx.previous_subject is None:
        return found
    for cand in found:
        # "Agilent added 9.6%. We expect its first-quarter report on Feb. 14 ...": a possessive before the
        # event is the company the last sentence was about, even when this one does not open with it
        desc = cand.fields.get("description") or ""
        at = ctx.text.find(desc, cand.anchor.start, cand.anchor.end) if desc else -1
        if at >= 0 and re.search(r"\b(?:its|their)\s+$", ctx.text[max(s.span.start, at - 7) : at], re.I):
            cand.company = ctx.previous_subject
    return found


# an earnings-calendar line: "Wed 7 Mar - Contoso (CTSO), after the close; fiscal Q2" under a "RESULTS AHEAD" heading,
# or with the report's timing written in it: the line's leading day is the company's report day
_CALENDAR_ITEM = re.compile(
    r"[ \t]*(?:[-*\u2022][ \t]+)?(?P<day>[^\n]{3,30}?)[ \t]*[-\u2013\u2014:|][ \t]*"
    r"(?:(?P<who>[A-Z][\w.&'\u2019-]*(?:[ \t]+[A-Z][\w.&'\u2019-]*){0,3})[ \t]*\((?:[A-Z]{1,5}(?:[.:][A-Z]{1,3})?)\)"
    # "Thu 30 Jul - XYZ, after the close": a bare symbol, one the article's companies hold
    r"|(?P<tk>[A-Z]{1,5})(?=[ \t]*(?:[,;]|$)))", re.M)
_CALENDAR_TIMING = re.compile(
    r"\b(?:before the (?:open|bell|opening bell)|after the (?:close|bell|closing bell)|pre-?market|after[- ]hours|BMO|AMC)\b", re.I)
_CALENDAR_HEAD = re.compile(r"\b(?:results|earnings|reporting|reports)\b", re.I)
_CALENDAR_PAST_HEAD = re.compile(r"\b(?:already|out|reported|last week|past|recap)\b", re.I)


def _calendar_line(ctx: _Context, sent: Span, clauses: list[Span]) -> list[_Candidate]:
    text = ctx.text
    line_start = text.rfind("\n", 0, sent.start) + 1
    if text[line_start : sent.start].strip() or ctx.ref is None:
        return []  # the line's own start only
    m = _CALENDAR_ITEM.match(text, sent.start, sent.end)
    if m is None:
        return []
    if m["tk"] and not any(c.start == m.start("tk") and c.ticker == m["tk"] for c in ctx.mentions):
        return []  # a bare capitalised word that is no company's symbol
    line_end = text.find("\n", sent.start)
    line_end = sent.end if line_end < 0 else min(line_end, sent.end)
    head = _calendar_heading(text, line_start)
    past = bool(head and _CALENDAR_PAST_HEAD.search(head))
    if past or not (_CALENDAR_TIMING.search(text, m.end(), line_end) or (head and _CALENDAR_HEAD.search(head))):
        return []  # a line of what already happened, or of no report at all
    if re.search(r"\b(?:dividend|payable|ex-div|meeting|AGM|split)\b", text[m.end() : line_end], re.I):
        return []  # another event's line
    days = [d for d in _dates(text, ctx.ref, m.start("day"), m.end("day"), tense="future")
            if d.kind == "day" and d.date is not None and d.start == m.start("day") and d.end == m.end("day")]
    if len(days) != 1 or ctx.is_used(days[0].start, days[0].end):
        return []
    day = days[0]
    anchor = Span(day.start, m.end())
    fields = {"kind": "scheduled_event", "event": "earnings", "date": day.date, "description": "earnings calendar entry"}
    timing = _CALENDAR_TIMING.search(text, m.end(), line_end)
    if timing is not None and re.fullmatch(r"[\s,;]*", text[m.end() : timing.start()]):
        anchor = Span(anchor.start, timing.end())
    return [_Candidate("scheduled_event", fields, anchor, Span(sent.start, line_end))]


def _calendar_heading(text: str, line_start: int) -> Optional[str]:
    """The nearest heading line above (a short line in capitals, or one ending with a colon) within a few lines."""
    pos = line_start - 1
    for _ in range(12):
        if pos <= 0:
            return None
        prev = text.rfind("\n", 0, pos) + 1
        line = text[prev:pos].strip()
        if line and len(line) <= 60 and (line.isupper() or line.endswith(":")):
            return line
        if not line:
            return None  # a blank line ends the list
        pos = prev - 1
    return None


# the event word said as gone by: "reported its fiscal second quarter", "results released late on Thursday",
# "the day results came out", "those figures landed at 4 a.m.": its day lies behind, whatever else the sentence plans
# "landed at 4 a.m. on Friday in Singapore": a day in another place's time, not the exchange's; it settles no event day
_LOCAL_DAY = re.compile(
    r"\s+(?:in|across)\s+(?:Singapore|Tokyo|Hong Kong|Sydney|Seoul|Shanghai|Beijing|Mumbai|Asia|Europe|London|Frankfurt|Paris|Zurich)\b|"
    r"\s*,?\s*(?:local|Singapore|Tokyo|Hong Kong|Sydney|Seoul|Asian|European|London|Frankfurt|Paris|Zurich) time\b")
_PAST_MENTION_LEAD = re.compile(r"(?:reported|posted|released|published)\b", re.I)
_PAST_MENTION_TAIL = re.compile(
    r"\s+(?:(?:were|was|had been)\s+)?(?:released|published|posted|reported|came out|landed|arrived|dropped|were out|was out)\b|"
    # "the annual meeting of shareholders, held online on Wednesday": a meeting told as held is gone by
    r"(?:\s+of\s+(?:the\s+)?(?:shareholders|stockholders))?,?\s+(?:which\s+was\s+|that\s+was\s+)?(?:held|convened|staged)\b", re.I)


# "03/12/2024  ACME  Q4 results released after market close": a log line giving the release its session timing
# records the report day itself, not a report named in passing
_TIMED_RELEASE = re.compile(
    r"\s+(?:(?:were|was)\s+)?(?:released|published|posted|reported|came out)\s+(?:before|after)\s+(?:the\s+)?"
    r"(?:market\s+(?:open|opened|close|closed)|(?:opening\s+|closing\s+)?bell|open|close)\b", re.I)


def _past_mention(text: str, sent: Span, hit: re.Match[str]) -> bool:
    return bool(_PAST_MENTION_LEAD.match(hit.group(0)) or _PAST_MENTION_TAIL.match(text, hit.end(), sent.end))


# "traders load up on puts into Thursday's print": a weekday's event the line's present tense awaits lies ahead
_AHEAD_OF = re.compile(r"\b(?:into|ahead of|heading into|going into|before|awaiting|await)\s+(?:this\s+)?$", re.I)


def _ahead_of(ctx: _Context, sent: Span, dates: list[DateMention], tense: str) -> list[DateMention]:
    text = ctx.text
    out = []
    for d in dates:
        line_start = text.rfind("\n", 0, d.start) + 1
        line_end = text.find("\n", d.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        day = re.fullmatch(r"(Mon|Tues|Wednes|Thurs|Fri)day['\u2019]s", d.text, re.I)
        if (d.relative and day and ctx.ref is not None and d.date is not None and d.date < ctx.ref
                and _AHEAD_OF.search(text, max(line_start, d.start - 20), d.start)
                and not (_PAST.search(line) or _PAST_TENSE.search(line))):
            weekday = ["mon", "tues", "wednes", "thurs", "fri"].index(day.group(1).lower())
            date = ctx.ref + dt.timedelta(days=(weekday - ctx.ref.weekday()) % 7)
            d = DateMention(d.start, d.end, d.text, "day", date, relative=True)
        out.append(d)
    return out


# "raised the dividend to 82 cents, which is paid on May 21": the present-tense which-clause points ahead,
# whatever the past verb of the main clause
_WHICH_PAID_AHEAD = re.compile(r"\b(?:which|that)\s+(?:is|are|will be|gets|get)\s+(?:paid|payable|distributed)\s+(?:on\s+)?$", re.I)


# "raised the dividend 8% to 40 cents a share, payable Jan. 20": a payment day named as payable is still to come
_PAYABLE_AHEAD = re.compile(r"(?<!\bwas )(?<!\bwere )(?<!\bhad been )\bpayable\s+(?:on\s+)?$", re.I)


def _paid_ahead(text: str, sent: Span, d: DateMention) -> bool:
    before = (max(sent.start, d.start - 40), d.start)
    return bool(_WHICH_PAID_AHEAD.search(text, *before) or _PAYABLE_AHEAD.search(text, *before))


def _which_paid_ahead(ctx: _Context, sent: Span, dates: list[DateMention]) -> list[DateMention]:
    text = ctx.text
    if not any(d.relative and _paid_ahead(text, sent, d) for d in dates):
        return dates
    ahead = {(d.start, d.end): d for d in _dates(text, ctx.ref, sent.start, sent.end, tense="future")}
    return [ahead.get((d.start, d.end), d) if d.relative and _paid_ahead(text, sent, d) else d for d in dates]


def _title_end(text: str) -> int:
    """Where the lines above the body end: the first lines (a masthead, the title, the dateline) that each run
    without ending on a full stop; -1 when the text opens with prose."""
    pos, out = 0, -1
    for _ in range(3):
        end = text.find("\n", pos)
        if end < 0:
            break
        line = text[pos:end].strip()
        if line and (len(line) > 200 or line.endswith(".")):
            break
        if line:
            out = end
        pos = end + 1
    return out


def _same_claim(a: _Candidate, b: _Candidate) -> bool:
    if a.kind == "scheduled_event":
        return a.fields.get("date") == b.fields.get("date") and a.fields.get("event") == b.fields.get("event")
    x, y = a.fields.get("amount"), b.fields.get("amount")
    return x is not None and y is not None and abs(x - y) <= 0.001 * max(abs(x), abs(y)) and (
        a.fields.get("counterparty") is None or b.fields.get("counterparty") is None
        or a.fields["counterparty"].lower() == b.fields["counterparty"].lower())


def drop_title_repeats(text: str, candidates: list[_Candidate]) -> list[_Candidate]:
    """A title that repeats the body's event or deal ("XYZ: puts pile up into Thursday's print" over "the report, due
    after the close on Thursday"; "XYZ: $5 billion deal with Acme" over "signed a $5 billion contract with Acme") is
    one claim told twice: the body's telling is kept, the title's dropped."""
    end = _title_end(text)
    if end < 0:
        return candidates
    out = []
    for c in candidates:
        if c.kind in ("scheduled_event", "deal") and c.anchor.end <= end and any(
                o.kind == c.kind and o.anchor.start > end and _same_claim(c, o) for o in candidates):
            continue
        out.append(c)
    return out
