"""verifier.data.read_text: the shipped tables, read from the package folder (issue 13, stop 23)."""

from __future__ import annotations

from importlib import resources

import pytest

from verifier import data


@pytest.mark.parametrize("name", ["companies.json", "firms.json", "promo_lexicon.json", "promo_triggers.json", "sessions.json"])
def test_read_text_is_what_importlib_resources_reads(name):
    assert data.read_text(name) == resources.files("verifier.data").joinpath(name).read_text(encoding="utf-8")


def test_a_folder_without_the_file_falls_back_to_importlib_resources(tmp_path, monkeypatch):
    monkeypatch.setattr(data, "_FOLDER", str(tmp_path / "not-a-folder"))  # as a zipped install's path would be
    assert '"companies"' in data.read_text("companies.json")


def test_a_missing_table_is_an_oserror(tmp_path):
    with pytest.raises(OSError):
        data.read_text("no-such-table.json")
