"""Literal gates for the rule path's patterns (the claim-kind readers, attribution's cues; issue 13): a pattern and the literals one of which
every match of it holds, declared together.

    _EVENTS = [("dividend", gated(("dividend", "payout"), re.compile(r"\\b(?:dividend|payout)\\b", re.I))), ...]

``gated(literals, pattern)`` behaves as ``pattern`` for ``search`` and ``finditer`` (with ``pos``/``endpos``),
but first looks for one of the literals in the lower case of the window the pattern would read, and
answers "no match" without running the pattern when none is there. That is the same answer only when
every match of the pattern holds one of the literals in the text it consumes (a lookbehind may read
before ``pos``, so a literal there does not count), lower-cased; the literals are lower case. Under
``re.I`` a few characters match an ASCII letter without lower-casing to it ('ı' for i, 'ſ' for s, the
Kelvin sign for k, the angstrom sign for å) and 'İ' lower-cases to two characters: a window holding one
of them is always read by the pattern. The same idea as ``dates._PATTERN_GATES``.

``tests/test_gates.py`` reads the whole fixture corpus with the gates on and off (``ENABLED``, or
``VERIFIER_READER_GATES=0`` in the environment) and compares the claims, and checks that every match of a
gated pattern on the corpus holds one of its literals: a pattern widened later without its literals
shows there.
"""

from __future__ import annotations

import os
import sys
from typing import Iterator, Optional

from verifier import recache as re

ENABLED = os.environ.get("VERIFIER_READER_GATES", "1") != "0"

# characters matching a letter under re.I that lower() does not map to it (see tests/test_gates.py)
FOLD_SPECIAL = frozenset("\u0130\u0131\u017f\u212a\u212b")

GATED: list["Gated"] = []  # every gated pattern, for the tests

_last: list = [None, -1, -1, None]  # the last window read (text, start, end, its lower case or None): one per sentence


def _lower_window(text: str, start: int, end: int) -> Optional[str]:
    """text[start:end] as ``finditer(text, start, end)`` clips it, lower-cased; None when no gate may be trusted."""
    last = _last
    if last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    window = text[max(start, 0) : max(end, 0)]
    low = window.lower() if window.isascii() or FOLD_SPECIAL.isdisjoint(window) else None
    last[0], last[1], last[2], last[3] = text, start, end, low
    return low


class Gated:
    """A compiled pattern behind its literal gate; ``.pattern`` is the pattern itself."""

    __slots__ = ("pattern", "literals", "_any")

    def __init__(self, literals: tuple[str, ...], pattern: "re.Pattern[str]") -> None:
        if not literals or any(x != x.lower() or not x for x in literals):
            raise ValueError(f"gate literals must be non-empty lower-case strings: {literals!r}")
        self.pattern = pattern
        self.literals = tuple(literals)
        self._any = re.compile("|".join(re.escape(x) for x in self.literals))

    def could_match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> bool:
        if not ENABLED:
            return True
        low = _lower_window(text, pos, endpos)
        return low is None or self._any.search(low) is not None

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> "Optional[re.Match[str]]":
        return self.pattern.search(text, pos, endpos) if self.could_match(text, pos, endpos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> "Iterator[re.Match[str]]":
        return self.pattern.finditer(text, pos, endpos) if self.could_match(text, pos, endpos) else iter(())


def gated(literals: tuple[str, ...], pattern: "re.Pattern[str]") -> Gated:
    """``pattern``, read only where one of ``literals`` occurs (see the module's docstring)."""
    gate = Gated(literals, pattern)
    GATED.append(gate)
    return gate
