"""What an article says about itself, settled once before any engine reads it.

Both extraction engines and the checks need the same article-level facts: when the article was
published (and how precisely), which promotional wording its lexicon flags, which companies it
names and which listing a company name stands for. ``verify()`` settles them once per article in
an ``ArticleFacts`` and hands it to the engine (``Extractor.extract(document, facts=...)``), so
no engine re-reads the dateline or re-scans the text. Each fact is computed on first use and kept:
an engine that never asks for the company mentions does not pay for them.

An engine called directly (``RuleExtractor().extract(document)``) builds its own with
``ArticleFacts.read(document)``, which sees the document as the engines always did: its own
publication time as given, else the header's.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import cached_property
from typing import Callable, Optional, Union

from .dates import FoundTime, ensure_aware, find_publication_time, parse_publication_arg, publication_date
from .document import SourceDocument
from .schemas import Flag
from .tickers import CompanyMention, Resolution, find_company_mentions

Resolver = Callable[[str], Resolution]


def main_company(mentions: list[CompanyMention]) -> Optional[CompanyMention]:
    """The company an article is about: the one named most often (first named on a tie)."""
    if not mentions:
        return None
    counts = Counter((m.ticker or m.name) for m in mentions)
    best = max(counts.values())
    return next(m for m in mentions if counts[m.ticker or m.name] == best)


class ArticleFacts:
    """One article's publication time, lexicon flags, company mentions and ticker resolutions.

    ``published_at``/``precision``/``source`` are settled when the facts are made; the rest is
    computed from ``text`` on first use and then kept. Treat the lists as read-only: they are
    shared by everything that reads this article.
    """

    def __init__(
        self,
        text: str,
        published_at: Optional[dt.datetime],
        precision: str = "time",
        source: Optional[str] = None,
    ) -> None:
        self.text = text
        self.published_at = published_at
        self.precision = precision  # "time", or "date" when only the day is known
        self.source = source  # flag | header | caller (whatever the document said) | None
        self._resolved: dict[tuple[str, Resolver], Resolution] = {}

    # -- making them ----------------------------------------------------------------------------
    @classmethod
    def settle(cls, document: SourceDocument, published_at: Optional[Union[str, dt.datetime]] = None) -> "ArticleFacts":
        """The facts as ``verify()`` settles them: ``published_at`` (``--published``) first, then the
        document's own time (read as New York when it has no zone), then the article's header."""
        if published_at is not None:
            if isinstance(published_at, str):
                value, precision = parse_publication_arg(published_at)
            else:
                value, precision = ensure_aware(published_at), "time"
            return cls(document.text, value, precision, "flag")
        if document.published_at is not None:
            return cls(
                document.text, ensure_aware(document.published_at), document.published_at_precision or "time",
                document.published_at_source,
            )
        return cls._from_header(document)

    @classmethod
    def read(cls, document: SourceDocument) -> "ArticleFacts":
        """The facts an engine called outside ``verify()`` sees: the document's time as given, else its header."""
        if document.published_at is not None:
            return cls(
                document.text, document.published_at, document.published_at_precision or "time",
                document.published_at_source,
            )
        return cls._from_header(document)

    @classmethod
    def of(cls, document: SourceDocument, facts: Optional["ArticleFacts"] = None) -> "ArticleFacts":
        """``facts`` when they are this document's (same text), else ``read(document)``: what an engine starts from."""
        if facts is not None and facts.text == document.text:
            return facts
        return cls.read(document)

    @classmethod
    def _from_header(cls, document: SourceDocument) -> "ArticleFacts":
        facts = cls(document.text, None)
        header = facts.header
        if header is not None:
            facts.published_at, facts.precision, facts.source = header.value, header.precision, "header"
        return facts

    # -- the facts ------------------------------------------------------------------------------
    @cached_property
    def header(self) -> Optional[FoundTime]:
        """The dateline found in the text, with its span; found even when ``--published`` overrides it
        (the rule engine cuts it out of the first sentence either way)."""
        return find_publication_time(self.text)

    @property
    def day(self) -> Optional[dt.date]:
        """The publication day relative dates are resolved against (``dates.publication_date``)."""
        return publication_date(self.published_at, self.precision)

    @property
    def assumption(self) -> Optional[str]:
        """How a header time without a zone was placed, when the header is where the time came from."""
        return self.header.assumption if self.source == "header" and self.header is not None else None

    @cached_property
    def flags(self) -> list[Flag]:
        """The lexicon's flags (``promo.detect_flags``): every engine reports them."""
        from .promo import detect_flags

        return detect_flags(self.text)

    @cached_property
    def mentions(self) -> list[CompanyMention]:
        """Companies named in the whole text (names, cashtags, exchange tags), in reading order."""
        return find_company_mentions(self.text)

    @cached_property
    def subjects(self) -> list[CompanyMention]:
        """``mentions`` plus the tickers written bare at the start of a line, cell or bullet
        ("NVDA US | last 182.40"): the companies the rule engine attributes claims to."""
        from .extract.rules.context import _with_bare_tickers

        return _with_bare_tickers(self.text, self.mentions)

    @cached_property
    def main_company(self) -> Optional[CompanyMention]:
        """The company the article is about, counting bare ticker lines (the rule engine's)."""
        return main_company(self.subjects)

    @cached_property
    def main_named(self) -> Optional[CompanyMention]:
        """The company the article is about, counting named mentions only (the LLM engine's fallback
        for a claim the model left unnamed)."""
        return main_company(self.mentions)

    @property
    def ticker(self) -> Optional[str]:
        """The main company's ticker, when its name settles one listing."""
        return self.main_company.ticker if self.main_company is not None else None

    def resolve(self, name: str, resolver: Optional[Resolver] = None) -> Resolution:
        """``resolver(name)`` (the bundled table, ``tickers.resolve_company``, unless told otherwise),
        once per name and resolver per article."""
        if resolver is None:
            from . import tickers

            resolver = tickers.resolve_company
        key = (name, resolver)
        if key not in self._resolved:
            self._resolved[key] = resolver(name)
        return self._resolved[key]
