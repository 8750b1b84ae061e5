"""Actors across the corpus: find a person by any form of their name, and their record.

``profile`` gathers what the store knows of one entity: the offices it was
given (with the state, first and last date seen and the articles that say so),
the articles that mention it, the events it took part in and what it said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from dyads.annotate.countries import gazetteer
from dyads.annotate.entities import fold, spelling_key
from dyads.store.queries import MAX_PAGE, EventFilter, event_page
from dyads.store.records import EventRecord
from dyads.store.database import Store, documents, mentions, roles


@dataclass
class Role:
    title: str
    country: str | None
    first: str | None
    last: str | None
    articles: list[str] = field(default_factory=list)


@dataclass
class Profile:
    entity: dict[str, Any]
    roles: list[Role]
    articles: list[dict[str, Any]]
    events: list[EventRecord]
    quotes: list[dict[str, Any]]


def find(store: Store, query: str, entity_type: str | None = None) -> list[dict[str, Any]]:
    """Entities whose id, full name, surname or acronym is ``query``.

    Accents, case, hyphens and the usual romanisation variants are ignored
    ("Kassym Jomart Tokayev" and "Tokaev" find Kassym-Jomart Tokayev); an
    organisation is found by its acronym or any name the gazetteer knows
    ("SCO", "Shanghai Cooperation Organisation"). An exact id, name or
    acronym wins; else every entity whose name has all the words asked for.
    """
    wanted = _name_words(query)
    rows = store.entity_rows(entity_type)
    org = gazetteer().lookup(query.strip())
    org_id = f"org/{org.code}" if org and org.kind == "org" else None
    exact = [r for r in rows if r["id"] == query or r["id"] == org_id or r["id"].casefold() == f"org/{query.strip()}".casefold()
             or (wanted and "".join(_name_words(r["name"])) == "".join(wanted)) or r["key"] == fold(query)]
    if exact:
        return exact
    return [r for r in rows if wanted and all(w in _name_words(r["name"]) for w in wanted)]


def _name_words(name: str) -> list[str]:
    """The words of a name as ``spelling_key`` spells them, a hyphen separating words
    (Kassym-Jomart is Kassym Jomart)."""
    return spelling_key(re.sub(r"[‐‑–—-]", " ", name)).split()


def profile(store: Store, entity: dict[str, Any]) -> Profile:
    entity_id = entity["id"]
    role_rows = store.query(select(roles).where(roles.c.entity_id == entity_id))
    by_office: dict[tuple[str, str | None], Role] = {}
    for row in role_rows:
        role = by_office.setdefault((row["title"], row["country"]), Role(row["title"], row["country"], row["date"], row["date"]))
        if row["date"]:
            role.first = min(filter(None, [role.first, row["date"]]))
            role.last = max(filter(None, [role.last, row["date"]]))
        if row["doc_id"] not in role.articles:
            role.articles.append(row["doc_id"])
    article_rows = store.query(
        select(documents.c.id, documents.c.title, documents.c.published, documents.c.source, documents.c.outlet)
        .where(documents.c.id.in_(select(mentions.c.doc_id).where(mentions.c.entity_id == entity_id)))
        .order_by(documents.c.published.nulls_first())
    )
    involved = event_page(store, EventFilter(people=(entity_id,)), limit=MAX_PAGE).items
    return Profile(
        entity=entity,
        roles=sorted(by_office.values(), key=lambda r: (r.first or "", r.title)),
        articles=article_rows,
        events=involved,
        quotes=store.quote_rows(speaker=entity_id),
    )


def office_on(store: Store, entity_id: str, date: str | None) -> str | None:
    """The office a person was last given on or before ``date`` (any, when undated)."""
    rows = store.query(select(roles.c.title, roles.c.date).where(roles.c.entity_id == entity_id))
    dated = sorted((r for r in rows if not date or not r["date"] or r["date"] <= date), key=lambda r: r["date"] or "")
    return dated[-1]["title"] if dated else None


def roster_offices(name: str):
    """The offices the shipped roster (data/roster.tsv) records for a person, by any of their
    spellings or a surname only they bear, in date order: shown beside the offices the articles give."""
    from dyads.annotate.roster import roster

    return sorted(roster().tenures_of(name), key=lambda t: t.start)
