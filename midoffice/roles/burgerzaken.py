"""Wiring of the citizen's read model: its processor on the events topic.

``midoffice.bootstrap`` calls this; nothing here runs on import.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncConnection

from burgerzaken import projection
from midoffice.processing.loop import Handler, Processor
from schemas.envelope import Envelope
from schemas.outcome import Accepted, Outcome

if TYPE_CHECKING:
    from midoffice.bootstrap import Runtime
    from midoffice.intake import BusIntake

PROCESSOR = "burgerzaken"


async def _apply(conn: AsyncConnection, fact: Envelope) -> Outcome:
    await projection.apply(conn, fact)
    return Accepted(resource="burgerzaak", resource_uuid=fact.subject, facts=())


def handlers() -> Mapping[str, Handler]:
    """Every fact type the read model applies -> the one handler that applies it."""
    return dict.fromkeys(projection.APPLIERS, _apply)


def build_processor(runtime: Runtime, _intake: BusIntake) -> Processor:
    """The burgerzaken processor: consumer group ``burgerzaken`` on the events topic (the
    accepted facts); it emits nothing. A fact it cannot apply (a gap in a subject's
    sequence) goes to ``<events topic>.dlq`` with its reason."""
    return Processor(
        name=PROCESSOR,
        bus=runtime.bus,
        engine=runtime.engine,
        handlers=handlers(),
        source_topic=runtime.settings.events_topic,
        events_topic=runtime.settings.events_topic,
    )
