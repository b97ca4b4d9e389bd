"""The HTML audit report: one self-contained file a reader can open offline, click through and print.

- Inline CSS only; no fonts, scripts or images from elsewhere. A Content-Security-Policy meta tag
  forbids every script, so even a bug in escaping could not run code from an article.
- The article is shown with every claim highlighted in its verdict's colour and every promotional
  flag marked with its technique. Highlights are links to numbered rows of the claims and flags
  tables (``#claim-c1``, ``#flag-1``), which light up with CSS ``:target``: it works without
  JavaScript and in print the numbers still tie the text to the tables.
- Overlapping spans (a flag inside a claim, two claims sharing words) are split into flat
  segments at every boundary, so no element is nested in another link and nothing is lost.
- Every piece of article text passes through ``escape`` (the highlighted segments, built here)
  or jinja2's autoescape (everything else).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional, Union

from html import escape as _escape

from markupsafe import Markup

from ..schemas import CheckedClaim, Flag, Report
from .common import VERDICT_LABELS, VERDICT_SYMBOLS, fmt_value, headline, who
from .svg import price_chart


def escape(text: str) -> str:
    """HTML-escape text for element content and quoted attributes (& < > \" ')."""
    return _escape(str(text), quote=True)

TEMPLATES = Path(__file__).resolve().parent / "templates"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'"


def technique_label(technique: str) -> str:
    return technique.replace("_", " ")


def flag_anchor(index: int) -> str:
    return f"flag-{index}"


@dataclass
class _Span:
    start: int
    end: int
    item: Union[CheckedClaim, Flag]
    anchor: str
    first_seen: bool = field(default=False)


def _claim_title(claim: CheckedClaim) -> str:
    return f"{claim.id} · {VERDICT_LABELS[claim.verdict]}: {claim.reason}".strip()


def _flag_title(flag: Flag) -> str:
    return f"{technique_label(flag.technique)} ({flag.severity}): {flag.explanation}".strip()


def highlight_article(report: Report) -> Markup:
    """The article text as escaped HTML with claim and flag highlights.

    The text is cut at every span boundary; each piece is wrapped once, by the innermost claim
    covering it (a link to its row) with a ``<mark>`` for any flag covering it, or by a link to
    the innermost flag. A numbered marker follows the end of every claim and flag.
    """
    text = report.document.text
    claims = [_Span(c.start, c.end, c, f"claim-{c.id}") for c in report.claims if c.end > c.start]
    flags = [_Span(f.start, f.end, f, flag_anchor(i)) for i, f in enumerate(report.flags, 1) if f.end > f.start]
    cuts = sorted({0, len(text), *(s.start for s in claims + flags), *(s.end for s in claims + flags)})
    starts: dict[int, list[_Span]] = {}
    ends: dict[int, list[_Span]] = {}
    for span in claims + flags:
        starts.setdefault(span.start, []).append(span)
        ends.setdefault(span.end, []).append(span)

    out: list[str] = []
    active: dict[int, _Span] = {}  # a sweep over the cuts: the spans covering the current piece
    for a, b in zip(cuts, cuts[1:]):
        for span in ends.get(a, []):
            active.pop(id(span), None)
        for span in starts.get(a, []):
            active[id(span)] = span
        piece = escape(text[a:b])
        covering = sorted(active.values(), key=lambda s: (s.end - s.start, s.start))
        over_claims = [s for s in covering if isinstance(s.item, CheckedClaim)]
        over_flags = [s for s in covering if isinstance(s.item, Flag)]
        for span in over_claims + over_flags:
            if not span.first_seen:  # a target for "back to the text" links
                span.first_seen = True
                out.append(f'<span class="at" id="t-{escape(span.anchor)}"></span>')
        if over_flags:
            techniques = " ".join(f"t-{s.item.technique}" for s in over_flags)  # type: ignore[union-attr]
            title = escape(_flag_title(over_flags[0].item))  # type: ignore[arg-type]
            piece = f'<mark class="fl {techniques}" title="{title}">{piece}</mark>'
        if over_claims:
            inner = over_claims[0]
            claim: CheckedClaim = inner.item  # type: ignore[assignment]
            extra = " multi" if len(over_claims) > 1 else ""
            piece = (
                f'<a class="hl v-{claim.verdict}{extra}" href="#{escape(inner.anchor)}" '
                f'title="{escape(_claim_title(claim))}">{piece}</a>'
            )
        elif over_flags:
            piece = f'<a class="fl-link" href="#{escape(over_flags[0].anchor)}">{piece}</a>'
        out.append(piece)
        for span in sorted(ends.get(b, []), key=lambda s: (isinstance(s.item, Flag), -s.start)):
            out.append(_marker(span))
    return Markup("".join(out))


def _marker(span: _Span) -> str:
    item = span.item
    if isinstance(item, CheckedClaim):
        return (
            f'<sup class="mk"><a class="badge v-{item.verdict}" href="#{escape(span.anchor)}" '
            f'aria-label="claim {escape(item.id)}: {escape(VERDICT_LABELS[item.verdict].lower())}">'
            f"{escape(item.id)}&#8239;{VERDICT_SYMBOLS[item.verdict]}</a></sup>"
        )
    return (
        f'<sup class="mk"><a class="ftag sev-{item.severity}" href="#{span.anchor}" '
        f'aria-label="flag: {escape(technique_label(item.technique))}">&#9873;&#8239;'
        f"{escape(technique_label(item.technique))}</a></sup>"
    )


def num(value: Any) -> str:
    """A value for people: prices keep their cents (241.73, not 241.7); big amounts read as 50 bn."""
    if isinstance(value, float) and not isinstance(value, bool) and abs(value) < 1e6:
        text = f"{value:,.4f}".rstrip("0").rstrip(".")
        return text if "." not in text or len(text.split(".")[1]) >= 2 else f"{value:,.2f}"
    return fmt_value(value)


def field_rows(claim: CheckedClaim) -> list[tuple[str, str]]:
    """The claim's fields as (name, value) pairs, leaving out empty and default ones."""
    data = claim.fields.model_dump(exclude={"kind"}, exclude_none=True)
    rows = []
    for key, value in data.items():
        if key in ("approximate", "up_to", "cumulative") and not value:
            continue
        if key in ("basis", "period") and value == "unspecified" or key == "firm_as_written":
            continue
        if key == "firm" and data.get("firm_as_written"):
            rows.append(("firm", f"{num(value)} (as written: {num(data['firm_as_written'])})"))
            continue
        rows.append((key.replace("_", " "), num(value)))
    return rows


def _when(value: Optional[dt.datetime]) -> str:
    if value is None:
        return "unknown"
    text = value.strftime("%Y-%m-%d %H:%M:%S")
    if value.utcoffset() is not None:
        offset = value.strftime("%z")
        text += f" UTC{offset[:3]}:{offset[3:]}"
        utc = value.astimezone(dt.timezone.utc)
        if utc.utcoffset() != value.utcoffset():
            text += f" ({utc:%H:%M} UTC)"
    return text


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["value"] = num
    env.filters["when"] = _when
    env.filters["technique"] = technique_label
    env.globals.update(
        VERDICT_LABELS=VERDICT_LABELS, VERDICT_SYMBOLS=VERDICT_SYMBOLS, field_rows=field_rows, who=who,
    )
    return env


def render_html(report: Report, *, banner: Optional[Markup] = None, banner_css: Optional[str] = None) -> str:
    """The report as one self-contained HTML document (a string).

    ``banner`` (trusted markup, e.g. ``verifier serve``'s navigation bar) goes first in the body and
    ``banner_css`` into the head; without them the document is exactly the CLI's.
    """
    s = report.summary
    total = max(s.claims, 1)
    bar = [
        (v, getattr(s, v), round(100 * getattr(s, v) / total, 2))
        for v in ("supported", "contradicted", "unverifiable", "no_data")
        if getattr(s, v)
    ]
    charts = {c.id: Markup(chart) for c in report.claims if (chart := price_chart(c, report.document.published_at))}
    template = _environment().get_template("report.html.j2")
    return template.render(
        report=report,
        doc=report.document,
        summary=s,
        run=report.run,
        headline=headline(report),
        article=highlight_article(report),
        verdict_bar=bar,
        charts=charts,
        csp=CSP,
        flags=list(enumerate(report.flags, 1)),
        banner=banner,
        banner_css=Markup(banner_css) if banner_css else None,
    )
