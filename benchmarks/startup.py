"""Start-up cost: `verifier --help` and a one-article offline `check`, as ratios to `python -c pass`.

Each command runs ``--runs`` times in a fresh process (after one warm-up run that fills the OS
file cache and writes .pyc files); the median wall time is reported, and the ratio to the bare
interpreter's median. Also ``import verifier``, ``verifier --version`` and ``verifier check --help``. Runs are interleaved
(every command once, then again), so load from other jobs hits all commands alike.

``--baseline REF`` also times the package as of git commit REF (exported to a temporary folder
and put first on PYTHONPATH, same interpreter and dependencies), in the same interleaved run,
so a before/after comparison does not depend on the machine's load at two different times.

    .venv/bin/python benchmarks/startup.py [--runs 15] [--baseline 68109cd]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tarfile
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


def _run(cmd: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh run; CPU (user + system) is less sensitive to other jobs."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else b""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.decode()[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def _export(ref: str, into: Path) -> Path:
    """The ``verifier`` package as of git commit ``ref``, unpacked under ``into``."""
    archive = into / "baseline.tar"
    subprocess.run(["git", "-C", str(ROOT), "archive", "-o", str(archive), ref, "verifier"], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "baseline")
    return into / "baseline"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--baseline", metavar="REF", help="also time the package as of this git commit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # isolated: no history, cache or config of the user's; no LLM configured, no network
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "VERIFIER_MODEL", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE")
        }  # bytecode written: the warm-up leaves .pyc files (and the regex cache beside them), as an install does
        env.update(VERIFIER_HOME=f"{tmp}/home", VERIFIER_CACHE_DIR=f"{tmp}/cache", VERIFIER_CONFIG=f"{tmp}/config.toml")
        verifier = _verifier_exe()
        check = [*verifier, "check", str(EXAMPLE), "--extractor", "rules", "--market", str(SNAPSHOT)]
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("python -c 'import verifier'", [sys.executable, "-c", "import verifier"]),
            ("verifier --help", [*verifier, "--help"]),
            ("verifier --version", [*verifier, "--version"]),
            ("verifier check --help", [*verifier, "check", "--help"]),
            ("verifier check EXAMPLE (rules, snapshot, json)", [*check, "--format", "json", "--no-log"]),
            ("verifier check EXAMPLE (rules, snapshot, text)", [*check, "--no-log"]),
        ]
        # (label suffix, environment, working folder): the working tree, and the baseline if asked
        # the working tree first on the path: the venv's `verifier` script would otherwise import the
        # editable install's package (/work/main), not this checkout
        variants = [("", {**env, "PYTHONPATH": str(ROOT)}, ROOT)]
        if args.baseline:
            base_dir = _export(args.baseline, Path(tmp))
            # cwd outside the worktree, so `python -c` does not find ./verifier before PYTHONPATH
            variants.append((f" @{args.baseline}", {**env, "PYTHONPATH": str(base_dir)}, Path(tmp)))
        jobs = [
            (label + suffix, cmd, e, cwd)
            for label, cmd in commands
            for suffix, e, cwd in (variants if cmd[0] != sys.executable or "pass" not in cmd else variants[:1])
        ]
        times: dict[str, list[float]] = {label: [] for label, *_ in jobs}
        cpu: dict[str, list[float]] = {label: [] for label, *_ in jobs}
        for _, cmd, e, cwd in jobs:  # warm-up: OS file cache, .pyc files
            _run(cmd, e, cwd)
        for _ in range(args.runs):
            for label, cmd, e, cwd in jobs:
                wall, used = _run(cmd, e, cwd)
                times[label].append(wall)
                cpu[label].append(used)
        print(f"start-up — {dt.date.today().isoformat()} — {machine()}")
        print(f"median of {args.runs} fresh runs each (after one warm-up), interleaved")
        base = statistics.median(times["python -c pass"])
        cpu_base = statistics.median(cpu["python -c pass"])
        print(f"  {'command':<58} {'median ms':>10} {'min':>8} {'max':>8} {'x python':>9} {'CPU ms':>8} {'x python':>9}")
        for label, values in times.items():
            med, used = statistics.median(values), statistics.median(cpu[label])
            print(
                f"  {label:<58} {1000 * med:>10.1f} {1000 * min(values):>8.1f} {1000 * max(values):>8.1f} "
                f"{med / base:>9.1f} {1000 * used:>8.1f} {used / cpu_base:>9.1f}"
            )

if __name__ == "__main__":
    main()
