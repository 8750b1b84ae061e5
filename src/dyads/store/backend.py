"""What differs between the databases the store runs on (SQLite, PostgreSQL).

The store's tables and queries are portable SQLAlchemy Core; only three things
depend on the backend and live here: turning a user's URL into an engine,
an INSERT that leaves an existing row alone (so that two processes storing the
same document or entity at once neither fail nor duplicate it), and which
errors mean "try the transaction again".
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Table, create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

T = TypeVar("T")

# PostgreSQL SQLSTATEs of a transaction that lost a race and may simply be run again
RETRYABLE_SQLSTATES = {"40001", "40P01"}  # serialization_failure, deadlock_detected
RETRIES = 5
# how long a SQLite writer waits for another process's transaction to end
SQLITE_BUSY_SECONDS = 60.0


def normalise_url(url: str) -> str:
    """A file path means SQLite; ``postgresql://`` means the psycopg 3 driver (the extra dyads[postgres])."""
    if "://" not in url:
        return f"sqlite:///{url}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, future=True, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_for_many_writers)
            return engine
        return create_engine(url, future=True, pool_pre_ping=url.startswith("postgresql"))
    except ModuleNotFoundError as exc:
        raise ModuleNotFoundError(
            f"no driver for {url.split('://')[0]}: install the extra, e.g. pip install 'dyads[postgres]' ({exc})"
        ) from exc


def _sqlite_for_many_writers(dbapi_connection, _record) -> None:
    """WAL: readers never block the writer and a writer never blocks readers; a second
    writer waits up to SQLITE_BUSY_SECONDS for the lock instead of failing at once.
    A process killed mid-transaction leaves the database as of its last commit."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_SECONDS * 1000)}")
        cursor.execute("PRAGMA journal_mode = WAL")
    finally:
        cursor.close()


def insert_new(connection: Connection, table: Table):
    """An INSERT that skips rows whose primary key is already stored (ON CONFLICT DO NOTHING)."""
    dialect = connection.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite.insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"the dyads store runs on SQLite and PostgreSQL, not {dialect}")


def retrying(transaction: Callable[[], T]) -> T:
    """Run ``transaction`` again when PostgreSQL aborted it for a deadlock or a serialization
    conflict, or when SQLite stayed locked by another writer past its busy timeout."""
    for attempt in range(RETRIES):
        try:
            return transaction()
        except DBAPIError as exc:
            code = getattr(exc.orig, "sqlstate", None)
            busy = "database is locked" in str(exc.orig)  # SQLite, after its busy timeout
            if (code not in RETRYABLE_SQLSTATES and not busy) or attempt == RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")
