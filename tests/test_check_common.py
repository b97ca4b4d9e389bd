"""check/common.py: the pieces several checks share (the unknown hour, the missing-data outcomes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from verifier.check import CheckContext, Outcome
from verifier.check.common import DATE_ONLY_NOTE, hour_matters, unless_the_hour, without_bars, without_facts
from verifier.market.base import TickerData
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
NY = ZoneInfo("America/New_York")
AMZN = Snapshot.load(ROOT / "fixtures" / "market" / "amzn-2026-01.json").tickers["AMZN"]
FRIDAY = dt.date(2026, 1, 30)


def date_only(day: dt.date, data: TickerData = AMZN) -> CheckContext:
    return CheckContext(dt.datetime.combine(day, dt.time(12), NY), data, ticker="AMZN", published_precision="date")


def test_the_hour_matters_for_an_undated_or_same_day_claim_of_a_date_only_article():
    ctx = date_only(FRIDAY)
    assert hour_matters(None, ctx) == FRIDAY
    assert hour_matters(FRIDAY, ctx) == FRIDAY
    assert hour_matters(FRIDAY, ctx, over_by_then=True) is None  # "closed at $X on Friday" in Friday's copy
    assert hour_matters(None, ctx, over_by_then=True) == FRIDAY
    assert hour_matters(dt.date(2026, 1, 29), ctx) is None  # another day: its session is known


def test_the_hour_does_not_matter_with_a_time_a_non_session_day_or_no_bars():
    timed = CheckContext(dt.datetime(2026, 1, 30, 10, 0, tzinfo=NY), AMZN, ticker="AMZN")
    assert hour_matters(None, timed) is None
    assert hour_matters(None, date_only(dt.date(2026, 1, 31))) is None  # a Saturday: no session to place in the day
    assert hour_matters(None, date_only(FRIDAY, TickerData(ticker="AMZN"))) is None


def test_only_a_contradiction_becomes_unverifiable_when_the_hour_matters():
    contradicted = Outcome("contradicted", "the close was $240.", rule="close within 0.5%")
    turned = unless_the_hour(contradicted, FRIDAY, "price", "close within 0.5%")
    assert turned.verdict == "unverifiable" and f"{DATE_ONLY_NOTE} ({FRIDAY})" in turned.reason
    assert "the session the price belongs to depends on the hour" in turned.reason
    assert turned.rule.endswith("a date without a time never contradicts a price whose session depends on the hour")
    assert unless_the_hour(contradicted, None, "price", "r") is contradicted
    supported = Outcome("supported", "ok")
    assert unless_the_hour(supported, FRIDAY, "move", "r") is supported


def test_missing_bars_and_missing_facts_are_no_data_with_the_sources_note():
    empty = TickerData(ticker="AMZN", missing=["prices: no daily bars from this source", "facts: not covered"])
    bars = without_bars(empty, "$241.73 cannot be compared with a traded price", "r")
    assert bars.verdict == "no_data" and bars.rule == "r"
    assert bars.reason == (
        "the market data for AMZN holds no daily bars (the source notes: prices: no daily bars from this source), "
        "so $241.73 cannot be compared with a traded price."
    )
    assert without_bars(AMZN, "x", "r") is None
    facts = without_facts(empty, "workforce", "company facts", "30,000 job cuts cannot be checked", "r")
    assert facts.verdict == "no_data"
    assert facts.reason == "the market data for AMZN holds no company facts (the source notes: facts: not covered), so 30,000 job cuts cannot be checked."
    assert without_facts(AMZN, "workforce", "company facts", "x", "r") is None  # the data holds workforce facts
    assert without_facts(TickerData(ticker="AMZN"), "deal", "company facts", "x", "r") is None  # no note: no verdict from absence here
