"""Wiring of the autorisaties domain: its processor, the gateway's client registry, seeding.

``midoffice.bootstrap`` calls these; nothing here runs on import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from autorisaties import queries
from autorisaties.handlers import build_handlers
from autorisaties.registry import ApplicatieClients
from autorisaties.secretbox import SecretBox, development_key
from autorisaties.seed import load_seed
from midoffice.container import IntakePort
from midoffice.gateway.auth import DemoClientRegistry
from midoffice.processing.loop import Processor
from midoffice.settings import Settings, is_loopback
from schemas.autorisaties_events import APPLICATIE_AANGEMAAKT
from schemas.envelope import Envelope
from schemas.payloads_autorisaties import ApplicatieAangemaaktV1

if TYPE_CHECKING:
    from midoffice.bootstrap import Runtime
    from midoffice.intake import BusIntake

log = structlog.get_logger(__name__)

PROCESSOR = "autorisaties"
SEED_CLIENT = "midoffice-seed"


class MissingSecretKey(RuntimeError):
    """A gateway on a non-loopback address needs ``MIDOFFICE_SECRET_KEY``."""


def build_processor(runtime: Runtime, intake: BusIntake) -> Processor:
    """The autorisaties processor: consumer group ``autorisaties`` on the intake topic."""
    return Processor(
        name=PROCESSOR,
        bus=runtime.bus,
        engine=runtime.engine,
        handlers=build_handlers(),
        source_topic=runtime.settings.intake_topic,
        events_topic=runtime.settings.events_topic,
        on_decided=intake.notify,
    )


def secret_box(settings: Settings) -> SecretBox:
    """The SecretBox of ``MIDOFFICE_SECRET_KEY``; the development key on loopback only."""
    keys = settings.secret_key.get_secret_value()
    if keys:
        return SecretBox(keys)
    if not is_loopback(settings.http_host):
        raise MissingSecretKey(
            "MIDOFFICE_SECRET_KEY must be set when the gateway listens on "
            f"{settings.http_host}: generate one with `python -c 'from autorisaties.secretbox "
            "import new_key; print(new_key())'`"
        )
    log.warning("secret_key_not_set", using="development key (loopback only)")
    return SecretBox(development_key())


def client_registry(settings: Settings, engine: AsyncEngine) -> ApplicatieClients:
    """The gateway's registry: the applicaties of the projection, plus the demo client while
    it is active (loopback only)."""
    return ApplicatieClients(engine, secret_box(settings), fallback=DemoClientRegistry(settings))


async def seed(settings: Settings, engine: AsyncEngine, intake: IntakePort, box: SecretBox) -> int:
    """Publish ``applicatie-aangemaakt`` for every applicatie of the applicaties file whose
    client_ids are all unknown; returns how many were published. Does not wait for the
    processor (which may not run yet); the deterministic ids make a repeat harmless."""
    if settings.applicaties_file is None:
        return 0
    published = 0
    for item in load_seed(settings.applicaties_file):
        async with engine.connect() as conn:
            known = [c for c in item.fields["clientIds"] if await queries.by_client_id(conn, c)]
        if known:
            log.info("applicatie_seed_skipped", applicatie=str(item.uuid), known=known)
            continue
        payload = ApplicatieAangemaaktV1(
            uuid=item.uuid, encryptedSecret=box.encrypt(item.secret), **item.fields
        )
        await intake.submit(
            Envelope(
                type=APPLICATIE_AANGEMAAKT,
                subject=item.uuid,
                data=payload,
                tenant="",
                source=settings.event_source,
                clientid=SEED_CLIENT,
                id=item.event_id,
            )
        )
        published += 1
        log.info("applicatie_seeded", applicatie=str(item.uuid), label=payload.label)
    return published
