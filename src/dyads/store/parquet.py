"""Parquet files of documents, events and quotes, for cluster-scale use downstream (Spark, DuckDB, pandas).

``dyads process PATH --parquet DIR`` writes DIR/documents.parquet, DIR/events.parquet
and DIR/quotes.parquet: one row per document, per event mention and per quote, each
with its document id and character evidence. Rows are written in bounded row groups
as documents arrive, so a stream of any length is written in constant memory.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dyads.model import Document

STRINGS = pa.list_(pa.string())
SPANS = pa.list_(pa.list_(pa.int64()))

SCHEMAS = {
    "documents": pa.schema([
        ("id", pa.string()), ("source", pa.string()), ("url", pa.string()), ("title", pa.string()),
        ("published", pa.string()), ("dateline", pa.string()), ("outlet", pa.string()), ("language", pa.string()),
        ("story", pa.string()), ("duplicate_of", pa.string()), ("body", pa.string()),
        ("people", STRINGS), ("countries", STRINGS),
    ]),
    "events": pa.schema([
        ("doc_id", pa.string()), ("key", pa.string()), ("type", pa.string()), ("mode", pa.string()),
        ("actors", STRINGS), ("actor", STRINGS), ("recipient", STRINGS), ("date", pa.string()),
        ("status", pa.string()), ("location", pa.string()), ("location_country", pa.string()),
        ("directed", pa.bool_()), ("score", pa.float64()), ("trigger", pa.string()),
        ("evidence_start", pa.int64()), ("evidence_end", pa.int64()), ("more_evidence", SPANS), ("sentence", pa.string()),
        ("story", pa.string()), ("published", pa.string()),
    ]),
    "quotes": pa.schema([
        ("doc_id", pa.string()), ("start", pa.int64()), ("end", pa.int64()), ("text", pa.string()),
        ("speaker", pa.string()), ("speaker_name", pa.string()), ("kind", pa.string()), ("partial", pa.bool_()),
        ("statement", pa.string()), ("story", pa.string()), ("published", pa.string()),
    ]),
}
ROWS_PER_GROUP = 5_000


def document_rows(doc: Document) -> dict[str, list[dict]]:
    """The rows ``doc`` adds to each table."""
    return {
        "documents": [{
            "id": doc.id, "source": doc.source, "url": doc.url, "title": doc.title, "published": doc.published,
            "dateline": doc.dateline, "outlet": doc.outlet, "language": doc.language, "story": doc.story,
            "duplicate_of": doc.duplicate_of, "body": doc.body,
            "people": [e.id for e in doc.entities if e.type == "PERSON"],
            "countries": sorted({e.country for e in doc.entities if e.type == "COUNTRY" and e.country}),
        }],
        "events": [{
            "doc_id": doc.id, "key": e.key, "type": e.type, "mode": e.mode, "actors": list(e.actors), "actor": list(e.actor),
            "recipient": list(e.recipient), "date": e.date, "status": e.status, "location": e.location,
            "location_country": e.location_country, "directed": e.directed, "score": e.score, "trigger": e.trigger,
            "evidence_start": e.evidence[0], "evidence_end": e.evidence[1], "more_evidence": [list(x) for x in e.more_evidence],
            "sentence": e.sentence, "story": doc.story, "published": doc.published,
        } for e in doc.events],
        "quotes": [{
            "doc_id": doc.id, "start": q.start, "end": q.end, "text": q.text, "speaker": q.speaker,
            "speaker_name": q.speaker_name, "kind": q.kind, "partial": q.partial, "statement": q.statement,
            "story": doc.story, "published": doc.published,
        } for q in doc.quotes],
    }


class ParquetWriter:
    """Collects documents' rows and writes them to DIR/<table>.parquet in row groups."""

    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.pending: dict[str, list[dict]] = {name: [] for name in SCHEMAS}
        self.writers = {name: pq.ParquetWriter(self.folder / f"{name}.parquet", schema) for name, schema in SCHEMAS.items()}
        self.counts = {name: 0 for name in SCHEMAS}

    def add(self, doc: Document) -> None:
        for name, rows in document_rows(doc).items():
            self.pending[name].extend(rows)
            if len(self.pending[name]) >= ROWS_PER_GROUP:
                self._flush(name)

    def _flush(self, name: str) -> None:
        rows = self.pending[name]
        if rows:
            self.writers[name].write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]))
            self.counts[name] += len(rows)
            self.pending[name] = []

    def close(self) -> dict[str, int]:
        """Write what is left; returns the number of rows of each table."""
        for name in SCHEMAS:
            self._flush(name)
            self.writers[name].close()
        return dict(self.counts)

    def __enter__(self) -> "ParquetWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
