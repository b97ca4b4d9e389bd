"""The HTTP API's contract: the request body, how an upload becomes a document, the OpenAPI document.

``POST /api/v1/check`` takes JSON ``{"text", "published"?, "ticker"?, "source"?}`` or a multipart
form with a ``file`` (.txt, .md, .html) and the same optional fields, and answers with the JSON
report (schema_version 1) exactly as stored in the history.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..document import SourceDocument, decode, document_from_text
from ..errors import InputError

TICKER_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9.\-=^]{0,14}$"
UPLOAD_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_SOURCE_CHARS = 300


class FieldError(ValueError):
    """A field of the request is invalid (HTTP 422)."""


class CheckRequest(BaseModel):
    """The body of ``POST /api/v1/check``."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(..., description="The article: plain text, Markdown or HTML (HTML is reduced to its visible text).")
    published: Optional[str] = Field(
        None, description="Publication time, ISO 8601 (2026-01-30T17:25:04+01:00); default: read from the article header.",
    )
    ticker: Optional[str] = Field(
        None, pattern=TICKER_PATTERN, description="Ticker for claims that name no listed company (e.g. AMZN).",
    )
    source: Optional[str] = Field(
        None, max_length=MAX_SOURCE_CHARS, description="A label for the article in the report and the history (a URL, a CMS id).",
    )

    @field_validator("text")
    @classmethod
    def _has_text(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the article text is empty")
        return value

    @field_validator("published")
    @classmethod
    def _readable_date(cls, value: Optional[str]) -> Optional[str]:
        if value is None or not value.strip():
            return None
        from ..dates import parse_datetime_arg

        try:
            parse_datetime_arg(value)
        except InputError as exc:
            raise ValueError(str(exc)) from None
        return value.strip()

    @field_validator("ticker", "source", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else (value.strip() if isinstance(value, str) else value)


def validation_message(exc: ValidationError) -> str:
    """One line for the first problem: 'ticker: String should match pattern ...'."""
    first = exc.errors()[0]
    where = ".".join(str(x) for x in first.get("loc", ())) or "body"
    message = re.sub(r"^Value error, ", "", str(first.get("msg", "invalid")))
    more = len(exc.errors()) - 1
    return f"{where}: {message}" + (f" (and {more} more)" if more > 0 else "")


def parse_fields(data: Any) -> CheckRequest:
    try:
        return CheckRequest.model_validate(data)
    except ValidationError as exc:
        raise FieldError(validation_message(exc)) from None


def safe_name(filename: str) -> str:
    """The base name of an uploaded file (no folders), printable, at most 120 characters."""
    name = PureWindowsPath(PurePosixPath(filename or "").name).name
    name = re.sub(r"[^\w .,()+@-]", "_", name).strip() or "upload"
    return name[:120]


def document_from_upload(raw: bytes, filename: str) -> SourceDocument:
    """An uploaded .txt/.md/.html file as a document (decoded as ``verifier check`` decodes a file)."""
    name = safe_name(filename)
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        raise InputError(f"{name} is not an article file; upload .txt, .md or .html")
    text = decode(raw, name)
    return document_from_text(text, name, html_input=True if name.lower().endswith((".html", ".htm")) else None)


def document_from_request(req: CheckRequest, default_source: str) -> SourceDocument:
    return document_from_text(req.text, req.source or default_source)


# --------------------------------------------------------------------------- OpenAPI


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def openapi_document(version: str, auth: bool) -> dict[str, Any]:
    """OpenAPI 3.1 for the API; the report schema is generated from the pydantic models (the contract)."""
    from pydantic.json_schema import models_json_schema

    from ..schemas import Report

    _, schemas = models_json_schema(
        [(Report, "serialization"), (CheckRequest, "validation")], ref_template="#/components/schemas/{model}"
    )
    components: dict[str, Any] = dict(schemas.get("$defs", {}))
    components["Error"] = {
        "type": "object",
        "required": ["error", "message", "status"],
        "properties": {
            "error": {"type": "string", "description": "A short code: bad_input, too_large, invalid_fields, unavailable, ..."},
            "message": {"type": "string", "description": "One line saying what went wrong and how to fix it."},
            "status": {"type": "integer"},
        },
    }
    components["RunSummary"] = {
        "type": "object",
        "properties": {
            **{k: {"type": "string"} for k in ("id", "created_at", "source", "tickers", "risk", "url")},
            "title": {"type": ["string", "null"]},
            **{k: {"type": "integer"} for k in ("claims", "supported", "contradicted", "unverifiable", "no_data", "flags")},
            "promotional_score": {"type": "number"},
        },
    }
    errors = {
        "400": _error_response("Bad input: not JSON, an unreadable or empty article, a file that is not .txt/.md/.html."),
        "413": _error_response("The body is larger than the server's limit (--max-bytes)."),
        "415": _error_response("The body is neither application/json nor multipart/form-data."),
        "422": _error_response("A field is missing or invalid (text, published, ticker, source)."),
        "503": _error_response("The LLM endpoint or the market-data source is unavailable; retry later."),
        "504": _error_response("The check ran past the server's per-request time limit (--timeout)."),
    }
    if auth:
        errors["401"] = _error_response("No or wrong 'Authorization: Bearer TOKEN'.")
    run_id = {"name": "run_id", "in": "path", "required": True, "schema": {"type": "string"}, "description": "A run id (or a unique prefix)."}
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "verifier",
            "version": version,
            "description": "Audit financial news: extract checkable claims, verify them against market data, flag "
            "promotional tricks. Verdicts come from deterministic checks, never from a language model.",
        },
        "paths": {
            "/api/v1/check": {
                "post": {
                    "summary": "Audit one article",
                    "operationId": "check",
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/CheckRequest"}},
                            "multipart/form-data": {
                                "schema": {
                                    "type": "object",
                                    "required": ["file"],
                                    "properties": {
                                        "file": {"type": "string", "format": "binary", "description": ".txt, .md or .html"},
                                        "published": {"type": "string"},
                                        "ticker": {"type": "string"},
                                        "source": {"type": "string"},
                                    },
                                }
                            },
                        },
                    },
                    "responses": {
                        "200": {
                            "description": "The JSON report (schema_version 1), as stored in the history. Headers: "
                            "X-Verifier-Run-Id (the run id) and Location (its URL).",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}},
                        },
                        **errors,
                    },
                }
            },
            "/api/v1/runs": {
                "get": {
                    "summary": "List stored runs, newest first",
                    "operationId": "listRuns",
                    "parameters": [
                        {"name": "ticker", "in": "query", "schema": {"type": "string"}},
                        {"name": "verdict", "in": "query", "schema": {"enum": ["supported", "contradicted", "unverifiable", "no_data"]}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 20}},
                        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
                    ],
                    "responses": {
                        "200": {
                            "description": "One page of runs.",
                            "content": {"application/json": {"schema": {
                                "type": "object",
                                "properties": {
                                    "runs": {"type": "array", "items": {"$ref": "#/components/schemas/RunSummary"}},
                                    "limit": {"type": "integer"}, "offset": {"type": "integer"},
                                },
                            }}},
                        },
                        "422": errors["422"],
                    },
                }
            },
            "/api/v1/runs/{run_id}": {
                "get": {
                    "summary": "A stored report, re-rendered without re-fetching anything",
                    "operationId": "getRun",
                    "parameters": [
                        run_id,
                        {"name": "format", "in": "query", "schema": {"enum": ["json", "md", "html"], "default": "json"}},
                        {"name": "download", "in": "query", "schema": {"type": "boolean"}, "description": "Send as an attachment."},
                    ],
                    "responses": {
                        "200": {
                            "description": "The report: JSON byte for byte as stored, Markdown, or the self-contained HTML audit.",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Report"}},
                                "text/markdown": {"schema": {"type": "string"}},
                                "text/html": {"schema": {"type": "string"}},
                            },
                        },
                        "404": _error_response("No run with that id."),
                        "422": errors["422"],
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness and settings",
                    "operationId": "health",
                    "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}},
                }
            },
        },
        "components": {"schemas": components},
    }
    if auth:
        doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        doc["security"] = [{"bearer": []}]
    return doc
