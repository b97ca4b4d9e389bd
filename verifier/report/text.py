"""Terminal rendering with rich: a summary line, a claims table, the flags and the run."""

from __future__ import annotations

import io
from typing import Optional

from ..schemas import Report
from .common import VERDICT_LABELS, describe_fields, headline, who

_STYLES = {"supported": "green", "contradicted": "bold red", "unverifiable": "yellow", "no_data": "dim"}


def render_text(report: Report, width: int = 110, color: Optional[bool] = False) -> str:
    """The report as terminal text; ``color`` adds ANSI styles (the CLI sets it on a TTY)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=bool(color), color_system="standard" if color else None,
                      highlight=False, soft_wrap=False)
    doc = report.document
    console.print(Text(f"Audit of {doc.title or doc.source}", style="bold"))
    console.print(f"source: {doc.source}   published: {doc.published_at.isoformat() if doc.published_at else 'unknown'}")
    console.print(headline(report))
    console.print()
    if report.claims:
        table = Table(title="Claims", show_lines=True, expand=True)
        table.add_column("#", no_wrap=True)
        table.add_column("kind", no_wrap=True)
        table.add_column("quote", ratio=3)
        table.add_column("values", ratio=2)
        table.add_column("verdict", no_wrap=True)
        table.add_column("reason", ratio=4)
        for c in report.claims:
            table.add_row(
                c.id,
                c.kind + ("" if c.attribution == "stated" else f"\n[{who(c)}]"),
                c.quote,
                describe_fields(c),
                Text(VERDICT_LABELS[c.verdict], style=_STYLES[c.verdict]),
                c.reason,
            )
        console.print(table)
    else:
        console.print("No checkable claims found.")
    if report.flags:
        table = Table(title="Promotional flags", expand=True)
        table.add_column("technique", no_wrap=True)
        table.add_column("quote", ratio=2)
        table.add_column("why it matters", ratio=3)
        for f in report.flags:
            table.add_row(f.technique, f.quote, f.explanation)
        console.print(table)
    run = report.run
    line = f"verifier {run.version} · extractor {run.extractor}"
    if run.model:
        line += f" ({run.model}, {run.llm_calls} calls, {run.prompt_tokens}+{run.completion_tokens} tokens)"
    line += f" · market data {run.market_data}"
    console.print(line, style="dim")
    for note in run.notes:
        console.print(f"note: {note}", style="dim")
    return buf.getvalue()
