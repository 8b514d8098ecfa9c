"""Apply the documentmagazijn's facts (key = document uuid) to the read model.

The read model keeps, per document, what the PIP shows (titel, vertrouwelijkheidaanduiding,
formaat, bestandsnaam, bestandsomvang, creatiedatum) of its latest versie, and whether its
content is complete (an upload in bestandsdelen is not, until its last part).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Final

from sqlalchemy import delete, insert, update
from sqlalchemy.ext.asyncio import AsyncConnection

from burgerzaken.tables import burgerdocument
from schemas import documenten_events as de
from schemas.envelope import Envelope
from schemas.payloads_documenten import (
    BestandsdeelGeuploadV1,
    DocumentAangemaaktV1,
    DocumentGewijzigdV1,
    DocumentVerwijderdV1,
    InformatieobjectV1,
)


def _metadata(info: InformatieobjectV1) -> dict[str, Any]:
    return {
        "titel": info.titel,
        "vertrouwelijkheidaanduiding": str(info.vertrouwelijkheidaanduiding),
        "formaat": info.formaat,
        "bestandsnaam": info.bestandsnaam,
        "creatiedatum": info.creatiedatum,
        "informatieobjecttype": info.informatieobjecttype,
    }


async def aangemaakt(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, DocumentAangemaaktV1)
    size = data.inhoud.size if data.inhoud else data.bestandsomvang
    await conn.execute(
        insert(burgerdocument).values(
            uuid=data.uuid,
            bestandsomvang=size,
            compleet=not data.bestandsdelen,
            **_metadata(data.informatieobject),
        )
    )


async def gewijzigd(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, DocumentGewijzigdV1)
    values = _metadata(data.informatieobject)
    if data.inhoud is not None:
        values |= {"bestandsomvang": data.inhoud.size, "compleet": True}
    elif data.bestandsomvang is not None:  # a new content follows in bestandsdelen
        values |= {"bestandsomvang": data.bestandsomvang, "compleet": not data.bestandsdelen}
    await conn.execute(
        update(burgerdocument).where(burgerdocument.c.uuid == data.uuid).values(**values)
    )


async def bestandsdeel(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, BestandsdeelGeuploadV1)
    if data.inhoud is not None:  # the last part: the versie has its content
        await conn.execute(
            update(burgerdocument)
            .where(burgerdocument.c.uuid == data.uuid)
            .values(bestandsomvang=data.inhoud.size, compleet=True)
        )


async def verwijderd(conn: AsyncConnection, fact: Envelope) -> None:
    data = fact.data
    assert isinstance(data, DocumentVerwijderdV1)
    await conn.execute(delete(burgerdocument).where(burgerdocument.c.uuid == data.uuid))


async def _position_only(_conn: AsyncConnection, _fact: Envelope) -> None:
    return None


APPLIERS: Final[Mapping[str, Callable[[AsyncConnection, Envelope], Awaitable[None]]]] = {
    **{schema.event_type: _position_only for schema in de.SCHEMAS},
    de.DOCUMENT_AANGEMAAKT: aangemaakt,
    de.DOCUMENT_GEWIJZIGD: gewijzigd,
    de.BESTANDSDEEL_GEUPLOAD: bestandsdeel,
    de.DOCUMENT_VERWIJDERD: verwijderd,
}
"""Document fact type -> how it changes the read model (locks, gebruiksrechten and
objectinformatieobjecten only advance the document's position)."""
