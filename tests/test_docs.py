"""The README stays true: its set-up commands, every CLI command, and the public API."""

from __future__ import annotations

import re

import verifier
from tests.conftest import ROOT
from verifier.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def setup_commands() -> list[str]:
    section = README.split("## Set up", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_readme_opens_with_exactly_two_setup_commands():
    commands = setup_commands()
    assert len(commands) == 2
    assert "verifier check fixtures/articles/amazon-restructuring.txt" in commands[0]
    assert "pytest" in commands[1] and '".[test]"' in commands[1]
    # what the commands name exists
    for path in re.findall(r"fixtures/\S+", commands[0]):
        assert (ROOT / path).exists(), path


def test_every_cli_command_is_documented():
    import typer.main

    group = typer.main.get_command(app)
    for name in group.commands:
        assert f"verifier {name}" in README, f"README does not document 'verifier {name}'"


def test_public_api_is_sorted_and_importable():
    assert verifier.__all__ == sorted(verifier.__all__)
    for name in verifier.__all__:
        assert hasattr(verifier, name), name


def test_ci_runs_the_readme_commands():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "README.md" in ci and "## Set up" in ci
