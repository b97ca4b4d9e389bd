"""verifier.evaluate.matching: a found claim pairs with a label on kind, place and key value,
one to one, best first (fixtures/corpus/README.md, "Matching rules")."""

from __future__ import annotations

from verifier.evaluate import ClaimLabel, FlagLabel, Prediction, match_claims, match_flags, sentence_spans, value_agrees


# --------------------------------------------------------------------------- matching rules

TEXT = "Acme rose 2.0% to $10.50 on Monday. Beta fell 1.0% to $20.00. Roth raised its target to $30."


def _pred(kind: str, quote: str, **fields) -> Prediction:
    start = TEXT.index(quote)
    return Prediction(kind, start, start + len(quote), quote, fields)


def test_a_prediction_matches_when_kind_place_and_key_value_agree():
    labels = [ClaimLabel("stock_price", "to $10.50", {"price": 10.5}, "supported")]
    assert match_claims(TEXT, labels, [_pred("stock_price", "Acme rose 2.0% to $10.50", price=10.5)]) == [(0, 0)]
    # same sentence, no overlap with the quote substring: still a match
    assert match_claims(TEXT, labels, [_pred("stock_price", "Acme rose", price=10.5)]) == [(0, 0)]
    # wrong value, wrong kind, wrong sentence: no match
    assert match_claims(TEXT, labels, [_pred("stock_price", "to $10.50", price=10.05)]) == []
    assert match_claims(TEXT, labels, [_pred("price_change", "to $10.50", percent=10.5)]) == []
    assert match_claims(TEXT, labels, [_pred("stock_price", "Beta fell", price=10.5)]) == []


def test_matching_is_one_to_one_and_prefers_the_overlapping_prediction():
    labels = [ClaimLabel("price_change", "rose 2.0%", {"percent": 2.0}, "supported")]
    preds = [_pred("price_change", "Acme", percent=2.0), _pred("price_change", "rose 2.0%", percent=2.0)]
    assert match_claims(TEXT, labels, preds) == [(0, 1)]


def test_value_tolerances():
    assert value_agrees("stock_price", "price", 241.73, 241.73)
    assert not value_agrees("stock_price", "price", 241.73, 242.73)
    assert value_agrees("financial_metric", "value", 57e9, 57.0e9)
    assert not value_agrees("deal", "amount", 28.1e9, 28.1e12)
    assert value_agrees("price_change", "percent", -3.2, -3.2)
    assert not value_agrees("price_change", "percent", -3.2, 3.2)
    assert value_agrees("analyst_rating", "firm", "Roth Capital", "Roth MKM")
    assert value_agrees("analyst_rating", "firm", "Leerink Swann", "Leerink")
    assert not value_agrees("analyst_rating", "firm", "Goldman Sachs", "Morgan Stanley")
    assert value_agrees("analyst_rating", "rating", "Equal-Weight", "equal weight")
    assert value_agrees("scheduled_event", "date", "2026-02-05", "2026-02-05")
    assert not value_agrees("stock_price", "date", "2026-02-05", None)


def test_same_sentence_reads_past_abbreviations_and_hard_wrapped_lines():
    text = "Globex Corp. shares rose on Feb. 3 and\nclosed at $52.10, J. Smith said. Initech fell to $9.00."
    label = [ClaimLabel("stock_price", "Globex Corp. shares", {"price": 52.10}, "supported")]

    def pred(quote: str, price: float) -> Prediction:
        start = text.index(quote)
        return Prediction("stock_price", start, start + len(quote), quote, {"price": price})

    # "Corp.", "Feb." and the wrapped line do not end the sentence, so the price is in the label's sentence
    assert sentence_spans(text) == [(0, text.index(" Initech")), (text.index("Initech"), len(text))]
    assert match_claims(text, label, [pred("$52.10", 52.10)]) == [(0, 0)]
    # the next sentence is another place, even with the same value
    other = [ClaimLabel("stock_price", "Globex Corp. shares", {"price": 9.0}, "supported")]
    assert match_claims(text, other, [pred("$9.00", 9.0)]) == []


def test_flags_match_on_technique_and_place():
    text = "Act now! Shares rose. Our free report shows more."
    labels = [FlagLabel("urgency", "Act now"), FlagLabel("free_offer", "free report")]

    def pred(kind: str, quote: str) -> Prediction:
        start = text.index(quote)
        return Prediction(kind, start, start + len(quote), quote, {})

    preds = [pred("free_offer", "Our free report"), pred("urgency", "Shares rose"), pred("urgency", "Act now!")]
    assert sorted(match_flags(text, labels, preds)) == [(0, 2), (1, 0)]  # the misplaced urgency flag stays unmatched
