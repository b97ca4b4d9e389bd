"""The second corpus, texts n23-n44 (writer 2): labels are valid, every quote occurs, the w2 snapshots
load and hold real as-traded bars, the split is odd ids dev / even ids held out, and the simple
verdicts (prices, moves, event dates) agree with the bars when re-derived independently."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.document import load_document
from verifier.evaluate import load_corpus, validate_labels
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus2"
NEW_YORK = ZoneInfo("America/New_York")
IDS = [f"n{i}" for i in range(23, 45)]


def _mine() -> list[tuple[Path, dict]]:
    out = []
    for case_id in IDS:
        path = CORPUS / f"{case_id}.labels.json"
        if path.is_file():
            out.append((path, json.loads(path.read_text(encoding="utf-8"))))
    return out


def _text(labels_path: Path) -> str:
    stem = labels_path.name[: -len(".labels.json")]
    article = next(labels_path.with_name(stem + ext) for ext in (".txt", ".md", ".html") if labels_path.with_name(stem + ext).exists())
    return load_document(str(article)).text


def test_every_text_of_mine_has_valid_labels_and_a_w2_snapshot():
    labels = _mine()
    assert len(labels) >= 11
    for path, data in labels:
        assert data["id"] == path.name.split(".")[0]
        assert validate_labels(data, _text(path), path.name, CORPUS) == []
        assert Path(data["snapshot"]).name.startswith("w2-"), data["id"]
        words = len(_text(path).split())
        assert 90 <= words <= 600, (data["id"], words)


def test_the_corpus_folder_loads_with_my_texts_in_it():
    cases = {c.id: c for c in load_corpus(CORPUS)}
    for _, data in _mine():
        assert data["id"] in cases


def test_split_is_odd_dev_even_heldout_and_balanced():
    labels = _mine()
    for _, data in labels:
        n = int(data["id"][1:])
        assert data["split"] == ("dev" if n % 2 else "heldout"), data["id"]
    counts = Counter(data["split"] for _, data in labels)
    if len(labels) == len(IDS):
        assert counts["dev"] == counts["heldout"] == 11


def test_labels_have_scored_claims_wrong_ones_and_many_styles():
    labels = _mine()
    verdicts, styles = Counter(), set()
    for _, data in labels:
        scored = [c for c in data["claims"] if not c.get("optional")]
        assert 5 <= len(scored) <= 13, (data["id"], len(scored))
        styles.add(data["style"])
        for claim in scored:
            verdicts[claim["verdict"]] += 1
    share = verdicts["contradicted"] / sum(verdicts.values())
    assert 0.22 <= share <= 0.40, share
    assert verdicts["unverifiable"] >= 5
    if len(labels) == len(IDS):
        assert len(styles) >= 11


@pytest.mark.parametrize("snap", sorted(p.name for p in (CORPUS / "snapshots").glob("w2-*.json")))
def test_w2_snapshots_load_with_real_bars_and_constructed_provenance(snap):
    loaded = Snapshot.load(CORPUS / "snapshots" / snap)
    for symbol, data in loaded.tickers.items():
        bars = data.prices.bars
        assert 20 <= len(bars) <= 80, (snap, symbol, len(bars))  # a short window, never a whole file
        assert data.provenance.source.startswith("verifier corpus (constructed)")
        assert "shared data" in data.prices.provenance.source
        for bar in bars:
            assert bar.low <= min(bar.open, bar.close) and bar.high >= max(bar.open, bar.close), (snap, bar.date)


# --------------------------------------------------------------------------- independent re-derivation

_NAMES = {
    "AMZN": ("AMZN", "Amazon"), "AAPL": ("AAPL", "Apple"), "ABBV": ("ABBV", "AbbVie"),
    "ABC": ("ABC", "AmerisourceBergen", "AMERISOURCEBERGEN"), "A": ("A US", "(A)", "A —", "Agilent", "AGILENT"),
    "AAP": ("AAP", "Advance Auto"),
}


def _ticker_for(text: str, quote: str, tickers: list[str]) -> str:
    """The ticker whose name or symbol is written last before the quote (multi-ticker snapshots)."""
    if len(tickers) == 1:
        return tickers[0]
    at = text.index(quote)
    head = text[: at + len(quote)]
    best, where = None, -1
    for t in tickers:
        for name in _NAMES[t]:
            for m in re.finditer(re.escape(name) + (r"(?![A-Za-z])" if name[-1].isalpha() else ""), head):
                # a symbol that is part of a longer one (AAP in AAPL, ABC in ABCD) does not count
                if m.start() > where and not (name.isupper() and m.end() < len(head) and head[m.end()].isalpha()):
                    best, where = t, m.start()
    assert best, quote
    return best


def _last_and_live(bars, published: dt.datetime):
    local = published.astimezone(NEW_YORK)
    done = [b for b in bars if dt.datetime.combine(b.date, dt.time(16, 0), NEW_YORK) <= local]
    opened = local.time() >= dt.time(9, 30)
    live = [b for b in bars if b.date == local.date() and b not in done and opened]
    return done[-1], (live[0] if live else None)


def _expected(claim: dict, bars, events, published: dt.datetime, splits=()):
    v = claim["values"]
    by_date = {b.date.isoformat(): b for b in bars}
    if claim["kind"] == "stock_price":
        if "date" in v:
            bar = by_date[v["date"]]
            ok = abs(bar.close - v["price"]) <= 0.005 * bar.close or bar.low * 0.999 <= v["price"] <= bar.high * 1.001
        else:
            last, live = _last_and_live(bars, published)
            ok = abs(last.close - v["price"]) <= 0.005 * last.close or bool(live and live.low <= v["price"] <= live.high)
            if not ok and live is None:
                # outside market hours with no date named: the next open is one more reading, else unverifiable
                nxt = [b for b in bars if b.date > last.date]
                ok = bool(nxt) and abs(nxt[0].open - v["price"]) <= 0.005 * nxt[0].open
                return "supported" if ok else "unverifiable"
        return "supported" if ok else "contradicted"
    if claim["kind"] == "price_change":
        period = v.get("period", "day")
        end = by_date[v["date"]] if "date" in v else _last_and_live(bars, published)[0]
        i = bars.index(end)
        if period == "day":
            base = bars[i - 1]
        elif period in ("ytd", "month"):
            start = dt.date(end.date.year, 1, 1) if period == "ytd" else end.date.replace(day=1)
            before = [b for b in bars if b.date < start]
            if not before or (start - before[-1].date).days > 5:
                return "unverifiable"
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
        live = _last_and_live(bars, published)[1]
        if "date" not in v and period == "day" and live is None:
            # outside market hours with no date named: the gap to the next open is one more reading
            nxt = [b for b in bars if b.date > end.date]
            gap = (nxt[0].open / end.close - 1) * 100 if nxt else None
            return "supported" if gap is not None and abs(gap - v["percent"]) <= 0.3 else "unverifiable"
        if period == "day" and live is not None and live.date == end.date:
            # a move in the session in progress: anywhere in the day's range counts
            low, high = (live.low / base.close - 1) * 100, (live.high / base.close - 1) * 100
            return "supported" if low - 0.3 <= v["percent"] <= high + 0.3 else "contradicted"
        return "contradicted"
    if claim["kind"] == "scheduled_event":
        dates = [e.date for e in events if e.event == v["event"]]
        wanted = dt.date.fromisoformat(v["date"])
        if wanted in dates:
            return "supported"
        return "contradicted" if any(abs((wanted - d).days) <= 31 for d in dates) else "unverifiable"
    return None


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = 0
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        text = _text(path)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in data["claims"]:
            if claim.get("optional") or claim["verdict"] is None:
                continue
            if claim["kind"] not in ("stock_price", "price_change", "scheduled_event"):
                continue
            symbol = _ticker_for(text, claim["quote_contains"], list(snap.tickers))
            ticker = snap.tickers[symbol]
            expected = _expected(claim, ticker.prices.bars, ticker.events, published, ticker.splits)
            if expected is None:
                continue
            checked += 1
            assert claim["verdict"] == expected, (data["id"], symbol, claim["quote_contains"])
    assert checked >= 40
