"""Alembic environment of the burgerzaken chain (shared body: :mod:`migrationchain.env`)."""

from migrationchain.env import run_migrations

run_migrations("burgerzaken")
