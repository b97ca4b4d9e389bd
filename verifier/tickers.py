"""Company name -> ticker, from the bundled alias table of large US listings.

An ambiguous or unknown name is never guessed: ``resolve_company`` returns the candidates and a
reason, and the claim is reported ``unverifiable`` with them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional

_SUFFIXES = re.compile(
    r"[,.]?\s+(inc|incorporated|corp|corporation|co|company|ltd|limited|plc|ag|se|sa|nv|holdings|group|"
    r"class [abc]|the)\.?$",
    re.I,
)


@dataclass
class Resolution:
    ticker: Optional[str]
    name: Optional[str] = None
    candidates: list[str] = field(default_factory=list)
    reason: Optional[str] = None


def normalise_name(name: str) -> str:
    name = name.strip().strip("'\u2019").lower()
    name = re.sub(r"['\u2019]s$", "", name)
    name = re.sub(r"^the\s+", "", name)
    prev = None
    while prev != name:
        prev = name
        name = _SUFFIXES.sub("", name).strip(" ,.")
    return re.sub(r"\s+", " ", name)


@lru_cache(maxsize=1)
def company_table() -> dict:
    """{"TICKER": {"name": ..., "aliases": [...], "exchange": ...}} from verifier/data/companies.json."""
    raw = resources.files("verifier.data").joinpath("companies.json").read_text(encoding="utf-8")
    return json.loads(raw)["companies"]


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for ticker, entry in company_table().items():
        for alias in [entry["name"], *entry.get("aliases", [])]:
            key = normalise_name(alias)
            if ticker not in index.setdefault(key, []):
                index[key].append(ticker)
    return index


def resolve_company(name: str, extra: Optional[dict[str, str]] = None) -> Resolution:
    """Resolve a company name (or a ticker written as such) to one ticker."""
    if not name or not name.strip():
        return Resolution(None, reason="no company named")
    if extra:
        for alias, ticker in extra.items():
            if normalise_name(alias) == normalise_name(name):
                return Resolution(ticker.upper(), name)
    table = company_table()
    upper = name.strip().upper()
    if upper in table:
        return Resolution(upper, table[upper]["name"])
    hits = _alias_index().get(normalise_name(name), [])
    if len(hits) == 1:
        return Resolution(hits[0], table[hits[0]]["name"])
    if len(hits) > 1:
        return Resolution(
            None,
            candidates=hits,
            reason=f"'{name}' matches several listings ({', '.join(hits)}); pass --ticker to choose one",
        )
    return Resolution(None, reason=f"'{name}' is not in the bundled company table; pass --ticker to name its listing")


def resolve_company_online(name: str, extra: Optional[dict[str, str]] = None, *, search=None) -> Resolution:  # noqa: ANN001
    """``resolve_company``, then Yahoo's symbol search for a name the bundled table lacks.

    The table stays first (and its ambiguous answers stand). The search picks a listing only when
    exactly one issuer and one best listing match; otherwise the candidates come back (see
    ``verifier.market.symbols``). ``search`` (query -> [{symbol, name, exchange, type}]) replaces
    the yfinance search, e.g. in tests; offline the table's reason is kept with the failure added.
    """
    first = resolve_company(name, extra)
    if first.ticker or first.candidates or not name or not name.strip():
        return first
    from .market.symbols import resolve_by_search

    return resolve_by_search(name, search)


def known_names() -> dict[str, str]:
    """alias (as written in the table) -> ticker, for the rule engine's company spotting."""
    out: dict[str, str] = {}
    for ticker, entry in company_table().items():
        for alias in [entry["name"], *entry.get("aliases", [])]:
            out[alias] = ticker
    return out
