"""Event records: one row per real-world event, read from the store.

An event reported by several articles of one story was given one event key
by ``consolidate``; here those reports become one ``EventRecord`` with every
source and evidence sentence (GDELT's NumArticles / NumSources, counted once
per article and once per outlet). Details the reports disagree on (the date,
the location) are kept with their sources in ``conflicts`` rather than
overwritten; the record's own value is the one most articles give.

The timeline and every export format read these records, so they all count
an event the same way.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


# PLOVER type -> CAMEO root code (two digits), for GDELT-style tables. PLOVER
# was designed as a recoding of CAMEO's 20 roots; INVESTIGATE-like and mass
# violence roots (09, 20) have no PLOVER type of their own here.
CAMEO_ROOT = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "RETREAT": "08", "CONCEDE": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}
# QuadClass as GDELT defines it: 1 verbal cooperation, 2 material cooperation,
# 3 verbal conflict, 4 material conflict
QUAD_CLASS = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2, "CONCEDE": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "MOBILIZE": 4,
    "SANCTION": 4, "COERCE": 4, "ASSAULT": 4,
}


@dataclass
class Source:
    doc_id: str
    source: str
    outlet: str | None
    published: str | None
    evidence: list[int]
    sentence: str
    date: str | None
    location: str | None


@dataclass
class EventRecord:
    key: str
    type: str
    mode: str | None
    actors: list[str]
    status: str
    date: str | None
    location: str | None
    location_country: str | None
    score: float
    story: str | None
    actor_people: list[str] = field(default_factory=list)
    recipient_people: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    conflicts: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # field -> value -> doc ids

    @property
    def num_articles(self) -> int:
        return len({s.doc_id for s in self.sources})

    @property
    def num_sources(self) -> int:
        return len({s.outlet or s.source for s in self.sources})

    @property
    def placed_on(self) -> str | None:
        """The date to sort by: the event's, else the first publication date."""
        return self.date or min((s.published for s in self.sources if s.published), default=None)

    def involves(self, codes: set[str]) -> bool:
        return codes <= set(self.actors)

    def to_plover(self) -> dict[str, Any]:
        """A PLOVER-style record (event, mode, actor, recipient, date, location) with its sources."""
        return {
            "id": self.key,
            "date": self.date,
            "event": self.type,
            "mode": self.mode,
            "status": self.status,
            "actor": self.actors[:1],
            "recipient": self.actors[1:],
            "actor_people": self.actor_people,
            "recipient_people": self.recipient_people,
            "location": {"name": self.location, "country": self.location_country} if self.location else None,
            "score": self.score,
            "cameo_root": CAMEO_ROOT.get(self.type),
            "story": self.story,
            "num_articles": self.num_articles,
            "num_sources": self.num_sources,
            "conflicts": self.conflicts,
            "sources": [
                {"doc_id": s.doc_id, "source": s.source, "outlet": s.outlet, "published": s.published,
                 "evidence": s.evidence, "text": s.sentence}
                for s in self.sources
            ],
        }

    def to_row(self) -> dict[str, Any]:
        """A flat GDELT-like row."""
        first = self.sources[0] if self.sources else None
        return {
            "GlobalEventID": self.key,
            "Day": self.date or "",
            "DatePlaced": "" if self.date else (self.placed_on or ""),
            "Actor1Code": self.actors[0] if self.actors else "",
            "Actor2Code": self.actors[1] if len(self.actors) > 1 else "",
            "OtherActors": ";".join(self.actors[2:]),
            "EventType": self.type,
            "EventMode": self.mode or "",
            "EventRootCode": CAMEO_ROOT.get(self.type, ""),
            "QuadClass": QUAD_CLASS.get(self.type, ""),
            "PloverScore": self.score,
            "Status": self.status,
            "NumArticles": self.num_articles,
            "NumSources": self.num_sources,
            "ActionGeo_FullName": self.location or "",
            "ActionGeo_CountryCode": self.location_country or "",
            "Conflicts": json.dumps(self.conflicts, ensure_ascii=False) if self.conflicts else "",
            "StoryID": self.story or "",
            "SourceDoc": first.doc_id if first else "",
            "SourceURL": first.source if first else "",
            "EvidenceStart": first.evidence[0] if first else "",
            "EvidenceEnd": first.evidence[1] if first else "",
            "Evidence": (first.sentence or "").replace("\n", " ") if first else "",
        }


def record_key(row: dict) -> str:
    """The key of the event a stored report belongs to (its own, when consolidation gave none)."""
    return row["event_key"] or f"{row['doc_id']}:{row['start']}:{row['type']}"


def records_from_rows(rows: Iterable[dict]) -> list[EventRecord]:
    """Group stored reports (event rows joined with their document) into one record per event, in first-seen order."""
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(record_key(row), []).append(row)
    return [_record(key, group) for key, group in grouped.items()]


def _record(key: str, rows: list[dict]) -> EventRecord:
    first = rows[0]
    sources = [
        Source(r["doc_id"], r["source"], r["outlet"], r["published"], [r["start"], r["end"]], r["sentence"] or "", r["date"], r["location"])
        for r in rows
    ]
    conflicts: dict[str, dict[str, list[str]]] = {}
    chosen: dict[str, str | None] = {}
    for name in ("date", "location"):
        values: dict[str, list[str]] = {}
        for s in sources:
            value = getattr(s, name)
            if value:
                values.setdefault(value, []).append(s.doc_id)
        if len(values) > 1:
            conflicts[name] = values
        # the most reported value; on a tie the most precise date (longest)
        chosen[name] = max(values, key=lambda v: (len(values[v]), len(v))) if values else None
    people_actor = Counter(p for r in rows for p in json.loads(r["actor"] or "[]"))
    people_recipient = Counter(p for r in rows for p in json.loads(r["recipient"] or "[]"))
    location_country = next((r["location_country"] for r in rows if r["location"] == chosen["location"] and r["location_country"]), None)
    return EventRecord(
        key=key, type=first["type"], mode=first["mode"], actors=json.loads(first["actors"]), status=first["status"],
        date=chosen["date"], location=chosen["location"], location_country=location_country, score=first["score"],
        story=first["story"], actor_people=list(people_actor), recipient_people=list(people_recipient),
        sources=sources, conflicts=conflicts,
    )


def source_name(source: Source) -> str:
    return source.outlet or Path(source.source).name
