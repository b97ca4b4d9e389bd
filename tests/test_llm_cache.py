"""The LLM response cache: keyed by everything that shapes an answer, never fatal, never a secret."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from verifier.extract.llm_cache import FILENAME, CacheKey, LLMCache

KEY = CacheKey(model="gpt-4o-mini", prompt="extract@0123456789ab", schema_version="1:abc", article_sha="f" * 64, mode="tools", chunk=0)
PAYLOAD = {"claims": [{"quote": "closed at $241.73"}], "flags": [], "rejected_claims": 0}


def test_lives_under_the_cache_dir_from_the_environment():
    cache = LLMCache()
    assert cache.path == Path(os.environ["VERIFIER_CACHE_DIR"]) / FILENAME


def test_round_trip(tmp_path):
    cache = LLMCache(tmp_path / "c.sqlite3")
    assert cache.get(KEY) is None
    cache.put(KEY, PAYLOAD)
    assert cache.get(KEY) == PAYLOAD and cache.count() == 1
    cache.put(KEY, {**PAYLOAD, "rejected_claims": 2})  # replacing, not duplicating
    assert cache.get(KEY)["rejected_claims"] == 2 and cache.count() == 1
    assert cache.problem is None


@pytest.mark.parametrize(
    "change",
    [{"model": "llama3.1"}, {"prompt": "extract@ffffffffffff"}, {"schema_version": "1:def"}, {"article_sha": "0" * 64},
     {"mode": "json"}, {"chunk": 1}],
)  # fmt: skip
def test_every_key_part_matters(tmp_path, change):
    cache = LLMCache(tmp_path / "c.sqlite3")
    cache.put(KEY, PAYLOAD)
    other = CacheKey(**{**KEY.__dict__, **change})
    assert other.digest != KEY.digest
    assert cache.get(other) is None


def test_clear(tmp_path):
    cache = LLMCache(tmp_path / "c.sqlite3")
    cache.put(KEY, PAYLOAD)
    assert cache.clear() == 1 and cache.count() == 0 and cache.get(KEY) is None


def test_corrupt_file_is_skipped_with_a_note(tmp_path):
    path = tmp_path / "c.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = LLMCache(path)
    assert cache.get(KEY) is None
    assert cache.problem and str(path) in cache.problem and "--no-cache" in cache.problem


def test_unwritable_location_is_skipped_with_a_note(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    cache = LLMCache(blocker / "sub" / "c.sqlite3")  # a folder under a file cannot be made
    cache.put(KEY, PAYLOAD)
    assert cache.problem and "could not be written" in cache.problem
    assert cache.get(KEY) is None and cache.count() == 0


def test_stores_only_the_payload_and_key_parts(tmp_path):
    path = tmp_path / "c.sqlite3"
    LLMCache(path).put(KEY, PAYLOAD)
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(responses)")]
    assert columns == ["key", "model", "prompt", "schema_version", "article_sha", "mode", "chunk", "created_at", "payload"]
