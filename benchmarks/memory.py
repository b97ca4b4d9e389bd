"""Peak memory of a 10,000-article batch stays flat: peak RSS after 1k, 5k and 10k articles.

Articles are generated from the corpus (each a variant with its prices nudged by a few cents) into
a temporary folder. Two ways are measured:

- ``batch``: ``verifier batch`` as a user runs it, once per size (1k, 5k, 10k) in a fresh
  process, peak RSS of that process (``os.wait4``). Used when the ``batch`` command exists.
- ``loop``: ``verify()`` over the files in one process that writes every report to a JSONL file
  as it goes, peak RSS read at 1k, 5k and 10k articles (``ru_maxrss``).

Flat means the peak at 10k is within a few MB of the peak at 1k: nothing accumulates per article.

    .venv/bin/python benchmarks/memory.py [--sizes 1000,5000,10000] [--mode auto|batch|loop]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import ROOT, AllSnapshots, corpus_files, machine, read_article, snapshot_files, variant  # noqa: E402


def generate(folder: Path, count: int) -> list[Path]:
    _, files = corpus_files()
    sources = [(p.suffix, read_article(p)) for p in files]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(count):
        suffix, text = sources[i % len(sources)]
        path = folder / f"article-{i:05d}{suffix}"
        path.write_text(variant(text, i), encoding="utf-8")
        out.append(path)
    return out


def merged_snapshot(path: Path) -> Path:
    """Every bundled snapshot in one file (bars merged by date, records concatenated), for the CLI."""
    merged: dict[str, dict] = {}
    for p in snapshot_files():
        try:
            tickers = json.loads(p.read_text(encoding="utf-8"))["tickers"]
        except (ValueError, KeyError):
            continue
        for ticker, data in tickers.items():
            into = merged.setdefault(ticker.upper(), {**data, "prices": None})
            if data.get("prices"):
                if into["prices"] is None:
                    into["prices"] = {**data["prices"], "bars": []}
                have = {b["date"] for b in into["prices"]["bars"]}
                into["prices"]["bars"].extend(b for b in data["prices"]["bars"] if b["date"] not in have)
                into["prices"]["bars"].sort(key=lambda b: b["date"])
            if into is not data:
                for key in ("analyst_actions", "events", "facts", "splits", "dividends"):
                    if into.get(key) is not data.get(key):
                        into[key] = (into.get(key) or []) + [x for x in data.get(key) or [] if x not in (into.get(key) or [])]
    path.write_text(json.dumps({"format": "verifier-snapshot", "version": 1, "tickers": merged}), encoding="utf-8")
    return path


def has_batch() -> bool:
    proc = subprocess.run([sys.executable, "-m", "verifier", "batch", "--help"], capture_output=True, cwd=ROOT)
    return proc.returncode == 0


def run_batch(folder: Path, snapshot: Path, out: Path, env: dict[str, str], jobs: int) -> tuple[float, float, int]:
    """(seconds, peak RSS MB, reports written) of one `verifier batch` process."""
    cmd = [sys.executable, "-m", "verifier", "batch", str(folder), "--extractor", "rules", "--market", str(snapshot),
           "--out", str(out), "--no-log", "--jobs", str(jobs)]
    log = out.with_name(out.name + ".stderr")
    started = time.perf_counter()
    with log.open("wb") as err_file:  # a file, not a pipe: the progress output must never block the batch
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err_file, env=env, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    err = log.read_text(encoding="utf-8", errors="replace")
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"verifier batch failed ({code}): {err[-800:]}")
    written = _count_reports(out)
    return seconds, usage.ru_maxrss / 1024, written


def _count_reports(out: Path) -> int:
    if out.is_dir():
        return sum(1 for p in out.rglob("*.json") if p.is_file())
    if out.exists():
        with out.open(encoding="utf-8") as fh:
            return sum(1 for line in fh if line.strip())
    return 0


def loop_child(folder: Path, checkpoints: list[int], out: Path) -> None:
    """Runs in its own process: verify() every file, append each report, print RSS at checkpoints."""
    from verifier.pipeline import verify

    provider = AllSnapshots()
    files = sorted(folder.iterdir())
    started = time.perf_counter()
    with out.open("w", encoding="utf-8") as sink:
        for n, path in enumerate(files, 1):
            report = verify(path, extractor="rules", market=provider)
            sink.write(report.to_json(indent=None) + "\n")
            if n in checkpoints:
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(json.dumps({"n": n, "peak_mb": round(peak, 1), "seconds": round(time.perf_counter() - started, 1)}), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--mode", choices=("auto", "batch", "loop", "both"), default="both")
    parser.add_argument("--jobs", type=int, default=4, help="verifier batch --jobs (default 4, the batch default)")
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "CHECKPOINTS", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        folder, checkpoints, out = args.child
        loop_child(Path(folder), [int(x) for x in checkpoints.split(",")], Path(out))
        return

    sizes = [int(s) for s in args.sizes.split(",")]
    where, files = corpus_files()
    print(f"memory — {dt.date.today().isoformat()} — {machine()}")
    print(f"articles generated from {where} ({len(files)} files), up to {max(sizes):,}")
    batch_ok = has_batch()
    modes = {"auto": ["batch" if batch_ok else "loop"], "batch": ["batch"], "loop": ["loop"],
             "both": (["batch"] if batch_ok else []) + ["loop"]}[args.mode]
    if "batch" in modes and not batch_ok:
        raise SystemExit("verifier batch is not available in this checkout; use --mode loop")

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        env = {**os.environ, "VERIFIER_HOME": f"{tmp}/home", "VERIFIER_CACHE_DIR": f"{tmp}/cache",
               "VERIFIER_CONFIG": f"{tmp}/config.toml"}
        for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "VERIFIER_MODEL"):
            env.pop(var, None)
        folder = tmpdir / "articles"
        generate(folder, max(sizes))
        mb = sum(p.stat().st_size for p in folder.iterdir()) / 1024**2
        print(f"  generated {max(sizes):,} articles ({mb:.1f} MB)")

        if "batch" in modes:
            snapshot = merged_snapshot(tmpdir / "all-snapshots.json")
            arenas = os.environ.get("MALLOC_ARENA_MAX")
            print(f"batch (`verifier batch --jobs {args.jobs}`, one fresh process per size"
                  f"{', MALLOC_ARENA_MAX=' + arenas if arenas else ''}):")
            print(f"  {'articles':>9} {'peak RSS MB':>12} {'seconds':>9} {'articles/s':>11} {'reports':>8}")
            for size in sizes:
                subset = tmpdir / f"subset-{size}"
                subset.mkdir()
                for path in sorted(folder.iterdir())[:size]:
                    os.link(path, subset / path.name)
                out = tmpdir / f"out-{size}"
                seconds, peak, written = run_batch(subset, snapshot, out, env, args.jobs)
                print(f"  {size:>9,} {peak:>12.1f} {seconds:>9.1f} {size / seconds:>11.1f} {written:>8,}")
                shutil.rmtree(subset)
                shutil.rmtree(out, ignore_errors=True) if out.is_dir() else out.unlink(missing_ok=True)

        if "loop" in modes:
            print("loop (verify() in one process, each report appended to a JSONL file):")
            print(f"  {'articles':>9} {'peak RSS MB':>12} {'seconds':>9}")
            cmd = [sys.executable, __file__, "--child", str(folder), ",".join(map(str, sizes)), str(tmpdir / "loop.jsonl")]
            proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
            if proc.returncode != 0:
                raise SystemExit(f"loop failed: {proc.stderr[-800:]}")
            for line in proc.stdout.splitlines():
                row = json.loads(line)
                print(f"  {row['n']:>9,} {row['peak_mb']:>12.1f} {row['seconds']:>9.1f}")


if __name__ == "__main__":
    main()
