"""A loopback HTTP server that answers as SEC EDGAR does, from ``fixtures/edgar/``.

The provider's real HTTP layer (urllib, headers, status handling, rate limiting) runs unchanged;
only the host is 127.0.0.1 (which the network guard allows). Paths mirror SEC's:

    /files/company_tickers.json, /api/xbrl/companyfacts/CIK##########.json, /submissions/CIK##########.json

A missing file gets SEC's 404. ``status`` answers every request with a code (403, 429, 500);
``requests`` records (path, User-Agent, time) for each request.
"""

from __future__ import annotations

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Optional

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "edgar"


class EdgarReplay:
    def __init__(self, root: Path = FIXTURES):
        self.root = root
        self.status: Optional[int] = None
        self.requests: list[tuple[str, str, float]] = []
        replay = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                replay.requests.append((self.path, self.headers.get("User-Agent", ""), time.monotonic()))
                if replay.status:
                    self.send_response(replay.status)
                    self.end_headers()
                    return
                path = (replay.root / self.path.lstrip("/").split("?")[0]).resolve()
                if replay.root.resolve() not in path.parents or not path.is_file():
                    self.send_response(404)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    self.wfile.write(b"<Error><Code>NoSuchKey</Code></Error>")
                    return
                body = path.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):  # noqa: ANN002
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.requests]

    def __enter__(self) -> "EdgarReplay":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:  # noqa: ANN002
        self.server.shutdown()
        self.server.server_close()


def closed_port_url() -> str:
    """A loopback URL nothing listens on: connecting fails at once, as offline does."""
    import socket

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}"
