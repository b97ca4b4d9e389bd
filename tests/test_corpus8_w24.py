"""Writer 24's supplementary dev articles of the eighth corpus (fixtures/corpus8, d11-d20, snapshots w24-*): one new
variant of each of ten styles of r41-r50 and r61-r70, all dev, each on a company other than that style's r-pair;
labels valid, quotes present, zoned headers, snapshots small and rebuilt from the shared data, and the price, move,
event, reported-figure, analyst, workforce and deal verdicts re-derived from the snapshot independently of the engine."""

from __future__ import annotations

import datetime as dt
import json
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
    cc.check_header_time(_mine(), ZONES, loose=True)


def test_verdict_mix_kinds_and_flags():
    verdicts, kinds = cc.check_writer_mix(_mine(), min_unverifiable=4, min_prices=50, min_optional=5)
    flags = {d["id"]: d["flags"] for _, d in _mine()}
    assert len(flags["d19"]) >= 6, flags["d19"]  # the horoscope newsletter is the promotional one
    assert sum(len(f) for f in flags.values()) >= 10


def test_snapshots_are_small_windows_of_real_bars():
    cc.check_writer_snapshots(CORPUS, _mine(), "w24-")


@pytest.mark.skipif(cc.shared_data() is None, reason="the shared data folder (../shared/data) is not here")
def test_the_builder_reproduces_the_committed_w24_snapshots():
    cc.check_rebuilt(CORPUS, "build_snapshots_w24.py", "w24-", _mine())


def test_price_move_and_event_verdicts_agree_with_the_bars():
    checked = cc.check_bar_verdicts(CORPUS, _mine(), at_least=70, one_ticker=True, all_covered=True)
    assert len({i for i, _ in checked}) == 10


def test_wrong_prices_and_moves_are_wrong_by_a_clear_margin():
    """A contradicted price is more than 2% outside its day's low-high range (or a pre-/post-split mix-up); a
    contradicted day or week move is at least 1.5 points off the close-to-close move."""
    cc.check_clear_margins(CORPUS, _mine(), at_least=15, one_ticker=True, split_price="earlier",
                           margins={"day": 1.5, "week": 1.5}, otherwise="fail", split_adjusted=True)


def _expected_figure(claim: dict, facts, published: dt.datetime) -> str:
    """Consensus, guidance and outlooks (a forecast word in the quote, or an adjusted EPS, which no record holds) are
    unverifiable; otherwise the record of the metric and period, with the stated growth against the year-ago record,
    and a figure written to few digits agrees with every record that rounds to it (README "Rounded figures")."""
    return cc.expected_figure(claim, facts, published, forecast=FORECAST + ("adjusted",), rounded=True)


def _rumour(data: dict, path: Path, claim: dict) -> bool:
    return any(w in claim["quote_contains"].lower() for w in ("rumor", "last i heard", "heard"))


def _deal(claim: dict, expected: str) -> str:
    if claim["values"].get("status") == "rumored" and expected == "contradicted":
        return "unverifiable"  # a reported deal is contradicted only by a denial
    return expected


def test_metric_rating_workforce_and_deal_verdicts_agree_with_the_records():
    cc.check_writer_records(CORPUS, _mine(), figure=_expected_figure, one_ticker=True, unverifiable_workforce=_rumour,
                            deal=_deal, at_least={"financial_metric": 15, "analyst_rating": 15, "workforce": 8, "deal": 6})
