"""Recording snapshots: what a live audit used can be written down and replayed offline."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.yahoo_replay import YahooReplay, guard_curl, run_cli
from verifier.errors import InputError, MarketDataError
from verifier.market.record import normalise_tickers, record_snapshot
from verifier.market.snapshot import Snapshot, SnapshotProvider
from verifier.market.yfinance import YFinanceProvider

RETRIEVED = dt.datetime(2026, 2, 7, 12, 0, tzinfo=dt.timezone.utc)


@pytest.fixture(autouse=True)
def _no_real_yahoo(monkeypatch):
    guard_curl(monkeypatch)


def yahoo() -> YFinanceProvider:
    return YFinanceProvider(session=YahooReplay(), now=lambda: RETRIEVED)


def test_recorded_snapshot_replays_the_live_audit(example_article, tmp_path):
    from verifier.pipeline import verify

    live = verify(example_article, extractor="rules", market=yahoo())
    recording = record_snapshot(["AMZN"], "2025-09-01", "2026-02-10", provider=yahoo())
    recording.snapshot.save(tmp_path / "amzn.json")
    replay = verify(example_article, extractor="rules", market=str(tmp_path / "amzn.json"))
    assert [(c.kind, c.verdict) for c in replay.claims] == [(c.kind, c.verdict) for c in live.claims]
    amzn = Snapshot.load(tmp_path / "amzn.json").tickers["AMZN"]
    assert amzn.prices.provenance.retrieved_at == RETRIEVED  # the evidence keeps when it was retrieved
    assert amzn.analyst_actions and amzn.events and amzn.profile and amzn.consensus


def test_a_ticker_that_fails_is_left_out_and_reported():
    recording = record_snapshot(["AMZN", "ZZZZZ"], "2026-01-20", "2026-02-04", provider=yahoo())
    assert list(recording.snapshot.tickers) == ["AMZN"]
    assert "unknown or delisted" in recording.failures["ZZZZZ"]


def test_nothing_recorded_is_an_error():
    with pytest.raises(MarketDataError, match="nothing recorded.*ZZZZZ"):
        record_snapshot(["ZZZZZ"], "2026-01-20", "2026-02-04", provider=yahoo())


def test_offline_recording_fails_with_the_reason():
    provider = YFinanceProvider(session=YahooReplay(mode="offline"))
    with pytest.raises(MarketDataError, match="unreachable"):
        record_snapshot(["AMZN", "MSFT"], "2026-01-20", "2026-02-04", provider=provider)


@pytest.mark.parametrize(
    "start, end, message",
    [("2026-02-04", "2026-01-20", "before --start"), ("2026/01/20", None, "not a date"), ("2999-01-01", None, "future")],
)
def test_bad_windows(start, end, message):
    with pytest.raises(InputError, match=message):
        record_snapshot(["AMZN"], start, end, provider=yahoo())


def test_tickers_are_normalised_and_checked():
    assert normalise_tickers(["amzn", "msft,goog", "AMZN", "sie.de"]) == ["AMZN", "MSFT", "GOOG", "SIE.DE"]
    with pytest.raises(InputError, match="not a ticker"):
        normalise_tickers(["$AMZN"])


# --------------------------------------------------------------------------- the command


def test_cli_snapshot_tickers_records_from_a_snapshot(monkeypatch, capsys, tmp_path, example_snapshot):
    out = tmp_path / "rec.json"
    code, _, err = run_cli(
        monkeypatch, capsys, "snapshot", "AMZN", "--start", "2026-01-20", "--end", "2026-02-06",
        "--out", str(out), "--market", str(example_snapshot),
    )
    assert code == 0, err
    assert "AMZN:" in err and f"wrote {out}" in err
    assert json.loads(out.read_text())["tickers"]["AMZN"]["prices"]["bars"]


def test_cli_snapshot_options_first_and_explicit_record(monkeypatch, capsys, tmp_path, example_snapshot):
    out = tmp_path / "rec.json"
    code, _, err = run_cli(
        monkeypatch, capsys, "snapshot", "--start", "2026-01-20", "--out", str(out), "--market", str(example_snapshot), "AMZN"
    )
    assert code == 0, err
    code, _, err = run_cli(
        monkeypatch, capsys, "snapshot", "record", "AMZN", "--start", "2026-01-20", "--out", str(out), "--market", str(example_snapshot)
    )
    assert code == 0, err


def test_cli_snapshot_live_with_yfinance(monkeypatch, capsys, tmp_path):
    from verifier.market import auto as auto_module

    session = YahooReplay()
    monkeypatch.setattr(auto_module, "_yfinance_provider", lambda: YFinanceProvider(session=session))
    out = tmp_path / "live.json"
    code, _, err = run_cli(monkeypatch, capsys, "snapshot", "AMZN", "--start", "2026-01-20", "--end", "2026-02-04", "--out", str(out))
    assert code == 0, err
    assert SnapshotProvider(out).snapshot.tickers["AMZN"].bar_on(dt.date(2026, 1, 29)).close == 241.73


def test_cli_snapshot_partial_failure_writes_and_exits_3(monkeypatch, capsys, tmp_path, example_snapshot):
    out = tmp_path / "rec.json"
    code, _, err = run_cli(
        monkeypatch, capsys, "snapshot", "AMZN", "MSFT", "--start", "2026-01-20", "--out", str(out), "--market", str(example_snapshot)
    )
    assert code == 3 and out.exists()
    assert "warning: MSFT not recorded" in err


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["ZZZZ", "--start", "2026-01-20"], 3, "nothing recorded"),
        (["AMZN", "--start", "yesterday"], 2, "not a date"),
        (["AMZN", "--start", "2026-01-20", "--market", "none"], 2, "--market none"),
    ],
)
def test_cli_snapshot_errors_are_one_line(monkeypatch, capsys, tmp_path, example_snapshot, args, code, message):
    market = [] if "--market" in args else ["--market", str(example_snapshot)]
    got, _, err = run_cli(monkeypatch, capsys, "snapshot", *args, *market, "--out", str(tmp_path / "x.json"))
    assert got == code and message in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_snapshot_without_arguments_shows_help(monkeypatch, capsys):
    code, out, err = run_cli(monkeypatch, capsys, "snapshot")
    assert "import-csv" in out + err
