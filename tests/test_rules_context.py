"""The discourse state of the rule engine (``verifier.extract.rules.context``): the one resolver of "that day",
"the same day", "that session" that the engine's leading date, the price readers and the analyst reader share."""

from __future__ import annotations

import datetime as dt
from typing import Optional

import pytest

from verifier.dates import find_dates
from verifier.extract.rules.context import ThatDay, _Context, that_day
from verifier.text import split_sentences
from tests.rules_helpers import rule_claims

REF = dt.date(2026, 1, 30)  # a Friday
PUBLISHED = "2026-01-30T18:00:00-05:00"


def resolve(text: str, *, state: bool = True, **kw) -> Optional[ThatDay]:
    """``that_day`` in the last sentence of ``text``, with the discourse state the engine leaves behind (the last day
    the sentence before named) when ``state``, else with none (the look-back alone)."""
    sents = split_sentences(text)
    ctx = _Context(text, REF, [], None)
    if state and len(sents) > 1:
        prev = sents[-2]
        days = [d for d in find_dates(text, REF, prev.start, prev.end, tense="past") if d.kind == "day" and d.date]
        ctx.last_day = days[-1] if days else None
    return that_day(ctx, sents[-1], **kw)


@pytest.mark.parametrize("sentence", [
    "The stock closed at $77.40 that day.",
    "It closed at $77.40 the same day.",
    "During that session, the stock traded as low as $75.10.",
    "The shares rose 3% on the same session.",
    "Needham cut it to Hold on that same day.",
    "It hit $79 in that trading session.",
    "Volume doubled for the same trading day.",
])
def test_each_wording_of_that_day_is_the_day_the_sentence_before_named(sentence):
    for state in (True, False):  # the discourse state and the look-back agree
        found = resolve("On Jan. 22 Nike named a new chief executive. " + sentence, state=state)
        assert found is not None and found.day.date == dt.date(2026, 1, 22) and not found.inside
        text = "On Jan. 22 Nike named a new chief executive. " + sentence
        assert "day" in text[found.phrase.start : found.phrase.end] or "session" in text[found.phrase.start : found.phrase.end]
        assert found.mention(text).date == dt.date(2026, 1, 22)


def test_a_day_named_earlier_in_the_sentence_comes_first():
    text = "On Jan. 20 Nike set its date. Jefferies upgraded it on Jan. 22, while Needham cut it the same day."
    found = resolve(text)
    assert (found.day.date, found.inside) == (dt.date(2026, 1, 22), True)
    # before a given position only: the figure's own day is not its antecedent
    cut = text.index("Needham")
    assert resolve(text, before=text.index("on Jan. 22")).day.date == dt.date(2026, 1, 20)
    assert resolve(text, start=cut).phrase.start > cut


@pytest.mark.parametrize("sentence", [
    "The stock fell 2% the day after.",
    "The stock fell 2% over the next day or two.",
    "The stock fell 2% by the next day's close.",
    "The stock fell 2% on the day.",
    "The stock fell 2% that week.",
])
def test_another_day_or_no_day_is_no_that_day(sentence):
    assert resolve("On Jan. 22 Nike named a new chief executive. " + sentence) is None


@pytest.mark.parametrize("sentence, day", [
    ("The stock fell 2% the next day.", dt.date(2026, 1, 23)),  # Jan. 22 is a Thursday
    ("The stock fell 2% on the following session.", dt.date(2026, 1, 23)),
    ("In the next trading session the shares closed at $74.10.", dt.date(2026, 1, 23)),
])
def test_the_next_day_is_the_session_after_the_day_named_before(sentence, day):
    found = resolve("On Jan. 22 Nike named a new chief executive. " + sentence)
    assert found is not None and found.day.date == day and not found.inside
    assert found.mention("x" * 400).date == day


def test_the_next_day_after_a_friday_is_only_resolved_when_a_session_is_meant():
    # "the next day" after Friday is Saturday in words: which session the writer meant is not told
    assert resolve("On Jan. 23 Nike named a new chief executive. The stock fell 2% the next day.") is None
    assert resolve("On Jan. 23 Nike named a new chief executive. The stock fell 2% the following session.").day.date == dt.date(2026, 1, 26)


def test_the_next_day_with_no_day_named_before_resolves_nothing():
    assert resolve("Nike named a new chief executive. The stock fell 2% the next day.") is None
    assert resolve("The stock fell 2% the next day.") is None


def test_the_next_day_reaches_every_caller_and_stays_unverifiable_without_a_day():
    prior = "On Jan. 22 Nike named a new chief executive. "
    assert only(prior + "The next day the stock fell 4.2% to $74.10.", "stock_price").fields.date == dt.date(2026, 1, 23)
    assert only(prior + "The next day the stock fell 4.2% to $74.10.", "price_change").fields.date == dt.date(2026, 1, 23)
    found = [c for c in rule_claims(prior + "Needham cut it to Hold the following session.", PUBLISHED) if c.kind == "analyst_rating"]
    assert [c.fields.date for c in found] == [dt.date(2026, 1, 23)]
    # no day named before: the phrase stays the figure's time_reference (unverifiable), never the last session
    move = only("Nike named a new chief executive. The next day the stock fell 4.2%.", "price_change")
    assert move.fields.date is None and move.fields.time_reference == "The next day"


def test_no_day_before_resolves_nothing():
    assert resolve("Nike named a new chief executive. The stock closed at $77.40 that day.") is None
    assert resolve("The stock closed at $77.40 that day.") is None


def test_a_day_too_far_back_or_behind_a_paragraph_break_resolves_nothing():
    filler = "Analysts had long asked for a change at the top of the company and investors welcomed the news. " * 4
    far = "On Jan. 22 Nike named a new chief executive. " + filler + "The stock closed at $77.40 that day."
    assert resolve(far) is None and resolve(far, state=False) is None
    assert resolve(far, reach=1000, state=False).day.date == dt.date(2026, 1, 22)  # a caller may reach farther
    text = "On Jan. 22 Nike named a new chief executive.\n\nThe stock closed at $77.40 that day."
    assert resolve(text) is None and resolve(text, state=False) is None


def test_the_discourse_state_feeds_it_when_the_look_back_would_not_reach():
    # a stale state (a day outside the reach) is not taken; the state inside the reach is
    text = "On Jan. 22 Nike named a new chief executive. The stock closed at $77.40 that day."
    sents = split_sentences(text)
    ctx = _Context(text, REF, [], None)
    ctx.last_day = find_dates(text, REF, sents[0].start, sents[0].end, tense="past")[0]
    assert that_day(ctx, sents[1]).day is ctx.last_day
    assert that_day(ctx, sents[1], reach=10) is None


def only(text: str, kind: str):
    found = [c for c in rule_claims(text, PUBLISHED) if c.kind == kind]
    assert len(found) == 1, found
    return found[0]


def test_every_caller_reads_that_day_through_the_one_resolver():
    prior = "On Jan. 22 Nike named a new chief executive. "
    # the price readers
    assert only(prior + "The stock closed at $77.40 that session.", "stock_price").fields.date == dt.date(2026, 1, 22)
    assert only(prior + "The shares rose 3.1% the same day.", "price_change").fields.date == dt.date(2026, 1, 22)
    # the engine's leading date
    assert only(prior + "During that session, the stock traded as low as $75.10.", "stock_price").fields.date == dt.date(2026, 1, 22)
    # the analyst reader
    found = [c for c in rule_claims(prior + "Needham cut it to Hold with a $70 target that same day.", PUBLISHED) if c.kind == "analyst_rating"]
    assert [c.fields.date for c in found] == [dt.date(2026, 1, 22)]
    # nothing before: no day is made up
    assert only("The stock closed at $77.40 that day.", "stock_price").fields.date is None


def test_a_sentence_naming_no_company_in_another_companys_paragraph_has_no_company():
    # the article is mostly about Microsoft; the second line's paragraph is about Nvidia: "Tuesday's 3.1% gain" is
    # Nvidia's by its paragraph and Microsoft's by the article, so it is neither (unverifiable), never a wrong one
    text = ("Microsoft and the cloud. Microsoft rose 1.2% on Monday. Microsoft reports next week.\n\n"
            "Nvidia: the chip maker said nothing new about supply. Tuesday's 3.1% gain came with the sector.\n")
    moves = {c.quote: c for c in rule_claims(text, "2026-01-30T18:00:00-05:00") if c.kind == "price_change"}
    gain = next(c for q, c in moves.items() if "3.1%" in q)
    assert gain.ticker is None and gain.company is None
    first = next(c for q, c in moves.items() if "1.2%" in q)
    assert first.ticker == "MSFT"
    # the same sentence in a paragraph of its own is the article's main company's
    alone = ("Microsoft and the cloud. Microsoft rose 1.2% on Monday. Microsoft reports next week.\n\n"
             "Nvidia said nothing new about supply.\n\nTuesday's 3.1% gain came with the sector.\n")
    gain = next(c for c in rule_claims(alone, "2026-01-30T18:00:00-05:00") if c.kind == "price_change" and "3.1%" in c.quote)
    assert gain.ticker == "MSFT"


def test_an_anaphor_takes_the_last_sentences_subject_over_an_earlier_headings_company():
    text = ("Nvidia Announces Quarterly Dividend\n\nNvidia said its board approved the payout.\n\n"
            "Microsoft shares fell 2% to $400.10 on Tuesday. They had opened at $410.50 before fading.\n")
    opened = next(c for c in rule_claims(text, "2026-01-27T18:00:00-05:00") if c.kind == "stock_price" and "410.50" in c.quote)
    assert opened.ticker == "MSFT"


@pytest.mark.parametrize("sentence, ticker", [
    ("For context on the week: Thursday it dropped 7.8% in the Nvidia rout.", "MSFT"),
    ("Revenue of $81.3 billion looks strong until you read the note: most of it is the Nvidia contract.", "MSFT"),
    ("Thursday Nvidia dropped 7.8% in the rout.", "NVDA"),  # the company named before the figure is its subject
])
def test_a_company_named_only_after_the_figure_in_an_aside_is_not_whose_figure_it_is(sentence, ticker):
    text = f"Microsoft under pressure\n\nMicrosoft had a rough week, and the stock is lower.\n{sentence}\n"
    claims = [c for c in rule_claims(text, "2026-01-30T18:00:00-05:00") if c.kind in ("price_change", "financial_metric")
              and c.quote in sentence]
    assert claims and all(c.ticker == ticker for c in claims)


@pytest.mark.parametrize("sentence, ticker", [
    # a company named in a phrase of circumstance of an earlier clause is not the subject of the clause with its own "it"
    ("Over two wild days: Monday it slid 4.1% amid the Nvidia sell-off, then Tuesday it closed at $402.75.", "MSFT"),
    ("Monday it slid 4.1% after the Nvidia warning, and on Tuesday the stock closed at $402.75.", "MSFT"),
    ("Monday Nvidia slid 4.1%, then Tuesday it closed at $402.75.", "NVDA"),  # the earlier clause's subject carries on
])
def test_a_company_in_an_earlier_clauses_aside_is_not_whose_price_a_later_clause_gives(sentence, ticker):
    text = f"Microsoft under pressure\n\nMicrosoft had a rough week, and the stock is lower.\n{sentence}\n"
    price = next(c for c in rule_claims(text, "2026-01-30T18:00:00-05:00") if c.kind == "stock_price" and "402.75" in c.quote)
    assert price.ticker == ticker


@pytest.mark.parametrize("sentence, ticker", [
    # a pronoun points back: a company named only after the figure is not what "it" / "the stock" stands for
    ("It gained 3.1% on Tuesday, as traders decided the Nvidia worry was overdone.", "MSFT"),
    ("The stock gained 3.1% on Tuesday as buyers shrugged off the Nvidia news.", "MSFT"),
])
def test_a_pronoun_subject_is_not_a_company_named_only_after_the_figure(sentence, ticker):
    text = f"Microsoft under pressure\n\nMicrosoft had a rough week.\n\nPrice action\n\nThe shares found a floor. {sentence}\n"
    move = next(c for c in rule_claims(text, "2026-01-30T18:00:00-05:00") if c.kind == "price_change" and "3.1%" in c.quote)
    assert move.ticker == ticker
