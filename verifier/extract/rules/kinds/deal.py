"""Deals: acquisitions, investments, financings, buybacks and contracts, with status and counterparty."""

from __future__ import annotations

import datetime as dt

from verifier import recache as re
from typing import Any, Optional

from ....dates import DateMention
from ....text import Span
from ....tickers import known_names
from ...numbers import Money
from ...structure import is_title_case
from ..context import Sentence, _Candidate, _Context, _in_focus
from ..cues import _apply_period, _dates, _enclosing, _nearest, _tense
from ..spelled import find_adjective_money, find_word_numbers
from . import reads

_DEAL_TYPES: list[tuple[str, re.Pattern[str]]] = [
    ("buyback", re.compile(r"\b(?:buy-?backs?|buy(?:s|ing)? back|bought back|repurchas\w*)\b", re.I)),
    ("financing", re.compile(
        r"\b(?:offering|notes|bonds?|loans?|credit facility|credit line|(?<!including )(?<!net of )(?<!plus )(?<!assumed )(?<!net )debt|financing|convertible|"
        r"raise[sd]?\s+(?:more than\s+|about\s+|roughly\s+)?[$€£][^.;]{0,30}?\b(?:in|through|via)\s+(?:a\s+)?(?:bond|debt|notes|offering|funding))\b", re.I)),
    ("acquisition", re.compile(
        r"\b(?i:acquir\w*|acquisitions?|takeovers?|take(?:s|n)? over|took over|taking over|merger|merges?|merging|buyer|"
        r"buyout|bid for|offer for|deal for|deal to buy|purchase price|snap(?:s|ped)? up|(?:takeover|buyout|cash|all-cash|"
        r"all-stock|rival|sweetened|revised|hostile|higher|unsolicited) (?:offer|bid)|(?:its|the|an|a) (?:offer|bid) (?:of|at|to|worth|valued)|"
        r"offer(?:ed|s)?(?= (?:to pay )?[$€£][^.;]{0,40}?\b(?:a share|per share|for (?:the company|[A-Z])))|(?:agreed to|agrees to|plans to|to|will|would) sell|sells? (?:its|the|a|an)|"
        r"sold (?:its|the|a|an)|sale of (?:its|the|a|an)|divest\w*)\b|"
        r"\b(?i:buy|buys|buying|bought|purchase[sd]?|purchasing|to buy)\s+(?:(?<=purchase )of\s+)?(?:(?i:a|an|the|its)\s+)?"
        r"(?:[a-z-]+\s+){0,3}?(?:[A-Z]\w|[A-Z]\.[A-Z]|[a-z][A-Z]\w|(?i:stake|company|firm|maker|startup|business|unit|division|rival|operator|developer|provider))|"
        # "which it had agreed to buy for $253 million": the object is the relative pronoun, the party named before it
        r"\b(?i:buy|acquire|purchase)\s+for(?=\s+(?:about\s+|roughly\s+|around\s+|nearly\s+|some\s+|approximately\s+)?[$€£]\d)"
    )),
    # "spent $5.8 billion up front on Stemcentrx, a bet on ...": money spent on a named company is its purchase
    ("acquisition", re.compile(
        r"\bsp(?:ent|ends|end|ending)(?=\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|more than\s+|almost\s+)?[$€£][\d.,]+\s*(?:billion|million|bn|m)?"
        r"\s+(?:up ?front\s+|in cash\s+|in stock\s+)?on\s+[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*)?\s*[,.;])")),
    # "Amazon paid $13.7 billion for Whole Foods Market": money paid for a named company is its purchase
    ("acquisition", re.compile(
        r"\bpa(?:id|ys|y|ying)(?=\s+(?:about\s+|nearly\s+|some\s+|roughly\s+|more than\s+|almost\s+)?[$€£][\d.,]+\s*(?:billion|million|bn|m)?"
        r"\s+(?:in cash\s+|in stock\s+)?for\s+(?:[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3}|it|them)\s*(?:[,.;]|\s+(?:in|last|back|and|but)\b))")),
    ("investment", re.compile(
        r"\b(?:invest(?:s|ed|ing|ments?)?|stake|funding round|fundraising|backs|backed|backing|"
        r"(?:Series [A-H]\d?|seed|pre-seed|venture|growth|equity|funding) (?:round|funding|financing)|round of funding)\b", re.I)),
    ("contract", re.compile(
        r"\b(?:contracts?|deal with|agreement with|partnership|order from|awarded|supply deal|licens(?:e|es|ed|ing)\b(?! fees?)|"
        r"(?:supply|purchase|purchasing|offtake|cloud|computing|compute|services|licensing|distribution|collaboration) "
        r"(?:agreement|pact|accord|deal|contract))\b", re.I)),
]
_DEAL_EXCLUDE = re.compile(
    r"\b(?:fine[sd]?|fining|penalt\w*|settle\w*|lawsuit|damages|sued|market (?:cap\w*|value)|revenues?|sales|"
    r"profits?|net income|loss(?:es)?|spending|capex|capital expenditures?|capital spending|budget|salary|pay package|compensation|"
    # a deal's side amounts are not its value: read as one, the deal on record would contradict them
    r"synerg\w*|savings|charges?|write-?downs?|impairments?|(?:termination|break-?up|reverse termination|advisory|transaction) fees?|"
    # a credit rating's debt ("$37 billion of rated debt is affected") and a plan to pay debt down are no deal
    r"rated debt|debt (?:is |are )?affected|(?:debt|leverage) reduction|reduction of (?:its |the )?debt|(?:reduc|pay(?:s|ing)? down|paid down)\w* (?:its |the )?debt|"
    r"debt (?:repayment|paydown|pay-down)|(?:reduce|repay|pay down) (?:its |their )?debt by)\b",
    re.I,
)
_DEAL_STATUS: list[tuple[str, re.Pattern[str]]] = [
    ("rumored", re.compile(r"\b(?:rumou?r\w*|said to be|people familiar|sources said|likely buyer|speculat\w*)\b", re.I)),
    ("talks", re.compile(
        r"\b(?:in (?:advanced |early |exclusive |preliminary )?(?:talks|discussions|negotiations)|negotiat\w*|"
        r"considering|weighing|explor\w*|mull\w*|eyeing|eyes|approach\w*|courting)\b", re.I)),
    ("proposed", re.compile(r"\b(?:propos\w*|offered|offers to|bids?|unsolicited)\b", re.I)),
    ("agreed", re.compile(r"\b(?:agreed|agrees|signed|signs|definitive agreement|struck|strikes|reached an agreement|will acquire|to acquire|to buy)\b", re.I)),
    ("completed", re.compile(
        r"\b(?:completed|completes|closed|closes|finali[sz]ed|has acquired|acquired|bought|confirms acquisition|"
        r"paid(?=\s+(?:[^.;]|\.\d){0,40}?\bfor\s+[A-Z])|"
        # "raised $2 billion" is a financing done; "raised the quarterly dividend" says nothing of the deal
        r"rais(?:ed|es)(?=\s+(?:more than\s+|about\s+|roughly\s+|nearly\s+|some\s+|almost\s+|over\s+|an?\s+(?:additional|further|fresh|new)\s+)?[$€£\d])|"
        r"priced|prices|files final pricing)\b", re.I)),
]
# A deal named only by its noun: "the $38 billion agreement", "the $14.3 billion Scale AI deal", "a deal
# valued at $4.2 billion". Read only when the noun sits right at the amount: "deal" alone is too common a word.
_GENERIC_NOUN = r"(?:deal|agreement|transaction|pact|accord|tie-up|arrangement)s?"
_GENERIC_AFTER = re.compile(rf"\s*(?P<words>(?:[\w&'\u2019-]+\.?\s+){{0,3}}?)(?P<noun>{_GENERIC_NOUN})\b", re.I)
_GENERIC_BEFORE = re.compile(
    # "Orrin deal announced, about $21 billion": the noun's participle before the comma
    rf"\b(?P<noun>{_GENERIC_NOUN})(?:,?\s+(?:(?:that is|that's|which is|is|was)\s+)?(?:valued at|worth|totall?ing|amounting to|of)|"
    r"(?:\s+(?:announced|agreed|signed|struck|unveiled|confirmed|completed|closed))?,)\s+"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+|nearly\s+|more than\s+|up to\s+|as much as\s+|an estimated\s+)?$",
    re.I,
)
# "the OpenAI deal, thirty-eight billion dollars over seven years": the party named before the noun
# (or the party opens a line or a quoted cell: '"Orrin deal announced, about $21 billion"')
_PARTY_BEFORE_NOUN = re.compile(rf"(?:\b(?:[Tt]he|[Aa]|[Ii]ts|[Tt]heir)\s+|(?:^|(?<=[\n\"\u201c|]))[ \t]*(?!(?:The|A|An|Its|Their|This|That|Our|Each|Every|Any)\s))(?P<cp>[A-Z][\w.&'\u2019-]*(?:\s+[A-Z][\w.&'\u2019-]*)?)\s+(?:{_GENERIC_NOUN}),?\s+\S*$")
_NOT_A_PARTY = {
    "all-cash", "all-stock", "cash", "stock", "cloud", "merger", "takeover", "multiyear", "multi-year", "landmark", "new",
    "blockbuster", "definitive", "big", "mega", "record", "us", "u.s.", "eu", "global", "strategic", "final", "initial",
}
# "a total equity value of about $4.2 billion and an enterprise value of $4.6 billion": one deal on two bases;
# the first is read, without a counterparty (the source may record the deal on the other basis, and a
# counterparty would make that a contradiction), the second not at all
_VALUE_BASIS = re.compile(
    r"\b(?:(?:total |aggregate |implied |fully diluted )?(?:equity|enterprise|transaction|deal) value|total (?:consideration|value)|"
    r"aggregate consideration|valu(?:ing|es) (?!the combined)(?:[A-Z][\w.&'-]*\s+){1,3}at)\s+(?:of\s+)?(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+|nearly\s+|more than\s+|an estimated\s+)?$",
    re.I,
)
_SALE = re.compile(r"\b(?:sell|sells|sold|sale|divest\w*)\b", re.I)
# "invested $200 million in Ardent at a $5 billion valuation": the valuation is not the amount invested
_VALUATION = re.compile(
    r"\b(?:valuation of|valu(?:ing|es|ed) (?:it|the (?:company|startup|start-up|firm|business)|[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*)?) at)\s+"
    r"(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+|nearly\s+|more than\s+)?$", re.I)
_FUNDING = re.compile(r"\b(?:invest\w*|stake|funding|fundraising|round|raise[sd]?|raising|backed|backing)\b", re.I)
_THEN = re.compile(r"\b(?:at the time|at that time|on the same day|the same day|that same day|on that day)\b", re.I)
# "raised the dividend to $0.82, payable on May 21 to shareholders of record as of May 11": a dividend's days, never a deal's
_DIVIDEND_DAY = re.compile(r"\b(?:payable|paid|of record|record date|ex-dividend|ex-div\.?|ex-date)\s+(?:on\s+|as of\s+|date\s+)?$", re.I)
_CLOSING_DATE = re.compile(r"\b(?:close|closing|complete|completion|finali[sz]e)\s+(?:on|by|in|before|around)?\s*$", re.I)
# a name opens with a capital, or with one lower-case letter before a capital ("iRobot", "eBay")
_NAME = r"(?:[A-Z]|[a-z](?=[A-Z]))[\w.&'\u2019/-]*(?:\s+(?:[A-Z][\w.&'\u2019/-]*|&))*"
_COUNTERPARTY: dict[str, re.Pattern[str]] = {
    "investment": re.compile(rf"\b(?:stake|invest\w*|backing|backs|funding)\b[^;]{{0,80}}?\b(?:in|into)\s+(?P<cp>{_NAME})"),
    "acquisition": re.compile(
        rf"\b(?:acquir\w*|buy(?:s|ing)?|bought|purchas\w*|takeover of|acquisition of|merge\w* with|buyer of|bid for|"
        rf"take(?:s|n)? over|took over|taking over|snap(?:s|ped)? up|buyout of|"
        rf"offer for|deal for|(?:a|per) share for)\s+(?:(?:a|an|the|rival|smaller|peer|startup|start-up)\s+)*(?:[a-z][\w/-]*\s+){{0,5}}(?P<cp>{_NAME})"),
    "contract": re.compile(rf"\b(?:with|from|by)\s+(?:the\s+)?(?P<cp>{_NAME})"),
}
# "a $48 billion contract under which OpenAI buys computing capacity from Amazon Web Services": the buyer under the
# contract is the other party; the seller after "from" is the company making the deal
_UNDER_WHICH = re.compile(
    rf"\bunder which\s+(?:the\s+)?(?P<cp>{_NAME})\s+(?:will\s+|would\s+)?(?:buys?|pays?|rents?|leases?|uses?|gets?|receives?|purchases?|licenses?)\b")
_SALE_PARTY = re.compile(rf"\b(?:sell|sells|sold|sale|divest\w*)\b[^;]{{0,80}}?\bto\s+(?:the\s+)?(?:(?:private[- ]equity|investment|buyout) (?:firm|group)\s+)?(?P<cp>{_NAME})")
_INVESTOR = re.compile(rf"\b(?:investment|funding|backing|stake|capital injection)\s+from\s+(?:the\s+)?(?P<cp>{_NAME})")
# "from AI coding start-up Windsurf and ...": a party after a few words describing it, read when the
# name ends the phrase (a preposition, a conjunction or punctuation follows)
_DESCRIBED_PARTY = re.compile(
    rf"\b(?:with|from)\s+(?:an?\s+|the\s+)?(?:[A-Za-z][\w-]*\s+){{1,4}}?(?P<cp>{_NAME})"
    r"(?=\s*[,.;:)]|\s*$|\s+(?:and|for|to|in|on|at|over|as|that|which|who|after|under|through|worth|valued)\b)"
)
_NAME_FOLLOWERS = {
    "for", "to", "at", "in", "on", "and", "or", "as", "with", "by", "from", "over", "after", "before", "which", "that",
    "the", "a", "an", "said", "says", "last", "this", "next", "earlier", "later", "while", "in", "of", "is", "was",
    "will", "would", "has", "had", "shares", "stock", "if", "amid", "following", "through", "via", "but",
}


def _deals(ctx: _Context, sent: Span, clauses: list[Span], money: list[Money]) -> list[_Candidate]:
    text = ctx.text
    out: list[_Candidate] = []
    sentence = text[sent.start : sent.end]
    value_read = False
    for m in money:
        if ctx.is_used(m.start, m.end) or (not m.scaled and m.value < 1e6):
            continue
        window = Span(max(sent.start, m.start - 90), min(sent.end, m.end + 60))
        if _DEAL_EXCLUDE.search(text, max(sent.start, m.start - 40), min(sent.end, m.end + 25)):
            continue
        if _PER_YEAR.match(text, m.end, sent.end) and _RECURRING_SPEND.search(text, max(sent.start, m.start - 40), m.start):
            continue  # "we invest more than $3 billion a year in research": a rate of spending, no deal
        if _CAPITAL_RETURN_BEFORE.search(text, max(sent.start, m.start - 60), m.start) or (
                _RETURNED.search(text, max(sent.start, m.start - 25), m.start) and _TO_HOLDERS.match(text, m.end, min(sent.end, m.end + 60))):
            continue  # "returned $25 billion to shareholders through buybacks and dividends": a capital return, not a deal
        best: Optional[tuple[int, str, re.Match[str]]] = None
        for deal_type, pattern in _DEAL_TYPES:
            for hit in pattern.finditer(text, window.start, window.end):
                distance = min(abs(hit.start() - m.end), abs(m.start - hit.end()))
                if best is None or distance < best[0]:
                    best = (distance, deal_type, hit)
        stretched = False
        if best is None and _PRICE_FOR.search(text, max(sent.start, m.start - 30), m.start):
            # "agreed to buy Trident, the privately held owner of two chains, for $2 billion": the price paid belongs
            # to the buy verb before the object's apposition, however long the apposition is
            bought = [h for h in _DEAL_TYPES[2][1].finditer(text, max(sent.start, m.start - 240), m.start)
                      if not re.search(r"[;:]", text[h.end() : m.start])]
            if bought:
                best = (m.start - bought[-1].end(), "acquisition", bought[-1])
                stretched = True  # read only with the party bought named (below)
        generic_party: Optional[Span] = None
        basis = _VALUE_BASIS.search(text, max(sent.start, m.start - 45), m.start)
        if basis is not None and (out or value_read):
            continue  # the same deal on another basis (enterprise vs equity value)
        if (_VALUATION.search(text, max(sent.start, m.start - 50), m.start) or re.match(r"\s*(?:pre-money |post-money )?valuation\b", text[m.end : m.end + 30], re.I)) \
                and _FUNDING.search(text, sent.start, sent.end):
            continue  # a funding round's valuation, not the money put in
        if best is None and basis is not None and (
                _DEAL_TYPES[2][1].search(text, sent.start, sent.end) or re.search(rf"\b{_GENERIC_NOUN}\b", text[sent.start : sent.end], re.I)):
            value_read = True
            trigger = Span(basis.start(), basis.end())
            deal_type = "acquisition" if _DEAL_TYPES[2][1].search(text, sent.start, sent.end) else "other"
        elif best is None:
            generic = _generic_noun(text, sent, m)
            if generic is None:
                continue
            trigger, generic_party = generic
            # the sentence may still say what kind of deal it is ("to supply chips under the $6 billion agreement")
            kinds = [name for name, pattern in _DEAL_TYPES if pattern.search(text, sent.start, sent.end)]
            deal_type = kinds[0] if len(kinds) == 1 else "other"
        else:
            _, deal_type, hit = best
            trigger = Span(hit.start(), hit.end())
        status = next((name for name, pattern in _DEAL_STATUS if pattern.search(sentence)), "announced")
        fields: dict[str, Any] = {
            "kind": "deal", "amount": m.value, "currency": m.currency, "deal_type": deal_type, "status": status,
            "up_to": bool(re.search(r"\b(?:up to|as much as|no more than)\s*$", text[max(sent.start, m.start - 15) : m.start], re.I)),
        }
        exclude: list[Span] = []
        cp_pattern = _COUNTERPARTY.get(deal_type) or (_COUNTERPARTY["contract"] if generic_party is None and deal_type == "other" else None)
        if deal_type == "acquisition" and _SALE.search(text, trigger.start, trigger.end):
            cp_pattern = _SALE_PARTY  # "agreed to sell its unit to Orrin Capital": the buyer is the other party
        if basis is not None:
            pass  # a value basis names no counterparty (see _VALUE_BASIS)
        elif generic_party is not None:
            fields["counterparty"] = text[generic_party.start : generic_party.end]
            exclude.append(generic_party)
        elif cp_pattern is not None:
            under = _UNDER_WHICH.search(text, m.end, min(sent.end, m.end + 80)) if deal_type == "contract" else None
            main = ctx.main
            if under is not None and not (main is not None and (
                    known_names().get(under["cp"]) == main.ticker or under["cp"].split()[0] in (main.text.split()[0], main.name.split()[0]))):
                fields["counterparty"] = under["cp"]
                exclude.append(Span(under.start("cp"), under.end("cp")))
            for cp in ([] if "counterparty" in fields else cp_pattern.finditer(text, sent.start, sent.end)):
                name = cp["cp"].rstrip(".,'")
                name = re.sub(r"\s+(?:For|At|In|With|From|To|And|Of|On|As|Amid|After|Following)\b.*$", "", name)
                follower = re.match(r"\s+([a-z][\w-]*)", text[cp.start("cp") + len(name) : cp.start("cp") + len(name) + 30])
                possessive = re.search(r"['\u2019]s$", name)
                if possessive and deal_type == "acquisition" and (re.search(r"\b(?:the\s+)?(?:majority|most|part|parts|some|all|control)\s+of\s+$", text[
                        max(sent.start, cp.start("cp") - 25) : cp.start("cp")], re.I) or re.match(
                        r"\s+(?:[a-z][\w-]*\s+){0,3}(?:business|unit|division|arm|operations|assets|portfolio|brand|segment)\b",
                        text[cp.start("cp") + len(name) : cp.start("cp") + len(name) + 60])):
                    name = name[: possessive.start()]  # "acquire the majority of Intel's modem business": the seller is the party
                    follower = None
                if follower and follower.group(1) not in _NAME_FOLLOWERS:
                    continue  # "in AI-enabled data centers": a capitalised adjective, not a company
                if name and not re.fullmatch(r"(?:The|A|An|It|Its|[A-Z])", name):
                    fields["counterparty"] = name
                    exclude.append(Span(cp.start("cp"), cp.start("cp") + len(name)))
                    break
            if "counterparty" not in fields and deal_type == "acquisition" and re.match(r"sp[ae]n|pa[iy]", text[trigger.start : trigger.end]):
                # "spent $5.8 billion on Stemcentrx", "paid $13.7 billion for Whole Foods Market"
                spent_on = re.match(rf"\s+(?:up ?front\s+|in cash\s+|in stock\s+)?(?:on|for)\s+(?P<cp>{_NAME})", text[m.end : min(sent.end, m.end + 80)])
                if spent_on is not None:
                    name = spent_on["cp"].rstrip(".,'")
                    fields["counterparty"] = name
                    exclude.append(Span(m.end + spent_on.start("cp"), m.end + spent_on.start("cp") + len(name)))
                elif re.match(r"\s+(?:in cash\s+|in stock\s+)?for\s+(?:it|them)\b", text[m.end : min(sent.end, m.end + 30)]):
                    # "Nobody mentions Orrin. They paid $2 billion for it": the pronoun is the one company the last sentence named
                    party = _previous_sentence_party(ctx, sent)
                    if party is None:
                        continue  # "They bought land. They paid $2 billion for it": no company to have bought
                    fields["counterparty"] = party
            if "counterparty" not in fields and deal_type == "investment":
                investor = _INVESTOR.search(text, max(sent.start, trigger.start - 5), min(sent.end, trigger.end + 60))
                if investor is not None:  # "received a $2 billion investment from Orrin Capital"
                    name = investor["cp"].rstrip(".,'")
                    fields["counterparty"] = name
                    exclude.append(Span(investor.start("cp"), investor.start("cp") + len(name)))
            if "counterparty" not in fields and deal_type == "contract":
                described = _DESCRIBED_PARTY.search(text, max(sent.start, trigger.start - 10), sent.end)
                if described is not None and not re.fullmatch(r"(?:The|A|An|It|Its|[A-Z])", described["cp"].rstrip(".,'")):
                    name = described["cp"].rstrip(".,'")
                    fields["counterparty"] = name
                    exclude.append(Span(described.start("cp"), described.start("cp") + len(name)))
        if stretched and "counterparty" not in fields:
            continue  # "bought new trucks and a lot of other kit, ..., for $200 million": no company bought
        dates = _dates(text, ctx.ref, sent.start, sent.end, tense=_tense(sentence))
        # "expected to close on March 31": the day the deal should close is not the day it was made
        days = [d for d in dates if d.kind == "day" and not _CLOSING_DATE.search(text, max(sent.start, d.start - 30), d.start)
                and not _DIVIDEND_DAY.search(text, max(sent.start, d.start - 30), d.start)]
        days = [d for d in days if not _weekday_in_apposition(text, d, days)]
        # the deal's own clause first: in "completed its $6.5 billion acquisition of MGM in March, ... and its split took
        # effect on June 6" the day is the split's; a month ("in March") dates the deal when its clause has no day
        own = _enclosing(clauses, m.start, m.end)
        mine = [d for d in dates if own.start <= d.start and d.end <= own.end]
        own_day = _nearest([d for d in days if d in mine], Span(m.start, m.end))
        own_month = _nearest([d for d in mine if d.kind == "month" and d.period_start], Span(m.start, m.end))
        when = own_day or own_month or _nearest(days, Span(m.start, m.end))
        if when is None:
            when = _noun_year(text, own, m)
        if when is None and _THEN.search(text, sent.start, sent.end):
            # "Amazon said in March it would split its stock. It also announced a $10 billion buyback at the time."
            # the time is the previous sentence's own (its first date), not a later event it names ("due to begin on June 6")
            prev_start = max(text.rfind(". ", 0, max(0, sent.start - 2)), text.rfind("\n", 0, max(0, sent.start - 1))) + 1
            before = [d for d in _dates(text, ctx.ref, prev_start, sent.start, tense="past") if d.kind in ("day", "month") and d.resolved]
            when = before[0] if before else None
        _apply_period(fields, when)
        ctx.use(m.start, m.end)
        anchor = Span(min(trigger.start, m.start), max(trigger.end, m.end))
        quote = _enclosing(clauses, anchor.start, anchor.end)
        if "counterparty" in fields and exclude and exclude[0].end <= sent.end:
            quote = Span(quote.start, max(quote.end, _enclosing(clauses, exclude[0].start, exclude[0].end).end))
        company = None
        if generic_party is not None or deal_type == "other":
            # "Under the new $38 billion agreement, OpenAI is accessing AWS compute of NVIDIA GPUs": the
            # companies after a bare deal noun are its parties or suppliers, not who made the deal
            if not any(c.end <= anchor.end for c in ctx.local if not any(c.start < x.end and x.start < c.end for x in exclude)):
                company = _in_focus(ctx, Span(sent.start, sent.end))
        out.append(_Candidate("deal", fields, anchor, quote, company=company, exclude_company=exclude))
    return out


# the price paid: "for $2 billion", "for about $2 billion in cash"
_PRICE_FOR = re.compile(r"\bfor\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|some\s+|approximately\s+|an estimated\s+|up to\s+)?$", re.I)
# capital handed back to shareholders (buybacks and dividends together) is no deal: read as a buyback, the
# quarter's repurchases on record would contradict the total
_RETURNED = re.compile(r"\breturn(?:s|ed|ing)?\s+(?:more than\s+|about\s+|nearly\s+|some\s+|over\s+|roughly\s+|almost\s+|a record\s+|approximately\s+)?$", re.I)
_TO_HOLDERS = re.compile(r"\s+(?:[\w-]+\s+){0,2}?to\s+(?:its\s+|our\s+|their\s+)?(?:shareholders|stockholders|shareowners|investors|holders)\b", re.I)
_CAPITAL_RETURN_BEFORE = re.compile(
    r"\b(?:(?:capital|cash|shareholder) returns?|returned to (?:shareholders|stockholders|investors))\s+(?:of\s+|totall?ing\s+|to\s+)?"
    r"(?:more than\s+|about\s+|nearly\s+|some\s+|over\s+|roughly\s+|almost\s+|approximately\s+)?$", re.I)
# an amount per year: a rate of spending ("invests $3 billion a year"), not the amount of one deal
_PER_YEAR = re.compile(r"\s+(?:a|per|each|every)\s+year\b|\s+annually\b|\s+yearly\b", re.I)
_RECURRING_SPEND = re.compile(r"\b(?:invest(?:s|ing)?|spend(?:s|ing)?|put(?:s|ting)?|pour(?:s|ing)?)\s+(?:\w+\s+){0,2}?$", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


# "the $10 billion buyback authorization from 2022", "its $2 billion deal of 2019": the year the deal noun is from
_NOUN_YEAR = re.compile(
    r"[^,;.]{0,60}?\b(?:authori[sz]ations?|programs?|programmes?|plans?|deals?|agreements?|acquisitions?|purchases?|buy-?backs?|"
    r"repurchases?|offerings?|investments?|contracts?|stakes?|takeovers?|mergers?)\s+(?:from|of)\s+(?P<y>(?:19|20)\d{2})\b"
    r"(?!\s*(?:[-\u2013\u2014/]|to\b|through\b|until\b|and\b|or\b|onwards?\b|on\b))", re.I)


def _noun_year(text: str, clause: Span, m: Money):
    """The year a deal noun after the amount is said to be from, as a year period; None when there is none."""
    hit = _NOUN_YEAR.match(text, m.end, clause.end)
    if hit is None:
        return None
    year = int(hit["y"])
    return DateMention(hit.start("y"), hit.end("y"), hit["y"], "year",
                       period_start=dt.date(year, 1, 1), period_end=dt.date(year, 12, 31))


def _previous_sentence_party(ctx: _Context, sent: Span) -> Optional[str]:
    """The one name the sentence before ``sent`` gives, other than its first word and the company the article is
    about: what a pronoun object ("paid $2 billion for it") refers to. None when it names none or several."""
    text = ctx.text
    prev_end = sent.start
    while prev_end > 0 and text[prev_end - 1].isspace():
        prev_end -= 1
    prev_start = max(text.rfind(". ", 0, max(0, prev_end - 1)) + 2, text.rfind("\n", 0, max(0, prev_end - 1)) + 1, 0)
    if text.rfind(". ", 0, max(0, prev_end - 1)) < 0:
        prev_start = max(text.rfind("\n", 0, max(0, prev_end - 1)) + 1, 0)
    # the buyer ("They") is the company in focus, the article's or the last sentence's subject: never the party bought
    own = {w.lower() for c in (ctx.main, ctx.previous_subject, _in_focus(ctx, sent)) if c is not None
           for w in c.text.split()[:1] + c.name.split()[:1]}
    names = []
    for m in re.finditer(rf"(?<![\w'])(?P<cp>{_NAME})", text[prev_start:prev_end]):
        name = m["cp"].rstrip(".,'")
        if not re.match(r"\W*$", text[prev_start : prev_start + m.start()]) and name.split()[0].lower() not in own and not re.fullmatch(
                r"(?:The|A|An|It|Its|I|We|They|He|She|[A-Z])", name):
            names.append(name)
    return names[0] if len(set(names)) == 1 else None


def _weekday_in_apposition(text: str, d, days: list) -> bool:
    """"on Nov. 3, the Monday the company announced ...": the weekday names the date before it (that date's own
    weekday), not the Monday of the publication week."""
    word = d.text.lower().removeprefix("the ").strip()
    if word not in _WEEKDAYS:
        return False
    return any(p.end <= d.start and p.date is not None and p.date.weekday() == _WEEKDAYS.index(word)
               and re.fullmatch(r",\s+(?:the|that|a)\s+", text[p.end : d.start], re.I) for p in days if p is not d)


def _generic_noun(text: str, sent: Span, m: Money) -> Optional[tuple[Span, Optional[Span]]]:
    """The deal noun right at the amount, as (trigger span, counterparty span or None): "$14.3 billion
    Scale AI deal" names its party between the amount and the noun; "deal valued at $4.2 billion"."""
    after = _GENERIC_AFTER.match(text, m.end, min(sent.end, m.end + 50))
    if after is not None:
        words = after["words"].split()
        party: Optional[Span] = None
        if words and all(w[0].isupper() or w[0].isdigit() for w in words):
            if (not any(w.lower().strip(".") in _NOT_A_PARTY for w in words)
                    and not any(w[0].isdigit() for w in words) and not is_title_case(text[sent.start : sent.end])):
                party = Span(after.start("words"), after.start("words") + len(after["words"].rstrip()))
        elif words and not all(re.fullmatch(r"[a-z][\w-]*", w) for w in words):
            return None  # "$2 billion in 2025, a deal ..." mixes figures and words: not the deal's own amount
        if words and any(w.lower() in ("in", "of", "for", "from", "on", "a", "an", "the", "per", "each", "by") for w in words):
            return None  # "$5 million in the deal", "$2 billion of the agreement": the amount is of something else
        return Span(after.start("noun"), after.end("noun")), party
    before = _GENERIC_BEFORE.search(text, max(sent.start, m.start - 60), m.start)
    if before is not None and re.match(r"(?:\s+[a-z]+)?,", text[before.end("noun") : before.end("noun") + 14]) and re.search(
            r"\b(?:after|since|before|following|despite|with|without|under|until|in|on|from|of|through|to)\s+(?:the|a|an|its|their|this|that)\s+"
            r"(?:[A-Z][\w.&'-]*\s+){0,2}$", text[max(sent.start, before.start("noun") - 40) : before.start("noun")], re.I):
        return None  # "After the Trident deal, $5 billion flowed into ...": the deal names the time, the amount is another's
    if before is not None:
        named = _PARTY_BEFORE_NOUN.search(text, max(sent.start, before.start() - 40), before.end("noun") + 2)
        party = None
        if named is not None and named["cp"].lower().strip(".") not in _NOT_A_PARTY and not is_title_case(text[sent.start : sent.end]):
            party = Span(named.start("cp"), named.end("cp"))
        return Span(before.start("noun"), before.end("noun")), party
    return None


def _word_money(text: str, sent: Span, money: list[Money]) -> list[Money]:
    """'thirty-eight billion dollars' (a transcript): spelled-out amounts with their currency word, and
    'a 14.3 billion dollar investment'."""
    out = [m for m in find_adjective_money(text, sent.start, sent.end) if not any(x.start < m.end and m.start < x.end for x in money)]
    for c in find_word_numbers(text, sent.start, sent.end):
        cur = re.match(r"\s+(?:(?P<usd>(?:US\s+|U\.S\.\s+)?dollars)|(?P<eur>euros)|(?P<gbp>pounds))\b", text[c.end : c.end + 14], re.I)
        if cur is None or any(m.start < c.end and c.start < m.end for m in money):
            continue
        currency = "USD" if cur["usd"] else "EUR" if cur["eur"] else "GBP"
        out.append(Money(c.value, currency, c.start, c.end + cur.end(), True))
    return out


@reads("deal")
def read(ctx: _Context, s: Sentence) -> list[_Candidate]:
    words = _word_money(ctx.text, s.span, s.money)
    return _deals(ctx, s.span, s.clauses, sorted(s.money + words, key=lambda m: m.start) if words else s.money)
