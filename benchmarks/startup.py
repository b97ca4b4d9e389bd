"""Start-up cost: `verifier --help` and a one-article offline `check`, as ratios to `python -c pass`.

Each command runs ``--runs`` times in a fresh process (after one warm-up run that fills the OS
file cache and writes .pyc files); the median wall time is reported, and the ratio to the bare
interpreter's median. Also ``import verifier`` and ``python -m verifier --help``.

    .venv/bin/python benchmarks/startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import ROOT, machine  # noqa: E402

EXAMPLE = ROOT / "fixtures" / "articles" / "amazon-restructuring.txt"
SNAPSHOT = ROOT / "fixtures" / "market" / "amzn-2026-01.json"


def _verifier_exe() -> list[str]:
    exe = Path(sys.executable).with_name("verifier")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "verifier"]


def timed(cmd: list[str], runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """(median, min, max) seconds of ``runs`` fresh runs; fails loudly if the command fails."""
    proc = subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT)  # warm-up
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, capture_output=True, env=env, cwd=ROOT, check=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # isolated: no history, cache or config of the user's; no LLM configured, no network
        env = {
            k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "VERIFIER_MODEL")
        }
        env.update(VERIFIER_HOME=f"{tmp}/home", VERIFIER_CACHE_DIR=f"{tmp}/cache", VERIFIER_CONFIG=f"{tmp}/config.toml")
        verifier = _verifier_exe()
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("python -c 'import verifier'", [sys.executable, "-c", "import verifier"]),
            ("verifier --help", [*verifier, "--help"]),
            ("verifier --version", [*verifier, "--version"]),
            (
                "verifier check EXAMPLE (rules, snapshot, json)",
                [*verifier, "check", str(EXAMPLE), "--extractor", "rules", "--market", str(SNAPSHOT), "--format", "json", "--no-log"],
            ),
            (
                "verifier check EXAMPLE (rules, snapshot, text)",
                [*verifier, "check", str(EXAMPLE), "--extractor", "rules", "--market", str(SNAPSHOT), "--no-log"],
            ),
        ]
        print(f"start-up — {dt.date.today().isoformat()} — {machine()}")
        print(f"median of {args.runs} fresh runs each (after one warm-up)")
        base = None
        print(f"  {'command':<48} {'median ms':>10} {'min':>8} {'max':>8} {'x python':>9}")
        for label, cmd in commands:
            med, lo, hi = timed(cmd, args.runs, env)
            base = base or med
            print(f"  {label:<48} {1000 * med:>10.1f} {1000 * lo:>8.1f} {1000 * hi:>8.1f} {med / base:>9.1f}")


if __name__ == "__main__":
    main()
