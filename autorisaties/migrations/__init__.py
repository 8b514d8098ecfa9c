"""Alembic chain of the autorisaties projection (version table ``autorisaties_alembic_version``)."""
