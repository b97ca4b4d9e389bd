"""The literal and digit pre-checks of ``find_dates`` skip no match (issue 13)."""

from __future__ import annotations

import datetime as dt
import random
import re
import sys
from pathlib import Path

import verifier.dates as D

ROOT = Path(__file__).resolve().parent.parent
GATE_CHARS = sorted({c for literals in [p.literals for p in D._DATE_PATTERNS] + [D._NEXT_DAY_LITERALS] for x in literals or () for c in x})


def test_case_folding_table():
    """Every character matching a gate letter under re.I lower-cases to that letter, or is in _FOLD_SPECIAL."""
    every = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF)
    candidates = set(re.findall("[" + re.escape("".join(GATE_CHARS)) + "]", every, re.I))
    assert candidates >= set(GATE_CHARS)
    for ch in candidates:
        for c in GATE_CHARS:
            if re.fullmatch(re.escape(c), ch, re.I):
                assert ch.lower() == c or ch in D._FOLD_SPECIAL, (hex(ord(ch)), c)
    assert all(c == c.lower() for c in GATE_CHARS)


def _texts() -> list[str]:
    folders = [ROOT / "fixtures" / "corpus", ROOT / "fixtures" / "articles"]
    texts = [p.read_text(encoding="utf-8") for f in folders for p in sorted(f.rglob("*.txt"))]
    texts += ["On 03/02/2026 and 2026-02-03, Feb. 5th 2026, the 5th of March, 5 giugno, 22 de junio, mercoledì, "
              "am Freitag, next Thursday's, Thu, yesterday, this evening, over the past 3 weeks, last week, "
              "this month, YTD, year-to-date, this year, since mid-October 2025, in late May 2024, in 2023. "
              "The next trading day, a session later. THE FOLLOWING SESSION. Mıke, İlse and Jeſs met in 2024 on Friday."]
    return texts


def test_every_match_holds_its_gate():
    for text in _texts():
        for kind, pattern, digit, literals in D._DATE_PATTERNS:
            for m in pattern.finditer(text):
                if digit:
                    assert re.search(r"\d", m.group()), (kind, m.group())
                if literals is not None and D._FOLD_SPECIAL.isdisjoint(m.group()):
                    assert any(x in m.group().lower() for x in literals), (kind, m.group())
        for m in D._NEXT_DAY.finditer(text):
            assert any(x in m.group().lower() for x in D._NEXT_DAY_LITERALS)


def test_gated_reading_equals_the_full_reading(monkeypatch):
    """Random windows of every text: the same mentions with the gates as with every pattern run."""
    rng = random.Random(13)
    windows = []
    for text in _texts():
        for _ in range(300):
            a = rng.randrange(len(text))
            windows.append((text, a, min(len(text), a + rng.choice((5, 20, 60, 200, 1000)))))
    day = dt.date(2026, 1, 30)
    gated = [D._find_dates(t, day, a, b, tense) for t, a, b in windows for tense in ("past", "future")]
    monkeypatch.setattr(D, "_DATE_PATTERNS", [p._replace(needs_digit=False, literals=None) for p in D._DATE_PATTERNS])
    # _find_dates reads the gates from _GATED_PATTERNS (built at import) and the one test of all literals, _ANY_GATE
    monkeypatch.setattr(D, "_GATED_PATTERNS", [(p.kind, p.pattern, False, None) for p in D._DATE_PATTERNS])
    monkeypatch.setattr(D, "_ANY_GATE", None)
    monkeypatch.setattr(D, "_NEXT_DAY_LITERALS", ("",))
    full = [D._find_dates(t, day, a, b, tense) for t, a, b in windows for tense in ("past", "future")]
    assert gated == full


def test_every_pattern_declares_its_gate():
    """A pattern and its gate are one declaration: no pattern without a gate, no gate without a pattern."""
    import pytest

    for p in D._DATE_PATTERNS:
        assert isinstance(p, D._DatePattern) and isinstance(p.needs_digit, bool), p
        assert p.literals is None or (isinstance(p.literals, tuple) and all(x == x.lower() for x in p.literals)), p
    with pytest.raises(TypeError):
        D._DatePattern("iso", D._DATE_PATTERNS[0].pattern)  # the gate cannot be left out


def test_a_window_without_any_literal_has_no_mention():
    """The test of all literals at once (_ANY_GATE) skips windows no pattern can read, and only those."""
    assert D._ANY_GATE is not None and D._ANY_GATE.search("shares rose 4% to $12") is None
    assert D.find_dates("Shares rose 4% to $12 on heavy volume.", dt.date(2026, 1, 30)) == []
    assert [d.text for d in D.find_dates("Shares rose 4% on 3/12 and in 2019.", dt.date(2026, 1, 30))] == ["in 2019"]
    assert [d.date for d in D.find_dates("Filed 2026-01-12, shares rose.", dt.date(2026, 1, 30))] == [dt.date(2026, 1, 12)]


def test_found_mentions_are_fresh_copies():
    text = "On January 12, 2026 the shares rose; on January 12, 2026 they fell." * 5
    first = D.find_dates(text, dt.date(2026, 1, 30))
    first[0].date = None
    again = D.find_dates(text, dt.date(2026, 1, 30))
    assert again[0].date == dt.date(2026, 1, 12) and again[0] is not first[0] and again[0] == D.DateMention(**vars(again[0]))
