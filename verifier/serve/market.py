"""Market data shared by concurrent requests: one fetch per ticker in flight.

Eight editors pasting stories about the same company at once cost one fetch, not eight: the first
request for a ticker fetches its window, and every request for that ticker whose window lies
inside it waits for that answer instead of fetching again. Nothing is kept
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
    """A provider wrapper: concurrent fetches of one ticker, within one window, share one call of ``inner.fetch``."""

    def __init__(self, inner: MarketProvider):
        self.inner = inner
        self.name = getattr(inner, "name", "shared")  # the pipeline asks for "yfinance" to resolve names online
        self._lock = threading.Lock()
        self._inflight: dict[str, list[tuple[Any, Any, Future]]] = {}  # ticker -> (start, end, answer)
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
        ticker = request.ticker.upper()
        with self._lock:
            # a fetch in flight for this ticker whose window covers this one answers it too
            future = next(
                (f for start, end, f in self._inflight.get(ticker, ()) if start <= request.start and end >= request.end),
                None,
            )
            leader = future is None
            if leader:
                future = Future()
                entry = (request.start, request.end, future)
                self._inflight.setdefault(ticker, []).append(entry)
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
                    waiting = self._inflight.get(ticker, [])
                    waiting.remove(entry)
                    if not waiting:
                        self._inflight.pop(ticker, None)
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
