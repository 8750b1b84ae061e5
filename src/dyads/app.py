"""The application object: one façade over settings, store and pipeline.

    from dyads import App
    app = App.open("sqlite:///dyads.db")
    app.ingest(["../shared/corpus/seeds"])
    page = app.events(EventFilter(actors=("KAZ", "CHN")), limit=20)

The command line, the web API, the web pages and the tests all go through it:
each operation a user has (ingest, process, timeline, events, actor, quotes,
stories, documents, search, graph, export) is one method that returns data
classes or JSON-able dicts and never renders anything. The store and the
store is opened once, on first use; an ingest run starts its annotator (and
its process pool) once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from dyads.store.actors import Profile
from dyads.model import Document
from dyads.annotate.pipeline import Failure
from dyads.store.queries import MAX_PAGE, Edge, EventFilter, Page, SearchHit, StorySummary
from dyads.store.records import EventRecord
from dyads.settings import Settings
from dyads.store.statements import Statement
from dyads.store.database import Store

EXPORT_FORMATS = ("plover-json", "csv", "parquet")


@dataclass
class IngestReport:
    ingested: int = 0
    skipped: int = 0  # already stored
    failures: list[Failure] = field(default_factory=list)
    url: str = ""

    @property
    def failed(self) -> int:
        return len(self.failures)


@dataclass
class Summary:
    counts: dict[str, int]
    stories: list[StorySummary]
    actors: list[tuple[str, int]]  # actor codes with their number of event reports


@dataclass
class DocumentView:
    """A stored article: its contract JSON, its events, and the other articles of its story."""

    document: dict[str, Any]
    events: list[EventRecord]
    story_articles: list[dict[str, Any]]


@dataclass
class StoryView:
    id: str
    articles: list[dict[str, Any]]
    outlets: list[str]
    events: list[EventRecord]


@dataclass
class Graph:
    kind: str
    nodes: list[dict[str, Any]]  # id, label, events
    edges: list[Edge]


def event_json(record: EventRecord) -> dict[str, Any]:
    """An event record as JSON: PLOVER fields, every source, and where the timeline places it."""
    data = record.to_plover()
    data["type"] = record.type
    data["actors"] = list(record.actors)
    data["placed_on"] = record.placed_on
    return data


def page_json(page: Page, item: Callable[[Any], Any] = lambda x: x) -> dict[str, Any]:
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "next_offset": page.next_offset,
            "items": [item(i) for i in page.items]}


class App:
    """Everything a user can ask of dyads, over one store."""

    def __init__(self, settings: Settings | None = None, *, create: bool = True):
        self.settings = settings or Settings.from_env()
        self.create = create
        self._store: Store | None = None

    @classmethod
    def open(cls, db: str | None = None, *, create: bool = True, **overrides: Any) -> "App":
        return cls(Settings.from_env(db=db, **overrides), create=create)

    # --- what it is built on ------------------------------------------------------------

    @property
    def store(self) -> Store:
        if self._store is None:  # migrated to the newest schema (with its indexes) on opening
            self._store = Store(self.settings.db, create=self.create)  # CannotOpen: missing, or not a database
        return self._store

    # --- writing ----------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str],
        on_failure: Callable[[Failure, str], None] | None = None,
        on_progress: Callable[[str, str], None] | None = None,
    ) -> IngestReport:
        """Read, clean, annotate and store articles; already stored ones are skipped.

        Each article is stored in its own transaction (``Consolidator.add_and_save``:
        the consolidator only learns what was stored). ``on_progress(step, source)``
        is told each step (reading, annotating, storing); ``on_failure(failure, step)``
        each input that failed and at which step. The annotating pool, if any, is
        started once for the run.
        """
        from dyads.corpus.consolidate import Consolidator
        from dyads.annotate.pipeline import CONSOLIDATION_CHUNK, AlreadyStored, annotation_window, consolidation_chunks, make_annotator, read_and_clean

        store = self.store
        consolidator = Consolidator.from_store(store)
        report = IngestReport(url=store.url)
        progress = on_progress or (lambda step, source: None)

        def fail(failure: Failure, step: str) -> None:
            report.failures.append(failure)
            if on_failure:
                on_failure(failure, step)

        def annotate_and_store(annotator, pending: list[Document]) -> None:
            for chunk in consolidation_chunks(annotator.pipe(pending), CONSOLIDATION_CHUNK):
                annotated = []
                for item in chunk:
                    if isinstance(item, Failure):
                        fail(item, "annotating")
                    else:
                        annotated.append(item)
                consolidator.know_people(annotated)
                for doc in annotated:
                    progress("storing", doc.source)
                    outcome = consolidator.add_and_save(doc, store)
                    if isinstance(outcome, Failure):
                        fail(outcome, "storing")
                    elif outcome:
                        report.ingested += 1
                    else:
                        report.skipped += 1

        with make_annotator(self.settings) as annotator:  # this process and its pool, or Spark
            window = annotation_window(annotator, CONSOLIDATION_CHUNK)
            pending: list[Document] = []
            for item in read_and_clean(paths, self.settings, stored=store.has):  # stored ones skipped before cleaning
                progress("reading", item.source)
                if isinstance(item, Failure):
                    fail(item, "reading")
                    continue
                if isinstance(item, AlreadyStored) or any(p.id == item.id for p in pending):
                    report.skipped += 1
                    continue
                pending.append(item)
                progress("annotating", item.source)
                if len(pending) >= window:  # one chunk, or several for an engine that wants more per job (Spark)
                    annotate_and_store(annotator, pending)
                    pending = []
            annotate_and_store(annotator, pending)
        return report

    def process(self, paths: Iterable[str], on_failure: Callable[[Failure], None] | None = None,
                on_read: Callable[[Document], None] | None = None) -> Iterator[Document]:
        """Annotated documents, a few at a time, without storing them (``Document.to_contract()`` is the output contract).

        Each chunk is consolidated with the chunks before it, as ``ingest`` does.
        """
        from dyads.annotate.pipeline import stream

        return stream(paths, self.settings, on_failure=on_failure, on_read=on_read)

    # --- reading ------------------------------------------------------------------------------

    def summary(self, stories: int = 10) -> Summary:
        from dyads.store.queries import actor_codes, story_page

        return Summary(self.store.counts(), story_page(self.store, limit=stories).items, actor_codes(self.store))

    def stored_documents(self) -> Iterator[dict[str, Any]]:
        """Every stored document's contract JSON, in publication order."""
        return self.store.documents()

    def actor_codes(self) -> set[str]:
        """Every actor code some stored event has."""
        from dyads.store.queries import actor_codes

        return {code for code, _ in actor_codes(self.store)}

    def events(self, where: EventFilter | None = None, limit: int | None = 50, offset: int = 0, last: bool = False) -> Page[EventRecord]:
        """Each real-world event once, with all its reports, in date order; ``limit=None``: all of them;
        ``last``: the latest ``limit`` events."""
        from dyads.store.queries import event_page

        return event_page(self.store, where or EventFilter(), limit, offset, last)

    def event(self, key: str) -> EventRecord | None:
        from dyads.store.queries import event_record

        return event_record(self.store, key)

    def timeline(self, actors: Iterable[str] = (), date_from: str | None = None, date_to: str | None = None,
                 limit: int | None = MAX_PAGE, offset: int = 0, last: bool = False) -> Page[EventRecord]:
        """The events of an actor (one code) or a dyad (two), in date order (``last``: the latest ``limit``)."""
        where = EventFilter(actors=tuple(a.upper() for a in actors), date_from=date_from, date_to=date_to)
        return self.events(where, limit, offset, last)

    def find_actors(self, name: str) -> list[dict[str, Any]]:
        """Entities called ``name`` (full name, surname or id; accents and case ignored)."""
        from dyads.store.actors import find

        return find(self.store, name)

    def actors(self, q: str | None = None, entity_type: str | None = None, limit: int = 50, offset: int = 0) -> Page[dict[str, Any]]:
        from dyads.store.queries import actor_page

        return actor_page(self.store, q, entity_type, limit, offset)

    def actor(self, entity_id: str) -> Profile | None:
        """Offices over time, articles, events and quotes of one entity."""
        from dyads.store.actors import profile
        from dyads.store.queries import entity

        row = entity(self.store, entity_id)
        if row is None:
            return None
        return profile(self.store, row)

    def quotes(self, speaker: str | None = None, about: str | None = None, kind: str | None = None,
               limit: int | None = 50, offset: int = 0) -> Page[Statement]:
        """Statements (one per statement, with every outlet that reported it) in date order, a page
        of them (``limit=None``: all).

        ``speaker``: a name or id; ``about``: a state code, an IGO or a person the
        statement names. A name that matches nobody gives no statements.
        """
        from dyads.store.actors import find
        from dyads.annotate.countries import gazetteer
        from dyads.store.statements import statement_page
        from dyads.store.database import entities

        speakers = None
        if speaker:
            speakers = {row["id"] for row in find(self.store, speaker)}
            if not speakers:
                return Page([], 0, limit or 0, offset)
        about_ids = None
        if about:
            code = gazetteer().actor_code(about) or about.upper()
            about_ids = {row["id"] for row in self.store.query(
                select(entities.c.id).where(or_(entities.c.country == code, entities.c.id.in_((about, f"org/{code}"))))
            )}
            about_ids |= {row["id"] for row in find(self.store, about)}
        return statement_page(self.store, speakers=speakers, about=about_ids, kind=kind, limit=limit, offset=offset)

    def office_on(self, entity_id: str, date: str | None) -> str | None:
        from dyads.store.actors import office_on

        return office_on(self.store, entity_id, date)

    def stories(self, limit: int = 50, offset: int = 0) -> Page[StorySummary]:
        from dyads.store.queries import story_page

        return story_page(self.store, limit, offset)

    def story(self, story_id: str) -> StoryView | None:
        """A story's articles, the outlets that reported it and its events (each once)."""
        from dyads.store.queries import document_page

        articles = document_page(self.store, limit=MAX_PAGE, story=story_id).items
        if not articles:
            return None
        events = self.events(EventFilter(story=story_id), limit=MAX_PAGE).items
        return StoryView(story_id, articles, sorted({a["outlet"] for a in articles if a["outlet"]}), events)

    def documents(self, limit: int = 50, offset: int = 0, story: str | None = None, outlet: str | None = None) -> Page[dict[str, Any]]:
        from dyads.store.queries import document_page

        return document_page(self.store, limit, offset, story=story, outlet=outlet)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored contract JSON of one article, with the debris removed from it and why."""
        return self.store.document(doc_id)

    def document_view(self, doc_id: str) -> DocumentView | None:
        from dyads.store.queries import document_page

        data = self.document(doc_id)
        if data is None:
            return None
        events = self.events(EventFilter(doc_id=data["id"]), limit=MAX_PAGE).items
        others = [a for a in document_page(self.store, limit=MAX_PAGE, story=data["story"]).items if a["id"] != data["id"]] if data.get("story") else []
        return DocumentView(data, events, others)

    def search(self, q: str, limit: int = 20, offset: int = 0) -> Page[SearchHit]:
        """Full text over titles and bodies (SQLite FTS5, PostgreSQL text search)."""
        from dyads.store.queries import search

        return search(self.store, q, limit, offset)

    def graph(self, kind: str = "code", limit: int = 60, where: EventFilter | None = None) -> Graph:
        """Who interacts with whom: pairs with their number of events and mean PLOVER score."""
        from dyads.store.queries import entity_names, interactions

        edges = interactions(self.store, kind, limit, where)
        degree: dict[str, int] = {}
        for edge in edges:
            degree[edge.source] = degree.get(edge.source, 0) + edge.events
            degree[edge.target] = degree.get(edge.target, 0) + edge.events
        names = entity_names(self.store, list(degree)) if kind == "person" else {}
        nodes = [{"id": n, "label": names.get(n, n), "events": d} for n, d in sorted(degree.items(), key=lambda x: (-x[1], x[0]))]
        return Graph(kind, nodes, edges)

    def iter_events(self, where: EventFilter | None = None, chunk: int = 500) -> Iterator[EventRecord]:
        """Every matching event once, in date order, read a page at a time (memory stays flat on a big store)."""
        offset: int | None = 0
        while offset is not None:
            page = self.events(where, limit=chunk, offset=offset)
            yield from page.items
            offset = page.next_offset

    def export(self, format: str, output: Path | None = None, actors: Iterable[str] = (),
               date_from: str | None = None, date_to: str | None = None) -> int:
        """Write every matching event once (``export.write``, as they are read); returns how many."""
        from dyads.store.export import write

        if format not in EXPORT_FORMATS:
            raise ValueError(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        return write(self.iter_events(_export_filter(actors, date_from, date_to)), format, output)

    def export_chunks(self, format: str, actors: Iterable[str] = (), date_from: str | None = None,
                      date_to: str | None = None) -> Iterator[bytes]:
        """The export as a stream of bytes (for a download), written by the same code as ``dyads export``:
        JSON lines and CSV a few hundred events at a time; Parquet (whose footer comes last) through a temporary file."""
        from dyads.store.export import text_chunks

        if format not in EXPORT_FORMATS:
            raise ValueError(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
        if format != "parquet":
            for text in text_chunks(self.iter_events(_export_filter(actors, date_from, date_to)), format):
                yield text.encode("utf-8")
            return
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "events.parquet"
            self.export(format, path, actors, date_from, date_to)
            with path.open("rb") as stream:
                while piece := stream.read(1 << 20):
                    yield piece


def _export_filter(actors: Iterable[str], date_from: str | None, date_to: str | None) -> EventFilter:
    return EventFilter(actors=tuple(a.upper() for a in actors), date_from=date_from, date_to=date_to)


def profile_json(view: Profile) -> dict[str, Any]:
    return {
        "entity": view.entity,
        "roles": [asdict(r) for r in view.roles],
        "articles": view.articles,
        "events": [event_json(r) for r in view.events],
        "quotes": view.quotes,
    }
