"""Wiring of the documenten domain: its processor and the gateway's blob store.

``midoffice.bootstrap`` calls these; nothing here runs on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from documentmagazijn.blobs import BlobStore, connect_blobs
from documentmagazijn.handlers import build_handlers
from midoffice.processing.loop import Processor
from midoffice.settings import Settings

if TYPE_CHECKING:
    from midoffice.bootstrap import Runtime
    from midoffice.intake import BusIntake

PROCESSOR = "documentmagazijn"


def build_processor(runtime: Runtime, intake: BusIntake) -> Processor:
    """The documentmagazijn processor: consumer group ``documentmagazijn`` on the intake."""
    return Processor(
        name=PROCESSOR,
        bus=runtime.bus,
        engine=runtime.engine,
        handlers=build_handlers(runtime.catalogue),
        source_topic=runtime.settings.intake_topic,
        events_topic=runtime.settings.events_topic,
        on_decided=intake.notify,
        before_batch=runtime.catalogue.refresh,
    )


def blob_store(settings: Settings) -> BlobStore:
    """The blob store of ``MIDOFFICE_BLOB_URL`` (default ``file://.midoffice/blobs``)."""
    return connect_blobs(settings.blob_url)
