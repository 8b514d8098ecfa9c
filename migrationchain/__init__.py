"""One alembic migration chain per package, run programmatically (no alembic.ini needed).

Every package that owns tables (zaakmagazijn, catalogi, autorisaties, documentmagazijn) keeps
its revisions in ``<package>/migrations`` and records them in its own version table,
``<package>_alembic_version``, so the chains share one database. This module imports nothing
from the repository; each package's ``migrate`` module is ``Chain("<package>")``.
"""

from migrationchain.chain import Chain

__all__ = ["Chain"]
