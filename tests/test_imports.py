"""A one-article audit starts fast: the common path imports none of the heavy libraries.

pandas (via exchange_calendars or yfinance), openai, instructor and jinja2 each cost tens to
hundreds of milliseconds to import; a rules-engine `check` against a snapshot needs none of them,
and `--help` needs no pydantic either. Each case runs in a fresh interpreter and lists what got
imported (the timing itself is a benchmark: benchmarks/startup.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

HEAVY = ("pandas", "numpy", "exchange_calendars", "yfinance", "openai", "instructor", "jinja2", "httpx")

_PROBE = """
import json, sys
watch = json.loads(sys.argv[2])
sys.argv = ["verifier", *json.loads(sys.argv[1])]
from verifier.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted(m for m in watch if m in sys.modules)
sys.stderr.write("\\nLOADED " + json.dumps(heavy) + "\\n")
"""


def _loaded(args: list[str], watch: tuple[str, ...] = HEAVY) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "VERIFIER_MODEL")}
    proc = subprocess.run(
        [sys.executable, "-c", _PROBE, json.dumps(args), json.dumps(list(watch))],
        capture_output=True, text=True, timeout=120, env=env,
    )
    line = [ln for ln in proc.stderr.splitlines() if ln.startswith("LOADED ")]
    assert line, proc.stderr
    return json.loads(line[-1][len("LOADED "):])


@pytest.mark.parametrize("fmt", ["json", "text", "md"])
def test_rules_check_on_a_snapshot_imports_no_heavy_library(example_article, example_snapshot, fmt):
    args = ["check", str(example_article), "--extractor", "rules", "--market", str(example_snapshot), "--format", fmt]
    assert _loaded(args) == []


def test_auto_extractor_without_an_llm_configured_imports_no_llm_client(example_article, example_snapshot):
    assert _loaded(["check", str(example_article), "--market", str(example_snapshot), "--format", "json"]) == []


def test_help_and_version_import_no_models_and_no_heavy_library():
    assert _loaded(["--help"], (*HEAVY, "pydantic")) == []
    assert _loaded(["--version"], (*HEAVY, "pydantic")) == []


def test_the_library_call_imports_no_heavy_library(example_article, example_snapshot):
    code = (
        "import sys, json; from verifier import verify; "
        f"r = verify({str(example_article)!r}, extractor='rules', market={str(example_snapshot)!r}); r.to_json(); "
        f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
