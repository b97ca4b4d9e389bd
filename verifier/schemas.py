"""The contract: claim kinds, flags, verdicts, evidence and the report (JSON schema_version 1).

Field descriptions are the vocabulary the LLM engine reads; validators hold the business rules
(a price is positive, offsets match the quote). Both extraction engines fill these same models.

Adding a claim kind: a ``*Fields`` model here (its ``kind`` literal added to ``ClaimKind`` and
the model to ``ClaimFields``, both kept literal for type checkers), then its ``KindSpec`` in
verifier/kinds.py; the README's "Adding a claim kind" lists the rest.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal, Optional, Union, get_args

from pydantic import BaseModel, ConfigDict, Field, computed_field, field_validator, model_validator

SCHEMA_VERSION = 1

ClaimKind = Literal[
    "stock_price",
    "price_change",
    "analyst_rating",
    "workforce",
    "deal",
    "scheduled_event",
    "financial_metric",
]
CLAIM_KINDS: tuple[str, ...] = ClaimKind.__args__  # type: ignore[attr-defined]

Attribution = Literal["stated", "reported", "rumored", "forecast", "opinion"]
ATTRIBUTIONS: tuple[str, ...] = Attribution.__args__  # type: ignore[attr-defined]

VerdictName = Literal["supported", "contradicted", "unverifiable", "no_data"]
VERDICTS: tuple[str, ...] = VerdictName.__args__  # type: ignore[attr-defined]

Technique = Literal[
    "buy_sell_question",
    "urgency",
    "call_to_action",
    "free_offer",
    "advertisement",
    "unsupported_assertion",
    "vague_attribution",
    "exaggeration",
    "promissory",
    "social_proof",
    "unbalanced",
]
TECHNIQUES: tuple[str, ...] = Technique.__args__  # type: ignore[attr-defined]

Severity = Literal["low", "medium", "high"]
Risk = Literal["low", "medium", "high"]

Currency = Annotated[
    str,
    Field(
        pattern=r"^[A-Z]{3}$",
        description="ISO 4217 currency code of the amount, e.g. USD, EUR. '$' means USD, '€' EUR.",
    ),
]


def _empty_list() -> list:
    """The list fields' ``default_factory``: a new empty list, as ``list`` gives. A Python function, because
    pydantic reads the factory's signature, and ``inspect.signature(list)`` tokenizes the builtin's text
    signature (~3 ms of every process for the 13 list fields here and in verifier/market/base.py)."""
    return []


class _Strict(BaseModel):
    model_config = ConfigDict(extra="ignore", populate_by_name=True)


# --------------------------------------------------------------------------- claim fields


class StockPriceFields(_Strict):
    """A share price the article states, e.g. 'closed at $241.73', 'a slight decline to $241.73'."""

    kind: Literal["stock_price"] = "stock_price"
    price: float = Field(gt=0, description="The share price as written, in currency units (241.73 for '$241.73').")
    currency: Currency = "USD"
    date: Optional[dt.date] = Field(
        None, description="The trading day the price refers to, if the article names one (ISO date)."
    )
    direction: Optional[Literal["up", "down", "unchanged"]] = Field(
        None,
        description="Movement the article attaches to the price: 'rose to'/'climbed to' = up, "
        "'fell to'/'decline to' = down, 'unchanged' = unchanged; null if none stated.",
    )
    basis: Literal["close", "open", "high", "low", "intraday", "unspecified"] = Field(
        "unspecified",
        description="Which price is meant: 'closed at' = close, 'opened at' = open, 'high of' = high, "
        "'low of' = low, 'trading at'/'currently' = intraday, otherwise unspecified.",
    )
    window: Optional[Literal["52_week", "all_time"]] = Field(
        None,
        description="The span a high or low is the extreme of, when it is longer than one session: '52-week high' "
        "= 52_week, 'all-time high'/'record high' = all_time (basis high or low); null for a session's price.",
    )
    time: Optional[dt.time] = Field(
        None,
        description="Clock time of the price on the exchange's clock (New York for US listings), when the article "
        "states one: a live-blog entry '10:42 ET - shares at $X', 'as of 11:30 a.m. ET'; null otherwise.",
    )
    time_reference: Optional[str] = Field(
        None,
        description="A day the article gives only relative to an event ('the day after earnings', 'on the following "
        "day') and that was not resolved to a date; the check then cannot choose a session.",
    )


class PriceChangeFields(_Strict):
    """A percentage move of the share price, e.g. 'slipped 0.7%', 'jumped 12% on Tuesday'."""

    kind: Literal["price_change"] = "price_change"
    percent: float = Field(
        description="Signed percent change as written: 'slipped 0.7%' = -0.7, 'rose 3%' = 3.0."
    )
    date: Optional[dt.date] = Field(None, description="The trading day of the move, if named (ISO date).")
    period: Literal["day", "week", "month", "year", "ytd", "unspecified"] = Field(
        "unspecified", description="The span of the move: day (a session), week, month, year, ytd."
    )
    period_start: Optional[dt.date] = Field(
        None,
        description="First day of a span that is none of the above, when the article names one ('since October', "
        "'over the past four months'); the move is then measured from the close before it.",
    )
    time: Optional[dt.time] = Field(
        None,
        description="Clock time of the move on the exchange's clock (New York for US listings), when the article "
        "states one ('10:42 ET - shares down 3%'): the move up to that minute of the session; null otherwise.",
    )
    time_reference: Optional[str] = Field(
        None,
        description="A day the article gives only relative to an event ('the day after earnings', 'on the following "
        "day') and that was not resolved to a date; the check then cannot choose a session.",
    )


AnalystAction = Literal[
    "upgrade", "downgrade", "initiate", "maintain", "raise_target", "lower_target", "reiterate"
]


class AnalystRatingFields(_Strict):
    """An analyst firm's rating or price target, e.g. 'Roth Capital raised its price target to $295 from $270'."""

    kind: Literal["analyst_rating"] = "analyst_rating"
    firm: str = Field(min_length=1, description="The analyst firm (bank, broker, research house) as named.")
    firm_as_written: Optional[str] = Field(
        None,
        description="The firm's name exactly as the article writes it, when that differs from `firm` (the "
        "canonical name the checks use): 'SunTrust Robinson Humphrey' for firm 'Truist Securities', 'JPM' for "
        "'JPMorgan'; null when the article uses the canonical name.",
    )
    price_target: Optional[float] = Field(None, gt=0, description="The new price target in currency units.")
    previous_price_target: Optional[float] = Field(
        None, gt=0, description="The prior price target, when the article states it ('from $270')."
    )
    rating: Optional[str] = Field(None, description="The rating after the action, e.g. Buy, Outperform, Neutral.")
    previous_rating: Optional[str] = Field(None, description="The rating before the action, if stated.")
    action: Optional[AnalystAction] = Field(
        None,
        description="upgrade/downgrade (rating changed), initiate (coverage started), maintain/reiterate "
        "(rating kept), raise_target/lower_target (target moved, rating kept or not stated).",
    )
    currency: Currency = "USD"
    date: Optional[dt.date] = Field(None, description="The day of the action, if named.")
    window_start: Optional[dt.date] = Field(
        None, description="Start of the stated time window, e.g. the Monday for 'this week'."
    )
    window_end: Optional[dt.date] = Field(None, description="End of the stated time window.")


class WorkforceFields(_Strict):
    """Job cuts, hiring or headcount, e.g. 'approximately 30,000 roles', 'some 16,000 jobs'."""

    kind: Literal["workforce"] = "workforce"
    count: int = Field(gt=0, description="The number of people or roles, in units (16000 for '16k').")
    approximate: bool = Field(
        False, description="True when hedged: about, around, approximately, some, roughly, nearly."
    )
    action: Literal["cut", "hire", "headcount"] = Field(
        "cut", description="cut = layoffs/job cuts/role reductions, hire = hiring, headcount = total staff."
    )
    cumulative: bool = Field(
        False, description="True when the figure is a total over a period ('30,000 over the past four months')."
    )
    date: Optional[dt.date] = Field(None, description="The day of the announcement, if named.")
    period_start: Optional[dt.date] = Field(None, description="Start of the period the figure covers.")
    period_end: Optional[dt.date] = Field(None, description="End of the period the figure covers.")


class DealFields(_Strict):
    """An investment, acquisition or contract, e.g. 'in talks to invest up to $50 billion in OpenAI'."""

    kind: Literal["deal"] = "deal"
    amount: float = Field(gt=0, description="Amount in currency units: '$50 billion' = 50000000000.")
    currency: Currency = "USD"
    counterparty: Optional[str] = Field(None, description="The other party (target, investee, partner).")
    deal_type: Literal["investment", "acquisition", "contract", "buyback", "financing", "other"] = Field(
        "other", description="What kind of deal."
    )
    status: Literal["completed", "announced", "agreed", "talks", "proposed", "rumored"] = Field(
        "announced", description="How far the deal is: completed, announced, agreed, talks, proposed, rumored."
    )
    up_to: bool = Field(False, description="True for a ceiling: 'up to $50 billion'.")
    date: Optional[dt.date] = Field(None, description="The day named for the deal, if any.")
    period_start: Optional[dt.date] = None
    period_end: Optional[dt.date] = None


class ScheduledEventFields(_Strict):
    """A dated corporate event, e.g. 'quarterly earnings on February 5, 2026'."""

    kind: Literal["scheduled_event"] = "scheduled_event"
    event: Literal["earnings", "dividend", "shareholder_meeting", "investor_day", "product_launch", "other"] = Field(
        description="The event: earnings (results, quarterly figures), dividend, shareholder_meeting, ..."
    )
    date: dt.date = Field(description="The event day (ISO date), resolved against the publication time.")
    description: Optional[str] = Field(None, description="The event as worded, e.g. 'fourth-quarter results'.")


class FinancialMetricFields(_Strict):
    """A reported or forecast figure, e.g. 'revenue of $187.8 billion', 'EPS of $1.86'."""

    kind: Literal["financial_metric"] = "financial_metric"
    metric: Literal[
        "revenue", "eps", "net_income", "operating_income", "guidance_revenue", "market_cap",
        "gross_margin", "operating_margin", "net_margin", "other",
    ] = Field(
        description="Which figure: revenue (sales), eps (earnings per share), net_income, operating_income, "
        "guidance_revenue (a forecast of revenue), market_cap, gross_margin / operating_margin / net_margin "
        "(a margin in percent of revenue), other."
    )
    value: float = Field(
        description="The value in currency units (1.86 for EPS of $1.86; 187800000000 for $187.8 billion); "
        "for a margin, percent (11.2 for an operating margin of 11.2%)."
    )
    currency: Currency = "USD"
    period: Optional[str] = Field(None, description="Fiscal period as written, e.g. 'Q4 2025', 'fiscal 2025'.")
    growth_percent: Optional[float] = Field(
        None,
        description="The change against the year-ago period the article states with the figure, in percent: "
        "'revenue rose 13% to $180.2 billion' = 13.0, 'fell 2%' = -2.0; null when none is stated.",
    )


ClaimFields = Annotated[
    Union[
        StockPriceFields,
        PriceChangeFields,
        AnalystRatingFields,
        WorkforceFields,
        DealFields,
        ScheduledEventFields,
        FinancialMetricFields,
    ],
    Field(discriminator="kind"),
]

# read off the union, so the models are listed once (tests/test_kinds.py holds both to the registry)
FIELDS_BY_KIND: dict[str, type[BaseModel]] = {
    m.model_fields["kind"].default: m  # type: ignore[misc]
    for m in get_args(get_args(ClaimFields)[0])
}

# --------------------------------------------------------------------------- claims


class ClaimDraft(_Strict):
    """A claim as an extractor reads it, before the tool grounds it in the text."""

    quote: str = Field(
        min_length=1,
        description="The exact words of the article that make the claim, copied character for character "
        "(a short sentence or clause, containing every number in fields).",
    )
    company: Optional[str] = Field(None, description="The company the claim is about, as named in the article.")
    ticker: Optional[str] = Field(None, description="Its stock ticker if known, e.g. AMZN.")
    attribution: Attribution = Field(
        "stated",
        description="Who stands behind it: stated (the article asserts it), reported ('according to Reuters', "
        "'market reports suggest'), rumored ('people familiar with', 'rumors'), forecast (expects, "
        "could reach, a target), opinion (the author's or someone's view).",
    )
    attributed_to: Optional[str] = Field(
        None, description="The named source for a reported/rumored/opinion claim, e.g. 'Reuters'."
    )
    fields: ClaimFields

    @computed_field  # type: ignore[prop-decorator]
    @property
    def kind(self) -> ClaimKind:
        return self.fields.kind  # type: ignore[return-value]

    @field_validator("ticker")
    @classmethod
    def _upper_ticker(cls, v: Optional[str]) -> Optional[str]:
        return v.strip().upper() if v else None


class Claim(ClaimDraft):
    """A grounded claim: ``start``/``end`` are offsets into the document text, set by the tool."""

    id: str = Field(description="Stable id within the report, e.g. c1.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _span(self) -> "Claim":
        if self.end - self.start != len(self.quote):
            raise ValueError("end - start must equal the quote's length")
        return self


class Evidence(_Strict):
    """One piece of data a verdict rests on: which source, when it was retrieved, what it said."""

    source: str = Field(description="Where the data came from, e.g. 'snapshot: Stooq daily data'.")
    retrieved_at: Optional[dt.datetime] = None
    detail: str = Field(description="What was looked at, e.g. 'close of 2026-01-29 (XNAS session)'.")
    value: Optional[Union[float, str]] = None
    date: Optional[dt.date] = None
    citation: Optional[str] = Field(None, description="A citation for a company fact, e.g. 'company memo'.")
    url: Optional[str] = Field(None, description="Where a reader can see the data: the filing on sec.gov, the quote page.")


class PricePoint(_Strict):
    """One session's close (and range), carried by price claims so a report can draw the prices around publication."""

    date: dt.date
    close: float
    high: Optional[float] = None
    low: Optional[float] = None


class CheckedClaim(Claim):
    """A claim with its verdict; the verdict comes from deterministic code, never from the LLM."""

    verdict: VerdictName = "no_data"
    reason: str = ""
    rule: Optional[str] = Field(None, description="The rule and tolerance applied, e.g. 'close within 0.5%'.")
    evidence: list[Evidence] = Field(default_factory=_empty_list)
    series: Optional[list[PricePoint]] = Field(
        None, description="Daily closes (as traded) around publication, for price claims; drawn as a chart."
    )


# --------------------------------------------------------------------------- flags


class FlagDraft(_Strict):
    """A promotional device as an extractor reads it."""

    quote: str = Field(min_length=1, description="The exact words of the device, copied from the article.")
    technique: Technique = Field(
        description="buy_sell_question ('Should investors sell immediately?'), urgency ('act now'), "
        "call_to_action ('Read more here'), free_offer ('free analysis'), advertisement ('Ad', 'Sponsored'), "
        "unsupported_assertion ('the numbers speak for themselves'), vague_attribution ('market experts say'), "
        "exaggeration ('skyrocket'), promissory ('will double', 'guaranteed'), social_proof "
        "('everyone is buying'), unbalanced (only upside, no risk)."
    )
    explanation: str = Field("", description="One sentence on why this misleads a reader.")


class Flag(FlagDraft):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    severity: Severity = "medium"
    rule: Optional[str] = Field(None, description="Regulatory reference, e.g. 'FINRA Rule 2210(d)(1)(B)'.")


# --------------------------------------------------------------------------- report


class Document(_Strict):
    source: str = Field(description="Path, '-' for stdin, or an id given by the caller.")
    sha256: str
    published_at: Optional[dt.datetime] = Field(None, description="Publication time with its UTC offset.")
    published_at_source: Optional[str] = Field(
        None, description="How the publication time was found: 'header', 'flag', 'caller' or null."
    )
    published_at_precision: Optional[Literal["date", "time"]] = Field(
        None,
        description="'time' when a clock time was given, 'date' when only the day is known (published_at is then "
        "that day's midnight and claims that depend on the time of day are not contradicted); null without a time.",
    )
    title: Optional[str] = None
    text: str = Field(description="The text every offset refers to (HTML reduced to its visible text).")


class Summary(_Strict):
    claims: int = 0
    supported: int = 0
    contradicted: int = 0
    unverifiable: int = 0
    no_data: int = 0
    flags: int = 0
    promotional_score: float = Field(0.0, ge=0.0, le=1.0)
    risk: Risk = "low"


class Run(_Strict):
    extractor: str
    model: Optional[str] = None
    market_data: str = Field(description="The provider used, e.g. 'snapshot:fixtures/market/amzn.json', 'none'.")
    version: str
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    rejected_claims: int = 0
    prompt: Optional[str] = Field(None, description="Prompt name and hash used by the LLM engine.")
    started_at: Optional[dt.datetime] = None
    duration_seconds: Optional[float] = None
    notes: list[str] = Field(default_factory=_empty_list, description="Fallbacks and warnings, in plain words.")
    sources: list[dict[str, Any]] = Field(
        default_factory=_empty_list, description="Provenance of the market data used: source, retrieved_at, ticker."
    )


class Report(_Strict):
    """The audit of one article. ``to_json()`` is the versioned contract (schema_version 1)."""

    schema_version: Literal[1] = SCHEMA_VERSION
    document: Document
    claims: list[CheckedClaim] = Field(default_factory=_empty_list)
    flags: list[Flag] = Field(default_factory=_empty_list)
    summary: Summary = Field(default_factory=Summary)
    run: Run

    @model_validator(mode="after")
    def _offsets_match_text(self) -> "Report":
        text = self.document.text
        for item in [*self.claims, *self.flags]:
            if text[item.start : item.end] != item.quote:
                raise ValueError(f"quote {item.quote!r} does not match document.text[{item.start}:{item.end}]")
        return self

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_markdown(self) -> str:
        """Deprecated: ``verifier.report.render(report, "md")``."""
        return _deprecated_render(self, "md", "to_markdown")

    def to_html(self) -> str:
        """Deprecated: ``verifier.report.render(report, "html")``."""
        return _deprecated_render(self, "html", "to_html")

    @classmethod
    def from_json(cls, data: Union[str, bytes, dict[str, Any]]) -> "Report":
        if isinstance(data, (str, bytes)):
            data = json.loads(data)
        return cls.model_validate(data)


def _deprecated_render(report: Report, fmt: str, name: str) -> str:
    """The old ``Report.to_*`` renderers: a warning, then the one render function.

    The model is data and imports no renderer at module level (``verifier.report`` imports this
    module); the import below runs only when a caller still uses the old method.
    """
    import warnings

    warnings.warn(
        f"Report.{name}() is deprecated; use verifier.report.render(report, {fmt!r})", DeprecationWarning, stacklevel=3
    )
    from .report import render

    return render(report, fmt)
