"""event_parties.placed and event_parties.first_report: an actor's or a dyad's events listed from one index.

Copies of the event's own columns (revision 0004), so that the busiest filters
of the workspace (one actor code, or two for a dyad, in date order, each event
once) walk the index ``event_parties_listing`` and probe the other party's
entries, instead of testing every first report against two lists of event ids.
Stored parties get both here.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("event_parties", sa.Column("placed", sa.String(10)))
    op.add_column("event_parties", sa.Column("first_report", sa.Integer))
    op.execute(sa.text(
        "UPDATE event_parties SET placed = (SELECT placed FROM events WHERE events.id = event_parties.event_id), "
        "first_report = (SELECT first_report FROM events WHERE events.id = event_parties.event_id)"
    ))
    op.create_index("event_parties_listing", "event_parties", ["party", "role", "first_report", "placed", "event_id"])


def downgrade() -> None:
    op.drop_index("event_parties_listing", "event_parties")
    with op.batch_alter_table("event_parties") as batch:
        batch.drop_column("first_report")
        batch.drop_column("placed")
