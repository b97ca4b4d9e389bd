"""A local SQLite cache of normalised market data, and the provider that serves through it.

``--market auto`` (this cache in front of yfinance and EDGAR) is assembled in ``auto.py``.

yfinance rejects caching HTTP sessions (requests_cache), so what is cached here is our own
``TickerData`` per ticker and date window, in ``<cache dir>/market.sqlite3`` (``VERIFIER_CACHE_DIR``
overrides the folder). Freshness follows what the data is:

- a window that had ended when it was retrieved (retrieved on a later day in the exchange's time
  zone) is FINAL: completed sessions and past analyst actions do not change, so it is kept for good
  and serves any later request for the same or a narrower window;
- a window reaching today (a session in progress, upcoming events, the live profile) is kept for
  ``ttl`` seconds (15 minutes by default);
- an unknown ticker is remembered for a day, so a second run does not ask again.

A second run of the same article therefore makes no network request. When the source fails
(offline, rate-limited) an expired entry still serves, with a note saying how old it is. A cache
that cannot be opened or written (read-only or full disk) never fails a run: it is switched off
and ``describe()`` says why.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Callable, Optional
from zoneinfo import ZoneInfo

from ..errors import MarketDataError, TickerNotFound
from .base import MarketProvider, MarketRequest, Provenance, TickerData

DEFAULT_TTL = 15 * 60  # seconds a live (non-final) entry is served
NOT_FOUND_TTL = 24 * 3600  # seconds an unknown ticker is remembered
CACHE_FILE = "market.sqlite3"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS market_data (
    provider TEXT NOT NULL,
    ticker TEXT NOT NULL,
    start TEXT NOT NULL,
    "end" TEXT NOT NULL,
    retrieved_at TEXT NOT NULL,
    final INTEGER NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (provider, ticker, start, "end")
);
CREATE TABLE IF NOT EXISTS not_found (
    provider TEXT NOT NULL,
    ticker TEXT NOT NULL,
    retrieved_at TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (provider, ticker)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    url TEXT PRIMARY KEY,
    retrieved_at TEXT NOT NULL,
    body BLOB NOT NULL
);
"""


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def is_final(data: TickerData, end: dt.date, retrieved_at: dt.datetime) -> bool:
    """True when every session up to ``end`` had completed at retrieval: the data cannot change.

    Data with a part that failed to load ('could not be read') is never final: it is retried after the TTL.
    """
    if any("could not be read" in m for m in data.missing):
        return False
    tz_name = (data.prices.timezone if data.prices else None) or (data.profile.timezone if data.profile else None)
    try:
        tz = ZoneInfo(tz_name or "America/New_York")
    except Exception:  # noqa: BLE001 - an odd zone name from a source
        tz = ZoneInfo("America/New_York")
    return retrieved_at.astimezone(tz).date() > end


class MarketCache:
    """The SQLite file. Every method may raise ``sqlite3.Error``; ``CachingProvider`` handles it."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(self.path), timeout=5.0, isolation_level=None)
        self.writable = True
        try:
            self.conn.executescript(_SCHEMA)
            self.conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        except sqlite3.OperationalError as exc:
            # an existing cache in a read-only place can still be read
            if "readonly" not in str(exc).lower() and "read-only" not in str(exc).lower():
                raise
            self.writable = False
            self.conn.execute("SELECT 1 FROM market_data LIMIT 1")

    @classmethod
    def default_path(cls) -> Path:
        from ..config import cache_dir

        return cache_dir() / CACHE_FILE

    def lookup(self, provider: str, request: MarketRequest) -> list[tuple[TickerData, dt.datetime, bool]]:
        """Entries whose window covers the request, newest first: (data, retrieved_at, final)."""
        rows = self.conn.execute(
            'SELECT payload, retrieved_at, final FROM market_data WHERE provider=? AND ticker=? AND start<=? AND "end">=? '
            "ORDER BY retrieved_at DESC",
            (provider, request.ticker.upper(), request.start.isoformat(), request.end.isoformat()),
        ).fetchall()
        out = []
        for payload, retrieved, final in rows:
            try:
                data = TickerData.model_validate_json(payload)
            except ValueError:
                continue  # an entry from another version of the format: ignore it
            out.append((data, dt.datetime.fromisoformat(retrieved), bool(final)))
        return out

    def store(self, provider: str, request: MarketRequest, data: TickerData, retrieved_at: dt.datetime) -> None:
        final = is_final(data, request.end, retrieved_at)
        self.conn.execute(
            'INSERT OR REPLACE INTO market_data (provider, ticker, start, "end", retrieved_at, final, payload) '
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                provider,
                request.ticker.upper(),
                request.start.isoformat(),
                request.end.isoformat(),
                retrieved_at.isoformat(),
                int(final),
                data.model_dump_json(exclude_none=True),
            ),
        )

    def not_found(self, provider: str, ticker: str) -> Optional[tuple[str, dt.datetime]]:
        row = self.conn.execute(
            "SELECT message, retrieved_at FROM not_found WHERE provider=? AND ticker=?", (provider, ticker.upper())
        ).fetchone()
        return (row[0], dt.datetime.fromisoformat(row[1])) if row else None

    def store_not_found(self, provider: str, ticker: str, message: str, retrieved_at: dt.datetime) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO not_found VALUES (?, ?, ?, ?)", (provider, ticker.upper(), retrieved_at.isoformat(), message)
        )

    def document(self, url: str) -> Optional[tuple[bytes, dt.datetime]]:
        """A raw source document (SEC EDGAR JSON) stored by URL, with when it was retrieved."""
        row = self.conn.execute("SELECT body, retrieved_at FROM documents WHERE url=?", (url,)).fetchone()
        return (bytes(row[0]), dt.datetime.fromisoformat(row[1])) if row else None

    def store_document(self, url: str, body: bytes, retrieved_at: dt.datetime) -> None:
        if not self.writable:
            return
        self.conn.execute("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)", (url, retrieved_at.isoformat(), body))

    def clear(self) -> None:
        self.conn.execute("DELETE FROM market_data")
        self.conn.execute("DELETE FROM not_found")
        self.conn.execute("DELETE FROM documents")

    def stats(self) -> dict:
        entries = self.conn.execute("SELECT COUNT(*), SUM(final) FROM market_data").fetchone()
        return {"path": str(self.path), "entries": entries[0] or 0, "final": entries[1] or 0}


def open_cache(path: Optional[Path] = None) -> tuple[Optional[MarketCache], Optional[str]]:
    """The cache, or None and why not (a folder that cannot be created, a corrupt or locked file)."""
    target = Path(path) if path else MarketCache.default_path()
    try:
        return MarketCache(target), None
    except (OSError, sqlite3.Error) as exc:
        return None, f"market-data cache off: {target} cannot be used ({exc}); set VERIFIER_CACHE_DIR to a writable folder"


class CachingProvider:
    """Wraps any provider with the SQLite cache (see the module docstring for the rules)."""

    def __init__(
        self,
        inner: MarketProvider,
        cache: Optional[MarketCache] = None,
        *,
        ttl: float = DEFAULT_TTL,
        now: Optional[Callable[[], dt.datetime]] = None,
        note: Optional[str] = None,
    ):
        self.inner = inner
        self.cache = cache
        self.ttl = ttl
        self.name = getattr(inner, "name", "provider")
        self._now = now or _utcnow
        self.notes: list[str] = [note] if note else []
        self.hits = 0
        self.misses = 0

    def describe(self) -> str:
        if self.cache is None:
            return f"{self.inner.describe()} (no cache: {self.notes[-1] if self.notes else 'disabled'})"
        return f"{self.inner.describe()} with cache {self.cache.path}"

    def _disable(self, exc: BaseException) -> None:
        where = self.cache.path if self.cache else "the cache"
        self.notes.append(f"market-data cache off: {where} failed ({exc}); set VERIFIER_CACHE_DIR to a writable folder")
        self.cache = None

    @staticmethod
    def _with_note(data: TickerData, note: str) -> TickerData:
        prov = data.provenance or Provenance(source="cache")
        joined = f"{prov.note}; {note}" if prov.note else note
        return data.model_copy(update={"provenance": prov.model_copy(update={"note": joined})})

    def fetch(self, request: MarketRequest) -> TickerData:
        now = self._now()
        ticker = request.ticker.upper()
        entries: list[tuple[TickerData, dt.datetime, bool]] = []
        if self.cache is not None:
            try:
                miss = self.cache.not_found(self.name, ticker)
                if miss and (now - miss[1]).total_seconds() < NOT_FOUND_TTL:
                    self.hits += 1
                    raise TickerNotFound(f"{miss[0]} (remembered from {miss[1]:%Y-%m-%d %H:%M} UTC)")
                entries = self.cache.lookup(self.name, request)
            except sqlite3.Error as exc:
                self._disable(exc)
        for data, retrieved, final in entries:
            if final or (now - retrieved).total_seconds() < self.ttl:
                self.hits += 1
                return self._with_note(data, f"served from the local cache (retrieved {retrieved:%Y-%m-%d %H:%M} UTC)")

        self.misses += 1
        try:
            data = self.inner.fetch(request)
        except TickerNotFound as exc:
            message = str(exc)
            self._store(lambda: self.cache.store_not_found(self.name, ticker, message, now))
            raise
        except MarketDataError as exc:
            if entries:  # stale beats nothing, said plainly
                data, retrieved, _ = entries[0]
                return self._with_note(
                    data,
                    f"the source failed ({exc}); served cached data retrieved {retrieved:%Y-%m-%d %H:%M} UTC, "
                    "which may be out of date",
                )
            raise
        self._store(lambda: self.cache.store(self.name, request, data, now))
        return data

    def _store(self, write: Callable[[], None]) -> None:
        if self.cache is None or not self.cache.writable:
            return
        try:
            write()
        except sqlite3.Error as exc:
            self._disable(exc)
