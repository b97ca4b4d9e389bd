"""The supplementary dev texts of the fifth corpus (fixtures/corpus5, d01-d10, snapshots dx-*): labels valid,
quotes present, ids in range, every one dev, zoned headers, snapshots small and rebuilt from the shared data, and
the dated price, move, event, reported-figure, analyst, workforce and deal verdicts re-derived from the snapshot
independently of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus5"
IDS = [f"d{n:02d}" for n in range(1, 11)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    mine = _mine()
    cc.check_labels(CORPUS, mine, at_least=len(mine), id_pattern=r"d(0[1-9]|10)", snapshot_prefix="dx-", words=(250, 600))
    assert len(mine) >= 3
    for _, data in mine:
        assert data["split"] == "dev", data["id"]
        assert "T" in data["published_at"] and dt.datetime.fromisoformat(data["published_at"]).utcoffset() is not None


def test_one_style_each_and_every_style_already_in_the_corpus_dev_half():
    mine = _mine()
    styles = Counter(d["style"] for _, d in mine)
    assert set(styles.values()) == {1}, styles
    dev_styles = {d["style"] for _, d in cc.read_labels(CORPUS, ids=[f"r{n:02d}" for n in (1, 3, 5, 7, 9, 21, 23, 25, 27, 29)])}
    assert set(styles) <= dev_styles, set(styles) - dev_styles
    dev_snapshots = {d["style"]: d["snapshot"] for _, d in cc.read_labels(CORPUS, ids=[f"r{n:02d}" for n in (1, 3, 5, 7, 9, 21, 23, 25, 27, 29)])}
    for _, d in mine:
        assert d["snapshot"] != dev_snapshots[d["style"]], d["id"]


def test_verdict_mix_and_wrong_on_purpose_share():
    cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=2)


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/dx-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_dx_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_dx.py", "dx-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    mine = _mine()
    checked = cc.check_verdicts(CORPUS, mine, at_least=5 * len(mine))
    assert len({i for i, _ in checked}) == len(mine)


# --------------------------------------------------------------------------- the other kinds, re-derived (tests/corpus_checks.py)


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = cc.check_record_verdicts(CORPUS, _mine())
    assert checked["financial_metric"] >= 5 and checked["analyst_rating"] >= 2, checked
    assert checked["workforce"] >= 4 and checked["deal"] >= 1, checked
