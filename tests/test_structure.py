"""The document-structure layer: blocks with offsets, and what a cell's label says."""

from __future__ import annotations

import pytest

from verifier.document import html_to_text
from verifier.extract.structure import blocks, classify_cell, is_title_case


def layout(text: str) -> list[tuple[str, str, list[str], list[str]]]:
    return [
        (b.kind, b.span.of(text), [c.of(text) for c in b.cells], [h.of(text) for h in b.header]) for b in blocks(text)
    ]


def test_markdown_table_rows_carry_their_header_and_skip_the_rule():
    text = "## Initech (INTC)\n\n| Item | Figure |\n| --- | --- |\n| Last close | $31.20 |\n| 5-day | -2.1% |\n"
    rows = layout(text)
    assert rows[0] == ("heading", "Initech (INTC)", [], [])
    assert rows[1][0] == "table_row" and rows[1][2] == ["Item", "Figure"]
    assert rows[2] == ("table_row", "| Last close | $31.20 |", ["Last close", "$31.20"], ["Item", "Figure"])
    assert rows[3][2] == ["5-day", "-2.1%"]
    assert len(rows) == 4


def test_aligned_text_table_and_pipe_quote_line():
    text = "Symbol   Last     Chg\nINTC     31.20    +0.6%\nINTC US | px 31.20 | +0.6% d/d"
    rows = layout(text)
    assert rows[1] == ("table_row", "INTC     31.20    +0.6%", ["INTC", "31.20", "+0.6%"], ["Symbol", "Last", "Chg"])
    assert rows[2][2] == ["INTC US", "px 31.20", "+0.6% d/d"]


def test_prose_with_double_spaces_is_not_a_table():
    text = "The shares rose 2% on Monday.  Analysts were surprised by the move."
    assert [b.kind for b in blocks(text)] == ["paragraph"]


def test_label_value_lines_bullets_and_title_case_headlines():
    text = "Wednesday's close: $31.20\n- Rose 2% after the report\n* Next results: March 3\nInitech Profit Jumps 40% On Cloud Demand\nthe shares rose."
    kinds = [(b.kind, b.span.of(text)) for b in blocks(text)]
    assert kinds[0] == ("label_value", "Wednesday's close: $31.20")
    assert kinds[1] == ("bullet", "Rose 2% after the report")
    assert kinds[2] == ("label_value", "Next results: March 3")
    assert kinds[3][0] == "heading"
    assert kinds[4][0] == "paragraph"


def test_offsets_point_into_the_text():
    text = "Intro line.\n\n|  Open  |  $12.00  |\nDay range: $11.50 - $12.40"
    for b in blocks(text):
        for cell in b.cells:
            assert text[cell.start : cell.end] == cell.of(text).strip()


def test_html_cells_stay_apart():
    text, _ = html_to_text("<table><tr><th>Item</th><th>Figure</th></tr><tr><td>Open</td><td>$12.00</td></tr></table>")
    assert text.splitlines()[-1] == "Open | $12.00"


@pytest.mark.parametrize(
    "label,value,role",
    [
        ("Prior close", "$31.20", "price:close"),
        ("Session range", "$30.10 - $31.90", "price:range"),
        ("Opening", "$30.50", "price:open"),
        ("Year to date", "-8.4%", "move:ytd"),
        ("w/w", "+1.1%", "move:week"),
        ("Chg", "-0.6%", "move:day"),
        ("INTC US", "+0.6%", "move:unspecified"),
        ("Mkt cap", "$131B", "metric:market_cap"),
        ("Q3 sales", "$13.3bn", "metric:revenue"),
        ("Diluted EPS", "$0.41", "metric:eps"),
        ("Headcount", "108,900", "workforce:headcount"),
        ("Layoffs", "~15,000", "workforce:cut"),
        ("Next earnings", "Jan 29", "event:earnings"),
        ("Ex-dividend date", "Feb 6", "event:dividend"),
    ],
)
def test_cell_roles(label, value, role):
    assert classify_cell(label, value)[0] == role


@pytest.mark.parametrize(
    "label,value",
    [("Last updated", "31/10/2025 21:30 UTC"), ("52-week avg volume", "41.2M"), ("P/E", "24.1"), ("Volume", "41.2M"), ("Revenue growth", "+9%"), ("Founded", "1968"),
     ("Dividend yield", "1.6%"), ("Published", "Jan 29")],
)
def test_cells_that_are_not_claims_say_why(label, value):
    role, reason = classify_cell(label, value)
    assert role is None and label in reason


def test_section_lines_are_headings():
    text = "INITECH (INTC)\n- Closed at $31.20\nINTC \u2014 Initech\nPICK #2: Initech Corp (INTC)"
    assert [b.kind for b in blocks(text)] == ["heading", "bullet", "heading", "heading"]


def test_title_case():
    assert is_title_case("Initech Shares Slide 5% After Guidance Cut")
    assert not is_title_case("Initech shares slide after the guidance cut")
    assert not is_title_case("Two Words")
