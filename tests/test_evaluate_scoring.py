"""verifier.evaluate.scoring: tallies, verdict confusion and flags of scripted reports against labels."""

from __future__ import annotations

import json

from tests.evaluate_helpers import ScriptedExtractor, amazon_case
from verifier.evaluate import run_cases
from verifier.schemas import ClaimDraft, FlagDraft


def test_scores_precision_recall_verdicts_and_flags_end_to_end():
    drafts = [
        ClaimDraft(quote="Amazon shares were in a slight decline to $241.73", company="Amazon",
                   fields={"kind": "stock_price", "price": 241.73, "direction": "down"}),
        ClaimDraft(quote="Amazon will publish its quarterly earnings on February 5, 2026", company="Amazon",
                   fields={"kind": "scheduled_event", "event": "earnings", "date": "2026-02-12"}),
        ClaimDraft(quote="in talks to invest up to $50 billion in OpenAI", company="Amazon",
                   fields={"kind": "deal", "amount": 50e9, "up_to": True, "status": "talks"}),
        ClaimDraft(quote="Roth Capital raised its price target for Amazon to $295 from $270", company="Amazon",
                   fields={"kind": "analyst_rating", "firm": "Roth Capital", "price_target": 295}),
    ]
    flags = [FlagDraft(quote="Urgent action needed", technique="urgency"),
             FlagDraft(quote="Read more here", technique="call_to_action")]
    result = run_cases([amazon_case()], source="test", extractor=ScriptedExtractor(drafts, flags))
    claims = result.claim_tallies()
    # the price matches; the event has the wrong date (no match); the deal hits an optional label
    # (neither counted nor penalised); the analyst claim is unlabelled (a false positive)
    assert (claims["stock_price"].tp, claims["stock_price"].predicted, claims["stock_price"].labelled) == (1, 1, 1)
    assert (claims["scheduled_event"].tp, claims["scheduled_event"].predicted) == (0, 1)
    assert claims["deal"].predicted == 0 and claims["deal"].labelled == 0
    assert claims["analyst_rating"].predicted == 1 and claims["analyst_rating"].tp == 0
    total = result.total(claims.values())
    assert (total.tp, total.predicted, total.labelled) == (1, 3, 3)
    assert result.confusion()[("supported", "supported")] == 1
    assert result.verdict_accuracy() == 1.0
    assert result.kind_verdict_accuracy("stock_price") == 1.0 and result.kind_verdict_accuracy("deal") is None
    flags_t = result.flag_tallies()
    assert flags_t["urgency"].tp == 1 and flags_t["free_offer"].tp == 0 and flags_t["call_to_action"].predicted == 1
    case = result.cases[0]
    assert case.published_ok is True
    assert {m["kind"] for m in case.missed} == {"scheduled_event", "workforce"}
    data = json.loads(result.to_json())
    assert data["overall"]["claims"]["precision"] == round(1 / 3, 4)
    assert data["confusion"]["supported"]["supported"] == 1
    assert "verdicts on matched claims" in result.to_text()


def test_a_second_flag_on_a_matched_device_is_not_a_false_positive():
    flags = [FlagDraft(quote="Urgent action needed for Amazon shareholders", technique="urgency"),
             FlagDraft(quote="Urgent action", technique="urgency"),
             FlagDraft(quote="Should investors sell immediately?", technique="urgency")]
    result = run_cases([amazon_case()], source="test", extractor=ScriptedExtractor([], flags))
    urgency = result.flag_tallies()["urgency"]
    # one match; the repeat on the same labelled words is not counted; the third flag is elsewhere: spurious
    assert (urgency.tp, urgency.predicted, urgency.labelled) == (1, 2, 1)
    assert [f["quote"] for f in result.cases[0].spurious_flags] == ["Should investors sell immediately?"]


def test_predictions_of_an_unscored_kind_cost_nothing():
    drafts = [ClaimDraft(quote="in talks to invest up to $50 billion in OpenAI", company="Amazon",
                         fields={"kind": "deal", "amount": 50e9, "up_to": True, "status": "talks"})]
    case = amazon_case()
    case.labelled_kinds = {"stock_price"}  # a deal is not scored in this case at all
    result = run_cases([case], source="test", extractor=ScriptedExtractor(drafts))
    assert result.claim_tallies()["deal"].predicted == 0 and result.cases[0].spurious == []
