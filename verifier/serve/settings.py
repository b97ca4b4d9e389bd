"""What ``verifier serve`` runs with, checked before anything listens."""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import ConfigError

TOKEN_ENV = "VERIFIER_SERVE_TOKEN"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
DEFAULT_MAX_BYTES = 2 * 1024 * 1024  # a 1 MB article (the rule engine's limit) with room for JSON or a form
DEFAULT_TIMEOUT = 120.0  # seconds per check: an LLM extraction of a long article fits, a hung endpoint does not
MIN_TOKEN_CHARS = 16
EXTRACTORS = ("auto", "rules", "llm")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 or localhost: reachable from this machine only."""
    host = host.strip().strip("[]")
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class ServeSettings:
    """Server settings. ``market`` is a ``--market`` value or a provider object; ``token`` guards every request."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    market: Union[str, Any, None] = "auto"
    extractor: str = "auto"
    llm_settings: Any = None
    token: Optional[str] = None
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    jobs: int = 4
    history_path: Optional[Path] = None
    log_runs: bool = True
    allowed_hosts: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.token is None:
            self.token = os.environ.get(TOKEN_ENV) or None
        if self.token is not None:
            self.token = self.token.strip()
            if len(self.token) < MIN_TOKEN_CHARS or any(c.isspace() for c in self.token):
                raise ConfigError(
                    f"the server token must be at least {MIN_TOKEN_CHARS} characters without spaces; "
                    "make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
                )
        if not is_loopback(self.host) and not self.token:
            raise ConfigError(
                f"refusing to listen on {self.host}: it is reachable from other machines and the server has no token; "
                f"set {TOKEN_ENV} (or pass --token) so every request needs 'Authorization: Bearer TOKEN', "
                "or keep the default --host 127.0.0.1"
            )
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"--port {self.port} is not a TCP port; use 1 to 65535 (0 picks a free one)")
        if self.max_bytes < 1024:
            raise ConfigError("--max-bytes must be at least 1024")
        if self.timeout <= 0:
            raise ConfigError("--timeout must be more than 0 seconds")
        if self.jobs < 1:
            raise ConfigError("--jobs must be 1 or more")
        if isinstance(self.extractor, str) and self.extractor not in EXTRACTORS:
            raise ConfigError(f"unknown --extractor {self.extractor!r}; use {', '.join(EXTRACTORS)}")

    @property
    def secrets(self) -> tuple[str, ...]:
        """Values never to appear in a response, a log line or the history."""
        return (self.token,) if self.token else ()
