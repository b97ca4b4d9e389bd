"""Bad input through the CLI, the library and the batch: a clear error or an honest report.

Never a traceback, never a hang. The CLI runs in a subprocess with a timeout, exactly as a user
runs it; the library is called in-process. Large inputs (a 50 MB file, 100,000 nested <div>s,
an article of 5,000 claims) are generated in a temporary folder, never committed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from verifier.errors import InputError, VerifierError
from verifier.pipeline import verify
from verifier.report import render
from verifier.schemas import Report

ROOT = Path(__file__).resolve().parent.parent
ADVERSARIAL = ROOT / "fixtures" / "adversarial"
SNAPSHOT = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
EXAMPLE = ROOT / "fixtures" / "articles" / "amazon-restructuring.txt"

CLI_TIMEOUT = 60  # seconds; a run that takes longer counts as a hang


def run_cli(*args: str, stdin: bytes | None = None, timeout: float = CLI_TIMEOUT) -> subprocess.CompletedProcess:
    """`verifier ARGS` in a fresh interpreter (env already isolated by conftest), killed after ``timeout``."""
    try:
        return subprocess.run(
            [sys.executable, "-m", "verifier", *args],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "NO_COLOR": "1"},
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"verifier {' '.join(args)} hung for more than {timeout}s")


def check_args(path: str) -> list[str]:
    return ["check", path, "--extractor", "rules", "--market", str(SNAPSHOT), "--format", "json", "--no-log"]


def assert_clear_error(proc: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 2, one line on stderr that starts with 'error:' and names the problem; nothing on stdout."""
    err = proc.stderr.decode("utf-8", "replace").strip()
    assert "Traceback" not in err, err
    assert proc.returncode == 2, (proc.returncode, err)
    assert err.startswith("error: ") and "\n" not in err, err
    assert proc.stdout == b""
    for word in words:
        assert word.lower() in err.lower(), err
    return err


def assert_honest_report(proc: subprocess.CompletedProcess) -> Report:
    """Exit 0 and a JSON report whose offsets, counts and verdicts are consistent."""
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    assert proc.returncode == 0, (proc.returncode, err)
    report = Report.from_json(proc.stdout)  # validates text[start:end] == quote for every item
    assert_consistent(report)
    return report


def assert_consistent(report: Report) -> None:
    text = report.document.text
    for item in [*report.claims, *report.flags]:
        assert text[item.start : item.end] == item.quote
    s = report.summary
    assert s.claims == len(report.claims) == s.supported + s.contradicted + s.unverifiable + s.no_data
    assert s.flags == len(report.flags)
    for claim in report.claims:
        assert claim.reason, f"claim {claim.id} has a verdict without a reason"
        if claim.verdict in ("supported", "contradicted"):
            assert claim.evidence, f"{claim.verdict} claim {claim.id} cites no evidence"


# --------------------------------------------------------------------------- generated inputs


def five_thousand_claims(count: int = 5000) -> str:
    """A ``count``-sentence article, each sentence one checkable claim, with varied numbers."""
    templates = (
        "Amazon shares closed at ${p:.2f} on January 29, 2026.",
        "Roth Capital raised its price target for Amazon to ${t} from ${f}.",
        "Amazon stock rose {pc:.1f}% on Tuesday.",
        "Amazon cut about {n:,} jobs this week.",
        "Amazon will publish its quarterly earnings on February {d}, 2026.",
    )
    sentences = []
    for i in range(count):
        tpl = templates[i % len(templates)]
        sentences.append(
            tpl.format(p=200 + (i % 97) * 0.5, t=250 + i % 90, f=200 + i % 30, pc=1 + (i % 90) / 10, n=1000 + i, d=1 + i % 27)
        )
    paragraphs = [" ".join(sentences[k : k + 5]) for k in range(0, len(sentences), 5)]
    return "Amazon: five thousand claims\n30.01.2026 - 17:25:04\n\n" + "\n\n".join(paragraphs) + "\n"


def nested_html(depth: int = 100_000) -> str:
    inner = "<p>Amazon shares closed at $241.73 on Thursday, January 29, 2026.</p>"
    return "<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>"


def write_big_file(path: Path, megabytes: int = 50) -> None:
    """About ``megabytes`` MB of repeated article text, written in chunks."""
    chunk = (EXAMPLE.read_text(encoding="utf-8") + "\n\n").encode("utf-8") * 256
    target = megabytes * 1024 * 1024
    with path.open("wb") as fh:
        written = 0
        while written < target:
            fh.write(chunk)
            written += len(chunk)


# --------------------------------------------------------------------------- CLI: refused inputs


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", ("empty",)),
        (b"   \n\t\r\n   \n", ("empty",)),
        ((ADVERSARIAL / "binary.bin").read_bytes(), ("binary",)),
        (b"\x00" * 4096, ("binary",)),
        (bytes(range(1, 32)) * 200, ("not text",)),
    ],
    ids=["empty", "whitespace", "png-like", "nul-bytes", "control-bytes"],
)
def test_cli_refuses_unreadable_files_with_one_line(tmp_path, content, words):
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    assert_clear_error(run_cli(*check_args(str(path))), *words)


@pytest.mark.parametrize("content", [b"", b"  \n\n ", (ADVERSARIAL / "binary.bin").read_bytes()], ids=["empty", "ws", "binary"])
def test_cli_refuses_bad_stdin_with_one_line(content):
    assert_clear_error(run_cli(*check_args("-"), stdin=content))


def test_cli_refuses_a_folder_and_a_missing_file(tmp_path):
    assert_clear_error(run_cli(*check_args(str(tmp_path))), "folder")
    assert_clear_error(run_cli(*check_args(str(tmp_path / "nope.txt"))), "no such file")


def test_cli_refuses_an_impossible_published_date():
    err = assert_clear_error(run_cli(*check_args(str(EXAMPLE)), "--published", "31.02.2026"))
    assert "31.02.2026" in err and "ISO 8601" in err


def test_cli_50_megabyte_file_is_refused_or_reported_without_hanging(tmp_path):
    big = tmp_path / "big.txt"
    write_big_file(big, 50)
    assert big.stat().st_size >= 50 * 1024 * 1024
    proc = run_cli(*check_args(str(big)))
    if proc.returncode == 2:
        assert_clear_error(proc, "MB")
    else:
        assert_honest_report(proc)


# --------------------------------------------------------------------------- CLI: honest reports


def test_cli_invalid_utf8_gives_an_honest_report():
    report = assert_honest_report(run_cli(*check_args(str(ADVERSARIAL / "invalid-utf8.txt"))))
    assert "Amazon shares closed at $241.73" in report.document.text
    assert "Caf" in report.document.text  # the legacy bytes were decoded, not dropped with the line


def test_cli_deeply_nested_html_gives_an_honest_report(tmp_path):
    page = tmp_path / "nested.html"
    page.write_text(nested_html(), encoding="utf-8")
    report = assert_honest_report(run_cli(*check_args(str(page))))
    assert report.document.text.strip() == "Amazon shares closed at $241.73 on Thursday, January 29, 2026."
    prices = [c for c in report.claims if c.kind == "stock_price"]
    assert prices and prices[0].fields.price == pytest.approx(241.73)
    assert prices[0].verdict == "supported"


def test_cli_unbalanced_html_tags_do_not_hang(tmp_path):
    # 50,000 opened tags of different names and 50,000 closing tags that were never opened:
    # a naive stack search is quadratic here.
    page = tmp_path / "unbalanced.html"
    body = "<span><b><i><u><em>" * 10_000 + "Amazon shares closed at $241.73 on Thursday, January 29, 2026." + "</p></li>" * 25_000
    page.write_text("<html><body>" + body + "</body></html>", encoding="utf-8")
    assert_honest_report(run_cli(*check_args(str(page))))


def test_cli_article_of_5000_claims_is_reported_in_full(tmp_path):
    path = tmp_path / "many.txt"
    path.write_text(five_thousand_claims(), encoding="utf-8")
    report = assert_honest_report(run_cli(*check_args(str(path))))
    kinds = {c.kind for c in report.claims}
    assert {"stock_price", "analyst_rating", "price_change", "workforce", "scheduled_event"} <= kinds
    assert len(report.claims) >= 4000, f"only {len(report.claims)} of 5,000 claims reported"
    # each claim is its own span: repeated wording never collapses onto one occurrence
    assert len({(c.start, c.end) for c in report.claims}) == len(report.claims)
    assert report.summary.contradicted > 0 and report.summary.supported > 0


@pytest.mark.parametrize("name", ["non-english-chinese.txt", "non-english-russian.txt", "non-english-arabic.txt"])
def test_cli_non_english_text_gives_an_honest_report(name):
    path = ADVERSARIAL / name
    report = assert_honest_report(run_cli(*check_args(str(path))))
    assert report.document.text == path.read_text(encoding="utf-8")
    for claim in report.claims:  # whatever is read must be read right, or not at all
        if claim.kind == "stock_price":
            assert claim.fields.price == pytest.approx(241.73), claim
            assert claim.verdict == "supported"


def test_cli_impossible_header_date_is_not_guessed():
    report = assert_honest_report(run_cli(*check_args(str(ADVERSARIAL / "invalid-date-header.txt"))))
    assert report.document.published_at is None
    assert any("publication time" in note for note in report.run.notes)
    rolled_over = {dt.date(2026, 3, 1), dt.date(2026, 3, 2), dt.date(2026, 3, 3)}
    for claim in report.claims:
        assert getattr(claim.fields, "date", None) not in rolled_over, f"31.02/30.02 rolled over into March: {claim}"


def test_cli_text_format_survives_odd_unicode(tmp_path):
    path = tmp_path / "odd.txt"
    path.write_text(
        "30.01.2026 - 17:25:04\n\u202eAmazon\u202c shares were in a slight decline to $241.73 on Friday.\u200b "
        "\U0001F680\U0001F680 Emoji \ufeff and \x0b vertical tab.\n",
        encoding="utf-8",
    )
    proc = run_cli("check", str(path), "--extractor", "rules", "--market", str(SNAPSHOT), "--no-log")
    assert proc.returncode == 0, proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()
    assert b"241.73" in proc.stdout


# --------------------------------------------------------------------------- library


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t", "\r\n\r\n"], ids=["empty", "spaces", "newlines", "crlf"])
def test_library_refuses_empty_text_with_input_error(text):
    with pytest.raises(InputError) as info:
        verify(text, extractor="rules", market=str(SNAPSHOT))
    assert "text" in str(info.value)


def test_library_refuses_bytes_and_other_types():
    for bad in (b"Amazon shares closed at $241.73", 42, None):
        with pytest.raises(VerifierError):
            verify(bad, extractor="rules", market=str(SNAPSHOT))  # type: ignore[arg-type]


def test_library_binary_path_raises_input_error():
    with pytest.raises(InputError, match="binary"):
        verify(ADVERSARIAL / "binary.bin", extractor="rules", market=str(SNAPSHOT))


def test_library_html_with_only_hidden_text_is_refused():
    with pytest.raises(InputError, match="no visible text"):
        verify("<html><body><script>var price = '$241.73';</script><div hidden>x</div></body></html>", extractor="rules", market="none")


@pytest.mark.parametrize(
    "name", ["non-english-chinese.txt", "non-english-russian.txt", "non-english-arabic.txt", "invalid-date-header.txt"]
)
def test_library_odd_articles_give_consistent_reports_in_every_format(name):
    report = verify(ADVERSARIAL / name, extractor="rules", market=str(SNAPSHOT))
    assert_consistent(report)
    assert Report.from_json(report.to_json()) == report
    for fmt in ("text", "md", "json"):
        assert render(report, fmt).strip()


def test_library_nested_html_and_many_claims(tmp_path):
    report = verify(nested_html(20_000), extractor="rules", market=str(SNAPSHOT), published_at="2026-01-30T17:25:04+01:00")
    assert_consistent(report)
    assert [c.verdict for c in report.claims if c.kind == "stock_price"] == ["supported"]
    many = verify(five_thousand_claims(1000), extractor="rules", market="none")
    assert_consistent(many)
    assert all(c.verdict in ("no_data", "unverifiable") for c in many.claims)  # no market data: never a guess


def test_library_lone_surrogates_become_replacement_characters():
    # a lone surrogate (from a broken decoder upstream) cannot be written as UTF-8
    text = "30.01.2026 - 17:25:04 Amazon shares were in a slight decline to $241.73 on Friday. \ud800 tail"
    report = verify(text, extractor="rules", market=str(SNAPSHOT))
    assert_consistent(report)
    assert "\ufffd tail" in report.document.text
    assert [c.verdict for c in report.claims if c.kind == "stock_price"] == ["supported"]
    json.loads(report.to_json())


# --------------------------------------------------------------------------- batch


def _batch(input_path: Path, out: Path, *extra: str) -> tuple[subprocess.CompletedProcess, dict[str, dict]]:
    proc = run_cli("batch", str(input_path), "--out", str(out), "--extractor", "rules", "--market", str(SNAPSHOT),
                   "--no-log", "--jobs", "2", *extra)
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    lines = [json.loads(line) for line in (out / "summary.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return proc, {line["id"]: line for line in lines}


def test_batch_folder_of_bad_files_reports_each_and_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.md").write_bytes(b"  \n\t\n")
    (folder / "binary.txt").write_bytes((ADVERSARIAL / "binary.bin").read_bytes())
    (folder / "latin1.txt").write_bytes((ADVERSARIAL / "invalid-utf8.txt").read_bytes())
    (folder / "nested.html").write_text(nested_html(20_000), encoding="utf-8")
    (folder / "chinese.txt").write_text((ADVERSARIAL / "non-english-chinese.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "bad-date.txt").write_text((ADVERSARIAL / "invalid-date-header.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "good.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    proc, summary = _batch(folder, tmp_path / "out")
    assert proc.returncode == 3  # some articles failed
    assert set(summary) == {"empty", "blank", "binary", "latin1", "nested", "chinese", "bad-date", "good"}
    for bad in ("empty", "blank", "binary"):
        assert summary[bad]["status"] == "error" and summary[bad]["error"], summary[bad]
        assert not (tmp_path / "out" / f"{bad}.json").exists()
    for good in ("latin1", "nested", "chinese", "bad-date", "good"):
        assert summary[good]["status"] == "ok", summary[good]
        assert_consistent(Report.from_json((tmp_path / "out" / f"{good}.json").read_text(encoding="utf-8")))
    stderr = proc.stderr.decode()
    assert "empty" in stderr and "binary" in stderr  # the failures are named, with their reasons


def test_batch_jsonl_with_bad_lines_reports_each_and_goes_on(tmp_path):
    example = EXAMPLE.read_text(encoding="utf-8")
    lines = [
        json.dumps({"id": "good", "text": example}),
        "{not json at all",
        json.dumps(["a", "list"]),
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "blank-text", "text": "   "}),
        json.dumps({"id": "number-text", "text": 42}),
        json.dumps({"id": "bad-published", "text": example, "published_at": "31.02.2026"}),
        json.dumps({"id": "good", "text": example}),  # a repeated id
        json.dumps({"id": "../../etc/passwd", "text": example}),  # an id that is a path
        json.dumps({"id": "many", "text": five_thousand_claims(500)}),
        "\x00\x01\x02",
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    proc, summary = _batch(source, out)
    assert proc.returncode == 3
    ok = {k for k, v in summary.items() if v["status"] == "ok"}
    errors = {k: v["error"] for k, v in summary.items() if v["status"] == "error"}
    assert "good" in ok and "many" in ok and len(ok) == 3  # good, many, the path-like id
    assert "bad-published" in errors and "31.02.2026" in errors["bad-published"]
    assert len(errors) == len(lines) - 3
    # no file escaped the output folder
    assert all(p.resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
    assert not (tmp_path / "etc").exists()


def test_batch_of_nothing_is_a_clear_message(tmp_path):
    empty = tmp_path / "none"
    empty.mkdir()
    proc = run_cli("batch", str(empty), "--out", str(tmp_path / "out"), "--extractor", "rules", "--market", str(SNAPSHOT), "--no-log")
    err = proc.stderr.decode()
    assert "Traceback" not in err and proc.returncode == 0, err
    assert "0 articles" in err
    assert_clear_error(
        run_cli("batch", str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "--market", "none", "--no-log"),
        "not found",
    )
