"""How many of the corpus's reported-figure claims recorded SEC EDGAR data settles, against before.

The claims: every labelled financial_metric claim of the corpus whose metric is a reported figure
(revenue, EPS, net or operating income) or a market cap; guidance and "other" figures (capex,
dividends) are forecasts or metrics EDGAR is not read for, and are counted apart. So are figures the
article itself calls adjusted (non-GAAP): filings record only GAAP figures, so the right verdict for
them is unverifiable, never a contradiction; they are reported as "adjusted" with how many got it.
An EPS the article calls neither adjusted nor GAAP is unsettled by a filing too, unless the company
table says the company publishes no adjusted EPS (Amazon, Apple): then it is read as GAAP, and the
line "read as GAAP" counts the claims settled so.

"Before" is what ``--market auto`` gave without EDGAR: the article's own snapshot with its company
facts removed and yfinance's note that it supplies none. "After" is the same market data joined
with the recorded EDGAR JSON of ``fixtures/edgar/`` (served by a loopback server to the real
provider, as the tests do), the way ``--market auto`` joins them when VERIFIER_SEC_USER_AGENT is set.

Claims are read from each article by the rule engine and matched to the labels by quote; a labelled
claim the engine misses is built from its label (metric, value; no period) so the figure measures
the data, not the extractor. Agreement with the label is shown too: the labels were set against
the corpus's constructed snapshots, so a different verdict on EDGAR data is reported, not hidden.

    .venv/bin/python benchmarks/edgar_coverage.py [--details]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from pathlib import Path

from _corpus import CORPUS, ROOT, machine

sys.path.insert(0, str(ROOT))

from tests.edgar_replay import EdgarReplay  # noqa: E402
from verifier import verify  # noqa: E402
from verifier.check import CheckContext, check_claim  # noqa: E402
from verifier.check.financial_metric import _NON_GAAP  # noqa: E402
from verifier.market.base import MarketRequest, TickerData  # noqa: E402
from verifier.market.combined import CombinedProvider  # noqa: E402
from verifier.market.edgar import EdgarProvider  # noqa: E402
from verifier.market.snapshot import Snapshot  # noqa: E402
from verifier.schemas import Claim  # noqa: E402

REPORTED = {"revenue", "eps", "net_income", "operating_income", "market_cap"}
YAHOO_NOTE = "company facts (job cuts, deals, reported figures): not provided by Yahoo Finance"
EDGAR_FIXTURES = ROOT / "fixtures" / "edgar"


class WithoutFacts:
    """A snapshot as yfinance would serve it: market data, no company facts."""

    name = "yfinance"

    def __init__(self, path: Path):
        self.snapshot = Snapshot.load(path)

    def describe(self) -> str:
        return "snapshot without facts"

    def fetch(self, request: MarketRequest) -> TickerData:
        from verifier.errors import TickerNotFound

        data = self.snapshot.tickers.get(request.ticker.upper())
        if data is None:
            raise TickerNotFound(f"{request.ticker} is not in the snapshot")
        return data.model_copy(update={"facts": [], "missing": [*data.missing, YAHOO_NOTE]})


def edgar_tickers() -> set[str]:
    table = json.loads((EDGAR_FIXTURES / "files" / "company_tickers.json").read_text())
    have = {p.stem for p in (EDGAR_FIXTURES / "api" / "xbrl" / "companyfacts").glob("*.json")}
    return {row["ticker"] for row in table.values() if f"CIK{row['cik_str']:010d}" in have}


def _matches(label: dict, claim) -> bool:  # noqa: ANN001
    want = label["quote_contains"].lower()
    value = label["values"].get("value")
    if claim.kind != "financial_metric":
        return False
    same_value = value is None or abs(claim.fields.value - value) <= 1e-6 * max(abs(value), 1)
    return same_value and (want in claim.quote.lower() or claim.quote.lower() in want)


def run(details: bool) -> None:
    covered = edgar_tickers()
    rows = []
    with EdgarReplay() as sec:
        edgar = EdgarProvider("verifier benchmark bench@example.com", www=sec.url, data=sec.url, cache=None)
        for labels_path in sorted(CORPUS.glob("c*.labels.json")):
            labels = json.loads(labels_path.read_text())
            wanted = [c for c in labels["claims"] if c["kind"] == "financial_metric"]
            if not wanted:
                continue
            article = next(p for p in labels_path.parent.glob(labels_path.name.replace(".labels.json", ".*")) if not p.name.endswith(".json"))
            snap_path = (CORPUS / labels["snapshot"]).resolve()
            before_market = WithoutFacts(snap_path)
            after_market = CombinedProvider(WithoutFacts(snap_path), edgar)
            tickers = list(before_market.snapshot.tickers)
            reports = {}
            for name, market in (("before", before_market), ("after", after_market)):
                reports[name] = verify(
                    article.read_text(encoding="utf-8"), extractor="rules", market=market,
                    published_at=labels.get("published_at"), ticker=labels.get("ticker") or (tickers[0] if len(tickers) == 1 else None),
                    source=article.name,
                )
            for label in wanted:
                metric = label["values"].get("metric", "other")
                ticker = labels.get("ticker") or (tickers[0] if len(tickers) == 1 else "?")
                row = {"article": labels["id"], "ticker": ticker, "metric": metric, "label": label.get("verdict"),
                       "quote": label["quote_contains"], "group": ("adjusted" if _NON_GAAP.search(label["quote_contains"]) else "reported") if metric in REPORTED else "forecast/other"}
                for name in ("before", "after"):
                    hit = next((c for c in reports[name].claims if _matches(label, c)), None)
                    if hit is None:
                        row["extracted"] = False
                        hit = _from_label(label, ticker, labels.get("published_at"), after_market if name == "after" else before_market)
                    else:
                        row.setdefault("extracted", True)
                    row[name] = hit.verdict
                    row[f"{name}_reason"] = hit.reason
                    if ticker == "?" and row.get("extracted") and hit.ticker:
                        ticker = row["ticker"] = hit.ticker  # an article over a multi-company snapshot: the company read
                # the data alone: the claim as labelled (metric, value), the period as the engine read it
                period = hit.fields.period if row.get("extracted") and hit.kind == "financial_metric" else None
                data_only = _from_label(label, ticker, labels.get("published_at"), after_market, period)
                row["data_only"], row["data_only_reason"] = data_only.verdict, data_only.reason
                rows.append(row)

    print(machine())
    print(f"EDGAR fixtures for: {', '.join(sorted(covered))}")
    for group in ("reported", "adjusted", "forecast/other"):
        part = [r for r in rows if r["group"] == group]
        with_data = [r for r in part if r["ticker"] in covered]
        print(f"\n{group} figures: {len(part)} labelled claims, {len(with_data)} for companies with EDGAR fixtures")
        for name in ("before", "after"):
            counts = Counter(r[name] for r in part)
            settled = counts["supported"] + counts["contradicted"]
            print(f"  {name:6}: " + ", ".join(f"{v} {counts[v]}" for v in ("supported", "contradicted", "unverifiable", "no_data"))
                  + f"  -> settled {settled}/{len(part)} ({100 * settled / max(1, len(part)):.0f}%)"
                  + f", checked (not no_data) {len(part) - counts['no_data']}/{len(part)}")
        if group == "adjusted":
            right = sum(1 for r in part if r["after"] == "unverifiable")
            print(f"  after, unverifiable as they should be (a GAAP filing does not settle an adjusted figure): {right}/{len(part)}")
        if group == "reported":
            counts = Counter(r["after"] for r in with_data)
            settled = counts["supported"] + counts["contradicted"]
            print(f"  after, companies with fixtures only: settled {settled}/{len(with_data)} ({100 * settled / max(1, len(with_data)):.0f}%)")
            scored = [r for r in part if r["label"] in ("supported", "contradicted") and r["after"] in ("supported", "contradicted")]
            agree = sum(1 for r in scored if r["label"] == r["after"])
            print(f"  after, agreement with the corpus label where both settle: {agree}/{len(scored)}")
            unsettled = [r for r in part if r["after"] not in ("supported", "contradicted")]
            why = Counter(
                "an EPS the article does not call GAAP/diluted/basic, of a company that may publish an adjusted one (a filing alone never disproves it)" if "does not say the figure is GAAP" in r["after_reason"]
                else "only an estimate on record (a quarter's EPS no filing gives)" if "estimate" in r["after_reason"]
                else "other" for r in unsettled
            )
            gaap_only = [r for r in part if r["after"] in ("supported", "contradicted") and "publishes no adjusted EPS" in r["after_reason"]]
            print(f"  after, an EPS not called GAAP read as GAAP (the company table: it publishes no adjusted EPS): {len(gaap_only)}"
                  + (f" ({', '.join(sorted(r['ticker'] + ' ' + r['after'] for r in gaap_only))})" if gaap_only else ""))
            print(f"  after, unsettled: {len(unsettled)}" + "".join(f"; {n} {reason}" for reason, n in why.most_common()))
            false_contra = [r for r in rows if r["after"] == "contradicted" and r["label"] == "supported"]
            print(f"  after, contradicted where the label says supported: {len(false_contra)}")
            print(f"  extracted by the rule engine: {sum(1 for r in part if r.get('extracted'))}/{len(part)} (the rest built from labels)")
            counts = Counter(r["data_only"] for r in part)
            settled = counts["supported"] + counts["contradicted"]
            agree = sum(1 for r in part if r["data_only"] == r["label"] and r["label"] in ("supported", "contradicted"))
            print(f"  the data alone (each claim as labelled: metric and value): "
                  + ", ".join(f"{v} {counts[v]}" for v in ("supported", "contradicted", "unverifiable", "no_data"))
                  + f"  -> settled {settled}/{len(part)} ({100 * settled / max(1, len(part)):.0f}%), {agree} as labelled")
    if details:
        print()
        for r in rows:
            print(f"{r['article']} {r['ticker']:5} {r['metric']:17} label={r['label']!s:13} before={r['before']:13} "
                  f"after={r['after']:13} data-only={r['data_only']:13} | {r['quote']}" + ("" if r.get("extracted") else "  [not extracted: built from the label]"))
            if r["after"] != r["label"]:
                print(f"      after: {r['after_reason']}")
            if r["data_only"] != r["label"] and r["data_only"] != r["after"]:
                print(f"      data-only: {r['data_only_reason']}")


def _from_label(label: dict, ticker: str, published: str | None, market, period: str | None = None) -> object:  # noqa: ANN001
    quote = label["quote_contains"]
    claim = Claim.model_validate(
        {"id": "L", "quote": quote, "start": 0, "end": len(quote), "ticker": ticker,
         "fields": {"kind": "financial_metric", "metric": label["values"].get("metric", "other"),
                    "value": label["values"]["value"], "period": period}}
    )
    when = dt.datetime.fromisoformat(published) if published else None
    day = when.date() if when else dt.date.today()
    from verifier.errors import MarketDataError

    try:
        data = market.fetch(MarketRequest(ticker=ticker, start=day - dt.timedelta(days=15), end=day + dt.timedelta(days=5)))
    except MarketDataError as exc:
        return check_claim(claim, CheckContext(when, None, ticker=ticker, unavailable=f"no market data for {ticker}: {exc}"))
    return check_claim(claim, CheckContext(when, data, ticker=ticker))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--details", action="store_true", help="one line per claim, with the reason where the verdict differs from the label")
    run(parser.parse_args().details)
