"""What one authenticated client may do: the ZGW autorisaties model, as pure logic.

An applicatie either ``heeftAlleAutorisaties`` or has autorisaties, each for one component
(``zrc`` Zaken, ``ztc`` Catalogi, ``drc`` Documenten, ``brc`` Besluiten, ``nrc``
Notificaties, ``ac`` Autorisaties) with scopes. For ``zrc`` an autorisatie is limited to one
zaaktype and a maximum vertrouwelijkheidaanduiding, for ``drc`` to one informatieobjecttype,
for ``brc`` to one besluittype. Zaaktypen belong to the catalogus of one municipality, so
these rights also separate the tenants.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from schemas.payloads import Vertrouwelijkheidaanduiding

VERTROUWELIJKHEID_ORDER: tuple[Vertrouwelijkheidaanduiding, ...] = tuple(
    Vertrouwelijkheidaanduiding
)
"""From least to most confidential (openbaar ... zeer_geheim)."""


def rank(aanduiding: Vertrouwelijkheidaanduiding | str) -> int:
    """Position of ``aanduiding`` in VERTROUWELIJKHEID_ORDER (0 = openbaar)."""
    return VERTROUWELIJKHEID_ORDER.index(Vertrouwelijkheidaanduiding(aanduiding))


def up_to(maximum: Vertrouwelijkheidaanduiding | str) -> tuple[str, ...]:
    """Every aanduiding at or below ``maximum`` (for SQL ``IN`` filters)."""
    return tuple(v.value for v in VERTROUWELIJKHEID_ORDER[: rank(maximum) + 1])


class Component(StrEnum):
    zrc = "zrc"
    ztc = "ztc"
    drc = "drc"
    brc = "brc"
    nrc = "nrc"
    ac = "ac"


TYPED_COMPONENTS = frozenset({Component.zrc, Component.drc, Component.brc})
"""Components whose autorisaties name one type and a maximum vertrouwelijkheidaanduiding."""


@dataclass(frozen=True)
class Autorisatie:
    """One autorisatie. ``type_uuid`` is the zaaktype (zrc), informatieobjecttype (drc) or
    besluittype (brc); None for the untyped components."""

    component: Component
    scopes: frozenset[str]
    type_uuid: uuid.UUID | None = None
    max_vertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding | None = None

    def covers(self, type_uuid: uuid.UUID | None, aanduiding: str | None) -> bool:
        """True when this autorisatie reaches an object of ``type_uuid`` at ``aanduiding``."""
        if self.component not in TYPED_COMPONENTS:
            return True
        if type_uuid is None or self.type_uuid != type_uuid:
            return False
        if aanduiding is None or self.max_vertrouwelijkheidaanduiding is None:
            return aanduiding is None
        return rank(aanduiding) <= rank(self.max_vertrouwelijkheidaanduiding)


@dataclass(frozen=True)
class Visibility:
    """What a list or search may return: everything, or objects of these types up to these
    maximum aanduidingen. An empty ``grants`` means nothing at all."""

    everything: bool
    grants: tuple[tuple[uuid.UUID, Vertrouwelijkheidaanduiding], ...] = ()

    @property
    def nothing(self) -> bool:
        return not self.everything and not self.grants


@dataclass(frozen=True)
class ClientRights:
    """The rights of one client_id, from the applicatie it belongs to."""

    client_id: str
    heeft_alle_autorisaties: bool = False
    autorisaties: tuple[Autorisatie, ...] = field(default_factory=tuple)

    def has_scope(self, component: Component, scope: str) -> bool:
        """True when some autorisatie of ``component`` carries ``scope`` (for any type)."""
        return self.heeft_alle_autorisaties or any(
            a.component == component and scope in a.scopes for a in self.autorisaties
        )

    def allows(
        self,
        component: Component,
        scope: str,
        *,
        type_uuid: uuid.UUID | None = None,
        vertrouwelijkheidaanduiding: str | None = None,
    ) -> bool:
        """True when the client may use ``scope`` on this object (type and aanduiding)."""
        if self.heeft_alle_autorisaties:
            return True
        return any(
            a.component == component
            and scope in a.scopes
            and a.covers(type_uuid, vertrouwelijkheidaanduiding)
            for a in self.autorisaties
        )

    def scopes_for(
        self, component: Component, type_uuid: uuid.UUID | None, aanduiding: str | None
    ) -> frozenset[str]:
        """Every scope the client holds on such an object (e.g. for the ``privileges``
        extension of an intake event)."""
        if self.heeft_alle_autorisaties:
            return frozenset({"*"})
        return frozenset(
            scope
            for a in self.autorisaties
            if a.component == component and a.covers(type_uuid, aanduiding)
            for scope in a.scopes
        )

    def visibility(self, component: Component, scope: str) -> Visibility:
        """The filter a list, search or expand must apply for ``scope``."""
        if self.heeft_alle_autorisaties:
            return Visibility(everything=True)
        relevant = [a for a in self.autorisaties if a.component == component and scope in a.scopes]
        if component not in TYPED_COMPONENTS:
            return Visibility(everything=bool(relevant))
        return Visibility(
            everything=False,
            grants=tuple(
                (a.type_uuid, a.max_vertrouwelijkheidaanduiding)
                for a in relevant
                if a.type_uuid is not None and a.max_vertrouwelijkheidaanduiding is not None
            ),
        )


def all_rights(client_id: str) -> ClientRights:
    """Rights of a client with ``heeftAlleAutorisaties`` (the demo client, embedded only)."""
    return ClientRights(client_id=client_id, heeft_alle_autorisaties=True)


def merge(client_id: str, autorisaties: Iterable[Autorisatie]) -> ClientRights:
    return ClientRights(client_id=client_id, autorisaties=tuple(autorisaties))
