"""Text units shared by the engines: abbreviation-safe sentences, clauses, and trimmed spans.

Every unit is a ``Span`` of offsets into the caller's text, never a copy, so a claim's quote can
always be cut back out of the document (``text[span.start:span.end]``).

    >>> text = "Apple Inc. rose 2% on Feb. 3. Shares closed at $250."
    >>> [text[s.start:s.end] for s in split_sentences(text)]
    ['Apple Inc. rose 2% on Feb. 3.', 'Shares closed at $250.']
"""

from __future__ import annotations

from verifier import recache as re
from dataclasses import dataclass
from typing import Callable, Iterable, Optional, TypeVar

T = TypeVar("T")

ABBREVIATIONS = frozenset({
    "inc", "corp", "co", "cos", "ltd", "llc", "plc", "jr", "sr", "st", "mr", "mrs", "ms", "dr", "vs",
    "etc", "no", "nos", "approx", "est", "u.s", "u.k", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thurs",
    "fri", "dept", "bros", "n.v", "s.a", "a.m", "p.m", "ave", "fig", "inst", "govt", "yr", "yrs", "mln",
    "bln", "tgt", "adj", "incl", "excl", "yoy", "qtr", "div", "c", "ca", "approx", "abt", "avg", "mkt", "chg", "pct", "q", "ag", "se", "nr", "bzw",
})
# after a company suffix ("... bought Foo Inc. The deal ...") these words start a new sentence
_SENTENCE_STARTERS = frozenset({
    "The", "It", "Its", "Shares", "This", "That", "These", "They", "He", "She", "We", "In", "On", "At",
    "A", "An", "But", "And", "Analysts", "Investors", "Meanwhile", "However", "Separately", "Earlier",
})
_CORPORATE_SUFFIXES = frozenset({"inc", "corp", "co", "ltd", "llc", "plc", "ag", "se"})
# a footnote or citation mark after the period ("... $2.85 a share.[46] Revenue ...", "... week.(1) The ...") still ends it
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*(?:\[\d{1,3}\]|\(\d{1,2}\))*(?=\s)|\n")
# spoken fillers set off by commas ("it had dropped, like, five percent", "closed at, what, 244") are not clauses
_FILLER = r"(?:like|what|um+|uh+|er|erm|you know|I mean)"
CLAUSE_BREAK = re.compile(
    rf"(?:,(?!\s*{_FILLER},)(?<!, like,)(?<!, what,)(?<!, um,)(?<!, uh,)(?<!, er,)(?<!, erm,)(?<!, you know,)(?<!, I mean,)"
    r"(?!\s*(?:19|20)\d{2}\b)(?!\s*(?:Inc|Corp|Ltd|LLC|L\.P|N\.V|plc|Co)\b)"
    # ", in 2022 and 2023," is an aside that dates the clause around it: neither comma cuts
    r"(?!\s*(?:in|during|between)\s+(?:19|20)\d{2}(?:\s+and\s+(?:19|20)\d{2})?,)"
    r"(?<!, in \d{4},)(?<!, during \d{4},)(?<!\d{4} and \d{4},)"
    r"(?!\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)|;|:(?!\s*[$€£\d]))\s+|\s+[-\u2013\u2014]\s+"
)


_MISSING = object()


def per_document(fn: Callable[[str], T]) -> Callable[[str], T]:
    """Cache a whole-document reading (its number or date convention) for the few long texts in use.

    The readers call it for every span of the same article; a short string (a label, a cell) is
    read directly, so thousands of them never evict the article.
    """
    cache: dict[str, T] = {}

    def wrapped(text: str) -> T:
        if len(text) < 256:
            return fn(text)
        hit = cache.get(text, _MISSING)  # the article object itself: an identity hit, no character comparison
        if hit is not _MISSING:
            return hit  # type: ignore[return-value]
        value = fn(text)
        if len(cache) >= 8:
            cache.clear()  # a handful of articles at a time (threads of a batch): start over, never fail
        cache[text] = value
        return value

    wrapped.__doc__, wrapped.__name__ = fn.__doc__, fn.__name__
    return wrapped


@dataclass(frozen=True)
class Span:
    """A half-open character range [start, end) of a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def contains(self, start: int, end: int) -> bool:
        return self.start <= start and end <= self.end


# Text struck out of a draft is no part of what the piece says: a redline's "[deleted: 41%]", wdiff's "[-41%-]",
# CriticMarkup's "{--41%--}", Markdown's "~~41%~~", HTML's "<del>41%</del>". One pattern for every reader: the
# structure layer blanks these spans, the promotional-language reader finds no device in them.
_DELETED = re.compile(
    r"\[(?:deleted|deletion|removed|struck|strike|strikethrough|del)\s*:[^\[\]]{0,2000}\]|\[-[^\[\]\n]{1,300}?-\]|"
    r"\{--[^{}]{1,2000}?--\}|(?<!~)~~(?!~)[^~\n]{1,300}?~~(?!~)|<(?P<tag>del|s|strike)>[\s\S]{0,2000}?</(?P=tag)>", re.I)


def deleted_spans(text: str) -> list[tuple[int, int]]:
    """Spans of text marked as deleted by a redline or strike-through markup (``_DELETED``)."""
    if "[" not in text and "<" not in text and "~~" not in text and "{--" not in text:
        return []
    return [m.span() for m in _DELETED.finditer(text)]


def trim(text: str, start: int, end: int, punct: str = "") -> tuple[int, int]:
    """[start, end) without surrounding white space (and without the characters in ``punct``)."""
    while start < end and (text[start].isspace() or text[start] in punct):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in punct):
        end -= 1
    return start, end


_LAST_WORD = re.compile(r"(\S+)$")
_NEXT_WORD = re.compile(r"\s*(\S+)")
_LETTER = re.compile(r"[a-z]")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")


def _is_abbreviation(text: str, start: int, dot: int, end: int) -> bool:
    """Whether the '.' at ``dot`` closes an abbreviation ('Feb.', 'U.S.', 'Inc.') rather than a sentence."""
    if start >= 0 and end >= 0:  # the patterns read text[a:b] in place (pos/endpos), not a copy of it
        word = _LAST_WORD.search(text, max(start, dot - 12), dot)
        nxt = _NEXT_WORD.match(text, end, end + 30)
    else:  # a slice counts a negative bound from the end
        word = _LAST_WORD.search(text[max(start, dot - 12) : dot])
        nxt = _NEXT_WORD.match(text[end : end + 30])
    token = word.group(1).lower().strip("(\"'") if word else ""
    next_word = nxt.group(1) if nxt else ""
    if token in _CORPORATE_SUFFIXES and next_word in _SENTENCE_STARTERS:
        return False
    if token in ABBREVIATIONS or _LETTER.fullmatch(token) or _INITIALS.fullmatch(token):
        return True
    return bool(next_word) and (next_word[0].islower() or next_word[0].isdigit())


def _is_wrapped(text: str, start: int, newline: int, end: int) -> bool:
    """Whether the line break at ``newline`` hard-wraps a sentence: a lower-case letter or a comma
    before it and a lower-case letter after it, on the same paragraph (a blank line never wraps)."""
    before, after = newline, newline + 1
    while before > start and text[before - 1] in " \t":
        before -= 1
    while after < end and text[after] in " \t":
        after += 1
    if before == start or after >= end:
        return False
    prev, nxt = text[before - 1], text[after]
    return (prev.islower() or prev == ",") and nxt.islower()


def split_sentences(
    text: str, start: int = 0, end: Optional[int] = None, cuts: Iterable[int] = (), join_wrapped: bool = False
) -> list[Span]:
    """Sentence spans (trimmed) in text[start:end]; a line break ends one.

    A period after an abbreviation, an initial, or before a lower-case word or a digit does not end
    a sentence ("Feb. 3", "U.S. shares", "c. 25k"). ``cuts`` are extra boundaries (a dateline's end).
    ``join_wrapped`` keeps a hard-wrapped sentence whole ("in a slight\ndecline"): for readers of
    running prose (attribution, promotion, evaluation); the rule engine reads every line on its own.
    """
    end = len(text) if end is None else end
    bounds: list[int] = [start]
    for m in _SENTENCE_END.finditer(text, start, end):
        token = m.group(0)
        if token == "\n":
            if join_wrapped and _is_wrapped(text, start, m.start(), end):
                continue
        elif token.startswith(".") and _is_abbreviation(text, start, m.start(), m.end()):
            continue
        bounds.append(m.end())
    bounds.extend(c for c in cuts if start < c < end)
    bounds.append(end)
    ordered = sorted(set(bounds))
    spans: list[Span] = []
    for a, b in zip(ordered, ordered[1:]):
        s, e = trim(text, a, b)
        if e > s:
            spans.append(Span(s, e))
    return spans


# a speaker's name opening a transcript turn: "TOM: ...", "Operator: ...", "Jane Doe, CFO: ..."
_SPEAKER = re.compile(
    r"^[ \t]*(?:(?:[A-Z][A-Z.'\-]+)(?:[ \t][A-Z][A-Z.'\-]+){0,2}|Operator|Moderator|Host|"
    r"[A-Z][a-z]+(?:[ \t](?:[A-Z]\.|[A-Z][a-z'\-]+)){1,2},[ \t](?:[A-Z][\w&.'\-]*[ \t]?){1,5})[ \t]*:[ \t]+(?=[A-Z\"\u201c(])",
    re.M,
)


def speaker_cuts(text: str) -> list[int]:
    """Where each transcript turn's words begin, after its speaker label ("PRIYA: ", "Jane Doe, CFO: ").

    The label is not part of the first sentence of the turn: "TOM: Friday it closed at ..." opens with
    a date, and a reader of that sentence needs to see that. A label followed by a figure ("EPS: $1.95")
    is a label:value line, not a speaker; and only a text that takes turns is a transcript.
    """
    found = [(m.group(0).split(":")[0].strip(), m.end()) for m in _SPEAKER.finditer(text)]
    turns: dict[str, int] = {}
    for name, _ in found:
        turns[name] = turns.get(name, 0) + 1
    # a transcript takes turns: two speakers or more, each heard at least twice ("AWS: ..." once is a label)
    speakers = {name for name, n in turns.items() if n >= 2}
    if len(speakers) < 2:
        return []
    return [cut for _, cut in found]


def pieces(text: str, span: Span, pattern: re.Pattern[str] = CLAUSE_BREAK) -> list[Span]:
    """``span`` cut at every match of ``pattern`` (the separators dropped, each piece trimmed)."""
    out: list[Span] = []
    pos = span.start
    for m in pattern.finditer(text, span.start, span.end):
        out.append(Span(*trim(text, pos, m.start())))
        pos = m.end()
    out.append(Span(*trim(text, pos, span.end)))
    return [p for p in out if p.end > p.start]


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """The clauses of a sentence: cut at commas (not in dates or 'Apple, Inc.'), semicolons, dashes."""
    return pieces(text, sentence, CLAUSE_BREAK)


def enclosing(units: list[Span], start: int, end: int) -> Span:
    """The smallest run of consecutive units covering [start, end)."""
    first = next((i for i, p in enumerate(units) if p.end > start), 0)
    last = next((i for i, p in enumerate(units) if p.end >= end), len(units) - 1)
    last = max(first, last)
    return Span(units[first].start, units[last].end)
