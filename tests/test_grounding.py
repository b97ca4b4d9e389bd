"""Grounding rules for extracted claims: quotes in the article, numbers readable in their quote."""

from __future__ import annotations

import pytest

from verifier.extract.grounding import (
    MAX_QUOTE_CHARS,
    claim_problems,
    name_in_article,
    number_readable,
    readable_numbers,
    repair_claim,
)
from verifier.schemas import ClaimDraft

ARTICLE = (
    "Amazon shares were in a slight decline to $241.73. Roth Capital raised its price target to $295 from $270. "
    "Market reports suggest Amazon is in talks to invest up to $50 billion in OpenAI. Shares slipped 0.7% on Friday."
)


@pytest.mark.parametrize(
    "value, quote",
    [(241.73, "a slight decline to $241.73"), (50_000_000_000, "up to $50 billion"), (16_000, "16k jobs"),
     (-0.7, "slipped 0.7%"), (30_000, "about 30,000 roles"), (2_500_000_000, "$2.5B"), (50_000_000_000, "$50bn"),
     (1_550_000, "about 1.55 million employees"), (2_000_000_000, "two billion dollars"), (12, "a dozen analysts"),
     (210.5, "€210.50"), (241.73, "241,73 EUR"), (1.36, "Q4 EPS $1.36 Beats $1.29 Estimate"), (4_200_000_000, "$4.2 bln"),
     (3.5, "down 3.5 percent")],
)  # fmt: skip
def test_numbers_readable_in_their_quote(value, quote):
    assert number_readable(value, quote)


@pytest.mark.parametrize(
    "value, quote",
    [(50, "up to $50 billion"), (300, "to $295 from $270"), (16, "16k jobs"), (241.7, "$241.73"), (2026.5, "February 5, 2026"),
     (1, "Q4 results")],
)  # fmt: skip
def test_numbers_not_readable(value, quote):
    assert not number_readable(value, quote)


def test_readable_numbers_ignore_letters_glued_to_digits():
    assert readable_numbers("Q4 and H1 and the A320") == []
    assert readable_numbers("a $3M grant") == [3_000_000]


def claim(quote: str, **fields) -> ClaimDraft:
    return ClaimDraft.model_validate({"quote": quote, "fields": fields})


def test_grounded_claim_has_no_problems():
    fatal, repairable = claim_problems(
        claim("Roth Capital raised its price target to $295 from $270", kind="analyst_rating", firm="Roth Capital",
              price_target=295, previous_price_target=270),
        ARTICLE,
    )  # fmt: skip
    assert fatal == [] and repairable == []


def test_quote_not_in_article_is_fatal():
    fatal, _ = claim_problems(claim("Amazon shares tumbled to $241.73", kind="stock_price", price=241.73), ARTICLE)
    assert len(fatal) == 1 and "does not occur in the article" in fatal[0]


def test_quote_found_despite_whitespace_and_quote_marks():
    fatal, _ = claim_problems(claim("Amazon  shares were in a slight\ndecline to $241.73", kind="stock_price", price=241.73), ARTICLE)
    assert fatal == []


def test_overlong_quote_is_fatal():
    long_quote = ARTICLE * 3
    fatal, _ = claim_problems(claim(long_quote[: MAX_QUOTE_CHARS + 1], kind="stock_price", price=241.73), ARTICLE * 3)
    assert fatal and "characters long" in fatal[0]


def test_every_unreadable_number_is_named():
    fatal, _ = claim_problems(
        claim("Roth Capital raised its price target to $295 from $270", kind="analyst_rating", firm="Roth Capital",
              price_target=300, previous_price_target=250),
        ARTICLE,
    )  # fmt: skip
    assert len(fatal) == 2 and "price_target = 300" in fatal[0] and "295, 270" in fatal[0]


def test_firm_must_be_named_in_the_article_but_aliases_count():
    ok = claim("Roth Capital raised its price target to $295 from $270", kind="analyst_rating", firm="Roth MKM", price_target=295)
    assert claim_problems(ok, ARTICLE)[0] == []
    bad = claim("Roth Capital raised its price target to $295 from $270", kind="analyst_rating", firm="Goldman Sachs", price_target=295)
    assert "not named in the article" in claim_problems(bad, ARTICLE)[0][0]


def test_unnamed_source_and_counterparty_are_repairable():
    draft = ClaimDraft.model_validate(
        {"quote": "invest up to $50 billion in OpenAI", "attributed_to": "Reuters",
         "fields": {"kind": "deal", "amount": 50_000_000_000, "counterparty": "Microsoft", "up_to": True}}
    )  # fmt: skip
    fatal, repairable = claim_problems(draft, ARTICLE)
    assert fatal == [] and len(repairable) == 2
    fixed = repair_claim(draft, ARTICLE)
    assert fixed.attributed_to is None and fixed.fields.counterparty is None and fixed.fields.amount == 50_000_000_000


def test_name_in_article_is_case_and_space_insensitive():
    assert name_in_article("openai", ARTICLE) and name_in_article("Roth  Capital", ARTICLE)
    assert not name_in_article("Bloomberg", ARTICLE)


def test_firm_named_by_its_distinctive_word():
    article = "- Seaport initiates at Sell, PT $140\n- Melius PT $230, Buy"
    assert name_in_article("Seaport Research", article, firm=True)
    assert name_in_article("Melius Research", article, firm=True)
    assert not name_in_article("Research Capital", article, firm=True)  # generic words name no one


def test_a_written_firm_name_must_be_the_articles_own():
    ok = ClaimDraft.model_validate(
        {"quote": "Roth Capital raised its price target to $295 from $270",
         "fields": {"kind": "analyst_rating", "firm": "Roth Capital Partners", "firm_as_written": "Roth Capital", "price_target": 295}}
    )  # fmt: skip
    assert claim_problems(ok, ARTICLE) == ([], [])
    invented = ok.model_copy(update={"fields": ok.fields.model_copy(update={"firm_as_written": "Roth Capital Securities"})})
    fatal, repairable = claim_problems(invented, ARTICLE)
    assert fatal == [] and "firm_as_written" in repairable[0]
    fixed = repair_claim(invented, ARTICLE)
    assert fixed.fields.firm_as_written is None and fixed.fields.firm == "Roth Capital Partners"
