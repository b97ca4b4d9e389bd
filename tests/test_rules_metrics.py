"""The rule engine's reported figures (financial_metric): metric nouns, guidance, growth, margins,
quarters named by month, adjusted figures; each rule with a negative example."""

from __future__ import annotations

import pytest

from verifier.schemas import Claim
from tests.rules_helpers import rule_claims

PUBLISHED = "2026-01-30T17:25:04+01:00"


def extract(text: str) -> list[Claim]:
    return rule_claims(text, PUBLISHED)


def metrics(text: str) -> list[Claim]:
    return [c for c in extract(text) if c.kind == "financial_metric"]


def one(text: str) -> Claim:
    found = metrics(text)
    assert len(found) == 1, [(c.quote, c.fields) for c in extract(text)]
    return found[0]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Kestrel Foods guided to $4.4 billion for the coming quarter.", 4.4e9),
        ("Halden Q2 guide $1.9B; street at $1.8B.", 1.9e9),
        ("The retailer gave an outlook of $12 billion for the year.", 12e9),
    ],
)
def test_guidance_without_a_metric_noun_is_revenue_guidance(text, value):
    claim = [c for c in metrics(text) if c.fields.value == pytest.approx(value)][0]
    assert claim.fields.metric == "guidance_revenue"


def test_a_guided_saving_or_a_per_share_guide_is_not_revenue_guidance():
    assert not [c for c in metrics("Kestrel Foods sees $2 billion in cost savings by 2027.") if c.fields.metric == "guidance_revenue"]
    assert not [c for c in metrics("Halden guided to $1.10 for the quarter.") if c.fields.metric == "guidance_revenue"]


def test_a_reported_figure_and_a_guide_in_one_sentence_each_get_their_own_verb():
    first, second = metrics("The chipmaker reported revenue of $3.1 billion for the quarter and guided to $3.4 billion for the next one.")
    assert (first.fields.metric, first.attribution) == ("revenue", "stated")
    assert "guided" not in first.quote
    assert (second.fields.metric, second.attribution) == ("guidance_revenue", "forecast")


@pytest.mark.parametrize(
    "text, value",
    [
        ("Kestrel Foods expects capital expenditures of $3 billion next year.", 3e9),
        ("Free cash flow came to $820 million.", 820e6),
        ("Adjusted EBITDA reached $1.1 billion.", 1.1e9),
        ("The utility lifted its capex plan to $9 billion from $8 billion.", 9e9),
    ],
)
def test_other_reported_figures_are_metric_other(text, value):
    claim = one(text)
    assert (claim.fields.metric, claim.fields.value) == ("other", pytest.approx(value))


def test_a_figure_carried_across_its_period_phrase():
    claim = one("Intel today reported revenue for the second quarter ended June 28, 2025, of $3.2 billion.")
    assert (claim.fields.metric, claim.fields.value, claim.fields.period) == ("revenue", 3.2e9, "second quarter")


@pytest.mark.parametrize(
    "text, growth",
    [
        ("Halden's revenue increased 14% to $3.2 billion.", 14.0),
        ("Net income fell 6% to $410 million.", -6.0),
        ("Revenue came in at $3.2 billion, up 14% year over year.", 14.0),
        ("Revenue was $3.2 billion, up 3% from the prior quarter and up 14% from a year ago.", 14.0),
        ("Total revenue: $3.2 billion (+14% y/y).", 14.0),
        ("Sales were $3.2 billion, down 2%.", -2.0),
    ],
)
def test_growth_said_with_the_figure(text, growth):
    claim = one(text)
    assert claim.fields.growth_percent == growth
    assert not [c for c in extract(text) if c.kind == "price_change"]  # the rate is the figure's, not the stock's


@pytest.mark.parametrize(
    "text",
    ["Revenue rose 3% sequentially to $3.2 billion.", "Revenue was $3.2 billion, up 3% from the previous quarter."],
)
def test_a_sequential_rate_is_not_the_growth(text):
    claim = one(text)
    assert claim.fields.growth_percent is None
    assert not [c for c in extract(text) if c.kind == "price_change"]


@pytest.mark.parametrize(
    "text, metric, value",
    [
        ("Gross margin was 41.5% in the fourth quarter.", "gross_margin", 41.5),
        ("Intel's Q3 operating margin expanded to 9.8% from 8.1%.", "operating_margin", 9.8),
        ("GAAP net margin came in at 12.0% for fiscal 2025.", "net_margin", 12.0),
    ],
)
def test_company_margins(text, metric, value):
    claim = one(text)
    assert (claim.fields.metric, claim.fields.value) == (metric, value)


def test_a_margin_without_a_period_is_left_out():
    assert metrics("Gross margin was 41.5%.") == []  # the check would take the latest period on record, perhaps another


@pytest.mark.parametrize(
    "text",
    [
        "Cloud operating margin was 31%.",  # a segment's
        "Adjusted operating margin was 14.2%.",  # not the GAAP ratio the check computes
        "Gross margin expanded 120 basis points to the highest in years.",
    ],
)
def test_segment_adjusted_or_basis_point_margins_are_not_claims(text):
    assert not [c for c in metrics(text) if c.fields.metric.endswith("margin")]


@pytest.mark.parametrize(
    "text, period",
    [
        ("Intel reported March-quarter revenue of $3.2 billion.", "March-quarter"),
        ("For the September quarter, Intel posted revenue of $3.2 billion.", "September quarter"),
        ("The retailer booked sales of $3.2 billion in the holiday quarter.", "holiday quarter"),
    ],
)
def test_a_quarter_named_by_its_month_is_the_period_and_the_metric_stays_revenue(text, period):
    claim = one(text)
    assert (claim.fields.metric, claim.fields.period) == ("revenue", period)


def test_a_segment_and_deferred_revenue_stay_other():
    assert one("Advertising revenue grew to $2.2 billion.").fields.metric == "other"
    assert one("Deferred revenue was $1.4 billion.").fields.metric == "other"


def test_an_adjusted_basis_said_before_the_clause_is_in_the_quote():
    claim = one("On an adjusted basis, Halden earned $1.12 a share.")
    assert claim.quote.startswith("On an adjusted basis") and claim.fields.metric == "eps"
    plain = one("Halden earned $1.12 a share.")
    assert "adjusted" not in plain.quote


def test_a_comparison_figure_without_its_currency_takes_the_figures():
    got = {c.fields.value: c.fields.period for c in metrics(
        "Apple reported third-quarter 2025 revenue of $94.0 billion, compared with 85.8 billion a year earlier.")}
    assert got == {94.0e9: "third-quarter 2025", 85.8e9: "Q3 2024"}
    assert [c.fields.value for c in metrics("Apple reported revenue of $94.0 billion; 85.8 billion people watched.")] == [94.0e9]


def test_translated_figures_and_quarters():
    claim = one("Le chiffre d'affaires du troisième trimestre 2025 s'est établi à 180,2 milliards de dollars.")
    assert (claim.fields.metric, claim.fields.value, claim.fields.period) == ("revenue", 180.2e9, "third quarter 2025")
    assert one("Apple ha registrato un utile per azione di 2,55 dollari.").fields.metric == "eps"


def test_amounts_said_in_words():
    assert one("Revenue one-eighty point two billion, and that was the quarter.").fields.value == 180.2e9
    assert one("EPS of a buck ninety-five.").fields.value == 1.95
    assert metrics("It closed at two-forty-four and change.") == []  # no scale word: not read


def test_a_company_named_after_the_figure_is_not_its_subject():
    text = "Amazon reports.\nThe company reported a net loss of $3.8 billion, hurt by a loss on its stake in Rivian."
    (claim,) = metrics(text)
    assert claim.ticker == "AMZN" and claim.fields.value == -3.8e9


def test_a_range_is_its_low_end_and_a_shared_scale_serves_both_ends():
    assert one("Halden Q4 guide $206-213B.").fields.value == 206e9
    assert one("Intel expects revenue between $13.8 billion and $14.8 billion.").fields.value == 13.8e9


def test_a_per_share_loss_is_negative():
    eps = [c for c in metrics("Intel reported a net loss of $2.1 billion, or $0.48 per share.") if c.fields.metric == "eps"]
    assert [c.fields.value for c in eps] == [-0.48]


def test_estimate_table_columns_give_the_period_and_the_forecast():
    table = "| | FY2024A | FY2025E |\n|---|---|---|\n| Revenue | $54.2B | $58.0B |\n"
    got = {c.fields.value: (c.fields.period, c.attribution) for c in metrics(table)}
    assert got == {54.2e9: ("FY2024", "stated"), 58.0e9: ("FY2025", "forecast")}


def test_label_value_cells_with_estimates_are_read_as_prose():
    got = {(c.fields.metric, c.fields.value, c.attribution) for c in metrics(
        "Halden Q4 results\n\nRevenue: $7.74B (est. $7.64B) | EPS: $1.48 (est. $1.45)\n")}
    assert got == {("revenue", 7.74e9, "stated"), ("revenue", 7.64e9, "forecast"), ("eps", 1.48, "stated"), ("eps", 1.45, "forecast")}


def test_a_guided_per_share_figure_is_a_forecast():
    assert one("FY26 EPS guide raised to $7.33-$7.43 from $6.37-$6.57.").attribution == "forecast"
    assert one("Intel posted EPS of $0.42 for the quarter.").attribution == "stated"


def test_a_gaap_figure_after_an_adjusted_one_keeps_its_own_quote():
    adjusted, gaap = metrics("Intel reports Q4 adjusted EPS of $0.42, up 6 percent; GAAP EPS of $0.18")
    assert "adjusted" in adjusted.quote and "adjusted" not in gaap.quote


def test_reworded_copy_per_offer_and_net_benefit():
    got = {(c.fields.metric, c.fields.value) for c in metrics("Intel detailed profit per offer of $0.42 and a net benefit of $1.9 billion.")}
    assert got == {("eps", 0.42), ("net_income", 1.9e9)}


def test_a_later_clause_period_goes_with_its_own_figure():
    got = {c.fields.value: c.fields.period for c in metrics("TL;DR: rev $3.2B (+13%), EPS $0.42, Q4 guide $3.4B.")}
    assert got[0.42] is None and got[3.4e9] == "Q4"


def test_growth_with_words_between_the_verb_and_by():
    assert one("The turnover climbed in the past quarter by 13 percent to 8.1 billion dollars.").fields.growth_percent == 13.0


def test_a_per_share_lead():
    claim = one("Per share, the group earned 1.95 dollars.")
    assert (claim.fields.metric, claim.fields.value) == ("eps", 1.95)


def test_a_year_ago_figure_takes_the_quarter_the_headline_names():
    text = ("Intel Q4 call recap\n\nEarnings were $0.42 per diluted share, versus $0.54 in the prior-year quarter. "
            "The next test comes with first-quarter figures in April.")
    got = {c.fields.value: c.fields.period for c in metrics(text)}
    assert got[0.54] == "Q4, a year earlier"
    plain = "Intel call recap\n\nEarnings were $0.42 per diluted share, versus $0.54 in the prior-year quarter. First-quarter figures come in April, Q4 ones later."
    assert 0.54 not in {c.fields.value for c in metrics(plain)}  # no quarter settled: the year-ago figure is left out


def test_a_release_comparison_with_its_per_share_figure_and_its_own_period():
    got = {c.fields.value: c.fields.period for c in metrics(
        "Net income increased to $2.1 billion in the third quarter, or $0.42 per diluted share, compared with "
        "$1.5 billion, or $0.31 per diluted share, in third quarter 2024.")}
    assert got[1.5e9] == "third quarter 2024" and got[0.31] == "third quarter 2024" and got[2.1e9] == "third quarter"


def test_release_wordings_an_aside_a_percent_noun_and_expected_revenue():
    claim = one("Adjusted diluted EPS, excluding specified items, was $1.48, up 36.0 percent.")
    assert (claim.fields.metric, claim.fields.value, claim.fields.growth_percent) == ("eps", 1.48, 36.0)
    claim = one("Net sales for the third quarter were $2.2 billion, a 3.2% decrease versus the third quarter of the prior year.")
    assert claim.fields.growth_percent == -3.2
    assert one("Revenue of $5 billion, a 2% increase sequentially.").fields.growth_percent is None
    claim = one("For the full year, revenue is expected in the range of $4.84 billion to $4.86 billion.")
    assert (claim.fields.metric, claim.attribution) == ("guidance_revenue", "forecast")


def test_estimate_tables_with_units_in_the_row_label_and_consensus_columns():
    table = "| | 2024A | 2025E |\n|---|---|---|\n| Revenue ($bn) | 54.2 | 58.0 |\n| EPS ($) | 1.02 | 1.20 |\n"
    got = {(c.fields.metric, c.fields.value): (c.fields.period, c.attribution) for c in metrics(table)}
    assert got == {("revenue", 54.2e9): ("2024", "stated"), ("revenue", 58e9): ("2025", "forecast"),
                   ("eps", 1.02): ("2024", "stated"), ("eps", 1.2): ("2025", "forecast")}
    consensus = "| Metric | Q4 2025A | Q4 2025 consensus |\n|---|---|---|\n| Revenue | $13.4B | $13.1B |\n"
    got = {c.fields.value: c.attribution for c in metrics(consensus)}
    assert got == {13.4e9: "stated", 13.1e9: "forecast"}
    assert metrics("| Stat | Value |\n|---|---|\n| P/E | 33.1 |\n| Dividend yield (%) | 0.5 |\n") == []


def test_a_segment_move_to_a_figure_and_a_company_worth_a_sum():
    got = {c.fields.value: (c.fields.metric, c.fields.growth_percent) for c in metrics("3/ AWS +20% to $33B, ads +24% to $17.7B")}
    assert got == {33e9: ("other", 20.0), 17.7e9: ("other", 24.0)}
    assert one("Intel is now worth $200 billion.").fields.metric == "market_cap"
    assert one("The retailer is now valued at about $2.4 trillion.").fields.metric == "market_cap"
    assert metrics("The deal is valued at $68.7 billion.") == []


def test_a_growth_on_another_basis_is_not_the_reported_growth():
    assert one("Sales of $7.7 billion rose 7% in constant currency.").fields.growth_percent is None
    assert one("Revenue rose 9% to $4.1 billion, or 11% in constant currency.").fields.growth_percent == 9.0
    assert one("Revenue was $7.74 billion, up 13.9 percent on a reported basis.").fields.growth_percent == 13.9


def test_per_share_in_slash_form_and_a_year_ago_quarter_in_short_form():
    got = {(c.fields.metric, c.fields.value): c.fields.period for c in metrics(
        "Net income of $2.1B ($0.42/share) vs. $1.5B ($0.31/share) in 3Q24.")}
    assert got == {("net_income", 2.1e9): None, ("eps", 0.42): None, ("net_income", 1.5e9): "3Q24", ("eps", 0.31): "3Q24"}


def test_the_street_at_a_figure_is_a_consensus_and_spoken_did():
    got = {c.fields.value: (c.fields.metric, c.attribution) for c in metrics("3/ Q4 guide $206-213B, street was at ~$208B")}
    assert got[208e9] == ("guidance_revenue", "forecast")
    assert one("TOM: AWS did thirty-three billion, which is the number.").fields.metric == "other"
    assert one("Amazon did $180 billion last quarter.").fields.metric == "revenue"
    assert metrics("He did $5 billion of deals.") == []


def test_translated_copy_bottom_line_per_share_lead_and_final_quarter():
    claim = one("Under the bottom line, 2.1 billion dollars remained.")
    assert (claim.fields.metric, claim.fields.value) == ("net_income", 2.1e9) and claim.quote.startswith("Under the bottom line")
    assert one("Per share, the profit came to 0.42 US dollars.").fields.metric == "eps"
    assert one("The group achieved a turnover of 7.47 billion dollars in the final quarter.").fields.period == "fourth quarter"
    assert one("Revenue was $7.5 billion last quarter.").fields.period is None  # the one before: no period named


def test_a_name_before_a_modifier_and_the_noun_is_a_segment():
    assert one("The filing breaks out Azure net sales of $12.1 billion.").fields.metric == "other"
    assert one("Cloud total revenue came to $5.5 billion.").fields.metric == "other"
    assert one("Microsoft net sales of $62.0 billion beat estimates.").fields.metric == "revenue"
    assert one("Worldwide net sales were $60 billion.").fields.metric == "revenue"


def test_year_ago_figures_set_beside_the_current_one():
    # the base of a year-over-year growth, and a comparison that names its own noun
    got = {c.fields.value: c.fields.period for c in metrics(
        "Orrin Tools reported third-quarter results. Sales were $4.2 billion, up 5% from $4.0 billion.")}
    assert got == {4.2e9: None, 4.0e9: "Q3, a year earlier"}
    got = {c.fields.value: (c.fields.metric, c.fields.period) for c in metrics(
        "Orrin Tools reported first-quarter results. The net loss was $0.9 billion, or $1.10 a share, "
        "compared with a profit of $0.4 billion a year earlier.")}
    assert got[0.4e9] == ("net_income", "Q1, a year earlier")
    # the quarter named last before the figure is the one reported; none named: no year-ago claim
    got = {c.fields.value: c.fields.period for c in metrics(
        "Orrin Tools reported fourth-quarter results on Tuesday. EPS was $2.10, against $1.90 a year earlier.")}
    assert got == {2.10: None, 1.90: "Q4, a year earlier"}
    assert [c.fields.value for c in metrics("EPS was $2.10, against $1.90 a year earlier.")] == [2.10]
    # a sequential base is not the year-ago figure
    assert [c.fields.value for c in metrics("Sales were $4.2 billion, up 5% from $4.0 billion sequentially.")] == [4.2e9]


def test_the_noun_nearest_the_figure_and_a_noun_written_after_it():
    got = {c.fields.value: c.fields.metric for c in metrics(
        "A year ago it booked $40.2 billion in sales and earnings of $1.12 a share.")}
    assert got == {40.2e9: "revenue", 1.12: "eps"}
    got = {c.fields.value: c.fields.metric for c in metrics("The June quarter brought $8.8B revenue and $0.91 EPS.")}
    assert got == {8.8e9: "revenue", 0.91: "eps"}
    # a label:value line whose value names a noun for each figure is read as prose, each figure with its noun
    got = {c.fields.value: c.fields.metric for c in metrics("Quarter in brief: $8.8B revenue and $0.91 EPS")}
    assert got == {8.8e9: "revenue", 0.91: "eps"}
    assert metrics("The unit has a $5 billion revenue target.") == []


def test_a_minus_sign_before_the_currency_and_per_share_wordings():
    got = {c.fields.value: c.fields.metric for c in metrics("recap: sales $2.2B and EPS -$0.35, a rough quarter")}
    assert got == {2.2e9: "revenue", -0.35: "eps"}
    assert one("Last quarter it made $1.07 for each share.").fields.metric == "eps"
    assert one("We booked about $0.6 billion in restructuring charges.").fields.metric == "other"


def test_what_the_street_is_looking_for_is_a_forecast():
    claim = one("The Street is looking for $4.15 in EPS for the year.")
    assert (claim.fields.metric, claim.attribution) == ("eps", "forecast")


def test_a_line_labelled_with_a_metric_holds_its_forecast():
    got = {c.fields.value: (c.fields.metric, c.attribution) for c in metrics(
        "WHAT TO WATCH\n- Sales: the Street expects $9.4 billion\n- EPS: consensus $0.88\n")}
    assert got == {9.4e9: ("revenue", "forecast"), 0.88: ("eps", "forecast")}
    assert metrics("- Sales: we would not guess at $9 billion\n") == []


def test_segment_growth_capital_spending_backlog_and_plain_english_sales():
    claim = one("Cloud Services grew 20% to $9.1 billion in the quarter.")
    assert (claim.fields.metric, claim.fields.growth_percent) == ("other", 20.0)
    assert metrics("Microsoft grew 20% to $9.1 billion in the quarter.") == []  # a company's growth to what? not said
    assert one("The plan is to spend about $90 billion on capital projects next year.").fields.metric == "other"
    assert one("Orders backlog stood at about $60 billion.").fields.metric == "other"
    assert one("From April to June, Netflix sold things worth $9.5 billion.").fields.metric == "revenue"


def test_a_per_share_figure_in_cents_and_a_profit_per_share():
    claim = one("It posted a profit of 7 cents a share.")
    assert (claim.fields.metric, claim.fields.value) == ("eps", 0.07)
    assert one("The group swung to a loss of $0.12 per share.").fields.value == -0.12
    assert metrics("The stock rose 50 cents to $12.") == []


def test_translated_spanish_results_with_a_year_ago_comparison():
    got = {c.fields.value: (c.fields.metric, c.fields.period) for c in metrics(
        "La cadena ingresó 4.512 millones de dólares en el tercer trimestre de 2025, "
        "frente a 4.105 millones en el mismo periodo de 2024.")}
    assert got == {4.512e9: ("revenue", "third quarter 2025"), 4.105e9: ("revenue", "Q3 2024")}


def test_a_comparison_dated_by_its_quarters_month_keeps_its_period_to_itself():
    got = {c.fields.value: (c.fields.metric, c.fields.period) for c in metrics(
        "Apple reported revenue of $97.7 billion for its fiscal third quarter, up from $93.3 billion in the June quarter, "
        "and earnings of $1.05 a share.")}
    assert got == {97.7e9: ("revenue", "third quarter"), 93.3e9: ("revenue", "June quarter"), 1.05: ("eps", "third quarter")}


def test_a_company_named_only_in_a_later_clause_is_not_the_figures_subject():
    text = "Apple: the quarter in brief\n\nApple grew again. Recap: sales $94.9B and EPS $1.64, Microsoft had a weaker print.\n"
    assert {c.ticker for c in metrics(text)} == {"AAPL"}
    # the company that reports the figure stays its subject
    text = "Apple grew again.\n\nSales were $62.0 billion, Microsoft said.\n"
    assert {c.ticker for c in metrics(text)} == {"MSFT"}


# ------------------------------------------------------------------ corpus5 dev (round c5-fin): consensus, bases, products


def test_consensus_said_as_pencilled_in_is_a_forecast():
    c = one("Analysts surveyed by the agency had pencilled in earnings of roughly $1.12 a share.")
    assert c.fields.metric == "eps" and c.attribution == "forecast"


def test_period_after_a_growths_from_is_the_base():
    c = one("Orbex said net sales grew 9% to $41.5 billion from the second quarter of 2025.")
    assert c.fields.metric == "revenue" and c.fields.period is None and c.fields.growth_percent == 9.0
    c = one("Orbex said net sales were $41.5 billion in the second quarter of 2025.")
    assert c.fields.period == "second quarter of 2025"


def test_year_ago_sentence_names_the_prior_period():
    text = ("Orbex posted revenue of $41.5 billion for the second quarter of 2025. "
            "Revenue in the year-ago quarter had been $37.9 billion.")
    prior = [c for c in metrics(text) if c.fields.value == 37.9e9]
    assert len(prior) == 1 and prior[0].fields.period == "Q2 2024"
    wrapped = "Expect a big second quarter. A year ago\nOrbex earned $0.92 a share."
    assert one(wrapped).fields.period == "Q2, a year earlier"
    # a sentence joined across its wrap: the period of a later clause is not the year-ago figure's
    joined = ("Expect a big second quarter. A year ago Orbex earned $0.92 a share on $37.9 billion of\n"
              "sales, so the bar for growth in the holiday quarter is set by a strong comparison.")
    assert {c.fields.period for c in metrics(joined)} == {"Q2, a year earlier"}
    # a growth said a year back is no year-ago figure
    assert one("A year ago, revenue rose 8% to $37.9 billion.").fields.period is None


def test_product_sales_before_net_are_not_the_companys():
    c = one("Velmora net revenues of $6.1 billion made up most of the total.")
    assert c.fields.metric == "other"
    c = one("Total net revenues of $9.4 billion beat the plan.")
    assert c.fields.metric == "revenue"


def test_from_to_change_reads_the_to_figure_and_the_year_ago_one():
    c = one("Full-year revenue grew 9% from $40.1 billion to $43.7 billion, Torvik said.")
    assert (c.fields.metric, c.fields.value, c.fields.growth_percent) == ("revenue", 43.7e9, 9.0)
    text = ("Torvik reported results for the third quarter of 2025. "
            "Operating income rose 30% year over year from $2.0 billion to $2.6 billion.")
    found = {c.fields.value: c.fields for c in metrics(text)}
    assert found[2.6e9].metric == "operating_income" and found[2.0e9].period == "Q3 2024"
    # a price moving "from ... to ..." is no reported figure
    assert metrics("The target rose from $40 to $45 after revenue beat.") == []


def test_noun_after_figure_with_its_period_and_aside_before_verb():
    c = one("Analysts expect roughly $9.2 billion in second-quarter revenue.")
    assert c.fields.metric == "revenue" and c.fields.period == "second-quarter" and c.attribution == "forecast"
    c = one("Cloud segment sales, the unit investors watch most, grew 18% to $4.4 billion.")
    assert (c.fields.metric, c.fields.growth_percent) == ("other", 18.0)


def test_spending_plan_is_a_forecast_of_its_own_figure():
    c = one("Torvik said it would spend about $14 billion on data centers and servers next year.")
    assert c.fields.metric == "other" and c.attribution == "forecast"
    assert metrics("Torvik spent a weekend on data centers.") == []


def test_a_period_heading_a_guidance_noun_is_not_the_figures():
    text = ("Globex posted its second-quarter numbers on Tuesday. The third-quarter outlook fell short, even as "
            "diluted earnings of $3.10 a share beat. A year earlier it had earned $2.40 a share; net income for "
            "the quarter rose to $1.2 billion.")
    found = {c.fields.value: c.fields.period for c in metrics(text)}
    assert found[3.10] is None or "third" not in found[3.10]
    assert found[2.40] == "Q2, a year earlier"  # counted back from the quarter reported, not the outlook's
    assert found[1.2e9] is None  # a new clause after ";" is not the year-ago statement


def test_a_segment_subject_on_the_line_before_keeps_its_figure_a_segments():
    text = "Halden's quarter was strong. Its payments arm, the fintech unit,\nposted sales of $2.2 billion, up 31%."
    assert [(c.fields.metric, c.fields.value) for c in extract(text) if c.kind == "financial_metric"] == [("other", 2.2e9)]
    company = "Halden's quarter was strong. The company,\nposted sales of $9.4 billion, up 8%."
    assert [c.fields.metric for c in extract(company) if c.kind == "financial_metric"] == ["revenue"]


def test_a_segment_that_did_a_figure_in_a_quarter_and_capex_said_before_its_noun():
    found = [(c.fields.metric, c.fields.value) for c in extract("Payments did $2.2 billion in Q4 and beat the street.")
             if c.kind == "financial_metric"]
    assert found == [("other", 2.2e9)]
    assert [c for c in extract("Halden did $4 billion in damage to its rivals.") if c.kind == "financial_metric"] == []
    plan = [(c.fields.metric, c.fields.value) for c in extract("Why the $12 billion capex plan for 2027 worries bond holders.")
            if c.kind == "financial_metric"]
    assert plan == [("other", 12e9)]
    assert [c for c in extract("Halden announced a $2 billion capex cut.") if c.kind == "financial_metric"] == []


def test_a_consensus_stated_on_its_own_is_a_forecast_and_earnings_per_share_after_the_figure():
    (claim,) = [c for c in extract("Before Halden's third-quarter report, the consensus estimate was about $1.12 of earnings per share.")
                if c.kind == "financial_metric"]
    assert (claim.fields.metric, claim.fields.value, claim.attribution) == ("eps", 1.12, "forecast")
    (own,) = [c for c in extract("Halden earned $1.19 of earnings per share in the quarter.") if c.kind == "financial_metric"]
    assert (own.fields.metric, own.fields.value, own.attribution) == ("eps", 1.19, "stated")


def test_an_ordinal_before_fiscal_quarter_names_the_period():
    # "the second fiscal quarter of 2024" is the company's Q2 of fiscal 2024, also after a footnote mark
    claim = one("Totals are as filed.\u00b9 For the second fiscal quarter of 2024 Kestrel Foods reported revenue of $4.2 billion.")
    assert claim.fields.period == "second fiscal quarter of 2024"
    claim = one("Kestrel Foods reported revenue of $4.2 billion; the second fiscal quarter outlook comes later.")
    assert claim.fields.period is None  # no year, and the phrase heads a forward noun


def test_a_per_share_comparison_figure_keeps_its_own_period():
    # "compared with $0.97 per diluted share in the first quarter of 2025": the unit words sit between
    # the figure and its period
    found = metrics("Kestrel Foods earned $1.12 per diluted share, compared with $0.97 per diluted share in the first quarter of 2025.")
    assert [(c.fields.value, c.fields.period) for c in found if c.fields.value == 0.97] == [(0.97, "first quarter of 2025")]


# ------------------------------------------------------------------ corpus7 dev (round c7-fin): consensus, stat lines
def test_a_consensus_said_with_its_own_verb_takes_the_metric_named_before_it():
    found = metrics("Halden posted revenue of $4.12 billion in the quarter. Nine analysts polled by Refinitiv expected $3.98 billion.")
    assert {c.fields.value: (c.fields.metric, c.attribution) for c in found}[3.98e9] == ("revenue", "forecast")
    found = metrics("Kestrel Foods earned 91 cents a share. The Street had expected 84 cents a share.")
    assert {c.fields.value: (c.fields.metric, c.attribution) for c in found}[0.84] == ("eps", "forecast")
    (claim,) = metrics("The consensus estimate for next quarter has climbed to $0.77 over the past month.")
    assert (claim.fields.metric, claim.attribution) == ("eps", "forecast")
    # no metric before a scaled figure, or a price target's consensus: no figure
    assert metrics("Nine analysts polled by Refinitiv expected $3.98 billion.") == []
    assert metrics("The analysts' average price target has moved to $88 this month.") == []


def test_a_figure_led_stat_line_names_its_metric_in_the_label():
    text = ("**By the numbers:**\n\n- **$3.1 billion:** Operating income in the second quarter, per the filing.\n"
            "- **$9 billion:** Revenue growth target for the decade.\n- **$2.4 billion:** The buyback it announced.\n")
    (claim,) = metrics(text)
    assert (claim.fields.metric, claim.fields.value, claim.fields.period) == ("operating_income", 3.1e9, "second quarter")
    assert claim.quote == "$3.1 billion:** Operating income in the second quarter"


def test_eps_in_cents_a_result_after_a_consensus_and_compares_with():
    (cents,) = metrics("Halden's third-quarter sales rose, and diluted EPS was 41 cents.")
    assert (cents.fields.metric, cents.fields.value) == ("eps", 0.41)
    assert metrics("The coupon was 41 cents.") == []
    got = {c.fields.value: (c.fields.metric, c.attribution) for c in metrics(
        "Analysts had expected $0.92 a share; Halden instead posted $0.81.")}
    assert got == {0.92: ("eps", "forecast"), 0.81: ("eps", "stated")}
    assert [c.fields.value for c in metrics("Analysts had expected $0.92 a share; Halden instead traded at $14.")] == [0.92]
    got = {c.fields.value: c.fields.period for c in metrics("Kestrel Foods' EPS of $1.21 compares with $1.30 in the second quarter of 2024.")}
    assert got[1.30] == "second quarter of 2024"


def test_a_fiscal_quarter_written_fq_a_slide_comparison_line_and_a_segment_record():
    got = {c.fields.value: (c.fields.metric, c.fields.period) for c in metrics(
        "Quick take on $HALD: FQ2 revenue $4.7B vs $4.1B a year ago, EPS $1.05.")}
    assert got[4.7e9][0] == "revenue" and got[1.05] == ("eps", "FQ2")
    assert got[4.1e9][0] == "revenue"
    slide = metrics("Q2 2024 Highlights\n\u2022 Net revenues of $3.2B, up 4% on a reported basis\n\u2022 vs. $3.1B in Q2 2023\n")
    assert [(c.fields.metric, c.fields.period) for c in slide if c.fields.value == 3.1e9] == [("revenue", "Q2 2023")]
    assert [c for c in metrics("Agenda\n\u2022 Our outlook for 2025\n\u2022 vs. $3.1B in Q2 2023\n")] == []
    (record,) = [c for c in metrics("Halden said its cloud unit grew, and services hit an all-time high of $1.3 billion.")]
    assert record.fields.metric == "other"
    assert metrics("Halden hit an all-time high of $30 billion in market value.") == []


def test_a_slide_bullet_takes_its_headings_year_and_its_sub_bullets_growth():
    slide = ("Full-Year 2024 Performance\n\u2022 Full-year net revenues $9.2B\n  \u2013 +6.1% reported\u00b2\n\u2022 Operating income $2B\n\n"
             "Outlook\n\u2022 Q3 revenue of $3B\n")
    got = {c.fields.value: (c.fields.period, c.fields.growth_percent) for c in metrics(slide)}
    assert got[9.2e9] == ("Full-Year 2024", 6.1)
    assert got[2e9] == ("Full-Year 2024", None)
    assert got[3e9] == ("Q3", None)  # a heading with no period lends none
    assert one("Revenue was $5B.\n  - +4% reported\n").fields.growth_percent is None  # prose, not a bullet


def test_a_traders_illicit_profits_are_no_company_result():
    assert metrics("The defendants sold their options on May 15, for combined illicit profits of approximately $1.4 million.") == []
    assert one("Halden's net profit of $1.2 billion beat forecasts.").fields.metric == "net_income"


def test_a_month_abbreviation_in_the_period_aside_does_not_cut_the_noun_from_its_figure():
    claim = one("Halden said revenue for fiscal 2024, which ended Sept. 30, was $3.1 billion.")
    assert (claim.fields.metric, claim.fields.value) == ("revenue", 3.1e9)
    assert "2024" in (claim.fields.period or "")


@pytest.mark.parametrize(
    "text, value",
    [
        ("Cloudline did $12 billion in the quarter, and the stores business did better.", 12e9),  # a spoken result with its period
        ("Cloudline only grew to $11.2 billion, and staff were worried.", 11.2e9),
        ("Cloudline put up $4.0 billion on the quarter, the coach said.", 4.0e9),
    ],
)
def test_a_segment_subject_with_a_spoken_result_verb_is_the_segments_figure(text, value):
    claim = one(text)
    assert (claim.fields.metric, claim.fields.value) == ("other", value)


def test_a_spoken_result_verb_without_a_segment_or_a_result_reads_nothing():
    assert metrics("Halden put up $4 billion as collateral for the loan.") == []
    assert metrics("Cloudline did $12 billion of buybacks.") == []


def test_a_year_ago_figure_after_a_quarter_named_with_its_year_in_the_paragraph():
    text = ("Halvorsen reported second-quarter 2025 results on July 28. Net revenues were $6.54 billion, up 9.7 percent\n"
            "from $5.96 billion a year earlier.")
    found = [(c.fields.value, c.fields.period) for c in metrics(text)]
    assert (5.96e9, "Q2 2024") in found
    # a quarter named in another paragraph does not date it
    text = ("Halvorsen will host its third-quarter 2025 call on Oct. 28. It reported second-quarter 2025 results on July 28.\n\n"
            "Net revenues were $6.54 billion, up from $5.96 billion a year earlier.")
    assert not any(c.fields.value == 5.96e9 and c.fields.period == "Q2 2024" for c in metrics(text))


def test_a_bare_year_beside_a_full_years_figure_is_that_year():
    found = metrics("Full-year 2025 net revenues were $28.22 billion, compared with $25.64 billion in 2024.")
    assert [(c.fields.value, c.fields.period) for c in found] == [(28.22e9, "Full-year 2025"), (25.64e9, "fiscal 2024")]
    # beside a quarter's figure, or a later year, it is not read
    assert [c.fields.value for c in metrics("Fourth-quarter 2025 net revenues were $7.74 billion, compared with $7.1 billion in 2024.")] == [7.74e9]
    assert [c.fields.value for c in metrics("Full-year 2025 net revenues were $28.22 billion, compared with $25.64 billion in 2026.")] == [28.22e9]


def test_the_combined_companys_figure_is_a_projection():
    found = metrics("Halvorsen, which had net sales of $6.2 billion in fiscal 2024, said the combined company would have about $9.2 billion in annual sales.")
    assert [(c.fields.value, c.attribution) for c in found] == [(6.2e9, "stated"), (9.2e9, "forecast")]


def test_a_machine_translations_singular_dollar_after_the_figure():
    found = metrics("The services revenue was 13.3 billion dollar, and the company called it a record. The EPS became 2.55 dollar.")
    assert [(c.fields.metric, c.fields.value) for c in found] == [("other", 13.3e9), ("eps", 2.55)]
