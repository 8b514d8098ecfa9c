"""Wiring of the notificaties domain: the processor that decides kanaal/abonnement events."""

from __future__ import annotations

from typing import TYPE_CHECKING

from midoffice.processing.loop import Processor
from notificaties.handlers import build_handlers

if TYPE_CHECKING:
    from midoffice.bootstrap import Runtime
    from midoffice.intake import BusIntake

PROCESSOR = "notificaties"


def build_processor(runtime: Runtime, intake: BusIntake) -> Processor:
    """The notificaties processor: consumer group ``notificaties`` on the intake topic."""
    return Processor(
        name=PROCESSOR,
        bus=runtime.bus,
        engine=runtime.engine,
        handlers=build_handlers(),
        source_topic=runtime.settings.intake_topic,
        events_topic=runtime.settings.events_topic,
        on_decided=intake.notify,
    )
