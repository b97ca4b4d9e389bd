"""Deals: acquisitions, investments, financings, buybacks and contracts, with status and counterparty."""

from __future__ import annotations

import re
from typing import Any, Optional

from ....text import Span
from ...numbers import Money
from ..context import Sentence, _Candidate, _Context
from ..cues import _apply_period, _dates, _enclosing, _nearest, _tense
from . import reads

_DEAL_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("buyback", re.compile(r"\b(?:buy-?backs?|buy back|repurchas\w*)\b", re.I)),
    ("financing", re.compile(
        r"\b(?:offering|notes|bonds?|loans?|credit facility|credit line|debt|financing|convertible|"
        r"raise[sd]?\s+(?:more than\s+|about\s+|roughly\s+)?[$€£][^.;]{0,30}?\b(?:in|through|via)\s+(?:a\s+)?(?:bond|debt|notes|offering|funding))\b", re.I)),
    ("acquisition", re.compile(
        r"\b(?i:acquir\w*|acquisitions?|takeover|take over|merger|merges?|merging|buyer|bid for|offer for|deal for|"
        r"deal to buy)\b|\b(?i:buy|buys|bought|purchase[sd]?|purchasing|to buy)\s+(?:(?i:a|an|the|its)\s+)?"
        r"(?:[a-z-]+\s+){0,3}?(?:[A-Z]\w|(?i:stake|company|firm|maker|startup|business|unit|division|rival|operator|developer|provider))"
    )),
    ("investment", re.compile(r"\b(?:invest(?:s|ed|ing|ments?)?|stake|funding round|fundraising|backs|backed|backing)\b", re.I)),
    ("contract", re.compile(r"\b(?:contracts?|deal with|agreement with|partnership|order from|awarded|supply deal)\b", re.I)),
]
_DEAL_EXCLUDE = re.compile(
    r"\b(?:fine[sd]?|fining|penalt\w*|settle\w*|lawsuit|damages|sued|market (?:cap\w*|value)|revenues?|sales|"
    r"profits?|net income|loss(?:es)?|spending|capex|capital expenditure|budget|salary|pay package|compensation)\b",
    re.I,
)
_DEAL_STATUS: list[tuple[str, re.Pattern[str]]] = [
    ("rumored", re.compile(r"\b(?:rumou?r\w*|said to be|people familiar|sources said|likely buyer|speculat\w*)\b", re.I)),
    ("talks", re.compile(
        r"\b(?:in (?:advanced |early |exclusive |preliminary )?(?:talks|discussions|negotiations)|negotiat\w*|"
        r"considering|weighing|explor\w*|mull\w*|eyeing|eyes|approach\w*|courting)\b", re.I)),
    ("proposed", re.compile(r"\b(?:propos\w*|offered to|offers to|bids?|unsolicited)\b", re.I)),
    ("agreed", re.compile(r"\b(?:agreed|agrees|signed|signs|definitive agreement|struck|strikes|reached an agreement|will acquire|to acquire|to buy)\b", re.I)),
    ("completed", re.compile(
        r"\b(?:completed|completes|closed|closes|finali[sz]ed|has acquired|acquired|bought|confirms acquisition|"
        r"raised|raises|priced|prices|files final pricing)\b", re.I)),
]
_NAME = r"[A-Z][\w.&'\u2019/-]*(?:\s+(?:[A-Z][\w.&'\u2019/-]*|&))*"
_COUNTERPARTY: dict[str, re.Pattern[str]] = {
    "investment": re.compile(rf"\b(?:stake|invest\w*|backing|backs|funding)\b[^;]{{0,80}}?\b(?:in|into)\s+(?P<cp>{_NAME})"),
    "acquisition": re.compile(
        rf"\b(?:acquir\w*|buy(?:s|ing)?|bought|purchas\w*|takeover of|acquisition of|merge\w* with|buyer of|bid for|"
        rf"offer for|deal for)\s+(?:(?:a|an|the|rival|smaller|peer|startup|start-up)\s+)*(?:[a-z][\w/-]*\s+){{0,5}}(?P<cp>{_NAME})"),
    "contract": re.compile(rf"\b(?:with|from|by)\s+(?:the\s+)?(?P<cp>{_NAME})"),
}
_NAME_FOLLOWERS = {
    "for", "to", "at", "in", "on", "and", "or", "as", "with", "by", "from", "over", "after", "before", "which", "that",
    "the", "a", "an", "said", "says", "last", "this", "next", "earlier", "later", "while", "in", "of", "is", "was",
    "will", "would", "has", "had", "shares", "stock", "if", "amid", "following", "through", "via", "but",
}


def _deals(ctx: _Context, sent: Span, clauses: list[Span], money: list[Money]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    sentence = text[sent.start : sent.end]
    for m in money:
        if ctx.is_used(m.start, m.end) or (not m.scaled and m.value < 1e6):
            continue
        window = Span(max(sent.start, m.start - 90), min(sent.end, m.end + 60))
        if _DEAL_EXCLUDE.search(text, max(sent.start, m.start - 40), min(sent.end, m.end + 25)):
            continue
        best: Optional[tuple[int, str, re.Match[str]]] = None
        for deal_type, pattern in _DEAL_TYPES:
            for hit in pattern.finditer(text, window.start, window.end):
                distance = min(abs(hit.start() - m.end), abs(m.start - hit.end()))
                if best is None or distance < best[0]:
                    best = (distance, deal_type, hit)
        if best is None:
            continue
        _, deal_type, trigger = best
        status = next((name for name, pattern in _DEAL_STATUS if pattern.search(sentence)), "announced")
        fields: dict[str, Any] = {
            "kind": "deal", "amount": m.value, "currency": m.currency, "deal_type": deal_type, "status": status,
            "up_to": bool(re.search(r"\b(?:up to|as much as|no more than)\s*$", text[max(sent.start, m.start - 15) : m.start], re.I)),
        }
        exclude: list[Span] = []
        cp_pattern = _COUNTERPARTY.get(deal_type)
        if cp_pattern is not None:
            for cp in cp_pattern.finditer(text, sent.start, sent.end):
                name = cp["cp"].rstrip(".,'")
                name = re.sub(r"\s+(?:For|At|In|With|From|To|And|Of|On|As|Amid|After|Following)\b.*$", "", name)
                follower = re.match(r"\s+([a-z][\w-]*)", text[cp.start("cp") + len(name) : cp.start("cp") + len(name) + 30])
                if follower and follower.group(1) not in _NAME_FOLLOWERS:
                    continue  # "in AI-enabled data centers": a capitalised adjective, not a company
                if name and not re.fullmatch(r"(?:The|A|An|It|Its|[A-Z])", name):
                    fields["counterparty"] = name
                    exclude.append(Span(cp.start("cp"), cp.start("cp") + len(name)))
                    break
        dates = _dates(text, ctx.ref, sent.start, sent.end, tense=_tense(sentence))
        _apply_period(fields, _nearest([d for d in dates if d.kind == "day"], Span(m.start, m.end)))
        ctx.use(m.start, m.end)
        anchor = Span(min(trigger.start(), m.start), max(trigger.end(), m.end))
        quote = _enclosing(clauses, anchor.start, anchor.end)
        if "counterparty" in fields and exclude and exclude[0].end <= sent.end:
            quote = Span(quote.start, max(quote.end, _enclosing(clauses, exclude[0].start, exclude[0].end).end))
        out.append(_Candidate("deal", fields, anchor, quote, exclude_company=exclude))
    return out


@reads("deal")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    return _deals(ctx, s.span, s.clauses, s.money)
