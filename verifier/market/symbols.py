"""Company name -> listing through Yahoo's symbol search, for names the bundled table lacks.

Never a silent guess. The search's equity results are grouped by issuer; the name must match one
issuer, and that issuer's listings are ranked deliberately:

    0  a US primary exchange (Nasdaq, NYSE, NYSE American, NYSE Arca, Cboe BZX)
    1  another primary exchange (XETRA, London, Paris, Tokyo, Toronto, ...)
    2  a secondary regional listing (Frankfurt, Stuttgart, Berlin, ... floor trading of foreign shares)
    3  over the counter (ADRs and foreign shares on OTC Markets)

A single best-ranked listing is chosen and the reason names the others (a German company quoted
as SIE.DE, with its OTC ADR SIEGY named). Several issuers matching the name, or several
best-ranked listings of one issuer (share classes such as GOOGL/GOOG), give no ticker and the
candidates. Results are cached in the market cache for a week.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sqlite3
from typing import Callable, Optional

from ..errors import MarketDataError
from ..tickers import CompanyLookup, Resolution, normalise_name

SEARCH_TTL = 7 * 24 * 3600
US_PRIMARY = {"NMS", "NGM", "NCM", "NAS", "NYQ", "NYS", "ASE", "PCX", "BTS"}
SECONDARY = {"FRA", "STU", "BER", "MUN", "DUS", "HAM", "HAN", "MEX"}
OTC = {"PNK", "OQB", "OQX", "OTC", "OBB", "PK"}
_EXTRA_SUFFIXES = re.compile(
    r"\s+(aktiengesellschaft|societas europaea|s\.?a\.?|n\.?v\.?|s\.?p\.?a\.?|a/s|asa|ab|oyj|kgaa|gmbh|"
    r"limited|ltd|plc|group|holdings?|corporation|incorporated|company)\.?$",
    re.I,
)

SearchFn = Callable[[str], list[dict]]


def listing_rank(exchange: str) -> int:
    code = (exchange or "").upper()
    if code in US_PRIMARY:
        return 0
    if code in OTC:
        return 3
    if code in SECONDARY:
        return 2
    return 1


def issuer_key(name: str) -> str:
    key = normalise_name(name or "")
    previous = None
    while previous != key:
        previous = key
        key = _EXTRA_SUFFIXES.sub("", key).strip(" ,.")
    return key


def _cached_search(query: str, search: SearchFn) -> list[dict]:
    """The search's answer, through the market cache when it can be used (a week)."""
    from .cache import open_cache

    cache, _ = open_cache()
    key = query.strip().lower()
    now = dt.datetime.now(dt.timezone.utc)
    if cache is not None:
        try:
            cache.conn.execute(
                "CREATE TABLE IF NOT EXISTS symbol_search (query TEXT PRIMARY KEY, retrieved_at TEXT NOT NULL, payload TEXT NOT NULL)"
            )
            row = cache.conn.execute("SELECT retrieved_at, payload FROM symbol_search WHERE query=?", (key,)).fetchone()
            if row and (now - dt.datetime.fromisoformat(row[0])).total_seconds() < SEARCH_TTL:
                return json.loads(row[1])
        except (sqlite3.Error, ValueError):
            cache = None
    results = search(query)
    if cache is not None:
        try:
            cache.conn.execute(
                "INSERT OR REPLACE INTO symbol_search VALUES (?, ?, ?)", (key, now.isoformat(), json.dumps(results))
            )
        except sqlite3.Error:
            pass
    return results


def _default_search(query: str) -> list[dict]:
    from .yfinance import YFinanceProvider

    return YFinanceProvider().search(query)


def resolve_by_search(name: str, search: Optional[SearchFn] = None, *, use_cache: bool = True) -> Resolution:
    """A ``tickers.Resolution`` for ``name`` from Yahoo's symbol search (see the module docstring)."""
    fn = search or _default_search
    try:
        results = _cached_search(name, fn) if use_cache else fn(name)
    except MarketDataError as exc:
        return Resolution(None, reason=f"'{name}' is not in the bundled company table and the online search failed ({exc}); pass --ticker")
    equities = [q for q in results if (q.get("type") or "EQUITY").upper() == "EQUITY" and q.get("symbol")]
    if not equities:
        return Resolution(None, reason=f"'{name}' is not in the bundled company table and Yahoo's search finds no listed company; pass --ticker")
    wanted = issuer_key(name)
    issuers: dict[str, list[dict]] = {}
    for q in equities:
        issuers.setdefault(issuer_key(q.get("name") or q["symbol"]), []).append(q)
    exact = [k for k in issuers if k == wanted]
    close = [k for k in issuers if k.startswith(wanted + " ") or wanted.startswith(k + " ")]
    matched = exact or close
    if len(matched) != 1:
        candidates = [min(v, key=lambda q: listing_rank(q["exchange"]))["symbol"] for k, v in issuers.items()][:6]
        names = "; ".join(f"{v[0].get('name') or k} ({', '.join(q['symbol'] for q in v)})" for k, v in list(issuers.items())[:4])
        why = "several companies" if len(matched) > 1 else "no company of exactly that name"
        return Resolution(
            None,
            candidates=candidates,
            reason=f"'{name}' matches {why} in Yahoo's search: {names}; pass --ticker to choose one",
        )
    listings = sorted(issuers[matched[0]], key=lambda q: listing_rank(q["exchange"]))
    best = listing_rank(listings[0]["exchange"])
    top = [q for q in listings if listing_rank(q["exchange"]) == best]
    company = listings[0].get("name") or name
    if len(top) > 1:
        symbols = [q["symbol"] for q in top]
        return Resolution(
            None,
            candidates=symbols,
            reason=f"'{name}' ({company}) trades as several share classes or listings ({', '.join(symbols)}); "
            "pass --ticker or write the cashtag to choose one",
        )
    chosen = top[0]
    others = [f"{q['symbol']} ({q['exchange']})" for q in listings if q is not chosen]
    kind = {0: "its US primary listing", 1: "its home-exchange listing", 2: "a secondary listing", 3: "an over-the-counter listing"}[best]
    reason = f"'{name}' resolved by Yahoo's search to {chosen['symbol']} on {chosen['exchange']}, {kind}"
    if others:
        reason += f"; other listings not used: {', '.join(others)}"
    return Resolution(chosen["symbol"], company, reason=reason)


def search_lookup(search: Optional[SearchFn] = None, *, use_cache: bool = True) -> CompanyLookup:
    """The ``tickers.CompanyLookup`` that ``tickers.resolve_company_online`` is given: ``resolve_by_search``.

    ``search`` (query -> [{symbol, name, exchange, type}]) replaces the yfinance search, e.g. in tests.
    """

    def lookup(name: str) -> Resolution:
        return resolve_by_search(name, search, use_cache=use_cache)

    return lookup
