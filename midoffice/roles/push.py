"""Wiring of the push connector: the planner as a processor on the events topic (consumer
group ``push``) and the dispatcher that delivers its queue, in the same process.

The dispatcher is woken after every batch the planner commits, so a delivery leaves right
after its fact was consumed; other processes' rows and retries are found by polling.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

from midoffice.bus.base import GroupConsumer, Record
from midoffice.processing.loop import Processor
from midoffice.roles.autorisaties import secret_box
from midoffice.roles.push_engine import push_engine
from midoffice.settings import Settings
from notificaties.queries import live_abonnementen
from push.dispatcher import Dispatcher
from push.endpoints import check_mijnoverheid_tls
from push.planner import Planner, PlannerConfig
from schemas.outcome import Outcome

if TYPE_CHECKING:
    from midoffice.bootstrap import Runtime
    from midoffice.intake import BusIntake

PROCESSOR = "push"


def base_url(settings: Settings) -> str:
    """Where the MidOffice's resources are reachable, for the URLs in notificaties."""
    return settings.public_url or f"http://{settings.http_host}:{settings.http_port}"


class PushProcessor(Processor):
    """The planner's processor; runs the dispatcher beside its consumer loop."""

    def __init__(
        self,
        *,
        dispatcher: Dispatcher,
        planner: Planner,
        mijnoverheid_on: bool,
        reader: AsyncEngine,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.dispatcher = dispatcher
        self.planner = planner
        self.reader = reader
        self.mijnoverheid_on = mijnoverheid_on

    async def run(self, stop: asyncio.Event) -> None:
        await self.bus.ensure_topic(self.dead_letter_topic, 1)
        dispatching = asyncio.create_task(self.dispatcher.run(stop), name="push-dispatcher")
        try:
            await super().run(stop)
        finally:
            stop.set()
            with contextlib.suppress(asyncio.CancelledError):
                await dispatching
            await self.engine.dispose()  # the push connector's own engine (push_engine)

    async def process(self, consumer: GroupConsumer, records: list[Record]) -> None:
        await super().process(consumer, records)
        self.dispatcher.wake()

    async def _apply_batch(self, records: list[Record]) -> list[tuple[uuid.UUID, Outcome]]:
        # The live abonnementen are read once per batch (one round trip, outside its write
        # transaction). Without any target there is nothing to plan: the batch's write
        # transaction (an inbox row per fact) is skipped, which on SQLite would only make
        # other processors retry.
        async with self.reader.connect() as conn:
            abonnementen = await live_abonnementen(conn)
        if not abonnementen and not self.mijnoverheid_on:
            return []
        self.planner.abonnementen = abonnementen
        try:
            decisions = await super()._apply_batch(records)
        finally:
            self.planner.abonnementen = None
        self.dispatcher.wake()  # the queued rows are committed: send them before the offsets
        return decisions


def check_settings(settings: Settings) -> bool:
    """Whether MijnOverheid is configured; ValueError when its certificates cannot be loaded
    (checked at start-up, also by ``serve`` before it starts the companion that runs push)."""
    mijnoverheid_on = bool(settings.mijnoverheid.stuf_url or settings.mijnoverheid.cloudevents_url)
    if mijnoverheid_on:
        check_mijnoverheid_tls(settings.mijnoverheid)
    return mijnoverheid_on


def build_processor(runtime: Runtime, intake: BusIntake) -> Processor:
    """Consumer group ``push`` on the events topic, with its dispatcher."""
    settings = runtime.settings
    config = PlannerConfig(
        base_url=base_url(settings),
        event_source=settings.event_source,
        push=settings.push,
        mijnoverheid=settings.mijnoverheid,
        demo_client_id=settings.demo_client_id if settings.demo_client_active else None,
    )
    mijnoverheid_on = check_settings(settings)
    planner = Planner(config, runtime.catalogue)
    engine = push_engine(settings.database_url)
    dispatcher = Dispatcher(
        engine, settings.push, settings.mijnoverheid, secret_box(settings),
        reader=runtime.container.reads,
        locks_at_begin=True,  # push_engine: BEGIN IMMEDIATE on SQLite
    )
    return PushProcessor(
        name=PROCESSOR,
        bus=runtime.bus,
        engine=engine,
        handlers=planner.handlers(),
        source_topic=settings.events_topic,
        events_topic=settings.events_topic,
        before_batch=runtime.catalogue.refresh,
        dispatcher=dispatcher,
        planner=planner,
        reader=runtime.container.reads,
        mijnoverheid_on=mijnoverheid_on,
    )
