"""Domain exceptions. Each message says what went wrong and how to fix it.

The CLI turns any of these into one line on stderr and an exit code; a user never sees a
traceback for bad input, a missing key or an unreachable service.

    VerifierError                 exit 2 unless said otherwise
    ├── InputError                the article cannot be read (missing, empty, binary, a folder)
    ├── ConfigError               a setting is missing or wrong (no model, bad flag value)
    ├── SnapshotError             a snapshot file is missing or not in the snapshot format
    └── ServiceError              exit 3: a required service failed
        ├── LLMError              the LLM endpoint refused, timed out or answered garbage
        └── MarketDataError       a market-data source failed (network, rate limit)
"""

from __future__ import annotations


class VerifierError(Exception):
    """Base class: a problem the user can act on."""

    exit_code = 2


class InputError(VerifierError):
    """The article (or another input file) cannot be used."""


class ConfigError(VerifierError):
    """A required setting is missing or invalid."""


class SnapshotError(VerifierError):
    """A market snapshot file is missing or malformed."""


class ServiceError(VerifierError):
    """A service the run depends on failed."""

    exit_code = 3


class LLMError(ServiceError):
    """The LLM endpoint failed or returned unusable output."""


class MarketDataError(ServiceError):
    """A market-data source failed (offline, rate-limited, unexpected answer)."""


class TickerNotFound(MarketDataError):
    """The source knows no such ticker (unknown or delisted)."""
