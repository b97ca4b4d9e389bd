"""Numbers as articles write them: money, percentages and counts, with their exact spans.

Every figure the rule engine puts into a claim comes from here, so "$50 billion", "$50bn",
"$2.5B", "€210.50", "16k" and "30,000" all become plain numbers in units, and the span tells the
engine which characters the number occupies (a claim's quote must contain them).
"""

from __future__ import annotations

from verifier import recache as re
from functools import lru_cache
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from ..text import per_document

SCALES: dict[str, float] = {
    "trillion": 1e12, "tn": 1e12, "tln": 1e12, "t": 1e12,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "mm": 1e6, "mio": 1e6, "m": 1e6,
    "thousand": 1e3, "k": 1e3,
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "us$": "USD", "$": "USD", "us dollars": "USD", "us-dollars": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "bucks": "USD", "dollari": "USD", "dollaro": "USD", "dólares": "USD", "dolares": "USD", "dólar": "USD", "dolar": "USD",
    "€": "EUR", "eur": "EUR", "euros": "EUR", "euro": "EUR",
    "£": "GBP", "gbp": "GBP", "pounds": "GBP",
    "c$": "CAD", "cad": "CAD", "a$": "AUD", "aud": "AUD",
    "¥": "JPY", "jpy": "JPY", "yen": "JPY", "chf": "CHF",
    "dollari": "USD", "dólares": "USD", "dolares": "USD", "dólar": "USD",
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
    # a machine translation's singular after the figure ("58.3 billion dollar", "2.55 dollar") is the amount's currency too
    r"(?P<cur>€|\b(?:euros?|(?:US[- ])?dollars|dollar(?![- ](?:stores?|shops?|index|bills?|coins?|signs?)\b)|bucks|dollari|d[óo]lares|USD|EUR|GBP|CHF)\b)",
    re.I,
)
# "a 14.3 billion dollar investment", "a $2 billion-dollar deal": the adjective form, singular, after a scale word
_MONEY_ADJECTIVE = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_NUM})\s?(?P<scale>[Tt]rillion|[Bb]illion|[Mm]illion)[- ](?P<cur>dollar|euro)(?![\w-]*s\b)(?=[- ]\w)"
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
_FX_NUM = r"\d{1,3}(?:\.\d{3})*,\d{1,2}(?![\d])|\d{1,3}(?:\.\d{3})+(?![\d,])|\d+"
_FX_SCALE = r"(?:mil millones|billions?|bn|millions?|mn|millones|mill[óo]n|milliards?|miliard[io]|Milliarden?|Mrd\.?|Mds|Md\.?|millions?|milioni|milione|Millionen?|Mio\.?|mld|Mln\.?)(?![A-Za-z])"
_FX_CUR = r"(?:(?:de |di |d'|in )?(?:dollars?|dollari|dollaro|d[óo]lares|d[óo]lar|US-Dollar|Dollar|euros?|Euro|USD|EUR)\b|\s?€)"
_FX_SUFFIX = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_FX_NUM})\s?(?P<scale>{_FX_SCALE})?\s?(?P<cur>{_FX_CUR})", re.I)
_FX_PREFIX = re.compile(rf"(?P<cur>\$|€|\b(?:USD|EUR)\s?)\s?(?P<num>{_FX_NUM})\s?(?P<scale>{_FX_SCALE})?")


def _european(text: str, start: int, end: int) -> list[Money]:
    """Amounts in European notation (see _FX_NUM): only those a reader could not take for English ones."""
    out: list[Money] = []
    for pattern in (_FX_PREFIX, _FX_SUFFIX):
        for m in pattern.finditer(text, start, end):
            num, scale, cur = m["num"], m["scale"], m["cur"].strip().lower()
            decimal_comma = "," in num
            foreign = re.search(r"dollari|dollaro|d[óo]lar|us-dollar|^(?:de|di|d'|in) ", cur) is not None
            if not (decimal_comma or scale or foreign) or (pattern is _FX_PREFIX and not (decimal_comma or scale)):
                continue
            if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", num) and not (scale or foreign):
                continue
            if scale and re.fullmatch(r"billions?|bn|millions?|mn", scale, re.I) and not decimal_comma:
                continue  # "2 billion dollars" is English: the English patterns read it
            word = re.sub(r"^(?:de|di|d'|in)\s*", "", cur)
            money = _european_money(text, m, "EUR" if "eur" in word or "€" in word else "USD", scale, exact=False)
            if money is not None:
                out.append(money)
    return out


_MONEY_EURO_COMMA = re.compile(r"(?<![\w$€£.,])(?P<num>\d{1,4},\d{2})\s?(?P<cur>€|\b(?:Euro|euros?|EUR)\b)", re.I)  # "88,20 Euro"
# a decimal comma in translated copy ("241,73 dollars", "1.208,90 US-Dollar", "EUR 210,50"): two digits after
# the comma and none after them cannot be an English thousands group, so the comma is the decimal point
_DECIMAL_COMMA = r"(?P<num>\d{1,3}(?:\.\d{3})+,\d{2}|\d{1,4},\d{2})(?![\d,.]\d)"
_MONEY_COMMA_SUFFIX = re.compile(
    rf"(?<![\w$€£.,]){_DECIMAL_COMMA}\s?(?P<cur>€|\$|\b(?:(?:US[- ])?dollars?|(?:US[- ])?Dollar|dollari|dollaro|d[óo]lares|d[óo]lar|USD|euros?|Euro|EUR|GBP|CHF)\b)", re.I
)
_MONEY_COMMA_PREFIX = re.compile(rf"(?P<cur>US\$|\$|€|£|\b(?:USD|EUR|GBP|CHF)\s?)\s?{_DECIMAL_COMMA}(?![\d,])")


# --------------------------------------------------------------------------- the European convention
#
# A translated brief writes "244,22 dollars", "en baisse de 2,1 %", "1.234,5 millions", "USD 3,2 Mrd.":
# ',' is the decimal mark and '.' groups thousands. Whether "1,234" is one thousand two hundred
# thirty-four or about one is decided for the whole document, never per number: a document is read
# with decimal commas when it writes several comma decimals ("3,2", "244,22": a comma followed by one
# or two digits, which a thousands separator never is) and few or no point decimals.

_COMMA_DECIMAL = re.compile(r"(?<![\d.,])\d{1,4},\d{1,2}(?![\d,.])")
_POINT_DECIMAL = re.compile(r"(?<![\d.,])\d{1,4}\.\d{1,2}(?![\d,.])|(?<![\d.,])\d{1,3},\d{3}(?![\d])")


@per_document
def decimal_comma(text: str) -> bool:
    """Whether ``text`` writes its numbers the European way (decimal comma, thousands point)."""
    comma = len(_COMMA_DECIMAL.findall(text))
    if comma < 2:
        return False
    point = len(_POINT_DECIMAL.findall(text))
    return comma >= 3 * point


_NUM_EU = r"(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?"
_SCALE_EU = (
    r"(?:milliards?|miliardi|mil\s+millones|billions?|billion|trillion|Mrd\.?|Md\.?|Mia\.?|bn|"
    r"millions?|milioni|milione|millones|mill\.|Mio\.?|mln\.?|Mln\.?|million|mn|"
    r"milliers|mila|mil|thousand)(?![A-Za-z\u00c0-\u024f])"
)
_EU_CURRENCY_WORD = r"(?:dollars?|dollari|dollaro|d[óo]lar(?:es)?|euros?|euro|USD|EUR|GBP|CHF|€|\$)"
_MONEY_EU_PREFIX = re.compile(
    rf"(?P<cur>US\$|\$|€|£|\b(?:USD|EUR|GBP|CHF)\s?)\s?(?P<num>{_NUM_EU})(?:\s?(?P<scale>{_SCALE_EU}))?"
)
_MONEY_EU_SUFFIX = re.compile(
    rf"(?<![\w$€£.,])(?P<num>{_NUM_EU})(?:\s?(?P<scale>{_SCALE_EU}))?\s?(?:(?:de|di|d')\s?)?(?P<cur>{_EU_CURRENCY_WORD})(?![A-Za-z])",
    re.I,
)
_PERCENT_EU = re.compile(
    rf"(?P<sign>[+\-\u2212])?(?P<num>{_NUM_EU})\s?(?P<unit>%|pour\s?cent\b|per\s?cento\b|por\s?ciento\b|Prozent\b|"
    r"points? de pourcentage\b|punti percentuali\b|pp\b)",
    re.I,
)
_COUNT_EU = re.compile(rf"(?<![\w$€£.,/:-])(?P<num>{_NUM_EU})(?:\s?(?P<scale>{_SCALE_EU}))?(?![\d%])")


_MONEY_EU_MARKED = re.compile(
    rf"(?:(?P<cur>US\$|\$|€|\b(?:USD|EUR|CHF))\s?)?(?<![\w.,])(?P<num>{_NUM_EU})\s?(?P<scale>Mrd\.?|Mio\.?)(?![A-Za-z])"
    r"(?:\s?(?P<cur2>€|\b(?:USD|EUR|CHF|Euro|Dollar)\b))?"
)


@per_document
def _has_german_scale(text: str) -> bool:
    return "Mrd" in text or "Mio" in text


def parse_european(number: str) -> Decimal:
    """'1.234,5' -> 1234.5, '14.000' -> 14000, '244,22' -> 244.22 (decimal comma, thousands point)."""
    cleaned = number.strip().replace(".", "").replace(",", ".")
    if not re.fullmatch(r"\d+(?:\.\d+)?", cleaned):
        raise ValueError(f"not a number: {number!r}")
    return Decimal(cleaned)


# Every scale word of European copy (_FX_SCALE and _SCALE_EU), keyed by its letters: "Mrd." -> "mrd",
# "mil millones" -> "milmillones", "millón" -> "millon".
_EU_SCALES: dict[str, float] = {
    "trillion": 1e12,
    "milliard": 1e9, "milliards": 1e9, "milliarde": 1e9, "milliarden": 1e9, "miliardi": 1e9, "miliardo": 1e9,
    "milmillones": 1e9, "billion": 1e9, "billions": 1e9, "bn": 1e9, "mrd": 1e9, "mds": 1e9, "md": 1e9, "mia": 1e9, "mld": 1e9,
    "million": 1e6, "millions": 1e6, "millionen": 1e6, "milioni": 1e6, "milione": 1e6, "millones": 1e6, "millon": 1e6,
    "mill": 1e6, "mio": 1e6, "mln": 1e6, "mn": 1e6,
    "milliers": 1e3, "mila": 1e3, "mil": 1e3, "thousand": 1e3,
}


def european_amount(number: str, scale: Optional[str] = None, *, exact: bool = True) -> Optional[float]:
    """THE reader of a European amount: '1.234,5' -> 1234.5, ('3,2', 'Mrd.') -> 3.2e9, ('1,5', 'mil millones')
    -> 1.5e9; None for a scale word it does not know. ``exact``: the decimal product; False: the float
    product (number times factor) that translated copy in an English document (_european) is read with."""
    value = parse_european(number)
    if not scale:
        return float(value)
    factor = _EU_SCALES.get(re.sub(r"[^a-z]", "", scale.lower().replace("\u00f3", "o")))
    if factor is None:
        return None
    return float(value * Decimal(str(factor))) if exact else float(value) * factor


def _trim(text: str, start: int, end: int) -> int:
    """The end of a match without the spaces it closes on."""
    while end > start and text[end - 1] == " ":
        end -= 1
    return end


def _european_money(text: str, m: re.Match[str], currency: str, scale: Optional[str], *, exact: bool = True) -> Optional[Money]:
    """Every European amount a pattern matched (its ``num``, and ``scale`` as given) becomes Money here."""
    value = european_amount(m["num"], scale, exact=exact)
    if value is None:
        return None
    return Money(round(value, 6), currency, m.start(), _trim(text, m.start(), m.end()), bool(scale))


def _money_european(text: str, start: int, end: int) -> list[Money]:
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_MONEY_EU_PREFIX, _MONEY_EU_SUFFIX):
        for m in pattern.finditer(text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            money = _european_money(text, m, _currency(m["cur"]), m["scale"])
            found.append(money)
            taken.append((s, money.end))
    return sorted(found, key=lambda x: x.start)


# --------------------------------------------------------------------------- numbers in words
#
# Spoken and transcribed copy says "thirty-eight billion dollars", "nine and a half percent",
# "fourteen thousand jobs". Only a safe subset is read: a cardinal up to 999 in words, an optional
# "point six" or "and a half", then a scale word, a currency word or "percent" that says what it is.
# A bare "two" or "a couple" is never a number, and colloquial prices ("two-forty-four and change")
# are not guessed at.

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_DIGIT_WORDS = {"zero": 0, "oh": 0, **_UNITS}
_CARDINALS = {"zero": 0, **_UNITS, **_TEENS, **_TENS}  # every word the grammar reads, and its value
# the grammar's pieces, shared by every pattern below that reads numbers in words
_U = "(?:" + "|".join(_UNITS) + ")"  # one .. nine
_TEENS_RE = "|".join(_TEENS)  # ten .. nineteen
_TENS_RE = "|".join(_TENS)  # twenty .. ninety
_UNIT_RE = "|".join(sorted(["zero", *_UNITS, *_TEENS], key=len, reverse=True))  # zero .. nineteen, longest first
_SMALL = rf"(?:(?:{_TENS_RE})(?:[- ]{_U})?|(?:{_TEENS_RE})|{_U})"  # one .. ninety-nine
_TWO_DIGIT = rf"(?:(?:{_TENS_RE})(?:[- ](?:{_UNIT_RE}))?|{_UNIT_RE})"  # zero .. ninety-nine, loosely ("twenty-fifteen")
_WORDS = rf"(?:(?:{_U}|a)\s+hundred(?:\s+(?:and\s+)?{_SMALL})?|{_SMALL})"
_WORD_NUM = rf"(?P<words>{_WORDS})(?:\s+point\s+(?P<point>(?:{'|'.join(_DIGIT_WORDS)})(?:\s+(?:{'|'.join(_DIGIT_WORDS)}))?)|\s+and\s+a\s+(?P<half>half))?"
_WORD_SCALE = r"(?P<scale>trillion|billion|million|thousand)"
_WORD_MONEY = re.compile(rf"(?<![\w-])(?:{_WORD_NUM})(?:\s+{_WORD_SCALE})?\s+(?P<cur>(?:US\s)?dollars|euros|pounds)\b"
                         rf"(?:\s+and\s+(?P<cents>{_SMALL})\s+cents\b)?", re.I)  # "...dollars and twenty one cents"
_WORD_PERCENT = re.compile(rf"(?<![\w-])(?:{_WORD_NUM})\s+(?P<unit>percent|per\s+cent|percentage\s+points?)\b", re.I)
_WORD_COUNT = re.compile(rf"(?<![\w-])(?:{_WORD_NUM})\s+(?P<scale>thousand|million)\b(?!\s+(?:dollars|euros|pounds)\b)", re.I)


def _cardinal(words: str, sep: str = r"[\s-]+") -> int:
    """The grammar's value of a cardinal in words: 'thirty-eight' -> 38, 'a hundred and twenty' -> 120,
    'oh-five' -> 5. ``sep``: what separates the words (the spoken-price readers split on '-' and ' ' only)."""
    total = 0
    for token in re.split(sep, words.lower()):
        if token == "and":
            continue
        if token == "hundred":
            total = (total or 1) * 100
        elif token == "a":
            total += 1
        else:
            total += _CARDINALS.get(token, 0)
    return total


def _digits(words: str) -> str:
    """The digits said after "point": 'six two' -> '62', 'oh five' -> '05'; a word that is no digit is passed over."""
    return "".join(str(_DIGIT_WORDS[t]) for t in re.split(r"[\s-]+", words.lower()) if t in _DIGIT_WORDS)


def _word_number(whole: int, point: Optional[str] = None, half: Optional[str] = None) -> Decimal:
    """A cardinal, the digits after its "point" and "and a half", as one exact number."""
    value = Decimal(whole)
    digits = _digits(point) if point else ""
    if digits:
        value += Decimal("0." + digits)
    if half:
        value += Decimal("0.5")
    return value


def words_value(words: str, point: Optional[str] = None, half: Optional[str] = None) -> Decimal:
    """'thirty-eight' -> 38, 'two hundred thirteen' -> 213, ('nine', point='six') -> 9.6, ('nine', half) -> 9.5."""
    return _word_number(_cardinal(words), point, half)


def _word_scale(m: re.Match[str]) -> Decimal:
    return Decimal(str(SCALES[m["scale"].lower()])) if m["scale"] else Decimal(1)


def _currency(symbol: str) -> str:
    return CURRENCY_SYMBOLS.get(symbol.strip().lower(), "USD")


def find_money(text: str, start: int = 0, end: Optional[int] = None) -> list[Money]:
    """Every amount of money in text[start:end], in reading order, offsets into ``text``."""
    return list(_find_money(text, start, len(text) if end is None else end))


@lru_cache(maxsize=512)  # the engine asks for the same sentence's figures from several readers
def _find_money(text: str, start: int, end: int) -> list[Money]:
    if decimal_comma(text):
        return _money_european(text, start, end)
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    if _has_german_scale(text):
        # "USD 3,2 Mrd.", "4,5 Mio. Euro": German scale words come only with a decimal comma, whatever the document
        for m in _MONEY_EU_MARKED.finditer(text, start, end):
            if not (m["cur"] or m["cur2"]):
                continue  # "12 Mrd." of what: not money
            found.append(_european_money(text, m, _currency(m["cur"] or m["cur2"]), m["scale"]))
            taken.append(m.span())
    for pattern in (_MONEY_COMMA_PREFIX, _MONEY_COMMA_SUFFIX):
        for m in pattern.finditer(text, start, end):
            if any(m.start() < te and ts < m.end() for ts, te in taken):
                continue
            found.append(_european_money(text, m, _currency(m["cur"]), None))
            taken.append(m.span())
    for eu in _european(text, start, end):  # European amounts in an English-number document ("1,59 dollar", "58,3 miliardi")
        if not any(eu.start < te and ts < eu.end for ts, te in taken):
            found.append(eu)
            taken.append((eu.start, eu.end))
    for pattern in (_MONEY_PREFIX, _MONEY_SUFFIX, _MONEY_ADJECTIVE):
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
            e = _trim(text, s, e)
            found.append(Money(round(value, 6), _currency(m["cur"]), s, e, bool(scale)))
            taken.append((s, e))
    for m in _MONEY_EURO_COMMA.finditer(text, start, end):
        s, e = m.span()
        if any(s < te and ts < e for ts, te in taken):
            continue
        found.append(_european_money(text, m, "EUR", None))
        taken.append((s, e))
    found = _shared_scale(text, found, end)
    taken = [(m.start, m.end) for m in found]
    if _might_have_words(text, start, end):
        for m in _word_matches(_WORD_MONEY, text, start, end):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if _PAIR_LEAD.search(text, max(start, s - 40), s) and not m["scale"]:
                continue  # "two fifty six dollars" is $256 (a spoken price pair), not "fifty six dollars"
            value = float(words_value(m["words"], m["point"], m["half"]) * _word_scale(m))
            if m["cents"]:
                if m["scale"] or m["point"] or m["half"]:
                    e = m.end("cur")  # cents belong to a plain amount, not to "two billion dollars"
                else:
                    value += float(words_value(m["cents"])) / 100
            found.append(Money(round(value, 6), _currency(m["cur"]), s, e, bool(m["scale"])))
    return sorted(found, key=lambda x: x.start)


# "$206-213B", "$1.2-1.5 billion", "$5 to $6 billion", "between $206 and $213 billion": the scale written
# once closes a range and applies to both ends
_RANGE_TAIL = re.compile(rf"[ \t]?[-\u2013][ \t]?(?P<num>{_NUM})[ \t]?(?P<scale>{_SCALE})")
_RANGE_JOIN = re.compile(r"\s*(?:[-\u2013]|to)\s*$")


def _shared_scale(text: str, found: list[Money], end: int) -> list[Money]:
    found = sorted(found, key=lambda x: x.start)
    out: list[Money] = []
    for i, m in enumerate(found):
        if m.scaled:
            out.append(m)
            continue
        tail = _RANGE_TAIL.match(text, m.end, end)
        if tail and not (len(tail["scale"]) == 1 and text[tail.start("scale") - 1] == " "):
            factor = Decimal(str(scale_factor(tail["scale"])))
            high = float(Decimal(tail["num"].replace(",", "")) * factor)
            low = float(Decimal(str(m.value)) * factor)
            if low < high:
                out.append(Money(round(low, 6), m.currency, m.start, m.end, True))
                out.append(Money(round(high, 6), m.currency, tail.start("num"), tail.end(), True))
                continue
        nxt = found[i + 1] if i + 1 < len(found) else None
        if nxt is not None and nxt.scaled and nxt.currency == m.currency:
            gap = text[m.end : nxt.start]
            between = re.search(r"\bbetween\s*$", text[max(0, m.start - 12) : m.start], re.I) and re.fullmatch(r"\s*and\s*", gap)
            unscaled = _unscaled(text, nxt)
            if (_RANGE_JOIN.fullmatch(gap) or between) and unscaled is not None and 0 < m.value < unscaled:
                factor = Decimal(str(round(nxt.value / unscaled, 6)))
                out.append(Money(round(float(Decimal(str(m.value)) * factor), 6), m.currency, m.start, m.end, True))
                continue
        out.append(m)
    return out


def _unscaled(text: str, money: Money) -> Optional[float]:
    """The number of a scaled amount as written ("$213 billion" -> 213.0)."""
    m = re.search(_NUM, text[money.start : money.end])
    return float(m.group(0).replace(",", "")) if m else None


_WORD_HINT = re.compile(r"\b(?:dollars|euros|pounds|percent|per cent|percentage|thousand|million)\b", re.I)


def _might_have_words(text: str, start: int, end: int) -> bool:
    """A cheap test before the word-number patterns run: their closing word must be there."""
    return _WORD_HINT.search(text, start, end) is not None


def _word_matches(pattern: "re.Pattern[str]", text: str, start: int, end: int):  # noqa: ANN202 - re's iterator
    """``pattern.finditer`` for the patterns of amounts in words (``_WORD_MONEY``, ``_WORD_PERCENT``, ``_WORD_COUNT``):
    each match opens with a number word, so a window without one (``has_number_word``) is not read."""
    return pattern.finditer(text, start, end) if has_number_word(text, start, end) else iter(())


def find_percents(text: str, start: int = 0, end: Optional[int] = None) -> list[Percent]:
    """Every percentage in text[start:end], in reading order, offsets into ``text``."""
    return list(_find_percents(text, start, len(text) if end is None else end))


@lru_cache(maxsize=512)  # the engine asks for the same sentence's figures from several readers
def _find_percents(text: str, start: int, end: int) -> list[Percent]:
    out: list[Percent] = []
    european = decimal_comma(text)
    for m in (_PERCENT_EU if european else _PERCENT).finditer(text, start, end):
        sign = m["sign"]
        raw = m["num"]
        if european or re.fullmatch(r"\d+,\d{1,2}", raw):
            value = european_amount(raw)
        else:
            value = parse_number(raw)
        if sign in ("-", "\u2212"):
            # a hyphen glued to a word ("a 12-3%") is not a minus sign
            if m.start() > 0 and text[m.start() - 1].isalnum():
                sign = None
            else:
                value = -value
        out.append(Percent(value, bool(sign), m.start() if sign else m.start("num"), m.end(), m["unit"].lower().startswith(("percentage", "pp"))))
    if not european and _might_have_words(text, start, end):
        for m in _word_matches(_WORD_PERCENT, text, start, end):
            if any(m.start() < p.end and p.start < m.end() for p in out):
                continue
            value = float(words_value(m["words"], m["point"], m["half"]))
            out.append(Percent(value, False, m.start(), m.end(), m["unit"].lower().startswith("percentage")))
        out.sort(key=lambda p: p.start)
    return out


def find_counts(text: str, start: int = 0, end: Optional[int] = None) -> list[Count]:
    """Plain counts ('30,000', '16k', '1.5 million'); money and percentages are not counts."""
    return list(_find_counts(text, start, len(text) if end is None else end))


@lru_cache(maxsize=512)  # the engine asks for the same sentence's figures from several readers
def _find_counts(text: str, start: int, end: int) -> list[Count]:
    excluded = [(m.start, m.end) for m in find_money(text, start, end)] + [
        (p.start, p.end) for p in find_percents(text, start, end)
    ]
    out: list[Count] = []
    european = decimal_comma(text)
    for m in (_COUNT_EU if european else _COUNT).finditer(text, start, end):
        s, e = m.span()
        if any(s < xe and xs < e for xs, xe in excluded):
            continue
        value = european_amount(m["num"], m["scale"]) if european else _scaled(m["num"], m["scale"])
        out.append(Count(value, s, e))
    if not european and _might_have_words(text, start, end):
        for m in _word_matches(_WORD_COUNT, text, start, end):
            s, e = m.span()
            if any(s < xe and xs < e for xs, xe in excluded):
                continue
            out.append(Count(float(words_value(m["words"], m["point"], m["half"]) * _word_scale(m)), s, e))
        out.sort(key=lambda c: c.start)
    return out


# --------------------------------------------------------------------------- spoken numbers (transcripts)

# "two hundred (and) forty-four", "a hundred and twenty", "two-forty-four" (a price said as hundreds and the rest),
# "nine point six"
_SPOKEN = re.compile(
    rf"\b(?P<num>(?:(?:a|{_UNIT_RE})\s+hundred(?:\s+(?:and\s+)?{_TWO_DIGIT})?|(?P<h>{_UNIT_RE})-(?P<rest>(?:{_TENS_RE})(?:-(?:{_UNIT_RE}))?|oh-(?:{_UNIT_RE}))|"
    rf"{_TWO_DIGIT})(?:\s+point\s+(?P<dec>(?:{_UNIT_RE})(?:\s+(?:{_UNIT_RE}))*))?)\b",
    re.I,
)
# An auto-caption writes the spoken price without hyphens: "two fifty six" ($256), "two seventy seven ninety seven"
# ($277.97: hundreds, the rest, then the cents). Only a lead digit one to nine and a tens word make that pair, so
# "nineteen eighty seven", "twenty twenty" and "two of the three" are not prices; a clock time is told by its
# neighbours (see _CLOCK_BEFORE/_CLOCK_AFTER).
_SP_LEAD = _SP_ONES = _U
_SP_CENTS = rf"(?:(?:{_TENS_RE})(?:[- ]{_SP_ONES})?|{_TEENS_RE}|oh[- ]{_SP_ONES})"
_SPOKEN_PAIR = re.compile(
    rf"(?<![\w-])(?P<num>(?P<h>{_SP_LEAD})[ \t](?P<rest>(?:{_TENS_RE})(?:[ \t-]{_SP_ONES})?|oh[ \t-]{_SP_ONES})(?:[ \t](?P<cents>{_SP_CENTS}))?)\b(?![ \t-]+(?:{_UNIT_RE}|{_TENS_RE})\b)",
    re.I,
)
_PAIR_CENTS = re.compile(rf"[ \t](?P<c>{_SP_CENTS})\b(?![ \t-]+(?:{_UNIT_RE}|{_TENS_RE}|hundred|thousand|million|billion|percent|per cent)\b)", re.I)
_PAIR_LEAD = re.compile(rf"(?<![\w-]){_SP_LEAD}[ \t](?:(?:{_TENS_RE})(?:[ \t-]{_SP_ONES})?[ \t]|oh[ \t])?$", re.I)  # "two " / "two seventy seven "
_CLOCK_AFTER = re.compile(
    r"\s*(?:a\.?m\b|p\.?m\b|o'?clock\b|eastern\b|e\.?t\b|et\b|gmt\b|utc\b|sharp\b|in the (?:morning|afternoon|evening)\b|tonight\b|"
    r"this (?:morning|afternoon|evening)\b|percent\b|per cent\b|percentage\b|thousand\b|million\b|billion\b|trillion\b|"
    r"(?:minutes?|hours?|days?|weeks?|months?|years?|people|of\b))", re.I)
_CLOCK_BEFORE = re.compile(
    r"\b(?:bell|opens|call|webcast|meeting|starts?|begins?|rings?|kicks? off)\b(?:\s+\w+){0,2}?\s+at\s+$|\b(?:until|till|before|after|by)\s+$", re.I)


# --------------------------------------------------------------------------- the shared number-word scan

# Every match of the patterns that read numbers in words (``_WORD_MONEY``, ``_WORD_PERCENT``, ``_WORD_COUNT``,
# ``_SPOKEN``, ``_SPOKEN_PAIR`` and ``_SP_SPOKEN`` here, ``spelled._WORD_NUMBER``) holds a cardinal word or "hundred"
# that starts a word ("a hundred and twenty dollars", "two-forty-four", "a buck ninety-five", "fourteen thousand").
# Those patterns try their long alternations at every word of every sentence, for the number finders and the five
# word-number finders the readers call on each sentence, yet fewer than one sentence in ten of financial prose
# holds such a word (issue 13). This one scan, compiled with the same flag
# (re.I, so the same case folding) and read with the same pos/endpos, says whether any of them can match at all.
_NUMBER_WORD = re.compile(r"\b(?:" + "|".join(sorted([*_CARDINALS, "hundred"], key=len, reverse=True)) + ")", re.I)
NUMBER_WORD_GATE = True  # False: every finder reads every window (tests/test_numbers.py compares the two)
_number_word_last: list = [None, -1, -1, True]  # (text, start, end, answer) of the last window asked: one per sentence


def has_number_word(text: str, start: int = 0, end: Optional[int] = None) -> bool:
    """Whether text[start:end] holds a number word that the word-number finders could read (see ``_NUMBER_WORD``);
    the answer for the last window is kept, as the readers ask about the same sentence one after another."""
    if not NUMBER_WORD_GATE:
        return True
    end = len(text) if end is None else end
    last = _number_word_last
    if last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    found = _NUMBER_WORD.search(text, start, end) is not None
    last[0], last[1], last[2], last[3] = text, start, end, found
    return found


# --------------------------------------------------------------------------- amounts said in words

_SP_TENS_WORD = f"(?:{_TENS_RE})"
_SP_UNIT_WORD = _U
_SP_TEEN_WORD = f"(?:{_TEENS_RE})"
_SP_TWO_DIGITS = _SMALL
_SP_SPOKEN = re.compile(
    rf"(?<![\w-])(?P<body>(?P<hundreds>{_SP_UNIT_WORD})[- ]hundred(?:[- ](?:and[- ])?(?P<rest>{_SP_TWO_DIGITS}))?"  # two hundred thirteen
    rf"|(?P<lead>{_SP_UNIT_WORD})[- ](?P<pair>{_SP_TENS_WORD}(?:[- ]{_SP_UNIT_WORD})?|{_SP_TEEN_WORD})"  # one-eighty, two-forty-four
    rf"|(?P<plain>{_SP_TWO_DIGITS}))"  # thirty-three
    rf"(?:\s+point\s+(?P<point>(?:{_SP_UNIT_WORD}|zero|oh)(?:[- ](?:{_SP_UNIT_WORD}|zero|oh))*))?"
    rf"\s+(?P<scale>trillion|billion|million)(?P<cur>\s+(?:dollars|bucks|euros))?\b"
    rf"|(?<![\w-])(?:a|one)\s+(?:buck|dollar)\s+(?P<cents>{_SP_TWO_DIGITS})\b",
    re.I,
)


def _two_digit(words: str) -> int:
    """The cardinal grammar in its spoken-price mode: words split on '-' and ' ' only ('oh' is nought)."""
    return _cardinal(words.strip(), r"[- ]")


def _pair(lead: str, rest: str) -> int:
    """A price said as a pair, the hundreds and the rest: ('two', 'forty-four') -> 244, ('nine', 'oh five') -> 905."""
    return _cardinal(lead) * 100 + _two_digit(rest)


def _spoken_value(m: re.Match[str]) -> float:
    text = m["num"].lower()
    if m["h"] and m["rest"]:
        whole = _pair(m["h"], m["rest"])
    else:
        head = text.split(" point ")[0]
        if "hundred" in head:
            hundreds, _, rest = head.partition("hundred")
            whole = _cardinal(hundreds.strip()) * 100 + _two_digit(rest)
        else:
            whole = _two_digit(head)
    return float(_word_number(whole, m["dec"]))


def find_spoken_percents(text: str, start: int = 0, end: Optional[int] = None) -> list[Percent]:
    """'five percent', 'nine point six per cent' as a speaker says them (transcripts)."""
    end = len(text) if end is None else end
    if not has_number_word(text, start, end):
        return []
    out = []
    for m in _SPOKEN.finditer(text, start, end):
        unit = re.match(r"\s+(?:percent|per cent)\b", text[m.end() : m.end() + 12], re.I)
        if unit and not m["h"]:
            out.append(Percent(_spoken_value(m), False, m.start(), m.end() + unit.end()))
    return out


def find_spoken_prices(text: str, start: int = 0, end: Optional[int] = None) -> list[Money]:
    """A share price as a speaker says it: 'two-forty-four (and change)', 'a hundred and twenty dollars',
    'two fifty six', 'two seventy seven ninety seven' (277.97), '... dollars and twenty one cents'."""
    end = len(text) if end is None else end
    if not has_number_word(text, start, end):
        return []
    out = _spoken_pairs(text, start, end)
    taken = [(x.start, x.end) for x in out]
    for m in _SPOKEN.finditer(text, start, end):
        if any(m.start() < te and ts < m.end() for ts, te in taken):
            continue
        unit = re.match(r"\s+(?:dollars|bucks)\b", text[m.end() : m.end() + 10], re.I)
        change = re.match(r"\s+and change\b", text[m.end() : m.end() + 12], re.I)  # "seventy-eight and change"
        if m["h"] and m["rest"] or unit or change:
            stop = m.end() + (unit.end() if unit else 0)
            value = _spoken_value(m)
            cents = re.match(rf"\s+and\s+(?P<c>{_TWO_DIGIT})\s+cents\b", text[stop : stop + 30], re.I) if unit and not m["dec"] else None
            if cents:  # "two hundred forty two dollars and twenty one cents"
                value, stop = round(value + _two_digit(cents["c"]) / 100, 2), stop + cents.end()
            pair_cents = _PAIR_CENTS.match(text, stop) if m["h"] and m["rest"] and not (unit or m["dec"]) else None
            if pair_cents:  # "two-fifty-two eighty-six": the cents said after the hyphenated pair
                value, stop = round(value + _two_digit(pair_cents["c"]) / 100, 2), pair_cents.end("c")
            out.append(Money(value, "USD", m.start(), stop, False))
    return sorted(out, key=lambda x: x.start)


def _spoken_pairs(text: str, start: int, end: int) -> list[Money]:
    """'two fifty six' -> 256.0, 'two seventy seven ninety seven' -> 277.97; never a clock time (see _CLOCK_*)."""
    out: list[Money] = []
    for m in _SPOKEN_PAIR.finditer(text, start, end):
        if _CLOCK_AFTER.match(text, m.end()) or _CLOCK_BEFORE.search(text[max(start, m.start() - 40) : m.start()]):
            continue
        value = float(_pair(m["h"], m["rest"]))
        if m["cents"]:
            value = round(value + _two_digit(m["cents"]) / 100, 2)
        unit = re.match(r"\s+(?:dollars|bucks)\b", text[m.end() : m.end() + 10], re.I)
        out.append(Money(value, "USD", m.start(), m.end() + (unit.end() if unit else 0), False))
    return out


def find_spoken_money(text: str, start: int = 0, end: Optional[int] = None) -> list[Money]:
    """Amounts said in words in a transcript: "one-eighty point two billion", "thirty-three billion",
    "two hundred thirteen billion", "a buck ninety-five". Only with a scale word (or as a dollar and its
    cents): a bare "two-forty-four" may be anything. Dollars unless the words say euros."""
    end = len(text) if end is None else end
    if not has_number_word(text, start, end):
        return []
    out: list[Money] = []
    for m in _SP_SPOKEN.finditer(text, start, end):
        if m["cents"]:
            out.append(Money(round(1 + _two_digit(m["cents"]) / 100, 6), "USD", m.start(), m.end(), False))
            continue
        if m["hundreds"]:
            number = _pair(m["hundreds"], m["rest"] or "")
        elif m["lead"]:
            number = _pair(m["lead"], m["pair"])
        else:
            number = _two_digit(m["plain"])
        value = float(_word_number(number, m["point"])) * SCALES[m["scale"].lower()]
        currency = "EUR" if m["cur"] and "euro" in m["cur"].lower() else "USD"
        out.append(Money(round(value, 6), currency, m.start(), m.end(), True))
    return out
