"""SQLite cache of LLM extraction results, so an identical second run makes no call.

Keyed by everything that shapes the answer: model, prompt hash, response-schema version, a hash of
the article chunk and its prompt variables, instructor mode and chunk number. What is stored is the
validated extraction (claims and flags as the model gave them), never a request, a header or the
API key. The file lives at ``<cache dir>/llm-responses.sqlite3`` (``VERIFIER_CACHE_DIR`` moves it).
A cache that cannot be opened or written is skipped with a note; it never fails an audit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ..config import cache_dir

FILENAME = "llm-responses.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    prompt TEXT NOT NULL,
    schema_version TEXT NOT NULL,
    article_sha TEXT NOT NULL,
    mode TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    payload TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class CacheKey:
    model: str
    prompt: str
    schema_version: str
    article_sha: str
    mode: str
    chunk: int

    @property
    def digest(self) -> str:
        raw = json.dumps([self.model, self.prompt, self.schema_version, self.article_sha, self.mode, self.chunk])
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()


class LLMCache:
    """get/put of JSON payloads by CacheKey. Errors become ``self.problem`` instead of exceptions."""

    def __init__(self, path: Optional[Path] = None) -> None:
        self.path = path or (cache_dir() / FILENAME)
        self.problem: Optional[str] = None

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=5)
        conn.execute(_SCHEMA)
        return conn

    def get(self, key: CacheKey) -> Optional[dict[str, Any]]:
        if not self.path.exists():
            return None
        try:
            with self._connect() as conn:
                row = conn.execute("SELECT payload FROM responses WHERE key = ?", (key.digest,)).fetchone()
            conn.close()
        except (sqlite3.Error, OSError) as exc:
            self.problem = f"LLM cache {self.path} could not be read ({exc}); delete it or use --no-cache"
            return None
        if row is None:
            return None
        try:
            payload = json.loads(row[0])
        except ValueError:
            return None
        return payload if isinstance(payload, dict) else None

    def put(self, key: CacheKey, payload: dict[str, Any]) -> None:
        try:
            with self._connect() as conn:
                conn.execute(
                    "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        key.digest, key.model, key.prompt, key.schema_version, key.article_sha, key.mode, key.chunk,
                        dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                        json.dumps(payload, ensure_ascii=False, sort_keys=True),
                    ),
                )  # fmt: skip
            conn.close()
        except (sqlite3.Error, OSError) as exc:
            self.problem = f"LLM cache {self.path} could not be written ({exc}); check the folder's permissions or use --no-cache"

    def count(self) -> int:
        if not self.path.exists():
            return 0
        try:
            with self._connect() as conn:
                (n,) = conn.execute("SELECT COUNT(*) FROM responses").fetchone()
            conn.close()
            return int(n)
        except (sqlite3.Error, OSError):
            return 0

    def clear(self) -> int:
        """Delete every entry; returns how many there were."""
        n = self.count()
        if n:
            with self._connect() as conn:
                conn.execute("DELETE FROM responses")
            conn.close()
        return n
