"""Run history: every audit stored in a SQLite database, so it can be listed, found and re-rendered later.

The database lives at ``<home>/history.sqlite3`` (``VERIFIER_HOME`` overrides the user data
folder). Each run keeps the full report JSON, which is what ``show`` re-renders: nothing is
re-fetched or re-computed, so a stored audit reads exactly as it did. The tables ``documents``,
``runs``, ``claims``, ``flags`` and ``evidence`` hold the same facts in columns, for queries
(``list(ticker=..., verdict=...)``) and for anyone who opens the file with ``sqlite3``.

The schema changes only through the numbered ``MIGRATIONS`` below; a database written by a newer
verifier is refused instead of being damaged. API keys are never stored: reports carry none,
and anything that looks like a key (the value of a ``*_API_KEY`` variable, an ``sk-...`` token)
is redacted before a report is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union

from .errors import VerifierError
from .schemas import VERDICTS, Report

DB_NAME = "history.sqlite3"


class HistoryError(VerifierError):
    """The history database cannot be opened, read or written."""


class RunNotFound(HistoryError):
    """No stored run has that id (or id prefix)."""


MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            sha256 TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            title TEXT,
            published_at TEXT,
            text TEXT NOT NULL,
            first_seen TEXT NOT NULL
        );
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id),
            created_at TEXT NOT NULL,
            source TEXT NOT NULL,
            title TEXT,
            published_at TEXT,
            version TEXT NOT NULL,
            extractor TEXT NOT NULL,
            model TEXT,
            prompt TEXT,
            market_data TEXT NOT NULL,
            claims INTEGER NOT NULL,
            supported INTEGER NOT NULL,
            contradicted INTEGER NOT NULL,
            unverifiable INTEGER NOT NULL,
            no_data INTEGER NOT NULL,
            flags INTEGER NOT NULL,
            promotional_score REAL NOT NULL,
            risk TEXT NOT NULL,
            tickers TEXT NOT NULL,
            report_json TEXT NOT NULL
        );
        CREATE INDEX runs_created ON runs(created_at);
        CREATE TABLE claims (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            ticker TEXT,
            company TEXT,
            quote TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            attribution TEXT NOT NULL,
            verdict TEXT NOT NULL,
            reason TEXT NOT NULL,
            rule TEXT,
            fields_json TEXT NOT NULL,
            PRIMARY KEY (run_id, claim_id)
        );
        CREATE INDEX claims_ticker ON claims(ticker);
        CREATE INDEX claims_verdict ON claims(verdict);
        CREATE TABLE flags (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            technique TEXT NOT NULL,
            severity TEXT NOT NULL,
            quote TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            explanation TEXT NOT NULL,
            rule TEXT,
            PRIMARY KEY (run_id, position)
        );
        CREATE TABLE evidence (
            run_id TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            claim_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            source TEXT NOT NULL,
            detail TEXT NOT NULL,
            value TEXT,
            date TEXT,
            retrieved_at TEXT,
            citation TEXT,
            PRIMARY KEY (run_id, claim_id, position)
        );
        """,
    ),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]

_KEY_PATTERN = re.compile(r"\b(?:sk|rk|pk)-[A-Za-z0-9_\-]{16,}")
_KEY_ENV = re.compile(r"(API_KEY|_KEY|_TOKEN|_SECRET)$")


def redact_secrets(text: str, extra: tuple[str, ...] = ()) -> str:
    """``text`` with API keys replaced by ``[redacted]``: values of key-like environment variables, sk-... tokens
    and the ``extra`` secrets (e.g. a server token given as a flag)."""
    values = [v for name, v in os.environ.items() if _KEY_ENV.search(name)] + list(extra)
    for value in values:
        if value and len(value) >= 8 and value in text:
            text = text.replace(value, "[redacted]")
    return _KEY_PATTERN.sub("[redacted]", text)


@dataclass(frozen=True)
class RunSummary:
    """One line of ``verifier history``."""

    id: str
    created_at: str
    source: str
    title: Optional[str]
    claims: int
    supported: int
    contradicted: int
    unverifiable: int
    no_data: int
    flags: int
    promotional_score: float
    risk: str
    tickers: str

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def default_path() -> Path:
    from .config import home_dir

    return home_dir() / DB_NAME


def new_run_id(when: dt.datetime) -> str:
    """Sortable and short: 20260207-123000-3f9a."""
    return f"{when.astimezone(dt.timezone.utc):%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


class History:
    """The run history. ``History.open()`` uses the default location; pass a path to use another."""

    def __init__(self, connection: sqlite3.Connection, path: Path, secrets: tuple[str, ...] = ()):
        self.connection = connection
        self.path = path
        self.secrets = secrets  # redacted from every stored report, besides the key-like environment variables

    # ------------------------------------------------------------------ opening and migrations

    @classmethod
    def open(
        cls, path: Union[str, Path, None] = None, *, wal: bool = False, secrets: tuple[str, ...] = (),
        check_same_thread: bool = True,
    ) -> "History":
        """Open (and migrate) the history. ``wal=True`` switches the file to write-ahead logging, so readers
        never block the writer and a second process writing waits its turn (``verifier serve`` does this)."""
        target = Path(path) if path is not None else default_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(str(target), timeout=10.0, check_same_thread=check_same_thread)
        except (OSError, sqlite3.Error) as exc:
            raise HistoryError(
                f"cannot open the run history at {target} ({exc}); set VERIFIER_HOME to a writable folder"
            ) from None
        connection.row_factory = sqlite3.Row
        history = cls(connection, target, secrets)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            if wal:
                connection.execute("PRAGMA journal_mode = WAL")  # persistent: later connections use it too
                connection.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed run
            history._migrate()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise HistoryError(
                f"the run history at {target} cannot be used ({exc}); move the file away to start a new history"
            ) from None
        return history

    def _migrate(self) -> None:
        current = self.connection.execute("PRAGMA user_version").fetchone()[0]
        if current > SCHEMA_VERSION:
            raise HistoryError(
                f"the run history at {self.path} has schema version {current}, newer than this verifier "
                f"understands ({SCHEMA_VERSION}); upgrade verifier or set VERIFIER_HOME to another folder"
            )
        for version, script in MIGRATIONS:
            if version <= current:
                continue
            # one transaction per migration, the version bump included: a failed step leaves the old version
            try:
                self.connection.executescript(f"BEGIN;\n{script}\nPRAGMA user_version = {version};\nCOMMIT;")
            except sqlite3.Error:
                if self.connection.in_transaction:
                    self.connection.rollback()
                raise

    @property
    def schema_version(self) -> int:
        return int(self.connection.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> "History":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ writing

    def save(self, report: Report) -> str:
        """Store a report; returns its run id."""
        plain = report.to_json()
        report_json = redact_secrets(plain, self.secrets)
        if report_json != plain:
            report = Report.from_json(report_json)
        created = report.run.started_at or dt.datetime.now(dt.timezone.utc)
        if created.tzinfo is None:
            created = created.replace(tzinfo=dt.timezone.utc)
        run_id = new_run_id(created)
        doc, s, run = report.document, report.summary, report.run
        tickers = sorted({c.ticker for c in report.claims if c.ticker})
        try:
            with self.connection:
                cur = self.connection.cursor()
                cur.execute(
                    "INSERT OR IGNORE INTO documents (sha256, source, title, published_at, text, first_seen) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (doc.sha256, doc.source, doc.title, _iso(doc.published_at), doc.text, _iso(created)),
                )
                document_id = cur.execute("SELECT id FROM documents WHERE sha256 = ?", (doc.sha256,)).fetchone()[0]
                while cur.execute("SELECT 1 FROM runs WHERE id = ?", (run_id,)).fetchone():
                    run_id = new_run_id(created)
                cur.execute(
                    "INSERT INTO runs (id, document_id, created_at, source, title, published_at, version, extractor, "
                    "model, prompt, market_data, claims, supported, contradicted, unverifiable, no_data, flags, "
                    "promotional_score, risk, tickers, report_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        run_id, document_id, _iso(created), doc.source, doc.title, _iso(doc.published_at),
                        run.version, run.extractor, run.model, run.prompt, run.market_data, s.claims, s.supported,
                        s.contradicted, s.unverifiable, s.no_data, s.flags, s.promotional_score, s.risk,
                        ",".join(tickers), report_json,
                    ),
                )
                cur.executemany(
                    'INSERT INTO claims (run_id, claim_id, kind, ticker, company, quote, start, "end", attribution, '
                    "verdict, reason, rule, fields_json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            run_id, c.id, c.kind, c.ticker, c.company, c.quote, c.start, c.end, c.attribution,
                            c.verdict, c.reason, c.rule, c.fields.model_dump_json(),
                        )
                        for c in report.claims
                    ],
                )
                cur.executemany(
                    'INSERT INTO flags (run_id, position, technique, severity, quote, start, "end", explanation, rule) '
                    "VALUES (?,?,?,?,?,?,?,?,?)",
                    [
                        (run_id, i, f.technique, f.severity, f.quote, f.start, f.end, f.explanation, f.rule)
                        for i, f in enumerate(report.flags, 1)
                    ],
                )
                cur.executemany(
                    "INSERT INTO evidence (run_id, claim_id, position, source, detail, value, date, retrieved_at, "
                    "citation) VALUES (?,?,?,?,?,?,?,?,?)",
                    [
                        (
                            run_id, c.id, i, e.source, e.detail, None if e.value is None else str(e.value),
                            _iso(e.date), _iso(e.retrieved_at), e.citation,
                        )
                        for c in report.claims
                        for i, e in enumerate(c.evidence, 1)
                    ],
                )
        except sqlite3.Error as exc:
            raise HistoryError(
                f"cannot write to the run history at {self.path} ({exc}); free disk space or set VERIFIER_HOME "
                "to a writable folder, or use --no-log"
            ) from None
        return run_id

    # ------------------------------------------------------------------ reading

    def list(
        self, limit: int = 20, ticker: Optional[str] = None, verdict: Optional[str] = None, offset: int = 0
    ) -> list[RunSummary]:
        """The newest runs first, optionally only those with a claim about ``ticker`` or with a ``verdict``;
        ``offset`` skips that many (pages of ``limit``)."""
        if verdict is not None and verdict not in VERDICTS:
            raise HistoryError(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICTS)}")
        where, params = [], []
        if ticker:
            where.append("EXISTS (SELECT 1 FROM claims c WHERE c.run_id = runs.id AND c.ticker = ?)")
            params.append(ticker.strip().upper())
        if verdict:
            where.append("EXISTS (SELECT 1 FROM claims c WHERE c.run_id = runs.id AND c.verdict = ?)")
            params.append(verdict)
        sql = (
            "SELECT id, created_at, source, title, claims, supported, contradicted, unverifiable, no_data, flags, "
            "promotional_score, risk, tickers FROM runs"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY created_at DESC, rowid DESC"
        )
        if limit and limit > 0:
            sql += " LIMIT ?"
            params.append(int(limit))
            if offset > 0:
                sql += " OFFSET ?"
                params.append(int(offset))
        rows = self._query(sql, params)
        return [RunSummary(**dict(row)) for row in rows]

    def resolve(self, run_id: str) -> str:
        """The full id for ``run_id`` or a unique prefix of one."""
        run_id = run_id.strip()
        rows = self._query("SELECT id FROM runs WHERE id = ?", (run_id,))
        if not rows and run_id:
            pattern = run_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            rows = self._query("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 5", (pattern,))
        if not rows:
            raise RunNotFound(f"no run {run_id!r} in the history at {self.path}; list runs with 'verifier history'")
        if len(rows) > 1:
            ids = ", ".join(r["id"] for r in rows)
            raise HistoryError(f"run id {run_id!r} is ambiguous ({ids}); give more of it")
        return str(rows[0]["id"])

    def get_json(self, run_id: str) -> str:
        """The stored report JSON, byte for byte as it was written."""
        full = self.resolve(run_id)
        return str(self._query("SELECT report_json FROM runs WHERE id = ?", (full,))[0]["report_json"])

    def get(self, run_id: str) -> Report:
        """The stored Report (accepts a unique prefix of the id)."""
        from pydantic import ValidationError

        try:
            return Report.from_json(self.get_json(run_id))
        except (ValidationError, ValueError) as exc:
            raise HistoryError(
                f"the stored report {run_id!r} cannot be read by this verifier ({str(exc).splitlines()[0]}); "
                "'verifier show RUN_ID --format json' still gives the stored JSON"
            ) from None

    def count(self) -> int:
        return int(self._query("SELECT COUNT(*) AS n FROM runs", ())[0]["n"])

    def _query(self, sql: str, params: Any) -> list[sqlite3.Row]:
        try:
            return self.connection.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryError(f"cannot read the run history at {self.path} ({exc})") from None


def _iso(value: Union[dt.date, dt.datetime, None]) -> Optional[str]:
    return value.isoformat() if value is not None else None


def format_runs(runs: list[RunSummary], fmt: str = "text") -> str:
    """``verifier history`` output: aligned columns (text) or one JSON object per line (json)."""
    if fmt == "json":
        return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in runs)
    header = ("RUN ID", "TIME (UTC)", "SOURCE", "TITLE", "TICKERS", "CLAIMS ✓/✗/?/–", "FLAGS", "RISK")
    rows = [header]
    for r in runs:
        when = r.created_at.replace("T", " ")[:16]
        title = (r.title or "").replace("\n", " ")
        rows.append((
            r.id, when, _clip(r.source, 32), _clip(title, 40), _clip(r.tickers.replace(",", " ") or "-", 16),
            f"{r.claims}: {r.supported}/{r.contradicted}/{r.unverifiable}/{r.no_data}", str(r.flags),
            f"{r.risk} {r.promotional_score:.2f}",
        ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    return "".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n" for row in rows)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
