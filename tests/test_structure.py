"""The document-structure layer: blocks with offsets, and what a cell's label says."""

from __future__ import annotations

import pytest

from verifier.document import html_to_text
from verifier.extract.structure import ColumnPeriod, blocks, classify_cell, column_period, is_title_case, reading_text


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


@pytest.mark.parametrize(
    "header,period,estimate",
    [("FY2027E", "FY2027", True), ("FY2024A", "FY2024", False), ("FY23E", "FY2023", True), ("FY 2022A", "FY2022", False),
     ("2028E", "2028", True), ("Q3 2019A", "Q3 2019", False), ("2Q24E", "Q2 2024", True), ("2026 est.", "2026", True)],
)
def test_a_column_header_names_a_period_and_whether_it_is_an_estimate(header, period, estimate):
    assert column_period(header) == ColumnPeriod(period, estimate)


@pytest.mark.parametrize("header", ["Revenue", "Q3 sales", "EPS", "Close", "FY", "12.5%"])
def test_a_label_is_not_a_column_period(header):
    assert column_period(header) is None


def test_an_estimate_table_header_is_a_header_and_keeps_the_empty_corner_cell():
    text = "| | FY2024A | FY2025E |\n|---|---|---|\n| Sales | $10.1B | $11.4B |"
    header, row = blocks(text)
    assert header.extra.get("role") == "header"
    assert [h.of(text) for h in row.header] == ["", "FY2024A", "FY2025E"]
    assert [c.of(text) for c in row.cells] == ["Sales", "$10.1B", "$11.4B"]


@pytest.mark.parametrize("label,value", [("Price target", "$410 (prior: $380)"), ("PT", "$95"), ("Upside to target", "14%")])
def test_a_target_is_not_a_share_price(label, value):
    assert classify_cell(label, value)[0] is None


def test_an_alert_line_is_a_tag_a_price_and_its_change():
    text = "[Tue 10 Mar 2026 \u00b7 16:00 ET] CLOSE NVDA $178.05 (-1.7%)\nLAST $412.10 +0.8%"
    first, second = blocks(text)
    assert first.kind == "label_value" and [c.of(text) for c in first.cells] == ["CLOSE NVDA", "$178.05", "(-1.7%)"]
    assert first.span.of(text) == text.split("\n")[0]  # the quote keeps the stamp
    assert [c.of(text) for c in second.cells] == ["LAST", "$412.10", "+0.8%"]


@pytest.mark.parametrize("line", ["NVDA rallied to $178.05 on the day", "Close NVDA $178.05", "CLOSE NVDA $178.05 and more"])
def test_prose_is_not_an_alert_line(line):
    assert all(b.extra.get("form") != "tag" for b in blocks(line))


def test_a_signed_change_beside_a_close_is_that_sessions_move():
    assert classify_cell("CLOSE NVDA", "(-1.7%)")[0] == "move:day"
    assert classify_cell("AFTER CLOSE NVDA", "(-1.7%)")[0] == "move:unspecified"  # after the close is not the session
    assert classify_cell("CLOSE NVDA", "1.7%")[0] is None  # no sign: not a move


def test_a_question_line_answered_below_is_a_heading():
    text = "Why did Initech fall today?\n\nIt cut its outlook.\nIs it a buy?\nWho knows?\nDoes it pay a dividend?"
    kinds = [b.kind for b in blocks(text)]
    # the first question is answered; "Is it a buy?" is followed by another question; the last has no answer
    assert kinds == ["heading", "paragraph", "paragraph", "paragraph", "paragraph"]


def test_a_feed_line_opened_by_a_stamp_and_a_pipe_is_not_a_table_row():
    text = (
        "2019-07-02 09:41 -04:00 | Globex rises 2% to $41.10 on a contract win\n"
        "2019-07-02 16:02 ET | Globex closes at $41.35\n"
    )
    kinds = [b.kind for b in blocks(text)]
    assert "table_row" not in kinds and len(kinds) == 2
    # a real table row that opens with a number keeps its cells
    table = "Year | Revenue | EPS\n2019 | $4.1B | $1.20\n2020 | $4.5B | $1.35\n"
    assert [b.kind for b in blocks(table)].count("table_row") == 3


def test_an_alert_title_after_a_bracketed_clock_and_a_wide_gap_is_not_a_table_row():
    text = "[9:45 AM]   MOVER ALERT - GLBX\nGlobex (GLBX) is up 3.1% at $41.10.\n"
    kinds = [b.kind for b in blocks(text)]
    assert "table_row" not in kinds and len(kinds) == 2
    # an aligned table whose rows open with a plain number keeps its cells
    table = "Year    Revenue    EPS\n2019    $4.1B    $1.20\n"
    assert [b.kind for b in blocks(table)].count("table_row") == 2


def test_a_flattened_feed_item_opened_by_an_rfc822_pub_date_is_not_a_table_row():
    text = (
        "Tue, 08 Mar 2016 16:02:00 -0500 | Wirehouse | Globex slides 4.2% as its chip orders slow\n"
        "Wed, 09 Mar 2016 09:31:00 -0500 | Globex opens flat\n"
    )
    kinds = [b.kind for b in blocks(text)]
    assert "table_row" not in kinds and len(kinds) == 2
    # a table whose first column holds dates but whose last cell is a figure stays a table
    table = "Date | Close | Change\nTue, 08 Mar 2016 16:00 | $41.10 | -4.2%\n"
    assert [b.kind for b in blocks(table)].count("table_row") == 2


def test_the_side_borders_of_a_drawn_quote_box_are_not_part_of_its_lines():
    text = (
        "\u250c\u2500 QUOTE \u2500 Initech (INTC) \u2500\u2500\u2500\n"
        "\u2502 Prior close (Mar 4): 61.15\n"
        "\u2502 Bid: 61.40   Ask: 61.45 \u2502\n"
        "\u2514\u2500\u2500\u2500\u2500\u2500\u2500\n"
    )
    found = blocks(text)
    close = next(b for b in found if "Prior close" in text[b.span.start : b.span.end])
    assert close.kind == "label_value"
    assert [text[c.start : c.end] for c in close.cells] == ["Prior close (Mar 4)", "61.15"]
    assert text[close.span.start] == "\u2502"  # the block still starts where the line's sentence does
    row = next(b for b in found if b.kind == "table_row")
    assert [text[c.start : c.end] for c in row.cells] == ["Bid: 61.40", "Ask: 61.45"]


def test_a_piped_table_after_an_aligned_line_keeps_its_own_header():
    text = ("GLOBEX CORP. (GBX)  -  first quarter 2024\n"
            " Item               |  Actual  |  Est.  \n"
            " Globex sales, Q1   |  $4.1B   |  $3.9B \n")
    rows = layout(text)
    assert rows[1][2] == ["Item", "Actual", "Est."] and rows[1][3] == []
    assert rows[2][2] == ["Globex sales, Q1", "$4.1B", "$3.9B"] and rows[2][3] == ["Item", "Actual", "Est."]


def test_a_share_count_column_is_no_price():
    assert classify_cell("Shares EVP, Chief Legal Officer S", "14,500")[0] is None
    assert classify_cell("Restricted stock units", "30,000")[0] is None
    assert classify_cell("Share price", "$88.10")[0] == "price:unspecified"


def test_a_dot_leader_line_is_a_label_value_line():
    text = "   Net income ....................... $1.9 billion\n"
    (block,) = [b for b in blocks(text) if b.kind == "label_value"]
    assert [text[c.start : c.end] for c in block.cells] == ["Net income", "$1.9 billion"]


# --------------------------------------------------------------------------- the text the readers read


def test_reading_text_blanks_emphasis_around_figures_and_dates_and_keeps_offsets():
    from verifier.extract.structure import reading_text

    text = "- On **March 4, 2024**, Initech stock slid **3.2%** to close at **$41.15**. **Key takeaways**"
    read = reading_text(text)
    assert len(read) == len(text)
    assert "close at   $41.15  ." in read and "slid   3.2%  " in read and "On   March 4, 2024  ," in read
    assert "**Key takeaways**" in read  # emphasis around words is the layout's, not a figure's
    assert reading_text("no marks here") == "no marks here"


def test_reading_text_joins_subtitle_cues_into_one_run_of_speech():
    from verifier.extract.structure import reading_text

    text = (
        "1\n00:00:01,000 --> 00:00:03,500\nInitech stock ended the day\n\n"
        "2\n00:00:03,500 --> 00:00:06,000\nat $41.15, down 3.2%.\n\n"
        "3\n00:00:06,000 --> 00:00:08,000\nBack after the break.\n"
    )
    read = reading_text(text)
    assert len(read) == len(text) and "\n" not in read and "-->" not in read
    assert " ".join(read.split()) == "Initech stock ended the day at $41.15, down 3.2%. Back after the break."
    assert reading_text("1\n00:00:01,000 --> 00:00:03,500\nOne cue only\n") == "1\n00:00:01,000 --> 00:00:03,500\nOne cue only\n"


def test_an_aligned_header_whose_only_digits_are_a_date_is_still_a_header():
    text = "Stock          Close 28/02/2019    February\nInitech        $41.15              +3.2%\n"
    rows = layout(text)
    assert rows[0][0] == "table_row" and rows[0][2] == ["Stock", "Close 28/02/2019", "February"]
    assert rows[1][3] == ["Stock", "Close 28/02/2019", "February"]  # the row's cells are labelled by it


def test_reading_text_blanks_the_marks_of_quoted_email_lines():
    from verifier.extract.structure import reading_text

    text = "Agreed.\n\n> Sent: Monday\n> Initech fell 3% today.\n> > Older: it rose 1%.\n"
    read = reading_text(text)
    assert len(read) == len(text) and ">" not in read and "  Initech fell 3% today." in read
    assert reading_text("> one quoted line\n") == "> one quoted line\n"  # a lone quote is left as written


def test_a_trading_day_named_around_an_event_is_not_the_event():
    # "| Mar 3 | Day after the results pop |": a row of a price history, not a scheduled event
    assert classify_cell("Date Morning after earnings pop", "Mar 3")[0] is None
    assert classify_cell("Date Final pre-split session", "Jun 2")[0] is None
    assert classify_cell("Date First post-split session", "Jun 3")[0] is None
    assert classify_cell("Next earnings date", "Mar 3")[0] == "event:earnings"


def test_a_header_on_two_lines_labels_each_column_with_the_words_of_both():
    text = (
        "                 Award        Options      Closing price\n"
        "  Officer        date         granted      on award date\n"
        "  -------------  -----------  -----------  -------------\n"
        "  Chief Counsel  03/02/2021   12,000       $61.40\n"
    )
    row = [b for b in blocks(text) if b.kind == "table_row" and b.extra.get("role") != "header"][0]
    assert row.extra["column1"] == "Award date" and row.extra["column3"] == "Closing price on award date"
    assert row.extra["column0"] == "Officer"


def test_an_average_trade_price_column_is_a_price_of_the_rows_day():
    assert classify_cell("Avg. price Director", "$44.10")[0] == "price:trade"
    assert classify_cell("Weighted-average sale price", "$44.10")[0] == "price:trade"
    assert classify_cell("Average price target", "$44.10")[0] is None
    assert classify_cell("Average volume", "1,200,000")[0] is None


def test_reading_text_joins_hard_wrapped_prose_once_for_every_reader():
    from verifier.extract.structure import reading_text, wrap_breaks

    text = ("Halden Corp said on Tuesday that it would cut roughly 4,200 warehouse and office\n"
            "jobs by the spring, and its shares slipped 2.4% to $61.15 in the final hour of\n"
            "the session.\n\nNext paragraph.\n")
    read = reading_text(text)
    assert len(read) == len(text) and read.count("\n") == text.count("\n") - 2
    assert "office jobs by the spring" in read and "hour of the session." in read
    assert wrap_breaks(text) == [text.index("\njobs"), text.index("\nthe session")]
    # "a blank line never wraps"; unpunctuated caption lines, bullets, table rows, dot leaders and Title Case lines stay
    assert wrap_breaks("so we think the stock could run\nhigher from here and then some\n") == []
    assert wrap_breaks("Halden cut about 4,200 jobs in a slight\n- reversal, said people.\n") == []
    assert wrap_breaks("Revenue grew in the quarter and the margin, as the firm said,\n| Close | $61.15 |\n") == []
    assert wrap_breaks("   Total revenue .................... $4.1 billion, up 7% year over year\n"
                       "   Diluted earnings per share ....... $1.27\n") == []
    assert wrap_breaks("Halden Shares Slide After The Company Cuts Its Outlook For The Year\n"
                       "shares fell. Next.\n") == []


def test_a_short_line_that_breaks_between_lower_case_words_wraps():
    from verifier.extract.structure import wrap_breaks

    text = "The stock fell in a slight\ndecline to $61.15 on Monday.\n"
    assert wrap_breaks(text) == [text.index("\ndecline")]
    # a numbered entry's first line runs on into its lower-case continuation, never into the next entry
    entry = "48. On February 27, 2020, the stock fell $19.13 per share,\nor 6.5%, to close at $273.52.\n49. Next,\nitem.\n"
    assert wrap_breaks(entry) == [entry.index("\nor 6.5%"), entry.index("\nitem")]


def test_a_stat_line_led_by_its_figure_gives_the_figure_and_its_label():
    from verifier.extract.structure import figure_lead

    text = "**By the numbers:**\n- **~4,200:** Office roles eliminated since March, across three rounds.\n"
    value, label = figure_lead(text, text.index("~"))
    assert text[value.start : value.end] == "~4,200"
    assert text[label.start : label.end] == "Office roles eliminated since March, across three rounds"
    assert figure_lead("Revenue: $3.1 billion in the quarter.", 0) is None  # label first: a label:value line
    assert figure_lead("Shares rose 4% to $12 on Monday.", 0) is None


def test_an_aligned_header_with_abbreviated_columns_labels_the_rows_below():
    text = ("Date        Qty     Exec. Price   Comm.\n"
            "03/02/2021  40      57.1500       4.95\n")
    rows = layout(text)
    assert rows[0][0] == "table_row" and rows[0][2] == ["Date", "Qty", "Exec. Price", "Comm."]
    assert rows[1][3] == ["Date", "Qty", "Exec. Price", "Comm."]
    # a sentence's last word still ends no header cell
    assert layout("Halden rallied.   Initech slid.\n")[0][0] != "table_row"


@pytest.mark.parametrize(
    "label,value,role",
    [
        ("Exec. Price BOUGHT", "57.1500", "price:trade"),   # a statement's fill, with no currency sign
        ("Since Q2 (price)", "(7.5)%", None),              # an accounting negative is a percentage, never a price
        ("\u21bb Share \u2661", "27", None),                # a post's engagement bar
        ("Price/Fair Value", "0.93", None),                # a ratio
        ("Price to book", "2.40", None),
        ("Next quarter", "$0.88", None),                   # an estimate's fiscal period
        ("Current year 30 days ago", "$4.10", None),
    ],
)
def test_statement_fills_ratios_counters_and_estimate_periods(label, value, role):
    assert classify_cell(label, value)[0] == role


def test_a_news_api_items_fields_read_as_lines_of_their_own_at_the_same_offsets():
    from verifier.extract.structure import reading_text

    text = ('{"articles":[\n{"source":{"id":null,"name":"Desk Wire"},"title":"Halden jumps 6% after upgrade",'
            '"description":"Halden Corp finished Monday at $41.30, after touching $42.05 intraday.","publishedAt":"2021-04-12T21:00:00Z"},\n'
            '{"t": "2021-04-12", "o": 39.10, "c": 41.30}\n]}')
    read = reading_text(text)
    assert len(read) == len(text)
    lines = [line.strip() for line in read.splitlines()]
    assert "Halden jumps 6% after upgrade" in lines
    assert "Halden Corp finished Monday at $41.30, after touching $42.05 intraday." in lines
    assert read.index("$41.30") == text.index("$41.30")
    assert '{"t": "2021-04-12", "o": 39.10, "c": 41.30}' in read  # a price bar's object is left for the row reader


def test_a_unit_hyphenated_across_a_column_line_reads_percent():
    text = "Shares of Initech climbed 2.4 per-\ncent on the news.\n"
    read = reading_text(text)
    assert len(read) == len(text) and "2.4 percent" in read
    # a hyphenated word that is not the unit is left as written
    assert "per-" in reading_text("It cost 3 per-\nson at the door.\n")


def test_a_pasted_news_api_dump_reads_its_prose_fields_as_paragraphs_with_offsets_and_item_dates():
    from verifier.dates import dated_section_at
    from verifier.extract.structure import json_layout, quotable, reading_text

    text = ('{"articles":[{"source":{"id":null,"name":"Quill Wire"},"title":"Initech slips 3% as orders cool",'
            '"description":"Initech shares closed at $41.20 on Monday, the weakest finish this month.",'
            '"publishedAt":"2021-03-08T21:05:00Z","content":"Initech shares closed at $41.20 on Monday. The maker said '
            'it expects $2.1 bil\\u2026 [+912 chars]"},\n{"title":"Initech rises 1.5% to $42.50 after \\"solid\\" call",'
            '"description":"The stock gained on Tuesday after the call.","publishedAt":"2021-03-09T21:02:00Z"}]}')
    read = reading_text(text)
    assert len(read) == len(text)
    for phrase in ("Initech slips 3% as orders cool", "Initech shares closed at $41.20 on Monday, the weakest finish this month."):
        i = text.index(phrase)
        assert read[i : i + len(phrase)] == phrase  # the words at their own offsets
        assert read[i - 1] == "\n"  # each field its own paragraph
    assert '"description"' not in read and "Quill Wire" not in read  # keys and names are not read
    assert "$2.1 bil" not in read and "[+912 chars]" not in read  # a figure the API cut short is not read
    assert 'after  "solid"  call' in read  # an escaped quotation mark reads as the mark
    first, second = text.index("Initech slips"), text.index("Initech rises")
    assert dated_section_at(read, first).day.isoformat() == "2021-03-08"
    assert dated_section_at(read, second).at.hour == 16  # 21:02 UTC is 16:02 in New York (EST until 14 March)
    escaped = text.index('\\"solid')
    assert not quotable(text, escaped - 5, escaped + 5) and quotable(text, first, first + 10)
    assert json_layout(text) is not None


def test_prose_and_bracketed_lines_are_no_json_dump():
    from verifier.extract.structure import json_layout, reading_text

    for text in ('[4:02 PM] Initech rose 2% to $41.20 "on heavy volume", traders said.',
                 '{Note} Initech "closed" at $41.20: the stock rose 2%, its best day.',
                 '"Initech rose 2%," the trader said: "a good day."'):
        assert json_layout(text) is None
        assert reading_text(text) == text


def test_a_label_that_opens_with_its_window_length_is_a_label_value_line():
    text = "\u2551 52-wk low: 41.20      \u2551\n12-month high: $77.10\n3 things to know: the stock fell\n"
    kinds = [(b.kind, text[b.span.start : b.span.end].strip("\u2551 ")) for b in blocks(text)]
    assert kinds[0] == ("label_value", "52-wk low: 41.20")
    assert kinds[1] == ("label_value", "12-month high: $77.10")
    assert kinds[2][0] != "label_value"


def test_a_ranked_list_entry_line_is_a_heading():
    # lower-case words after the colon ("up 6.2% for the year") keep it from reading as title case
    text = "#3 \u2014 Initech Corp: up 6.2% for the year\n\nThe software maker had a quiet year.\n"
    assert [b.kind for b in blocks(text)][0] == "heading"
    # a numbered sentence in prose is not one
    assert blocks("#3 is the best pick we have, since it rose.\n")[0].kind != "heading"


def test_a_column_label_with_its_unit_in_brackets_is_still_a_header():
    # "Vol(000)", "Sales ($m)": the digits are the column's scale, not a figure of a row
    text = "Issue         Close    Chg     Pct     Vol(000)\nHalden Cp     41.15   +1.10   +2.7      8,114\n"
    rows = layout(text)
    assert rows[0][0] == "table_row" and rows[0][2] == ["Issue", "Close", "Chg", "Pct", "Vol(000)"]
    assert rows[1][3] == ["Issue", "Close", "Chg", "Pct", "Vol(000)"]
    # a row whose cells hold figures is never a header
    assert layout("Halden Cp (12)   41.15   +1.10\n")[0][3] == []


def test_a_column_labelled_as_a_percentage_reads_its_bare_figures_as_percentages():
    assert classify_cell("%Chg Halden", "+2.7")[0] == "move:day"
    assert classify_cell("Pct chg", "-0.4")[0] == "move:day"
    assert classify_cell("Chg %", "+2.7")[0] == "move:day"
    assert classify_cell("Chg", "+1.10")[0] is None          # the change in dollars: no move percentage
    assert classify_cell("% of float", "+2.7")[0] is None


def test_reading_text_reads_a_redline_as_its_final_text():
    text = ("Revenue rose [deleted: 12%] [inserted: 14%] to $3.1 billion.\n"
            "[deleted: Halden cut 900 jobs in\nMarch.] [inserted: Halden hired 300 people.]\n"
            "Margins were [-flat-] {+up 2 points+} and ~~the stock fell 4%~~ shares held; {--no--}{++a++} gain.\n")
    read = reading_text(text)
    assert len(read) == len(text)
    assert " ".join(read.split()) == ("Revenue rose 14% to $3.1 billion. Halden hired 300 people. "
                                      "Margins were up 2 points and shares held; a gain.")
    # a deletion on a hard-wrapped line leaves no gap that would read as a table's cells: the wrap still joins
    wrapped = ("Halden said on Tuesday that net income for the year came to about $4.1 billion, compared with\n"
               "$3.2 billion, or [deleted: $1.10] [inserted: $1.12] a share, in the year before, as costs fell.\n")
    assert "\n" not in reading_text(wrapped).rstrip("\n")
    # an inserted figure reads flush against the words after it: the closing mark leaves no gap inside "$7.74 billion"
    money = "Quarterly sales were [-$4.41-]{+$4.47+} billion and [deleted: 6%] [inserted: 8%] higher.\n"
    read = reading_text(money)
    assert len(read) == len(money) and "$4.47 billion" in read and "8% higher" in read
    # brackets that are no redline stay as written
    plain = "Shares rose [sic] 4% [1] on Monday."
    assert reading_text(plain) == plain


def test_a_csv_export_is_a_table_whose_header_labels_each_rows_cells():
    text = ('Our sheet, as exported:\n'
            '"day","name","close_px","chg_pct","note"\n'
            '"2026-03-09","Halden","41.15","+2.4","beat, raised"\n'
            '"2026-03-10","Halden","","-0.9",""\n'
            '2026-03-11,Initech,12.30,+1.1,quiet\n')
    rows = [b for b in blocks(text) if b.kind == "table_row"]
    assert rows[0].extra.get("role") == "header" and [c.of(text) for c in rows[0].cells] == ["day", "name", "close_px", "chg_pct", "note"]
    assert [c.of(text) for c in rows[1].cells] == ["2026-03-09", "Halden", "41.15", "+2.4", "beat, raised"]
    # an empty field is no cell, and the cells keep their own columns' labels
    assert [c.of(text) for c in rows[2].cells] == ["2026-03-10", "Halden", "-0.9"]
    assert [h.of(text) for h in rows[2].header] == ["day", "name", "chg_pct"]
    assert [c.of(text) for c in rows[3].cells] == ["2026-03-11", "Initech", "12.30", "+1.1", "quiet"]
    assert classify_cell("close_px Halden", "41.15")[0] == "price:close"
    assert classify_cell("chg_pct Halden", "+2.4")[0] == "move:day"
    # an aligned statement's thousands separators are no CSV fields
    aligned = ("Date        Qty     Price       Principal\n11/14/2017  100     101.8500    10,185.00      4.95    10,180.05\n"
               "11/21/2017  200     89.1000     17,820.00      4.95    17,824.95\n")
    assert all(b.extra.get("form") != "csv" for b in blocks(aligned))
    assert all(b.extra.get("form") != "csv" for b in blocks("Shares\n1,271,000\n1,298,000,100\n"))
    # prose with commas is no CSV
    assert [b.kind for b in blocks("Halden rose, Initech fell, and Acme was flat.\nThen, later, it closed.\n")] == ["paragraph", "paragraph"]


def test_an_inserted_figure_of_a_redline_is_read_with_its_unit_and_quoted_whole():
    from tests.rules_helpers import rule_claims

    text = ("Halvex (HLVX) results, draft comparison.\n\n"
            "  * Quarterly net revenues were [-$4.41-]{+$4.47+} billion, up 6 percent.\n")
    (claim,) = [c for c in rule_claims(text, "2031-02-03T07:00:00-05:00") if c.kind == "financial_metric"]
    assert claim.fields.value == 4.47e9
    assert "{+$4.47+} billion" in claim.quote or claim.quote.startswith("{+$4.47")


def test_a_quote_on_a_moved_insertion_is_taken_whole_from_the_text_as_written():
    from verifier.extract.structure import source_span

    text = "Sales rose [inserted: AWS grew 30% to $9 billion.] Margins held {+at 31%+} today.\n"
    read = reading_text(text)
    aws = read.index("AWS")
    assert source_span(text, aws, read.index("billion") + 7) == (text.index("[inserted"), text.index("]") + 1)
    at = read.index("at 31%")
    assert text[slice(*source_span(text, at, read.index("31%") + 3))] == "{+at 31%+}"
    # a span clear of any insertion is the same span
    assert source_span(text, 0, 10) == (0, 10)


def test_reading_text_reads_no_figure_in_a_telephone_number():
    text = "Contacts: Investors, +1 650 555 0142; Media, (650) 555-0199 or 1-800-555-0100. Halvex employs 9,800 people.\n"
    read = reading_text(text)
    assert len(read) == len(text) and "555" not in read and "9,800 people" in read
    # figures that only look alike stay: a range, a ticker's move, a dated day
    plain = "Shares rose 2.5% to $1 408.50 on 2031-03-04; the 2030-2031 range held.\n"
    assert reading_text(plain) == plain
