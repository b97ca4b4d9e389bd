"""One batch's market data: each ticker fetched once and shared by every worker thread.

Lives with the providers because it is one (a wrapper with the same ``describe()``/``fetch()``);
``verifier.batch`` builds one per run.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Optional

from ..errors import TickerNotFound
from .base import MarketProvider, MarketRequest, TickerData


class SharedMarket:
    """A provider wrapper that fetches each ticker once per batch (thread-safe).

    ``window`` is the batch's date span when known (from a scan of the input's publication
    times): the first fetch of a ticker covers all of it, so later articles find their dates
    already there. Without it, a request outside the data held fetches the union window padded by
    ``pad_days`` on the side that grew, so a multi-year archive costs a few fetches, not one per
    article.
    """

    name = "shared"

    def __init__(
        self, inner: MarketProvider, window: Optional[tuple[dt.date, dt.date]] = None, pad_days: int = 90
    ):
        self.inner = inner
        self.window = window
        self.pad = dt.timedelta(days=pad_days)
        self._lock = threading.Lock()
        self._ticker_locks: dict[str, threading.Lock] = {}
        self._data: dict[str, tuple[dt.date, dt.date, TickerData]] = {}
        self._unknown: dict[str, str] = {}  # a message, not the exception: re-raising one object grows its traceback
        self.fetches: dict[str, int] = {}

    def describe(self) -> str:
        return self.inner.describe()

    def fetch(self, request: MarketRequest) -> TickerData:
        ticker = request.ticker.upper()
        with self._lock:
            lock = self._ticker_locks.setdefault(ticker, threading.Lock())
        with lock:
            if ticker in self._unknown:
                raise TickerNotFound(self._unknown[ticker])
            cached = self._data.get(ticker)
            if cached and cached[0] <= request.start and cached[1] >= request.end:
                return cached[2]
            start, end = request.start, request.end
            if self.window is not None:
                start, end = min(start, self.window[0]), max(end, self.window[1])
            if cached:
                if start < cached[0] and self.window is None:
                    start -= self.pad
                if end > cached[1] and self.window is None:
                    end += self.pad
                start, end = min(start, cached[0]), max(end, cached[1])
            self.fetches[ticker] = self.fetches.get(ticker, 0) + 1
            try:
                data = self.inner.fetch(MarketRequest(ticker=ticker, start=start, end=end))
            except TickerNotFound as exc:
                self._unknown[ticker] = str(exc)
                raise
            self._data[ticker] = (start, end, data)
            return data
