"""event_parties: who took part in each stored event, one row per party, indexed by party.

The workspace's filters (an actor's or a dyad's events, a person's) and its
interaction graph look parties up here instead of reading the JSON lists of
every event. Events stored before this revision get their rows here.

Revision ID: 0003
Revises: 0002
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    parties = op.create_table(
        "event_parties",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id"), nullable=False),
        sa.Column("party", sa.String(200), nullable=False),
        sa.Column("role", sa.String(12), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
    )
    op.create_index("event_parties_party", "event_parties", ["party", "role", "event_id"])
    op.create_index("event_parties_event", "event_parties", ["event_id"])
    events = sa.table("events", sa.column("id", sa.Integer), sa.column("actors", sa.Text), sa.column("actor", sa.Text), sa.column("recipient", sa.Text))
    connection = op.get_bind()
    last = 0
    while True:  # in batches: a big store is not read into memory at once
        rows = connection.execute(
            sa.select(events.c.id, events.c.actors, events.c.actor, events.c.recipient).where(events.c.id > last).order_by(events.c.id).limit(5000)
        ).all()
        if not rows:
            break
        batch = [
            {"event_id": r.id, "party": party, "role": role, "position": position}
            for r in rows
            for role, names in (("code", r.actors), ("actor", r.actor), ("recipient", r.recipient))
            for position, party in enumerate(json.loads(names or "[]"))
        ]
        if batch:
            connection.execute(parties.insert(), batch)
        last = rows[-1].id


def downgrade() -> None:
    op.drop_index("event_parties_event", "event_parties")
    op.drop_index("event_parties_party", "event_parties")
    op.drop_table("event_parties")
