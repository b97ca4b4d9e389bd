"""The inline price chart: closes around publication, the claimed price and the matched session marked."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from verifier.report.svg import HEIGHT, PAD_BOTTOM, PAD_TOP, matched_session, price_chart
from verifier.schemas import CheckedClaim, Report

SAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "reports" / "sample-report.json"
NS = {"s": "http://www.w3.org/2000/svg"}


def price_claim() -> tuple[CheckedClaim, dt.datetime]:
    report = Report.from_json(SAMPLE.read_text(encoding="utf-8"))
    return report.claims[0], report.document.published_at


def test_chart_is_well_formed_svg_with_one_point_per_session():
    claim, published = price_claim()
    svg = ET.fromstring(price_chart(claim, published))
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    points = svg.find("s:polyline", NS).get("points").split()
    assert len(points) == len(claim.series) == 13
    ys = [float(p.split(",")[1]) for p in points]
    assert all(PAD_TOP <= y <= HEIGHT - PAD_BOTTOM for y in ys)
    xs = [float(p.split(",")[0]) for p in points]
    assert xs == sorted(xs)
    # the highest close is drawn highest
    closes = [p.close for p in claim.series]
    assert ys.index(min(ys)) == closes.index(max(closes))


def test_claimed_price_matched_session_and_publication_are_marked():
    claim, published = price_claim()
    svg = price_chart(claim, published)
    root = ET.fromstring(svg)
    claimed = root.find("s:line[@class='claimed']", NS)
    matched = root.find("s:circle[@class='matched']", NS)
    pub = root.find("s:line[@class='published']", NS)
    assert claimed is not None and matched is not None and pub is not None
    assert "claimed 241.73" in svg and "29 Jan close 241.73" in svg
    # the claimed line runs through the matched close (241.73 == close of 2026-01-29)
    assert abs(float(claimed.get("y1")) - float(matched.get("cy"))) < 0.2
    # publication (30 Jan, 17:25 Berlin) sits on the 30 Jan session, right of the matched 29 Jan one
    assert float(pub.get("x1")) > float(matched.get("cx"))
    assert matched_session(claim) == dt.date(2026, 1, 29)
    assert root.get("role") == "img" and "matched session 2026-01-29" in root.get("aria-label")


def test_no_chart_without_a_series():
    claim, published = price_claim()
    assert price_chart(claim.model_copy(update={"series": None}), published) is None
    assert price_chart(claim.model_copy(update={"series": claim.series[:1]}), published) is None


def test_flat_prices_and_a_price_change_claim_still_draw():
    claim, _ = price_claim()
    flat = [{"date": f"2026-01-{d:02d}", "close": 100.0} for d in (5, 6, 7)]
    change = CheckedClaim.model_validate({
        **claim.model_dump(exclude={"kind"}), "fields": {"kind": "price_change", "percent": -0.5}, "series": flat,
        "evidence": [],
    })
    svg = price_chart(change, None)
    assert svg and "claimed" not in svg and "matched" not in svg
    assert not re.search(r"nan|inf", svg)


def test_session_ranges_are_drawn_and_the_matched_one_is_coloured():
    claim, published = price_claim()
    root = ET.fromstring(price_chart(claim, published))
    ranges = root.findall("s:line[@class='range']", NS)
    assert len(ranges) == len(claim.series)
    coloured = [r for r in ranges if r.get("stroke") == "#1a7f37"]
    assert len(coloured) == 1 and "2026-01-29" in coloured[0].find("s:title", NS).text
    # the previous close the direction was judged against is ringed too, in grey
    assert len(root.findall("s:circle[@class='evidence']", NS)) == 1


def test_a_percent_move_draws_the_claimed_path_from_its_base_close():
    claim, published = price_claim()
    move = CheckedClaim.model_validate({
        **claim.model_dump(exclude={"kind"}),
        "fields": {"kind": "price_change", "percent": -0.53},
        "verdict": "supported",
        "evidence": [
            {"source": "s", "detail": "base of the change", "value": 243.01, "date": "2026-01-28"},
            {"source": "s", "detail": "close", "value": 241.73, "date": "2026-01-29"},
        ],
    })
    svg = price_chart(move, published)
    root = ET.fromstring(svg)
    assert matched_session(move) == dt.date(2026, 1, 29)  # a move is matched on the session it ends on
    path = root.find("s:line[@class='claimed']", NS)
    assert path is not None and "claimed -0.53% = 241.72" in svg
    matched = root.find("s:circle[@class='matched']", NS)
    assert float(path.get("x2")) == float(matched.get("cx"))
    assert abs(float(path.get("y2")) - float(matched.get("cy"))) < 0.5  # -0.53% from 243.01 lands on 241.73
