"""The module graph: no import circles, and a one-article audit imports none of the heavy libraries.

pandas (via exchange_calendars or yfinance), openai, instructor and jinja2 each cost tens to
hundreds of milliseconds to import; a rules-engine `check` against a snapshot needs none of them,
and `--help` needs no pydantic either. Each case runs in a fresh interpreter and lists what got
imported (the timing itself is a benchmark: benchmarks/startup.py).

Circles are found statically: every module under verifier/ is parsed with ``ast`` and its
module-level imports of verifier modules (relative or absolute) become edges; imports inside
functions and under ``if TYPE_CHECKING:`` are not edges (they run later, or never).
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "verifier"

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
    light = (*HEAVY, "pydantic", "rich", "markdown_it", "pygments")  # help is click's plain formatter
    assert _loaded(["--help"], light) == []
    assert _loaded(["check", "--help"], light) == []
    assert _loaded(["--version"], light) == []


def test_the_library_call_imports_no_heavy_library(example_article, example_snapshot):
    code = (
        "import sys, json; from verifier import verify; "
        f"r = verify({str(example_article)!r}, extractor='rules', market={str(example_snapshot)!r}); r.to_json(); "
        f"print(json.dumps(sorted(m for m in {list(HEAVY)!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


# --------------------------------------------------------------------------- import circles


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _module_level_imports(statements: list[ast.stmt]) -> list[ast.Import | ast.ImportFrom]:
    """Imports that run when the module is imported: not in a def, not under ``if TYPE_CHECKING``."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in statements:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        elif isinstance(node, ast.If):
            if not _is_type_checking(node.test):
                found += _module_level_imports(node.body)
            found += _module_level_imports(node.orelse)
        elif isinstance(node, ast.Try):
            for block in (node.body, *(h.body for h in node.handlers), node.orelse, node.finalbody):
                found += _module_level_imports(block)
        elif isinstance(node, (ast.With, ast.For, ast.While)):
            found += _module_level_imports(node.body)
    return found


def import_graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """module -> the package's modules it imports at module level."""
    modules = {_module_name(p, package): p for p in sorted(package.rglob("*.py"))}
    top = package.name

    def known(name: str) -> Optional[str]:  # a.b.C (a name in module a.b) -> a.b
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        here = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges: set[Optional[str]] = set()
        for node in _module_level_imports(ast.parse(path.read_text(encoding="utf-8")).body):
            if isinstance(node, ast.Import):
                edges |= {known(a.name) for a in node.names if a.name.split(".")[0] == top}
                continue
            if node.level:
                base = here.split(".")[: len(here.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif (node.module or "").split(".")[0] == top:
                target = node.module or ""
            else:
                continue
            edges |= {known(f"{target}.{a.name}") for a in node.names}  # a submodule or a name in target
        graph[name] = {e for e in edges if e and e != name}
    return graph


def find_cycle(graph: dict[str, set[str]]) -> Optional[list[str]]:
    """One import circle as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    path: list[str] = []

    def visit(module: str) -> Optional[list[str]]:
        state[module] = 1
        path.append(module)
        for nxt in sorted(graph.get(module, ())):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt):], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state and (found := visit(module)):
            return found
    return None


def test_the_package_has_no_import_circle():
    graph = import_graph()
    assert {"verifier.cli", "verifier.schemas", "verifier.market.shared", "verifier.extract.llm_cache"} <= set(graph)
    assert "verifier.schemas" in graph["verifier.report"]  # edges are read (a relative import)
    cycle = find_cycle(graph)
    assert cycle is None, "import circle: " + " -> ".join(cycle or [])


def test_the_circle_finder_sees_module_level_imports_only(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .b import thing\n")
    (pkg / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from . import c\nimport pkg.sub.b\n")
    (pkg / "sub" / "b.py").write_text("try:\n    from ..c import x\nexcept ImportError:\n    x = None\nthing = 1\n")
    (pkg / "c.py").write_text("def later():\n    from . import a\n")
    graph = import_graph(pkg)
    assert graph == {"pkg": set(), "pkg.a": {"pkg.sub.b"}, "pkg.sub": {"pkg.sub.b"}, "pkg.sub.b": {"pkg.c"}, "pkg.c": set()}
    assert find_cycle(graph) is None  # c -> a is inside a function, a -> c under TYPE_CHECKING
    (pkg / "c.py").write_text("from .a import y\n")
    assert find_cycle(import_graph(pkg)) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]


def _top_level_bindings(tree: ast.Module) -> list[str]:
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            names.append(node.target.id)
    return names


def test_no_module_binds_a_top_level_name_twice():
    # A pattern or a reader defined twice in one module is a merge artifact: the second silently replaces the first
    # for every caller, including the callers written against the first (two readers' "_SPEND_ON" did exactly that).
    twice = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        names = _top_level_bindings(ast.parse(path.read_text(encoding="utf-8")))
        dup = sorted({n for n in names if names.count(n) > 1} - {"__all__"})
        if dup:
            twice[str(path.relative_to(PACKAGE))] = dup
    assert twice == {}
