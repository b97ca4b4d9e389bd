"""Analyst firm names: one canonical name per firm, whatever the article calls it.

"Roth Capital", "Roth MKM" and "Roth Capital Partners" are one firm; checks compare canonical
names so an article's wording never decides a match.
"""

from __future__ import annotations

import json
from verifier import recache as re
from functools import lru_cache
from importlib import resources
from typing import Iterable

_NOISE = re.compile(r"[.,&']|\b(inc|llc|ltd|co|company|securities|group|partners|capital markets|research)\b", re.I)


def _key(name: str) -> str:
    return re.sub(r"\s+", " ", _NOISE.sub(" ", name.lower())).strip()


@lru_cache(maxsize=1)
def firm_table() -> dict[str, list[str]]:
    raw = resources.files("verifier.data").joinpath("firms.json").read_text(encoding="utf-8")
    return {k: v for k, v in json.loads(raw)["firms"].items() if v}


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for canonical, aliases in firm_table().items():
        for alias in [canonical, *aliases]:
            index.setdefault(alias.lower(), canonical)
            index.setdefault(_key(alias), canonical)
    return index


def canonical_firm(name: str) -> str:
    """The firm's canonical name, or the cleaned name itself when the table does not know it."""
    cleaned = " ".join(name.split())
    index = _index()
    return index.get(cleaned.lower()) or index.get(_key(cleaned)) or cleaned


def same_firm(a: str, b: str) -> bool:
    return _key(canonical_firm(a)) == _key(canonical_firm(b))


def firm_aliases() -> list[str]:
    """Every known spelling, longest first (so 'Roth Capital Partners' wins over 'Roth')."""
    return list(_sorted_aliases())


@lru_cache(maxsize=1)
def _sorted_aliases() -> tuple[str, ...]:
    names = {alias for canonical, aliases in firm_table().items() for alias in [canonical, *aliases]}
    return tuple(sorted(names, key=lambda a: (-len(a), a)))  # ties by name: one pattern string whatever the hash seed


def firm_alternation(names: Iterable[str]) -> str:
    """``names`` as one regex alternation, escaped and longest first (so 'Roth Capital Partners' wins
    over 'Roth'): the one way the rule engine and attribution build their firm patterns."""
    return "|".join(re.escape(a) for a in sorted(set(names), key=lambda a: (-len(a), a)))
