"""The checks every labelled corpus (fixtures/corpus2, fixtures/corpus3) and each writer's part of one pass:
labels valid through the loader, quotes in their article, snapshots small and rebuilt from the shared data,
the dev/held-out split by id parity, the verdict mix, and the simplest verdicts re-derived from the bars.

One set of rules, so a corpus file and a writer's file cannot drift apart; each test file passes its own
bounds. The re-derivation follows the README's rules independently of the checking code, so a label typo
(or a checker regression the labels would hide) is caught.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import os
import re
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Optional
from zoneinfo import ZoneInfo

from verifier.document import load_document
from verifier.evaluate import load_corpus, validate_labels
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
NEW_YORK = ZoneInfo("America/New_York")
KINDS = {"stock_price", "price_change", "analyst_rating", "workforce", "deal", "scheduled_event", "financial_metric"}
CONSTRUCTED = "verifier corpus (constructed)"
Labels = list[tuple[Path, dict]]


# --------------------------------------------------------------------------- reading a corpus


def read_labels(corpus: Path, pattern: str = "*.labels.json", ids: Optional[Iterable[str]] = None) -> Labels:
    """The labels files of ``corpus`` (those of ``ids`` when given, in that order), each with its data."""
    paths = [corpus / f"{i}.labels.json" for i in ids] if ids is not None else sorted(corpus.glob(pattern))
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in paths if p.is_file()]


@lru_cache(maxsize=None)
def text(labels_path: Path) -> str:
    """The article a labels file describes, as the tool reads it (.txt, .md or .html)."""
    stem = labels_path.name[: -len(".labels.json")]
    article = next(labels_path.with_name(stem + ext) for ext in (".txt", ".md", ".html") if labels_path.with_name(stem + ext).exists())
    return load_document(str(article)).text


def scored(data: dict) -> list[dict]:
    return [c for c in data["claims"] if not c.get("optional")]


def shared_data() -> Optional[Path]:
    """The shared data folder (``../shared/data`` from the repository root), or None where it is absent."""
    for candidate in (os.environ.get("VERIFIER_SHARED_DATA"), ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"):
        if candidate and (Path(candidate) / "prices").is_dir():
            return Path(candidate)
    return None


# --------------------------------------------------------------------------- labels, split, verdict mix


def check_labels(corpus: Path, labels: Labels, *, at_least: int, id_pattern: str, snapshot_prefix: Optional[str] = None,
                 words: Optional[tuple[int, int]] = None, whole_folder: bool = False) -> None:
    """Each labels file valid for the loader, named by its id, with a style and a UTC offset, every claim and
    flag quote in its article; the folder loads with all of them (and nothing else when ``whole_folder``)."""
    assert len(labels) >= at_least, len(labels)
    for path, data in labels:
        body = text(path)
        assert validate_labels(data, body, path.name, corpus) == [], path.name
        assert data["id"] == path.name[: -len(".labels.json")], path.name
        assert re.fullmatch(id_pattern, data["id"]), data["id"]
        assert data.get("style"), f"{path.name} names no style"
        assert dt.datetime.fromisoformat(data["published_at"]).tzinfo is not None, f"{path.name}: published_at needs its UTC offset"
        for item in data["claims"] + data["flags"]:
            assert item["quote_contains"].lower() in body.lower(), (path.name, item["quote_contains"])
        if snapshot_prefix is not None:
            assert Path(data["snapshot"]).name.startswith(snapshot_prefix), data["id"]
        if words is not None:
            n = len(body.split())
            assert words[0] <= n <= words[1], (data["id"], n)
    cases = {c.id for c in load_corpus(corpus)}
    assert {data["id"] for _, data in labels} <= cases
    if whole_folder:
        assert len(cases) == len(labels)


def check_split(labels: Labels, *, max_gap: int, min_styles: int, style: Callable[[dict], str] = lambda d: d["style"],
                both_halves_from: Optional[int] = 1, pairs: bool = False) -> None:
    """Odd ids are dev, even ids held out; the halves differ by at most ``max_gap`` texts; there are at least
    ``min_styles`` styles, and every one written at least ``both_halves_from`` times (unless None) is in both
    halves, so held-out figures cover it too; with ``pairs``, each odd id shares its style with the next even
    one (texts written in pairs)."""
    by_id = {data["id"]: data for _, data in labels}
    by_split, halves = Counter(), defaultdict(Counter)
    for case_id, data in by_id.items():
        n = int(case_id[1:])
        assert data["split"] == ("dev" if n % 2 else "heldout"), case_id
        by_split[data["split"]] += 1
        halves[style(data)][data["split"]] += 1
        twin = f"{case_id[0]}{n + 1:02d}"
        if pairs and n % 2 and twin in by_id:
            assert by_id[twin]["style"] == data["style"], case_id
    assert abs(by_split["dev"] - by_split["heldout"]) <= max_gap, by_split
    for name, counts in halves.items():
        if both_halves_from is not None and sum(counts.values()) >= both_halves_from:
            assert counts["dev"] >= 1 and counts["heldout"] >= 1, f"style {name!r} is only in {dict(counts)}"
    assert len(halves) >= min_styles, sorted(halves)


def check_verdict_mix(labels: Labels, *, scored_per_text: tuple[int, Optional[int]], contradicted: tuple[float, float],
                      min_unverifiable: int, promo_flags: Iterable[str] = (), every_kind: bool = True) -> tuple[Counter, Counter]:
    """Each text has a bounded number of scored claims, each with a verdict; about a third are wrong on
    purpose, some unverifiable, every claim kind present (unless ``every_kind`` is False); a promotional text
    carries the promo flags. The counts of the scored claims by verdict and by kind."""
    verdicts, kinds = Counter(), Counter()
    for _, data in labels:
        claims = scored(data)
        assert scored_per_text[0] <= len(claims) <= (scored_per_text[1] or len(claims)), (data["id"], len(claims))
        for claim in claims:
            assert claim["verdict"], (data["id"], claim["quote_contains"])
            verdicts[claim["verdict"]] += 1
            kinds[claim["kind"]] += 1
        if promo_flags and "promo" in data["style"]:
            assert {f["technique"] for f in data["flags"]} >= set(promo_flags), data["id"]
    share = verdicts["contradicted"] / sum(verdicts.values())
    assert contradicted[0] <= share <= contradicted[1], share
    assert verdicts["unverifiable"] >= min_unverifiable, verdicts
    if every_kind:
        assert set(kinds) == KINDS, set(kinds)
    return verdicts, kinds


# --------------------------------------------------------------------------- snapshots


def check_snapshot(path: Path, *, max_bytes: int, bars: tuple[int, int], from_shared_data: bool = True) -> Snapshot:
    """A small window of real bars: the file under ``max_bytes``, each ticker with ``bars`` sessions that are
    consistent (low <= open, close <= high), the provenance of the corpus and, for the bars, of the shared file."""
    assert path.stat().st_size < max_bytes, f"{path.name} is not a small window"
    snap = Snapshot.load(path)
    for symbol, data in snap.tickers.items():
        assert data.prices and data.prices.bars, f"{path.name} has no bars for {symbol}"
        n = len(data.prices.bars)
        assert bars[0] <= n <= bars[1], (path.name, symbol, n)  # a window of weeks, never a whole file
        assert data.provenance and data.provenance.source.startswith(CONSTRUCTED)
        if from_shared_data:
            assert "shared data" in data.prices.provenance.source, (path.name, symbol)
        for bar in data.prices.bars:
            assert bar.low <= min(bar.open, bar.close) and bar.high >= max(bar.open, bar.close), (path.name, bar.date)
    return snap


def check_snapshots_of(corpus: Path, labels: Labels, *, name_pattern: str, max_bytes: int, max_bars: int,
                       from_shared_data: bool) -> None:
    """Every snapshot the labels name follows ``name_pattern`` and is a small window (see ``check_snapshot``)."""
    for name in sorted({data["snapshot"] for _, data in labels}):
        assert re.fullmatch(name_pattern, name), name
        check_snapshot(corpus / name, max_bytes=max_bytes, bars=(1, max_bars), from_shared_data=from_shared_data)


def check_rebuilt(corpus: Path, builder: str, prefix: str, labels: Labels = ()) -> None:
    """The builder, run on the shared data, writes every committed ``{prefix}*.json`` snapshot byte for byte
    and no other, and every snapshot the labels name is among them."""
    spec = importlib.util.spec_from_file_location(f"{corpus.name}_{Path(builder).stem}", corpus / builder)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build(shared_data())
    assert built, "the builder made no snapshot"
    assert sorted(f"{name}.json" for name in built) == sorted(p.name for p in (corpus / "snapshots").glob(f"{prefix}*.json"))
    for name, snap in built.items():
        committed = (corpus / "snapshots" / f"{name}.json").read_text(encoding="utf-8")
        assert json.dumps(snap, indent=1) + "\n" == committed, name
    used = {Path(d["snapshot"]).stem for _, d in labels}
    assert used <= set(built), used - set(built)


# --------------------------------------------------------------------------- independent re-derivation

# The names and symbols a text may use for each ticker, to tell which one a claim of a multi-ticker snapshot is about.
NAMES = {
    "AMZN": ("AMZN", "Amazon"), "AAPL": ("AAPL", "Apple"), "ABBV": ("ABBV", "AbbVie"),
    "ABC": ("ABC", "AmerisourceBergen", "AMERISOURCEBERGEN"), "A": ("A US", "(A)", "A —", "Agilent", "AGILENT"),
    "AAP": ("AAP", "Advance Auto"),
}
TOLERANCE = 0.005  # a price within half a per cent of the reading is that reading
MOVE_TOLERANCE = 0.3  # percentage points


def ticker_for(body: str, quote: str, tickers: list[str]) -> str:
    """The ticker whose name or symbol is written last before the end of the quote (multi-ticker snapshots)."""
    if len(tickers) == 1:
        return tickers[0]
    head = body[: body.index(quote) + len(quote)]
    best, where = None, -1
    for t in tickers:
        for name in NAMES[t]:
            for m in re.finditer(re.escape(name) + (r"(?![A-Za-z])" if name[-1].isalpha() else ""), head):
                # a symbol that is part of a longer one (AAP in AAPL, ABC in ABCD) does not count
                longer = name.isupper() and m.end() < len(head) and head[m.end()].isalpha()
                if m.start() > where and not longer:
                    best, where = t, m.start()
    assert best, quote
    return best


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= TOLERANCE * b


def last_and_live(bars, published: dt.datetime):
    """The last session closed when the text was published, and the session in progress then (or None)."""
    local = published.astimezone(NEW_YORK)
    done = [b for b in bars if dt.datetime.combine(b.date, dt.time(16, 0), NEW_YORK) <= local]
    opened = local.time() >= dt.time(9, 30)
    live = [b for b in bars if b.date == local.date() and b not in done and opened]
    return done[-1], (live[0] if live else None)


def split_factor(splits, base_date: dt.date, end_date: dt.date) -> float:
    """Moves are compared split-adjusted: a split between the two sessions scales the end price."""
    factor = 1.0
    for split in splits:
        if base_date < split.date <= end_date:
            factor *= split.ratio
    return factor


def expected_verdict(claim: dict, bars, events, published: dt.datetime, splits=()) -> Optional[str]:
    """The verdict the README's rules give a price, move or event claim, computed from the bars alone
    (None for a claim these rules do not cover)."""
    v = claim["values"]
    if claim["kind"] == "stock_price":
        if v.get("currency", "USD") != "USD":
            return None
        if v.get("basis") in ("close", "open", "high", "low") and "date" in v:
            # a stated basis ("closed at", "opened at") is that reading of the named day
            bar = {b.date.isoformat(): b for b in bars}[v["date"]]
            return "supported" if _near(v["price"], getattr(bar, v["basis"])) else "contradicted"
        plain = _expected_price(v, bars, published)
        if plain != "supported":
            # a price that matches only once a split is applied (a pre-/post-split mix-up) is contradicted
            for split in splits:
                for scaled in (v["price"] / split.ratio, v["price"] * split.ratio):
                    if _expected_price({**v, "price": scaled}, bars, published) == "supported":
                        return "contradicted"
        return plain
    if claim["kind"] == "price_change":
        return _expected_move(v, bars, published, splits)
    if claim["kind"] == "scheduled_event":
        dates = [e.date for e in events if e.event == v["event"]]
        wanted = dt.date.fromisoformat(v["date"])
        if wanted in dates:
            return "supported"
        return "contradicted" if any(abs((wanted - d).days) <= 31 for d in dates) else "unverifiable"
    return None


def _expected_price(v: dict, bars, published: dt.datetime) -> str:
    if "date" in v:
        bar = {b.date.isoformat(): b for b in bars}[v["date"]]
        ok = _near(v["price"], bar.close) or bar.low * 0.999 <= v["price"] <= bar.high * 1.001
        return "supported" if ok else "contradicted"
    last, live = last_and_live(bars, published)
    if _near(v["price"], last.close) or (live and live.low * 0.999 <= v["price"] <= live.high * 1.001):
        return "supported"
    if live is None:  # outside market hours, no date named: the next open is one more reading, else unverifiable
        nxt = [b for b in bars if b.date > last.date]
        return "supported" if nxt and _near(v["price"], nxt[0].open) else "unverifiable"
    return "contradicted"


def _expected_move(v: dict, bars, published: dt.datetime, splits) -> Optional[str]:
    period = v.get("period", "day")
    last, live = last_and_live(bars, published)
    end = {b.date.isoformat(): b for b in bars}[v["date"]] if "date" in v else last
    i = bars.index(end)
    if period == "day":
        base = bars[i - 1]
    elif period == "week":
        base = [b for b in bars if b.date <= end.date - dt.timedelta(days=7)][-1]
    elif period in ("ytd", "month"):
        start = dt.date(end.date.year, 1, 1) if period == "ytd" else end.date.replace(day=1)
        before = [b for b in bars if b.date < start]
        if not before or (start - before[-1].date).days > 5:
            return "unverifiable"
        base = before[-1]
    else:
        return None
    factor = split_factor(splits, base.date, end.date)
    move = (end.close * factor / base.close - 1) * 100
    if abs(move - v["percent"]) <= MOVE_TOLERANCE:
        return "supported"
    if period == "day" and live is not None and live.date == end.date:
        # a move in the session in progress: anywhere in the day's range counts
        low, high = ((p * factor / base.close - 1) * 100 for p in (live.low, live.high))
        return "supported" if low - MOVE_TOLERANCE <= v["percent"] <= high + MOVE_TOLERANCE else "contradicted"
    if "date" not in v and period == "day" and live is None:
        # outside market hours with no date named: the gap to the next open is one more reading
        nxt = [b for b in bars if b.date > end.date]
        gap = (nxt[0].open / end.close - 1) * 100 if nxt else None
        return "supported" if gap is not None and abs(gap - v["percent"]) <= MOVE_TOLERANCE else "unverifiable"
    return "contradicted"


def check_verdicts(corpus: Path, labels: Labels, *, at_least: int, one_ticker: bool = False,
                   dated_only: bool = False) -> list[tuple[str, str]]:
    """Every scored price, move and event label agrees with ``expected_verdict``; at least ``at_least`` are
    checked, and returned as (id, quote). With ``one_ticker``, every snapshot the labels name holds one ticker;
    with ``dated_only``, only the claims that name their date are checked (the undated moves of corpus2's
    first writer, n01-n22, were never held to these rules)."""
    checked = []
    for path, data in labels:
        snap = Snapshot.load(corpus / data["snapshot"])
        if one_ticker:
            assert len(snap.tickers) == 1, data["snapshot"]
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in scored(data):
            if claim["verdict"] is None or claim["kind"] not in ("stock_price", "price_change", "scheduled_event"):
                continue
            if dated_only and "date" not in claim["values"]:
                continue
            symbol = data.get("ticker") or ticker_for(text(path), claim["quote_contains"], list(snap.tickers))
            tick = snap.tickers[symbol]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            expected = expected_verdict(claim, bars, tick.events, published, tick.splits)
            if expected is None:
                continue
            checked.append((data["id"], claim["quote_contains"]))
            assert claim["verdict"] == expected, (data["id"], symbol, claim["quote_contains"], expected)
    assert len(checked) >= at_least, len(checked)
    return checked


# --------------------------------------------------------------------------- the other kinds, re-derived from the records
# (the supplementary dev texts and writer 7's part of the fifth corpus: tests/test_corpus5_dx.py, _dy.py, _w7.py)

FORECAST_WORDS = ("consensus", "pencilled", "guided", "expected", "estimate", "guiding")


def close_to(a: float, b: float, rel: float) -> bool:
    """``a`` within ``rel`` (a fraction) of ``b``."""
    return abs(a - b) <= rel * abs(b)


def expected_metric(claim: dict, facts, published: dt.datetime) -> str:
    """A reported figure against the record of its metric and period known at publication (1%), its growth rate
    against the year-ago record (0.6 points); guidance or a quote with a forecast word is unverifiable, and an
    'other' figure is only the record whose naming words the quote has."""
    v = claim["values"]
    if v["metric"] == "guidance_revenue" or any(w in claim["quote_contains"].lower() for w in FORECAST_WORDS):
        return "unverifiable"

    def same_figure(f) -> bool:
        words = {w for w in f.description.replace("$", " ").split() if w.isalpha() and len(w) >= 3} - {"sales", "segment", "billion", "net"}
        return f.metric != "other" or any(w.lower() in claim["quote_contains"].lower() for w in words)

    known = {(f.metric, f.period): f.amount for f in facts
             if f.kind == "financial_metric" and f.date <= published.date() and same_figure(f)}
    record = known.get((v["metric"], v["period"]))
    if record is None:
        return "unverifiable"
    if not close_to(v["value"], record, 0.01):
        return "contradicted"
    if "growth_percent" in v:
        q, year = v["period"].rsplit(" ", 1)
        base = known.get((v["metric"], f"{q} {'FY' if year.startswith('FY') else ''}{int(year.lstrip('FY')) - 1}"))
        if base is not None and abs((record / base - 1) * 100 - v["growth_percent"]) > 0.6:
            return "contradicted"
    return "supported"


def expected_rating(claim: dict, actions, published: dt.datetime) -> str:
    """A named date: the firm's action that day +-1; otherwise its action in the 10 days before publication."""
    v = claim["values"]
    day = published.astimezone(NEW_YORK).date()
    mine = [a for a in actions if a.firm.startswith(v["firm"]) and a.date <= day]
    if "date" in v:
        named = dt.date.fromisoformat(v["date"])
        window = [a for a in mine if abs((a.date - named).days) <= 1]
    else:
        window = [a for a in mine if a.date >= day - dt.timedelta(days=10)]
    if not window:
        return "unverifiable"
    act = window[-1]
    for key, field in (("price_target", "price_target"), ("previous_price_target", "prior_price_target")):
        if key in v and getattr(act, field) is not None and not close_to(v[key], getattr(act, field), 0.005):
            return "contradicted"
    if "rating" in v and act.to_rating and v["rating"] != act.to_rating:
        return "contradicted"
    if "previous_rating" in v and act.from_rating and v["previous_rating"] != act.from_rating:
        return "contradicted"
    return "supported"


def expected_workforce(claim: dict, tick) -> str:
    """A headcount against the profile, a cumulative figure against the sum of the records since its start, a
    cut against the records of its action (10% for approximate figures, else 1%); 'as many as' is unverifiable."""
    v = claim["values"]
    if "as many as" in claim["quote_contains"]:
        return "unverifiable"  # a reported maximum above the record
    tol = 0.10 if v.get("approximate") else 0.01
    if v["action"] == "headcount":
        return "supported" if close_to(v["count"], tick.profile.employees, tol) else "contradicted"
    facts = [f for f in tick.facts if f.kind == "workforce" and getattr(f, "action", None) == v["action"]]
    if v.get("cumulative"):
        start = dt.date.fromisoformat(v["period_start"])
        total = sum(f.count for f in facts if f.date >= start)
        return "supported" if close_to(v["count"], total, tol) else "contradicted"
    if not facts:
        return "unverifiable"
    return "supported" if any(close_to(v["count"], f.count, tol) for f in facts) else "contradicted"


def expected_deal(claim: dict, tick) -> str:
    """A deal against the records of its counterparty (else of its deal type), 1%; none: unverifiable."""
    v = claim["values"]
    facts = [f for f in tick.facts if f.kind == "deal"]
    if "counterparty" in v:
        facts = [f for f in facts if (getattr(f, "counterparty", None) or "").startswith(v["counterparty"])]
    else:
        facts = [f for f in facts if getattr(f, "action", None) == v.get("deal_type")]
    if not facts:
        return "unverifiable"
    return "supported" if any(close_to(v["amount"], f.amount, 0.01) for f in facts) else "contradicted"


def check_record_verdicts(corpus: Path, labels: Labels) -> Counter:
    """Asserts every scored reported-figure, analyst, workforce and deal claim's verdict is the one re-derived
    from its ticker's records (above); the number checked of each kind."""
    checked = Counter()
    for path, data in labels:
        snap = Snapshot.load(corpus / data["snapshot"])
        body = text(path)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in scored(data):
            kind = claim["kind"]
            if kind not in ("financial_metric", "analyst_rating", "workforce", "deal"):
                continue
            symbol = data.get("ticker") or ticker_for(body, claim["quote_contains"], list(snap.tickers))
            tick = snap.tickers[symbol]
            if kind == "financial_metric":
                expected = expected_metric(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                expected = expected_workforce(claim, tick)
            else:
                expected = expected_deal(claim, tick)
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], symbol, claim["quote_contains"], expected)
    return checked


# --------------------------------------------------------------------------- reported figures by period and year-ago
# (tests/test_corpus4_w5.py and tests/test_corpus5_w10.py)


def year_ago(period: str) -> Optional[str]:
    """The period a year before ``period`` ('Q3 2024' -> 'Q3 2023', 'Q2 FY2025' -> 'Q2 FY2024', 'FY2025' ->
    'FY2024', '2025' -> '2024'); None for a period of another shape."""
    m = re.fullmatch(r"(Q[1-4] )?(FY)?(\d{4})", period)
    return f"{m.group(1) or ''}{m.group(2) or ''}{int(m.group(3)) - 1}" if m else None


def expected_reported_figure(claim: dict, facts, published: dt.datetime) -> str:
    """A reported figure against the record of its metric and period known at publication (1%), its growth rate
    against the year-ago record (0.6 points); guidance or no record is unverifiable, and an 'other' figure (a
    segment's sales) is only a record whose naming words, beyond the generic ones, the quote has."""
    v = claim["values"]
    if v["metric"].startswith("guidance"):
        return "unverifiable"

    def same_figure(f) -> bool:
        if f.metric != "other":
            return True
        words = set(re.findall(r"[A-Za-z]{3,}", f.description)) - {"sales", "segment", "billion", "revenues", "net", "Full", "year"}
        return any(w.lower() in claim["quote_contains"].lower() for w in words)

    known = {(f.metric, f.period): f.amount for f in facts
             if f.kind == "financial_metric" and f.date <= published.date() and same_figure(f)}
    record = known.get((v["metric"], v["period"]))
    if record is None:
        return "unverifiable"
    if abs(v["value"] - record) > 0.01 * abs(record):
        return "contradicted"
    if "growth_percent" in v:
        base = known.get((v["metric"], year_ago(v["period"]) or ""))
        if base is not None and abs((record / base - 1) * 100 - v["growth_percent"]) > 0.6:
            return "contradicted"
    return "supported"


# --------------------------------------------------------------------------- one writer's part of a corpus, the repeated tests
# (tests/test_corpus8_w19.py ... _w24.py: each passes its ids, prefix, bounds and its own verdict functions)

Ticker = Callable[[Path, Snapshot, str], str]


def only_ticker(path: Path, snap: Snapshot, quote: str) -> str:
    """The one ticker of a single-ticker snapshot (the first, where there are more)."""
    return next(iter(snap.tickers))


def abbreviated_ticker(abbreviations: dict[str, str], names: dict[str, tuple[str, ...]]) -> Ticker:
    """A ticker chooser: the only ticker; else the one whose newspaper abbreviation (an agate table's) the quote
    holds; else the one whose name is written last before the end of the quote."""
    def choose(path: Path, snap: Snapshot, quote: str) -> str:
        tickers = list(snap.tickers)
        if len(tickers) == 1:
            return tickers[0]
        for abbr, symbol in abbreviations.items():
            if abbr in quote:
                return symbol
        body = text(path)
        head = body[: body.index(quote) + len(quote)]
        best, where = None, -1
        for t in tickers:
            for name in names[t]:
                at = head.rfind(name)
                if at > where:
                    best, where = t, at
        assert best, quote
        return best
    return choose


def _snapshot(corpus: Path, data: dict, one_ticker: bool) -> Snapshot:
    snap = Snapshot.load(corpus / data["snapshot"])
    if one_ticker:
        assert len(snap.tickers) == 1, data["snapshot"]
    return snap


def check_all_here(labels: Labels, ids: list[str]) -> None:
    assert [d["id"] for _, d in labels] == ids


def check_split_in_pairs(labels: Labels, *, styles: int = 5) -> None:
    """The split by id parity in pairs (see ``check_split``), ``styles`` styles written twice each."""
    check_split(labels, max_gap=0, min_styles=styles, pairs=True)
    counts = Counter(d["style"] for _, d in labels)
    assert len(counts) == styles and set(counts.values()) == {2}, counts


def check_pairs_differ(corpus: Path, labels: Labels, ids: list[str], *, disjoint: bool = False) -> None:
    """Each pair (an odd id of ``ids`` and the next) is on another company (another ticker list, or with
    ``disjoint`` no ticker in common) and another date."""
    by_id = {d["id"]: d for _, d in labels}
    for odd, even in zip(ids[0::2], ids[1::2]):
        dev, held = by_id[odd], by_id[even]
        mine, other = (Snapshot.load(corpus / d["snapshot"]).tickers for d in (dev, held))
        assert set(mine).isdisjoint(other) if disjoint else list(mine) != list(other)
        assert dev["published_at"][:10] != held["published_at"][:10]


def check_header_time(labels: Labels, zones, *, loose: bool = False) -> None:
    """Each text's header (first 12 lines) carries the clock time of `published_at` and a zone word: one of
    ``zones`` anywhere in it; with ``loose``, the hour may have a leading zero (or be written 'H時M分') and the
    zone is a whole word of ``zones[the UTC offset in hours]``."""
    for path, data in labels:
        head = "\n".join(text(path).splitlines()[:12])
        published = dt.datetime.fromisoformat(data["published_at"])
        hour = published.hour % 12 or 12
        if loose:
            assert re.search(rf"(?<!\d)0?{hour}:{published.minute:02d}", head) or f"{published.hour}時{published.minute}分" in head, data["id"]
            offset = int(published.utcoffset().total_seconds() // 3600)
            assert any(re.search(rf"\b{z}\b", head) for z in zones[offset]), data["id"]
        else:
            assert f"{hour}:{published.minute:02d}" in head, data["id"]
            assert any(z in head for z in zones), data["id"]


def check_writer_snapshots(corpus: Path, labels: Labels, prefix: str, *, max_bytes: int = 20_000, max_bars: int = 70) -> None:
    """Every snapshot the labels name is ``snapshots/{prefix}<name>.json``, a small window of real shared-data bars."""
    check_snapshots_of(corpus, labels, name_pattern=rf"snapshots/{re.escape(prefix)}[a-z0-9-]+\.json", max_bytes=max_bytes,
                       max_bars=max_bars, from_shared_data=True)


def check_bar_verdicts(corpus: Path, labels: Labels, *, at_least: int, ticker: Ticker = only_ticker,
                       one_ticker: bool = False, skip_period_start: bool = False,
                       all_covered: bool = False) -> list[tuple[str, str]]:
    """Like ``check_verdicts``, with the writer's ticker chooser: a 52-week or all-time extreme (a ``window``) is
    unverifiable (the bars cover weeks); with ``skip_period_start``, moves since a named start are left to
    ``check_period_start_moves``; with ``all_covered``, ``expected_verdict`` must cover every other claim."""
    checked = []
    for path, data in labels:
        snap = _snapshot(corpus, data, one_ticker)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in scored(data):
            if claim["kind"] not in ("stock_price", "price_change", "scheduled_event"):
                continue
            if claim["values"].get("window"):
                assert claim["verdict"] == "unverifiable", (data["id"], claim["quote_contains"])
                continue
            if skip_period_start and "period_start" in claim["values"]:
                continue
            tick = snap.tickers[ticker(path, snap, claim["quote_contains"])]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            expected = expected_verdict(claim, bars, tick.events, published, tick.splits)
            if all_covered:
                assert expected is not None, (data["id"], claim["quote_contains"])
            if expected is None:
                continue
            checked.append((data["id"], claim["quote_contains"]))
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert len(checked) >= at_least, len(checked)
    return checked


def check_period_start_moves(corpus: Path, labels: Labels, *, at_least: int, wrong_margin: Optional[float] = None) -> None:
    """`period_start` moves (not covered by ``expected_verdict``): the close before the start to the named (or
    last) close of the first ticker; with ``wrong_margin``, a contradicted one is at least that many points off."""
    n = 0
    for _, data in labels:
        snap = Snapshot.load(corpus / data["snapshot"])
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in scored(data):
            v = claim["values"]
            if claim["kind"] != "price_change" or "period_start" not in v:
                continue
            bars = sorted(next(iter(snap.tickers.values())).prices.bars, key=lambda b: b.date)
            end = {b.date.isoformat(): b for b in bars}[v["date"]] if "date" in v else last_and_live(bars, published)[0]
            base = [b for b in bars if b.date < dt.date.fromisoformat(v["period_start"])][-1]
            move = (end.close / base.close - 1) * 100
            ok = abs(move - v["percent"]) <= MOVE_TOLERANCE
            assert claim["verdict"] == ("supported" if ok else "contradicted"), (data["id"], claim["quote_contains"])
            if not ok and wrong_margin is not None:
                assert abs(move - v["percent"]) >= wrong_margin, (data["id"], claim["quote_contains"])
            n += 1
    assert n >= at_least


def check_clear_margins(corpus: Path, labels: Labels, *, at_least: int, ticker: Ticker = only_ticker,
                        one_ticker: bool = False, day: str = "exact", split_price: Optional[str] = None,
                        margins: Optional[dict[str, float]] = None, otherwise: Optional[str] = None,
                        split_adjusted: bool = False, skip_period_start: bool = False) -> int:
    """Every contradicted price or move is wrong by a clear margin, so a rounding never decides a verdict.
    A price is more than 2% outside its day's low-high range, or, by ``split_price``: "earlier" - or the close
    scaled by a split on or before the day (a pre-/post-split mix-up); "later" - with a split after the day, it
    is instead the split-scaled close. A move of a period in ``margins`` (default: a day, 1.5 points) is at least
    that margin off the close-to-close move (``split_adjusted``: scaled by a split between); a move of any other
    period is, by ``otherwise``: None - not checked; "fail" - not allowed; a period name - read as that one.
    ``day`` looks the named day up "exact" (a missing day fails) or "near" (None). The number checked."""
    margins = margins if margins is not None else {"day": 1.5}
    n = 0
    for path, data in labels:
        snap = _snapshot(corpus, data, one_ticker)
        for claim in scored(data):
            v = claim["values"]
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change"):
                continue
            if skip_period_start and "period_start" in v:
                continue
            tick = snap.tickers[ticker(path, snap, claim["quote_contains"])]
            bars = sorted(tick.prices.bars, key=lambda b: b.date)
            by_day = {b.date: b for b in bars}
            named = dt.date.fromisoformat(v["date"])
            end = by_day[named] if day == "exact" else by_day.get(named)
            if claim["kind"] == "stock_price":
                far = v["price"] < end.low * 0.98 or v["price"] > end.high * 1.02
                if split_price == "earlier":
                    mixup = any(_near(v["price"], end.close * s.ratio) for s in tick.splits if s.date <= end.date)
                    assert far or mixup, (data["id"], claim["quote_contains"])
                elif split_price == "later" and [s for s in tick.splits if s.date > end.date]:
                    later = [s for s in tick.splits if s.date > end.date]
                    assert any(_near(v["price"] * s.ratio, end.close) for s in later), claim
                else:
                    assert far, (data["id"], claim["quote_contains"])
            else:
                period = v.get("period")
                if period not in margins:
                    assert otherwise != "fail", claim
                    period = otherwise
                if period is not None:
                    if period == "day":
                        base = bars[bars.index(end) - 1]
                    elif period == "week":
                        base = [b for b in bars if b.date <= end.date - dt.timedelta(days=7)][-1]
                    else:  # the year to date
                        base = [b for b in bars if b.date.year < end.date.year][-1]
                    factor = split_factor(tick.splits, base.date, end.date) if split_adjusted else 1.0
                    move = (end.close * factor / base.close - 1) * 100
                    assert abs(move - v["percent"]) >= margins[period], (data["id"], claim["quote_contains"])
            n += 1
    assert n >= at_least, n
    return n


def expected_figure(claim: dict, facts, published: dt.datetime, *, forecast: Iterable[str] = FORECAST_WORDS,
                    rounded: bool = False) -> str:
    """A quote with one of the ``forecast`` words (consensus, guidance, outlooks ...) is unverifiable; otherwise
    ``expected_reported_figure``; with ``rounded`` (README "Rounded figures"), a figure written to few digits
    agrees with every record that rounds to it."""
    if any(w in claim["quote_contains"].lower() for w in forecast):
        return "unverifiable"
    verdict = expected_reported_figure(claim, facts, published)
    if rounded and verdict == "contradicted" and "growth_percent" not in claim["values"]:
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


def check_writer_records(corpus: Path, labels: Labels, *, figure: Callable[[dict, object, dt.datetime], str],
                         at_least: dict[str, int], ticker: Ticker = only_ticker, one_ticker: bool = False,
                         unverifiable_workforce: Callable[[dict, Path, dict], bool] = lambda data, path, claim: False,
                         deal: Callable[[dict, str], str] = lambda claim, expected: expected) -> Counter:
    """Every scored reported-figure (``figure``), analyst, workforce and deal claim has the verdict re-derived from
    its ticker's records; a workforce claim the writer holds unverifiable (``unverifiable_workforce(data, path,
    claim)``: hearsay, a rumour) is; ``deal(claim, verdict)`` is the writer's last word on a deal. At least
    ``at_least[kind]`` of each kind are checked; the counts."""
    checked = Counter()
    for path, data in labels:
        snap = _snapshot(corpus, data, one_ticker)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in scored(data):
            kind = claim["kind"]
            if kind not in ("financial_metric", "analyst_rating", "workforce", "deal"):
                continue
            tick = snap.tickers[ticker(path, snap, claim["quote_contains"])]
            if kind == "financial_metric":
                expected = figure(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                expected = "unverifiable" if unverifiable_workforce(data, path, claim) else expected_workforce(claim, tick)
            else:
                expected = deal(claim, expected_deal(claim, tick))
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    for kind, least in at_least.items():
        assert checked[kind] >= least, checked
    return checked


def check_writer_mix(labels: Labels, *, min_unverifiable: int, min_prices: int,
                     min_optional: Optional[int] = None) -> tuple[Counter, Counter]:
    """``check_verdict_mix`` with a writer's bounds (10-16 scored claims a text, 20-35% contradicted), at least
    ``min_prices`` price and move claims and ``min_optional`` optional claims; the counts by verdict and kind."""
    verdicts, kinds = check_verdict_mix(labels, scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=min_unverifiable)
    assert kinds["stock_price"] + kinds["price_change"] >= min_prices, kinds
    if min_optional is not None:
        optional = sum(1 for _, d in labels for c in d["claims"] if c.get("optional"))
        assert optional >= min_optional, optional
    return verdicts, kinds
