"""Market-data providers behind one interface (see ``base.MarketProvider``).

``open_provider`` turns the ``--market`` value into a provider: ``none``, ``auto`` (cache, then
yfinance), ``yfinance``, or the path of a snapshot JSON file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..errors import ConfigError
from .base import MarketProvider, MarketRequest, TickerData
from .snapshot import Snapshot, SnapshotProvider

__all__ = ["MarketProvider", "MarketRequest", "Snapshot", "SnapshotProvider", "TickerData", "open_provider"]


def open_provider(spec: Optional[str]) -> Optional[MarketProvider]:
    """The provider for a ``--market`` value; None for ``none``."""
    spec = (spec or "auto").strip()
    if spec == "none":
        return None
    if spec == "yfinance":
        from .yfinance import YFinanceProvider

        return YFinanceProvider()
    if spec == "auto":
        from .cache import default_provider

        return default_provider()
    if spec.lower().endswith(".json") or Path(spec).exists():
        return SnapshotProvider(spec)
    raise ConfigError(f"unknown --market value {spec!r}; use auto, none, yfinance or a snapshot .json file")
