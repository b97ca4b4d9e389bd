"""``--market auto``: the market cache in front of yfinance, joined by SEC EDGAR when configured.

The chain is assembled here, not in ``cache.py``: the cache is a building block the providers
use (EDGAR keeps its filings index there), so it imports none of them.
"""

from __future__ import annotations

from typing import Optional

from .base import MarketProvider
from .cache import CachingProvider, open_cache


def _yfinance_provider() -> MarketProvider:
    from .yfinance import YFinanceProvider

    return YFinanceProvider()


def _auto_provider() -> MarketProvider:
    """yfinance, joined by SEC EDGAR when ``VERIFIER_SEC_USER_AGENT`` is set."""
    from .edgar import user_agent_from_env

    market = _yfinance_provider()
    if not user_agent_from_env():
        return market
    from .combined import CombinedProvider
    from .edgar import EdgarProvider

    return CombinedProvider(market, EdgarProvider())


def default_provider(inner: Optional[MarketProvider] = None) -> CachingProvider:
    """``--market auto``: the cache, then yfinance, then SEC EDGAR (when configured); failures become ``no_data``."""
    cache, note = open_cache()
    return CachingProvider(inner or _auto_provider(), cache, note=note)
