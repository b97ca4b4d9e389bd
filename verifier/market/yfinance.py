"""Live market data from Yahoo Finance through the ``yfinance`` library.

What the checks need, normalised into ``TickerData``:

- daily bars AS TRADED: Yahoo's chart API (and so yfinance's ``Close``, even with
  ``auto_adjust=False``) is split-adjusted, so every bar is multiplied back by the splits that
  happened after it (a 2020 AMZN close comes out near $3,000, not near $150). The bars are fetched
  from the window's start up to today, so splits after the window are known;
- dates in the exchange's time zone (yfinance's ``calendar`` converts with the host's zone, so the
  raw timestamps are converted here instead);
- analyst actions (``upgrades_downgrades``), the consensus (``info`` / ``analyst_price_targets``),
  earnings and dividend dates (``calendar`` module and ``earnings_dates``), the profile (``info``).

Failure is fast and explicit. Each yfinance call runs in a daemon worker thread under our own
deadline (its cookie/crumb requests can ignore timeouts and block for minutes); after a network
failure or persistent rate limiting the provider stops calling Yahoo for the rest of the run; an
empty frame is never read as "no trading"; an unknown or delisted symbol raises ``TickerNotFound``.
yfinance is imported lazily (it pulls in pandas).
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import threading
import time
import warnings
from typing import Any, Callable, Optional
from zoneinfo import ZoneInfo

from ..currency import normalise_currency
from ..errors import MarketDataError, TickerNotFound
from .base import (
    AnalystActionRecord,
    AnalystConsensus,
    Bar,
    CompanyFact,
    Dividend,
    MarketRequest,
    PriceHistory,
    Profile,
    Provenance,
    ScheduledEventRecord,
    Split,
    TickerData,
)

SOURCE = "Yahoo Finance via yfinance"
DEFAULT_TIMEOUT = 5.0  # seconds per HTTP request handed to yfinance
DEFAULT_DEADLINE = 6.0  # seconds for one yfinance call (cookie, crumb, timezone and data requests)
DEFAULT_RETRIES = 2  # re-tries after HTTP 429
DEFAULT_BACKOFF = 2.0  # first wait after a 429, doubled each time

# Yahoo's exchange codes -> ISO 10383 MIC (what the exchange calendar and reports use).
YAHOO_EXCHANGE_MIC = {
    "NMS": "XNAS", "NGM": "XNAS", "NCM": "XNAS", "NAS": "XNAS", "NASDAQ": "XNAS",
    "NYQ": "XNYS", "NYS": "XNYS", "NYSE": "XNYS", "ASE": "XASE", "PCX": "ARCX", "BTS": "BATS",
    "GER": "XETR", "FRA": "XFRA", "LSE": "XLON", "IOB": "XLON", "PAR": "XPAR", "AMS": "XAMS",
    "BRU": "XBRU", "MIL": "XMIL", "MCE": "XMAD", "EBS": "XSWX", "VIE": "XWBO", "STO": "XSTO",
    "CPH": "XCSE", "HEL": "XHEL", "OSL": "XOSL", "LIS": "XLIS", "ISE": "XDUB", "TOR": "XTSE",
    "VAN": "XTSX", "JPX": "XTKS", "TYO": "XTKS", "HKG": "XHKG", "ASX": "XASX", "KSC": "XKRX",
    "KOE": "XKOS", "NSI": "XNSE", "BSE": "XBOM", "SHH": "XSHG", "SHZ": "XSHE", "TAI": "XTAI",
    "SES": "XSES", "SAO": "BVMF", "MEX": "XMEX", "JNB": "XJSE", "NZE": "XNZE",
}
_META_KEYS = (
    "currency", "exchangeName", "fullExchangeName", "exchangeTimezoneName", "instrumentType", "longName",
    "shortName", "fiftyTwoWeekHigh", "fiftyTwoWeekLow",
)
_YAHOO_ACTIONS = {"up": "upgrade", "down": "downgrade", "init": "init", "main": "main", "reit": "reit"}
# Yahoo income-statement rows -> our metric names (the second source for reported figures)
_INCOME_ROWS = {
    "TotalRevenue": "revenue", "GrossProfit": "gross_profit", "OperatingIncome": "operating_income", "NetIncome": "net_income",
    "DilutedEPS": "eps", "BasicEPS": "eps_basic",
}
INCOME_SOURCE = "Yahoo Finance income statement via yfinance"
RESULTS_LAG_DAYS = {"quarterly": 45, "annual": 75}  # latest a 10-Q / 10-K may follow its period end


def _log_quietly() -> None:
    """yfinance logs warnings through the root 'last resort' handler; keep the CLI's stderr clean."""
    logger = logging.getLogger("yfinance")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def _deadline_from_env() -> float:
    """VERIFIER_MARKET_TIMEOUT (seconds per Yahoo call) for slow links; DEFAULT_DEADLINE otherwise."""
    import os

    raw = os.environ.get("VERIFIER_MARKET_TIMEOUT")
    if not raw:
        return DEFAULT_DEADLINE
    try:
        value = float(raw)
    except ValueError:
        from ..errors import ConfigError

        raise ConfigError(f"VERIFIER_MARKET_TIMEOUT={raw!r} is not a number of seconds; set e.g. 10") from None
    return max(0.5, value)


_CACHES_PLACED = False


def _place_yfinance_caches(yf) -> None:  # noqa: ANN001 - the yfinance module
    """yfinance keeps its timezone and cookie caches in our cache folder (once per process)."""
    global _CACHES_PLACED
    if _CACHES_PLACED:
        return
    _CACHES_PLACED = True
    try:
        from ..config import cache_dir

        folder = cache_dir() / "yfinance"
        folder.mkdir(parents=True, exist_ok=True)
        yf.set_tz_cache_location(str(folder))
    except OSError:
        pass  # an unwritable folder: yfinance then runs without its timezone cache


def _is_network_error(exc: BaseException) -> bool:
    """True for connection-level failures (DNS, refused, reset, timed out), not HTTP answers."""
    name = type(exc).__name__
    if name == "HTTPError":
        return False
    if name in {
        "ConnectionError", "ConnectTimeout", "ReadTimeout", "Timeout", "TimeoutError", "DNSError",
        "ProxyError", "SSLError", "ChunkedEncodingError", "RemoteDisconnected", "CurlError",
    }:
        return True
    if _http_status(exc):
        return False
    return isinstance(exc, (OSError, TimeoutError))


def _http_status(exc: BaseException) -> Optional[int]:
    response = getattr(exc, "response", None)
    code = getattr(response, "status_code", None)
    return int(code) if isinstance(code, int) else None


def _num(value: Any) -> Optional[float]:
    """A finite float, or None for missing/NaN/zero-as-missing values Yahoo uses."""
    if value is None or isinstance(value, bool):
        return None
    try:
        out = float(value)
    except (TypeError, ValueError):
        return None
    if math.isnan(out) or math.isinf(out):
        return None
    return out


def _positive(value: Any) -> Optional[float]:
    out = _num(value)
    return out if out is not None and out > 0 else None


def _scaled(value: Any, scale: float) -> Optional[float]:
    out = _positive(value)
    return None if out is None else round(out * scale, 6)


def _event_time(local: dt.datetime) -> Optional[str]:
    """before_open / after_close from a local clock time; midnight means 'time not given'."""
    if local.hour == 0 and local.minute == 0:
        return None
    if local.hour * 60 + local.minute >= 16 * 60:
        return "after_close"
    if local.hour * 60 + local.minute < 9 * 60 + 30:
        return "before_open"
    return local.strftime("%H:%M")


def yahoo_symbol(ticker: str) -> str:
    """Yahoo's spelling of a symbol: US share classes take a hyphen (BRK.B, BRK/B -> BRK-B).

    Exchange suffixes stay (SIE.DE, VOD.L): only a one-letter A/B/C class after a US root is rewritten.
    """
    symbol = ticker.strip().upper()
    m = re.fullmatch(r"([A-Z]{1,5})[./]([ABC])", symbol)
    return f"{m.group(1)}-{m.group(2)}" if m else symbol


def split_factors(days: list[dt.date], splits: list[Split]) -> list[float]:
    """For each day: the product of the ratios of splits effective after it (undoes Yahoo's adjustment)."""
    out = []
    for day in days:
        factor = 1.0
        for s in splits:
            if s.date > day:
                factor *= s.ratio
        out.append(factor)
    return out


class YFinanceProvider:
    """``MarketProvider`` over yfinance. One instance per run: it remembers that Yahoo is down."""

    name = "yfinance"

    def __init__(
        self,
        *,
        session: Any = None,
        timeout: float = DEFAULT_TIMEOUT,
        deadline: Optional[float] = None,
        retries: int = DEFAULT_RETRIES,
        backoff: float = DEFAULT_BACKOFF,
        now: Optional[Callable[[], dt.datetime]] = None,
    ):
        self.session = session
        self.timeout = timeout
        self.deadline = deadline if deadline is not None else _deadline_from_env()
        self.retries = retries
        self.backoff = backoff
        self._now = now or (lambda: dt.datetime.now(dt.timezone.utc))
        self.down: Optional[str] = None  # why Yahoo is not called again in this run
        self.requests_made = 0  # yfinance calls started (for tests and diagnostics)
        self._configured = False

    def describe(self) -> str:
        return "yfinance (Yahoo Finance)"

    # ------------------------------------------------------------------ plumbing

    def _configure(self):  # noqa: ANN202 - the yfinance module
        try:
            import yfinance as yf
        except ImportError:  # pragma: no cover - a declared dependency
            raise MarketDataError("yfinance is not installed; pip install yfinance, or use --market SNAPSHOT.json") from None
        # Raise instead of logging and returning empty frames: an empty frame must never be
        # mistaken for a window without trading. (Set on every call: it is process-wide state.)
        yf.config.debug.hide_exceptions = False
        if not self._configured:
            _log_quietly()
            # yfinance's pandas calls raise deprecation warnings that are not the user's business
            warnings.filterwarnings("ignore", module=r"yfinance(\.|$)")
            yf.config.network.retries = 0  # our own retry policy (429 backoff) applies
            _place_yfinance_caches(yf)
            self._configured = True
        return yf

    def _ticker(self, symbol: str):  # noqa: ANN202 - yfinance.Ticker
        yf = self._configure()
        return yf.Ticker(symbol, session=self.session) if self.session is not None else yf.Ticker(symbol)

    def _run(self, fn: Callable[[], Any], what: str) -> Any:
        """Run one yfinance call in a daemon thread; give up after ``deadline`` seconds."""
        box: dict[str, Any] = {}
        done = threading.Event()

        def work() -> None:
            try:
                box["value"] = fn()
            except BaseException as exc:  # noqa: BLE001 - handed to the caller's thread
                box["error"] = exc
            finally:
                done.set()

        self.requests_made += 1
        threading.Thread(target=work, name=f"yfinance {what}", daemon=True).start()
        if not done.wait(self.deadline):
            self.down = f"Yahoo Finance did not answer within {self.deadline:g} s ({what})"
            raise MarketDataError(
                f"{self.down}; check the network connection, or replay a snapshot with --market FILE.json"
            )
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def _call(self, fn: Callable[[], Any], what: str, symbol: str) -> Any:
        """``_run`` with the failure policy: 429 -> backoff and retry; network failure -> Yahoo is down."""
        if self.down:
            raise MarketDataError(f"Yahoo Finance not called for {symbol}: {self.down} earlier in this run")
        attempt = 0
        while True:
            try:
                return self._run(fn, what)
            except MarketDataError:
                raise
            except Exception as exc:  # noqa: BLE001 - classified below
                name = type(exc).__name__
                if name == "YFRateLimitError" or _http_status(exc) == 429:
                    if attempt < self.retries:
                        time.sleep(self.backoff * (2**attempt))
                        attempt += 1
                        continue
                    self.down = "Yahoo Finance is rate-limiting requests (HTTP 429)"
                    raise MarketDataError(
                        f"{self.down} for {symbol} after {attempt + 1} attempts; wait a few minutes and retry, "
                        "or replay a snapshot with --market FILE.json"
                    ) from None
                if _is_network_error(exc):
                    self.down = f"Yahoo Finance is unreachable ({name}: {str(exc).split(' See http')[0][:140]})"
                    raise MarketDataError(
                        f"{self.down}; check the network connection, or replay a snapshot with --market FILE.json"
                    ) from None
                raise

    # ------------------------------------------------------------------ parts

    def _prices(self, t: Any, symbol: str, request: MarketRequest, retrieved: dt.datetime) -> dict[str, Any]:
        """Bars from the window's start to today (so later splits are known), made as-traded."""

        def history():  # noqa: ANN202
            frame = t.history(
                start=request.start.isoformat(),
                end=None,
                interval="1d",
                auto_adjust=False,
                actions=True,
                timeout=self.timeout,
            )
            meta: dict[str, Any] = {}
            lazy = t.history_metadata or {}
            for key in _META_KEYS:  # read key by key: 'tradingPeriods' would trigger an intraday fetch
                try:
                    if key in lazy:
                        meta[key] = lazy[key]
                except Exception:  # noqa: BLE001 - metadata is a bonus
                    continue
            return frame, meta

        try:
            frame, meta = self._call(history, "daily prices", symbol)
        except MarketDataError:
            raise
        except Exception as exc:  # noqa: BLE001 - yfinance's own exceptions, by name
            name = type(exc).__name__
            status = _http_status(exc)
            if name == "YFTzMissingError" or status == 404:
                raise TickerNotFound(
                    f"Yahoo Finance does not know {symbol} (unknown or delisted symbol); check the ticker or pass --ticker"
                ) from None
            if name == "YFPricesMissingError":
                reason = getattr(exc, "yahoo_reason", None) or ""
                if "delisted" in reason.lower() or "no data found" in reason.lower():
                    raise TickerNotFound(f"Yahoo Finance has no data for {symbol}: {reason}; check the ticker") from None
                return {"missing": f"daily prices: Yahoo returned no bars for {symbol} from {request.start} ({exc})"}
            raise MarketDataError(f"Yahoo Finance price request for {symbol} failed ({name}: {exc})") from None

        if frame is None or getattr(frame, "empty", True):
            # yfinance returns an empty frame on failures it swallowed: never read it as "no trading".
            raise MarketDataError(
                f"Yahoo Finance returned no daily bars for {symbol} from {request.start} without saying why "
                "(a failed request, not a closed market); retry later or replay a snapshot"
            )
        tz_name = meta.get("exchangeTimezoneName") or "America/New_York"
        try:
            tz = ZoneInfo(tz_name)
        except Exception:  # noqa: BLE001
            tz = ZoneInfo("America/New_York")
        index = frame.index
        if getattr(index, "tz", None) is not None:
            days = [ts.tz_convert(tz).date() for ts in index]
        else:
            days = [ts.date() for ts in index]

        splits: list[Split] = []
        dividends_adj: list[tuple[dt.date, float]] = []
        for day, (_, row) in zip(days, frame.iterrows()):
            ratio = _positive(row.get("Stock Splits"))
            if ratio and ratio != 1:
                splits.append(Split(date=day, ratio=ratio))
            amount = _positive(row.get("Dividends"))
            if amount:
                dividends_adj.append((day, amount))
        # Yahoo quotes London in pence (GBp), Johannesburg in cents (ZAc): state prices in the currency
        quoted = meta.get("currency") or "USD"
        currency, divisor = normalise_currency(quoted)
        scale = 1.0 / divisor
        factors = [f * scale for f in split_factors(days, splits)]

        bars: list[Bar] = []
        for day, factor, (_, row) in zip(days, factors, frame.iterrows()):
            if not (request.start <= day <= request.end):
                continue
            o, h, low, c = (_positive(row.get(k)) for k in ("Open", "High", "Low", "Close"))
            if None in (o, h, low, c):
                continue  # a row without prices (halt or Yahoo gap), not a session with price 0
            volume = _num(row.get("Volume"))
            bars.append(
                Bar(
                    date=day,
                    open=round(o * factor, 6),
                    high=round(max(h, o, c) * factor, 6),
                    low=round(min(low, o, c) * factor, 6),
                    close=round(c * factor, 6),
                    volume=None if volume is None or volume < 0 else round(volume * scale / factor, 3),
                )
            )
        dividends = [
            Dividend(date=d, amount=round(a * f * scale, 6))
            for (d, a), f in zip(dividends_adj, split_factors([d for d, _ in dividends_adj], splits))
        ]
        exchange = YAHOO_EXCHANGE_MIC.get(str(meta.get("exchangeName") or "").upper(), meta.get("exchangeName") or "XNYS")
        note = "as traded: Yahoo's split-adjusted prices multiplied back by later splits"
        if splits:
            note += " (" + ", ".join(f"{s.ratio:g}:1 on {s.date}" for s in splits) + ")"
        if divisor != 1:
            note += f"; Yahoo quotes in {quoted} (1/{divisor:g} {currency}): prices divided by {divisor:g} to {currency}"
        local_today = retrieved.astimezone(tz).date()
        if bars and bars[-1].date >= local_today:
            note += f"; the {bars[-1].date} bar was the session in progress at retrieval (close = last price)"
        prov = Provenance(
            source=SOURCE,
            retrieved_at=retrieved,
            url=f"https://finance.yahoo.com/quote/{symbol}/history",
            note=note,
        )
        history = PriceHistory(
            currency=currency, exchange=exchange, timezone=tz_name, as_traded=True, bars=bars, provenance=prov
        )
        out: dict[str, Any] = {
            "prices": history,
            "splits": splits,
            "dividends": [d for d in dividends if request.start <= d.date <= request.end],
            "meta": meta,
            "tz": tz,
            "scale": scale,
        }
        if not bars:
            out["missing"] = f"daily prices: Yahoo has no bars for {symbol} between {request.start} and {request.end}"
        return out

    def _info(self, t: Any, symbol: str) -> dict:
        try:
            info = self._call(lambda: t.info, "company profile", symbol)
        except MarketDataError:
            raise
        except Exception as exc:  # noqa: BLE001 - a missing profile is a missing part, not a failed run
            return {"_error": f"{type(exc).__name__}: {exc}"}
        return dict(info or {})

    def _profile(self, info: dict, meta: dict, symbol: str, retrieved: dt.datetime) -> Optional[Profile]:
        name = info.get("longName") or info.get("shortName") or meta.get("longName") or meta.get("shortName")
        if not name:
            return None
        exchange_code = str(info.get("exchange") or meta.get("exchangeName") or "").upper()
        employees = info.get("fullTimeEmployees")
        return Profile(
            name=name,
            exchange=YAHOO_EXCHANGE_MIC.get(exchange_code, exchange_code or None),
            currency=normalise_currency(info.get("currency") or meta.get("currency") or "USD")[0],
            timezone=info.get("exchangeTimezoneName") or meta.get("exchangeTimezoneName") or "America/New_York",
            employees=int(employees) if isinstance(employees, (int, float)) and employees >= 0 else None,
            market_cap=_positive(info.get("marketCap")),
            shares_outstanding=_positive(info.get("sharesOutstanding")),
            fifty_two_week_low=_positive(info.get("fiftyTwoWeekLow") or meta.get("fiftyTwoWeekLow")),
            fifty_two_week_high=_positive(info.get("fiftyTwoWeekHigh") or meta.get("fiftyTwoWeekHigh")),
            aliases=[n for n in {info.get("shortName"), info.get("displayName")} if n and n != name],
            provenance=Provenance(
                source=SOURCE, retrieved_at=retrieved, url=f"https://finance.yahoo.com/quote/{symbol}/profile",
                note="employees as reported by Yahoo (latest filing), at retrieval time",
            ),
        )

    def _consensus(
        self, t: Any, info: dict, symbol: str, retrieved: dt.datetime, scale: float = 1.0
    ) -> Optional[AnalystConsensus]:
        targets: dict = {}
        if info.get("targetMeanPrice") is None:
            try:
                targets = dict(self._call(lambda: t.analyst_price_targets, "analyst price targets", symbol) or {})
            except MarketDataError:
                raise
            except Exception:  # noqa: BLE001 - optional
                targets = {}
        def target(info_key: str, key: str) -> Optional[float]:
            value = _positive(info.get(info_key) or targets.get(key))
            return None if value is None else round(value * scale, 6)

        mean = target("targetMeanPrice", "mean")
        if mean is None:
            return None
        return AnalystConsensus(
            mean_target=mean,
            median_target=target("targetMedianPrice", "median"),
            low_target=target("targetLowPrice", "low"),
            high_target=target("targetHighPrice", "high"),
            analysts=int(info["numberOfAnalystOpinions"]) if _num(info.get("numberOfAnalystOpinions")) else None,
            recommendation=info.get("recommendationKey") or None,
            currency=normalise_currency(info.get("currency") or info.get("financialCurrency") or "USD")[0],
            as_of=retrieved.date(),
            provenance=Provenance(source=SOURCE, retrieved_at=retrieved, url=f"https://finance.yahoo.com/quote/{symbol}/analysis"),
        )

    def _analyst_actions(
        self,
        t: Any,
        symbol: str,
        request: MarketRequest,
        tz: dt.tzinfo,
        currency: str,
        retrieved: dt.datetime,
        scale: float = 1.0,
    ) -> tuple[list[AnalystActionRecord], Optional[str]]:
        try:
            frame = self._call(lambda: t.upgrades_downgrades, "analyst actions", symbol)
        except MarketDataError:
            raise
        except Exception as exc:  # noqa: BLE001
            if "No upgrade/downgrade history" in str(exc):
                return [], f"analyst actions: Yahoo has no upgrade/downgrade history for {symbol}"
            return [], f"analyst actions: Yahoo's answer for {symbol} could not be read ({type(exc).__name__})"
        if frame is None or frame.empty:
            return [], f"analyst actions: Yahoo returned none for {symbol}"
        prov = Provenance(source=SOURCE, retrieved_at=retrieved, url=f"https://finance.yahoo.com/quote/{symbol}/analysis")
        out = []
        for stamp, row in frame.iterrows():
            ts = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp
            day = ts.tz_convert(tz).date() if hasattr(ts, "tz_convert") else ts.date()
            if not (request.start <= day <= request.end):
                continue
            firm = str(row.get("Firm") or "").strip()
            if not firm:
                continue
            action = _YAHOO_ACTIONS.get(str(row.get("Action") or "").lower(), row.get("Action") or None)
            out.append(
                AnalystActionRecord(
                    date=day,
                    firm=firm,
                    action=action,
                    from_rating=(str(row.get("FromGrade")).strip() or None) if row.get("FromGrade") else None,
                    to_rating=(str(row.get("ToGrade")).strip() or None) if row.get("ToGrade") else None,
                    price_target=_scaled(row.get("currentPriceTarget"), scale),
                    prior_price_target=_scaled(row.get("priorPriceTarget"), scale),
                    currency=currency,
                    provenance=prov,
                )
            )
        out.sort(key=lambda a: (a.date, a.firm))
        return out, None

    def _events(
        self, t: Any, symbol: str, request: MarketRequest, tz: dt.tzinfo, retrieved: dt.datetime,
        earnings_days: Optional[list[dt.date]] = None,
        street_eps: Optional[dict[dt.date, float]] = None,
    ) -> tuple[list[ScheduledEventRecord], list[str]]:
        """Earnings and dividend dates: calendarEvents (upcoming) and earnings_dates (past and next)."""
        missing: list[str] = []
        events: dict[tuple[str, dt.date], ScheduledEventRecord] = {}
        prov = Provenance(source=SOURCE, retrieved_at=retrieved, url=f"https://finance.yahoo.com/calendar/earnings?symbol={symbol}")
        local_today = retrieved.astimezone(tz).date()

        def add(event: str, when: dt.datetime | dt.date, confirmed: bool, time_hint: Optional[str] = None) -> None:
            if isinstance(when, dt.datetime):
                local = when.astimezone(tz)
                day, hint = local.date(), time_hint or _event_time(local)
            else:
                day, hint = when, time_hint
            key = (event, day)
            if key in events:
                old = events[key]
                events[key] = old.model_copy(update={"confirmed": old.confirmed or confirmed, "time": old.time or hint})
            else:
                events[key] = ScheduledEventRecord(event=event, date=day, time=hint, confirmed=confirmed, provenance=prov)

        # calendarEvents with the raw epoch seconds (yfinance's ``calendar`` converts them with the
        # host's time zone, which can shift a date); the public property is the fallback.
        raw = None
        fetch = getattr(getattr(t, "_quote", None), "_fetch", None)
        try:
            if callable(fetch):
                result = self._call(lambda: fetch(modules=["calendarEvents"]), "calendar events", symbol)
                raw = ((result or {}).get("quoteSummary", {}).get("result") or [{}])[0].get("calendarEvents")
            else:  # pragma: no cover - a future yfinance without the private fetch
                cal = self._call(lambda: t.calendar, "calendar", symbol) or {}
                for day in cal.get("Earnings Date", []) or []:
                    add("earnings", day, confirmed=len(cal.get("Earnings Date")) == 1)
        except MarketDataError:
            raise
        except Exception as exc:  # noqa: BLE001
            missing.append(f"scheduled events: Yahoo's calendar for {symbol} could not be read ({type(exc).__name__})")
        if raw:
            earnings = raw.get("earnings") or {}
            stamps = [s for s in earnings.get("earningsDate") or [] if isinstance(s, (int, float))]
            estimate = bool(earnings.get("isEarningsDateEstimate")) or len(stamps) > 1
            for stamp in stamps:
                add("earnings", dt.datetime.fromtimestamp(stamp, dt.timezone.utc), confirmed=not estimate)
            for key, event in (("exDividendDate", "ex_dividend"), ("dividendDate", "dividend")):
                stamp = raw.get(key)
                if isinstance(stamp, (int, float)) and stamp > 0:
                    add(event, dt.datetime.fromtimestamp(stamp, dt.timezone.utc).astimezone(tz).date(), confirmed=True)

        try:
            frame = self._call(lambda: t.get_earnings_dates(limit=12), "earnings dates", symbol)
        except MarketDataError:
            raise
        except Exception as exc:  # noqa: BLE001
            frame = None
            missing.append(f"scheduled events: Yahoo's earnings dates for {symbol} could not be read ({type(exc).__name__})")
        if frame is not None and not frame.empty:
            for stamp, row in frame.iterrows():
                when = stamp.to_pydatetime()
                if when.tzinfo is None:
                    when = when.replace(tzinfo=tz)
                eps = _num(row.get("Reported EPS"))
                reported = eps is not None
                past = when.astimezone(tz).date() <= local_today
                add("earnings", when, confirmed=reported or past)
                if reported and street_eps is not None:
                    street_eps[when.astimezone(tz).date()] = eps
        if earnings_days is not None:  # every results date Yahoo knows, for dating income-statement figures
            earnings_days.extend(sorted(e.date for e in events.values() if e.event == "earnings" and e.confirmed))
        kept = [e for e in events.values() if request.start <= e.date <= request.end]
        if not events and not missing:
            missing.append(f"scheduled events: Yahoo lists no earnings or dividend dates for {symbol}")
        return sorted(kept, key=lambda e: (e.date, e.event)), missing

    def _financials(
        self, t: Any, symbol: str, request: MarketRequest, currency: str, earnings_days: list[dt.date], retrieved: dt.datetime,
        street_eps: Optional[dict[dt.date, float]] = None,
    ) -> list[CompanyFact]:
        """Reported figures from Yahoo's quarterly and annual income statements (the second source after EDGAR).

        Yahoo gives period ends but no filing dates: a figure is dated by the first results date Yahoo
        lists after its period, else by the latest day the SEC's filing deadline allows (so it is never
        used before it could have been public). Periods are labelled by fiscal year: the annual
        columns are the fiscal year ends, a year named by the calendar year it ends in.
        """
        from .edgar import FiscalCalendar

        frames: dict[str, Any] = {}
        for freq in ("quarterly", "annual"):
            try:
                frames[freq] = self._call(
                    lambda f=freq: t.get_income_stmt(pretty=False, freq="yearly" if f == "annual" else f),
                    f"{freq} income statement", symbol,
                )
            except MarketDataError:
                raise
            except Exception:  # noqa: BLE001 - an absent statement is an absent part
                frames[freq] = None
        def columns(frame: Any) -> list[dt.date]:
            if frame is None or getattr(frame, "empty", True):
                return []
            return [c.date() if hasattr(c, "date") else dt.date.fromisoformat(str(c)[:10]) for c in frame.columns]

        year_ends = sorted(columns(frames.get("annual")))
        calendar = FiscalCalendar.from_year_ends(year_ends)
        earliest = request.start - dt.timedelta(days=800)
        url = f"https://finance.yahoo.com/quote/{symbol}/financials"
        out: list[CompanyFact] = []
        for freq, frame in frames.items():
            if frame is None or getattr(frame, "empty", True):
                continue
            for column, end in zip(frame.columns, columns(frame)):
                if not (earliest <= end <= request.end):
                    continue
                days = 91 if freq == "quarterly" else 365
                period = calendar.label(end - dt.timedelta(days=days - 1), end)
                if period is None:
                    continue
                released = [d for d in earnings_days if end < d <= end + dt.timedelta(days=100)]
                if released:
                    day, when = released[0], f"dated by Yahoo's results date {released[0]}"
                else:
                    day = end + dt.timedelta(days=RESULTS_LAG_DAYS[freq])
                    when = f"no results date known: dated {RESULTS_LAG_DAYS[freq]} days after the period, the latest a filing is due"
                for row, metric in _INCOME_ROWS.items():
                    if row not in frame.index:
                        continue
                    value = _num(frame.at[row, column])
                    if value is None:
                        continue
                    unit = f"{currency} per share" if metric.startswith("eps") else currency
                    shown = f"{value:,.2f} {unit}" if metric.startswith("eps") else f"{value / 1e6:,.1f} million {unit}"
                    out.append(
                        CompanyFact(
                            date=day,
                            kind="financial_metric",
                            metric=metric,
                            amount=value,
                            currency=currency,
                            period=period,
                            period_end=end,
                            description=(
                                f"{metric.replace('_', ' ')} for fiscal {period} (period ending {end}): {shown}, "
                                f"Yahoo's {freq} income statement ({row}); {when}; not a filing"
                            ),
                            citation="Yahoo Finance income statement (second source, not an SEC filing)",
                            provenance=Provenance(source=INCOME_SOURCE, retrieved_at=retrieved, url=url),
                        )
                    )
        out.extend(self._street_eps(street_eps or {}, columns(frames.get("quarterly")), calendar, request, currency, retrieved, symbol))
        return sorted(out, key=lambda f: (f.date, f.metric or ""))

    @staticmethod
    def _street_eps(
        street: dict[dt.date, float], quarter_ends: list[dt.date], calendar: Any, request: MarketRequest,
        currency: str, retrieved: dt.datetime, symbol: str,
    ) -> list[CompanyFact]:
        """The EPS Yahoo's earnings history lists as reported on a results date, for the quarter just ended.

        It is the analysts' basis (Yahoo's "Reported EPS" is the figure compared with the consensus,
        usually the company's adjusted one), so the check uses it only to support an EPS figure the
        filings' GAAP number does not settle, never to contradict one. A results date with no quarter
        end in the 100 days before it is left out (the quarter cannot be named).
        """
        out = []
        url = f"https://finance.yahoo.com/calendar/earnings?symbol={symbol}"
        for day, eps in sorted(street.items()):
            ends = [e for e in quarter_ends if e < day <= e + dt.timedelta(days=100)]
            if not ends or not (request.start - dt.timedelta(days=800) <= day <= request.end):
                continue
            end = max(ends)
            period = calendar.label(end - dt.timedelta(days=90), end)
            if period is None:
                continue
            out.append(
                CompanyFact(
                    date=day, kind="financial_metric", metric="eps_street", amount=eps, currency=currency,
                    period=period, period_end=end,
                    description=(
                        f"EPS Yahoo Finance lists as reported for fiscal {period} (period ending {end}) on its results date "
                        f"{day}: {eps:,.2f} {currency} per share, the analysts' basis (usually adjusted, non-GAAP); not a filing"
                    ),
                    citation="Yahoo Finance earnings history (reported EPS on the analysts' basis; not an SEC filing)",
                    provenance=Provenance(source=SOURCE, retrieved_at=retrieved, url=url),
                )
            )
        return out

    # ------------------------------------------------------------------ fetch

    def fetch(self, request: MarketRequest) -> TickerData:
        symbol = yahoo_symbol(request.ticker)
        if self.down:
            raise MarketDataError(f"Yahoo Finance not called for {symbol}: {self.down} earlier in this run")
        t = self._ticker(symbol)
        retrieved = self._now().replace(microsecond=0)
        missing: list[str] = []

        prices = self._prices(t, symbol, request, retrieved)
        if prices.get("missing"):
            missing.append(prices["missing"])
        meta = prices.get("meta", {})
        tz = prices.get("tz") or ZoneInfo(meta.get("exchangeTimezoneName") or "America/New_York")
        currency = prices["prices"].currency if prices.get("prices") else normalise_currency(meta.get("currency"))[0]
        scale = prices.get("scale", 1.0)

        info = self._info(t, symbol)
        if info.get("_error"):
            missing.append(f"company profile: Yahoo's answer for {symbol} could not be read ({info['_error'][:100]})")
        profile = self._profile(info, meta, symbol, retrieved)
        consensus = self._consensus(t, info, symbol, retrieved, scale)
        actions, why = self._analyst_actions(t, symbol, request, tz, currency, retrieved, scale)
        if why:
            missing.append(why)
        earnings_days: list[dt.date] = []
        street_eps: dict[dt.date, float] = {}
        events, why_events = self._events(t, symbol, request, tz, retrieved, earnings_days, street_eps)
        missing.extend(why_events)
        currency_reported = normalise_currency(info.get("financialCurrency") or currency)[0]
        facts = self._financials(t, symbol, request, currency_reported, earnings_days, retrieved, street_eps)
        if facts:
            missing.append(
                "company facts (job cuts, deals): not provided by Yahoo Finance "
                "(set VERIFIER_SEC_USER_AGENT to add SEC EDGAR filings)"
            )
        else:
            missing.append(
                "company facts (job cuts, deals, reported figures): not provided by Yahoo Finance "
                "(set VERIFIER_SEC_USER_AGENT to add SEC EDGAR filings)"
            )
        return TickerData(
            ticker=symbol,
            profile=profile,
            prices=prices.get("prices"),
            splits=prices.get("splits", []),
            dividends=prices.get("dividends", []),
            analyst_actions=actions,
            consensus=consensus,
            events=events,
            facts=facts,
            provenance=Provenance(source=SOURCE, retrieved_at=retrieved, url=f"https://finance.yahoo.com/quote/{symbol}"),
            missing=missing,
        )

    # ------------------------------------------------------------------ search

    def search(self, query: str, max_results: int = 8) -> list[dict]:
        """Yahoo's symbol search: [{symbol, name, exchange, type}] (equities first)."""
        yf = self._configure()

        def run():  # noqa: ANN202
            kwargs = dict(max_results=max_results, news_count=0, timeout=self.timeout, raise_errors=True)
            if self.session is not None:
                kwargs["session"] = self.session
            try:
                return yf.Search(query, **kwargs).quotes
            except TypeError:  # an older signature without some keyword
                kwargs.pop("raise_errors", None)
                return yf.Search(query, **kwargs).quotes

        quotes = self._call(run, "symbol search", query) or []
        out = []
        for q in quotes:
            symbol = q.get("symbol")
            if not symbol:
                continue
            out.append(
                {
                    "symbol": str(symbol).upper(),
                    "name": q.get("longname") or q.get("shortname") or "",
                    "exchange": q.get("exchange") or "",
                    "type": (q.get("quoteType") or "").upper(),
                }
            )
        return out
