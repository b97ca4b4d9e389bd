"""The offline rule engine (``RuleExtractor``), split by concern: ``engine`` reads documents,
``context`` holds what is in focus, ``cues`` the patterns several kinds share, and ``kinds/`` one
reader per claim kind. Callers import from here.
"""

from __future__ import annotations

from ...text import split_sentences
from .engine import ATTRIBUTION_WINDOW, MAX_TEXT_CHARS, RuleExtractor

__all__ = ["ATTRIBUTION_WINDOW", "MAX_TEXT_CHARS", "RuleExtractor", "split_sentences"]
