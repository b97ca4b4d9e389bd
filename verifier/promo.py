"""Promotional devices: detection by lexicon, merging, and the promotional score.

Each technique has patterns written for this purpose, an explanation a reader understands, and a
severity. The score is documented in the README.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .schemas import Flag, Risk


@dataclass(frozen=True)
class Technique:
    name: str
    explanation: str
    severity: str
    weight: float
    patterns: tuple[str, ...]
    rule: str | None = None


TECHNIQUES: dict[str, Technique] = {
    t.name: t
    for t in (
        Technique(
            "buy_sell_question",
            "A buy-or-sell question pushes the reader toward a trade instead of informing them.",
            "medium",
            0.35,
            (
                r"\bShould (?:investors|shareholders|you) (?:sell|buy)\b[^?\n]{0,60}\?",
                r"\bOr is it (?:worth|time to) (?:buying|buy|selling|sell)\b[^?\n]{0,40}\?",
                r"\bBuy or sell\b[^?\n]{0,40}\?+!?",
            ),
        ),
        Technique(
            "urgency",
            "Manufactured time pressure discourages the reader from checking the claims.",
            "high",
            0.4,
            (r"\burgent action (?:is )?needed\b", r"\bact now\b", r"\bbefore it'?s too late\b", r"\btime is running out\b"),
        ),
        Technique(
            "free_offer",
            "A free report or analysis is the usual hook of a paid promotion or a subscription funnel.",
            "medium",
            0.3,
            (r"\bfree (?:analysis|report|picks?|special report)\b",),
        ),
        Technique(
            "call_to_action",
            "A call to click or subscribe turns the article into a sales page.",
            "medium",
            0.25,
            (r"\bRead more here\b", r"\bclick here\b", r"\bfind out (?:what to do|more) now\b"),
        ),
        Technique(
            "advertisement",
            "The piece is marked as an advertisement: it was paid for and is not independent news.",
            "high",
            0.45,
            (r"(?m)^\s*(?:Ad|Advertisement|Sponsored|Anzeige)\s*$",),
        ),
    )
}

_COMPILED = {name: [re.compile(p, re.I if not p.startswith("(?m)") else re.M | re.I) for p in t.patterns] for name, t in TECHNIQUES.items()}


def detect_flags(text: str) -> list[Flag]:
    """Every promotional device the lexicon finds, in reading order, overlaps merged."""
    flags: list[Flag] = []
    for name, patterns in _COMPILED.items():
        technique = TECHNIQUES[name]
        for pattern in patterns:
            for m in pattern.finditer(text):
                start, end = m.span()
                # trim surrounding whitespace so the quote is the device's own words
                while start < end and text[start].isspace():
                    start += 1
                while end > start and text[end - 1].isspace():
                    end -= 1
                flags.append(
                    Flag(
                        quote=text[start:end],
                        start=start,
                        end=end,
                        technique=name,  # type: ignore[arg-type]
                        explanation=technique.explanation,
                        severity=technique.severity,  # type: ignore[arg-type]
                        rule=technique.rule,
                    )
                )
    return merge_flags(flags)


def merge_flags(flags: list[Flag]) -> list[Flag]:
    """Reading order; flags of one technique that overlap become one."""
    ordered = sorted(flags, key=lambda f: (f.start, -(f.end - f.start)))
    merged: list[Flag] = []
    for flag in ordered:
        twin = next((m for m in merged if m.technique == flag.technique and flag.start < m.end and m.start < flag.end), None)
        if twin is None:
            merged.append(flag)
        elif flag.end > twin.end:
            # extend the earlier flag; its quote must stay the text's own span, so it is rebuilt by the caller's text
            merged[merged.index(twin)] = twin.model_copy(update={"end": flag.end, "quote": twin.quote + flag.quote[twin.end - flag.start :]})
    return merged


def promotional_score(flags: list[Flag], text: str) -> tuple[float, Risk]:
    """Score in [0, 1]: 1 - exp(-S), S the weighted flag count with per-technique saturation."""
    per_technique: dict[str, int] = {}
    for f in flags:
        per_technique[f.technique] = per_technique.get(f.technique, 0) + 1
    total = 0.0
    for name, count in per_technique.items():
        weight = TECHNIQUES[name].weight if name in TECHNIQUES else 0.2
        total += weight * (1 + 0.5 * (1 - 0.5 ** (count - 1)))  # repeats add less and less
    score = round(1 - math.exp(-total), 4)
    risk: Risk = "high" if score >= 0.6 else "medium" if score >= 0.25 else "low"
    return score, risk
