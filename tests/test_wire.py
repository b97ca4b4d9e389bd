"""The LLM's compact wire format and its mapping to the report's ClaimDraft."""

from __future__ import annotations

import json

import pytest

from verifier.extract.rules import RuleExtractor
from verifier.document import load_document
from verifier.extract.wire import from_draft, infer_kind, to_draft, wire_schema
from verifier.schemas import ClaimDraft


@pytest.mark.parametrize(
    "raw, kind",
    [({"quote": "shares closed at $12.40", "price": 12.4}, "stock_price"),
     ({"quote": "Roth Capital raised its target to $295", "firm": "Roth Capital", "target": 295}, "analyst_rating"),
     ({"quote": "cut 16,000 jobs", "count": 16000}, "workforce"),
     ({"quote": "invest up to $50 billion", "amount": 5e10, "up_to": True}, "deal"),
     ({"quote": "slipped 0.7%", "percent": -0.7}, "price_change"),
     ({"quote": "earnings on February 5, 2026", "event": "earnings", "date": "2026-02-05"}, "scheduled_event"),
     ({"quote": "revenue of $187.8 billion", "metric": "revenue", "value": 1.878e11}, "financial_metric")],
)  # fmt: skip
def test_a_missing_kind_is_read_from_the_fields(raw, kind):
    data, problem = to_draft(raw)
    assert problem is None and data["fields"]["kind"] == kind
    assert ClaimDraft.model_validate(data).kind == kind


def test_the_report_layout_and_long_names_are_accepted():
    nested = {"quote": "Roth Capital raised its price target to $295 from $270", "company": "Amazon",
              "attributed_to": "Roth", "fields": {"firm": "Roth Capital", "price_target": 295, "previous_price_target": 270,
                                                  "window_start": "2026-01-26"}}  # fmt: skip
    data, problem = to_draft(nested)
    draft = ClaimDraft.model_validate(data)
    assert problem is None and draft.kind == "analyst_rating" and draft.attributed_to == "Roth"
    assert (draft.fields.price_target, draft.fields.previous_price_target, str(draft.fields.window_start)) == (
        295, 270, "2026-01-26")


def test_fields_of_another_kind_are_ignored_and_shared_names_are_kept_apart():
    data, _ = to_draft({"kind": "workforce", "quote": "cut 16,000 jobs", "count": 16000, "action": "raise_target",
                        "price": 3.0, "period": "Q4"})  # fmt: skip
    assert data["fields"] == {"kind": "workforce", "count": 16000}
    data, _ = to_draft({"kind": "price_change", "quote": "rose 3% this week", "percent": 3, "period": "week"})
    assert data["fields"]["period"] == "week"
    data, _ = to_draft({"kind": "stock_price", "quote": "$5", "price": 5, "currency": "$"})
    assert data["fields"]["currency"] == "USD"


@pytest.mark.parametrize("raw", [{"quote": "something happened"}, {"kind": "weather", "quote": "rain"}, "a string"])
def test_a_claim_with_no_readable_kind_is_one_plain_sentence(raw):
    data, problem = to_draft(raw)
    assert data is None and ("kind" in problem or "JSON object" in problem) and "\n" not in problem


def test_rule_claims_survive_the_round_trip(example_article):
    extraction = RuleExtractor().extract(load_document(str(example_article)))
    assert extraction.claims
    for claim in extraction.claims:
        data, problem = to_draft(json.loads(json.dumps(from_draft(claim))))
        assert problem is None
        back = ClaimDraft.model_validate(data)
        assert back.fields.model_dump() == claim.fields.model_dump() and back.quote == claim.quote
        assert (back.company, back.attribution, back.attributed_to) == (claim.company, claim.attribution, claim.attributed_to)


def test_the_schema_is_compact_and_keeps_the_enums():
    schema = wire_schema()
    assert len(json.dumps(schema)) // 4 <= 900  # the issue-13 target, estimated as characters / 4
    claim = schema["properties"]["claims"]["items"]
    assert claim["required"] == ["kind", "quote"] and "stock_price" in claim["properties"]["kind"]["enum"]
    assert "raise_target" in claim["properties"]["action"]["enum"] and "description" not in claim["properties"]["price"]
    assert infer_kind({}) is None
