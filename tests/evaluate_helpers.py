"""Shared by the evaluation tests: an extractor that returns scripted claims, and one labelled case."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from verifier.evaluate import Case, ClaimLabel, FlagLabel
from verifier.extract.base import Extraction, ground_claim, ground_flag
from verifier.schemas import ClaimDraft, FlagDraft

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"


class ScriptedExtractor:
    """Returns the claims and flags it was given, grounded in the article: scoring without any engine."""

    name = "scripted"

    def __init__(self, claims: list[ClaimDraft], flags: list[FlagDraft] = ()):
        self.claims, self.flags = claims, list(flags)

    def extract(self, document) -> Extraction:  # noqa: ANN001
        claims = [ground_claim(document.text, d, f"c{i + 1}") for i, d in enumerate(self.claims)]
        flags = [ground_flag(document.text, f) for f in self.flags]
        return Extraction(claims=[c for c in claims if c], flags=[f for f in flags if f], extractor=self.name)


ARTICLE = (ROOT / "fixtures" / "articles" / "amazon-restructuring.txt").read_text(encoding="utf-8")
SNAPSHOT = str(ROOT / "fixtures" / "market" / "amzn-2026-01.json")


def amazon_case() -> Case:
    return Case(
        id="amzn",
        text=ARTICLE,
        claims=[
            ClaimLabel("stock_price", "slight decline to $241.73", {"price": 241.73}, "supported"),
            ClaimLabel("scheduled_event", "February 5, 2026", {"event": "earnings", "date": "2026-02-05"}, "supported"),
            ClaimLabel("workforce", "about 30,000 roles", {"count": 30000}, "supported"),
            ClaimLabel("deal", "up to $50 billion", {"amount": 50e9}, None, optional=True),
        ],
        flags=[FlagLabel("urgency", "urgent action needed"), FlagLabel("free_offer", "free analysis")],
        market=SNAPSHOT,
        published_at=dt.datetime.fromisoformat("2026-01-30T17:25:04+01:00"),
    )
