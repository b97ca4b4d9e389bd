"""Writer 17's part of the seventh corpus (fixtures/corpus7, r41-r50, snapshots w17-*): labels valid, quotes present,
ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity with every
style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal verdicts
re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus7"
IDS = [f"r{n:02d}" for n in range(41, 51)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(4[1-9]|50)", snapshot_prefix="w17-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_each_pair_is_on_another_snapshot_and_day():
    by_id = {d["id"]: d for _, d in _mine()}
    for n in range(41, 51, 2):
        odd, even = by_id[f"r{n}"], by_id[f"r{n + 1}"]
        assert odd["snapshot"] != even["snapshot"], n
        assert odd["published_at"][:10] != even["published_at"][:10], n


def test_verdict_mix_kinds_and_promotional_devices():
    _, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=12)
    assert kinds["stock_price"] + kinds["price_change"] >= 60, kinds
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["r43"]) >= 2 and len(flags["r44"]) >= 2 and len(flags["r47"]) >= 2 and len(flags["r48"]) >= 2
    assert not flags["r41"] and not flags["r42"]  # a regulator's release carries no promotion


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
            tick = snap.tickers[symbol]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            by_day = {b.date.isoformat(): b for b in bars}
            bar = by_day[v["date"]]
            if claim["kind"] == "stock_price":
                assert v["price"] > bar.high * 1.02 or v["price"] < bar.low * 0.98, (data["id"], claim["quote_contains"])
            elif v.get("period") == "day":
                base = bars[bars.index(bar) - 1]
                factor = cc.split_factor(tick.splits, base.date, bar.date)
                move = (bar.close * factor / base.close - 1) * 100
                assert abs(move - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"], move)
            n += 1
    assert n >= 15, n


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w17-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w17_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w17.py", "w17-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=90)
    assert len({i for i, _ in checked}) == 10


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    """Like ``cc.check_record_verdicts``, with reported figures read by ``cc.expected_reported_figure`` (fiscal-year
    periods such as 'FY2017' have a year-ago record too) and a forecast word making a figure unverifiable."""
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
    assert checked["financial_metric"] >= 15 and checked["analyst_rating"] >= 15, checked
    assert checked["workforce"] >= 8 and checked["deal"] >= 1, checked
