"""Running the tool over cases: ``verify()`` each one with its own market data, then score it."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import InputError, VerifierError
from .corpus import Case, load_corpus
from .headlines import is_headlines_csv, load_headline_labels, load_headlines
from .scoring import CaseResult, EvalResult, Tally, score_case

def run_cases(
    cases: list[Case],
    *,
    source: str,
    extractor: Any = "rules",
    market: Any = None,
    llm_settings: Any = None,
) -> EvalResult:
    """verify() every case (with its own market data unless ``market`` overrides) and score it.

    A case whose run fails is recorded with the error and counts every label as missed; the
    evaluation goes on. A VerifierError keeps its message; any other exception is a bug in the tool,
    recorded as ``internal error (Type: message)`` so one crashing article cannot hide the figures
    of the others (and is shown, not swallowed).
    """
    import time

    from ..pipeline import verify

    results: list[CaseResult] = []
    engine = extractor
    if isinstance(extractor, str):
        from ..extract import get_extractor

        engine = get_extractor(extractor, llm_settings)
    provider_cache: dict[str, Any] = {}
    used_extractor = getattr(engine, "name", str(extractor))
    first_error: Optional[VerifierError] = None
    for case in cases:
        chosen = case.market if market is None else market
        started = time.perf_counter()
        try:
            if isinstance(chosen, str) and chosen not in ("none", "auto", "yfinance"):
                if chosen not in provider_cache:
                    from ..market import open_provider

                    provider_cache[chosen] = open_provider(chosen)
                chosen = provider_cache[chosen]
            report = verify(
                Path(case.path) if case.path else case.text,
                source=case.id,
                published_at=case.published_at if case.pass_published else None,
                extractor=engine,
                market=chosen,
                ticker=case.ticker,
                llm_settings=llm_settings,
            )
            used_extractor = report.run.extractor
            result = score_case(case, report)
        except Exception as exc:  # noqa: BLE001 - a crash is a measured failure of that case
            if isinstance(exc, VerifierError):
                first_error = first_error or exc
                message = str(exc)
            else:
                message = f"internal error ({type(exc).__name__}: {exc})"
            result = CaseResult(case.id, case.split, case.style, defaultdict(Tally), defaultdict(Tally), Counter())
            result.error = message
            for label in case.claims:
                if not label.optional:
                    result.claims[label.kind].labelled += 1
                    result.missed.append({"kind": label.kind, "quote": label.quote_contains, "values": label.values,
                                          "verdict": label.verdict})
            for flag in case.flags if case.label_flags else []:
                result.flags[flag.technique].labelled += 1
        result.seconds = time.perf_counter() - started
        results.append(result)
    if first_error is not None and all(r.error for r in results):
        # nothing ran (an LLM endpoint down, a market source failing): that is not a measurement
        raise type(first_error)(f"every case failed, e.g. {results[0].id}: {first_error}") from None
    market_label = "each case's own data" if market is None else (market if isinstance(market, str) else getattr(market, "name", "provider"))
    return EvalResult(source=source, extractor=used_extractor, market=market_label, cases=results)


def evaluate_corpus(
    path: Union[str, Path],
    extractor: Any = "rules",
    market: Any = None,
    *,
    split: Optional[str] = None,
    llm_settings: Any = None,
    limit: Optional[int] = None,
    headline_labels: Optional[Union[str, Path]] = None,
) -> EvalResult:
    """Evaluate a labelled corpus folder or a headlines CSV (detected by its columns).

    ``market`` None uses each case's own data (its snapshot, or the headline's price file);
    otherwise a ``--market`` value or provider used for every case.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p} does not exist; pass a corpus folder (e.g. fixtures/corpus) or a headlines CSV")
    if p.is_file():
        if not is_headlines_csv(p):
            raise InputError(f"{p} is neither a corpus folder nor a headlines CSV (needs headline and published columns)")
        extra = load_headline_labels(headline_labels) if headline_labels else None
        cases = load_headlines(p, limit=limit, labels=extra)
    else:
        if headline_labels:
            raise InputError("--labels is for a headlines CSV; a corpus folder carries its own labels")
        cases = load_corpus(p, split=split)
        if limit:
            cases = cases[:limit]
    return run_cases(cases, source=str(p), extractor=extractor, market=market, llm_settings=llm_settings)
