"""verifier.evaluate.render: the JSON document of `verifier eval --format json` keeps its keys (CI and
benchmarks read them) and the text report shows every table."""

from __future__ import annotations

import json

from tests.evaluate_helpers import ScriptedExtractor, amazon_case
from verifier.evaluate import EvalResult, render_text, result_dict, run_cases
from verifier.schemas import ClaimDraft, FlagDraft, VERDICTS

TALLY = ["tp", "predicted", "labelled", "precision", "recall", "f1"]
SUMMARY = ["articles", "errors", "claims", "flags", "verdict_accuracy", "verdicts_scored", "contradicted_caught",
           "contradicted_labelled", "false_alarms", "supported_matched", "field_accuracy", "publication_time_accuracy"]
CASE = ["id", "split", "style", "error", "seconds", "published_ok", "missed", "spurious", "wrong_verdicts",
        "missed_flags", "spurious_flags"]


def _result() -> EvalResult:
    drafts = [ClaimDraft(quote="Amazon shares were in a slight decline to $241.73", company="Amazon",
                         fields={"kind": "stock_price", "price": 241.73, "direction": "down"})]
    case = amazon_case()
    case.split, case.style = "dev", "news"
    return run_cases([case], source="test", extractor=ScriptedExtractor(drafts, [FlagDraft(quote="Urgent action needed", technique="urgency")]))


def test_json_keys_are_the_documented_contract():
    result = _result()
    data = json.loads(result.to_json())
    assert data == result_dict(result) == result.to_dict()
    assert list(data) == ["source", "extractor", "market", "measured_at", "overall", "by_split", "by_style",
                          "claims_by_kind", "flags_by_technique", "confusion", "cases"]
    assert list(data["overall"]) == SUMMARY and list(data["overall"]["claims"]) == TALLY
    assert list(data["by_split"]) == ["dev"] and list(data["by_style"]) == ["news"]
    assert list(data["claims_by_kind"]["stock_price"]) == [*TALLY, "verdict_accuracy"]
    assert list(data["flags_by_technique"]["urgency"]) == TALLY
    assert list(data["confusion"]) == list(VERDICTS) and list(data["confusion"]["supported"]) == list(VERDICTS)
    assert list(data["cases"][0]) == CASE
    assert data["claims_by_kind"]["stock_price"]["tp"] == 1 and data["confusion"]["supported"]["supported"] == 1


def test_text_report_shows_claims_flags_verdicts_splits_and_details():
    result = _result()
    text = render_text(result, details=True)
    assert text == result.to_text(details=True)
    for heading in ("verifier eval: test", "1 articles, 3 labelled claims, 2 labelled flags", "all claims", "all flags",
                    "expected / predicted", "wrong claims caught end to end", "split"):
        assert heading in text, heading
    assert "[amzn] missed workforce: 'about 30,000 roles'" in text and "[amzn] missed flag free_offer" in text
    assert "[amzn] missed" not in render_text(result)  # details only when asked
