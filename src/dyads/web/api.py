"""The JSON API: every endpoint asks the ``App`` and returns what it answers, as JSON.

Lists are pages: ``limit`` (at most 1000) and ``offset`` in, ``total`` and
``next_offset`` out. Dates are ISO prefixes (YYYY, YYYY-MM, YYYY-MM-DD). The API
only reads; nothing here writes to the store.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse

from dyads.app import EXPORT_FORMATS, App, event_json, page_json, profile_json
from dyads.store.queries import MAX_PAGE, EventFilter

router = APIRouter(prefix="/api", tags=["api"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Items per page (at most 1000).")]
Offset = Annotated[int, Query(ge=0, description="Items to skip.")]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE, description="Earliest date, YYYY[-MM[-DD]].")]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE, description="Latest date, YYYY[-MM[-DD]] (a prefix: 2022-09 includes 2022-09-30).")]


def get_app(request: Request) -> App:
    return request.app.state.dyads


Workspace = Annotated[App, Depends(get_app)]


def codes(value: str | None) -> tuple[str, ...]:
    """``KAZ,CHN`` or ``KAZ-CHN`` -> ("KAZ", "CHN")."""
    if not value:
        return ()
    return tuple(part.strip().upper() for part in value.replace("-", ",").split(",") if part.strip())


@router.get("/summary", summary="What the store holds")
def summary(app: Workspace) -> dict[str, Any]:
    s = app.summary()
    return {"counts": s.counts, "stories": [asdict(x) for x in s.stories], "actors": [{"code": c, "reports": n} for c, n in s.actors]}


@router.get("/events", summary="Events, each once with all its reports, in date order")
def events(
    app: Workspace,
    actor: Annotated[list[str] | None, Query(description="An actor code that takes part (repeat for several: all must).")] = None,
    dyad: Annotated[str | None, Query(description="Two actor codes, KAZ-CHN or KAZ,CHN.")] = None,
    person: Annotated[list[str] | None, Query(description="An entity id acting or acted upon (person/xi-jinping).")] = None,
    type: Annotated[str | None, Query(description="PLOVER event type (AGREE, CONSULT, ...).")] = None,
    status: Annotated[str | None, Query(description="occurred, planned, hypothetical or negated.")] = None,
    story: Annotated[str | None, Query(description="A story id.")] = None,
    document: Annotated[str | None, Query(description="A document id.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    wanted = tuple(c.upper() for c in actor or ()) + codes(dyad)
    where = EventFilter(actors=wanted, people=tuple(person or ()), type=type, status=status, date_from=date_from,
                        date_to=date_to, story=story, doc_id=document)
    return page_json(app.events(where, limit, offset), event_json)


@router.get("/events/{key:path}", summary="One event with every report of it")
def event(key: str, app: Workspace) -> dict[str, Any]:
    record = app.event(key)
    if record is None:
        raise HTTPException(404, f"no event {key!r}")
    return event_json(record)


@router.get("/timeline", summary="The events of an actor or a dyad, in date order")
def timeline(
    app: Workspace,
    actors: Annotated[str, Query(description="One or two actor codes: KAZ or KAZ,CHN.")],
    date_from: DateFrom = None,
    date_to: DateTo = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    wanted = codes(actors)
    if not 1 <= len(wanted) <= 2:
        raise HTTPException(422, "actors: one code (an actor) or two (a dyad), e.g. KAZ,CHN")
    return page_json(app.timeline(wanted, date_from, date_to, limit, offset), event_json)


@router.get("/actors", summary="People, states and organisations by name")
def actors(
    app: Workspace,
    q: Annotated[str | None, Query(description="Part of a name (accents and case ignored) or of an id.")] = None,
    type: Annotated[str | None, Query(description="PERSON, COUNTRY, ORG or PLACE.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return page_json(app.actors(q, type, limit, offset))


@router.get("/actors/{entity_id:path}", summary="One actor: offices over time, articles, events, quotes")
def actor(entity_id: str, app: Workspace) -> dict[str, Any]:
    view = app.actor(entity_id)
    if view is None:
        raise HTTPException(404, f"no actor {entity_id!r}")
    return profile_json(view)


@router.get("/quotes", summary="Statements, each once with every outlet that reported it")
def quotes(
    app: Workspace,
    speaker: Annotated[str | None, Query(description="A speaker's name or id.")] = None,
    about: Annotated[str | None, Query(description="Only statements naming this actor (KAZ, SCO, a person).")] = None,
    kind: Annotated[str | None, Query(pattern="^(direct|indirect)$")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = app.quotes(speaker, about, kind, limit, offset)
    return page_json(found, lambda s: {
        "id": s.id, "speaker": s.speaker, "speaker_name": s.speaker_name, "kind": s.kind, "text": s.text,
        "published": s.published, "office": app.office_on(s.speaker, s.published) if s.speaker else None,
        "sources": [{"doc_id": r["doc_id"], "outlet": r["outlet"], "source": r["source"], "published": r["published"],
                     "start": r["start"], "end": r["end"]} for r in s.reports]})


@router.get("/stories", summary="Stories (real-world events), latest first")
def stories(app: Workspace, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return page_json(app.stories(limit, offset), asdict)


@router.get("/stories/{story_id}", summary="One story: its articles, outlets and merged events")
def story(story_id: str, app: Workspace) -> dict[str, Any]:
    view = app.story(story_id)
    if view is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return {"id": view.id, "articles": view.articles, "outlets": view.outlets, "events": [event_json(r) for r in view.events]}


@router.get("/documents", summary="Articles (without bodies), newest first")
def documents(
    app: Workspace,
    story: Annotated[str | None, Query(description="Only the articles of this story.")] = None,
    outlet: Annotated[str | None, Query(description="Only the articles of this outlet.")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return page_json(app.documents(limit, offset, story=story, outlet=outlet))


@router.get("/documents/{doc_id}", summary="One article as contract JSON, with the debris removed and why")
def document(doc_id: str, app: Workspace) -> dict[str, Any]:
    data = app.document(doc_id)
    if data is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return data


@router.get("/search", summary="Full-text search over titles and bodies")
def search(
    app: Workspace,
    q: Annotated[str, Query(min_length=1, description="Words that must all occur.")],
    limit: Limit = 20,
    offset: Offset = 0,
) -> dict[str, Any]:
    result = page_json(app.search(q, limit, offset), lambda hit: hit.to_json())
    result["actors"] = app.actors(q, limit=10).items
    return result


@router.get("/graph", summary="Who interacts with whom: pairs, event counts, mean PLOVER score")
def graph(
    app: Workspace,
    kind: Annotated[str, Query(pattern="^(code|person)$", description="code: states and organisations; person: people.")] = "code",
    limit: Annotated[int, Query(ge=1, le=500)] = 60,
) -> dict[str, Any]:
    g = app.graph(kind, limit)
    return {"kind": g.kind, "nodes": g.nodes, "edges": [asdict(e) for e in g.edges]}


MEDIA_TYPES = {"plover-json": "application/x-ndjson", "csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
SUFFIXES = {"plover-json": "jsonl", "csv": "csv", "parquet": "parquet"}


@router.get("/export", summary="Every event once: PLOVER JSON lines, CSV or Parquet (as `dyads export`)")
def export(
    app: Workspace,
    format: Annotated[str, Query(pattern="^(" + "|".join(EXPORT_FORMATS) + ")$")] = "plover-json",
    actors: Annotated[str | None, Query(description="Only events with these codes: KAZ,CHN.")] = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Response:
    chunks = app.export_chunks(format, codes(actors), date_from, date_to)  # streamed: a big store is not held in memory
    return StreamingResponse(chunks, media_type=MEDIA_TYPES[format],
                             headers={"Content-Disposition": f'attachment; filename="events.{SUFFIXES[format]}"'})
