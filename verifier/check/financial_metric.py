"""financial_metric: a reported or forecast figure (revenue, EPS, ...), checked against dated facts.

A fact of kind financial_metric matches when it is the same metric (revenue = sales = net sales,
eps = earnings per share, ...) for the same fiscal period ("Q4 2025" = "fourth-quarter 2025" =
"4Q25"; "fiscal 2025" = "FY2025"). The value must agree within 0.5%, or within 1% when the article
rounds to a unit ("$187.8 billion": a figure of a million or more with at most one decimal in
millions/billions/trillions), because such a figure may be off by half its last digit plus the
difference between reported and restated numbers. With no period stated, the latest fact of that
metric known at publication is used and the reason says so. No fact: unverifiable (no_data when
the source says it supplies no company facts at all).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from ..market.base import CompanyFact, TickerData
from ..schemas import Claim, Evidence, FinancialMetricFields
from . import CheckContext, Outcome, register
from .common import (
    DATE_SLACK_DAYS,
    METRIC_TOLERANCE,
    ROUNDED_METRIC_TOLERANCE,
    attribution_clause,
    evidence,
    facts_missing,
    money,
    norm,
    publication_day,
    tolerance_text,
    within,
)

RULE = (
    f"same metric and period; value within {tolerance_text(METRIC_TOLERANCE)} "
    f"({tolerance_text(ROUNDED_METRIC_TOLERANCE)} for figures rounded to a unit)"
)

_METRICS = {
    "revenue": "revenue", "revenues": "revenue", "sales": "revenue", "net sales": "revenue", "total revenue": "revenue",
    "turnover": "revenue", "eps": "eps", "diluted eps": "eps", "earnings per share": "eps", "adjusted eps": "eps",
    "net income": "net_income", "net profit": "net_income", "profit": "net_income", "net earnings": "net_income",
    "operating income": "operating_income", "operating profit": "operating_income", "ebit": "operating_income",
    "guidance revenue": "guidance_revenue", "revenue guidance": "guidance_revenue", "revenue outlook": "guidance_revenue",
    "market cap": "market_cap", "market capitalization": "market_cap", "market value": "market_cap",
}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


def metric_key(name: Optional[str]) -> str:
    key = norm(name)
    return _METRICS.get(key, key.replace(" ", "_"))


def period_key(text: Optional[str]) -> Optional[str]:
    """A canonical fiscal period: 'Q4 2025', 'FY 2025', 'H1 2025'; None when none is given."""
    if not text:
        return None
    t = norm(text)
    year = None
    m = re.search(r"(?<!\d)(19|20)\d{2}(?!\d)", t)
    if m:
        year = int(m.group(0))
    else:
        m = re.search(r"(?:fy|q[1-4]|[1-4]q)\s?(\d{2})\b", t)
        if m:
            year = 2000 + int(m.group(1))
    quarter = None
    m = re.search(r"\bq([1-4])\b|\b([1-4])q|\bq([1-4])(?=\s?\d)", t)
    if m:
        quarter = int(next(g for g in m.groups() if g))
    else:
        m = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter\b", t)
        if m:
            quarter = _ORDINALS[m.group(1)]
    half = re.search(r"\b(?:h([12])|(first|second) half)\b", t)
    if quarter:
        return f"Q{quarter} {year}" if year else f"Q{quarter}"
    if half:
        h = half.group(1) or (1 if half.group(2) == "first" else 2)
        return f"H{h} {year}" if year else f"H{h}"
    if year and re.search(r"\b(fy|fiscal|full year|year|annual)|^(19|20)\d{2}$", t):
        return f"FY {year}"
    return t or None


def is_rounded(value: float) -> bool:
    """True for figures rounded to a unit: >= 1 million with at most one decimal in its unit."""
    size = abs(value)
    for scale in (1e12, 1e9, 1e6):
        if size >= scale:
            scaled = size / scale
            return abs(scaled * 10 - round(scaled * 10)) < 1e-6
    return False


def _fmt(value: float, metric: str, currency: str) -> str:
    return money(value, currency) if metric == "eps" or abs(value) >= 1000 else f"{money(value, currency)}"


def _fact_text(fact: CompanyFact) -> str:
    period = f" for {fact.period}" if fact.period else ""
    cite = f" ({fact.citation})" if fact.citation else ""
    status = "" if fact.status == "confirmed" else f" [{fact.status}]"
    return f"{fact.metric}{period} of {money(fact.amount or 0, fact.currency or 'USD')}, recorded {fact.date}{cite}{status}"


def _evidence(data: TickerData, fact: CompanyFact) -> Evidence:
    return evidence(data, fact.provenance, f"financial figure: {_fact_text(fact)}", value=fact.amount, date=fact.date, citation=fact.citation)


@register("financial_metric")
def check_financial_metric(claim: Claim, ctx: CheckContext) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, FinancialMetricFields)
    data = ctx.data
    assert data is not None
    metric = metric_key(fields.metric)
    name = fields.metric.replace("_", " ")
    claimed = _fmt(fields.value, metric, fields.currency)
    wanted_period = period_key(fields.period)
    pub_day = publication_day(ctx.published_at, data)

    lacking = facts_missing(data, "financial_metric")
    if lacking:
        return Outcome(
            "no_data",
            f"the market data for {data.ticker} holds no reported figures{lacking}, so {name} of {claimed} cannot be checked.",
            rule=RULE,
        )
    facts = [f for f in data.facts if f.kind == "financial_metric" and f.amount is not None and metric_key(f.metric) == metric]
    if pub_day is not None:
        facts = [f for f in facts if f.date <= pub_day + dt.timedelta(days=DATE_SLACK_DAYS)]
    if not facts:
        return Outcome(
            "unverifiable",
            f"the data holds no {name} figure for {data.ticker} to compare {claimed} with; {attribution_clause(claim)}.",
            rule=RULE,
        )
    if wanted_period:
        same = [f for f in facts if period_key(f.period) == wanted_period]
        period_note = f" for {fields.period}"
        if not same and re.fullmatch(r"[QH][1-4]", wanted_period):
            # "third quarter" with no year: the latest such quarter reported before publication
            same_quarter = [f for f in facts if (period_key(f.period) or "").startswith(wanted_period + " ")]
            if same_quarter:
                latest = max(f.date for f in same_quarter)
                same = [f for f in same_quarter if f.date == latest]
                period_note = f" for {fields.period} (no year named: the latest such period on record, {same[0].period})"
        if not same:
            known = ", ".join(sorted({f.period or str(f.date) for f in facts}))
            return Outcome(
                "unverifiable",
                f"the data holds no {name} figure for {fields.period} (only for: {known}); {attribution_clause(claim)}.",
                rule=RULE,
            )
    else:
        latest = max(f.date for f in facts)
        same = [f for f in facts if f.date == latest]
        period_note = f" (the article names no period; the latest figure on record, {same[0].period or latest}, is used)"

    comparable = [f for f in same if (f.currency or fields.currency).upper() == fields.currency]
    if not comparable:
        return Outcome(
            "unverifiable",
            f"the recorded {name}{period_note} is in another currency ({_fact_text(same[0])}); amounts are not converted.",
            [_evidence(data, same[0])],
            RULE,
        )
    rounded = is_rounded(fields.value)
    tol = ROUNDED_METRIC_TOLERANCE if rounded else METRIC_TOLERANCE
    tol_text = f"{tolerance_text(tol)} ({'a figure rounded to a unit' if rounded else 'a figure given in full'})"
    for fact in comparable:
        if within(fields.value, fact.amount or 0, tol):
            report = "; the figure is only reported, not confirmed" if fact.status in ("reported", "rumored") else ""
            return Outcome(
                "supported",
                f"{name} of {claimed}{period_note} is within {tol_text} of the {_fact_text(fact)}{report}.",
                [_evidence(data, fact)],
                RULE,
            )
    found = "; ".join(_fact_text(f) for f in comparable)
    if claim.attribution == "forecast" and not metric.startswith("guidance"):
        # "revenue is expected to be $65 billion": a forecast is not the reported figure it is compared with
        return Outcome(
            "unverifiable",
            f"{name} of {claimed}{period_note} is presented as a forecast, and the data holds reported figures only "
            f"({found}), so it cannot be checked; {attribution_clause(claim)}.",
            [_evidence(data, f) for f in comparable],
            RULE + "; forecasts are not compared with reported figures",
        )
    if not wanted_period:
        # no period named: the latest figure was only the likeliest reading; another period's may be meant
        other = [f for f in facts if f not in same and within(fields.value, f.amount or 0, tol)]
        if other:
            return Outcome(
                "unverifiable",
                f"{name} of {claimed}{period_note} is not within {tol_text} of {found}, but it matches the "
                f"{_fact_text(other[0])}; the article names no period, so this does not disprove it.",
                [_evidence(data, f) for f in [*comparable, other[0]]],
                RULE + "; with no period named, a figure matching another period is not contradicted",
            )
    return Outcome(
        "contradicted",
        f"{name} of {claimed}{period_note} is not within {tol_text} of the figure on record: {found}.",
        [_evidence(data, f) for f in comparable],
        RULE,
    )
