"""The crisisdesk command line.

Heavy modules (spaCy, the gazetteer, SQLAlchemy) are imported inside the commands so that
``crisisdesk --help`` answers at once.

Exit status: 0 when every input went through, 1 when some inputs failed (the rest were still
processed), 2 for a usage error.
"""

from __future__ import annotations

import json
import logging
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
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="Log what crisisdesk does on stderr: -v steps, -vv details and the traceback of every failed input.")] = 0,
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

Sources = Annotated[list[str], typer.Argument(help="Files, folders, or - for stdin (.txt, .md, .jsonl, .csv, .html).")]
ThoroughOption = Annotated[
    bool,
    typer.Option("--thorough", help="Run every model over every sentence, not only where figures can be (finds more places; several times slower)."),
]
EngineOption = Annotated[
    str, typer.Option("--engine", help="Where extraction runs: local (this machine's processes) or ray (Ray Data on a Ray cluster; needs crisisdesk[ray]).")
]
DbOption = Annotated[
    str | None, typer.Option("--db", help="Database URL or SQLite file (default: $CRISISDESK_DB, else ./crisisdesk.sqlite).")
]
OutOption = Annotated[Path, typer.Option("--out", help="Folder for the report files.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _show_progress(json_output: bool) -> bool:
    """A progress bar only for a person at a terminal; pipes and --json stay quiet."""
    return not json_output and sys.stderr.isatty()


def _errors_shown(items: Iterable[Extraction | IngestError]) -> Iterator[Extraction | IngestError]:
    """``items`` as they are, each failure also printed on stderr (file and reason) as it comes."""
    from crisisdesk.model import IngestError

    for item in items:
        if isinstance(item, IngestError):
            _err(f"error: {item.origin}: {item.reason}")
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
    return api.ingest(_errors_shown(_extracted(sources, progress=_show_progress(json_output), thorough=thorough, engine=engine)), db).as_dict()


def _print_ingest_summary(summary: dict) -> None:
    failed = len(summary["failed"])
    line = f"{summary['articles_new']} new article(s), {summary['articles_already_stored']} already stored"
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


def _report(db: str | None, out: Path, story: str | None = None) -> dict[str, str]:
    from crisisdesk import api

    try:
        paths = api.report(db, out, story=story)
    except LookupError as error:  # no such story: the message lists the stories there are
        _err(str(error))
        raise typer.Exit(2) from error
    return {kind: str(path.resolve()) for kind, path in paths.items()}


StoryOption = Annotated[
    str | None, typer.Option("--story", help="Only this story: its id or a part of its label (see `crisisdesk stories`).")
]


@app.command()
def report(db: DbOption = None, out: OutOption = Path("report"), json_output: JsonOption = False, story: StoryOption = None) -> None:
    """Write the situation report (Markdown, self-contained HTML and JSON) from the store."""
    paths = _report(db, out, story)
    typer.echo(json.dumps(paths) if json_output else "\n".join(f"{kind}: {path}" for kind, path in paths.items()))


@app.command()
def run(
    sources: Sources,
    db: DbOption = None,
    out: OutOption = Path("report"),
    json_output: JsonOption = False,
    thorough: ThoroughOption = False,
) -> None:
    """Ingest the sources, then write the situation report: the whole job in one command."""
    summary = _ingest(sources, db, json_output=json_output, thorough=thorough)
    summary["report"] = _report(db, out)
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

    entries, flags = api.timeline(db)
    if json_output:
        typer.echo(json.dumps(timeline_json(entries, flags), ensure_ascii=False))
        return
    _print_timeline(entries, flags)


def _print_timeline(entries, flags) -> None:
    from rich.console import Console
    from rich.table import Table

    from crisisdesk.analysis.timeline import quote
    from crisisdesk.report.render import STATUS_LABELS

    console = Console()
    table = Table(title="Timeline", show_lines=True)
    for column in ("When", "Event", "Who", "Where", "As reported", "Evidence"):
        table.add_column(column, overflow="fold")
    for entry in entries:
        reported = "\n".join(f"{STATUS_LABELS[status]}: {', '.join(s.label for s in sources)}" for status, sources in entry.statuses.items())
        table.add_row(entry.date_label, entry.label, "; ".join(entry.actors), "; ".join(entry.places), reported, quote(entry.evidence))
    console.print(table)
    for flag in flags:
        console.print(f"[bold red]Flagged[/]: {flag.source.label} ({flag.source.date_label}): its publication date does not fit the events it narrates as current.")
        for reason in flag.reasons:
            console.print(f"  - {reason}", markup=False)


@app.command()
def stories(db: DbOption = None, json_output: JsonOption = False) -> None:
    """The stored articles grouped into stories (the crisis each reports), with their period, and
    syndicated copies and translations of one report counted once."""
    from crisisdesk import api
    from crisisdesk.analysis.stories import stories_json

    found = api.stories(db)
    if json_output:
        typer.echo(json.dumps(stories_json(found), ensure_ascii=False))
        return
    _print_stories(found)


def _print_stories(found) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"Stories ({len(found)})", show_lines=True)
    for column in ("Story", "Period", "Reports", "Articles", "Copies and translations"):
        table.add_column(column, overflow="fold")
    for story in found:
        groups = "\n".join(f"{' = '.join(g.articles)} ({', '.join(g.kinds)})" for g in story.duplicates)
        table.add_row(story.label, story.period_label, str(story.reports), "\n".join(story.articles), groups or "none")
    Console().print(table)


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
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False, help="IDETECT-style CSV (excerpt_id, excerpt, quantity, term, unit, location, country).")],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    json_output: JsonOption = False,
) -> None:
    """Is each gold figure extracted (same quantity), and with the right term, unit, country, location?"""
    from crisisdesk.eval.figures import evaluate_figures

    scores = evaluate_figures(gold).as_dict()
    if _scores_written(scores, out, json_output):
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"figures on {gold.name} ({scores['excerpts']} excerpts)")
    table.add_column("measure")
    table.add_column("score", justify="right")
    for name in ("quantity", "term", "unit", "country", "location", "country_of_all", "location_of_all", "figures_per_excerpt"):
        table.add_row(name, f"{scores[name]:.3f}")
    Console().print(table)


@eval_app.command("places")
def eval_places(
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False, help="GeoWebNews XML (articles with typed toponyms and GeoNames ids).")],
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
    Console().print(table)


@eval_app.command("times")
def eval_times(
    gold: Annotated[Path, typer.Option("--gold", exists=True, file_okay=False, help="Folder of TimeML .tml files (searched recursively), e.g. ../shared/eval/timebank.")],
    out: Annotated[Path | None, typer.Option("--out", help="Also write the scores as JSON here.")] = None,
    errors: Annotated[int, typer.Option("--errors", help="Also show the N most frequent errors of each kind (missed, spurious, type, value).")] = 0,
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
    gold: Annotated[Path, typer.Option("--gold", exists=True, dir_okay=False, help="Labelled sentences (JSONL), e.g. tests/data/conditions/labelled.jsonl.")],
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
    for heading, parts in (("pillar", [("overall", scores["overall"]), *scores["by_pillar"].items()]), ("sector", list(scores["by_sector"].items()))):
        table = Table(title=title if heading == "pillar" else None)
        for column in (heading, "gold", "found", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == heading else "right")
        for name, p in parts:
            table.add_row(name, str(p["gold"]), str(p["found"]), f"{100 * p['precision']:.1f}", f"{100 * p['recall']:.1f}", f"{100 * p['f1']:.1f}")
        console.print(table)
    if errors:
        listing = Table(title="missed and spurious conditions")
        for column in ("error", "pillar", "words", "sentence"):
            listing.add_column(column)
        for row in scores["errors"][:errors]:
            listing.add_row(row["error"], row["pillar"], row["text"], row["sentence"])
        console.print(listing)


@app.command()
def geocode(
    requests: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help='JSONL: {"id", "text", "spans": [[start, end], ...]} a line.')],
) -> None:
    """Resolve exactly the given toponym spans: one JSON line a request, {"id", "places": [...]} in span order."""
    from crisisdesk import api
    from crisisdesk.export.extract_json import place_json
    from crisisdesk.ingest.readers import SpanRequest, read_span_requests

    items = list(read_span_requests(requests.read_text(encoding="utf-8"), str(requests)))
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
