"""event_pairs: each pair of actor codes of an event, once, with its placed date and first-report flag.

A dyad's events (two codes), in date order and each event once, are then one
range of the index ``event_pairs_listing``: its cost is the dyad's own events,
not the busier side's. Stored events get their pairs here, from event_parties.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "event_pairs",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("low", sa.String(200), nullable=False),
        sa.Column("high", sa.String(200), nullable=False),
        sa.Column("placed", sa.String(10)),
        sa.Column("first_report", sa.Integer),
    )
    op.execute(sa.text(
        "INSERT INTO event_pairs (event_id, low, high, placed, first_report) "
        "SELECT DISTINCT a.event_id, a.party, b.party, a.placed, a.first_report FROM event_parties a "
        "JOIN event_parties b ON b.event_id = a.event_id AND b.role = 'code' AND b.party > a.party "
        "WHERE a.role = 'code'"
    ))
    op.create_index("event_pairs_listing", "event_pairs", ["low", "high", "first_report", "placed", "event_id"])
    op.create_index("event_pairs_event", "event_pairs", ["event_id"])


def downgrade() -> None:
    op.drop_index("event_pairs_event", "event_pairs")
    op.drop_index("event_pairs_listing", "event_pairs")
    op.drop_table("event_pairs")
