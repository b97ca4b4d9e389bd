"""Throughput of the offline pipeline: rule engine + checks + promo analysis on local snapshots.

Prints (1) articles per second on one core over the corpus (fixtures/corpus/, else
fixtures/articles/), with the share spent in extraction, and the same with one worker process per
core; (2) the cost against article length, 1 KB to 1 MB, built by concatenating corpus articles.

    .venv/bin/python benchmarks/throughput.py [--rounds 5] [--max-kb 1024]

One process runs on one core (the pipeline is single-threaded), so the single-process rate is the
rate per core.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing as mp
import statistics
import sys
import time
from pathlib import Path
from typing import Optional

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import AllSnapshots, Item, corpus_items, machine  # noqa: E402

from verifier.document import document_from_text  # noqa: E402
from verifier.extract.rules import RuleExtractor  # noqa: E402
from verifier.pipeline import verify  # noqa: E402


def _run_all(items: list[Item], cpu: Optional[list[float]] = None) -> tuple[float, int]:
    started, cpu_started = time.perf_counter(), time.process_time()
    claims = 0
    for item in items:
        claims += verify(item.text, extractor="rules", market=item.market, published_at=item.published_at).summary.claims
    if cpu is not None:
        cpu.append(time.process_time() - cpu_started)
    return time.perf_counter() - started, claims


def _extract_all(items: list[Item]) -> float:
    engine = RuleExtractor()
    started = time.perf_counter()
    for item in items:
        engine.extract(document_from_text(item.text))
    return time.perf_counter() - started


def _worker(rounds: int) -> float:
    _, items = corpus_items()
    _run_all(items[:3])  # warm-up: imports, calendars
    started = time.perf_counter()
    for _ in range(rounds):
        _run_all(items)
    return time.perf_counter() - started


def corpus_rate(items: list[Item], rounds: int) -> None:
    _run_all(items[:3])  # warm-up: imports, exchange calendars, lazily loaded tables
    totals, extract, cpu = [], [], []
    claims = 0
    for _ in range(rounds):
        seconds, claims = _run_all(items, cpu)
        totals.append(seconds)
        extract.append(_extract_all(items))
    best = min(totals)
    med = statistics.median(totals)
    n = len(items)
    print(f"  {n} articles, {claims} claims per pass, {rounds} passes (each article checked against its own snapshot)")
    print(f"  one core: {n / med:,.1f} articles/s (median pass), {n / best:,.1f} articles/s (best pass)")
    print(f"           {1000 * med / n:.2f} ms per article, {1000 * med / max(claims, 1):.3f} ms per claim")
    print(f"  per CPU second (process time, less sensitive to other jobs on the machine): "
          f"{n / statistics.median(cpu):,.1f} articles/s (median pass), {n / min(cpu):,.1f} (best pass)")
    print(f"  extraction (rule engine alone): {100 * statistics.median(extract) / med:.0f}% of the time")

    cores = mp.cpu_count()
    if cores > 1:
        with mp.get_context("spawn").Pool(cores) as pool:
            seconds = pool.map(_worker, [rounds] * cores)  # each worker's time after its warm-up
        rates = [rounds * n / t for t in seconds]
        print(f"  {cores} worker processes at once: {sum(rates):,.1f} articles/s in total, "
              f"{statistics.mean(rates):,.1f} per core")


def length_cost(items: list[Item], max_kb: int) -> None:
    """Articles of 1 KB .. 1 MB (1 KB = 1,000 characters; the rule engine reads up to 1,000,000)."""
    provider = AllSnapshots()
    texts = [i.text for i in items if i.path.suffix == ".txt"]
    header = texts[0].split("\n\n", 1)[0]
    pool = "\n\n".join(t.split("\n\n", 1)[-1] for t in texts)
    print(f"  {'size':>8} {'seconds':>9} {'ms/KB':>8} {'extract %':>10} {'claims':>7} {'flags':>6}")
    for kb in [s for s in (1, 4, 16, 64, 256, 1000) if s <= max_kb]:
        chars = kb * 1000 - len(header) - 2
        body = (pool + "\n\n") * (chars // (len(pool) + 2) + 1)
        article = header + "\n\n" + body[:chars]
        runs, extract = [], []
        report = None
        for _ in range(3 if kb <= 64 else 1):
            started = time.perf_counter()
            RuleExtractor().extract(document_from_text(article))
            extract.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = verify(article, extractor="rules", market=provider)
            runs.append(time.perf_counter() - started)
        sec = min(runs)
        print(f"  {kb:>6}KB {sec:>9.3f} {1000 * sec / kb:>8.2f} {100 * min(extract) / sec:>9.0f}% "
              f"{report.summary.claims:>7} {report.summary.flags:>6}", flush=True)
    print("  (ms/KB flat = linear cost; rising = super-linear)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--max-kb", type=int, default=1024)
    args = parser.parse_args()
    where, items = corpus_items()
    print(f"throughput — {dt.date.today().isoformat()} — {machine()}")
    print(f"corpus: {where} ({len(items)} articles)")
    corpus_rate(items, args.rounds)
    print("cost against article length (rule engine + checks, one core):")
    length_cost(items, args.max_kb)


if __name__ == "__main__":
    main()
