"""financial_metric: a reported or forecast figure (revenue, EPS, ...), checked against dated facts.

A fact of kind financial_metric matches when it is the same metric (revenue = sales = net sales,
eps = earnings per share, ...) for the same fiscal period ("Q4 2025" = "fourth-quarter 2025" =
"4Q25"; "fiscal 2025" = "FY2025"). The value must agree within 0.5%, or within 1% when the article
rounds to a unit ("$187.8 billion": a figure of a million or more with at most one decimal in
millions/billions/trillions), because such a figure may be off by half its last digit plus the
difference between reported and restated numbers. With no period stated, the latest fact of that
metric known at publication is used and the reason says so. No fact: unverifiable (no_data when
the source says it supplies no company facts at all). A rounded figure also agrees with any record
that rounds to it (half its last written digit: "$3.8 billion" and $3.844 billion). Never
contradicted: an ``other`` figure by a record of another named figure, a reported or rumoured one
except by a confirmed figure for the period it names, a maximum ("up to") by a smaller figure.
"""

from __future__ import annotations

import datetime as dt
import math
from verifier import recache as re
from typing import Optional

from ..market.base import CompanyFact, TickerData
from ..schemas import Claim, Evidence, FinancialMetricFields
from ..tickers import AdjustedEps, adjusted_eps
from . import CheckContext, Outcome, register  # noqa: F401 (CheckContext used in helpers)
from .common import (
    DATE_SLACK_DAYS,
    METRIC_TOLERANCE,
    ROUNDED_METRIC_TOLERANCE,
    attribution_clause,
    coverage,
    evidence,
    is_ceiling,
    is_report,
    money,
    norm,
    publication_day,
    rounding_text,
    rounding_tolerance,
    tolerance_text,
    uncovered,
    within,
    without_bars,
    without_facts,
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
    m = re.search(r"\bq([1-4])\b|\b([1-4])q|\bq([1-4])(?=\s?\d)|\bfq([1-4])\b|\bf([1-4])q\b", t)  # "FQ3", "F3Q": a fiscal quarter
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
    if metric in MARGINS:
        return f"{value:g}%"
    return money(value, currency) if metric == "eps" or abs(value) >= 1000 else f"{money(value, currency)}"


def _fact_text(fact: CompanyFact) -> str:
    period = f" for {fact.period}" if fact.period else ""
    cite = f" ({fact.citation})" if fact.citation else ""
    status = "" if fact.status == "confirmed" else f" [{fact.status}]"
    restated = re.search(r"(as originally filed: restated to [^;]*|restated: originally [^;]*)", fact.description or "")
    note = f" ({restated.group(1)})" if restated else ""
    return f"{fact.metric}{period} of {money(fact.amount or 0, fact.currency or 'USD')}, recorded {fact.date}{cite}{status}{note}"


def _evidence(data: TickerData, fact: CompanyFact) -> Evidence:
    return evidence(data, fact.provenance, f"financial figure: {_fact_text(fact)}", value=fact.amount, date=fact.date, citation=fact.citation)


@register("financial_metric")
def check_financial_metric(claim: Claim, ctx: CheckContext) -> Outcome:
    return _not_after_publication(_check_financial_metric(claim, ctx), ctx)


def _not_after_publication(outcome: Outcome, ctx: CheckContext) -> Outcome:
    """A figure recorded after the publication day may support a claim, never contradict it.

    The one-day slack (``DATE_SLACK_DAYS``) lets in a figure released the evening after a
    date-only or late header, so an article quoting it can be supported; but an article written the
    day before a release cannot be disproved by it ("A year ago, third-quarter sales were $158.9
    billion" the morning before the new quarter's release is about the quarter known then).
    """
    data = ctx.data
    if outcome.verdict != "contradicted" or data is None:
        return outcome
    pub_day = publication_day(ctx.published_at, data)
    late = sorted(e.date for e in outcome.evidence if e.date is not None and pub_day is not None and e.date > pub_day)
    if not late:
        return outcome
    return outcome.not_disproved(
        f"but the figure it is held to was recorded on {late[0]}, after the article's publication day ({pub_day}), "
        "so the article may mean a figure known before it",
        "a figure recorded after publication never contradicts", RULE,
    )


def _check_financial_metric(claim: Claim, ctx: CheckContext) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, FinancialMetricFields)
    data = ctx.data
    assert data is not None
    metric = metric_key(fields.metric)
    name = fields.metric.replace("_", " ")
    claimed = _fmt(fields.value, metric, fields.currency)
    wanted_period = period_key(fields.period)
    pub_day = publication_day(ctx.published_at, data)

    forecast = _forecast_without_record(claim, metric, name, claimed, data)
    if forecast is not None:
        return forecast
    if metric in MARGINS:
        return _check_margin(claim, data, metric, name, pub_day)
    if metric == "market_cap" and not any(f.metric and metric_key(f.metric) == "market_cap" for f in data.facts):
        computed = _market_cap_from_shares(claim, ctx, claimed)
        if computed is not None:
            return computed
    if (lacking := without_facts(data, "financial_metric", "reported figures", f"{name} of {claimed} cannot be checked", RULE)) is not None:
        return lacking
    facts = [f for f in data.facts if f.kind == "financial_metric" and f.amount is not None and metric_key(f.metric) == metric]
    if pub_day is not None:
        facts = [f for f in facts if f.date <= pub_day + dt.timedelta(days=DATE_SLACK_DAYS)]
    if not facts:
        return Outcome(
            "unverifiable",
            f"the data holds no {name} figure for {data.ticker} to compare {claimed} with; {attribution_clause(claim)}.",
            rule=RULE,
        )
    placed_by_report = False  # a month-named quarter placed only from its report date (supports, never contradicts)
    year_ago = _YEAR_AGO.search(fields.period or "")
    if year_ago and re.fullmatch(r"Q[1-4]", wanted_period or ""):
        # "Q3, a year earlier": the year-ago quarter of the latest such quarter, when that was just reported
        latest_q = [f for f in facts if (period_key(f.period) or "").startswith(wanted_period + " ")]
        newest = max((_period_year(f.period) for f in latest_q), default=0)
        fresh = [f for f in latest_q if _period_year(f.period) == newest and pub_day is not None
                 and f.date >= pub_day - dt.timedelta(days=YEAR_AGO_FRESH_DAYS)]
        if not fresh:
            return Outcome(
                "unverifiable",
                f"{name} of {claimed} is the year-ago figure for {wanted_period}, but the data holds no {wanted_period} "
                f"reported in the {YEAR_AGO_FRESH_DAYS} days before publication to count the year back from; "
                f"{attribution_clause(claim)}.",
                rule=RULE + "; a year-ago figure is placed from the quarter just reported",
            )
        wanted_period = f"{wanted_period} {newest - 1}"
        same = [f for f in facts if period_key(f.period) == wanted_period]
        period_note = f" for {fields.period} (the latest {wanted_period[:2]} on record is {fresh[0].period}, so {wanted_period})"
        if not same:
            return Outcome(
                "unverifiable",
                f"the data holds no {name} figure for {wanted_period}, the year-ago quarter of the {fresh[0].period} just "
                f"reported, to compare {claimed} with; {attribution_clause(claim)}.",
                rule=RULE,
            )
    elif wanted_period:
        same = [f for f in facts if period_key(f.period) == wanted_period]
        period_note = f" for {fields.period}"
        if not same and re.fullmatch(r"[QH][1-4]", wanted_period):
            # "third quarter" with no year: the latest such quarter reported before publication
            same_quarter = [f for f in facts if (period_key(f.period) or "").startswith(wanted_period + " ")]
            if same_quarter:
                # the latest such PERIOD (a filing repeats last year's quarter as a comparative, on the same date)
                newest = max(_period_year(f.period) for f in same_quarter)
                same_quarter = [f for f in same_quarter if _period_year(f.period) == newest]
                latest = max(f.date for f in same_quarter)
                same = [f for f in same_quarter if f.date == latest]
                period_note = f" for {fields.period} (no year named: the latest such period on record, {same[0].period})"
        if not same:
            by_month = _month_quarter(fields.period, facts, pub_day)
            if by_month:
                same = by_month
                period_note = f" for {fields.period} (the quarter ended {same[0].period_end}: the company's fiscal {same[0].period})"
        if not same:
            by_report = _month_quarter_by_report(fields.period, facts, pub_day)
            if by_report:
                same, placed_by_report = by_report, True
                period_note = (f" for {fields.period} (read as the company's fiscal {same[0].period}, reported {same[0].date}: "
                               "the record gives no quarter dates, so the month is placed from the report date)")
        if not same:
            calendar = _calendar_reading(claim, data, facts, wanted_period, fields.value)
            if calendar is not None:
                return calendar
            later = _filed_after(data, metric, wanted_period, pub_day)
            if later is not None:
                return Outcome(
                    "unverifiable",
                    f"{name} for {fields.period} was not yet filed when the article appeared: the first figure on record "
                    f"is dated {later.date} ({_fact_text(later)}); {attribution_clause(claim)}.",
                    rule=RULE + "; a figure not yet public at publication cannot settle the claim",
                )
            known = ", ".join(sorted({f.period or str(f.date) for f in facts}))
            return Outcome(
                "unverifiable",
                f"the data holds no {name} figure for {fields.period} (only for: {known}); {attribution_clause(claim)}.",
                rule=RULE,
            )
    else:
        latest = max(f.date for f in facts)
        same = [f for f in facts if f.date == latest]
        newest = max(_period_year(f.period) for f in same)
        same = [f for f in same if _period_year(f.period) == newest]  # not the prior-year comparatives
        period_note = f" (the article names no period; the latest figure on record, {same[0].period or latest}, is used)"

    comparable = [f for f in same if (f.currency or fields.currency).upper() == fields.currency]
    if not comparable:
        return Outcome(
            "unverifiable",
            f"the recorded {name}{period_note} is in another currency ({_fact_text(same[0])}); amounts are not converted.",
            [_evidence(data, same[0])],
            RULE,
        )
    exact = [f for f in comparable if not f.approximate]
    if not exact:
        return _against_estimates(claim, data, comparable, name, claimed, period_note)
    comparable = exact  # a filed figure settles the claim; an estimate of the same period adds nothing
    tol, tol_text, unit = value_tolerance(claim)
    for fact in comparable:
        if within(fields.value, fact.amount or 0, tol, unit):
            report = "; the figure is only reported, not confirmed" if fact.status in ("reported", "rumored") else ""
            text = f"{name} of {claimed}{period_note} is within {tol_text} of the {_fact_text(fact)}{report}"
            if fields.growth_percent is not None:
                return _with_growth(claim, data, fact, text, pub_day)
            return Outcome("supported", text + ".", [_evidence(data, fact)], RULE)
    gaap_only = _gaap_only(claim, data, comparable) if metric == "eps" else None
    basic: list[CompanyFact] = []
    if gaap_only is not None:
        # a company that publishes no adjusted EPS: an unqualified EPS is its GAAP EPS, basic or diluted
        basic = _filed_basic(data, comparable, fields.currency, pub_day)
        for fact in basic:
            if within(fields.value, fact.amount or 0, tol, unit):
                text = (f"{name} of {claimed}{period_note} is within {tol_text} of the {_fact_text(fact)}; "
                        f"{_gaap_only_text(gaap_only)}, basic or diluted")
                if fields.growth_percent is not None:
                    return _with_growth(claim, data, fact, text, pub_day)
                return Outcome("supported", text + ".", [_evidence(data, fact)], RULE + GAAP_ONLY_RULE)
    found = "; ".join(_fact_text(f) for f in [*comparable, *basic])
    if wanted_period:
        calendar = _calendar_reading(claim, data, facts, wanted_period, fields.value)
        if calendar is not None:
            return calendar
        if placed_by_report:
            return Outcome(
                "unverifiable",
                f"{name} of {claimed}{period_note} is not within {tol_text} of {found}, but a quarter placed from its report "
                f"date alone may be another one; {attribution_clause(claim)}.",
                [_evidence(data, f) for f in comparable],
                RULE + "; a quarter named by its month and placed only from a report date never contradicts",
            )
    if claim.attribution == "forecast" or _worded_as_outlook(claim):
        return Outcome(
            "unverifiable",
            f"the article presents {name} of {claimed}{period_note} as a forecast; the reported figure ({found}) "
            "does not settle a forecast.",
            [_evidence(data, f) for f in comparable],
            RULE + "; a forecast is never contradicted by a reported figure",
        )
    if metric == "eps" and (_non_gaap(claim) or not _gaap_marked(claim)):
        street = _street_support(claim, data, comparable, tol, tol_text, name, claimed, period_note)
        if street is not None:
            return street
    if _non_gaap(claim) and all(_from_filing(f) for f in comparable):
        return Outcome(
            "unverifiable",
            f"the article gives an adjusted (non-GAAP) {name} of {claimed}{period_note}; filings record the GAAP figure "
            f"({found}), which adjustments legitimately differ from.",
            [_evidence(data, f) for f in comparable],
            RULE + "; an adjusted figure is not compared with a GAAP one",
        )
    if metric == "eps" and gaap_only is None and not _gaap_marked(claim) and all(_gaap_statement(f) for f in comparable):
        excepted = _adjusted_published_for(data, comparable)
        return Outcome(
            "unverifiable",
            f"{name} of {claimed}{period_note} does not match the GAAP diluted figure on record ({found}), but the article "
            "does not say the figure is GAAP: news copy often gives the company's adjusted (non-GAAP) EPS without saying "
            f"so, and filings do not record it, so this does not disprove it{excepted}.",
            [_evidence(data, f) for f in comparable],
            RULE + "; a per-share figure not stated as GAAP is not contradicted by the GAAP figure alone",
        )
    if metric == "eps" and _says_basic(claim):
        # a basic EPS is higher than the diluted one by the dilution: only a basic figure can settle it
        on_record = _basic_for(data, comparable, fields.currency, pub_day)
        for fact in on_record:
            if within(fields.value, fact.amount or 0, tol, unit):
                text = f"basic {name} of {claimed}{period_note} is within {tol_text} of the {_fact_text(fact)}"
                if fields.growth_percent is not None:
                    return _with_growth(claim, data, fact, text, pub_day)
                return Outcome("supported", text + ".", [_evidence(data, fact)], RULE + BASIC_RULE)
        if not on_record:
            return Outcome(
                "unverifiable",
                f"the article gives basic {name} of {claimed}{period_note}; the data records only the diluted figure "
                f"({found}), which differs from the basic one by the dilution, so it does not settle a basic figure.",
                [_evidence(data, f) for f in comparable],
                RULE + BASIC_RULE,
            )
        comparable, found = on_record, "; ".join(_fact_text(f) for f in on_record)
    if not wanted_period:
        # no period named: the latest figure was only the likeliest reading; another period's may be meant
        other = [f for f in facts if f not in same and within(fields.value, f.amount or 0, tol, unit)]
        if other:
            return Outcome(
                "unverifiable",
                f"{name} of {claimed}{period_note} is not within {tol_text} of {found}, but it matches the "
                f"{_fact_text(other[0])}; the article names no period, so this does not disprove it.",
                [_evidence(data, f) for f in [*comparable, other[0]]],
                RULE + "; with no period named, a figure matching another period is not contradicted",
            )
        unread = _unread_period(claim.quote, [f.period for f in comparable])
        if unread is not None:
            return Outcome(
                "unverifiable",
                f"{name} of {claimed}{period_note} is not within {tol_text} of {found}, but the claim's words point to "
                f"a period ('{unread}') that was not read and that need not be the one on record, so this does not "
                "disprove it.",
                [_evidence(data, f) for f in comparable],
                RULE + "; with no period read but one referred to, the latest figure on record does not contradict a figure",
            )
        if pub_day is None and not any(within(fields.value, f.amount or 0, tol, unit) for f in comparable):
            # no period and no publication time: nothing places the article after the latest report on record
            return Outcome(
                "unverifiable",
                f"{name} of {claimed}{period_note} is not within {tol_text} of {found}, but the article names no period "
                "and gives no publication time, so the latest figure on record need not be the one it means; this does "
                "not disprove it.",
                [_evidence(data, f) for f in comparable],
                RULE + "; with no period and no publication time, the latest figure on record does not contradict a figure",
            )
    elif not _period_in_quote(fields.period, claim.quote):
        # the period was read from the words around the claim ("..., compared with $158.9 billion in the third
        # quarter of 2024"): when the latest such figure on record is the claimed one, the period may be another figure's
        latest = max(f.date for f in facts)
        newest = [f for f in facts if f.date == latest and f not in same and within(fields.value, f.amount or 0, tol, unit)]
        if newest:
            return Outcome(
                "unverifiable",
                f"{name} of {claimed}{period_note} is not within {tol_text} of {found}, but the claim's own words do not "
                f"name that period (it was read from the sentence around them), and the figure matches the latest on "
                f"record, the {_fact_text(newest[0])}, so this does not disprove it.",
                [_evidence(data, f) for f in [*comparable, newest[0]]],
                RULE + "; a period read from outside the claim's words does not contradict a figure matching the latest record",
            )
    if metric == "other":
        # "other" is any figure the vocabulary does not name: only a record of the same named figure can disprove it
        named = [f for f in comparable if names_same_figure(f, claim.quote)]
        if not named:
            return Outcome(
                "unverifiable",
                f"{name} of {claimed}{period_note} is a figure the article names in its own words, and the data's figures of "
                f"that kind are others ({found}), so they cannot disprove it; {attribution_clause(claim)}.",
                [_evidence(data, f) for f in comparable],
                RULE + "; an 'other' figure is contradicted only by a record of the same named figure",
            )
        comparable, found = named, "; ".join(_fact_text(f) for f in named)
    if is_ceiling(claim.quote, fields.value) and any(abs(f.amount or 0) < abs(fields.value) for f in comparable):
        return Outcome(
            "unverifiable",
            f"the article gives {name} of {claimed} as a maximum; the smaller figure on record ({found}) does not disprove a maximum.",
            [_evidence(data, f) for f in comparable],
            RULE + "; a ceiling is not contradicted by a smaller figure",
        )
    stale = [f for f in comparable if (since := _superseded_since(f)) is not None and pub_day is not None and pub_day >= since]
    if stale and len(stale) == len(comparable):
        return Outcome(
            "unverifiable",
            f"{name} of {claimed}{period_note} is not within {tol_text} of {found}, but that quarter was derived from "
            f"year-to-date figures one of which was refiled with another value on {_superseded_since(stale[0])}, before the "
            "article appeared, and the quarter on the restated basis cannot be derived; so this does not disprove it.",
            [_evidence(data, f) for f in comparable],
            RULE + "; a derived quarter superseded by a restatement does not contradict a later article",
        )
    if is_report(claim) and (not fields.period or any(f.status != "confirmed" for f in comparable)):
        settled = "the figure on record is itself unconfirmed" if fields.period else "the article names no period"
        return Outcome(
            "unverifiable",
            f"{name} of {claimed}{period_note} is not within {tol_text} of the figure on record ({found}), but "
            f"{attribution_clause(claim)} and {settled}, so the record does not settle the same figure beyond doubt.",
            [_evidence(data, f) for f in comparable],
            RULE + "; a reported or rumoured figure is contradicted only by a confirmed figure for the period it names",
        )
    if gaap_only is not None:
        return Outcome(
            "contradicted",
            f"{name} of {claimed}{period_note} is not within {tol_text} of the GAAP figures filed for the period: {found}; "
            f"the article does not say the figure is GAAP, but {_gaap_only_text(gaap_only)}.",
            [_evidence(data, f) for f in [*comparable, *basic]],
            RULE + GAAP_ONLY_RULE,
        )
    return Outcome(
        "contradicted",
        f"{name} of {claimed}{period_note} is not within {tol_text} of the figure on record: {found}.",
        [_evidence(data, f) for f in comparable],
        RULE,
    )


# --------------------------------------------------------------------------- companies that publish no adjusted EPS

GAAP_ONLY_RULE = (
    "; an EPS not called GAAP or adjusted is read as GAAP (basic or diluted) for a company the company table marks as "
    "publishing no adjusted EPS, and is then contradicted only by filed figures for the period, never by an estimate"
)


def _gaap_only(claim: Claim, data: TickerData, comparable: list[CompanyFact]) -> Optional[AdjustedEps]:
    """The company table's word that the company publishes no adjusted EPS, when it settles this claim.

    Only for an EPS the article calls neither adjusted nor GAAP/diluted/basic, held to figures filed with
    the SEC for the period itself (a derived or estimated quarter never gets here: those are approximate),
    and for a period the table does not except (a release that did give an adjusted figure). Otherwise None:
    the usual guard (an unqualified EPS may be the adjusted one) stands.
    """
    if _non_gaap(claim) or _gaap_marked(claim) or not comparable:
        return None
    basis = adjusted_eps(data.ticker)
    if basis is None or basis.published:
        return None
    if not all(_from_filing(f) and not f.approximate for f in comparable):
        return None
    excepted = {period_key(p) for p in basis.excepted}
    if any(period_key(f.period) in excepted for f in comparable):
        return None
    return basis


def _gaap_only_text(basis: AdjustedEps) -> str:
    return f"{basis.ticker} publishes no adjusted EPS, so the figure is read as GAAP (company table: {basis.reason})"


def _adjusted_published_for(data: TickerData, comparable: list[CompanyFact]) -> str:
    """A clause for a company marked GAAP-only whose release for this period did give an adjusted EPS."""
    basis = adjusted_eps(data.ticker)
    if basis is None or basis.published:
        return ""
    excepted = {period_key(p): p for p in basis.excepted}
    hit = next((excepted[period_key(f.period)] for f in comparable if period_key(f.period) in excepted), None)
    if hit is None:
        return ""
    return (f" ({basis.ticker} otherwise publishes no adjusted EPS, but its release for {hit} did give one, "
            "so the figure is not read as GAAP)")


BASIC_RULE = "; a figure the article calls basic EPS is compared only with a basic EPS on record"
_BASIC = re.compile(r"\bbasic\b", re.IGNORECASE)
_DILUTED = re.compile(r"\bdiluted\b", re.IGNORECASE)


def _says_basic(claim: Claim) -> bool:
    """'basic EPS of $1.98': the claim names the basic figure (and not the diluted one beside it)."""
    return bool(_BASIC.search(claim.quote)) and not _DILUTED.search(claim.quote)


def _basic_for(data: TickerData, diluted: list[CompanyFact], currency: str, pub_day: Optional[dt.date]) -> list[CompanyFact]:
    """The basic EPS on record (from any source) for the periods of the diluted figures, known at publication."""
    periods = {period_key(f.period) for f in diluted}
    return [
        f for f in data.facts
        if f.kind == "financial_metric" and f.amount is not None and metric_key(f.metric) == "eps_basic"
        and not f.approximate and period_key(f.period) in periods
        and (f.currency or currency).upper() == currency
        and (pub_day is None or f.date <= pub_day + dt.timedelta(days=DATE_SLACK_DAYS))
    ]


def _filed_basic(data: TickerData, diluted: list[CompanyFact], currency: str, pub_day: Optional[dt.date]) -> list[CompanyFact]:
    """The filed basic EPS for the periods of the filed diluted figures, known at publication."""
    return [f for f in _basic_for(data, diluted, currency, pub_day) if _from_filing(f)]


# --------------------------------------------------------------------------- estimates (derived per-share figures)

ESTIMATE_TOLERANCE = 0.015  # a per-share figure derived by subtraction or from the year's share count: ~1% off is usual
_SUPERSEDED = re.compile(r"quarter not derivable on the restated basis since (\d{4}-\d{2}-\d{2})")


def _superseded_since(fact: CompanyFact) -> Optional[dt.date]:
    """The date a derived quarter stopped being the current figure (one of its year-to-date parts was refiled)."""
    m = _SUPERSEDED.search(fact.description or "")
    return dt.date.fromisoformat(m.group(1)) if m else None


def _against_estimates(
    claim: Claim, data: TickerData, estimates: list[CompanyFact], name: str, claimed: str, period_note: str,
) -> Outcome:
    """Only approximate figures on record (an EPS no filing gives for the quarter): support within a wide
    tolerance, otherwise unverifiable; an estimate never contradicts, since it is not the company's figure."""
    fields = claim.fields
    assert isinstance(fields, FinancialMetricFields)
    tol, _, unit = value_tolerance(claim)
    tol = max(tol, ESTIMATE_TOLERANCE)
    rule = (
        RULE + f"; a figure only estimated from filings (a per-share figure derived by subtraction or from the year's "
        f"share count) supports within {tolerance_text(ESTIMATE_TOLERANCE)} and never contradicts"
    )
    ev = [_evidence(data, f) for f in estimates]
    match = next((f for f in estimates if within(fields.value, f.amount or 0, tol, unit)), None)
    if match is not None:
        growth = "; the stated growth is not checked against an estimate" if fields.growth_percent is not None else ""
        return Outcome(
            "supported",
            f"{name} of {claimed}{period_note} is within {tolerance_text(tol)} of the estimate {_fact_text(match)}: "
            f"{_estimate_basis(match)}{growth}.",
            [_evidence(data, match)],
            rule,
        )
    if metric_key(fields.metric) == "eps":
        street = _street_support(claim, data, estimates, tol, tolerance_text(tol), name, claimed, period_note)
        if street is not None:
            return street
    found = "; ".join(f"{_fact_text(f)} ({_estimate_basis(f)})" for f in estimates)
    return Outcome(
        "unverifiable",
        f"{name} of {claimed}{period_note} is not within {tolerance_text(tol)} of the estimate on record, {found}; no "
        "filing gives this figure, and an estimate cannot disprove it.",
        ev,
        rule,
    )


def _estimate_basis(fact: CompanyFact) -> str:
    text = fact.description or ""
    m = re.search(r"(derived: [^;]*|estimated: [^;]*)", text)
    return (m.group(1) + "; " if m else "") + "approximate, not a filed figure"


# --------------------------------------------------------------------------- rounded figures, named "other" figures


_PERIOD_REFERENCE = re.compile(
    r"\b(?:in|for|during|over|of)\s+(?:the|that|this)\s+(?:same\s+)?(?:period|quarter|three\s+months|half|year|twelve\s+months)\b"
    r"|\bquarterly\b|\b(?:full[- ]year|annual)\b",
    re.I,
)


def _unread_period(quote: str, on_record: list[Optional[str]]) -> Optional[str]:
    """The words of a claim with no period read that refer to one the record's latest figure may not be: "in the
    period" (any), "for the quarter" when the figure on record is a year's, "for the year" when it is a quarter's."""
    cue = _PERIOD_REFERENCE.search(quote or "")
    if cue is None:
        return None
    words = cue.group(0).lower()
    quarterly = [bool(re.search(r"\b(?:q[1-4]|[1-4]q|h[12])\b|quarter", p or "", re.I)) for p in on_record]
    if "period" in words:
        return cue.group(0)
    if ("quarter" in words or "three" in words or "half" in words) and not all(quarterly):
        return cue.group(0)
    if ("year" in words or "annual" in words or "twelve" in words) and any(quarterly):
        return cue.group(0)
    return None


def _period_in_quote(period: Optional[str], quote: str) -> bool:
    """True when the claim's own words hold its period (its text, or a fiscal label reading the same)."""
    if not period:
        return False
    if norm(period) in norm(quote):
        return True
    wanted = period_key(period)
    labels = re.findall(r"\b(?:q[1-4]|[1-4]q|fy|h[12])\s?'?(?:fy)?\s?\d{2,4}\b|\b(?:19|20)\d{2}\b", quote, re.I)
    return any(period_key(label) == wanted for label in labels)


def value_tolerance(claim: Claim) -> tuple[float, str, float]:
    """(tolerance, its text, unit) for ``within``: 0.5% for a figure given in full; for one rounded to a
    unit ("$3.8 billion") 1%, or half its last written digit when that is more: a record of $3.844
    billion rounds to $3.8 billion, 1.1% away. The unit is 0 for a figure given in full."""
    fields = claim.fields
    assert isinstance(fields, FinancialMetricFields)
    if not is_rounded(fields.value):
        return METRIC_TOLERANCE, f"{tolerance_text(METRIC_TOLERANCE)} (a figure given in full)", 0.0
    tol, unit = rounding_tolerance(fields.value, claim.quote, ROUNDED_METRIC_TOLERANCE)
    base = f"{tolerance_text(ROUNDED_METRIC_TOLERANCE)} (a figure rounded to a unit)"
    return ROUNDED_METRIC_TOLERANCE, rounding_text(tol, ROUNDED_METRIC_TOLERANCE, money(unit, fields.currency), base), unit


_FIGURE_NOISE = frozenset({
    "q1", "q2", "q3", "q4", "fy", "h1", "h2", "first", "second", "third", "fourth", "quarter", "fiscal", "full", "year",
    "half", "of", "the", "a", "an", "about", "approximately", "around", "roughly", "some", "nearly", "billion", "million",
    "trillion", "thousand", "bn", "mn", "usd", "eur", "in", "for", "was", "were", "is", "to", "at", "and", "its", "total",
})


def _figure_words(text: Optional[str]) -> set[str]:
    """The words that name a figure: no periods, amounts, units or function words; plurals folded."""
    words = set()
    for w in norm(text).split():
        if w in _FIGURE_NOISE or re.fullmatch(r"\d+|(?:19|20)\d{2}|q[1-4]|[1-4]q\d{0,2}|fy\d{2,4}", w):
            continue
        words.add(w[:-1] if len(w) > 3 and w.endswith("s") else w)
    return words


# what kind of figure a record's description files it under, not its name ("AWS segment sales" = "AWS sales")
_CATEGORY_WORDS = frozenset({"segment", "unit", "division", "business"})
_CAPITALISED_RUN = re.compile(r"(?<![\w'])(?:[A-Z][a-z][\w&-]*)(?:\s+(?:[A-Z][a-z][\w&-]*))+")
_ACRONYM = re.compile(r"(?<![\w'])[A-Z]{2,5}(?![\w'])")


def _initialled_runs(text: Optional[str]) -> dict[str, set[str]]:
    """Each run of two or more capitalised words by its initials: "Amazon Web Services" -> aws: {amazon, web, service}."""
    out: dict[str, set[str]] = {}
    for m in _CAPITALISED_RUN.finditer(text or ""):
        words = m.group(0).split()
        out.setdefault("".join(w[0] for w in words).lower(), set()).update(_figure_words(m.group(0)))
    return out


# a record's top-line nouns: a business's money figure told with no figure noun ("the unit did $9.6 billion in the
# quarter", "put up", "grew to") is its takings
_TOP_LINE_WORDS = frozenset({"sale", "revenue", "net", "turnover"})
# any word naming another figure, or a verb of paying out, keeps a noun-less figure from being the takings
_OTHER_FIGURE = re.compile(
    r"\b(?:income|profits?|earnings?|margins?|loss(?:es)?|lost|ebitda|ebit|cash|flows?|operating|eps|per share|bookings?|"
    r"backlog|capex|capital|spend(?:s|ing)?|spent|invest(?:s|ed|ing|ment)?|costs?|expenses?|paid|pays?|paying|"
    r"dividends?|buybacks?|repurchases?|debt|borrow(?:ed|ing)?|raised?|rais(?:es|ing)|funding|deals?|contracts?|"
    r"acquir(?:e|ed|es|ing)|bought|buy|valuation|valued|worth|market cap\w*|guidance|outlook|forecasts?|"
    r"fines?|charges?|write-?downs?|impairments?|savings?|run[- ]rate|users?|customers?|subscribers?)\b",
    re.IGNORECASE,
)


def _noun_less_takings(quote: str) -> bool:
    """True when the quote gives its money figure with no figure noun and no verb of paying out: the takings."""
    return bool(re.search(r"[$€£]\s?\d", quote)) and not _OTHER_FIGURE.search(quote)


def names_same_figure(fact: CompanyFact, quote: str) -> bool:
    """True when the quote names the recorded figure: every naming word of the record's description
    ("Q3 2025 AWS segment sales $33.0 billion": aws, sales) appears in the quote, a name also by its initials
    ("Amazon Web Services sales" names "AWS segment sales", and "AWS sales" "Amazon Web Services segment sales"); the
    category a record files a figure under ("segment") is no naming word. A unit's money figure told with no figure
    noun at all ("AWS did $27 billion in the quarter") is its takings: the record's top-line noun is not needed."""
    wanted = _figure_words(fact.description) - _CATEGORY_WORDS
    have = _figure_words(quote)
    if not wanted:
        return False
    missing = wanted - have
    if missing:
        quote_runs = _initialled_runs(quote)
        for acronym in {a.lower() for a in _ACRONYM.findall(fact.description or "")} & set(quote_runs):
            missing.discard(acronym)  # the record's "AWS", the quote's "Amazon Web Services"
        quote_acronyms = {a.lower() for a in _ACRONYM.findall(quote)}
        for initials, words in _initialled_runs(fact.description).items():
            if initials in quote_acronyms:
                missing -= words  # the record's "Amazon Web Services", the quote's "AWS"
    if missing and missing <= _TOP_LINE_WORDS and wanted - _TOP_LINE_WORDS and _noun_less_takings(quote):
        return True  # the unit is named and its figure is told with no noun: its takings
    return not missing


# --------------------------------------------------------------------------- forecasts, filing dates, market cap

_NON_GAAP = re.compile(r"\b(?:adj\b\.?|adjusted\b|non[- ]?gaap\b|core\b|underlying\b|pro[- ]forma\b|excluding items\b)", re.IGNORECASE)
MARKET_CAP_TOLERANCE = 0.02  # shares are counted at a cover date, not on the day of the price
ROUNDED_MARKET_CAP_TOLERANCE = 0.05  # "$3 trillion": a figure rounded to a whole unit


# "Raises 2018 Adjusted EPS Guidance Range To $7.33 To $7.43": whatever metric an engine reads, a
# figure in a sentence about guidance or an outlook is a forecast, unless it is measured against one
# ("revenue of $X, above its guidance of $Y" is a result).
# A consensus is a forecast too ("analysts had expected revenue of $80.3 billion"), whoever's it is.
_OUTLOOK_NOUNS = r"(?:guidance|outlook|forecasts?|projections?|consensus|estimates?|expectations?)"
_OUTLOOK_WORDS = re.compile(
    r"\b" + _OUTLOOK_NOUNS + r"\b|\banalysts?\s+(?:had\s+|have\s+)?(?:expected|forecast|estimated|projected|predicted|anticipated)\b|"
    r"\b(?:expected|forecast|estimated|projected)\s+by\s+analysts\b", re.I,
)
_AGAINST_OUTLOOK = re.compile(
    r"\b(?:above|below|beat(?:ing|s)?|miss(?:ed|ing|es)?|top(?:ped|ping|s)?|ahead of|short of|in line with|exceed(?:ed|ing|s)?|"
    r"versus|vs\.?|compared (?:with|to)|against)\s+(?:the\s+|its\s+|their\s+|company\s+|management'?s?\s+|prior\s+|own\s+|"
    r"analysts'?\s+|wall street'?s?\s+|street\s+|average\s+)*" + _OUTLOOK_NOUNS + r"\b", re.I,
)


def _worded_as_outlook(claim: Claim) -> bool:
    return bool(_OUTLOOK_WORDS.search(claim.quote)) and not _AGAINST_OUTLOOK.search(claim.quote)


def _from_filing(fact: CompanyFact) -> bool:
    return bool(fact.citation and fact.citation.startswith("SEC EDGAR"))


def _non_gaap(claim: Claim) -> bool:
    return bool(_NON_GAAP.search(claim.quote))


# Words that make a per-share figure the GAAP one: only then can the filed GAAP EPS disprove it.
_GAAP_MARKED = re.compile(
    r"(?<!non-)(?<!non )\bgaap\b|\bdiluted\b|\bbasic\b|\bas reported\b|\breported basis\b|"
    r"\bnet (?:income|earnings|loss|profit) (?:of [^.;]{0,40})?per (?:diluted |basic )?share\b",
    re.IGNORECASE,
)


def _gaap_marked(claim: Claim) -> bool:
    return bool(_GAAP_MARKED.search(claim.quote)) and not _non_gaap(claim)


def _street_support(
    claim: Claim, data: TickerData, gaap: list[CompanyFact], tol: float, tol_text: str, name: str, claimed: str, period_note: str,
) -> Optional[Outcome]:
    """An EPS the GAAP figure does not settle, supported by the EPS Yahoo lists as reported for that quarter.

    Yahoo's "Reported EPS" is on the analysts' basis (usually the company's adjusted figure), so it can
    support the article's figure but never disprove it: the company's own adjusted figure may differ.
    """
    fields = claim.fields
    assert isinstance(fields, FinancialMetricFields)
    periods = {period_key(f.period) for f in gaap}
    street = [
        f for f in data.facts
        if f.kind == "financial_metric" and f.metric == "eps_street" and f.amount is not None
        and period_key(f.period) in periods and (f.currency or fields.currency).upper() == fields.currency
    ]
    match = next((f for f in street if within(fields.value, f.amount or 0, tol)), None)
    if match is None:
        return None
    return Outcome(
        "supported",
        f"{name} of {claimed}{period_note} is not the GAAP figure ({'; '.join(_fact_text(f) for f in gaap)}), but it is "
        f"within {tol_text} of the EPS Yahoo Finance lists as reported for {match.period} on its results date "
        f"{match.date} ({money(match.amount or 0, match.currency or 'USD')}, the analysts' basis, usually adjusted; not a filing).",
        [_evidence(data, match), *(_evidence(data, f) for f in gaap)],
        RULE + "; an EPS that is not the GAAP figure may be supported, never contradicted, by the EPS reported on the analysts' basis",
    )


def _gaap_statement(fact: CompanyFact) -> bool:
    """A figure from a GAAP income statement: an SEC filing, or Yahoo's copy of the statements."""
    return _from_filing(fact) or (fact.citation or "").startswith("Yahoo Finance income statement")


def _forecast_without_record(claim: Claim, metric: str, name: str, claimed: str, data: TickerData) -> Optional[Outcome]:
    """Guidance and consensus are forecasts: no filing records them, so with none on record: unverifiable."""
    if not (metric.startswith("guidance") or "consensus" in metric or "estimate" in metric):
        return None
    if any(f.kind == "financial_metric" and metric_key(f.metric) == metric for f in data.facts):
        return None  # a recorded company outlook is compared as usual
    return Outcome(
        "unverifiable",
        f"{name} of {claimed} is a forecast; filings and market data record results, not forecasts, "
        f"so it cannot be checked against them; {attribution_clause(claim)}.",
        rule="forecasts (guidance, consensus) are never settled by reported figures",
    )


def _filed_after(data: TickerData, metric: str, period: str, pub_day: Optional[dt.date]) -> Optional[CompanyFact]:
    """The first fact of that metric and period dated after publication (the figure was not public yet)."""
    if pub_day is None:
        return None
    later = [
        f for f in data.facts
        if f.kind == "financial_metric" and f.amount is not None and metric_key(f.metric) == metric
        and period_key(f.period) == period and f.date > pub_day + dt.timedelta(days=DATE_SLACK_DAYS)
    ]
    return min(later, key=lambda f: f.date) if later else None


def _market_cap_from_shares(claim: Claim, ctx: CheckContext, claimed: str) -> Optional[Outcome]:
    """Market cap = close of the last session by publication x shares outstanding on the latest cover before it."""
    from .common import bars

    fields = claim.fields
    data = ctx.data
    assert isinstance(fields, FinancialMetricFields) and data is not None
    pub_day = publication_day(ctx.published_at, data)
    shares = [f for f in data.facts if f.metric == "shares_outstanding" and f.amount]
    if not shares:
        return None
    rule = (
        f"close x shares outstanding (latest filing cover before publication) within {tolerance_text(MARKET_CAP_TOLERANCE)} "
        f"({tolerance_text(ROUNDED_MARKET_CAP_TOLERANCE)} for a figure rounded to a whole unit)"
    )
    if pub_day is None:
        return Outcome(
            "unverifiable",
            f"a market cap of {claimed} needs the share price on the day; the article has no publication time (pass --published).",
            rule=rule,
        )
    if (no_bars := without_bars(data, f"a market cap of {claimed} cannot be computed from the share price", rule)) is not None:
        return no_bars
    sessions = [b for b in bars(data) if b.date <= pub_day]
    if not sessions:
        return uncovered(
            f"a market cap of {claimed} needs the share price on the day, but the data has no session on or before "
            f"the publication day, {pub_day} ({coverage(data)}).",
            rule,
        )
    known = [f for f in shares if f.date <= pub_day]
    if not known:
        first = min(f.date for f in shares)
        return uncovered(
            f"no shares-outstanding figure was filed before publication ({pub_day}) to compute a market cap of {claimed}; "
            f"the data's first one is dated {first}.",
            rule,
        )
    cover = max(known, key=lambda f: f.date)
    bar = sessions[-1]
    cover_day = _cover_date(cover) or cover.date
    factor = 1.0
    for split in data.splits:
        if cover_day < split.date <= bar.date:
            factor *= split.ratio  # shares counted before a split the price already reflects
    count_now = (cover.amount or 0) * factor
    value = bar.close * count_now
    whole = abs(fields.value / 10 ** math.floor(math.log10(abs(fields.value)))) % 1 == 0 if fields.value else False
    tol = ROUNDED_MARKET_CAP_TOLERANCE if whole else MARKET_CAP_TOLERANCE
    _, unit = rounding_tolerance(fields.value, claim.quote, tol)
    split_note = f", x{factor:g} for the split since" if factor != 1 else ""
    detail = (
        f"market cap {money(value, fields.currency)} = close {money(bar.close, fields.currency)} on {bar.date} x "
        f"{count_now:,.0f} shares ({cover.description}{split_note})"
    )
    ev = [
        evidence(data, data.prices.provenance if data.prices else None, f"close of {bar.date}", value=bar.close, date=bar.date),
        evidence(data, cover.provenance, f"shares outstanding: {cover.description}", value=cover.amount, date=cover_day, citation=cover.citation),
    ]
    verdict = "supported" if within(fields.value, value, tol, unit) else "contradicted"
    word = "is within" if verdict == "supported" else "is not within"
    shown = tolerance_text(tol) if within(fields.value, value, tol) or verdict == "contradicted" else (
        f"half of {money(unit, fields.currency)} (the last digit written)")
    return Outcome(verdict, f"a market cap of {claimed} {word} {shown} of the {detail}.", ev, rule)


def _cover_date(fact: CompanyFact) -> Optional[dt.date]:
    m = re.search(r"as of (\d{4}-\d{2}-\d{2})", fact.period or "")
    return dt.date.fromisoformat(m.group(1)) if m else None


def _period_year(period: Optional[str]) -> int:
    """The (fiscal) year of a period label, 0 when it names none: to rank periods, newest first."""
    key = period_key(period) or ""
    m = re.search(r"(19|20)\d{2}", key)
    return int(m.group(0)) if m else 0


# --------------------------------------------------------------------------- margins and growth

MARGINS = {"gross_margin": "gross_profit", "operating_margin": "operating_income", "net_margin": "net_income"}
MARGIN_POINTS_TOLERANCE = 0.3  # percentage points: "a margin of 11.2%" vs a computed 11.17%
GROWTH_POINTS_TOLERANCE = 0.6  # percentage points: articles round growth to whole percent ("up 13%")


def _ratio_facts(data: TickerData, metric: str, pub_day: Optional[dt.date]) -> dict[str, CompanyFact]:
    """The latest-dated fact per period for one metric, known at publication."""
    out: dict[str, CompanyFact] = {}
    for f in data.facts:
        if f.kind != "financial_metric" or f.amount is None or metric_key(f.metric) != metric or not f.period:
            continue
        if pub_day is not None and f.date > pub_day + dt.timedelta(days=DATE_SLACK_DAYS):
            continue
        key = period_key(f.period) or f.period
        if key not in out or f.date > out[key].date:
            out[key] = f
    return out


def _check_margin(claim: Claim, data: TickerData, metric: str, name: str, pub_day: Optional[dt.date]) -> Outcome:
    """A margin is computed from the same period's figure and revenue, compared in percentage points."""
    fields = claim.fields
    assert isinstance(fields, FinancialMetricFields)
    rule = f"{name} = {MARGINS[metric].replace('_', ' ')} / revenue of the same period, within {MARGIN_POINTS_TOLERANCE:g} percentage points"
    tops, revenues = _ratio_facts(data, MARGINS[metric], pub_day), _ratio_facts(data, "revenue", pub_day)
    periods = [p for p in tops if p in revenues and revenues[p].amount]
    wanted = period_key(fields.period)
    if wanted:
        periods = [p for p in periods if p == wanted or (re.fullmatch(r"[QH][1-4]", wanted) and p.startswith(wanted + " "))]
    if not periods:
        return Outcome(
            "unverifiable",
            f"the data holds no {MARGINS[metric].replace('_', ' ')} and revenue for {fields.period or 'a period'} "
            f"to compute a {name} of {fields.value:g}%; {attribution_clause(claim)}.",
            rule=rule,
        )
    period = max(periods, key=lambda p: (_period_year(p), max(tops[p].date, revenues[p].date)))
    top, revenue = tops[period], revenues[period]
    margin = 100 * (top.amount or 0) / (revenue.amount or 1)
    ev = [_evidence(data, top), _evidence(data, revenue)]
    verdict = "supported" if abs(fields.value - margin) <= MARGIN_POINTS_TOLERANCE + 1e-9 else "contradicted"
    word = "is within" if verdict == "supported" else "is not within"
    outcome = Outcome(
        verdict,
        f"a {name} of {fields.value:g}% {word} {MARGIN_POINTS_TOLERANCE:g} points of the {margin:.2f}% computed for "
        f"{period}: {_fact_text(top)} / {_fact_text(revenue)}.",
        ev,
        rule,
    )
    if is_report(claim) and (not fields.period or top.status != "confirmed" or revenue.status != "confirmed"):
        return outcome.not_disproved(
            f"{attribution_clause(claim)} and " + ("the article names no period" if not fields.period else "the figures on record are unconfirmed")
            + ", so the record does not settle the same figure beyond doubt.",
            "a reported or rumoured figure is contradicted only by confirmed figures for the period it names", rule,
        )
    return outcome


_YEAR_AGO = re.compile(r"\ba year earlier\b", re.I)
YEAR_AGO_FRESH_DAYS = 120  # the quarter an article's year-ago figure counts back from was reported this recently


def _year_ago(period: Optional[str]) -> Optional[str]:
    key = period_key(period) or ""
    m = re.fullmatch(r"(Q[1-4]|H[12]|FY) (\d{4})", key)
    return f"{m.group(1)} {int(m.group(2)) - 1}" if m else None


def _with_growth(claim: Claim, data: TickerData, fact: CompanyFact, text: str, pub_day: Optional[dt.date]) -> Outcome:
    """The value matched; the stated growth is checked against the year-ago period's figure."""
    fields = claim.fields
    assert isinstance(fields, FinancialMetricFields) and fields.growth_percent is not None
    rule = RULE + f"; growth against the year-ago period within {GROWTH_POINTS_TOLERANCE:g} percentage points"
    before = _year_ago(fact.period)
    prior = _ratio_facts(data, metric_key(fact.metric), pub_day).get(before or "")
    if prior is None or not prior.amount or prior.approximate:
        why = f"the {before} figure on record is only an estimate" if prior is not None and prior.approximate else (
            f"the data holds no figure for {before or 'the year-ago period'}")
        return Outcome(
            "supported",
            f"{text}; the stated growth of {fields.growth_percent:+g}% is not checked: {why}.",
            [_evidence(data, fact)],
            rule,
        )
    growth = 100 * ((fact.amount or 0) / prior.amount - 1)
    ev = [_evidence(data, fact), _evidence(data, prior)]
    if abs(fields.growth_percent - growth) <= GROWTH_POINTS_TOLERANCE + 1e-9:
        return Outcome("supported", f"{text}; growth of {fields.growth_percent:+g}% matches the {growth:+.1f}% from the {_fact_text(prior)}.", ev, rule)
    return Outcome(
        "contradicted",
        f"the figure matches ({text}), but the stated growth of {fields.growth_percent:+g}% is not within "
        f"{GROWTH_POINTS_TOLERANCE:g} points of the {growth:+.1f}% computed from the {_fact_text(prior)}.",
        ev,
        rule,
    )


# --------------------------------------------------------------------------- fiscal vs calendar periods

MONTH_QUARTER_FRESH_DAYS = 120  # a yearless "December quarter" is the one reported just before publication
_MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"), 1)}
_MONTH_QUARTER = re.compile(
    r"\b(?:(?P<m1>" + "|".join(_MONTHS) + r")[- ]quarter|quarter (?:that )?end(?:ed|ing)? (?:in )?(?P<m2>" + "|".join(_MONTHS)
    + r"))(?:\W+(?P<year>(?:19|20)\d{2}))?\b|\b(?P<holiday>holiday)[- ](?:quarter|season quarter)\b",
    re.IGNORECASE,
)


def _month_quarter(period: Optional[str], facts: list[CompanyFact], pub_day: Optional[dt.date]) -> list[CompanyFact]:
    """'the December quarter', 'the quarter ended in March 2025', 'the holiday quarter': the quarter ending that month.

    Companies with an odd fiscal year name quarters this way (Apple's December quarter is its fiscal Q1);
    the holiday quarter is the one ending in December (or January, for retailers whose year ends then).
    With no year named, the latest such quarter on record is used, and only when it ended in the
    MONTH_QUARTER_FRESH_DAYS before publication: an older one means this year's is not filed yet.
    """
    m = _MONTH_QUARTER.search(period or "")
    if not m:
        return []
    months = {12, 1} if m.group("holiday") else {_MONTHS[(m.group("m1") or m.group("m2")).lower()]}
    year = int(m.group("year")) if m.group("year") else None
    quarters = [
        f for f in facts
        if f.period_start and f.period_end and 80 <= (f.period_end - f.period_start).days + 1 <= 100
        and f.period_end.month in months and (year is None or f.period_end.year == year)
    ]
    if not quarters:
        return []
    newest = max(f.period_end for f in quarters)
    if year is None and (pub_day is None or (pub_day - newest).days > MONTH_QUARTER_FRESH_DAYS):
        return []
    quarters = [f for f in quarters if f.period_end == newest]
    latest = max(f.date for f in quarters)
    return [f for f in quarters if f.date == latest]


REPORT_LAG_DAYS = (10, 60)  # a quarter's results come out this many days after it ends


def _month_quarter_by_report(period: Optional[str], facts: list[CompanyFact], pub_day: Optional[dt.date]) -> list[CompanyFact]:
    """'the March quarter' against facts with a quarter label but no quarter dates: the quarters whose report date
    falls REPORT_LAG_DAYS after the end of the named month (Apple's fiscal Q2, reported April 30, ended in March).
    With no year named, only the latest such quarter, reported in the MONTH_QUARTER_FRESH_DAYS before publication.
    The placement is a reading, not a record: the caller only ever supports with it."""
    m = _MONTH_QUARTER.search(period or "")
    if not m:
        return []
    months = {12, 1} if m.group("holiday") else {_MONTHS[(m.group("m1") or m.group("m2")).lower()]}
    year = int(m.group("year")) if m.group("year") else None

    def ends(fact: CompanyFact) -> list[dt.date]:
        out = []
        for back in range(0, 4):
            first = dt.date(fact.date.year, fact.date.month, 1)
            for _ in range(back):
                first = (first - dt.timedelta(days=1)).replace(day=1)
            end = first - dt.timedelta(days=1)  # the last day of the month ``back + 1`` months before the report
            if REPORT_LAG_DAYS[0] <= (fact.date - end).days <= REPORT_LAG_DAYS[1]:
                out.append(end)
        return out

    quarters = [
        (f, end) for f in facts
        if not f.period_end and re.fullmatch(r"Q[1-4] \d{4}", period_key(f.period) or "") and (pub_day is None or f.date <= pub_day)
        for end in ends(f) if end.month in months and (year is None or end.year == year)
    ]
    if not quarters:
        return []
    latest = max(f.date for f, _ in quarters)
    if year is None and (pub_day is None or (pub_day - latest).days > MONTH_QUARTER_FRESH_DAYS):
        return []
    chosen = [f for f, _ in quarters if f.date == latest]
    newest = max(_period_year(f.period) for f in chosen)
    return [f for f in chosen if _period_year(f.period) == newest]


def calendar_key(fact: CompanyFact) -> Optional[str]:
    """The calendar period a fact covers ('Q4 2025' for Apple's fiscal Q1 2026), from its dates."""
    if not fact.period_end or not fact.period_start:
        return None
    days = (fact.period_end - fact.period_start).days + 1
    mid = fact.period_start + (fact.period_end - fact.period_start) / 2
    if 80 <= days <= 100:
        return f"Q{(mid.month - 1) // 3 + 1} {mid.year}"
    if 350 <= days <= 380:
        return f"FY {mid.year}"
    return None


def _calendar_reading(
    claim: Claim, data: TickerData, facts: list[CompanyFact], wanted: str, value: float
) -> Optional[Outcome]:
    """A company with a non-calendar fiscal year: 'Q4 2025' may mean the calendar quarter.

    Supported when the figure of the calendar period matches (the reason names the fiscal label);
    never a contradiction on its own.
    """
    tol, _, unit = value_tolerance(claim)
    for fact in facts:
        key = calendar_key(fact)
        if key != wanted or period_key(fact.period) == wanted or not within(value, fact.amount or 0, tol, unit):
            continue
        fields = claim.fields
        assert isinstance(fields, FinancialMetricFields)
        name = fields.metric.replace("_", " ")
        return Outcome(
            "supported",
            f"{name} of {_fmt(value, metric_key(fields.metric), fields.currency)} for {fields.period}, read as the calendar "
            f"period {fact.period_start} to {fact.period_end} (the company's fiscal {fact.period}), is within "
            f"{tolerance_text(tol)} of the {_fact_text(fact)}.",
            [_evidence(data, fact)],
            RULE + "; a period named by the calendar is matched to the fiscal period covering it",
        )
    return None
