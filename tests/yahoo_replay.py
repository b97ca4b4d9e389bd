"""Serve recorded Yahoo responses to the real yfinance library, in place of its HTTP session.

The replay approach of yfinance's own test suite: yfinance runs unchanged (cookie and crumb
requests, chart API parsing, quoteSummary parsing, the earnings page scrape), only the transport is
a ``curl_cffi`` Session subclass that answers from ``fixtures/yahoo/``:

    fixtures/yahoo/SYMBOL/chart.json                          /v8/finance/chart/SYMBOL
    fixtures/yahoo/SYMBOL/quoteSummary-<module>.json          /v10/finance/quoteSummary/SYMBOL?modules=<module>
    fixtures/yahoo/SYMBOL/quoteSummary-info.json              the modules of Ticker.info
    fixtures/yahoo/SYMBOL/quote.json                          /v7/finance/quote?symbols=SYMBOL
    fixtures/yahoo/SYMBOL/earnings.html                       finance.yahoo.com/calendar/earnings?symbol=SYMBOL
    fixtures/yahoo/SYMBOL/timeseries-<quarterly|annual>.json  /ws/fundamentals-timeseries/.../SYMBOL (income statements)
    fixtures/yahoo/search/<query-slug>.json                   /v1/finance/search?q=<query>

An unknown symbol gets Yahoo's 404 bodies. Fault modes: ``offline`` (every request raises the
connection error curl_cffi raises without network), ``hang`` (requests block until released),
``status`` (answer a path kind with an HTTP status, e.g. 429).
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import Optional
from urllib.parse import parse_qsl, urlsplit

from curl_cffi import requests as curl_requests
from curl_cffi.requests.exceptions import ConnectionError as CurlConnectionError
from curl_cffi.requests.models import Response

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "yahoo"
INFO_MODULES = {"financialData", "quoteType", "defaultKeyStatistics", "assetProfile", "summaryDetail"}


def reset_yfinance() -> None:
    """Forget yfinance's process-wide state (session singleton, crumb, in-memory response cache)."""
    import yfinance.data as yfdata

    yfdata.SingletonMeta._instances.pop(yfdata.YfData, None)
    yfdata.YfData.cache_get.cache_clear()


def _response(url: str, status: int, body: str | bytes, content_type: str = "application/json") -> Response:
    r = Response()
    r.url = url
    r.status_code = status
    r.ok = 200 <= status < 400
    r.reason = {200: "OK", 404: "Not Found", 429: "Too Many Requests", 500: "Internal Server Error"}.get(status, "")
    r.content = body.encode("utf-8") if isinstance(body, str) else body
    r.headers["Content-Type"] = content_type
    return r


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class YahooReplay(curl_requests.Session):
    """A curl_cffi Session that never opens a socket: it answers from the fixture folder."""

    def __init__(
        self,
        *,
        mode: str = "replay",
        status: Optional[dict[str, int]] = None,
        status_times: Optional[int] = None,
        fixtures: Path = FIXTURES,
    ):
        super().__init__()
        self.mode = mode  # replay | offline | hang
        self.status = dict(status or {})  # path kind -> HTTP status, e.g. {"chart": 429}
        self.status_times = status_times  # answer with ``status`` only this many times (None: always)
        self.fixtures = fixtures
        self.calls: list[tuple[str, str, dict]] = []
        self.release = threading.Event()  # ends a 'hang'
        self._lock = threading.Lock()

    # curl_cffi's get/post/... all go through request()
    def request(self, method, url, params=None, **kwargs):  # noqa: ANN001, ANN201
        query = dict(parse_qsl(urlsplit(url).query))
        query.update({k: v for k, v in (params or {}).items() if v is not None})
        with self._lock:
            self.calls.append((method, url, query))
        if self.mode == "offline":
            raise CurlConnectionError(f"Failed to perform, curl: (6) Could not resolve host: {urlsplit(url).hostname}")
        if self.mode == "hang":
            self.release.wait(30)
            raise CurlConnectionError("Failed to perform, curl: (28) Connection timed out")
        return self._answer(method, url, query)

    def data_calls(self) -> list[str]:
        """The data requests made (cookie, crumb and consent requests left out)."""
        kinds = [self._kind(urlsplit(u).path, urlsplit(u).hostname or "") for _, u, _ in self.calls]
        return [k for k in kinds if k not in ("cookie", "crumb", "consent")]

    @staticmethod
    def _kind(path: str, host: str) -> str:
        if host == "fc.yahoo.com":
            return "cookie"
        if "consent" in host or host.startswith("guce"):
            return "consent"
        if path.endswith("/getcrumb"):
            return "crumb"
        for kind, pattern in (
            ("chart", "/v8/finance/chart/"),
            ("quoteSummary", "/v10/finance/quoteSummary/"),
            ("quote", "/v7/finance/quote"),
            ("timeseries", "/fundamentals-timeseries/"),
            ("search", "/v1/finance/search"),
            ("earnings", "/calendar/earnings"),
        ):
            if pattern in path:
                return kind
        return "other"

    def _file(self, *parts: str) -> Optional[Path]:
        p = self.fixtures.joinpath(*parts)
        return p if p.exists() else None

    def _answer(self, method: str, url: str, query: dict) -> Response:
        split = urlsplit(url)
        kind = self._kind(split.path, split.hostname or "")
        if kind in self.status and (self.status_times is None or self.status_times > 0):
            if self.status_times is not None:
                self.status_times -= 1
            body = (self.fixtures / "_errors" / "429.txt").read_text() if self.status[kind] == 429 else "{}"
            return _response(url, self.status[kind], body, "text/plain")
        if kind == "cookie":
            return _response(url, 404, "<html>cookie set</html>", "text/html")
        if kind == "crumb":
            return _response(url, 200, "replayCrumb123", "text/plain")
        if kind == "consent":
            return _response(url, 200, "<html><body>no form</body></html>", "text/html")
        errors = self.fixtures / "_errors"
        if kind == "chart":
            symbol = split.path.rsplit("/", 1)[-1].upper()
            f = self._file(symbol, "chart.json")
            return _response(url, 200, f.read_text()) if f else _response(url, 404, (errors / "chart-404.json").read_text())
        if kind == "quoteSummary":
            symbol = split.path.rsplit("/", 1)[-1].upper()
            modules = set((query.get("modules") or "").split(","))
            name = "info" if modules & INFO_MODULES else sorted(modules)[0]
            f = self._file(symbol, f"quoteSummary-{name}.json")
            if f:
                return _response(url, 200, f.read_text())
            if self._file(symbol):
                return _response(url, 200, json.dumps({"quoteSummary": {"result": [{}], "error": None}}))
            return _response(url, 404, (errors / "quoteSummary-404.json").read_text())
        if kind == "quote":
            symbol = (query.get("symbols") or "").upper()
            f = self._file(symbol, "quote.json")
            return _response(url, 200, f.read_text() if f else json.dumps({"quoteResponse": {"result": [], "error": None}}))
        if kind == "timeseries":
            symbol = split.path.rsplit("/", 1)[-1].upper()
            first = (query.get("type") or "").split(",")[0]
            freq = next((f for f in ("quarterly", "annual") if first.startswith(f)), None)
            f = self._file(symbol, f"timeseries-{freq}.json") if freq else None
            return _response(url, 200, (f or errors / "timeseries-empty.json").read_text())
        if kind == "earnings":
            symbol = (query.get("symbol") or "").upper()
            f = self._file(symbol, "earnings.html")
            body = f.read_text() if f else "<html><body><p>No earnings dates</p></body></html>"
            return _response(url, 200, body, "text/html")
        if kind == "search":
            f = self._file("search", slug(query.get("q", "")) + ".json")
            return _response(url, 200, f.read_text() if f else json.dumps({"quotes": [], "news": []}))
        return _response(url, 404, "{}")


def guard_curl(monkeypatch) -> None:  # noqa: ANN001 - pytest's monkeypatch
    """curl_cffi resolves hosts itself (libcurl), past the socket guard: block its real sessions too."""
    from curl_cffi.requests import Session

    def blocked(self, method, url, *args, **kwargs):  # noqa: ANN001, ANN202
        raise RuntimeError(f"test tried to reach the network through curl_cffi: {method} {url}")

    monkeypatch.setattr(Session, "request", blocked)
    reset_yfinance()


def run_cli(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:  # noqa: ANN001
    """Run ``verifier ARGS`` in-process: (exit code, stdout, stderr)."""
    from tests.conftest import invoke_cli

    result = invoke_cli(monkeypatch, capsys, *args)
    return result.exit_code, result.stdout, result.stderr
