"""``re`` with compiled patterns kept between runs, as ``.pyc`` files keep compiled code.

The rule engine, the dates, the attribution and the promotional lexicon hold some 650 regular
expressions. Python compiles a pattern in pure Python (``re._parser`` and ``re._compiler``), which
cost a one-article ``verifier check`` about 1/3 of its time, every run. The compiled form is a list
of integers handed to ``_sre.compile``; this module keeps those lists in one file next to the
package's ``.pyc`` files (``verifier/__pycache__/regex-<interpreter>.marshal``) and hands them to
``_sre.compile`` on later runs, which takes microseconds per pattern.

Modules use it in place of ``re``: ``from verifier import recache as re``. Every name they use
(``compile``, ``search``, ``match``, ``fullmatch``, ``finditer``, ``findall``, ``sub``, ``subn``,
``split``, the flags, ``Pattern``, ``Match``, ``escape``, ``error``) behaves as ``re``'s and
returns ``re``'s own objects: a pattern built from the file compares equal (``==``: same pattern,
flags and compiled code) to ``re.compile``'s, which ``tests/test_recache.py`` checks for every
pattern the file holds. A pattern built from an article's own words (the company names present
in it) goes through ``transient``, plain ``re.compile``, so the file holds the code's patterns only.

What it relies on: CPython's ``re._parser.parse``, ``re._compiler._code`` and ``_sre.compile``
(stable from 3.11 on). The file is named by the interpreter's full version and ``_sre.MAGIC``, so
another Python never reads it; ``_sre.compile`` validates the code it is given. Anything unexpected
(another interpreter, a damaged or unreadable file, a folder that cannot be written) falls back to
``re.compile``, silently: the cache only ever saves time. It is not written when Python writes no
bytecode (``PYTHONDONTWRITEBYTECODE``, ``-B``) or ``VERIFIER_REGEX_CACHE=0``.
"""

from __future__ import annotations

import os
import re as _re
import sys
from re import (  # noqa: F401 - re-exported: modules use this module as ``re``
    ASCII,
    DEBUG,
    DOTALL,
    IGNORECASE,
    LOCALE,
    MULTILINE,
    NOFLAG,
    UNICODE,
    VERBOSE,
    A,
    I,
    L,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    U,
    X,
    error,
    escape,
)
from typing import Any, Optional

__all__ = [
    "A", "ASCII", "DEBUG", "DOTALL", "I", "IGNORECASE", "L", "LOCALE", "M", "MULTILINE", "Match", "NOFLAG",
    "Pattern", "RegexFlag", "S", "U", "UNICODE", "VERBOSE", "X", "compile", "error", "escape", "findall",
    "finditer", "fullmatch", "match", "search", "split", "sub", "subn", "transient",
]

_compiled: dict[tuple[Any, int], Pattern] = {}  # this process's patterns, never evicted (re's own cache holds 512)
_stored: Optional[dict[tuple[str, int], tuple]] = None  # read from the file on first use
_new: dict[tuple[str, int], tuple] = {}  # compiled in this run, not in the file yet
_MAX_ENTRIES = 2000  # beyond this, a save keeps only this run's patterns (old ones from edited rules go)
_MAX_IN_PROCESS = 4096  # a long-running server compiling ever new patterns starts over (re's own cache holds 512)


def _setup() -> Optional[tuple[Any, Any, Any, Any, str]]:
    """(_sre, _parser, _compiler, array, file path), or None where the cache cannot be used."""
    if os.environ.get("VERIFIER_REGEX_CACHE", "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    try:
        import _sre
        import hashlib
        from array import array
        from re import _compiler, _parser  # type: ignore[attr-defined]

        if sys.implementation.name != "cpython" or _sre.CODESIZE != 4 or array("I").itemsize != 4:
            return None
        if not all(hasattr(x, n) for x, n in ((_parser, "parse"), (_compiler, "_code"), (_sre, "compile"))):
            return None
        tag = hashlib.sha256(f"{sys.version}|{_sre.MAGIC}|{sys.byteorder}".encode()).hexdigest()[:16]
        folder = os.path.join(os.path.dirname(os.path.abspath(__file__)), "__pycache__")
        return _sre, _parser, _compiler, array, os.path.join(folder, f"regex-{sys.implementation.cache_tag}-{tag}.marshal")
    except Exception:  # noqa: BLE001 - no cache, plain re.compile
        return None


_SETUP = _setup()


def _load() -> dict[tuple[str, int], tuple]:
    global _stored
    if _stored is None:
        _stored = {}
        if _SETUP is not None:
            try:
                import marshal

                with open(_SETUP[4], "rb") as fh:
                    data = marshal.loads(fh.read())  # one read: marshal.load(fh) reads the 2 MB file piece by piece
                if isinstance(data, dict):
                    _stored = data
            except Exception:  # noqa: BLE001 - absent or damaged: compile as usual (and rewrite it at exit)
                _stored = {}
    return _stored


def _save() -> None:
    """Write the patterns compiled in this run into the file (atomically: a temporary file, then a rename)."""
    if not _new or _SETUP is None or sys.dont_write_bytecode:
        return
    try:
        import marshal
        import tempfile

        data = dict(_load())
        data.update(_new)
        if len(data) > _MAX_ENTRIES:
            used = {key for key in _compiled if key in data}
            data = {key: value for key, value in data.items() if key in used}
        path = _SETUP[4]
        os.makedirs(os.path.dirname(path), exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".regex-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as fh:
                marshal.dump(data, fh)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)  # as a .pyc: readable by whoever can read the package
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
        _new.clear()
    except Exception:  # noqa: BLE001 - a read-only install, a full disk: the cache is only an optimisation
        pass


def _build(pattern: str, flags: int) -> Pattern:
    """``re.compile(pattern, flags)``, from the file when it holds the pattern, else compiled and recorded."""
    assert _SETUP is not None
    _sre, _parser, _compiler, array, _ = _SETUP
    key = (pattern, flags)
    rec = _load().get(key)
    if rec is not None:
        try:
            final_flags, code, groups, groupindex, indexgroup = rec
            return _sre.compile(pattern, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)
        except Exception:  # noqa: BLE001 - a damaged entry: compile it again
            pass
    # as re._compiler.compile does, keeping the code list on the way
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    groupindex = dict(p.state.groupdict)
    indexgroup: list[Optional[str]] = [None] * p.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    final_flags = int(flags | p.state.flags)
    compiled = _sre.compile(pattern, final_flags, code, p.state.groups - 1, groupindex, tuple(indexgroup))
    try:
        blob = array("I", code).tobytes()
    except (OverflowError, TypeError):  # pragma: no cover - a code word out of range: do not store it
        return compiled
    if len(_new) >= _MAX_ENTRIES:
        return compiled
    if not _new:
        import atexit

        atexit.register(_save)
    _new[key] = (final_flags, blob, p.state.groups - 1, groupindex, tuple(indexgroup))
    return compiled


def compile(pattern: Any, flags: Any = 0) -> Pattern:  # noqa: A001 - re's name
    """``re.compile``: the same Pattern object, compiled once per process and kept between runs."""
    try:
        return _compiled[pattern, flags]  # the usual case, first: re.search(...) in a loop (re.I hashes as 2)
    except (KeyError, TypeError):
        pass
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    flags = int(flags)
    key = (pattern, flags)
    if _SETUP is not None and type(pattern) is str and not flags & DEBUG:
        try:
            compiled = _build(pattern, flags)
        except error:
            raise
        except Exception:  # noqa: BLE001 - an internal surprise: re's own compile decides (and raises if it must)
            compiled = _re.compile(pattern, flags)
    else:
        compiled = _re.compile(pattern, flags)
    if len(_compiled) >= _MAX_IN_PROCESS:
        _compiled.clear()
    _compiled[key] = compiled
    return compiled


def transient(pattern: Any, flags: Any = 0) -> Pattern:
    """``re.compile`` itself, for a pattern built from an article's own words: not kept in the file."""
    return _re.compile(pattern, flags)


def search(pattern: Any, string: Any, flags: Any = 0) -> Optional[Match]:
    return compile(pattern, flags).search(string)


def match(pattern: Any, string: Any, flags: Any = 0) -> Optional[Match]:
    return compile(pattern, flags).match(string)


def fullmatch(pattern: Any, string: Any, flags: Any = 0) -> Optional[Match]:
    return compile(pattern, flags).fullmatch(string)


def finditer(pattern: Any, string: Any, flags: Any = 0):  # noqa: ANN201 - re's iterator
    return compile(pattern, flags).finditer(string)


def findall(pattern: Any, string: Any, flags: Any = 0) -> list[Any]:
    return compile(pattern, flags).findall(string)


def sub(pattern: Any, repl: Any, string: Any, count: int = 0, flags: Any = 0) -> Any:
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern: Any, repl: Any, string: Any, count: int = 0, flags: Any = 0) -> tuple[Any, int]:
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern: Any, string: Any, maxsplit: int = 0, flags: Any = 0) -> list[Any]:
    return compile(pattern, flags).split(string, maxsplit)
