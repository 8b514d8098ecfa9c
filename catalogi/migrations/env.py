"""Alembic environment of the catalogi chain (shared body: :mod:`migrationchain.env`)."""

from migrationchain.env import run_migrations

run_migrations("catalogi")
