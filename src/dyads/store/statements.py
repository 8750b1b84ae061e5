"""Statements: stored quotes grouped by statement id (one statement, several outlets), a page at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import String, case, cast, func, literal, select

from dyads.store.queries import Page
from dyads.store.database import Store, documents, mentions, quotes


@dataclass
class Statement:
    id: str
    speaker: str | None
    speaker_name: str | None
    kind: str
    text: str
    published: str | None
    reports: list[dict[str, Any]] = field(default_factory=list)

    def source_names(self) -> list[str]:
        return sorted({r["outlet"] or Path(r["source"]).name for r in self.reports})


def statement_page(store: Store, speakers: set[str] | None = None, about: set[str] | None = None, kind: str | None = None,
                   limit: int | None = 50, offset: int = 0) -> Page[Statement]:
    """Statements in date order (the earliest report's, undated last), one page of them; ``limit=None``: all.

    Filtering, grouping by statement and counting happen in the database; only
    the reports of the statements on the page are read. ``about``: only
    statements whose text mentions one of these entities.
    """
    key = func.coalesce(quotes.c.statement, quotes.c.doc_id + literal(":") + cast(quotes.c.start, String))
    conditions = []
    if speakers is not None:
        conditions.append(quotes.c.speaker.in_(sorted(speakers)))
    if kind:
        conditions.append(quotes.c.kind == kind)
    if about is not None:
        conditions.append(select(mentions.c.doc_id).where(
            mentions.c.doc_id == quotes.c.doc_id, mentions.c.entity_id.in_(sorted(about)),
            mentions.c.start >= quotes.c.start, mentions.c.start < quotes.c.end,
        ).exists())
    joined = quotes.join(documents, documents.c.id == quotes.c.doc_id)
    grouped = select(key.label("key"), func.min(documents.c.published).label("published")).select_from(joined).where(*conditions).group_by(key).subquery()
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(grouped)).scalar_one()
        keys = list(conn.execute(
            select(grouped.c.key).order_by(case((grouped.c.published.is_(None), 1), else_=0), grouped.c.published, grouped.c.key)
            .limit(limit).offset(max(0, offset))
        ).scalars())
        rows = []
        for i in range(0, len(keys), 500):  # bounded IN lists
            rows += conn.execute(
                select(quotes, documents.c.story, documents.c.source, documents.c.outlet, documents.c.published, key.label("key"))
                .select_from(joined).where(key.in_(keys[i:i + 500]), *conditions)
                .order_by(documents.c.published.nulls_first(), quotes.c.doc_id, quotes.c.start)
            ).all()
    by_key: dict[str, Statement] = {}
    for row in rows:
        r = dict(row._mapping)
        st = by_key.get(r["key"])
        if st is None:
            st = by_key[r["key"]] = Statement(r["key"], r["speaker"], r["speaker_name"], r["kind"], r["text"], r["published"])
        st.reports.append(r)
    return Page([by_key[k] for k in keys if k in by_key], total, total if limit is None else limit, offset)
