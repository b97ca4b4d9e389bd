"""Shared by the benchmark scripts: the articles to measure on and one provider over every snapshot.

The benchmarks measure the offline pipeline, so market data comes from the snapshots bundled with
the project (``fixtures/corpus/snapshots/*.json`` and ``fixtures/market/*.json``), served by one
provider that picks, per request, the snapshot whose bars cover the requested window best.
"""

from __future__ import annotations

import json
import os
import platform
import random
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.errors import TickerNotFound  # noqa: E402
from verifier.market.base import MarketRequest, TickerData  # noqa: E402
from verifier.market.snapshot import Snapshot, SnapshotProvider  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
ARTICLES = ROOT / "fixtures" / "articles"
ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


def corpus_files() -> tuple[str, list[Path]]:
    """The labelled corpus when it exists, else the bundled example articles."""
    for folder in (CORPUS, ARTICLES):
        if not folder.is_dir():
            continue
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.is_file()
            and p.suffix.lower() in ARTICLE_SUFFIXES
            and p.name.lower() not in ("readme.md", "labels.md")
            and "snapshots" not in p.parts
            and not p.name.startswith(".")
        )
        if files:
            return str(folder.relative_to(ROOT)), files
    raise SystemExit("no articles found under fixtures/corpus or fixtures/articles")


def snapshot_files() -> list[Path]:
    return sorted((CORPUS / "snapshots").glob("*.json")) + sorted((ROOT / "fixtures" / "market").glob("*.json"))


class AllSnapshots:
    """Serves every bundled snapshot; for a ticker held by several, the one covering the window best."""

    name = "all-snapshots"

    def __init__(self, paths: list[Path] | None = None):
        self.snapshots = []
        for p in paths if paths is not None else snapshot_files():
            try:
                self.snapshots.append(Snapshot.load(p))
            except Exception as exc:  # noqa: BLE001 - a half-written corpus file must not stop a benchmark
                print(f"  (skipping snapshot {p.name}: {exc})", file=sys.stderr)

    def describe(self) -> str:
        return f"{len(self.snapshots)} bundled snapshots"

    def fetch(self, request: MarketRequest) -> TickerData:
        best, best_cover = None, -1
        for snap in self.snapshots:
            data = snap.tickers.get(request.ticker.upper())
            if data is None:
                continue
            bars = data.prices.bars if data.prices else []
            cover = sum(1 for b in bars if request.start <= b.date <= request.end)
            if cover > best_cover:
                best, best_cover = data, cover
        if best is None:
            raise TickerNotFound(f"{request.ticker} is in no bundled snapshot")
        return best


def read_article(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


@dataclass
class Item:
    """One article to measure on, with the market data that settles it (its labels' snapshot)."""

    path: Path
    text: str
    market: Any  # a provider object
    published_at: Optional[str] = None


def corpus_items() -> tuple[str, list[Item]]:
    """Every corpus article with its own snapshot (from ``<stem>.labels.json``), else all snapshots."""
    where, files = corpus_files()
    everything = AllSnapshots()
    providers: dict[Path, Any] = {}
    items = []
    for path in files:
        labels = path.with_name(f"{path.stem}.labels.json")
        market, published = everything, None
        if labels.exists():
            try:
                data = json.loads(labels.read_text(encoding="utf-8"))
            except ValueError:
                data = {}
            published = data.get("published_at")
            if data.get("snapshot"):
                snap = (path.parent / data["snapshot"]).resolve()
                if snap.exists():
                    if snap not in providers:
                        providers[snap] = SnapshotProvider(snap)
                    market = providers[snap]
        items.append(Item(path, read_article(path), market, published))
    return where, items


_PRICE = re.compile(r"\$(\d{1,4})\.(\d{2})\b")


def variant(text: str, i: int) -> str:
    """The i-th variant of an article: prices nudged by a few cents, paragraphs kept in order."""
    rng = random.Random(i)

    def nudge(m: re.Match) -> str:
        cents = int(m.group(1)) * 100 + int(m.group(2)) + rng.randint(-50, 50)
        cents = max(cents, 1)
        return f"${cents // 100}.{cents % 100:02d}"

    return _PRICE.sub(nudge, text)


def machine() -> str:
    """One line describing where a figure was measured."""
    mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({cpu}), {mem_gb:.1f} GB RAM, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}, commit {commit or '?'}, load average {load} at start"
    )
