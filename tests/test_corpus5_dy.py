"""Supplementary dev texts of the fifth corpus (fixtures/corpus5, d11-d20, snapshots dy-*): labels valid, quotes
present, ids in range, all in the dev split with zoned headers, snapshots small and rebuilt from the shared data, and
the dated price, move, event, reported-figure, analyst, workforce and deal verdicts re-derived from the snapshot
independently of the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from verifier.market.snapshot import Snapshot
from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus5"
IDS = [f"d{n:02d}" for n in range(11, 21) if (CORPUS / f"d{n:02d}.labels.json").exists()]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_labels_valid_quotes_present_ids_in_range_all_dev_and_zoned_headers():
    mine = _mine()
    cc.check_labels(CORPUS, mine, at_least=len(IDS), id_pattern=r"d(1[1-9]|20)", snapshot_prefix="dy-", words=(250, 600))
    assert len(IDS) >= 5, IDS
    for _, data in mine:
        assert data["split"] == "dev", data["id"]
        assert dt.datetime.fromisoformat(data["published_at"]).tzinfo is not None, data["id"]
    assert len({d["style"] for _, d in mine}) == len(mine)  # one style each


def test_styles_are_those_of_the_corpus5_dev_articles():
    dev_styles = {d["style"] for _, d in cc.read_labels(CORPUS, ids=[f"r{n:02d}" for n in (41, 43, 45, 47, 49, 61, 63, 65, 67, 69)])}
    for _, data in _mine():
        assert data["style"] in dev_styles, (data["id"], data["style"])


def test_verdict_mix():
    cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.18, 0.35), min_unverifiable=0, every_kind=False)


def test_wrong_prices_and_moves_are_clear_of_the_tolerances():
    """A wrong dated price is more than 2% outside the day's low-high, a wrong dated move at least 1.5 points off."""
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        for claim in cc.scored(data):
            v = claim["values"]
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change") or "date" not in v:
                continue
            symbol = data.get("ticker") or cc.ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))
            bars = sorted(snap.tickers[symbol].prices.bars, key=lambda b: b.date)
            day = {b.date.isoformat(): b for b in bars}[v["date"]]
            if claim["kind"] == "stock_price":
                assert v["price"] > day.high * 1.02 or v["price"] < day.low * 0.98, (data["id"], claim["quote_contains"])
            elif v.get("period", "day") == "day":
                prev = bars[bars.index(day) - 1]
                real = (day.close / prev.close - 1) * 100
                assert abs(real - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"], real)


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/dy-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_dy_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_dy.py", "dy-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=5 * len(IDS))
    assert len({i for i, _ in checked}) == len(IDS)


# --------------------------------------------------------------------------- the other kinds, re-derived (tests/corpus_checks.py)


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = cc.check_record_verdicts(CORPUS, _mine())
    assert sum(checked.values()) >= 2 * len(IDS), checked
