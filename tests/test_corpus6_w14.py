"""Writer 14's part of the sixth corpus (fixtures/corpus6, r61-r70, snapshots w14-*): labels valid, quotes
present, ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity
with every style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal
verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus6"
IDS = [f"r{n:02d}" for n in range(61, 71)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(6[1-9]|70)", snapshot_prefix="w14-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles
    for path, data in mine:
        n = int(data["id"][1:])
        twin = CORPUS / f"r{n + 1 if n % 2 else n - 1:02d}.labels.json"
        other = cc.read_labels(CORPUS, ids=[twin.name[: -len(".labels.json")]])[0][1]
        assert other["style"] == data["style"] and other["snapshot"] != data["snapshot"], data["id"]


def test_verdict_mix_every_kind_and_prices_and_moves_well_represented():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(12, 16), contradicted=(0.22, 0.33), min_unverifiable=10)
    assert kinds["stock_price"] + kinds["price_change"] >= 80, kinds
    for half in ("dev", "heldout"):
        part = [(p, d) for p, d in _mine() if d["split"] == half]
        _, k = cc.check_verdict_mix(part, scored_per_text=(12, 16), contradicted=(0.2, 0.35), min_unverifiable=4,
                                    every_kind=False)
        assert len(k) >= 6, (half, k)


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w14-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w14_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w14.py", "w14-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=90, dated_only=True)
    assert len({i for i, _ in checked}) == 10


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = cc.check_record_verdicts(CORPUS, _mine())
    assert checked["financial_metric"] >= 18 and checked["analyst_rating"] >= 10, checked
    assert checked["workforce"] >= 5 and checked["deal"] >= 8, checked


# --------------------------------------------------------------------------- moves over a named span (this file only)


def _span_move(claim: dict, bars, splits) -> str:
    """A move from the close before ``period_start`` to the close of ``date``, split-adjusted, within 0.3 points."""
    v = claim["values"]
    start, end = dt.date.fromisoformat(v["period_start"]), dt.date.fromisoformat(v["date"])
    base = [b for b in bars if b.date < start][-1]
    last = {b.date: b for b in bars}[end]
    move = (last.close * cc.split_factor(splits, base.date, end) / base.close - 1) * 100
    return "supported" if abs(move - v["percent"]) <= cc.MOVE_TOLERANCE else "contradicted"


def test_moves_over_a_named_span_agree_with_the_bars():
    checked = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        for claim in cc.scored(data):
            if claim["kind"] != "price_change" or "period_start" not in claim["values"]:
                continue
            symbol = cc.ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))
            tick = snap.tickers[symbol]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            assert claim["verdict"] == _span_move(claim, bars, tick.splits), (data["id"], claim["quote_contains"])
            checked += 1
    assert checked >= 3, checked


def test_relative_days_are_resolved_to_the_session_before_the_header():
    """'yesterday', 'last Friday', 'last Thursday', 'last Monday' in the texts name the trading day the labels give."""
    expected = {("r63", "last Friday"): "2023-09-29", ("r63", "Last Monday"): "2023-09-25",
                ("r64", "yesterday"): "2018-02-07", ("r65", "last Friday"): "2020-05-08",
                ("r66", "yesterday"): "2025-12-09", ("r69", "Last Thursday"): "2017-08-31",
                ("r70", "yesterday"): "2026-02-13"}
    mine = {d["id"]: (p, d) for p, d in _mine()}
    for (case, word), day in expected.items():
        path, data = mine[case]
        assert word in cc.text(path), (case, word)
        local = dt.datetime.fromisoformat(data["published_at"]).astimezone(cc.NEW_YORK).date()
        assert dt.date.fromisoformat(day) < local and (local - dt.date.fromisoformat(day)).days <= 8, (case, word)
        snap = Snapshot.load(CORPUS / data["snapshot"])
        sessions = {b.date.isoformat() for t in snap.tickers.values() for b in t.prices.bars}
        assert day in sessions, (case, day)
        assert any(c["values"].get("date") == day for c in data["claims"]), (case, day)
