"""Alembic environment: migrations run on the connection dyads hands over (see __init__.py)."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by the alembic command line
    raise SystemExit("dyads migrations run from dyads.store.migrations.upgrade(engine), which gives them a connection")

context.configure(connection=connection, target_metadata=None, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
