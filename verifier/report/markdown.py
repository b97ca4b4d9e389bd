"""Markdown rendering of a report, for pasting into tickets, wikis and pull requests."""

from __future__ import annotations

from ..schemas import Report
from .common import VERDICT_LABELS, describe_fields, fmt_value, headline, published_text, who


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def render_markdown(report: Report) -> str:
    doc = report.document
    out = [f"# Audit: {_cell(doc.title or doc.source)}", ""]
    out.append(f"- Source: `{doc.source}` (sha256 `{doc.sha256[:12]}…`)")
    out.append(f"- Published: {published_text(doc)}")
    out.append(f"- {headline(report)}")
    out.append("")
    out.append("## Claims")
    out.append("")
    if report.claims:
        out.append("| # | Kind | Quote | Values | Attribution | Verdict | Reason | Evidence |")
        out.append("|---|---|---|---|---|---|---|---|")
        for c in report.claims:
            evidence = "; ".join(
                f"{e.detail}" + (f" = {fmt_value(e.value)}" if e.value is not None else "") + (f" [{e.source}]({e.url})" if e.url else f" [{e.source}]") for e in c.evidence
            )
            out.append(
                f"| {c.id} | {c.kind} | “{_cell(c.quote)}” | {_cell(describe_fields(c))} | {_cell(who(c))} | "
                f"**{VERDICT_LABELS[c.verdict]}** | {_cell(c.reason)} | {_cell(evidence)} |"
            )
    else:
        out.append("No checkable claims found.")
    out.append("")
    out.append("## Promotional flags")
    out.append("")
    if report.flags:
        out.append("| Technique | Quote | Severity | Why it matters | Rule |")
        out.append("|---|---|---|---|---|")
        for f in report.flags:
            out.append(
                f"| {f.technique} | “{_cell(f.quote)}” | {f.severity} | {_cell(f.explanation)} | {_cell(f.rule or '')} |"
            )
    else:
        out.append("None found.")
    out.append("")
    run = report.run
    out.append("## Run")
    out.append("")
    out.append(f"- verifier {run.version}, extractor `{run.extractor}`" + (f", model `{run.model}`" if run.model else ""))
    out.append(f"- Market data: `{run.market_data}`")
    for src in run.sources:
        out.append(f"  - {src.get('ticker')}: {src.get('source')} (retrieved {src.get('retrieved_at') or 'unknown'})")
    if run.llm_calls:
        out.append(f"- LLM calls: {run.llm_calls}, tokens: {run.prompt_tokens} prompt / {run.completion_tokens} completion")
    for note in run.notes:
        out.append(f"- Note: {_cell(note)}")
    return "\n".join(out) + "\n"
