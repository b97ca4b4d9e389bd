"""Rule engine: the wording variety of deals, job counts and scheduled events (issue 10).

Every sentence here is written for this file (fictional companies), each rule with a negative case:
the rules are meant to hold on wire copy, press releases and promotional pieces alike.
"""

from __future__ import annotations

import datetime as dt

import pytest

from verifier.extract.rules.spelled import find_word_numbers
from verifier.schemas import Claim
from tests.rules_helpers import rule_claims

PUBLISHED = "2026-01-30T17:25:04+01:00"  # Friday 30 January 2026


def extract(text: str, kind: str) -> list[Claim]:
    return [c for c in rule_claims(text, PUBLISHED) if c.kind == kind]


def one(text: str, kind: str) -> Claim:
    found = extract(text, kind)
    assert len(found) == 1, [(c.quote, c.fields) for c in found]
    return found[0]


# --------------------------------------------------------------------------- deals


@pytest.mark.parametrize(
    "text, amount, deal_type, counterparty",
    [
        # a bare deal noun right at the amount, the party named between them
        ("The $6 billion Northwind deal gives Vexa access to chips.", 6e9, "other", "Northwind"),
        ("Under the new $6 billion agreement, Northwind will supply chips to Vexa through 2030.", 6e9, "other", None),
        ("The deal, valued at $4.2 billion, is expected to close in the second quarter.", 4.2e9, "other", None),
        ("Halvorsen sealed a $3 billion pact with Orrin Capital.", 3e9, "other", "Orrin Capital"),
        # "dollar" as an adjective
        ("Vexa's 6 billion dollar investment in Northwind is paying off.", 6e9, "investment", "Northwind"),
        # licensing, with a party described before its name
        ("Kestrel agreed to pay about $900 million to license patents from chip designer Ardent and hire its staff.",
         900e6, "contract", "Ardent"),
        # more acquisition verbs and nouns
        ("Halvorsen is buying Trident for $4.2 billion.", 4.2e9, "acquisition", "Trident"),
        ("Halvorsen snapped up Trident for $4.2 billion last year.", 4.2e9, "acquisition", "Trident"),
        ("Halvorsen will take over Trident in a $4.2 billion transaction.", 4.2e9, "acquisition", "Trident"),
        ("The purchase price of $4.2 billion represents 12 times EBITDA.", 4.2e9, "acquisition", None),
        ("Halvorsen sweetened its offer to $5 billion.", 5e9, "acquisition", None),
        # venture rounds
        ("Ardent closed a $500 million Series D round.", 500e6, "investment", None),
        ("Ardent received a $2 billion investment from Orrin Capital.", 2e9, "investment", "Orrin Capital"),
        # sales and divestitures: the buyer is the other party
        ("Halvorsen agreed to sell its consumer unit to Orrin Capital for $1.1 billion.", 1.1e9, "acquisition", "Orrin Capital"),
        ("Halvorsen will divest its paper business for $700 million.", 700e6, "acquisition", None),
        ("Halvorsen bought back $3 billion of stock last quarter.", 3e9, "buyback", None),
        # a stock deal's value
        ("Under the agreement, Trident holders get 0.85 Halvorsen shares for each share, valuing Trident at about $9 billion.",
         9e9, "other", None),
    ],
)
def test_deal_wording(text, amount, deal_type, counterparty):
    f = one(text, "deal").fields
    assert (f.amount, f.deal_type, f.counterparty) == (amount, deal_type, counterparty)


@pytest.mark.parametrize(
    "text",
    [
        "The agreement gives Halvorsen $4.2 billion in annual savings.",  # the noun is not at the amount
        "The company booked $2 billion in revenue from the agreement.",  # revenue, not the deal's amount
        "Halvorsen agreed to pay a $4.2 billion fine.",
        "Halvorsen's market value is $60 billion.",
        "Halvorsen Wins $4 Billion All-Cash Deal",  # (the deal is read, but 'All-Cash' is no party)
    ],
)
def test_not_a_deal_or_not_a_party(text):
    found = extract(text, "deal")
    if text.startswith("Halvorsen Wins"):
        assert [c.fields.counterparty for c in found] == [None]
    else:
        assert found == [], [(c.quote, c.fields) for c in found]


def test_a_deal_on_two_bases_is_read_once_and_without_a_party():
    text = (
        "Halvorsen Corp. and Trident Labs today announced a definitive agreement under which Halvorsen will acquire "
        "Trident for $61.25 per share in cash, representing a total equity value of approximately $7.3 billion and "
        "an enterprise value of approximately $7.9 billion."
    )
    (claim,) = extract(text, "deal")
    f = claim.fields
    # the source may record the deal at its enterprise value: with a counterparty that would read as a contradiction
    assert (f.amount, f.deal_type, f.status, f.counterparty) == (7.3e9, "acquisition", "agreed", None)


def test_a_funding_rounds_valuation_is_not_the_amount_invested():
    found = extract("Orrin Capital invested $200 million in Ardent at a $5 billion valuation.", "deal")
    assert [c.fields.amount for c in found] == [200e6]
    assert extract("Ardent raised $300 million at a valuation of $4 billion.", "deal") == []
    assert extract("The all-stock deal values the combined company at $30 billion.", "deal") == []


def test_a_closing_day_is_not_the_deal_day():
    f = one("Halvorsen agreed to buy Trident for $4.2 billion; the deal is expected to close on March 31.", "deal").fields
    assert f.date is None


def test_companies_after_a_bare_deal_noun_are_not_its_maker():
    text = (
        "Oracle shares rose on Monday. Oracle said so. Under the new $6 billion agreement, OpenAI will rent "
        "servers built on Nvidia chips."
    )
    claim = one(text, "deal")
    assert claim.ticker == "ORCL"


# --------------------------------------------------------------------------- workforce


@pytest.mark.parametrize(
    "text, count, action, cumulative",
    [
        ("We note the ~3,300 corporate role reductions announced on Tuesday.", 3300, "cut", False),
        ("The plan brings about 2,000 workforce reductions.", 2000, "cut", False),
        ("Halvorsen said it would reduce headcount by 3,000 over the coming months.", 3000, "cut", False),
        ("Halvorsen will grow its global workforce by 1,200 next year.", 1200, "hire", False),
        ("The restructuring will affect approximately 4,500 employees.", 4500, "cut", False),
        ("About 1,800 workers will lose their jobs.", 1800, "cut", False),
        ("The move will result in the loss of about 1,300 jobs.", 1300, "cut", False),
        ("Some 450 contractors were let go.", 450, "cut", False),
        ("That brings the total number of job cuts this year to about 12,000.", 12000, "cut", True),
        # words glued to the count, and reworded ("spun") copy
        ("Halvorsen announced a 1,200-person layoff.", 1200, "cut", False),
        ("Halvorsen unveiled a 2,000-job cut plan.", 2000, "cut", False),
        ("Halvorsen's 40,000-strong workforce will shrink.", 40000, "headcount", False),
        ("Halvorsen will chop 1,200 occupations in Europe.", 1200, "cut", False),
        ("Halvorsen will do away with 700 positions.", 700, "cut", False),  # never a headcount of 700
        ("Halvorsen will scale back its staff by 900.", 900, "cut", False),
        ("Halvorsen plans 1,500 terminations.", 1500, "cut", False),
        ("Job reduction of 1,500 announced.", 1500, "cut", False),
        # thousands written the European way, or with a gap, in translated briefs
        ("Halvorsen will cut 16.000 jobs in the administration.", 16000, "cut", False),
        ("Halvorsen will cut 16\u202f000 jobs.", 16000, "cut", False),
        ("Halvorsen cuts 2,500+ corporate jobs.", 2500, "cut", False),
        ("Halvorsen let 2,500 corporate employees go.", 2500, "cut", False),
        ("Job cuts at Halvorsen total some 5,000 since October.", 5000, "cut", True),
        ("The organization will diminish its labor force by around 6,000 occupations.", 6000, "cut", False),
        ("Halvorsen plans to fire 1,400 corporate staff.", 1400, "cut", False),
        ("The firings affect about 1,400 corporate staff.", 1400, "cut", False),
    ],
)
def test_workforce_wording(text, count, action, cumulative):
    f = one(text, "workforce").fields
    assert (f.count, f.action, f.cumulative) == (count, action, cumulative)


def test_a_share_of_the_workforce_names_the_headcount_it_is_taken_from():
    found = extract("Halvorsen will cut jobs in Europe. It said 3,500 of its 40,000 employees would be affected.", "workforce")
    assert sorted((c.fields.count, c.fields.action) for c in found) == [(3500, "cut"), (40000, "headcount")]


@pytest.mark.parametrize(
    "text",
    [
        "The new plant will affect about 4,500 commuters.",  # "affect" without a restructuring is no cut
        "Halvorsen's 40,000 employees will get a raise.",
        "Halvorsen plans to reduce its global workforce by approximately 10%.",  # a share, not a count
        "The company shipped 1,300 vehicles.",
        "Halvorsen's 300-strong sales team won an award.",  # a team is not the workforce
        "The warehouse fire destroyed 300 homes and forced 1,200 workers to stay home.",  # "fire" only as a verb before a count
    ],
)
def test_not_a_job_count(text):
    found = [c for c in extract(text, "workforce") if c.fields.action == "cut" or "team" in text]
    assert found == [], [(c.quote, c.fields) for c in found]


# --------------------------------------------------------------------------- scheduled events


@pytest.mark.parametrize(
    "text, event, date",
    [
        ("Halvorsen, which reports on Feb. 10, has gained 5% this year.", "earnings", dt.date(2026, 2, 10)),
        ("Trident shareholders are scheduled to vote on the deal on March 12.", "shareholder_meeting", dt.date(2026, 3, 12)),
        ("The deal is expected to close on March 31.", "other", dt.date(2026, 3, 31)),
        ("Halvorsen's fiscal second-quarter report is due Thursday after the close.", "earnings", dt.date(2026, 2, 5)),
        ("Halvorsen next presents its outcomes on Feb. 3.", "earnings", dt.date(2026, 2, 3)),  # spun "results"
        ("Halvorsen delivers a trading update on Feb. 3.", "earnings", dt.date(2026, 2, 3)),
        ("The split becomes effective on Feb. 9.", "other", dt.date(2026, 2, 9)),
        ("Trident stockholders meet on Feb. 24 to elect the board.", "shareholder_meeting", dt.date(2026, 2, 24)),
        ("Halvorsen reports on Feb 5th after the close.", "earnings", dt.date(2026, 2, 5)),
        ("Halvorsen reports FQ1 Feb. 5 BMO.", "earnings", dt.date(2026, 2, 5)),
        ("Halvorsen reports after the market closes on Thursday.", "earnings", dt.date(2026, 2, 5)),
        ("Halvorsen reports next week, on Thursday.", "earnings", dt.date(2026, 2, 5)),
        ("The merger is expected to close in Halvorsen's fiscal third quarter, which ends March 31.", "other", dt.date(2026, 3, 31)),
        ("We will say more at our developer conference, which starts March 10 in Austin.", "other", dt.date(2026, 3, 10)),
        ("Its 4-for-1 stock split took effect on Jan. 12.", "other", dt.date(2026, 1, 12)),  # a split's own day, gone by
        ("Halvorsen fell 4% on Monday and reports fiscal first-quarter results after the close on Feb. 14.",
         "earnings", dt.date(2026, 2, 14)),  # Monday is the fall's
        ("Last year Halvorsen reported its second quarter on July 29.", "earnings", dt.date(2025, 7, 29)),
        ("Halvorsen (reports Feb. 5) rose 1%.", "earnings", dt.date(2026, 2, 5)),
        ("Halvorsen will host its quarterly call on Feb. 5.", "earnings", dt.date(2026, 2, 5)),
    ],
)
def test_event_wording(text, event, date):
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == (event, date)


@pytest.mark.parametrize(
    "text",
    [
        "The paper, which reports on media, hired 30 staff.",  # no day: no event
        "The plant is expected to close on March 31.",  # a closing that is no deal's
        "Shares rose after its 4-for-1 split took effect on Jan. 12.",  # the split named to date a move
        "The conference was a success on Jan. 12.",  # a conference day, but no start verb
        "Halvorsen expects the outcomes of its drug trial on March 5.",  # a trial's outcomes are no earnings
        "Analysts split on the stock on Feb. 3.",
        "Reuters reports on Monday that Halvorsen will cut prices.",  # a newswire's report is no earnings report
        "The newspaper reports Monday on the strike at Halvorsen.",
        "Halvorsen reports this Thursday.",  # read on a Friday: the present tense and a day gone by disagree
    ],
)
def test_not_an_event(text):
    found = extract(text, "scheduled_event")
    assert found == [], [(c.quote, c.fields) for c in found]


def test_a_list_under_one_event_word_gives_each_company_its_day():
    found = extract("Earnings this week: Microsoft (Tue., after the close), Apple (Thu., after the close).", "scheduled_event")
    assert [(c.ticker, c.fields.date) for c in found] == [("MSFT", dt.date(2026, 2, 3)), ("AAPL", dt.date(2026, 2, 5))]
    # without a list, one event word takes one day
    found = extract("Microsoft reports results on Tuesday, a week after its Jan. 27 investor call.", "scheduled_event")
    assert [c.fields.date for c in found] == [dt.date(2026, 2, 3)]


def test_a_table_row_of_positions_eliminated_is_a_cut():
    f = one("| Halvorsen | |\n|---|---|\n| Positions eliminated | 1,500 |\n", "workforce").fields
    assert (f.count, f.action) == (1500, "cut")


def test_a_list_items_day_is_never_the_next_items():
    found = extract("Calendar: Feb. 5 \u2013 Q1 results; Feb. 24 \u2013 annual meeting.", "scheduled_event")
    assert sorted((c.fields.event, c.fields.date) for c in found) == [
        ("earnings", dt.date(2026, 2, 5)), ("shareholder_meeting", dt.date(2026, 2, 24))]
    assert [c.fields.date for c in extract("- Split effective: Feb 9", "scheduled_event")] == [dt.date(2026, 2, 9)]


@pytest.mark.parametrize(
    "text",
    [
        "Halvorsen's Berlin plant, with 12,000 employees, will pause production.",
        "The Austin factory has 20,000 workers.",
        "Halvorsen employs 12,000 people in Germany.",
        "Halvorsen's AI unit has about 1,500 engineers.",
        "The union, which has 30,000 workers, called a strike.",
        "The plant's workforce of 3,000 will be idled.",
        "The plant's 3,000-strong workforce will be idled.",
    ],
)
def test_the_staff_of_a_part_or_a_place_is_not_the_company_headcount(text):
    # the check compares a headcount with the whole workforce on record: a plant's would read as a contradiction
    assert [c for c in extract(text, "workforce") if c.fields.action == "headcount"] == []


def test_the_company_headcount_is_still_read():
    for text, count in (("Halvorsen has 1.5 million employees worldwide.", 1_500_000),
                        ("Halvorsen's workforce of 31,000 is shrinking.", 31000),
                        ("Halvorsen, which has cut 14,000 jobs, employs 1.5 million people.", 1_500_000)):
        assert [c.fields.count for c in extract(text, "workforce") if c.fields.action == "headcount"] == [count]


def test_a_boxs_deal_rows_are_deals_without_a_party():
    box = ("| Halvorsen (HLV) | |\n|---|---|\n| Deal value | $4.2bn |\n| Offer per share | $48.50 |\n"
           "| Buyback authorised | $10 billion |\n| Revenue 2025 | $12.1bn |\n")
    found = extract(box, "deal")
    assert [(c.fields.amount, c.fields.deal_type, c.fields.counterparty) for c in found] == [
        (4.2e9, "acquisition", None), (10e9, "buyback", None)]  # a per-share price and revenue are not deals


def test_a_period_in_another_clause_of_the_sentence_dates_the_cut():
    f = one("The company's last large round of layoffs, in 2022 and 2023, eliminated about 27,000 jobs.", "workforce").fields
    assert f.period_start is not None and f.period_start.year in (2022, 2023)
    # a day elsewhere in the sentence is not taken for the cut's
    f = one("On Tuesday, shares rose, and the company said it had eliminated about 2,000 jobs.", "workforce").fields
    assert f.period_start is None


def test_the_month_the_cuts_began_does_not_date_the_total():
    # "begun in October" says when the layoffs started, not when the total was given: read as the claim's
    # period, a total announced months later would be searched in October alone
    f = one("Halvorsen told staff on Monday that the layoffs begun in October will reach about 3,200 roles.", "workforce").fields
    assert f.count == 3200 and not (f.period_start is not None and f.period_start.month == 10)
    f = one("Halvorsen cut about 3,200 roles in October.", "workforce").fields
    assert f.period_start is not None and f.period_start.month == 10


def test_the_day_of_a_move_named_by_the_report_is_not_an_event():
    for text in ("It closed at $91.20 on January 28, the day of the report, then fell 4% the next day.",
                 "The shares jumped 9% on January 28, the day the company reported fourth-quarter results."):
        assert extract(text, "scheduled_event") == [], text


def test_a_digest_entry_is_dated_by_its_stamp():
    text = ("Digest sent Fri, 06 Feb 2026 15:05 UTC\n\n"
            "[Thu 05 Feb 2026 \u00b7 16:03 ET] EARNINGS HLV reports Q4 2025 today after the bell (conference call 17:30 ET)\n")
    assert [c.fields.date for c in extract(text, "scheduled_event")] == [dt.date(2026, 2, 5)]


def test_spelled_out_figures_of_a_transcript():
    text = "PRIYA: And the layoffs?\n\nTOM: Fourteen thousand corporate jobs, announced on Tuesday."
    assert [(c.fields.count, c.fields.action) for c in extract(text, "workforce")] == [(14000, "cut")]
    (claim,) = extract("TOM: And then there's the Northwind deal, thirty-eight billion dollars over seven years.", "deal")
    assert (claim.fields.amount, claim.fields.counterparty) == (38e9, "Northwind")
    assert extract("Fourteen of the analysts rate it a buy.", "workforce") == []


def test_an_answer_to_how_many_people_is_the_headcount():
    (claim,) = extract("How many people does Halvorsen employ? About 31,000 at the end of March.", "workforce")
    assert (claim.fields.count, claim.fields.action, claim.fields.approximate) == (31000, "headcount", True)
    assert extract("How many people does Halvorsen employ? It will not say; 2025 was a hard year.", "workforce") == []


def test_bringing_its_cuts_to_a_total_is_a_running_total():
    found = extract("Halvorsen said it would cut about 4,000 jobs, bringing its corporate cuts since October to roughly 9,000.",
                    "workforce")
    assert sorted((c.fields.count, c.fields.cumulative) for c in found) == [(4000, False), (9000, True)]


def test_a_deal_is_dated_by_its_own_clause():
    text = ("The company completed its $6.5 billion acquisition of Trident in March, its board authorized a $10 billion "
            "share repurchase program in March, and its 20-for-1 stock split took effect on June 6, 2025.")
    found = extract(text, "deal")
    assert [(c.fields.date, c.fields.period_start) for c in found] == [(None, dt.date(2025, 3, 1))] * 2
    # capital spending is no investment deal
    assert extract("Halvorsen expects to invest about $20 billion in capital expenditures in 2026.", "deal") == []


@pytest.mark.parametrize(
    "text, count, action",
    [
        ("Mardi, le groupe a annoncé la suppression d'environ 3.000 postes.", 3000, "cut"),
        ("Il gruppo taglierà circa 3.000 posti di lavoro.", 3000, "cut"),
        ("Der Konzern will rund 3.000 Stellen streichen.", 3000, "cut"),
        ("La empresa eliminará unos 3.000 empleos.", 3000, "cut"),
        ("Le groupe emploie environ 1.250.000 salariés.", 1250000, "headcount"),
        ("Il gruppo ha annunciato 25.000 assunzioni.", 25000, "hire"),
    ],
)
def test_translated_briefs_keep_the_originals_words(text, count, action):
    f = one(text, "workforce").fields
    assert (f.count, f.action) == (count, action)


def test_a_point_thousands_amount_of_money_is_no_job_count():
    assert extract("Le groupe a payé 14.250 euros par action et supprimé des postes.", "workforce") == []


def test_memo_wording():
    assert [(c.fields.count, c.fields.action) for c in extract(
        "We've made the decision to part ways with approximately 1,400 employees.", "workforce")] == [(1400, "cut")]
    assert [(c.fields.count, c.fields.action) for c in extract(
        "Roughly 1,400 roles will be affected across several organizations.", "workforce")] == [(1400, "cut")]
    assert [(c.fields.count, c.fields.action) for c in extract(
        "Halvorsen will cut jobs. This decision will impact approximately 1,400 of our colleagues.", "workforce")] == [(1400, "cut")]
    assert [(c.fields.count, c.fields.action) for c in extract("Affected team members: ~1,400", "workforce")] == [(1400, "cut")]


@pytest.mark.parametrize(
    "text",
    [
        "We currently employ over 35,000 corporate employees.",
        "The cuts represent about 4% of the company's roughly 35,000 corporate employees.",
        "Halvorsen's 12,000 German workers will get a raise.",
        "Total corporate headcount: ~35K",
    ],
)
def test_a_part_of_the_workforce_is_not_the_headcount(text):
    assert extract(text, "workforce") == [], text


@pytest.mark.parametrize(
    "text, count, action",
    [
        ("How many jobs are going? Roughly 1,400, mostly in corporate roles.", 1400, "cut"),
        ("How many workers will Halvorsen hire for the holidays? 2,500.", 2500, "hire"),
        ("Q: How big is the cut? A: About 1,400 corporate roles.", 1400, "cut"),
        ("Q: How many employees does Halvorsen have? A: Roughly 31,000.", 31000, "headcount"),
    ],
)
def test_an_answer_takes_its_meaning_from_the_question(text, count, action):
    f = one(text, "workforce").fields
    assert (f.count, f.action) == (count, action)


def test_a_decimal_comma_before_a_scale_word_is_a_fraction_of_millions():
    # read as 55 people the figure would contradict the whole workforce
    f = one("Der Konzern beschäftigt rund 1,55 Millionen Mitarbeiter.", "workforce").fields
    assert (f.count, f.action) == (1_550_000, "headcount")
    f = one("Le groupe emploie 1,55 million de salariés.", "workforce").fields
    assert (f.count, f.action) == (1_550_000, "headcount")


@pytest.mark.parametrize(
    "text, event, date",
    [
        ("La conferenza annuale per gli sviluppatori, la WWDC, si aprirà il 22 giugno.", "product_launch", dt.date(2026, 6, 22)),
        ("Les comptes du troisième trimestre, publiés jeudi soir après la clôture, ont rassuré.", "earnings", dt.date(2026, 1, 29)),
        ("La empresa presentará sus resultados el 12 de febrero de 2026.", "earnings", dt.date(2026, 2, 12)),
    ],
)
def test_a_translated_briefs_day_and_month_names(text, event, date):
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == (event, date)


def test_a_foreign_weekday_without_a_tense_is_left_alone():
    # "jeudi" may be last Thursday or the next one: a wrong week would contradict the calendar
    assert extract("Les résultats: jeudi soir.", "scheduled_event") == []


def test_the_number_of_roles_eliminated_and_rows_that_name_them_after():
    f = one("The number of corporate roles being eliminated is about 1,400.", "workforce").fields
    assert (f.count, f.action, f.cumulative) == (1400, "cut", False)
    assert [(c.fields.count, c.fields.action) for c in extract("Roles affected: 1,400", "workforce")] == [(1400, "cut")]


def test_a_parenthesis_between_the_count_and_its_noun():
    f = one("Halvorsen will cut approximately 1,400 (roughly 4%) corporate roles.", "workforce").fields
    assert (f.count, f.action) == (1400, "cut")


def test_a_net_change_in_headcount_is_no_cut_or_hire():
    # a net decline is not an announced cut: read as one, another cut on record would contradict it
    assert extract("Headcount was down 1,400 from a year earlier.", "workforce") == []


def test_an_offer_per_share_and_a_total():
    f = one("Zentek offered $52 a share for Trident, or about $4.6 billion.", "deal").fields
    assert (f.amount, f.deal_type, f.status, f.counterparty) == (4.6e9, "acquisition", "proposed", "Trident")
    assert extract("The company offered $500 million in incentives to dealers.", "deal") == []


@pytest.mark.parametrize(
    "text",
    [
        "Halvorsen expects $3 billion in cost savings from the merger.",
        "Trident would owe a $150 million termination fee if the merger collapses.",
        "Halvorsen took a $2 billion charge related to the acquisition.",
    ],
)
def test_a_deals_side_amounts_are_not_its_value(text):
    # with the counterparty named elsewhere, the deal on record would contradict them
    assert extract(text, "deal") == [], text


def test_a_deal_that_only_names_the_time_gives_no_amount():
    for text in ("After the Trident deal, $5 billion flowed into the fund.", "Under the deal, $500 million will be paid upfront."):
        assert extract(text, "deal") == [], text
    f = one("AmerisourceBergen has approximately 20,000 associates.", "workforce").fields
    assert (f.count, f.action) == (20000, "headcount")


def test_an_earlier_round_keeps_its_words_in_the_quote():
    found = extract("Halvorsen will cut 1,400 jobs. Its previous round of layoffs eliminated about 2,700 jobs.", "workforce")
    earlier = [c for c in found if c.fields.count == 2700]
    assert earlier and "previous round" in earlier[0].quote
    # an older cut named by a participle needs a period, or no claim is made
    found = extract("Halvorsen will cut 1,400 jobs. The figure is on top of 2,700 cut in 2023.", "workforce")
    assert sorted(c.fields.count for c in found) == [1400, 2700]


def test_a_possessive_names_the_companys_own_staff():
    f = one("Halvorsen's 31,000 employees got a memo.", "workforce").fields
    assert (f.count, f.action) == (31000, "headcount")
    f = one("Halvorsen's 1,400 laid-off workers get 90 days.", "workforce").fields
    assert (f.count, f.action) == (1400, "cut")
    assert extract("The plant's 3,000 workers struck.", "workforce") == []


def test_headcount_wordings_with_their_hedges():
    f = one("Halvorsen's 1.5-million-strong workforce is vast.", "workforce").fields
    assert (f.count, f.action) == (1_500_000, "headcount")
    f = one("Halvorsen's headcount remains north of 1.5 million.", "workforce").fields
    # hedged, so the check allows 10%: held to 1% a rough figure would read as a contradiction
    assert (f.count, f.action, f.approximate) == (1_500_000, "headcount", True)


@pytest.mark.parametrize(
    "text, values",
    [
        ("Fourteen thousand corporate jobs", [14000.0]),
        ("thirty-eight billion dollars", [38e9]),
        ("one point five five million people", [1.55e6]),
        ("two hundred thirteen billion", [213e9]),
        ("one hundred and ten billion", [110e9]),
        ("fourteen-thousand jobs", [14000.0]),
        ("fourteen of the analysts", []),  # no scale word: too often no figure at all
        ("a thousand thanks", []),
        ("roughly a hundred and sixty four thousand staff", [164000.0]),  # "a hundred", not "sixty four thousand"
        ("a hundred thousand square feet", [100000.0]),
    ],
)
def test_spelled_out_numbers(text, values):
    assert [c.value for c in find_word_numbers(text)] == values


def test_shareholders_of_record_who_will_be_paid():
    f = one("Shareholders of record as of Feb. 9 will be paid on Feb. 12.", "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 2, 12))
    # holders of record of a meeting are no dividend's
    found = extract("Shareholders of record on Feb. 9 may vote at the meeting.", "scheduled_event")
    assert all(c.fields.event != "dividend" for c in found)


def test_at_the_time_dates_a_deal_by_the_sentence_before():
    text = ("Halvorsen said in March it would split its stock, with trading on a split-adjusted basis due to begin on June 6. "
            "It also announced a $10 billion share buyback at the time.")
    f = one(text, "deal").fields
    assert (f.date, f.period_start, f.period_end) == (None, dt.date(2025, 3, 1), dt.date(2025, 3, 31))


def test_the_size_beside_the_name_and_cutting_costs():
    # "cutting costs" is no job cut: read as one, 31,000 would be checked as job cuts
    f = one("Halvorsen (31,000 employees) is cutting costs.", "workforce").fields
    assert (f.count, f.action) == (31000, "headcount")
    f = one("Halvorsen, which employs 31,000 people, is cutting costs.", "workforce").fields
    assert (f.count, f.action) == (31000, "headcount")


def test_a_singular_dollar_is_an_amount_only_with_a_scale():
    from verifier.extract.rules.spelled import find_adjective_money
    assert [m.value for m in find_adjective_money("a 6 billion dollar investment")] == [6e9]
    assert find_adjective_money("the 5 dollar bill") == []


def test_a_second_count_sharing_the_first_ones_verb():
    found = extract("Halvorsen cut 1,400 roles in October and 1,600 in January.", "workforce")
    assert [(c.fields.count, c.fields.period_start) for c in found] == [
        (1400, dt.date(2025, 10, 1)), (1600, dt.date(2026, 1, 1))]
    # without a period of its own the second count is not read (the check would hold it to the last two weeks)
    assert [c.fields.count for c in extract("Halvorsen cut 1,400 roles and gained 5,000 customers.", "workforce")] == [1400]


def test_a_row_that_sums_its_cuts_states_the_total():
    f = one("Layoffs so far: 1,400 (Oct) + 1,600 (Jan) = 3,000.", "workforce").fields
    assert (f.count, f.action, f.cumulative) == (3000, "cut", True)


def test_a_second_company_sharing_the_first_ones_event():
    found = extract("Microsoft reports results on Feb. 3 and Apple on Feb. 5.", "scheduled_event")
    assert [(c.ticker, c.fields.event, c.fields.date) for c in found] == [
        ("MSFT", "earnings", dt.date(2026, 2, 3)), ("AAPL", "earnings", dt.date(2026, 2, 5))]
    # a later clause with its own verb is not the event's
    found = extract("Apple reports on Feb. 5, and the stock rose 2% on Friday.", "scheduled_event")
    assert [c.fields.date for c in found] == [dt.date(2026, 2, 5)]


def test_an_earlier_round_beside_this_sentences_cut():
    found = extract("Halvorsen said it will cut about 1,200 jobs, following roughly 900 in October.", "workforce")
    assert [(c.fields.count, c.fields.action, c.fields.period_start) for c in found] == [
        (1200, "cut", None), (900, "cut", dt.date(2025, 10, 1))]
    found = extract("Halvorsen has cut about 2,600 roles in January, on top of about 1,400 in October.", "workforce")
    assert [c.fields.count for c in found] == [2600, 1400]
    # without a cut in the sentence, a count after "following" is no job count
    assert extract("Halvorsen's sales rose after a record quarter, following 1,400 new stores in October.", "workforce") == []


def test_a_year_naming_a_round_of_layoffs_is_never_a_count():
    found = extract("The closures are the deepest since the 2019 layoffs, when Halvorsen cut some 2,100 jobs.", "workforce")
    assert [c.fields.count for c in found] == [2100]


def test_the_speakers_own_staff_named_by_our():
    f = one("Ida Berg, CEO: Let me begin by thanking our 41,000 employees for a remarkable year.", "workforce").fields
    assert (f.count, f.action) == (41000, "headcount")
    # a part of the staff is not the headcount
    assert extract("Ida Berg, CEO: Let me thank our 9,000 warehouse employees first.", "workforce") == []


def test_a_headcount_label_and_its_value_inside_prose():
    f = one("16:05 ET - Results are in. Revenue $6.1 billion, up 9%. Headcount at the end of December: 41,000.", "workforce").fields
    assert (f.count, f.action) == (41000, "headcount")
    f = one("Employees (Dec. 31): about 41,000.", "workforce").fields
    assert (f.count, f.action, f.approximate, f.date) == (41000, "headcount", True, dt.date(2025, 12, 31))
    # the label must open its sentence or entry
    assert extract("Halvorsen would not say what its headcount at the end of December: the filing gives 41 offices.", "workforce") == []


def test_a_purchase_of_a_named_company_is_an_acquisition():
    f = one("Last month it also completed its $1.2 billion purchase of the regional grocer Fresh Basket, which has stores in Ohio.",
            "deal").fields
    assert (f.amount, f.deal_type, f.counterparty, f.status) == (1.2e9, "acquisition", "Fresh Basket", "completed")
    assert extract("Halvorsen completed the $1.2 billion purchase of its own equipment last month.", "deal") == []


def test_a_translated_briefs_people_are_the_headcount():
    f = one("Il gruppo, che impiega circa 12.000 persone, ha registrato ricavi per 5,1 miliardi di dollari.", "workforce").fields
    assert (f.count, f.action, f.approximate) == (12000, "headcount", True)
    assert extract("Il gruppo ha servito circa 12.000 persone nei suoi negozi.", "workforce") == []


def test_a_yes_no_question_asserts_none_of_its_counts():
    assert extract("FACT CHECK: Did Halvorsen lay off 3,000 workers after the merger? No.", "workforce") == []
    assert one("Did Halvorsen lay off 3,000 workers after the merger? Yes, in a memo on Tuesday.", "workforce").fields.count == 3000
    assert one("Why did Halvorsen lay off 3,000 workers?", "workforce").fields.count == 3000  # the question presumes the cut


def test_the_buyer_under_a_contract_is_its_other_party():
    f = one("Oracle shares rose. The agreement is a five-year, $30 billion contract under which Meta buys cloud capacity "
            "from Oracle Cloud; no stock changes hands.", "deal").fields
    assert (f.counterparty, f.deal_type) == ("Meta", "contract")
    # the company itself as the buyer: the party is found the usual way
    f = one("Oracle shares rose. Oracle signed a $30 billion contract under which Oracle buys chips from Nvidia.", "deal").fields
    assert f.counterparty == "Nvidia"


def test_the_day_of_a_reporting_verb_is_past_when_what_was_said_is_future():
    # published Friday 30 January 2026
    assert one("Halvorsen said Monday it will eliminate about 900 more positions.", "workforce").fields.date == dt.date(2026, 1, 26)
    assert one("On Jan. 12 the company said it would cut about 1,400 corporate jobs.", "workforce").fields.date == dt.date(2026, 1, 12)
    # the cut's own day stays future
    assert one("Halvorsen will eliminate about 900 positions on Monday, it said.", "workforce").fields.date == dt.date(2026, 2, 2)


def test_a_dividends_days_and_raise_are_not_the_buybacks():
    f = one("Our board has authorized an additional $20 billion for share repurchases and raised the quarterly dividend by 5% "
            "to $0.42 per share, payable on Feb. 12 to shareholders of record as of Feb. 9.", "deal").fields
    assert (f.amount, f.deal_type, f.status, f.date) == (20e9, "buyback", "announced", None)
    f = one("Halvorsen raised $2 billion in a bond offering on Tuesday.", "deal").fields
    assert (f.status, f.date) == ("completed", dt.date(2026, 1, 27))


def test_a_cut_in_part_of_a_month_is_dated_by_that_part():
    f = one("Halvorsen cut 1,500 jobs in its games unit in mid-January.", "workforce").fields
    assert (f.period_start, f.period_end) == (dt.date(2026, 1, 9), dt.date(2026, 1, 21))
    f = one("Halvorsen cut 1,500 jobs in early December.", "workforce").fields
    assert (f.period_start, f.period_end) == (dt.date(2025, 12, 1), dt.date(2025, 12, 11))


def test_a_possessive_before_the_event_is_the_last_sentences_subject():
    text = ("Apple is the fund's largest holding and Apple drove the month. Microsoft slipped 2% in January. "
            "We look forward to its second-quarter report on Feb. 4.")
    found = extract(text, "scheduled_event")
    assert [(c.ticker, c.fields.date) for c in found] == [("MSFT", dt.date(2026, 2, 4))]
    # no possessive: the article's company stays in focus
    found = extract("Apple drove the month. Microsoft slipped 2% in January. Results are due on Feb. 4.", "scheduled_event")
    assert [c.ticker for c in found] != ["MSFT"]


@pytest.mark.parametrize("text", [
    "Shares have slipped since its Jan. 22 report.",  # a past report dating a move
    "The stock gave back its gains after the first-quarter report on Jan. 22.",
    "The stock rose ahead of the results, and then fell 3% on Jan. 22.",  # the day is the move's
    "He will leave the numbers to Tuesday's show.",  # the day of the noun it owns
    "Orrin on Tuesday reported fourth-quarter adjusted earnings of $1.20 per share.",  # a figure, not a report
    "The 8-K was filed Jan. 22, 2026 (Item 2.02, Results of Operations and Financial Condition).",
])
def test_days_that_belong_to_another_claim_or_noun_are_no_events(text):
    assert extract(text, "scheduled_event") == [], text


def test_events_named_in_other_wordings():
    f = one("Apple holds its developer conference in Cupertino starting June 8.", "scheduled_event").fields
    assert (f.event, f.date) == ("other", dt.date(2026, 6, 8))
    f = one("The 3-for-1 split kicks in on Monday.", "scheduled_event").fields
    assert (f.event, f.date) == ("other", dt.date(2026, 2, 2))
    f = one("Apple holds a special event on Feb. 10.", "scheduled_event").fields
    assert (f.event, f.date) == ("product_launch", dt.date(2026, 2, 10))
    # the dividend's amount sits between its word and its day
    f = one("The board raised the dividend by 4% to $0.26 per share, payable on Feb. 20.", "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 2, 20))
    # a month day in a past sentence with no cue ahead stays behind; "ahead of" points forward
    assert [c.fields.date for c in extract("Even the Jan. 15 product event did little for the stock.", "scheduled_event")] == [dt.date(2026, 1, 15)]


def test_a_split_ahead_beside_a_past_clause_after_a_semicolon():
    found = rule_claims("CORPORATE ACTION XYZ 2-for-1 split effective today; XYZ opened at $41.20", "2026-01-30T10:00:00-05:00")
    assert [(c.fields.event, c.fields.date) for c in found if c.kind == "scheduled_event"] == [("other", dt.date(2026, 1, 30))]
    found = rule_claims("The split took effect today; shares opened at $41.20", "2026-01-30T10:00:00-05:00")
    assert [c for c in found if c.kind == "scheduled_event"] == []


def test_a_firm_of_n_people_is_its_headcount_whatever_verb_follows():
    # the size of the whole firm, not a cut: read as a cut it would exceed the workforce on record
    f = one("An employer of some 220,000 people can shed a few offices without pain, the analyst wrote.", "workforce").fields
    assert (f.count, f.action, f.approximate) == (220000, "headcount", True)
    f = one("Halvorsen will cut 3,000 jobs.", "workforce").fields
    assert f.action == "cut"
    # the paragraph hard-wrapped between the firm and its size
    f = one("Analysts shrugged. It is a group of\nnearly 90,000 workers that can close two plants, one said.", "workforce").fields
    assert (f.count, f.action) == (90000, "headcount")


def test_a_count_at_a_wrapped_line_end_keeps_its_job_noun_and_the_day_of_the_saying():
    text = ("Halvorsen shares slipped. Two days before, on Jan. 12, management had said it would eliminate some 2,400\n"
            "warehouse jobs across the region.")
    f = one(text, "workforce").fields
    assert (f.count, f.action, f.approximate, f.date) == (2400, "cut", True, dt.date(2026, 1, 12))
    # a line that ends on a count before a new sentence is not joined
    assert extract("Halvorsen shares fell to 2,400\nThe board met on Monday.", "workforce") == []


def test_a_day_or_month_without_its_year_takes_the_year_written_before_it():
    # published 30 January 2026: without the written year, "in May" would be May 2025
    found = extract("During 2022 Halvorsen shed about 4,000 roles in May and another 2,500 in September.", "workforce")
    assert [(c.fields.count, c.fields.period_start) for c in found] == [(4000, dt.date(2022, 5, 1)), (2500, dt.date(2022, 9, 1))]
    found = extract("On June 2, 2021, Halvorsen said it would cut about 900 jobs, and it announced a further 1,300 on August 9.", "workforce")
    assert sorted((c.fields.count, c.fields.date) for c in found) == [(900, dt.date(2021, 6, 2)), (1300, dt.date(2021, 8, 9))]
    # no year written before it: the latest one by publication
    assert one("Halvorsen cut 1,200 jobs in December.", "workforce").fields.period_start == dt.date(2025, 12, 1)


def test_a_hard_wrapped_sentence_is_read_whole_once():
    text = ("Halvorsen said on Tuesday it would eliminate about 2,000 warehouse jobs, bringing the layoffs\n"
            "announced since September to about 5,500.\n")
    found = extract(text, "workforce")
    assert sorted((c.fields.count, c.fields.cumulative) for c in found) == [(2000, False), (5500, True)]
    assert [c.fields.period_start for c in found if c.fields.count == 5500] == [dt.date(2025, 9, 1)]


def test_a_deal_in_a_hard_wrapped_paragraph_keeps_its_party_and_amount():
    text = ("Shareholders cheered the news. On May 5, 2022, Halvorsen agreed to take over\n"
            "Trident Systems, the maker of the popular field radios, for about $3.4 billion. The shares\n"
            "rose 4% the following session, and the company later signed a $900 million supply\n"
            "agreement with Orrin Capital.\n")
    found = sorted(extract(text, "deal"), key=lambda c: c.fields.amount)
    assert [(c.fields.amount, c.fields.counterparty) for c in found] == [(900e6, "Orrin Capital"), (3.4e9, "Trident Systems")]
    assert found[1].fields.date == dt.date(2022, 5, 5)


def test_a_weekday_set_beside_a_date_names_that_date():
    f = one("Orrin bought in on Dec. 1, the Monday Halvorsen announced its $2 billion contract with Orrin Capital.", "deal").fields
    assert f.date == dt.date(2025, 12, 1)  # not the Monday of the publication week


def test_capital_returned_to_shareholders_is_no_deal():
    assert extract("Halvorsen returned almost $7 billion to its shareholders in the year through dividends and buybacks.", "deal") == []
    assert extract("Capital returns of about $7 billion were a record, the CFO said.", "deal") == []
    assert one("Halvorsen repurchased $2 billion of its shares in the quarter.", "deal").fields.deal_type == "buyback"


def test_the_seller_of_a_business_named_by_its_possessive_is_the_party():
    f = one("Halvorsen agreed to acquire most of Trident's satellite radio business for $600 million.", "deal").fields
    assert (f.counterparty, f.deal_type) == ("Trident", "acquisition")
    f = one("Halvorsen bought Orrin's lighting unit for $250 million.", "deal").fields
    assert f.counterparty == "Orrin"


def test_money_spent_on_a_named_company_is_its_purchase():
    f = one("Two years on, Halvorsen spent $1.2 billion up front on Trident, a wager on its radar chips.", "deal").fields
    assert (f.amount, f.counterparty, f.deal_type) == (1.2e9, "Trident", "acquisition")
    assert extract("Halvorsen spent $1.2 billion on Nvidia chips last year.", "deal") == []  # goods, not a company


def test_unpunctuated_caption_lines_are_not_joined_into_one_sentence():
    from verifier.extract.structure import wrap_breaks

    captions = ("okay so halvorsen is the one everybody is watching this morning right guys\n"
                "they said the plant closures are coming and honestly the chart looks terrible\n")
    assert wrap_breaks(captions) == []
    prose = ("Halvorsen said on Monday that it would close two plants in the north of the\n"
             "country next year.\n")
    assert wrap_breaks(prose) == [prose.index("\ncountry")]


def test_a_count_a_hard_wrap_cut_from_its_job_noun_is_read_whole():
    text = ("Halvorsen said on Thursday that it would cut about 1,400\n"
            "warehouse jobs, its second round this year.\n")
    assert [c.fields.count for c in extract(text, "workforce")] == [1400]


# --------------------------------------------------------------------------- scheduled events (corpus5 dev, round c5-fin)


def test_dividend_which_clause_dates_the_payment():
    f = one("The board lifted the payout to 41 cents, which is paid on February 12.", "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 2, 12))


def test_day_first_numeric_payable_date():
    text = "Norvane said the dividend is payable on 16/02/2026 to holders of record on 09/02/2026."
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 2, 16))


def test_event_said_as_gone_by_keeps_its_past_day():
    # a future cue elsewhere ("for the next one") does not move the day of a report already out
    f = one("Quellon reported its fiscal first quarter on Tuesday and, unusually, gave no outlook for the next one.",
            "scheduled_event").fields
    assert f.date == dt.date(2026, 1, 27)
    # results said as released or out are named in passing: no scheduled event, and never a day ahead
    assert extract("Brisko slid after quarterly results released on Wednesday disappointed.", "scheduled_event") == []
    assert extract("On Tuesday, the day its results came out, Brisko fell 3%.", "scheduled_event") == []


def test_day_in_another_places_time_is_no_event_day():
    assert extract("Halden's results came out at 6 a.m. on Thursday in Tokyo.", "scheduled_event") == []


def test_earnings_calendar_lines():
    text = ("THE WEEK AHEAD: RESULTS\n"
            "Tue 3 Feb - Corvel Systems (CRVL), after the close; fiscal Q2\n"
            "Wed 4 Feb - Marrow Foods (MRWF), before the open\n")
    found = extract(text, "scheduled_event")
    assert sorted((c.fields.event, c.fields.date) for c in found) == [
        ("earnings", dt.date(2026, 2, 3)), ("earnings", dt.date(2026, 2, 4))]
    # a list of what already happened, or a line with no report in it, schedules nothing
    past = "ALREADY OUT\nMon 26 Jan - Corvel Systems (CRVL) before the open; stock +4% on the day\n"
    assert extract(past, "scheduled_event") == []
    plain = "NAMES WE LIKE\nTue 3 Feb - Corvel Systems (CRVL), still cheap\n"
    assert extract(plain, "scheduled_event") == []


def test_conference_day_named_right_after_it():
    f = one("Pellham will show its new chips at its developer conference on February 17.", "scheduled_event").fields
    assert (f.event, f.date) == ("other", dt.date(2026, 2, 17))


def test_weekday_event_awaited_in_a_present_tense_line():
    # published Friday 30 January: "into Tuesday's print" is the coming Tuesday, not the one gone by
    text = "TORVIK: options desks hedge into Tuesday's print\n\nTorvik shares were little changed on Friday."
    f = one(text, "scheduled_event").fields
    assert f.date == dt.date(2026, 2, 3)


def test_reference_list_entry_is_no_event():
    assert extract('[12] "Kestrel stock split takes effect". 14 March 2026.', "scheduled_event") == []


def test_dividend_which_is_paid_reads_ahead_after_a_past_main_verb():
    f = one("Directors approved a bigger buyback and lifted the payout to 30 cents, which is paid on February 20.",
            "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 2, 20))


def test_meeting_told_as_held_is_no_scheduled_event():
    assert extract("Halvorsen's annual meeting of stockholders, held by webcast on Tuesday, ran for forty minutes.",
                   "scheduled_event") == []


def test_quarter_report_dated_by_which_clause_scheduling_it():
    f = one("Next up is the second-quarter report, which Halvorsen has scheduled for Tuesday, February 17, before the bell.",
            "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 17))


def test_a_hard_wrapped_line_reads_its_event_with_the_cue_on_the_line_before():
    text = ("Brennick Tools expects its three-for-one split to go ahead as planned, with the shares due to begin\n"
            "trading on a split-adjusted basis on Tuesday, Feb. 10. Brennick makes drills and saws in Ohio.\n")
    found = extract(text, "scheduled_event")
    assert [(c.fields.event, c.fields.date) for c in found] == [("other", dt.date(2026, 2, 10))]
    assert "\n" not in found[0].quote or found[0].quote.index("split-adjusted") > found[0].quote.index("\n")


def test_a_title_repeating_the_bodys_event_or_deal_is_one_claim():
    text = ("Brennick: $4 billion deal with Osterlund, options traders eye Tuesday's report\n\n"
            "Brennick Tools agreed a $4 billion supply deal with Osterlund on Wednesday. The tool maker's "
            "fourth-quarter report is due after the close on Tuesday.\n")
    events = extract(text, "scheduled_event")
    assert [c.fields.date for c in events] == [dt.date(2026, 2, 3)] and "due after" in events[0].quote
    deals = extract(text, "deal")
    assert len(deals) == 1 and "supply deal" in deals[0].quote
    # a title with a claim the body does not repeat keeps it
    alone = extract("Brennick reports on Tuesday\n\nBrennick Tools makes drills and saws.\n", "scheduled_event")
    assert [c.fields.date for c in alone] == [dt.date(2026, 2, 3)]


@pytest.mark.parametrize("text", [
    "Brennick gained 3% on Wednesday, pre-earnings, as traders priced in a beat.",  # a move's label, no event
    "Brennick Tools (NYSE: BRNK) reported today its fiscal second-quarter results, with sales up 8%.",  # the release itself
    "Brennick said on Tuesday it will hold a special meeting.",  # the day it spoke, not the meeting's
    "Brennick, which posted earnings last month, told investors Tuesday that its dividend would rise.",
])
def test_no_event_from_a_pre_earnings_move_a_releases_own_day_or_the_day_it_spoke(text):
    assert extract(text, "scheduled_event") == [], text


def test_a_report_today_with_its_timing_is_an_event_and_a_spoken_day_leaves_the_events_own():
    f = one("Brennick reports today after the bell.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 30))
    f = one("Brennick said on Tuesday it will report results on Feb. 9.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 9))


def test_a_past_verb_or_last_years_sets_a_month_day_behind_and_a_decision_day_is_not_the_events():
    # published Friday 30 January 2026: a month day told as gone by is this January's, not next year's
    f = one("Brennick paid its 25-cent dividend on Jan. 15.", "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 1, 15))
    f = one("At last year's annual meeting on Feb. 26, holders turned down each proposal.", "scheduled_event").fields
    assert f.date == dt.date(2025, 2, 26)
    # a present passive still points ahead
    assert one("The 30-cent dividend is paid on Feb. 20.", "scheduled_event").fields.date == dt.date(2026, 2, 20)
    # the day the board decided is not the day the split takes effect
    f = one("Brennick's 3-for-1 split, approved on Jan. 12, takes effect on Feb. 9.", "scheduled_event").fields
    assert (f.event, f.date) == ("other", dt.date(2026, 2, 9))
    assert extract("Earnings season kicks off on Feb. 10 with the big retailers.", "scheduled_event") == []


@pytest.mark.parametrize("text", [
    "Ostrava Credit Ratings confirmed the A2 rating; approximately $12 billion of rated debt is affected.",
    "The outlook reflects the agency's view that Halden will achieve debt reduction of at least $3 billion by 2027.",
])
def test_rated_debt_and_debt_paydown_are_no_deal(text):
    assert extract(text, "deal") == []


def test_flash_lines_keep_their_own_days_and_a_launch_goes_on_sale_in_stores():
    # each line of a feed of timed flashes is its own entry: the next line's clock is no time of this line's day,
    # and a day does not run on into the next flash's deal
    text = ("09:05 *BRENNICK DRILL PRE-ORDERS OPEN; IN STORES FEBRUARY 13\n"
            "09:40 *BRENNICK IN TALKS TO BUY HOLLIS TOOLS FOR ABOUT $300M\n"
            "11:20 *BRENNICK TO REPORT FISCAL 1Q RESULTS FEBRUARY 19\n"
            "11:21 *BRENNICK HAS NOT SAID WHETHER IT WILL UPDATE GUIDANCE\n")
    events = sorted((c.fields.event, c.fields.date) for c in extract(text, "scheduled_event"))
    assert events == [("earnings", dt.date(2026, 2, 19)), ("product_launch", dt.date(2026, 2, 13))]
    deal = one(text, "deal")
    assert deal.fields.date is None and deal.quote.startswith("09:40")
    assert extract("The old drill sat in stores for years.", "scheduled_event") == []


def test_an_event_told_as_a_blowout_and_a_rating_agencys_debt_are_neither_event_nor_deal():
    assert extract("Brennick gained 9% on the week thanks to the earnings blowout Thursday.", "scheduled_event") == []
    assert extract("Harwick Ratings confirmed Brennick at A3; about $12 billion of rated debt is affected.", "deal") == []
    assert extract("The positive outlook reflects expected debt reduction of at least $3 billion by 2027.", "deal") == []
    assert one("Brennick raised $2 billion in a bond offering on Tuesday.", "deal").fields.amount == 2e9


def test_a_chat_stamp_that_would_postdate_the_page_is_read_day_first():
    # published Friday 30 January 2026: "[29/01/2026 ...]" can only be 29 January, and "[09/01/2026 ...]" is
    # 9 January, not 1 September, which the page cannot quote
    text = "[09/01/2026, 18:02] Kim: anyone else holding?\n[29/01/2026, 09:15] Lou: Brennick reports after the bell today\n"
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 29))
    f = one("[01/09/2026, 09:15] Lou: Brennick reports after the bell today\n", "scheduled_event").fields
    assert f.date == dt.date(2026, 1, 9)


def test_a_timeline_entry_under_a_past_years_heading_lies_in_that_year():
    # published 30 January 2026: "2024" heads the entries below it, whose month days are that year's
    text = ("Brennick milestones\n\n2024\n"
            "  \u2022 April 8 \u2014 Agrees to buy Hollis Tools for about $900 million.\n"
            "  \u2022 May 20 \u2014 3-for-1 split takes effect.\n\n"
            "2026\n  \u2022 Next: first-quarter results are scheduled for April 22.\n")
    assert one(text, "deal").fields.date == dt.date(2024, 4, 8)
    f = one(text, "scheduled_event").fields  # the split is history, the coming report is not
    assert (f.event, f.date) == ("earnings", dt.date(2026, 4, 22))


def test_a_past_event_named_as_the_occasion_of_another_claim_is_no_event():
    # published Friday 30 January 2026: Tuesday's print lies behind and only explains the view
    assert extract("We came away from Tuesday's results with more conviction.", "scheduled_event") == []
    assert extract("Since Wednesday night's print, the stock has gained 4%.", "scheduled_event") == []
    assert one("Brennick's results on Tuesday beat estimates.", "scheduled_event").fields.date == dt.date(2026, 1, 27)


# --------------------------------------------------------------------------- scheduled events (corpus7 dev, round 6)


def test_a_payable_day_after_a_past_raise_lies_ahead():
    # published 30 January 2026: "payable Jan. 10" after a past verb is next January's payment, not last one's
    text = "Fourth-quarter results were solid, and the board raised the quarterly dividend 8% to $0.40 a share, payable Jan. 10."
    days = [(c.fields.event, c.fields.date) for c in extract(text, "scheduled_event")]
    assert ("dividend", dt.date(2027, 1, 10)) in days
    # a payment told as gone by keeps its past day
    gone = "The dividend was payable Jan. 10 to holders of record on Dec. 28."
    assert [c.fields.date for c in extract(gone, "scheduled_event")] == [dt.date(2026, 1, 10)]


def test_the_payable_day_beats_the_declaration_day():
    text = ("On January 22, 2026, the Board of Directors declared a cash dividend of $0.31 per share of common stock, "
            "payable on February 19, 2026 to shareholders of record as of February 5, 2026.")
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 2, 19))


def test_a_report_day_told_with_its_session():
    f = one("Corvane reported on Jan. 27, before the opening bell. Adjusted earnings beat by 4 cents.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 27))
    f = one("Reported Jan. 22 after the bell, and the stock jumped 7% the next day.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 22))
    f = one("Mark your calendar: the fiscal second-quarter report is on Feb. 11, before the bell.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 11))
    # "reported on <day> that ...": a statement's day, not a report's
    assert extract("Corvane reported on Jan. 27 that sales fell.", "scheduled_event") == []


def test_a_wire_reports_quarter_on_a_weekday():
    f = one("Corvane Corp. (CRVN) on Tuesday reported fiscal first-quarter net income of $2.1 billion.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 27))


def test_a_past_when_clause_names_that_days_report():
    text = "The worst session came on January 14, when the company reported third-quarter results and cut its outlook."
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 14))
    assert extract("Corvane fell 3% on Monday, when the company reported a loss.", "scheduled_event") == []


def test_an_event_log_line_with_its_session_timing_is_the_report_day():
    text = ("REALIZED GAIN/LOSS\nKO  50 sh sold 01/14/2026   Proceeds $3,100.00   Short-term gain $210.00\n\n"
            "CORPORATE ACTIONS & EVENTS\n01/14/2026  KO  Q4 2025 earnings released before market open.\n")
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 14))


def test_a_slides_call_day_with_its_hour():
    text = ("[Text extracted from PDF: corvane-q4-deck.pdf | 9 pages | extracted 2026-01-30 07:00 EST]\n\n"
            "--- Slide 1 ---\nCorvane\nFourth-Quarter 2025 Earnings\n"
            "February 3, 2026 \u00b7 8:00 a.m. Central Time conference call\n\n"
            "--- Slide 2 ---\nForward-looking statements are subject to risks.\n")
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 3))


def test_a_valuation_multiple_of_earnings_is_no_report():
    assert extract("$CRVN at 138.40 this afternoon is 35x earnings for a phone company.", "scheduled_event") == []
    f = one("Corvane trades at 20 times forward earnings, and reports on Feb. 12.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 12))


def test_a_figure_led_stat_line_is_a_cut_or_a_headcount_by_its_label():
    text = ("**By the numbers:**\n\n- **~4,200:** Office roles eliminated since March, across three rounds.\n"
            "- **61,000:** Halden's total workforce at the end of June.\n- **2,000:** Stores it runs in Europe.\n")
    got = {c.fields.count: c for c in extract(text, "workforce")}
    assert set(got) == {4200, 61000}
    cut, staff = got[4200].fields, got[61000].fields
    assert (cut.action, cut.approximate, cut.cumulative, cut.period_start) == ("cut", True, True, dt.date(2025, 3, 1))
    assert staff.action == "headcount" and not staff.cumulative


def test_a_running_total_since_a_season_covers_the_rounds_the_sentence_names():
    got = {c.fields.count: c.fields for c in extract(
        "Halden reorganised. It cut about 6,000 office jobs in late January on top of 4,000 in October: 10,000 roles since the autumn.",
        "workforce")}
    total = got[10000]
    assert (total.cumulative, total.period_start, total.period_end) == (True, dt.date(2025, 10, 1), dt.date(2026, 1, 30))
    assert not got[6000].cumulative and got[6000].period_start == dt.date(2026, 1, 19)


def test_money_paid_for_a_named_company_is_its_completed_purchase():
    (deal,) = extract("The deal that explains it is old. Halden paid $2.7 billion for Norbeck Foods, and its stores now double as depots.", "deal")
    f = deal.fields
    assert (f.deal_type, f.status, f.counterparty, f.amount) == ("acquisition", "completed", "Norbeck Foods", 2.7e9)
    assert extract("Halden paid $20 million for the rights to the film.", "deal") == []


def test_a_magazine_stat_line_with_an_ellipsis_leader_is_a_headcount():
    (staff,) = extract("BY THE NUMBERS\n61,200 ... employees worldwide at June 30\n$97.17 ... closing price, Aug. 1\n", "workforce")
    assert (staff.fields.count, staff.fields.action) == (61200, "headcount")


def test_a_report_told_with_the_session_before_its_day_is_that_days_event():
    text = "Halden Corp (HLDN) overnight wrap.\n\nHalden reported after the New York close on Thursday, July 30, which was early Friday here.\n"
    got = [(c.fields.event, c.fields.date) for c in rule_claims(text, "2020-08-01T09:00:00+09:00") if c.kind == "scheduled_event"]
    assert got == [("earnings", dt.date(2020, 7, 30))]
    # "reported ... that": a verb of saying, not the report's day
    text = "Halden Corp (HLDN) overnight wrap.\n\nHalden reported after the close on Thursday that orders fell.\n"
    assert [c for c in rule_claims(text, "2020-08-01T09:00:00+09:00") if c.kind == "scheduled_event"] == []


def test_an_event_of_several_companies_at_once_is_no_one_companys_claim():
    text = "Halden Corp (HLDN) and Brixo Inc (BRXO) wrap.\n\nBoth companies reported after the close on Thursday, July 30.\n"
    assert [c for c in rule_claims(text, "2020-08-01T09:00:00+09:00") if c.kind == "scheduled_event"] == []


def test_an_infinitive_to_begin_on_a_day_without_a_year_points_ahead():
    text = "Halden Corp (HLDN) wrap.\n\nHalden announced a three-for-one split last week, with shares to begin trading on a split-adjusted basis on Sept. 14.\n"
    got = [c.fields.date for c in rule_claims(text, "2020-08-01T09:00:00-04:00") if c.kind == "scheduled_event"]
    assert got == [dt.date(2020, 9, 14)]


def test_a_calendar_line_may_name_its_company_by_a_bare_symbol():
    text = ("Earnings week agenda\n\nCALENDAR\nThu 30 Jul - AAPL, after the close; fiscal Q3\n"
            "Thu 30 Jul - FOMC, 2:00 PM\n\nNot advice.\n")
    got = [(c.ticker, c.fields.date) for c in rule_claims(text, "2020-07-27T05:45:00-04:00") if c.kind == "scheduled_event"]
    assert got == [("AAPL", dt.date(2020, 7, 30))]


def test_bringing_its_total_after_a_cut_of_roles_is_the_running_total_of_cuts():
    text = "Halden Corp (HLDN) news.\n\nHalden said on Monday it would cut about 900 more roles, bringing its total since November to about 2,700.\n"
    got = [(c.fields.count, c.fields.cumulative) for c in rule_claims(text, "2023-03-21T10:00:00-04:00") if c.kind == "workforce"]
    assert got == [(900, False), (2700, True)]
    text = "Halden Corp (HLDN) news.\n\nHalden said on Monday it would open 90 more stores, bringing its total since November to about 2,700.\n"
    assert [c for c in rule_claims(text, "2023-03-21T10:00:00-04:00") if c.kind == "workforce"] == []


# --------------------------------------------------------------------------- round 6c: headcounts, cuts and report days


def test_roles_that_are_affected_are_a_cut():
    f = one("Halvorsen will merge two plants over a year. About 450 roles are affected worldwide.", "workforce").fields
    assert (f.count, f.action, f.approximate) == (450, "cut", True)


def test_a_fact_sheet_bullet_of_full_and_part_time_employees_is_the_headcount():
    text = "Halvorsen at a glance:\n  \u25aa 86,000 full- and part-time employees (as of 9/30/25)\n  \u25aa 2,000 German workers\n"
    f = one(text, "workforce").fields
    assert (f.count, f.action) == (86000, "headcount")


def test_a_period_end_aside_does_not_hide_the_report_day_after_it():
    text = ("Halvorsen will report results for its fiscal second quarter, which ended December 31, 2025, "
            "on Thursday, February 12, 2026, before the market opens.")
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 12))


def test_our_next_report_with_an_appositive_is_the_earnings_date():
    f = one("Halvorsen thanked its staff. Our next report, the third fiscal quarter, is scheduled for February 19.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 19))
    assert not extract("Halvorsen thanked its staff. Our next report card on safety came out on January 8.", "scheduled_event")


def test_the_next_day_of_a_story_told_as_gone_by_is_no_future_cue():
    # "the next day" counts from a day gone by: the report's month day stays behind publication (30 January 2026)
    f = one("Pros: Q3 earnings on Oct. 22 looked solid, and Brennick still slid 3% the next day.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2025, 10, 22))
    # "next week" still points ahead
    assert one("Brennick reports Q1 earnings on Feb. 12 next week.", "scheduled_event").fields.date == dt.date(2026, 2, 12)


@pytest.mark.parametrize("text, date", [
    # a lock-up's end: the day early holders may first sell
    ("Early backers of Brennick are held for 180 days; the lock-up expires on March 2, 2026.", dt.date(2026, 3, 2)),
    ("The expiration of the lock-up period on Feb. 17 could weigh on the shares.", dt.date(2026, 2, 17)),
    # a change to an index's members, effective on its day
    ("Brennick Corp. will join the S&P 500 effective prior to the open of trading on Monday, Feb. 9.", dt.date(2026, 2, 9)),
    ("Halvex will be added to the Nasdaq-100, effective Feb. 23.", dt.date(2026, 2, 23)),
    # a layoff notice's separation day
    ("Separations are expected to begin on or about April 6, 2026, the notice says.", dt.date(2026, 4, 6)),
])
def test_a_lock_up_end_an_index_change_and_a_separation_day_are_events(text, date):
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("other", date)


def test_an_index_or_a_lock_up_without_its_day_is_no_event():
    assert extract("Brennick has outperformed the S&P 500 since Feb. 2.", "scheduled_event") == []
    assert extract("Insiders remain under a lock-up until the company says otherwise.", "scheduled_event") == []


def test_the_company_an_index_addition_replaces_is_not_the_events_company():
    f = one("Brennick Corp. (NYSE: BRNK) will replace Halvex Inc. (NYSE: HLVX) in the S&P 500 effective Feb. 9.", "scheduled_event")
    assert (f.fields.event, f.fields.date, f.ticker) == ("other", dt.date(2026, 2, 9), "BRNK")


def test_a_row_of_a_pasted_export_with_quoted_cells_is_no_reference_entry():
    text = ('Tracker export:\n\n"date","firm","action","close","note"\n'
            '"2025-10-24","(company)","Q3 report","41.07","results before the open"\n')
    f = one(text, "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2025, 10, 24))
    # a reference list's quoted title and its access date stay no event
    assert extract('[12] "Brennick stock split takes effect", 9 February 2026.', "scheduled_event") == []


def test_an_analyst_meeting_on_its_day_is_an_investor_day():
    f = one("Brennick held its analyst meeting on January 14 in Chicago and laid out its targets.", "scheduled_event").fields
    assert (f.event, f.date) == ("investor_day", dt.date(2026, 1, 14))
    assert extract("Brennick told analysts at a meeting that demand was firm.", "scheduled_event") == []
# --------------------------------------------------------------------------- round 7: deals and workforce


def test_a_party_named_with_a_lower_case_initial_is_a_party():
    # "iRobot", "eBay": a camel-case name is still a name (read as a common word, the buy had no object)
    f = one("Halvorsen agreed in May 2021 to buy zQuant for about $1.2 billion, including debt.", "deal").fields
    assert (f.amount, f.deal_type, f.counterparty) == (1.2e9, "acquisition", "zQuant")


def test_a_buy_whose_object_is_the_relative_pronoun_takes_the_party_named_before():
    text = ("Halvorsen closed its purchase of Trident Labs, a maker of industrial valves and pumps for refineries,\n"
            "  which it had agreed to buy for $310 million in cash.")
    f = one(text, "deal").fields
    assert (f.amount, f.deal_type, f.counterparty) == (310e6, "acquisition", "Trident Labs")


def test_money_spent_every_year_is_no_deal():
    assert extract("We invest more than $4 billion a year in research, Halvorsen's chief executive said.", "deal") == []
    assert extract("Halvorsen invests about $2 billion annually in its plants.", "deal") == []
    # a one-off investment stays a deal
    assert [c.fields.amount for c in extract("Halvorsen invested $2 billion in Ardent last year.", "deal")] == [2e9]


def test_the_day_of_a_date_is_never_a_count_of_people():
    assert extract("Shares sank 4.1% on April 18 when the layoffs hit.", "workforce") == []


def test_an_army_of_workers_the_hires_join_is_the_headcount():
    found = extract("Halvorsen is hiring 40,000 more people, adding to its army of 600,000 workers.", "workforce")
    assert [(c.fields.count, c.fields.action) for c in found] == [(40000, "hire"), (600000, "headcount")]


def test_the_employee_number_of_the_company_is_its_headcount():
    f = one("The employee number of the company is about 31,500 people worldwide.", "workforce").fields
    assert (f.count, f.action, f.approximate) == (31500, "headcount", True)


def test_a_second_round_with_its_noun_left_out_and_a_participle():
    text = "After the 12,000 cuts in January and the 6,000 more announced on March 9, nobody feels safe."
    found = extract(text, "workforce")
    assert [(c.fields.count, c.fields.action, c.fields.date) for c in found][-1] == (6000, "cut", dt.date(2025, 3, 9))


def test_a_headcount_label_without_a_colon_in_a_quoted_caption():
    text = 'Alt text: A stick-figure icon labelled "Headcount 412,000 (Dec. 31, 2025)". A second icon labelled "Results".'
    f = one(text, "workforce").fields
    assert (f.count, f.action) == (412000, "headcount")


def test_a_which_clause_of_expectation_dates_the_event_itself():
    f = one("Brennick's next report, which analysts expect on Feb. 12, should settle the margin debate.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 12))
    # an expectation gone by is no day of the event
    assert extract("The last report, which we expected on Jan. 8, came a week late.", "scheduled_event") == []


def test_a_session_before_its_weekday_dates_the_report_without_on():
    f = one("Halvex reported before the opening bell Tuesday and the stock jumped.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 27))


def test_a_tables_key_defines_symbols_and_names_no_event():
    text = ("Name     Last   Chg\nBrennick  41.10  +0.40\n\n"
            "Footnotes: * - Company reported earnings today. d - New 52-week low.")
    assert extract(text, "scheduled_event") == []


def test_a_charts_source_line_cites_a_document_not_an_event():
    text = "Chart: Brennick quarterly sales\nSource: Brennick Corp. fourth-quarter results release, Jan. 22, 2026."
    assert extract(text, "scheduled_event") == []
    # the same release told in prose is an event gone by
    f = one("Brennick's fourth-quarter results release on Jan. 22 lifted the stock.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 1, 22))


def test_a_past_event_used_as_the_occasion_of_another_act_is_no_event():
    assert extract("Halvex's board used Tuesday's results release to declare a special dividend.", "scheduled_event") == []
    # the act's own day ahead still is one; an occasion ahead stays an event
    f = one("Halvex used its Jan. 20 earnings call to declare a dividend payable on March 3.", "scheduled_event").fields
    assert (f.event, f.date) == ("dividend", dt.date(2026, 3, 3))
    f = one("Halvex will use its Feb. 12 earnings call to detail the plan.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 2, 12))
def test_a_staff_member_counting_the_staff_as_us():
    f = one("With over 1.4 million of us, you are a number at Halvorsen.", "workforce").fields
    assert (f.count, f.action, f.approximate) == (1400000, "headcount", True)
    assert [(c.fields.count, c.fields.action) for c in extract("Halvorsen let 3,000 of us go on Friday.", "workforce")] == [(3000, "cut")]
    # a part of the staff, or a count with no cue, is no headcount
    assert extract("About 600 of us at the Leeds warehouse have 40 days off.", "workforce") == []
    assert extract("Forty of us, 40 of us in the room, voted.", "workforce") == []


def test_money_paid_for_a_pronoun_is_the_purchase_of_the_one_company_the_last_sentence_named():
    found = extract("Nobody is talking about Orrin Labs. They paid $2.45 billion for it and the app still crashes.", "deal")
    assert [(c.fields.amount, c.fields.deal_type, c.fields.counterparty) for c in found] == [(2.45e9, "acquisition", "Orrin Labs")]
    # two names, or only the buyer's own, leave the pronoun unresolved: no deal is read
    assert extract("Nobody is talking about Orrin Labs or Tesk. They paid $2.45 billion for it.", "deal") == []
    assert extract("Last year Apple bought land. They paid $2 billion for it.", "deal") == []


def test_a_deal_noun_with_its_participle_before_the_amount_names_its_party_at_a_cells_start():
    row = '"2031-03-05","(company)","Deal","","-5.7","Orrin deal announced, about $21 billion cash and stock"'
    for text in (row, "Orrin deal announced, about $21 billion cash and stock."):
        found = extract(text, "deal")
        assert [(c.fields.amount, c.fields.counterparty) for c in found] == [(21e9, "Orrin")]
    # the deal naming the time of another amount is still no deal
    assert extract("After the deal closed, $5 billion flowed into new plants.", "deal") == []


def test_the_year_a_deal_noun_is_from_dates_the_deal():
    import datetime as dt

    f = one("Holders still have the $4 billion buyback authorization from 2029.", "deal").fields
    assert (f.amount, f.deal_type, f.period_start, f.period_end) == (4e9, "buyback", dt.date(2029, 1, 1), dt.date(2029, 12, 31))
    # a range of years is a programme's run, not the day it was made
    f = one("Halvorsen still has a $3 billion buyback plan from 2019 to 2021.", "deal").fields
    assert (f.period_start, f.date) == (None, None)


def test_a_company_row_of_an_action_export_tells_its_event():
    # a tracker's export mixes firms' actions with the company's own rows; a row whose event cell names a report
    # or a dividend is that event on the row's day; a price or deal row is none
    text = ("Raw tracker rows for Halvex (HLVX):\n\n"
            "\"when\",\"broker\",\"action\",\"rating\",\"target\",\"memo\"\n"
            "\"2025-10-14\",\"Barclays\",\"reiterates\",\"Overweight\",\"61\",\"after the call\"\n"
            "\"2025-10-23\",\"-\",\"Q3 results\",\"\",\"\",\"before the open\"\n"
            "\"2025-11-04\",\"(company)\",\"price\",\"\",\"\",\"no news\"\n"
            "\"2025-11-12\",\"\",\"ex-dividend\",\"\",\"\",\"\"\n"
            "\"2025-12-01\",\"(company)\",\"Deal\",\"\",\"\",\"bought a rival\"\n")
    found = extract(text, "scheduled_event")
    assert sorted((c.fields.event, c.fields.date) for c in found) == [
        ("dividend", dt.date(2025, 11, 12)), ("earnings", dt.date(2025, 10, 23))]


def test_a_company_speaking_of_its_own_report_in_the_first_person_names_the_event():
    # a transcript's "We'll report our second quarter on March 4": the speaker's own report, as "its" would be
    f = one("CFO: We'll report our second quarter on March 4, and we expect a busy spring.", "scheduled_event").fields
    assert (f.event, f.date) == ("earnings", dt.date(2026, 3, 4))
    # "our quarter's revenue" is a figure, not the report
    assert extract("CFO: We will report our second-quarter revenue growth in detail later.", "scheduled_event") == []
def test_a_buy_verb_takes_its_price_across_the_objects_apposition():
    f = one("Halvorsen agreed on Wednesday to buy Trident Parts International, the privately held owner of the Carquest and "
            "Worldpac chains, for $2.04 billion in cash, a deal that makes it the largest.", "deal").fields
    assert (f.amount, f.deal_type, f.counterparty) == (2.04e9, "acquisition", "Trident Parts International")
    # no company bought: no deal
    assert extract("Halvorsen bought new Trident trucks and machines and a lot of other kit, all of it for its own fleet, for $200 million.", "deal") == []


def test_a_party_named_by_initials():
    f = one("- Nov. 2, 2025: agreed to buy privately held distributor J.K. Orrin for $815 million.", "deal").fields
    assert (f.amount, f.counterparty) == (815e6, "J.K. Orrin")


@pytest.mark.parametrize("text, count", [
    ("* **EMPLOYEES:** roughly 18,500 people.", 18500),
    ("Our 13,500 colleagues did that.", 13500),
    ("We're over 74,000 team members and they still can't staff a Saturday.", 74000),
    ("Halvorsen is about 9,000 people strong.", 9000),
    ("Halvorsen is buying Trident, and about 20,000 employees work to move parcels across the country every day.", 20000),
    ("About 9,000 people work for Halvorsen.", 9000),
])
def test_more_ways_to_state_a_headcount(text, count):
    f = one(text, "workforce").fields
    assert (f.count, f.action) == (count, "headcount")


@pytest.mark.parametrize("text", [
    "About 600 employees work at the Leeds plant.",
    "Some 600 employees work in logistics.",
    "There are 500 people in the hall. This is 300 people more than last year.",
    "Halvorsen employs about 1.5 million people, so even a 10,000-job reduction would be small in relative terms.",
    "Contacts: Investor Relations, +1 408 555 0164; Media Relations, +1 408 555 0177",
    "Halvorsen cut jobs again. (Exchange rate: 1 dollar = about 107 yen.)",
])
def test_no_headcount_or_cut_of_a_part_a_supposition_a_phone_number_or_a_rate(text):
    assert [c for c in extract(text, "workforce") if c.fields.action != "headcount" or c.fields.count != 1500000] == []
