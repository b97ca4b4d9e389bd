"""The LLM's wire format: one flat, compact claim object, mapped to the report's ``ClaimDraft``.

The report contract (``ClaimDraft`` with a ``fields`` union discriminated by ``kind``) is what
every consumer reads; it is not what a model should be shown. Its JSON schema is ~3,100 tokens of
descriptions and a seven-branch ``oneOf`` that small models get wrong (a ``fields`` without
``kind`` sinks the claim). The model is shown this instead: one object per claim with ``kind`` at
the top and every kind's fields side by side, no descriptions (the system prompt explains each
field once), enums kept. ``to_draft`` maps an answer to the ``ClaimDraft`` layout, accepting the
long names and the nested ``fields`` layout too, and infers a missing ``kind`` from the fields
given (price -> stock_price, firm/target -> analyst_rating, count -> workforce, ...).
"""

from __future__ import annotations

from typing import Any, Optional

from ..schemas import ATTRIBUTIONS, CLAIM_KINDS, FIELDS_BY_KIND, TECHNIQUES

ANALYST_ACTIONS = ("upgrade", "downgrade", "initiate", "maintain", "reiterate", "raise_target", "lower_target")
WORKFORCE_ACTIONS = ("cut", "hire", "headcount")

# wire name -> (json type or enum values); one list for every kind, shown once in the schema
_PROPERTIES: dict[str, Any] = {
    # the figures first: a model decoding against a grammar walks the properties in this order
    "kind": list(CLAIM_KINDS),
    "quote": "string",
    "company": "string",
    "price": "number",
    "percent": "number",
    "firm": "string",
    "target": "number",
    "prev_target": "number",
    "rating": "string",
    "prev_rating": "string",
    "count": "integer",
    "amount": "number",
    "event": ["earnings", "dividend", "shareholder_meeting", "investor_day", "product_launch", "other"],
    "metric": ["revenue", "eps", "net_income", "operating_income", "guidance_revenue", "market_cap", "other"],
    "value": "number",
    "date": "date",
    "action": [*ANALYST_ACTIONS, *WORKFORCE_ACTIONS],
    "basis": ["close", "open", "high", "low", "intraday", "unspecified"],
    "direction": ["up", "down", "unchanged"],
    "period": "string",
    "approximate": "boolean",
    "cumulative": "boolean",
    "counterparty": "string",
    "deal_type": ["investment", "acquisition", "contract", "buyback", "financing", "other"],
    "status": ["completed", "announced", "agreed", "talks", "proposed", "rumored"],
    "up_to": "boolean",
    "description": "string",
    "currency": "string",
    "from": "date",
    "to": "date",
    "ticker": "string",
    "attribution": list(ATTRIBUTIONS),
    "source": "string",
}

# wire name -> ClaimDraft field name, per kind (a wire name absent from a kind's map is not that kind's)
_COMMON = {"currency": "currency", "date": "date"}
_KIND_FIELDS: dict[str, dict[str, str]] = {
    "stock_price": {**_COMMON, "price": "price", "basis": "basis", "direction": "direction"},
    "price_change": {"date": "date", "percent": "percent", "period": "period"},
    "analyst_rating": {
        **_COMMON, "firm": "firm", "target": "price_target", "prev_target": "previous_price_target",
        "rating": "rating", "prev_rating": "previous_rating", "action": "action", "from": "window_start",
        "to": "window_end",
    },
    "workforce": {
        "date": "date", "count": "count", "approximate": "approximate", "action": "action",
        "cumulative": "cumulative", "from": "period_start", "to": "period_end",
    },
    "deal": {
        **_COMMON, "amount": "amount", "counterparty": "counterparty", "deal_type": "deal_type", "status": "status",
        "up_to": "up_to", "from": "period_start", "to": "period_end",
    },
    "scheduled_event": {"date": "date", "event": "event", "description": "description"},
    "financial_metric": {"currency": "currency", "metric": "metric", "value": "value", "period": "period"},
}  # fmt: skip
_CLAIM_KEYS = {"quote": "quote", "company": "company", "ticker": "ticker", "attribution": "attribution", "source": "attributed_to"}

# long (report) names a model may use instead of the wire ones
_ALIASES = {
    "price_target": "target", "previous_price_target": "prev_target", "previous_rating": "prev_rating",
    "attributed_to": "source", "window_start": "from", "window_end": "to", "period_start": "from",
    "period_end": "to", "start": "from", "end": "to", "approx": "approximate", "explanation": "why",
}  # fmt: skip

# a missing kind, read from the fields given (first match wins; the distinctive fields come first)
_KIND_CUES = (
    ("analyst_rating", ("firm", "target", "prev_target", "rating", "prev_rating")),
    ("workforce", ("count",)),
    ("deal", ("amount", "counterparty", "deal_type", "up_to")),
    ("scheduled_event", ("event",)),
    ("financial_metric", ("metric", "value")),
    ("price_change", ("percent",)),
    ("stock_price", ("price",)),
)


def _prop(spec: Any) -> dict[str, Any]:
    if isinstance(spec, list):
        return {"enum": spec}
    if spec == "date":  # a grammar then only lets through YYYY-MM-DD
        return {"type": "string", "format": "date"}
    return {"type": spec}


def wire_schema() -> dict[str, Any]:
    """The JSON schema the model is shown (tools, json modes) and decodes against (json_schema mode)."""
    claim = {
        "type": "object",
        "properties": {name: _prop(spec) for name, spec in _PROPERTIES.items()},
        "required": ["kind", "quote"],
    }
    flag = {
        "type": "object",
        "properties": {"technique": {"enum": list(TECHNIQUES)}, "quote": {"type": "string"}, "why": {"type": "string"}},
        "required": ["technique", "quote"],
    }
    return {
        "type": "object",
        "title": "ArticleExtraction",
        "description": "Every checkable claim and promotional device in the article, each quoted verbatim.",
        "properties": {"claims": {"type": "array", "items": claim}, "flags": {"type": "array", "items": flag}},
        "required": ["claims", "flags"],
    }


# the figure(s) without which a claim of that kind says nothing
_REQUIRED = {
    "stock_price": ["price"], "price_change": ["percent"], "analyst_rating": ["firm"], "workforce": ["count"],
    "deal": ["amount"], "scheduled_event": ["event", "date"], "financial_metric": ["metric", "value"],
}  # fmt: skip


def decoding_schema() -> dict[str, Any]:
    """The schema a server decodes against in ``json_schema`` mode: one branch per kind, each with its
    own fields and its figures required, so a grammar cannot let a price_change out without its
    percent. It is never put in the prompt (the model reads the flat ``wire_schema`` description)."""
    branches = []
    for kind, names in _KIND_FIELDS.items():
        required = _REQUIRED[kind]
        order = ["quote", *required, *[n for n in names if n not in required], "company", "ticker", "attribution", "source"]
        props = {"kind": {"const": kind}, **{n: _prop(_PROPERTIES[n]) for n in order}}
        branches.append({"type": "object", "properties": props, "required": ["kind", "quote", *required]})
    flags = wire_schema()["properties"]["flags"]
    return {
        "type": "object",
        "properties": {"claims": {"type": "array", "items": {"anyOf": branches}}, "flags": flags},
        "required": ["claims", "flags"],
    }


def _flatten(raw: dict[str, Any]) -> dict[str, Any]:
    """One flat dict with wire names: nested ``fields`` lifted, long names renamed, nulls dropped."""
    flat: dict[str, Any] = {}
    nested = raw.get("fields")
    items = list(raw.items())
    if isinstance(nested, dict):
        items += list(nested.items())  # the report layout: fields inside; their kind wins only if none outside
    for key, value in items:
        if key == "fields" or value is None or value == "":
            continue
        name = _ALIASES.get(key, key)
        if name == "kind" and "kind" in flat:
            continue
        flat.setdefault(name, value)
    return flat


def infer_kind(flat: dict[str, Any]) -> Optional[str]:
    for kind, cues in _KIND_CUES:
        if any(flat.get(c) not in (None, "") for c in cues):
            return kind
    return None


def to_draft(raw: Any) -> tuple[Optional[dict[str, Any]], Optional[str]]:
    """(ClaimDraft-shaped dict, None), or (None, a sentence saying what is missing) for the re-ask."""
    if not isinstance(raw, dict):
        return None, "is not a JSON object; give each claim as {\"kind\": ..., \"quote\": ..., ...}"
    flat = _flatten(raw)
    kind = flat.get("kind")
    if kind not in FIELDS_BY_KIND:
        kind = infer_kind(flat)
    if kind is None:
        given = flat.get("kind")
        what = f"kind {given!r} is not one of" if given else "has no kind; set kind to one of"
        return None, f"{what} {', '.join(CLAIM_KINDS)}"
    names = _KIND_FIELDS[kind]
    fields: dict[str, Any] = {"kind": kind}
    for wire_name, value in flat.items():
        target = names.get(wire_name)
        if target is None:
            continue
        if wire_name == "action":  # one wire enum, two kinds: keep the value only where it belongs
            allowed = ANALYST_ACTIONS if kind == "analyst_rating" else WORKFORCE_ACTIONS
            if value not in allowed:
                continue
        if kind == "price_change" and wire_name == "period" and value not in ("day", "week", "month", "year", "ytd"):
            continue
        if wire_name == "currency" and isinstance(value, str):
            value = {"$": "USD", "€": "EUR", "£": "GBP"}.get(value.strip(), value.strip().upper())
        fields[target] = value
    draft: dict[str, Any] = {"fields": fields}
    for wire_name, target in _CLAIM_KEYS.items():
        if wire_name in flat:
            draft[target] = flat[wire_name]
    if draft.get("attribution") not in ATTRIBUTIONS:
        draft.pop("attribution", None)
    return draft, None


def flag_to_draft(raw: Any) -> Any:
    """A wire flag ({technique, quote, why}) in the ``FlagDraft`` layout."""
    if not isinstance(raw, dict):
        return raw
    out = {_ALIASES.get(k, k): v for k, v in raw.items() if v is not None}
    if "why" in out:
        out["explanation"] = out.pop("why")
    return out


def from_draft(claim: Any) -> dict[str, Any]:
    """A ClaimDraft (or Claim) as a model following the wire schema would write it, defaults left out."""
    fields = claim.fields
    out: dict[str, Any] = {"kind": fields.kind, "quote": claim.quote}
    if claim.company:
        out["company"] = claim.company
    if claim.ticker:
        out["ticker"] = claim.ticker
    if claim.attribution != "stated":
        out["attribution"] = claim.attribution
    if claim.attributed_to:
        out["source"] = claim.attributed_to
    model_fields = type(fields).model_fields
    for wire_name, target in _KIND_FIELDS[fields.kind].items():
        value = getattr(fields, target, None)
        info = model_fields.get(target)
        if value is None or (info is not None and not info.is_required() and value == info.default):
            continue
        out[wire_name] = value.isoformat() if hasattr(value, "isoformat") else value
    return out
