"""import-csv: a vendor's daily prices become an as-traded snapshot, or a one-line error."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tests.conftest import FIXTURES
from tests.yahoo_replay import run_cli
from verifier.errors import InputError
from verifier.market.base import MarketRequest
from verifier.market.csv_import import import_csv, import_csv_snapshot, parse_split_spec, price_file_snapshot
from verifier.market.snapshot import Snapshot, SnapshotProvider

PRICES = FIXTURES / "prices"


def test_yahoo_file_with_us_dates_is_made_as_traded():
    data = import_csv("AMZN", PRICES / "amzn-yahoo-split-adjusted.csv", split_adjusted="20@2022-06-06")
    bars = {b.date: b for b in data.prices.bars}
    assert bars[dt.date(2022, 6, 2)].close == pytest.approx(2478.92)  # 123.946 x 20
    assert bars[dt.date(2022, 6, 2)].volume == pytest.approx(69608000 / 20)
    assert bars[dt.date(2022, 6, 6)].close == pytest.approx(124.79)  # on and after the split: unchanged
    assert [(s.date, s.ratio) for s in data.splits] == [(dt.date(2022, 6, 6), 20.0)]
    assert data.prices.as_traded and "split adjustment undone for 20:1 on 2022-06-06" in data.prices.provenance.note


def test_yahoo_file_with_iso_dates_undoes_dividends_too():
    data = import_csv("AAPL", PRICES / "aapl-yahoo-iso.csv", split_adjusted="4@2020-08-31")
    assert data.bar_on(dt.date(2020, 8, 28)).close == pytest.approx(499.23)
    assert [(d.date, d.amount) for d in data.dividends] == [(dt.date(2020, 8, 7), pytest.approx(0.82))]


def test_a_split_adjusted_file_imported_as_traded_is_refused():
    with pytest.raises(InputError, match=r"split-adjusted; pass --split-adjusted 20@2022-06-06"):
        import_csv("AMZN", PRICES / "amzn-yahoo-split-adjusted.csv")


def test_undoing_a_split_the_prices_never_had_is_refused(tmp_path):
    traded = tmp_path / "traded.csv"
    traded.write_text("date,open,high,low,close,volume\n2022-06-03,2455,2464.61,2420.44,2447.0,3160000\n"
                      "2022-06-06,125.25,128.99,123.81,124.79,135269000\n")
    with pytest.raises(InputError, match="already jump"):
        import_csv("AMZN", traded, split_adjusted="20@2022-06-06")


def test_kaggle_and_stooq_lowercase_files():
    abbv = import_csv("ABBV", PRICES / "abbv-kaggle.csv")
    assert [b.close for b in abbv.prices.bars] == [36.25, 35.85, 35.93]
    stooq = import_csv("amzn", PRICES / "amzn-stooq.csv", currency="usd")
    assert stooq.ticker == "AMZN" and stooq.bar_on(dt.date(2026, 1, 29)).close == 241.73
    assert stooq.prices.currency == "USD" and stooq.splits == []


def test_a_file_for_another_ticker_is_refused():
    with pytest.raises(InputError, match="holds prices for ABBV, not AMZN"):
        import_csv("AMZN", PRICES / "abbv-kaggle.csv")


def test_currency_is_recorded():
    data = import_csv("SIE.DE", PRICES / "amzn-stooq.csv", currency="EUR", exchange="xetr")  # zone from the exchange
    assert (data.prices.currency, data.prices.exchange, data.prices.timezone) == ("EUR", "XETR", "Europe/Berlin")


@pytest.mark.parametrize(
    "spec, expected",
    [("20@2022-06-06", [(dt.date(2022, 6, 6), 20.0)]), ("3:2@2021-01-04, 4@2020-08-31", [(dt.date(2020, 8, 31), 4.0), (dt.date(2021, 1, 4), 1.5)]), ("", [])],
)
def test_split_spec(spec, expected):
    assert [(s.date, s.ratio) for s in parse_split_spec(spec)] == expected


@pytest.mark.parametrize("spec", ["20", "20@06/06/2022", "0@2022-06-06", "x@2022-06-06", "20@2022-13-01"])
def test_bad_split_spec(spec):
    with pytest.raises(InputError, match="split-adjusted"):
        parse_split_spec(spec)


@pytest.mark.parametrize(
    "name, message",
    [
        ("bad-header.csv", "lacks date, open, high, low, close"),
        ("bad-number.csv", "close 'abc' is not a number"),
        ("missing.csv", "price file not found"),
    ],
)
def test_bad_files_say_what_is_wrong(name, message):
    with pytest.raises(InputError, match=message):
        import_csv("AMZN", PRICES / name)


def test_snapshot_from_csv_replays_through_the_snapshot_provider(tmp_path):
    snap = import_csv_snapshot("AMZN", PRICES / "amzn-stooq.csv")
    snap.save(tmp_path / "s.json")
    loaded = Snapshot.load(tmp_path / "s.json")
    assert loaded.tickers["AMZN"].bar_on(dt.date(2026, 1, 30)).close == 239.3
    assert SnapshotProvider(tmp_path / "s.json").describe().startswith("snapshot:")


def test_price_file_snapshot_undoes_a_yahoo_file_s_splits_from_the_table(tmp_path):
    table = tmp_path / "splits.csv"
    table.write_text("ticker,date,ratio\nAMZN,2022-06-06,20\nAAPL,2020-08-31,4\n", encoding="utf-8")
    snap = price_file_snapshot(PRICES / "amzn-yahoo-split-adjusted.csv", "amzn", split_table=table)
    data = SnapshotProvider(snap).fetch(MarketRequest(ticker="AMZN", start=dt.date(2022, 6, 1), end=dt.date(2022, 6, 8)))
    assert data.bar_on(dt.date(2022, 6, 2)).close == pytest.approx(2478.92)  # as traded, not 123.946
    assert data.prices.provenance.source == "price file (amzn-yahoo-split-adjusted.csv)"
    assert snap.description == "amzn-yahoo-split-adjusted.csv"


def test_price_file_snapshot_reads_a_lowercase_file_as_it_stands_and_without_a_table(tmp_path):
    table = tmp_path / "splits.csv"
    table.write_text("ticker,date,ratio\nAMZN,2026-01-29,20\n", encoding="utf-8")  # not applied: no Adj Close column
    snap = price_file_snapshot(PRICES / "amzn-stooq.csv", "AMZN", split_table=table)
    assert snap.tickers["AMZN"].bar_on(dt.date(2026, 1, 30)).close == 239.3
    with pytest.raises(InputError, match="split-adjusted"):  # a Yahoo file and no table: refused, not misread
        price_file_snapshot(PRICES / "amzn-yahoo-split-adjusted.csv", "AMZN", split_table=tmp_path / "missing.csv")


# --------------------------------------------------------------------------- the command


def test_cli_import_csv_writes_a_snapshot(monkeypatch, capsys, tmp_path):
    out = tmp_path / "amzn.json"
    code, _, err = run_cli(
        monkeypatch, capsys, "snapshot", "import-csv", "AMZN", str(PRICES / "amzn-yahoo-split-adjusted.csv"),
        "--out", str(out), "--split-adjusted", "20@2022-06-06",
    )
    assert code == 0, err
    assert "AMZN: 4 bars 2022-06-02 to 2022-06-07" in err
    data = json.loads(out.read_text())
    assert data["format"] == "verifier-snapshot"
    assert data["tickers"]["AMZN"]["prices"]["bars"][0]["close"] == pytest.approx(2478.92)


def test_cli_import_csv_merge_adds_a_ticker(monkeypatch, capsys, tmp_path):
    out = tmp_path / "both.json"
    assert run_cli(monkeypatch, capsys, "snapshot", "import-csv", "ABBV", str(PRICES / "abbv-kaggle.csv"), "--out", str(out))[0] == 0
    code, _, err = run_cli(
        monkeypatch, capsys, "snapshot", "import-csv", "AMZN", str(PRICES / "amzn-stooq.csv"), "--out", str(out), "--merge"
    )
    assert code == 0, err
    assert sorted(Snapshot.load(out).tickers) == ["ABBV", "AMZN"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["bad-number.csv"], "is not a number"),
        (["amzn-yahoo-split-adjusted.csv"], "pass --split-adjusted 20@2022-06-06"),
        (["amzn-stooq.csv", "--split-adjusted", "twenty"], "RATIO@YYYY-MM-DD"),
        (["amzn-stooq.csv", "--currency", "dollars"], "ISO 4217"),
    ],
)
def test_cli_bad_csv_is_one_line_exit_2(monkeypatch, capsys, tmp_path, args, message):
    code, out, err = run_cli(
        monkeypatch, capsys, "snapshot", "import-csv", "AMZN", str(PRICES / args[0]), *args[1:], "--out", str(tmp_path / "x.json")
    )
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("error: ") and message in err
    assert "Traceback" not in err and not (tmp_path / "x.json").exists()


def test_semicolon_files_with_decimal_commas(tmp_path):
    f = tmp_path / "sie.csv"
    f.write_text("Datum;Open;High;Low;Close;Volume\n".replace("Datum", "Date") + "2026-01-29;1.241,50;1.250,00;1.230,10;1.245,75;1000\n")
    bar = import_csv("SIE.DE", f, currency="EUR", exchange="XETR").prices.bars[0]
    assert (bar.open, bar.close) == (1241.5, 1245.75)


def test_pence_files_are_stated_in_pounds(tmp_path):
    f = tmp_path / "vod.csv"
    f.write_text("date,open,high,low,close,volume\n2024-03-01,68.5,69.4,68.1,69.02,41000000\n")
    data = import_csv("VOD.L", f, currency="GBp", exchange="XLON")
    assert data.prices.currency == "GBP" and data.prices.bars[0].close == pytest.approx(0.6902)
    assert data.prices.bars[0].volume == pytest.approx(41000000)
    assert "quoted in GBp" in data.prices.provenance.note
