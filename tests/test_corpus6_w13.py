"""Writer 13's part of the sixth corpus (fixtures/corpus6, r41-r50, snapshots w13-*): labels valid, quotes
present, ids in range, published_at zoned, snapshots small and rebuilt from the shared data, the split by id
parity with every style in both halves, and the dated price, move, event, reported-figure, analyst, workforce
and deal verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus6"
IDS = [f"r{n:02d}" for n in range(41, 51)]


def _mine() -> cc.Labels:
    present = [i for i in IDS if (CORPUS / f"{i}.labels.json").is_file()]
    return cc.read_labels(CORPUS, ids=present)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(4[1-9]|50)", snapshot_prefix="w13-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_verdict_mix_price_and_move_claims_well_represented():
    _, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=8)
    assert kinds["stock_price"] + kinds["price_change"] >= 55, kinds
    assert len(kinds) >= 6, kinds


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w13-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w13_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w13.py", "w13-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=70)
    assert len({i for i, _ in checked}) == 10


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = cc.check_record_verdicts(CORPUS, _mine())
    assert checked["financial_metric"] >= 6 and checked["analyst_rating"] >= 6, checked
    assert checked["workforce"] >= 6 and checked["deal"] >= 2, checked
