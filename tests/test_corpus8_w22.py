"""Writer 22's part of the eighth corpus (fixtures/corpus8, r61-r70, snapshots w22-*): labels valid, quotes present,
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
IDS = [f"r{n:02d}" for n in range(61, 71)]
# Hearsay the records cannot settle (no denial on record): never held to the company's announced rounds.
HEARSAY = {("r69", "another 20,000 cuts are coming in June")}


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(6[1-9]|70)", snapshot_prefix="w22-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_each_pair_is_on_another_company_and_date():
    by_id = {d["id"]: d for _, d in _mine()}
    for n in range(61, 71, 2):
        dev, held = by_id[f"r{n:02d}"], by_id[f"r{n + 1:02d}"]
        assert list(Snapshot.load(CORPUS / dev["snapshot"]).tickers) != list(Snapshot.load(CORPUS / held["snapshot"]).tickers)
        assert dev["published_at"][:10] != held["published_at"][:10]


def test_verdict_mix_kinds_and_promotional_devices_in_the_horoscopes():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=8)
    assert kinds["stock_price"] + kinds["price_change"] >= 60, kinds
    assert sum(1 for _, d in _mine() for c in d["claims"] if c.get("optional")) >= 10
    flags = {d["id"]: {f["technique"] for f in d["flags"]} for _, d in _mine()}
    for promo in ("r67", "r68"):
        assert len(flags[promo]) >= 7, (promo, flags[promo])
        assert {"urgency", "free_offer", "buy_sell_question", "promissory"} <= flags[promo], promo


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w22-[a-z0-9-]+\.json", max_bytes=20_000,
                          max_bars=70, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w22_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w22.py", "w22-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=85, one_ticker=True)
    assert len({i for i, _ in checked}) == 10


def _near_day(bars, day: dt.date):
    return {b.date: b for b in bars}.get(day)


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or a split-scaled close); a
    contradicted day move is at least 1.5 points off the close-to-close move (the brief's margins)."""
    n = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        for claim in cc.scored(data):
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change"):
                continue
            tick = next(iter(snap.tickers.values()))
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            v = claim["values"]
            end = _near_day(bars, dt.date.fromisoformat(v["date"]))
            if claim["kind"] == "stock_price":
                splits = [s for s in tick.splits if s.date > end.date]
                if splits:  # a pre-/post-split mix-up: the price is the split-scaled close
                    assert any(cc._near(v["price"] * s.ratio, end.close) for s in splits), claim
                else:
                    assert v["price"] < end.low * 0.98 or v["price"] > end.high * 1.02, (data["id"], claim["quote_contains"])
            elif v.get("period") == "day":
                base = bars[bars.index(end) - 1]
                assert abs((end.close / base.close - 1) * 100 - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"])
            else:  # a year-to-date move: at least 1.5 points off too
                base = [b for b in bars if b.date < dt.date(end.date.year, 1, 1)][-1]
                assert abs((end.close / base.close - 1) * 100 - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"])
            n += 1
    assert n >= 15, n


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, guidance and estimates (a forecast word in the quote) are unverifiable; otherwise the record of
    the metric and period, with the stated growth against the year-ago record."""
    if any(w in claim["quote_contains"].lower() for w in cc.FORECAST_WORDS + ("surveyed",)):
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
                hearsay = (data["id"], claim["quote_contains"]) in HEARSAY
                expected = "unverifiable" if hearsay else cc.expected_workforce(claim, tick)
            elif kind == "deal":
                expected = cc.expected_deal(claim, tick)
            else:
                continue
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert checked["financial_metric"] >= 20 and checked["analyst_rating"] >= 15, checked
    assert checked["workforce"] >= 10 and checked["deal"] >= 6, checked
