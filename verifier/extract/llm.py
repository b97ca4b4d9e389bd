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
5. Results are cached in SQLite (``verifier.llm_cache``) so an identical second run makes no call.
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
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from ..config import LLMSettings
from ..document import SourceDocument
from ..errors import ConfigError, LLMError
from ..schemas import FIELDS_BY_KIND, SCHEMA_VERSION, Claim, ClaimDraft, Flag, FlagDraft
from .base import Extraction, ground_claim, ground_flag
from .grounding import claim_problems, flag_problems, repair_claim

# instructor logs every failed attempt at ERROR level; with no handler configured Python would print
# those to stderr, breaking the CLI's one-line errors. A library-style NullHandler keeps them for
# applications that configure logging and silent otherwise.
logging.getLogger("instructor").addHandler(logging.NullHandler())

PROMPT_NAME = "extract"
CHARS_PER_TOKEN = 4  # the usual estimate for English prose; a chunk budget, not a bill
OVERLAP_FRACTION = 0.1


# --------------------------------------------------------------------------- response model


class ArticleExtraction(BaseModel):
    """Every checkable claim and every promotional device in the article, each quoted verbatim."""

    model_config = ConfigDict(extra="ignore")

    claims: list[ClaimDraft] = Field(
        description="Every checkable claim, one per figure, in reading order. Empty list if there are none."
    )
    flags: list[FlagDraft] = Field(
        description="Every promotional device, in reading order. Empty list if there are none."
    )

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema the model is shown, without pydantic's per-field titles (they repeat the field
        names and are a tenth of the prompt); the top-level title names the tool."""
        schema = super().model_json_schema(*args, **kwargs)
        return {**_drop_titles(schema), "title": schema.get("title", cls.__name__)}

    @model_validator(mode="before")
    @classmethod
    def _tolerate_layout(cls, data: Any) -> Any:
        return normalise_payload(data)

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> "ArticleExtraction":
        article = (info.context or {}).get("article") if info is not None else None
        if not article:
            return self
        problems: list[str] = []
        for i, claim in enumerate(self.claims):
            fatal, repairable = claim_problems(claim, article)
            problems += [f"claims[{i}] ({claim.kind}): {p}" for p in [*fatal, *repairable]]
        for i, flag in enumerate(self.flags):
            problems += [f"flags[{i}] ({flag.technique}): {p}" for p in flag_problems(flag, article)]
        if problems:
            raise ValueError(
                "these items are not grounded in the article; correct or remove only them and keep every other "
                "item unchanged:\n- " + "\n- ".join(problems)
            )
        return self


def _drop_titles(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "title" and isinstance(value, str):
                continue
            # "properties" maps field names to schemas: a field called "title" must survive
            out[key] = {k: _drop_titles(v) for k, v in value.items()} if key in ("properties", "$defs") else _drop_titles(value)
        return out
    if isinstance(node, list):
        return [_drop_titles(v) for v in node]
    return node


def _normalise_claim(raw: Any) -> Any:
    """Common layout slips of smaller models, repaired before validation: ``kind`` beside ``fields``
    instead of inside, or the fields flattened into the claim. Values are never changed."""
    if not isinstance(raw, dict):
        return raw
    claim = dict(raw)
    kind = claim.get("kind")
    fields = claim.get("fields")
    if isinstance(fields, dict) and "kind" not in fields and isinstance(kind, str):
        claim["fields"] = {**fields, "kind": kind}
    elif fields is None and isinstance(kind, str) and kind in FIELDS_BY_KIND:
        names = set(FIELDS_BY_KIND[kind].model_fields) - {"kind"}
        claim["fields"] = {"kind": kind, **{k: claim.pop(k) for k in list(claim) if k in names}}
    return claim


def normalise_payload(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    out = dict(data)
    for key in ("claims", "flags"):
        if out.get(key) is None and key in out:
            out[key] = []
    if isinstance(out.get("claims"), list) and "flags" not in out:
        out["flags"] = []  # an answer with claims but no flags list found no devices
    if isinstance(out.get("claims"), list):
        out["claims"] = [_normalise_claim(c) for c in out["claims"]]
    return out


def schema_tag() -> str:
    """Report schema version plus a hash of the response model's JSON schema (a cache-key part)."""
    schema = json.dumps(ArticleExtraction.model_json_schema(), sort_keys=True)
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
            timeout = openai.Timeout(s.timeout, connect=min(s.connect_timeout, s.timeout))
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

    def send(self, *args: Any, **kwargs: Any) -> Any:
        """``chat.completions.create`` with our transport retries; instructor calls this per attempt."""
        import openai

        client = self.client()
        attempt = 0
        while True:
            self.usage.calls += 1
            try:
                response = client.chat.completions.create(*args, **kwargs)
            except openai.APITimeoutError:
                raise LLMError(
                    f"{self.where} did not answer within {self.settings.timeout:g} s; retry later, raise "
                    "VERIFIER_LLM_TIMEOUT, or use --extractor rules"
                ) from None
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
                raise LLMError(self._status_message(exc, attempt + 1)) from None
            if not getattr(response, "choices", None):
                raise LLMError(
                    f"{self.where} answered without any choices (not an OpenAI-compatible chat completion); "
                    "check --base-url points at a /v1 chat-completions API"
                )
            self.usage.add(response)
            return response

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
        try:
            value = json.loads(candidate)
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
    rejected_claims: int = 0
    rejected_flags: int = 0
    salvaged: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "claims": self.claims,
            "flags": self.flags,
            "rejected_claims": self.rejected_claims,
            "rejected_flags": self.rejected_flags,
            "salvaged": self.salvaged,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> "ChunkResult":
        return cls(
            claims=list(data.get("claims") or []),
            flags=list(data.get("flags") or []),
            rejected_claims=int(data.get("rejected_claims") or 0),
            rejected_flags=int(data.get("rejected_flags") or 0),
            salvaged=bool(data.get("salvaged")),
        )


def _dump_claim(draft: ClaimDraft) -> dict[str, Any]:
    return draft.model_dump(mode="json", exclude={"kind"})


def salvage(payload: dict[str, Any], article: str) -> ChunkResult:
    """Validate each item on its own: one bad item does not sink the answer."""
    result = ChunkResult(salvaged=True)
    payload = normalise_payload(payload)
    raw_claims = payload.get("claims")
    raw_flags = payload.get("flags")
    for raw in raw_claims if isinstance(raw_claims, list) else []:
        try:
            draft = ClaimDraft.model_validate(raw)
        except ValidationError:
            result.rejected_claims += 1
            continue
        fatal, _ = claim_problems(draft, article)
        if fatal:
            result.rejected_claims += 1
            continue
        result.claims.append(_dump_claim(repair_claim(draft, article)))
    for raw in raw_flags if isinstance(raw_flags, list) else []:
        try:
            flag = FlagDraft.model_validate(raw)
        except ValidationError:
            result.rejected_flags += 1
            continue
        if flag_problems(flag, article):
            result.rejected_flags += 1
            continue
        result.flags.append(flag.model_dump(mode="json"))
    return result


# --------------------------------------------------------------------------- the engine

_MODES = {"tools": "TOOLS", "json": "JSON", "md_json": "MD_JSON"}


class LLMExtractor:
    """``--extractor llm``: claims, attribution and flags from any OpenAI-compatible endpoint."""

    name = "llm"

    def __init__(
        self,
        settings: LLMSettings,
        *,
        cache: Any = None,
        prompt_name: str = PROMPT_NAME,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings
        self.prompt_name = prompt_name
        self._cache = cache
        self._sleep = sleep
        self._client: Any = None

    # -- pieces ----------------------------------------------------------------------------------
    def cache(self) -> Any:
        if self._cache is None:
            from ..llm_cache import LLMCache

            self._cache = LLMCache()
        return self._cache

    @staticmethod
    def variables(document: SourceDocument, chunk: Chunk, chunks: int) -> dict[str, Any]:
        """The prompt's named variables for one chunk; ``article`` is data, inserted as text."""
        published = document.published_at
        precision = document.published_at_precision or "time"
        if published is None:  # called outside verify(): read the header as verify() would
            from ..dates import find_publication_time

            found = find_publication_time(document.text)
            published = found.value if found is not None else None
            precision = found.precision if found is not None else "time"
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

    def _instructor_create(self, transport: Transport) -> Callable[..., Any]:
        import instructor

        try:
            mode = getattr(instructor.Mode, _MODES[self.settings.mode])
        except KeyError:
            raise ConfigError(f"unknown instructor mode {self.settings.mode!r}; use tools, json or md_json") from None
        return instructor.patch(create=transport.send, mode=mode)

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
                f"{transport.where} cut its answer off at the output-token limit; lower max_chunk_tokens in the "
                "config file (smaller chunks) or use a model with a larger output limit"
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
            if payload is None or not isinstance(payload.get("claims"), list):
                detail = transport.scrub(str(cause or exc)) or "no JSON object"
                raise LLMError(
                    f"{transport.where} returned output that is not the requested JSON after "
                    f"{self.settings.max_retries + 1} attempt(s) ({detail}); try a stronger model or --llm-mode json"
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
        )

    # -- extract ---------------------------------------------------------------------------------
    def extract(self, document: SourceDocument) -> Extraction:
        from ..llm_cache import CacheKey
        from ..prompts_loader import load_prompt

        settings = self.settings
        template = load_prompt(self.prompt_name)
        text = document.text
        chunks = split_chunks(text, settings.max_chunk_tokens)
        transport = Transport(settings, sleep=self._sleep, client=self._client)
        create: Optional[Callable[..., Any]] = None
        tag = schema_tag()
        notes: list[str] = []
        cached_chunks = 0
        rejected_claims = rejected_flags = 0
        claims: list[Claim] = []
        flags: list[Flag] = []

        for chunk in chunks:
            values = self.variables(document, chunk, len(chunks))
            template.check(values)
            values_sha = hashlib.sha256(json.dumps(values, sort_keys=True).encode("utf-8")).hexdigest()
            key = CacheKey(settings.model, template.label, tag, values_sha, settings.mode, chunk.index)
            result: Optional[ChunkResult] = None
            if settings.use_cache:
                cached = self.cache().get(key)
                if cached is not None:
                    result = ChunkResult.from_json(cached)
                    cached_chunks += 1
            if result is None:
                if create is None:
                    create = self._instructor_create(transport)
                    self._client = transport.client()
                result = self._ask(create, transport, template, values)
                if settings.use_cache:
                    self.cache().put(key, result.to_json())
            rejected_claims += result.rejected_claims
            rejected_flags += result.rejected_flags
            claims += self._ground_claims(result, chunk)
            flags += self._ground_flags(result, chunk)

        claims = _dedupe_claims(claims, text)
        claims = [_settle_ticker(c, text, notes) for c in claims]
        from ..promo import detect_flags, merge_flags

        flags = merge_flags([*flags, *detect_flags(text)])
        if cached_chunks:
            notes.append(
                f"LLM answer for {cached_chunks} of {len(chunks)} chunk(s) taken from the cache (no call made; "
                "--no-cache asks again)"
            )
        if len(chunks) > 1:
            notes.append(f"long article: extracted in {len(chunks)} overlapping chunks of up to {settings.max_chunk_tokens} tokens")
        if rejected_claims:
            notes.append(
                f"{rejected_claims} claim(s) from the LLM were dropped because their quote or numbers are not in the article"
            )
        if rejected_flags:
            notes.append(f"{rejected_flags} flag(s) from the LLM were dropped because their quote is not in the article")
        if settings.use_cache and self.cache().problem:
            notes.append(self.cache().problem)
        return Extraction(
            claims=claims,
            flags=flags,
            extractor=self.name,
            model=settings.model,
            prompt=template.label,
            llm_calls=transport.usage.calls,
            prompt_tokens=transport.usage.prompt_tokens,
            completion_tokens=transport.usage.completion_tokens,
            rejected_claims=rejected_claims,
            notes=notes,
        )

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


def _settle_ticker(claim: Claim, text: str, notes: list[str]) -> Claim:
    """Which listing a claim is checked against is not left to the model's memory.

    A ticker the article itself writes is kept; otherwise the bundled company table decides from the
    company name (an ambiguous name leaves the ticker empty, so the check says which listings
    match). Only for a company the table does not know is the model's ticker kept, with a note.
    """
    from ..tickers import resolve_company

    ticker = claim.ticker
    if ticker and re.search(rf"(?<![A-Za-z]){re.escape(ticker)}(?![A-Za-z])", text):
        return claim
    if not claim.company:
        return claim
    resolution = resolve_company(claim.company)
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
