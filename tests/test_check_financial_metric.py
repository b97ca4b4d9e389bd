"""financial_metric check: metric and period matching, 0.5% / 1% for rounded figures."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.check import CheckContext, check_claim
from verifier.check.financial_metric import is_rounded, metric_key, period_key
from verifier.market.snapshot import Snapshot
from verifier.schemas import CheckedClaim, Claim

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
SYNTHETIC = ROOT / "fixtures" / "market" / "synthetic-checks.json"
PUBLISHED = dt.datetime(2025, 3, 18, 12, 0, tzinfo=ZoneInfo("America/New_York"))


def check(metric, value, period=None, ticker="FACT", path=SYNTHETIC, published=PUBLISHED, currency="USD",
          attribution="stated") -> CheckedClaim:
    data = Snapshot.load(path).tickers[ticker]
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker=ticker, attribution=attribution,
                  fields={"kind": "financial_metric", "metric": metric, "value": value, "period": period, "currency": currency})
    return check_claim(claim, CheckContext(published, data, ticker=ticker))


def test_revenue_for_the_stated_quarter():
    result = check("revenue", 12_345_000_000, "fourth-quarter 2024")
    assert result.verdict == "supported"
    assert "Q4 2024" in result.reason and "0.5% (a figure given in full)" in result.reason
    (ev,) = result.evidence
    assert ev.citation == "Q4 2024 earnings release" and ev.source == "synthetic earnings release"


@pytest.mark.parametrize(("value", "verdict"), [(12.3e9, "supported"), (12.4e9, "supported"), (12.2e9, "contradicted")])
def test_rounded_figures_get_one_percent(value, verdict):
    result = check("revenue", value, "Q4 2024")
    assert result.verdict == verdict
    assert "1% (a figure rounded to a unit)" in result.reason


def test_rounding_allowance_applies_only_to_rounded_figures():
    # recorded operating income: 1,210,900,000
    rounded = check("operating_income", 1.2e9, "Q4 2024")  # 0.9% off, but "$1.2 billion" is rounded
    assert rounded.verdict == "supported"
    full = check("operating_income", 1_200_500_000, "Q4 2024")  # 0.86% off, given in full
    assert full.verdict == "contradicted" and "0.5% (a figure given in full)" in full.reason


@pytest.mark.parametrize(("value", "verdict"), [(1.23, "supported"), (1.236, "supported"), (1.24, "contradicted"), (1.2, "contradicted")])
def test_eps_half_a_percent(value, verdict):
    assert check("eps", value, "Q4 FY24").verdict == verdict


def test_wrong_period_figure_is_contradicted_only_for_its_own_period():
    assert check("revenue", 11.8e9, "Q3 2024").verdict == "supported"
    wrong = check("revenue", 11.8e9, "Q4 2024")
    assert wrong.verdict == "contradicted" and "$12.345 billion" in wrong.reason


def test_unknown_period_is_unverifiable_naming_what_exists():
    result = check("revenue", 12e9, "Q2 2024")
    assert result.verdict == "unverifiable" and "Q3 2024" in result.reason and "Q4 2024" in result.reason


def test_without_a_period_the_latest_figure_known_at_publication_is_used():
    result = check("revenue", 12.345e9)
    assert result.verdict == "supported" and "latest figure on record" in result.reason
    # the Q1 2025 figure is dated after publication and is not used
    assert "Q1 2025" not in result.reason


def test_guidance_is_its_own_metric():
    assert check("guidance_revenue", 12e9, "Q1 2025", attribution="forecast").verdict == "supported"


def test_no_figure_at_all_is_unverifiable_with_attribution():
    result = check("net_income", 2e9, "Q4 2024", attribution="reported")
    assert result.verdict == "unverifiable" and "reported" in result.reason
    example = check("revenue", 187.8e9, "Q4 2025", ticker="AMZN", path=EXAMPLE)
    assert example.verdict == "unverifiable"


def test_other_currency_is_not_compared():
    result = check("revenue", 12.345e9, "Q4 2024", currency="EUR")
    assert result.verdict == "unverifiable" and "another currency" in result.reason


def test_vocabulary_helpers():
    assert metric_key("Net sales") == metric_key("revenue") == "revenue"
    assert metric_key("earnings per share") == "eps"
    assert period_key("Q4 2025") == period_key("fourth-quarter 2025") == period_key("4Q25") == "Q4 2025"
    assert period_key("fiscal 2025") == period_key("FY2025") == period_key("FY 25") == "FY 2025"
    assert period_key("first half 2025") == period_key("H1 2025") == "H1 2025"
    assert period_key(None) is None
    assert is_rounded(187.8e9) and is_rounded(50e9) and not is_rounded(187.83e9) and not is_rounded(1.86)


def test_source_without_reported_figures_is_no_data():
    result = check("revenue", 1e9, "Q4 2024", ticker="BARE")
    assert result.verdict == "no_data" and "not provided by this source" in result.reason


@pytest.mark.parametrize("period", ["fourth-quarter", "the fourth quarter", "Q4"])
def test_a_quarter_without_a_year_is_the_latest_such_quarter_on_record(period):
    result = check("revenue", 12_345_000_000, period)
    assert result.verdict == "supported"
    assert "no year named" in result.reason and "Q4 2024" in result.reason
    assert check("revenue", 11.8e9, period).verdict == "contradicted"  # Q3's figure is not Q4's


def test_period_key_keeps_a_quarter_without_a_year():
    assert period_key("third quarter") == "Q3"
    assert period_key("fiscal second-quarter") == "Q2"
    assert period_key("Q2 FY2026") == "Q2 2026"


# --------------------------------------------------------------------------- forecasts and comparatives


def _data(*facts):
    from verifier.market.base import CompanyFact, TickerData

    return TickerData(ticker="FACT", facts=[CompanyFact(kind="financial_metric", currency="USD", **f) for f in facts])


def _check_on(data, metric, value, period=None, attribution="stated", published=PUBLISHED):
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker="FACT", attribution=attribution,
                  fields={"kind": "financial_metric", "metric": metric, "value": value, "period": period})
    return check_claim(claim, CheckContext(published, data, ticker="FACT"))


def test_a_figure_presented_as_a_forecast_is_never_contradicted_by_the_reported_one():
    data = _data({"date": dt.date(2025, 2, 6), "metric": "revenue", "amount": 187.8e9, "period": "Q4 FY2024"})
    assert _check_on(data, "revenue", 200e9, "Q4 2024", attribution="forecast").verdict == "unverifiable"
    assert _check_on(data, "revenue", 187.8e9, "Q4 2024", attribution="forecast").verdict == "supported"
    assert _check_on(data, "revenue", 200e9, "Q4 2024").verdict == "contradicted"


def test_guidance_without_a_recorded_outlook_is_unverifiable_even_without_any_facts():
    from verifier.market.base import TickerData

    bare = TickerData(ticker="FACT", missing=["company facts (job cuts, deals, reported figures): not provided"])
    out = _check_on(bare, "guidance_revenue", 65e9, "Q4")
    assert out.verdict == "unverifiable" and "forecast" in out.reason


def test_a_quarter_without_a_year_is_the_latest_fiscal_year_not_a_comparative_filed_the_same_day():
    # a 10-Q lists last year's quarter next to this year's; both carry the filing's date
    data = _data(
        {"date": dt.date(2025, 3, 1), "metric": "revenue", "amount": 25.2e9, "period": "Q3 FY2024"},
        {"date": dt.date(2025, 3, 1), "metric": "revenue", "amount": 28.1e9, "period": "Q3 FY2025"},
    )
    out = _check_on(data, "revenue", 28.1e9, "Q3")
    assert out.verdict == "supported" and "Q3 FY2025" in out.reason
    undated = _check_on(data, "revenue", 28.1e9)
    assert undated.verdict == "supported"
    # last year's figure is not "the latest", but with no period named it may be what the article means:
    # not disproved (issue 14: a figure matching another period's is unverifiable, never contradicted)
    stale = _check_on(data, "revenue", 25.2e9)
    assert stale.verdict == "unverifiable" and "names no period" in stale.reason
    assert _check_on(data, "revenue", 31.0e9).verdict == "contradicted"  # matches no period at all


def test_a_negative_figure_a_net_loss_is_recorded_and_compared():
    data = _data({"date": dt.date(2025, 3, 1), "metric": "net_income", "amount": -335.8e6, "period": "FY2024"})
    assert _check_on(data, "net_income", -335.8e6, "fiscal 2024").verdict == "supported"
    from pydantic import ValidationError

    from verifier.market.base import CompanyFact

    with pytest.raises(ValidationError, match="only a reported figure"):
        CompanyFact(date=dt.date(2025, 3, 1), kind="deal", amount=-1.0)


@pytest.mark.parametrize(
    ("quote", "verdict"),
    [
        ("Raises 2018 Adjusted EPS Guidance Range To $7.33 To $7.43", "unverifiable"),
        ("the company now sees revenue of $7.33 billion in its outlook", "unverifiable"),
        ("revenue of $7.33 billion came in above its guidance", "contradicted"),  # a result, measured against guidance
        ("revenue of $7.33 billion", "contradicted"),
    ],
)
def test_a_figure_worded_as_guidance_is_a_forecast_whatever_metric_was_read(quote, verdict):
    data = _data({"date": dt.date(2025, 2, 6), "metric": "revenue", "amount": 6.1e9, "period": "Q4 FY2024"})
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT",
                  fields={"kind": "financial_metric", "metric": "revenue", "value": 7.33e9})
    assert check_claim(claim, CheckContext(PUBLISHED, data, ticker="FACT")).verdict == verdict

# --------------------------------------------------------------------------- year-ago figures ("vs $X LY")


@pytest.fixture()
def with_year_ago(tmp_path):  # noqa: ANN001
    """The synthetic data plus the Q4 2023 revenue a Q4 2024 release repeats as its comparative."""
    import json

    data = json.loads(SYNTHETIC.read_text())
    facts = data["tickers"]["FACT"]["facts"]
    q4 = next(f for f in facts if f.get("metric") == "revenue" and f.get("period") == "Q4 2024")
    facts.append({**q4, "period": "Q4 2023", "amount": 11_000_000_000, "description": "Q4 2023 revenue"})
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(data))
    return path


@pytest.mark.parametrize(("value", "verdict"), [(11.0e9, "supported"), (10.2e9, "contradicted")])
def test_year_ago_quarter_counts_back_from_the_quarter_just_reported(with_year_ago, value, verdict):
    result = check("revenue", value, "Q4, a year earlier", path=with_year_ago)
    assert result.verdict == verdict
    assert "Q4 2023" in result.reason and "Q4 2024" in result.reason


def test_year_ago_quarter_is_unverifiable_when_the_latest_such_quarter_is_stale(with_year_ago):
    # published in November 2025: the latest Q4 on record (filed 2025-02-06) is not the quarter just reported
    late = dt.datetime(2025, 11, 20, 12, 0, tzinfo=ZoneInfo("America/New_York"))
    result = check("revenue", 10.2e9, "Q4, a year earlier", path=with_year_ago, published=late)
    assert result.verdict == "unverifiable" and "120 days" in result.reason


def test_year_ago_quarter_without_its_figure_on_record_is_unverifiable():
    assert check("revenue", 10.2e9, "Q4, a year earlier").verdict == "unverifiable"


# --------------------------------------------------------------------------- rounded, "other", reported, ceilings


def _said(data, quote, metric, value, period=None, attribution="stated", attributed_to=None):
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT", attribution=attribution,
                  attributed_to=attributed_to,
                  fields={"kind": "financial_metric", "metric": metric, "value": value, "period": period})
    return check_claim(claim, CheckContext(PUBLISHED, data, ticker="FACT"))


ROUNDED = _data({"date": dt.date(2025, 2, 6), "metric": "operating_income", "amount": 3.844e9, "period": "Q4 2024"})


@pytest.mark.parametrize(("quote", "value", "verdict"), [
    ("operating income of $3.8 billion", 3.8e9, "supported"),  # 1.16% off, but $3.844 billion rounds to $3.8 billion
    ("operating income of $3.9 billion", 3.9e9, "contradicted"),  # 3.844 does not round to 3.9
    ("operating income of $3.80 billion", 3.8e9, "contradicted"),  # a written 0 is a stated digit: 3.84 is not 3.80
    ("operating income of $3.82 billion", 3.82e9, "contradicted"),  # given to the ten million: 0.5%, 0.6% off
    ("operating income of $3.7 billion", 3.7e9, "contradicted"),
])
def test_a_rounded_figure_agrees_with_every_record_that_rounds_to_it(quote, value, verdict):
    result = _said(ROUNDED, quote, "operating_income", value, "Q4 2024")
    assert result.verdict == verdict, result.reason
    if quote.endswith("$3.8 billion"):
        assert "the last digit written" in result.reason and "$100 million" in result.reason


def test_a_figure_rounded_to_a_whole_unit_may_be_half_a_unit_off():
    data = _data({"date": dt.date(2025, 2, 6), "metric": "net_income", "amount": 12.4e9, "period": "Q4 2024"})
    assert _said(data, "net income of $12 billion", "net_income", 12e9, "Q4 2024").verdict == "supported"
    assert _said(data, "net income of $13 billion", "net_income", 13e9, "Q4 2024").verdict == "contradicted"


OTHER = _data(
    {"date": dt.date(2025, 2, 6), "metric": "other", "amount": 33.0e9, "period": "Q4 2024",
     "description": "Q4 2024 AWS segment sales $33.0 billion"},
)


def test_an_other_figure_is_contradicted_only_by_the_same_named_figure():
    # the article's total revenue, read as "other", is not the AWS segment's figure
    unnamed = _said(OTHER, "You grew revenue 15% to $180.2 billion", "other", 180.2e9)
    assert unnamed.verdict == "unverifiable" and "names in its own words" in unnamed.reason
    # the same named figure, wrong, is still contradicted; right, supported
    wrong = _said(OTHER, "AWS segment sales were $35.0 billion", "other", 35.0e9, "Q4 2024")
    assert wrong.verdict == "contradicted" and "$33 billion" in wrong.reason
    assert _said(OTHER, "AWS segment sales were $33.0 billion", "other", 33.0e9, "Q4 2024").verdict == "supported"


def test_a_reported_figure_is_contradicted_only_by_a_confirmed_figure_for_the_period_it_names():
    data = _data({"date": dt.date(2025, 2, 6), "metric": "revenue", "amount": 12.345e9, "period": "Q4 2024", "status": "confirmed"})
    quote = "revenue of $13.1 billion, according to Reuters"
    # no period named: the latest figure is only the likeliest reading, which does not settle a report
    undated = _said(data, quote, "revenue", 13.1e9, attribution="reported", attributed_to="Reuters")
    assert undated.verdict == "unverifiable" and "reported by Reuters" in undated.reason
    # the period named: the company's filed figure settles it
    named = _said(data, "fourth-quarter revenue of $13.1 billion, according to Reuters", "revenue", 13.1e9, "Q4 2024",
                  attribution="reported", attributed_to="Reuters")
    assert named.verdict == "contradicted"
    # a record that is itself only a report does not settle a report
    rumour = _data({"date": dt.date(2025, 2, 6), "metric": "revenue", "amount": 12.345e9, "period": "Q4 2024", "status": "reported"})
    assert _said(rumour, quote, "revenue", 13.1e9, "Q4 2024", attribution="rumored").verdict == "unverifiable"


def test_a_ceiling_is_not_contradicted_by_a_smaller_figure():
    data = _data({"date": dt.date(2025, 2, 6), "metric": "revenue", "amount": 12.345e9, "period": "Q4 2024"})
    assert _said(data, "revenue of up to $14 billion", "revenue", 14e9, "Q4 2024").verdict == "unverifiable"
    assert _said(data, "revenue of up to $11 billion", "revenue", 11e9, "Q4 2024").verdict == "contradicted"


def test_a_period_read_from_outside_the_claims_words_does_not_contradict_the_latest_figure():
    # "Net sales were $180.2 billion, up 13%, compared with $158.9 billion in the third quarter of 2024": the
    # comparative's period may have been given to the claim; the figure is the quarter just reported
    data = _data(
        {"date": dt.date(2025, 10, 30), "metric": "revenue", "amount": 180.2e9, "period": "Q3 2025"},
        {"date": dt.date(2024, 10, 31), "metric": "revenue", "amount": 158.9e9, "period": "Q3 2024"},
    )
    published = dt.datetime(2025, 10, 31, 12, 0, tzinfo=ZoneInfo("America/New_York"))

    def said(quote, value):
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT",
                      fields={"kind": "financial_metric", "metric": "revenue", "value": value, "period": "third quarter of 2024"})
        return check_claim(claim, CheckContext(published, data, ticker="FACT"))

    misread = said("Net sales were $180.2 billion", 180.2e9)
    assert misread.verdict == "unverifiable" and "do not name that period" in misread.reason
    # the period in the claim's own words: the wrong year's figure is contradicted
    assert said("Net sales were $180.2 billion in the third quarter of 2024", 180.2e9).verdict == "contradicted"
    assert said("Q3 2024 net sales were $180.2 billion", 180.2e9).verdict == "contradicted"
    # a figure matching no record is contradicted whatever the period's source
    assert said("Net sales were $170.0 billion", 170.0e9).verdict == "contradicted"


def test_a_figure_recorded_after_the_publication_day_never_contradicts():
    # the quarter's release is dated the day after the article: the one-day slack lets it in, to support only
    data = _data(
        {"date": dt.date(2025, 10, 30), "metric": "revenue", "amount": 180.2e9, "period": "Q3 2025"},
        {"date": dt.date(2024, 10, 31), "metric": "revenue", "amount": 158.9e9, "period": "Q3 2024"},
    )
    morning_before = dt.datetime(2025, 10, 29, 7, 30, tzinfo=ZoneInfo("America/New_York"))

    def said(quote, value, period=None):
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT",
                      fields={"kind": "financial_metric", "metric": "revenue", "value": value, "period": period})
        return check_claim(claim, CheckContext(morning_before, data, ticker="FACT"))

    late = said("third-quarter sales were $158.9 billion", 158.9e9, "Q3")
    assert late.verdict != "contradicted" and "after the article's publication day" in late.reason
    assert said("third-quarter sales of $180.2 billion", 180.2e9, "Q3 2025").verdict == "supported"
    # a figure known before publication still contradicts
    assert said("Q3 2024 sales were $150.0 billion", 150.0e9, "Q3 2024").verdict == "contradicted"


def _estimate(amount, period="Q4 FY2024", **extra):
    desc = ("diluted EPS for fiscal Q4 FY2024: derived: 2024-01-01 to 2024-12-31 (10-K A) minus 2024-01-01 to 2024-09-30 "
            "(10-Q B); approximate: per-share figures of different periods divide by different average share counts")
    return {"date": dt.date(2025, 2, 6), "metric": "eps", "amount": amount, "period": period, "approximate": True,
            "description": desc, "citation": "SEC EDGAR 10-K A and 10-Q B", **extra}


@pytest.mark.parametrize("value, verdict", [(1.86, "supported"), (1.84, "supported"), (1.80, "unverifiable"), (2.50, "unverifiable"), (-1.86, "unverifiable")])
def test_a_derived_eps_supports_within_a_wide_tolerance_and_never_contradicts(value, verdict):
    # annual EPS minus nine months' is not the quarter's EPS (the share counts differ): 1.5% either way supports,
    # anything else is unverifiable, never contradicted, whatever the claim's wording
    data = _data(_estimate(1.86))
    for quote in ("q", "GAAP diluted EPS"):
        claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT",
                      fields={"kind": "financial_metric", "metric": "eps", "value": value, "period": "Q4 2024"})
        out = check_claim(claim, CheckContext(PUBLISHED, data, ticker="FACT"))
        assert out.verdict == verdict, (quote, out.reason)
        assert "estimate" in out.reason
    assert _check_on(data, "eps", 1.75).verdict == "unverifiable"  # no period named: the latest figure is an estimate too


def test_a_filed_figure_of_the_same_period_wins_over_an_estimate():
    filed = {"date": dt.date(2025, 2, 6), "metric": "eps", "amount": 1.86, "period": "Q4 FY2024", "citation": "Yahoo Finance income statement"}
    data = _data(_estimate(1.80), filed)
    assert _check_on(data, "eps", 1.86, "Q4 2024").verdict == "supported"
    gaap = Claim(id="c1", quote="diluted EPS", start=0, end=11, ticker="FACT",
                 fields={"kind": "financial_metric", "metric": "eps", "value": 1.80, "period": "Q4 2024"})
    assert check_claim(gaap, CheckContext(PUBLISHED, data, ticker="FACT")).verdict == "contradicted"  # the filed $1.86 settles it


def test_growth_is_not_checked_against_an_estimated_year_ago_figure():
    data = _data(
        _estimate(1.50, period="Q4 FY2023", date=dt.date(2024, 2, 6)),
        {"date": dt.date(2025, 2, 6), "metric": "eps", "amount": 1.86, "period": "Q4 FY2024", "citation": "SEC EDGAR 8-K"},
    )
    claim = Claim(id="c1", quote="diluted EPS", start=0, end=11, ticker="FACT",
                  fields={"kind": "financial_metric", "metric": "eps", "value": 1.86, "period": "Q4 2024", "growth_percent": 90})
    out = check_claim(claim, CheckContext(PUBLISHED, data, ticker="FACT"))
    assert out.verdict == "supported" and "only an estimate" in out.reason


# --------------------------------------------------------------------------- companies that publish no adjusted EPS


def _filed_eps(ticker, diluted=1.95, basic=1.98, period="Q3 FY2025", **extra):
    from verifier.market.base import CompanyFact, TickerData

    rows = [("eps", diluted), ("eps_basic", basic)]
    return TickerData(ticker=ticker, facts=[
        CompanyFact(kind="financial_metric", currency="USD", date=dt.date(2025, 10, 30), metric=metric, amount=amount,
                    period=period, citation="SEC EDGAR 10-Q 0001018724-25-000123", **extra)
        for metric, amount in rows if amount is not None
    ])


def _eps_claim(data, value, quote="earnings per share of $X", period="third quarter"):
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker=data.ticker,
                  fields={"kind": "financial_metric", "metric": "eps", "value": value, "period": period})
    return check_claim(claim, CheckContext(dt.datetime(2025, 10, 31, 12, tzinfo=ZoneInfo("America/New_York")), data, ticker=data.ticker))


@pytest.mark.parametrize("value", [1.95, 1.98])
def test_an_unqualified_eps_of_a_company_without_adjusted_eps_is_supported_by_basic_or_diluted(value):
    out = _eps_claim(_filed_eps("AMZN"), value)
    assert out.verdict == "supported", out.reason
    if value == 1.98:
        assert "eps_basic" in out.reason and "AMZN publishes no adjusted EPS, so the figure is read as GAAP" in out.reason


def test_an_unqualified_eps_of_a_company_without_adjusted_eps_is_contradicted_when_it_matches_neither():
    out = _eps_claim(_filed_eps("AMZN"), 1.59)
    assert out.verdict == "contradicted"
    assert "1.95" in out.reason and "1.98" in out.reason
    assert "AMZN publishes no adjusted EPS, so the figure is read as GAAP" in out.reason
    assert "company table: reports no non-GAAP EPS" in out.reason
    assert "publishing no adjusted EPS" in out.rule


def test_an_unqualified_eps_of_an_unknown_company_stays_unverifiable():
    # Microsoft (and any company the table says nothing of) may mean its adjusted EPS: the filing alone never disproves it
    for ticker in ("MSFT", "FACT"):
        out = _eps_claim(_filed_eps(ticker), 1.59)
        assert out.verdict == "unverifiable" and "does not say the figure is GAAP" in out.reason, ticker
        assert "publishes no adjusted EPS" not in out.reason
        # the basic figure supports only where the table says the company publishes no adjusted EPS
        assert _eps_claim(_filed_eps(ticker), 1.98).verdict == "unverifiable", ticker


def test_an_adjusted_eps_of_a_company_without_adjusted_eps_is_still_not_contradicted():
    out = _eps_claim(_filed_eps("AMZN"), 1.59, quote="adjusted EPS of $1.59")
    assert out.verdict == "unverifiable" and "non-GAAP" in out.reason


def test_a_derived_eps_never_contradicts_even_for_a_company_without_adjusted_eps():
    data = _filed_eps("AMZN", diluted=1.86, basic=None, period="Q4 FY2024", approximate=True,
                      description="diluted EPS for fiscal Q4 FY2024: derived: year minus nine months; approximate")
    out = _eps_claim(data, 1.59, period="Q4 2024")
    assert out.verdict == "unverifiable" and "estimate" in out.reason


def test_a_period_excepted_in_the_company_table_keeps_the_guard():
    # Apple's fiscal Q4 2024 release did give an EPS excluding the State Aid charge ($1.64 against $0.97 filed)
    data = _filed_eps("AAPL", diluted=0.97, basic=0.97, period="Q4 FY2024")
    out = _eps_claim(data, 1.64, period="fiscal fourth quarter 2024")
    assert out.verdict == "unverifiable" and "does not say the figure is GAAP" in out.reason
    assert "its release for Q4 FY2024 did give one" in out.reason
    assert _eps_claim(_filed_eps("AAPL", diluted=2.84, basic=2.85, period="Q1 FY2026"), 2.48, period="Q1 2026").verdict == "contradicted"


def test_a_figure_not_from_a_filing_keeps_the_guard_for_a_company_without_adjusted_eps():
    data = _filed_eps("AMZN")
    data = data.model_copy(update={"facts": [f.model_copy(update={"citation": "Yahoo Finance income statement"}) for f in data.facts]})
    assert _eps_claim(data, 1.59).verdict == "unverifiable"


# --------------------------------------------------------------------------- a figure the article calls basic EPS


def test_a_basic_eps_is_never_contradicted_by_the_diluted_figure_alone():
    # basic EPS sits above diluted by the dilution: a true "basic EPS of $1.98" must not be held to the diluted $1.95
    for ticker in ("MSFT", "AMZN"):
        data = _filed_eps(ticker, basic=None)
        out = _eps_claim(data, 1.98, quote="basic EPS of $1.98")
        assert out.verdict == "unverifiable", (ticker, out.reason)
        assert "only the diluted figure" in out.reason and "basic" in out.rule


def test_a_basic_eps_is_settled_by_the_basic_figure_on_record():
    assert _eps_claim(_filed_eps("MSFT"), 1.98, quote="basic EPS of $1.98").verdict == "supported"
    out = _eps_claim(_filed_eps("MSFT"), 1.59, quote="basic EPS of $1.59")
    assert out.verdict == "contradicted" and "1.98" in out.reason and "1.95" not in out.reason


@pytest.fixture()
def without_quarter_dates(tmp_path):  # noqa: ANN001
    """The synthetic data with every fact's quarter dates removed: only the label and the report date are known."""
    import json

    data = json.loads(SYNTHETIC.read_text())
    for fact in data["tickers"]["FACT"]["facts"]:
        fact.pop("period_start", None)
        fact.pop("period_end", None)
    path = tmp_path / "snapshot.json"
    path.write_text(json.dumps(data))
    return path


def test_a_month_named_quarter_is_placed_from_the_report_date_and_only_supports(without_quarter_dates):
    import json

    facts = json.loads(without_quarter_dates.read_text())["tickers"]["FACT"]["facts"]
    q4 = next(f for f in facts if f.get("metric") == "revenue" and f.get("period") == "Q4 2024")
    # reported 2025-02-06: 37 days after the end of December, so "the December quarter" is Q4 2024
    assert check("revenue", q4["amount"], "December quarter", path=without_quarter_dates).verdict == "supported"
    assert check("revenue", q4["amount"], "holiday-quarter", path=without_quarter_dates).verdict == "supported"
    # a figure that misses it is not contradicted: the placement is a reading of the report date, not a record
    wrong = check("revenue", q4["amount"] * 1.2, "December quarter", path=without_quarter_dates)
    assert wrong.verdict == "unverifiable" and "report date" in wrong.reason
    # no quarter reported 10-60 days after the end of June: nothing to compare with
    assert check("revenue", q4["amount"], "June quarter", path=without_quarter_dates).verdict == "unverifiable"


def test_no_period_and_no_publication_time_does_not_contradict():
    # "the streaming unit posted sales of $2 billion", in a transcript with no date: the latest record is only a guess
    undated = check("revenue", 2.0e9, published=None)
    assert undated.verdict == "unverifiable" and "no publication time" in undated.reason
    assert check("revenue", 2.0e9).verdict == "contradicted"  # with a publication time the latest figure is the one meant


def test_period_key_reads_a_fiscal_quarter_written_fq():
    from verifier.check.financial_metric import period_key

    assert period_key("FQ3") == "Q3" and period_key("FQ1 2024") == "Q1 2024"


# --------------------------------------------------------------------------- market cap: coverage of the bars


def _with_shares(bar_days):
    from verifier.market.base import Bar, CompanyFact, PriceHistory, TickerData

    shares = CompanyFact(kind="financial_metric", metric="shares_outstanding", amount=1e9, date=dt.date(2025, 2, 1),
                         description="shares outstanding on the 10-K cover")
    bars = [Bar(date=d, open=50.0, high=51.0, low=49.0, close=50.0) for d in bar_days]
    return TickerData(ticker="FACT", facts=[shares], prices=PriceHistory(bars=bars) if bar_days else None)


def _market_cap(data, value=50e9):
    claim = Claim(id="c1", quote="The company is worth $50 billion.", start=0, end=33, ticker="FACT",
                  fields={"kind": "financial_metric", "metric": "market_cap", "value": value})
    return check_claim(claim, CheckContext(PUBLISHED, data, ticker="FACT"))


def test_a_market_cap_with_bars_only_after_publication_is_unverifiable():
    result = _market_cap(_with_shares([dt.date(2025, 3, 20), dt.date(2025, 3, 21)]))
    assert result.verdict == "unverifiable"
    assert "2025-03-18" in result.reason and "the bars cover 2025-03-20 to 2025-03-21" in result.reason


def test_a_market_cap_without_any_bars_is_no_data():
    result = _market_cap(_with_shares([]))
    assert result.verdict == "no_data" and "no daily bars" in result.reason


def test_a_market_cap_with_covering_bars_is_still_computed():
    result = _market_cap(_with_shares([dt.date(2025, 3, 17), dt.date(2025, 3, 18)]))
    assert result.verdict == "supported"  # $50.00 x 1 billion shares


def _quoted_on(data, quote, metric, value):
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker="FACT", attribution="stated",
                  fields={"kind": "financial_metric", "metric": metric, "value": value, "period": None})
    return check_claim(claim, CheckContext(PUBLISHED, data, ticker="FACT"))


def test_words_referring_to_an_unread_period_do_not_let_another_period_contradict():
    # only a year's figure on record; the claim speaks of "the quarter" / "the period" without naming it
    data = _data({"date": dt.date(2025, 3, 1), "metric": "revenue", "amount": 20.0e9, "period": "FY2024"})
    quarter = _quoted_on(data, "Gizmo Corp booked revenue of $5.1 billion for the quarter", "revenue", 5.1e9)
    assert quarter.verdict == "unverifiable" and "for the quarter" in quarter.reason
    period = _quoted_on(data, "sales of $5.1 billion in the period", "revenue", 5.1e9)
    assert period.verdict == "unverifiable" and "in the period" in period.reason
    # "for the year" against a year's record is that record's, and a wrong figure is still contradicted
    year = _quoted_on(data, "revenue of $17 billion for the year", "revenue", 17.0e9)
    assert year.verdict == "contradicted"
    # so is a claim with no reference to a period at all
    assert _quoted_on(data, "revenue of $17 billion", "revenue", 17.0e9).verdict == "contradicted"


def test_a_named_figure_matches_its_initials_and_needs_no_category_word():
    from types import SimpleNamespace

    from verifier.check.financial_metric import names_same_figure

    long_form = SimpleNamespace(description="Q4 2030 Widget Cloud Services segment sales $9.95 billion")
    short_form = SimpleNamespace(description="Q4 2030 WCS segment sales $9.95 billion")
    for fact in (long_form, short_form):
        assert names_same_figure(fact, "Widget Cloud Services sales in Q4 2030: $9.59B.")
        assert names_same_figure(fact, "WCS sales were $9.59 billion")
        # another figure of the unit, or the unit with no figure named, is not the record
        assert not names_same_figure(fact, "Widget Cloud Services operating income was $2.1 billion")
    # initials need the words in their order
    assert not names_same_figure(short_form, "Services of Cloud Widget sales were $9.59 billion")


def test_a_units_money_figure_with_no_figure_noun_is_its_takings():
    from types import SimpleNamespace

    from verifier.check.financial_metric import names_same_figure

    sales = SimpleNamespace(description="Q4 2030 Widget Cloud Services segment sales $9.95 billion")
    short = SimpleNamespace(description="Q4 2030 WCS segment revenue $9.95 billion")
    total = SimpleNamespace(description="Q4 2030 net sales $40.2 billion")
    for fact in (sales, short):
        assert names_same_figure(fact, "Widget Cloud Services did $9.6B in Q4.")
        assert names_same_figure(fact, "WCS brought in $9.6 billion over the three months, and the mood lifted.")
        assert names_same_figure(fact, "Widget Cloud Services climbed to $9.6 billion on the quarter")
        # another figure named, or money paid out, is not the takings
        assert not names_same_figure(fact, "WCS did $2.1 billion of operating income in Q4")
        assert not names_same_figure(fact, "Widget Cloud Services spent $9.6 billion on new data halls")
        assert not names_same_figure(fact, "WCS lost $1.2 billion in the quarter")
        # no money figure at all, or the unit not named
        assert not names_same_figure(fact, "WCS grew to 9,600 engineers")
        assert not names_same_figure(fact, "Gadget Cloud did $9.6 billion in Q4.")
    # a total's record has no unit to name: a noun-less figure is not the company's net sales
    assert not names_same_figure(total, "The company did $40 billion in Q4.")
