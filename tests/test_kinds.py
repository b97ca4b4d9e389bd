"""The kind registry: every registered kind is whole (model, key fields, checker, rule reader, wire).

A kind missing a part used to fail quietly ("no check exists", a KeyError in eval); these tests
make the omission loud, and hold the lists that stay literal (``ClaimKind``, ``ClaimFields``, the
public exports, the prompt) to the registry.
"""

from __future__ import annotations

import datetime as dt
import typing

import pytest

import verifier
from verifier import kinds
from verifier.check import CHECKERS, _load, _MODULES
from verifier.dates import parse_datetime_arg
from verifier.document import document_from_text
from verifier.evaluate import KEY_FIELDS
from verifier.extract import wire
from verifier.extract.rules import RuleExtractor
from verifier.extract.rules.engine import _READERS
from verifier.extract.rules.kinds import READ_ORDER, READERS
from verifier.kinds import KINDS, KindSpec, register
from verifier.extract.prompts_loader import load_prompt
from verifier.schemas import CLAIM_KINDS, FIELDS_BY_KIND, ClaimDraft, ClaimFields, StockPriceFields

SPECS = list(KINDS.values())
IDS = [spec.name for spec in SPECS]


def test_claim_kind_literal_and_fields_union_hold_exactly_the_registry():
    assert list(CLAIM_KINDS) == list(KINDS)
    union = typing.get_args(typing.get_args(ClaimFields)[0])
    assert list(union) == [spec.fields for spec in SPECS]
    assert FIELDS_BY_KIND == {spec.name: spec.fields for spec in SPECS}


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_kind_has_key_fields_of_its_own_model(spec: KindSpec):
    assert spec.fields.model_fields["kind"].default == spec.name
    assert spec.key_fields
    assert set(spec.key_fields) <= set(spec.fields.model_fields) - {"kind"}
    assert KEY_FIELDS[spec.name] == spec.key_fields


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_kind_has_a_registered_checker_in_its_module(spec: KindSpec):
    _load()
    assert spec.checker in _MODULES
    checker = CHECKERS.get(spec.name)
    assert checker is not None, f"no @register({spec.name!r}) checker"
    assert checker.__module__ == f"verifier.check.{spec.checker}"


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_kind_has_a_rule_reader_in_its_module_and_a_place_in_the_read_order(spec: KindSpec):
    reader = READERS.get(spec.name)
    assert reader is not None, f"no @reads({spec.name!r}) reader"
    assert reader.__module__ == f"verifier.extract.rules.kinds.{spec.reader}"
    assert READ_ORDER.count(spec.name) == 1
    assert _READERS[READ_ORDER.index(spec.name)] is reader  # the engine calls it in that place


def test_the_read_order_lists_exactly_the_registered_kinds_and_settles_shared_numbers():
    assert sorted(READ_ORDER) == sorted(KINDS)
    # a target's dollar figure is offered to analyst ratings before share prices: read once, as a target
    doc = document_from_text("Citi raised its price target on Tesla to $295.", html_input=False)
    doc.published_at = parse_datetime_arg("2026-01-30T17:25:04+01:00")
    claims = RuleExtractor().extract(doc).claims
    assert [c.kind for c in claims] == ["analyst_rating"]
    assert claims[0].fields.price_target == 295


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_the_rule_engine_reads_every_kind_from_its_example(spec: KindSpec):
    doc = document_from_text(spec.example, html_input=False)
    doc.published_at = parse_datetime_arg("2026-01-30T17:25:04+01:00")
    claims = RuleExtractor().extract(doc).claims
    found = [c for c in claims if c.kind == spec.name]
    assert found, [(c.kind, c.quote) for c in claims]
    for claim in found:  # the identifying figure is read, not just the kind
        assert getattr(claim.fields, spec.key_fields[0]) is not None


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_kind_is_in_the_llm_wire_schema(spec: KindSpec):
    claim_props = wire.wire_schema()["properties"]["claims"]["items"]["properties"]
    assert spec.name in claim_props["kind"]["enum"]
    branches = wire.decoding_schema()["properties"]["claims"]["items"]["anyOf"]
    assert any(b["properties"]["kind"].get("const") == spec.name for b in branches)
    # the wire map of the kind names only fields of its model
    assert set(wire._KIND_FIELDS[spec.name].values()) <= set(spec.fields.model_fields)
    assert wire._REQUIRED[spec.name]  # the figures a grammar must not let the claim out without


@pytest.mark.parametrize("spec", SPECS, ids=IDS)
def test_every_kind_is_in_the_system_prompt_and_exported(spec: KindSpec):
    assert f"- {spec.name}:" in load_prompt("extract").system  # the prompt's kind list is prose, by hand
    assert getattr(verifier, spec.fields.__name__) is spec.fields


def test_date_fields_are_the_models_date_fields_and_feed_the_market_window():
    assert kinds.DATE_FIELDS["analyst_rating"] == ("date", "window_start", "window_end")
    assert kinds.DATE_FIELDS["financial_metric"] == ()
    for spec in SPECS:
        for name in spec.date_fields:
            annotation = spec.fields.model_fields[name].annotation
            assert annotation is dt.date or dt.date in typing.get_args(annotation)


def test_checker_modules_are_loaded_once_each_in_kind_order():
    assert _MODULES == ("stock_price", "price_change", "analyst_rating", "corporate_facts", "scheduled_event", "financial_metric")


def test_a_spec_must_match_its_model_and_register_once():
    with pytest.raises(ValueError, match="of kind 'stock_price'"):
        register(KindSpec("dividend", StockPriceFields, ("price",), "stock_price", "x", "stock_price"))
    with pytest.raises(ValueError, match="already registered"):
        register(KINDS["stock_price"])
    assert list(KINDS) == list(CLAIM_KINDS)
    assert ClaimDraft  # the report contract still imports alongside the registry
