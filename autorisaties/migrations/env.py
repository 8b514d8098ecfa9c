"""Alembic environment of the autorisaties chain (shared body: :mod:`migrationchain.env`)."""

from migrationchain.env import run_migrations

run_migrations("autorisaties")
