"""Shared by the server tests: a real server on a free loopback port, and providers that misbehave on cue."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

from verifier.errors import MarketDataError
from verifier.market.snapshot import SnapshotProvider

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
EXAMPLE = ROOT / "fixtures" / "articles" / "amazon-restructuring.txt"


class SlowSnapshot(SnapshotProvider):
    """The bundled snapshot, each fetch taking ``delay`` seconds and counted; ``fail`` raises a source outage;
    ``release``: each fetch waits until the test sets this event (a fetch held open on cue, not on a clock)."""

    def __init__(self, delay: float = 0.0, fail: bool = False, release: "threading.Event | None" = None):
        super().__init__(SNAPSHOT)
        self.delay = delay
        self.fail = fail
        self.release = release
        self.calls = 0
        self._lock = threading.Lock()

    def fetch(self, request: Any):  # noqa: ANN201
        with self._lock:
            self.calls += 1
        if self.release is not None:
            self.release.wait(30)
        time.sleep(self.delay)
        if self.fail:
            raise MarketDataError("the market source answered 502 Bad Gateway")
        return super().fetch(request)
