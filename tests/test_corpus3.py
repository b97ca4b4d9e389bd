"""The third labelled corpus (fixtures/corpus3): labels valid, quotes present, snapshots loadable, small
and rebuilt from the shared data, the dev/held-out split by id parity with every style in both halves,
and the dated price, move and event verdicts of the w3 texts re-derived from the bars independently."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter, defaultdict
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.document import load_document
from verifier.evaluate import load_corpus, validate_labels
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus3"
NEW_YORK = ZoneInfo("America/New_York")
KINDS = {"stock_price", "price_change", "analyst_rating", "workforce", "deal", "scheduled_event", "financial_metric"}
# Two writers: m01-m20 (snapshots w3-*) and m21-m40 (w4-*): forty articles in all.
MIN_ARTICLES = 40


def _labels() -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(CORPUS.glob("m*.labels.json"))]


def _mine() -> list[tuple[Path, dict]]:
    return [(p, d) for p, d in _labels() if Path(d["snapshot"]).name.startswith("w3-")]


def _text(labels_path: Path) -> str:
    stem = labels_path.name[: -len(".labels.json")]
    article = next(labels_path.with_name(stem + ext) for ext in (".txt", ".md", ".html") if labels_path.with_name(stem + ext).exists())
    return load_document(str(article)).text


def test_every_labels_file_is_valid_and_every_quote_occurs_in_its_article():
    labels = _labels()
    assert len(labels) >= MIN_ARTICLES
    for path, data in labels:
        assert validate_labels(data, _text(path), path.name, CORPUS) == [], path.name
        assert data["id"] == path.name[: -len(".labels.json")]
        assert re.fullmatch(r"m\d\d", data["id"]), data["id"]
        assert data.get("style"), f"{path.name} names no style"
        published = dt.datetime.fromisoformat(data["published_at"])
        assert published.tzinfo is not None, f"{path.name}: published_at needs its UTC offset"
        for claim in data["claims"] + data.get("flags", []):
            assert claim["quote_contains"].lower() in _text(path).lower(), (path.name, claim["quote_contains"])
    assert len(load_corpus(CORPUS)) == len(labels)


def test_snapshots_load_and_are_small_constructed_windows():
    for name in sorted({data["snapshot"] for _, data in _labels()}):
        path = CORPUS / name
        assert re.fullmatch(r"snapshots/w\d-[a-z0-9-]+\.json", name), name
        assert path.stat().st_size < 64_000, f"{name} is not a small window"
        snap = Snapshot.load(path)
        for data in snap.tickers.values():
            assert data.prices and data.prices.bars, f"{name} has no bars for {data.ticker}"
            assert len(data.prices.bars) <= 80, f"{name}: {len(data.prices.bars)} bars for {data.ticker} (a few weeks only)"
            assert data.provenance and data.provenance.source.startswith("verifier corpus (constructed)")
            for bar in data.prices.bars:
                assert bar.low <= min(bar.open, bar.close) and bar.high >= max(bar.open, bar.close), (name, bar.date)


def test_split_is_odd_ids_dev_even_ids_heldout_and_every_style_in_both_halves():
    styles = defaultdict(set)
    by_split = Counter()
    for _, data in _labels():
        number = int(data["id"][1:])
        assert data["split"] == ("dev" if number % 2 else "heldout"), data["id"]
        by_split[data["split"]] += 1
        styles[data["style"]].add(data["split"])
    assert abs(by_split["dev"] - by_split["heldout"]) <= 2, by_split
    for style, halves in styles.items():
        assert halves == {"dev", "heldout"}, f"style {style!r} is only in {halves}"
    assert len({d["style"] for _, d in _mine()}) >= 8


def test_about_a_third_wrong_on_purpose_some_unverifiable_every_kind_present():
    verdicts, kinds = Counter(), Counter()
    for _, data in _mine():
        scored = [c for c in data["claims"] if not c.get("optional")]
        assert 8 <= len(scored) <= 16, (data["id"], len(scored))
        for claim in scored:
            assert claim["verdict"] is not None, (data["id"], claim["quote_contains"])
            verdicts[claim["verdict"]] += 1
            kinds[claim["kind"]] += 1
    share = verdicts["contradicted"] / sum(verdicts.values())
    assert 0.22 <= share <= 0.40, share
    assert verdicts["unverifiable"] >= 10
    assert set(kinds) == KINDS


# --------------------------------------------------------------------------- independent re-derivation

_NAMES = {
    "AMZN": ("AMZN", "Amazon"), "AAPL": ("AAPL", "Apple"), "ABBV": ("ABBV", "AbbVie"),
    "ABC": ("ABC", "AmerisourceBergen"), "A": ("(A)", "Agilent"), "AAP": ("AAP", "Advance Auto"),
}


def _ticker_for(text: str, quote: str, tickers: list[str]) -> str:
    """The ticker whose name or symbol is written last before the end of the quote (multi-ticker snapshots)."""
    if len(tickers) == 1:
        return tickers[0]
    head = text[: text.index(quote) + len(quote)]
    best, where = None, -1
    for t in tickers:
        for name in _NAMES[t]:
            for m in re.finditer(re.escape(name), head):
                longer = name.isupper() and m.end() < len(head) and head[m.end()].isalpha()
                if m.start() > where and not longer:
                    best, where = t, m.start()
    assert best, quote
    return best


def _last_and_live(bars, published: dt.datetime):
    local = published.astimezone(NEW_YORK)
    done = [b for b in bars if dt.datetime.combine(b.date, dt.time(16, 0), NEW_YORK) <= local]
    opened = local.time() >= dt.time(9, 30)
    live = [b for b in bars if b.date == local.date() and b not in done and opened]
    return done[-1], (live[0] if live else None)


def _near(a: float, b: float, tol: float = 0.005) -> bool:
    return abs(a - b) <= tol * b


def _expected(claim: dict, bars, events, published: dt.datetime, splits=()):
    """The verdict the README's rules give a price, move or event claim, computed from the bars alone."""
    v = claim["values"]
    if claim["kind"] == "stock_price" and "basis" not in v:
        plain = _expected_price(v, bars, published)
        if plain != "supported":
            # a price that matches only once a split is applied (a pre-/post-split mix-up) is contradicted
            for split in splits:
                for scaled in (v["price"] / split.ratio, v["price"] * split.ratio):
                    if _expected_price({**v, "price": scaled}, bars, published) == "supported":
                        return "contradicted"
        return plain
    return _expected_other(claim, bars, events, published, splits)


def _expected_price(v: dict, bars, published: dt.datetime):
    by_date = {b.date.isoformat(): b for b in bars}
    last, live = _last_and_live(bars, published)
    nxt = [b for b in bars if b.date > last.date]
    if "date" in v:
        bar = by_date[v["date"]]
        ok = _near(v["price"], bar.close) or bar.low * 0.999 <= v["price"] <= bar.high * 1.001
        return "supported" if ok else "contradicted"
    if _near(v["price"], last.close) or (live and live.low * 0.999 <= v["price"] <= live.high * 1.001):
        return "supported"
    if live is None:  # outside market hours, no date named: the next open is one more reading
        return "supported" if nxt and _near(v["price"], nxt[0].open) else "unverifiable"
    return "contradicted"


def _expected_other(claim: dict, bars, events, published: dt.datetime, splits):
    """Prices with a stated basis, moves (split-adjusted) and event dates."""
    v = claim["values"]
    by_date = {b.date.isoformat(): b for b in bars}
    last, live = _last_and_live(bars, published)
    if claim["kind"] == "stock_price":  # a stated basis ("closed at", "opened at") is that reading of the named day
        return "supported" if _near(v["price"], getattr(by_date[v["date"]], v["basis"])) else "contradicted"
    if claim["kind"] == "price_change":
        period = v.get("period", "day")
        end = by_date[v["date"]] if "date" in v else last
        i = bars.index(end)
        if period == "day":
            base = bars[i - 1]
        elif period == "week":
            before = [b for b in bars if b.date <= end.date - dt.timedelta(days=7)]
            base = before[-1]
        else:
            return None
        factor = 1.0
        for split in splits:  # moves are compared split-adjusted
            if base.date < split.date <= end.date:
                factor *= split.ratio
        move = (end.close * factor / base.close - 1) * 100
        if abs(move - v["percent"]) <= 0.3:
            return "supported"
        if period == "day" and live is not None and live.date == end.date:
            low = (live.low * factor / base.close - 1) * 100
            high = (live.high * factor / base.close - 1) * 100
            return "supported" if low - 0.3 <= v["percent"] <= high + 0.3 else "contradicted"
        if "date" not in v and period == "day" and live is None:
            nxt = [b for b in bars if b.date > end.date]
            gap = (nxt[0].open / end.close - 1) * 100 if nxt else None
            return "supported" if gap is not None and abs(gap - v["percent"]) <= 0.3 else "unverifiable"
        return "contradicted"
    if claim["kind"] == "scheduled_event":
        dates = [e.date for e in events if e.event == v["event"]]
        wanted = dt.date.fromisoformat(v["date"])
        if wanted in dates:
            return "supported"
        return "contradicted" if any(abs((wanted - d).days) <= 31 for d in dates) else "unverifiable"
    return None


def test_price_move_and_event_verdicts_of_the_w3_texts_agree_with_the_bars():
    checked = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        text = _text(path)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in data["claims"]:
            if claim.get("optional") or claim["kind"] not in ("stock_price", "price_change", "scheduled_event"):
                continue
            symbol = data.get("ticker") or _ticker_for(text, claim["quote_contains"], list(snap.tickers))
            tick = snap.tickers[symbol]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            expected = _expected(claim, bars, tick.events, published, tick.splits)
            if expected is None:
                continue
            checked += 1
            assert claim["verdict"] == expected, (data["id"], symbol, claim["quote_contains"], expected)
    assert checked >= 60


def _shared_data() -> Path | None:
    for candidate in (os.environ.get("VERIFIER_SHARED_DATA"), ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"):
        if candidate and (Path(candidate) / "prices").is_dir():
            return Path(candidate)
    return None


@pytest.mark.skipif(_shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w3_snapshots():
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_w3", CORPUS / "build_snapshots_w3.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(_shared_data())
    assert built, "the builder made no snapshot"
    for name, snap in built.items():
        committed = json.loads((CORPUS / "snapshots" / f"{name}.json").read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(snap)), name
    used = {Path(d["snapshot"]).stem for _, d in _mine()}
    assert used <= set(built), used - set(built)
