"""Loading articles: formats, HTML reduction, and every kind of bad input."""

from __future__ import annotations

import io
import sys

import pytest

from verifier.document import decode, document_from_text, html_to_text, load_document, looks_like_html
from verifier.errors import InputError


def test_text_file_loads_with_title(example_article):
    doc = load_document(str(example_article))
    assert doc.text.startswith("Ad\nAmazon stock")
    assert len(doc.sha256) == 64


def test_html_is_reduced_to_visible_text(tmp_path):
    page = tmp_path / "a.html"
    page.write_text(
        "<html><head><title>Amazon &amp; jobs</title><style>p{color:red}</style>"
        "<script>var x = '$999';</script></head><body><h1>Headline</h1>"
        "<p>Shares closed at <b>$241.73</b>.</p><div hidden>secret $1</div>"
        "<p style='display: none'>also hidden</p><ul><li>one</li><li>two</li></ul></body></html>",
        encoding="utf-8",
    )
    doc = load_document(str(page))
    assert doc.title == "Amazon & jobs"
    assert "Shares closed at $241.73." in doc.text
    assert "$999" not in doc.text and "secret" not in doc.text and "also hidden" not in doc.text
    assert "Headline\n" in doc.text and "one\n" in doc.text


def test_html_entities_and_nbsp_are_normalised():
    text, _ = html_to_text("<p>Price:&nbsp;$10&#46;50 &lt;b&gt;</p>")
    assert text == "Price: $10.50 <b>"


def test_markdown_is_kept_as_text(tmp_path):
    md = tmp_path / "a.md"
    md.write_text("# Title\n\nShares rose 3% to $10.", encoding="utf-8")
    doc = load_document(str(md))
    assert doc.text.startswith("# Title")


def test_looks_like_html():
    assert looks_like_html("<!DOCTYPE html><html>")
    assert looks_like_html("<p>hello</p>")
    assert not looks_like_html("Shares < $10 and > $5")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "is empty"),
        (b"   \n\t  ", "is empty"),
        (b"\x00\x01\x02binary\x00", "looks binary"),
        (bytes(range(1, 32)) * 50, "not text"),
    ],
)
def test_bad_files_raise_input_error(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_document(str(f))


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_document(str(tmp_path / "nope.txt"))
    with pytest.raises(InputError, match="is a folder"):
        load_document(str(tmp_path))


def test_legacy_encoding_is_read():
    assert decode("Café €5".encode("cp1252"), "x") == "Café €5"


def test_utf16_with_bom_is_read():
    assert decode("Shares at $5".encode("utf-16"), "x") == "Shares at $5"


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Shares closed at $5.")))
    doc = load_document("-")
    assert doc.source == "-" and doc.text == "Shares closed at $5."


def test_crlf_is_normalised():
    doc = document_from_text("a\r\nb\rc")
    assert doc.text == "a\nb\nc"


def test_html_with_only_markup_is_empty():
    with pytest.raises(InputError, match="no visible text"):
        document_from_text("<html><script>x</script></html>")


def test_title_skips_ad_marker_lines(example_article):
    assert load_document(str(example_article)).title.startswith("Amazon stock: Job cuts")
    assert document_from_text("Anzeige\n\n# Big news\nbody").title == "Big news"


def test_a_feed_item_pasted_as_xml_is_dated_by_its_own_date_element():
    import datetime as dt

    rss = ('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Desk</title>\n'
           "<lastBuildDate>Mon, 09 Mar 2026 06:00:00 GMT</lastBuildDate>\n<item>\n<title>Halden slides 4%</title>\n"
           "<pubDate>Tue, 10 Mar 2026 16:20:00 -0400</pubDate>\n"
           "<description>&lt;p&gt;Halden shares fell 4% on Tuesday.&lt;/p&gt;</description>\n</item></channel></rss>\n")
    doc = document_from_text(rss)
    assert doc.published_at == dt.datetime(2026, 3, 10, 16, 20, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
    assert doc.published_at_source == "header" and doc.published_at_precision == "time"
    newsml = ('<newsItem guid="x" xmlns="http://iptc.org/std/nar/2006-10-01/">\n<itemMeta>'
              "<versionCreated>2026-03-10T20:20:00Z</versionCreated></itemMeta>\n"
              "<contentSet><inlineXML><p>Halden shares fell 4% on Tuesday.</p></inlineXML></contentSet></newsItem>\n")
    doc = document_from_text(newsml)
    assert doc.published_at == dt.datetime(2026, 3, 10, 20, 20, tzinfo=dt.timezone.utc)
    # a feed of several items has no one date; prose that mentions a tag has none either
    two = rss.replace("</item>", "</item><item><pubDate>Wed, 11 Mar 2026 09:00:00 -0400</pubDate></item>")
    assert document_from_text(two).published_at is None
    assert document_from_text("Halden's <pubDate> tag read Tue, 10 Mar 2026 16:20:00 -0400.").published_at is None
