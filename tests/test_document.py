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
