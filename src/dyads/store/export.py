"""Writing event records: PLOVER JSON lines, CSV, Parquet (pyarrow).

CSV cells are made safe to open in a spreadsheet (``terminal.csv_cell``: a cell
starting with = + - @, tab or CR gets a leading ', the OWASP rule against CSV
injection); JSON and Parquet are data formats and keep the text as it is.
Records are written as they arrive, a few hundred at a time, so an export of
a big store does not hold it in memory.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from dyads.store.records import EventRecord
from dyads.terminal import csv_cell


def write(records: Iterable[EventRecord], format: str, output: Path | None) -> int:
    """Write the records as they come (memory stays flat on a big store); returns how many."""
    if format == "parquet":
        return _write_parquet(records, output)
    if format not in TEXT_FORMATS:
        raise ValueError(f"unknown format {format!r}")
    counted = _Counter(records)
    if output is None:
        sys.stdout.writelines(text_chunks(counted, format))
    else:
        with Path(output).open("w", encoding="utf-8", newline="") as stream:
            stream.writelines(text_chunks(counted, format))
    return counted.n


TEXT_FORMATS = ("plover-json", "csv")
CHUNK = 500  # records per piece of text or Parquet row group


def text_chunks(records: Iterable[EventRecord], format: str) -> Iterator[str]:
    """A JSON-lines or CSV export as pieces of text, a few hundred records each."""
    buffer = io.StringIO()
    writer = None
    if format == "csv":
        writer = csv.DictWriter(buffer, fieldnames=list(_empty_row()))
        writer.writeheader()
    for i, record in enumerate(records, 1):
        if writer is None:
            buffer.write(json.dumps(record.to_plover(), ensure_ascii=False) + "\n")
        else:
            writer.writerow({k: csv_cell(v) for k, v in record.to_row().items()})
        if i % CHUNK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue()


def _write_parquet(records: Iterable[EventRecord], output: Path | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    if output is None:
        raise ValueError("parquet is written to a file (--output)")
    columns = list(_empty_row())
    schema = pa.schema([(c, pa.int64() if c in INTEGER_COLUMNS else pa.string()) for c in columns])
    n = 0
    with pq.ParquetWriter(output, schema) as writer:
        rows: list[dict] = []
        for record in records:
            rows.append(record.to_row())
            n += 1
            if len(rows) == CHUNK:
                writer.write_table(_parquet_table(rows, columns, schema))
                rows = []
        if rows or n == 0:
            writer.write_table(_parquet_table(rows, columns, schema))
    return n


def _parquet_table(rows: list[dict], columns: list[str], schema):
    import pyarrow as pa

    return pa.table({c: [row[c] if c in INTEGER_COLUMNS else str(row[c]) for row in rows] for c in columns}, schema=schema)


class _Counter:
    """Passes records through and counts them."""

    def __init__(self, records: Iterable[EventRecord]):
        self.records, self.n = records, 0

    def __iter__(self) -> Iterator[EventRecord]:
        for record in self.records:
            self.n += 1
            yield record


INTEGER_COLUMNS = {"NumArticles", "NumSources"}


def _empty_row() -> dict:
    """The column names, for an export with no events."""
    return EventRecord("", "", None, [], "", None, None, None, 0.0, None).to_row()
