"""Would the LLM engine's grounding check wrongly reject correct claims? Measured on labelled and real text.

The LLM engine drops a claim whose numbers are not readable in its quote (``verifier.extract.grounding``).
A check that is too strict throws away correct readings; this measures how often it would, without
any model, on claims whose correct values are known:

1. every labelled claim of the corpus (``fixtures/corpus/*.labels.json``): the quote is the
   sentence holding the label's ``quote_contains`` (as a model is told to quote), the values are
   the label's; every number must be readable there and every firm named in the article;
2. every claim the rule engine extracts from the 241 real Benzinga headlines
   (``../shared/data/headlines/analyst_headlines.csv``, read by path, not copied): its own quote
   and fields must pass the same check (two independent readers of the same numbers);
3. wrong numbers must still be rejected: each labelled value shifted by +1% (and, for amounts,
   read in the wrong unit) must fail.

    .venv/bin/python benchmarks/llm_grounding.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from verifier.document import document_from_text, load_document  # noqa: E402
from verifier.extract.grounding import MAX_QUOTE_CHARS, name_in_article, number_readable  # noqa: E402

CORPUS = ROOT / "fixtures" / "corpus"
HEADLINES = ROOT.parent / "shared" / "data" / "headlines" / "analyst_headlines.csv"
NUMERIC = ("price", "percent", "price_target", "previous_price_target", "count", "amount", "value")
_SENTENCE_END = re.compile(r"\n|[.!?](?=\s)")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], by the corpus README's rule (newline or .!? + space)."""
    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        left = m.end()
    m = _SENTENCE_END.search(text, end)
    right = m.end() if m else len(text)
    quote = text[left:right].strip()
    if len(quote) > MAX_QUOTE_CHARS:  # a model is told to quote the clause; keep the label's words plus context
        quote = text[max(left, start - 150) : min(right, end + 150)].strip()
    return quote


def article_for(labels_path: Path) -> Path | None:
    stem = labels_path.name.replace(".labels.json", "")
    for suffix in (".txt", ".md", ".html", ".htm"):
        candidate = labels_path.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    return None


def corpus() -> tuple[int, int, int, int, list[str]]:
    checked = passed = wrong_checked = wrong_rejected = 0
    failures: list[str] = []
    for labels_path in sorted(CORPUS.glob("*.labels.json")):
        article = article_for(labels_path)
        if article is None:
            continue
        text = load_document(str(article)).text
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        for label in labels.get("claims", []):
            needle = label.get("quote_contains", "")
            pos = text.lower().find(needle.lower())
            if pos < 0:
                failures.append(f"{labels_path.name}: quote_contains {needle!r} not in the article text")
                continue
            quote = sentence_around(text, pos, pos + len(needle))
            values = label.get("values", {})
            problems = [
                f"{name}={values[name]}" for name in NUMERIC if isinstance(values.get(name), (int, float)) and not number_readable(values[name], quote)
            ]
            firm = values.get("firm")
            if firm and not name_in_article(firm, text, firm=True):
                problems.append(f"firm={firm}")
            checked += 1
            if problems:
                failures.append(f"{labels_path.name} {label['kind']}: {', '.join(problems)} not readable in {quote!r}")
            else:
                passed += 1
            for name in NUMERIC:
                value = values.get(name)
                if isinstance(value, (int, float)) and value:
                    for wrong in (value * 1.01, value * 1000 if abs(value) >= 1e6 else value * 10):
                        wrong_checked += 1
                        wrong_rejected += not number_readable(wrong, quote)
    return checked, passed, wrong_checked, wrong_rejected, failures


def headlines() -> tuple[int, int, list[str]]:
    from verifier.dates import parse_datetime_arg
    from verifier.extract.grounding import claim_problems
    from verifier.extract.rules import RuleExtractor

    if not HEADLINES.exists():
        return 0, 0, [f"{HEADLINES} not found; skipped"]
    engine = RuleExtractor()
    checked = passed = 0
    failures: list[str] = []
    with HEADLINES.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            doc = document_from_text(row["headline"], row["id"])
            doc.published_at = parse_datetime_arg(row["published"])
            for claim in engine.extract(doc).claims:
                fatal, _ = claim_problems(claim, row["headline"])
                checked += 1
                if fatal:
                    failures.append(f"{row['id']} {claim.kind}: {fatal[0]}")
                else:
                    passed += 1
    return checked, passed, failures


def main() -> None:
    checked, passed, wrong_checked, wrong_rejected, failures = corpus()
    print(f"corpus labels: {passed}/{checked} correct claims pass grounding ({checked - passed} would be wrongly rejected)")
    print(f"corpus labels: {wrong_rejected}/{wrong_checked} altered numbers (+1%, wrong unit) rejected")
    for line in failures[:15]:
        print("  ", line)
    h_checked, h_passed, h_failures = headlines()
    print(f"real headlines: {h_passed}/{h_checked} rule-engine claims pass the LLM grounding check")
    for line in h_failures[:15]:
        print("  ", line)


if __name__ == "__main__":
    main()
