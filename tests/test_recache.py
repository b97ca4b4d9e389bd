"""verifier.recache: patterns kept between runs are the very patterns re.compile builds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from verifier import recache

ROOT = Path(__file__).resolve().parent.parent


def test_same_objects_and_errors_as_re():
    pat = recache.compile(r"(?P<n>\d+)\s*(?i:usd)", re.I)
    assert isinstance(pat, re.Pattern)
    assert pat == re.compile(r"(?P<n>\d+)\s*(?i:usd)", re.I)
    assert recache.compile(pat) is pat
    assert recache.compile(r"(?P<n>\d+)\s*(?i:usd)", re.I) is pat
    with pytest.raises(ValueError):
        recache.compile(pat, re.I)
    with pytest.raises(re.error):
        recache.compile(r"(unclosed")
    assert recache.compile(rb"\d+") == re.compile(rb"\d+")
    text = "Paid 12 USD, then 7 usd."
    assert recache.search(r"\d+", text).group() == "12"
    assert recache.findall(r"\d+", text) == ["12", "7"]
    assert [m.span() for m in recache.finditer(r"\d+", text)] == [m.span() for m in re.finditer(r"\d+", text)]
    assert recache.sub(r"(\d+)", r"<\1>", text, 1) == re.sub(r"(\d+)", r"<\1>", text, 1)
    assert recache.subn(r"usd", "$", text, flags=re.I) == re.subn(r"usd", "$", text, flags=re.I)
    assert recache.split(r",\s*", text) == re.split(r",\s*", text)
    assert recache.fullmatch(r"\w+", "abc") and not recache.match(r"\d", "abc")


def test_every_stored_pattern_equals_a_fresh_compile(tmp_path):
    """Rules, dates, promo patterns written to the file by one process and read by another compile to the same code."""
    if recache._SETUP is None:
        pytest.skip("no pattern cache on this interpreter")
    script = (
        "import json, sys, re\n"
        "from verifier import recache\n"
        "recache._SETUP = recache._SETUP[:4] + (sys.argv[1],)\n"
        "from verifier.pipeline import verify\n"
        "verify(open(sys.argv[2]).read(), extractor='rules', market='none')\n"
        "same = sum(1 for (p, f), c in recache._compiled.items() if isinstance(p, str) and c == re.compile(p, f))\n"
        "print(json.dumps([len(recache._compiled), same, len(recache._load())]))\n"
    )
    store = tmp_path / "regex.marshal"
    article = ROOT / "fixtures" / "articles" / "amazon-restructuring.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run() -> list[int]:
        out = subprocess.run([sys.executable, "-c", script, str(store), str(article)], env=env, capture_output=True,
                             text=True, check=True, cwd=ROOT).stdout
        return json.loads(out)

    compiled, same, loaded = run()  # compiles everything and writes the file
    assert store.exists() and compiled > 300 and same == compiled and loaded == 0
    compiled2, same2, loaded2 = run()  # builds every pattern from the file
    assert loaded2 >= compiled and compiled2 == compiled and same2 == compiled2


def test_a_damaged_file_falls_back(tmp_path, monkeypatch):
    if recache._SETUP is None:
        pytest.skip("no pattern cache on this interpreter")
    store = tmp_path / "regex.marshal"
    store.write_bytes(b"not marshal data")
    monkeypatch.setattr(recache, "_SETUP", recache._SETUP[:4] + (str(store),))
    monkeypatch.setattr(recache, "_stored", None)
    monkeypatch.setattr(recache, "_compiled", {})
    monkeypatch.setattr(recache, "_new", {})
    assert recache.compile(r"damaged\s+(file)") == re.compile(r"damaged\s+(file)")
    monkeypatch.setattr(recache, "_stored", {(r"bad\d", 0): (32, b"\xff\xff\x00\x00" * 3, 0, {}, (None,))})
    assert recache.compile(r"bad\d") == re.compile(r"bad\d")


def test_a_folder_that_cannot_be_written_is_no_error(tmp_path, monkeypatch):
    # a read-only install (here: the cache's folder is a file, which even root cannot create a folder in)
    if recache._SETUP is None:
        pytest.skip("no pattern cache on this interpreter")
    blocker = tmp_path / "site-packages"
    blocker.write_text("a file where the folder would be")
    monkeypatch.setattr(recache, "_SETUP", recache._SETUP[:4] + (str(blocker / "regex.marshal"),))
    monkeypatch.setattr(recache, "_stored", None)
    monkeypatch.setattr(recache, "_compiled", {})
    monkeypatch.setattr(recache, "_new", {})
    monkeypatch.setattr(recache.sys, "dont_write_bytecode", False)
    assert recache.compile(r"read[- ]only\s+install") == re.compile(r"read[- ]only\s+install")
    recache._save()  # swallowed: the cache only ever saves time
    assert blocker.read_text() == "a file where the folder would be"
