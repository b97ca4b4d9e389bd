"""The second labelled corpus (fixtures/corpus2): labels valid, quotes present, snapshots loadable and
small, the dev/held-out split by id parity and balanced, simple verdicts re-derived from the bars.
The checks themselves are in ``corpus_checks``; this file gives the bounds of the whole folder."""

from __future__ import annotations

import json

import pytest

from tests import corpus_checks as cc

CORPUS = cc.ROOT / "fixtures" / "corpus2"
# The issue asks for at least 40 fresh texts (two writers, n01-n22 and n23-n44).
MIN_ARTICLES = 44


def _labels() -> cc.Labels:
    return cc.read_labels(CORPUS)


def test_every_labels_file_is_valid_and_every_quote_occurs_in_its_article():
    cc.check_labels(CORPUS, _labels(), at_least=MIN_ARTICLES, id_pattern=r"n\d\d", whole_folder=True)


def test_snapshots_load_and_are_small_constructed_windows():
    cc.check_snapshots_of(CORPUS, _labels(), name_pattern=r"snapshots/w[12]-[a-z0-9-]+\.json", max_bytes=64_000, max_bars=80,
                          from_shared_data=False)


def test_split_is_odd_ids_dev_even_ids_heldout_and_balanced_per_style():
    # a style written more than once is in both halves, so held-out figures cover it too
    cc.check_split(_labels(), max_gap=1, min_styles=11, style=lambda d: d["style"].split(" (")[0], both_halves_from=2)


def test_about_a_third_wrong_on_purpose_some_unverifiable_every_kind_present():
    cc.check_verdict_mix(_labels(), scored_per_text=(4, 14), contradicted=(0.22, 0.40), min_unverifiable=10)


def test_dated_price_move_and_event_labels_agree_with_the_bars():
    """An independent re-derivation of the simplest verdicts, so a label typo is caught."""
    cc.check_verdicts(CORPUS, _labels(), at_least=20, dated_only=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w1_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots.py", "w1-", [(p, d) for p, d in _labels() if "/w1-" in d["snapshot"]])


def test_eval_runs_on_this_folder_and_its_split(tmp_path):
    from typer.testing import CliRunner

    from verifier.cli import app

    out = tmp_path / "figures.json"
    result = CliRunner().invoke(app, ["eval", str(CORPUS), "--split", "dev", "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data["by_split"]) == {"dev"}
    assert data["overall"]["claims"]["labelled"] > 0
    assert all(case["split"] == "dev" for case in data["cases"])
