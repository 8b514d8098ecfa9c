"""All migration chains of the MidOffice database, run in order.

Each package that owns tables keeps its own alembic chain with its own version table; this
module is the one list of them. Add a package's chain here.
"""

from __future__ import annotations

from types import ModuleType

from autorisaties import migrate as autorisaties_migrate
from burgerzaken import migrate as burgerzaken_migrate
from catalogi import migrate as catalogi_migrate
from documentmagazijn import migrate as documentmagazijn_migrate
from notificaties import migrate as notificaties_migrate
from push import migrate as push_migrate
from verwerkingslog import migrate as verwerkingslog_migrate
from zaakmagazijn import migrate as zaakmagazijn_migrate

CHAINS: tuple[ModuleType, ...] = (
    zaakmagazijn_migrate,
    autorisaties_migrate,
    catalogi_migrate,
    documentmagazijn_migrate,
    burgerzaken_migrate,
    verwerkingslog_migrate,
    notificaties_migrate,
    push_migrate,
)
"""In order: the zaakmagazijn chain creates the shared inbox and outbox tables."""


async def upgrade_all(url: str) -> None:
    """Upgrade every chain to its head."""
    for chain in CHAINS:
        await chain.upgrade(url)


async def pending(url: str) -> list[str]:
    """Names of the chains that are not at their head revision."""
    behind = []
    for chain in CHAINS:
        if await chain.current(url) != await chain.head():
            behind.append(chain.__name__.split(".")[0])
    return behind
