"""Baseline: the schema dyads wrote before Alembic (meta.schema_version = 2).

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text))
    op.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', '2')"))
    op.create_table(
        "documents",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.String(10), index=True),
        sa.Column("dateline", sa.String(120)),
        sa.Column("outlet", sa.String(200)),
        sa.Column("language", sa.String(8)),
        sa.Column("story", sa.String(32), index=True),
        sa.Column("ingested_at", sa.String(32)),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("contract", sa.Text, nullable=False),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("key", sa.Text, nullable=False, index=True),
        sa.Column("country", sa.String(8)),
    )
    op.create_table(
        "mentions",
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("entity_id", sa.String(200), nullable=False, index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_table(
        "roles",
        sa.Column("entity_id", sa.String(200), nullable=False, index=True),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("date", sa.String(10)),
    )
    op.create_table(
        "times",
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("value", sa.String(16)),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("event_key", sa.String(32), index=True),
        sa.Column("type", sa.String(16), nullable=False, index=True),
        sa.Column("mode", sa.String(32)),
        sa.Column("actors", sa.Text, nullable=False),
        sa.Column("actor", sa.Text),
        sa.Column("recipient", sa.Text),
        sa.Column("date", sa.String(10), index=True),
        sa.Column("status", sa.String(16)),
        sa.Column("location", sa.Text),
        sa.Column("location_country", sa.String(8)),
        sa.Column("directed", sa.Integer),
        sa.Column("start", sa.Integer),
        sa.Column("more_evidence", sa.Text),
        sa.Column("end", sa.Integer),
        sa.Column("sentence", sa.Text),
        sa.Column("score", sa.Float),
    )
    op.create_index("events_date_type", "events", ["date", "type"])
    op.create_table(
        "quotes",
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("speaker", sa.String(200), index=True),
        sa.Column("speaker_name", sa.Text),
        sa.Column("kind", sa.String(16)),
        sa.Column("partial", sa.Integer),
        sa.Column("statement", sa.String(32), index=True),
    )
    op.create_table(
        "signatures",
        sa.Column("doc_id", sa.String(32), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("data", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in ("signatures", "quotes", "events", "times", "roles", "mentions", "entities", "documents", "meta"):
        op.drop_table(table)
