"""analyst_rating check: same firm (aliases), target within 0.5%, window, prior target and ratings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from verifier.check import CheckContext, check_claim
from verifier.market.snapshot import Snapshot
from verifier.schemas import CheckedClaim, Claim

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "fixtures" / "market" / "amzn-2026-01.json"
SYNTHETIC = ROOT / "fixtures" / "market" / "synthetic-checks.json"
NY = ZoneInfo("America/New_York")
D = dt.date
EXAMPLE_PUBLISHED = dt.datetime(2026, 1, 30, 17, 25, 4, tzinfo=ZoneInfo("Europe/Berlin"))
FACT_PUBLISHED = dt.datetime(2025, 3, 18, 12, 0, tzinfo=NY)
THIS_WEEK = {"window_start": D(2026, 1, 26), "window_end": D(2026, 1, 30)}


def check(published, ticker="AMZN", path=EXAMPLE, quote="q", **fields) -> CheckedClaim:
    data = Snapshot.load(path).tickers[ticker]
    claim = Claim(id="c1", quote=quote, start=0, end=len(quote), ticker=ticker, fields={"kind": "analyst_rating", **fields})
    return check_claim(claim, CheckContext(published, data, ticker=ticker))


def test_example_target_raise_this_week_is_supported():
    result = check(
        EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295, previous_price_target=270,
        rating="Buy", action="raise_target", **THIS_WEEK,
    )
    assert result.verdict == "supported"
    assert "2026-01-26" in result.reason and "$295.00 (from $270.00)" in result.reason
    (ev,) = result.evidence
    assert ev.source == "analyst action record (Roth Capital note)" and ev.date == D(2026, 1, 26) and ev.value == 295.0


@pytest.mark.parametrize("alias", ["Roth MKM", "Roth Capital Partners", "ROTH"])
def test_firm_aliases_are_the_same_firm(alias):
    assert check(EXAMPLE_PUBLISHED, firm=alias, price_target=295, **THIS_WEEK).verdict == "supported"


def test_no_window_means_the_ten_days_before_publication():
    result = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295)
    assert result.verdict == "supported" and "10 days before publication" in result.reason


@pytest.mark.parametrize(("target", "verdict"), [(296.47, "supported"), (293.53, "supported"), (296.49, "contradicted"), (293.5, "contradicted")])
def test_target_tolerance_half_a_percent(target, verdict):
    assert check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=target).verdict == verdict


def test_other_target_by_the_same_firm_is_contradicted():
    result = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=320, **THIS_WEEK)
    assert result.verdict == "contradicted"
    assert "not with a $320.00 target" in result.reason and "$295.00" in result.reason


def test_wrong_prior_target_is_contradicted():
    result = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295, previous_price_target=250)
    assert result.verdict == "contradicted" and "prior target was $270.00, not $250.00" in result.reason


def test_wrong_rating_is_contradicted():
    result = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295, rating="Neutral")
    assert result.verdict == "contradicted" and "rating is Buy, not Neutral" in result.reason


def test_claimed_upgrade_when_the_rating_was_kept_is_contradicted():
    result = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295, action="upgrade")
    assert result.verdict == "contradicted" and "kept at Buy" in result.reason


def test_firm_without_actions_is_unverifiable_not_contradicted():
    result = check(EXAMPLE_PUBLISHED, firm="Goldman Sachs", price_target=300)
    assert result.verdict == "unverifiable"
    assert "no action by Goldman Sachs" in result.reason and "does not disprove" in result.reason
    assert "1 action(s) by other firms" in result.reason


def test_source_without_analyst_data_is_no_data():
    result = check(dt.datetime(2025, 3, 14, 12, 0, tzinfo=NY), ticker="BARE", path=SYNTHETIC, firm="Citi", price_target=25)
    assert result.verdict == "no_data" and "this source has no analyst data" in result.reason


def test_target_from_outside_the_stated_date_is_contradicted():
    result = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295, date=D(2026, 1, 15))
    assert result.verdict == "contradicted" and "dates from 2026-01-26" in result.reason


def test_stale_action_beyond_the_default_window_is_unverifiable_and_named():
    result = check(dt.datetime(2026, 2, 20, 12, 0, tzinfo=NY), firm="Roth Capital", price_target=295)
    assert result.verdict == "unverifiable"
    assert "latest Roth Capital action on record" in result.reason and "2026-01-26" in result.reason
    assert result.evidence and result.evidence[0].date == D(2026, 1, 26)


def test_actions_after_publication_are_not_used():
    result = check(dt.datetime(2025, 3, 15, 12, 0, tzinfo=NY), ticker="FACT", path=SYNTHETIC, firm="JPMorgan", price_target=140)
    assert result.verdict == "unverifiable"


def test_lowered_target_alias_and_provenance_fallback():
    result = check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="JPMorgan", price_target=140,
                   previous_price_target=145, rating="Overweight", action="lower_target")
    assert result.verdict == "supported"
    assert result.evidence[0].source == "synthetic test snapshot"  # the record carries no provenance of its own
    raised = check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="JPMorgan", price_target=140, action="raise_target")
    assert raised.verdict == "contradicted" and "lowered, not raised" in raised.reason


def test_upgrade_with_ratings():
    ok = check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="Goldman", price_target=150,
               rating="Buy", previous_rating="Neutral", action="upgrade")
    assert ok.verdict == "supported"
    wrong = check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="Goldman Sachs", price_target=150, previous_rating="Sell")
    assert wrong.verdict == "contradicted" and "prior rating was Neutral, not Sell" in wrong.reason
    downgrade = check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="Goldman Sachs", price_target=150, action="downgrade")
    assert downgrade.verdict == "contradicted" and "upgrade, not a downgrade" in downgrade.reason


def test_rating_only_claims():
    assert check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="Goldman Sachs", rating="buy").verdict == "supported"
    assert check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="Goldman Sachs", rating="Sell").verdict == "contradicted"


def test_rating_spellings_are_compared_loosely():
    result = check(dt.datetime(2025, 1, 12, 12, 0, tzinfo=NY), ticker="FACT", path=SYNTHETIC,
                   firm="Morgan Stanley", rating="Equal Weight", action="initiate", date=D(2025, 1, 10))
    assert result.verdict == "supported"


def test_no_publication_time_and_no_date_is_unverifiable():
    result = check(None, firm="Roth Capital", price_target=295)
    assert result.verdict == "unverifiable" and "--published" in result.reason


def test_target_in_another_currency_is_not_compared():
    result = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295, currency="EUR")
    assert result.verdict == "unverifiable" and "EUR" in result.reason


def test_action_without_a_target_cannot_refute_a_target():
    result = check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="Citi", price_target=150)
    assert result.verdict == "unverifiable" and "does not state" in result.reason
    assert check(FACT_PUBLISHED, ticker="FACT", path=SYNTHETIC, firm="Citi", rating="Buy").verdict == "supported"


def test_data_without_any_analyst_actions_is_no_data_even_without_a_note():
    result = check(dt.datetime(2026, 1, 21, 12, 0, tzinfo=NY), ticker="HOLI", path=SYNTHETIC, firm="Citi", price_target=60)
    assert result.verdict == "no_data" and "no analyst actions at all" in result.reason


def test_a_matching_action_just_outside_a_window_named_in_words_is_not_contradicted():
    # Roth Capital's $295 target is on record for 2026-01-26; "earlier this week" read as 01-28..01-30
    near = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295,
                 window_start=D(2026, 1, 28), window_end=D(2026, 1, 30))
    assert near.verdict == "unverifiable" and "just outside the window" in near.reason
    # well away from the window, the date is wrong: contradicted
    far = check(EXAMPLE_PUBLISHED, firm="Roth Capital", price_target=295,
                window_start=D(2026, 1, 12), window_end=D(2026, 1, 16))
    assert far.verdict == "contradicted" and "outside the window searched" in far.reason


def test_a_sentence_naming_several_days_does_not_date_its_action_for_a_contradiction():
    # the reader took one of the sentence's days; the record's day may be another one it names
    quote = "On Thursday the stock slid, Monday it bounced when Roth Capital set a $295 target, and Tuesday it fell."
    result = check(EXAMPLE_PUBLISHED, quote=quote, firm="Roth Capital", price_target=295, date=D(2026, 1, 15))
    assert result.verdict == "unverifiable" and "several days" in result.reason
    # one day named: the stated date is the action's, and the record from another day contradicts it
    alone = check(EXAMPLE_PUBLISHED, quote="On Jan. 15 Roth Capital set a $295 target.", firm="Roth Capital",
                  price_target=295, date=D(2026, 1, 15))
    assert alone.verdict == "contradicted"
