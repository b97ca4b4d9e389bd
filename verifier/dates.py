"""Publication time: read from an article's header or from a flag.

A time without a zone is read in the zone its style implies, and the choice is recorded:
``DD.MM.YYYY - HH:MM:SS`` (the German portals' header) in Europe/Berlin; a time with ``ET``,
``EST`` or ``EDT`` in America/New_York; any other zone-less time in America/New_York, the zone of
the US exchanges the bundled data covers.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Optional
from zoneinfo import ZoneInfo

from .errors import InputError

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
}


@dataclass
class FoundTime:
    value: dt.datetime
    start: int
    end: int
    assumption: Optional[str] = None  # how a zone-less time was placed


# Header formats, tried in order; the header may run straight into the first sentence.
_GERMAN = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?:\s*[-,|–]?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s*(?:Uhr))?(?:\s*(?P<tz>CET|CEST|MEZ|MESZ|UTC|GMT))?)?"
)
_ENGLISH = re.compile(
    rf"(?P<mon>{_MONTH_RE})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})"
    r"(?:\s*(?:at|,|-|–)?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?"
    r"(?:\s*(?P<tz>ET|EST|EDT|UTC|GMT|PT|PST|PDT|CET|CEST|BST)\b)?)?",
)
_ISO = re.compile(
    r"(?<![\d.])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2}|UTC|ET|EST|EDT)?)?(?![\d])"
)

HEADER_CHARS = 600  # a publication line sits at the top of an article


def _zone(tz: Optional[str]) -> Optional[dt.tzinfo]:
    if not tz:
        return None
    tz = tz.strip()
    if tz.upper() in _ZONES:
        return _ZONES[tz.upper()]
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", tz)
    if m:
        sign = 1 if m.group(1) == "+" else -1
        return dt.timezone(sign * dt.timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    return None


def _build(y: int, mo: int, d: int, hh: Optional[str], mm: Optional[str], ss: Optional[str]) -> Optional[dt.datetime]:
    try:
        return dt.datetime(y, mo, d, int(hh or 0), int(mm or 0), int(ss or 0))
    except ValueError:
        return None


def find_publication_time(text: str) -> Optional[FoundTime]:
    """The publication time in the article's header, or None.

    Only the first ``HEADER_CHARS`` characters are searched: a date deep in the body is an event,
    not a dateline.
    """
    head = text[:HEADER_CHARS]
    candidates: list[FoundTime] = []
    for m in _GERMAN.finditer(head):
        naive = _build(int(m["y"]), int(m["m"]), int(m["d"]), m["H"], m["M"], m["S"])
        if naive is None:
            continue
        zone = _zone(m["tz"])
        assumption = None if zone else "DD.MM.YYYY header read as Europe/Berlin time"
        candidates.append(FoundTime(naive.replace(tzinfo=zone or BERLIN), m.start(), m.end(), assumption))
        break
    for m in _ENGLISH.finditer(head):
        hh = m["H"]
        if hh and m["ampm"]:
            h = int(hh) % 12 + (12 if m["ampm"][0].lower() == "p" else 0)
            hh = str(h)
        naive = _build(int(m["y"]), MONTHS[m["mon"].rstrip(".").lower()], int(m["d"]), hh, m["M"], m["S"])
        if naive is None:
            continue
        zone = _zone(m["tz"])
        assumption = None if zone else "time without zone read as America/New_York"
        candidates.append(FoundTime(naive.replace(tzinfo=zone or NEW_YORK), m.start(), m.end(), assumption))
        break
    for m in _ISO.finditer(head):
        naive = _build(int(m["y"]), int(m["m"]), int(m["d"]), m["H"], m["M"], m["S"])
        if naive is None:
            continue
        zone = _zone(m["tz"])
        assumption = None if zone else "time without zone read as America/New_York"
        candidates.append(FoundTime(naive.replace(tzinfo=zone or NEW_YORK), m.start(), m.end(), assumption))
        break
    if not candidates:
        return None
    # Prefer the earliest in the text; among those at one place, the one with a clock time.
    candidates.sort(key=lambda c: (c.start, -(c.end - c.start)))
    return candidates[0]


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


def ensure_aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=NEW_YORK)
