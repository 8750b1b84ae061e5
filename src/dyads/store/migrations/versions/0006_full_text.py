"""Full-text search over titles and bodies: SQLite FTS5, PostgreSQL a GIN index on to_tsvector.

SQLite: ``documents_fts``, an external-content FTS5 table over documents.title
and documents.body (accents folded), kept in step by triggers on insert and
delete, and filled from the stored articles here. PostgreSQL: a GIN expression
index matching the ``to_tsvector`` that ``queries.search`` uses. A store where
an older dyads built either outside the migrations keeps it (IF NOT EXISTS).
A SQLite built without FTS5 gets nothing; search then reads bodies with LIKE.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FTS_TABLE = "documents_fts"  # queries.FTS_TABLE; its shadow tables are documents_fts_*
PG_INDEX = "documents_fulltext"
PG_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || body)"  # queries._search_postgresql


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute(sa.text(f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON documents USING gin ({PG_VECTOR})"))
        return
    if connection.dialect.name != "sqlite" or not _has_fts5(connection):
        return
    exists = connection.execute(sa.text("SELECT 1 FROM sqlite_master WHERE name = :n"), {"n": FTS_TABLE}).first()
    op.execute(sa.text(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(title, body, content='documents', "
        "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
    ))
    op.execute(sa.text(
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON documents BEGIN "
        f"INSERT INTO {FTS_TABLE}(rowid, title, body) VALUES (new.rowid, new.title, new.body); END"
    ))
    op.execute(sa.text(
        f"CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON documents BEGIN "
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body); END"
    ))
    if not exists:  # index the articles stored before
        op.execute(sa.text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')"))


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        op.execute(sa.text(f"DROP INDEX IF EXISTS {PG_INDEX}"))
    elif connection.dialect.name == "sqlite":
        op.execute(sa.text(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_insert"))
        op.execute(sa.text(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_delete"))
        op.execute(sa.text(f"DROP TABLE IF EXISTS {FTS_TABLE}"))


def _has_fts5(connection) -> bool:
    return bool(connection.execute(sa.text("SELECT sqlite_compileoption_used('ENABLE_FTS5')")).scalar())
