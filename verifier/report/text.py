"""Terminal rendering with rich: a summary, then one block per claim, the flags, and the run.

A block per claim (not a wide table) keeps the quote, the values, the reason and the evidence
readable at 80 columns and in CI logs.
"""

from __future__ import annotations

import io
from typing import Optional

from ..schemas import Report
from .common import VERDICT_LABELS, VERDICT_SYMBOLS, describe_fields, fmt_value, headline, published_text, who

_STYLES = {"supported": "bold green", "contradicted": "bold red", "unverifiable": "bold yellow", "no_data": "bold"}


def render_text(report: Report, width: int = 100, color: Optional[bool] = False) -> str:
    """The report as terminal text; ``color`` adds ANSI styles (the CLI sets it on a TTY)."""
    from rich.console import Console
    from rich.padding import Padding
    from rich.text import Text

    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=bool(color), color_system="standard" if color else None,
        highlight=False, emoji=False,
    )
    doc = report.document
    console.print(Text(f"Audit: {doc.title or doc.source}", style="bold"))
    published = published_text(doc, "unknown (relative dates unresolved)")
    console.print(Text(f"source {doc.source} · published {published}", style="dim"))
    claims_part, _, flags_part = headline(report).partition(" · ")
    console.print(Text(claims_part))
    console.print(Text(flags_part))
    console.print()

    if not report.claims:
        console.print("No checkable claims found.")
    for c in report.claims:
        head = Text()
        head.append(f"{c.id} ", style="bold")
        head.append(f"{VERDICT_SYMBOLS[c.verdict]} {VERDICT_LABELS[c.verdict]}", style=_STYLES[c.verdict])
        head.append(f"  {c.kind}")
        if c.ticker or c.company:
            head.append(f" · {c.ticker or c.company}", style="dim")
        if c.attribution != "stated":
            head.append(f" · {who(c)}", style="italic")
        console.print(head)
        body = Text()
        body.append(f"“{' '.join(c.quote.split())}”\n", style="italic")
        values = describe_fields(c)
        if values:
            body.append(values + "\n", style="cyan")
        body.append(c.reason or "")
        for e in c.evidence:
            value = f" = {fmt_value(e.value)}" if e.value is not None else ""
            retrieved = f", retrieved {e.retrieved_at.date().isoformat()}" if e.retrieved_at else ""
            body.append(f"\n• {e.detail}{value} [{e.source}{retrieved}]", style="dim")
        if c.rule:
            body.append(f"\nrule: {c.rule}", style="dim")
        console.print(Padding(body, (0, 0, 1, 3), expand=False))

    if report.flags:
        console.print(Text(f"Promotional flags ({len(report.flags)})", style="bold"))
        for f in report.flags:
            line = Text("  ")
            line.append(f"{f.technique}", style="bold magenta")
            line.append(f" [{f.severity}] ")
            line.append(f"“{' '.join(f.quote.split())}”", style="italic")
            line.append(f" — {f.explanation}")
            if f.rule:
                line.append(f" ({f.rule})", style="dim")
            console.print(line)
        console.print()

    run = report.run
    line = f"verifier {run.version} · extractor {run.extractor}"
    if run.model:
        line += f" ({run.model}: {run.llm_calls} calls, {run.prompt_tokens}+{run.completion_tokens} tokens)"
    line += f" · market data {run.market_data}"
    console.print(Text(line, style="dim"))
    for src in run.sources:
        console.print(
            Text(f"data {src.get('ticker')}: {src.get('source')} (retrieved {src.get('retrieved_at') or 'unknown'})",
                 style="dim")
        )
    for note in run.notes:
        console.print(Text(f"note: {note}", style="dim"))
    return "\n".join(line.rstrip() for line in buf.getvalue().split("\n"))
