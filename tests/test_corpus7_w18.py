"""Writer 18's part of the seventh corpus (fixtures/corpus7, r61-r70, snapshots w18-*): labels valid, quotes present,
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
IDS = [f"r{n:02d}" for n in range(61, 71)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(6[1-9]|70)", snapshot_prefix="w18-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_pairs_differ_in_company_and_date():
    by_id = {d["id"]: d for _, d in _mine()}
    for n in range(61, 71, 2):
        dev, held = by_id[f"r{n}"], by_id[f"r{n + 1}"]
        assert dev["snapshot"] != held["snapshot"]
        assert dev["published_at"][:7] != held["published_at"][:7]
        dev_t = set(cc.Snapshot.load(CORPUS / dev["snapshot"]).tickers)
        held_t = set(cc.Snapshot.load(CORPUS / held["snapshot"]).tickers)
        assert not dev_t & held_t, (dev["id"], held["id"])


def test_verdict_mix_kinds_and_promotional_devices():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35),
                                           min_unverifiable=12)
    assert kinds["stock_price"] + kinds["price_change"] >= 70, kinds
    assert kinds["stock_price"] >= kinds["analyst_rating"] and kinds["price_change"] >= kinds["deal"], kinds
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    # the promotional text sits inside the quotes of the review memos; the revision pieces carry their own ads
    assert len(flags["r61"]) >= 4 and len(flags["r62"]) >= 4, flags
    assert len(flags["r65"]) >= 2 and len(flags["r66"]) >= 2, flags


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w18-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w18_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w18.py", "w18-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=80)
    assert len({i for i, _ in checked}) == 10


def _record_verdicts(labels: cc.Labels) -> Counter:
    """cc.check_record_verdicts, with the reported figures re-derived by cc.expected_reported_figure (which knows
    fiscal-year periods, 'FY2017' against 'FY2016') after the forecast-word rule of cc.expected_metric."""
    checked = Counter()
    for path, data in labels:
        snap = cc.Snapshot.load(CORPUS / data["snapshot"])
        published = cc.dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind not in ("financial_metric", "analyst_rating", "workforce", "deal"):
                continue
            tick = snap.tickers[data.get("ticker") or cc.ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))]
            if kind == "financial_metric":
                forecast = any(w in claim["quote_contains"].lower() for w in cc.FORECAST_WORDS)
                expected = "unverifiable" if forecast else cc.expected_reported_figure(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = cc.expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                expected = cc.expected_workforce(claim, tick)
            else:
                expected = cc.expected_deal(claim, tick)
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    return checked


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = _record_verdicts(_mine())
    assert checked["financial_metric"] >= 20 and checked["analyst_rating"] >= 15, checked
    assert checked["workforce"] >= 8 and checked["deal"] >= 2, checked
