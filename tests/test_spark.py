"""The Spark engine gives the same output as the local one (one local Spark session for the whole run)."""

import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from dyads.cli import app

from tests.conftest import SEEDS

runner = CliRunner()
MASTER = "local[2]"
# starting the JVM and Spark's Python workers takes tens of seconds on a busy machine
pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="session")
def spark():
    from dyads.annotate.spark import spark_session

    session = spark_session(MASTER)
    yield session
    session.stop()


def test_process_on_spark_prints_what_the_local_engine_prints_and_writes_parquet(spark, tmp_path):
    local = runner.invoke(app, ["process", str(SEEDS)])
    on_spark = runner.invoke(app, ["process", str(SEEDS), "--engine", "spark", "--master", MASTER, "--parquet", str(tmp_path)])
    assert local.exit_code == on_spark.exit_code == 0, on_spark.output
    assert on_spark.stdout == local.stdout
    docs = [json.loads(line) for line in local.stdout.splitlines()]
    assert len(docs) == len(list(SEEDS.glob("*.txt")))

    documents = pq.read_table(tmp_path / "documents.parquet").to_pylist()
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    quotes = pq.read_table(tmp_path / "quotes.parquet").to_pylist()
    assert [d["id"] for d in documents] == [d["id"] for d in docs]
    assert len(events) == sum(len(d["events"]) for d in docs) > 0
    assert len(quotes) == sum(len(d["quotes"]) for d in docs) > 0
    expected = [(d["id"], e["type"], e["evidence"], e["key"]) for d in docs for e in d["events"]]
    assert [(e["doc_id"], e["type"], [e["evidence_start"], e["evidence_end"]], e["key"]) for e in events] == expected
    bodies = {d["id"]: d["body"] for d in documents}
    for quote in quotes:  # evidence still points into the article
        assert bodies[quote["doc_id"]][quote["start"]:quote["end"]] == quote["text"]


def test_ingest_on_spark_stores_what_the_local_engine_stores(spark, seeded_databases, tmp_path):
    db = f"sqlite:///{tmp_path / 'spark.db'}"
    result = runner.invoke(app, ["ingest", str(SEEDS), "--db", db, "--engine", "spark", "--master", MASTER])
    assert result.exit_code == 0, result.output
    local = seeded_databases("sqlite")
    for fmt in ("plover-json", "csv"):
        exports = [runner.invoke(app, ["export", "-f", fmt, "--db", url]).stdout for url in (local, db)]
        assert exports[0] == exports[1] and exports[0].strip()


def test_an_unknown_engine_is_a_clear_error():
    result = runner.invoke(app, ["process", str(SEEDS), "--engine", "hadoop"])
    assert result.exit_code == 2 and "--engine" in result.output and "spark" in result.output
