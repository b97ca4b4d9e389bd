"""Currency handling: a EUR figure is converted with a named rate or explicitly not compared."""

from __future__ import annotations

import datetime as dt

import pytest

from verifier.currency import (
    FX_TOLERANCE,
    FxRate,
    compare_currency,
    fetch_rate,
    fx_symbol,
    normalise_currency,
    rate_from_data,
)
from verifier.errors import TickerNotFound
from verifier.market.base import Bar, PriceHistory, Provenance, TickerData

DAY = dt.date(2026, 1, 29)


def test_symbols_and_minor_units():
    assert normalise_currency("€") == ("EUR", 1.0)
    assert normalise_currency("$") == ("USD", 1.0)
    assert normalise_currency("GBp") == ("GBP", 100.0)
    assert normalise_currency(None) == ("USD", 1.0)
    assert fx_symbol("eur", "usd") == "EURUSD=X"


def test_same_currency_is_compared_as_is():
    result = compare_currency(241.73, "USD", "USD")
    assert result.comparable and result.amount == 241.73 and result.explanation == ""


def test_pounds_against_a_pence_listing_are_scaled():
    result = compare_currency(12.5, "GBP", "GBp")
    assert result.comparable and result.amount == pytest.approx(1250)
    assert "GBp" in result.explanation and "1,250.00" in result.explanation


def test_a_eur_price_against_a_usd_listing_is_converted_with_the_rate_named():
    rate = FxRate("EUR", "USD", 1.18, DAY, "EURUSD=X close, Yahoo Finance")
    result = compare_currency(204.86, "EUR", "USD", rate=rate)
    assert result.comparable and result.amount == pytest.approx(241.73, abs=0.01)
    assert result.extra_tolerance == FX_TOLERANCE
    assert "1.1800 USD per EUR" in result.explanation and "2026-01-29" in result.explanation


def test_an_inverse_rate_is_used_the_right_way_round():
    rate = FxRate("USD", "EUR", 1 / 1.18, DAY, "USDEUR=X")
    assert compare_currency(204.86, "EUR", "USD", rate=rate).amount == pytest.approx(241.73, abs=0.01)


def test_without_a_rate_a_eur_price_is_never_matched():
    result = compare_currency(241.73, "EUR", "USD")
    assert not result.comparable and result.amount is None
    assert "EUR" in result.explanation and "USD" in result.explanation and "not compared" in result.explanation


class FxProvider:
    name = "fx"

    def describe(self) -> str:
        return "fx"

    def fetch(self, request):  # noqa: ANN001, ANN201
        if request.ticker != "EURUSD=X":
            raise TickerNotFound(request.ticker)
        bars = [Bar(date=dt.date(2026, 1, d), open=1.17, high=1.19, low=1.16, close=1.17 + d / 1000) for d in (27, 28)]
        return TickerData(ticker="EURUSD=X", prices=PriceHistory(currency="USD", bars=bars, provenance=Provenance(source="Yahoo")))


def test_rates_come_from_the_last_fx_close_on_or_before_the_day():
    rate = fetch_rate(FxProvider(), "EUR", "USD", DAY)
    assert (rate.rate, rate.date) == (pytest.approx(1.198), dt.date(2026, 1, 28))
    inverse = fetch_rate(FxProvider(), "USD", "EUR", DAY)
    assert inverse.rate == pytest.approx(1 / 1.198) and (inverse.base, inverse.quote) == ("USD", "EUR")
    assert fetch_rate(FxProvider(), "GBP", "JPY", DAY) is None
    assert rate_from_data(None, DAY, "EUR", "USD") is None
