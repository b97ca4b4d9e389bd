"""The editors' web page: plain HTML forms and links, no script. Every value passes jinja2's autoescape.

The audit itself is the HTML report the CLI renders (``report.html.render_html``) with a navigation
bar on top; it is served with the report's Content-Security-Policy, which forbids every script.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from markupsafe import Markup

TEMPLATES = Path(__file__).resolve().parent / "templates"
# the page's own policy: no script at all, forms only to this server, never framed
PAGE_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)


@lru_cache(maxsize=1)
def environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )


def render_page(name: str, **context: Any) -> str:
    context.setdefault("run_id", None)
    context.setdefault("csp", PAGE_CSP)
    return environment().get_template(name).render(**context)


def report_csp() -> str:
    from ..report.html import CSP

    return CSP + "; frame-ancestors 'none'"


def render_audit(report: Any, run_id: Optional[str]) -> str:
    """The CLI's HTML report with the server's navigation bar (links to a new check, history, downloads)."""
    from ..report.html import render_html

    banner = Markup(environment().get_template("nav.html.j2").render(run_id=run_id))
    css = (TEMPLATES / "banner.css").read_text(encoding="utf-8")
    return render_html(report, banner=banner, banner_css=css)
