"""Canonical dump of everything the offline rule path produces, to prove a speed change changed nothing.

For every article of ``fixtures/corpus*/`` and ``fixtures/articles/``: the rule engine's claims and
flags (``RuleExtractor().extract``), the promotional lexicon's flags (``promo.detect_flags``, with and
without reported speech) and the whole ``verify()`` JSON report, each corpus article against the
snapshot its labels name (with their ``published_at``), the others against every bundled snapshot.
Only the run's timing fields (``run.started_at``, ``run.duration_seconds``) are dropped.

    .venv/bin/python benchmarks/dump_rules_output.py OUT.json [--reverse]
    cmp before.json after.json

The held-out halves of corpus5 (spent on the false-alarm audit of stop 23, kept out all the same), corpus6
and corpus7 (labels ``"split": "heldout"``) are left out unless ``--with-heldout`` is given: an engineer comparing dumps never sees their output.

``--reverse`` reads the articles in the opposite order (the output is still sorted by path), so
state carried from one article to the next (lazily compiled patterns, caches) shows as a difference.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _corpus import ARTICLE_SUFFIXES, ROOT, AllSnapshots, read_article  # noqa: E402

from verifier.document import document_from_text  # noqa: E402
from verifier.extract.rules import RuleExtractor  # noqa: E402
from verifier.market.snapshot import SnapshotProvider  # noqa: E402
from verifier.pipeline import verify  # noqa: E402
from verifier.promo import detect_flags  # noqa: E402


def article_files() -> list[Path]:
    folders = sorted(p for p in (ROOT / "fixtures").glob("corpus*") if p.is_dir()) + [ROOT / "fixtures" / "articles"]
    return [
        p
        for folder in folders
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and p.suffix.lower() in ARTICLE_SUFFIXES
        and p.name.lower() not in ("readme.md", "labels.md")
        and not p.name.upper().startswith("NOTES")
        and "snapshots" not in p.parts
        and not p.name.startswith(".")
    ]


UNSEEN = ("corpus5", "corpus6", "corpus7")  # corpora whose held-out half nobody who changes the engine may read


def held_out(path: Path) -> bool:
    """An article of a held-out half that still measures generalisation (see ``UNSEEN``)."""
    labels = path.with_name(f"{path.stem}.labels.json")
    if not any(part in UNSEEN for part in path.parts) or not labels.exists():
        return False
    return json.loads(labels.read_text(encoding="utf-8")).get("split") == "heldout"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out")
    parser.add_argument("--reverse", action="store_true")
    parser.add_argument("--with-heldout", action="store_true", help="also the held-out halves of corpus5, corpus6 and corpus7")
    args = parser.parse_args()
    everything = AllSnapshots(sorted((ROOT / "fixtures" / "market").glob("*.json")) + sorted((ROOT / "fixtures" / "corpus" / "snapshots").glob("*.json")))
    providers: dict[Path, SnapshotProvider] = {}
    files = [p for p in article_files() if args.with_heldout or not held_out(p)]
    out: dict[str, dict] = {}
    for path in reversed(files) if args.reverse else files:
        text = read_article(path) if path.suffix == ".txt" else None
        labels = path.with_name(f"{path.stem}.labels.json")
        market, published = everything, None
        if labels.exists():
            data = json.loads(labels.read_text(encoding="utf-8"))
            published = data.get("published_at")
            if data.get("snapshot"):
                snap = (path.parent / data["snapshot"]).resolve()
                if snap.exists():
                    market = providers.setdefault(snap, SnapshotProvider(snap))
        report = verify(path if text is None else text, extractor="rules", market=market, published_at=published,
                        source=str(path.relative_to(ROOT)))
        body = report.document.text
        extraction = RuleExtractor().extract(document_from_text(body))
        rep = report.to_dict()
        rep["run"].pop("started_at", None)
        rep["run"].pop("duration_seconds", None)
        out[str(path.relative_to(ROOT))] = {
            "rules": {
                "claims": [c.model_dump(mode="json") for c in extraction.claims],
                "flags": [f.model_dump(mode="json") for f in extraction.flags],
                "notes": extraction.notes,
            },
            "promo": [f.model_dump(mode="json") for f in detect_flags(body)],
            "promo_reported": [f.model_dump(mode="json") for f in detect_flags(body, include_reported=True)],
            "report": rep,
        }
    Path(args.out).write_text(json.dumps(dict(sorted(out.items())), indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    print(f"{len(out)} articles -> {args.out}")


if __name__ == "__main__":
    main()
