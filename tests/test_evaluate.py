"""The labelled corpus and `verifier eval`: labels are valid and consistent with their snapshots,
matching follows the documented rules, figures are computed right, bad input gives one clear line."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from verifier.cli import app
from verifier.dates import find_publication_time
from verifier.errors import InputError
from verifier.evaluate import (
    Case,
    ClaimLabel,
    FlagLabel,
    Prediction,
    evaluate_corpus,
    is_headlines_csv,
    load_corpus,
    load_headline_labels,
    load_headlines,
    match_claims,
    parse_benzinga_headline,
    run_cases,
    validate_labels,
    value_agrees,
)
from verifier.extract.base import Extraction, ground_claim, ground_flag
from verifier.market.snapshot import Snapshot, SnapshotProvider
from verifier.schemas import ClaimDraft, FlagDraft

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
NEW_YORK = ZoneInfo("America/New_York")
runner = CliRunner()


def _labels() -> list[tuple[Path, dict]]:
    return [(p, json.loads(p.read_text(encoding="utf-8"))) for p in sorted(CORPUS.glob("*.labels.json"))]


def _article_text(labels_path: Path) -> str:
    """The article's text as the tool sees it (HTML reduced to its visible text)."""
    from verifier.document import load_document

    stem = labels_path.name[: -len(".labels.json")]
    article = next(labels_path.with_name(stem + ext) for ext in (".txt", ".md", ".html") if labels_path.with_name(stem + ext).exists())
    return load_document(str(article)).text


# --------------------------------------------------------------------------- the corpus itself


def test_corpus_has_at_least_40_valid_articles_with_loadable_snapshots():
    labels = _labels()
    assert len(labels) >= 40
    snapshots = set()
    for path, data in labels:
        text = _article_text(path)
        assert validate_labels(data, text, path.name, CORPUS) == []
        snapshots.add(data["snapshot"])
    tickers = set()
    for snap in snapshots:
        loaded = Snapshot.load(CORPUS / snap)
        tickers |= set(loaded.tickers)
        for data in loaded.tickers.values():
            assert data.prices and data.prices.bars, f"{snap} has no bars"
            assert data.provenance and data.provenance.source.startswith("verifier corpus (constructed)")
    assert len(tickers) >= 8
    cases = load_corpus(CORPUS)
    assert len(cases) == len(labels)


def test_about_a_third_of_the_claims_are_wrong_and_every_kind_and_style_is_covered():
    verdicts, kinds, styles = Counter(), Counter(), set()
    for _, data in _labels():
        styles.add(data["style"].split(" (")[0])
        for claim in data["claims"]:
            if not claim.get("optional"):
                verdicts[claim["verdict"]] += 1
                kinds[claim["kind"]] += 1
    share = verdicts["contradicted"] / sum(verdicts.values())
    assert 0.25 <= share <= 0.40, share
    assert set(kinds) == {"stock_price", "price_change", "analyst_rating", "workforce", "deal", "scheduled_event", "financial_metric"}
    assert {"unverifiable", "no_data"} <= set(verdicts)
    assert len(styles) >= 8


def test_every_header_gives_the_labelled_publication_time():
    for path, data in _labels():
        found = find_publication_time(_article_text(path))
        assert found is not None, path.name
        assert found.value == dt.datetime.fromisoformat(data["published_at"]), path.name


def test_splits_are_the_first_and_second_half_of_the_ids():
    labels = _labels()
    ids = [data["id"] for _, data in labels]
    half = len(ids) // 2
    for i, (_, data) in enumerate(labels):
        assert data["split"] == ("dev" if i < half else "heldout"), data["id"]
    assert ids == sorted(ids)


def _session_close_before(bars, published: dt.datetime):
    local = published.astimezone(NEW_YORK)
    done = [b for b in bars if dt.datetime.combine(b.date, dt.time(16, 0), NEW_YORK) <= local]
    live = [b for b in bars if b.date == local.date() and b not in done]
    return done[-1], (live[0] if live else None)


def test_price_move_and_event_labels_agree_with_their_snapshot():
    """An independent re-derivation of the simple verdicts from the bars, so a label typo is caught."""
    checked = 0
    for _, data in _labels():
        snap = Snapshot.load(CORPUS / data["snapshot"])
        if len(snap.tickers) != 1:
            continue
        ticker = next(iter(snap.tickers.values()))
        bars = ticker.prices.bars
        published = dt.datetime.fromisoformat(data["published_at"])
        for claim in data["claims"]:
            if claim.get("optional") or claim["verdict"] not in ("supported", "contradicted"):
                continue
            v, expected = claim["values"], None
            if claim["kind"] == "stock_price":
                if "date" in v:
                    bar = next(b for b in bars if b.date.isoformat() == v["date"])
                    ok = abs(bar.close - v["price"]) <= 0.005 * bar.close or bar.low <= v["price"] <= bar.high
                else:
                    last, live = _session_close_before(bars, published)
                    ok = abs(last.close - v["price"]) <= 0.005 * last.close or bool(live and live.low <= v["price"] <= live.high)
                expected = "supported" if ok else "contradicted"
            elif claim["kind"] == "price_change":
                day = v.get("date") or _session_close_before(bars, published)[0].date.isoformat()
                i = [b.date.isoformat() for b in bars].index(day)
                move = (bars[i].close / bars[i - 1].close - 1) * 100
                expected = "supported" if abs(move - v["percent"]) <= 0.3 else "contradicted"
            elif claim["kind"] == "scheduled_event":
                dates = {e.date.isoformat() for e in ticker.events if e.event == v["event"]}
                expected = "supported" if v["date"] in dates else "contradicted"
            if expected:
                checked += 1
                assert claim["verdict"] == expected, (data["id"], claim["quote_contains"])
    assert checked >= 75


# --------------------------------------------------------------------------- labels validation


def test_validate_labels_names_every_problem():
    bad = {
        "snapshot": "snapshots/missing.json",
        "split": "train",
        "claims": [
            {"kind": "stock_price", "quote_contains": "not there", "values": {}, "verdict": "true"},
            {"kind": "rumour", "quote_contains": "x", "values": {}},
            {"kind": "deal", "quote_contains": "Some", "values": {"amount": "$50 billion"}, "verdict": "supported"},
        ],
        "flags": [{"technique": "shouting", "quote_contains": "x"}],
    }
    problems = validate_labels(bad, "Some article text.", "x.labels.json", CORPUS)
    text = "\n".join(problems)
    for needle in ("snapshot", "split", "does not occur", "values.price", "verdict 'true'", "kind 'rumour'", "technique",
                   "values.amount must be a number"):
        assert needle in text, needle


def test_load_corpus_rejects_a_bad_folder_with_one_message(tmp_path):
    with pytest.raises(InputError, match="not a folder"):
        load_corpus(tmp_path / "nope")
    with pytest.raises(InputError, match="no \\*.labels.json"):
        load_corpus(tmp_path)
    (tmp_path / "a.txt").write_text("Apple closed at $10.", encoding="utf-8")
    (tmp_path / "a.labels.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="a.labels.json: not valid JSON"):
        load_corpus(tmp_path)


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


# --------------------------------------------------------------------------- scoring with a scripted extractor


class ScriptedExtractor:
    """Returns the claims and flags it was given, grounded in the article: scoring without any engine."""

    name = "scripted"

    def __init__(self, claims: list[ClaimDraft], flags: list[FlagDraft] = ()):
        self.claims, self.flags = claims, list(flags)

    def extract(self, document) -> Extraction:  # noqa: ANN001
        claims = [ground_claim(document.text, d, f"c{i + 1}") for i, d in enumerate(self.claims)]
        flags = [ground_flag(document.text, f) for f in self.flags]
        return Extraction(claims=[c for c in claims if c], flags=[f for f in flags if f], extractor=self.name)


ARTICLE = (ROOT / "fixtures" / "articles" / "amazon-restructuring.txt").read_text(encoding="utf-8")
SNAPSHOT = str(ROOT / "fixtures" / "market" / "amzn-2026-01.json")


def _case() -> Case:
    return Case(
        id="amzn",
        text=ARTICLE,
        claims=[
            ClaimLabel("stock_price", "slight decline to $241.73", {"price": 241.73}, "supported"),
            ClaimLabel("scheduled_event", "February 5, 2026", {"event": "earnings", "date": "2026-02-05"}, "supported"),
            ClaimLabel("workforce", "about 30,000 roles", {"count": 30000}, "supported"),
            ClaimLabel("deal", "up to $50 billion", {"amount": 50e9}, None, optional=True),
        ],
        flags=[FlagLabel("urgency", "urgent action needed"), FlagLabel("free_offer", "free analysis")],
        market=SNAPSHOT,
        published_at=dt.datetime.fromisoformat("2026-01-30T17:25:04+01:00"),
    )


def test_scores_precision_recall_verdicts_and_flags_end_to_end():
    drafts = [
        ClaimDraft(quote="Amazon shares were in a slight decline to $241.73", company="Amazon",
                   fields={"kind": "stock_price", "price": 241.73, "direction": "down"}),
        ClaimDraft(quote="Amazon will publish its quarterly earnings on February 5, 2026", company="Amazon",
                   fields={"kind": "scheduled_event", "event": "earnings", "date": "2026-02-12"}),
        ClaimDraft(quote="in talks to invest up to $50 billion in OpenAI", company="Amazon",
                   fields={"kind": "deal", "amount": 50e9, "up_to": True, "status": "talks"}),
        ClaimDraft(quote="Roth Capital raised its price target for Amazon to $295 from $270", company="Amazon",
                   fields={"kind": "analyst_rating", "firm": "Roth Capital", "price_target": 295}),
    ]
    flags = [FlagDraft(quote="Urgent action needed", technique="urgency"),
             FlagDraft(quote="Read more here", technique="call_to_action")]
    result = run_cases([_case()], source="test", extractor=ScriptedExtractor(drafts, flags))
    claims = result.claim_tallies()
    # the price matches; the event has the wrong date (no match); the deal hits an optional label
    # (neither counted nor penalised); the analyst claim is unlabelled (a false positive)
    assert (claims["stock_price"].tp, claims["stock_price"].predicted, claims["stock_price"].labelled) == (1, 1, 1)
    assert (claims["scheduled_event"].tp, claims["scheduled_event"].predicted) == (0, 1)
    assert claims["deal"].predicted == 0 and claims["deal"].labelled == 0
    assert claims["analyst_rating"].predicted == 1 and claims["analyst_rating"].tp == 0
    total = result.total(claims.values())
    assert (total.tp, total.predicted, total.labelled) == (1, 3, 3)
    assert result.confusion()[("supported", "supported")] == 1
    assert result.verdict_accuracy() == 1.0
    assert result.kind_verdict_accuracy("stock_price") == 1.0 and result.kind_verdict_accuracy("deal") is None
    flags_t = result.flag_tallies()
    assert flags_t["urgency"].tp == 1 and flags_t["free_offer"].tp == 0 and flags_t["call_to_action"].predicted == 1
    case = result.cases[0]
    assert case.published_ok is True
    assert {m["kind"] for m in case.missed} == {"scheduled_event", "workforce"}
    data = json.loads(result.to_json())
    assert data["overall"]["claims"]["precision"] == round(1 / 3, 4)
    assert data["confusion"]["supported"]["supported"] == 1
    assert "verdicts on matched claims" in result.to_text()


def test_a_failing_case_is_recorded_and_the_run_goes_on(tmp_path):
    broken = _case()
    broken.market = str(tmp_path / "missing.json")
    good = _case()
    result = run_cases([broken, good], source="test", extractor=ScriptedExtractor([]))
    assert result.cases[0].error and "snapshot file not found" in result.cases[0].error
    assert result.cases[1].error is None
    assert result.total(result.claim_tallies().values()).labelled == 6


class DownExtractor:
    name = "llm"

    def extract(self, document):  # noqa: ANN001
        from verifier.errors import LLMError

        raise LLMError("the endpoint at http://127.0.0.1:9 refused the connection; check --base-url")


def test_a_service_down_for_every_case_is_an_error_not_a_score_of_zero():
    from verifier.errors import LLMError

    with pytest.raises(LLMError, match="every case failed, e.g. amzn: the endpoint"):
        run_cases([_case(), _case()], source="test", extractor=DownExtractor())


def test_eval_with_an_unconfigured_llm_exits_3_with_one_line(monkeypatch, capsys):
    import sys

    from verifier.cli import main

    monkeypatch.setattr(sys, "argv", ["verifier", "eval", str(CORPUS), "--extractor", "llm"])
    with pytest.raises(SystemExit) as exc:
        main()
    err = capsys.readouterr().err
    assert exc.value.code == 3 and "no LLM is configured" in err and len(err.strip().splitlines()) == 1


# --------------------------------------------------------------------------- headlines


def test_benzinga_headlines_give_firm_rating_and_target():
    assert parse_benzinga_headline("Citigroup Maintains Buy on Agilent Technologies, Inc., Raises PT to $53.00") == {
        "firm": "Citigroup", "price_target": 53.0, "rating": "Buy"}
    assert parse_benzinga_headline("Morgan Stanley Initiates Coverage on Agilent Technologies, Inc. at Equalweight, Announces $62.00 PT") == {
        "firm": "Morgan Stanley", "price_target": 62.0, "rating": "Equalweight"}
    assert parse_benzinga_headline("Hearing Evercore ISI Raises Price Target On Apple From $330 To $345") == {
        "firm": "Evercore ISI", "price_target": 345.0, "previous_price_target": 330.0}
    assert parse_benzinga_headline("Wells Fargo Upgrades Agilent Technologies to Outperform") == {
        "firm": "Wells Fargo", "rating": "Outperform"}
    assert parse_benzinga_headline("Advance Auto Parts Spikes Higher") is None


def _headlines(tmp_path: Path) -> Path:
    prices = tmp_path / "prices"
    prices.mkdir()
    (prices / "AAP.csv").write_text(
        "date,open,high,low,close,volume,Name\n"
        "2016-11-14,140.0,143.5,139.0,142.90,100,AAP\n"
        "2016-11-15,160.0,165.0,158.0,163.20,100,AAP\n",
        encoding="utf-8",
    )
    heads = tmp_path / "headlines"
    heads.mkdir()
    path = heads / "h.csv"
    path.write_text(
        "id,ticker,published,headline,price_file\n"
        'H1,AAP,2016-11-15 10:20:00-05:00,"Goldman Sachs Upgrades Advance Auto Parts to Buy, Raises PT to $181.00",../prices/AAP.csv\n'
        "H2,AAP,2016-11-15 11:00:00-05:00,Advance Auto Parts Spikes to High of $164.80 on Volume,../prices/AAP.csv\n"
        'H3,AAP,2016-11-15 12:00:00-05:00,"UPDATE: Citigroup Raises PT on Advance Auto Parts as Overhang Remains",../prices/AAP.csv\n'
        'H4,AAP,2016-11-15 12:30:00-05:00,"Apple shares are trading higher after Wells Fargo upgraded the stock",../prices/AAP.csv\n',
        encoding="utf-8",
    )
    return path


def test_headlines_csv_is_detected_and_labelled_from_the_headline_and_price_file(tmp_path):
    path = _headlines(tmp_path)
    assert is_headlines_csv(path) and not is_headlines_csv(CORPUS / "c01.txt")
    cases = load_headlines(path)
    assert [c.id for c in cases] == ["H1", "H2", "H3", "H4"]
    # another wording of an analyst action: the truth is unknown, so analyst claims are not scored there
    assert cases[3].claims == [] and "analyst_rating" not in cases[3].labelled_kinds
    assert cases[0].claims[0].values == {"firm": "Goldman Sachs", "price_target": 181.0, "rating": "Buy"}
    assert cases[0].claims[0].verdict is None  # the headline is the only source: extraction only
    assert cases[1].claims[0].values == {"price": 164.8} and cases[1].claims[0].verdict == "supported"
    # an analyst action without target or rating still names the firm
    assert cases[2].claims[0].values == {"firm": "Citigroup"}
    assert cases[0].pass_published and cases[0].market is not None
    # the price file is one in-memory snapshot, imported once for every row that names it
    assert isinstance(cases[0].market, SnapshotProvider) and all(c.market is cases[0].market for c in cases)
    assert cases[0].market.describe() == "snapshot:AAP.csv (price file)"


def test_hand_labels_for_headlines_add_kinds_and_claims(tmp_path):
    path = _headlines(tmp_path)
    labels = tmp_path / "h.labels.json"
    labels.write_text(json.dumps({"kinds": ["price_change"], "rows": {
        "H2": [{"kind": "price_change", "values": {"percent": 2.5}}, {"kind": "deal", "values": {"amount": 1e9}, "optional": True}]}}))
    cases = load_headlines(path, labels=load_headline_labels(labels))
    assert "price_change" in cases[0].labelled_kinds  # every row was read for the labelled kinds
    extra = [c for c in cases[1].claims if c.kind != "stock_price"]
    assert [(c.kind, c.values, c.optional) for c in extra] == [("price_change", {"percent": 2.5}, False), ("deal", {"amount": 1e9}, True)]
    labels.write_text(json.dumps({"kinds": ["gossip"], "rows": {}}))
    with pytest.raises(InputError, match="needs \"kinds\""):
        load_headline_labels(labels)
    with pytest.raises(InputError, match="for a headlines CSV"):
        evaluate_corpus(CORPUS, "rules", headline_labels=labels)


def test_the_bundled_headline_labels_are_valid():
    data = load_headline_labels(CORPUS / "headlines" / "analyst_headlines.labels.json")
    assert all(row.startswith("H") for row in data["rows"])
    assert sum(len(v) for v in data["rows"].values()) >= 30


# --------------------------------------------------------------------------- the command


def test_eval_command_prints_figures_and_json(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "snapshots").mkdir(parents=True)
    for name in ("c01", "c02"):
        shutil.copy(CORPUS / f"{name}.txt", corpus)
        shutil.copy(CORPUS / f"{name}.labels.json", corpus)
    shutil.copy(CORPUS / "snapshots" / "amzn-2025-11.json", corpus / "snapshots")
    result = runner.invoke(app, ["eval", str(corpus)])
    assert result.exit_code == 0, result.output
    assert "all claims" in result.output and "expected / predicted" in result.output
    result = runner.invoke(app, ["eval", str(corpus), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["overall"]["articles"] == 2 and data["overall"]["errors"] == 0
    assert set(data["claims_by_kind"]) >= {"stock_price", "analyst_rating"}
    assert data["by_split"]["dev"]["articles"] == 2
    result = runner.invoke(app, ["eval", str(corpus), "--market", "none", "--format", "json"])
    data = json.loads(result.output)
    scored = data["confusion"]
    assert sum(scored[e]["no_data"] for e in scored) == data["overall"]["verdicts_scored"] > 0


def test_eval_command_bad_input_is_one_line_exit_2(tmp_path, monkeypatch, capsys):
    import sys

    from verifier.cli import main

    bad_corpus = tmp_path / "bad"
    bad_corpus.mkdir()
    (bad_corpus / "x.txt").write_text("Apple closed at $10.", encoding="utf-8")
    (bad_corpus / "x.labels.json").write_text('{"snapshot": "none.json", "claims": []}', encoding="utf-8")
    for args, needle in (
        (["eval", str(tmp_path / "missing")], "does not exist"),
        (["eval", str(CORPUS / "c01.txt")], "neither a corpus folder nor a headlines CSV"),
        (["eval", str(bad_corpus)], "x.labels.json: snapshot 'none.json'"),
        (["eval", str(CORPUS), "--split", "train"], "unknown --split"),
        (["eval", str(CORPUS), "--format", "md"], "unknown --format"),
    ):
        monkeypatch.setattr(sys, "argv", ["verifier", *args])
        with pytest.raises(SystemExit) as exc:
            main()
        out, err = capsys.readouterr()
        assert exc.value.code == 2, (args, err)
        assert needle in err and len(err.strip().splitlines()) == 1, (args, err)
        assert "Traceback" not in err


def test_evaluate_corpus_runs_the_whole_corpus_without_errors():
    result = evaluate_corpus(CORPUS, "rules")
    overall = result.summary()
    assert overall["articles"] >= 40 and overall["errors"] == 0
    for tally in result.claim_tallies().values():
        assert tally.tp <= tally.predicted and tally.tp <= tally.labelled
    assert sum(result.confusion().values()) == overall["verdicts_scored"] <= overall["claims"]["tp"]
    assert overall["publication_time_accuracy"] == 1.0
    dev, held = result.summary("dev"), result.summary("heldout")
    assert dev["articles"] + held["articles"] == overall["articles"]
    by_style = result.to_dict()["by_style"]
    assert sum(v["articles"] for v in by_style.values()) == overall["articles"]
    assert by_style["TL;DR digest"]["claims"]["labelled"] > 0


def test_an_article_that_crashes_the_engine_is_one_failed_case_not_a_lost_run():
    """A bug on one article (README matching rule 6) is reported with its error; the others are scored."""
    from verifier.extract import get_extractor

    rules = get_extractor("rules")

    class CrashesOnC02:
        name = "rules"

        def extract(self, document):
            if document.source.endswith("c02.txt"):
                raise ValueError("max() arg is an empty sequence")
            return rules.extract(document)

    cases = [c for c in load_corpus(CORPUS) if c.id in ("c01", "c02")]
    result = run_cases(cases, source="two", extractor=CrashesOnC02())
    by_id = {c.id: c for c in result.cases}
    assert by_id["c02"].error == "internal error (ValueError: max() arg is an empty sequence)"
    assert by_id["c01"].error is None and sum(t.tp for t in by_id["c01"].claims.values()) > 0
    labelled = sum(1 for label in next(c for c in cases if c.id == "c02").claims if not label.optional)
    assert sum(t.labelled for t in by_id["c02"].claims.values()) == labelled
