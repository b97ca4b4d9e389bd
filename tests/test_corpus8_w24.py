"""Writer 24's supplementary dev articles of the eighth corpus (fixtures/corpus8, d11-d20, snapshots w24-*): one new
variant of each of ten styles of r41-r50 and r61-r70, all dev, each on a company other than that style's r-pair;
labels valid, quotes present, zoned headers, snapshots small and rebuilt from the shared data, and the price, move,
event, reported-figure, analyst, workforce and deal verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from tests import corpus_checks as cc
from verifier.market.snapshot import Snapshot

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus8"
IDS = [f"d{n:02d}" for n in range(11, 21)]
# each d-id varies the style of an r-pair; (style, the pair)
STYLES = {
    "d11": ("chart captions and infographic alt-text bundle", ("r41", "r42")),
    "d12": ("raw CSV export (ratings tracker or stock screener) pasted into a newsletter", ("r43", "r44")),
    "d13": ("Hacker News-style tech forum thread", ("r45", "r46")),
    "d14": ("raw XML news item (RSS 2.0 item or NewsML-G2)", ("r47", "r48")),
    "d15": ("sports play-by-play market commentary", ("r49", "r50")),
    "d16": ("machine-translated Japanese business brief", ("r61", "r62")),
    "d17": ("CEO keynote / conference fireside-chat transcript", ("r63", "r64")),
    "d18": ("robo-advisor client notice on a portfolio rebalance", ("r65", "r66")),
    "d19": ("stock horoscope / astrology promo newsletter", ("r67", "r68")),
    "d20": ("employee review-site posts (Glassdoor/Blind-style)", ("r69", "r70")),
}
# the zone words a header may use for each UTC offset of `published_at`
ZONES = {-5: ("EST", "ET", "Eastern"), -4: ("EDT", "ET", "Eastern"), -8: ("PT", "PST", "Pacific"), 9: ("JST",)}
FORECAST = cc.FORECAST_WORDS + ("expect", "guidance", "guided")


def _mine() -> cc.Labels:
    return cc.read_labels(CORPUS, ids=IDS)


def _tick(data: dict):
    snap = Snapshot.load(CORPUS / data["snapshot"])
    assert len(snap.tickers) == 1, data["snapshot"]
    return next(iter(snap.tickers.values()))


def test_all_ten_texts_are_here_all_dev_one_per_style():
    mine = _mine()
    assert [d["id"] for _, d in mine] == IDS
    for _, d in mine:
        assert d["split"] == "dev", d["id"]
        assert d["style"] == STYLES[d["id"]][0], d["id"]


def test_each_is_on_another_company_than_its_styles_r_pair():
    for _, d in _mine():
        style, pair = STYLES[d["id"]]
        mine = set(Snapshot.load(CORPUS / d["snapshot"]).tickers)
        for r in pair:
            other = json.loads((CORPUS / f"{r}.labels.json").read_text(encoding="utf-8"))
            assert other["style"] == style, (d["id"], r)
            assert mine.isdisjoint(Snapshot.load(CORPUS / other["snapshot"]).tickers), (d["id"], r)
            assert other["published_at"][:10] != d["published_at"][:10], (d["id"], r)


def test_labels_valid_quotes_present_ids_in_range_and_zoned_headers():
    cc.check_labels(CORPUS, _mine(), at_least=10, id_pattern=r"d(1[1-9]|20)", snapshot_prefix="w24-", words=(250, 700))


def test_the_header_states_the_labelled_time_and_its_zone():
    """Each text's header carries the clock time of `published_at` and a zone word that fits its UTC offset."""
    for path, data in _mine():
        head = "\n".join(cc.text(path).splitlines()[:12])
        published = dt.datetime.fromisoformat(data["published_at"])
        hour = published.hour % 12 or 12
        assert re.search(rf"(?<!\d)0?{hour}:{published.minute:02d}", head) or f"{published.hour}時{published.minute}分" in head, data["id"]
        offset = int(published.utcoffset().total_seconds() // 3600)
        assert any(re.search(rf"\b{z}\b", head) for z in ZONES[offset]), data["id"]


def test_verdict_mix_kinds_and_flags():
    verdicts, kinds = cc.check_verdict_mix(_mine(), scored_per_text=(10, 16), contradicted=(0.2, 0.35), min_unverifiable=4)
    assert kinds["stock_price"] + kinds["price_change"] >= 50, kinds
    optional = sum(1 for _, d in _mine() for c in d["claims"] if c.get("optional"))
    assert optional >= 5, optional
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["d19"]) >= 6, flags["d19"]  # the horoscope newsletter is the promotional one
    assert sum(len(f) for f in flags.values()) >= 10


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_snapshots_of(CORPUS, _mine(), name_pattern=r"snapshots/w24-[a-z0-9-]+\.json", max_bytes=20_000,
                          max_bars=70, from_shared_data=True)


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w24_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w24.py", "w24-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = []
    for _, data in _mine():
        tick = _tick(data)
        published = dt.datetime.fromisoformat(data["published_at"])
        bars = sorted(tick.prices.bars, key=lambda b: b.date)
        for claim in cc.scored(data):
            if claim["kind"] not in ("stock_price", "price_change", "scheduled_event"):
                continue
            if claim["values"].get("window"):
                # a 52-week or all-time extreme: the bars cover weeks, never the window (README: unverifiable)
                assert claim["verdict"] == "unverifiable", (data["id"], claim["quote_contains"])
                continue
            expected = cc.expected_verdict(claim, bars, tick.events, published, tick.splits)
            assert expected is not None, (data["id"], claim["quote_contains"])
            checked.append((data["id"], claim["quote_contains"]))
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert len(checked) >= 70, len(checked)
    assert len({i for i, _ in checked}) == 10


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or a pre-/post-split mix-up); a
    contradicted day or week move is at least 1.5 points off the close-to-close move."""
    n = 0
    for _, data in _mine():
        tick = _tick(data)
        bars = sorted(tick.prices.bars, key=lambda b: b.date)
        for claim in cc.scored(data):
            if claim["verdict"] != "contradicted" or claim["kind"] not in ("stock_price", "price_change"):
                continue
            v = claim["values"]
            end = {b.date: b for b in bars}[dt.date.fromisoformat(v["date"])]
            if claim["kind"] == "stock_price":
                far = v["price"] < end.low * 0.98 or v["price"] > end.high * 1.02
                mixup = any(cc._near(v["price"], end.close * s.ratio) for s in tick.splits if s.date <= end.date)
                assert far or mixup, (data["id"], claim["quote_contains"])
            else:
                if v["period"] == "day":
                    base = bars[bars.index(end) - 1]
                else:
                    assert v["period"] == "week", claim
                    base = [b for b in bars if b.date <= end.date - dt.timedelta(days=7)][-1]
                factor = cc.split_factor(tick.splits, base.date, end.date)
                move = (end.close * factor / base.close - 1) * 100
                assert abs(move - v["percent"]) >= 1.5, (data["id"], claim["quote_contains"])
            n += 1
    assert n >= 15, n


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, guidance and outlooks (a forecast word in the quote, or an adjusted EPS, which no record holds) are
    unverifiable; otherwise the record of the metric and period, with the stated growth against the year-ago record,
    and a figure written to few digits agrees with every record that rounds to it (README "Rounded figures")."""
    q = claim["quote_contains"].lower()
    if any(w in q for w in FORECAST) or "adjusted" in q:
        return "unverifiable"
    verdict = cc.expected_reported_figure(claim, facts, published)
    if verdict == "contradicted" and "growth_percent" not in claim["values"]:
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
    for _, data in _mine():
        tick = _tick(data)
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in cc.scored(data):
            kind = claim["kind"]
            if kind == "financial_metric":
                expected = _expected_figure(claim, tick.facts, published)
            elif kind == "analyst_rating":
                expected = cc.expected_rating(claim, tick.analyst_actions, published)
            elif kind == "workforce":
                rumour = any(w in claim["quote_contains"].lower() for w in ("rumor", "last i heard", "heard"))
                expected = "unverifiable" if rumour else cc.expected_workforce(claim, tick)
            elif kind == "deal":
                expected = cc.expected_deal(claim, tick)
                if claim["values"].get("status") == "rumored" and expected == "contradicted":
                    expected = "unverifiable"  # a reported deal is contradicted only by a denial
            else:
                continue
            checked[kind] += 1
            assert claim["verdict"] == expected, (data["id"], claim["quote_contains"], expected)
    assert checked["financial_metric"] >= 15 and checked["analyst_rating"] >= 15, checked
    assert checked["workforce"] >= 8 and checked["deal"] >= 6, checked
