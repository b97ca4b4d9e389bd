"""Market data shared by concurrent requests: one fetch per (ticker, window) in flight.

Eight editors pasting stories about the same company at once cost one fetch, not eight: the first
request for a (ticker, start, end) window fetches, the others wait for its answer. Nothing is kept
after the answer (the provider's own cache, ``--market auto``, decides how long data stays fresh).

A source failure is also recorded for the request that met it (per worker thread), so the server
can answer 503 instead of a report whose claims all read "no data".
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from typing import Any

from ..errors import MarketDataError, TickerNotFound
from ..market.base import MarketProvider, MarketRequest, TickerData


class SharedFetches:
    """A provider wrapper: concurrent fetches of the same window share one call of ``inner.fetch``."""

    def __init__(self, inner: MarketProvider):
        self.inner = inner
        self.name = getattr(inner, "name", "shared")  # the pipeline asks for "yfinance" to resolve names online
        self._lock = threading.Lock()
        self._inflight: dict[tuple[str, Any, Any], Future] = {}
        self._local = threading.local()
        self.fetches = 0  # calls of the inner provider
        self.shared = 0  # requests answered by another request's call

    def describe(self) -> str:
        return self.inner.describe()

    # ------------------------------------------------------------------ per-request failure record

    def begin(self) -> None:
        """Start recording source failures for the request running on this thread."""
        self._local.failures = []

    def failures(self) -> list[str]:
        """The source failures the request on this thread met since ``begin()``."""
        return list(getattr(self._local, "failures", []))

    def _failed(self, message: str) -> None:
        if not hasattr(self._local, "failures"):
            self._local.failures = []
        self._local.failures.append(message)

    # ------------------------------------------------------------------ fetching

    def fetch(self, request: MarketRequest) -> TickerData:
        key = (request.ticker.upper(), request.start, request.end)
        with self._lock:
            future = self._inflight.get(key)
            leader = future is None
            if leader:
                future = Future()
                self._inflight[key] = future
                self.fetches += 1
            else:
                self.shared += 1
        if leader:
            try:
                future.set_result(self.inner.fetch(request))
            except BaseException as exc:  # noqa: BLE001 - handed to every waiter, raised below
                future.set_exception(exc)
            finally:
                with self._lock:
                    self._inflight.pop(key, None)
        try:
            return future.result()
        # a fresh exception per request: re-raising one shared object grows its traceback for every waiter
        except TickerNotFound as exc:
            raise TickerNotFound(str(exc)) from None
        except MarketDataError as exc:
            self._failed(f"{request.ticker.upper()}: {exc}")
            raise type(exc)(str(exc)) from None
        except OSError as exc:  # a source leaking a socket error is still a data outage
            self._failed(f"{request.ticker.upper()}: {exc}")
            raise MarketDataError(str(exc)) from None
