"""Writer 17's supplementary dev articles of the seventh corpus (fixtures/corpus7, d11-d15, on the w17-* snapshots):
labels valid, quotes present, all dev, one per style, the snapshots they reuse rebuilt from the shared data, and the
price, move, event, reported-figure, analyst, workforce and deal verdicts re-derived from the snapshot independently
of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus7"
IDS = [f"d{n}" for n in range(11, 16)]
STYLES = {"d11": "SEC", "d12": "biggest movers", "d13": "investor-relations FAQ", "d14": "news brief", "d15": "bull vs. bear"}


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_five_texts_are_here_all_dev_one_per_style():
    mine = _mine()
    assert [d["id"] for _, d in mine] == IDS
    assert all(d["split"] == "dev" for _, d in mine)
    for _, d in mine:
        assert STYLES[d["id"]] in d["style"], d["id"]


def test_labels_valid_quotes_present_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=5, id_pattern=r"d1[1-5]", snapshot_prefix="w17-", words=(250, 600))


def test_verdict_mix_kinds_and_promotional_devices():
    _, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 15), contradicted=(0.2, 0.35), min_unverifiable=6)
    assert kinds["stock_price"] + kinds["price_change"] >= 30, kinds
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert not flags["d11"]  # a regulator's release carries no promotion
    assert len(flags["d12"]) >= 2 and len(flags["d14"]) >= 2 and len(flags["d15"]) >= 1


def test_wrong_prices_and_moves_are_clearly_wrong():
    """A contradicted dated price lies more than 2% outside its session's range (or its stated reading); a
    contradicted day move is at least 1.5 points off the bars."""
    n = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        for claim in cc.scored(data):
            v = claim["values"]
            if claim["verdict"] != "contradicted" or "date" not in v or claim["kind"] not in ("stock_price", "price_change"):
                continue
            symbol = data.get("ticker") or cc.ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))
            bars = sorted(snap.tickers[symbol].prices.bars, key=lambda b: b.date)
            bar = {b.date.isoformat(): b for b in bars}[v["date"]]
            if claim["kind"] == "stock_price":
                basis = v.get("basis")
                reading = getattr(bar, basis) if basis in ("open", "close") else None
                outside = v["price"] > bar.high * 1.02 or v["price"] < bar.low * 0.98
                assert outside or (reading and abs(v["price"] / reading - 1) > 0.02 and v["price"] > bar.high), (
                    data["id"], claim["quote_contains"])
            else:
                base = bars[bars.index(bar) - 1] if v.get("period") == "day" else None
                if base is not None:
                    move = (bar.close / base.close - 1) * 100
                    assert abs(move - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"], move)
            n += 1
    assert n >= 8, n


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w17-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_snapshots_they_reuse_are_rebuilt_by_the_w17_builder():
    cc.check_rebuilt(CORPUS, "build_snapshots_w17.py", "w17-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=40)
    assert len({i for i, _ in checked}) == 5


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = Counter()
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind not in ("financial_metric", "analyst_rating", "workforce", "deal"):
                continue
            symbol = data.get("ticker") or cc.ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))
            tick = snap.tickers[symbol]
            if kind == "financial_metric":
                forecast = any(w in claim["quote_contains"].lower() for w in cc.FORECAST_WORDS)
                expected = "unverifiable" if forecast else cc.expected_reported_figure(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = cc.expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                expected = cc.expected_workforce(claim, tick)
            else:
                expected = cc.expected_deal(claim, tick)
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], symbol, claim["quote_contains"], expected)
    assert checked["financial_metric"] >= 8 and checked["analyst_rating"] >= 8, checked
    assert checked["workforce"] >= 3 and checked["deal"] >= 1, checked
