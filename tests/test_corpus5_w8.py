"""Writer 8's part of the fifth corpus (fixtures/corpus5, r21-r30, snapshots w8-*): labels valid, quotes present,
ids in range, snapshots small and rebuilt identically from the shared data, the split by id parity with every style
in both halves (written in pairs), the verdict mix, and the dated price, move, event, analyst, reported-figure and
job verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from verifier.market.snapshot import Snapshot
from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus5"
IDS = [f"r{n}" for n in range(21, 31)]
LABELS = cc.read_labels(CORPUS, ids=IDS)
STYLES = 5


def test_every_labels_file_is_valid_with_its_quotes_ids_in_range_and_a_zone():
    cc.check_labels(CORPUS, LABELS, at_least=10, id_pattern=r"r(2[1-9]|30)", snapshot_prefix="w8-", words=(250, 700))
    assert [d["id"] for _, d in LABELS] == IDS
    for _, data in LABELS:
        assert dt.datetime.fromisoformat(data["published_at"]).utcoffset() is not None, data["id"]


def test_split_is_by_parity_in_pairs_and_every_style_is_in_both_halves():
    cc.check_split(LABELS, max_gap=0, min_styles=STYLES, pairs=True)
    styles = Counter(d["style"] for _, d in LABELS)
    assert len(styles) == STYLES and set(styles.values()) == {2}, styles
    for _, data in LABELS:  # a pair shares its style, not its snapshot
        n = int(data["id"][1:])
        if n % 2:
            twin = dict((d["id"], d) for _, d in LABELS)[f"r{n + 1}"]
            assert twin["snapshot"] != data["snapshot"], data["id"]


def test_verdict_mix_about_a_quarter_wrong_on_purpose_every_kind_present():
    cc.check_verdict_mix(LABELS, scored_per_text=(10, 17), contradicted=(0.2, 0.34), min_unverifiable=8)
    kinds = Counter(c["kind"] for _, d in LABELS for c in cc.scored(d))
    assert kinds["stock_price"] + kinds["price_change"] >= 60, kinds


def test_snapshots_are_small_constructed_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, LABELS, name_pattern=r"snapshots/w8-[a-z0-9-]+\.json", max_bytes=64_000, max_bars=80,
                          from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_rebuilds_the_committed_w8_snapshots_byte_for_byte():
    cc.check_rebuilt(CORPUS, "build_snapshots_w8.py", "w8-", LABELS)


# --------------------------------------------------------------------------- independent re-derivation

# Names and symbols per ticker, as regular expressions: a ticker strip writes Agilent as a bare "A".
NAMES = {
    "AMZN": (r"AMZN", r"Amazon"), "AAPL": (r"AAPL", r"Apple"), "ABBV": (r"ABBV", r"AbbVie"),
    "ABC": (r"(?<![A-Za-z])ABC(?![A-Za-z])", r"AmerisourceBergen"),
    "A": (r"(?<![A-Za-z])A(?= [▲▼])", r"\(A\)", r"Agilent"), "AAP": (r"(?<![A-Za-z])AAP(?![A-Za-z])", r"Advance Auto"),
}


def _ticker_for(body: str, quote: str, tickers: list[str]) -> str:
    """The ticker named last before the end of the quote (the quote's own symbol counts)."""
    if len(tickers) == 1:
        return tickers[0]
    head = body[: body.index(quote) + len(quote)]
    best, where = None, -1
    for t in tickers:
        for pattern in NAMES[t]:
            for m in re.finditer(pattern, head):
                if m.start() > where:
                    best, where = t, m.start()
    assert best, quote
    return best


def _firm(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _rating(claim: dict, actions, published: dt.datetime) -> str:
    """The firm's action on the named day (+-1) or in the 10 days before publication: target, rating, direction."""
    v = claim["values"]
    day = published.astimezone(cc.NEW_YORK).date()
    mine = [a for a in actions if _firm(a.firm).startswith(_firm(v["firm"])) and a.date <= day]
    if "date" in v:
        named = dt.date.fromisoformat(v["date"])
        mine = [a for a in mine if abs((a.date - named).days) <= 1]
    else:
        mine = [a for a in mine if (day - a.date).days <= 10]
    if not mine:
        return "unverifiable"
    act = mine[-1]
    if "price_target" in v and act.price_target is not None and abs(v["price_target"] - act.price_target) > 0.005 * act.price_target:
        return "contradicted"
    if "rating" in v and act.to_rating and _firm(v["rating"]) != _firm(act.to_rating):
        return "contradicted"
    if v.get("action") in ("upgrade", "downgrade") and act.action in ("upgrade", "downgrade", "main", "reit") and v["action"] != act.action:
        return "contradicted"
    return "supported"


def _metric(claim: dict, facts, published: dt.datetime) -> str:
    """A reported figure against the record of its metric and period known at publication; growth against the year-ago
    record; an 'other' figure only against a record whose naming words are all in the quote."""
    v = claim["values"]

    def names(f) -> bool:
        words = set(re.findall(r"[A-Za-z]{3,}", f.description)) - {"billion", "million"}
        words -= {w for w in words if w.isdigit()}
        quote = claim["quote_contains"].lower()
        return f.metric != "other" or all(w.lower() in quote for w in words if w.lower() not in ("sales", "revenue", "net"))

    known = {(f.metric, f.period): f.amount for f in facts
             if f.kind == "financial_metric" and f.date <= published.date() and names(f)}
    record = known.get((v["metric"], v.get("period")))
    if record is None:
        return "unverifiable"
    digits = re.sub(r"[^0-9.]", "", re.search(r"\$?[0-9][0-9.,]*", claim["quote_contains"].split("$")[-1]).group(0))
    half = 0.5 * 10 ** -(len(digits.split(".")[1]) if "." in digits else 0) * (v["value"] / float(digits))
    if abs(v["value"] - record) > max(0.005 * abs(record), half):
        return "contradicted"
    if "growth_percent" in v:
        m = re.fullmatch(r"(Q[1-4] )?(FY)?(\d{4})", v["period"])
        prior = re.sub(r"\d{4}", lambda y: str(int(y.group(0)) - 1), v["period"])
        base = known.get((v["metric"], prior))
        if m and base is not None and abs((record / base - 1) * 100 - v["growth_percent"]) > 0.6:
            return "contradicted"
    return "supported"


def _workforce(claim: dict, tick) -> str:
    """A headcount against the profile; a dated cut or hire against that day's fact; a running total against the sum."""
    v = claim["values"]
    tol = 0.10 if v.get("approximate") else 0.01
    if v.get("action") == "headcount":
        staff = tick.profile.employees
        return "supported" if abs(v["count"] - staff) <= tol * staff else "contradicted"
    facts = [f for f in tick.facts if f.kind == "workforce" and (f.action or "cut") == v.get("action", "cut")]
    if v.get("cumulative"):
        start = dt.date.fromisoformat(v["period_start"])
        total = sum(f.count for f in facts if f.date >= start)
        return "supported" if abs(v["count"] - total) <= tol * total else "contradicted"
    same = [f for f in facts if f.date == dt.date.fromisoformat(v["date"])]
    if not same:
        return "unverifiable"
    return "supported" if abs(v["count"] - same[0].count) <= tol * same[0].count else "contradicted"


def _year_move(claim: dict, bars) -> str:
    """A calendar year's move: from the last close of the year before, or from the close a year before; both must agree."""
    v = claim["values"]
    by_date = {b.date: b for b in bars}
    end = by_date[dt.date.fromisoformat(v["date"])]
    bases = [[b for b in bars if b.date.year < end.date.year][-1],
             [b for b in bars if b.date <= end.date - dt.timedelta(days=365)][-1]]
    moves = [(end.close / b.close - 1) * 100 for b in bases]
    return "supported" if all(abs(m - v["percent"]) <= cc.MOVE_TOLERANCE for m in moves) else "contradicted"


def _expected(claim: dict, tick, published: dt.datetime) -> str | None:
    kind, v = claim["kind"], claim["values"]
    bars = sorted(tick.prices.bars, key=lambda b: b.date)
    if kind == "stock_price" and v.get("window"):
        return "unverifiable"  # no window here covers 365 days, and an all-time extreme never settles
    if kind == "price_change" and v.get("period") == "year":
        return _year_move(claim, bars)
    if kind in ("stock_price", "price_change"):
        return cc.expected_verdict(claim, bars, tick.events, published, tick.splits)
    if kind == "scheduled_event":
        return cc.expected_verdict(claim, bars, tick.events, published)
    if kind == "analyst_rating":
        return _rating(claim, tick.analyst_actions, published)
    if kind == "financial_metric":
        return _metric(claim, tick.facts, published)
    if kind == "workforce":
        return _workforce(claim, tick)
    if kind == "deal":
        deals = [f for f in tick.facts if f.kind == "deal"]
        if not deals:
            return "unverifiable"
        return "supported" if any(abs(v["amount"] - f.amount) <= 0.01 * f.amount for f in deals) else "contradicted"
    return None


def test_every_scored_verdict_agrees_with_the_snapshot():
    checked = Counter()
    for path, data in LABELS:
        snap = Snapshot.load(CORPUS / data["snapshot"])
        body = cc.text(path)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            symbol = data.get("ticker") or _ticker_for(body, claim["quote_contains"], list(snap.tickers))
            expected = _expected(claim, snap.tickers[symbol], published)
            assert expected is not None, (data["id"], claim["quote_contains"])
            assert claim["verdict"] == expected, (data["id"], symbol, claim["quote_contains"], expected)
            checked[claim["kind"]] += 1
    assert checked["stock_price"] + checked["price_change"] >= 60, checked
    assert set(checked) == cc.KINDS, checked


def test_dated_prices_and_moves_through_the_shared_rules():
    """The shared re-derivation (tests/corpus_checks.py) agrees on every dated price, move and event it covers (the
    ticker resolved here: the shared table has no bare "A" of a ticker strip)."""
    count = 0
    for path, data in LABELS:
        snap = Snapshot.load(CORPUS / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            v = claim["values"]
            if claim["kind"] not in ("stock_price", "price_change", "scheduled_event") or "date" not in v:
                continue
            if v.get("window") or v.get("period") == "year":  # rules the shared helper does not cover
                continue
            tick = snap.tickers[_ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            assert cc.expected_verdict(claim, bars, tick.events, published, tick.splits) == claim["verdict"], (data["id"], claim["quote_contains"])
            count += 1
    assert count >= 60, count


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's range; a contradicted move more than 1.5 points off the
    close-to-close move (off every point of the session's range when the session was in progress at publication)."""
    for path, data in LABELS:
        snap = Snapshot.load(CORPUS / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            v = claim["values"]
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change"):
                continue
            tick = snap.tickers[_ticker_for(cc.text(path), claim["quote_contains"], list(snap.tickers))]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            bar = next(b for b in bars if b.date.isoformat() == v["date"])
            if claim["kind"] == "stock_price":
                assert v["price"] > bar.high * 1.02 or v["price"] < bar.low * 0.98, (data["id"], claim["quote_contains"])
                continue
            period = v.get("period", "day")
            if period == "day":
                base = bars[bars.index(bar) - 1]
            elif period == "week":
                base = [b for b in bars if b.date <= bar.date - dt.timedelta(days=7)][-1]
            else:  # ytd, year: from the last close of the year before
                base = [b for b in bars if b.date.year < bar.date.year][-1]
            _, live = cc.last_and_live(bars, published)
            readings = (bar.low, bar.high, bar.close) if live is not None and live.date == bar.date else (bar.close,)
            moves = [(p / base.close - 1) * 100 for p in readings]
            assert v["percent"] > max(moves) + 1.5 or v["percent"] < min(moves) - 1.5, (data["id"], claim["quote_contains"])
