"""The push migration chain (revisions in ``push/migrations``, version table
``push_alembic_version``); see :mod:`migrationchain`."""

from __future__ import annotations

from typing import Final

from migrationchain import Chain

CHAIN: Final = Chain("push")
MIGRATIONS_DIR: Final = CHAIN.directory
VERSION_TABLE: Final = CHAIN.version_table
alembic_config = CHAIN.alembic_config
head_revision = CHAIN.head_revision
head = CHAIN.head
upgrade = CHAIN.upgrade
current = CHAIN.current
