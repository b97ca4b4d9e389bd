"""The LLM extraction engine: one structured call per article (per chunk), grounded, never a verdict.

How a run goes:

1. The article is split into overlapping chunks when it exceeds the token budget (most articles
   are one chunk). Each chunk is one request: the prompt files ``prompts/extract_*.md`` with the
   article passed as a *variable* of instructor's Jinja templating, so ``{{`` or ``{%`` in an
   article are plain text, never template code.
2. The response model ``ArticleExtraction`` is built from the same ``ClaimDraft``/``FlagDraft``
   models the rule engine fills. It has no verdict field, so nothing the model (or the article)
   says can set one. Its validator checks grounding with the article from the validation context:
   every quote occurs in the article, every number in ``fields`` is readable in its quote. A failure
   goes back to the model through instructor's ``max_retries``; after the last attempt each item is
   validated on its own, the grounded ones are kept and the rest are dropped and counted
   (``run.rejected_claims``), never shown.
3. Transport failures are ours to retry (the openai client runs with ``max_retries=0``): 429 and
   5xx back off with jitter, honouring ``Retry-After``, a bounded number of times; connection
   refused, timeouts, 401/403/404/400 and malformed output become one ``LLMError`` line naming the
   endpoint, what happened and what to do. The API key never appears in a message.
4. Offsets are computed by the tool (``ground_claim``/``ground_flag``); the model's flags are merged
   with the lexicon's (``promo.detect_flags``). Every HTTP request is counted (``llm_calls``) with
   the token usage the API reports, validation re-asks and transport retries included.
5. Results are cached in SQLite (``verifier.extract.llm_cache``), so an identical second run makes
   no call.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import json
import logging
import math
import random
import re
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from ..config import LLMSettings
from ..document import SourceDocument
from ..errors import ConfigError, LLMError
from ..facts import ArticleFacts
from ..schemas import FIELDS_BY_KIND, SCHEMA_VERSION, Claim, ClaimDraft, Flag, FlagDraft
from .base import Extraction, ground_claim, ground_flag, locate
from .grounding import claim_problems, flag_problems, repair_claim
from .wire import decoding_schema, flag_to_draft, to_draft, wire_schema

# instructor logs every failed attempt at ERROR level; with no handler configured Python would print
# those to stderr, breaking the CLI's one-line errors. A library-style NullHandler keeps them for
# applications that configure logging and silent otherwise.
logging.getLogger("instructor").addHandler(logging.NullHandler())

PROMPT_NAME = "extract"
CHARS_PER_TOKEN = 4  # the usual estimate for English prose; a chunk budget, not a bill
OVERLAP_FRACTION = 0.1
DEFAULT_TIMEOUT = 60.0  # seconds, plus the time a slow server needs for the request's tokens (unset timeout)
# a 1.5B model on 2 busy CPU threads reads ~20-80 prompt tokens/s and writes ~5-12 (measured, benchmarks/README.md)
SLOWEST_PROMPT_TOKENS_PER_SECOND = 20.0
SLOWEST_ANSWER_TOKENS_PER_SECOND = 5.0
ANSWER_ALLOWANCE_TOKENS = 2048  # a short article's answer is ~300 tokens; the wait is not stretched for max_tokens beyond this
REASK_TEMPERATURE = 0.4


# --------------------------------------------------------------------------- response model


@dataclass
class Review:
    """One answer read item by item: what is kept, what goes back to the model, what was dropped and why."""

    claims: list[ClaimDraft] = field(default_factory=list)
    flags: list[FlagDraft] = field(default_factory=list)
    ask: list[str] = field(default_factory=list)  # problems a re-ask can fix, in plain sentences
    schema_claims: int = 0  # claims that do not fit the response schema (no kind, a price of 0, ...)
    ungrounded_claims: int = 0  # quote not in the article, a number not in the quote, a firm not named
    ungrounded_flags: int = 0  # flag quote not in the article, or not a known technique
    unconfirmed_flags: int = 0  # flag the lexicon does not recognise as its technique


def _plain(exc: ValidationError) -> str:
    """A pydantic error in words a small model can act on: 'fields.price: Input should be greater than 0'."""
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if not isinstance(p, int))
        parts.append(f"{where}: {err.get('msg', 'invalid')}" if where else str(err.get("msg", "invalid")))
    return "; ".join(parts)


# techniques recognised by their wording ("act now", "Read more here"): the lexicon must agree
CUE_TECHNIQUES = frozenset({"urgency", "call_to_action", "free_offer", "advertisement", "buy_sell_question"})


def _lexicon_spans(article: str) -> dict[str, list[tuple[int, int]]]:
    from ..promo import phrase_flags

    spans: dict[str, list[tuple[int, int]]] = {}
    for flag in phrase_flags(article, include_reported=True):
        spans.setdefault(flag.technique, []).append((flag.start, flag.end))
    return spans


def _validate_draft(data: dict[str, Any]) -> ClaimDraft:
    """ClaimDraft from the mapped answer; an optional value that does not fit (a previous target of 0,
    a date that is no date) is left out rather than sinking the claim. A missing required figure
    (a price_change without its percent) still fails."""
    try:
        return ClaimDraft.model_validate(data)
    except ValidationError as exc:
        fields = dict(data.get("fields") or {})
        model = FIELDS_BY_KIND.get(str(fields.get("kind")))
        bad = {str(err["loc"][2]) for err in exc.errors() if len(err.get("loc", ())) >= 3 and err["loc"][0] == "fields"}
        optional = {n for n in bad if model is not None and n in model.model_fields and not model.model_fields[n].is_required()}
        if not optional or optional != bad or any(err.get("loc", ("",))[0] != "fields" for err in exc.errors()):
            raise
        return ClaimDraft.model_validate({**data, "fields": {k: v for k, v in fields.items() if k not in optional}})


def review(payload: Any, article: Optional[str], *, salvaged: bool = False) -> Review:
    """Map the wire answer to drafts and check each item; never raises.

    A claim that does not fit the schema or is not grounded is dropped (and its problem kept for a
    re-ask); an optional name the article lacks is cleared. A flag for a device recognised by its
    wording (urgency, call to action, ...) is kept only where the lexicon sees that device too; in
    an answer salvaged after failed re-asks every flag needs the lexicon's agreement.
    """
    out = Review()
    payload = normalise_payload(payload)
    raw_claims = payload.get("claims") if isinstance(payload, dict) else None
    raw_flags = payload.get("flags") if isinstance(payload, dict) else None
    for i, raw in enumerate(raw_claims if isinstance(raw_claims, list) else []):
        data, problem = to_draft(raw)
        if data is None:
            out.schema_claims += 1
            out.ask.append(f"claims[{i}] {problem}")
            continue
        kind = data["fields"]["kind"]
        try:
            draft = _validate_draft(data)
        except ValidationError as exc:
            out.schema_claims += 1
            out.ask.append(f"claims[{i}] ({kind}): {_plain(exc)}")
            continue
        if article:
            fatal, repairable = claim_problems(draft, article)
            out.ask += [f"claims[{i}] ({kind}): {p}" for p in [*fatal, *repairable]]
            if fatal:
                out.ungrounded_claims += 1
                continue
            draft = repair_claim(draft, article)
        out.claims.append(draft)
    lexicon: Optional[dict[str, list[tuple[int, int]]]] = None
    for i, raw in enumerate(raw_flags if isinstance(raw_flags, list) else []):
        try:
            flag = FlagDraft.model_validate(flag_to_draft(raw))
        except ValidationError as exc:
            out.ungrounded_flags += 1
            out.ask.append(f"flags[{i}]: {_plain(exc)}")
            continue
        if article:
            problems = flag_problems(flag, article)
            if problems:
                out.ungrounded_flags += 1
                out.ask += [f"flags[{i}] ({flag.technique}): {p}" for p in problems]
                continue
            if salvaged or flag.technique in CUE_TECHNIQUES:
                lexicon = _lexicon_spans(article) if lexicon is None else lexicon
                span = locate(article, flag.quote)
                seen = lexicon.get(flag.technique, [])
                if span is None or not any(s < span[1] and span[0] < e for s, e in seen):
                    out.unconfirmed_flags += 1  # not re-asked: the model's judgement, not its copying, is off
                    continue
        out.flags.append(flag)
    return out


class ArticleExtraction(BaseModel):
    """Every checkable claim and every promotional device in the article, each quoted verbatim.

    The model is shown the compact wire schema (``verifier.extract.wire``); what it answers is
    mapped to ``ClaimDraft``/``FlagDraft`` here and checked against the article from the validation
    context. Any problem goes back to the model as plain sentences (instructor's re-ask).
    """

    model_config = ConfigDict(extra="ignore")

    claims: list[ClaimDraft] = Field(default_factory=list)
    flags: list[FlagDraft] = Field(default_factory=list)
    unconfirmed_flags: int = 0  # internal: flags the lexicon did not recognise (never shown to the model)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The compact wire schema, not the report's: ~500 tokens instead of ~3,100."""
        return wire_schema()

    @model_validator(mode="before")
    @classmethod
    def _read(cls, data: Any, info: ValidationInfo) -> Any:
        if not isinstance(data, dict) or not isinstance(normalise_payload(data).get("claims"), list):
            raise ValueError('answer with one JSON object {"claims": [...], "flags": [...]}')
        article = (info.context or {}).get("article") if info is not None else None
        result = review(data, article)
        if result.ask:
            raise ValueError(REASK_HEAD + "\n- " + "\n- ".join(result.ask))
        return {"claims": result.claims, "flags": result.flags, "unconfirmed_flags": result.unconfirmed_flags}


REASK_HEAD = "these items of your answer are wrong; correct or remove only them and keep every other item unchanged:"


def normalise_payload(data: Any) -> Any:
    """Null lists as empty ones; an answer with claims but no flags list found no devices."""
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for key in ("claims", "flags"):
        if out.get(key) is None and key in out:
            out[key] = []
    if isinstance(out.get("claims"), list) and "flags" not in out:
        out["flags"] = []
    return out


def schema_tag() -> str:
    """Report schema version plus a hash of the wire schema and the report's claim schema (a cache-key part)."""
    schema = json.dumps([wire_schema(), ClaimDraft.model_json_schema()], sort_keys=True)
    return f"{SCHEMA_VERSION}:{hashlib.sha256(schema.encode('utf-8')).hexdigest()[:12]}"



# --------------------------------------------------------------------------- chunking


@dataclass(frozen=True)
class Chunk:
    index: int
    start: int
    end: int
    text: str


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


_BREAK = re.compile(r"\n\s*\n|(?<=[.!?])[\"'\u201d)]?\s+")


def split_chunks(text: str, max_tokens: int) -> list[Chunk]:
    """Chunks of at most ``max_tokens`` (estimated), cut at paragraph or sentence ends, overlapping
    by about a tenth so a claim that straddles a cut is whole in one of them."""
    budget = max(200, max_tokens * CHARS_PER_TOKEN)
    if len(text) <= budget:
        return [Chunk(0, 0, len(text), text)]
    overlap = int(budget * OVERLAP_FRACTION)
    breaks = [m.end() for m in _BREAK.finditer(text)]
    spans: list[tuple[int, int]] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + budget)
        if end < len(text):
            cuts = [b for b in breaks if start + budget // 2 <= b <= end]
            if cuts:
                end = cuts[-1]
        spans.append((start, end))
        if end >= len(text):
            break
        nxt = [b for b in breaks if end - overlap <= b < end]
        start = max(nxt[0] if nxt else end - overlap, start + 1)
    return [Chunk(i, s, e, text[s:e]) for i, (s, e) in enumerate(spans)]


# --------------------------------------------------------------------------- transport


@dataclass
class Usage:
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    def add(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        self.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        self.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)


def retry_after_seconds(headers: Any) -> Optional[float]:
    """Seconds the server asks us to wait (``retry-after-ms``, ``retry-after`` seconds or HTTP date)."""
    if headers is None:
        return None
    try:
        ms = headers.get("retry-after-ms")
        if ms is not None:
            return max(0.0, float(ms) / 1000)
    except (TypeError, ValueError):
        pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        pass
    parsed = email.utils.parsedate_tz(str(value))
    if parsed is None:
        return None
    return max(0.0, email.utils.mktime_tz(parsed) - time.time())


class Transport:
    """The one place requests are sent: counts them, sums usage, retries 429/5xx, names failures."""

    def __init__(self, settings: LLMSettings, sleep: Callable[[float], None] = time.sleep, client: Any = None) -> None:
        self.settings = settings
        self.sleep = sleep
        self.usage = Usage()
        self._client: Any = client  # an openai client to reuse (connections kept across articles)
        self.max_tokens: Optional[int] = None  # set per chunk by the engine
        self.schema_dialect = "json_schema"  # or "json_object": llama-cpp-python's {"type": "json_object", "schema"}
        self.last_timing: Optional[tuple[float, int, int]] = None  # seconds, prompt, completion tokens of the last answer

    # -- messages ------------------------------------------------------------------------------
    def scrub(self, text: str) -> str:
        key = self.settings.api_key
        if key and len(key) >= 4:
            text = text.replace(key, "***")
        text = re.sub(r"\bsk-[A-Za-z0-9_\-]{6,}", "sk-***", text)
        return " ".join(text.split())[:300]

    @property
    def where(self) -> str:
        return f"LLM endpoint {self.settings.endpoint} (model {self.settings.model})"

    # -- client ----------------------------------------------------------------------------------
    def client(self) -> Any:
        if self._client is None:
            import openai

            s = self.settings
            base = s.timeout if s.timeout is not None else DEFAULT_TIMEOUT
            timeout = openai.Timeout(base, connect=min(s.connect_timeout, base))
            if s.is_azure:
                if not s.api_version:
                    raise ConfigError(
                        "Azure OpenAI needs an API version; set OPENAI_API_VERSION (e.g. 2024-10-21) or api_version in the config file"
                    )
                target = {"azure_endpoint": s.azure_endpoint} if s.azure_endpoint else {"base_url": s.base_url}
                self._client = openai.AzureOpenAI(
                    api_key=s.client_api_key, api_version=s.api_version, max_retries=0, timeout=timeout, **target
                )
            else:
                self._client = openai.OpenAI(
                    api_key=s.client_api_key, base_url=s.base_url, max_retries=0, timeout=timeout
                )
        return self._client

    # -- sending ---------------------------------------------------------------------------------
    def _backoff(self, attempt: int, headers: Any) -> Optional[float]:
        """Seconds to wait before re-sending, or None when the server asks for longer than we wait."""
        s = self.settings
        asked = retry_after_seconds(headers)
        if asked is not None:
            if asked > s.max_backoff:
                return None
            return asked + random.uniform(0, 0.1 * max(asked, s.backoff))
        base = min(s.max_backoff, s.backoff * (2**attempt))
        return random.uniform(base / 2, base)

    def request_timeout(self, kwargs: dict[str, Any]) -> float:
        """The configured timeout, or (unset) one that grows with the request: a CPU server reads a
        5,000-token prompt in about a minute before it writes anything."""
        if self.settings.timeout is not None:
            return self.settings.timeout
        prompt = estimate_tokens(json.dumps([kwargs.get("messages"), kwargs.get("tools")], default=str))
        answer = min(int(kwargs.get("max_tokens") or 0), ANSWER_ALLOWANCE_TOKENS)
        return DEFAULT_TIMEOUT + prompt / SLOWEST_PROMPT_TOKENS_PER_SECOND + answer / SLOWEST_ANSWER_TOKENS_PER_SECOND

    def prepare(self, kwargs: dict[str, Any]) -> dict[str, Any]:
        """What instructor built, adjusted for the wire: max_tokens, the schema dialect, plain re-asks."""
        kwargs = dict(kwargs)
        if self.max_tokens and "max_tokens" not in kwargs:
            kwargs["max_tokens"] = self.max_tokens
        fmt = kwargs.get("response_format")
        if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
            # decode against one branch per kind (figures required); the prompt never carries this schema
            schema = decoding_schema()
            if self.schema_dialect == "json_object":
                kwargs["response_format"] = {"type": "json_object", "schema": schema}
            else:
                kwargs["response_format"] = {**fmt, "json_schema": {**fmt.get("json_schema", {}), "schema": schema}}
        messages = kwargs.get("messages")
        if isinstance(messages, list) and len(messages) > 2:  # a re-ask
            kwargs["messages"] = [messages[0], messages[1], *(_plain_reask(m) for m in messages[2:])]
            if kwargs.get("temperature") is not None:
                # at temperature 0 a model repeats its answer word for word; a little freedom lets it change
                kwargs["temperature"] = max(float(kwargs["temperature"]), REASK_TEMPERATURE)
        return kwargs

    def send(self, *args: Any, **kwargs: Any) -> Any:
        """``chat.completions.create`` with our transport retries; instructor calls this per attempt."""
        import openai

        client = self.client()
        kwargs = self.prepare(kwargs)
        timeout = self.request_timeout(kwargs)
        attempt = 0
        while True:
            self.usage.calls += 1
            started = time.monotonic()
            try:
                response = client.chat.completions.create(*args, timeout=timeout, **kwargs)
            except openai.APITimeoutError:
                raise LLMError(self._timeout_message(timeout, kwargs)) from None
            except openai.APIConnectionError as exc:
                cause = exc.__cause__ or exc.__context__
                reason = self.scrub(str(cause) if cause else str(exc)) or "connection failed"
                raise LLMError(
                    f"{self.where} is unreachable ({reason}); start the server or fix --base-url/OPENAI_BASE_URL, "
                    "or use --extractor rules"
                ) from None
            except openai.APIStatusError as exc:
                status = exc.status_code
                if status == 429 or status >= 500:
                    wait = self._backoff(attempt, exc.response.headers) if attempt < self.settings.transport_retries else None
                    if wait is not None:
                        self.sleep(wait)
                        attempt += 1
                        continue
                    raise LLMError(self._status_message(exc, attempt + 1)) from None
                fmt = kwargs.get("response_format")
                if status in (400, 422) and isinstance(fmt, dict) and fmt.get("type") == "json_schema":
                    # llama-cpp-python knows only {"type": "json_object", "schema": ...}: say it that way, once
                    self.schema_dialect = "json_object"
                    kwargs = self.prepare(kwargs)
                    continue
                raise LLMError(self._status_message(exc, attempt + 1)) from None
            if not getattr(response, "choices", None):
                raise LLMError(
                    f"{self.where} answered without any choices (not an OpenAI-compatible chat completion); "
                    "check --base-url points at a /v1 chat-completions API"
                )
            self.usage.add(response)
            usage = getattr(response, "usage", None)
            self.last_timing = (
                time.monotonic() - started,
                int(getattr(usage, "prompt_tokens", 0) or 0),
                int(getattr(usage, "completion_tokens", 0) or 0),
            )
            return response

    def _timeout_message(self, timeout: float, kwargs: dict[str, Any]) -> str:
        prompt = estimate_tokens(json.dumps([kwargs.get("messages"), kwargs.get("tools")], default=str))
        seen = ""
        if self.last_timing and self.last_timing[0] > 0 and self.last_timing[1]:
            seconds, p, c = self.last_timing
            seen = f"; its last answer took {seconds:.0f} s for {p:,} prompt and {c:,} completion tokens"
        fix = "raise VERIFIER_LLM_TIMEOUT (or unset it: the default grows with the prompt)" if self.settings.timeout else (
            "set VERIFIER_LLM_TIMEOUT higher"
        )
        return (
            f"{self.where} did not answer within {timeout:g} s (a prompt of ~{prompt:,} tokens{seen}); a server on a "
            f"CPU reads ~50-100 prompt tokens/s: {fix}, use a smaller model, retry later, or use --extractor rules"
        )

    def _status_message(self, exc: Any, attempts: int) -> str:
        status = exc.status_code
        body = getattr(exc, "body", None)
        error = body.get("error", body) if isinstance(body, dict) else None
        message = error.get("message") if isinstance(error, dict) else None
        detail = self.scrub(str(message or getattr(exc, "message", "") or exc))
        s = self.settings
        if status in (401, 403):
            return (
                f"{self.where} refused the request (HTTP {status}: the API key in ${s.api_key_env} is missing, wrong or "
                f"lacks access); set a valid key in {s.api_key_env} or choose another with --api-key-env"
            )
        if status == 404:
            return (
                f"{self.where} answered HTTP 404 (no such model or path: {detail}); check --model/VERIFIER_MODEL and "
                "that --base-url ends with /v1"
            )
        if status == 429:
            return (
                f"{self.where} is rate-limiting requests (HTTP 429) after {attempts} attempt(s); wait and retry, "
                "raise your quota, or use --extractor rules"
            )
        if status >= 500:
            return (
                f"{self.where} failed with HTTP {status} after {attempts} attempt(s) ({detail}); retry later "
                "or use --extractor rules"
            )
        return (
            f"{self.where} rejected the request (HTTP {status}: {detail}); if the server has no tool calling, "
            "use --llm-mode json or md_json"
        )


# --------------------------------------------------------------------------- salvage


def _plain_reask(message: Any) -> Any:
    """instructor's re-ask carries pydantic's error text (types, input values, a URL); keep our sentences."""
    if not isinstance(message, dict) or message.get("role") not in ("user", "tool"):
        return message
    content = message.get("content")
    if not isinstance(content, str) or not ("Validation Error" in content or "Correct your JSON" in content):
        return message
    found = re.search(r"Value error, (.*?)(?: \[type=value_error|\Z)", content, re.S)
    if found:
        body = found.group(1).strip()
    else:
        json_error = re.search(r"(Invalid JSON[^\[\n]*)", content)
        body = (
            f"your answer is not valid JSON ({json_error.group(1).strip()})" if json_error
            else "your answer is not the requested JSON object"
        )
    return {**message, "content": body + '\nAnswer again with the whole JSON object {"claims": [...], "flags": [...]} and nothing else.'}




def completion_text(completion: Any) -> str:
    """The structured answer inside a chat completion: tool-call arguments or message content."""
    try:
        message = completion.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return ""
    calls = getattr(message, "tool_calls", None) or []
    for call in calls:
        function = getattr(call, "function", None)
        if function is not None and getattr(function, "arguments", None):
            return function.arguments
    return getattr(message, "content", None) or ""


def parse_json_object(text: str) -> Optional[dict[str, Any]]:
    """A JSON object from model output, tolerating code fences and prose around it."""
    text = text.strip()
    fenced = re.search(r"```(?:json)?\s*(.*?)```", text, re.S)
    candidates = [fenced.group(1)] if fenced else []
    candidates.append(text)
    if "{" in text and "}" in text:
        candidates.append(text[text.index("{") : text.rindex("}") + 1])
    for candidate in candidates:
        try:  # strict=False: a raw newline inside a string (a grammar lets small models write one) is still read
            value = json.loads(candidate, strict=False)
        except ValueError:
            continue
        if isinstance(value, dict):
            return value
    return None


@dataclass
class ChunkResult:
    """What one chunk yields; this is what the cache stores (JSON-safe, no request, no key)."""

    claims: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)
    rejected_claims: int = 0  # every claim dropped, for whatever reason (run.rejected_claims)
    rejected_flags: int = 0  # flags whose quote is not in the article (or that do not fit the schema)
    salvaged: bool = False
    schema_claims: int = 0  # of rejected_claims: those that do not fit the response schema
    unconfirmed_flags: int = 0  # flags the lexicon does not recognise as their technique
    returned_claims: int = 0  # claims the model gave, before any was dropped
    problems: list[str] = field(default_factory=list)  # the first few reasons, for the run note

    def to_json(self) -> dict[str, Any]:
        return {
            "claims": self.claims,
            "flags": self.flags,
            "rejected_claims": self.rejected_claims,
            "rejected_flags": self.rejected_flags,
            "salvaged": self.salvaged,
            "schema_claims": self.schema_claims,
            "unconfirmed_flags": self.unconfirmed_flags,
            "returned_claims": self.returned_claims,
            "problems": self.problems,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ChunkResult":
        return cls(
            claims=list(data.get("claims") or []),
            flags=list(data.get("flags") or []),
            rejected_claims=int(data.get("rejected_claims") or 0),
            rejected_flags=int(data.get("rejected_flags") or 0),
            salvaged=bool(data.get("salvaged")),
            schema_claims=int(data.get("schema_claims") or 0),
            unconfirmed_flags=int(data.get("unconfirmed_flags") or 0),
            returned_claims=int(data.get("returned_claims") or len(data.get("claims") or [])),
            problems=[str(p) for p in data.get("problems") or []],
        )


def _dump_claim(draft: ClaimDraft) -> dict[str, Any]:
    return draft.model_dump(mode="json", exclude={"kind"})


def salvage(payload: dict[str, Any], article: str) -> ChunkResult:
    """Validate each item on its own: one bad item does not sink the answer."""
    result = review(payload, article, salvaged=True)
    raw = normalise_payload(payload).get("claims")
    return ChunkResult(
        claims=[_dump_claim(c) for c in result.claims],
        flags=[f.model_dump(mode="json") for f in result.flags],
        rejected_claims=result.schema_claims + result.ungrounded_claims,
        rejected_flags=result.ungrounded_flags,
        salvaged=True,
        schema_claims=result.schema_claims,
        unconfirmed_flags=result.unconfirmed_flags,
        returned_claims=len(raw) if isinstance(raw, list) else 0,
        problems=result.ask[:3],
    )


# --------------------------------------------------------------------------- the engine

_MODES = {"tools": "TOOLS", "json_schema": "JSON_SCHEMA", "json": "JSON", "md_json": "MD_JSON"}
# what /models says its owner is, for servers that decode against a JSON schema (llama.cpp's grammar,
# Ollama's format, vLLM's guided decoding, LM Studio); "me" is llama-cpp-python, which wants json_object + schema
_SCHEMA_SERVERS = {"me": "json_object", "llamacpp": "json_schema", "vllm": "json_schema", "library": "json_schema",
                   "ollama": "json_schema", "organization_owner": "json_schema"}  # fmt: skip
MIN_OUTPUT_TOKENS = 1024
OUTPUT_TOKENS_PER_ARTICLE_TOKEN = 2  # a dense article holds a claim (~60 answer tokens) every ~30 tokens


class LLMExtractor:
    """``--extractor llm``: claims, attribution and flags from any OpenAI-compatible endpoint.

    One instance serves many articles (``verifier batch`` keeps one): the HTTP client, the resolved
    ``--llm-mode`` and the cache are shared, the accounting is per article. ``fallback=True``
    (``--extractor auto``) returns the rule engine's reading, with a note, when the model yields no
    usable claim and the rules find some.
    """

    name = "llm"

    def __init__(
        self,
        settings: LLMSettings,
        *,
        cache: Any = None,
        prompt_name: str = PROMPT_NAME,
        sleep: Callable[[float], None] = time.sleep,
        fallback: bool = False,
    ) -> None:
        self.settings = settings
        self.prompt_name = prompt_name
        self.fallback = fallback
        self._cache = cache
        self._sleep = sleep
        self._client: Any = None
        self._mode: Optional[str] = None
        self._dialect = "json_schema"
        self._lock = threading.Lock()

    # -- pieces ----------------------------------------------------------------------------------
    def cache(self) -> Any:
        if self._cache is None:
            from .llm_cache import LLMCache

            self._cache = LLMCache()
        return self._cache

    @staticmethod
    def variables(document: SourceDocument, chunk: Chunk, chunks: int, facts: Optional[ArticleFacts] = None) -> dict[str, Any]:
        """The prompt's named variables for one chunk; ``article`` is data, inserted as text."""
        facts = ArticleFacts.of(document, facts)  # called outside verify(): the document's own time, else its header
        published, precision = facts.published_at, facts.precision
        note = ""
        if chunks > 1:
            note = (
                f"This is part {chunk.index + 1} of {chunks} of a long article (parts overlap); extract what this "
                "part states."
            )
        when, weekday = "unknown (leave relative dates empty)", ""
        if published is not None and precision == "date":
            # a date alone is that day wherever it was written: no clock time to move into New York's zone
            when, weekday = f"{published.date().isoformat()} (the date only; no time of day given)", published.strftime("%A")
        elif published is not None:
            when, weekday = published.isoformat(), published.strftime("%A")
            if published.tzinfo is not None:  # relative dates are meant in the exchange's time zone
                from zoneinfo import ZoneInfo

                new_york = published.astimezone(ZoneInfo("America/New_York"))
                when += f", {new_york:%Y-%m-%d %H:%M} in New York"
                weekday = f"{new_york:%A} in New York"
        return {
            "article": chunk.text,
            "published_at": when,
            "published_weekday": weekday,
            "chunk_note": note,
        }

    def mode(self, transport: Transport) -> str:
        """``--llm-mode`` as sent: ``auto`` is settled once, from the endpoint (OpenAI/Azure: tools) or
        from what the server's ``/models`` says it is (a local server that decodes against a schema)."""
        if self._mode is not None:
            return self._mode
        with self._lock:
            if self._mode is None:
                mode = self.settings.mode
                if mode == "auto":
                    mode, self._dialect = self._detect(transport)
                if mode not in _MODES:
                    raise ConfigError(f"unknown instructor mode {mode!r}; use auto, tools, json_schema, json or md_json")
                self._mode = mode
        return self._mode

    def _detect(self, transport: Transport) -> tuple[str, str]:
        s = self.settings
        if s.is_azure or not s.base_url or "api.openai.com" in s.base_url:
            return "tools", "json_schema"
        try:
            listing = transport.client().with_options(timeout=min(5.0, s.connect_timeout + 2)).models.list()
            owners = {str(getattr(m, "owned_by", "") or "").lower() for m in getattr(listing, "data", None) or []}
        except Exception:  # noqa: BLE001 - a server without /models (or an odd one) keeps the safe default
            return "tools", "json_schema"
        for owner in owners:
            if owner in _SCHEMA_SERVERS:
                return "json_schema", _SCHEMA_SERVERS[owner]
        return "tools", "json_schema"

    def _instructor_create(self, transport: Transport, mode: str) -> Callable[..., Any]:
        import instructor

        return instructor.patch(create=transport.send, mode=getattr(instructor.Mode, _MODES[mode]))

    def _ask(self, create: Callable[..., Any], transport: Transport, template: Any, values: dict[str, Any]) -> ChunkResult:
        """One structured request (plus instructor's re-asks) for one chunk."""
        from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

        messages = [
            {"role": "system", "content": template.system},
            {"role": "user", "content": template.user},
        ]
        extra: dict[str, Any] = {}
        if self.settings.temperature is not None:
            extra["temperature"] = self.settings.temperature
        try:
            result = create(
                response_model=ArticleExtraction,
                messages=messages,
                model=self.settings.model,
                context=dict(values),  # templating variables and validation context at once
                max_retries=self.settings.max_retries,
                strict=False,
                **extra,
            )
        except (LLMError, ConfigError):
            raise
        except IncompleteOutputException:
            raise LLMError(
                f"{transport.where} stopped at the output-token limit (max_tokens={transport.max_tokens}) before finishing "
                "its answer (a model that repeats itself never stops); try a larger model, or raise VERIFIER_LLM_MAX_TOKENS if the article is "
                "dense with figures"
            ) from None
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, (LLMError, ConfigError)):
                raise cause from None
            if exc.last_completion is None:  # no answer was ever parsed: the request itself failed
                raise LLMError(
                    f"{transport.where} could not be used ({type(cause or exc).__name__}: "
                    f"{transport.scrub(str(cause or exc))}); check --base-url and --llm-mode, or use --extractor rules"
                ) from None
            payload = parse_json_object(completion_text(exc.last_completion))
            if payload is None or not isinstance(normalise_payload(payload).get("claims"), list):
                detail = transport.scrub(_plain_reask({"role": "user", "content": f"Validation Error found:\n{cause or exc}"})["content"].split("\n")[0])
                raise LLMError(
                    f"{transport.where} returned output that is not the requested JSON after "
                    f"{self.settings.max_retries + 1} attempt(s) ({detail}); try a stronger model or --llm-mode json_schema"
                ) from None
            return salvage(payload, values["article"])
        except Exception as exc:  # noqa: BLE001 - instructor/openai internals: one clear line instead
            raise LLMError(
                f"{transport.where} could not be used ({type(exc).__name__}: {transport.scrub(str(exc))}); "
                "check the endpoint and --llm-mode, or use --extractor rules"
            ) from None
        return ChunkResult(
            claims=[_dump_claim(c) for c in result.claims],
            flags=[f.model_dump(mode="json") for f in result.flags],
            unconfirmed_flags=result.unconfirmed_flags,
            returned_claims=len(result.claims),
        )

    # -- extract ---------------------------------------------------------------------------------
    def extract(self, document: SourceDocument, facts: Optional[ArticleFacts] = None) -> Extraction:
        from .llm_cache import CacheKey
        from .prompts_loader import load_prompt

        settings = self.settings
        template = load_prompt(self.prompt_name)
        text = document.text
        facts = ArticleFacts.of(document, facts)
        chunks = split_chunks(text, settings.max_chunk_tokens)
        transport = Transport(settings, sleep=self._sleep, client=self._client)
        create: Optional[Callable[..., Any]] = None
        tag = schema_tag()
        notes: list[str] = []
        cached_chunks = 0
        totals = ChunkResult()
        claims: list[Claim] = []
        flags: list[Flag] = []

        for chunk in chunks:
            values = self.variables(document, chunk, len(chunks), facts)
            template.check(values)
            values_sha = hashlib.sha256(json.dumps(values, sort_keys=True).encode("utf-8")).hexdigest()
            # the mode as configured ("auto" included): a cached answer is found without asking the server what it is
            key = CacheKey(settings.model, template.label, tag, values_sha, settings.mode, chunk.index)
            result: Optional[ChunkResult] = None
            if settings.use_cache:
                cached = self.cache().get(key)
                if cached is not None:
                    result = ChunkResult.from_json(cached)
                    cached_chunks += 1
            if result is None:
                if create is None:
                    with self._lock:  # one HTTP client (and its connections) for every article of a batch
                        if self._client is None:
                            self._client = transport.client()
                    transport._client = self._client
                    mode = self.mode(transport)
                    transport.schema_dialect = self._dialect
                    create = self._instructor_create(transport, mode)
                transport.max_tokens = min(
                    settings.max_output_tokens,
                    max(MIN_OUTPUT_TOKENS, OUTPUT_TOKENS_PER_ARTICLE_TOKEN * estimate_tokens(chunk.text)),
                )
                result = self._ask(create, transport, template, values)
                self._dialect = transport.schema_dialect  # a dialect learnt from a 400 is kept for the next article
                if settings.use_cache:
                    self.cache().put(key, result.to_json())
            for name in ("rejected_claims", "rejected_flags", "schema_claims", "unconfirmed_flags", "returned_claims"):
                setattr(totals, name, getattr(totals, name) + getattr(result, name))
            totals.problems += [p for p in result.problems if p not in totals.problems][:3]
            claims += self._ground_claims(result, chunk)
            flags += self._ground_flags(result, chunk)

        claims = _dedupe_claims(claims, text)
        settled = [_settle_company(c, text, facts) for c in claims]
        if sum(1 for a, b in zip(claims, settled) if a is not b):
            n = sum(1 for a, b in zip(claims, settled) if a is not b)
            notes.append(f"the company of {n} claim(s) the LLM left unnamed was taken from the quote or the article's main company")
        claims = [_settle_ticker(c, text, notes, facts) for c in settled]
        from ..promo import first_of_each_wording, merge_flags

        flags = first_of_each_wording(merge_flags([*flags, *facts.flags]))
        if cached_chunks:
            notes.append(
                f"LLM answer for {cached_chunks} of {len(chunks)} chunk(s) taken from the cache (no call made; "
                "--no-cache asks again)"
            )
        if len(chunks) > 1:
            notes.append(f"long article: extracted in {len(chunks)} overlapping chunks of up to {settings.max_chunk_tokens} tokens")
        notes += _rejection_notes(totals)
        if settings.use_cache and self.cache().problem:
            notes.append(self.cache().problem)
        extraction = Extraction(
            claims=claims,
            flags=flags,
            extractor=self.name,
            model=settings.model,
            prompt=template.label,
            llm_calls=transport.usage.calls,
            prompt_tokens=transport.usage.prompt_tokens,
            completion_tokens=transport.usage.completion_tokens,
            rejected_claims=totals.rejected_claims,
            notes=notes,
        )
        return self._when_empty(extraction, document, totals, facts) if not claims else extraction

    def _when_empty(self, extraction: Extraction, document: SourceDocument, totals: ChunkResult, facts: ArticleFacts) -> Extraction:
        """Never a silent empty report: say what the model gave, and under ``auto`` use the rules' reading."""
        from .rules import RuleExtractor

        rules = RuleExtractor().extract(document, facts=facts)
        if totals.returned_claims:
            why = f"it returned {totals.returned_claims} claim(s), all dropped (see above)"
        else:
            why = "it returned no claim at all"
        if not rules.claims:
            extraction.notes.append(f"the LLM found no checkable claim ({why}); neither does the rule engine")
            return extraction
        if self.fallback:
            rules.notes = [
                *extraction.notes,
                f"the LLM ({self.settings.model}) gave no usable claim ({why}); fell back to the rule engine, which "
                f"finds {len(rules.claims)}",
                *rules.notes,
            ]
            rules.llm_calls, rules.prompt_tokens = extraction.llm_calls, extraction.prompt_tokens
            rules.completion_tokens, rules.rejected_claims = extraction.completion_tokens, extraction.rejected_claims
            rules.model, rules.prompt = extraction.model, extraction.prompt
            return rules
        extraction.notes.append(
            f"the LLM ({self.settings.model}) gave no usable claim ({why}), while the rule engine finds "
            f"{len(rules.claims)} in this text: try a larger model, --llm-mode json_schema, or --extractor rules"
        )
        return extraction

    # -- grounding -------------------------------------------------------------------------------
    @staticmethod
    def _ground_claims(result: ChunkResult, chunk: Chunk) -> list[Claim]:
        out: list[Claim] = []
        for raw in result.claims:
            try:
                draft = ClaimDraft.model_validate(raw)
            except ValidationError:
                continue
            claim = ground_claim(chunk.text, draft, "c0")
            if claim is None:
                continue
            out.append(claim.model_copy(update={"start": claim.start + chunk.start, "end": claim.end + chunk.start}))
        return out

    @staticmethod
    def _ground_flags(result: ChunkResult, chunk: Chunk) -> list[Flag]:
        from ..promo import TECHNIQUES

        out: list[Flag] = []
        for raw in result.flags:
            try:
                draft = FlagDraft.model_validate(raw)
            except ValidationError:
                continue
            flag = ground_flag(chunk.text, draft)
            if flag is None:
                continue
            known = TECHNIQUES.get(flag.technique)
            update: dict[str, Any] = {"start": flag.start + chunk.start, "end": flag.end + chunk.start}
            if known is not None:
                update.update(severity=known.severity, rule=known.rule)
                if not flag.explanation:
                    update["explanation"] = known.explanation
            out.append(flag.model_copy(update=update))
        return out


def _rejection_notes(totals: ChunkResult) -> list[str]:
    """Why items were dropped, in the user's words: a schema slip is not an invented quote."""
    notes = []
    grounding = totals.rejected_claims - totals.schema_claims
    example = ""
    if totals.problems:
        example = f" (first: {totals.problems[0][:160]})"
    if totals.schema_claims:
        notes.append(
            f"{totals.schema_claims} claim(s) from the LLM were dropped because they do not fit the response schema "
            f"(a missing kind, a value of the wrong type){example}"
        )
        example = ""
    if grounding:
        notes.append(f"{grounding} claim(s) from the LLM were dropped because their quote or numbers are not in the article{example}")
    if totals.rejected_flags:
        notes.append(f"{totals.rejected_flags} flag(s) from the LLM were dropped because their quote is not in the article")
    if totals.unconfirmed_flags:
        notes.append(
            f"{totals.unconfirmed_flags} flag(s) from the LLM were dropped because their words are not a device of the "
            "kind named (e.g. urgency on a sentence without urgent wording)"
        )
    return notes


def _settle_company(claim: Claim, text: str, facts: ArticleFacts) -> Claim:
    """A claim the model left without company or ticker is still checked: the company its quote
    names, else the article's main company (the one named most often)."""
    if claim.company or claim.ticker:
        return claim
    from ..tickers import find_company_mentions

    mention = next(iter(find_company_mentions(text, claim.start, claim.end)), None) or facts.main_named
    if mention is None:
        return claim
    return claim.model_copy(update={"company": mention.name, "ticker": mention.ticker})


def _settle_ticker(claim: Claim, text: str, notes: list[str], facts: ArticleFacts) -> Claim:
    """Which listing a claim is checked against is not left to the model's memory.

    A ticker the article itself writes is kept; otherwise the bundled company table decides from the
    company name (an ambiguous name leaves the ticker empty, so the check says which listings
    match). Only for a company the table does not know is the model's ticker kept, with a note.
    """
    ticker = claim.ticker
    if ticker and re.search(rf"(?<![A-Za-z]){re.escape(ticker)}(?![A-Za-z])", text):
        return claim
    if not claim.company:
        return claim
    resolution = facts.resolve(claim.company)
    if resolution.ticker:
        return claim if resolution.ticker == ticker else claim.model_copy(update={"ticker": resolution.ticker})
    if resolution.candidates:
        return claim.model_copy(update={"ticker": None})
    if ticker:
        note = f"ticker {ticker} for {claim.company!r} comes from the model, not from the article or the company table"
        if note not in notes:
            notes.append(note)
    return claim


def _identity(claim: Claim) -> tuple:
    """What tells two claims of one kind apart: their figures, dates and who/what they name."""
    from ..firms import canonical_firm

    out = []
    for name in sorted(type(claim.fields).model_fields):
        value = getattr(claim.fields, name)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float, dt.date)):
            out.append((name, value))
        elif name == "firm":
            out.append((name, canonical_firm(value).lower()))
        elif name in ("counterparty", "event", "metric"):
            out.append((name, str(value).lower()))
    return tuple(out)


def _same_claim(a: Claim, b: Claim) -> bool:
    """One claim read twice (in two overlapping chunks): same kind, overlapping quotes, same figures.

    Two claims quoting one sentence ("JPMorgan raised its target to $305 and Wells Fargo to $300",
    a dividend's payment and record dates) differ in figures, dates or names and are both kept.
    """
    if a.kind != b.kind or not (a.start < b.end and b.start < a.end):
        return False
    return a.fields.model_dump() == b.fields.model_dump() or _identity(a) == _identity(b)


def _dedupe_claims(claims: list[Claim], text: str) -> list[Claim]:
    """Reading order, one claim per (kind, span, fields); ids c1, c2, ... assigned here."""
    kept: list[Claim] = []
    for claim in sorted(claims, key=lambda c: (c.start, c.end)):
        if any(_same_claim(claim, k) for k in kept):
            continue
        kept.append(claim)
    return [c.model_copy(update={"id": f"c{i}"}) for i, c in enumerate(kept, 1)]
