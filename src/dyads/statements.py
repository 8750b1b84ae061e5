"""Statements: stored quotes grouped by statement id (one statement, several outlets)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from .store import Store, mentions


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


def statements(store: Store, speakers: set[str] | None = None, about: set[str] | None = None, kind: str | None = None) -> list[Statement]:
    """Statements in date order; ``about``: only those whose text mentions one of these entities."""
    rows = store.quote_rows()
    if speakers is not None:
        rows = [r for r in rows if r["speaker"] in speakers]
    if kind:
        rows = [r for r in rows if r["kind"] == kind]
    if about is not None:
        named = store.query(select(mentions.c.doc_id, mentions.c.start).where(mentions.c.entity_id.in_(about)))
        by_doc: dict[str, list[int]] = {}
        for m in named:
            by_doc.setdefault(m["doc_id"], []).append(m["start"])
        rows = [r for r in rows if any(r["start"] <= s < r["end"] for s in by_doc.get(r["doc_id"], []))]
    grouped: dict[str, Statement] = {}
    for r in rows:
        key = r["statement"] or f"{r['doc_id']}:{r['start']}"
        st = grouped.get(key)
        if st is None:
            st = grouped[key] = Statement(key, r["speaker"], r["speaker_name"], r["kind"], r["text"], r["published"])
        st.reports.append(r)
    return sorted(grouped.values(), key=lambda s: (s.published or "9999", s.id))
