"""The data model: what flows through the pipeline and what is stored.

Every extracted fact carries its evidence as character offsets into
``Document.body``. ``Document.to_contract()`` is the per-document JSON described
in docs/output-contract.md; everything else here is the project's own detail.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


def content_id(data: bytes | str) -> str:
    """Stable id of a raw input: the first 16 hex digits of its SHA-256."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


@dataclass
class RawDocument:
    """One article as a reader found it, before cleaning.

    Exactly one of ``text`` and ``html`` is set. Metadata given by the source
    (a JSONL field, an RSS entry, HTML meta tags) travels in the other fields.
    """

    source: str
    id: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None


@dataclass
class Removed:
    """A piece of the raw text that cleaning took out, and why."""

    text: str
    reason: str


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str = "name"  # name | surname | title+name | description | pronoun | acronym

    def span(self) -> list[int]:
        return [self.start, self.end]


@dataclass
class Entity:
    """A person, country, organisation or place within one document.

    ``id`` is corpus-wide: it is derived from ``key`` (a normalised canonical
    name), so the same person in two documents gets the same id.
    """

    id: str
    name: str
    type: str  # PERSON | COUNTRY | ORG | PLACE
    key: str
    country: str | None = None
    titles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    # what kind of organisation: an institution of a state (foreign_ministry, presidency, parliament,
    # armed_forces, news_agency, ...) or None
    kind: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "titles": list(self.titles),
            "mentions": [m.span() for m in sorted(self.mentions, key=lambda m: m.start)],
        }


@dataclass
class TimeExpression:
    start: int
    end: int
    text: str
    value: str | None
    kind: str = "date"  # date | duration | set | time
    # the TimeML extent inside start:end, without signal words ("on Friday" -> "Friday");
    # start:end is the phrase as written, so that it covers either way of marking it
    timeml: tuple[int, int] | None = None

    def to_contract(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "value": self.value}

    def timeml_span(self) -> tuple[int, int]:
        return self.timeml or (self.start, self.end)


@dataclass
class Event:
    type: str
    actors: list[str]
    evidence: list[int]
    mode: str | None = None
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    date: str | None = None
    status: str = "occurred"
    location: str | None = None
    location_country: str | None = None  # ISO alpha-3 of the location, when known
    directed: bool = True  # False: all participants act alike (meetings, agreements signed together)
    score: float = 0.0
    trigger: str = ""
    sentence: str = ""
    # other sentences of the same document that state the same event
    more_evidence: list[list[int]] = field(default_factory=list)
    # shared by the same event reported in several articles (set by consolidate)
    key: str | None = None

    def to_contract(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "mode": self.mode,
            "actors": list(self.actors),
            "actor": list(self.actor),
            "recipient": list(self.recipient),
            "date": self.date,
            "status": self.status,
            "location": self.location,
            "location_country": self.location_country,
            "directed": self.directed,
            "evidence": list(self.evidence),
            "score": self.score,
            "trigger": self.trigger,
            "more_evidence": [list(e) for e in self.more_evidence],
            "key": self.key,
        }


@dataclass
class Quote:
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_name: str | None = None
    kind: str = "direct"  # direct | indirect
    partial: bool = False
    cue: str | None = None
    statement: str | None = None  # id shared by the same statement in several outlets

    def to_contract(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_name": self.speaker_name,
            "kind": self.kind,
            "partial": self.partial,
            "statement": self.statement,
        }


@dataclass
class Document:
    """A cleaned article and everything extracted from it."""

    id: str
    source: str
    body: str
    title: str | None = None
    published: str | None = None
    dateline: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str = "en"
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    story: str | None = None
    duplicate_of: str | None = None  # an earlier article with (nearly) the same text

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def to_contract(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "dateline": self.dateline,
            "outlet": self.outlet,
            "language": self.language,
            "url": self.url,
            "body": self.body,
            "removed": [asdict(r) for r in self.removed],
            "entities": [e.to_contract() for e in self.entities],
            "times": [t.to_contract() for t in self.times],
            "events": [e.to_contract() for e in self.events],
            "quotes": [q.to_contract() for q in self.quotes],
            "story": self.story,
            "duplicate_of": self.duplicate_of,
        }
