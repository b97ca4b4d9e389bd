"""Company name -> listing through Yahoo's search: deliberate about share classes and foreign listings."""

from __future__ import annotations

import pytest

from tests.yahoo_replay import YahooReplay, guard_curl
from verifier.market.symbols import issuer_key, listing_rank, resolve_by_search, search_lookup
from verifier.market.yfinance import YFinanceProvider
from verifier.tickers import resolve_company_online


@pytest.fixture(autouse=True)
def _no_real_yahoo(monkeypatch):
    guard_curl(monkeypatch)


@pytest.fixture
def session() -> YahooReplay:
    return YahooReplay()


@pytest.fixture
def search(session):
    return YFinanceProvider(session=session).search


def test_a_us_company_resolves_to_its_us_listing_and_names_the_foreign_one(search):
    found = resolve_company_online("SoundHound AI", lookup=search_lookup(search))
    assert found.ticker == "SOUN"
    assert "US primary listing" in found.reason and "3XX.F (FRA)" in found.reason


def test_a_foreign_company_resolves_to_its_home_listing_not_the_otc_adr(search):
    found = resolve_company_online("Siemens", lookup=search_lookup(search))
    assert found.ticker == "SIE.DE"
    assert "home-exchange listing" in found.reason and "SIEGY (PNK)" in found.reason


def test_share_classes_give_candidates_not_a_guess(search):
    found = resolve_by_search("Alphabet", search, use_cache=False)
    assert found.ticker is None and found.candidates == ["GOOGL", "GOOG"]
    assert "share classes" in found.reason and "--ticker" in found.reason


def test_the_bundled_table_comes_first(session, search):
    found = resolve_company_online("Alphabet", lookup=search_lookup(search))  # the table lists both classes
    assert found.ticker is None and set(found.candidates) == {"GOOG", "GOOGL"}
    assert session.calls == []
    assert resolve_company_online("Amazon", lookup=search_lookup(search)).ticker == "AMZN" and session.calls == []


def test_an_unknown_name_says_so(search):
    found = resolve_company_online("Zzqx Nonexistent Co", lookup=search_lookup(search))
    assert found.ticker is None and "finds no listed company" in found.reason


def test_several_issuers_give_candidates():
    def fake(query):  # noqa: ANN001, ANN202
        return [
            {"symbol": "ACME", "name": "Acme Robotics Inc.", "exchange": "NMS", "type": "EQUITY"},
            {"symbol": "ACMF", "name": "Acme Foods Corp.", "exchange": "NYQ", "type": "EQUITY"},
        ]

    found = resolve_by_search("Acme", fake, use_cache=False)
    assert found.ticker is None and found.candidates == ["ACME", "ACMF"]


def test_offline_search_keeps_the_table_reason():
    found = resolve_company_online("SoundHound AI", lookup=search_lookup(YFinanceProvider(session=YahooReplay(mode="offline")).search))
    assert found.ticker is None and "online search failed" in found.reason and "--ticker" in found.reason


def test_search_results_are_cached(session, search):
    resolve_company_online("Siemens", lookup=search_lookup(search))
    made = len(session.calls)
    assert resolve_company_online("Siemens", lookup=search_lookup(search)).ticker == "SIE.DE"
    assert len(session.calls) == made


def test_ranks_and_issuer_names():
    assert [listing_rank(x) for x in ("NMS", "GER", "FRA", "PNK")] == [0, 1, 2, 3]
    assert issuer_key("Siemens Aktiengesellschaft") == issuer_key("Siemens AG") == "siemens"
    assert issuer_key("BHP Group Limited") == "bhp"
