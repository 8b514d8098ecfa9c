"""Wiring of the catalogi domain: its processor, the database-backed catalogue, seeding.

``midoffice.bootstrap`` and the CLI call these; nothing here runs on import.
"""

from __future__ import annotations

import asyncio
import hashlib
import uuid
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import structlog

from catalogi.handlers import build_handlers
from catalogi.loader import load_catalogussen
from catalogi.model import Catalogus
from catalogi.store import DatabaseCatalogue
from midoffice.container import IntakePort
from midoffice.processing.loop import DecisionListener, Processor
from midoffice.settings import Settings
from schemas.catalogi_events import CATALOGUS_GEIMPORTEERD
from schemas.envelope import Envelope
from schemas.outcome import Outcome
from schemas.payloads_catalogi import CatalogusGeimporteerdV1

if TYPE_CHECKING:
    from midoffice.bootstrap import Runtime
    from midoffice.intake import BusIntake

log = structlog.get_logger(__name__)

PROCESSOR = "catalogi"
IMPORT_CLIENT = "midoffice-catalogus-import"
_NAMESPACE = uuid.UUID("6f1d3c52-8a8e-4e55-9a43-2f3d0c1e7b10")


def build_processor(runtime: Runtime, intake: BusIntake) -> Processor:
    """The catalogi processor: consumer group ``catalogi`` on the intake topic."""
    return Processor(
        name=PROCESSOR,
        bus=runtime.bus,
        engine=runtime.engine,
        handlers=build_handlers(),
        source_topic=runtime.settings.intake_topic,
        events_topic=runtime.settings.events_topic,
        on_decided=_invalidating(runtime.catalogue, intake.notify),
    )


def _invalidating(source: object, notify: DecisionListener) -> DecisionListener:
    """``notify``, after making this process's catalogue check the database again: a request
    answered after a local catalogue decision never sees the catalogue from before it."""
    invalidate = getattr(source, "invalidate", None)

    def decided(decisions: Sequence[tuple[uuid.UUID, Outcome]]) -> None:
        if invalidate is not None:
            invalidate()
        notify(decisions)

    return decided


def import_envelopes(
    catalogussen: list[Catalogus], settings: Settings, *, content: bytes, clientid: str
) -> list[Envelope]:
    """One ``catalogus-geimporteerd`` per catalogus. The event id is derived from the file's
    content, so importing the same file again is recognised and changes nothing."""
    digest = hashlib.sha256(content).hexdigest()
    return [
        Envelope(
            type=CATALOGUS_GEIMPORTEERD,
            subject=catalogus.uuid,
            data=CatalogusGeimporteerdV1(catalogus=catalogus),
            tenant=catalogus.rsin,
            source=settings.event_source,
            clientid=clientid,
            id=uuid.uuid5(_NAMESPACE, f"{digest}:{catalogus.uuid}"),
        )
        for catalogus in catalogussen
    ]


def prepare_import(
    path: Path, settings: Settings, *, clientid: str
) -> list[tuple[Catalogus, Envelope]]:
    """Validate ``path`` fully (raises CatalogueFileError); the import event per catalogus."""
    catalogussen = load_catalogussen(path, settings.referentielijsten_url)
    envelopes = import_envelopes(
        catalogussen, settings, content=path.read_bytes(), clientid=clientid
    )
    return list(zip(catalogussen, envelopes, strict=True))


async def submit_import(
    prepared: list[tuple[Catalogus, Envelope]], intake: IntakePort, *, timeout: float
) -> list[tuple[Catalogus, Outcome | None]]:
    """Publish the import events and wait for each outcome (None: not decided in time)."""
    for _, envelope in prepared:
        await intake.submit(envelope)
    return [
        (catalogus, await intake.wait(envelope.id, timeout)) for catalogus, envelope in prepared
    ]


async def seed(runtime: Runtime, *, processor_elsewhere: bool = False) -> None:
    """With an empty catalogue, import ``settings.catalogue_file`` (the demo catalogue by
    default) through the log and wait for it. Call it once the processors run; it does
    nothing when this process runs no catalogi processor, unless ``processor_elsewhere``."""
    if not processor_elsewhere and not any(p.name == PROCESSOR for p in runtime.processors):
        return
    source = runtime.catalogue
    await source.refresh()
    if not isinstance(source, DatabaseCatalogue) or not source.empty:
        return
    settings = runtime.settings
    prepared = await asyncio.to_thread(
        prepare_import, settings.catalogue_file, settings, clientid=IMPORT_CLIENT
    )
    timeout = max(settings.outcome_timeout_seconds, 30.0)
    outcomes = await submit_import(prepared, runtime.container.intake, timeout=timeout)
    for catalogus, outcome in outcomes:
        log.info("catalogue_seeded", catalogus=str(catalogus.uuid), domein=catalogus.domein,
                 outcome=outcome.status if outcome else "pending")  # fmt: skip
    await source.refresh()
