"""Faults around the run: the market source, the LLM endpoint, the disk.

Whatever fails, the run finishes: claims that needed the missing part get ``no_data`` with a
reason that names what failed, the rest are still checked, and a failed store is a warning, not
a lost report.
"""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.document import load_document
from verifier.errors import MarketDataError, TickerNotFound
from verifier.extract.base import Extraction, ground_claim
from verifier.market.base import (
    AnalystActionRecord,
    MarketRequest,
    PriceHistory,
    Profile,
    ScheduledEventRecord,
    TickerData,
)
from verifier.market.snapshot import Snapshot
from verifier.pipeline import verify
from verifier.schemas import (
    AnalystRatingFields,
    ClaimDraft,
    ScheduledEventFields,
    StockPriceFields,
)

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
EXAMPLE = ROOT / "fixtures" / "articles" / "amazon-restructuring.txt"


# --------------------------------------------------------------------------- scripted parts


class ScriptedExtractor:
    """Three fixed claims of the bundled example, so these tests depend on no extraction engine."""

    name = "scripted"

    def extract(self, document) -> Extraction:  # noqa: ANN001
        drafts = [
            ClaimDraft(
                quote="Amazon shares were in a slight decline to $241.73",
                company="Amazon",
                fields=StockPriceFields(price=241.73, direction="down"),
            ),
            ClaimDraft(
                quote="Roth Capital raised its price target for Amazon to $295 from $270 this week",
                company="Amazon",
                fields=AnalystRatingFields(
                    firm="Roth Capital", price_target=295, previous_price_target=270, rating="Buy", action="raise_target",
                    window_start=dt.date(2026, 1, 26), window_end=dt.date(2026, 1, 30),
                ),
            ),
            ClaimDraft(
                quote="Amazon will publish its quarterly earnings on February 5, 2026",
                company="Amazon",
                fields=ScheduledEventFields(event="earnings", date=dt.date(2026, 2, 5)),
            ),
        ]
        claims = [ground_claim(document.text, d, f"c{i}") for i, d in enumerate(drafts, 1)]
        assert all(claims), "the scripted quotes must occur in the example article"
        return Extraction(claims=claims, extractor=self.name)  # type: ignore[arg-type]


class RaisingProvider:
    name = "raising"

    def __init__(self, exc: Exception):
        self.exc = exc
        self.calls = 0

    def describe(self) -> str:
        return "raising-test-provider"

    def fetch(self, request: MarketRequest) -> TickerData:
        self.calls += 1
        raise self.exc


class FixedProvider:
    name = "fixed"

    def __init__(self, data: TickerData):
        self.data = data

    def describe(self) -> str:
        return "fixed-test-provider"

    def fetch(self, request: MarketRequest) -> TickerData:
        return self.data


def amzn() -> TickerData:
    return Snapshot.load(SNAPSHOT).tickers["AMZN"]


def audit(market) -> "Report":  # noqa: ANN001, F821
    return verify(EXAMPLE, extractor=ScriptedExtractor(), market=market)


def by_kind(report) -> dict:  # noqa: ANN001
    return {c.kind: c for c in report.claims}


# --------------------------------------------------------------------------- market source


def test_baseline_every_scripted_claim_is_supported():
    report = audit(FixedProvider(amzn()))
    assert [c.verdict for c in report.claims] == ["supported"] * 3


@pytest.mark.parametrize(
    "exc, words",
    [
        (MarketDataError("Yahoo Finance rate-limited the request (HTTP 429); retry in a minute"), ("rate-limited",)),
        (MarketDataError("network unreachable; check the connection or use a snapshot"), ("network unreachable",)),
        (TickerNotFound("AMZN is not known to the source"), ("AMZN",)),
    ],
    ids=["rate-limit", "offline", "unknown-ticker"],
)
def test_provider_raising_gives_no_data_that_says_why(exc, words):
    provider = RaisingProvider(exc)
    report = audit(provider)
    assert provider.calls == 1  # one fetch per ticker, not one per claim
    assert [c.verdict for c in report.claims] == ["no_data"] * 3
    for claim in report.claims:
        for word in words:
            assert word in claim.reason, claim.reason
    assert report.summary.no_data == 3
    assert any(str(exc) in note for note in report.run.notes) or isinstance(exc, TickerNotFound)


@pytest.mark.parametrize(
    "exc", [ConnectionResetError("connection reset by peer"), TimeoutError("read timed out")], ids=["reset", "timeout"]
)
def test_provider_raising_an_os_error_still_finishes(exc):
    """A source that leaks a socket error (instead of MarketDataError) must not crash the run."""
    report = audit(RaisingProvider(exc))
    assert [c.verdict for c in report.claims] == ["no_data"] * 3
    assert all(str(exc) in c.reason for c in report.claims)


def test_empty_ticker_data_never_gives_a_verdict_and_says_what_is_missing():
    report = audit(FixedProvider(TickerData(ticker="AMZN")))
    claims = by_kind(report)
    for claim in report.claims:
        assert claim.verdict in ("no_data", "unverifiable"), (claim.kind, claim.verdict, claim.reason)
    assert claims["stock_price"].verdict == "no_data" and "bars" in claims["stock_price"].reason
    assert claims["analyst_rating"].verdict == "no_data" and "analyst" in claims["analyst_rating"].reason
    # an empty calendar is "the data holds nothing on it" (README): unverifiable, with the reason
    assert "event" in claims["scheduled_event"].reason


def test_parts_the_source_reports_missing_give_no_data_with_its_words():
    missing = [
        "prices: Yahoo Finance returned HTTP 503 for the history request",
        "analyst actions: upgrades/downgrades endpoint timed out",
        "events: earnings calendar unavailable (HTTP 404)",
    ]
    report = audit(FixedProvider(TickerData(ticker="AMZN", missing=missing)))
    claims = by_kind(report)
    assert claims["stock_price"].verdict == "no_data" and "HTTP 503" in claims["stock_price"].reason
    assert claims["analyst_rating"].verdict == "no_data" and "timed out" in claims["analyst_rating"].reason
    assert claims["scheduled_event"].verdict == "no_data" and "HTTP 404" in claims["scheduled_event"].reason


def test_partial_data_checks_what_it_can():
    """No price bars, but analyst actions and the calendar: only the price claim lacks data."""
    full = amzn()
    partial = TickerData(
        ticker="AMZN",
        profile=full.profile,
        prices=PriceHistory(bars=[]),
        analyst_actions=full.analyst_actions,
        events=full.events,
        missing=["prices: the source returned no bars for 2026-01-15..2026-02-10"],
    )
    claims = by_kind(audit(FixedProvider(partial)))
    assert claims["stock_price"].verdict == "no_data"
    assert "price" in claims["stock_price"].reason.lower() or "bar" in claims["stock_price"].reason.lower()
    assert claims["analyst_rating"].verdict == "supported"
    assert claims["scheduled_event"].verdict == "supported"


def test_bars_that_stop_before_publication_give_unverifiable_not_a_stale_verdict():
    # the source has the ticker's bars, but not the session the price needs: a coverage gap (README, "JSON report")
    full = amzn()
    early = full.model_copy(deep=True)
    early.prices.bars = [b for b in early.prices.bars if b.date <= dt.date(2026, 1, 22)]
    claims = by_kind(audit(FixedProvider(early)))
    assert claims["stock_price"].verdict == "unverifiable", claims["stock_price"].reason
    assert "the bars cover 2026-01-20 to 2026-01-22" in claims["stock_price"].reason


# --------------------------------------------------------------------------- disk: history and caches


def _blocked_dir(tmp_path: Path) -> Path:
    """A directory path nobody can create or write, even root: its parent is a regular file."""
    wall = tmp_path / "not-a-folder"
    wall.write_text("a file where a folder should be", encoding="utf-8")
    return wall / "verifier"


def _read_only_dir(tmp_path: Path) -> Path:
    """chmod 0o500 when that blocks writes (not root); otherwise the parent-is-a-file trick."""
    ro = tmp_path / "read-only"
    ro.mkdir()
    ro.chmod(0o500)
    probe = ro / "probe"
    try:
        probe.write_text("x")
    except OSError:
        return ro
    probe.unlink()
    ro.chmod(0o700)
    return _blocked_dir(tmp_path)


def run_cli(*args: str, env: dict[str, str], timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "verifier", *args],
        capture_output=True, timeout=timeout, env={**os.environ, **env, "NO_COLOR": "1"}, cwd=ROOT, stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize("how", ["parent-is-a-file", "read-only"])
def test_cli_finishes_when_history_and_cache_cannot_be_written(tmp_path, how):
    blocked = _blocked_dir(tmp_path) if how == "parent-is-a-file" else _read_only_dir(tmp_path)
    proc = run_cli(
        "check", str(EXAMPLE), "--extractor", "rules", "--market", str(SNAPSHOT), "--format", "json",
        env={"VERIFIER_HOME": str(blocked / "home"), "VERIFIER_CACHE_DIR": str(blocked / "cache")},
    )
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert proc.returncode == 0, err
    report = json.loads(proc.stdout)
    assert report["summary"]["claims"] > 0
    for line in err.strip().splitlines():  # at most a warning that says how to avoid it
        assert line.startswith("warning:") and ("--no-log" in line or "cache" in line), line


def test_disk_full_while_writing_history_is_a_warning(monkeypatch, tmp_path, capsys):
    """ENOSPC on any write under VERIFIER_HOME: the report is still printed."""
    from typer.testing import CliRunner

    from verifier.cli import app

    home = Path(os.environ["VERIFIER_HOME"])
    real_open = Path.open

    def full_open(self, mode="r", *args, **kwargs):  # noqa: ANN001
        if any(m in mode for m in "wax+") and str(self).startswith(str(home)):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", full_open)
    import sqlite3

    real_connect = sqlite3.connect

    def full_connect(database, *args, **kwargs):  # noqa: ANN001
        if str(database).startswith(str(home)):
            raise sqlite3.OperationalError("database or disk is full")
        return real_connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", full_connect)
    result = CliRunner().invoke(
        app, ["check", str(EXAMPLE), "--extractor", "rules", "--market", str(SNAPSHOT), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    assert '"schema_version": 1' in result.stdout
    assert "warning: run not stored in history" in result.stderr and "--no-log" in result.stderr
    assert not list(home.rglob("*.sqlite*")) or all(p.stat().st_size == 0 for p in home.rglob("*.sqlite*"))


def test_out_file_on_a_full_disk_is_one_clear_error(tmp_path):
    blocked = _blocked_dir(tmp_path) / "report.json"
    proc = run_cli(
        "check", str(EXAMPLE), "--extractor", "rules", "--market", str(SNAPSHOT), "--format", "json", "--no-log",
        "--out", str(blocked), env={},
    )
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2, err
    assert err.startswith("error: cannot write") and "--out" in err and "\n" not in err


def test_snapshot_that_vanishes_or_is_truncated_is_a_clear_error(tmp_path):
    truncated = tmp_path / "snap.json"
    truncated.write_text(SNAPSHOT.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    proc = run_cli("check", str(EXAMPLE), "--extractor", "rules", "--market", str(truncated), "--no-log", env={})
    err = proc.stderr.decode().strip()
    assert proc.returncode == 2 and err.startswith("error:") and "not valid JSON" in err, err
    assert load_document(str(EXAMPLE)).text  # the article itself was fine


# --------------------------------------------------------------------------- LLM endpoint

LLM_REPLY = ROOT / "fixtures" / "llm" / "amazon-restructuring.json"


def free_port() -> int:
    """A loopback port nobody listens on."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def llm(url: str, **overrides) -> "LLMSettings":  # noqa: F821
    from verifier.config import LLMSettings

    values = dict(model="scripted-model", base_url=url, api_key="sk-test-secret-key", use_cache=False, timeout=5,
                  connect_timeout=2, max_retries=1, transport_retries=2, backoff=0.01, max_backoff=0.05)
    values.update(overrides)
    return LLMSettings(**values)


def good_steps() -> list[dict]:
    from tests.llm_server import load_steps

    return load_steps(LLM_REPLY)


GARBAGE = {
    "prose": [{"content": "Sure! Amazon looks like a great buy. No JSON today."}],
    "wrong-json": [{"content": '{"answer": 42, "claims": "none"}'}],
    "not-a-completion": [{"raw_body": "<html><body>502 Bad Gateway</body></html>"}],
    "server-error": [{"status": 500, "headers": {"Retry-After": "0"}}],
    "rate-limited": [{"status": 429, "headers": {"Retry-After": "0"}}],
    "unauthorised": [{"status": 401}],
}


def test_llm_endpoint_down_is_one_clear_error():
    from verifier.errors import LLMError

    with pytest.raises(LLMError) as info:
        verify(EXAMPLE, extractor="llm", market=str(SNAPSHOT), llm_settings=llm(f"http://127.0.0.1:{free_port()}/v1"))
    message = str(info.value)
    assert "unreachable" in message and "--extractor rules" in message
    assert "sk-test-secret-key" not in message


def test_llm_endpoint_slow_times_out_quickly():
    import time

    from tests.llm_server import ScriptedLLMServer
    from verifier.errors import LLMError

    import instructor  # noqa: F401 - imported before the clock starts: only the wait is timed
    import openai  # noqa: F401

    with ScriptedLLMServer([{"sleep": 6, **good_steps()[0]}]) as server:
        started = time.monotonic()
        with pytest.raises(LLMError, match="did not answer within"):
            verify(EXAMPLE, extractor="llm", market=str(SNAPSHOT), llm_settings=llm(server.url, timeout=0.5))
        assert time.monotonic() - started < 5, "the client waited for the slow answer: the timeout did not apply"


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_llm_garbage_is_one_clear_error_without_the_key(name):
    from tests.llm_server import ScriptedLLMServer
    from verifier.errors import LLMError

    with ScriptedLLMServer(GARBAGE[name]) as server:
        with pytest.raises(LLMError) as info:
            verify(EXAMPLE, extractor="llm", market=str(SNAPSHOT), llm_settings=llm(server.url))
        requests = len(server.requests)
    message = str(info.value)
    assert "LLM endpoint" in message and "sk-test-secret-key" not in message
    assert requests <= 4, f"{requests} requests for one article: retries must be bounded"


@pytest.mark.parametrize("fault", ["down", "slow", "prose", "server-error"])
def test_auto_extractor_falls_back_to_rules_and_says_why(fault):
    from tests.llm_server import ScriptedLLMServer

    steps = {"slow": [{"sleep": 3, **good_steps()[0]}], "prose": GARBAGE["prose"], "server-error": GARBAGE["server-error"]}
    with ScriptedLLMServer(steps.get(fault, [])) as server:
        url = f"http://127.0.0.1:{free_port()}/v1" if fault == "down" else server.url
        report = verify(EXAMPLE, extractor="auto", market=str(SNAPSHOT), llm_settings=llm(url, timeout=0.5))
    assert report.run.extractor == "rules"
    assert any("fell back to the rule engine" in note for note in report.run.notes), report.run.notes
    assert report.summary.claims > 0 and report.summary.supported > 0


def test_cli_llm_down_exits_3_with_one_line(tmp_path):
    proc = run_cli(
        "check", str(EXAMPLE), "--extractor", "llm", "--market", str(SNAPSHOT), "--no-log",
        env={"OPENAI_BASE_URL": f"http://127.0.0.1:{free_port()}/v1", "OPENAI_API_KEY": "sk-test-secret-key"},
    )
    err = proc.stderr.decode().strip()
    assert proc.returncode == 3, err
    assert err.startswith("error: LLM endpoint") and "\n" not in err and "sk-test-secret-key" not in err


def test_llm_cache_that_cannot_be_written_is_a_note(tmp_path, monkeypatch):
    from tests.llm_server import ScriptedLLMServer

    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(_blocked_dir(tmp_path)))
    with ScriptedLLMServer(good_steps()) as server:
        report = verify(EXAMPLE, extractor="llm", market=str(SNAPSHOT), llm_settings=llm(server.url, use_cache=True))
    assert report.run.extractor == "llm" and report.summary.supported >= 5
    assert any("cache" in note.lower() for note in report.run.notes), report.run.notes


# --------------------------------------------------------------------------- batch: no finished report is lost


def _articles(folder: Path, count: int) -> Path:
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for i in range(count):
        (folder / f"article-{i}.txt").write_text(text, encoding="utf-8")
    return folder


def _summary(out: Path) -> dict[str, dict]:
    lines = [json.loads(line) for line in (out / "summary.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return {line["id"]: line for line in lines}


def _assert_reports_intact(out: Path, ids) -> None:  # noqa: ANN001
    from verifier.schemas import Report

    for article_id in ids:
        report = Report.from_json((out / f"{article_id}.json").read_text(encoding="utf-8"))
        assert report.summary.claims > 0


def test_batch_keeps_finished_reports_when_the_llm_dies_midway(tmp_path):
    from tests.llm_server import ScriptedLLMServer
    from verifier.batch import run_batch

    folder = _articles(tmp_path / "in", 4)
    out = tmp_path / "out"
    dead = {"status": 503, "headers": {"Retry-After": "0"}}
    with ScriptedLLMServer([good_steps()[0], good_steps()[0], dead]) as server:
        result = run_batch(folder, out, jobs=1, extractor="llm", market=str(SNAPSHOT), llm_settings=llm(server.url))
    summary = _summary(out)
    ok = sorted(k for k, v in summary.items() if v["status"] == "ok")
    failed = sorted(k for k, v in summary.items() if v["status"] == "error")
    assert len(ok) == 2 and len(failed) == 2 and result.exit_code == 3
    assert all("HTTP 503" in summary[k]["error"] for k in failed)
    _assert_reports_intact(out, ok)
    assert not any((out / f"{k}.json").exists() for k in failed), "a failed article must not leave a half report"

    # the endpoint is back: a re-run does only what is missing
    with ScriptedLLMServer(good_steps()) as server:
        again = run_batch(folder, out, jobs=1, extractor="llm", market=str(SNAPSHOT), llm_settings=llm(server.url))
        assert len(server.requests) == 2
    assert again.skipped == 2 and again.ok == 2 and again.exit_code == 0
    _assert_reports_intact(out, summary)


def test_batch_disk_full_loses_only_the_report_being_written(tmp_path, monkeypatch):
    import verifier.batch as batch

    folder = _articles(tmp_path / "in", 4)
    out = tmp_path / "out"
    real = batch._write_atomic
    writes = {"n": 0}

    def filling_disk(path, text):  # noqa: ANN001
        writes["n"] += 1
        if writes["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, text)

    monkeypatch.setattr(batch, "_write_atomic", filling_disk)
    result = batch.run_batch(folder, out, jobs=1, extractor="rules", market=str(SNAPSHOT))
    summary = _summary(out)
    assert len(summary) == 4
    failed = [k for k, v in summary.items() if v["status"] == "error"]
    assert len(failed) == 1 and "No space left" in summary[failed[0]]["error"]
    _assert_reports_intact(out, [k for k in summary if k not in failed])
    assert result.exit_code == 3


def test_batch_interrupted_keeps_what_finished_and_resumes(tmp_path):
    from verifier.batch import run_batch

    folder = _articles(tmp_path / "in", 5)
    out = tmp_path / "out"
    seen = []

    def stop_after_two(item) -> None:  # noqa: ANN001
        seen.append(item.id)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(folder, out, jobs=1, extractor="rules", market=str(SNAPSHOT), on_result=stop_after_two)
    summary = _summary(out)
    assert set(seen) <= set(summary) and len(summary) >= 2
    _assert_reports_intact(out, [k for k, v in summary.items() if v["status"] == "ok"])
    again = run_batch(folder, out, jobs=1, extractor="rules", market=str(SNAPSHOT))
    assert again.skipped == len(summary) and again.ok == 5 - len(summary)
    assert len(_summary(out)) == 5


def test_batch_with_market_source_down_writes_no_data_reports(tmp_path):
    from verifier.batch import run_batch

    folder = _articles(tmp_path / "in", 3)
    out = tmp_path / "out"
    provider = RaisingProvider(MarketDataError("Yahoo Finance is unreachable; check the network or use a snapshot"))
    result = run_batch(folder, out, jobs=2, extractor="rules", market=provider)
    assert result.ok == 3 and not result.failed
    for line in _summary(out).values():
        report = json.loads((out / line["report"]).read_text(encoding="utf-8"))
        assert all(c["verdict"] == "no_data" and "unreachable" in c["reason"] for c in report["claims"])


def test_cli_batch_with_unwritable_history_still_writes_every_report(tmp_path):
    folder = _articles(tmp_path / "in", 3)
    out = tmp_path / "out"
    proc = run_cli(
        "batch", str(folder), "--out", str(out), "--extractor", "rules", "--market", str(SNAPSHOT),
        env={"VERIFIER_HOME": str(_blocked_dir(tmp_path))},
    )
    err = proc.stderr.decode()
    assert "Traceback" not in err and proc.returncode in (0, 1), err
    assert "warning:" in err and "--no-log" in err
    assert len(_summary(out)) == 3
    _assert_reports_intact(out, _summary(out))


def test_a_long_network_error_is_said_once_in_the_notes_and_short_under_each_claim():
    long = ("network unreachable; yfinance could not reach query2.finance.yahoo.com after 3 attempts "
            "(HTTPSConnectionPool: Max retries exceeded with url ...); check the connection or use a snapshot")
    report = audit(RaisingProvider(MarketDataError(long)))
    assert [c.verdict for c in report.claims] == ["no_data"] * 3
    assert sum(long in n for n in report.run.notes) == 1
    for claim in report.claims:
        assert "network unreachable" in claim.reason and "HTTPSConnectionPool" not in claim.reason
        assert "run notes" in claim.reason
