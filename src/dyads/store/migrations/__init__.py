"""Schema migrations of the store (Alembic), shipped with the package and run on open.

``upgrade(engine)`` brings any database to the newest revision: a new database
gets every table, an older one gets what changed since. A database written by
dyads before Alembic (a ``meta`` table holding ``schema_version`` 2) is adopted
as revision 0001 first. Alembic is used rather than a hand-written version
check because it keeps an ordered, reviewable history of every schema change
and runs the same on SQLite and PostgreSQL.

To change the schema: edit the tables in ``dyads/store/database.py`` AND add a file to
``versions/`` whose ``down_revision`` is the current head (see the existing
ones); ``tests/test_store.py`` fails while the two disagree.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection, Engine

HERE = Path(__file__).resolve().parent
BASELINE = "0001"  # the schema dyads wrote before Alembic (meta.schema_version = 2)
LEGACY_SCHEMA_VERSION = "2"
# any fixed 64-bit number: the PostgreSQL advisory lock that serialises migrations
# when several `dyads ingest` runs open one empty database at once
PG_MIGRATION_LOCK = 0x647961647301


# what the migrations build beyond the tables of store.py: the full-text index
# (0006; SQLite's FTS5 table and its shadow tables, PostgreSQL's GIN index)
FULL_TEXT_NAMES = ("documents_fts", "documents_fulltext")


def declared_in_store(name: str | None, type_: str, parent_names: dict) -> bool:
    """For comparing the database with store.py (Alembic's ``include_name``): False for the full-text index."""
    return not (name or "").startswith(FULL_TEXT_NAMES)


class SchemaMismatch(RuntimeError):
    """The database was written by a dyads whose schema this one cannot migrate."""


def config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(HERE))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(config()).get_current_head()


def current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine) -> None:
    """Migrate the database behind ``engine`` to the newest revision (a no-op when it is there)."""
    newest = head()
    with engine.connect() as probe:
        if current(probe) == newest:
            return
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # held to the end of this transaction: a second process waits, then finds the schema migrated
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MIGRATION_LOCK})
        revision = current(connection)
        if revision == newest:
            return
        if revision is None:
            _adopt_legacy(connection)
        command.upgrade(config(connection), "head")


def _adopt_legacy(connection: Connection) -> None:
    """Mark a pre-Alembic database (tables plus meta.schema_version) as the baseline revision."""
    tables = set(inspect(connection).get_table_names())
    if "documents" not in tables:
        return  # a new, empty database: the migrations create everything
    version = None
    if "meta" in tables:
        version = connection.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
    if version != LEGACY_SCHEMA_VERSION:
        raise SchemaMismatch(
            f"the database has schema version {version or 'unknown'}, which this dyads cannot migrate; "
            "ingest into a new database"
        )
    command.stamp(config(connection), BASELINE)
