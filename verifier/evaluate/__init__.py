"""Measure the tool against labelled articles: claim/flag precision and recall, verdict accuracy.

Two kinds of ground truth are read:

- a labelled corpus folder (``fixtures/corpus``): ``<id>.txt`` articles, each with an
  ``<id>.labels.json`` naming the snapshot that settles it, the expected claims (kind, key values
  as written, a quote substring, expected verdict) and the promotional flags (``corpus``);
- a CSV of real headlines (``headline`` and ``published`` columns, e.g. the Benzinga file in
  ``../shared/data/headlines``): ground truth for analyst actions is parsed from the headline
  itself, prices are settled by the price file each row names (``headlines``).

Matching rules (documented in ``fixtures/corpus/README.md``): a predicted claim matches a label
when the kind is the same, its span overlaps an occurrence of the label's quote substring (or lies
in the same sentence), and the label's key value agrees (price, percent, firm + target, count,
amount, date, value; see ``KEY_FIELDS``). Pairs are assigned one-to-one, greedily, best first
(``matching``). Optional labels are "don't care": matching them costs nothing, missing them too
(``scoring``). ``run`` drives verify() over the cases; ``render`` writes text and JSON.

Every name callers used from the former single module is importable from here.
"""

from __future__ import annotations

from ..kinds import KEY_FIELDS
from .corpus import REQUIRED_VALUES, SPLITS, Case, ClaimLabel, FlagLabel, load_corpus, validate_labels
from .headlines import is_headlines_csv, load_headline_labels, load_headlines, parse_benzinga_headline
from .matching import PERCENT_ABS_TOL, REL_TOL, Prediction, match_claims, match_flags, occurrences, sentence_spans, value_agrees
from .render import render_text, result_dict, result_json
from .run import evaluate_corpus, run_cases
from .scoring import CaseResult, EvalResult, Tally, score_case

__all__ = [
    "KEY_FIELDS", "PERCENT_ABS_TOL", "REL_TOL", "REQUIRED_VALUES", "SPLITS",
    "Case", "CaseResult", "ClaimLabel", "EvalResult", "FlagLabel", "Prediction", "Tally",
    "evaluate_corpus", "is_headlines_csv", "load_corpus", "load_headline_labels", "load_headlines",
    "match_claims", "match_flags", "occurrences", "parse_benzinga_headline", "render_text", "result_dict",
    "result_json", "run_cases", "score_case", "sentence_spans", "validate_labels", "value_agrees",
]
