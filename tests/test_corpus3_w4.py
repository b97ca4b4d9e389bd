"""The third corpus, texts m21-m40 (writer 4): labels are valid, every quote occurs, the w4 snapshots
are small, load, hold real as-traded bars and are rebuilt byte for byte from the shared data when it
is present, the split is odd ids dev / even ids held out with every style in both halves, and the
simple verdicts (prices, moves, event dates) agree with the bars when re-derived independently.
The checks themselves are in ``corpus_checks``."""

from __future__ import annotations

import pytest

from tests import corpus_checks as cc

CORPUS = cc.ROOT / "fixtures" / "corpus3"
IDS = [f"m{i}" for i in range(21, 41)]
SNAPSHOTS = sorted(p.name for p in (CORPUS / "snapshots").glob("w4-*.json"))


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_every_text_of_mine_has_valid_labels_and_a_w4_snapshot():
    cc.check_labels(CORPUS, _mine(), at_least=16, id_pattern=r"m\d\d", snapshot_prefix="w4-", words=(120, 600))


def test_split_is_odd_dev_even_heldout_and_every_style_is_in_both_halves():
    # written in pairs: m21/m22, m23/m24, ... share their style (so the halves are even)
    cc.check_split(_mine(), max_gap=0, min_styles=8, pairs=True)


def test_labels_have_enough_scored_claims_wrong_ones_all_kinds_and_promo_flags():
    cc.check_verdict_mix(_mine(), scored_per_text=(8, None), contradicted=(0.22, 0.38), min_unverifiable=8,
                         promo_flags=("advertisement", "free_offer", "urgency"))


@pytest.mark.parametrize("snap", SNAPSHOTS)
def test_w4_snapshots_are_small_and_load_with_real_bars_and_constructed_provenance(snap):
    cc.check_snapshot(CORPUS / "snapshots" / snap, max_bytes=40_000, bars=(20, 70))


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder is not present")
def test_w4_snapshots_are_rebuilt_unchanged_from_the_shared_data():
    cc.check_rebuilt(CORPUS, "build_snapshots_w4.py", "w4-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    cc.check_verdicts(CORPUS, _mine(), at_least=90, one_ticker=True)
