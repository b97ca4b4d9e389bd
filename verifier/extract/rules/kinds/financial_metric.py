"""Reported figures: revenue, profit, EPS, market value, guidance, capex and other results figures,
company margins, the growth said with a figure, and the consensus or year-ago figure set beside them.

When a field is not certain (a period, a basis, a growth on another basis) it is left out, so the
check says unverifiable rather than contradicted; a segment's figure is `other`, never the company's.
"""

from __future__ import annotations

from verifier import recache as re
from functools import lru_cache
from typing import Any, Optional

from ....text import Span
from ....tickers import company_table, known_names
from ...numbers import Money, Percent, find_spoken_money
from ...structure import figure_lead
from ..context import Sentence, _Candidate, _Context, _in_focus
from ..cues import _GUIDANCE, _METRIC_WORDS, _PERIOD, _enclosing
from . import reads

_EPS = r"EPS|(?:earnings|profit|income|loss|benefit) per (?:diluted |basic )?(?:share|offer)|per[- ]share earnings|diluted earnings|earnings of"
# translated copy keeps the source language's nouns: French, Italian, German, Spanish
_EPS_FOREIGN = r"b[ée]n[ée]fice (?:net )?par action|BPA|utile (?:netto )?per azione|(?:Gewinn|Ergebnis) je Aktie|beneficio por acci[óo]n"
_NET_FOREIGN = r"b[ée]n[ée]fice net|r[ée]sultat net|utile netto|Nettogewinn|Reingewinn|Konzerngewinn|Nettoergebnis|beneficio neto"
_REVENUE_FOREIGN = r"chiffre d['\u2019]affaires|ventes|ricavi|fatturato|Ums[aä]tze?|Erl[öo]se?|ingresos|ventas|ingres[óo]|factur[óo]"
_METRICS: list[tuple[str, str]] = [
    ("eps", _EPS + "|" + _EPS_FOREIGN),
    ("operating_income", r"operating (?:income|profit|loss)|EBIT(?!DA)|op\.? inc(?:ome)?"),
    ("net_income", r"net (?:income|profit|earnings|loss|benefit)|profits?|(?:quarterly |annual )?loss|bottom[- ]line|" + _NET_FOREIGN),
    ("revenue", r"revenues?|sales|turnover|top[- ]line|rev\.?|incomes|" + _REVENUE_FOREIGN),
    ("market_cap", r"market (?:cap(?:italization|italisation)?|value|valuation)"),
    # figures a results story reports beside the headline ones; no metric of their own: "other"
    ("other", r"capital (?:expenditures?|spending|investments?)|capex|free cash flow|FCF|operating cash flow|"
              r"cash flow from operations|(?:adjusted )?EBITDA|gross profit|backlog|remaining performance obligations?"),
]
_METRIC_BEFORE = re.compile(
    r"\b(?P<noun>" + "|".join(f"(?P<{name}>{p})" for name, p in _METRICS) + r")(?!\w)"
    r"(?P<mid>(?:(?!\b(?:from|vs|versus|estimate|consensus)\b)[^$€£;.]|\.\d|(?<=\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec))\.|(?<=\bSept)\.){0,45}?)"
    r"(?:\b(?:of|was|were|at|to|totall?ed|reached|hit|came in at|rose to|fell to|climbed to|grew to|jumped to|"
    r"dropped to|declined to|increased to|decreased to|is|are|stood at|amounted to|between)\s+|[:=]\s*|\s+)"
    r"(?:(?:about|around|roughly|nearly|almost|approximately|more than|over|some|a record|an?)\s+)*(?:[~]|(?<=\s)[-\u2212])?$",
    re.I,
)
_METRIC_AFTER = re.compile(
    r"^\s*(?:in|of)\s+(?:(?:quarterly|annual|total|net|full-year|adjusted)\s+)?"
    r"(?P<noun>revenues?|sales|net income|net profit|profit|operating income|free cash flow|capital (?:expenditures?|spending)|capex|EPS|"
    r"(?:diluted\s+)?earnings per (?:diluted\s+)?share|"
    r"(?:severance|restructuring|impairment|litigation|legal|one-time|special)\s+(?:costs|charges|expenses))\b",
    re.I,
)
_PER_SHARE_AFTER = re.compile(r"^\s*(?:(?:a|per|an|for each)\s+(?:diluted\s+)?(?:share|offer)\b|/\s?(?:diluted\s+)?(?:share|sh)\b)", re.I)
_EARN_VERB = re.compile(r"\b(?:earn\w*|profit|net income|EPS|adjusted|diluted|net loss|loss|lost|made)\b", re.I)
# the metric noun after its figure, with nothing between: "$59.7B revenue and $2.58 EPS" (not "a $5B revenue target")
_NOUN_AFTER_BARE = re.compile(
    r"^\s(?P<noun>revenues?|sales|EPS|net income|net profit|operating income)\b"
    r"(?!\s*(?:target|goal|run[- ]rate|business|opportunity|stream|milestone|mark|forecast|guidance|estimates?|consensus|"
    r"growth|multiple|per|-))", re.I)
_NOUN_ONLY = re.compile(r"\b(?:" + "|".join(p for name, p in _METRICS if name != "other") + r")(?!\w)", re.I)
_ESTIMATE_BEFORE = re.compile(
    r"\b(?:beats?|beating|miss(?:es|ed)?|missing|vs\.?|versus|compar(?:ed|es|ing) (?:with|to)|"
    r"estimates? of|consensus(?: estimates?)?(?: of)?|expectations? of|expected|est\.|from|against|ahead of|above|below|"
    r"exceed\w*|surpass\w*|forecast of|projected|analysts? (?:had )?(?:expected|estimated|forecast)|contre|rispetto a|rispetto ai|frente a|contra|gegen[üu]ber|verglichen mit|da)\s*[~]?$",
    re.I,
)
_ESTIMATE_AFTER = re.compile(
    r"^\s*(?:estimates?|consensus|expected|expectations?|forecast|est\.?|a year (?:earlier|ago)|last year|"
    r"in the year-ago|year-ago|YoY|y/y)\b",
    re.I,
)
# comparison figures: read with the period or the forecast they name, never as the current period's
_COMPARE_WORD = re.compile(r"\b(?:vs\.?|versus|compar(?:ed|es|ing) (?:with|to)|against|from|over|contre|rispetto a|rispetto ai|frente a|contra|gegen[üu]ber|verglichen mit|da)\s+(?:the\s+|an?\s+)?(?:c\.\s*|~\s*)?$", re.I)
_PRIOR_AFTER = re.compile(  # what follows the last comparison figure: "a year earlier", "LY", "in the prior-year quarter"
    r"^(?:\s*,?\s*(?:or|and)\s+[$€£]?\d[\d.,]*\s*(?:billion|million|bn|mn|[BM])?(?:\s+(?:a|per)\s+(?:diluted\s+)?share)?)*"
    r"\s*,?\s*(?:a year (?:earlier|ago|before)|a yr ago|last year|last yr|prior yr|LY|PY|un an (?:plus t[ôo]t|auparavant)|il y a un an|"
    r"un anno (?:prima|fa)|nello stesso (?:trimestre|periodo) (?:dell'anno precedente|di un anno fa)|hace un a[ñn]o|un a[ñn]o (?:antes|atr[áa]s)|"
    r"en el mismo (?:periodo|per[íi]odo|trimestre) (?:del a[ñn]o anterior|de (?:19|20)\d{2})|"
    r"im Vorjahr(?:esquartal|eszeitraum)?|vor einem Jahr|(?:in|for) the (?:prior|previous|year-ago|year-earlier)[- ]?"
    r"(?:year\s+)?(?:quarter|period|year)|(?:in|for) the same (?:quarter|period) (?:a year (?:earlier|ago)|last year))\b", re.I)
_DATED_AFTER = re.compile(  # a comparison figure with its own period and year: "in the third quarter of 2024", "in Q3 2024"
    r"^(?:\s*,?\s*or\s+[$€£]?\d[\d.,]*\s+(?:a|per)\s+(?:diluted\s+|basic\s+)?share\s*,?|\s*\([$€£]?\d[\d.,]*\s*/\s?share\)|"  # "$15.3 billion, or $1.43 per diluted share, in ..."
    r"\s+(?:a|per)\s+(?:diluted\s+|basic\s+)?share\s*,?)?"  # "compared with $15.97 per diluted share in the first quarter of 2021"
    r"\s*(?:in|for|during)\s+(?:the\s+)?(?P<period>(?:(?:first|second|third|fourth)[- ]quarter(?:\s+of)?(?:\s+fiscal)?|"
    r"(?:Q[1-4]|[1-4]Q)(?:\s+(?:of\s+)?(?:fiscal\s+)?)?|fiscal(?: year)?|full[- ]year|(?:first|second)[- ]half(?:\s+of)?)\s*'?(?:19|20)\d{2}"
    r"|(?:Q[1-4]|[1-4]Q)\s?'?\d{2})\b", re.I)
_COMPARE_NOUN = re.compile(  # "compared with a profit of", "versus revenue of": the noun of the figure set beside
    r"\b(?:vs\.?|versus|compar(?:ed|es|ing) (?:with|to)|against|from)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:profit|net income|net loss|loss|revenues?|sales|earnings|operating income)\s+(?:of\s+)?$", re.I)
_PRIOR_BEFORE = re.compile(  # "from the year-ago quarter's $53.8 billion"
    r"\b(?:year-ago|year-earlier|prior-year|previous year's|last year's)(?:\s+(?:quarter|period)(?:['\u2019]s)?)?\s+$", re.I)
_CONSENSUS_BEFORE = re.compile(
    r"\b(?:(?:consensus|estimates?|expectations?|est\.)(?:\s+(?:of|for|at))?|"
    r"analysts?\s+(?:had\s+)?(?:expected|estimated|forecast|projected|anticipated|were expecting)|"
    r"(?:the\s+)?Street(?:['\u2019]s)?\s+(?:estimate|view|expectation|forecast)s?(?:\s+of)?|"
    r"(?:the\s+)?(?:Street|consensus)\s+(?:was|is|had been|sits|sat|stands|stood)\s+(?:at\s+)?)\s*(?:c\.\s*|~\s*)?$", re.I)
_CONSENSUS_AFTER = re.compile(
    r"^\s*(?:consensus|estimates?|est\.?|expected|forecast|(?:that\s+|which\s+)?(?:the\s+)?(?:Street|analysts?|Wall Street)\s+"
    r"(?:was\s+|were\s+|had\s+(?:been\s+)?)?(?:looking for|expecting|expected|estimated|forecast|anticipated|projected|modell?ed))\b", re.I)
_DOC_PERIOD = re.compile(  # a quarter with its year, anywhere in the article: the period its results are for
    r"\b(?:(?:Q[1-4]|[1-4]Q)\s?(?:FY\s?)?'?(?:19|20)?\d{2}\b|(?:first|second|third|fourth)[- ]quarter(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:year\s+)?)"
    r"(?:19|20)\d{2}\b|fiscal (?:year )?(?:19|20)\d{2} (?:first|second|third|fourth)[- ]quarter\b|"
    r"(?:first|second|third|fourth)[- ]fiscal[- ]quarter(?:\s+of|,)?\s+(?:19|20)\d{2}\b)", re.I)
_SEGMENT_OK = {
    "total", "net", "quarterly", "annual", "fiscal", "full-year", "fy", "record", "reported", "adjusted",
    "its", "their", "the", "company", "group", "consolidated", "overall", "diluted", "gaap", "non-gaap",
    "of", "and", "with", "in", "on", "a", "an", "had", "has", "have", "posted", "reports", "reported",
    "sees", "expects", "guides", "forecasts", "projected", "first-quarter", "second-quarter", "third-quarter",
    "fourth-quarter", "quarter", "year", "half", "comparable", "organic", "same-store", "core", "gross",
    "operating", "higher", "lower", "strong", "weak", "better", "worse", "raised", "lifted", "cut", "lowered",
    "'s", "s", "report", "reporting", "said", "says", "while", "as", "but", "delivered", "generated", "saw",
    "le", "la", "les", "il", "i", "gli", "der", "die", "das", "el", "los", "son", "sa", "ses", "suo", "sua", "seinen", "ihren",
    "q1", "q2", "q3", "q4", "quarter's", "year's", "company's", "group's", "total", "holiday", "combined", "estimated",
}
# verbs between a subject and the noun ("AWS grew sales ...", "the chipmaker guided revenue ..."): the subject decides
_SEGMENT_VERBS = {
    "guided", "guide", "guides", "booked", "recorded", "logged", "generated", "grew", "expected", "forecast", "projected",
    "brought", "brings", "produced", "achieved", "earned", "delivering", "posting", "booking", "posted", "reported",
    "reports", "report", "delivered", "saw", "sees", "expects", "had", "has", "have",
    "registrato", "registra", "realizzato", "réalisé", "publié", "affiché", "annoncé", "erzielt", "erwirtschaftet", "meldete", "verbuchte",
}
_SEGMENT_SUBJECT = re.compile(r"\b(?:unit|segment|division|business|arm|subsidiary|cloud|services?|platform|brand|franchise|store|stores)\b", re.I)
# a noun's modifiers that say nothing of whose figure it is: the word before them does ("AWS net sales")
_SEGMENT_MODIFIERS = {"net", "total", "gross", "quarterly", "annual", "consolidated"}
_NOT_SEGMENT_WORDS = {"The", "It", "Its", "Their", "They", "We", "Our", "You", "Your", "I", "He", "She", "This", "That", "These", "Those", "Management", "Company", "Group", "Firm", "And", "But", "So", "Then", "CFO", "CEO",
                      "Operator", "Inc", "Corp", "Co"}


_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
# a quarter named by its last month or season: "the December quarter", "June-quarter revenue", "the holiday quarter"
_MONTH_QUARTER = re.compile(rf"\b(?:{_MONTH}|holiday)[- ]quarter\b|\bquarter (?:that )?end(?:ed|ing) (?:in )?{_MONTH}(?:\s+(?:19|20)\d{{2}})?\b", re.I)
# "up from $58.3 billion in the March quarter": a comparison figure dated by its quarter's last month
_DATED_MONTH = re.compile(rf"\s*,?\s*(?:in|for|during)\s+the\s+(?P<period>{_MONTH}[- ]quarter)\b", re.I)
_SHARED_SCALE = re.compile(r"\s?[-\u2013]\s?[$€£]?(?P<top>\d+(?:\.\d+)?)\s?(?P<scale>[TBM]|tn|bn|mn|trillion|billion|million)(?![\w])")
_SCALES = {"t": 1e12, "tn": 1e12, "trillion": 1e12, "b": 1e9, "bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6}
# a trailing sum ("TTM revenue"): no filed period holds it, so the check never takes the latest quarter for it
_TRAILING = re.compile(r"\b(?:TTM|LTM|trailing[- ](?:twelve|12)[- ]months?|last (?:twelve|12) months)\b", re.I)
# the period phrase between a noun and its figure: "revenue for the third quarter ended October 26, 2025, of $57.0 billion"
_CARRIED = re.compile(
    r"\b(?P<noun>" + "|".join(f"(?P<{name}>{p})" for name, p in _METRICS if name != "other") + r")\s+"
    rf"(?:for|in|of)\s+(?:the\s+|its\s+)?(?:(?:[\w-]+\s+){{0,3}}?(?:quarter|year|half|period|months)(?:\s+of\s+(?:fiscal\s+)?(?:year\s+)?(?:19|20)\d{{2}})?|"
    rf"fiscal(?:\s+year)?\s+(?:19|20)\d{{2}}|FY\s?'?\d{{2,4}})"
    rf"(?:\s+(?:ended|ending)\s+{_MONTH}\.?\s+\d{{1,2}}(?:,\s*(?:19|20)\d{{2}})?)?(?:\s*\([^()$€£]{{1,20}}\))?"
    # "revenue for fiscal 2015, which ended Oct. 31, was $4.04 billion": an aside on the period before the verb
    rf"(?:,\s+which\s+(?:ended|ends|was\s+(?:announced|reported))\b[^,;$€£]{{1,40}},)?,?\s+(?:of|was|were|totall?ed|came in at|at)\s+$",
    re.I,
)
# an aside between the noun and its verb: "adjusted diluted EPS, excluding specified items, was $1.48"
_APPOSED = re.compile(
    r"\b(?P<noun>" + "|".join(f"(?P<{name}>{p})" for name, p in _METRICS if name != "other") + r")\s*,\s*"
    r"(?:excluding|including|before|after|on|net of|as)\b[^,;$€£]{1,50},\s*(?:was|were|of|totall?ed|came in at|at|rose to|increased to|grew to|fell to)\s+$",
    re.I,
)
_WORTH = re.compile(r"\b(?:worth|valued at)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|more than\s+|over\s+)?$", re.I)
_SEGMENT_MOVE = re.compile(r"(?:^|[\s/:,;])(?P<seg>[A-Za-z][\w&.-]*)\s+(?P<pct>[+\-\u2212]\d+(?:\.\d+)?\s?%)\s+(?:y/y\s+|yoy\s+)?to\s+$")
# guidance without a metric noun: "guided to $65 billion", "Q4 guide $56B", "an outlook of $8.2 billion"
_GUIDE_BARE = re.compile(
    r"\b(?:guided|guides?|guidance|outlook|forecasts?|sees|projects?)(?:\s+(?:for|of|at|to|was|is|calls for|"
    r"(?:of\s+)?(?:about|around|roughly|approximately|between)|implies|points to))*\s*[:~]?\s*$", re.I)
# a growth rate said with the figure: "rose 12% to $X", "$X, up 12% year over year", "(+62% y/y)"
_UP_WORDS = r"(?:rose|rising|grew|growing|increased|increasing|climbed|jumped|gained|surged|soared|advanced|was up|were up|up|higher|an increase of|a rise of|growth of)"
_DOWN_WORDS = r"(?:fell|falling|declined|declining|decreased|decreasing|dropped|slipped|slid|sank|was down|were down|down|lower|a decline of|a drop of|a decrease of)"
_MOVE_BEFORE = re.compile(  # "rose 12%", "climbed in the past quarter by 13 percent"
    rf"\b(?P<dir>{_UP_WORDS}|{_DOWN_WORDS})\s+(?:(?:[\w-]+\s+){{1,4}}?by\s+|by\s+)?(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?$", re.I)
_OTHER_BASIS = re.compile(
    r"\b(?:constant[- ]currency|excluding (?:foreign )?(?:currency|fx|exchange)|ex[- ]?fx|currency[- ]neutral|organic(?:ally)?|"
    r"operational(?:ly)?|comparable|like[- ]for[- ]like|same[- ]store|pro[- ]forma|on an? (?!reported\b)[\w-]+ basis)\b", re.I)
_MOVE_OBJECT = re.compile(  # the verb before its object: "grew revenue 15% to $180.2 billion"
    rf"\b(?P<dir>grew|increased|raised|lifted|boosted|cut|lowered|reduced|decreased)\s+(?:its\s+|their\s+|the\s+)?(?:[\w-]+\s+){{1,2}}(?:by\s+)?$", re.I)
_YOY = r"(?:year[- ]over[- ]year|year[- ]on[- ]year|y/y|yoy|y-o-y|from (?:a|the) year (?:ago|earlier)|(?:from|over|versus|vs\.?|compared (?:with|to)) (?:a year (?:ago|earlier)|last year|the (?:same|year-ago|year-earlier|prior-year|prior year) (?:quarter|period)(?: (?:a year (?:ago|earlier)|last year))?)|annually)"
_SEQUENTIAL = re.compile(
    r"^\s*(?:sequentially|q/q|qoq|quarter[- ]over[- ]quarter|quarter[- ]on[- ]quarter|(?:from|over|versus|vs\.?|compared (?:with|to)) "
    r"(?:the\s+)?(?:previous|prior|last|preceding|sequential|first|second|third|fourth)\s+quarter"
    r"(?!\s+(?:of\s+(?:the\s+)?(?:prior|previous|last)\s+year|of\s+(?:19|20)\d{2}|(?:19|20)\d{2}|a year|last year))|month[- ]over[- ]month|m/m)", re.I)
_YOY_AFTER = re.compile(rf"^\s*{_YOY}", re.I)
_MARGIN = re.compile(
    r"\b(?P<qual>(?:adjusted|adj\.|non-GAAP|core|underlying|segment|EBITDA|EBIT|pre-tax|pretax|contribution)\s+)?"
    r"(?P<kind>gross|operating|net|profit|net profit)\s+margins?\s*(?:\([^)]{0,12}\)\s*)?"
    r"(?:of|was|were|at|came in at|stood at|reached|is|rose to|fell to|expanded to|improved to|widened to|"
    r"contracted to|narrowed to|declined to|increased to|grew to|hit|[:=])?\s*(?:about\s+|around\s+|roughly\s+|a record\s+)?$",
    re.I,
)
_MARGIN_KIND = {"gross": "gross_margin", "operating": "operating_margin", "net": "net_margin", "profit": "net_margin", "net profit": "net_margin"}
_NON_GAAP_LEAD = re.compile(  # a basis said once for the sentence, before its first clause
    r"^\W*(?:on an? (?:adjusted|non-GAAP|core|underlying|pro[- ]forma|comparable) basis|excluding (?:certain |one-time |special )?items|"
    r"ex-items|before (?:one-time|special) items)\b", re.I)


def _growth(ctx: _Context, sent: Span, percents: list[Percent], lo: int, m: Money, end: int) -> tuple[Optional[float], list[Percent]]:
    """The year-over-year growth said with the figure ("rose 12% to $X", "$X, up 12% year over year"),
    and every rate of that phrase, a sequential one too (never the growth, but not a share move either)."""
    text = ctx.text
    for p in percents:  # before: "revenue increased 17% to $81.3 billion"
        if not (lo <= p.start and p.end <= m.start) or p.points or ctx.is_used(p.start, p.end):
            continue
        move = _MOVE_BEFORE.search(text, max(lo, p.start - 50), p.start) or _MOVE_OBJECT.search(text, max(0, lo - 25), p.start)
        between = text[p.end : m.start]
        if move and re.fullmatch(rf"\s*(?:{_YOY}\s*)?,?\s*to\s+(?:a record\s+|about\s+|around\s+|roughly\s+)?[~]?", between, re.I):
            value = abs(p.value) if re.match(_UP_WORDS + r"|raised|lifted|boosted", move["dir"], re.I) else -abs(p.value)
            return value, [p]
        if move and _SEQUENTIAL.match(between):
            return None, [p]
        if p.signed and re.fullmatch(r"\s*(?:y/y\s+|yoy\s+)?to\s+", between, re.I):
            return p.value, [p]  # "AWS +20% to $33B"
    found: Optional[float] = None
    taken: list[Percent] = []
    pos = end
    for p in percents:  # after: "$57.0 billion, up 22% from the previous quarter and up 62% from a year ago"
        if p.start < pos or p.points or ctx.is_used(p.start, p.end):
            continue
        lead = re.fullmatch(rf"\s*(?:,|\(|and|or)?\s*(?:an?\s+)?(?:(?P<dir>{_UP_WORDS}|{_DOWN_WORDS})\s+(?:by\s+)?)?", text[pos : p.start], re.I)
        rest = text[p.end : min(sent.end, p.end + 70)]
        noun = re.match(r"\s*(?P<n>increase|rise|gain|growth|jump|decrease|decline|drop|fall)\b", rest, re.I)  # "a 3.2% decrease"
        if lead is not None and lead["dir"] is None and not p.signed and noun:
            found_dir = noun["n"].lower() in ("increase", "rise", "gain", "growth", "jump")
            taken.append(p)
            if not _SEQUENTIAL.match(rest[noun.end():]) and found is None:
                found = abs(p.value) if found_dir else -abs(p.value)
            break
        if lead is None or (lead["dir"] is None and not p.signed):
            break
        sequential = _SEQUENTIAL.match(rest)
        if sequential is None and found is not None:
            break
        taken.append(p)
        if sequential is None:
            down = bool(lead["dir"]) and not re.match(_UP_WORDS, lead["dir"], re.I)
            found = p.value if lead["dir"] is None else (-abs(p.value) if down else abs(p.value))
        tail = sequential or _YOY_AFTER.match(rest)
        pos = p.end + (tail.end() if tail else 0)
    return found, taken


def _rate_phrase(text: str, sent: Span, r: Percent) -> str:
    """The words of a rate up to the nearest comma, semicolon or parenthesis on each side."""
    left = max(text.rfind(c, sent.start, r.start) for c in ",;(")
    rights = [i for i in (text.find(c, r.end, sent.end) for c in ",;)") if i >= 0]
    return text[max(left + 1, r.start - 40) : min(rights + [sent.end, r.end + 45])]


def _margins(ctx: _Context, sent: Span, clauses: list[Span], percents: list[Percent]) -> list[_Candidate]:
    """'operating margin of 11.2%', 'gross margin was 46.9%': a company's margin, in percent. A segment's
    or an adjusted margin is left out (the check computes GAAP ratios of the whole company)."""
    text = ctx.text
    out: list[_Candidate] = []
    for p in percents:
        if p.points or p.signed or ctx.is_used(p.start, p.end):
            continue
        clause = _enclosing(clauses, p.start, p.end)
        before = text[max(clause.start, p.start - 60) : p.start]
        hit = _MARGIN.search(before)
        if hit is None or hit["qual"] or not 0 < p.value < 100:
            continue
        if re.search(r"\bfrom\s+$|\bbasis points?\b", before[hit.end():], re.I) or re.match(r"\s*(?:points?|bps|basis)\b", text[p.end:p.end + 8], re.I):
            continue
        noun_start = p.start - len(before) + hit.start()
        if _segment_qualified(text, noun_start) or re.search(r"\b(?:adjusted|non-GAAP)\s+$", text[max(0, noun_start - 12) : noun_start], re.I):
            continue
        fields: dict[str, Any] = {"kind": "financial_metric", "metric": _MARGIN_KIND[hit["kind"].lower()], "value": p.value, "currency": "USD"}
        period = _period_near(text, sent, noun_start)
        if not period:
            # the margin check computes the ratio for the period named, else for the latest on record, which
            # may be another (a year's, not the quarter's): without a period the claim could be wrongly contradicted
            ctx.dropped.append(f"{text[noun_start:p.end]!r} is a margin, but its period is not stated")
            continue
        fields["period"] = period
        ctx.use(p.start, p.end)
        anchor = Span(noun_start, p.end)
        out.append(_Candidate("financial_metric", fields, anchor, _enclosing(clauses, anchor.start, anchor.end)))
    return out


_COORDINATED = re.compile(  # "... and guided to $65 billion": a second verb of the same subject starts its own claim
    r",?\s+(?:and|while|but|whereas)\s+(?:also\s+|then\s+)?(?=(?:guided|guides|forecast|expects|sees|projected|raised|lifted|"
    r"lowered|cut|reported|posted|said|announced|reaffirmed|reiterated)\b)", re.I)


def _own_clause(text: str, quote: Span, anchor: Span) -> Span:
    """The quote cut at a coordinated verb that does not hold the claim's words, so "reported revenue of
    $57 billion and guided to $65 billion" quotes each figure with its own verb (and attribution)."""
    start, end = quote.start, quote.end
    for cut in _COORDINATED.finditer(text, quote.start, quote.end):
        if cut.end() <= anchor.start:
            start = cut.end()
        elif cut.start() >= anchor.end:
            end = cut.start()
            break
    return Span(start, end)


_ORDINALS = {"premier": "first", "1er": "first", "primo": "first", "primer": "first", "ersten": "first",
             "deuxi\u00e8me": "second", "second": "second", "secondo": "second", "segundo": "second", "zweiten": "second",
             "troisi\u00e8me": "third", "terzo": "third", "tercer": "third", "dritten": "third",
             "quatri\u00e8me": "fourth", "quarto": "fourth", "cuarto": "fourth", "vierten": "fourth"}
_FOREIGN_QUARTER = re.compile(  # translated copy: "troisième trimestre", "secondo trimestre fiscale", "im dritten Quartal 2025"
    r"\b(?P<ord>" + "|".join(_ORDINALS) + r")\s+(?:trimestre|Quartal)(?P<fiscal>\s+fiscal[e]?)?"
    r"(?:\s+(?:de\s+|del\s+|di\s+|dell'anno\s+)?(?P<year>(?:19|20)\d{2}))?", re.I)


# "the second fiscal quarter of 2024", "the third fiscal quarter, 2025": the ordinal before "fiscal quarter"
_ORDINAL_FISCAL_QUARTER = re.compile(r"\b(?:first|second|third|fourth)[- ]fiscal[- ]quarter(?:\s+of|,)?\s+(?:(?:fiscal\s+)?(?:19|20)\d{2}|FY\s?'?\d{2,4})\b", re.I)


def _english_quarter(m: re.Match[str]) -> str:
    """'troisième trimestre 2025' -> 'third quarter 2025': the period in the words the checks read."""
    words = [_ORDINALS[m["ord"].lower()], "fiscal quarter" if m["fiscal"] else "quarter"]
    return " ".join(words + ([m["year"]] if m["year"] else []))


# a period that heads a forward-looking noun is that noun's: "the fourth-quarter guidance disappointed, even as EPS of
# $5.75 set a record" (the $5.75 is not a fourth-quarter figure), "the third-quarter report is due on ..."
_FORWARD_NOUN = re.compile(r"[\s-]*(?:(?:sales|revenue|earnings|profit|EPS)\s+)?(?:guidance|outlook|forecasts?|projections?|estimates?|"
                           r"targets?|report\s+(?:is\s+|was\s+)?(?:not\s+)?(?:due|expected|scheduled)|results\s+(?:are\s+|were\s+)?(?:due|expected|scheduled))\b", re.I)


def _forward_period(text: str, end: int) -> bool:
    """True when the period phrase ending at ``end`` heads a guidance, forecast or coming-report noun."""
    return _FORWARD_NOUN.match(text, end) is not None


def _period_near(text: str, sent: Span, at: int, money: Optional[list[Money]] = None, end: Optional[int] = None) -> Optional[str]:
    """The period named in the sentence nearest the figure's noun: a fiscal period, or a quarter named by its month.

    A period with another figure between it and this one is that figure's ("$180.2 billion, compared with
    $158.9 billion in the third quarter of 2024")."""
    periods = [(p.start(), p.group(0)) for p in _PERIOD.finditer(text, sent.start, sent.end) if not _forward_period(text, p.end())]
    periods += [(p.start(), p.group(0)) for p in _MONTH_QUARTER.finditer(text, sent.start, sent.end)]
    periods += [(p.start(), p.group(0)) for p in _TRAILING.finditer(text, sent.start, sent.end)]
    periods += [(p.start(), _english_quarter(p)) for p in _FOREIGN_QUARTER.finditer(text, sent.start, sent.end)]
    periods += [(p.start(), p.group(0)) for p in _ORDINAL_FISCAL_QUARTER.finditer(text, sent.start, sent.end) if not _forward_period(text, p.end())]
    # "the final quarter" (reworded copy) is the fourth; "last quarter" is only the one before, so it names nothing
    periods += [(sent.start + p.start(), "fourth quarter") for p in re.finditer(r"\bfinal[- ]quarter\b", text[sent.start : sent.end], re.I)]
    if money and end is not None:
        def apart(pos: int) -> bool:  # "$3.8 billion, or $7.56 per share, for the first quarter": one figure said twice
            if pos > end and re.search(r"[,;]", text[end:pos]) and any(x.start > pos and not re.search(r"[,;]", text[pos : x.start]) for x in money):
                return True  # "EPS $1.95, AWS +20%, Q4 guide $206B": a later clause's period goes with its own figure
            return pos > end and any(end <= x.start and x.end <= pos and not re.fullmatch(r"\s*,?\s*or\s+(?:a\s+)?", text[end : x.start])
                                     for x in money)
        def owned(pos: int) -> bool:  # "..., up from $93.3 billion in the June quarter, and earnings of $1.05": that figure's period
            return pos < at and any(x.end <= pos and re.fullmatch(r"\s*,?\s*(?:in|for|during)\s+(?:the\s+|its\s+)?", text[x.end : pos])
                                    for x in money)
        periods = [p for p in periods if not apart(p[0]) and not owned(p[0])]
    if end is not None:
        # "grew 13% to $180.2 billion from the third quarter of 2024": the period after the figure's "from" is the base
        periods = [p for p in periods if not (p[0] >= end and _BASE_PERIOD.search(text, max(sent.start, p[0] - 30), p[0]))]
    if not periods:
        return None
    return min(periods, key=lambda p: abs(p[0] - at))[1]


def _year_before(key: str, fiscal: bool) -> str:
    """'Q3 2020' -> 'Q3 FY2019' (fiscal) or 'Q3 2019'; 'FY 2025' -> 'fiscal 2024'."""
    part, year = key.split()
    if part == "FY":
        return f"fiscal {int(year) - 1}"
    return f"{part} FY{int(year) - 1}" if fiscal else f"{part} {int(year) - 1}"


def _metrics(ctx: _Context, sent: Span, clauses: list[Span], money: list[Money], percents: list[Percent]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    for m in money:
        if ctx.is_used(m.start, m.end):
            continue
        shared = None if m.scaled else _SHARED_SCALE.match(text, m.end)
        if shared:  # "$206-213B": the scale written once serves both ends
            m = Money(round(m.value * _SCALES[shared["scale"].lower()], 6), m.currency, m.start, shared.end(), True)
        clause = _enclosing(clauses, m.start, m.end)
        before = text[max(clause.start, m.start - 70) : m.start]
        after = text[m.end : min(sent.end, m.end + 40)]
        if (_ESTIMATE_BEFORE.search(before) or _ESTIMATE_AFTER.match(after) or _PRIOR_BEFORE.search(before) or _CONSENSUS_BEFORE.search(before)
                or _CONSENSUS_AFTER.match(after) or (re.search(r"\bor\s+$", before) and out and out[-1].comparison)
                or _CONSENSUS_VERB.search(before)):
            compared = _comparison(ctx, sent, clauses, m, before, after, out)
            if compared is not None:
                ctx.use(m.start, m.end)
                out.append(compared)
            continue
        metric: Optional[str] = None
        after_forecast = False  # the result said after its forecast, with no noun of its own
        noun_start = m.start
        hit = _METRIC_BEFORE.search(before)
        while hit:  # "reported $91.8 billion in revenue and earnings of $4.99 a share": the noun nearest the figure
            inner = _NOUN_ONLY.search(before, hit.end("noun"))
            again = _METRIC_BEFORE.search(before, inner.start()) if inner else None
            if again is None or again.start() != inner.start():
                break
            hit = again
        if hit and re.search(r"[$€£]\d[\d.,]*\s?(?:[BMT]|bn|mn|billion|million|trillion)?\s$", before[: hit.start()]):
            hit = None  # "$12.7B revenue and $1.58 EPS": a noun right after a figure is that figure's
        if hit:
            metric = next(name for name, _ in _METRICS if hit.group(name))
            noun_start = m.start - len(before) + hit.start()
            if _METRIC_WORDS.search(hit["mid"] or "") and metric != "eps":
                # "revenue ... price target of $X": another subject sits between noun and number
                if re.search(r"\b(?:targets?|PT|dividends?|price)\b", hit["mid"], re.I):
                    metric = None
        else:
            after_hit = _METRIC_AFTER.match(after)
            carried = (_CARRIED.search(text, max(sent.start, m.start - 160), m.start) or _APPOSED.search(text, max(sent.start, m.start - 160), m.start)) \
                if re.fullmatch(r"\s*(?:of|was|were|totall?ed|came in at|at|rose to|increased to|grew to|fell to)\s+", text[clause.start : m.start]) else None
            if carried:  # "revenue for the third quarter ended October 26, 2025, of $57.0 billion"
                hit = carried
                metric = next(name for name, _ in _METRICS if name != "other" and carried.group(name))
                noun_start = carried.start()
            elif after_hit or (bare_hit := _NOUN_AFTER_BARE.match(after)) and not re.search(r"\b(?:an?|the)\s+$", before, re.I):
                noun = (after_hit or bare_hit)["noun"].lower()
                metric = ("revenue" if noun.startswith(("revenue", "sales")) else "operating_income" if noun.startswith("operating")
                          else "eps" if noun == "eps" or noun.endswith("per share") else "net_income" if "profit" in noun or "income" in noun else "other")
            elif re.match(r"\W*per (?:diluted )?share\b", text[sent.start : m.start], re.I) and _EARN_VERB.search(before) and not m.scaled:
                metric = "eps"  # "Per share, the group earned 1.95 dollars"
            elif _PER_SHARE_AFTER.match(after) and (_EARN_VERB.search(before) or (
                re.search(r"\bor\s+$", before) and _EARN_VERB.search(text, sent.start, m.start))) and not re.search(
                r"\b(?:trades?|trading|traded|priced|costs?|at)\s+(?:at\s+)?(?:about\s+|around\s+|roughly\s+|near\s+)?$", before, re.I):
                metric = "eps"
            elif m.scaled and m.value >= 1e9 and re.search(r"\b(?:a|an)\s+$", before, re.I) and re.match(
                r"\s*(?:-dollar\s+)?(?:company|firm|business|giant|group|corporation|enterprise|behemoth|colossus)\b", after, re.I):
                metric = "market_cap"  # "a $2 trillion company"
            elif m.scaled and m.value >= 1e10 and _WORTH.search(before) and (
                    re.search(r"\b(?:[Ii]t|[Tt]he (?:company|group|retailer|chipmaker|maker|giant|firm|stock)|[Ss]hares)\s+(?:is|are|was|were)\s+(?:now\s+)?$",
                              before[: _WORTH.search(before).start()])
                    or any(x.end <= m.start and re.fullmatch(r"(?:['\u2019]s)?\s+(?:is|was)\s+(?:now\s+)?", text[x.end : m.start - len(before) + _WORTH.search(before).start()]) for x in ctx.local)):
                metric = "market_cap"  # "Amazon is now worth $2.4 trillion", "the retailer is valued at about $2.4 trillion"
                noun_start = m.start - len(before) + _WORTH.search(before).start()
            elif m.scaled and m.value >= 1e8 and _spoken_result(before, after) is not None \
                    and not re.match(r"\s*(?:in|of|worth|on)\b(?!\s+(?:Q[1-4]|(?:the\s+)?quarter\b|(?:the\s+)?(?:first|second|third|fourth|latest|last|December|September|June|March)"
                                     r"(?:\s+|-)quarter|(?:fiscal\s+)?(?:19|20)\d\d\b|FY\d|sales|revenue))", after, re.I):
                # spoken results: "AWS did thirty-three billion": a segment's sales, or the company's when it is named
                subj = _spoken_result(before, after)
                assert subj is not None
                metric = "revenue" if subj["subj"] in known_names() else "other"
                noun_start = m.start - len(before) + subj.start()
            elif m.scaled and m.value >= 1e8 and (peak := _SEGMENT_RECORD.search(before)) and _SEGMENT_SUBJECT.search(peak["seg"]) and (
                    _SEGMENT_SUBJECT.fullmatch(peak["seg"]) if peak["seg"].islower() else _segment_name(peak["seg"])) \
                    and not re.match(r"\s*(?:in|of)\s+(?!(?:the\s+)?(?:quarter|period|Q[1-4]|fiscal|(?:first|second|third|fourth|latest)\b))", after, re.I):
                metric = "other"  # "services hit an all-time high of $13.3B": a segment's record figure
                noun_start = m.start - len(before) + peak.start("seg")
            elif m.scaled and m.value >= 1e8 and (grown := _NAMED_GROWTH.search(before)) and _segment_name(grown["seg"]):
                metric = "other"  # "Cloud Services grew 20% to $33.0 billion": a segment named as the subject of its growth
                noun_start = m.start - len(before) + grown.start("seg")
            elif m.scaled and m.value >= 1e8 and re.match(r"\s*(?:capex|capital[- ](?:expenditures?|spending|investment))\b(?![- ](?:cuts?|trims?|reductions?|savings|increases?|hikes?|boosts?)\b)", after, re.I) \
                    and not re.search(r"\b(?:cut|lower|reduc|trim|rais|lift|boost|increas)\w*\s+(?:its\s+|the\s+)?(?:\w+\s+)?$", before, re.I):
                metric = "other"  # "the $200 billion capex plan for 2026": capital spending said before its noun
                noun_start = m.start
            elif (m.scaled and m.value >= 1e8 and (spend := _SPEND.search(before)) and _SPEND_ON.match(after)
                  and not _SPEND_PLAN.search(before)):
                metric = "other"  # "plans to spend about $200 billion on capital projects": capital spending
                noun_start = m.start - len(before) + spend.start()
            elif m.scaled and m.value >= 1e8 and (sold := _SOLD_WORTH.search(before)):
                # plain-English copy: "Amazon sold things worth $167.7 billion" is its sales; a segment's are its own
                metric = "other" if _segment_subject(text, m.start - len(before) + sold.start()) else "revenue"
                noun_start = m.start - len(before) + sold.start()
            elif m.scaled and m.value >= 1e8 and _SEGMENT_MOVE.search(before):
                metric = "other"  # "AWS +20% to $33B": a segment's figure with its growth
                noun_start = m.start - len(before) + _SEGMENT_MOVE.search(before).start()
            elif m.scaled and m.value >= 1e6 and _GUIDE_BARE.search(before) and not re.match(r"\s*(?:in|of|worth)\b", after, re.I) \
                    and not _METRIC_WORDS.search(re.sub(r"^\w+", "", before[_GUIDE_BARE.search(before).start():])):
                metric = "guidance_revenue"  # "guided to $65 billion", "Q4 guide $56B": a company's guide is its sales
                noun_start = m.start - len(before) + _GUIDE_BARE.search(before).start()
        if metric is None and out and out[-1].attribution == "forecast" and out[-1].anchor.end <= m.start and re.search(
                r"\b(?:it|the (?:company|group|firm)|[A-Z][\w&.'-]*)\s+(?:instead\s+|actually\s+)?(?:reported|posted|delivered|earned|printed|came in at)\s+"
                r"(?:just\s+|only\s+)?$", before) and (out[-1].fields["metric"] == "eps") == (not m.scaled):
            # "Analysts had expected $2.13 a share; the company instead reported $1.58": the result of the metric forecast
            metric, after_forecast = out[-1].fields["metric"], True
        if metric is None and out and out[-1].anchor.end <= m.start and re.fullmatch(r"\s*(?:,\s*)?and\s+", text[out[-1].anchor.end : m.start]) \
                and re.match(r"\s*,?\s*respectively\b", after, re.I):
            metric = out[-1].fields["metric"]  # "$44.9 billion and $13.3 billion, respectively"
        if metric is None and m.scaled and out and out[-1].fields.get("metric") == "other" and out[-1].anchor.end <= m.start:
            # a list of segments: "Americas Sales $25.5B, Europe $14.3B, Greater China $9.5B"
            if re.fullmatch(r",\s*(?:and\s+)?(?:(?:[A-Z]|[a-z][A-Z])[\w&'.-]*(?:,?\s+|\s*&\s*|\s+and\s+)){1,5}", text[out[-1].anchor.end : m.start]):
                metric, noun_start = "other", m.start - len(text[out[-1].anchor.end : m.start].lstrip(", "))
        if metric is None and not out:
            forecast = _labelled_forecast(ctx, sent, clauses, m)
            if forecast is not None:
                ctx.use(m.start, m.end)
                out.append(forecast)
                continue
        bottom = re.search(r"\b(?:under|at|on) the bottom[- ]line,?\s*$", text[sent.start : m.start], re.I) if metric is None and m.scaled else None
        if bottom:
            metric, noun_start = "net_income", sent.start + bottom.start()  # "Under the bottom line, 21.2 billion dollars remained"
        if metric == "net_income" and not m.scaled and (re.match(r"\W*per (?:diluted )?share\b", text[sent.start : m.start], re.I)
                                                        or _PER_SHARE_AFTER.match(after)):  # "a profit of 3 cents a share"
            metric = "eps"  # "Per share, the profit came to 1.95 US dollars"
        if metric is None:
            continue
        if metric == "eps" and m.scaled:
            continue
        if metric in ("revenue", "net_income", "operating_income", "market_cap", "other", "guidance_revenue") and not m.scaled and m.value < 1e6:
            continue
        if metric == "market_cap" and re.search(r"\b(?:lose|loses|lost|wip\w*|add\w*|gain\w*|erase\w*)\b[^$]{0,15}$", before, re.I):
            continue
        if metric == "net_income" and hit and _NOT_COMPANY_PROFIT.search(text, max(clause.start, noun_start - 40), noun_start + len(hit["noun"])):
            continue  # "for combined illicit profits of $1.14 million": a trader's gains in an enforcement release, no company's result
        value = m.value
        if re.search(r"(?:^|[\s:(])[-\u2212]$", text[max(0, m.start - 2) : m.start]):
            value = -value  # "EPS -$7.56": the sign written before the currency
        noun_text = hit.group("noun").lower() if hit else ""
        if "loss" in noun_text:
            value = -value
        elif metric == "eps" and ((out and out[-1].fields.get("metric") == "net_income" and out[-1].fields["value"] < 0
                                   and re.search(r"\bor\s+(?:a\s+)?$", before)) or re.search(r"\b(?:loss|lost)\b", before, re.I)):
            value = -value  # "a net loss of $3.8 billion, or $7.56 per share": the per-share figure is a loss too
        if metric == "revenue":
            if hit and _segment_qualified(text, noun_start):
                metric = "other"
            elif _GUIDANCE.search(text, clause.start, m.start) or re.search(r"\bguiding\b|\b(?:is|are) (?:now )?(?:expected|projected|forecast)\b", text[clause.start : m.start], re.I):
                metric = "guidance_revenue"
        end = m.end
        upper = re.match(r"\s*(?:to|-|\u2013|and)\s*(?=[$€£])", text[m.end : m.end + 7])
        if upper and upper.group(0).strip() == "and" and not re.search(r"\bbetween\s*$", before, re.I):
            upper = None
        if upper:
            top = next((x for x in money if x.start == m.end + upper.end()), None)
            if top is not None and top.currency == m.currency:
                # a range ("$206 billion to $213 billion") is read as its first figure, its low end: the figure a
                # reader quotes first; the quote keeps both ends
                ctx.use(top.start, top.end)
                end = top.end
        fields: dict[str, Any] = {"kind": "financial_metric", "metric": metric, "value": value, "currency": m.currency}
        period = _period_near(text, sent, noun_start, money, end)
        later = re.search(r"[,;]\s", text[end : sent.end])
        if period and later and _period_near(text, Span(sent.start, end + later.start()), noun_start, money, end) is None:
            # "A year ago Amazon earned ... on $187.8 billion of sales, so the bar ... in the holiday quarter": a period
            # only a later clause names is not this figure's when the sentence opens on the year before
            period = _year_ago_period(ctx, sent, noun_start, m.start) or period
        if not guided_forward(text, clause, noun_start, m.start):
            period = _heading_period(text, sent, period) or period  # a slide's bullet under "Full-Year 2017 Performance"
        if period:
            fields["period"] = period
        ctx.use(m.start, m.end)
        anchor = Span(min(noun_start, m.start), end)
        if metric not in ("market_cap", "guidance_revenue"):
            growth, rates = _growth(ctx, sent, percents, min(noun_start, m.start), m, end)
            for r in rates:  # a rate said with a figure is the figure's, never a share move
                ctx.use(r.start, r.end)
                anchor = Span(min(anchor.start, r.start), max(anchor.end, r.end))
            if growth is not None and any(_OTHER_BASIS.search(_rate_phrase(text, sent, r)) for r in rates):
                growth = None  # "up 7% in constant currency": not the reported change the check computes
            if growth is None and not rates:
                growth = _sub_bullet_growth(text, sent, end)  # a slide's "• FY revenue $28.2B" over "  – +12.1% reported"
            if growth is not None:
                fields["growth_percent"] = growth
        quote = _own_clause(text, _enclosing(clauses, anchor.start, anchor.end), anchor)
        guided = metric in ("eps", "net_income", "operating_income", "other") and bool(
            re.search(r"\b(?:guid\w*|outlook|forecasts?|expects?|sees|projects?|(?:is|are|were|was) (?:looking for|expecting|modell?ing|penciling in))\b",
                      text[max(clause.start, noun_start - 30) : m.start], re.I))
        lead = _NON_GAAP_LEAD.match(text[sent.start : quote.start])
        if lead and not re.search(r"\bGAAP\b", text[quote.start : quote.end]) and not _NON_GAAP_LEAD.match(text[quote.start : quote.end]):
            # "On an adjusted basis, Ford earned $1.48 a share": the basis is part of the claim (the check
            # never holds an adjusted figure to the GAAP one)
            quote = Span(sent.start + lead.start(), quote.end)
        # "FY18 EPS guide raised to $7.33": a guided figure is a forecast, never held to the year's result
        if not guided and not after_forecast and _CONSENSUS_WORDING.search(text, max(clause.start, noun_start - 80), m.start):
            guided = True  # "analysts polled by data providers had pencilled in earnings of $2.26 a share": a consensus
        if not guided and _PRO_FORMA.search(text, max(sent.start, noun_start - 80), m.start) and not re.search(
                r"[$€£]\d", text[_PRO_FORMA.search(text, max(sent.start, noun_start - 80), m.start).end() : m.start]):
            # "said the combined company would have about $9.2 billion in annual sales": a merged firm's figure is a
            # projection of two companies' books, never the company's own reported result (nor held to it)
            guided = True
        if "period" not in fields and not guided:
            prior = _year_ago_period(ctx, sent, noun_start, m.start)
            if prior:
                fields["period"] = prior  # "A year ago the company earned $1.68 a share": the year-ago quarter's figure
        out.append(_Candidate("financial_metric", fields, anchor, quote, attribution="forecast" if guided else None))
    return out


def _comparison(ctx: _Context, sent: Span, clauses: list[Span], m: Money, before: str, after: str,
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
    compared = bool(_COMPARE_WORD.search(before) or _COMPARE_NOUN.search(before))
    # "up 7% from $105.8 billion": the base a year-over-year growth is counted from is the year-ago figure
    growth_base = bool(re.search(r"\d\s?%\s+from\s+$", before)) and bool(out) and out[-1].fields.get("growth_percent") is not None \
        and not _SEQUENTIAL.match(after)
    dated = (_DATED_AFTER.match(text[m.end : min(sent.end, m.end + 100)]) or _DATED_MONTH.match(text[m.end : min(sent.end, m.end + 60)])) \
        if compared else None
    consensus_verb = _CONSENSUS_VERB.search(before)
    year_only = None
    if compared and not dated and out and not out[-1].comparison and re.fullmatch(
            r"FY \d{4}", _period_key(out[-1].fields.get("period")) or ""):
        # "full-year revenues were $28.22 billion, compared with $25.64 billion in 2016": beside a full year's
        # figure, a bare year is that year's (beside a quarter's it could be the quarter of that year: not read)
        year_only = _BARE_YEAR_AFTER.match(text[m.end : min(sent.end, m.end + 30)])
        if year_only is not None and int(year_only["y"]) >= int((_period_key(out[-1].fields.get("period")) or "FY 0")[3:]):
            year_only = None  # a base is an earlier year
    if consensus_before or consensus_after or consensus_verb:
        kind = "consensus"
    elif year_only:
        kind = "dated"
    elif dated:
        kind = "dated"
    elif chained and out[-1].attribution is None and re.search(r"(?:19|20)\d{2}", out[-1].fields.get("period") or ""):
        kind = "dated"  # "compared with $15.3 billion, or $1.43 per diluted share, in third quarter 2024": the same period
    elif prior_before or (prior_after and (compared or chained)) or growth_base:
        kind = "prior"
    elif chained and out[-1].attribution == "forecast":
        kind = "consensus"
    else:
        return None
    per_share = not m.scaled and m.value < 1000
    current = [c for c in out if not c.comparison and c.anchor.end <= m.start and c.fields.get("metric") not in ("other", "market_cap")]
    fits = [c for c in current if (c.fields["metric"] == "eps") == per_share]
    if not fits and kind in ("dated", "prior") and re.fullmatch(r"[\s*\u2022\u2013\u2014-]*(?:vs\.?|versus|compared (?:with|to))\s+(?:the\s+|an?\s+)?",
                                                             text[sent.start : m.start], re.I):
        carried = _line_before_metric(text, sent, per_share)  # a slide's "• vs. $6.38B in Q4 2016" under its figure's line
        if carried is not None:
            fits = [_Candidate("financial_metric", {"metric": carried}, Span(m.start, m.start), Span(m.start, m.start))]
    if not fits and kind == "consensus":
        # "- EPS: consensus $1.57": the line's label is the noun; else the figure the consensus was for, said before
        return _labelled_forecast(ctx, sent, clauses, m) or (
            _consensus_alone(ctx, sent, clauses, m, before, after, consensus_verb) if consensus_verb else None)
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
    elif kind == "dated":
        # "compared with $158.9 billion in the third quarter of 2024": the figure names its own period
        if dated:
            fields["period"] = dated["period"]
            end = m.end + dated.end()
        elif year_only:
            fields["period"] = f"fiscal {year_only['y']}"
            end = m.end + year_only.end()
        else:
            fields["period"] = out[-1].fields["period"]
    else:
        settled = _settled_period(ctx, cur.fields.get("period"))
        quarter = _article_quarter(ctx, cur.fields.get("period")) if settled is None else None
        if settled is not None:
            fields["period"] = _year_before(*settled)
        elif quarter is not None:
            # "Q3" with no year anywhere: the check takes the year before the latest Q3 on record
            fields["period"] = f"{quarter}, a year earlier"
        elif (quarter := _period_in_focus(ctx, m.start)) is not None:
            # "... reported fourth-quarter results. Net sales rose 11% to $X, against $Y a year earlier": the quarter
            # the story last named is the one reported (the check counts back from the latest such quarter on record)
            if re.fullmatch(r"(?:Q[1-4]|FY) \d{4}", quarter):
                fields["period"] = _year_before(quarter, False)  # "... reported first-quarter 2017 results. ...": its year before
            else:
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


# the consensus as the subject of its own verb: "Eleven analysts surveyed by Zacks expected $54.54 billion",
# "Wall Street had expected $1.57 a share", "the consensus called for just $2.26", "the consensus estimate for the
# current quarter has moved to $1.94"
_CONSENSUS_VERB = re.compile(
    r"\b(?:analysts?|Wall Street|the Street|Street(?:['\u2019]s)?|consensus|estimates?)\b(?P<mid>[^.;$€£]{0,45}?)\s*"
    r"\b(?:had |have |has )?(?:expected|forecast|projected|estimated|predicted|anticipated|called for|calls for|were for|was for|"
    r"(?:were|was|had been) (?:looking for|expecting|modell?ing)|(?:has |had )?(?:moved|risen|climbed|edged up|fallen|slipped|drifted|dropped) to)"
    r"\s+(?:just |only |about |roughly |around |nearly |some )?(?:[~]\s*)?$", re.I)
_CONSENSUS_OFF = re.compile(r"\b(?:targets?|PT|price|shares?|stock|rating|dividend|rate|growth|margin)\b", re.I)


def _consensus_alone(ctx: _Context, sent: Span, clauses: list[Span], m: Money, before: str, after: str,
                     verb: re.Match[str]) -> Optional[_Candidate]:
    """A consensus said in a sentence of its own: a per-share figure is EPS; a scaled one is the metric the
    text named last before it in its paragraph ("... posted revenue of $58.31 billion. Eleven analysts expected
    $54.54 billion"). A forecast, never held to the result; nothing when the metric is not certain."""
    text = ctx.text
    if _CONSENSUS_OFF.search(verb["mid"]):
        return None  # "analysts' price target has moved to $150": not a results figure
    per_share = bool(_PER_SHARE_AFTER.match(after))
    if per_share or (not m.scaled and m.value < 1000 and re.search(r"\b(?:consensus|estimates?)\b", verb.group(0), re.I)):
        if m.scaled:
            return None
        metric = "eps"
    elif m.scaled and m.value >= 1e6:
        para = text.rfind("\n\n", 0, sent.start)
        nouns = [n for n in _NOUN_ONLY.finditer(text, max(para + 1, sent.start - 400), sent.start)]
        named = [n for n in nouns if not re.fullmatch(_EPS, n.group(0), re.I)]
        if not named:
            return None
        noun = named[-1].group(0).lower()
        metric = next((name for name, p in _METRICS if name != "other" and re.fullmatch(p, noun, re.I)), None)
        if metric in (None, "eps", "market_cap"):
            return None
    else:
        return None
    fields: dict[str, Any] = {"kind": "financial_metric", "metric": metric, "value": m.value, "currency": m.currency}
    start = m.start - len(before) + verb.start()
    end = m.end + (_PER_SHARE_AFTER.match(after).end() if per_share else 0)
    anchor = Span(max(sent.start, start), end)
    return _Candidate("financial_metric", fields, anchor, _enclosing(clauses, anchor.start, anchor.end),
                      attribution="forecast", comparison=True)


_HEADING_PERIOD = re.compile(
    r"\b(?:(?:full[- ]year|fiscal(?: year)?|FY)\s?'?(?:19|20)\d{2}|(?:19|20)\d{2}\s+(?:full[- ]year|annual)|"
    r"(?:Q[1-4]|[1-4]Q)\s?(?:FY\s?)?'?(?:19|20)\d{2}|(?:first|second|third|fourth)[- ]quarter\s+(?:of\s+)?(?:fiscal\s+)?(?:19|20)\d{2})\b", re.I)


def guided_forward(text: str, clause: Span, noun_start: int, at: int) -> bool:
    """True when the words before the figure make it a forecast ('guides', 'outlook'): a heading's period is not its."""
    return bool(re.search(r"\b(?:guid\w*|outlook|forecasts?|expects?|sees)\b", text[max(clause.start, noun_start - 30) : at], re.I))


def _heading_period(text: str, sent: Span, period: Optional[str]) -> Optional[str]:
    """The period with its year a bullet's heading names ('Q4 2017 Highlights', 'Full-Year 2017 Performance') when the
    bullet's own period lacks the year ('Full-year', 'Q4') or is not said; None when the heading names none or another."""
    from ....check.financial_metric import period_key

    if period and re.search(r"(?:19|20)\d{2}|'\d{2}|\b[1-4]Q\d{2}|Q[1-4]\s?\d{2}\b", period):
        return None
    line_start = text.rfind("\n", 0, sent.start) + 1
    if not re.match(r"[ \t]*[\u2022\u2013*-][ \t]", text[line_start : sent.start + 3]):
        return None  # only a bullet sits under a heading
    end = line_start - 1
    for _ in range(8):  # up over the other bullets of the block to its heading
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if not line.strip():
            return None
        if not re.match(r"[ \t]*[\u2022\u2013*\u00b9\u00b2\u00b3-]", line):
            hit = _HEADING_PERIOD.search(line)
            if hit is None or re.search(r"[$€£]\s?\d", line):
                return None
            own, named = period_key(period) if period else None, period_key(hit.group(0)) or ""
            if own and not named.startswith(own.replace("full year", "FY").split(" ")[0]):
                return None  # "Q4" under a full-year heading: not that period
            return hit.group(0)
        end = start - 1
    return None


_SUB_BULLET_GROWTH = re.compile(
    r"\n[ \t]+[\u2013\u2014\u25e6\u2022*-][ \t]*(?P<p>[+\-\u2212]\d{1,3}(?:\.\d+)?)\s?%[\u00b9\u00b2\u00b3\u2070-\u2079]*"
    r"[ \t]*(?:(?:as[ \t]+)?reported|y/y|yoy|year[ -]over[ -]year|growth|vs\.?[ \t]+(?:prior[ \t]+year|PY|LY))[\u00b9\u00b2\u00b3\u2070-\u2079]*[ \t]*(?=\n|$)", re.I)


def _sub_bullet_growth(text: str, sent: Span, end: int) -> Optional[float]:
    """The growth an indented sub-bullet gives the figure that ends the bullet line above it ('• Full-year net
    revenues $28.2B' over '  – +12.1% reported'); None when the figure does not end its line or no such line follows."""
    if not re.fullmatch(r"[ \t]*", text[end : text.find("\n", end) if "\n" in text[end : end + 200] else end]):
        return None
    line_start = text.rfind("\n", 0, sent.start) + 1
    if not re.match(r"[ \t]*[\u2022*-][ \t]", text[line_start : line_start + 4]):
        return None
    hit = _SUB_BULLET_GROWTH.match(text, text.find("\n", end))
    return float(hit["p"].replace("\u2212", "-")) if hit else None


def _line_before_metric(text: str, sent: Span, per_share: bool) -> Optional[str]:
    """The metric the line just above names ('• Net revenues of $7.74B, up 13.4%'), for a comparison line under it
    that names none; None when that line names none or another figure's kind."""
    end = text.rfind("\n", 0, sent.start)
    if end < 0:
        return None
    start = text.rfind("\n", 0, end) + 1
    nouns = list(_NOUN_ONLY.finditer(text, start, end))
    if len(nouns) != 1 or not re.search(r"[$€£]\s?\d", text[start:end]):
        return None
    noun = nouns[0].group(0)
    metric = next((name for name, p in _METRICS if name not in ("other", "market_cap") and re.fullmatch(p, noun, re.I)), None)
    if metric is None or (metric == "eps") != per_share or _segment_qualified(text, nouns[0].start()):
        return None
    return metric


# a figure of the firm a merger would make: "the combined company", "the enlarged group", "on a pro forma basis"
_PRO_FORMA = re.compile(r"\b(?:combined|merged|enlarged)\s+(?:company|group|entity|business|firm|companies|operations)\b|\bpro[- ]forma\b", re.I)
_BARE_YEAR_AFTER = re.compile(r"\s*(?:in|for|during)\s+(?:fiscal\s+)?(?P<y>(?:19|20)\d{2})\b(?!\s*(?:[-\u2013/]|to\b|through\b))")


def _period_key(period: Optional[str]) -> Optional[str]:
    from ....check.financial_metric import period_key

    return period_key(period) if period else None


def _period_in_focus(ctx: _Context, at: int) -> Optional[str]:
    """The quarter ('Q4') the story named last before ``at`` (within a few sentences), when it is a quarter."""
    from ....check.financial_metric import period_key

    named = [p for p in _PERIOD.finditer(ctx.text, max(0, at - 600), at) if not _forward_period(ctx.text, p.end())]
    if not named:
        return None
    key = period_key(named[-1].group(0)) or ""
    if re.fullmatch(r"Q[1-4] \d{4}", key) and not re.search(r"\bfiscal\b|FY", named[-1].group(0), re.I) \
            and not re.search(r"\n[ \t]*\n", ctx.text[named[-1].end() : at]):
        return key  # 'first-quarter 2017' in the same paragraph: the quarter with its (calendar) year
    return key[:2] if re.fullmatch(r"Q[1-4](?: \d{4})?", key) and not key[3:] else None


_LINE_LABEL = re.compile(  # "- Revenue: ...", "EPS (adj.): ...": a line headed by a metric noun and a colon
    r"[ \t]*(?:[-*\u2022]\s+)?(?:(?:Q[1-4]|FY\s?\d{2,4}|adj(?:usted|\.)?|net|total|diluted)\s+)?"
    r"(?P<noun>revenues?|net sales|sales|EPS|net income|operating income)\s*(?:\([^)]{0,15}\)\s*)?:\s", re.I)
_FORECAST_WORDS = re.compile(r"\b(?:expect\w*|consensus|estimates?|est\.|forecast\w*|polled|projected|anticipat\w*|looking for|sees?)\b", re.I)


def _line_metric(text: str, sent: Span, at: int) -> Optional[tuple[str, re.Match[str]]]:
    """The metric a line's label names for a figure after its colon (None when the line has no such label)."""
    label = _LINE_LABEL.match(text, sent.start, at)
    if label is None or re.search(r"[$€£]\d", text[label.end() : at]):
        return None
    noun = label["noun"].lower()
    return ("eps" if noun == "eps" else "revenue" if noun.endswith(("sales", "revenue", "revenues")) else
            "operating_income" if noun.startswith("operating") else "net_income"), label


def _labelled_forecast(ctx: _Context, sent: Span, clauses: list[Span], m: Money) -> Optional[_Candidate]:
    """'- Revenue: analysts polled by LSEG expect $177.8 billion', '- EPS: consensus $1.57': a forecast the line's
    label names the metric of (never held to the result)."""
    text = ctx.text
    found = _line_metric(text, sent, m.start)
    if found is None or not _FORECAST_WORDS.search(text, found[1].end(), m.start):
        return None
    metric, label = found
    if (metric == "eps") == bool(m.scaled) or (metric != "eps" and m.value < 1e6):
        return None
    fields: dict[str, Any] = {"kind": "financial_metric", "metric": metric, "value": m.value, "currency": m.currency}
    anchor = Span(label.start("noun"), m.end)
    return _Candidate("financial_metric", fields, anchor, Span(sent.start + len(text[sent.start : sent.end]) - len(text[sent.start : sent.end].lstrip()), sent.end),
                      attribution="forecast", comparison=True)


def _settled_period(ctx: _Context, period: Optional[str]) -> Optional[tuple[str, bool]]:
    """The current figure's period with its year ('Q3 2020', fiscal?), from its own words or from the
    quarter the article names with a year; None when that is not certain."""
    from ....check.financial_metric import period_key

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


def _article_quarter(ctx: _Context, period: Optional[str]) -> Optional[str]:
    """The one quarter ('Q3') the figure or, failing that, the whole article names, without a year."""
    from ....check.financial_metric import period_key

    if period:
        key = period_key(period) or ""
        return key if re.fullmatch(r"Q[1-4]", key) else None
    if ctx.named_periods is None:
        ctx.named_periods = frozenset([period_key(p.group(0)) or "" for p in _PERIOD.finditer(ctx.text)]
                                      + [period_key(_english_quarter(p)) or "" for p in _FOREIGN_QUARTER.finditer(ctx.text)])
    keys = ctx.named_periods
    if len(keys) == 1 and re.fullmatch(r"Q[1-4]", next(iter(keys))):
        return next(iter(keys))  # every period the article names is that one quarter
    title = ctx.text.lstrip().split("\n", 1)[0][:200]
    heads = {period_key(p.group(0)) or "" for p in _PERIOD.finditer(title)}
    if len(heads) == 1 and re.fullmatch(r"Q[1-4]", next(iter(heads))):
        return next(iter(heads))  # "Amazon Q4 call recap": the quarter the headline names is the one reported
    return None


@lru_cache(maxsize=1)
def _tickers() -> frozenset[str]:
    """Listed symbols: "Apple (AAPL) grew sales" has the company as its subject, not a segment."""
    return frozenset(company_table())


# spoken results: "AWS did $27 billion"; a segment "put up" its figure (a sports desk's verb, read only for a segment)
_SPOKEN_RESULT = re.compile(r"\b(?P<subj>[A-Z][\w&.'-]*)\s+did\s+(?:about\s+|roughly\s+|around\s+)?$")
_SEGMENT_PUT_UP = re.compile(r"(?:^|(?<=[\s(]))(?P<subj>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+put\s+up\s+(?:about\s+|roughly\s+|around\s+)?$")
_PERIOD_AFTER_PUT = re.compile(r"\s*(?:in|on|for)\s+(?:the\s+)?(?:quarter|period|Q[1-4]|(?:first|second|third|fourth|holiday)[- ]quarter|fiscal|year)\b", re.I)


def _spoken_result(before: str, after: str) -> Optional[re.Match[str]]:
    """The subject of a spoken result: "AWS did $27 billion"; "Cloudline put up $8.0 billion on the quarter" (a
    segment's, with its period: "put up $4 billion as collateral" is no result)."""
    did = _SPOKEN_RESULT.search(before)
    if did is not None:
        return did
    put = _SEGMENT_PUT_UP.search(before)
    return put if put is not None and _segment_name(put["subj"]) and _PERIOD_AFTER_PUT.match(after) else None


_NAMED_GROWTH = re.compile(
    r"(?:^|(?<=[\s(]))(?P<seg>[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3})\s+(?:(?:only|just|also|still)\s+)?(?:grew|rose|increased|climbed|jumped|expanded)\s+"
    r"(?:(?:about|around|roughly|nearly)\s+)?(?:\d+(?:\.\d+)?\s?(?:%|percent)\s+)?to\s+(?:about\s+|around\s+|roughly\s+)?$")
_NOT_COMPANY_PROFIT = re.compile(
    r"\b(?:illicit|illegal|ill-gotten|unlawful|alleged|trading|insider[- ]trading)\s+(?:\w+\s+)?(?:profits?|gains?|losses?)\b"
    r"|\b(?:profits?|losses)\s+(?:avoided|from (?:the |their |his |her )?(?:trad\w*|sales? of (?:the |their |his |her )?(?:options|shares|stock)))", re.I)
_SEGMENT_RECORD = re.compile(  # "services hit an all-time high of", "Cloud Services reached a record"
    r"(?:^|(?<=[\s(]))(?P<seg>[A-Za-z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2})\s+(?:revenue\s+|sales\s+)?(?:hit|hits|reached|reaches|set|sets|notched)\s+"
    r"(?:an?\s+|a\s+new\s+|another\s+)?(?:all-time|record)(?:\s+high)?(?:\s+of)?\s+$")
_SPEND = re.compile(r"\b(?:spend|spending|invest|investing)\s+(?:(?:about|around|roughly|some|nearly|up to|more than|over|as much as)\s+)?$", re.I)
_SPEND_ON = re.compile(r"\s+(?:on|in)\s+(?:new\s+)?(?:capital|capex|data[- ]cent\w+|infrastructure)\b", re.I)
_SOLD_WORTH = re.compile(r"\bsold\s+(?:[\w-]+\s+){0,3}?worth\s+(?:(?:about|around|roughly|nearly)\s+)?$", re.I)


def _segment_name(name: str) -> bool:
    """'Cloud Services', 'AWS', 'Amazon Web Services' (a business inside a company): not a company the table
    knows by that whole name, nor a pronoun or sentence word."""
    words = name.split()
    if not words or words[0] in _NOT_SEGMENT_WORDS or name in known_names() or name in _tickers():
        return False
    if len(words) == 1 and words[0] in known_names():
        return False
    return not any(w.lower() in ("the", "its", "revenue", "sales", "shares", "stock") for w in words)


def _segment_subject(text: str, verb_start: int) -> bool:
    """True when the subject before the verb is a segment ("The cloud unit, AWS, grew sales"), not the company.

    The subject's last word decides: a company the table knows, or a common noun ("the chipmaker", "the
    Redmond, Washington-based company"), is the company; a segment word or a capitalised name the table
    does not know ("AWS") may be a segment, and a segment's figure is never held to the company's."""
    lead = text[max(0, verb_start - 60) : verb_start]
    lead = re.sub(r"(?<=[a-z,])[ \t]*\n(?![ \t]*\n)[ \t]*", " ", lead)  # a wrapped line ("AWS, the cloud unit,\nposted") runs on
    lead = re.split(r"[.;:!?\n]|,\s+(?:and|but|while)\s+", lead)[-1]
    words = re.findall(r"[\w&'\u2019-]+", lead)
    if not words:
        return False
    head = re.sub(r"['\u2019]s$", "", words[-1])
    if head in known_names() or head in _tickers() or head in _NOT_SEGMENT_WORDS or head.lower() in ("also", "today", "then", "now", "still", "again"):
        return False
    if _SEGMENT_SUBJECT.fullmatch(head):
        return True
    return head[:1].isupper() and not re.fullmatch(r"Q[1-4]|FY\d*|H[12]", head)


def _segment_qualified(text: str, noun_start: int) -> bool:
    """'iPhone sales', 'Service revenue', 'cloud revenue' are one segment's figure, not the company's."""
    if re.match(r"(?:ingres[óo]|factur[óo])\b", text[noun_start : noun_start + 10], re.I):
        return _segment_subject(text, noun_start)  # "La farmacéutica ingresó ...": the noun is the verb, its subject decides
    prev = re.search(r"([\w'\u2019&-]+)[ \t]*$", text[max(0, noun_start - 40) : noun_start])  # not across a line break
    if not prev:
        return False
    word = prev.group(1)
    low = word.lower()
    if low in _SEGMENT_VERBS:
        return _segment_subject(text, max(0, noun_start - 40) + prev.start(1))
    if low in _SEGMENT_MODIFIERS:
        # "AWS net sales", "Services total revenue": a modifier between a name and the noun; the name decides
        name = re.search(r"([\w'\u2019&-]+)[ \t]+$", text[max(0, noun_start - 60) : max(0, noun_start - 40) + prev.start(1)])
        head = re.sub(r"['\u2019]s$", "", name.group(1)) if name else ""
        return bool(head[:1].isupper() and head not in _NOT_SEGMENT_WORDS and head.lower() not in _SEGMENT_OK | {"worldwide", "global"}
                    and head not in known_names() and head not in _tickers()
                    and not re.fullmatch(r"(?:Q[1-4]|[1-4]Q\w*|F[1-4]Q\w*|FY\w*)", head, re.I) and not _MONTH_QUARTER.fullmatch(head))
    if low in ("worldwide", "global") and _product_before(text, max(0, noun_start - 40) + prev.start(1)):
        return True  # "Humira worldwide revenues of $18.4 billion" (net/total: above): one product's (or brand's) sales, not the company's
    if low in _SEGMENT_OK or re.fullmatch(r"(?:q[1-4]|[1-4]q\w*|f[1-4]q\w*|fq[1-4]\w*|fy\w*|\d{2,4}|\d+(?:st|nd|rd|th)?)", low) or _MONTH_QUARTER.fullmatch(word):
        return False
    if re.sub(r"['\u2019]s$", "", word) in known_names():
        return False
    return True


@reads("financial_metric")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    money = s.money
    spoken = find_spoken_money(ctx.text, s.span.start, s.span.end)  # a transcript: "revenue one-eighty point two billion"
    if spoken:
        money = sorted(money + [x for x in spoken if not any(x.start < m.end and m.start < x.end for m in money)], key=lambda m: m.start)
    money = _bare_comparisons(ctx.text, s.span, money)
    cents = [Money(round(float(c["n"] or c["m"]) / 100, 6), "USD", c.start(), c.end(), False) for c in _CENTS.finditer(ctx.text, s.span.start, s.span.end)]
    cents = [c for c in cents if not any(c.start < x.end and x.start < c.end for x in money)]
    if cents:  # "a profit of 3 cents a share": a per-share figure written in cents
        money = sorted(money + cents, key=lambda x: x.start)
    found = _figure_led(ctx, s.span, money)
    found += _metrics(ctx, s.span, s.clauses, money, s.percents) + _margins(ctx, s.span, s.clauses, s.percents)
    found += _from_to(ctx, s.span, s.clauses, money, s.percents) + _loose_nouns(ctx, s.span, s.clauses, money)
    for cand in found:
        _anaphoric_subject(ctx, s.span, cand)
        _named_in_a_later_clause(ctx, s.span, cand)
    return found


# the label of a figure-led stat line that opens on a metric noun: "Operating income in the third quarter",
# "Halden's net sales for fiscal 2025" (a segment's or a product's figure is never the company's: not read)
_LEAD_METRIC = re.compile(
    r"(?:(?:the\s+|its\s+|[A-Z][\w&.'-]*['\u2019]s\s+)?(?:(?:total|net|quarterly|annual|full-year|reported|GAAP|diluted|adjusted)\s+){0,2})"
    r"(?P<noun>" + "|".join(f"(?P<{name}>{p})" for name, p in _METRICS if name not in ("other", "market_cap")) + r")(?!\w)"
    r"(?!\s+(?:growth|margin|guidance|forecast|target|estimates?|consensus|outlook|expected|per (?:employee|store)))", re.I)


def _figure_led(ctx: _Context, sent: Span, money: list[Money]) -> list[_Candidate]:
    """'**$21.4 billion:** Operating income in the third quarter': a stat line led by its figure, the label
    after it naming the metric (and maybe the period)."""
    text = ctx.text
    found = figure_lead(text, sent.start)
    if found is None:
        return []
    value, label = found
    figs = [m for m in money if value.start <= m.start and m.end <= value.end]
    if len(figs) != 1 or not (sent.start <= value.start and value.end <= sent.end):
        return []
    m = figs[0]
    hit = _LEAD_METRIC.match(text, label.start, label.end)
    if hit is None or re.search(r"[$€£]\d", text[label.start : label.end]):
        return []
    metric = next(name for name, _ in _METRICS if name not in ("other", "market_cap") and hit.group(name))
    if (metric == "eps") == bool(m.scaled) or (metric != "eps" and m.value < 1e6):
        return []
    clause = re.match(r"[^,;(]*", text[label.start : label.end])
    end = label.start + (clause.end() if clause else 0)
    fields: dict[str, Any] = {"kind": "financial_metric", "metric": metric, "value": m.value, "currency": m.currency}
    period = _period_near(text, Span(label.start, end), hit.start("noun"))
    if period:
        fields["period"] = period
    ctx.use(m.start, m.end)
    anchor = Span(m.start, end)
    return [_Candidate("financial_metric", fields, anchor, anchor)]


_CENTS = re.compile(r"(?<![\w.$,])(?P<n>\d{1,3}(?:\.\d+)?)\s?(?:cents?|\u00a2)(?=\s+(?:a|per)\s+(?:diluted\s+)?share\b)"
                    # "diluted EPS was 28 cents": the per-share noun said before the cents
                    r"|(?:(?<=\bEPS was )|(?<=\bEPS were )|(?<=\bEPS of )|(?<=\bEPS at )|(?<=\bEPS is ))(?P<m>\d{1,3}(?:\.\d+)?)\s?(?:cents?|\u00a2)(?!\w)", re.I)
_ANAPHOR_LEAD = re.compile(r"(?:^|[.;:]\s+|\n)\s*(?:the (?:company|group|firm|retailer|chipmaker|maker|giant|conglomerate)|it|its)\b", re.I)


def _anaphoric_subject(ctx: _Context, sent: Span, cand: _Candidate) -> None:
    """'The company reported a net loss of $3.8 billion, ... hurt by a loss on its stake in Rivian': a company
    named only after the figure is not its subject; the anaphor's company (the one in focus) is."""
    if cand.company is not None or any(m.start < cand.anchor.start for m in ctx.local):
        return
    if not any(m.start >= cand.anchor.end for m in ctx.local):
        return
    if _ANAPHOR_LEAD.search(ctx.text[sent.start : cand.anchor.start]):
        focus = _in_focus(ctx, sent)
        if focus is not None:
            cand.company = focus


_REPORTING_AFTER = re.compile(r"(?:['\u2019]s)?\s*(?:\([A-Z.]{1,6}\)\s*)?(?:said|says|reported|reports|announced|posted|noted|added|disclosed)\b")


def _named_in_a_later_clause(ctx: _Context, sent: Span, cand: _Candidate) -> None:
    """'rev $116.4B and EPS -$7.56, Rivian mark did most of the damage': a company named only in a later clause
    (not the one reporting the figure: "..., Apple said") is not the figure's subject; the company in focus is."""
    if cand.company is not None or any(m.start < cand.anchor.end for m in ctx.local):
        return
    after = [m for m in ctx.local if m.start >= cand.anchor.end]
    if not after:
        return
    text = ctx.text
    first = after[0]
    if not re.search(r"[,;]|\s[-\u2013\u2014]\s", text[cand.anchor.end : first.start]) or _REPORTING_AFTER.match(text, first.end):
        return
    focus = _in_focus(ctx, sent)
    if focus is not None and (focus.ticker or focus.name) != (first.ticker or first.name):
        cand.company = focus


_BARE_COMPARED = re.compile(
    r"(?<![\w$€£.,])(?P<num>\d{1,3}(?:\.\d{3})*,\d{1,2}|\d+(?:\.\d+)?)\s?(?P<scale>billion|bn|million|mn|milliards?|miliardi|Mrd\.?|"
    r"mil millones|millones|Milliarden|Mio\.?)(?![\w])", re.I)
_BARE_SCALES = {"billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "milliard": 1e9, "miliardi": 1e9, "mrd": 1e9,
                "mil millones": 1e9, "millones": 1e6, "milliarden": 1e9, "mio": 1e6}


def _bare_comparisons(text: str, sent: Span, money: list[Money]) -> list[Money]:
    """'$180.2 billion, compared with 158.9 billion a year earlier' ('contre 158,9 milliards un an plus tôt'):
    a comparison figure that leaves out its currency takes the one of the figure it is compared with."""
    extra: list[Money] = []
    for m in _BARE_COMPARED.finditer(text, sent.start, sent.end):
        if any(m.start() < x.end and x.start < m.end() for x in money):
            continue
        earlier = [x for x in money if x.end <= m.start() and x.scaled]
        if not earlier or not _COMPARE_WORD.search(text, max(sent.start, m.start() - 30), m.start()):
            continue
        raw = m["num"]
        key = m["scale"].lower().rstrip(".")
        european = key not in ("billion", "bn", "million", "mn") and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw)
        # "6.282 millones": in the languages that write the scale so, the dot groups thousands
        value = float(raw.replace(".", "").replace(",", ".")) if "," in raw or european else float(raw)
        factor = next((f for k, f in _BARE_SCALES.items() if key.startswith(k)), None)
        if factor is None:
            continue
        extra.append(Money(round(value * factor, 6), earlier[-1].currency, m.start(), m.end(), True))
    return sorted(money + extra, key=lambda x: x.start) if extra else money


# the words that make a figure the analysts' expectation, said without "consensus" or "expected"
_CONSENSUS_WORDING = re.compile(
    r"\b(?:analysts?|the Street|Wall Street|economists|forecasters|brokers)\b[^.;$€£]{0,60}?\b(?:pencil(?:l)?ed in|penciled|polled|surveyed|"
    r"(?:had been |were |had )(?:looking for|modell?ing|modell?ed|projecting|forecasting|predicting|predicted|anticipating|bracing for)|"
    r"on average (?:expected|forecast)|had (?:forecast|projected|predicted|estimated))\b"
    r"|\b(?:the\s+)?consensus(?:\s+(?:estimate|forecast|view|expectation))?\s+(?:was|is|had been|stood|sat|came to)\b", re.I)
# a period named after a growth's base word ("from the third quarter of 2024", "versus fiscal 2023")
_BASE_PERIOD = re.compile(
    r"\b(?:from|versus|vs\.?|compared (?:with|to)|against|over)\s+(?:the\s+|a\s+)?(?:same\s+|year-ago\s+|prior-year\s+)?$", re.I)
# the sentence sets its figures in the year-ago period: "A year ago, ...", "In the year-ago quarter, ...",
# "Revenue in the year-ago quarter had been ..."
_YEAR_AGO_LEAD = re.compile(
    r"^\W*(?:(?:a|one) year (?:ago|earlier|before)|in the (?:year-ago|year-earlier|prior-year|same) (?:quarter|period)(?: (?:a year (?:ago|earlier)|last year))?)\b", re.I)
_YEAR_AGO_AFTER_NOUN = re.compile(
    r"^(?:[\w-]+\s+){1,2}?(?:in|for|during)\s+the\s+(?:year-ago|year-earlier|prior-year)\s+(?:quarter|period)\s+(?:had been|was|were|of|came in at|stood at|totall?ed)\s+[~]?$", re.I)


def _year_ago_period(ctx: _Context, sent: Span, noun_start: int, money_start: int) -> Optional[str]:
    """The year-ago period of a figure the sentence places a year back, when the current period is settled
    ('Q3 FY2019'), or the article's one quarter a year earlier; None when that is not certain."""
    text = ctx.text
    # a sentence wrapped over lines ("A year ago\nAmazon earned ...") may begin on the line before
    back = text[max(0, sent.start - 120) : sent.start]
    cut = max([b.end() for b in re.finditer(r"[.!?][\"'\u201d)\]]*\s|\n\s*\n|^", back)])
    begin = sent.start - len(back) + cut
    lead = text[begin:noun_start]
    own = _YEAR_AGO_AFTER_NOUN.match(text[noun_start:money_start])
    if not (_YEAR_AGO_LEAD.match(lead) or own):
        return None
    if not own and ";" in lead:
        return None  # "A year earlier it earned $0.25 a share; net income for the quarter reached $3.9 billion": a new clause
    if re.search(r"\b(?:from|than|versus|vs\.?|compared|up|down|rose|fell|grew|increased|decreased)\b|%", text[begin:money_start], re.I) and not own:
        return None  # "A year ago revenue was up 12% from ...": a comparison, not a plain year-ago statement
    from ....check.financial_metric import period_key

    # the period the sentences just before name ("... for the third quarter of fiscal 2020. Revenue in the year-ago
    # quarter had been ..."), within the paragraph; else the article's one settled period
    back = text[max(0, begin - 400) : begin]
    back = re.split(r"\n\s*\n", back)[-1]
    named = [p for p in _PERIOD.finditer(back) if not _forward_period(back, p.end())] + [p for p in _MONTH_QUARTER.finditer(back)]
    if named:
        last = max(named, key=lambda p: p.start())
        key = period_key(last.group(0)) or ""
        fiscal = bool(re.search(r"\bfiscal\b|FY", last.group(0), re.I))
        if re.fullmatch(r"(?:Q[1-4]|H[12]|FY) \d{4}", key):
            return _year_before(key, fiscal)
        if re.fullmatch(r"Q[1-4]", key):
            return f"{key}, a year earlier"
        return None  # a period named some other way: not certain
    settled = _settled_period(ctx, None)
    if settled is not None:
        return _year_before(*settled)
    quarter = _article_quarter(ctx, None)
    return f"{quarter}, a year earlier" if quarter else None


def _product_before(text: str, word_start: int) -> bool:
    """True when the word before 'net'/'total' is a capitalised name the company table does not know ("Humira net
    revenues", "Azure total sales"), not a company, a period, a sentence's ordinary first word or a heading word."""
    prev = re.search(r"([\w'\u2019&-]+)[ \t]*$", text[max(0, word_start - 30) : word_start])
    if not prev:
        return False
    word = re.sub(r"['\u2019]s$", "", prev.group(1))
    if not word[:1].isupper() or word.isupper() and len(word) <= 1:
        return False
    if word in known_names() or word in _tickers() or word in _NOT_SEGMENT_WORDS or word.lower() in _SEGMENT_OK:
        return False
    if re.fullmatch(r"Q[1-4]|FY\d*|H[12]|\d.*", word) or _MONTH_QUARTER.fullmatch(word) or re.fullmatch(_MONTH, word):
        return False
    if word.lower() in ("first", "second", "third", "fourth", "full", "first-half", "second-half", "annual", "yearly", "group", "company"):
        return False
    return True


_NOUNS = re.compile(r"\b(?P<noun>" + "|".join(f"(?P<{name}>{p})" for name, p in _METRICS if name != "market_cap") + r")(?!\w)", re.I)
_CHANGE_VERB = re.compile(rf"\b(?:{_UP_WORDS}|{_DOWN_WORDS}|improved|improving|widened|narrowed|swung|went|moved)\b", re.I)


def _from_to(ctx: _Context, sent: Span, clauses: list[Span], money: list[Money], percents: list[Percent]) -> list[_Candidate]:
    """'revenue grew 12% year-over-year from $514B to $575B', 'operating income improved from $12.2B to $38.9B':
    the "to" figure is the period's, the "from" figure the one it is compared with (the year-ago period's only
    when the change is said year over year or the current period is settled; otherwise it is left out)."""
    text = ctx.text
    out: list[_Candidate] = []
    for first, second in zip(money, money[1:]):
        if ctx.is_used(first.start, first.end) or ctx.is_used(second.start, second.end) or first.currency != second.currency:
            continue
        if not re.fullmatch(r"\s+to\s+(?:a record\s+|about\s+|around\s+|roughly\s+)?[~]?", text[first.end : second.start], re.I):
            continue
        clause = _enclosing(clauses, first.start, second.end)
        lead = text[max(clause.start, sent.start, first.start - 90) : first.start]
        if not re.search(r"\bfrom\s+(?:about\s+|around\s+|roughly\s+|a\s+)?[~]?$", lead, re.I):
            continue
        nouns = list(_NOUNS.finditer(lead))
        if not nouns:
            continue
        hit = nouns[-1]
        between = lead[hit.end() :]
        if re.search(r"[$€£;]|\b(?:target|price|shares?|stock|dividend)\b", between, re.I) or not _CHANGE_VERB.search(between):
            continue  # the noun must be the subject of the change ("revenue grew from ... to ...")
        metric = next(name for name, _ in _METRICS if hit.group(name))
        noun_start = first.start - len(lead) + hit.start()
        per_share = metric == "eps"
        if per_share != (not first.scaled and not second.scaled) or (not per_share and not (first.scaled and second.scaled)):
            continue
        if metric == "revenue" and _segment_qualified(text, noun_start):
            metric = "other"
        if "loss" in hit.group("noun").lower():
            continue  # "the loss narrowed from ... to ...": the signs are the reader's guess
        fields: dict[str, Any] = {"kind": "financial_metric", "metric": metric, "value": second.value, "currency": second.currency}
        period = _period_near(text, sent, noun_start, money, second.end)
        if period and not re.search(r"(?:19|20)\d{2}|\d{2}\b", period) and _period_between(text, first.end, second.start):
            period = None
        if period:
            fields["period"] = period
        rate = next((p for p in percents if noun_start < p.start and p.end <= first.start and not p.points), None)
        yoy = bool(re.search(_YOY, text[noun_start : first.start], re.I)) or bool(_YOY_AFTER.match(text, second.end, sent.end))
        if rate is not None and not _SEQUENTIAL.match(text, rate.end, first.start):
            verb = _CHANGE_VERB.search(text, noun_start, rate.start)
            if verb is not None and not _OTHER_BASIS.search(text[noun_start:second.end]):
                down = bool(re.fullmatch(_DOWN_WORDS, verb.group(0), re.I))
                fields["growth_percent"] = -abs(rate.value) if down else abs(rate.value)
                yoy = yoy or not re.search(r"\bsequential|quarter[- ]over[- ]quarter|q/q\b", text[noun_start:second.end], re.I)
            ctx.use(rate.start, rate.end)
        ctx.use(first.start, first.end)
        ctx.use(second.start, second.end)
        anchor = Span(noun_start, second.end)
        quote = _own_clause(text, _enclosing(clauses, anchor.start, anchor.end), anchor)
        out.append(_Candidate("financial_metric", fields, anchor, Span(min(quote.start, anchor.start), max(quote.end, anchor.end))))
        if _period_between(text, first.end, second.start) or not yoy:
            continue  # "from $X in the second quarter to $Y": another period, or a change not said against the year before
        settled = _settled_period(ctx, period)
        prior = _year_before(*settled) if settled is not None else None
        if prior is None:
            quarter = _article_quarter(ctx, period)
            prior = f"{quarter}, a year earlier" if quarter else None
        if prior is None:
            ctx.dropped.append(f"{text[first.start:first.end]!r} is the figure before the change, but its period is not stated")
            continue
        prior_fields = dict(fields, value=first.value, currency=first.currency, period=prior)
        prior_fields.pop("growth_percent", None)
        out.append(_Candidate("financial_metric", prior_fields, Span(first.start - len(lead) + lead.rfind("from"), first.end),
                              Span(min(quote.start, anchor.start), max(quote.end, anchor.end)), comparison=True))
    return out


def _period_between(text: str, start: int, end: int) -> bool:
    return bool(_PERIOD.search(text, start, end) or _MONTH_QUARTER.search(text, start, end)
                or re.search(r"\b(?:in|for)\s+(?:19|20)\d{2}\b", text[start:end]))


# a noun after its figure with the period between: "$211 billion in fourth-quarter revenue",
# "$213.4 billion of holiday-quarter sales"
_NOUN_AFTER_PERIOD = re.compile(
    r"\s*(?:in|of)\s+(?P<period>(?:first|second|third|fourth)[- ]quarter|Q[1-4]|holiday[- ]quarter|"
    rf"{_MONTH}[- ]quarter|full[- ]year|annual|quarterly)\s+(?:(?:net|total)\s+)?(?P<noun>revenues?|sales|net income|operating income)\b", re.I)
# a segment or metric noun, an aside in commas, then its verb: "AWS segment sales, at the centre of the deal, grew 20% to $33.0 billion"
_ASIDE_NOUN = re.compile(
    r"\b(?P<noun>revenues?|sales|net income|operating income)\s*,\s*[^,;$€£]{3,70},\s*"
    rf"(?:(?P<dir>{_UP_WORDS}|{_DOWN_WORDS}|came in at|was|were|totall?ed|reached)\s+)(?:(?P<pct>\d+(?:\.\d+)?\s?%)\s+)?(?:to\s+)?[~]?$", re.I)


def _loose_nouns(ctx: _Context, sent: Span, clauses: list[Span], money: list[Money]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    for m in money:
        if ctx.is_used(m.start, m.end) or not m.scaled or m.value < 1e6:
            continue
        after = _NOUN_AFTER_PERIOD.match(text, m.end, sent.end)
        aside = None if after else _ASIDE_NOUN.search(text, max(sent.start, m.start - 130), m.start)
        if after is None and aside is None:
            plan = _SPEND_PLAN.search(text, max(sent.start, m.start - 60), m.start)
            if plan and _SPEND_PLAN_ON.match(text, m.end, sent.end):
                # "it would spend about $200 billion on data centers this year": a spending plan, a forecast
                ctx.use(m.start, m.end)
                anchor = Span(plan.start("verb"), _SPEND_PLAN_ON.match(text, m.end, sent.end).end())
                fields = {"kind": "financial_metric", "metric": "other", "value": m.value, "currency": m.currency}
                out.append(_Candidate("financial_metric", fields, anchor, anchor, attribution="forecast"))
            continue
        noun = (after or aside)["noun"].lower()
        metric = "revenue" if noun.startswith(("revenue", "sales")) else "operating_income" if noun.startswith("operating") else "net_income"
        fields: dict[str, Any] = {"kind": "financial_metric", "metric": metric, "value": m.value, "currency": m.currency}
        if after is not None:
            key = after["period"].lower().replace(" ", "-")
            if key in ("annual", "quarterly"):
                pass
            else:
                fields["period"] = after["period"]
            anchor = Span(m.start, after.end())
            noun_start = m.start
        else:
            noun_start = aside.start()
            if metric == "revenue" and _segment_qualified(text, noun_start):
                metric = fields["metric"] = "other"
            period = _period_near(text, sent, noun_start, money, m.end)
            if period:
                fields["period"] = period
            if aside["pct"] and aside["dir"] and re.fullmatch(rf"{_UP_WORDS}|{_DOWN_WORDS}", aside["dir"], re.I):
                value = float(re.sub(r"[^\d.]", "", aside["pct"]))
                fields["growth_percent"] = -value if re.fullmatch(_DOWN_WORDS, aside["dir"], re.I) else value
                for p in find_percents_in(ctx, aside):
                    ctx.use(p[0], p[1])
            anchor = Span(noun_start, m.end)
        guided = bool(_GUIDANCE.search(text, sent.start, m.start)) or bool(
            re.search(r"\b(?:analysts?|consensus|the Street|Wall Street)\b[^.;$]{0,40}\b(?:expect\w*|forecast\w*|estimat\w*|see|sees|project\w*)\b",
                      text[sent.start : m.start], re.I))
        if metric == "revenue" and guided and not re.search(r"\banalysts?|consensus|Street\b", text[sent.start : m.start], re.I):
            metric = fields["metric"] = "guidance_revenue"
        ctx.use(m.start, m.end)
        quote = _enclosing(clauses, anchor.start, anchor.end)
        out.append(_Candidate("financial_metric", fields, anchor, Span(min(quote.start, anchor.start), max(quote.end, anchor.end)),
                              attribution="forecast" if guided else None))
    return out


def find_percents_in(ctx: _Context, m: re.Match[str]) -> list[tuple[int, int]]:
    start = m.start("pct")
    return [(start, m.end("pct"))] if start >= 0 else []


_SPEND_PLAN = re.compile(
    r"\b(?:will|would|plans? to|planning to|expects? to|intends? to|aims? to|is set to|to)\s+(?P<verb>spend)\s+"
    r"(?:(?:about|around|roughly|up to|more than|some|nearly|as much as|an estimated)\s+)?[~]?$", re.I)
_SPEND_PLAN_ON = re.compile(
    r"\s+(?:on|in)\s+(?:new\s+)?(?:data cent(?:er|re)s|capital (?:projects|expenditures?|spending)|infrastructure|AI|chips|servers|"
    r"property|equipment|capacity|factories|plants|fabs|networks?)\b", re.I)
