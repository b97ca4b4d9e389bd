"""Reported figures, filings and headcounts from SEC EDGAR's public JSON APIs.

Three documents per company, all public and free:

- ``company_tickers.json`` (www.sec.gov/files): ticker -> CIK;
- ``companyfacts/CIK##########.json`` (data.sec.gov/api/xbrl): every XBRL fact the company filed
  (revenue, operating and net income, EPS, cash flows, shares outstanding, employees), each with
  its period, form, accession number and filing date;
- ``submissions/CIK##########.json`` (data.sec.gov): the filing index, with 8-K item numbers.

What is made of them, as ``TickerData`` facts and events:

- financial_metric facts by FISCAL period, labelled as the company labels them (Apple's fiscal Q1
  2026 ends in December 2025; Nvidia's fiscal 2026 ends in January 2026). The label comes from the
  company's own 10-K (its ``fy`` for its latest annual period) and the length of each period;
- a quarter that is only in year-to-date figures (fiscal Q4 is never filed as a quarter: the 10-K
  holds the year) is derived by subtraction (year minus nine months, nine months minus six, six
  minus three), and says so, never mixing a restated figure with one on the old basis. A per-share
  figure derived so, or estimated from the quarter's net income and the year's share count, is
  marked ``approximate`` (share counts differ between the periods): it may support a claim, never
  contradict one;
- a figure filed with different values (a restatement or a recast) appears twice: the original,
  dated when it was first filed, and the latest, dated when it was refiled, each naming the other;
- a fact is dated when the figure became public: the 8-K item 2.02 (results) filed after the
  period ended, when it came before the 10-Q/10-K; otherwise the filing date;
- shares outstanding (``dei:EntityCommonStockSharesOutstanding``) with their cover date, from
  which the market-cap check computes price x shares;
- 8-K item 2.02 as earnings events (the results date that happened), item 2.05 (exit or disposal
  costs) as a dated workforce-cut announcement and item 1.01 (material agreement) as a dated deal
  announcement, each with the filing link; ``dei:EntityNumberOfEmployees`` as the headcount.

SEC fair-access rules are kept: every request carries the User-Agent from
``VERIFIER_SEC_USER_AGENT`` (a name and an e-mail; without it the provider refuses to start),
requests are spaced to at most 10 per second, and every document goes through the same SQLite file
as the market-data cache (``documents`` table): filings never change, so a document is refetched
only after a day (the index and new filings), and a stale copy serves when EDGAR is unreachable.
Offline, the first failed connection stops every further request of the run (no retries, no
waiting): the claims get ``no_data`` with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Optional

from ..errors import ConfigError, MarketDataError, TickerNotFound
from .base import CompanyFact, MarketRequest, Profile, Provenance, ScheduledEventRecord, TickerData

SOURCE = "SEC EDGAR"
WWW = "https://www.sec.gov"
DATA = "https://data.sec.gov"
USER_AGENT_ENV = "VERIFIER_SEC_USER_AGENT"
MAX_REQUESTS_PER_SECOND = 10  # SEC fair access: at most 10 requests per second
DOCUMENT_TTL = 24 * 3600  # seconds a fetched document is used before asking again
DEFAULT_TIMEOUT = 5.0  # seconds per request (read)
CONNECT_TIMEOUT = 1.0  # seconds to reach a host: offline fails in under a second
HISTORY_DAYS = 800  # fiscal periods ending this long before the window are kept (comparisons, restatements)
RESTATED_GAP = 0.0005  # values of one period differing by more than 0.05% are a restatement, not rounding

# metric -> XBRL tags, in order of preference. Revenue takes the largest of its tags for a period:
# companies tag the total under one of them and parts (contract revenue without leases) under another.
METRIC_TAGS: dict[str, tuple[str, ...]] = {
    "revenue": (
        "Revenues",
        "RevenueFromContractWithCustomerExcludingAssessedTax",
        "RevenueFromContractWithCustomerIncludingAssessedTax",
        "SalesRevenueNet",
        "SalesRevenueGoodsNet",
        "RevenuesNetOfInterestExpense",
    ),
    "gross_profit": ("GrossProfit",),
    "operating_income": ("OperatingIncomeLoss",),
    "net_income": ("NetIncomeLoss", "ProfitLoss"),
    "eps": ("EarningsPerShareDiluted",),
    "eps_basic": ("EarningsPerShareBasic",),
    "operating_cash_flow": ("NetCashProvidedByUsedInOperatingActivities",),
    "capital_expenditures": ("PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"),
}
_LARGEST_OF_TAGS = {"revenue"}
_PER_SHARE = {"eps", "eps_basic"}
_LABELS = {
    "revenue": "revenue", "gross_profit": "gross profit", "operating_income": "operating income", "net_income": "net income",
    "eps": "diluted EPS", "eps_basic": "basic EPS", "operating_cash_flow": "operating cash flow",
    "capital_expenditures": "capital expenditures", "shares_outstanding": "shares outstanding",
}
_ANNUAL_FORMS = {"10-K", "10-K/A", "20-F", "20-F/A", "40-F", "10-KT"}
_PERIODIC_FORMS = _ANNUAL_FORMS | {"10-Q", "10-Q/A", "10-QT"}
_ITEMS = {
    "2.02": "Results of Operations and Financial Condition",
    "2.05": "Costs Associated with Exit or Disposal Activities",
    "1.01": "Entry into a Material Definitive Agreement",
}
# 8-K items that are dated evidence of a company fact: (fact kind, action), in the order they are read
_ITEM_FACTS = {"2.05": ("workforce", "cut"), "1.01": ("deal", "agreement")}


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def user_agent_from_env() -> Optional[str]:
    value = (os.environ.get(USER_AGENT_ENV) or "").strip()
    return value or None


def check_user_agent(value: Optional[str]) -> str:
    """SEC asks for a User-Agent naming who is calling, with a contact e-mail; refuse to run without one."""
    if not value:
        raise ConfigError(
            f"SEC EDGAR needs a User-Agent naming you: set {USER_AGENT_ENV}='Your Name you@example.com' "
            "(SEC fair-access rules; requests without one are refused)"
        )
    if "@" not in value:
        raise ConfigError(f"{USER_AGENT_ENV}={value!r} has no contact e-mail; SEC asks for one, e.g. 'Jane Doe jane@example.com'")
    return value


def _date(text: Any) -> Optional[dt.date]:
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except (TypeError, ValueError):
        return None


def accession_url(cik: int, accession: str, document: Optional[str] = None) -> str:
    """The filing on sec.gov: its primary document when known, else the filing's index page."""
    folder = f"{WWW}/Archives/edgar/data/{int(cik)}/{accession.replace('-', '')}"
    return f"{folder}/{document}" if document else f"{folder}/{accession}-index.htm"


# --------------------------------------------------------------------------- HTTP


class RateLimiter:
    """Spaces calls at least 1/rate seconds apart (thread-safe)."""

    def __init__(self, per_second: float = MAX_REQUESTS_PER_SECOND, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self.interval = 1.0 / per_second
        self._clock, self._sleep = clock, sleep
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self) -> None:
        with self._lock:
            now = self._clock()
            if now < self._next:
                self._sleep(self._next - now)
                now = self._next
            self._next = now + self.interval


class EdgarHTTP:
    """GETs a URL with the SEC's required headers; raises MarketDataError with what went wrong."""

    def __init__(
        self,
        user_agent: str,
        timeout: float = DEFAULT_TIMEOUT,
        limiter: Optional[RateLimiter] = None,
        connect_timeout: float = CONNECT_TIMEOUT,
    ):
        self.user_agent = user_agent
        self.timeout = timeout
        self.connect_timeout = connect_timeout
        self.limiter = limiter or RateLimiter()
        self.down: Optional[str] = None  # set after a connection failure: no further requests this run
        self.requests = 0
        self._reached: set[tuple[str, int]] = set()

    def _probe(self, url: str) -> None:
        """Once per host: can it be reached within a second? (urllib's one timeout also bounds slow reads.)"""
        parts = urllib.parse.urlsplit(url)
        host, port = parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)
        if (host, port) in self._reached:
            return
        try:
            socket.create_connection((host, port), timeout=self.connect_timeout).close()
        except OSError as exc:
            self.down = f"SEC EDGAR unreachable ({type(exc).__name__}: {exc})"
            raise MarketDataError(self.down) from None
        self._reached.add((host, port))

    def get(self, url: str) -> Optional[bytes]:
        """The body, or None for a 404 (the SEC has no such document)."""
        if self.down:
            raise MarketDataError(f"SEC EDGAR not called: {self.down} earlier in this run")
        self._probe(url)
        self.limiter.wait()
        self.requests += 1
        req = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - https URLs we build
                return resp.read()
        except urllib.error.HTTPError as exc:
            if exc.code == 404:
                return None
            if exc.code == 403:
                raise MarketDataError(
                    f"SEC EDGAR refused the request (HTTP 403): check {USER_AGENT_ENV} names you with an e-mail, "
                    "and that fewer than 10 requests per second are made from this address"
                ) from None
            if exc.code == 429:
                raise MarketDataError("SEC EDGAR rate-limited this address (HTTP 429); wait ten minutes and retry") from None
            raise MarketDataError(f"SEC EDGAR answered HTTP {exc.code} for {url}") from None
        except (urllib.error.URLError, socket.timeout, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            self.down = f"SEC EDGAR unreachable ({type(reason).__name__}: {reason})"
            raise MarketDataError(self.down) from None


# --------------------------------------------------------------------------- fiscal periods


@dataclass(frozen=True)
class Filed:
    """One XBRL fact as companyfacts lists it."""

    tag: str
    start: Optional[dt.date]
    end: dt.date
    value: float
    accn: str
    form: str
    filed: dt.date
    fy: Optional[int]
    fp: Optional[str]
    unit: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1 if self.start else 0


def _duration_kind(days: int) -> Optional[str]:
    if 80 <= days <= 100:
        return "quarter"
    if 170 <= days <= 190:
        return "half"
    if 260 <= days <= 285:
        return "nine_months"
    if 350 <= days <= 380:
        return "year"
    return None


class FiscalCalendar:
    """Names periods the way the company does: fiscal years from its own 10-K labels."""

    def __init__(self, facts: Iterable[Filed], fiscal_year_end: Optional[str] = None):
        facts = list(facts)
        ends = sorted({f.end for f in facts if f.start and _duration_kind(f.days) == "year"})
        self.year_ends: list[dt.date] = ends
        # the company's label for a year: the fy of the annual filing for its own latest period
        offsets: dict[int, int] = defaultdict(int)
        by_accn: dict[str, list[Filed]] = defaultdict(list)
        for f in facts:
            if f.form in _ANNUAL_FORMS and f.start and _duration_kind(f.days) == "year":
                by_accn[f.accn].append(f)
        for items in by_accn.values():
            latest = max(items, key=lambda f: f.end)
            if latest.fy:
                offsets[latest.fy - latest.end.year] += 1
        self.offset = max(offsets, key=offsets.get) if offsets else 0
        if not self.year_ends and fiscal_year_end and re.fullmatch(r"\d{4}", fiscal_year_end):
            month, day = int(fiscal_year_end[:2]), int(fiscal_year_end[2:])
            # the years the facts cover (an article from 2017 needs 2017's year end), else the last few
            years = sorted({f.end.year for f in facts}) or [dt.date.today().year - 6, dt.date.today().year]
            for year in range(years[0] - 1, years[-1] + 2):
                try:
                    self.year_ends.append(dt.date(year, month, min(day, 28 if month == 2 else day)))
                except ValueError:
                    continue

    @classmethod
    def from_year_ends(cls, ends: Iterable[dt.date], offset: int = 0) -> "FiscalCalendar":
        """A calendar from known fiscal year ends (a source that gives no fiscal-year labels)."""
        calendar = cls([])
        calendar.year_ends = sorted(set(ends))
        calendar.offset = offset
        return calendar

    def year_label(self, year_end: dt.date) -> int:
        return year_end.year + self.offset

    def label(self, start: Optional[dt.date], end: dt.date) -> Optional[str]:
        """'Q1 FY2026', 'FY2025', or None for a period that is no quarter or year."""
        days = (end - start).days + 1 if start else 0
        kind = _duration_kind(days)
        if kind == "year":
            return f"FY{self.year_label(end)}"
        if kind != "quarter":
            return None
        before = [e for e in self.year_ends if e < end - dt.timedelta(days=30)]
        if before:
            prev = before[-1]
            n = max(1, round((end - prev).days / 91.31))
            return f"Q{(n - 1) % 4 + 1} FY{self.year_label(prev) + 1 + (n - 1) // 4}"
        after = [e for e in self.year_ends if e >= end - dt.timedelta(days=30)]
        if after:
            nxt = after[0]
            back = round((nxt - end).days / 91.31)
            if 0 <= back <= 3:
                return f"Q{4 - back} FY{self.year_label(nxt)}"
        return None


# --------------------------------------------------------------------------- facts


def _series(doc: dict, tags: Iterable[str], units: tuple[str, ...]) -> list[Filed]:
    out: list[Filed] = []
    facts = doc.get("facts") or {}
    for taxonomy in ("us-gaap", "ifrs-full", "dei"):
        for tag in tags:
            concept = (facts.get(taxonomy) or {}).get(tag)
            if not concept:
                continue
            for unit, rows in (concept.get("units") or {}).items():
                if units and unit not in units:
                    continue
                for row in rows or []:
                    end, filed = _date(row.get("end")), _date(row.get("filed"))
                    value = row.get("val")
                    if end is None or filed is None or not isinstance(value, (int, float)):
                        continue
                    out.append(
                        Filed(
                            tag=f"{taxonomy}:{tag}", start=_date(row.get("start")), end=end, value=float(value),
                            accn=str(row.get("accn") or ""), form=str(row.get("form") or ""), filed=filed,
                            fy=row.get("fy") if isinstance(row.get("fy"), int) else None, fp=row.get("fp"), unit=unit,
                        )
                    )
    return out


def _money_text(value: float, unit: str) -> str:
    if unit.endswith("/shares"):
        return f"{unit.split('/')[0]} {value:,.2f} per share"
    if unit == "shares":
        return f"{value:,.0f} shares"
    if unit == "pure":
        return f"{value:,.0f}"
    return f"{unit} {value / 1e6:,.1f} million" if abs(value) >= 1e6 else f"{unit} {value:,.2f}"


@dataclass
class _Version:
    value: float
    filed: dt.date
    accn: str
    form: str
    tag: str


class EdgarProvider:
    """Company facts, filings and headcounts for SEC filers. ``fetch`` is the only method with I/O."""

    name = "edgar"

    def __init__(
        self,
        user_agent: Optional[str] = None,
        *,
        cache: Any = "default",
        timeout: float = DEFAULT_TIMEOUT,
        www: str = WWW,
        data: str = DATA,
        now: Optional[Callable[[], dt.datetime]] = None,
        limiter: Optional[RateLimiter] = None,
    ):
        self.user_agent = check_user_agent(user_agent if user_agent is not None else user_agent_from_env())
        self.http = EdgarHTTP(self.user_agent, timeout=timeout, limiter=limiter)
        self.www, self.data_url = www.rstrip("/"), data.rstrip("/")
        self._now = now or _utcnow
        if cache == "default":
            from .cache import open_cache

            cache, _ = open_cache()
        self.cache = cache
        self.notes: list[str] = []
        self._tickers: Optional[dict[str, tuple[int, str]]] = None

    def describe(self) -> str:
        return "SEC EDGAR (companyfacts, submissions)"

    # ------------------------------------------------------------------ documents

    def _document(self, host: str, path: str) -> tuple[Optional[dict], dt.datetime, Optional[str]]:
        """(JSON or None for a 404, retrieved_at, note): the cache within a day, else EDGAR, else a stale copy.

        Documents are cached under SEC's own URL, whichever host served them (a mirror, a test server).
        """
        url = (self.www if host == "www" else self.data_url) + path
        key = (WWW if host == "www" else DATA) + path
        now = self._now()
        cached = None
        if self.cache is not None:
            try:
                cached = self.cache.document(key)
            except Exception:  # noqa: BLE001 - a broken cache never fails a run
                cached = None
        if cached and (now - cached[1]).total_seconds() < DOCUMENT_TTL:
            return self._parse(cached[0], url), cached[1], None
        try:
            body = self.http.get(url)
        except MarketDataError as exc:
            if cached:
                return self._parse(cached[0], url), cached[1], f"EDGAR failed ({exc}); used a copy retrieved {cached[1]:%Y-%m-%d %H:%M} UTC"
            raise
        if body is None:
            return None, now, None
        if self.cache is not None:
            try:
                self.cache.store_document(key, body, now)
            except Exception:  # noqa: BLE001
                pass
        return self._parse(body, url), now, None

    @staticmethod
    def _parse(body: bytes, url: str) -> dict:
        try:
            out = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise MarketDataError(f"SEC EDGAR sent something other than JSON for {url}") from None
        if not isinstance(out, dict):
            raise MarketDataError(f"SEC EDGAR sent unexpected JSON for {url}")
        return out

    def cik(self, ticker: str) -> tuple[int, str]:
        """(CIK, company name) from the SEC's ticker file; TickerNotFound for a non-filer."""
        if self._tickers is None:
            doc, _, _ = self._document("www", "/files/company_tickers.json")
            table: dict[str, tuple[int, str]] = {}
            for row in (doc or {}).values():
                if isinstance(row, dict) and row.get("ticker") and row.get("cik_str") is not None:
                    table.setdefault(str(row["ticker"]).upper(), (int(row["cik_str"]), str(row.get("title") or "")))
            self._tickers = table
        symbol = ticker.strip().upper()
        for candidate in (symbol, symbol.replace(".", "-"), symbol.replace("-", ".")):
            if candidate in self._tickers:
                return self._tickers[candidate]
        raise TickerNotFound(f"{symbol} is not in the SEC's list of company tickers (not an SEC filer, or listed abroad)")

    # ------------------------------------------------------------------ fetch

    def fetch(self, request: MarketRequest) -> TickerData:
        cik, title = self.cik(request.ticker)
        facts_doc, facts_at, facts_note = self._document("data", f"/api/xbrl/companyfacts/CIK{cik:010d}.json")
        subs_doc, subs_at, subs_note = self._document("data", f"/submissions/CIK{cik:010d}.json")
        missing: list[str] = []
        filings = _filings(subs_doc or {}, cik)
        if subs_doc is None:
            missing.append(f"filings: EDGAR has no filing index for CIK {cik}")
        prov_facts = Provenance(
            source=f"{SOURCE} XBRL company facts",
            retrieved_at=facts_at.replace(microsecond=0),
            url=f"{DATA}/api/xbrl/companyfacts/CIK{cik:010d}.json",
            note=facts_note,
        )
        prov_subs = Provenance(
            source=f"{SOURCE} filing index",
            retrieved_at=subs_at.replace(microsecond=0),
            url=f"{DATA}/submissions/CIK{cik:010d}.json",
            note=subs_note,
        )
        facts: list[CompanyFact] = []
        employees: Optional[tuple[int, dt.date, Filed]] = None
        if facts_doc is None:
            missing.append(f"reported figures: EDGAR has no XBRL company facts for {request.ticker.upper()} (CIK {cik})")
        else:
            calendar = FiscalCalendar(
                _series(facts_doc, [t for tags in METRIC_TAGS.values() for t in tags], ()),
                (subs_doc or {}).get("fiscalYearEnd"),
            )
            earliest = request.start - dt.timedelta(days=HISTORY_DAYS)
            results = sorted(f["date"] for f in filings if "2.02" in f["items"])
            for metric, tags in METRIC_TAGS.items():
                units = ("USD/shares",) if metric in _PER_SHARE else ("USD",)
                series = [f for f in _series(facts_doc, tags, units) if f.form in _PERIODIC_FORMS]
                facts.extend(
                    _metric_facts(metric, series, calendar, cik, results, prov_facts, earliest, request.end)
                )
            facts.extend(_estimated_eps(facts))
            facts.extend(_share_facts(facts_doc, cik, prov_facts, earliest, request.end))
            employees = _employees(facts_doc, request.end)
            if not facts:
                missing.append(f"reported figures: EDGAR's XBRL facts for {request.ticker.upper()} hold none of the usual income-statement tags")
        events, filing_facts = _filing_items(filings, cik, prov_subs, request)
        facts.extend(filing_facts)
        missing.append(
            "deals and job cuts: EDGAR shows only that a filing was made (8-K items 1.01, 2.05), not the amounts or counts"
        )
        profile = Profile(
            name=(subs_doc or {}).get("name") or title or request.ticker.upper(),
            employees=employees[0] if employees else None,
            employees_as_of=employees[1] if employees else None,
            provenance=Provenance(
                source=f"{SOURCE} XBRL company facts (dei:EntityNumberOfEmployees)" if employees else f"{SOURCE} filing index",
                retrieved_at=prov_facts.retrieved_at,
                url=accession_url(cik, employees[2].accn) if employees else prov_subs.url,
                note=f"employees as of {employees[1]}, from {employees[2].form} accession {employees[2].accn}" if employees else None,
            ),
        )
        facts.sort(key=lambda f: (f.date, f.metric or "", f.period or ""))
        return TickerData(
            ticker=request.ticker.upper(),
            profile=profile,
            events=events,
            facts=facts,
            provenance=prov_facts,
            missing=missing,
        )


# --------------------------------------------------------------------------- building facts


def _filings(doc: dict, cik: int) -> list[dict]:
    """The recent filings as rows: form, date, report date, items, accession, link."""
    recent = ((doc.get("filings") or {}).get("recent")) or {}
    forms = recent.get("form") or []
    out = []
    for i, form in enumerate(forms):
        def col(name: str) -> Any:
            values = recent.get(name) or []
            return values[i] if i < len(values) else None

        day = _date(col("filingDate"))
        accn = col("accessionNumber")
        if day is None or not accn:
            continue
        items = [x.strip() for x in str(col("items") or "").split(",") if x.strip()]
        out.append(
            {
                "form": str(form), "date": day, "report_date": _date(col("reportDate")), "items": items,
                "accn": str(accn), "url": accession_url(cik, str(accn), col("primaryDocument") or None),
                "description": col("primaryDocDescription") or "",
            }
        )
    return out


def _announced(period_end: dt.date, filed: dt.date, results: list[dt.date]) -> Optional[dt.date]:
    """The 8-K 2.02 that released a period's results before its 10-Q/10-K was filed, if any."""
    earlier = [d for d in results if period_end < d <= filed and (filed - d).days <= 45 and (d - period_end).days <= 75]
    return earlier[0] if earlier else None


def _versions(series: list[Filed]) -> dict[tuple[Optional[dt.date], dt.date], list[_Version]]:
    """Per period, the distinct values in filing order (several tags: the preferred/largest per filing)."""
    by_period: dict[tuple[Optional[dt.date], dt.date], dict[str, Filed]] = defaultdict(dict)
    for f in sorted(series, key=lambda f: f.filed):
        by_period[(f.start, f.end)].setdefault(f"{f.accn}|{f.tag}", f)
    out: dict[tuple[Optional[dt.date], dt.date], list[_Version]] = {}
    for period, rows in by_period.items():
        per_filing: dict[str, Filed] = {}
        for f in rows.values():
            kept = per_filing.get(f.accn)
            if kept is None or abs(f.value) > abs(kept.value):
                per_filing[f.accn] = f
        versions: list[_Version] = []
        for f in sorted(per_filing.values(), key=lambda f: (f.filed, f.accn)):
            if versions and abs(f.value - versions[-1].value) <= RESTATED_GAP * max(abs(versions[-1].value), 1e-9):
                continue  # the same figure repeated as a comparative
            versions.append(_Version(f.value, f.filed, f.accn, f.form, f.tag))
        out[period] = versions
    return out


def _preferred(series: list[Filed], tags: tuple[str, ...], largest: bool) -> list[Filed]:
    """One tag per period: the first tag of the list that has it, or (revenue) the largest value."""
    if largest:
        return series
    rank = {t: i for i, t in enumerate(tags)}
    best: dict[tuple[Optional[dt.date], dt.date], int] = {}
    for f in series:
        r = rank.get(f.tag.split(":", 1)[1], 99)
        key = (f.start, f.end)
        best[key] = min(best.get(key, 99), r)
    return [f for f in series if rank.get(f.tag.split(":", 1)[1], 99) == best[(f.start, f.end)]]


def _metric_facts(
    metric: str,
    series: list[Filed],
    calendar: FiscalCalendar,
    cik: int,
    results: list[dt.date],
    prov: Provenance,
    earliest: dt.date,
    latest_end: dt.date,
) -> list[CompanyFact]:
    series = [f for f in series if f.start and earliest <= f.end <= latest_end]
    series = _preferred(series, METRIC_TAGS[metric], metric in _LARGEST_OF_TAGS)
    versions = _versions(series)
    label = _LABELS.get(metric, metric)
    out: list[CompanyFact] = []
    direct: set[str] = set()
    for (start, end), vers in versions.items():
        period = calendar.label(start, end)
        if not period or not vers:
            continue
        direct.add(period)
        out.extend(_facts_for_period(metric, label, period, start, end, vers, cik, results, prov))
    # quarters only in year-to-date figures: differences of consecutive cumulative periods from one start
    # (Q2 = H1 - Q1, Q3 = 9M - H1, Q4 = year - 9M), each pair on one basis (see _pairs)
    per_share = metric in _PER_SHARE
    unit = "USD/shares" if per_share else "USD"
    cumulative: dict[dt.date, list[tuple[dt.date, list[_Version]]]] = defaultdict(list)
    for (start, end), vers in versions.items():
        if start and _duration_kind((end - start).days + 1) in ("quarter", "half", "nine_months", "year") and vers:
            cumulative[start].append((end, vers))
    for start, rows in cumulative.items():
        rows.sort(key=lambda r: r[0])
        for (prev_end, prev_vers), (end, cur_vers) in zip(rows, rows[1:]):
            q_start = prev_end + dt.timedelta(days=1)
            period = calendar.label(q_start, end)
            if not period or not period.startswith("Q") or period in direct:
                continue
            for cur, prev, basis in _pairs(cur_vers, prev_vers):
                value = cur.value - prev.value
                filed = max(cur.filed, prev.filed)
                day = (_announced(end, filed, results) if basis != "restated" else None) or filed
                text = (
                    f"{label} for fiscal {period} ({q_start} to {end}): {_money_text(value, unit)}, derived: "
                    f"{start} to {end} ({cur.form} {cur.accn}, filed {cur.filed}) minus {start} to {prev_end} "
                    f"({prev.form} {prev.accn}, filed {prev.filed}); no quarter figure is filed for it"
                )
                if per_share:
                    text += (
                        "; approximate: per-share figures of different periods divide by different average share "
                        "counts, so their difference is not the quarter's EPS exactly"
                    )
                if basis == "restated":
                    text += "; restated: both year-to-date figures were refiled with other values"
                elif basis.startswith("superseded"):
                    text += f"; as originally filed: {basis.split(':', 1)[1]}"
                if day != filed:
                    text += f"; results first announced in an 8-K (item 2.02) on {day}"
                out.append(
                    CompanyFact(
                        date=day,
                        kind="financial_metric",
                        metric=metric,
                        amount=value,
                        currency="USD",
                        approximate=per_share,
                        period=period,
                        period_start=q_start,
                        period_end=end,
                        description=text,
                        citation=f"SEC EDGAR {cur.form} {cur.accn} and {prev.form} {prev.accn}",
                        provenance=prov.model_copy(update={"url": accession_url(cik, cur.accn)}),
                    )
                )
            direct.add(period)
    return out


SUPERSEDED = "quarter not derivable on the restated basis since "  # the checker reads this marker (with its date)


def _pairs(cur: list[_Version], prev: list[_Version]) -> list[tuple[_Version, _Version, str]]:
    """(later YTD value, earlier YTD value, basis) pairs to subtract, never mixing bases.

    The originals: the first-filed later figure minus the earlier figure as known then. When both were
    refiled with other values (a recast of both), the latest pair too. When only one was (a 10-K recasts
    the year; no filing recasts the nine months), the restated quarter cannot be derived: the original
    pair is kept, marked with the date from which it is superseded, so it never contradicts a later
    article that may quote the recast quarter.
    """
    first = cur[0]
    known = [p for p in prev if p.filed <= first.filed] or [prev[0]]
    original = known[-1]
    later_cur, later_prev = len(cur) > 1, prev[-1] is not original
    if not later_cur and not later_prev:
        return [(first, original, "original")]
    if later_cur and later_prev:
        return [(first, original, "original"), (cur[-1], prev[-1], "restated")]
    moved = cur[-1] if later_cur else prev[-1]
    return [(first, original, f"superseded:{SUPERSEDED}{moved.filed} ({moved.form} {moved.accn} refiled one of the two figures)")]


def _accession(fact: CompanyFact) -> str:
    return (fact.citation or "").rsplit(" ", 1)[-1]


def _estimated_eps(facts: list[CompanyFact]) -> list[CompanyFact]:
    """A quarter's EPS where no filing gives one nor two year-to-date EPS to subtract (often fiscal Q4).

    The quarter's net income (filed or derived) divided by the year's average share count, taken as
    the year's net income / the year's EPS from the same 10-K. The quarter's own share count differs
    (buybacks, issuance), so the figure is approximate and marked so: it may support, never contradict.
    """
    out: list[CompanyFact] = []
    for eps_metric in ("eps", "eps_basic"):
        have = {f.period for f in facts if f.metric == eps_metric}
        years = [f for f in facts if f.metric == eps_metric and (f.period or "").startswith("FY") and not f.approximate and f.amount]
        incomes = [f for f in facts if f.metric == "net_income" and f.amount is not None]
        for quarter in incomes:
            if not (quarter.period or "").startswith("Q") or quarter.period in have or not quarter.period_start or not quarter.period_end:
                continue
            pairs = [
                (eps, ni) for eps in years for ni in incomes
                if ni.period == eps.period and _accession(ni) == _accession(eps) and ni.amount
                and eps.period_start and eps.period_end and eps.period_start <= quarter.period_start and quarter.period_end <= eps.period_end
            ]
            if not pairs:
                continue
            eps, ni = max(pairs, key=lambda p: p[0].date)
            shares = (ni.amount or 0) / (eps.amount or 1)
            if shares <= 0:
                continue  # a loss in one and a profit in the other: no share count to read
            value = round((quarter.amount or 0) / shares, 4)
            label = _LABELS[eps_metric]
            out.append(
                CompanyFact(
                    date=max(quarter.date, eps.date, ni.date),
                    kind="financial_metric",
                    metric=eps_metric,
                    amount=value,
                    currency="USD",
                    approximate=True,
                    period=quarter.period,
                    period_start=quarter.period_start,
                    period_end=quarter.period_end,
                    description=(
                        f"{label} for fiscal {quarter.period} ({quarter.period_start} to {quarter.period_end}): about "
                        f"{_money_text(value, 'USD/shares')}, estimated: the quarter's net income ({_money_text(quarter.amount or 0, 'USD')}, "
                        f"{quarter.citation}) / the {eps.period} average share count ({shares:,.0f} = net income "
                        f"{_money_text(ni.amount or 0, 'USD')} / {label} {_money_text(eps.amount or 0, 'USD/shares')}, {eps.citation}); "
                        "approximate: no EPS is filed for the quarter, and the quarter's share count differs from the year's"
                    ),
                    citation=quarter.citation if _accession(eps) in (quarter.citation or "") else f"{quarter.citation}; {eps.citation}",
                    provenance=eps.provenance,
                )
            )
            have.add(quarter.period)
    return out


def _facts_for_period(
    metric: str, label: str, period: str, start: Optional[dt.date], end: dt.date, vers: list[_Version],
    cik: int, results: list[dt.date], prov: Provenance,
) -> list[CompanyFact]:
    unit = "USD/shares" if metric in _PER_SHARE else "USD"
    first, last = vers[0], vers[-1]
    out = []
    for v in ([first, last] if len(vers) > 1 else [first]):
        day = _announced(end, v.filed, results) if v is first else None
        day = day or v.filed
        text = f"{label} for fiscal {period} ({start} to {end}): {_money_text(v.value, unit)}, {v.tag} in {v.form} filed {v.filed} (accession {v.accn})"
        if day != v.filed:
            text += f"; results first announced in an 8-K (item 2.02) on {day}"
        if len(vers) > 1 and v is first:
            text += f"; as originally filed: restated to {_money_text(last.value, unit)} in {last.form} filed {last.filed} ({last.accn})"
        elif len(vers) > 1:
            text += f"; restated: originally {_money_text(first.value, unit)} in {first.form} filed {first.filed} ({first.accn})"
        out.append(
            CompanyFact(
                date=day,
                kind="financial_metric",
                metric=metric,
                amount=v.value,
                currency="USD",
                period=period,
                period_start=start,
                period_end=end,
                description=text,
                citation=f"SEC EDGAR {v.form} {v.accn}",
                provenance=prov.model_copy(update={"url": accession_url(cik, v.accn)}),
            )
        )
    return out


def _share_facts(doc: dict, cik: int, prov: Provenance, earliest: dt.date, latest_end: dt.date) -> list[CompanyFact]:
    """Shares outstanding at each cover date (classes filed separately are summed)."""
    rows = [f for f in _series(doc, ["EntityCommonStockSharesOutstanding"], ("shares",)) if earliest <= f.end <= latest_end + dt.timedelta(days=60)]
    grouped: dict[tuple[str, dt.date], set[float]] = defaultdict(set)
    meta: dict[tuple[str, dt.date], Filed] = {}
    for f in rows:
        grouped[(f.accn, f.end)].add(f.value)
        meta[(f.accn, f.end)] = f
    out = []
    for key, values in sorted(grouped.items(), key=lambda kv: kv[0][1]):
        f = meta[key]
        total = sum(values)
        classes = f" ({len(values)} share classes summed)" if len(values) > 1 else ""
        out.append(
            CompanyFact(
                date=f.filed,
                kind="financial_metric",
                metric="shares_outstanding",
                amount=total,
                period=f"as of {f.end}",
                description=f"{total:,.0f} common shares outstanding as of {f.end}{classes}, dei:EntityCommonStockSharesOutstanding on the cover of {f.form} filed {f.filed} (accession {f.accn})",
                citation=f"SEC EDGAR {f.form} {f.accn}",
                provenance=prov.model_copy(update={"url": accession_url(cik, f.accn), "note": f"shares as of {f.end}"}),
            )
        )
    return out


def _employees(doc: dict, latest_end: dt.date) -> Optional[tuple[int, dt.date, Filed]]:
    rows = [f for f in _series(doc, ["EntityNumberOfEmployees"], ()) if f.filed <= latest_end and f.value > 0]
    if not rows:
        return None
    f = max(rows, key=lambda f: (f.end, f.filed))
    return int(f.value), f.end, f


def _filing_items(filings: list[dict], cik: int, prov: Provenance, request: MarketRequest) -> tuple[list[ScheduledEventRecord], list[CompanyFact]]:
    """8-K items in the window: 2.02 results dates, 2.05 exit costs (cuts) and 1.01 agreements (deals)."""
    events, facts = [], []
    lo = request.start - dt.timedelta(days=HISTORY_DAYS // 2)
    for f in filings:
        if not f["form"].startswith("8-K") or not (lo <= f["date"] <= request.end):
            continue
        link = prov.model_copy(update={"url": f["url"]})
        cite = f"SEC EDGAR {f['form']} {f['accn']}"
        if "2.02" in f["items"] and request.start <= f["date"] <= request.end:
            events.append(ScheduledEventRecord(event="earnings", date=f["date"], confirmed=True, provenance=link))
        for item, (kind, action) in _ITEM_FACTS.items():
            if item in f["items"]:
                facts.append(
                    CompanyFact(
                        date=f["date"], kind=kind, action=action, status="confirmed",
                        description=f"the company filed an 8-K (item {item}, {_ITEMS[item]}) on {f['date']}, accession {f['accn']}",
                        citation=cite, provenance=link,
                    )
                )
    return events, facts
