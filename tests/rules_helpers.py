"""What the rule-engine tests share: the engine's claims for a snippet of text."""

from __future__ import annotations

from typing import Optional

from verifier.dates import parse_datetime_arg
from verifier.document import document_from_text
from verifier.extract.rules import RuleExtractor
from verifier.schemas import Claim


def rule_claims(text: str, published: Optional[str]) -> list[Claim]:
    """The rule engine's claims for ``text`` published at ``published`` (None: no time given); every
    claim's quote is checked to be exactly its span of the text."""
    doc = document_from_text(text, html_input=False)
    if published:
        doc.published_at = parse_datetime_arg(published)
    claims = RuleExtractor().extract(doc).claims
    for claim in claims:
        assert doc.text[claim.start : claim.end] == claim.quote
    return claims
