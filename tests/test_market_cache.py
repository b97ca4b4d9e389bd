"""The SQLite market-data cache: what is kept for good, what expires, and that it never fails a run."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tests.yahoo_replay import YahooReplay, guard_curl
from verifier.errors import MarketDataError, TickerNotFound
from verifier.market.base import Bar, MarketRequest, PriceHistory, Provenance, TickerData
from verifier.market.cache import (
    DEFAULT_TTL,
    CachingProvider,
    MarketCache,
    is_final,
    open_cache,
)
from verifier.market.auto import default_provider
from verifier.market.yfinance import YFinanceProvider

T0 = dt.datetime(2026, 2, 7, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def _no_real_yahoo(monkeypatch):
    guard_curl(monkeypatch)


class Clock:
    def __init__(self, start: dt.datetime = T0):
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now


class CountingProvider:
    """A provider of our own types that counts its fetches and can be switched to failing."""

    name = "counting"

    def __init__(self, fail: BaseException | None = None):
        self.fetches = 0
        self.fail = fail

    def describe(self) -> str:
        return "counting"

    def fetch(self, request: MarketRequest) -> TickerData:
        self.fetches += 1
        if self.fail:
            raise self.fail
        if request.ticker == "NOPE":
            raise TickerNotFound("NOPE is not a listed symbol")
        day = request.start
        return TickerData(
            ticker=request.ticker,
            prices=PriceHistory(bars=[Bar(date=day, open=10, high=11, low=9, close=10.5)]),
            provenance=Provenance(source="counting", retrieved_at=T0),
        )


def req(start: str, end: str, ticker: str = "AMZN") -> MarketRequest:
    return MarketRequest(ticker=ticker, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


def caching(inner, clock: Clock, tmp_path) -> CachingProvider:  # noqa: ANN001
    cache, note = open_cache(tmp_path / "market.sqlite3")
    assert note is None
    return CachingProvider(inner, cache, now=clock)


def test_second_run_of_the_article_makes_no_network_request(example_article, tmp_path):
    from verifier.pipeline import verify

    session = YahooReplay()
    first = verify(
        example_article, extractor="rules",
        market=CachingProvider(YFinanceProvider(session=session), open_cache(tmp_path / "m.sqlite3")[0]),
    )
    made = len(session.calls)
    assert made > 0
    second = verify(
        example_article, extractor="rules",
        market=CachingProvider(YFinanceProvider(session=session), open_cache(tmp_path / "m.sqlite3")[0]),
    )
    assert len(session.calls) == made
    assert [c.verdict for c in second.claims] == [c.verdict for c in first.claims]
    assert second.run.sources[0]["retrieved_at"] == first.run.sources[0]["retrieved_at"]


def test_market_auto_uses_the_cache_folder_from_the_environment(example_article, monkeypatch, tmp_path):
    from verifier.config import cache_dir
    from verifier.market import auto as auto_module
    from verifier.pipeline import verify

    session = YahooReplay()
    monkeypatch.setattr(auto_module, "_yfinance_provider", lambda: YFinanceProvider(session=session))
    verify(example_article, extractor="rules", market="auto")
    made = len(session.calls)
    report = verify(example_article, extractor="rules", market="auto")
    assert len(session.calls) == made
    assert (cache_dir() / "market.sqlite3").exists()
    assert str(cache_dir()) in report.run.market_data


def test_a_window_that_had_ended_is_kept_for_good(tmp_path):
    clock, inner = Clock(), CountingProvider()
    provider = caching(inner, clock, tmp_path)
    provider.fetch(req("2026-01-15", "2026-02-04"))
    clock.now = T0 + dt.timedelta(days=400)
    data = provider.fetch(req("2026-01-15", "2026-02-04"))
    assert inner.fetches == 1
    assert "served from the local cache" in data.provenance.note


def test_a_narrower_window_is_served_by_a_wider_final_entry(tmp_path):
    clock, inner = Clock(), CountingProvider()
    provider = caching(inner, clock, tmp_path)
    provider.fetch(req("2026-01-01", "2026-02-04"))
    provider.fetch(req("2026-01-10", "2026-01-31"))
    assert inner.fetches == 1
    provider.fetch(req("2025-12-20", "2026-01-31"))  # reaches earlier: a new fetch
    assert inner.fetches == 2


def test_live_data_expires_after_the_ttl(tmp_path):
    clock, inner = Clock(), CountingProvider()
    provider = caching(inner, clock, tmp_path)
    live = req("2026-01-25", "2026-02-10")  # reaches past the retrieval day: not final
    provider.fetch(live)
    clock.now = T0 + dt.timedelta(seconds=DEFAULT_TTL - 5)
    provider.fetch(live)
    assert inner.fetches == 1
    clock.now = T0 + dt.timedelta(seconds=DEFAULT_TTL + 5)
    provider.fetch(live)
    assert inner.fetches == 2


def test_final_means_retrieved_on_a_later_exchange_day():
    data = TickerData(ticker="AMZN", prices=PriceHistory(timezone="America/New_York"))
    # 2026-02-05 03:00 UTC is still 2026-02-04 in New York: the 2026-02-04 session may not be final
    assert not is_final(data, dt.date(2026, 2, 4), dt.datetime(2026, 2, 5, 3, 0, tzinfo=dt.timezone.utc))
    assert is_final(data, dt.date(2026, 2, 4), dt.datetime(2026, 2, 5, 6, 0, tzinfo=dt.timezone.utc))


def test_an_unknown_ticker_is_remembered_for_a_day(tmp_path):
    clock, inner = Clock(), CountingProvider()
    provider = caching(inner, clock, tmp_path)
    for _ in range(2):
        with pytest.raises(TickerNotFound, match="NOPE"):
            provider.fetch(req("2026-01-15", "2026-02-04", "NOPE"))
    assert inner.fetches == 1
    clock.now = T0 + dt.timedelta(days=2)
    with pytest.raises(TickerNotFound):
        provider.fetch(req("2026-01-15", "2026-02-04", "NOPE"))
    assert inner.fetches == 2


def test_stale_data_is_served_when_the_source_fails_and_says_so(tmp_path):
    clock, inner = Clock(), CountingProvider()
    provider = caching(inner, clock, tmp_path)
    live = req("2026-01-25", "2026-02-10")
    provider.fetch(live)
    clock.now = T0 + dt.timedelta(hours=3)
    inner.fail = MarketDataError("Yahoo Finance is unreachable")
    data = provider.fetch(live)
    assert "source failed" in data.provenance.note and "may be out of date" in data.provenance.note
    with pytest.raises(MarketDataError):  # nothing cached for this one
        provider.fetch(req("2025-01-01", "2025-01-31"))


def test_a_cache_folder_that_cannot_be_created_turns_the_cache_off(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(blocker / "cache"))
    inner = CountingProvider()
    provider = default_provider(inner)
    assert provider.cache is None
    assert "cache off" in provider.describe() and "VERIFIER_CACHE_DIR" in provider.describe()
    assert provider.fetch(req("2026-01-15", "2026-02-04")).prices.bars


@pytest.mark.parametrize("error", ["attempt to write a readonly database", "database or disk is full"])
def test_a_read_only_or_full_cache_never_fails_the_run(tmp_path, monkeypatch, error):
    inner = CountingProvider()
    provider = caching(inner, Clock(), tmp_path)

    def fail(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise sqlite3.OperationalError(error)

    monkeypatch.setattr(MarketCache, "store", fail)
    data = provider.fetch(req("2026-01-15", "2026-02-04"))
    assert data.prices.bars and provider.cache is None
    assert error in provider.describe()
    provider.fetch(req("2026-01-15", "2026-02-04"))  # keeps working without the cache
    assert inner.fetches == 2


def test_an_existing_cache_opened_read_only_still_serves(tmp_path):
    path = tmp_path / "m.sqlite3"
    clock, inner = Clock(), CountingProvider()
    CachingProvider(inner, MarketCache(path), now=clock).fetch(req("2026-01-15", "2026-02-04"))
    readonly = MarketCache(path)
    readonly.conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    readonly.writable = False
    provider = CachingProvider(inner, readonly, now=clock)
    provider.fetch(req("2026-01-15", "2026-02-04"))
    provider.fetch(req("2025-01-15", "2025-02-04"))  # a miss: fetched, not stored, no error
    assert inner.fetches == 2


def test_a_corrupt_cache_file_turns_the_cache_off(tmp_path):
    path = tmp_path / "m.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache, note = open_cache(path)
    assert cache is None and "cannot be used" in note


def test_data_with_a_part_that_failed_to_load_is_not_kept_for_good():
    data = TickerData(ticker="AMZN", missing=["analyst actions: Yahoo's answer for AMZN could not be read (KeyError)"])
    assert not is_final(data, dt.date(2026, 1, 31), T0)
