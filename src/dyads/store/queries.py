"""Read queries of the workspace: filtered and paginated in SQL, through indexes.

What the application object (``app.App``) asks of a store that may hold
hundreds of thousands of events: one page of event records for some filters,
a dyad's timeline, the articles of a story, full-text search over bodies, who
interacts with whom. Filters, joins, grouping and counting happen in the
database; Python only builds the records of the page it returns.

Parties of events are looked up through ``store.event_parties`` (indexed by
party); full text goes through SQLite FTS5 (an external-content index on
``documents``, kept in step by triggers) or PostgreSQL's ``to_tsvector`` with a
GIN expression index, both built by the migrations (``migrations/versions/0006``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sqlalchemy import String, and_, case, cast, distinct, func, literal, or_, select, text
from sqlalchemy.exc import SQLAlchemyError

from dyads.annotate.entities import fold
from dyads.store.records import EventRecord, records_from_rows
from dyads.store.database import Store, documents, entities, event_pairs, event_parties, events, mentions, quotes

T = TypeVar("T")

MAX_PAGE = 1000


@dataclass
class Page(Generic[T]):
    """One page of a longer answer: ``total`` counts every match, ``items`` those from ``offset``."""

    items: list[T]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        return self.offset + self.limit if self.offset + self.limit < self.total else None


@dataclass(frozen=True)
class EventFilter:
    """Which events: every condition given must hold.

    ``actors``: codes that all take part (one code: an actor's events; two: a
    dyad's). ``people``: entity ids acting or receiving. Dates compare with the
    date an event is placed on (its own, else its article's publication date),
    by prefix: ``date_to="2022-09"`` includes 2022-09-30.
    """

    actors: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    type: str | None = None
    status: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    story: str | None = None
    doc_id: str | None = None


def _clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(int(limit), MAX_PAGE)), max(0, int(offset))


def _bound(limit: int | None, offset: int) -> tuple[int | None, int]:
    """A page size for callers that may ask for every row (``None``: the command line's timeline and export)."""
    return (None if limit is None else max(1, int(limit))), max(0, int(offset))


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- events -------------------------------------------------------------------------

_KEY = func.coalesce(events.c.event_key, events.c.doc_id + literal(":") + cast(events.c.start, String) + literal(":") + events.c.type)
_PLACED = func.coalesce(events.c.date, documents.c.published)


def _kind_and_date_conditions(f: EventFilter, placed) -> list:
    """The filter's type, status and date range, the dates read from ``placed``."""
    conditions = []
    if f.type:
        conditions.append(events.c.type == f.type.upper())
    if f.status:
        conditions.append(events.c.status == f.status.lower())
    if f.date_from:
        conditions.append(placed >= f.date_from)
    if f.date_to:
        conditions.append(placed <= f.date_to + "\x7f")  # a prefix: 2022-09 takes in 2022-09-30
    return conditions


def _event_conditions(f: EventFilter) -> list:
    conditions = []
    for code in f.actors:
        conditions.append(events.c.id.in_(
            select(event_parties.c.event_id).where(event_parties.c.party == code.upper(), event_parties.c.role == "code")
        ))
    for person in f.people:
        conditions.append(events.c.id.in_(
            select(event_parties.c.event_id).where(event_parties.c.party == person, event_parties.c.role.in_(("actor", "recipient")))
        ))
    conditions.extend(_kind_and_date_conditions(f, _PLACED))
    if f.story:
        conditions.append(documents.c.story == f.story)
    if f.doc_id:
        conditions.append(events.c.doc_id == f.doc_id)
    return conditions


def _report_rows(store: Store, keys: list[str]) -> list[dict[str, Any]]:
    """Every stored report of these events, joined with its article, in article order."""
    rows: list[dict[str, Any]] = []
    for i in range(0, len(keys), 500):  # bounded IN lists
        rows += _report_rows_of(store, keys[i:i + 500])
    return rows


def _report_rows_of(store: Store, keys: list[str]) -> list[dict[str, Any]]:
    if not keys:
        return []
    own = [k for k in keys if ":" not in k]
    made = [k.split(":", 2) for k in keys if ":" in k]  # doc:start:type of reports consolidation gave no key
    which = []
    if own:
        which.append(events.c.event_key.in_(own))
    for doc_id, start, etype in made:
        if start.isdigit():
            which.append(and_(events.c.doc_id == doc_id, events.c.start == int(start), events.c.type == etype))
    if not which:
        return []
    query = (
        select(events, documents.c.source, documents.c.published, documents.c.outlet, documents.c.story)
        .join(documents, documents.c.id == events.c.doc_id)
        .where(or_(*which))
        .order_by(documents.c.published.nulls_first(), events.c.doc_id, events.c.start)
    )
    return store.query(query)


def event_page(store: Store, f: EventFilter, limit: int | None = 50, offset: int = 0, last: bool = False) -> Page[EventRecord]:
    """Event records (each real-world event once, with all its reports) in date order; ``limit=None``: all.

    Filters that every report of an event shares (actor codes, type, status)
    and the date range select first reports through the ``events_first_*``
    indexes; selective filters (a person, a document, a story) group the
    matching reports by event key instead. ``last``: the last page (``offset``
    counted from the end), in one query.
    """
    limit, offset = _bound(limit, offset)
    if f.people or f.doc_id or f.story:  # selective: a few reports to group
        keys, total = _grouped_keys(store, f, limit, offset, last)
    else:
        keys, total = _first_report_keys(store, f, limit, offset, last)
    if last:
        keys.reverse()
        offset = max(0, total - offset - len(keys))
    by_key = {r.key: r for r in records_from_rows(_report_rows(store, keys))}
    return Page([by_key[k] for k in keys if k in by_key], total, total if limit is None else limit, offset)


def _order(placed, *then, last: bool) -> list:
    """Date order, undated last; reversed for ``last``."""
    columns = [case((placed.is_(None), 1), else_=0), placed, *then]
    return [c.desc() for c in columns] if last else columns


def _first_report_keys(store: Store, f: EventFilter, limit: int | None, offset: int, last: bool = False) -> tuple[list[str], int]:
    """The keys of one page of events listed by their first reports, and how many there are.

    The walk starts from the narrowest index at hand: with a type, the type's first
    reports in date order (``events_first_type_placed``); else with two actor codes
    (a dyad), the pair's range of ``event_pairs_listing``; with one, the code's range
    of ``event_parties_listing``. Codes the walk does not cover are probed by event
    id.
    """
    codes = list(dict.fromkeys(code.upper() for code in f.actors))
    probed = codes
    if codes and not f.type:
        if len(codes) >= 2:
            low, high = sorted(codes[:2])
            walked = event_pairs.alias("walked")
            conditions = [walked.c.low == low, walked.c.high == high, walked.c.first_report == 1]
            probed = codes[2:]
        else:
            walked = event_parties.alias("walked")
            conditions = [walked.c.party == codes[0], walked.c.role == "code", walked.c.first_report == 1]
            probed = []
        source, event_id, placed = walked, walked.c.event_id, walked.c.placed
        if f.status:
            source = walked.join(events, events.c.id == walked.c.event_id)
    else:
        conditions = [events.c.first_report == 1]
        source, event_id, placed = events, events.c.id, events.c.placed
    for code in probed:
        other = event_parties.alias()
        conditions.append(select(other.c.event_id).where(
            other.c.party == code, other.c.role == "code", other.c.event_id == event_id
        ).exists())
    conditions.extend(_kind_and_date_conditions(f, placed))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(source).where(*conditions)).scalar_one()
        # (not count(*) OVER () in the page's query: it would sort every match, where LIMIT keeps only the top ones)
        ids = list(conn.execute(
            select(event_id).select_from(source).where(*conditions)
            .order_by(*_order(placed, event_id, last=last)).limit(limit).offset(offset)
        ).scalars())
        keys: dict[int, str] = {}
        for i in range(0, len(ids), 500):  # bounded IN lists
            keys.update((row[0], row[1]) for row in conn.execute(select(events.c.id, _KEY).where(events.c.id.in_(ids[i:i + 500]))))
    return [keys[i] for i in ids], total


def _grouped_keys(store: Store, f: EventFilter, limit: int | None, offset: int, last: bool = False) -> tuple[list[str], int]:
    conditions = _event_conditions(f)
    joined = events.join(documents, documents.c.id == events.c.doc_id)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count(distinct(_KEY))).select_from(joined).where(*conditions)).scalar_one()
        ordered = select(_KEY.label("key"), func.min(_PLACED).label("placed")).select_from(joined).where(*conditions).group_by(_KEY).subquery()
        keys = [row.key for row in conn.execute(
            select(ordered.c.key).order_by(*_order(ordered.c.placed, ordered.c.key, last=last)).limit(limit).offset(offset)
        )]
    return keys, total


def event_record(store: Store, key: str) -> EventRecord | None:
    found = records_from_rows(_report_rows(store, [key]))
    return found[0] if found else None


# --- documents and stories ------------------------------------------------------------

_DOCUMENT_COLUMNS = (
    documents.c.id, documents.c.source, documents.c.url, documents.c.title, documents.c.published,
    documents.c.dateline, documents.c.outlet, documents.c.language, documents.c.story,
)


def document_page(store: Store, limit: int = 50, offset: int = 0, story: str | None = None, outlet: str | None = None) -> Page[dict[str, Any]]:
    """Articles without their bodies, newest first."""
    limit, offset = _clamp(limit, offset)
    conditions = []
    if story:
        conditions.append(documents.c.story == story)
    if outlet:
        conditions.append(documents.c.outlet == outlet)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(documents).where(*conditions)).scalar_one()
        counted = select(func.count()).select_from(events).where(events.c.doc_id == documents.c.id).scalar_subquery()
        rows = conn.execute(
            select(*_DOCUMENT_COLUMNS, counted.label("events")).where(*conditions)
            .order_by(documents.c.published.desc().nulls_last(), documents.c.id).limit(limit).offset(offset)
        ).all()
    return Page([dict(r._mapping) for r in rows], total, limit, offset)


def document_exists(store: Store, doc_id: str) -> bool:
    return store.has(doc_id)


@dataclass
class StorySummary:
    id: str
    articles: int
    first: str | None
    last: str | None
    title: str | None
    outlets: list[str] = field(default_factory=list)
    events: int = 0


def story_page(store: Store, limit: int = 50, offset: int = 0) -> Page[StorySummary]:
    """Stories, latest first: articles, first/last publication date, a title, outlets."""
    limit, offset = _clamp(limit, offset)
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count(distinct(documents.c.story))).where(documents.c.story.is_not(None))).scalar_one()
        rows = conn.execute(
            select(documents.c.story, func.count().label("articles"), func.min(documents.c.published).label("first"),
                   func.max(documents.c.published).label("last"))
            .where(documents.c.story.is_not(None)).group_by(documents.c.story)
            .order_by(func.max(documents.c.published).desc().nulls_last(), documents.c.story).limit(limit).offset(offset)
        ).all()
        ids = [r.story for r in rows]
        details = conn.execute(
            select(documents.c.story, documents.c.title, documents.c.outlet, documents.c.published)
            .where(documents.c.story.in_(ids)).order_by(documents.c.published.nulls_first(), documents.c.id)
        ).all() if ids else []
        counts = dict(conn.execute(
            select(documents.c.story, func.count(distinct(_KEY))).select_from(events.join(documents, documents.c.id == events.c.doc_id))
            .where(documents.c.story.in_(ids)).group_by(documents.c.story)
        ).all()) if ids else {}
    items = []
    for r in rows:
        mine = [d for d in details if d.story == r.story]
        title = next((d.title for d in mine if d.title), None)
        outlets = sorted({d.outlet for d in mine if d.outlet})
        items.append(StorySummary(r.story, r.articles, r.first, r.last, title, outlets, counts.get(r.story, 0)))
    return Page(items, total, limit, offset)


# --- actors ----------------------------------------------------------------------------


def actor_page(store: Store, q: str | None = None, entity_type: str | None = None, limit: int = 50, offset: int = 0) -> Page[dict[str, Any]]:
    """Entities whose name or id contains ``q`` (accents, case and hyphens ignored), most mentioned first."""
    limit, offset = _clamp(limit, offset)
    conditions = []
    if q:
        pattern = f"%{_escape_like(fold(q))}%"
        conditions.append(or_(entities.c.key.like(pattern, escape="\\"), entities.c.id.like(f"%{_escape_like(q)}%", escape="\\")))
    if entity_type:
        conditions.append(entities.c.type == entity_type.upper())
    mentioned = select(func.count()).select_from(mentions).where(mentions.c.entity_id == entities.c.id).scalar_subquery()
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(entities).where(*conditions)).scalar_one()
        rows = conn.execute(
            select(entities.c.id, entities.c.name, entities.c.type, entities.c.country, mentioned.label("mentions"))
            .where(*conditions).order_by(mentioned.desc(), entities.c.name).limit(limit).offset(offset)
        ).all()
    return Page([dict(r._mapping) for r in rows], total, limit, offset)


def entity(store: Store, entity_id: str) -> dict[str, Any] | None:
    rows = store.query(select(entities).where(entities.c.id == entity_id))
    return rows[0] if rows else None


def actor_codes(store: Store) -> list[tuple[str, int]]:
    """Actor codes that take part in events, with their number of event reports, most first."""
    query = (
        select(event_parties.c.party, func.count().label("n")).where(event_parties.c.role == "code")
        .group_by(event_parties.c.party).order_by(func.count().desc(), event_parties.c.party)
    )
    with store.engine.connect() as conn:
        return [(r.party, r.n) for r in conn.execute(query)]


# --- full text ----------------------------------------------------------------------------

FTS_TABLE = "documents_fts"  # built by migration 0006
_MARK_OPEN, _MARK_CLOSE = "\x02", "\x03"  # snippet markers: control characters no cleaned body keeps


def _is_sqlite(store: Store) -> bool:
    return store.engine.dialect.name == "sqlite"


@dataclass
class SearchHit:
    id: str
    title: str | None
    published: str | None
    outlet: str | None
    story: str | None
    snippet: list[tuple[str, bool]]  # (text, matched) pieces of the passage that matched

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "title": self.title, "published": self.published, "outlet": self.outlet, "story": self.story,
            "snippet": "".join(t for t, _ in self.snippet), "matches": [t for t, hit in self.snippet if hit],
        }


def _fts_query(q: str) -> str:
    """The words of ``q`` as an FTS5 query: each word a quoted string, all of them required."""
    words = [w for w in "".join(c if c.isalnum() else " " for c in q).split() if w]
    return " ".join('"' + w + '"' for w in words)


def _pieces(snippet: str) -> list[tuple[str, bool]]:
    out: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(_MARK_OPEN)):
        if i == 0:
            out.append((part, False))
            continue
        hit, _, rest = part.partition(_MARK_CLOSE)
        out.append((hit, True))
        out.append((rest, False))
    return [(t, hit) for t, hit in out if t]


def search(store: Store, q: str, limit: int = 20, offset: int = 0) -> Page[SearchHit]:
    """Articles whose title or body has every word of ``q``, best match first."""
    limit, offset = _clamp(limit, offset)
    match = _fts_query(q)
    if not match:
        return Page([], 0, limit, offset)
    if _is_sqlite(store):
        try:
            return _search_sqlite(store, match, limit, offset)
        except SQLAlchemyError:
            pass
    elif store.engine.dialect.name == "postgresql":
        return _search_postgresql(store, q, limit, offset)
    return _search_like(store, q, limit, offset)


def _search_sqlite(store: Store, match: str, limit: int, offset: int) -> Page[SearchHit]:
    with store.engine.connect() as conn:
        total = conn.execute(text(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"), {"q": match}).scalar_one()
        rows = conn.execute(text(
            f"SELECT d.id, d.title, d.published, d.outlet, d.story, "
            f"snippet({FTS_TABLE}, 1, :open, :close, '…', 24) AS snippet "
            f"FROM {FTS_TABLE} JOIN documents d ON d.rowid = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
        ), {"q": match, "open": _MARK_OPEN, "close": _MARK_CLOSE, "limit": limit, "offset": offset}).all()
    return Page([SearchHit(r.id, r.title, r.published, r.outlet, r.story, _pieces(r.snippet or "")) for r in rows], total, limit, offset)


def _search_postgresql(store: Store, q: str, limit: int, offset: int) -> Page[SearchHit]:
    vector = "to_tsvector('simple', coalesce(title, '') || ' ' || body)"
    with store.engine.connect() as conn:
        total = conn.execute(text(f"SELECT count(*) FROM documents WHERE {vector} @@ plainto_tsquery('simple', :q)"), {"q": q}).scalar_one()
        rows = conn.execute(text(
            f"SELECT id, title, published, outlet, story, "
            f"ts_headline('simple', body, plainto_tsquery('simple', :q), :options) AS snippet "
            f"FROM documents WHERE {vector} @@ plainto_tsquery('simple', :q) "
            f"ORDER BY ts_rank({vector}, plainto_tsquery('simple', :q)) DESC, id LIMIT :limit OFFSET :offset"
        ), {"q": q, "limit": limit, "offset": offset,
            "options": f"StartSel={_MARK_OPEN}, StopSel={_MARK_CLOSE}, MaxWords=30, MinWords=10"}).all()
    return Page([SearchHit(r.id, r.title, r.published, r.outlet, r.story, _pieces(r.snippet or "")) for r in rows], total, limit, offset)


def _search_like(store: Store, q: str, limit: int, offset: int) -> Page[SearchHit]:
    """Without a full-text index: every word somewhere in the body (slow on big stores)."""
    words = _fts_query(q).replace('"', "").split()
    conditions = [documents.c.body.like(f"%{_escape_like(w)}%", escape="\\") for w in words]
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(documents).where(*conditions)).scalar_one()
        rows = conn.execute(select(*_DOCUMENT_COLUMNS, documents.c.body).where(*conditions).order_by(documents.c.published.desc().nulls_last()).limit(limit).offset(offset)).all()
    hits = []
    for r in rows:
        at = r.body.lower().find(words[0].lower())
        start = max(0, at - 80)
        passage = r.body[start:at + 160]
        hits.append(SearchHit(r.id, r.title, r.published, r.outlet, r.story, [(passage, False)]))
    return Page(hits, total, limit, offset)


# --- who interacts with whom ----------------------------------------------------------------


@dataclass
class Edge:
    source: str
    target: str
    events: int
    tone: float  # mean PLOVER score of their events: above 0 cooperation, below 0 conflict


def interactions(store: Store, kind: str = "code", limit: int = 60, f: EventFilter | None = None) -> list[Edge]:
    """Pairs that take part in events together, most events first.

    ``kind="code"``: states and organisations (the acting side with each other
    participant); ``kind="person"``: people acting with the people they act upon.
    """
    first = event_parties.alias("first")
    second = event_parties.alias("second")
    if kind == "person":
        pair = and_(first.c.role == "actor", second.c.role == "recipient")
    else:
        pair = and_(first.c.role == "code", second.c.role == "code", first.c.position == 0, second.c.position > 0)
    conditions = _event_conditions(f) if f else []
    query = (
        select(first.c.party.label("source"), second.c.party.label("target"),
               func.count(distinct(_KEY)).label("events"), func.avg(events.c.score).label("tone"))
        .select_from(first.join(second, first.c.event_id == second.c.event_id)
                     .join(events, events.c.id == first.c.event_id)
                     .join(documents, documents.c.id == events.c.doc_id))
        .where(pair, first.c.party != second.c.party, *conditions)
        .group_by(first.c.party, second.c.party)
        .order_by(func.count(distinct(_KEY)).desc(), first.c.party, second.c.party)
        .limit(max(1, min(limit, 500)))
    )
    with store.engine.connect() as conn:
        return [Edge(r.source, r.target, r.events, round(float(r.tone or 0.0), 2)) for r in conn.execute(query)]


def entity_names(store: Store, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    with store.engine.connect() as conn:
        return dict(conn.execute(select(entities.c.id, entities.c.name).where(entities.c.id.in_(ids))).all())


def quote_count(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(quotes)).scalar_one()
