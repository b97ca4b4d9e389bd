"""Scoring: one report against its labels (``score_case``), tallies and the figures over a set.

Optional labels are "don't care": matching them costs nothing, missing them too. A flag that
repeats a labelled device another flag already matched is not counted as a false positive.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable, Optional

from ..schemas import CLAIM_KINDS
from .corpus import SPLITS, Case
from .matching import Prediction, _location, _secondary, match_claims, match_flags, occurrences, sentence_spans

@dataclass
class Tally:
    """True positives, predictions and labels of one kind (or technique)."""

    tp: int = 0
    predicted: int = 0
    labelled: int = 0

    @property
    def precision(self) -> Optional[float]:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / self.labelled if self.labelled else None

    @property
    def f1(self) -> Optional[float]:
        p, r = self.precision, self.recall
        if not p or not r:
            return 0.0 if (p is not None and r is not None) else None
        return 2 * p * r / (p + r)

    def add(self, other: "Tally") -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.labelled += other.labelled

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "predicted": self.predicted, "labelled": self.labelled,
                "precision": _r(self.precision), "recall": _r(self.recall), "f1": _r(self.f1)}


def _r(x: Optional[float]) -> Optional[float]:
    return None if x is None else round(x, 4)


@dataclass
class CaseResult:
    id: str
    split: Optional[str]
    style: Optional[str]
    claims: dict[str, Tally]
    flags: dict[str, Tally]
    confusion: Counter  # (expected, predicted) -> n
    kind_verdicts: Counter = field(default_factory=Counter)  # (kind, verdict right?) -> n
    fields_agree: int = 0
    fields_compared: int = 0
    published_ok: Optional[bool] = None
    missed: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    wrong_verdicts: list[dict[str, Any]] = field(default_factory=list)
    missed_flags: list[dict[str, Any]] = field(default_factory=list)
    spurious_flags: list[dict[str, Any]] = field(default_factory=list)
    error: Optional[str] = None
    seconds: float = 0.0


def score_case(case: Case, report: Any) -> CaseResult:
    """Compare one report with its labels."""
    preds = [
        Prediction(c.kind, c.start, c.end, c.quote, c.fields.model_dump(mode="json"), c.verdict, c.reason)
        for c in report.claims
        if case.labelled_kinds is None or c.kind in case.labelled_kinds
    ]
    result = CaseResult(case.id, case.split, case.style, defaultdict(Tally), defaultdict(Tally), Counter())
    pairs = dict(match_claims(case.text, case.claims, preds))
    matched_preds = set(pairs.values())
    ignored = {pi for li, pi in pairs.items() if case.claims[li].optional}
    for li, label in enumerate(case.claims):
        if label.optional:
            continue
        tally = result.claims[label.kind]
        tally.labelled += 1
        if li not in pairs:
            result.missed.append({"kind": label.kind, "quote": label.quote_contains, "values": label.values,
                                  "verdict": label.verdict})
            continue
        tally.tp += 1
        pred = preds[pairs[li]]
        agree, compared = _secondary(label, pred.fields)
        result.fields_agree += agree
        result.fields_compared += compared
        if label.verdict is not None and pred.verdict is not None:
            result.confusion[(label.verdict, pred.verdict)] += 1
            result.kind_verdicts[(label.kind, label.verdict == pred.verdict)] += 1
            if label.verdict != pred.verdict:
                result.wrong_verdicts.append({"kind": label.kind, "quote": pred.quote, "expected": label.verdict,
                                              "predicted": pred.verdict, "reason": pred.reason})
    for pi, pred in enumerate(preds):
        if pi in ignored:
            continue
        result.claims[pred.kind].predicted += 1
        if pi not in matched_preds:
            result.spurious.append({"kind": pred.kind, "quote": pred.quote, "fields": _brief(pred.fields)})
    if case.label_flags:
        fpreds = [Prediction(f.technique, f.start, f.end, f.quote, {}) for f in report.flags]
        fpairs = dict(match_flags(case.text, case.flags, fpreds))
        for li, label in enumerate(case.flags):
            tally = result.flags[label.technique]
            tally.labelled += 1
            if li in fpairs:
                tally.tp += 1
            else:
                result.missed_flags.append({"technique": label.technique, "quote": label.quote_contains})
        used = set(fpairs.values())
        sentences = sentence_spans(case.text)
        for pi, pred in enumerate(fpreds):
            if pi not in used and _repeats_label(case, fpairs, pred, sentences):
                continue  # one labelled device reported as two flags: not a false positive
            result.flags[pred.kind].predicted += 1
            if pi not in used:
                result.spurious_flags.append({"technique": pred.kind, "quote": pred.quote})
    if case.published_at is not None and not case.pass_published:
        got = report.document.published_at
        result.published_ok = got is not None and got == case.published_at
    return result


def _repeats_label(case: Case, fpairs: dict[int, int], pred: Prediction, sentences: list[tuple[int, int]]) -> bool:
    """Whether an unmatched flag sits on a labelled device of its technique that another flag matched."""
    for li in fpairs:
        label = case.flags[li]
        if label.technique == pred.kind and _location(occurrences(case.text, label.quote_contains), pred, sentences):
            return True
    return False


def _brief(fields: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in fields.items() if v not in (None, False, "unspecified") and k != "kind"}


@dataclass
class EvalResult:
    """Figures over a set of cases, with per-case details for finding misses."""

    source: str
    extractor: str
    market: str
    cases: list[CaseResult]
    measured_at: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc).replace(microsecond=0))

    def _subset(self, split: Optional[str]) -> list[CaseResult]:
        return [c for c in self.cases if split is None or c.split == split or c.style == split]

    def claim_tallies(self, split: Optional[str] = None) -> dict[str, Tally]:
        out: dict[str, Tally] = {k: Tally() for k in CLAIM_KINDS}
        for case in self._subset(split):
            for kind, tally in case.claims.items():
                out[kind].add(tally)
        return out

    def flag_tallies(self, split: Optional[str] = None) -> dict[str, Tally]:
        out: dict[str, Tally] = defaultdict(Tally)
        for case in self._subset(split):
            for tech, tally in case.flags.items():
                out[tech].add(tally)
        return dict(sorted(out.items()))

    @staticmethod
    def total(tallies: Iterable[Tally]) -> Tally:
        t = Tally()
        for x in tallies:
            t.add(x)
        return t

    def confusion(self, split: Optional[str] = None) -> Counter:
        out: Counter = Counter()
        for case in self._subset(split):
            out.update(case.confusion)
        return out

    def kind_verdict_accuracy(self, kind: str, split: Optional[str] = None) -> Optional[float]:
        right = sum(c.kind_verdicts[(kind, True)] for c in self._subset(split))
        wrong = sum(c.kind_verdicts[(kind, False)] for c in self._subset(split))
        return right / (right + wrong) if right + wrong else None

    def verdict_accuracy(self, split: Optional[str] = None) -> Optional[float]:
        conf = self.confusion(split)
        n = sum(conf.values())
        return sum(v for (e, p), v in conf.items() if e == p) / n if n else None

    def contradicted_caught(self, split: Optional[str] = None) -> tuple[int, int]:
        """(wrong claims found and judged contradicted, wrong claims labelled): the end-to-end catch rate."""
        caught = sum(c.confusion[("contradicted", "contradicted")] for c in self._subset(split))
        labelled = 0
        for case in self._subset(split):
            labelled += sum(v for (e, _), v in case.confusion.items() if e == "contradicted")
            labelled += sum(1 for m in case.missed if m.get("verdict") == "contradicted")
        return caught, labelled

    def false_alarms(self, split: Optional[str] = None) -> tuple[int, int]:
        """(claims labelled supported but judged contradicted, matched claims labelled supported)."""
        conf = self.confusion(split)
        return conf[("supported", "contradicted")], sum(v for (e, _), v in conf.items() if e == "supported")

    def field_accuracy(self, split: Optional[str] = None) -> Optional[float]:
        cases = self._subset(split)
        n = sum(c.fields_compared for c in cases)
        return sum(c.fields_agree for c in cases) / n if n else None

    def publication_accuracy(self, split: Optional[str] = None) -> Optional[float]:
        seen = [c.published_ok for c in self._subset(split) if c.published_ok is not None]
        return sum(seen) / len(seen) if seen else None

    def summary(self, split: Optional[str] = None) -> dict[str, Any]:
        claims = self.total(self.claim_tallies(split).values())
        flags = self.total(self.flag_tallies(split).values())
        caught, wrong = self.contradicted_caught(split)
        alarms, supported = self.false_alarms(split)
        cases = self._subset(split)
        return {
            "articles": len(cases),
            "errors": sum(1 for c in cases if c.error),
            "claims": claims.to_dict(),
            "flags": flags.to_dict(),
            "verdict_accuracy": _r(self.verdict_accuracy(split)),
            "verdicts_scored": sum(self.confusion(split).values()),
            "contradicted_caught": caught,
            "contradicted_labelled": wrong,
            "false_alarms": alarms,
            "supported_matched": supported,
            "field_accuracy": _r(self.field_accuracy(split)),
            "publication_time_accuracy": _r(self.publication_accuracy(split)),
        }

    def splits(self) -> list[str]:
        return [s for s in SPLITS if any(c.split == s for c in self.cases)]

    def to_dict(self) -> dict[str, Any]:
        """The JSON document of ``verifier eval --format json`` (see ``render.result_dict``)."""
        from .render import result_dict

        return result_dict(self)

    def to_json(self, indent: int = 2) -> str:
        from .render import result_json

        return result_json(self, indent=indent)

    def to_text(self, details: bool = False) -> str:
        from .render import render_text

        return render_text(self, details=details)
