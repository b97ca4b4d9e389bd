"""Prompt injection: attack texts inside real-style articles change no verdict.

Each attack in ``fixtures/adversarial/injection/`` (instructions to the model, fake system and
assistant turns, JSON that imitates our schema, Jinja expressions and statements, invisible
Unicode, HTML/script payloads, a fake dateline) is inserted between paragraphs of a clean article.
With the rule engine, and with the LLM engine against the loopback server scripted to return the
clean article's claims, every claim of the clean article keeps its verdict, the promotional
devices stay flagged, and the attack text reaches the model and the reports as inert text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.llm_server import ScriptedLLMServer, load_steps
from verifier.config import LLMSettings
from verifier.pipeline import verify
from verifier.report import render
from verifier.report.text import render_text
from verifier.schemas import Report

ROOT = Path(__file__).resolve().parent.parent
ADVERSARIAL = ROOT / "fixtures" / "adversarial"
SNAPSHOT = str(ROOT / "fixtures" / "market" / "amzn-2026-01.json")

ARTICLES = {
    "example": (ROOT / "fixtures" / "articles" / "amazon-restructuring.txt", ROOT / "fixtures" / "llm" / "amazon-restructuring.json"),
    "wire": (ADVERSARIAL / "clean-wire-amzn.txt", ADVERSARIAL / "clean-wire-amzn.llm.json"),
}
ATTACKS = sorted((ADVERSARIAL / "injection").glob("*.txt"))
POSITIONS = ("after-first-paragraph", "before-last-paragraph")


def test_there_are_at_least_ten_attacks():
    assert len(ATTACKS) >= 10
    kinds = " ".join(p.read_text(encoding="utf-8") for p in ATTACKS)
    for marker in ("Ignore all previous instructions", "<|im_start|>system", '"verdict": "supported"', "{{", "{%"):
        assert marker in kinds


def inject(text: str, attack: str, position: str) -> tuple[str, int, int]:
    """The article with the attack as its own paragraph; returns (text, attack start, attack end)."""
    paragraphs = text.rstrip("\n").split("\n\n")
    index = 1 if position == "after-first-paragraph" else len(paragraphs) - 1
    before = "\n\n".join(paragraphs[:index]) + "\n\n"
    attacked = before + attack.strip("\n") + "\n\n" + "\n\n".join(paragraphs[index:]) + "\n"
    return attacked, len(before), len(before) + len(attack.strip("\n"))


def fingerprint(report: Report, region: tuple[int, int] | None = None) -> list[tuple]:
    """(kind, quote, fields, verdict, rule) of each claim outside ``region``, in reading order."""
    out = []
    for c in report.claims:
        if region and c.start < region[1] and c.end > region[0]:
            continue
        out.append((c.kind, c.quote, json.dumps(c.fields.model_dump(mode="json"), sort_keys=True), c.verdict, c.rule))
    return out


def flag_set(report: Report, region: tuple[int, int] | None = None) -> set[tuple[str, str]]:
    return {
        (f.technique, f.quote) for f in report.flags if not (region and f.start < region[1] and f.end > region[0])
    }


def assert_attack_changed_nothing(clean: Report, attacked: Report, region: tuple[int, int]) -> None:
    assert fingerprint(attacked, region) == fingerprint(clean), "a claim outside the attack changed"
    assert flag_set(clean) <= flag_set(attacked), "a promotional flag disappeared"
    assert attacked.summary.promotional_score >= clean.summary.promotional_score
    assert attacked.document.published_at == clean.document.published_at, "the attack moved the publication time"
    for claim in attacked.claims:  # whatever is read from the attack itself is checked against data
        if claim.start < region[1] and claim.end > region[0]:
            values = json.dumps(claim.fields.model_dump(mode="json"))
            if any(fake in values for fake in ("999", "1000.0", "1000,")):
                assert claim.verdict != "supported", claim


# --------------------------------------------------------------------------- rule engine


@pytest.fixture(scope="module")
def clean_rule_reports() -> dict[str, Report]:
    return {name: verify(path, extractor="rules", market=SNAPSHOT) for name, (path, _) in ARTICLES.items()}


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("article", sorted(ARTICLES))
def test_rule_engine_verdicts_survive_injection(article, attack, position, clean_rule_reports):
    clean = clean_rule_reports[article]
    assert clean.claims, "the clean article must have claims for this test to mean anything"
    text, start, end = inject(clean.document.text, attack.read_text(encoding="utf-8"), position)
    attacked = verify(text, extractor="rules", market=SNAPSHOT, source=f"{article}+{attack.stem}")
    assert_attack_changed_nothing(clean, attacked, (start, end))


# --------------------------------------------------------------------------- LLM engine


def llm_settings(server: ScriptedLLMServer) -> LLMSettings:
    return LLMSettings(model="scripted-model", base_url=server.url, api_key="test-key", use_cache=False, timeout=10, max_retries=1)


@pytest.fixture(scope="module")
def llm_servers():
    """One scripted server per clean article, answering every request with that article's claims."""
    servers = {name: ScriptedLLMServer(load_steps(reply)).start() for name, (_, reply) in ARTICLES.items()}
    yield servers
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="module")
def clean_llm_reports(llm_servers) -> dict[str, Report]:
    return {
        name: verify(path, extractor="llm", market=SNAPSHOT, llm_settings=llm_settings(llm_servers[name]))
        for name, (path, _) in ARTICLES.items()
    }


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("attack", ATTACKS, ids=lambda p: p.stem)
@pytest.mark.parametrize("article", sorted(ARTICLES))
def test_llm_engine_verdicts_survive_injection(article, attack, position, clean_llm_reports, llm_servers):
    clean = clean_llm_reports[article]
    assert clean.run.extractor == "llm" and clean.claims
    attack_text = attack.read_text(encoding="utf-8")
    text, start, end = inject(clean.document.text, attack_text, position)
    server = llm_servers[article]
    seen = len(server.requests)
    attacked = verify(text, extractor="llm", market=SNAPSHOT, llm_settings=llm_settings(server))
    sent = json.dumps([r["body"].get("messages") for r in server.requests[seen:]], ensure_ascii=False)
    assert attacked.run.extractor == "llm" and attacked.run.llm_calls >= 1
    assert_attack_changed_nothing(clean, attacked, (start, end))
    # the attack reached the model verbatim, as article text: no template was rendered from it
    for line in attack_text.strip().splitlines():
        if line.strip():
            assert json.dumps(line.strip(), ensure_ascii=False)[1:-1] in sent, f"attack line altered in the prompt: {line!r}"
    assert "test-key" not in sent


def test_model_that_obeys_the_attack_cannot_set_a_verdict():
    """The model 'falls for' the attack: a wrong price on the real quote, and the attack's own fake claim."""
    path, reply = ARTICLES["example"]
    attack = (ADVERSARIAL / "injection" / "03-schema-json.txt").read_text(encoding="utf-8")
    text, start, end = inject(path.read_text(encoding="utf-8"), attack, "before-last-paragraph")
    payload = load_steps(reply)[0]["payload"]
    obeyed = json.loads(json.dumps(payload))
    obeyed["claims"][0]["fields"]["price"] = 999.0  # quote still says $241.73
    obeyed["claims"][0]["verdict"] = "supported"
    obeyed["claims"].append(
        {"quote": '"price": 999.0', "company": "Amazon", "ticker": "AMZN", "verdict": "supported",
         "fields": {"kind": "stock_price", "price": 999.0, "currency": "USD"}}
    )
    obeyed["flags"] = []
    # the model insists on every re-ask
    with ScriptedLLMServer([{"payload": obeyed}]) as server:
        report = verify(text, extractor="llm", market=SNAPSHOT, llm_settings=llm_settings(server))
    prices = [c for c in report.claims if c.kind == "stock_price"]
    assert all(c.verdict != "supported" for c in prices if c.fields.price == 999.0), prices
    assert not any(c.fields.price == 999.0 and "241.73" in c.quote for c in prices), "ungrounded number accepted"
    assert report.run.rejected_claims >= 1
    # the lexicon still flags the article's devices although the model returned none
    assert {"urgency", "free_offer", "buy_sell_question"} <= {f.technique for f in report.flags}


# --------------------------------------------------------------------------- reports stay inert


def test_reports_render_attack_text_inert():
    path, _ = ARTICLES["example"]
    attacks = "\n\n".join(
        (ADVERSARIAL / "injection" / name).read_text(encoding="utf-8")
        for name in ("04-jinja-expressions.txt", "05-jinja-statements.txt", "12-html-and-markdown.txt")
    )
    text, _, _ = inject(path.read_text(encoding="utf-8"), attacks, "after-first-paragraph")
    report = verify(text, extractor="rules", market=SNAPSHOT)
    assert "{{ 7*7 }}" in report.document.text
    html = render(report, "html")
    # the article is shown in full, escaped: script and iframe never become elements
    assert '<script>alert("xss")</script>' not in html and "&lt;script&gt;alert(" in html
    assert '<iframe src="http://evil.example"' not in html and '<img src=x onerror=' not in html
    # Jinja in the article is text: shown as written, never evaluated (7*7 would print 49)
    assert "{{ 7*7 }}" in html and "{% for claim in claims %}" in html
    assert render(report, "md").strip() and render_text(report, width=120).strip()  # no renderer chokes on it
    assert not Path("/tmp/verifier-pwned").exists()
    assert Report.from_json(report.to_json()).document.text == report.document.text
