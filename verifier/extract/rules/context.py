"""What the engine knows while it reads: the candidates it builds and the discourse state carried
from sentence to sentence (the company, firm, topic and pending event in focus).

A claim's company is often not in its sentence ("The stock closed at ..."); who it is comes from
this state, so every kind resolves it the same way.
"""

from __future__ import annotations

import bisect
import datetime as dt
from verifier import recache as re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from ...dates import DateMention
from ...firms import canonical_firm, firm_aliases
from ...text import Span
from ...tickers import CompanyMention, company_table
from ..numbers import Money, Percent
from .cues import _ANALYST_CUE, _CUT, FirmPatterns, _dates

@dataclass
class _Candidate:
    kind: str
    fields: dict[str, Any]
    anchor: Span  # the words and numbers that make the claim: the quote must contain them
    quote: Span
    company: Optional[CompanyMention] = None
    exclude_company: list[Span] = field(default_factory=list)  # e.g. the analyst firm's own name
    attribution: Optional[str] = None  # set when the words settle it: a consensus figure is a forecast
    comparison: bool = False  # a prior-year or consensus figure read beside a current one


@dataclass
class _Context:
    text: str
    ref: Optional[dt.date]
    mentions: list[CompanyMention]
    main: Optional[CompanyMention]
    published: Optional[dt.datetime] = None  # on the exchange clock (America/New_York)
    used: list[Span] = field(default_factory=list)  # numbers taken by a claim, in the current sentence
    local: list[CompanyMention] = field(default_factory=list)  # companies named in the current sentence
    lead: Optional[DateMention] = None  # the sentence's leading temporal phrase ("On January 13, ...")
    # discourse state carried across sentences, bullets and table rows
    section: Optional[CompanyMention] = None  # the company a heading / ticker header put in focus
    previous_subject: Optional[CompanyMention] = None  # the company the last sentence was about
    topic: Optional[str] = None  # "workforce", "results", "stock": what the last claims were about
    dropped: list[str] = field(default_factory=list)  # why structured figures were not claims (run notes)
    pending_event: Optional[tuple[str, Span, Span]] = None  # an event named without a day, in the last sentence
    doc_periods: Optional[list[tuple[str, bool]]] = None  # quarters named with their year: (key, fiscal)
    named_periods: Optional[frozenset[str]] = None  # every period the article names, as period keys
    analysts: Optional[dict[str, str]] = None  # analysts the article ties to a firm ("Wedbush's Dan Ives"): name -> firm
    firm_in_focus: Optional[str] = None  # a firm the last sentence named without an action ("Wedbush?")
    author_firm: Optional[str] = None  # the research house whose note this is (its masthead), read once; "" for none
    firms: Optional[FirmPatterns] = None  # the firm names the engine was given
    last_day: Optional[DateMention] = None  # the last day the previous sentence named ("that day" in the next one is it)
    section_day: Optional[DateMention] = None  # the session a section heading names ("LAST SESSION (Mon 29 Jan)")
    table_subjects: dict[int, frozenset[str]] = field(default_factory=dict)  # the companies each table's rows name
    _starts: list[int] = field(default_factory=list)
    _stamps: Optional[tuple[list[int], list[tuple[dt.time, Optional[dt.date]]]]] = None  # live-blog entry times ("10:42 ET - ..."), built on first use

    def enter(self, sent: "Span") -> None:
        """Scope the per-sentence state to ``sent`` (keeps long articles linear)."""
        if not self._starts and self.mentions:
            self._starts = [m.start for m in self.mentions]
        self.used = []
        lo = bisect.bisect_left(self._starts, sent.start)
        hi = bisect.bisect_left(self._starts, sent.end)
        self.local = [m for m in self.mentions[lo:hi] if m.end <= sent.end]

    def is_used(self, start: int, end: int) -> bool:
        return any(start < u.end and u.start < end for u in self.used)

    def use(self, start: int, end: int) -> None:
        self.used.append(Span(start, end))


_ANAPHOR = re.compile(
    r"(?:[-*\u2022]\s+)?(?:(?:the|its|their)\s+(?:stock|shares?|paper|group|company|firm|title|share price|stock price|"
    # a company named by its trade ("The distributor closed down 2%"): the last company named
    r"distributor|retailer|\w*maker|giant|conglomerate|manufacturer|supplier|producer|miner|insurer|airline|carrier|chain|"
    r"operator|developer|automaker|brand)|"
    r"shares|it|its|they)\b",
    re.I,
)


def _in_focus(ctx: _Context, sent: Span) -> Optional[CompanyMention]:
    """Who 'the stock', 'the shares', 'it', 'the group' is: the last sentence's subject when this one opens
    with an anaphor, else the section's company, else the article's main company."""
    if ctx.previous_subject is not None and _ANAPHOR.match(ctx.text, sent.start):
        # "Amazon shares fell 2.6%. They had opened at $3,705": the sentence just before, over an earlier heading's
        # company (a heading sets the previous subject to its own company, so right under it the two agree)
        return ctx.previous_subject
    if ctx.section is not None:
        return ctx.section
    return ctx.main


_CLAUSE_SUBJECT = re.compile(r"\b(?:it|they|(?:the|its)\s+(?:stock|shares?|share price|stock price))\b", re.I)
_COMPARED_WITH = re.compile(r"\b(?:after|than|like|unlike|behind|ahead of|alongside|such as|besides|versus|vs\.?)\s+$", re.I)


def _company_for(ctx: _Context, cand: _Candidate, sent: Span) -> Optional[CompanyMention]:
    if cand.company is not None:
        return cand.company

    def allowed(m: CompanyMention) -> bool:
        return not any(m.start < x.end and x.start < m.end for x in cand.exclude_company)

    inside = [m for m in ctx.local if allowed(m)]
    before = [m for m in inside if m.end <= cand.anchor.end]
    if before:
        in_quote = [m for m in before if m.start >= cand.quote.start]
        if not in_quote and cand.kind in ("stock_price", "price_change"):
            # "the second company after Apple to cross $1 trillion: the stock touched $2,050" - a company named as
            # the term of a comparison, outside the figure's clause, is not whose stock it is
            before = [m for m in before if not _COMPARED_WITH.search(ctx.text, max(0, m.start - 14), m.start)]
            # "Thursday it dropped 7.8% in the Meta meltdown, then Friday it closed at $X": a company named in a phrase
            # of circumstance of an earlier clause is not the subject of the figure's clause, which has its own ("it")
            own_subject = _CLAUSE_SUBJECT.search(ctx.text, cand.quote.start, cand.anchor.start)
            before = [m for m in before if not (own_subject and _ASIDE_LEAD.search(ctx.text, max(0, m.start - 30), m.start))]
            if not before:
                return _in_focus(ctx, sent)
        return (in_quote or before)[-1]
    if inside and not (cand.kind in _ASIDE_KINDS and (
        _named_aside(ctx, cand, inside[0])
        # "It gained 2.8% on Nov 15, as investors decided the Amazon threat was overdone": a pronoun points back, so a
        # company named only after the figure is not what "it" or "the stock" stands for
        or _CLAUSE_SUBJECT.search(ctx.text, sent.start, cand.anchor.start) is not None
    )):
        return inside[0]
    focus = _in_focus(ctx, sent)
    if focus is None and inside:
        return inside[0]
    if focus is not None and focus is ctx.main and _other_subject_in_paragraph(ctx, sent):
        # "AAPL: no guidance was given ... . Thursday's 4.6% drop came with the sell-off", in an article mostly about
        # AMZN: the sentence names no company and the one its paragraph was about is not the article's main one, so
        # whose figure it is, is a guess either way: no company (the check says so) rather than a wrong one
        return None
    return focus


# a company named after the figure in another clause ("EPS of $27.75 looks amazing until you read the footnote: most
# of it is the Rivian mark-up") or in a phrase of circumstance ("it dropped 7.8% in the Meta meltdown", "after peer
# McKesson cut its outlook") is not whose figure it is: the figure's subject is the company in focus
_ASIDE_KINDS = frozenset({"stock_price", "price_change", "financial_metric"})
_ASIDE_BREAK = re.compile(r"[:;]|\b(?:until|unless|but|while|although|whereas|though)\b|\band\s+(?:that|this|it|they)\b", re.I)
_ASIDE_LEAD = re.compile(r"\b(?:in|amid|after|following|during|behind|than|like|unlike)\s+(?:the\s+|a\s+|an\s+)?"
                         r"(?:(?:peer|rival|competitor|fellow)\s+)?$", re.I)


def _named_aside(ctx: _Context, cand: _Candidate, company: CompanyMention) -> bool:
    if company.start < cand.anchor.end:
        return False
    between = ctx.text[cand.anchor.end : company.start]
    return bool(_ASIDE_BREAK.search(between)) or bool(_ASIDE_LEAD.search(ctx.text, max(0, company.start - 30), company.start))


def _other_subject_in_paragraph(ctx: _Context, sent: Span) -> bool:
    """The sentence before ``sent``, in its paragraph (or list), had a company other than the article's main one as
    its subject."""
    prev, main = ctx.previous_subject, ctx.main
    if prev is None or main is None or (prev.ticker or prev.name) == (main.ticker or main.name):
        return False
    if prev.text in _firm_alias_set():
        return False  # "Street: JPM PT $305": a broker named as the one who set a target is not what the list is about
    if not prev.end <= sent.start or sent.start - prev.end > 400:
        return False
    return "\n\n" not in ctx.text[prev.end : sent.start]


def _enter_heading(ctx: _Context, sent: Span) -> None:
    """A heading that names one company ("## Microsoft (MSFT)") puts it in focus until the next heading."""
    ctx.enter(sent)
    named = {(m.ticker or m.name) for m in ctx.local}
    ctx.section = ctx.local[0] if len(named) == 1 else None
    ctx.previous_subject = ctx.section


def _after_sentence(ctx: _Context, sent: Span, found: list["_Candidate"]) -> None:
    """Carry the sentence's subject and topic to the next one."""
    text = ctx.text
    named = ctx.firms.firm_re.search(text, sent.start, sent.end) if not any(c.kind == "analyst_rating" for c in found) else None
    ctx.firm_in_focus = canonical_firm(named.group(0)) if named and sent.end - sent.start <= 80 else None
    if ctx.local:
        first = ctx.local[0]
        lead = text[sent.start : first.start]
        if ctx.lead is not None and sent.start <= ctx.lead.start and ctx.lead.end <= first.start:
            lead = text[ctx.lead.end : first.start]  # "On Friday, shares of Sysco rose": the date phrase is no subject
        if len(lead.split()) <= 3:  # the company is the sentence's subject
            ctx.previous_subject = first
    if _ANALYST_CUE.search(text, sent.start, sent.end) or any(c.kind == "analyst_rating" for c in found):
        ctx.topic = "analyst"
        return
    if found:
        kinds = {c.kind for c in found}
        ctx.topic = "workforce" if "workforce" in kinds else "results" if "financial_metric" in kinds else (
            "stock" if kinds & {"stock_price", "price_change"} else ctx.topic)
    elif _CUT.search(text, sent.start, sent.end) and re.search(r"\b(?:jobs?|roles?|positions?|employees|workers|staff|layoffs?|workforce)\b", text[sent.start : sent.end], re.I):
        ctx.topic = "workforce"


_BARE_TICKER_MID = re.compile(
    r"(?<![\w$.-])(?P<t>[A-Z]{3,5})(?=\s+(?:closed|closes|trades|traded|trading|rose|rises|fell|falls|gained|gains|dropped|"
    r"drops|ended|ends|finished|jumped|jumps|slipped|slips|opened|opens|is|was|has)\b|\s*[+\-\u2212]\d[\d.,]*\s?%)"
)
_BARE_TICKER = re.compile(
    r"(?:^|(?<=\n)|(?<=\|)|(?<=\u2022)|(?<=[-*]\s)|(?<=\*\*))\s*(?P<t>[A-Z]{2,5}|[A-Z](?=\s+US\s*\|))\b(?:\*\*|__)?(?=\s*(?:US|UW|UN|:US|\||[+\-\u2212]\d|\d|shares|stock|closed|rose|fell|gained|dropped|ended|was|is|traded|trades)\b|\s*[+\-\u2212]\d|\s*\|)"
)
# "- **A** Evercore ISI initiated ...": a symbol set in bold alone at the start of a line or bullet is a
# row's subject, even a one-letter one (never a word there)
# an alert feed names the symbol after the alert's type: "CLOSE AMZN $229.99", "ALERT AMZN back above $208.00"
_ALERT_TICKER = re.compile(r"\b(?:CLOSE|OPEN|ALERT|CLOSING|OPENING|PRICE ALERT|HIGH|LOW)\s+(?P<t>[A-Z]{1,5})\b(?=\s+(?:[$\d]|back|now|above|below|hit|crossed|up|down))")
_BOLD_TICKER_LEAD = re.compile(r"(?:^|(?<=\n))[ \t]*(?:[-*\u2022][ \t]+)?(?:\*\*|__)(?P<t>[A-Z]{1,5}(?:\.[A-Z])?)(?:\*\*|__)(?=[\s:|])")
# a cell of an aligned-text table row ("3   dana   ABC    $91.82   +14.9%"): a symbol set apart by two or more
# spaces, with a price or signed move in a later cell of the same line, is the row's subject, even one that is
# also an English word ("ABC", "LOW"), which in running text is not read as a ticker
_ALIGNED_CELL_TICKER = re.compile(
    r"(?m)(?:(?<= {2})|(?<=\t)|^)(?P<t>[A-Z]{2,5})(?=(?: {2,}|\t)[^\n]*?(?:\$\d|[+\-\u2212]\d[\d.,]*\s?%))(?= {2,}|\t)"
)


# a line headed by a company's name in capitals and a colon ("AGILENT: FQ4 rpt 20-Nov after close"): the line's subject
_CAPS_NAME_HEAD = re.compile(
    r"(?m)^[ \t]*(?:[-*\u2022][ \t]+)?(?:\*\*|__)?(?P<t>[A-Z][A-Z&.'-]{2,}(?: [A-Z][A-Z&.'-]+){0,3})(?:\*\*|__)?[ \t]*:"
)
# capitalised labels that happen to be company names ("TARGET: $300" is a price target, not Target Corp)
_CELL_NOT_TICKERS = frozenset({"ET", "EST", "EDT", "GMT", "UTC", "USD", "EUR", "GBP", "EPS", "YTD", "YOY", "QOQ", "PT", "PE",
                               "ADR", "ETF", "CEO", "CFO", "AM", "PM", "FY", "US", "UK", "EU", "TTM", "NAV", "DAY", "WEEK"})
_LABEL_WORDS = frozenset({"TARGET", "PRICE", "CLOSE", "OPEN", "HIGH", "LOW", "VOLUME", "RATING", "NOTE", "SUMMARY",
                          "OUTLOOK", "GUIDANCE", "UPDATE", "DEAL", "NEWS", "RESULTS", "EARNINGS", "SALES", "REVENUE"})


def _caps_name_heads(text: str, mentions: list[CompanyMention]) -> list[CompanyMention]:
    from ...tickers import resolve_company

    out: list[CompanyMention] = []
    for m in _CAPS_NAME_HEAD.finditer(text):
        name = m["t"]
        if name in _LABEL_WORDS or any(x.start < m.end("t") and m.start("t") < x.end for x in mentions):
            continue
        resolution = resolve_company(name)
        if resolution.ticker and not resolution.candidates:
            out.append(CompanyMention(m.start("t"), m.end("t"), name, resolution.ticker, name))
    return out


# a line set wholly in capitals (a wire flash, a terminal header): "10:12 *APPLE EXTENDS DROP, DOWN 2.4%"
_SHOUTED_LINE = re.compile(r"(?m)^[^a-z\n]*[A-Z]{2,}[^a-z\n]*[A-Z]{2,}[^a-z\n]*$")
_SHOUTED_WORD = re.compile(r"(?<![\w$&.'-])[A-Z][A-Z&'-]{2,}(?: [A-Z][A-Z&'-]{2,})?(?![\w&-])")


def _shouted_names(text: str, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """Company names written in capitals in a line of capitals ("*APPLE OPENS AT $284.69", "(APPLE INC)"):
    case-sensitive matching misses them, and a shouted feed names its subject no other way. A broker's name
    ("GOLDMAN SACHS CUTS ...") and a cell label ("TARGET", "CLOSE") are no subject."""
    from ...tickers import resolve_company

    upper_firms = {f.upper() for f in _firm_alias_set()}
    out: list[CompanyMention] = []
    for line in _SHOUTED_LINE.finditer(text):
        if len(line.group(0).split()) < 3:
            continue
        for m in _SHOUTED_WORD.finditer(text, line.start(), line.end()):
            words = m.group(0).split()
            for n in (len(words), 1) if len(words) > 1 else (1,):
                name = " ".join(words[:n])
                end = m.start() + len(name)
                if name in _LABEL_WORDS or name in upper_firms or words[0] in upper_firms:
                    break
                if any(x.start < end and m.start() < x.end for x in mentions):
                    break
                resolution = resolve_company(name)
                if resolution.ticker and not resolution.candidates:
                    out.append(CompanyMention(m.start(), end, name, resolution.ticker, name))
                    break
    return out


@lru_cache(maxsize=1)
def _firm_alias_set() -> frozenset[str]:
    return frozenset(firm_aliases())


def _with_bare_tickers(text: str, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """Add tickers written bare at the start of a line, cell or bullet ("NVDA US | last 182.40",
    "AAPL +1.8% at $255.10"): a ticker line's subject. Elsewhere a bare "GE" or "MA" is too often a word."""
    table = company_table()
    firms = _firm_alias_set()
    extra: list[CompanyMention] = []
    for m in (list(_BARE_TICKER.finditer(text)) + list(_BARE_TICKER_MID.finditer(text)) + list(_BOLD_TICKER_LEAD.finditer(text))
              + list(_ALERT_TICKER.finditer(text)) + list(_ALIGNED_CELL_TICKER.finditer(text))):
        ticker = m["t"]
        if m.re is _ALIGNED_CELL_TICKER and (ticker in _LABEL_WORDS or ticker in _CELL_NOT_TICKERS):
            continue  # "HIGH   $240", "EPS    $2.10": a label cell, not a symbol
        if ticker in firms:
            continue  # "JPM | 350 from 335 | OW", "MS PT 88": a broker's short name in a list of targets
        if ticker not in table or any(x.start < m.end("t") and m.start("t") < x.end for x in mentions):
            continue
        if any(x.start == m.start("t") for x in extra):
            continue
        extra.append(CompanyMention(m.start("t"), m.end("t"), ticker, ticker, table[ticker]["name"]))
    extra.extend(x for x in _caps_name_heads(text, mentions) if not any(e.start < x.end and x.start < e.end for e in extra))
    extra.extend(x for x in _shouted_names(text, mentions) if not any(e.start < x.end and x.start < e.end for e in extra))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda x: x.start)


@dataclass(frozen=True)
class Sentence:
    """One sentence as every kind reader gets it: its span, clauses and the numbers found in it."""

    span: Span
    clauses: list[Span]
    money: list[Money]
    percents: list[Percent]


_CLOCK = r"(?P<h>[01]?\d|2[0-3])[:.](?P<m>[0-5]\d)\s*(?P<ap>[aApP]\.?\s?[mM]\.?)?\s*(?:(?:ET|EST|EDT|New York time)\b)"
# a line that opens with a clock time on New York's clock: a live blog's or a ticker feed's entry ("10:42 ET - ...")
_ENTRY_STAMP = re.compile(rf"(?m)^[ \t]*(?:[-*\u2022][ \t]*)?(?:\*\*|__|\[)?{_CLOCK}(?:\*\*|__|\])?[ \t]*(?:[-\u2013\u2014:|]|$)")
# an alert feed's bracketed stamp carries its day: "[Wed 04 Feb 2026 · 16:00 ET] CLOSE AMZN $229.99"
_DATED_STAMP = re.compile(
    r"(?m)^[ \t]*\[(?P<day>(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?\s+\d{4}|"
    rf"[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}},?\s+\d{{4}}))\s*[\u00b7,|\u2013\u2014-]?\s*{_CLOCK}\]"
)
_TIME_IN_SENTENCE = re.compile(rf"\b(?:as of|at|by|around|shortly after|shortly before|just after|just before)\s+{_CLOCK}")


def _clock(m: re.Match[str]) -> Optional[dt.time]:
    hour, minute = int(m["h"]), int(m["m"])
    half = (m["ap"] or "").lower()[:1]
    if half and not 1 <= hour <= 12:
        return None
    if half == "p" and hour != 12:
        hour += 12
    elif half == "a" and hour == 12:
        hour = 0
    return dt.time(hour, minute)


def entry_time(ctx: _Context, sent: Span, pos: int, day: Optional[dt.date]) -> Optional[dt.time]:
    """The New York clock time a figure at ``pos`` is stated for: a time in its own sentence ("as of
    11:30 a.m. ET"), else the stamp of the live-blog entry it sits in ("10:42 ET - shares at $X").

    ``day`` is the figure's own date: a time is the figure's only on the day it was written (the
    stamp's own day, else the publication day), so "closed Monday at $X" in a Tuesday entry keeps none.
    """
    own = _TIME_IN_SENTENCE.search(ctx.text, sent.start, sent.end)
    if own is not None:
        return _clock(own) if day in (None, ctx.ref) else None
    if ctx._stamps is None:
        from ...dates import find_dates

        found = [(m.start(), t, None) for m in _ENTRY_STAMP.finditer(ctx.text) if (t := _clock(m)) is not None]
        for m in _DATED_STAMP.finditer(ctx.text):
            named = [d.date for d in find_dates(ctx.text, ctx.ref, m.start("day"), m.end("day")) if d.kind == "day" and d.date]
            if (t := _clock(m)) is not None and named:
                found.append((m.start(), t, named[0]))
        found.sort(key=lambda x: x[0])
        ctx._stamps = ([start for start, _, _ in found], [(t, d) for _, t, d in found])
    starts, times = ctx._stamps
    i = bisect.bisect_right(starts, pos) - 1
    if i < 0:
        return None
    stamp, stamp_day = times[i]
    return stamp if day in (None, stamp_day or ctx.ref) else None


# "that day", "the same day", "that session", "on that same trading day", "during the same session": the day
# named before. Not "the day after" nor "on the day" (the day of an event); "the next day" is NEXT_DAY.
THAT_DAY = re.compile(r"\b(?:(?:during|in|on|for)\s+)?(?:that|the same|that same)\s+(?:trading\s+)?(?:day|session)\b", re.I)
# "the next day", "the following session", "on the next trading day": the session after the day named before
NEXT_DAY = re.compile(r"\b(?:(?:during|in|on|for)\s+)?the\s+(?:next|following)\s+(?P<unit>(?:trading\s+)?(?:day|session))\b"
                      r"(?!['\u2019]s|\s+or\b)", re.I)  # not "the next day's open", "over the next day or two"


@dataclass(frozen=True)
class ThatDay:
    """A "that day" or "the next day" phrase (``phrase``) and the day it means (``day``: for "that day" the mention
    that named it; for "the next day" a mention of the session after it, at the phrase)."""

    phrase: Span
    day: DateMention
    inside: bool  # named earlier in the same sentence (else in the sentence before)

    def mention(self, text: str) -> DateMention:
        """The phrase itself as a mention of that day."""
        return DateMention(self.phrase.start, self.phrase.end, text[self.phrase.start : self.phrase.end], "day",
                           date=self.day.date, relative=self.day.relative)


def session_after(day: dt.date, unit: str) -> Optional[dt.date]:
    """The session "the next <unit>" / "the following <unit>" after ``day`` means (``unit``: "day", "session",
    "trading day"), wherever the phrase stands. "The next day" after a Friday is a Saturday in words and the Monday
    in trading: a day whose calendar successor is no session is not resolved (which one the writer meant is not
    told); "the next session / trading day" always is."""
    from ...market.calendar import next_session

    after = next_session(day)
    if after is None:
        return None
    if not re.search(r"session|trading", unit, re.I) and after != day + dt.timedelta(days=1):
        return None
    return after


def _session_after(named: DateMention, unit: str, phrase: Span, text: str) -> Optional[DateMention]:
    """``session_after`` the day ``named``, as a mention at the phrase."""
    assert named.date is not None
    after = session_after(named.date, unit)
    if after is None:
        return None
    return DateMention(phrase.start, phrase.end, text[phrase.start : phrase.end], "day", date=after, relative=named.relative)


def that_day(ctx: _Context, sent: Span, start: Optional[int] = None, end: Optional[int] = None, *,
             before: Optional[int] = None, reach: int = 300) -> Optional[ThatDay]:
    """The day a "that day" / "the same day" / "that session" phrase in ``[start, end)`` of ``sent`` means: the last
    day named in the sentence before ``before`` (default: the phrase), else the last day the sentence before named
    (the discourse state ``ctx.last_day``, else the days in the ``reach`` characters before the sentence), inside
    the paragraph. A day farther back, or behind a paragraph break, is not resolved.

    "The next day" / "the following session" is resolved by the same search, to the trading session after the day
    found (see ``_session_after``); with no day named before, it is not resolved either."""
    text = ctx.text
    lo, hi = sent.start if start is None else start, sent.end if end is None else end
    same, nxt = THAT_DAY.search(text, lo, hi), NEXT_DAY.search(text, lo, hi)
    m = same if nxt is None or (same is not None and same.start() <= nxt.start()) else nxt
    if m is None:
        return None
    phrase = Span(m.start(), m.end())
    upto = m.start() if before is None else before
    inside = [d for d in _dates(text, ctx.ref, sent.start, upto, tense="past") if d.kind == "day" and d.date]
    named, within = (inside[-1], True) if inside else (previous_day(ctx, sent, reach=reach), False)
    if named is None:
        return None
    if m is nxt:
        named = _session_after(named, m["unit"], phrase, text)
        if named is None:
            return None
    return ThatDay(phrase, named, within)


def previous_day(ctx: _Context, sent: Span, *, reach: int = 300) -> Optional[DateMention]:
    """The last day the sentence before ``sent`` named (the discourse state ``ctx.last_day``, else the days in the
    ``reach`` characters before it), inside the paragraph: the session "that day" or "The low was $X" speaks of."""
    text = ctx.text
    lo = max(text.rfind("\n\n", 0, sent.start) + 1, sent.start - reach, 0)
    last = ctx.last_day
    if last is not None and last.date and lo <= last.start and last.end <= sent.start:
        return last
    days = [d for d in _dates(text, ctx.ref, lo, sent.start, tense="past") if d.kind == "day" and d.date]
    return days[-1] if days else None
