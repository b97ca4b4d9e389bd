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


# Translated European copy: a decimal comma and a point for thousands ("180,2 milliards de dollars", "USD 33,0 Mrd.",
# "1,59 dollar", "58,3 miliardi di dollari", "350 dollari"). Read only where the writing is European for sure:
# a decimal comma with one or two digits, a European scale word, or a currency word English does not use.
_EU_NUM = r"\d{1,3}(?:\.\d{3})*,\d{1,2}(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+"
_EU_SCALE = r"(?:mil millones|billions?|bn|millions?|mn|millones|mill[óo]n|milliards?|miliard[io]|Milliarden?|Mrd\.?|Mds|Md\.?|millions?|milioni|milione|Millionen?|Mio\.?|mld|Mln\.?)(?![A-Za-z])"
_EU_CUR = r"(?:(?:de |di |d'|in )?(?:dollars?|dollari|dollaro|d[óo]lares|d[óo]lar|US-Dollar|Dollar|euros?|Euro|USD|EUR)\b|\s?€)"
_MONEY_EU_SUFFIX = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_EU_NUM})\s?(?P<scale>{_EU_SCALE})?\s?(?P<cur>{_EU_CUR})", re.I)
_MONEY_EU_PREFIX = re.compile(rf"(?P<cur>\$|€|\b(?:USD|EUR)\s?)\s?(?P<num>{_EU_NUM})\s?(?P<scale>{_EU_SCALE})?")
_EU_SCALES = {"milmillones": 1e9, "millones": 1e6, "millon": 1e6, "billion": 1e9, "bn": 1e9, "milliard": 1e9, "miliard": 1e9, "mrd": 1e9, "mds": 1e9, "md": 1e9, "mld": 1e9, "million": 1e6, "mn": 1e6, "milion": 1e6, "mio": 1e6, "mln": 1e6}


def _european(text: str, start: int, end: int) -> list[Money]:
    """Amounts in European notation (see _EU_NUM): only those a reader could not take for English ones."""
    out: list[Money] = []
    for pattern in (_MONEY_EU_PREFIX, _MONEY_EU_SUFFIX):
        for m in pattern.finditer(text, start, end):
            num, scale, cur = m["num"], m["scale"], m["cur"].strip().lower()
            decimal_comma = "," in num
            foreign = re.search(r"dollari|dollaro|d[óo]lar|us-dollar|^(?:de|di|d'|in) |^dollar$", cur) is not None
            if not (decimal_comma or scale or foreign) or (pattern is _MONEY_EU_PREFIX and not (decimal_comma or scale)):
                continue
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num) and not (scale or foreign):
                continue
            value = float(num.replace(".", "").replace(",", "."))
            if scale and re.fullmatch(r"billions?|bn|millions?|mn", scale, re.I) and not decimal_comma:
                continue  # "2 billion dollars" is English: the English patterns read it
            if scale:
                key = re.sub(r"[^a-z]", "", scale.lower().replace("\u00f3", "o"))
                factor = next((f for k, f in _EU_SCALES.items() if key.startswith(k)), None)
                if factor is None:
                    continue
                value *= factor
            word = re.sub(r"^(?:de|di|d'|in)\s*", "", cur)
            currency = "EUR" if "eur" in word or "€" in word else "USD"
            e = m.end()
            while e > m.start() and text[e - 1] == " ":
                e -= 1
            out.append(Money(round(value, 6), currency, m.start(), e, bool(scale)))
    return out


_MONEY_EURO_COMMA = re.compile(r"(?<![\w$€£.,])(?P<num>\d{1,4},\d{2})\s?(?P<cur>€|\b(?:Euro|euros?|EUR)\b)", re.I)  # "88,20 Euro"


def _currency(symbol: str) -> str:
    return CURRENCY_SYMBOLS.get(symbol.strip().lower(), "USD")


def find_money(text: str, start: int = 0, end: Optional[int] = None) -> list[Money]:
    """Every amount of money in text[start:end], in reading order, offsets into ``text``."""
    end = len(text) if end is None else end
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    for eu in _european(text, start, end):
        if not any(eu.start < te and ts < eu.end for ts, te in taken):
            found.append(eu)
            taken.append((eu.start, eu.end))
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


# --------------------------------------------------------------------------- amounts said in words

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()) if w != "_"}
_TENS_WORD = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_UNIT_WORD = r"(?:one|two|three|four|five|six|seven|eight|nine)"
_TEEN_WORD = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TWO_DIGITS = rf"(?:{_TENS_WORD}(?:[- ]{_UNIT_WORD})?|{_TEEN_WORD}|{_UNIT_WORD})"
_SPOKEN = re.compile(
    rf"(?<![\w-])(?P<body>(?P<hundreds>{_UNIT_WORD})[- ]hundred(?:[- ](?:and[- ])?(?P<rest>{_TWO_DIGITS}))?"  # two hundred thirteen
    rf"|(?P<lead>{_UNIT_WORD})[- ](?P<pair>{_TENS_WORD}(?:[- ]{_UNIT_WORD})?|{_TEEN_WORD})"  # one-eighty, two-forty-four
    rf"|(?P<plain>{_TWO_DIGITS}))"  # thirty-three
    rf"(?:\s+point\s+(?P<point>(?:{_UNIT_WORD}|zero|oh)(?:[- ](?:{_UNIT_WORD}|zero|oh))*))?"
    rf"\s+(?P<scale>trillion|billion|million)(?P<cur>\s+(?:dollars|bucks|euros))?\b"
    rf"|(?<![\w-])(?:a|one)\s+(?:buck|dollar)\s+(?P<cents>{_TWO_DIGITS})\b",
    re.I,
)


def _two_digits(words: str) -> int:
    parts = re.split(r"[- ]", words.lower())
    if len(parts) == 2:
        return _TENS[parts[0]] + _UNITS[parts[1]]
    return _TENS.get(parts[0], _UNITS.get(parts[0], 0))


def find_spoken_money(text: str, start: int = 0, end: Optional[int] = None) -> list[Money]:
    """Amounts said in words in a transcript: "one-eighty point two billion", "thirty-three billion",
    "two hundred thirteen billion", "a buck ninety-five". Only with a scale word (or as a dollar and its
    cents): a bare "two-forty-four" may be anything. Dollars unless the words say euros."""
    end = len(text) if end is None else end
    out: list[Money] = []
    for m in _SPOKEN.finditer(text, start, end):
        if m["cents"]:
            out.append(Money(round(1 + _two_digits(m["cents"]) / 100, 6), "USD", m.start(), m.end(), False))
            continue
        if m["hundreds"]:
            number = _UNITS[m["hundreds"].lower()] * 100 + (_two_digits(m["rest"]) if m["rest"] else 0)
        elif m["lead"]:
            number = _UNITS[m["lead"].lower()] * 100 + _two_digits(m["pair"])
        else:
            number = _two_digits(m["plain"])
        value = float(number)
        if m["point"]:
            digits = "".join(str(_UNITS.get(w, 0)) for w in re.split(r"[- ]", m["point"].lower()))
            value = float(f"{number}.{digits}")
        value *= SCALES[m["scale"].lower()]
        currency = "EUR" if m["cur"] and "euro" in m["cur"].lower() else "USD"
        out.append(Money(round(value, 6), currency, m.start(), m.end(), True))
    return out
