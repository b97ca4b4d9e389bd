"""Writer 9's part of the fifth corpus (fixtures/corpus5, r41-r50, snapshots w9-*): labels valid, quotes
present, ids in range, published_at with a zone, snapshots small and rebuilt byte for byte from the shared
data, the split by id parity with every style in both halves (written in pairs), and the dated price, move,
event, reported-figure, analyst and workforce verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.market.snapshot import Snapshot
from tests import corpus_checks as cc

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus5"
NEW_YORK = ZoneInfo("America/New_York")
IDS = [f"r{n}" for n in range(41, 51)]


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def test_every_labels_file_is_valid_and_every_quote_occurs_in_its_article():
    mine = _mine()
    assert [d["id"] for _, d in mine] == IDS
    cc.check_labels(CORPUS, mine, at_least=10, id_pattern=r"r(4[1-9]|50)", snapshot_prefix="w9-", words=(250, 700))
    for _, data in mine:
        assert dt.datetime.fromisoformat(data["published_at"]).utcoffset() is not None, data["id"]


def test_split_is_by_parity_and_every_style_is_written_once_per_half():
    mine = _mine()
    cc.check_split(mine, max_gap=0, min_styles=5, pairs=True)
    styles = Counter(d["style"] for _, d in mine)
    assert len(styles) == 5 and set(styles.values()) == {2}, styles


def test_verdict_mix_about_a_quarter_wrong_some_unverifiable_all_kinds():
    mine = _mine()
    cc.check_verdict_mix(mine, scored_per_text=(10, 16), contradicted=(0.20, 0.35), min_unverifiable=5)
    kinds = Counter(c["kind"] for _, d in mine for c in cc.scored(d))
    assert kinds["stock_price"] >= 30 and kinds["price_change"] >= 25, kinds


def test_asia_edition_headers_are_in_asian_time_and_resolve_to_the_previous_new_york_day():
    for case_id, offset, ny_day in (("r43", 8, dt.date(2025, 11, 3)), ("r44", 9, dt.date(2020, 7, 31))):
        data = dict(cc.read_labels(CORPUS, ids=[case_id]))[CORPUS / f"{case_id}.labels.json"]
        published = dt.datetime.fromisoformat(data["published_at"])
        assert published.utcoffset() == dt.timedelta(hours=offset)
        local = published.astimezone(NEW_YORK)
        assert local.date() == ny_day and local.time() >= dt.time(16, 0), local
        overnight = [c for c in cc.scored(data) if c["kind"] in ("stock_price", "price_change")]
        assert max(c["values"]["date"] for c in overnight) == ny_day.isoformat()


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w9-[a-z0-9-]+\.json", max_bytes=64_000, max_bars=80,
                          from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w9_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w9.py", "w9-", _mine())


# --------------------------------------------------------------------------- independent re-derivation


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_verdicts(CORPUS, _mine(), at_least=60, dated_only=True)
    assert len({case for case, _ in checked}) == len(IDS)


_SCALE = {"billion": 1e9, "million": 1e6, "cents": 0.01}


def _half_digit(claim: dict) -> float:
    """Half a unit of the last digit the quote writes for the figure ("$3.6 billion": 0.05 billion)."""
    for m in re.finditer(r"(\d[\d,]*)(?:\.(\d+))?\s*(billion|million|cents)?", claim["quote_contains"]):
        scale = _SCALE.get(m.group(3) or "", 1.0)
        value = float(m.group(1).replace(",", "") + "." + (m.group(2) or "0")) * scale
        if abs(value - claim["values"]["value"]) <= 1e-9 * max(1.0, value):
            return 0.5 * scale * 10 ** -len(m.group(2) or "")
    return 0.0


def _expected_metric(claim: dict, facts, published: dt.datetime) -> str:
    """A reported figure against the record of its metric and period known at publication (the growth rate
    against the year-ago record); an 'other' figure only against a record whose naming words the quote has."""
    v = claim["values"]
    if v["metric"].startswith("guidance"):
        return "unverifiable"

    def named(f) -> bool:
        words = re.findall(r"[A-Za-z]{3,}", f.description.split("$")[0])
        return f.metric != "other" or all(w.lower() in claim["quote_contains"].lower() for w in words if w not in ("FY",))

    known = {(f.metric, f.period): f.amount for f in facts
             if f.kind == "financial_metric" and f.date <= published.date() and named(f)}
    record = known.get((v["metric"], v.get("period")))
    if record is None:
        return "unverifiable"
    if abs(v["value"] - record) > max(0.01 * abs(record), _half_digit(claim)):
        return "contradicted"
    if "growth_percent" in v:
        m = re.fullmatch(r"Q([1-4]) (FY)?(\d{4})", v["period"])
        base = known.get((v["metric"], f"Q{m.group(1)} {m.group(2) or ''}{int(m.group(3)) - 1}"))
        if base is not None and abs((record / base - 1) * 100 - v["growth_percent"]) > 0.6:
            return "contradicted"
    return "supported"


def _expected_rating(claim: dict, actions, published: dt.datetime) -> str:
    v = claim["values"]
    named = dt.date.fromisoformat(v["date"])
    window = [a for a in actions if a.firm == v["firm"] and abs((a.date - named).days) <= 1
              and a.date <= published.astimezone(NEW_YORK).date()]
    if not window:
        return "unverifiable"
    act = window[-1]
    for key, field in (("price_target", "price_target"), ("previous_price_target", "prior_price_target")):
        if key in v and getattr(act, field) is not None and abs(v[key] - getattr(act, field)) > 0.005 * getattr(act, field):
            return "contradicted"
    if "rating" in v and act.to_rating and v["rating"] != act.to_rating:
        return "contradicted"
    return "supported"


def _expected_workforce(claim: dict, tick) -> str:
    """Cuts against the records (a cumulative figure against their sum), a headcount against the profile
    (10% for 'about'); a company the snapshot does not hold is no_data."""
    v = claim["values"]
    if v["action"] == "headcount":
        staff = tick.profile.employees
        return "supported" if abs(v["count"] - staff) <= 0.10 * staff else "contradicted"
    cuts = [f.count for f in tick.facts if f.kind == "workforce" and f.count]
    wanted = sum(cuts) if v.get("cumulative") else None
    if wanted is not None:
        return "supported" if abs(v["count"] - wanted) <= 0.10 * wanted else "contradicted"
    return "supported" if any(abs(v["count"] - c) <= 0.10 * c for c in cuts) else "contradicted"


_OTHER_COMPANIES = ("UPS", "Target", "Meta", "Alphabet")


def test_reported_figure_analyst_and_workforce_verdicts_agree_with_the_records():
    checked = Counter()
    for path, data in _mine():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        body = cc.text(path)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind not in ("financial_metric", "analyst_rating", "workforce", "deal"):
                continue
            sentence_start = body.rfind(".", 0, body.index(claim["quote_contains"]))
            sentence = body[sentence_start + 1: body.index(claim["quote_contains"]) + len(claim["quote_contains"])]
            if kind == "workforce" and any(name in sentence for name in _OTHER_COMPANIES):
                assert claim["verdict"] == "no_data", (data["id"], claim["quote_contains"])
                checked["no_data"] += 1
                continue
            symbol = cc.ticker_for(body, claim["quote_contains"], list(snap.tickers))
            tick = snap.tickers[symbol]
            if kind == "financial_metric":
                expected = _expected_metric(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = _expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                expected = _expected_workforce(claim, tick)
            else:
                deals = [f for f in tick.facts if f.kind == "deal" and f.counterparty == claim["values"].get("counterparty")]
                expected = "supported" if any(abs(f.amount - claim["values"]["amount"]) <= 0.01 * f.amount for f in deals) else "contradicted"
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], symbol, claim["quote_contains"], expected)
    assert checked["financial_metric"] >= 20 and checked["analyst_rating"] >= 6, checked
    assert checked["workforce"] >= 10 and checked["no_data"] == 4, checked
