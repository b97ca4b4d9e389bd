"""Writer 15's supplementary dev articles of the seventh corpus (fixtures/corpus7, d01-d05): labels valid, quotes
present, all dev, one per style of r01-r10, each on a snapshot of another company than that style's r-pair; the
snapshots are reused w15-* windows (no new builder), and the price, move, event, reported-figure, analyst, workforce
and deal verdicts are re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus7"
IDS = [f"d{n:02d}" for n in range(1, 6)]
STYLES = {
    "d01": "AP-style automated earnings story",
    "d02": "Axios-style smart-brevity item",
    "d03": "Morningstar-style equity analyst report summary",
    "d04": "activist investor open letter to the board",
    "d05": "investor slide deck, text extracted",
}


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_all_five_texts_are_here_all_dev_one_per_style():
    mine = _mine()
    assert [d["id"] for _, d in mine] == IDS
    for _, d in mine:
        assert d["split"] == "dev", d["id"]
        assert d["style"] == STYLES[d["id"]], d["id"]


def test_labels_valid_quotes_present_and_headers_zoned():
    cc.check_labels(CORPUS, _mine(), at_least=5, id_pattern=r"d0[1-5]", snapshot_prefix="w15-", words=(250, 600))


def test_verdict_mix_kinds_and_the_letters_devices():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 15), contradicted=(0.2, 0.35), min_unverifiable=5)
    assert kinds["stock_price"] + kinds["price_change"] >= 25, kinds
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["d04"]) >= 3


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w15-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=35, one_ticker=True)
    assert len({i for i, _ in checked}) == 5


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    n = 0
    for _, data in _mine():
        tick = next(iter(Snapshot.load(CORPUS / data["snapshot"]).tickers.values()))
        bars = sorted(tick.prices.bars, key=lambda b: b.date)
        by_day = {b.date.isoformat(): b for b in bars}
        for claim in cc.scored(data):
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change"):
                continue
            v = claim["values"]
            end = by_day[v["date"]]
            if claim["kind"] == "stock_price":
                assert v["price"] < end.low * 0.98 or v["price"] > end.high * 1.02, (data["id"], claim["quote_contains"])
            else:
                if v["period"] == "day":
                    base = bars[bars.index(end) - 1]
                elif v["period"] == "week":
                    base = [b for b in bars if b.date <= end.date - dt.timedelta(days=7)][-1]
                else:
                    start = end.date.replace(month=1, day=1) if v["period"] == "ytd" else end.date.replace(day=1)
                    base = [b for b in bars if b.date < start][-1]
                assert abs((end.close / base.close - 1) * 100 - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"])
            n += 1
    assert n >= 8, n


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    if any(w in claim["quote_contains"].lower() for w in cc.FORECAST_WORDS + ("surveyed", "guidance")):
        return "unverifiable"
    return cc.expected_reported_figure(claim, facts, published)


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = Counter()
    for _, data in _mine():
        tick = next(iter(Snapshot.load(CORPUS / data["snapshot"]).tickers.values()))
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
    assert checked["financial_metric"] >= 12 and checked["analyst_rating"] >= 6, checked
    assert checked["workforce"] >= 3 and checked["deal"] >= 4, checked
