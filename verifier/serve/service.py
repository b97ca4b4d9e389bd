"""The work behind the server, free of HTTP: audit an article off the event loop, store it, read the history.

- Checks run on a pool of ``jobs`` worker threads, never on the event loop, each within the
  per-request time limit. A check that runs out of time is answered 504 and not stored.
- One writer: every run is stored by a single thread owning one SQLite connection, with the
  database in WAL mode, so concurrent requests never meet "database is locked" and readers (the
  history page, ``GET /api/v1/runs``) never wait for a write. Another process writing the same
  file (a ``verifier check`` in a terminal) waits its turn through SQLite's busy timeout.
- Market data goes through ``SharedFetches``: concurrent requests for one ticker share a fetch.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional, TypeVar

from ..document import SourceDocument
from ..errors import ConfigError, InputError, MarketDataError, ServiceError, SnapshotError, VerifierError
from ..store import History, HistoryError, RunNotFound, default_path, redact_secrets
from .market import SharedFetches
from .settings import ServeSettings

log = logging.getLogger("verifier.serve")
T = TypeVar("T")


class CheckTimeout(VerifierError):
    """A check ran past the per-request time limit."""


class MarketUnavailable(MarketDataError):
    """A market-data source failed during a check; the report would read 'no data' for reasons of an outage."""


@dataclass
class StoredRun:
    """A finished check: its run id and the report JSON exactly as stored."""

    run_id: str
    report_json: str
    claims: int
    seconds: float


def status_for(exc: BaseException) -> int:
    """The HTTP status of a domain error."""
    if isinstance(exc, RunNotFound):
        return 404
    if isinstance(exc, CheckTimeout):
        return 504
    if isinstance(exc, (ServiceError, SnapshotError, HistoryError)):
        return 503
    if isinstance(exc, InputError):
        return 400
    if isinstance(exc, ConfigError):
        return 500
    if isinstance(exc, VerifierError):
        return 400
    return 500


class AuditService:
    """Audits, stores and reads runs for the server; thread-safe; ``close()`` when done."""

    def __init__(self, settings: ServeSettings):
        from ..market import open_provider

        self.settings = settings
        self.secrets = settings.secrets
        market = settings.market
        inner = open_provider(market) if (market is None or isinstance(market, str)) else market
        self.market: Optional[SharedFetches] = SharedFetches(inner) if inner is not None else None
        self.market_label = inner.describe() if inner is not None else "none"
        self._check_extractor()
        self.history_path = Path(settings.history_path) if settings.history_path else default_path()
        # open once now: migrate, switch to WAL and fail fast (one line) if the folder is not writable
        History.open(self.history_path, wal=True).close()
        self._pool = ThreadPoolExecutor(settings.jobs, thread_name_prefix="verifier-check")
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="verifier-history")
        self._writer_local = threading.local()
        self.started = time.time()
        self.checks = 0
        self.failures = 0

    def _check_extractor(self) -> None:
        from ..extract import get_extractor

        engine = get_extractor(self.settings.extractor, self.settings.llm_settings)  # raises when llm is unset
        self.extractor_label = getattr(engine, "name", None) or type(engine).__name__

    # ------------------------------------------------------------------ checking

    def _audit(self, doc: SourceDocument, published: Optional[str], ticker: Optional[str]):  # noqa: ANN202
        """On a worker thread: the pipeline, with this request's market failures recorded."""
        from ..pipeline import verify

        if self.market is not None:
            self.market.begin()
        report = verify(
            doc, published_at=published, extractor=self.settings.extractor,
            market=self.market if self.market is not None else "none",  # None would mean "auto"
            ticker=ticker, llm_settings=self.settings.llm_settings,
        )
        failures = self.market.failures() if self.market is not None else []
        if failures:
            raise MarketUnavailable(
                f"market data unavailable ({'; '.join(failures)}); retry later, or start the server with "
                "--market SNAPSHOT.json or --market none"
            )
        return report

    def _save(self, report: Any) -> tuple[str, str]:
        """On the writer thread: store the run through the one writer connection."""
        history = getattr(self._writer_local, "history", None)
        if history is None:
            history = History.open(self.history_path, wal=True, secrets=self.secrets)
            self._writer_local.history = history
        run_id = history.save(report)
        return run_id, history.get_json(run_id)

    async def check(self, doc: SourceDocument, published: Optional[str] = None, ticker: Optional[str] = None) -> StoredRun:
        """Audit ``doc`` within the time limit, store the run, return it."""
        loop = asyncio.get_running_loop()
        started = time.monotonic()
        future = loop.run_in_executor(self._pool, self._audit, doc, published, ticker)
        try:
            report = await asyncio.wait_for(future, self.settings.timeout)
        except asyncio.TimeoutError:
            self.failures += 1
            raise CheckTimeout(
                f"the check took longer than the server's limit of {self.settings.timeout:g} s and was dropped; "
                "send a shorter article or start the server with a larger --timeout"
            ) from None
        except Exception:
            self.failures += 1
            raise
        if self.settings.log_runs:
            run_id, report_json = await loop.run_in_executor(self._writer, self._save, report)
        else:
            run_id, report_json = "", redact_secrets(report.to_json(), self.secrets)
        self.checks += 1
        seconds = time.monotonic() - started
        s = report.summary
        log.info(
            "check %s: %d claims (%d contradicted), %d flags, %.3f s", run_id or "(not stored)", s.claims,
            s.contradicted, s.flags, seconds,
        )
        return StoredRun(run_id, report_json, s.claims, seconds)

    # ------------------------------------------------------------------ reading

    async def read(self, fn: Callable[[History], T]) -> T:
        """Run ``fn(history)`` on a reader connection off the event loop (WAL: never waits for the writer)."""
        from starlette.concurrency import run_in_threadpool

        def call() -> T:
            with History.open(self.history_path) as history:
                return fn(history)

        return await run_in_threadpool(call)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

        def close_writer() -> None:
            history = getattr(self._writer_local, "history", None)
            if history is not None:
                history.close()

        self._writer.submit(close_writer)
        self._writer.shutdown(wait=True)
