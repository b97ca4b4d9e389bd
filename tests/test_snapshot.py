"""Snapshot files: loading, validation, errors a user can act on, and the provider that serves them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from verifier.errors import MarketDataError, SnapshotError, TickerNotFound, VerifierError
from verifier.market import open_provider
from verifier.market.base import MarketRequest
from verifier.market.snapshot import Snapshot, SnapshotProvider

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC = ROOT / "fixtures" / "market" / "synthetic-checks.json"


def write(tmp_path: Path, data, name: str = "snap.json") -> Path:
    path = tmp_path / name
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def minimal(**ticker) -> dict:
    return {"format": "verifier-snapshot", "version": 1, "tickers": {"TEST": {"ticker": "TEST", **ticker}}}


def test_bundled_example_loads_with_every_part(example_snapshot):
    snap = Snapshot.load(example_snapshot)
    amzn = snap.tickers["AMZN"]
    assert len(amzn.prices.bars) == 14 and amzn.prices.as_traded
    assert amzn.bar_on(dt.date(2026, 1, 29)).close == 241.73
    assert amzn.bar_on(dt.date(2026, 1, 31)) is None
    assert amzn.prices.provenance.source == "Stooq daily data"
    assert amzn.splits[0].ratio == 20.0
    assert amzn.analyst_actions[0].firm == "Roth Capital" and amzn.analyst_actions[0].prior_price_target == 270
    assert amzn.events[0].date == dt.date(2026, 2, 5)
    assert {f.kind for f in amzn.facts} == {"workforce", "deal"}
    assert amzn.profile.employees == 1_550_000


def test_synthetic_fixture_loads_and_reports_missing_parts():
    snap = Snapshot.load(SYNTHETIC)
    assert set(snap.tickers) >= {"HOLI", "SPLT", "BARE", "NOBARS", "EURO", "FACT"}
    assert snap.tickers["NOBARS"].prices is None and snap.tickers["NOBARS"].missing
    assert "SYNTHETIC" in snap.description


def test_ticker_keys_are_upper_cased(tmp_path):
    data = minimal()
    data["tickers"] = {"test": data["tickers"]["TEST"]}
    assert list(Snapshot.load(write(tmp_path, data)).tickers) == ["TEST"]


def test_missing_file(tmp_path):
    with pytest.raises(SnapshotError, match="not found.*--market"):
        Snapshot.load(tmp_path / "nope.json")


def test_folder_instead_of_a_file(tmp_path):
    with pytest.raises(SnapshotError, match="is a folder"):
        Snapshot.load(tmp_path)


def test_invalid_json(tmp_path):
    with pytest.raises(SnapshotError, match="not valid JSON"):
        Snapshot.load(write(tmp_path, "{not json"))


def test_binary_file(tmp_path):
    path = tmp_path / "binary.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\xff\xfe")
    with pytest.raises(SnapshotError, match="not valid JSON"):
        Snapshot.load(path)


@pytest.mark.parametrize("data", [[1, 2], {"tickers": {}}, {"format": "something-else", "tickers": {}}])
def test_not_a_snapshot(tmp_path, data):
    with pytest.raises(SnapshotError, match="not a verifier snapshot"):
        Snapshot.load(write(tmp_path, data))


def test_unsupported_version(tmp_path):
    data = minimal()
    data["version"] = 2
    with pytest.raises(SnapshotError, match="invalid snapshot at version"):
        Snapshot.load(write(tmp_path, data))


def test_invalid_bar_names_its_location(tmp_path):
    data = minimal(prices={"bars": [{"date": "2026-01-29", "open": 1, "high": 2, "low": 1, "close": -5}]})
    with pytest.raises(SnapshotError, match=r"tickers\.TEST\.prices\.bars\.0\.close"):
        Snapshot.load(write(tmp_path, data))


def test_invalid_date_names_its_location(tmp_path):
    data = minimal(events=[{"event": "earnings", "date": "next Thursday"}])
    with pytest.raises(SnapshotError, match=r"tickers\.TEST\.events\.0\.date"):
        Snapshot.load(write(tmp_path, data))


def test_errors_are_user_errors_with_exit_code_2(tmp_path):
    with pytest.raises(VerifierError) as info:
        Snapshot.load(tmp_path / "nope.json")
    assert info.value.exit_code == 2


def test_save_and_load_round_trip(tmp_path, example_snapshot):
    snap = Snapshot.load(example_snapshot)
    out = tmp_path / "copy.json"
    snap.save(out)
    again = Snapshot.load(out)
    assert again.tickers["AMZN"] == snap.tickers["AMZN"]
    assert json.loads(out.read_text())["format"] == "verifier-snapshot"


def test_provider_serves_tickers_case_insensitively(example_snapshot):
    provider = SnapshotProvider(example_snapshot)
    data = provider.fetch(MarketRequest(ticker="amzn", start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1)))
    assert data.ticker == "AMZN"
    assert provider.describe() == f"snapshot:{example_snapshot}"


def test_provider_unknown_ticker_lists_what_it_holds(example_snapshot):
    provider = SnapshotProvider(example_snapshot)
    with pytest.raises(TickerNotFound, match=r"MSFT is not in snapshot .*it holds: AMZN"):
        provider.fetch(MarketRequest(ticker="MSFT", start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1)))
    assert issubclass(TickerNotFound, MarketDataError)


def test_provider_serves_an_in_memory_snapshot_under_its_label(example_snapshot):
    loaded = Snapshot.load(example_snapshot)
    snap = Snapshot(description="imported", tickers={k.lower(): v for k, v in loaded.tickers.items()})
    provider = SnapshotProvider(snap, label="amzn.csv (price file)")
    assert provider.path is None and provider.describe() == "snapshot:amzn.csv (price file)"
    data = provider.fetch(MarketRequest(ticker="Amzn", start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1)))
    assert data == loaded.tickers["AMZN"]
    assert set(snap.tickers) == {"amzn"}  # the caller's snapshot is not rewritten
    with pytest.raises(TickerNotFound, match=r"MSFT is not in snapshot amzn.csv \(price file\) \(it holds: AMZN\)"):
        provider.fetch(MarketRequest(ticker="MSFT", start=dt.date(2026, 1, 1), end=dt.date(2026, 2, 1)))
    assert SnapshotProvider(snap).describe() == "snapshot:imported"  # no label: its description


def test_open_provider_takes_a_snapshot_path(example_snapshot):
    provider = open_provider(str(example_snapshot))
    assert isinstance(provider, SnapshotProvider)


def test_open_provider_with_a_missing_snapshot_is_a_clear_error(tmp_path):
    with pytest.raises(SnapshotError, match="not found"):
        open_provider(str(tmp_path / "missing.json"))
