"""``--market auto`` with SEC EDGAR configured: Yahoo Finance for the market, EDGAR for the filings.

Each source supplies what it is the source of record for: yfinance the as-traded prices, splits,
analyst actions, consensus and earnings calendar; EDGAR the reported figures, shares outstanding,
headcount and the dated 8-K items (results, exit costs, material agreements). The two are merged
into one ``TickerData`` (so the cache keeps them together), every part keeping its own provenance.
A source that fails leaves its parts empty and says why in ``missing``: the claims those parts
would settle get ``no_data``, the others are still checked.
"""

from __future__ import annotations

from typing import Optional

from ..errors import MarketDataError, TickerNotFound
from .base import MarketProvider, MarketRequest, TickerData


class CombinedProvider:
    """Market data from ``market`` (yfinance), filed company facts from ``filings`` (EDGAR)."""

    def __init__(self, market: MarketProvider, filings: MarketProvider):
        self.market = market
        self.filings = filings
        self.name = f"{market.name}+{filings.name}"

    def describe(self) -> str:
        return f"{self.market.describe()} + {self.filings.describe()}"

    def fetch(self, request: MarketRequest) -> TickerData:
        market: Optional[TickerData] = None
        filed: Optional[TickerData] = None
        market_error: Optional[MarketDataError] = None
        filings_error: Optional[MarketDataError] = None
        try:
            market = self.market.fetch(request)
        except MarketDataError as exc:
            market_error = exc
        try:
            filed = self.filings.fetch(request)
        except MarketDataError as exc:
            filings_error = exc
        if market is None and filed is None:
            assert market_error is not None and filings_error is not None
            if isinstance(market_error, TickerNotFound) and isinstance(filings_error, TickerNotFound):
                raise TickerNotFound(f"{market_error}; {filings_error}")
            raise MarketDataError(f"{market_error}; {filings_error}")
        if market is None:
            assert filed is not None and market_error is not None
            why = "not listed there" if isinstance(market_error, TickerNotFound) else "could not be read"
            return filed.model_copy(
                update={"missing": [f"daily prices, analyst actions: Yahoo Finance {why} ({market_error})", *filed.missing]}
            )
        if filed is None:
            assert filings_error is not None
            if isinstance(filings_error, TickerNotFound):
                note = f"company facts (reported figures, filings): {filings_error}"
            else:
                note = f"company facts (reported figures, filings): SEC EDGAR could not be read ({filings_error})"
            missing = [m for m in market.missing if not _is_facts_note(m)] + [note]
            return market.model_copy(update={"missing": missing})
        return merge(market, filed)


SAME_PERIOD_DAYS = 7  # Yahoo dates a period by its last day; a 52/53-week year can end a few days off


def _filed_already(fact, filed) -> bool:  # noqa: ANN001 - CompanyFact, list[CompanyFact]
    """True when a filing gives the same metric for the same period (same length, same end within days)."""
    length = (fact.period or "")[:1]  # 'Q' for a quarter, 'F' for a fiscal year
    for f in filed:
        if f.kind != "financial_metric" or f.metric != fact.metric or f.approximate:
            continue  # an EDGAR estimate (a quarter's EPS no filing gives) yields to a statement's figure
        if f.period == fact.period:
            return True
        if f.period_end and fact.period_end and (f.period or "")[:1] == length and abs((f.period_end - fact.period_end).days) <= SAME_PERIOD_DAYS:
            return True
    return False


def _is_facts_note(note: str) -> bool:
    return note.startswith("company facts")


def merge(market: TickerData, filed: TickerData) -> TickerData:
    """yfinance's data with EDGAR's facts, filing-dated events and (dated) headcount added."""
    seen = {(e.event, e.date) for e in market.events}
    events = sorted([*market.events, *(e for e in filed.events if (e.event, e.date) not in seen)], key=lambda e: (e.date, e.event))
    profile = market.profile
    if filed.profile and filed.profile.employees:
        if profile is None:
            profile = filed.profile
        else:
            profile = profile.model_copy(
                update={
                    "employees": filed.profile.employees,
                    "employees_as_of": filed.profile.employees_as_of,
                    "provenance": filed.profile.provenance,
                }
            )
    elif profile is None:
        profile = filed.profile
    missing = [m for m in market.missing if not _is_facts_note(m)] + list(filed.missing)
    # Yahoo's income statements are the second source: a figure is kept only for a metric and period the
    # filings do not hold (Meta files no fourth-quarter EPS: the 10-K holds the year; Yahoo lists the quarter)
    market_facts = [f for f in market.facts if not (f.kind == "financial_metric" and _filed_already(f, filed.facts))]
    return market.model_copy(
        update={"events": events, "facts": [*market_facts, *filed.facts], "profile": profile, "missing": missing}
    )
