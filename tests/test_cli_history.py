"""`verifier check` stores runs; `history` lists them; `show` re-renders them exactly, offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import verifier.pipeline
from verifier.report import render
from verifier.schemas import Report
from verifier.store import History

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "sample-report.json"


def sample() -> Report:
    return Report.from_json(SAMPLE.read_text(encoding="utf-8"))


@pytest.fixture
def runner(cli):
    """Runs the CLI in-process through main(), as a user would: exit code, stdout, stderr."""
    return cli


@pytest.fixture
def fake_verify(monkeypatch):
    """`check` without the extraction and checks: the pipeline returns the sample report."""
    calls = []

    def verify(doc, **kwargs):  # noqa: ANN001, ANN003
        calls.append(doc)
        return sample()

    monkeypatch.setattr(verifier.pipeline, "verify", verify)
    return calls


def invoke(runner, *args):  # noqa: ANN001, ANN002
    return runner(*args)


def test_check_stores_the_run_and_show_gives_identical_json(runner, fake_verify, example_article):
    first = invoke(runner, "check", str(example_article), "--format", "json", "--market", "none")
    assert first.exit_code == 0, first.output
    listing = invoke(runner, "history", "--format", "json")
    runs = [json.loads(line) for line in listing.stdout.splitlines()]
    assert len(runs) == 1 and runs[0]["contradicted"] == 1
    shown = invoke(runner, "show", runs[0]["id"], "--format", "json")
    assert shown.exit_code == 0
    assert shown.stdout == first.stdout  # byte for byte, without re-fetching anything


def test_show_renders_every_format_from_the_store(runner, fake_verify, example_article, tmp_path):
    invoke(runner, "check", str(example_article), "--market", "none")
    run_id = History.open().list()[0].id
    report = sample()
    md = invoke(runner, "show", run_id, "--format", "md")
    assert md.stdout == render(report, "md")
    out = tmp_path / "r.html"
    html = invoke(runner, "show", run_id[:12], "--format", "html", "--out", str(out))
    assert html.exit_code == 0 and out.read_text(encoding="utf-8") == render(report, "html")
    text = invoke(runner, "show", run_id, "--format", "text")
    assert "CONTRADICTED" in text.stdout
    assert len(fake_verify) == 1  # show never ran the pipeline


def test_no_log_skips_the_history(runner, fake_verify, example_article):
    result = invoke(runner, "check", str(example_article), "--no-log", "--market", "none")
    assert result.exit_code == 0
    assert History.open().count() == 0


def test_history_filters_and_empty_state(runner):
    empty = invoke(runner, "history")
    assert empty.exit_code == 0 and "no runs stored" in empty.stderr
    with History.open() as store:
        report = sample()
        only_msft = report.model_copy(update={"claims": [c for c in report.claims if c.ticker == "MSFT"]})
        a = store.save(report)
        b = store.save(only_msft)
    table = invoke(runner, "history")
    assert table.stdout.splitlines()[0].startswith("RUN ID") and a in table.stdout and b in table.stdout
    contradicted = invoke(runner, "history", "--verdict", "contradicted")
    assert a in contradicted.stdout and b not in contradicted.stdout
    msft = invoke(runner, "history", "--ticker", "msft", "--limit", "1")
    assert b in msft.stdout or a in msft.stdout
    assert len(msft.stdout.splitlines()) == 2  # header + 1
    bad = invoke(runner, "history", "--verdict", "maybe")
    assert bad.exit_code == 2 and "unknown verdict 'maybe'" in bad.stderr


def test_show_unknown_run_and_bad_format(runner):
    missing = invoke(runner, "show", "20990101-000000-ffff")
    assert missing.exit_code == 2 and "no run" in missing.stderr and "verifier history" in missing.stderr
    bad = invoke(runner, "show", "x", "--format", "pdf")
    assert bad.exit_code == 2 and "unknown --format 'pdf'" in bad.stderr


def test_history_that_cannot_be_written_does_not_fail_the_check(runner, fake_verify, example_article, monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("VERIFIER_HOME", str(blocker / "home"))  # cannot be created: as good as read-only
    result = invoke(runner, "check", str(example_article), "--format", "json", "--market", "none")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["summary"]["claims"] == 8
    assert "warning: run not stored in history" in result.stderr and "--no-log" in result.stderr


def test_full_history_does_not_fail_the_check(runner, fake_verify, example_article, monkeypatch):
    real_open = History.open.__func__

    def full_open(cls, path=None):  # noqa: ANN001
        store = real_open(cls, path)
        store.connection.execute("PRAGMA max_page_count = 1")  # the disk is full
        return store

    with History.open():
        pass  # the schema exists; only new rows fail
    monkeypatch.setattr(History, "open", classmethod(full_open))
    result = invoke(runner, "check", str(example_article), "--market", "none")
    assert result.exit_code == 0
    assert "warning: run not stored in history" in result.stderr and "full" in result.stderr
