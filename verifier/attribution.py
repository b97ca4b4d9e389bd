"""Who stands behind a claim: stated, reported, rumored, forecast or opinion, and who said it.

The rule engine calls ``classify_attribution`` for every claim span; the promotional analysis
uses ``reported_speech_spans`` so that a promoter quoted in a news story is not read as the
article's own voice.

How a claim is classified (first match wins, within the claim's clause, a sentence-initial
"According to X," and a sentence-final ", X said." / ", according to X." tail):

1. ``rumored``: rumours, speculation, "people familiar with", "sources say", "is said to be
   weighing", unconfirmed, a Benzinga-style "Hearing ...".
2. ``forecast``: a forecasting verb before the claim ("expects", "forecasts", "sees ... reaching",
   "could reach", "is expected to"), or an estimate noun governing the figure ("estimates of
   $1.80", "a price target of $300", "guidance of"). An analyst *action* on a target ("Roth
   Capital raised its price target to $295") or a firm's standing rating ("Piper Sandler PT $500,
   Overweight") is not a forecast: it is a fact about the firm, checkable against its actions,
   so it is ``stated`` with the firm as the source.
3. ``reported``: "according to Reuters", "Bloomberg reported", "market reports suggest",
   "reportedly", "citing". Citing data or a filing ("according to LSEG data", "according to the
   annual report") sources a fact and leaves it ``stated``.
4. ``opinion``: "we believe", "in our view", "X argues", "arguably".
5. ``stated``: everything else; an on-record speaker ("the company said") is still returned.

``attributed_to`` is a *named* source (a capitalised name, a known analyst firm, or "people
familiar with the matter"); generic sources ("market reports", "analysts") give None.
"""

from __future__ import annotations

import bisect
from verifier import recache as re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from .schemas import Attribution
from .gates import gated
from .text import split_sentences

# --------------------------------------------------------------------------- sentences


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence, whitespace-trimmed, in reading order (``text.split_sentences``:
    abbreviations and initials do not end one, a hard-wrapped line does not either).

    Cached for the last few texts: one article is split once however many analyses ask; a paragraph
    window of an article (``paragraph_window``) is not split again, its sentences are the article's.
    """
    known = _WINDOW_SPANS.get(text)
    if known is not None:
        return list(known)
    return list(_sentence_spans(text))


# sentences of the paragraph windows cut from an article, by window text (``paragraph_window``)
_WINDOW_SPANS: dict[str, tuple[tuple[int, int], ...]] = {}
# False: every window is split on its own (the reference the tests compare with)
REUSE_ARTICLE_SENTENCES = True


def _paragraph_edge(text: str, left: int, right: int) -> bool:
    """Whether text[left:right] starts and ends at a paragraph break (a blank line, "\n\n") or the text's ends."""
    return (left == 0 or text.startswith("\n\n", left - 2)) and (right == len(text) or text.startswith("\n\n", right))


def paragraph_window(text: str, left: int, right: int) -> str:
    """text[left:right], a window of whole paragraphs of an article, whose sentences are then taken
    from the article's split instead of splitting the window again.

    Exact: ``split_sentences(window, join_wrapped=True)`` is the article's sentences inside it, shifted.
    Every bound the splitter reads lies in the paragraph (a word before a '.' never crosses the line
    break before ``left``; after a '.' the next word or a wrapped line never crosses the blank line at
    ``right``, and a period whose next word lies past it leaves only white space, which is trimmed),
    and both texts cut at ``left`` and at ``right``. A window that is not cut at paragraph breaks
    (the claim's paragraph is longer than the window) is split on its own, as before.
    """
    window = text[left:right]
    if not REUSE_ARTICLE_SENTENCES or not _paragraph_edge(text, left, right) or window in _WINDOW_SPANS:
        return window
    spans = _sentence_spans(text)
    lo = bisect.bisect_left(spans, (left, left))
    hi = lo
    while hi < len(spans) and spans[hi][1] <= right:
        hi += 1
    if len(_WINDOW_SPANS) >= 64:
        _WINDOW_SPANS.clear()  # the windows of a few articles at a time: start over, never fail
    _WINDOW_SPANS[window] = tuple((a - left, b - left) for a, b in spans[lo:hi])
    return window


@lru_cache(maxsize=4)
def _sentence_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s.start, s.end) for s in split_sentences(text, join_wrapped=True))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (or sentences) that hold [start, end)."""
    return sentence_index(text).bounds(start, end)


@lru_cache(maxsize=4)
def sentence_index(text: str) -> "SentenceIndex":
    """The cached SentenceIndex of ``text``."""
    return SentenceIndex(text)


class SentenceIndex:
    """Sentence spans of one text with O(log n) lookup, so long texts stay linear to analyse."""

    def __init__(self, text: str, spans: Optional[list[tuple[int, int]]] = None):
        self.spans = sentence_spans(text) if spans is None else spans
        self.starts = [a for a, _ in self.spans]

    def index_of(self, pos: int) -> Optional[int]:
        i = bisect.bisect_right(self.starts, pos) - 1
        if i >= 0 and self.spans[i][0] <= pos < self.spans[i][1]:
            return i
        return None

    def sentence_of(self, pos: int) -> Optional[tuple[int, int]]:
        i = self.index_of(pos)
        return None if i is None else self.spans[i]

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        lo = bisect.bisect_right(self.starts, start) - 1
        if lo < 0 or self.spans[lo][1] <= start:
            lo += 1  # the claim starts between two sentences
        hi = bisect.bisect_left(self.starts, max(end, start + 1)) - 1
        if lo >= len(self.spans) or hi < lo:
            return start, end
        return self.spans[lo][0], self.spans[hi][1]


# --------------------------------------------------------------------------- quotations


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted words (inside the marks) for "...", \u201c...\u201d, \u2018...\u2019 and '...'.

    Straight double quotes pair up within a paragraph; single quotes only count when they open at a
    word start and close before a space or punctuation, so apostrophes (it's, investors') are not
    taken for quotation marks.
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        p0, seg = para.start(), para.group()
        for m in re.finditer(r"\"([^\"]+)\"|\u201c([^\u201c\u201d]+)\u201d|\u201e([^\u201c\u201d\u201e]+)[\u201c\u201d]", seg):
            inner = next(i for i in (1, 2, 3) if m.group(i) is not None)
            spans.append((p0 + m.start(inner), p0 + m.end(inner)))
        for m in re.finditer(r"(?:(?<=^)|(?<=[\s(\[\u2014:-]))[\u2018'](?=[A-Za-z0-9$\u20ac])(.{1,600}?)(?<=[^\s])[\u2019'](?=[\s,.;:!?)\u2014-]|$)", seg):
            spans.append((p0 + m.start(1), p0 + m.end(1)))
    spans.sort()
    # drop spans nested inside another (a '...' inside a "...")
    out: list[tuple[int, int]] = []
    for s in spans:
        if out and s[0] >= out[-1][0] and s[1] <= out[-1][1]:
            continue
        out.append(s)
    return out


# --------------------------------------------------------------------------- reported speech

_SPEECH_VERBS = (  # forms that are rarely nouns: 'reports', 'claims', 'notes', 'calls' are left out
    r"said|says|say|told|tells|wrote|writes|added|adds|claimed|stated|"
    r"argued|argues|insisted|insists|predicted|predicts|promised|urged|urges|"
    r"touted|touts|boasted|boasts|declared|declares|asserted|asserts|warned|warns|noted|"
    r"explained|explains|believes|believed|expects|expected|thinks|thought|"
    r"estimated|reported|posted|tweeted|"
    r"advised|advises|recommended|recommends|called|described|describes|suggested|"
    r"pitched|promoted|hyped"
)
_VERB = re.compile(rf"\b(?:{_SPEECH_VERBS})\b")
_ACCORDING = re.compile(r"\baccording to\b", re.I)
_STOP_WORDS = {"and", "but", "while", "as", "after", "because", "when", "since", "although", "though", "that", "if", "so", "then", "also"}
_IMPERATIVES = {  # "Request our free report - click here" has no speaker
    "request", "get", "click", "download", "read", "buy", "sell", "order", "subscribe", "secure", "grab",
    "claim", "see", "find", "discover", "learn", "join", "sign", "act", "don't", "do", "call", "visit",
}
_DETERMINERS = {"the", "a", "an", "this", "that", "its", "their", "his", "her"}
_FIRST_PERSON_PHRASES = re.compile(r"^(?:i|we|our\b.*|my\b.*|this (?:newsletter|site|author|publication|report|analysis)|the author|the editors?)$", re.I)
_VAGUE_WORDS = {
    "wall", "street", "street's", "market", "markets", "experts", "expert", "analysts", "insiders", "observers", "many",
    "some", "most", "top", "leading", "financial", "stock", "investment", "industry", "people", "investors",
    "traders", "everyone", "everybody", "pundits", "commentators", "watchers", "sources", "several",
    "independent", "other", "others", "numerous", "smart", "money", "professionals", "pros", "strategists",
    "economists", "the", "a", "an", "widely", "also", "all", "reports", "rumors", "rumours", "media",
}


@dataclass(frozen=True)
class ReportedSpan:
    """Words the article relays from someone else; ``specific`` when that someone is identified."""

    start: int
    end: int
    speaker: str
    specific: bool
    quoted: bool


def speaker_is_specific(speaker: str) -> bool:
    """A named or definite third party ('John Calder', 'the newsletter', 'he') counts; 'experts',
    'Wall Street', 'analysts' and the publication itself ('we', 'our analysts') do not."""
    words = [w.strip(",.'\"\u2019") for w in speaker.split()]
    words = [w for w in words if w]
    if not words:
        return False
    # "I'll", "we've", "I'm": the first person, contracted
    lowered = [re.sub(r"['\u2019](?:ll|ve|m|d|re|s)$", "", w.lower()) for w in words]
    if _FIRST_PERSON_PHRASES.match(" ".join(lowered)) or any(w in {"i", "we", "our", "my", "us"} for w in lowered):
        return False
    if " ".join(lowered).startswith(("people familiar", "sources familiar", "a person familiar", "persons familiar", "sources close", "people close")):
        return True
    if set(lowered) <= _VAGUE_WORDS:
        return False
    if lowered[0] in {"he", "she", "it", "they"} and len(words) == 1:
        return True
    if any(w[:1].isupper() for w in words[1:]) or (words[0][:1].isupper() and lowered[0] not in _DETERMINERS):
        return True
    return lowered[0] in _DETERMINERS or lowered[0].endswith("'s")


# A speaker who asks not to be named is no identified source: "one trader ... said, asking not to be named"
# relays nothing from anyone the reader could check (the words stay the article's own).
_ANONYMITY = re.compile(
    r"\b(?:(?:who )?(?:asking|asked|declining|declined|refusing|refused|requesting|requested) (?:not )?to be (?:named|identified|quoted by name)|"
    r"(?:who )?(?:declining|declined|refusing|refused) to (?:give|be identified by|share|provide) (?:his|her|their) (?:full )?names?|"
    r"on (?:the )?condition (?:of|that (?:he|she|they) (?:not )?(?:be|remain)) (?:anonymity|anonymous|named|identified)|"
    r"speaking anonymously|who (?:would not|wouldn't|did not want to|didn't want to) be (?:named|identified))\b",
    re.I,
)
_UNNAMED_HEADS = {"he", "she", "they", "a", "an", "one", "another", "this", "that", "the"}


def _anonymous(text: str, s0: int, s1: int, speaker: str) -> bool:
    """Whether the sentence says its speaker (a pronoun or a common noun, not a name) asked not to be named."""
    words = speaker.split()
    if not words or words[0].lower() not in _UNNAMED_HEADS or any(w[:1].isupper() for w in words[1:]):
        return False
    return _ANONYMITY.search(text, s0, s1) is not None


def _mask_quotes(text: str, quotes: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in quotes:
        for i in range(a, b):
            if not chars[i].isspace():
                chars[i] = "_"
    return "".join(chars)


def _subject_before(masked: str, s0: int, verb_start: int) -> Optional[tuple[int, int]]:
    """The noun phrase right before a speech verb: back to punctuation, a conjunction, or 8 words."""
    i = verb_start
    words = 0
    start = verb_start
    while i > s0 and words < 8:
        j = i
        while j > s0 and masked[j - 1] == " ":
            j -= 1
        if j <= s0 or masked[j - 1] in ",;:(\u2014\"\u201c\u201d_!?.":
            break
        k = j
        while k > s0 and not masked[k - 1].isspace() and masked[k - 1] not in ",;:(\u2014\"\u201c\u201d":
            k -= 1
        word = masked[k:j]
        if word.lower() in _STOP_WORDS or word.startswith("_") or word.lower() in _IMPERATIVES:
            break
        start = k
        words += 1
        i = k
    if start >= verb_start:
        return None
    return start, verb_start


def _phrase_after(masked: str, pos: int, s1: int) -> Optional[tuple[int, int]]:
    """A noun phrase after 'according to' / an inverted 'said': up to punctuation or 8 words."""
    m = re.compile(r"\s*((?:[^\s,;:.!?\u2014\"\u201c\u201d_]+\s?){1,8})").match(masked, pos, s1)
    if not m or not m.group(1).strip():
        return None
    a, b = m.start(1), m.end(1)
    while b > a and masked[b - 1].isspace():
        b -= 1
    # "according to Reuters and Bloomberg" keeps both; trailing clause words are dropped
    words = masked[a:b].split(" ")
    for n, w in enumerate(words):
        if n and w.lower() in _STOP_WORDS - {"and"}:
            b = a + len(" ".join(words[:n]))
            break
    return a, b


@dataclass(frozen=True)
class _Speech:
    speaker_span: tuple[int, int]
    content: tuple[int, int]
    verb: str


def _speech_in_sentence(text: str, masked: str, s0: int, s1: int) -> list[_Speech]:
    """Reporting constructions in one sentence and the words each one governs."""
    found: list[_Speech] = []
    sentence = masked[s0:s1]
    for m in _ACCORDING.finditer(sentence):
        a = s0 + m.start()
        phrase = _phrase_after(masked, s0 + m.end(), s1)
        if not phrase:
            continue
        if a == s0:  # "According to X, <content>." (sentences start trimmed)
            comma = masked.find(",", phrase[1], s1)
            content = (comma + 1, s1) if comma >= 0 else (phrase[1], s1)
        else:  # "<content>, according to X."
            content = (s0, a)
        found.append(_Speech(phrase, content, "according to"))
    for m in _VERB.finditer(sentence):
        v0, v1 = s0 + m.start(), s0 + m.end()
        subject = _subject_before(masked, s0, v0)
        before = masked[max(s0, v0 - 80) : v0].rstrip()  # bounded: one long line must stay linear
        rest_words = len(re.findall(r"\w+", masked[v1 : min(s1, v1 + 120)]))
        if subject and masked[subject[0] : subject[1]].strip():
            lead_in = masked[max(s0, subject[0] - 40) : subject[0]]
            if rest_words <= 6 and re.search(r"[,\"\u201d\u2019_]\s*$", lead_in) and subject[0] > s0:
                # "<content>," SUBJECT said (on Tuesday).  -> content is what precedes the subject
                content = (s0, subject[0])
            else:
                content = (v1, s1)
            found.append(_Speech(subject, content, m.group()))
            continue
        # inverted: "<content>," said John Calder, ...
        if re.search(r"[,\"\u201d\u2019_]\s*$", before):
            phrase = _phrase_after(masked, v1, s1)
            if phrase:
                found.append(_Speech(phrase, (s0, v0), m.group()))
    return found


def reported_speech_spans(text: str) -> list[ReportedSpan]:
    """Quoted words and reported clauses, each with the speaker the article gives for them.

    Cached for the last few texts: the rule engine asks once per claim.
    """
    return list(_reported_speech_spans(text))


@lru_cache(maxsize=4)
def _reported_speech_spans(text: str) -> tuple[ReportedSpan, ...]:
    spans: list[ReportedSpan] = []
    quotes = quote_spans(text)
    masked = _mask_quotes(text, quotes)
    sentences = sentence_spans(text)
    speech_by_sentence: dict[tuple[int, int], list[_Speech]] = {}
    for s0, s1 in sentences:
        speeches = _speech_in_sentence(text, masked, s0, s1)
        speech_by_sentence[(s0, s1)] = speeches
        for sp in speeches:
            speaker = " ".join(text[sp.speaker_span[0] : sp.speaker_span[1]].split())
            c0, c1 = sp.content
            while c0 < c1 and not text[c0].isalnum():
                c0 += 1
            if c1 > c0:
                specific = speaker_is_specific(speaker) and not _anonymous(text, s0, s1, speaker)
                spans.append(ReportedSpan(c0, c1, speaker, specific, quoted=False))
    index = SentenceIndex(text, sentences)
    for q0, q1 in quotes:
        owners = []
        for pos in (q1, max(q0, q1 - 2), q0):
            sent = index.sentence_of(pos)
            if sent is not None and sent not in owners:
                owners.append(sent)
        # a quote that closes a sentence may be attributed in the next one: '"...," he said.'
        nxt = bisect.bisect_left(index.starts, q1)
        if nxt < len(sentences) and sentences[nxt][0] - q1 <= 3:
            owners.append(sentences[nxt])
        speaker = None
        for sent in owners:
            speeches = [sp for sp in speech_by_sentence.get(sent, []) if not (q0 <= sp.speaker_span[0] < q1)]
            if speeches:
                best = min(speeches, key=lambda sp: min(abs(sp.speaker_span[0] - q1), abs(sp.speaker_span[1] - q0)))
                speaker = " ".join(text[best.speaker_span[0] : best.speaker_span[1]].split())
                break
        if speaker is None:
            spans.append(ReportedSpan(q0, q1, "", False, quoted=True))  # scare quotes: still the article's words
        else:
            specific = speaker_is_specific(speaker) and not _anonymous(text, sent[0], sent[1], speaker)
            spans.append(ReportedSpan(q0, q1, speaker, specific, quoted=True))
    spans = _inherit_speakers(text, spans)
    spans.sort(key=lambda s: (s.start, s.end))
    return tuple(spans)


def _norm_words(s: str) -> str:
    return " ".join(re.findall(r"[\w'-]+", s.lower().replace("\u2019", "'")))


def _inherit_speakers(text: str, spans: list[ReportedSpan]) -> list[ReportedSpan]:
    """An unattributed quote that repeats an attributed one (a headline echoing the body's
    '"risk-free" investment, according to the complaint') takes that quote's speaker."""
    attributed = [(_norm_words(text[s.start : s.end]), s) for s in spans if s.quoted and s.speaker][:500]
    exact = {words: s for words, s in attributed}
    out: list[ReportedSpan] = []
    for span in spans:
        if span.quoted and not span.speaker:
            words = _norm_words(text[span.start : span.end])
            source = exact.get(words) or next((a for w, a in attributed if words and words in w), None)
            if source is not None:
                span = ReportedSpan(span.start, span.end, source.speaker, source.specific, quoted=True)
        out.append(span)
    return out


class RelayIndex:
    """Reported spans with identified speakers, for fast 'is this inside relayed speech?' lookups."""

    def __init__(self, spans: list[ReportedSpan], specific_only: bool = True):
        self.spans = sorted((s for s in spans if s.specific or not specific_only), key=lambda s: (s.start, s.end))
        self.starts = [s.start for s in self.spans]
        # running maximum of ends lets the scan stop as soon as no earlier span can still cover
        self.max_end: list[int] = []
        top = -1
        for s in self.spans:
            top = max(top, s.end)
            self.max_end.append(top)

    def covering(self, start: int, end: int) -> Optional[ReportedSpan]:
        i = bisect.bisect_right(self.starts, start) - 1
        while i >= 0 and self.max_end[i] >= end:
            span = self.spans[i]
            if span.start <= start and end <= span.end:
                return span
            i -= 1
        return None


def relayed_by(text: str, start: int, end: int, spans: Optional[list[ReportedSpan]] = None) -> Optional[ReportedSpan]:
    """The reported span with an identified third-party speaker that holds [start, end), if any."""
    return RelayIndex(spans if spans is not None else reported_speech_spans(text)).covering(start, end)


# --------------------------------------------------------------------------- classification

_NAME = r"(?:[A-Z][\w&.'\u2019-]*|\d+[A-Z][\w]*)"
_SOURCE = rf"(?P<src>{_NAME}(?:\s+(?:{_NAME}|and|of|the|&|de|du|von)){{0,5}})"

_RUMORED_PATTERN = re.compile(
    r"\b(rumou?rs?|rumou?red|speculation|speculat\w+|people (?:familiar|close|briefed|with knowledge)|"
    r"(?:a |one )?(?:person|persons|sources?|insiders?) (?:familiar|close|briefed|with knowledge)|"
    r"unconfirmed|whispers?|chatter|buzz(?:ing)? that|word on the street|the grapevine|"
    r"unnamed sources?|anonymous sources?|sources (?:say|said|says|told|tell)|according to (?:several |two |three )?sources|"
    r"(?:is|are|was|were) said to (?:be )?(?:weighing|considering|exploring|planning|preparing|in talks|mulling|nearing))\b",
    re.I,
)
_DATA_CITATION = re.compile(
    r"\baccording to (?:(?:the |a )?[\w&.'-]+(?: [\w&.'-]+){0,4} )?(?:data|figures|filings?|statistics|records|"
    r"annual report|quarterly report|(?:regulatory |securities |exchange )?filings?|prospectus)\b",
    re.I,
)
_FAMILIAR = re.compile(
    r"\b((?:people|persons?|sources?|insiders?|a person|one person)\s+(?:familiar|close|briefed|with knowledge)"
    r"(?:\s+(?:with|to|on|of))?(?:\s+(?:the|its|his|her|their|those)\s+[\w-]+)?)",
    re.I,
)
_FORECAST_VERBS_PATTERN = re.compile(
    r"\b(expects?|expected|expecting|forecasts?|forecasted|forecasting|projects?|projected|projecting|"
    r"anticipates?|anticipated|predicts?|predicted|sees|see|envisions?|"
    r"(?:could|may|might|should|would|will likely|is likely to|are likely to|is expected to|are expected to|"
    r"is set to|are set to|is poised to|are poised to|is on track to|are on track to|aims? to|hopes? to)"
    r"(?:\s+\w+)?\s+(?:reach|hit|rise|climb|fall|drop|grow|increase|decrease|decline|double|triple|top|exceed|"
    r"be|come in|surpass|approach|return|gain|lose|total|generate|deliver|post|report|earn)|"
    r"will (?:reach|hit|rise|climb|grow|increase|double|triple|top|exceed|surpass|generate|total)|"
    r"guided|is projected|are projected|is forecast|are forecast)\b",
    re.I,
)
_FORECAST_NOUNS = re.compile(
    r"\b(estimates?|estimated|consensus|expectations?|forecasts?|projections?|outlook|guidance|"
    r"price targets?|target price|(?-i:targets?)|(?-i:PT)|tgt|fair value|could reach)\b",
    re.I,
)  # a capitalised 'Target' alone is more often the retailer than a price target
_TARGET_WORDS = re.compile(r"\b(?:price targets?|(?-i:targets?)|PT|tgt|rating|Kursziel)\b", re.I)
_RATING_WORDS = re.compile(
    r"\b(?:price targets?|targets?|PT|tgt|rating|buy|sell|hold|overweight|underweight|outperform|underperform|"
    r"neutral|equal[- ]weight|market perform|sector perform)\b",
    re.I,
)
_FIGURE = r"(?:about |around |roughly |some |nearly |up to )?(?:[$\u20ac\u00a3]\s?)?\d"


def _governs_figure(window: str) -> bool:
    """An estimate noun right at a figure: 'estimates of $2.26', 'a target of 290 dollars',
    '$2.26 consensus estimate'; 'results that beat estimates' governs nothing."""
    for m in _FORECAST_NOUNS.finditer(window):
        if m.group().lower() == "could reach":
            return True
        after = window[m.end() : m.end() + 40]
        if re.match(rf"\s*(?:\([^)]*\)\s*)?(?:(?:on|for) [\w.&'-]+(?: [\w.&'-]+)? )?(?:of|at|to|for|was|is|stood at|near|around|:)?\s*{_FIGURE}", after, re.I):
            return True
        before = window[max(0, m.start() - 30) : m.start()]
        if re.search(r"\d[\d.,]*\s*(?:%|percent|billion|million|bn|m|dollars?|euros?|per share)?\s*(?:\w+\s)?$", before, re.I):
            return True
    return False


_ANALYST_ACTION_PATTERN = re.compile(
    r"\b(raised|raises|raising|lifted|lifts|boosted|boosts|hiked|hikes|increased|increases|lowered|lowers|lowering|"
    r"cut|cuts|cutting|trimmed|trims|reduced|reduces|slashed|slashes|set|sets|initiated|initiates|started|starts|"
    r"began|begins|reiterated|reiterates|maintained|maintains|kept|keeps|upgraded|upgrades|downgraded|downgrades|"
    r"assigned|assigns|resumed|resumes|reaffirmed|reaffirms|announced|announces)\b[^.;]{0,60}\b(?:price targets?|targets?|"
    r"tgt|PT|rating|coverage)\b|\b(?:upgrades?|downgrades?|upgraded|downgraded|initiated coverage|initiates coverage)\b",
    re.I,
)
_REPORTED = re.compile(
    r"\b(according to|reportedly|market reports?|media reports?|press reports?|news reports?|"
    r"reports? (?:suggest|said|say|indicate|claim)\w*|as (?:first )?reported by|citing|cited|"
    r"(?:reported|reports|wrote|writes) (?:that|on)|is said to|are said to|was said to|were said to|"
    # a third party named only by its kind ("another agency had reported", "a newspaper said"): a report relayed
    r"(?:another|an?|one|other|a rival|a second|some) (?:news |wire )?(?:agency|agencies|outlet|outlets|"
    r"newspaper|newspapers|publication|broadcaster|wire service|news service|media outlet|paper|daily|website|blog) "
    r"(?:had |has |have |also |earlier |previously )*(?:reported|reports|said|says|wrote|writes))\b",
    re.I,
)
_REPORTED_BY_PATTERN = re.compile(
    rf"{_SOURCE},?\s+(?:first\s+)?(?:reported|reports|wrote|writes|cited|citing|said in a report)\b"
    # "Target Corp reported fourth-quarter earnings" is a company reporting results, not a media report
    r"(?!\s+(?:a |an |its |their |the company's )?(?:[\w-]+[ -])?(?:quarter|quarterly|annual|full-year|fiscal|first|"
    r"second|third|fourth|record|net|earnings|revenue|sales|profit|loss|income|results|EPS|adjusted|higher|lower|"
    r"better|weaker|stronger|\$|\d))"
)
_OPINION_PATTERN = re.compile(
    r"\b(we believe|we think|we feel|in our (?:view|opinion|estimation)|in my (?:view|opinion)|I believe|I think|"
    r"I feel|our view|seems?|appears? to be|arguably|argues?|argued|believes?|believed|thinks?|is convinced|"
    r"are convinced|in (?:his|her|their) (?:view|opinion)|(?:is|are) (?:bullish|bearish)|likes?|prefers?|"
    r"considers?|regards?)\b",
    re.I,
)
_SENTENCE_RUMOR = re.compile(r"^\s*(?:UPDATE:\s*)?Hearing\b|[;,(]\s*unconfirmed\)?\s*[.!]?\s*$", re.I)
_OPINION_ADVERB = re.compile(r"\b(?:arguably|seems?|appears? to|presumably)\b", re.I)
_ON_RECORD = re.compile(
    rf"\b(?:{_SOURCE}|the company|the firm|the bank)\s+(?:said|says|confirmed|confirms|announced|announces|"
    r"disclosed|discloses|stated|told|wrote)\b"
)
# --------------------------------------------------------------------------- literal gates
#
# A cue pattern read on every claim's clause, behind the literals one of which every match of it holds
# (``verifier.gates``, as the claim-kind readers' patterns): a clause holding none of them cannot match.
_RUMORED = gated(("rumo", "speculat", "people", "person", "source", "insider", "unconfirmed", "whisper", "chatter", "buzz",
                  "word on the street", "grapevine", "said to"), _RUMORED_PATTERN)
_ANALYST_ACTION = gated(("target", "tgt", "pt", "rating", "coverage", "upgrade", "downgrade"), _ANALYST_ACTION_PATTERN)
_REPORTED_BY = gated(("report", "wrote", "writes", "cited", "citing"), _REPORTED_BY_PATTERN)
_OPINION = gated(("we believe", "we think", "we feel", "in our", "in my", "i believe", "i think", "i feel", "our view", "seem",
                  "appear", "arguabl", "argu", "believ", "think", "convinced", "in his", "in her", "in their", "bullish",
                  "bearish", "like", "prefer", "consider", "regard"), _OPINION_PATTERN)
_FORECAST_VERBS = gated(("expect", "forecast", "project", "anticipat", "predict", "see", "envision", "could", "may", "might",
                         "should", "would", "likely", "set to", "poised", "on track", "aim", "hope", "will", "guided"), _FORECAST_VERBS_PATTERN)
GATES = (_RUMORED, _ANALYST_ACTION, _REPORTED_BY, _OPINION, _FORECAST_VERBS)

_LEADING_ACCORDING = re.compile(r"^\s*according to\b[^,]{1,120},", re.I)
_CLAUSE_BREAK = re.compile(r";|,?\s+\b(?:while|whereas|but|although|though|even as|meanwhile)\b\s+|\s+\u2014\s+|\s+-\s+")
# A subordinate clause after a claim ("fell 2.9% after the company forecast ...", "..., below the
# 377,000 analysts had expected"): its words (and a source named at its end) are about something else.
SUBORDINATE = re.compile(
    r"(?:,\s*|\s+)(?:after(?!\s+(?:the\s+)?(?:New York\s+|U\.?S\.?\s+|Wall Street\s+)?(?:closing\s+)?(?:bell|close|market close|markets close|hours|the market closes))|as|because|amid|following|despite|ahead of|on (?:news|hopes|fears|concerns|reports|worries|"
    r"expectations|speculation)|below|above|beating|missing|compared (?:with|to)|versus|vs\.?|whereas|when|which|"
    r"even as|though|although)(?![\w-])",
    re.I,
)
_FIGURE_IN = re.compile(r"\d")
TAIL_REACH = 400  # the longest trailing source _TAIL can match ("according to" + 120 characters, six long words + "said")
_TAIL = re.compile(
    r",\s*(?:according to [^,;]{1,120}|(?:[A-Z][\w&.'-]*\s*){1,6}(?:said|reported|says|reports|wrote)(?: on \w+)?|"
    r"(?:people|sources|persons?|a person) (?:familiar|close|briefed)[^,;]{0,80}(?:said|say)|"
    r"(?:he|she|they|it|the company|the firm|the bank|the newsletter) (?:said|says|added|wrote))\s*[.!?]?\s*$",
    re.I,
)
_PRONOUN_SOURCES = {"The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "I", "Its", "Their", "His",
                    "Her", "Our", "Shares", "Investors", "Analysts", "Neither", "Both", "Some", "Many", "Market",
                    "Markets", "Media", "Press", "News", "Reports", "At", "In", "On", "As", "After", "Meanwhile",
                    "Separately", "However", "Earlier", "Later", "Last", "This week", "Stock", "Experts"}


@lru_cache(maxsize=1)
def _firm_pattern() -> Optional[re.Pattern[str]]:
    try:
        from .firms import firm_aliases, firm_alternation

        aliases = firm_aliases()
    except Exception:  # the firm table is optional for attribution
        return None
    long = firm_alternation(a for a in aliases if len(a) > 4)
    short = firm_alternation(a for a in aliases if len(a) <= 4)  # 'MS', 'GS', 'Citi': exact case only
    parts = []
    if long:
        parts.append(rf"(?i:\b(?:{long})\b)")
    if short:
        parts.append(rf"\b(?:{short})\b")
    return re.compile("|".join(parts))


@lru_cache(maxsize=2048)  # asked of the same clause for each of its claims
def find_firm(sentence: str) -> Optional[str]:
    """The first known analyst firm named in ``sentence``, as written."""
    pattern = _firm_pattern()
    if pattern is None:
        return None
    m = pattern.search(sentence)
    return m.group() if m else None


def _clean_source(src: Optional[str]) -> Optional[str]:
    if not src:
        return None
    words = src.strip().rstrip(".,").split()
    while words and words[-1].lower() in {"and", "of", "the", "&", "de", "du", "von", "data"}:
        words.pop()
    while len(words) > 1 and words[0] in {"The", "A", "An"} and not words[1][:1].isupper():
        words.pop(0)
    if not words:
        return None
    name = " ".join(words)
    if name in _PRONOUN_SOURCES or words[0] in {"Shares", "Investors", "Analysts", "Stock", "Market", "Reports"}:
        return None
    if not any(w[:1].isupper() or w[:1].isdigit() for w in words):
        return None
    return name


@lru_cache(maxsize=1024)
def _sentence_parts(sentence: str) -> tuple[list[tuple[int, int]], Optional[re.Match[str]], Optional[re.Match[str]]]:
    """A sentence's clauses, leading "According to X," and trailing ", X said": the same for every
    claim in it, so read once (a sentence holds several claims)."""
    bounds = [0]
    for m in _CLAUSE_BREAK.finditer(sentence):
        bounds.extend([m.start(), m.end()])
    bounds.append(len(sentence))
    pieces = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds) - 1, 2)]
    lead = _LEADING_ACCORDING.match(sentence)
    tail = _TAIL.search(sentence, max(0, len(sentence) - TAIL_REACH))  # end-anchored: only the sentence's last words can match
    return pieces, lead, tail


def _scope(text: str, s0: int, s1: int, start: int, end: int) -> tuple[str, str]:
    """(governing, whole): the words that can govern the claim, and the claim's whole clause.

    Both include the sentence's leading "According to X," and trailing ", X said." attribution;
    ``governing`` stops at the claim's end so "cut 16,000 jobs and expects more" stays stated.
    """
    sentence = text[s0:s1]
    rel0, rel1 = start - s0, end - s0
    pieces, lead, tail = _sentence_parts(sentence)
    hit = [(a, b) for a, b in pieces if a < max(rel1, rel0 + 1) and rel0 < b] or [(0, len(sentence))]
    c0, c1 = hit[0][0], hit[-1][1]
    # the claim's clause ends where a subordinate clause begins after it
    sub = SUBORDINATE.search(sentence, max(rel1, c0), c1) if max(rel1, c0) < c1 else None
    if sub is not None:
        c1 = sub.start()
    head = lead.group() + " " if lead and lead.end() <= c0 else ""
    # a sentence-final source belongs to the claim unless a subordinate clause with a figure of its
    # own comes between them ("..., below the 377,000 analysts had expected, according to Visible Alpha")
    foot = (
        " " + tail.group()
        if tail and tail.start() >= c1 and not (sub is not None and _FIGURE_IN.search(sentence, c1, tail.start()))
        else ""
    )
    governing = head + sentence[c0 : max(rel1, c0)] + foot
    whole = head + sentence[c0:c1] + foot
    return governing, whole


@lru_cache(maxsize=2048)
def _named_source(scope: str) -> Optional[str]:
    m = re.search(rf"\b[Aa]ccording to (?:a |an |the )?(?:(?:report|reports|story|article|note|data|analysis|survey|filing)s? (?:by|from|in|of) )?(?:(?:the )?newspaper |broadcaster |news agency |data from )?{_SOURCE}", scope)
    if m and _clean_source(m.group("src")):
        return _clean_source(m.group("src"))
    m = re.search(r"\b[Aa]ccording to (?:a |an )?(?P<src>(?:people|persons?|sources?|a person|one person)\s+(?:familiar|close|briefed|with knowledge)[^,.;]*)", scope, re.I)
    if m:
        return m.group("src").strip()
    for m in _REPORTED_BY.finditer(scope):
        name = _clean_source(m.group("src"))
        if name:
            return name
    m = re.search(rf"\b(?:told|reported by|as reported by|in an interview with|cited by|citing)\s+(?:the\s+)?{_SOURCE}", scope)
    if m and _clean_source(m.group("src")):
        return _clean_source(m.group("src"))
    return None


_MAX_CONTEXT = 600


@lru_cache(maxsize=4)
def _quote_index(text: str) -> "RelayIndex":
    return RelayIndex([s for s in _reported_speech_spans(text) if s.quoted and s.speaker], specific_only=False)


# False: every claim reads the text's whole reported speech (the reference the tests compare with)
QUOTE_GATE = True


@lru_cache(maxsize=4)
def _quotes(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(quote_spans(text))


def _claim_is_quoted(text: str, start: int, end: int) -> Optional[ReportedSpan]:
    """The attributed quote that holds the claim, if any.

    Every quoted ReportedSpan is one of ``quote_spans`` (its speaker aside), so a claim that no quote
    holds is in none: the text's reported clauses (a pass over each of its sentences) are read only
    for a claim inside quotation marks.
    """
    if QUOTE_GATE and not any(q0 <= start and end <= q1 for q0, q1 in _quotes(text)):
        return None
    return _quote_index(text).covering(start, end)


def classify_attribution(
    text: str, start: int, end: int, kind: Optional[str] = None
) -> tuple[Attribution, Optional[str]]:
    """Attribution of the claim at [start, end) and its named source, if any.

    ``kind`` (the claim kind, optional) only sharpens the analyst case: for ``analyst_rating`` an
    action anywhere in the clause makes the claim a stated fact about the action; for another
    kind (a ``stock_price`` read off "a target of $300") analyst wording never makes it stated.
    """
    if not (0 <= start <= end <= len(text)):
        raise ValueError(f"claim span [{start}, {end}) lies outside the text (length {len(text)})")
    s0, s1 = sentence_bounds(text, start, end)
    s0, s1 = max(s0, start - _MAX_CONTEXT), min(s1, end + _MAX_CONTEXT)  # a run-on 'sentence' is read near the claim
    governing, whole = _scope(text, s0, s1, start, end)
    firm = find_firm(whole)
    source = _named_source(whole)
    quoted = _claim_is_quoted(text, start, end)
    speaker = quoted.speaker if quoted is not None and quoted.specific else None

    # 1. rumored: the least reliable source decides
    if _RUMORED.search(whole) or _SENTENCE_RUMOR.search(text[s0:s1]):
        familiar = _FAMILIAR.search(whole)
        return "rumored", source or (familiar.group(1).strip() if familiar else None)

    # 2. forecast, unless the claim is an analyst action on a target or rating
    forecast_verb = _FORECAST_VERBS.search(governing)
    forecast_noun = _governs_figure(text[max(s0, start - 30) : end])
    claim_text = text[start:end]
    in_claim = _ANALYST_ACTION.search(claim_text)
    in_clause = _ANALYST_ACTION.search(whole)
    # "Piper Sandler PT $500, Overweight", "Goldman Sachs has a Buy rating with a $655 price target":
    # a firm's standing rating or target is a fact about the firm, checked against its actions
    named_firm = find_firm(claim_text)
    standing = named_firm and (
        _TARGET_WORDS.search(claim_text) or (_RATING_WORDS.search(claim_text) and not forecast_verb)
    )
    analyst_kind = kind in (None, "analyst_rating")
    if analyst_kind and (in_claim or standing or (kind == "analyst_rating" and in_clause)):
        action = in_claim or in_clause
        actor = _actor(claim_text if in_claim else whole, action.start()) if action else None
        return "stated", find_firm(claim_text) or firm or actor or source or _on_record(whole)
    if analyst_kind and in_clause and not forecast_verb:
        return "stated", firm or source or _on_record(whole)
    if forecast_verb or forecast_noun:
        return "forecast", source or firm or _subject_name(text, s0, start) or speaker

    # 3. reported by someone else; citing data or a filing is sourcing a fact, not relaying a report
    cues = [m for m in _REPORTED.finditer(whole)] + [m for m in _REPORTED_BY.finditer(whole)]
    data_citations = [m.span() for m in _DATA_CITATION.finditer(whole)]
    if any(not any(a <= m.start() < b for a, b in data_citations) for m in cues):
        return "reported", source

    # 4. opinion
    if _OPINION.search(governing) or _OPINION_ADVERB.search(whole):
        return "opinion", source or firm or _subject_name(text, s0, start) or speaker

    # 5. stated, with the on-record speaker when there is one (a data citation names the data, not the claim's source)
    if data_citations:
        source = _named_source("".join(" " if any(a <= i < b for a, b in data_citations) else ch for i, ch in enumerate(whole)))
    return "stated", speaker or firm or source or _on_record(whole)


def _actor(text: str, verb_at: int) -> Optional[str]:
    """The named firm right before an analyst action verb: 'Cascend Maintains Buy' -> 'Cascend'."""
    m = re.search(rf"{_SOURCE}\s+$", text[:verb_at])
    return _clean_source(m.group("src")) if m else None


def _on_record(scope: str) -> Optional[str]:
    m = _ON_RECORD.search(scope)
    return _clean_source(m.group("src")) if m and m.group("src") else None


def _subject_name(text: str, s0: int, start: int) -> Optional[str]:
    """A named subject before the claim: 'Goldman Sachs expects ...' -> 'Goldman Sachs'."""
    m = re.search(rf"{_SOURCE}\s+(?:\w+\s+)?(?:expects?|forecasts?|projects?|predicts?|sees|believes?|thinks?|argues?|estimates?|anticipates?)\b", text[s0:start])
    return _clean_source(m.group("src")) if m else None
