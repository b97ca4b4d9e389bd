"""Writer 21's part of the eighth corpus (fixtures/corpus8, r41-r50, snapshots w21-*): labels valid, quotes present,
ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity with every
style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal verdicts
re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
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
    cc.check_all_here(_mine(), IDS)


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(4[1-9]|50)", snapshot_prefix="w21-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    cc.check_split_in_pairs(_mine())


def test_each_pair_is_on_another_company_and_date():
    cc.check_pairs_differ(CORPUS, _mine(), IDS)


def test_verdict_mix_kinds_and_promotional_devices():
    _, kinds = cc.check_writer_mix(_mine(), min_unverifiable=8, min_prices=60, min_optional=10)
    assert kinds["stock_price"] + kinds["price_change"] > max(kinds[k] for k in kinds if k not in ("stock_price", "price_change"))
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert sum(len(f) for f in flags.values()) >= 8, flags


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_writer_snapshots(CORPUS, _mine(), "w21-")


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


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or, with a stated basis, that far from
    the reading); a contradicted day move is at least 1.5 points off the close-to-close move (the brief's margins),
    so a rounding never decides a verdict."""
    cc.check_clear_margins(CORPUS, _mine(), at_least=15, day="near")


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus and estimates (a forecast word in the quote) are unverifiable; otherwise the record of the metric
    and period (fiscal years named 'FY2015' included), with the stated growth against the year-ago record."""
    return cc.expected_figure(claim, facts, published, forecast=cc.FORECAST_WORDS + ("expect",))


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    cc.check_writer_records(CORPUS, _mine(), figure=_expected_figure, one_ticker=True,
                            at_least={"financial_metric": 25, "analyst_rating": 20, "workforce": 5, "deal": 6})
