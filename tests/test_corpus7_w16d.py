"""Writer 16's supplementary dev articles of the seventh corpus (fixtures/corpus7, d06-d10, reusing the w16-*
snapshots): labels valid, quotes present, all dev, one per style, and the price, move, event, reported-figure,
analyst and workforce verdicts re-derived from the snapshot bars and records independently of the engine."""

from __future__ import annotations

from pathlib import Path

from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus7"
IDS = [f"d{n:02d}" for n in range(6, 11)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_five_texts_are_here_all_dev_one_style_each():
    mine = _mine()
    assert [d["id"] for _, d in mine] == IDS
    assert {d["split"] for _, d in mine} == {"dev"}
    assert len({d["style"] for _, d in mine}) == 5


def test_labels_valid_and_quotes_present():
    cc.check_labels(CORPUS, _mine(), at_least=5, id_pattern=r"d(0[6-9]|10)", snapshot_prefix="w16-", words=(250, 600))


def test_verdict_mix_and_promotional_devices():
    cc.check_verdict_mix(_mine(), scored_per_text=(10, 15), contradicted=(0.2, 0.35), min_unverifiable=8, every_kind=False)
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["d09"]) >= 3 and len(flags["d10"]) >= 1


def test_snapshots_are_the_committed_small_windows():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w16-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=40)
    assert len({i for i, _ in checked}) == 5


def test_metric_rating_and_workforce_verdicts_agree_with_the_records():
    checked = cc.check_record_verdicts(CORPUS, _mine())
    assert checked["financial_metric"] >= 8 and checked["analyst_rating"] >= 8 and checked["workforce"] >= 1, checked
