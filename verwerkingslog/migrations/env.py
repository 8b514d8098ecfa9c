"""Alembic environment of the verwerkingslog chain (shared body: :mod:`migrationchain.env`)."""

from migrationchain.env import run_migrations

run_migrations("verwerkingslog")
