"""Which language an article is written in, from its function words.

The rule engine reads English (and English machine-translated copy). Given an untranslated
French, Italian or German brief it finds tables, share prices and moves in common wording and
misses most other sentences, and
an audit that silently reports three claims of twenty misleads its reader. So the pipeline asks
this module once per article and, when the text is clearly not English, says so in the run notes
with the way out (an LLM engine reads other languages).

Function words ("the", "of", "le", "della", "und") are frequent, short and language-specific,
so counting them is a reliable guess for a few hundred characters of prose and needs no model.
Short or mixed texts give ``None``: the note is only written when the answer is clear.
"""

from __future__ import annotations

from verifier import recache as re
from typing import Optional

NAMES = {"en": "English", "fr": "French", "es": "Spanish", "it": "Italian", "de": "German", "pt": "Portuguese", "nl": "Dutch"}

# Words that are common in their own language's news prose and rare as English words (so "a",
# "in" of other languages, which collide with English or with each other ("de", "en"), are left out).
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the of and to is was were its with that for from by this after which has have said".split()),
    "fr": frozenset("le la les des du une est sont dans pour avec sur par au aux cette qui été ses".split()),
    "es": frozenset("el los las del una es son por con para que sus tras según más fue".split()),
    "it": frozenset("il lo gli della dello delle dei degli una è sono nel nella per con che dopo sul alla".split()),
    "de": frozenset("der die das und ist sind mit für von auf dem den des ein eine nach bei sich".split()),
    "pt": frozenset("os das dos uma é são em para com que após pela pelo seu sua foi".split()),
    "nl": frozenset("het een van is zijn met voor op bij naar door dat die werd".split()),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
MIN_HITS = 12  # below this many function words the text is too short (a headline, a table) to judge


def guess_language(text: str) -> Optional[str]:
    """The ISO 639-1 code of the text's language when the function words make it clear, else None."""
    counts = dict.fromkeys(_FUNCTION_WORDS, 0)
    for match in _WORD.finditer(text[:20_000].lower()):
        word = match.group()
        for code, words in _FUNCTION_WORDS.items():
            if word in words:
                counts[code] += 1
    best = max(counts, key=lambda code: counts[code])
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] < MIN_HITS or ranked[0] < 2 * ranked[1]:
        return None
    return best


def not_english_note(code: str) -> str:
    """The run note for a rule-engine audit of an article in language ``code`` (not English)."""
    return (
        f"the article reads as {NAMES[code]}; the rule engine is built for English and reads only common price and "
        f"move wording and tables in other languages, so most other claims in {NAMES[code]} are not found: use an LLM "
        "engine (--extractor llm) for other languages"
    )
