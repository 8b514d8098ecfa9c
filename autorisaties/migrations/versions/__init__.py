"""Revisions of the autorisaties migration chain (``autorisaties_alembic_version``)."""
