"""How a found claim (or flag) is paired with a label.

A predicted claim matches a label when the kind is the same, its span overlaps an occurrence of
the label's quote substring (or lies in the same sentence), and the label's key value agrees
(price, percent, firm + target, count, amount, date, value; see ``KEY_FIELDS``). Pairs are
assigned one-to-one, greedily, best first. Rules documented in ``fixtures/corpus/README.md``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from typing import Any, Optional

from ..kinds import KEY_FIELDS
from ..text import split_sentences
from .corpus import ClaimLabel, FlagLabel

REL_TOL = 1e-3  # values are compared as written: 0.1% absorbs rounding ("$57 billion" vs 57.0e9)
PERCENT_ABS_TOL = 0.05  # percentage points

def sentence_spans(text: str) -> list[tuple[int, int]]:
    """The sentences a label and a claim may share: ``text.split_sentences`` as attribution and the
    promotional analysis read them (abbreviations, initials and hard-wrapped lines do not end one)."""
    return [(s.start, s.end) for s in split_sentences(text, join_wrapped=True)]


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    """The sentence holding ``pos``; a position between two sentences belongs to the one before."""
    return max(0, bisect.bisect_right([a for a, _ in spans], pos) - 1)


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every span of ``needle`` in ``text``, ignoring case ("Urgent action needed" is one device wherever it stands)."""
    out, hay, pat = [], text.lower(), needle.lower()
    if len(hay) != len(text):  # lower-casing changed offsets (rare scripts): exact matches only
        hay, pat = text, needle
    start = hay.find(pat)
    while start >= 0 and pat:
        out.append((start, start + len(pat)))
        start = hay.find(pat, start + 1)
    return out


def _close(a: Any, b: Any, rel: float = REL_TOL) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=0.005)
    except (TypeError, ValueError):
        return False


def _norm_words(value: Any) -> str:
    return re.sub(r"[\s_-]+", " ", str(value)).strip().lower()


def value_agrees(kind: str, name: str, expected: Any, predicted: Any) -> bool:
    """Whether a predicted field value equals the labelled one, within the tolerance for its type."""
    if expected is None:
        return True
    if predicted is None:
        return False
    if name == "firm":
        from ..firms import same_firm

        if same_firm(str(expected), str(predicted)):
            return True
        a, b = _norm_words(expected).split(), _norm_words(predicted).split()
        short, long_ = sorted((a, b), key=len)
        return bool(short) and long_[: len(short)] == short  # "Leerink" names "Leerink Swann"
    if name == "percent":
        return abs(float(expected) - float(predicted)) <= PERCENT_ABS_TOL
    if name in ("date", "period_start", "period_end", "window_start", "window_end"):
        return str(expected)[:10] == str(predicted)[:10]
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return _close(expected, predicted)
    if name == "counterparty":
        e, p = _norm_words(expected), _norm_words(predicted)
        return e in p or p in e
    return _norm_words(expected) == _norm_words(predicted)


def _key_agrees(label: ClaimLabel, fields: dict[str, Any]) -> bool:
    for name in KEY_FIELDS[label.kind]:
        if name in label.values and not value_agrees(label.kind, name, label.values[name], fields.get(name)):
            return False
    return True


def _secondary(label: ClaimLabel, fields: dict[str, Any]) -> tuple[int, int]:
    """(agreeing, compared) over the label's values that are not key fields."""
    names = [n for n in label.values if n not in KEY_FIELDS[label.kind]]
    agree = sum(1 for n in names if value_agrees(label.kind, n, label.values[n], fields.get(n)))
    return agree, len(names)


@dataclass
class Prediction:
    kind: str
    start: int
    end: int
    quote: str
    fields: dict[str, Any]
    verdict: Optional[str] = None
    reason: str = ""


def _location(label_spans: list[tuple[int, int]], pred: Prediction, sentences: list[tuple[int, int]]) -> int:
    """2 when the prediction overlaps the label's quote, 1 when in the same sentence, 0 otherwise."""
    if any(pred.start < b and a < pred.end for a, b in label_spans):
        return 2
    pred_sentences = {_sentence_of(sentences, pred.start), _sentence_of(sentences, max(pred.start, pred.end - 1))}
    for a, b in label_spans:
        if {_sentence_of(sentences, a), _sentence_of(sentences, max(a, b - 1))} & pred_sentences:
            return 1
    return 0


def match_claims(text: str, labels: list[ClaimLabel], preds: list[Prediction]) -> list[tuple[int, int]]:
    """One-to-one (label index, prediction index) pairs: same kind, place and key values; best first."""
    sentences = sentence_spans(text)
    candidates = []
    for li, label in enumerate(labels):
        spans = occurrences(text, label.quote_contains)
        for pi, pred in enumerate(preds):
            if pred.kind != label.kind or not _key_agrees(label, pred.fields):
                continue
            place = _location(spans, pred, sentences)
            if not place:
                continue
            agree, _ = _secondary(label, pred.fields)
            candidates.append((place, agree, -abs(pred.start - (spans[0][0] if spans else 0)), li, pi))
    candidates.sort(reverse=True)
    used_l, used_p, pairs = set(), set(), []
    for *_, li, pi in candidates:
        if li in used_l or pi in used_p:
            continue
        used_l.add(li)
        used_p.add(pi)
        pairs.append((li, pi))
    return pairs


def match_flags(text: str, labels: list[FlagLabel], preds: list[Prediction]) -> list[tuple[int, int]]:
    sentences = sentence_spans(text)
    candidates = []
    for li, label in enumerate(labels):
        spans = occurrences(text, label.quote_contains)
        for pi, pred in enumerate(preds):
            if pred.kind != label.technique:
                continue
            place = _location(spans, pred, sentences)
            if place:
                candidates.append((place, li, pi))
    candidates.sort(reverse=True)
    used_l, used_p, pairs = set(), set(), []
    for _, li, pi in candidates:
        if li not in used_l and pi not in used_p:
            used_l.add(li)
            used_p.add(pi)
            pairs.append((li, pi))
    return pairs
