"""`verifier eval` end to end: run_cases goes on past a failing case, the command prints figures and
JSON, and bad input gives one clear line. The parts have their own files: test_evaluate_corpus,
test_evaluate_headlines, test_evaluate_matching, test_evaluate_scoring, test_evaluate_render."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from tests.evaluate_helpers import CORPUS, ScriptedExtractor, amazon_case
from verifier.cli import app
from verifier.evaluate import evaluate_corpus, load_corpus, run_cases

runner = CliRunner()


def test_a_failing_case_is_recorded_and_the_run_goes_on(tmp_path):
    broken = amazon_case()
    broken.market = str(tmp_path / "missing.json")
    good = amazon_case()
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
        run_cases([amazon_case(), amazon_case()], source="test", extractor=DownExtractor())


def test_eval_with_an_unconfigured_llm_exits_3_with_one_line(monkeypatch, capsys):
    import sys

    from verifier.cli import main

    monkeypatch.setattr(sys, "argv", ["verifier", "eval", str(CORPUS), "--extractor", "llm"])
    with pytest.raises(SystemExit) as exc:
        main()
    err = capsys.readouterr().err
    assert exc.value.code == 3 and "no LLM is configured" in err and len(err.strip().splitlines()) == 1


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
