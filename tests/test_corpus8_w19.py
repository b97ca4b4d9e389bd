"""Writer 19's part of the eighth corpus (fixtures/corpus8, r01-r10, snapshots w19-*): labels valid, quotes present,
ids in range, zoned headers, snapshots small and rebuilt from the shared data, the split by id parity with every
style in both halves, and the dated price, move, event, reported-figure, analyst, workforce and deal verdicts
re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

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


def _ticker(path: Path, snap: Snapshot, quote: str) -> str:
    tickers = list(snap.tickers)
    if len(tickers) == 1:
        return tickers[0]
    for abbr, symbol in ABBREVIATIONS.items():
        if abbr in quote:
            return symbol
    body = cc.text(path)
    head = body[: body.index(quote) + len(quote)]
    best, where = None, -1
    for t in tickers:
        for name in NAMES[t]:
            at = head.rfind(name)
            if at > where:
                best, where = t, at
    assert best, quote
    return best


def test_all_ten_texts_are_here():
    assert [d["id"] for _, d in _mine()] == IDS


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"r(0[1-9]|10)", snapshot_prefix="w19-", words=(250, 700))


def test_the_header_states_the_labelled_time():
    """Each text's header carries the clock time of `published_at` and a zone word (EST, EDT, Eastern ...)."""
    for path, data in _mine():
        head = "\n".join(cc.text(path).splitlines()[:12])
        published = dt.datetime.fromisoformat(data["published_at"])
        hour = published.hour % 12 or 12
        assert f"{hour}:{published.minute:02d}" in head, data["id"]
        assert any(z in head for z in ("EST", "EDT", "Eastern")), data["id"]


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_each_pair_is_on_another_company_and_date():
    by_id = {d["id"]: d for _, d in _mine()}
    for n in range(1, 11, 2):
        dev, held = by_id[f"r{n:02d}"], by_id[f"r{n + 1:02d}"]
        assert set(Snapshot.load(CORPUS / dev["snapshot"]).tickers).isdisjoint(Snapshot.load(CORPUS / held["snapshot"]).tickers)
        assert dev["published_at"][:10] != held["published_at"][:10]


def test_verdict_mix_kinds_and_flags():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=8)
    assert kinds["stock_price"] + kinds["price_change"] >= 50, kinds
    optional = sum(1 for _, d in _mine() for c in d["claims"] if c.get("optional"))
    assert optional >= 10, optional
    flags = [f for _, d in _mine() for f in d["flags"]]
    assert len(flags) >= 4, flags


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w19-[a-z0-9-]+\.json", max_bytes=20_000,
                          max_bars=70, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w19_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w19.py", "w19-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = []
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            if claim["kind"] not in ("stock_price", "price_change", "scheduled_event"):
                continue
            if claim["values"].get("window"):
                # a 52-week or all-time extreme: the bars cover weeks, never the window (README: unverifiable)
                assert claim["verdict"] == "unverifiable", (data["id"], claim["quote_contains"])
                continue
            tick = snap.tickers[_ticker(path, snap, claim["quote_contains"])]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            expected = cc.expected_verdict(claim, bars, tick.events, published, tick.splits)
            if expected is None:
                continue
            checked.append((data["id"], claim["quote_contains"]))
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert len(checked) >= 60, len(checked)
    assert len({i for i, _ in checked}) == 10


def test_moves_since_a_named_start_agree_with_the_bars():
    """`period_start` moves (not covered by corpus_checks): the close before the start to the named (or last) close."""
    n = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            v = claim["values"]
            if claim["kind"] != "price_change" or "period_start" not in v:
                continue
            bars = sorted(next(iter(snap.tickers.values())).prices.bars, key=lambda b: b.date)
            end = {b.date.isoformat(): b for b in bars}[v["date"]] if "date" in v else cc.last_and_live(bars, published)[0]
            base = [b for b in bars if b.date < dt.date.fromisoformat(v["period_start"])][-1]
            ok = abs((end.close / base.close - 1) * 100 - v["percent"]) <= cc.MOVE_TOLERANCE
            assert claim["verdict"] == ("supported" if ok else "contradicted"), (data["id"], claim["quote_contains"])
            n += 1
    assert n >= 2


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or a pre-/post-split mix-up); a
    contradicted day move is at least 1.5 points off the close-to-close move."""
    n = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        for claim in cc.scored(data):
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change"):
                continue
            tick = snap.tickers[_ticker(path, snap, claim["quote_contains"])]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            v = claim["values"]
            end = {b.date: b for b in bars}[dt.date.fromisoformat(v["date"])]
            if claim["kind"] == "stock_price":
                far = v["price"] < end.low * 0.98 or v["price"] > end.high * 1.02
                earlier = [s for s in tick.splits if s.date <= end.date]
                mixup = any(cc._near(v["price"], end.close * s.ratio) for s in earlier)
                assert far or mixup, (data["id"], claim["quote_contains"])
            elif v.get("period") == "day":
                base = bars[bars.index(end) - 1]
                assert abs((end.close / base.close - 1) * 100 - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"])
            n += 1
    assert n >= 12, n


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, guidance and outlooks (a forecast word in the quote) are unverifiable; otherwise the record of the
    metric and period, with the stated growth against the year-ago record."""
    if any(w in claim["quote_contains"].lower() for w in FORECAST):
        return "unverifiable"
    if claim["values"]["metric"] in ("gross_margin", "operating_margin", "net_margin"):
        return "unverifiable"  # no gross or operating profit is on record in these snapshots
    verdict = cc.expected_reported_figure(claim, facts, published)
    if verdict == "contradicted" and "growth_percent" not in claim["values"]:
        # README "Rounded figures": a figure written to few digits agrees with every record that rounds to it
        v = claim["values"]
        m = re.search(r"\$([\d,]+(?:\.(\d+))?)\s*(billion|million)?", claim["quote_contains"])
        record = next((f.amount for f in facts if f.kind == "financial_metric" and f.metric == v["metric"]
                       and f.period == v["period"]), None)
        if m and record is not None:
            unit = {"billion": 1e9, "million": 1e6}.get(m.group(3) or "", 1.0)
            half = 0.5 * 10 ** -len(m.group(2) or "") * unit
            if abs(v["value"] - record) <= half:
                return "supported"
    return verdict


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    checked = Counter()
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind not in ("financial_metric", "analyst_rating", "workforce", "deal"):
                continue
            tick = snap.tickers[_ticker(path, snap, claim["quote_contains"])]
            if kind == "financial_metric":
                expected = _expected_figure(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = cc.expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                told = any(w in claim["quote_contains"] for w in ("I am told", "reports say"))
                expected = "unverifiable" if told else cc.expected_workforce(claim, tick)
            else:
                expected = cc.expected_deal(claim, tick)
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert checked["financial_metric"] >= 30 and checked["analyst_rating"] >= 15, checked
    assert checked["workforce"] >= 8 and checked["deal"] >= 7, checked
