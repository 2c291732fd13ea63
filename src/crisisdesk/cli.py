"""The crisisdesk command line.

Heavy modules (spaCy, the gazetteer, SQLAlchemy) are imported inside the commands so that
``crisisdesk --help`` answers at once.

Exit status: 0 when every input went through, 1 when some inputs failed (the rest were still
processed), 2 for a usage error.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from crisisdesk.model import Extraction, IngestError

app = typer.Typer(
    help="crisisdesk: read news reports about a humanitarian crisis and write a sourced situation report.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_PARTIAL = 1


@app.callback()
def _options(
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose",
            "-v",
            count=True,
            help="Log what crisisdesk does on stderr: -v steps, -vv details and the traceback of every failed input.",
        ),
    ] = 0,
) -> None:
    """crisisdesk: read news reports about a humanitarian crisis and write a sourced situation report."""
    if verbose:
        _log_to_stderr(logging.DEBUG if verbose > 1 else logging.INFO)


def _log_to_stderr(level: int) -> None:
    """The ``crisisdesk`` logger's records on the current stderr from ``level`` up; a handler an
    earlier call added (a test invoking the app twice) is replaced, not doubled."""
    logger = logging.getLogger("crisisdesk")
    for old in [h for h in logger.handlers if h.get_name() == _CLI_HANDLER]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_CLI_HANDLER)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)


_CLI_HANDLER = "crisisdesk-cli"

Sources = Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin (.txt, .md, .jsonl, .csv, .html, .pdf).")]
ThoroughOption = Annotated[
    bool,
    typer.Option(
        "--thorough", help="Run every model over every sentence, not only where figures can be (finds more places; several times slower)."
    ),
]
EngineOption = Annotated[
    str,
    typer.Option(
        "--engine",
        help="Where extraction runs: local (this machine's processes) or ray (Ray Data on a Ray cluster; needs crisisdesk[ray]).",
    ),
]
DbOption = Annotated[
    str | None, typer.Option("--db", help="Database URL or SQLite file (default: $CRISISDESK_DB, else ./crisisdesk.sqlite).")
]
OutOption = Annotated[Path, typer.Option("--out", help="Folder for the report files.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


EXIT_FAILED = 2


@contextlib.contextmanager
def _one_line_errors(db: str | None = None) -> Iterator[None]:
    """A database that cannot be used or a file that cannot be read or written ends the command
    with one line on stderr (exit status 2), not a traceback (which -vv logs)."""
    try:
        yield
    except typer.Exit:
        raise
    except Exception as error:
        message = _failure_message(error, db)
        if message is None:
            raise
        logging.getLogger("crisisdesk").debug("failed", exc_info=error)
        _err(f"error: {message}")
        raise typer.Exit(EXIT_FAILED) from None


def _failure_message(error: Exception, db: str | None) -> str | None:
    """What went wrong, in one line, for the errors a user causes; None for a bug."""
    from sqlalchemy.exc import ArgumentError, SQLAlchemyError

    if isinstance(error, (ArgumentError, SQLAlchemyError)):
        from crisisdesk.store import resolve_db_url

        cause = getattr(error, "orig", None) or error
        return f"database {_without_password(resolve_db_url(db))}: {_first_line(cause)}"
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 ({error.reason} at byte {error.start})"
    if isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    return None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _without_password(url: str) -> str:
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _show_progress(json_output: bool) -> bool:
    """A progress bar only for a person at a terminal; pipes and --json stay quiet."""
    return not json_output and sys.stderr.isatty()


def _errors_shown(items: Iterable[Extraction | IngestError], shown: list | None = None) -> Iterator[Extraction | IngestError]:
    """``items`` as they are, each failure also printed on stderr (file and reason) as it comes
    (and added to ``shown``)."""
    from crisisdesk.model import IngestError

    for item in items:
        if isinstance(item, IngestError):
            _err(f"error: {item.origin}: {item.reason}")
            if shown is not None:
                shown.append(item)
        yield item


def _extracted(sources: list[str], *, progress: bool, thorough: bool, engine: str = "local") -> Iterable[Extraction | IngestError]:
    """:func:`crisisdesk.api.extract` over ``sources``, with a progress bar when ``progress``."""
    from crisisdesk import api
    from crisisdesk.ingest import count_inputs

    results: Iterable = api.extract(sources, thorough=thorough, engine=engine)
    return _with_progress(results, total=count_inputs(sources)) if progress else results


def _with_progress(items: Iterable, total: int | None) -> Iterator:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("[bold]reading articles"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as bar:
        task = bar.add_task("articles", total=total)
        for item in items:
            yield item
            bar.advance(task)


@app.command()
def extract(sources: Sources, thorough: ThoroughOption = False) -> None:
    """Read articles and print one JSON object per article (the extract contract); no database."""
    from crisisdesk.export.extract_json import extraction_line
    from crisisdesk.model import IngestError

    failed = False
    for item in _errors_shown(_extracted(sources, progress=_show_progress(True), thorough=thorough)):
        if isinstance(item, IngestError):
            failed = True
        else:
            sys.stdout.write(extraction_line(item) + "\n")
    if failed:
        raise typer.Exit(EXIT_PARTIAL)


def _ingest(sources: list[str], db: str | None, *, json_output: bool, thorough: bool = False, engine: str = "local") -> dict:
    from crisisdesk import api

    if engine not in ("local", "ray"):
        _err(f"unknown engine {engine!r}: local or ray")
        raise typer.Exit(2)
    shown: list = []
    with _one_line_errors(db):
        summary = api.ingest(
            _errors_shown(_extracted(sources, progress=_show_progress(json_output), thorough=thorough, engine=engine), shown), db
        )
    for error in summary.failed:  # those the store refused, not shown as they came
        if not any(error is seen for seen in shown):
            _err(f"error: {error.origin}: {error.reason}")
    for language, count in sorted(summary.unsupported_languages.items()):
        _err(f"note: {api.unsupported_language_note(language, count)}")
    return summary.as_dict()


def _print_ingest_summary(summary: dict) -> None:
    failed = len(summary["failed"])
    unsupported = sum(summary["unsupported_languages"].values())
    line = f"{summary['articles_new']} new article(s), {summary['articles_already_stored']} already stored"
    line += f", {unsupported} in a language without extraction rules" if unsupported else ""
    _err(line + (f", {failed} input(s) failed" if failed else "") + f" → {summary['database']}")


@app.command()
def ingest(
    sources: Sources, db: DbOption = None, json_output: JsonOption = False, thorough: ThoroughOption = False, engine: EngineOption = "local"
) -> None:
    """Read articles, extract their facts and store them (the same article is stored once)."""
    summary = _ingest(sources, db, json_output=json_output, thorough=thorough, engine=engine)
    if json_output:
        typer.echo(json.dumps(summary, ensure_ascii=False))
    else:
        _print_ingest_summary(summary)
    if summary["failed"]:
        raise typer.Exit(EXIT_PARTIAL)


def _report(db: str | None, out: Path, story: str | None = None, every_fact: bool = False) -> dict[str, str]:
    from crisisdesk import api

    try:
        with _one_line_errors(db):
            paths = api.report(db, out, story=story, every_fact=every_fact)
    except LookupError as error:  # no such story: the message lists the stories there are
        _err(str(error))
        raise typer.Exit(2) from error
    return {kind: str(path.resolve()) for kind, path in paths.items()}


StoryOption = Annotated[
    str | None, typer.Option("--story", help="Only this story: its id or a part of its label (see `crisisdesk stories`).")
]


EveryFactOption = Annotated[
    bool,
    typer.Option(
        "--every-fact",
        help="Reconcile and put on the timeline the facts that are not about a crisis too (a road toll, a house fire), "
        "marked; by default they are only listed among all the figures.",
    ),
]


@app.command()
def report(
    db: DbOption = None,
    out: OutOption = Path("report"),
    json_output: JsonOption = False,
    story: StoryOption = None,
    every_fact: EveryFactOption = False,
) -> None:
    """Write the situation report (Markdown, self-contained HTML and JSON) from the store."""
    paths = _report(db, out, story, every_fact)
    typer.echo(json.dumps(paths) if json_output else "\n".join(f"{kind}: {path}" for kind, path in paths.items()))


@app.command()
def run(
    sources: Sources,
    db: DbOption = None,
    out: OutOption = Path("report"),
    json_output: JsonOption = False,
    thorough: ThoroughOption = False,
    every_fact: EveryFactOption = False,
) -> None:
    """Ingest the sources, then write the situation report: the whole job in one command."""
    summary = _ingest(sources, db, json_output=json_output, thorough=thorough)
    summary["report"] = _report(db, out, every_fact=every_fact)
    if json_output:
        typer.echo(json.dumps(summary, ensure_ascii=False))
    else:
        _print_ingest_summary(summary)
        typer.echo("\n".join(f"report ({kind}): {path}" for kind, path in summary["report"].items()))
    if summary["failed"]:
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def timeline(db: DbOption = None, json_output: JsonOption = False) -> None:
    """The events of every stored article on one timeline: the same event told by several reports
    merged, ordered by when it happened, with its sources; then the articles whose dates do not add up."""
    from crisisdesk import api
    from crisisdesk.report.json_report import timeline_json

    with _one_line_errors(db):
        entries, flags = api.timeline(db)
    if json_output:
        typer.echo(json.dumps(timeline_json(entries, flags), ensure_ascii=False))
        return
    _print_timeline(entries, flags)


#: Characters of the evidence sentence the terminal timeline shows either side of the event's
#: words: a row stays a few lines at the Evidence column's width, the words themselves always shown.
TIMELINE_QUOTE_CONTEXT = 60


def _print_timeline(entries, flags) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from crisisdesk.report.render import STATUS_LABELS

    console = Console()
    table = Table(title="Timeline", show_lines=True, expand=True)
    # Shares of the width: short columns narrow, the most to the evidence, then the sources.
    for column, ratio in (("When", 2), ("Event", 2), ("Who", 2), ("Where", 2), ("As reported", 3), ("Evidence", 5)):
        table.add_column(column, overflow="fold", ratio=ratio)
    for entry in entries:  # article words are text, never Rich markup ("[link=...]")
        reported = "\n".join(
            f"{STATUS_LABELS[status]}: {'; '.join(s.short_citation for s in dict.fromkeys(sources))}"
            for status, sources in entry.statuses.items()
        )
        cells = (entry.date_label, entry.label, "; ".join(entry.actors), "; ".join(entry.places), reported)
        table.add_row(*(escape(cell) for cell in cells), evidence_line(entry.evidence))
    console.print(table)
    for flag in flags:
        console.print(
            f"[bold red]Flagged[/]: {escape(flag.source.citation)}: its publication date does not fit the events it narrates as current."
        )
        for reason in flag.reasons:
            console.print(f"  - {reason}", markup=False)


def evidence_line(telling, context: int = TIMELINE_QUOTE_CONTEXT):
    """The evidence sentence cut to ``context`` characters either side of the event's words (cut
    at white space, "…" where cut), the words in bold (its source is in the row's "As reported")."""
    from rich.text import Text

    from crisisdesk.analysis.timeline import quote

    piece = quote(telling, context)
    line = Text(piece)
    at = piece.find(telling.event.text)
    if at >= 0:
        line.stylize("bold", at, at + len(telling.event.text))
    return line


@app.command()
def stories(db: DbOption = None, json_output: JsonOption = False) -> None:
    """The stored articles grouped into stories (the crisis each reports), with their period, and
    syndicated copies and translations of one report counted once."""
    from crisisdesk import api
    from crisisdesk.analysis.stories import stories_json

    with _one_line_errors(db):
        found = api.stories(db)
    if json_output:
        typer.echo(json.dumps(stories_json(found), ensure_ascii=False))
        return
    _print_stories(found)


def _print_stories(found) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"Stories ({len(found)})", show_lines=True)
    for column in ("Story", "Period", "Reports", "Articles", "Copies and translations"):
        table.add_column(column, overflow="fold")
    for story in found:  # titles and ids are text, never Rich markup
        groups = "\n".join(f"{' = '.join(g.articles)} ({', '.join(g.kinds)})" for g in story.duplicates)
        cells = (story.label, story.period_label, str(story.reports), "\n".join(story.articles), groups or "none")
        table.add_row(*(escape(cell) for cell in cells))
    Console().print(table)


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on (only this machine by default).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port")] = 8000,
    token: Annotated[
        str | None,
        typer.Option("--token", help="Token other machines' writes need (default: $CRISISDESK_TOKEN, else one is made and printed)."),
    ] = None,
) -> None:
    """The analyst's workspace in the browser: crises, figures, evidence, corrections, exports and a JSON API under /api."""
    from crisisdesk.store import resolve_db_url
    from crisisdesk.web.server import serve as serve_workspace

    serve_workspace(resolve_db_url(db), host=host, port=port, token=token, say=_err)


@app.command()
def export(
    format: Annotated[
        str, typer.Option("--format", help="hxl | csv (figures), xlsx (a sheet per fact type), geojson (places), jsonl (everything).")
    ],
    db: DbOption = None,
    story: StoryOption = None,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (default: stdout).")] = None,
) -> None:
    """Export the store's facts, as the analysts corrected them, for other tools."""
    from crisisdesk.export.formats import FORMATS, export_bytes
    from crisisdesk.export.records import export_data
    from crisisdesk.store import Store, resolve_db_url

    if format not in FORMATS:
        _err(f"unknown format {format!r}; one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    try:
        data = export_bytes(export_data(Store(resolve_db_url(db)), story), format)
    except LookupError as error:
        _err(str(error))
        raise typer.Exit(2) from None
    if out is not None:
        out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)


eval_app = typer.Typer(help="Measure accuracy on the public gold sets in ../shared/eval.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")


def _scores_written(scores: dict, out: Path | None, json_output: bool) -> bool:
    """Write eval scores to ``out`` when asked; True when they went to stdout as JSON (no table)."""
    if out is not None:
        out.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    if json_output:
        typer.echo(json.dumps(scores))
    return json_output


@eval_app.command("figures")
def eval_figures(
    gold: Annotated[
        Path | None,
        typer.Option(
            "--gold", exists=True, dir_okay=False, help="IDETECT-style CSV (excerpt_id, excerpt, quantity, term, unit, location, country)."
        ),
    ] = None,
    docs: Annotated[
        Path | None,
        typer.Option(
            "--docs",
            exists=True,
            dir_okay=False,
            help="Whole documents labelled with every humanitarian figure (JSONL), e.g. tests/data/figures_docs/labelled.jsonl.",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[
        int, typer.Option("--errors", help="With --docs: also list up to N missed, spurious and mislabelled figures of the tuning part.")
    ] = 0,
    json_output: JsonOption = False,
) -> None:
    """Is each gold figure extracted (same quantity), and with the right term, unit, country, location? By tuning and checking part."""
    if (gold is None) == (docs is None):
        _err("error: give either --gold (IDETECT-style CSV) or --docs (labelled documents)")
        raise typer.Exit(2)
    if docs is not None:
        _eval_figure_docs(docs, out, errors, json_output)
        return
    from crisisdesk.eval.figures import evaluate_figures

    scores = evaluate_figures(gold).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    parts = scores["parts"]
    table = Table(
        title=f"figures on {gold.name} ({scores['excerpts']} excerpts: {parts['tuning']['excerpts']} tuning, {parts['checking']['excerpts']} checking)"
    )
    for column in ("measure", "all", "tuning", "checking"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    for name in ("quantity", "term", "unit", "country", "location", "country_of_all", "location_of_all", "figures_per_excerpt"):
        table.add_row(name, *(f"{part[name]:.3f}" for part in (scores, parts["tuning"], parts["checking"])))
    Console().print(table)


def _eval_figure_docs(docs: Path, out: Path | None, errors: int, json_output: bool) -> None:
    from crisisdesk.eval.figures import evaluate_figure_docs

    scores = evaluate_figure_docs(docs).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    parts = [("all", scores["overall"]), *scores["parts"].items()]
    table = Table(title=f"every humanitarian figure in {docs.name} ({scores['overall']['documents']} documents)")
    table.add_column("measure")
    for name, _ in parts:
        table.add_column(name, justify="right")
    table.add_row("documents", *(str(p["documents"]) for _, p in parts))
    table.add_row("gold / found / paired", *(f"{p['gold']} / {p['found']} / {p['paired']}" for _, p in parts))
    for name in ("precision", "recall", "f1", "term", "unit", "place", "date", "place_of_all", "date_of_all"):
        table.add_row(name.replace("_", " "), *(f"{p[name]:.3f}" if p["documents"] else "—" for _, p in parts))
    table.add_row("found in documents without a figure", *(str(p["found_in_negatives"]) for _, p in parts))
    # Relevance: only figures marked about a crisis make a report's headlines.
    table.add_row("marked crisis: found / paired", *(f"{p['crisis_found']} / {p['crisis_paired']}" for _, p in parts))
    for name in ("crisis_precision", "crisis_recall"):
        table.add_row(name.replace("_", " "), *(f"{p[name]:.3f}" if p["documents"] else "—" for _, p in parts))
    table.add_row("marked crisis in documents without a figure", *(str(p["crisis_in_negatives"]) for _, p in parts))
    console = Console()
    console.print(table)
    if errors:
        listing = Table(title="errors on the tuning part")
        for column in ("doc", "error", "gold", "found"):
            listing.add_column(column)
        for row in scores["parts"]["tuning"]["errors"][:errors]:
            listing.add_row(row["doc"], row["error"], row["gold"], row["found"])
        console.print(listing)


@eval_app.command("quantities")
def eval_quantities(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            exists=True,
            file_okay=False,
            help="HumSet-style folder with text/<id>.txt and gold/<id>.txt.json (ISI quantities), e.g. ../shared/eval/humset.",
        ),
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also list up to N quantity errors of the tuning part.")] = 0,
    json_output: JsonOption = False,
) -> None:
    """ISI-style quantities and units: pairs on the same text, then overlapping spans; micro P/R/F1, by tuning and checking part."""
    from crisisdesk.eval.quantities import evaluate_quantities

    scores = evaluate_quantities(gold, max_errors=max(errors, 0)).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    parts = [("all", scores["overall"]), *scores["parts"].items(), ("all, number only", scores["number_only"])]
    table = Table(title=f"quantities on {gold.name} ({scores['overall']['excerpts']} excerpts)")
    table.add_column("measure")
    for name, _ in parts:
        table.add_column(name, justify="right")
    table.add_row("excerpts", *(str(p["excerpts"]) for _, p in parts))
    table.add_row("gold / found / paired", *(f"{p['gold']} / {p['predicted']} / {p['paired']}" for _, p in parts))
    for field in ("quantity", "unit"):
        for measure in ("precision", "recall", "f1"):
            table.add_row(f"{field} {measure}", *(f"{p[f'{field}_{measure}']:.3f}" for _, p in parts))
    console = Console()
    console.print(table)
    if errors:
        listing = Table(title="quantity errors on the tuning part (quantity | unit)")
        for column in ("excerpt", "gold", "found"):
            listing.add_column(column)
        for row in scores["errors"][:errors]:
            listing.add_row(row["id"], row["gold"], row["found"])
        console.print(listing)


@eval_app.command("places")
def eval_places(
    gold: Annotated[
        Path, typer.Option("--gold", exists=True, dir_okay=False, help="GeoWebNews XML (articles with typed toponyms and GeoNames ids).")
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    thorough: ThoroughOption = False,
    json_output: JsonOption = False,
) -> None:
    """Recognition P/R/F1 of place names, and resolution of the gold spans (within 161 km, exact GeoNames id, median km)."""
    from crisisdesk.eval.places import evaluate_places

    scores = evaluate_places(gold, thorough=thorough).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    rec = scores["recognition"]
    table = Table(title=f"places on {gold.name} ({scores['articles']} articles)")
    table.add_column("measure")
    table.add_column("score", justify="right")
    for mode in ("exact", "relaxed"):
        for name in ("precision", "recall", "f1"):
            table.add_row(f"recognition {name} ({mode} span)", f"{rec[f'{mode}_{name}']:.3f}")
    table.add_row(f"resolution within 161 km ({scores['resolution_spans']} gold spans)", f"{scores['within_161km']:.3f}")
    table.add_row("  (on the gazetteer's own points)", f"{scores['within_161km_by_points']:.3f}")
    table.add_row("resolution exact GeoNames id", f"{scores['exact_id']:.3f}")
    table.add_row("median error (km)", f"{scores['median_error_km']:.1f}")
    table.add_row("unresolved gold spans", str(scores["unresolved"]))
    table.add_row("ceiling: best reading within 161 km", f"{scores['ceiling_within_161km']:.3f}")
    table.add_row("ceiling: best reading's exact GeoNames id", f"{scores['ceiling_exact_id']:.3f}")
    for part, got in scores["parts"].items():
        table.add_row(
            f"{part} part ({got['articles']} articles): recognition F1 (exact), within 161 km",
            f"{got['recognition']['exact_f1']:.3f}, {got['within_161km']:.3f}",
        )
    Console().print(table)


@eval_app.command("times")
def eval_times(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold", exists=True, file_okay=False, help="Folder of TimeML .tml files (searched recursively), e.g. ../shared/eval/timebank."
        ),
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[
        int, typer.Option("--errors", help="Also show the N most frequent errors of each kind (missed, spurious, type, value).")
    ] = 0,
    json_output: JsonOption = False,
) -> None:
    """TempEval-3 Task A: strict and relaxed span P/R/F1, type and value accuracy, value F1 of the time tagger."""
    from crisisdesk.eval.times import evaluate_times

    scores = evaluate_times(gold, top_errors=errors).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    parts = [("overall", scores["overall"]), *scores["by_corpus"].items()]
    table = Table(title=f"times on {gold.name} ({scores['documents']} documents, {scores['seconds']:.0f} s)")
    table.add_column("measure")
    for name, _ in parts:
        table.add_column(name, justify="right")
    table.add_row("gold / found", *(f"{p['gold']} / {p['found']}" for _, p in parts))
    for mode in ("strict", "relaxed"):
        for measure in ("precision", "recall", "f1"):
            table.add_row(f"{mode} {measure}", *(f"{100 * p[f'{mode}_{measure}']:.2f}" for _, p in parts))
    for measure in ("type_accuracy", "value_accuracy", "type_f1", "value_f1"):
        table.add_row(measure.replace("_", " "), *(f"{100 * p[measure]:.2f}" for _, p in parts))
    console.print(table)
    for kind, rows in scores["errors"].items():
        listing = Table(title=f"most frequent {kind} errors (digits shown as 9)")
        listing.add_column("n", justify="right")
        listing.add_column("gold")
        listing.add_column("found")
        for row in rows:
            listing.add_row(str(row["times"]), row["gold"], row["found"])
        console.print(listing)


@eval_app.command("conditions")
def eval_conditions(
    gold: Annotated[
        Path,
        typer.Option("--gold", exists=True, dir_okay=False, help="Labelled sentences (JSONL), e.g. tests/data/conditions/labelled.jsonl."),
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also list up to N missed and spurious conditions.")] = 0,
    json_output: JsonOption = False,
) -> None:
    """Conditions, needs and access: precision, recall and F1 per DEEP pillar and sector (spans overlap, same pillar)."""
    from crisisdesk.eval.conditions import evaluate_conditions

    scores = evaluate_conditions(gold).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    title = f"conditions on {gold.name} ({scores['sentences']} sentences, {scores['negatives']} without a condition: {scores['found_in_negatives']} found there)"
    for heading, parts in (
        ("pillar", [("overall", scores["overall"]), *scores["by_pillar"].items()]),
        ("sector", list(scores["by_sector"].items())),
    ):
        table = Table(title=title if heading == "pillar" else None)
        for column in (heading, "gold", "found", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == heading else "right")
        for name, p in parts:
            table.add_row(
                name, str(p["gold"]), str(p["found"]), f"{100 * p['precision']:.1f}", f"{100 * p['recall']:.1f}", f"{100 * p['f1']:.1f}"
            )
        console.print(table)
    if errors:
        listing = Table(title="missed and spurious conditions")
        for column in ("error", "pillar", "words", "sentence"):
            listing.add_column(column)
        for row in scores["errors"][:errors]:
            listing.add_row(row["error"], row["pillar"], row["text"], row["sentence"])
        console.print(listing)


@eval_app.command("sectors")
def eval_sectors(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            exists=True,
            dir_okay=False,
            help="DEEP sectors of excerpts (JSONL {id, sectors}, texts in text/<id>.txt beside it), e.g. ../shared/eval/humset/sectors.jsonl.",
        ),
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also list up to N wrong excerpts of the tuning part.")] = 0,
    json_output: JsonOption = False,
) -> None:
    """DEEP sectors of excerpts: per-sector and macro P/R/F1 per excerpt, tuning and checking parts."""
    from crisisdesk.eval.sectors import evaluate_sectors

    scores = evaluate_sectors(gold)
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for reading, by_part in scores["readings"].items():
        table = Table(title=f"sectors on {gold.name}, {reading} reading ({scores['seconds']:.0f} s): F1 (P / R)")
        table.add_column("sector")
        for part, p in by_part.items():
            table.add_column(f"{part} ({p['excerpts']})", justify="right")
        rows = [("macro", [p["macro"] for p in by_part.values()]), ("micro", [p["micro"] for p in by_part.values()])]
        rows += [(sector, [p["by_sector"][sector] for p in by_part.values()]) for sector in next(iter(by_part.values()))["by_sector"]]
        for name, cells in rows:
            table.add_row(name, *(f"{100 * c['f1']:.1f} ({100 * c['precision']:.0f} / {100 * c['recall']:.0f})" for c in cells))
        console.print(table)
    if errors:
        listing = Table(title="tuning excerpts with wrong sectors (article reading)")
        for column in ("id", "missed", "spurious"):
            listing.add_column(column)
        for row in scores["tuning_errors"][:errors]:
            listing.add_row(row["id"], ", ".join(row["missed"]), ", ".join(row["spurious"]))
        console.print(listing)


@eval_app.command("events")
def eval_events(
    gold: Annotated[
        Path,
        typer.Option(
            "--gold", exists=True, dir_okay=False, help="Labelled event sentences (JSONL), e.g. tests/data/events/sentences.jsonl."
        ),
    ],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also list up to N wrong sentences of the tuning part.")] = 0,
    json_output: JsonOption = False,
) -> None:
    """Events per sentence: per-type and micro P/R/F1 and status accuracy, tuning and checking parts."""
    from crisisdesk.eval.events import evaluate_events

    scores = evaluate_events(gold)
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    parts = scores["parts"]
    table = Table(title=f"events on {gold.name} ({scores['seconds']:.0f} s): F1 (P / R), status accuracy")
    table.add_column("type")
    for part, p in parts.items():
        table.add_column(f"{part} ({p['sentences']})", justify="right")
    kinds = sorted({k for p in parts.values() for k in p["by_type"]})
    for name in ["micro", *kinds]:
        cells = [p["micro"] if name == "micro" else p["by_type"].get(name) for p in parts.values()]
        table.add_row(
            name,
            *(
                f"{100 * c['f1']:.1f} ({100 * c['precision']:.0f} / {100 * c['recall']:.0f}) {100 * c['status_accuracy']:.0f}" if c else "-"
                for c in cells
            ),
        )
    console.print(table)
    if errors:
        listing = Table(title="wrong sentences of the tuning part")
        for column in ("gold", "found", "sentence"):
            listing.add_column(column)
        for row in scores["tuning_errors"][:errors]:
            listing.add_row(json.dumps(row["gold"]), json.dumps(row["found"]), row["sentence"])
        console.print(listing)


@eval_app.command("stories")
def eval_stories(
    gold: Annotated[
        Path,
        typer.Option("--gold", exists=True, file_okay=False, help="Folder with articles.jsonl and incidents.csv, e.g. ../shared/eval/gva."),
    ],
    db: Annotated[
        str | None, typer.Option("--db", help="Keep the extractions in this store (re-used when it holds them); default: a temporary one.")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also list up to N incidents of the tuning part with wrong counts.")] = 0,
    json_output: JsonOption = False,
) -> None:
    """Stories against incidents (B-cubed P/R/F1, adjusted Rand) and reconciled killed/injured per incident, on the tuning and checking parts."""
    from crisisdesk.eval.stories import evaluate_stories

    scores = evaluate_stories(gold, db).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    parts = scores["parts"]
    table = Table(title=f"stories on {gold.name} ({scores['articles']} articles, {scores['stories']} stories)")
    table.add_column("measure")
    for name in parts:
        table.add_column(name, justify="right")
    table.add_row("incidents / articles / stories", *(f"{p['incidents']} / {p['articles']} / {p['stories']}" for p in parts.values()))
    for name in (
        "bcubed_precision",
        "bcubed_recall",
        "bcubed_f1",
        "adjusted_rand",
        "killed_accuracy",
        "killed_mae",
        "injured_accuracy",
        "injured_mae",
        "zero_baseline_killed",
        "zero_baseline_injured",
    ):
        table.add_row(name.replace("_", " "), *(f"{p[name]:.3f}" for p in parts.values()))
    console = Console()
    console.print(table)
    for row in parts["tuning"]["errors"][:errors]:
        console.print(f"incident {row['incident']}: gold killed/injured {row['gold']}, found {row['found']}")


@app.command()
def geocode(
    requests: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help='JSONL: {"id", "text", "spans": [[start, end], ...]} a line.')
    ],
) -> None:
    """Resolve exactly the given toponym spans: one JSON line a request, {"id", "places": [...]} in span order."""
    from crisisdesk import api
    from crisisdesk.export.extract_json import place_json
    from crisisdesk.ingest.readers import SpanRequest, read_span_requests

    with _one_line_errors():
        try:
            text = requests.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            _err(f"error: {requests}: not UTF-8 ({error.reason} at byte {error.start})")
            raise typer.Exit(EXIT_FAILED) from None
    items = list(read_span_requests(text, str(requests)))
    good = [item for item in items if isinstance(item, SpanRequest)]
    for item in items:
        if not isinstance(item, SpanRequest):
            _err(f"{item.origin}: {item.reason}")
    for request, mentions in zip(good, api.geocode([(r.text, r.spans) for r in good])):
        sys.stdout.write(json.dumps({"id": request.id, "places": [place_json(m) for m in mentions]}, ensure_ascii=False) + "\n")
    if len(good) < len(items):
        raise typer.Exit(EXIT_PARTIAL)


@app.command()
def setup(force: Annotated[bool, typer.Option("--force", help="Rebuild even if the cache is current.")] = False) -> None:
    """Prepare the offline data: build the gazetteer cache from the installed packages if needed."""
    from crisisdesk import api

    typer.echo(f"gazetteer: {api.setup(force)}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
