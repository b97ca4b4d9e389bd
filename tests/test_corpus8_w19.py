"""Writer 19's part of the eighth corpus (fixtures/corpus8, r01-r10, snapshots w19-*): labels valid, quotes present,
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
IDS = [f"r{n:02d}" for n in range(1, 11)]
# The agate tables (r03, r04) name companies by their newspaper abbreviations; a quote holding one is that ticker's.
ABBREVIATIONS = {"AdvAuto": "AAP", "AmeriBrgn": "ABC", "AppleInc": "AAPL", "AmznCom": "AMZN", "2,575,996": "AAPL",
                 "81,611": "AMZN"}
NAMES = {**cc.NAMES, "A": ("Agilent",), "AAPL": ("Apple", "AAPL"), "AMZN": ("Amazon", "AMZN")}
FORECAST = cc.FORECAST_WORDS + ("expect", "guidance")


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


_ticker = cc.abbreviated_ticker(ABBREVIATIONS, NAMES)


def test_all_ten_texts_are_here():
    cc.check_all_here(_mine(), IDS)


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(0[1-9]|10)", snapshot_prefix="w19-", words=(250, 700))


def test_the_header_states_the_labelled_time():
    """Each text's header carries the clock time of `published_at` and a zone word (EST, EDT, Eastern ...)."""
    cc.check_header_time(_mine(), ("EST", "EDT", "Eastern"))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    cc.check_split_in_pairs(_mine())


def test_each_pair_is_on_another_company_and_date():
    cc.check_pairs_differ(CORPUS, _mine(), IDS, disjoint=True)


def test_verdict_mix_kinds_and_flags():
    verdicts, kinds = cc.check_writer_mix(_mine(), min_unverifiable=8, min_prices=50, min_optional=10)
    flags = [f for _, d in _mine() for f in d["flags"]]
    assert len(flags) >= 4, flags


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_writer_snapshots(CORPUS, _mine(), "w19-")


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w19_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w19.py", "w19-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_bar_verdicts(CORPUS, _mine(), at_least=60, ticker=_ticker)
    assert len({i for i, _ in checked}) == 10


def test_moves_since_a_named_start_agree_with_the_bars():
    """`period_start` moves (not covered by corpus_checks' expected_verdict): the close before the start to the named (or last) close."""
    cc.check_period_start_moves(CORPUS, _mine(), at_least=2)


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or a pre-/post-split mix-up); a
    contradicted day move is at least 1.5 points off the close-to-close move."""
    cc.check_clear_margins(CORPUS, _mine(), at_least=12, ticker=_ticker, split_price="earlier")


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, guidance and outlooks (a forecast word in the quote) are unverifiable; otherwise the record of the
    metric and period, with the stated growth against the year-ago record, and a figure written to few digits agrees
    with every record that rounds to it (README "Rounded figures")."""
    if claim["values"]["metric"] in ("gross_margin", "operating_margin", "net_margin"):
        return "unverifiable"  # no gross or operating profit is on record in these snapshots
    return cc.expected_figure(claim, facts, published, forecast=FORECAST, rounded=True)


def _told(data: dict, path: Path, claim: dict) -> bool:
    return any(w in claim["quote_contains"] for w in ("I am told", "reports say"))


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    cc.check_writer_records(CORPUS, _mine(), figure=_expected_figure, ticker=_ticker, unverifiable_workforce=_told,
                            at_least={"financial_metric": 30, "analyst_rating": 15, "workforce": 8, "deal": 7})
