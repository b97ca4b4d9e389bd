"""Numbers as articles write them: money, percentages and counts, with their exact spans.

Every figure the rule engine puts into a claim comes from here, so "$50 billion", "$50bn",
"$2.5B", "€210.50", "16k" and "30,000" all become plain numbers in units, and the span tells the
engine which characters the number occupies (a claim's quote must contain them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

SCALES: dict[str, float] = {
    "trillion": 1e12, "tn": 1e12, "tln": 1e12, "t": 1e12,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "mm": 1e6, "mio": 1e6, "m": 1e6,
    "thousand": 1e3, "k": 1e3,
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "us$": "USD", "$": "USD", "us dollars": "USD", "us-dollars": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD",
    "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR",
    "£": "GBP", "gbp": "GBP", "pounds": "GBP",
    "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD",
    "¥": "JPY", "jpy": "JPY", "yen": "JPY", "chf": "CHF",
}

# A number: 1,234,567.89 | 1.234.567,89 is not supported (English prose) | 1234.5 | .5
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# A scale word must end the token: "$2.5B" and "$50bn" but not "$5 Before" or "$3 bonus".
_SCALE = r"(?:[Tt]rillion|[Bb]illion|[Mm]illion|[Tt]housand|TRILLION|BILLION|MILLION|tln|bln|mln|mio|tn|bn|mn|mm|[tTbBmMkK])(?![A-Za-z])"

_MONEY_PREFIX = re.compile(
    rf"(?P<cur>US\$|C\$|A\$|\$|€|£|¥|\b(?:USD|EUR|GBP|CAD|AUD|JPY|CHF)\s?)\s?(?P<num>{_NUM})"
    rf"(?:\s?(?P<scale>{_SCALE}))?",
)
_MONEY_SUFFIX = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_NUM})(?:\s?(?P<scale>{_SCALE}))?\s?"
    r"(?P<cur>€|\b(?:euros?|(?:US[- ])?dollars|USD|EUR|GBP|CHF)\b)",
    re.I,
)
_PERCENT = re.compile(
    rf"(?P<sign>[+\-\u2212])?(?P<num>{_NUM}|\d+,\d{{1,2}}(?=\s?(?:%|Prozent)))\s?(?P<unit>%|percent\b|per cent\b|pct\b|Prozent\b|"
    r"percentage points?\b|pp\b)",
    re.I,
)
_COUNT = re.compile(
    rf"(?<![\w$€£.,/:-])(?P<num>{_NUM})(?:\s?(?P<scale>thousand|million|k|K|mn|m)(?![A-Za-z]))?(?![\d%])",
)


@dataclass(frozen=True)
class Money:
    value: float  # in units: "$50 billion" -> 50000000000.0
    currency: str
    start: int
    end: int
    scaled: bool  # True when a scale word (billion, bn, B, k) was written

    @property
    def number(self) -> float:
        return self.value


@dataclass(frozen=True)
class Percent:
    value: float  # signed when a sign is written: "-0.7%" -> -0.7
    signed: bool
    start: int
    end: int
    points: bool = False  # "percentage points"


@dataclass(frozen=True)
class Count:
    value: float
    start: int
    end: int


def parse_number(text: str) -> float:
    """'30,000' -> 30000.0, '241.73' -> 241.73. Raises ValueError for anything else."""
    cleaned = text.strip().replace(",", "")
    if not re.fullmatch(r"\d+(?:\.\d+)?|\.\d+", cleaned):
        raise ValueError(f"not a number: {text!r}")
    return float(cleaned)


def scale_factor(word: Optional[str]) -> float:
    if not word:
        return 1.0
    key = word.lower()
    if key not in SCALES:
        raise ValueError(f"unknown scale {word!r}")
    return SCALES[key]


def _scaled(number: str, scale: Optional[str]) -> float:
    """Exact decimal product, so '$68.1 billion' is 68100000000.0 and not 68099999999.99999."""
    return float(Decimal(number.replace(",", "")) * Decimal(str(scale_factor(scale))))


def parse_amount(text: str) -> float:
    """'50 billion' / '50bn' / '2.5B' / '16k' / '30,000' -> number in units."""
    m = re.fullmatch(rf"\s*(?P<num>{_NUM})\s?(?P<scale>{_SCALE})?\s*", text)
    if not m:
        raise ValueError(f"not an amount: {text!r}")
    return _scaled(m["num"], m["scale"])


_MONEY_EURO_COMMA = re.compile(r"(?<![\w$€£.,])(?P<num>\d{1,4},\d{2})\s?(?P<cur>€|\b(?:Euro|euros?|EUR)\b)", re.I)  # "88,20 Euro"


def _currency(symbol: str) -> str:
    return CURRENCY_SYMBOLS.get(symbol.strip().lower(), "USD")


def find_money(text: str, start: int = 0, end: Optional[int] = None) -> list[Money]:
    """Every amount of money in text[start:end], in reading order, offsets into ``text``."""
    end = len(text) if end is None else end
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_MONEY_PREFIX, _MONEY_SUFFIX):
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            scale = m["scale"]
            # a lone "m"/"b"/"t" after a space is a word ("$5 m" is rare; "$5 to" is not a scale)
            if scale and len(scale) == 1 and text[m.start("scale") - 1] == " ":
                e = m.end("num") if pattern is _MONEY_PREFIX else e
                scale = None
                if pattern is _MONEY_SUFFIX:
                    continue
            value = _scaled(m["num"], scale)
            while e > s and text[e - 1] == " ":
                e -= 1
            found.append(Money(round(value, 6), _currency(m["cur"]), s, e, bool(scale)))
            taken.append((s, e))
    for m in _MONEY_EURO_COMMA.finditer(text, start, end):
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            continue
        found.append(Money(float(m["num"].replace(",", ".")), "EUR", s, e, False))
    return sorted(found, key=lambda x: x.start)


def find_percents(text: str, start: int = 0, end: Optional[int] = None) -> list[Percent]:
    end = len(text) if end is None else end
    out: list[Percent] = []
    for m in _PERCENT.finditer(text, start, end):
        sign = m["sign"]
        raw = m["num"]
        value = float(raw.replace(",", ".")) if re.fullmatch(r"\d+,\d{1,2}", raw) else parse_number(raw)
        if sign in ("-", "\u2212"):
            # a hyphen glued to a word ("a 12-3%") is not a minus sign
            if m.start() > 0 and text[m.start() - 1].isalnum():
                sign = None
            else:
                value = -value
        out.append(Percent(value, bool(sign), m.start() if sign else m.start("num"), m.end(), m["unit"].lower().startswith(("percentage", "pp"))))
    return out


def find_counts(text: str, start: int = 0, end: Optional[int] = None) -> list[Count]:
    """Plain counts ('30,000', '16k', '1.5 million'); money and percentages are not counts."""
    end = len(text) if end is None else end
    excluded = [(m.start, m.end) for m in find_money(text, start, end)] + [
        (p.start, p.end) for p in find_percents(text, start, end)
    ]
    out: list[Count] = []
    for m in _COUNT.finditer(text, start, end):
        s, e = m.span()
        if any(s < xe and xs < e for xs, xe in excluded):
            continue
        value = _scaled(m["num"], m["scale"])
        out.append(Count(value, s, e))
    return out
