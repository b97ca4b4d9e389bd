"""The offline rule engine: checkable claims from ordinary financial prose, without a model.

How it reads an article:
1. the text is cut into sentences (headlines and the dateline are their own units) and each
   sentence into clauses; table rows and label:value lines are read cell by cell instead;
2. every number is found with its exact span (``numbers.py``): money, percentages, counts;
3. each sentence is offered to the kind readers in ``kinds.READ_ORDER`` (analyst targets, reported
   figures, deals, share prices, price moves, job counts, events), and a kind takes a number only
   when the words around it say what it is ("price target to $295", "revenue of $4.1B", "closed at
   $241.73"); a number taken is not offered to the kinds after it;
4. dates and periods in the same clause ("this week", "on Friday", "over the past four months")
   are resolved against the publication day (``dates.find_dates``);
5. the company is the one named nearest before the claim, or the article's main company when the
   claim only says "the company" or "shares"; analyst firms get their canonical name.

The quote of a claim is the clause (for analyst actions, the sentence segment) that holds every
number in its fields, so ``document.text[start:end] == quote`` by construction.

Deliberate non-claims (documented so nobody "fixes" them into noise): years, quarter names,
phone numbers, option-chain tickers, a stake size in percent ("a 25% stake"), coupon rates
("0.750% Notes"), percentages of anything other than a share price (revenue growth, oil, indexes),
fines and penalties (no claim kind fits them), a money amount with no cue for what it is, a funding
round's valuation (not the amount invested), the staff of a plant, unit, place or part of the workforce
as the company's headcount, and a net change in headcount as a cut or a hire.
"""

from __future__ import annotations

import bisect
import datetime as dt
from verifier import recache as re
from typing import Any, Iterator, Optional

from ...attribution import SUBORDINATE, classify_attribution, paragraph_window
from ...dates import DateMention, NEW_YORK, dated_section_at, day_label, ensure_aware, find_dates, find_entry_stamp
from ...document import SourceDocument
from ...facts import ArticleFacts
from ...errors import InputError
from ...firms import firm_aliases
from ...schemas import Claim
from ...text import CLAUSE_BREAK, Span, speaker_cuts, split_sentences
from ...tickers import CompanyMention, company_table, known_names
from ..base import Extraction
from ..numbers import Money, Percent, find_counts, find_money, find_percents
from ..structure import WINDOW_LABEL, _LABEL_UNIT, _PERCENT_COLUMN, Block, ColumnPeriod, blocks, classify_cell, column_period, quotable, reading_text, source_span
from .context import (
    Sentence, _after_sentence, _Candidate, _company_for, _Context, _enter_heading, _in_focus, that_day,
)
from .cues import (
    _CUMULATIVE, _GUIDANCE, _PERIOD, _RATING, _TARGET_WORD, _apply_period, _circa_counts, _dash_dates, _dates,
    _leading_date, _pieces, _trim, firm_patterns,
)
from .kinds import load as _load_readers
from .kinds.analyst_rating import _analyst, analyst_any_case, export_row, merge_repeats
from .kinds.price_change import date_listed_moves
from .kinds.scheduled_event import drop_title_repeats, year_heading

MAX_TEXT_CHARS = 1_000_000  # ~1 MB: a long annual report; beyond it the text is a corpus, not an article
ATTRIBUTION_WINDOW = 1500  # characters of context either side of a claim for its attribution
_CLAUSE_BREAK = CLAUSE_BREAK
_LABEL_DIGITS = re.compile(
    r"\b\d+[-\u2011]?(?:week|wk|day|month|mo|year|yr|for-\d+)\w*|\b52w\b|\b(?:Q|FQ|H|FY)\d\w*|\b\d[QH]\w*|"
    r"\(?\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\)?(?:,?\s+\d{4})?|"
    r"\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?|\b(?:19|20)\d{2}\b|"
    r"\b\d{1,2}-(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-\d{2}\b",  # "Price (21-Nov-17 close)": a label's day
    re.I,
)


_SHORT_YEAR_DAY = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2})")


def _symbol_cell(text: str, block: Block) -> Optional[CompanyMention]:
    """A table row's company written as a bare ticker symbol in a column headed as the stock ("Ticker", "Symbol",
    "Pick", "Holding"), even a symbol that is also a word (ABC, NOW): the header says it is a ticker there."""
    table = company_table()
    for index, cell in enumerate(block.cells):
        symbol = text[cell.start : cell.end]
        head = block.extra.get(f"column{index}") or (text[block.header[index].start : block.header[index].end] if index < len(block.header) else "")
        if (re.fullmatch(r"[A-Z]{2,5}", symbol) and symbol in table
                and re.fullmatch(r"\s*(?:ticker|symbol|sym|pick|stock|holding|name|security)s?\s*", head, re.I)):
            return CompanyMention(cell.start, cell.end, symbol, symbol, table[symbol].get("name", symbol) if isinstance(table[symbol], dict) else symbol)
    return None


def _defined_column(ctx: _Context, block: Block, column: str) -> Optional[DateMention]:
    """The day of a price column the article defines before its table in words ("entry prices locked at the Dec. 29,
    2017 close", "base prices are the Jan. 2 close"): a close of that one day. None when nothing defines it."""
    word = column.strip()
    if not re.fullmatch(r"[A-Za-z]{3,12}", word) or ctx.ref is None:
        return None
    text = ctx.text
    top = max(0, block.span.start - 3000)
    found = None
    for m in re.finditer(rf"\b{re.escape(word)}\s+(?:prices?|levels?)\b[^.\n;]{{0,40}}?\b(?:at|as of|from|are|were|is|was)\s+(?:the\s+)?"
                         r"(?P<day>[^\n;]{3,30}?)\s+clos(?:e|ing price)\b", text[top : block.span.start], re.I):
        days = [d for d in find_dates(text, ctx.ref, top + m.start("day"), top + m.end("day"), tense="past") if d.kind == "day" and d.date]
        if len(days) == 1 and days[0].date <= ctx.ref:
            found = days[0]
    return found


_PHONE_CELL = re.compile(r"\+?\d{1,3}[ .\-]\(?\d{2,4}\)?[ .\-]\d{3,4}[ .\-]?\d{3,4}")
_SHORT_YEAR_LABEL = re.compile(r"\b(?P<d>\d{1,2})-(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)-(?P<y>\d{2})\b", re.I)


def _short_label_day(m: re.Match[str], ref: Optional[dt.date]) -> Optional[dt.date]:
    month = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].index(m["mon"].lower()) + 1
    try:
        day = dt.date(2000 + int(m["y"]), month, int(m["d"]))
    except ValueError:
        return None
    return day if ref is None or day <= ref else None


def _short_year_days(text: str, block: Block, ref: Optional[dt.date]) -> list[dt.date]:
    """The day of a table row written with a two-digit year ("12/15/17", US month first) in a column headed as a date;
    a cell that is no valid day, or a day after publication, dates nothing."""
    days = set()
    for index, cell in enumerate(block.cells):
        m = _SHORT_YEAR_DAY.fullmatch(text, cell.start, cell.end)
        head = block.extra.get(f"column{index}") or (text[block.header[index].start : block.header[index].end] if index < len(block.header) else "")
        if m is None or not re.search(r"\bdate\b", head, re.I):
            continue
        try:
            day = dt.date(2000 + int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        if ref is None or day <= ref:
            days.add(day)
    return sorted(days)


def _is_value_cell(cell: str) -> bool:
    """A cell that holds a figure, not a label with digits in it ("52-week high", "Close, Fri Jan. 30", "Q3")."""
    if re.search(r"[$€£¥]\s?\d|\d\s?%", cell):
        return True
    if re.match(r"^(?:\w+,?\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))", cell, re.I) or re.search(r"\beffective\b", cell, re.I):
        return True  # a date cell: "Feb. 12", "Oct 30, 2025 (after close)", "20-for-1, effective June 6"
    return bool(re.search(r"\d", _LABEL_DIGITS.sub(" ", cell)))


def _column_period(text: str, block: Block, cell: Span) -> Optional[ColumnPeriod]:
    """The period of the column a table cell sits in ("FY2020E"), from the table's header row."""
    if block.kind != "table_row" or cell not in block.cells or not block.header:
        return None
    if len(block.header) == len(block.cells):
        head = block.header[block.cells.index(cell)]
    else:
        # "            FY2024A   FY2025E" over "Revenue     $60.9B    $71.0B": the header has no cell over the row
        # labels, so its cells are matched by the columns they stand in; a header that overlaps none names nothing
        def columns(span: Span) -> tuple[int, int]:
            line = text.rfind("\n", 0, span.start) + 1
            return span.start - line, span.end - line

        lo, hi = columns(cell)
        over = [h for h in block.header if h.end > h.start and columns(h)[0] < hi and lo < columns(h)[1]]
        if len(over) != 1:
            return None
        head = over[0]
    return column_period(text[head.start : head.end])


_READERS = _load_readers()
_CELL_PERIOD_TAG = re.compile(r"\s*\(\s*(?P<tag>1D|1W|5D|1M|YTD|1Y|12M)\s*\)", re.I)
_CELL_TAG_PERIODS = {"1D": "day", "1W": "week", "5D": "week", "1M": "month", "YTD": "ytd", "1Y": "year", "12M": "year"}
_TARGET_LABEL = re.compile(rf"(?:12-month\s+|new\s+)?(?:{_TARGET_WORD}|fair value)(?:\s*\([^)]*\))?", re.I)
_TRAILING = re.compile(r"\b(?:TTM|LTM|trailing[- ](?:twelve|12)[- ]months?|last (?:twelve|12) months)\b", re.I)
_BARE_SCALED = re.compile(r"(?<![\w$€£.,])(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?)\s?(?P<scale>[TBM]|tn|bn|mn|trillion|billion|million)(?![\w])")


_CELL_NOUNS = re.compile(r"\b(?:revenues?|sales|EPS|net income|profit|operating income)\b", re.I)


_SECTION_SESSION = re.compile(r"\b(?:sessions?|moves|movers|close|closing|trading|markets?|yesterday(?:'s|\u2019s)?|today(?:'s|\u2019s)?)\b", re.I)
_SECTION_DAY = re.compile(r"(?:\((?P<day>[^()\n]{3,40})\)|:\s*(?P<day2>[^()\n]{3,40}?))\s*$")


def _other_event_day(text: str, row: Span, d: DateMention) -> bool:
    """A day a movers line names for something else: after a semicolon ("-0.7% at $122.31; gave back some of
    Friday's jump") or as the possessive of an event after a preposition ("ahead of Thursday's print")."""
    if ";" in text[row.start : d.start]:
        return True
    possessive = text[d.start : d.end].endswith(("'s", "\u2019s")) or text[d.end : d.end + 2] in ("'s", "\u2019s")
    return possessive and bool(
        re.search(r"\b(?:of|ahead of|after|before|into|since|until|for)\s+$", text[max(row.start, d.start - 12) : d.start], re.I))


def _enter_section_day(ctx: _Context, sent: Span) -> None:
    """A section heading that names one past session ("YESTERDAY'S MOVES (Tuesday, June 9)", "Last session: Mon
    29 Jan") dates the lines under it that name no day of their own, until the next section heading. Only a heading
    about sessions or moves, with the day in parentheses or after a colon or dash, and no figure of its own (a
    quote line set as a heading is no section); a day after publication or more than a week before it is not taken."""
    text = ctx.text
    line = text[sent.start : sent.end]
    if re.search(r"[$%\u20ac\u00a3]|\d[.,]\d", line):
        return  # "AAPL  Apple Inc.  +2.6% to $352.84": a line of figures, not a section
    ctx.section_day = None
    tail = _SECTION_DAY.search(line)
    if tail is None or not _SECTION_SESSION.search(line, 0, tail.start()) or re.search(r"\d:\d\d|\b\d{1,2}\s*[ap]\.?m\b", line, re.I):
        return  # "Markets Desk - Feb 5, 2018, 5:12 PM ET": a dateline, not a section's session
    group = "day" if tail.start("day") >= 0 else "day2"
    days = [d for d in find_dates(text, ctx.ref, sent.start + tail.start(group), sent.start + tail.end(group), tense="past")
            if d.kind == "day" and d.date]
    if len(days) != 1 or ctx.ref is None or not (0 <= (ctx.ref - days[0].date).days <= 7):
        return
    ctx.section_day = days[0]


def _enter_dated_section(ctx: _Context, sent: Span) -> Optional[Any]:
    """A sentence of a quoted e-mail or a journal entry speaks on that message's or entry's own day (its
    "Sent:" line, its date line): its relative days count from there, and its clock is the message's
    time, or unknown for an entry dated without one. A section dated after the page's own day is ignored."""
    section = dated_section_at(ctx.text, sent.start)
    if section is None or section.start >= sent.start or ctx.ref is not None and section.day > ctx.ref:
        return None
    if section.at is not None:
        at = section.at.astimezone(NEW_YORK)
        if ctx.published is not None and at > ctx.published:
            return None
        ctx.ref, ctx.published = section.day, at
    elif ctx.ref is None or section.day < ctx.ref:
        ctx.ref, ctx.published = section.day, None
    return section


_MONTH_COLUMN = re.compile(
    r"(?P<m>January|February|March|April|May|June|July|August|September|October|November|December)(?:\s+(?P<y>(?:19|20)\d{2}))?"
    r"(?:\s*(?:return|change|move|perf\.?|performance|%|\(%\)))?", re.I)


def _after_its_close(section: Any, sent: Span) -> Optional[DateMention]:
    """A dated section (a news API's item, an e-mail) stamped after the close of a weekday: its undated moves and
    prices are that session's, so its day is the sentence's lead; None for a section without a clock or before the close."""
    if section is None or section.at is None:
        return None
    local = section.at.astimezone(NEW_YORK)
    if local.weekday() < 5 and local.time() >= dt.time(16, 0):
        return DateMention(sent.start, sent.start, "", "day", date=local.date())
    return None


def _month_end(month: re.Match[str], ref: dt.date) -> Optional[dt.date]:
    """The last day of a month a column names, the latest one before ``ref`` when it gives no year; a month still
    running ends at ``ref`` (its figures are month to date); a month after ``ref`` is None."""
    number = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
              "december"].index(month["m"].lower()) + 1
    year = int(month["y"]) if month["y"] else (ref.year if number <= ref.month else ref.year - 1)
    first = dt.date(year, number, 1)
    if first > ref:
        return None
    last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    return min(last, ref)


def _labelled_cells(text: str, block: Block) -> bool:
    """A row whose cells carry their own labels ("Revenue: $7.74B (est. $7.64B) | EPS: $1.48 (est. $1.45)")."""
    return all(re.match(r"[A-Za-z][\w .&/()-]{0,30}:\s*[$€£]?\d", text[c.start : c.end]) for c in block.cells)


def _bare_scaled(text: str, cell: Span, label: str) -> list[Money]:
    """A stat box's figure written without its currency ("Market cap | 2.38T", "mkt cap 2.38T"): the
    label made it a metric and the scale a money amount, in the label's currency or dollars."""
    m = _BARE_SCALED.search(text, cell.start, cell.end)
    if m is None:
        unit = _LABEL_UNIT.search(label)  # "Revenue ($bn) | 260.2", "EPS ($) | 11.89": the label's unit
        bare = re.fullmatch(r"\s*[~+]?(?P<num>\d{1,3}(?:,\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?)\s*", text[cell.start : cell.end])
        if unit is None or bare is None:
            return []
        scale = (unit["scale"] or unit["scale2"] or "").lower()
        factor = 1e12 if scale.startswith("t") else 1e9 if scale.startswith("b") else 1e6 if scale.startswith("m") else 1.0
        cur = (unit["cur"] or "$").upper()
        currency = "EUR" if cur in ("€", "EUR") else "GBP" if cur in ("£", "GBP") else "USD"
        value = float(bare["num"].replace(",", "")) * factor
        return [Money(round(value, 6), currency, cell.start + bare.start("num"), cell.start + bare.end("num"), factor > 1)]
    factor = {"t": 1e12, "tn": 1e12, "trillion": 1e12, "b": 1e9, "bn": 1e9, "billion": 1e9, "m": 1e6, "mn": 1e6, "million": 1e6}
    value = float(m["num"].replace(",", "")) * factor[m["scale"].lower()]
    currency = "EUR" if re.search(r"€|\bEUR\b|\beuros?\b", label + text[cell.start : cell.end], re.I) else (
        "GBP" if re.search(r"£|\bGBP\b", label + text[cell.start : cell.end]) else "USD")
    return [Money(round(value, 6), currency, m.start(), m.end(), True)]


_DIVIDEND_WORD = re.compile(r"\bex-?div\w*|\bex-date\b|\bdividend\b|\bpayable\b|\brecord date\b", re.I)


# "fell $7.64, or 5.4%, to close at $133.02 on May 24": the move and the close it ends at are one statement
_TO_CLOSE = re.compile(r"[\s,]*(?:to(?:\s+(?:close|end|finish|settle)(?:\s+the\s+(?:day|session))?(?:\s+at)?)?|at)\s*", re.I)


_EVENT_TIME = re.compile(r"(?<![\w])t\s*(?:(?P<zero>=\s*0)|(?P<sign>[+\-\u2212])\s*(?P<n>\d))(?![\w])", re.I)


_CITATION = re.compile(r"[ \t]*\[\d{1,3}\][ \t]+\S[^\n]*")


def _citation_line(text: str, pos: int) -> bool:
    """A line of a footnote or reference list: "[n] source, title, date", in a run of such lines (one above or below)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    if not _CITATION.fullmatch(text, start, end):
        return False
    above_end = start - 1
    above = text.rfind("\n", 0, max(0, above_end)) + 1 if start > 0 else -1
    below_start = end + 1
    below_end = text.find("\n", below_start)
    below_end = len(text) if below_end < 0 else below_end
    return bool((start > 0 and _CITATION.fullmatch(text, above, above_end)) or (below_start < len(text) and _CITATION.fullmatch(text, below_start, below_end)))


_CLOCK_CELL = re.compile(r"\s*\d{1,2}:\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s?(?:ET|EST|EDT))?\s*")


def _stamped_prose_row(text: str, block: Block) -> bool:
    """An alert log's line laid out like a row: a clock time, then one sentence ("9:47 AM   XYZ traded above $41"):
    the sentence is prose, read as such, not a row of cells."""
    cells = list(block.cells)
    return (len(cells) == 2 and _CLOCK_CELL.fullmatch(text, cells[0].start, cells[0].end) is not None
            and len(text[cells[1].start : cells[1].end].split()) >= 3 and re.search(r"[a-z]{3,}", text[cells[1].start : cells[1].end]) is not None)


def _move_row_price(ctx: _Context, block: Block, cells: list[Span], unread: set[int], moves: dict[int, "_Candidate"],
                    company: Optional[CompanyMention]) -> list["_Candidate"]:
    """A watchlist or movers row with no header: "XYZ   Acme Corp   +2.1%   $41.30": the bare price cell right after the
    row's one move is the price that move reached (its day, if the move has one); a cell with other words is left alone."""
    text = ctx.text
    (index, move), = moves.items()
    nxt = index + 1
    if nxt not in unread or nxt >= len(cells) or any(c.kind == "stock_price" for c in moves.values()):
        return []
    cell = cells[nxt]
    if not re.fullmatch(r"\s*[$€£]\s?\d[\d,]*(?:\.\d{1,4})?\s*", text[cell.start : cell.end]):
        return []
    money = [m for m in find_money(text, cell.start, cell.end) if not m.scaled and m.value < 1e6]
    if len(money) != 1:
        return []
    m = money[0]
    fields: dict[str, Any] = {"kind": "stock_price", "price": m.value, "currency": m.currency, "basis": "unspecified"}
    for key in ("date", "time_reference"):
        if move.fields.get(key):
            fields[key] = move.fields[key]
    cand = _Candidate("stock_price", fields, Span(m.start, m.end), block.span)
    cand.company = company
    return [cand]


def _row_column_day(ctx: _Context, block: Block, cell: Span) -> tuple[Optional[dt.date], Optional[str]]:
    """The day a price or move cell of a table row stands for, read from the row's own date cells.

    One date in the row dates every cell. With several ("| 28 Jan 2020 | 29 Jan 2020 | 317.69 | 324.34 |"),
    the cell's column header names its date column ("Close t=0" under a "t=0" column), or counts sessions
    from it in event time ("Close t-1"), accepted only when the row itself writes that day. Otherwise the
    day is uncertain: (None, a reference the check cannot place), so the claim is not read as the latest session.
    """
    text = ctx.text
    cells = list(block.cells)
    dated: list[tuple[int, dt.date]] = []
    for j, c in enumerate(cells):
        if c == cell or re.search(r"[$€£¥%]", text[c.start : c.end]):
            continue
        days = [d for d in _dates(text, ctx.ref, c.start, c.end, tense="past") if d.kind == "day" and d.date]
        rest = text[c.start : days[0].start] + " " + text[days[0].end : c.end] if len(days) == 1 else ""
        if len(days) == 1 and not re.sub(r"\([^)]*\)|\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|[\W_]", "", rest, flags=re.I):
            dated.append((j, days[0].date))  # a date cell: the date alone, perhaps with a bracketed note
    distinct = {d for _, d in dated}
    if not distinct:
        return None, None
    if len(distinct) == 1:
        return next(iter(distinct)), None
    index = cells.index(cell) if cell in cells else -1
    header = text[block.header[index].start : block.header[index].end] if 0 <= index < len(block.header) else ""
    heads = {j: text[block.header[j].start : block.header[j].end] for j, _ in dated if j < len(block.header)}
    if header:
        for j, d in dated:
            head = re.sub(r"\([^)]*\)", " ", heads.get(j, "")).strip()
            if head and re.search(rf"(?<![\w]){re.escape(head)}(?![\w])", header, re.I):
                return d, None
        offset = _EVENT_TIME.search(header)
        zero = next((d for j, d in dated if (m := _EVENT_TIME.search(heads.get(j, ""))) and m["zero"]), None)
        if offset is not None and offset["n"] and zero is not None:
            step = -1 if offset["sign"] in "-\u2212" else 1
            day, left = zero, int(offset["n"])
            while left:
                day += dt.timedelta(days=step)
                if day.weekday() < 5:
                    left -= 1
            if day in distinct:  # counted in weekdays, so only a day the row itself writes is trusted
                return day, None
    label = " ".join(header.split()) or "this"
    return None, f"the {label} column of a table row that names several days"


def _undated_day_moves(found: list[_Candidate]) -> Iterator[_Candidate]:
    """The moves that nothing dates yet (no day, period start, time reference or clock) and that state one day's
    move or an unspecified one: those a price beside them may date."""
    for move in found:
        f = move.fields
        if move.kind != "price_change" or f.get("date") or f.get("period_start") or f.get("time_reference") or f.get("time"):
            continue
        if f.get("period") in (None, "unspecified", "day"):
            yield move


def _date_from_close(text: str, found: list[_Candidate]) -> None:
    """A move with no day of its own takes the day of the close it leads into, in the same clause
    ("shares fell $7.64, or 5.4%, to close at $133.02 on May 24, 2017"): both state one session."""
    prices = [c for c in found if c.kind == "stock_price" and isinstance(c.fields.get("date"), dt.date)]
    for move in _undated_day_moves(found):
        f = move.fields
        for price in prices:
            gap = text[move.anchor.end : price.anchor.start]
            if 0 <= price.anchor.start - move.anchor.end <= 40 and _TO_CLOSE.fullmatch(gap):
                f["date"], f["period"] = price.fields["date"], "day"
                break


# between a price and the move stated beside it: "closed at $X, up 3.4%", "finished at $X (+2%)", "ended at $X, or 1.9% higher"
_PRICE_THEN_MOVE = re.compile(r"[\s*_]*(?:,|\(|,?\s+(?:or|and))\s*", re.I)


def _reference_from_price(text: str, found: list[_Candidate]) -> None:
    """A move with no day of its own, stated right after a price its sentence places only by words that do not date
    it ("On its first split-adjusted trading day, the stock closed at $X, up 3.4%"): the price's undated day is the
    move's too, so the move carries its ``time_reference`` (unverifiable) instead of falling to the session before
    publication, which it never spoke of."""
    prices = [c for c in found if c.kind == "stock_price" and c.fields.get("time_reference") and not c.fields.get("date")]
    if not prices:
        return
    for move in _undated_day_moves(found):
        f = move.fields
        for price in prices:
            if 0 <= move.anchor.start - price.anchor.end <= 12 and _PRICE_THEN_MOVE.fullmatch(text, price.anchor.end, move.anchor.start):
                f["period"], f["time_reference"] = "day", price.fields["time_reference"]
                break


# the day a stock split took effect, as the article states it: "The 4-for-1 split took effect on August 31, 2020",
# "shares began trading on a split-adjusted basis on June 6"
_SPLIT_EFFECTIVE = re.compile(
    r"\bsplit\b[^.\n]{0,80}?\b(?:took effect|takes effect|went into effect|became effective|was effective|effective)\s+(?:on\s+)?"
    r"|\b(?:began|begins|started|starts)\s+trading\s+on\s+an?\s+split-adjusted\s+basis\s+(?:on\s+)?",
    re.I,
)
# the words that place a figure on that day without dating it
_FIRST_SPLIT_DAY = re.compile(
    r"\bfirst\s+(?:split-adjusted|post-split|post\s+split)\s+(?:trading\s+)?(?:day|session)\b"
    r"|\bfirst\s+(?:trading\s+)?(?:day|session)\s+(?:after|following)\s+the\s+split\b"
    r"|\bfirst\s+day\s+of\s+(?:split-adjusted|post-split)\s+trading\b",
    re.I,
)


def _split_day(text: str, ref: Optional[dt.date]) -> Optional[dt.date]:
    """The one day the article says its stock split took effect, when that day is a trading session; None when it
    names none, several, or a day the exchange was closed (which session was first is then not told)."""
    from ...market.calendar import is_session

    days: set[dt.date] = set()
    for m in _SPLIT_EFFECTIVE.finditer(text):
        start = m.end()
        while start < len(text) and text[start] in " \t*_":
            start += 1
        named = [d for d in find_dates(text, ref, start, min(len(text), start + 40), tense="past") if d.kind == "day" and d.date]
        if named and named[0].start == start:
            days.add(named[0].date)
    if len(days) != 1:
        return None
    day = days.pop()
    return day if is_session(day) else None


def _dated_by_split(text: str, ref: Optional[dt.date], found: list[_Candidate]) -> None:
    """A price or move placed "on its first split-adjusted trading day" (a ``time_reference``), in an article that
    says which day the split took effect: that session is the one meant."""
    placed = [c for c in found if c.kind in ("stock_price", "price_change") and not c.fields.get("date")
              and _FIRST_SPLIT_DAY.search(c.fields.get("time_reference") or "")]
    if not placed:
        return
    day = _split_day(text, ref)
    if day is None:
        return
    for cand in placed:
        cand.fields["date"] = day
        cand.fields.pop("time_reference", None)
        if cand.kind == "price_change":
            cand.fields["period"] = "day"


_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)([^*_\n]+?)(?<=\S)\1")


# a dot leader between a label and its figure: "Net sales ........ $274.5 billion", "Employees . approximately 174,000"
_DOT_LEADER = re.compile(r"(?<=[\w)%])[ \t]+\.+(?:[ \t]?\.+)*[ \t]+(?=[$€£~+\-\u2212]?\d|(?:US|C|A)\$|(?:approximately|approx\.|about|around|roughly|c\.)\s*[$€£]?\d)")


def _unemphasised(text: str, sent: Span) -> Optional[str]:
    """``text`` with the Markdown bold markers of ``sent`` ("**$59.7 billion**") blanked and its dot leaders read as a
    colon ("Net sales ...... $274.5 billion" as "Net sales:"), same length; None when it has neither."""
    piece = text[sent.start : sent.end]
    plain = piece
    if "**" in piece or "__" in piece:
        plain = _EMPHASIS.sub(lambda m: " " * len(m.group(1)) + m.group(2) + " " * len(m.group(1)), plain)
    if ". ." in piece or ".." in piece or " . " in piece:
        plain = _DOT_LEADER.sub(lambda m: ":" + " " * (len(m.group(0)) - 1), plain)
    return None if plain == piece else text[: sent.start] + plain + text[sent.end :]


def _lead_across_wrap(text: str, ref: Optional[dt.date], sent: Span) -> Optional[DateMention]:
    """A line that continues a hard-wrapped sentence ("45. On March 3, 2020, the stock fell 4% to close\nat
    $289.32 per share") is read on its own, but the date opening the sentence it continues dates it too."""
    lo = max(0, sent.start - 600)
    newline = text.rfind("\n", lo, sent.start)
    if newline < 0 or text[newline + 1 : sent.start].strip():
        return None
    para = text.rfind("\n\n", lo, sent.start)
    para = lo if para < 0 else para + 2
    if para >= newline:
        return None
    whole = next((s for s in split_sentences(text, para, sent.end, join_wrapped=True) if s.start <= sent.start < s.end), None)
    if whole is None or whole.start >= sent.start:
        return None
    lead = _leading_date(text, ref, Span(whole.start, sent.end))
    return lead if lead is not None and lead.end <= newline else None


# the three ways a hard line break cuts a claim's day off its figures (see _day_across_line_break)
# the line stops on "on" / "as of" and its day opens the next line: "the stock fell 4.4% on\nJan. 31, ..."
_TRAILING_ON = re.compile(r"\b(?:on|as of)[ \t]*$", re.I)
# the line stops on a word no clause ends on ("... to Buy from", "... cut it on", "... the"): the sentence goes on
_OPEN_ENDED = re.compile(r"\b(?:from|to|on|of|at|by|with|the|a|an|and|or|its|their)[ \t]*$", re.I)
_LIST_ITEM_START = re.compile(r"(?:[-*\u2022|>#]|\d{1,3}[.)])\s")
# the line opens on the noun its day ended the line before on: "... from the Oct. 12\nsession (+1.4%) ..."
_SESSION_OPENING = re.compile(r"[ \t]*(?:session|close|trading day|trading session)\b", re.I)
# the continuation's first clause: up to its first comma, semicolon, line end or full stop (not the dot of "Dec. 15")
_FIRST_CLAUSE_END = re.compile(r"[,;\n]|\.(?=\s+[A-Z]|\s*$)")


def _named_days(text: str, ref: Optional[dt.date], start: int, end: int) -> list[DateMention]:
    """The days (kind ``day`` with a date) named in ``text[start:end]``, read as past."""
    return [d for d in find_dates(text, ref, start, end, tense="past") if d.kind == "day" and d.date]


def _on_the_day(cand: _Candidate, day: dt.date) -> None:
    """Date ``cand`` on ``day``; a move so dated is that session's move."""
    cand.fields["date"] = day
    if cand.kind == "price_change":
        cand.fields["period"] = "day"


def _day_across_line_break(ctx: _Context, sent: Span, found: list[_Candidate]) -> None:
    """The day a claim's sentence lost at a hard line break. Hard-wrapped text is read line by line, so a day on the
    other side of a break is cut off from the figures it dates. This is the one place that puts it back, after the
    readers ran on ``sent`` (``found`` is what they read); each case names the break, where the day sits and which
    claims it dates, and a claim that names a day, period or time of its own is never touched. In this order:

    1. the line ends on "on" / "as of" and a day opens the next line ("the stock fell 4.4% on\\nJan. 31, ..."): it
       dates the prices and moves of the line's last clause, over a date they only took from the sentence's opening;
    2. the line ends mid-sentence (on "from", "to", "the", ...) and the next line, not a new list item, opens on a
       clause that names one day and no other firm ("... upgraded the stock to Buy from\\nNeutral (Dec. 15), when"):
       it dates the line's undated analyst actions;
    3. the line opens on "session" / "close" and a day ends the line before (its first column, up to a gap of three
       spaces, for a two-column page: "ran from the Oct. 12\\nsession (+1.4%)"): read alone, "session" would make the
       figure the publication day's; that day dates the line's prices and moves that name no day of their own.

    A date opening the sentence a continuation line belongs to is a different matter, read before the readers run:
    ``_lead_across_wrap`` makes it the line's lead date."""
    text, ref = ctx.text, ctx.ref
    nxt: Optional[int] = None  # where the next line's words start, when the sentence ends at a line break
    if text[sent.end : sent.end + 1] == "\n":
        nxt = sent.end + 1
        while nxt < len(text) and text[nxt] in " \t":
            nxt += 1

    # 1. "... fell 4.4% on\nJan. 31": the day opening the next line
    if nxt is not None and _TRAILING_ON.search(text, sent.start, sent.end):
        days = _named_days(text, ref, nxt, min(len(text), nxt + 40))
        if days and days[0].start == nxt:
            clause = max(text.rfind(",", sent.start, sent.end), text.rfind(";", sent.start, sent.end), sent.start)
            lead = ctx.lead
            inherited = lead.date if lead is not None and lead.kind == "day" and lead.end <= clause else None
            for cand in found:
                f = cand.fields
                if cand.kind not in ("stock_price", "price_change") or cand.anchor.start < clause:
                    continue
                if f.get("period_start") or f.get("time_reference") or f.get("period") not in (None, "unspecified", "day"):
                    continue
                if f.get("date") is None or f.get("date") == inherited:
                    _on_the_day(cand, days[0].date)

    # 2. "... to Buy from\nNeutral (Dec. 15), when": the one day of the next line's first clause
    actions = [c for c in found if c.kind == "analyst_rating" and not c.fields.get("date") and not c.fields.get("window_start")]
    if actions and nxt is not None and _OPEN_ENDED.search(text, sent.start, sent.end) and not _LIST_ITEM_START.match(text, nxt):
        # (a list item opening the next line, "- Loop Capital PT $340, Buy\n- Ex-div Feb 21", is not this one's end)
        stop = _FIRST_CLAUSE_END.search(text, nxt)
        end = stop.start() if stop is not None else len(text)
        if 0 < end - nxt <= 60 and not (ctx.firms is not None and ctx.firms.firm_re.search(text, nxt, end)):
            days = _named_days(text, ref, nxt, end)
            if len({d.date for d in days}) == 1:
                for cand in actions:
                    cand.fields["date"] = days[0].date

    # 3. "... from the Oct. 12\nsession (+1.4%)": the day ending the line before
    if sent.start > 0 and text[sent.start - 1] == "\n" and _SESSION_OPENING.match(text, sent.start) and not _named_days(
            text, ref, sent.start, sent.end):
        prev_start = text.rfind("\n", 0, sent.start - 1) + 1
        line = text[prev_start : sent.start - 1]
        gap = re.search(r"\S(\s{3,})\S", line)
        first = line[: gap.start(1)] if gap else line.rstrip()
        days = _named_days(text, ref, prev_start, prev_start + len(first))
        if days and days[-1].end == prev_start + len(first):
            for cand in found:
                f = cand.fields
                if cand.kind not in ("stock_price", "price_change") or f.get("period_start") or f.get("time_reference") or f.get("time"):
                    continue
                if f.get("period") not in (None, "unspecified", "day") or f.get("date") not in (None, ref):
                    continue
                _on_the_day(cand, days[-1].date)


# a time told only by pointing back or forward ("That morning ...", "the next day", "a week later"): a day the
# readers did not resolve, so the figure is not the publication's session either
_TIME_ANAPHOR = re.compile(
    r"\b(?:that|the same|that same)\s+(?:morning|afternoon|evening|night|week|month)\b|"
    r"\bthe\s+(?:next|following)\s+(?:day|morning|afternoon|session|trading day)\b|"
    r"\b(?:a|one|two|three|a few)\s+(?:days?|weeks?|sessions?)\s+(?:later|afterwards?)\b",
    re.I,
)


def _unplaced_by_anaphor(text: str, sent: Span, found: list[_Candidate]) -> None:
    """A price or move left undated in a sentence that places it only by reference to another time ("That morning
    the company cut its outlook, and the shares plunged 20% by the close", in a letter written a month later): the
    phrase is its ``time_reference``, which the checks cannot place on a session (unverifiable), instead of the
    session before publication an undated figure otherwise means."""
    m = _TIME_ANAPHOR.search(text, sent.start, sent.end)
    if m is None:
        return
    for cand in found:
        f = cand.fields
        if cand.kind not in ("stock_price", "price_change"):
            continue
        if f.get("date") or f.get("period_start") or f.get("time_reference") or f.get("time") or f.get("window"):
            continue
        if f.get("period") not in (None, "unspecified", "day"):
            continue
        f["time_reference"] = " ".join(m.group(0).split())


class RuleExtractor:
    """Pattern-based extraction of all seven claim kinds; offline, deterministic, fast."""

    name = "rules"

    def __init__(self, firm_names: Optional[list[str]] = None, explain: bool = False) -> None:
        self.explain = explain  # run notes say why each structured figure was not made a claim
        self._firms = firm_patterns(tuple(firm_names or firm_aliases()))

    def extract(self, document: SourceDocument, facts: Optional[ArticleFacts] = None) -> Extraction:
        """Claims and lexicon flags of ``document``; ``facts`` are the article's settled facts
        (``verify()`` passes them; read from the document when not given)."""
        text = document.text
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(
                f"{document.source} holds {len(text.encode('utf-8')) / 1e6:.1f} MB of text; the rule engine reads one "
                f"article of up to {MAX_TEXT_CHARS // 1_000_000} MB at a time: split the file into separate articles"
            )
        facts = ArticleFacts.of(document, facts)
        published, precision = facts.published_at, facts.precision
        header = facts.header
        ref = facts.day
        if header is not None and not self._is_dateline(text, header.start):
            header = None  # a date in the body that only stood in for the publication time
        cuts = [header.start, header.end] if header else []
        layout = blocks(text)  # the layout is read on the text as written (its marks are the layout)
        text = reading_text(text)  # the same text, with marks that split a claim blanked ("**$452.04**", SRT cue lines)
        sentences = split_sentences(text, cuts=cuts + speaker_cuts(text))
        ctx = _Context(text, ref, facts.subjects, facts.main_company, firms=self._firms)
        # a date without a time has no hour: rules that depend on it ("closed ... on Friday", written Friday
        # morning) do not apply
        ctx.published = ensure_aware(published).astimezone(NEW_YORK) if published is not None and precision == "time" else None
        notes: list[str] = []
        if ref is None:
            notes.append("rules: no publication time, so relative dates (this week, on Friday) were left unresolved")

        candidates: list[_Candidate] = []
        starts = [b.span.start for b in layout]
        for b in layout:
            if b.kind == "table_row" and b.extra.get("role") != "header":
                named = {m.ticker or m.name for m in ctx.mentions if b.span.start <= m.start and m.end <= b.span.end}
                ctx.table_subjects[b.table] = ctx.table_subjects.get(b.table, frozenset()) | frozenset(named)
        done_blocks: set[int] = set()
        read_as_cells: set[int] = set()  # blocks whose figures were read as cells: not read again as prose
        read_whole: set[int] = set()  # label:value lines the splitter cut, read once as one sentence
        for sent in sentences:
            if header is not None and sent.start >= header.start and sent.end <= header.end:
                continue
            if _citation_line(text, sent.start):
                continue  # "[2] Acme Corp., third-quarter results release, Oct. 30, 2025.": a source list's entry, not a claim
            i = bisect.bisect_right(starts, sent.start) - 1
            block = layout[i] if i >= 0 and layout[i].span.end >= sent.start else None
            if block is None and i + 1 < len(layout) and layout[i + 1].kind == "heading" and sent.start < layout[i + 1].span.start < sent.end \
                    and re.fullmatch(r"[ \t]*#{1,6}[ \t]+", text[sent.start : layout[i + 1].span.start]):
                i, block = i + 1, layout[i + 1]  # "## Notes": the heading's block starts after its hashes
            if block is not None and block.kind in ("table_row", "label_value"):
                if i not in done_blocks:
                    done_blocks.add(i)
                    found = self._structured(ctx, block)
                    candidates.extend(found)
                    if found or (block.kind == "table_row" and not _labelled_cells(text, block) and not _stamped_prose_row(text, block)):
                        read_as_cells.add(i)  # a row of "Label: value" cells the cells did not read is read as prose
                if i in read_as_cells:
                    continue
                if block.kind == "label_value" and not (block.span.start <= sent.start and sent.end >= block.span.end):
                    # a label:value line is one statement, even where the splitter cut it ("Net sales ....... $274.5 billion")
                    if i in read_as_cells | read_whole:
                        continue
                    read_whole.add(i)
                    sent = Span(min(sent.start, block.span.start), max(sent.end, block.span.end))
            if block is not None and block.kind == "heading":
                _enter_heading(ctx, sent)
                _enter_section_day(ctx, sent)
            found = self._sentence(ctx, sent)
            candidates.extend(found)
            if self.explain:
                self._explain_unused(ctx, sent, found)
            _after_sentence(ctx, sent, found)
        if self.explain:
            notes.extend(f"rules: not a claim: {reason}" for reason in ctx.dropped)

        claims: list[Claim] = []
        candidates = merge_repeats(candidates)  # an analyst action told twice, once without its figure
        _dated_by_split(text, ref, candidates)
        date_listed_moves(text, ref, candidates, [b.span for b in layout if b.kind == "heading"])  # "## 3. Acme: down 41%"
        candidates = drop_title_repeats(text, candidates)  # a title repeating the body's event or deal
        candidates.sort(key=lambda c: (c.quote.start, c.anchor.start))
        for cand in candidates:
            claim = self._claim(ctx, cand, f"c{len(claims) + 1}")
            if claim is not None:
                if text is not document.text:  # quoted as written
                    if not quotable(document.text, claim.start, claim.end):
                        continue  # the quote would show a JSON escape ('\\u2019'), not the words: better no claim
                    start, end = source_span(document.text, claim.start, claim.end)  # a redline's moved insertion
                    claim = claim.model_copy(update={"quote": document.text[start:end], "start": start, "end": end})
                claims.append(claim)
        return Extraction(claims=claims, flags=list(facts.flags), extractor=self.name, notes=notes)

    @staticmethod
    def _attribution(text: str, start: int, end: int) -> tuple[str, Optional[str]]:
        """classify_attribution on the claim's paragraph (at most ATTRIBUTION_WINDOW each side).

        Attribution is decided by the claim's sentence and its neighbours; handing over the whole
        text for every claim would make a long article quadratic.
        """
        left = text.rfind("\n\n", max(0, start - ATTRIBUTION_WINDOW), start)
        left = max(0, start - ATTRIBUTION_WINDOW) if left < 0 else left + 2
        right = text.find("\n\n", end, end + ATTRIBUTION_WINDOW)
        right = min(len(text), end + ATTRIBUTION_WINDOW) if right < 0 else right
        return classify_attribution(paragraph_window(text, left, right), start - left, end - left)

    @staticmethod
    def _same_company(source: str, company: CompanyMention) -> bool:
        source = re.sub(r"['\u2019]s$", "", source.strip())
        names = known_names()
        return source in (company.text, company.name) or (company.ticker is not None and names.get(source) == company.ticker) or source.lower() in ("the company", "it")

    @staticmethod
    def _is_dateline(text: str, start: int) -> bool:
        """The header time is cut out of the first sentence when it starts a line (or follows a city dateline).

        It is a dateline even when the caller overrides the publication time (``--published``).
        """
        at_line_start = not text[:start].strip() or text[:start].rstrip(" \t").endswith("\n") or bool(
            re.search(r"(?:^|\n)\s*(?:published|posted|updated|by [^\n]{0,40})[:\s|,-]*$", text[:start], re.I)
            or re.search(
                r"(?:^|\n)\s*[A-Z][A-Z .'/-]{1,40}(?:,\s*[A-Z][a-z]{1,12}\.?(?:\s[A-Z][a-z]*\.?)?)?(?:\([^)\n]{1,20}\))?,\s*$",
                text[max(0, start - 60) : start],
            )  # "NEW YORK, ", "SANTA CLARA, Calif., ", "AUSTIN, Texas, "
        )
        return at_line_start

    def _structured(self, ctx: _Context, block: Block, taken: Optional[list[Span]] = None) -> list[_Candidate]:
        """Claims from a table row or a label:value line: each value cell read by its labels.

        The labels of a value are the row's label cells, the column header and the cell's own words
        ("last 182.40"); ``classify_cell`` says what they make of it. The quote is the whole row.
        """
        text = ctx.text
        row = block.span
        ctx.enter(row)
        if taken is not None:
            ctx.used = list(taken)  # the cells the export reader took stay taken
        cells = list(block.cells)
        if block.extra.get("role") == "header" or (block.kind == "table_row" and _labelled_cells(text, block) and re.search(
                r"\(\s*(?:est\b|estimate|consensus|vs\b|exp\b|expected)", text[row.start : row.end], re.I)):
            return []  # "Revenue: $7.74B (est. $7.64B) | EPS: ...": cells with their estimates read as prose
        row_company = next((m for m in ctx.local), None)
        if row_company is not None and block.kind == "table_row":
            named = {(m.ticker or m.name) for m in ctx.local}
            if len(named) > 1:
                row_company = None
        if row_company is None and block.kind == "table_row":
            row_company = _symbol_cell(text, block)  # "| 3 | dana | ABC | $91.82 |": a ticker column's symbol names the row's company
        company = row_company or _in_focus(ctx, row)
        if row_company is None and block.kind == "table_row" and len(ctx.table_subjects.get(block.table, ())) >= 2:
            company = None  # a leaderboard whose rows name their own companies: a row naming none is no one's, never the last row's
        if block.extra.get("form") == "csv" and taken is None:
            exported = export_row(ctx, row)  # a tracker's export: each action read by its header row's columns
            if exported is not None:
                for cand in exported:
                    if cand.company is None:
                        cand.company = company  # a row naming no company is about the tracker's stock, as other rows are
                # the row's other cells (the close, the day's move, a company row's event) are read by their columns
                # as any table row's; its action is the export reader's alone
                rest = self._structured(ctx, block, taken=list(ctx.used))
                return exported + [c for c in rest if c.kind != "analyst_rating"]
        first_text = next((c for c in cells if not re.search(r"\d", text[c.start : c.end])), None)
        if block.kind == "table_row" and first_text is not None and taken is None and ctx.firms.firm_re.fullmatch(text, first_text.start, first_text.end):
            found = _analyst(ctx, row, find_money(text, row.start, row.end), row=True)
            focus = _in_focus(ctx, row)
            for cand in found:
                cand.company = focus
            return found
        if block.kind == "label_value" and _TARGET_LABEL.fullmatch(text, cells[0].start, cells[0].end):
            found = _analyst(ctx, row, find_money(text, row.start, row.end))  # a note's box: "Price target: $326 (prior: $298)"
            for cand in found:
                cand.company = company
            if found:
                return found
        if block.kind == "table_row" and any(re.match(rf"\s*{_TARGET_LABEL.pattern}\s*[:=]\s*(?:US|C|A|HK|S)?[$€£]?\s?\d", text[c.start : c.end], re.I)
                                             for c in cells):
            # a note's rating box on one line: "RATING: BUY (unch.)    PRICE TARGET: US$78.00    RISK: MEDIUM"
            found = analyst_any_case(ctx, row, find_money(text, row.start, row.end))
            for cand in found:
                cand.company = company
            if found:
                return found
        is_figure = [_is_value_cell(text[c.start : c.end]) for c in cells]
        symbol = _symbol_cell(text, block) if block.kind == "table_row" else None
        # a ticker column's symbol names the company, it labels no figure ("NOW" is no "now" quote)
        row_labels = " ".join(text[c.start : c.end] for c, fig in zip(cells, is_figure) if not fig and not (symbol and c.start == symbol.start)
                              and not (block.extra.get("form") == "csv" and len(text[c.start : c.end].split()) >= 4))
        # (a CSV export's free-text column, "Q1 results before the open; guidance raised", is a note, no cell's label)
        out: list[_Candidate] = []
        unread: set[int] = set()
        moves: dict[int, _Candidate] = {}
        for index, cell in enumerate(cells):
            if not is_figure[index] or (block.kind == "label_value" and index == 0):
                continue
            value = text[cell.start : cell.end]
            firm_lead = ctx.firms.firm_re.match(text, cell.start, cell.end)
            if firm_lead and re.match(rf"\s*(?:{_TARGET_WORD}|{_RATING}\b|[$€£]?\d)", text[firm_lead.end() : cell.end]):
                found = _analyst(ctx, cell, find_money(text, cell.start, cell.end), row=True)  # "MS PT 88 (OW)"
                for cand in found:
                    cand.company = company
                out.extend(found)
                continue
            column = text[block.header[index].start : block.header[index].end] if index < len(block.header) else ""
            column = block.extra.get(f"column{index}", column)  # a two-line header's words of both lines
            own = re.sub(r"[\d.,$€£¥%+\-\u2212\u2013~]+|\b(?:USD|EUR|GBP|CHF|US|dollars?|euros?|[BMKT]|bn|mn|billion|million|trillion)\b", " ", value)
            label = " ".join(x for x in (column, row_labels, own) if x.strip())
            role, reason = classify_cell(label, value)
            defined = _defined_column(ctx, block, column) if role is None and block.kind == "table_row" else None
            if defined is not None:
                role, reason = "price:close", f"a {column!r} column the article defines as the close of {defined.text!r}"
            if role is None:
                unread.add(index)
                ctx.dropped.append(f"{text[row.start:row.end]!r}: {reason}")
                continue
            month = _MONTH_COLUMN.fullmatch(column.strip()) if role == "move:unspecified" and ctx.ref is not None else None
            if month is not None:
                role = "move:month"  # "| Holding | Close | January |": the column is a month, its figures the month's moves
            found = self._cell_claim(ctx, block, cell, role, label)
            if month is not None:
                month_end = _month_end(month, ctx.ref)
                for cand in found:
                    if cand.kind == "price_change" and month_end is not None and not cand.fields.get("date"):
                        cand.fields["date"] = month_end
            if not found:
                ctx.dropped.append(f"{text[row.start:row.end]!r}: {reason}, but no value of that kind in {value!r}")
            for cand in found:
                cand.company = company
            moves.update({index: c for c in found if c.kind == "price_change"})
            out.extend(found)
        if block.kind == "table_row" and row_company is not None and len(moves) == 1:
            out.extend(_move_row_price(ctx, block, cells, unread, moves, company))
        if block.kind == "label_value" and not any(c.kind == "analyst_rating" for c in out) and ctx.firms.firm_re.search(text, row.start, row.end):
            # "AbbVie (ABBV): -4.0% at $105.20; Leerink cut to Market Perform": the move's line carries an analyst action too
            value = cells[-1]
            taken = [Span(c.anchor.start, c.anchor.end) for c in out]
            actions = [c for c in _analyst(ctx, value, [m for m in find_money(text, value.start, value.end)
                                                        if not any(t.start <= m.start and m.end <= t.end for t in taken)])]
            for cand in actions:
                cand.company = company
            out.extend(actions)
        if block.kind == "table_row" and not any(c.kind == "analyst_rating" for c in out):
            # a feed line "Fri, 04 Nov 2016 09:55 -0400 | Desk | Acme Securities Upgrades Halden to Buy": a headline cell
            # naming a firm is read as prose, dated by the row's own day when it names none
            saved = ctx.lead
            for cell in cells:
                if len(text[cell.start : cell.end].split()) < 4 or not ctx.firms.firm_re.search(text, cell.start, cell.end):
                    continue
                days = {d.date: d for d in find_dates(text, ctx.ref, row.start, row.end, tense="past")
                        if d.kind == "day" and d.date and not (cell.start <= d.start < cell.end)}
                ctx.lead = next(iter(days.values())) if len(days) == 1 else saved
                try:
                    actions = _analyst(ctx, cell, find_money(text, cell.start, cell.end))
                finally:
                    ctx.lead = saved
                for cand in actions:
                    cand.company = company
                out.extend(actions)
        if out:
            ctx.topic = "stock" if any(c.kind in ("stock_price", "price_change") for c in out) else ctx.topic
        return out

    def _cell_claim(self, ctx: _Context, block: Block, cell: Span, role: str, label: str) -> list[_Candidate]:
        text = ctx.text
        family, name = role.split(":")
        quote = block.span
        # "...; gave back some of Friday's jump", "ahead of Thursday's print": another event's day, not the cell's
        dated = re.sub(r"\b(?:of|ahead of|after|before|into|since|until|for)\s+\w+(?:'s|\u2019s)\s+\w+", " ", label.split(";")[0], flags=re.I)
        dates = [d for d in _dates(dated, ctx.ref, tense="past") if d.kind == "day" and d.date]
        day = dates[0].date if dates else None
        if day is None and (short := _SHORT_YEAR_LABEL.search(dated)) is not None:
            day = _short_label_day(short, ctx.ref)  # "Price (21-Nov-17 close)": a research note's two-digit-year day
        stamp = find_entry_stamp(text, block.span.start, block.span.end) if day is None else None
        if stamp is not None and stamp.day is not None:
            day = stamp.day  # "[Wed 04 Feb 2026 · 16:00 ET] CLOSE AMZN $229.99": the entry's day
        own_cell_days = [d for d in _dates(text, ctx.ref, block.span.start, block.span.end, tense="past")
                         if d.kind == "day" and d.date and not _other_event_day(text, block.span, d)]
        defined = _defined_column(ctx, block, label.split()[0] if label.split() else "") if family == "price" and block.kind == "table_row" else None
        if day is None and defined is not None:
            day = defined.date  # "entry prices locked at the Dec. 29, 2017 close": the column's day, as the article defines it
        if day is None and not own_cell_days and ctx.section_day is not None and ctx.section_day.end <= block.span.start:
            day = ctx.section_day.date  # a movers line under "LAST SESSION (Mon 29 Jan)" that names no day of its own
        unplaced = None
        if day is None and block.kind == "table_row" and family in ("price", "move"):
            day, unplaced = _row_column_day(ctx, block, cell)
        if family == "price":
            money = [m for m in find_money(text, cell.start, cell.end) if not m.scaled]
            if not money and _PHONE_CELL.fullmatch(text, cell.start, cell.end):
                return []  # "+1 212 555 0143" beside a research note's price box: a telephone number, no price
            if not money:
                # "52-wk high: 375.78": a cell's own label comes before its colon, and its digits are no price
                own_label = re.match(r"[A-Za-z0-9][\w .&/()'-]{0,30}:[ \t]*(?=\S)", text[cell.start : cell.end])
                value_start = cell.start + (own_label.end() if own_label and re.search(r"[A-Za-z]", own_label.group(0)) else 0)
                money = [
                    Money(float(x.group(0).replace(",", "")), "USD", x.start(), x.end(), False)
                    for x in re.finditer(r"(?<![\d.,%/:])\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?(?![\d%/:]|\s?%)(?!\s+(?!US\b|USD\b|dollars\b)[A-Za-z])",
                                         text[value_start : cell.end])
                ]
                money = [Money(m.value, m.currency, m.start + value_start, m.end + value_start, False) for m in money]
            if not money:
                return []
            picks = [("low", money[0]), ("high", money[-1])] if name == "range" and len(money) >= 2 else [(name, money[0])]
            if name == "range" and len(money) < 2:
                return []
            out = []
            window = re.search(rf"\b{WINDOW_LABEL}\b", label, re.I) or re.search(rf"\b{WINDOW_LABEL}\b", text[cell.start : cell.end], re.I)
            row_days = sorted({d.date for d in own_cell_days if ctx.ref is None or d.date <= ctx.ref}) if block.kind == "table_row" else []
            if block.kind == "table_row" and not row_days:
                row_days = _short_year_days(text, block, ctx.ref)  # "| 12/15/17 | S | 25,000 | $92.87 |" under a "Date" column
            if name == "trade":
                # an insider's or a trader's average fill price: a price of the row's one day, checked against that day's range
                if not day and len(row_days) != 1:
                    return []
                picks = [("intraday", money[0])]
            for basis, m in picks:
                fields: dict[str, Any] = {"kind": "stock_price", "price": m.value, "currency": m.currency, "basis": basis}
                if day:
                    fields["date"] = day
                elif len(row_days) == 1 and not window:
                    fields["date"] = row_days[0]  # "| 12/15/17 | S | 25,000 | $92.87 |": the row's one date cell dates its price
                elif unplaced:
                    fields["time_reference"] = unplaced  # the row names several days and none is this column's
                elif len(row_days) > 1 and not window:
                    fields["time_reference"] = "a table row naming several days"  # which day is the price's: not told
                if window and basis in ("high", "low"):  # "52-week high": the extreme of a window, not of a session
                    fields["window"] = "all_time" if re.match(r"all|record", window.group(0), re.I) else "52_week"
                out.append(_Candidate("stock_price", fields, Span(m.start, m.end), quote))
            return out
        if family == "move":
            percents = [p for p in find_percents(text, cell.start, cell.end) if not p.points]
            bare = re.fullmatch(r"([+\-\u2212]?)(\d+(?:\.\d+)?|\.\d+)", text[cell.start : cell.end])
            if not percents and bare is not None and _PERCENT_COLUMN.search(label.replace("_", " ")):
                # an agate table's "%Chg" column: its bare figures ("+15.0") are the percentages the column names
                sign = -1.0 if bare.group(1) in ("-", "\u2212") else 1.0
                percents = [Percent(sign * float(bare.group(2)), bool(bare.group(1)), cell.start, cell.end)]
            if not percents:
                return []
            tagged = [(p, t) for p in percents if (t := _CELL_PERIOD_TAG.match(text, p.end, cell.end))]
            if len(percents) > 1 and len(tagged) == len(percents):
                # "| Stock performance | -1.6% (1D), +20.0% (1M), -9.0% (YTD) |": one move per tagged figure
                return [_Candidate("price_change", {"kind": "price_change", "percent": p.value,
                                                    "period": _CELL_TAG_PERIODS[t["tag"].upper()]}, Span(p.start, p.end), quote)
                        for p, t in tagged]
            p = percents[0]
            value = p.value
            if not p.signed and re.search(r"\b(?:minus|down|lower|loss|decline)\b|\u2212", text[cell.start : cell.end] + " " + label, re.I):
                value = -abs(value)
            fields = {"kind": "price_change", "percent": value, "period": name if name != "unspecified" else "unspecified"}
            quoted = next((m for m in find_money(text, p.end, cell.end) if not m.scaled and re.fullmatch(
                r"\s*(?:at|to)\s+", text[p.end : m.start], re.I)), None)
            extra = []
            if quoted is not None:
                # "AbbVie (ABBV): -4.0% at $105.20": a movers line gives the price the move reached; the sign is the
                # move's own claim, checked there, so a wrong sign is not held against the price a second time
                extra.append(_Candidate("stock_price", {"kind": "stock_price", "price": quoted.value, "currency": quoted.currency,
                                                        "basis": "unspecified"},
                                        Span(quoted.start, quoted.end), quote))
            if day is None:
                # "+3.1% d/d (Apr 30)": the cell dates its own move; "| since Apr 1 close of 240.91 | +20.0%": a
                # sibling cell names the base, which a label with digits in it does not pass on
                own = [d for d in _dates(text, ctx.ref, cell.start, cell.end, tense="past") if d.kind == "day" and d.date
                       and not _other_event_day(text, block.span, d)]
                since = [d for d in _dates(text, ctx.ref, quote.start, quote.end, tense="past") if d.kind == "day" and d.date
                         and not cell.start <= d.start < cell.end
                         and re.search(r"\b(?:since|from)\s+(?:the\s+)?$", text[max(quote.start, d.start - 12) : d.start], re.I)]
                if own:
                    day = own[0].date
                elif len(since) == 1:
                    fields["period"], fields["period_start"] = "unspecified", since[0].date + dt.timedelta(days=1)
            if "period_start" in fields:
                return [_Candidate("price_change", fields, Span(p.start, p.end), quote)] + extra
            if day and re.search(r"\b(?:since|from|vs\.?|versus|compared (?:with|to))\s+(?!(?:the\s+)?(?:previous|prior|last|prev)\b)", label, re.I):
                # "| Since Monday's close (Aug. 31) | -6.3% |": the day is the move's base, the span starts after it
                fields["period"], fields["period_start"] = "unspecified", day + dt.timedelta(days=1)
            elif name == "day" and day:
                fields["date"] = day
            elif unplaced and name in ("day", "unspecified") and not day:
                fields["time_reference"] = unplaced
            return [_Candidate("price_change", fields, Span(p.start, p.end), quote)] + extra
        if family == "metric":
            money = find_money(text, cell.start, cell.end) or _bare_scaled(text, cell, label)
            if not money:
                return []
            if len(money) > 1 and block.kind == "label_value" and _CELL_NOUNS.search(text, money[0].end, money[-1].start):
                return []  # "The quarter: $59.7B revenue and $2.58 EPS": each figure has its own noun, read as prose
            m = money[0]
            if name != "eps" and not m.scaled and m.value < 1e6:
                return []
            if name == "revenue" and _segment_row(text, block, cell):
                name = "other"  # "| AWS segment sales | $33.0B |": a segment's or product's sales, never the company's
            fields = {"kind": "financial_metric", "metric": name, "value": m.value, "currency": m.currency}
            column = _column_period(text, block, cell)
            period = _PERIOD.search(label) or _TRAILING.search(label)
            if column is not None:
                fields["period"] = column.period
            elif period:
                fields["period"] = period.group(0)  # "TTM": a trailing sum no single period holds, never the latest quarter
            elif (row_period := _row_period(text, block, Span(cell.start, m.start))) is not None:
                fields["period"] = row_period  # "Year-ago quarter (Q3 2024): net sales $158.9B | diluted EPS $1.34"
            elif _YEAR_AGO_LABEL.search(label) and (prior := _year_ago_row(text, block)) is not None:
                fields["period"] = prior  # "| EPS, year-ago quarter | $2.81 |" under "| EPS, fiscal Q3 | $2.58 |"
            cand = _Candidate("financial_metric", fields, Span(m.start, m.end), quote)
            index = block.cells.index(cell) if cell in block.cells else -1
            head = (text[block.header[index].start : block.header[index].end]
                    if 0 <= index < len(block.header) and len(block.header) == len(block.cells) else "")
            if (column is not None and column.estimate) or re.search(r"\b(?:est\.?|estimates?|consensus|forecast|guidance|outlook)\b", head, re.I):
                cand.attribution = "forecast"  # an "FY2020E" or "Q4 consensus" column holds estimates
            return [cand]
        if family == "workforce":
            counts = [c for c in find_counts(text, cell.start, cell.end) + _circa_counts(text, cell) if c.value >= 10 and not re.fullmatch(r"(?:19|20)\d{2}", text[c.start : c.end])]
            if not counts:
                return []
            c = counts[0]
            summed = [x for x in counts if re.search(r"=\s*(?:~|about\s+)?$", text[cell.start : x.start])]
            if summed and name == "cut":
                c = summed[0]  # "14,000 (Oct) + 16,000 (Jan) = 30,000": the row states the total
            hedge = bool(re.search(r"(?:~|\bc\.|\babout|\baround|\broughly|\bsome)\s*$", text[cell.start : c.start], re.I))
            fields = {"kind": "workforce", "count": int(round(c.value)), "action": name, "approximate": hedge}
            if summed and name == "cut":
                fields["cumulative"] = True
            periods = [d for d in _dates(label, ctx.ref, tense="past") if d.resolved]
            if periods:
                _apply_period(fields, periods[0])
            if name == "cut" and ((periods and periods[0].cumulative) or _CUMULATIVE.search(label)):
                fields["cumulative"] = True  # "Cut since October | c.30,000": a running total
            return [_Candidate("workforce", fields, Span(c.start, c.end), quote)]
        if family == "deal":  # a box's deal row names no party: the check never contradicts it with another deal's amount
            if block.kind != "table_row":
                return []  # "Buyback: $10bn, announced Tue" reads as prose, which finds its day and party
            money = [m for m in find_money(text, cell.start, cell.end) if m.scaled and m.value >= 1e6]
            if not money:
                return []
            m = money[0]
            fields = {"kind": "deal", "amount": m.value, "currency": m.currency, "deal_type": name, "status": "announced",
                      "up_to": bool(re.search(r"\b(?:up to|as much as)\b", text[cell.start : m.start] + " " + label, re.I))}
            if day:
                fields["date"] = day
            return [_Candidate("deal", fields, Span(m.start, m.end), quote)]
        if family == "event":
            found = [d for d in _dates(text, ctx.ref, cell.start, cell.end, tense="future") + _dash_dates(text, ctx.ref, cell, "future")
                     if d.kind == "day" and d.date]
            if name != "dividend":
                # "08-May ex-div, then FQ3 rpt 25-Jun": a date written next to an ex-dividend word is that date, never the report's
                found = [d for d in found if not _DIVIDEND_WORD.search(text[max(cell.start, d.start - 14) : min(cell.end, d.end + 14)])]
            # "Scorecard posted Friday, Oct. 31, 2025, 4:20 p.m. ET": a date with its clock time stamps the page, it schedules nothing
            found = [d for d in found if not re.match(r",?\s*[\u00b7|\u2013-]?\s*\d{1,2}:\d{2}", text[d.end : d.end + 10])]
            if not found:
                return []
            d = found[0]
            fields = {"kind": "scheduled_event", "event": name, "date": d.date, "description": " ".join(label.split())[:80]}
            return [_Candidate("scheduled_event", fields, Span(d.start, d.end), quote)]
        return []

    @staticmethod
    def _explain_unused(ctx: _Context, sent: Span, found: list["_Candidate"]) -> None:
        """With ``explain``: every money amount and percentage of the sentence that no claim took, and why."""
        text = ctx.text
        taken = [c.anchor for c in found]
        spans = [(m.start, m.end, "amount") for m in find_money(text, sent.start, sent.end)]
        spans += [(p.start, p.end, "percentage") for p in find_percents(text, sent.start, sent.end)]
        for start, end, what in sorted(spans):
            if ctx.is_used(start, end) or any(a.start <= start and end <= a.end for a in taken):
                continue
            sentence = text[sent.start : sent.end]
            if len(sentence) > 90:
                sentence = sentence[:87] + "..."
            ctx.dropped.append(f"{what} {text[start:end]!r} in {sentence!r}: no claim kind's cue (verb, label, subject) reads it")

    def _sentence(self, ctx: _Context, sent: Span) -> list[_Candidate]:
        original = ctx.text
        plain = _unemphasised(original, sent)
        if plain is None:
            return self._plain_sentence(ctx, sent)
        ctx.text = plain  # "revenue of **$59.7 billion**": read without the Markdown emphasis (same offsets)
        try:
            return self._plain_sentence(ctx, sent)
        finally:
            ctx.text = original

    def _plain_sentence(self, ctx: _Context, sent: Span) -> list[_Candidate]:
        text = ctx.text
        ctx.enter(sent)
        stamp = find_entry_stamp(text, sent.start, sent.end, before=ctx.ref)
        saved = (ctx.ref, ctx.published)
        if stamp is not None:
            # a timestamped entry ("[Wed 04 Feb 2026 · 16:00 ET] ...", "15:32 ET - ...") speaks at its own time:
            # its day dates its claims and resolves its "today"; a stamp without a day keeps the page's day
            at = stamp.at(ctx.ref)
            if stamp.day is not None:
                ctx.ref = stamp.day
            if at is not None and (stamp.day is not None or (ctx.published is not None and at.astimezone(NEW_YORK) <= ctx.published)):
                ctx.published = at.astimezone(NEW_YORK)
        section = _enter_dated_section(ctx, sent) if stamp is None else None
        item_close = _after_its_close(section, sent)
        year = year_heading(text, sent.start) if stamp is None and section is None and ctx.ref is not None else None
        if year is not None and year < ctx.ref.year:
            # an entry under a past year's heading of a timeline: its month days lie in that year, told after it ended
            ctx.ref, ctx.published = dt.date(year, 12, 31), None
        ctx.lead = _leading_date(text, ctx.ref, sent)
        if ctx.lead is None:
            ctx.lead = _lead_across_wrap(text, ctx.ref, sent)
        if ctx.lead is None and stamp is not None and stamp.day is not None:
            ctx.lead = DateMention(stamp.start, stamp.end, text[stamp.start : stamp.end], "day", date=stamp.day)
        if ctx.lead is None and item_close is not None:
            ctx.lead = item_close  # a section stamped after the close: its undated moves and prices are that session's
        if ctx.lead is None:
            ctx.lead = self._line_day(ctx, sent)
        own_days = [d for d in find_dates(text, ctx.ref, sent.start, sent.end, tense="past") if d.kind == "day" and d.date]
        if ctx.lead is None:
            found = that_day(ctx, sent)  # "the stock rallied 3% that day": the day the sentence before named
            ctx.lead = found.mention(text) if found is not None and not found.inside else None
        if ctx.lead is None and ctx.section_day is not None and ctx.section_day.end <= sent.start and not find_dates(
                text, ctx.ref, sent.start, sent.end, tense="past"):
            ctx.lead = ctx.section_day  # a line under "YESTERDAY'S MOVES (Tuesday, June 9)" that names no day of its own
        if ctx.lead is None and section is not None and not own_days:
            line_end = text.find("\n", section.start, sent.start)
            ctx.lead = DateMention(section.start, line_end, text[section.start : line_end], "day", date=section.day)
        unit = Sentence(
            sent, _pieces(text, sent, _CLAUSE_BREAK), find_money(text, sent.start, sent.end), find_percents(text, sent.start, sent.end)
        )
        out: list[_Candidate] = []
        try:
            for read in _READERS:  # kinds.READ_ORDER: a number a kind takes is not offered to the kinds after it
                out.extend(read(ctx, unit))
        finally:
            ctx.ref, ctx.published = saved
        for cand in out:
            company = _company_for(ctx, cand, sent)
            cand.company = company
        _date_from_close(text, out)
        _reference_from_price(text, out)
        _day_across_line_break(ctx, sent, out)
        _unplaced_by_anaphor(text, sent, out)
        if own_days:
            ctx.last_day = own_days[-1]
        elif ctx.lead is not None and ctx.lead.kind == "day" and ctx.lead.date and ctx.lead.start >= sent.start:
            ctx.last_day = ctx.lead
        else:
            ctx.last_day = None
        return out

    @staticmethod
    def _line_day(ctx: _Context, sent: Span) -> Optional[DateMention]:
        """The day label opening the sentence's line ("🏥 Tue: ... . Distributors fell ..."): it dates each sentence of it."""
        text = ctx.text
        lo = max(0, sent.start - 600)  # a day label opens a bullet line; a longer line is prose
        line_start = text.rfind("\n", lo, sent.start) + 1
        if line_start == 0 and lo > 0:
            return None
        label = day_label(text, line_start, min(len(text), sent.end))
        if label is None:
            return None
        days = [d for d in find_dates(text, ctx.ref, label[0], label[1], tense="past") if d.kind == "day" and d.date]
        return days[0] if days else None

    def _claim(self, ctx: _Context, cand: _Candidate, claim_id: str) -> Optional[Claim]:
        text = ctx.text
        start = min(cand.quote.start, cand.anchor.start)
        end = max(cand.quote.end, cand.anchor.end)
        start, end = _trim(text, start, end, ",;:-\u2013\u2014")
        if end <= start:
            return None
        # attribution is decided by the clause that carries the claim: a subordinate clause after its
        # numbers ("... after the software maker forecast ...") speaks of something else
        sub = SUBORDINATE.search(text, cand.anchor.end, end) if cand.anchor.end < end else None
        attribution, attributed_to = self._attribution(text, start, sub.start() if sub is not None else end)
        if cand.kind == "financial_metric" and attribution == "forecast":
            sentence = text[max(0, start - 200) : end + 100]
            if re.search(r"\b(?:beats?|miss(?:es|ed)?|tops?|topped|vs\.?|versus|ahead of|above|below)\b[^\n;]{0,40}?\b(?:estimates?|consensus|expectations?)", sentence, re.I) and not _GUIDANCE.search(text, start, end):
                attribution, attributed_to = "stated", None
        if cand.attribution is not None:
            attribution, attributed_to = cand.attribution, None
        company = cand.company
        if attribution == "reported" and attributed_to and company is not None and self._same_company(attributed_to, company):
            # "Nike reports results on Tuesday": a company reporting its own figures states them
            attribution, attributed_to = "stated", None
        data = {
            "id": claim_id,
            "quote": text[start:end],
            "start": start,
            "end": end,
            "company": company.name if company else None,
            "ticker": company.ticker if company else None,
            "attribution": attribution,
            "attributed_to": attributed_to,
            "fields": cand.fields,
        }
        try:
            return Claim.model_validate(data)
        except ValueError:
            return None  # a field the schema refuses (e.g. a zero price) is not a claim


def _segment_row(text: str, block: Block, cell: Span) -> bool:
    """True when the row's own label names a segment or product before its sales noun ("AWS segment sales",
    "iPhone revenue", "Humira net revenues"), read as the prose reader reads it."""
    from .kinds.financial_metric import _segment_qualified

    line_start = text.rfind("\n", block.span.start, cell.start) + 1 if "\n" in text[block.span.start : cell.start] else block.span.start
    nouns = list(re.finditer(r"\b(?:revenues?|sales|turnover)\b", text[line_start : cell.start], re.I))
    if not nouns:
        return False
    noun = nouns[-1]
    if re.search(r"\b(?:guidance|outlook|forecast)\b", text[line_start + noun.end() : cell.start], re.I):
        return False
    return _segment_qualified(text, line_start + noun.start())


_YEAR_AGO_LABEL = re.compile(r"\b(?:year[- ]ago|prior[- ]year|year[- ]earlier|a year ago)\b", re.I)


def _year_ago_row(text: str, block: Block) -> Optional[str]:
    """The year-ago period of a table row labelled "year-ago quarter": a year before the quarter the rows above it
    (within the table, back to a blank line) name last; None when none names a quarter."""
    from ...check.financial_metric import period_key

    back = text[max(0, block.span.start - 800) : block.span.start]
    back = re.split(r"\n[ \t]*\n", back)[-1]
    named = [p for p in _PERIOD.finditer(back)]
    if not named:
        return None
    last = named[-1].group(0)
    key = period_key(last) or ""
    fiscal = bool(re.search(r"\bfiscal\b|FY", last, re.I))
    if re.fullmatch(r"Q[1-4]", key):
        return f"{key}, a year earlier"
    if re.fullmatch(r"Q[1-4] \d{4}", key):
        part, year = key.split()
        return f"{part} FY{int(year) - 1}" if fiscal else f"{part} {int(year) - 1}"
    return None


def _row_period(text: str, block: Block, cell: Span) -> Optional[str]:
    """A fiscal period with its year that the line itself names before the figure ("Year-ago quarter (Q3 2024): ...");
    one only, so that a line of two periods settles none."""
    line_start = text.rfind("\n", block.span.start, cell.start) + 1 if "\n" in text[block.span.start : cell.start] else block.span.start
    found = {p.group(0) for p in _PERIOD.finditer(text, line_start, cell.end) if re.search(r"(?:19|20)\d{2}|'\d{2}|\bFY\s?\d{2}", p.group(0))}
    return next(iter(found)) if len(found) == 1 else None
