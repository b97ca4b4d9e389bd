"""A vendor's daily OHLCV CSV -> a snapshot, so users can bring their own price data.

Two layouts are read, told apart by their header:

- Yahoo Finance downloads: ``Date,Open,High,Low,Close,Adj Close,Volume[,Dividends,Stock Splits]``
  with ISO (2020-01-02) or US (1/2/2020) dates.
- Stooq / Kaggle style: lowercase ``date,open,high,low,close,volume[,Name]``.

Prices stay as traded. Yahoo's own downloads are split-ADJUSTED (every price before a split is
divided by its ratio); ``split_adjusted`` names the splits to undo, so a 2020 AMZN close comes out
near $3,000 again and not near $150. The undone splits are recorded in the snapshot.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from pathlib import Path
from typing import Iterable, Optional

from ..errors import InputError
from .base import Bar, Dividend, PriceHistory, Profile, Provenance, Split, TickerData
from .snapshot import Snapshot

_REQUIRED = ("date", "open", "high", "low", "close")
_ALIASES = {
    "date": "date",
    "datetime": "date",
    "timestamp": "date",
    "open": "open",
    "high": "high",
    "low": "low",
    "close": "close",
    "adj close": "adj_close",
    "adj_close": "adj_close",
    "adjclose": "adj_close",
    "volume": "volume",
    "vol": "volume",
    "dividends": "dividends",
    "stock splits": "splits",
    "stock_splits": "splits",
    "name": "name",
    "ticker": "name",
    "symbol": "name",
}
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y")


def parse_split_spec(spec: Optional[str]) -> list[Split]:
    """``"20@2022-06-06,4@2020-08-31"`` (also ``20:1@...``) -> splits; empty -> []."""
    if not spec or not spec.strip():
        return []
    out: list[Split] = []
    for item in spec.split(","):
        item = item.strip()
        if not item:
            continue
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s*[:/]\s*(\d+(?:\.\d+)?))?\s*@\s*(\d{4}-\d{2}-\d{2})", item)
        if not m:
            raise InputError(
                f"--split-adjusted item {item!r} is not RATIO@YYYY-MM-DD; write e.g. 20@2022-06-06 "
                "(20 new shares per old) or 3:2@2021-01-04"
            )
        new, old = float(m.group(1)), float(m.group(2) or 1)
        try:
            day = dt.date.fromisoformat(m.group(3))
        except ValueError:
            raise InputError(f"--split-adjusted item {item!r} has an invalid date; use YYYY-MM-DD") from None
        if new <= 0 or old <= 0:
            raise InputError(f"--split-adjusted item {item!r}: the ratio must be positive")
        out.append(Split(date=day, ratio=new / old))
    return sorted(out, key=lambda s: s.date)


def _parse_date(text: str, where: str) -> dt.date:
    text = text.strip()
    if " " in text or "T" in text[10:11]:
        text = re.split(r"[ T]", text, maxsplit=1)[0]  # "2020-01-02 00:00:00-05:00" -> the exchange date
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise InputError(f"{where}: cannot read the date {text!r}; use ISO (2020-01-02) or M/D/YYYY dates")


def _number(text: Optional[str], where: str, column: str, *, optional: bool = False) -> Optional[float]:
    if text is None or not text.strip() or text.strip().lower() in ("null", "nan", "na", "n/a", "-"):
        if optional:
            return None
        raise InputError(f"{where}: the {column} column is empty; remove the row or fill the value")
    try:
        value = float(text.replace(",", "").strip())
    except ValueError:
        raise InputError(f"{where}: {column} {text!r} is not a number") from None
    if math.isnan(value):
        if optional:
            return None
        raise InputError(f"{where}: {column} is NaN; remove the row or fill the value")
    return value


def split_factor(day: dt.date, splits: Iterable[Split]) -> float:
    """How many as-traded units one split-adjusted unit of ``day`` is: the product of later splits."""
    factor = 1.0
    for s in splits:
        if s.date > day:
            factor *= s.ratio
    return factor


def _check_split_jumps(bars: list[Bar], file_splits: list[Split], undo: list[Split], path: Path) -> None:
    """A split inside the file must show as a price jump once the bars are as traded.

    Catches the silent error of importing split-adjusted prices as if they were as traded (or of
    undoing a split the prices never had): the close before the split divided by the open on the
    split day is near the ratio for as-traded prices and near 1 for adjusted ones.
    """
    undone = {s.date for s in undo}
    for split in {s.date: s for s in [*file_splits, *undo]}.values():
        if 0.67 < split.ratio < 1.5:
            continue  # too small a ratio to tell from a day's move
        before = [b for b in bars if b.date < split.date]
        after = [b for b in bars if b.date >= split.date]
        if not before or not after:
            continue
        raw_jump = before[-1].close / after[0].open / (split.ratio if split.date in undone else 1.0)
        adjusted = abs(math.log(raw_jump)) < abs(math.log(raw_jump) - math.log(split.ratio))
        spec = f"{split.ratio:g}@{split.date}"
        if adjusted and split.date not in undone:
            raise InputError(
                f"{path.name} records a {split.ratio:g}:1 split on {split.date} but its prices do not jump there, "
                f"so they are split-adjusted; pass --split-adjusted {spec} (and any later splits) to import them as traded"
            )
        if not adjusted and split.date in undone:
            raise InputError(
                f"--split-adjusted {spec}: the prices in {path.name} already jump by {raw_jump:.2f}x at {split.date}, "
                "so they are not adjusted for it; drop it from --split-adjusted"
            )


def read_price_csv(text: str, source: str = "<csv>") -> tuple[list[dict], str]:
    """Rows as dicts with canonical keys, and the detected layout ('yahoo' or 'plain').

    Comma, tab and semicolon separated files are read; with semicolons, decimal commas are too.
    """
    sample = text.lstrip("\ufeff")
    if not sample.strip():
        raise InputError(f"{source} is empty; pass a daily OHLCV CSV with a header row")
    first_line = sample.splitlines()[0] if sample.splitlines() else ""
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ("\t" if "\t" in first_line else ",")
    reader = csv.reader(io.StringIO(sample), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise InputError(f"{source} is not a CSV file ({exc}); pass a daily OHLCV CSV") from None
    columns = [_ALIASES.get(h.strip().lower()) for h in header]
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        raise InputError(
            f"{source}: header {','.join(h.strip() for h in header)!r} lacks {', '.join(missing)}; expected Yahoo "
            "(Date,Open,High,Low,Close,Adj Close,Volume[,Dividends,Stock Splits]) or Stooq/Kaggle "
            "(date,open,high,low,close,volume) columns"
        )
    layout = "yahoo" if {"adj_close", "splits"} & set(columns) else "plain"
    rows = []
    for lineno, raw in enumerate(reader, start=2):
        if not raw or all(not c.strip() for c in raw):
            continue
        if len(raw) < len(header):
            raise InputError(f"{source} line {lineno}: {len(raw)} values for {len(header)} columns; fix the row")
        if delimiter == ";":  # European exports: decimal commas ("241,73")
            raw = [v.replace(".", "").replace(",", ".") if re.fullmatch(r"-?[\d.]*,\d+", v.strip()) else v for v in raw]
        rows.append({col: val for col, val in zip(columns, raw) if col})
        rows[-1]["_line"] = lineno
    if not rows:
        raise InputError(f"{source} has a header but no rows; pass a file with daily prices")
    return rows, layout


def import_csv(
    ticker: str,
    path: str | Path,
    *,
    currency: str = "USD",
    split_adjusted: Optional[str | list[Split]] = None,
    exchange: str = "XNYS",
    timezone: Optional[str] = None,
    source: Optional[str] = None,
    name: Optional[str] = None,
) -> TickerData:
    """Read one ticker's daily CSV into ``TickerData`` with as-traded bars.

    ``split_adjusted`` lists the splits the file's prices are adjusted for (a spec string such as
    ``"20@2022-06-06"`` or Split objects); bars dated before each split are multiplied back by its
    ratio and their volumes divided by it.
    """
    p = Path(path)
    if not p.exists():
        raise InputError(f"price file not found: {p}; pass the path of a daily OHLCV CSV")
    if p.is_dir():
        raise InputError(f"{p} is a folder; pass a CSV file")
    try:
        text = p.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{p} is not UTF-8 text; pass a CSV file (export it as UTF-8)") from None
    ticker = ticker.strip().upper()
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9.\-=^]{0,14}", ticker):
        raise InputError(f"{ticker!r} is not a ticker symbol; pass e.g. AMZN or BRK-B")
    from ..currency import normalise_currency

    quoted = currency.strip()
    currency, divisor = normalise_currency(quoted)  # GBp (pence) -> GBP, prices divided by 100
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise InputError(f"--currency {currency!r} is not an ISO 4217 code; use e.g. USD or EUR")
    exchange = (exchange or "XNYS").strip().upper()
    if timezone is None:
        from .calendar import timezone_of

        timezone = str(timezone_of(exchange))
    undo = parse_split_spec(split_adjusted) if isinstance(split_adjusted, (str, type(None))) else list(split_adjusted)

    rows, layout = read_price_csv(text, str(p))
    bars: dict[dt.date, Bar] = {}
    dividends: list[Dividend] = []
    file_splits: list[Split] = []
    names = set()
    for row in rows:
        where = f"{p} line {row['_line']}"
        day = _parse_date(row["date"], where)
        values = {c: _number(row.get(c), where, c) for c in ("open", "high", "low", "close")}
        volume = _number(row.get("volume"), where, "volume", optional=True)
        if any(v <= 0 for v in values.values()):
            raise InputError(f"{where}: prices must be positive (got {values}); fix or remove the row")
        if values["high"] < values["low"]:
            raise InputError(f"{where}: high {values['high']} is below low {values['low']}; fix the row")
        factor = split_factor(day, undo) / divisor
        bar = Bar(
            date=day,
            open=round(values["open"] * factor, 6),
            high=round(values["high"] * factor, 6),
            low=round(values["low"] * factor, 6),
            close=round(values["close"] * factor, 6),
            volume=None if volume is None else round(volume / (factor * divisor), 3),
        )
        if day in bars:
            raise InputError(f"{where}: a second row for {day}; remove the duplicate")
        bars[day] = bar
        dividend = _number(row.get("dividends"), where, "dividends", optional=True)
        if dividend:
            dividends.append(Dividend(date=day, amount=round(dividend * factor, 6)))
        ratio = _number(row.get("splits"), where, "stock splits", optional=True)
        if ratio and ratio > 0 and ratio != 1:
            file_splits.append(Split(date=day, ratio=ratio))
        if row.get("name"):
            names.add(row["name"].strip().upper())
    if names and names != {ticker}:
        raise InputError(f"{p} holds prices for {', '.join(sorted(names))}, not {ticker}; pass the matching ticker")

    ordered = [bars[d] for d in sorted(bars)]
    _check_split_jumps(ordered, file_splits, undo, p)

    splits = {s.date: s for s in file_splits}
    for s in undo:
        splits.setdefault(s.date, s)
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    label = source or ("Yahoo Finance CSV" if layout == "yahoo" else "daily price CSV")
    note = f"imported from {p.name}"
    if divisor != 1:
        note += f"; quoted in {quoted}: prices divided by {divisor:g} to {currency}"
    if undo:
        note += "; split adjustment undone for " + ", ".join(f"{s.ratio:g}:1 on {s.date}" for s in undo)
    provenance = Provenance(source=f"{label} ({p.name})", retrieved_at=now, note=note)
    return TickerData(
        ticker=ticker,
        profile=Profile(name=name or ticker, currency=currency, exchange=exchange, timezone=timezone, provenance=provenance)
        if name
        else None,
        prices=PriceHistory(
            currency=currency, exchange=exchange, timezone=timezone, as_traded=True, bars=ordered, provenance=provenance
        ),
        splits=sorted(splits.values(), key=lambda s: s.date),
        dividends=dividends,
        provenance=provenance,
        missing=[
            f"analyst actions: not in {p.name} (a price file)",
            f"scheduled events: not in {p.name} (a price file)",
            f"company facts (job cuts, deals, reported figures): not in {p.name} (a price file)",
        ],
    )


def import_csv_snapshot(
    ticker: str,
    path: str | Path,
    *,
    currency: str = "USD",
    split_adjusted: Optional[str] = None,
    into: Optional[Snapshot] = None,
    **kwargs,
) -> Snapshot:
    """A snapshot holding the imported ticker (added to ``into`` when given)."""
    data = import_csv(ticker, path, currency=currency, split_adjusted=split_adjusted, **kwargs)
    snap = into or Snapshot(
        created_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
        description=f"imported from {Path(path).name}",
    )
    snap.tickers[data.ticker] = data
    return snap


def load_split_table(path: str | Path, ticker: str) -> str:
    """The ``--split-adjusted`` spec for ``ticker`` from a CSV with ticker,date,ratio columns."""
    p = Path(path)
    try:
        rows = list(csv.DictReader(io.StringIO(p.read_text(encoding="utf-8"))))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read split table {p}: {exc}") from None
    if rows and not {"ticker", "date", "ratio"} <= set(rows[0]):
        raise InputError(f"{p} needs ticker,date,ratio columns")
    items = [f"{float(r['ratio']):g}@{r['date'].strip()}" for r in rows if r["ticker"].strip().upper() == ticker.upper()]
    return ",".join(items)


def price_file_snapshot(path: str | Path, ticker: str, split_table: Optional[str | Path] = None) -> Snapshot:
    """An in-memory snapshot of one ticker's price file, as traded, for ``SnapshotProvider``.

    A Yahoo download (it has an ``Adj Close`` column) is split-adjusted: the ticker's splits listed
    in ``split_table`` (ticker,date,ratio) are undone. Without a table, or with no row for the
    ticker, the file is read as it stands (a file whose prices jump at a split is then refused).
    """
    p = Path(path)
    spec = None
    if split_table is not None and Path(split_table).is_file():
        try:
            with p.open(encoding="utf-8") as fh:
                header = fh.readline().lower()
        except (OSError, UnicodeDecodeError):
            header = ""  # import_csv below names the problem
        if "adj close" in header:
            spec = load_split_table(split_table, ticker) or None
    data = import_csv(ticker, p, split_adjusted=spec, source="price file")
    return Snapshot(description=p.name, tickers={data.ticker: data})
