"""ArticleFacts: an article's publication time, lexicon flags and companies, settled once per verify()."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest

import verifier.facts as facts_module
import verifier.promo as promo
import verifier.tickers as tickers
from verifier import verify
from verifier.dates import NEW_YORK
from verifier.document import SourceDocument, document_from_text, load_document
from verifier.errors import LLMError
from verifier.extract.base import Extraction, run_extractor
from verifier.extract.rules import RuleExtractor
from verifier.facts import ArticleFacts, main_company
from verifier.tickers import Resolution

HEADER = "30.01.2026 - 17:25:04 "


@pytest.fixture
def calls(monkeypatch):
    """How often each article-level fact was computed (on the whole text)."""
    seen: Counter = Counter()

    def counting(name, fn):
        def inner(*args, **kwargs):
            seen[name] += 1
            return fn(*args, **kwargs)

        return inner

    monkeypatch.setattr(facts_module, "find_publication_time", counting("find_publication_time", facts_module.find_publication_time))
    monkeypatch.setattr(facts_module, "find_company_mentions", counting("find_company_mentions", facts_module.find_company_mentions))
    monkeypatch.setattr(promo, "detect_flags", counting("detect_flags", promo.detect_flags))
    return seen


def test_one_verify_settles_each_fact_once(calls, example_article, example_snapshot):
    report = verify(example_article, market=str(example_snapshot), extractor="rules")
    assert report.summary.claims >= 6 and report.document.published_at_source == "header"
    assert calls == {"find_publication_time": 1, "detect_flags": 1, "find_company_mentions": 1}


def test_with_published_given_the_header_is_still_read_once_for_the_dateline(calls, example_article):
    report = verify(example_article, market="none", extractor="rules", published_at="2026-01-30T17:25:04+01:00")
    assert report.document.published_at_source == "flag"
    assert calls["find_publication_time"] == 1 and calls["detect_flags"] == 1


def test_the_rules_fallback_after_a_failed_llm_reuses_the_facts(calls, example_article):
    class Failing:
        name = "llm"
        fallback = True

        def extract(self, document, facts=None):
            raise LLMError("endpoint down")

    report = verify(example_article, market="none", extractor=Failing())
    assert report.run.extractor == "rules" and report.summary.claims >= 6
    assert calls == {"find_publication_time": 1, "detect_flags": 1, "find_company_mentions": 1}


def test_an_engine_that_takes_facts_gets_the_ones_verify_settled(example_article):
    got = []

    class Taking:
        name = "taking"

        def extract(self, document, facts=None):
            got.append(facts)
            return Extraction(extractor=self.name)

    report = verify(example_article, market="none", extractor=Taking(), published_at="2026-02-02")
    (facts,) = got
    assert facts.source == "flag" and facts.precision == "date" and facts.published_at.date() == dt.date(2026, 2, 2)
    assert report.document.published_at == facts.published_at


def test_an_engine_with_the_one_argument_interface_still_works(example_article):
    class Plain:
        name = "plain"

        def extract(self, document):
            return Extraction(extractor=self.name)

    report = verify(example_article, market="none", extractor=Plain())
    assert report.run.extractor == "plain" and report.summary.claims == 0
    assert run_extractor(Plain(), load_document(str(example_article)), None).extractor == "plain"


def test_settle_prefers_the_flag_then_the_document_then_the_header():
    doc = document_from_text(HEADER + "Amazon shares closed at $241.73.")
    header = ArticleFacts.settle(doc)
    assert (header.source, header.precision) == ("header", "time")
    assert header.published_at.isoformat() == "2026-01-30T17:25:04+01:00" and header.day == dt.date(2026, 1, 30)
    flag = ArticleFacts.settle(doc, "2026-02-02")
    assert (flag.source, flag.precision, flag.published_at.date()) == ("flag", "date", dt.date(2026, 2, 2))
    assert flag.header is not None and flag.header.start == 0  # the dateline is still found, for the rule engine
    given = SourceDocument(text=doc.text, source="x", published_at=dt.datetime(2026, 2, 3, 9, 30), published_at_source="caller")
    settled = ArticleFacts.settle(given)
    assert settled.source == "caller" and settled.published_at.tzinfo is NEW_YORK  # verify() reads a naive time as New York
    assert ArticleFacts.read(given).published_at.tzinfo is None  # an engine called directly sees it as given


def test_a_header_time_without_zone_carries_its_assumption():
    facts = ArticleFacts.settle(document_from_text("January 30, 2026 10:15 AM\nAmazon shares rose 2%."))
    assert facts.source == "header" and facts.assumption and "New_York" in facts.assumption
    assert ArticleFacts.settle(document_from_text("No date here. Amazon shares rose 2%.")).published_at is None


def test_facts_of_another_text_are_not_used():
    facts = ArticleFacts.settle(document_from_text(HEADER + "Amazon shares closed at $241.73."))
    other = document_from_text("Apple shares closed at $255.10.")
    assert ArticleFacts.of(other, facts) is not facts and ArticleFacts.of(other, facts).published_at is None
    same = document_from_text(HEADER + "Amazon shares closed at $241.73.")
    assert ArticleFacts.of(same, facts) is facts


def test_each_company_name_is_resolved_once_per_resolver():
    facts = ArticleFacts.settle(document_from_text("Amazon and Alphabet."))
    asked = []

    def online(name):
        asked.append(name)
        return Resolution("GOOGL", name)

    assert facts.resolve("Amazon").ticker == "AMZN" and facts.resolve("Amazon") is facts.resolve("Amazon")
    assert facts.resolve("Alphabet").ticker is None and facts.resolve("Alphabet").candidates
    assert facts.resolve("Alphabet", online).ticker == "GOOGL" and facts.resolve("Alphabet", online).ticker == "GOOGL"
    assert asked == ["Alphabet"]


def test_the_main_company_counts_bare_ticker_lines_for_the_rules_only():
    text = "Apple said on Monday it will hire 2,000 people.\nGE | last 182.40\nGE +1.2% at $182.40\n"
    facts = ArticleFacts.settle(document_from_text(text))
    assert [m.ticker for m in facts.mentions] == ["AAPL"]  # a bare two-letter "GE" is too often a word in prose
    assert [m.ticker for m in facts.subjects] == ["AAPL", "GE", "GE"]  # but leading a ticker line it is the subject
    assert facts.main_company.ticker == "GE" and facts.ticker == "GE"
    assert facts.main_named.ticker == "AAPL"  # the LLM engine's fallback counts named mentions only
    assert main_company([]) is None


def test_the_rule_engine_reads_the_same_with_its_own_facts_or_given_ones(monkeypatch, example_article):
    doc = load_document(str(example_article))
    direct = RuleExtractor().extract(doc)
    facts = ArticleFacts.read(doc)
    first = RuleExtractor().extract(doc, facts=facts)

    def looked_again(*args, **kwargs):
        raise AssertionError("a fact was computed a second time")

    for module, name in ((facts_module, "find_publication_time"), (facts_module, "find_company_mentions"), (promo, "detect_flags")):
        monkeypatch.setattr(module, name, looked_again)
    again = RuleExtractor().extract(doc, facts=facts)
    assert [c.model_dump() for c in direct.claims] == [c.model_dump() for c in first.claims] == [c.model_dump() for c in again.claims]
    assert direct.flags == first.flags == again.flags and again.flags is not facts.flags  # a copy: a caller may extend it


def test_the_llm_engine_and_its_rules_fallback_share_the_facts(calls, monkeypatch, example_article):
    import copy
    from pathlib import Path

    from verifier.config import LLMSettings
    from verifier.extract.llm import LLMExtractor

    try:
        from tests.llm_server import ScriptedLLMServer, load_steps
    except ImportError:  # pytest put tests/ itself on sys.path
        from llm_server import ScriptedLLMServer, load_steps  # type: ignore[no-redef]

    resolved = []
    real = tickers.resolve_company
    monkeypatch.setattr(tickers, "resolve_company", lambda name, extra=None: resolved.append(name) or real(name, extra))
    payload = load_steps(Path(__file__).resolve().parent.parent / "fixtures" / "llm" / "amazon-restructuring.json")[0]["payload"]
    with ScriptedLLMServer() as srv:
        settings = LLMSettings(model="scripted-model", base_url=srv.url, api_key="sk-test", backoff=0.01, timeout=10.0,
                               connect_timeout=2.0, use_cache=False)
        srv.push({"payload": copy.deepcopy(payload)})
        report = verify(example_article, market="none", extractor=LLMExtractor(settings))
        assert report.run.extractor == "llm" and report.summary.claims == 7
        assert calls == {"find_publication_time": 1, "detect_flags": 1}
        assert resolved == ["Amazon"]  # seven claims of one company: one look-up
        calls.clear()
        srv.push({"payload": {"claims": [], "flags": []}})
        report = verify(example_article, market="none", extractor=LLMExtractor(settings, fallback=True))
        assert report.run.extractor == "rules"
        assert calls == {"find_publication_time": 1, "detect_flags": 1, "find_company_mentions": 1}
