"""Property tests (hypothesis): offsets, publication dates, and number/currency parsing.

Every quote in a report must be the article's own words at its offsets, for any input. Dates
must parse back to what was written, and a day that does not exist is never rolled over into
the next month. Numbers, amounts and currencies read from text must equal what was written.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from verifier.dates import BERLIN, NEW_YORK, find_publication_time, parse_datetime_arg
from verifier.errors import InputError
from verifier.extract.base import ground_claim, ground_flag, locate
from verifier.schemas import ClaimDraft, FlagDraft, StockPriceFields

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text with the characters that break naive offset code: whitespace runs, typographic quotes and
# dashes, non-breaking spaces, case-folding letters whose lower-case form is longer (İ), combining
# marks, astral-plane characters, and ordinary prose.
TRICKY = "İıßẞﬁΣσς\u0307\u00a0\u2019\u2018\u201c\u201d\u2013\u2014\t\n\r  $€%.,0123456789\U0001F680é"
texts = st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from(list(TRICKY)), max_size=300)
prose = st.text(alphabet=st.sampled_from(list("Amazon shares closed at $241.73 on Friday, up 1.5%. ") + list(TRICKY)), max_size=300)


def _collapse(s: str) -> str:
    table = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
    return re.sub(r"\s+", " ", "".join(table.get(c, c) for c in s)).strip()


# --------------------------------------------------------------------------- offsets


@FAST
@given(text=texts, data=st.data())
def test_locate_finds_any_substring_at_its_own_words(text, data):
    assume(text.strip())
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = text[i:j]
    assume(quote.strip())
    span = locate(text, quote)
    assert span is not None
    start, end = span
    assert text[start:end] == quote.strip()


@FAST
@given(text=st.one_of(texts, prose), quote=st.one_of(texts, prose))
def test_locate_returns_a_valid_span_or_none(text, quote):
    span = locate(text, quote)
    if span is None:
        return
    start, end = span
    assert 0 <= start < end <= len(text)
    # the span is the quote up to whitespace, typographic quotes/dashes and case
    assert _collapse(text[start:end]).lower() == _collapse(quote).lower()


@FAST
@given(
    pre=prose,
    mid=prose,
    quote=st.text(alphabet=st.sampled_from(list("Amazon $241.73 up")), min_size=1, max_size=30),
)
def test_locate_prefers_the_occurrence_after_the_cursor(pre, mid, quote):
    quote = quote.strip()
    assume(quote)
    text = pre + quote + mid + quote
    second = len(pre) + len(quote) + len(mid)
    span = locate(text, quote, after=second)
    assert span is not None
    assert span[0] >= second or text.find(quote, second) < 0
    assert text[span[0] : span[1]] == quote


@FAST
@given(text=st.one_of(texts, prose), data=st.data())
def test_grounded_claims_and_flags_quote_the_text_exactly(text, data):
    assume(text.strip())
    i = data.draw(st.integers(0, len(text) - 1))
    j = data.draw(st.integers(i + 1, len(text)))
    quote = data.draw(st.sampled_from([text[i:j], text[i:j].upper(), " ".join(text[i:j].split())]))
    assume(quote.strip())
    draft = ClaimDraft(quote=quote, company="Amazon", fields=StockPriceFields(price=241.73))
    claim = ground_claim(text, draft, "c1")
    if claim is not None:
        assert text[claim.start : claim.end] == claim.quote
    flag = ground_flag(text, FlagDraft(quote=quote, technique="urgency"))
    if flag is not None:
        assert text[flag.start : flag.end] == flag.quote


def test_locate_with_length_changing_lowercase_keeps_offsets():
    # 'İ'.lower() is two characters: a case-insensitive search must not shift the span.
    text = "İİİİ header. Amazon Shares Closed At $241.73 today."
    span = locate(text, "amazon shares closed at $241.73")
    assert span is not None
    assert text[span[0] : span[1]] == "Amazon Shares Closed At $241.73"


# --------------------------------------------------------------------------- publication dates

aware_times = st.datetimes(
    min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2079, 12, 31), timezones=st.just(dt.timezone.utc)
).map(lambda d: d.replace(microsecond=0))
naive_times = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2079, 12, 31)).map(
    lambda d: d.replace(microsecond=0)
)
offsets = st.integers(-12 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))

ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]


@FAST
@given(when=naive_times, tz=offsets)
def test_iso_published_argument_round_trips(when, tz):
    aware = when.replace(tzinfo=tz)
    assert parse_datetime_arg(aware.isoformat()) == aware


@FAST
@given(when=naive_times)
def test_zone_less_iso_argument_is_new_york(when):
    parsed = parse_datetime_arg(when.isoformat())
    assert parsed.replace(tzinfo=None) == when
    # isoformat() drops `fold`, so a repeated hour (clocks going back) reads as its first occurrence
    assert parsed.utcoffset() == when.replace(fold=0, tzinfo=NEW_YORK).utcoffset()


@FAST
@given(when=naive_times, lead=st.sampled_from(["", "Ad\nHeadline\n", "Updated: "]), tail=prose)
def test_german_header_is_berlin_time(when, lead, tail):
    text = f"{lead}{when:%d.%m.%Y - %H:%M:%S} {tail}"
    found = find_publication_time(text)
    assert found is not None
    assert found.value.replace(tzinfo=None) == when
    assert found.value.tzinfo == BERLIN or str(found.value.tzinfo) == "Europe/Berlin"
    assert text[found.start : found.end].startswith(f"{when:%d.%m.%Y}")


@FAST
@given(when=naive_times.map(lambda d: d.replace(second=0)), zone=st.sampled_from(["ET", "EST", "EDT", "UTC", "GMT", ""]))
def test_english_header_reads_back(when, zone):
    hour12 = when.hour % 12 or 12
    ampm = "a.m." if when.hour < 12 else "p.m."
    text = f"{ENGLISH_MONTHS[when.month - 1]} {when.day}, {when.year} {hour12}:{when.minute:02d} {ampm} {zone}\nBody."
    found = find_publication_time(text)
    assert found is not None
    assert found.value.replace(tzinfo=None) == when
    if zone in ("ET", ""):
        # a wall time that a clock change repeats is one of its two instants: either reading is fair
        assert found.value.utcoffset() in {when.replace(tzinfo=NEW_YORK, fold=f).utcoffset() for f in (0, 1)}
    else:
        # EST names the standard-time instant of a repeated hour, EDT the daylight one
        expected = NEW_YORK if zone in ("EST", "EDT") else dt.timezone.utc
        fold = 1 if zone == "EST" else 0
        assert found.value.utcoffset() == when.replace(tzinfo=expected, fold=fold).utcoffset()


@FAST
@given(year=st.integers(1990, 2079), month=st.integers(1, 12), day=st.integers(29, 39), style=st.sampled_from(["de", "en", "iso"]))
def test_impossible_days_are_never_rolled_over(year, month, day, style):
    try:
        dt.date(year, month, day)
        assume(False)
    except ValueError:
        pass
    text = {
        "de": f"{day:02d}.{month:02d}.{year} - 10:00:00 Amazon shares fell.",
        "en": f"{ENGLISH_MONTHS[month - 1]} {day}, {year} 10:00 ET Amazon shares fell.",
        "iso": f"{year}-{month:02d}-{day:02d}T10:00:00Z Amazon shares fell.",
    }[style]
    assert find_publication_time(text) is None
    with pytest.raises(InputError):
        parse_datetime_arg(text.split(" Amazon")[0])


@FAST
@given(text=texts)
def test_publication_search_never_raises_and_spans_the_header(text):
    found = find_publication_time(text)
    if found is not None:
        assert 0 <= found.start < found.end <= len(text)
        assert found.value.tzinfo is not None


@FAST
@given(text=texts)
def test_published_argument_is_parsed_or_refused_clearly(text):
    try:
        value = parse_datetime_arg(text)
    except InputError as exc:
        assert "ISO 8601" in str(exc)
    else:
        assert value.tzinfo is not None


def test_dst_edges_keep_the_wall_clock():
    # 29.03.2026 02:30 does not exist in Berlin (clocks jump); 25.10.2026 02:30 happens twice.
    for text in ("29.03.2026 - 02:30:00 x", "25.10.2026 - 02:30:00 x"):
        found = find_publication_time(text)
        assert found is not None and found.value.hour == 2 and found.value.minute == 30
        assert found.value.utcoffset() in (dt.timedelta(hours=1), dt.timedelta(hours=2))
    assert ZoneInfo("Europe/Berlin") == BERLIN


# --------------------------------------------------------------------------- numbers and currencies

from verifier.extract.numbers import (  # noqa: E402
    find_counts,
    find_money,
    find_percents,
    parse_amount,
    parse_number,
)

cents = st.integers(min_value=1, max_value=99_999_999_99)  # $0.01 .. $99,999,999.99
PREFIX_CURRENCIES = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "C$": "CAD", "A$": "AUD", "¥": "JPY", "EUR ": "EUR", "USD ": "USD"}
SUFFIX_CURRENCIES = {" euros": "EUR", " dollars": "USD", " EUR": "EUR", " USD": "USD", "€": "EUR", " CHF": "CHF"}
WORD_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "mln": 1e6, "k": 1e3}


def _fmt_number(value: float, grouped: bool, decimals: int) -> str:
    return f"{value:,.{decimals}f}" if grouped else f"{value:.{decimals}f}"


@FAST
@given(amount=cents, grouped=st.booleans())
def test_parse_number_reads_what_was_written(amount, grouped):
    value = amount / 100
    assert parse_number(_fmt_number(value, grouped, 2)) == pytest.approx(value, rel=1e-12)
    assert parse_number(_fmt_number(float(amount), grouped, 0)) == amount


@FAST
@given(text=texts)
def test_parse_number_accepts_only_numbers(text):
    try:
        value = parse_number(text)
    except ValueError:
        return
    assert value >= 0 and re.fullmatch(r"[\d,]*\.?\d+", text.strip())


@FAST
@given(whole=st.integers(1, 999), frac=st.integers(0, 99), scale=st.sampled_from(sorted(WORD_SCALES)), space=st.booleans())
def test_parse_amount_applies_the_scale(whole, frac, scale, space):
    written = f"{whole}.{frac:02d}{' ' if space else ''}{scale}"
    assert parse_amount(written) == pytest.approx((whole + frac / 100) * WORD_SCALES[scale], rel=1e-9)


@FAST
@given(amount=cents, symbol=st.sampled_from(sorted(PREFIX_CURRENCIES)), grouped=st.booleans(), lead=prose)
def test_money_with_a_prefix_symbol_is_read_exactly(amount, symbol, grouped, lead):
    value = amount / 100
    number = _fmt_number(value, grouped, 2)
    sentence = f"Amazon agreed to pay {symbol}{number} for the stake."
    text = f"{lead} {sentence}" if lead.strip() else sentence
    offset = text.index(sentence)
    found = find_money(text, offset)
    assert len(found) == 1, found
    money = found[0]
    assert money.value == pytest.approx(value, rel=1e-12)
    assert money.currency == PREFIX_CURRENCIES[symbol]
    assert number in text[money.start : money.end]
    assert not money.scaled


@FAST
@given(whole=st.integers(1, 999), frac=st.integers(0, 9), scale=st.sampled_from(["billion", "million", "trillion", "bn", "B", "M"]))
def test_money_with_a_scale_word_is_in_units(whole, frac, scale):
    text = f"Microsoft is in talks to invest up to ${whole}.{frac} {scale} in the start-up." if len(scale) > 2 else (
        f"Microsoft is in talks to invest up to ${whole}.{frac}{scale} in the start-up."
    )
    (money,) = find_money(text)
    factor = {"billion": 1e9, "bn": 1e9, "B": 1e9, "million": 1e6, "M": 1e6, "trillion": 1e12}[scale]
    assert money.value == pytest.approx((whole + frac / 10) * factor, rel=1e-9)
    assert money.scaled and money.currency == "USD"
    assert text[money.start : money.end].rstrip().endswith(scale)


@FAST
@given(amount=cents, suffix=st.sampled_from(sorted(SUFFIX_CURRENCIES)))
def test_money_with_a_suffix_currency_is_read_exactly(amount, suffix):
    value = amount / 100
    text = f"The company paid {value:,.2f}{suffix} for the plant."
    found = find_money(text)
    assert len(found) == 1, found
    assert found[0].value == pytest.approx(value, rel=1e-12)
    assert found[0].currency == SUFFIX_CURRENCIES[suffix]


@FAST
@given(tenths=st.integers(1, 9999), verb=st.sampled_from(["rose", "fell", "slipped", "jumped"]), sign=st.sampled_from(["", "+", "-", "\u2212"]),
       unit=st.sampled_from(["%", " percent", " per cent", " pct"]))
def test_percent_keeps_its_written_sign_and_value(tenths, verb, sign, unit):
    value = tenths / 10
    text = f"Shares {verb} {sign}{value:.1f}{unit} on Tuesday."
    (pct,) = find_percents(text)
    expected = -value if sign in ("-", "\u2212") else value
    assert pct.value == pytest.approx(expected)
    assert pct.signed == bool(sign)
    assert text[pct.start : pct.end].startswith(sign or f"{value:.1f}")


@FAST
@given(n=st.integers(1, 9_999_999), grouped=st.booleans())
def test_counts_are_read_and_money_is_not_a_count(n, grouped):
    number = f"{n:,}" if grouped else str(n)
    text = f"The company will cut {number} jobs and pay $12.50 per share, a 3% premium."
    counts = find_counts(text)  # $12.50 and 3% are money and a percentage, not counts
    assert [c.value for c in counts] == [n]
    assert text[counts[0].start : counts[0].end] == number


@FAST
@given(text=st.one_of(texts, prose))
def test_number_finders_never_raise_and_spans_are_in_the_text(text):
    for item in [*find_money(text), *find_percents(text), *find_counts(text)]:
        assert 0 <= item.start < item.end <= len(text)
        assert any(ch.isdigit() for ch in text[item.start : item.end])
        assert item.value == item.value  # not NaN


# --------------------------------------------------------------------------- offsets through the rule engine

FRAGMENTS = [
    "Amazon shares closed at $241.73 on Friday", "Roth Capital raised its price target to $295 from $270",
    "Apple slipped 0.7% on Tuesday", "the company cut about 30,000 roles", "up to $50 billion in OpenAI",
    "earnings on February 5, 2026", "revenue of $187.8 billion", "30.01.2026 - 17:25:04", "Act now!",
    "Should investors sell immediately?", "Our free analysis", "Nvidia", "Tesla", "€210,50", "16k jobs",
    "\u201cBuy\u201d rating", "\u2013", "\u00a0", "İ", "\n\n", " ", ".", ",", "%", "$", "(", ")",
]
article_like = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=40).map(" ".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=article_like)
def test_rule_engine_quotes_are_the_article_own_words(text):
    from verifier.document import document_from_text
    from verifier.extract.rules import RuleExtractor
    from verifier.pipeline import verify

    try:
        doc = document_from_text(text)
    except InputError:
        return
    extraction = RuleExtractor().extract(doc)
    for item in [*extraction.claims, *extraction.flags]:
        assert doc.text[item.start : item.end] == item.quote
    report = verify(text, extractor="rules", market="none")  # the Report validator re-checks every span
    assert all(c.verdict in ("no_data", "unverifiable") for c in report.claims)
