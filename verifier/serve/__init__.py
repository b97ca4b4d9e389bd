"""``verifier serve``: a web page for editors and an HTTP API for publishing systems.

    from verifier.serve import ServeSettings, create_app, run_server
    run_server(ServeSettings(market="fixtures/market/amzn-2026-01.json", extractor="rules"))

``create_app`` returns the ASGI app (Starlette) for any ASGI server; ``run_server`` serves it with
uvicorn on a loopback port by default; ``start_in_thread`` runs it in the background (tests,
benchmarks) and returns a handle with its URL. Starlette and uvicorn are imported only here, so
``verifier --help`` and ``verifier check`` never load them.
"""

from __future__ import annotations

import logging
import socket
import sys
import threading
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .settings import TOKEN_ENV, ServeSettings, is_loopback

__all__ = ["TOKEN_ENV", "ServeSettings", "ServerHandle", "create_app", "is_loopback", "run_server", "start_in_thread"]


def create_app(settings: Optional[ServeSettings] = None, service: Any = None) -> Any:
    from .app import create_app as build

    return build(settings, service)


def _bind(host: str, port: int) -> socket.socket:
    from ..errors import ConfigError

    family = socket.AF_INET6 if ":" in host.strip("[]") else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port} ({exc.strerror}); choose another --port or --host") from None
    sock.listen(128)
    sock.set_inheritable(True)
    return sock


def _url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _server(settings: ServeSettings, log_level: str) -> tuple[Any, Any, socket.socket]:
    import uvicorn

    from .service import AuditService

    service = AuditService(settings)
    try:
        sock = _bind(settings.host, settings.port)
    except BaseException:
        service.close()
        raise
    app = create_app(settings, service)
    config = uvicorn.Config(
        app, log_level=log_level, access_log=log_level == "debug", lifespan="off", server_header=False,
        timeout_graceful_shutdown=5, limit_concurrency=1000, h11_max_incomplete_event_size=64 * 1024,
    )
    return uvicorn.Server(config), service, sock


def run_server(settings: ServeSettings, *, log_level: str = "info", on_ready: Optional[Callable[[str], None]] = None) -> None:
    """Serve until interrupted. Settings are checked and the history opened before anything listens."""
    logging.basicConfig(level=getattr(logging, log_level.upper(), logging.INFO), format="%(message)s", stream=sys.stderr)
    server, service, sock = _server(settings, log_level)
    url = _url(sock)
    (on_ready or (lambda u: print(
        f"verifier serve: {u}  (market data: {service.market_label}; extractor: {settings.extractor}; "
        f"history: {service.history_path}; {'token required' if settings.token else 'loopback only, no token'})",
        file=sys.stderr, flush=True,
    )))(url)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it shut down on
        pass
    finally:
        service.close()
        sock.close()


@dataclass
class ServerHandle:
    """A server running on a background thread: ``url``, ``service``, ``stop()``."""

    url: str
    service: Any
    server: Any
    thread: threading.Thread
    sock: socket.socket

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(15)
        self.service.close()
        self.sock.close()


def start_in_thread(settings: ServeSettings, log_level: str = "warning") -> ServerHandle:
    """Start the server on a background thread (port 0 picks a free port) and wait until it answers."""
    server, service, sock = _server(settings, log_level)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="verifier-serve", daemon=True)
    thread.start()
    import time

    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            service.close()
            sock.close()
            raise RuntimeError("the server did not start")
        time.sleep(0.01)
    return ServerHandle(_url(sock), service, server, thread, sock)
