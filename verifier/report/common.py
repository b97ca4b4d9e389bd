"""Small helpers shared by the renderers: how a value, a verdict or a claim is written for people."""

from __future__ import annotations

from typing import Any

from ..schemas import CheckedClaim, Report

VERDICT_LABELS = {
    "supported": "SUPPORTED",
    "contradicted": "CONTRADICTED",
    "unverifiable": "UNVERIFIABLE",
    "no_data": "NO DATA",
}
VERDICT_SYMBOLS = {"supported": "✓", "contradicted": "✗", "unverifiable": "?", "no_data": "–"}


def fmt_value(value: Any) -> str:
    """Numbers as a reader writes them: 241.73, 30,000, 50 bn."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if abs(value) >= 1e9 and value % 1e6 == 0:
            return f"{value / 1e9:,.3f}".rstrip("0").rstrip(".") + " bn"
        if abs(value) >= 1e6 and value % 1e3 == 0:
            return f"{value / 1e6:,.3f}".rstrip("0").rstrip(".") + " m"
        if value.is_integer():
            return f"{value:,.0f}"
        if abs(value) >= 1:
            return f"{value:,.2f}" if round(value, 2) == value else f"{value:,.4f}".rstrip("0")
        return f"{value:.4g}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def describe_fields(claim: CheckedClaim) -> str:
    """'price=241.73 USD, direction=down' with empty fields left out."""
    data = claim.fields.model_dump(exclude={"kind"}, exclude_none=True)
    parts = []
    for key, value in data.items():
        if key in ("approximate", "up_to", "cumulative") and not value:
            continue
        if key == "basis" and value == "unspecified" or key == "period" and value == "unspecified":
            continue
        if key == "currency" and value == "USD" or key == "firm_as_written":
            continue
        if key == "firm" and data.get("firm_as_written"):
            parts.append(f"firm={fmt_value(value)} (as written: {fmt_value(data['firm_as_written'])})")
            continue
        parts.append(f"{key}={fmt_value(value)}")
    return ", ".join(parts)


def who(claim: CheckedClaim) -> str:
    if claim.attributed_to:
        return f"{claim.attribution} ({claim.attributed_to})"
    return claim.attribution


def headline(report: Report) -> str:
    s = report.summary
    return (
        f"{s.claims} claims: {s.supported} supported, {s.contradicted} contradicted, "
        f"{s.unverifiable} unverifiable, {s.no_data} no data · {s.flags} promotional flags · "
        f"promotional score {s.promotional_score:.2f} ({s.risk} risk)"
    )


def published_text(doc: Any, unknown: str = "unknown") -> str:
    """The publication time as a reader should see it: a date alone is shown as that date."""
    if doc.published_at is None:
        return unknown
    if getattr(doc, "published_at_precision", None) == "date":
        return f"{doc.published_at.date().isoformat()} (date only, no time given)"
    return doc.published_at.isoformat()
