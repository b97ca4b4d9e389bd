"""scheduled_event check: the event date against the data's calendar of events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

from verifier.check import CheckContext, check_claim
from verifier.market.snapshot import Snapshot
from verifier.schemas import CheckedClaim, Claim

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
SYNTHETIC = ROOT / "fixtures" / "market" / "synthetic-checks.json"
NY = ZoneInfo("America/New_York")
D = dt.date
EXAMPLE_PUBLISHED = dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=ZoneInfo("Europe/Berlin"))
FACT_PUBLISHED = dt.datetime(2025, 3, 18, 12, 0, tzinfo=NY)


def check(event, date, ticker="AMZN", path=EXAMPLE, published=EXAMPLE_PUBLISHED) -> CheckedClaim:
    data = Snapshot.load(path).tickers[ticker]
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker=ticker,
                  fields={"kind": "scheduled_event", "event": event, "date": date})
    return check_claim(claim, CheckContext(published, data, ticker=ticker))


def test_example_earnings_date_is_supported_with_its_source():
    result = check("earnings", D(2026, 2, 5))
    assert result.verdict == "supported"
    assert "2026-02-05" in result.reason and "after the close" in result.reason
    (ev,) = result.evidence
    assert ev.source == "company investor-relations calendar" and ev.date == D(2026, 2, 5) and ev.retrieved_at


def test_other_date_for_the_same_event_is_contradicted_with_both_dates():
    result = check("earnings", D(2026, 2, 12))
    assert result.verdict == "contradicted"
    assert "2026-02-12" in result.reason and "2026-02-05" in result.reason and "7 day(s) apart" in result.reason


def test_date_of_another_quarter_is_unverifiable():
    result = check("earnings", D(2026, 4, 30))
    assert result.verdict == "unverifiable" and "nearest is earnings on 2026-02-05" in result.reason


def test_event_type_missing_from_the_data_is_unverifiable():
    result = check("dividend", D(2026, 2, 5))
    assert result.verdict == "unverifiable" and "no dividend date" in result.reason


def test_estimated_dates():
    matching = check("earnings", D(2025, 7, 24), ticker="FACT", path=SYNTHETIC, published=FACT_PUBLISHED)
    assert matching.verdict == "supported" and "estimate" in matching.reason
    moved = check("earnings", D(2025, 7, 31), ticker="FACT", path=SYNTHETIC, published=FACT_PUBLISHED)
    assert moved.verdict == "unverifiable" and "estimated" in moved.reason
    dividend = check("dividend", D(2025, 3, 28), ticker="FACT", path=SYNTHETIC, published=FACT_PUBLISHED)
    assert dividend.verdict == "unverifiable"


def test_nearest_event_of_the_type_is_used():
    result = check("earnings", D(2025, 4, 24), ticker="FACT", path=SYNTHETIC, published=FACT_PUBLISHED)
    assert result.verdict == "supported" and result.evidence[0].source == "synthetic IR calendar"


def test_source_without_an_events_calendar_is_no_data():
    result = check("earnings", D(2025, 4, 24), ticker="BARE", path=SYNTHETIC, published=FACT_PUBLISHED)
    assert result.verdict == "no_data" and "no earnings calendar from this source" in result.reason


def test_untyped_event_matches_any_event_that_day():
    assert check("other", D(2026, 2, 5)).verdict == "supported"
    assert check("other", D(2026, 2, 6)).verdict == "unverifiable"


def test_a_special_meeting_or_vote_is_not_the_annual_meeting_moved():
    from verifier.market.base import ScheduledEventRecord, TickerData

    data = TickerData(ticker="HLV", events=[ScheduledEventRecord(event="shareholder_meeting", date=D(2026, 3, 20))])

    def verdict(description, date):
        claim = Claim(id="c1", quote="q", start=0, end=1, ticker="HLV", fields={
            "kind": "scheduled_event", "event": "shareholder_meeting", "date": date, "description": description})
        return check_claim(claim, CheckContext(EXAMPLE_PUBLISHED, data, ticker="HLV")).verdict

    assert verdict("special meeting", D(2026, 3, 12)) == "unverifiable"
    assert verdict("shareholders are scheduled to vote", D(2026, 3, 12)) == "unverifiable"
    assert verdict("special meeting", D(2026, 3, 20)) == "supported"
    assert verdict("annual meeting", D(2026, 3, 12)) == "contradicted"  # the regular meeting moved is still caught


def test_a_dividends_ex_date_is_not_disproved_by_its_payment_date():
    from verifier.market.base import Provenance, ScheduledEventRecord

    data = Snapshot.load(EXAMPLE).tickers["AMZN"].model_copy(deep=True)
    data.events = [ScheduledEventRecord(event="dividend", date=D(2026, 2, 19),
                                        provenance=Provenance(source="board release (payable date)"))]

    def dividend(quote, date):
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="AMZN",
                      fields={"kind": "scheduled_event", "event": "dividend", "date": date, "description": "dividend"})
        return check_claim(claim, CheckContext(EXAMPLE_PUBLISHED, data, ticker="AMZN"))

    other = dividend("the stock goes ex-dividend on Feb. 6", D(2026, 2, 6))
    assert other.verdict == "unverifiable" and "ex-date" in other.reason and "payment date" in other.reason
    # the same date role a week off is still contradicted
    assert dividend("the dividend is payable on Feb. 26", D(2026, 2, 26)).verdict == "contradicted"
