"""The composition root: the only place that wires concrete classes together.

The CLI, the tests and the benchmarks all call :func:`bootstrap`, each with other settings.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from enum import StrEnum

import structlog
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi.source import CatalogueSource
from catalogi.store import DatabaseCatalogue
from midoffice import migrations
from midoffice.bus import EventBus, connect
from midoffice.container import Container
from midoffice.db import create_engine, create_read_engine
from midoffice.intake import BusIntake
from midoffice.processing.dead_letter import dead_letter_topic
from midoffice.processing.loop import Processor
from midoffice.roles import autorisaties as autorisaties_role
from midoffice.roles import burgerzaken as burgerzaken_role
from midoffice.roles import catalogi as catalogi_role
from midoffice.roles import documentmagazijn as documentmagazijn_role
from midoffice.roles import notificaties as notificaties_role
from midoffice.roles import push as push_role
from midoffice.settings import Settings
from zaakmagazijn.handlers import build_handlers

log = structlog.get_logger(__name__)

ZAAKMAGAZIJN = "zaakmagazijn"


class Role(StrEnum):
    """A production role; ``serve`` runs them all in one process."""

    gateway = "gateway"
    zaakmagazijn = "zaakmagazijn"
    autorisaties = "autorisaties"
    catalogi = "catalogi"
    documentmagazijn = "documentmagazijn"
    burgerzaken = "burgerzaken"
    notificaties = "notificaties"
    push = "push"


def _zaakmagazijn(runtime: Runtime, intake: BusIntake) -> Processor:
    return Processor(
        name=ZAAKMAGAZIJN,
        bus=runtime.bus,
        engine=runtime.engine,
        handlers=build_handlers(runtime.catalogue),
        source_topic=runtime.settings.intake_topic,
        events_topic=runtime.settings.events_topic,
        on_decided=intake.notify,
        before_batch=runtime.catalogue.refresh,
    )


class NotMigrated(RuntimeError):
    """The database schema is not at the current revision; run ``midoffice migrate``."""


@dataclass
class Runtime:
    """The wired parts of one process."""

    settings: Settings
    bus: EventBus
    engine: AsyncEngine
    catalogue: CatalogueSource
    container: Container
    processors: list[Processor] = field(default_factory=list)
    app: FastAPI | None = None

    async def run_processors(self, stop: asyncio.Event) -> None:
        """Run every processor of this process until ``stop`` is set."""
        await asyncio.gather(*(processor.run(stop) for processor in self.processors))

    async def close(self) -> None:
        if self.app is not None:  # the gateway's processing log is flushed first
            from midoffice.gateway.verwerkingen import close_writer

            await close_writer(self.app)
        await self.bus.close()
        await self.engine.dispose()
        if self.container.reads is not self.engine:
            await self.container.reads.dispose()


PROCESSORS: dict[Role, Callable[[Runtime, BusIntake], Processor]] = {
    Role.zaakmagazijn: _zaakmagazijn,
    Role.autorisaties: autorisaties_role.build_processor,
    Role.catalogi: catalogi_role.build_processor,
    Role.documentmagazijn: documentmagazijn_role.build_processor,
    Role.burgerzaken: burgerzaken_role.build_processor,
    Role.notificaties: notificaties_role.build_processor,
    Role.push: push_role.build_processor,
}
"""The one mapping from processor role to its wiring. ``serve`` runs all of them."""


async def ensure_topics(bus: EventBus, settings: Settings) -> None:
    """Create the topics this deployment uses (idempotent)."""
    for topic in (
        settings.intake_topic,
        settings.events_topic,
        dead_letter_topic(settings.intake_topic),
        dead_letter_topic(settings.events_topic),  # for consumers of the facts
    ):
        await bus.ensure_topic(topic, settings.partitions)


async def bootstrap(
    settings: Settings, roles: set[Role], *, run_migrations: bool = False
) -> Runtime:
    """Build the runtime for ``roles``. With ``run_migrations`` the schema is upgraded first;
    otherwise a database that is not at the current revision stops start-up."""
    if run_migrations:
        await migrations.upgrade_all(settings.database_url)
    elif behind := await migrations.pending(settings.database_url):
        raise NotMigrated(
            f"database {settings.database_url.split('@')[-1]} is not migrated "
            f"({', '.join(behind)}): run `midoffice migrate` first"
        )
    engine = create_engine(settings.database_url)
    reads = create_read_engine(settings.database_url, engine)
    catalogue = DatabaseCatalogue(engine, reads)  # the catalogi projection; refreshed per batch
    bus = connect(settings.bus_url)
    await bus.start()
    try:
        await ensure_topics(bus, settings)
        intake = BusIntake(bus, reads, settings.intake_topic)  # it only reads outcomes
        container = Container(settings, catalogue, engine, intake, reads)
        runtime = Runtime(settings, bus, engine, catalogue, container)
        runtime.processors = [  # a role's configuration error (certificate files) stops here
            build(runtime, intake) for role, build in PROCESSORS.items() if role in roles
        ]
    except Exception:
        await bus.close()
        await engine.dispose()
        if reads is not engine:
            await reads.dispose()
        raise
    if Role.gateway in roles:
        from midoffice.gateway.app import create_app

        registry = autorisaties_role.client_registry(settings, reads)
        runtime.app = create_app(container, client_registry=registry)
        await autorisaties_role.seed(settings, engine, intake, registry.box)
    log.info("bootstrapped", roles=sorted(roles), bus=settings.bus_url.split("://")[0])
    return runtime


@contextlib.asynccontextmanager
async def running(runtime: Runtime) -> AsyncIterator[Runtime]:
    """Run the runtime's processors in the background for the duration of the block."""
    stop = asyncio.Event()
    task = asyncio.create_task(runtime.run_processors(stop))
    try:
        for processor in runtime.processors:
            ready = asyncio.create_task(processor.ready.wait())
            done, _ = await asyncio.wait({ready, task}, return_when=asyncio.FIRST_COMPLETED)
            if task in done:
                ready.cancel()
                task.result()
        await catalogi_role.seed(runtime)  # an empty catalogue gets settings.catalogue_file
        yield runtime
    finally:
        stop.set()
        await task
