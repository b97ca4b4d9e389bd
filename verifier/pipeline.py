"""verify(): document -> claims -> market data -> verdicts -> report.

Data flows one way. Market data is fetched once per ticker for every claim that needs it, over the
window those claims cover. Verdicts come from ``verifier.check`` alone.
"""

from __future__ import annotations

import datetime as dt
import os
from verifier import recache as re
import time
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Any, Callable, Optional, Union

from ._version import __version__
from .check import CheckContext, check_claim
from .dates import NEW_YORK, publication_date
from .document import SourceDocument, document_from_text, load_document
from .errors import MarketDataError, ServiceError, TickerNotFound
from .extract import Extraction, Extractor, get_extractor
from .extract.base import run_extractor
from .facts import ArticleFacts
from .kinds import DATE_FIELDS
from .market import MarketProvider, MarketRequest, open_provider
from .market.base import TickerData
from .schemas import CheckedClaim, Claim, Document, PricePoint, Report, Run, Summary
from .tickers import Resolution, resolve_company, resolve_company_online, unlisted_name, validate_ticker

LOOKBACK_DAYS = 15  # room for "last session before", analyst actions in the 10 days before, holidays
LOOKAHEAD_DAYS = 5


def _claim_dates(claim: Claim) -> list[dt.date]:
    out = []
    for name in DATE_FIELDS.get(claim.kind, ()):
        value = getattr(claim.fields, name, None)
        if isinstance(value, dt.date):
            out.append(value)
    return out


def market_window(claims: list[Claim], published_at: Optional[dt.datetime]) -> tuple[dt.date, dt.date]:
    """The date range the checks of these claims need."""
    days = [d for c in claims for d in _claim_dates(c)]
    if published_at is not None:
        days.append(published_at.date())
    if not days:
        today = dt.date.today()
        days = [today]
    start = min(days) - dt.timedelta(days=LOOKBACK_DAYS)
    # a move over a period is measured from the close before that period: fetch back to it
    for claim in claims:
        period = getattr(claim.fields, "period", None) if claim.kind == "price_change" else None
        anchor = max(days)
        if period == "month":
            start = min(start, anchor.replace(day=1) - dt.timedelta(days=LOOKBACK_DAYS))
        elif period == "ytd":
            start = min(start, dt.date(anchor.year, 1, 1) - dt.timedelta(days=LOOKBACK_DAYS))
        elif period == "year":
            start = min(start, anchor - dt.timedelta(days=366 + LOOKBACK_DAYS))
    return start, max(days) + dt.timedelta(days=LOOKAHEAD_DAYS)


def _as_document(
    article: Union[str, os.PathLike, SourceDocument], source: Optional[str]
) -> SourceDocument:
    if isinstance(article, SourceDocument):
        return article
    if isinstance(article, os.PathLike):
        return load_document(str(Path(article)))
    return document_from_text(article, source or "<text>")


def _settle_publication(doc: SourceDocument, facts: ArticleFacts, notes: list[str]) -> None:
    """The settled publication time written into the document (the report's ``document``), with its notes."""
    if facts.published_at is None:
        notes.append("no publication time found; relative dates and 'last session' checks cannot be settled (use --published)")
        return
    doc.published_at, doc.published_at_source, doc.published_at_precision = facts.published_at, facts.source, facts.precision
    if facts.assumption:
        notes.append(f"publication time {facts.published_at.isoformat()}: {facts.assumption}")
    _note_date_only(doc, notes)


def _note_date_only(doc: SourceDocument, notes: list[str]) -> None:
    if doc.published_at is not None and doc.published_at_precision == "date":
        notes.append(
            f"publication date {doc.published_at.date()} has no time of day: read as that whole day; a price or move "
            "whose session depends on the hour is supported when any hour of that day fits it, else unverifiable "
            "(pass --published with the time to settle it)"
        )


def check_moment(published_at: Optional[dt.datetime], precision: Optional[str]) -> Optional[dt.datetime]:
    """The publication time the checks see: a date alone becomes noon of that day in New York.

    Noon puts the written day on the exchange's calendar whatever zone the date was read in (a
    Berlin "30.01.2026" is 30 January, not the New York evening of the 29th); the checks that
    depend on the hour know from the precision that it is not a real time.
    """
    if published_at is None or precision != "date":
        return published_at
    day = publication_date(published_at, "date")
    assert day is not None
    return dt.datetime.combine(day, dt.time(12, 0), NEW_YORK)


def _extract(
    extractor: Union[str, Extractor], doc: SourceDocument, facts: ArticleFacts, llm_settings: Any, notes: list[str]
) -> Extraction:
    engine = get_extractor(extractor, llm_settings) if isinstance(extractor, str) else extractor
    try:
        return run_extractor(engine, doc, facts)
    except ServiceError as exc:
        if extractor != "auto" and not getattr(engine, "fallback", False):  # an engine built for auto (batch) too
            raise
        notes.append(f"LLM extraction failed ({exc}); fell back to the rule engine")
        from .extract.rules import RuleExtractor

        return RuleExtractor().extract(doc, facts=facts)


def _contexts(
    claims: list[Claim],
    provider: Optional[MarketProvider],
    published_at: Optional[dt.datetime],
    default_ticker: Optional[str],
    notes: list[str],
    sources: list[dict[str, Any]],
    precision: str = "time",
    facts: Optional[ArticleFacts] = None,
) -> dict[str, CheckContext]:
    """One CheckContext per claim id; one fetch per ticker; each company name resolved once (``facts``)."""
    by_ticker: dict[str, list[Claim]] = defaultdict(list)
    contexts: dict[str, CheckContext] = {}
    # with a live source, a name the bundled table lacks is looked up in Yahoo's symbol search
    resolve: Callable[[str], Resolution] = resolve_company
    if str(getattr(provider, "name", "")).startswith("yfinance"):
        from .market.symbols import search_lookup

        resolve = partial(resolve_company_online, lookup=search_lookup())
    for claim in claims:
        ticker = claim.ticker
        if not ticker and claim.company:
            resolution = facts.resolve(claim.company, resolve) if facts is not None else resolve(claim.company)
            if resolution.ticker:
                ticker = resolution.ticker
            elif default_ticker and default_ticker.upper() in resolution.candidates:
                ticker = default_ticker  # --ticker chooses among the listings of an ambiguous name
            elif resolution.candidates or not default_ticker:
                contexts[claim.id] = CheckContext(published_at, None, unresolved=resolution.reason)
                continue
        ticker = ticker or default_ticker
        if not ticker:
            named = unlisted_name(claim.quote)
            why = (
                f"the claim names {named}, which is not in the bundled company table; pass --ticker with its "
                "listing's symbol (for example --ticker SYMBOL) to check it"
                if named
                else "the claim names no company or ticker; pass --ticker with the listing's symbol"
            )
            contexts[claim.id] = CheckContext(published_at, None, unresolved=why)
            continue
        by_ticker[ticker.upper()].append(claim)

    for ticker, group in by_ticker.items():
        data: Optional[TickerData] = None
        unavailable: Optional[str] = None
        if provider is None:
            unavailable = "market data disabled (--market none)"
        else:
            start, end = market_window(group, published_at)
            try:
                data = provider.fetch(MarketRequest(ticker=ticker, start=start, end=end))
                prov = data.prices.provenance if data.prices and data.prices.provenance else data.provenance
                sources.append(
                    {
                        "ticker": ticker,
                        "provider": provider.describe(),
                        "source": prov.source if prov else provider.describe(),
                        "retrieved_at": prov.retrieved_at.isoformat() if prov and prov.retrieved_at else None,
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                    }
                )
                # filed facts joined to the market data (EDGAR) are a source of their own
                filed = {f.provenance.source: f.provenance for f in data.facts if f.provenance and f.provenance.source.startswith("SEC EDGAR")}
                for name, part in sorted(filed.items()):
                    sources.append(
                        {
                            "ticker": ticker,
                            "provider": provider.describe(),
                            "source": name,
                            "retrieved_at": part.retrieved_at.isoformat() if part.retrieved_at else None,
                            "start": start.isoformat(),
                            "end": end.isoformat(),
                        }
                    )
            except TickerNotFound as exc:
                unavailable = f"no market data for {ticker}: {exc}"
            except (MarketDataError, OSError) as exc:  # a source leaking a socket error is still a data outage
                # the whole message once in the run notes; under each claim only its first clause
                notes.append(f"market data for {ticker} unavailable: {exc}")
                unavailable = f"market data for {ticker} unavailable: {_first_clause(str(exc))} (details in the run notes)"
        for claim in group:
            contexts[claim.id] = CheckContext(
                published_at, data, ticker=ticker, unavailable=unavailable, published_precision=precision
            )
    return contexts


def _first_clause(message: str, limit: int = 100) -> str:
    """'network unreachable; check the connection ...' -> 'network unreachable'."""
    head = re.split(r";\s|\.\s|\n", message.strip(), maxsplit=1)[0].strip().rstrip(".")
    return head if len(head) <= limit else head[: limit - 1].rstrip() + "\u2026"


_CLOSERS = " \t\"'\u201d\u2019)]*_"
ASKS = "the article asks, it does not assert"


# a statement set off before the question by a colon, semicolon or spaced dash: "Amazon falls 9%: is it a buy?"
_STATEMENT_BREAK = re.compile(r"[:;](?=\s)|\s[-\u2013\u2014]\s")
_ASKING = re.compile(
    r"[\"'\u201c\u2018(\s]*(?:did|does|do|is|are|was|were|will|would|can|could|should|shall|has|have|had|may|might|"
    r"why|how|what|when|where|who|whom|which|whether|if)\b",
    re.IGNORECASE,
)


def is_question(text: str, start: int, end: int) -> bool:
    """True when the claim is in a question: its sentence ends with '?' ("Did the stock really drop to $126?").

    A statement the sentence sets off before its question with a colon, semicolon or dash ("Amazon
    falls 9%: is it time to buy?") is asserted, unless it reads as a question itself ("Did shares
    fall 9% - or rise?").
    """
    from .attribution import sentence_bounds

    first, stop = sentence_bounds(text, start, end)
    if not text[max(start, 0) : stop].rstrip(_CLOSERS).endswith("?"):
        return False
    breaks = [m for m in _STATEMENT_BREAK.finditer(text, first, stop)]
    after = [m for m in breaks if m.start() >= end]
    if not after:
        return True
    before = [m for m in breaks if m.end() <= start]
    own = text[before[-1].end() if before else first : after[0].start()]
    return bool(_ASKING.match(own))


def asked_not_asserted(claim: CheckedClaim, text: str) -> CheckedClaim:
    """A claim read from a question asserts nothing, so it is never ``contradicted``: unverifiable, the check's finding kept.

    "Is a $300 target realistic?" and "Did the stock really drop from $2,447 to $126?" put a figure
    to the reader; whatever the data says, the article has not stated it.
    """
    if claim.verdict != "contradicted" or not is_question(text, claim.start, claim.end):
        return claim
    rule = f"{claim.rule}; " if claim.rule else ""
    return claim.model_copy(update={
        "verdict": "unverifiable",
        "reason": f"{ASKS}: the sentence is a question (the data: {claim.reason.rstrip('.')}).",
        "rule": rule + "a figure in a question is never contradicted",
    })


SERIES_SESSIONS = 15  # closes drawn around publication for a price claim (10 before, up to 5 after)


def _attach_series(checked: list[CheckedClaim], contexts: dict[str, CheckContext], published_at: Optional[dt.datetime]) -> None:
    """Give price claims the daily closes around their date, so a report can draw them without re-fetching."""
    for claim in checked:
        data = contexts[claim.id].data
        if claim.kind not in ("stock_price", "price_change") or data is None or not data.prices or not data.prices.bars:
            continue
        bars = sorted(data.prices.bars, key=lambda b: b.date)
        anchor = getattr(claim.fields, "date", None) or (published_at.date() if published_at else bars[-1].date)
        upto = [i for i, b in enumerate(bars) if b.date <= anchor]
        idx = upto[-1] if upto else 0
        hi = min(len(bars), idx + 1 + SERIES_SESSIONS // 3)
        lo = max(0, hi - SERIES_SESSIONS)
        claim.series = [PricePoint(date=b.date, close=b.close, high=b.high, low=b.low) for b in bars[lo:hi]]


def verify(
    article: Union[str, os.PathLike, SourceDocument],
    *,
    published_at: Optional[Union[str, dt.datetime]] = None,
    extractor: Union[str, Extractor] = "auto",
    market: Union[str, MarketProvider, None] = "auto",
    ticker: Optional[str] = None,
    llm_settings: Any = None,
    source: Optional[str] = None,
) -> Report:
    """Audit one article and return its Report.

    ``article`` is the text itself (str), a path (``pathlib.Path``) or a ``SourceDocument``.
    ``market`` is ``"auto"``, ``"none"``, ``"yfinance"``, ``"edgar"``, a snapshot path, or a provider object.
    ``extractor`` is ``"auto"``, ``"rules"``, ``"llm"`` or an Extractor object.
    """
    started = time.monotonic()
    started_at = dt.datetime.now(dt.timezone.utc)
    notes: list[str] = []
    if ticker is not None:
        ticker = validate_ticker(ticker)
    doc = _as_document(article, source)
    facts = ArticleFacts.settle(doc, published_at)  # publication time, lexicon flags, companies: once per article
    _settle_publication(doc, facts, notes)

    extraction = _extract(extractor, doc, facts, llm_settings, notes)
    notes.extend(extraction.notes)
    if extraction.extractor == "rules" and facts.language not in (None, "en"):
        from .language import not_english_note

        notes.append(not_english_note(facts.language))
    provider = open_provider(market) if (market is None or isinstance(market, str)) else market
    sources: list[dict[str, Any]] = []
    precision = doc.published_at_precision or "time"
    moment = check_moment(doc.published_at, precision)
    contexts = _contexts(extraction.claims, provider, moment, ticker, notes, sources, precision, facts)
    checked = [asked_not_asserted(check_claim(c, contexts[c.id]), doc.text) for c in extraction.claims]
    _attach_series(checked, contexts, doc.published_at)

    from .promo import drop_relayed, merge_flags, promotional_score

    # a promoter quoted by a news story is not the story's own voice, whichever engine flagged it
    flags = merge_flags(drop_relayed(extraction.flags, doc.text), doc.text)
    score, risk = promotional_score(flags, doc.text)
    counts = {v: sum(1 for c in checked if c.verdict == v) for v in ("supported", "contradicted", "unverifiable", "no_data")}
    summary = Summary(claims=len(checked), flags=len(flags), promotional_score=score, risk=risk, **counts)
    run = Run(
        extractor=extraction.extractor,
        model=extraction.model,
        market_data=provider.describe() if provider is not None else "none",
        version=__version__,
        llm_calls=extraction.llm_calls,
        prompt_tokens=extraction.prompt_tokens,
        completion_tokens=extraction.completion_tokens,
        rejected_claims=extraction.rejected_claims,
        prompt=extraction.prompt,
        started_at=started_at,
        duration_seconds=round(time.monotonic() - started, 4),
        notes=notes,
        sources=sources,
    )
    document = Document(
        source=doc.source,
        sha256=doc.sha256,
        published_at=doc.published_at,
        published_at_source=doc.published_at_source,
        published_at_precision=doc.published_at_precision if doc.published_at is not None else None,
        title=doc.title,
        text=doc.text,
    )
    return Report(document=document, claims=checked, flags=flags, summary=summary, run=run)
