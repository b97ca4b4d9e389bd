"""The run history: stored reports come back byte for byte, queries filter, migrations are numbered."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from verifier.store import DB_NAME, MIGRATIONS, SCHEMA_VERSION, History, HistoryError, format_runs, redact_secrets
from verifier.schemas import Report

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "sample-report.json"


def sample(**run) -> Report:  # noqa: ANN003
    report = Report.from_json(SAMPLE.read_text(encoding="utf-8"))
    if run:
        report = report.model_copy(update={"run": report.run.model_copy(update=run)})
    return report


def only_claims(report: Report, verdicts: set[str], ticker: str | None = None) -> Report:
    claims = [c for c in report.claims if c.verdict in verdicts and (ticker is None or c.ticker == ticker)]
    return report.model_copy(update={"claims": claims})


@pytest.fixture
def history(tmp_path):
    store = History.open(tmp_path / "h.sqlite3")
    yield store
    store.close()


def test_default_location_is_under_verifier_home(monkeypatch, tmp_path):
    monkeypatch.setenv("VERIFIER_HOME", str(tmp_path / "home"))
    with History.open() as store:
        assert store.path == tmp_path / "home" / DB_NAME
    assert (tmp_path / "home" / DB_NAME).exists()


def test_saved_report_comes_back_identical(history):
    report = sample()
    run_id = history.save(report)
    assert history.get_json(run_id) == report.to_json()
    assert history.get(run_id) == report


def test_run_ids_are_unique_and_a_unique_prefix_resolves(history):
    a = history.save(sample())
    b = history.save(sample())
    assert a != b and a[:15] == b[:15]  # same start time, different suffix
    assert history.resolve(a) == a
    if not b.startswith(a[:-1]):  # 1 in 4096 the random suffixes share their first three digits
        assert history.resolve(a[:-1]) == a
    with pytest.raises(HistoryError, match="ambiguous"):
        history.resolve(a[:15])
    with pytest.raises(HistoryError, match="no run 'nope'.*verifier history"):
        history.get("nope")


def test_list_newest_first_with_limit(history):
    first = history.save(sample(started_at=dt.datetime(2026, 2, 1, tzinfo=dt.timezone.utc)))
    second = history.save(sample(started_at=dt.datetime(2026, 2, 3, tzinfo=dt.timezone.utc)))
    third = history.save(sample(started_at=dt.datetime(2026, 2, 2, tzinfo=dt.timezone.utc)))
    assert [r.id for r in history.list()] == [second, third, first]
    assert [r.id for r in history.list(limit=1)] == [second]
    assert len(history.list(limit=0)) == 3
    row = history.list(limit=1)[0]
    assert (row.claims, row.supported, row.contradicted, row.risk, row.tickers) == (8, 5, 1, "high", "AMZN,MSFT")


def test_filters_by_ticker_and_verdict(history):
    base = sample()
    amzn_ok = history.save(only_claims(base, {"supported"}, "AMZN"))
    msft = history.save(only_claims(base, {"no_data"}, "MSFT"))
    contradicted = history.save(only_claims(base, {"contradicted"}))
    assert {r.id for r in history.list(ticker="amzn")} == {amzn_ok, contradicted}
    assert [r.id for r in history.list(ticker="MSFT")] == [msft]
    assert [r.id for r in history.list(verdict="contradicted")] == [contradicted]
    assert [r.id for r in history.list(ticker="MSFT", verdict="supported")] == []
    with pytest.raises(HistoryError, match="unknown verdict 'wrong'"):
        history.list(verdict="wrong")


def test_tables_hold_documents_runs_claims_flags_evidence(history):
    report = sample()
    run_id = history.save(report)
    history.save(report)
    db = sqlite3.connect(history.path)
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 1  # same text stored once
    assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
    claims = db.execute("SELECT claim_id, kind, verdict, ticker FROM claims WHERE run_id = ? ORDER BY claim_id", (run_id,)).fetchall()
    assert len(claims) == len(report.claims) and ("c2", "analyst_rating", "contradicted", "AMZN") in claims
    flags = db.execute("SELECT technique FROM flags WHERE run_id = ? ORDER BY position", (run_id,)).fetchall()
    assert [f[0] for f in flags] == [f.technique for f in report.flags]
    evidence = db.execute("SELECT claim_id, value, date FROM evidence WHERE run_id = ? AND claim_id = 'c1'", (run_id,)).fetchall()
    assert ("c1", "241.73", "2026-01-29") in evidence
    db.close()


def test_fresh_database_has_all_migrations_and_reopening_keeps_data(tmp_path):
    path = tmp_path / "h.sqlite3"
    with History.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION == MIGRATIONS[-1][0]
        run_id = store.save(sample())
    assert [v for v, _ in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))  # numbered, no gaps
    with History.open(path) as store:
        assert store.get(run_id) == sample()


def test_database_from_a_newer_verifier_is_refused(tmp_path):
    path = tmp_path / "h.sqlite3"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(HistoryError, match="newer than this verifier.*upgrade verifier"):
        History.open(path)


def test_a_corrupt_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "h.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="cannot be used.*move the file away"):
        History.open(path)


def test_history_location_that_cannot_be_created(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(HistoryError, match="set VERIFIER_HOME to a writable folder"):
        History.open(blocker / "sub" / "h.sqlite3")


def test_a_full_database_raises_history_error(history):
    history.save(sample())
    history.connection.execute("PRAGMA max_page_count = 1")  # as good as a full disk
    with pytest.raises(HistoryError, match="cannot write.*free disk space"):
        history.save(sample())


def test_api_keys_are_never_stored(history, monkeypatch):
    key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"
    monkeypatch.setenv("OPENAI_API_KEY", key)
    monkeypatch.setenv("MY_ENDPOINT_TOKEN", "tok_1234567890secret")
    report = sample()
    report.run.notes.append(f"LLM call failed with key {key} and token tok_1234567890secret")
    run_id = history.save(report)
    raw = Path(history.path).read_bytes()
    assert key.encode() not in raw and b"tok_1234567890secret" not in raw
    assert "[redacted]" in history.get(run_id).run.notes[-1]


def test_redact_secrets_leaves_ordinary_text_alone():
    assert redact_secrets("skip-this is fine; sk-short") == "skip-this is fine; sk-short"
    assert redact_secrets("key sk-ABCDEFGHIJKLMNOPQRSTUV end") == "key [redacted] end"


def test_format_runs_text_and_json(history):
    run_id = history.save(sample())
    runs = history.list()
    text = format_runs(runs)
    assert text.splitlines()[0].startswith("RUN ID") and run_id in text and "8: 5/1/1/1" in text and "high 0.82" in text
    line = json.loads(format_runs(runs, "json"))
    assert line["id"] == run_id and line["contradicted"] == 1


def test_a_stored_report_this_version_cannot_read_still_gives_its_json(history):
    run_id = history.save(sample())
    broken = json.loads(history.get_json(run_id))
    broken["schema_version"] = 99
    history.connection.execute("UPDATE runs SET report_json = ? WHERE id = ?", (json.dumps(broken), run_id))
    history.connection.commit()
    with pytest.raises(HistoryError, match="cannot be read by this verifier.*--format json"):
        history.get(run_id)
    assert json.loads(history.get_json(run_id))["schema_version"] == 99


def test_wal_history_takes_concurrent_writers_without_locking_errors(tmp_path):
    """Four connections writing at once (as `verifier serve` and a terminal's `check` may): every run lands once."""
    import threading

    path = tmp_path / "wal.sqlite3"
    History.open(path, wal=True).close()
    errors: list[BaseException] = []
    ids: list[str] = []
    lock = threading.Lock()

    def writer() -> None:
        try:
            with History.open(path, wal=True) as store:
                for _ in range(15):
                    run_id = store.save(sample())
                    with lock:
                        ids.append(run_id)
        except BaseException as exc:  # noqa: BLE001 - collected and asserted on
            errors.append(exc)

    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with History.open(path) as store:
        assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.count() == 60 and len(set(ids)) == 60
        assert {r.id for r in store.list(limit=0)} == set(ids)


def test_list_pages_with_offset_and_extra_secrets_are_redacted(tmp_path):
    secret = "serve-token-abcdefghijklmnop"
    with History.open(tmp_path / "h.sqlite3", secrets=(secret,)) as store:
        report = sample()
        leaked = report.model_copy(update={"run": report.run.model_copy(update={"notes": [f"token {secret}"]})})
        first = store.save(leaked)
        second = store.save(sample())
        assert [r.id for r in store.list(limit=1)] == [second]
        assert [r.id for r in store.list(limit=1, offset=1)] == [first]
        assert secret not in store.get_json(first) and "token [redacted]" in store.get_json(first)
