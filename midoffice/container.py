"""What the bootstrap hands to the gateway and the processors: the wired collaborators."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi.source import CatalogueSource
from midoffice.settings import Settings
from schemas.envelope import Envelope
from schemas.outcome import Outcome


@dataclass(frozen=True)
class PendingOutcome:
    """The intake event is on the log but no processor has decided on it yet."""

    event_id: uuid.UUID
    status: str = "pending"


class IntakePort(Protocol):
    """How the gateway hands events to the processors and learns their outcome."""

    async def submit(self, envelope: Envelope) -> None:
        """Publish ``envelope`` durably to the intake topic, keyed by its subject."""

    async def wait(self, event_id: uuid.UUID, timeout: float) -> Outcome | None:
        """The processor's outcome for ``event_id``, or None when ``timeout`` s pass first."""

    async def outcome(self, event_id: uuid.UUID) -> Outcome | PendingOutcome | None:
        """The recorded outcome; PendingOutcome when submitted here but undecided; None when
        unknown."""


@dataclass
class Container:
    """Everything a gateway or processor role needs, built by ``midoffice.bootstrap``."""

    settings: Settings
    catalogue: CatalogueSource
    engine: AsyncEngine
    intake: IntakePort
    reader: AsyncEngine | None = None
    """The engine for request reads (``midoffice.db.create_read_engine``); None: ``engine``."""

    @property
    def reads(self) -> AsyncEngine:
        """The engine the gateway's request reads use."""
        return self.reader if self.reader is not None else self.engine
