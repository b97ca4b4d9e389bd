"""The third labelled corpus (fixtures/corpus3): labels valid, quotes present, snapshots loadable, small
and rebuilt from the shared data, the dev/held-out split by id parity with every style in both halves,
and the dated price, move and event verdicts of the w3 texts re-derived from the bars independently.
The checks themselves are in ``corpus_checks``; this file gives the bounds of the whole folder and of
the w3 texts (m01-m20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import corpus_checks as cc

CORPUS = cc.ROOT / "fixtures" / "corpus3"
# Two writers: m01-m20 (snapshots w3-*) and m21-m40 (w4-*): forty articles in all.
MIN_ARTICLES = 40


def _labels() -> cc.Labels:
    return cc.read_labels(CORPUS, "m*.labels.json")


def _mine() -> cc.Labels:
    return [(p, d) for p, d in _labels() if Path(d["snapshot"]).name.startswith("w3-")]


def test_every_labels_file_is_valid_and_every_quote_occurs_in_its_article():
    cc.check_labels(CORPUS, _labels(), at_least=MIN_ARTICLES, id_pattern=r"m\d\d", whole_folder=True)


def test_snapshots_load_and_are_small_constructed_windows():
    cc.check_snapshots_of(CORPUS, _labels(), name_pattern=r"snapshots/w\d-[a-z0-9-]+\.json", max_bytes=64_000, max_bars=80,
                          from_shared_data=True)


def test_split_is_odd_ids_dev_even_ids_heldout_and_every_style_in_both_halves():
    cc.check_split(_labels(), max_gap=2, min_styles=8)
    assert len({d["style"] for _, d in _mine()}) >= 8


def test_about_a_third_wrong_on_purpose_some_unverifiable_every_kind_present():
    cc.check_verdict_mix(_mine(), scored_per_text=(8, 16), contradicted=(0.22, 0.40), min_unverifiable=10)


def test_price_move_and_event_verdicts_of_the_w3_texts_agree_with_the_bars():
    cc.check_verdicts(CORPUS, _mine(), at_least=60)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w3_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w3.py", "w3-", _mine())
