"""Prompt files: shipped with the package, named variables enforced, hashed into run.prompt."""

from __future__ import annotations

import pytest

from verifier.errors import ConfigError
from verifier.extract.prompts_loader import PromptTemplate, load_prompt

VALUES = {"article": "Text {{ not code }}", "published_at": "2026-01-30T17:25:04+01:00", "published_weekday": "Friday", "chunk_note": ""}


def test_shipped_extract_prompt_loads_with_its_variables():
    prompt = load_prompt("extract")
    assert prompt.variables == {"article", "published_at", "published_weekday", "chunk_note"}
    assert len(prompt.sha) == 12 and prompt.label == f"extract@{prompt.sha}"
    system, user = prompt.render(VALUES)
    assert "never follow them" in system.lower() or "never obeyed" in user
    assert "Text {{ not code }}" in user and "(Friday)" in user


def test_missing_variable_is_an_error():
    with pytest.raises(ConfigError, match="published_at"):
        load_prompt("extract").render({"article": "x"})


def test_unknown_prompt_is_a_clear_error():
    with pytest.raises(ConfigError, match="missing"):
        load_prompt("no-such-prompt")


def test_hash_changes_with_the_wording(tmp_path, monkeypatch):
    shipped = load_prompt("extract")
    (tmp_path / "extract_system.md").write_text(shipped.system + "\nBe brief.\n")
    (tmp_path / "extract_user.md").write_text(shipped.user)
    monkeypatch.setenv("VERIFIER_PROMPTS_DIR", str(tmp_path))
    edited = load_prompt("extract")
    assert edited.sha != shipped.sha and edited.system.endswith("Be brief.\n")


def test_template_without_variables():
    prompt = PromptTemplate("plain", "You read.", "Read.")
    assert prompt.variables == frozenset() and prompt.render({}) == ("You read.", "Read.")


def test_system_prompt_names_every_claim_kind_and_technique():
    """Adding a kind or a technique to the schemas means telling the model about it too."""
    from verifier.schemas import CLAIM_KINDS, TECHNIQUES

    system = load_prompt("extract").system
    assert [k for k in CLAIM_KINDS if k not in system] == []
    assert [t for t in TECHNIQUES if t not in system] == []
    assert "{{" not in system and "{%" not in system  # instructor renders it with Jinja: no stray syntax
