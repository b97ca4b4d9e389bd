"""verifier.text: sentences that survive abbreviations, clauses, trimmed spans."""

from __future__ import annotations

from verifier.text import Span, enclosing, split_clauses, split_sentences, trim


def sentences(text: str) -> list[str]:
    return [s.of(text) for s in split_sentences(text)]


def test_abbreviations_do_not_end_sentences():
    text = "Globex Corp. said on Feb. 12 that U.S. sales rose. The stock gained 4%."
    assert sentences(text) == ["Globex Corp. said on Feb. 12 that U.S. sales rose.", "The stock gained 4%."]


def test_company_suffix_before_a_new_sentence_ends_it():
    text = "The buyer is Initech Inc. The deal closes in May."
    assert sentences(text) == ["The buyer is Initech Inc.", "The deal closes in May."]


def test_line_breaks_always_end_a_sentence_and_offsets_point_into_the_text():
    text = "  Headline Without A Period\nBody sentence one! Body two?"
    spans = split_sentences(text)
    assert [s.of(text) for s in spans] == ["Headline Without A Period", "Body sentence one!", "Body two?"]
    assert all(text[s.start : s.end] == s.of(text) for s in spans)


def test_cuts_add_boundaries():
    text = "Jan 5, 2026 10:00 ET The stock rose."
    assert sentences(text)[0] == "Jan 5, 2026 10:00 ET The stock rose."
    assert [s.of(text) for s in split_sentences(text, cuts=(20,))] == ["Jan 5, 2026 10:00 ET", "The stock rose."]


def test_clauses_keep_dates_and_company_suffixes_whole():
    text = "Initech, Inc. fell 3% on Jan. 4, 2026, after a warning; rivals rose"
    sent = split_sentences(text)[0]
    assert [c.of(text) for c in split_clauses(text, sent)] == [
        "Initech, Inc. fell 3% on Jan. 4, 2026", "after a warning", "rivals rose",
    ]


def test_trim_and_enclosing():
    assert trim("  ,abc;  ", 0, 9, ",;") == (3, 6)
    units = [Span(0, 5), Span(7, 12), Span(14, 20)]
    assert enclosing(units, 8, 15) == Span(7, 20)
    assert Span(2, 4).contains(2, 4) and not Span(2, 4).contains(1, 4)


def test_join_wrapped_keeps_a_hard_wrapped_sentence_whole_but_not_headlines_or_paragraphs():
    text = "Ad\nAmazon stock: urgent action needed!\nShares were in a slight\ndecline, as\n  traders sold.\n\nthe next paragraph."
    assert [s.of(text) for s in split_sentences(text, join_wrapped=True)] == [
        "Ad", "Amazon stock: urgent action needed!", "Shares were in a slight\ndecline, as\n  traders sold.", "the next paragraph.",
    ]
    # by default (the rule engine) every line stands alone
    assert [s.of(text) for s in split_sentences(text)][2:4] == ["Shares were in a slight", "decline, as"]
