"""Alembic environment of the documentmagazijn chain (shared body: :mod:`migrationchain.env`)."""

from migrationchain.env import run_migrations

run_migrations("documentmagazijn")
