"""workforce and deal: job cuts, hiring and deals, checked against the data's dated company facts.

Workforce
- A cumulative figure ("30,000 over the past four months") is compared with the SUM of the cuts
  (or hires) dated in that period; a single figure with a fact dated in its window: the named date
  (+-1 day), the stated period, or else the 14 days before publication. Tolerance: 10% when the
  article hedges ("about", "some") or the facts themselves are approximate, 1% for an exact figure;
  the reason says which.
- A cut larger than the whole workforce in the profile is contradicted outright (one within 10% of it reads
  as the company's size and is unverifiable); a headcount is compared with the profile's employee count.
- A figure the article passes on from a report or rumour is contradicted only by a denial (the
  records may be another announcement or stage than the one reported); a maximum ("as many as
  30,000") is not contradicted by a smaller figure; a count written rounded ("16k") agrees with a
  record that rounds to it.
- A running total with no named start ("30,000 so far") is compared with the sums of the latest records;
  when none matches, it is unverifiable, never contradicted.
- A figure the article gives as a report or rumour, when the data holds only announced figures, a
  ceiling ("as many as 30,000") above every recorded figure, and an undated figure of an earlier round
  are unverifiable, never contradicted.
- No fact in the window: unverifiable, with the article's own attribution kept in the reason (and a
  matching fact outside the window named). Facts dated after publication are not used. When the
  source supplies no company facts at all and says so in ``missing`` (yfinance does), the part that
  could settle the claim is absent: no_data, with the source's note and the attribution.

Deal
- Matched on counterparty, amount (1%, or half the last written digit of a rounded amount; "up to"
  in the claim also accepts a firm amount) and time; a ceiling is not contradicted by a smaller
  amount, and a reported or rumoured deal only by a denial.
- A claim the article presents as reported or rumoured, or as talks/a proposal, is checked as a
  report: supported when a fact with status reported/rumored (or confirmed) of that amount and
  counterparty exists, and the reason says it is reported and unconfirmed.
- A deal the article states as done (completed/agreed/announced) when the data holds only reports
  is unverifiable, explained; a "denied" fact, another amount for the same counterparty, or a firm
  amount where the source gives only a ceiling ("up to") is contradicted.
"""

from __future__ import annotations

import datetime as dt
from verifier import recache as re
from typing import Optional

from ..market.base import CompanyFact, TickerData
from ..schemas import Claim, DealFields, Evidence, WorkforceFields
from . import CheckContext, Outcome, register
from .common import (
    APPROXIMATE_TOLERANCE,
    DATE_SLACK_DAYS,
    EXACT_TOLERANCE,
    FACT_LOOKBACK_DAYS,
    attribution_clause,
    count,
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
    window_text,
    within,
    without_facts,
)

_WORKFORCE_ACTIONS = {
    "cut": "cut", "cuts": "cut", "layoff": "cut", "layoffs": "cut", "job cuts": "cut", "reduction": "cut",
    "eliminate": "cut", "eliminated": "cut", "hire": "hire", "hiring": "hire", "hires": "hire",
    "headcount": "headcount", "employees": "headcount",
}
_REPORT_STATUSES = ("reported", "rumored")


def _fact_evidence(data: TickerData, fact: CompanyFact, role: str) -> Evidence:
    value: Optional[float | str] = fact.count if fact.count is not None else fact.amount
    status = "" if fact.status == "confirmed" else f" [{fact.status}]"
    return evidence(
        data,
        fact.provenance,
        f"{role}: {fact.description or fact.kind}{status}",
        value=value,
        date=fact.date,
        citation=fact.citation,
    )


def _cites(fact: CompanyFact) -> str:
    return f" ({fact.citation})" if fact.citation else ""


def _usable(facts: list[CompanyFact], pub_day: Optional[dt.date]) -> list[CompanyFact]:
    """Facts known by publication: dated no later than the publication day (+1 day of slack)."""
    if pub_day is None:
        return facts
    limit = pub_day + dt.timedelta(days=DATE_SLACK_DAYS)
    return [f for f in facts if f.date <= limit]


# --------------------------------------------------------------------------- workforce


def _workforce_window(fields: WorkforceFields, pub_day: Optional[dt.date], facts: list[CompanyFact]) -> tuple[Optional[dt.date], Optional[dt.date], str]:
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    if fields.period_start or fields.period_end:
        start = fields.period_start or (min(f.date for f in facts) if facts else None)
        end = fields.period_end or pub_day or (max(f.date for f in facts) if facts else None)
        return start, end, "the period the article states"
    if fields.date:
        return fields.date - slack, fields.date + slack, f"the date the article names, {fields.date}, \u00b1{DATE_SLACK_DAYS} day"
    if fields.cumulative:
        if not facts:
            return None, None, ""
        return min(f.date for f in facts), pub_day or max(f.date for f in facts), "all facts on record, as the article states no period"
    if pub_day:
        return pub_day - dt.timedelta(days=FACT_LOOKBACK_DAYS), pub_day, f"the {FACT_LOOKBACK_DAYS} days before publication, as the article names no date"
    return None, None, ""


def _tolerance(claim: Claim, facts: list[CompanyFact]) -> tuple[float, str, float]:
    """(tolerance, its text, unit) for ``within``: 10% hedged (or approximate records), else 1%, or for a
    count written rounded ("16k", "1.5 million") half its last written digit when that is more."""
    fields = claim.fields
    assert isinstance(fields, WorkforceFields)
    tol, unit = rounding_tolerance(fields.count, claim.quote, EXACT_TOLERANCE, money_figure=False)
    if fields.approximate:
        return APPROXIMATE_TOLERANCE, f"{tolerance_text(APPROXIMATE_TOLERANCE)} (a hedged figure)", unit
    if facts and any(f.approximate for f in facts):
        return APPROXIMATE_TOLERANCE, f"{tolerance_text(APPROXIMATE_TOLERANCE)} (the recorded figures are approximate)", unit
    # "16k", "1.5 million": a rounded count agrees with every record that rounds to it; "14,000" is given in full
    return EXACT_TOLERANCE, rounding_text(tol, EXACT_TOLERANCE, count(unit), f"{tolerance_text(EXACT_TOLERANCE)} (an exact figure)"), unit


def _not_settled(claim: Claim, outcome: Outcome, value: float, recorded: list[float], rule: str) -> Outcome:
    """A mismatch a ceiling or a report explains is not a contradiction.

    "As many as 30,000" is a maximum, which a smaller figure on record does not disprove; a figure
    the article passes on from a report or a rumour is contradicted only by a denial, since the
    records may be another announcement (or a later stage) than the one reported.
    """
    if outcome.verdict != "contradicted":
        return outcome
    if is_ceiling(claim.quote, value) and any(abs(r) < abs(value) for r in recorded):
        return outcome.not_disproved(
            "but the article gives its figure as a maximum (\"as many as\", \"up to\"), which a smaller figure on record does not disprove.",
            "a ceiling is not contradicted by a smaller figure", rule,
        )
    if is_report(claim):
        return outcome.not_disproved(
            f"but {attribution_clause(claim)}, and a report is contradicted only by a denial of it: the records may be "
            "another announcement, or a later stage, than the one reported.",
            "a reported or rumoured figure is contradicted only by a denial", rule,
        )
    return outcome


def _headcount(claim: Claim, fields: WorkforceFields, data: TickerData) -> Outcome:
    profile = data.profile
    rule = "headcount against the profile's employee count (10% hedged, 1% exact)"
    if fields.cumulative:
        # "about 20,000 roles in total": a running total (of cuts, most likely) is not the size of the workforce
        return Outcome(
            "unverifiable",
            f"{count(fields.count)} is given as a running total, not as the company's headcount, so it is not compared "
            f"with the employee count; {attribution_clause(claim)}.",
            rule=rule,
        )
    if profile is None or not profile.employees:
        return Outcome("unverifiable", f"the data holds no employee count for {data.ticker}; {attribution_clause(claim)}.", rule=rule)
    tol, tol_text, unit = _tolerance(claim, [])
    as_of = f" as of {profile.employees_as_of}" if profile.employees_as_of else ""
    ev = [evidence(data, profile.provenance, f"employees{as_of} (company profile)", value=profile.employees, date=profile.employees_as_of)]
    verdict = "supported" if within(fields.count, profile.employees, tol, unit) else "contradicted"
    word = "is within" if verdict == "supported" else "is not within"
    outcome = Outcome(
        verdict,
        f"a headcount of {count(fields.count)} {word} {tol_text} of the {count(profile.employees)} employees on record{as_of}.",
        ev,
        rule,
    )
    return _not_settled(claim, outcome, fields.count, [profile.employees], rule)


@register("workforce")
def check_workforce(claim: Claim, ctx: CheckContext) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, WorkforceFields)
    data = ctx.data
    assert data is not None
    what = {"cut": "job cuts", "hire": "hires", "headcount": "headcount"}[fields.action]
    figure = f"{'about ' if fields.approximate else ''}{count(fields.count)} {what}"
    rule = (
        f"{'sum of' if fields.cumulative else 'a'} dated workforce fact{'s' if fields.cumulative else ''} in the window; "
        f"{tolerance_text(APPROXIMATE_TOLERANCE)} hedged / {tolerance_text(EXACT_TOLERANCE)} exact"
    )
    if fields.action == "headcount":
        return _headcount(claim, fields, data)

    profile = data.profile
    if fields.action == "cut" and profile and profile.employees and fields.count > profile.employees:
        as_of = f" as of {profile.employees_as_of}" if profile.employees_as_of else ""
        if fields.count <= profile.employees * (1 + APPROXIMATE_TOLERANCE):
            # "a company of roughly 1.58 million people can trim its offices": a figure about the size of the
            # whole workforce is the company's size read as a cut, not an impossible cut
            return Outcome(
                "unverifiable",
                f"{figure} is about the whole workforce of {count(profile.employees)} employees{as_of}: the figure reads "
                f"as the company's size, not as a cut, so it is not compared as one.",
                [evidence(data, profile.provenance, f"employees{as_of} (company profile)", value=profile.employees, date=profile.employees_as_of)],
                "a cut cannot exceed the headcount; a figure within the hedged tolerance of the headcount is not read as a cut",
            )
        return Outcome(
            "contradicted",
            f"{figure} is more than the whole workforce of {count(profile.employees)} employees{as_of}.",
            [evidence(data, profile.provenance, f"employees{as_of} (company profile)", value=profile.employees, date=profile.employees_as_of)],
            "a cut cannot exceed the headcount",
        )

    if (lacking := without_facts(data, "workforce", "company facts", f"{figure} cannot be checked; {attribution_clause(claim)}", rule)) is not None:
        return lacking
    pub_day = publication_day(ctx.published_at, data)
    facts = sorted(
        (f for f in data.facts if f.kind == "workforce" and _WORKFORCE_ACTIONS.get(norm(f.action) or "cut", norm(f.action)) == fields.action and f.count),
        key=lambda f: f.date,
    )
    facts = _usable(facts, pub_day)
    start, end, how = _workforce_window(fields, pub_day, facts)
    if start is None or end is None:
        if not facts:
            return Outcome("unverifiable", f"the data holds no dated {what} for {data.ticker}; {attribution_clause(claim)}.", rule=rule)
        return Outcome(
            "unverifiable",
            f"the article names no date or period for {figure} and has no publication time, so no window can be searched (pass --published).",
            rule=rule,
        )
    where = f"{window_text(start, end)} ({how})"
    in_window = [f for f in facts if start <= f.date <= end]
    denied = [f for f in in_window if f.status == "denied"]
    live = [f for f in in_window if f.status != "denied"]

    if not live and fields.action == "cut":
        filed = _filed_announcement(data, "workforce", start, end, pub_day)
        if filed is not None:
            return Outcome(
                "supported",
                f"the company announced exit or restructuring costs in a filing {where}: {filed.description}; "
                f"the filing's structured data holds no head count, so the figure of {figure} itself is not checked.",
                [_fact_evidence(data, filed, "filing")],
                rule + "; an 8-K item 2.05 in the window supports that a cut was announced",
            )
    if not live:
        if denied and any(within(fields.count, f.count or 0, APPROXIMATE_TOLERANCE) for f in denied):
            fact = denied[0]
            return Outcome(
                "contradicted",
                f"{figure}: the company denied it on {fact.date}{_cites(fact)}: {fact.description}.",
                [_fact_evidence(data, fact, "denial")],
                rule,
            )
        elsewhere = [f for f in facts if within(fields.count, f.count or 0, APPROXIMATE_TOLERANCE)]
        hint = f"; a matching figure dates from {elsewhere[-1].date}{_cites(elsewhere[-1])}, outside the window" if elsewhere else ""
        return Outcome(
            "unverifiable",
            f"the data holds no {what} {where} to compare {figure} with{hint}; {attribution_clause(claim)}.",
            [_fact_evidence(data, f, "fact outside the window") for f in elsewhere[-1:]],
            rule,
        )

    unconfirmed = [f for f in live if f.status in _REPORT_STATUSES]
    if fields.cumulative:
        total = sum(f.count or 0 for f in live)
        tol, tol_text, unit = _tolerance(claim, live)
        parts = " + ".join(f"{count(f.count or 0)} on {f.date}{_cites(f)}" for f in live)
        ev = [_fact_evidence(data, f, "fact in the period") for f in live]
        if within(fields.count, total, tol, unit):
            return _confirmed_or_reported(
                claim,
                f"{figure} is within {tol_text} of the {count(total)} recorded {where}: {parts}",
                unconfirmed,
                ev,
                rule,
            )
        if not (fields.period_start or fields.period_end or fields.date):
            # "30,000 so far": a running total whose start the article does not name; the latest records that add
            # up to it are the ones meant, and when none do, an unnamed start cannot be disproved
            for k in range(len(live) - 1, 0, -1):
                recent = live[-k:]
                if within(fields.count, sum(f.count or 0 for f in recent), tol):
                    since = " + ".join(f"{count(f.count or 0)} on {f.date}{_cites(f)}" for f in recent)
                    return _confirmed_or_reported(
                        claim,
                        f"{figure} is within {tol_text} of the {count(sum(f.count or 0 for f in recent))} recorded since "
                        f"{recent[0].date}: {since} (the article names no start for the running total)",
                        [f for f in recent if f.status in _REPORT_STATUSES],
                        [_fact_evidence(data, f, "fact") for f in recent],
                        rule,
                    )
            return Outcome(
                "unverifiable",
                f"{figure} is not within {tol_text} of the {count(total)} recorded in all ({parts}) nor of a sum of the latest "
                f"records, and the article names no start for the running total, so it cannot be disproved; "
                f"{attribution_clause(claim)}.",
                ev,
                rule + "; a running total with no named start is never contradicted",
            )
        partial = _partial_period(fields, facts, start, end, tol)
        if partial:
            return uncovered(
                f"{figure} is not within {tol_text} of the {count(total)} recorded {where} ({parts}), but {partial}, "
                f"so the sum cannot disprove it; {attribution_clause(claim)}.",
                rule + "; a total over a period the data may not fully cover is never contradicted",
                ev,
            )
        unsettled = _not_disproved(claim, fields, live)
        if unsettled:
            return Outcome(
                "unverifiable",
                f"{figure} is not within {tol_text} of the {count(total)} recorded {where} ({parts}), but {unsettled}; "
                f"{attribution_clause(claim)}.",
                ev,
                rule + "; an earlier round is not held to the recent records",
            )
        return _not_settled(claim, Outcome(
            "contradicted",
            f"{figure} is not within {tol_text} of the {count(total)} recorded {where}: {parts}.",
            ev,
            rule,
        ), fields.count, [total], rule)

    for fact in reversed(live):  # latest first
        tol, tol_text, unit = _tolerance(claim, [fact])
        if within(fields.count, fact.count or 0, tol, unit):
            return _confirmed_or_reported(
                claim,
                f"{figure} is within {tol_text} of the {count(fact.count or 0)} recorded on {fact.date}{_cites(fact)}: {fact.description}",
                [fact] if fact.status in _REPORT_STATUSES else [],
                [_fact_evidence(data, fact, "fact")],
                rule,
            )
    tol, tol_text, unit = _tolerance(claim, live)
    total = sum(f.count or 0 for f in live)
    if len(live) > 1 and within(fields.count, total, tol, unit):
        parts = " + ".join(f"{count(f.count or 0)} on {f.date}" for f in live)
        return _confirmed_or_reported(
            claim,
            f"{figure} is within {tol_text} of the {count(total)} recorded {where} together ({parts})",
            unconfirmed,
            [_fact_evidence(data, f, "fact") for f in live],
            rule,
        )
    found = "; ".join(f"{count(f.count or 0)} on {f.date}{_cites(f)}" for f in live)
    unsettled = _not_disproved(claim, fields, live)
    if unsettled:
        return Outcome(
            "unverifiable",
            f"{figure} does not match what the data records {where} ({found}), but {unsettled}; {attribution_clause(claim)}.",
            [_fact_evidence(data, f, "fact") for f in live],
            rule + "; an earlier round is not held to the recent records",
        )
    if not (fields.date or fields.period_start or fields.period_end):
        # the window was assumed (no date named): the figure may be another announcement's, or the total so far
        older = [f for f in facts if f not in live and within(fields.count, f.count or 0, APPROXIMATE_TOLERANCE)]
        running = sum(f.count or 0 for f in facts)
        if older or (len(facts) > 1 and within(fields.count, running, APPROXIMATE_TOLERANCE)):
            what_else = (
                f"it matches the {count(older[-1].count or 0)} recorded on {older[-1].date}{_cites(older[-1])}"
                if older else f"it matches the {count(running)} recorded in all"
            )
            return Outcome(
                "unverifiable",
                f"{figure} does not match what the data records {where} ({found}), but the article names no date and "
                f"{what_else}, so the claim may refer to that; {attribution_clause(claim)}.",
                [_fact_evidence(data, f, "fact") for f in (older[-1:] or facts)],
                rule + "; an undated figure matching another record is not contradicted",
            )
    return _not_settled(claim, Outcome(
        "contradicted",
        f"{figure} is not within {tol_text} of what the data records {where}: {found}.",
        [_fact_evidence(data, f, "fact") for f in live],
        rule,
    ), fields.count, [f.count or 0 for f in live] + ([total] if len(live) > 1 else []), rule)


_EARLIER = re.compile(r"\b(?:previous|prior|earlier|former|last (?:large |big |major )?(?:round|wave)|first (?:round|wave)|years? ago)\b", re.I)


def _not_disproved(claim: Claim, fields: WorkforceFields, live: list[CompanyFact]) -> Optional[str]:
    """Why recorded figures that differ from the claim do not disprove it (None when they do).

    An undated figure the article places in an earlier round ("its previous round eliminated 27,000")
    is not held to the recent records of the assumed window. (Reports and ceilings: ``_not_settled``.)
    """
    # a report or a ceiling is settled by _not_settled, which every contradicted count passes through
    if not (fields.date or fields.period_start or fields.period_end) and _EARLIER.search(claim.quote):
        return ("the article names no date and places it in an earlier round than the recent records the "
                "window holds")
    running = _RUNNING_TOTAL.search(claim.quote)
    if running and not fields.cumulative and not (fields.period_start or fields.period_end):
        return (f"its words give a running total ('{running.group(0)}') that was not read as one, so one dated "
                "record need not be the figure it means")
    return None


# a total over a span whose start the fields do not hold: "30,000 jobs have gone since the autumn", "so far"
_RUNNING_TOTAL = re.compile(r"\bsince\b|\bso\s+far\b|\bto\s+date\b|\bin\s+(?:all|total)\b|\baltogether\b", re.I)


PERIOD_EDGE_DAYS = 14  # "over the past four months" names its start only roughly: records this near it may be meant


def _partial_period(
    fields: WorkforceFields, facts: list[CompanyFact], start: dt.date, end: dt.date, tol: float
) -> Optional[str]:
    """Why the recorded facts may not be the claim's whole period (None when they cover it).

    A running total larger than the sum is not disproved when the records begin inside the period
    (the source may hold nothing before its first record) or when a record just outside a roughly
    named start would make the figure match; recorded facts are lower bounds, so a total smaller
    than what is recorded well inside the period stays contradicted.
    """
    inside = [f for f in facts if start <= f.date <= end and f.status != "denied"]
    total = sum(f.count or 0 for f in inside)
    edge = dt.timedelta(days=PERIOD_EDGE_DAYS)
    near = [f for f in facts if start - edge <= f.date < start and f.status != "denied"]
    if near and within(fields.count, total + sum(f.count or 0 for f in near), tol):
        f = near[-1]
        return f"adding the {count(f.count or 0)} recorded on {f.date}{_cites(f)}, just before the period's roughly named start, matches it"
    core = sum(f.count or 0 for f in inside if f.date >= start + edge)
    if fields.count < core * (1 - tol):
        return None  # fewer than the records well inside the period already hold: contradicted
    if fields.count > total and (not facts or facts[0].date >= start):
        first = facts[0].date if facts else None
        return f"the data's records of such figures begin on {first}, inside the period, and may not hold all of it"
    if fields.count > total:
        return None
    return "some of the records lie near the period's roughly named start"


def _confirmed_or_reported(claim: Claim, text: str, unconfirmed: list[CompanyFact], ev: list[Evidence], rule: str) -> Outcome:
    """Supported, unless the article states as fact what the data holds only as a report."""
    if not unconfirmed:
        return Outcome("supported", text + ".", ev, rule)
    sources = ", ".join(sorted({f.citation or f.status for f in unconfirmed}))
    if claim.attribution in ("reported", "rumored"):
        return Outcome("supported", f"{text}; the figure is reported, unconfirmed ({sources}), as the article says.", ev, rule)
    return Outcome(
        "unverifiable",
        f"{text}, but only as unconfirmed reports ({sources}) while {attribution_clause(claim)}.",
        ev,
        rule,
    )


# --------------------------------------------------------------------------- deals


def _same_party(a: Optional[str], b: Optional[str]) -> bool:
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def _deal_text(fact: CompanyFact) -> str:
    amount = money(fact.amount or 0, fact.currency or "USD")
    ceiling = "up to " if fact.up_to else ""
    party = f" with {fact.counterparty}" if fact.counterparty else ""
    return f"{ceiling}{amount}{party} on {fact.date}{_cites(fact)} [{fact.status}]"


@register("deal")
def check_deal(claim: Claim, ctx: CheckContext) -> Outcome:
    fields = claim.fields
    assert isinstance(fields, DealFields)
    data = ctx.data
    assert data is not None
    rule = f"deal fact with the same counterparty and amount within {tolerance_text(EXACT_TOLERANCE)}; reports checked as reports"
    figure = f"{'up to ' if fields.up_to else ''}{money(fields.amount, fields.currency)}"
    party = f" with {fields.counterparty}" if fields.counterparty else ""
    pub_day = publication_day(ctx.published_at, data)
    as_report = claim.attribution in _REPORT_STATUSES or fields.status in ("talks", "proposed", "rumored")
    if (lacking := without_facts(data, "deal", "company facts", f"{figure}{party} cannot be checked; {attribution_clause(claim)}", rule)) is not None:
        return lacking

    deals = sorted((f for f in data.facts if f.kind == "deal" and f.amount), key=lambda f: f.date, reverse=True)
    deals = _usable(deals, pub_day)
    if fields.date or fields.period_start or fields.period_end:
        slack = dt.timedelta(days=DATE_SLACK_DAYS)
        start = (fields.period_start or fields.date or dt.date.min) - slack
        end = (fields.period_end or fields.date or dt.date.max - slack) + slack
        deals = [f for f in deals if start <= f.date <= end]
    elif not fields.counterparty and pub_day:
        deals = [f for f in deals if f.date >= pub_day - dt.timedelta(days=FACT_LOOKBACK_DAYS)]
    if fields.counterparty:
        deals = [f for f in deals if _same_party(fields.counterparty, f.counterparty)]
    if not deals:
        filed = _deal_filing(fields, data, pub_day)
        return Outcome(
            "unverifiable",
            f"the data holds no deal{party} to compare {figure} with; {attribution_clause(claim)}"
            + (f"; {filed.description} (a material agreement, amount and party not in the filing's structured data)" if filed else "")
            + ".",
            [_fact_evidence(data, filed, "filing")] if filed else [],
            rule=rule,
        )

    comparable = [f for f in deals if (f.currency or "USD").upper() == fields.currency]
    if not comparable:
        return Outcome(
            "unverifiable",
            f"the recorded deal{party} is in another currency ({_deal_text(deals[0])}) than the article's {fields.currency}; amounts are not converted.",
            [_fact_evidence(data, deals[0], "deal")],
            rule,
        )
    _, unit = rounding_tolerance(fields.amount, claim.quote, EXACT_TOLERANCE)
    matching = [f for f in comparable if within(fields.amount, f.amount or 0, EXACT_TOLERANCE, unit)]
    if not matching and not fields.counterparty:
        # without a counterparty another deal on record may simply be a different deal
        found = "; ".join(_deal_text(f) for f in comparable)
        return Outcome(
            "unverifiable",
            f"the article names no counterparty for {figure}, and the deals on record have other amounts "
            f"({found}), so they may be different deals; {attribution_clause(claim)}.",
            [_fact_evidence(data, f, "deal") for f in comparable],
            rule,
        )
    undated = not (fields.date or fields.period_start or fields.period_end)
    if not matching and undated and pub_day and all(f.date < pub_day - dt.timedelta(days=FACT_LOOKBACK_DAYS) for f in comparable):
        # an undated amount against an older deal with the same party: it may be a newer deal the data lacks
        found = "; ".join(_deal_text(f) for f in comparable)
        return Outcome(
            "unverifiable",
            f"{figure}{party} does not match the deals on record ({found}), but the article names no date and those "
            f"are more than {FACT_LOOKBACK_DAYS} days older than the article, so it may be a later deal; {attribution_clause(claim)}.",
            [_fact_evidence(data, f, "deal") for f in comparable],
            rule + "; an undated amount is not contradicted by an older deal",
        )
    if not matching:
        found = "; ".join(_deal_text(f) for f in comparable)
        outcome = Outcome(
            "contradicted",
            f"{figure}{party} does not match the amount on record: {found}.",
            [_fact_evidence(data, f, "deal") for f in comparable],
            rule,
        )
        if fields.up_to and any((f.amount or 0) < fields.amount for f in comparable) and not is_ceiling(claim.quote, fields.amount):
            return outcome.not_disproved(
                "but the article gives its amount as a ceiling (\"up to\"), which a smaller amount on record does not disprove.",
                "a ceiling is not contradicted by a smaller amount", rule,
            )
        return _not_settled(claim, outcome, fields.amount, [f.amount or 0 for f in comparable], rule)
    fact = matching[0]
    ev = [_fact_evidence(data, fact, "deal")]
    recorded = _deal_text(fact)
    if fact.status == "denied":
        return Outcome("contradicted", f"{figure}{party} was denied: {recorded}: {fact.description}.", ev, rule)
    if fact.up_to and not fields.up_to:
        return _not_settled(claim, Outcome(
            "contradicted",
            f"the article presents {figure}{party} as a firm amount, but the source gives it only as a ceiling: {recorded}.",
            ev,
            rule + "; a ceiling is not a firm amount",
        ), fields.amount, [], rule)
    if as_report:
        if fact.status in _REPORT_STATUSES:
            return Outcome(
                "supported",
                f"checked as a report: {figure}{party} was reported, unconfirmed: {recorded}: {fact.description}.",
                ev,
                rule,
            )
        return Outcome(
            "supported",
            f"checked as a report: {figure}{party} was reported and is confirmed: {recorded}: {fact.description}.",
            ev,
            rule,
        )
    if fact.status in _REPORT_STATUSES:
        return Outcome(
            "unverifiable",
            f"the article states the deal{party} as {fields.status}, but the data holds only unconfirmed reports of it: {recorded}: {fact.description}.",
            ev,
            rule + "; a report does not confirm a done deal",
        )
    return Outcome("supported", f"{figure}{party} matches the confirmed deal on record: {recorded}: {fact.description}.", ev, rule)


# --------------------------------------------------------------------------- filings without figures


def _filed_announcement(
    data: TickerData, kind: str, start: Optional[dt.date], end: Optional[dt.date], pub_day: Optional[dt.date]
) -> Optional[CompanyFact]:
    """The latest filing-only fact (an 8-K item, no count or amount) of ``kind`` dated in [start, end]."""
    if start is None or end is None:
        return None
    filed = [
        f for f in _usable([f for f in data.facts if f.kind == kind and f.count is None and not f.amount], pub_day)
        if start <= f.date <= end and f.status == "confirmed" and (f.citation or "").startswith("SEC EDGAR")
    ]
    return max(filed, key=lambda f: f.date) if filed else None


def _deal_filing(fields: DealFields, data: TickerData, pub_day: Optional[dt.date]) -> Optional[CompanyFact]:
    """An 8-K item 1.01 near the deal's date (or in the days before publication): evidence, never a verdict."""
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    if fields.date or fields.period_start or fields.period_end:
        start = (fields.period_start or fields.date) or dt.date.min + slack
        end = (fields.period_end or fields.date) or (pub_day or dt.date.max - slack)
        return _filed_announcement(data, "deal", start - slack, end + slack, pub_day)
    if pub_day is None:
        return None
    return _filed_announcement(data, "deal", pub_day - dt.timedelta(days=FACT_LOOKBACK_DAYS), pub_day + slack, pub_day)
