"""The article's language, and the note a rule-engine audit of a non-English article carries."""

from pathlib import Path

import pytest

from verifier import verify
from verifier.language import guess_language, not_english_note

ROOT = Path(__file__).resolve().parents[1]

FRENCH = (
    "L'action du groupe a terminé la séance de vendredi à 244,22 dollars, en hausse de 9,6 %, au lendemain de la "
    "publication de ses comptes, publiés jeudi soir après la clôture. Le chiffre d'affaires du géant s'est établi à "
    "180,2 milliards de dollars, contre 158,9 milliards un an plus tôt. Mardi, le groupe avait annoncé la suppression "
    "d'environ 14.000 postes dans ses fonctions administratives, soit près de 4 % de ses effectifs de bureau."
)
ITALIAN = (
    "Il titolo ha chiuso la seduta di mercoledì a 352,84 dollari, in rialzo del 2,6 %, dopo aver toccato in giornata "
    "il massimo storico. Gli analisti continuano ad alzare i target: la banca ha alzato il prezzo obiettivo a 350 "
    "dollari, confermando il giudizio Buy. Nel secondo trimestre fiscale i ricavi sono saliti per la crescita dei "
    "servizi e delle vendite degli indossabili, con un utile per azione superiore alle attese degli analisti."
)
GERMAN = (
    "Die Aktie des Konzerns ist am Freitag mit einem Plus von 3 Prozent aus dem Handel gegangen. Der Umsatz stieg "
    "nach Angaben des Unternehmens auf 180 Milliarden Dollar, und die Analysten der Bank sehen das Kursziel bei 300 "
    "Dollar. Das Unternehmen hatte sich mit den Gewerkschaften auf einen Abbau von Stellen geeinigt, der bei der "
    "Belegschaft für Unruhe sorgt."
)
ENGLISH_TRANSLATED = (
    "The paper of the online retailer finished the session at 222.69 dollars on Friday, a minus of 4.4 percent. "
    "The analysts of the bank see the share at a course target of 300 dollars, which is where it was after the "
    "results. The group had announced that it was cutting about 14,000 jobs in its administration, the company said."
)


@pytest.mark.parametrize("text, code", [(FRENCH, "fr"), (ITALIAN, "it"), (GERMAN, "de"), (ENGLISH_TRANSLATED, "en")])
def test_the_language_of_a_paragraph_of_news_prose(text, code):
    assert guess_language(text) == code


@pytest.mark.parametrize("text", ["AMZN | last 244.22 | +9.6% d/d", "Il titolo", "", "Le titre: $244.22. The stock: $244.22."])
def test_short_or_mixed_text_is_not_judged(text):
    assert guess_language(text) is None


def test_the_note_names_the_language_and_the_way_out():
    note = not_english_note("it")
    assert "Italian" in note and "--extractor llm" in note


def test_a_rule_engine_audit_of_a_french_article_says_so_in_its_notes():
    report = verify(FRENCH, extractor="rules", market="none", published_at="2025-10-31T22:45:00+01:00")
    assert any("reads as French" in n for n in report.run.notes)


def test_an_english_article_carries_no_language_note():
    text = (ROOT / "fixtures/articles/amazon-restructuring.txt").read_text(encoding="utf-8")
    report = verify(text, extractor="rules", market=str(ROOT / "fixtures/market/amzn-2026-01.json"))
    assert not any("reads as" in n for n in report.run.notes)
