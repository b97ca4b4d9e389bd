"""Currencies of claims and listings: never match a EUR figure against a USD quote silently.

A price or target in an article has a currency ('$', '€', 'EUR'); a listing quotes in one too
(USD for AMZN, EUR for SIE.DE, pence for most London shares: Yahoo's ``GBp``). A checker calls
``compare_currency`` before comparing numbers:

- same currency (after minor units: £12.50 is 1,250 GBp) -> comparable, amount in listing units;
- different currency and an exchange rate for the day -> converted, and the reason says at which
  rate, from which source and date, with ``FX_TOLERANCE`` added to the check's own tolerance
  (a daily close rate, not the rate of the minute the article was written);
- different currency and no rate -> not comparable, and the explanation says why (the article may
  mean another listing, e.g. Frankfurt for a US company), so the claim is never silently matched.

Rates come from daily FX bars, e.g. Yahoo's ``EURUSD=X`` (1 EUR in USD), through any provider.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Optional

FX_TOLERANCE = 0.01  # added relative tolerance for a converted figure (close rate vs intraday rate)

SYMBOLS = {
    "$": "USD", "US$": "USD", "USD": "USD", "€": "EUR", "EUR": "EUR", "£": "GBP", "GBP": "GBP",
    "¥": "JPY", "JPY": "JPY", "C$": "CAD", "CA$": "CAD", "A$": "AUD", "AU$": "AUD", "HK$": "HKD",
    "CHF": "CHF", "SFr": "CHF", "kr": "SEK", "₹": "INR", "R$": "BRL", "₩": "KRW",
}
# quote units that are a fraction of the currency: Yahoo's GBp (pence), ZAc (cents), ILA (agorot)
MINOR_UNITS = {"GBp": ("GBP", 100.0), "GBX": ("GBP", 100.0), "ZAc": ("ZAR", 100.0), "ZAC": ("ZAR", 100.0), "ILA": ("ILS", 100.0)}


def normalise_currency(code: Optional[str]) -> tuple[str, float]:
    """('GBP', 100.0) for GBp; ('EUR', 1.0) for '€' or 'eur'. Unknown text is upper-cased as is."""
    if not code:
        return "USD", 1.0
    raw = code.strip()
    if raw in MINOR_UNITS:
        return MINOR_UNITS[raw]
    if raw in SYMBOLS:
        return SYMBOLS[raw], 1.0
    return raw.upper(), 1.0


def fx_symbol(base: str, quote: str) -> str:
    """Yahoo's symbol for the price of one ``base`` in ``quote``: EURUSD=X."""
    return f"{base.upper()}{quote.upper()}=X"


@dataclass(frozen=True)
class FxRate:
    """One ``base`` costs ``rate`` ``quote`` (EUR->USD 1.185) on ``date``, per ``source``."""

    base: str
    quote: str
    rate: float
    date: dt.date
    source: str

    def inverse(self) -> "FxRate":
        return FxRate(self.quote, self.base, 1.0 / self.rate, self.date, self.source)


@dataclass(frozen=True)
class CurrencyComparison:
    comparable: bool
    amount: Optional[float]  # the claim's amount in the listing's quote units (None when not comparable)
    claimed: str  # ISO code of the claim
    listing: str  # the listing's quote unit as given (USD, EUR, GBp)
    rate: Optional[FxRate] = None
    extra_tolerance: float = 0.0  # add to the check's relative tolerance
    explanation: str = ""  # a clause for the reason; empty when nothing needed saying


def _fmt(amount: float, code: str) -> str:
    return f"{amount:,.2f} {code}"


def compare_currency(
    amount: float, claimed: Optional[str], listing: Optional[str], *, rate: Optional[FxRate] = None
) -> CurrencyComparison:
    """Put a claimed amount into the listing's quote units, or say why it cannot be."""
    claim_code, claim_div = normalise_currency(claimed)
    list_code, list_div = normalise_currency(listing)
    listing_label = (listing or "USD").strip()
    in_claim_major = amount / claim_div
    if claim_code == list_code:
        converted = in_claim_major * list_div
        note = ""
        if list_div != 1 or claim_div != 1:
            note = (
                f"the listing quotes in {listing_label} (1/{list_div:g} {list_code}), so "
                f"{_fmt(in_claim_major, claim_code)} is {converted:,.2f} {listing_label}"
            )
        return CurrencyComparison(True, converted, claim_code, listing_label, explanation=note)
    if rate is not None:
        use = rate
        if (rate.base, rate.quote) == (list_code, claim_code):
            use = rate.inverse()
        if (use.base, use.quote) == (claim_code, list_code) and use.rate > 0:
            converted = in_claim_major * use.rate * list_div
            note = (
                f"the article gives {_fmt(in_claim_major, claim_code)} but the listing quotes in {listing_label}; "
                f"converted at {use.rate:.4f} {list_code} per {claim_code} ({use.source}, {use.date}) = "
                f"{converted:,.2f} {listing_label}, with {FX_TOLERANCE:.0%} more tolerance for the rate"
            )
            return CurrencyComparison(True, converted, claim_code, listing_label, use, FX_TOLERANCE, note)
    note = (
        f"the article gives the figure in {claim_code} but the listing is quoted in {listing_label} and no "
        f"{claim_code}/{list_code} rate is available, so the numbers are not compared (a {claim_code} price may "
        f"refer to another listing of the company)"
    )
    return CurrencyComparison(False, None, claim_code, listing_label, explanation=note)


def rate_from_data(data, day: dt.date, base: str, quote: str) -> Optional[FxRate]:  # noqa: ANN001 - TickerData
    """The close of the FX series on ``day`` or the last session before it (within a week)."""
    if data is None or not data.prices or not data.prices.bars:
        return None
    bars = [b for b in data.prices.bars if day - dt.timedelta(days=7) <= b.date <= day]
    if not bars:
        return None
    bar = max(bars, key=lambda b: b.date)
    prov = data.prices.provenance or data.provenance
    source = f"{data.ticker} close" + (f", {prov.source}" if prov else "")
    return FxRate(base.upper(), quote.upper(), bar.close, bar.date, source)


def fetch_rate(provider, base: str, quote: str, day: dt.date) -> Optional[FxRate]:  # noqa: ANN001 - MarketProvider
    """The ``base``->``quote`` rate for ``day`` from a provider (Yahoo's EURUSD=X series); None if unavailable."""
    from .errors import MarketDataError
    from .market.base import MarketRequest

    b, q = normalise_currency(base)[0], normalise_currency(quote)[0]
    if b == q:
        return FxRate(b, q, 1.0, day, "same currency")
    for symbol, flip in ((fx_symbol(b, q), False), (fx_symbol(q, b), True)):
        try:
            data = provider.fetch(MarketRequest(ticker=symbol, start=day - dt.timedelta(days=7), end=day))
        except MarketDataError:
            continue
        found = rate_from_data(data, day, q if flip else b, b if flip else q)
        if found is not None:
            return found.inverse() if flip else found
    return None
