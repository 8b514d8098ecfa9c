"""Helpers of the gateway tests: an in-test IntakePort, ZGW tokens, projection rows.

``RecordingIntake`` records envelopes and lets a test play the processor (``decide``); for an
Accepted outcome, ``accept_and_project`` writes the row the processor would have written, so
the gateway reads the 201 body from the zaakmagazijn as in production.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import time
import uuid
import warnings
from collections.abc import Awaitable, Callable
from typing import Any

import jwt
from sqlalchemy import insert, update
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi.loader import load_catalogue
from midoffice.container import PendingOutcome
from midoffice.settings import DEMO_CATALOGUE, Settings
from schemas.envelope import Envelope
from schemas.event_types import ZAAK_GEOPEND
from schemas.outcome import Accepted, Outcome
from schemas.payloads import StatusGezetV1, ZaakGeopendV1
from zaakmagazijn.tables import status, zaak

SECRET = "gateway-test-secret-that-is-long-enough"
BASE = "http://testserver"
ZAAKTYPE_UUID = uuid.UUID("0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f")
ZAAKTYPE = f"https://elders.example/catalogi/api/v1/zaaktypen/{ZAAKTYPE_UUID}"
STATUSTYPE = f"{BASE}/catalogi/api/v1/statustypen/7e1c3a10-0002-4a4a-8a8a-000000000002"
CATALOGUS_UUID = uuid.UUID("5b3a6ae4-1cd6-4b2c-9b5e-3f2a1d0c9e01")
RSIN = "002220647"
TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
CATALOGUE = load_catalogue(DEMO_CATALOGUE)

Decide = Callable[[Envelope], Awaitable[Outcome | None]]


class RecordingIntake:
    """IntakePort double: records envelopes; ``decide`` plays the processor."""

    def __init__(self) -> None:
        self.submitted: list[Envelope] = []
        self.decided: dict[uuid.UUID, Outcome] = {}
        self.decide: Decide | None = None
        self.waits = 0
        self.submit_error: Exception | None = None

    async def submit(self, envelope: Envelope) -> None:
        if self.submit_error is not None:
            raise self.submit_error
        self.submitted.append(envelope)

    async def wait(self, event_id: uuid.UUID, timeout: float) -> Outcome | None:
        self.waits += 1
        envelope = next(e for e in self.submitted if e.id == event_id)
        outcome = await self.decide(envelope) if self.decide else None
        if outcome is not None:
            self.decided[event_id] = outcome
        return outcome

    async def outcome(self, event_id: uuid.UUID) -> Outcome | PendingOutcome | None:
        if event_id in self.decided:
            return self.decided[event_id]
        if any(e.id == event_id for e in self.submitted):
            return PendingOutcome(event_id)
        return None


def token(claims: dict[str, Any] | None = None, secret: str = SECRET, **overrides: Any) -> str:
    """A ZGW JWT for the demo client; ``overrides`` replace claims (None removes one)."""
    body: dict[str, Any] = {
        "iss": "demo",
        "iat": int(time.time()),
        "client_id": "demo",
        "user_id": "medewerker-1",
        "user_representation": "Mw. Medewerker",
        **(claims or {}),
        **overrides,
    }
    body = {key: value for key, value in body.items() if value is not None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return jwt.encode(body, secret, algorithm="HS256")


def bearer(value: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {value or token()}"}


def unsigned_token() -> str:
    def part(data: dict[str, Any]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {"client_id": "demo", "iat": int(time.time())}
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}."


def zaak_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "bronorganisatie": RSIN,
        "verantwoordelijkeOrganisatie": RSIN,
        "zaaktype": ZAAKTYPE,
        "omschrijving": "Parkeervergunning Dorpsstraat",
        "startdatum": "2026-02-01",
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


async def insert_zaak(
    engine: AsyncEngine, payload: ZaakGeopendV1 | None = None, **kw: Any
) -> uuid.UUID:
    """Write a zaak row as the processor's projection would."""
    data = payload or ZaakGeopendV1(
        uuid=kw.pop("uuid", uuid.uuid4()),
        identificatie=kw.pop("identificatie", f"ZAAK-{uuid.uuid4().hex[:8]}"),
        bronorganisatie=kw.pop("bronorganisatie", RSIN),
        verantwoordelijkeOrganisatie=RSIN,
        zaaktype=ZAAKTYPE_UUID,
        registratiedatum=dt.date(2026, 1, 5),
        startdatum=kw.pop("startdatum", dt.date(2026, 1, 5)),
        vertrouwelijkheidaanduiding="zaakvertrouwelijk",
        kenmerken=[{"kenmerk": "K-1", "bron": "parkeerapp"}],
    )
    columns = {
        "identificatie": data.identificatie or "ZAAK-2026-0000000001",
        "bronorganisatie": data.bronorganisatie,
        "verantwoordelijke_organisatie": data.verantwoordelijkeOrganisatie,
        "zaaktype": data.zaaktype,
        "omschrijving": data.omschrijving,
        "toelichting": data.toelichting,
        "registratiedatum": data.registratiedatum,
        "startdatum": data.startdatum,
        "einddatum_gepland": data.einddatumGepland,
        "uiterlijke_einddatum_afdoening": data.uiterlijkeEinddatumAfdoening,
        "publicatiedatum": data.publicatiedatum,
        "vertrouwelijkheidaanduiding": str(data.vertrouwelijkheidaanduiding),
        "archiefnominatie": data.archiefnominatie,
        "archiefstatus": data.archiefstatus,
        "archiefactiedatum": data.archiefactiedatum,
        "startdatum_bewaartermijn": data.startdatumBewaartermijn,
    }
    attributes = {k: v for k, v in data.model_dump(mode="json").items() if k in _ATTRIBUTE_FIELDS}
    async with engine.begin() as conn:
        await conn.execute(
            insert(zaak).values(
                uuid=data.uuid, **columns, einddatum=None, status=None, sequence=1,
                attributes=attributes, registered_at=dt.datetime.now(dt.UTC),
            )
        )  # fmt: skip
    return data.uuid


_ATTRIBUTE_FIELDS = {
    "communicatiekanaal", "productenOfDiensten", "betalingsindicatie", "laatsteBetaaldatum",
    "zaakgeometrie", "selectielijstklasse", "hoofdzaak", "relevanteAndereZaken", "kenmerken",
    "opdrachtgevendeOrganisatie", "processobjectaard", "processobject",
}  # fmt: skip


async def insert_status(engine: AsyncEngine, data: StatusGezetV1, sequence: int = 2) -> None:
    async with engine.begin() as conn:
        await conn.execute(
            insert(status).values(
                uuid=data.uuid, zaak=data.zaak, statustype=data.statustype,
                datum_status_gezet=data.datumStatusGezet.astimezone(dt.UTC),
                statustoelichting=data.statustoelichting,
                gezetdoor=data.gezetdoor, zaak_sequence=sequence,
            )
        )  # fmt: skip
        await conn.execute(update(zaak).where(zaak.c.uuid == data.zaak).values(status=data.uuid))


def make_settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "demo_client_secret": SECRET,
        "outcome_timeout_seconds": 0.5,
        "max_request_bytes": 4096,
        "http_host": "127.0.0.1",
        "public_url": "",
    }
    values.update(overrides)
    return Settings(**values)


def accept_and_project(engine: AsyncEngine) -> Decide:
    """The processor's part for an accepted event: write the projection, report Accepted."""

    async def decide(envelope: Envelope) -> Outcome:
        if envelope.type == ZAAK_GEOPEND:
            assert isinstance(envelope.data, ZaakGeopendV1)
            data = envelope.data.model_copy(update={"identificatie": "ZAAK-2026-0000000001"})
            await insert_zaak(engine, data)
            return Accepted("zaak", data.uuid, facts=())
        assert isinstance(envelope.data, StatusGezetV1)
        await insert_status(engine, envelope.data)
        return Accepted("status", envelope.data.uuid, facts=())

    return decide
