"""Writer 12's part of the sixth corpus (fixtures/corpus6, r21-r30, snapshots w12-*): labels valid, quotes
present, ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity
with every style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal
verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus6"
IDS = [f"r{n:02d}" for n in range(21, 31)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(2[1-9]|30)", snapshot_prefix="w12-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_verdict_mix_kinds_and_promotional_devices():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35),
                                           min_unverifiable=8, every_kind=True)
    assert kinds["stock_price"] + kinds["price_change"] >= 70, kinds
    assert verdicts["no_data"] >= 1, verdicts
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["r24"]) >= 3, flags["r24"]


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w12-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w12_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w12.py", "w12-", _mine())


def test_every_dated_price_and_move_names_a_session_in_its_snapshot():
    """A dated claim must point at a bar of the window (a date off the calendar would be a label slip)."""
    n = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        days = {b.date.isoformat() for t in snap.tickers.values() for b in t.prices.bars}
        for claim in cc.scored(data):
            if claim["kind"] in ("stock_price", "price_change") and "date" in claim["values"]:
                assert claim["values"]["date"] in days, (data["id"], claim["quote_contains"])
                n += 1
    assert n >= 70, n


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=80)
    assert len({i for i, _ in checked}) == 10


# --------------------------------------------------------------------------- the other kinds, re-derived here


def _expected_record_verdict(claim: dict, tick, published: dt.datetime) -> str:
    kind = claim["kind"]
    if kind == "financial_metric":
        if any(w in claim["quote_contains"].lower() for w in cc.FORECAST_WORDS):
            return "unverifiable"  # consensus or a plan ("expected capital expenditures")
        return cc.expected_reported_figure(claim, tick.facts, published)
    if kind == "analyst_rating":
        if not tick.analyst_actions:
            return "no_data"  # a source with no analyst actions at all
        return cc.expected_rating(claim, tick.analyst_actions, published)
    if kind == "workforce":
        return cc.expected_workforce(claim, tick)
    return cc.expected_deal(claim, tick)


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = Counter()
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            if claim["kind"] not in ("financial_metric", "analyst_rating", "workforce", "deal"):
                continue
            symbol = data.get("ticker") or cc.ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))
            expected = _expected_record_verdict(claim, snap.tickers[symbol], published)
            checked[claim["kind"]] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert checked["financial_metric"] >= 20 and checked["analyst_rating"] >= 10, checked
    assert checked["workforce"] >= 4 and checked["deal"] >= 3, checked


def test_credit_ratings_are_not_labelled_as_analyst_ratings():
    """The credit-rating releases (r25, r26) carry agency ratings (Baa1, AA-) that are no analyst stock rating."""
    for path, data in _mine():
        if data["id"] in ("r25", "r26"):
            for claim in data["claims"]:
                if claim["kind"] == "analyst_rating":
                    assert claim["values"].get("rating") not in ("Baa1", "AA-", "A+", "Prime-2", "A-1+"), claim
