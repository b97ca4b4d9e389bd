"""The shared plumbing of the fixture builders (fixtures/_snapshot_tools.py), on invented price files."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fixtures"))

from _snapshot_tools import AAPL_AS_TRADED, KAGGLE, CutKit, Kit, read_bars  # noqa: E402

KIT = CutKit(Kit("invented source", "2030-01-01T00:00:00Z"))


def _write(data: Path, rel: str, rows: list[str], header: str = "date,open,high,low,close,volume") -> None:
    path = data / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")


def test_read_bars_takes_month_day_year_dates_and_rounds_to_the_cent(tmp_path):
    _write(tmp_path, "p.csv", ["1/3/2030,10.004,11,9,10.506,100.0", "1/2/2030,9,10,8,9.5,"],
           header="Date,open,high,low,close,volume")
    bars = read_bars(tmp_path, "p.csv", "2030-01-01", "2030-01-31")
    assert [b["date"] for b in bars] == ["2030-01-02", "2030-01-03"]
    assert bars[1]["open"] == 10.0 and bars[1]["close"] == 10.51 and bars[0]["volume"] == 0


def test_kaggle_cuts_every_window_of_the_symbols_file_and_names_it(tmp_path):
    rel = KAGGLE.format(t="ZZZ")
    _write(tmp_path, rel, [f"2030-01-0{d},1,2,0.5,1.5,10" for d in range(1, 10)])
    t = KIT.kaggle(tmp_path, "ZZZ", "Invented Corp.", [("2030-01-07", "2030-01-08"), ("2030-01-01", "2030-01-02")],
                   ["Invented"])
    assert [b["date"] for b in t["prices"]["bars"]] == ["2030-01-01", "2030-01-02", "2030-01-07", "2030-01-08"]
    assert t["prices"]["provenance"]["source"].endswith(f"from shared data {rel}")
    assert t["profile"]["exchange"] == "XNYS" and "employees" not in t["profile"]


def test_apple_carries_the_builders_profile_unless_told_otherwise(tmp_path):
    _write(tmp_path, AAPL_AS_TRADED, ["2030-02-01,1,2,0.5,1.5,10"])
    t = KIT.apple(tmp_path, [("2030-02-01", "2030-02-01")])
    assert (t["ticker"], t["profile"]["aliases"], t["profile"]["employees"]) == ("AAPL", ["Apple"], 137000)
    other = KIT.apple(tmp_path, [("2030-02-01", "2030-02-01")], employees=None, aliases=("Apple", "Apple Inc."))
    assert "employees" not in other["profile"] and other["profile"]["aliases"] == ["Apple", "Apple Inc."]
