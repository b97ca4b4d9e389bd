"""verifier.evaluate.corpus: the bundled labelled corpus is valid and consistent with its snapshots,
and a bad labels file is named with every problem it has."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.evaluate_helpers import CORPUS
from verifier.dates import find_publication_time
from verifier.errors import InputError
from verifier.evaluate import load_corpus, validate_labels
from verifier.market.snapshot import Snapshot

NEW_YORK = ZoneInfo("America/New_York")


def _labels() -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(CORPUS.glob("*.labels.json"))]


def _article_text(labels_path: Path) -> str:
    """The article's text as the tool sees it (HTML reduced to its visible text)."""
    from verifier.document import load_document

    stem = labels_path.name[: -len(".labels.json")]
    article = next(labels_path.with_name(stem + ext) for ext in (".txt", ".md", ".html") if labels_path.with_name(stem + ext).exists())
    return load_document(str(article)).text


# --------------------------------------------------------------------------- the corpus itself


def test_corpus_has_at_least_40_valid_articles_with_loadable_snapshots():
    labels = _labels()
    assert len(labels) >= 40
    snapshots = set()
    for path, data in labels:
        text = _article_text(path)
        assert validate_labels(data, text, path.name, CORPUS) == []
        snapshots.add(data["snapshot"])
    tickers = set()
    for snap in snapshots:
        loaded = Snapshot.load(CORPUS / snap)
        tickers |= set(loaded.tickers)
        for data in loaded.tickers.values():
            assert data.prices and data.prices.bars, f"{snap} has no bars"
            assert data.provenance and data.provenance.source.startswith("verifier corpus (constructed)")
    assert len(tickers) >= 8
    cases = load_corpus(CORPUS)
    assert len(cases) == len(labels)


def test_about_a_third_of_the_claims_are_wrong_and_every_kind_and_style_is_covered():
    verdicts, kinds, styles = Counter(), Counter(), set()
    for _, data in _labels():
        styles.add(data["style"].split(" (")[0])
        for claim in data["claims"]:
            if not claim.get("optional"):
                verdicts[claim["verdict"]] += 1
                kinds[claim["kind"]] += 1
    share = verdicts["contradicted"] / sum(verdicts.values())
    assert 0.25 <= share <= 0.40, share
    assert set(kinds) == {"stock_price", "price_change", "analyst_rating", "workforce", "deal", "scheduled_event", "financial_metric"}
    assert {"unverifiable", "no_data"} <= set(verdicts)
    assert len(styles) >= 8


def test_every_header_gives_the_labelled_publication_time():
    for path, data in _labels():
        found = find_publication_time(_article_text(path))
        assert found is not None, path.name
        assert found.value == dt.datetime.fromisoformat(data["published_at"]), path.name


def test_splits_are_the_first_and_second_half_of_the_ids():
    labels = _labels()
    ids = [data["id"] for _, data in labels]
    half = len(ids) // 2
    for i, (_, data) in enumerate(labels):
        assert data["split"] == ("dev" if i < half else "heldout"), data["id"]
    assert ids == sorted(ids)


def _session_close_before(bars, published: dt.datetime):
    local = published.astimezone(NEW_YORK)
    done = [b for b in bars if dt.datetime.combine(b.date, dt.time(16, 0), NEW_YORK) <= local]
    live = [b for b in bars if b.date == local.date() and b not in done]
    return done[-1], (live[0] if live else None)


def test_price_move_and_event_labels_agree_with_their_snapshot():
    """An independent re-derivation of the simple verdicts from the bars, so a label typo is caught."""
    checked = 0
    for _, data in _labels():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        if len(snap.tickers) != 1:
            continue
        ticker = next(iter(snap.tickers.values()))
        bars = ticker.prices.bars
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in data["claims"]:
            if claim.get("optional") or claim["verdict"] not in ("supported", "contradicted"):
                continue
            v, expected = claim["values"], None
            if claim["kind"] == "stock_price":
                if "date" in v:
                    bar = next(b for b in bars if b.date.isoformat() == v["date"])
                    ok = abs(bar.close - v["price"]) <= 0.005 * bar.close or bar.low <= v["price"] <= bar.high
                else:
                    last, live = _session_close_before(bars, published)
                    ok = abs(last.close - v["price"]) <= 0.005 * last.close or bool(live and live.low <= v["price"] <= live.high)
                expected = "supported" if ok else "contradicted"
            elif claim["kind"] == "price_change":
                day = v.get("date") or _session_close_before(bars, published)[0].date.isoformat()
                i = [b.date.isoformat() for b in bars].index(day)
                move = (bars[i].close / bars[i - 1].close - 1) * 100
                expected = "supported" if abs(move - v["percent"]) <= 0.3 else "contradicted"
            elif claim["kind"] == "scheduled_event":
                dates = {e.date.isoformat() for e in ticker.events if e.event == v["event"]}
                expected = "supported" if v["date"] in dates else "contradicted"
            if expected:
                checked += 1
                assert claim["verdict"] == expected, (data["id"], claim["quote_contains"])
    assert checked >= 75


# --------------------------------------------------------------------------- labels validation


def test_validate_labels_names_every_problem():
    bad = {
        "snapshot": "snapshots/missing.json",
        "split": "train",
        "claims": [
            {"kind": "stock_price", "quote_contains": "not there", "values": {}, "verdict": "true"},
            {"kind": "rumour", "quote_contains": "x", "values": {}},
            {"kind": "deal", "quote_contains": "Some", "values": {"amount": "$50 billion"}, "verdict": "supported"},
        ],
        "flags": [{"technique": "shouting", "quote_contains": "x"}],
    }
    problems = validate_labels(bad, "Some article text.", "x.labels.json", CORPUS)
    text = "\n".join(problems)
    for needle in ("snapshot", "split", "does not occur", "values.price", "verdict 'true'", "kind 'rumour'", "technique",
                   "values.amount must be a number"):
        assert needle in text, needle


def test_load_corpus_rejects_a_bad_folder_with_one_message(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match="no \\*.labels.json"):
        load_corpus(tmp_path)
    (tmp_path / "a.txt").write_text("Apple closed at $10.", encoding="utf-8")
    (tmp_path / "a.labels.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="a.labels.json: not valid JSON"):
        load_corpus(tmp_path)
