import json

from typer.testing import CliRunner

from dyads.cli import app

from tests.conftest import GOLD, SEEDS

runner = CliRunner()


def test_ingest_is_idempotent_and_survives_bad_input(tmp_path, db_url):
    db = db_url
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{broken\n", encoding="utf-8")
    first = runner.invoke(app, ["ingest", str(SEEDS), str(bad), "--db", db])
    assert "ingested 5, skipped 0" in first.output and "failed 1" in first.output
    assert first.exit_code == 1  # something failed, and says so
    second = runner.invoke(app, ["ingest", str(SEEDS), "--db", db])
    assert "ingested 0, skipped 5" in second.output and second.exit_code == 0
    summary = runner.invoke(app, ["summary", "--db", db])
    assert "5 documents" in summary.output


def test_process_prints_contract_json(tmp_path):
    result = runner.invoke(app, ["process", str(SEEDS / "004_59238e75049b2153.txt")])
    assert result.exit_code == 0
    doc = json.loads(result.stdout.splitlines()[0])
    for field in ("id", "source", "title", "published", "dateline", "outlet", "language", "body", "entities", "times", "events", "quotes", "story"):
        assert field in doc
    for event in doc["events"]:
        start, end = event["evidence"]
        assert doc["body"][start:end]  # evidence points into the body
    people = {e["name"] for e in doc["entities"] if e["type"] == "PERSON"}
    assert {"Kassym-Jomart Tokayev", "Xi Jinping"} <= people


def test_show_unknown_document(db_url):
    from dyads.store.database import Store

    Store(db_url)  # an empty database: reading commands do not create one
    result = runner.invoke(app, ["show", "nope", "--db", db_url])
    assert result.exit_code == 1 and "no single document" in result.output


def test_eval_on_seed_gold_reports_every_area():
    result = runner.invoke(app, ["eval", str(GOLD), "--json"])
    report = json.loads(result.stdout)
    assert set(report) >= {"metadata", "cleaning", "people", "events", "quotes", "times", "stories"}
    assert report["cleaning"]["prose_kept"] == 1.0
    assert report["metadata"]["published"] >= 0.8
