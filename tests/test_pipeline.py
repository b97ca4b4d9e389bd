"""verify() end to end on the bundled example, and the pipeline's own duties."""

from __future__ import annotations

import datetime as dt

import pytest

from verifier import Report, verify
from verifier.errors import MarketDataError, TickerNotFound
from verifier.market.base import MarketRequest, TickerData
from verifier.market.snapshot import SnapshotProvider
from verifier.pipeline import market_window


@pytest.fixture(scope="module")
def example_report() -> Report:
    from tests.conftest import EXAMPLE_ARTICLE, EXAMPLE_SNAPSHOT

    return verify(EXAMPLE_ARTICLE, market=str(EXAMPLE_SNAPSHOT), extractor="rules")


def claims_of(report: Report, kind: str):
    return [c for c in report.claims if c.kind == kind]


def test_publication_time_from_header(example_report):
    published = example_report.document.published_at
    assert published.isoformat() == "2026-01-30T17:25:04+01:00"
    assert example_report.document.published_at_source == "header"


def test_price_supported_by_the_jan_29_close(example_report):
    (price,) = [c for c in claims_of(example_report, "stock_price") if c.fields.price == 241.73]
    assert price.verdict == "supported"
    assert price.fields.direction == "down"
    assert "2026-01-29" in price.reason
    assert any(e.date == dt.date(2026, 1, 29) for e in price.evidence)
    assert all(e.source for e in price.evidence)


def test_roth_target_supported(example_report):
    (rating,) = claims_of(example_report, "analyst_rating")
    assert rating.fields.firm == "Roth Capital"
    assert rating.fields.price_target == 295 and rating.fields.previous_price_target == 270
    assert rating.verdict == "supported"
    assert "2026-01-26" in rating.reason


def test_job_counts_supported(example_report):
    workforce = {c.fields.count: c for c in claims_of(example_report, "workforce")}
    assert workforce[30000].verdict == "supported" and workforce[30000].fields.cumulative
    assert workforce[16000].verdict == "supported"


def test_deal_is_checked_as_a_report(example_report):
    (deal,) = claims_of(example_report, "deal")
    assert deal.attribution == "reported"
    assert deal.fields.amount == 50_000_000_000 and deal.fields.up_to
    assert deal.fields.counterparty == "OpenAI"
    assert deal.verdict == "supported"
    assert "report" in deal.reason.lower()


def test_earnings_date_supported(example_report):
    (event,) = claims_of(example_report, "scheduled_event")
    assert event.fields.date == dt.date(2026, 2, 5) and event.fields.event == "earnings"
    assert event.verdict == "supported"


def test_nothing_contradicted_and_devices_flagged(example_report):
    assert example_report.summary.contradicted == 0
    techniques = {f.technique for f in example_report.flags}
    assert {"buy_sell_question", "urgency", "free_offer", "call_to_action", "advertisement"} <= techniques
    assert example_report.summary.risk == "high"


def test_summary_counts_add_up(example_report):
    s = example_report.summary
    assert s.claims == len(example_report.claims) == s.supported + s.contradicted + s.unverifiable + s.no_data
    assert s.flags == len(example_report.flags)


def test_run_records_provenance(example_report):
    run = example_report.run
    assert run.extractor == "rules" and run.llm_calls == 0
    assert run.market_data.startswith("snapshot:")
    assert run.sources and run.sources[0]["ticker"] == "AMZN" and run.sources[0]["source"] == "Stooq daily data"


def test_text_input_and_published_override():
    report = verify("Amazon shares closed at $241.73.", published_at="2026-01-30T10:00:00-05:00",
                    market="fixtures/market/amzn-2026-01.json", extractor="rules")
    assert report.document.published_at_source == "flag"
    assert report.claims[0].verdict == "supported"


class CountingProvider:
    name = "counting"

    def __init__(self, inner, fail: Exception | None = None):
        self.inner, self.fail, self.requests = inner, fail, []

    def describe(self) -> str:
        return "counting"

    def fetch(self, request: MarketRequest) -> TickerData:
        self.requests.append(request)
        if self.fail:
            raise self.fail
        return self.inner.fetch(request)


def test_one_fetch_per_ticker_covering_every_claim(example_snapshot, example_article):
    provider = CountingProvider(SnapshotProvider(example_snapshot))
    report = verify(example_article, market=provider, extractor="rules")
    assert len(provider.requests) == 1
    request = provider.requests[0]
    assert request.ticker == "AMZN"
    assert request.start <= dt.date(2025, 10, 1) and request.end >= dt.date(2026, 2, 5)
    assert report.summary.claims >= 6


def test_failing_provider_gives_no_data_with_reason(example_article):
    provider = CountingProvider(None, fail=MarketDataError("Yahoo unreachable (offline)"))
    report = verify(example_article, market=provider, extractor="rules")
    assert {c.verdict for c in report.claims} <= {"no_data", "unverifiable"}
    assert any("Yahoo unreachable" in c.reason for c in report.claims)
    assert any("unavailable" in n for n in report.run.notes)


def test_unknown_ticker_gives_no_data(example_article):
    provider = CountingProvider(None, fail=TickerNotFound("AMZN is delisted"))
    report = verify(example_article, market=provider, extractor="rules")
    assert all(c.verdict in ("no_data", "unverifiable") for c in report.claims)
    assert any("delisted" in c.reason for c in report.claims)


def test_unknown_company_is_unverifiable_not_guessed():
    report = verify("30.01.2026 - 17:25:04 Zyxwv Widgets shares closed at $12.00.", market="none", extractor="rules",
                    ticker=None)
    for claim in report.claims:
        assert claim.verdict in ("unverifiable", "no_data")
        assert claim.ticker is None or claim.ticker != "AMZN"


def test_market_window_spans_claim_dates(example_report):
    start, end = market_window(example_report.claims, example_report.document.published_at)
    assert start <= dt.date(2025, 10, 28) - dt.timedelta(days=1)
    assert end >= dt.date(2026, 2, 5)


@pytest.mark.parametrize("period, earliest", [("month", dt.date(2026, 1, 1)), ("ytd", dt.date(2025, 12, 31)),
                                              ("year", dt.date(2025, 1, 29))])
def test_market_window_reaches_back_for_period_moves(period, earliest):
    from verifier.schemas import Claim

    claim = Claim(id="c1", quote="rose 5%", start=0, end=7, fields={"kind": "price_change", "percent": 5, "period": period})
    start, _ = market_window([claim], dt.datetime(2026, 1, 30, 12, tzinfo=dt.timezone.utc))
    assert start < earliest


def test_live_source_resolves_unknown_names_online(monkeypatch, example_snapshot):
    """With yfinance as the source, a company the table lacks goes to the symbol search."""
    import verifier.pipeline as pipeline
    from verifier.extract.base import Extraction
    from verifier.schemas import Claim
    from verifier.tickers import Resolution

    text = "30.01.2026 - 17:25:04 Zyxwv Widgets shares closed at $241.73."

    class OneClaim:
        name = "one"

        def extract(self, document):
            quote = "closed at $241.73"
            start = document.text.index(quote)
            claim = Claim(id="c1", quote=quote, start=start, end=start + len(quote), company="Zyxwv Widgets",
                          fields={"kind": "stock_price", "price": 241.73, "basis": "close"})
            return Extraction(claims=[claim], extractor="one")

    looked_up = []

    def fake_online(name, extra=None, *, lookup):
        assert callable(lookup)  # the yfinance search, injected
        looked_up.append(name)
        return Resolution("AMZN", name)

    monkeypatch.setattr(pipeline, "resolve_company_online", fake_online)
    provider = CountingProvider(SnapshotProvider(example_snapshot))
    report = verify(text, market=provider, extractor=OneClaim())
    assert not looked_up and report.claims[0].verdict == "unverifiable"  # an offline source: no search
    provider.name = "yfinance"
    report = verify(text, market=provider, extractor=OneClaim())
    assert looked_up == ["Zyxwv Widgets"]
    assert report.claims[0].ticker == "AMZN" and report.claims[0].verdict == "supported"


def test_ticker_flag_chooses_among_share_classes():
    text = "30.01.2026 - 17:25:04 Alphabet shares closed at $241.73."
    report = verify(text, market="none", extractor="rules")
    assert report.claims[0].verdict == "unverifiable"
    assert "GOOG" in report.claims[0].reason  # the candidates are named, not guessed
    report = verify(text, market="none", extractor="rules", ticker="GOOGL")
    assert report.claims[0].ticker == "GOOGL" and report.claims[0].verdict == "no_data"
    report = verify(text, market="none", extractor="rules", ticker="AMZN")
    assert report.claims[0].verdict == "unverifiable"  # a ticker that is not one of the name's listings
