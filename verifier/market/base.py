"""Market data: the normalised types every source returns, and the provider interface.

A provider is one class with one I/O method, ``fetch(request) -> TickerData``. Checks never see
where data came from except through ``Provenance``, which every part carries so each verdict can
name its source and retrieval time. Prices are AS TRADED (not split-adjusted); ``splits`` lists
the splits so a caller can convert.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, Optional, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..errors import TickerNotFound  # noqa: F401  (re-exported for providers)
from ..schemas import _empty_list  # the list fields' default_factory (why not ``list``: there)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Provenance(_Model):
    """Where a part of the data came from and when it was retrieved."""

    source: str = Field(description="e.g. 'Stooq daily data', 'yfinance', 'company memo'.")
    retrieved_at: Optional[dt.datetime] = None
    url: Optional[str] = None
    note: Optional[str] = None


class Bar(_Model):
    """One daily session, as traded, in the listing's currency."""

    date: dt.date
    open: float = Field(gt=0)
    high: float = Field(gt=0)
    low: float = Field(gt=0)
    close: float = Field(gt=0)
    volume: Optional[float] = Field(None, ge=0)


class Split(_Model):
    """A stock split effective on ``date``: ``ratio`` new shares per old (20.0 for 20:1)."""

    date: dt.date
    ratio: float = Field(gt=0)


class Dividend(_Model):
    date: dt.date
    amount: float = Field(ge=0)


class AnalystActionRecord(_Model):
    """A dated analyst action as recorded by a data source."""

    date: dt.date
    firm: str
    action: Optional[str] = Field(None, description="upgrade, downgrade, init, main, reit, raise_target, ...")
    from_rating: Optional[str] = None
    to_rating: Optional[str] = None
    price_target: Optional[float] = Field(None, gt=0)
    prior_price_target: Optional[float] = Field(None, gt=0)
    currency: str = "USD"
    provenance: Optional[Provenance] = None


class AnalystConsensus(_Model):
    """The analysts' consensus at retrieval time (mean target, range, number of analysts)."""

    mean_target: float = Field(gt=0)
    median_target: Optional[float] = Field(None, gt=0)
    low_target: Optional[float] = Field(None, gt=0)
    high_target: Optional[float] = Field(None, gt=0)
    analysts: Optional[int] = Field(None, ge=0)
    recommendation: Optional[str] = Field(None, description="e.g. buy, strong_buy, hold.")
    currency: str = "USD"
    as_of: Optional[dt.date] = None
    provenance: Optional[Provenance] = None


class ScheduledEventRecord(_Model):
    event: str = Field(description="earnings, dividend, shareholder_meeting, ...")
    date: dt.date
    time: Optional[str] = Field(None, description="before_open, after_close, or a clock time.")
    confirmed: bool = True
    provenance: Optional[Provenance] = None


class Profile(_Model):
    name: str
    exchange: Optional[str] = Field(None, description="MIC or common name, e.g. XNAS / Nasdaq.")
    currency: str = "USD"
    timezone: str = "America/New_York"
    employees: Optional[int] = Field(None, ge=0)
    employees_as_of: Optional[dt.date] = None
    market_cap: Optional[float] = None
    shares_outstanding: Optional[float] = None
    fifty_two_week_low: Optional[float] = None
    fifty_two_week_high: Optional[float] = None
    aliases: list[str] = Field(default_factory=_empty_list)
    provenance: Optional[Provenance] = None


class CompanyFact(_Model):
    """A dated, cited fact about the company: a job-cut announcement, a deal, a reported figure."""

    date: dt.date
    kind: Literal["workforce", "deal", "financial_metric", "other"]
    action: Optional[str] = Field(None, description="workforce: cut/hire; deal: investment/acquisition/...")
    count: Optional[int] = Field(None, ge=0, description="workforce: people or roles.")
    approximate: bool = False
    amount: Optional[float] = Field(
        None, description="deal/financial_metric: amount in units (a financial_metric may be negative: a net loss)."
    )
    currency: Optional[str] = None
    up_to: bool = False
    counterparty: Optional[str] = None
    metric: Optional[str] = None
    period: Optional[str] = None
    period_start: Optional[dt.date] = Field(None, description="financial_metric: first day of the period the figure covers.")
    period_end: Optional[dt.date] = Field(None, description="financial_metric: last day of the period the figure covers.")
    status: Literal["confirmed", "reported", "rumored", "denied"] = "confirmed"
    description: str = ""
    citation: Optional[str] = Field(None, description="e.g. 'company memo', 'Reuters, WSJ'.")
    provenance: Optional[Provenance] = None

    @model_validator(mode="after")
    def _amount_sign(self) -> "CompanyFact":
        if self.amount is not None and self.amount < 0 and self.kind != "financial_metric":
            raise ValueError("only a reported figure (financial_metric) may be negative")
        return self


class PriceHistory(_Model):
    currency: str = "USD"
    exchange: Optional[str] = Field("XNYS", description="Exchange calendar code used for sessions, e.g. XNYS.")
    timezone: str = "America/New_York"
    as_traded: bool = Field(True, description="Always true here: prices are not split-adjusted.")
    bars: list[Bar] = Field(default_factory=_empty_list)
    provenance: Optional[Provenance] = None


class TickerData(_Model):
    """Everything known about one ticker over the window asked for."""

    ticker: str
    profile: Optional[Profile] = None
    prices: Optional[PriceHistory] = None
    splits: list[Split] = Field(default_factory=_empty_list)
    dividends: list[Dividend] = Field(default_factory=_empty_list)
    analyst_actions: list[AnalystActionRecord] = Field(default_factory=_empty_list)
    consensus: Optional[AnalystConsensus] = Field(None, description="Analysts' consensus at retrieval time.")
    events: list[ScheduledEventRecord] = Field(default_factory=_empty_list)
    facts: list[CompanyFact] = Field(default_factory=_empty_list)
    provenance: Optional[Provenance] = Field(None, description="Default provenance for parts that carry none.")
    missing: list[str] = Field(
        default_factory=_empty_list, description="Parts the source could not supply, with why (for no_data reasons)."
    )

    def bar_on(self, day: dt.date) -> Optional[Bar]:
        if not self.prices:
            return None
        for bar in self.prices.bars:
            if bar.date == day:
                return bar
        return None


class MarketRequest(_Model):
    """What the checks need for one ticker: the dates around the article."""

    ticker: str
    start: dt.date
    end: dt.date


@runtime_checkable
class MarketProvider(Protocol):
    """A market-data source. ``fetch`` is the only method with I/O.

    It returns what it has (parts it lacks are empty and named in ``missing``), raises
    ``TickerNotFound`` for a ticker it does not know, and ``MarketDataError`` when the source
    itself fails (offline, rate-limited).
    """

    name: str

    def describe(self) -> str:
        """A short label for reports, e.g. 'snapshot:fixtures/market/amzn.json'."""
        ...

    def fetch(self, request: MarketRequest) -> TickerData: ...
