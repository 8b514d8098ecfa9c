"""The gateway's view of the applicaties: client_id -> secret and rights, cached.

Every request asks :meth:`ApplicatieClients.refresh` first; it costs nothing within
``max_staleness`` seconds of the last check, and otherwise one query of the projection's
version stamp. Only when the stamp moved does it reload the (few) applicaties and decrypt their
secrets. A gateway that itself saw a change accepted calls :meth:`invalidate`, so its next
request reloads at once; other gateways follow within ``max_staleness``.

A ``fallback`` registry (the demo client of the embedded default) is asked first; it answers
only for its own client_id.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine

from autorisaties import queries
from autorisaties.rights import Autorisatie, ClientRights, Component
from autorisaties.secretbox import SecretBox, SecretUnreadable
from schemas.payloads_autorisaties import AutorisatieV1

log = structlog.get_logger(__name__)

TYPE_FIELD = {Component.zrc: "zaaktype", Component.drc: "informatieobjecttype",
              Component.brc: "besluittype"}  # fmt: skip


class Fallback(Protocol):
    def secret(self, client_id: str) -> str | None: ...

    def rights(self, client_id: str) -> ClientRights | None: ...


@dataclass(frozen=True)
class _Client:
    applicatie: uuid.UUID
    secret: str
    rights: ClientRights


def to_rights(client_id: str, heeft_alle: bool, items: Iterable[AutorisatieV1]) -> ClientRights:
    """The :class:`ClientRights` of an applicatie for one of its client_ids."""
    autorisaties = []
    for item in items:
        component = Component(item.component)
        field = TYPE_FIELD.get(component)
        autorisaties.append(
            Autorisatie(
                component=component,
                scopes=frozenset(item.scopes),
                type_uuid=getattr(item, field) if field else None,
                max_vertrouwelijkheidaanduiding=item.maxVertrouwelijkheidaanduiding,
            )
        )
    return ClientRights(
        client_id, heeft_alle_autorisaties=heeft_alle, autorisaties=tuple(autorisaties)
    )


class ApplicatieClients:
    """A ClientRegistry (``secret``) and RightsRegistry (``rights``) over the projection."""

    def __init__(
        self,
        engine: AsyncEngine,
        box: SecretBox,
        *,
        fallback: Fallback | None = None,
        max_staleness: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.box = box
        self._engine = engine
        self._fallback = fallback
        self._max_staleness = max_staleness
        self._clock = clock
        self._checked = float("-inf")
        self._version: int | None = None
        self._clients: dict[str, _Client] = {}
        self._lock = asyncio.Lock()

    def invalidate(self) -> None:
        """Check the projection again on the next :meth:`refresh`."""
        self._checked = float("-inf")

    async def refresh(self) -> None:
        """Reload when the projection changed; cheap when it did not (see module docstring)."""
        if self._clock() - self._checked < self._max_staleness:
            return
        async with self._lock:
            if self._clock() - self._checked < self._max_staleness:
                return
            async with self._engine.connect() as conn:
                version = await queries.stamp(conn)
                if version != self._version:
                    self._clients = self._index(await queries.all_live(conn))
                    self._version = version
                    log.info("applicaties_loaded", version=version, clients=len(self._clients))
            self._checked = self._clock()

    def _index(self, applicaties: Iterable[queries.Applicatie]) -> dict[str, _Client]:
        clients: dict[str, _Client] = {}
        for app in applicaties:
            try:
                secret = self.box.decrypt(app.encrypted_secret)
            except SecretUnreadable:
                log.warning("applicatie_secret_unreadable", applicatie=str(app.uuid))
                continue
            for client_id in app.client_ids:
                rights = to_rights(client_id, app.heeft_alle_autorisaties, app.autorisaties)
                clients[client_id] = _Client(app.uuid, secret, rights)
        return clients

    def secret(self, client_id: str) -> str | None:
        """The HS256 secret of ``client_id``, or None for an unknown client."""
        if self._fallback is not None and (found := self._fallback.secret(client_id)):
            return found
        client = self._clients.get(client_id)
        return client.secret if client is not None else None

    def rights(self, client_id: str) -> ClientRights | None:
        """The rights of ``client_id``, or None for an unknown client."""
        if self._fallback is not None and self._fallback.secret(client_id):
            return self._fallback.rights(client_id)
        client = self._clients.get(client_id)
        return client.rights if client is not None else None

    def applicatie_of(self, client_id: str) -> uuid.UUID | None:
        """The applicatie a (non-demo) client_id belongs to."""
        client = self._clients.get(client_id)
        return client.applicatie if client is not None else None
