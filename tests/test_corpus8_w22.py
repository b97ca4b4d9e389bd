"""Writer 22's part of the eighth corpus (fixtures/corpus8, r61-r70, snapshots w22-*): labels valid, quotes present,
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
IDS = [f"r{n:02d}" for n in range(61, 71)]
# Hearsay the records cannot settle (no denial on record): never held to the company's announced rounds.
HEARSAY = {("r69", "another 20,000 cuts are coming in June")}


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_ten_texts_are_here():
    cc.check_all_here(_mine(), IDS)


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(6[1-9]|70)", snapshot_prefix="w22-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    cc.check_split_in_pairs(_mine())


def test_each_pair_is_on_another_company_and_date():
    cc.check_pairs_differ(CORPUS, _mine(), IDS)


def test_verdict_mix_kinds_and_promotional_devices_in_the_horoscopes():
    verdicts, kinds = cc.check_writer_mix(_mine(), min_unverifiable=8, min_prices=60, min_optional=10)
    flags = {d["id"]: {f["technique"] for f in d["flags"]} for _, d in _mine()}
    for promo in ("r67", "r68"):
        assert len(flags[promo]) >= 7, (promo, flags[promo])
        assert {"urgency", "free_offer", "buy_sell_question", "promissory"} <= flags[promo], promo


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_writer_snapshots(CORPUS, _mine(), "w22-")


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w22_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w22.py", "w22-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=85, one_ticker=True)
    assert len({i for i, _ in checked}) == 10


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or a split-scaled close); a
    contradicted day move is at least 1.5 points off the close-to-close move (the brief's margins), and any other
    move (a year-to-date move) at least 1.5 points off too."""
    cc.check_clear_margins(CORPUS, _mine(), at_least=15, day="near", split_price="later",
                           margins={"day": 1.5, "ytd": 1.5}, otherwise="ytd")


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, guidance and estimates (a forecast word in the quote) are unverifiable; otherwise the record of
    the metric and period, with the stated growth against the year-ago record."""
    return cc.expected_figure(claim, facts, published, forecast=cc.FORECAST_WORDS + ("surveyed",))


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    cc.check_writer_records(CORPUS, _mine(), figure=_expected_figure, one_ticker=True,
                            unverifiable_workforce=lambda data, path, claim: (data["id"], claim["quote_contains"]) in HEARSAY,
                            at_least={"financial_metric": 20, "analyst_rating": 15, "workforce": 10, "deal": 6})
