"""Writer 18's supplementary dev articles of the seventh corpus (fixtures/corpus7, d16-d20): labels valid, quotes
present, all dev, one per style of the writer's part, on the writer's committed snapshots (w18-*, rebuilt byte for
byte by tests/test_corpus7_w18.py), and the price, move, event, reported-figure, analyst, workforce and deal
verdicts re-derived from the snapshots independently of the engine."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests import corpus_checks as cc
from tests.test_corpus7_w18 import _record_verdicts

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus7"
IDS = [f"d{n}" for n in range(16, 21)]
STYLES = {
    "d16": "compliance review memo quoting a marketing piece",
    "d17": "employee town-hall transcript on restructuring",
    "d18": "Zacks-style estimate-revision piece",
    "d19": "print magazine feature layout",
    "d20": "brokerage account statement / trade confirmations",
}


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_five_texts_are_here_all_dev_one_per_style():
    mine = _mine()
    assert [d["id"] for _, d in mine] == IDS
    assert all(d["split"] == "dev" for _, d in mine)
    assert {d["id"]: d["style"] for _, d in mine} == STYLES


def test_labels_valid_quotes_present_and_ids_in_range():
    cc.check_labels(CORPUS, _mine(), at_least=5, id_pattern=r"d(1[6-9]|20)", snapshot_prefix="w18-", words=(250, 600))


def test_each_text_on_another_snapshot_than_the_same_style_in_r61_r70():
    r_by_style = {}
    for _, d in cc.read_labels(CORPUS, ids=[f"r{n}" for n in range(61, 71)]):
        r_by_style.setdefault(d["style"], set()).add(d["snapshot"])
    for _, d in _mine():
        assert d["snapshot"] not in r_by_style.get(d["style"], set()), d["id"]
    assert len({d["snapshot"] for _, d in _mine()}) == 5


def test_verdict_mix_and_promotional_devices():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 15), contradicted=(0.2, 0.35),
                                           min_unverifiable=8)
    assert kinds["stock_price"] + kinds["price_change"] >= 30, kinds
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["d16"]) >= 4 and len(flags["d18"]) >= 2, flags
    for _, d in _mine():
        n = len(cc.scored(d))
        wrong = sum(c["verdict"] == "contradicted" for c in cc.scored(d))
        assert 0.2 <= wrong / n <= 0.35, (d["id"], wrong, n)


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w18-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=35)
    assert len({i for i, _ in checked}) == 5


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = _record_verdicts(_mine())
    assert checked["financial_metric"] >= 10 and checked["analyst_rating"] >= 6, checked
    assert checked["workforce"] >= 5 and checked["deal"] >= 1, checked
