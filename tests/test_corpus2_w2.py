"""The second corpus, texts n23-n44 (writer 2): labels are valid, every quote occurs, the w2 snapshots
load, hold real as-traded bars and are rebuilt byte for byte from the shared data, the split is odd ids
dev / even ids held out, and the simple verdicts (prices, moves, event dates) agree with the bars when
re-derived independently. The checks themselves are in ``corpus_checks``."""

from __future__ import annotations

import pytest

from tests import corpus_checks as cc

CORPUS = cc.ROOT / "fixtures" / "corpus2"
IDS = [f"n{i}" for i in range(23, 45)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_every_text_of_mine_has_valid_labels_and_a_w2_snapshot():
    cc.check_labels(CORPUS, _mine(), at_least=len(IDS), id_pattern=r"n\d\d", snapshot_prefix="w2-", words=(90, 600))


def test_split_is_odd_dev_even_heldout_and_balanced():
    # 22 texts, 11 in each half, and at least 11 styles
    cc.check_split(_mine(), max_gap=0, min_styles=11, both_halves_from=None)


def test_labels_have_scored_claims_wrong_ones_and_many_styles():
    cc.check_verdict_mix(_mine(), scored_per_text=(5, 13), contradicted=(0.22, 0.40), min_unverifiable=5)


@pytest.mark.parametrize("snap", sorted(p.name for p in (CORPUS / "snapshots").glob("w2-*.json")))
def test_w2_snapshots_load_with_real_bars_and_constructed_provenance(snap):
    cc.check_snapshot(CORPUS / "snapshots" / snap, max_bytes=64_000, bars=(20, 80))


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_w2_snapshots_are_rebuilt_unchanged_from_the_shared_data():
    cc.check_rebuilt(CORPUS, "build_snapshots_w2.py", "w2-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    cc.check_verdicts(CORPUS, _mine(), at_least=40)
