"""Writing event records: PLOVER JSON lines, CSV, Parquet (pyarrow).

CSV cells are made safe to open in a spreadsheet (``terminal.csv_cell``: a cell
starting with = + - @, tab or CR gets a leading ', the OWASP rule against CSV
injection); JSON and Parquet are data formats and keep the text as it is.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

from .records import EventRecord
from .terminal import csv_cell


def write(records: list[EventRecord], format: str, output: Path | None) -> None:
    if format == "plover-json":
        text = "".join(json.dumps(r.to_plover(), ensure_ascii=False) + "\n" for r in records)
        _emit(text, output)
    elif format == "csv":
        rows = [{k: csv_cell(v) for k, v in r.to_row().items()} for r in records]
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]) if rows else list(_empty_row()))
        writer.writeheader()
        writer.writerows(rows)
        _emit(buffer.getvalue(), output)
    elif format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [r.to_row() for r in records]
        columns = list(rows[0]) if rows else list(_empty_row())
        table = pa.table({c: [row[c] if c in INTEGER_COLUMNS else str(row[c]) for row in rows] for c in columns})
        pq.write_table(table, output)
    else:
        raise ValueError(f"unknown format {format!r}")


INTEGER_COLUMNS = {"NumArticles", "NumSources"}


def _empty_row() -> dict:
    """The column names, for an export with no events."""
    return EventRecord("", "", None, [], "", None, None, None, 0.0, None).to_row()


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
    else:
        Path(output).write_text(text, encoding="utf-8")
