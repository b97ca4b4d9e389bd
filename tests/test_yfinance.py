"""The yfinance provider, run on the real yfinance library with Yahoo-format responses replayed.

Covers what a user relies on: as-traded prices (split and dividend adjustment undone), dates in the
exchange's time zone, analyst actions, earnings dates, profile and consensus; and failing fast and
clearly when offline, hanging, rate-limited, or asked for an unknown ticker.
"""

from __future__ import annotations

import datetime as dt
import time

import pytest

from tests.yahoo_replay import YahooReplay, guard_curl
from verifier.errors import MarketDataError, TickerNotFound
from verifier.market.base import MarketRequest
from verifier.market.yfinance import YFinanceProvider, split_factors
from verifier.market.base import Split

RETRIEVED = dt.datetime(2026, 2, 7, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def _no_real_yahoo(monkeypatch):
    guard_curl(monkeypatch)


def provider(session: YahooReplay, **kwargs) -> YFinanceProvider:
    kwargs.setdefault("now", lambda: RETRIEVED)
    return YFinanceProvider(session=session, **kwargs)


def request(ticker: str, start: str, end: str) -> MarketRequest:
    return MarketRequest(ticker=ticker, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


def test_prices_are_as_traded_with_the_2022_amzn_split_undone():
    data = provider(YahooReplay()).fetch(request("AMZN", "2019-12-20", "2026-02-10"))
    bars = {b.date: b for b in data.prices.bars}
    # Yahoo serves 94.9005 for 2020-01-02 (split-adjusted); as traded it closed at $1,898.01
    assert bars[dt.date(2020, 1, 2)].close == pytest.approx(1898.01)
    assert bars[dt.date(2020, 1, 2)].volume == pytest.approx(4029000)
    assert bars[dt.date(2022, 6, 3)].close == pytest.approx(2447.00)  # the last session before the split
    assert bars[dt.date(2022, 6, 6)].close == pytest.approx(124.79)  # first session after: unchanged
    assert bars[dt.date(2026, 1, 29)].close == pytest.approx(241.73)
    assert [(s.date, s.ratio) for s in data.splits] == [(dt.date(2022, 6, 6), 20.0)]
    assert data.prices.as_traded and data.prices.currency == "USD" and data.prices.exchange == "XNAS"
    assert "20:1 on 2022-06-06" in data.prices.provenance.note
    assert data.prices.provenance.retrieved_at == RETRIEVED


def test_dividends_and_prices_before_a_split_inside_the_window_are_as_traded():
    data = provider(YahooReplay()).fetch(request("AAPL", "2020-08-01", "2020-09-05"))
    bars = {b.date: b for b in data.prices.bars}
    assert bars[dt.date(2020, 8, 28)].close == pytest.approx(499.23)  # before the 4:1 split
    assert bars[dt.date(2020, 8, 31)].close == pytest.approx(129.04)
    assert [(d.date, d.amount) for d in data.dividends] == [(dt.date(2020, 8, 7), pytest.approx(0.82))]


def test_split_factor_multiplies_every_later_split():
    splits = [Split(date=dt.date(2020, 8, 31), ratio=4), Split(date=dt.date(2014, 6, 9), ratio=7)]
    assert split_factors([dt.date(2014, 1, 2), dt.date(2020, 1, 2), dt.date(2020, 8, 31)], splits) == [28, 4, 1]


def test_bar_dates_are_exchange_dates_not_utc_dates():
    # ASX sessions open at 10:00 Sydney = 23:00 UTC the day before
    data = provider(YahooReplay()).fetch(request("BHP.AX", "2024-01-01", "2024-01-10"))
    assert [b.date for b in data.prices.bars] == [dt.date(2024, 1, 4), dt.date(2024, 1, 5), dt.date(2024, 1, 8)]
    assert data.prices.timezone == "Australia/Sydney"
    assert data.prices.currency == "AUD" and data.prices.exchange == "XASX"


def test_analyst_actions_carry_firm_grades_targets_and_exchange_date():
    data = provider(YahooReplay()).fetch(request("AMZN", "2026-01-10", "2026-02-04"))
    by_firm = {a.firm: a for a in data.analyst_actions}
    assert set(by_firm) == {"Roth Capital", "Jefferies", "Wedbush"}  # older actions are outside the window
    roth = by_firm["Roth Capital"]
    assert (roth.date, roth.action, roth.from_rating, roth.to_rating) == (dt.date(2026, 1, 26), "main", "Buy", "Buy")
    assert (roth.price_target, roth.prior_price_target, roth.currency) == (295.0, 270.0, "USD")
    jefferies = by_firm["Jefferies"]
    assert (jefferies.action, jefferies.from_rating, jefferies.to_rating) == ("upgrade", "Hold", "Buy")
    assert roth.provenance.source.startswith("Yahoo Finance") and roth.provenance.retrieved_at == RETRIEVED


def test_initiation_has_no_prior_target_or_grade():
    data = provider(YahooReplay()).fetch(request("AMZN", "2020-01-01", "2020-01-10"))
    [wells] = data.analyst_actions
    assert (wells.action, wells.from_rating, wells.prior_price_target, wells.price_target) == ("init", None, None, 2300.0)


def test_earnings_dates_in_exchange_time_with_session_timing():
    data = provider(YahooReplay()).fetch(request("AMZN", "2025-10-01", "2026-02-10"))
    earnings = {e.date: e for e in data.events if e.event == "earnings"}
    # calendarEvents sends 2026-02-05 21:00 UTC: 16:00 in New York, after the close
    assert earnings[dt.date(2026, 2, 5)].time == "after_close" and earnings[dt.date(2026, 2, 5)].confirmed
    # the past date comes from the earnings page (Reported EPS present)
    assert earnings[dt.date(2025, 10, 30)].confirmed
    assert dt.date(2026, 4, 30) not in earnings  # outside the window


def test_profile_and_consensus_from_info():
    data = provider(YahooReplay()).fetch(request("AMZN", "2026-01-20", "2026-02-04"))
    p = data.profile
    assert (p.name, p.currency, p.exchange, p.employees) == ("Amazon.com, Inc.", "USD", "XNAS", 1556000)
    assert (p.market_cap, p.shares_outstanding) == (2558000000000, 10690000000)
    assert (p.fifty_two_week_low, p.fifty_two_week_high) == (161.38, 258.6)
    c = data.consensus
    assert (c.mean_target, c.low_target, c.high_target, c.analysts, c.recommendation) == (295.37, 230.0, 360.0, 63, "strong_buy")
    assert any("company facts" in m for m in data.missing)


def test_income_statements_are_a_second_source_for_reported_figures_labelled_as_such():
    data = provider(YahooReplay()).fetch(request("AMZN", "2026-01-20", "2026-02-04"))
    q3 = [f for f in data.facts if f.metric == "revenue" and f.period == "Q3 FY2025"]
    assert [f.amount for f in q3] == [180_169_000_000]
    # dated by the results date Yahoo lists after the period, not by the period end
    assert q3[0].date == dt.date(2025, 10, 30) and "results date 2025-10-30" in q3[0].description
    assert q3[0].provenance.source == "Yahoo Finance income statement via yfinance" and "not an SEC filing" in q3[0].citation
    # with no results date known, the latest day a filing was due: never used before it could be public
    fy23 = [f for f in data.facts if f.metric == "revenue" and f.period == "FY2023"][0]
    assert fy23.date == dt.date(2024, 3, 15) and "latest a filing is due" in fy23.description
    assert [f.amount for f in data.facts if f.metric == "net_income" and f.period == "FY2023"] == [30_425_000_000]
    # job cuts and deals are still missing: those claims get no_data, figures are checked
    assert any(m.startswith("company facts (job cuts, deals)") for m in data.missing)


def test_reported_eps_of_the_earnings_history_is_kept_for_the_quarter_just_ended():
    data = provider(YahooReplay()).fetch(request("AMZN", "2026-01-20", "2026-02-04"))
    street = [f for f in data.facts if f.metric == "eps_street"]
    # "Reported EPS" 1.95 on the results date 2025-10-30: the quarter ended 2025-09-30
    assert [(f.period, f.amount, f.date, f.period_end) for f in street] == [("Q3 FY2025", 1.95, dt.date(2025, 10, 30), dt.date(2025, 9, 30))]
    assert "analysts' basis" in street[0].description and "not an SEC filing" in street[0].citation


def test_one_fetch_makes_a_bounded_number_of_requests():
    session = YahooReplay()
    provider(session).fetch(request("AMZN", "2026-01-20", "2026-02-04"))
    calls = session.data_calls()
    assert calls.count("earnings") == 1 and calls.count("quote") == 1
    assert calls.count("quoteSummary") == 3  # info, upgrades, calendar
    assert calls.count("timeseries") <= 3  # the quarterly and annual income statements (+ info's own)
    assert len(calls) <= 12


def test_offline_fails_fast_with_a_clear_message_and_yahoo_is_not_called_again():
    session = YahooReplay(mode="offline")
    yahoo = provider(session)
    started = time.monotonic()
    with pytest.raises(MarketDataError) as err:
        yahoo.fetch(request("AMZN", "2026-01-20", "2026-02-04"))
    assert time.monotonic() - started < 3
    message = str(err.value)
    assert "unreachable" in message and "Could not resolve host" in message and "--market" in message
    made = len(session.calls)
    with pytest.raises(MarketDataError, match="earlier in this run"):
        yahoo.fetch(request("MSFT", "2026-01-20", "2026-02-04"))
    assert len(session.calls) == made


def test_a_hanging_connection_is_cut_by_our_deadline():
    session = YahooReplay(mode="hang")
    yahoo = provider(session, deadline=0.5)
    started = time.monotonic()
    try:
        with pytest.raises(MarketDataError, match="did not answer within 0.5 s"):
            yahoo.fetch(request("AMZN", "2026-01-20", "2026-02-04"))
        assert time.monotonic() - started < 2
        assert yahoo.down
    finally:
        session.release.set()


def test_rate_limiting_backs_off_then_says_so():
    session = YahooReplay(status={"chart": 429, "quoteSummary": 429})
    yahoo = provider(session, retries=2, backoff=0.01)
    with pytest.raises(MarketDataError) as err:
        yahoo.fetch(request("AMZN", "2026-01-20", "2026-02-04"))
    assert "rate-limiting" in str(err.value) and "3 attempts" in str(err.value) and "wait" in str(err.value)
    assert not isinstance(err.value, TickerNotFound)


def test_a_passing_rate_limit_is_retried():
    session = YahooReplay(status={"chart": 429}, status_times=2)
    data = provider(session, retries=2, backoff=0.01).fetch(request("AMZN", "2026-01-20", "2026-02-04"))
    assert data.bar_on(dt.date(2026, 1, 29)).close == pytest.approx(241.73)


def test_unknown_ticker_is_ticker_not_found():
    with pytest.raises(TickerNotFound, match="ZZZZZ.*unknown or delisted"):
        provider(YahooReplay()).fetch(request("ZZZZZ", "2026-01-20", "2026-02-04"))


def test_an_unknown_ticker_does_not_stop_the_run():
    yahoo = provider(YahooReplay())
    with pytest.raises(TickerNotFound):
        yahoo.fetch(request("ZZZZZ", "2026-01-20", "2026-02-04"))
    assert yahoo.fetch(request("AMZN", "2026-01-20", "2026-02-04")).prices.bars


def test_an_empty_frame_is_a_failure_not_a_market_without_trading(monkeypatch):
    import yfinance.utils
    from yfinance.scrapers.history import PriceHistory

    monkeypatch.setattr(PriceHistory, "history", lambda self, *a, **k: yfinance.utils.empty_df())
    with pytest.raises(MarketDataError, match="not a closed market"):
        provider(YahooReplay()).fetch(request("AMZN", "2026-01-20", "2026-02-04"))


def test_pipeline_turns_an_offline_provider_into_no_data_with_the_reason(example_article):
    from verifier.pipeline import verify

    report = verify(example_article, extractor="rules", market=provider(YahooReplay(mode="offline")))
    assert report.claims and all(c.verdict == "no_data" for c in report.claims)
    assert any("unreachable" in note for note in report.run.notes)


def test_pipeline_with_live_data_checks_the_example(example_article):
    from verifier.pipeline import verify

    report = verify(example_article, extractor="rules", market=provider(YahooReplay()))
    verdicts = {c.kind: c.verdict for c in report.claims}
    assert verdicts["stock_price"] == "supported"
    assert verdicts["analyst_rating"] == "supported"
    assert verdicts["scheduled_event"] == "supported"
    assert report.run.sources[0]["retrieved_at"].startswith("2026-02-07T12:00")


def test_symbol_search_lists_listings():
    found = provider(YahooReplay()).search("Alphabet")
    assert [(q["symbol"], q["exchange"]) for q in found] == [("GOOGL", "NMS"), ("GOOG", "NMS"), ("ABEA.DE", "GER")]


def test_dates_do_not_shift_with_the_host_time_zone(monkeypatch):
    # yfinance's own ``calendar`` converts with the host's zone: on a UTC+14 host 2026-02-05 21:00 UTC
    # would read as 2026-02-06. The provider converts in the exchange's zone.
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        data = provider(YahooReplay()).fetch(request("AMZN", "2026-01-20", "2026-02-10"))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert [e.date for e in data.events if e.event == "earnings"] == [dt.date(2026, 2, 5)]
    assert dt.date(2026, 1, 26) in {a.date for a in data.analyst_actions}
    assert data.bar_on(dt.date(2026, 1, 29)).close == pytest.approx(241.73)


def test_pence_quotes_are_stated_in_pounds():
    data = provider(YahooReplay()).fetch(request("VOD.L", "2024-02-26", "2024-03-08"))
    assert data.prices.currency == "GBP" and data.prices.exchange == "XLON" and data.prices.timezone == "Europe/London"
    assert [b.close for b in data.prices.bars] == [pytest.approx(0.6902), pytest.approx(0.6986)]
    assert "GBp" in data.prices.provenance.note


@pytest.mark.parametrize("given, expected", [("BRK.B", "BRK-B"), ("brk/a", "BRK-A"), ("SIE.DE", "SIE.DE"), ("VOD.L", "VOD.L"), ("AMZN", "AMZN")])
def test_yahoo_spelling_of_share_classes(given, expected):
    from verifier.market.yfinance import yahoo_symbol

    assert yahoo_symbol(given) == expected


def test_the_test_suite_cannot_reach_yahoo():
    # a provider on yfinance's own curl_cffi session is stopped by the network guard
    with pytest.raises(MarketDataError, match="reach the network"):
        YFinanceProvider(deadline=5).fetch(request("AMZN", "2026-01-20", "2026-02-04"))


def test_the_deadline_can_be_set_from_the_environment(monkeypatch):
    from verifier.errors import ConfigError

    monkeypatch.setenv("VERIFIER_MARKET_TIMEOUT", "12")
    assert YFinanceProvider().deadline == 12
    monkeypatch.setenv("VERIFIER_MARKET_TIMEOUT", "soon")
    with pytest.raises(ConfigError, match="VERIFIER_MARKET_TIMEOUT"):
        YFinanceProvider()
