"""Revisions of the zaakmagazijn migration chain (``zaakmagazijn_alembic_version``)."""
