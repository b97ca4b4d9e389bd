"""verifier: audit financial news.

    >>> from pathlib import Path
    >>> from verifier import verify
    >>> report = verify(Path("fixtures/articles/amazon-restructuring.txt"),
    ...                 market="fixtures/market/amzn-2026-01.json")
    >>> report.summary.contradicted
    0

``verify`` returns a ``Report`` (pydantic); ``report.to_json()`` is the versioned contract.
Names are imported on first use, so ``verifier --help`` does not pay for pydantic models.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "verify": "pipeline",
    **{
        name: "errors"
        for name in (
            "ConfigError", "InputError", "LLMError", "MarketDataError", "ServiceError", "SnapshotError",
            "TickerNotFound", "VerifierError",
        )
    },
    **{
        name: "schemas"
        for name in (
            "SCHEMA_VERSION", "AnalystRatingFields", "CheckedClaim", "Claim", "ClaimDraft", "DealFields", "Document",
            "Evidence", "FinancialMetricFields", "Flag", "FlagDraft", "PriceChangeFields", "Report", "Run",
            "ScheduledEventFields", "StockPriceFields", "Summary", "WorkforceFields",
        )
    },
}

__all__ = sorted([*_EXPORTS, "__version__"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'verifier' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


if TYPE_CHECKING:  # pragma: no cover
    from .errors import (  # noqa: F401
        ConfigError, InputError, LLMError, MarketDataError, ServiceError, SnapshotError, TickerNotFound,
        VerifierError,
    )
    from .pipeline import verify  # noqa: F401
    from .schemas import (  # noqa: F401
        SCHEMA_VERSION, AnalystRatingFields, CheckedClaim, Claim, ClaimDraft, DealFields, Document, Evidence,
        FinancialMetricFields, Flag, FlagDraft, PriceChangeFields, Report, Run, ScheduledEventFields,
        StockPriceFields, Summary, WorkforceFields,
    )
