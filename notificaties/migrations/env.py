"""Alembic environment of the notificaties chain (shared body: :mod:`migrationchain.env`)."""

from migrationchain.env import run_migrations

run_migrations("notificaties")
