"""The layers under the kind readers, seen through the rule engine: entry stamps, alert lines,
estimate columns and documents written with decimal commas."""

from __future__ import annotations

import datetime as dt

from verifier.schemas import Claim
from tests.rules_helpers import rule_claims


def extract(text: str, published: str) -> list[Claim]:
    return rule_claims(text, published)


def fields(claims: list[Claim], kind: str) -> list[dict]:
    return [c.fields.model_dump(exclude_none=True) for c in claims if c.kind == kind]


def test_a_dated_alert_line_gives_its_day_to_the_close_and_the_change():
    text = (
        "Alerts: NVDA\nDigest sent Wed, 11 Mar 2026 14:00 UTC\n\n"
        "[Mon 09 Mar 2026 \u00b7 16:00 ET] CLOSE NVDA $181.20 (+2.4%)\n"
        "[Tue 10 Mar 2026 \u00b7 16:00 ET] CLOSE NVDA $178.05 (-1.7%)\n"
    )
    claims = extract(text, "2026-03-11T14:00:00+00:00")
    prices = fields(claims, "stock_price")
    moves = fields(claims, "price_change")
    assert [(p["price"], p["basis"], p["date"]) for p in prices] == [
        (181.20, "close", dt.date(2026, 3, 9)), (178.05, "close", dt.date(2026, 3, 10))]
    assert [(m["percent"], m["period"], m["date"]) for m in moves] == [
        (2.4, "day", dt.date(2026, 3, 9)), (-1.7, "day", dt.date(2026, 3, 10))]


def test_an_entry_stamp_day_resolves_today_inside_the_entry():
    text = (
        "Alerts: NVDA\nDigest sent Fri, 13 Mar 2026 14:00 UTC\n\n"
        "[Wed 11 Mar 2026 \u00b7 09:35 ET] Nvidia opened at $176.40 today.\n"
    )
    prices = fields(extract(text, "2026-03-13T14:00:00+00:00"), "stock_price")
    assert [(p["price"], p["basis"], p.get("date")) for p in prices] == [(176.40, "open", dt.date(2026, 3, 11))]


def test_an_undated_entry_stamp_dates_nothing():
    text = "LIVE: Nvidia results\nLast updated: Mar 11, 2026 6:30 PM ET\n\n16:20 ET - Nvidia shares fell 6% after hours to $168.\n"
    prices = fields(extract(text, "2026-03-11T18:30:00-04:00"), "stock_price")
    assert all("date" not in p for p in prices)


def test_estimate_columns_are_forecasts_and_actual_columns_name_their_year():
    text = (
        "Broker note: Nvidia (NVDA)\nPublished Mar 2, 2026 07:30 ET\n\n"
        "| | FY2025A | FY2026E |\n|---|---|---|\n| Revenue | $130.5B | $190.0B |\n"
    )
    claims = [c for c in extract(text, "2026-03-02T07:30:00-05:00") if c.kind == "financial_metric"]
    got = [(c.fields.value, c.fields.period, c.attribution) for c in claims]
    assert got[0][:2] == (130.5e9, "FY2025") and got[0][2] != "forecast"
    assert got[1] == (190.0e9, "FY2026", "forecast")


def test_a_target_in_a_rating_box_is_not_a_share_price():
    text = "Broker note: Nvidia (NVDA)\nPublished Mar 2, 2026 07:30 ET\n\nRating: Buy\nPrice target: $240 (prior: $220)\n"
    assert not fields(extract(text, "2026-03-02T07:30:00-05:00"), "stock_price")


def test_a_bullets_day_label_dates_every_sentence_of_the_bullet():
    text = (
        "Weekly wrap\nSaturday, March 14, 2026 \u00b7 9:00 AM ET\n\n"
        "\U0001f53b Tue: Regulators opened a probe. Nvidia fell 4.1% to $172.30 on the news.\n"
    )
    claims = extract(text, "2026-03-14T09:00:00-04:00")
    assert [p["date"] for p in fields(claims, "stock_price")] == [dt.date(2026, 3, 10)]
    assert [p["date"] for p in fields(claims, "price_change")] == [dt.date(2026, 3, 10)]


def test_an_aligned_estimate_table_matches_header_and_figures_by_column():
    text = (
        "Broker note: Nvidia (NVDA)\nPublished Mar 2, 2026 07:30 ET\n\n"
        "            FY2024A    FY2025A    FY2026E\nRevenue     $60.9B     $130.5B    $190.0B\n"
    )
    claims = [c for c in extract(text, "2026-03-02T07:30:00-05:00") if c.kind == "financial_metric"]
    assert [(c.fields.value, c.fields.period, c.attribution == "forecast") for c in claims] == [
        (60.9e9, "FY2024", False), (130.5e9, "FY2025", False), (190.0e9, "FY2026", True)]


def test_a_header_that_stands_over_no_figure_names_no_period():
    text = (
        "Broker note: Nvidia (NVDA)\nPublished Mar 2, 2026 07:30 ET\n\n"
        "FY2024A    FY2025A\nRevenue                      $60.9B     $130.5B\n"
    )
    claims = [c for c in extract(text, "2026-03-02T07:30:00-05:00") if c.kind == "financial_metric"]
    assert all(c.fields.period is None for c in claims)


def test_a_labelled_cell_reads_its_price_after_the_label_not_the_label_digits():
    text = "Initech (INTC) quote\n\n12-month low: 41.20   Beta: 1.1\n"
    prices = fields(extract(text, "2024-03-05T15:00:00-05:00"), "stock_price")
    assert [(p["price"], p["basis"], p.get("window")) for p in prices] == [(41.20, "low", "52_week")]


def test_a_feed_row_headline_naming_a_firm_is_an_analyst_action_dated_by_its_row():
    feed = ("Mon, 06 Mar 2017 08:10:00 -0500 | Wiredesk | Halden Inc. opens flat ahead of the investor day\n"
            "Tue, 07 Mar 2017 09:41:00 -0500 | Streetnotes | Jefferies Upgrades Halden Inc. to Buy, Sets $64.00 Target\n")
    found = [c for c in extract(feed, "2017-03-08T12:00:00-05:00") if c.kind == "analyst_rating"]
    assert [(c.fields.firm, c.fields.rating, c.fields.price_target, str(c.fields.date)) for c in found] == [
        ("Jefferies", "Buy", 64, "2017-03-07")]


def test_a_journal_entry_dates_its_today_and_its_undated_close_to_the_entry_day():
    text = (
        "My fund diary\nWritten up on Saturday, March 14, 2026, 11:00 AM ET\n\n"
        "TUE MAR 10, 2026\nMicrosoft slid 2.2% today. It closed at $391.40.\n\n"
        "THU MAR 12, 2026\nMicrosoft jumped 3.1% today.\n"
    )
    claims = extract(text, "2026-03-14T11:00:00-04:00")
    moves = fields(claims, "price_change")
    prices = fields(claims, "stock_price")
    assert [(m["percent"], m["date"]) for m in moves] == [(-2.2, dt.date(2026, 3, 10)), (3.1, dt.date(2026, 3, 12))]
    assert [(p["price"], p["date"]) for p in prices] == [(391.40, dt.date(2026, 3, 10))]


def test_a_quoted_e_mail_speaks_on_its_own_sent_day():
    text = (
        "From: Ana Lee\nSent: Thursday, May 7, 2026 9:05 AM\nSubject: FW: NVDA\n\nSee below.\n\n"
        "-----Original Message-----\nFrom: Raj Patel\nSent: Tuesday, May 5, 2026 5:30 PM\nSubject: NVDA\n\n"
        "> Nvidia fell 4.1% today.\n"
    )
    claims = extract(text, "2026-05-07T09:05:00-04:00")
    assert [(m["percent"], m["date"]) for m in fields(claims, "price_change")] == [(-4.1, dt.date(2026, 5, 5))]


def test_markdown_bold_figures_and_dot_leaders_are_read_like_plain_text():
    digest = ("- Halden reported Q2 FY2026 revenue of **$4.1 billion**, up 7% year over year.\n"
              "- Halden employs about **23,000** people.\n")
    found = fields(extract(digest, "2026-01-30T17:25:04+01:00"), "financial_metric")
    assert [(f["metric"], f["value"]) for f in found] == [("revenue", 4.1e9)]
    assert [f["count"] for f in fields(extract(digest, "2026-01-30T17:25:04+01:00"), "workforce")] == [23000]
    proxy = ("For the fiscal year ended June 30, 2025:\n\n"
             "   Total revenue .................... $4.1 billion, up 7% year over year\n"
             "   Diluted earnings per share ....... $1.27\n"
             "   Employees (full-time) ............ approximately 23,000\n")
    claims = extract(proxy, "2026-01-30T17:25:04+01:00")
    assert [(f["metric"], f["value"]) for f in fields(claims, "financial_metric")] == [("revenue", 4.1e9), ("eps", 1.27)]
    assert [f["count"] for f in fields(claims, "workforce")] == [23000]
    # dots that lead to no figure stay as written: no claim is made up from a table of contents
    assert extract("Results of operations ........ page 12\n", "2026-01-30T17:25:04+01:00") == []


def test_an_insider_table_with_two_digit_years_reads_each_rows_fill_price_on_its_day():
    text = (
        "Microsoft insider filings\n\n"
        "  Filer (role)          Date      Code  Shares   Avg. price\n"
        "  --------------------  --------  ----  -------  ----------\n"
        "  EVP, Operations       11/03/25  S      8,000     $512.40\n"
        "  Director              13/03/25  P      1,000     $498.00\n"
    )
    prices = fields(extract(text, "2025-11-20T12:00:00+00:00"), "stock_price")
    # "13/03/25" is no US month/day: that row names no day, so its price is not read
    assert [(p["price"], p["basis"], p["date"]) for p in prices] == [(512.40, "intraday", dt.date(2025, 11, 3))]


def test_a_two_line_header_gives_a_proxy_tables_grant_day_close():
    text = (
        "Microsoft proxy statement\n\n"
        "                   Award        Closing price\n"
        "  Officer          date         on award date\n"
        "  ---------------  -----------  -------------\n"
        "  Chief Counsel    03/02/2021   $61.40\n"
    )
    prices = fields(extract(text, "2021-10-20T12:00:00+00:00"), "stock_price")
    assert [(p["price"], p["basis"], p["date"]) for p in prices] == [(61.40, "close", dt.date(2021, 3, 2))]


def test_a_research_notes_price_box_dates_its_close_by_a_two_digit_year_and_skips_the_phone():
    text = (
        "Brookfield Hall Research    Equity Research\n\n"
        "Microsoft Corp. (MSFT)\n\n"
        "Key data                    Analyst\n"
        "Price (07-Oct-21 close)     US$294.85        +44 20 7946 0321\n"
    )
    prices = fields(extract(text, "2021-10-08T11:00:00+00:00"), "stock_price")
    assert [(p["price"], p["basis"], p["date"]) for p in prices] == [(294.85, "close", dt.date(2021, 10, 7))]


def test_a_league_tables_symbol_column_and_its_defined_start_price_column():
    text = (
        "Office stock-picking contest, week 3\n\n"
        "Reminder: start prices are the Jan. 2, 2026 close, and returns run year to date.\n\n"
        "  PLACE  NAME        SYMBOL    START      YTD\n"
        "  1      priya       MSFT      $472.10    +2.2%\n"
        "  2      tom         NOW       $152.30    -1.4%\n"
    )
    claims = extract(text, "2026-01-24T12:00:00+00:00")
    prices = [(c.ticker, c.fields.price, c.fields.basis, c.fields.date) for c in claims if c.kind == "stock_price"]
    # "NOW" is a word and a ticker: in the symbol column it is the row's company, never the row above's
    assert prices == [("MSFT", 472.10, "close", dt.date(2026, 1, 2)), ("NOW", 152.30, "close", dt.date(2026, 1, 2))]
    moves = [(c.ticker, c.fields.percent) for c in claims if c.kind == "price_change"]
    assert moves == [("MSFT", 2.2), ("NOW", -1.4)]


def test_a_statement_rows_fill_is_a_price_of_its_day_and_its_date_digits_are_no_prices():
    text = (
        "Halden Corp (HLDN) account activity\n\n"
        "Trade Date  Time        Action        Qty     Symbol  Exec. Price   Principal      Comm.\n"
        "03/02/2021  10:12:40    BOUGHT        40      HLDN    57.1500       2,286.00       4.95\n"
        "03/04/2021  09:40:02    NOTICE        -       HLDN    last 58.2000  (gap vs prior close)\n"
    )
    prices = fields(extract(text, "2021-03-31T18:00:00-04:00"), "stock_price")
    assert (57.15, "intraday", dt.date(2021, 3, 2)) in [(p["price"], p["basis"], p.get("date")) for p in prices]
    assert not [p for p in prices if p["price"] in (3.0, 2.0, 4.0, 10.0, 9.0, 40.0)]


def test_a_news_api_item_after_the_close_dates_its_undated_move():
    from tests.rules_helpers import rule_claims

    text = ('{"status":"ok","articles":[\n'
            '{"title":"Apple slides 3.1% to $201.40 on supply worries","publishedAt":"2026-03-10T21:30:00Z"},\n'
            '{"title":"Apple edges up 0.4% in early trade","publishedAt":"2026-03-09T14:45:00Z"}\n]}')
    claims = rule_claims(text, "2026-03-10T21:30:00+00:00")
    slide = next(c for c in claims if c.kind == "price_change" and c.fields.percent == -3.1)
    assert slide.fields.date == dt.date(2026, 3, 10)
    price = next(c for c in claims if c.kind == "stock_price")
    assert price.fields.date == dt.date(2026, 3, 10)
    # an item published during the session gives no session its figure by default
    early = next(c for c in claims if c.kind == "price_change" and c.fields.percent == 0.4)
    assert early.fields.date != dt.date(2026, 3, 10)


def test_a_watchlist_row_gives_the_price_its_move_reached():
    text = ("Your watchlist tonight\n\n"
            "  NVDA   Nvidia Corp        +3.2%   $181.20\n"
            "  AMZN   Amazon.com         -1.1%   $228.05\n\n"
            "See you tomorrow.\n")
    claims = extract(text, "2026-03-10T17:30:00-04:00")
    assert [(p["price"], p["basis"]) for p in fields(claims, "stock_price")] == [(181.20, "unspecified"), (228.05, "unspecified")]
    # a price cell with words of its own is not the move's price
    text = "Your watchlist tonight\n\n  NVDA   Nvidia Corp        +3.2%   target $240\n  AMZN   Amazon.com   -1.1%   $228.05 pre\n"
    assert fields(extract(text, "2026-03-10T17:30:00-04:00"), "stock_price") == []


def test_an_alert_log_line_with_a_clock_time_is_read_as_a_sentence():
    text = "Alerts that fired today\n\n  10:05 AM   NVDA traded above $185\n  2:40 PM    AMZN dipped below $225\n\nRe-arm them in the app.\n"
    prices = fields(extract(text, "2026-03-10T17:30:00-04:00"), "stock_price")
    assert [(p["price"], p["basis"]) for p in prices] == [(185.0, "intraday"), (225.0, "intraday")]


def test_a_footnote_list_entry_is_a_source_not_a_claim():
    text = ("Halden Corp (HLDN) short update\n\nHalden reported third-quarter results on October 29, 2025.[1]\n\nNOTES\n\n"
            "[1] Halden Corp., third-quarter 2025 results release, October 29, 2025.\n"
            "[2] Halden Corp. press release, November 3, 2025.\n")
    events = fields(extract(text, "2025-11-12T09:00:00-05:00"), "scheduled_event")
    assert [e["date"] for e in events] == [dt.date(2025, 10, 29)]
    # a lone bracketed line is no list: it is read as the sentence it is
    text = "Halden Corp (HLDN) desk note\n\n[1] Halden reported third-quarter results on October 29, 2025.\n\nMore soon.\n"
    assert [e["date"] for e in fields(extract(text, "2025-11-12T09:00:00-05:00"), "scheduled_event")] == [dt.date(2025, 10, 29)]


def test_an_agate_table_reads_its_percent_column_of_bare_figures_as_the_day_moves():
    text = (
        "Harbor Ledger, Thursday, March 12, 2026, 7:00 p.m. ET\n\n"
        "Closing prices Thursday, March 12.\n\n"
        "Issue          Last     Chg    %Chg    Vol(00)\n"
        "Nvidia       181.20   +4.25    +2.4     91,350\n"
        "Intel         41.15    -.36    -0.9     40,112\n"
    )
    moves = fields(extract(text, "2026-03-12T19:00:00-04:00"), "price_change")
    assert sorted(m["percent"] for m in moves) == [-0.9, 2.4]
    assert all(m["period"] == "day" for m in moves)


def test_a_csv_export_reads_each_rows_close_and_move_by_its_columns_and_date():
    text = (
        "Desk notes, Wednesday, March 11, 2026, 7:00 p.m. ET\n\n"
        '"day","name","close_px","chg_pct","note"\n'
        '"2026-03-09","Nvidia","181.20","+2.4","results after the close; guidance raised"\n'
        '"2026-03-10","Nvidia","","-0.9",""\n'
    )
    claims = extract(text, "2026-03-11T19:00:00-04:00")
    prices = fields(claims, "stock_price")
    moves = fields(claims, "price_change")
    assert [(p["price"], p["basis"], p["date"]) for p in prices] == [(181.20, "close", dt.date(2026, 3, 9))]
    assert [(m["percent"], m["period"], m["date"]) for m in moves] == [(2.4, "day", dt.date(2026, 3, 9)), (-0.9, "day", dt.date(2026, 3, 10))]


def test_a_csv_export_of_actions_still_reads_its_company_rows_by_their_columns():
    # a tracker mixing analysts' rows and the company's own rows (a dash or blank in the firm column): the company's
    # rows are no action, but their close, move and event are read by the header's columns, dated by the row's day
    text = (
        "Desk notes on Halvex (HLVX), Friday, March 13, 2026, 7:00 p.m. ET\n\n"
        '"date","firm","action","rating","target_usd","close_usd","day_chg_pct","note"\n'
        '"2026-03-02","Citigroup","maintains","Buy","60","","",""\n'
        '"2026-03-10","-","earnings","","","44.10","-2.15","results after the close"\n'
        '"2026-03-12","","price","","","","+1.80",""\n'
    )
    claims = extract(text, "2026-03-13T19:00:00-04:00")
    # a firm cell naming the company itself is such a row too
    marked = extract(text.replace('"2026-03-10","-"', '"2026-03-10","(company)"'), "2026-03-13T19:00:00-04:00")
    assert [c.fields.date for c in marked if c.kind == "scheduled_event"] == [dt.date(2026, 3, 10)]
    prices = fields(claims, "stock_price")
    moves = fields(claims, "price_change")
    events = fields(claims, "scheduled_event")
    assert [(p["price"], p["basis"], p["date"]) for p in prices] == [(44.10, "close", dt.date(2026, 3, 10))]
    assert [(m["percent"], m["date"]) for m in moves] == [(-2.15, dt.date(2026, 3, 10)), (1.8, dt.date(2026, 3, 12))]
    assert [(e["event"], e["date"]) for e in events] == [("earnings", dt.date(2026, 3, 10))]
    (rating,) = fields(claims, "analyst_rating")
    assert (rating["firm"], rating["rating"]) == ("Citigroup", "Buy")
    # the export's actions are about the stock the notes are on, as its prices are
    assert {c.ticker for c in claims} == {"HLVX"}
