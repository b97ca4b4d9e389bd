"""Money, percentages and counts as articles write them, with exact spans."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from verifier.extract.numbers import find_counts, find_money, find_percents, parse_amount, parse_number


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("up to $50 billion in OpenAI", 50e9, "USD"),
        ("a $50bn deal", 50e9, "USD"),
        ("for $2.5B in cash", 2.5e9, "USD"),
        ("closed at $241.73 on Friday", 241.73, "USD"),
        ("fell to €210.50", 210.50, "EUR"),
        ("a £1.2 million fine", 1.2e6, "GBP"),
        ("the $1T market value", 1e12, "USD"),
        ("about $100M for NextVR", 100e6, "USD"),
        ("EUR 3.5 billion", 3.5e9, "EUR"),
        ("61.80 euros in Frankfurt", 61.80, "EUR"),
        ("50 billion dollars", 50e9, "USD"),
        ("a target of $2,600", 2600.0, "USD"),
        ("US$12.40 a share", 12.40, "USD"),
    ],
)
def test_money_in_units_with_currency(text, value, currency):
    found = find_money(text)
    assert len(found) == 1, found
    money = found[0]
    assert money.value == pytest.approx(value)
    assert money.currency == currency
    # the span is the amount as written, so a claim quote that holds it holds the number
    assert text[money.start : money.end].strip()[0] in "$€£UE56"


@pytest.mark.parametrize("text", ["$5 to $6", "$295 from $270", "$310 Price Target"])
def test_a_following_word_is_not_a_scale(text):
    values = [m.value for m in find_money(text)]
    assert all(v < 1000 for v in values), values


def test_money_spans_are_exact_and_ordered():
    text = "Roth raised its target to $295 from $270, and the deal is worth $4.2 billion."
    found = find_money(text)
    assert [text[m.start : m.end] for m in found] == ["$295", "$270", "$4.2 billion"]
    assert [m.scaled for m in found] == [False, False, True]


@pytest.mark.parametrize(
    "text, value, signed",
    [
        ("slipped 0.7% to $243.01", 0.7, False),
        ("down 3.5 percent", 3.5, False),
        ("+14.76% premarket", 14.76, True),
        ("-2.1% on the day", -2.1, True),
        ("up 4 per cent", 4.0, False),
    ],
)
def test_percentages(text, value, signed):
    (p,) = find_percents(text)
    assert p.value == pytest.approx(value)
    assert p.signed is signed


def test_hyphenated_words_are_not_minus_signs():
    (p,) = find_percents("a year-5% rise")
    assert p.value == 5.0 and not p.signed


def test_percentage_points_are_marked():
    (p,) = find_percents("margins widened 2 percentage points")
    assert p.points


@pytest.mark.parametrize("text, value", [("16k jobs", 16000), ("30,000 roles", 30000), ("1.5 million people", 1.5e6)])
def test_counts(text, value):
    (c,) = find_counts(text)
    assert c.value == pytest.approx(value)


def test_counts_exclude_money_percent_and_glued_numbers():
    counts = find_counts("$5 billion, 12%, call 555-123-4567, 30.01.2026 and 4,000 jobs")
    assert [c.value for c in counts if c.value == 4000] == [4000]
    assert all(c.value not in (5, 12) for c in counts)


@pytest.mark.parametrize("text, value", [("50 billion", 50e9), ("50bn", 50e9), ("2.5B", 2.5e9), ("16k", 16000), ("30,000", 30000)])
def test_parse_amount(text, value):
    assert parse_amount(text) == pytest.approx(value)


@pytest.mark.parametrize("bad", ["", "abc", "1,2,3x", "$5"])
def test_parse_refuses_non_numbers(bad):
    with pytest.raises(ValueError):
        parse_amount(bad)
    with pytest.raises(ValueError):
        parse_number(bad)


def test_scaled_amounts_are_exact():
    (money,) = find_money("revenue of $68.1 billion")
    assert money.value == 68_100_000_000.0
    assert parse_amount("0.3 million") == 300_000.0


EUROPEAN_BRIEF = (
    "L'action a cl\u00f4tur\u00e9 \u00e0 118,45 dollars, en baisse de 2,1 %. Le chiffre d'affaires atteint 1.234,5 millions d'euros "
    "et la marge 7,5 %. Le groupe supprime 3.200 postes ; la filiale vaut USD 4,8 Mrd."
)


def test_a_document_with_decimal_commas_is_read_the_european_way():
    from verifier.extract.numbers import decimal_comma

    assert decimal_comma(EUROPEAN_BRIEF)
    money = [(EUROPEAN_BRIEF[m.start : m.end], m.value, m.currency) for m in find_money(EUROPEAN_BRIEF)]
    assert money == [
        ("118,45 dollars", 118.45, "USD"), ("1.234,5 millions d'euros", 1234.5e6, "EUR"), ("USD 4,8 Mrd.", 4.8e9, "USD"),
    ]
    assert [p.value for p in find_percents(EUROPEAN_BRIEF)] == [2.1, 7.5]
    assert [c.value for c in find_counts(EUROPEAN_BRIEF)] == [3200.0]


@pytest.mark.parametrize(
    "text",
    [
        "Shares rose 2.1% to $118.45 and the company cut 1,234 jobs, 3,200 in Europe.",
        "The index gained 1,5 points, it said.",  # one stray comma decimal does not make a convention
        "Revenue was $2.5B, up 9.1%, and EPS $1.20; margins 7,5 and 8,1 against 9.2, 9.4, 9.9 and 10.3 a year ago.",
    ],
)
def test_an_english_document_keeps_its_thousands_commas(text):
    from verifier.extract.numbers import decimal_comma

    assert not decimal_comma(text)


def test_thousands_comma_stays_a_thousand_in_english():
    text = "The company cut 1,234 jobs and now employs 45,000."
    assert [c.value for c in find_counts(text)] == [1234.0, 45000.0]


@pytest.mark.parametrize(
    "text, value",
    [("it paid forty-two billion dollars for it", 42e9), ("two hundred fifteen million dollars", 215e6),
     ("a hundred and five dollars", 105.0), ("twelve point five billion euros", 12.5e9)],
)
def test_money_in_words_needs_a_currency_word(text, value):
    found = find_money(text)
    assert [m.value for m in found] == [pytest.approx(value)]
    assert text[found[0].start : found[0].end].endswith(("dollars", "euros"))


@pytest.mark.parametrize("text, value", [("down six percent", 6.0), ("up eleven and a half percent", 11.5), ("seven point two per cent", 7.2)])
def test_percent_in_words(text, value):
    assert [p.value for p in find_percents(text)] == [value]


def test_counts_in_words_need_a_scale():
    assert [c.value for c in find_counts("it cut twelve thousand jobs")] == [12000.0]
    assert find_counts("two of the three analysts") == []
    assert find_money("forty-two billion in sales") == []  # no currency word: not money
    assert find_money("two-forty-four and change") == []  # colloquial prices are not guessed


@pytest.mark.parametrize(
    "text, values",
    [("a guide of $88-92B", [88e9, 92e9]), ("costs of $1.1-1.4 billion", [1.1e9, 1.4e9]), ("$3 to $4 billion", [3e9, 4e9]),
     ("between $40 and $45 million", [40e6, 45e6])],
)
def test_a_scale_written_once_closes_a_range(text, values):
    assert [m.value for m in find_money(text)] == [pytest.approx(v) for v in values]
    assert all(m.scaled for m in find_money(text))


@pytest.mark.parametrize(
    "text, values",
    [("cut the target to $95 from $110, on a $4.2 billion deal", [95.0, 110.0, 4.2e9]),
     ("the stock at $250 to a $4.2 billion buyer", [250.0, 4.2e9]),  # "to a" joins no range
     ("paid $12 and $3 billion", [12.0, 3e9])],  # "and" joins a range only after "between"
)
def test_a_price_before_a_scaled_amount_is_not_a_range(text, values):
    assert [m.value for m in find_money(text)] == [pytest.approx(v) for v in values]


@pytest.mark.parametrize("text, value", [("a 6.5 billion dollar takeover", 6.5e9), ("its 40 million-dollar plant", 40e6)])
def test_the_adjective_form_of_an_amount(text, value):
    assert [m.value for m in find_money(text)] == [value]


@pytest.mark.parametrize("text", ["a billion-dollar company", "the 5 dollar bill", "a 5 dollar-store chain"])
def test_no_adjective_amount_without_a_number_and_a_scale(text):
    assert find_money(text) == []


def test_german_scale_words_mark_a_decimal_comma_even_in_english_copy():
    text = "Shares rose 2.1% to $118.45; cloud sales reached USD 3,2 Mrd. and costs 450,5 Mio. EUR, on 12 Mrd. units."
    assert [(text[m.start : m.end], m.value) for m in find_money(text)] == [
        ("$118.45", 118.45), ("USD 3,2 Mrd.", 3.2e9), ("450,5 Mio. EUR", 450.5e6)]


@pytest.mark.parametrize("text, values", [
    ("it settled at four thirty two", [432.0]),
    ("then it finished the day at six eighty one forty four", [681.44]),
    ("they marked it at three oh seven dollars", [307.0]),
    ("shares were around five forty five dollars and the rest", [545.0]),
    ("it ended the week at three-forty-one sixty-two, off the lows", [341.62]),  # cents after a hyphenated pair
])
def test_a_spoken_price_pair_without_hyphens(text, values):
    from verifier.extract.numbers import find_spoken_prices
    assert [m.value for m in find_spoken_prices(text)] == values
    assert find_money(text) == []  # "forty five dollars" alone is not the amount


@pytest.mark.parametrize("text", [
    "the webcast begins at four thirty", "we go live at eight fifteen eastern", "three of the four analysts",
    "one of the largest holders", "the best year since nineteen ninety nine", "back in twenty nineteen",
    "they waited until six forty", "a move of three twenty percent",
])
def test_no_spoken_price_from_times_years_or_partitives(text):
    from verifier.extract.numbers import find_spoken_prices
    assert find_spoken_prices(text) == []


def test_dollars_and_cents_in_words():
    from verifier.extract.numbers import find_spoken_prices
    text = "the close was one hundred sixty three dollars and forty cents on the day"
    assert [m.value for m in find_money(text)] == [163.4]
    assert [m.value for m in find_spoken_prices(text)] == [163.4]
    assert text[find_money(text)[0].start : find_money(text)[0].end].endswith("forty cents")
    assert [m.value for m in find_money("nine billion dollars and sixty cents")] == [9e9]  # cents never add to a scaled sum


# --------------------------------------------------------------------------- the shared readers

def test_one_european_reader_pins_every_form():
    from verifier.extract.numbers import european_amount

    assert european_amount("1.234,5") == 1234.5
    assert european_amount("244,22") == 244.22
    assert european_amount("14.000") == 14000.0
    assert european_amount("3,2", "Mrd.") == 3.2e9
    assert european_amount("1,5", "mil millones") == 1.5e9
    assert european_amount("2", "millón") == 2e6
    assert european_amount("2", "Milliarden") == 2e9
    assert european_amount("2", "zillion") is None
    # the one reader behind every European money path
    assert [(m.value, m.currency) for m in find_money("Der Umsatz lag bei USD 3,2 Mrd. und 4,5 Mio. Euro.")] == [(3.2e9, "USD"), (4.5e6, "EUR")]
    assert [(m.value, m.currency) for m in find_money("Le titre vaut 241,73 dollars.")] == [(241.73, "USD")]
    assert [(m.value, m.currency) for m in find_money("Die Aktie kostet 88,20 Euro.")] == [(88.2, "EUR")]
    assert [(m.value, m.currency) for m in find_money("ricavi di 58,3 miliardi di dollari")] == [(58.3e9, "USD")]
    eu = "Le chiffre d'affaires atteint 1.234,5 millions de dollars, en hausse de 2,1 %, marge de 3,4 %."
    assert [(m.value, m.currency) for m in find_money(eu)] == [(1234.5e6, "USD")]
    assert [p.value for p in find_percents(eu)] == [2.1, 3.4]


def test_one_word_grammar_pins_words_and_pairs():
    from verifier.extract.numbers import find_spoken_money, find_spoken_percents, find_spoken_prices, words_value

    assert words_value("thirty-eight") == 38
    assert words_value("a hundred and twenty") == 120
    assert words_value("nine", point="six") == Decimal("9.6")
    assert words_value("nine", half="half") == Decimal("9.5")
    assert [(m.value, m.scaled) for m in find_money("a gain of thirty-eight billion dollars")] == [(38e9, True)]
    assert [p.value for p in find_percents("up nine and a half percent")] == [9.5]
    assert [c.value for c in find_counts("fourteen thousand jobs")] == [14000.0]
    assert [p.value for p in find_spoken_percents("nine point six percent")] == [9.6]
    assert [m.value for m in find_spoken_money("one-eighty point two billion")] == [180.2e9]
    assert [m.value for m in find_spoken_money("a buck ninety-five")] == [1.95]
    # the pair mode: hundreds and the rest, then the cents; "oh" is nought
    prices = lambda t: [m.value for m in find_spoken_prices(t)]  # noqa: E731
    assert prices("it closed at two fifty six") == [256.0]
    assert prices("it closed at two seventy seven ninety seven") == [277.97]
    assert prices("it closed at nine oh five") == [905.0]
    assert prices("it closed at two-fifty-two eighty-six") == [252.86]
    assert prices("two hundred forty two dollars and twenty one cents") == [242.21]
    assert prices("the bell rings at two thirty") == []


# --------------------------------------------------------------------------- the shared number-word scan (issue 13)

def _word_finders():
    from verifier.extract import numbers as N
    from verifier.extract.rules import spelled as S

    for cached in (N._find_money, N._find_percents, N._find_counts):
        cached.cache_clear()  # their answers are kept per window: read each window afresh
    return [N.find_money, N.find_percents, N.find_counts,
            N.find_spoken_prices, N.find_spoken_percents, N.find_spoken_money, S.find_word_numbers]


def test_number_word_scan_answers_per_window():
    from verifier.extract.numbers import find_spoken_money, has_number_word

    text = "Quorvex said revenue rose. On the call, the CFO put it at one-eighty point two billion dollars."
    cut = text.index("On the call")
    assert not has_number_word(text, 0, cut)
    assert has_number_word(text, cut, len(text))
    assert has_number_word(text)  # the whole text, end None
    assert not has_number_word("Someone phoned; money was often done.")  # words holding 'one', 'ten': no number word
    assert find_spoken_money(text, 0, cut) == []
    assert [m.value for m in find_spoken_money(text, cut, len(text))] == [180.2e9]


def test_number_word_scan_on_and_off_find_the_same_numbers(monkeypatch):
    """The word-number finders skip a window without a number word: over every dev article's sentences (and the
    invented lines below) they answer as they do reading every window, and every match they find holds a word of
    the scan, inside the match."""
    from verifier.extract import numbers as N
    from verifier.text import split_sentences
    from tests.test_gates import _texts

    lines = ["Shares of Quorvex last traded at two-forty-four and change.", "It was TWO FIFTY SIX at the bell.",
             "Vendra cut fourteen thousand jobs.", "A buck ninety-five, a hundred and twenty dollars, nine point six percent.",
             "Revenue was thirty-eight billion dollars, up nine and a half percent; it hired two thousand people."]
    windows = [(t, s.start, s.end) for t in _texts() + lines for s in split_sentences(t)]
    found = {}
    for gate in (False, True):
        monkeypatch.setattr(N, "NUMBER_WORD_GATE", gate)
        found[gate] = [[f(t, a, b) for f in _word_finders()] for t, a, b in windows]
    assert found[True] == found[False]
    spans = [(t, x.start, x.end) for (t, _, _), row in zip(windows, found[False]) for hits in row[3:] for x in hits]
    assert len(spans) > 10
    worded = [(t, x.start, x.end) for (t, a, b), row in zip(windows, found[False]) for hits in row[:3] for x in hits
              if not re.search(r"\d", t[x.start : x.end])]  # amounts in words among the number finders' figures
    assert len(worded) >= 3
    spans += worded
    monkeypatch.setattr(N, "NUMBER_WORD_GATE", True)
    assert all(N._NUMBER_WORD.search(t, a, b) for t, a, b in spans)


def test_a_singular_dollar_where_the_phrase_ends_is_money():
    # translated or non-native copy: "raised the target to 223 dollar", "from 200 dollar to 223 dollar"
    found = find_money("Halden's target went from 200 dollar to 223 dollar.", 0, 52)
    assert [(m.value, m.currency) for m in found] == [(200.0, "USD"), (223.0, "USD")]
    # a dollar figure qualifying a noun is no amount the article states
    assert find_money("He paid with a 20 dollar bill at the 1 dollar store.", 0, 52) == []
def test_a_singular_dollar_after_the_figure_is_money_but_not_a_dollar_store():
    from verifier.extract.numbers import find_money
    assert [(m.value, m.currency) for m in find_money("a buyback of additional 50 billion dollar.")] == [(50e9, "USD")]
    assert [m.value for m in find_money("the EPS became 2.55 dollar, up")] == [2.55]
    assert find_money("it runs 300 dollar stores") == []
