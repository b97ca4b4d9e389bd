"""Publication time from the header, and dates in the text resolved against it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from verifier.dates import (
    add_months,
    exchange_date,
    find_dates,
    day_label,
    find_entry_stamp,
    find_publication_time,
    numeric_date_order,
    parse_datetime_arg,
    parse_publication_arg,
    publication_date,
    resolve_month_day,
    resolve_weekday,
    week_start,
)
from verifier.errors import InputError

NY = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
FRIDAY = dt.date(2026, 1, 30)  # publication day of the bundled example


# --------------------------------------------------------------------------- header


@pytest.mark.parametrize(
    "header, expected",
    [
        ("30.01.2026 - 17:25:04 Amazon shares were in a slight decline", dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=BERLIN)),
        ("January 29, 2026 10:00 AM ET\nBody", dt.datetime(2026, 1, 29, 10, 0, tzinfo=NY)),
        ("Jan 29, 2026, 10:00 a.m. EST\nBody", dt.datetime(2026, 1, 29, 10, 0, tzinfo=NY)),
        ("Thursday, January 29, 2026 at 4:05 PM EST", dt.datetime(2026, 1, 29, 16, 5, tzinfo=NY)),
        ("2026-01-29 08:49:00-04:00 text", dt.datetime(2026, 1, 29, 8, 49, tzinfo=dt.timezone(dt.timedelta(hours=-4)))),
        ("2026-01-29T15:00:00Z text", dt.datetime(2026, 1, 29, 15, 0, tzinfo=dt.timezone.utc)),
        ("Published 29 January 2026 10:00\nBody", dt.datetime(2026, 1, 29, 10, 0, tzinfo=NY)),
        ("1/29/2026 12:05 PM ET\nBody", dt.datetime(2026, 1, 29, 12, 5, tzinfo=NY)),
        ("12/31/2025 12:05 AM\nBody", dt.datetime(2025, 12, 31, 0, 5, tzinfo=NY)),
    ],
)
def test_header_formats(header, expected):
    found = find_publication_time(header)
    assert found is not None
    assert found.value == expected
    assert found.value.utcoffset() == expected.utcoffset()


def test_header_running_into_the_first_sentence():
    text = "30.01.2026 - 17:25:04 Amazon shares were in a slight decline to $241.73 on Friday."
    found = find_publication_time(text)
    assert text[found.start : found.end] == "30.01.2026 - 17:25:04"
    assert found.assumption and "Berlin" in found.assumption
    assert exchange_date(found.value) == FRIDAY  # 17:25 in Berlin is 11:25 in New York, same day


@pytest.mark.parametrize("text", ["31.02.2026 - 10:00 Amazon", "Feb 30, 2026 10:00 ET", "13/45/2026 10:00", "30.01.2026 - 25:61"])
def test_invalid_dates_are_ignored_not_crashing(text):
    found = find_publication_time(text)
    assert found is None or found.value.date() == dt.date(2026, 1, 30)


def test_an_invalid_date_does_not_hide_a_valid_one():
    found = find_publication_time("31.02.2026 - 10:00 and 30.01.2026 - 17:25:04")
    assert found.value == dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=BERLIN)


def test_impossible_pm_hour_is_refused():
    assert find_publication_time("January 29, 2026 13:00 PM ET") is None


@pytest.mark.parametrize(
    "text",
    [
        "Earnings Scheduled For April 30, 2020",
        "Amazon will report on February 5, 2026 after the close",
        "Amazon shares closed at $241.73 on Thursday, January 29, 2026.",
    ],
)
def test_an_event_date_is_not_a_dateline(text):
    assert find_publication_time(text) is None


def test_a_date_deep_in_the_body_is_not_a_dateline():
    assert find_publication_time("x" * 700 + " January 29, 2026 10:00 AM ET") is None


def test_parse_datetime_arg():
    assert parse_datetime_arg("2026-01-30T17:25:04+01:00") == dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=BERLIN)
    assert parse_datetime_arg("2026-01-30 11:25").tzinfo == NY
    assert parse_datetime_arg("January 29, 2026 10:00 AM ET") == dt.datetime(2026, 1, 29, 10, tzinfo=NY)
    with pytest.raises(InputError, match="ISO 8601"):
        parse_datetime_arg("31.02.2026")


# --------------------------------------------------------------------------- calendar arithmetic


def test_week_start_and_add_months():
    assert week_start(FRIDAY) == dt.date(2026, 1, 26)
    assert add_months(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2024, 3, 31), -1) == dt.date(2024, 2, 29)
    assert add_months(FRIDAY, -4) == dt.date(2025, 9, 30)
    assert add_months(dt.date(2025, 11, 15), 3) == dt.date(2026, 2, 15)


@pytest.mark.parametrize(
    "weekday, tense, qualifier, expected",
    [
        (4, "past", None, FRIDAY),  # "on Friday", written on a Friday
        (4, "future", None, FRIDAY),
        (1, "past", None, dt.date(2026, 1, 27)),  # "rose on Tuesday"
        (1, "future", None, dt.date(2026, 2, 3)),  # "reports on Tuesday"
        (3, "future", "next", dt.date(2026, 2, 5)),  # "next Thursday"
        (4, "future", "next", dt.date(2026, 2, 6)),  # "next Friday" is never today
        (4, "past", "last", dt.date(2026, 1, 23)),
        (3, "past", "this", dt.date(2026, 1, 29)),
    ],
)
def test_resolve_weekday(weekday, tense, qualifier, expected):
    assert resolve_weekday(weekday, FRIDAY, tense, qualifier) == expected


def test_resolve_month_day_without_year():
    assert resolve_month_day(2, 5, FRIDAY, "future") == dt.date(2026, 2, 5)
    assert resolve_month_day(12, 20, FRIDAY, "past") == dt.date(2025, 12, 20)
    assert resolve_month_day(1, 28, FRIDAY, "future") == dt.date(2026, 1, 28)  # two days ago, not next year
    assert resolve_month_day(12, 20, FRIDAY, "future") == dt.date(2026, 12, 20)
    assert resolve_month_day(2, 30, FRIDAY) is None


# --------------------------------------------------------------------------- dates in text


def _one(text, tense="past", ref=FRIDAY):
    found = find_dates(text, ref, tense=tense)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, tense, date",
    [
        ("on February 5, 2026", "future", dt.date(2026, 2, 5)),
        ("on Feb. 5", "future", dt.date(2026, 2, 5)),
        ("on 5 February", "future", dt.date(2026, 2, 5)),
        ("on the 5th of February", "future", dt.date(2026, 2, 5)),
        ("on 2026-02-05", "future", dt.date(2026, 2, 5)),
        ("next Thursday", "future", dt.date(2026, 2, 5)),
        ("on Friday", "past", FRIDAY),
        ("yesterday", "past", dt.date(2026, 1, 29)),
        ("tomorrow", "future", dt.date(2026, 1, 31)),
        ("today", "past", FRIDAY),
        ("after Thursday's crash", "future", dt.date(2026, 1, 29)),  # a possessive weekday is past
        ("on Thursday, January 29, 2026", "past", dt.date(2026, 1, 29)),
    ],
)
def test_days(text, tense, date):
    mention = _one(text, tense)
    assert mention.kind == "day"
    assert mention.date == date
    assert text[mention.start : mention.end] == mention.text


@pytest.mark.parametrize(
    "text, kind, start, end, cumulative",
    [
        ("this week", "week", dt.date(2026, 1, 26), FRIDAY, False),
        ("last week", "week", dt.date(2026, 1, 19), dt.date(2026, 1, 25), False),
        ("over the past four months", "span", dt.date(2025, 9, 30), FRIDAY, True),
        ("in the last 12 months", "span", dt.date(2025, 1, 30), FRIDAY, True),
        ("in October", "month", dt.date(2025, 10, 1), dt.date(2025, 10, 31), False),
        ("in the month of October", "month", dt.date(2025, 10, 1), dt.date(2025, 10, 31), False),  # translated copy
        ("in October 2024", "month", dt.date(2024, 10, 1), dt.date(2024, 10, 31), False),
        ("since October", "month", dt.date(2025, 10, 1), FRIDAY, True),
        ("so far this year", "ytd", dt.date(2026, 1, 1), FRIDAY, True),
        ("last year", "year", dt.date(2025, 1, 1), dt.date(2025, 12, 31), False),
        ("last month", "month", dt.date(2025, 12, 1), dt.date(2025, 12, 31), False),
        ("in 2025", "year", dt.date(2025, 1, 1), dt.date(2025, 12, 31), False),
        # a month or week "to date" is this month or week so far, like "this month"
        ("month to date", "month", dt.date(2026, 1, 1), FRIDAY, False),
        ("MTD", "month", dt.date(2026, 1, 1), FRIDAY, False),
        ("week-to-date", "week", dt.date(2026, 1, 26), FRIDAY, False),
    ],
)
def test_periods(text, kind, start, end, cumulative):
    mention = _one(text)
    assert (mention.kind, mention.period_start, mention.period_end, mention.cumulative) == (kind, start, end, cumulative)


def test_month_follows_the_tense():
    assert _one("in October", "future").period_start == dt.date(2026, 10, 1)


def test_without_publication_day_relative_dates_stay_unresolved():
    mention = _one("this week", ref=None)
    assert mention.relative and not mention.resolved
    absolute = _one("on February 5, 2026", ref=None)
    assert absolute.date == dt.date(2026, 2, 5)


@pytest.mark.parametrize("text", ["31.02.2026", "February 30, 2026", "on 2026-13-01"])
def test_impossible_dates_in_text_are_dropped(text):
    assert all(m.date is None or m.date.month != 3 for m in find_dates(text, FRIDAY))
    assert not [m for m in find_dates(text, FRIDAY) if m.kind == "day" and m.date is not None]


def test_modal_may_is_not_a_month():
    assert find_dates("the stock may 15 times", FRIDAY) == []


# --------------------------------------------------------------------------- header formats with time and zone (issue 10)

_UTC = dt.timezone.utc


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("May 1, 2020 / 5:12 PM EDT", dt.datetime(2020, 5, 1, 17, 12, tzinfo=ZoneInfo("America/New_York"))),
        ("Last updated: 03/02/2026 14:05 UTC", dt.datetime(2026, 2, 3, 14, 5, tzinfo=_UTC)),
        ("Last updated: 28/01/2026 09:15 UTC", dt.datetime(2026, 1, 28, 9, 15, tzinfo=_UTC)),
        ("03/02/2026 - 14:05", dt.datetime(2026, 2, 3, 14, 5, tzinfo=ZoneInfo("America/New_York"))),
        ("Feb 3, 2026 | 4:05 pm", dt.datetime(2026, 2, 3, 16, 5, tzinfo=ZoneInfo("America/New_York"))),
        ("3 February 2026 · 14:05 GMT", dt.datetime(2026, 2, 3, 14, 5, tzinfo=_UTC)),
        ("Tue, 03 Feb 2026 14:05:00 +0000", dt.datetime(2026, 2, 3, 14, 5, tzinfo=_UTC)),
        ("February 3, 2026 9:05 AM -05:00", dt.datetime(2026, 2, 3, 9, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5)))),
        ("3 Feb 2026, 15:05 GMT+1", dt.datetime(2026, 2, 3, 15, 5, tzinfo=dt.timezone(dt.timedelta(hours=1)))),
        ("01/30/2026 05:25 PM ET", dt.datetime(2026, 1, 30, 17, 25, tzinfo=ZoneInfo("America/New_York"))),
    ],
)
def test_header_formats_keep_time_and_zone(header, expected):
    found = find_publication_time(header + " Apple shares rose 1%.")
    assert found is not None and found.precision == "time"
    assert found.value == expected
    assert found.value.utcoffset() == expected.utcoffset()


def test_a_friday_evening_utc_header_stays_on_friday_in_new_york():
    found = find_publication_time("Last updated: 30/01/2026 21:40 UTC\nApple shares closed at $259.48.")
    assert found is not None and exchange_date(found.value) == dt.date(2026, 1, 30)


@pytest.mark.parametrize(
    "header", ["NEW YORK, February 4, 2026 - Meta", "30.01.2026 Amazon", "February 4, 2026\n\nMeta", "4 February 2026\nMeta"]
)
def test_a_date_alone_has_date_precision_and_no_assumed_time(header):
    found = find_publication_time(header)
    assert found is not None and found.precision == "date" and found.assumption is None
    assert (found.value.hour, found.value.minute) == (0, 0)


def test_publication_date_of_a_date_alone_is_the_written_day():
    found = find_publication_time("30.01.2026 Amazon shares rose.")
    assert found is not None
    assert exchange_date(found.value) == dt.date(2026, 1, 29)  # midnight in Berlin is the New York evening before
    assert publication_date(found.value, found.precision) == dt.date(2026, 1, 30)


@pytest.mark.parametrize(("value", "precision"), [("2026-02-04", "date"), ("2026-02-04T10:00", "time"), ("February 4, 2026", "date"), ("February 4, 2026 10:00 AM ET", "time")])
def test_published_flag_precision(value, precision):
    assert parse_publication_arg(value)[1] == precision


def test_a_standard_time_abbreviation_settles_the_repeated_hour_of_a_clock_change():
    # New York fell back on 2025-11-02: 1:30 a.m. happened twice
    est = find_publication_time("November 2, 2025 1:30 a.m. EST\nBody.")
    edt = find_publication_time("November 2, 2025 1:30 a.m. EDT\nBody.")
    assert est.value.utcoffset() == dt.timedelta(hours=-5)
    assert edt.value.utcoffset() == dt.timedelta(hours=-4)
    assert (est.value.astimezone(dt.timezone.utc) - edt.value.astimezone(dt.timezone.utc)) == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("text", "order"),
    [("since the 4/17 low and the 5/28 print", "mdy"), ("depuis le 17/04 et le 28/05", "dmy"), ("open 24/7, up 3/4 of a point", None),
     ("the 4/17 low, then 28/05", None), ("no dates here", None)],
)
def test_the_document_settles_the_order_of_its_numeric_dates(text, order):
    assert numeric_date_order(text) == order


def test_a_numeric_header_follows_the_documents_own_dates_over_the_zones_hint():
    us = find_publication_time("forum \u00b7 posted 7/9/2021 02:15 UTC\n\nIt is up 12% since the 6/21 close.")
    assert us.value == dt.datetime(2021, 7, 9, 2, 15, tzinfo=_UTC)
    # without such dates a 24-hour UTC time still reads day first
    eu = find_publication_time("forum \u00b7 posted 7/9/2021 02:15 UTC\n\nIt is up 12% this month.")
    assert eu.value == dt.datetime(2021, 9, 7, 2, 15, tzinfo=_UTC)


def test_an_aired_or_sent_time_after_the_date_is_the_publication_time():
    found = find_publication_time("Closing Bell (podcast), Tuesday 4 March 2025 \u00b7 aired 17:20 ET \u00b7 transcript")
    assert found.value == dt.datetime(2025, 3, 4, 17, 20, tzinfo=ZoneInfo("America/New_York"))
    assert found.precision == "time"


def test_a_dashed_day_month_year_header_keeps_its_separate_clock_and_zone():
    found = find_publication_time("DESK MONITOR\nDATE: TUE 09-MAR-2021   PRINTED 11:05 ET (UTC-05:00)\nWIRES\n")
    assert found.value == dt.datetime(2021, 3, 9, 11, 5, tzinfo=ZoneInfo("America/New_York")) and found.precision == "time"
    plain = find_publication_time("Run sheet 02-Nov-2021 07:45\nTesla fell.")
    assert plain.value == dt.datetime(2021, 11, 2, 7, 45, tzinfo=ZoneInfo("America/New_York"))
    assert find_publication_time("Price (09-Mar-21 close) US$41.10") is None  # a two-digit year is a cell's date


@pytest.mark.parametrize(
    ("text", "clock", "day", "rest"),
    [
        ("11:05 ET - Shares are up 2%", dt.time(11, 5), None, "Shares are up 2%"),
        ("2:47 PM ET \u2014 The stock hit a high", dt.time(14, 47), None, "The stock hit a high"),
        ("[Tue 10 Mar 2026 \u00b7 09:30 ET] OPEN NVDA $175.10", dt.time(9, 30), dt.date(2026, 3, 10), "OPEN NVDA $175.10"),
        ("[Mar 10, 2026 16:00 ET] CLOSE NVDA $178.05", dt.time(16, 0), dt.date(2026, 3, 10), "CLOSE NVDA $178.05"),
        ("[14:02] Trading resumes", dt.time(14, 2), None, "Trading resumes"),
    ],
)
def test_an_entry_stamp_gives_the_entrys_time_and_day(text, clock, day, rest):
    stamp = find_entry_stamp(text)
    assert stamp is not None and stamp.clock == clock and stamp.day == day
    assert text[stamp.end :] == rest


@pytest.mark.parametrize(
    "text",
    ["10:30 - 9 was the score", "The call starts at 17:30 ET - late", "[Mon 10 Mar 2026 \u00b7 09:30 ET] x", "16:00 ET"],
)
def test_not_an_entry_stamp(text):
    stamp = find_entry_stamp(text)
    # a weekday that contradicts the date keeps the clock but not the day
    assert stamp is None or stamp.day is None
    if not text.startswith("["):
        assert stamp is None


def test_an_entry_stamp_without_a_day_takes_the_pages_day():
    stamp = find_entry_stamp("16:20 ET - Shares fell")
    assert stamp.at(dt.date(2026, 3, 11)) == dt.datetime(2026, 3, 11, 16, 20, tzinfo=ZoneInfo("America/New_York"))
    assert stamp.at() is None


def test_short_numeric_dates_are_read_in_the_documents_order():
    ref = dt.date(2021, 7, 12)
    text = "Up 9% since the 6/21 close; PT $210 (7/2). Half of it, 3/4 of a point, came 7/9."
    days = {d.text: d.date for d in find_dates(text, ref) if "/" in d.text}
    assert days == {"6/21": dt.date(2021, 6, 21), "7/2": dt.date(2021, 7, 2), "7/9": dt.date(2021, 7, 9)}  # "3/4 of" is a fraction


def test_short_numeric_dates_need_a_known_order():
    # every date here could be either order, so none is read
    assert not [d for d in find_dates("PT $210 (7/2), then 7/9 and 24/7 coverage.", dt.date(2021, 7, 12)) if "/" in d.text]


def test_a_day_first_document_reads_its_full_numeric_dates_day_first():
    text = "Le titre a clôturé le 28/05 puis, le 03/06/2021, il a chuté."
    days = [d.date for d in find_dates(text, dt.date(2021, 6, 10)) if "/" in d.text]
    assert days == [dt.date(2021, 5, 28), dt.date(2021, 6, 3)]


@pytest.mark.parametrize(
    ("line", "label"),
    [("\U0001f53b Wed: Initech slid 3% to $31.20.", "Wed"), ("- Also Thu \u2014 Initech bounced.", "Thu"),
     ("\U0001f4c5 March 4: results", "March 4"), ("Fri: flat", "Fri")],
)
def test_a_line_opening_with_a_day_label(line, label):
    found = day_label(line, 0, len(line))
    assert found is not None and line[found[0] : found[1]] == label


@pytest.mark.parametrize("line", ["\U0001f4c5 Next up: results on Feb. 21.", "Wednesday was a rout: shares fell.", "Mon-Fri trading", "Monday"])
def test_a_line_without_a_day_label(line):
    assert day_label(line, 0, len(line)) is None


def test_the_next_day_is_the_session_after_the_day_the_sentence_named():
    ref = dt.date(2024, 3, 20)
    text = "It peaked on Friday, March 8, then slid 6% the next day. Quiet week."
    days = {d.text: d.date for d in find_dates(text, ref)}
    assert days["the next day"] == dt.date(2024, 3, 11)  # Friday's next session is Monday
    text2 = "It jumped on March 5 and fell 2% a day later."
    assert {d.text: d.date for d in find_dates(text2, ref)}["a day later"] == dt.date(2024, 3, 6)


def test_the_next_day_without_a_day_before_it_is_no_date():
    ref = dt.date(2024, 3, 20)
    assert [d.text for d in find_dates("Results came out. The next day the stock fell 6%.", ref)] == []
    # "the day after the report" names an event, not the session after a date
    assert [d.text for d in find_dates("It rose on Friday, the day after the report.", ref)] == ["Friday"]
    # a forward-looking reading leaves it alone
    assert [d.text for d in find_dates("It reports on May 2 and meets investors the next day.", ref, tense="future")] == ["May 2"]


def test_weekdays_and_months_of_translated_briefs():
    ref = dt.date(2024, 3, 15)  # a Friday
    text = "Le titre a cédé 2 % mardi. Il 12 marzo il titolo era salito; el jueves cerró; am 4. März 2024 fiel er."
    got = {d.text: d.date for d in find_dates(text, ref)}
    assert got["mardi"] == dt.date(2024, 3, 12)
    assert got["12 marzo"] == dt.date(2024, 3, 12)
    assert got["jueves"] == dt.date(2024, 3, 14)
    assert got["4. März 2024"] == dt.date(2024, 3, 4)


def test_european_date_words_need_their_own_form():
    ref = dt.date(2024, 3, 15)
    # a month name needs its day number; Domingo is a name; "Mars" alone is a planet
    assert find_dates("Domingo said the Mars mission in mai was delayed.", ref) == []


def test_a_revision_stamp_with_at_and_a_bracketed_zone_is_the_page_time():
    found = find_publication_time("Globex Corp. - History\nThis article was last edited on 14 March 2019, at 09:41 (UTC).\nBody")
    assert found is not None
    assert found.value == dt.datetime(2019, 3, 14, 9, 41, tzinfo=dt.timezone.utc)
    assert found.value.utcoffset() == dt.timedelta(0)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # Asia-Pacific editions: local zone abbreviations and a place's time, with or without a bracketed gloss
        ("Updated: 14/03/2024, 09:10 IST", dt.datetime(2024, 3, 14, 9, 10, tzinfo=ZoneInfo("Asia/Kolkata"))),
        ("Wednesday, 6 March 2024, 8:05 a.m. Hong Kong time (HKT, UTC+8)",
         dt.datetime(2024, 3, 6, 8, 5, tzinfo=ZoneInfo("Asia/Hong_Kong"))),
        ("Morning note | 6 March 2024 06:40 (JST)", dt.datetime(2024, 3, 6, 6, 40, tzinfo=ZoneInfo("Asia/Tokyo"))),
        ("March 7, 2024 7:15 AM AEDT", dt.datetime(2024, 3, 7, 7, 15, tzinfo=ZoneInfo("Australia/Sydney"))),
        # an hour alone with am/pm, and a place's time in brackets
        ("Monday, 4 March 2024, 5 p.m. (New York time)", dt.datetime(2024, 3, 4, 17, 0, tzinfo=ZoneInfo("America/New_York"))),
        # several separators between the date and the clock: a wiki page's "last edited" line
        ("This article was last edited on 9 May 2023, at 21:47 (UTC).", dt.datetime(2023, 5, 9, 21, 47, tzinfo=_UTC)),
    ],
)
def test_local_zones_and_glossed_zones_are_kept(header, expected):
    found = find_publication_time(header + "\n\nGlobex Corp shares rose 2%.")
    assert found is not None and found.precision == "time"
    assert found.value == expected
    assert found.value.utcoffset() == expected.utcoffset()
    assert found.assumption is None


def test_an_hour_alone_without_am_pm_is_no_clock():
    found = find_publication_time("Weekly column | Sunday, March 3, 2024 12 stocks to watch")
    assert found is not None and found.precision == "date"
    assert found.value.date() == dt.date(2024, 3, 3)


def test_a_posted_time_on_the_header_line_beats_an_event_date_before_it():
    header = "Figures out Tuesday, Apr. 9, 2024, before the open | Recap posted Wednesday, Apr. 10, 2024, 6:30 a.m. ET"
    found = find_publication_time(header + "\n\nInitech sales rose 4%.")
    assert found.value == dt.datetime(2024, 4, 10, 6, 30, tzinfo=ZoneInfo("America/New_York"))
    # a published date keeps its place even when an update with a time follows on the line
    found = find_publication_time("Published Apr. 9, 2024 | Updated Apr. 10, 2024, 6:30 a.m. ET\n\nInitech sales rose 4%.")
    assert found.value.date() == dt.date(2024, 4, 9) and found.precision == "date"


def test_an_upload_date_of_a_transcript_is_the_publication_date():
    found = find_publication_time("CAPTIONS (auto-generated)\nStreamed live on Mar 2, 2024\n\nok so globex is down today")
    assert found is not None and found.value.date() == dt.date(2024, 3, 2) and found.precision == "date"


@pytest.mark.parametrize(
    ("text", "clock", "day", "zone", "rest"),
    [
        ("2019-07-02 09:41 -04:00 | Globex rises 2%", dt.time(9, 41), dt.date(2019, 7, 2),
         dt.timezone(dt.timedelta(hours=-4)), "Globex rises 2%"),
        ("[Wed 07/03/2019 10:02 ET] Globex dips", dt.time(10, 2), dt.date(2019, 7, 3), ZoneInfo("America/New_York"), "Globex dips"),
        # the weekday settles a numeric date either way round
        ("[Wed 03/07/2019 10:02 ET] Globex dips", dt.time(10, 2), dt.date(2019, 7, 3), ZoneInfo("America/New_York"), "Globex dips"),
        ("2019-07-03 08:15 SGT | Globex rallies in Asia", dt.time(8, 15), dt.date(2019, 7, 3), ZoneInfo("Asia/Singapore"),
         "Globex rallies in Asia"),
    ],
)
def test_feed_stamps_with_offsets_and_numeric_days(text, clock, day, zone, rest):
    stamp = find_entry_stamp(text)
    assert stamp is not None and stamp.clock == clock and stamp.day == day
    assert stamp.zone == zone or stamp.zone.utcoffset(None) == zone.utcoffset(None)
    assert text[stamp.end :] == rest


def test_numeric_date_whose_first_number_cannot_be_a_month_is_day_first():
    text = "the coupon is paid on 23/03/2026, not later"
    found = [d for d in find_dates(text, dt.date(2026, 3, 1)) if d.kind == "day"]
    assert [d.date for d in found] == [dt.date(2026, 3, 23)]
    assert [d for d in find_dates("on 31/31/2026", dt.date(2026, 3, 1)) if d.kind == "day"] == []


def test_a_day_said_in_words_is_a_date():
    # captions and transcripts write days as words: "march ninth", "april thirtieth", "the twenty-first of may"
    ref = dt.date(2020, 3, 17)
    found = {(d.date, d.kind) for d in find_dates("last monday march ninth it closed lower", ref)}
    assert (dt.date(2020, 3, 9), "day") in found
    assert [d.date for d in find_dates("it fell on the twenty-first of May", ref)] == [dt.date(2019, 5, 21)]
    assert [d.date for d in find_dates("Globex reports on April thirtieth, 2020", ref)] == [dt.date(2020, 4, 30)]
    assert find_dates("the second quarter", ref) == []


def test_an_rss_pubdate_with_seconds_is_an_entry_stamp():
    text = "Tue, 08 Mar 2016 16:02:00 -0500 | Wire | Globex rises 2%"
    stamp = find_entry_stamp(text)
    assert stamp is not None and stamp.day == dt.date(2016, 3, 8) and stamp.clock == dt.time(16, 2)
    assert stamp.zone.utcoffset(None) == dt.timedelta(hours=-5)


def test_a_dotless_i_or_long_s_in_a_day_or_month_name_does_not_crash():
    # under re.I "ı" and "ſ" match the patterns' ASCII letters; the lookups fold them back instead of raising
    ref = dt.date(2020, 3, 17)
    found = [(d.text, d.date) for d in find_dates("Globex fell on Frıday, Aprıl 3, 2020, and on Tueſday", ref)]
    assert ("Frıday, Aprıl 3, 2020", dt.date(2020, 4, 3)) in found
    assert ("Tueſday", dt.date(2020, 3, 17)) in found


def test_a_qualified_weekday_followed_by_a_date_takes_the_written_date():
    # "Last Friday, March 3": the date says which Friday, not the day before publication
    ref = dt.date(2023, 3, 9)
    assert [(d.text, d.date) for d in find_dates("Last Friday, March 3, Initech slid 4%.", ref)] == [
        ("Last Friday, March 3", dt.date(2023, 3, 3))]
    # the weekday and the date disagree: neither is trusted, the claim is left undated
    assert [(d.text, d.date) for d in find_dates("Last Tuesday, March 3, Initech slid 4%.", ref)] == [
        ("Last Tuesday, March 3", None)]


def test_since_the_start_of_the_year_holds_across_a_line_break():
    found = find_dates("Initech has shed 12% since the\nbeginning of the year.", dt.date(2023, 5, 4))
    assert [d.kind for d in found] == ["ytd"]


def test_dated_sections_of_an_e_mail_thread_and_of_a_journal():
    from verifier.dates import dated_sections

    thread = (
        "From: A\nSent: Friday, June 5, 2026 7:10 AM\n\nFYI below.\n\n"
        "> From: B\n> Sent: Wednesday, June 3, 2026 4:55 PM\n>\n> Down again today.\n"
    )
    found = dated_sections(thread)
    assert [(s.day, s.at.hour if s.at else None) for s in found] == [(dt.date(2026, 6, 5), 7), (dt.date(2026, 6, 3), 16)]
    assert found[1].start < thread.index("Down again") < found[1].end
    journal = "Notes\n\nWED JUN 3, 2026\nBought some.\n\nFRIDAY, 5 JUNE 2026 (payday)\nSold.\n\n-----\nSummary: flat.\n"
    entries = dated_sections(journal)
    assert [s.day for s in entries] == [dt.date(2026, 6, 3), dt.date(2026, 6, 5)]
    assert entries[1].end <= journal.index("Summary")
    # one date line is the page's own date, and a sentence that only contains a date is no entry line
    assert dated_sections("June 3, 2026\n\nShares rose on June 2, 2026 after the report.\n") == ()


def test_a_filed_line_below_a_long_caption_is_the_publication_time():
    caption = "IN THE MATTER OF A PENSION PLAN v. WIDGET CORP.\n" + ("                 Respondents and others.\n" * 14)
    text = caption + "Filed: June 2, 2026 3:10 PM ET (clerk stamp)\n\n1. The company reported on May 1, 2026.\n"
    assert len(caption) > 600
    found = find_publication_time(text)
    assert found is not None and found.precision == "time"
    assert found.value == dt.datetime(2026, 6, 2, 15, 10, tzinfo=ZoneInfo("America/New_York"))
    # a date alone on such a line is no clock time, and the body's own dates are never taken
    assert find_publication_time(caption + "Filed: June 2, 2026\n\n1. Shares fell on May 1, 2026.\n") is None


def test_chat_stamps_that_run_in_order_only_day_first_are_read_day_first():
    chat = (
        "[09/03/2025, 10:02] Ana: futures look soft\n"
        "[10/03/2025, 09:45] Ben: Initech opened lower today\n"
        "[11/03/2025, 16:01] Ana: bounced back today\n"
    )
    line = chat.index("[10/03")
    stamp = find_entry_stamp(chat, line)
    assert stamp is not None and stamp.day == dt.date(2025, 3, 10)  # 9, 10, 11 March, not 3 September, 3 October...
    assert [d.date for d in find_dates(chat, None, 0, 20) if d.date] == [dt.date(2025, 3, 9)]
    # a day above 12 settles it either way; one stamp alone stays month first
    assert find_entry_stamp("[03/14/2025, 10:02] Ana: x").day == dt.date(2025, 3, 14)
    assert find_entry_stamp("[09/03/2025, 10:02] Ana: x").day == dt.date(2025, 9, 3)
    us = "[03/09/2025, 10:02] Ana: a\n[03/10/2025, 09:45] Ben: b\n"
    assert find_entry_stamp(us, us.index("[03/10")).day == dt.date(2025, 3, 10)


def test_a_header_line_labelled_with_an_event_is_not_the_dateline():
    # the report's day sits above the page's own time: the labelled line is the event, the later one the page
    head = ("QUARTER IN BRIEF / Harbor Notes\nReported: Tuesday, March 3, 2026, after the bell\n"
            "This brief: Wednesday, March 4, 2026, 9:15 AM EST\n\nShares rose on Wednesday.")
    found = find_publication_time(head)
    assert found is not None and found.value.date() == dt.date(2026, 3, 4) and found.precision == "time"
    # without the label the first date stays the dateline
    plain = "Tuesday, March 3, 2026\nThis brief: Wednesday, March 4, 2026, 9:15 AM EST\n"
    assert find_publication_time(plain).value.date() == dt.date(2026, 3, 3)


# --------------------------------------------------------------------------- publication time (corpus7 dev, round 6)


def test_filing_acceptance_stamp_is_the_pages_time():
    text = ("<SEC-DOCUMENT>0000111111-24-000123.txt : 20240305\n"
            "ACCEPTANCE-DATETIME: 20240305163208\n"
            "CONFORMED SUBMISSION TYPE: SC 13D\n"
            "Filed: March 5, 2024, 4:32 p.m. Eastern Time\n")
    found = find_publication_time(text)
    assert found.value == dt.datetime(2024, 3, 5, 16, 32, 8, tzinfo=ZoneInfo("America/New_York"))


def test_a_dated_caption_then_the_same_day_with_its_clock_on_the_next_line():
    text = "Enforcement Notice No. 5512 / April 9, 2024\nPosted: Apr. 9, 2024, 2:40 p.m. EDT\n\nThe agency today charged ..."
    found = find_publication_time(text)
    assert found.value == dt.datetime(2024, 4, 9, 14, 40, tzinfo=ZoneInfo("America/New_York"))
    # another day's clock time on a later line does not replace a dated caption
    other = "Weekly Letter | June 3, 2024\nMarkets closed June 2, 2024, 4:00 p.m. ET\n"
    assert find_publication_time(other).value.date() == dt.date(2024, 6, 3)


def test_the_ends_of_a_statement_period_are_no_dateline():
    text = ("HOLLOWAY BROKERAGE\nQuarterly Statement | July 1, 2024 - September 30, 2024\n"
            "Generated 10/02/2024 05:45 AM ET | Page 1 of 2\n")
    found = find_publication_time(text)
    assert found.value == dt.datetime(2024, 10, 2, 5, 45, tzinfo=ZoneInfo("America/New_York"))


def test_an_edition_line_in_capitals():
    text = "THE HARBOR GAZETTE       THURSDAY, MARCH 7, 2024       C3\nLATE EDITION\n\nShares of ..."
    found = find_publication_time(text)
    assert found.value.date() == dt.date(2024, 3, 7) and found.precision == "date"
    assert find_publication_time("MARKETS | SEPT. 3, 2024, 4:10 P.M. ET\nStocks fell.").value == dt.datetime(
        2024, 9, 3, 16, 10, tzinfo=ZoneInfo("America/New_York"))


def test_a_data_as_of_date_yields_to_the_pages_own_date():
    deck = "Corvane Investor Presentation\nData as of March 31, 2024\nApril 25, 2024 \u00b7 8:30 a.m. ET\n"
    assert find_publication_time(deck).value == dt.datetime(2024, 4, 25, 8, 30, tzinfo=ZoneInfo("America/New_York"))
    # alone, it is still the only date the header gives
    assert find_publication_time("Fund factsheet\nData as of March 31, 2024\n\nThe fund rose.").value.date() == dt.date(2024, 3, 31)


def test_each_item_of_a_json_feed_is_a_section_dated_by_its_own_stamp():
    from verifier.dates import dated_section_at

    text = ('[{"title":"Globex gains 2% after the bell","publishedAt":"2022-06-01T20:30:00Z","body":"Globex rose on Wednesday."},\n'
            ' {"title":"Globex slips 1% on Tuesday","published_at":"2022-05-31","body":"Shares eased on Tuesday."}]')
    first = dated_section_at(text, text.index("Globex gains"))
    second = dated_section_at(text, text.index("Globex slips"))
    assert (first.day.isoformat(), first.at.hour) == ("2022-06-01", 16)  # 20:30 UTC is 16:30 in New York
    assert (second.day.isoformat(), second.at) == ("2022-05-31", None)  # a date without a clock
    assert first.end <= second.start and dated_section_at('{"title": "Globex rose 2% today"}', 3) is None


def test_a_feed_post_dated_in_its_header_is_a_dated_section_up_to_the_next_post():
    from verifier.dates import dated_sections

    text = (
        "Feed captured Mar 9, 2031 · 8:00 PM EDT\n\n"
        "@early_bird  Bullish  · 2h\n$WDGT up 2% today\n\n"
        "@quiet_owl  · Feb 20, 2031\n$WDGT fell 4% yesterday\n\n"
        "@night_fox  Bearish  · 3d\n$WDGT is toast\n\n"
        "@slow_heron  · Feb 11, 2031\n$WDGT flat today\n"
    )
    sections = dated_sections(text)
    assert [s.day for s in sections] == [dt.date(2031, 2, 20), dt.date(2031, 2, 11)]
    first = text[sections[0].start:sections[0].end]
    # the post ends at the next header, even one aged only "3d", which keeps the page's own day
    assert "fell 4% yesterday" in first and "is toast" not in first


def test_a_numeric_statement_period_is_no_dateline():
    from verifier.dates import find_publication_time

    # "03/01/2031 - 03" reads as a day and an hour; the range's start is still no dateline
    text = "WIDGET BANK STATEMENT\nStatement period: 03/01/2031 - 03/31/2031\nPrepared: 04/01/2031 08:15 ET\n\nBody.\n"
    found = find_publication_time(text)
    assert found is not None and found.value.date() == dt.date(2031, 4, 1) and found.precision == "time"


def test_a_clock_set_off_by_an_em_dash_is_the_headers_time():
    text = "MARKET WRAP DAILY\nTuesday, March 4, 2031 \u2014 5:10 p.m. EST\n\nWidgetco rose 3% today."
    found = find_publication_time(text)
    assert found.value == dt.datetime(2031, 3, 4, 17, 10, tzinfo=NY) and found.precision == "time"


def test_an_east_asian_date_with_its_clock():
    text = "\u3010\u30d6\u30ea\u30fc\u30d5\u3011 Widgetco shares climb\n\n2031\u5e743\u67084\u65e5\uff08\u706b\uff09 8:45 JST\nDesk report\n"
    found = find_publication_time(text)
    assert found.value == dt.datetime(2031, 3, 4, 8, 45, tzinfo=ZoneInfo("Asia/Tokyo")) and found.precision == "time"
    alone = find_publication_time("2031\u5e7412\u67081\u65e5\nWidgetco rose.")
    assert alone.value.date() == dt.date(2031, 12, 1) and alone.precision == "date"


def test_a_feed_items_date_tag_below_a_long_channel_header():
    channel = "<rss version=\"2.0\">\n<channel>\n<title>Widget Wire</title>\n" + "<!-- filler -->\n" * 40
    text = channel + "<item>\n  <title>Widgetco rises</title>\n  <pubDate>Tue, 04 Mar 2031 06:30:00 -0500</pubDate>\n"
    assert len(channel) > 600
    found = find_publication_time(text)
    assert found.value == dt.datetime(2031, 3, 4, 6, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    # an event's date in the item's prose stays no dateline
    assert find_publication_time(channel + "<description>Widgetco reports on Mar 4, 2031 at 4:05 PM ET</description>") is None


def test_a_clock_written_before_its_date():
    found = find_publication_time("Desk note, filed 6:20 p.m. EST Mar. 3, 2031\n\nWidgetco fell.")
    assert found.value == dt.datetime(2031, 3, 3, 18, 20, tzinfo=NY) and found.precision == "time"


def test_a_print_editions_date_yields_to_the_stamp_of_its_eve():
    # a morning paper is dated the day after its tables were compiled: the stamp with a clock is the content's time
    text = ("THE RIVERTON LEDGER - TUESDAY, MARCH 4, 2031          PAGE B2\n\nSTOCK TABLES\n"
            "Closing prices Monday, March 3. Compiled 6:55 p.m. EST March 3, 2031.\n\nWidgetco 41.20 +0.30\n")
    found = find_publication_time(text)
    assert found.value == dt.datetime(2031, 3, 3, 18, 55, tzinfo=NY) and found.precision == "time"
    # a stamp two days earlier is another day's, and the edition keeps its date
    other = text.replace("March 3, 2031.", "March 1, 2031.")
    assert find_publication_time(other).value.date() == dt.date(2031, 3, 4)


def test_a_dated_record_takes_the_clock_its_meeting_convened_at():
    text = ("JOINT BOARD OF WIDGET STANDARDS\n\nWednesday, March 5, 2031\n\n"
            "The board convened, pursuant to notice, at 9:47 a.m. EST, in the east hearing room.\n\nMs. ROE. Thank you.")
    found = find_publication_time(text)
    assert found.value == dt.datetime(2031, 3, 5, 9, 47, tzinfo=NY) and found.precision == "time"
    # a clock without its zone, or a market's own hours, is no record of the meeting
    assert find_publication_time(text.replace(" EST,", ",")).precision == "date"
    market = "Wednesday, March 5, 2031\n\nTrading began at 9:30 a.m. EST and Widgetco rose 2%."
    assert find_publication_time(market).precision == "date"


def test_a_review_or_forum_post_dated_in_its_dotted_byline_is_a_dated_section():
    from verifier.dates import dated_sections

    # a review site's or forum's posts: a byline of fields set off by middle dots, one of them the post's date
    # (first or last); a header whose date comes with a clock is the page's own stamp, no post
    text = (
        "Gadget Reviews \u00b7 Page captured Apr 2, 2031, 6:05 PM EDT \u00b7 3 shown\n\n"
        "-----\n"
        "Current Employee - Tester in Boise, ID \u00b7 Apr 1, 2031\n"
        "The stock rose 3% yesterday and we are nervous.\n\n"
        "-----\n"
        "[POST] Anonymous \u00b7 Widget Corp \u00b7 Mar 20, 2031\n"
        "Earnings call tomorrow, anyone hearing rumors?\n\n"
        "   \u21b3 Reply \u00b7 Former Employee \u00b7 Mar 21, 2031\n"
        "   Today it fell 2%.\n\n"
        "-----\n"
        "Mar 2, 2031 \u00b7 Current Employee, more than 3 years \u00b7 Clerk in Reno, NV\n"
        "Shares jumped 4% today.\n"
    )
    sections = dated_sections(text)
    assert [s.day for s in sections] == [dt.date(2031, 4, 1), dt.date(2031, 3, 20), dt.date(2031, 3, 21),
                                         dt.date(2031, 3, 2)]
    assert all(s.at is None for s in sections)
    second = text[sections[1].start:sections[1].end]
    assert "call tomorrow" in second and "fell 2%" not in second
    # a dateline with a clock set off by dots is the page's stamp, not a post
    assert dated_sections("Friday, May 2, 2031 \u00b7 6:00 AM EST \u00b7 Big day!\n\nText.\n"
                          "Monday, May 5, 2031 \u00b7 7:00 AM EST\n") == ()
def test_a_forum_posts_byline_ending_in_its_date_is_a_dated_section():
    from verifier.dates import dated_sections

    # a review site's or forum's byline names the poster in words, not by @handle; its last field is the date
    text = (
        "Staff Board \u203a Globex \u203a Posts\n"
        "Sorted by date \u00b7 Captured Mar 9, 2031, 8:00 PM EDT \u00b7 3 of 90 shown\n\n"
        "------\n"
        "\u2605\u2605\u2606 \"Long shifts\"\n"
        "Night Shift Lead in Dayton, OH \u00b7 Mar 3, 2031\n\n"
        "Globex fell 4% yesterday and nobody said a word.\n\n"
        "------\n"
        "[POST] Anonymous \u00b7 Globex \u00b7 Feb 20, 2031\n"
        "Results came out this morning and the stock rose 6%.\n\n"
        "   \u21b3 Reply \u00b7 Former Staff - Payroll \u00b7 Feb 21, 2031\n"
        "   It gave half of it back today.\n"
    )
    sections = dated_sections(text)
    assert [s.day for s in sections] == [dt.date(2031, 3, 3), dt.date(2031, 2, 20), dt.date(2031, 2, 21)]
    first = text[sections[0].start:sections[0].end]
    # a post ends at the rule line closing it; the next post's title is no part of it
    assert "fell 4% yesterday" in first and "[POST]" not in first
    # the page's own capture line, whose last field is no date, is no post
    assert all(s.day != dt.date(2031, 3, 9) for s in sections)
    # a sentence that ends in a date is no byline
    assert dated_sections("Globex said so \u00b7 on Mar 3, 2031.\n\nText.\n\nMore \u00b7 on Mar 4, 2031.\n") == ()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # the header line's date, and later on that line a clock the page says it was posted at, in words
        ("THE VALLEY GAZETTE  |  MONEY  |  Thursday, May 8, 2031  |  Posted 6:10 a.m. EDT",
         dt.datetime(2031, 5, 8, 6, 10, tzinfo=NY)),
        ("Friday, May 9, 2031 | Evening wrap posted 5:20 PM ET", dt.datetime(2031, 5, 9, 17, 20, tzinfo=NY)),
        # a transcript's session start is when what follows was said
        ("Monday, May 12, 2031 | Session start 9:15 a.m. PT",
         dt.datetime(2031, 5, 12, 9, 15, tzinfo=ZoneInfo("America/Los_Angeles"))),
        # US zones written as abbreviations of the central and mountain zones, or in words
        ("May 13, 2031 7:30 AM CST", dt.datetime(2031, 5, 13, 7, 30, tzinfo=ZoneInfo("America/Chicago"))),
        ("DENVER, May 13, 2031 -- 6:45 a.m. Mountain Daylight Time -- Widgetco",
         dt.datetime(2031, 5, 13, 6, 45, tzinfo=ZoneInfo("America/Denver"))),
        ("May 14, 2031 -- 8:00 a.m. Central Daylight Time", dt.datetime(2031, 5, 14, 8, 0, tzinfo=ZoneInfo("America/Chicago"))),
        # a weekday in brackets between the date and its clock, and an East Asian clock in hours and minutes
        ("May 15, 2031 (Thursday) 9:40 JST edition", dt.datetime(2031, 5, 15, 9, 40, tzinfo=ZoneInfo("Asia/Tokyo"))),
        ("2031\u5e745\u670815\u65e5\uff08\u6728\uff09 9\u664240\u5206 JST \u914d\u4fe1",
         dt.datetime(2031, 5, 15, 9, 40, tzinfo=ZoneInfo("Asia/Tokyo"))),
    ],
)
def test_a_header_clock_in_words_or_local_script_and_us_zones(header, expected):
    found = find_publication_time(header + "\n\nWidgetco shares rose 2%.")
    assert found is not None and found.precision == "time"
    assert found.value == expected and found.value.utcoffset() == expected.utcoffset()


def test_an_event_clock_on_the_header_line_is_not_the_pages_time():
    # the line's later clock belongs to an event ("call at"), not to the page
    found = find_publication_time("Thursday, May 8, 2031 | Conference call 5:00 p.m. ET\n\nWidgetco will report.")
    assert found is not None and found.precision == "date"
