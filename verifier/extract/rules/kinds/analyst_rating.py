"""Analyst actions: ratings, price targets and the firm (or analyst) behind them.

Read first of all kinds: a target's dollar figure would otherwise read as a share price.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from verifier import recache as re
from functools import lru_cache
from typing import Any, Optional

from ....dates import DateMention, resolve_month_day
from ....firms import canonical_firm
from ....text import Span
from ....tickers import known_names
from ...numbers import Money
from ..context import Sentence, _Candidate, _Context, that_day
from ..cues import (
    FirmPatterns,
    _ANALYST_CUE, _PERSON, _RATING, _TARGET_WORD, _TARGET_WORD_RE, _apply_period, _dates, _nearest, _pieces, _trim,
    _with_lead,
)
from ....gates import gated
from . import reads

# what a research house calls its target, beyond the shared words: "fair value", "fair value estimate"
_TARGET = (rf"(?:{_TARGET_WORD}|targets|PTs|fair value(?: estimate)?|price estimate|prezzo obiettivo|target di prezzo|objectif de cours|"
           rf"cours cible|prix cible|precio objetivo|Kursziel)")
_TARGET_RE = gated(("target", "objective", "tgt", "goal", "focus", "kursziel", "pt", "fair value", "price estimate", "obiettivo",
                    "objectif", "cible", "objetivo"), re.compile(rf"\b{_TARGET}\b", re.I))
_CUE_EXTRA = gated((
    "see", "rais", "lift", "boost", "cut", "lower", "trim", "bump", "hik", "worth", "fair value", "top pick", "highest", "lowest",
    "gestuft", "einstufung", "empfehlung", "recomendaci", "raccomandazione", "giudizio", "recommandation", "rebaj", "declass",
    "promoss", "grad", "rehauss",
), re.compile(  # a firm's view of the share with no target word: "Goldman Sachs sees the stock at $872"
    r"\bsees?\s+(?:the\s+)?(?:(?:stock|shares?|paper|fair value|value|it)|(?:[A-Z][\w.&'-]*\s+){1,3})\s*(?:at|reaching|hitting|climbing to|rising to)\s+(?:[$€£]|USD\s|EUR\s)?\s?\d"
    r"|\b(?:rais|lift|boost|cut|lower|trim|bump|hik)\w*\s+(?:it\s+)?to\s+[$€£]\s?\d[\d.,]*\s+from\s+[$€£]\s?\d"
    r"|\b(?:share|shares|stock|paper|it)\s+(?:could|would|should|might|may|will|is)\s+(?:be\s+)?worth\s+(?:[$€£]|USD\s|EUR\s)\s?\d"
    r"|\bfair value(?: estimate)?\b|\btop pick\b|\b(?:is|sits|stands)\s+(?:now\s+)?(?:highest|lowest)\s+at\s+[$€£]\s?\d"
    r"|\bnow\s+sees\s+[$€£]\s?\d[\d.,]*(?![\d.,]|\s*(?:billion|million|trillion|bn|mn|[BMK]\b|a share|per share|in\b|of\b|EPS|revenue|sales|earnings))"
    r"|\b(?:hoch|herauf|herab|ab)gestuft\b|\bEinstufung\b|\bEmpfehlung\b|\brecomendaci[óo]n\b|\braccomandazione\b|\bgiudizio\b|"
    r"\brecommandation\b|\b(?:rebaj|declass|promoss|d[ée]grad|rehauss)\w*", re.I))
_FIRST_PERSON = re.compile(  # the note's own voice: "We reiterate our Outperform rating", "raise our PT to $270"
    rf"\b(?:[Ww]e(?:'re| are| now| also| continue to)?\s+(?:reiterate|maintain|keep|raise|lift|lower|cut|trim|initiate|upgrade|downgrade|"
    rf"rate|set|move|reaffirm|see|are raising|are lowering|remain)\w*|[Oo]ur\s+(?:new\s+|prior\s+|previous\s+)?(?:{_RATING}|{_TARGET}|rating)\b)")
_MASTHEAD_FIRM = re.compile(  # an unknown house in a research masthead: "Kestrel Partners | Equity Research | ..."
    r"^\s*(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&)){0,3}?)\s*(?:\||\u00b7|\u2014|\u2013|\s{2,})\s*(?:Equity |Global |Investment )?Research\b")
_BOX_LABEL = re.compile(  # "Price target: $326", "RATING: BUY (unch.)   PRICE TARGET: US$78.00": a note's rating box
    rf"^\s*(?:(?:rating|recommendation)\s*:\s*{_RATING}\s*(?:\([^)]*\))?\s+)?"
    rf"(?P<label>(?:12-month\s+)?(?:{_TARGET_WORD}|fair value))\s*(?:\([^)]*\))?\s*[:=]\s*(?:US|C|A|HK|S)?[$€£]?\s?\d", re.I)
_FIRM_ANAPHOR = re.compile(
    r"^\s*(?P<ref>[Tt]he (?:firm|bank|broker|brokerage|house|investment bank))\s+(?:had\s+|has\s+|also\s+|now\s+|then\s+|later\s+)?"
    r"(?:raised|lifted|cut|lowered|trimmed|boosted|set|moved|kept|reiterated|maintained|upgraded|downgraded|initiated|sees|rates)\b")
_LIST_ITEM = re.compile(  # one firm's entry in a list of targets: "Needham $290", "Jefferies to $300 (from $280)", "Goldman ($310)"
    r"\s*\(?(?:(?:PT|target)\s+)?(?:(?:raised|lifted|cut|lowered|trimmed|up|down)\s+)?(?:(?:to|at)\s+|(?:\u2192|->|=>)\s*)?[$€£]?\s?\d[\d.,]*\)?"
    r"(?:\s*\((?:from|was)\s+[$€£]?\s?[\d.,]+\))?(?:\s+from\s+[$€£]?\s?\d[\d.,]*)?[.;,]?\s*")


_MOVED_TO_RATING = gated(("lift", "rais", "mov", "cut", "lower", "bump", "upgrad", "downgrad"), re.compile(
    # "Erste Group lifted Amazon to Accumulate": the stock named, the rating capitalised
    rf"\b(?:[Ll]ift|[Rr]ais|[Mm]ov|[Cc]ut|[Ll]ower|[Bb]ump|[Uu]pgrad|[Dd]owngrad)\w*\s+(?:[A-Z][\w.&'-]*\s+){{1,3}}to\s+[\"\u201c]?{_RATING}\b"))

# "Citigroup still rates it Sell", "rates the shares Hold": a firm's standing view, the rating capitalised
_RATES_AS = gated(("rates",), re.compile(
    rf"\b[Rr]ates\s+(?:it|them|the\s+(?:stock|shares)|[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){{0,2}})\s+[\"\u201c]?{_RATING}\b"))

# a firm with its rating and target in parentheses: "Jefferies (Buy, $300) and Needham (Buy, $310) moved first"
_PAREN_ITEM = re.compile(rf"\s*\(\s*(?:{_RATING}|OW|UW|EW|OP)\s*[,/;]\s*(?:PT\s*)?[$€£]\s?\d[\d.,]*\s*(?:PT|target)?\s*\)")


# credit rating agencies and credit-rating wording: a rating of the company's debt, never of its stock
_CREDIT_AGENCY = re.compile(r"\b(?:Moody|Fitch|Standard & Poor|S&P Global Ratings|DBRS|Kroll Bond|A\.\s?M\. Best|Credit Ratings?\b)", re.I)
_CREDIT_RATING = re.compile(
    r"(?<![\w-])(?:Aaa|Aa[123]|A[123]|Baa[123]|Ba[123]|B[123]|Caa[123]|(?:AA|BBB|BB|CCC|A)[+-]|(?:AAA|AA|BBB|BB|CCC)(?=[- ]rat))(?![\w+])"
    r"|\b(?:credit|issuer|debt|senior (?:un)?secured|long-term|short-term|investment[- ]grade|junk|sovereign|bond) ratings?\b"
    r"|\b(?:rating )?outlook (?:to |at |is |was |remains |changed to )?(?:stable|positive|negative|developing)\b"
    r"|\b(?:stable|positive|negative) outlook\b|\bcredit ?watch\b|\brated debt\b")


def _cued(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] speaks of an analyst action at all: the shared cue words or this kind's own."""
    return any(p.search(text, start, end) for p in (_ANALYST_CUE, _CUE_EXTRA, _TARGET_RE, _PAREN_ITEM, _MOVED_TO_RATING, _RATES_AS))


def _author_firm(ctx: _Context) -> str:
    """The research house a note is written by, from its masthead (a known firm on the first line, set
    apart by a separator or followed by "Research"): "we"/"our" in the note's analyst actions is that firm."""
    if ctx.author_firm is None:
        ctx.author_firm = ""
        lines = [ln for ln in ctx.text[:600].split("\n") if ln.strip()][:2]
        for line in lines:
            if line.isupper() and len(line.title()) == len(line):
                line = line.title()  # "MORNINGSTAR EQUITY RESEARCH — REPORT SUMMARY": a masthead set in capitals
            known = ctx.firms.firm_re.search(line)
            if known and known.start() <= 3 and re.match(
                r"(?:\s*(?:Securities|Capital|Partners|Markets|Group|Co\.?|Inc\.?|LLC|& Co\.?|(?:Equity |Global |Investment )?Research))*"
                r"\s*(?:[|\u00b7\u2014\u2013]|$)", line[known.end():]
            ):
                ctx.author_firm = canonical_firm(known.group(0))
                break
            if "|" in line:  # "Research summary | Apple Inc. (AAPL) | Morgan Stanley": a cell that is the firm alone
                cell = next((c.strip() for c in line.split("|") if ctx.firms.firm_re.fullmatch(c.strip())), None)
                if cell:
                    ctx.author_firm = canonical_firm(cell)
                    break
            tail = re.search(r"(?:\s[\u2014\u2013|\u00b7-]|\|)\s*(?P<firm>[^\u2014\u2013|\u00b7]+?)\s*$", line)
            if tail and ctx.firms.firm_re.fullmatch(tail["firm"]):
                # "Broker note summary: AbbVie Inc. (ABBV) — Credit Suisse": the house the summary's box is from ends the title
                ctx.author_firm = canonical_firm(tail["firm"])
                break
            unknown = _MASTHEAD_FIRM.match(line)
            if unknown and not _is_company(unknown["firm"]):
                ctx.author_firm = canonical_firm(unknown["firm"])
                break
    return ctx.author_firm


# (", and our friends at X have a $78 target", ", and analysts at X see ...": the firm's people as the subject)
_SEGMENT_BREAK = re.compile(r";\s*|\s+(?:while|whereas|but)\s+|,\s+(?:and\s+)?(?=(?:(?:our\s+)?(?:friends|analysts|colleagues)\s+at\s+)?[A-Z][\w&.]+(?:\s+[A-Z][\w&.]+)*\s+(?:now\s+|also\s+)?(?:lifted|raised|cut|lowered|upgraded|downgraded|kept|maintained|reiterated|initiated|started|moved|trimmed|boosted|had|has|have|sees|see|set|sets|rates|assigned|is|was|sits|stands|went|goes)\b)")
# the next firm of a list of target moves the sentence has begun: "Wedbush lifted its target to $375, Morgan Stanley
# went to $340 on June 3": its verb says where the target went, not that it is a target, which the list did
_LISTED_MOVE = re.compile(r"\s+(?:went|moved|goes|moves)\s+(?:up\s+|down\s+)?to\s+[$€£]\s?\d[\d.,]*"
                          r"(?:\s+(?:on\s+)?(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|(?:Mon|Tues|Wednes|Thurs|Fri)day|last week|yesterday))?[.;,]?\s*")
_Q = "[\"'\u201c\u201d\u2018\u2019]?"  # ratings are often quoted: an "overweight" rating
# rating moves in translated copy (Spanish, French, German, Italian stems)
_FOREIGN_UP = r"elev|subi[óo]|mejor|relev|rehauss|hochgestuft|heraufgestuft|promoss|alzat|alz[óo]"
_FOREIGN_DOWN = r"rebaj|recort|baj[óo]|abaiss|d[ée]grad|herabgestuft|abgestuft|declass|bocciat|tagliat"
_FOREIGN_MOVE = _FOREIGN_UP + "|" + _FOREIGN_DOWN
_RATING_PATTERNS = [  # the first: a recommendation in words ("advises now to buy"), lower-case by nature
    re.compile(r"\b(?:advis\w*|recommend\w*)\s+(?:now\s+|investors\s+|clients\s+)?to\s+(?P<new>buy|sell|hold)\b", re.I),
    re.compile(rf"\bfrom\s+(?:an?\s+)?{_Q}(?P<prev>{_RATING}){_Q}\s+to\s+(?:an?\s+)?{_Q}(?P<new>{_RATING})\b", re.I),
    re.compile(rf"\b(?P<new>{_RATING})\s*\(\s*(?:from|prev\.?|previously|was)\s+(?P<prev>{_RATING})\s*\)", re.I),
    re.compile(rf"\bauf\s+{_Q}(?P<new>{_RATING}){_Q}\s+(?:hoch|herauf|herab|ab)gestuft"),  # "auf Buy hochgestuft"
    # translated copy: "rebajó su recomendación a Market Perform", "ha declassato il titolo a Neutral", "auf Buy hochgestuft"
    re.compile(rf"\b(?:{_FOREIGN_MOVE})\w*\b[^;]{{0,70}}?\b(?:a|à|auf|al)\s+(?:l[ae]\s+|la\s+recomendaci[óo]n\s+)?{_Q}(?P<new>{_RATING})\b"),
    re.compile(rf"\bto\s+(?:an?\s+)?{_Q}(?P<new>{_RATING}){_Q}\s+from\s+(?:an?\s+)?{_Q}(?P<prev>{_RATING})\b", re.I),
    re.compile(
        rf"\b(?:upgrad\w*|downgrad\w*|raised|raises|lowered|lowers|cut|cuts|moved|moves|lifted|lifts|minimi[sz]\w*|diminish\w*|demot\w*)\b[^;]{{0,70}}?"
        rf"\bto\s+(?:an?\s+)?{_Q}(?P<new>{_RATING})\b(?!\s*(?:list|-rated))",
        re.I,
    ),
    re.compile(
        rf"\b(?:maintain\w*|reiterat\w*|reaffirm\w*|confirm\w*|keep\w*|kept|retain\w*|initiat\w*|reinstat\w*|assum\w*|resum\w*|"
        rf"start\w*|launch\w*|rates?|rated|has|have|with|keeping)\b(?:\s+(?:its|their|an?|the|coverage|on|of|at|stock|shares|it|up))*\s+{_Q}(?P<new>{_RATING})\b"
        r"(?!\s*(?:list|the stock|shares|back))",
        re.I,
    ),
    re.compile(rf"\b(?:at|with)\s+(?:an?\s+)?{_Q}(?P<new>{_RATING}){_Q}(?:\s+rating)?\b", re.I),
    # translated copy: "confermando il giudizio Buy", "recommandation Achat" is left alone (no such rating word)
    re.compile(rf"\b(?:giudizio|raccomandazione|recommandation|opinion|Empfehlung|Votum|Einstufung|recomendaci[óo]n|valoraci[óo]n)\s+(?:de\s+|di\s+|auf\s+)?{_Q}(?P<new>{_RATING})\b"),
    re.compile(rf"{_Q}\b(?P<new>{_RATING}){_Q}[- ]rat(?:ing|ed)\b", re.I),
    re.compile(rf"\b(?:rating|recommendation)\s*:\s*(?P<new>{_RATING})\b", re.I),  # a box: "RATING: BUY (unch.)"
    # a rating standing alone between separators of a list line or table row: "JPM | 350 | OW", "Firm — Buy — PT $90"
    re.compile(rf"(?:^|[\u2014\u2013|:(,]\s*|\s{{2,}})(?P<new>{_RATING}|OW|UW|EW|OP|MP)(?=\s*(?:[\u2014\u2013|),;.]|$)|\s{{2,}})"),
    # "who rates Amazon Buy", "keeps Apple Buy"
    re.compile(rf"\b(?:rate[sd]?|keeps?|kept|maintain(?:s|ed)?|reiterat(?:es|ed))\s+(?:[A-Z][\w.&'-]*\s+){{1,3}}{_Q}(?P<new>{_RATING})\b"),
]
_RATING_ABBREVIATIONS = {"ow": "Overweight", "uw": "Underweight", "ew": "Equal-Weight", "op": "Outperform", "mp": "Market Perform"}
_RATING_CASE = {"equalweight": "Equal-Weight", "equal-weight": "Equal-Weight", "equal weight": "Equal-Weight", "in-line": "In-Line", "in line": "In-Line"}
_ANALYST_ACTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("upgrade", re.compile(rf"\bupgrad\w*|\b(?:hoch|herauf)gestuft\b|\b(?:{_FOREIGN_UP})\w*\b[^;$€£]{{0,60}}\b(?:a|à|auf|al)\s+(?:l[ae]\s+)?{_RATING}\b", re.I)),
    ("downgrade", re.compile(rf"\bdowngrad\w*|\b(?:herab|ab)gestuft\b|\b(?:{_FOREIGN_DOWN})\w*\b[^;$€£]{{0,60}}\b(?:a|à|auf|al)\s+(?:l[ae]\s+)?{_RATING}\b|\b(?:cuts?|minimi[sz]\w*|diminish\w*|demot\w*|downrat\w*)\b[^;]{{0,50}}\bto\s+{_RATING}\b", re.I)),
    ("initiate", re.compile(
        r"\b(?:initiat\w*|reinstat\w*|assum\w*|resum\w* coverage|start\w* coverage|launch\w* coverage|"
        r"pick\w* up coverage|begins? coverage|began coverage|initiation|"
        r"(?:avviat\w*|avvia|iniziat\w*|inicia\w*|inici[óo]|initi[ée]\w*|lanc[ée]\w*)\s+(?:la\s+|sa\s+|su\s+)?(?:copertura|couverture|cobertura))", re.I)),
    ("raise_target", re.compile(
        rf"\b(?:rais\w*|boost\w*|lift\w*|hik\w*|increas\w*|ups|upped|bump\w*)\b[^;$]{{0,45}}?\b{_TARGET_WORD}\b|"
        rf"\b{_TARGET_WORD}\s+(?:rais\w*|increase\w*|hike\w*|boost\w*)|\b(?:rais\w*|boost\w*|lift\w*)\s+(?:it\s+)?to\s+[$€£]",
        re.I)),
    ("lower_target", re.compile(
        rf"\b(?:lower\w*|cut\w*|trim\w*|reduc\w*|slash\w*|decreas\w*)\b[^;$]{{0,45}}?\b{_TARGET_WORD}\b|"
        rf"\b{_TARGET_WORD}\s+(?:cut|lowered|reduced|trimmed)|\b(?:lower\w*|cut\w*|trim\w*)\s+(?:it\s+)?to\s+[$€£]",
        re.I)),
    ("reiterate", re.compile(r"\b(?:reiterat\w*|reaffirm\w*)|\b(?:unch\.|unchanged)\)", re.I)),  # a box's "Buy (unch.)"
    ("maintain", re.compile(r"\b(?:maintain\w*|keeps?|kept|retain\w*|stuck with|sticks with)\b", re.I)),
]
_FIRM_LEAD = re.compile(
    r"^(?:(?:UPDATE|Update|Correction|CORRECTION|Hearing|BREAKING)\s*:?\s*)*"
    r"(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&|of|de))*?)\s+(?:Earlier\s+|Also\s+|Now\s+)?"
    r"(?:Maintains|Upgrades|Downgrades|Initiates|Reiterates|Reinstates|Assumes|Resumes|Raises|Lowers|Cuts|Boosts|"
    r"Trims|Starts|Launches|Adds|Removes|Reaffirms|Keeps|Sets|Announces|Raised|Lowered|Upgraded|Downgraded|"
    r"Initiated|Reiterated|Maintained|Bullish|Bearish|Turns|Sees)\b"
)
_FIRM_LINE = re.compile(  # a list line or row led by the firm: "Cascend Securities — Buy — PT cut to $325", "Kestrel (new): Buy"
    r"^(?:[-*\u2022]\s*)?(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&|of|de))*?)(?:\s*\((?P<new>new|initiated|init\.?)\))?\s*(?:\u2014|\u2013|\||:)\s*"
)
_FIRM_VERB_LEAD = re.compile(  # a firm missing from the alias table, as the subject of an analyst verb (a flash: "09:14 *Acme ...")
    rf"^(?:\d{{1,2}}:\d{{2}}\s+\*?\s*)?(?:[-*\u2022]\s*)?(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&)){{0,3}})\s+(?:has\s+|had\s+|now\s+|also\s+)?"
    rf"(?:raised|lowered|cut|lifted|trimmed|boosted|upgraded|downgraded|reiterated|maintained|initiated|started|set|minimi[sz]ed|"
    rf"raises|lowers|cuts|lifts|trims|upgrades|downgrades|reiterates|maintains|initiates|starts|sets|has|have|keeps|kept|rates|"
    rf"assigned|assigns|reaffirmed|reaffirms|hiked|hikes|bumped|upped|ups|sees|moved|moves|confirms|confirmed|"
    rf"rel[èe]ve|rehausse|abaisse|r[ée]it[èe]re|confirme|hebt|senkt|best[äa]tigt|ha alzato|ha tagliato|ha confermato|alza|taglia|conferma|"
    rf"eleva|rebaja|reitera|mantiene)\b"
    rf"(?=[^.;]{{0,60}}\b(?:{_TARGET_WORD}|fair value|rating|coverage|to\s+{_RATING})\b)"
)
_NOT_FIRM_STARTS = {"The", "It", "Its", "They", "He", "She", "We", "This", "That", "Analysts", "Shares", "Investors", "Management",
                    "Wall", "Street", "Consensus", "Everyone", "Nobody", "Bulls", "Bears", "Our", "My", "I", "You", "Who", "Which",
                    "Average", "Mean", "Median", "Previous", "Prior", "Old", "New", "Current", "Next", "Last", "Each", "Every", "One"}
_FIRM_PT_LEAD = re.compile(  # a list line led by a house the alias table lacks: "- Melius PT $230, Buy"
    rf"^(?:[-*\u2022]\s*)?(?P<firm>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){{0,2}})\s+(?:PT|price target|target|Tgt)\b"
    rf"\s*(?:(?:raised|lifted|cut|lowered|trimmed)\s+)?(?:to\s+|at\s+|of\s+|:\s*)?[$€£]\s?\d")
_NOT_PERSON_WORDS = {  # capitalised pairs that are titles or things, not an analyst's name
    "Chief", "Executive", "Officer", "President", "Director", "Managing", "Senior", "Head", "Vice", "Chairman",
    "Analyst", "Analysts", "Shares", "Stock", "Research", "Equity", "Capital", "Securities", "Bank", "Group", "The",
}
_PERSON_LEAD = re.compile(  # a person as the subject of a target or rating: "Dan Ives is at $350"
    rf"^\W*(?:[\d:]+\]\s*)?(?:[A-Z]{{2,}}:\s*)?(?:(?:And|But|So|Well|Now),?\s+)?(?P<person>{_PERSON})\s+(?:is|has|sees|now|went|goes|moved|moves|raised|lifted|"
    r"cut|lowered|keeps|kept|stays|sits|reiterated|upgraded|downgraded|maintained|rates|likes)\b")
_FIRM_PROSE = re.compile(
    r"\b(?:analysts?|strategists?|brokers?|friends|colleagues|folks|peers)\s+(?:over\s+)?(?:at|from|with)\s+(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&))*)"
)


def _noun_action(segment: str, m: re.Match[str]) -> bool:
    """"the upgrade", "an upgrade", "the Goldman Sachs upgrade", "that downgrade": the action as a noun, not a verb."""
    return m.group(0).lower() in ("upgrade", "downgrade", "upgrades", "downgrades") and bool(re.search(
        r"(?:\b(?:[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Ww]hose)|['\u2019]s|\b[A-Z][\w&.]*)\s+$", segment[: m.start()])) and not re.match(
        r"\s+(?:[A-Z]|it\b|the stock|shares)", segment[m.end():])


def _rating_name(raw: str) -> str:
    key = raw.strip().lower()
    if key in _RATING_ABBREVIATIONS:
        return _RATING_ABBREVIATIONS[key]
    if key in _RATING_CASE:
        return _RATING_CASE[key]
    return " ".join(w[:1].upper() + w[1:].lower() for w in key.split())


def _after_firm(ctx: _Context, sent: Span, b: Money) -> bool:
    """A bare number right after a known firm's name, an item of a list ("JPM 330", "B of A 300", "MS to 320")."""
    window = ctx.text[max(sent.start, b.start - 34) : b.start]
    m = re.search(r"(?:^|[,;:]\s*|\band\s+)(?P<f>[A-Z][^,;:]{0,29}?)\s*:?\s+(?:(?:to|at)\s+)?$", window)
    return bool(m and ctx.firms.firm_re.fullmatch(m["f"].strip()))


def _bare_numbers(text: str, start: int, end: int, money: list[Money]) -> list[Money]:
    """Numbers written without a currency in a target list ("JPM | 350 from 335", "PT 88"), as dollars.

    Percentages, dates, times and figures already read as money are left out."""
    out: list[Money] = []
    for x in re.finditer(r"(?<![\w$€£.,/:%-])\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?(?![\w%/:]|[.,]\d|\s?(?:%|percent|am|pm|a\.m|p\.m)\b)", text[start:end]):
        s, e = start + x.start(), start + x.end()
        if any(m.start <= s < m.end for m in money):
            continue
        if re.match(r"\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", text[e : e + 5]) or re.search(
            r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$|\bQ$|\bFY$", text[max(start, s - 12) : s]
        ):
            continue
        value = float(x.group(0).replace(",", ""))
        if 1 <= value <= 100_000 and not (1990 <= value <= 2100 and "." not in x.group(0)):
            out.append(Money(value, "USD", s, e, False))
    return out


_DIGIT_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine".split())}
_TEEN_WORDS = {w: 10 + i for i, w in enumerate("ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_TENS_WORDS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_UNIT = "one|two|three|four|five|six|seven|eight|nine"
_REST = (rf"(?:{'|'.join(_TEEN_WORDS)}|(?:{'|'.join(_TENS_WORDS)})(?:-(?:{_UNIT}))?|oh-(?:{_UNIT}))")
# a price as it is said aloud: "three-twenty-eight" (328), "three-fifteen" (315), "three-oh-five", "three hundred (and twenty)"
_SPOKEN_PRICE = re.compile(
    rf"(?<![\w-])(?P<h>{_UNIT})(?:-(?P<rest>{_REST})|\s+hundred(?:\s+(?:and\s+)?(?P<rest2>{_REST}))?)(?![\w-])"
    r"(?!\s+(?:percent|per cent|points?|thousand|million|billion|trillion|point|hundred|times|years?|days?|weeks?|months?|people|analysts|"
    r"firms|banks|jobs|shares|of)\b)(?!\s+(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)\b)",
    re.I)
_SPOKEN_LEAD = r"(?:one|two|three|four|five|six|seven|eight|nine)(?:-|\s+hundred\b)"


def _spoken_prices(text: str, start: int, end: int, money: list[Money]) -> list[Money]:
    """Targets said aloud in a transcript ("cut its target to three-twenty-eight"), as dollars; never a figure
    followed by more number words ("two-fifty-two eighty-six" is a price with cents, left to the price reader)."""
    out: list[Money] = []
    for m in _SPOKEN_PRICE.finditer(text, start, end):
        if any(x.start < m.end() and m.start() < x.end for x in money):
            continue
        value = 100 * _DIGIT_WORDS[m["h"].lower()]
        rest = (m["rest"] or m["rest2"] or "").lower()
        for part in rest.split("-"):
            value += _TEEN_WORDS.get(part, 0) + _TENS_WORDS.get(part, 0) + _DIGIT_WORDS.get(part, 0)
        out.append(Money(float(value), "USD", m.start(), m.end(), False))
    return out


def _analyst(ctx: _Context, sent: Span, money: list[Money], row: bool = False) -> list[_Candidate]:
    """Analyst actions; ``row`` is a table row or list line led by a firm ("JPM | 350 from 335 | OW"),
    where targets may be bare numbers and no cue word is needed."""
    text = ctx.text
    line_lead = _FIRM_LINE.match(text[sent.start : sent.end])
    if not row and line_lead and (
        _TARGET_WORD_RE.search(text, sent.start, sent.end)
        or re.search(rf"[\u2014\u2013|]\s*(?:{_RATING}|OW|UW|EW)\s*[\u2014\u2013|]", text[sent.start : sent.end])
        # "GS: Sell, 233", "- JPM: 310 → 330": a rating and a figure, or a figure's move, after a known firm
        or (re.match(rf"\s*(?:(?:{_RATING}|OW|UW|EW)\s*[,;]\s*[$€£]?\d|[$€£]?\d[\d.,]*\s*(?:\u2192|->|=>))", text[sent.start + line_lead.end() : sent.end])
            and ctx.firms.firm_re.fullmatch(line_lead["firm"]))
    ):
        row = True
    # (the row test before the look back for a target word: both pure, the row test far cheaper and rarely true)
    if not row and re.match(r"^\W*(?:\d+/\s*)?(?P<f>[A-Z][\w&.' -]{0,30}?)\s*:?\s+\d[\d.,]*\s+(?:from|\(from)\s+\d", text[sent.start : sent.end]) \
            and (ctx.topic == "analyst" or _TARGET_RE.search(text, max(0, sent.start - 200), sent.start)) \
            and ctx.firms.firm_re.fullmatch(re.match(r"^\W*(?:\d+/\s*)?(?P<f>[A-Z][\w&.' -]{0,30}?)\s*:?\s+\d", text[sent.start : sent.end])["f"].strip()):
        row = True  # "Street PTs going up. JPM 330 from 310."
    if not row and ctx.topic == "analyst" and (ctx.firms.firm_re.search(text, sent.start, sent.end) or _person_firm(ctx, sent)) and re.search(
        rf"\b(?:went|goes|moved|moves|is|sits|stands|stays|now)\s+(?:up\s+|down\s+)?(?:to|at)\s+(?:[$€£]|{_SPOKEN_LEAD})", text[sent.start : sent.end], re.I
    ):
        row = True  # "What did the analysts do? ... JPMorgan went to $350 from $325."
    # "8/ JPM raised to 330 (from 310)": a firm moving to a figure is a target even without the word
    # (the verb first: both pure, the verb pattern ~4x cheaper than the search for every firm name, and rarely true)
    moving = bool(re.search(
        rf"\b(?:raised|lifted|cut|lowered|bumped|trimmed|moved)\s+to\s+(?:[$€£]?\d[\d.,]*|{_SPOKEN_LEAD}[\w-]*)\s*(?:\(?from\s+(?:[$€£]?\d|{_SPOKEN_LEAD})|,|$|"
        r"(?:last|this|on|yesterday|today|earlier)\b)",
        text[sent.start : sent.end])) and bool(ctx.firms.firm_re.search(text, sent.start, sent.end))
    if not row and not moving and not _cued(text, sent.start, sent.end):
        return []
    spoken = _spoken_prices(text, sent.start, sent.end, money)
    if spoken:
        money = sorted(money + spoken, key=lambda m: m.start)
    if row:
        money = sorted(money + _bare_numbers(text, sent.start, sent.end, money), key=lambda m: m.start)
    else:
        # "raised its target from 80 to 95 dollars": the bare 80 is the previous target
        bare = _bare_numbers(text, sent.start, sent.end, money)
        firsts = [b for b in bare
                  if re.search(r"\b(?:from|von|de|da|desde)\s+$", text[max(sent.start, b.start - 7) : b.start])
                  and re.match(r"\s+(?:to|auf|a|\u00e0)\s+(?:[$€£]\s?)?\d", text[b.end : b.end + 8])]
        # thread shorthand: "JPM PT 330 from 310, MS to 320, GS w/ PT 233": a bare number right after the target word,
        # the "from" figure after it, and "<firm> to N" once the sentence has a target word
        after_word = [b for b in bare if re.search(r"\b(?:PT|Tgt|price target|target)\s*(?:of\s+|to\s+|at\s+|:\s*)?$", text[max(sent.start, b.start - 16) : b.start])]
        chained = [b for b in bare if b not in after_word and any(
            re.fullmatch(r"\s*(?:from|\(from|\(was|vs\.?)\s+", text[a.end : b.start]) for a in after_word)]
        firm_to = [b for b in bare if _TARGET_RE.search(text, sent.start, sent.end) and _after_firm(ctx, sent, b)]  # "PT bumps: JPM 330, MS 320"
        # "JPM raised to 330 (from 310), MS → 320": a known firm moving to a bare number
        moved = [b for b in bare if re.search(r"\b(?:raised|lifted|cut|lowered|bumped|moved|goes|went|trimmed)\s+(?:it\s+)?to\s+$|(?:\u2192|->|=>)\s*$",
                                              text[max(sent.start, b.start - 20) : b.start])
                 and ctx.firms.firm_re.search(text, max(sent.start, b.start - 28), b.start)]
        chained += [b for b in bare if b not in chained and any(re.fullmatch(r"\s*(?:\(from|from)\s+", text[a.end : b.start]) for a in moved)]
        extra = {(b.start, b.end): b for b in firsts + after_word + chained + firm_to + moved}
        money = sorted(money + list(extra.values()), key=lambda m: m.start)
    out: list[_Candidate] = []
    dated: dict[tuple[str, str], DateMention] = {}  # (firm, action) -> the date one segment of the sentence gave it
    # segments split at ";", "while", "but" so two firms in one sentence stay apart; a segment without a
    # firm of its own ("..., while keeping an overweight rating") still belongs to the one before
    segments: list[tuple[Span, Optional[tuple[str, Span]]]] = []
    for seg in _firm_pieces(ctx.firms.firm_re, text, _whole_firms(ctx, sent, _pieces(text, sent, _SEGMENT_BREAK))):
        found = _firm(ctx, seg)
        if found is None and segments and segments[-1][1] is not None:
            prev_seg, prev_found = segments[-1]
            segments[-1] = (Span(prev_seg.start, seg.end), prev_found)
        else:
            segments.append((seg, found))
    for seg, found in segments:
        segment = text[seg.start : seg.end]
        if found is None:
            continue
        firm, firm_span = found
        if _CREDIT_AGENCY.search(firm) or _CREDIT_RATING.search(text, sent.start, sent.end):
            continue  # a credit rating ("Moody's affirms Baa1, outlook stable") is no analyst's view of the stock
        seg_row = row or bool(_PAREN_ITEM.match(text, firm_span.end, seg.end)) or bool(
            (moving or _TARGET_RE.search(text, sent.start, sent.end)) and _LIST_ITEM.fullmatch(text, firm_span.end, seg.end)
        )  # "JPM PT $305; Roth $290"
        if not seg_row and out and out[-1].fields.get("price_target") is not None and _LISTED_MOVE.fullmatch(text, firm_span.end, seg.end):
            seg_row = True  # "Wedbush lifted its target to $375, Morgan Stanley went to $340 on June 3"
        if not (seg_row or moving or _cued(segment, 0, len(segment))):
            continue
        fields: dict[str, Any] = {"kind": "analyst_rating", "firm": firm}
        written = " ".join(text[firm_span.start : firm_span.end].split()).rstrip(".,")
        if written and written.lower() != firm.lower() and canonical_firm(written) == firm:
            fields["firm_as_written"] = written  # the checks use the canonical name; the reader sees both
        used: list[Span] = [firm_span]
        seg_money = [m for m in money if m.start >= seg.start and m.end <= seg.end and not m.scaled]
        target, previous = _targets(text, seg, seg_money, seg_row)
        if target is not None and _owned_by_other_firm(ctx, seg, target, firm):
            target, previous = None, None  # "the targets run from Citigroup's $48 to ...": another house's figure
        quote_end = seg.end
        relative = re.search(r",\s*(?:which|a figure|a target)\s+(?:we|it|they|the firm)\b", text[target.end : previous.start]) \
            if target is not None and previous is not None and previous.start > target.end else None
        if relative is not None:
            # "We are maintaining our $86 fair value estimate, which we raised from $73 after ...": the relative clause
            # tells an earlier raise; the sentence's action is its main verb's, the target kept
            previous, quote_end = None, target.end + relative.start()
        if target is not None:
            fields["price_target"], fields["currency"] = target.value, target.currency
            used.append(Span(target.start, target.end))
        if previous is not None:
            fields["previous_price_target"] = previous.value
            used.append(Span(previous.start, previous.end))
        rating, prev_rating, rating_span = _ratings(segment, seg.start)
        if rating:
            fields["rating"] = rating
            used.append(rating_span)
        if prev_rating:
            fields["previous_rating"] = prev_rating
        action = next((name for name, pattern in _ANALYST_ACTIONS if pattern.search(segment)), None)
        if target is None and rating is None and action in ("upgrade", "downgrade"):
            # "The upgrade comes ...", "the date of the Goldman Sachs upgrade": an action named by its noun only refers
            # to one told elsewhere; another verb of the segment may still say what the firm did
            verb = [m for m in _ANALYST_ACTIONS[0 if action == "upgrade" else 1][1].finditer(segment) if not _noun_action(segment, m)]
            if not verb:
                action = next((name for name, pattern in _ANALYST_ACTIONS if name not in ("upgrade", "downgrade") and pattern.search(segment)), None)
        if action is None and re.match(r"\s*\((?:new|initiated|init\.?)\)\s*[\u2014\u2013|:]", text[firm_span.end : seg.end]):
            action = "initiate"  # a roundup's "Kestrel (new): Buy, PT $41": coverage started
        if action is None and target is not None and out and out[-1].fields.get("action") in ("raise_target", "lower_target") \
                and _LIST_ITEM.fullmatch(text, firm_span.end, seg.end) and re.match(r"\s*to\b", text[firm_span.end : seg.end]):
            action = out[-1].fields["action"]  # "Citi lifted its target to $90, Jefferies to $95": the verb is said once
        if action in ("maintain", "reiterate", None) and target and previous:
            action = "raise_target" if target.value > previous.value else "lower_target" if target.value < previous.value else action
        if action:
            fields["action"] = action
        if target is None and rating is None and action not in ("upgrade", "downgrade", "initiate", "raise_target", "lower_target"):
            continue
        dates = _dates(text, ctx.ref, seg.start, seg.end, tense="past")
        dates = [d for d in dates if d.kind in ("day", "week", "month", "span")]
        if not dates and seg_row and ctx.ref is not None:
            dates = _slash_days(text, seg, ctx.ref)
        if not dates:
            dates = _numeric_days(text, seg)  # "downgraded Apple to Sell on 17/04/2020"
        if ctx.ref is not None:
            dates = _narrowed(dates, _part_of_month(text, seg, ctx.ref))
            if not dates and (found := that_day(ctx, sent, seg.start, seg.end, before=seg.start)):
                dates = [found.mention(text)]  # "Jefferies upgraded it on July 7, while BofA cut it the same day"
        anchor = Span(min(u.start for u in used), max(u.end for u in used))
        if ctx.lead is not None and ctx.lead.kind == "day" and ctx.lead.end <= seg.start:
            dates = [d for d in dates if not _in_later_clause(text, anchor, d)]
        near = _with_lead(_nearest(dates, anchor), ctx.lead, ("day", "week", "month", "span"))
        if near is None and action:
            # "misstated Deutsche Bank's target in its Dec. 4 initiation as $79; Deutsche Bank initiated coverage with a
            # $97 target": the same firm's same action, dated in another segment of the sentence
            near = dated.get((firm, action))
        elif near is not None and action:
            dated.setdefault((firm, action), near)
        _apply_period(fields, near, "date", "window_start", "window_end")
        for u in used[1:]:
            ctx.use(u.start, u.end)
        quote = Span(*_trim(text, seg.start, quote_end, ",;:"))
        firm_spans = [firm_span] + [Span(f.start(), f.end()) for f in ctx.firms.firm_re.finditer(text, sent.start, sent.end)]
        cand = _Candidate("analyst_rating", fields, anchor, quote, exclude_company=firm_spans)  # "JPM" here is the bank
        cand.company = _covered_company(ctx, sent, seg, firm_spans)
        out.append(cand)
    return out


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december")
_PART_OF_MONTH = re.compile(
    r"\b(?P<part>early|mid|late)[- ](?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?", re.I)


# ", and the shares closed at $69.96 on Nov. 20": a clause about the stock, after the action's own words
_STOCK_CLAUSE = re.compile(r"[,;]\s+(?:and|while|but|as|when|before|after)\s+(?:the|its)\s+(?:shares|stock)\b", re.I)


def _in_later_clause(text: str, anchor: Span, day: DateMention) -> bool:
    """``day`` follows the action's figures in a clause about the stock ("On Nov. 14 Morgan Stanley raised its target
    to $88, and the shares closed at $69.96 on Nov. 20"): that clause's day, not the action's, which the sentence's
    leading day gives."""
    return day.start >= anchor.end and _STOCK_CLAUSE.search(text, anchor.end, day.start) is not None


def _part_of_month(text: str, seg: Span, ref: dt.date) -> list[DateMention]:
    """"a $340 target from early June": the first, middle or last third of the latest such month on or before
    publication (a day either side of each third, as a named date allows)."""
    out = []
    for m in _PART_OF_MONTH.finditer(text, seg.start, seg.end):
        month = next(i + 1 for i, name in enumerate(_MONTHS) if name.startswith(m["month"].lower()[:3]))
        year = ref.year if month <= ref.month else ref.year - 1
        first = dt.date(year, month, 1)
        last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1))
        lo, hi = {"early": (1, 11), "mid": (9, 21), "late": (19, last.day)}[m["part"].lower()]
        start, end = first.replace(day=lo), first.replace(day=min(hi, last.day))
        if start > ref:
            continue
        out.append(DateMention(m.start(), m.end(), m.group(0), "span", period_start=start, period_end=min(end, ref), relative=True))
    return out


def _narrowed(dates: list[DateMention], parts: list[DateMention]) -> list[DateMention]:
    """``dates`` with a month read whole replaced by the part of it the text names ("in early June")."""
    if not parts:
        return dates
    return sorted([d for d in dates if not any(d.start < p.end and p.start < d.end for p in parts)] + parts, key=lambda d: d.start)


_OBJECT_ANAPHOR = re.compile(
    r"\b(?:upgrad|downgrad|cut|rais|lift|lower|mov|initiat|start|rat|reiterat|maintain|kept|keep)\w*\s+(?:coverage\s+(?:of|on)\s+)?"
    r"(?:it|the (?:[\w-]+\s+)?(?:stock|shares|company|group|firm|distributor|retailer|\w*maker|giant|supplier|producer|insurer|chain|operator|developer))\b", re.I)


def _covered_company(ctx: _Context, sent: Span, seg: Span, firm_spans: list[Span]):
    """The stock an action is about when the sentence does not name it before the action: the subject of the
    sentence before, in the same paragraph ("Fri: AmerisourceBergen jumped 4.3%. Deutsche Bank had started
    coverage at Buy last week."; "AbbVie fell 4.8%. BMO downgraded the drugmaker, and ... after Amazon said")."""
    prev = ctx.previous_subject
    if prev is None or prev.end > sent.start or "\n\n" in ctx.text[prev.end : sent.start] or sent.start - prev.end > 400:
        return None
    named = [m for m in ctx.local if not any(m.start < f.end and f.start < m.end for f in firm_spans)]
    if not named:
        return prev
    obj = _OBJECT_ANAPHOR.search(ctx.text, seg.start, seg.end)
    if obj is not None and all(m.start >= obj.end() for m in named):
        return prev  # "downgraded the drugmaker ..., after Amazon said": the companies after it are no object of the action
    return None


_SLASH_DAY = re.compile(r"(?<![\d/.$€£])(?P<m>1[0-2]|0?[1-9])/(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/%])")


_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])")


def _numeric_days(text: str, seg: Span) -> list[DateMention]:
    """A day written in figures with its year ("on 17/04/2020", "on 4/17/2020"), read only when the order is certain:
    a first number above 12 is the day (day/month/year), a second above 12 is the day (month/day/year). "05/04/2020"
    could be either, and is left undated (a wrong day could put the firm's action outside the article's window)."""
    out = []
    for m in _NUMERIC_DATE.finditer(text, seg.start, seg.end):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            continue
        try:
            out.append(DateMention(m.start(), m.end(), m.group(0), "day", date=dt.date(y, month, day)))
        except ValueError:
            continue
    return out


def _slash_days(text: str, seg: Span, ref: dt.date) -> list[DateMention]:
    """A target list's date column ("Wedbush | OP | $375 | 6/5"): month/day, the latest such day on or before publication."""
    out = []
    for m in _SLASH_DAY.finditer(text, seg.start, seg.end):
        day = resolve_month_day(int(m["m"]), int(m["d"]), ref, "past")
        if day is not None and day <= ref:
            out.append(DateMention(m.start(), m.end(), m.group(0), "day", date=day, relative=True))
    return out


def _firm(ctx: _Context, seg: Span) -> Optional[tuple[str, Span]]:
    text = ctx.text
    piece = text[seg.start : seg.end]
    m = _FIRM_LEAD.match(piece)
    known = ctx.firms.firm_re.search(text, seg.start, seg.end)
    voice = _FIRST_PERSON.search(piece)
    if voice and (known is None or known.start() > seg.start + voice.start()) and _author_firm(ctx):
        # "We reiterate our Outperform rating and our $350 price target": the note's own house
        return ctx.author_firm, Span(seg.start + voice.start(), seg.start + voice.start() + len(voice.group(0).split()[0]))
    box = _BOX_LABEL.match(piece)
    if box and known is None and _author_firm(ctx):
        # a note's rating box: "Price target: $326 (prior: $298)" is the house's own target
        return ctx.author_firm, Span(seg.start + box.start("label"), seg.start + box.end("label"))
    if known:
        return canonical_firm(known.group(0)), Span(known.start(), known.end())
    anaphor = _FIRM_ANAPHOR.match(piece)
    if anaphor:  # "The firm had cut its target to $298": the firm named last, close before
        last = None
        for last in ctx.firms.firm_re.finditer(text, max(0, seg.start - 400), seg.start):
            pass
        if last is not None:
            return canonical_firm(last.group(0)), Span(seg.start + anaphor.start("ref"), seg.start + anaphor.end("ref"))
    person = _person_firm(ctx, seg)
    if person is not None:
        return person
    if m:
        name = m["firm"].strip()
        if not _is_company(name):
            return canonical_firm(name), Span(seg.start + m.start("firm"), seg.start + m.start("firm") + len(name))
    m = _FIRM_PROSE.search(piece)
    if m and not _is_company(m["firm"]):
        return canonical_firm(m["firm"]), Span(seg.start + m.start("firm"), seg.start + m.end("firm"))
    m = _FIRM_VERB_LEAD.match(piece)
    if m and not _is_company(m["firm"]) and m["firm"].split()[0] not in _NOT_FIRM_STARTS:
        return canonical_firm(m["firm"]), Span(seg.start + m.start("firm"), seg.start + m.end("firm"))
    m = _FIRM_LINE.match(piece)
    if m and len(m["firm"].split()) <= 4 and not _is_company(m["firm"]) and re.match(
        rf"(?:{_RATING}|OW|UW|EW|{_TARGET_WORD}|[$€£]?\d)", piece[m.end() :]
    ) and m["firm"].split()[0].lower() not in ("next", "last", "street", "analyst", "analysts", "close", "price", "rating", "eps", "revenue", "q1", "q2", "q3", "q4"):
        return canonical_firm(m["firm"]), Span(seg.start + m.start("firm"), seg.start + m.end("firm"))
    m = _FIRM_PT_LEAD.match(piece)
    if m and not _is_company(m["firm"]) and m["firm"].split()[0] not in _NOT_FIRM_STARTS and not re.match(
        r"(?:Q[1-4]|FY|H[12]|EPS|Revenue|Sales|Street|Consensus|Avg|Price|Stock|Share)\b", m["firm"], re.I
    ):
        return canonical_firm(m["firm"]), Span(seg.start + m.start("firm"), seg.start + m.end("firm"))
    return None


def _person_firm(ctx: _Context, seg: Span) -> Optional[tuple[str, Span]]:
    """An analyst named in place of the firm: one the article ties to a firm elsewhere ("Wedbush's Dan
    Ives", then "Ives is at $350"), or the subject right after a sentence that named only a firm."""
    text = ctx.text
    if ctx.analysts is None:
        ctx.analysts = {}
        for pattern in ctx.firms.person_firm_res:
            for hit in pattern.finditer(text):
                person = " ".join(hit["person"].split())
                if set(person.split()) & _NOT_PERSON_WORDS or person.split()[0] in _NOT_FIRM_STARTS or _is_company(person):
                    continue
                firm = canonical_firm(hit["firm"])
                for name in (person, person.split()[-1]):
                    if ctx.analysts.setdefault(name, firm) != firm:
                        ctx.analysts[name] = ""  # two firms for one name: not settled
    for name, firm in sorted(ctx.analysts.items(), key=lambda kv: -len(kv[0])):
        if not firm:
            continue
        hit = re.transient(rf"(?<![\w-]){re.escape(name)}(?![\w-])").search(text[seg.start : seg.end])
        if hit:
            return firm, Span(seg.start + hit.start(), seg.start + hit.end())
    lead = _PERSON_LEAD.match(text[seg.start : seg.end])
    if ctx.firm_in_focus and lead and not _is_company(lead["person"]) and lead["person"].split()[0] not in _NOT_FIRM_STARTS \
            and not set(lead["person"].split()) & _NOT_PERSON_WORDS:
        return ctx.firm_in_focus, Span(seg.start + lead.start("person"), seg.start + lead.end("person"))
    return None


def _is_company(name: str) -> bool:
    names = known_names()
    return name in names or name.split(" ")[0] in names


def _whole_firms(ctx: _Context, sent: Span, pieces: list[Span]) -> list[Span]:
    """Pieces joined again where a cut fell inside a firm's name ("Monness, Crespi, Hardt upgraded ...")."""
    names = [Span(f.start(), f.end()) for f in ctx.firms.firm_re.finditer(ctx.text, sent.start, sent.end)]
    out: list[Span] = []
    for p in pieces:
        if out and any(n.start < out[-1].end + 1 and p.start < n.end and n.start < p.start for n in names):
            out[-1] = Span(out[-1].start, p.end)
        else:
            out.append(p)
    return out


def _firm_pieces(firm_re: re.Pattern[str], text: str, pieces: list[Span]) -> list[Span]:
    """Pieces cut again where another known firm starts a new action after ', ' or ' and '
    ("Goldman Sachs raised its target to $827, Citi lifted its target to $950 and Needham
    upgraded ..."): each firm keeps its own target and rating."""
    out: list[Span] = []
    for piece in pieces:
        start = piece.start
        for m in firm_re.finditer(text, piece.start, piece.end):
            if m.start() <= start:
                continue
            # translated copy joins two firms' actions with its own "and": "e", "et", "y", "und"
            joint = re.search(r"(?:,\s*(?:and\s+|while\s+|e\s+|et\s+|y\s+|und\s+)?|\s+(?:and|e|et|y|und)\s+)$", text[max(start, m.start() - 8) : m.start()])
            if joint is None and not re.match(r"['\u2019]", text[m.end() : m.end() + 1]):
                # "..., a day after Mizuho moved the stock to Buy": a clause of time led by another firm's own action
                joint = re.search(r",\s*(?:(?:a|one|two|three|four|five|a few|several|the)\s+(?:day|days|week|weeks|hours?|sessions?)\s+|"
                                  r"shortly\s+|just\s+|only\s+|hours\s+)?(?:after|before)\s+$", text[max(start, m.start() - 30) : m.start()])
            if joint is None:
                continue
            listed = re.match(r"\s*\(?(?:(?:PT|target)\s+)?(?:(?:raised|lifted|cut|lowered|trimmed|up|down)\s+)?(?:(?:to|at)\s+(?=\d)|to\s+|at\s+|(?:\u2192|->|=>)\s*)?[$€£]?\s?\d", text[m.end() : piece.end])
            arrow = re.match(r"\s*(?:\u2192|->|=>)\s*[$€£]?\d", text[m.end() : piece.end])
            if not _cued(text, m.end(), piece.end) and not (listed and _TARGET_RE.search(text, piece.start, m.start())) and not arrow \
                    and not _PAREN_ITEM.match(text, m.end(), piece.end):
                continue  # a firm starts its own entry: a new action, or the next item of a list of targets
            if not _ANALYST_CUE.search(text, start, m.start()) and not firm_re.search(text, start, m.start()):
                continue
            cut = m.start() - len(joint.group(0))
            out.append(Span(*_trim(text, start, cut, ",")))
            start = m.start()
        out.append(Span(*_trim(text, start, piece.end)))
    return [p for p in out if p.end > p.start]


def _owned_by_other_firm(ctx: _Context, seg: Span, target: Money, firm: str) -> bool:
    """A figure right after another known firm's possessive ("runs from Citigroup's $48") is that firm's."""
    for m in ctx.firms.firm_re.finditer(ctx.text, max(seg.start, target.start - 40), target.start):
        if re.fullmatch(r"['\u2019]s?\s*(?:(?:price\s+)?target\s+(?:of\s+)?)?", ctx.text[m.end() : target.start]):
            return canonical_firm(m.group(0)) != firm
    return False


def _targets(text: str, seg: Span, seg_money: list[Money], row: bool = False) -> tuple[Optional[Money], Optional[Money]]:
    """The new and the previous price target among the segment's amounts."""
    if not seg_money:
        return None, None
    has_target_word = row or bool(_TARGET_RE.search(text, seg.start, seg.end))
    target: Optional[Money] = None
    previous: Optional[Money] = None
    for first, second in zip(seg_money, seg_money[1:]):
        if re.fullmatch(r"\s*(?:\u2192|->|=>|\u27a1|\u2794|to|auf|a|\u00e0)\s*", text[first.end : second.start]) and (
            has_target_word or re.search(r"\u2192|->|=>", text[first.end : second.start])
        ):
            return second, first  # "PT $335 → $350": from the first to the second
    for m in seg_money:
        before = text[max(seg.start, m.start - 60) : m.start]
        after = text[m.end : min(seg.end, m.end + 30)]
        if re.search(r"\b(?:by|removes?|removed|@)\s*$|@\s*$", before, re.I):
            continue
        if re.search(r"\d\s?(?:%|percent\b)[^$€£;]{0,30}?\bto\s*$", before, re.I) and not re.search(
                rf"\b{_TARGET}\b[^$€£]{{0,40}}$", before, re.I):
            continue  # "rose 3.2% to $103.03 after X raised its target": the price a share move reached, never the target
        if re.search(r"\b(?:prior|previous|earlier|old|former)\s+(?:price\s+)?(?:target|PT|objective)(?:\s+(?:of|was))?\s*$|"
                     r"\(\s*(?:was|prev\.?|previously|prior)\s*:?\s*$", before, re.I):
            previous = previous or m
            continue
        if re.search(r"\b(?:from|da|von)\s*$", before, re.I):
            if has_target_word or re.search(r"\b(?:rais|lower|cut|lift|boost|trim)\w*\b", before, re.I):
                previous = previous or m
            continue
        near_word = (row and m is seg_money[0] and re.search(r"[A-Za-z.)]\s*:?\s+$", before) and not re.search(r"\b(?:from|was|by)\s*$", before, re.I)) or re.search(
            rf"\b{_TARGET}\b[^$€£]{{0,40}}$", before, re.I) or re.search(
            r"\bsees?\s+(?:the\s+)?(?:share|stock|shares|paper|it|fair value|value|(?:[A-Z][\w.&'-]*\s+){1,3})\s*at\s*$", before) or re.search(
            r"\bsees?\s+(?:the\s+)?(?:share|stock|shares|paper|it|fair value|value)\s+(?:at|reaching|hitting|climbing to|rising to)\s*$", before, re.I) or re.search(
            r"\b(?:is|sits|stands)\s+(?:now\s+)?(?:highest|lowest|the\s+(?:Street[- ])?(?:high|low))\s+at\s*$", before, re.I) or (
            # "Morgan Stanley now sees $362": a firm's figure for the share (never a scaled one or a per-share result)
            re.search(r"\bnow\s+sees\s*$", before) and not re.match(r"\s*(?:a share|per share|in\b|of\b|EPS|revenue|sales|earnings)", after, re.I)) or (
            # "kept its Neutral rating and moved to $295": the move a rating's holder makes is its target's
            re.search(r"\b(?:rating|stance|view)\b[^$€£.;]{0,25}\band\s+(?:moved|nudged|went|took (?:it|the target))\s+(?:up\s+|down\s+)?to\s*$", before, re.I)) or re.search(
            r"\b(?:share|shares|stock|paper|it)\s+(?:could|would|should|might|may|will|is)\s+(?:be\s+)?worth\s*$", before, re.I) or (
            row and re.search(r"(?:^|[|\u2014\u2013:]\s*)$|\b(?:is|sits|stands|stays|now)\s+(?:now\s+)?at\s*$", before))
        word_after = re.match(rf"^\s*(?:{_TARGET}|per share price target)\b", after, re.I)
        verb_to = re.search(
            r"\b(?:rais\w*|lower\w*|cut\w*|lift\w*|boost\w*|trim\w*|announc\w*|set\w*|maintain\w*|reiterat\w*|"
            r"keep\w*|sees?|to)\b[^$€£]{0,25}$", before, re.I)
        if near_word or word_after or (verb_to and has_target_word) or (
            verb_to and re.search(r"\b(?:announc\w*|rais\w*|lower\w*|lift\w*|boost\w*|cut\w*|trim\w*|bump\w*|hik\w*)\s+(?:it\s+)?(?:to\s+)?$", before, re.I)
        ):
            if target is None:
                target = m
    if target is None and row and previous is None and len(seg_money) == 1:
        target = seg_money[0]  # "JPM PT $305; Roth $290": a firm and one figure in a list of targets
    if target is None and previous is not None:
        return None, None
    return target, previous


def _ratings(segment: str, offset: int) -> tuple[Optional[str], Optional[str], Span]:
    for pattern in _RATING_PATTERNS:
        m = pattern.search(segment)
        if not m:
            continue
        new = m["new"]
        # lower-case "buy"/"sell"/"hold" are verbs far more often than ratings
        if new.islower() and new.lower() in ("buy", "sell", "hold", "reduce", "positive", "negative", "perform") and pattern is not _RATING_PATTERNS[0]:
            if not re.search(rf"{re.escape(new)}[- ](?:rat|recommendation|call\b)", segment[m.start("new") :], re.I):
                continue
        prev = m.groupdict().get("prev")
        span = Span(offset + m.start("new"), offset + m.end("new"))
        return _rating_name(new), (_rating_name(prev) if prev else None), span
    return None, None, Span(offset, offset)


def merge_repeats(candidates: list[_Candidate]) -> list[_Candidate]:
    """One action told twice: "Morgan Stanley kept its Overweight rating and raised its price target" with the
    figure given in another sentence ("Price target: $326 (prior: $298)"). The telling without the figure is
    dropped, its rating kept on the one with it (when that has none and they agree on the firm)."""
    with_target: dict[str, list[_Candidate]] = {}
    for c in candidates:
        if c.kind == "analyst_rating" and c.fields.get("price_target") is not None:
            with_target.setdefault(c.fields["firm"], []).append(c)
    out = []
    for c in candidates:
        f = c.fields
        if (c.kind == "analyst_rating" and f.get("price_target") is None and f.get("action") in ("raise_target", "lower_target")
                and with_target.get(f["firm"])):
            twin = next((t for t in with_target[f["firm"]] if t.fields.get("action") in (f["action"], None)
                         or t.fields.get("previous_price_target") is not None), None)
            if twin is not None:
                if f.get("rating") and not twin.fields.get("rating"):
                    twin.fields["rating"] = f["rating"]
                continue
        if (c.kind == "analyst_rating" and f.get("price_target") is None and f.get("rating") is None
                and f.get("action") in ("initiate", "upgrade", "downgrade") and any(
                    t is not c and t.kind == "analyst_rating" and t.fields.get("firm") == f["firm"] and t.fields.get("action") == f["action"]
                    and (t.fields.get("price_target") is not None or t.fields.get("rating") is not None)
                    and (t.company is None or c.company is None or t.company.name == c.company.name) for t in candidates)):
            continue  # "after Deutsche Bank started coverage" beside "Deutsche Bank initiated coverage with a Buy rating": one action
        out.append(c)
    return out


@lru_cache(maxsize=4)
def _caseless(firms: FirmPatterns) -> FirmPatterns:
    return dataclasses.replace(firms, firm_re=re.compile(firms.firm_re.pattern, re.I))


_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
          "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
# a price said the way people say it: "three fifteen" (315), "two ninety" (290), "three thirty five" (335)
_CAPTION_PRICE = re.compile(
    rf"\b(?P<h>{'|'.join(_UNITS)})[ -](?P<t>{'|'.join(_TEENS)})(?:[ -](?P<u>{'|'.join(_UNITS)}))?\b")
_TARGET_AROUND = re.compile(r"\btarget\s+(?:to|of|at)\s+$|\bwith\s+an?\s+$")


def _spoken_targets(text: str, sent: Span) -> list[Money]:
    """Auto-generated captions ("ubs cut their target to three thirty five"): a spoken price right after "target to"
    or right before "target" is the price target (read only in a sentence written all in lower case)."""
    out = []
    for m in _CAPTION_PRICE.finditer(text, sent.start, sent.end):
        if m["u"] is not None and _TEENS[m["t"]] < 20:
            continue  # "three fifteen five" is no price
        before = text[max(sent.start, m.start() - 20) : m.start()]
        if not (_TARGET_AROUND.search(before) or re.match(r"\s+(?:dollar\s+)?(?:price\s+)?target\b", text[m.end() : m.end() + 20])):
            continue
        value = _UNITS[m["h"]] * 100 + _TEENS[m["t"]] + (_UNITS[m["u"]] if m["u"] else 0)
        out.append(Money(float(value), "USD", m.start(), m.end(), False))
    return out


_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to with its their after over".split())


_SHOUTED_VERB = re.compile(  # the verbs of a flash, lower-case in prose: "CUTS", "KEEPS", "REITERATES"
    r"(?:CUT|RAISE|RAISED|LOWER|LIFT|TRIM|KEEP|KEPT|REITERATE|MAINTAIN|UPGRADE|DOWNGRADE|INITIATE|START|RESUME|BOOST|SEE|MOVE|"
    r"REAFFIRM|ASSUME|BEGIN|BEGAN|SET|HIKE|BUMP)(?:S|D|ED|ES)?")


_ASCII_UPPER = bytes(range(ord("A"), ord("Z") + 1))
_ASCII_LOWER = bytes(range(ord("a"), ord("z") + 1))


def _mostly_capitals(piece: str) -> bool:
    """At least 90% of the letters of ``piece`` are capitals (no letter at all counts as yes). Asked of every
    sentence by the analyst reader (issue 13): an ASCII piece is counted with ``bytes.translate`` (its letters are
    exactly A-Z and a-z), any other piece letter by letter as ``str.isalpha``/``str.isupper`` say."""
    if piece.isascii():
        raw = piece.encode("ascii")
        upper = len(raw) - len(raw.translate(None, _ASCII_UPPER))
        lower = len(raw) - len(raw.translate(None, _ASCII_LOWER))
        return upper >= 0.9 * (upper + lower)
    letters = [ch for ch in piece if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)


def _unshouted(piece: str) -> Optional[str]:
    """A line written all in capitals (a wire flash: "*BIGCO CUT TO NEUTRAL AT ACME; PT $40"), in the case prose
    would give it, of the same length: small words lower, two-letter words (PT, OW) kept, the rest capitalised;
    None for a line in ordinary case."""
    if not _mostly_capitals(piece):
        return None  # nearly every sentence: decided by two C-level passes before any word is looked at
    words = re.findall(r"[A-Za-z][A-Za-z'\u2019]*", piece)
    if len(words) < 4:
        return None

    def word(m: re.Match[str]) -> str:
        w = m.group(0)
        if w.lower() in _SMALL_WORDS or _SHOUTED_VERB.fullmatch(w):
            return w.lower()
        if len(w) <= 2:
            return w
        return w[0] + w[1:].lower()

    out = re.sub(r"[A-Za-z][A-Za-z'\u2019]*", word, piece)
    return out if len(out) == len(piece) else None


def analyst_any_case(ctx: _Context, sent: Span, money: list[Money], row: bool = False) -> list[_Candidate]:
    """``_analyst``, with a line in capitals read in prose case (same offsets; the quote is still the document's)."""
    shouted = _unshouted(ctx.text[sent.start : sent.end]) if ctx.firms is not None else None
    if shouted is None:
        return _analyst(ctx, sent, money, row)
    saved_text = ctx.text
    ctx.text = saved_text[: sent.start] + shouted + saved_text[sent.end :]
    try:
        return _analyst(ctx, sent, money, row)
    finally:
        ctx.text = saved_text


# --------------------------------------------------------------------------- a delimited export of actions
# A tracker's rows pasted as exported ("2015-02-09","Citi","Initiates","","Sell","","48.00"): the cells carry no words
# saying which figure is the target and which rating is the new one; the header row above names the columns.
_CELL = re.compile(r'\s*"(?P<q>(?:[^"]|"")*)"\s*(?=,|\t|$)|(?P<u>[^,\t"]*)(?=,|\t|$)')
_COLUMN_ROLES = [  # a header cell's words (lower case, "_" and "-" as spaces) -> the field its cells give
    ("previous_rating", re.compile(r"(?:rating|rec(?:ommendation)?)\s+(?:from|old|prior|prev(?:ious)?)|(?:old|prior|prev(?:ious)?|from)\s+(?:rating|rec(?:ommendation)?)|from")),
    ("rating", re.compile(r"(?:rating|rec(?:ommendation)?)(?:\s+(?:to|new|now|current))?|(?:new|current)\s+(?:rating|rec(?:ommendation)?)|to")),
    ("previous_price_target", re.compile(r"(?:pt|tgt|target|price target)\s+(?:from|old|prior|prev(?:ious)?)|(?:old|prior|prev(?:ious)?)\s+(?:pt|tgt|target|price target)")),
    ("price_target", re.compile(r"(?:pt|tgt|target|price target)(?:\s+(?:to|new|now|current))?|(?:new|current)\s+(?:pt|tgt|target|price target)")),
    ("firm", re.compile(r"firm|broker(?:age)?|house|bank|research firm|analyst firm")),
    ("action", re.compile(r"action|move|change")),
    ("date", re.compile(r"date|day|action date")),
]


def _cells(text: str, start: int, end: int) -> Optional[list[Span]]:
    """The cells of a comma- or tab-delimited line (quotes stripped), or None when it is no such line."""
    line = text[start:end]
    if line.count(",") + line.count("\t") < 3:
        return None
    out, pos = [], 0
    while pos <= len(line):
        m = _CELL.match(line, pos)
        if m is None:
            return None
        g = "q" if m["q"] is not None else "u"
        if g == "u" and re.match(r"[ ]|.*[ ]$", m["u"]) and m["u"].strip():
            return None  # prose has ", " between its words; an export's bare cells are joined with the delimiter alone
        out.append(Span(start + m.start(g), start + m.end(g)))
        pos = m.end()
        if pos < len(line) and line[pos] in ",\t":
            pos += 1
        elif pos >= len(line):
            break
        else:
            return None
    return out


def _export_columns(ctx: _Context, sent: Span) -> Optional[tuple[dict[str, Span], list[Span]]]:
    """A row of a delimited export and its cells by role, from the header row that opens its run of rows."""
    text = ctx.text
    line_start = text.rfind("\n", 0, sent.start) + 1
    line_end = text.find("\n", sent.start)
    line_end = len(text) if line_end < 0 else line_end
    if text[line_start:sent.start].strip() or text[sent.end:line_end].strip():
        return None  # the row is a whole line
    cells = _cells(text, line_start, line_end)
    if cells is None:
        return None
    end = line_start - 1
    while end > 0:  # up the run of lines with as many cells, to the header that names them
        start = text.rfind("\n", 0, end) + 1
        above = _cells(text, start, end)
        if above is None or len(above) != len(cells):
            return None
        words = [text[c.start : c.end].strip().lower() for c in above]
        if all(w and not re.search(r"\d", w) for w in words):
            roles: dict[str, Span] = {}
            for word, cell in zip(words, cells):
                word = re.sub(r"[_\-./]+", " ", word).strip()
                # "target_usd", "pt (USD)", "close in $": the cells' unit is no part of the column's role
                word = re.sub(r"\s*(?:\(\s*(?:usd|us\$|\$|eur|€|gbp|£)\s*\)|\bin\s+(?:usd|\$|eur|€|gbp|£)|\b(?:usd|eur|gbp)\b)\s*", " ", word).strip()
                role = next((r for r, pattern in _COLUMN_ROLES if pattern.fullmatch(word)), None)
                if role and role not in roles:
                    roles[role] = cell
            return (roles, cells) if "firm" in roles else None
        end = start - 1
    return None


def export_row(ctx: _Context, sent: Span) -> Optional[list[_Candidate]]:
    """The action one row of an export tells, its cells read by their columns; None when the line is no such row."""
    found = _export_columns(ctx, sent)
    if found is None:
        return None
    roles, cells = found
    text = ctx.text
    cell = lambda role: text[roles[role].start : roles[role].end].strip() if role in roles else ""
    firm_cell = roles["firm"]
    if not cell("firm"):
        return []
    firm = _firm(ctx, firm_cell)
    if firm is None or _is_company(cell("firm")) or _CREDIT_AGENCY.search(firm[0]):
        return []  # "(company)": a row of the company's own events, no analyst's action
    name, firm_span = firm
    fields: dict[str, Any] = {"kind": "analyst_rating", "firm": name}
    written = " ".join(text[firm_span.start : firm_span.end].split()).rstrip(".,")
    if written and written.lower() != name.lower() and canonical_firm(written) == name:
        fields["firm_as_written"] = written
    used: list[Span] = [firm_span]
    for key in ("rating", "previous_rating"):
        raw = cell(key)
        if raw and re.fullmatch(rf"{_RATING}|OW|UW|EW|OP|MP", raw, re.I):
            fields[key] = _rating_name(raw)
            if key == "rating":
                used.append(roles[key])
    for key in ("price_target", "previous_price_target"):
        raw = cell(key)
        m = re.fullmatch(r"(?P<cur>US\$|[$€£])?\s?(?P<v>\d[\d,]*(?:\.\d+)?)", raw)
        if m:
            fields[key] = float(m["v"].replace(",", ""))
            if key == "price_target":
                fields["currency"] = {"€": "EUR", "£": "GBP"}.get(m["cur"] or "", "USD")
            used.append(roles[key])
    if "price_target" not in fields:
        fields.pop("previous_price_target", None)
    raw_action = cell("action")
    action = next((a for a, pattern in _ANALYST_ACTIONS if pattern.search(raw_action)), None) if raw_action else None
    target, previous = fields.get("price_target"), fields.get("previous_price_target")
    if action in ("maintain", "reiterate", None) and target is not None and previous is not None and target != previous:
        action = "raise_target" if target > previous else "lower_target"
    if action:
        fields["action"] = action
    if "price_target" not in fields and "rating" not in fields and action not in ("upgrade", "downgrade", "initiate"):
        return []
    if "date" in roles:
        day = roles["date"]
        dates = [d for d in _dates(text, ctx.ref, day.start, day.end, tense="past") if d.kind == "day"] or _numeric_days(text, day)
        _apply_period(fields, dates[0] if dates else None, "date", "window_start", "window_end")
    for u in used[1:]:
        ctx.use(u.start, u.end)
    quote = Span(cells[0].start - (1 if text[cells[0].start - 1 : cells[0].start] == '"' else 0), cells[-1].end + (1 if text[cells[-1].end : cells[-1].end + 1] == '"' else 0))
    anchor = Span(min(u.start for u in used), max(u.end for u in used))
    firm_spans = [firm_span]
    cand = _Candidate("analyst_rating", fields, anchor, quote, exclude_company=firm_spans)
    cand.company = _covered_company(ctx, sent, sent, firm_spans)
    return [cand]


@reads("analyst_rating")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    piece = ctx.text[s.span.start : s.span.end]
    exported = export_row(ctx, s.span) if ctx.firms is not None and (piece.count(',') + piece.count('\t') >= 3) else None
    if exported is not None:
        return exported
    if _unshouted(ctx.text[s.span.start : s.span.end]) is not None:
        return analyst_any_case(ctx, s.span, s.money)
    piece = ctx.text[s.span.start : s.span.end]
    if ctx.firms is not None and len(piece.split()) >= 5 and not re.search(r"[A-Z$]", piece):
        # a line of auto-generated captions: no capitals, prices in words
        saved = ctx.firms
        ctx.firms = _caseless(saved)
        try:
            spoken = [m for m in _spoken_targets(ctx.text, s.span) if not any(x.start < m.end and m.start < x.end for x in s.money)]
            return _analyst(ctx, s.span, sorted(s.money + spoken, key=lambda m: m.start))
        finally:
            ctx.firms = saved
    return _analyst(ctx, s.span, s.money)
