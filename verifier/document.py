"""Loading an article: text, Markdown or HTML from a file, stdin or a string.

HTML is reduced to its visible text (scripts, styles and hidden parts dropped, block elements on
their own lines); every offset in a report refers to that text, which the report carries. A single news
item pasted as raw XML (RSS, Atom, NewsML-G2) is dated by its own date element.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from verifier import recache as re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from .dates import date_tag_time
from .errors import InputError

MAX_BYTES = 64 * 1024 * 1024  # beyond this an article is not an article


@dataclass
class SourceDocument:
    text: str
    source: str
    title: Optional[str] = None
    published_at: Optional[dt.datetime] = None
    published_at_source: Optional[str] = None  # header | flag | caller
    published_at_precision: Optional[str] = None  # "time", or "date" when only the day is known

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "hr", "title", "aside", "figure",
    "figcaption", "dt", "dd", "main", "nav",
}
_CELLS = {"td", "th"}  # table cells keep a separator so "Previous close | $182.40" stays two cells
_CELL_SEPARATOR = " | "
_SKIP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object"}
_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"}


@lru_cache(maxsize=1)
def _text_extractor() -> type:
    """The HTML reader class, defined on first use: html.parser is imported only for an HTML article."""
    from html.parser import HTMLParser

    class _TextExtractor(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.title_parts: list[str] = []
            self._skip_depth = 0
            self._in_title = False
            self._stack: list[str] = []
            self._open: dict[str, int] = {}  # tag -> count in _stack: membership in O(1), not a scan of the stack

        def handle_starttag(self, tag: str, attrs: list[tuple[str, Optional[str]]]) -> None:
            tag = tag.lower()
            hidden = any(k == "hidden" or (k == "style" and v and re.search(r"display\s*:\s*none", v)) for k, v in attrs)
            if tag == "title":
                self._in_title = True
            if tag in _VOID:
                if tag in _BLOCK:
                    self.parts.append("\n")
                return
            self._open[tag] = self._open.get(tag, 0) + 1
            if tag in _SKIP or hidden or self._skip_depth:
                self._skip_depth += 1
                self._stack.append(tag)
                return
            self._stack.append(tag)
            if tag in _BLOCK:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            tag = tag.lower()
            if tag == "title":
                self._in_title = False
            if tag in _VOID or not self._open.get(tag):
                return
            # pop to the matching tag (tolerates unclosed children)
            while self._stack:
                top = self._stack.pop()
                self._open[top] -= 1
                if self._skip_depth:
                    self._skip_depth -= 1
                if top == tag:
                    break
            if tag in _BLOCK and not self._skip_depth:
                self.parts.append("\n")
            elif tag in _CELLS and not self._skip_depth:
                self.parts.append(_CELL_SEPARATOR)

        def handle_data(self, data: str) -> None:
            if self._in_title:
                self.title_parts.append(data)
                return
            if not self._skip_depth:
                self.parts.append(data)

    return _TextExtractor


def html_to_text(markup: str) -> tuple[str, Optional[str]]:
    """Visible text of an HTML page and its <title>."""
    import html

    parser = _text_extractor()()
    try:
        parser.feed(markup)
        parser.close()
    except (AssertionError, RecursionError) as exc:  # pragma: no cover - html.parser is forgiving
        raise InputError(f"could not parse the HTML ({exc}); save the article as plain text and retry") from None
    raw = "".join(parser.parts)
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    lines = [line[:-1].rstrip() if line == "|" or line.endswith(" |") else line for line in lines]  # the last cell's separator
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = html.unescape(" ".join("".join(parser.title_parts).split())) or None
    return text, title


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith("<!doctype html") or head.startswith("<html") or bool(
        re.search(r"<(p|div|body|article|h1|span|br)\b[^>]*>", head)
    )


def decode(raw: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (or UTF-16 with a BOM), else cp1252 for legacy files; binary is refused."""
    if not raw.strip():
        raise InputError(f"{source} is empty; give an article with some text")
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source} has a UTF-16 mark but is not UTF-16; save it as UTF-8") from None
    elif b"\x00" in raw[:8192]:
        raise InputError(f"{source} looks binary (it contains NUL bytes); give a .txt, .md or .html article")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")  # legacy Windows text, not UTF-8
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > len(sample) * 0.01:
        raise InputError(f"{source} is not text (it is full of control bytes); give a .txt, .md or .html article")
    if not text.strip():
        raise InputError(f"{source} is empty; give an article with some text")
    return text


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # cannot be written as UTF-8: becomes U+FFFD


def _normalise(text: str) -> str:
    text = _LONE_SURROGATE.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise InputError("the article has no text; give an article with some text")
    return text


_MARKER_LINE = re.compile(r"^(ad|advertisement|anzeige|sponsored|werbung|promoted|paid post|[-=_*#\s]*)$", re.I)


def guess_title(text: str) -> Optional[str]:
    """The first substantial line of a plain-text article, skipping ad markers and rules."""
    for line in text.split("\n")[:10]:
        line = line.strip().lstrip("#").strip()
        if not line or _MARKER_LINE.match(line):
            continue
        return line[:200] if len(line) <= 200 else None
    return None


# a news item pasted as raw XML: an RSS <item>, an Atom <entry>, a NewsML-G2 <newsItem>
_XML_START = re.compile(r"\A\s*(?:<\?xml\b[^>]*>\s*|<!--[\s\S]{0,500}?-->\s*)*<(?:rss|feed|newsItem|newsMessage|item|entry|rdf:RDF)\b", re.I)
_XML_ITEM = re.compile(r"<(?:item|entry|newsItem)\b[^>]*>", re.I)


def xml_item_time(text: str) -> Optional[dt.datetime]:
    """The publication time of a single news item pasted as raw XML, from its own date element (``<pubDate>``,
    ``<published>``, ``<versionCreated>`` ...); None for any other text, a feed of several items, or a date
    without a time zone."""
    if not _XML_START.match(text):
        return None
    items = list(_XML_ITEM.finditer(text))
    if len(items) != 1:
        return None
    found = date_tag_time(text, items[0].start())
    return found.value if found is not None and found.precision == "time" and found.value.tzinfo is not None else None


def document_from_text(
    text: str, source: str = "<text>", *, html_input: Optional[bool] = None, title: Optional[str] = None
) -> SourceDocument:
    """Build a document from a string (HTML detected unless ``html_input`` says otherwise)."""
    if not isinstance(text, str):
        raise InputError("the article must be a string of text")
    text = _normalise(text)
    item_time = xml_item_time(text)  # read on the markup, before any HTML inside it is reduced
    if html_input or (html_input is None and looks_like_html(text)):
        text, html_title = html_to_text(text)
        title = title or html_title
        if not text.strip():
            raise InputError(f"{source} has no visible text; give an article with some text")
    if title is None:
        title = guess_title(text)
    if item_time is not None:
        return SourceDocument(text=text, source=source, title=title, published_at=item_time, published_at_source="header",
                              published_at_precision="time")
    return SourceDocument(text=text, source=source, title=title)


def load_document(path: str) -> SourceDocument:
    """Read an article from a path or '-' (stdin). Raises InputError with a fix for bad input."""
    if path == "-":
        raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        source = "-"
    else:
        p = Path(path)
        if not p.exists():
            if p.is_symlink():  # a link whose target is missing, or a loop of links
                try:
                    p.resolve(strict=True)
                    problem = "a broken symbolic link"
                except RuntimeError:
                    problem = "a symbolic link loop"
                except OSError as exc:
                    problem = "a symbolic link loop" if exc.errno == 40 else "a broken symbolic link"
                raise InputError(f"{path} is {problem}; point it at an article file or give the file itself")
            raise InputError(f"no such file: {path}; check the path, or use - to read from stdin")
        if p.is_dir():
            raise InputError(f"{path} is a folder; give one article file (or use 'verifier batch' for a folder)")
        try:
            with p.open("rb") as fh:
                raw = fh.read(MAX_BYTES + 1)
        except OSError as exc:
            raise InputError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
        source = path
    if len(raw) > MAX_BYTES:
        raise InputError(f"{source} is larger than {MAX_BYTES // (1024 * 1024)} MB; split it into articles")
    text = decode(raw, source)
    is_html = path.lower().endswith((".html", ".htm")) or looks_like_html(text)
    return document_from_text(text, source, html_input=is_html)
