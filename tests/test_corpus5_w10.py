"""Writer 10's part of the fifth corpus (fixtures/corpus5, r61-r70, snapshots w10-*): labels valid, quotes
present, ids in range, published_at with its zone, snapshots small and rebuilt identically from the shared
data, the split by id parity with every style in both halves (written in pairs), and the dated price, move,
event, reported-figure and analyst verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from verifier.market.snapshot import Snapshot
from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus5"
IDS = [f"r{n}" for n in range(61, 71)]
STYLES = 5


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_labels_are_valid_quotes_occur_ids_in_range_and_headers_have_a_zone():
    mine = _mine()
    assert [d["id"] for _, d in mine] == IDS
    cc.check_labels(CORPUS, mine, at_least=10, id_pattern=r"r(6[1-9]|70)", snapshot_prefix="w10-", words=(250, 700))


def test_split_by_parity_in_pairs_with_every_style_in_both_halves():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=STYLES, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == STYLES and set(styles.values()) == {2}, styles


def test_verdict_mix_about_a_quarter_wrong_some_unverifiable_and_kinds_covered():
    _, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 15), contradicted=(0.22, 0.35), min_unverifiable=8)
    assert kinds["stock_price"] >= 30 and kinds["price_change"] >= 20, kinds


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w10-[a-z0-9-]+\.json", max_bytes=64_000,
                          max_bars=80, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_rebuilds_the_committed_w10_snapshots_byte_for_byte():
    cc.check_rebuilt(CORPUS, "build_snapshots_w10.py", "w10-", _mine())


# --------------------------------------------------------------------------- independent re-derivation


def _expected_rating(claim: dict, actions, published: dt.datetime) -> str:
    """The firm's action on the stated date (+-1 day, not after publication), else in the 10 days before
    publication; a stated target, prior target or rating that disagrees with it is contradicted."""
    v = claim["values"]
    day = published.date()
    ours = [a for a in actions if a.firm.lower().startswith(v["firm"].lower()) and a.date <= day]
    if "date" in v:
        named = dt.date.fromisoformat(v["date"])
        window = [a for a in ours if abs((a.date - named).days) <= 1]
    else:
        window = [a for a in ours if day - dt.timedelta(days=10) <= a.date]
    if not window:
        return "unverifiable"
    act = window[-1]
    for key, field in (("price_target", "price_target"), ("previous_price_target", "prior_price_target")):
        have = getattr(act, field)
        if key in v and have is not None and abs(v[key] - have) > 0.005 * have:
            return "contradicted"
    if "rating" in v and act.to_rating and v["rating"].lower() != act.to_rating.lower():
        return "contradicted"
    return "supported"


def _expected_fact(claim: dict, tick) -> str:
    """A dated cut, a headcount or a deal against the records and the profile (10% for hedged figures)."""
    v = claim["values"]
    tol = 0.10 if v.get("approximate") or "about" in claim["quote_contains"] else 0.01
    if claim["kind"] == "workforce" and v.get("action") == "headcount":
        have = tick.profile.employees if tick.profile else None
        if not have:
            return "unverifiable"
        return "supported" if abs(v["count"] - have) <= tol * have else "contradicted"
    field = "count" if claim["kind"] == "workforce" else "amount"
    records = [f for f in tick.facts if f.kind == claim["kind"] and getattr(f, field) is not None]
    if claim["kind"] == "deal":
        records = [f for f in records if f.counterparty == v.get("counterparty")]
    if v.get("cumulative"):
        total = sum(getattr(f, field) for f in records)
        return "supported" if records and abs(v[field] - total) <= tol * total else "unverifiable"
    if "date" in v:
        records = [f for f in records if f.date.isoformat() == v["date"]]
    if not records:
        return "unverifiable"
    return "supported" if any(abs(v[field] - getattr(f, field)) <= tol * getattr(f, field) for f in records) else "contradicted"


def test_price_move_event_metric_fact_and_rating_verdicts_agree_with_the_snapshot():
    checked = Counter()
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        assert len(snap.tickers) == 1, data["snapshot"]
        tick = next(iter(snap.tickers.values()))
        bars = sorted(tick.prices.bars, key=lambda b: b.date)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind in ("stock_price", "price_change", "scheduled_event"):
                expected = cc.expected_verdict(claim, bars, tick.events, published, tick.splits)
            elif kind == "analyst_rating":
                expected = _expected_rating(claim, tick.analyst_actions, published)
            elif kind == "financial_metric":
                expected = cc.expected_reported_figure(claim, tick.facts, published)
            else:
                expected = _expected_fact(claim, tick)
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert sum(checked.values()) == sum(len(cc.scored(d)) for _, d in _mine())
    assert checked["stock_price"] + checked["price_change"] >= 50, checked


def test_dated_prices_and_moves_name_sessions_in_the_snapshot_and_wrong_ones_are_well_off():
    """A wrong price is more than 2% outside its day's range, a wrong move more than 1.5 points off."""
    for _, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        tick = next(iter(snap.tickers.values()))
        bars = sorted(tick.prices.bars, key=lambda b: b.date)
        by_date = {b.date.isoformat(): b for b in bars}
        for claim in cc.scored(data):
            v = claim["values"]
            if claim["kind"] not in ("stock_price", "price_change") or "date" not in v:
                continue
            bar = by_date[v["date"]]
            if claim["verdict"] != "contradicted":
                continue
            if claim["kind"] == "stock_price":
                assert v["price"] > bar.high * 1.02 or v["price"] < bar.low * 0.98, (data["id"], claim["quote_contains"])
            else:
                if v.get("period") == "week":
                    base = [b for b in bars if b.date <= bar.date - dt.timedelta(days=7)][-1]
                else:
                    base = bars[bars.index(bar) - 1]
                move = (bar.close / base.close - 1) * 100
                assert abs(move - v["percent"]) > 1.5, (data["id"], claim["quote_contains"], move)
