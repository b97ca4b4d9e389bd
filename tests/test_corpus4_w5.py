"""Writer 5's part of the fourth corpus (fixtures/corpus4, p01-p16, snapshots w5-*): labels valid, quotes
present, snapshots small and rebuilt from the shared data, the split by id parity with every style in both
halves, and the dated price, move, event, reported-figure and analyst verdicts re-derived from the
snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.evaluate import load_corpus, validate_labels
from verifier.market.snapshot import Snapshot
from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus4"
NEW_YORK = ZoneInfo("America/New_York")
KINDS = {"stock_price", "price_change", "analyst_rating", "workforce", "deal", "scheduled_event", "financial_metric"}
MIN_ARTICLES = 12


def _mine() -> list[tuple[Path, dict]]:
    """The labels files of this writer: ids p01-p16 on w5 snapshots (the other writer's files are theirs)."""
    out = []
    for path in sorted(CORPUS.glob("p*.labels.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if Path(data["snapshot"]).name.startswith("w5-"):
            out.append((path, data))
    return out






def test_every_labels_file_is_valid_and_every_quote_occurs_in_its_article():
    mine = _mine()
    assert len(mine) >= MIN_ARTICLES
    for path, data in mine:
        text = cc.text(path)
        assert validate_labels(data, text, path.name, CORPUS) == [], path.name
        assert data["id"] == path.name[: -len(".labels.json")]
        assert re.fullmatch(r"p(0[1-9]|1[0-6])", data["id"]), data["id"]
        assert data.get("style"), f"{path.name} names no style"
        assert dt.datetime.fromisoformat(data["published_at"]).tzinfo is not None, path.name
        for claim in data["claims"] + data.get("flags", []):
            assert claim["quote_contains"].lower() in text.lower(), (path.name, claim["quote_contains"])
    ids = {case.id for case in load_corpus(CORPUS)}
    assert {data["id"] for _, data in mine} <= ids


def test_snapshots_load_and_are_small_constructed_windows():
    for name in sorted({data["snapshot"] for _, data in _mine()}):
        path = CORPUS / name
        assert re.fullmatch(r"snapshots/w5-[a-z0-9-]+\.json", name), name
        assert path.stat().st_size < 64_000, f"{name} is not a small window"
        snap = Snapshot.load(path)
        for data in snap.tickers.values():
            assert data.prices and data.prices.bars, f"{name} has no bars for {data.ticker}"
            assert len(data.prices.bars) <= 80, f"{name}: {len(data.prices.bars)} bars for {data.ticker}"
            assert data.provenance and data.provenance.source.startswith("verifier corpus (constructed)")
            for bar in data.prices.bars:
                assert bar.low <= min(bar.open, bar.close) and bar.high >= max(bar.open, bar.close), (name, bar.date)


def test_split_is_odd_ids_dev_even_ids_heldout_and_every_style_in_both_halves():
    styles = defaultdict(set)
    by_split = Counter()
    for _, data in _mine():
        number = int(data["id"][1:])
        assert data["split"] == ("dev" if number % 2 else "heldout"), data["id"]
        by_split[data["split"]] += 1
        styles[data["style"]].add(data["split"])
    assert by_split["dev"] == by_split["heldout"], by_split
    assert len(styles) >= 6
    for style, halves in styles.items():
        assert halves == {"dev", "heldout"}, f"style {style!r} is only in {halves}"


def test_about_a_third_wrong_on_purpose_some_unverifiable_every_kind_present_flags_where_pitched():
    verdicts, kinds, flags = Counter(), Counter(), 0
    for _, data in _mine():
        scored = cc.scored(data)
        assert 8 <= len(scored) <= 16, (data["id"], len(scored))
        for claim in scored:
            assert claim["verdict"] is not None, (data["id"], claim["quote_contains"])
            verdicts[claim["verdict"]] += 1
            kinds[claim["kind"]] += 1
        flags += len(data.get("flags", []))
    share = verdicts["contradicted"] / sum(verdicts.values())
    assert 0.22 <= share <= 0.40, share
    assert verdicts["unverifiable"] >= 10
    assert set(kinds) == KINDS
    assert flags >= 8


# --------------------------------------------------------------------------- independent re-derivation

_NAMES = {"AMZN": ("AMZN", "Amazon"), "ABBV": ("ABBV", "AbbVie"), "ABC": ("ABC", "AmerisourceBergen"),
          "A": ("(A)", "Agilent"), "AAP": ("AAP", "Advance Auto")}


def _ticker_for(text: str, quote: str, tickers: list[str]) -> str:
    """The ticker whose name or symbol is written last before the end of the quote (multi-ticker snapshots)."""
    if len(tickers) == 1:
        return tickers[0]
    at = text.lower().index(quote.lower())
    head = text[: at + len(quote)]
    best, where = None, -1
    for t in tickers:
        for name in _NAMES[t]:
            for m in re.finditer(re.escape(name), head):
                longer = name.isupper() and m.end() < len(head) and head[m.end()].isalpha()
                if m.start() > where and not longer:
                    best, where = t, m.start()
    assert best, quote
    return best


def _expected_market(claim: dict, bars, events) -> str | None:
    """A dated price, a dated daily or weekly move, or an event date, judged from the bars and the calendar."""
    v = claim["values"]
    by_date = {b.date.isoformat(): b for b in bars}
    if claim["kind"] == "stock_price":
        if "window" in v:
            return "unverifiable"  # the windows here never cover 365 days
        bar = by_date[v["date"]]
        ok = abs(v["price"] - bar.close) <= 0.005 * bar.close or bar.low * 0.995 <= v["price"] <= bar.high * 1.005
        return "supported" if ok else "contradicted"
    if claim["kind"] == "price_change":
        end = by_date[v["date"]]
        if v.get("period", "day") == "week":
            base = [b for b in bars if b.date <= end.date - dt.timedelta(days=7)][-1]
        elif v.get("period") == "month":  # from the last close of the month before
            base = [b for b in bars if b.date < end.date.replace(day=1)][-1]
        else:
            base = bars[bars.index(end) - 1]
        move = (end.close / base.close - 1) * 100
        return "supported" if abs(move - v["percent"]) <= 0.3 else "contradicted"
    if claim["kind"] == "scheduled_event":
        dates = [e.date for e in events if e.event == v["event"]]
        wanted = dt.date.fromisoformat(v["date"])
        if wanted in dates:
            return "supported"
        return "contradicted" if any(abs((wanted - d).days) <= 31 for d in dates) else "unverifiable"
    return None


def _expected_rating(claim: dict, actions, published: dt.datetime) -> str:
    """The firm's action in the 10 days before publication (a named date +-1 day): its target and prior."""
    v = claim["values"]
    day = published.astimezone(NEW_YORK).date()
    window = [a for a in actions if a.firm.startswith(v["firm"]) and day - dt.timedelta(days=10) <= a.date <= day]
    if "date" in v:
        named = dt.date.fromisoformat(v["date"])
        window = [a for a in window if abs((a.date - named).days) <= 1]
    if not window:
        return "unverifiable"
    act = window[-1]
    for key, field in (("price_target", "price_target"), ("previous_price_target", "prior_price_target")):
        if key in v and getattr(act, field) is not None and abs(v[key] - getattr(act, field)) > 0.005 * getattr(act, field):
            return "contradicted"
    if "rating" in v and act.to_rating and v["rating"] != act.to_rating:
        return "contradicted"
    return "supported"


def test_price_move_event_metric_and_rating_verdicts_agree_with_the_snapshot():
    checked = Counter()
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        text = cc.text(path)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind not in ("stock_price", "price_change", "scheduled_event", "financial_metric", "analyst_rating"):
                continue
            tick = snap.tickers[data.get("ticker") or _ticker_for(text, claim["quote_contains"], list(snap.tickers))]
            if kind == "financial_metric":
                expected = cc.expected_reported_figure(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = _expected_rating(claim, tick.analyst_actions, published)
            else:
                expected = _expected_market(claim, sorted(tick.prices.bars, key=lambda b: b.date), tick.events)
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], tick.ticker, claim["quote_contains"], expected)
    assert checked["stock_price"] + checked["price_change"] >= 40, checked
    assert checked["financial_metric"] >= 40 and checked["analyst_rating"] >= 5, checked




@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w5_snapshots():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_w5", CORPUS / "build_snapshots_w5.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(cc.shared_data())
    assert built, "the builder made no snapshot"
    for name, snap in built.items():
        committed = json.loads((CORPUS / "snapshots" / f"{name}.json").read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(snap)), name
    used = {Path(d["snapshot"]).stem for _, d in _mine()}
    assert used <= set(built), used - set(built)
