"""Publication time: read from an article's header or from a flag.

A time without a zone is read in the zone its style implies, and the choice is recorded:
``DD.MM.YYYY - HH:MM:SS`` (the German portals' header) in Europe/Berlin; a time with ``ET``,
``EST`` or ``EDT`` in America/New_York; any other zone-less time in America/New_York, the zone of
the US exchanges the bundled data covers.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from verifier import recache as re
from dataclasses import dataclass
from typing import NamedTuple, Optional
from zoneinfo import ZoneInfo

from .errors import InputError
from .text import per_document

NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.timezone.utc

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH_RE = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ZONES = {
    "ET": NEW_YORK, "EST": NEW_YORK, "EDT": NEW_YORK, "UTC": UTC, "GMT": UTC, "Z": UTC,
    "CET": BERLIN, "CEST": BERLIN, "MEZ": BERLIN, "MESZ": BERLIN,
    "PT": ZoneInfo("America/Los_Angeles"), "PST": ZoneInfo("America/Los_Angeles"),
    "PDT": ZoneInfo("America/Los_Angeles"), "BST": ZoneInfo("Europe/London"),
    # Asia-Pacific editions: "08:45 IST", "7:30 a.m. SGT", "AEDT"
    "IST": ZoneInfo("Asia/Kolkata"), "SGT": ZoneInfo("Asia/Singapore"), "HKT": ZoneInfo("Asia/Hong_Kong"),
    "JST": ZoneInfo("Asia/Tokyo"), "KST": ZoneInfo("Asia/Seoul"), "AEST": ZoneInfo("Australia/Sydney"),
    "AEDT": ZoneInfo("Australia/Sydney"), "AWST": ZoneInfo("Australia/Perth"),
    "NZST": ZoneInfo("Pacific/Auckland"), "NZDT": ZoneInfo("Pacific/Auckland"),
    "CDT": ZoneInfo("America/Chicago"), "CT": ZoneInfo("America/Chicago"), "CST": ZoneInfo("America/Chicago"),
    "MST": ZoneInfo("America/Denver"), "MDT": ZoneInfo("America/Denver"), "MT": ZoneInfo("America/Denver"),
}
# a US zone in words: "Central Daylight Time", "Eastern Standard Time", "Pacific Time"
_US_ZONE_WORDS = {"eastern": NEW_YORK, "central": ZoneInfo("America/Chicago"), "mountain": ZoneInfo("America/Denver"),
                  "pacific": ZoneInfo("America/Los_Angeles")}
# "7:30 a.m. Singapore time", "6 p.m. (New York time)": a place's local time
_PLACE_ZONES = {
    "new york": NEW_YORK, "eastern": NEW_YORK, "wall street": NEW_YORK, "pacific": ZoneInfo("America/Los_Angeles"),
    "london": ZoneInfo("Europe/London"), "uk": ZoneInfo("Europe/London"), "frankfurt": BERLIN, "berlin": BERLIN,
    "german": BERLIN, "central european": BERLIN, "paris": ZoneInfo("Europe/Paris"), "zurich": ZoneInfo("Europe/Zurich"),
    "singapore": ZoneInfo("Asia/Singapore"), "hong kong": ZoneInfo("Asia/Hong_Kong"), "tokyo": ZoneInfo("Asia/Tokyo"),
    "japan": ZoneInfo("Asia/Tokyo"), "seoul": ZoneInfo("Asia/Seoul"), "korea": ZoneInfo("Asia/Seoul"),
    "shanghai": ZoneInfo("Asia/Shanghai"), "beijing": ZoneInfo("Asia/Shanghai"), "china": ZoneInfo("Asia/Shanghai"),
    "mumbai": ZoneInfo("Asia/Kolkata"), "india": ZoneInfo("Asia/Kolkata"), "indian": ZoneInfo("Asia/Kolkata"),
    "sydney": ZoneInfo("Australia/Sydney"), "melbourne": ZoneInfo("Australia/Melbourne"),
    "chicago": ZoneInfo("America/Chicago"), "toronto": ZoneInfo("America/Toronto"),
    "central": ZoneInfo("America/Chicago"), "mountain": ZoneInfo("America/Denver"),
}

# A standard-time abbreviation settles the hour a clock change repeats ("1:30 a.m. EST" on the day
# New York falls back is the second 1:30): fold=1 picks it; a daylight one (EDT) keeps fold=0.
_STANDARD_TIME = {"EST", "PST", "CET", "MEZ", "CST", "MST"}


@dataclass
class FoundTime:
    value: dt.datetime
    start: int
    end: int
    assumption: Optional[str] = None  # how a zone-less time was placed
    precision: str = "time"  # "time": a clock time was given; "date": only the day (read as that whole day)


# Header formats, tried in order; the header may run straight into the first sentence.
_GERMAN = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s*[-,|–]?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s*(?:Uhr))?(?:\s*(?P<tz>CET|CEST|MEZ|MESZ|UTC|GMT))?)?"
)
# between a date and its clock time: "at", ",", "-", "—", "/", "|", "·" ("May 1, 2020 / 5:12 PM EDT",
# "Feb 3, 2026 | 4:05 pm", "3 February 2026 · 14:05 GMT")
# (several may follow one another: "2 October 2020, at 14:12")
_TIME_SEP = (r"(?:\s*[(\uff08](?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day[)\uff09])?"  # "May 1, 2020 (Friday) 8:30 JST"
             r"(?:(?:\s*(?:at|,|-|–|\u2014|/|\||·|\u2022))*\s*(?:(?:aired|sent|posted|published|updated)(?:\s+at)?\s+)?")
# a zone name, a numeric offset ("+0000", "-05:00"), a zone with an offset ("GMT+1", "UTC-05:00") or a
# place's time ("Singapore time"); in brackets or followed by a bracketed gloss ("14:12 (UTC)",
# "7:30 a.m. Singapore time (SGT, UTC+8)", "6 p.m. (New York time)")
_TZ_NAME = (
    r"(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|"
    r"(?:ET|EST|EDT|UTC|GMT|PT|PST|PDT|CET|CEST|BST|IST|SGT|HKT|JST|KST|AEST|AEDT|AWST|NZST|NZDT|CDT|CST|CT|MST|MDT|MT|Z)\b|"
    r"(?i:(?:eastern|central|mountain|pacific)\s+(?:daylight\s+|standard\s+)?time)\b|"
    r"(?i:(?:" + "|".join(sorted(_PLACE_ZONES, key=len, reverse=True)) + r")\s+time)\b"
)
_TZ = (
    rf"(?:\s*(?P<tzp>\()?\s*(?P<tz>{_TZ_NAME})(?(tzp)[^\n()]{{0,30}}\)|(?:\s*\([^\n()]{{0,30}}\))?))?"
)
# "14:05", "4:20 p.m.", or an hour alone with am/pm ("6 p.m."; an hour alone without one is no clock)
_CLOCK = r"(?P<H>\d{1,2})(?::(?P<M>\d{2})(?::(?P<S>\d{2}))?)?\s*(?P<ampm>[AaPp]\.?[Mm]\b\.?)?"
_ENGLISH = re.compile(
    rf"(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})" + _TIME_SEP + _CLOCK + _TZ + ")?",
)
_ENGLISH_DMY = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?P<mon>{_MONTH_RE}),?\s+(?P<y>\d{{4}})" + _TIME_SEP + _CLOCK + _TZ + ")?",
)
# a masthead or an OCR'd edition line in capitals: "WEDNESDAY, NOVEMBER 22, 2017", "NOV. 22, 2017"
_MONTH_CAPS_RE = (
    r"(?:JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|"
    r"SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?"
)
_ENGLISH_CAPS = re.compile(
    rf"(?<![A-Za-z])(?P<mon>{_MONTH_CAPS_RE})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})" + _TIME_SEP + _CLOCK + _TZ + ")?",
)
# NN/NN/YYYY: month first (US) unless the first number cannot be a month, or the style is the
# European one: a 24-hour time in a European/UTC zone or after " - " ("03/02/2026 - 14:05",
# "Last updated: 03/02/2026 14:05 UTC"); see _numeric_order
_US_NUMERIC = re.compile(
    r"(?<![\d./])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})" + _TIME_SEP + _CLOCK + _TZ + ")?",
)
_ISO = re.compile(
    r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|ET|EST|EDT|IST|SGT|HKT|JST|KST|AEST|AEDT)?)?(?![\d])"
)

# a terminal's or a desk sheet's dashed day-month-year, the clock often set apart after a label:
# "FRI 17-APR-2020   PRINTED 15:58 ET", "17-Apr-2020 09:30"
_DASHED_DMY = re.compile(
    r"(?<![\w-])(?P<d>\d{1,2})-(?P<mon>(?i:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec))-(?P<y>\d{4})(?![\w-])"
    r"(?:(?:\s*[,|\u00b7/-])?\s*(?:(?i:printed|as of|at|time)[ \t]*:?[ \t]*)?" + _CLOCK + _TZ + ")?",
)

# an East Asian header: "2031年3月4日（火） 8:45 JST" (the weekday in brackets)
_CJK_DATE = r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?:\s*[（(][^)）\n]{1,4}[)）])?"
_CJK = re.compile(
    _CJK_DATE
    + _TIME_SEP + _CLOCK + _TZ + ")?",
)
# the same header with its clock in hours and minutes: "2031年3月4日（火） 8時45分 JST"
_CJK_CLOCK = re.compile(
    _CJK_DATE + r"\s*(?P<H>\d{1,2})\s*時\s*(?P<M>\d{1,2})\s*分" + _TZ,
)
# the clock before its date: "Compiled 7:40 p.m. EST Nov. 15, 2016", "filed 18:20 ET, Mar. 3, 2031"
# (a clock needs its minutes or am/pm: "at 2 Mar. 3" is no time)
_TIME_FIRST = re.compile(
    r"(?<![\d:.$])(?=\d{1,2}(?::\d{2}|\s*[AaPp]\.?[Mm]\b))" + _CLOCK + _TZ
    + rf"[ \t]*,?[ \t]*(?:on[ \t]+)?(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?!\d)",
)

HEADER_CHARS = 600  # a publication line sits at the top of an article


def _zone(tz: Optional[str]) -> Optional[dt.tzinfo]:
    if not tz:
        return None
    tz = tz.strip()
    if tz.upper() in _ZONES:
        return _ZONES[tz.upper()]
    words = re.fullmatch(r"(eastern|central|mountain|pacific)\s+(?:daylight\s+|standard\s+)?time", tz, re.I)
    if words:
        return _US_ZONE_WORDS[words.group(1).lower()]
    place = re.fullmatch(r"(.+?)\s+time", tz, re.I)
    if place and place.group(1).lower() in _PLACE_ZONES:
        return _PLACE_ZONES[place.group(1).lower()]
    m = re.fullmatch(r"(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?", tz, re.I)
    if m and int(m.group(2)) <= 14:
        sign = 1 if m.group(1) == "+" else -1
        return dt.timezone(sign * dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0)))
    return None


_EUROPEAN_ZONES = {"UTC", "GMT", "CET", "CEST", "BST", "Z"}


# a numeric day and month in the body ("the 5/15 close", "on 15/05"); "24/7" is a phrase, not a date
_BODY_NUMERIC = re.compile(r"(?<![\d/.,$€£:])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?:/(?:\d{4}|\d{2}))?(?![\d/%])")


@per_document
def numeric_date_order(text: str) -> Optional[str]:
    """The order the document writes its numeric dates in: 'mdy' (5/15), 'dmy' (15/5), or None.

    Only dates whose order is plain (one number above 12, the other a possible month) count, and
    only when the document never writes the other order: "posted 6/11/2020 03:42 UTC" in a text
    that also says "since the 5/15 close" is June 11, whatever the zone suggests.
    """
    us = eu = False
    for m in _BODY_NUMERIC.finditer(text, 0, min(len(text), 20_000)):
        a, b = int(m["a"]), int(m["b"])
        if (a, b) == (24, 7) or not (a and b):
            continue
        if 1 <= a <= 12 < b <= 31:
            us = True
        elif 1 <= b <= 12 < a <= 31:
            eu = True
    if us != eu:
        return "mdy" if us else "dmy"
    return None


def _numeric_order(groups: dict[str, Optional[str]], matched: str, order: Optional[str] = None) -> tuple[int, int]:
    """(month, day) of an NN/NN/YYYY date: US order unless the numbers, the document's own numeric
    dates (``order``) or the style say day first."""
    first, second = int(groups["m"] or 0), int(groups["d"] or 0)
    if first > 12 >= second:
        return second, first
    if second > 12:
        return first, second
    if order is not None:
        return (first, second) if order == "mdy" else (second, first)
    tz = (groups.get("tz") or "").upper()
    european_zone = tz in _EUROPEAN_ZONES or tz.startswith(("UTC", "GMT", "+", "-"))
    european_sep = re.search(r"/\d{4}\s+[-–]\s+\d", matched) is not None
    if groups.get("H") and not groups.get("ampm") and (european_zone or european_sep):
        return second, first
    return first, second


def _build(y: int, mo: int, d: int, hh: Optional[str], mm: Optional[str], ss: Optional[str]) -> Optional[dt.datetime]:
    try:
        return dt.datetime(y, mo, d, int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


def _hour(hh: Optional[str], ampm: Optional[str]) -> Optional[str]:
    """12-hour clock to 24-hour: '4' PM -> '16', '12' AM -> '0'; an impossible '13 PM' stays invalid."""
    if not hh or not ampm:
        return hh
    h = int(hh)
    if not 1 <= h <= 12:
        return "99"  # rejected by _build
    return str(h % 12 + (12 if ampm[0].lower() == "p" else 0))


_EVENT_CUE = re.compile(
    r"\b(?:on|for|by|until|till|before|after|from|to|through|since|scheduled|due|ending|ended|expires?|at|of)\s+"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+(?:the\s+)?)?$",
    re.I,
)
_DATELINE_CUE = re.compile(
    r"\b(?:published|posted|updated|released|dated|date|as of|(?:last\s+)?edited|revised|modified|streamed|uploaded|premiered)\b"
    r"[^\n]{0,12}$", re.I,
)


# a header line labelled with an event ("Reported: Thursday, July 30, 2020, after the bell", "Earnings date: ..."):
# the event's day, not the page's, however close to the top it sits
_EVENT_LABEL = re.compile(
    r"(?:^|\n)[ \t]*(?:Reported|Results|Earnings(?:\s+date)?|Report(?:\s+date)?|Event|Call|Conference call|Meeting|"
    r"Ex-dividend(?:\s+date)?|Record date|Payable|Quarter ended|Period ended)[ \t]*:[ \t]*"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?[ \t]+)?$",
    re.I,
)


def _looks_like_dateline(head: str, found: "FoundTime") -> bool:
    """A date with a clock time, or one not introduced as an event ("on", "for", "due"), is a dateline; a date on a
    line labelled with an event ("Reported: ...") is none, with or without its time."""
    has_clock = found.precision == "time"
    before = head[max(0, found.start - 25) : found.start]
    if _EVENT_LABEL.search(head[max(0, found.start - 40) : found.start]):
        return False
    if _DATELINE_CUE.search(before):
        return True
    return has_clock or not _EVENT_CUE.search(before)


def _found_time(m: re.Match[str], default_zone: dt.tzinfo, assumption: str, order: Optional[str] = None) -> Optional[FoundTime]:
    """A header match as an aware time; None for an impossible date such as 31.02.2026."""
    groups = m.groupdict()
    if groups.get("H") and not groups.get("M"):
        if not groups.get("ampm"):
            groups["H"] = groups["tz"] = None  # "May 1, 2020 5": an hour alone without am/pm is no clock
        else:
            groups["M"] = "00"  # "6 p.m."
    if groups.get("mon"):
        month, day = MONTHS[groups["mon"].rstrip(".").lower()], int(groups["d"])
    elif m.re is _US_NUMERIC:
        month, day = _numeric_order(groups, m.group(0), order)
    else:
        month, day = int(groups["m"]), int(groups["d"])
    naive = _build(int(groups["y"]), month, day, _hour(groups.get("H"), groups.get("ampm")),
                   groups.get("M"), groups.get("S"))
    if naive is None:
        return None
    zone = _zone(groups.get("tz"))
    if not groups.get("H"):
        # a date alone is that whole day: no time (and so no zone) is assumed for it
        return FoundTime(naive.replace(tzinfo=zone or default_zone), m.start(), m.end(), None, precision="date")
    fold = 1 if (groups.get("tz") or "").strip().upper() in _STANDARD_TIME else 0
    return FoundTime(naive.replace(tzinfo=zone or default_zone, fold=fold), m.start(), m.end(), None if zone else assumption)


_NY_ASSUMED = "time without zone read as America/New_York"
# (pattern, zone for a time without one, the assumption recorded in that case), tried in this order
_HEADER_FORMATS = (
    (_GERMAN, BERLIN, "DD.MM.YYYY header read as Europe/Berlin time"),
    (_ENGLISH, NEW_YORK, _NY_ASSUMED),
    (_ENGLISH_DMY, NEW_YORK, _NY_ASSUMED),
    (_ENGLISH_CAPS, NEW_YORK, _NY_ASSUMED),
    (_US_NUMERIC, NEW_YORK, _NY_ASSUMED),
    (_ISO, NEW_YORK, _NY_ASSUMED),
    (_DASHED_DMY, NEW_YORK, _NY_ASSUMED),
    (_CJK, NEW_YORK, _NY_ASSUMED),
    (_CJK_CLOCK, NEW_YORK, _NY_ASSUMED),
    (_TIME_FIRST, NEW_YORK, _NY_ASSUMED),
)


def find_publication_time(text: str) -> Optional[FoundTime]:
    """The publication time in the article's header, or None.

    Only the first ``HEADER_CHARS`` characters are searched: a date deep in the body is an event,
    not a dateline.
    """
    head = text[:HEADER_CHARS]
    candidates: list[FoundTime] = []
    order: Optional[str] = None
    for pattern, default_zone, assumption in _HEADER_FORMATS:
        for m in pattern.finditer(head):
            if pattern is _US_NUMERIC and order is None:
                order = numeric_date_order(text[: m.start()] + " " + text[m.end() :]) or ""
            found = _found_time(m, default_zone, assumption, order or None)
            if found is not None:
                candidates.append(found)
    candidates = [c for c in candidates if _looks_like_dateline(head, c) and not _in_period(head, c)]
    tagged = date_tag_time(text)
    if tagged is not None and not any(c.start < 300 and c.precision == "time" for c in candidates):
        return tagged
    stamp = _filing_stamp(head)
    if stamp is not None:
        candidates.append(stamp)
    if not candidates:
        return _cued_later(text)
    # Prefer the earliest in the text; among those at one place, the one with a clock time.
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    # "Data as of March 31, 2024" over a deck's "April 25, 2024 · 8:30 a.m. ET": the figures' date, not the page's
    later = [c for c in candidates if not _DATA_AS_OF.search(head, max(0, c.start - 30), c.start)]
    if later and later[0] is not candidates[0]:
        candidates = later
    first = candidates[0]
    if first.precision == "date" and not _PUBLISHED_CUE.search(head[max(0, first.start - 25) : first.start]):
        # "Results released Thursday, Oct. 30, 2025 | Scorecard posted Friday, Oct. 31, 2025, 4:20 p.m. ET":
        # a time on the same header line is the page's own, and the date alone before it an event's
        line_end = head.find("\n", first.end)
        for later in candidates[1:]:
            if later.precision == "time" and (line_end < 0 or later.start < line_end):
                return later
        # "Wednesday, August 16, 2017  |  Posted 5:05 a.m. EDT": later on the date's own line, set off by a separator,
        # a clock the page says it was posted (or its session started) at is that day's time
        posted = _LINE_CLOCK.search(head, first.end, line_end if line_end >= 0 else len(head))
        if posted is not None and (posted["tz"] or posted["ampm"]):
            clock = _clock_on(first.value, posted["H"], posted["M"], posted["ampm"], posted["tz"])
            if clock is not None:
                return FoundTime(clock, first.start, posted.end(), None if _zone(posted["tz"]) else _NY_ASSUMED)
        # "Release No. 412 / March 3, 2026" over "Posted: March 3, 2026, 4:05 p.m. ET": the same day told again
        # with its clock time is the page's time, whatever line it sits on
        for later in candidates[1:]:
            if later.precision == "time" and later.value.date() == first.value.date():
                return later
        # "THE COURIER - WEDNESDAY, NOVEMBER 16, 2016" over "Tables compiled 7:40 p.m. EST Nov. 15, 2016": a morning
        # edition is dated the day after its content was made; a stamp of the evening before that says it is when the
        # content was made ("compiled", "printed", "posted") is that content's time ("Markets closed June 2, 2024,
        # 4:00 p.m." is an event's)
        for later in candidates[1:]:
            if (later.precision == "time" and later.value.date() == first.value.date() - dt.timedelta(days=1)
                    and later.value.hour >= 16 and _MADE_CUE.search(head, max(0, later.start - 30), later.start)):
                return later
        # a hearing's or a board's record under its date: "The subcommittee met, pursuant to notice, at 10:02 a.m. EST"
        # is when what follows was said (a zone is required, and only a meeting's verbs count)
        convened = _CONVENED.search(head, first.end, min(len(head), first.end + 400))
        if convened is not None and _zone(convened["tz"]) is not None:
            clock = _clock_on(first.value, convened["H"], convened["M"], convened["ampm"], convened["tz"])
            if clock is not None:
                return FoundTime(clock, first.start, first.end, None)
    return first


def _clock_on(day: dt.date, hh: str, mm: str, ampm: Optional[str], tz: Optional[str]) -> Optional[dt.datetime]:
    """``day`` at the clock a header line gives it, in that clock's zone (America/New_York when it names none); the
    standard-time fold as ``_found_time`` sets it."""
    naive = _build(day.year, day.month, day.day, _hour(hh, ampm), mm, None)
    if naive is None:
        return None
    fold = 1 if (tz or "").strip().upper() in _STANDARD_TIME else 0
    return naive.replace(tzinfo=_zone(tz) or NEW_YORK, fold=fold)


# a clock on a header line after a separator, cued as the page's own ("Posted 5:05 a.m. EDT", "Final whistle posted
# 4:35 PM ET") or as the start of the session a transcript records ("Session start 10:30 a.m. PT"); an event's clock
# ("Conference call 5:00 p.m. ET") has no such cue
_LINE_CLOCK = re.compile(
    r"(?:\||\u00b7|\u2022|\u2014|\s--?\s)[ \t]*(?:[A-Za-z][A-Za-z'-]*[ \t]+){0,3}?"
    r"(?i:posted|published|updated|filed|issued|sent|prepared|compiled|printed|generated|produced|written|released|"
    r"(?:session|broadcast|recording|program(?:me)?|show|transcript)[ \t]+(?:start(?:s|ed)?|began|begins|opened))"
    r"[ \t]*:?[ \t]*(?:at[ \t]+)?(?P<H>\d{1,2}):(?P<M>\d{2})[ \t]*(?P<ampm>[AaPp]\.?[Mm]\b\.?)?" + _TZ.replace("tzp", "tzq")
)


_CONVENED = re.compile(
    r"\b(?:met|convened|reconvened|(?:was|were)\s+called\s+to\s+order|came\s+to\s+order)\b[^\n.]{0,60}?\bat\s+"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})\s*(?P<ampm>[AaPp]\.?[Mm]\b\.?)?[ \t,]*(?P<tz>ET|EST|EDT|CT|CDT|PT|PST|PDT|UTC|GMT)\b")


# what says a stamp is when the page itself was made
_MADE_CUE = re.compile(r"\b(?:compiled|prepared|printed|generated|produced|filed|written|sent|issued|transmitted|published|"
                       r"posted|updated|released)\b[^\n.;]{0,12}$", re.I)

_DATA_AS_OF = re.compile(r"\b(?:data|prices?|figures|holdings|market data|numbers|quotes|performance|returns)\s+(?:are\s+|shown\s+)?"
                         r"as\s+of\s*:?\s*$", re.I)


# "Statement | November 1, 2017 - November 30, 2017": either end of a period is no dateline
_PERIOD_SEP = r"[ \t]*(?:-|\u2013|\u2014|to|through|thru)[ \t]*"
_PERIOD_AFTER = re.compile(_PERIOD_SEP + r"(?:\d|(?:" + _MONTH_RE + r")\b)", re.I)
_YEAR_IN_MATCH = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_PERIOD_BEFORE = re.compile(r"(?:\d{4}|\d{1,2})" + _PERIOD_SEP + r"$", re.I)


def _in_period(head: str, found: "FoundTime") -> bool:
    """Whether a date without a clock time opens or closes a date range ("Nov. 1, 2017 - Nov. 30, 2017")."""
    if found.precision == "time":
        return False
    # a match may run past its year into the range's dash ("07/01/2020 - 07" read as a day and an hour):
    # the range then starts after the year
    year = _YEAR_IN_MATCH.search(head, found.start, found.end)
    ends = [found.end] + ([year.end()] if year is not None and year.end() < found.end else [])
    for at in ends:
        if _PERIOD_AFTER.match(head, at):
            later = head[at : at + 40]
            if _ENGLISH.search(later) or _US_NUMERIC.search(later) or _ISO.search(later) or _ENGLISH_DMY.search(later):
                return True
    if _PERIOD_AFTER.match(head, found.end):
        later = head[found.end : found.end + 40]
        return bool(_ENGLISH.search(later) or _US_NUMERIC.search(later) or _ISO.search(later) or _ENGLISH_DMY.search(later))
    before = head[max(0, found.start - 40) : found.start]
    return bool(_PERIOD_BEFORE.search(before)) and bool(
        _ENGLISH.search(before) or _US_NUMERIC.search(before) or _ISO.search(before) or _ENGLISH_DMY.search(before))


# an EDGAR submission header's "ACCEPTANCE-DATETIME: 20171016070213": the filing's own time, New York's clock
_FILING_STAMP = re.compile(r"(?m)^[ \t]*(?:ACCEPTANCE[- ]DATETIME|ACCEPTED)[ \t]*:?[ \t]*"
                           r"(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2})\b")


def _filing_stamp(head: str) -> Optional[FoundTime]:
    m = _FILING_STAMP.search(head)
    if m is None:
        return None
    naive = _build(int(m["y"]), int(m["m"]), int(m["d"]), m["H"], m["M"], m["S"])
    if naive is None:
        return None
    return FoundTime(naive.replace(tzinfo=NEW_YORK), m.start("y"), m.end(), _NY_ASSUMED)


# a court filing's or a memo's caption can push its "Filed: April 14, 2020 4:45 PM ET" line past the usual header
_CUED_LINE = re.compile(r"(?m)^[ \t]*(?:Filed|Published|Posted|Updated|Dated|Printed)[ \t]*(?:on[ \t]+)?:?[ \t]*(?=\S)")
LATE_HEADER_CHARS = 1500


def _cued_later(text: str) -> Optional[FoundTime]:
    """With no dateline in the header: a line opening with "Filed:" / "Published:" a little further down, whose
    date carries a clock time, is the page's own time."""
    for m in _CUED_LINE.finditer(text, HEADER_CHARS // 2, min(len(text), LATE_HEADER_CHARS)):
        line_end = text.find("\n", m.end())
        line = text[m.end() : line_end if line_end >= 0 else len(text)]
        found = find_publication_time(line) if len(line) <= 80 else None
        if found is not None and found.start == 0 and found.precision == "time":
            return FoundTime(found.value, m.end() + found.start, m.end() + found.end, found.assumption, precision=found.precision)
    return None


# a feed's or a news markup's own date element, however long the channel header above it runs:
# "<pubDate>Fri, 21 Nov 2014 07:15:00 -0500</pubDate>", "<dc:date>", NewsML's "<firstCreated>"
_DATE_TAG = re.compile(
    r"<(?P<tag>pubDate|dc:date|published|firstCreated|versionCreated|contentCreated|dateline|dcterms:created|dcterms:issued)"
    r"(?:\s[^<>]{0,80})?>[ \t]*(?P<v>[^<>\n]{8,60}?)[ \t]*</(?P=tag)>", re.I)
TAG_CHARS = 4000


def date_tag_time(text: str, start: int = 0) -> Optional[FoundTime]:
    """The first publication element of a pasted feed or markup item, at or after ``start``, that reads as a date
    (with its clock or not). Also what ``document`` reads on a raw XML news item before its markup is reduced."""
    if "<" not in text[start : start + TAG_CHARS]:
        return None
    for m in _DATE_TAG.finditer(text, start, min(len(text), start + TAG_CHARS)):
        value = m["v"]
        found = find_publication_time(value) if "<" not in value else None
        if found is not None and re.fullmatch(r"\s*(?:[A-Za-z]{3,9}\.?,?)?\s*", value[: found.start]):
            return FoundTime(found.value, m.start("v") + found.start, m.start("v") + found.end, found.assumption,
                             precision=found.precision)
    return None


# what introduces the page's own date, not an event's
_PUBLISHED_CUE = re.compile(r"\b(?:published|posted|updated|dated|edited)\b[^\n]{0,12}$", re.I)


def parse_datetime_arg(value: str) -> dt.datetime:
    """Parse ``--published``: ISO 8601 or any header format; zone-less means America/New_York."""
    value = value.strip()
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=NEW_YORK)
    except ValueError:
        pass
    found = find_publication_time(value)
    if found is None or found.end - found.start < len(value.strip()) - 4:
        raise InputError(
            f"cannot read the date {value!r}; use ISO 8601 such as 2026-01-30T17:25:04+01:00"
        )
    return found.value


def parse_publication_arg(value: str) -> tuple[dt.datetime, str]:
    """``--published`` with its precision: ``"date"`` for a day alone ("2026-02-04"), else ``"time"``."""
    parsed = parse_datetime_arg(value)
    text = value.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return parsed, "date"
    found = find_publication_time(text)
    if found is not None and found.precision == "date" and not re.search(r"\d:\d", text):
        return parsed, "date"
    return parsed, "time"


def publication_date(published_at: Optional[dt.datetime], precision: Optional[str] = "time") -> Optional[dt.date]:
    """The publication day: the written day for a date alone, else the day on the US exchanges' clock.

    A header "30.01.2026" means 30 January wherever the reader is; only a clock time can be moved
    into another zone (01:00 in Berlin is still the previous evening in New York).
    """
    if published_at is None:
        return None
    if precision == "date":
        return published_at.date()
    return exchange_date(published_at)


def ensure_aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=NEW_YORK)


# --------------------------------------------------------------------------- dates inside the text
#
# Relative dates ("this week", "next Thursday", "over the past four months") are resolved against
# the publication day in the exchange time zone (America/New_York): an article stamped 17:25 in
# Berlin on a Friday was written during Friday's US session. Conventions, chosen and documented:
#   - a bare weekday ("on Friday") is the latest such day on/before publication for past-tense
#     statements, the first on/after publication for future ones (a scheduled event);
#   - "next Thursday" is the first Thursday strictly after publication, "last Friday" the latest
#     strictly before it, "this Thursday" the Thursday of the publication week;
#   - "this week" runs from the Monday of the publication week to the publication day;
#   - a month and day without a year ("February 5") is the closest such date to publication, but a
#     future statement never points more than two weeks back (nor a past one two weeks ahead);
#   - "in October" is the latest October on/before publication (past) or the next one (future).

WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
# weekday and month names of translated (French, Italian, Spanish, German) briefs
_EU_WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
    "lunedì": 0, "martedì": 1, "mercoledì": 2, "giovedì": 3, "venerdì": 4, "sabato": 5, "domenica": 6,
    "lunes": 0, "martes": 1, "miércoles": 2, "jueves": 3, "viernes": 4, "sábado": 5,  # not "domingo": a name too
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5, "sonntag": 6,
}
_EU_MONTHS = {
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8, "septembre": 9,
    "octobre": 10, "novembre": 11, "décembre": 12,
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "enero": 1, "febrero": 2, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "septiembre": 9, "octubre": 10,
    "noviembre": 11, "diciembre": 12,
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18, "several": None,
    "few": None, "couple of": 2,
}
_WEEKDAY_RE = (
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs?)?\.|Fri\.|"
    r"(?-i:Mon|Tues?|Wed|Thu(?:rs?)?|Fri)(?![A-Za-z.]))"  # digest shorthand: "+10.4% Thu", capitalised only
)
_FULL_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)

Tense = str  # "past" or "future"


@dataclass
class DateMention:
    """A date or period named in the text, resolved when the publication day is known."""

    start: int
    end: int
    text: str
    kind: str  # day | week | month | year | ytd | span
    date: Optional[dt.date] = None  # the day, for kind "day"
    period_start: Optional[dt.date] = None
    period_end: Optional[dt.date] = None
    cumulative: bool = False  # a running total: "over the past four months", "since October"
    relative: bool = False  # depends on the publication day

    @property
    def resolved(self) -> bool:
        return self.date is not None or self.period_start is not None


def exchange_date(published_at: Optional[dt.datetime]) -> Optional[dt.date]:
    """The publication day on the US exchanges' clock (America/New_York)."""
    if published_at is None:
        return None
    return ensure_aware(published_at).astimezone(NEW_YORK).date()


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, clamped to the month's last day (31 March - 1 month = 28/29 Feb)."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    return first, add_months(first, 1) - dt.timedelta(days=1)


def resolve_weekday(weekday: int, ref: dt.date, tense: Tense = "past", qualifier: Optional[str] = None) -> dt.date:
    """The day a weekday name points at, seen from ``ref`` (see the conventions above)."""
    qualifier = (qualifier or "").lower()
    delta = weekday - ref.weekday()
    if qualifier in ("next", "coming", "upcoming"):
        return ref + dt.timedelta(days=(delta - 1) % 7 + 1)
    if qualifier in ("last", "past", "previous"):
        return ref - dt.timedelta(days=(-delta - 1) % 7 + 1)
    if qualifier == "this":
        return week_start(ref) + dt.timedelta(days=weekday)
    if tense == "future":
        return ref + dt.timedelta(days=delta % 7)
    return ref - dt.timedelta(days=(-delta) % 7)


def resolve_month_day(month: int, day: int, ref: dt.date, tense: Tense = "future") -> Optional[dt.date]:
    """A month and day without a year: the closest occurrence to ``ref``, bounded by the tense."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(dt.date(year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    slack = dt.timedelta(days=14)
    if tense == "future":
        pool = [c for c in candidates if c >= ref - slack] or candidates
    else:
        pool = [c for c in candidates if c <= ref + slack] or candidates
    return min(pool, key=lambda c: (abs((c - ref).days), c < ref))


def resolve_month(month: int, ref: dt.date, tense: Tense = "past") -> tuple[dt.date, dt.date]:
    """'in October': the latest October on/before the publication month (past) or the next (future)."""
    year = ref.year
    if tense == "past" and month > ref.month:
        year -= 1
    if tense == "future" and month < ref.month:
        year += 1
    return month_bounds(year, month)


def _count(word: str) -> Optional[int]:
    word = word.lower().strip()
    if word.isdigit():
        return int(word)
    return _NUMBER_WORDS.get(word)


_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                  "ninth": 9}
_ORDINAL_DAYS = {**_ORDINAL_UNITS, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
                 "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
                 "thirtieth": 30, **{f"twenty{sep}{w}": 20 + n for w, n in _ORDINAL_UNITS.items() for sep in (" ", "-")},
                 "thirty first": 31, "thirty-first": 31}
# a day said in words, as transcripts and captions write it: "march ninth", "april thirtieth", "the twenty-first of May"
_ORDINAL_DAY_RE = "|".join(sorted((re.escape(k).replace("\\ ", " ") for k in _ORDINAL_DAYS), key=len, reverse=True))


def _day_number(text: str) -> int:
    """A day of the month written in digits or as an ordinal word ("9", "ninth", "twenty-first")."""
    return int(text) if text.isdigit() else _ORDINAL_DAYS[re.sub(r"\s+", " ", text.lower())]


class _DatePattern(NamedTuple):
    """A date pattern and its gate, a cheap necessary condition, declared together.

    ``needs_digit``: every match holds a digit; ``literals``: every match holds one of these, case-folded
    (None: no literal). Every match of a pattern holds one of its literals as a run of characters each
    matching the literal's letter under re.I; on a window without _FOLD_SPECIAL that run is the literal
    itself in ``window.lower()`` (tests/test_dates_gates.py checks the character tables and that each
    literal is in every match), so a window holding none, or no digit where one is needed, has no match
    and the pattern is not run.
    """

    kind: str
    pattern: re.Pattern[str]
    needs_digit: bool
    literals: Optional[tuple[str, ...]]


_MONTH3 = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_DATE_PATTERNS: list[_DatePattern] = [
    _DatePattern("iso", re.compile(r"(?<![\d.-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\d])"), True, ("-",)),
    _DatePattern("us_numeric", re.compile(r"(?<![\d./])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})(?![\d])"), True, ("/",)),
    _DatePattern("mdy", re.compile(
        rf"\b(?P<mon>{_FULL_MONTH_RE})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?(?!\s*(?:%|percent|\$))",
        re.I,
    ), True, _MONTH3),
    _DatePattern("dmy", re.compile(
        rf"\b(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_FULL_MONTH_RE})(?![a-z])(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?",
        re.I,
    ), True, _MONTH3),
    _DatePattern("mdy", re.compile(rf"\b(?P<mon>{_FULL_MONTH_RE})\s+(?:the\s+)?(?P<d>{_ORDINAL_DAY_RE})\b(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?", re.I), False, _MONTH3),
    _DatePattern("dmy", re.compile(rf"\bthe\s+(?P<d>{_ORDINAL_DAY_RE})\s+of\s+(?P<mon>{_FULL_MONTH_RE})(?![a-z])(?:,?\s+(?P<y>(?:19|20)\d{{2}})\b)?", re.I), False, _MONTH3),
    _DatePattern("weekday", re.compile(
        rf"\b(?:(?P<q>next|last|this|coming|upcoming|past|previous)\s+)?(?P<wd>{_WEEKDAY_RE})(?P<poss>'s)?(?![a-z])",
        re.I,
    ), False, ("mon", "tue", "wed", "thu", "fri", "sat", "sun")),
    # translated briefs: "vendredi", "mercoledì", "el jueves", "am Freitag"; "5 giugno", "31 octobre 2025", "22 de junio"
    _DatePattern("weekday", re.compile(rf"(?<![\w\u00c0-\u024f])(?P<wd>{'|'.join(_EU_WEEKDAYS)})(?![\w\u00c0-\u024f])", re.I), False, tuple(_EU_WEEKDAYS)),
    _DatePattern("dmy", re.compile(
        rf"(?<![\w.,])(?P<d>\d{{1,2}})(?:er|°|\.)?\s+(?:de\s+)?(?P<mon>{'|'.join(_EU_MONTHS)})(?![\w\u00c0-\u024f])"
        rf"(?:\s+(?:de\s+)?(?P<y>(?:19|20)\d{{2}})\b)?",
        re.I,
    ), True, tuple(_EU_MONTHS)),
    _DatePattern("day_word", re.compile(r"\b(?P<w>today|tonight|yesterday|tomorrow|this morning|this afternoon|this evening)\b", re.I), False, ("today", "tonight", "yesterday", "tomorrow", "this")),
    _DatePattern("past_span", re.compile(
        r"\b(?:(?:over|in|during|within|for)\s+)?(?:the\s+)?(?P<q>past|last|previous|prior)\s+"
        r"(?P<n>\d{1,3}|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|couple of)\s+"
        r"(?P<unit>days?|weeks?|months?|quarters?|years?)\b",
        re.I,
    ), False, ("past", "last", "previous", "prior")),
    _DatePattern("week", re.compile(r"\b(?P<q>this|last|next|past|previous|the past|the previous|the last|the coming)\s+week\b", re.I), False, ("week",)),
    _DatePattern("month_rel", re.compile(r"\b(?P<q>this|last|next|past|previous|the past|the last)\s+month\b", re.I), False, ("month",)),
    _DatePattern("ytd", re.compile(r"\b(?:so\s+far\s+this\s+year|year[- ]to[- ]date|YTD|since\s+the\s+(?:start|beginning)\s+of\s+the\s+year)\b", re.I), False, ("year", "ytd")),
    # "month to date", "MTD", "week-to-date": this month or week so far, read like "this month" / "this week"
    _DatePattern("to_date", re.compile(r"\b(?P<unit>month|week)[- ]to[- ]date\b|\b(?P<abbr>MTD|WTD)\b", re.I), False, ("to-date", "to date", "mtd", "wtd")),
    _DatePattern("year_rel", re.compile(r"\b(?P<q>this|last|next|past|previous|the past|the last)\s+year\b", re.I), False, ("year",)),
    _DatePattern("since_month", re.compile(rf"\bsince\s+(?:early\s+|late\s+|mid-?)?(?P<mon>{_FULL_MONTH_RE})(?![a-z])(?:\s+(?P<y>(?:19|20)\d{{2}})\b)?", re.I), False, ("since",)),
    _DatePattern("in_month", re.compile(
        rf"\b(?P<prep>in|during|through|throughout|until|by|for|earlier in|later in|in early|in late|in mid-?)\s+(?:the\s+month\s+of\s+)?(?P<mon>{_FULL_MONTH_RE})(?![a-z])(?:\s+(?P<y>(?:19|20)\d{{2}})\b)?",
        re.I,
    ), False, _MONTH3),
    _DatePattern("in_year", re.compile(r"\b(?:in|during|throughout)\s+(?P<y>(?:19|20)\d{2})\b(?!\s*[-/])", re.I), True, ("19", "20")),
]



def _any_of(literals: Optional[tuple[str, ...]]) -> Optional[re.Pattern[str]]:
    """One search for "any of these literals is in the (lower-cased) window": the same test as
    ``any(x in low for x in literals)``, in one call instead of a generator step per literal."""
    return None if literals is None else re.compile("|".join(re.escape(x) for x in literals))


_GATED_PATTERNS = [(p.kind, p.pattern, p.needs_digit, _any_of(p.literals)) for p in _DATE_PATTERNS]
_NEXT_DAY_LITERALS = ("day", "session")


def _any_gate() -> Optional[re.Pattern[str]]:
    """Every literal of every gate at once (and '/', which the short "5/15" reading needs): a window
    holding none has no mention, whichever pattern. None when a pattern has no literal (no such test)."""
    if any(p.literals is None for p in _DATE_PATTERNS):
        return None
    return _any_of(tuple(sorted({x for p in _DATE_PATTERNS for x in p.literals or ()} | set(_NEXT_DAY_LITERALS) | {"/"})))


_ANY_GATE = _any_gate()
# the characters other than a letter's own cases that match a gate letter under re.I ('ı' for i, 'ſ' for s) or
# whose lower case is not one character ('İ'): a window holding one is read by every pattern
_FOLD_SPECIAL = frozenset("\u0130\u0131\u017f")
_DIGIT = re.compile(r"\d")


_ASCII_FOLD = str.maketrans({"\u0131": "i", "\u017f": "s", "\u0130": "i"})


def _month_number(token: str) -> int:
    # "Aprıl": under re.I a dotless i (or a long s) matches the pattern's ASCII letter; fold it back for the lookup
    key = token.rstrip(".").lower().translate(_ASCII_FOLD)
    return MONTHS[key] if key in MONTHS else _EU_MONTHS[key]


def _mention(kind: str, m: re.Match[str], ref: Optional[dt.date], tense: Tense) -> Optional[DateMention]:
    """One DateMention for a pattern match, or None when the words are not a date after all."""
    g = m.groupdict()
    text = m.group(0)
    out = DateMention(m.start(), m.end(), text, "day")
    if kind in ("iso", "us_numeric"):
        try:
            out.date = dt.date(int(g["y"]), int(g["m"]), int(g["d"]))
        except ValueError:
            if kind != "us_numeric" or not int(g["d"]) <= 12 < int(g["m"]):
                return None
            try:  # "payable on 14/05/2020": a first number above 12 can only be the day
                out.date = dt.date(int(g["y"]), int(g["d"]), int(g["m"]))
            except ValueError:
                return None
        return out
    if kind in ("mdy", "dmy"):
        month = _month_number(g["mon"])
        day = _day_number(g["d"])
        if g.get("y"):
            try:
                out.date = dt.date(int(g["y"]), month, day)
            except ValueError:
                return None
            return out
        if not 1 <= day <= 31:
            return None
        # "May 15" is a date only when May is written as a month: "may 15" in lower case is a verb
        if g["mon"].lower() == "may" and not g["mon"][0].isupper():
            return None
        out.relative = True
        out.date = resolve_month_day(month, day, ref, tense) if ref else None
        if ref is None and out.date is None:
            try:
                dt.date(2000, month, day)  # leap year: keep 29 February as a possible date
            except ValueError:
                return None
        return out
    out.relative = True
    if kind == "weekday":
        key = g["wd"].rstrip(".").lower().translate(_ASCII_FOLD)
        if key not in WEEKDAYS and key not in _EU_WEEKDAYS:
            return None  # "Frıday": a dotless i matches the pattern under re.I but names no weekday the tables know
        weekday = WEEKDAYS[key] if key in WEEKDAYS else _EU_WEEKDAYS[key]
        q = (g.get("q") or "").lower()
        wd_tense = "past" if g.get("poss") else tense
        out.date = resolve_weekday(weekday, ref, wd_tense, q) if ref else None
        return out
    if kind == "day_word":
        word = g["w"].lower()
        shift = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        out.date = ref + dt.timedelta(days=shift) if ref else None
        return out
    if kind == "past_span":
        n = _count(g["n"])
        unit = g["unit"].lower().rstrip("s")
        out.kind, out.cumulative = "span", True
        if n is None:
            return out
        if ref:
            if unit == "day":
                out.period_start = ref - dt.timedelta(days=n)
            elif unit == "week":
                out.period_start = ref - dt.timedelta(weeks=n)
            elif unit == "month":
                out.period_start = add_months(ref, -n)
            elif unit == "quarter":
                out.period_start = add_months(ref, -3 * n)
            else:
                out.period_start = add_months(ref, -12 * n)
            out.period_end = ref
        return out
    if kind == "week":
        q = g["q"].lower().replace("the ", "")
        out.kind = "week"
        if ref:
            monday = week_start(ref)
            if q == "this":
                out.period_start, out.period_end = monday, ref
            elif q in ("last", "previous") and not g["q"].lower().startswith("the"):
                out.period_start, out.period_end = monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
            elif q in ("past", "previous", "last"):
                out.period_start, out.period_end, out.cumulative = ref - dt.timedelta(days=7), ref, True
            else:  # next, coming
                out.period_start, out.period_end = monday + dt.timedelta(days=7), monday + dt.timedelta(days=13)
        return out
    if kind == "month_rel":
        q = g["q"].lower().replace("the ", "")
        out.kind = "month"
        if ref:
            if q == "this":
                out.period_start, out.period_end = ref.replace(day=1), ref
            elif q == "next":
                out.period_start, out.period_end = month_bounds(*_ym(add_months(ref.replace(day=1), 1)))
            elif g["q"].lower().startswith("the") or q == "past":
                out.period_start, out.period_end, out.cumulative = add_months(ref, -1), ref, True
            else:
                out.period_start, out.period_end = month_bounds(*_ym(add_months(ref.replace(day=1), -1)))
        return out
    if kind == "to_date":
        week = (g.get("unit") or "").lower() == "week" or (g.get("abbr") or "").upper() == "WTD"
        out.kind = "week" if week else "month"
        if ref:
            out.period_start, out.period_end = (week_start(ref) if week else ref.replace(day=1)), ref
        return out
    if kind == "ytd":
        out.kind, out.cumulative = "ytd", True
        if ref:
            out.period_start, out.period_end = dt.date(ref.year, 1, 1), ref
        return out
    if kind == "year_rel":
        q = g["q"].lower().replace("the ", "")
        out.kind = "year"
        if ref:
            if q == "this":
                out.kind, out.period_start, out.period_end = "ytd", dt.date(ref.year, 1, 1), ref
            elif q == "next":
                out.period_start, out.period_end = dt.date(ref.year + 1, 1, 1), dt.date(ref.year + 1, 12, 31)
            elif g["q"].lower().startswith("the") or q == "past":
                out.period_start, out.period_end, out.cumulative = add_months(ref, -12), ref, True
            else:
                out.period_start, out.period_end = dt.date(ref.year - 1, 1, 1), dt.date(ref.year - 1, 12, 31)
        return out
    if kind in ("since_month", "in_month"):
        if g["mon"].lower() == "may" and not g["mon"][0].isupper():
            return None
        month = _month_number(g["mon"])
        out.kind = "month"
        out.cumulative = kind == "since_month"
        if g.get("y"):
            out.relative = False
            first, last = month_bounds(int(g["y"]), month)
        elif ref:
            first, last = resolve_month(month, ref, "past" if kind == "since_month" else tense)
        else:
            return out
        out.period_start, out.period_end = (first, ref or last) if out.cumulative else (first, last)
        return out
    if kind == "in_year":
        out.kind, out.relative = "year", False
        year = int(g["y"])
        out.period_start, out.period_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        return out
    return None  # pragma: no cover - every pattern kind is handled above


# "closed at $X on April 28, then fell 14% the next day": the session after the day the sentence named
# ("the day after the report" is an appositive naming an event, not this)
_NEXT_DAY = re.compile(r"\b(?:the\s+(?:next|following)\s+(?:trading\s+)?(?:day|session)|(?:a|one)\s+(?:trading\s+)?(?:day|session)\s+later)\b", re.I)


def _next_day(text: str, m: re.Match[str], published: Optional[dt.date]) -> Optional[DateMention]:
    """The weekday after the last day named earlier in the same sentence, or None when it names none."""
    lo = max(0, m.start() - 250)
    head = text[lo : m.start()]
    cut = max(head.rfind("\n"), *(head.rfind(p + " ") for p in ".!?"))
    window_start = lo + cut + 1 if cut >= 0 else lo
    if cut < 0 and lo > 0:
        return None  # the sentence's start is out of reach
    anchors = [d for d in find_dates(text, published, window_start, m.start(), tense="past") if d.kind == "day" and d.date]
    if not anchors:
        return None
    day = anchors[-1].date + dt.timedelta(days=1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return DateMention(m.start(), m.end(), m.group(0), "day", date=day, relative=True)


_SHORT_NUMERIC = re.compile(
    r"(?<![\d./$€£,:\w])(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\d/%.,]\d|[\d/%]|\s*(?:of|th|st|nd|rd)\b|[A-Za-z])"
)


def _ym(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


# text -> {(published, start, end, tense): the mentions}: the readers ask for the same sentence's
# dates several times (the sentence, its claims' cues, its opening words); a short text is not kept
_memo = per_document(lambda text: {})


def find_dates(
    text: str,
    published: Optional[dt.date],
    start: int = 0,
    end: Optional[int] = None,
    tense: Tense = "past",
) -> list[DateMention]:
    """Every date or period named in text[start:end], resolved against the publication day.

    Longer mentions win over the shorter ones inside them ("February 5, 2026" over "February 5");
    with ``published`` None, relative mentions are returned unresolved.
    """
    end = len(text) if end is None else end
    memo = _memo(text)
    key = (type(published), published, start, end, tense)
    found = memo.get(key)
    if found is None:
        found = memo[key] = tuple(_find_dates(text, published, start, end, tense))
    return [_fresh(d) for d in found] if found else []  # fresh objects: a caller may change its own


def _fresh(d: DateMention) -> DateMention:
    """``copy.copy(d)``: a new DateMention with the same attributes (a plain dataclass: its __dict__)."""
    out = object.__new__(DateMention)
    out.__dict__.update(d.__dict__)
    return out


def _find_dates(text: str, published: Optional[dt.date], start: int, end: int, tense: Tense) -> list[DateMention]:
    found: list[DateMention] = []
    window = text[max(start, 0) : max(end, 0)]  # what finditer(text, start, end) reads (it clips, a slice counts from the end)
    low = window.lower() if window.isascii() or _FOLD_SPECIAL.isdisjoint(window) else None  # None: no literal gate
    if low is not None and _ANY_GATE is not None and _ANY_GATE.search(low) is None:
        return found  # no pattern's literal, no '/', no "day": no mention (the most frequent case of a short window)
    slash = "/" in (window if start >= 0 and end >= 0 else text[start:end])
    order = numeric_date_order(text) if slash else None
    if order is None and slash and _stamps_day_first(text):
        order = "dmy"  # a chat export's "[03/02/2026, 16:05]" stamps, which run in order only day first
    digit = _DIGIT.search(text, start, end) is not None
    for kind, pattern, needs_digit, literals in _GATED_PATTERNS:
        if (needs_digit and not digit) or (low is not None and literals is not None and literals.search(low) is None):
            continue  # it cannot match here (see _DatePattern)
        for m in pattern.finditer(text, start, end):
            mention = _mention(kind, m, published, tense)
            if mention is not None and kind == "us_numeric" and order == "dmy":
                g = m.groupdict()
                try:
                    mention.date = dt.date(int(g["y"]), int(g["d"]), int(g["m"]))  # "03/02/2026" in a day-first text
                except ValueError:
                    mention = None
            if mention is not None:
                found.append(mention)
    next_day = tense == "past" and (low is None or any(x in low for x in _NEXT_DAY_LITERALS))
    for m in _NEXT_DAY.finditer(text, start, end) if next_day else ():
        # narration ("closed on April 28, then fell the next day"); a forward-looking reading leaves it alone
        mention = _next_day(text, m, published)
        if mention is not None:
            found.append(mention)
    if order is not None:
        # "the 5/15 close", "PT $375 (6/5)": a day and month in numbers, read in the document's own order
        for m in _SHORT_NUMERIC.finditer(text, start, end):
            a, b = int(m["a"]), int(m["b"])
            month, day = (a, b) if order == "mdy" else (b, a)
            if not (1 <= month <= 12 and 1 <= day <= 31):
                continue
            mention = DateMention(m.start(), m.end(), m.group(0), "day", relative=True)
            mention.date = resolve_month_day(month, day, published, tense) if published else None
            found.append(mention)
    # the most precise reading of overlapping words wins: "for April 30, 2020" is a day, not April
    found.sort(key=lambda d: (d.kind != "day" or d.date is None and d.relative is False, -(d.end - d.start), d.start))
    kept: list[DateMention] = []
    for mention in found:
        if any(mention.start < k.end and k.start < mention.end for k in kept):
            continue
        kept.append(mention)
    kept.sort(key=lambda d: d.start)
    # "Thursday, January 29, 2026" is one date: the weekday only restates the day that follows
    merged: list[DateMention] = []
    for mention in kept:
        prev = merged[-1] if merged else None
        if (
            prev is not None and prev.kind == "day" and mention.kind == "day"
            and re.fullmatch(rf"(?:(?:last|this|next|past|previous|coming|upcoming)\s+)?{_WEEKDAY_RE}", prev.text, re.I)
            and re.fullmatch(r",?\s{1,3}(?:the\s+)?", text[prev.end : mention.start])
        ):
            # "Last Wednesday, May 18": the written date settles which Wednesday; a date whose weekday is
            # not the one named is uncertain, so it dates nothing
            day = mention.date if mention.date is not None else prev.date
            named = re.search(_WEEKDAY_RE, prev.text, re.I)
            if mention.date is not None and named and WEEKDAYS.get(named.group(0).lower().rstrip(".")) not in (None, mention.date.weekday()):
                day = None
            merged[-1] = DateMention(
                prev.start, mention.end, text[prev.start : mention.end], "day", date=day, relative=mention.relative,
            )
            continue
        merged.append(mention)
    return merged


# --------------------------------------------------------------------------- timestamped entries
#
# Live blogs, alert digests and tickers open each entry with its time: "16:06 ET - EPS was ...",
# "4:31 PM ET \u2014 Shares ...", "[Thu 05 Feb 2026 \u00b7 16:00 ET] CLOSE AMZN $229.99". The entry's time
# (and its day, when the stamp names one) is when its claims were made, which may be hours or days
# before the page's "last updated" header.

_STAMP_DAY = (
    rf"(?:(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})\s+(?P<mon1>{_MONTH_RE})\s+(?P<y1>\d{{4}})|(?P<mon2>{_MONTH_RE})\s+(?P<d2>\d{{1,2}}),?\s+(?P<y2>\d{{4}})|"
    rf"(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})|(?P<num>\d{{1,2}}/\d{{1,2}}/\d{{4}}))"
)
# a feed export's stamps carry a zone name or an offset, and RSS ones seconds: "2026-03-10 09:30 -04:00 | ...",
# "Tue, 08 Mar 2016 16:02:00 -0500 | ..."
_STAMP_CLOCK = (
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?\s*"
    r"(?P<tz>(?:UTC|GMT)[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}(?!\d)|"
    r"(?:ET|EST|EDT|CET|CEST|GMT|UTC|BST|PT|PST|PDT|IST|SGT|HKT|JST|KST|AEST|AEDT)\b)?"
)
_ENTRY_STAMP = re.compile(  # "[Thu 05 Feb 2026 \u00b7 16:00 ET] " or "16:06 ET - ": a bracket closes it, or a dash
    rf"(?P<br>\[\s*)?(?:{_STAMP_DAY}\s*(?:[\u00b7,|\u2022]|at)?\s*)?{_STAMP_CLOCK}"
    r"(?(br)\s*\]\s*|[ \t]*[-\u2013\u2014:|][ \t]+)"
)


@dataclass(frozen=True)
class EntryStamp:
    """The time stamp opening a timestamped entry; ``day`` only when the stamp names it."""

    start: int
    end: int  # where the entry's own words begin
    clock: dt.time
    zone: dt.tzinfo
    day: Optional[dt.date] = None

    def at(self, day: Optional[dt.date] = None) -> Optional[dt.datetime]:
        """The stamp as an aware time, on its own day or on ``day`` when it names none."""
        on = self.day or day
        return dt.datetime.combine(on, self.clock).replace(tzinfo=self.zone) if on else None


_NUM_STAMP = re.compile(r"(?m)^[ \t]*\[?\s*(\d{1,2})/(\d{1,2})/(\d{4}),?\s+\d{1,2}:\d{2}")


@functools.lru_cache(maxsize=16)
def _stamps_day_first(text: str) -> bool:
    """Whether the numeric entry stamps of ``text`` ("[03/02/2026, 16:05] Mia: ...") are day first.

    A stamp whose first number exceeds 12 settles it; when every stamp reads both ways, the reading under which the
    stamps run in order over the shorter time wins (a chat's messages are days apart, not months): 02/02, 03/02,
    04/02 are 2, 3 and 4 February, not 2 February, 2 March and 2 April. Month first when nothing tells.
    """
    stamps = [(int(a), int(b), int(y)) for a, b, y in _NUM_STAMP.findall(text)]
    if any(b > 12 for a, b, _ in stamps):
        return False
    if any(a > 12 for a, b, _ in stamps):
        return True
    if len(stamps) < 2:
        return False

    def spread(day_first: bool) -> Optional[int]:
        try:
            days = [dt.date(y, b, a) if day_first else dt.date(y, a, b) for a, b, y in stamps]
        except ValueError:
            return None
        if any(later < earlier for earlier, later in zip(days, days[1:])):
            return None  # out of order
        return (days[-1] - days[0]).days

    month_first, day_first = spread(False), spread(True)
    return day_first is not None and (month_first is None or day_first < month_first)


def find_entry_stamp(text: str, start: int = 0, end: Optional[int] = None, before: Optional[dt.date] = None) -> Optional[EntryStamp]:
    """The entry stamp at ``start`` (the beginning of a line or sentence), or None. ``before``: the page's own
    day, which no entry of it postdates ("[05/02/2026, 12:30]" in a chat exported on 6 February is 5 February).

    A bare "10:30 - " needs a zone or am/pm, or brackets, to be a stamp: a score or a ratio is not.
    """
    end = len(text) if end is None else end
    m = _ENTRY_STAMP.match(text, start, end)
    if m is None or m.end() >= end:
        return None
    if not (m["tz"] or m["ampm"] or text[m.start()] == "["):
        return None
    hour = _hour(m["H"], m["ampm"])
    if hour is None or not (0 <= int(hour) <= 23 and 0 <= int(m["M"]) <= 59):
        return None
    day: Optional[dt.date] = None
    try:
        if m["iso"]:
            day = dt.date.fromisoformat(m["iso"])
        elif m["num"]:
            a, b, y = (int(x) for x in m["num"].split("/"))
            wd = WEEKDAYS.get((m["wd"] or "").lower())
            # month first unless the first number cannot be a month or only day first fits the weekday, or
            # the document's other stamps are written day first
            if a > 12 or (b <= 12 and wd is not None and dt.date(y, a, b).weekday() != wd
                          and dt.date(y, b, a).weekday() == wd) or (b <= 12 and wd is None and (_stamps_day_first(text) or (
                    before is not None and dt.date(y, a, b) > before >= dt.date(y, b, a)))):
                a, b = b, a
            day = dt.date(y, a, b)
        elif m["mon1"] or m["mon2"]:
            mon = MONTHS[(m["mon1"] or m["mon2"]).rstrip(".").lower()]
            day = dt.date(int(m["y1"] or m["y2"]), mon, int(m["d1"] or m["d2"]))
    except ValueError:
        return None
    if day is not None and m["wd"] and WEEKDAYS.get(m["wd"].lower()) not in (None, day.weekday()):
        day = None  # "Wed 05 Feb 2026": the weekday and the date disagree, so neither is trusted
    zone = _zone(m["tz"]) or NEW_YORK
    return EntryStamp(m.start(), m.end(), dt.time(int(hour), int(m["M"])), zone, day)


# --------------------------------------------------------------------------- a line's day label
#
# A recap newsletter opens each bullet with the day it covers: "\U0001f53b Mon: AbbVie slipped ...",
# "- Tue \u2014 Shares fell ...", "Also Fri: Argus raised ...". The label dates every sentence of the line.

_MARKS = r"(?:[\-*\u2022\u00b7>\u25aa\u25ba\u2013]|[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]\ufe0f?)"
_DAY_LABEL = re.compile(
    rf"[ \t]*(?:{_MARKS}[ \t]*)*(?:(?:Also|And|Then|Later|Earlier)[ \t]+)?"
    rf"(?P<label>{_WEEKDAY_RE}|{_FULL_MONTH_RE}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_FULL_MONTH_RE})"
    r"[ \t]*(?::|[\u2013\u2014]|-(?=[ \t]))[ \t]+(?=\S)"
)


def day_label(text: str, line_start: int, line_end: int) -> Optional[tuple[int, int]]:
    """The span of the day label opening the line at ``line_start`` ("Mon" in "\U0001f53b Mon: ..."), or None."""
    m = _DAY_LABEL.match(text, line_start, line_end)
    return (m.start("label"), m.end("label")) if m else None


# --------------------------------------------------------------------------- dated sections
#
# A forwarded e-mail thread quotes each earlier message under its own "Sent: Monday, March 16, 2020 5:02 PM"
# line, and a diary or trading journal opens each entry with a line that is only a date ("FRI JUL 31, 2020").
# Each message or entry speaks on its own day: its "today", "this morning" and "on Monday" count from that day,
# and a price it gives without a day is that day's, never the day of the page's own header.

_MAIL_DATE_LINE = re.compile(r"(?m)^[ \t>]*(?:Sent|Date)[ \t]*:[ \t]*(?P<v>[^\n]{8,80})$")
_DATE_LINE = re.compile(r"(?m)^[ \t#*_>=]*(?P<v>[A-Za-z0-9][^\n]{5,58}?)[ \t#*_=:]*$")
# a social feed's post header: the handle, a tag or two, and after a middle dot the post's age or date
# ("@deltaDan  Bearish  \u00b7 Jul 24, 2020"); a post dated so speaks on that day, one aged "5d" on the page's
_POST_HEADER = re.compile(r"(?m)^[ \t]*@\w{1,40}\b[^\n]{0,60}?\u00b7[ \t]*(?P<when>[^\n\u00b7]{1,30}?)[ \t]*(?:\u00b7[^\n]{0,30})?$")
_RULE_LINE = re.compile(r"(?m)^[ \t>]*[-=_*~]{3,}[ \t]*$")
# a review site's or forum's post byline: short fields set off by middle dots, one of them the post's own date
# ("Current Employee - Clerk in Reno, NV \u00b7 Mar 2, 2031", "Mar 2, 2031 \u00b7 Former Employee \u00b7 Analyst")
_DOTTED_LINE = re.compile(r"(?m)^[ \t>]*(?:\u21b3[ \t]*)?(?:\[[A-Za-z ]{1,12}\][ \t]*)?(?P<v>[^\n\u00b7]{1,70}(?:\u00b7[^\n\u00b7]{1,70}){1,3})[ \t]*$")
_CLOCK_FIELD = re.compile(r"\d:\d\d|\b\d{1,2}\s*[ap]\.?m\b|[$%\u20ac\u00a3]|[.!?](?:\s|$)", re.I)


def _dotted_byline_day(line: str) -> Optional[dt.date]:
    """The post's day of a byline of middle-dot fields, one a bare date with its year and none a clock, figure or
    sentence; None for anything else (a page stamp with its clock, a line of prose)."""
    fields = [(f, _date_line_day(f)) for f in (f.strip() for f in line.split("\u00b7"))]
    days = [d for _, d in fields if d is not None]
    if len(days) != 1 or any(_CLOCK_FIELD.search(f) for f, d in fields if d is None):
        return None
    return days[0]
_LEFTOVER = re.compile(r"[\W_]*(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?)?[\W_]*", re.I)


@dataclass(frozen=True)
class DatedSection:
    """A message or journal entry from ``start`` (where its dating line begins) to ``end``, written on ``day``;
    ``at`` is its clock time when the line gives one."""

    start: int
    end: int
    day: dt.date
    at: Optional[dt.datetime] = None


def _date_line_day(line: str) -> Optional[dt.date]:
    """The day of a line that is only a written date with its year ("FRI JUL 31, 2020", "Monday, 3 August 2020
    (split day)"); None for a line that says anything else."""
    body = re.sub(r"\s*\([^()\n]{0,40}\)\s*$", "", line)
    days = [d for d in find_dates(body, None) if d.kind == "day" and d.date is not None and not d.relative]
    if len(days) != 1:
        return None
    rest = body[: days[0].start] + " " + body[days[0].end :]
    return days[0].date if _LEFTOVER.fullmatch(rest) else None


@per_document
def dated_sections(text: str) -> tuple[DatedSection, ...]:
    """The e-mail messages and journal entries of ``text`` that carry their own date, in order.

    A message runs to the next message's dating line; a journal entry to the next entry or the next rule line
    ("-----"). A text with fewer than two dated lines has no sections: a single date line is the page's own.
    """
    marks: list[tuple[int, str, dt.date, Optional[dt.datetime]]] = []
    if "ent:" in text or "ate:" in text:
        for m in _MAIL_DATE_LINE.finditer(text):
            found = find_publication_time(m["v"])
            if found is not None and _LEFTOVER.fullmatch(m["v"][: found.start]):
                at = found.value if found.precision == "time" else None
                marks.append((m.start(), "mail", found.value.date(), at))
    for m in _DATE_LINE.finditer(text):
        if any(start == m.start() for start, *_ in marks):
            continue
        prev_blank = m.start() == 0 or text[: m.start()].endswith("\n\n") or _RULE_LINE.search(
            text, max(0, text.rfind("\n", 0, max(0, m.start() - 1)) + 1), m.start()) is not None
        day = _date_line_day(m["v"])
        if day is not None and (prev_blank or m.start() == 0 or text[m.start() - 1] == "\n"):
            marks.append((m.start(), "entry", day, None))
    posts = [m.start() for m in _POST_HEADER.finditer(text)] if "@" in text else []
    for m in _POST_HEADER.finditer(text) if posts else ():
        days = [d for d in find_dates(m["when"], None) if d.kind == "day" and d.date is not None and not d.relative]
        if len(days) == 1 and not any(start == m.start() for start, *_ in marks):
            marks.append((m.start(), "post", days[0].date, None))
    if "\u00b7" in text:
        for m in _DOTTED_LINE.finditer(text):
            day = _dotted_byline_day(m["v"])
            if day is not None and not any(start == m.start() for start, *_ in marks):
                marks.append((m.start(), "post", day, None))
    if '"' in text and "{" in text:
        marks.extend(_json_item_marks(text))
    if len(marks) < 2:
        return ()
    marks.sort(key=lambda x: x[0])
    rules = [m.start() for m in _RULE_LINE.finditer(text)]
    out: list[DatedSection] = []
    for i, (start, kind, day, at) in enumerate(marks):
        end = marks[i + 1][0] if i + 1 < len(marks) else len(text)
        if kind == "item":
            end = min(end, _closing_brace(text, start))
        if kind == "entry":
            end = min([end] + [r for r in rules if r > start])
        if kind == "post":  # a post runs to the next post's header, dated or not ("@someone · 3h")
            end = min([end] + [p for p in posts if p > start])
        out.append(DatedSection(start, end, day, at))
    return tuple(out)


# a JSON item's own date field: '"publishedAt":"2018-01-30T21:30:00Z"' (a news API's answer, pasted raw or as the
# structure layer's reading text of it, which keeps each dated item's braces and its date field)
_JSON_DATE_KEYS = r"published(?:_?at|_?date|_?on)?|pub_?date|date(?:_?published)?|datetime|created(?:_?at)?|time_?published"
JSON_DATE_KEY = re.compile(rf"(?i)^(?:{_JSON_DATE_KEYS})$")  # the key alone (the structure layer keeps such fields)
_JSON_DATE_FIELD = re.compile(rf'"(?:{_JSON_DATE_KEYS})"[ \t]*:[ \t]*"(?P<v>[^"\n]{{8,40}})"', re.I)


def _closing_brace(text: str, start: int) -> int:
    """The end of the object whose '{' is at ``start`` (braces counted; the end of the text for a cut paste)."""
    depth = 0
    for i in range(start, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return i + 1
    return len(text)


def _json_item_marks(text: str) -> list[tuple[int, str, dt.date, Optional[dt.datetime]]]:
    """Every JSON object holding its own date field, as a dated section from its opening brace: a feed's items
    each speak on their own day and at their own time (a stamp with a clock gives the time)."""
    out: list[tuple[int, str, dt.date, Optional[dt.datetime]]] = []
    for m in _JSON_DATE_FIELD.finditer(text):
        found = find_publication_time(m["v"])
        if found is None or found.start != 0:
            continue
        depth, pos = 0, m.start() - 1
        while pos >= 0:  # the enclosing object's brace
            if text[pos] == "}":
                depth += 1
            elif text[pos] == "{":
                if depth == 0:
                    break
                depth -= 1
            pos -= 1
        if pos < 0 or any(start == pos for start, *_ in out):
            continue
        at = found.value.astimezone(NEW_YORK) if found.precision == "time" and found.value.tzinfo is not None else None
        out.append((pos, "item", (at or found.value).date(), at))
    return out


def dated_section_at(text: str, pos: int) -> Optional[DatedSection]:
    """The dated message or journal entry holding ``pos``, or None."""
    for section in dated_sections(text):
        if section.start <= pos < section.end:
            return section
    return None
