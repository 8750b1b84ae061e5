"""events.placed and events.first_report: each real-world event listed once, in date order, through an index.

``placed`` is the report's own date, else its article's publication date;
``first_report`` is 1 on the first stored report of an event key (and on every
report without a key). Stored events get both here.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("placed", sa.String(10)))
    op.add_column("events", sa.Column("first_report", sa.Integer))
    op.execute(sa.text("UPDATE events SET placed = coalesce(date, (SELECT published FROM documents WHERE documents.id = events.doc_id))"))
    op.execute(sa.text(
        "UPDATE events SET first_report = CASE WHEN event_key IS NULL OR id IN "
        "(SELECT min(id) FROM events WHERE event_key IS NOT NULL GROUP BY event_key) THEN 1 ELSE 0 END"
    ))
    op.create_index("events_first_placed", "events", ["first_report", "placed"])
    op.create_index("events_first_type_placed", "events", ["first_report", "type", "placed"])


def downgrade() -> None:
    op.drop_index("events_first_type_placed", "events")
    op.drop_index("events_first_placed", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("first_report")
        batch.drop_column("placed")
