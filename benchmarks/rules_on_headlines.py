"""Measure the rule engine on 241 real Benzinga headlines (not part of the project's data).

Runs ``RuleExtractor`` on every headline of ``analyst_headlines.csv`` with its own publication
time, and prints the claims found per kind and how many analyst headlines (``kind_heuristic``
analyst_rating, a rough regex label) yield an ``analyst_rating`` claim with firm and price target.

    .venv/bin/python benchmarks/rules_on_headlines.py [PATH/TO/analyst_headlines.csv] [--misses]

``--misses`` lists analyst headlines with a price target in the text ("$") that gave no
firm + target claim, which is where recall work starts.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

from verifier.dates import parse_datetime_arg
from verifier.document import document_from_text
from verifier.extract.rules import RuleExtractor

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "headlines" / "analyst_headlines.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(DEFAULT), help="analyst_headlines.csv")
    parser.add_argument("--misses", action="store_true", help="list analyst headlines without firm + target")
    parser.add_argument("--show", action="store_true", help="print every headline with its claims")
    args = parser.parse_args(argv)
    path = Path(args.csv)
    if not path.is_file():
        print(f"no headline file at {path}; pass its path as the first argument", file=sys.stderr)
        return 2
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    engine = RuleExtractor()
    per_kind: Counter[str] = Counter()
    headlines_with_claims = 0
    analyst_rows = firm_any = firm_target = with_dollar = firm_target_of_dollar = 0
    misses: list[str] = []
    # kind_heuristic label -> the claim kinds that would answer it
    expected = {
        "analyst_rating": {"analyst_rating"},
        "price_move": {"price_change", "stock_price"},
        "earnings_or_guidance": {"financial_metric"},
        "earnings_date": {"scheduled_event"},
        "deal_investment_or_amount": {"deal"},
    }
    by_label: Counter[str] = Counter()
    covered: Counter[str] = Counter()
    started = time.perf_counter()
    for row in rows:
        doc = document_from_text(row["headline"], row["id"], html_input=False)
        doc.published_at = parse_datetime_arg(row["published"])
        claims = engine.extract(doc).claims
        headlines_with_claims += bool(claims)
        per_kind.update(c.kind for c in claims)
        if args.show:
            print(row["id"], row["headline"])
            for c in claims:
                fields = {k: v for k, v in c.fields.model_dump(mode="json").items() if v not in (None, False) and k != "kind"}
                print("   ", c.kind, c.ticker, c.attribution, fields)
        label = row["kind_heuristic"]
        by_label[label] += 1
        if expected.get(label, set()) & {c.kind for c in claims}:
            covered[label] += 1
        if label != "analyst_rating":
            continue
        analyst_rows += 1
        ratings = [c for c in claims if c.kind == "analyst_rating"]
        firm_any += bool(ratings)
        hit = any(c.fields.firm and c.fields.price_target for c in ratings)  # type: ignore[union-attr]
        firm_target += hit
        if re.search(r"\$\d", row["headline"]):
            with_dollar += 1
            firm_target_of_dollar += hit
            if not hit:
                misses.append(f"{row['id']} {row['headline']}")
    elapsed = time.perf_counter() - started
    print(f"headlines: {len(rows)} ({elapsed:.2f}s, {1000 * elapsed / max(1, len(rows)):.1f} ms each)")
    print(f"headlines with at least one claim: {headlines_with_claims}")
    print("claims per kind:")
    for kind, n in sorted(per_kind.items(), key=lambda kv: -kv[1]):
        print(f"  {kind:16} {n}")
    print(f"analyst headlines (kind_heuristic): {analyst_rows}")
    print(f"  with an analyst_rating claim:       {firm_any}")
    print(f"  with firm + price target parsed:    {firm_target}")
    print(f"  of those with a '$' amount:         {firm_target_of_dollar}/{with_dollar}")
    print("headlines whose label's kind was extracted (kind_heuristic is a rough regex label):")
    for label, n in sorted(by_label.items(), key=lambda kv: -kv[1]):
        if label in expected:
            print(f"  {label:28} {covered[label]}/{n}")
    if args.misses:
        print("misses (analyst headline with '$', no firm + target):")
        for line in misses:
            print("  " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
