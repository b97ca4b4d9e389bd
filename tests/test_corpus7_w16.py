"""Writer 16's part of the seventh corpus (fixtures/corpus7, r21-r30, snapshots w16-*): labels valid, quotes present,
ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity with every
style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal verdicts
re-derived from the snapshot independently of the engine."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus7"
IDS = [f"r{n:02d}" for n in range(21, 31)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(2[1-9]|30)", snapshot_prefix="w16-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_verdict_mix_kinds_and_promotional_devices_in_the_streams():
    _, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=10)
    assert kinds["stock_price"] + kinds["price_change"] >= 75, kinds
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["r27"]) >= 3 and len(flags["r28"]) >= 3
    assert len(flags["r29"]) >= 1 and len(flags["r30"]) >= 1


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w16-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w16_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w16.py", "w16-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=90)
    assert len({i for i, _ in checked}) == 10


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = cc.check_record_verdicts(CORPUS, _mine())
    assert checked["financial_metric"] >= 20 and checked["analyst_rating"] >= 15, checked
    assert checked["workforce"] >= 6 and checked["deal"] >= 2, checked
