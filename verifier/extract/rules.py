"""The offline rule engine: checkable claims from ordinary financial prose, without a model.

How it reads an article:
1. the text is cut into sentences (headlines and the dateline are their own units) and each
   sentence into clauses;
2. every number is found with its exact span (``numbers.py``): money, percentages, counts;
3. each number is offered to the claim kinds in a fixed order (analyst targets, reported figures,
   deals, share prices, price moves, job counts), and a kind takes it only when the words around it
   say what it is ("price target to $295", "revenue of $4.1B", "closed at $241.73");
4. dates and periods in the same clause ("this week", "on Friday", "over the past four months")
   are resolved against the publication day (``dates.find_dates``);
5. the company is the one named nearest before the claim, or the article's main company when the
   claim only says "the company" or "shares"; analyst firms get their canonical name.

The quote of a claim is the clause (for analyst actions, the sentence segment) that holds every
number in its fields, so ``document.text[start:end] == quote`` by construction.

Deliberate non-claims (documented so nobody "fixes" them into noise): years, quarter names,
phone numbers, option-chain tickers, a stake size in percent ("a 25% stake"), coupon rates
("0.750% Notes"), percentages of anything other than a share price (revenue growth, oil, indexes),
fines and penalties (no claim kind fits them), and a money amount with no cue for what it is.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Optional

from ..attribution import SUBORDINATE, classify_attribution
from ..dates import (
    MONTHS, NEW_YORK, DateMention, ensure_aware, exchange_date, find_dates, find_publication_time, publication_date,
    resolve_month_day,
)
from ..document import SourceDocument
from ..errors import InputError
from ..firms import canonical_firm, firm_aliases
from ..promo import detect_flags
from ..schemas import Claim
from ..text import CLAUSE_BREAK, Span, enclosing, pieces, split_sentences, trim
from ..tickers import CompanyMention, company_table, find_company_mentions, known_names
from .base import Extraction
from .structure import Block, blocks, classify_cell, is_title_case
from .numbers import Count, Money, Percent, find_counts, find_money, find_percents

MAX_TEXT_CHARS = 1_000_000  # ~1 MB: a long annual report; beyond it the text is a corpus, not an article
MARKET_CLOSE = dt.time(16, 0)  # US regular session close, America/New_York
_WEEKDAY_WORD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday)"
ATTRIBUTION_WINDOW = 1500  # characters of context either side of a claim for its attribution

# --------------------------------------------------------------------------- text units

_CLAUSE_BREAK = CLAUSE_BREAK
_SEGMENT_BREAK = re.compile(r";\s*|\s+(?:while|whereas|but)\s+|,\s+and\s+(?=[A-Z][\w&.]+(?:\s+[A-Z][\w&.]+)*\s+(?:lifted|raised|cut|lowered|upgraded|downgraded|kept|maintained|reiterated|initiated|started|moved|trimmed|boosted|had))")
_trim = trim
_pieces = pieces
_enclosing = enclosing


# --------------------------------------------------------------------------- vocabularies

_UP = (
    r"rose|rises|rise|rising|gained|gains|gain|gaining|jumped|jumps|jump|jumping|climbed|climbs|climb|climbing|"
    r"surged|surges|surge|surging|soared|soars|soar|soaring|rallied|rallies|rally|rallying|advanced|advances|"
    r"added|adds|spiked|spikes|spike|spiking|higher|increased|increases|popped|pops|leapt|leaped|leaps|"
    r"rebounded|rebounds|firmed|edged up|edged higher|ticked up|moved higher|moves higher|up|rocketed|"
    r"skyrocketed|shot up|is up|are up|were up|was up|risen|grown|recovered|has run|have run|ran up|run up"
)
_DOWN = (
    r"fell|falls|fall|falling|dropped|drops|drop|dropping|slipped|slips|slip|slipping|declined|declines|decline|"
    r"declining|decreased|lost|loses|lose|losing|sank|sinks|sink|sinking|tumbled|tumbles|tumble|tumbling|"
    r"plunged|plunges|plunge|plunging|plummeted|plummets|slid|slides|slide|sliding|retreated|retreats|lower|"
    r"shed|sheds|dipped|dips|dip|eased|eases|edged down|edged lower|ticked down|sold off|sells off|sell off|"
    r"selling off|slumped|slumps|slump|tanked|tanks|crashed|crashes|cratered|weakened|fallen|sunk|shed|down|off"
)
_UP_RE = re.compile(rf"\b(?:{_UP})\b", re.I)
_DOWN_RE = re.compile(rf"\b(?:{_DOWN})\b", re.I)
_MOVE_BEFORE = re.compile(  # translated copy puts the day between verb and figure: "lost on Tuesday 1.0 percent"
    rf"\b(?P<verb>{_UP}|{_DOWN})\b(?:\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday)|\s+(?:yesterday|today))?"
    r"(?:\s+(?:by|about|around|roughly|nearly|almost|more than|over|some|as much as|"
    r"close to|approximately|another|an additional|a further|a|an|just|only|as many as|at least))*\s*[~\u2248]?\s*$",
    re.I,
)
_MOVE_NOUN_AFTER = re.compile(
    r"^\s*(?P<noun>gain|rise|jump|increase|rally|surge|advance|climb|rebound|higher|drop|decline|fall|loss|"
    r"slide|plunge|lower|decrease|slump|tumble|selloff|sell-off|dip|in the red|in the green|in positive territory|"
    r"in negative territory)s?\b",
    re.I,
)
_MOVE_NOUN_BEFORE = re.compile(  # "a minus of 4.4 percent", "Monday's rally of 1.2%", "a one-day decline of 6%"
    r"\b(?P<noun>minus|plus|loss|gain|rally|rise|drop|decline|fall|slide|jump|surge|advance|plunge|tumble|slump|"
    r"increase|decrease|climb|rebound|selloff|sell-off|pop|spike|dip|move|flood)\s+of\s+"
    r"(?:(?:about|around|roughly|nearly|some|almost|more than|over|just|another)\s+)?[~\u2248]?\s*$",
    re.I,
)
_BASE_DATE = re.compile(  # "since the close on July 30", "over Friday's adjusted close": the base of a move, not its day
    # also "from the $244.68 close on Jan. 27" and "Since Monday's close (Aug. 31)"
    r"\b(?:since|over|from|versus|vs\.?|compared (?:with|to)|against)\s+(?:the\s+)?(?:[$\u20ac\u00a3]?\d[\d,.]*\s+)?"
    r"(?:(?:\w+(?:'s|\u2019s)\s+)?(?:adjusted\s+)?close\s*(?:on\s+|of\s+|\(\s*)?)?$", re.I
)
_SIGN_WORD_BEFORE = re.compile(r"\b(?P<noun>minus|plus)\s+$", re.I)  # translated copy: "closed minus 0.4 percent"
_BELOW_YEAR_START = re.compile(  # "sat about 9% below where they began the year"
    r"^\s*(?P<side>below|under|above|over)\s+(?:where|its|their|the)\b[^.;]{0,30}?\b(?:began|started|start|beginning|opened)\b"
    r"[^.;]{0,12}?\byear\b",
    re.I,
)
_DOWN_NOUNS = {"in the red", "in negative territory", "minus", "loss", "drop", "decline", "fall", "loss", "slide", "plunge", "lower", "decrease", "slump", "tumble", "selloff", "sell-off", "dip"}
_STOCK_SUBJECT = re.compile(
    r"\b(?:shares?|stocks?|stock price|share price|equity|the stock|its stock|ADRs?|the paper|the title|Aktie)\b", re.I
)
_PRONOUN_SUBJECT = re.compile(r"\b(?:it|the company)\b", re.I)
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
_TARGET_WORD_RE = re.compile(rf"\b{_TARGET_WORD}\b", re.I)
_RATING = (
    r"(?:Strong Buy|Conviction Buy|Speculative Buy|Long-Term Buy|Moderate Buy|Buy|Strong Sell|Sell|Hold|Neutral|"
    r"Market Outperform|Sector Outperform|Outperform|Market Underperform|Sector Underperform|Underperform|"
    r"Overweight|Underweight|Equal[- ]?[Ww]eight|Market Perform|Sector Perform|Peer Perform|Perform|"
    r"Market Weight|Sector Weight|In[- ]Line|Accumulate|Reduce|Top Pick|Positive|Negative)"
)
_Q = "[\"'\u201c\u201d\u2018\u2019]?"  # ratings are often quoted: an "overweight" rating
_RATING_PATTERNS = [  # the first: a recommendation in words ("advises now to buy"), lower-case by nature
    re.compile(r"\b(?:advis\w*|recommend\w*)\s+(?:now\s+|investors\s+|clients\s+)?to\s+(?P<new>buy|sell|hold)\b", re.I),
    re.compile(rf"\bfrom\s+(?:an?\s+)?{_Q}(?P<prev>{_RATING}){_Q}\s+to\s+(?:an?\s+)?{_Q}(?P<new>{_RATING})\b", re.I),
    re.compile(rf"\bto\s+(?:an?\s+)?{_Q}(?P<new>{_RATING}){_Q}\s+from\s+(?:an?\s+)?{_Q}(?P<prev>{_RATING})\b", re.I),
    re.compile(
        rf"\b(?:upgrad\w*|downgrad\w*|raised|raises|lowered|lowers|cut|cuts|moved|moves|lifted|lifts|minimi[sz]\w*|diminish\w*|demot\w*)\b[^;]{{0,70}}?"
        rf"\bto\s+(?:an?\s+)?{_Q}(?P<new>{_RATING})\b(?!\s*(?:list|-rated))",
        re.I,
    ),
    re.compile(
        rf"\b(?:maintain\w*|reiterat\w*|reaffirm\w*|keep\w*|kept|retain\w*|initiat\w*|reinstat\w*|assum\w*|resum\w*|"
        rf"start\w*|launch\w*|rates?|rated|has|have|with|keeping)\b(?:\s+(?:its|their|an?|the|coverage|on|of|at|stock|shares|it|up))*\s+{_Q}(?P<new>{_RATING})\b"
        r"(?!\s*(?:list|the stock|shares|back))",
        re.I,
    ),
    re.compile(rf"\b(?:at|with)\s+(?:an?\s+)?{_Q}(?P<new>{_RATING}){_Q}(?:\s+rating)?\b", re.I),
    re.compile(rf"{_Q}\b(?P<new>{_RATING}){_Q}[- ]rat(?:ing|ed)\b", re.I),
    # a rating standing alone between separators of a list line or table row: "JPM | 350 | OW", "Firm — Buy — PT $90"
    re.compile(rf"(?:^|[\u2014\u2013|:(]\s*)(?P<new>{_RATING}|OW|UW|EW|OP|MP)(?=\s*(?:[\u2014\u2013|),;]|$))"),
]
_RATING_ABBREVIATIONS = {"ow": "Overweight", "uw": "Underweight", "ew": "Equal-Weight", "op": "Outperform", "mp": "Market Perform"}
_ANALYST_ACTIONS: list[tuple[str, re.Pattern[str]]] = [
    ("upgrade", re.compile(r"\bupgrad\w*", re.I)),
    ("downgrade", re.compile(rf"\bdowngrad\w*|\b(?:cuts?|minimi[sz]\w*|diminish\w*|demot\w*|downrat\w*)\b[^;]{{0,50}}\bto\s+{_RATING}\b", re.I)),
    ("initiate", re.compile(
        r"\b(?:initiat\w*|reinstat\w*|assum\w*|resum\w* coverage|start\w* coverage|launch\w* coverage|"
        r"pick\w* up coverage|begins? coverage|began coverage|initiation)", re.I)),
    ("raise_target", re.compile(
        rf"\b(?:rais\w*|boost\w*|lift\w*|hik\w*|increas\w*|ups|upped|bump\w*)\b[^;$]{{0,45}}?\b{_TARGET_WORD}\b|"
        rf"\b{_TARGET_WORD}\s+(?:rais\w*|increase\w*|hike\w*|boost\w*)|\b(?:rais\w*|boost\w*|lift\w*)\s+(?:it\s+)?to\s+[$€£]",
        re.I)),
    ("lower_target", re.compile(
        rf"\b(?:lower\w*|cut\w*|trim\w*|reduc\w*|slash\w*|decreas\w*)\b[^;$]{{0,45}}?\b{_TARGET_WORD}\b|"
        rf"\b{_TARGET_WORD}\s+(?:cut|lowered|reduced|trimmed)|\b(?:lower\w*|cut\w*|trim\w*)\s+(?:it\s+)?to\s+[$€£]",
        re.I)),
    ("reiterate", re.compile(r"\b(?:reiterat\w*|reaffirm\w*)", re.I)),
    ("maintain", re.compile(r"\b(?:maintain\w*|keeps?|kept|retain\w*|stuck with|sticks with)\b", re.I)),
]
_ANALYST_CUE = re.compile(
    rf"\b(?:(?:cut|cuts|raised|raises|lowered|moved|moves|lifted)\s+(?:the\s+)?(?:stock|shares|it)\s+to\s+{_RATING}|"
    rf"(?:minimi[sz]\w*|diminish\w*|demot\w*|downrat\w*)\s+(?:[\w.'\u2019-]+\s+){{0,3}}?to\s+{_RATING}|(?:advis\w*|recommend\w*)\s+(?:now\s+|investors\s+|clients\s+)?to\s+(?:buy|sell|hold)|{_TARGET_WORD}|upgrad\w*|downgrad\w*|initiat\w*|reinstat\w*|coverage|maintain\w*|reiterat\w*|"
    r"analysts?|rating|rated|overweight|underweight|outperform|underperform|equal[- ]?weight|market perform|"
    r"sector perform|assum\w*)\b",
    re.I,
)
_FIRM_LEAD = re.compile(
    r"^(?:(?:UPDATE|Update|Correction|CORRECTION|Hearing|BREAKING)\s*:?\s*)*"
    r"(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&|of|de))*?)\s+(?:Earlier\s+|Also\s+|Now\s+)?"
    r"(?:Maintains|Upgrades|Downgrades|Initiates|Reiterates|Reinstates|Assumes|Resumes|Raises|Lowers|Cuts|Boosts|"
    r"Trims|Starts|Launches|Adds|Removes|Reaffirms|Keeps|Sets|Announces|Raised|Lowered|Upgraded|Downgraded|"
    r"Initiated|Reiterated|Maintained|Bullish|Bearish|Turns|Sees)\b"
)
_FIRM_LINE = re.compile(  # a list line or row led by the firm: "Cascend Securities — Buy — PT cut to $325"
    r"^(?:[-*\u2022]\s*)?(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&|of|de))*?)\s*(?:\u2014|\u2013|\||:)\s*"
)
_FIRM_VERB_LEAD = re.compile(  # a firm missing from the alias table, as the subject of an analyst verb
    rf"^(?:[-*\u2022]\s*)?(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&)){{0,3}})\s+(?:has\s+|had\s+|now\s+|also\s+)?"
    rf"(?:raised|lowered|cut|lifted|trimmed|boosted|upgraded|downgraded|reiterated|maintained|initiated|started|set|minimi[sz]ed|"
    rf"raises|lowers|cuts|lifts|trims|upgrades|downgrades|reiterates|maintains|initiates|starts|sets)\b"
    rf"(?=[^.;]{{0,60}}\b(?:{_TARGET_WORD}|rating|coverage|to\s+{_RATING})\b)"
)
_NOT_FIRM_STARTS = {"The", "It", "Its", "They", "He", "She", "We", "This", "That", "Analysts", "Shares", "Investors", "Management"}
_PERSON = r"[A-Z][a-z]+(?:\s+[A-Z]\.)?\s+(?:(?:Mc|Mac|O')?[A-Z][a-z'-]+)"  # "Dan Ives", "Katy L. Huberty"
_NOT_PERSON_WORDS = {  # capitalised pairs that are titles or things, not an analyst's name
    "Chief", "Executive", "Officer", "President", "Director", "Managing", "Senior", "Head", "Vice", "Chairman",
    "Analyst", "Analysts", "Shares", "Stock", "Research", "Equity", "Capital", "Securities", "Bank", "Group", "The",
}
_PERSON_LEAD = re.compile(  # a person as the subject of a target or rating: "Dan Ives is at $350"
    rf"^\W*(?:[\d:]+\]\s*)?(?:[A-Z]{{2,}}:\s*)?(?:(?:And|But|So|Well|Now),?\s+)?(?P<person>{_PERSON})\s+(?:is|has|sees|now|went|goes|moved|moves|raised|lifted|"
    r"cut|lowered|keeps|kept|stays|sits|reiterated|upgraded|downgraded|maintained|rates|likes)\b")
_FIRM_PROSE = re.compile(
    r"\b(?:analysts?|strategists?|brokers?)\s+(?:at|from|with)\s+(?P<firm>[A-Z][\w&.'-]*(?:\s+(?:[A-Z][\w&.'-]*|&))*)"
)

_EPS = r"EPS|(?:earnings|profit|income) per (?:diluted |basic )?share|per[- ]share earnings|diluted earnings|earnings of"
_METRICS: list[tuple[str, str]] = [
    ("eps", _EPS),
    ("operating_income", r"operating (?:income|profit|loss)|EBIT(?!DA)"),
    ("net_income", r"net (?:income|profit|earnings|loss)|profits?|(?:quarterly |annual )?loss"),
    ("revenue", r"revenues?|sales|turnover|top[- ]line|rev\.?|incomes"),
    ("market_cap", r"market (?:cap(?:italization|italisation)?|value|valuation)"),
]
_METRIC_BEFORE = re.compile(
    r"\b(?P<noun>" + "|".join(f"(?P<{name}>{p})" for name, p in _METRICS) + r")\b"
    r"(?P<mid>(?:(?!\b(?:from|vs|versus|estimate|consensus)\b)[^$€£;.]|\.\d){0,45}?)"
    r"(?:\b(?:of|was|were|at|to|totall?ed|reached|hit|came in at|rose to|fell to|climbed to|grew to|jumped to|"
    r"dropped to|declined to|increased to|decreased to|is|are|stood at|amounted to|between)\s+|[:=]\s*|\s+)"
    r"(?:(?:about|around|roughly|nearly|almost|approximately|more than|over|some|a record|an?)\s+)*[~]?$",
    re.I,
)
_METRIC_AFTER = re.compile(
    r"^\s*(?:in|of)\s+(?:(?:quarterly|annual|total|net|full-year|adjusted)\s+)?"
    r"(?P<noun>revenues?|sales|net income|net profit|profit|operating income|free cash flow)\b",
    re.I,
)
_PER_SHARE_AFTER = re.compile(r"^\s*(?:a|per)\s+(?:diluted\s+)?share\b", re.I)
_EARN_VERB = re.compile(r"\b(?:earn\w*|profit|net income|EPS|adjusted|diluted)\b", re.I)
_ESTIMATE_BEFORE = re.compile(
    r"\b(?:beats?|beating|miss(?:es|ed)?|missing|vs\.?|versus|compared (?:with|to)|"
    r"estimates? of|consensus(?: estimates?)?(?: of)?|expectations? of|expected|from|against|ahead of|above|below|"
    r"exceed\w*|surpass\w*|forecast of|projected|analysts? (?:had )?(?:expected|estimated|forecast))\s*[~]?$",
    re.I,
)
_ESTIMATE_AFTER = re.compile(
    r"^\s*(?:estimates?|consensus|expected|expectations?|forecast|est\.?|a year (?:earlier|ago)|last year|"
    r"in the year-ago|year-ago|YoY|y/y)\b",
    re.I,
)
# comparison figures: read with the period or the forecast they name, never as the current period's
_COMPARE_WORD = re.compile(r"\b(?:vs\.?|versus|compared (?:with|to)|against|from|over)\s+(?:the\s+|an?\s+)?(?:c\.\s*|~\s*)?$", re.I)
_PRIOR_AFTER = re.compile(  # what follows the last comparison figure: "a year earlier", "LY", "in the prior-year quarter"
    r"^(?:\s*,?\s*(?:or|and)\s+[$€£]?\d[\d.,]*\s*(?:billion|million|bn|mn|[BM])?(?:\s+(?:a|per)\s+(?:diluted\s+)?share)?)*"
    r"\s*,?\s*(?:a year (?:earlier|ago|before)|last year|LY|PY|(?:in|for) the (?:prior|previous|year-ago|year-earlier)[- ]?"
    r"(?:year\s+)?(?:quarter|period|year)|(?:in|for) the same (?:quarter|period) (?:a year (?:earlier|ago)|last year))\b", re.I)
_PRIOR_BEFORE = re.compile(  # "from the year-ago quarter's $53.8 billion"
    r"\b(?:year-ago|year-earlier|prior-year|previous year's|last year's)(?:\s+(?:quarter|period)(?:['\u2019]s)?)?\s+$", re.I)
_CONSENSUS_BEFORE = re.compile(
    r"\b(?:(?:consensus|estimates?|expectations?)(?:\s+(?:of|for|at))?|"
    r"analysts?\s+(?:had\s+)?(?:expected|estimated|forecast|projected|anticipated|were expecting)|"
    r"(?:the\s+)?Street(?:['\u2019]s)?\s+(?:estimate|view|expectation|forecast)s?(?:\s+of)?)\s*(?:c\.\s*|~\s*)?$", re.I)
_CONSENSUS_AFTER = re.compile(
    r"^\s*(?:consensus|estimates?|est\.?|expected|forecast|(?:that\s+|which\s+)?(?:the\s+)?(?:Street|analysts?|Wall Street)\s+"
    r"(?:was\s+|were\s+|had\s+(?:been\s+)?)?(?:looking for|expecting|expected|estimated|forecast|anticipated|projected|modell?ed))\b", re.I)
_DOC_PERIOD = re.compile(  # a quarter with its year, anywhere in the article: the period its results are for
    r"\b(?:(?:Q[1-4]|[1-4]Q)\s?(?:FY\s?)?'?(?:19|20)?\d{2}\b|(?:first|second|third|fourth)[- ]quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?)"
    r"(?:19|20)\d{2}\b|fiscal (?:year )?(?:19|20)\d{2} (?:first|second|third|fourth)[- ]quarter\b)", re.I)


_SEGMENT_OK = {
    "total", "net", "quarterly", "annual", "fiscal", "full-year", "fy", "record", "reported", "adjusted",
    "its", "their", "the", "company", "group", "consolidated", "overall", "diluted", "gaap", "non-gaap",
    "of", "and", "with", "in", "on", "a", "an", "had", "has", "have", "posted", "reports", "reported",
    "sees", "expects", "guides", "forecasts", "projected", "first-quarter", "second-quarter", "third-quarter",
    "fourth-quarter", "quarter", "year", "half", "comparable", "organic", "same-store", "core", "gross",
    "operating", "higher", "lower", "strong", "weak", "better", "worse", "raised", "lifted", "cut", "lowered",
    "'s", "s", "report", "reporting", "said", "says", "while", "as", "but", "delivered", "generated", "saw",
    "q1", "q2", "q3", "q4",
}
_GUIDANCE = re.compile(r"\b(?:guidance|guides?|guided|outlook|forecasts?|sees|projects?|expects?|targets? for)\b", re.I)
_PERIOD = re.compile(
    r"\b(?:(?:Q[1-4]|[1-4]Q|F[1-4]Q|FQ[1-4])(?:\s?(?:FY)?'?\d{2,4}\b)?|"
    r"(?:first|second|third|fourth)[- ]quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:19|20)\d{2}\b)?|"
    r"fiscal(?: year)? (?:19|20)\d{2}|FY\s?'?\d{2,4}\b|full[- ]year(?: (?:19|20)\d{2}\b)?|"
    r"(?:first|second)[- ]half(?: (?:of )?(?:19|20)\d{2}\b)?|[12]H\s?\d{2,4}\b)",
    re.I,
)

_DEAL_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("buyback", re.compile(r"\b(?:buy-?backs?|buy back|repurchas\w*)\b", re.I)),
    ("financing", re.compile(
        r"\b(?:offering|notes|bonds?|loans?|credit facility|credit line|debt|financing|convertible|"
        r"raise[sd]?\s+(?:more than\s+|about\s+|roughly\s+)?[$€£][^.;]{0,30}?\b(?:in|through|via)\s+(?:a\s+)?(?:bond|debt|notes|offering|funding))\b", re.I)),
    ("acquisition", re.compile(
        r"\b(?i:acquir\w*|acquisitions?|takeover|take over|merger|merges?|merging|buyer|bid for|offer for|deal for|"
        r"deal to buy)\b|\b(?i:buy|buys|bought|purchase[sd]?|purchasing|to buy)\s+(?:(?i:a|an|the|its)\s+)?"
        r"(?:[a-z-]+\s+){0,3}?(?:[A-Z]\w|(?i:stake|company|firm|maker|startup|business|unit|division|rival|operator|developer|provider))"
    )),
    ("investment", re.compile(r"\b(?:invest(?:s|ed|ing|ments?)?|stake|funding round|fundraising|backs|backed|backing)\b", re.I)),
    ("contract", re.compile(r"\b(?:contracts?|deal with|agreement with|partnership|order from|awarded|supply deal)\b", re.I)),
]
_DEAL_EXCLUDE = re.compile(
    r"\b(?:fine[sd]?|fining|penalt\w*|settle\w*|lawsuit|damages|sued|market (?:cap\w*|value)|revenues?|sales|"
    r"profits?|net income|loss(?:es)?|spending|capex|capital expenditure|budget|salary|pay package|compensation)\b",
    re.I,
)
_DEAL_STATUS: list[tuple[str, re.Pattern[str]]] = [
    ("rumored", re.compile(r"\b(?:rumou?r\w*|said to be|people familiar|sources said|likely buyer|speculat\w*)\b", re.I)),
    ("talks", re.compile(
        r"\b(?:in (?:advanced |early |exclusive |preliminary )?(?:talks|discussions|negotiations)|negotiat\w*|"
        r"considering|weighing|explor\w*|mull\w*|eyeing|eyes|approach\w*|courting)\b", re.I)),
    ("proposed", re.compile(r"\b(?:propos\w*|offered to|offers to|bids?|unsolicited)\b", re.I)),
    ("agreed", re.compile(r"\b(?:agreed|agrees|signed|signs|definitive agreement|struck|strikes|reached an agreement|will acquire|to acquire|to buy)\b", re.I)),
    ("completed", re.compile(
        r"\b(?:completed|completes|closed|closes|finali[sz]ed|has acquired|acquired|bought|confirms acquisition|"
        r"raised|raises|priced|prices|files final pricing)\b", re.I)),
]
_NAME = r"[A-Z][\w.&'\u2019/-]*(?:\s+(?:[A-Z][\w.&'\u2019/-]*|&))*"
_COUNTERPARTY: dict[str, re.Pattern[str]] = {
    "investment": re.compile(rf"\b(?:stake|invest\w*|backing|backs|funding)\b[^;]{{0,80}}?\b(?:in|into)\s+(?P<cp>{_NAME})"),
    "acquisition": re.compile(
        rf"\b(?:acquir\w*|buy(?:s|ing)?|bought|purchas\w*|takeover of|acquisition of|merge\w* with|buyer of|bid for|"
        rf"offer for|deal for)\s+(?:(?:a|an|the|rival|smaller|peer|startup|start-up)\s+)*(?:[a-z][\w/-]*\s+){{0,5}}(?P<cp>{_NAME})"),
    "contract": re.compile(rf"\b(?:with|from|by)\s+(?:the\s+)?(?P<cp>{_NAME})"),
}

_NAME_FOLLOWERS = {
    "for", "to", "at", "in", "on", "and", "or", "as", "with", "by", "from", "over", "after", "before", "which", "that",
    "the", "a", "an", "said", "says", "last", "this", "next", "earlier", "later", "while", "in", "of", "is", "was",
    "will", "would", "has", "had", "shares", "stock", "if", "amid", "following", "through", "via", "but",
}
_JOB_NOUN = re.compile(
    r"^\s*(?:(?:[A-Za-z][\w-]*)\s+){0,3}?(?P<noun>jobs|job cuts|job losses|roles|positions|employees|workers|staff(?:ers)?|"
    r"people|posts|layoffs|lay-offs|redundancies|cuts|headcount|personnel|engineers|managers)\b",
)
_JOB_NOUN_BEFORE = re.compile(  # the noun before the count: "job cuts totalling 30,000", "a headcount of 1.55 million"
    r"\b(?P<noun>job cuts|job losses|layoffs|lay-offs|redundancies|job reductions|headcount reductions|workforce reductions|"
    r"headcount|workforce|staff)\s+(?:of|totall?ing|numbering|amounting to|stood at|stands at|of about|of some|of roughly|"
    r"(?:is|was|now stands at|reached|rose to|fell to))\s+(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|more than\s+|~)?$",
    re.I,
)
_HEADCOUNT_FRAGMENT = re.compile(
    r"(?:(?:about|around|roughly|some|approximately|nearly|more than|over|just over|just under)\s+)?[\d,.]+\s?[kK]?\s+"
    r"(?:full-time\s+)?(?:employees|workers|staff|people)(?:\s+(?:worldwide|globally|in total|around the world))?\.?",
    re.I,
)
_JOB_NOUN_TITLE = re.compile(  # Title Case headlines: "To Cut About 14,000 Corporate Jobs", "Plans To Hire 350,000 Workers"
    r"^\s*(?:(?:[A-Z][\w-]*)\s+){0,3}?(?P<noun>Jobs|Job Cuts|Roles|Positions|Employees|Workers|Staff|People|Layoffs)\b"
)


def _circa_counts(text: str, sent: Span) -> list[Count]:
    """'c.30,000' and '~16,000': counts glued to a hedge mark, which the number finder leaves out."""
    out = []
    for m in re.finditer(r"(?:(?<=\bc\.)|(?<=~))(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?P<k>[kK])?(?![\d%.,])", text[sent.start : sent.end]):
        value = float(m["num"].replace(",", "")) * (1000 if m["k"] else 1)
        out.append(Count(value, sent.start + m.start(), sent.start + m.end()))
    return out


_OF_WORKFORCE = re.compile(r"^\s*(?:of\s+(?:its|their|the company's)\s+)(?P<noun>employees|workers|staff|workforce)\b", re.I)
_CUT_NOUNS = {"job cuts", "job losses", "layoffs", "lay-offs", "redundancies", "cuts"}
_CUT = re.compile(
    r"\b(?:cut\w*|eliminat\w*|lay(?:s|ing)? off|laid off|layoffs?|lay-offs?|slash\w*|reduc\w*|shed\w*|ax(?:e[sd]?|ing)|"
    r"redundan\w*|job losses|downsiz\w*|trim\w*|let go|letting go|lets go|terminat\w*|scrap\w*|remov\w*|(?:would|will|to|could) go|gone|"
    r"wip\w* out|abolish\w*|streichen|streicht|gestrichen|abbau\w*)\b",
    re.I,
)
_HIRE = re.compile(r"\b(?:hir(?:e[sd]?|ing)|recruit\w*|add(?:s|ed|ing)?|creat\w*|onboard\w*)\b", re.I)
_HEADCOUNT = re.compile(
    r"\b(?:employ(?:s|ed|ing)?|workforce of|headcount of|staff of|total workforce|has|had|have|with)\b", re.I
)
_WEAK_HEADCOUNT = {"has", "had", "have", "with"}  # only a headcount cue when it precedes the number
_HEDGE = re.compile(
    r"\b(?:about|around|approximately|approx\.?|some|roughly|nearly|almost|more than|over|close to|an estimated|"
    r"estimated|up to|at least|circa|just over|just under|less than|fewer than|north of|upwards of|as many as)\s*$|[~\u2248]\s*$",
    re.I,
)
_CUMULATIVE = re.compile(r"\b(?:in total|in all|a total of|total of|combined|altogether|cumulative\w*|so far)\b", re.I)
_FUTURE = re.compile(
    r"\b(?:will|would|plans? to|planning to|is set to|are set to|set to|expects? to|intends? to|aims? to|"
    r"scheduled|is due|are due|due to|upcoming|next|going to|is to|are to|is expected|are expected)\b",
    re.I,
)
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
_DASH_DATE = re.compile(r"(?<![\w-])(?P<d>\d{1,2})-(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?![a-z])", re.I)


_MONTH_AHEAD = re.compile(r"\b(?:next|coming|upcoming|by|until|before|from)\s+$", re.I)


def _year_before(key: str, fiscal: bool) -> str:
    """'Q3 2020' -> 'Q3 FY2019' (fiscal) or 'Q3 2019'; 'FY 2025' -> 'fiscal 2024'."""
    part, year = key.split()
    if part == "FY":
        return f"fiscal {int(year) - 1}"
    return f"{part} FY{int(year) - 1}" if fiscal else f"{part} {int(year) - 1}"


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


_PERIOD_END_DATE = re.compile(r"\b(?:ended|ending|ends|through|as of|for the (?:quarter|period|year))\s*$", re.I)
_RATING_CASE = {"equalweight": "Equal-Weight", "equal-weight": "Equal-Weight", "equal weight": "Equal-Weight", "in-line": "In-Line", "in line": "In-Line"}


def _rating_name(raw: str) -> str:
    key = raw.strip().lower()
    if key in _RATING_ABBREVIATIONS:
        return _RATING_ABBREVIATIONS[key]
    if key in _RATING_CASE:
        return _RATING_CASE[key]
    return " ".join(w[:1].upper() + w[1:].lower() for w in key.split())


# --------------------------------------------------------------------------- candidates


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
    _starts: list[int] = field(default_factory=list)

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


_LEAD_PREP = re.compile(
    r"(?:(?:on|as of|by|back on|earlier on|early on|late on|later on|at the close on|in trading on)\s+)?", re.I
)


def _leading_date(text: str, ref: Optional[dt.date], sent: "Span") -> Optional[DateMention]:
    """A date or period that opens the sentence ("On January 13, Apple closed at ...", "Last week,
    shares fell 3%"): it dates every claim of the sentence that names no date of its own."""
    head_end = min(sent.end, sent.start + 80)
    found = [d for d in find_dates(text, ref, sent.start, head_end, tense="past") if d.resolved]
    if not found:
        return None
    first = found[0]
    prefix = _LEAD_PREP.fullmatch(text, sent.start, first.start)
    if prefix is None:
        return None
    return first


def _own_dates(text: str, dates: list[DateMention], claim_end: int) -> list[DateMention]:
    """The dates of a claim's own clause: not those inside a subordinate clause after it
    ("sits at $430.29 after falling nearly 10% on January 29": January 29 dates the fall)."""
    out = []
    for d in dates:
        if d.start >= claim_end:
            sub = SUBORDINATE.search(text, claim_end, d.start)
            if sub is not None:
                continue
        out.append(d)
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


_SUBJECTLESS = re.compile(
    r"^(?:closed|ended|finished|settled|opened|rose|fell|gained|lost|added|traded|jumped|dropped|slipped|climbed|"
    r"slid|sank|surged|advanced|declined|was|were|is|are|last|indicated|rallied|up|down)\b[^;]*$",
    re.I,
)
_ANAPHOR_SUBJECT = re.compile(  # a subject that stands for the stock in focus: "It finished at", "The distributor closed"
    r"\b(?:[Ii]t|[Tt]hey|[Tt]he (?:share|paper|title|company|group|firm|distributor|retailer|maker|giant|"
    r"stock|session|ADRs?|(?:first |regular |last )?(?:split-adjusted |trading )?session))\b"
    r"|\b\w+(?:'s|\u2019s)? (?:first |regular |last )?(?:split-adjusted )?session\b"
)
_ANAPHOR = re.compile(
    r"(?:[-*\u2022]\s+)?(?:(?:the|its|their)\s+(?:stock|shares?|paper|group|company|firm|title|share price|stock price)|"
    r"shares|it|its|they)\b",
    re.I,
)
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


_BARE_TICKER_MID = re.compile(
    r"(?<![\w$.-])(?P<t>[A-Z]{3,5})(?=\s+(?:closed|closes|trades|traded|trading|rose|rises|fell|falls|gained|gains|dropped|"
    r"drops|ended|ends|finished|jumped|jumps|slipped|slips|opened|opens|is|was|has)\b|\s*[+\-\u2212]\d[\d.,]*\s?%)"
)
_BARE_TICKER = re.compile(
    r"(?:^|(?<=\n)|(?<=\|)|(?<=\u2022)|(?<=[-*]\s)|(?<=\*\*))\s*(?P<t>[A-Z]{2,5}|[A-Z](?=\s+US\s*\|))\b(?:\*\*|__)?(?=\s*(?:US|UW|UN|:US|\||[+\-\u2212]\d|\d|shares|stock|closed|rose|fell|gained|dropped|ended|was|is|traded|trades)\b|\s*[+\-\u2212]\d|\s*\|)"
)

# "- **A** Evercore ISI initiated ...": a symbol set in bold alone at the start of a line or bullet is a
# row's subject, even a one-letter one (never a word there)
_BOLD_TICKER_LEAD = re.compile(r"(?:^|(?<=\n))[ \t]*(?:[-*\u2022][ \t]+)?(?:\*\*|__)(?P<t>[A-Z]{1,5}(?:\.[A-Z])?)(?:\*\*|__)(?=[\s:|])")


def _bare_numbers(text: str, start: int, end: int, money: list[Money]) -> list[Money]:
    """Numbers written without a currency in a target list ("JPM | 350 from 335", "PT 88"), as dollars.

    Percentages, dates, times and figures already read as money are left out."""
    out: list[Money] = []
    for x in re.finditer(r"(?<![\w$€£.,/:%-])\d{1,3}(?:,\d{3})*(?:\.\d{1,2})?(?![\w%/:.,]|\s?(?:%|percent|am|pm|a\.m|p\.m)\b)", text[start:end]):
        s, e = start + x.start(), start + x.end()
        if any(m.start <= s < m.end for m in money):
            continue
        if re.match(r"\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", text[e : e + 5]) or re.search(
            r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s*$|\bQ$|\bFY$", text[max(start, s - 6) : s]
        ):
            continue
        value = float(x.group(0).replace(",", ""))
        if 1 <= value <= 100_000 and not (1990 <= value <= 2100 and "." not in x.group(0)):
            out.append(Money(value, "USD", s, e, False))
    return out


_LABEL_DIGITS = re.compile(
    r"\b\d+[-\u2011](?:week|day|month|year|for-\d+)\w*|\b(?:Q|FQ|H|FY)\d\w*|\b\d[QH]\w*|"
    r"\(?\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\)?(?:,?\s+\d{4})?|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|\b(?:19|20)\d{2}\b",
    re.I,
)


def _is_value_cell(cell: str) -> bool:
    """A cell that holds a figure, not a label with digits in it ("52-week high", "Close, Fri Jan. 30", "Q3")."""
    if re.search(r"[$€£¥]\s?\d|\d\s?%", cell):
        return True
    if re.match(r"^(?:\w+,?\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))", cell, re.I) or re.search(r"\beffective\b", cell, re.I):
        return True  # a date cell: "Feb. 12", "Oct 30, 2025 (after close)", "20-for-1, effective June 6"
    return bool(re.search(r"\d", _LABEL_DIGITS.sub(" ", cell)))


@lru_cache(maxsize=1)
def _firm_alias_set() -> frozenset[str]:
    return frozenset(firm_aliases())


def _with_bare_tickers(text: str, mentions: list[CompanyMention]) -> list[CompanyMention]:
    """Add tickers written bare at the start of a line, cell or bullet ("NVDA US | last 182.40",
    "AAPL +1.8% at $255.10"): a ticker line's subject. Elsewhere a bare "GE" or "MA" is too often a word."""
    table = company_table()
    firms = _firm_alias_set()
    extra: list[CompanyMention] = []
    for m in list(_BARE_TICKER.finditer(text)) + list(_BARE_TICKER_MID.finditer(text)) + list(_BOLD_TICKER_LEAD.finditer(text)):
        ticker = m["t"]
        if ticker in firms:
            continue  # "JPM | 350 from 335 | OW", "MS PT 88": a broker's short name in a list of targets
        if ticker not in table or any(x.start < m.end("t") and m.start("t") < x.end for x in mentions):
            continue
        if any(x.start == m.start("t") for x in extra):
            continue
        extra.append(CompanyMention(m.start("t"), m.end("t"), ticker, ticker, table[ticker]["name"]))
    if not extra:
        return mentions
    return sorted(mentions + extra, key=lambda x: x.start)


class RuleExtractor:
    """Pattern-based extraction of all seven claim kinds; offline, deterministic, fast."""

    name = "rules"

    def __init__(self, firm_names: Optional[list[str]] = None, explain: bool = False) -> None:
        self.explain = explain  # run notes say why each structured figure was not made a claim
        aliases = firm_names or firm_aliases()
        body = "|".join(re.escape(a) for a in sorted(set(aliases), key=len, reverse=True))
        self._firm_re = re.compile(rf"(?<![\w&])(?:{body})(?![\w&])")
        firm = rf"(?P<firm>(?<![\w&])(?:{body})(?![\w&]))"
        self._person_firm_res = [  # where an article says which firm an analyst works for
            re.compile(rf"{firm}['\u2019]s\s+(?:(?:senior|lead|star|veteran)\s+)?(?:analyst\s+)?(?P<person>{_PERSON})"),
            re.compile(rf"{firm}\s+(?:(?:senior|lead|star|veteran)\s+)?(?:analyst|strategist)s?\s+(?P<person>{_PERSON})"),
            re.compile(rf"(?P<person>{_PERSON}),?\s+(?:an?\s+|the\s+)?(?:(?:senior|lead|star|veteran)\s+)?(?:[\w-]+\s+)?"
                       rf"(?:analyst|strategist)\s+(?:at|with|for|of)\s+{firm}"),
            re.compile(rf"(?P<person>{_PERSON})\s+(?:at|of|from)\s+{firm}"),
        ]

    # ------------------------------------------------------------------ entry point

    def extract(self, document: SourceDocument) -> Extraction:
        text = document.text
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(
                f"{document.source} holds {len(text.encode('utf-8')) / 1e6:.1f} MB of text; the rule engine reads one "
                f"article of up to {MAX_TEXT_CHARS // 1_000_000} MB at a time: split the file into separate articles"
            )
        published = document.published_at
        precision = document.published_at_precision or "time"
        header = find_publication_time(text)
        if published is None and header is not None:
            published, precision = header.value, header.precision
        ref = publication_date(published, precision)
        if header is not None and not self._is_dateline(text, header.start):
            header = None  # a date in the body that only stood in for the publication time
        cuts = (header.start, header.end) if header else ()
        sentences = split_sentences(text, cuts=cuts)
        mentions = _with_bare_tickers(text, find_company_mentions(text))
        ctx = _Context(text, ref, mentions, self._main_company(mentions))
        # a date without a time has no hour: rules that depend on it ("closed ... on Friday", written Friday
        # morning) do not apply
        ctx.published = ensure_aware(published).astimezone(NEW_YORK) if published is not None and precision == "time" else None
        notes: list[str] = []
        if ref is None:
            notes.append("rules: no publication time, so relative dates (this week, on Friday) were left unresolved")

        candidates: list[_Candidate] = []
        layout = blocks(text)
        starts = [b.span.start for b in layout]
        done_blocks: set[int] = set()
        read_as_cells: set[int] = set()  # blocks whose figures were read as cells: not read again as prose
        for sent in sentences:
            if header is not None and sent.start >= header.start and sent.end <= header.end:
                continue
            i = bisect.bisect_right(starts, sent.start) - 1
            block = layout[i] if i >= 0 and layout[i].span.end >= sent.start else None
            if block is not None and block.kind in ("table_row", "label_value"):
                if i not in done_blocks:
                    done_blocks.add(i)
                    found = self._structured(ctx, block)
                    candidates.extend(found)
                    if found or block.kind == "table_row":
                        read_as_cells.add(i)
                if i in read_as_cells:
                    continue
            if block is not None and block.kind == "heading":
                self._enter_heading(ctx, sent)
            found = self._sentence(ctx, sent)
            candidates.extend(found)
            if self.explain:
                self._explain_unused(ctx, sent, found)
            self._after_sentence(ctx, sent, found)
        if self.explain:
            notes.extend(f"rules: not a claim: {reason}" for reason in ctx.dropped)

        claims: list[Claim] = []
        candidates.sort(key=lambda c: (c.quote.start, c.anchor.start))
        for cand in candidates:
            claim = self._claim(ctx, cand, f"c{len(claims) + 1}")
            if claim is not None:
                claims.append(claim)
        return Extraction(claims=claims, flags=detect_flags(text), extractor=self.name, notes=notes)

    @staticmethod
    def _attribution(text: str, start: int, end: int) -> tuple[str, Optional[str]]:
        """classify_attribution on the claim's paragraph (at most ATTRIBUTION_WINDOW each side).

        Attribution is decided by the claim's sentence and its neighbours; handing over the whole
        text for every claim would make a long article quadratic.
        """
        left = text.rfind("\n\n", max(0, start - ATTRIBUTION_WINDOW), start)
        left = max(0, start - ATTRIBUTION_WINDOW) if left < 0 else left + 2
        right = text.find("\n\n", end, end + ATTRIBUTION_WINDOW)
        right = min(len(text), end + ATTRIBUTION_WINDOW) if right < 0 else right
        return classify_attribution(text[left:right], start - left, end - left)

    @staticmethod
    def _same_company(source: str, company: CompanyMention) -> bool:
        source = re.sub(r"['\u2019]s$", "", source.strip())
        names = known_names()
        return source in (company.text, company.name) or (company.ticker is not None and names.get(source) == company.ticker) or source.lower() in ("the company", "it")

    @staticmethod
    def _is_dateline(text: str, start: int) -> bool:
        """The header time is cut out of the first sentence when it starts a line (or follows a city dateline).

        It is a dateline even when the caller overrides the publication time (``--published``).
        """
        at_line_start = not text[:start].strip() or text[:start].rstrip(" \t").endswith("\n") or bool(
            re.search(r"(?:^|\n)\s*(?:published|posted|updated|by [^\n]{0,40})[:\s|,-]*$", text[:start], re.I)
            or re.search(
                r"(?:^|\n)\s*[A-Z][A-Z .'/-]{1,40}(?:,\s*[A-Z][a-z]{1,12}\.?(?:\s[A-Z][a-z]*\.?)?)?(?:\([^)\n]{1,20}\))?,\s*$",
                text[max(0, start - 60) : start],
            )  # "NEW YORK, ", "SANTA CLARA, Calif., ", "AUSTIN, Texas, "
        )
        return at_line_start

    # ------------------------------------------------------------------ companies

    @staticmethod
    def _main_company(mentions: list[CompanyMention]) -> Optional[CompanyMention]:
        """The company the article is about: the one named most often (first named on a tie)."""
        if not mentions:
            return None
        counts = Counter((m.ticker or m.name) for m in mentions)
        best = max(counts.values())
        return next(m for m in mentions if counts[m.ticker or m.name] == best)

    # ------------------------------------------------------------------ tables, stat boxes, label: value lines

    def _structured(self, ctx: _Context, block: Block) -> list[_Candidate]:
        """Claims from a table row or a label:value line: each value cell read by its labels.

        The labels of a value are the row's label cells, the column header and the cell's own words
        ("last 182.40"); ``classify_cell`` says what they make of it. The quote is the whole row.
        """
        text = ctx.text
        row = block.span
        ctx.enter(row)
        cells = list(block.cells)
        if block.extra.get("role") == "header":
            return []
        row_company = next((m for m in ctx.local), None)
        if row_company is not None and block.kind == "table_row":
            named = {(m.ticker or m.name) for m in ctx.local}
            if len(named) > 1:
                row_company = None
        company = row_company or self._in_focus(ctx, row)
        first_text = next((c for c in cells if not re.search(r"\d", text[c.start : c.end])), None)
        if block.kind == "table_row" and first_text is not None and self._firm_re.fullmatch(text, first_text.start, first_text.end):
            found = self._analyst(ctx, row, find_money(text, row.start, row.end), row=True)
            focus = self._in_focus(ctx, row)
            for cand in found:
                cand.company = focus
            return found
        is_figure = [_is_value_cell(text[c.start : c.end]) for c in cells]
        row_labels = " ".join(text[c.start : c.end] for c, fig in zip(cells, is_figure) if not fig)
        out: list[_Candidate] = []
        for index, cell in enumerate(cells):
            if not is_figure[index] or (block.kind == "label_value" and index == 0):
                continue
            value = text[cell.start : cell.end]
            firm_lead = self._firm_re.match(text, cell.start, cell.end)
            if firm_lead and re.match(rf"\s*(?:{_TARGET_WORD}|{_RATING}\b|[$€£]?\d)", text[firm_lead.end() : cell.end]):
                found = self._analyst(ctx, cell, find_money(text, cell.start, cell.end), row=True)  # "MS PT 88 (OW)"
                for cand in found:
                    cand.company = company
                out.extend(found)
                continue
            column = text[block.header[index].start : block.header[index].end] if index < len(block.header) else ""
            own = re.sub(r"[\d.,$€£¥%+\-\u2212\u2013~]+|\b(?:USD|EUR|GBP|CHF|US|dollars?|euros?|[BMKT]|bn|mn|billion|million|trillion)\b", " ", value)
            label = " ".join(x for x in (column, row_labels, own) if x.strip())
            role, reason = classify_cell(label, value)
            if role is None:
                ctx.dropped.append(f"{text[row.start:row.end]!r}: {reason}")
                continue
            found = self._cell_claim(ctx, block, cell, role, label)
            if not found:
                ctx.dropped.append(f"{text[row.start:row.end]!r}: {reason}, but no value of that kind in {value!r}")
            for cand in found:
                cand.company = company
            out.extend(found)
        if out:
            ctx.topic = "stock" if any(c.kind in ("stock_price", "price_change") for c in out) else ctx.topic
        return out

    def _cell_claim(self, ctx: _Context, block: Block, cell: Span, role: str, label: str) -> list[_Candidate]:
        text = ctx.text
        family, name = role.split(":")
        quote = block.span
        dates = [d for d in _dates(label, ctx.ref, tense="past") if d.kind == "day" and d.date]
        day = dates[0].date if dates else None
        if family == "price":
            money = [m for m in find_money(text, cell.start, cell.end) if not m.scaled]
            if not money:
                money = [
                    Money(float(x.group(0).replace(",", "")), "USD", x.start(), x.end(), False)
                    for x in re.finditer(r"(?<![\d.,%])\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?(?![\d%]|\s?%)(?!\s+(?!US\b|USD\b|dollars\b)[A-Za-z])",
                                         text[cell.start : cell.end])
                ]
                money = [Money(m.value, m.currency, m.start + cell.start, m.end + cell.start, False) for m in money]
            if not money:
                return []
            picks = [("low", money[0]), ("high", money[-1])] if name == "range" and len(money) >= 2 else [(name, money[0])]
            if name == "range" and len(money) < 2:
                return []
            out = []
            for basis, m in picks:
                fields: dict[str, Any] = {"kind": "stock_price", "price": m.value, "currency": m.currency, "basis": basis}
                if day:
                    fields["date"] = day
                out.append(_Candidate("stock_price", fields, Span(m.start, m.end), quote))
            return out
        if family == "move":
            percents = [p for p in find_percents(text, cell.start, cell.end) if not p.points]
            if not percents:
                return []
            p = percents[0]
            value = p.value
            if not p.signed and re.search(r"\b(?:minus|down|lower|loss|decline)\b|\u2212", text[cell.start : cell.end] + " " + label, re.I):
                value = -abs(value)
            fields = {"kind": "price_change", "percent": value, "period": name if name != "unspecified" else "unspecified"}
            if day and re.search(r"\b(?:since|from|vs\.?|versus|compared (?:with|to))\s+(?!(?:the\s+)?(?:previous|prior|last|prev)\b)", label, re.I):
                # "| Since Monday's close (Aug. 31) | -6.3% |": the day is the move's base, the span starts after it
                fields["period"], fields["period_start"] = "unspecified", day + dt.timedelta(days=1)
            elif name == "day" and day:
                fields["date"] = day
            return [_Candidate("price_change", fields, Span(p.start, p.end), quote)]
        if family == "metric":
            money = find_money(text, cell.start, cell.end)
            if not money:
                return []
            m = money[0]
            if name != "eps" and not m.scaled and m.value < 1e6:
                return []
            fields = {"kind": "financial_metric", "metric": name, "value": m.value, "currency": m.currency}
            period = _PERIOD.search(label)
            if period:
                fields["period"] = period.group(0)
            return [_Candidate("financial_metric", fields, Span(m.start, m.end), quote)]
        if family == "workforce":
            counts = [c for c in find_counts(text, cell.start, cell.end) + _circa_counts(text, cell) if c.value >= 10 and not re.fullmatch(r"(?:19|20)\d{2}", text[c.start : c.end])]
            if not counts:
                return []
            c = counts[0]
            hedge = bool(re.search(r"(?:~|\bc\.|\babout|\baround|\broughly|\bsome)\s*$", text[cell.start : c.start], re.I))
            fields = {"kind": "workforce", "count": int(round(c.value)), "action": name, "approximate": hedge}
            periods = [d for d in _dates(label, ctx.ref, tense="past") if d.resolved]
            if periods:
                _apply_period(fields, periods[0])
            if name == "cut" and ((periods and periods[0].cumulative) or _CUMULATIVE.search(label)):
                fields["cumulative"] = True  # "Cut since October | c.30,000": a running total
            return [_Candidate("workforce", fields, Span(c.start, c.end), quote)]
        if family == "event":
            found = [d for d in _dates(text, ctx.ref, cell.start, cell.end, tense="future") + _dash_dates(text, ctx.ref, cell, "future")
                     if d.kind == "day" and d.date]
            if not found:
                return []
            d = found[0]
            fields = {"kind": "scheduled_event", "event": name, "date": d.date, "description": " ".join(label.split())[:80]}
            return [_Candidate("scheduled_event", fields, Span(d.start, d.end), quote)]
        return []

    @staticmethod
    def _explain_unused(ctx: _Context, sent: Span, found: list["_Candidate"]) -> None:
        """With ``explain``: every money amount and percentage of the sentence that no claim took, and why."""
        text = ctx.text
        taken = [c.anchor for c in found]
        spans = [(m.start, m.end, "amount") for m in find_money(text, sent.start, sent.end)]
        spans += [(p.start, p.end, "percentage") for p in find_percents(text, sent.start, sent.end)]
        for start, end, what in sorted(spans):
            if ctx.is_used(start, end) or any(a.start <= start and end <= a.end for a in taken):
                continue
            sentence = text[sent.start : sent.end]
            if len(sentence) > 90:
                sentence = sentence[:87] + "..."
            ctx.dropped.append(f"{what} {text[start:end]!r} in {sentence!r}: no claim kind's cue (verb, label, subject) reads it")

    # ------------------------------------------------------------------ discourse state

    @staticmethod
    def _enter_heading(ctx: _Context, sent: Span) -> None:
        """A heading that names one company ("## Microsoft (MSFT)") puts it in focus until the next heading."""
        ctx.enter(sent)
        named = {(m.ticker or m.name) for m in ctx.local}
        ctx.section = ctx.local[0] if len(named) == 1 else None
        ctx.previous_subject = ctx.section

    def _after_sentence(self, ctx: _Context, sent: Span, found: list["_Candidate"]) -> None:
        """Carry the sentence's subject and topic to the next one."""
        text = ctx.text
        named = self._firm_re.search(text, sent.start, sent.end) if not any(c.kind == "analyst_rating" for c in found) else None
        ctx.firm_in_focus = canonical_firm(named.group(0)) if named and sent.end - sent.start <= 80 else None
        if ctx.local:
            first = ctx.local[0]
            lead = text[sent.start : first.start]
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

    def _company_for(self, ctx: _Context, cand: _Candidate, sent: Span) -> Optional[CompanyMention]:
        if cand.company is not None:
            return cand.company

        def allowed(m: CompanyMention) -> bool:
            return not any(m.start < x.end and x.start < m.end for x in cand.exclude_company)

        inside = [m for m in ctx.local if allowed(m)]
        before = [m for m in inside if m.end <= cand.anchor.end]
        if before:
            in_quote = [m for m in before if m.start >= cand.quote.start]
            return (in_quote or before)[-1]
        if inside:
            return inside[0]
        return self._in_focus(ctx, sent)

    @staticmethod
    def _in_focus(ctx: _Context, sent: Span) -> Optional[CompanyMention]:
        """Who 'the stock', 'the shares', 'it', 'the group' is: the section's company, else the last
        sentence's subject when this one opens with an anaphor, else the article's main company."""
        if ctx.section is not None:
            return ctx.section
        if ctx.previous_subject is not None and _ANAPHOR.match(ctx.text, sent.start):
            return ctx.previous_subject
        return ctx.main

    # ------------------------------------------------------------------ per sentence

    def _sentence(self, ctx: _Context, sent: Span) -> list[_Candidate]:
        text = ctx.text
        ctx.enter(sent)
        ctx.lead = _leading_date(text, ctx.ref, sent)
        clauses = _pieces(text, sent, _CLAUSE_BREAK)
        money = find_money(text, sent.start, sent.end)
        percents = find_percents(text, sent.start, sent.end)
        out: list[_Candidate] = []
        out.extend(self._analyst(ctx, sent, money))
        out.extend(self._metrics(ctx, sent, clauses, money))
        out.extend(self._deals(ctx, sent, clauses, money))
        out.extend(self._prices(ctx, sent, clauses, money, percents))
        out.extend(self._moves(ctx, sent, clauses, percents))
        out.extend(self._workforce(ctx, sent, clauses))
        out.extend(self._events(ctx, sent, clauses))
        for cand in out:
            company = self._company_for(ctx, cand, sent)
            cand.company = company
        return out

    # ------------------------------------------------------------------ analyst ratings

    def _firm(self, ctx: _Context, seg: Span) -> Optional[tuple[str, Span]]:
        text = ctx.text
        piece = text[seg.start : seg.end]
        m = _FIRM_LEAD.match(piece)
        known = self._firm_re.search(text, seg.start, seg.end)
        if known:
            return canonical_firm(known.group(0)), Span(known.start(), known.end())
        person = self._person_firm(ctx, seg)
        if person is not None:
            return person
        if m:
            name = m["firm"].strip()
            if not self._is_company(name):
                return canonical_firm(name), Span(seg.start + m.start("firm"), seg.start + m.start("firm") + len(name))
        m = _FIRM_PROSE.search(piece)
        if m and not self._is_company(m["firm"]):
            return canonical_firm(m["firm"]), Span(seg.start + m.start("firm"), seg.start + m.end("firm"))
        m = _FIRM_VERB_LEAD.match(piece)
        if m and not self._is_company(m["firm"]) and m["firm"].split()[0] not in _NOT_FIRM_STARTS:
            return canonical_firm(m["firm"]), Span(seg.start + m.start("firm"), seg.start + m.end("firm"))
        m = _FIRM_LINE.match(piece)
        if m and len(m["firm"].split()) <= 4 and not self._is_company(m["firm"]) and re.match(
            rf"(?:{_RATING}|OW|UW|EW|{_TARGET_WORD}|[$€£]?\d)", piece[m.end() :]
        ) and m["firm"].split()[0].lower() not in ("next", "last", "street", "analyst", "analysts", "close", "price", "rating", "eps", "revenue", "q1", "q2", "q3", "q4"):
            return canonical_firm(m["firm"]), Span(seg.start + m.start("firm"), seg.start + m.end("firm"))
        return None

    def _person_firm(self, ctx: _Context, seg: Span) -> Optional[tuple[str, Span]]:
        """An analyst named in place of the firm: one the article ties to a firm elsewhere ("Wedbush's Dan
        Ives", then "Ives is at $350"), or the subject right after a sentence that named only a firm."""
        text = ctx.text
        if ctx.analysts is None:
            ctx.analysts = {}
            for pattern in self._person_firm_res:
                for hit in pattern.finditer(text):
                    person = " ".join(hit["person"].split())
                    if set(person.split()) & _NOT_PERSON_WORDS or person.split()[0] in _NOT_FIRM_STARTS or self._is_company(person):
                        continue
                    firm = canonical_firm(hit["firm"])
                    for name in (person, person.split()[-1]):
                        if ctx.analysts.setdefault(name, firm) != firm:
                            ctx.analysts[name] = ""  # two firms for one name: not settled
        for name, firm in sorted(ctx.analysts.items(), key=lambda kv: -len(kv[0])):
            if not firm:
                continue
            hit = re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[seg.start : seg.end])
            if hit:
                return firm, Span(seg.start + hit.start(), seg.start + hit.end())
        lead = _PERSON_LEAD.match(text[seg.start : seg.end])
        if ctx.firm_in_focus and lead and not self._is_company(lead["person"]) and lead["person"].split()[0] not in _NOT_FIRM_STARTS \
                and not set(lead["person"].split()) & _NOT_PERSON_WORDS:
            return ctx.firm_in_focus, Span(seg.start + lead.start("person"), seg.start + lead.end("person"))
        return None

    @staticmethod
    def _is_company(name: str) -> bool:
        names = known_names()
        return name in names or name.split(" ")[0] in names

    def _analyst(self, ctx: _Context, sent: Span, money: list[Money], row: bool = False) -> list[_Candidate]:
        """Analyst actions; ``row`` is a table row or list line led by a firm ("JPM | 350 from 335 | OW"),
        where targets may be bare numbers and no cue word is needed."""
        text = ctx.text
        line_lead = _FIRM_LINE.match(text[sent.start : sent.end])
        if not row and line_lead and (
            _TARGET_WORD_RE.search(text, sent.start, sent.end)
            or re.search(rf"[\u2014\u2013|]\s*(?:{_RATING}|OW|UW|EW)\s*[\u2014\u2013|]", text[sent.start : sent.end])
        ):
            row = True
        if not row and ctx.topic == "analyst" and (self._firm_re.search(text, sent.start, sent.end) or self._person_firm(ctx, sent)) and re.search(
            r"\b(?:went|goes|moved|moves|is|sits|stands|stays|now)\s+(?:up\s+|down\s+)?(?:to|at)\s+[$€£]", text[sent.start : sent.end]
        ):
            row = True  # "What did the analysts do? ... JPMorgan went to $350 from $325."
        if not row and not _ANALYST_CUE.search(text, sent.start, sent.end):
            return []
        if row:
            money = sorted(money + _bare_numbers(text, sent.start, sent.end, money), key=lambda m: m.start)
        else:
            # "raised its target from 80 to 95 dollars": the bare 80 is the previous target
            firsts = [b for b in _bare_numbers(text, sent.start, sent.end, money)
                      if re.search(r"\bfrom\s+$", text[max(sent.start, b.start - 6) : b.start])
                      and re.match(r"\s+to\s+(?:[$€£]\s?)?\d", text[b.end : b.end + 8])]
            money = sorted(money + firsts, key=lambda m: m.start)
        out: list[_Candidate] = []
        # segments split at ";", "while", "but" so two firms in one sentence stay apart; a segment without a
        # firm of its own ("..., while keeping an overweight rating") still belongs to the one before
        segments: list[tuple[Span, Optional[tuple[str, Span]]]] = []
        for seg in self._firm_pieces(text, _pieces(text, sent, _SEGMENT_BREAK)):
            found = self._firm(ctx, seg)
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
            seg_row = row or bool(
                _TARGET_WORD_RE.search(text, sent.start, sent.end)
                and re.fullmatch(r"\s*(?:PT\s+|target\s+)?[$€£]\s?[\d.,]+\s*", text[firm_span.end : seg.end])
            )  # "JPM PT $305; Roth $290"
            if not (seg_row or _ANALYST_CUE.search(segment)):
                continue
            fields: dict[str, Any] = {"kind": "analyst_rating", "firm": firm}
            written = " ".join(text[firm_span.start : firm_span.end].split()).rstrip(".,")
            if written and written.lower() != firm.lower() and canonical_firm(written) == firm:
                fields["firm_as_written"] = written  # the checks use the canonical name; the reader sees both
            used: list[Span] = [firm_span]
            seg_money = [m for m in money if m.start >= seg.start and m.end <= seg.end and not m.scaled]
            target, previous = self._targets(text, seg, seg_money, seg_row)
            if target is not None:
                fields["price_target"], fields["currency"] = target.value, target.currency
                used.append(Span(target.start, target.end))
            if previous is not None:
                fields["previous_price_target"] = previous.value
                used.append(Span(previous.start, previous.end))
            rating, prev_rating, rating_span = self._ratings(segment, seg.start)
            if rating:
                fields["rating"] = rating
                used.append(rating_span)
            if prev_rating:
                fields["previous_rating"] = prev_rating
            action = next((name for name, pattern in _ANALYST_ACTIONS if pattern.search(segment)), None)
            if action in ("maintain", "reiterate", None) and target and previous:
                action = "raise_target" if target.value > previous.value else "lower_target" if target.value < previous.value else action
            if action:
                fields["action"] = action
            if target is None and rating is None and action not in ("upgrade", "downgrade", "initiate", "raise_target", "lower_target"):
                continue
            dates = _dates(text, ctx.ref, seg.start, seg.end, tense="past")
            dates = [d for d in dates if d.kind in ("day", "week", "month", "span")]
            anchor = Span(min(u.start for u in used), max(u.end for u in used))
            near = _with_lead(_nearest(dates, anchor), ctx.lead, ("day", "week", "month", "span"))
            _apply_period(fields, near, "date", "window_start", "window_end")
            for u in used[1:]:
                ctx.use(u.start, u.end)
            quote = Span(*_trim(text, seg.start, seg.end, ",;:"))
            out.append(_Candidate("analyst_rating", fields, anchor, quote, exclude_company=[firm_span]))
        return out

    def _firm_pieces(self, text: str, pieces: list[Span]) -> list[Span]:
        """Pieces cut again where another known firm starts a new action after ', ' or ' and '
        ("Goldman Sachs raised its target to $827, Citi lifted its target to $950 and Needham
        upgraded ..."): each firm keeps its own target and rating."""
        out: list[Span] = []
        for piece in pieces:
            start = piece.start
            for m in self._firm_re.finditer(text, piece.start, piece.end):
                if m.start() <= start:
                    continue
                joint = re.search(r"(?:,\s*(?:and\s+|while\s+)?|\s+and\s+)$", text[max(start, m.start() - 8) : m.start()])
                if joint is None or not _ANALYST_CUE.search(text, m.end(), piece.end):
                    continue
                if not _ANALYST_CUE.search(text, start, m.start()) and not self._firm_re.search(text, start, m.start()):
                    continue
                cut = m.start() - len(joint.group(0))
                out.append(Span(*_trim(text, start, cut, ",")))
                start = m.start()
            out.append(Span(*_trim(text, start, piece.end)))
        return [p for p in out if p.end > p.start]

    @staticmethod
    def _targets(text: str, seg: Span, seg_money: list[Money], row: bool = False) -> tuple[Optional[Money], Optional[Money]]:
        """The new and the previous price target among the segment's amounts."""
        if not seg_money:
            return None, None
        has_target_word = row or bool(_TARGET_WORD_RE.search(text, seg.start, seg.end))
        target: Optional[Money] = None
        previous: Optional[Money] = None
        for first, second in zip(seg_money, seg_money[1:]):
            if re.fullmatch(r"\s*(?:\u2192|->|=>|\u27a1|\u2794|to)\s*", text[first.end : second.start]) and (
                has_target_word or re.search(r"\u2192|->|=>", text[first.end : second.start])
            ):
                return second, first  # "PT $335 → $350": from the first to the second
        for m in seg_money:
            before = text[max(seg.start, m.start - 60) : m.start]
            after = text[m.end : min(seg.end, m.end + 30)]
            if re.search(r"\b(?:by|removes?|removed|@)\s*$|@\s*$", before, re.I):
                continue
            if re.search(r"\b(?:prior|previous|earlier|old|former)\s+(?:price\s+)?(?:target|PT|objective)(?:\s+(?:of|was))?\s*$", before, re.I):
                previous = previous or m
                continue
            if re.search(r"\bfrom\s*$", before, re.I):
                if has_target_word or re.search(r"\b(?:rais|lower|cut|lift|boost|trim)\w*\b", before, re.I):
                    previous = previous or m
                continue
            near_word = re.search(rf"\b{_TARGET_WORD}\b[^$€£]{{0,40}}$", before, re.I) or re.search(
                r"\bsees?\s+(?:the\s+)?(?:share|stock|shares|paper|it)\s+at\s*$", before, re.I) or (
                row and re.search(r"(?:^|[|\u2014\u2013:]\s*)$|\b(?:is|sits|stands|stays|now)\s+(?:now\s+)?at\s*$", before))
            word_after = re.match(rf"^\s*(?:{_TARGET_WORD}|per share price target)\b", after, re.I)
            verb_to = re.search(
                r"\b(?:rais\w*|lower\w*|cut\w*|lift\w*|boost\w*|trim\w*|announc\w*|set\w*|maintain\w*|reiterat\w*|"
                r"keep\w*|sees?|to)\b[^$€£]{0,25}$", before, re.I)
            if near_word or word_after or (verb_to and has_target_word) or (
                verb_to and re.search(r"\b(?:announc\w*|rais\w*|lower\w*)\s+(?:to\s+)?$", before, re.I)
            ):
                if target is None:
                    target = m
        if target is None and row and previous is None and len(seg_money) == 1:
            target = seg_money[0]  # "JPM PT $305; Roth $290": a firm and one figure in a list of targets
        if target is None and previous is not None:
            return None, None
        return target, previous

    @staticmethod
    def _ratings(segment: str, offset: int) -> tuple[Optional[str], Optional[str], Span]:
        for pattern in _RATING_PATTERNS:
            m = pattern.search(segment)
            if not m:
                continue
            new = m["new"]
            # lower-case "buy"/"sell"/"hold" are verbs far more often than ratings
            if new.islower() and new.lower() in ("buy", "sell", "hold", "reduce", "positive", "negative", "perform") and pattern is not _RATING_PATTERNS[0]:
                if not re.search(rf"{re.escape(new)}[- ]rat", segment[m.start("new") :], re.I):
                    continue
            prev = m.groupdict().get("prev")
            span = Span(offset + m.start("new"), offset + m.end("new"))
            return _rating_name(new), (_rating_name(prev) if prev else None), span
        return None, None, Span(offset, offset)

    # ------------------------------------------------------------------ reported figures

    def _metrics(self, ctx: _Context, sent: Span, clauses: list[Span], money: list[Money]) -> list[_Candidate]:
        text = ctx.text
        out: list[_Candidate] = []
        for m in money:
            if ctx.is_used(m.start, m.end):
                continue
            clause = _enclosing(clauses, m.start, m.end)
            before = text[max(clause.start, m.start - 70) : m.start]
            after = text[m.end : min(sent.end, m.end + 40)]
            if (_ESTIMATE_BEFORE.search(before) or _ESTIMATE_AFTER.match(after) or _PRIOR_BEFORE.search(before)
                    or _CONSENSUS_AFTER.match(after) or (re.search(r"\bor\s+$", before) and out and out[-1].comparison)):
                compared = self._comparison(ctx, sent, clauses, m, before, after, out)
                if compared is not None:
                    ctx.use(m.start, m.end)
                    out.append(compared)
                continue
            metric: Optional[str] = None
            noun_start = m.start
            hit = _METRIC_BEFORE.search(before)
            if hit:
                metric = next(name for name, _ in _METRICS if hit.group(name))
                noun_start = m.start - len(before) + hit.start()
                if _METRIC_WORDS.search(hit["mid"] or "") and metric != "eps":
                    # "revenue ... price target of $X": another subject sits between noun and number
                    if re.search(r"\b(?:targets?|PT|dividends?|price)\b", hit["mid"], re.I):
                        metric = None
            else:
                after_hit = _METRIC_AFTER.match(after)
                if after_hit:
                    noun = after_hit["noun"].lower()
                    metric = "revenue" if noun.startswith(("revenue", "sales")) else "net_income" if "profit" in noun or "income" in noun else None
                elif _PER_SHARE_AFTER.match(after) and (_EARN_VERB.search(before) or (
                    re.search(r"\bor\s+$", before) and _EARN_VERB.search(text, sent.start, m.start))) and not re.search(
                    r"\b(?:trades?|trading|traded|priced|costs?|at)\s+(?:at\s+)?(?:about\s+|around\s+|roughly\s+|near\s+)?$", before, re.I):
                    metric = "eps"
                elif m.scaled and m.value >= 1e9 and re.search(r"\b(?:a|an)\s+$", before, re.I) and re.match(
                    r"\s*(?:-dollar\s+)?(?:company|firm|business|giant|group|corporation|enterprise|behemoth|colossus)\b", after, re.I):
                    metric = "market_cap"  # "a $2 trillion company"
            if metric is None and out and out[-1].anchor.end <= m.start and re.fullmatch(r"\s*(?:,\s*)?and\s+", text[out[-1].anchor.end : m.start]) \
                    and re.match(r"\s*,?\s*respectively\b", after, re.I):
                metric = out[-1].fields["metric"]  # "$44.9 billion and $13.3 billion, respectively"
            if metric is None and m.scaled and out and out[-1].fields.get("metric") == "other" and out[-1].anchor.end <= m.start:
                # a list of segments: "Americas Sales $25.5B, Europe $14.3B, Greater China $9.5B"
                if re.fullmatch(r",\s*(?:and\s+)?(?:(?:[A-Z]|[a-z][A-Z])[\w&'.-]*(?:,?\s+|\s*&\s*|\s+and\s+)){1,5}", text[out[-1].anchor.end : m.start]):
                    metric, noun_start = "other", m.start - len(text[out[-1].anchor.end : m.start].lstrip(", "))
            if metric is None:
                continue
            if metric == "eps" and m.scaled:
                continue
            if metric in ("revenue", "net_income", "operating_income", "market_cap") and not m.scaled and m.value < 1e6:
                continue
            if metric == "market_cap" and re.search(r"\b(?:lose|loses|lost|wip\w*|add\w*|gain\w*|erase\w*)\b[^$]{0,15}$", before, re.I):
                continue
            value = m.value
            noun_text = hit.group("noun").lower() if hit else ""
            if "loss" in noun_text:
                value = -value
            if metric == "revenue":
                if hit and self._segment_qualified(text, noun_start):
                    metric = "other"
                elif _GUIDANCE.search(text, clause.start, m.start):
                    metric = "guidance_revenue"
            end = m.end
            upper = re.match(r"\s*(?:to|-|\u2013|and)\s*(?=[$€£])", text[m.end : m.end + 7])
            if upper and upper.group(0).strip() == "and" and not re.search(r"\bbetween\s*$", before, re.I):
                upper = None
            if upper:
                # a range ("$8.80 to $9.20 per share") is one figure: its midpoint, the usual reading of guidance
                top = next((x for x in money if x.start == m.end + upper.end()), None)
                if top is not None and top.currency == m.currency:
                    value = round((value + (-top.value if value < 0 else top.value)) / 2, 6)
                    ctx.use(top.start, top.end)
                    end = top.end
            fields: dict[str, Any] = {"kind": "financial_metric", "metric": metric, "value": value, "currency": m.currency}
            periods = [p for p in _PERIOD.finditer(text, sent.start, sent.end)]
            if periods:
                nearest = min(periods, key=lambda p: abs(p.start() - noun_start))
                fields["period"] = nearest.group(0)
            ctx.use(m.start, m.end)
            anchor = Span(min(noun_start, m.start), end)
            out.append(_Candidate("financial_metric", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
        return out

    def _comparison(self, ctx: _Context, sent: Span, clauses: list[Span], m: Money, before: str, after: str,
                    out: list[_Candidate]) -> Optional[_Candidate]:
        """A figure set against the current one: the consensus it beat ("vs c.$1.45 consensus") is a
        forecast; the year-ago figure ("versus $1.68 in the prior-year quarter") is a claim about the
        year-ago period, emitted only when the current period and its year are settled."""
        text = ctx.text
        chained = bool(re.search(r"\bor\s+$", before)) and bool(out) and out[-1].comparison
        consensus_before = _CONSENSUS_BEFORE.search(before)
        consensus_after = _CONSENSUS_AFTER.match(after)
        prior_after = _PRIOR_AFTER.match(after)
        prior_before = _PRIOR_BEFORE.search(before)
        if consensus_before or consensus_after:
            kind = "consensus"
        elif prior_before or (prior_after and (_COMPARE_WORD.search(before) or chained)):
            kind = "prior"
        elif chained and out[-1].attribution == "forecast":
            kind = "consensus"
        else:
            return None
        per_share = not m.scaled and m.value < 1000
        current = [c for c in out if not c.comparison and c.anchor.end <= m.start and c.fields.get("metric") not in ("other", "market_cap")]
        fits = [c for c in current if (c.fields["metric"] == "eps") == per_share]
        if not fits:
            return None
        cur = fits[-1]
        if not per_share and not m.scaled and m.value < 1e6:
            return None
        fields: dict[str, Any] = {"kind": "financial_metric", "metric": cur.fields["metric"], "value": m.value, "currency": m.currency}
        start, end = m.start, m.end
        if kind == "consensus":
            if cur.fields.get("period"):
                fields["period"] = cur.fields["period"]
            if consensus_before:
                start = m.start - len(before) + consensus_before.start()
            if consensus_after:
                end = m.end + consensus_after.end()
        else:
            settled = self._settled_period(ctx, cur.fields.get("period"))
            quarter = self._article_quarter(ctx, cur.fields.get("period")) if settled is None else None
            if settled is not None:
                fields["period"] = _year_before(*settled)
            elif quarter is not None:
                # "Q3" with no year anywhere: the check takes the year before the latest Q3 on record
                fields["period"] = f"{quarter}, a year earlier"
            else:
                ctx.dropped.append(f"{text[m.start:m.end]!r} is a year-ago figure, but the current period is not stated")
                return None
            if prior_before:
                start = m.start - len(before) + prior_before.start()
            if prior_after:
                end = m.end + prior_after.end()
        anchor = Span(start, end)
        return _Candidate("financial_metric", fields, anchor, _enclosing(clauses, anchor.start, anchor.end),
                          attribution="forecast" if kind == "consensus" else None, comparison=True)

    def _settled_period(self, ctx: _Context, period: Optional[str]) -> Optional[tuple[str, bool]]:
        """The current figure's period with its year ('Q3 2020', fiscal?), from its own words or from the
        quarter the article names with a year; None when that is not certain."""
        from ..check.financial_metric import period_key

        key = period_key(period) if period else None
        fiscal = bool(period and re.search(r"\bfiscal\b|FY", period, re.I))
        if key and re.fullmatch(r"(?:Q[1-4]|H[12]|FY) \d{4}", key):
            return key, fiscal
        if ctx.doc_periods is None:
            ctx.doc_periods = []
            for hit in _DOC_PERIOD.finditer(ctx.text):
                found = period_key(hit.group(0))
                if found and re.fullmatch(r"Q[1-4] \d{4}", found):
                    ctx.doc_periods.append((found, bool(re.search(r"\bfiscal\b|FY", hit.group(0), re.I))))
        named = ctx.doc_periods
        if key and re.fullmatch(r"Q[1-4]", key):
            named = [d for d in named if d[0].startswith(key + " ")]
        elif key:
            return None
        if not named or len({d[0][:2] for d in named}) != 1:
            return None  # no quarter named with a year, or several different quarters
        latest = max(named, key=lambda d: int(d[0][3:]))  # the year-ago quarter may be named too
        return latest[0], latest[1] or fiscal

    @staticmethod
    def _article_quarter(ctx: _Context, period: Optional[str]) -> Optional[str]:
        """The one quarter ('Q3') the figure or, failing that, the whole article names, without a year."""
        from ..check.financial_metric import period_key

        if period:
            key = period_key(period) or ""
            return key if re.fullmatch(r"Q[1-4]", key) else None
        if ctx.named_periods is None:
            ctx.named_periods = frozenset(period_key(p.group(0)) or "" for p in _PERIOD.finditer(ctx.text))
        keys = ctx.named_periods
        if len(keys) == 1 and re.fullmatch(r"Q[1-4]", next(iter(keys))):
            return next(iter(keys))  # every period the article names is that one quarter
        return None

    def _segment_qualified(self, text: str, noun_start: int) -> bool:
        """'iPhone sales', 'Service revenue', 'cloud revenue' are one segment's figure, not the company's."""
        prev = re.search(r"([\w'\u2019&-]+)\s*$", text[max(0, noun_start - 40) : noun_start])
        if not prev:
            return False
        word = prev.group(1)
        low = word.lower()
        if low in _SEGMENT_OK or re.fullmatch(r"(?:q[1-4]|[1-4]q\w*|f[1-4]q\w*|fy\w*|\d{2,4}|\d+(?:st|nd|rd|th)?)", low):
            return False
        if re.sub(r"['\u2019]s$", "", word) in known_names():
            return False
        return True

    # ------------------------------------------------------------------ deals

    def _deals(self, ctx: _Context, sent: Span, clauses: list[Span], money: list[Money]) -> list[_Candidate]:
        text = ctx.text
        out: list[_Candidate] = []
        sentence = text[sent.start : sent.end]
        for m in money:
            if ctx.is_used(m.start, m.end) or (not m.scaled and m.value < 1e6):
                continue
            window = Span(max(sent.start, m.start - 90), min(sent.end, m.end + 60))
            if _DEAL_EXCLUDE.search(text, max(sent.start, m.start - 40), min(sent.end, m.end + 25)):
                continue
            best: Optional[tuple[int, str, re.Match[str]]] = None
            for deal_type, pattern in _DEAL_TYPES:
                for hit in pattern.finditer(text, window.start, window.end):
                    distance = min(abs(hit.start() - m.end), abs(m.start - hit.end()))
                    if best is None or distance < best[0]:
                        best = (distance, deal_type, hit)
            if best is None:
                continue
            _, deal_type, trigger = best
            status = next((name for name, pattern in _DEAL_STATUS if pattern.search(sentence)), "announced")
            fields: dict[str, Any] = {
                "kind": "deal", "amount": m.value, "currency": m.currency, "deal_type": deal_type, "status": status,
                "up_to": bool(re.search(r"\b(?:up to|as much as|no more than)\s*$", text[max(sent.start, m.start - 15) : m.start], re.I)),
            }
            exclude: list[Span] = []
            cp_pattern = _COUNTERPARTY.get(deal_type)
            if cp_pattern is not None:
                for cp in cp_pattern.finditer(text, sent.start, sent.end):
                    name = cp["cp"].rstrip(".,'")
                    name = re.sub(r"\s+(?:For|At|In|With|From|To|And|Of|On|As|Amid|After|Following)\b.*$", "", name)
                    follower = re.match(r"\s+([a-z][\w-]*)", text[cp.start("cp") + len(name) : cp.start("cp") + len(name) + 30])
                    if follower and follower.group(1) not in _NAME_FOLLOWERS:
                        continue  # "in AI-enabled data centers": a capitalised adjective, not a company
                    if name and not re.fullmatch(r"(?:The|A|An|It|Its|[A-Z])", name):
                        fields["counterparty"] = name
                        exclude.append(Span(cp.start("cp"), cp.start("cp") + len(name)))
                        break
            dates = _dates(text, ctx.ref, sent.start, sent.end, tense=_tense(sentence))
            _apply_period(fields, _nearest([d for d in dates if d.kind == "day"], Span(m.start, m.end)))
            ctx.use(m.start, m.end)
            anchor = Span(min(trigger.start(), m.start), max(trigger.end(), m.end))
            quote = _enclosing(clauses, anchor.start, anchor.end)
            if "counterparty" in fields and exclude and exclude[0].end <= sent.end:
                quote = Span(quote.start, max(quote.end, _enclosing(clauses, exclude[0].start, exclude[0].end).end))
            out.append(_Candidate("deal", fields, anchor, quote, exclude_company=exclude))
        return out

    # ------------------------------------------------------------------ share prices

    @staticmethod
    def _implicit_subject(ctx: _Context, sent: Span, clause: Span, trig_start: int) -> bool:
        """The stock is the unwritten subject: a bullet or line that opens with the verb ("Closed at $420.15")
        under a company in focus, or a participle clause ("..., having closed the session at $X", "trading
        near $X") after a clause whose subject is the stock."""
        text = ctx.text
        lead = text[sent.start : trig_start].strip(" -*\u2022\t")
        if not lead and (ctx.section is not None or ctx.main is not None):
            return True
        if (ctx.section is not None or ctx.main is not None) and _SUBJECTLESS.match(lead) and not ctx.local:
            return True  # "Closed at $612.40, up 1.1%": the bullet's verb has no subject of its own
        clause_lead = text[clause.start : trig_start].strip(" -*\u2022\t(")
        earlier = text[sent.start : clause.start]
        last_stock = max((x.end() for x in _STOCK_SUBJECT.finditer(earlier) if not re.search(r"\b(?:per|a)\s+(?:diluted\s+|basic\s+)?$", earlier[: x.start()])), default=-1)
        if _METRIC_WORDS.search(earlier, max(0, last_stock)) or re.search(r"\bper (?:diluted |basic )?share\b", earlier[max(0, last_stock):]):
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
            return bool(_STOCK_SUBJECT.search(earlier)) or any(c.end <= clause.start for c in ctx.local)
        return False

    def _prices(self, ctx: _Context, sent: Span, clauses: list[Span], money: list[Money], percents: list[Percent]) -> list[_Candidate]:
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
                has_subject = self._implicit_subject(ctx, sent, clause, trig_start)
            if not has_subject:
                has_subject = bool(_ANAPHOR_SUBJECT.search(text, clause.start, trig_start + 1))
            if not has_subject and basis == "close" and re.search(
                rf"\b(?:{_WEEKDAY_WORD}|yesterday|today)['\u2019]s\s+$", text[max(clause.start, trig_start - 15) : trig_start], re.I
            ) and re.match(r"close\b", text[trig_start:]) and self._in_focus(ctx, sent) is not None:
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

    # ------------------------------------------------------------------ price moves

    def _moves(self, ctx: _Context, sent: Span, clauses: list[Span], percents: list[Percent]) -> list[_Candidate]:
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
            noun = _MOVE_NOUN_AFTER.match(after)
            noun_before = None if verb else (_MOVE_NOUN_BEFORE.search(before[-60:]) or _SIGN_WORD_BEFORE.search(before[-20:]))
            year_start = _BELOW_YEAR_START.match(after)
            if year_start and not verb:
                sign = -1 if year_start["side"].lower() in ("below", "under") else 1
                trig_start = p.start
            elif noun_before:
                word = noun_before["noun"].lower()
                sign = -1 if word in _DOWN_NOUNS else 1
                trig_start = p.start - len(before[-60:]) + noun_before.start()
            elif verb:
                word = verb["verb"].lower()
                sign = 1 if _UP_RE.fullmatch(word) else -1
                trig_start = p.start - len(before[-60:]) + verb.start()
            elif noun:
                sign = -1 if noun["noun"].lower() in _DOWN_NOUNS else 1
                if re.match(r"^\s*\w+\s+(?:in|of)\s+(?:\w+\s+){0,3}?(?:revenue|sales|earnings|profit|EPS|output|production|shipments|volume)", after, re.I):
                    continue
            elif p.signed:
                sign = 1 if p.value > 0 else -1
            else:
                continue
            if re.match(r"^\s*(?:from|over|versus|vs\.?|compared (?:with|to))\s+(?:a|the)\s+(?:year|quarter)|"
                        r"^\s*(?:year[- ]over[- ]year|YoY|y/y|on the year|annually|sequentially)", after, re.I):
                continue
            if re.match(r"^\s*(?:stake|of (?:its|the|their)|owned|ownership|interest|coupon|notes?|yield|dividend|"
                        r"of (?:revenue|sales|shares|the company)|market share|chance|probability|margin)\b", after, re.I):
                continue
            subjects = [x.end() for x in _STOCK_SUBJECT.finditer(text, clause.start, trig_start)]
            subjects += [c.end for c in ctx.local if c.start >= clause.start and c.end <= trig_start]
            pronoun = None if subjects or not (verb and ctx.main is not None) else _PRONOUN_SUBJECT.search(text, clause.start, trig_start)
            if pronoun is not None:
                subjects = [pronoun.end()]  # "It fell 3%": the pronoun is the subject, the main company its referent
            if not subjects and self._implicit_subject(ctx, sent, clause, trig_start):
                subjects = [clause.start]
            if not subjects and (noun_before or year_start or verb) and (
                _STOCK_SUBJECT.search(text, sent.start, trig_start) or _ANAPHOR_SUBJECT.search(text, sent.start, trig_start)
                or any(c.end <= trig_start for c in ctx.local)
                or (noun_before and re.search(r"(?:day|week)(?:'s|\u2019s)\s+(?:\w+\s+)?$", text[max(sent.start, trig_start - 25) : trig_start]))
            ) and not _METRIC_WORDS.search(text, max(sent.start, trig_start - 40), trig_start):
                subjects = [sent.start]  # "The paper finished at $50.98, a plus of 4.3 percent"; "Monday's rally of 1.2%"
            if not subjects:
                # a headline's subject may sit in the clause before ("X Shares Up ~$2.65 ...; Down ~0.2% for Session")
                if not (p.signed or verb) or not any(c.start >= sent.start and c.end <= trig_start for c in ctx.local):
                    continue
                subjects = [max(c.end for c in ctx.local if c.start >= sent.start and c.end <= trig_start)]
                between = [x.end() for x in _METRIC_WORDS.finditer(text, subjects[0], trig_start)]
                if between:
                    continue  # "Microsoft reported revenue of $69.6 billion, up 12%": the revenue moved
            last_subject = max(subjects)
            metrics = [x.end() for x in _METRIC_WORDS.finditer(text, clause.start, trig_start)]
            if metrics and max(metrics) > last_subject:
                continue
            value = abs(p.value) * sign
            fields: dict[str, Any] = {"kind": "price_change", "percent": value}
            dates = _own_dates(text, _dates(text, ctx.ref, clause.start, clause.end, tense="past"), p.end)
            bases = [d for d in dates if _BASE_DATE.search(text, max(clause.start, d.start - 30), d.start)]
            dates = [d for d in dates if d not in bases]
            near = _nearest(dates, Span(trig_start, p.end))
            if near is not None and (near.start > p.end + 40 or near.end < trig_start - 40) and not (
                ctx.lead is not None and near.start == ctx.lead.start
            ):
                near = None  # "... Output By 4% Through Mar.": a date that far away belongs to something else
            near = _with_lead(near, ctx.lead, ("day", "week", "month", "ytd", "year", "span"))
            window = text[clause.start : clause.end]
            if year_start:
                fields["period"] = "ytd"
            elif near is not None and near.kind == "day" and near.date:
                fields["date"], fields["period"] = near.date, "day"
            elif near is not None and near.kind == "month" and near.cumulative and near.period_start:
                fields["period_start"] = near.period_start  # "since October": from the close before it
            elif near is not None and near.kind in ("week", "month", "ytd"):
                fields["period"] = near.kind
                if near.period_end and ctx.ref and near.period_end < ctx.ref and not near.cumulative:
                    fields["date"] = near.period_end  # "last week": the week that ended, not the one under way
            elif near is not None and near.kind in ("year", "span"):
                fields["period"] = "year" if near.period_start and near.period_end and (near.period_end - near.period_start).days > 300 else "unspecified"
                if fields["period"] == "unspecified" and near.period_start:
                    fields["period_start"] = near.period_start  # "over the past four months"
            elif re.search(r"\b(?:on|for) the week\b", window, re.I):
                fields["period"] = "week"  # "-4.1% on the week": the week to date
            elif re.search(r"\b(?:for the session|on the day|for the day|in (?:early |late |midday |afternoon |morning )?trading|"
                           r"premarket|pre-market|after-hours|afterhours|intraday|session)\b", window, re.I):
                fields["period"] = "day"
                if ctx.ref and re.search(r"\b(?:premarket|pre-market|in (?:\w+ )?trading|session|intraday|today|on the day|for the day)\b", window, re.I):
                    fields["date"] = ctx.ref
            base = _nearest([d for d in bases if d.kind == "day" and d.date], Span(trig_start, p.end))
            if base is not None and "date" not in fields and "period_start" not in fields and fields.get("period") in (None, "unspecified"):
                # "up 31.5% since the close on July 30": measured from that close, so the span starts the day after
                fields["period"], fields["period_start"] = "unspecified", base.date + dt.timedelta(days=1)
            ctx.use(p.start, p.end)
            anchor = Span(trig_start, p.end)
            out.append(_Candidate("price_change", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
        return out

    # ------------------------------------------------------------------ workforce

    def _workforce(self, ctx: _Context, sent: Span, clauses: list[Span]) -> list[_Candidate]:
        text = ctx.text
        out: list[_Candidate] = []
        title: Optional[bool] = None  # computed on first need: most sentences never ask
        for c in find_counts(text, sent.start, sent.end) + _circa_counts(text, sent):
            if ctx.is_used(c.start, c.end) or c.value < 1:
                continue
            if re.fullmatch(r"(?:19|20)\d{2}", text[c.start : c.end]) and re.search(
                r"(?:quarter|fiscal|FY|year|in|since|of|during|by|until|through|Q[1-4]|[12]H|H[12]|"
                r"January|February|March|April|May|June|July|August|September|October|November|December)\s*$",
                text[max(sent.start, c.start - 15) : c.start], re.I,
            ):
                continue  # "fourth-quarter 2025 headcount reductions": a year is never a count
            after = text[c.end : min(sent.end, c.end + 60)]
            noun = _JOB_NOUN.match(after) or _OF_WORKFORCE.match(after)
            lead_noun = None if noun else _JOB_NOUN_BEFORE.search(text, max(sent.start, c.start - 45), c.start)
            if lead_noun is not None:
                out.append(self._lead_noun_count(ctx, sent, clauses, c, lead_noun))
                continue
            if noun is None and _JOB_NOUN_TITLE.match(after):
                if title is None:
                    title = is_title_case(text[sent.start : sent.end])
                noun = _JOB_NOUN_TITLE.match(after) if title else None
            if noun is None:
                carried = self._carried_count(ctx, sent, c, out)
                if carried is not None:
                    out.append(carried)
                continue
            noun_word = noun["noun"].lower()
            noun_end = c.end + noun.end("noun")
            clause = _enclosing(clauses, c.start, noun_end)
            clause_text = text[clause.start : clause.end]
            if noun_word in _CUT_NOUNS:
                action = "cut"
            else:
                # the cue sits in the clause, or elsewhere in the sentence ("The layoffs affect 5% of the
                # workforce, or about 10,000 employees")
                action = self._nearest_action(text, clause, c)
                if action is None:
                    action = self._nearest_action(text, sent, c)
                    if action is None and _HEADCOUNT_FRAGMENT.fullmatch(text, sent.start, sent.end):
                        action = "headcount"  # "About 29,000 employees worldwide." answering "How many people work there?"
                    if action is None:
                        continue
                    clause = sent  # the quote must hold the words that make it a cut
            if action == "headcount" and (_CUMULATIVE.search(clause_text) or re.match(r"\s*fewer\b", after, re.I)):
                # "about 30,000 roles in total" after a cut, "30,000 fewer roles": a running total of cuts,
                # never the company's headcount
                if not _CUT.search(text, max(0, sent.start - 300), sent.end) and not re.match(r"\s*fewer\b", after, re.I):
                    continue
                action = "cut"
            hedge = _HEDGE.search(text[max(sent.start, c.start - 20) : c.start])
            start = c.start - (len(text[max(sent.start, c.start - 20) : c.start]) - hedge.start()) if hedge else c.start
            fields: dict[str, Any] = {
                "kind": "workforce", "count": int(round(c.value)), "action": action, "approximate": bool(hedge),
            }
            dates = _dates(text, ctx.ref, clause.start, clause.end, tense=_tense(clause_text))
            near = _with_lead(_nearest(dates, Span(start, noun_end)), ctx.lead, ("day", "week", "month", "year", "span"))
            _apply_period(fields, near)
            if (near is not None and near.cumulative) or _CUMULATIVE.search(text, sent.start, sent.end):
                fields["cumulative"] = True
            ctx.use(c.start, c.end)
            anchor = Span(start, noun_end)
            quote = clause if clause == sent else _enclosing(clauses, anchor.start, anchor.end)
            out.append(_Candidate("workforce", fields, anchor, quote))
        return out

    @staticmethod
    def _lead_noun_count(ctx: _Context, sent: Span, clauses: list[Span], c: Count, lead: re.Match[str]) -> "_Candidate":
        text = ctx.text
        noun = lead["noun"].lower()
        action = "headcount" if noun in ("headcount", "workforce", "staff") else "cut"
        hedge = bool(re.search(r"(?:about|some|roughly|around|nearly|more than|~)\s*$", text[lead.start() : c.start], re.I))
        fields: dict[str, Any] = {"kind": "workforce", "count": int(round(c.value)), "action": action, "approximate": hedge}
        clause_text = text[sent.start : sent.end]
        near = _nearest(_dates(text, ctx.ref, sent.start, sent.end, tense=_tense(clause_text)), Span(lead.start(), c.end))
        _apply_period(fields, near)
        if action == "cut" and ((near is not None and near.cumulative) or _CUMULATIVE.search(clause_text)):
            fields["cumulative"] = True
        ctx.use(c.start, c.end)
        anchor = Span(lead.start(), c.end)
        return _Candidate("workforce", fields, anchor, _enclosing(clauses, anchor.start, anchor.end))

    @staticmethod
    def _carried_count(ctx: _Context, sent: Span, c: Count, found: list["_Candidate"]) -> Optional["_Candidate"]:
        """A count whose job noun is elsewhere: "on top of the 14,000 it announced in October",
        "c.25k overall" after a cut, "About 29,000 employees worldwide." as an answer. The topic
        (job cuts) comes from this sentence's claims or the sentences before."""
        text = ctx.text
        if c.value < 100 or re.fullmatch(r"(?:19|20)\d{2}", text[c.start : c.end]):
            return None  # a year is never a count
        before = text[max(sent.start, c.start - 40) : c.start]
        after = text[c.end : min(sent.end, c.end + 40)]
        in_topic = ctx.topic == "workforce" or any(f.kind == "workforce" for f in found) or bool(
            re.search(r"\b(?:jobs?|roles|positions|layoffs|lay-offs|job cuts|workforce|headcount)\b", text[sent.start : sent.end], re.I))
        if not in_topic:
            return None
        cut_verb = re.search(r"\b(?:cut|cuts|cutting|eliminat\w+|shed\w*|laid off|lay off|axed|slashed)\s+(?:about\s+|some\s+|roughly\s+|another\s+|~)?$", before, re.I)
        addition = re.search(r"\b(?:on top of|in addition to|besides|beyond|plus|after)\s+(?:the|its|an? (?:earlier|previous|prior))\s+(?:~|about\s+|some\s+|roughly\s+)?$", before, re.I) or re.search(
            r"\b(?:a further|another|an additional|a second round of|a new round of)\s+(?:~|about\s+|some\s+|roughly\s+)?$", before, re.I)
        total = re.match(r"\s*(?:overall|in total|in all|altogether|total|so far)\b", after, re.I) or re.search(
            r"\b(?:total|tally|count)\s+(?:to|of|at)\s+(?:~|about\s+|some\s+|roughly\s+|around\s+)?$", before, re.I) or re.search(
            r"\b(?:c\.|~|about|around|some|roughly)\s*$", before, re.I) and re.match(r"\s*(?:overall|in total|in all)\b", after, re.I)
        if not (addition or total or (cut_verb and (c.value >= 1000 or re.search(r"[kK]$", text[c.start : c.end])))):
            return None
        if re.match(r"\s*(?:%|percent|shares|dollars|euros|[$€£])", after, re.I):
            return None
        hedge = bool(re.search(r"(?:~|\bc\.|\babout|\baround|\broughly|\bsome|\bnearly)\s*$", before, re.I))
        fields: dict[str, Any] = {"kind": "workforce", "count": int(round(c.value)), "action": "cut", "approximate": hedge}
        if total:
            fields["cumulative"] = True
        dates = _dates(text, ctx.ref, sent.start, sent.end, tense="past")
        near = _nearest([d for d in dates if d.start >= c.end and d.start - c.end < 40], Span(c.start, c.end))
        _apply_period(fields, near)
        ctx.use(c.start, c.end)
        after_total = re.match(r"\s*(?:overall|in total|in all|altogether|total|so far)\b", after, re.I)
        anchor = Span(c.start, c.end + (after_total.end() if after_total else 0))
        return _Candidate("workforce", fields, anchor, Span(sent.start, sent.end) if addition else anchor)

    @staticmethod
    def _nearest_action(text: str, clause: Span, c: Count) -> Optional[str]:
        best: Optional[tuple[int, str]] = None
        for action, pattern in (("cut", _CUT), ("hire", _HIRE), ("headcount", _HEADCOUNT)):
            for hit in pattern.finditer(text, clause.start, clause.end):
                distance = c.start - hit.end() if hit.end() <= c.start else (hit.start() - c.end) + 15
                if hit.start() < c.end and hit.end() > c.start:
                    continue
                if action == "headcount" and hit.group(0).lower() in _WEAK_HEADCOUNT and hit.start() > c.start:
                    continue
                if best is None or distance < best[0]:
                    best = (distance, action)
        return best[1] if best else None

    # ------------------------------------------------------------------ scheduled events

    def _events(self, ctx: _Context, sent: Span, clauses: list[Span]) -> list[_Candidate]:
        text = ctx.text
        sentence = text[sent.start : sent.end]
        hits = [(name, h) for name, pattern in _EVENTS for h in pattern.finditer(text, sent.start, sent.end)]
        pending, ctx.pending_event = ctx.pending_event, None
        if not hits:
            return self._event_from_pending(ctx, sent, clauses, pending)
        tense = "future" if _FUTURE.search(sentence) or not _PAST.search(sentence) else "past"
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
                prep = re.search(r"\b(?:ahead (?:of|to)|into|before|after|since|following|two days after|days after)\s+(?:[\w'\u2019.-]+\s+){0,3}$",
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

    def _event_from_pending(self, ctx: _Context, sent: Span, clauses: list[Span], pending: Optional[tuple[str, Span, Span]]) -> list[_Candidate]:
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

    # ------------------------------------------------------------------ claims

    def _claim(self, ctx: _Context, cand: _Candidate, claim_id: str) -> Optional[Claim]:
        text = ctx.text
        start = min(cand.quote.start, cand.anchor.start)
        end = max(cand.quote.end, cand.anchor.end)
        start, end = _trim(text, start, end, ",;:-\u2013\u2014")
        if end <= start:
            return None
        # attribution is decided by the clause that carries the claim: a subordinate clause after its
        # numbers ("... after the software maker forecast ...") speaks of something else
        sub = SUBORDINATE.search(text, cand.anchor.end, end) if cand.anchor.end < end else None
        attribution, attributed_to = self._attribution(text, start, sub.start() if sub is not None else end)
        if cand.kind == "financial_metric" and attribution == "forecast":
            sentence = text[max(0, start - 200) : end + 100]
            if re.search(r"\b(?:beats?|miss(?:es|ed)?|tops?|topped|vs\.?|versus|ahead of|above|below)\b[^\n;]{0,40}?\b(?:estimates?|consensus|expectations?)", sentence, re.I) and not _GUIDANCE.search(text, start, end):
                attribution, attributed_to = "stated", None
        if cand.attribution is not None:
            attribution, attributed_to = cand.attribution, None
        company = cand.company
        if attribution == "reported" and attributed_to and company is not None and self._same_company(attributed_to, company):
            # "Nike reports results on Tuesday": a company reporting its own figures states them
            attribution, attributed_to = "stated", None
        data = {
            "id": claim_id,
            "quote": text[start:end],
            "start": start,
            "end": end,
            "company": company.name if company else None,
            "ticker": company.ticker if company else None,
            "attribution": attribution,
            "attributed_to": attributed_to,
            "fields": cand.fields,
        }
        try:
            return Claim.model_validate(data)
        except ValueError:
            return None  # a field the schema refuses (e.g. a zero price) is not a claim
