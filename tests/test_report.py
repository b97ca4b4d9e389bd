"""Text and Markdown renderings carry what a reader needs, and every format is registered once."""

from __future__ import annotations

import pytest

from tests.test_schemas import make_report
from verifier.errors import ConfigError
from verifier.report import FORMATS, render
from verifier.report.text import render_text


def test_formats_registered():
    assert {"text", "json", "md", "html"} <= set(FORMATS)
    with pytest.raises(ConfigError, match="unknown format"):
        render(make_report(), "pdf")


def test_the_old_report_methods_still_render_but_warn():
    """README-documented ``Report.to_markdown``/``to_html`` stay as thin wrappers over ``render``."""
    report = make_report()
    with pytest.warns(DeprecationWarning, match=r"render\(report, 'md'\)"):
        assert report.to_markdown() == render(report, "md")
    with pytest.warns(DeprecationWarning, match=r"render\(report, 'html'\)"):
        assert report.to_html() == render(report, "html")
    assert not hasattr(report, "to_text") and not hasattr(report, "render")  # never documented: gone
    assert render(report, "json") == report.to_json() + "\n"  # to_json is the data's own serialisation


def test_markdown_lists_claims_flags_and_run():
    md = render(make_report(), "md")
    assert md.startswith("# Audit")
    assert "| c1 | stock_price |" in md and "**SUPPORTED**" in md
    assert "urgency" in md and "Market data: `none`" in md


def test_markdown_escapes_pipes():
    report = make_report()
    report.claims[0].reason = "a | b"
    assert "a \\| b" in render(report, "md")


def test_text_has_no_ansi_when_not_coloured():
    out = render_text(make_report(), color=False)
    assert "\x1b[" not in out
    assert "SUPPORTED" in out and "closed at $241.73" in out


def test_text_coloured_for_terminals():
    assert "\x1b[" in render_text(make_report(), color=True)


def test_json_ends_with_newline():
    assert render(make_report(), "json").endswith("}\n")


def test_markdown_evidence_values_read_as_in_the_text_report():
    from pathlib import Path

    from verifier import verify

    root = Path(__file__).resolve().parent.parent
    report = verify(root / "fixtures" / "articles" / "amazon-restructuring.txt", extractor="rules",
                    market=str(root / "fixtures" / "market" / "amzn-2026-01.json"))
    md = render(report, "md")
    assert "= 50 bn" in md and "50000000000.0" not in md
    assert "action 'main'" not in md and "maintained" in md


def _firm_report():  # noqa: ANN202
    from verifier.schemas import CheckedClaim

    claim = CheckedClaim(
        id="c1", quote="closed at $241.73", start=7, end=24, company="Amazon", ticker="AMZN",
        fields={"kind": "analyst_rating", "firm": "Truist", "firm_as_written": "SunTrust Robinson Humphrey", "price_target": 150},
        verdict="unverifiable", reason="no record",
    )
    return make_report(claims=[claim], flags=[])


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_a_firm_written_otherwise_is_shown_beside_its_canonical_name(fmt):
    out = render(_firm_report(), fmt)
    assert "Truist (as written: SunTrust Robinson Humphrey)" in out
    assert "firm_as_written" not in out and "firm as written" not in out


def test_the_written_firm_name_is_an_optional_json_field():
    import json

    report = _firm_report()
    assert json.loads(report.to_json())["claims"][0]["fields"]["firm_as_written"] == "SunTrust Robinson Humphrey"
    plain = make_report()
    assert "firm_as_written" not in plain.to_json() or json.loads(plain.to_json())["claims"][0]["kind"] != "analyst_rating"
