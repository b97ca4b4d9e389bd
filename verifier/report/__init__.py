"""Renderers of a finished Report. Every output format is registered here, in one place."""

from __future__ import annotations

from typing import Callable

from ..errors import ConfigError
from ..schemas import Report


def _json(report: Report) -> str:
    return report.to_json() + "\n"


def _markdown(report: Report) -> str:
    from .markdown import render_markdown

    return render_markdown(report)


def _text(report: Report) -> str:
    from .text import render_text

    return render_text(report)


def _html(report: Report) -> str:
    from .html import render_html

    return render_html(report)


RENDERERS: dict[str, Callable[[Report], str]] = {"text": _text, "json": _json, "md": _markdown, "html": _html}
FORMATS = tuple(RENDERERS)


def render(report: Report, fmt: str) -> str:
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ConfigError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}") from None
    return renderer(report)
