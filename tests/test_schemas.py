"""The JSON contract (schema_version 1) and the business rules held by validators."""

from __future__ import annotations

import json

import pytest
from pydantic import ValidationError

from verifier.schemas import (
    CLAIM_KINDS,
    FIELDS_BY_KIND,
    CheckedClaim,
    Claim,
    ClaimDraft,
    Document,
    Flag,
    Report,
    Run,
)

TEXT = "Shares closed at $241.73. Act now!"


def make_report(**overrides) -> Report:
    claim = CheckedClaim(
        id="c1", quote="closed at $241.73", start=7, end=24, company="Amazon", ticker="amzn",
        fields={"kind": "stock_price", "price": 241.73, "basis": "close"},
        verdict="supported", reason="equals the close of 2026-01-29",
        evidence=[{"source": "snapshot", "detail": "close of 2026-01-29", "value": 241.73}],
    )
    flag = Flag(quote="Act now", start=26, end=33, technique="urgency", explanation="pressure")
    data = dict(
        document=Document(source="x.txt", sha256="0" * 64, text=TEXT),
        claims=[claim], flags=[flag], run=Run(extractor="rules", market_data="none", version="0.1.0"),
    )
    data.update(overrides)
    return Report(**data)


def test_report_json_has_the_contract_names():
    data = json.loads(make_report().to_json())
    assert data["schema_version"] == 1
    assert set(data) >= {"schema_version", "document", "claims", "flags", "summary", "run"}
    assert set(data["document"]) >= {"source", "sha256", "published_at", "title"}
    claim = data["claims"][0]
    assert set(claim) >= {"id", "kind", "quote", "start", "end", "company", "ticker", "attribution",
                          "fields", "verdict", "reason", "evidence"}
    assert claim["kind"] == "stock_price" and claim["ticker"] == "AMZN"
    assert set(claim["evidence"][0]) >= {"source", "retrieved_at", "detail", "value"}
    assert set(data["flags"][0]) >= {"quote", "start", "end", "technique", "explanation"}
    assert set(data["summary"]) >= {"claims", "supported", "contradicted", "unverifiable", "no_data", "flags",
                                    "promotional_score"}
    assert set(data["run"]) >= {"extractor", "model", "market_data", "version", "llm_calls", "prompt_tokens",
                                "completion_tokens"}


def test_report_round_trips_through_json():
    report = make_report()
    again = Report.from_json(report.to_json())
    assert again.to_json() == report.to_json()


def test_offsets_must_match_the_text():
    bad = CheckedClaim(id="c1", quote="closed at $241.73", start=0, end=17,
                       fields={"kind": "stock_price", "price": 241.73})
    with pytest.raises(ValidationError, match="does not match"):
        make_report(claims=[bad])


def test_claim_span_length_must_equal_quote():
    with pytest.raises(ValidationError):
        Claim(id="c1", quote="abc", start=0, end=5, fields={"kind": "price_change", "percent": 1})


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "stock_price", "price": -1},
        {"kind": "stock_price", "price": 0},
        {"kind": "stock_price", "price": 5, "currency": "dollars"},
        {"kind": "workforce", "count": 0},
        {"kind": "deal", "amount": -5},
        {"kind": "analyst_rating", "firm": ""},
        {"kind": "analyst_rating", "firm": "Roth", "price_target": -3},
        {"kind": "scheduled_event", "event": "earnings"},
        {"kind": "nonsense"},
    ],
)
def test_business_rules_reject_bad_fields(fields):
    with pytest.raises(ValidationError):
        ClaimDraft(quote="x", fields=fields)


def test_every_kind_has_a_fields_model():
    assert set(FIELDS_BY_KIND) == set(CLAIM_KINDS)


def test_amounts_and_dates_serialise_plainly():
    draft = ClaimDraft(quote="up to $50 billion", fields={"kind": "deal", "amount": 5e10, "up_to": True,
                                                          "date": "2026-01-29"})
    data = json.loads(draft.model_dump_json())
    assert data["fields"]["amount"] == 50000000000 and data["fields"]["date"] == "2026-01-29"


def test_llm_facing_draft_has_no_verdict():
    schema = json.dumps(ClaimDraft.model_json_schema())
    assert "verdict" not in schema and "evidence" not in schema


def test_list_fields_default_to_a_new_empty_list_per_instance():
    """The list fields' default_factory is a plain function (issue 13, stop 23: no tokenizing of list's
    text signature at import); each instance still gets its own empty list, as default_factory=list gave."""
    import inspect

    from verifier.market.base import PriceHistory, TickerData
    from verifier.schemas import Run

    a, b = (Run(extractor="rules", market_data="none", version="0") for _ in range(2))
    assert a.notes == [] and a.sources == [] and a.notes is not b.notes
    a.notes.append("an invented note")
    assert b.notes == [] and Run(extractor="rules", market_data="none", version="0").notes == []
    t1, t2 = TickerData(ticker="ZZZQ"), TickerData(ticker="ZZZQ")
    assert t1.splits == [] and t1.splits is not t2.splits and t1.facts is not t2.facts
    assert PriceHistory().bars == [] and PriceHistory().bars is not PriceHistory().bars
    for model in (Run, TickerData, PriceHistory):
        for name, info in model.model_fields.items():
            assert info.default_factory is not list, name
            if info.default_factory is not None and inspect.isfunction(info.default_factory):
                assert info.default_factory() == [] and info.default_factory() is not info.default_factory()
