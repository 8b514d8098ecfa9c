"""Versioned payloads of the Notificaties domain: kanalen and abonnementen.

Field names are those of the VNG Notificaties API 1.0 (``naam``, ``documentatieLink``,
``filters``, ``callbackUrl``, ``auth``, ``kanalen``). Secrets never travel in clear text: the
``auth`` header value, an HMAC signing secret and an OAuth2 client secret are Fernet tokens made
with the gateway's ``MIDOFFICE_SECRET_KEY`` (``encrypted*`` fields), as for applicaties.

MidOffice extensions of an abonnement (all optional, documented in docs/ARCHITECTURE.md):
``berichtformaat`` (``notificatie`` = the ZGW message, ``cloudevents`` = NL GOV CloudEvents
structured JSON), ``hmac`` signing, ``oauth2`` client credentials and ``burgerkanaal`` (the
target faces citizens, so their subscription preferences, dedupe and throttle apply).
"""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import Field

from schemas.payloads import Payload

Kenmerk = Annotated[str, Field(min_length=1, max_length=1000)]
Berichtformaat = Literal["notificatie", "cloudevents"]


class KanaalAangemaaktV1(Payload):
    """``nl.overheid.notificaties.kanaal-aangemaakt`` version 1."""

    uuid: UUID
    naam: str = Field(min_length=1, max_length=50)
    documentatieLink: str = Field("", max_length=200)
    filters: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list
    )


class AbonnementKanaalV1(Payload):
    """One ``FilterGroup``: a kanaal naam and the kenmerken a notificatie must carry."""

    naam: str = Field(min_length=1, max_length=50)
    filters: dict[Annotated[str, Field(min_length=1, max_length=100)], Kenmerk] = Field(
        default_factory=dict
    )


class OAuth2ClientCredentialsV1(Payload):
    """OAuth2 client credentials for a target: the token is fetched from ``tokenUrl``."""

    tokenUrl: str = Field(min_length=1, max_length=200)
    clientId: str = Field(min_length=1, max_length=200)
    encryptedClientSecret: str = Field(min_length=1)
    scope: str = Field("", max_length=200)


class AbonnementV1(Payload):
    """``nl.overheid.notificaties.abonnement-aangemaakt`` / ``-gewijzigd`` version 1: the
    complete abonnement (a PATCH is merged by the gateway before it publishes)."""

    uuid: UUID
    clientId: str = Field(min_length=1, max_length=50, description="The subscribing client.")
    callbackUrl: str = Field(min_length=1, max_length=200)
    encryptedAuth: str = Field(min_length=1)
    kanalen: list[AbonnementKanaalV1] = Field(min_length=1)
    berichtformaat: Berichtformaat = "notificatie"
    encryptedHmacSecret: str | None = None
    oauth2: OAuth2ClientCredentialsV1 | None = None
    burgerkanaal: bool = False


class AbonnementVerwijderdV1(Payload):
    """``nl.overheid.notificaties.abonnement-verwijderd`` version 1."""

    uuid: UUID
