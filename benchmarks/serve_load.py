"""Load on `verifier serve` over loopback: concurrent clients posting corpus articles to POST /api/v1/check.

The server runs in its own process (as `verifier serve` does) with the rule engine and the bundled
snapshots; the clients are threads of this process, each on one keep-alive connection. Every
request is a different article (corpus articles with their prices nudged per copy, so no two
texts are alike) with the publication time from its labels. Prints throughput, latency
percentiles, errors, the market fetches the server made and shared, and checks that every
answered check is in the history exactly once.

    .venv/bin/python benchmarks/serve_load.py [--requests 2000] [--clients 8] [--jobs 4] [--time-cap 300]

Bounded: at most 2,000 requests, stopped at the time cap, loopback (127.0.0.1) only. Nothing is
written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import ROOT, corpus_items, machine, variant  # noqa: E402

MAX_REQUESTS = 2000
HOST = "127.0.0.1"


def child(args: argparse.Namespace) -> None:
    """The server process: `verifier serve` with every bundled snapshot as its market data."""
    from _corpus import AllSnapshots

    from verifier.serve import ServeSettings, run_server

    settings = ServeSettings(
        host=HOST, port=0, market=AllSnapshots(), extractor="rules", history_path=Path(args.history),
        jobs=args.jobs, timeout=60,
    )

    def ready(url: str) -> None:
        Path(args.url_file).write_text(url, encoding="utf-8")

    run_server(settings, log_level="warning", on_ready=ready)


def baseline(items: list) -> None:
    """The same pipeline in this process, no HTTP: what one core does, for comparison."""
    from _corpus import AllSnapshots

    from verifier.pipeline import verify

    market = AllSnapshots()
    for item in items[:5]:  # warm-up: imports, exchange calendars
        verify(item.text, extractor="rules", market=market, published_at=item.published_at)
    n = 2 * len(items)
    started, cpu = time.perf_counter(), time.process_time()
    for i in range(n):
        item = items[i % len(items)]
        verify(variant(item.text, i), extractor="rules", market=market, published_at=item.published_at)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"baseline: verify() in one process, no HTTP, no history: {n / seconds:.1f} articles/s "
          f"({1000 * seconds / n:.1f} ms each, {1000 * cpu / n:.1f} ms of CPU each)")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=MAX_REQUESTS)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--jobs", type=int, default=4, help="the server's worker threads")
    parser.add_argument("--time-cap", type=float, default=300.0, help="seconds; the run stops there")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--history", help=argparse.SUPPRESS)
    parser.add_argument("--url-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    total = max(1, min(args.requests, MAX_REQUESTS))
    print(f"machine: {machine()}")

    where, items = corpus_items()
    bodies = []
    for i in range(total):
        item = items[i % len(items)]
        body = {"text": variant(item.text, i), "source": f"{item.path.name}#{i}"}
        if item.published_at:
            body["published"] = item.published_at
        bodies.append(json.dumps(body).encode("utf-8"))
    print(f"{total} requests over {len(items)} articles of {where}, {args.clients} clients, server with {args.jobs} worker threads")
    baseline(items)

    with tempfile.TemporaryDirectory() as tmp:
        history = Path(tmp) / "history.sqlite3"
        url_file = Path(tmp) / "url"
        env = {**os.environ, "VERIFIER_HOME": tmp, "VERIFIER_CACHE_DIR": tmp}
        env.pop("VERIFIER_SERVE_TOKEN", None)
        server = subprocess.Popen(
            [sys.executable, __file__, "--child", "--history", str(history), "--url-file", str(url_file), "--jobs", str(args.jobs)],
            cwd=ROOT, env=env,
        )
        try:
            deadline = time.monotonic() + 60
            while not url_file.exists():
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the server did not start")
                time.sleep(0.05)
            url = url_file.read_text(encoding="utf-8")
            port = int(url.rsplit(":", 1)[1])
            assert url.startswith(f"http://{HOST}:"), url  # loopback only
            results = run_load(port, bodies, args.clients, args.time_cap)
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
            conn.request("GET", "/healthz")
            health = json.loads(conn.getresponse().read())
            conn.close()
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(10)
        import resource

        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        results["server_cpu"] = usage.ru_utime + usage.ru_stime
        report(results, health, history, total)


def run_load(port: int, bodies: list[bytes], clients: int, time_cap: float) -> dict:
    lock = threading.Lock()
    state = {"next": 0}
    latencies: list[float] = []
    errors: list[str] = []
    run_ids: list[str] = []
    stop_at = time.monotonic() + time_cap

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=120)
        while True:
            with lock:
                i = state["next"]
                if i >= len(bodies) or time.monotonic() > stop_at:
                    break
                state["next"] += 1
            started = time.perf_counter()
            try:
                conn.request("POST", "/api/v1/check", body=bodies[i], headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                payload = response.read()
                elapsed = time.perf_counter() - started
                with lock:
                    if response.status == 200 and json.loads(payload).get("schema_version") == 1:
                        latencies.append(elapsed)
                        run_ids.append(response.getheader("X-Verifier-Run-Id") or "")
                    else:
                        errors.append(f"{response.status}: {payload[:200]!r}")
            except (OSError, http.client.HTTPException, ValueError) as exc:
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}")
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=120)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"seconds": time.perf_counter() - started, "latencies": latencies, "errors": errors, "run_ids": run_ids,
            "sent": state["next"]}


def report(results: dict, health: dict, history: Path, total: int) -> None:
    lat = results["latencies"]
    done = len(lat)
    print(f"sent {results['sent']} of {total} in {results['seconds']:.1f} s; {done} answered 200, {len(results['errors'])} errors")
    for line in results["errors"][:5]:
        print(f"  error: {line}")
    if lat:
        print(f"throughput: {done / results['seconds']:.1f} checks/s")
        print(
            "latency: p50 {:.0f} ms, p95 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms, mean {:.0f} ms".format(
                *(1000 * percentile(lat, q) for q in (0.5, 0.95, 0.99)), 1000 * max(lat), 1000 * statistics.mean(lat)
            )
        )
    if done:
        print(f"server CPU: {results['server_cpu']:.1f} s in all (start-up included), "
              f"{1000 * results['server_cpu'] / done:.1f} ms per check")
    print(f"server: {health.get('checks')} checks, market fetches {health.get('market_fetches')} "
          f"(+{health.get('market_fetches_shared')} answered by a fetch in flight)")
    con = sqlite3.connect(history)
    stored = [row[0] for row in con.execute("SELECT id FROM runs")]
    mode = con.execute("PRAGMA journal_mode").fetchone()[0]
    con.close()
    ids = results["run_ids"]
    exactly_once = len(stored) == len(set(stored)) == done and set(stored) == set(ids) and len(set(ids)) == len(ids)
    print(f"history ({mode}): {len(stored)} runs stored, {len(set(stored))} distinct; every answered check stored exactly once: "
          f"{'yes' if exactly_once else 'NO'}")


if __name__ == "__main__":
    main()
