"""Recorded market data in one JSON file, replayed offline.

Format (documented in the README, version 1)::

    {"format": "verifier-snapshot", "version": 1, "created_at": "...", "description": "...",
     "tickers": {"AMZN": {TickerData}}}

A snapshot makes an audit reproducible: it can be shared with the report and replayed anywhere.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal, Optional

from pydantic import BaseModel, Field, ValidationError

from ..errors import SnapshotError, TickerNotFound
from .base import MarketRequest, TickerData

SNAPSHOT_FORMAT = "verifier-snapshot"
SNAPSHOT_VERSION = 1


class Snapshot(BaseModel):
    format: Literal["verifier-snapshot"] = SNAPSHOT_FORMAT
    version: Literal[1] = SNAPSHOT_VERSION
    created_at: Optional[dt.datetime] = None
    description: Optional[str] = None
    tickers: dict[str, TickerData] = Field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> "Snapshot":
        p = Path(path)
        if not p.exists():
            raise SnapshotError(f"snapshot file not found: {p}. Pass an existing file to --market, or --market none.")
        if p.is_dir():
            raise SnapshotError(f"{p} is a folder; --market takes a snapshot JSON file.")
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SnapshotError(f"{p} is not valid JSON ({exc}); record one with 'verifier snapshot'.") from None
        if not isinstance(data, dict) or data.get("format") != SNAPSHOT_FORMAT:
            raise SnapshotError(
                f"{p} is not a verifier snapshot (missing \"format\": \"{SNAPSHOT_FORMAT}\"); "
                "see the README's snapshot format."
            )
        try:
            snap = cls.model_validate(data)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            raise SnapshotError(f"{p}: invalid snapshot at {where}: {first['msg']}") from None
        # keys are tickers; keep them upper-case and consistent with the entries
        snap.tickers = {k.upper(): v for k, v in snap.tickers.items()}
        return snap

    def save(self, path: str | Path) -> None:
        Path(path).write_text(self.model_dump_json(indent=2, exclude_none=True) + "\n", encoding="utf-8")


class SnapshotProvider:
    """Serves a snapshot (a file, or one built in memory such as an imported price file); never
    touches the network."""

    name = "snapshot"

    def __init__(self, source: str | Path | Snapshot, label: Optional[str] = None):
        if isinstance(source, Snapshot):
            self.path: Optional[Path] = None
            self.snapshot = source.model_copy(update={"tickers": {k.upper(): v for k, v in source.tickers.items()}})
            self.label = label or source.description or "in memory"
        else:
            self.path = Path(source)
            self.snapshot = Snapshot.load(self.path)
            self.label = label or str(self.path)

    def describe(self) -> str:
        return f"snapshot:{self.label}"

    def fetch(self, request: MarketRequest) -> TickerData:
        data = self.snapshot.tickers.get(request.ticker.upper())
        if data is None:
            known = ", ".join(sorted(self.snapshot.tickers)) or "none"
            raise TickerNotFound(f"{request.ticker} is not in snapshot {self.label} (it holds: {known})")
        return data
