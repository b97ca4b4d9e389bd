"""Company name -> ticker, from the bundled alias table of large US listings.

An ambiguous or unknown name is never guessed: ``resolve_company`` returns the candidates and a
reason, and the claim is reported ``unverifiable`` with them. An online lookup for names the table
lacks (``market.symbols``) is passed in by the caller, not imported: the market layer depends on
this module, never the other way round.
"""

from __future__ import annotations

import json
from verifier import recache as re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Optional, Protocol


_SUFFIXES = re.compile(
    r"[,.]?\s+(inc|incorporated|corp|corporation|co|company|ltd|limited|plc|ag|se|sa|nv|holdings|group|the)\.?$",
    re.I,
)


@dataclass
class Resolution:
    ticker: Optional[str]
    name: Optional[str] = None
    candidates: list[str] = field(default_factory=list)
    reason: Optional[str] = None


class CompanyLookup(Protocol):
    """Name -> ``Resolution`` from outside the bundled table (``market.symbols.search_lookup()``)."""

    def __call__(self, name: str) -> Resolution: ...


def normalise_name(name: str) -> str:
    """Lower case without legal suffixes; a share class ("Class A") is kept: it names a different listing."""
    name = name.strip().strip("'\u2019").lower()
    name = re.sub(r"['\u2019]s$", "", name)
    name = re.sub(r"^the\s+", "", name)
    prev = None
    while prev != name:
        prev = name
        name = _SUFFIXES.sub("", name).strip(" ,.")
    return re.sub(r"\s+", " ", name)


@lru_cache(maxsize=1)
def company_table() -> dict:
    """{"TICKER": {"name": ..., "aliases": [...], "exchange": ...}} from verifier/data/companies.json."""
    raw = resources.files("verifier.data").joinpath("companies.json").read_text(encoding="utf-8")
    return json.loads(raw)["companies"]


@dataclass(frozen=True)
class AdjustedEps:
    """What the company table knows of a company's adjusted (non-GAAP) EPS, with its reason and source.

    ``published`` False: the company's results releases give GAAP EPS only, so an EPS an article does
    not qualify is the GAAP figure, except for the fiscal periods in ``excepted`` (a release that did
    give an adjusted figure, e.g. "Q4 FY2024").
    """

    ticker: str
    published: bool
    reason: str
    source: str
    excepted: tuple[str, ...] = ()


def adjusted_eps(ticker: Optional[str]) -> Optional[AdjustedEps]:
    """The table's ``adjusted_eps`` entry for a ticker; None when unknown (the company may publish one)."""
    entry = company_table().get((ticker or "").strip().upper(), {}).get("adjusted_eps")
    if not entry:
        return None
    return AdjustedEps(
        (ticker or "").strip().upper(), bool(entry["published"]), entry["reason"], entry["source"], tuple(entry.get("except", ())),
    )


@lru_cache(maxsize=1)
def _alias_index() -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for ticker, entry in company_table().items():
        for alias in [entry["name"], *entry.get("aliases", [])]:
            key = normalise_name(alias)
            if ticker not in index.setdefault(key, []):
                index[key].append(ticker)
    return index


def resolve_company(name: str, extra: Optional[dict[str, str]] = None) -> Resolution:
    """Resolve a company name (or a ticker written as such) to one ticker."""
    if not name or not name.strip():
        return Resolution(None, reason="no company named")
    if extra:
        for alias, ticker in extra.items():
            if normalise_name(alias) == normalise_name(name):
                return Resolution(ticker.upper(), name)
    table = company_table()
    upper = name.strip().upper()
    if upper in table:
        return Resolution(upper, table[upper]["name"])
    hits = _alias_index().get(normalise_name(name), [])
    if len(hits) == 1:
        return Resolution(hits[0], table[hits[0]]["name"])
    if len(hits) > 1:
        return Resolution(
            None,
            candidates=hits,
            reason=f"'{name}' matches several listings ({', '.join(hits)}); pass --ticker to choose one",
        )
    return Resolution(None, reason=f"'{name}' is not in the bundled company table; pass --ticker to name its listing")


def resolve_company_online(name: str, extra: Optional[dict[str, str]] = None, *, lookup: CompanyLookup) -> Resolution:
    """``resolve_company``, then ``lookup`` (e.g. Yahoo's symbol search) for a name the table lacks.

    The table stays first (and its ambiguous answers stand). ``lookup`` is injected so this module
    imports no market code; ``verifier.market.symbols.search_lookup()`` is the yfinance one, which
    picks a listing only when exactly one issuer and one best listing match and otherwise returns
    the candidates; offline it keeps the table's reason with the failure added.
    """
    first = resolve_company(name, extra)
    if first.ticker or first.candidates or not name or not name.strip():
        return first
    return lookup(name)


@lru_cache(maxsize=1)
def known_names() -> dict[str, str]:
    """alias (as written in the table) -> ticker, for the rule engine's company spotting.

    Built once (the rule engine asks for it in every sentence); callers only read it."""
    out: dict[str, str] = {}
    for ticker, entry in company_table().items():
        for alias in [entry["name"], *entry.get("aliases", [])]:
            out[alias] = ticker
    return out


@dataclass
class CompanyMention:
    """A company named in the text: an alias from the table, a cashtag ($AMZN) or '(NASDAQ: AMZN)'."""

    start: int
    end: int
    text: str
    ticker: Optional[str]  # None when the name fits several share classes (Alphabet, Berkshire)
    name: str  # the name as the claim will carry it
    candidates: tuple[str, ...] = ()


_CASHTAG = re.compile(r"(?<![\w$])\$(?P<t>[A-Z]{1,5}(?:[.\-/][A-Z])?)\b")
_EXCHANGE_TAG = re.compile(
    r"\((?:NASDAQ|Nasdaq|NYSE|NYSE American|NYSE Arca|AMEX|Cboe|OTC|NASDAQ GS|NasdaqGS)\s*:\s*(?P<t>[A-Z]{1,5}(?:[.\-/][A-Z])?)\)"
)


@lru_cache(maxsize=1)
def _aliases() -> tuple[str, ...]:
    """Every alias of two or more characters, longest first (a longer name wins over its prefix)."""
    return tuple(sorted({a for a in known_names() if len(a) >= 2}, key=lambda a: (-len(a), a)))


@lru_cache(maxsize=512)
def _mention_pattern(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """One alternation of these aliases, longest first, case-sensitive (so 'apple' the fruit is no company).

    Built from the aliases present in the text, not all ~450: compiling the full alternation costs
    a one-article audit ~20-40 ms, finding which aliases occur (``str.__contains__``) well under one.
    """
    body = "|".join(re.escape(a) for a in aliases)
    return re.transient(rf"(?<![\w$&-])(?:{body})(?:'s|\u2019s)?(?![\w&-])")


# "Halcyon Solar (HSOL)": a name followed by its ticker in brackets, the usual first mention in an article
_NAME_THEN_TICKER = re.compile(
    r"(?P<name>[A-Z][\w&'\u2019-]*(?:\.[A-Za-z]+)*(?:\s+(?:[A-Z][\w&'\u2019-]*(?:\.[A-Za-z]+)*|&|of))*"
    r"(?:,?\s+(?:Inc|Corp|Co|Ltd)\.?)?)\s+\((?P<t>[A-Z]{2,5}(?:\.[A-Z])?)\)"
)
_NOT_TICKERS = {
    "ET", "EST", "EDT", "PT", "PST", "PDT", "CET", "UTC", "GMT", "AM", "PM", "CEO", "CFO", "COO", "CTO", "USD", "EUR",
    "GBP", "AI", "IPO", "FDA", "SEC", "FTC", "DOJ", "EU", "US", "UK", "USA", "GDP", "CPI", "EPS", "ESG", "EV", "EVS",
    "AG", "SE", "SA", "NV", "PLC", "LLC", "INC", "LTD", "CORP", "ADR", "ETF", "NYSE", "FY", "YOY", "QOQ", "WSJ", "FT",
}
_CALENDAR_WORDS = {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
# the side or role a bracket gives a speaker or a column's writer ("Jane Doe (BULL)", "Q&A (HOST)"), never a symbol
_ROLE_WORDS = {"BULL", "BEAR", "PRO", "CON", "HOST", "GUEST", "MOD", "CHAIR", "ANCHOR", "PANEL", "STAFF", "AUDIENCE", "ED"}
_NAME_STOPWORDS = {"The", "A", "An", "Shares", "Stock", "Why", "How", "What", "Is", "Our", "This", "In", "On", "At", "And"}


_BARE_TICKER = re.compile(r"(?<![\w$&./-])[A-Z]{3,5}(?![\w&/-])")
# tickers that are also words written in capitals, or better known as something else
_WORD_TICKERS = {"CAT", "LOW", "NOW", "ICE", "MET", "MAR", "SNOW", "SHOP", "COST", "SNAP", "SPOT", "UPS", "DIS", "ABC", "PARA",
                 "USB", "LIN", "AMT", "KEY", "ALL", "DOW", "CEO", "IT", "NEE"}
_LEAD_WORDS = {"UPDATE", "BREAKING", "HEARING", "CORRECTION", "TL;DR", "EXCLUSIVE", "ALERT"}
_CAPS_WORD = re.compile(r"[A-Z][A-Z'.&-]{2,}")


def _in_capitals(text: str, start: int, end: int, table: dict) -> bool:
    """True when the word next to [start, end) is another capitalised word that is no ticker."""
    before = re.search(r"([^\s]+)\s+$", text[max(0, start - 30) : start])
    after = re.match(r"\s+([^\s]+)", text[end : end + 30])
    for near in (before, after):
        if near is None:
            continue
        word = near.group(1).strip(",;:()\"'")
        if _CAPS_WORD.fullmatch(word) and word not in table and word not in _NOT_TICKERS and word not in _LEAD_WORDS:
            return True
    return False


def _canonical_ticker(raw: str) -> str:
    return raw.upper().replace("-", ".").replace("/", ".")


# company names that are also verbs, used as the verb: an explainer's signposts ("Zoom in:", "Zoom out:", "Zoom out.") and
# phrasal verbs opening a sentence or line ("Snap back rallies ..."); the particle alone is not enough ("Zoom in
# March reported ...", "pushed Snap back above $10" name the company)
_PHRASAL_USE = re.compile(r"(?:Zoom|ZOOM)(?=\s+(?:in|out|IN|OUT)\s*(?:[:\u2014\u2013]|[.!](?:\s|$)))|(?<![\w,] )Snap(?=\s+back\b)")


def _unit_initials(words: list[str], ticker: str, table: dict, names: dict[str, str]) -> bool:
    """A bracket spelling the initials of the name before it, which opens with a listed company's own name, and no
    ticker the table knows: "Amazon Web Services (AWS)" is Amazon's unit and its short form."""
    if ticker in table or len(words) < 2:
        return False
    initials = "".join(w[0] for w in words if w.lower() not in ("of", "and", "&", "the")).upper()
    return initials == ticker and any(" ".join(words[:n]) in names for n in range(1, len(words)))


# a stock table's squeezed name at the start of a row of figures: "AdvAutoPt   78.08  -22.24", "AmerisBgn  80.00"
_SQUEEZED_ROW = re.compile(r"(?m)^[ \t]*(?P<n>[A-Z][a-z]+(?:[A-Z][a-z]*)+)(?=[^\n\w]{0,8}[ \t][-+$]?\.?\d[^\n]*?[ \t][-+]?\.?\d)")
_NAME_CHUNK = re.compile(r"[A-Z][a-z]*")
_NAME_FILLERS = {"inc", "corp", "corporation", "co", "company", "the", "group", "holdings", "plc", "ltd", "of", "and"}


def _squeezes(chunk: str, word: str) -> bool:
    """A chunk of a squeezed name abbreviates the word: its first letter, then its other letters in order ("Pt" Parts)."""
    chunk, word = chunk.lower(), word.lower()
    if not word or chunk[0] != word[0]:
        return False
    rest = iter(word[1:])
    return all(c in rest for c in chunk[1:])


@lru_cache(maxsize=1)
def _name_words() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(ticker, the words of one of its names, a word written in CamelCase split in two) for every name in the table."""
    out = []
    for ticker, entry in company_table().items():
        for name in {entry["name"], *entry.get("aliases", [])}:
            name = re.sub(r"\s*\(.*", "", name)
            words = [w for part in re.split(r"[\s,.&'-]+", name) for w in (_NAME_CHUNK.findall(part) or [part])]
            words = [w for w in words if w and w.lower() not in _NAME_FILLERS]
            if len(words) >= 2 or len(words) == 1 and len(words[0]) >= 6:
                out.append((ticker, tuple(words)))
    return tuple(out)


def _squeezed_ticker(token: str) -> Optional[str]:
    """The one company whose name the squeezed token abbreviates chunk by chunk, every chunk a word of the name in
    order, the first of three letters or more ("AdvAutoPt" Advance Auto Parts, "IntlBusMch" International
    Business Machines); None when no company or more than one fits."""
    chunks = _NAME_CHUNK.findall(token)
    if len(chunks) < 2 or "".join(chunks) != token:
        return None
    fits = set()
    for ticker, words in _name_words():
        if len(words) >= len(chunks) and len(chunks[0]) >= 3 and all(_squeezes(c, w) for c, w in zip(chunks, words)):
            fits.add(ticker)
    return fits.pop() if len(fits) == 1 else None


def find_company_mentions(text: str, start: int = 0, end: Optional[int] = None) -> list[CompanyMention]:
    """Companies named in text[start:end], in reading order; cashtags settle ambiguous names."""
    end = len(text) if end is None else end
    table = company_table()
    names = known_names()
    out: list[CompanyMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_EXCHANGE_TAG, _CASHTAG):
        for m in pattern.finditer(text, start, end):
            ticker = _canonical_ticker(m["t"])
            if ticker not in table and pattern is _CASHTAG:
                continue  # "$5B" never matches; an unknown cashtag may still be a ticker, but we cannot check it
            name = table[ticker]["name"] if ticker in table else ticker
            out.append(CompanyMention(m.start(), m.end(), m.group(0), ticker, name))
            taken.append(m.span())
    region = text[start:end]
    present = tuple(a for a in _aliases() if a in region)
    for m in _mention_pattern(present).finditer(text, start, end) if present else ():
        if any(m.start() < te and ts < m.end() for ts, te in taken):
            continue
        if _PHRASAL_USE.match(text, m.start()):
            continue  # "Zoom out: ...", "Snap back": a name used as the verb it also is
        word = re.sub(r"['\u2019]s$", "", m.group(0))
        resolution = resolve_company(word)
        ticker = resolution.ticker or names.get(word) if not resolution.candidates else None
        out.append(
            CompanyMention(m.start(), m.start() + len(word), word, ticker, word, tuple(resolution.candidates))
        )
        taken.append((m.start(), m.start() + len(word)))
    # a name shouted in a line of capitals ("09:31 *APPLE OPENS AT $284.69", "MICROSOFT BEATS"): a flash headline
    # or a terminal screen writes every name upper-case; only a line with no lower-case letter is read so
    if any(c.isupper() for c in region) and re.search(r"(?m)^[^a-z\n]*[A-Z]{4,}[^a-z\n]*$", region):
        shouted = {a.upper(): a for a in _aliases() if len(a) >= 4 and not a.isupper() and " " not in a.strip() and a.upper() in region}
        for m in _mention_pattern(tuple(sorted(shouted, key=lambda a: (-len(a), a)))).finditer(text, start, end) if shouted else ():
            word = re.sub(r"['\u2019]S$", "", m.group(0))
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start : len(text) if line_end < 0 else line_end]
            if re.search(r"[a-z]", line) or any(m.start() < te and ts < m.start() + len(word) for ts, te in taken):
                continue
            alias = shouted[word]
            resolution = resolve_company(alias)
            ticker = resolution.ticker or names.get(alias) if not resolution.candidates else None
            out.append(CompanyMention(m.start(), m.start() + len(word), word, ticker, alias, tuple(resolution.candidates)))
            taken.append((m.start(), m.start() + len(word)))
    # a stock table's row led by a squeezed name ("AdvAutoPt  78.08  -22.24  -20.3"): the company it abbreviates
    for m in _SQUEEZED_ROW.finditer(text, start, end) if re.search(r"(?m)^[ \t]*[A-Z][a-z]+[A-Z]", region) else ():
        if m["n"] in names or any(m.start("n") < te and ts < m.end("n") for ts, te in taken):
            continue
        ticker = _squeezed_ticker(m["n"])
        if ticker is not None:
            out.append(CompanyMention(m.start("n"), m.end("n"), m["n"], ticker, table[ticker]["name"]))
            taken.append(m.span("n"))
    # a bare ticker as the subject ("AAPL +4.1% to $270.01"): three letters or more, in the table, not an
    # English word in capitals, and not inside a run of capitals (a shouted headline)
    for m in _BARE_TICKER.finditer(text, start, end):
        symbol = m.group(0)
        if symbol not in table or symbol in _NOT_TICKERS or symbol in _WORD_TICKERS:
            continue  # a symbol that is also a word ("ABC", "NOW") stays a word, even after the article gave it as a ticker
        if any(m.start() < te and ts < m.end() for ts, te in taken) or _in_capitals(text, m.start(), m.end(), table):
            continue
        out.append(CompanyMention(m.start(), m.end(), symbol, symbol, table[symbol]["name"]))
        taken.append(m.span())
    # names the article introduces with a bracketed ticker, and their later mentions (whole name or first word)
    introduced: dict[str, tuple[str, str]] = {}
    for m in _NAME_THEN_TICKER.finditer(text, start, end):
        words = [w for w in m["name"].split() if w not in _NAME_STOPWORDS]
        while words and (words[0] in _NAME_STOPWORDS or words[0] in _CALENDAR_WORDS):
            words.pop(0)  # "In January Apple (AAPL) ...": the month opens the phrase, it is no part of the name
        ticker = _canonical_ticker(m["t"])
        if "\n" in m["name"]:
            # "... January\nAbbVie (ABBV)": a table's header cell above the row's name is no part of it; a name
            # hard-wrapped across lines ("Advance Auto\nParts (AAP)") is kept whole unless its last line alone is the name
            last = [w for w in m["name"].rsplit("\n", 1)[1].split() if w not in _NAME_STOPWORDS]
            if last and resolve_company(" ".join(last)).ticker == ticker:
                words = last
        if not words:
            continue
        name = " ".join(words)
        if ticker in _NOT_TICKERS or ticker in _ROLE_WORDS or name.isupper() and len(name) <= 3:
            continue
        if name.isupper() and " " in name and ticker not in table:
            continue  # "DANIEL REYES (HOST)": a speaker's label in a transcript or debate, not a company and its symbol
        if _unit_initials(words, ticker, table, names):
            continue  # "Amazon Web Services (AWS)": a listed company's unit and its short form, no listing
        tag_start = m.start("t") - 1
        if not any(tag_start < te and ts < m.end() for ts, te in taken):
            out.append(CompanyMention(tag_start, m.end(), m.group(0)[m.start("t") - 1 - m.start() :], ticker, name))
            taken.append((tag_start, m.end()))
        introduced.setdefault(name, (ticker, name))
        if len(words) > 1 and len(words[0]) >= 4 and words[0] not in names:
            introduced.setdefault(words[0], (ticker, name))
    if introduced:
        alias_re = re.transient(
            r"(?<![\w$&-])(?:" + "|".join(re.escape(a) for a in sorted(introduced, key=len, reverse=True)) + r")(?:'s|\u2019s)?(?![\w&-])"
        )
        for m in alias_re.finditer(text, start, end):
            word = re.sub(r"['\u2019]s$", "", m.group(0))
            if any(m.start() < te and ts < m.start() + len(word) for ts, te in taken):
                continue
            ticker, name = introduced[word]
            out.append(CompanyMention(m.start(), m.start() + len(word), word, ticker, name))
            taken.append((m.start(), m.start() + len(word)))
    out.sort(key=lambda c: c.start)
    # an ambiguous name next to a cashtag of one of its classes takes that class
    tagged = {c.ticker for c in out if c.text.startswith(("$", "("))}
    for i, c in enumerate(out):
        if c.ticker is None and c.candidates:
            chosen = [t for t in c.candidates if t in tagged]
            if len(chosen) == 1:
                out[i] = CompanyMention(c.start, c.end, c.text, chosen[0], c.name, c.candidates)
    return out


# --------------------------------------------------------------------------- tickers given by users

_TICKER_SYMBOL = re.compile(r"\^?[A-Z0-9][A-Z0-9.\-=]{0,19}")


def validate_ticker(value: str) -> str:
    """A ticker as given by a user (``--ticker``), upper-cased; an InputError when it cannot be one.

    Yahoo-style symbols are accepted: AAPL, BRK-B, BRK.B, SIE.DE, 7203.T, ^GSPC, EURUSD=X.
    """
    from .errors import InputError

    symbol = (value or "").strip().upper()
    if not _TICKER_SYMBOL.fullmatch(symbol):
        raise InputError(
            f"--ticker {value!r} is not a ticker symbol; use letters, digits and . - = ^ only "
            "(for example AAPL, BRK-B, SIE.DE)"
        )
    return symbol


# --------------------------------------------------------------------------- names the table lacks

_NOT_NAMES = {
    "The", "A", "An", "Its", "It", "Their", "His", "Her", "This", "That", "These", "Those", "Shares", "Share", "Stock",
    "Stocks", "Analysts", "Investors", "Traders", "On", "In", "At", "By", "After", "Before", "Last", "Next", "Earlier",
    "Meanwhile", "Separately", "However", "Also", "Wall", "Street", "Company", "Monday", "Tuesday", "Wednesday",
    "Thursday", "Friday", "Saturday", "Sunday", "Today", "Yesterday", "US", "U.S.", "New", "York", "NEW", "YORK",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "He", "She", "They", "We", "I", "According", "Update", "UPDATE", "Breaking", "BREAKING",
}
_NAME_BEFORE_SUBJECT = re.compile(
    r"(?:^|(?<=\s)|(?<=[(\"\u201c]))(?:[Ss]hares of\s+|[Ss]tock of\s+)?"
    r"(?P<name>[A-Z][\w&.'\u2019-]*(?:\s+(?:[A-Z][\w&.'\u2019-]*|&|de|of))*)"
    r"(?:['\u2019]s)?\s+(?:shares|stock|equity|ADRs?|share price|stock price|\(|rose|fell|gained|lost|jumped|slid|"
    r"dropped|climbed|closed|ended|traded|trades|is|was|said|will|has|had|cut|raised|reported|posted|plans|agreed)\b"
)
_NAME_AFTER_SHARES_OF = re.compile(r"\b[Ss]hares of\s+(?P<name>[A-Z][\w&.'\u2019-]*(?:\s+(?:[A-Z][\w&.'\u2019-]*|&))*)")


def unlisted_name(text: str) -> Optional[str]:
    """A company the words name that the bundled table does not know ('Siemens Energy shares rose'),
    so a reason can say which name lacks a ticker instead of claiming that none was named."""
    for pattern in (_NAME_AFTER_SHARES_OF, _NAME_BEFORE_SUBJECT):
        for m in pattern.finditer(text):
            words = m.group("name").split()
            while words and words[0] in _NOT_NAMES:
                words.pop(0)
            while words and words[-1] in {"&", "de", "of"}:
                words.pop()
            if words and not all(w in _NOT_NAMES for w in words):
                return " ".join(words)
    return None
