"""Shared test set-up: every test runs offline and isolated.

- VERIFIER_HOME, VERIFIER_CACHE_DIR and VERIFIER_CONFIG point at a fresh temporary folder.
- LLM variables from the developer's shell are removed, so 'auto' means the rule engine.
- Any socket connection to a non-loopback address fails the test (the network guard).
"""

from __future__ import annotations

import io
import socket
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXAMPLE_ARTICLE = FIXTURES / "articles" / "amazon-restructuring.txt"
EXAMPLE_SNAPSHOT = FIXTURES / "market" / "amzn-2026-01.json"

_LOOPBACK_PREFIXES = ("127.", "::1", "localhost", "0:0:0:0:0:0:0:1")


class NetworkBlocked(RuntimeError):
    pass


def _is_loopback(address) -> bool:  # noqa: ANN001
    if isinstance(address, tuple) and address:
        host = str(address[0])
    elif isinstance(address, (str, bytes)):
        return True  # unix sockets
    else:
        return False
    return host.startswith(_LOOPBACK_PREFIXES) or host == ""


@pytest.fixture(autouse=True)
def _offline_and_isolated(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("verifier-home")
    monkeypatch.setenv("VERIFIER_HOME", str(home / "data"))
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("VERIFIER_CONFIG", str(home / "config.toml"))
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "VERIFIER_MODEL", "VERIFIER_LLM_MODE", "AZURE_OPENAI_API_KEY",
                "AZURE_OPENAI_ENDPOINT", "OPENAI_API_VERSION", "VERIFIER_LLM_TIMEOUT", "VERIFIER_LLM_BACKOFF",
                "VERIFIER_LLM_CONNECT_TIMEOUT", "VERIFIER_LLM_TRANSPORT_RETRIES", "VERIFIER_LLM_CHUNK_TOKENS",
                "VERIFIER_PROMPTS_DIR"):
        monkeypatch.delenv(var, raising=False)

    real_connect = socket.socket.connect
    real_connect_ex = socket.socket.connect_ex

    def guarded_connect(self, address):  # noqa: ANN001
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach the network: {address!r}")
        return real_connect(self, address)

    def guarded_connect_ex(self, address):  # noqa: ANN001
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
            raise NetworkBlocked(f"test tried to reach the network: {address!r}")
        return real_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", guarded_connect_ex)
    real_getaddrinfo = socket.getaddrinfo

    def guarded_getaddrinfo(host, *args, **kwargs):  # noqa: ANN001
        if host is not None and not _is_loopback((host,)):
            raise NetworkBlocked(f"test tried to resolve {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    _guard_curl_cffi(monkeypatch)
    yield


def _guard_curl_cffi(monkeypatch) -> None:  # noqa: ANN001
    """yfinance talks HTTP through curl_cffi, whose libcurl resolves and connects past the socket guard."""
    try:
        from curl_cffi.requests import Session
    except ImportError:  # pragma: no cover
        return

    def guarded_request(self, method, url, *args, **kwargs):  # noqa: ANN001, ANN202
        raise NetworkBlocked(f"test tried to reach the network through curl_cffi: {method} {url}")

    monkeypatch.setattr(Session, "request", guarded_request)


@pytest.fixture
def example_article() -> Path:
    return EXAMPLE_ARTICLE


@pytest.fixture
def example_snapshot() -> Path:
    return EXAMPLE_SNAPSHOT


def invoke_cli(monkeypatch, capsys, *args: str, stdin: bytes | None = None) -> SimpleNamespace:  # noqa: ANN001
    """Run ``verifier ARGS`` in-process through main(), as a user would.

    Returns exit_code, stdout, stderr and output (both streams).
    """
    from verifier.cli import main

    monkeypatch.setattr(sys, "argv", ["verifier", *args])
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin)))
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    out, err = capsys.readouterr()
    return SimpleNamespace(exit_code=code, stdout=out, stderr=err, output=out + err)


@pytest.fixture
def cli(monkeypatch, capsys):
    """``cli(*args, stdin=None)`` -> SimpleNamespace(exit_code, stdout, stderr, output)."""

    def run(*args: str, stdin: bytes | None = None) -> SimpleNamespace:
        return invoke_cli(monkeypatch, capsys, *args, stdin=stdin)

    return run
