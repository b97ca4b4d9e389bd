"""Labelled corpus folders: reading and validating ``<id>.labels.json`` files into ``Case`` objects.

A folder (``fixtures/corpus``) holds ``<id>.txt`` (or .md/.html) articles, each with an
``<id>.labels.json`` naming the snapshot that settles it, the expected claims (kind, key values as
written, a quote substring, expected verdict) and the promotional flags. Every bad file is reported
at once, so a labeller fixes them in one pass. Format: ``fixtures/corpus/README.md``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import InputError
from ..kinds import KEY_FIELDS
from ..schemas import CLAIM_KINDS, TECHNIQUES, VERDICTS

SPLITS = ("dev", "heldout")
# KEY_FIELDS (from the kind registry): the value(s) that identify a claim; a prediction must agree
# on them to match a label.
REQUIRED_VALUES = {"analyst_rating": ("firm",)}  # a rating-only claim has no target


@dataclass
class ClaimLabel:
    kind: str
    quote_contains: str
    values: dict[str, Any]
    verdict: Optional[str] = None  # None: not scored for verdict (extraction only)
    optional: bool = False


@dataclass
class FlagLabel:
    technique: str
    quote_contains: str


@dataclass
class Case:
    """One article with its ground truth and the market data that settles it."""

    id: str
    text: str
    claims: list[ClaimLabel]
    flags: list[FlagLabel] = field(default_factory=list)
    market: Any = None  # snapshot path, provider object, or None
    published_at: Optional[dt.datetime] = None
    pass_published: bool = False  # give the time to verify() (headlines have no header)
    ticker: Optional[str] = None
    split: Optional[str] = None
    style: Optional[str] = None
    labelled_kinds: Optional[set[str]] = None  # predictions of other kinds are not scored
    label_flags: bool = True
    path: Optional[str] = None  # the article file: verify() reads it itself (HTML reduced the same way)


def _problem(where: str, what: str) -> str:
    return f"{where}: {what}"


def validate_labels(data: Any, text: str, where: str, corpus_dir: Optional[Path] = None) -> list[str]:
    """Everything wrong with one labels file, as readable lines (empty when valid)."""
    problems: list[str] = []
    if not isinstance(data, dict):
        return [_problem(where, "the labels file must hold a JSON object")]
    if corpus_dir is not None:
        snap = data.get("snapshot")
        if not isinstance(snap, str) or not (corpus_dir / snap).is_file():
            problems.append(_problem(where, f"snapshot {snap!r} is not a file under {corpus_dir}"))
    if data.get("split") not in (None, *SPLITS):
        problems.append(_problem(where, f"split {data.get('split')!r} must be one of {', '.join(SPLITS)}"))
    if data.get("published_at") is not None:
        try:
            if dt.datetime.fromisoformat(str(data["published_at"])).tzinfo is None:
                problems.append(_problem(where, "published_at needs a UTC offset"))
        except ValueError:
            problems.append(_problem(where, f"published_at {data['published_at']!r} is not ISO 8601"))
    claims = data.get("claims")
    if not isinstance(claims, list):
        problems.append(_problem(where, "'claims' must be a list"))
        claims = []
    for i, claim in enumerate(claims):
        at = f"{where} claims[{i}]"
        if not isinstance(claim, dict):
            problems.append(_problem(at, "must be an object"))
            continue
        kind = claim.get("kind")
        if kind not in CLAIM_KINDS:
            problems.append(_problem(at, f"kind {kind!r} is not one of {', '.join(CLAIM_KINDS)}"))
            continue
        quote = claim.get("quote_contains")
        if not isinstance(quote, str) or not quote.strip():
            problems.append(_problem(at, "quote_contains must be a non-empty string"))
        elif quote not in text:
            problems.append(_problem(at, f"quote_contains {quote!r} does not occur in the article"))
        values = claim.get("values")
        if not isinstance(values, dict):
            problems.append(_problem(at, "values must be an object"))
            continue
        for key in REQUIRED_VALUES.get(kind, KEY_FIELDS[kind]):
            if values.get(key) is None:
                problems.append(_problem(at, f"values.{key} is required for {kind}"))
        for key in ("price", "percent", "price_target", "previous_price_target", "count", "amount", "value"):
            if key in values and (isinstance(values[key], bool) or not isinstance(values[key], (int, float))):
                problems.append(_problem(at, f"values.{key} must be a number in units (50000000000 for $50 billion)"))
        if claim.get("verdict") not in (None, *VERDICTS):
            problems.append(_problem(at, f"verdict {claim.get('verdict')!r} is not one of {', '.join(VERDICTS)}"))
        for date_key in ("date",):
            if values.get(date_key) is not None:
                try:
                    dt.date.fromisoformat(str(values[date_key]))
                except ValueError:
                    problems.append(_problem(at, f"values.{date_key} {values[date_key]!r} is not an ISO date"))
    flags = data.get("flags", [])
    if not isinstance(flags, list):
        problems.append(_problem(where, "'flags' must be a list"))
        flags = []
    for i, flag in enumerate(flags):
        at = f"{where} flags[{i}]"
        if not isinstance(flag, dict) or flag.get("technique") not in TECHNIQUES:
            problems.append(_problem(at, f"technique must be one of {', '.join(TECHNIQUES)}"))
            continue
        quote = flag.get("quote_contains")
        if not isinstance(quote, str) or quote not in text:
            problems.append(_problem(at, f"quote_contains {quote!r} does not occur in the article"))
    return problems


def load_corpus(corpus_dir: Union[str, Path], split: Optional[str] = None) -> list[Case]:
    """The cases of a labelled corpus folder; raises InputError listing every bad labels file."""
    root = Path(corpus_dir)
    if not root.is_dir():
        raise InputError(f"{root} is not a folder; pass a corpus folder (e.g. fixtures/corpus) or a headlines CSV")
    label_files = sorted(root.glob("*.labels.json"))
    if not label_files:
        raise InputError(f"{root} holds no *.labels.json files; see fixtures/corpus/README.md for the format")
    cases: list[Case] = []
    problems: list[str] = []
    for path in label_files:
        case_id = path.name[: -len(".labels.json")]
        article = next((root / f"{case_id}{ext}" for ext in (".txt", ".md", ".html") if (root / f"{case_id}{ext}").is_file()), None)
        if article is None:
            problems.append(f"{path.name}: no article {case_id}.txt/.md/.html next to it")
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: not valid JSON ({exc})")
            continue
        from ..document import load_document

        doc = load_document(str(article))
        found = validate_labels(data, doc.text, path.name, root)
        if found:
            problems.extend(found)
            continue
        cases.append(
            Case(
                id=data.get("id", case_id),
                text=doc.text,
                claims=[
                    ClaimLabel(c["kind"], c["quote_contains"], dict(c["values"]), c.get("verdict"), bool(c.get("optional")))
                    for c in data["claims"]
                ],
                flags=[FlagLabel(f["technique"], f["quote_contains"]) for f in data.get("flags", [])],
                market=str(root / data["snapshot"]),
                published_at=dt.datetime.fromisoformat(data["published_at"]) if data.get("published_at") else None,
                ticker=data.get("ticker"),
                split=data.get("split"),
                style=data.get("style"),
                path=str(article),
            )
        )
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise InputError(f"invalid corpus labels in {root}: {shown}. Fix them (format: fixtures/corpus/README.md)")
    if split and split != "all":
        if split not in SPLITS:
            raise InputError(f"unknown split {split!r}; use all, dev or heldout")
        cases = [c for c in cases if c.split == split]
    return cases
