"""Workforce: job cuts, hires and headcounts, including counts whose job noun is in another sentence."""

from __future__ import annotations

import dataclasses
import datetime as dt

from verifier import recache as re
from typing import Any, Optional

from ....dates import DateMention
from ....text import Span
from ...numbers import Count, find_counts
from ...structure import figure_lead, is_title_case
from ..context import Sentence, _Candidate, _Context
from ..cues import _CUMULATIVE, _CUT, _apply_period, _circa_counts, _dates, _enclosing, _nearest, _tense, _with_lead
from ..spelled import find_word_numbers
from . import reads
from .analyst_rating import _narrowed, _part_of_month

_FOREIGN_NOUNS = (
    r"postes|emplois|salari[ée]s|employ[ée]s|collaborateurs|posti(?: di lavoro)?|dipendenti|lavoratori|"
    r"Stellen|Arbeitspl[äa]tze|Mitarbeiter(?:innen)?|Mitarbeitende[n]?|Besch[äa]ftigte[n]?|"
    r"empleos|puestos(?: de trabajo)?|trabajadores|empleados|assunzioni|embauches|contrataciones|Neueinstellungen|"
    r"persone|personnes|Personen|personas"
)
# their cut, hire and headcount words
_CUT_FOREIGN = re.compile(
    r"\b(?:suppression|suppressions|supprim\w*|licenci\w*|tagli\w*|esuberi|soppression\w*|eliminer\w*|"
    r"streich\w*|gestrichen|Stellenabbau|abbauen|Abbau|entlass\w*|Entlassungen|recort\w*|despid\w*|supresi[oó]n|eliminar\w*)\b",
    re.I,
)
_HIRE_FOREIGN = re.compile(r"\b(?:embauch\w*|recrut\w*|assunzion\w*|assum\w*|einstell\w*|Neueinstellungen|contrat\w*)\b", re.I)
_HEADCOUNT_FOREIGN = re.compile(r"\b(?:emploie|effectifs?|impiega|besch[äa]ftigt|emplea)\b", re.I)
_JOB_NOUN = re.compile(
    r"^\+?\s*(?:\([^()]{0,40}\)\s*|[\u2013\u2014-]\s[^\u2013\u2014]{0,30}\s[\u2013\u2014-]\s*)?(?:(?:[A-Za-z][\w-]*)\s+){0,3}?(?P<noun>(?:job|role|position|headcount|workforce|staff|employee)\s+(?:reductions|eliminations)|"
    r"jobs|job cuts|job losses|roles|positions|employees|workers|staff(?:ers)?|contractors|team members|colleagues|associates|teammates|crew members|occupations|"
    r"labou?rers|FTEs|full-time equivalents|terminations|cutbacks|firings|dismissals|"
    r"people|posts|layoffs|lay-offs|redundancies|cuts|headcount|personnel|engineers|managers|"
    # "with over 1.4 million of us": a staff member counting the staff
    r"of us|"
    # translated briefs keep the original's nouns: French, Italian, German, Spanish
    rf"{_FOREIGN_NOUNS})\b",
)
_JOB_NOUN_BEFORE = re.compile(  # the noun before the count: "job cuts totalling 30,000", "a headcount of 1.55 million"
    r"\b(?P<noun>job cuts|job losses|layoffs|lay-offs|redundancies|(?:job|headcount|workforce|staff|personnel) reductions?|"
    r"headcount|workforce|staff)\s+(?:of|totall?ing|numbering|amounting to|stood at|stands at|of about|of some|of roughly|"
    r"(?:is|was|now stands at|reached|rose to|fell to|remains|remained))\s+(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|more than\s+|"
    r"north of\s+|just over\s+|just under\s+|over\s+|close to\s+|approximately\s+|~)?$",
    re.I,
)
# a label and its value inside prose: "Headcount at the end of March: 1,622,000", "Employees (Dec. 31): about 228,000"
_LABEL_HEADCOUNT = re.compile(
    r"(?P<noun>[Hh]eadcount|[Ww]orkforce|(?:[Tt]otal |[Ff]ull-time )?[Ee]mployees|[Ss]taff|[Ee]mployee count|"
    # a fact box's capitalised label, its markup around it: "* **EMPLOYEES:** roughly 18,500 people"
    r"HEADCOUNT|WORKFORCE|(?:TOTAL )?EMPLOYEES|STAFF)"
    r"(?:\s+(?:at|as of|on|by)\s+(?:the\s+)?(?:end of\s+)?[\w ,.'-]{1,25}?|\s*\([^()]{1,25}\))?\s*(?:[*_]{1,2}\s*)?:\s*(?:[*_]{1,2}\s*)?"
    r"(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|more than\s+|approximately\s+|~)?$")
# also a fact sheet's bullet: "▪ 1,641,000 full- and part-time employees (as of 6/30/23)"
_HEADCOUNT_FRAGMENT = re.compile(
    r"(?:[\u25aa\u25cf\u2022*-]\s*)?(?:(?:about|around|roughly|some|approximately|nearly|more than|over|just over|just under)\s+)?[\d,.]+\s?[kK]?\s+"
    r"(?:full-time\s+|full-\s+and\s+part-time\s+|full-time\s+and\s+part-time\s+)?(?:employees|workers|staff|people)"
    r"(?:\s+(?:worldwide|globally|in total|around the world))?(?:\s*\((?:as of|at|on)\s+[^()]{1,20}\))?\.?",
    re.I,
)
_JOB_NOUN_TITLE = re.compile(  # Title Case headlines: "To Cut About 14,000 Corporate Jobs", "Plans To Hire 350,000 Workers"
    r"^\s*(?:(?:[A-Z][\w-]*)\s+){0,3}?(?P<noun>Jobs|Job Cuts|Roles|Positions|Employees|Workers|Staff|People|Layoffs)\b"
)
_OF_WORKFORCE = re.compile(
    r"^\s*(?:of\s+(?:its|their|our|the company's|the group's)\s+(?:(?:roughly|about|some|nearly|~)\s*)?(?:[\d,.]+\s?[kK]?\s+)?"
    r"(?:global\s+|total\s+|worldwide\s+|full-time\s+|corporate\s+)?)(?P<noun>employees|workers|staff|workforce|colleagues|team members|people)\b", re.I)
_CUT_NOUNS = {"job cuts", "job losses", "layoffs", "lay-offs", "redundancies", "cuts", "terminations", "cutbacks", "firings", "dismissals"}
_CUT_NOUN_RE = re.compile(r"(?:job|role|position|headcount|workforce|staff|employee)\s+(?:reductions|eliminations)")
# cut cues beyond the shared verbs: "will lose their jobs", "the loss of 1,300 jobs"; "affect"/"impact"
# only in a sentence about a restructuring ("The restructuring will affect about 4,500 employees")
_CUT_MORE = re.compile(
    r"\b(?:los(?:e|es|ing|t) (?:their|its|his|her) (?:jobs|positions|roles|posts)|loss(?:es)? of|out of work|"
    r"chop\w*|pare[sd]?|paring|scal(?:e|es|ed|ing) back|(?:do|does|did|doing) away with|dispens\w* with|pink-slip\w*|"
    r"part(?:s|ed|ing)? ways with|laid-off|let-go|(?<=roles )(?:will be|would be|are|were) (?:affected|impacted)|"
    r"(?<=positions )(?:will be|would be|are|were) (?:affected|impacted)|"
    r"let(?=\s+(?:[\w,-]+\s+){1,5}go\b)|firings|dismissals|"
    # reworded copy's verbs, read only right before the count: "fire 14,000 staff", "lessen about 14,000 positions"
    r"(?:fir(?:e|es|ed|ing)|dismiss(?:es|ed|ing)?|diminish(?:es|ed|ing)?|lessen(?:s|ed|ing)?|decreas(?:e|es|ed|ing))"
    r"(?=\s+(?:about|some|roughly|around|nearly|approximately|more than|up to|another|~)?\s*~?\d))\b", re.I)
# "a 1,200-person layoff", "a 2,000-job cut", "its 40,000-strong workforce": the noun glued to the count
_COMPOUND = re.compile(
    r"(?:[- ](?P<scale>thousand|million))?-(?:(?P<strong>strong)|person|people|employee|worker|job|role|position)\s+(?:[a-z][\w-]*\s+)?"
    r"(?P<noun>layoffs?|lay-offs?|job cuts?|cuts?|reductions?|redundanc(?:y|ies)|cutbacks?|workforce|labou?r force)\b",
    re.I,
)
_NOT_JOBS = re.compile(
    r"\s+(?:its\s+|their\s+|the\s+)?(?:costs?|spending|prices?|expenses|forecasts?|guidance|outlook|rates?|capex|budgets?|debt|"
    r"stakes?|ties|targets?|ratings?|losses|emissions|fees|dividends?)\b", re.I)
_AFFECT = re.compile(r"\b(?:affect\w*|impact\w*|hit)\b", re.I)
_RESTRUCTURING = re.compile(
    r"\b(?:restructur\w*|reorgani[sz]\w*|layoffs?|lay-offs?|job cuts|redundanc\w*|cost-cutting|downsiz\w*|"
    r"(?:workforce|headcount|job|role) reductions?|cuts)\b", re.I)
# "reduce headcount by 3,000", "grow its workforce by 2,000": the job noun before "by", the action in the verb
_BY_COUNT = re.compile(
    r"\b(?P<verb>cut\w*|reduc\w*|trim\w*|shrink\w*|slash\w*|lower\w*|downsiz\w*|pare[sd]?|paring|scal(?:e|es|ed|ing) back|"
    r"decreas\w*|diminish\w*|lessen\w*|"
    r"grow\w*|increas\w*|expand\w*|boost\w*|"
    r"rais\w*|add\w*)\s+(?:its\s+|their\s+|the\s+|the company's\s+|the group's\s+)?(?:global\s+|total\s+|overall\s+|"
    r"corporate\s+|worldwide\s+)?(?P<noun>headcount|workforce|labou?r force|work force|staff|payroll|staffing|employee base|employee count|"
    r"number of (?:employees|staff|workers))\s+by\s+"
    r"(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|approximately\s+|more than\s+|up to\s+|as many as\s+|~)?$",
    re.I,
)
# "brings the total number of job cuts this year to about 12,000", "layoffs so far total 12,000": a running total
_TOTAL_BEFORE = re.compile(
    r"\b(?:bring(?:s|ing)?\s+(?:its|the|their|the company's)\s+(?:[\w-]+\s+){0,2}?(?:cuts|job cuts|layoffs|lay-offs|reductions|"
    r"job losses|redundancies)(?:\s+[\w-]+){0,4}?\s+to|"
    # "it would cut 9,000 more roles, bringing its total since November to about 27,000": the cuts' running total
    r"(?:(?<=roles, )|(?<=jobs, )|(?<=positions, )|(?<=employees, )|(?<=workers, ))bringing\s+(?:its|the|their)\s+total"
    r"(?:\s+(?:since\s+\w+|so far|this year|to date))?\s+to|"
    r"(?:number|count|tally) of (?:[\w-]+\s+){0,2}?(?:roles|jobs|positions|employees|staff|workers|people)\s+(?:being\s+|to be\s+)?"
    r"(?:cut|eliminated|affected|impacted|laid off|let go)\s+(?:is|was|stands at|will be|comes to)|"
    r"(?:total|tally|count|number)\s+(?:number\s+)?(?:of\s+)?(?:job cuts|job losses|layoffs|lay-offs|redundancies|"
    r"(?:job|role|position|headcount|workforce) reductions|(?:jobs|roles|positions) (?:cut|eliminated|lost|shed))"
    r"(?:\s+[\w-]+){0,4}?\s+(?:to|at)|"
    r"(?:job cuts|layoffs|lay-offs|redundancies)(?:\s+(?:at|in|by)\s+[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)?"
    r"(?:\s+(?:this year|so far|to date|since \w+))?\s+(?:now\s+)?"
    r"(?:total(?:l?ing)?|stand at|number|reach(?:ed)?|come to|amount to))\s+"
    r"(?:about\s+|some\s+|roughly\s+|around\s+|nearly\s+|approximately\s+|more than\s+|~)?$",
    re.I,
)
# "How many people does Amazon employ? About 1.8 million.", "How many jobs are going? Roughly 14,000.",
# "Q: How big is the cut? A: About 14,000 corporate roles.": the question says what the answer's count is
_QUESTION = re.compile(
    r"\bhow (?:many (?:people|employees|workers|staff|jobs|roles|positions|posts)|big (?:is|was|will be) the (?:cut|layoff|reduction|job cut)s?)"
    r"\b(?P<rest>[^?]{0,70})\?\s*(?:\*\*)?(?:A:|A\.|Answer:)?\s*(?:\*\*)?\s*$", re.I)


def _question_action(text: str, sent: Span) -> Optional[str]:
    """The action the question just before this sentence asks about (None when there is none)."""
    q = _QUESTION.search(text, max(0, sent.start - 160), sent.start)
    if q is None or "?" in q["rest"]:
        return None
    asked = q.group(0).lower()
    if re.search(r"\b(?:hire|hiring|recruit|add)\w*", asked):
        return "hire"
    if re.search(r"\b(?:cut|cuts|lose|los(?:t|ing)|go|going|gone|eliminat\w*|lay(?:ing)? off|laid off|layoffs?|affected|impacted|reduc\w*|shed\w*)\b", asked):
        return "cut"
    if re.search(r"\b(?:employ|employs|work|works|have|has|had)\b", asked):
        return "headcount"
    return None


# "3,500 of its 40,000 employees": the second count is the workforce the first is taken from
_OF_ITS_COUNT = re.compile(
    r"(?:\b[\d,.]+\s?[kK]?|\d\s?%|\bpercent)\s+of\s+(?:its|their|our|the company's|the group's|the)\s+(?:roughly\s+|about\s+|some\s+|~)?$", re.I)
# "350,000 corporate employees", "12,000 German workers": a part of the workforce, never the company's headcount
_SUBSET = re.compile(
    r"\b(?:corporate|office|white-collar|blue-collar|warehouse|hourly|seasonal|frontline|front-line|salaried|tech|engineering|"
    r"sales|retail|store|field|contract|temporary|temp|factory|plant|delivery|union|non-union|management|administrative|"
    r"domestic|overseas|international|local|[A-Z][a-z]+(?:an|ese|ish|ch|i))\b")
_HIRE = re.compile(r"\b(?:hir(?:e[sd]?|ing)|recruit\w*|add(?:s|ed|ing)?|creat\w*|onboard\w*)\b", re.I)
_HEADCOUNT = re.compile(
    r"\b(?:employ(?:s|ed|ing)?|workforce of|headcount of|staff of|total workforce|has|had|have|with|"
    # "The employee number of the company is about 20,500 people": the noun of a headcount as the subject
    r"(?:employee|staff|worker)s?\s+(?:number|count|total)|(?:total\s+)?number of (?:employees|staff|workers))\b", re.I
)
# "adding to its army of 1.5 million workers": the body the count makes up is the company's whole staff
_BODY_OF = re.compile(
    r"\b(?:its|their|our|the company['\u2019]s|[A-Z][\w&.-]*['\u2019]s)\s+(?:[\w-]+\s+)?(?:army|ranks|workforce|payroll|headcount)\s+of\s+"
    r"(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+|approximately\s+|more than\s+|over\s+|~)?$", re.I)
# "on March 20 when the layoffs hit": the day of a date is never a count of people
_DAY_OF_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s+$")
# a label and its count without a colon, the label opening a quoted caption or a line: '"Headcount 789,000 (Dec. 31)"'
_BARE_LABEL_HEADCOUNT = re.compile(r"(?:^|(?<=[\n\"\u201c(|]))\s*(?P<noun>Headcount|Workforce|Employees|Total employees)\s+(?:~\s*)?$")
# the nouns that name a company's own people (not jobs, cuts or roles)
_STAFF_NOUNS = ("employees", "workers", "staff", "staffers", "people", "team members", "associates", "colleagues", "teammates",
                "crew members", "personnel")
# a count supposed for an argument: "even a 10,000-job cut would ...", "even 5,000 layoffs could ..."
_SUPPOSED = re.compile(r"\beven\s+(?:an?\s+)?(?:(?:about|around|roughly|some|approximately|nearly|more than|over)\s+)?$", re.I)
_MODAL = re.compile(r"[^.;:!?]{0,80}?\b(?:would|could|might)\b", re.I)
# a first-person or named subject that is its staff: "We're over 74,000 team members", "Halvorsen is about 9,000 people"
_COPULA_SIZE = re.compile(
    r"(?:\b[Ww]e(?:['\u2019]re|\s+are|\s+were)|(?:^|(?<=[\s(\"\u201c]))(?!(?:There|This|That|These|Those|Which|What|Who|It|He|She|Each|Every|Only)\b)"
    r"[A-Z][\w&.'-]*(?:\s+(?:Inc|Corp|Co|Ltd|Group)\.?)?\s+(?:is|was))\s+(?:(?:now|still|just|already)\s+)?"
    r"(?:(?:about|around|roughly|some|approximately|nearly|more than|over|just over|just under|close to|~)\s*)?$")
# the staff noun as the subject of working: "about 20,000 employees work to ...", "its 9,000 staff worked through"
# (what follows says for whom or to what end, never where or in which field: "work in logistics" is a part)
_STAFF_WORK = re.compile(
    r"\s+(?:(?:still|now|all|together)\s+)?(?:work|works|worked)(?:\s+(?:hard\s+)?(?=to\s+[a-z]{2,}|for\s+(?:[A-Z]|the company\b|the group\b|us\b|it\b|them\b))|"
    r"(?=\s*[.,;!]|\s*$|\s+(?:every|each|around the clock|day and night)\b))")
_WEAK_HEADCOUNT = {"has", "had", "have", "with"}  # only a headcount cue when it precedes the number
# "a company of roughly 1.58 million people", "an employer of 300,000 workers": the size of the whole firm,
# whatever verb follows ("can trim its offices"); read as a cut it would exceed the workforce
_FIRM_OF = re.compile(
    r"\b(?:company|firm|group|employer|business|retailer|conglomerate|giant|organi[sz]ation|enterprise|multinational)\s+"
    r"(?:that\s+size\s+)?of\s+(?:about\s+|around\s+|roughly\s+|some\s+|nearly\s+|approximately\s+|more than\s+|over\s+|~)?$", re.I)
_HEDGE = re.compile(
    r"\b(?:about|around|approximately|approx\.?|some|roughly|nearly|almost|more than|over|close to|an estimated|"
    r"estimated|up to|at least|circa|just over|just under|less than|fewer than|north of|upwards of|as many as|"
    r"environ|pr[eè]s de|quelque|quasi|oltre|rund|etwa|knapp|unos|unas|cerca de|alrededor de)\s*$|[~\u2248]\s*$",
    re.I,
)


# "16.000 jobs" (a translated brief's thousands point) and "16 000 jobs" (a thin-space thousands gap): a
# count of people is whole, so three digits after a point or a gap are thousands, never decimals
_POINT_THOUSANDS = re.compile(r"(?<![\d.,$€£])\d{1,3}(?:\.\d{3})+(?![\d,]|\.\d)")
_GAP_THOUSANDS = re.compile(r"(?<![\d.,$€£])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d.,])")


# "1,55 Millionen Mitarbeiter", "1,55 million salariés": a decimal comma before a scale word of any of the
# briefs' languages (read as 55 people, it would contradict the whole workforce)
_COMMA_SCALED = re.compile(
    r"(?<![\d.,$€£])(?P<int>\d{1,3})(?:,(?P<frac>\d{1,3}))?\s+(?P<scale>Millionen|Mio\.?|millions?|milioni|millones|"
    r"Tausend|mille|mila)(?![\w])", re.I)
_SCALE_WORDS = {"millionen": 1e6, "mio": 1e6, "mio.": 1e6, "million": 1e6, "millions": 1e6, "milioni": 1e6, "millones": 1e6,
                "tausend": 1e3, "mille": 1e3, "mila": 1e3}


_EARLIER_ROUND = re.compile(
    r"\b(?:previous|prior|earlier|former|last (?:large |big |major )?(?:round|wave)|first (?:round|wave)|years? ago|"
    r"in the past|back in|at the time)\b", re.I)


def _people_counts(text: str, sent: Span) -> list[Count]:
    """The sentence's counts read as numbers of people (see _POINT_THOUSANDS, _COMMA_SCALED)."""
    gaps = [Count(float(re.sub(r"\D", "", m.group(0))), m.start(), m.end())
            for pattern in (_GAP_THOUSANDS, _POINT_THOUSANDS) for m in pattern.finditer(text, sent.start, sent.end)
            if pattern is _GAP_THOUSANDS or not re.match(r"\s?(?:%|percent|[$€£]|dollars?|euros?|USD|EUR)", text[m.end() : m.end() + 8], re.I)]
    gaps += [Count(float(f"{m['int']}.{m['frac'] or 0}") * _SCALE_WORDS[m["scale"].lower()], m.start(), m.end())
             for m in _COMMA_SCALED.finditer(text, sent.start, sent.end)
             if m["frac"] is not None and len(m["frac"]) <= 2 or m["scale"].lower() not in ("million", "millions")]
    gaps = [g for i, g in enumerate(gaps) if not any(h.start <= g.start and g.end <= h.end and h != g for h in gaps)]
    words = find_word_numbers(text, sent.start, sent.end)  # "Fourteen thousand corporate jobs" (a transcript)
    out: list[Count] = []
    for c in find_counts(text, sent.start, sent.end) + gaps + words + _circa_counts(text, sent):  # the order the engine always read them in
        if c not in gaps and c not in words and any(g.start <= c.start < g.end for g in gaps + words):
            continue
        out.append(c)
    return out


# "FACT CHECK: Did Amazon's stock crash after it fired 30,000 workers?": a yes/no question asserts none of its counts
_YES_NO = re.compile(
    r"(?:^|[:\u2014\u2013|]\s*)(?:Did|Does|Do|Is|Are|Was|Were|Will|Would|Could|Can|Has|Have|Had|Should|Must)\s+(?!you\b|we\b|I\b)[^?.!\n]{3,160}\?")


def _workforce(ctx: _Context, sent: Span, clauses: list[Span]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    asked = _YES_NO.search(text[sent.start : sent.end])
    question = Span(sent.start + asked.start(), sent.start + asked.end()) if asked else None
    if question is not None and re.match(r"\s*(?:\*\*)?(?:A:\s*|Answer:\s*)?(?:\*\*)?Yes\b", text[question.end : question.end + 20]):
        question = None  # "Did it cut 3,000 jobs? Yes.": the answer states it
    title: Optional[bool] = None  # computed on first need: most sentences never ask
    for c in _people_counts(text, sent):
        if ctx.is_used(c.start, c.end) or c.value < 1:
            continue
        if c.value <= 31 and re.fullmatch(r"\d{1,2}", text[c.start : c.end]) and _DAY_OF_MONTH.search(text, max(sent.start, c.start - 12), c.start):
            continue  # "on March 20 when the layoffs hit": a day of the month
        if question is not None and question.start <= c.start < question.end:
            continue  # asked, not stated
        if re.fullmatch(r"(?:19|20)\d{2}", text[c.start : c.end]) and re.search(
            r"(?:quarter|fiscal|FY|year|in|since|of|during|by|until|through|Q[1-4]|[12]H|H[12]|"
            r"January|February|March|April|May|June|July|August|September|October|November|December)\s*$",
            text[max(sent.start, c.start - 15) : c.start], re.I,
        ):
            continue  # "fourth-quarter 2025 headcount reductions": a year is never a count
        if re.fullmatch(r"(?:19|20)\d{2}", text[c.start : c.end]) and re.match(
                r"\s+(?:layoffs|lay-offs|job cuts|cuts|redundancies|round|rounds|restructuring|reductions|job losses)\b", text[c.end : c.end + 20], re.I):
            continue  # "the largest since the 2023 layoffs": the year names the round
        after = text[c.end : min(sent.end, c.end + 60)]
        noun = _JOB_NOUN.match(after) or _OF_WORKFORCE.match(after)
        lead_noun = None if noun else _JOB_NOUN_BEFORE.search(text, max(sent.start, c.start - 45), c.start)
        if lead_noun is None and (noun is None or noun["noun"].lower() in _STAFF_NOUNS):
            # "Employees: 18,500", "* **EMPLOYEES:** roughly 18,500 people": the label says what the count is
            lead_noun = _LABEL_HEADCOUNT.search(text, max(sent.start, c.start - 60), c.start)
            if lead_noun is not None and not re.search(r"(?:^|[.;|]|^\s*(?:[*+\u2022\u25aa-]\s+)?[*_]{1,2}|\b(?:ET|GMT|UTC)\s*[-\u2013\u2014]|\s[-\u2013\u2014])\s*$",
                                                       text[sent.start : lead_noun.start()]):
                lead_noun = None  # the label opens its sentence, line or entry
        if lead_noun is None and noun is None and not re.fullmatch(r"(?:19|20)\d{2}", text[c.start : c.end]):
            lead_noun = _BARE_LABEL_HEADCOUNT.search(text, max(sent.start, c.start - 30), c.start)
        if lead_noun is not None and lead_noun["noun"].lower() in ("headcount", "workforce", "staff") and _part_of_company(
                text, sent, _enclosing(clauses, c.start, c.end), c, c.end):
            ctx.use(c.start, c.end)
            continue  # "the plant's workforce of 3,000": a part's staff
        if lead_noun is not None:
            out.append(_lead_noun_count(ctx, sent, clauses, c, lead_noun))
            continue
        if _SUPPOSED.search(text, max(sent.start, c.start - 30), c.start) and _MODAL.match(text, c.end, sent.end):
            ctx.use(c.start, c.end)
            continue  # "so even a 10,000-job reduction would be small": a count supposed for the argument, no claim
        compound = None if noun else _COMPOUND.match(after)
        if compound is not None and compound["noun"].lower() in ("workforce", "labor force", "labour force") and _part_of_company(
                text, sent, _enclosing(clauses, c.start, c.end), c, c.end + compound.end("noun")):
            compound = None  # "the plant's 3,000-strong workforce"
            ctx.use(c.start, c.end)
            continue
        if compound is not None and (not compound["strong"] or compound["noun"].lower() in ("workforce", "labor force", "labour force")):
            out.append(_compound_count(ctx, sent, clauses, c, compound))
            continue
        if not re.match(r"\s*(?:%|percent|per cent)", after, re.I):
            # "reduce headcount by 3,000", "diminish its labor force by 16,000 occupations": the verb says what
            lead = _BY_COUNT.search(text, max(sent.start, c.start - 80), c.start) or (None if noun else _TOTAL_BEFORE.search(
                text, max(sent.start, c.start - 120), c.start))
            if lead is not None:
                out.append(_lead_noun_count(ctx, sent, clauses, c, lead))
                continue
        if noun is None and _JOB_NOUN_TITLE.match(after):
            if title is None:
                title = is_title_case(text[sent.start : sent.end])
            noun = _JOB_NOUN_TITLE.match(after) if title else None
        if noun is None and c.value >= 100 and re.match(
                r"\W*(?:A:\s*|A\.\s*)?(?:(?:about|around|roughly|some|approximately|nearly|more than|over|just over|just under)\s+)?$",
                text[sent.start : c.start], re.I):
            asked = _question_action(text, sent)
            if asked is not None:
                out.append(_answer_count(ctx, sent, clauses, c, asked))  # "How many people does it employ? About 1.8 million."
                continue
        if noun is None:
            carried = _carried_count(ctx, sent, c, out)
            if carried is not None:
                out.append(carried)
            continue
        noun_word = noun["noun"].lower()
        noun_end = c.end + noun.end("noun")
        clause = _enclosing(clauses, c.start, noun_end)
        clause_text = text[clause.start : clause.end]
        if noun_word in ("employees", "staff", "people", "workers") and re.search(
                r"[A-Z][\w.&-]*\s*\(\s*(?:~|about\s+|some\s+|roughly\s+|over\s+)?$", text[max(sent.start, c.start - 30) : c.start]) \
                and re.match(r"\s*(?:worldwide|globally)?\s*\)", text[noun_end : noun_end + 14]):
            action = "headcount"  # "Halvorsen (31,000 employees) ...": the size given beside the name
        elif _OF_ITS_COUNT.search(text, max(sent.start, c.start - 40), c.start) and noun_word in ("employees", "workers", "staff", "people"):
            action = "headcount"  # "3,500 of its 40,000 employees": the workforce the cut is taken from
        elif noun_word in _CUT_NOUNS or _CUT_NOUN_RE.fullmatch(noun_word):
            action = "cut"
        elif noun_word in _STAFF_NOUNS and _BODY_OF.search(
                text, max(sent.start, c.start - 60), c.start):
            action = "headcount"  # "adding to its army of 1.5 million workers"
        elif noun_word in _STAFF_NOUNS and _FIRM_OF.search(
                text, max(0, c.start - 60), c.start):  # (also across a hard-wrapped line break: the pattern ends at the count)
            action = "headcount"  # "a company of roughly 1.58 million people can trim its offices"
        else:
            # the cue sits in the clause, or elsewhere in the sentence ("The layoffs affect 5% of the
            # workforce, or about 10,000 employees")
            on_cuts = ctx.topic == "workforce"
            action = _nearest_action(text, clause, c, on_cuts)
            if action is None:
                action = _nearest_action(text, sent, c, on_cuts)
                if action is None and _HEADCOUNT_FRAGMENT.fullmatch(text, sent.start, sent.end):
                    action = "headcount"  # "About 29,000 employees worldwide." answering "How many people work there?"
                if action is None and on_cuts and noun_word in ("jobs", "roles", "positions", "posts", "job cuts", "layoffs"):
                    action = "cut"  # "Fourteen thousand corporate jobs, announced on Tuesday." said of the layoffs
                if action is None and noun_word in _STAFF_NOUNS and re.search(
                        r"(?:[A-Za-z](?:'s|\u2019s)|\b[Oo]ur)\s+(?:(?:about|around|roughly|some|approximately|nearly|more than|over|~)\s*)?$",
                        text[max(sent.start, c.start - 25) : c.start]):
                    action = "headcount"  # "Apple's 137,000 employees": the company's own staff, named by the possessive
                if action is None and noun_word in _STAFF_NOUNS and _COPULA_SIZE.search(text, max(sent.start, c.start - 40), c.start):
                    action = "headcount"  # "We're over 74,000 team members", "Halvorsen is about 9,000 people": the firm's size
                if action is None and noun_word in _STAFF_NOUNS:
                    works = _STAFF_WORK.match(text, noun_end, sent.end)
                    if works is not None:  # (what _STAFF_WORK lets follow names no part or place)
                        action = "headcount"  # "about 20,000 employees work to move parcels every day": the staff at work
                if action is None:
                    action = _question_action(text, sent)  # "Q: How big is the cut? A: About 14,000 corporate roles."
                    if action == "headcount" and _SUBSET.search(text, c.end, noun_end):
                        action = None
                if action is None:
                    continue
                clause = sent  # the quote must hold the words that make it a cut
        if action == "headcount" and (_CUMULATIVE.search(clause_text) or re.match(r"\s*fewer\b", after, re.I)):
            # "about 30,000 roles in total" after a cut, "30,000 fewer roles": a running total of cuts,
            # never the company's headcount
            if not _CUT.search(text, max(0, sent.start - 300), sent.end) and not re.match(r"\s*fewer\b", after, re.I):
                continue
            action = "cut"
        if action == "headcount" and (_part_of_company(text, sent, clause, c, noun_end) or _SUBSET.search(text, c.end, noun_end)):
            continue
        hedge = _HEDGE.search(text[max(sent.start, c.start - 20) : c.start])
        start = c.start - (len(text[max(sent.start, c.start - 20) : c.start]) - hedge.start()) if hedge else c.start
        fields: dict[str, Any] = {
            "kind": "workforce", "count": int(round(c.value)), "action": action, "approximate": bool(hedge),
        }
        dates = _reported_days(ctx, sent, _dates(text, ctx.ref, clause.start, clause.end, tense=_tense(clause_text)))
        dates = [d for d in dates if not _BEGUN_IN.search(text, max(clause.start, d.start - 40), d.start)]
        if ctx.ref is not None:
            dates = _narrowed(dates, _part_of_month(text, clause, ctx.ref))  # "cut 1,500 jobs in mid-January": that third of the month
        near = _with_lead(_nearest(dates, Span(start, noun_end)), ctx.lead, ("day", "week", "month", "year", "span"))
        if near is None and clause != sent:
            # "The last round of layoffs, in 2022 and 2023, eliminated about 27,000 jobs": the period sits in
            # another clause of the sentence; without it the check would assume the last two weeks
            periods = [d for d in _dates(text, ctx.ref, sent.start, sent.end, tense=_tense(clause_text))
                       if d.kind in ("month", "year", "span") and d.period_start and d.end <= c.start
                       and not _BEGUN_IN.search(text, max(sent.start, d.start - 40), d.start)]  # never a later clause's
            near = _nearest(periods, Span(start, noun_end))
        if near is None and clause != sent:
            # "A week earlier, on Oct. 28, management had said it would cut about 14,000 jobs": the day of the
            # saying, in a clause before the count, dates the announcement
            said_days = [d for d in _reported_days(ctx, sent, _dates(text, ctx.ref, sent.start, clause.start, tense="past"))
                         if d.kind == "day" and d.date is not None and re.search(rf"\b{_REPORTING}\b", text[d.end : c.start], re.I)]
            near = said_days[-1] if said_days else None
        near = _in_written_year(text, sent, near, ctx.ref)
        running = action == "cut" and _RUNNING_SINCE.match(text, noun_end, sent.end) is not None
        if running and near is not None and near.end <= c.start:
            near = _running_from(ctx, sent, c)  # "..., on top of 14,000 in October: 30,000 roles since the autumn"
        _apply_period(fields, near)
        if running or (near is not None and near.cumulative) or _CUMULATIVE.search(text, sent.start, sent.end):
            fields["cumulative"] = True
        ctx.use(c.start, c.end)
        anchor = Span(start, noun_end)
        quote = clause if clause == sent else _enclosing(clauses, anchor.start, anchor.end)
        if near is None and action == "cut" and _EARLIER_ROUND.search(text, sent.start, sent.end):
            # "its previous round of layoffs eliminated about 27,000 jobs": an older cut; the quote keeps the words
            # that say so, which the check reads before holding an undated figure to the last two weeks
            quote = Span(sent.start, sent.end)
        out.append(_Candidate("workforce", fields, anchor, quote))
    return out


# "the Berlin plant, with 12,000 employees", "its AI unit has 1,500 engineers", "employs 12,000 people in
# Germany": the staff of a part or a place, never the company's headcount (which the check compares with
# the whole workforce on record, so it would read as a contradiction)
_PART = re.compile(
    r"\b(?:plant|factory|factories|unit|division|segment|arm|subsidiary|team|office|offices|site|facility|store|stores|campus|"
    r"start-?up|union|hub|cent(?:er|re)|warehouse|lab|studio|branch|operations|business|department|mine|mill|refinery|"
    r"shop|outlet|region|country)\b",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"\s+(?:in|at|across|within)\s+(?!total\b|all\b)(?:the\s+|its\s+|their\s+)?(?:[A-Z][\w.-]*|U\.S\.|[a-z]+\s+(?:unit|division|plant|business|operations|segment|offices?))",
)


_REPORTING = r"(?:said|announced|told\s+(?:staff|employees|workers|investors|analysts)|confirmed|disclosed|unveiled|revealed|wrote)"


# "the job cuts begun in November will total 18,000": the month dates when the cuts began, not the total said
# now; read as the claim's period it would hold a later announcement's count to that month alone
_BEGUN_IN = re.compile(r"\b(?:begun|began|started|starting|launched|initiated|that\s+began|which\s+began)\s+(?:(?:in|on|last|back\s+in)\s+)?$", re.I)


def _reported_days(ctx: _Context, sent: Span, dates: list) -> list:
    """The day of a reporting verb is past even when what was said is future: "said Monday it will eliminate",
    "On Oct. 28 the company said it would cut" (read in the future tense, Monday would be next week's)."""
    text = ctx.text
    out = []
    for d in dates:
        said = re.search(rf"\b{_REPORTING}\s+(?:on\s+)?$", text[max(sent.start, d.start - 40) : d.start], re.I) or (
            re.match(r"\W*(?:On\s+)?$", text[sent.start : d.start], re.I) and re.match(
                rf",?\s+(?:the company|the group|it|they|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,2}})\s+{_REPORTING}\b", text[d.end : sent.end])) or (
            # "A week earlier, on Oct. 28, management had said it would cut": a short lead-in before the day
            re.match(r"[^,;:\d]{1,30},\s+on\s+$", text[sent.start : d.start], re.I) and re.match(
                rf",?\s+(?:the company|the group|it|they|management|executives|(?:the|its)\s+(?:firm|retailer|board|management|chief executive|CEO)|"
                rf"[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){{0,2}})\s+(?:had\s+|has\s+)?{_REPORTING}\b", text[d.end : sent.end]))
        if said and d.kind == "day" and ctx.ref is not None:
            past = [p for p in _dates(text, ctx.ref, d.start, d.end, tense="past") if p.kind == "day" and p.date]
            if past and d.date is not None and past[0].date < d.date:
                out.append(past[0])
                continue
        out.append(d)
    return out


def _part_of_company(text: str, sent: Span, clause: Span, c: Count, noun_end: int) -> bool:
    before = text[clause.start : c.start]
    if re.match(r"\W*(?:with|which|that|employing|having)\b", before, re.I):
        before = text[sent.start : c.start]  # "the Berlin plant, with 12,000 employees": the clause qualifies what comes before it
    return bool(_PART.search(before) or _PLACE_AFTER.match(text, noun_end, min(clause.end, noun_end + 40)))


def _answer_count(ctx: _Context, sent: Span, clauses: list[Span], c: Count, action: str) -> "_Candidate":
    """The count that answers "How many people does Amazon employ?" (a headcount) or "How many jobs are going?"."""
    text = ctx.text
    hedge = bool(_HEDGE.search(text[sent.start : c.start]))
    fields: dict[str, Any] = {"kind": "workforce", "count": int(round(c.value)), "action": action, "approximate": hedge}
    if action != "headcount":
        q = _QUESTION.search(text, max(0, sent.start - 160), sent.start)
        near = _nearest([d for d in _dates(text, ctx.ref, q.start(), q.end(), tense="past") if d.resolved], Span(c.start, c.end)) if q else None
        _apply_period(fields, near)  # "How many roles did Amazon cut in 2023? About 27,000."
    ctx.use(c.start, c.end)
    start = sent.start + len(text[sent.start : c.start]) - len(text[sent.start : c.start].lstrip())
    anchor = Span(start, c.end)
    return _Candidate("workforce", fields, anchor, _enclosing(clauses, anchor.start, anchor.end))


def _compound_count(ctx: _Context, sent: Span, clauses: list[Span], c: Count, compound: re.Match[str]) -> "_Candidate":
    """'a 1,200-person layoff' is a cut of 1,200; 'its 40,000-strong workforce' a headcount of 40,000."""
    text = ctx.text
    headcount = compound["noun"].lower() in ("workforce", "labor force", "labour force")
    hedge = bool(_HEDGE.search(text[max(sent.start, c.start - 20) : c.start]))
    value = c.value * (1e6 if (compound["scale"] or "").lower() == "million" else 1e3 if compound["scale"] else 1)  # "1.5-million-strong"
    fields: dict[str, Any] = {"kind": "workforce", "count": int(round(value)), "action": "headcount" if headcount else "cut",
                              "approximate": hedge}
    clause_text = text[sent.start : sent.end]
    near = _nearest(_dates(text, ctx.ref, sent.start, sent.end, tense=_tense(clause_text)), Span(c.start, c.end))
    _apply_period(fields, near)
    ctx.use(c.start, c.end)
    anchor = Span(c.start, c.end + compound.end("noun"))
    return _Candidate("workforce", fields, anchor, _enclosing(clauses, anchor.start, anchor.end))


def _lead_noun_count(ctx: _Context, sent: Span, clauses: list[Span], c: Count, lead: re.Match[str]) -> "_Candidate":
    text = ctx.text
    groups = lead.groupdict()
    noun = (groups.get("noun") or "").lower()
    if groups.get("verb"):  # "reduce headcount by 3,000" is a cut, "grow its workforce by 2,000" a hire
        action = "cut" if re.match(r"(?:cut|reduc|trim|shrink|shrank|shrunk|slash|lower|downsiz|par|scal|decreas|diminish|lessen|down|fell|dropped|declin)",
                                    groups["verb"], re.I) else "hire"
    elif "noun" not in groups:  # a running total of cuts
        action = "cut"
    else:
        action = "headcount" if noun in ("headcount", "workforce", "staff", "employees", "total employees", "full-time employees",
                                         "employee count") else "cut"
    hedge = bool(_HEDGE.search(text[lead.start() : c.start]))
    fields: dict[str, Any] = {"kind": "workforce", "count": int(round(c.value)), "action": action, "approximate": hedge}
    clause_text = text[sent.start : sent.end]
    near = _nearest(_dates(text, ctx.ref, sent.start, sent.end, tense=_tense(clause_text)), Span(lead.start(), c.end))
    _apply_period(fields, near)
    if action == "cut" and ((near is not None and near.cumulative) or _CUMULATIVE.search(clause_text) or (
            "noun" not in groups and re.search(r"\b(?:total|tally|bring\w*|so far|to date|since)\b", lead.group(0), re.I))):
        fields["cumulative"] = True
    ctx.use(c.start, c.end)
    anchor = Span(lead.start(), c.end)
    return _Candidate("workforce", fields, anchor, _enclosing(clauses, anchor.start, anchor.end))


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
        r"\b(?:on top of|in addition to)\s+(?:~|about\s+|some\s+|roughly\s+|around\s+|nearly\s+)$", before, re.I) or (
        # "cut about 16,000 roles, following about 10,000 in October": an earlier round beside this sentence's cut
        bool(found) and found[-1].kind == "workforce" and found[-1].fields.get("action") == "cut" and re.search(
            r"\b(?:following|after|on top of|in addition to)\s+(?:the\s+|its\s+)?(?:~|about\s+|some\s+|roughly\s+|around\s+|nearly\s+)?$", before, re.I)
        and re.match(r"\s+(?:in|last|earlier|during)\b", after, re.I)) or re.search(
        r"\b(?:a further|another|an additional|a second round of|a new round of)\s+(?:~|about\s+|some\s+|roughly\s+)?$", before, re.I)
    total = re.match(r"\s*(?:overall|in total|in all|altogether|total|so far)\b", after, re.I) or re.search(
        r"\b(?:total|tally|count)\s+(?:to|of|at)\s+(?:~|about\s+|some\s+|roughly\s+|around\s+)?$", before, re.I) or re.search(
        r"\b(?:c\.|~|about|around|some|roughly)\s*$", before, re.I) and re.match(r"\s*(?:overall|in total|in all)\b", after, re.I)
    # "on top of 27,000 cut in 2022-23": the participle after the count says it was a cut
    participle = re.match(r"\s*(?:cut|eliminated|laid off|axed|shed|lost|let go)\b", after, re.I)
    # "cut 14,000 roles in October and 16,000 in January": the second count shares the first's verb and noun
    ellipsis = bool(found) and found[-1].kind == "workforce" and found[-1].fields.get("action") == "cut" and bool(
        re.search(r"(?:\band|,|;|\bplus|\bthen)\s+(?:the\s+|another\s+)?(?:~|about\s+|some\s+|roughly\s+|around\s+|nearly\s+)?$", before, re.I)
        # "and the 9,000 more announced on March 20": the participle of the saying may stand before the day
        and re.match(r"\s*(?:more\s+)?(?:(?:announced|disclosed|confirmed|unveiled)\s+)?(?:in|on|last|this|earlier|during|from)\b", after, re.I))
    # "14,000 (Oct) + 16,000 (Jan) = 30,000": a sum written out
    summed = re.search(r"[+]\s*(?:~|about\s+)?$", before) is not None
    # (only the result of a sum: "1 dollar = about 107 yen" is a rate, not a total)
    equals = re.search(r"=\s*(?:~|about\s+|roughly\s+)?$", before) is not None and "+" in text[sent.start : c.start]
    total = total or (equals and in_topic)
    if not (addition or total or (cut_verb and (c.value >= 1000 or re.search(r"[kK]$", text[c.start : c.end])))
            or (participle and c.value >= 1000) or (ellipsis and c.value >= 100) or (summed and c.value >= 100)):
        return None
    if re.match(r"\s*(?:%|percent|shares|dollars|euros|[$€£])", after, re.I):
        return None
    hedge = bool(re.search(r"(?:~|\bc\.|\babout|\baround|\broughly|\bsome|\bnearly)\s*$", before, re.I))
    fields: dict[str, Any] = {"kind": "workforce", "count": int(round(c.value)), "action": "cut", "approximate": hedge}
    if total:
        fields["cumulative"] = True
    dates = _dates(text, ctx.ref, sent.start, sent.end, tense="past")
    near = _nearest([d for d in dates if d.start >= c.end and d.start - c.end < 40], Span(c.start, c.end))
    if (participle or ellipsis) and not (addition or total or cut_verb) and (near is None or not near.resolved):
        return None  # an older cut with no period the check could search would be held to the last two weeks
    near = _in_written_year(text, sent, near, ctx.ref)
    _apply_period(fields, near)
    ctx.use(c.start, c.end)
    after_total = re.match(r"\s*(?:overall|in total|in all|altogether|total|so far)\b", after, re.I)
    anchor = Span(c.start, c.end + (after_total.end() if after_total else 0))
    return _Candidate("workforce", fields, anchor, Span(sent.start, sent.end) if addition else anchor)


def _nearest_action(text: str, clause: Span, c: Count, on_cuts: bool = False) -> Optional[str]:
    """The action whose cue is nearest the count; ``on_cuts``: the sentences before were about job cuts."""
    best: Optional[tuple[int, str]] = None
    cues = [("cut", _CUT), ("cut", _CUT_MORE), ("hire", _HIRE), ("headcount", _HEADCOUNT),
            ("cut", _CUT_FOREIGN), ("hire", _HIRE_FOREIGN), ("headcount", _HEADCOUNT_FOREIGN)]
    if on_cuts or _RESTRUCTURING.search(text, clause.start, clause.end):
        cues.append(("cut", _AFFECT))
    for action, pattern in cues:
        for hit in pattern.finditer(text, clause.start, clause.end):
            distance = c.start - hit.end() if hit.end() <= c.start else (hit.start() - c.end) + 15
            if hit.start() < c.end and hit.end() > c.start:
                continue
            if action == "headcount" and hit.group(0).lower() in _WEAK_HEADCOUNT and hit.start() > c.start:
                continue
            if action == "cut" and _NOT_JOBS.match(text, hit.end(), min(clause.end, hit.end() + 25)):
                continue  # "is cutting costs", "cut its forecast": no job cut
            if best is None or distance < best[0]:
                best = (distance, action)
    return best[1] if best else None


_WRITTEN_YEAR = re.compile(r"(?<![\d$€£.,])(?:19|20)\d{2}(?![\d%])")


def _in_written_year(text: str, sent: Span, near: Optional[DateMention], ref: Optional[dt.date]) -> Optional[DateMention]:
    """A day or month written without its year takes the year the sentence wrote before it: "On January 4, 2023,
    we announced 18,000 cuts and a further 12,000 on March 20", "In 2023 it cut 18,000 roles in January and
    9,000 in March" (resolved from the publication day, March 20 would be a later year's, and the cut undated)."""
    if near is None or near.kind not in ("day", "month") or _WRITTEN_YEAR.search(near.text) or ref is None:
        return near
    years = [m for m in _WRITTEN_YEAR.finditer(text, sent.start, near.start)
             if re.search(r"(?:\b(?i:in|during|of|for)\s+|,\s*|\d{1,2},?\s+|[A-Z][a-z]{2,8}\.?\s+)$", text[max(sent.start, m.start() - 12) : m.start()])]
    if not years:
        return near
    year = int(years[-1].group(0))
    try:
        if near.kind == "day" and near.date is not None and near.date.year != year:
            moved = dataclasses.replace(near, date=near.date.replace(year=year))
            return moved if moved.date <= ref else near
        if near.kind == "month" and near.period_start is not None and near.period_end is not None and near.period_start.year != year \
                and near.period_start.year == near.period_end.year:
            moved = dataclasses.replace(near, period_start=near.period_start.replace(year=year), period_end=near.period_end.replace(year=year))
            return moved if moved.period_start <= ref else near
    except ValueError:  # 29 February
        return near
    return near


# a running total after its noun: "30,000 roles since the autumn", "30,000 jobs since last year"
_RUNNING_SINCE = re.compile(r"\s+(?:(?:cut|eliminated|lost|shed|gone|in all|in total)\s+)?since\b", re.I)


def _running_from(ctx: _Context, sent: Span, c: Count) -> Optional[DateMention]:
    """The period a running total of cuts covers when its own 'since ...' names no date the engine reads: from
    the earliest round the sentence names before it to publication; None when there is none."""
    if ctx.ref is None:
        return None
    earlier = [d for d in _dates(ctx.text, ctx.ref, sent.start, c.start, tense="past") if (d.period_start or d.date)]
    if not earlier:
        return None
    first = min(earlier, key=lambda d: d.period_start or d.date)
    begin = first.period_start or first.date
    if begin is None or begin > ctx.ref:
        return None
    return DateMention(first.start, first.end, first.text, "span", period_start=begin, period_end=ctx.ref, cumulative=True)


# the label of a figure-led stat line that says what its count of people is
_LEAD_CUT = re.compile(r"^(?:[\w'\u2019.&-]+\s+){0,3}?(?:jobs?|roles?|positions?|posts?|employees|workers|staff|people)\s+"
                       r"(?:(?:were|was|have been|being)\s+)?(?P<verb>cut|eliminated|axed|shed|lost|laid off|slashed|removed)\b", re.I)
_LEAD_HEADCOUNT = re.compile(r"^(?:[A-Z][\w&.'-]*(?:['\u2019]s)?\s+|the\s+company['\u2019]s\s+|its\s+)?(?:(?:total|global|worldwide|overall|full-time)\s+){0,2}"
                             r"(?:workforce|headcount|employees|staff|employee count)\b", re.I)


def _figure_led(ctx: _Context, sent: Span) -> list[_Candidate]:
    """'- **~30,000:** Corporate roles cut since October', '**1.2 million:** Halden's global workforce': a stat
    line led by its count, the label saying what it counts (a cut, with its period, or the headcount)."""
    text = ctx.text
    found = figure_lead(text, sent.start)
    if found is None:
        return []
    value, label = found
    if not (sent.start <= value.start and value.end <= sent.end) or re.search(r"[$€£%]|percent", text[value.start : value.end]):
        return []
    counts = {(c.start, c.value): c for c in _people_counts(text, Span(value.start, value.end)) if c.value >= 100}
    if len(counts) != 1:
        return []
    c = next(iter(counts.values()))
    words = text[label.start : label.end]
    cut = _LEAD_CUT.match(words)
    if cut is not None:
        action = "cut"
    elif _LEAD_HEADCOUNT.match(words):
        action = "headcount"
    else:
        return []
    clause = re.match(r"[^,;(]*", words)
    label_end = label.start + (clause.end() if clause else len(words))
    fields: dict[str, Any] = {"kind": "workforce", "count": int(round(c.value)), "action": action,
                              "approximate": bool(re.match(r"\s*[~\u2248]", text[value.start : c.start]))}
    if action == "cut":
        dates = _dates(text, ctx.ref, label.start, label_end, tense="past")
        near = _nearest(dates, Span(label.start, label_end))
        _apply_period(fields, near)
        if (near is not None and near.cumulative) or _CUMULATIVE.search(words) or re.search(r"\bsince\b", words, re.I):
            fields["cumulative"] = True  # "cut since October": every round since then
    ctx.use(c.start, c.end)
    anchor = Span(value.start, label_end)
    return [_Candidate("workforce", fields, anchor, anchor)]


@reads("workforce")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    return _figure_led(ctx, s.span) + _workforce(ctx, s.span, s.clauses)
