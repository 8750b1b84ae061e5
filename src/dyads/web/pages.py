"""The workspace's HTML pages, rendered on the server from the ``App``'s answers.

Every template is autoescaped (``server.templates``); article text reaches a
page only as escaped text, and addresses only through ``safety.http_url``.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

TIMELINE_PAGE = 250  # events drawn and listed at once: a readable chart, a page that renders fast
from dyads.web.api import DATE, Workspace, codes
from dyads.web.charts import graph_layout, timeline_chart

router = APIRouter(include_in_schema=False)


def render(request: Request, template: str, status_code: int = 200, **context) -> HTMLResponse:
    html = request.app.state.templates.get_template(template).render(request=request, **context)
    return HTMLResponse(html, status_code=status_code)


def highlight(body: str, start: int | None, end: int | None) -> list[tuple[str, bool]]:
    """The body in pieces, (text, highlighted): the span start..end marked when it lies inside the body."""
    if start is None or end is None or not 0 <= start < end <= len(body):
        return [(body, False)]
    return [(body[:start], False), (body[start:end], True), (body[end:], False)]


@router.get("/", response_class=HTMLResponse)
def home(request: Request, app: Workspace):
    return render(request, "home.html", summary=app.summary(stories=12))


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    app: Workspace,
    actors: str = "",
    date_from: Annotated[str | None, Query(alias="from", pattern=DATE)] = None,
    date_to: Annotated[str | None, Query(alias="to", pattern=DATE)] = None,
    offset: Annotated[int | None, Query(ge=0)] = None,
):
    wanted = codes(actors)[:2]
    page = None
    if wanted:  # a page of events; without an offset the latest ones
        page = app.timeline(wanted, date_from, date_to, limit=TIMELINE_PAGE, offset=offset or 0, last=offset is None)
    chart = timeline_chart(page.items) if page else None
    known = app.summary(stories=0).actors if not wanted else []
    return render(request, "timeline.html", actors=wanted, page=page, chart=chart, date_from=date_from, date_to=date_to, known=known)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, app: Workspace, q: str = "", offset: Annotated[int, Query(ge=0)] = 0):
    return render(request, "actors.html", q=q, page=app.actors(q or None, limit=100, offset=offset))


@router.get("/actors/{entity_id:path}", response_class=HTMLResponse)
def actor(entity_id: str, request: Request, app: Workspace):
    view = app.actor(entity_id)
    if view is None:
        return render(request, "missing.html", status_code=404, what="actor", name=entity_id)
    return render(request, "actor.html", view=view)


@router.get("/events/{key:path}", response_class=HTMLResponse)
def event(key: str, request: Request, app: Workspace):
    record = app.event(key)
    if record is None:
        return render(request, "missing.html", status_code=404, what="event", name=key)
    first = record.sources[0]
    document = app.document(first.doc_id)
    pieces = highlight(document["body"], *first.evidence) if document else []
    return render(request, "event.html", record=record, document=document, pieces=pieces)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(
    doc_id: str,
    request: Request,
    app: Workspace,
    start: Annotated[int | None, Query(ge=0)] = None,
    end: Annotated[int | None, Query(ge=0)] = None,
):
    view = app.document_view(doc_id)
    if view is None:
        return render(request, "missing.html", status_code=404, what="document", name=doc_id)
    return render(request, "document.html", view=view, doc=view.document, pieces=highlight(view.document["body"], start, end))


@router.get("/stories", response_class=HTMLResponse)
def stories(request: Request, app: Workspace, offset: Annotated[int, Query(ge=0)] = 0):
    return render(request, "stories.html", page=app.stories(limit=100, offset=offset))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(story_id: str, request: Request, app: Workspace):
    view = app.story(story_id)
    if view is None:
        return render(request, "missing.html", status_code=404, what="story", name=story_id)
    return render(request, "story.html", view=view)


@router.get("/graph", response_class=HTMLResponse)
def graph(request: Request, app: Workspace, kind: Annotated[str, Query(pattern="^(code|person)$")] = "code"):
    g = app.graph(kind, limit=60)
    nodes, lines = graph_layout(g.nodes, g.edges)
    return render(request, "graph.html", kind=kind, graph=g, nodes=nodes, lines=lines)


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, app: Workspace, q: str = "", offset: Annotated[int, Query(ge=0)] = 0):
    hits = app.search(q, limit=20, offset=offset) if q.strip() else None
    people = app.actors(q, limit=20).items if q.strip() else []
    return render(request, "search.html", q=q, hits=hits, people=people)
