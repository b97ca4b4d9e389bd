"""verifier: audit financial news.

    >>> from pathlib import Path
    >>> from verifier import verify
    >>> report = verify(Path("fixtures/articles/amazon-restructuring.txt"),
    ...                 market="fixtures/market/amzn-2026-01.json")
    >>> report.summary.contradicted
    0

``verify`` returns a ``Report`` (pydantic); ``report.to_json()`` is the versioned contract.
"""

from ._version import __version__
from .errors import (
    ConfigError,
    InputError,
    LLMError,
    MarketDataError,
    ServiceError,
    SnapshotError,
    TickerNotFound,
    VerifierError,
)
from .pipeline import verify
from .schemas import (
    SCHEMA_VERSION,
    AnalystRatingFields,
    CheckedClaim,
    Claim,
    ClaimDraft,
    DealFields,
    Document,
    Evidence,
    FinancialMetricFields,
    Flag,
    FlagDraft,
    PriceChangeFields,
    Report,
    Run,
    ScheduledEventFields,
    StockPriceFields,
    Summary,
    WorkforceFields,
)

__all__ = sorted(
    [
        "AnalystRatingFields",
        "CheckedClaim",
        "Claim",
        "ClaimDraft",
        "ConfigError",
        "DealFields",
        "Document",
        "Evidence",
        "FinancialMetricFields",
        "Flag",
        "FlagDraft",
        "InputError",
        "LLMError",
        "MarketDataError",
        "PriceChangeFields",
        "Report",
        "Run",
        "SCHEMA_VERSION",
        "ScheduledEventFields",
        "ServiceError",
        "SnapshotError",
        "StockPriceFields",
        "Summary",
        "TickerNotFound",
        "VerifierError",
        "WorkforceFields",
        "__version__",
        "verify",
    ]
)
