"""Real headlines as ground truth: a CSV (``id, ticker, published, headline, price_file``), such as
the Benzinga file in ``../shared/data/headlines``, plus optional hand labels by row id.

Truth for an analyst action is parsed from the headline itself (Benzinga's fixed wording); a price
quoted in the headline is settled by the price file the row names, imported as traded.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any, Optional, Union

from ..errors import InputError
from ..market.csv_import import price_file_snapshot
from ..market.snapshot import SnapshotProvider
from ..schemas import CLAIM_KINDS
from .corpus import Case, ClaimLabel

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


# the shared data set keeps the splits its Yahoo files are adjusted for next to them
SPLIT_TABLE = Path("derived") / "splits_from_yahoo_files.csv"


def _price_provider(price_file: Path, ticker: str, cache: dict) -> SnapshotProvider:
    """The row's price file as an in-memory snapshot, as traded (Yahoo files un-adjusted); one
    import per file and ticker however many rows name it."""
    key = (str(price_file), ticker)
    if key not in cache:
        snapshot = price_file_snapshot(price_file, ticker, split_table=price_file.parent / SPLIT_TABLE)
        cache[key] = SnapshotProvider(snapshot, label=f"{price_file.name} (price file)")
    return cache[key]


def _headline_price_verdict(price: float, published: dt.datetime, provider: SnapshotProvider, ticker: str) -> Optional[str]:
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
