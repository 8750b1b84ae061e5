"""Alembic's alembic_version table replaces the hand-kept meta.schema_version.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("meta")


def downgrade() -> None:
    op.create_table("meta", sa.Column("key", sa.String(64), primary_key=True), sa.Column("value", sa.Text))
    op.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', '2')"))
