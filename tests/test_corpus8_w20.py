"""Writer 20's part of the eighth corpus (fixtures/corpus8, r21-r30, snapshots w20-*): labels valid, quotes present,
ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity with every
style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal verdicts
re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus8"
IDS = [f"r{n:02d}" for n in range(21, 31)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    cc.check_all_here(_mine(), IDS)


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(2[1-9]|30)", snapshot_prefix="w20-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    cc.check_split_in_pairs(_mine())


def test_each_pair_is_on_another_company_and_date():
    cc.check_pairs_differ(CORPUS, _mine(), IDS)


def test_verdict_mix_kinds_optional_claims_and_flags():
    verdicts, kinds = cc.check_writer_mix(_mine(), min_unverifiable=8, min_prices=50, min_optional=10)
    flags = [f for _, d in _mine() for f in d["flags"]]
    assert len(flags) >= 5 and len({f["technique"] for f in flags}) >= 4, flags


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_writer_snapshots(CORPUS, _mine(), "w20-")


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w20_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w20.py", "w20-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=70, one_ticker=True)
    assert len({i for i, _ in checked}) == 10


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range; a contradicted day move is at least
    1.5 points off the close-to-close move (the brief's margins), so a rounding never decides a verdict."""
    cc.check_clear_margins(CORPUS, _mine(), at_least=15)


FORECAST = cc.FORECAST_WORDS + ("expect", "estimated")


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, estimates and guidance (a forecast word in the quote) are unverifiable; otherwise the record of
    the metric and period (fiscal years named 'FY2015' included), with the stated growth against the year-ago record."""
    return cc.expected_figure(claim, facts, published, forecast=FORECAST)


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    cc.check_writer_records(CORPUS, _mine(), figure=_expected_figure, one_ticker=True,
                            at_least={"financial_metric": 20, "analyst_rating": 15, "workforce": 10, "deal": 8})
