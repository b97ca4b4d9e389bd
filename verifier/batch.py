"""Batch runs: audit a folder of articles or a JSONL file, one report per article plus ``summary.jsonl``.

Design, and why:
- Streaming. Articles are read one at a time (folder entries or JSONL lines) and at most
  ``2 * jobs`` are in flight; each finished article's reports are written and its summary line
  appended (and flushed) at once, then the report is dropped. Memory does not grow with the
  number of articles.
- Concurrency. Articles run on a thread pool of ``jobs`` workers: the slow part, LLM calls, is I/O.
  Writing files, the summary and the history happens on the calling thread only.
- Market data once per ticker. All workers share one ``SharedMarket`` provider
  (``verifier/market/shared.py``) that keeps each ticker's data for the whole batch; a request outside the window fetched so far fetches the
  union window once more (so articles in date order cost one fetch per ticker). A ticker the
  source does not know is remembered as unknown.
- Failures stay local. A bad article (unreadable, empty, an endpoint error) becomes a summary line
  with ``status: "error"`` and its reason; the batch goes on.
- Resume. Every summary line carries the article's content hash and a hash of the settings. On a
  re-run into the same folder, articles whose last line is ``ok`` with the same hashes (and whose
  report file is still there) are skipped; at the end ``summary.jsonl`` is compacted to the last
  line per article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional, Union

from .errors import InputError, VerifierError
from .market.shared import SharedMarket

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
REPORT_FORMATS = ("json", "md", "html", "text")
_EXTENSIONS = {"json": "json", "md": "md", "html": "html", "text": "txt"}
SUMMARY_NAME = "summary.jsonl"


# --------------------------------------------------------------------------- input


@dataclass
class Article:
    """One article of a batch: a file, or a JSONL record (``text`` given). ``problem`` marks unusable input."""

    id: str
    path: Optional[Path] = None
    text: Optional[str] = None
    published_at: Optional[str] = None
    source: Optional[str] = None
    problem: Optional[str] = None


def _safe_id(raw: str) -> str:
    """A file-name-safe id; a changed id gets a short hash so two ids never collide."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._") or "article"
    if safe != raw or len(safe) > 100:
        safe = f"{safe[:90]}-{hashlib.sha256(raw.encode('utf-8')).hexdigest()[:8]}"
    return safe


def iter_articles(source: Union[str, Path]) -> Iterator[Article]:
    """Articles of a folder (sorted, recursive) or a JSONL file, read lazily."""
    path = Path(source)
    if not path.exists():
        raise InputError(f"batch input not found: {path}; give a folder of articles or a .jsonl file")
    if path.is_dir():
        return _iter_folder(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        return _iter_jsonl(path)
    raise InputError(f"{path} is neither a folder nor a .jsonl file; give a folder of .txt/.md/.html articles or JSONL")


def _is_article_file(path: Path, folder: Path) -> bool:
    """Article files: .txt/.md/.html, not hidden (no part starting with '.'), not a README."""
    rel = path.relative_to(folder).parts
    return (
        path.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in rel)
        and path.stem.upper() != "README"
        and path.is_file()
    )


def _walk_sorted(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in sorted path order, one directory listing at a time (not one list of all)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            yield from _walk_sorted(Path(entry.path))
        else:
            yield Path(entry.path)


def _iter_folder(folder: Path) -> Iterator[Article]:
    seen: set[str] = set()
    for file in (p for p in _walk_sorted(folder) if _is_article_file(p, folder)):
        rel = file.relative_to(folder).with_suffix("").as_posix()
        article_id = _safe_id(rel.replace("/", "__"))
        if article_id in seen:
            article_id = _safe_id(file.relative_to(folder).as_posix().replace("/", "__"))
        seen.add(article_id)
        yield Article(id=article_id, path=file, source=str(file))


def _iter_jsonl(path: Path) -> Iterator[Article]:
    seen: set[str] = set()
    try:
        fh = path.open("r", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}; check its permissions") from None
    with fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            fallback = f"line-{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Article(id=fallback, problem=f"line {number} is not valid JSON ({exc.msg}); fix the line")
                continue
            if not isinstance(record, dict):
                yield Article(id=fallback, problem=f"line {number} is not a JSON object; write {{\"id\", \"text\"}}")
                continue
            raw_id = record.get("id")
            article_id = _safe_id(str(raw_id)) if raw_id not in (None, "") else fallback
            if article_id in seen:
                yield Article(
                    id=f"{article_id}-line-{number}",
                    problem=f"line {number} repeats id {raw_id!r}; give every article its own id",
                )
                continue
            seen.add(article_id)
            text = record.get("text")
            published = record.get("published_at")
            if not isinstance(text, str) or not text.strip():
                yield Article(id=article_id, problem=f"line {number} has no \"text\"; give the article text as a string")
                continue
            if published is not None and not isinstance(published, str):
                yield Article(id=article_id, problem=f"line {number}: \"published_at\" must be an ISO 8601 string")
                continue
            source = record.get("source")
            yield Article(
                id=article_id, text=text, published_at=published,
                source=str(source) if source else f"{path.name}#{raw_id if raw_id not in (None, '') else fallback}",
            )


@dataclass
class InputScan:
    """What one streaming pass over the input tells before the run: how many articles, which dates."""

    count: Optional[int] = None
    first: Optional[dt.date] = None
    last: Optional[dt.date] = None

    def window(self) -> Optional[tuple[dt.date, dt.date]]:
        """The market-data window every article's checks fit in (publication dates plus the look-back)."""
        if self.first is None or self.last is None:
            return None
        from .pipeline import LOOKAHEAD_DAYS, LOOKBACK_DAYS

        return self.first - dt.timedelta(days=LOOKBACK_DAYS), self.last + dt.timedelta(days=LOOKAHEAD_DAYS)


def scan_input(source: Union[str, Path]) -> InputScan:
    """Count the articles and find the span of their publication times, streaming (nothing is kept)."""
    from .dates import find_publication_time, parse_datetime_arg

    scan = InputScan(count=0)

    def note(day: Optional[dt.date]) -> None:
        if day is not None:
            scan.first = day if scan.first is None else min(scan.first, day)
            scan.last = day if scan.last is None else max(scan.last, day)

    try:
        for article in iter_articles(source):
            scan.count = (scan.count or 0) + 1
            try:
                if article.published_at:
                    note(parse_datetime_arg(article.published_at).date())
                elif article.path is not None:
                    with article.path.open("r", encoding="utf-8", errors="replace") as fh:
                        found = find_publication_time(fh.read(4096))
                    note(found.value.date() if found else None)
                elif article.text:
                    found = find_publication_time(article.text[:4096])
                    note(found.value.date() if found else None)
            except (VerifierError, OSError, ValueError):
                continue  # the article itself will report its problem
    except (VerifierError, OSError):
        return InputScan()
    return scan


# --------------------------------------------------------------------------- results


@dataclass
class ItemResult:
    """What happened to one article: a line of summary.jsonl."""

    id: str
    status: str  # ok | error | skipped
    error: Optional[str] = None
    source: Optional[str] = None
    claims: int = 0
    supported: int = 0
    contradicted: int = 0
    unverifiable: int = 0
    no_data: int = 0
    flags: int = 0
    promotional_score: float = 0.0
    risk: Optional[str] = None
    report: Optional[str] = None
    outputs: list[str] = field(default_factory=list)
    content_hash: Optional[str] = None
    settings_hash: Optional[str] = None
    finding: bool = False
    duration_seconds: float = 0.0
    finished_at: Optional[str] = None
    report_obj: Any = field(default=None, repr=False)

    def summary_line(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k not in ("report_obj",)}
        return data


@dataclass
class BatchResult:
    """The outcome of a batch; ``exit_code`` is 3 if any article failed, else 1 with findings, else 0."""

    out_dir: Path
    summary_path: Path
    total: int = 0
    ok: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    market_fetches: dict[str, int] = field(default_factory=dict)
    interrupted: bool = False
    history_warnings: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if self.failed:
            return 3
        if self.findings:
            return 1
        return 0


# --------------------------------------------------------------------------- the run


def settings_hash(**settings: Any) -> str:
    """A hash of everything that changes a report: extractor, model, market data, ticker, formats, version."""
    from ._version import __version__

    payload = json.dumps({**settings, "version": __version__}, sort_keys=True, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def read_done(summary_path: Path) -> dict[str, dict[str, Any]]:
    """The last summary line per article id of an earlier run (unreadable lines are ignored)."""
    return _read_summary(summary_path)[0]


def _read_summary(summary_path: Path) -> tuple[dict[str, dict[str, Any]], bool]:
    """(last line per id, whether the file holds lines to drop: damaged ones or repeats)."""
    done: dict[str, dict[str, Any]] = {}
    untidy = False
    if not summary_path.exists():
        return done, untidy
    with summary_path.open("r", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                untidy = True  # a line cut short by an interruption
                continue
            if isinstance(record, dict) and record.get("id"):
                key = str(record["id"])
                untidy = untidy or key in done
                # only what resuming needs: a few short strings per article
                done[key] = {k: record.get(k) for k in ("status", "content_hash", "settings_hash", "report")}
            else:
                untidy = True
    return done, untidy


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _fail_on_hit(report: Any, conditions: Sequence[str]) -> bool:
    for cond in conditions:
        if cond == "flagged" and report.flags:
            return True
        if cond in ("contradicted", "unverifiable", "no_data") and getattr(report.summary, cond):
            return True
    return False


def run_batch(
    source: Union[str, Path],
    out_dir: Union[str, Path],
    *,
    jobs: int = 4,
    formats: Sequence[str] = ("json",),
    extractor: Any = "auto",
    market: Any = "auto",
    ticker: Optional[str] = None,
    llm_settings: Any = None,
    fail_on: Sequence[str] = (),
    log_history: bool = False,
    on_start: Optional[Callable[[Optional[int]], None]] = None,
    on_result: Optional[Callable[[ItemResult], None]] = None,
    articles: Optional[Iterable[Article]] = None,
) -> BatchResult:
    """Audit every article of ``source`` (a folder or a JSONL file) into ``out_dir``.

    Each article gets ``<id>.json`` plus one file per extra format, and a line in
    ``summary.jsonl``. ``on_start(total)`` and ``on_result(item)`` report progress (called on the
    calling thread). ``articles`` replaces reading ``source`` (any iterable of ``Article``).
    """
    from .market import open_provider

    bad = [f for f in formats if f not in REPORT_FORMATS]
    if bad:
        raise InputError(f"unknown report format {', '.join(bad)}; use {', '.join(REPORT_FORMATS)}")
    if jobs < 1:
        raise InputError("--jobs must be 1 or more")
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder {out}: {exc.strerror}; choose another --out") from None
    if not os.access(out, os.W_OK):
        raise InputError(f"the output folder {out} is not writable; choose another --out")
    stream = iter(articles) if articles is not None else iter_articles(source)
    formats = ["json", *[f for f in dict.fromkeys(formats) if f != "json"]]

    provider = open_provider(market) if (market is None or isinstance(market, str)) else market
    scan = scan_input(source) if articles is None else InputScan()
    shared = SharedMarket(provider, window=scan.window()) if provider is not None else None
    model = getattr(llm_settings, "model", None) if llm_settings is not None else None
    settings = settings_hash(
        extractor=extractor if isinstance(extractor, str) else getattr(extractor, "name", type(extractor).__name__),
        model=model, market=provider.describe() if provider is not None else "none", ticker=ticker,
        formats=sorted(formats),
    )
    summary_path = out / SUMMARY_NAME
    done, untidy = _read_summary(summary_path)
    result = BatchResult(out_dir=out, summary_path=summary_path)
    history = None
    if log_history:
        try:
            from .store import History

            history = History.open()
        except VerifierError as exc:
            result.history_warnings.append(str(exc))

    if on_start is not None:
        on_start(scan.count)

    engine = _shared_engine(extractor, llm_settings)

    def work(article: Article) -> ItemResult:
        return _audit_one(
            article, out, formats, engine, shared if shared is not None else "none", ticker, llm_settings,
            fail_on, settings, done.get(article.id),
        )

    rewritten: list[bool] = [True] if untidy else []  # lines to drop: compact summary.jsonl at the end

    def handle(item: ItemResult, summary: Any) -> None:
        result.total += 1
        if item.status == "skipped":
            result.skipped += 1
        else:
            if item.id in done and not rewritten:
                rewritten.append(True)
            if item.status == "ok":
                result.ok += 1
            else:
                result.failed.append((item.id, item.error or "unknown error"))
            summary.write(json.dumps(item.summary_line(), ensure_ascii=False) + "\n")
            summary.flush()
        if item.finding:
            result.findings.append(item.id)
        if history is not None and item.report_obj is not None:
            try:
                history.save(item.report_obj)
            except VerifierError as exc:
                if not result.history_warnings:
                    result.history_warnings.append(str(exc))
        item.report_obj = None
        if on_result is not None:
            on_result(item)

    in_flight: set[Future[ItemResult]] = set()
    pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="verifier-batch")
    try:
        _end_with_newline(summary_path)  # a line cut short by a killed run must not swallow the next one
        with summary_path.open("a", encoding="utf-8") as summary:
            try:
                for article in stream:
                    in_flight.add(pool.submit(work, article))
                    if len(in_flight) >= 2 * jobs:
                        finished, in_flight = _wait_some(in_flight)
                        for fut in finished:
                            handle(fut.result(), summary)
                while in_flight:
                    finished, in_flight = _wait_some(in_flight)
                    for fut in finished:
                        handle(fut.result(), summary)
            except KeyboardInterrupt:
                result.interrupted = True
                for fut in in_flight:
                    fut.cancel()
                raise
    finally:
        pool.shutdown(wait=not result.interrupted, cancel_futures=True)
        if history is not None:
            history.close()
        if shared is not None:
            result.market_fetches = dict(shared.fetches)
    if rewritten:
        compact_summary(summary_path)
    write_index(out)
    return result


def _wait_some(futures: set[Future[ItemResult]]) -> tuple[set[Future[ItemResult]], set[Future[ItemResult]]]:
    finished, pending = wait(futures, return_when=FIRST_COMPLETED)
    return set(finished), set(pending)


def _end_with_newline(path: Path) -> None:
    if path.exists() and path.stat().st_size:
        with path.open("rb+") as fh:
            fh.seek(-1, os.SEEK_END)
            if fh.read(1) != b"\n":
                fh.write(b"\n")


def compact_summary(summary_path: Path) -> None:
    """Keep one line per article (its last) so summary.jsonl reads as one line per article."""
    if not summary_path.exists():
        return
    lines: dict[str, str] = {}
    with summary_path.open("r", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and record.get("id"):
                key = str(record["id"])
                lines.pop(key, None)  # keep the latest at the end
                lines[key] = json.dumps(record, ensure_ascii=False) + "\n"
    _write_atomic(summary_path, "".join(lines.values()))


_INDEX_CSS = (
    "body{margin:0;font:14px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1f2328;background:#f6f8fa}"
    "main{max-width:1120px;margin:0 auto;padding:20px}h1{font-size:1.3rem;margin:0 0 4px}"
    "table{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d1d9e0}"
    "th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #d1d9e0;vertical-align:top}"
    "th{background:#eef1f4;font-size:.75rem;text-transform:uppercase;letter-spacing:.05em;color:#59636e}"
    "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.bad{color:#c62828;font-weight:700}"
    ".error{color:#c62828}.risk-high{color:#c62828;font-weight:700}.risk-medium{color:#9a6700}"
    "p.muted{color:#59636e;margin:0 0 14px}@media (max-width:760px){td:nth-child(3),th:nth-child(3){display:none}}"
)


INDEX_ATTENTION_ROWS = 200  # the "needs attention" table is bounded so the index never holds the whole batch


def _index_row(r: dict[str, Any]) -> tuple[tuple, str]:
    """(priority key, table row) for one summary line: failures first, then most contradicted, riskiest."""
    from html import escape

    status = str(r.get("status"))
    name = escape(str(r["id"]))
    source = escape(str(r.get("source") or ""))
    if status != "ok":
        row = (
            f'<tr><td>{name}</td><td class="error">error</td><td>{source}</td>'
            f'<td colspan="7" class="error">{escape(str(r.get("error") or ""))}</td></tr>'
        )
        return (0, 0, 0.0, str(r["id"])), row
    outputs = r.get("outputs") or []
    target = next((o for o in outputs if str(o).endswith(".html")), r.get("report"))
    link = f'<a href="{escape(str(target))}">{name}</a>' if target else name
    cells = [f"<td>{link}</td>", "<td>ok</td>", f"<td>{source}</td>"]
    cells += [
        f'<td class="n{" bad" if k == "contradicted" and r.get(k) else ""}">{int(r.get(k) or 0)}</td>'
        for k in ("claims", "supported", "contradicted", "unverifiable", "no_data", "flags")
    ]
    risk = escape(str(r.get("risk")))
    cells.append(f'<td><span class="risk-{risk}">{risk} {float(r.get("promotional_score") or 0):.2f}</span></td>')
    key = (1, -int(r.get("contradicted") or 0), -float(r.get("promotional_score") or 0), str(r["id"]))
    return key, "<tr>" + "".join(cells) + "</tr>"


def _summary_records(summary_path: Path) -> Iterator[dict[str, Any]]:
    if not summary_path.exists():
        return
    with summary_path.open("r", encoding="utf-8", errors="replace") as fh:
        for line in fh:
            try:
                r = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(r, dict) and r.get("id"):
                yield r


def write_index(out: Path) -> Path:
    """``index.html``: what needs attention first (bounded), then every article in run order.

    Streamed from summary.jsonl in two passes, so its memory does not grow with the batch.
    """
    import heapq

    summary_path = out / SUMMARY_NAME
    counts: dict[str, int] = {}
    attention: list[tuple[tuple, str]] = []  # pruned to the most urgent rows whenever it doubles
    for r in _summary_records(summary_path):
        status = "ok" if r.get("status") == "ok" else "error"
        counts[status] = counts.get(status, 0) + 1
        key, row = _index_row(r)
        if status == "error" or r.get("contradicted"):
            attention.append((key, row))
            if len(attention) > 2 * INDEX_ATTENTION_ROWS:
                attention = heapq.nsmallest(INDEX_ATTENTION_ROWS, attention)
    attention = heapq.nsmallest(INDEX_ATTENTION_ROWS, attention)
    header = "".join(f"<th>{h}</th>" for h in ("Article", "Status", "Source")) + "".join(
        f'<th class="n">{h}</th>' for h in ("Claims", "✓", "✗", "?", "–", "Flags")
    ) + "<th>Risk</th>"
    index = out / "index.html"
    tmp = index.with_name(index.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>verifier batch</title>'
            f"<style>{_INDEX_CSS}</style></head><body><main><h1>verifier batch</h1>"
            f'<p class="muted">{counts.get("ok", 0)} audited, {counts.get("error", 0)} failed; '
            f"the full figures are in {SUMMARY_NAME}.</p>"
        )
        if attention:
            more = "" if len(attention) < INDEX_ATTENTION_ROWS else f" (the first {INDEX_ATTENTION_ROWS})"
            fh.write(f"<h2>Needs attention{more}: failures, then contradicted claims</h2>")
            fh.write(f"<table><thead><tr>{header}</tr></thead><tbody>")
            fh.writelines(row for _, row in attention)
            fh.write("</tbody></table>")
        fh.write(f"<h2>All articles</h2><table><thead><tr>{header}</tr></thead><tbody>")
        for r in _summary_records(summary_path):
            fh.write(_index_row(r)[1])
        fh.write("</tbody></table></main></body></html>\n")
    os.replace(tmp, index)
    return index


def _shared_engine(extractor: Any, llm_settings: Any) -> Any:
    """One LLM engine for the whole batch (one HTTP client, its connections and the settled --llm-mode);
    it keeps ``auto``'s fall-back to the rules. Anything else is passed on as given."""
    if not isinstance(extractor, str) or extractor not in ("llm", "auto"):
        return extractor
    from .extract import get_extractor
    from .extract.llm import LLMExtractor

    try:
        engine = get_extractor(extractor, llm_settings)
    except VerifierError:
        return extractor  # each article reports the problem on its own line, as before
    return engine if isinstance(engine, LLMExtractor) else extractor


def _audit_one(
    article: Article,
    out: Path,
    formats: Sequence[str],
    extractor: Any,
    market: Any,
    ticker: Optional[str],
    llm_settings: Any,
    fail_on: Sequence[str],
    settings: str,
    previous: Optional[dict[str, Any]],
) -> ItemResult:
    """Audit one article; never raises for a problem with this article (it becomes an error line)."""
    from .document import document_from_text, load_document
    from .pipeline import verify
    from .report import render

    started = time.monotonic()
    item = ItemResult(id=article.id, status="error", source=article.source, settings_hash=settings)
    try:
        if article.problem:
            raise InputError(article.problem)
        if article.path is not None:
            doc = load_document(str(article.path))
        else:
            doc = document_from_text(article.text or "", article.source or article.id)
        content = hashlib.sha256(f"{doc.text}\n\x00{article.published_at or ''}".encode("utf-8")).hexdigest()
        item.content_hash = content
        report_path = out / f"{article.id}.json"
        if (
            previous
            and previous.get("status") == "ok"
            and previous.get("content_hash") == content
            and previous.get("settings_hash") == settings
            and report_path.exists()
        ):
            item.status = "skipped"
            item.report = previous.get("report")
            if fail_on:  # --fail-on may differ from the earlier run: judge the stored report
                from .schemas import Report

                item.finding = _fail_on_hit(Report.from_json(report_path.read_text(encoding="utf-8")), fail_on)
            return item
        report = verify(
            doc, published_at=article.published_at, extractor=extractor, market=market, ticker=ticker,
            llm_settings=llm_settings,
        )
        outputs = []
        for fmt in formats:
            path = out / f"{article.id}.{_EXTENSIONS[fmt]}"
            _write_atomic(path, render(report, fmt))
            outputs.append(path.name)
        s = report.summary
        item.status = "ok"
        item.claims, item.supported, item.contradicted = s.claims, s.supported, s.contradicted
        item.unverifiable, item.no_data, item.flags = s.unverifiable, s.no_data, s.flags
        item.promotional_score, item.risk = s.promotional_score, s.risk
        item.report, item.outputs = report_path.name, outputs
        item.finding = _fail_on_hit(report, fail_on)
        item.report_obj = report
    except VerifierError as exc:
        item.error = str(exc)
    except OSError as exc:
        item.error = f"cannot write the report: {exc}; check the output folder"
    except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the batch
        item.error = f"internal error ({type(exc).__name__}: {exc}); rerun this article with VERIFIER_DEBUG=1"
    item.duration_seconds = round(time.monotonic() - started, 4)
    item.finished_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    return item


# --------------------------------------------------------------------------- progress on a console


class ConsoleProgress:
    """Progress for people: a rich progress bar on a terminal, one plain line per article otherwise."""

    def __init__(self, stream: Any = None, tty: Optional[bool] = None):
        import sys

        self.stream = stream if stream is not None else sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.total: Optional[int] = None
        self.seen = 0
        self._progress: Any = None
        self._task: Any = None

    def start(self, total: Optional[int]) -> None:
        self.total = total
        if not self.tty:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

        self._progress = Progress(
            TextColumn("[bold]auditing[/]"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
            TimeElapsedColumn(), TimeRemainingColumn(), console=Console(file=self.stream), transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task("", total=total)

    def result(self, item: ItemResult) -> None:
        self.seen += 1
        if self._progress is not None:
            self._progress.update(self._task, advance=1, description=item.id[:40])
            if item.status == "error":
                from rich.markup import escape as rich_escape

                self._progress.console.print(f"[red]error[/] {rich_escape(item.id)}: {rich_escape(item.error or '')}")
            return
        count = f"{self.seen}/{self.total}" if self.total else str(self.seen)
        if item.status == "ok":
            line = (
                f"[{count}] ok {item.id}: {item.claims} claims, {item.contradicted} contradicted, "
                f"{item.flags} flags, risk {item.risk}"
            )
        elif item.status == "skipped":
            line = f"[{count}] skipped {item.id}: already done with the same content and settings"
        else:
            line = f"[{count}] error {item.id}: {item.error}"
        self.stream.write(line + "\n")
        self.stream.flush()

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
