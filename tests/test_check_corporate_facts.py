"""workforce and deal checks against dated company facts: sums over periods, tolerances, reports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.check import CheckContext, check_claim
from verifier.market.snapshot import Snapshot
from verifier.schemas import CheckedClaim, Claim

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
SYNTHETIC = ROOT / "fixtures" / "market" / "synthetic-checks.json"
NY = ZoneInfo("America/New_York")
D = dt.date
EXAMPLE_PUBLISHED = dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=ZoneInfo("Europe/Berlin"))
FACT_PUBLISHED = dt.datetime(2025, 3, 10, 12, 0, tzinfo=NY)


def check(published, kind, ticker="AMZN", path=EXAMPLE, attribution="stated", attributed_to=None, **fields) -> CheckedClaim:
    data = Snapshot.load(path).tickers[ticker]
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker=ticker, attribution=attribution,
                  attributed_to=attributed_to, fields={"kind": kind, **fields})
    return check_claim(claim, CheckContext(published, data, ticker=ticker))


def workforce(published=EXAMPLE_PUBLISHED, **kw) -> CheckedClaim:
    return check(published, "workforce", **kw)


def deal(published=EXAMPLE_PUBLISHED, **kw) -> CheckedClaim:
    return check(published, "deal", **kw)


# --------------------------------------------------------------------------- workforce

PAST_FOUR_MONTHS = {"period_start": D(2025, 9, 30), "period_end": D(2026, 1, 30)}


def test_cumulative_figure_is_the_sum_of_the_periods_facts():
    result = workforce(count=30000, approximate=True, cumulative=True, **PAST_FOUR_MONTHS)
    assert result.verdict == "supported"
    assert "14,000 on 2025-10-28 (company announcement) + 16,000 on 2026-01-28 (company memo)" in result.reason
    assert "10% (a hedged figure)" in result.reason
    assert [e.citation for e in result.evidence] == ["company announcement", "company memo"]
    assert all(e.retrieved_at for e in result.evidence)


def test_cumulative_without_a_hedge_still_allows_for_approximate_facts():
    result = workforce(count=30000, cumulative=True, **PAST_FOUR_MONTHS)
    assert result.verdict == "supported" and "recorded figures are approximate" in result.reason


@pytest.mark.parametrize(("claimed", "verdict"), [(33000, "supported"), (27000, "supported"), (26900, "contradicted"), (20000, "contradicted")])
def test_cumulative_tolerance_boundary(claimed, verdict):
    # fewer than the records inside the period already hold: the records are lower bounds, so contradicted
    assert workforce(count=claimed, approximate=True, cumulative=True, **PAST_FOUR_MONTHS).verdict == verdict


@pytest.mark.parametrize("claimed", [33100, 40000])
def test_cumulative_total_above_records_that_begin_inside_the_period_is_unverifiable(claimed):
    # the example's records start on 2025-10-28, inside "the past four months": more cuts may predate them
    result = workforce(count=claimed, approximate=True, cumulative=True, **PAST_FOUR_MONTHS)
    assert result.verdict == "unverifiable"
    assert "begin on 2025-10-28, inside the period" in result.reason


def test_cumulative_total_matching_with_a_record_just_before_a_rough_start_is_not_contradicted():
    # published in March, "the past four months" starts 2025-11-02, four days after the 14,000 of 2025-10-28
    result = workforce(published=dt.datetime(2026, 3, 2, 16, 30, tzinfo=NY), count=30000, approximate=True,
                       cumulative=True, period_start=D(2025, 11, 2), period_end=D(2026, 3, 2))
    assert result.verdict == "unverifiable"
    assert "just before the period's roughly named start" in result.reason


def test_running_total_is_never_compared_with_the_headcount():
    result = workforce(count=20000, approximate=True, cumulative=True, action="headcount")
    assert result.verdict == "unverifiable" and "not as the company's headcount" in result.reason


def test_this_weeks_figure_matches_the_memo():
    result = workforce(count=16000, approximate=True, period_start=D(2026, 1, 26), period_end=D(2026, 1, 30))
    assert result.verdict == "supported" and "2026-01-28 (company memo)" in result.reason


def test_undated_single_figure_looks_at_the_fourteen_days_before_publication():
    assert workforce(count=16000, approximate=True).verdict == "supported"
    later = workforce(published=dt.datetime(2026, 3, 1, 12, 0, tzinfo=NY), count=16000, approximate=True)
    assert later.verdict == "unverifiable" and "outside the window" in later.reason


@pytest.mark.parametrize(("claimed", "verdict"), [(1200, "supported"), (1211, "supported"), (1189, "supported"), (1213, "contradicted")])
def test_exact_figure_has_a_one_percent_tolerance(claimed, verdict):
    result = workforce(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, count=claimed, date=D(2025, 3, 3))
    assert result.verdict == verdict
    assert "1%" in result.reason


def test_cut_larger_than_the_workforce_is_contradicted():
    result = workforce(count=2_000_000)
    assert result.verdict == "contradicted" and "1,550,000 employees" in result.reason
    assert result.evidence[0].source.startswith("company filing")


def test_headcount_against_the_profile():
    assert workforce(count=1_550_000, approximate=True, action="headcount").verdict == "supported"
    wrong = workforce(count=1_000_000, action="headcount")
    assert wrong.verdict == "contradicted" and "1,550,000" in wrong.reason


def test_no_fact_keeps_the_attribution_in_the_reason():
    result = workforce(published=dt.datetime(2026, 1, 20, 12, 0, tzinfo=NY), count=16000, approximate=True,
                       attribution="reported", attributed_to="Bloomberg")
    assert result.verdict == "unverifiable"
    assert "reported by Bloomberg" in result.reason


def test_facts_after_publication_are_not_used():
    result = workforce(published=dt.datetime(2026, 1, 20, 12, 0, tzinfo=NY), count=16000, approximate=True)
    assert result.verdict == "unverifiable" and "2026-01-28" not in result.reason


def test_reported_only_fact_stated_as_fact_is_unverifiable():
    published = dt.datetime(2025, 3, 14, 12, 0, tzinfo=NY)
    stated = workforce(published=published, ticker="FACT", path=SYNTHETIC, count=800, date=D(2025, 3, 12))
    assert stated.verdict == "unverifiable" and "unconfirmed reports (trade press)" in stated.reason
    reported = workforce(published=published, ticker="FACT", path=SYNTHETIC, count=800, date=D(2025, 3, 12), attribution="reported")
    assert reported.verdict == "supported" and "reported, unconfirmed" in reported.reason


def test_hires_and_cuts_are_not_mixed():
    assert workforce(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, count=300, action="hire").verdict == "supported"
    cut = workforce(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, count=300, action="cut")
    assert cut.verdict == "contradicted" and "1,200 on 2025-03-03" in cut.reason


def test_without_publication_or_period_a_single_figure_is_unverifiable():
    result = workforce(published=None, count=16000)
    assert result.verdict == "unverifiable" and "--published" in result.reason


# --------------------------------------------------------------------------- deals

OPENAI_TALKS = {"amount": 50e9, "up_to": True, "counterparty": "OpenAI", "deal_type": "investment", "status": "talks"}


def test_reported_talks_are_checked_as_a_report():
    result = deal(attribution="reported", **OPENAI_TALKS)
    assert result.verdict == "supported"
    assert "checked as a report" in result.reason and "reported, unconfirmed" in result.reason
    assert result.evidence[0].citation == "Reuters, WSJ" and result.evidence[0].source == "news reports (Reuters, WSJ)"


def test_firm_amount_where_the_source_gives_a_ceiling_is_contradicted():
    result = deal(attribution="reported", **{**OPENAI_TALKS, "up_to": False})
    assert result.verdict == "contradicted" and "ceiling" in result.reason


def test_completed_deal_backed_only_by_reports_is_unverifiable():
    result = deal(**{**OPENAI_TALKS, "status": "completed"})
    assert result.verdict == "unverifiable" and "only unconfirmed reports" in result.reason


def test_other_amount_for_the_same_counterparty_is_contradicted():
    result = deal(attribution="reported", **{**OPENAI_TALKS, "amount": 40e9})
    assert result.verdict == "contradicted" and "up to $50 billion with OpenAI" in result.reason


def test_unknown_counterparty_is_unverifiable_with_attribution():
    result = deal(attribution="rumored", attributed_to="people familiar", **{**OPENAI_TALKS, "counterparty": "Anthropic"})
    assert result.verdict == "unverifiable" and "rumour by people familiar" in result.reason


@pytest.mark.parametrize(("amount", "verdict"), [(2.5e9, "supported"), (2.52e9, "supported"), (2.53e9, "contradicted")])
def test_confirmed_acquisition(amount, verdict):
    result = deal(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, amount=amount, counterparty="Widget Corp.",
                  deal_type="acquisition", status="agreed")
    assert result.verdict == verdict
    if verdict == "supported":
        assert "confirmed deal" in result.reason


def test_report_of_a_since_confirmed_deal_is_supported_and_says_so():
    result = deal(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, amount=2.5e9, counterparty="Widget",
                  status="talks", attribution="reported")
    assert result.verdict == "supported" and "confirmed" in result.reason


def test_denied_deal_is_contradicted():
    result = deal(published=dt.datetime(2025, 3, 14, 12, 0, tzinfo=NY), ticker="FACT", path=SYNTHETIC,
                  amount=1e9, counterparty="Gadget Inc", status="talks", attribution="reported")
    assert result.verdict == "contradicted" and "denied" in result.reason


def test_deal_in_another_currency_is_not_compared():
    result = deal(published=dt.datetime(2025, 3, 14, 12, 0, tzinfo=NY), ticker="FACT", path=SYNTHETIC,
                  amount=300e6, counterparty="Bundesbahn", status="agreed")
    assert result.verdict == "unverifiable" and "another currency" in result.reason


def test_source_without_company_facts_is_no_data_with_its_note():
    published = dt.datetime(2025, 3, 14, 12, 0, tzinfo=NY)
    cut = workforce(published=published, ticker="BARE", path=SYNTHETIC, count=500, attribution="reported", attributed_to="Reuters")
    assert cut.verdict == "no_data"
    assert "not provided by this source" in cut.reason and "reported by Reuters" in cut.reason
    investment = deal(published=published, ticker="BARE", path=SYNTHETIC, amount=1e9, counterparty="Acme")
    assert investment.verdict == "no_data" and "not provided by this source" in investment.reason


def test_deal_without_counterparty_is_not_refuted_by_another_deal():
    """An unnamed partner: a different amount on record may be a different deal (unverifiable, not contradicted)."""
    import datetime as dt

    from verifier.check import CheckContext, check_claim
    from verifier.market.snapshot import Snapshot
    from verifier.schemas import Claim
    from tests.conftest import EXAMPLE_SNAPSHOT

    data = Snapshot.load(EXAMPLE_SNAPSHOT).tickers["AMZN"]
    quote = "is in talks to invest $2 billion in a robotics start-up"
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), attribution="rumored",
                  fields={"kind": "deal", "amount": 2e9, "status": "talks", "deal_type": "investment"})
    published = dt.datetime(2026, 1, 30, 12, tzinfo=dt.timezone.utc)
    checked = check_claim(claim, CheckContext(published, data, ticker="AMZN"))
    assert checked.verdict == "unverifiable"
    assert "no counterparty" in checked.reason and "OpenAI" in checked.reason


def test_a_reported_or_ceiling_figure_is_not_disproved_by_another_announced_figure():
    # the data records the company's 14,000 cut on 2025-10-28 (and 16,000 on 2026-01-28)
    published = dt.datetime(2025, 10, 29, 12, 0, tzinfo=NY)
    rumour = workforce(published=published, count=30000, approximate=True, attribution="rumored", attributed_to="Reuters")
    assert rumour.verdict == "unverifiable" and "as a report" in rumour.reason and "14,000" in rumour.reason
    stated = workforce(published=published, count=30000, approximate=True)
    assert stated.verdict == "contradicted"  # the same figure stated as fact is still caught

    data = Snapshot.load(EXAMPLE).tickers["AMZN"]

    def quoted(quote: str) -> CheckedClaim:
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="AMZN",
                      fields={"kind": "workforce", "count": 30000, "approximate": True})
        return check_claim(claim, CheckContext(published, data, ticker="AMZN"))

    assert quoted("plans to cut as many as 30,000 corporate jobs").verdict == "unverifiable"
    assert quoted("plans to cut about 30,000 corporate jobs").verdict == "contradicted"


def test_an_undated_earlier_round_is_not_held_to_the_recent_records():
    published = dt.datetime(2025, 10, 29, 12, 0, tzinfo=NY)
    data = Snapshot.load(EXAMPLE).tickers["AMZN"]

    def quoted(quote: str) -> CheckedClaim:
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="AMZN",
                      fields={"kind": "workforce", "count": 27000, "approximate": True})
        return check_claim(claim, CheckContext(published, data, ticker="AMZN"))

    earlier = quoted("Its previous round of layoffs eliminated about 27,000 jobs.")
    assert earlier.verdict == "unverifiable" and "earlier round" in earlier.reason
    assert quoted("It eliminated about 27,000 jobs.").verdict == "contradicted"


def test_a_running_total_with_no_named_start():
    # on record: 14,000 (2025-10-28) and 16,000 (2026-01-28)
    latest = workforce(count=16000, approximate=True, cumulative=True)
    assert latest.verdict == "supported" and "recorded since 2026-01-28" in latest.reason
    both = workforce(count=30000, approximate=True, cumulative=True)
    assert both.verdict == "supported"
    other = workforce(count=50000, approximate=True, cumulative=True)
    assert other.verdict == "unverifiable" and "no start" in other.reason
