"""Cues more than one claim kind reads: movement words, the stock as subject, target and rating
words, dates near a claim, tense, and the firm names the engine was given.

A pattern lives here when several kinds (or the engine and a kind) read it; one kind's own
patterns live in its module under ``kinds/``, so a change here is a change for all of them.
"""

from __future__ import annotations

import datetime as dt
from verifier import recache as re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Optional

from ...attribution import SUBORDINATE
from ...dates import MONTHS, DateMention, find_dates, find_entry_stamp, resolve_month_day
from ...firms import firm_alternation
from ...text import Span, enclosing, pieces, trim
from ...gates import gated
from ..numbers import Count

if TYPE_CHECKING:
    from .context import _Context

_trim = trim
_pieces = pieces
_enclosing = enclosing
_UP = (
    r"rose|rises|rise|rising|gained|gains|gain|gaining|jumped|jumps|jump|jumping|climbed|climbs|climb|climbing|"
    r"surged|surges|surge|surging|soared|soars|soar|soaring|rallied|rallies|rally|rallying|advanced|advances|"
    r"added|adds|spiked|spikes|spike|spiking|higher|increased|increases|popped|pops|leapt|leaped|leaps|"
    r"rebounded|rebounds|firmed|edged up|edged higher|ticked up|moved higher|moves higher|up|rocketed|"
    r"skyrocketed|shot up|is up|are up|were up|was up|risen|grown|recovered|has run|have run|ran up|run up|"
    # trading-desk and social copy: "$AMZN ripped 9%", "inched up 0.4%", "tacked on 2%", "bounced 3%"
    r"ran|ripped|rips|ripping|mooned|moons|mooning|pumped|pumps|squeezed|bounced|bounces|bouncing|inched up|inched higher|"
    r"crept up|crept higher|ticked higher|tacked on|pushed higher|powered higher|zoomed|vaulted|catapulted|went up|"
    r"gapped up|gaps up|shot higher|traded higher|trading higher|trades higher|finished higher|closed higher|ended higher|adding|"
    # "took off" of a stock is a take-off, a rise (spun copy writes "has taken off 9%"); "off" alone is a fall
    r"took off|taken off|takes off|taking off"
)
_DOWN = (
    r"fell|falls|fall|falling|dropped|drops|drop|dropping|slipped|slips|slip|slipping|declined|declines|decline|"
    r"declining|decreased|lost|loses|lose|losing|sank|sinks|sink|sinking|tumbled|tumbles|tumble|tumbling|"
    r"plunged|plunges|plunge|plunging|plummeted|plummets|slid|slides|slide|sliding|retreated|retreats|lower|"
    r"shed|sheds|dipped|dips|dip|eased|eases|edged down|edged lower|ticked down|sold off|sells off|sell off|"
    r"selling off|slumped|slumps|slump|tanked|tanks|crashed|crashes|cratered|weakened|fallen|sunk|shed|down|(?<!\btook )(?<!\btaken )(?<!\btakes )(?<!\btaking )off|"
    r"dumped|dumps|dumping|nuked|puked|bled|bleeding|pulled back|pulls back|pulling back|gave back|gives back|giving back|"
    r"lost ground|retraced|sagged|sags|skidded|skids|inched down|inched lower|crept lower|drifted lower|ticked lower|"
    r"went down|gapped down|gaps down|collapsed|collapses|traded lower|trading lower|trades lower|finished lower|"
    r"closed lower|ended lower|fell back|dropped back|slid back|eased back|shedding|ceded|cedes|gave up|gives up|giving up"
)
_UP_RE = re.compile(rf"\b(?:{_UP})\b", re.I)
_DOWN_RE = re.compile(rf"\b(?:{_DOWN})\b", re.I)
_STOCK_SUBJECT = re.compile(
    r"\b(?:shares?|stocks?|stock price|share price|equity|the stock|its stock|ADRs?|the paper|the title|Aktie)\b", re.I
)
_METRIC_WORDS = re.compile(
    r"\b(?:revenues?|sales|earnings|EPS|profits?|income|margins?|volumes?|production|output|shipments|deliveries|"
    r"guidance|dividends?|stake|workforce|headcount|jobs|crude|oil|gold|index|indices|Dow|S&P|Nasdaq|Composite|"
    r"yields?|inflation|GDP|rates?|bookings|subscribers|users|traffic|comps?|comparable|orders|backlog|targets?|"
    r"PT|cash flow|costs?|spending|capex|demand|market share|unemployment|prices|sector|market|futures|bitcoin|"
    r"estimates?|forecasts?|outlook|valuation|exposure|cloud|segment|units|volume)\b",
    re.I,
)
# reworded ("spun") copy swaps words for near-synonyms: "value focus" for price target, "score" for rating,
# "minimized" for downgraded, "incomes" for revenues; each family is read like its plain word
_TARGET_WORD = (r"(?:price targets?|price objective|target price|price tgt|course target|price goal|Kursziel|"
                r"(?:value|cost|price) (?:focus|objective|goal)|PT|Tgt|target|objective)")
_TARGET_WORD_LITERALS = ("target", "objective", "tgt", "goal", "focus", "kursziel", "pt")  # one of them in every match
_TARGET_WORD_RE = gated(_TARGET_WORD_LITERALS, re.compile(rf"\b{_TARGET_WORD}\b", re.I))
_RATING = (
    r"(?:Strong Buy|Conviction Buy|Speculative Buy|Long-Term Buy|Moderate Buy|Buy|Strong Sell|Sell|Hold|Neutral|"
    r"Market Outperform|Sector Outperform|Outperformer|Outperform|Market Underperform|Sector Underperform|Underperformer|Underperform|"
    r"Overweight|Underweight|Equal[- ]?[Ww]eight|Market Perform|Sector Perform|Peer Perform|Perform|"
    r"Market Weight|Sector Weight|In[- ]Line|Accumulate|Reduce|Top Pick|Positive|Negative)"
)
_ANALYST_CUE = gated((
    "cut", "raise", "lowered", "move", "lifted", "minimi", "diminish", "demot", "downrat", "advis", "recommend", *_TARGET_WORD_LITERALS,
    "upgrad", "downgrad", "initiat", "reinstat", "coverage", "maintain", "reiterat", "analyst", "rating", "rated", "overweight",
    "underweight", "outperform", "underperform", "equal", "market perform", "sector perform", "assum",
), re.compile(
    rf"\b(?:(?:cut|cuts|raised|raises|lowered|moved|moves|lifted)\s+(?:the\s+)?(?:stock|shares|it)\s+to\s+{_RATING}|"
    rf"(?:minimi[sz]\w*|diminish\w*|demot\w*|downrat\w*)\s+(?:[\w.'\u2019-]+\s+){{0,3}}?to\s+{_RATING}|(?:advis\w*|recommend\w*)\s+(?:now\s+|investors\s+|clients\s+)?to\s+(?:buy|sell|hold)|{_TARGET_WORD}|upgrad\w*|downgrad\w*|initiat\w*|reinstat\w*|coverage|maintain\w*|reiterat\w*|"
    r"analysts?|rating|rated|overweight|underweight|outperform|underperform|equal[- ]?weight|market perform|"
    r"sector perform|assum\w*)\b",
    re.I,
))
_PERSON = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+(?:(?:Mc|Mac|O')?[A-Z][a-z'-]+)"  # "Dan Ives", "Katy L. Huberty"
_GUIDANCE = re.compile(r"\b(?:guidance|guides?|guided|outlook|forecasts?|sees|projects?|expects?|targets? for)\b", re.I)
_PERIOD = re.compile(
    r"\b(?:(?:Q[1-4]|[1-4]Q|F[1-4]Q|FQ[1-4])(?:\s?(?:FY)?'?\d{2,4}\b)?|"
    r"(?:first|second|third|fourth)[- ]quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:19|20)\d{2}\b)?|"
    r"fiscal(?: year)? (?:19|20)\d{2}|FY\s?'?\d{2,4}\b|full[- ]year(?: (?:19|20)\d{2}\b)?|"
    r"(?:first|second)[- ]half(?: (?:of )?(?:19|20)\d{2}\b)?|[12]H\s?\d{2,4}\b)",
    re.I,
)
_CUT = re.compile(
    r"\b(?:cut\w*|eliminat\w*|lay(?:s|ing)? off|laid off|layoffs?|lay-offs?|slash\w*|reduc\w*|shed\w*|ax(?:e[sd]?|ing)|"
    r"redundan\w*|job losses|downsiz\w*|trim\w*|let go|letting go|lets go|terminat\w*|scrap\w*|remov\w*|(?:would|will|to|could) go|gone|"
    r"wip\w* out|abolish\w*|streichen|streicht|gestrichen|abbau\w*)\b",
    re.I,
)
_CUMULATIVE = re.compile(r"\b(?:in total|in all|a total of|total of|combined|altogether|cumulative\w*|so far)\b", re.I)
_FUTURE = re.compile(
    r"\b(?:will|would|plans? to|planning to|is set to|are set to|set to|expects? to|intends? to|aims? to|"
    r"scheduled|is due|are due|due to|upcoming|next|going to|is to|are to|is expected|are expected)\b",
    re.I,
)
# a past-tense verb of a move or of a reaction: a weekday in its clause lies behind ("fell on Thursday after
# the results", "a surge on Friday that followed the report"), even when the sentence's other verb is present
_PAST_TENSE = re.compile(
    r"\b(?:rose|fell|sank|slid|slipped|dropped|jumped|surged|soared|gained|lost|climbed|tumbled|plunged|rallied|declined|"
    r"slumped|dipped|closed|ended|finished|traded|opened|followed|disappointed|surprised|beat|missed|topped|came|sent|"
    r"drove|lifted|weighed|sparked|triggered|hit|reacted|cheered|spooked|impressed|knocked|pushed|pulled|shed|added)\b",
    re.I,
)
_CHAT_SENDER = re.compile(r"[ \t]*[\w\u00c0-\u024f][\w\u00c0-\u024f.'\u2019-]{0,24}(?:[ \t][\w\u00c0-\u024f.'\u2019-]{1,24}){0,2}:[ \t]+")  # "Jay: ", "Mia K.: "
_SUBJECTLESS = re.compile(
    r"^(?:closed|ended|finished|settled|opened|rose|fell|gained|lost|added|traded|jumped|dropped|slipped|climbed|"
    r"slid|sank|surged|advanced|declined|was|were|is|are|last|indicated|rallied|up|down)\b[^;]*$",
    re.I,
)
_ANAPHOR_SUBJECT = re.compile(  # a subject that stands for the stock in focus: "It finished at", "The distributor closed"
    # "The Humira maker", "The drug distributor": one word naming the trade before the noun (never "the rival maker")
    r"\b(?:[Tt]he (?!(?:rival|peer|other|smaller|larger|bigger|competing)\b)[\w-]+ (?:maker|giant|retailer|distributor)\b)|"
    r"\b(?:[Ii]t|[Tt]hey|[Tt]he (?:share|paper|title|company|group|firm|distributor|retailer|maker|giant|action|security|value|"
    r"stock|session|ADRs?|(?:first |regular |last )?(?:split-adjusted |trading )?session))\b"
    r"|\b\w+(?:'s|\u2019s)? (?:first |regular |last )?(?:split-adjusted )?session\b"
)


def _circa_counts(text: str, sent: Span) -> list[Count]:
    """'c.30,000' and '~16,000': counts glued to a hedge mark, which the number finder leaves out."""
    out = []
    for m in re.finditer(r"(?:(?<=\bc\.)|(?<=~))(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<k>[kK])?(?![\d%.,])", text[sent.start : sent.end]):
        value = float(m["num"].replace(",", "")) * (1000 if m["k"] else 1)
        out.append(Count(value, sent.start + m.start(), sent.start + m.end()))
    return out


_MONTH_AHEAD = re.compile(r"\b(?:next|coming|upcoming|by|until|before|from)\s+$", re.I)


def _dates(text: str, ref: Optional[dt.date], start: int = 0, end: Optional[int] = None, tense: str = "past") -> list[DateMention]:
    """``find_dates``, with a bare month ("in October") always the latest one on or before publication
    unless the words point ahead ("next October", "by October"): a January article's "cut 14,000 jobs
    in October" is the October before, even in a sentence with "will" elsewhere."""
    found = find_dates(text, ref, start, end, tense=tense)
    if tense == "past" or ref is None:
        return found
    past = {(d.start, d.end): d for d in find_dates(text, ref, start, end, tense="past") if d.kind == "month"}
    out = []
    for d in found:
        if d.kind == "month" and (d.start, d.end) in past and not _MONTH_AHEAD.search(text[max(0, d.start - 12) : d.start]) and re.match(
            r"(?:in|during|earlier in|in early|in late|in mid-?)\s", d.text, re.I
        ):
            out.append(past[(d.start, d.end)])
        else:
            out.append(d)
    return out


_DASH_DATE = re.compile(r"(?<![\w-])(?P<d>\d{1,2})-(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![a-z])", re.I)
_DOTTED_DATE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?!\d|\.\d)")  # "14.11.2017"


def _dash_dates(text: str, ref: Optional[dt.date], sent: Span, tense: str) -> list[DateMention]:
    """Shorthand the date finder does not read: "rpt 14-Nov", "next rpt 02-Feb", "on 14.11.2017"."""
    out: list[DateMention] = []
    for m in _DOTTED_DATE.finditer(text, sent.start, sent.end):
        try:
            out.append(DateMention(m.start(), m.end(), m.group(0), "day", date=dt.date(int(m["y"]), int(m["m"]), int(m["d"]))))
        except ValueError:
            continue
    if ref is None:
        return out
    for m in _DASH_DATE.finditer(text, sent.start, sent.end):
        month = MONTHS[m["mon"].lower()]
        day = resolve_month_day(month, int(m["d"]), ref, "future" if tense == "future" else "future")
        if day is not None:
            out.append(DateMention(m.start(), m.end(), m.group(0), "day", date=day, relative=True))
    return out


_LEAD_PREP = re.compile(
    r"(?:(?:on|as of|by|back on|earlier on|early on|late on|later on|at the close on|in trading on|"
    r"(?:and\s+)?(?:then|later|afterwards|next),?\s+on)\s+|"  # "Then, on Dec. 15, ..."
    r"(?:(?:on|early on|late on)\s+)?the\s+(?:morning|afternoon|evening)\s+of\s+|"  # "On the morning of July 7, 2017, ..."
    r"(?:the\s+)?(?:next|following|same)\s+(?:day|session|morning|afternoon|evening),\s+)?", re.I  # "The next day, Jan. 28, ..."
)


# a leading day behind an adverb or a market phrase: "Already on August 22", "Earlier, on November 4", "In Nasdaq trading on Tuesday", "At the New
# York Stock Exchange on 19th (Thursday)" (a day of the month with its weekday in brackets, as translated copy writes it)
_PLACED_LEAD = re.compile(
    r"(?i:(?:already|again|also|just|only|even|back|earlier|later|previously)\s*,?\s+)?"
    r"(?:(?i:at|in|on)\s+(?i:the\s+)?(?:[A-Z][\w.&'-]*\s+){1,5}(?i:(?:trading|trade|session|floor|market)\s+)?)?"
    r"(?i:on)\s+(?:the\s+)?(?:(?P<ord>\d{1,2})(?:st|nd|rd|th)\s*\(\s*)?"
)


def _leading_date(text: str, ref: Optional[dt.date], sent: "Span") -> Optional[DateMention]:
    """A date or period that opens the sentence ("On January 13, Apple closed at ...", "Last week,
    shares fell 3%"): it dates every claim of the sentence that names no date of its own."""
    head_end = min(sent.end, sent.start + 80)
    found = [d for d in find_dates(text, ref, sent.start, head_end, tense="past") if d.resolved]
    if not found:
        return _line_label_date(text, ref, sent)
    first = found[0]
    # a bullet mark or an emoji may open the line: "🔻 Mon: AbbVie slipped 1.7% ..."
    opening = sent.start + len(re.match(r"[^\w\n]*", text[sent.start : first.start]).group(0))
    prefix = _LEAD_PREP.fullmatch(text, opening, first.start)
    if prefix is None and (placed := _PLACED_LEAD.fullmatch(text, opening, first.start)) is not None and first.kind == "day" and (
        placed["ord"] is None or (first.date is not None and first.date.day == int(placed["ord"]) and text.startswith(")", first.end))
    ):
        return first  # "At the New York Stock Exchange on 19th (Thursday), ...", "Already on August 22 after the results, ..."
    if prefix is None:
        # "That extends a run that began last week: on Wednesday, July 1, the stock rose 6%": a colon opens
        # the statement, and the date that opens it (set off by a comma) dates it
        colon = re.search(r":\s+", text[sent.start : head_end])
        if colon is None:
            return None
        after = sent.start + colon.end()
        lead = next((d for d in found if d.start >= after), None)
        if lead is None or lead.kind != "day" or _LEAD_PREP.fullmatch(text, after, lead.start) is None \
                or not re.match(r",\s", text[lead.end : lead.end + 2]):
            return None
        return lead
    return first


def _line_label_date(text: str, ref: Optional[dt.date], sent: "Span") -> Optional[DateMention]:
    """A line labelled by its day ("Tue: Amazon, Berkshire ... said .... Distributors took it hard: X fell 3.5%")
    dates every sentence of the line, not only its first."""
    line_start = text.rfind("\n", 0, sent.start) + 1
    if line_start >= sent.start or sent.start - line_start > 400:
        return None
    opening = line_start + len(re.match(r"[^\w\n]*", text[line_start : sent.start]).group(0))
    found = [d for d in find_dates(text, ref, opening, min(sent.start, opening + 40), tense="past") if d.resolved and d.kind == "day"]
    if not found or found[0].start != opening or not re.match(r"\.?\s*[:\u2013\u2014]", text[found[0].end : found[0].end + 3]):
        return None
    return found[0]


def _carried_day(ctx: "_Context", sent: Span, clause: Span) -> Optional[DateMention]:
    """The publication day, for a past-tense figure with no day of its own, when the sentence before it in the
    paragraph names that day and no other ("X finished at $90.19 on Monday. Y slid 4.3% to $66.22", published
    Monday evening): the session the paragraph is about, not an after-hours quote. Another day is never carried."""
    text = ctx.text
    if ctx.ref is None or not _PAST_TENSE.search(text, clause.start, clause.end):
        return None
    para = text.rfind("\n", 0, sent.start) + 1
    ends = [m.end() for m in re.finditer(r"[.!?]\s+", text[para : max(para, sent.start - 2)])]
    prev_start = para + ends[-1] if ends else para
    if prev_start >= sent.start:
        return None
    days = [d for d in _dates(text, ctx.ref, prev_start, sent.start, tense="past") if d.resolved]
    if not days or any(d.kind != "day" or d.date != ctx.ref for d in days):
        return None
    return days[-1]


def _own_dates(text: str, dates: list[DateMention], claim_end: int, claim_start: Optional[int] = None) -> list[DateMention]:
    """The dates of a claim's own clause: not those inside a subordinate clause after it
    ("sits at $430.29 after falling nearly 10% on January 29": January 29 dates the fall). With
    ``claim_start``, a claim inside such a phrase does not take a date of the clause the phrase hangs on
    when the phrase names one of its own ("up 8% in 2021 after a 4% jump on Jan. 4": Jan. 4 dates the jump)."""
    out = []
    for d in dates:
        if d.start >= claim_end:
            sub = SUBORDINATE.search(text, claim_end, d.start)
            if sub is not None:
                continue
        out.append(d)
    if claim_start is not None and any(d.start >= claim_end for d in out):
        out = [d for d in out if not (d.end <= claim_start and SUBORDINATE.search(text, d.end, claim_start) is not None)]
    return out


def _with_lead(mention: Optional[DateMention], lead: Optional[DateMention], kinds: tuple[str, ...] = ("day",)) -> Optional[DateMention]:
    """The claim's own date, else the sentence's leading one."""
    if mention is not None:
        return mention
    if lead is not None and lead.kind in kinds:
        return lead
    return None


def _nearest(mentions: list[DateMention], anchor: Span, kinds: Optional[set[str]] = None) -> Optional[DateMention]:
    pool = [m for m in mentions if (kinds is None or m.kind in kinds)]
    if not pool:
        return None

    def distance(m: DateMention) -> int:
        if m.end <= anchor.start:
            return anchor.start - m.end
        if m.start >= anchor.end:
            return m.start - anchor.end
        return 0

    return min(pool, key=distance)


def _tense(clause: str) -> str:
    if _FUTURE.search(clause):
        return "future"
    return "past"


def _apply_period(fields: dict[str, Any], mention: Optional[DateMention], day_key: str = "date",
                  start_key: str = "period_start", end_key: str = "period_end") -> None:
    if mention is None:
        return
    if mention.kind == "day":
        if mention.date:
            fields[day_key] = mention.date
    elif mention.period_start:
        fields[start_key], fields[end_key] = mention.period_start, mention.period_end


def _wrap_piece(text: str, sent: Span) -> Optional[int]:
    """Where the sentence a hard line wrap continues began on the line above: the line opens in lower case
    (or with a figure) and the one above ends mid-sentence (a lower-case letter, a comma, a figure or a
    percent sign, no blank line); None when the line starts a sentence of its own."""
    newline = sent.start - 1
    while newline >= 0 and text[newline] in " \t":
        newline -= 1
    first = text[sent.start : sent.start + 1]
    if newline < 1 or text[newline] != "\n" or not (first.islower() or first.isdigit() or first == "$"):
        return None
    tail = newline
    while tail > 0 and text[tail - 1] in " \t":
        tail -= 1
    if tail == 0 or not (text[tail - 1].islower() or text[tail - 1] in ",%" or text[tail - 1].isdigit()):
        return None
    line_start = text.rfind("\n", 0, tail) + 1
    ends = [m.end() for m in re.finditer(r"[.!?:][\"'\u201d)]*\s+(?=[A-Z\"\u201c(])", text[line_start:tail])]
    if not ends and line_start > 0 and text[line_start - 2 : line_start] != "\n\n" and text[max(0, line_start - 2)] not in ".!?:\n":
        return None  # the sentence began further up: its subject is not on this line alone
    return line_start + (ends[-1] if ends else 0)


_MOVE_PER_SHARE = re.compile(rf"\b(?:{_UP}|{_DOWN})\s+(?:by\s+)?[$\u20ac\u00a3]\s?\d[\d.,]*\s+per share\b", re.I)


def _metric_per_share(words: str) -> bool:
    """The words name a per-share figure ("earnings per diluted share"), not the stock's own move of so much a share
    ("the stock rose $6.65 per share, or 3.8%")."""
    return bool(re.search(r"\bper (?:diluted |basic )?share\b", _MOVE_PER_SHARE.sub(" ", words)))


def _wrapped_subject(ctx: _Context, sent: Span, trig_start: int) -> Optional[bool]:
    """The stock is the subject a hard line wrap left on the line before (see _wrap_piece), with the last
    sentence there naming the stock or a company and no metric after it ("Amazon.com, the bellwether of the US
    internet\ntrade, fell 6.3%"); the line's own words before the figure name no subject of their own. False when
    that subject is a metric's ("its revenue\nclimbed 9%"); None when no wrap carries a subject."""
    text = ctx.text
    piece = _wrap_piece(text, sent)
    if piece is None:
        return None
    tail = text.rfind("\n", 0, sent.start)
    lead = text[sent.start : trig_start]
    if _STOCK_SUBJECT.search(lead) or any(sent.start <= c.start < trig_start for c in ctx.mentions):
        return None
    subject_end = max([x.end() for x in _STOCK_SUBJECT.finditer(text, piece, tail)]
                      + [c.end for c in ctx.mentions if piece <= c.start and c.end <= tail]
                      + [x.end() for x in _ANAPHOR_SUBJECT.finditer(text, piece, tail)] + [-1])
    if subject_end < 0:
        # "The Nasdaq index that most desks watch\nrose 2%": the wrapped sentence has a subject of its own
        return False if re.match(r"\s*(?:The|A|An|Its|Their|This|That)\s+\w+", text[piece:tail]) else None
    if _METRIC_WORDS.search(text, subject_end, tail) or _metric_per_share(text[subject_end:tail]):
        return False
    return None if _METRIC_WORDS.search(text, sent.start, trig_start) else True


def _implicit_subject(ctx: _Context, sent: Span, clause: Span, trig_start: int) -> bool:
    """The stock is the unwritten subject: a bullet or line that opens with the verb ("Closed at $420.15")
    under a company in focus, or a participle clause ("..., having closed the session at $X", "trading
    near $X") after a clause whose subject is the stock."""
    text = ctx.text
    lead = text[sent.start : trig_start].strip(" -*\u2022\t")
    stamp = find_entry_stamp(text, sent.start, trig_start) if lead[:1] == "[" else None
    if stamp is not None:
        # a chat message "[04/02/2026, 16:02] Jay: closed 232.99": its stamp and its sender are not the subject
        speaker = _CHAT_SENDER.match(text, stamp.end, trig_start)
        lead = text[speaker.end() if speaker else stamp.end : trig_start].strip(" -*\u2022\t")
    wrapped = _wrapped_subject(ctx, sent, trig_start)
    if wrapped is not None:
        # "The stock\nstill fell 1.6% on Friday to $X": a hard wrap cut the subject off the line of the verb;
        # "X said its revenue\nclimbed 9%": the subject there is a metric, not the stock
        return wrapped
    if not lead and (ctx.section is not None or ctx.main is not None):
        return True
    if (ctx.section is not None or ctx.main is not None) and _SUBJECTLESS.match(lead) and not ctx.local:
        return True  # "Closed at $612.40, up 1.1%": the bullet's verb has no subject of its own
    clause_lead = text[clause.start : trig_start].strip(" -*\u2022\t(")
    # "Shares fell 2% on Monday to $X, and lost another 3% on Tuesday to $Y": coordinated verbs share the subject
    clause_lead = re.sub(r"^(?:and|but|then|and then)\b\s*", "", clause_lead, flags=re.I)
    earlier = text[sent.start : clause.start]
    # "X (XYZ), which we track with the sector, fell 5%": a relative clause set off by commas is no subject of the move
    earlier = re.sub(r",\s*(?:which|who)\b[^,;]*,", lambda r: " " * len(r.group(0)), earlier)
    last_stock = max((x.end() for x in _STOCK_SUBJECT.finditer(earlier) if not re.search(r"\b(?:per|a)\s+(?:diluted\s+|basic\s+)?$", earlier[: x.start()])), default=-1)
    if _METRIC_WORDS.search(earlier, max(0, last_stock)) or _metric_per_share(earlier[max(0, last_stock):]):
        return False  # "earnings per diluted share of $2.58, up 18 percent": the figure moved, not the stock
    if clause.start > sent.start and (not clause_lead or _SUBJECTLESS.match(clause_lead)) and (
        _STOCK_SUBJECT.search(earlier) or any(c.end <= clause.start for c in ctx.local)
        or ((ctx.section is not None or ctx.main is not None) and _SUBJECTLESS.match(lead))
        or (ctx.section is not None or ctx.main is not None) and re.match(r"^[+\-\u2212]?\d", lead)
    ):
        return True  # "Stock: Thu close $103.80; indicated +6% at $114.50", "+15% at $164.33; opened at $164.00"
    opener = text[clause.start : max(trig_start, clause.start) + 40]
    if clause.start > sent.start and re.match(
        r"^(?:and\s+|then\s+|before\s+|after\s+|while\s+)?(?:having\s+|to\s+|\w+ing\b)", opener, re.I
    ):
        earlier = text[sent.start : clause.start]
        # "They gave back 5.3% ..., before rising 3.7% to $X": a sentence opened by the stock's anaphor is the stock's
        # (with a day of its own: "It has recovered some ground since, closing at $X" names no session)
        opened = _ANAPHOR_SUBJECT.match(earlier.lstrip()) is not None and any(
            d.resolved and d.kind == "day" for d in find_dates(text, ctx.ref, clause.start, clause.end, tense="past"))
        return bool(_STOCK_SUBJECT.search(earlier)) or opened or any(c.end <= clause.start for c in ctx.local)
    return False


@dataclass(frozen=True)
class FirmPatterns:
    """The analyst firms the engine knows, as patterns: built once per alias list (they are large)."""

    firm_re: re.Pattern[str]
    person_firm_res: tuple[re.Pattern[str], ...]  # where an article says which firm an analyst works for


@lru_cache(maxsize=8)
def firm_patterns(aliases: tuple[str, ...]) -> FirmPatterns:
    body = firm_alternation(aliases)
    firm = rf"(?P<firm>(?<![\w&])(?:{body})(?![\w&]))"
    return FirmPatterns(
        re.compile(rf"(?<![\w&])(?:{body})(?![\w&])"),
        (
            re.compile(rf"{firm}['\u2019]s\s+(?:(?:senior|lead|star|veteran)\s+)?(?:analyst\s+)?(?P<person>{_PERSON})"),
            re.compile(rf"{firm}\s+(?:(?:senior|lead|star|veteran)\s+)?(?:analyst|strategist)s?\s+(?P<person>{_PERSON})"),
            re.compile(rf"(?P<person>{_PERSON}),?\s+(?:an?\s+|the\s+)?(?:(?:senior|lead|star|veteran)\s+)?(?:[\w-]+\s+)?"
                       rf"(?:analyst|strategist)\s+(?:at|with|for|of)\s+{firm}"),
            re.compile(rf"(?P<person>{_PERSON})\s+(?:at|of|from)\s+{firm}"),
        ),
    )


# a speaker's fillers between a verb and its figure: "closed at, what, two-forty-four", "dropped, like, five percent"
_FILLERS = re.compile(r"(?:[,\s]+(?:what|like|um+|uh+|er|you know|I think|I mean|say|oh|so|well)\b)+[,\s]*|,\s*", re.I)


def _spoken_lead(text: str, sent: Span, pos: int) -> str:
    """The sentence up to ``pos`` with the speaker's fillers and commas taken out, for matching a figure's cue."""
    return re.sub(r"\s+", " ", _FILLERS.sub(" ", text[sent.start : pos]))


_ANSWER_LEAD = re.compile(r"[ \t*]*(?:A|Answer|ANSWER)\s*[:.\u2013\u2014-]\s*(?:\*\*)?\s*", re.I)
_QUESTION_START = re.compile(r"(?:^|\n)[ \t*]*(?:Q|Question|QUESTION)\s*[:.\u2013\u2014-]|[.!?\n]\s+(?=[A-Z])")


def _question_before(text: str, sent: Span) -> Optional[Span]:
    """The question an answer line replies to ("Q: Where did the stock close on Friday? A: $239.30"): the
    figure's kind, subject and day are in the question, the answer gives only the figure."""
    lead = _ANSWER_LEAD.match(text, sent.start, sent.end)
    if lead is None:
        return None
    window_start = max(0, sent.start - 300)
    head = text[window_start : sent.start].rstrip()
    if not head.endswith("?"):
        return None
    starts = [m.end() for m in _QUESTION_START.finditer(head)]
    start = starts[-1] if starts else 0
    q = re.sub(r"^[ \t*]*(?:Q|Question)\s*[:.\u2013\u2014-]\s*", "", head[start:], flags=re.I)
    q_start = window_start + len(head) - len(q)
    return Span(q_start, window_start + len(head))
