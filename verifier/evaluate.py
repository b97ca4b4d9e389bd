"""Measure the tool against labelled articles: claim/flag precision and recall, verdict accuracy.

Two kinds of ground truth are read:

- a labelled corpus folder (``fixtures/corpus``): ``<id>.txt`` articles, each with an
  ``<id>.labels.json`` naming the snapshot that settles it, the expected claims (kind, key values
  as written, a quote substring, expected verdict) and the promotional flags;
- a CSV of real headlines (``headline`` and ``published`` columns, e.g. the Benzinga file in
  ``../shared/data/headlines``): ground truth for analyst actions is parsed from the headline
  itself, prices are settled by the price file each row names.

Matching rules (documented in ``fixtures/corpus/README.md``): a predicted claim matches a label
when the kind is the same, its span overlaps an occurrence of the label's quote substring (or lies
in the same sentence), and the label's key value agrees (price, percent, firm + target, count,
amount, date, value; see ``KEY_FIELDS``). Pairs are assigned one-to-one, greedily, best first.
Optional labels are "don't care": matching them costs nothing, missing them too.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from .errors import InputError, VerifierError
from .kinds import KEY_FIELDS
from .schemas import CLAIM_KINDS, TECHNIQUES, VERDICTS

SPLITS = ("dev", "heldout")
# KEY_FIELDS (from the kind registry): the value(s) that identify a claim; a prediction must agree
# on them to match a label.
REQUIRED_VALUES = {"analyst_rating": ("firm",)}  # a rating-only claim has no target
REL_TOL = 1e-3  # values are compared as written: 0.1% absorbs rounding ("$57 billion" vs 57.0e9)
PERCENT_ABS_TOL = 0.05  # percentage points


# --------------------------------------------------------------------------- labels


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
        from .document import load_document

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


# --------------------------------------------------------------------------- headlines (real data)

_BENZINGA_ACTIONS = (
    r"Maintains|Reiterates|Reiterated|Upgrades|Upgraded|Downgrades|Downgraded|Initiates Coverage [Oo]n|"
    r"Initiates|Assumes|Resumes|Reinstates|Raises|Raised|Lowers|Lowered|Boosts|Cuts|Reaffirms|Adds"
)
_BENZINGA = re.compile(rf"^(?:(?:UPDATE|Correction):\s*)?(?:Hearing\s+)?(?P<firm>[A-Z][\w.&' -]*?)\s+(?P<action>{_BENZINGA_ACTIONS})\b(?P<rest>.*)$")
_FROM_TO = re.compile(
    r"(?:PT|[Pp]rice [Tt]arget|Target)\b[^$]{0,30}?\b[Ff]rom \$(?P<prev>[\d,]+(?:\.\d+)?) [Tt]o \$(?P<pt>[\d,]+(?:\.\d+)?)"
)
_TARGET = re.compile(
    r"(?:(?:PT|[Pp]rice [Tt]arget|Target)\s+(?:to|at|of)\s+\$(?P<a>[\d,]+(?:\.\d+)?))"
    r"|(?:(?:Announces|Maintains|Sets|Raises to|Lowers to|Raises|Lowers)\s+\$(?P<b>[\d,]+(?:\.\d+)?)\s*(?:PT|[Pp]rice [Tt]arget|Target)?)"
)
_RATING_AFTER = re.compile(
    r"\b(?:to|at|with)\s+(?P<r>(?:Strong |Market |Sector |Equal[- ]|Peer )?(?:Buy|Sell|Hold|Neutral|Outperform|Underperform|"
    r"Overweight|Underweight|Equal-?[Ww]eight|Market Perform|Sector Perform|Perform|Accumulate|Reduce|Positive|Negative))\b",
    re.I,
)
_RATING_MAINTAINS = re.compile(r"^\s*(?P<r>[A-Z][\w -]*?)\s+[Oo]n\s+")
_ANALYST_WORDS = re.compile(
    r"\b(?:PT|[Pp]rice [Tt]argets?|[Uu]pgrade[sd]?|[Dd]owngrade[sd]?|[Rr]ating|[Ii]nitiate[sd]?|[Rr]eiterate[sd]?|"
    r"[Mm]aintain(?:s|ed)?|[Oo]verweight|[Uu]nderweight|Outperform|Underperform)\b"
)
_HEADLINE_PRICE = re.compile(r"(?:@\s?|\b(?:Low|High) [Oo]f\s)\$(?P<p>\d[\d,]*\.\d{2})\b")


def _num(text: str) -> float:
    return float(text.replace(",", ""))


def parse_benzinga_headline(headline: str) -> Optional[dict[str, Any]]:
    """Firm, action, rating and target of an analyst headline, e.g.
    'Citigroup Maintains Buy on Agilent Technologies, Inc., Raises PT to $53.00'; None otherwise."""
    m = _BENZINGA.match(headline.strip())
    if not m:
        return None
    firm = re.sub(r"\s+(?:Earlier|Analysts?|Today)$", "", m["firm"].strip())
    if len(firm.split()) > 5 or firm.lower().endswith(("shares", "stock")):
        return None
    rest = m["rest"]
    out: dict[str, Any] = {"firm": firm}
    ft = _FROM_TO.search(rest)
    t = _TARGET.search(rest)
    if ft:
        out["price_target"] = _num(ft["pt"])
        out["previous_price_target"] = _num(ft["prev"])
    elif t:
        out["price_target"] = _num(t["a"] or t["b"])
    action = m["action"].lower()
    rating = None
    if action in ("maintains", "reiterates", "reiterated", "reaffirms", "reinstates", "assumes", "resumes"):
        r = _RATING_MAINTAINS.match(rest)
        rating = r["r"] if r else None
    else:
        r = _RATING_AFTER.search(rest)
        rating = r["r"] if r else None
    if rating:
        out["rating"] = rating
    if "price_target" not in out and "rating" not in out and not re.search(r"\b(?:PT|[Pp]rice [Tt]argets?)\b", rest):
        return None
    return out


def _price_provider(price_file: Path, ticker: str, cache: dict) -> Any:
    """An in-memory snapshot provider over one price file, as traded (Yahoo files un-adjusted)."""
    key = (str(price_file), ticker)
    if key in cache:
        return cache[key]
    from .market.csv_import import import_csv, load_split_table
    from .market.snapshot import Snapshot

    split_spec = None
    head = price_file.read_text(encoding="utf-8").splitlines()[0].lower() if price_file.is_file() else ""
    table = price_file.parent / "derived" / "splits_from_yahoo_files.csv"
    if "adj close" in head and table.is_file():
        split_spec = load_split_table(table, ticker) or None
    data = import_csv(ticker, price_file, split_adjusted=split_spec, source="price file")
    provider = PriceFileProvider(price_file, Snapshot(tickers={ticker: data}))
    cache[key] = provider
    return provider


class PriceFileProvider:
    """Serves one imported price file from memory (a MarketProvider; no network)."""

    name = "price-file"

    def __init__(self, path: Path, snapshot: Any):
        self.path, self.snapshot = path, snapshot

    def describe(self) -> str:
        return f"price-file:{self.path.name}"

    def fetch(self, request: Any) -> Any:
        from .errors import TickerNotFound

        data = self.snapshot.tickers.get(request.ticker.upper())
        if data is None:
            raise TickerNotFound(f"{request.ticker} is not in {self.path.name} (it holds {', '.join(self.snapshot.tickers)})")
        return data


def _headline_price_verdict(price: float, published: dt.datetime, provider: Any, ticker: str) -> Optional[str]:
    """'supported' when the file confirms the quoted price (the last close before publication
    within 0.5%, or the range of the session of the publication day); None when it cannot."""
    data = provider.snapshot.tickers.get(ticker)
    if data is None or not data.prices:
        return None
    day = published.date() if published.tzinfo is None else published.astimezone(_new_york()).date()
    bars = data.prices.bars
    before = [b for b in bars if b.date < day]
    today = next((b for b in bars if b.date == day), None)
    if before and abs(before[-1].close - price) <= 0.005 * before[-1].close:
        return "supported"
    if today and today.low * 0.995 <= price <= today.high * 1.005:
        return "supported"
    return None


def _new_york():  # noqa: ANN202
    from zoneinfo import ZoneInfo

    return ZoneInfo("America/New_York")


def load_headline_labels(path: Union[str, Path]) -> dict[str, Any]:
    """Hand labels for headlines by row id: {"kinds": [...], "rows": {id: [{kind, values, optional?}]}}."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read headline labels {p}: {exc}; pass a JSON file like fixtures/corpus/headlines/analyst_headlines.labels.json") from None
    kinds = data.get("kinds") if isinstance(data, dict) else None
    rows = data.get("rows") if isinstance(data, dict) else None
    if not isinstance(kinds, list) or not isinstance(rows, dict) or not set(kinds) <= set(CLAIM_KINDS):
        raise InputError(f"{p} needs \"kinds\" (claim kinds) and \"rows\" (id -> labels); see fixtures/corpus/README.md")
    for row_id, labels in rows.items():
        for label in labels:
            if label.get("kind") not in CLAIM_KINDS or not isinstance(label.get("values"), dict):
                raise InputError(f"{p} row {row_id}: each label needs a claim kind and values")
    return data


def load_headlines(csv_path: Union[str, Path], limit: Optional[int] = None, labels: Optional[dict[str, Any]] = None) -> list[Case]:
    """Cases from a headlines CSV (columns id, ticker, published, headline, price_file), with the
    hand labels of ``load_headline_labels`` added when given."""
    path = Path(csv_path)
    try:
        rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read headlines file {path}: {exc}; pass a UTF-8 CSV") from None
    need = {"headline", "published", "ticker"}
    if not rows or not need <= set(rows[0]):
        raise InputError(f"{path} is not a headlines CSV (needs columns {', '.join(sorted(need))})")
    cache: dict = {}
    cases: list[Case] = []
    for i, row in enumerate(rows[:limit] if limit else rows):
        text = row["headline"].strip()
        ticker = row["ticker"].strip().upper()
        try:
            published = dt.datetime.fromisoformat(row["published"].strip())
        except ValueError:
            raise InputError(f"{path} row {i + 2}: published {row['published']!r} is not ISO 8601") from None
        provider = None
        if row.get("price_file"):
            price_file = (path.parent / row["price_file"]).resolve()
            if price_file.is_file():
                provider = _price_provider(price_file, ticker, cache)
        claims: list[ClaimLabel] = []
        kinds = {"analyst_rating", "stock_price"}
        parsed = parse_benzinga_headline(text)
        if parsed:
            claims.append(ClaimLabel("analyst_rating", text, parsed, None))
        elif _ANALYST_WORDS.search(text):
            kinds.discard("analyst_rating")  # an analyst action in another wording: truth unknown, not scored
        if labels:
            kinds |= set(labels["kinds"])
            for extra in labels["rows"].get(row.get("id", ""), []):
                claims.append(ClaimLabel(extra["kind"], text, dict(extra["values"]), None, bool(extra.get("optional"))))
        for m in _HEADLINE_PRICE.finditer(text):
            before = text[max(0, m.start() - 14) : m.start()]
            if re.search(r"PT|[Tt]arget|Raises|Lowers", before):
                continue
            price = _num(m["p"])
            verdict = _headline_price_verdict(price, published, provider, ticker) if provider else None
            claims.append(ClaimLabel("stock_price", m.group(0), {"price": price}, verdict))
        cases.append(
            Case(
                id=row.get("id") or f"row{i + 2}",
                text=text,
                claims=claims,
                market=provider,
                published_at=published,
                pass_published=True,
                ticker=ticker,
                style="headline",
                labelled_kinds=kinds,
                label_flags=False,
            )
        )
    return cases


def is_headlines_csv(path: Union[str, Path]) -> bool:
    p = Path(path)
    if not p.is_file() or p.suffix.lower() != ".csv":
        return False
    try:
        with p.open(encoding="utf-8") as fh:
            header = fh.readline().lower()
    except (OSError, UnicodeDecodeError):
        return False
    return "headline" in header and "published" in header


# --------------------------------------------------------------------------- matching


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence boundaries: a newline, or . ! ? followed by white space."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (a, b) in enumerate(spans):
        if a <= pos <= b:
            return i
    return len(spans) - 1


def occurrences(text: str, needle: str) -> list[tuple[int, int]]:
    """Every span of ``needle`` in ``text``, ignoring case ("Urgent action needed" is one device wherever it stands)."""
    out, hay, pat = [], text.lower(), needle.lower()
    if len(hay) != len(text):  # lower-casing changed offsets (rare scripts): exact matches only
        hay, pat = text, needle
    start = hay.find(pat)
    while start >= 0 and pat:
        out.append((start, start + len(pat)))
        start = hay.find(pat, start + 1)
    return out


def _close(a: Any, b: Any, rel: float = REL_TOL) -> bool:
    try:
        return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=0.005)
    except (TypeError, ValueError):
        return False


def _norm_words(value: Any) -> str:
    return re.sub(r"[\s_-]+", " ", str(value)).strip().lower()


def value_agrees(kind: str, name: str, expected: Any, predicted: Any) -> bool:
    """Whether a predicted field value equals the labelled one, within the tolerance for its type."""
    if expected is None:
        return True
    if predicted is None:
        return False
    if name == "firm":
        from .firms import same_firm

        if same_firm(str(expected), str(predicted)):
            return True
        a, b = _norm_words(expected).split(), _norm_words(predicted).split()
        short, long_ = sorted((a, b), key=len)
        return bool(short) and long_[: len(short)] == short  # "Leerink" names "Leerink Swann"
    if name == "percent":
        return abs(float(expected) - float(predicted)) <= PERCENT_ABS_TOL
    if name in ("date", "period_start", "period_end", "window_start", "window_end"):
        return str(expected)[:10] == str(predicted)[:10]
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return _close(expected, predicted)
    if name == "counterparty":
        e, p = _norm_words(expected), _norm_words(predicted)
        return e in p or p in e
    return _norm_words(expected) == _norm_words(predicted)


def _key_agrees(label: ClaimLabel, fields: dict[str, Any]) -> bool:
    for name in KEY_FIELDS[label.kind]:
        if name in label.values and not value_agrees(label.kind, name, label.values[name], fields.get(name)):
            return False
    return True


def _secondary(label: ClaimLabel, fields: dict[str, Any]) -> tuple[int, int]:
    """(agreeing, compared) over the label's values that are not key fields."""
    names = [n for n in label.values if n not in KEY_FIELDS[label.kind]]
    agree = sum(1 for n in names if value_agrees(label.kind, n, label.values[n], fields.get(n)))
    return agree, len(names)


@dataclass
class Prediction:
    kind: str
    start: int
    end: int
    quote: str
    fields: dict[str, Any]
    verdict: Optional[str] = None
    reason: str = ""


def _location(label_spans: list[tuple[int, int]], pred: Prediction, sentences: list[tuple[int, int]]) -> int:
    """2 when the prediction overlaps the label's quote, 1 when in the same sentence, 0 otherwise."""
    if any(pred.start < b and a < pred.end for a, b in label_spans):
        return 2
    pred_sentences = {_sentence_of(sentences, pred.start), _sentence_of(sentences, max(pred.start, pred.end - 1))}
    for a, b in label_spans:
        if {_sentence_of(sentences, a), _sentence_of(sentences, max(a, b - 1))} & pred_sentences:
            return 1
    return 0


def match_claims(text: str, labels: list[ClaimLabel], preds: list[Prediction]) -> list[tuple[int, int]]:
    """One-to-one (label index, prediction index) pairs: same kind, place and key values; best first."""
    sentences = sentence_spans(text)
    candidates = []
    for li, label in enumerate(labels):
        spans = occurrences(text, label.quote_contains)
        for pi, pred in enumerate(preds):
            if pred.kind != label.kind or not _key_agrees(label, pred.fields):
                continue
            place = _location(spans, pred, sentences)
            if not place:
                continue
            agree, _ = _secondary(label, pred.fields)
            candidates.append((place, agree, -abs(pred.start - (spans[0][0] if spans else 0)), li, pi))
    candidates.sort(reverse=True)
    used_l, used_p, pairs = set(), set(), []
    for *_, li, pi in candidates:
        if li in used_l or pi in used_p:
            continue
        used_l.add(li)
        used_p.add(pi)
        pairs.append((li, pi))
    return pairs


def match_flags(text: str, labels: list[FlagLabel], preds: list[Prediction]) -> list[tuple[int, int]]:
    sentences = sentence_spans(text)
    candidates = []
    for li, label in enumerate(labels):
        spans = occurrences(text, label.quote_contains)
        for pi, pred in enumerate(preds):
            if pred.kind != label.technique:
                continue
            place = _location(spans, pred, sentences)
            if place:
                candidates.append((place, li, pi))
    candidates.sort(reverse=True)
    used_l, used_p, pairs = set(), set(), []
    for _, li, pi in candidates:
        if li not in used_l and pi not in used_p:
            used_l.add(li)
            used_p.add(pi)
            pairs.append((li, pi))
    return pairs


# --------------------------------------------------------------------------- scoring


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
        conf = self.confusion()
        return {
            "source": self.source,
            "extractor": self.extractor,
            "market": self.market,
            "measured_at": self.measured_at.isoformat(),
            "overall": self.summary(),
            "by_split": {s: self.summary(s) for s in self.splits()},
            "by_style": {s: self.summary(s) for s in sorted({c.style for c in self.cases if c.style and c.style != "headline"})},
            "claims_by_kind": {
                k: {**t.to_dict(), "verdict_accuracy": _r(self.kind_verdict_accuracy(k))} for k, t in self.claim_tallies().items()
            },
            "flags_by_technique": {k: t.to_dict() for k, t in self.flag_tallies().items()},
            "confusion": {e: {p: conf[(e, p)] for p in VERDICTS} for e in VERDICTS},
            "cases": [
                {
                    "id": c.id, "split": c.split, "style": c.style, "error": c.error,
                    "seconds": round(c.seconds, 4), "published_ok": c.published_ok,
                    "missed": c.missed, "spurious": c.spurious, "wrong_verdicts": c.wrong_verdicts,
                    "missed_flags": c.missed_flags, "spurious_flags": c.spurious_flags,
                }
                for c in self.cases
            ],
        }

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self, details: bool = False) -> str:
        return render_text(self, details=details)


# --------------------------------------------------------------------------- running


def run_cases(
    cases: list[Case],
    *,
    source: str,
    extractor: Any = "rules",
    market: Any = None,
    llm_settings: Any = None,
) -> EvalResult:
    """verify() every case (with its own market data unless ``market`` overrides) and score it.

    A case whose run fails is recorded with the error and counts every label as missed; the
    evaluation goes on. A VerifierError keeps its message; any other exception is a bug in the tool,
    recorded as ``internal error (Type: message)`` so one crashing article cannot hide the figures
    of the others (and is shown, not swallowed).
    """
    import time

    from .pipeline import verify

    results: list[CaseResult] = []
    engine = extractor
    if isinstance(extractor, str):
        from .extract import get_extractor

        engine = get_extractor(extractor, llm_settings)
    provider_cache: dict[str, Any] = {}
    used_extractor = getattr(engine, "name", str(extractor))
    first_error: Optional[VerifierError] = None
    for case in cases:
        chosen = case.market if market is None else market
        started = time.perf_counter()
        try:
            if isinstance(chosen, str) and chosen not in ("none", "auto", "yfinance"):
                if chosen not in provider_cache:
                    from .market import open_provider

                    provider_cache[chosen] = open_provider(chosen)
                chosen = provider_cache[chosen]
            report = verify(
                Path(case.path) if case.path else case.text,
                source=case.id,
                published_at=case.published_at if case.pass_published else None,
                extractor=engine,
                market=chosen,
                ticker=case.ticker,
                llm_settings=llm_settings,
            )
            used_extractor = report.run.extractor
            result = score_case(case, report)
        except Exception as exc:  # noqa: BLE001 - a crash is a measured failure of that case
            if isinstance(exc, VerifierError):
                first_error = first_error or exc
                message = str(exc)
            else:
                message = f"internal error ({type(exc).__name__}: {exc})"
            result = CaseResult(case.id, case.split, case.style, defaultdict(Tally), defaultdict(Tally), Counter())
            result.error = message
            for label in case.claims:
                if not label.optional:
                    result.claims[label.kind].labelled += 1
                    result.missed.append({"kind": label.kind, "quote": label.quote_contains, "values": label.values,
                                          "verdict": label.verdict})
            for flag in case.flags if case.label_flags else []:
                result.flags[flag.technique].labelled += 1
        result.seconds = time.perf_counter() - started
        results.append(result)
    if first_error is not None and all(r.error for r in results):
        # nothing ran (an LLM endpoint down, a market source failing): that is not a measurement
        raise type(first_error)(f"every case failed, e.g. {results[0].id}: {first_error}") from None
    market_label = "each case's own data" if market is None else (market if isinstance(market, str) else getattr(market, "name", "provider"))
    return EvalResult(source=source, extractor=used_extractor, market=market_label, cases=results)


def evaluate_corpus(
    path: Union[str, Path],
    extractor: Any = "rules",
    market: Any = None,
    *,
    split: Optional[str] = None,
    llm_settings: Any = None,
    limit: Optional[int] = None,
    headline_labels: Optional[Union[str, Path]] = None,
) -> EvalResult:
    """Evaluate a labelled corpus folder or a headlines CSV (detected by its columns).

    ``market`` None uses each case's own data (its snapshot, or the headline's price file);
    otherwise a ``--market`` value or provider used for every case.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p} does not exist; pass a corpus folder (e.g. fixtures/corpus) or a headlines CSV")
    if p.is_file():
        if not is_headlines_csv(p):
            raise InputError(f"{p} is neither a corpus folder nor a headlines CSV (needs headline and published columns)")
        extra = load_headline_labels(headline_labels) if headline_labels else None
        cases = load_headlines(p, limit=limit, labels=extra)
    else:
        if headline_labels:
            raise InputError("--labels is for a headlines CSV; a corpus folder carries its own labels")
        cases = load_corpus(p, split=split)
        if limit:
            cases = cases[:limit]
    return run_cases(cases, source=str(p), extractor=extractor, market=market, llm_settings=llm_settings)


# --------------------------------------------------------------------------- text rendering


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
