"""Writer 23's supplementary dev texts of the eighth corpus (fixtures/corpus8, d01-d10, snapshots w23-*): labels
valid, quotes present, ids in range, all dev, zoned headers, one new variant of each of ten r-styles on another date,
snapshots small and rebuilt from the shared data, and the dated price, move, event, reported-figure, analyst,
workforce and deal verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus8"
IDS = [f"d{n:02d}" for n in range(1, 11)]
# Each d-text is a new variant of the style of one existing r-pair (its odd member named here).
VARIES = dict(zip(IDS, ["r01", "r03", "r05", "r07", "r09", "r21", "r23", "r25", "r27", "r29"]))
# The agate table (d02) names companies by newspaper abbreviations; a quote holding one is that ticker's.
ABBREVIATIONS = {"AdvAutoPt": "AAP", "AgilentTch": "A", "AmerisBgn": "ABC", "AbbVie ": "ABBV"}
NAMES = {**cc.NAMES, "A": ("Agilent",), "AAPL": ("Apple", "AAPL"), "AMZN": ("Amazon", "AMZN")}
FORECAST = cc.FORECAST_WORDS + ("expect", "guidance")
ZONES = ("EST", "EDT", "CST", "CDT", "PST", "PDT", "Eastern", "Central", "Pacific")


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


_ticker = cc.abbreviated_ticker(ABBREVIATIONS, NAMES)


def test_all_ten_texts_are_here():
    cc.check_all_here(_mine(), IDS)


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"d(0[1-9]|10)", snapshot_prefix="w23-", words=(250, 700))


def test_the_header_states_the_labelled_time():
    """Each text's header carries the clock time of `published_at` and a zone word (EST, CDT, Pacific ...)."""
    cc.check_header_time(_mine(), ZONES)


def test_all_dev_one_variant_per_style_on_another_date_and_snapshot():
    mine = _mine()
    assert {d["split"] for _, d in mine} == {"dev"}
    assert len({d["style"] for _, d in mine}) == 10
    for _, data in mine:
        odd = VARIES[data["id"]]
        pair = [json.loads((CORPUS / f"{r}.labels.json").read_text(encoding="utf-8"))
                for r in (odd, f"r{int(odd[1:]) + 1:02d}")]
        assert all(p["style"] == data["style"] for p in pair), data["id"]
        for p in pair:
            assert p["published_at"][:10] != data["published_at"][:10], (data["id"], p["id"])
            assert p["snapshot"] != data["snapshot"], (data["id"], p["id"])


def test_verdict_mix_kinds_and_flags():
    verdicts, kinds = cc.check_writer_mix(_mine(), min_unverifiable=4, min_prices=40, min_optional=10)
    flags = [f for _, d in _mine() for f in d["flags"]]
    assert len(flags) >= 4, flags


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_writer_snapshots(CORPUS, _mine(), "w23-")


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w23_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w23.py", "w23-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_bar_verdicts(CORPUS, _mine(), at_least=60, ticker=_ticker, skip_period_start=True)
    assert len({i for i, _ in checked}) == 10


def test_moves_since_a_named_start_agree_with_the_bars():
    """`period_start` moves (not covered by corpus_checks' expected_verdict): the close before the start to the
    named (or last) close; a wrong one is at least 1.5 points off."""
    cc.check_period_start_moves(CORPUS, _mine(), at_least=3, wrong_margin=1.5)


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range; a contradicted day move is at least
    1.5 points off the close-to-close move, a year-to-date or week move at least 0.8 points."""
    cc.check_clear_margins(CORPUS, _mine(), at_least=10, ticker=_ticker, skip_period_start=True,
                           margins={"day": 1.5, "week": 0.8, "ytd": 0.8}, otherwise="ytd")


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, guidance, outlooks and adjusted figures (a forecast word or 'adjusted'/'non-GAAP' in the quote) are
    unverifiable; otherwise the record of the metric and period, with the stated growth against the year-ago record,
    and a figure written to few digits agrees with every record that rounds to it (README "Rounded figures")."""
    return cc.expected_figure(claim, facts, published, forecast=FORECAST + ("adjusted", "non-gaap"), rounded=True)


def _told(data: dict, path: Path, claim: dict) -> bool:
    """A figure the article passes on from a report ('... reported Monday that ...' just before it)."""
    body, quote = cc.text(path), claim["quote_contains"]
    at = body.index(quote)
    return any(w in body[max(0, at - 120): at + len(quote)] for w in ("reported Monday that", "people familiar", "reports say"))


def _deal(claim: dict, expected: str) -> str:
    if claim["values"].get("up_to") and expected == "supported":
        return "unverifiable"  # README "Ceilings": never settled by a smaller record
    return expected


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    cc.check_writer_records(CORPUS, _mine(), figure=_expected_figure, ticker=_ticker, unverifiable_workforce=_told,
                            deal=_deal, at_least={"financial_metric": 25, "analyst_rating": 6, "workforce": 8, "deal": 4})
