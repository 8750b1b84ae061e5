"""The store: SQLite by default, PostgreSQL with the same code (``pip install 'dyads[postgres]'``).

Every document is written in its own transaction, so a crash in the middle of
a batch leaves every document stored before it intact. Re-ingesting the same
raw input is a no-op: the document id is the content hash. The schema is kept
by Alembic migrations (``dyads/migrations``), run when a store is opened.
Backend differences (URLs, conflict-free inserts, retries) are in ``backend.py``.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError

from dyads.store import migrations
from dyads.store.backend import insert_new, make_engine, normalise_url, retrying
from dyads.store.migrations import SchemaMismatch  # noqa: F401  (raised when opening a store; the CLI reports it)
from dyads.model import Document

# Changing a table here needs a migration in dyads/store/migrations/versions (tests/test_store.py checks).
metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("source", Text, nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10), index=True),
    Column("dateline", String(120)),
    Column("outlet", String(200)),
    Column("language", String(8)),
    Column("story", String(32), index=True),
    Column("ingested_at", String(32)),
    Column("body", Text, nullable=False),
    Column("contract", Text, nullable=False),  # the per-document JSON, as `dyads process` prints it
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(16), nullable=False),
    Column("key", Text, nullable=False, index=True),
    Column("country", String(8)),
)

mentions = Table(
    "mentions",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("entity_id", String(200), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

roles = Table(
    "roles",
    metadata,
    Column("entity_id", String(200), nullable=False, index=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("country", String(8)),
    Column("date", String(10)),  # publication date of the article that states it
)

times = Table(
    "times",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", String(16)),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("event_key", String(32), index=True),  # shared by the same event in several articles
    Column("type", String(16), nullable=False, index=True),
    Column("mode", String(32)),
    Column("actors", Text, nullable=False),  # JSON list of codes
    Column("actor", Text),  # JSON list of entity ids
    Column("recipient", Text),
    Column("date", String(10), index=True),
    Column("status", String(16)),
    Column("location", Text),
    Column("location_country", String(8)),
    Column("directed", Integer),
    Column("start", Integer),
    Column("more_evidence", Text),  # JSON list of [start, end] of other sentences stating it
    Column("end", Integer),
    Column("sentence", Text),
    Column("score", Float),
    # for listing each real-world event once, in date order, through an index (queries.py):
    # the date the report is placed on (its own date, else its article's publication date),
    # and 1 on the first stored report of its event key
    Column("placed", String(10)),
    Column("first_report", Integer),
)
Index("events_date_type", events.c.date, events.c.type)
Index("events_first_placed", events.c.first_report, events.c.placed)
Index("events_first_type_placed", events.c.first_report, events.c.type, events.c.placed)

quotes = Table(
    "quotes",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker", String(200), index=True),
    Column("speaker_name", Text),
    Column("kind", String(16)),
    Column("partial", Integer),
    Column("statement", String(32), index=True),
)

# --- who took part in each stored event, one row per party: what the workspace's
# filters (actor, dyad, person) and the interaction graph look up through an index
# instead of reading the JSON lists of every event (written by save, see queries.py)
event_parties = Table(
    "event_parties",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("party", String(200), nullable=False),  # an actor code (KAZ, SCO) or an entity id
    Column("role", String(12), nullable=False),  # code | actor | recipient
    Column("position", Integer, nullable=False),  # place in its list (codes: acting side first)
    # copies of events.placed and events.first_report: an actor's or a dyad's events are
    # listed in date order from the index below alone, without reading the events table
    Column("placed", String(10)),
    Column("first_report", Integer),
)
Index("event_parties_party", event_parties.c.party, event_parties.c.role, event_parties.c.event_id)
Index("event_parties_listing", event_parties.c.party, event_parties.c.role, event_parties.c.first_report,
      event_parties.c.placed, event_parties.c.event_id)
Index("event_parties_event", event_parties.c.event_id)

# --- each pair of actor codes of a stored event, once, in code order: a dyad's events
# (the workspace's busiest question) listed in date order by one range of one index
# (written by save; see queries._first_report_keys)
event_pairs = Table(
    "event_pairs",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("low", String(200), nullable=False),  # the code that sorts first
    Column("high", String(200), nullable=False),
    Column("placed", String(10)),  # copies of the event's placed and first_report
    Column("first_report", Integer),
)
Index("event_pairs_listing", event_pairs.c.low, event_pairs.c.high, event_pairs.c.first_report, event_pairs.c.placed, event_pairs.c.event_id)
Index("event_pairs_event", event_pairs.c.event_id)

signatures = Table(
    "signatures",
    metadata,
    Column("doc_id", String(32), ForeignKey("documents.id"), primary_key=True),
    Column("data", Text, nullable=False),  # JSON: what story clustering needs to attach new articles
)


def code_pairs(codes: Iterable[str]) -> list[tuple[str, str]]:
    """Each pair of distinct codes once, in code order: the rows of ``event_pairs`` for one event."""
    unique = sorted(set(codes))
    return [(low, high) for i, low in enumerate(unique) for high in unique[i + 1:]]


class CannotOpen(RuntimeError):
    """The database named is missing or is not one; the message says which and what to do."""


class Store:
    def __init__(self, url: str, create: bool = True):
        """Open the database at ``url``; only with ``create`` (ingest) may a new SQLite file be made."""
        self.url = normalise_url(url)
        _check_sqlite_file(self.url, create)
        try:
            self.engine: Engine = make_engine(self.url)
            migrations.upgrade(self.engine)
        except SchemaMismatch as exc:
            raise SchemaMismatch(f"{self.url}: {exc}") from None
        except ModuleNotFoundError as exc:  # no driver for this kind of database
            raise CannotOpen(str(exc)) from exc
        except (ArgumentError, DBAPIError) as exc:
            reason = getattr(exc, "orig", None) or exc
            raise CannotOpen(f"cannot open the database {self.url}: {reason}. Expected a database written by `dyads ingest` "
                             "(a SQLite file or a PostgreSQL URL)") from exc

    # --- writing ---------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.id == doc_id)).first() is not None

    def save(self, doc: Document, signature: dict[str, Any] | None = None) -> bool:
        """Store one document and its facts in one transaction; False if it was already there.

        Safe to run from several processes at once: a document or entity another
        process stored first is left as it is (ON CONFLICT DO NOTHING), never
        duplicated and never an error.
        """
        return retrying(lambda: self._save(doc, signature))

    def _save(self, doc: Document, signature: dict[str, Any] | None) -> bool:
        with self.engine.begin() as conn:
            created = conn.execute(
                insert_new(conn, documents).values(
                    id=doc.id, source=doc.source, url=doc.url, title=doc.title, published=doc.published,
                    dateline=doc.dateline, outlet=doc.outlet, language=doc.language, story=doc.story,
                    ingested_at=datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
                    body=doc.body, contract=json.dumps(doc.to_contract(), ensure_ascii=False),
                ).returning(documents.c.id)
            ).first()
            if created is None:  # stored before, by this or another process
                return False
            # one row per entity id, in id order: concurrent transactions lock rows in the
            # same order, so they wait for each other instead of deadlocking
            first: dict[str, dict[str, Any]] = {}
            for entity in doc.entities:
                row = first.setdefault(entity.id, {"id": entity.id, "name": entity.name, "type": entity.type, "key": entity.key, "country": None})
                row["country"] = row["country"] or entity.country
            rows = [first[i] for i in sorted(first)]
            if rows:
                conn.execute(insert_new(conn, entities), rows)
                located = [{"eid": r["id"], "ecountry": r["country"]} for r in rows if r["country"]]
                if located:  # a later article says whom they serve
                    conn.execute(
                        update(entities).where(entities.c.id == bindparam("eid"), entities.c.country.is_(None)).values(country=bindparam("ecountry")),
                        located,
                    )
            for entity in doc.entities:
                if entity.mentions:
                    conn.execute(insert(mentions), [
                        {"doc_id": doc.id, "entity_id": entity.id, "start": m.start, "end": m.end, "text": m.text} for m in entity.mentions
                    ])
                if entity.titles:
                    conn.execute(insert(roles), [
                        {"entity_id": entity.id, "doc_id": doc.id, "title": t, "country": entity.country, "date": doc.published} for t in entity.titles
                    ])
            if doc.times:
                conn.execute(insert(times), [{"doc_id": doc.id, **t.to_contract()} for t in doc.times])
            if doc.events:
                stated = {e.key for e in doc.events if e.key}
                seen = set(conn.execute(select(events.c.event_key).where(events.c.event_key.in_(stated))).scalars()) if stated else set()
                firsts = []
                for e in doc.events:  # the first report of each event key (reports without a key are their own event)
                    firsts.append(int(not e.key or e.key not in seen))
                    if e.key:
                        seen.add(e.key)
                ids = conn.execute(insert(events).returning(events.c.id, sort_by_parameter_order=True), [
                    {
                        "doc_id": doc.id, "event_key": getattr(e, "key", None), "type": e.type, "mode": e.mode,
                        "actors": json.dumps(e.actors), "actor": json.dumps(e.actor), "recipient": json.dumps(e.recipient),
                        "date": e.date, "status": e.status, "location": e.location, "location_country": e.location_country,
                        "directed": int(e.directed), "start": e.evidence[0], "end": e.evidence[1],
                        "more_evidence": json.dumps(e.more_evidence), "sentence": e.sentence, "score": e.score,
                        "placed": e.date or doc.published, "first_report": first,
                    }
                    for e, first in zip(doc.events, firsts)
                ]).scalars().all()
                parties = [
                    {"event_id": event_id, "party": party, "role": role, "position": position,
                     "placed": e.date or doc.published, "first_report": first}
                    for event_id, e, first in zip(ids, doc.events, firsts)
                    for role, names in (("code", e.actors), ("actor", e.actor), ("recipient", e.recipient))
                    for position, party in enumerate(names)
                ]
                if parties:
                    conn.execute(insert(event_parties), parties)
                pairs = [
                    {"event_id": event_id, "low": low, "high": high, "placed": e.date or doc.published, "first_report": first}
                    for event_id, e, first in zip(ids, doc.events, firsts)
                    for low, high in code_pairs(e.actors)
                ]
                if pairs:
                    conn.execute(insert(event_pairs), pairs)
            if doc.quotes:
                conn.execute(insert(quotes), [
                    {
                        "doc_id": doc.id, "start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker,
                        "speaker_name": q.speaker_name, "kind": q.kind, "partial": int(q.partial), "statement": q.statement,
                    }
                    for q in doc.quotes
                ])
            if signature is not None:
                conn.execute(insert(signatures).values(doc_id=doc.id, data=json.dumps(signature)))
        return True

    def delete(self, doc_id: str) -> None:
        with self.engine.begin() as conn:
            for table in (event_parties, event_pairs):
                conn.execute(delete(table).where(table.c.event_id.in_(select(events.c.id).where(events.c.doc_id == doc_id))))
            for table in (mentions, roles, times, events, quotes, signatures):
                conn.execute(delete(table).where(table.c.doc_id == doc_id))
            conn.execute(delete(documents).where(documents.c.id == doc_id))

    # --- reading -----------------------------------------------------------------

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """The stored contract JSON of a document; a unique id prefix is enough."""
        with self.engine.connect() as conn:
            # a prefix of the id; autoescape takes LIKE's wildcards (% and _) literally
            rows = [] if not doc_id else conn.execute(
                select(documents.c.contract, documents.c.story).where(documents.c.id.startswith(doc_id, autoescape=True)).limit(2)
            ).all()
        if len(rows) != 1:
            return None
        data = json.loads(rows[0].contract)
        data["story"] = rows[0].story  # stories can be re-assigned after storing
        return data

    def documents(self) -> Iterator[dict[str, Any]]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(documents.c.contract, documents.c.story).order_by(documents.c.published.nulls_first(), documents.c.id)):
                data = json.loads(row.contract)
                data["story"] = row.story
                yield data

    def signatures(self) -> Iterator[tuple[str, str | None, dict[str, Any]]]:
        with self.engine.connect() as conn:
            query = select(signatures.c.doc_id, documents.c.story, signatures.c.data).join(documents, documents.c.id == signatures.c.doc_id)
            for row in conn.execute(query):
                yield row.doc_id, row.story, json.loads(row.data)

    def quote_rows(self, speaker: str | None = None) -> list[dict[str, Any]]:
        """Stored quotes with their article's story, source, outlet and date."""
        query = select(quotes, documents.c.story, documents.c.source, documents.c.outlet, documents.c.published).join(
            documents, documents.c.id == quotes.c.doc_id
        ).order_by(documents.c.published.nulls_first(), quotes.c.doc_id, quotes.c.start)
        if speaker:
            query = query.where(quotes.c.speaker == speaker)
        return self.query(query)

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            out = {}
            for name, table in (("documents", documents), ("entities", entities), ("mentions", mentions), ("times", times), ("events", events), ("quotes", quotes)):
                out[name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            out["stories"] = conn.execute(select(func.count(func.distinct(documents.c.story)))).scalar_one()
            return out

    def entity_rows(self, entity_type: str | None = None) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            query = select(entities)
            if entity_type:
                query = query.where(entities.c.type == entity_type)
            return [dict(r._mapping) for r in conn.execute(query)]

    def query(self, statement) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(statement)]


def _check_sqlite_file(url: str, create: bool) -> None:
    """A SQLite file must exist to be read, and its folder to be created (SQLite would
    otherwise make an empty file, or fail with "unable to open database file")."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise CannotOpen(f"{url!r} is not a database URL; expected a SQLite file name or a URL such as "
                         "sqlite:///dyads.db or postgresql://user@host/db") from exc
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return
    from pathlib import Path

    path = Path(parsed.database)
    if path.is_dir():
        raise CannotOpen(f"{path} is a folder, not a database file")
    if create:
        if not path.parent.is_dir():
            raise CannotOpen(f"cannot create the database {path}: the folder {path.parent} does not exist")
    elif not path.exists():
        raise CannotOpen(f"no database at {path}; `dyads ingest` creates one (give another with --db or DYADS_DB)")
