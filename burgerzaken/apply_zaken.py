"""Apply the zaakmagazijn's facts (key = zaak uuid) to the read model.

Only what the PIP shows is kept: the zaak's own fields, its betrokkenen's BSN and KvK
numbers, the status history and the links to documents. Other parts of a zaak (resultaat,
zaakobjecten, ...) only advance the zaak's position.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final, TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from burgerzaken.tables import (
    burgerzaak,
    burgerzaak_betrokkene,
    burgerzaak_informatieobject,
    burgerzaak_status,
)
from schemas import event_types as et
from schemas.envelope import Envelope
from schemas.payloads import StatusGezetV2, ZaakGemuteerdV1, ZaakGeopendV1, ZaakVerwijderdV1
from schemas.zaakonderdelen import OnderdeelVerwijderdV1, RolV1, ZaakinformatieobjectV1
from zaakmagazijn.rules import to_utc

_P = TypeVar("_P", bound=BaseModel)
_DOCUMENT_URL: Final = re.compile(
    r"/enkelvoudiginformatieobjecten/([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
    r"[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/?$"
)

IDENTIFIERS: Final[Mapping[str, tuple[tuple[str, str], ...]]] = {
    "natuurlijk_persoon": (("inpBsn", "bsn"),),
    "niet_natuurlijk_persoon": (("innNnpId", "kvk"),),
    "vestiging": (("kvkNummer", "kvk"),),
}
"""betrokkeneType -> (field of betrokkeneIdentificatie, soort of the index) as the ZGW Rol
model (Zaken API 1.5.1) has them: a natuurlijk persoon by BSN, a niet-natuurlijk persoon by
the number the Kamer van Koophandel gave it (``innNnpId``), a vestiging by ``kvkNummer``."""


def _data(fact: Envelope, model: type[_P]) -> _P:
    if not isinstance(fact.data, model):
        raise TypeError(f"fact {fact.id}: payload is not {model.__name__}")
    return fact.data


def _zaak_values(data: ZaakGeopendV1) -> dict[str, Any]:
    return {
        "identificatie": data.identificatie or "",
        "bronorganisatie": data.bronorganisatie,
        "omschrijving": data.omschrijving,
        "zaaktype": data.zaaktype,
        "startdatum": data.startdatum,
        "vertrouwelijkheidaanduiding": str(data.vertrouwelijkheidaanduiding),
    }


_INSERT_ZAAK: Final = insert(burgerzaak)  # built once, columns from the parameters


async def zaak_geopend(conn: AsyncConnection, fact: Envelope) -> None:
    data = _data(fact, ZaakGeopendV1)
    await conn.execute(_INSERT_ZAAK, {"uuid": data.uuid, "status": None, **_zaak_values(data)})


_COPIED: Final = ("startdatum", "identificatie", "zaaktype", "vertrouwelijkheidaanduiding")
"""The zaak columns ``burgerzaak_betrokkene`` keeps a copy of (sort order and authorisation)."""


async def zaak_gemuteerd(conn: AsyncConnection, fact: Envelope) -> None:
    data = _data(fact, ZaakGemuteerdV1)
    values = _zaak_values(data)
    await conn.execute(update(burgerzaak).where(burgerzaak.c.uuid == data.uuid).values(**values))
    await conn.execute(
        update(burgerzaak_betrokkene)
        .where(burgerzaak_betrokkene.c.zaak == data.uuid)
        .values(**{name: values[name] for name in _COPIED})
    )


async def zaak_verwijderd(conn: AsyncConnection, fact: Envelope) -> None:
    zaak = _data(fact, ZaakVerwijderdV1).uuid
    for table in (burgerzaak_betrokkene, burgerzaak_status, burgerzaak_informatieobject):
        await conn.execute(delete(table).where(table.c.zaak == zaak))
    await conn.execute(delete(burgerzaak).where(burgerzaak.c.uuid == zaak))


_S = burgerzaak_status
_INSERT_STATUS: Final = insert(_S)
_CURRENT_STATUS: Final = (
    select(_S.c.uuid)
    .where(_S.c.zaak == bindparam("zaak"))
    .order_by(_S.c.datum_status_gezet.desc(), _S.c.zaak_sequence.desc())
    .limit(1)
)
_UPDATE_ZAAK: Final = update(burgerzaak).where(burgerzaak.c.uuid == bindparam("b_zaak"))
"""Built once: every status change runs them (the SET columns come from the parameters)."""


async def status_gezet(conn: AsyncConnection, fact: Envelope) -> None:
    data = _data(fact, StatusGezetV2)
    await conn.execute(
        _INSERT_STATUS,
        {
            "uuid": data.uuid,
            "zaak": data.zaak,
            "statustype": data.statustype,
            "datum_status_gezet": to_utc(data.datumStatusGezet),
            "statustoelichting": data.statustoelichting,
            "zaak_sequence": fact.sequence,
        },
    )
    current = await conn.scalar(_CURRENT_STATUS, {"zaak": data.zaak})
    values: dict[str, Any] = {"b_zaak": data.zaak, "status": current}
    if current == data.uuid:  # as the zaakmagazijn: the current status decides the einddatum
        values["einddatum"] = data.einddatum if data.isEindstatus else None
    await conn.execute(_UPDATE_ZAAK, values)


def betrokkenen(data: RolV1) -> list[tuple[str, str]]:
    """The (soort, nummer) pairs a rol puts in the index (none for other betrokkeneTypen)."""
    identificatie = data.betrokkeneIdentificatie or {}
    found = []
    for field, soort in IDENTIFIERS.get(str(data.betrokkeneType), ()):
        value = identificatie.get(field)
        if isinstance(value, str) and value.strip():
            found.append((soort, value.strip()))
    return found


async def rol_toegevoegd(conn: AsyncConnection, fact: Envelope) -> None:
    data = _data(fact, RolV1)
    found = betrokkenen(data)
    if not found:
        return
    zaak = (
        await conn.execute(
            select(*(burgerzaak.c[name] for name in _COPIED)).where(burgerzaak.c.uuid == data.zaak)
        )
    ).one()  # the zaak's facts precede its parts' on the same partition
    for soort, nummer in found:
        await conn.execute(
            insert(burgerzaak_betrokkene).values(
                rol=data.uuid, zaak=data.zaak, soort=soort, nummer=nummer, **zaak._asdict()
            )
        )


async def rol_verwijderd(conn: AsyncConnection, fact: Envelope) -> None:
    rol = _data(fact, OnderdeelVerwijderdV1).uuid
    await conn.execute(delete(burgerzaak_betrokkene).where(burgerzaak_betrokkene.c.rol == rol))


def document_uuid(url: str) -> UUID | None:
    """The document uuid of an informatieobject URL (any host, as every incoming URL)."""
    match = _DOCUMENT_URL.search(url)
    return UUID(match[1]) if match else None


async def zio_geschreven(conn: AsyncConnection, fact: Envelope) -> None:
    data = _data(fact, ZaakinformatieobjectV1)
    table = burgerzaak_informatieobject
    await conn.execute(delete(table).where(table.c.uuid == data.uuid))
    await conn.execute(
        insert(table).values(
            uuid=data.uuid,
            zaak=data.zaak,
            document=document_uuid(data.informatieobject),
            zaak_sequence=fact.sequence,
        )
    )


async def zio_verwijderd(conn: AsyncConnection, fact: Envelope) -> None:
    zio = _data(fact, OnderdeelVerwijderdV1).uuid
    table = burgerzaak_informatieobject
    await conn.execute(delete(table).where(table.c.uuid == zio))


async def _position_only(_conn: AsyncConnection, _fact: Envelope) -> None:
    return None


APPLIERS: Final[Mapping[str, Callable[[AsyncConnection, Envelope], Awaitable[None]]]] = {
    **{t: _position_only for t in et.ALL if t != et.ZAAK_GEREGISTREERD},
    et.ZAAK_GEOPEND: zaak_geopend,
    et.ZAAK_GEMUTEERD: zaak_gemuteerd,
    et.ZAAK_VERWIJDERD: zaak_verwijderd,
    et.ZAAKSTATUS_GEWIJZIGD: status_gezet,
    et.ROL_TOEGEVOEGD: rol_toegevoegd,
    et.ROL_VERWIJDERD: rol_verwijderd,
    et.ZAAKINFORMATIEOBJECT_TOEGEVOEGD: zio_geschreven,
    et.ZAAKINFORMATIEOBJECT_GEWIJZIGD: zio_geschreven,
    et.ZAAKINFORMATIEOBJECT_VERWIJDERD: zio_verwijderd,
}
"""Zaak fact type -> how it changes the read model."""
