"""Who stands behind a claim: stated, reported, rumored, forecast or opinion.

Read from the hedged wording around the claim in its sentence ("market reports suggest",
"according to Reuters", "people familiar with", "expects"). The named source is returned too.
"""

from __future__ import annotations

import re
from typing import Optional

from .schemas import Attribution

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'\u201c])|\n\s*\n")

_SOURCE = r"(?P<src>(?:[A-Z][\w&.'-]*)(?:\s+(?:[A-Z][\w&.'-]*|and|of|the|&))*)"

PATTERNS: list[tuple[Attribution, re.Pattern[str]]] = [
    ("rumored", re.compile(r"\b(rumou?rs?|rumou?red|speculation|speculat\w+|people familiar with|sources? (?:close to|familiar)|unconfirmed|whispers?)\b", re.I)),
    ("reported", re.compile(rf"\baccording to (?:a |an |the )?(?:report(?:s)? (?:by|from|in) )?{_SOURCE}", re.I)),
    ("reported", re.compile(rf"\b{_SOURCE} (?:reported|reports|said|says|wrote|cited)\b")),
    ("reported", re.compile(r"\b(market reports?|media reports?|press reports?|reports? suggest\w*|reportedly|is said to|are said to|was reported|were reported|in talks|in discussions|in negotiations)\b", re.I)),
    ("forecast", re.compile(r"\b(expects?|expected|forecasts?|projects?|projected|estimates?|anticipates?|could reach|may reach|will likely|is likely to|outlook|guidance)\b", re.I)),
    ("opinion", re.compile(r"\b(we believe|we think|in our view|in my view|I believe|I think|seems|appears to be|arguably)\b", re.I)),
]


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or line block) that holds [start, end)."""
    left = max(text.rfind(". ", 0, start), text.rfind("? ", 0, start), text.rfind("! ", 0, start), text.rfind("\n", 0, start))
    left = 0 if left < 0 else left + 1
    right_candidates = [i for i in (text.find(". ", end), text.find("? ", end), text.find("! ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return left, right


def classify_attribution(text: str, start: int, end: int) -> tuple[Attribution, Optional[str]]:
    """Attribution of the claim at [start, end) and the named source, if any."""
    left, right = sentence_bounds(text, start, end)
    sentence = text[left:right]
    for attribution, pattern in PATTERNS:
        m = pattern.search(sentence)
        if m:
            src = m.groupdict().get("src")
            return attribution, (src.strip() if src else None)
    return "stated", None
