"""Extraction engines behind one interface: ``rules`` (offline) and ``llm`` (instructor + openai)."""

from __future__ import annotations

from typing import Any, Optional

from ..errors import ConfigError
from .base import Extraction, Extractor, ground_claim, ground_flag, locate

__all__ = ["Extraction", "Extractor", "get_extractor", "ground_claim", "ground_flag", "locate"]


def get_extractor(name: str = "auto", llm_settings: Optional[Any] = None) -> Extractor:
    """``rules``, ``llm``, or ``auto`` (the LLM engine when one is configured, else rules)."""
    if name == "rules":
        from .rules import RuleExtractor

        return RuleExtractor()
    if name in ("llm", "auto"):
        from ..config import LLMSettings

        settings = llm_settings or LLMSettings.resolve()
        if not settings.configured:
            if name == "llm":
                from ..errors import LLMError

                raise LLMError(
                    "no LLM is configured; set OPENAI_API_KEY (and VERIFIER_MODEL / OPENAI_BASE_URL for other "
                    "endpoints) or pass --model/--base-url, or use --extractor rules"
                )
            from .rules import RuleExtractor

            return RuleExtractor()
        from .llm import LLMExtractor

        return LLMExtractor(settings, fallback=name == "auto")
    raise ConfigError(f"unknown extractor {name!r}; use auto, rules or llm")
