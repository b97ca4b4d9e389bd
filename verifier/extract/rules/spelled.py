"""Numbers spelled out, as transcripts write them ("fourteen thousand", "thirty-eight billion dollars"),
and the adjective amount "a 14.3 billion dollar investment", for the deal and workforce readers.

Kept beside ``numbers.py`` rather than in it: the reader needs only scaled figures, and a number finder
of the whole package that reads them too makes these a no-op (a span already taken is not read twice).
"""

from __future__ import annotations

from verifier import recache as re
from decimal import Decimal
from typing import Optional

from ..numbers import _NUM, Count, Money, _scaled, has_number_word

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_WORD_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_SMALL = rf"(?:(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(w for w in _UNITS if w != 'zero')}))?|{'|'.join(sorted(_UNITS, key=len, reverse=True))})"
_WORD_NUMBER = re.compile(
    rf"\b(?P<num>(?:(?:a|{_SMALL})\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL}))(?:\s+point\s+(?P<frac>(?:{'|'.join(_UNITS)})(?:\s+(?:{'|'.join(_UNITS)}))*))?"
    rf"[\s-]+(?P<scale>thousand|million|billion|trillion)\b",
    re.I,
)


def _small_value(words: str) -> float:
    total = 0.0
    for part in re.split(r"[\s-]+", words.lower()):
        if part in ("and", ""):
            continue
        if part == "a":  # "a hundred and thirty seven thousand"
            total += 1
        elif part == "hundred":
            total *= 100
        elif part in _TENS:
            total += _TENS[part]
        elif part in _UNITS:
            total += _UNITS[part]
    return total


def find_word_numbers(text: str, start: int = 0, end: Optional[int] = None) -> list[Count]:
    """Scaled numbers spelled out, as transcripts write them: 'fourteen thousand' -> 14000,
    'thirty-eight billion' -> 38e9, 'one point five million' -> 1.5e6. Only with a scale word: a bare
    'fourteen' is too often no figure at all ("fourteen of the analysts")."""
    end = len(text) if end is None else end
    if not has_number_word(text, start, end):
        return []  # the shared scan: no number word in the window (numbers._NUMBER_WORD)
    out: list[Count] = []
    for m in _WORD_NUMBER.finditer(text, start, end):
        value = _small_value(m["num"])
        if m["frac"]:
            digits = "".join(str(_UNITS[w]) for w in m["frac"].lower().split())
            value += float("0." + digits)
        out.append(Count(float(Decimal(str(value)) * Decimal(str(_WORD_SCALES[m["scale"].lower()]))), m.start(), m.end()))
    return out


_ADJECTIVE_MONEY = re.compile(rf"(?<![\w$€£.,])(?P<num>{_NUM})\s?(?P<scale>[Tt]rillion|[Bb]illion|[Mm]illion)[- ]dollar(?![\w-]*s\b)(?=[- ]\w)")


def find_adjective_money(text: str, start: int = 0, end: Optional[int] = None) -> list[Money]:
    """'a 14.3 billion dollar investment': the singular after a scale word (never 'the 5 dollar bill')."""
    end = len(text) if end is None else end
    return [Money(_scaled(m["num"], m["scale"]), "USD", m.start(), m.end(), True) for m in _ADJECTIVE_MONEY.finditer(text, start, end)]
