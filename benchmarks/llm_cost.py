"""Cost of the LLM path, measured against the loopback server (tests/llm_server.py): no model, no network.

For every corpus article the scripted server answers with the claims and flags the rule engine
finds in it (a realistic answer size), and the benchmark reads what the engine sent:

- calls per article (one per chunk, plus re-asks and retries), prompt and completion tokens per
  article and per claim. Tokens are estimated as characters / 4 of everything a provider bills as
  prompt (the messages AND the tool schema), and also reported as the engine counted them (the
  usage the server returned);
- a second run of the same articles (answers from the LLM cache: zero calls);
- an answer that fails grounding once (one re-ask): what the re-ask costs;
- long articles split into chunks: calls against length.

    .venv/bin/python benchmarks/llm_cost.py
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import ROOT, AllSnapshots, corpus_files, machine, read_article  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.llm_server import ScriptedLLMServer  # noqa: E402

from verifier.config import LLMSettings  # noqa: E402
from verifier.document import document_from_text  # noqa: E402
from verifier.extract.rules import RuleExtractor  # noqa: E402
from verifier.extract.wire import from_draft  # noqa: E402
from verifier.pipeline import verify  # noqa: E402

CHARS_PER_TOKEN = 4


LAYOUT = "wire"  # --layout: how the scripted "model" writes its answer


def answer_for(text: str) -> dict:
    """The payload a good model would return: the rule engine's claims and flags, in the compact wire
    layout the model is shown (``--layout report``: the report's nested layout, as models were asked before)."""
    extraction = RuleExtractor().extract(document_from_text(text))
    if LAYOUT == "report":
        claims = [c.model_dump(mode="json", exclude={"id", "start", "end"}) for c in extraction.claims]
        flags = [f.model_dump(mode="json", include={"quote", "technique", "explanation"}) for f in extraction.flags]
    else:
        claims = [from_draft(c) for c in extraction.claims]
        flags = [{"technique": f.technique, "quote": f.quote, "why": f.explanation} for f in extraction.flags]
    return {"claims": claims, "flags": flags}


def billed_prompt_tokens(request: dict) -> int:
    body = request["body"]
    billed = json.dumps(body.get("messages", []), ensure_ascii=False) + json.dumps(body.get("tools", []), ensure_ascii=False)
    return len(billed) // CHARS_PER_TOKEN


def settings(server: ScriptedLLMServer, use_cache: bool) -> LLMSettings:
    return LLMSettings(model="scripted-model", base_url=server.url, api_key="benchmark", use_cache=use_cache, timeout=30)


def per_article(texts: list[str], provider: AllSnapshots) -> None:
    rows = []
    system_tokens = None
    for text in texts:
        with ScriptedLLMServer([{"payload": answer_for(text)}]) as server:
            report = verify(text, extractor="llm", market=provider, llm_settings=settings(server, use_cache=False))
            requests = list(server.requests)
        if system_tokens is None and requests:
            body = requests[0]["body"]
            system = next((m["content"] for m in body.get("messages", []) if m.get("role") == "system"), "")
            system_tokens = (len(system) // CHARS_PER_TOKEN, len(json.dumps(body.get("tools", []))) // CHARS_PER_TOKEN)
        rows.append(
            {
                "calls": report.run.llm_calls,
                "requests": len(requests),
                "billed": sum(billed_prompt_tokens(r) for r in requests),
                "counted": report.run.prompt_tokens,
                "completion": report.run.completion_tokens,
                "claims": report.summary.claims,
                "answered": len(answer_for(text)["claims"]),
                "rejected": report.run.rejected_claims,
                "article_tokens": len(text) // CHARS_PER_TOKEN,
            }
        )
    n = len(rows)
    claims = sum(r["claims"] for r in rows)
    billed = sum(r["billed"] for r in rows)
    print(f"  {n} articles, {claims} claims; grounding accepted {claims} of {sum(r['answered'] for r in rows)} answered "
          f"({sum(r['rejected'] for r in rows)} rejected)")
    print(f"  calls per article: mean {sum(r['calls'] for r in rows) / n:.2f}, max {max(r['calls'] for r in rows)}"
          f" (HTTP requests seen by the server: {sum(r['requests'] for r in rows)})")
    print(f"  prompt tokens per article (messages + tool schema, chars/4): median {statistics.median(r['billed'] for r in rows):,.0f},"
          f" mean {billed / n:,.0f}, max {max(r['billed'] for r in rows):,}")
    print(f"    of which the article itself: median {statistics.median(r['article_tokens'] for r in rows):,.0f}")
    if system_tokens:
        print(f"    fixed part: system prompt ~{system_tokens[0]:,} tokens, tool schema ~{system_tokens[1]:,} tokens")
    print(f"  prompt tokens per claim: {billed / max(claims, 1):,.0f}")
    print(f"  as counted by the engine (run.prompt_tokens, server usage): mean {sum(r['counted'] for r in rows) / n:,.0f} per article")
    print(f"  completion tokens per article: mean {sum(r['completion'] for r in rows) / n:,.0f}, per claim "
          f"{sum(r['completion'] for r in rows) / max(claims, 1):,.0f}")


def cached_rerun(texts: list[str], provider: AllSnapshots) -> None:
    first = second = 0
    with ScriptedLLMServer() as server:
        for text in texts:
            server.push({"payload": answer_for(text)})
        # one step per article, served in order; the second pass must not ask at all
        for text in texts:
            first += verify(text, extractor="llm", market=provider, llm_settings=settings(server, use_cache=True)).run.llm_calls
        before = len(server.requests)
        for text in texts:
            second += verify(text, extractor="llm", market=provider, llm_settings=settings(server, use_cache=True)).run.llm_calls
        after = len(server.requests)
    print(f"  first pass {first} calls, second pass {second} calls ({after - before} requests reached the server)")


def reask_cost(text: str, provider: AllSnapshots) -> None:
    good = answer_for(text)
    if not good["claims"]:
        print("  (skipped: the article has no claims)")
        return
    bad = json.loads(json.dumps(good))
    bad["claims"][0]["quote"] = "a sentence that is not in the article at all"
    with ScriptedLLMServer([{"payload": bad}, {"payload": good}]) as server:
        report = verify(text, extractor="llm", market=provider, llm_settings=settings(server, use_cache=False))
        billed = [billed_prompt_tokens(r) for r in server.requests]
    print(f"  one ungrounded quote: {report.run.llm_calls} calls, prompt tokens per request {billed}"
          f" (the re-ask costs {billed[-1] / max(billed[0], 1):.2f}x the first request)")


def chunking(texts: list[str], provider: AllSnapshots) -> None:
    pool = "\n\n".join(texts)
    print(f"  {'article KB':>10} {'calls':>6} {'prompt tokens':>14} {'tokens/KB':>10}")
    for kb in (4, 16, 64, 128):
        body = (pool + "\n\n") * (1 + kb * 1024 // max(len(pool), 1))
        article = body[: kb * 1024]
        with ScriptedLLMServer([{"payload": {"claims": [], "flags": []}}]) as server:
            report = verify(article, extractor="llm", market=provider, llm_settings=settings(server, use_cache=False))
            billed = sum(billed_prompt_tokens(r) for r in server.requests)
        print(f"  {kb:>10} {report.run.llm_calls:>6} {billed:>14,} {billed / kb:>10,.0f}")


def main() -> None:
    global LAYOUT
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--layout", choices=("wire", "report"), default="wire")
    LAYOUT = ap.parse_args().layout
    where, files = corpus_files()
    texts = [read_article(p) for p in files]
    provider = AllSnapshots()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(VERIFIER_HOME=f"{tmp}/home", VERIFIER_CACHE_DIR=f"{tmp}/cache", VERIFIER_CONFIG=f"{tmp}/config.toml")
        print(f"LLM cost — {dt.date.today().isoformat()} — {machine()}")
        print(f"corpus: {where} ({len(files)} files); loopback scripted server; tokens = characters / {CHARS_PER_TOKEN}; "
              f"answers in the {LAYOUT} layout")
        print("per article (one fresh run each, cache off):")
        per_article(texts, provider)
        print("second run of the same articles (LLM cache on):")
        cached_rerun(texts, provider)
        print("validation re-ask:")
        reask_cost(texts[0], provider)
        print("long articles (chunked at the default max_chunk_tokens):")
        chunking(texts, provider)


if __name__ == "__main__":
    main()
