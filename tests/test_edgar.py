"""The SEC EDGAR provider, run over its real HTTP layer against a loopback server replaying SEC-format JSON.

Covers what a user relies on: fiscal periods named as the company names them (Apple's year ends in
September), quarters derived from year-to-date filings, restated figures shown with the original,
shares and headcount with their dates, 8-K items as dated evidence; SEC's fair-access rules
(User-Agent, rate, cache); and failing fast and clearly when offline or refused.
"""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from tests.edgar_replay import EdgarReplay, closed_port_url
from verifier.check import CheckContext, check_claim
from verifier.errors import ConfigError, MarketDataError, TickerNotFound
from verifier.market.base import Bar, MarketRequest, PriceHistory, Split, TickerData
from verifier.market.cache import MarketCache
from verifier.market.edgar import EdgarProvider, RateLimiter
from verifier.schemas import Claim

UA = "Verifier Tests tests@example.com"
RETRIEVED = dt.datetime(2026, 2, 7, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def sec():
    with EdgarReplay() as replay:
        yield replay


def provider(replay: EdgarReplay, **kwargs) -> EdgarProvider:
    kwargs.setdefault("cache", None)
    kwargs.setdefault("now", lambda: RETRIEVED)
    return EdgarProvider(UA, www=replay.url, data=replay.url, **kwargs)


def request(ticker: str, start: str, end: str) -> MarketRequest:
    return MarketRequest(ticker=ticker, start=dt.date.fromisoformat(start), end=dt.date.fromisoformat(end))


def facts(data: TickerData, metric: str, period: str):
    return [f for f in data.facts if f.metric == metric and f.period == period]


def claim(kind_fields: dict, quote: str = "x", **extra) -> Claim:
    return Claim.model_validate({"id": "c1", "quote": quote, "start": 0, "end": len(quote), "fields": kind_fields, **extra})


def check(c: Claim, data: TickerData, published: str):
    return check_claim(c, CheckContext(dt.datetime.fromisoformat(published), data, ticker=data.ticker))


# --------------------------------------------------------------------------- fiscal periods


def test_apple_fiscal_quarters_follow_its_september_year(sec):
    data = provider(sec).fetch(request("AAPL", "2026-01-15", "2026-02-05"))
    q1 = facts(data, "revenue", "Q1 FY2026")
    assert [f.amount for f in q1] == [143_756_000_000]
    # the December quarter is fiscal Q1 2026, announced in the 8-K of 2026-01-29, filed in the 10-Q a day later
    assert q1[0].date == dt.date(2026, 1, 29)
    assert "2025-09-28 to 2025-12-27" in q1[0].description and "8-K (item 2.02) on 2026-01-29" in q1[0].description
    assert q1[0].provenance.url.startswith("https://www.sec.gov/Archives/edgar/data/320193/000032019326000006/")
    assert facts(data, "eps", "Q1 FY2026")[0].amount == 2.84
    assert facts(data, "revenue", "FY2025")[0].amount == 416_161_000_000


def test_a_calendar_quarter_named_for_a_september_fiscal_year_is_read_both_ways(sec):
    data = provider(sec).fetch(request("AAPL", "2026-01-15", "2026-02-05"))
    # "fourth-quarter 2025" for Apple: fiscal Q4 2025 is July-September ($102.5 billion); the calendar
    # quarter October-December is fiscal Q1 2026 ($143.8 billion): either reading may be meant
    calendar = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 143.8e9, "period": "fourth quarter 2025"}), data, "2026-01-30T09:00:00-05:00")
    assert calendar.verdict == "supported" and "calendar period 2025-09-28 to 2025-12-27" in calendar.reason
    fiscal = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 102.5e9, "period": "fourth quarter 2025"}), data, "2026-01-30T09:00:00-05:00")
    assert fiscal.verdict == "supported"
    neither = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 120e9, "period": "fourth quarter 2025"}), data, "2026-01-30T09:00:00-05:00")
    assert neither.verdict == "contradicted"


def test_fiscal_q4_is_derived_from_the_year_minus_nine_months_and_says_so(sec):
    data = provider(sec).fetch(request("AAPL", "2025-10-20", "2025-11-10"))
    q4 = facts(data, "revenue", "Q4 FY2025")
    assert [f.amount for f in q4] == [416_161_000_000 - 313_695_000_000]  # $102.466 billion, June-September 2025
    assert "derived" in q4[0].description and "2025-06-29 to 2025-09-27" in q4[0].description
    assert facts(data, "net_income", "Q4 FY2025")[0].amount == 27_466_000_000
    # no EPS is filed for fiscal Q4 (nor a nine-month one to subtract): only an estimate, marked approximate
    eps = facts(data, "eps", "Q4 FY2025")
    assert len(eps) == 1 and eps[0].approximate and "estimated" in eps[0].description
    assert eps[0].amount == pytest.approx(27_466 / (112_010 / 7.46), abs=1e-3)  # $1.83; Apple filed $1.85 in the press release


def test_a_derived_eps_supports_within_a_wide_tolerance_and_never_contradicts(sec):
    data = provider(sec).fetch(request("AAPL", "2025-10-20", "2025-11-10"))
    fields = {"kind": "financial_metric", "metric": "eps", "period": "fiscal fourth quarter 2025"}
    ok = check(claim({**fields, "value": 1.85}, quote="diluted EPS of $1.85"), data, "2025-10-31T09:00:00-04:00")
    assert ok.verdict == "supported" and "estimate" in ok.reason and "approximate" in ok.reason
    # called diluted (GAAP), and far off the estimate: still no contradiction, the estimate is not the filed figure
    far = check(claim({**fields, "value": 1.64}, quote="diluted EPS of $1.64"), data, "2025-10-31T09:00:00-04:00")
    assert far.verdict == "unverifiable" and "cannot disprove" in far.reason
    bare = check(claim({**fields, "value": 1.58}, quote="earnings of $1.58 a share"), data, "2025-10-31T09:00:00-04:00")
    assert bare.verdict == "unverifiable"


def test_meta_fourth_quarter_from_its_10k_year_minus_the_nine_months(sec):
    # Meta's 10-K tags 2025, not its fourth quarter: Q4 net income is year minus nine months (exactly the $22,768
    # million Meta released), Q4 EPS only an estimate ($8.85 against the $8.88 Meta released)
    data = provider(sec).fetch(request("META", "2026-01-20", "2026-02-05"))
    ni = facts(data, "net_income", "Q4 FY2025")
    assert [f.amount for f in ni] == [22_768_000_000] and not ni[0].approximate
    assert "0001628280-26-003942" in ni[0].description and "0001628280-25-047240" in ni[0].description
    fields = {"kind": "financial_metric", "metric": "eps", "period": "fourth quarter"}
    assert check(claim({**fields, "value": 8.88}, quote="EPS of $8.88"), data, "2026-01-29T16:30:00-05:00").verdict == "supported"
    # $8.02 was the year-ago quarter's EPS: with only an estimate for this one, unverifiable, not contradicted
    year_ago = check(claim({**fields, "value": 8.02}, quote="diluted EPS of $8.02"), data, "2026-01-29T16:30:00-05:00")
    assert year_ago.verdict == "unverifiable"


def _ytd_company(root, rows_by_filing, fye="0927"):
    """A filer whose 10-Qs give only year-to-date figures, written in SEC's companyfacts/submissions shape."""
    cik, units = 9999901, {}
    for accn, form, filed, fy, fp, rows in rows_by_filing:
        for tag, start, end, val in rows:
            unit = "USD/shares" if tag.startswith("EarningsPerShare") else "USD"
            units.setdefault(tag, {}).setdefault(unit, []).append(
                {"start": start, "end": end, "val": val, "accn": accn, "fy": fy, "fp": fp, "form": form, "filed": filed})
    (root / "files").mkdir(parents=True)
    (root / "files" / "company_tickers.json").write_text(json.dumps({"0": {"cik_str": cik, "ticker": "YTDC", "title": "YTD CO"}}))
    (root / "api" / "xbrl" / "companyfacts").mkdir(parents=True)
    facts_doc = {"cik": cik, "entityName": "YTD CO", "facts": {"us-gaap": {t: {"label": t, "units": u} for t, u in units.items()}}}
    (root / "api" / "xbrl" / "companyfacts" / f"CIK{cik:010d}.json").write_text(json.dumps(facts_doc))
    recent = {"accessionNumber": [], "filingDate": [], "reportDate": [], "form": [], "items": [], "primaryDocument": []}
    for accn, form, filed, *_ in rows_by_filing:
        for key, value in zip(recent, (accn, filed, filed, form, "", "")):
            recent[key].append(value)
    (root / "submissions").mkdir(parents=True)
    (root / "submissions" / f"CIK{cik:010d}.json").write_text(json.dumps(
        {"cik": str(cik), "name": "YTD CO", "fiscalYearEnd": fye, "filings": {"recent": recent}}))


# a September fiscal year (as Apple's): fiscal 2025 runs 2024-09-29 to 2025-09-27; the 10-Qs give only
# year-to-date figures (3, 6 and 9 months), the 10-K the year
_Y = "2024-09-29"
_YTD_FILINGS = [
    ("0009999901-25-000001", "10-Q", "2025-01-31", 2025, "Q1", [
        ("Revenues", _Y, "2024-12-28", 100e6), ("EarningsPerShareDiluted", _Y, "2024-12-28", 1.00)]),
    ("0009999901-25-000002", "10-Q", "2025-05-02", 2025, "Q2", [
        ("Revenues", _Y, "2025-03-29", 180e6), ("EarningsPerShareDiluted", _Y, "2025-03-29", 1.80)]),
    ("0009999901-25-000003", "10-Q", "2025-08-01", 2025, "Q3", [
        ("Revenues", _Y, "2025-06-28", 270e6), ("EarningsPerShareDiluted", _Y, "2025-06-28", 2.70)]),
    ("0009999901-25-000004", "10-K", "2025-10-31", 2025, "FY", [
        ("Revenues", _Y, "2025-09-27", 400e6), ("EarningsPerShareDiluted", _Y, "2025-09-27", 4.00)]),
]


def test_quarters_derived_from_year_to_date_filings_in_a_september_fiscal_year(tmp_path):
    _ytd_company(tmp_path, _YTD_FILINGS)
    with EdgarReplay(root=tmp_path) as replay:
        data = provider(replay).fetch(request("YTDC", "2025-10-20", "2025-11-10"))
    # Q1 is filed as a (three-month) period; Q2 = H1 - Q1, Q3 = 9M - H1, Q4 = year - 9M, fiscal labels
    assert [f.amount for f in facts(data, "revenue", "Q1 FY2025")] == [100e6]
    assert [f.amount for f in facts(data, "revenue", "Q2 FY2025")] == [80e6]
    assert [f.amount for f in facts(data, "revenue", "Q3 FY2025")] == [90e6]
    q4 = facts(data, "revenue", "Q4 FY2025")
    assert [f.amount for f in q4] == [130e6] and not q4[0].approximate
    assert q4[0].period_start == dt.date(2025, 6, 29) and q4[0].period_end == dt.date(2025, 9, 27)  # July-September
    assert "derived" in q4[0].description and "0009999901-25-000004" in q4[0].description and "0009999901-25-000003" in q4[0].description
    # EPS by the same subtraction, marked approximate (share counts differ between the periods)
    eps_q4 = facts(data, "eps", "Q4 FY2025")
    assert [round(f.amount, 2) for f in eps_q4] == [1.30] and eps_q4[0].approximate and "approximate" in eps_q4[0].description
    # the calendar quarter "Q3 2025" (July-September) is Apple-style fiscal Q4: supported through the calendar reading
    cal = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 130e6, "period": "Q3 2025"}), data, "2025-11-03T09:00:00-05:00")
    assert cal.verdict == "supported" and "fiscal Q4 FY2025" in cal.reason
    fiscal = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 150e6, "period": "fiscal Q4 2025"}), data, "2025-11-03T09:00:00-05:00")
    assert fiscal.verdict == "contradicted"  # a derived revenue is exact: a wrong figure is disproved
    eps = {"kind": "financial_metric", "metric": "eps", "period": "fiscal fourth quarter 2025"}
    assert check(claim({**eps, "value": 1.31}, quote="diluted EPS of $1.31"), data, "2025-11-03T09:00:00-05:00").verdict == "supported"
    assert check(claim({**eps, "value": 1.60}, quote="diluted EPS of $1.60"), data, "2025-11-03T09:00:00-05:00").verdict == "unverifiable"


def test_a_restated_year_is_not_subtracted_from_a_nine_months_on_the_old_basis(tmp_path):
    # the fiscal 2026 10-K recasts fiscal 2025 (a business sold: $400 million -> $300 million); no filing recasts
    # the nine months, so Q4 on the new basis cannot be derived ($300m - $270m would mix bases)
    recast = ("0009999901-26-000004", "10-K", "2026-10-30", 2026, "FY", [("Revenues", _Y, "2025-09-27", 300e6)])
    _ytd_company(tmp_path, [*_YTD_FILINGS, recast])
    with EdgarReplay(root=tmp_path) as replay:
        data = provider(replay).fetch(request("YTDC", "2026-10-20", "2026-11-10"))
    fy = sorted(facts(data, "revenue", "FY2025"), key=lambda f: f.date)
    assert [f.amount for f in fy] == [400e6, 300e6] and "restated" in fy[1].description  # both shown, latest named
    q4 = facts(data, "revenue", "Q4 FY2025")
    assert [f.amount for f in q4] == [130e6]  # the original pair only, never 300 - 270
    assert "not derivable on the restated basis since 2026-10-30" in q4[0].description
    c = claim({"kind": "financial_metric", "metric": "revenue", "value": 30e6, "period": "fiscal Q4 2025"})
    assert check(c, data, "2025-11-03T09:00:00-05:00").verdict == "contradicted"  # before the recast: the original stands
    after = check(c, data, "2026-11-03T09:00:00-05:00")
    assert after.verdict == "unverifiable" and "restated basis" in after.reason
    assert check(claim({**c.fields.model_dump(), "value": 130e6}), data, "2026-11-03T09:00:00-05:00").verdict == "supported"


def test_a_year_and_nine_months_both_restated_give_the_restated_quarter_too(tmp_path):
    recast = [
        ("0009999901-26-000003", "10-Q", "2026-07-31", 2026, "Q3", [("Revenues", _Y, "2025-06-28", 200e6)]),
        ("0009999901-26-000004", "10-K", "2026-10-30", 2026, "FY", [("Revenues", _Y, "2025-09-27", 300e6)]),
    ]
    _ytd_company(tmp_path, [*_YTD_FILINGS, *recast])
    with EdgarReplay(root=tmp_path) as replay:
        data = provider(replay).fetch(request("YTDC", "2026-10-20", "2026-11-10"))
    q4 = sorted(facts(data, "revenue", "Q4 FY2025"), key=lambda f: f.date)
    assert [f.amount for f in q4] == [130e6, 100e6]
    assert q4[1].date == dt.date(2026, 10, 30) and "restated" in q4[1].description


def test_amazon_calendar_quarters_and_derived_q4(sec):
    data = provider(sec).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert facts(data, "revenue", "Q3 FY2025")[0].amount == 180_169_000_000
    assert facts(data, "eps", "Q3 FY2025")[0].amount == 1.95
    assert facts(data, "revenue", "Q4 FY2024")[0].amount == 187_792_000_000
    assert facts(data, "net_income", "FY2023")[0].amount == 30_425_000_000
    assert facts(data, "revenue", "FY2022") == []  # periods ending over 800 days before the window are left out
    assert [e.date for e in data.events] == [dt.date(2025, 10, 30)]  # 8-K item 2.02 in the window
    assert data.events[0].provenance.url.endswith("amzn-20251030.htm")


def test_nvidia_fiscal_year_ending_in_january_is_labelled_by_its_end(sec):
    data = provider(sec).fetch(request("NVDA", "2025-11-10", "2025-11-25"))
    assert facts(data, "revenue", "Q3 FY2026")[0].amount == 57_006_000_000
    assert facts(data, "revenue", "Q4 FY2025")[0].amount == 39_331_000_000


def test_an_old_quarter_without_annual_figures_is_named_from_the_fiscal_year_end(sec):
    # AbbVie's third quarter of 2017: only the 10-Q is in the window, so the year end comes from the
    # filing index's fiscalYearEnd (1231), for 2017, not for the years around today
    data = provider(sec).fetch(request("ABBV", "2017-10-20", "2017-11-10"))
    q3 = facts(data, "revenue", "Q3 FY2017")
    assert [f.amount for f in q3] == [6_995_000_000] and q3[0].date == dt.date(2017, 10, 27)  # the 8-K came first
    gaap = check(claim({"kind": "financial_metric", "metric": "eps", "value": 1.01, "period": "third quarter"}, quote="diluted EPS of $1.01"), data, "2017-10-27T16:20:00-04:00")
    assert gaap.verdict == "supported"
    adjusted = check(claim({"kind": "financial_metric", "metric": "eps", "value": 1.41, "period": "third quarter"}, quote="adjusted earnings of $1.41 per share"), data, "2017-10-27T16:20:00-04:00")
    assert adjusted.verdict == "unverifiable" and "non-GAAP" in adjusted.reason


def test_a_restated_figure_shows_the_latest_and_the_original(sec):
    data = provider(sec).fetch(request("AAP", "2025-02-20", "2025-03-10"))
    fy23 = sorted(facts(data, "revenue", "FY2023"), key=lambda f: f.date)
    assert [f.amount for f in fy23] == [11_287_611_000, 9_205_000_000]
    original, restated = fy23
    assert original.date == dt.date(2024, 2, 28) and "restated to" in original.description
    assert restated.date == dt.date(2025, 3, 3) and "originally USD 11,287.6 million" in restated.description
    assert facts(data, "net_income", "FY2024")[0].amount == -335_800_000


def test_a_restatement_never_contradicts_either_figure(sec):
    data = provider(sec).fetch(request("AAP", "2025-02-20", "2025-03-10"))
    old = claim({"kind": "financial_metric", "metric": "revenue", "value": 11.29e9, "period": "fiscal 2023"})
    new = claim({"kind": "financial_metric", "metric": "revenue", "value": 9.2e9, "period": "fiscal 2023"})
    before = check(old, data, "2024-06-01T12:00:00-04:00")  # before the recast only the original counts
    assert before.verdict == "supported"
    assert check(new, data, "2024-06-01T12:00:00-04:00").verdict == "contradicted"
    after_old, after_new = check(old, data, "2025-03-05T12:00:00-05:00"), check(new, data, "2025-03-05T12:00:00-05:00")
    assert after_old.verdict == after_new.verdict == "supported"
    assert "restated" in after_new.reason and "originally" in after_new.reason


# --------------------------------------------------------------------------- checks on EDGAR data


def test_revenue_and_eps_claims_are_settled_with_the_filing_linked(sec):
    data = provider(sec).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    ok = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 180.2e9, "period": "third quarter 2025"}), data, "2025-10-31T16:45:00-04:00")
    assert ok.verdict == "supported"
    assert ok.evidence[0].url.startswith("https://www.sec.gov/Archives/edgar/data/1018724/")
    assert ok.evidence[0].source == "SEC EDGAR XBRL company facts"
    bad = check(claim({"kind": "financial_metric", "metric": "eps", "value": 1.59, "period": "Q3 2025"}, quote="diluted EPS of $1.59"), data, "2025-10-31T16:45:00-04:00")
    assert bad.verdict == "contradicted" and "1.95" in bad.reason


def test_growth_is_computed_from_the_year_ago_period(sec):
    data = provider(sec).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    fields = {"kind": "financial_metric", "metric": "revenue", "value": 180.2e9, "period": "Q3 2025"}
    ok = check(claim({**fields, "growth_percent": 13}), data, "2025-10-31T16:45:00-04:00")
    assert ok.verdict == "supported" and "+13.4%" in ok.reason and len(ok.evidence) == 2
    wrong = check(claim({**fields, "growth_percent": 18}), data, "2025-10-31T16:45:00-04:00")
    assert wrong.verdict == "contradicted" and "the figure matches" in wrong.reason


def test_margins_are_computed_from_the_same_periods_figures(sec):
    data = provider(sec).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    margin = {"kind": "financial_metric", "metric": "operating_margin", "period": "third quarter 2025"}
    ok = check(claim({**margin, "value": 9.7}), data, "2025-10-31T16:45:00-04:00")  # 17,422 / 180,169 = 9.67%
    assert ok.verdict == "supported" and "9.67%" in ok.reason
    assert check(claim({**margin, "value": 11.2}), data, "2025-10-31T16:45:00-04:00").verdict == "contradicted"
    none = check(claim({**margin, "metric": "gross_margin", "value": 48.0}), data, "2025-10-31T16:45:00-04:00")
    assert none.verdict == "unverifiable"  # Amazon files no gross profit


def test_a_period_not_yet_filed_is_unverifiable_never_contradicted(sec):
    data = provider(sec).fetch(request("AAPL", "2026-01-15", "2026-02-05"))
    c = claim({"kind": "financial_metric", "metric": "revenue", "value": 150e9, "period": "fiscal first quarter 2026"})
    early = check(c, data, "2026-01-20T09:00:00-05:00")
    assert early.verdict == "unverifiable" and "not yet filed" in early.reason
    assert check(c, data, "2026-01-30T09:00:00-05:00").verdict == "contradicted"


def test_adjusted_eps_is_not_contradicted_by_the_gaap_figure(sec):
    data = provider(sec).fetch(request("TSLA", "2025-10-15", "2025-11-05"))
    c = claim({"kind": "financial_metric", "metric": "eps", "value": 0.50, "period": "Q3 2025"}, quote="adjusted EPS of $0.50")
    out = check(c, data, "2025-10-23T18:00:00-04:00")
    assert out.verdict == "unverifiable" and "non-GAAP" in out.reason


def test_eps_not_stated_as_gaap_is_not_contradicted_by_the_gaap_figure(sec):
    # Microsoft's fiscal Q2 2026: GAAP diluted EPS $5.16 (with the OpenAI gain), $4.14 non-GAAP; news copy
    # wrote "earnings of $4.14 per share" without saying adjusted
    data = provider(sec).fetch(request("MSFT", "2026-01-20", "2026-02-05"))
    fields = {"kind": "financial_metric", "metric": "eps", "period": "fiscal second quarter"}
    bare = check(claim({**fields, "value": 4.14}, quote="earnings of $4.14 per share"), data, "2026-01-28T17:00:00-05:00")
    assert bare.verdict == "unverifiable" and "5.16" in bare.reason and "does not say the figure is GAAP" in bare.reason
    gaap = check(claim({**fields, "value": 4.14}, quote="GAAP earnings of $4.14 per diluted share"), data, "2026-01-28T17:00:00-05:00")
    assert gaap.verdict == "contradicted"
    right = check(claim({**fields, "value": 5.16}, quote="earnings of $5.16 per share"), data, "2026-01-28T17:00:00-05:00")
    assert right.verdict == "supported"
    non_gaap = check(claim({**fields, "value": 4.14}, quote="non-GAAP diluted EPS of $4.14"), data, "2026-01-28T17:00:00-05:00")
    assert non_gaap.verdict == "unverifiable" and "non-GAAP" in non_gaap.reason


def test_an_unqualified_eps_of_a_company_without_adjusted_eps_is_read_as_gaap(sec):
    # Amazon and Apple publish GAAP EPS only (the company table says so, with its source): an EPS the
    # article does not qualify is their GAAP figure, so the filed quarter settles it either way
    amzn = provider(sec).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    fields = {"kind": "financial_metric", "metric": "eps", "period": "third quarter"}
    wrong = check(claim({**fields, "value": 1.59}, quote="earnings per share of $1.59"), amzn, "2025-10-31T16:45:00-04:00")
    assert wrong.verdict == "contradicted" and "1.95" in wrong.reason
    assert "AMZN publishes no adjusted EPS, so the figure is read as GAAP" in wrong.reason
    assert wrong.evidence[0].url.startswith("https://www.sec.gov/Archives/edgar/data/1018724/")
    right = check(claim({**fields, "value": 1.95}, quote="earnings per share of $1.95"), amzn, "2025-10-31T16:45:00-04:00")
    assert right.verdict == "supported"
    aapl = provider(sec).fetch(request("AAPL", "2026-01-15", "2026-02-05"))
    holiday = claim({"kind": "financial_metric", "metric": "eps", "period": "holiday quarter", "value": 2.48}, quote="earnings of $2.48 a share")
    out = check(holiday, aapl, "2026-01-30T09:00:00-05:00")
    assert out.verdict == "contradicted" and "2.84" in out.reason and "AAPL publishes no adjusted EPS" in out.reason
    # Apple's fiscal Q4 is derived from the year and nine months (an estimate): it never contradicts
    q4 = claim({"kind": "financial_metric", "metric": "eps", "period": "fiscal fourth quarter 2025", "value": 1.20}, quote="EPS of $1.20")
    assert check(q4, aapl, "2026-01-30T09:00:00-05:00").verdict == "unverifiable"


def test_a_quarter_named_by_its_last_month_is_the_fiscal_quarter_ending_then(sec):
    data = provider(sec).fetch(request("AAPL", "2026-01-15", "2026-02-05"))
    for period in ("December quarter", "the quarter ended in December 2025", "holiday quarter"):
        ok = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 143.8e9, "period": period}), data, "2026-01-30T09:00:00-05:00")
        assert ok.verdict == "supported" and "Q1 FY2026" in ok.reason, period
    wrong = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 134.8e9, "period": "December quarter"}), data, "2026-01-30T09:00:00-05:00")
    assert wrong.verdict == "contradicted"
    # before Apple reported, the latest December quarter on record is a year old: not this one, so no verdict
    early = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 134.8e9, "period": "December quarter"}), data, "2026-01-20T09:00:00-05:00")
    assert early.verdict == "unverifiable"


def test_guidance_is_a_forecast_and_stays_unverifiable(sec):
    data = provider(sec).fetch(request("NVDA", "2025-11-10", "2025-11-25"))
    c = claim({"kind": "financial_metric", "metric": "guidance_revenue", "value": 65e9, "period": "Q4"}, attribution="forecast")
    out = check(c, data, "2025-11-20T08:00:00-05:00")
    assert out.verdict == "unverifiable" and "forecast" in out.reason


def test_a_consensus_figure_is_never_contradicted_by_the_reported_one(sec):
    data = provider(sec).fetch(request("MSFT", "2026-01-20", "2026-02-05"))
    fields = {"kind": "financial_metric", "metric": "revenue", "value": 80.27e9, "period": "fiscal second quarter"}
    for quote in ("Analysts had expected revenue of $80.27 billion", "revenue of $80.27 billion was the consensus estimate"):
        out = check(claim(fields, quote=quote), data, "2026-01-28T17:00:00-05:00")
        assert out.verdict == "unverifiable" and "forecast" in out.reason, quote
    # a result measured against the consensus is still a result
    missed = check(claim({**fields, "value": 79.9e9}, quote="revenue of $79.9 billion missed analysts' estimates"), data, "2026-01-28T17:00:00-05:00")
    assert missed.verdict == "contradicted"


def _with_prices(data: TickerData, closes: dict[str, float], splits=()) -> TickerData:
    bars = [Bar(date=dt.date.fromisoformat(d), open=c, high=c, low=c, close=c) for d, c in closes.items()]
    return data.model_copy(update={"prices": PriceHistory(bars=bars), "splits": list(splits)})


def test_market_cap_is_price_times_filed_shares_with_both_dates(sec):
    data = _with_prices(provider(sec).fetch(request("NVDA", "2024-05-25", "2024-06-10")), {"2024-06-04": 1164.37, "2024-06-05": 1224.40})
    c = claim({"kind": "financial_metric", "metric": "market_cap", "value": 3e12})
    out = check(c, data, "2024-06-05T17:00:00-04:00")
    assert out.verdict == "supported"  # 1,224.40 x 2.46 billion = $3.01 trillion
    assert "2024-06-05" in out.reason and "2024-05-17" in out.reason
    assert {e.date for e in out.evidence} == {dt.date(2024, 6, 5), dt.date(2024, 5, 17)}
    wrong = check(claim({"kind": "financial_metric", "metric": "market_cap", "value": 2.2e12}), data, "2024-06-05T17:00:00-04:00")
    assert wrong.verdict == "contradicted"


def test_market_cap_after_a_split_scales_the_older_share_count(sec):
    data = _with_prices(
        provider(sec).fetch(request("NVDA", "2024-05-25", "2024-06-20")),
        {"2024-06-11": 120.91},
        [Split(date=dt.date(2024, 6, 10), ratio=10)],
    )
    out = check(claim({"kind": "financial_metric", "metric": "market_cap", "value": 2.97e12}), data, "2024-06-11T17:00:00-04:00")
    assert out.verdict == "supported" and "x10 for the split" in out.reason


def test_a_cut_announced_in_an_8k_item_205_supports_a_cut_in_that_period(sec):
    data = provider(sec).fetch(request("AAP", "2024-11-01", "2024-11-20"))
    c = claim({"kind": "workforce", "count": 2000, "action": "cut", "period_start": "2024-11-01", "period_end": "2024-11-30"})
    out = check(c, data, "2024-11-20T09:00:00-05:00")
    assert out.verdict == "supported" and "item 2.05" in out.reason and "not checked" in out.reason
    assert out.evidence[0].url.endswith("aap-20241114.htm")
    none_filed = check(claim({"kind": "workforce", "count": 2000, "action": "cut", "date": "2024-12-05"}), data, "2024-12-06T09:00:00-05:00")
    assert none_filed.verdict == "unverifiable"


def test_a_material_agreement_filing_is_evidence_for_a_deal_but_not_a_verdict(sec):
    data = provider(sec).fetch(request("AAP", "2024-08-15", "2024-08-30"))
    c = claim({"kind": "deal", "amount": 1.5e9, "deal_type": "acquisition", "status": "agreed", "date": "2024-08-22"})
    out = check(c, data, "2024-08-23T09:00:00-04:00")
    assert out.verdict == "unverifiable" and "item 1.01" in out.reason and out.evidence


def test_headcount_from_the_10k_cover_with_its_date(sec):
    data = provider(sec).fetch(request("AAPL", "2026-01-25", "2026-02-08"))
    assert (data.profile.employees, data.profile.employees_as_of) == (166000, dt.date(2025, 9, 27))
    out = check(claim({"kind": "workforce", "count": 166000, "approximate": True, "action": "headcount"}), data, "2026-02-03T14:20:00+01:00")
    assert out.verdict == "supported" and "2025-09-27" in out.reason


# --------------------------------------------------------------------------- fair access, cache, failures


def test_every_request_names_the_user_agent_and_is_spaced(sec):
    p = provider(sec)
    p.fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    p.fetch(request("AAPL", "2026-01-15", "2026-02-05"))
    assert {ua for _, ua, _ in sec.requests} == {UA}
    # the ticker file is fetched once per run; companyfacts and submissions once per company
    assert sorted(sec.paths()) == sorted([
        "/files/company_tickers.json",
        "/api/xbrl/companyfacts/CIK0001018724.json", "/submissions/CIK0001018724.json",
        "/api/xbrl/companyfacts/CIK0000320193.json", "/submissions/CIK0000320193.json",
    ])
    stamps = [t for _, _, t in sec.requests]
    assert stamps[-1] - stamps[0] >= 0.1 * (len(stamps) - 1) - 0.03  # at most 10 per second


def test_rate_limiter_waits_between_calls():
    clock = [0.0]
    waits: list[float] = []
    def sleep(seconds: float) -> None:
        waits.append(round(seconds, 3))
        clock[0] += seconds

    limiter = RateLimiter(10, clock=lambda: clock[0], sleep=sleep)
    for _ in range(3):
        limiter.wait()
    clock[0] += 1.0
    limiter.wait()  # after a pause no wait
    assert waits == [0.1, 0.1]


def test_no_user_agent_is_a_clear_configuration_error(monkeypatch):
    monkeypatch.delenv("VERIFIER_SEC_USER_AGENT", raising=False)
    with pytest.raises(ConfigError, match="VERIFIER_SEC_USER_AGENT"):
        EdgarProvider(cache=None)
    with pytest.raises(ConfigError, match="e-mail"):
        EdgarProvider("just a name", cache=None)


def test_documents_are_cached_in_the_market_sqlite_file_for_a_day(sec, tmp_path):
    cache = MarketCache(tmp_path / "market.sqlite3")
    clock = [RETRIEVED]
    first = provider(sec, cache=cache, now=lambda: clock[0]).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    asked = len(sec.requests)
    again = provider(sec, cache=cache, now=lambda: clock[0]).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert len(sec.requests) == asked and again.facts == first.facts
    clock[0] = RETRIEVED + dt.timedelta(days=2)
    provider(sec, cache=cache, now=lambda: clock[0]).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert len(sec.requests) == 2 * asked  # the index and facts are refreshed after a day


def test_offline_fails_fast_and_a_stale_copy_serves(sec, tmp_path):
    cache = MarketCache(tmp_path / "market.sqlite3")
    provider(sec, cache=cache).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    offline = closed_port_url()
    later = lambda: RETRIEVED + dt.timedelta(days=3)  # noqa: E731
    stale = EdgarProvider(UA, www=offline, data=offline, cache=cache, now=later).fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert "EDGAR failed" in stale.provenance.note and "used a copy retrieved" in stale.provenance.note
    cold = EdgarProvider(UA, www=offline, data=offline, cache=None)
    began = time.monotonic()
    with pytest.raises(MarketDataError, match="SEC EDGAR unreachable"):
        cold.fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    with pytest.raises(MarketDataError, match="not called"):
        cold.fetch(request("AAPL", "2025-10-15", "2025-11-05"))
    assert time.monotonic() - began < 1.0


@pytest.mark.parametrize("status, words", [(403, "VERIFIER_SEC_USER_AGENT"), (429, "rate-limited"), (500, "HTTP 500")])
def test_refusals_name_the_cause(sec, status, words):
    sec.status = status
    with pytest.raises(MarketDataError, match=words):
        provider(sec).fetch(request("AMZN", "2025-10-15", "2025-11-05"))


def test_unknown_ticker_and_non_xbrl_filer(sec, tmp_path):
    with pytest.raises(TickerNotFound, match="not in the SEC's list"):
        provider(sec).fetch(request("SIE.DE", "2025-10-15", "2025-11-05"))
    data = provider(sec).fetch(request("BRK-B", "2025-10-15", "2025-11-05"))  # listed, but no fixture files: 404s
    assert data.facts == [] and any("no XBRL company facts" in m for m in data.missing)
    out = check(claim({"kind": "financial_metric", "metric": "revenue", "value": 1e9, "period": "Q3 2025"}), data, "2025-11-01T09:00:00-04:00")
    assert out.verdict == "no_data"


# --------------------------------------------------------------------------- recorded, then replayed offline


ARTICLE = """October 31, 2025 4:45 PM ET

Amazon.com Inc. reported third-quarter net sales of $180.2 billion, and diluted earnings per share of $1.59.
"""


def test_snapshot_records_edgar_facts_and_an_audit_replays_offline(sec, monkeypatch, tmp_path, cli):
    from functools import partial

    from tests.yahoo_replay import YahooReplay, guard_curl
    from verifier.market import auto as auto_module
    from verifier.market import edgar as edgar_module
    from verifier.market.yfinance import YFinanceProvider

    guard_curl(monkeypatch)
    session = YahooReplay()
    monkeypatch.setattr(auto_module, "_yfinance_provider", lambda: YFinanceProvider(session=session))
    monkeypatch.setattr(edgar_module, "EdgarProvider", partial(EdgarProvider, www=sec.url, data=sec.url))
    monkeypatch.setenv("VERIFIER_SEC_USER_AGENT", UA)
    out = tmp_path / "amzn-q3.json"
    got = cli("snapshot", "AMZN", "--start", "2025-10-15", "--end", "2025-11-05", "--out", str(out))
    assert got.exit_code == 0, got.output
    assert "company facts" in got.stderr
    recorded = SnapshotProvider_load(out)
    assert any(f.metric == "revenue" and f.period == "Q3 FY2025" for f in recorded.facts)

    # offline now: no server, no live source; the snapshot alone settles the figures
    monkeypatch.delenv("VERIFIER_SEC_USER_AGENT")
    article = tmp_path / "amzn.txt"
    article.write_text(ARTICLE)
    got = cli("check", str(article), "--extractor", "rules", "--market", str(out), "--format", "json")
    report = json.loads(got.stdout)
    metrics = {c["fields"]["metric"]: c for c in report["claims"] if c["kind"] == "financial_metric"}
    assert metrics["revenue"]["verdict"] == "supported"
    assert metrics["eps"]["verdict"] == "contradicted"
    ev = metrics["revenue"]["evidence"][0]
    assert ev["url"].startswith("https://www.sec.gov/Archives/edgar/data/1018724/000101872425000123/")
    # the evidence names the source, the filing (form and accession), the period and when it was retrieved
    assert ev["source"] == "SEC EDGAR XBRL company facts" and ev["retrieved_at"]
    assert "Q3 FY2025" in ev["detail"] and ev["citation"] == "SEC EDGAR 10-Q 0001018724-25-000123"
    assert "SEC EDGAR XBRL company facts" in {s["source"] for s in report["run"]["sources"]}
    md = cli("check", str(article), "--extractor", "rules", "--market", str(out), "--format", "md").stdout
    assert "[SEC EDGAR XBRL company facts](https://www.sec.gov/Archives/edgar/data/1018724/" in md
    html = cli("check", str(article), "--extractor", "rules", "--market", str(out), "--format", "html").stdout
    assert '<a href="https://www.sec.gov/Archives/edgar/data/1018724/' in html


def SnapshotProvider_load(path):  # noqa: N802 - a tiny helper named for what it does
    from verifier.market.snapshot import Snapshot

    return Snapshot.load(path).tickers["AMZN"]


def test_a_host_that_does_not_answer_is_given_one_second(monkeypatch):
    import socket as socket_module

    from verifier.market import edgar as edgar_module

    seen = {}

    def silent(address, timeout=None):  # noqa: ANN001, ANN202 - a black-holed network
        seen["timeout"] = timeout
        raise socket_module.timeout("timed out")

    monkeypatch.setattr(edgar_module.socket, "create_connection", silent)
    p = EdgarProvider(UA, cache=None)
    with pytest.raises(MarketDataError, match="SEC EDGAR unreachable .*timed out"):
        p.fetch(request("AMZN", "2025-10-15", "2025-11-05"))
    assert seen["timeout"] == 1.0 and p.http.requests == 0
