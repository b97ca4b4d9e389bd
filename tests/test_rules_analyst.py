"""The rule engine's analyst actions: the note's own house, wordings without a target word, firms the
alias table lacks, lists, rating boxes, translated copy; each rule with a negative example."""

from __future__ import annotations

import datetime as dt

import pytest

from verifier.extract.numbers import find_money
from verifier.schemas import Claim
from tests.rules_helpers import rule_claims

PUBLISHED = "2026-01-30T17:25:04+01:00"


def ratings(text: str) -> list[Claim]:
    return [c for c in rule_claims(text, PUBLISHED) if c.kind == "analyst_rating"]


def targets(text: str) -> list[tuple]:
    return [(c.fields.firm, c.fields.price_target, c.fields.previous_price_target) for c in ratings(text)]


def test_mostly_capitals_counts_ascii_and_other_letters_alike():
    """The analyst reader's fast capitals test (issue 13) answers as counting letter by letter does."""
    from verifier.extract.rules.kinds.analyst_rating import _mostly_capitals, _unshouted

    def slow(piece: str) -> bool:
        letters = [ch for ch in piece if ch.isalpha()]
        return sum(ch.isupper() for ch in letters) >= 0.9 * len(letters)

    pieces = [
        "*ZORBLY CUT TO NEUTRAL AT QUILLFEATHER; PT $40",
        "Zorbly Corp. was cut to neutral at Quillfeather, with a $40 target.",
        "ZORBLY CUT TO NEUTRAL at Quillfeather",
        "ÉCLAIR SA RELEVÉ À ACHETER CHEZ QUILLFEATHER",
        "Éclair SA relevé à acheter chez Quillfeather",
        "12.5% / $40 -- 3",
        "",
        "ABCDEFGHIj",  # 9 of 10: exactly the boundary
        "ABCDEFGHij",
    ]
    for piece in pieces:
        assert _mostly_capitals(piece) == slow(piece), piece
    assert _unshouted(pieces[0]) == "*Zorbly cut to Neutral at Quillfeather; PT $40"
    assert _unshouted(pieces[1]) is None


def test_first_person_actions_belong_to_the_house_in_the_masthead():
    note = "Kestrel Partners | Equity Research | January 29, 2026\nHalden Inc. - Buy\n\nWe keep our Buy rating and lift our PT to $64 from $58."
    assert targets(note) == [("Kestrel Partners", 64, 58)]
    known = "Needham & Company | Technology\n\nWe reiterate our Buy rating and our $410 price target."
    assert targets(known) == [("Needham", 410, None)]


def test_first_person_without_a_masthead_is_no_analyst_claim():
    headline = "Needham upgrades Halden to Buy\nWe think the shares are cheap and our target for them is $90."
    assert [t for t in targets(headline) if t[1] == 90] == []


@pytest.mark.parametrize(
    "text, firm, target",
    [
        ("Barclays sees the shares at $71.", "Barclays", 71),
        ("UBS now sees Intel at $48.", "UBS", 48),
        ("Berenberg sees the fair value at 64 euros.", "Berenberg", 64),
        ("Mizuho puts its fair value estimate at $120.", "Mizuho", 120),
    ],
)
def test_a_firm_seeing_the_stock_at_a_price_is_a_target(text, firm, target):
    assert targets(text) == [(firm, target, None)]


def test_a_sees_without_a_firm_or_a_price_is_not_a_target():
    assert targets("Management sees the stock at fair value after the drop.") == []
    assert targets("Analysts see the shares at $71 by summer.") == []


def test_firms_the_table_lacks_in_lists_and_after_and():
    assert targets("Truist cut its target to $40 from $44, and Kestrel Partners now has a $52 target.") == [
        ("Truist", 40, 44), ("Kestrel Partners", 52, None)]
    assert targets("- Halvard Securities PT $37, Buy") == [("Halvard Securities", 37, None)]
    assert targets("Price targets: Needham $88, Baird $91, Stifel $85.") == [("Needham", 88, None), ("Baird", 91, None), ("Stifel", 85, None)]


def test_a_company_or_the_street_is_no_firm():
    assert targets("- Intel PT $37, Buy") == []
    assert targets("Wall Street has a $52 average target on the stock.") == []


def test_a_previous_rating_or_target_in_parentheses():
    (claim,) = ratings("Wolfe Research: Outperform (from Peer Perform), PT $64.")
    assert (claim.fields.rating, claim.fields.previous_rating, claim.fields.price_target) == ("Outperform", "Peer Perform", 64)
    (claim,) = ratings("Goldman's new PT on Intel: $52 (was $47).")
    assert (claim.fields.price_target, claim.fields.previous_price_target) == (52, 47)


def test_a_rating_box_and_the_firm_named_last():
    note = ("Research summary | Halden Inc. (HLD) | Morgan Stanley\n\nPrice target: $61 (prior: $55)\n\n"
            "Morgan Stanley kept its rating. The firm had cut its target to $55 on January 9.")
    found = targets(note)
    assert ("Morgan Stanley", 61, 55) in found and ("Morgan Stanley", 55, None) in found
    assert targets("Price target: $61 (prior: $55)") == []  # no house to give it to


def test_a_date_column_in_a_list_of_targets():
    (claim,) = ratings("Firm        Rating   PT     Date\nWedbush     OP       $375   1/20\n")
    assert (claim.fields.firm, claim.fields.price_target, claim.fields.rating, claim.fields.date) == (
        "Wedbush", 375, "Outperform", dt.date(2026, 1, 20))


@pytest.mark.parametrize(
    "text, firm, target, previous",
    [
        ("Deutsche Bank ha alzato il prezzo obiettivo a 64 dollari da 58 dollari.", "Deutsche Bank", 64, 58),
        ("Berenberg relève son objectif de cours de 250 à 280 euros.", "Berenberg", 280, 250),
        ("Die Deutsche Bank hob das Kursziel von 300 auf 350 Euro an.", "Deutsche Bank", 350, 300),
        ("Jefferies eleva su precio objetivo de 300 a 350 dólares.", "Jefferies", 350, 300),
    ],
)
def test_translated_target_moves(text, firm, target, previous):
    assert targets(text) == [(firm, target, previous)]


@pytest.mark.parametrize(
    "text, value, currency",
    [
        ("180,2 milliards de dollars", 180.2e9, "USD"),
        ("USD 33,0 Mrd.", 33e9, "USD"),
        ("58,3 miliardi di dollari", 58.3e9, "USD"),
        ("7.739 millones de dólares", 7.739e9, "USD"),
        ("1,59 dollar", 1.59, "USD"),
        ("211,50 euros", 211.5, "EUR"),
    ],
)
def test_european_amounts(text, value, currency):
    (money,) = find_money(text)
    assert (money.value, money.currency) == (pytest.approx(value), currency)


def test_english_amounts_are_not_read_as_european():
    assert [(m.value, m.scaled) for m in find_money("closed at $1,590 after 2 billion dollars")] == [(1590.0, False), (2e9, True)]
    assert find_money("14.000 postes") == []  # a count, not money


def test_thread_shorthand_with_bare_targets():
    got = targets("4/ JPM PT 330 from 310, MS to 320, GS still at Sell w/ PT 233")
    assert got == [("JPMorgan", 330, 310), ("Morgan Stanley", 320, None), ("Goldman Sachs", 233, None)]
    assert targets("4/ JPM shares up 3% to 330 today") == []  # no target word: a bare number is no target


def test_targets_in_parentheses_after_a_targets_word():
    got = targets("Targets went up across the Street: JPMorgan ($64), Morgan Stanley ($61) and Goldman ($60).")
    assert got == [("JPMorgan", 64, None), ("Morgan Stanley", 61, None), ("Goldman Sachs", 60, None)]


def test_a_firm_lifting_to_a_price_from_another_and_a_trailing_rating():
    assert targets("- DA Davidson lifts to $64 from $58") == [("DA Davidson", 64, 58)]
    assert targets("Intel raised its dividend to $0.13 from $0.12.") == []
    (claim,) = ratings("KeyBanc raises PT to $64, Overweight")
    assert claim.fields.rating == "Overweight"


def test_a_firm_seeing_the_stock_reach_a_price_and_rating_a_named_stock():
    assert targets("Analysts at Bank of America now see the stock reaching $64.") == [("Bank of America", 64, None)]
    (claim,) = ratings("TD Cowen's John Blackledge, who rates Intel Buy with a $64 target, spoke on the call.")
    assert (claim.fields.rating, claim.fields.price_target) == ("Buy", 64)


def test_a_masthead_date_is_no_target():
    assert targets("Wedbush Securities | Equity Research | January 30, 2026 6:00 AM ET") == []


def test_an_action_told_twice_is_one_claim_with_its_figure():
    text = ("Research summary | Halden Inc. (HLD) | Morgan Stanley\n\nPrice target: $61 (prior: $55)\n\n"
            "Morgan Stanley kept its Overweight rating and raised its price target after the results.")
    (claim,) = ratings(text)
    assert (claim.fields.price_target, claim.fields.rating) == (61, "Overweight")
    # a numberless action by another firm stays
    other = ratings("Needham raised its price target on Intel to $60. Baird raised its price target too.")
    assert [(c.fields.firm, c.fields.price_target) for c in other] == [("Needham", 60), ("Baird", None)]


@pytest.mark.parametrize(
    "text, firm, rating, action",
    [
        ("Leerink Swann rebajó su recomendación a Market Perform.", "Leerink", "Market Perform", "downgrade"),
        ("BMO Capital ha declassato il titolo a Underperform.", "BMO Capital", "Underperform", "downgrade"),
        ("Die Deutsche Bank hat die Aktie auf Buy hochgestuft.", "Deutsche Bank", "Buy", "upgrade"),
    ],
)
def test_translated_rating_moves(text, firm, rating, action):
    (claim,) = ratings(text)
    assert (claim.fields.firm, claim.fields.rating, claim.fields.action) == (firm, rating, action)


def test_a_foreign_word_alone_is_no_rating():
    assert ratings("Il titolo è salito a 352 dollari.") == []


def test_rating_scales_and_a_firm_name_with_commas():
    (claim,) = ratings("CIBC picked up coverage at Outperformer with a C$95 target.")
    assert (claim.fields.rating, claim.fields.price_target, claim.fields.currency) == ("Outperformer", 95, "CAD")
    (claim,) = ratings("Erste Group lifted Intel to Accumulate.")
    assert claim.fields.rating == "Accumulate"
    (claim,) = ratings("Monness, Crespi, Hardt upgraded the stock to Buy with a $64 price target.")
    assert (claim.fields.firm, claim.fields.price_target) == ("Monness Crespi", 64)
    assert ratings("Shares lifted Intel to Buy territory.") == []


def test_a_movers_line_carries_an_analyst_action():
    (claim,) = ratings("Halden (HLD): -4.0% at $105.20; Leerink cut to Market Perform.")
    assert (claim.fields.firm, claim.fields.rating, claim.fields.price_target) == ("Leerink", "Market Perform", None)
    assert ratings("Halden (HLD): -4.0% at $105.20 after results.") == []


def test_a_rating_and_target_in_parentheses_and_an_average_is_no_firms_target():
    assert targets("Among brokers, Jefferies (Buy, $64) and Needham (Buy, $66) moved first.") == [
        ("Jefferies", 64, None), ("Needham", 66, None)]
    assert targets("The average price target is $58, according to LSEG, and Jefferies is highest at $64.") == [("Jefferies", 64, None)]


def test_more_thread_shorthand():
    assert targets("7/ PT bumps: JPM 64, MS 61, B of A 60. GS still Sell.")[:3] == [
        ("JPMorgan", 64, None), ("Morgan Stanley", 61, None), ("Bank of America", 60, None)]
    assert targets("8/ JPM raised to 64 (from 58), MS \u2192 61") == [("JPMorgan", 64, 58), ("Morgan Stanley", 61, None)]
    assert targets("2/ Street PTs going up. JPM 64 from 58.") == [("JPMorgan", 64, 58)]
    assert targets("Analyst moves\n- JPM: 58 \u2192 64\n- MS: 55 \u2192 61 (OW)") == [("JPMorgan", 64, 58), ("Morgan Stanley", 61, 55)]
    assert targets("GS: Sell, 233") == [("Goldman Sachs", 233, None)]


def test_shorthand_without_a_firm_or_with_a_company_move_is_no_target():
    assert targets("JPMorgan raised its dividend to $1.40 from $1.25.") == []
    assert targets("Intel \u2192 64 soon, says a reader.") == []
    assert targets("2/ Volumes going up. Intel 64 from 58.") == []


def test_list_lines_of_firms_written_longer_than_their_alias():
    assert targets("• Daiwa Capital Markets — Neutral — $290") == [("Daiwa", 290, None)]
    assert targets("• Loop Capital: Buy, PT $330 (from $300)") == [("Loop Capital", 330, 300)]


def test_a_second_firm_after_and_keeps_its_own_rating_and_target():
    found = ratings("Jefferies raised its target to $64 on Friday, and Needham, which rates the stock Buy, sees it at $66.")
    assert [(c.fields.firm, c.fields.price_target, c.fields.rating) for c in found] == [("Jefferies", 64, None), ("Needham", 66, "Buy")]


def test_the_price_a_share_move_reached_is_never_the_target():
    text = "Nvidia climbed 2.1% on Tuesday to $186.40 after Bernstein lifted its price target to $225 from $200."
    assert targets(text) == [("Bernstein", 225, 200)]
    # the target word right before the move's figure still makes it the target
    assert targets("Bernstein lifted its price target 12% to $225.") == [("Bernstein", 225, None)]


def test_what_a_firm_says_the_share_could_be_worth_is_its_target():
    assert targets("Last week, the broker Barclays said the stock could be worth $410.") == [("Barclays", 410, None)]
    assert targets("A reader asked whether the stock could be worth $410.") == []


def test_a_summary_box_belongs_to_the_house_that_ends_its_title():
    note = ("Broker note summary: Nike Inc. (NKE) \u2014 Barclays\nFeb 3, 2026 10:15 ET\n\nRATING BOX\n"
            "Price target: $90 (prior: $84)\n\nBarclays raised its target after the quarter, citing better margins.")
    assert targets(note) == [("Barclays", 90, 84)]


def test_an_action_named_by_its_noun_refers_to_one_told_elsewhere():
    text = ("Citi upgraded Nike to Buy with a $95 target on Monday.\n\nThe upgrade follows a strong quarter, and it came a week "
            "after Jefferies started coverage.\n\nJefferies initiated coverage with a Hold rating on Jan. 27. A reader asked "
            "about the date of the Citi upgrade.")
    assert [(c.fields.firm, c.fields.action, c.fields.rating) for c in ratings(text)] == [
        ("Citigroup", "upgrade", "Buy"), ("Jefferies", "initiate", "Hold")]
    assert [c.fields.action for c in ratings("Citi Upgrades Nike, sees 20% upside")] == ["upgrade"]


def test_targets_said_aloud_in_a_transcript():
    text = ("HOST: What are the analysts doing?\n\nGUEST: Raising, mostly. Citi today raised its target to one-forty-five and "
            "kept Buy. Jefferies today went to one-sixty. Barclays upgraded it on Monday, to Overweight, with a one-fifty "
            "target. HSBC cut to one-twenty from one-thirty last week. And Needham is at two hundred.")
    assert targets(text) == [("Citigroup", 145, None), ("Jefferies", 160, None), ("Barclays", 150, None),
                             ("HSBC", 120, 130), ("Needham", 200, None)]
    # number words that are no price: a share of clients, a count, a percentage
    assert targets("Citi said one-third of its clients cut exposure, and two hundred analysts met.") == []
    assert [t[1] for t in targets("Citi raised its target by one-twenty percent.")] in ([], [None])


def test_translated_copy_joins_two_firms_with_its_own_and():
    text = ("Citi aveva promosso il titolo a Buy il 15 gennaio, e Jefferies aveva avviato la copertura il 20 gennaio con "
            "giudizio Hold e target di 64 dollari.")
    assert [(c.fields.firm, c.fields.action, c.fields.rating, c.fields.price_target) for c in ratings(text)] == [
        ("Citigroup", "upgrade", "Buy", None), ("Jefferies", "initiate", "Hold", 64)]
    assert [c.fields.action for c in ratings("Jefferies a initié la couverture avec une recommandation Achat et un objectif de cours de 64 dollars.")] == ["initiate"]


def test_a_part_of_a_month_is_the_window_of_the_action():
    found = ratings("Analysts remain keen: Morgan Stanley has a $64 target from early December, and Citi raised its target to $70 in mid-January.")
    assert [(c.fields.firm, c.fields.window_start, c.fields.window_end) for c in found] == [
        ("Morgan Stanley", dt.date(2025, 12, 1), dt.date(2025, 12, 11)), ("Citigroup", dt.date(2026, 1, 9), dt.date(2026, 1, 21))]


def test_the_same_day_is_the_day_named_just_before():
    found = ratings("Jefferies upgraded the stock to Buy on Jan. 7, while Needham cut it to Hold the same day.")
    assert [(c.fields.firm, c.fields.date) for c in found] == [("Jefferies", dt.date(2026, 1, 7)), ("Needham", dt.date(2026, 1, 7))]
    found = ratings("Jefferies upgraded the stock to Buy on Jan. 7. Needham cut it to Hold that day.")
    assert [c.fields.date for c in found] == [dt.date(2026, 1, 7), dt.date(2026, 1, 7)]
    # no day before it: no date is made up
    assert ratings("Needham cut it to Hold the same day.")[0].fields.date is None


def test_the_stock_an_action_is_about_is_the_subject_before_it():
    text = "Fri: Nike jumped 4.3% to $71.17 as Citi upgraded it to Buy. Jefferies had started coverage at Buy with a $80 target last week."
    found = ratings(text)
    assert [(c.fields.firm, c.ticker) for c in found] == [("Citigroup", "NKE"), ("Jefferies", "NKE")]
    text = ("Nike shares were down 4.8% at $61.40. Citi downgraded the sneaker maker to Sell this morning, and retail stocks "
            "sold off after Amazon said it would cut prices.")
    assert [(c.fields.firm, c.ticker) for c in ratings(text)] == [("Citigroup", "NKE")]
    # a stock the action names itself stays that stock
    text = "Nike shares were down 4.8% at $61.40. Citi downgraded Amazon to Sell this morning."
    assert [(c.fields.firm, c.ticker) for c in ratings(text)] == [("Citigroup", "AMZN")]


def test_a_house_written_with_its_business_line_is_the_same_firm():
    from verifier.firms import same_firm

    assert same_firm("Daiwa Capital", "Daiwa") and same_firm("Daiwa Capital Markets", "Daiwa Securities")
    assert targets("Daiwa Capital cut Nike to Outperform from Buy with a $79 target last week.") == [("Daiwa", 79, None)]


def test_the_same_firms_same_action_keeps_the_date_another_segment_gave_it():
    text = ("Correction: An earlier version misstated Jefferies' price target in its Jan. 5 initiation as $46; Jefferies "
            "initiated coverage with a Buy rating and a $64 target.")
    assert [(c.fields.price_target, c.fields.date) for c in ratings(text)] == [(46, dt.date(2026, 1, 5)), (64, dt.date(2026, 1, 5))]
    # another firm's action does not borrow it
    text = "Jefferies initiated coverage on Jan. 5 with a $64 target; Needham initiated coverage with a $66 target."
    assert [(c.fields.firm, c.fields.date) for c in ratings(text)] == [("Jefferies", dt.date(2026, 1, 5)), ("Needham", None)]


def test_a_day_written_in_figures_with_its_year_dates_the_action_when_the_order_is_certain():
    (c,) = ratings("Barclays, which cut Halden to Underweight on 23/12/2025 with a $41 target, stays cautious.")
    assert c.fields.date == dt.date(2025, 12, 23)  # the first number above 12: day/month/year
    (c,) = ratings("Barclays, which cut Halden to Underweight on 12/23/2025 with a $41 target, stays cautious.")
    assert c.fields.date == dt.date(2025, 12, 23)


def test_caption_lines_in_lower_case_with_spoken_prices():
    # auto-generated captions: no capitals, prices in words
    (c,) = ratings("so yeah morgan stanley bumped their target to four twenty five yesterday which is wild")
    assert (c.fields.firm, c.fields.price_target) == ("Morgan Stanley", 425)
    (c,) = ratings("and jefferies came out with a one eighty target on it this morning")
    assert (c.fields.firm, c.fields.price_target) == ("Jefferies", 180)
    # a spoken number that is no target, and a capitalised line, are left alone
    assert ratings("morgan stanley hosted four twenty five people at the conference") == []
    assert [c.fields.price_target for c in ratings("Morgan Stanley raised its target to $425.")] == [425]


def test_an_action_wrapped_over_two_lines_of_a_hard_wrapped_paragraph_keeps_its_target():
    text = ("Shares of Halden Inc. drifted for most of the week while the market waited for results. Then Jefferies\n"
            "upgraded the stock to Buy with a $64 target on Tuesday, citing the recovery of its margins, and\n"
            "Barclays raised its\n")
    assert sorted(targets(text)) == [("Jefferies", 64, None)]
    text = ("Shares of Halden Inc. drifted for most of the week while the market waited for results, until\n"
            "Jefferies, whose analyst had been bearish since the spring, upgraded the stock to Buy with a\n"
            "$64 target on Tuesday, and Barclays raised its target to $70, citing the margin recovery in Europe.\n")
    assert sorted(targets(text)) == [("Barclays", 70, None), ("Jefferies", 64, None)]
    listed = "Halden: Barclays raised its target to $70 from $61 after the results came in\nHalden: Kestrel cut its rating"
    assert targets(listed) == [("Barclays", 70, 61)]


def test_a_flash_in_capitals_is_read_as_an_analyst_action():
    flash = "09:14 *BRIXTON MARKETS CUTS HALDEN TO UNDERPERFORM FROM HOLD; PT $41"
    (claim,) = ratings(flash)
    assert (claim.fields.firm, claim.fields.rating, claim.fields.previous_rating, claim.fields.price_target) == (
        "Brixton Markets", "Underperform", "Hold", 41)
    kept = ratings("11:02 *JEFFERIES KEEPS HALDEN BUY; PT $88 FROM $80 (JAN 27)")
    assert [(c.fields.firm, c.fields.rating, c.fields.price_target, c.fields.previous_price_target) for c in kept] == [
        ("Jefferies", "Buy", 88, 80)]
    # a shouted line that is no analyst action stays none
    assert ratings("10:40 *HALDEN SHARES SINK 4% AT $52.10 ON WEAK GUIDANCE") == []


def test_a_one_line_rating_box_in_capitals_is_the_houses_own_action():
    note = ("Ostrava Bay Securities LLC                       Equity Research | Industrials\n\nHalden Inc. (HLD)\n\n"
            "  RATING: BUY (unch.)        PRICE TARGET: US$64.00 (unch.)        RISK: HIGH\n")
    (claim,) = ratings(note)
    assert (claim.fields.rating, claim.fields.price_target, claim.fields.action) == ("Buy", 64, "reiterate")
    assert claim.fields.firm.startswith("Ostrava Bay Securities")


def test_a_known_firm_trimming_to_a_figure_with_a_time_phrase_after():
    assert targets("Also, Jefferies trimmed to $71 last week, if that matters.") == [("Jefferies", 71, None)]
    assert targets("Halden was trimmed to $71 last week by the index fund.") == []


@pytest.mark.parametrize("text", [
    "Moody's affirmed Halden's Baa2 issuer rating; the outlook was changed to negative from stable.",
    "Fitch downgraded Halden to BB+ from BBB-, citing higher leverage.",
    "S&P Global Ratings raised its rating on Halden to Positive outlook.",
    "Ostrava Credit Ratings upgraded Halden's senior unsecured rating to A3 from Baa1.",
])
def test_a_credit_rating_is_no_analyst_action(text):
    assert ratings(text) == []


def test_a_ticker_like_a_credit_grade_keeps_its_analyst_action():
    assert targets("Barclays upgraded AA to Overweight with a $60 target.") == [("Barclays", 60, None)]


def test_an_action_whose_prior_target_the_wrap_carried_to_the_next_line_is_read_from_the_reading_text():
    text = ("Halden Inc. shares rose on Wednesday after the company raised its outlook, and Barclays lifted its\n"
            "target to $70 from $61, keeping its Overweight rating, while the rest of the Street stayed put.\n")
    assert targets(text) == [("Barclays", 70, 61)]


def test_a_day_in_a_later_clause_about_the_stock_is_not_the_actions():
    text = ("On Jan. 12, 2026, Needham raised its target to $140 and kept its Buy rating, and the shares closed "
            "at $121.50 on Jan. 20, 2026, the day of the results.")
    [rating] = ratings(text)
    assert rating.fields.date == dt.date(2026, 1, 12)
    # without a leading day the action's own clause decides, as before
    [own] = ratings("Needham raised its target to $140 on Jan. 12, 2026 and kept its Buy rating.")
    assert own.fields.date == dt.date(2026, 1, 12)


# --- an action's day on the line after a hard wrap; a sentence opened by "On the morning of <day>" (issue 10)

_WRAPPED = "What stands out\n\n1. The March sale came on the day Goldman Sachs upgraded Nvidia to Buy from\n{rest}\n\n2. Nothing else.\n"


def test_an_action_cut_off_by_a_line_wrap_takes_the_day_that_opens_the_next_line():
    (action,) = ratings(_WRAPPED.format(rest="Neutral (Jan. 12), when the stock rose 6.0% on the day."))
    assert (action.fields.firm, action.fields.date) == ("Goldman Sachs", dt.date(2026, 1, 12))


@pytest.mark.parametrize("text", [
    _WRAPPED.format(rest="Neutral, when Morgan Stanley cut it on Jan. 12."),  # another firm's day, past the clause
    "- Nvidia +0.7% to $185.28 ahead of the print\n- Loop Capital PT $340, Buy\n- Ex-div Feb 21\n",  # the next item's day
])
def test_a_day_on_the_next_line_that_is_not_the_actions_is_not_taken(text):
    action = next(c for c in ratings(text) if c.fields.firm in ("Goldman Sachs", "Loop Capital"))
    assert action.fields.date is None


def test_on_the_morning_of_a_day_dates_every_action_of_the_sentence():
    found = ratings("On the morning of January 12, 2026, two brokers published opposite views on Nvidia: Jefferies "
                    "upgraded the stock to Buy, while Bank of America downgraded it to Neutral.")
    assert [(c.fields.firm, c.fields.date) for c in found] == [
        ("Jefferies", dt.date(2026, 1, 12)), ("Bank of America", dt.date(2026, 1, 12))]


# ------------------------------------------------------------------ corpus7 dev (round c7-fin)
def test_a_masthead_in_capitals_names_the_house_of_our_fair_value_estimate():
    (claim,) = ratings("MORNINGSTAR EQUITY RESEARCH \u2014 REPORT SUMMARY\n\nHalden Inc  HALD\n\n"
                       "We are maintaining our $42 fair value estimate for Halden after a solid quarter.\n")
    assert (claim.fields.firm, claim.fields.price_target, claim.fields.action) == ("Morningstar", 42.0, "maintain")
    assert ratings("HALDEN QUARTERLY REVIEW\n\nWe are maintaining our $42 fair value estimate for Halden.\n") == []


def test_a_target_list_said_with_one_verb_and_a_firm_that_now_sees_a_figure():
    got = {c.fields.firm: (c.fields.price_target, c.fields.action) for c in ratings(
        "Halden jumped after the report. Citi lifted its target on Halden to $90, Jefferies to $95 and Barclays now sees $99.")}
    assert got == {"Citigroup": (90.0, "raise_target"), "Jefferies": (95.0, "raise_target"), "Barclays": (99.0, None)}
    assert ratings("Barclays now sees $4.10 a share in 2027 earnings.") == []


def test_a_rating_kept_and_moved_to_a_figure_a_friend_at_a_house_and_a_new_roundup_entry():
    (kept,) = ratings("Barclays was cautious. The firm kept its Equal Weight rating and moved to $41, citing valuation.")
    assert (kept.fields.firm, kept.fields.price_target) == ("Barclays", 41.0)
    (friend,) = ratings("Halden is up 9% this year. Our friends at Norbeck Research have a $115 target that no longer looks silly.")
    assert (friend.fields.firm, friend.fields.price_target) == ("Norbeck Research", 115.0)
    (new,) = ratings("Rating roundup\n  - Northgate Equity Research (new): Buy, PT $41\n")
    assert (new.fields.firm, new.fields.rating, new.fields.price_target, new.fields.action) == ("Northgate Equity Research", "Buy", 41.0, "initiate")
    assert ratings("Halden rose. Shares moved to $41 after the report.") == []


def test_a_relative_clause_telling_an_earlier_raise_leaves_the_kept_target_maintained():
    (claim,) = ratings("KESTREL PARTNERS | EQUITY RESEARCH\n\nWe are maintaining our $42 price target on Halden, which we raised "
                       "from $33 after the settlement.\n")
    assert (claim.fields.price_target, claim.fields.previous_price_target, claim.fields.action) == (42.0, None, "maintain")
    assert claim.quote == "We are maintaining our $42 price target on Halden"
    (raised,) = ratings("Barclays raised its price target on Halden to $42 from $33.")
    assert (raised.fields.previous_price_target, raised.fields.action) == (33.0, "raise_target")


# --------------------------------------------------------------------------- round 6c: targets in a list of moves


def test_firms_that_went_or_moved_to_a_figure_after_a_target_move_are_targets():
    found = ratings("Jefferies lifted its target on Pfizer to $35 last week, Barclays went to $32 on January 12, "
                    "and UBS moved to $34 on January 20.")
    assert [(c.fields.firm, c.fields.price_target, c.fields.date) for c in found if c.fields.firm != "Jefferies"] == [
        ("Barclays", 32.0, dt.date(2026, 1, 12)), ("UBS", 34.0, dt.date(2026, 1, 20))]
    assert all(c.fields.action is None for c in found if c.fields.firm != "Jefferies")  # "went to" says no raise or cut
    # the shares going to a figure after a target move are no target
    assert [c.fields.price_target for c in ratings("Jefferies lifted its target on Pfizer to $35 last week, and Pfizer shares went to $32 on January 12.")] == [35.0]


def test_a_firms_people_as_the_subject_start_a_segment_of_their_own():
    found = ratings("Barclays kept its Overweight rating and a $38 target on Jan. 14, and our friends at Quillon Research have a $31 target.")
    assert [(c.fields.firm, c.fields.price_target) for c in found] == [("Barclays", 38.0), ("Quillon Research", 31.0)]


# --------------------------------------------------------------------------- round 7: a delimited export of actions


def test_an_exported_table_of_actions_is_read_by_its_header_row():
    text = ("Our tracker for Pfizer (PFE), as exported:\n\n"
            "date,house,action,old_rating,new_rating,old_target,new_target,note\n"
            "\"2025-11-03\",\"Barclays\",\"Downgrades\",\"Overweight\",\"Equal-Weight\",\"41.00\",\"33.00\",\"pipeline worries\"\n"
            "\"2025-12-01\",\"UBS\",\"Initiates\",\"\",\"Buy\",\"\",\"38.50\",\"\"\n"
            "\"2025-12-09\",\"(company)\",\"Dividend\",\"\",\"\",\"\",\"\",\"\"\n")
    found = ratings(text)
    assert [(c.fields.firm, c.fields.action, c.fields.previous_rating, c.fields.rating, c.fields.previous_price_target,
             c.fields.price_target, c.fields.date) for c in found] == [
        ("Barclays", "downgrade", "Overweight", "Equal-Weight", 41.0, 33.0, dt.date(2025, 11, 3)),
        ("UBS", "initiate", None, "Buy", None, 38.5, dt.date(2025, 12, 1))]
    # prose with commas is no row of cells
    assert ratings("Barclays, UBS, Jefferies, and Citi all rate Pfizer Buy, with targets near $40.")[0].fields.price_target == 40.0
    # without a header row naming the columns, a row of cells says nothing of which figure is the target
    assert all(c.fields.price_target is None for c in ratings('"2025-12-01","UBS","Initiates","","Buy","","38.50",""\n'))


def test_an_export_header_cell_may_name_its_unit():
    # "target_usd", "prior_target_usd": the column's unit after its name is no part of the role it names
    text = ("Raw tracker rows for Halvex (HLVX):\n\n"
            "\"day\",\"broker\",\"action\",\"rating\",\"tgt_eur\",\"prior_tgt_eur\",\"close_eur\",\"comment\"\n"
            "\"2025-10-14\",\"Barclays\",\"reiterates\",\"Overweight\",\"61\",\"54\",\"50.10\",\"after the call\"\n"
            "\"2025-11-02\",\"UBS\",\"keeps\",\"Neutral\",\"44\",\"\",\"\",\"\"\n")
    found = ratings(text)
    assert [(c.fields.firm, c.fields.action, c.fields.price_target, c.fields.previous_price_target, c.fields.currency)
            for c in found] == [("Barclays", "raise_target", 61.0, 54.0, "EUR"), ("UBS", "maintain", 44.0, None, "EUR")]
    # a close column in the same unit is no target
    assert all(c.fields.price_target != 50.1 for c in found)


def test_a_target_owned_by_another_firms_possessive_is_not_the_segments_firms():
    # a recap of the spread of targets: "UBS's $30" is UBS's figure, never Jefferies'
    found = ratings("Jefferies' Buy call aside, the spread of targets on Halden runs from UBS's $30 to Citi's $52.")
    assert all(c.fields.price_target is None or c.fields.firm != "Jefferies" for c in found)
    # the firm's own possessive still owns its target
    (own,) = ratings("Jefferies raised its target on Halden to $52 after the quarter.")
    assert (own.fields.firm, own.fields.price_target) == ("Jefferies", 52.0)


def test_a_clause_of_time_led_by_another_firm_is_that_firms_action():
    found = ratings("Wedbush upgraded Brennick to Outperform on Tuesday with a $52 target, "
                    "two days after Jefferies moved the stock to Buy with a $55 target.")
    assert sorted((c.fields.firm, c.fields.rating, c.fields.price_target) for c in found) == [
        ("Jefferies", "Buy", 55.0), ("Wedbush", "Outperform", 52.0)]
    # another firm's action named by its noun stays no claim of its own
    found = ratings("Citi cut Halvex to Neutral with a $30 target, a day after Goldman's downgrade.")
    assert [(c.fields.firm, c.fields.price_target) for c in found] == [("Citigroup", 30.0)]


def test_a_firm_that_rates_the_stock_holds_that_rating():
    assert [(c.fields.firm, c.fields.rating) for c in ratings("Jefferies still rates the shares Hold.")] == [("Jefferies", "Hold")]
    assert [(c.fields.firm, c.fields.rating) for c in ratings("Wedbush rates Brennick Outperform.")] == [("Wedbush", "Outperform")]
    assert ratings("The lender rates Sell orders by size.") == []


def test_an_action_in_a_when_clause_takes_its_clauses_day_not_a_later_clauses():
    # "Wednesday they bounced when Jefferies upgraded ...": the clause's own day dates the action; the day of the
    # later clause about the stock's price ("and Thursday's high of $58 ...") is that clause's, never the action's
    for text in ("Brennick slid 4% on Monday; Wednesday it bounced when Jefferies upgraded it to Buy with a $60 target, "
                 "and Thursday's high of $58 drew sellers.",
                 "Brennick slid 4% on Monday. Wednesday it bounced when Jefferies upgraded it to Buy with a $60 target, "
                 "and Thursday's high of $58 drew sellers."):
        (c,) = ratings(text)
        assert (c.fields.firm, c.fields.price_target, c.fields.date) == ("Jefferies", 60.0, dt.date(2026, 1, 28))
    # the firm's own day still wins
    (c,) = ratings("Brennick slid 4% on Monday, and Jefferies upgraded it to Buy on Wednesday with a $60 target.")
    assert c.fields.date == dt.date(2026, 1, 28)


def test_raising_or_lowering_the_rating_is_an_upgrade_or_downgrade_and_a_quoted_rating_is_one_in_any_case():
    # translated copy: "lowered the rating to "sell"": the quotes name the rating, lower case or not
    (c,) = ratings('Cowen on January 12 lowered the rating to "sell", with a $31 target.')
    assert (c.fields.firm, c.fields.action, c.fields.rating, c.fields.price_target) == ("TD Cowen", "downgrade", "Sell", 31.0)
    (c,) = ratings('Barclays on January 14 raised the rating to "buy" and set a $52 target.')
    assert (c.fields.action, c.fields.rating) == ("upgrade", "Buy")
    (c,) = ratings('Barclays on January 14 lifted its target to $52, maintaining the "hold".')
    assert (c.fields.action, c.fields.rating, c.fields.price_target) == ("raise_target", "Hold", 52.0)
    # a bare lower-case verb stays no rating
    (c,) = ratings("Barclays lowered its target to $40 and told clients to sell into strength.")
    assert (c.fields.action, c.fields.rating) == ("lower_target", None)
def test_an_export_columns_unit_word_is_no_part_of_its_role():
    # "target_usd", "prior_target_usd", "pt (USD)": the currency names the cells' unit; the column is still the target
    text = ("Tracker for Halvex (HLVX):\n\n"
            '"date","firm","action","rating","target_usd","prior_target_usd","close_usd"\n'
            '"2026-03-02","Citigroup","maintains","Buy","60","52",""\n'
            '"2026-03-04","Jefferies","initiates","Hold","48","",""\n')
    found = ratings(text)
    assert [(c.fields.firm, c.fields.action, c.fields.price_target, c.fields.previous_price_target) for c in found] == [
        ("Citigroup", "raise_target", 60.0, 52.0), ("Jefferies", "initiate", 48.0, None)]
