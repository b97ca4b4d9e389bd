"""The LLM path with a perfect reader: what do grounding, merging and the checks make of right answers?

No model is involved. A loopback OpenAI-compatible server (``tests/llm_server.py``) answers every
article of the labelled corpus with exactly its labels, as a model that reads perfectly would:
each claim quoted as the sentence holding the label's ``quote_contains``, with the label's values
as fields, and the labelled flags. The real engine (openai client, instructor, grounding, chunking,
cache off) and the real checks then run, and ``verifier.evaluate`` scores the reports like
``verifier eval`` does. The rule engine is scored on the same corpus for comparison.

What this measures: claims the LLM path loses although the model was right (grounding too
strict, merge bugs), and the verdicts the checks reach from correctly read claims. What it does
not measure: how well a real model reads (run ``verifier eval fixtures/corpus --extractor llm``
against a real endpoint for that).

    .venv/bin/python benchmarks/llm_perfect_reader.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.llm_server import ScriptedLLMServer  # noqa: E402
from verifier.config import LLMSettings  # noqa: E402
from verifier.document import load_document  # noqa: E402
from verifier.evaluate import load_corpus, run_cases  # noqa: E402
from verifier.extract.grounding import MAX_QUOTE_CHARS  # noqa: E402
from verifier.extract.llm import LLMExtractor  # noqa: E402
from verifier.schemas import FIELDS_BY_KIND, TECHNIQUES  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
_SENTENCE_END = re.compile(r"\n|[.!?](?=\s)")
_FILL = {"scheduled_event": {"event": "other"}, "financial_metric": {"metric": "other"}}


def sentence_around(text: str, start: int, end: int) -> str:
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.end() if m else len(text)
    quote = text[left:right].strip()
    if len(quote) > MAX_QUOTE_CHARS:
        quote = text[max(left, start - 150) : min(right, end + 150)].strip()
    return quote


def snapshot_ticker(case) -> str | None:  # noqa: ANN001
    if not isinstance(case.market, str) or not Path(case.market).exists():
        return None
    tickers = list(json.loads(Path(case.market).read_text(encoding="utf-8")).get("tickers", {}))
    return tickers[0] if len(tickers) == 1 else None


def perfect_answer(cases) -> dict:  # noqa: ANN001
    claims, flags = [], []
    for case in cases:
        text = load_document(case.path).text if case.path else case.text
        ticker = case.ticker or snapshot_ticker(case)
        for label in case.claims:
            pos = text.lower().find(label.quote_contains.lower())
            if pos < 0:
                continue
            names = set(FIELDS_BY_KIND[label.kind].model_fields)
            fields = {**_FILL.get(label.kind, {}), **{k: v for k, v in label.values.items() if k in names}, "kind": label.kind}
            claims.append({"quote": sentence_around(text, pos, pos + len(label.quote_contains)), "ticker": ticker, "fields": fields})
        for flag in case.flags:
            pos = text.lower().find(flag.quote_contains.lower())
            if pos >= 0 and flag.technique in TECHNIQUES:
                flags.append({"quote": text[pos : pos + len(flag.quote_contains)], "technique": flag.technique})
    return {"claims": claims, "flags": flags}


def main() -> None:
    cases = load_corpus(CORPUS)
    answer = perfect_answer(cases)
    with ScriptedLLMServer([{"payload": answer, "only_quoted": True}]) as server:
        settings = LLMSettings(model="perfect-reader", base_url=server.url, api_key="x", use_cache=False, max_retries=0)
        llm = run_cases(cases, source=str(CORPUS), extractor=LLMExtractor(settings))
        requests = len(server.requests)
    rules = run_cases(cases, source=str(CORPUS), extractor="rules")
    print(f"corpus: {len(cases)} articles, {len(answer['claims'])} labelled claims answered, {requests} requests")
    from verifier.evaluate import render_text

    for name, result in (("LLM path, perfect reader", llm), ("rule engine", rules)):
        print(f"== {name}")
        print("\n".join(render_text(result).splitlines()[:14]))


if __name__ == "__main__":
    main()
