"""The store on every backend it supports (SQLite and a real PostgreSQL server the tests start)."""

import multiprocessing

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, func, select, text

from dyads.store import migrations
from dyads.model import Document, Entity, Event, Mention, Quote, TimeExpression
from dyads.store.database import SchemaMismatch, Store, documents, entities, events, mentions, metadata

from tests.pgserver import create_database


def article(number: int, shared_people: int = 5) -> Document:
    """A small annotated document; people are shared between documents so that stores race on them."""
    body = f"Article {number}. Minister Ana Example{number % shared_people} met the envoy of Ruritania on Monday."
    person = f"person/ana-example{number % shared_people}"
    return Document(
        id=f"doc{number:05d}", source=f"gen/{number}.txt", body=body, published="2024-03-0%d" % (1 + number % 9),
        entities=[
            Entity(id=person, name=f"Ana Example{number % shared_people}", type="PERSON", key=person[7:],
                   country="RUR" if number % 2 else None, titles=["minister"], mentions=[Mention(20, 40, body[20:40])]),
            Entity(id="country/RUR", name="Ruritania", type="COUNTRY", key="ruritania", country="RUR",
                   mentions=[Mention(62, 71, body[62:71])]),
        ],
        times=[TimeExpression(75, 81, "Monday", "2024-03-04")],
        events=[Event(type="MEET", actors=["RUR"], evidence=[0, len(body)], actor=[person], sentence=body)],
        quotes=[Quote(0, 10, body[:10], speaker=person)],
    )


def test_migrations_build_exactly_the_declared_schema(db_url):
    store = Store(db_url)
    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn, opts={"include_name": migrations.declared_in_store}), metadata)
        assert migrations.current(conn) == migrations.head()
    assert differences == [], "store.py and dyads/migrations disagree: add a migration for the change"


def test_save_is_one_transaction_and_idempotent(db_url):
    store = Store(db_url)
    doc = article(1)
    assert store.save(doc, {"words": ["x"]}) is True
    assert store.save(doc, {"words": ["x"]}) is False  # same content, same id: nothing added
    assert store.has(doc.id) and not store.has("nope")
    counts = store.counts()
    assert (counts["documents"], counts["entities"], counts["mentions"], counts["events"], counts["quotes"], counts["times"]) == (1, 2, 2, 1, 1, 1)
    assert store.document("doc0")["body"] == doc.body  # a unique prefix is enough
    assert list(store.signatures()) == [(doc.id, None, {"words": ["x"]})]
    store.delete(doc.id)
    assert store.counts()["documents"] == 0 and store.counts()["mentions"] == 0


def test_a_later_article_fills_in_whom_a_person_serves(db_url):
    store = Store(db_url)
    store.save(article(10))  # even number: country unknown
    store.save(article(15))  # same person (15 % 5 == 10 % 5), country RUR
    row = store.entity_rows("PERSON")[0]
    assert row["id"] == "person/ana-example0" and row["country"] == "RUR"


def test_reopening_a_store_keeps_its_data(db_url):
    Store(db_url).save(article(2))
    assert Store(db_url).counts()["documents"] == 1


def test_a_database_from_before_alembic_is_adopted_and_migrated(db_url):
    engine = create_engine(db_url)
    with engine.begin() as conn:  # the schema dyads wrote by hand: tables plus meta.schema_version = 2
        from alembic import command

        command.upgrade(migrations.config(conn), migrations.BASELINE)
        conn.execute(text("DROP TABLE alembic_version"))
        conn.execute(text("INSERT INTO documents (id, source, body, contract) VALUES ('old', 'old.txt', 'b', '{}')"))
    engine.dispose()
    store = Store(db_url)
    assert store.has("old")
    with store.engine.connect() as conn:
        assert migrations.current(conn) == migrations.head()


def test_a_database_of_an_unknown_schema_is_refused(db_url):
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE meta (key VARCHAR(64) PRIMARY KEY, value TEXT)"))
        conn.execute(text("INSERT INTO meta VALUES ('schema_version', '1')"))
        conn.execute(text("CREATE TABLE documents (id VARCHAR(32) PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(SchemaMismatch, match="schema version 1"):
        Store(db_url)


def _save_all(url: str, order: list[int], ready, results) -> None:
    store = Store(url)
    ready.wait()
    results.put(sum(store.save(article(n)) for n in order))


@pytest.mark.timeout(300)  # two Python processes start and import dyads
def test_two_concurrent_writers_to_postgresql_lose_nothing_and_duplicate_nothing(postgres_server):
    db_url = create_database(postgres_server, "concurrent_writers")
    Store(db_url)  # migrated once; the writers race on documents and entities, not on the schema
    numbers = list(range(120))
    ctx = multiprocessing.get_context("spawn")
    ready, results = ctx.Barrier(2), ctx.Queue()
    writers = [ctx.Process(target=_save_all, args=(db_url, order, ready, results)) for order in (numbers, numbers[::-1])]
    for w in writers:
        w.start()
    for w in writers:
        w.join(120)
    assert [w.exitcode for w in writers] == [0, 0]
    stored_by_each = [results.get(timeout=5), results.get(timeout=5)]
    assert sum(stored_by_each) == len(numbers)  # every document stored by exactly one of them
    store = Store(db_url)
    with store.engine.connect() as conn:
        count = lambda table: conn.execute(select(func.count()).select_from(table)).scalar_one()  # noqa: E731
        assert count(documents) == 120
        assert count(mentions) == 240 and count(events) == 120  # no document's facts written twice
        assert count(entities) == 6  # five people and one country, each once
        assert conn.execute(select(func.count()).select_from(entities).where(entities.c.country.is_(None))).scalar_one() == 0


def test_sqlite_and_postgresql_give_the_same_documents_and_exports(seeded_databases):
    from typer.testing import CliRunner

    from dyads.cli import app

    sqlite, postgresql = seeded_databases("sqlite"), seeded_databases("postgresql")
    assert list(Store(sqlite).documents()) == list(Store(postgresql).documents())
    for fmt in ("plover-json", "csv"):
        exports = [CliRunner().invoke(app, ["export", "-f", fmt, "--db", url]) for url in (sqlite, postgresql)]
        assert exports[0].exit_code == exports[1].exit_code == 0
        assert exports[0].stdout == exports[1].stdout and exports[0].stdout.strip()


def test_a_resumed_ingest_skips_stored_documents_before_cleaning_them(seeded_databases, monkeypatch):
    from typer.testing import CliRunner

    from dyads.annotate import pipeline
    from dyads.cli import app

    from tests.conftest import SEEDS

    def must_not_clean(raw):
        raise AssertionError(f"{raw.source} is stored already and was cleaned again")

    monkeypatch.setattr(pipeline, "clean_one", must_not_clean)
    result = CliRunner().invoke(app, ["ingest", str(SEEDS), "--db", seeded_databases("sqlite")])
    assert result.exit_code == 0, result.output
    assert "ingested 0, skipped 5" in result.output
