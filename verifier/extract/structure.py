"""Document structure before extraction: headings, paragraphs, bullets, table rows and label:value lines.

Articles state many figures without a verb: a stat box ("Previous close | $182.40"), a
Markdown or HTML table, an aligned text table, a "Monday's close: $182.40" line, a ticker line
("NVDA US | last 182.40 | -0.4% d/d"). The rule engine reads those as cells, a label and a value,
instead of as prose. Every block and cell is a ``Span`` into the document text.

    >>> [b.kind for b in blocks("# Nvidia\\n\\n| Close | $182.40 |\\n- Up 2% today\\nChange: -1.3%")]
    ['heading', 'table_row', 'bullet', 'label_value']
"""

from __future__ import annotations

from verifier import recache as re
from dataclasses import dataclass, field, replace
from typing import Optional

from ..dates import JSON_DATE_KEY, find_entry_stamp  # JSON_DATE_KEY: an item's stamp field, kept in the reading text
from ..text import Span, deleted_spans, per_document, trim

_BULLET = re.compile(r"^[ \t]*(?:[-*\u2022\u00b7\u25aa\u25ba\u2013>]|\d{1,2}[.)])[ \t]+")
_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+")
_TABLE_RULE = re.compile(r"^[\s|:+\-=\u2013\u2014]+$")
_ALIGNED_GAP = re.compile(r"\t+| {2,}")
_LABEL_VALUE = re.compile(
    r"^\*{0,2}(?P<label>(?:[A-Za-z\u00c0-\u024f]|\d{1,2}[- ]?(?:wk|week|month|mo|day|yr|year)s?\b)[\w\u00c0-\u024f'\u2019&./()% -]{0,40}?)(?:[ \t]*[:=]|[ \t]+\.+(?:[ \t]?\.+)*)\*{0,2}[ \t]+\*{0,2}(?P<value>\S.*)$"  # "Net sales ........ $274.5 billion": a dot leader
)
_VALUE_START = re.compile(r"^(?:[~\u2248]?\s*[+\-\u2212]?\s*(?:US\$|C\$|\$|€|£|¥|[A-Z]{3}\s?)?\s?\d|(?:c\.|ca\.|about|around|roughly|approximately|approx\.?)\s*[$€£]?\d|(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri)\w*,?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d)")
# an alert or ticker line: an upper-case tag, maybe a ticker, then a price and maybe its change in brackets
# ("CLOSE AMZN $229.99 (-1.3%)", "LAST $412.10 +0.8%"), read like "Close: $229.99 | -1.3%"
_TAG_LINE = re.compile(
    r"(?P<label>[A-Z][A-Z&-]{2,}(?:[ \t]+\$?[A-Z]{1,5}(?:\.[A-Z]{1,2})?)?)[ \t]+"
    r"(?P<price>(?:US\$|\$|€|£)\d{1,3}(?:,\d{3})*(?:\.\d{1,4})?)"
    r"(?:[ \t]+(?P<change>\(?[+\-\u2212]\d{1,3}(?:\.\d{1,2})?%\)?))?[ \t]*$"
)
# an RSS/RFC-822 pubDate opening a flattened feed item: "Tue, 08 Mar 2016 16:02:00 -0500"
_FEED_PUB_DATE = re.compile(
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{4}"
    r"\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[+-]\d{4}|GMT|UTC|EST|EDT|ET))?"
)
_SMALL_WORDS = {"a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "as", "by", "vs", "vs.", "with", "from", "is", "its"}


_SECTION_LINE = re.compile(  # "AMERISOURCEBERGEN (ABC)", "ABC \u2014 AmerisourceBergen", "PICK #2: Advance Auto Parts (AAP)"
    r"^(?:[A-Z][A-Z0-9&.,'/ -]{2,60}|(?:[\w#&.' -]{0,20}:\s*)?[A-Z][\w&.,' -]{1,50}\s*\((?:[A-Z]+:\s*)?[A-Z]{1,5}\)|"
    r"[A-Z]{1,5}\s+[\u2014\u2013-]\s+[A-Z][\w&.' -]{2,50}|"
    # a digest's entry header: "Initech Corp. (INTC) - Form 8-K filed Jan. 3, 10-Q to follow"
    r"[A-Z][\w&.,' -]{1,50}?\s*\((?:[A-Z]+:\s*)?[A-Z]{1,5}\)\s+[\u2014\u2013-]\s+[^\n]{3,100}|"
    # a ranked list's entry header: "#3 \u2014 AmerisourceBergen: up 17.4% for the year"
    r"#\d{1,3}\s*[\u2014\u2013:.-]\s*[A-Z][\w&.,' -]{1,50}?(?:\s*\((?:[A-Z]+:\s*)?[A-Z]{1,5}\))?:\s+[^\n]{1,60})$"
)


_QUESTION_HEADING = re.compile(
    r"^(?:\*\*)?(?:What|Why|How|When|Where|Who|Which|Is|Are|Does|Did|Do|Can|Could|Should|Will|Would|Was|Were|Has|Have)\b"
    r"[^\n?]{3,110}\?(?:\*\*)?$"
)


def _stands_alone(text: str, s: int, e: int, end: int) -> bool:
    """A question line followed by a line that answers it (not another question, not the end)."""
    following = text[e : min(end, e + 400)].strip().split("\n", 1)[0].strip()
    return bool(following) and not following.endswith("?")


@dataclass(frozen=True)
class Block:
    """One unit of the document's layout.

    kind: heading | paragraph | bullet | table_row | label_value
    span: the whole line or paragraph (without a bullet marker or heading hashes)
    cells: for a table row, every cell; for a label:value line, [label, value]
    header: for a table row, the header cells of its table (column labels), if the table has them
    """

    kind: str
    span: Span
    cells: tuple[Span, ...] = ()
    header: tuple[Span, ...] = ()
    table: int = -1  # which table of the document a row belongs to
    extra: dict[str, str] = field(default_factory=dict, compare=False)


def _cells(text: str, start: int, end: int, separator: re.Pattern[str]) -> list[Span]:
    out: list[Span] = []
    pos = start
    for m in separator.finditer(text, start, end):
        s, e = trim(text, pos, m.start())
        if e > s:
            out.append(Span(s, e))
        pos = m.end()
    s, e = trim(text, pos, end)
    if e > s:
        out.append(Span(s, e))
    return out


_PIPE = re.compile(r"\s*\|\s*")


# a stat line led by its figure, the label after it: "- **~30,000:** Corporate roles cut since October",
# "**$21.4 billion:** Operating income in the third quarter", "1.2 million: the group's staff worldwide",
# a magazine's "575,700 ... employees worldwide at June 30"
_FIGURE_LEAD = re.compile(
    r"[ \t]*(?:[-*\u2022][ \t]+)?(?:\*\*|__)?[ \t]*(?P<value>[~\u2248]?[ \t]?[+\-\u2212]?(?:US\$|\$|€|£)?\d[\d.,]*"
    r"(?:[ \t]?(?:%|percent|billion|million|trillion|bn|mn|[BMK])\b)?)[ \t]*(?:(?:\*\*|__)[ \t]*:|:[ \t]*(?:\*\*|__)?|\.{3}|\u2026)[ \t]+"
    r"(?P<label>[A-Za-z\u00c0-\u024f][^\n]*)")


def figure_lead(text: str, at: int) -> Optional[tuple[Span, Span]]:
    """The (figure, label) of the figure-led stat line that holds ``at``, or None when that line is not one.

    >>> v, l = figure_lead("- **~30,000:** Roles cut since May.", 3)
    >>> (v.start, v.end, l.start)
    (4, 11, 15)
    """
    start = text.rfind("\n", 0, at) + 1
    hit = _FIGURE_LEAD.match(text, start)
    if hit is None:
        return None
    label_end = hit.end("label")
    while label_end > hit.start("label") and text[label_end - 1] in " \t.":
        label_end -= 1
    return Span(hit.start("value"), hit.end("value")), Span(hit.start("label"), label_end)


def is_title_case(line: str) -> bool:
    """'Microsoft Revenue Up 20% To $40.0 Billion': most words start upper-case or with a digit/symbol."""
    words = [w for w in re.findall(r"[^\s]+", line) if w.lower() not in _SMALL_WORDS]
    if len(words) < 3:
        return False
    capital = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    lower = sum(1 for w in words if w[0].islower())
    return capital >= 0.8 * len(words) and lower <= 1


def _has_figure(line: str) -> bool:
    return bool(re.search(r"\d", line))


# a column label's unit or scale in brackets: "Vol(00)", "Sales (000s)", "Shares (000)", "Rev ($m)", "Yield (%)"
_BRACKETED_UNIT = re.compile(r"(?<=[A-Za-z%.])\s?\((?:[$\u20ac\u00a3]\s?)?(?:0{2,}s?|000s|%|[a-z]{1,3})\)$", re.I)


def _figure_cell(cell: str) -> bool:
    """Whether a cell holds a figure, so its line is a row and not a header: a label's bracketed unit ("Vol(00)")
    is none."""
    return _has_figure(_BRACKETED_UNIT.sub("", cell) if cell[:1].isalpha() or cell[:1] == "%" else cell)


# a date inside a column label: "Close 31/01/2018", "Price (21-Nov-17)", "Close Jan 31, 2018"
_LABEL_DATE = re.compile(
    r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2}|\d{1,2}[- ](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:[- ](?:\d{4}|\d{2}))?|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}(?:,?\s\d{4})?", re.I)


def _dated_label(cell: str) -> bool:
    """'Close 31/01/2018': a column label whose only digits are a date; a value cell has no words before its figure."""
    return bool(re.match(r"[A-Za-z]", cell)) and not re.search(r"[$€£¥%]", cell) and _LABEL_DATE.search(cell) is not None and not re.search(
        r"\d", _LABEL_DATE.sub(" ", cell))


# a quote box drawn with box characters: "│ Prev close (Jul 2): 354.20 │" is the line inside the border
_BOX_SIDE = "\u2502\u2503\u2551"


def _unboxed(text: str, s: int, e: int) -> tuple[int, int]:
    """The line text[s:e] without the side borders of a drawn box, trimmed."""
    if e > s and text[s] in _BOX_SIDE:
        s, e = trim(text, s + 1, e)
    if e > s and text[e - 1] in _BOX_SIDE and text[s:e].count(text[e - 1]) == 1:
        s, e = trim(text, s, e - 1)
    return s, e


# a column header's abbreviation ("Comm.", "Exec. Price", "Avg. Cost", "No."): a label, not a sentence's last word
_ABBREVIATED_CELL = re.compile(r"(?:[A-Z][A-Za-z]{0,5}\.\s?)+(?:[A-Z][a-z]+)?|(?:[A-Z][a-z]+\s)?[A-Z][A-Za-z]{0,5}\.")


# a CSV export pasted as it comes: '"2015-02-09","Citigroup","Initiates","","Sell"' or '2015-02-09,Citigroup,Initiates,,Sell'
_CSV_FIELD = re.compile(r'"(?P<q>[^"\n]*)"|(?P<u>[^,"\n]*)')


def _csv_fields(text: str, s: int, e: int) -> Optional[list[Span]]:
    """The fields of a CSV line text[s:e] (quotes stripped, empty fields kept as empty spans), or None when the
    line is not one: three fields or more, and either every field quoted or no space after any comma (prose)."""
    line = text[s:e]
    if line.count(",") < 2:
        return None
    out: list[Span] = []
    pos, quoted = s, 0
    while True:
        m = _CSV_FIELD.match(text, pos, e)
        if m is None:
            return None
        group = "q" if m.group("q") is not None else "u"
        quoted += group == "q"
        out.append(Span(*trim(text, m.start(group), m.end(group))))
        pos = m.end()
        if pos >= e:
            break
        if text[pos] != ",":
            return None
        pos += 1
        if pos == e:
            out.append(Span(e, e))
            break
    if len(out) < 3 or not (quoted == len(out) or (quoted == 0 and ", " not in line and " ," not in line)):
        return None
    if not quoted and (re.search(r"\t| {2,}", line) or not re.search(r"[^\d],|,[^\d]", line)):
        return None  # "10,185.00      4.95    10,180.05": an aligned row's thousands separators, no CSV
    return out


def _csv_runs(text: str, start: int, end: int) -> dict[int, list[Span]]:
    """Line start -> fields, for every line of a run of two CSV lines or more with the same number of fields."""
    lines: list[tuple[int, Optional[list[Span]]]] = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        s, e = trim(text, pos, line_end)
        fields = _csv_fields(text, s, e) if e > s and "," in text[s:e] else None
        if fields is not None and all(re.fullmatch(r"[+\-]?\d[\d.:-]*", f.of(text)) for f in fields):
            fields = None  # "2026-01-26,238.10,240.02,236.50,239.16": a price series' bar, read as its day's close
        lines.append((pos, fields))
        pos = line_end + 1
    out: dict[int, list[Span]] = {}
    for i, (at, fields) in enumerate(lines):
        if fields is None:
            continue
        near = [lines[j][1] for j in (i - 1, i + 1) if 0 <= j < len(lines)]
        if any(f is not None and len(f) == len(fields) for f in near):
            out[at] = fields
    return out


def blocks(text: str, start: int = 0, end: Optional[int] = None) -> list[Block]:
    """The layout blocks of text[start:end], in reading order.

    A run of plain lines is one paragraph block per line (the sentence splitter cuts at line
    breaks anyway); what matters is which lines are headings, bullets, table rows and label:value
    lines, and which table a row belongs to (so its header labels its cells).
    """
    if start == 0 and end is None and json_layout(text) is not None:
        return blocks(reading_text(text))  # a JSON dump's layout is that of its fields, not of its punctuation
    end = len(text) if end is None else end
    out: list[Block] = []
    table_id = -1
    header: tuple[Span, ...] = ()
    columns: dict[str, str] = {}  # a two-line header's label of each column (see below)
    in_table = False
    piped = False  # whether the current table's rows are split at pipes (else at aligned gaps)
    pos = start
    box_starts: dict[int, int] = {}  # a boxed line's content start -> its border's start (the line's sentence starts there)
    csv = _csv_runs(text, start, end) if text.count(",", start, end) >= 4 else {}
    csv_header: list[Span] = []
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl
        fields = csv.get(pos)
        if fields is not None:
            # a CSV line: a table row whose empty fields are no cells, each cell labelled by its own column's header
            s, e = trim(text, pos, line_end)
            pos = line_end + 1
            if not in_table or piped is not None:
                piped, in_table, columns = None, True, {}  # type: ignore[assignment]
                table_id += 1
                if not any(_figure_cell(f.of(text)) for f in fields if f.end > f.start):
                    csv_header = fields
                    out.append(Block("table_row", Span(s, e), tuple(f for f in fields if f.end > f.start), (), table_id, {"role": "header"}))
                    continue
                csv_header = []
            keep = [i for i, f in enumerate(fields) if f.end > f.start]
            heads = tuple(csv_header[i] for i in keep if i < len(csv_header)) if len(csv_header) == len(fields) else ()
            out.append(Block("table_row", Span(s, e), tuple(fields[i] for i in keep), heads, table_id, {"form": "csv"}))
            continue
        if piped is None:
            in_table, piped = False, False
        s, e = trim(text, pos, line_end)
        boxed = s
        s, e = _unboxed(text, s, e)
        if s > boxed:
            box_starts[s] = boxed
        pos = line_end + 1
        if e <= s:
            in_table = False
            continue
        line = text[s:e]
        if _TABLE_RULE.match(line) and ("|" in line or len(line) >= 3):
            continue  # |---|---| or ===== : a table rule, no content
        pipe_cells = _cells(text, s, e, _PIPE) if "|" in line else []
        if pipe_cells and line[:1].isdigit():
            lead = find_entry_stamp(text, s, e)
            if lead is not None and "|" not in text[lead.end : e]:
                pipe_cells = []  # "2020-04-24 16:05 -04:00 | Apple closes at ...": a feed line's stamp, not a table
        if pipe_cells and len(pipe_cells) <= 3 and _FEED_PUB_DATE.fullmatch(text, pipe_cells[0].start, pipe_cells[0].end) and re.search(
            r"[a-z]{3,}\s+[a-z]{2,}", text[pipe_cells[-1].start : pipe_cells[-1].end]
        ):
            pipe_cells = []  # "Tue, 08 Mar 2016 16:02:00 -0500 | Wire | Initech slides 4%": a feed's pubDate, source, title
        if len(pipe_cells) >= 2 or (line.startswith("|") and pipe_cells):
            if not in_table or not piped:  # a piped line after aligned-text lines ("AMAZON.COM  -  Q2 2020") starts its own table
                piped = True
                table_id += 1
                header = ()
                columns = {}
                in_table = True
                following = text[pos : text.find("\n", pos, end) if text.find("\n", pos, end) >= 0 else end].strip()
                ruled = bool(_TABLE_RULE.match(following)) and "|" in following  # a Markdown header: "| Metric | Q4 2025 consensus |"
                if ruled or not any(_figure_cell(text[c.start : c.end]) and column_period(text[c.start : c.end]) is None for c in pipe_cells):
                    header = tuple(pipe_cells)
                    if re.match(r"\|[ \t]*\|", line):  # "| | FY2019A | FY2020E |": the row-label column has no header
                        header = (Span(s + 1, s + 1),) + header
                    out.append(Block("table_row", Span(s, e), tuple(pipe_cells), (), table_id, {"role": "header"}))
                    continue
            out.append(Block("table_row", Span(s, e), tuple(pipe_cells), header, table_id))
            continue
        aligned = _cells(text, s, e, _ALIGNED_GAP) if _ALIGNED_GAP.search(line.strip()) else []
        if aligned and (line[:1].isdigit() or line[:1] == "["):
            lead = find_entry_stamp(text, s, e)
            if lead is not None and not _ALIGNED_GAP.search(text[lead.end : e].strip()):
                aligned = []  # "[4:02 PM]  CLOSING BELL - AAP": an alert's time stamp, then its title; no table
        if len(aligned) >= 2 and len(line) <= 160 and all(
            c.end - c.start <= 40 and (not re.search(r"[.!?,;]$", text[c.start : c.end]) or _ABBREVIATED_CELL.fullmatch(text, c.start, c.end))
            for c in aligned
        ):
            if not in_table:
                piped = False
                table_id += 1
                header = ()
                columns = {}
                in_table = True
                if not any(_figure_cell(text[c.start : c.end]) and column_period(text[c.start : c.end]) is None
                           and not _dated_label(text[c.start : c.end]) for c in aligned):
                    header = tuple(aligned)
                    out.append(Block("table_row", Span(s, e), tuple(aligned), (), table_id, {"role": "header"}))
                    continue
            if any(_has_figure(text[c.start : c.end]) for c in aligned):
                out.append(Block("table_row", Span(s, e), tuple(aligned), header, table_id, dict(columns)))
                continue
            if header and out and out[-1].extra.get("role") == "header" and out[-1].table == table_id and not columns:
                # a header on two lines ("Closing price" over "on grant date"): each column is labelled by both lines'
                # words above it, matched by position on the line
                upper, lower = header, tuple(aligned)
                upper_line = text.rfind("\n", 0, upper[0].start) + 1
                columns = {}
                for index, cell in enumerate(lower):
                    lo, hi = cell.start - s, cell.end - s
                    above = [text[h.start : h.end] for h in upper if h.start - upper_line < hi and lo < h.end - upper_line]
                    columns[f"column{index}"] = " ".join(above + [text[cell.start : cell.end]])
                header = lower
                out.append(Block("table_row", Span(s, e), lower, (), table_id, {"role": "header"}))
                continue
        in_table = False
        kind = "paragraph"
        marker = _HEADING_MARK.match(line) or None
        bullet = None if marker else _BULLET.match(line)
        if marker:
            kind, s = "heading", s + marker.end()
        elif bullet and not re.match(r"^\d{1,2}[.)]\d", line):
            kind, s = "bullet", s + bullet.end()
        body = text[s:e]
        stamp = find_entry_stamp(text, s, e) if body[:1] == "[" or body[:1].isdigit() else None
        tag = _TAG_LINE.match(text, stamp.end if stamp else s, e)
        if tag and tag.start() == (stamp.end if stamp else s):
            parts = [Span(tag.start(g), tag.end(g)) for g in ("label", "price", "change") if tag[g]]
            out.append(Block("label_value", Span(s, e), tuple(parts), (), -1, {"in": kind, "form": "tag"}))
            continue
        lv = _LABEL_VALUE.match(body)
        if lv and len(body) <= 120 and _VALUE_START.match(lv["value"]) and not re.search(r"[.!?]\s+\S", lv["value"]):
            label = Span(*trim(text, s + lv.start("label"), s + lv.end("label")))
            value = Span(*trim(text, s + lv.start("value"), e))
            out.append(Block("label_value", Span(s, e), (label, value), (), -1, {"in": kind}))
            continue
        if kind == "paragraph" and len(body) <= 120 and not re.search(r"[.!?:;,]$", body) and (
            is_title_case(body) or _SECTION_LINE.match(body)
        ):
            kind = "heading"
        elif kind in ("paragraph", "heading") and _QUESTION_HEADING.match(body) and _stands_alone(text, s, e, end):
            kind = "heading"  # an explainer's question ("Why did Initech fall today?"): the answer below is about it
        out.append(Block(kind, Span(s, e)))
    if box_starts:
        out = [replace(b, span=Span(box_starts[b.span.start], b.span.end)) if b.span.start in box_starts else b for b in out]
    return out


# --------------------------------------------------------------------------- what a column header says

# "FY2020E", "FY21E", "FY 2019A", "2020E", "Q4 2016A", "4Q20E", "CY2021E", "1H21E": a broker table's column is a
# period, and the trailing A/E says whether the figures under it are actuals or estimates.
_COLUMN_PERIOD = re.compile(
    r"^\s*(?P<period>(?:(?P<fy>FY|CY|F)\s?(?P<fyy>(?:19|20)?\d{2})|(?P<q>Q[1-4]|[1-4]Q|[12]H|H[12])\s?(?:FY|CY)?\s?'?(?P<qy>(?:19|20)?\d{2})|"
    r"(?P<y>(?:19|20)\d{2})))\s?(?P<ae>[AEFP]|est\.?|estimates?|actual|forecast)?\s*$",
    re.I,
)


@dataclass(frozen=True)
class ColumnPeriod:
    """The period a table column is headed with, and whether its figures are estimates."""

    period: str  # "FY2020", "Q4 2016", "2020"
    estimate: bool


def column_period(header: str) -> Optional[ColumnPeriod]:
    """'FY2020E' -> ColumnPeriod('FY2020', estimate=True); 'FY2019A' -> ('FY2019', False); 'Revenue' -> None.

    A bare year ("2020") is a period with no estimate mark; a two-digit year is read in the 2000s.
    Only a whole header cell is read: "Q4 sales" is a label, not a column period.
    """
    m = _COLUMN_PERIOD.match(header)
    if not m:
        return None
    ae = (m["ae"] or "").lower()
    if m["y"] and not ae:
        year = m["y"]
        return ColumnPeriod(year, False)
    estimate = ae.startswith(("e", "f", "p"))

    def full(year: str) -> str:
        return year if len(year) == 4 else "20" + year

    if m["fy"]:
        prefix = "CY" if m["fy"].upper() == "CY" else "FY"
        return ColumnPeriod(f"{prefix}{full(m['fyy'])}", estimate)
    if m["q"]:
        q = m["q"].upper()
        q = q if q[0] in "QH" else q[1] + q[0]  # "4Q" -> "Q4", "1H" -> "H1"
        return ColumnPeriod(f"{q} {full(m['qy'])}", estimate)
    return ColumnPeriod(m["y"], estimate)


# --------------------------------------------------------------------------- what a cell's label says

_TRADE_PRICE = re.compile(r"\b(?:avg\.?|average|weighted[- ]average|wtd\.?\s+avg\.?)\s+(?:sale\s+|sales\s+|purchase\s+|fill\s+|trade\s+|execution\s+)?price\b|"
                          r"\b(?:fill|execution|exec\.?|transaction)\s+price\b", re.I)
# a ratio's label ("Price/Fair Value", "Price/Book", "P/FV", "Price to sales"): its value is no price
_RATIO_LABEL = re.compile(r"\b(?:price|p)\s?(?:/|-to-|\sto\s)\s?(?:fair value|fv|book|bv|sales|earnings|cash flow|fcf|nav|tbv|e|b|s)\b", re.I)
# a fiscal period labels an estimate, never a quote: "Current quarter: 7 days ago $1.93 | 30 days ago $1.73"
_ESTIMATE_PERIOD_LABEL = re.compile(r"\b(?:current|next|this|prior|last)\s+(?:fiscal\s+)?(?:quarter|qtr|year|fy|fiscal year)\b|\bdays ago\b", re.I)
# a post's engagement bar ("\u2661 41   \U0001f4ac 12   \u21bb Share"): counts of likes, comments and shares
_SOCIAL_COUNTER = re.compile("[\u2661\u2665\u2764\u21bb\u27f3\U0001f4ac\U0001f501\U0001f44d\U0001f5e8\U0001f441]")
_NOT_A_CLAIM = re.compile(
    r"\b(?:52[- ]?w(?:ee)?k|52w|all[- ]time|record|updated|published|posted|as of|time|volume|vol\.?|p/?e|per\b|beta|yield|outstanding|float|avg|average|rsi|"
    r"sma|ema|moving|support|resistance|dividend yield|short interest|spread|bid|ask|strike|implied|iv\b|"
    r"margin|growth|guidance range|consensus|estimates?|expected|est\.?|forecast|(?:price )?targets?|pt|upside|downside|objective)\b",
    re.I,
)
WINDOW_LABEL = r"(?:52[- ]?w(?:ee)?k|52[- ]?wk|52w|12[- ]month|one[- ]year|all[- ]time|record)"
_WINDOW_EXTREME = re.compile(rf"\b{WINDOW_LABEL}\s+(?P<side>high|low|range)\b", re.I)
# a row label's unit: "($bn)", "(US$ m)", "(USD bn)", "(EUR m)", "(in billions)", "($)"
_LABEL_UNIT = re.compile(
    r"\((?:in\s+)?(?P<cur>US\$|\$|€|£|USD|EUR|GBP)\s?(?P<scale>bn|b|billions?|m|mn|mm|millions?|tn|trillions?)?\)|"
    r"\bin\s+(?P<scale2>billions|millions)\b", re.I)
_PRICE_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("range", re.compile(r"\b(?:day(?:'s)?|daily|intraday|session|trading)\s+range\b|^range$", re.I)),
    ("close", re.compile(r"\bclos(?:e|ing|ed)\b|\bschluss\w*|\bsettle\w*|\bfinish\w*", re.I)),
    ("open", re.compile(r"\bopen(?:ing|ed)?\b", re.I)),
    ("high", re.compile(r"\bhigh\b", re.I)),
    ("low", re.compile(r"\blow\b", re.I)),
    ("intraday", re.compile(r"\b(?:last|quote|current|trading at|now|last trade|spot|px|live)\b", re.I)),
    ("unspecified", re.compile(r"\b(?:price|share price|stock price|kurs|aktienkurs|shares?|stock)\b", re.I)),
]
_MOVE_PERIODS: list[tuple[str, re.Pattern[str]]] = [
    ("ytd", re.compile(r"\b(?:ytd|year[- ]to[- ]date|since (?:jan\w*|the start of the year))\b", re.I)),
    ("week", re.compile(r"\b(?:1w|5d|one[- ]week|week(?:ly)?|w/w|wtd|wk)\b", re.I)),
    ("month", re.compile(r"\b(?:1m|one[- ]month|month(?:ly)?|m/m|mtd|30d)\b", re.I)),
    ("year", re.compile(r"\b(?:1y|12m|one[- ]year|y/y|yoy|12[- ]month|annual)\b", re.I)),
    ("day", re.compile(
        r"\b(?:change|chg|move|d/d|1d|day|today|session|daily|perf(?:ormance)?|\w+day's|on the day|% ?chg|"
        r"ver[äa]nderung|plus|minus)\b", re.I)),
]
_METRIC_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("market_cap", re.compile(r"\b(?:market cap\w*|mkt\.? cap|market value|m\.? cap)\b", re.I)),
    ("eps", re.compile(r"\b(?:eps|earnings per share|per[- ]share)\b", re.I)),
    ("operating_income", re.compile(r"\b(?:operating (?:income|profit)|ebit)\b", re.I)),
    ("net_income", re.compile(r"\b(?:net (?:income|profit|earnings)|profit)\b", re.I)),
    ("guidance_revenue", re.compile(r"\b(?:revenue|sales) (?:guidance|outlook|forecast)|guidance\b", re.I)),
    ("revenue", re.compile(r"\b(?:revenues?|rev\.?|sales|turnover|top[- ]line)\b", re.I)),
]
_WORKFORCE_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("cut", re.compile(r"\b(?:job cuts?|layoffs?|lay-offs?|cuts?|(?:jobs?|roles?|positions?|posts?|employees|staff)\b[\w\s-]{0,20}?\b"
                       r"(?:cut|lost|eliminated|axed|shed|to go|affected|impacted|laid off)|"
                       r"redundanc\w*|reductions?|(?:affected|impacted) (?:employees|roles|staff|team members|workers|positions))\b", re.I)),
    ("hire", re.compile(r"\b(?:hires?|hiring|new jobs|jobs added|added)\b", re.I)),
    ("headcount", re.compile(r"\b(?:employees|headcount|staff|workforce|personnel|team size|FTEs?)\b", re.I)),
]
_DEAL_ROLES: list[tuple[str, re.Pattern[str]]] = [  # "| Buyback authorised | $50bn |", "| Deal value | $4.2 billion |"
    ("buyback", re.compile(r"\b(?:buy-?backs?|repurchases?|share repurchase)\b", re.I)),
    ("acquisition", re.compile(r"\b(?:deal value|transaction value|purchase price|takeover|acquisition|equity value|enterprise value|"
                               r"merger|buyout)\b", re.I)),
    ("investment", re.compile(r"\b(?:investment|stake|funding round)\b", re.I)),
    ("contract", re.compile(r"\b(?:contract|agreement|deal)\b", re.I)),
]
# "| Corporate headcount | ~350K |": a part of the workforce, which the check would compare with the whole
# (a country is not read from a label: "AMZN US" names the listing, not a part)
_HEADCOUNT_PART = re.compile(r"\b(?:corporate|office|warehouse|hourly|seasonal|frontline|plant|factory|division|segment)\b", re.I)
_EVENT_ROLES: list[tuple[str, re.Pattern[str]]] = [
    ("dividend", re.compile(r"\b(?:ex-dividend|dividend|payout|record date|payable|payment date|pay date)\b", re.I)),
    ("shareholder_meeting", re.compile(r"\b(?:agm|annual (?:general |shareholders'? )?meeting|shareholder meeting)\b", re.I)),
    ("investor_day", re.compile(r"\b(?:investor day|analyst day|capital markets day)\b", re.I)),
    ("other", re.compile(r"\b(?:split|split-adjusted)\b", re.I)),
    ("earnings", re.compile(r"\b(?:earnings|results|report(?:s|ing)?(?: date)?|rpt|print|q[1-4]|figures|numbers|call)\b", re.I)),
]


# a column whose label says its figures are percentages of a change: "%Chg", "Pct chg", "Chg %", "% change"
_PERCENT_COLUMN = re.compile(r"(?:%|\bpct\.?|\bper ?cent)\s?(?:chg|change|chge|ch)\b|\b(?:chg|change|ch)\.?\s?(?:%|\(%\)|pct\b)", re.I)


def _first(roles: list[tuple[str, re.Pattern[str]]], label: str) -> Optional[str]:
    return next((name for name, pattern in roles if pattern.search(label)), None)


def classify_cell(label: str, value: str) -> tuple[Optional[str], str]:
    """What a table cell or label:value line states: ('price:close', reason), ('move:ytd', ...), or (None, why not).

    ``label`` is every word that labels the value (row label, column header, the cell's own
    words); ``value`` is the value as written. The reason is shown by the engine's notes.
    """
    label = " ".join(label.replace("_", " ").split())  # a CSV export's "close_on_day" is the words "close on day"
    has_money = bool(re.search(r"[$€£¥]|\b(?:USD|EUR|GBP|CHF|dollars?|euros?)\b", value, re.I))
    is_percent = bool(re.search(r"\d\)?\s?(?:%|percent\b|pct\b)", value, re.I))  # "(13.8)%": an accounting negative
    if not is_percent and _PERCENT_COLUMN.search(label) and re.fullmatch(r"[+\-\u2212]?(?:\d+(?:\.\d+)?|\.\d+)", value.strip()):
        is_percent = True  # an agate table's "%Chg | +15.0": the column says what its bare figures are
    is_date = bool(re.search(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|"
        r"\d{4}-\d{2}-\d{2}|\b(?:monday|tuesday|wednesday|thursday|friday)\b|\b\d{1,2}-(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\b", value, re.I))
    scaled = bool(re.search(r"\d\s?(?:trillion|billion|million|bn|tn|mn|mln|[BMTK])\b", value, re.I))
    if is_date and not is_percent and not has_money:
        event = _first(_EVENT_ROLES, label + " " + value)
        if event and re.search(r"\b(?:pre|post)-?\s?(?:split|earnings|results|print|report)\b|\b(?:earnings|results|print|report|split)\s+"
                               r"(?:reaction|rally|pop|jump|drop|sell-?off|beat|miss|surprise|blow-?out)\b", label, re.I):
            return None, f"{label!r} names a trading day around an event, not the event"  # "| Aug 28 | Last pre-split day |"
        if event and re.search(r"\b(?:next|upcoming|date|due|scheduled|expected|report|rpt|print|earnings|results|ex-|payable|"
                               r"meeting|day|split|effective)", label + " " + value, re.I):
            return f"event:{event}", f"a date labelled {label!r}"
        return None, f"a date labelled {label!r} names no scheduled event"
    extreme = _WINDOW_EXTREME.search(label)
    if extreme and not is_percent and not scaled and not _WINDOW_EXTREME.search(value):
        # "52-week high | $3,773.08", "52-wk range 164.08 - 260.10": a window's extreme, which the check reads as such
        return f"price:{extreme['side'].lower()}", f"a {extreme.group(0)!r} price"
    unit = _LABEL_UNIT.search(label)  # "Revenue ($bn) | 260.2": the label carries the currency and scale
    estimate_row = _first(_METRIC_ROLES, label) and re.search(r"\b(?:consensus|estimates?|est\.?|forecast)\b|\d[E]\b", label, re.I) \
        and not re.search(r"\b(?:margin|growth|guidance range|p/?e|yield)\b", label, re.I)
    if _SOCIAL_COUNTER.search(label + " " + value):
        return None, f"{label!r} is a post's engagement count"
    trade_figure = has_money or bool(re.fullmatch(r"\d{1,5}\.\d{2,4}", value.strip()))  # a statement's "Exec. Price | 79.1200"
    if _TRADE_PRICE.search(label) and trade_figure and not scaled and not is_percent and not re.search(
            r"\b(?:targets?|pt|moving|sma|ema|52[- ]?w\w*|estimates?|consensus|exercise|strike|offer(?:ing)?|ipo)\b", label, re.I):
        # an insider table's "Avg. price" or a trade log's "Fill price": the price of one day's trades, inside that day's range
        return "price:trade", f"a trade price labelled {label!r}"
    if _NOT_A_CLAIM.search(label) and not (estimate_row and (has_money or scaled or unit)):
        return None, f"{label!r} is a statistic no claim kind checks"
    if unit and re.fullmatch(r"[~+]?\d[\d.,]*", value.strip()):
        has_money, scaled = True, bool(unit["scale"])
    if is_percent:
        if _first(_METRIC_ROLES, label) or re.search(r"\b(?:stake|ownership|rate|inflation|gdp)\b", label, re.I):
            return None, f"a percentage of {label!r}, not of the share price"
        period = _first(_MOVE_PERIODS, label)
        if period:
            return f"move:{period}", f"a percentage labelled {label!r}"
        if re.search(r"^\(?[+\-\u2212]", value.strip()) and re.search(r"\bclos(?:e|ing|ed)\b", label, re.I) and not re.search(
            r"\b(?:since|from|vs\.?|versus|after|pre|post)\b", label, re.I
        ):
            return "move:day", f"a signed change beside a close labelled {label!r}"
        if re.search(r"^\(?[+\-\u2212]", value.strip()):
            return "move:unspecified", "a signed percentage in a quote line"
        return None, f"a percentage labelled {label!r} with no sign or period"
    metric = _first(_METRIC_ROLES, label)
    if metric and (has_money or scaled):
        return f"metric:{metric}", f"a figure labelled {label!r}"
    deal = _first(_DEAL_ROLES, label)
    if deal and has_money and scaled and not re.search(r"\bper[- ]share\b|\ba share\b", label + " " + value, re.I):
        return f"deal:{deal}", f"an amount labelled {label!r}"
    workforce = _first(_WORKFORCE_ROLES, label)
    if workforce == "headcount" and _HEADCOUNT_PART.search(label):
        return None, f"{label!r} counts a part of the workforce, not the company's headcount"
    if workforce and not has_money:
        return f"workforce:{workforce}", f"a count labelled {label!r}"
    if not has_money and re.fullmatch(r"\d{1,3}(?:,\d{3})+|\d+", value.strip()) and re.search(
            r"\b(?:shares|(?:stock )?units|RSUs?|PSUs?|options|owned|holdings|quantity|qty)\b", label, re.I):
        return None, f"a count of shares labelled {label!r}, not a price"  # a Form 4 or proxy table's "Shares | 25,000"
    price = _first(_PRICE_ROLES, label)
    if price and (_RATIO_LABEL.search(label) or _ESTIMATE_PERIOD_LABEL.search(label)):
        return None, f"{label!r} labels a ratio or an estimate's period, not a price"
    if price and not scaled:
        return f"price:{price}", f"a price labelled {label!r}"
    return None, f"no claim kind reads a value labelled {label!r}"


# --------------------------------------------------------------------------- a pasted JSON dump (a news API's answer)
#
# A news API's answer pasted as is: '[{"title":"Initech slides 4%","description":"Shares of ...","publishedAt":
# "2019-03-04T21:05:00Z", ...}, ...]'. The readers should see its prose fields as paragraphs, not one long line of
# keys and punctuation. The scan is done on the raw characters (never a decoded copy), so every field's value keeps
# its offsets; a truncated paste or a JSON-lines file is read as far as it goes.

_JSON_TOKEN = re.compile(
    r'(?P<str>"(?:[^"\\\n]|\\.)*(?:"|$))|(?P<punct>[{}\[\]:,])|(?P<lit>true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(?P<ws>\s+)'
)
_JSON_ESCAPE = re.compile(r'\\(?:u[0-9a-fA-F]{4}|["\\/bfnrt])')
# keys whose values are names, addresses or codes, never the article's prose
_JSON_NOT_PROSE = re.compile(
    r"(?i)^(?:id|_id|uuid|guid|name|names|author|authors?_?names?|byline|creator|url|uri|link|href|permalink|image|"
    r"url_?to_?image|thumbnail|source|source_?id|domain|site|category|categories|tags?|keywords?|language|lang|country|"
    r"locale|type|kind|slug|status|ticker|tickers|symbols?|sentiment|copyright|license)$")
_JSON_TRUNCATED = re.compile(r"(?:\u2026|\.\.\.)?\s*\[\+\d+ chars\]$")  # the API's cut: "... on Jan\u2026 [+1874 chars]"


@dataclass(frozen=True)
class JsonField:
    """One string value of a JSON dump: ``key`` and the span of its characters between the quotes."""

    key: str
    span: Span
    prose: bool  # a field of running text (a title, a description, a body), read as a paragraph


@dataclass(frozen=True)
class JsonLayout:
    """A JSON dump's string values (in order), its objects' spans, and the offsets of its escapes."""

    fields: tuple[JsonField, ...]
    objects: tuple[Span, ...]  # every object {...}, from its brace to its closing brace (or the end of a cut paste)
    escapes: tuple[Span, ...]  # the escape sequences inside the prose fields ("\\u2019", '\\"', "\\n")


def _prose_value(key: str, value: str) -> bool:
    if _JSON_NOT_PROSE.match(key) or re.match(r"(?i)(?:https?://|www\.)", value):
        return False
    return len(re.findall(r"[A-Za-z\u00c0-\u024f]{2,}", value)) >= 3


@per_document
def json_layout(text: str) -> Optional[JsonLayout]:
    """The JSON dump ``text`` is, or None when it is not one.

    Only a text that opens on '{', '[' or a '"key":' and is nothing but JSON tokens to its end (a paste cut short,
    and JSON lines, allowed) is a dump, and only when it has at least two key/value pairs and a prose value of
    three words or more: prose, a table or a chat that starts with a bracket never reads as one.
    """
    head = text.lstrip()[:1]
    if head not in ("{", "[", '"'):
        return None
    fields: list[JsonField] = []
    objects: list[Span] = []
    opened: list[int] = []
    pairs = 0
    key: Optional[str] = None
    last_string: Optional[re.Match[str]] = None
    expect_key = head != "["
    pos = 0
    n = len(text)
    while pos < n:
        m = _JSON_TOKEN.match(text, pos)
        if m is None:
            return None  # a character no JSON has outside a string: not a dump
        pos = m.end()
        if m["ws"] is not None:
            continue
        if m["str"] is not None:
            last_string = m
            if key is not None and not expect_key:
                raw = m["str"]
                inner_end = m.end() - 1 if raw.endswith('"') and len(raw) > 1 else m.end()
                value = text[m.start() + 1 : inner_end]
                fields.append(JsonField(key, Span(m.start() + 1, inner_end), _prose_value(key, value)))
                pairs += 1
                key = None
            continue
        p = m["punct"]
        if p == ":":
            if last_string is None or last_string.end() > m.start() or text[last_string.end() : m.start()].strip():
                return None  # a colon after anything but a key
            key = last_string["str"].strip('"')
            expect_key = False
        elif p == "{":
            opened.append(m.start())
            expect_key, key = True, None
        elif p == "}":
            if opened:
                objects.append(Span(opened.pop(), m.end()))
            expect_key, key = True, None
        elif p == ",":
            expect_key = bool(opened)
            key = None if expect_key else key
        elif p == "[":
            expect_key = False
        elif p == "]":
            key = None
        if m["lit"] is not None and key is not None:
            pairs += 1
        last_string = None if p != ":" else last_string
        if m["lit"] is not None:
            key = None
    objects.extend(Span(start, n) for start in opened)  # a cut paste: its open objects run to the end
    if pairs < 2 or not any(f.prose for f in fields):
        return None
    escapes = tuple(Span(e.start(), e.end()) for f in fields if f.prose for e in _JSON_ESCAPE.finditer(text, f.span.start, f.span.end))
    return JsonLayout(tuple(fields), tuple(sorted(objects, key=lambda s: s.start)), escapes)


def quotable(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is the article's words as written: not in a JSON dump, or holding none of its
    escapes ('\\u2019' for an apostrophe, '\\"' for a quotation mark), which a quote would show instead of the
    characters they stand for."""
    layout = json_layout(text)
    return layout is None or not any(start < e.end and e.start < end for e in layout.escapes)


def _json_reading(text: str, layout: JsonLayout, chars: list[str]) -> None:
    """A JSON dump read as text: every prose field a paragraph of its own (its quotes become line breaks, the keys
    and punctuation blanks), escapes read as the characters they stand for where one fits ('\\"' as ' "', '\\n'
    as a line break, '\\u2019' as the apostrophe and blanks), the API's "... [+1874 chars]" cut blanked. An
    object's braces and its date field ('"publishedAt":"2019-03-04T21:05:00Z"') are kept, each on a line of its
    own, so the item is a dated section of the page (``dates.dated_sections``)."""
    for i, ch in enumerate(chars):
        if ch != "\n":
            chars[i] = " "
    for o in layout.objects:  # an object of figures and no prose ({"t": "2021-04-12", "c": 41.30}, a price bar) is read as written
        inner = [x for x in layout.objects if o.start < x.start < o.end]
        if not inner and not any(f.prose for f in layout.fields if o.start < f.span.start < o.end) and re.search(r"\d", text[o.start : o.end]):
            chars[o.start : o.end] = list(text[o.start : o.end])
    objects = []  # the items: each date field's innermost object
    for f in layout.fields:
        holders = [o for o in layout.objects if o.start < f.span.start < o.end] if JSON_DATE_KEY.match(f.key) else []
        if holders:
            objects.append(max(holders, key=lambda o: o.start))
    for o in objects:
        chars[o.start] = "{"
        if o.start + 1 < len(chars):
            chars[o.start + 1] = "\n"
        if o.end <= len(text) and text[o.end - 1] == "}":
            chars[o.end - 1] = "}"
            if o.end - 2 > o.start + 1:
                chars[o.end - 2] = "\n"
    for f in layout.fields:
        s, e = f.span.start, f.span.end
        if JSON_DATE_KEY.match(f.key) and any(o.start < s < o.end for o in objects) and not f.prose:
            k = text.rfind('"', 0, text.rfind('"', 0, s - 1))  # the key's opening quote
            if k > 0:
                chars[k - 1] = "\n"
                chars[k:e + 1] = list(text[k:e + 1])
                if e + 1 < len(chars):
                    chars[e + 1] = "\n"
            continue
        if not f.prose:
            continue
        chars[s - 1] = "\n"
        if e < len(chars):
            chars[e] = "\n"
        chars[s:e] = list(text[s:e])
        cut = _JSON_TRUNCATED.search(text, s, e)
        if cut is not None:
            _blank(chars, cut.start(), cut.end())
            last = re.search(r"\S+$", text[s : cut.start()])
            if last is not None and re.search(r"[\d$\u20ac\u00a3%]", last.group(0)):
                _blank(chars, s + last.start(), cut.start())  # a figure the cut may have cut short ("$112.2\u2026") is not read
        for esc in _JSON_ESCAPE.finditer(text, s, cut.start() if cut else e):
            code = esc.group(0)
            _blank(chars, esc.start(), esc.end())
            if code[1] == "u":
                value = chr(int(code[2:], 16))
                chars[esc.start()] = value if value.isprintable() else " "
            elif code[1] in "nr":
                chars[esc.start()] = "\n"
            elif code[1] in '"\\/':  # the mark beside the word it opens or closes: '\\"solid\\"' reads ' "solid" '
                follows = esc.end() < len(text) and text[esc.end()].isalnum()
                chars[esc.start() + 1 if follows else esc.start()] = code[1]


# --------------------------------------------------------------------------- the text the readers read

# "**$452.04**", "**10.5%**", "__July 31, 2020__": Markdown emphasis around a figure or a date (a chatbot's answer,
# a blog's stat line) hides the figure from the cues on either side ("closing at **$452.04**")
_MONTH_WORD = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_EMPHASIS_FIGURE = re.compile(
    r"(?P<m>\*\*|__)(?P<in>(?:[~\u2248]\s?)?[+\-\u2212]?(?:US\$|C\$|\$|€|£|¥)?\d[\d,.]*"
    r"(?:\s?(?:%|percent|trillion|billion|million|bn|mn|tn|[BMK]))?(?:\s(?:a|per)\s+share)?|"
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s)?{_MONTH_WORD}\s\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s(?:19|20)\d{{2}})?|"
    rf"\d{{1,2}}\s{_MONTH_WORD}(?:\s(?:19|20)\d{{2}})?)(?P=m)(?![\w*])"
)
# an SRT subtitle file: "12\n00:00:35,900 --> 00:00:39,600\n" opens every cue; a sentence runs on over cues
_SRT_CUE_HEAD = re.compile(r"(?m)^[ \t]*\d{1,5}[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]*-->[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[^\n]*\n")


# an e-mail's quoted lines: "> Ugh. Down 12.9% today", "> > Sent: Friday, ..." (the quoted message reads as written)
_QUOTE_MARKS = re.compile(r"(?m)^(?P<marks>(?:[ \t]*>)+)(?:[ \t]|$)")


# a redline (track changes pasted as text): "[deleted: 41%] [inserted: 44%]", wdiff's "[-41%-] {+44%+}", CriticMarkup's
# "{--41%--}{++44%++}", Markdown's "~~41%~~": the deleted text (text.deleted_spans) is no part of what is said, the
# inserted text is
_REDLINE_INSERTED = re.compile(
    r"(?P<open>\[(?:inserted|insertion|added|new|ins)\s*:\s*)[^\[\]]{0,2000}?(?P<close>\])|"
    r"(?P<open3>\{\+\+)[^{}]{1,2000}?(?P<close3>\+\+\})|(?P<open2>\{\+)[^{}\n]{1,300}?(?P<close2>\+\})", re.I)


# a telephone number: "+1 408 555 0164", "+44 20 7946 0958", "(408) 555-0164", "1-800-555-0199", "408-555-0164"
_PHONE = re.compile(r"(?<![\w$€£.,])(?:\+\d{1,3}[ .-]\(?\d{1,4}\)?(?:[ .-]\d{2,4}){2,3}|\(\d{3}\)[ ]?\d{3}-\d{4}|"
                    r"(?:1-)?\d{3}-\d{3}-\d{4})(?![\w%])")


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        chars[i] = " "


# a line that is layout, not running prose: a table cell gap, a dot leader; and a line that opens an entry of its own:
# a bullet or number, a quote, a heading mark, a box, a "Label: " opening
_CELL_LINE = re.compile(r"[|\t]|\S {3,}\S|\.{4,}|(?: \.){3,}")
_ENTRY_LINE = re.compile(r"^\s*(?:[-*\u2022\u00b7>#]|\d{1,2}[.)]\s|\[|[A-Z][\w&.'()-]*(?: [\w&.'()-]+){0,3}:\s)")
_WRAP_WIDTH = (50, 120)  # a hard-wrapped paragraph: lines of at most ~120 characters, all but the last near the widest
_SENTENCE_MARK = re.compile(r"[.!?][\"'\u201d)]?(?:\s|$)")
_PARAGRAPH = re.compile(r"(?:[^\n]*\S[^\n]*(?:\n|$))+")


def wrap_breaks(text: str) -> list[int]:
    """The line breaks of ``text`` that hard-wrap a sentence of running prose (fixed-width e-mail, PDF text, a
    terminal: "Amazon cut about 14,000\ncorporate jobs"), which the reading text reads as spaces.

    Only a paragraph of two lines or more that punctuates sentences (unpunctuated caption lines and lists of
    names are never joined), and only between two lines of prose: no table row or dot leader on either side, and
    the next line opens no entry (bullet, number, heading, quote, "Label:"); an entry's own first line runs on
    only into a lower-case line. A break wraps when the line before runs near the paragraph's widest
    (50-120 characters) and ends on a lower-case word or comma or the next opens lower-case; or when the line
    before ends on a lower-case word or a comma and the next opens on a lower-case word."""
    out: list[int] = []
    for para in _PARAGRAPH.finditer(text):
        p0, p1 = para.start(), para.end()
        if text.count("\n", p0, p1 - 1) < 1 or not _SENTENCE_MARK.search(text, p0, p1):
            continue
        lines, pos = [], p0
        for line in text[p0:p1].rstrip("\n").split("\n"):
            lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        if len(lines) < 2:
            continue
        widths = [len(text[a:b].rstrip()) for a, b in lines]
        widest = max(widths)
        cells = [bool(_CELL_LINE.search(text[a:b])) for a, b in lines]
        entries = [bool(_ENTRY_LINE.search(text[a:b])) for a, b in lines]
        fixed = _WRAP_WIDTH[0] <= widest <= _WRAP_WIDTH[1] and not any(cells) and not any(entries)
        for i in range(len(lines) - 1):
            (a, b), w = lines[i], widths[i]
            if cells[i] or cells[i + 1] or entries[i + 1]:
                continue
            tail = text[a:b].rstrip()
            head = text[lines[i + 1][0] : lines[i + 1][1]].lstrip()
            if not tail or not head:
                continue
            words = tail.split()
            if sum(x[:1].isupper() or x[:1] == "$" for x in words) >= 0.6 * len(words):
                continue  # a headline in a list of them
            ends_open = tail[-1].islower() or tail[-1] == ","
            # an entry's first line ("48. On February 27, the stock fell $19.13 per share,\nor 6.5%, ...") runs on only
            # into a lower-case line
            if (fixed and w >= 0.75 * widest and (ends_open or head[:1].islower())) or (ends_open and head[:1].islower()):
                out.append(b)
    return out


# "4.1 per-\ncent", "4.1per-\ncent": the unit hyphenated across a typeset column's line break, after a figure
_HYPHENATED_PERCENT = re.compile(r"(?:(?<=\d )|(?<=\d))per-[ \t]*\r?\n[ \t]*cent\b")


def reading_text(text: str) -> str:
    """``text`` with layout marks that split a claim blanked out; the same length, so every offset holds.

    - Markdown emphasis around a figure or a date: "closing at **$452.04**" reads "closing at   $452.04  ".
    - E-mail quoting: the "> " marks of quoted lines (three or more), so a quoted message reads like any other.
    - SRT subtitles: every cue's number and timing line, and the line breaks inside and between cues, are blanked,
      so a sentence the captions split over cues ("Shares climbed 4%" / "today, after ...") is read whole.
    - Hard-wrapped prose: a line break that wraps a sentence (``wrap_breaks``) reads as a space, for every reader.
    - A typeset column's hyphenated unit after a figure: "4.1 per-" / "cent" reads "4.1 percent".
    - A redline: deleted text ("[deleted: 41%]", "[-41%-]", "{--41%--}", "~~41%~~") is blanked, the marks around
      inserted text ("[inserted: 44%]", "{+44%+}", "{++44%++}") too, so only the final text is read.
    - A pasted JSON dump (a news API's answer): its prose fields read as paragraphs, keys and punctuation blanked
      (``_json_reading``); its items' dates stay, so each item is dated by its own stamp.

    The claims' quotes are taken from the original text at the same offsets.
    """
    chars: Optional[list[str]] = None
    layout = json_layout(text)
    if layout is not None:
        chars = list(text)
        _json_reading(text, layout, chars)
    for m in _EMPHASIS_FIGURE.finditer(text):
        chars = chars if chars is not None else list(text)
        _blank(chars, m.start("m"), m.start("in"))
        _blank(chars, m.end("in"), m.end())
    quoted = list(_QUOTE_MARKS.finditer(text))
    if len(quoted) >= 3:
        chars = chars if chars is not None else list(text)
        for m in quoted:
            _blank(chars, m.start("marks"), m.end("marks"))
    cues = list(_SRT_CUE_HEAD.finditer(text))
    if len(cues) >= 3:
        chars = chars if chars is not None else list(text)
        for m in cues:
            _blank(chars, m.start(), m.end())
        for i in range(cues[0].start(), len(text)):
            if chars[i] in "\r\n":
                chars[i] = " "
    # the redline's deleted text (its line breaks too, so the sentence around it reads whole) and its marks, blanked
    struck: list[tuple[int, int]] = deleted_spans(text)
    for m in _REDLINE_INSERTED.finditer(text):
        struck.extend((m.start(g), m.end(g)) for g in ("open", "close", "open2", "close2", "open3", "close3") if m.start(g) >= 0)
    if struck:
        chars = chars if chars is not None else list(text)
        for a, b in struck:
            _blank(chars, a, b)
    for m in _PHONE.finditer(text):
        chars = chars if chars is not None else list(text)  # a telephone number is no figure ("+1 408 555 0164")
        _blank(chars, m.start(), m.end())
    for m in _HYPHENATED_PERCENT.finditer(text):
        # "4.1 per-\ncent": a typeset column hyphenates the unit across lines; it reads "percent", padded to length
        chars = chars if chars is not None else list(text)
        chars[m.start() : m.end()] = list("percent".ljust(m.end() - m.start()))
    if struck:
        # the wrapping is that of the final text: a blanked deletion is no gap between table cells
        gone = set()
        for a, b in struck:
            gone.update(range(a, b))
        kept = [i for i in range(len(text)) if i not in gone]
        breaks = [kept[i] for i in wrap_breaks("".join(chars[i] for i in kept))]  # type: ignore[index]
    else:
        breaks = wrap_breaks(text if chars is None else "".join(chars))
    if breaks:
        chars = chars if chars is not None else list(text)
        for i in breaks:
            chars[i] = " "  # a hard wrap reads as a space: the sentence is read whole, each figure at its own offset
    if struck:
        # an inserted piece on one line reads flush against what follows it ("{+$7.74+} billion" reads "    $7.74 billion"):
        # its closing mark would otherwise part a figure from its unit or a word from its phrase
        for _, content, shift, mark_end in _flush_insertions(text):
            chars[content:mark_end] = [" "] * shift + chars[content : mark_end - shift]  # type: ignore[index]
    return text if chars is None else "".join(chars)


def _flush_insertions(text: str) -> list[tuple[int, int, int, int]]:
    """(mark start, content start, shift, mark end) of each one-line insertion ``reading_text`` reads flush right."""
    if "+}" not in text and "]" not in text:
        return []
    out = []
    for m in _REDLINE_INSERTED.finditer(text):
        g = next(g for g in ("", "2", "3") if m.start("open" + g) >= 0)
        if "\n" in m.group(0) or "\r" in m.group(0):
            continue
        out.append((m.start(), m.end("open" + g), m.end("close" + g) - m.start("close" + g), m.end()))
    return out


def source_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of ``text`` (as written) that the reading text's [start, end) shows: a quote that begins or ends on a
    redline's inserted piece, which the reading text moved flush against what follows it, takes the whole piece with
    its marks ("{+$7.74+} billion", never ".74+} billion")."""
    for mark, content, shift, mark_end in _flush_insertions(text):
        if content + shift <= start < mark_end:
            start = mark
        if content + shift < end <= mark_end:
            end = mark_end
    return start, end
