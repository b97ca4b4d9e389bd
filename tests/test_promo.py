"""Promotional devices: each technique in several phrasings, no false alarms on plain news,
reported speech, document-level flags, merging, and the promotional score."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier import promo
from verifier.errors import ConfigError
from verifier.extract.base import Extraction
from verifier.pipeline import verify
from verifier.promo import (
    HIGH_AT,
    MEDIUM_AT,
    TECHNIQUES,
    detect_flags,
    document_flags,
    drop_relayed,
    merge_flags,
    parse_lexicon,
    phrase_flags,
    promotional_score,
    risk_label,
    score_breakdown,
)
from verifier.schemas import TECHNIQUES as SCHEMA_TECHNIQUES
from verifier.schemas import Flag

ARTICLES = Path(__file__).resolve().parent.parent / "fixtures" / "articles"
NEWS = sorted(ARTICLES.glob("news-*.txt"))
QUOTED = sorted(ARTICLES.glob("quoted-promoter-*.txt"))


def read(name: str) -> str:
    return (ARTICLES / name).read_text(encoding="utf-8")


def found(text: str) -> set[tuple[str, str]]:
    return {(f.technique, f.quote) for f in detect_flags(text)}


# --------------------------------------------------------------------------- the taxonomy


def test_lexicon_covers_every_technique_with_explanation_severity_and_rule():
    assert set(TECHNIQUES) == set(SCHEMA_TECHNIQUES)
    for t in TECHNIQUES.values():
        assert t.explanation and t.severity in ("low", "medium", "high") and 0 < t.weight <= 1
        assert t.rule, f"{t.name} has no regulatory reference"
        if t.name != "unbalanced":  # judged on the whole document
            assert len(t.patterns) >= 3


PHRASINGS = [
    # buy_sell_question
    ("buy_sell_question", "Should investors sell immediately?", "Should investors sell immediately?"),
    ("buy_sell_question", "Or is it worth buying?", "Or is it worth buying?"),
    ("buy_sell_question", "Nordex stock: Buy or sell?!", "Buy or sell?!"),
    ("buy_sell_question", "Buy, sell or hold? Here is our verdict.", "Buy, sell or hold?"),
    ("buy_sell_question", "Is Tesla stock a buy right now?", "Is Tesla stock a buy right now?"),
    ("buy_sell_question", "Is now the right time to get in?", "Is now the right time to get in?"),
    ("buy_sell_question", "Jetzt kaufen oder verkaufen?", "Jetzt kaufen oder verkaufen?"),
    ("buy_sell_question", "Sollten Anleger jetzt verkaufen?", "Sollten Anleger jetzt verkaufen?"),
    # urgency
    ("urgency", "Urgent action needed for shareholders!", "Urgent action needed"),
    ("urgency", "You must act now.", "You must act now"),
    ("urgency", "Buy before it's too late.", "Buy before it's too late"),
    ("urgency", "Time is running out for this trade.", "Time is running out"),
    ("urgency", "Don't wait for the earnings report.", "Don't wait"),
    ("urgency", "This is your last chance to get in.", "your last chance to get in"),
    ("urgency", "Dringender Handlungsbedarf bei der Aktie!", "Dringender Handlungsbedarf"),
    # call_to_action
    ("call_to_action", "Read more here.", "Read more here"),
    ("call_to_action", "Find out what to do now.", "Find out what to do now"),
    ("call_to_action", "Click here for the full story.", "Click here"),
    ("call_to_action", "Subscribe now and save.", "Subscribe now"),
    ("call_to_action", "Enter your email to continue.", "Enter your email"),
    ("call_to_action", "Hier weiterlesen.", "Hier weiterlesen"),
    # free_offer
    ("free_offer", "Our free analysis explains everything.", "free analysis"),
    ("free_offer", "Download the free report.", "Download the free report"),  # the call to download is the offer's hook
    ("free_offer", "Get our free picks every week.", "Get our free picks"),
    ("free_offer", "It is 100% free for readers.", "100% free"),
    ("free_offer", "Kostenlose Analyse anfordern.", "Kostenlose Analyse"),
    # advertisement
    ("advertisement", "Ad\nShares are cheap.", "Ad"),
    ("advertisement", "Advertisement\nShares are cheap.", "Advertisement"),
    ("advertisement", "Sponsored\nShares are cheap.", "Sponsored"),
    ("advertisement", "Anzeige\nShares are cheap.", "Anzeige"),
    ("advertisement", "This article is a paid advertisement for XYZ.", "This article is a paid advertisement"),
    ("advertisement", "We may earn a commission if you sign up.", "We may earn a commission"),
    ("advertisement", "We have been paid $5,000 to promote the shares.", "We have been paid $5,000 to promote"),
    # unsupported_assertion
    ("unsupported_assertion", "The figures speak for themselves.", "The figures speak for themselves"),
    ("unsupported_assertion", "The numbers don't lie.", "The numbers don't lie"),
    ("unsupported_assertion", "There is no doubt that it wins.", "There is no doubt that"),
    ("unsupported_assertion", "Make no mistake, this is the one.", "Make no mistake"),
    ("unsupported_assertion", "Die Zahlen sprechen für sich.", "Die Zahlen sprechen für sich"),
    # vague_attribution
    ("vague_attribution", "Market experts see huge demand.", "Market experts see"),
    ("vague_attribution", "Wall Street widely sees more growth.", "Wall Street widely sees"),
    ("vague_attribution", "Analysts say the company is cheap.", "Analysts say"),
    ("vague_attribution", "Many experts agree the stock is cheap.", "Many experts agree"),
    ("vague_attribution", "It is widely believed that the stock is cheap.", "It is widely believed that"),
    # exaggeration
    ("exaggeration", "This stock could skyrocket.", "This stock could skyrocket"),
    ("exaggeration", "A can't-miss opportunity.", "can't-miss"),
    ("exaggeration", "A once-in-a-generation chance.", "once-in-a-generation"),
    ("exaggeration", "We see massive upside.", "massive upside"),
    ("exaggeration", "It could be the next Amazon.", "could be the next Amazon"),
    ("exaggeration", "A true ten-bagger in the making.", "ten-bagger"),
    # promissory
    ("promissory", "This stock will double.", "This stock will double"),
    ("promissory", "Guaranteed returns for every reader.", "Guaranteed returns"),
    ("promissory", "A risk-free way to invest.", "risk-free"),
    ("promissory", "You can't lose with this one.", "can't lose"),
    ("promissory", "Shares are certain to triple.", "Shares are certain to triple"),
    ("promissory", "Gewinne sind garantiert.", "garantiert"),
    # social_proof
    ("social_proof", "Everyone is buying it.", "Everyone is buying"),
    ("social_proof", "Smart money is piling in.", "Smart money is piling in"),
    ("social_proof", "Billionaires are quietly loading up.", "Billionaires are quietly loading up"),
    ("social_proof", "Join thousands of investors who already profit.", "Join thousands of investors"),
    ("social_proof", "Hedge funds are quietly buying.", "Hedge funds are quietly buying"),
]


@pytest.mark.parametrize("technique, text, quote", PHRASINGS, ids=[f"{t}:{q}" for t, _, q in PHRASINGS])
def test_each_technique_in_several_phrasings(technique, text, quote):
    flags = [f for f in phrase_flags(text) if f.technique == technique]
    assert [f.quote for f in flags] == [quote]
    flag = flags[0]
    assert text[flag.start : flag.end] == flag.quote
    assert flag.explanation and flag.rule and flag.severity == TECHNIQUES[technique].severity


def test_at_least_three_phrasings_per_phrase_technique():
    counts = {t: sum(1 for p in PHRASINGS if p[0] == t) for t in SCHEMA_TECHNIQUES if t != "unbalanced"}
    assert min(counts.values()) >= 3, counts


def test_rules_cite_the_regulators():
    assert "2210(d)(1)(B)" in TECHNIQUES["promissory"].rule
    assert "2210(d)(1)(F)" in TECHNIQUES["promissory"].rule
    assert "2210(d)(1)(D)" in TECHNIQUES["unbalanced"].rule and "206(4)-1(a)(4)" in TECHNIQUES["unbalanced"].rule
    assert "206(4)-1(a)(2)" in TECHNIQUES["unsupported_assertion"].rule
    assert "206(4)-1(a)(3)" in TECHNIQUES["vague_attribution"].rule
    assert "17(b)" in TECHNIQUES["advertisement"].rule
    assert "2210(d)(1)(A)" in TECHNIQUES["buy_sell_question"].rule
    assert "investor alerts" in TECHNIQUES["urgency"].rule


# --------------------------------------------------------------------------- the bundled example


def test_bundled_example_every_device_flagged_with_the_right_technique(example_article):
    text = example_article.read_text(encoding="utf-8")
    flags = detect_flags(text)
    assert [(f.technique, f.quote) for f in flags] == [
        ("advertisement", "Ad"),
        ("urgency", "urgent action needed"),
        ("buy_sell_question", "Should investors sell immediately? Or is it worth buying?"),
        # the pitch's "Urgent action needed" repeats the title's slogan word for word: one device, one flag
        # "Our free analysis shows what to do now": the teaser sells the free offer, one device
        ("free_offer", "free analysis shows what to do now"),
        ("call_to_action", "Read more here"),
    ]
    assert all(text[f.start : f.end] == f.quote for f in flags)
    # the headline's urgency is on the first line; the body repeats it and is not counted again
    urgency = [f for f in flags if f.technique == "urgency"]
    assert len(urgency) == 1 and text.count("\n", 0, urgency[0].start) == 1
    score, risk = promotional_score(flags, text)
    assert risk == "high" and score > 0.8


def test_bundled_example_through_the_pipeline(example_article):
    class LexiconOnly:
        name = "lexicon"

        def extract(self, document):
            return Extraction(flags=detect_flags(document.text), extractor=self.name)

    report = verify(example_article, extractor=LexiconOnly(), market="none")
    assert [f.technique for f in report.flags] == [
        "advertisement", "urgency", "buy_sell_question", "free_offer", "call_to_action",
    ]
    assert report.summary.flags == 5 and report.summary.risk == "high"
    assert report.summary.promotional_score == promotional_score(report.flags, report.document.text)[0]


# --------------------------------------------------------------------------- plain news


def test_there_are_several_plain_news_fixtures():
    assert len(NEWS) >= 4


@pytest.mark.parametrize("path", NEWS, ids=[p.name for p in NEWS])
def test_plain_news_gets_no_flag_and_low_risk(path):
    text = path.read_text(encoding="utf-8")
    flags = detect_flags(text)
    assert flags == [], [(f.technique, f.quote) for f in flags]
    assert promotional_score(flags, text) == (0.0, "low")


@pytest.mark.parametrize(
    "sentence",
    [
        "Free cash flow for the year came to $4.1 billion.",
        "The risk-free rate that banks use to price loans has barely moved.",
        "The retailer said it will double the number of delivery hubs to 120.",
        # judgement call: a measured past move with its figure is reporting, not hype
        "Shares of Verona Bio skyrocketed 40% to $18.75 after the FDA approval.",
        "Analysts at Goldman Sachs say the results were strong.",
        "Analysts say the cost cuts are working, said Joseph Feldman, an analyst at Telsey Advisory Group.",
        "The analysts see the cloud unit as the main driver. Roth Capital kept its Buy rating.",
        "Economists polled by Reuters expect two rate cuts this year.",
        "Investors piled into bonds after the report.",
        "The company offers a trial period to new customers.",
        "Urgent care clinics reported more visits.",
        "Market reports suggest that Amazon is in talks to invest up to $50 billion in OpenAI.",
        "Klarna's buy now, pay later loans grew 20% and Affirm's buy-now-pay-later volume rose.",
        "The company said it would act quickly to restore service after the outage.",
        "Time is running out for negotiators to reach a deal before the strike deadline.",
        "The FDA issued an urgent warning about counterfeit pens.",
        "It is the last chance to avert a shutdown, lawmakers said.",
        "Oil prices could soar if the strait is closed.",
        "The Nasdaq posted massive gains in 2023.",
    ],
)
def test_news_phrasings_that_are_not_devices(sentence):
    assert phrase_flags(sentence) == []


# --------------------------------------------------------------------------- reported speech


def test_there_are_quoted_promoter_fixtures():
    assert len(QUOTED) >= 2


@pytest.mark.parametrize("path", QUOTED, ids=[p.name for p in QUOTED])
def test_quoted_promoter_devices_are_not_the_articles_own(path):
    text = path.read_text(encoding="utf-8")
    flags = detect_flags(text)
    assert flags == [], [(f.technique, f.quote) for f in flags]
    assert promotional_score(flags, text)[1] == "low"


def test_relayed_devices_can_be_listed_marked_as_relayed():
    text = read("quoted-promoter-newsletter.txt")
    relayed = detect_flags(text, include_reported=True)
    techniques = {f.technique for f in relayed}
    assert {"promissory", "urgency", "exaggeration", "social_proof"} <= techniques
    assert all(f.explanation.startswith("Relayed from") and f.severity == "low" for f in relayed)
    assert any("StockRocket Alert newsletter" in f.explanation for f in relayed)
    assert all(text[f.start : f.end] == f.quote for f in relayed)


@pytest.mark.parametrize(
    "text, technique",
    [
        ("Our chief analyst says this stock will double.", "promissory"),  # the publication's own voice
        ("Market experts say this stock will double.", "promissory"),  # an unnamed authority
        ('This is a "can\'t-miss" opportunity.', "exaggeration"),  # scare quotes: the article's words
        ("We think everyone is buying it.", "social_proof"),
    ],
)
def test_own_voice_and_vague_speakers_are_still_flagged(text, technique):
    assert technique in {f.technique for f in detect_flags(text)}


@pytest.mark.parametrize(
    "text",
    [
        '"This stock will double," said John Calder, the newsletter\'s publisher.',
        "According to the newsletter, the shares are certain to triple.",
        "Everyone is buying it, Calder said.",
        "The StockRocket newsletter told subscribers to act now before it's too late.",
        "\u201cAct now,\u201d the promoter wrote in an email.",
    ],
)
def test_named_third_party_speech_is_not_flagged(text):
    assert detect_flags(text) == []


def test_drop_relayed_filters_an_engines_flags():
    text = '"This stock will double," said John Calder. Act now!'
    quote = "This stock will double"
    inside = Flag(quote=quote, start=1, end=1 + len(quote), technique="promissory")
    outside = Flag(quote="Act now", start=text.index("Act now"), end=text.index("Act now") + 7, technique="urgency")
    assert drop_relayed([inside, outside], text) == [outside]


# --------------------------------------------------------------------------- German template


def test_german_template_markers_and_translated_devices():
    text = read("promo-german-template.txt")
    got = found(text)
    assert ("advertisement", "Anzeige") in got
    assert ("free_offer", "Kostenlose Analyse") in got
    bsq = [q for t, q in got if t == "buy_sell_question"]
    assert len(bsq) == 1 and bsq[0].startswith("Jetzt kaufen oder verkaufen?") and bsq[0].endswith("Buy or sell?!")
    for technique in ("urgency", "vague_attribution", "exaggeration", "unsupported_assertion", "call_to_action", "unbalanced"):
        assert technique in {t for t, _ in got}
    assert promotional_score(detect_flags(text), text)[1] == "high"


# --------------------------------------------------------------------------- document-level flags


def test_pitch_without_disclosure_is_flagged_on_the_pitch_sentence():
    text = read("promo-newsletter-pitch.txt")
    flags = detect_flags(text)
    missing = [f for f in flags if f.technique == "advertisement"]
    assert [f.quote for f in missing] == ["We recommend buying shares today, while prices are still low."]
    assert missing[0].severity == "high" and "disclosure" in missing[0].explanation
    unbalanced = [f for f in flags if f.technique == "unbalanced"]
    assert len(unbalanced) == 1 and "will double" in unbalanced[0].quote
    assert {f.technique for f in flags} == set(SCHEMA_TECHNIQUES)  # every technique occurs in this piece
    assert all(text[f.start : f.end] == f.quote for f in flags)


def test_disclosed_promotion_with_risks_gets_neither_document_flag():
    text = read("promo-sponsored-disclosed.txt")
    flags = detect_flags(text)
    ads = [f.quote for f in flags if f.technique == "advertisement"]
    assert ads == ["Sponsored", "This article is a paid advertisement"]
    assert "unbalanced" not in {f.technique for f in flags}


def test_pitch_from_two_devices_without_an_explicit_buy_call():
    text = "Shares of Zeta could skyrocket. Act now and click here for details."
    flags = detect_flags(text)
    missing = [f for f in flags if f.technique == "advertisement"]
    assert len(missing) == 1 and missing[0].quote == "Act now and click here for details."


def test_one_device_is_not_a_pitch():
    text = "Shares of Zeta could skyrocket, the firm's price target implies."
    assert {f.technique for f in detect_flags(text)} == {"exaggeration"}


def test_unbalanced_only_when_no_risk_is_mentioned():
    pitch = "Buy this stock now. Its price target implies 80% upside. Click here for our free report."
    assert "unbalanced" in {f.technique for f in detect_flags(pitch)}
    with_risk = pitch + " The shares are volatile and you could lose money."
    assert "unbalanced" not in {f.technique for f in detect_flags(with_risk)}
    negated = pitch + " There is no risk."  # 'no risk' is not a risk disclosure
    assert "unbalanced" in {f.technique for f in detect_flags(negated)}


def test_news_with_a_price_target_is_not_unbalanced():
    text = "Roth Capital raised its price target for Amazon to $295 from $270 and kept its Buy rating."
    assert detect_flags(text) == []


def test_document_flags_accept_another_engines_flags():
    text = "Zeta will change the world. Everything points up."
    llm_flags = [
        Flag(quote="Zeta will change the world", start=0, end=26, technique="exaggeration"),
        Flag(quote="Everything points up", start=28, end=48, technique="urgency"),
    ]
    out = document_flags(text, llm_flags)
    assert [f.technique for f in out] == ["advertisement", "unbalanced"]


# --------------------------------------------------------------------------- merging


def _flag(text: str, start: int, end: int, technique: str = "urgency", **kw) -> Flag:
    return Flag(quote=text[start:end], start=start, end=end, technique=technique, **kw)  # type: ignore[arg-type]


def test_overlapping_flags_of_one_technique_merge_with_exact_quote():
    text = "Act now before it's too late, friends."
    a = _flag(text, 0, 14)  # "Act now before"
    b = _flag(text, 8, 28)  # "before it's too late"
    for merged in (merge_flags([b, a], text), merge_flags([b, a])):
        assert len(merged) == 1
        assert (merged[0].start, merged[0].end) == (0, 28)
        assert merged[0].quote == text[0:28]


def test_merge_keeps_other_techniques_and_reading_order():
    text = "Act now before it's too late, friends."
    flags = [_flag(text, 15, 28, "exaggeration"), _flag(text, 0, 7), _flag(text, 0, 7, "call_to_action")]
    merged = merge_flags(flags, text)
    assert [(f.technique, f.start) for f in merged] == [("call_to_action", 0), ("urgency", 0), ("exaggeration", 15)]


def test_merge_joins_same_technique_separated_by_spaces_only_with_text():
    text = "Should you sell? Or is it worth buying?\nBuy or sell?"
    a = _flag(text, 0, 16, "buy_sell_question")
    b = _flag(text, 17, 39, "buy_sell_question")
    c = _flag(text, 40, 52, "buy_sell_question")
    merged = merge_flags([a, b, c], text)
    assert [f.quote for f in merged] == ["Should you sell? Or is it worth buying?", "Buy or sell?"]
    assert len(merge_flags([a, b, c])) == 3  # without the text, only overlaps merge


def test_merge_keeps_the_higher_severity_and_fills_rule_and_explanation():
    text = "act now act now"
    merged = merge_flags([_flag(text, 0, 7, severity="low"), _flag(text, 4, 15, severity="high")], text)
    assert len(merged) == 1 and merged[0].severity == "high"
    assert merged[0].rule == TECHNIQUES["urgency"].rule and merged[0].explanation == TECHNIQUES["urgency"].explanation


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 20), st.sampled_from(["urgency", "promissory"])), max_size=12))
def test_merged_quotes_always_equal_the_text(spans):
    text = "Act now, this stock will double. Buy before it is too late! Read more"
    flags = [_flag(text, s, min(len(text), s + n), t) for s, n, t in spans if s < len(text)]
    for merged in (merge_flags(flags, text), merge_flags(flags)):
        assert all(text[f.start : f.end] == f.quote for f in merged)
        assert [f.start for f in merged] == sorted(f.start for f in merged)
        for i, f in enumerate(merged):  # no two flags of one technique still overlap
            assert not any(g.technique == f.technique and g.start < f.end and f.start < g.end for g in merged[i + 1 :])


# --------------------------------------------------------------------------- score


def test_score_of_nothing_is_zero_low():
    assert promotional_score([], "Plain text.") == (0.0, "low")


def test_risk_labels():
    assert (risk_label(0.0), risk_label(MEDIUM_AT - 1e-9), risk_label(MEDIUM_AT), risk_label(HIGH_AT)) == ("low", "low", "medium", "high")


def test_single_devices_have_documented_risk():
    text = "x " * 50
    one = lambda t: promotional_score([Flag(quote="x", start=0, end=1, technique=t)], text)  # noqa: E731
    assert one("promissory") == (0.3935, "medium")  # 1 - exp(-0.5)
    assert one("vague_attribution")[1] == "low"
    assert one("advertisement")[1] == "medium"


def test_repeats_saturate_and_count_less_in_long_texts():
    short = "word " * 100
    long = "word " * 4000
    flags = [Flag(quote="word", start=0, end=4, technique="urgency")] * 50
    w = TECHNIQUES["urgency"].weight
    assert score_breakdown(flags, short)["urgency"] <= 2 * w + 1e-9
    assert score_breakdown(flags[:1], short)["urgency"] == pytest.approx(w)
    assert score_breakdown(flags[:1], long)["urgency"] == pytest.approx(w)  # a first occurrence always counts
    assert score_breakdown(flags[:3], long)["urgency"] < score_breakdown(flags[:3], short)["urgency"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(SCHEMA_TECHNIQUES), max_size=25),
    st.sampled_from(SCHEMA_TECHNIQUES),
    st.integers(1, 5000),
)
def test_adding_a_device_never_lowers_the_score(techniques, extra, words):
    text = "w " * words
    flags = [Flag(quote="w", start=0, end=1, technique=t) for t in techniques]  # type: ignore[arg-type]
    before, _ = promotional_score(flags, text)
    after, _ = promotional_score(flags + [Flag(quote="w", start=0, end=1, technique=extra)], text)  # type: ignore[arg-type]
    assert 0.0 <= before <= after <= 1.0


@pytest.mark.parametrize("path", NEWS + [ARTICLES / "amazon-restructuring.txt"], ids=lambda p: p.name)
@pytest.mark.parametrize("device", ["Act now before it's too late!", "This stock will double.", "Get our free report."])
def test_appending_a_device_to_an_article_raises_its_score(path, device):
    text = path.read_text(encoding="utf-8")
    before = promotional_score(detect_flags(text), text)[0]
    longer = text + "\n\n" + device
    after = promotional_score(detect_flags(longer), longer)[0]
    assert after >= before and (after > before or before == 1.0 or before > 0.99)


# --------------------------------------------------------------------------- the lexicon as data


def _bundled() -> dict:
    return json.loads(Path(promo.__file__).with_name("data").joinpath("promo_lexicon.json").read_text(encoding="utf-8"))


def test_broken_pattern_names_the_file_to_fix():
    raw = copy.deepcopy(_bundled())
    raw["techniques"]["urgency"]["patterns"].append("(unclosed")
    with pytest.raises(ConfigError, match="promo_lexicon.json"):
        parse_lexicon(raw)


def test_a_pattern_is_compiled_only_once_its_trigger_occurs_and_still_fails_cleanly():
    raw = copy.deepcopy(_bundled())
    raw["techniques"]["urgency"]["patterns"].append(r"zqxlate(?<=a+)")  # a compile-stage error, literal start
    lex = parse_lexicon(raw)  # the syntax is fine; the look-behind only fails when compiled
    late = lex.compiled["urgency"][-1]
    assert late.triggers == ("zqxlate",) and late._regex is None
    assert list(late.finditer("nothing here", "nothing here")) == []  # no trigger: never compiled
    with pytest.raises(ConfigError, match="promo_lexicon.json"):
        list(late.finditer("zqxlate", "zqxlate"))


def test_shipped_triggers_table_is_right_for_every_pattern_it_holds():
    """promo_triggers.json saves parsing ~200 patterns at start-up; a wrong entry would miss matches.

    A pattern missing from the table is parsed at load (slower, still right): after editing the
    lexicon, ``python -m verifier.promo --write-triggers`` brings the table up to date.
    """
    table = json.loads(Path(promo.__file__).with_name("data").joinpath("promo_triggers.json").read_text(encoding="utf-8"))
    held = table["triggers"]
    assert held == promo.triggers_table(list(held))
    current = promo.lexicon_patterns(_bundled())
    assert set(current) <= set(held), "run: python -m verifier.promo --write-triggers"


def test_unknown_technique_and_missing_sections_are_config_errors():
    raw = copy.deepcopy(_bundled())
    raw["techniques"]["hype"] = raw["techniques"]["urgency"]
    with pytest.raises(ConfigError, match="unknown technique 'hype'"):
        parse_lexicon(raw)
    with pytest.raises(ConfigError, match="needs 'techniques'"):
        parse_lexicon({"techniques": {}})
    raw = copy.deepcopy(_bundled())
    del raw["techniques"]["social_proof"]
    with pytest.raises(ConfigError, match="social_proof"):
        parse_lexicon(raw)


# --------------------------------------------------------------------------- edge cases and speed


def test_empty_and_blank_text():
    assert detect_flags("") == [] and detect_flags(" \n\n ") == []
    assert promotional_score([], "") == (0.0, "low")


def test_offsets_survive_characters_that_grow_when_lower_cased():
    text = "\u0130stanbul \u0130\u0130 update: act now before it's too late!"
    flags = detect_flags(text)
    assert [f.quote for f in flags if f.technique == "urgency"] == ["act now before it's too late"]
    assert all(text[f.start : f.end] == f.quote for f in flags)


def test_long_text_stays_fast(example_article):
    import time

    text = (example_article.read_text(encoding="utf-8") + "\n\n") * 200  # about 230 kB
    started = time.monotonic()
    flags = detect_flags(text)
    elapsed = time.monotonic() - started
    assert len([f for f in flags if f.technique == "buy_sell_question"]) == 200
    assert elapsed < 10, f"detect_flags took {elapsed:.1f}s on {len(text)} characters"


def test_one_passing_dip_is_not_balance_but_several_negatives_are():
    pitch = "Meta stock slipped 1.4% on Monday. But experts say Meta is the best AI stock. Meta stock is going to the moon, and there is no downside risk."
    flags = detect_flags(pitch)
    unbalanced = [f for f in flags if f.technique == "unbalanced"]
    assert [f.quote for f in unbalanced] == ["Meta stock is going to the moon, and there is no downside risk."]
    balanced = pitch + " Job cuts and a decline in ad sales weighed on the shares last year."
    assert "unbalanced" not in {f.technique for f in detect_flags(balanced)}


def test_imperatives_and_the_publisher_are_not_third_party_speakers():
    text = "Should investors buy now? Request our free Apple report today - click here!"
    got = found(text)
    assert ("call_to_action", "click here") in got
    # the call whose object is the free offer is the free offer (one flag covering both)
    assert ("free_offer", "Request our free Apple report") in got


def test_pipeline_drops_an_engines_flags_inside_relayed_speech():
    text = read("quoted-promoter-newsletter.txt")
    quote = "This stock will double by summer"
    start = text.index(quote)

    class QuoteFlagger:  # an engine (like the LLM) that flags the promoter's words
        name = "quote-flagger"

        def extract(self, document):
            flag = Flag(quote=quote, start=start, end=start + len(quote), technique="promissory")
            return Extraction(flags=[flag], extractor=self.name)

    report = verify(text, extractor=QuoteFlagger(), market="none")
    assert report.flags == [] and report.summary.risk == "low"


def test_one_huge_line_stays_fast_and_anchors_stay_short():
    import time

    unit = "Act now and click here, Calder said, this stock could skyrocket and the smart money is piling in "
    text = unit * 3000  # about 300 kB without a single full stop
    started = time.monotonic()
    flags = detect_flags(text)
    assert time.monotonic() - started < 10
    assert flags and all(text[f.start : f.end] == f.quote for f in flags)
    assert all(len(f.quote) <= promo.MAX_ANCHOR for f in flags)


def test_an_urgency_slogan_repeated_word_for_word_is_one_flag():
    text = "Acme stock: urgent action needed!\n\nShares rose 3%. Urgent action needed for Acme shareholders! Act now."
    urgency = [f.quote for f in detect_flags(text) if f.technique == "urgency"]
    assert urgency[0] == "urgent action needed" and "Urgent action needed" not in urgency


# --------------------------------------------------------------------------- round 3: new styles
# Phrasings of paid promotions, pump posts, newsletters and forum posts (own example sentences).

MORE_PHRASINGS = [
    ("urgency", "Frankly, this is your last chance to own it under $4.", "your last chance"),
    ("urgency", "Last chance: the price resets at midnight.", "Last chance:"),
    ("urgency", "Hurry, the discount disappears soon.", "Hurry,"),
    ("urgency", "The clock is ticking on this setup.", "clock is ticking"),
    ("urgency", "Tomorrow may be too late.", "Tomorrow may be too late"),
    ("urgency", "Every day you wait is money left on the table.", "Every day you wait"),
    ("urgency", "Readers need to move fast on this one.", "Readers need to move fast"),
    ("urgency", "Get positioned before the FDA decision.", "Get positioned before the"),
    ("urgency", "You want shares before the news breaks.", "before the news breaks"),
    ("urgency", "This introductory offer expires in 48 hours.", "This introductory offer expires"),
    ("urgency", "You won't want to miss this.", "You won't want to miss"),
    ("free_offer", "The full dossier is yours free.", "yours free"),
    ("free_offer", "The guide is free when you subscribe.", "free when you subscribe"),
    ("free_offer", "Start your complimentary trial of the Alpha Letter.", "complimentary trial"),
    ("free_offer", "No credit card required.", "No credit card required"),
    ("exaggeration", "These shares could return 800% by 2028.", "could return 800%"),
    ("exaggeration", "We calculate profit potential of 1,200% here.", "profit potential of 1,200%"),
    ("exaggeration", "A $3 stock with 400% upside.", "400% upside"),
    ("exaggeration", "This could be bigger than the iPhone.", "could be bigger than the iPhone"),
    ("exaggeration", "The company is poised for explosive growth.", "poised for explosive growth"),
    ("exaggeration", "It is the biggest opportunity I've seen in my career.", "biggest opportunity I've seen"),
    ("exaggeration", "Our next 10x is a tiny lithium miner.", "Our next 10x"),
    ("exaggeration", "Meet the next Nvidia.", "Meet the next Nvidia"),
    ("exaggeration", "The next Tesla is hiding in plain sight.", "The next Tesla"),
    ("exaggeration", "It is the opportunity of a lifetime.", "opportunity of a lifetime"),
    ("exaggeration", "My top pick could soar this spring.", "pick could soar"),
    ("promissory", "$ZXQ to $12 by summer, mark my words.", "$ZXQ to $12 by summer"),
    ("promissory", "This stock will hit $40.", "This stock will hit $40"),
    ("promissory", "The stock is headed to $25 by year-end.", "headed to $25 by year-end"),
    ("promissory", "It's going to double before the holidays.", "going to double"),
    ("social_proof", "Smart money piled in on Friday.", "Smart money piled in"),
    ("social_proof", "The smart money is already in.", "smart money is already in"),
    ("social_proof", "Everyone on Reddit is talking about this ticker.", "Everyone on Reddit is talking about"),
    ("social_proof", "Insiders are buying hand over fist.", "Insiders are buying hand over fist"),
    ("social_proof", "More than 40,000 traders already follow our alerts.", "More than 40,000 traders already follow our"),
    ("social_proof", "Retail is going wild for this name.", "Retail is going wild for"),
    ("advertisement", "This is an advertisement.", "This is an advertisement"),
    ("advertisement", "Paid promotion.\nShares look cheap.", "Paid promotion."),
    ("advertisement", "Loving this chart #ad", "#ad"),
    ("advertisement", "We were compensated $12,000 by a shareholder of the company.", "We were compensated $12,000"),
    ("advertisement", "Orbit Media LLC received $30,000 for the dissemination of this profile.", "received $30,000 for the dissemination"),
    ("advertisement", "This newsletter was paid for by Quarry Metals.", "This newsletter was paid for by"),
    ("advertisement", "Paid for by the Lumen Growth Fund", "Paid for by"),
    ("vague_attribution", "Sources tell us a buyout is near.", "Sources tell us"),
    ("vague_attribution", "People in the know are quietly positioning.", "People in the know are"),
    ("vague_attribution", "Many on Wall Street believe the chip will dominate.", "Many on Wall Street believe"),
    ("call_to_action", "Tap the button to unlock the name.", "Tap the button"),
    ("call_to_action", "Reply YES and we send the ticker.", "Reply YES"),
    ("call_to_action", "Full watchlist: link in bio.", "link in bio"),
    ("call_to_action", "Join our Telegram for live entries.", "Join our Telegram"),
    ("buy_sell_question", "Zeta after the recall: buy the dip?", "buy the dip?"),
    ("buy_sell_question", "Buy now or wait?", "Buy now or wait?"),
    ("unsupported_assertion", "There is simply no question about it.", "There is simply no question about it"),
]


@pytest.mark.parametrize("technique, text, quote", MORE_PHRASINGS, ids=[f"{t}:{q}" for t, _, q in MORE_PHRASINGS])
def test_new_style_phrasings(technique, text, quote):
    quotes = [f.quote for f in phrase_flags(text) if f.technique == technique]
    assert len(quotes) == 1 and quote in quotes[0], quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "It was the last chance to reach a deal before the strike, the union's lawyer noted.",
        "Investors were in no hurry, and volumes stayed thin.",
        "The clock is ticking for Congress to pass a budget.",
        "Investors who buy before the record date receive the dividend.",
        "Shares rose before the news broke on Tuesday.",
        "The tender offer expires on Friday.",
        "The company offers a free trial to new customers.",
        "Apple assumes no obligation to update these statements.",
        "The fund's shares have posted gains of 300% since 2019.",
        "The stock trades at 10x earnings, a discount to peers.",
        "The next Apple event is scheduled for September.",
        "It will double its production capacity by 2027.",
        "Goldman raised its target on the stock to $300 in March.",
        "Smart money piled into Treasuries as stocks fell.",
        "More than 5 million people use the app every month.",
        "Sponsored by the Knight Foundation, the survey polled 2,000 adults.",
        "What do analysts say about the merger?",
        "Is the central bank done raising rates?",
        "No investment is risk-free.",
        "There are no guaranteed returns in the stock market.",
        "This is not a once-in-a-generation opportunity, whatever the bulls say.",
        "Gewinne sind nicht garantiert.",
        "Past performance is no guarantee of future results.",
        "This is not financial advice.",
        "The offer to employees is free of charge for the first year, the company said.",
    ],
)
def test_more_phrasings_that_are_not_devices(sentence):
    assert phrase_flags(sentence) == [], [(f.technique, f.quote) for f in phrase_flags(sentence)]


def test_a_call_to_action_on_a_free_offer_is_the_offer():
    text = "Claim your free report on the three picks today."
    flags = detect_flags(text)
    assert [(f.technique, f.quote) for f in flags] == [("free_offer", "Claim your free report")]
    # a single sign-up hook is one device: not a pitch, so no missing-disclosure flag
    assert document_flags(text, flags) == []
    teaser = "Our free briefing tells you what to do next. Click here."
    got = [(f.technique, f.quote) for f in phrase_flags(teaser)]
    assert got == [("free_offer", "free briefing tells you what to do next"), ("call_to_action", "Click here")]


def test_urgency_inside_a_buy_sell_question_is_the_question():
    got = [(f.technique, f.quote) for f in detect_flags("Should readers get in now, before earnings?")]
    assert [t for t, _ in got] == ["buy_sell_question"]


def test_a_headline_is_one_device_per_technique_but_a_body_paragraph_is_not():
    headline = "BREAKING: Act now! Small-cap miner set for a takeover - don't wait\n\nThe company drills in Nevada."
    urgency = [f.quote for f in detect_flags(headline) if f.technique == "urgency"]
    assert urgency == ["Act now! Small-cap miner set for a takeover - don't wait"]
    body = "Act now on the pullback, because the quarter looks strong and buyers are returning. Don't wait for the print."
    assert len([f for f in detect_flags(body) if f.technique == "urgency"]) == 2


def test_one_disclaimer_line_is_one_disclosure():
    text = "Shares look cheap.\n\nDisclaimer: This is a paid advertisement. Orbit Media LLC received $30,000 for the dissemination of this profile."
    ads = [f.quote for f in detect_flags(text) if f.technique == "advertisement"]
    assert len(ads) == 1 and ads[0].startswith("This is a paid advertisement") and ads[0].endswith("dissemination")


@pytest.mark.parametrize(
    "text",
    [
        "Promoters told investors the shares were guaranteed to double.",
        "According to regulators, the mailers promised a risk-free windfall.",
        "Spam emails urged readers to get in before it's too late.",
    ],
)
def test_generic_outside_speakers_relay_the_devices(text):
    assert detect_flags(text) == []
    relayed = detect_flags(text, include_reported=True)
    assert relayed and all(f.explanation.startswith("Relayed from") and f.severity == "low" for f in relayed)


def test_vague_authorities_are_still_not_relays():
    assert "promissory" in {f.technique for f in detect_flags("Insiders say the shares are guaranteed to double.")}


def test_a_correction_notice_quotes_the_earlier_version():
    text = ("Zeta Mining shares rose 4% on Monday.\n\n"
            "Correction: An earlier version of this story said the stock was guaranteed to double. It is not.")
    assert detect_flags(text) == []
    assert [f.technique for f in detect_flags(text, include_reported=True)] == ["promissory"]
    # the same words in the piece's own voice are a device
    assert "promissory" in {f.technique for f in detect_flags("Zeta Mining shares are guaranteed to double.")}


def test_what_someone_told_readers_to_do_is_reported():
    story = "Posts on the forum hyped the miner and urged readers to get in before it is too late."
    assert detect_flags(story) == []
    assert {f.technique for f in detect_flags(story, include_reported=True)} == {"urgency"}
    own = "We urge readers to get in now, before it is too late."
    assert "urgency" in {f.technique for f in detect_flags(own)}


def test_broker_research_with_its_disclosures_is_not_a_hidden_promotion():
    note = ("Zeta Robotics remains our top pick for 2026; we reiterate Outperform and a $90 price target, "
            "which implies 40% upside.\n\nRisks: supply shortages.\n\n"
            "Analyst certification: the views expressed accurately reflect the analyst's personal views. "
            "See important disclosures at the end of this report.")
    assert "advertisement" not in {f.technique for f in detect_flags(note)}
    pitch = "Zeta Robotics remains our top pick for 2026, with 40% upside. Risks: supply shortages."
    assert "advertisement" in {f.technique for f in detect_flags(pitch)}  # the same pitch without them


MULTILINGUAL = [
    ("urgency", "Agissez maintenant, le cours est encore bas.", "Agissez maintenant"),
    ("urgency", "Non aspettare: il titolo corre.", "Non aspettare"),
    ("urgency", "Actúe ahora antes de que sea tarde.", "Actúe ahora"),
    ("free_offer", "Recevez notre rapport spécial gratuit.", "rapport spécial gratuit"),
    ("free_offer", "Scarica l'analisi gratuita.", "analisi gratuita"),
    ("free_offer", "Descargue el informe gratuito.", "informe gratuito"),
    ("buy_sell_question", "Zeta : acheter ou vendre ?", "acheter ou vendre ?"),
    ("buy_sell_question", "Conviene comprare Zeta adesso?", "Conviene comprare Zeta adesso?"),
    ("buy_sell_question", "¿Es momento de comprar Zeta?", "Es momento de comprar Zeta?"),
    ("advertisement", "Publicité\nZeta en forte hausse.", "Publicité"),
    ("advertisement", "Contenuto sponsorizzato\nZeta vola.", "Contenuto sponsorizzato"),
    ("promissory", "Des gains garantis pour nos lecteurs.", "gains garantis"),
    ("promissory", "Rendimenti garantiti con Zeta.", "Rendimenti garantiti"),
    ("exaggeration", "L'action pourrait exploser cette année.", "pourrait exploser"),
    ("call_to_action", "Cliquez ici pour le rapport.", "Cliquez ici"),
    ("vague_attribution", "Gli esperti dicono che il titolo è sottovalutato.", "Gli esperti dicono"),
]


@pytest.mark.parametrize("technique, text, quote", MULTILINGUAL, ids=[f"{t}:{q}" for t, _, q in MULTILINGUAL])
def test_french_italian_spanish_promo_markers(technique, text, quote):
    quotes = [f.quote for f in phrase_flags(text) if f.technique == technique]
    assert len(quotes) == 1 and quote in quotes[0], quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "Le prêt garanti par l'État a été remboursé en mars.",
        "La société ne garantit aucun rendement.",
        "Il titolo ha chiuso in rialzo del 2,6 % a 352,84 dollari.",
        "La acción cerró con una subida del 9,6 %.",
    ],
)
def test_european_news_sentences_are_not_devices(sentence):
    assert phrase_flags(sentence) == []


def test_a_non_english_pitch_with_its_risk_section_is_not_unbalanced():
    text = "Pubblicità\nZeta potrebbe decollare: potenziale enorme. Rischi: il titolo è volatile e si possono subire perdite."
    assert "unbalanced" not in {f.technique for f in detect_flags(text)}


THREAD_AND_PITCH_PHRASINGS = [
    ("social_proof", "Everyone's piling into the name this week.", "Everyone's piling into"),
    ("social_proof", "Whales are loading before the print.", "Whales are loading"),
    ("promissory", "$QRZ to $45 by EOY, bookmark this.", "$QRZ to $45 by EOY"),
    ("promissory", "That is an easy double from here.", "easy double"),
    ("exaggeration", "Honestly the steal of the decade.", "steal of the decade"),
    ("exaggeration", "There is ridiculous upside in this name.", "ridiculous upside"),
    ("buy_sell_question", "Zeta after the recall. Worth buying?", "Worth buying?"),
    ("buy_sell_question", "Down 30% in a week. Buying opportunity?", "Buying opportunity?"),
    ("advertisement", "ADVERTISEMENT \u2013 Quarry Metals Corp", "ADVERTISEMENT \u2013"),
    ("advertisement", "We are a paid promoter of Quarry Metals.", "We are a paid promoter"),
    ("urgency", "Seats are strictly limited.", "Seats are strictly limited"),
    ("urgency", "This offer won't last long.", "won't last long"),
    ("call_to_action", "Get instant access to the model portfolio.", "Get instant access"),
    ("call_to_action", "Learn the ticker inside.", "Learn the ticker"),
]


@pytest.mark.parametrize("technique, text, quote", THREAD_AND_PITCH_PHRASINGS, ids=[f"{t}:{q}" for t, _, q in THREAD_AND_PITCH_PHRASINGS])
def test_thread_and_pitch_phrasings(technique, text, quote):
    quotes = [f.quote for f in phrase_flags(text) if f.technique == technique]
    assert len(quotes) == 1 and quote in quotes[0], quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "The CEO was paid $20 million last year.",
        "Morgan Stanley raises $QRZ to $45 on cloud demand.",
        "The company's shares won't trade on Friday.",
        "Seats on the board are held by three founders.",
        "Investors piled into bonds, and yields fell.",
    ],
)
def test_thread_news_sentences_are_not_devices(sentence):
    assert phrase_flags(sentence) == [], [(f.technique, f.quote) for f in phrase_flags(sentence)]


@pytest.mark.parametrize(
    "text",
    [
        "The newsletter, which called the company a hidden gem, disclosed that it was paid $40,000 to promote the shares.",
        "Forums filled with posts saying the stock was going to the moon.",
        "Wedbush analyst Dan Ives called Tesla his \"top pick\" and said the stock could skyrocket.",
    ],
)
def test_speech_in_a_relative_clause_or_participle_is_reported(text):
    assert detect_flags(text) == []


@pytest.mark.parametrize(
    "text, technique",
    [
        ("Our letter, which called Nvidia early, says this hidden gem could 10x.", "exaggeration"),
        ("Insiders saying the stock could skyrocket are rarely wrong.", "exaggeration"),
        ("I keep saying it: this stock will double.", "promissory"),
    ],
)
def test_the_writer_and_vague_crowds_are_not_reporters(text, technique):
    assert technique in {f.technique for f in detect_flags(text)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Investors move quickly to price in the cut.",
        "This deal closes in the second half.",
        "The tax-free bonus was paid in March.",
        "Venture capitalists race to find the next Nvidia.",
        "Oil majors booked obscene profits, critics argued.",
        "Our readers have made it clear they want more charts.",
        "The company received $5 million for the production of vaccines.",
        "Watch the video below.",
        "The polls close at midnight.",
    ],
)
def test_reporting_phrasings_near_the_new_patterns_are_not_devices(sentence):
    assert phrase_flags(sentence) == [], [(f.technique, f.quote) for f in phrase_flags(sentence)]


def test_a_track_record_boast_is_social_proof():
    assert [f.technique for f in phrase_flags("Our subscribers have already made 240% on the last pick.")] == ["social_proof"]


def test_no_doubt_is_an_intensifier_not_a_denial():
    assert "promissory" in {f.technique for f in phrase_flags("There is no doubt this stock will double.")}
    assert "promissory" not in {f.technique for f in phrase_flags("There is no sign this stock will double.")}


TRANSLATED_PROMO_PHRASINGS = [
    ("buy_sell_question", "Zeta stock after the split: Buy now?", "Buy now?"),
    ("buy_sell_question", "Sell or stay invested?", "Sell or stay invested?"),
    ("buy_sell_question", "Get in or wait?", "Get in or wait?"),
    ("urgency", "Immediate action required for Zeta holders!", "Immediate action required"),
    ("urgency", "There is an urgent need for action.", "urgent need for action"),
    ("urgency", "Shareholders now have to act.", "Shareholders now have to act"),
    ("call_to_action", "Continue reading here.", "Continue reading here"),
    ("exaggeration", "Is a price explosion coming?", "price explosion"),
    ("vague_attribution", "Experts are certain: the turnaround is here.", "Experts are certain"),
    ("social_proof", "Investors are storming the stock.", "Investors are storming the stock"),
]


@pytest.mark.parametrize("technique, text, quote", TRANSLATED_PROMO_PHRASINGS, ids=[f"{t}:{q}" for t, _, q in TRANSLATED_PROMO_PHRASINGS])
def test_translated_promo_phrasings(technique, text, quote):
    quotes = [f.quote for f in phrase_flags(text) if f.technique == technique]
    assert len(quotes) == 1 and quote in quotes[0], quotes


@pytest.mark.parametrize(
    "sentence",
    [
        "Buy now, pay later? Klarna thinks so.",
        "Shareholders must act by Friday to tender their shares, the company said.",
        "Investors flocked to gold as stocks fell.",
    ],
)
def test_translated_promo_neighbours_that_are_not_devices(sentence):
    assert phrase_flags(sentence) == [], [(f.technique, f.quote) for f in phrase_flags(sentence)]


def test_a_thread_price_call_without_by():
    assert [f.quote for f in phrase_flags("$QRZ to $45 EOY, no joke")] == ["$QRZ to $45 EOY"]
    assert phrase_flags("MS raises $QRZ to $45 on demand.") == []
    # a bare number after a cashtag is a broker's target shorthand ("GS $QRZ to 45 in March"), not a promise
    assert phrase_flags("GS $QRZ to 45 in March, from 41") == []


def test_slang_negative_facts_and_hedges_balance_a_thread():
    pitch = "1/ $QRZ ripped 12% today. smart money piled in.\n2/ $QRZ to $45 by summer"
    assert "unbalanced" in {f.technique for f in detect_flags(pitch)}
    with_facts = pitch + "\n3/ yesterday it tanked (-4%) and they are cutting 2k roles"
    assert "unbalanced" not in {f.technique for f in detect_flags(with_facts)}
    hedged = pitch + "\n3/ I could be totally wrong"
    assert "unbalanced" not in {f.technique for f in detect_flags(hedged)}


@pytest.mark.parametrize(
    ("technique", "text"),
    [
        ("call_to_action", "ok team before we start hit that subscribe button so you never miss a video"),
        ("call_to_action", "Quick take on Globex. Like and subscribe for more."),
        ("call_to_action", "Swipe to buy GLBX in one step"),
        ("call_to_action", "and if you want the live picks join my substack tonight"),
        ("call_to_action", "Open your free brokerage account now and start with Globex."),
        ("call_to_action", "Seats for the webinar are going fast: reserve yours today."),
        ("free_offer", "Sign up for Globex Alerts Plus and your first two months are free."),
        ("free_offer", "Start a free 30-day trial of our dividend screener."),
        ("free_offer", "Our free plan covers ten tickers a day."),
        ("social_proof", "Tens of thousands of investors rely on our morning note."),
        ("urgency", "Never miss a single breakout alert again with Globex Pro."),
        ("promissory", "globex is going to hit two hundred by christmas guaranteed"),
    ],
)
def test_new_device_phrasings(technique, text):
    assert technique in {f.technique for f in phrase_flags(text)}, [(f.technique, f.quote) for f in phrase_flags(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Globex said its free cash flow rose 12% in the quarter.",
        "The company's first quarter is typically its weakest.",
        "Globex guaranteed the bonds of its subsidiary, the filing shows.",
        "Thousands of workers use the plant's cafeteria every day, the union said.",
        "The new hires will be at the Austin campus by summer, with pay guaranteed by contract.",
    ],
)
def test_new_device_neighbours_that_are_not_devices(sentence):
    assert phrase_flags(sentence) == [], [(f.technique, f.quote) for f in phrase_flags(sentence)]


# --- corpus6 dev: sponsor reads, chat hype, factsheet and show-note funnels (sentences invented here)


@pytest.mark.parametrize(
    "technique, text",
    [
        ("call_to_action", "[03/03/2025, 09:12] Rob: BUY THE DIP 🔥"),
        ("call_to_action", "Link to my trading journal is in the comments."),
        ("call_to_action", "Open a Brightwater investing account today."),
        ("call_to_action", "Talk to your Harbour Lane adviser today about the income fund."),
        ("call_to_action", "Sign up for the spring challenge here: picks.example/spring"),
        ("call_to_action", "ok before we start, hit subscribe and turn on notifications"),
        ("call_to_action", "Start your Globex Insider trial today."),
        ("free_offer", "Try the screener with 2 months free using code GLOBEX."),
        ("free_offer", "the setups are in my free telegram channel"),
        ("urgency", "Offer expires Friday at noon."),
        ("urgency", "Don't miss the next leg of the chip rally."),
        ("social_proof", "honestly everybody in the telegram is loading up on GLBX"),
        ("social_proof", "12,000 subscribers have already joined the club."),
        ("social_proof", "The Globex newsletter says smart money is\n> loading up on the shares."),
        ("promissory", "GLBX $90 by June guaranteed"),
        ("promissory", "$GLBX will hit $120 by fall, you heard it here first."),
        ("advertisement", "Tonight's webinar is sponsored by Northgate Brokerage."),
    ],
)
def test_sponsor_reads_chat_hype_and_funnel_phrasings(technique, text):
    assert technique in {f.technique for f in phrase_flags(text)}, [(f.technique, f.quote) for f in phrase_flags(text)]


@pytest.mark.parametrize(
    "sentence",
    [
        "Is a Neutral rating closer to a Sell or to a Buy? Explain your answer.",
        "For financial professionals only. Not for retail distribution.",
        'Her advice to "buy the dip" sounded hollow after the third sell-off.',
        "The tender offer expires Friday, Globex said.",
        "This bill is sponsored by two senators from Ohio.",
        "Customers can open an account online in a few minutes.",
        "Consult your financial adviser before investing.",
        "Globex said the plant's output\nrose 4% in the quarter.",
    ],
)
def test_funnel_neighbours_that_are_not_devices(sentence):
    assert phrase_flags(sentence) == [], [(f.technique, f.quote) for f in phrase_flags(sentence)]


def test_a_pitch_only_inside_quotation_marks_is_quoted_not_the_pieces_own():
    pitch = "GLOBEX IS THE STOCK OF THE DECADE. Act now before Wall Street catches on!"
    quoted = f'Look what landed in my inbox today, again:\n\n"{pitch}"\n\nI binned it.'
    flags = detect_flags(quoted)
    assert {"exaggeration", "urgency"} <= {f.technique for f in flags}
    assert "advertisement" not in {f.technique for f in flags}
    assert "advertisement" in {f.technique for f in detect_flags(f"{pitch}\n\nSee you Monday.")}


def test_a_chat_export_gets_phrase_flags_but_no_missing_disclosure_judgement():
    chat = "\n".join(
        [
            "[11/04/2025, 10:01] Ana: globex down again",
            "[11/04/2025, 10:02] Ben: rough week",
            "[11/04/2025, 10:03] Cal: this is the stock of the decade",
            "[11/04/2025, 10:03] Cal: act now before wall street catches on",
            "[11/04/2025, 10:05] Ana: sure cal",
            "[11/04/2025, 10:06] Ben: lol",
        ]
    )
    kinds = {f.technique for f in detect_flags(chat)}
    assert {"exaggeration", "urgency"} <= kinds and "advertisement" not in kinds


def test_a_funds_own_factsheet_is_not_an_undisclosed_promotion():
    sheet = (
        "NORTHGATE DIVIDEND LEADERS FUND\nFund objective: income and growth.\nExpense ratio: 0.40% | NAV: $21.10\n"
        "Top holdings: Globex 6%, Initech 5%.\n\nDon't miss the next leg of the dividend rally: "
        "talk to your Northgate adviser today."
    )
    kinds = {f.technique for f in detect_flags(sheet)}
    assert {"urgency", "call_to_action"} <= kinds and "advertisement" not in kinds


def test_a_product_upsell_alone_is_not_a_stock_pitch():
    upsell = "Globex closed at $41.20.\n\nUpgrade to Tickerdesk Pro: your first 30 days are free. Tap here."
    assert "advertisement" not in {f.technique for f in detect_flags(upsell)}
    pushed = upsell + " Globex could skyrocket, so act now before Wall Street catches on."
    assert "advertisement" in {f.technique for f in detect_flags(pushed)}


def test_a_reply_quoting_a_device_does_not_repeat_it():
    thread = "u/moonboi: $GLBX will hit $120 by fall\n\n    > $GLBX will hit $120 by fall\n\n    lol no. it was $80 in May."
    assert [f.technique for f in phrase_flags(thread)] == ["promissory"]


def test_a_link_for_a_free_offer_is_the_free_offer():
    flags = phrase_flags("Link in bio for our free picks.")
    assert [(f.technique, f.quote) for f in flags] == [("free_offer", "Link in bio for our free picks")]


# --------------------------------------------------------------------------- corpus7 dev genres (round 6)


def _kinds(text: str) -> list[tuple[str, str]]:
    return [(f.technique, f.quote) for f in detect_flags(text)]


def test_corpus7_phrasings_of_known_devices():
    found = _kinds("Several institutional holders have privately told us they are losing patience with the board.")
    assert [k for k, _ in found] == ["vague_attribution"]
    found = _kinds("Half my group chat is in. Everyone I know is loading up this week.")
    assert "social_proof" in [k for k, _ in found]
    found = _kinds("Hundreds of Kestrel customers have already added the fund to their accounts.")
    assert "social_proof" in [k for k, _ in found]
    found = _kinds("Corvane is simply the safest stock in the world right now.")
    assert "exaggeration" in [k for k, _ in found]
    found = _kinds("Get our free 2027 Watchlist, delivered every Monday.")
    assert "free_offer" in [k for k, _ in found]


def test_a_bare_subscribe_button_and_a_read_more_link_line():
    text = "The dip was bought within the hour.\n\nSubscribe to The Margin Ledger\n\nRead more: Why Corvane's margins keep widening >>\n"
    kinds = [k for k, _ in _kinds(text)]
    assert kinds.count("call_to_action") == 2
    # a sentence that only mentions subscribing is no button
    assert _kinds("Readers can subscribe to The Margin Ledger through the usual apps, the editor said.") == []


def test_a_sponsored_list_item_is_an_ad_label():
    text = "Recommended for you\n  - The Stock Wall Street Forgot? (Sponsored)\n  - How dividends compound\n"
    assert ("advertisement", "- The Stock Wall Street Forgot? (Sponsored)") in _kinds(text) or \
        any(k == "advertisement" and "(Sponsored)" in q for k, q in _kinds(text))


def test_an_assurance_leading_into_a_promise_is_the_promise():
    text = "With a new chief executive, there is no question that this stock can be worth $90 within three years."
    found = _kinds(text)
    kinds = [k for k, _ in found]
    assert "promissory" in kinds and "unsupported_assertion" not in kinds
    quote = next(q for k, q in found if k == "promissory")
    assert quote.startswith("there is no question that")


def test_urgency_joined_to_a_call_is_the_call():
    found = _kinds("Phone your Corvane broker today and get in before the next leg up.")
    assert [k for k, _ in found if k in ("call_to_action", "urgency")] == ["call_to_action"]


def test_a_call_whose_object_is_the_free_report_is_the_offer():
    found = _kinds("Want more ideas like this? Click to get this free report >>")
    assert [k for k, _ in found if k in ("call_to_action", "free_offer")] == ["free_offer"]


def test_profit_taking_told_as_news_is_no_promise():
    assert "promissory" not in [k for k, _ in _kinds("Shares slipped 3% as traders locked in gains after the rally.")]


def test_a_reader_poll_asks_it_does_not_press():
    assert "buy_sell_question" not in [k for k, _ in _kinds("READER POLL: Would you buy Corvane at $40?  [ Yes ]  [ No ]")]
    assert "buy_sell_question" in [k for k, _ in _kinds("Would you buy Corvane at $40? We would.")]


def test_a_bare_vague_crowd_explained_by_named_firms_next_is_no_vague_attribution():
    text = "Wall Street agrees. After the report, Morgan Stanley lifted its target to $60 and Jefferies to $58."
    assert "vague_attribution" not in [k for k, _ in _kinds(text)]


def test_a_social_feed_of_many_posters_is_a_chat_with_no_publisher():
    posts = []
    for i, handle in enumerate(["@moonboy_1", "@dipbuyer", "@valuevic", "@moonboy_1", "@chartgal"]):
        posts.append(f"{handle}   \u00b7  {i + 1}h\n$CRVN to $90 by summer. load up before it's too late, everyone is buying\n")
    text = "$CRVN  Corvane  \u00b7  Stream\n\n" + "------\n".join(posts)
    assert not [f for f in detect_flags(text) if f.technique == "advertisement"]


# --------------------------------------------------------------------------- speed mechanisms (issue 13)

_DEV_FOLDERS = ("corpus", "corpus2", "corpus3", "corpus4", "corpus5", "corpus6", "corpus7", "articles")
_HELD = ("corpus5", "corpus6", "corpus7")  # their even r-ids are held out and never read here


def _dev_texts() -> list[str]:
    import re as _re

    root = Path(__file__).resolve().parent.parent / "fixtures"
    out = []
    for name in _DEV_FOLDERS:
        for p in sorted((root / name).glob("*.txt")):
            if name in _HELD and not (p.stem.startswith("d") or (_re.fullmatch(r"r\d+", p.stem) and int(p.stem[1:]) % 2 == 1)):
                continue
            out.append(p.read_text(encoding="utf-8", errors="replace"))
    return out


def _all_patterns() -> list:
    lex = promo.lexicon()
    return [p for ps in lex.compiled.values() for p in ps] + lex.pitch + lex.upside + lex.risk + lex.negated_risk + lex.negative


@pytest.mark.parametrize(
    "source, at_word",
    [
        (r"\bfoo bar", True),
        (r"(?<![\w,])foo bar", True),
        (r"(?<![\w,] )(?<![\w,])(?:foo|bar) baz", True),
        (r"(?<!-)(?<!no )\bfoo", True),
        (r"(?<![\w,] )foo", False),  # a space before may follow a word: "x foo" is not excluded by it
        (r"(?<![\w,])foo|bar", False),  # the lookbehind covers the first choice only
        (r"(?<![\w$])\$foo", True),  # (the '$' trigger itself keeps it off the word index)
        (r"(?:(?<=\bit )|(?<=\bthis ))foo", False),
        (r"(?<![\w,])[|]foo", True),  # a '|' in a class is no choice
    ],
)
def test_opens_at_word(source, at_word):
    assert promo._opens_at_word(source) is at_word


def test_word_index_patterns_match_as_a_scan_for_every_trigger():
    """The patterns looked up in the word index because of an opening lookbehind find what scanning the
    text for each of their triggers finds, on every dev article (and on its run-on lines joined)."""
    patterns = [p for p in _all_patterns() if p.word_start and not p.source.startswith("\\b")]
    assert len(patterns) >= 20
    checked = 0
    for text in _dev_texts() + ["Readers, buy now before it's too late; act fast, sell-off or not: last chance!"]:
        unwrapped = promo._unwrapped(text)
        for t in [text] + ([unwrapped[0]] if unwrapped else []):
            low = promo.lowered(t)
            for p in patterns:
                hits = {i for trig in p.triggers for i in range(len(low)) if low.startswith(trig, i)}
                scanned = [m.span() for m in p._matches(t, hits)] if hits else []
                assert [m.span() for m in p.finditer(t, low)] == scanned, p.source
                checked += len(scanned)
    assert checked > 0


def test_gated_patterns_skip_no_match_on_the_dev_articles():
    gated = [p for p in _all_patterns() if p.gate is not None]
    assert len(gated) == len(promo._GATES)  # every gate names a pattern of the lexicon
    matched = 0
    for text in _dev_texts():
        low = promo.lowered(text)
        for p in gated:
            every = [m.span() for m in p.regex.finditer(text)]
            assert [m.span() for m in p.finditer(text, low)] == every, p.source
            for a, b in every:
                assert any(x in low[a:b] for x in p.gate), (p.source, text[a:b])
            matched += len(every)
    assert matched > 0


def test_gated_pattern_still_reads_a_text_with_a_special_fold():
    """'ſ' (long s) matches 's' under re.I and lower-cases to itself: a text holding it is always read."""
    pattern = next(p for p in _all_patterns() if p.gate == ("sponsored by",))
    assert pattern.finditer("Intro.\nSponsored by Acme Corp\n", promo.lowered("Intro.\nSponsored by Acme Corp\n"))
    text = "Intro.\nSponſored by Acme Corp\n"
    assert [m.group() for m in pattern.finditer(text, promo.lowered(text))] == ["Sponſored by Acme Corp"]
    assert list(pattern.finditer("Intro.\nSponsoring Acme\n", "intro.\nsponsoring acme\n")) == []


def test_gated_and_lookbehind_devices_in_invented_sentences():
    flags = detect_flags("Our pick Zentrox could skyrocket this spring. Last chance: just buy the dip in Zentrox today.")
    assert {"exaggeration", "urgency", "call_to_action"} <= {f.technique for f in flags}


def _word_hits_reference(low: str) -> dict[int, set[int]]:
    """The word index as it was built before issue 13 round 2: every trigger of every word tried at every start."""
    out: dict[int, set[int]] = {}
    at: dict[str, list[int]] = {}
    for m in promo._WORD.finditer(low):
        at.setdefault(m.group(), []).append(m.start())
    for word, starts in at.items():
        for trigger, key, whole in promo._word_plan(word):
            found = starts if whole else [i for i in starts if low.startswith(trigger, i)]
            if found:
                out.setdefault(key, set()).update(found)
    return out


def test_word_index_grouped_by_next_characters_finds_every_trigger():
    invented = "It's the next big thing, can't miss: the #1 pick, the most talked-about stock. Don't wait; it'll double."
    for text in _dev_texts() + [invented]:
        low = promo.lowered(text)
        got = promo._word_hits.__wrapped__(low, len(promo._HEADS_ADDED))
        assert {k: set(v) for k, v in got.items()} == _word_hits_reference(low)


def test_word_index_one_character_rest(monkeypatch):
    """A trigger that is a word and one more character ("it'") is found where the word is followed by it."""
    pattern = promo._Pattern("\\bit'", "test", ("it'",))
    try:
        monkeypatch.setattr(promo, "_WORD_PLANS", {})
        low = "so it's, it is, it'"
        hits = promo._word_hits.__wrapped__(low, len(promo._HEADS_ADDED)).get(id(pattern))
        assert sorted(hits) == [3, 16]
    finally:  # take the invented trigger out of the shared index again
        promo._HEADS["it"] = [e for e in promo._HEADS["it"] if e[1] is not pattern]
        promo._HEADS_ADDED.append(1)


def test_phrase_flags_reads_only_patterns_that_can_match():
    """The patterns phrase_flags skips (word-index patterns with no hit) find nothing in the text."""
    lex = promo.lexicon()
    flat, index_of, always = promo._phrase_plan(lex)
    assert len(index_of) + len(always) == len(flat) and len(index_of) > 250
    for text in _dev_texts()[:60]:
        low = promo.lowered(text)
        hits = promo._word_hits(low, len(promo._HEADS_ADDED))
        for i, (_, _, p) in enumerate(flat):
            if i not in always and id(p) not in hits:
                assert list(p.finditer(text, low)) == []


# --------------------------------------------------------------------------- round 6c (corpus7 d-articles' styles)

ROUND_6C = [
    ("free_offer", "Sign up for our free Tuesday newsletter with the top movers.", "free Tuesday newsletter"),
    ("free_offer", "Ask your banker for a free Corvane outlook.", "free Corvane outlook"),
    ("free_offer", "Try Gold free for 14 days and see every rating.", "Try Gold free for 14 days"),
    ("social_proof", "everyone in our telegram is loaded up on $QRX puts.", "everyone in our telegram is loaded up on"),
    ("social_proof", "Tens of thousands of our members already hold it.", "Tens of thousands of our members already hold"),
    ("social_proof", "The Street is lining up behind this name.", "The Street is lining up behind this name"),
    ("social_proof", "Most of our fellow stockholders agree with this plan.", "Most of our fellow stockholders agree"),
    ("promissory", "We believe the stock could be worth more than $48 in two years.", "the stock could be worth more than $48 in two years"),
    ("promissory", "The new drug will send the shares past $90.", "will send the shares past $90"),
    ("promissory", "Up 20% in a week, and the rally is only getting started.", "the rally is only getting started"),
    ("promissory", "Closed at 212 today. 300 by year-end, screenshot this", "300 by year-end, screenshot this"),
    ("exaggeration", "Up 40% since March, the easiest money of my life.", "the easiest money of my life"),
    ("exaggeration", "Zentrix is simply the best software business ever built.", "the best software business ever built"),
    ("exaggeration", "It was a colossal waste of shareholder value.", "colossal waste of shareholder value"),
    ("exaggeration", "This is nothing short of a once-in-a-generation chance.", "once-in-a-generation"),
    ("unsupported_assertion", "The figures leave no doubt about it.", "The figures leave no doubt"),
]


@pytest.mark.parametrize("technique, text, quote", ROUND_6C, ids=[f"{t}:{q}" for t, _, q in ROUND_6C])
def test_round_6c_phrasings(technique, text, quote):
    flags = [f for f in phrase_flags(text) if f.technique == technique]
    assert [f.quote for f in flags] == [quote]
    assert text[flags[0].start : flags[0].end] == quote


@pytest.mark.parametrize(
    "sentence",
    [
        "Free Cash Flow Outlook for the sector remains mixed.",
        "The company opened 40 stores in 2024. In 2025 it plans 60 more.",
        "The retailer expects to hire 4,000 by Christmas.",
        "The plant will push output past 90,000 units a year.",
        "The new fund is not the best business ever built, its manager said modestly.",
        "It was not a catastrophic destruction of value, the chairman argued.",
        "Analysts lined up behind the merger.",
        "Our clients own shares of the company.",
    ],
)
def test_round_6c_news_phrasings_are_not_devices(sentence):
    assert phrase_flags(sentence) == []


def test_a_quoted_repeat_of_a_device_is_the_same_device():
    text = ('Draft: "Orvane shares jumped 9% and the rally is just getting started."\n\n'
            'Reviewer: "The rally is just getting started" is a projection and must go.\n')
    flags = [f for f in phrase_flags(text) if f.technique == "promissory"]
    assert [f.quote for f in flags] == ["the rally is just getting started"]
    assert flags[0].start == text.index("the rally")
    # an unquoted second use is a second device
    again = text + "Trust us, the rally is just getting started.\n"
    assert len([f for f in phrase_flags(again) if f.technique == "promissory"]) == 2


# Round 7 (corpus8 dev misses): each a general reading rule, each sentence invented.
ROUND_7 = [
    # an offer verb whose object is "free <anything>" is a free offer, whatever the thing is called
    ("free_offer", "Grab your FREE custom dividend calendar now.", "Grab your FREE custom dividend calendar"),
    ("free_offer", "Schedule a complimentary retirement checkup with our team.", "Schedule a complimentary retirement checkup"),
    ("free_offer", "Request our free year-end tax playbook for landlords.", "Request our free year-end tax playbook"),
    # a free period of a paid product
    ("free_offer", "Pro members get it free for the first 14 days.", "free for the first 14 days"),
    # a price call with a bare ticker as subject
    ("promissory", "Our verdict: ZXQR will reach $95 by midsummer.", "ZXQR will reach $95"),
    # a count of followers of the publisher's own product, whatever the crowd is called
    ("social_proof", "Over 12,000 chart-watchers already read our morning note.", "Over 12,000 chart-watchers already read our"),
    # "being called / dubbed the next X" is the comparison itself
    ("exaggeration", "The chipmaker has been dubbed the next Nvidia.", "dubbed the next Nvidia"),
    # "the easiest money of <any period>"
    ("exaggeration", "This could be the easiest money of the quarter.", "the easiest money of the quarter"),
    # joining any of the publisher's lists or groups
    ("call_to_action", "Stay ahead: join our biotech catalyst list today.", "join our biotech catalyst list"),
    # a reply keyword in capitals is the sign-up
    ("call_to_action", "Reply ALERTS and we will add you.", "Reply ALERTS"),
]


@pytest.mark.parametrize("technique, text, quote", ROUND_7, ids=[f"{t}:{q}" for t, _, q in ROUND_7])
def test_round_7_phrasings(technique, text, quote):
    flags = [f for f in phrase_flags(text) if f.technique == technique]
    assert [f.quote for f in flags] == [quote]
    assert text[flags[0].start : flags[0].end] == quote


@pytest.mark.parametrize(
    "sentence",
    [
        # a gapped relative clause: the crowd uses the product, nobody follows a stock tip
        "The team builds tools millions of people use every day.",
        # a share repurchase asked about is no buy/sell question
        "How many plants could stay open with the cash spent buying back shares?",
        # a consensus figure is a statistic, not a vague authority
        "Wall Street expects quarterly earnings of $1.12 a share on average.",
        # no offer: a free thing that is not handed to the reader
        "The company will get a free hand to restructure the unit.",
        "Investors did not reply. NASDAQ will open at 9:30.",
        "The union said it would not join our talks list without a deal.",
    ],
)
def test_round_7_news_phrasings_are_not_devices(sentence):
    assert phrase_flags(sentence) == []


def test_round_7_deleted_redline_text_is_not_the_pieces_words():
    text = ('Quarterly sales rose 12%, the company said. [deleted: "We guarantee returns to every holder."] '
            '[inserted: "We are grateful to our staff."]\n')
    assert phrase_flags(text) == []
    assert [f.technique for f in phrase_flags(text.replace("[deleted: ", "[inserted: "))] == ["promissory"]


def test_round_7_a_forum_thread_has_no_publisher_to_disclose():
    posts = [
        ("quietfox", "3 hours ago", "Earnings were fine, nothing special."),
        ("bagholder_9", "3 hours ago", "ZXQR is a can't-miss buy here. $80 by Christmas, screenshot this."),
        ("mod_team", "2 hours ago", "Please keep price calls out of this thread."),
        ("quietfox", "2 hours ago", "Agreed, the margins are what matter."),
        ("lurker42", "1 hour ago", "Volume was light all day."),
    ]
    text = "Thread: ZXQR after earnings\n\n" + "".join(f"[-] {u} {t}\n    {p}\n\n" for u, t, p in posts)
    kinds = [f.technique for f in detect_flags(text)]
    assert "exaggeration" in kinds and "promissory" in kinds
    assert "advertisement" not in kinds


def test_round_7_a_call_before_an_offer_with_its_own_verb_is_a_second_device():
    text = "Phone your broker today to request a free Zentrix briefing."
    kinds = sorted(f.technique for f in phrase_flags(text))
    assert kinds == ["call_to_action", "free_offer"]
    # the call's object is the offer: one device
    assert [f.technique for f in phrase_flags("Claim your spot for our free report.")] == ["free_offer"]


def test_round_7_urgency_about_the_publishers_offer_is_no_stock_pitch():
    text = ("Zentrix shares closed at $41.20 on Monday, up 1.3%.\n\n"
            "Want our full screener? Text SCREEN to subscribe. Annual members get it free for the first 14 days; "
            "Hurry, the intro offer ends Sunday.\n")
    kinds = {f.technique for f in detect_flags(text)}
    assert {"call_to_action", "free_offer", "urgency"} <= kinds
    assert "advertisement" not in kinds
    # urgency about the stock still makes the pitch
    pressing = text.replace("Hurry, the intro offer ends Sunday", "Hurry, before Zentrix reports on Friday")
    assert "advertisement" in {f.technique for f in detect_flags(pressing)}


def test_round_7_a_call_and_the_free_thing_it_hands_over_are_one_device():
    text = "Register today and receive a complimentary sector scorecard by e-mail."
    flags = phrase_flags(text)
    assert [(f.technique, f.quote) for f in flags] == [("free_offer", "Register today and receive a complimentary sector scorecard")]


# --------------------------------------------------------------------------- round 7b (corpus8 d-articles)


def test_round_7b_a_fixed_width_wrap_before_a_capital_reads_as_one_line():
    line = "Over at the brokerage on Fifth Avenue, a dealer was blunt about it. \"This ticker could be the next"
    body = (line + "\nNvidia,\" he said, declining to give his name, while the desk around him kept on trading the rest.\n"
            "The company plans to list a second class of shares on the Frankfurt exchange later in the autumn,\n"
            "bankers said, and it has hired three underwriters to lead that sale and run the order book for it.\n")
    assert [f.technique for f in phrase_flags(body)] == ["exaggeration"]
    # a short headline line over a byline is no wrap
    assert phrase_flags("Zentrix could be the next\nNvidia Times staff\n") == []


def test_round_7b_a_free_thing_named_before_its_free_word_is_a_free_offer():
    assert [f.technique for f in phrase_flags("Want more? Get the complete screener workbook free each Monday.")] == ["free_offer"]
    assert [f.technique for f in phrase_flags("Refer a colleague and you each get 2 months of premium access free.")] == ["free_offer"]
    assert phrase_flags("The buyout would get the company free of its pension debt.") == []
    assert phrase_flags("The plan gives retirees 10 years of tax-free income.") == []


def test_round_7b_a_call_after_a_colon_is_how_to_claim_the_offer():
    flags = phrase_flags("Get the complete screener workbook free each Monday: reply SCREENS to this note.")
    assert [f.technique for f in flags] == ["free_offer"]
    assert flags[0].quote.endswith("reply SCREENS")


def test_round_7b_a_hype_noun_measured_by_a_past_figure_is_a_reported_move():
    assert phrase_flags("Then Tuesday brought a massive rally of 8.1%, and the bulls cheered.") == []
    assert [f.technique for f in phrase_flags("This stock is set up for a massive rally.")] == ["exaggeration"]


def test_round_7b_a_hedge_on_a_cited_report_is_no_vague_authority():
    assert phrase_flags("According to press reports, it is said that Zentrix buys a Dutch rival for 50 million euros.") == []
    assert [f.technique for f in phrase_flags("It is said that Zentrix will be bought soon.")] == ["vague_attribution"]


def test_round_7b_crowds_of_big_firms_lining_up_are_social_proof():
    assert [f.technique for f in phrase_flags("The big banks are lining up. Morgan Stanley started coverage at Buy.")] == ["social_proof"]
    assert phrase_flags("Customers are lining up outside the big banks.") == []


def test_round_7b_a_bare_ticker_price_call_opening_a_sentence_is_a_promise():
    assert [f.technique for f in phrase_flags("My call: ZXQR to $75 by Mother's Day.")] == ["promissory"]
    assert [f.technique for f in phrase_flags("ZXQR to $75 by summer. Mark it.")] == ["promissory"]
    assert phrase_flags("Goldman upgrades ZXQR to $75 by lifting its outlook.") == []


def test_round_7b_click_the_described_button_is_a_call_to_action():
    assert [f.technique for f in phrase_flags("Simply click the big green button below.")] == ["call_to_action"]


def test_round_7b_a_button_that_repeats_the_offer_is_the_same_device():
    text = ("Claim your FREE Sector Scorecard: five more names for 2019. Tap the blue link below.\n\n"
            "[ GET MY FREE SCORECARD ]\n\nThe Sector Letter is for education only.\n")
    assert [f.technique for f in phrase_flags(text)] == ["free_offer", "call_to_action"]


def test_round_7b_an_anonymous_speaker_lends_no_identity_to_the_quote():
    text = ('A fund manager in Boston was blunter. "Everybody is buying this name," she said, '
            'speaking on condition of anonymity.')
    assert [f.technique for f in phrase_flags(text)] == ["social_proof"]
    named = 'Jane Ruiz, a fund manager in Boston, was blunter. "Everybody is buying this name," she said.'
    assert phrase_flags(named) == []


def test_round_7b_a_speaker_in_the_first_person_contracted_is_the_piece_itself():
    text = "We grew sales by 9% last year. I'll say it simply: the figures speak for themselves."
    assert [f.technique for f in phrase_flags(text)] == ["unsupported_assertion"]


def test_round_7b_an_offer_restated_with_its_own_term_is_one_offer():
    text = ("Unlock the rest with a 14-day free trial\n"
            "Join The Sector Letter to read on and get 14 days of free access to every back issue.\n")
    assert [f.technique for f in phrase_flags(text)].count("free_offer") == 1
