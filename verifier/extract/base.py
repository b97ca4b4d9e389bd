"""The extractor interface both engines implement, and the grounding every claim passes.

An extractor turns a ``SourceDocument`` into an ``Extraction``: grounded claims and flags whose
``start``/``end`` index the document text. Grounding (finding the quote in the text) is done
here, by the tool, for every engine: an LLM's offsets are never trusted.

``verify()`` settles the article-level facts (publication time, lexicon flags, company mentions)
once and passes them as ``extract(document, facts=...)`` to an engine whose ``extract`` takes a
``facts`` argument; an engine written against the one-argument interface still gets
``extract(document)``, and both bundled engines build the facts themselves when not given them.
"""

from __future__ import annotations

import inspect
from verifier import recache as re
from dataclasses import dataclass, field
from typing import Optional, Protocol, runtime_checkable

from ..document import SourceDocument
from ..facts import ArticleFacts
from ..schemas import Claim, ClaimDraft, Flag, FlagDraft


@dataclass
class Extraction:
    claims: list[Claim] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    extractor: str = "rules"
    model: Optional[str] = None
    prompt: Optional[str] = None
    llm_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    rejected_claims: int = 0
    notes: list[str] = field(default_factory=list)


@runtime_checkable
class Extractor(Protocol):
    name: str

    def extract(self, document: SourceDocument) -> Extraction: ...


def takes_facts(engine: Extractor) -> bool:
    """Whether ``engine.extract`` accepts ``facts=`` (the bundled engines do; an older custom one may not)."""
    try:
        params = inspect.signature(engine.extract).parameters.values()
    except (TypeError, ValueError):  # a callable without a readable signature: the one-argument interface
        return False
    return any(p.name == "facts" or p.kind is inspect.Parameter.VAR_KEYWORD for p in params)


def run_extractor(engine: Extractor, document: SourceDocument, facts: Optional[ArticleFacts]) -> Extraction:
    """``engine.extract(document, facts=facts)``, or ``engine.extract(document)`` for an engine without ``facts``."""
    if facts is not None and takes_facts(engine):
        return engine.extract(document, facts=facts)  # type: ignore[call-arg]
    return engine.extract(document)


_WS = re.compile(r"\s+")


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """Collapse whitespace runs to one space and unify quotes/dashes; map each output char to its source index."""
    out: list[str] = []
    index: list[int] = []
    prev_space = False
    table = {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-", "\u00a0": " "}
    for i, ch in enumerate(text):
        ch = table.get(ch, ch)
        if ch.isspace():
            if prev_space:
                continue
            out.append(" ")
            index.append(i)
            prev_space = True
        else:
            out.append(ch)
            index.append(i)
            prev_space = False
    return "".join(out), index


def _fold(text: str) -> str:
    """Lower-case one character at a time, keeping the length ('İ'.lower() is two characters)."""
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def locate(text: str, quote: str, after: int = 0) -> Optional[tuple[int, int]]:
    """Offsets of ``quote`` in ``text``: exact first, then whitespace/quote-normalised, case-insensitive last.

    Returns the span as it stands in ``text`` (so ``text[start:end]`` is the article's own words),
    preferring an occurrence at or after ``after``.
    """
    quote = quote.strip()
    if not quote:
        return None
    pos = text.find(quote, after)
    if pos < 0:
        pos = text.find(quote)
    if pos >= 0:
        return pos, pos + len(quote)
    norm_text, index = _normalise_with_map(text)
    norm_quote = _WS.sub(" ", _normalise_with_map(quote)[0]).strip()
    for haystack, needle in ((norm_text, norm_quote), (_fold(norm_text), _fold(norm_quote))):
        start_norm = next((i for i, j in enumerate(index) if j >= after), 0)
        pos = haystack.find(needle, start_norm)
        if pos < 0:
            pos = haystack.find(needle)
        if pos >= 0:
            start = index[pos]
            end = index[pos + len(needle) - 1] + 1
            return start, end
    return None


def ground_claim(text: str, draft: ClaimDraft, claim_id: str, after: int = 0) -> Optional[Claim]:
    """A Claim anchored in ``text``, or None when its quote does not occur there."""
    span = locate(text, draft.quote, after)
    if span is None:
        return None
    start, end = span
    data = draft.model_dump(exclude={"kind"})
    data.update(id=claim_id, start=start, end=end, quote=text[start:end])
    return Claim.model_validate(data)


def ground_flag(text: str, draft: FlagDraft, after: int = 0) -> Optional[Flag]:
    span = locate(text, draft.quote, after)
    if span is None:
        return None
    start, end = span
    data = draft.model_dump()
    data.update(start=start, end=end, quote=text[start:end])
    return Flag.model_validate(data)
