"""Record what the checks use into a snapshot file, so an audit replays offline and can be shared.

``record_snapshot(["AMZN"], start, end)`` asks a provider (by default ``--market auto``: the cache,
then yfinance) for each ticker over the window and writes the normalised ``TickerData`` with its
provenance into the snapshot format (see ``snapshot.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Iterable, Optional

from ..errors import InputError, MarketDataError
from .base import MarketProvider, MarketRequest
from .snapshot import Snapshot

_TICKER = re.compile(r"^[A-Z0-9][A-Z0-9.\-=^]{0,14}$")


@dataclass
class Recording:
    snapshot: Snapshot
    failures: dict[str, str] = field(default_factory=dict)  # ticker -> why it is not in the snapshot


def parse_date(value: str | dt.date, option: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError(f"{option} {value!r} is not a date; use YYYY-MM-DD") from None


def normalise_tickers(tickers: Iterable[str]) -> list[str]:
    out: list[str] = []
    for raw in tickers:
        for part in raw.replace(",", " ").split():
            symbol = part.strip().upper()
            if not _TICKER.match(symbol):
                raise InputError(f"{part!r} is not a ticker symbol; pass symbols such as AMZN, BRK-B or SIE.DE")
            if symbol not in out:
                out.append(symbol)
    if not out:
        raise InputError("no ticker given; pass one or more symbols, e.g. verifier snapshot AMZN --start 2026-01-01")
    return out


def record_snapshot(
    tickers: Iterable[str],
    start: str | dt.date,
    end: Optional[str | dt.date] = None,
    *,
    provider: Optional[MarketProvider] = None,
    description: Optional[str] = None,
) -> Recording:
    """Fetch every ticker over [start, end] (end defaults to today) into a new Snapshot.

    A ticker the source does not know, or a source failure for one ticker, leaves that ticker out
    and is reported in ``failures``; when nothing could be recorded a ``MarketDataError`` says why.
    """
    symbols = normalise_tickers(tickers)
    first = parse_date(start, "--start")
    last = parse_date(end, "--end") if end else dt.date.today()
    if first > dt.date.today():
        raise InputError(f"--start {first} is in the future; market data exists only for past sessions")
    if last < first:
        raise InputError(f"--end {last} is before --start {first}; swap them")
    if provider is None:
        from .auto import default_provider

        provider = default_provider()
    snap = Snapshot(
        created_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        description=description or f"{', '.join(symbols)} from {first} to {last}, recorded from {provider.describe()}",
    )
    recording = Recording(snap)
    for symbol in symbols:
        try:
            data = provider.fetch(MarketRequest(ticker=symbol, start=first, end=last))
        except MarketDataError as exc:
            recording.failures[symbol] = str(exc)
            continue
        snap.tickers[symbol] = data
    if not snap.tickers:
        reasons = "; ".join(f"{t}: {why}" for t, why in recording.failures.items())
        raise MarketDataError(f"nothing recorded ({reasons})")
    return recording
