"""Promotional devices: detection by lexicon, merging, and the promotional score.

The lexicon (``verifier/data/promo_lexicon.json``) holds, per technique, the patterns written for
this purpose, an explanation a reader understands, a severity, a score weight and the regulatory
reference. Two techniques are judged on the whole document, not on a phrase:

- ``advertisement`` without a disclosure: the piece *pitches* a stock (an explicit "buy now" /
  "our top pick", or at least two distinct pitch devices) and carries no ad or paid-promotion
  label. Anchored on the pitch sentence.
- ``unbalanced``: the piece pitches, talks upside or targets, and mentions no risk at all.
  Anchored on the most promotional upside sentence.

Words the article relays from an identified third party (a promoter quoted in a news story,
"according to the newsletter, ...") are not the article's own devices and are skipped; see
``verifier.attribution.reported_speech_spans``. Quotes from the publication itself ("our
analyst says") or from unnamed authorities ("experts say") are not exempt.

The score formula is documented in the README (section "Promotional score") and in
``promotional_score``.
"""

from __future__ import annotations

import json
import math
from verifier import recache as re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Optional

from .attribution import RelayIndex, ReportedSpan, SentenceIndex, find_firm, quote_spans, reported_speech_spans, sentence_index
from .errors import ConfigError
from .schemas import Flag, Risk
from .text import deleted_spans

_FLAGS = re.I | re.M
# pattern -> its triggers, precomputed (``python -m verifier.promo --write-triggers``) so a
# one-article audit does not parse ~200 patterns at start-up; a pattern missing here is parsed.
TRIGGERS_FILE = "promo_triggers.json"
SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2}

# score parameters (README: "Promotional score")
REFERENCE_WORDS = 400  # length of a typical article; longer texts get repeats discounted
REPEAT_BONUS = 1.0  # repeats of one technique can at most add this multiple of its weight
MEDIUM_AT = 0.25
HIGH_AT = 0.6
MAX_ANCHOR = 600  # a document-level flag quotes at most this much of a run-on sentence


@dataclass(frozen=True)
class Technique:
    name: str
    explanation: str
    severity: str
    weight: float
    patterns: tuple[str, ...]
    rule: Optional[str] = None
    needs_unnamed: bool = False


class _Pattern:
    """A lexicon pattern, compiled on first use, and the lower-case literals one of which starts every match.

    Scanning a long text with ~150 case-insensitive patterns is slow in ``re``; finding the
    literals with ``str.find`` and trying the pattern only there keeps detection fast (a 1 MB
    text in well under a second). A pattern that opens with ``\\b`` has its triggers looked up in a
    per-text index of word starts instead (``_word_hits``: the text is read once, not once per
    trigger). ``triggers`` is None when the pattern has no literal start.
    A pattern with triggers is compiled only once a trigger occurs in a text: most articles touch
    few of the ~200 patterns, and compiling them all would cost a one-article audit ~60 ms.
    """

    __slots__ = ("source", "where", "triggers", "_regex", "word_start", "gate")

    def __init__(self, source: str, where: str, triggers: Optional[tuple[str, ...]], regex: Optional[re.Pattern[str]] = None):
        self.source, self.where, self.triggers, self._regex = source, where, triggers, regex
        # a pattern that can only match at a word start (it opens with \b, or with a lookbehind that
        # no word character may precede, and its triggers open with a letter): its triggers are looked
        # up in the text's word index instead of scanned for
        self.word_start = bool(triggers) and _opens_at_word(source) and all(_WORD_CHAR.match(t) for t in triggers or ())
        # a pattern without triggers, read only in a text holding one of its literals (see _GATES)
        self.gate = _GATES.get(source) if triggers is None and GATES_ENABLED else None
        if self.word_start:
            _register(self)

    @property
    def regex(self) -> re.Pattern[str]:
        if self._regex is None:
            self._regex = _regex(self.source, self.where)
        return self._regex

    def finditer(self, text: str, low: str, word_hits: Optional[dict[int, list[int]]] = None):  # noqa: ANN201 - an iterator of re.Match
        """The pattern's matches in ``text`` (``low``: its ``lowered`` form); ``word_hits``: ``_word_hits(low, ...)``
        when the caller already has it (one lookup per text instead of one per pattern)."""
        if self.triggers is None:
            if self.gate is not None and not any(x in low for x in self.gate) and not _fold_special(text):
                return ()  # every match holds one of the gate's literals, and the text holds none
            return self.regex.finditer(text)
        if self.word_start:
            found = (_word_hits(low, len(_HEADS_ADDED)) if word_hits is None else word_hits).get(id(self))
            if not found:
                return ()
            hits = set(found)
        else:
            hits = set()
            for trigger in self.triggers:
                i = low.find(trigger)
                while i >= 0:
                    hits.add(i)
                    i = low.find(trigger, i + 1)
            if not hits:
                return ()
        return self._matches(text, hits)

    def _matches(self, text: str, hits: set[int]):  # noqa: ANN202
        last_end = -1
        for h in sorted(hits):
            if h < last_end:
                continue
            m = self.regex.match(text, h)
            if m is not None and m.end() > m.start():
                last_end = m.end()
                yield m


_WORD_CHAR = re.compile(r"\w")
# leading negative lookbehinds without groups inside ("(?<![\w,] )", "(?<!\bfor )"), and the one kind
# among them that makes the next position a word start when a letter follows: no word character before
_LOOKBEHINDS = re.compile(r"(?:\(\?<!(?:[^()\[\]\\]|\\.|\[(?:[^\]\\]|\\.)*\])*\))*")
_NO_WORD_BEFORE = re.compile(r"\(\?<!\[\\w(?:[^\]\\]|\\.)*\]\)")
_ONE_LOOKBEHIND = re.compile(r"\(\?<!(?:[^()\[\]\\]|\\.|\[(?:[^\]\\]|\\.)*\])*\)")


def _top_level_branch(source: str) -> bool:
    """Whether the pattern has a '|' outside every group and class ('a|b' is a choice of whole patterns)."""
    depth, i, n = 0, 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # skip the class: a '^' and a ']' right after the '[' belong to it
            i += 1
            if i < n and source[i] == "^":
                i += 1
            if i < n and source[i] == "]":
                i += 1
            while i < n and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


def _opens_at_word(source: str) -> bool:
    """Whether every match of the pattern starts where no word character precedes it.

    A pattern that opens with \\b (so it has always been read). Or, new: one that opens with negative
    lookbehinds only, then \\b or one of those lookbehinds being a class that holds \\w ("(?<![\\w,])"),
    where that opening applies to the whole pattern (no top-level '|')."""
    if source.startswith("\\b"):
        return True
    behinds = _LOOKBEHINDS.match(source).group()  # type: ignore[union-attr]
    if not behinds:
        return False
    at_word = source.startswith("\\b", len(behinds)) or any(
        _NO_WORD_BEFORE.fullmatch(g) for g in _ONE_LOOKBEHIND.findall(behinds)
    )
    return at_word and not _top_level_branch(source)


# Literal gates for the lexicon patterns that have no literal start (so no triggers): pattern -> the
# lower-case literals one of which every match of it holds; the pattern is read only in a text that
# holds one (a text holding a character that matches a letter under re.I without lower-casing to it,
# FOLD_SPECIAL, is always read). Keyed by the pattern's exact text: a pattern edited in the lexicon
# loses its gate until it is re-declared here. tests/test_promo.py compares gated and ungated flags
# over every dev article and checks each match of a gated pattern holds one of its literals.
_GATES: dict[str, tuple[str, ...]] = {
    "(?<![\\w,] )(?<![\\w,\"'\\u201c\\u2018])(?:just )?buy (?:the|this) dip\\b(?![^\\n.!?]{0,40}\\?)": ("dip",),
    "^[ \\t]*(?:Subscribe|Sign up) (?:now )?to (?:the )?(?-i:[A-Z])[\\w&'-]*(?:[ \\t]+(?-i:[A-Z])[\\w&'-]*){0,4}[ \\t]*$": ("subscribe", "sign up"),
    "^[ \\t]*(?:Read more|Keep reading|Continue reading):[ \\t]*[^\\n]{3,150}?[ \\t]*(?:>>|\\u00bb)[ \\t]*$": (">>", "\u00bb"),
    "\\b(?:\\d+|one|two|seven|fourteen|thirty)[- ](?:day|week|month) free (?:trial|pass|access|membership|subscription)\\b": ("free",),
    "\\b(?:\\d+|one|two|three|four|six|twelve|a) (?:days?|weeks?|months?|years?) (?:free|for free|on us|at no cost)\\b(?! (?:of|from)\\b)": ("free", "on us", "at no cost"),
    "^[ \\t]*Sponsored by\\b[^\\n,;]{1,80}$": ("sponsored by",),
    "^[ \\t]*paid for by\\b": ("paid for by",),
    "^[ \\t]*brought to you by\\b": ("brought to you by",),
    "^[ \\t]*(?:advertiser disclosure|promotional content|paid advertisement|sponsored post)\\b": (
        "advertiser disclosure", "promotional content", "paid advertisement", "sponsored post"),
    "^[ \\t]*(?:presented by|in partnership with|in association with)\\b[^\\n,;.]{1,60}$": (
        "presented by", "in partnership with", "in association with"),
    "^[ \\t]*(?:[-*\\u2022][ \\t]+)?[^\\n]{3,100}?[ \\t]\\((?:Sponsored|Sponsored content|Advertisement|Promoted|Paid post|Paid content)\\)[ \\t]*$": (
        "(sponsored", "(advertisement", "(promoted", "(paid post", "(paid content"),
    "\\b(?:stocks?|shares|share price|it|this (?:stock|one|pick|company|gem|play)|picks?|plays?|gems?|valuation|(?-i:[A-Z][\\w.&'-]*))\\s+(?:(?:is|are)\\s+)?(?:could|can|might|may|set to|poised to|about to|ready to|going to|primed to|on the verge of|on the cusp of)\\s+(?:\\w+\\s+)?(?:skyrocket(?:ing)?|soar(?:ing)?|explode|exploding|rocket(?:ing)?|moon(?:ing)?|take off|go parabolic|go through the roof|go ballistic)\\b": (
        "soar", "explod", "rocket", "moon", "take off", "parabolic", "through the roof", "ballistic"),
    "\\b(?:[1-9]\\d{2,}|\\d{1,3}(?:,\\d{3})+)(?:\\.\\d+)?\\s?% (?:upside|profit potential|return potential|gain potential)\\b": ("upside", "potential"),
    "\\b(?:literally )?(?:everyone|everybody) (?:on|in|at) (?:the |my |our |this )?(?:discord|telegram|chat|group(?: chat)?|server|sub(?:reddit)?|forums?|boards?|stocktwits|reddit|twitter|x|tiktok|youtube|wallstreetbets|wsb|feed|timeline)(?:\\s+is\\s+|\\s+are\\s+|'s\\s+|\\u2019s\\s+|\\s+)(?:buying|loading up|loaded (?:up )?(?:on|with)|piling in(?:to)?|getting in|jumping in|rushing in|all in|in on)\\b": (
        "everyone", "everybody"),
    "\\b\\d[\\d,.]*(?:k|\\+| thousand| million)? (?:investors|readers|subscribers|traders|members|listeners|users) (?:have )?already (?:joined|signed up|subscribed|follow|trust|use)\\b": ("already",),
    # a sentence that is a bare price call ("4000 by Christmas"): its " by " or " before "
    "(?:^|(?<=[.!?] ))\\$?(?!(?:19|20)\\d\\d\\b)\\d[\\d,.]*k? (?:by|before) (?:christmas|thanksgiving|eoy|eom|year[- ]end|new year'?s|summer|spring|fall|winter|(?:the )?end of (?:the )?(?:year|month|week|quarter)|next (?:week|month|year)|friday)\\b(?:,? screenshot this)?": (" by ", " before "),
}
GATES_ENABLED = True  # False: every pattern without triggers reads every text (the tests compare the two)
# characters that match an ASCII letter under re.I without lower-casing to it, and one that grows when lower-cased
FOLD_SPECIAL = frozenset("\u0130\u0131\u017f\u212a\u212b")


def _fold_special(text: str) -> bool:
    return not text.isascii() and not FOLD_SPECIAL.isdisjoint(text)


_WORD = re.compile(r"\w+")
# first word of a trigger -> (trigger, pattern, whole): the triggers of every word-start pattern, so
# a text is read once, word by word, instead of scanned once per trigger (the lexicon has ~1,000)
_HEADS: dict[str, list[tuple[str, "_Pattern", bool]]] = {}
_HEADS_ADDED: list[int] = []  # its length versions the per-text cache below


def _register(pattern: "_Pattern") -> None:
    for trigger in pattern.triggers or ():
        head = _WORD.match(trigger).group()  # type: ignore[union-attr]
        # whole: the trigger is one word or its start ('gain' opens 'gains'); else the first word
        # must be exact and the rest is checked in the text ('the next', "can't")
        _HEADS.setdefault(head, []).append((trigger, pattern, len(head) == len(trigger)))
    _HEADS_ADDED.append(1)


@lru_cache(maxsize=4)
def _word_hits(low: str, version: int) -> dict[int, list[int]]:
    """id(pattern) -> the word starts in ``low`` where one of its triggers occurs (in no set order:
    a caller reads them as a set)."""
    at: dict[str, list[int]] = {}
    for m in _WORD.finditer(low):
        at.setdefault(m.group(), []).append(m.start())
    out: dict[int, list[int]] = {}
    if _WORD_PLANS.get(None) != version or len(_WORD_PLANS) > 50_000:
        _WORD_PLANS.clear()
        _WORD_PLANS[None] = version
    for word, starts in at.items():
        plan = _WORD_PLANS.get(word)
        if plan is None:
            plan = _WORD_PLANS[word] = _grouped_plan(word)
        whole, by_next, one = plan
        for key in whole:
            out.setdefault(key, []).extend(starts)
        if by_next:
            n = len(word)
            for i in starts:
                # a multi-word trigger is tried only where the two characters after the word are its own
                after = low[i + n : i + n + 2]
                for trigger, key in by_next.get(after, ()):
                    if low.startswith(trigger, i):
                        out.setdefault(key, []).append(i)
                for trigger, key in by_next.get(after[:1], ()) if one and len(after) == 2 else ():
                    out.setdefault(key, []).append(i)  # the trigger is the word and that one character
    return out


def _grouped_plan(word: str) -> tuple[tuple[int, ...], dict[str, tuple[tuple[str, int], ...]], bool]:
    """``_word_plan(word)`` as _word_hits applies it: the patterns whose trigger the word holds whole; the
    multi-word triggers ('the next', "can't": the word, then a non-word character and more) keyed by
    their (at most) two characters after the word; and whether one of those keys is one character long."""
    whole: list[int] = []
    by_next: dict[str, list[tuple[str, int]]] = {}
    for trigger, key, is_whole in _word_plan(word):
        if is_whole:
            if key not in whole:
                whole.append(key)
            continue
        group = by_next.setdefault(trigger[len(word) : len(word) + 2], [])
        if (trigger, key) not in group:
            group.append((trigger, key))
    return tuple(whole), {k: tuple(v) for k, v in by_next.items()}, any(len(k) == 1 for k in by_next)


# word -> what _word_hits does with it, worked out once per word (words recur from text to text);
# the None key holds the _HEADS version the plans were made for
_WORD_PLANS: dict[Any, Any] = {}


def _word_plan(word: str) -> tuple[tuple[str, int, bool], ...]:
    """(trigger, id(pattern), whole) for every trigger whose first word is ``word`` or a start of it,
    in the order _word_hits applies them; a multi-word trigger only where its first word is all of ``word``."""
    plan = []
    for k in range(1, len(word) + 1):
        for trigger, pattern, whole in _HEADS.get(word[:k], ()):
            if whole or k == len(word):
                plan.append((trigger, id(pattern), whole))
    return tuple(plan)


@dataclass(frozen=True)
class _Lexicon:
    techniques: dict[str, Technique]
    compiled: dict[str, list[_Pattern]]
    document: dict[str, Any]
    pitch: list[_Pattern]
    upside: list[_Pattern]
    risk: list[_Pattern]
    negated_risk: list[_Pattern]
    negative: list[_Pattern]


def _leading_literals(items: list[Any]) -> Optional[list[str]]:
    """The literal strings a parsed pattern can start with, or None if it can start otherwise."""
    try:
        from re import _constants as c  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - older Pythons: scan without triggers
        return None
    def zero_width(item: Any) -> bool:  # an assertion, or a choice of assertions: '(?:(?<=is )|(?<=are ))'
        op, av = item
        if op in (c.AT, c.ASSERT_NOT, c.ASSERT):
            return True
        return op is c.BRANCH and all(alt and all(zero_width(x) for x in alt) for alt in av[1])

    i = 0
    while i < len(items) and zero_width(items[i]):
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is c.LITERAL:
        chars = []
        while i < len(items) and items[i][0] is c.LITERAL:
            chars.append(chr(items[i][1]))
            i += 1
        head = "".join(chars)
        if i < len(items) and items[i][0] in (c.BRANCH, c.SUBPATTERN):
            # 'many|most' is parsed as 'm' + (any|ost): continue into the branch when it allows
            tails = _leading_literals(items[i:])
            if tails:
                return [head + t for t in tails]
        return [head]
    if op is c.SUBPATTERN:
        return _leading_literals(list(av[-1]))
    if op is c.BRANCH:
        out: list[str] = []
        for alternative in av[1]:
            sub = _leading_literals(list(alternative))
            if sub is None:
                return None
            out.extend(sub)
        return out
    return None


def _regex(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern, _FLAGS)
    except re.error as exc:
        raise ConfigError(
            f"promotional lexicon pattern for {where} does not compile ({exc}): {pattern!r}; "
            "fix it in verifier/data/promo_lexicon.json"
        ) from exc


def _triggers(parsed: Any) -> Optional[tuple[str, ...]]:
    try:
        literals = _leading_literals(list(parsed))
    except Exception:  # noqa: BLE001 - any parser change only costs speed
        return None
    # a one-letter trigger ('i', 'a') would hit every few characters; a lone '$' or '#' is rare enough
    if not literals or any(len(x) < 2 and (x.isalnum() or x.isspace()) for x in literals):
        return None
    return tuple(sorted({x.lower() for x in literals}))


@lru_cache(maxsize=1)
def _known_triggers() -> dict[str, Optional[tuple[str, ...]]]:
    """The shipped pattern -> triggers table (empty when missing or unreadable: patterns get parsed)."""
    try:
        raw = json.loads(resources.files("verifier.data").joinpath(TRIGGERS_FILE).read_text(encoding="utf-8"))
        return {p: (tuple(t) if t else None) for p, t in raw["triggers"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def triggers_table(patterns: list[str]) -> dict[str, Optional[list[str]]]:
    """What ``promo_triggers.json`` holds for these patterns (each parsed, so each is checked)."""
    from re import _parser  # type: ignore[attr-defined]

    out: dict[str, Optional[list[str]]] = {}
    for pattern in patterns:
        triggers = _triggers(_parser.parse(pattern, _FLAGS))
        out[pattern] = list(triggers) if triggers else None
    return out


def lexicon_patterns(raw: dict[str, Any]) -> list[str]:
    """Every pattern of a lexicon dict, in file order, once each."""
    found = [p for e in raw["techniques"].values() for p in e.get("patterns", [])]
    found += [p for key, values in raw["document"].items() if key.endswith("_patterns") for p in values]
    return list(dict.fromkeys(found))


def _compile(pattern: str, where: str) -> _Pattern:
    """Check the pattern's syntax now (a broken lexicon fails at load); compile when first needed.

    A pattern found in the shipped triggers table was parsed when the table was written (its
    exact text is the key), so only its triggers are read from there.
    """
    known = _known_triggers()
    if pattern in known:
        triggers = known[pattern]
        return _Pattern(pattern, where, triggers, None if triggers else _regex(pattern, where))
    try:
        from re import _parser  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - a Python without it: compile everything now
        return _Pattern(pattern, where, None, _regex(pattern, where))
    try:
        parsed = _parser.parse(pattern, _FLAGS)
    except re.error:
        _regex(pattern, where)  # raises the ConfigError naming the pattern
        raise
    triggers = _triggers(parsed)
    # without triggers the pattern runs on every text: compile it now (and surface late errors)
    return _Pattern(pattern, where, triggers, None if triggers else _regex(pattern, where))


def lowered(text: str) -> str:
    """``text.lower()`` with every offset kept (a few characters grow when lower-cased)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def parse_lexicon(raw: dict[str, Any]) -> _Lexicon:
    """Validate and compile a lexicon dict (the bundled JSON, or a test's variant)."""
    from .schemas import TECHNIQUES as KNOWN

    try:
        entries = raw["techniques"]
        document = raw["document"]
    except (KeyError, TypeError) as exc:
        raise ConfigError(
            "promotional lexicon needs 'techniques' and 'document' sections; "
            "restore verifier/data/promo_lexicon.json from the repository"
        ) from exc
    techniques: dict[str, Technique] = {}
    for name, e in entries.items():
        if name not in KNOWN:
            raise ConfigError(f"promotional lexicon names unknown technique {name!r}; use one of: {', '.join(KNOWN)}")
        if e.get("severity") not in SEVERITY_ORDER:
            raise ConfigError(f"technique {name!r} needs severity low, medium or high in the promotional lexicon")
        techniques[name] = Technique(
            name=name,
            explanation=e["explanation"],
            severity=e["severity"],
            weight=float(e["weight"]),
            patterns=tuple(e.get("patterns", [])),
            rule=e.get("rule"),
            needs_unnamed=bool(e.get("needs_unnamed", False)),
        )
    missing = [t for t in KNOWN if t not in techniques]
    if missing:
        raise ConfigError(f"promotional lexicon lacks techniques {missing}; add them to verifier/data/promo_lexicon.json")
    compiled = {n: [_compile(p, n) for p in t.patterns] for n, t in techniques.items()}
    return _Lexicon(
        techniques=techniques,
        compiled=compiled,
        document=document,
        pitch=[_compile(p, "pitch") for p in document.get("pitch_patterns", [])],
        upside=[_compile(p, "upside") for p in document.get("upside_patterns", [])],
        risk=[_compile(p, "risk") for p in document.get("risk_patterns", [])],
        negated_risk=[_compile(p, "negated risk") for p in document.get("negated_risk_patterns", [])],
        negative=[_compile(p, "negative") for p in document.get("negative_patterns", [])],
    )


@lru_cache(maxsize=1)
def lexicon() -> _Lexicon:
    """The bundled lexicon, compiled once."""
    raw = resources.files("verifier.data").joinpath("promo_lexicon.json").read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"verifier/data/promo_lexicon.json is not valid JSON ({exc}); restore it from the repository") from exc
    return parse_lexicon(data)


TECHNIQUES: dict[str, Technique] = lexicon().techniques


# --------------------------------------------------------------------------- detection

_NAMED_EXPERT = [
    re.compile(r"\b(?:analysts?|strategists?|economists?|experts?|researchers?)\s+(?:at|from|with|of)\s+(?-i:[A-Z][\w&.'-]+)", re.I),
    re.compile(r"(?-i:\b[A-Z][\w&.'-]+)\s+(?:analysts?|strategists?|economists?)\s+(?-i:[A-Z][a-z]+)", re.I),
    re.compile(r"\b(?:analyst|strategist|economist|expert)\s+(?-i:[A-Z][a-z]+\s+[A-Z][a-z]+)", re.I),
    re.compile(r"\b(?:polled|surveyed|compiled|tracked)\s+by\s+(?-i:[A-Z])", re.I),
]
_VAGUE_NAMES = {"Wall", "Street", "Market", "Many", "Some", "Most", "Top", "Leading", "The", "Several", "Experts", "Analysts"}


# A consensus figure ("Wall Street expects EPS of $4.79 on average", "the consensus estimate of $2.10")
# is a statistic over named estimates, not an appeal to a vague authority: the sentence gives a figure.
_CONSENSUS = re.compile(
    r"\b(?:on average|(?:the )?consensus|(?:average|mean|median) (?:estimate|forecast|expectation)s?)\b", re.I)
_FIGURE = re.compile(r"[$\u20ac\u00a3]\s?\d|\d(?:[.,]\d+)?\s?(?:%|percent|cents?\b)")


def _consensus_figure(text: str, start: int, sentences: SentenceIndex) -> bool:
    sentence = sentences.sentence_of(start)
    a, b = sentence if sentence is not None else (max(0, start - 200), min(len(text), start + 200))
    window = text[a:b]
    return _CONSENSUS.search(window) is not None and _FIGURE.search(window) is not None


# "According to the reports, it is said that X buys Y" (machine-translated 'reportedly'): an impersonal
# hedge on a cited report relays the report, which is checked as one; it appeals to no unnamed authority
_REPORT_CUE = re.compile(
    r"\baccording to (?:the |some |several |local |media |press |news |published |recent |earlier )*reports?\b|"
    r"\b(?:media|press|news) reports (?:say|said|suggest|suggested)\b|\breportedly\b", re.I)
_IMPERSONAL = re.compile(r"it(?: is|'s|\u2019s) ", re.I)


def _hedges_a_report(text: str, start: int, sentences: SentenceIndex) -> bool:
    if not _IMPERSONAL.match(text, start):
        return False
    sentence = sentences.sentence_of(start)
    a = sentence[0] if sentence is not None else max(0, start - 200)
    return _REPORT_CUE.search(text, a, start) is not None


def _named_nearby(text: str, start: int, end: int, sentences: SentenceIndex, wide: bool) -> bool:
    """True when the sentence (and, for 'analysts', its neighbours) names who the experts are, or
    the sentence states a consensus figure (an average of estimates, not a vague authority), or the
    words are an impersonal hedge on a report the sentence cites."""
    if _consensus_figure(text, start, sentences) or _hedges_a_report(text, start, sentences):
        return True
    idx = sentences.index_of(start)
    if idx is None:
        window = text[max(0, start - 200) : end + 200]
    else:
        spans = sentences.spans
        lo, hi = (max(0, idx - 1), min(len(spans), idx + 2)) if wide else (idx, idx + 1)
        window = text[spans[lo][0] : spans[hi - 1][1]]
    if find_firm(window):
        return True
    for pattern in _NAMED_EXPERT:
        for m in pattern.finditer(window):
            words = re.findall(r"[A-Z][\w&.'-]*", m.group())
            if any(w not in _VAGUE_NAMES for w in words):
                return True
    return False


def _make_flag(text: str, start: int, end: int, technique: Technique, explanation: Optional[str] = None, severity: Optional[str] = None) -> Flag:
    return Flag(
        quote=text[start:end],
        start=start,
        end=end,
        technique=technique.name,  # type: ignore[arg-type]
        explanation=explanation or technique.explanation,
        severity=(severity or technique.severity),  # type: ignore[arg-type]
        rule=technique.rule,
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Who relays a device without being named: the generic third parties of a news story about a
# promotion ("promoters told investors ...", "according to regulators, ..."). Vague authorities
# ("experts", "analysts", "Wall Street") are not among them: citing them is itself a device.
_THIRD_PARTIES = {
    "promoter", "promoters", "regulator", "regulators", "prosecutor", "prosecutors", "investigator",
    "investigators", "authorities", "officials", "complaint", "complaints", "indictment", "lawsuit",
    "filing", "filings", "email", "emails", "e-mail", "e-mails", "message", "messages", "post", "posts",
    "ad", "ads", "advertisement", "advertisements", "flyer", "flyers", "mailer", "mailers", "newsletter",
    "newsletters", "tipster", "tipsters", "tout", "touts", "touters", "scammer", "scammers", "fraudster",
    "fraudsters", "spammer", "spammers", "campaign", "campaigns", "website", "websites", "video", "videos",
    "influencer", "influencers", "critic", "critics", "pitch", "pitches", "brochure", "brochures",
    "telemarketer", "telemarketers", "caller", "callers", "salesman", "salesmen", "defendant", "defendants",
}


def _third_party(speaker: str) -> bool:
    """A generic but clearly outside speaker: the head noun is a promoter, a regulator or a medium."""
    words = re.findall(r"[\w'-]+", speaker.lower())
    return bool(words) and words[-1] in _THIRD_PARTIES


# "... and urged readers to buy before it's too late": what someone told the readers to do is
# reported, not the article's own imperative; "we urge readers to ..." stays the article's.
_DIRECTIVE = re.compile(
    r"\b(?:urged|urges|urging|told|tells|telling|encouraged|encourages|encouraging|advised|advises|advising|"
    r"asked|asks|asking|pushed|pushes|pushing|exhorted|implored|instructed|instructs|promised|promises|promising)\s+"
    r"(?:readers|investors|subscribers|followers|recipients|people|shareholders|viewers|users|them|clients|"
    r"customers|victims|retail investors|traders|members|listeners)\s+(?:to\b|that\b)?",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:we|i|our|us|my)\b", re.I)


def _directive_spans(text: str, sentences: SentenceIndex) -> list[ReportedSpan]:
    out = []
    low = lowered(text)
    if not any(w in low for w in ("urg", "told", "tell", "encourag", "advis", "ask", "push", "exhort", "implor", "instruct", "promis")):
        return out
    for m in _DIRECTIVE.finditer(text):
        sentence = sentences.sentence_of(m.start())
        if sentence is None or _FIRST_PERSON.search(text, sentence[0], m.start()):
            continue
        out.append(ReportedSpan(m.end(), sentence[1], "the party the article reports on", True, quoted=False))
    return out


# "The newsletter, which called the company a hidden gem, ..." and "posts saying the stock was going
# to the moon": a relative clause or a participle reports what its noun said. Not when the noun is the
# publication ("our letter, which called ...") or a vague authority ("insiders saying ..."): those stay devices.
_RELATIVE_SPEECH = re.compile(
    r"\b(?:which|who)\s+(?:had\s+|has\s+|have\s+)?(?:called|described|touted|hyped|pitched|promised|claimed|urged|told|said|"
    r"predicted|boasted|declared|dubbed)\b",
    re.I,
)
_PARTICIPLE_SPEECH = re.compile(
    r"\b(?:saying|claiming|calling|touting|promising|urging|describing|predicting|boasting|insisting|declaring|hyping|"
    r"pitching|dubbing)\b",
    re.I,
)
_NOT_A_SPEAKER = {  # the word before a participle that makes it the writer's own progressive or a vague crowd
    "am", "is", "are", "was", "were", "be", "been", "being", "keep", "keeps", "kept", "i", "we", "you", "i'm", "we're",
    "you're", "i\u2019m", "we\u2019re", "not", "just", "stop", "start", "started", "experts", "analysts", "insiders",
    "observers", "pundits", "sources", "people", "everyone", "everybody", "many", "some", "most", "investors", "traders",
    "street", "pros", "professionals", "others",
}


def _clause_speech_spans(text: str, sentences: SentenceIndex) -> list[ReportedSpan]:
    out: list[ReportedSpan] = []
    for m in _RELATIVE_SPEECH.finditer(text):
        sentence = sentences.sentence_of(m.start())
        if sentence is None or _FIRST_PERSON.search(text, sentence[0], m.start()):
            continue
        comma = text.find(",", m.end(), sentence[1])
        out.append(ReportedSpan(m.end(), comma if comma >= 0 else sentence[1], "the party the article reports on", True, quoted=False))
    for m in _PARTICIPLE_SPEECH.finditer(text):
        sentence = sentences.sentence_of(m.start())
        if sentence is None or _FIRST_PERSON.search(text, sentence[0], m.start()):
            continue
        before = re.findall(r"[\w'\u2019]+", text[max(sentence[0], m.start() - 40) : m.start()].lower())
        if not before or before[-1] in _NOT_A_SPEAKER:
            continue
        out.append(ReportedSpan(m.end(), sentence[1], "the party the article reports on", True, quoted=False))
    return out


def _relay_index(spans: list[ReportedSpan], text: str = "") -> RelayIndex:
    """Relayed speech whose speaker is identified, or is a generic outside party (``_THIRD_PARTIES``),
    plus what someone is reported to have told readers to do (``_DIRECTIVE``) and speech reported in
    a relative clause or a participle (``_RELATIVE_SPEECH``, ``_PARTICIPLE_SPEECH``)."""
    kept = [s for s in spans if s.specific or (s.speaker and _third_party(s.speaker))]
    if text:
        kept += _directive_spans(text, sentence_index(text)) + _clause_speech_spans(text, sentence_index(text))
    return RelayIndex(kept, specific_only=False)


# A correction or editor's note quotes what an earlier version said: its devices are not the piece's.
_CORRECTION = re.compile(
    r"^\W*(?:correction|clarification|editor'?s note|editor\u2019s note)\b|\ban earlier version of this\b|"
    r"\bthis (?:article|story|report|post) (?:has been|was) (?:corrected|updated|amended) to\b",
    re.I,
)
# A negator just before a promise or a superlative denies it: "no investment is risk-free",
# "there are no guaranteed returns", "this is not a once-in-a-generation opportunity".
# "no less than" / "nothing short of" intensify what follows ("nothing less than a catastrophic
# destruction of value"), they do not deny it
_NEGATOR = re.compile(
    r"\b(?:no(?!\s+(?:doubt|question|wonder|surprise|matter|less\s+than|short\s+of)\b)|not(?!\s+only\b)|never|nothing(?!\s+(?:less\s+than|short\s+of)\b)|none|neither|nor|isn'?t|aren'?t|wasn'?t|weren'?t|doesn'?t|don'?t|cannot|can'?t|"
    r"won'?t|nobody|no one|without)\b(?:\s+[\w'\u2019-]+){0,3}\s*$",
    re.I,
)
_DENIABLE = {"promissory", "exaggeration"}


def _negated(text: str, start: int, sentences: SentenceIndex) -> bool:
    sentence = sentences.sentence_of(start)
    lo = max(start - 40, sentence[0] if sentence else 0)
    before = re.split(r"[,;:\u2013\u2014]|\s-\s", text[lo:start])[-1]
    return bool(_NEGATOR.search(before))


# "READER POLL: Would you buy Amazon at $200?  [ Yes ]  [ No ]": a survey of the readers asks, it does not press
_POLL_HEAD = re.compile(r"\b(?:reader|readers['\u2019]?|quick|today['\u2019]?s|our|weekly)?[ \t]*poll[ \t]*[:|\u2013\u2014-][^\n]*$", re.I)
_POLL_TAIL = re.compile(r"[^\n]{0,10}?\[[ \t]*(?:yes|no)[ \t]*\]", re.I)


def _poll(text: str, start: int, end: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_POLL_HEAD.search(text, line_start, start) or _POLL_TAIL.match(text, end))


def _in_correction(text: str, start: int, sentences: SentenceIndex) -> bool:
    sentence = sentences.sentence_of(start)
    if sentence is None:
        return False
    a, b = sentence
    return bool(_CORRECTION.search(text, a, min(b, a + 300)))


_OFFER_COLON = re.compile(r"[^,;:.!?\n\u2013\u2014]{0,30}:[ \t]*")
_OWN_CALL = re.compile(r"(?:get|claim|grab|book|schedule|request|download|reserve|secure|receive|order|unlock|access)\b", re.I)


def _absorb(flags: list[Flag], text: str) -> list[Flag]:
    """One device, one flag, where two techniques describe the same words:

    - an urgency or call-to-action phrase inside a buy/sell question is the question ("Should
      investors get in now?" asks; it does not press);
    - a call to action whose object is a free offer, or a teaser right after one in the same
      clause ("Claim your free report", "Our free analysis tells you what to do now", "Link in bio
      for our free picks"), is the free offer: its flag grows to cover both.
    """
    questions = [(f.start, f.end) for f in flags if f.technique == "buy_sell_question"]
    offers = [i for i, f in enumerate(flags) if f.technique == "free_offer"]
    grown: dict[int, tuple[int, int]] = {}
    out: list[Optional[Flag]] = list(flags)
    for i, f in enumerate(flags):
        if f.technique in ("urgency", "call_to_action") and any(a <= f.start and f.end <= b for a, b in questions):
            out[i] = None
            continue
        if f.technique != "call_to_action":
            continue
        for j in offers:
            o0, o1 = grown.get(j, (flags[j].start, flags[j].end))
            overlaps = f.start < o1 and o0 < f.end
            follows = 0 <= f.start - o1 <= 30 and not re.search(r"[,;:.!?\n\u2013\u2014]|\s-\s", text[o1 : f.start])
            # "Get the full sheet free every Friday: reply SHEET": a colon closing the offer's clause leads to how to claim it
            follows = follows or (0 <= f.start - o1 <= 40 and _OFFER_COLON.fullmatch(text, o1, f.start) is not None)
            # "Claim your spot for our free report", "Click to get this free report": the call's object is the offer,
            # unless the offer carries its own call ("call your advisor today to claim a free outlook": two devices);
            # "Sign up today and get our free report": the offer is what the call hands over (one device)
            gap = text[f.end : o0]
            own_call = _OWN_CALL.match(text, o0) is not None
            leads = 0 <= o0 - f.end <= 30 and (
                (own_call and re.fullmatch(r"[ \t]+and[ \t]+", gap) is not None)
                or (not own_call and (
                    re.fullmatch(r"\s+(?:for|to)\s+(?:(?:my|our|your|the|a|an)\s+)?", gap) is not None
                    or (re.search(r"\b(?:get|claim|grab|download|request|unlock)$", f.quote, re.I) is not None
                        and re.fullmatch(r"\s+(?:my|our|your|the|a|an|this|these|that)\s+", gap) is not None))))
            if overlaps or follows or leads:
                grown[j] = (min(o0, f.start), max(o1, f.end))
                out[i] = None
                break
    _absorb_leads(flags, out, grown, text)
    for j, (a, b) in grown.items():
        out[j] = flags[j].model_copy(update={"start": a, "end": b, "quote": text[a:b]})
    return [f for f in out if f is not None]


# "there is no question that this stock can be worth $150": the assurance is the promise's own lead-in
_ASSURANCE_GAP = re.compile(r"[ \t]*")
# "Call your advisor today and get in before the next leg up": the pressing tail is the call's own
_CALL_AND = re.compile(r"[ \t]+and[ \t]+")


def _absorb_leads(flags: list[Flag], out: list[Optional[Flag]], grown: dict[int, tuple[int, int]], text: str) -> None:
    """Two more one-device pairs: an unsupported assertion leading straight into a promise is the promise, and
    an urgency phrase joined by "and" to a call to action is the call (the kept flag grows over both)."""
    pairs = (("unsupported_assertion", "promissory", _ASSURANCE_GAP), ("urgency", "call_to_action", _CALL_AND))
    for lead_kind, main_kind, gap in pairs:
        for i, f in enumerate(flags):
            if out[i] is None or f.technique != lead_kind:
                continue
            for j, g in enumerate(flags):
                if out[j] is None or g.technique != main_kind or j in grown and main_kind != "promissory":
                    continue
                a, b = grown.get(j, (g.start, g.end))
                if main_kind == "promissory" and a >= f.end and gap.fullmatch(text, f.end, a):
                    grown[j] = (f.start, b)  # the assertion opens the promise
                elif main_kind == "call_to_action" and f.start >= b and gap.fullmatch(text, b, f.start):
                    grown[j] = (a, f.end)  # the urgency closes the call
                else:
                    continue
                out[i] = None
                break


_PHRASE_PLANS: dict[int, tuple[Any, ...]] = {}  # id(lexicon) -> (the lexicon, _phrase_plan's answer)


def _phrase_plan(lex: _Lexicon) -> tuple[list[tuple[str, Technique, _Pattern]], dict[int, int], frozenset[int]]:
    """The lexicon's phrase patterns in order as (technique name, technique, pattern), the place of each
    word-index pattern by its id, and the places of the others (read on every text)."""
    kept = _PHRASE_PLANS.get(id(lex))
    if kept is not None and kept[0] is lex:
        return kept[1]
    flat = [(name, lex.techniques[name], p) for name, patterns in lex.compiled.items() for p in patterns]
    index_of = {id(p): i for i, (_, _, p) in enumerate(flat) if p.word_start}
    always = frozenset(i for i, (_, _, p) in enumerate(flat) if not p.word_start)
    if len(index_of) + len(always) != len(flat):  # one pattern object twice: no plan, every pattern read
        index_of, always = {}, frozenset(range(len(flat)))
    if len(_PHRASE_PLANS) > 8:
        _PHRASE_PLANS.clear()
    _PHRASE_PLANS[id(lex)] = (lex, (flat, index_of, always))
    return flat, index_of, always


def phrase_flags(text: str, *, include_reported: bool = False, spans: Optional[list[ReportedSpan]] = None,
                 _relay: Optional[RelayIndex] = None) -> list[Flag]:
    """Every device the lexicon finds in the text's own words (no document-level flags).

    ``_relay``: ``_relay_index(spans, text)`` when the caller (``detect_flags``) already built it."""
    lex = lexicon()
    relay = _relay if _relay is not None else _relay_index(reported_speech_spans(text) if spans is None else spans, text)
    sentences = sentence_index(text)
    low = lowered(text)
    word_hits = _word_hits(low, len(_HEADS_ADDED))
    flags: list[Flag] = []
    unwrapped = _unwrapped(text)
    flat, index_of, always = _phrase_plan(lex)
    struck = deleted_spans(text)
    keys = word_hits.keys() if unwrapped is None else {*word_hits, *_word_hits(unwrapped[1], len(_HEADS_ADDED))}
    # in lexicon order, the patterns that can match: those off the word index, and those with a word hit
    # in the text or in its unwrapped form (any other finds nothing, see _Pattern.finditer)
    for at in sorted(always.union(index_of[k] for k in keys if k in index_of)):
        name, technique, pattern = flat[at]
        found = []
        if not (pattern.word_start and not word_hits.get(id(pattern))):  # else none of its triggers opens a word
            found = [m.span() for m in pattern.finditer(text, low, word_hits)]
        if unwrapped is not None:
            found += _across_breaks(pattern, *unwrapped)
        for span in found:
            start, end = _trim(text, *span)
            if end <= start or (struck and _inside(struck, start, end)):
                continue
            # "analysts say" may name them a sentence off; so may a bare "Wall Street agrees." that the next sentence explains
            wide = "analyst" in text[start:end].lower() or re.match(r"[ \t]*[.:]", text[end : end + 3]) is not None
            if technique.needs_unnamed and _named_nearby(text, start, end, sentences, wide=wide):
                continue
            if name in _DENIABLE and _negated(text, start, sentences):
                continue
            if name == "buy_sell_question" and _poll(text, start, end):
                continue
            relayed = relay.covering(start, end)
            speaker = relayed.speaker if relayed is not None else ("a correction notice" if _in_correction(text, start, sentences) else None)
            explanation = None
            if speaker is not None:
                if not include_reported:
                    continue
                explanation = f"Relayed from {speaker}, not the article's own words: {technique.explanation}"
            flags.append(_make_flag(text, start, end, technique, explanation, "low" if speaker else None))
    return _drop_buttons(_drop_quoted_repeats(merge_flags(_absorb(flags, text), text), text), text)


# A button on a line of its own ("[ GET MY FREE READING ]", "[Claim my report]") under the offer or call
# it answers: the button is where that offer is taken, the same device, not a second one
_BUTTON_LINE = re.compile(r"[ \t]*(?:\[[ \t]*[^\[\]\n]{2,60}?[ \t]*\]|<<[ \t]*[^<>\n]{2,60}?[ \t]*>>)[ \t]*$", re.M)
BUTTON_REACH = 400  # how far before the button its offer may be


_TERM = re.compile(r"\d+")


def _drop_buttons(flags: list[Flag], text: str) -> list[Flag]:
    """Drop the button that answers an offer or call just made, and an offer restated right after itself
    with its own term ("Keep reading with a 7-day free trial" / "... get 7 days of free access"): one offer."""
    out: list[Flag] = []
    for flag in flags:
        line = text.rfind("\n", 0, flag.start) + 1
        if flag.technique in ("free_offer", "call_to_action") and _BUTTON_LINE.match(text, line) and any(
            f.technique == flag.technique and 0 <= line - f.end <= BUTTON_REACH for f in out
        ):
            continue
        terms = set(_TERM.findall(flag.quote))
        if flag.technique == "free_offer" and terms and any(
            f.technique == "free_offer" and 0 <= flag.start - f.end <= BUTTON_REACH and terms & set(_TERM.findall(f.quote))
            for f in out
        ):
            continue
        out.append(flag)
    return out


# A line that runs on mid-sentence ("Smart money is\n> > > loading up" in a quoted e-mail, or a
# fixed-width wrap): the break, with any e-mail quote markers after it, reads as one space. Only a
# break after a word or a comma and before a lower-case word: a headline or a list item stays apart.
_WRAP = re.compile(r"(?<=[\w,;'\u2019\"-])[ \t]*\n[ \t]*(?:>[ \t]*)*(?=[a-z])")


# A fixed-width wrap also breaks before a capitalised word ('could be the next\nAmazon'): a break after a
# letter or a comma, before a capital, where the line is full (the next word would not have fitted in
# the text's wrap width); a short headline over a byline is no such line.
_WRAP_CAPITAL = re.compile(r"(?<=[A-Za-z,'\u2019\"])[ \t]*\n[ \t]*(?=[A-Z])")
_CONTINUED_LINE = re.compile(r"^([^\n]*\S)[ \t]*\n(?=[ \t]*\S)", re.M)
WRAP_MIN_LINES = 3  # lines of one width a text must hold to count as wrapped at that width
WRAP_MIN_WIDTH = 50


def _wrap_width(text: str) -> Optional[int]:
    """The width a hard-wrapped text is wrapped at: the WRAP_MIN_LINES-th longest of its lines that run on
    into a next line, or None when it holds too few such lines (or only short ones)."""
    lengths = sorted((len(m.group(1)) for m in _CONTINUED_LINE.finditer(text)), reverse=True)
    if len(lengths) < WRAP_MIN_LINES or lengths[WRAP_MIN_LINES - 1] < WRAP_MIN_WIDTH:
        return None
    return lengths[WRAP_MIN_LINES - 1]


def _capital_wraps(text: str) -> list[tuple[int, int]]:
    if "\n" not in text:
        return []
    width = None
    out = []
    for m in _WRAP_CAPITAL.finditer(text):
        if width is None:
            width = _wrap_width(text) or -1
        if width < 0:
            return []
        line = text[text.rfind("\n", 0, m.start()) + 1 : m.start()]
        if "  " in line.strip() or "\t" in line.strip():
            continue  # a table row's cells
        word = re.match(r"\S+", text[m.end() :])
        if word is not None and len(line.rstrip()) + 1 + len(word.group()) > width:
            out.append(m.span())
    return out


def _unwrapped(text: str) -> Optional[tuple[str, str, list[int], list[int]]]:
    """(text with run-on line breaks read as spaces, its ``lowered`` form, offset of each of its
    characters in ``text`` (plus the end), positions of the joins in it), or None without such a break."""
    spans = sorted({m.span() for m in _WRAP.finditer(text)} | set(_capital_wraps(text)))
    if not spans:
        return None
    parts: list[str] = []
    pos: list[int] = []
    at: list[int] = []
    last = 0
    for a, b in spans:
        if a < last:
            continue  # two readings of one break
        parts.append(text[last:a])
        pos.extend(range(last, a))
        at.append(len(pos))
        parts.append(" ")
        pos.append(a)
        last = b
    parts.append(text[last:])
    pos.extend(range(last, len(text)))
    pos.append(len(text))
    joined = "".join(parts)
    return joined, lowered(joined), pos, at


def _across_breaks(pattern: "_Pattern", joined: str, low: str, pos: list[int], at: list[int]) -> list[tuple[int, int]]:
    """The pattern's matches in the unwrapped text that span a join, as offsets into the original text."""
    import bisect

    out = []
    for m in pattern.finditer(joined, low):
        a, b = m.span()
        i = bisect.bisect_left(at, a)
        if i < len(at) and at[i] < b - 1 and at[i] > a:
            out.append((pos[a], pos[b - 1] + 1))
    return out


_QUOTE_LINE = re.compile(r"^[ \t]*>", re.M)


def _drop_quoted_repeats(flags: list[Flag], text: str) -> list[Flag]:
    """A reply that quotes an earlier post ("> $XYZ will hit $90 by May") repeats its device: the
    repeat on a '>' line is the same device, not a second one. So is a repeat inside quotation
    marks: a reviewer's comment that quotes the draft's words back ('"Act now" is pressure and must
    go') names the device, it does not use it a second time."""
    if len(flags) < 2:
        return flags
    quotes: Optional[list[tuple[int, int]]] = None
    seen: set[tuple[str, str]] = set()
    out = []
    for flag in flags:
        key = (flag.technique, " ".join(re.findall(r"\w+", flag.quote.casefold())))
        if key in seen:
            line = text.rfind("\n", 0, flag.start) + 1
            if ">" in text and _QUOTE_LINE.match(text, line):
                continue
            if quotes is None:
                quotes = quote_spans(text)
            if any(a <= flag.start and flag.end <= b for a, b in quotes):
                continue
        seen.add(key)
        out.append(flag)
    return out


def first_of_each_wording(flags: list[Flag]) -> list[Flag]:
    """An urgency slogan repeated word for word ("urgent action needed!" in the title, "Urgent action
    needed" in the pitch) is one pressure device: one flag, the first, so the score counts it once."""
    seen: set[str] = set()
    out = []
    for flag in flags:
        wording = " ".join(re.findall(r"\w+", flag.quote.casefold()))
        if flag.technique == "urgency" and wording in seen:
            continue
        if flag.technique == "urgency":
            seen.add(wording)
        out.append(flag)
    return out


def _best_sentence(sentences: SentenceIndex, weighted: list[tuple[int, float]]) -> Optional[tuple[int, int]]:
    """The sentence with the highest total weight of the positions in it (earliest on a tie)."""
    totals: dict[int, float] = {}
    for pos, weight in weighted:
        i = sentences.index_of(pos)
        if i is not None:
            totals[i] = totals.get(i, 0.0) + weight
    if not totals:
        return None
    best = max(totals.items(), key=lambda kv: (kv[1], -kv[0]))
    if best[1] <= 0:
        return None
    a, b = sentences.spans[best[0]]
    if b - a > MAX_ANCHOR:  # a run-on 'sentence': quote the part around the strongest position
        inside = [(w, -p) for p, w in weighted if a <= p < b]
        pos = -max(inside)[1]  # the heaviest device, the earliest of equals
        a, b = max(a, pos - MAX_ANCHOR // 2), min(b, pos + MAX_ANCHOR // 2)
    return a, b


def _inside(quotes: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in quotes)


# A chat export ("[06/02/2026, 16:10] Dex: ...", "02/06/26, 4:10 PM - Dex: ..."): a conversation of
# several people, not a piece with a publisher; one member's hype is flagged phrase by phrase, but
# there is no publication whose missing disclosure could be judged.
_CHAT_LINE = re.compile(
    r"^[ \t]*\[?\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4},?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]?[AaPp]\.?[Mm]\.?)?\]?[ \t]*(?:-[ \t]*)?([^:\n]{1,40}):[ \t]",
    re.M,
)
# A fund's own factsheet or prospectus names its sponsor on every page (fund objective, expense
# ratio, NAV): its marketing is the issuer's, regulated as such, not a touting piece hiding who paid.
_FUND_TERMS = re.compile(
    r"\b(?:fund objective|investment objective|expense ratio|total expense ratio|ongoing charges?|net asset value|(?-i:NAV)|"
    r"prospectus|key investor information|inception(?: date)?|top holdings|net assets)\b",
    re.I,
)


# a social feed's post header ("@tradergal_7   ·  2h   ·  Bullish"): a stream of many posters is a chat too
_FEED_LINE = re.compile(r"^[ \t]*@([\w.]{2,30})[ \t]+[\u00b7\u2022|][ \t]+\d{1,3}[smhdw]\b", re.M)


# a forum thread's comment header ("[-] kellerbyte 19 hours ago", "u/quietfox · 3h", "bagholder_9  5 points  2 hours ago"):
# a handle and a relative age open the line; a thread of many posters has no publisher either
_THREAD_LINE = re.compile(
    r"^[ \t]*(?:\[[-+]\][ \t]*|[\u25b2\u25b6>*\u2022-][ \t]*)?(?:u/)?([\w.-]{2,30})[ \t]+(?:[\u00b7\u2022|][ \t]*)?"
    r"(?:-?\d[\d,]*[ \t]+points?[ \t]+(?:[\u00b7\u2022|][ \t]*)?)?"
    r"(?:\d{1,3}|an?)[ \t]*(?:s|m|h|d|w|sec(?:ond)?s?|min(?:ute)?s?|hours?|hrs?|days?|weeks?|months?|years?)(?:[ \t]+ago)?[ \t]*(?:[|\u00b7\u2022][^\n]*)?$",
    re.M,
)


def _chat_log(text: str) -> bool:
    for line in (_CHAT_LINE, _FEED_LINE, _THREAD_LINE):
        speakers: dict[str, int] = {}
        for m in line.finditer(text):
            name = m.group(1).strip().casefold()
            speakers[name] = speakers.get(name, 0) + 1
        if sum(speakers.values()) >= 5 and len(speakers) >= 3:
            return True
    return False


def _fund_document(text: str) -> bool:
    terms = {m.group().casefold().replace("total ", "").rstrip("s") for m in _FUND_TERMS.finditer(text)}
    return len(terms) >= 3


# urgency that presses the reader to take the publisher's offer, not to trade a stock
_OFFER_WORDS = re.compile(
    r"\b(?:offer|trial|discount|subscription|membership|seats?|spots?|registration|enrol?lment|coupon|promo code|"
    r"early[- ]bird|introductory|intro (?:price|rate)|sign[- ]?up|webinar)s?\b", re.I)


def _about_the_offer(text: str, flag: Flag) -> bool:
    if flag.technique != "urgency":
        return False
    a = max(text.rfind(c, 0, flag.start) for c in ".!?\n\u2014;") + 1
    ends = [i for i in (text.find(c, flag.end) for c in ".!?\n\u2014;") if i >= 0]
    b = min(ends) if ends else len(text)
    return _OFFER_WORDS.search(text, a, b) is not None


def _pitch(
    text: str, flags: list[Flag], relay: RelayIndex, sentences: SentenceIndex, quotes: Optional[list[tuple[int, int]]] = None
) -> Optional[tuple[int, int]]:
    """The pitch sentence when the piece pitches a stock, else None. A pitch made only inside
    quotation marks (a forwarded newsletter, a quoted post) is quoted, not the piece's own pitch."""
    lex = lexicon()
    low = lowered(text)
    explicit = [
        m.span() for p in lex.pitch for m in p.finditer(text, low)
        if relay.covering(*m.span()) is None and not _inside(quotes or [], *m.span())
    ]
    if explicit:
        first = min(explicit)
        sentence = sentences.sentence_of(first[0])
        if sentence is None or sentence[1] - sentence[0] > MAX_ANCHOR:
            return _trim(text, *first)
        return sentence
    pitch_set = set(lex.document.get("pitch_techniques", []))
    used = {f.technique for f in flags if f.technique in pitch_set}
    if len(used) < int(lex.document.get("pitch_min_techniques", 2)):
        return None
    # a free trial and a sign-up link alone sell the publisher's own product, not a stock; so does
    # urgency about that product ("offer ends Friday", "only 50 seats left")
    about = set(lex.document.get("pitch_about_the_stock", pitch_set))
    if not {f.technique for f in flags if f.technique in about and not _about_the_offer(text, f)} & about:
        return None
    return _best_sentence(sentences, [(f.start, lex.techniques[f.technique].weight) for f in flags if f.technique in pitch_set])


def _mentions_risk(text: str) -> bool:
    """Risk language ('risk', 'volatile', 'could lose'), or at least ``negative_min`` negative facts
    (a decline, job cuts): one passing dip before "but experts say ..." is not balance."""
    lex = lexicon()
    low = lowered(text)
    negated = [m.span() for p in lex.negated_risk for m in p.finditer(text, low)]
    for pattern in lex.risk:
        for m in pattern.finditer(text, low):
            if not any(a <= m.start() < b for a, b in negated):
                return True
    negatives = sum(1 for p in lex.negative for _ in p.finditer(text, low))
    return negatives >= int(lex.document.get("negative_min", 2))


# Broker research carries the disclosures its regulator requires (FINRA 2241, Regulation AC): a note
# that says "our top pick" with an analyst certification is disclosed research, not a hidden promotion.
_RESEARCH_DISCLOSURE = re.compile(
    r"\b(?:analyst certification|regulation ac|important (?:research )?disclosures|disclosure appendix|"
    r"rating (?:system )?definitions|valuation methodology and risks|price target methodology)\b",
    re.I,
)


def document_flags(text: str, flags: list[Flag], spans: Optional[list[ReportedSpan]] = None,
                   _relay: Optional[RelayIndex] = None) -> list[Flag]:
    """Missing disclosure and unbalanced presentation: judged on the whole piece.

    ``flags`` are the phrase-level flags already found (by either engine); the LLM engine can
    call this with its own flags to get the same document-level judgement.
    """
    lex = lexicon()
    if _chat_log(text) or _fund_document(text):
        return []
    relay = _relay if _relay is not None else _relay_index(reported_speech_spans(text) if spans is None else spans, text)
    sentences = sentence_index(text)
    quotes = quote_spans(text)
    pitch = _pitch(text, [f for f in flags if not _inside(quotes, f.start, f.end)], relay, sentences, quotes)
    if pitch is None:
        return []
    out: list[Flag] = []
    if not any(f.technique == "advertisement" for f in flags) and not _RESEARCH_DISCLOSURE.search(text):
        out.append(
            _make_flag(
                text, *pitch, lex.techniques["advertisement"],
                explanation=lex.document.get("missing_disclosure_explanation"),
                severity=lex.document.get("missing_disclosure_severity", "high"),
            )
        )
    low = lowered(text)
    upside = [(m.start(), 1.0) for p in lex.upside for m in p.finditer(text, low)]
    upside += [(f.start, 1.0) for f in flags if f.technique in ("promissory", "exaggeration")]
    if upside and not _mentions_risk(text):
        best = _best_sentence(sentences, upside)
        if best is not None:
            out.append(_make_flag(text, *best, lex.techniques["unbalanced"]))
    return out


def detect_flags(text: str, *, include_reported: bool = False) -> list[Flag]:
    """Every promotional device in reading order, overlaps merged, document-level flags included.

    ``include_reported=True`` also returns devices inside relayed third-party speech, marked as
    relayed and with severity low (they never count toward the document-level judgements).
    """
    spans = reported_speech_spans(text)
    relay = _relay_index(spans, text)  # built once for the three passes below (it depends on spans and text only)
    own = phrase_flags(text, spans=spans, _relay=relay)
    flags = own + document_flags(text, own, spans, _relay=relay)
    if include_reported:
        relayed = [f for f in phrase_flags(text, include_reported=True, spans=spans, _relay=relay) if f.explanation.startswith("Relayed from")]
        flags += relayed
    return first_of_each_wording(merge_flags(flags, text))


# --------------------------------------------------------------------------- merging


def _complete(flag: Flag) -> Flag:
    """Fill an explanation or rule the extractor left empty from the taxonomy."""
    technique = TECHNIQUES.get(flag.technique)
    if technique is None:
        return flag
    update: dict[str, Any] = {}
    if not flag.explanation:
        update["explanation"] = technique.explanation
    if flag.rule is None and technique.rule:
        update["rule"] = technique.rule
    return flag.model_copy(update=update) if update else flag


HEADLINE_MAX = 160  # a line this short is a headline or a one-line post: one device per technique


def _one_short_line(text: str, start: int, end: int) -> bool:
    """Whether [start, end) lies on one headline: a line of at most HEADLINE_MAX characters without a
    closing full stop ("URGENT: ... Act now before Wall Street catches on!" is one urgency device)."""
    if end - start > HEADLINE_MAX or "\n" in text[start:end]:
        return False
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    b = len(text) if b < 0 else b
    line = text[a:b].strip()
    return len(line) <= HEADLINE_MAX and not line.endswith(".")  # a body paragraph closes with a full stop


def _one_paragraph(text: str, end: int, start: int) -> bool:
    """Whether a flag ending at ``end`` and one starting at ``start`` share a paragraph line (a disclaimer block)."""
    return 0 <= start - end <= 400 and "\n" not in text[end:start]


def merge_flags(flags: list[Flag], text: Optional[str] = None) -> list[Flag]:
    """Reading order; flags of one technique that overlap become one flag spanning both.

    With ``text``, flags of one technique separated only by spaces on the same line are merged too
    ("Should investors sell immediately? Or is it worth buying?" is one device), and so are flags of
    one technique on one short line (a headline or one-line post, see ``HEADLINE_MAX``) and
    advertisement disclosures of one paragraph; every
    merged quote is re-sliced from the text, so ``text[start:end] == quote`` always holds.
    """
    ordered = sorted((_complete(f) for f in flags), key=lambda f: (f.start, -(f.end - f.start), f.technique))
    merged: list[Flag] = []
    last: dict[str, int] = {}  # technique -> index of its latest merged flag (the only one that can still touch)
    for flag in ordered:
        twin_index = None
        i = last.get(flag.technique)
        if i is not None:
            m = merged[i]
            if flag.start <= m.end:
                twin_index = i
            elif text is not None and flag.start - m.end <= 20 and text[m.end : flag.start].strip(" \t") == "" and "\n" not in text[m.end : flag.start]:
                twin_index = i
            elif text is not None and _one_short_line(text, m.start, flag.end):
                twin_index = i
            elif text is not None and flag.technique == "advertisement" and _one_paragraph(text, m.end, flag.start):
                twin_index = i  # a disclosure paragraph ("This is a paid advertisement. X received $5,000 ...") discloses once
        if twin_index is None:
            last[flag.technique] = len(merged)
            merged.append(flag)
            continue
        twin = merged[twin_index]
        end = max(twin.end, flag.end)
        if text is not None:
            quote = text[twin.start : end]
        elif flag.end > twin.end:
            quote = twin.quote + flag.quote[twin.end - flag.start :]
        else:
            quote = twin.quote
        severity = twin.severity if SEVERITY_ORDER[twin.severity] >= SEVERITY_ORDER[flag.severity] else flag.severity
        merged[twin_index] = twin.model_copy(update={"end": end, "quote": quote, "severity": severity, "rule": twin.rule or flag.rule})
    return sorted(merged, key=lambda f: (f.start, f.end))


# --------------------------------------------------------------------------- score


def _word_count(text: str) -> int:
    return len(re.findall(r"\w+", text))


def score_breakdown(flags: list[Flag], text: str) -> dict[str, float]:
    """Each technique's contribution S_t to the sum the score is built from."""
    length_factor = max(1.0, _word_count(text) / REFERENCE_WORDS)
    counts: dict[str, int] = {}
    for f in flags:
        counts[f.technique] = counts.get(f.technique, 0) + 1
    out: dict[str, float] = {}
    for name, n in counts.items():
        weight = TECHNIQUES[name].weight if name in TECHNIQUES else 0.2
        out[name] = weight * (1.0 + REPEAT_BONUS * (1.0 - math.exp(-(n - 1) / length_factor)))
    return out


def risk_label(score: float) -> Risk:
    return "high" if score >= HIGH_AT else "medium" if score >= MEDIUM_AT else "low"


def promotional_score(flags: list[Flag], text: str) -> tuple[float, Risk]:
    """Score in [0, 1] and its risk label.

    S_t = w_t * (1 + R * (1 - exp(-(n_t - 1) / L)))   for each technique t with n_t >= 1 flags
    S   = sum of S_t;  score = 1 - exp(-S)
    w_t: the technique's weight; R = 1 (repeats at most double a technique); L = max(1, words / 400)
    (length normalisation: in a long text repeats count less; a first occurrence always counts
    fully). Risk: low < 0.25 <= medium < 0.6 <= high. Adding a flag never lowers the score.
    """
    total = sum(score_breakdown(flags, text).values())
    score = min(1.0, max(0.0, round(1.0 - math.exp(-total), 4)))
    return score, risk_label(score)


def drop_relayed(flags: list[Flag], text: str) -> list[Flag]:
    """The flags that are the article's own words: those inside speech relayed from an identified
    third party are dropped. For engines (the LLM) whose flags did not pass ``detect_flags``."""
    relay = _relay_index(reported_speech_spans(text), text)
    return [f for f in flags if f.technique in ("advertisement", "unbalanced") or relay.covering(f.start, f.end) is None]


def _main() -> None:
    """``python -m verifier.promo --write-triggers``: rewrite verifier/data/promo_triggers.json."""
    import argparse
    from pathlib import Path

    parser = argparse.ArgumentParser(description="Promotional lexicon tools.")
    parser.add_argument("--write-triggers", action="store_true", help=f"rewrite verifier/data/{TRIGGERS_FILE}")
    args = parser.parse_args()
    if not args.write_triggers:
        parser.print_help()
        return
    source = Path(__file__).with_name("data")
    raw = json.loads((source / "promo_lexicon.json").read_text(encoding="utf-8"))
    table = triggers_table(lexicon_patterns(raw))
    out = {
        "about": "Literal triggers of each promo_lexicon.json pattern, written by "
        "`python -m verifier.promo --write-triggers`; a pattern missing here is parsed at start-up.",
        "triggers": table,
    }
    (source / TRIGGERS_FILE).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {source / TRIGGERS_FILE} ({len(table)} patterns)")


if __name__ == "__main__":
    _main()
