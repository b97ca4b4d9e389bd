"""Market-data providers behind one interface (see ``base.MarketProvider``).

``open_provider`` turns the ``--market`` value into a provider: ``none``, ``auto`` (cache, then
yfinance, then SEC EDGAR when ``VERIFIER_SEC_USER_AGENT`` is set), ``yfinance``, ``edgar`` (the
cache, then SEC EDGAR alone), or the path of a snapshot JSON file.
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
    if spec == "edgar":
        from .cache import CachingProvider, open_cache
        from .edgar import EdgarProvider

        cache, note = open_cache()
        return CachingProvider(EdgarProvider(cache=cache), cache, note=note)
    if spec == "auto":
        from .auto import default_provider

        return default_provider()
    if spec.lower().endswith(".json") or Path(spec).exists():
        return SnapshotProvider(spec)
    raise ConfigError(f"unknown --market value {spec!r}; use auto, none, yfinance, edgar or a snapshot .json file")
