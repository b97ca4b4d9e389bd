"""Batch runs: one report per article, summary.jsonl, shared market data, failures recorded, resume, exit codes."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import threading
from pathlib import Path

import pytest

import verifier.pipeline
from verifier.batch import (
    Article,
    ConsoleProgress,
    ItemResult,
    iter_articles,
    read_done,
    run_batch,
    scan_input,
)
from verifier.errors import InputError, LLMError, MarketDataError, TickerNotFound
from verifier.extract.base import Extraction, ground_claim
from verifier.market import SnapshotProvider
from verifier.market.base import MarketRequest
from verifier.market.shared import SharedMarket
from verifier.schemas import ClaimDraft, StockPriceFields

PUBLISHED = "2026-01-30T11:25:00-05:00"


class PriceExtractor:
    """Reads 'AMZN at $241.73' as a stock-price claim; 'FAIL' in the text plays an endpoint error."""

    name = "test-prices"

    def __init__(self, barrier: threading.Barrier | None = None):
        self.barrier = barrier
        self.calls = 0
        self.lock = threading.Lock()

    def extract(self, document):  # noqa: ANN001
        with self.lock:
            self.calls += 1
        if self.barrier is not None:
            self.barrier.wait()
        if "FAIL" in document.text:
            raise LLMError("the endpoint answered 503; retry later or use --extractor rules")
        claims = []
        for i, m in enumerate(re.finditer(r"(?P<t>[A-Z]{2,5}) at \$(?P<p>\d+\.\d+)", document.text), 1):
            draft = ClaimDraft(quote=m.group(0), ticker=m.group("t"), fields=StockPriceFields(price=float(m.group("p"))))
            claims.append(ground_claim(document.text, draft, f"c{i}"))
        return Extraction(claims=claims, extractor=self.name)


class CountingProvider:
    """The bundled snapshot, counting fetches per ticker."""

    name = "counting"

    def __init__(self, snapshot: Path):
        self.inner = SnapshotProvider(snapshot)
        self.fetches: list[MarketRequest] = []
        self.lock = threading.Lock()

    def describe(self) -> str:
        return self.inner.describe()

    def fetch(self, request):  # noqa: ANN001
        with self.lock:
            self.fetches.append(request)
        return self.inner.fetch(request)


def write_jsonl(path: Path, records: list) -> Path:  # noqa: ANN001
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


def articles(n: int, ticker: str = "AMZN") -> list[dict]:
    return [{"id": f"a{i}", "text": f"Desk note {i}: {ticker} at $241.73 on the day.", "published_at": PUBLISHED} for i in range(n)]


def summary_lines(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "summary.jsonl").read_text(encoding="utf-8").splitlines()]


# --------------------------------------------------------------------------- the run


def test_jsonl_batch_writes_reports_and_a_summary_line_per_article(tmp_path, example_snapshot):
    src = write_jsonl(tmp_path / "in.jsonl", articles(3))
    out = tmp_path / "out"
    result = run_batch(src, out, jobs=2, formats=["html", "md"], extractor=PriceExtractor(), market=str(example_snapshot))
    assert (result.total, result.ok, result.failed, result.exit_code) == (3, 3, [], 0)
    lines = summary_lines(out)
    assert sorted(line["id"] for line in lines) == ["a0", "a1", "a2"]
    for line in lines:
        assert line["status"] == "ok" and line["error"] is None
        assert line["claims"] == 1 and line["report"] == f"{line['id']}.json"
        assert len(line["content_hash"]) == 64 and line["settings_hash"]
        assert line["outputs"] == [f"{line['id']}.json", f"{line['id']}.html", f"{line['id']}.md"]
        report = json.loads((out / line["report"]).read_text(encoding="utf-8"))
        assert report["document"]["published_at"].startswith("2026-01-30T11:25:00")
        assert "<!DOCTYPE html>" in (out / f"{line['id']}.html").read_text(encoding="utf-8")


def test_folder_batch_reads_txt_md_html_recursively_and_ignores_others(tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("AMZN at $241.73", encoding="utf-8")
    (folder / "two.md").write_text("# Two\n\nAMZN at $241.73", encoding="utf-8")
    (folder / "sub" / "three.html").write_text("<html><body><p>AMZN at $241.73</p></body></html>", encoding="utf-8")
    (folder / "notes.csv").write_text("a,b", encoding="utf-8")
    (folder / "README.md").write_text("# About these articles", encoding="utf-8")
    (folder / ".drafts").mkdir()
    (folder / ".drafts" / "draft.txt").write_text("AMZN at $1.00", encoding="utf-8")
    found = list(iter_articles(folder))
    assert [a.id for a in found] == ["one", "sub__three", "two"]
    out = tmp_path / "out"
    result = run_batch(folder, out, jobs=1, extractor=PriceExtractor(), market="none")
    assert result.ok == 3
    assert {line["id"] for line in summary_lines(out)} == {"one", "two", "sub__three"}


def test_market_data_is_fetched_once_per_ticker_for_the_whole_batch(tmp_path, example_snapshot):
    provider = CountingProvider(example_snapshot)
    src = write_jsonl(tmp_path / "in.jsonl", articles(8))
    result = run_batch(src, tmp_path / "out", jobs=4, extractor=PriceExtractor(), market=provider)
    assert result.ok == 8
    assert [r.ticker for r in provider.fetches] == ["AMZN"]
    assert result.market_fetches == {"AMZN": 1}


def test_shared_market_widens_the_window_once_and_remembers_unknown_tickers(example_snapshot):
    provider = CountingProvider(example_snapshot)
    shared = SharedMarket(provider)
    day = dt.date(2026, 1, 20)
    shared.fetch(MarketRequest(ticker="amzn", start=day, end=day + dt.timedelta(days=10)))
    shared.fetch(MarketRequest(ticker="AMZN", start=day + dt.timedelta(days=2), end=day + dt.timedelta(days=5)))
    assert len(provider.fetches) == 1  # inside the window fetched so far
    shared.fetch(MarketRequest(ticker="AMZN", start=day - dt.timedelta(days=5), end=day + dt.timedelta(days=3)))
    assert len(provider.fetches) == 2
    # the side that grew is padded, so the next article a little further out needs no fetch
    assert (provider.fetches[1].start, provider.fetches[1].end) == (day - dt.timedelta(days=95), day + dt.timedelta(days=10))
    shared.fetch(MarketRequest(ticker="AMZN", start=day - dt.timedelta(days=60), end=day))
    assert len(provider.fetches) == 2
    for _ in range(3):
        with pytest.raises(TickerNotFound):
            shared.fetch(MarketRequest(ticker="ZZZZ", start=day, end=day))
    assert [r.ticker for r in provider.fetches].count("ZZZZ") == 1


def test_the_first_fetch_covers_the_whole_batch_span_when_the_input_names_dates(tmp_path, example_snapshot):
    records = articles(4)
    records[0]["published_at"] = "2026-01-20T10:00:00-05:00"
    records[3]["published_at"] = "2026-02-06T15:00:00-05:00"
    provider = CountingProvider(example_snapshot)
    src = write_jsonl(tmp_path / "in.jsonl", records)
    assert scan_input(src).count == 4
    window = scan_input(src).window()
    assert window[0] <= dt.date(2026, 1, 20) and window[1] >= dt.date(2026, 2, 6)
    result = run_batch(src, tmp_path / "out", jobs=2, extractor=PriceExtractor(), market=provider)
    assert result.ok == 4 and len(provider.fetches) == 1
    assert (provider.fetches[0].start, provider.fetches[0].end) == window


def test_articles_run_concurrently_up_to_jobs(tmp_path):
    barrier = threading.Barrier(3, timeout=10)  # passes only if three articles are in extraction at once
    src = write_jsonl(tmp_path / "in.jsonl", articles(6))
    result = run_batch(src, tmp_path / "out", jobs=3, extractor=PriceExtractor(barrier), market="none")
    assert result.ok == 6 and not barrier.broken


def test_input_is_streamed_not_collected(tmp_path):
    pulled = []

    def stream():
        for i in range(50):
            pulled.append(i)
            yield Article(id=f"s{i}", text=f"AMZN at $241.73 number {i}")

    seen_when_first_done = []

    def on_result(item: ItemResult) -> None:
        if not seen_when_first_done:
            seen_when_first_done.append(len(pulled))

    result = run_batch(None, tmp_path / "out", jobs=2, extractor=PriceExtractor(), market="none",
                       articles=stream(), on_result=on_result)
    assert result.ok == 50
    assert seen_when_first_done[0] <= 2 * 2 + 1  # at most 2 * jobs in flight


# --------------------------------------------------------------------------- failures


def test_one_failing_article_is_recorded_and_the_batch_goes_on(tmp_path, example_snapshot):
    records = [
        *articles(2),
        {"id": "broken", "text": "FAIL: AMZN at $241.73"},
        "{not json",
        {"id": "empty", "text": "   "},
        {"id": "a0", "text": "duplicate id"},
        {"id": "badtime", "text": "AMZN at $241.73", "published_at": "yesterday-ish"},
        [1, 2],
    ]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    out = tmp_path / "out"
    result = run_batch(src, out, jobs=2, extractor=PriceExtractor(), market=str(example_snapshot))
    assert result.ok == 2 and result.exit_code == 3
    reasons = dict(result.failed)
    assert "503" in reasons["broken"]
    assert "line 4 is not valid JSON" in reasons["line-4"]
    assert "no \"text\"" in reasons["empty"]
    assert "repeats id 'a0'" in reasons["a0-line-6"]
    assert reasons["badtime"]  # the date parser's own message
    assert "not a JSON object" in reasons["line-8"]
    by_id = {line["id"]: line for line in summary_lines(out)}
    assert by_id["broken"]["status"] == "error" and "503" in by_id["broken"]["error"]
    assert by_id["a0"]["status"] == "ok"


def test_unknown_input_and_bad_options(tmp_path):
    with pytest.raises(InputError, match="not found"):
        run_batch(tmp_path / "nope", tmp_path / "out")
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(InputError, match="neither a folder nor a .jsonl"):
        run_batch(tmp_path / "x.csv", tmp_path / "out", market="none")
    with pytest.raises(InputError, match="unknown report format pdf"):
        run_batch(tmp_path, tmp_path / "out", formats=["pdf"], market="none")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot create the output folder"):
        run_batch(tmp_path, blocker / "out", market="none")


def test_market_outage_gives_no_data_not_a_failed_article(tmp_path):
    class Down:
        name = "down"

        def describe(self) -> str:
            return "down"

        def fetch(self, request):  # noqa: ANN001
            raise MarketDataError("the source is offline; retry later")

    src = write_jsonl(tmp_path / "in.jsonl", articles(2))
    result = run_batch(src, tmp_path / "out", jobs=1, extractor=PriceExtractor(), market=Down())
    assert result.ok == 2
    assert all(line["no_data"] == 1 for line in summary_lines(tmp_path / "out"))


# --------------------------------------------------------------------------- resume


def test_rerun_skips_done_articles_and_redoes_changed_or_failed_ones(tmp_path, example_snapshot):
    src = tmp_path / "in.jsonl"
    out = tmp_path / "out"
    write_jsonl(src, [*articles(3), {"id": "broken", "text": "FAIL AMZN at $241.73"}])
    extractor = PriceExtractor()
    first = run_batch(src, out, jobs=2, extractor=extractor, market=str(example_snapshot))
    assert (first.ok, len(first.failed)) == (3, 1) and extractor.calls == 4

    again = run_batch(src, out, jobs=2, extractor=extractor, market=str(example_snapshot))
    assert (again.skipped, again.ok, len(again.failed)) == (3, 0, 1)
    assert extractor.calls == 5  # only the failed one was tried again

    changed = articles(3)
    changed[1]["text"] = "Revised: AMZN at $241.73 after all."
    write_jsonl(src, [*changed, {"id": "broken", "text": "now fine AMZN at $241.73"}])
    third = run_batch(src, out, jobs=2, extractor=extractor, market=str(example_snapshot))
    assert (third.skipped, third.ok, third.failed) == (2, 2, [])
    assert third.exit_code == 0
    lines = summary_lines(out)
    assert sorted(line["id"] for line in lines) == ["a0", "a1", "a2", "broken"]  # one line per article
    assert all(line["status"] == "ok" for line in lines)

    other_settings = run_batch(src, out, jobs=2, extractor=extractor, market="none")
    assert other_settings.skipped == 0 and other_settings.ok == 4


def test_an_interrupted_batch_resumes_where_it_stopped(tmp_path, example_snapshot):
    src = write_jsonl(tmp_path / "in.jsonl", articles(6))
    out = tmp_path / "out"
    done = []

    def interrupt(item: ItemResult) -> None:
        done.append(item.id)
        if len(done) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(src, out, jobs=1, extractor=PriceExtractor(), market=str(example_snapshot), on_result=interrupt)
    assert set(read_done(out / "summary.jsonl")) == set(done)
    extractor = PriceExtractor()
    resumed = run_batch(src, out, jobs=2, extractor=extractor, market=str(example_snapshot))
    assert resumed.skipped == 2 and resumed.ok == 4 and extractor.calls == 6 - 2
    assert len(summary_lines(out)) == 6


def test_a_summary_line_cut_short_by_a_killed_run_is_survived(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", articles(3))
    out = tmp_path / "out"
    run_batch(src, out, extractor=PriceExtractor(), market="none")
    text = (out / "summary.jsonl").read_text(encoding="utf-8")
    kept, cut = text.splitlines()[:2], text.splitlines()[2]
    (out / "summary.jsonl").write_text("\n".join(kept) + "\n" + cut[: len(cut) // 2], encoding="utf-8")
    again = run_batch(src, out, extractor=PriceExtractor(), market="none")
    assert again.skipped == 2 and again.ok == 1
    assert sorted(line["id"] for line in summary_lines(out)[-1:]) == [json.loads(cut)["id"]]
    assert len(read_done(out / "summary.jsonl")) == 3


def test_a_deleted_report_is_redone(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", articles(2))
    out = tmp_path / "out"
    run_batch(src, out, extractor=PriceExtractor(), market="none")
    (out / "a1.json").unlink()
    again = run_batch(src, out, extractor=PriceExtractor(), market="none")
    assert again.skipped == 1 and again.ok == 1 and (out / "a1.json").exists()


# --------------------------------------------------------------------------- findings, history, progress


def test_fail_on_findings_give_exit_code_1(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", articles(2))
    result = run_batch(src, tmp_path / "out", extractor=PriceExtractor(), market="none", fail_on=["no_data"])
    assert result.exit_code == 1 and sorted(result.findings) == ["a0", "a1"]
    clean = run_batch(src, tmp_path / "out", extractor=PriceExtractor(), market="none", fail_on=["contradicted"])
    assert clean.exit_code == 0 and clean.skipped == 2  # a different --fail-on judges the stored reports


def test_batch_runs_are_stored_in_the_history(tmp_path):
    from verifier.store import History

    src = write_jsonl(tmp_path / "in.jsonl", articles(3))
    run_batch(src, tmp_path / "out", extractor=PriceExtractor(), market="none", log_history=True)
    with History.open() as store:
        assert store.count() == 3


def test_index_page_lists_failures_first_and_links_reports(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [*articles(2), {"id": "<b>bad</b>", "text": "FAIL"}])
    out = tmp_path / "out"
    run_batch(src, out, extractor=PriceExtractor(), market="none", formats=["html"])
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<b>bad</b>" not in page and "the endpoint answered 503" in page
    # failures head the page ("Needs attention"); every article follows in the order it finished
    assert page.index('class="error"') < page.index('href="a0.html"')
    assert page.index('class="error"') < page.index('href="a1.html"')
    assert page.index("Needs attention") < page.index("All articles")
    assert "2 audited, 1 failed" in page and "<script" not in page


def test_index_attention_table_is_bounded(tmp_path, monkeypatch):
    """The index never holds the whole batch: its attention table keeps only the most urgent rows."""
    import verifier.batch as batch

    monkeypatch.setattr(batch, "INDEX_ATTENTION_ROWS", 3)
    out = tmp_path / "out"
    out.mkdir()
    lines = [{"id": f"e{i}", "status": "error", "error": f"failure {i}"} for i in range(10)]
    (out / batch.SUMMARY_NAME).write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    page = batch.write_index(out).read_text(encoding="utf-8")
    attention = page[page.index("Needs attention"):page.index("All articles")]
    assert attention.count("<tr><td>") == 3 and "(the first 3)" in attention
    assert page[page.index("All articles"):].count("<tr><td>") == 10


def test_plain_progress_lines_when_not_a_terminal():
    stream = io.StringIO()
    progress = ConsoleProgress(stream, tty=False)
    progress.start(2)
    progress.result(ItemResult(id="a", status="ok", claims=3, contradicted=1, flags=2, risk="high"))
    progress.result(ItemResult(id="b", status="error", error="line 2 is not valid JSON"))
    progress.stop()
    assert stream.getvalue().splitlines() == [
        "[1/2] ok a: 3 claims, 1 contradicted, 2 flags, risk high",
        "[2/2] error b: line 2 is not valid JSON",
    ]


def test_progress_bar_on_a_terminal():
    stream = io.StringIO()
    progress = ConsoleProgress(stream, tty=True)
    progress.start(2)
    progress.result(ItemResult(id="a", status="ok"))
    progress.result(ItemResult(id="b[x]", status="error", error="bad [red]input[/]"))
    progress.stop()
    text = stream.getvalue()
    assert "2/2" in text and "error b[x]: bad [red]input[/]" in text


# --------------------------------------------------------------------------- the command


@pytest.fixture
def cli(cli, monkeypatch):
    monkeypatch.setattr(verifier.pipeline, "get_extractor", lambda name, settings=None: PriceExtractor())
    return cli


def test_cli_batch_exit_codes_and_listing_of_failures(cli, tmp_path, example_snapshot):
    good = write_jsonl(tmp_path / "good.jsonl", articles(2))
    ok = cli("batch", str(good), "--out", str(tmp_path / "o1"), "--market", str(example_snapshot), "--format", "md,html")
    assert ok.exit_code == 0, ok.stderr
    assert "[1/2] ok" in ok.stderr and "2 articles: 2 audited" in ok.stderr
    assert (tmp_path / "o1" / "a0.md").exists() and (tmp_path / "o1" / "a0.html").exists()

    findings = cli("batch", str(good), "--out", str(tmp_path / "o2"), "--market", "none", "--fail-on", "no_data")
    assert findings.exit_code == 1

    mixed = write_jsonl(tmp_path / "mixed.jsonl", [*articles(1), {"id": "x", "text": "FAIL"}])
    partial = cli("batch", str(mixed), "--out", str(tmp_path / "o3"), "--market", "none", "-j", "2", "--extractor", "llm")
    assert partial.exit_code == 3
    assert "not processed:" in partial.stderr and "  x: the endpoint answered 503" in partial.stderr


def test_cli_batch_bad_usage(cli, tmp_path):
    missing = cli("batch", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o"))
    assert missing.exit_code == 2 and "batch input not found" in missing.stderr
    bad_format = cli("batch", str(tmp_path), "--out", str(tmp_path / "o"), "--format", "pdf")
    assert bad_format.exit_code == 2 and "unknown --format pdf" in bad_format.stderr


def test_unknown_ticker_is_raised_fresh_each_time():
    """Re-raising one stored exception would grow its traceback (and keep frames alive) per article."""
    from verifier.market.shared import SharedMarket
    from verifier.errors import TickerNotFound
    from verifier.market.base import MarketRequest

    class Unknown:
        name = "x"

        def describe(self):
            return "x"

        def fetch(self, request):
            raise TickerNotFound(f"{request.ticker} is not listed")

    shared = SharedMarket(Unknown())
    request = MarketRequest(ticker="ZZZZ", start=dt.date(2026, 1, 1), end=dt.date(2026, 1, 31))
    raised = []
    for _ in range(3):
        with pytest.raises(TickerNotFound, match="ZZZZ is not listed") as info:
            shared.fetch(request)
        raised.append(info.value)
    assert raised[1] is not raised[2]
    assert shared.fetches == {"ZZZZ": 1}
