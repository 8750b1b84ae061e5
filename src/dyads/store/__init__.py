"""The store (SQLite or PostgreSQL, Alembic migrations) and the queries, records and exports that read it."""
