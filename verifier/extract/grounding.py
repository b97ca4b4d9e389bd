"""Is an extracted claim grounded in the article? Quote found, numbers readable, names present.

``base.locate`` finds a quote in the text; this module adds what an LLM's answer needs on top: every
number in ``fields`` must be *readable* in the claim's own quote (241.73 in "$241.73", 50000000000
in "$50 billion", 16000 in "16k", -0.7 in "slipped 0.7%"), and names the checks rely on (analyst
firm, counterparty, named source) must occur in the article. Each problem is a sentence the model
can act on, because these messages go back to it on a re-ask.
"""

from __future__ import annotations

import math
from verifier import recache as re
from typing import Optional

from pydantic import BaseModel

from ..schemas import ClaimDraft, FlagDraft
from .base import locate

MAX_QUOTE_CHARS = 400  # a clause or a sentence; a longer quote could "contain" any number

_SCALES = {
    "k": 1e3, "thousand": 1e3,
    "m": 1e6, "mn": 1e6, "mln": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "billions": 1e9,
    "t": 1e12, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip

_NUMBER = re.compile(
    r"(?<![\w.])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<frac>\d+))?(?!\d)"
    r"(?:\s?(?P<scale>k|thousand|mn|mln|mio|million|millions|m|bn|bln|billion|billions|b|tn|trillion|t)(?![a-z]))?",
    re.I,
)
_EURO_DECIMAL = re.compile(r"(?<![\d.,])(\d+),(\d{1,2})(?![\d,])")

_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "half": 0.5,
}  # fmt: skip
_WORD_NUMBER = re.compile(
    r"\b(?P<word>" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
    r"(?:\s+(?:a\s+)?(?P<scale>hundred|thousand|million|billion|trillion))?\b",
    re.I,
)


def readable_numbers(text: str) -> list[float]:
    """Every value a reader can read in ``text``, scale words applied ("$50 billion" -> 5e10)."""
    values: list[float] = []
    for m in _NUMBER.finditer(text):
        base = float(m.group("int").replace(",", "") + ("." + m.group("frac") if m.group("frac") else ""))
        scale = m.group("scale")
        values.append(base * _SCALES[scale.lower()] if scale else base)
    for m in _EURO_DECIMAL.finditer(text):  # "241,73 EUR" read as a decimal comma too
        values.append(float(f"{m.group(1)}.{m.group(2)}"))
    for m in _WORD_NUMBER.finditer(text):
        word, scale = m.group("word").lower(), m.group("scale")
        if word in ("a", "an") and not scale:
            continue
        value = float(_WORDS[word])
        values.append(value * (_SCALES.get(scale.lower(), 100.0) if scale else 1.0))
    return values


def number_readable(value: float, quote: str) -> bool:
    """True when ``value`` (sign ignored: the wording carries it) is one of the quote's numbers."""
    target = abs(float(value))
    return any(math.isclose(target, n, rel_tol=1e-6, abs_tol=1e-9) for n in readable_numbers(quote))


def numeric_fields(fields: BaseModel) -> dict[str, float]:
    """The numbers a claim asserts: its int/float fields that are set (dates and flags excluded)."""
    out: dict[str, float] = {}
    for name in type(fields).model_fields:
        value = getattr(fields, name)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            out[name] = float(value)
    return out


def _fmt(value: float) -> str:
    return f"{value:.10g}" if abs(value) < 1e15 else repr(value)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


_GENERIC = frozenset(
    "the and research capital securities partners group markets bank financial advisors advisory equity equities "
    "investment investments global asset management company holdings brothers inc llc ltd corp co plc".split()
)  # words that name no one in particular ("Seaport Research" is named by "Seaport")


def name_in_article(name: str, article: str, *, firm: bool = False) -> bool:
    """A name counts as present when it (or, for an analyst firm, a known alias) occurs in the article."""
    hay = _norm(article)
    if _norm(name) in hay:
        return True
    if firm:
        from ..firms import canonical_firm, firm_table

        canonical = canonical_firm(name)
        aliases = [canonical, *firm_table().get(canonical, [])]
        if any(_norm(a) in hay for a in aliases if len(a) >= 3):
            return True
    words = [w.lower() for w in re.findall(r"[A-Za-z][\w&'-]+", name) if len(w) >= 3 and w.lower() not in _GENERIC]
    return any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", hay) for w in words)


def quote_problem(quote: str, article: str) -> Optional[str]:
    if len(quote) > MAX_QUOTE_CHARS:
        return f"its quote is {len(quote)} characters long; quote only the clause that makes the claim (at most {MAX_QUOTE_CHARS})"
    if locate(article, quote) is None:
        return f"its quote {quote!r} does not occur in the article; copy the article's words character for character"
    return None


def claim_problems(claim: ClaimDraft, article: str) -> tuple[list[str], list[str]]:
    """(fatal, repairable) problems. Fatal ones drop the claim; repairable ones clear a field."""
    fatal: list[str] = []
    repairable: list[str] = []
    problem = quote_problem(claim.quote, article)
    if problem:
        return [problem], []
    for name, value in numeric_fields(claim.fields).items():
        if not number_readable(value, claim.quote):
            seen = ", ".join(_fmt(n) for n in readable_numbers(claim.quote)) or "none"
            fatal.append(
                f"fields.{name} = {_fmt(value)} is not readable in its quote {claim.quote!r} (numbers there: {seen}); "
                "state numbers as the quote gives them, in plain units ('$50 billion' = 50000000000), "
                "or quote the words that contain the number"
            )
    firm = getattr(claim.fields, "firm", None)
    if firm and not name_in_article(firm, article, firm=True):
        fatal.append(f"fields.firm {firm!r} is not named in the article; use the firm's name as the article writes it")
    written = getattr(claim.fields, "firm_as_written", None)
    if written and _norm(written) not in _norm(article):  # the article's own form, word for word
        repairable.append(f"fields.firm_as_written {written!r} does not occur in the article; leave it empty or copy the article's form")
    counterparty = getattr(claim.fields, "counterparty", None)
    if counterparty and not name_in_article(counterparty, article):
        repairable.append(f"fields.counterparty {counterparty!r} is not named in the article; leave it empty or use the article's name")
    if claim.attributed_to and not name_in_article(claim.attributed_to, article):
        repairable.append(f"attributed_to {claim.attributed_to!r} is not named in the article; leave it empty unless the article names the source")
    return fatal, repairable


def repair_claim(claim: ClaimDraft, article: str) -> ClaimDraft:
    """Clear the optional names the article does not contain (the claim itself stays)."""
    update: dict = {}
    if claim.attributed_to and not name_in_article(claim.attributed_to, article):
        update["attributed_to"] = None
    counterparty = getattr(claim.fields, "counterparty", None)
    if counterparty and not name_in_article(counterparty, article):
        update["fields"] = claim.fields.model_copy(update={"counterparty": None})
    written = getattr(claim.fields, "firm_as_written", None)
    if written and _norm(written) not in _norm(article):
        update["fields"] = claim.fields.model_copy(update={"firm_as_written": None})  # a form the article lacks
    return claim.model_copy(update=update) if update else claim


def flag_problems(flag: FlagDraft, article: str) -> list[str]:
    problem = quote_problem(flag.quote, article)
    return [problem] if problem else []
