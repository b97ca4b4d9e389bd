"""--market auto with EDGAR: yfinance's market data joined with EDGAR's filed facts, and each failing alone.

EDGAR answers from the loopback replay of ``tests/edgar_replay.py``; the market side is a stub
provider, so what is tested is the joining: which source supplies which part, which note a failure
leaves, and which verdict a claim then gets.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.edgar_replay import EdgarReplay, closed_port_url
from verifier.check import CheckContext, check_claim
from verifier.errors import ConfigError, MarketDataError
from verifier.market.base import Bar, MarketRequest, PriceHistory, TickerData
from verifier.market.combined import CombinedProvider
from verifier.market.edgar import EdgarProvider
from verifier.schemas import Claim

UA = "Verifier Tests tests@example.com"


@pytest.fixture
def sec():
    with EdgarReplay() as replay:
        yield replay


def provider(replay: EdgarReplay) -> EdgarProvider:
    return EdgarProvider(UA, www=replay.url, data=replay.url, cache=None)


def request(ticker: str, start: str, end: str) -> MarketRequest:
    return MarketRequest(ticker=ticker, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


def facts(data: TickerData, metric: str, period: str):
    return [f for f in data.facts if f.metric == metric and f.period == period]


def claim(kind_fields: dict) -> Claim:
    return Claim.model_validate({"id": "c1", "quote": "x", "start": 0, "end": 1, "fields": kind_fields})


def check(c: Claim, data: TickerData, published: str):
    return check_claim(c, CheckContext(dt.datetime.fromisoformat(published), data, ticker=data.ticker))


class _Market:
    name = "yfinance"

    def __init__(self, fail: Exception | None = None):
        self.fail = fail

    def describe(self) -> str:
        return "yfinance (stub)"

    def fetch(self, request: MarketRequest) -> TickerData:
        if self.fail:
            raise self.fail
        return TickerData(
            ticker=request.ticker,
            prices=PriceHistory(bars=[Bar(date=dt.date(2025, 10, 31), open=244, high=250, low=240, close=244.22)]),
            missing=["company facts (job cuts, deals, reported figures): not provided by Yahoo Finance"],
        )


def test_auto_merges_market_data_with_filed_facts(sec):
    merged = CombinedProvider(_Market(), provider(sec)).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert merged.prices.bars[0].close == 244.22
    assert facts(merged, "revenue", "Q3 FY2025")
    assert not any(m.startswith("company facts") for m in merged.missing)


def test_auto_prefers_filed_figures_over_yahoo_income_statements(sec):
    from verifier.market.base import CompanyFact

    class WithStatement(_Market):
        def fetch(self, request):  # noqa: ANN001, ANN202
            data = super().fetch(request)
            fact = CompanyFact(date=dt.date(2025, 10, 30), kind="financial_metric", metric="revenue", amount=1.0, period="Q3 FY2025")
            return data.model_copy(update={"facts": [fact]})

    merged = CombinedProvider(WithStatement(), provider(sec)).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert [f.amount for f in facts(merged, "revenue", "Q3 FY2025")] == [180_169_000_000]
    assert all(f.citation.startswith("SEC EDGAR") for f in merged.facts if f.kind == "financial_metric")
    offline = closed_port_url()
    edgar_down = EdgarProvider(UA, www=offline, data=offline, cache=None)
    fallback = CombinedProvider(WithStatement(), edgar_down).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert [f.amount for f in facts(fallback, "revenue", "Q3 FY2025")] == [1.0]  # the second source stays


def test_yahoo_fills_a_quarter_the_filings_do_not_hold_and_says_so(sec):
    # Meta's 10-K holds the year's EPS, no fourth-quarter figure; Yahoo's quarterly statement lists it
    from verifier.market.base import CompanyFact

    yahoo = "Yahoo Finance income statement (second source, not an SEC filing)"

    class WithStatement(_Market):
        def fetch(self, request):  # noqa: ANN001, ANN202
            data = super().fetch(request)
            q4 = dict(date=dt.date(2026, 1, 28), kind="financial_metric", period="Q4 FY2025", period_end=dt.date(2025, 12, 31), citation=yahoo)
            return data.model_copy(update={"facts": [
                CompanyFact(**q4, metric="eps", amount=8.88),
                CompanyFact(**q4, metric="revenue", amount=1.0),  # EDGAR derives this quarter from the year: it wins
            ]})

    merged = CombinedProvider(WithStatement(), provider(sec)).fetch(request("META", "2026-01-20", "2026-02-05"))
    q4_eps = facts(merged, "eps", "Q4 FY2025")
    assert [(f.amount, f.citation) for f in q4_eps if not f.approximate] == [(8.88, yahoo)]
    assert [f.citation.startswith("SEC EDGAR") for f in q4_eps if f.approximate] == [True]  # EDGAR's estimate stays, unused
    assert [f.amount for f in facts(merged, "revenue", "Q4 FY2025")] == [59_893_000_000]
    fields = {"kind": "financial_metric", "metric": "eps", "period": "fourth quarter"}
    ok = check(claim({**fields, "value": 8.88}), merged, "2026-01-29T16:30:00-05:00")
    assert ok.verdict == "supported" and "not an SEC filing" in ok.reason
    # a per-share figure not stated as GAAP is not disproved by the (GAAP) statement alone
    assert check(claim({**fields, "value": 8.02}), merged, "2026-01-29T16:30:00-05:00").verdict == "unverifiable"


def test_an_eps_that_is_not_the_gaap_figure_is_supported_by_the_street_eps_never_contradicted(sec):
    # Microsoft's fiscal Q2 2026: GAAP $5.16 filed; Yahoo's earnings history lists $4.14 (non-GAAP, without the OpenAI gain)
    from verifier.market.base import CompanyFact

    class WithStreet(_Market):
        def fetch(self, request):  # noqa: ANN001, ANN202
            data = super().fetch(request)
            street = CompanyFact(date=dt.date(2026, 1, 28), kind="financial_metric", metric="eps_street", amount=4.14,
                                 period="Q2 FY2026", period_end=dt.date(2025, 12, 31), citation="Yahoo Finance earnings history")
            return data.model_copy(update={"facts": [street]})

    merged = CombinedProvider(WithStreet(), provider(sec)).fetch(request("MSFT", "2026-01-20", "2026-02-05"))
    fields = {"kind": "financial_metric", "metric": "eps", "period": "fiscal second quarter"}

    def run(value: float, quote: str):  # noqa: ANN202
        c = Claim.model_validate({"id": "c1", "quote": quote, "start": 0, "end": len(quote), "fields": {**fields, "value": value}})
        return check(c, merged, "2026-01-28T17:00:00-05:00")

    bare = run(4.14, "earnings of $4.14 per share")
    assert bare.verdict == "supported" and "5.16" in bare.reason and "analysts' basis" in bare.reason
    assert run(4.14, "adjusted EPS of $4.14").verdict == "supported"
    assert run(4.41, "EPS of $4.41").verdict == "unverifiable"  # neither figure: still not disproved
    assert run(4.41, "adjusted EPS of $4.41").verdict == "unverifiable"
    assert run(4.14, "GAAP diluted EPS of $4.14").verdict == "contradicted"  # the article says GAAP: $5.16 was filed


def test_auto_with_edgar_down_keeps_prices_and_gives_no_data_for_figures(sec):
    offline = closed_port_url()
    edgar = EdgarProvider(UA, www=offline, data=offline, cache=None)
    merged = CombinedProvider(_Market(), edgar).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert merged.prices.bars and any("SEC EDGAR could not be read" in m for m in merged.missing)
    out = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 180.2e9, "period": "Q3 2025"}), merged, "2025-10-31T16:45:00-04:00")
    assert out.verdict == "no_data" and "SEC EDGAR unreachable" in out.reason


def test_auto_with_yahoo_down_still_checks_filed_figures(sec):
    merged = CombinedProvider(_Market(MarketDataError("Yahoo Finance unreachable")), provider(sec)).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert merged.prices is None and any("Yahoo Finance could not be read" in m for m in merged.missing)
    out = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 180.2e9, "period": "Q3 2025"}), merged, "2025-10-31T16:45:00-04:00")
    assert out.verdict == "supported"


def test_open_provider_edgar_and_auto_pick_edgar_up_from_the_environment(monkeypatch):
    from verifier.market import open_provider

    monkeypatch.delenv("VERIFIER_SEC_USER_AGENT", raising=False)
    assert "EDGAR" not in open_provider("auto").describe()
    with pytest.raises(ConfigError):
        open_provider("edgar")
    monkeypatch.setenv("VERIFIER_SEC_USER_AGENT", UA)
    assert "SEC EDGAR" in open_provider("auto").describe() and open_provider("auto").name == "yfinance+edgar"
    assert open_provider("edgar").name == "edgar"
