"""Export and timeline: each real-world event once, with all its sources, in every format."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from dyads.cli import app

from tests.conftest import SEEDS

runner = CliRunner()


def _plover(db, *args):
    result = runner.invoke(app, ["export", "-f", "plover-json", "--db", db, *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_plover_records_carry_sources_with_evidence(seeded_db):
    records = _plover(seeded_db)
    assert records
    bodies = {}
    for record in records:
        assert record["event"] and record["actor"] and record["sources"]
        for source in record["sources"]:
            if source["doc_id"] not in bodies:
                shown = runner.invoke(app, ["show", source["doc_id"], "--db", seeded_db])
                bodies[source["doc_id"]] = json.loads(shown.stdout)["body"]
            start, end = source["evidence"]
            assert bodies[source["doc_id"]][start:end] == source["text"]


def test_one_visit_reported_by_two_outlets_is_one_event_with_two_articles(seeded_db):
    visits = [r for r in _plover(seeded_db, "CHN", "KAZ") if r["event"] == "CONSULT" and r["actor"] == ["CHN"]
              and r["status"] == "occurred" and r["num_articles"] == 2]
    assert visits, "Xi Jinping's 2022 visit, told by two outlets, should be one event with two articles"
    assert len({s["doc_id"] for s in visits[0]["sources"]}) == 2


def test_csv_has_gdelt_like_columns_and_cameo_roots(seeded_db):
    result = runner.invoke(app, ["export", "-f", "csv", "--db", seeded_db, "--from", "2022", "--to", "2022"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    for row in rows:
        assert (row["Day"] or row["DatePlaced"]).startswith("2022")
        assert row["EventRootCode"] == {"CONSULT": "04", "SUPPORT": "05", "AGREE": "03", "COOPERATE": "06"}.get(row["EventType"], row["EventRootCode"])
        assert int(row["NumArticles"]) >= 1 and row["Evidence"]


def test_parquet_export_is_readable(seeded_db, tmp_path):
    import pyarrow.parquet as pq

    target = tmp_path / "events.parquet"
    result = runner.invoke(app, ["export", "-f", "parquet", "-o", str(target), "--db", seeded_db])
    assert result.exit_code == 0, result.output
    table = pq.read_table(target)
    assert table.num_rows == len(_plover(seeded_db))
    assert {"Actor1Code", "Actor2Code", "EventRootCode", "NumSources"} <= set(table.column_names)


def test_export_explains_a_wrong_format_a_bad_date_and_an_unwritable_file(seeded_db, tmp_path):
    result = runner.invoke(app, ["export", "-f", "xml", "--db", seeded_db])
    assert result.exit_code == 2 and "plover-json" in result.output
    result = runner.invoke(app, ["export", "--from", "May 2022", "--db", seeded_db])
    assert result.exit_code == 2 and "YYYY-MM" in result.output
    result = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "missing" / "x.csv"), "--db", seeded_db])
    assert result.exit_code == 1 and "cannot write" in result.output


def test_timeline_of_a_dyad_in_date_order(seeded_db):
    result = runner.invoke(app, ["timeline", "KAZ", "CHN", "--db", seeded_db], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    lines = [line for line in result.stdout.splitlines() if line.startswith("│ ") and line[2:3].strip()]
    dates = [line.split("│")[1].strip().lstrip("~").rstrip("!") for line in lines]
    known = [d for d in dates if d != "?"]
    assert known == sorted(known)
    assert "2019-09" in dates[0]  # Tokayev's 2019 visit, a background event, comes first
