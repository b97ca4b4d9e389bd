"""Share prices and price moves as real copy words them: wire, desk, social, live-blog and translated
wording, each rule with a negative example; and the checks of the fields those readings carry
(a window's high or low, the clock time of a live-blog entry, a day given only relative to an event).

Sentences are written for these tests (not copied from any corpus).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from verifier.check import CheckContext, check_claim
from verifier.dates import parse_datetime_arg
from verifier.extract.numbers import find_money
from verifier.market.base import Bar, PriceHistory, Provenance, TickerData
from verifier.market.snapshot import Snapshot
from verifier.schemas import Claim
from tests.rules_helpers import rule_claims

PUBLISHED = "2026-01-30T17:25:04+01:00"  # Friday 30 January 2026, 11:25 in New York
EXAMPLE = Path(__file__).resolve().parent.parent / "fixtures" / "market" / "amzn-2026-01.json"
D = dt.date


def extract(text: str, published: str | None = PUBLISHED) -> list[Claim]:
    return rule_claims(text, published)


def kinds(text: str, kind: str, published: str | None = PUBLISHED) -> list[Claim]:
    return [c for c in extract(text, published) if c.kind == kind]


def only(text: str, kind: str, published: str | None = PUBLISHED) -> Claim:
    found = kinds(text, kind, published)
    assert len(found) == 1, [(c.kind, c.quote, c.fields) for c in extract(text, published)]
    return found[0]


# --------------------------------------------------------------------------- share prices: the wording


@pytest.mark.parametrize(
    "text, price, basis, direction",
    [
        ("Netflix shares rose 2.1%, finishing at $1,012.40.", 1012.40, "close", "up"),
        ("Shares of Boeing were settling at $181.05 late in the session.", 181.05, "close", None),
        ("Intel stock was last at $21.37.", 21.37, "intraday", None),
        ("Pfizer shares sat at $26.10 around midday.", 26.10, "intraday", None),
        ("Ford shares are now at $11.42.", 11.42, "intraday", None),
        ("Shares of Walmart sank as low as $91.20 on Thursday.", 91.20, "low", "down"),
        ("Costco shares rose as high as $955.00 on Thursday.", 955.00, "high", "up"),
        ("Oracle shares pulled back to $171.30.", 171.30, "unspecified", "down"),
        ("The stock jumped nearly 7% to a record $150.20.", 150.20, "unspecified", "up"),
        ("Shares in Unilever were 2.1% higher at $61.30.", 61.30, "intraday", "up"),
        ("Coca-Cola shares were flat at $70.02.", 70.02, "unspecified", "unchanged"),
        ("At one point the Siemens share had cost 187.50 dollars.", 187.50, "intraday", None),
        ("Shares of Merck were trading lower on Wednesday, at roughly $98 a share.", 98.0, "unspecified", "down"),
    ],
)
def test_price_wording(text, price, basis, direction):
    f = only(text, "stock_price").fields
    assert (f.price, f.basis, f.direction) == (price, basis, direction)


def test_an_appositive_price_takes_the_day_and_move_of_its_sentence():
    f = only("Shares of Merck were trading lower on Wednesday, at roughly $98 a share.", "stock_price").fields
    assert (f.date, f.direction) == (D(2026, 1, 28), "down")
    # a second price with its own verb keeps its own reading
    closed = kinds("Merck closed at $97.10 on Wednesday and now trades at $98.40.", "stock_price")
    assert [(c.fields.price, c.fields.date) for c in closed] == [(97.10, D(2026, 1, 28)), (98.40, None)]


def test_a_price_a_share_at_the_close_is_a_close_of_the_stock_in_focus():
    text = "Nike shares split 2-for-1 in 2015. Holders before that paid $131.40 a share at the close on Friday, Dec. 18."
    f = only(text, "stock_price").fields
    assert (f.price, f.basis) == (131.40, "close")


@pytest.mark.parametrize(
    "text",
    [
        "Nike priced its offering at $20 a share.",  # an issue price
        "Nike agreed to buy back stock at $90 a share.",  # a buyback price
        "The company sold the unit for $2 billion.",
        "Nike's fiscal-year EPS came in at $3.10 a share.",
    ],
)
def test_prices_that_are_not_quotes_of_the_stock(text):
    assert kinds(text, "stock_price") == []


def test_a_decimal_comma_is_read_in_translated_copy():
    f = only("The BASF share closed at 48,73 dollars.", "stock_price").fields
    assert (f.price, f.currency, f.basis) == (48.73, "USD", "close")
    assert [(m.value, m.currency) for m in find_money("bei 1.241,73 US-Dollar und EUR 210,50")] == [(1241.73, "USD"), (210.5, "EUR")]
    # an English thousands group stays one: "$1,241" is 1241, not 1.241
    assert [m.value for m in find_money("a $1,241 fee and $1,208.90")] == [1241.0, 1208.90]


def test_a_52_week_high_carries_its_window():
    f = only("Visa trades just below its 52-week high of $375.10.", "stock_price").fields
    assert (f.price, f.basis, f.window) == (375.10, "high", "52_week")
    day = only("Visa hit an all-time high of $375.10 on Thursday.", "stock_price").fields
    assert (day.basis, day.window, day.date) == ("high", "all_time", D(2026, 1, 29))
    assert only("Visa hit a high of $375.10 on Thursday.", "stock_price").fields.window is None


def test_a_52_week_range_cell_gives_two_window_prices():
    text = "| Field | Value |\n|---|---|\n| Last close | $345.10 |\n| 52-week range | $264.08 - $375.10 |\n"
    found = [(c.fields.basis, c.fields.price, c.fields.window) for c in kinds(text, "stock_price")]
    assert found == [("close", 345.10, None), ("low", 264.08, "52_week"), ("high", 375.10, "52_week")]


def test_a_live_blog_entry_times_its_prices():
    text = "Live: markets\n\n10:42 ET - Visa shares are trading at $345.10, up 1.2%.\n\n11:05 ET - Visa is down 0.4% at $340.00.\n"
    prices = kinds(text, "stock_price")
    assert [(c.fields.price, c.fields.time) for c in prices] == [(345.10, dt.time(10, 42)), (340.00, dt.time(11, 5))]
    moves = kinds(text, "price_change")
    assert [(c.fields.percent, c.fields.time) for c in moves] == [(1.2, dt.time(10, 42)), (-0.4, dt.time(11, 5))]
    inline = only("Visa shares were down 0.6% at $338.55 as of 2:30 p.m. ET.", "stock_price").fields
    assert inline.time == dt.time(14, 30)
    # a clock time that is not an entry stamp or an "as of" time is not the time of the price
    assert only("Visa, which reports at 4:05 p.m., trades at $338.55.", "stock_price").fields.time is None


# --------------------------------------------------------------------------- price moves: the wording


@pytest.mark.parametrize(
    "text, percent",
    [
        ("$NFLX ripped 9% today.", 9.0),
        ("$NFLX dumped 6% after hours.", -6.0),
        ("Netflix gave back 3.1% on Wednesday.", -3.1),
        ("Netflix inched up 0.4% on Wednesday.", 0.4),
        ("Netflix suffered a crash of 5.9 percent on Wednesday.", -5.9),
        ("Netflix shares are up like 9% on the day.", 9.0),
        ("The Netflix share lost on the next trading day 2.5 percent.", -2.5),
    ],
)
def test_move_wording(text, percent):
    assert only(text, "price_change").fields.percent == percent


def test_after_hours_without_a_hyphen_is_one_session():
    assert only("$NFLX dumped 6% after hours.", "price_change").fields.period == "day"


def test_a_figure_before_its_verb():
    f = only("Netflix is still short of the 14% it gained the day after earnings.", "price_change").fields
    assert (f.percent, f.date, f.time_reference) == (14.0, None, "the day after earnings")
    assert kinds("Netflix revenue beat the 14% analysts expected.", "price_change") == []


def test_a_shared_verb_carries_to_the_next_figure():
    moves = kinds("Netflix fell 3% Monday and another 2% Tuesday.", "price_change")
    assert [(c.fields.percent, c.fields.date) for c in moves] == [(-3.0, D(2026, 1, 26)), (-2.0, D(2026, 1, 27))]
    week = kinds("Netflix is down 3% on the week and 10% year to date.", "price_change")
    assert [(c.fields.percent, c.fields.period) for c in week] == [(-3.0, "week"), (-10.0, "ytd")]
    # a figure of something else after "and" is not the stock's
    assert [c.fields.percent for c in kinds("Netflix fell 3% and revenue grew 10%.", "price_change")] == [-3.0]


@pytest.mark.parametrize(
    "text",
    [
        "Netflix revenue was up 12% from the previous quarter and up 30% from a year ago.",
        "Netflix subscribers rose 8% compared with the prior quarter.",
    ],
)
def test_growth_against_an_earlier_period_is_not_a_move(text):
    assert kinds(text, "price_change") == []


@pytest.mark.parametrize(
    "text, reference",
    [
        ("Netflix stock is down 8% from its January peak.", "from its January peak"),
        ("Netflix shares have climbed 4.2% over the past five sessions.", "over the past five sessions"),
    ],
)
def test_a_span_the_dates_cannot_place_is_kept_but_not_dated(text, reference):
    f = only(text, "price_change").fields
    assert (f.date, f.period, f.time_reference) == (None, "unspecified", reference)


# --------------------------------------------------------------------------- the checks of these fields


def amzn() -> TickerData:
    return Snapshot.load(EXAMPLE).tickers["AMZN"]


def checked(fields: dict, published: dt.datetime, data: TickerData, precision: str = "time"):
    claim = Claim(id="c1", quote="q", start=0, end=1, ticker=data.ticker, fields=fields)
    return check_claim(claim, CheckContext(published, data, ticker=data.ticker, published_precision=precision))


EVENING = parse_datetime_arg("2026-01-30T18:30:00-05:00")  # after Friday's close


def test_a_window_high_is_never_contradicted_by_a_few_weeks_of_bars():
    result = checked({"kind": "stock_price", "price": 300.0, "basis": "high", "window": "52_week"}, EVENING, amzn())
    assert result.verdict == "unverifiable" and "do not cover" in result.reason
    # without the window the same figure is a session high, and it is wrong
    plain = checked({"kind": "stock_price", "price": 300.0, "basis": "high"}, EVENING, amzn())
    assert plain.verdict == "contradicted"


def _year_of_bars() -> TickerData:
    start = D(2025, 1, 27)
    bars = []
    for i in range(0, 372):
        day = start + dt.timedelta(days=i)
        if day.weekday() >= 5:
            continue
        close = 100 + (i % 50)
        bars.append(Bar(date=day, open=close, high=close + 2, low=close - 2, close=close))
    return TickerData(ticker="YEAR", prices=PriceHistory(bars=bars, provenance=Provenance(source="synthetic")))


def test_a_window_high_is_supported_by_a_year_of_bars_and_otherwise_unverifiable():
    data = _year_of_bars()
    hit = checked({"kind": "stock_price", "price": 151.0, "basis": "high", "window": "52_week"}, EVENING, data)
    assert hit.verdict == "supported" and "52-week high" in hit.reason
    closing = checked({"kind": "stock_price", "price": 149.0, "basis": "high", "window": "52_week"}, EVENING, data)
    assert closing.verdict == "supported" and "close" in closing.reason
    miss = checked({"kind": "stock_price", "price": 180.0, "basis": "high", "window": "52_week"}, EVENING, data)
    assert miss.verdict == "unverifiable" and "does not disprove" in miss.reason
    record = checked({"kind": "stock_price", "price": 180.0, "basis": "high", "window": "all_time"}, EVENING, data)
    assert record.verdict == "unverifiable"


def test_a_live_blog_time_reads_the_price_at_that_minute():
    # 238.00 lies inside Friday's range but not near its close: an evening page must not contradict a 10:42 entry
    timed = checked({"kind": "stock_price", "price": 238.00, "basis": "intraday", "time": "10:42"}, EVENING, amzn())
    assert timed.verdict == "supported" and "10:42" in timed.reason and "range" in timed.reason
    wrong = checked({"kind": "stock_price", "price": 250.00, "basis": "intraday", "time": "10:42"}, EVENING, amzn())
    assert wrong.verdict == "contradicted"
    # a time after the publication itself is not used
    early = parse_datetime_arg("2026-01-30T10:00:00-05:00")
    later = checked({"kind": "stock_price", "price": 238.00, "basis": "intraday", "time": "15:00"}, early, amzn())
    assert "15:00" not in later.reason


def test_a_live_blog_time_reads_the_move_at_that_minute():
    # Friday: previous close 241.73, range 237.64-243.32, close 239.30 (-1.0%); at 10:42 "+0.5%" was possible
    timed = checked({"kind": "price_change", "percent": 0.5, "period": "day", "time": "10:42"}, EVENING, amzn())
    assert timed.verdict == "supported" and "10:42" in timed.reason


def test_a_day_given_only_relative_to_an_event_is_unverifiable():
    move = checked({"kind": "price_change", "percent": 12.0, "period": "day", "time_reference": "the day after earnings"}, EVENING, amzn())
    assert move.verdict == "unverifiable" and "the day after earnings" in move.reason
    price = checked({"kind": "stock_price", "price": 300.0, "time_reference": "on the following day"}, EVENING, amzn())
    assert price.verdict == "unverifiable"


def test_an_intraday_price_in_the_evening_copy_may_be_the_day_range():
    result = checked({"kind": "stock_price", "price": 242.50, "basis": "intraday"}, EVENING, amzn())
    assert result.verdict == "supported" and "range" in result.reason


# --------------------------------------------------------------------------- translated, spoken and quote-line copy


@pytest.mark.parametrize(
    "text, price, basis, direction",
    [
        ("The Starbucks stock is in rise of 3,2 % at 61,50 dollars.", 61.50, "unspecified", "up"),
        ("At the closing, the Starbucks share was worth 61,73 dollars.", 61.73, "close", None),
        ("The Starbucks title finished the session in decline of 1,8 %, at 60,10 dollars.", 60.10, "close", "down"),
        ("So Starbucks' sitting at like 60 bucks right now.", 60.0, "intraday", None),
        ("A share of Starbucks goes for about $60 these days.", 60.0, "unspecified", None),
        ("Starbucks Down 1.1% After Hours At $59.00", 59.0, "unspecified", "down"),
        ("Starbucks (SBUX) $60.10, -2.1%", 60.10, "unspecified", None),
    ],
)
def test_translated_spoken_and_quote_line_prices(text, price, basis, direction):
    f = only(text, "stock_price").fields
    assert (f.price, f.basis, f.direction) == (price, basis, direction)


@pytest.mark.parametrize(
    "text",
    [
        "The Starbucks stake was worth $60 million.",  # a stake's worth, scaled
        "Starbucks' brand is worth about $60 to each shopper.",  # no share is worth it
        "Starbucks revenue rose 3% from a year earlier to $60 per unit.",  # a growth figure's base, not a stock move
    ],
)
def test_worth_and_move_to_without_a_share_are_not_prices(text):
    assert kinds(text, "stock_price") == []


def test_an_arrow_signs_a_quote_line_move():
    assert only("SBUX: $60.10 \u25bc2.1%", "price_change").fields.percent == -2.1
    assert only("SBUX: $60.10 \u25b22.1%", "price_change").fields.percent == 2.1


def test_a_move_against_a_named_close_is_measured_from_it():
    monday = "2026-02-02T12:00:00-05:00"
    f = only("Starbucks shares are changing hands at $60.10, 0.8% below Friday's close.", "price_change", monday).fields
    assert (f.percent, f.period_start) == (-0.8, D(2026, 1, 31))
    prev = only("Starbucks shares trade at $60.10, 2% above the previous close.", "price_change", monday).fields
    assert (prev.percent, prev.period, prev.period_start) == (2.0, "day", None)


def test_a_gap_at_the_open_is_read_at_the_open():
    f = only("Starbucks stock opened 3% higher on Tuesday.", "price_change").fields
    assert (f.percent, f.date, f.time) == (3.0, D(2026, 1, 27), dt.time(9, 30))
    assert only("Starbucks stock rose 3% on Tuesday.", "price_change").fields.time is None


def test_a_span_from_the_start_of_a_month_is_not_one_session():
    f = only("Starbucks stock is down 12.5% since the start of January.", "price_change").fields
    assert (f.date, f.time_reference) == (None, "since the start of January")


def test_wire_copy_gives_the_change_in_money_first():
    claims = extract("Nike's stock added $3.15, or 4.2%, to $78.10.")
    assert sorted((c.kind, c.fields.model_dump().get("price") or c.fields.model_dump().get("percent")) for c in claims) == [
        ("price_change", 4.2), ("stock_price", 78.10)]
    close = only("Nike stock fell $2.10, or 2.6%, to close at $77.90.", "stock_price").fields
    assert (close.price, close.basis, close.direction) == (77.90, "close", "down")
    assert only("Nike shares rose $3.15 to $78.10.", "stock_price").fields.price == 78.10
    # the same shape for a reported figure or a dividend is not the stock's
    assert kinds("Nike's quarterly dividend increased 4 cents, or 11%, to 41 cents.", "price_change") == []
    assert kinds("Nike said its dividend rose $0.05, or 14%, to $0.40 a share.", "stock_price") == []


def test_quote_labels_and_threshold_crossings():
    assert only("ALERT: NKE is up 5.00% today. Last price: $78.10.", "stock_price").fields.basis == "intraday"
    crossed = only("Nike shares climbed above $78.00 in the afternoon.", "stock_price").fields
    assert (crossed.price, crossed.basis) == (78.0, "intraday")
    assert only("$NKE up 4% AH, sitting at $78.10", "price_change").fields.period == "day"


def test_a_ticker_line_dates_its_move_in_the_cell_or_from_a_sibling_base():
    text = ("Desk lines after the close.\n\nNKE US | prev close 78.10 | +2.4% d/d (Jan 27)\n"
            "NKE US | since Jan 2 close of 70.00 | +11.6%\n")
    moves = kinds(text, "price_change")
    assert [(c.fields.percent, c.fields.date, c.fields.period_start) for c in moves] == [
        (2.4, D(2026, 1, 27), None), (11.6, None, D(2026, 1, 3))]


def _with_report(time: str | None) -> TickerData:
    from verifier.market.base import ScheduledEventRecord

    return amzn().model_copy(update={"events": [ScheduledEventRecord(event="earnings", date=D(2026, 1, 28), time=time)]})


def test_the_day_after_earnings_is_placed_by_the_data_s_report_date():
    # reported 2026-01-28 after the close: the first session on the news is 2026-01-29 (243.01 -> 241.73, -0.53%)
    fields = {"kind": "price_change", "percent": -0.5, "period": "day", "time_reference": "the day after earnings"}
    assert checked(fields, EVENING, _with_report("after_close")).verdict == "supported"
    wrong = checked({**fields, "percent": 12.0}, EVENING, _with_report("after_close"))
    assert wrong.verdict == "contradicted" and "2026-01-29" in wrong.reason
    # a report before the open, or at an unknown hour, leaves "the day after" ambiguous
    assert checked({**fields, "percent": 12.0}, EVENING, _with_report("before_open")).verdict == "unverifiable"
    assert checked({**fields, "percent": 12.0}, EVENING, _with_report(None)).verdict == "unverifiable"


def test_a_move_since_earnings_is_measured_from_the_close_before_the_news():
    # from the 2026-01-28 close (243.01) to the 2026-01-30 close (239.30): -1.53%
    fields = {"kind": "price_change", "percent": -1.5, "time_reference": "since earnings"}
    assert checked(fields, EVENING, _with_report("after_close")).verdict == "supported"
    assert checked({**fields, "percent": 6.8}, EVENING, _with_report("after_close")).verdict == "contradicted"
    assert checked({**fields, "percent": 6.8}, EVENING, amzn()).verdict == "unverifiable"  # no report in the data


@pytest.mark.parametrize(
    "text",
    [
        "Nike now has 80,000 employees, down 2% from last year.",
        "Nike's market share slipped 1.5% to 25%.",
        "Nike's gross margin fell 2% to 44.1%.",
    ],
)
def test_moves_of_other_things_are_not_price_moves(text):
    assert kinds(text, "price_change") == []


def test_an_issue_price_is_not_a_quote():
    assert kinds("Nike's IPO was priced at $22 a share in 1980.", "stock_price") == []
    assert only("Nike shares were priced at $78.10 in late trading.", "stock_price").fields.basis == "intraday"


def test_quote_page_window_cells_and_release_closes():
    text = "| Quote | |\n|---|---|\n| Open | $231.00 |\n| 52-wk high | $258.60 |\n| 52-wk low | $161.38 |\n"
    found = [(c.fields.basis, c.fields.price, c.fields.window) for c in kinds(text, "stock_price")]
    assert found == [("open", 231.0, None), ("high", 258.6, "52_week"), ("low", 161.38, "52_week")]
    release = only("The closing sale price of the common stock as reported by Nasdaq on January 29, 2026 was $241.73.", "stock_price")
    assert (release.fields.basis, release.fields.date) == ("close", D(2026, 1, 29))


def test_an_indication_is_not_the_open_and_a_spoken_quote_is_one():
    assert only("Nike was indicated to open at $75 after the report.", "stock_price").fields.basis == "unspecified"
    assert only("Nike opened at $75.10.", "stock_price").fields.basis == "open"
    assert only("Nike's at $78 now, which is cheap.", "stock_price").fields.basis == "intraday"
    assert kinds("Nike's at a crossroads at $78 billion in sales.", "stock_price") == []


def test_an_answer_takes_its_kind_subject_and_day_from_the_question():
    text = "Nike after the report.\n\nQ: Where did Nike stock close on Thursday? A: At $78.10, up 1%."
    price = only(text, "stock_price")
    assert (price.fields.price, price.fields.basis, price.fields.date, price.ticker) == (78.10, "close", D(2026, 1, 29), "NKE")
    move = only("Q: How much did Nike stock fall on Thursday? A: About 4%.", "price_change").fields
    assert (move.percent, move.date) == (-4.0, D(2026, 1, 29))
    assert only("Q: Where does Nike stock trade now?\nA: Around $78.", "stock_price").fields.basis == "intraday"
    # answers about other figures are not the stock's
    assert kinds("Q: How much did Nike revenue grow? A: About 4%.", "price_change") == []
    assert kinds("Q: What is the Nike price target? A: $95.", "stock_price") == []


# --------------------------------------------------------------------------- European-language briefs and day-labelled lines

FRIDAY_EVENING_PARIS = "2026-01-30T22:45:00+01:00"


@pytest.mark.parametrize(
    "text, kind, value, date",
    [
        ("L'action Nike a terminé la séance de jeudi à 78,10 dollars, en hausse de 4,2 %.", "stock_price", 78.10, D(2026, 1, 29)),
        ("L'action Nike a terminé la séance de jeudi à 78,10 dollars, en hausse de 4,2 %.", "price_change", 4.2, D(2026, 1, 29)),
        ("Mercredi, le titre avait cédé 3,1 %.", "price_change", -3.1, D(2026, 1, 28)),
        ("Il titolo Nike ha chiuso la seduta di giovedì a 78,10 dollari, in calo del 2,6 %.", "stock_price", 78.10, D(2026, 1, 29)),
        ("Il titolo Nike ha chiuso la seduta di giovedì a 78,10 dollari, in calo del 2,6 %.", "price_change", -2.6, D(2026, 1, 29)),
        ("La acción de Nike cerró la sesión del jueves en 78,10 dólares, con una caída del 4,0 %.", "stock_price", 78.10, D(2026, 1, 29)),
        ("La acción de Nike cerró la sesión del jueves en 78,10 dólares, con una caída del 4,0 %.", "price_change", -4.0, D(2026, 1, 29)),
        ("Die Nike-Aktie schloss am Donnerstag bei 78,10 Dollar und verlor 2,1 Prozent.", "price_change", -2.1, D(2026, 1, 29)),
        ("Venerdì 23 gennaio la chiusura del titolo Nike era stata di 75,20 dollari.", "stock_price", 75.20, D(2026, 1, 23)),
    ],
)
def test_european_language_briefs(text, kind, value, date):
    f = only(text, kind, FRIDAY_EVENING_PARIS).fields
    assert (f.price if kind == "stock_price" else f.percent, f.date) == (value, date)


def test_european_highs_periods_and_quotes_in_euros():
    high = only("En séance, le titre Nike a touché un plus haut historique de 80,50 dollars.", "stock_price", FRIDAY_EVENING_PARIS).fields
    assert (high.basis, high.window) == ("high", "all_time")
    week = only("Sur la semaine, le titre Nike affiche une progression de 7,5 %.", "price_change", FRIDAY_EVENING_PARIS).fields
    assert (week.percent, week.period) == (7.5, "week")
    ytd = only("Da inizio anno il guadagno del titolo Nike è del 20,2 %.", "price_change", FRIDAY_EVENING_PARIS).fields
    assert (ytd.percent, ytd.period) == (20.2, "ytd")
    eur = only("Pour un investisseur de la zone euro, le titre Nike vaut désormais environ 66,50 euros.", "stock_price", FRIDAY_EVENING_PARIS).fields
    assert (eur.price, eur.currency) == (66.50, "EUR")


@pytest.mark.parametrize(
    "text",
    [
        "Le chiffre d'affaires de Nike a progressé de 5 % à 12,4 milliards de dollars.",
        "Nike a annoncé la suppression d'environ 1.000 postes, soit près de 2 % de ses effectifs.",
        "Il bénéfice par action de Nike ressort à 0,78 dollar.",
        "Deutsche Bank ha alzato il prezzo obiettivo di Nike a 95 dollari da 90 dollari.",
    ],
)
def test_european_figures_that_are_not_prices_or_moves(text):
    assert [c for c in extract(text, FRIDAY_EVENING_PARIS) if c.kind in ("stock_price", "price_change")] == []


def test_a_day_label_dates_every_sentence_of_its_line():
    text = ("Weekly wrap\nSaturday, January 31, 2026 · 9:00 AM ET\n\n"
            "🔻 Mon: Nike slipped 1.7% to $74.31.\n\n"
            "🏥 Tue: Nike said it would cut costs. Retail took it hard: Starbucks fell 3.5% to $92.46.\n")
    moves = {(c.ticker, c.fields.percent): c.fields.date for c in extract(text, None) if c.kind == "price_change"}
    assert moves == {("NKE", -1.7): D(2026, 1, 26), ("SBUX", -3.5): D(2026, 1, 27)}


def test_alert_feeds_forums_and_anaphoric_days():
    feed = "[Wed 28 Jan 2026 · 16:00 ET] CLOSE NKE $78.99 (-1.3%)\n\n[Thu 29 Jan 2026 · 10:01 ET] ALERT NKE back above $80.00 (+1.6%)\n"
    prices = [(c.fields.price, c.fields.basis, c.fields.date, c.fields.time, c.ticker) for c in kinds(feed, "stock_price")]
    assert prices == [(78.99, "close", D(2026, 1, 28), None, "NKE"), (80.0, "intraday", D(2026, 1, 29), dt.time(10, 1), "NKE")]  # a close needs no clock time
    assert [(c.fields.percent, c.fields.date) for c in kinds(feed, "price_change")] == [(-1.3, D(2026, 1, 28)), (1.6, D(2026, 1, 29))]
    post = "Nike update. NKE closed Wednesday at $78.84, +2.6% on the day, after printing a new ATH of $80.77 intraday. YTD +20%."
    ath = next(c.fields for c in kinds(post, "stock_price") if c.fields.price == 80.77)
    assert (ath.basis, ath.window, ath.date) == ("high", "all_time", D(2026, 1, 28))
    assert any(c.fields.percent == 20.0 and c.fields.period == "ytd" for c in kinds(post, "price_change"))
    since = only("Nike update: since the 1/15 close it's +18%.", "price_change").fields
    assert (since.percent, since.period_start) == (18.0, D(2026, 1, 16))
    ambiguous = only("Nike update: since the 1/5 close it's +18%.", "price_change").fields  # 1/5 or 5/1
    assert ambiguous.period_start is None and ambiguous.time_reference is not None


def test_the_next_day_and_that_day_follow_the_day_the_sentence_named():
    text = "Nike closed at $80.10 on Friday, Jan. 16, then fell 4% the next day. It recovered since, closing at $78.40 on Jan. 27, up 1.7% that day."
    moves = [(c.fields.percent, c.fields.date) for c in kinds(text, "price_change")]
    assert moves == [(-4.0, D(2026, 1, 20)), (1.7, D(2026, 1, 27))]  # Monday Jan. 19 2026 was a holiday (MLK day)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Nike stock ended $3.10 higher at $80.20.", "stock_price"),  # only the close is a price
        ("Nike fell 3%, and 40% of analysts rate it a Buy.", "price_change"),
    ],
)
def test_a_change_or_a_proportion_is_not_read_as_the_figure_before_it(text, kind):
    found = kinds(text, kind)
    assert len(found) == 1 and found[0].fields.model_dump().get("price", 80.2) == 80.2 and found[0].fields.model_dump().get("percent", -3.0) == -3.0


@pytest.mark.parametrize(
    "text",
    [
        "L'euro est monté à 1,08 dollar face au billet vert.",
        "Der Euro stieg auf 1,08 Dollar, der DAX legte 1,2 Prozent zu.",
        "Il petrolio è salito del 2,1 %, a 80,10 dollari al barile.",
    ],
)
def test_european_quotes_of_other_markets_are_not_the_stock(text):
    assert [c for c in extract(text, FRIDAY_EVENING_PARIS) if c.kind in ("stock_price", "price_change")] == []


# --------------------------------------------------------------------------- transcripts: figures said in words


def test_spoken_numbers():
    from verifier.extract.numbers import find_spoken_percents, find_spoken_prices

    assert [p.value for p in find_spoken_percents("up nine point six percent, then five per cent")] == [9.6, 5.0]
    assert [m.value for m in find_spoken_prices("at two-forty-four and change, or a hundred and twenty dollars")] == [244.0, 120.0]
    assert find_spoken_prices("we had two or three ideas and forty people") == []
    assert find_spoken_percents("two hundred people") == []


def test_a_transcript_s_spoken_close_and_move():
    text = "HOST: Nike had a week.\nGUEST: It closed Thursday at, what, seventy-eight and change? And Wednesday it had dropped, like, five percent."
    price = only(text, "stock_price").fields
    assert (price.price, price.basis, price.date) == (78.0, "close", D(2026, 1, 29))
    move = only(text, "price_change").fields
    assert (move.percent, move.date) == (-5.0, D(2026, 1, 28))
    assert kinds("GUEST: Nike said revenue grew, like, five percent.", "price_change") == []


@pytest.mark.parametrize(
    "text, price, basis, direction",
    [
        ("El título de Nike subió un 2,5 % el lunes, hasta 79,60 dólares.", 79.60, "unspecified", "up"),
        ("Nike cotiza a 78,10 dólares.", 78.10, "intraday", None),
        ("Le titre Nike cède 1,2 % à 77,10 dollars.", 77.10, "unspecified", "down"),
        ("Le titre Nike gagne 2 % à 79 dollars en séance.", 79.0, "intraday", "up"),
        ("L'action Nike a clôturé en baisse de 1,5 % à 76,20 dollars.", 76.20, "close", "down"),
        ("Das Papier von Nike legte um 3,1 Prozent auf 80,10 Dollar zu.", 80.10, "unspecified", "up"),
        ("Le azioni di Nike sono salite del 3 % a 80,10 dollari.", 80.10, "unspecified", "up"),
    ],
)
def test_european_moves_to_a_price(text, price, basis, direction):
    f = only(text, "stock_price", FRIDAY_EVENING_PARIS).fields
    assert (f.price, f.basis, f.direction) == (price, basis, direction)


def test_european_plural_subjects_elisions_and_period_scope():
    assert only("Las acciones de Nike cayeron un 3,1 % el viernes.", "price_change", FRIDAY_EVENING_PARIS).fields.percent == -3.1
    assert only("A Wall Street il titolo Nike cede l'1,2 %.", "price_change", FRIDAY_EVENING_PARIS).fields.percent == -1.2
    ytd = only("En lo que va de año, la acción de Nike acumula una subida del 12,4 %.", "price_change", FRIDAY_EVENING_PARIS).fields
    assert ytd.period == "ytd"
    two = kinds("La acción de Nike cayó un 1 % el jueves; en la semana, el título gana un 2 %.", "price_change", FRIDAY_EVENING_PARIS)
    assert [(c.fields.percent, c.fields.period) for c in two] == [(-1.0, "day"), (2.0, "week")]


def test_a_research_note_box():
    text = ("Nike Inc. (NKE) — Outperform\nPrice (Jan 29 close): $78.80\n52-week range: $52.28 - $90.62\n"
            "Stock performance: -1.6% (1D), +12.0% (1M), -4.0% (YTD)\n")
    prices = [(c.fields.price, c.fields.basis, c.fields.window) for c in kinds(text, "stock_price")]
    assert prices == [(78.80, "close", None), (52.28, "low", "52_week"), (90.62, "high", "52_week")]
    moves = [(c.fields.percent, c.fields.period) for c in kinds(text, "price_change")]
    assert moves == [(-1.6, "day"), (12.0, "month"), (-4.0, "ytd")]
    prose = [(c.fields.percent, c.fields.period) for c in kinds("Nike shares are -1.6% (1D) and +12.0% (1M).", "price_change")]
    assert prose == [(-1.6, "day"), (12.0, "month")]


def test_movers_lines_and_thread_posts():
    movers = "Pre-market movers\nNike (NKE): -4.0% at $75.20\nStarbucks (SBUX): +2.1% to $93.10 after an upgrade\n"
    # the sign is the move's claim, not the price's (test_a_movers_line_price_carries_no_direction_of_its_own)
    assert [(c.fields.price, c.fields.direction) for c in kinds(movers, "stock_price")] == [(75.20, None), (93.10, None)]
    thread = "1/ $NKE ripped 9.6% today to $84.22\n\n2/ $NKE high of day $85.10, low $79.50\n"
    assert [(c.fields.price, c.fields.basis) for c in kinds(thread, "stock_price")] == [(84.22, "unspecified"), (85.10, "high"), (79.50, "low")]


def test_a_when_clause_takes_the_day_of_its_clause():
    f = only("The firm cut its target to $90 on Jan. 13, when Nike shares fell 2.4% on the day.", "price_change").fields
    assert (f.percent, f.date) == (-2.4, D(2026, 1, 13))


def test_an_open_that_took_place_is_not_the_next_session_s():
    # published after Friday's close: "opened at" is Friday's open (239.89), never Monday's (238.31)
    assert checked({"kind": "stock_price", "price": 238.31, "basis": "open"}, EVENING, amzn()).verdict == "contradicted"
    assert checked({"kind": "stock_price", "price": 239.89, "basis": "open"}, EVENING, amzn()).verdict == "supported"


def test_a_participle_after_it_needs_its_own_day():
    dated = "Nike had a rough month. It has recovered some ground since, closing at $78.40 on Jan. 27."
    assert only(dated, "stock_price").fields.date == D(2026, 1, 27)
    undated = "Nike had a rough month. It has recovered some ground since, closing at $78.40."
    assert kinds(undated, "stock_price") == []


# --------------------------------------------------------------------------- round 4 of issue 10: wording families


def test_coordinated_verbs_share_the_stock_as_subject():
    text = "Shares of Merck slid 1.5% on Tuesday to $97.20, and gave back another 0.8% on Wednesday to $96.42."
    prices = [(c.fields.price, c.fields.date) for c in kinds(text, "stock_price")]
    assert prices == [(97.20, D(2026, 1, 27)), (96.42, D(2026, 1, 28))]
    # another company after "and" is that company's price, not the first one's
    other = kinds("Nike shares rose 2% and Pfizer fell 1% to $26.10.", "stock_price")
    assert [(c.fields.price, c.company) for c in other] == [(26.10, "Pfizer")]


def test_a_second_move_after_and_another_shares_the_first_one_s_subject():
    text = "Nike is on a tear. It rose 4.1% yesterday and another 2.2% today."
    assert [(c.fields.percent, c.fields.date) for c in kinds(text, "price_change")] == [(4.1, D(2026, 1, 29)), (2.2, D(2026, 1, 30))]


@pytest.mark.parametrize(
    "text, price, basis",
    [
        ("Nike reports next week. Wednesday's close was $78.15.", 78.15, "close"),
        ("Nike in brief. The previous close stood at $78.15.", 78.15, "close"),
        ("- NKE stock price today: $77.90", 77.90, "unspecified"),
        ("Nike preview. With the shares at $77.60 heading into the call, expectations are low.", 77.60, "unspecified"),
    ],
)
def test_label_and_absolute_phrase_prices(text, price, basis):
    f = only(text, "stock_price").fields
    assert (f.price, f.basis) == (price, basis)


def test_alert_feed_lines_quote_the_ticker():
    feed = "Nike alerts\n\u2022 Fri Jan 30, 10:05 AM EST: ALERT NKE crossed $79.00\n\u2022 Fri Jan 30, 11:20 AM EST: ALERT NKE $79.40 (+1.9%)\n"
    assert [(c.fields.price, c.fields.basis) for c in kinds(feed, "stock_price")] == [(79.00, "intraday"), (79.40, "intraday")]
    assert [c.fields.percent for c in kinds(feed, "price_change")] == [1.9]


def test_a_touch_early_in_the_session_is_that_day_s_intraday_price():
    f = kinds("Nike shares closed Thursday at $78.10, after touching $80.25 early in the session.", "stock_price")[1].fields
    assert (f.price, f.basis, f.date) == (80.25, "intraday", D(2026, 1, 29))


def test_it_was_a_price_on_a_named_day():
    f = only("Nike thread. 5/ remember it was $70.15 on Jan 6, nobody wanted it.", "stock_price").fields
    assert (f.price, f.date) == (70.15, D(2026, 1, 6))
    assert kinds("Nike sold its old campus. It was $40 for each square foot.", "stock_price") == []


def test_a_buyer_s_plan_is_no_price():
    assert kinds("Nike: I own 80 shares and keep adding under $70.", "stock_price") == []


def test_a_digest_entry_header_puts_its_company_in_focus():
    text = ("Filings this week\n\nPfizer Inc. (PFE) - Form 8-K filed Jan. 27\nPfizer shares closed Thursday at $26.10.\n\n"
            "Merck & Co., Inc. (MRK) - Form 10-Q filed Jan. 29, proxy to follow\nThe shares fell 1.1% on Thursday to $97.40.\n")
    assert [c.ticker for c in kinds(text, "stock_price")] == ["PFE", "MRK"]


def test_a_price_compared_with_an_earlier_day():
    text = "How much was one Nike share?\nOn Thursday, one Nike share cost $78.10 at the end of the day.\nThat was 0.9% more than on Wednesday.\n"
    f = only(text, "price_change").fields
    assert (f.percent, f.date) == (0.9, D(2026, 1, 29))
    # the sentence before priced no day next to it: the comparison is kept, but no session is chosen for it
    loose = only("Nike shares closed at $78.10.\nThat was 0.9% less than on Monday.\n", "price_change").fields
    assert (loose.percent, loose.date, loose.time_reference) == (-0.9, None, "less than on Monday")


def test_the_price_of_the_stock_in_focus_as_subject():
    f = only("Nike shares are cheap. On Wednesday the price went up by 1.4%.", "price_change").fields
    assert (f.percent, f.date) == (1.4, D(2026, 1, 28))
    assert kinds("Nike is cheap. The price of cotton went up by 3%.", "price_change") == []


def test_a_move_in_parentheses_after_a_quoted_price():
    text = "Nike thread. 3/ stock ran to $81 at the open then faded, now $78.30 (-1.2%)"
    assert [c.fields.percent for c in kinds(text, "price_change")] == [-1.2]


def test_a_move_as_a_noun_after_a_preposition():
    text = "Yes. It closed at $78.10 on Thursday after a 6.2% jump on its quarterly report."
    assert [(c.fields.percent, c.fields.date) for c in kinds(text, "price_change")] == [(6.2, D(2026, 1, 29))]
    helped = "The stock closed Thursday at $78.10, helped by a 1.1% gain on Thursday alone."
    assert [c.fields.percent for c in kinds(helped, "price_change")] == [1.1]
    # the noun names a figure's change, not the stock's
    assert kinds("Nike closed at $78.10 after a 6.2% jump in footwear sales.", "price_change") == []


def test_a_dated_pronoun_price_after_a_stock_sentence():
    text = "NKE closed at $78.10 today. For context it was $70.15 on Jan 6, so it is well off the lows."
    assert [(c.fields.price, c.fields.date) for c in kinds(text, "stock_price")] == [(78.10, D(2026, 1, 30)), (70.15, D(2026, 1, 6))]


def test_a_closing_participle_after_a_dated_clause_of_it():
    text = "Nike shares fell 4.0% on Jan. 20. They lost another 1.1% on Jan. 22, closing at $74.40."
    assert [(c.fields.price, c.fields.date, c.fields.basis) for c in kinds(text, "stock_price")] == [(74.40, D(2026, 1, 22), "close")]


def test_a_relative_clause_between_the_company_and_its_move():
    text = "Pfizer (PFE) rose 1.0% to $26.10, and Merck (MRK), which we group with the sector for its vaccine business, fell 2.2% to $97.40."
    assert [(c.fields.price, c.ticker) for c in kinds(text, "stock_price")] == [(26.10, "PFE"), (97.40, "MRK")]
    assert kinds("Nike said revenue, which beat the market, rose 5% to $12 billion.", "stock_price") == []


def test_an_event_named_move_is_the_stock_s():
    f = only("Nike update:\n- It was at $80.20 on Jan. 23 after the post-earnings rally of 6.5%", "price_change").fields
    assert (f.percent, f.date) == (6.5, D(2026, 1, 23))
    assert kinds("Nike: the earnings drop of 10% hurt the quarter.", "price_change") == []


def test_spanish_participles_and_italian_elision():
    es = ("La acción de Nike cerró el jueves en 78,10 dólares. El miércoles, la acción ya había cerrado en 77,40 dólares, "
          "y el martes subió un 2,8 % hasta cerrar en 76,90 dólares.")
    assert [(c.fields.price, c.fields.date) for c in kinds(es, "stock_price")] == [
        (78.10, D(2026, 1, 29)), (77.40, D(2026, 1, 28)), (76.90, D(2026, 1, 27))]
    it = "Il titolo Nike ha chiuso la seduta di giovedì a 78,10 dollari, in rialzo dell'1,4 %."
    assert [(c.fields.percent, c.fields.date) for c in kinds(it, "price_change")] == [(1.4, D(2026, 1, 29))]


def test_a_when_clause_price_takes_the_sentence_s_day_or_only_its_month():
    dated = "The best session came on Jan. 16, when the shares jumped 7.1% to $80.40 after an upgrade."
    f = only(dated, "stock_price").fields
    assert (f.price, f.date) == (80.40, D(2026, 1, 16))
    # a month and no day: no one session is meant, so the check must not pick the latest one
    monthly = only("Nike had a rough year. The low came in October, when tariff fears sent the stock to $58.30 at the close.", "stock_price").fields
    assert (monthly.price, monthly.date, monthly.time_reference) == (58.30, None, "in October")


def test_that_day_is_the_day_of_the_sentence_before():
    text = "On Jan. 22 Nike named a new chief executive. The stock closed at $77.40 that day, up 3.1%, its best day in months."
    assert only(text, "stock_price").fields.date == D(2026, 1, 22)
    assert only(text, "price_change").fields.date == D(2026, 1, 22)


def test_a_month_s_move_gives_the_month_end_close_no_session_direction():
    f = only("Nike shares gained 6.0% in January and closed the month at $78.10.", "stock_price").fields
    assert (f.price, f.basis, f.direction) == (78.10, "close", None)
    assert only("Nike shares rose 1% to $78.10 on Thursday.", "stock_price").fields.direction == "up"


def test_on_the_day_is_the_day_the_sentence_named():
    f = only("Nike closed Thursday at $78.10, up 2.2% on the day.", "price_change").fields
    assert (f.percent, f.date) == (2.2, D(2026, 1, 29))
    assert only("Nike is up 2% on the day.", "price_change").fields.date == D(2026, 1, 30)


def test_the_publication_day_named_in_the_sentence_before_is_carried():
    evening = "2026-01-30T17:40:00-05:00"  # Friday evening: an undated move could be an after-hours quote
    text = "Pfizer (PFE) lost 2.1% and finished at $26.10 on Friday. Merck (MRK) slid 1.4% to $97.20."
    assert [c.fields.date for c in kinds(text, "stock_price", evening)] == [D(2026, 1, 30), D(2026, 1, 30)]
    assert [c.fields.date for c in kinds(text, "price_change", evening)] == [D(2026, 1, 30), D(2026, 1, 30)]
    # a day other than the publication's is never carried: the next figure may be of a later session
    older = "Pfizer (PFE) finished at $26.10 on Wednesday. Merck (MRK) slid 1.4% to $97.20."
    assert [c.fields.date for c in kinds(older, "stock_price", evening)] == [D(2026, 1, 28), None]


def test_a_thread_s_it_s_at_after_posts_about_the_stock():
    evening = "2026-01-30T18:10:00-05:00"
    text = "NKE closed at $78.10 today, -1.2%.\n\nEDIT: AH it's at $77.60, see you Monday."
    assert [c.fields.price for c in kinds(text, "stock_price", evening)] == [78.10, 77.60]
    assert kinds("Nike phone? lol it's at $99 in stores.", "stock_price", evening) == []


def test_a_day_and_its_signed_move():
    text = "NKE closed at $78.10 today. It bounced off $70.15 on Jan 6 and has climbed since; Jan 16 was a +7.1% ripper."
    f = [c for c in kinds(text, "price_change") if c.fields.percent == 7.1][0].fields
    assert f.date == D(2026, 1, 16)
    assert kinds("Nike shares closed at $78.10. Jan 16 was a +7.1% day for footwear sales.", "price_change") == []


def test_the_close_a_move_is_measured_from_is_a_price_claim():
    text = "Nike closed today at $78.10. The stock is down about 9% from the $85.90 close on Jan. 9."
    assert [(c.fields.price, c.fields.date, c.fields.basis) for c in kinds(text, "stock_price")] == [
        (78.10, D(2026, 1, 30), "close"), (85.90, D(2026, 1, 9), "close")]
    assert kinds("Nike bought it back. The deal is up 5% from the $20 close of the offer period.", "stock_price") == []


def test_a_one_day_noun_move_after_sentences_about_the_stock():
    text = "NKE closed today at $78.10, down 9% from its Jan. 9 level. Most of that came after the Jan. 15 report, including a one-day decline of 4.4% on Jan. 16."
    f = [c for c in kinds(text, "price_change") if c.fields.percent == -4.4][0].fields
    assert f.date == D(2026, 1, 16)


def test_a_ticker_strip_entry_gives_the_last_price_of_a_named_company_only():
    text = "TICKER \u25b6 SPX \u25b2 12.40 (+0.31%) 4,012.55 \u2502 NKE \u25bc 1.02 (-1.29%) 78.10 \u2502 GOLD \u25b2 3.10 (+0.15%) 2,040.20 \u25c0"
    prices = kinds(text, "stock_price")
    assert [(c.ticker, c.fields.price, c.fields.basis) for c in prices] == [("NKE", 78.10, "intraday")]


def test_weekday_subjects_labels_and_windows_of_the_stock_in_focus():
    text = (
        "Nike (NKE) stock: what the week looked like.\n\n"
        "- Wednesday (Jan. 28) closed at $80.40, its best level this month.\n"
        "- Thursday's slide of 2.9% to $78.07 undid most of that.\n"
        "- The newest figure is Friday's close: $78.10.\n\n"
        "The vendor's screen also lists a 52-week high of $99.20, which we did not check.\n"
    )
    got = {(c.fields.price, c.fields.date, c.fields.basis, c.fields.window) for c in kinds(text, "stock_price")}
    assert (80.40, D(2026, 1, 28), "close", None) in got
    assert (78.07, D(2026, 1, 29), "unspecified", None) in got
    assert (99.20, None, "high", "52_week") in got
    # no company in focus: a weekday that "closed at" a figure is nobody's share price
    assert kinds("Weekly notes.\n\n- Wednesday closed at $80.40 for the bake sale.\n", "stock_price") == []


def test_an_alert_line_level_and_a_move_in_apposition_to_a_quoted_price():
    text = "Nike (NKE) alerts\n\nPrice alert: NKE crossed $80.\n"
    assert [(c.ticker, c.fields.price, c.fields.basis) for c in kinds(text, "stock_price", "2026-01-30T16:30:00-05:00")] == [
        ("NKE", 80.0, "intraday")]
    text = "Nike (NKE) stock: the week.\n\n- Wednesday (Jan. 28) closed at $80.40, up 1.2% on the day.\n"
    moves = kinds(text, "price_change", "2026-01-31T10:00:00-05:00")
    assert [(c.fields.percent, c.fields.date) for c in moves] == [(1.2, D(2026, 1, 28))]
    # a figure that is no share price gives its move no stock subject
    assert kinds("Nike (NKE) update.\n\nThe fee is now $4.50, up 12% on last year.\n", "price_change") == []


# issue 10 (corpus5 dev false alarms): periods and days a move's words leave open

def test_a_move_over_the_past_week_is_a_span_not_the_days_move():
    c = only("The shares ended at $61.20 yesterday and have shed 4.4% over the past week.", "price_change", "2024-05-16T08:00:00-04:00")
    assert c.fields.period == "unspecified" and c.fields.date is None
    assert c.fields.period_start == D(2024, 5, 9)


def test_a_sentence_lead_names_the_period_of_its_move():
    c = only("For the week, from Monday's open to Friday's bell, the stock gave up 2.7%.", "price_change", "2024-05-18T09:00:00-04:00")
    assert c.fields.period == "week" and c.fields.date is None
    c = only("The stock gave up 2.7% on Monday.", "price_change", "2024-05-18T09:00:00-04:00")
    assert c.fields.period == "day" and c.fields.date == D(2024, 5, 13)


def test_the_weekday_after_a_named_day_is_counted_from_it():
    text = "The stock closed at $44.10 on Monday, May 6.\nThe Thursday after, it climbed 3.4%."
    c = only(text, "price_change", "2024-05-18T09:00:00-04:00")
    assert c.fields.date == D(2024, 5, 9)
    # with no day before it, the weekday is not guessed
    c = only("The Thursday after, the stock climbed 3.4%.", "price_change", "2024-05-18T09:00:00-04:00")
    assert c.fields.date is None and c.fields.time_reference


def test_a_section_heading_naming_a_session_dates_the_lines_under_it():
    text = ("Morning Notes\n\nPRIOR SESSION (Monday, May 13)\n\nNVDA  Nvidia closed up 1.6% at $903.99.\n\n"
            "EARNINGS NOTES\n\nNVDA  Nvidia rose 2.2%.\n")
    moves = kinds(text, "price_change", "2024-05-14T08:00:00-04:00")
    assert [m.fields.date for m in moves] == [D(2024, 5, 13), None]
    # a dateline with a clock time is no section heading
    text = "Markets Desk - May 13, 2024, 5:10 PM ET\n\nNVDA  Nvidia rose 2.2%.\n"
    assert only(text, "price_change", "2024-05-14T08:00:00-04:00").fields.date is None


def test_a_movers_line_is_not_dated_by_another_events_day():
    text = ("LAST SESSION (Thu 16 May)\n"
            "Walmart (WMT): +7.0% at $64.21; extended Wednesday's rally\n"
            "Deere (DE): -0.4% at $386.10 ahead of Friday's results\n")
    moves = kinds(text, "price_change", "2024-05-17T06:30:00-04:00")
    assert [m.fields.date for m in moves] == [D(2024, 5, 16), D(2024, 5, 16)]


def test_a_move_named_as_a_noun_takes_the_day_tied_to_it():
    lead = "Northwind Foods shares are flat this week. "
    monday = only(lead + "The stock is still digesting Monday's 4.1% drop after the recall.", "price_change")
    assert (monday.fields.percent, monday.fields.date) == (-4.1, D(2026, 1, 26))
    made = only(lead + "The stock has now given back the 2.7% gain it made on January 21.", "price_change")
    assert (made.fields.percent, made.fields.date) == (2.7, D(2026, 1, 21))
    # a metric's growth on a day is no move of the stock
    assert not kinds("Northwind Foods stock ended at $41.20. Analysts cited the 12% rise in revenue on January 27.", "price_change")


def test_a_pasted_json_or_csv_price_row_is_the_close_of_its_day():
    json_rows = ("Our feed returned these bars for Amazon (AMZN):\n\n```json\n"
                 '{"t": "2026-01-26", "o": 238.10, "h": 240.02, "c": 239.16},\n'
                 '{"t": "2026-01-27", "o": 239.50, "h": 244.90, "c": 244.68}\n```\n')
    got = [(c.fields.price, c.fields.date, c.fields.basis) for c in kinds(json_rows, "stock_price")]
    assert got == [(239.16, D(2026, 1, 26), "close"), (244.68, D(2026, 1, 27), "close")]
    csv_rows = ("Amazon (AMZN) as CSV:\n\n```csv\ndate,open,high,low,close,volume\n"
                "2026-01-26,238.10,240.02,236.50,239.16,31000000\n2026-01-27,239.50,244.90,239.00,244.68,40100000\n```\n")
    got = [(c.fields.price, c.fields.date, c.fields.basis) for c in kinds(csv_rows, "stock_price")]
    assert got == [(239.16, D(2026, 1, 26), "close"), (244.68, D(2026, 1, 27), "close")]
    # no close column, or a row after publication: no claim
    assert not kinds("Amazon (AMZN):\n\ndate,open,volume\n2026-01-26,238.10,31000000\n", "stock_price")
    assert not kinds('Amazon (AMZN):\n\n{"t": "2026-02-03", "c": 250.00}\n', "stock_price")


def test_a_move_the_stock_finished_the_week_with_is_the_weeks_move():
    # the day the sentence names is where the week ends, not the span of the figure
    text = "On Friday Apple touched a record intraday, and it ended the week up 5.5 percent.\n"
    moves = [c for c in extract(text) if c.kind == "price_change"]
    assert len(moves) == 1, [(c.quote, c.fields) for c in moves]
    assert moves[0].fields.period == "week" and moves[0].fields.date == dt.date(2026, 1, 30)


def test_a_close_low_or_high_named_as_a_noun_on_its_own_day():
    lead = "Netflix shares slid this month. "
    base = only(lead + "Measured from the Jan. 14 close of $41.30 to Thursday, the stock gave up 6.2%.", "stock_price")
    assert (base.fields.price, base.fields.basis, base.fields.date) == (41.3, "close", D(2026, 1, 14))
    low = only(lead + "The shares have since recovered from a low of $37.85 on Jan. 21.", "stock_price")
    assert (low.fields.price, low.fields.basis, low.fields.date, low.fields.direction) == (37.85, "low", D(2026, 1, 21), None)
    bottom = only(lead + "The stock bottomed at $36.90 on Jan. 22 and has bounced since.", "stock_price")
    assert (bottom.fields.price, bottom.fields.basis, bottom.fields.date) == (36.9, "low", D(2026, 1, 22))
    peak = only(lead + "It peaked at $44.10 on Jan. 6, before the recall.", "stock_price")
    assert (peak.fields.basis, peak.fields.date) == ("high", D(2026, 1, 6))
    real = only(lead + "The official close was $40.05 on Jan. 23, not the figure the feed showed.", "stock_price")
    assert (real.fields.basis, real.fields.date) == ("close", D(2026, 1, 23))
    # no day of its own: which session is meant is not certain, so no claim (never the latest close)
    assert not kinds(lead + "The stock bottomed at $36.90 in January.", "stock_price")
    assert not kinds(lead + "The shares have recovered from a low of $37.85.", "stock_price")
    assert not kinds(lead + "That row was stale. The official close was $40.05, as the next row shows.", "stock_price")


def test_a_price_the_writer_traded_at_on_a_day_is_a_fill_inside_that_days_range():
    buy = only("I picked up Netflix at $39.40 on Jan. 21, the day after the recall.", "stock_price")
    assert (buy.fields.price, buy.fields.basis, buy.fields.date) == (39.4, "intraday", D(2026, 1, 21))
    sell = only("Netflix had doubled. We sold half of our shares on Jan. 12 at $43.75, which felt early.", "stock_price")
    assert (sell.fields.price, sell.fields.basis, sell.fields.date) == (43.75, "intraday", D(2026, 1, 12))
    # no single day, a company's buyback, or an option: no quote of the stock
    assert not kinds("I bought Netflix at $12 years ago.", "stock_price")
    assert not kinds("Netflix bought back shares at an average of $40.10 on Jan. 12, we learned.", "stock_price")
    assert not kinds("We bought Netflix calls at $2.10 on Jan. 12.", "stock_price")


def test_a_lower_case_caption_names_the_company_and_the_close_as_spoken():
    head = "Why NFLX Stock Is Moving\n0:00\nhey everyone welcome back\n0:04\n"
    said = only(head + "so tuesday netflix closed at eighty four dollars and ten cents\n", "stock_price")
    assert (said.fields.price, said.fields.basis, said.fields.date) == (84.1, "close", D(2026, 1, 27))
    participle = only(head + "and then wednesday it slid three percent closing at one seventy two forty one\n", "stock_price")
    assert (participle.fields.price, participle.fields.basis, participle.fields.date) == (172.41, "close", D(2026, 1, 28))
    # another company's name, or a figure with no cue, is no close of the company in focus
    assert not kinds(head + "so tuesday the nasdaq closed at eighty four dollars and ten cents\n", "stock_price")


def test_a_price_cue_a_hard_line_wrap_cut_from_its_figure():
    # fixed-width prose: the verb or the noun that says which price it is sits on the line above the figure
    lead = "Netflix had a rough month. "
    move = only(lead + "On Jan. 21 the stock tumbled 8.3% in a single session\nto $81.40, its worst day in years.\n", "stock_price")
    assert (move.fields.price, move.fields.date) == (81.4, D(2026, 1, 21))
    found = kinds("Netflix (NFLX) shares were up 2.2% in afternoon trading, near the session high\n"
                  "of $86.95, with the next report due after the close on Tuesday.\n", "stock_price", "2026-01-29T14:30:00-05:00")
    assert [(c.fields.price, c.fields.basis, c.fields.date) for c in found] == [(86.95, "high", None)]  # not Tuesday's high
    # the line above names a month, not a day: which session is meant is not certain, so no claim (never the latest)
    assert not kinds(lead + "In December the stock tumbled 8.3% in a single\nsession to $81.40, its worst day in years.\n", "stock_price")


# --------------------------------------------------------------------------- layout marks, chat messages, undated leads


def test_figures_in_markdown_bold_are_read_and_quoted_as_written():
    text = "Initech Corp. update.\n\n- On **January 27, 2026**, Initech shares slid **4.1%**, closing at **$38.60**.\n"
    price = only(text, "stock_price")
    assert price.fields.price == 38.60 and price.fields.basis == "close" and price.fields.date == D(2026, 1, 27)
    assert text[price.start : price.end] == price.quote and "$38.60" in price.quote
    move = only(text, "price_change")
    assert move.fields.percent == -4.1 and move.fields.date == D(2026, 1, 27)


def test_a_lead_that_names_a_day_without_dating_it_leaves_the_price_undated():
    text = "Initech Corp. update.\n\nOn its first trading day after the spin-off, the stock closed at $38.60."
    price = only(text, "stock_price")
    assert price.fields.date is None and price.fields.time_reference
    text = "Initech Corp. update.\n\nAs of my last update, Initech shares were trading at around $38.60 per share."
    price = only(text, "stock_price")
    assert price.fields.date is None and price.fields.time_reference


def test_a_chat_message_without_a_subject_is_about_the_chats_stock_on_the_messages_day():
    text = (
        "Microsoft holders chat\n"
        "[26/01/2026, 16:04] Ana: closed at $38.60 today, rough one\n"
        "[27/01/2026, 16:02] Ben: closed at $39.10, +1.3% today\n"
    )
    prices = kinds(text, "stock_price")
    assert [(c.fields.price, c.fields.date) for c in prices] == [(38.60, D(2026, 1, 26)), (39.10, D(2026, 1, 27))]
    move = only(text, "price_change")
    assert move.fields.percent == 1.3 and move.fields.date == D(2026, 1, 27)


def test_a_wire_move_given_in_money_per_share_first_is_read():
    text = "Initech Corp. (INTC) update.\n\nOn the recall news, Initech stock dropped $2.40 per share, or 5.1%, to close at $44.65 on January 27, 2026."
    move = only(text, "price_change")
    assert move.fields.percent == -5.1 and move.fields.date == D(2026, 1, 27)


def test_a_days_move_named_with_the_report_after_it_is_the_stocks_move():
    text = "Initech Corp. (INTC) shares were busy.\n\nInitech shares held steady on Thursday. That follows Tuesday's 6.2% slide after earnings."
    move = only(text, "price_change")
    assert move.fields.percent == -6.2 and move.fields.date == D(2026, 1, 27)
    # no publication time: the weekday cannot be dated, so the move stays undated (never put on another day)
    move = only(text, "price_change", published=None)
    assert move.fields.percent == -6.2 and move.fields.date is None


def test_signed_moves_tied_to_a_day_a_further_move_or_a_period_label_in_a_chat():
    text = (
        "Microsoft holders chat\n"
        "[26/01/2026, 16:04] Ana: msft closed at $38.60 today\n"
        "[27/01/2026, 16:02] Ben: $39.10 today \U0001f60e +1.3%\n"
        "[28/01/2026, 16:03] Ana: another -2.2% \U0001f62c after Monday's -0.8%\n"
        "[29/01/2026, 16:05] Ben: hmm. slumped 1.1% today\n"
        "[30/01/2026, 16:06] Ana: month is like -9% \U0001f643\n"
    )
    moves = [(c.fields.percent, c.fields.period) for c in kinds(text, "price_change", published="2026-01-30T21:15:00-05:00")]
    assert (1.3, "day") in moves and (-2.2, "day") in moves and (-0.8, "day") in moves
    assert (-1.1, "day") in moves and (-9.0, "month") in moves
    # a target is no quoted price: its figure after it is not the stock's move
    assert not kinds("Microsoft holders chat\n[26/01/2026, 16:04] Ana: msft closed at $38.60 today\n"
                     "[27/01/2026, 16:02] Ben: my target $45 +16%\n", "price_change", published="2026-01-30T21:15:00-05:00")


def test_an_adverb_before_the_verb_of_a_subjectless_line_keeps_the_stock_as_subject():
    text = "Initech Corp. (INTC) weekly.\n\nInitech shares had a calm run. Steadily up 3.2% this week."
    move = only(text, "price_change")
    assert move.fields.percent == 3.2 and move.fields.period == "week"


def test_a_move_on_the_previous_session_is_the_named_days_move():
    text = "Microsoft Corp. glossary.\n\nExample: on 3 March 2020 Microsoft closed at $170.55, a loss of 4.8% on the previous session."
    move = only(text, "price_change", published="2020-05-11T10:00:00+01:00")
    assert move.fields.percent == -4.8 and move.fields.date == D(2020, 3, 3) and move.fields.period == "day"


def test_a_sessions_extreme_named_as_a_noun_is_the_stock_in_focus_on_the_day_before_it():
    text = "Microsoft stock report.\n\nMicrosoft shares slid 3% on Wednesday. The low was $41.20 in the first hour."
    price = only(text, "stock_price")
    assert (price.fields.price, price.fields.basis, price.fields.date) == (41.20, "low", D(2026, 1, 28))
    text = "Microsoft stock report.\n\nMicrosoft shares fell on Thursday. Yesterday's high came at $44.80."
    price = only(text, "stock_price")
    assert (price.fields.price, price.fields.basis, price.fields.date) == (44.80, "high", D(2026, 1, 29))
    # a month, no day: which session's low is meant is not said, so no price is read
    assert not kinds("Microsoft stock report.\n\nMicrosoft shares slid 3% in March. The low was $41.20 in the first hour.", "stock_price")


def test_a_coordinated_verb_and_a_flash_verb_read_the_sessions_high_and_open():
    text = "Microsoft stock report.\n\nThe Microsoft stock ended Wednesday's session at $42.10, and at one point touched a session high of $44.05."
    prices = kinds(text, "stock_price")
    assert [(c.fields.price, c.fields.basis, c.fields.date) for c in prices] == [(42.10, "close", D(2026, 1, 28)), (44.05, "high", D(2026, 1, 28))]
    price = only("Microsoft stock report.\n\nMICROSOFT OPENS AT $43.50 AFTER UPGRADE", "stock_price")
    assert (price.fields.price, price.fields.basis) == (43.50, "open")


def test_a_move_of_so_much_per_share_keeps_the_stock_as_subject_across_a_wrap():
    one_line = ("Microsoft securities complaint.\n\n12. On this news, the price of Microsoft common stock fell $1.10 per share, "
                "or 2.5%, to close at $43.20 per share on January 27, 2026, after trading as low as $42.85 per share that day.")
    prices = kinds(one_line, "stock_price")
    assert [(c.fields.price, c.fields.basis, c.fields.date) for c in prices] == [(43.20, "close", D(2026, 1, 27)), (42.85, "low", D(2026, 1, 27))]
    wrapped = ("Microsoft securities complaint.\n\n12. On this news, the price of Microsoft common stock fell $1.10 per share, or 2.5%, to\n"
               "close at $43.20 per share on January 27, 2026.")
    price = only(wrapped, "stock_price")
    assert (price.fields.price, price.fields.basis, price.fields.date) == (43.20, "close", D(2026, 1, 27))
    # earnings per share are still a metric, not the stock
    assert not kinds("Microsoft results.\n\nMicrosoft said its diluted earnings per share rose to $3.10, up 9%.", "stock_price")


def test_a_lower_case_chat_message_names_the_stock_by_its_ticker():
    text = "Microsoft holders chat\n[26/01/2026, 16:04] Ana: msft closed $38.60 today, rough one\n[27/01/2026, 16:02] Ben: the fund closed $3.10 higher\n"
    price = only(text, "stock_price")
    assert (price.fields.price, price.fields.basis, price.fields.date) == (38.60, "close", D(2026, 1, 26))


def test_a_trading_journals_subjectless_fills_are_the_writers_trades_on_the_entrys_day():
    text = (
        "My Microsoft trading journal\n\n"
        "TUE JAN 27, 2026\n"
        "BUY 5 MSFT. Filled at $480.20 at the open. Annoyed.\n\n"
        "WED JAN 28, 2026\n"
        "SELL 5 MSFT. Sold all at $472.15, just after lunch.\n"
    )
    prices = kinds(text, "stock_price")
    assert [(c.fields.price, c.fields.basis, c.fields.date) for c in prices] == [
        (480.20, "open", D(2026, 1, 27)), (472.15, "intraday", D(2026, 1, 28))]
    # a company buying back its stock at an average price is no quote of one session
    assert not kinds("Microsoft update.\n\nThe company bought back shares at $470.00 on January 27, 2026.", "stock_price")


def test_a_chat_messages_bare_close_after_the_bell_is_the_stock_in_focus_on_that_day():
    text = (
        "Microsoft holders chat\n"
        "[26/01/2026, 16:04] Ana: another -2.2% \U0001f62c closed 38.60\n"
        "[27/01/2026, 16:02] Ben: nasdaq closed 15234.10 lol\n"
        "[27/01/2026, 16:03] Ben: it closed 2.10 higher\n"
        "[28/01/2026, 11:03] Ana: closed 40.10 so far\n"
    )
    prices = kinds(text, "stock_price")
    # the index, the change and a "close" sent before that day's bell are no closes of the stock that day
    assert [(c.fields.price, c.fields.basis, c.fields.date) for c in prices] == [(38.60, "close", D(2026, 1, 26))]


def test_an_intraday_level_in_a_hard_wrapped_sentence_is_never_held_to_the_close():
    text = ("Initech shares fell 6.3% on Thursday, closing at $41.88 after touching $40.95 in the\n"
            "final hour of the session, traders said.\n")
    found = {c.fields.price: c.fields for c in kinds(text, "stock_price")}
    assert found[41.88].basis == "close" and found[40.95].basis == "intraday"
    assert found[40.95].date == D(2026, 1, 29)


def test_a_wrapped_close_takes_the_day_of_its_own_chained_clause():
    text = ("Initech's shares rose 13.8% on January 26, the day of the fourth-quarter report,\n"
            "to close at $23.21, after an intraday high of $24.10. They gave back 5.3% on January\n"
            "27, closing that day at $22.02, before rising 3.7% to $22.84 today.\n")
    found = {c.fields.price: c.fields for c in kinds(text, "stock_price")}
    assert found[23.21].date == D(2026, 1, 26) and found[23.21].basis == "close"
    assert found[22.84].date == D(2026, 1, 30)
    # an anaphor opens the sentence, but the participle names no day: no session to check
    assert kinds("Nike had a rough month. It has recovered some ground since, closing at $78.40.", "stock_price") == []


def test_an_opening_day_in_apposition_dates_a_wrapped_sentence():
    text = ("The next day, Jan. 28, Initech confirmed\n"
            "it would cut about 1,600 corporate jobs and the stock slipped to $36.10, traders said.\n")
    assert only(text, "stock_price").fields.date == D(2026, 1, 28)


def test_a_past_month_in_the_clause_is_no_latest_session():
    text = "Nike had a rough winter. In December the stock tumbled 8.3% in a single session to $81.40.\n"
    assert kinds(text, "stock_price") == []
    assert kinds("Nike gained 16.0% in January and closed the month at $112.22.\n", "stock_price", "2026-02-02T08:00:00-05:00")


def test_a_broker_that_keeps_its_rating_and_moves_is_setting_a_target_not_quoting_the_stock():
    text = "Halden Corp (HLDN) rose on Tuesday. Northgate Partners was unmoved. The firm kept its Hold rating and moved to $41."
    assert not [c for c in extract(text) if c.kind == "stock_price" and c.fields.price == 41.0]
    # the stock's own move to a price in the same kind of sentence is still a quote
    text = "Halden Corp (HLDN) rose on Tuesday. The shares kept climbing and moved to $41."
    assert [c.fields.price for c in extract(text) if c.kind == "stock_price"] == [41.0]


def test_a_years_close_is_the_close_of_that_years_last_session():
    def closes(text, published):
        return [(c.fields.price, c.fields.date) for c in rule_claims(text, published) if c.kind == "stock_price"]

    text = "Halden Corp (HLDN) had a rough run. The tool maker finished 2019 at $48.20, and 2020 ended at $52.75."
    assert closes(text, "2021-01-15T09:00:00-05:00") == [(48.20, D(2019, 12, 31)), (52.75, D(2020, 12, 31))]
    # "the year" is the last year whose final session is past; "began the year at" is the close of the year before
    text = "Halden Corp (HLDN) began the year at $61.10 and closed the year at $44.05."
    assert closes(text, "2021-01-08T09:00:00-05:00") == [(61.10, D(2020, 12, 31)), (44.05, D(2020, 12, 31))]
    assert closes("- Halden Corp (HLDN) 2019 year-end close: $48.20", "2020-02-03T09:00:00-05:00") == [(48.20, D(2019, 12, 31))]
    # an index's or a metric's year-end figure is no close of the stock
    assert closes("Halden Corp (HLDN) slipped. The S&P 500 finished 2019 at $3,230.78.", "2020-02-03T09:00:00-05:00") == []


@pytest.mark.parametrize(
    "sentence,price,basis,day",
    [
        ("Our desk's screen shows an April 14 close of $52.10.", 52.10, "close", D(2021, 4, 14)),
        ("The benchmark for the grant is the April 12 close, $50.95, per the plan.", 50.95, "close", D(2021, 4, 12)),
        ("Early trade added to Thursday's $51.40 close.", 51.40, "close", D(2021, 4, 15)),
        ("It now sits under the $49.80 low it touched on April 6.", 49.80, "low", D(2021, 4, 6)),
        ("The first post-offering close, on Monday, April 12, 2021, was $50.95.", 50.95, "close", D(2021, 4, 12)),
        ("The low of the whole pullback was $49.80 on April 6.", 49.80, "low", D(2021, 4, 6)),
        ("\u2022 HLDN closing price, Apr. 12, 2021: $50.95", 50.95, "close", D(2021, 4, 12)),
        ("$50.95 ... closing price, Apr. 12", 50.95, "close", D(2021, 4, 12)),
    ],
)
def test_a_close_or_extreme_named_as_a_noun_with_its_own_day(sentence, price, basis, day):
    text = "Halden Corp (HLDN) shares have been volatile.\n" + sentence
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, "2021-04-17T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(price, basis, day)]


def test_a_dated_noun_close_of_an_index_or_a_target_is_no_quote():
    text = "Halden Corp (HLDN) shares have been volatile.\nThe Nasdaq's April 12 close of $13,850 set the tone."
    assert not [c for c in rule_claims(text, "2021-04-17T09:00:00-04:00") if c.kind == "stock_price"]


def test_a_series_of_predicates_shares_the_sentences_stock_subject_and_its_days():
    text = ("Halden Corp (HLDN) had a choppy week. Shares dropped 3.1% on Tuesday as traders took profits, rallied to close "
            "at $44.20 on Wednesday, and then got swept up in Thursday's sell-off, sliding 2.4% to close at $43.14.")
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, "2021-04-17T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(44.20, "close", D(2021, 4, 14)), (43.14, "close", D(2021, 4, 15))]
    # a clause with a subject of its own is no predicate of the shares
    text = "Halden Corp (HLDN) had a choppy week. Shares dropped 3.1% on Tuesday, analysts trimming targets to $40."
    assert not [c for c in rule_claims(text, "2021-04-17T09:00:00-04:00") if c.kind == "stock_price"]


def test_an_earlier_extreme_in_a_subordinate_participle_shares_the_sentences_subject():
    text = ("Halden Corp (HLDN) drew buyers. Halden finished Monday at $41.30, after touching $42.05 intraday. "
            "The stock faded into the close of the month, though not before hitting $43.10 on April 7.")
    got = [(c.fields.price, c.fields.date) for c in rule_claims(text, "2021-04-13T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(41.30, D(2021, 4, 12)), (42.05, D(2021, 4, 12)), (43.10, D(2021, 4, 7))]


def test_a_stream_posts_bare_price_after_its_cashtag_is_the_tagged_stock_on_the_posts_day():
    text = ("$INTC  Intel Corp  \u00b7  Stream\nFeed captured Wed Apr 14, 2021 9:10 PM EDT\n\n"
            "@tapewatcher   \u00b7  2h\n$INTC closed 41.30 today. what a squeeze\n\n"
            "@nightowl   \u00b7  4h\n$INTC 39.95 close yesterday, for the record\n\n"
            "@dayone   \u00b7  1d\n$INTC at 40.10 this afternoon, grabbing more\n\n"
            "@bagholder   \u00b7  2d\n$INTC 3/29 closed 37.60 and I sold. $INTC 35x earnings lol\n")
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, None) if c.kind == "stock_price"]
    assert got == [(41.30, "close", D(2021, 4, 14)), (39.95, "close", D(2021, 4, 13)), (40.10, "unspecified", D(2021, 4, 13)),
                   (37.60, "close", D(2021, 3, 29))]
    # a call on the price is no quote
    call = "$INTC  Intel Corp  \u00b7  Stream\n\n@moonboy   \u00b7  1h\n$INTC at 60.00 by Christmas, load up\n"
    assert not [c for c in rule_claims(call, "2021-04-14T21:10:00-04:00") if c.kind == "stock_price"]


def test_a_days_move_from_the_close_the_day_before_gives_both_closes():
    text = ("Halden Corp (HLDN) has had a rough spring. The worst day came on April 8, when the shares sank 12.4%, "
            "from a close of $47.10 the day before to $41.26.")
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, "2021-04-17T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(47.10, "close", D(2021, 4, 7)), (41.26, "close", D(2021, 4, 8))]


def test_the_level_a_dated_move_left_the_stock_at():
    text = "Halden Corp (HLDN) was quiet this morning after a 3.2% pop Tuesday that left them at $44.68."
    got = [(c.fields.price, c.fields.date) for c in rule_claims(text, "2021-04-14T10:30:00-04:00") if c.kind == "stock_price"]
    assert got == [(44.68, D(2021, 4, 13))]
    # a figure a fee or a rule "left" somewhere is no quote: no move is named
    text = "Halden Corp (HLDN) said the new fee schedule left it at $4.50 per account."
    assert not [c for c in rule_claims(text, "2021-04-14T10:30:00-04:00") if c.kind == "stock_price"]


def test_a_figure_placed_only_by_that_morning_gets_no_session():
    # a letter written weeks later: "That morning" points back to a day the sentence does not name, so the figures
    # are not the session before publication; they carry the phrase, which no check can place (unverifiable)
    text = ("Then came the results on March 2. The stock had been quiet for weeks.\n"
            "That morning the company cut its forecast, and Nvidia sank 12.4% to $171.30 by the close.\n")
    claims = [c for c in rule_claims(text, "2026-04-18T08:00:00-04:00") if c.kind in ("price_change", "stock_price")]
    assert claims and all(c.fields.date is None and c.fields.time_reference == "That morning" for c in claims)
    # a figure with its own day keeps it
    dated = rule_claims("That morning the company cut its forecast, and Nvidia sank 12.4% on March 2.\n",
                        "2026-04-18T08:00:00-04:00")
    move = next(c for c in dated if c.kind == "price_change")
    assert move.fields.date == dt.date(2026, 3, 2) and move.fields.time_reference is None


def test_a_movers_line_price_carries_no_direction_of_its_own():
    # the sign belongs to the move, which is its own claim: a wrong sign is caught there, not held against the price
    text = "MOVERS\nNvidia (NVDA): +0.4% at $181.20 ahead of Wednesday's print\n"
    claims = rule_claims(text, "2026-01-27T06:30:00-05:00")
    price = next(c for c in claims if c.kind == "stock_price")
    move = next(c for c in claims if c.kind == "price_change")
    assert price.fields.price == 181.20 and price.fields.direction is None
    assert move.fields.percent == 0.4


# --- a move measured "from the prior session" with its basis between; a move beside a price placed only in words;
# the first split-adjusted day (issue 10, corpus6 dev)

def _moves(text: str, published: str = "2026-04-06T08:00:00-04:00") -> list:
    return [c for c in rule_claims(text, published) if c.kind == "price_change"]


@pytest.mark.parametrize("tail", [
    "a gain of 2.2% from the previous session.",
    "a gain of 2.2% on a split-adjusted basis from the prior session.",
    "up 2.2% on an adjusted basis against the prior session.",
    "a rise of 2.2% compared with the previous day.",  # translated copy: measured against the day before
    "up 2.2% compared to the prior session.",
])
def test_a_move_from_the_prior_session_is_the_named_days(tail):
    (move,) = _moves(f"Nvidia shares began trading on a split-adjusted basis on March 2, 2026, when they closed at $41.10, {tail}")
    assert (move.fields.date, move.fields.period) == (D(2026, 3, 2), "day")


def test_a_move_from_the_prior_session_with_no_day_named_keeps_the_sessions_reading():
    (move,) = _moves("Nvidia rose 2.2% from the previous session.")
    assert move.fields.date != D(2026, 3, 2) and move.fields.period == "day"


def test_a_move_beside_a_price_placed_only_in_words_is_placed_the_same_way():
    claims = rule_claims("On its first split-adjusted trading day, Nvidia closed at **$41.10**, up 3.4% on an adjusted basis.",
                         "2026-04-06T08:00:00-04:00")
    price = next(c for c in claims if c.kind == "stock_price")
    move = next(c for c in claims if c.kind == "price_change")
    assert price.fields.time_reference == "On its first split-adjusted trading day"
    assert move.fields.time_reference == price.fields.time_reference and move.fields.date is None


def test_a_move_beside_an_undated_price_with_no_placing_words_is_not_given_one():
    (move,) = _moves("Nvidia closed at $41.10, up 3.4%.")
    assert move.fields.time_reference is None


def test_the_first_split_adjusted_day_is_the_day_the_article_says_the_split_took_effect():
    claims = rule_claims("The 2-for-1 split took effect on March 2, 2026. On its first split-adjusted trading day, Nvidia "
                         "closed at $41.10, up 3.4% on an adjusted basis.", "2026-04-06T08:00:00-04:00")
    placed = [c for c in claims if c.kind in ("stock_price", "price_change")]
    assert [(c.kind, c.fields.date, c.fields.time_reference) for c in placed] == [
        ("stock_price", D(2026, 3, 2), None), ("price_change", D(2026, 3, 2), None)]


@pytest.mark.parametrize("lead", [
    "",  # no split day named
    "The split took effect on March 1, 2026. ",  # a Sunday: which session came first is not told
    "The split took effect on March 2, 2026. A second split took effect on March 9, 2026. ",  # two days
])
def test_the_first_split_adjusted_day_stays_undated_unless_one_session_is_named(lead):
    claims = rule_claims(f"{lead}On its first post-split trading day, Nvidia closed at $41.10.", "2026-04-06T08:00:00-04:00")
    (price,) = [c for c in claims if c.kind == "stock_price"]
    assert price.fields.date is None and price.fields.time_reference


@pytest.mark.parametrize("text", [
    "Nvidia ran from the Mar. 12\nsession (+1.4%) into late March.",
    # the first column of a two-column page
    "Price action: not a crowded        Peers are cheaper, but for a reason:\n"
    "trade. Nvidia ran from the Mar. 12        we think the data-center\n"
    "session (+1.4%) into late March,          mix deserves its premium.",
])
def test_a_line_opening_on_session_takes_the_day_that_ended_the_line_before(text):
    (move,) = _moves(text, "2026-04-06T06:30:00-04:00")
    assert (move.fields.date, move.fields.period) == (D(2026, 3, 12), "day")


def test_a_line_opening_on_session_after_a_line_ending_in_no_day_is_not_dated_by_it():
    (move,) = _moves("Nvidia ran from the highs\nsession (+1.4%) into late March.", "2026-04-06T06:30:00-04:00")
    assert move.fields.date is None


def test_a_dated_noun_close_reads_only_its_own_sentence_after_the_figure():
    # "strike" in the next sentence is an editor's instruction, not an option's strike beside the price
    text = "Halden Corp (HLDN) review.\nComment: Our screen shows an April 14 close of $52.10. Fix it; strike the last line.\n"
    got = [(c.fields.price, c.fields.date) for c in rule_claims(text, "2021-04-17T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(52.10, D(2021, 4, 14))]


# --------------------------------------------------------------------------- round 6: days and spans the words set


@pytest.mark.parametrize(
    "text, published, day",
    [
        # a day of the month written alone after the move: the month of the day named before it
        ("Initech posted results on March 9 after the close, and the stock soared 7.2% on the 10th.\n",
         "2026-03-20T12:00:00-04:00", D(2026, 3, 10)),
        ("Insiders sold on May 11 and 12, while Apple shares slid 3.3% on the 12th.\n", "2026-05-20T12:00:00-04:00", D(2026, 5, 12)),
        # no day named before: the publication month, or the month before when the number is past publication day
        ("Apple shares fell 3% on the 4th.\n", "2026-03-20T12:00:00-04:00", D(2026, 3, 4)),
        ("Apple shares fell 3% on the 24th.\n", "2026-03-20T12:00:00-04:00", D(2026, 2, 24)),
    ],
)
def test_an_ordinal_day_of_the_month_dates_the_move(text, published, day):
    claim = next(c for c in kinds(text, "price_change", published) if abs(c.fields.percent) in (7.2, 3.3, 3.0))
    assert (claim.fields.date, claim.fields.period) == (day, "day")


def test_an_ordinal_day_past_publication_is_no_session():
    text = "On March 18 Apple shares rose 1%, and they fell 3% on the 25th.\n"
    claim = next(c for c in kinds(text, "price_change", "2026-03-20T12:00:00-04:00") if c.fields.percent == -3.0)
    assert claim.fields.date is None and claim.fields.time_reference == "on the 25th"
    # "on the 4th floor" is no day
    assert only("Apple shares fell 3% on the 4th floor.\n", "price_change", "2026-03-20T12:00:00-04:00").fields.date is None


def test_a_lead_when_clause_dates_the_move_in_the_main_clause():
    published = "2026-03-20T12:00:00-04:00"
    text = "When Apple unveiled its merger plan on March 9, the shares climbed 8.4%, their biggest gain of the year.\n"
    assert only(text, "price_change", published).fields.date == D(2026, 3, 9)
    # an event after the bell moves the stock in the next session
    text = "When Apple reported on March 9 after the bell, the shares climbed 8.4%.\n"
    assert only(text, "price_change", published).fields.date == D(2026, 3, 10)
    # a month is no session
    assert only("When Apple reported in March, the shares climbed 8.4%.\n", "price_change", published).fields.date is None


def test_an_unplaced_that_day_close_is_never_the_latest_session():
    published = "2026-03-20T12:00:00-04:00"
    far = ("On Monday, March 9, Apple stock hit $251.20.\n\nAnalysts were stunned. A trader in Denver called it a fluke and "
           "went to lunch, then spent the afternoon reading old filings about the company and its founder. The stock closed "
           "that day at $250.75, just below the peak.\n")
    close = next(c for c in kinds(far, "stock_price", published) if c.fields.price == 250.75)
    assert close.fields.date is None and close.fields.time_reference == "that day"
    near = "On Monday, March 9, Apple stock hit $251.20. The stock closed that day at $250.75.\n"
    close = next(c for c in kinds(near, "stock_price", published) if c.fields.price == 250.75)
    assert close.fields.date == D(2026, 3, 9)


def test_a_period_as_the_subject_of_a_move_noun():
    text = "Amazon stock closed at $250.10 on Monday.\n\n- Big picture: last week brought a 4% gain, after a 5.1% slide on Jan. 20.\n"
    gain = next(c for c in kinds(text, "price_change", "2026-01-28T12:00:00-05:00") if c.fields.percent == 4.0)
    assert gain.ticker == "AMZN" and gain.fields.period == "week"
    # a metric's growth is no move of the stock
    assert [c.fields.percent for c in kinds("Amazon is big. Last quarter brought a 9% gain in revenue.\n", "price_change")] == []


def test_a_by_the_numbers_gloss_names_the_figures_span():
    text = ("Amazon trims its middle managers.\n\n**By the numbers:**\n\n- **+9%:** The stock's advance in 2026 through "
            "Monday's close.\n- **-3%:** The stock's move on Monday.\n")
    ytd, day = kinds(text, "price_change", "2026-01-28T12:00:00-05:00")
    assert (ytd.fields.percent, ytd.fields.period, ytd.fields.date) == (9.0, "ytd", D(2026, 1, 26))
    assert (day.fields.percent, day.fields.period, day.fields.date) == (-3.0, "day", D(2026, 1, 26))


def test_a_movers_list_heading_takes_the_window_its_note_states():
    text = ("# The Year's Top Movers\n\nWe ranked the names by how far they went between the last close of 2023 and the final "
            "bell on Tuesday, Dec. 31.\n\n## 2. Apple: up 31%\n\nThe phone maker had a fine year.\n\n## 1. Nvidia: up 171%\n\n"
            "Chips, chips, chips.\n\n*Percent changes measure Dec. 29, 2023 to Dec. 31, 2024.*\n")
    moves = kinds(text, "price_change", "2025-01-02T09:00:00-05:00")
    assert [(c.ticker, c.fields.period, c.fields.date) for c in moves] == [("AAPL", "ytd", D(2024, 12, 31)), ("NVDA", "ytd", D(2024, 12, 31))]
    # no stated window: a heading's bare move keeps no period
    bare = kinds("# Movers\n\n## 2. Apple: up 31%\n\nThe phone maker had a fine year.\n", "price_change", "2025-01-02T09:00:00-05:00")
    assert [c.fields.period for c in bare] == ["unspecified"]


def test_a_participle_move_takes_the_day_of_the_clause_it_continues():
    text = ("Apple had a choppy week. Shares fell 2.1% on Jan 27, bounced to close at $231.40 on Jan 28, and then got caught "
            "in Thursday's broad market sell-off, sliding 3.6% to close at $223.10.\n")
    slide = next(c for c in kinds(text, "price_change", "2026-01-30T12:00:00-05:00") if c.fields.percent == -3.6)
    assert (slide.fields.date, slide.fields.period) == (D(2026, 1, 29), "day")


def test_a_hedge_before_more_than_still_reads_the_move():
    text = "Apple shares have risen slightly more than 4% since the beginning of the year, while the index slipped.\n"
    claim = only(text, "price_change", "2026-03-20T12:00:00-04:00")
    assert (claim.fields.percent, claim.fields.period) == (4.0, "ytd")


@pytest.mark.parametrize(
    "text, published, period, day",
    [
        # a lead naming a week by the day it ended
        ("Apple had a rough August. Over the week ended August 18, the shares lost 15.1% in all.\n",
         "2017-09-28T11:05:00-04:00", "week", D(2017, 8, 18)),
        # an apposition that makes the day named the move's
        ("Apple insiders sold on August 21, a day on which the shares advanced 4.1%.\n", "2017-09-28T11:05:00-04:00", "day", D(2017, 8, 21)),
        # a sentence about one day
        ("The single worst day came on August 15, when Apple reported results: the shares collapsed 20.3%.\n",
         "2017-10-16T07:02:00-04:00", "day", D(2017, 8, 15)),
        # a relative day and the date set beside it
        ("Q: How did Apple stock respond?\nA: For reference, on the following trading day, July 31, the stock rose 6.5%.\n",
         "2020-09-30T20:00:00-04:00", "day", D(2020, 7, 31)),
        # "that first day": the day named before in the sentence
        ("The first close of Apple after the split, on Monday, August 31, 2020, was $129.04, and the shares gained 5.7% on "
         "that first day.\n", "2020-09-30T20:00:00-04:00", "day", D(2020, 8, 31)),
        # an opening "The next day": the session after the day the sentence before named
        ("Deutsche Bank initiated Apple at Buy on Dec. 4, and the shares gained 2.9% that session. The next day they gave "
         "some back, falling 1.8%.\n", "2018-01-12T06:30:00-05:00", "day", D(2017, 12, 5)),
    ],
)
def test_the_words_around_a_move_set_its_day(text, published, period, day):
    move = [c for c in kinds(text, "price_change", published)][-1]
    assert (move.fields.period, move.fields.date) == (period, day)


def test_an_opening_next_day_with_no_day_before_stays_undated():
    move = only("Apple slipped. The next day the shares fell 1.8%.\n", "price_change", "2018-01-12T06:30:00-05:00")
    assert move.fields.date is None


def test_an_opening_next_day_after_a_friday_follows_the_one_next_day_rule():
    # "the next day" after a Friday is a Saturday in words: the opening "The next day" is read as the same phrase
    # elsewhere in a sentence (context.session_after), not dated to the Monday; "the next session" is the Monday
    lead = "Deutsche Bank initiated Apple at Buy on Friday, Dec. 1, and the shares gained 2.9% that session. "
    published = "2018-01-12T06:30:00-05:00"
    opening = [c for c in kinds(lead + "The next day they gave some back, falling 1.8%.\n", "price_change", published)][-1]
    later = [c for c in kinds(lead + "They gave some back the next day, falling 1.8%.\n", "price_change", published)][-1]
    assert opening.fields.date is None and later.fields.date is None
    session = [c for c in kinds(lead + "The next session they gave some back, falling 1.8%.\n", "price_change", published)][-1]
    assert session.fields.date == D(2017, 12, 4)


@pytest.mark.parametrize(
    "text",
    ["Apple shares rose 54% in 2017, a banner year.\n",
     "Apple results.\n\nShare Price Performance\n\u2022 +54.4% share price appreciation in calendar 2017\n"],
)
def test_a_past_calendar_years_move_runs_over_that_year(text):
    # written in January 2018: the move of 2017, never the 365 days to publication
    claim = only(text, "price_change", "2018-01-25T07:31:00-05:00")
    assert (claim.fields.period_start, claim.fields.date) == (D(2017, 1, 1), D(2017, 12, 31))


def test_the_current_year_named_keeps_its_year_period():
    claim = only("Apple shares have risen 12% in 2018 so far.\n", "price_change", "2018-06-25T12:00:00-04:00")
    assert claim.fields.period_start is None or claim.fields.period_start == D(2018, 1, 1)
    assert claim.fields.date is None


def test_a_share_of_the_stocks_value_is_the_stocks_move():
    published = "2026-02-13T06:00:00-05:00"
    text = "Amazon is spending heavily. Investors shed 5.6% of the stock's value on Feb. 6 because of the capex bill.\n"
    claim = only(text, "price_change", published)
    assert (claim.ticker, claim.fields.percent, claim.fields.date) == ("AMZN", -5.6, D(2026, 2, 6))
    # a fund's value is not the stock's
    assert kinds("Amazon owns a stake. The fund lost 3% of its value on Feb. 6.\n", "price_change", published) == []


def test_a_participle_clause_names_the_session_extreme_of_the_stock_the_sentence_opened_with():
    text = "Halden Corp (HLDN) review.\nIt slid another 6.2% on 12 March, touching an intraday low of $31.40 as peers sold off.\n"
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, "2021-03-16T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(31.40, "low", D(2021, 3, 12))]
    text = "Halden Corp (HLDN) review.\nOn Tuesday, March 9, it finished at $44.10, down 0.3%, after hitting $42.85 intraday.\n"
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, "2021-03-12T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(44.10, "close", D(2021, 3, 9)), (42.85, "intraday", D(2021, 3, 9))]


def test_a_participle_extreme_needs_one_day_named_before_it():
    text = "Halden Corp (HLDN) review.\nIt slid 6.2% over the month, touching an intraday low of $31.40 as peers sold off.\n"
    assert [c for c in rule_claims(text, "2021-03-16T09:00:00-04:00") if c.kind == "stock_price"] == []


def test_a_first_person_price_paid_a_share_on_a_day_is_a_fill_in_the_stock_in_focus():
    text = "Halden Corp (HLDN) letter.\nI own Halden. I paid $58 a share on March 3 for 200 shares, and then I waited.\n"
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, "2021-06-01T09:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(58.0, "intraday", D(2021, 3, 3))]
    for other in ("I own Halden. I paid $58 for the tickets on March 3, and then I waited.\n",
                  "I own Halden. The company paid $58 a share on March 3 for a rival.\n"):
        assert [c for c in rule_claims("Halden Corp (HLDN) letter.\n" + other, "2021-06-01T09:00:00-04:00") if c.kind == "stock_price"] == []


def test_a_weekday_high_or_low_label_is_that_sessions_extreme():
    text = "Halden Corp (HLDN) agenda\n\nLAST SESSION\nHalden Fri high $52.40 - the widest range in weeks\nHalden Thursday's low: $49.10\n"
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in rule_claims(text, "2021-03-15T06:00:00-04:00") if c.kind == "stock_price"]
    assert got == [(52.40, "high", D(2021, 3, 12)), (49.10, "low", D(2021, 3, 11))]


def test_an_options_flow_lines_reference_price_is_the_stocks_quote():
    text = ("Halden Corp (HLDN): midday options flow\n\nHalden is up 1.1% at $51.20 at midday.\n\n"
            "Flagged trades:\n  10:12  Block: 2,000 Aug 20 $55 calls @ $1.30, Ref=$50.85\n")
    got = [(c.fields.price, c.fields.basis) for c in rule_claims(text, "2021-07-13T12:30:00-04:00") if c.kind == "stock_price"]
    assert got == [(51.20, "intraday"), (50.85, "intraday")]
    # an alert with no clock time on its line: which moment the reference quote stood for is not told
    text = "Halden Corp (HLDN) alerts.\n\nHalden Option Alert: Aug 20 $55 Calls Sweep near the Ask: 120 @ $1.30; Ref=$50.85\n"
    assert [c for c in rule_claims(text, "2021-07-13T12:30:00-04:00") if c.kind == "stock_price"] == []


def test_a_spoken_move_to_a_level_gives_the_level_it_reached():
    text = ("halden stock update\n[Auto-generated captions]\n\nhey everyone so halden corp is the one today\n"
            "and on tuesday it slid three point one percent to two forty one twenty before the call\n")
    claims = rule_claims("Halden Corp (HLDN)\n" + text, "2021-03-12T10:00:00-05:00")
    got = [(c.fields.price, c.fields.basis, c.fields.date) for c in claims if c.kind == "stock_price"]
    assert got == [(241.20, "unspecified", D(2021, 3, 9))]
    # a target said in words after "to" with no move before it is not read as the stock's level
    text = "halden stock update\n\nmy price target went to two forty one twenty for next year\n"
    assert [c for c in rule_claims("Halden Corp (HLDN)\n" + text, "2021-03-12T10:00:00-05:00") if c.kind == "stock_price"] == []


def test_a_move_summed_up_with_that_or_a_weekday_as_subject_is_the_stocks():
    text = "Halden Corp (HLDN) stock note.\n\nHalden closed at $51.20 on Friday, up 2%. That makes a weekly gain of 8.5%.\n"
    assert 8.5 in [c.fields.percent for c in rule_claims(text, "2020-09-02T10:00:00-04:00") if c.kind == "price_change"]
    text = "Halden Corp (HLDN) stock note.\n\nHalden closed at $51.20 on Friday. Adjusted for the split, Monday was a 3.4% gain.\n"
    got = [(c.fields.percent, c.fields.date) for c in rule_claims(text, "2020-09-02T10:00:00-04:00") if c.kind == "price_change"]
    assert got == [(3.4, D(2020, 8, 31))]
    # after a figure of the company's results, "that" is the metric's growth, not the stock's
    text = "Halden Corp (HLDN) stock note.\n\nHalden reported sales of $5 billion. That was a 3.4% gain.\n"
    assert [c for c in rule_claims(text, "2020-09-02T10:00:00-04:00") if c.kind == "price_change"] == []


# --------------------------------------------------------------------------- round 6c: closes said in other words


def test_a_close_that_was_also_a_record_is_a_close():
    f = only("Pfizer shares rose 4.1% on Tuesday, closing at a record $48.30.", "stock_price").fields
    assert (f.price, f.basis, f.date) == (48.30, "close", D(2026, 1, 27))


def test_a_second_close_coordinated_with_and_at_keeps_its_own_day():
    found = kinds("For reference, Pfizer closed at $25.10 on January 9, 2026, and at $26.40 on January 16, 2026.", "stock_price")
    assert [(c.fields.price, c.fields.basis, c.fields.date) for c in found] == [
        (25.10, "close", D(2026, 1, 9)), (26.40, "close", D(2026, 1, 16))]


def test_an_open_of_a_named_session_is_read_and_a_hedged_open_is_not():
    f = only("Pfizer shares jumped 5% on Friday and opened Monday's session at $27.50.", "stock_price", "2026-01-28T12:00:00-05:00").fields
    assert (f.price, f.basis, f.date) == (27.50, "open", D(2026, 1, 26))
    # "near $X" is a rounded open the checker would hold to 0.5%: not read
    assert not kinds("Pfizer shares jumped 5% on Friday and opened Monday's session near $27.", "stock_price", "2026-01-28T12:00:00-05:00")


def test_a_trade_descriptor_stands_for_the_company_in_focus_and_a_phrasal_off_is_no_fall():
    text = "Pfizer had a strong year. The vaccine maker shrugged off patent worries and finished Friday at $28.15."
    f = only(text, "stock_price").fields
    assert (f.price, f.basis, f.date, f.direction) == (28.15, "close", D(2026, 1, 23), None)
    assert not kinds("Pfizer had a strong year. The rival vaccine maker finished Friday at $28.15.", "stock_price")


def test_a_weekdays_open_named_as_a_noun_is_the_open_of_the_stock_in_focus():
    f = only("Pfizer shares had a strong week. Tuesday's open at $27.40 came as investors cheered the data.", "stock_price").fields
    assert (f.price, f.basis, f.date) == (27.40, "open", D(2026, 1, 27))


def test_a_stat_line_led_by_a_price_and_labelled_a_weekdays_close_is_that_close():
    text = ("Pfizer shares had a weak month.\n\n**By the numbers:**\n\n* **$26.10:** Thursday's close, down from $29.12 a year ago.\n"
            "* **$31:** Goldman's target.\n* **~$25:** Friday's open.\n")
    found = kinds(text, "stock_price")
    assert [(c.fields.price, c.fields.basis, c.fields.date) for c in found] == [(26.10, "close", D(2026, 1, 29))]


def test_the_calendar_year_under_way_is_the_year_to_date_and_a_noun_takes_the_day_after_it():
    # a written year that holds the publication day is the year so far, not the trailing twelve months
    f = only("Zentrix shares are up 73% in 2020.", "price_change", "2020-12-19T09:00:00-05:00").fields
    assert (f.percent, f.period, f.date) == (73.0, "ytd", None)
    # a year gone by keeps its calendar span
    f = only("Zentrix shares rose 54% in 2017.", "price_change", "2018-02-19T09:00:00-05:00").fields
    assert (f.period, f.period_start, f.date) == ("unspecified", D(2017, 1, 1), D(2017, 12, 31))
    # "a 9.5% jump on Dec. 26": the day after the noun is the jump's, not the year before the figure
    moves = kinds("Zentrix shares closed at $56.22 on Thursday, up 12.3% so far in 2019 after a 9.5% jump on Dec. 26.",
                  "price_change", "2019-01-10T16:05:00-05:00")
    assert [(c.fields.percent, c.fields.period, c.fields.date) for c in moves] == [(12.3, "ytd", None), (9.5, "day", D(2018, 12, 26))]


@pytest.mark.parametrize(
    "text, period",
    [
        ("Pfizer shares are up 4% month to date.", "month"),
        ("Pfizer shares are up 4% week-to-date.", "week"),
        ("Pfizer shares are up 4% MTD.", "month"),
        ("Pfizer had a quiet month. Month to date Pfizer is +1.6% through tonight's close of $27.67.", "month"),
    ],
)
def test_a_span_to_date_label_is_the_moves_period(text, period):
    assert only(text, "price_change", "2026-01-29T19:45:00-05:00").fields.period == period


def test_a_span_to_date_label_of_a_later_figure_is_not_the_first_ones():
    moves = kinds("Pfizer shares rose 3% on the day and are up 10% month to date.", "price_change", "2026-01-29T19:45:00-05:00")
    assert [(c.fields.percent, c.fields.period) for c in moves] == [(3.0, "day"), (10.0, "month")]


def test_a_price_at_the_end_of_a_year_is_that_years_last_close():
    f = only("Pfizer fell on Friday. The stock was $33.34 at the end of 2021.", "stock_price", "2022-02-07T09:00:00-05:00").fields
    assert (f.price, f.basis, f.date) == (33.34, "close", D(2021, 12, 31))
    f = only("Pfizer shares stood at $33.34 at the end of last year.", "stock_price", "2022-02-07T09:00:00-05:00").fields
    assert (f.basis, f.date) == ("close", D(2021, 12, 31))
    # another period's end, or a year not yet over, is no year's close
    assert not kinds("Pfizer shares were $33.34 at the end of the quarter.", "stock_price", "2022-02-07T09:00:00-05:00")
    assert not kinds("Pfizer shares were $33.34 at the end of 2022.", "stock_price", "2022-02-07T09:00:00-05:00")


def test_a_weekdays_move_noun_to_a_price_gives_the_level_it_reached():
    text = "Pfizer rose 2.1% on Wednesday. The move added to Tuesday's gain, which followed Monday's 3.3% drop to $28.93."
    f = only(text, "stock_price", "2026-01-29T19:45:00-05:00").fields
    assert (f.price, f.date, f.direction) == (28.93, D(2026, 1, 26), "down")
    # another company named in the sentence: not the stock in focus
    assert not kinds("Pfizer shares had a rough start. Monday's 3.3% drop to $28.93 in Merck shares hurt.", "stock_price",
                     "2026-01-29T19:45:00-05:00")


def test_a_session_extreme_named_then_its_figure_after_a_comma_is_that_extreme():
    # an apposition: "hits the low of the day, $X" gives the figure of the noun before the comma
    f = only("Zentrix opened weak. Within minutes the stock hit the low of the day, $44.20, and then bounced.", "stock_price",
             "2026-01-29T16:25:00-05:00").fields
    assert (f.price, f.basis) == (44.2, "low")
    f = only("Within minutes the stock touched the session high, $47.90.", "stock_price", "2026-01-29T16:25:00-05:00").fields
    assert (f.price, f.basis) == (47.9, "high")
    # a figure after a comma that follows no extreme noun is not read as one
    assert not kinds("Within minutes the stock hit the day's news flow, $44.20 of it in fees.", "stock_price", "2026-01-29T16:25:00-05:00")


def test_buying_back_the_shares_a_holder_sold_is_that_holders_fill():
    # a round trip: shares sold, then bought back on a day of its own, by the writer's account
    text = "We sold 20 shares of Zentrix at $45.10 on January 6, then bought 12 shares back at $46.95 on January 14."
    prices = kinds(text, "stock_price", "2026-01-29T16:25:00-05:00")
    assert [(c.fields.price, c.fields.date, c.fields.basis) for c in prices] == [
        (45.1, D(2026, 1, 6), "intraday"), (46.95, D(2026, 1, 14), "intraday")]
    # a company buying back its own stock is a repurchase, never a quote
    assert not kinds("We bought back 2 million shares at $46.95 on January 14.", "stock_price", "2026-01-29T16:25:00-05:00")


def test_a_sessions_close_as_the_subject_of_a_move_noun_is_that_sessions_move():
    text = ("Pfizer closed at $51.20 on Friday. On Monday the shares opened higher. Then the profit-taking came, and the closing of that day "
            "was a jump of 7.3% from the previous day.")
    f = only(text, "price_change", "2026-01-29T16:25:00-05:00").fields
    assert (f.percent, f.period, f.date) == (7.3, "day", D(2026, 1, 26))
    f = only("Pfizer closed at $51.20 on Friday. It moved again on Monday. The close was a 2.4% drop.", "price_change",
             "2026-01-29T16:25:00-05:00").fields
    assert (f.percent, f.date) == (-2.4, D(2026, 1, 26))
    # a close of something else (a deal, a quarter) is no session's
    assert not kinds("Pfizer closed at $51.20 on Friday. The close of the quarter was a jump of 7.3% in revenue.", "price_change",
                     "2026-01-29T16:25:00-05:00")
    # with no day named before it, the close's session is not said
    assert not kinds("Pfizer shares rose 2% this week. The close was a 2.4% drop.", "price_change", "2026-01-29T16:25:00-05:00")[1:]
    # no publication time: the day named before cannot be placed, so the move stays undated and is never checked
    moves = kinds("Pfizer closed at $51.20 on Wednesday. On Thursday it opened higher. The close was a 2.4% drop.", "price_change", None)
    assert [(c.fields.percent, c.fields.date) for c in moves] == [(-2.4, None)]


def test_a_day_then_a_price_noun_then_the_figure_is_that_days_price():
    # a chart annotation or a table cell: "Jan. 22 close $27.40", "Jan. 21 low: $26.10"
    text = 'Pfizer daily chart.\nAnnotation: "Jan. 22 close $27.40 - results out after the bell"\n'
    f = only(text, "stock_price", "2026-01-29T16:25:00-05:00").fields
    assert (f.price, f.basis, f.date) == (27.4, "close", D(2026, 1, 22))
    f = only("Pfizer levels to watch. Jan. 21 low: $26.10.", "stock_price", "2026-01-29T16:25:00-05:00").fields
    assert (f.price, f.basis, f.date) == (26.1, "low", D(2026, 1, 21))
    # a close the move is measured from is a base, read by the move's own rule, not as a label
    assert not [c for c in kinds("Pfizer is up 4% since the Jan. 22 close $27.40.", "stock_price", "2026-01-29T16:25:00-05:00")
                if c.fields.basis == "close" and c.fields.date == D(2026, 1, 22) and "since" in c.quote]
def test_a_move_in_the_year_of_publication_is_the_year_so_far():
    # "up 8.1% in 2021" written in February 2021: the move since the last close of 2020, not a trailing twelve months
    claims = rule_claims("Widgetco shares closed at $55.20 on Tuesday, up 8.1% so far in 2021. Gadgetco shares have gained 30% in 2021.",
                         "2021-02-10T16:30:00-05:00")
    moves = [c.fields for c in claims if c.kind == "price_change"]
    assert [(m.percent, m.period) for m in moves] == [(8.1, "ytd"), (30.0, "ytd")]
    # a year already over keeps its calendar span
    past = [c.fields for c in rule_claims("Widgetco shares rose 54% in 2019.", "2021-02-10T16:30:00-05:00") if c.kind == "price_change"]
    assert past[0].period == "unspecified" and past[0].date == dt.date(2019, 12, 31)


def test_a_move_inside_an_after_phrase_takes_its_own_day_not_the_span_before_the_phrase():
    claims = rule_claims("Widgetco shares are up 8.1% so far in 2021 after a 4.4% jump on Jan. 4.", "2021-02-10T16:30:00-05:00")
    moves = {c.fields.percent: c.fields for c in claims if c.kind == "price_change"}
    assert moves[4.4].date == dt.date(2021, 1, 4) and moves[4.4].period == "day"
    assert moves[8.1].period == "ytd"


@pytest.mark.parametrize("sentence, day", [
    # a market phrase before the day ("At the New York Stock Exchange on 12th (Tuesday), ..."): the opening dates the sentence
    ("At the New York Stock Exchange on 12th (Tuesday), Widgetco shares opened higher and the shares later reached 41.20 dollars.",
     dt.date(2021, 1, 12)),
    ("In Nasdaq trading on Tuesday, Widgetco opened higher and the shares later reached $41.20.", dt.date(2021, 1, 12)),
    # an adverb before the preposition ("Already on ...", "Back then on ...") does not hide the leading day
    ("Already on January 5 after the product launch, Widgetco shares reached $41.20 in one day.", dt.date(2021, 1, 5)),
])
def test_a_leading_day_behind_a_place_phrase_or_an_adverb_dates_the_sentence(sentence, day):
    prices = [c.fields for c in rule_claims(sentence, "2021-01-15T20:30:00-05:00") if c.kind == "stock_price"]
    assert prices and prices[0].date == day


def test_an_ordinal_that_disagrees_with_its_weekday_is_no_leading_day():
    sentence = "At the New York Stock Exchange on 14th (Tuesday), Widgetco shares opened higher and the shares later reached 41.20 dollars."
    prices = [c.fields for c in rule_claims(sentence, "2021-01-15T20:30:00-05:00") if c.kind == "stock_price"]
    assert prices and prices[0].date is None


def test_a_move_month_to_date_is_this_months_move():
    claims = rule_claims("- Month to date MSFT is +2.4% through tonight's close of $410.20, near the top of its range.", "2021-01-15T20:30:00-05:00")
    move = next(c.fields for c in claims if c.kind == "price_change")
    assert move.period == "month"


def test_a_leading_day_after_earlier_or_later_dates_every_claim_of_the_sentence():
    text = ("Microsoft had a rough month. Analysts moved as well. Earlier, on January 6, Barclays had downgraded it to Underweight. "
            "Later, on January 8, the stock closed at $402.75.")
    claims = rule_claims(text, "2021-01-15T20:30:00-05:00")
    rating = next(c.fields for c in claims if c.kind == "analyst_rating")
    price = next(c.fields for c in claims if c.kind == "stock_price")
    assert rating.date == dt.date(2021, 1, 6) and price.date == dt.date(2021, 1, 8)


def test_a_move_for_the_year_through_a_day_is_the_year_to_date_move_to_that_day():
    # "for the year through <day>": the calendar year to date, ending on the day named, not that day's move
    pub = "2026-03-06T16:25:00-05:00"
    f = only("Zentrix closed at $41.20 on Thursday, leaving it down 6.3% for the year through that session.", "price_change", pub).fields
    assert (f.percent, f.period, f.date) == (-6.3, "ytd", D(2026, 3, 5))
    f = only("Zentrix shares were up 8.8% for the year through the Feb. 27 close.", "price_change", pub).fields
    assert (f.percent, f.period, f.date) == (8.8, "ytd", D(2026, 2, 27))
    # a year the words name otherwise is not the year to date
    f = only("Zentrix shares fell 2.1% on Feb. 27, their worst day of the year.", "price_change", pub).fields
    assert (f.period, f.date) == ("day", D(2026, 2, 27))


def test_a_when_clause_after_a_named_day_is_that_days_move_not_the_sentences_lead_period():
    # the sentence's lead names a month, but the clause of the move hangs on the day named right before it
    text = "In March the Zentrix shares lost 9%, with the worst drop on March 12, when the stock fell 4.4%, and on March 20, when it was off 2.9%."
    moves = kinds(text, "price_change", "2026-04-10T16:25:00-04:00")
    assert [(c.fields.percent, c.fields.period, c.fields.date) for c in moves] == [
        (-9.0, "month", D(2026, 3, 31)), (-4.4, "day", D(2026, 3, 12)), (-2.9, "day", D(2026, 3, 20))]
    # with no day between the lead and the clause, the lead's period stands
    f = kinds("In March the Zentrix shares lost 9%, when the market fell 4.4%.", "price_change", "2026-04-10T16:25:00-04:00")[0].fields
    assert (f.percent, f.period) == (-9.0, "month")


def test_a_move_over_the_week_written_after_the_figure_is_the_weeks_move():
    moves = kinds("Zentrix shares fell 3.1% on Friday, and they were down about 8% over the week.", "price_change", "2026-03-07T09:00:00-05:00")
    assert [(c.fields.percent, c.fields.period) for c in moves][1] == (-8.0, "week")
    # a week named by what it follows is not the calendar week
    moves = kinds("Zentrix shares were down about 8% in the week after the report.", "price_change", "2026-03-07T09:00:00-05:00")
    assert all(c.fields.period != "week" for c in moves)


def test_a_day_leading_a_later_clause_of_the_sentence_dates_that_clauses_move():
    pub = "2026-03-20T16:25:00-04:00"
    moves = kinds("Zentrix shares slid 3.3% on March 4, and on March 11, the day of the investor meeting, they rose 5.2%.", "price_change", pub)
    assert [(c.fields.percent, c.fields.date) for c in moves] == [(-3.3, D(2026, 3, 4)), (5.2, D(2026, 3, 11))]
    f = only("The stock was quiet for weeks, but on March 11 it rose 5.2%.", "price_change", pub).fields
    assert (f.percent, f.date) == (5.2, D(2026, 3, 11))
    # a day that dates something else in between (a figure between the day and the move) is not the move's
    moves = kinds("Zentrix guided to $4.10 a share on March 11, and the stock, which had slipped before, then rose 5.2%.", "price_change", pub)
    assert all(c.fields.date != D(2026, 3, 11) for c in moves)


def test_the_publication_month_so_far_is_the_month_to_date():
    pub = "2026-03-20T16:25:00-04:00"
    f = only("Zentrix shares closed Thursday at $41.20. March so far the stock is up 6.6%.", "price_change", pub).fields
    assert (f.percent, f.period) == (6.6, "month")
    f = only("So far in March, Zentrix shares have lost 4.1%.", "price_change", pub).fields
    assert (f.percent, f.period) == (-4.1, "month")
    # another month named with "so far" is not this month's move
    moves = kinds("January so far had been kind, but Zentrix shares have lost 4.1% since.", "price_change", pub)
    assert all(c.fields.period != "month" for c in moves)


def test_a_price_in_cents_followed_by_the_singular_currency_word_is_a_dollar_price():
    # translated copy writes the unit after the figure, singular: "closed at 41.25 dollar"
    pub = "2026-03-20T08:30:00+09:00"
    f = only("Zentrix Inc. reported its results. The company shares on March 18 closed at 41.25 dollar at the New York stock market.", "stock_price", pub).fields
    assert (f.price, f.currency, f.date, f.basis) == (41.25, "USD", D(2026, 3, 18), "close")
    # a whole figure with the adjective form is no quoted price ("a 20-dollar bill")
    assert not find_money("He paid with a 20-dollar bill.")


def test_a_close_at_a_price_followed_by_at_the_venue_is_the_close():
    # "closed at $X at the exchange": the words after the price name the venue, not a second price
    f = only("Zentrix shares closed at $41.25 at the New York exchange on March 18.", "stock_price", "2026-03-20T08:30:00-04:00").fields
    assert (f.price, f.basis, f.date) == (41.25, "close", D(2026, 3, 18))
    # "ended $3.10 higher at $150": the first figure is the change, still not a close
    prices = kinds("Zentrix shares ended $3.10 higher at $150.20 on March 18.", "stock_price", "2026-03-20T08:30:00-04:00")
    assert [c.fields.price for c in prices] == [150.2]
    prices = kinds("Zentrix shares closed $3.10 at $150.20 on March 18.", "stock_price", "2026-03-20T08:30:00-04:00")
    assert 3.1 not in [c.fields.price for c in prices]
