"""The command line: parses arguments, calls the library, renders. Nothing else lives here.

Errors from the library arrive as ``VerifierError`` and leave as one line on stderr with the exit
code the error carries (2 bad input/usage, 3 a service failed). Set ``VERIFIER_DEBUG=1`` to see
the traceback instead.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Optional

import typer

from ._version import __version__
from .cli_typer import HELP_MARKUP, HelpGroup, defer_coercion

defer_coercion()

app = typer.Typer(
    cls=HelpGroup,
    rich_markup_mode=HELP_MARKUP,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Audit financial news: extract checkable claims, verify them against market data, flag promotional tricks.",
)

FAIL_ON_CHOICES = ("contradicted", "flagged", "unverifiable", "no_data")
EXTRACTORS = ("auto", "rules", "llm")


# Options shared by check, batch and eval: defined once, so their names and help never drift apart.
ExtractorOpt = typer.Option("auto", "--extractor", help="auto (LLM when configured, else rules), rules or llm.")
MarketOpt = typer.Option("auto", "--market", help="auto, none, yfinance, edgar, or a snapshot .json file.")
TickerOpt = typer.Option(None, "--ticker", help="Ticker for claims that name no listed company.")
FailOnOpt = typer.Option(None, "--fail-on", help="Exit 1 if a report holds any of: contradicted,flagged,unverifiable,no_data.")
ModelOpt = typer.Option(None, "--model", help="LLM model name (env VERIFIER_MODEL).")
BaseUrlOpt = typer.Option(None, "--base-url", help="OpenAI-compatible endpoint (env OPENAI_BASE_URL).")
ApiKeyEnvOpt = typer.Option(None, "--api-key-env", help="Environment variable holding the API key.")
LlmModeOpt = typer.Option(None, "--llm-mode", help="auto (default), tools, json_schema (constrained decoding: llama.cpp, Ollama, vLLM), json or md_json.")
NoCacheOpt = typer.Option(False, "--no-cache", help="Bypass the LLM response cache.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"verifier {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version and exit."),
) -> None:
    """verifier: audit financial news."""


def fail(message: str, code: int = 2) -> "typer.Exit":
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def check_extractor(value: str) -> None:
    if value not in EXTRACTORS:
        raise fail(f"unknown --extractor {value!r}; use {', '.join(EXTRACTORS)}")


def parse_fail_on(value: Optional[str]) -> list[str]:
    if not value:
        return []
    items = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in items if v not in FAIL_ON_CHOICES]
    if bad:
        raise fail(f"--fail-on got {', '.join(bad)}; use a comma list of {', '.join(FAIL_ON_CHOICES)}")
    return items


def fail_on_hit(report, conditions: list[str]) -> bool:  # noqa: ANN001 - Report, imported lazily
    for cond in conditions:
        if cond == "flagged" and report.flags:
            return True
        if cond in ("contradicted", "unverifiable", "no_data") and getattr(report.summary, cond):
            return True
    return False


def emit(text: str, out: Optional[Path]) -> None:
    """Write to --out (creating folders) or stdout."""
    if out is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}; choose another --out path")
    typer.echo(f"wrote {out}", err=True)


def render_for(report, fmt: str, out: Optional[Path]) -> str:  # noqa: ANN001
    if fmt == "text":
        from .report.text import render_text

        color = out is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        width = 110
        try:
            width = max(80, min(160, os.get_terminal_size().columns)) if color else 110
        except OSError:
            pass
        return render_text(report, width=width, color=color)
    from .report import render

    return render(report, fmt)


@app.command()
def check(
    path: str = typer.Argument(..., metavar="PATH|-", help="Article file (.txt, .md, .html) or - for stdin."),
    format: str = typer.Option("text", "--format", "-f", help="text, json, md or html."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the report to FILE instead of stdout."),
    extractor: str = ExtractorOpt,
    market: str = MarketOpt,
    published: Optional[str] = typer.Option(None, "--published", help="Publication time (ISO 8601) if the header lacks it."),
    ticker: Optional[str] = TickerOpt,
    fail_on: Optional[str] = FailOnOpt,
    model: Optional[str] = ModelOpt,
    base_url: Optional[str] = BaseUrlOpt,
    api_key_env: Optional[str] = ApiKeyEnvOpt,
    llm_mode: Optional[str] = LlmModeOpt,
    max_retries: Optional[int] = typer.Option(None, "--max-retries", help="Re-asks after a validation error (default 2)."),
    no_cache: bool = NoCacheOpt,
    no_log: bool = typer.Option(False, "--no-log", help="Do not store this run in the history."),
    explain: bool = typer.Option(
        False, "--explain", help="Rule engine: add a run note for every figure not made a claim, and why."
    ),
) -> None:
    """Audit one article and print the report."""
    from .report import FORMATS

    if format not in FORMATS:
        raise fail(f"unknown --format {format!r}; use one of {', '.join(FORMATS)}")
    check_extractor(extractor)
    conditions = parse_fail_on(fail_on)

    from .config import LLMSettings
    from .document import load_document
    from .pipeline import verify

    settings = LLMSettings.resolve(
        model=model, base_url=base_url, api_key_env=api_key_env, mode=llm_mode, max_retries=max_retries,
        use_cache=False if no_cache else None,
    )
    doc = load_document(path)
    engine: Any = extractor
    if explain:
        from .extract import get_extractor

        resolved = get_extractor(extractor, settings)
        if hasattr(resolved, "explain"):
            resolved.explain = True  # only the rule engine explains; an LLM run keeps its usual fallbacks
            engine = resolved
    report = verify(doc, published_at=published, extractor=engine, market=market, ticker=ticker, llm_settings=settings)
    if not no_log:
        _log_run(report)
    emit(render_for(report, format, out), out)
    if fail_on_hit(report, conditions):
        raise typer.Exit(1)


def _log_run(report) -> None:  # noqa: ANN001
    """Store the run in the history; a history that cannot be written is a warning, not a failure."""
    try:
        from .store import History
    except ImportError:
        return
    try:
        History.open().save(report)
    except Exception as exc:  # noqa: BLE001 - the audit itself succeeded
        typer.echo(f"warning: run not stored in history ({exc}); use --no-log to skip", err=True)


@app.command()
def history(
    limit: int = typer.Option(20, "--limit", "-n", min=0, help="Show at most N runs (0 for all)."),
    ticker: Optional[str] = typer.Option(None, "--ticker", help="Only runs with a claim about this ticker."),
    verdict: Optional[str] = typer.Option(None, "--verdict", help="Only runs with a claim of this verdict: supported, contradicted, unverifiable, no_data."),
    format: str = typer.Option("text", "--format", "-f", help="text (columns) or json (one run per line)."),
) -> None:
    """List stored runs, newest first."""
    if format not in ("text", "json"):
        raise fail(f"unknown --format {format!r}; use text or json")
    from .store import History, format_runs

    with History.open() as store:
        runs = store.list(limit=limit, ticker=ticker, verdict=verdict)
        if not runs and format == "text":
            typer.echo(f"no runs stored in {store.path}" + (" match" if ticker or verdict else ""), err=True)
            return
    sys.stdout.write(format_runs(runs, format))


@app.command()
def show(
    run_id: str = typer.Argument(..., metavar="RUN_ID", help="A run id from 'verifier history' (a unique prefix is enough)."),
    format: str = typer.Option("text", "--format", "-f", help="text, json, md or html."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the report to FILE instead of stdout."),
) -> None:
    """Re-render a stored report exactly as it was, without re-fetching anything."""
    from .report import FORMATS
    from .store import History

    if format not in FORMATS:
        raise fail(f"unknown --format {format!r}; use one of {', '.join(FORMATS)}")
    with History.open() as store:
        text = store.get_json(run_id) + "\n" if format == "json" else render_for(store.get(run_id), format, out)
    emit(text, out)


@app.command()
def batch(
    input: Path = typer.Argument(..., metavar="INPUT", help="A folder of articles (.txt, .md, .html) or a JSONL file of {id, text, published_at?, source?}."),
    out: Path = typer.Option(..., "--out", "-o", help="Folder for the reports and summary.jsonl (re-run into it to resume)."),
    jobs: int = typer.Option(4, "--jobs", "-j", min=1, max=64, help="Articles audited at the same time."),
    format: list[str] = typer.Option(["json"], "--format", "-f", help="Extra report formats besides json: md, html, text (repeat or comma list)."),
    extractor: str = ExtractorOpt,
    market: str = MarketOpt,
    ticker: Optional[str] = TickerOpt,
    fail_on: Optional[str] = FailOnOpt,
    model: Optional[str] = ModelOpt,
    base_url: Optional[str] = BaseUrlOpt,
    api_key_env: Optional[str] = ApiKeyEnvOpt,
    llm_mode: Optional[str] = LlmModeOpt,
    no_cache: bool = NoCacheOpt,
    no_log: bool = typer.Option(False, "--no-log", help="Do not store the runs in the history."),
) -> None:
    """Audit many articles: one report per article plus summary.jsonl; resumes where it stopped."""
    check_extractor(extractor)
    if ticker is not None:
        from .tickers import validate_ticker

        ticker = validate_ticker(ticker)  # one bad flag is one error line, not a failure per article
    formats = [f.strip() for item in format for f in item.split(",") if f.strip()]
    from .batch import REPORT_FORMATS, ConsoleProgress, run_batch
    from .config import LLMSettings

    bad = [f for f in formats if f not in REPORT_FORMATS]
    if bad:
        raise fail(f"unknown --format {', '.join(bad)}; use {', '.join(REPORT_FORMATS)}")
    conditions = parse_fail_on(fail_on)
    settings = LLMSettings.resolve(
        model=model, base_url=base_url, api_key_env=api_key_env, mode=llm_mode, use_cache=False if no_cache else None,
    )
    progress = ConsoleProgress()
    try:
        result = run_batch(
            input, out, jobs=jobs, formats=formats, extractor=extractor, market=market, ticker=ticker,
            llm_settings=settings, fail_on=conditions, log_history=not no_log,
            on_start=progress.start, on_result=progress.result,
        )
    except KeyboardInterrupt:
        progress.stop()
        typer.echo(f"interrupted; finished articles are in {out}; run the same command again to resume", err=True)
        raise typer.Exit(130)
    progress.stop()
    typer.echo(
        f"{result.total} articles: {result.ok} audited, {result.skipped} already done, {len(result.failed)} failed; "
        f"summary in {result.summary_path}",
        err=True,
    )
    if result.market_fetches:
        fetches = ", ".join(f"{t} {n}x" for t, n in sorted(result.market_fetches.items()))
        typer.echo(f"market data fetches per ticker: {fetches}", err=True)
    for warning in result.history_warnings:
        typer.echo(f"warning: runs not stored in history ({warning}); use --no-log to skip", err=True)
    if result.failed:
        typer.echo("not processed:", err=True)
        for article_id, reason in result.failed:
            typer.echo(f"  {article_id}: {reason}", err=True)
    if result.exit_code:
        raise typer.Exit(result.exit_code)


# --------------------------------------------------------------------------- snapshot


class _SnapshotGroup(HelpGroup):
    """'verifier snapshot TICKER...' records; 'verifier snapshot import-csv ...' imports a CSV.

    A first argument that names no subcommand (a ticker or an option) selects 'record', so both
    documented command lines work while each subcommand keeps its own options and help.
    """

    def parse_args(self, ctx, args):  # noqa: ANN001, ANN201
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["record", *args]
        return super().parse_args(ctx, args)


snapshot_app = typer.Typer(
    cls=_SnapshotGroup,
    rich_markup_mode=HELP_MARKUP,
    no_args_is_help=True,
    help="Record market data into a snapshot file (verifier snapshot TICKER... --start --end --out), "
    "or import a daily price CSV (verifier snapshot import-csv TICKER FILE --out).",
)
app.add_typer(snapshot_app, name="snapshot")


def _save_snapshot(snap, out: Path) -> None:  # noqa: ANN001 - Snapshot, imported lazily
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        snap.save(out)
    except OSError as exc:
        raise fail(f"cannot write {out}: {exc.strerror}; choose another --out path")


@snapshot_app.command("record")
def snapshot_record(
    tickers: list[str] = typer.Argument(..., metavar="TICKER...", help="One or more symbols, e.g. AMZN MSFT."),
    start: str = typer.Option(..., "--start", help="First day of the window (YYYY-MM-DD)."),
    end: Optional[str] = typer.Option(None, "--end", help="Last day of the window (YYYY-MM-DD, default today)."),
    out: Path = typer.Option(..., "--out", "-o", help="Snapshot JSON file to write."),
    market: str = typer.Option("auto", "--market", help="auto (cache, then yfinance, then SEC EDGAR when VERIFIER_SEC_USER_AGENT is set), yfinance, edgar, or a snapshot .json to copy from."),
    description: Optional[str] = typer.Option(None, "--description", help="A note stored in the snapshot."),
) -> None:
    """Record prices, splits, analyst actions, events, profile and (with EDGAR) filed facts for TICKER... into a snapshot."""
    from .market import open_provider
    from .market.record import record_snapshot

    if market == "none":
        raise fail("--market none has no data to record; use auto, yfinance or a snapshot .json")
    recording = record_snapshot(tickers, start, end, provider=open_provider(market), description=description)
    _save_snapshot(recording.snapshot, out)
    for symbol, data in recording.snapshot.tickers.items():
        bars = len(data.prices.bars) if data.prices else 0
        typer.echo(
            f"{symbol}: {bars} bars, {len(data.analyst_actions)} analyst actions, {len(data.events)} events, "
            f"{len(data.facts)} company facts",
            err=True,
        )
    typer.echo(f"wrote {out}", err=True)
    for symbol, why in recording.failures.items():
        typer.echo(f"warning: {symbol} not recorded: {why}", err=True)
    if recording.failures:
        raise typer.Exit(3)


@snapshot_app.command("import-csv")
def snapshot_import_csv(
    ticker: str = typer.Argument(..., metavar="TICKER", help="The symbol the prices belong to."),
    file: Path = typer.Argument(..., metavar="FILE", help="Daily OHLCV CSV (Yahoo, Stooq or Kaggle columns)."),
    out: Path = typer.Option(..., "--out", "-o", help="Snapshot JSON file to write."),
    currency: str = typer.Option("USD", "--currency", help="ISO currency of the prices (default USD)."),
    split_adjusted: Optional[str] = typer.Option(
        None, "--split-adjusted", metavar="RATIO@DATE,...",
        help="Splits the file is adjusted for, to undo (e.g. 20@2022-06-06); Yahoo downloads are split-adjusted.",
    ),
    exchange: str = typer.Option("XNYS", "--exchange", help="Exchange calendar code of the listing (default XNYS)."),
    merge: bool = typer.Option(False, "--merge", help="Add the ticker to the snapshot already at --out."),
) -> None:
    """Turn a vendor's daily price CSV into a snapshot (prices kept or made as traded)."""
    from .market.csv_import import import_csv_snapshot
    from .market.snapshot import Snapshot

    into = Snapshot.load(out) if merge and out.exists() else None
    snap = import_csv_snapshot(ticker, file, currency=currency, split_adjusted=split_adjusted, exchange=exchange, into=into)
    _save_snapshot(snap, out)
    data = snap.tickers[ticker.strip().upper()]
    bars = data.prices.bars
    typer.echo(f"{data.ticker}: {len(bars)} bars {bars[0].date} to {bars[-1].date}; wrote {out}", err=True)


@app.command("eval")
def eval_command(
    corpus: Path = typer.Argument(..., metavar="CORPUS", help="A labelled corpus folder (fixtures/corpus) or a headlines CSV."),
    format: str = typer.Option("text", "--format", "-f", help="text or json."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the figures to FILE instead of stdout."),
    extractor: str = typer.Option("rules", "--extractor", help="rules (default, reproducible), llm or auto."),
    market: Optional[str] = typer.Option(None, "--market", help="Default: each article's own snapshot (or a headline's price file); else none or a snapshot .json for all."),
    split: str = typer.Option("all", "--split", help="all, dev or heldout (corpus folders only)."),
    details: bool = typer.Option(False, "--details", help="List every missed, extra and mis-judged claim and flag (text format)."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N articles or headlines."),
    labels: Optional[Path] = typer.Option(None, "--labels", help="Hand labels for a headlines CSV (e.g. fixtures/corpus/headlines/analyst_headlines.labels.json)."),
    model: Optional[str] = ModelOpt,
    base_url: Optional[str] = BaseUrlOpt,
) -> None:
    """Measure extraction, verdicts and flags against labelled articles; see fixtures/corpus/README.md."""
    if format not in ("text", "json"):
        raise fail(f"unknown --format {format!r}; use text or json")
    check_extractor(extractor)
    if split not in ("all", "dev", "heldout"):
        raise fail(f"unknown --split {split!r}; use all, dev or heldout")
    from .config import LLMSettings
    from .evaluate import evaluate_corpus

    settings = LLMSettings.resolve(model=model, base_url=base_url) if extractor != "rules" else None
    result = evaluate_corpus(corpus, extractor, market, split=split, llm_settings=settings, limit=limit, headline_labels=labels)
    emit(result.to_json() + "\n" if format == "json" else result.to_text(details=details), out)


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; anything but loopback needs --token."),
    port: int = typer.Option(8765, "--port", help="TCP port (0 picks a free one)."),
    market: str = MarketOpt,
    extractor: str = ExtractorOpt,
    token: Optional[str] = typer.Option(
        None, "--token", help="Require 'Authorization: Bearer TOKEN' on every request (env VERIFIER_SERVE_TOKEN)."
    ),
    max_bytes: int = typer.Option(2 * 1024 * 1024, "--max-bytes", help="Largest request body accepted (default 2 MiB)."),
    timeout: float = typer.Option(120.0, "--timeout", help="Seconds one check may take before it is answered 504."),
    jobs: int = typer.Option(4, "--jobs", "-j", min=1, max=64, help="Checks run at the same time (worker threads)."),
    model: Optional[str] = ModelOpt,
    base_url: Optional[str] = BaseUrlOpt,
    api_key_env: Optional[str] = ApiKeyEnvOpt,
    llm_mode: Optional[str] = LlmModeOpt,
    no_log: bool = typer.Option(False, "--no-log", help="Do not store runs in the history (the API still answers)."),
) -> None:
    """Serve the web page for editors and the HTTP API (POST /api/v1/check) on a loopback port."""
    check_extractor(extractor)
    from .config import LLMSettings
    from .serve import ServeSettings, run_server

    settings = LLMSettings.resolve(model=model, base_url=base_url, api_key_env=api_key_env, mode=llm_mode)
    serve_settings = ServeSettings(
        host=host, port=port, market=market, extractor=extractor, llm_settings=settings, token=token,
        max_bytes=max_bytes, timeout=timeout, jobs=jobs, log_runs=not no_log,
    )
    try:
        run_server(serve_settings)
    except KeyboardInterrupt:
        pass


def _command_named(args: list[str]) -> tuple[list, list]:
    """The registered command (or group) ``args`` starts with, as typer's two lists; both empty for none.

    typer turns every registered command into a click command on every run (~7 ms: it reads each
    command function's signature and type hints), though a run invokes one. When the first argument
    names a command, only that one is built: its parsing, help and errors are the same, since no
    other command takes part in them. Anything else (no argument, an option first, an unknown
    name) builds them all, so the root's help, ``--version`` and "No such command" are as before.
    """
    if not args or args[0].startswith("-"):
        return [], []
    try:
        from typer.main import get_command_name
    except ImportError:  # pragma: no cover - a typer without it: build every command, as typer does
        return [], []

    name = args[0]
    commands = [c for c in app.registered_commands if (c.name or get_command_name(c.callback.__name__)) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return [], []
    return commands, groups


def main() -> None:
    """Entry point. click handles usage errors (exit 2); domain errors become one line and their exit code."""
    commands, groups = _command_named(sys.argv[1:])
    if commands or groups:  # build only the command asked for; restored after the run (tests call main() again)
        every = app.registered_commands, app.registered_groups
        app.registered_commands, app.registered_groups = commands, groups
        try:
            _main()
        finally:
            app.registered_commands, app.registered_groups = every
        return
    _main()


def _main() -> None:
    from .errors import VerifierError

    try:  # the click typer runs on: its own vendored copy in recent releases
        from typer._click import exceptions as click_errors
    except ImportError:  # pragma: no cover - older typer on the real click
        from click import exceptions as click_errors

    try:
        result = app(standalone_mode=False)
        if isinstance(result, int) and result:
            sys.exit(result)
    except typer.Exit as exc:  # --help, --version, typer.Exit(code)
        sys.exit(exc.exit_code)
    except typer.Abort:
        typer.echo("aborted", err=True)
        sys.exit(130)
    except click_errors.UsageError as exc:
        if isinstance(exc, getattr(click_errors, "NoArgsIsHelpError", ())):  # bare 'verifier': help on stdout, exit 2
            sys.stdout.write(exc.format_message().rstrip("\n") + "\n")
            sys.exit(exc.exit_code)
        message = exc.format_message()
        if message:  # one line, as every other error: what was wrong and where to look
            command = exc.ctx.command_path if exc.ctx is not None else "verifier"
            typer.echo(f"error: {message.rstrip('.')}; see '{command} --help'", err=True)
        sys.exit(exc.exit_code)  # an empty message: the help was shown (no arguments given)
    except click_errors.ClickException as exc:
        typer.echo(f"error: {exc.format_message()}", err=True)
        sys.exit(exc.exit_code)
    except VerifierError as exc:
        if os.environ.get("VERIFIER_DEBUG"):
            raise
        typer.echo(f"error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the unexpected still gets one line, not a traceback
        if os.environ.get("VERIFIER_DEBUG"):
            raise
        typer.echo(
            f"error: internal error ({type(exc).__name__}: {exc}); rerun with VERIFIER_DEBUG=1 and report the traceback",
            err=True,
        )
        sys.exit(4)


if __name__ == "__main__":  # pragma: no cover
    main()
