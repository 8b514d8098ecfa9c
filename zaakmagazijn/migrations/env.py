"""Alembic environment of the zaakmagazijn chain (shared body: :mod:`migrationchain.env`)."""

from migrationchain.env import run_migrations

run_migrations("zaakmagazijn")
