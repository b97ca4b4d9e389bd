"""The figures of an ``EvalResult`` as text (``verifier eval``) and as the JSON document of
``verifier eval --format json`` (its keys are a contract: benchmarks and CI read them)."""

from __future__ import annotations

import json
from typing import Any, Optional

from ..schemas import VERDICTS

from .scoring import EvalResult, _r

def _pct(x: Optional[float]) -> str:
    return "  n/a" if x is None else f"{100 * x:5.1f}"


def render_text(result: EvalResult, details: bool = False) -> str:
    lines: list[str] = []
    s = result.summary()
    lines.append(f"verifier eval: {result.source}")
    lines.append(f"extractor {result.extractor}, market {result.market}, measured {result.measured_at:%Y-%m-%d %H:%M} UTC")
    unit = "headlines" if result.cases and all(c.style == "headline" for c in result.cases) else "articles"
    lines.append(f"{s['articles']} {unit}, {s['claims']['labelled']} labelled claims, {s['flags']['labelled']} labelled flags"
                 + (f", {s['errors']} articles failed" if s["errors"] else ""))
    lines.append("")
    lines.append(f"{'claims':<18}{'labelled':>9}{'found':>7}{'matched':>8}{'prec %':>8}{'recall %':>9}{'F1 %':>7}{'verdict %':>10}")
    tallies = result.claim_tallies()
    for kind, t in tallies.items():
        if t.labelled or t.predicted:
            lines.append(
                f"{kind:<18}{t.labelled:>9}{t.predicted:>7}{t.tp:>8}{_pct(t.precision):>8}{_pct(t.recall):>9}{_pct(t.f1):>7}"
                f"{_pct(result.kind_verdict_accuracy(kind)):>10}"
            )
    tot = result.total(tallies.values())
    lines.append(
        f"{'all claims':<18}{tot.labelled:>9}{tot.predicted:>7}{tot.tp:>8}{_pct(tot.precision):>8}{_pct(tot.recall):>9}{_pct(tot.f1):>7}"
        f"{_pct(result.verdict_accuracy()):>10}"
    )
    flags = result.flag_tallies()
    if flags:
        lines.append("")
        lines.append(f"{'flags':<22}{'labelled':>9}{'found':>7}{'matched':>8}{'prec %':>8}{'recall %':>9}")
        for tech, t in flags.items():
            lines.append(f"{tech:<22}{t.labelled:>9}{t.predicted:>7}{t.tp:>8}{_pct(t.precision):>8}{_pct(t.recall):>9}")
        ft = result.total(flags.values())
        lines.append(f"{'all flags':<22}{ft.labelled:>9}{ft.predicted:>7}{ft.tp:>8}{_pct(ft.precision):>8}{_pct(ft.recall):>9}")
    conf = result.confusion()
    lines.append("")
    lines.append(f"verdicts on matched claims: accuracy {_pct(result.verdict_accuracy())} % of {sum(conf.values())}")
    corner = "expected / predicted"
    lines.append(f"{corner:<22}" + "".join(f"{v:>14}" for v in VERDICTS))
    for e in VERDICTS:
        row = [conf[(e, p)] for p in VERDICTS]
        if any(row):
            lines.append(f"{e:<22}" + "".join(f"{n:>14}" for n in row))
    caught, wrong = result.contradicted_caught()
    alarms, supported = result.false_alarms()
    lines.append(f"wrong claims caught end to end: {caught} of {wrong}; false alarms: {alarms} of {supported} matched true claims")
    if s["field_accuracy"] is not None:
        lines.append(f"other fields agreeing on matched claims: {_pct(s['field_accuracy'])} %")
    if s["publication_time_accuracy"] is not None:
        lines.append(f"publication time read correctly: {_pct(s['publication_time_accuracy'])} %")
    splits = result.splits()
    if splits:
        lines.append("")
        lines.append(f"{'split':<10}{'articles':>9}{'claim P %':>10}{'claim R %':>10}{'verdict %':>10}{'flag P %':>9}{'flag R %':>9}")
        for name in splits:
            x = result.summary(name)
            lines.append(
                f"{name:<10}{x['articles']:>9}{_pct(x['claims']['precision']):>10}{_pct(x['claims']['recall']):>10}"
                f"{_pct(x['verdict_accuracy']):>10}{_pct(x['flags']['precision']):>9}{_pct(x['flags']['recall']):>9}"
            )
    if details:
        lines.append("")
        for c in result.cases:
            if c.error:
                lines.append(f"[{c.id}] error: {c.error}")
            for m in c.missed:
                lines.append(f"[{c.id}] missed {m['kind']}: {m['quote']!r} {m['values']}")
            for m in c.spurious:
                lines.append(f"[{c.id}] extra {m['kind']}: {m['quote']!r} {m['fields']}")
            for m in c.wrong_verdicts:
                lines.append(f"[{c.id}] verdict {m['predicted']} (expected {m['expected']}) {m['kind']}: {m['quote']!r} - {m['reason']}")
            for m in c.missed_flags:
                lines.append(f"[{c.id}] missed flag {m['technique']}: {m['quote']!r}")
            for m in c.spurious_flags:
                lines.append(f"[{c.id}] extra flag {m['technique']}: {m['quote']!r}")
    return "\n".join(lines) + "\n"


def result_dict(result: EvalResult) -> dict[str, Any]:
    """Every figure of ``result`` under the keys ``verifier eval --format json`` has always written."""
    conf = result.confusion()
    return {
        "source": result.source,
        "extractor": result.extractor,
        "market": result.market,
        "measured_at": result.measured_at.isoformat(),
        "overall": result.summary(),
        "by_split": {s: result.summary(s) for s in result.splits()},
        "by_style": {s: result.summary(s) for s in sorted({c.style for c in result.cases if c.style and c.style != "headline"})},
        "claims_by_kind": {
            k: {**t.to_dict(), "verdict_accuracy": _r(result.kind_verdict_accuracy(k))} for k, t in result.claim_tallies().items()
        },
        "flags_by_technique": {k: t.to_dict() for k, t in result.flag_tallies().items()},
        "confusion": {e: {p: conf[(e, p)] for p in VERDICTS} for e in VERDICTS},
        "cases": [
            {
                "id": c.id, "split": c.split, "style": c.style, "error": c.error,
                "seconds": round(c.seconds, 4), "published_ok": c.published_ok,
                "missed": c.missed, "spurious": c.spurious, "wrong_verdicts": c.wrong_verdicts,
                "missed_flags": c.missed_flags, "spurious_flags": c.spurious_flags,
            }
            for c in result.cases
        ],
    }


def result_json(result: EvalResult, indent: int = 2) -> str:
    return json.dumps(result_dict(result), indent=indent, ensure_ascii=False)
