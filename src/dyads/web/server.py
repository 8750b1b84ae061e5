"""The web application: the API, the pages, the offline API docs, over one ``App``.

    dyads serve --db sqlite:///dyads.db      # http://127.0.0.1:8000/

Read-only: no endpoint writes, and the database connections themselves refuse
writes (SQLite ``query_only``, PostgreSQL read-only transactions). The
interactive API docs at ``/docs`` load Swagger UI from the ``fastapi-offline``
package's copy, served here, so they work without a network.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event

from .. import __version__
from dyads.app import App
from dyads.web import api, pages
from dyads.web.safety import SecurityHeaders, http_url

HERE = Path(__file__).parent


def templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("dyads.web", "templates"),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["http_url"] = http_url
    env.filters["arrow"] = lambda actors: "→".join(actors)
    return env


def make_read_only(app: App) -> None:
    """Every later connection of the app's engine refuses writes."""
    engine = app.store.engine

    @event.listens_for(engine, "connect")
    def refuse_writes(dbapi_connection, _record):
        cursor = dbapi_connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        elif engine.dialect.name == "postgresql":
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        cursor.close()

    engine.dispose()  # connections opened before now were writable


def create_app(app: App, read_only: bool = True) -> FastAPI:
    app.store  # open it now: a missing database is an error at start, not at the first request
    if read_only:
        make_read_only(app)
    web = FastAPI(
        title="dyads",
        version=__version__,
        description="Sourced events between states from news text: events, actors, quotes, stories, full-text search. Read-only.",
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    web.state.dyads = app
    web.state.templates = templates()
    web.add_middleware(SecurityHeaders)
    web.include_router(api.router)
    web.include_router(pages.router)
    web.mount("/static/swagger", StaticFiles(directory=_swagger_assets()), name="swagger")  # before /static, which would take it
    web.mount("/static", StaticFiles(packages=[("dyads.web", "static")]), name="static")

    @web.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs() -> HTMLResponse:
        return HTMLResponse(
            "<!doctype html><html lang=en><head><meta charset=utf-8><title>dyads API</title>"
            '<link rel=stylesheet href="/static/swagger/swagger-ui.css"></head>'
            '<body><div id="swagger-ui"></div><script src="/static/swagger/swagger-ui-bundle.js"></script>'
            '<script src="/static/docs.js"></script></body></html>'
        )

    return web


def _swagger_assets() -> str:
    """Swagger UI's script and style, as the fastapi-offline package ships them."""
    import fastapi_offline

    return str(Path(fastapi_offline.__file__).parent / "static")
