"""Versioned payloads of the Autorisaties domain: applicaties and their autorisaties.

Field names are those of the VNG Autorisaties API 1.0 (``clientIds``, ``heeftAlleAutorisaties``,
``maxVertrouwelijkheidaanduiding``). Type references (zaaktype, informatieobjecttype,
besluittype) are carried as UUIDs, like the zaak events. The shared secret never travels in
clear text: ``encryptedSecret`` is a Fernet token made with the gateway's
``MIDOFFICE_SECRET_KEY``, so the log (the system of record) holds no usable secret.
"""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from schemas.payloads import Payload, Vertrouwelijkheidaanduiding

ComponentCode = Literal["ac", "nrc", "zrc", "ztc", "drc", "brc"]
ClientId = Annotated[str, Field(min_length=1, max_length=50)]
Scope = Annotated[str, Field(min_length=1, max_length=100)]


class AutorisatieV1(Payload):
    """One autorisatie: a component, its scopes and, for zrc/drc/brc, the type it covers."""

    component: ComponentCode
    scopes: list[Scope] = Field(default_factory=list)
    zaaktype: UUID | None = None
    informatieobjecttype: UUID | None = None
    besluittype: UUID | None = None
    maxVertrouwelijkheidaanduiding: Vertrouwelijkheidaanduiding | None = None


class ApplicatieAangemaaktV1(Payload):
    """``nl.overheid.autorisaties.applicatie-aangemaakt`` version 1."""

    uuid: UUID
    clientIds: list[ClientId] = Field(min_length=1)
    label: str = Field(min_length=1, max_length=100)
    heeftAlleAutorisaties: bool = False
    autorisaties: list[AutorisatieV1] = Field(default_factory=list)
    encryptedSecret: str = Field(min_length=1, description="Fernet token of the HS256 secret.")


class ApplicatieGewijzigdV1(Payload):
    """``nl.overheid.autorisaties.applicatie-gewijzigd`` version 1.

    On the intake topic a field left None keeps its value (PATCH); the processor writes the
    complete new state into the accepted fact. ``encryptedSecret`` stays None in the fact
    when the secret did not change.
    """

    uuid: UUID
    clientIds: list[ClientId] | None = Field(None, min_length=1)
    label: str | None = Field(None, min_length=1, max_length=100)
    heeftAlleAutorisaties: bool | None = None
    autorisaties: list[AutorisatieV1] | None = None
    encryptedSecret: str | None = Field(None, min_length=1)


class ApplicatieVerwijderdV1(Payload):
    """``nl.overheid.autorisaties.applicatie-verwijderd`` version 1."""

    uuid: UUID
