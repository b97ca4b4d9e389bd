"""Writer 21's part of the eighth corpus (fixtures/corpus8, r41-r50, snapshots w21-*): labels valid, quotes present,
ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity with every
style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal verdicts
re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus8"
IDS = [f"r{n:02d}" for n in range(41, 51)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(4[1-9]|50)", snapshot_prefix="w21-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_each_pair_is_on_another_company_and_date():
    by_id = {d["id"]: d for _, d in _mine()}
    for n in range(41, 51, 2):
        dev, held = by_id[f"r{n}"], by_id[f"r{n + 1}"]
        assert list(Snapshot.load(CORPUS / dev["snapshot"]).tickers) != list(Snapshot.load(CORPUS / held["snapshot"]).tickers)
        assert dev["published_at"][:10] != held["published_at"][:10]


def test_verdict_mix_kinds_and_promotional_devices():
    _, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=8)
    assert kinds["stock_price"] + kinds["price_change"] >= 60, kinds
    assert kinds["stock_price"] + kinds["price_change"] > max(kinds[k] for k in kinds if k not in ("stock_price", "price_change"))
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert sum(len(f) for f in flags.values()) >= 8, flags
    optional = sum(1 for _, d in _mine() for c in d["claims"] if c.get("optional"))
    assert optional >= 10, optional


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w21-[a-z0-9-]+\.json", max_bytes=20_000,
                          max_bars=70, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w21_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w21.py", "w21-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    """``corpus_checks.expected_verdict`` for every scored price, move and event claim; a price or move on a named
    day the bars do not hold (before the window) is unverifiable, which that helper cannot read."""
    checked = []
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        assert len(snap.tickers) == 1, data["snapshot"]
        tick = next(iter(snap.tickers.values()))
        bars = sorted(tick.prices.bars, key=lambda b: b.date)
        days = {b.date.isoformat() for b in bars}
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            if claim["kind"] not in ("stock_price", "price_change", "scheduled_event"):
                continue
            v = claim["values"]
            if claim["kind"] != "scheduled_event" and "date" in v and v["date"] not in days:
                assert v["date"] < bars[0].date.isoformat(), (data["id"], claim["quote_contains"])
                expected = "unverifiable"
            else:
                expected = cc.expected_verdict(claim, bars, tick.events, published, tick.splits)
                if expected is None:
                    assert claim["verdict"] == "unverifiable", (data["id"], claim["quote_contains"])  # a 12-month move
                    continue
            checked.append((data["id"], claim["quote_contains"]))
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert len(checked) >= 80, len(checked)
    assert len({i for i, _ in checked}) == 10


def _near_day(bars, day: dt.date):
    return {b.date: b for b in bars}.get(day)


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or, with a stated basis, that far from
    the reading); a contradicted day move is at least 1.5 points off the close-to-close move (the brief's margins),
    so a rounding never decides a verdict."""
    n = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        tick = next(iter(snap.tickers.values()))
        bars = sorted(tick.prices.bars, key=lambda b: b.date)
        for claim in cc.scored(data):
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change"):
                continue
            v = claim["values"]
            end = _near_day(bars, dt.date.fromisoformat(v["date"]))
            if claim["kind"] == "stock_price":
                assert v["price"] < end.low * 0.98 or v["price"] > end.high * 1.02, (data["id"], claim["quote_contains"])
            elif v.get("period") == "day":
                base = bars[bars.index(end) - 1]
                assert abs((end.close / base.close - 1) * 100 - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"])
            n += 1
    assert n >= 15, n


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus and estimates (a forecast word in the quote) are unverifiable; otherwise the record of the metric
    and period (fiscal years named 'FY2015' included), with the stated growth against the year-ago record."""
    if any(w in claim["quote_contains"].lower() for w in cc.FORECAST_WORDS + ("expect",)):
        return "unverifiable"
    return cc.expected_reported_figure(claim, facts, published)


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = Counter()
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        tick = next(iter(snap.tickers.values()))
        assert len(snap.tickers) == 1
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind == "financial_metric":
                expected = _expected_figure(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = cc.expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                expected = cc.expected_workforce(claim, tick)
            elif kind == "deal":
                expected = cc.expected_deal(claim, tick)
            else:
                continue
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert checked["financial_metric"] >= 25 and checked["analyst_rating"] >= 20, checked
    assert checked["workforce"] >= 5 and checked["deal"] >= 6, checked
