"""The data files shipped with the package (JSON tables), read by name: ``read_text("companies.json")``.

A file is read from this folder directly; ``importlib.resources`` (which also serves a zipped
install) is the fallback when the folder holds no such file. Importing ``importlib.resources`` and
its readers (``zipfile``) for four tables cost a one-article ``verifier check`` ~5-9 ms
(benchmarks/README.md, "Issue 13, stop 23").
"""

from __future__ import annotations

import os

_FOLDER = os.path.dirname(os.path.abspath(__file__))


def read_text(name: str) -> str:
    """The text (UTF-8) of the shipped data file ``name``; raises OSError as ``open`` does when it is missing."""
    try:
        with open(os.path.join(_FOLDER, name), encoding="utf-8") as fh:
            return fh.read()
    except OSError:  # not a plain folder (a zipped install): the import system's own reader
        from importlib import resources

        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
