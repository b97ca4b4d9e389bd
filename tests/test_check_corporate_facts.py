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


def check(published, kind, ticker="AMZN", path=EXAMPLE, attribution="stated", attributed_to=None, quote="q", **fields) -> CheckedClaim:
    data = Snapshot.load(path).tickers[ticker]
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker=ticker, attribution=attribution,
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
    assert "does not cover the claim's period is unverifiable" in result.rule  # a coverage gap, not no_data


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


def test_cut_about_the_size_of_the_workforce_reads_as_the_company_size():
    # "a firm of some 1.6 million staff could shed its offices": the whole workforce read as a cut is unverifiable
    result = workforce(count=1_600_000, approximate=True)
    assert result.verdict == "unverifiable" and "company's size" in result.reason
    assert workforce(count=1_800_000).verdict == "contradicted"  # well above the workforce: still impossible


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


# --------------------------------------------------------------------------- reports, ceilings, rounded counts

OCT_29 = dt.datetime(2025, 10, 29, 12, 0, tzinfo=NY)  # the day after the 14,000 cuts of 2025-10-28


@pytest.mark.parametrize(("attribution", "who"), [("reported", "Reuters"), ("rumored", "people familiar with the matter")])
def test_a_reported_or_rumoured_cut_is_not_contradicted_by_another_announcement(attribution, who):
    # "Reuters reported the company will cut 20,000 jobs": the company announced 14,000; the report may be a plan,
    # an earlier stage or another round, so only a denial disproves it
    result = workforce(published=OCT_29, count=20000, attribution=attribution, attributed_to=who,
                       quote="the company will cut 20,000 jobs")
    assert result.verdict == "unverifiable"
    assert who in result.reason and "contradicted only by a denial" in result.reason
    assert "14,000 on 2025-10-28" in result.reason  # the record is still shown
    # the same figure stated as fact is contradicted
    assert workforce(published=OCT_29, count=20000, quote="the company cut 20,000 jobs").verdict == "contradicted"


def test_a_reported_cut_the_company_denied_is_contradicted():
    # synthetic data: no denial of workforce figures exists, so build one
    from verifier.market.base import CompanyFact, TickerData

    data = TickerData(ticker="FACT", facts=[CompanyFact(kind="workforce", date=D(2025, 3, 12), count=5000, action="cut",
                                                      status="denied", description="Company denies reports of 5,000 job cuts")])
    quote = "Bloomberg reported the company is cutting 5,000 jobs"
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT", attribution="reported", attributed_to="Bloomberg",
                  fields={"kind": "workforce", "count": 5000})
    result = check_claim(claim, CheckContext(dt.datetime(2025, 3, 14, 12, 0, tzinfo=NY), data, ticker="FACT"))
    assert result.verdict == "contradicted" and "denied" in result.reason


@pytest.mark.parametrize("quote", ["could cut as many as 30,000 corporate jobs", "plans to cut up to 30,000 roles"])
def test_a_ceiling_is_not_contradicted_by_a_smaller_cut(quote):
    # stated as fact and unhedged: "as many as 30,000" is a maximum, and 14,000 is below it
    result = workforce(published=OCT_29, count=30000, quote=quote)
    assert result.verdict == "unverifiable" and "as a maximum" in result.reason


def test_a_ceiling_below_the_recorded_cut_is_still_contradicted():
    # "as many as 10,000" when 14,000 were cut: the maximum itself is wrong
    result = workforce(published=OCT_29, count=10000, quote="will cut as many as 10,000 jobs")
    assert result.verdict == "contradicted"
    # and a figure that is not a ceiling, smaller than the record
    assert workforce(published=OCT_29, count=10000, quote="will cut 10,000 jobs").verdict == "contradicted"


def test_the_brief_example_another_agency_had_reported_as_many_as_30000():
    # the rule engine reads "Another agency had reported" as stated: the ceiling alone keeps it from a contradiction
    from verifier import verify

    text = "Another agency had reported the company could cut as many as 30,000 corporate jobs."
    report = verify(text, extractor="rules", market=str(EXAMPLE), ticker="AMZN", published_at="2025-10-29T12:00:00-04:00")
    (claim,) = [c for c in report.claims if c.kind == "workforce"]
    assert claim.verdict == "unverifiable"


@pytest.mark.parametrize(("count", "quote", "verdict"), [
    (16000, "cut 16k jobs", "supported"),  # 15,700 rounds to 16k: within half a thousand
    (16000, "cut 16,000 jobs", "contradicted"),  # written out in full: 1%
    (15000, "cut 15k jobs", "contradicted"),  # 15,700 does not round to 15k
])
def test_a_count_written_in_thousands_agrees_with_a_record_that_rounds_to_it(count, quote, verdict):
    from verifier.market.base import CompanyFact, TickerData

    data = TickerData(ticker="FACT", facts=[CompanyFact(kind="workforce", date=D(2025, 3, 12), count=15700, action="cut",
                                                      status="confirmed", description="Fact Check Industries cuts 15,700 jobs")])
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT", fields={"kind": "workforce", "count": count})
    result = check_claim(claim, CheckContext(dt.datetime(2025, 3, 14, 12, 0, tzinfo=NY), data, ticker="FACT"))
    assert result.verdict == verdict, result.reason
    if verdict == "supported":
        assert "half of 1,000, the last digit written" in result.reason


# --------------------------------------------------------------------------- deals

OPENAI_TALKS = {"amount": 50e9, "up_to": True, "counterparty": "OpenAI", "deal_type": "investment", "status": "talks"}


def test_reported_talks_are_checked_as_a_report():
    result = deal(attribution="reported", **OPENAI_TALKS)
    assert result.verdict == "supported"
    assert "checked as a report" in result.reason and "reported, unconfirmed" in result.reason
    assert result.evidence[0].citation == "Reuters, WSJ" and result.evidence[0].source == "news reports (Reuters, WSJ)"


def test_firm_amount_where_the_source_gives_a_ceiling_is_contradicted():
    result = deal(**{**OPENAI_TALKS, "up_to": False})
    assert result.verdict == "contradicted" and "ceiling" in result.reason
    # passed on from a report, the firm amount is not disproved by another report's ceiling
    reported = deal(attribution="reported", **{**OPENAI_TALKS, "up_to": False})
    assert reported.verdict == "unverifiable" and "contradicted only by a denial" in reported.reason


def test_completed_deal_backed_only_by_reports_is_unverifiable():
    result = deal(**{**OPENAI_TALKS, "status": "completed"})
    assert result.verdict == "unverifiable" and "only unconfirmed reports" in result.reason


def test_other_amount_for_the_same_counterparty_is_contradicted():
    result = deal(**{**OPENAI_TALKS, "amount": 40e9, "up_to": False})
    assert result.verdict == "contradicted" and "up to $50 billion with OpenAI" in result.reason


def test_a_reported_amount_is_contradicted_only_by_a_denial():
    # "Bloomberg reported the company is in talks to invest $40 billion in OpenAI": another report says $50 billion
    reported = deal(attribution="reported", attributed_to="Bloomberg", **{**OPENAI_TALKS, "amount": 40e9, "up_to": False})
    assert reported.verdict == "unverifiable"
    assert "reported by Bloomberg" in reported.reason and "contradicted only by a denial" in reported.reason
    rumoured = deal(attribution="rumored", **{**OPENAI_TALKS, "amount": 40e9, "up_to": False})
    assert rumoured.verdict == "unverifiable"
    # a denial still contradicts a report (test_denied_deal_is_contradicted); a confirmed deal of another amount
    # contradicts the same amount stated as fact
    stated = deal(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, amount=3.5e9, counterparty="Widget Corp.",
                  deal_type="acquisition", status="agreed")
    assert stated.verdict == "contradicted"
    as_report = deal(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, amount=3.5e9, counterparty="Widget Corp.",
                     deal_type="acquisition", status="agreed", attribution="reported", attributed_to="Reuters")
    assert as_report.verdict == "unverifiable"


def test_a_ceiling_amount_is_not_contradicted_by_a_smaller_deal():
    # "agreed to pay up to $3.5 billion for Widget Corp.": the $2.5 billion agreed is below the ceiling
    kw = dict(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, counterparty="Widget Corp.", deal_type="acquisition", status="agreed")
    ceiling = deal(amount=3.5e9, up_to=True, quote="agreed to pay up to $3.5 billion for Widget Corp.", **kw)
    assert ceiling.verdict == "unverifiable" and "as a maximum" in ceiling.reason
    # a ceiling below the agreed amount, and a firm amount, are still contradicted
    assert deal(amount=1.9e9, up_to=True, quote="up to $1.9 billion for Widget Corp.", **kw).verdict == "contradicted"
    assert deal(amount=3.5e9, quote="agreed to pay $3.5 billion for Widget Corp.", **kw).verdict == "contradicted"


def test_a_rounded_deal_amount_agrees_with_a_record_that_rounds_to_it():
    # $2.5 billion on record: a figure given to the ten million keeps 1%; "$2 billion" is half a billion away, the
    # tie of rounding 2.5 (to even: 2), so it agrees; "$1.9 billion" does not
    kw = dict(published=FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, counterparty="Widget Corp.", deal_type="acquisition", status="agreed")
    assert deal(amount=2.52e9, quote="a $2.52 billion deal for Widget Corp.", **kw).verdict == "supported"  # 0.8%: 1%
    assert deal(amount=2.53e9, quote="a $2.53 billion deal for Widget Corp.", **kw).verdict == "contradicted"  # 1.2%, to the cent
    assert deal(amount=2e9, quote="a $2 billion deal for Widget Corp.", **kw).verdict == "supported"
    assert deal(amount=1.9e9, quote="a $1.9 billion deal for Widget Corp.", **kw).verdict == "contradicted"


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
    assert rumour.verdict == "unverifiable" and "contradicted only by a denial" in rumour.reason and "14,000" in rumour.reason
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


def test_a_running_total_not_read_as_one_is_not_held_to_one_dated_record():
    published = dt.datetime(2025, 10, 29, 12, 0, tzinfo=NY)
    data = Snapshot.load(EXAMPLE).tickers["AMZN"]

    def quoted(quote: str) -> CheckedClaim:
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="AMZN",
                      fields={"kind": "workforce", "count": 27000, "approximate": True, "action": "cut"})
        return check_claim(claim, CheckContext(published, data, ticker="AMZN"))

    running = quoted("Some 27,000 warehouse roles have gone since the spring.")
    assert running.verdict == "unverifiable" and "'since'" in running.reason
    # the same figure without the words of a running total is held to the records
    assert quoted("It is cutting about 27,000 warehouse roles.").verdict == "contradicted"
