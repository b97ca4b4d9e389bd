"""The command line contract: formats, --out, exit codes, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from verifier import __version__


@pytest.fixture
def cli(cli):
    """(exit code, stdout, stderr) of an in-process run."""

    def run(*args: str, stdin: bytes | None = None):
        result = cli(*args, stdin=stdin)
        return result.exit_code, result.stdout, result.stderr

    return run


def test_version(cli):
    code, out, _ = cli("--version")
    assert code == 0 and out.strip() == f"verifier {__version__}"


def test_check_example_text(cli, example_article, example_snapshot):
    code, out, err = cli("check", str(example_article), "--market", str(example_snapshot))
    assert code == 0, err
    assert "SUPPORTED" in out and "241.73" in out
    assert "Traceback" not in out + err


def test_check_json_contract(cli, example_article, example_snapshot):
    code, out, _ = cli("check", str(example_article), "--market", str(example_snapshot), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["schema_version"] == 1
    text = data["document"]["text"]
    for item in data["claims"] + data["flags"]:
        assert text[item["start"] : item["end"]] == item["quote"]


def test_check_markdown_to_file(cli, tmp_path, example_article, example_snapshot):
    out_file = tmp_path / "sub" / "audit.md"
    code, out, err = cli("check", str(example_article), "--market", str(example_snapshot), "--format", "md",
                         "--out", str(out_file))
    assert code == 0 and out == ""
    assert out_file.read_text().startswith("# Audit")
    assert "wrote" in err


def test_stdin(cli, example_snapshot):
    code, out, _ = cli("check", "-", "--market", "none", "--format", "json",
                       stdin=b"30.01.2026 - 17:25:04 Amazon shares closed at $241.73.")
    assert code == 0
    data = json.loads(out)
    assert data["document"]["source"] == "-"
    assert data["summary"]["no_data"] == data["summary"]["claims"]


def test_market_none_gives_no_data(cli, example_article):
    code, out, _ = cli("check", str(example_article), "--market", "none", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["claims"]
    assert {c["verdict"] for c in data["claims"]} <= {"no_data", "unverifiable"}
    assert data["run"]["market_data"] == "none"


def test_fail_on(cli, example_article, example_snapshot):
    code, _, _ = cli("check", str(example_article), "--market", str(example_snapshot), "--fail-on", "flagged",
                     "--format", "json")
    assert code == 1  # the promo example carries flags
    code, _, _ = cli("check", str(example_article), "--market", str(example_snapshot), "--fail-on", "contradicted",
                     "--format", "json")
    assert code == 0  # ...and no contradicted claim


def test_fail_on_contradicted(cli, tmp_path, example_snapshot):
    article = tmp_path / "wrong.txt"
    article.write_text("30.01.2026 - 17:25:04 Amazon shares closed at $199.00 yesterday.", encoding="utf-8")
    code, out, _ = cli("check", str(article), "--market", str(example_snapshot), "--fail-on", "contradicted",
                       "--format", "json")
    assert code == 1
    assert json.loads(out)["summary"]["contradicted"] >= 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "missing.txt"], "no such file"),
        (["check", "--market", "none", "."], "is a folder"),
        (["check", "x.txt", "--format", "pdf"], "unknown --format"),
        (["check", "x.txt", "--extractor", "magic"], "unknown --extractor"),
        (["check", "x.txt", "--fail-on", "everything"], "--fail-on"),
    ],
)
def test_bad_usage_exits_2_with_one_line(cli, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("Shares closed at $5.")
    code, out, err = cli(*args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


@pytest.mark.parametrize("content", [b"", b"  \n ", b"\x00\x01\x02\x03" * 100])
def test_empty_and_binary_input_exit_2(cli, tmp_path, content):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, _, err = cli("check", str(f), "--market", "none")
    assert code == 2 and err.startswith("error: ") and len(err.strip().splitlines()) == 1


def test_bad_snapshot_exits_2(cli, tmp_path, example_article):
    snap = tmp_path / "s.json"
    snap.write_text("{not json")
    code, _, err = cli("check", str(example_article), "--market", str(snap))
    assert code == 2 and "not valid JSON" in err
    code, _, err = cli("check", str(example_article), "--market", str(tmp_path / "absent.json"))
    assert code == 2 and "not found" in err


def test_llm_not_configured_exits_3(cli, example_article):
    code, _, err = cli("check", str(example_article), "--extractor", "llm", "--market", "none")
    assert code == 3 and "OPENAI_API_KEY" in err and len(err.strip().splitlines()) == 1


def test_bad_published_exits_2(cli, example_article):
    code, _, err = cli("check", str(example_article), "--market", "none", "--published", "yesterday-ish")
    assert code == 2 and "--published" in err or "cannot read the date" in err


def test_real_entry_point(example_article, example_snapshot):
    """The installed console script path: python -m verifier."""
    result = subprocess.run(
        [sys.executable, "-m", "verifier", "check", str(example_article), "--market", str(example_snapshot),
         "--format", "json", "--no-log"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["contradicted"] == 0


# --------------------------------------------------------------------------- usage errors are one line (issue 14)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("history", "--limit", "-5"), "greater than or equal to 0"),
        (("history", "--limit", "abc"), "valid integer"),
        (("check",), "Missing argument"),
        (("no-such-command",), "No such command"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(cli, args, words):
    code, out, err = cli(*args)
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], err
    assert "╭" not in err and "Traceback" not in err


def test_a_ticker_that_cannot_be_one_is_one_error_line(cli, example_article):
    code, out, err = cli("check", str(example_article), "--market", "none", "--ticker", "$$$;rm -rf", "--no-log")
    assert code == 2 and err.count("\n") == 1 and "not a ticker symbol" in err and out == ""


def test_help_lists_every_command_with_its_whole_first_paragraph(cli):
    code, out, _ = cli("--help")
    commands = out[out.index("Commands:"):].replace("TICKER...", "")
    assert code == 0 and "..." not in commands  # click would cut each line at 45 characters
    assert "(verifier snapshot import-csv TICKER FILE --out)." in " ".join(out.split())
    code, out, _ = cli("snapshot", "--help")
    assert code == 0 and "filed facts for TICKER... into a snapshot." in " ".join(out.split())


def test_no_arguments_print_the_help_and_exit_2(cli):
    for args in ((), ("snapshot",)):
        code, out, err = cli(*args)
        assert code == 2 and out.startswith("Usage: ") and "Commands:" in out and err == ""


def test_bad_option_values_are_one_error_line(cli, tmp_path):
    """typer's coercion, built on the first value (cli_typer.defer_coercion), words the errors."""
    code, _, err = cli("history", "--limit", "x")
    assert code == 2 and err.count("\n") == 1
    assert "Invalid value for '--limit' / '-n'" in err and "valid integer" in err
    code, _, err = cli("history", "--limit", "-1")
    assert code == 2 and "greater than or equal to 0" in err
    code, _, err = cli("batch", str(tmp_path), "--out", str(tmp_path / "o"), "--jobs", "65")
    assert code == 2 and "less than or equal to 64" in err
    code, _, err = cli("serve", "--timeout", "soon")
    assert code == 2 and "valid number" in err


def test_help_shows_no_bool_metavars_on_flags(cli):
    code, out, _ = cli("check", "--help")
    assert code == 0 and "--no-log" in out and "<bool>" not in out


def test_a_symlink_loop_is_not_reported_as_a_missing_file(cli, tmp_path):
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    code, _, err = cli("check", str(tmp_path / "a.txt"), "--no-log")
    assert code == 2 and "symbolic link loop" in err and "no such file" not in err


def test_the_pronoun_sentence_exits_0(cli):
    code, out, err = cli("check", "-", "--market", "none", "--no-log", stdin=b"Intel sold 5 chips. It fell 3%.")
    assert code == 0, err
    assert "price_change" in out

def test_check_explain_adds_run_notes_for_figures_not_made_claims(cli, tmp_path):
    article = tmp_path / "box.txt"
    article.write_text("Tesla\n| Volume | 88.1M |\n| Prior close | $402.10 |\nTesla said revenue grew 8% and the board met.\n")
    plain = json.loads(cli("check", str(article), "--extractor", "rules", "--market", "none", "--no-log", "--format", "json")[1])
    explained = json.loads(
        cli("check", str(article), "--extractor", "rules", "--market", "none", "--no-log", "--format", "json", "--explain")[1]
    )
    assert explained["schema_version"] == 1
    assert [c["quote"] for c in explained["claims"]] == [c["quote"] for c in plain["claims"]]
    extra = [n for n in explained["run"]["notes"] if n not in plain["run"]["notes"]]
    assert any("Volume" in n and "statistic" in n for n in extra)
    assert any("'8%'" in n for n in extra)


# --- only the command asked for is built (issue 13, stop 23)


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--help"],
        ["snapshot", "--help"],
        ["eval", "--help"],
        ["history", "--limit", "abc"],
        ["check"],
        ["check", "invented-missing-article.txt", "--format", "nope"],
        ["check", "--no-such-option"],
    ],
)
def test_building_only_the_command_asked_for_changes_no_output(cli, monkeypatch, args):
    from verifier import cli as cli_module

    alone = cli(*args)
    monkeypatch.setattr(cli_module, "_command_named", lambda _args: ([], []))  # every command built, as typer does
    assert cli(*args) == alone


def test_the_command_asked_for_is_the_only_one_built_and_the_registry_is_restored(cli, example_snapshot, tmp_path):
    from verifier import cli as cli_module

    commands, groups = cli_module._command_named(["check", "x.txt", "--format", "json"])
    assert [c.callback.__name__ for c in commands] == ["check"] and groups == []
    commands, groups = cli_module._command_named(["snapshot", "record"])
    assert commands == [] and [g.name for g in groups] == ["snapshot"]
    for args in (["--version"], [], ["no-such-command"], ["--help", "check"]):
        assert cli_module._command_named(args) == ([], [])
    before = list(cli_module.app.registered_commands), list(cli_module.app.registered_groups)
    article = tmp_path / "invented.txt"
    article.write_text("Published: 2026-01-30\n\nAmazon shares closed at $241.73 on Thursday, a trader said.\n")
    code, out, _ = cli("check", str(article), "--extractor", "rules", "--market", str(example_snapshot), "--format", "json", "--no-log")
    assert code == 0 and json.loads(out)["claims"][0]["fields"]["price"] == 241.73
    assert (list(cli_module.app.registered_commands), list(cli_module.app.registered_groups)) == before
    code, out, _ = cli("history", "--limit", "1")  # another command in the same process: all still registered
    assert code == 0
