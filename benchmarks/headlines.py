"""Check 241 real Benzinga headlines end to end against real daily prices (not part of the project).

    python benchmarks/headlines.py --data ../shared/data [--show] [--reasons N] [--json]

1. Every price file under ``DATA/prices`` becomes a snapshot through the real command
   ``verifier snapshot import-csv`` (the Yahoo files are split-ADJUSTED: their splits from
   ``prices/derived/splits_from_yahoo_files.csv`` are passed as ``--split-adjusted``; the Kaggle and
   Stooq files are as traded).
2. Every headline of ``headlines/analyst_headlines.csv`` goes through ``verify()`` with the rule
   engine, its own publication time, its row's ticker as the default ticker, and the snapshot of
   the price file the row names.
3. Printed: claims found per kind, verdicts per kind, headlines without any claim per
   ``kind_heuristic`` label, and the most frequent reasons for no_data/unverifiable verdicts. This
   is how we learn what the engine misses on real text. Price files carry no analyst actions, so
   analyst claims can only be checked where a rule compares them with prices.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

VERDICTS = ("supported", "contradicted", "unverifiable", "no_data")


def split_spec(table: Path, ticker: str) -> str:
    from verifier.market.csv_import import load_split_table

    return load_split_table(table, ticker) if table.exists() else ""


def import_prices(data: Path, out_dir: Path) -> dict[str, Path]:
    """price file name -> snapshot path, made by 'verifier snapshot import-csv'."""
    splits = data / "prices" / "derived" / "splits_from_yahoo_files.csv"
    snapshots: dict[str, Path] = {}
    for csv_file in sorted((data / "prices").glob("*.csv")):
        ticker = csv_file.name.split("_", 1)[0]
        out = out_dir / f"{csv_file.stem}.json"
        cmd = [sys.executable, "-m", "verifier", "snapshot", "import-csv", ticker, str(csv_file), "--out", str(out)]
        if "_yahoo_" in csv_file.name:
            spec = split_spec(splits, ticker)
            if spec:
                cmd += ["--split-adjusted", spec]
        result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            print(f"import-csv failed for {csv_file.name}: {result.stderr.strip()}", file=sys.stderr)
            continue
        print(f"  {result.stderr.strip().splitlines()[-1]}", file=sys.stderr)
        snapshots[csv_file.name] = out
    return snapshots


def adjusted_copy(path: Path, out: Path) -> bool:
    """The snapshot with its undone splits re-applied (split-adjusted prices), for the ablation."""
    from verifier.market.csv_import import split_factor
    from verifier.market.snapshot import Snapshot

    snap = Snapshot.load(path)
    changed = False
    for data in snap.tickers.values():
        if not data.prices or not data.splits:
            continue
        for bar in data.prices.bars:
            f = split_factor(bar.date, data.splits)
            if f != 1:
                changed = True
                bar.open, bar.high, bar.low, bar.close = (round(v / f, 6) for v in (bar.open, bar.high, bar.low, bar.close))
    if changed:
        snap.save(out)
    return changed


def reason_key(reason: str) -> str:
    """Group reasons by their wording, with numbers, dates and names in quotes blanked."""
    text = re.sub(r"\d{4}-\d{2}-\d{2}", "DATE", reason)
    text = re.sub(r"[$€£]?\d[\d,.]*%?", "N", text)
    text = re.sub(r"'[^']*'", "'X'", text)
    return text[:110]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"), help="folder with headlines/ and prices/")
    parser.add_argument("--show", action="store_true", help="print every headline with its claims and verdicts")
    parser.add_argument("--reasons", type=int, default=12, help="how many frequent no_data/unverifiable reasons to list")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object instead")
    parser.add_argument(
        "--no-ablation", action="store_true",
        help="skip re-checking the split-affected headlines on split-adjusted prices (what undoing splits is worth)",
    )
    args = parser.parse_args(argv)
    data = Path(args.data).resolve()
    headlines = data / "headlines" / "analyst_headlines.csv"
    if not headlines.is_file():
        print(f"no headline file at {headlines}; pass --data PATH/TO/shared/data", file=sys.stderr)
        return 2

    from verifier.market.snapshot import SnapshotProvider
    from verifier.pipeline import verify

    rows = list(csv.DictReader(headlines.open(encoding="utf-8")))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="verifier-headlines-") as tmp:
        print("importing price files with 'verifier snapshot import-csv':", file=sys.stderr)
        snapshots = import_prices(data, Path(tmp))
        providers = {name: SnapshotProvider(path) for name, path in snapshots.items()}
        imported = time.perf_counter()

        kinds: Counter[str] = Counter()
        verdicts: dict[str, Counter[str]] = defaultdict(Counter)
        reasons: Counter[str] = Counter()
        examples: dict[str, str] = {}
        without_claims: Counter[str] = Counter()
        by_label: Counter[str] = Counter()
        flags: Counter[str] = Counter()
        errors: list[str] = []
        for row in rows:
            by_label[row["kind_heuristic"]] += 1
            provider = providers.get(Path(row["price_file"]).name)
            try:
                report = verify(
                    row["headline"], published_at=row["published"], extractor="rules",
                    market=provider if provider is not None else "none", ticker=row["ticker"], source=row["id"],
                )
            except Exception as exc:  # noqa: BLE001 - a benchmark reports failures and goes on
                errors.append(f"{row['id']}: {type(exc).__name__}: {exc}")
                continue
            if not report.claims:
                without_claims[row["kind_heuristic"]] += 1
            flags.update(f.technique for f in report.flags)
            for claim in report.claims:
                kinds[claim.kind] += 1
                verdicts[claim.kind][claim.verdict] += 1
                if claim.verdict in ("no_data", "unverifiable"):
                    key = f"{claim.kind} {claim.verdict}: {reason_key(claim.reason)}"
                    reasons[key] += 1
                    examples.setdefault(key, f"{row['id']} {row['headline'][:90]}")
            if args.show:
                print(f"{row['id']} [{row['ticker']} {row['published']}] {row['headline']}")
                for claim in report.claims:
                    print(f"    {claim.kind:16} {claim.verdict:12} {claim.reason[:150]}")
        # Ablation: the same headlines on split-ADJUSTED prices (what a naive import would give)
        ablation: Counter[str] = Counter()
        if not args.no_ablation:
            adjusted = {}
            for name, path in snapshots.items():
                copy = Path(tmp) / f"adjusted-{path.name}"
                if adjusted_copy(path, copy):
                    adjusted[name] = SnapshotProvider(copy)
            for row in rows:
                name = Path(row["price_file"]).name
                if name not in adjusted:
                    continue
                kwargs = dict(published_at=row["published"], extractor="rules", ticker=row["ticker"], source=row["id"])
                try:
                    good = verify(row["headline"], market=providers[name], **kwargs)
                    naive = verify(row["headline"], market=adjusted[name], **kwargs)
                except Exception:  # noqa: BLE001
                    continue
                for a, b in zip(good.claims, naive.claims):
                    if a.kind in ("stock_price", "price_change", "analyst_rating"):
                        ablation[f"{a.kind}: {a.verdict} -> {b.verdict}"] += 1
        elapsed = time.perf_counter() - started

    total_claims = sum(kinds.values())
    figures = {
        "headlines": len(rows),
        "headlines_with_claims": len(rows) - sum(without_claims.values()) - len(errors),
        "claims": total_claims,
        "claims_per_kind": dict(kinds.most_common()),
        "verdicts": {v: sum(c[v] for c in verdicts.values()) for v in VERDICTS},
        "verdicts_per_kind": {k: {v: verdicts[k][v] for v in VERDICTS} for k in kinds},
        "headlines_per_label": dict(by_label.most_common()),
        "without_claims_per_label": dict(without_claims.most_common()),
        "flags": dict(flags.most_common()),
        "split_ablation": dict(ablation.most_common()),
        "errors": errors,
        "snapshots": len(snapshots),
        "seconds_import": round(imported - started, 2),
        "seconds_total": round(elapsed, 2),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0 if not errors else 1

    print(f"\n{len(rows)} headlines, {len(snapshots)} price files imported, {elapsed:.1f} s "
          f"({imported - started:.1f} s importing)")
    print(f"headlines with at least one claim: {figures['headlines_with_claims']}; claims: {total_claims}")
    print(f"\n{'kind':18}{'claims':>7}" + "".join(f"{v:>14}" for v in VERDICTS))
    for kind, count in kinds.most_common():
        print(f"{kind:18}{count:>7}" + "".join(f"{verdicts[kind][v]:>14}" for v in VERDICTS))
    print(f"{'all':18}{total_claims:>7}" + "".join(f"{figures['verdicts'][v]:>14}" for v in VERDICTS))
    print("\nheadlines without any claim, by kind_heuristic label (of all with that label):")
    for label, count in by_label.most_common():
        print(f"  {label:18}{without_claims[label]:>4} of {count}")
    if flags:
        print("\npromotional flags: " + ", ".join(f"{k} {v}" for k, v in flags.most_common()))
    if ablation:
        print("\nsplit ablation: claims of the split-affected headlines (AAPL 2020, AMZN 2018-24), verdict on as-traded "
              "prices -> verdict on split-adjusted prices:")
        for key, count in ablation.most_common():
            print(f"  {count:>4}  {key}")
    if reasons and args.reasons:
        print(f"\nmost frequent no_data/unverifiable reasons (of {sum(reasons.values())}):")
        for key, count in reasons.most_common(args.reasons):
            print(f"  {count:>4}  {key}\n        e.g. {examples[key]}")
    if errors:
        print(f"\n{len(errors)} headlines failed:")
        for line in errors[:20]:
            print("  " + line)
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
