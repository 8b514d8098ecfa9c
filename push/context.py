"""What the push connector needs to know about a zaak, read from the zaakmagazijn.

The zaakmagazijn processor commits its projection before it publishes a fact, so when the
connector sees a fact the zaak is there, at that fact's state or later. The status history is
cut at the fact's ``sequence``, so a notificatie describes the zaak as of its own event. A zaak
deleted since (zaak-verwijderd, or a replay of old facts) yields None: nothing to send.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final
from uuid import UUID

from sqlalchemy import bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.pip.notificatie import ZaakKenmerken
from zaakmagazijn.tables import rol, status, zaak


@dataclass(frozen=True)
class StatusRegel:
    """One status of the history: its statustype and when it was set."""

    uuid: UUID
    statustype: UUID
    datum_status_gezet: dt.datetime
    statustoelichting: str


@dataclass(frozen=True)
class ZaakContext:
    kenmerken: ZaakKenmerken
    identificatie: str
    omschrijving: str
    startdatum: dt.date
    einddatum: dt.date | None
    bsn: str | None  # the initiator, natural person
    kvk: str | None  # the initiator, company
    statussen: tuple[StatusRegel, ...]


def _build_reads(upto: bool) -> tuple[Any, Any]:
    """The statussen and initiator reads, with or without the cut at ``upto``."""
    zaak_uuid = bindparam("zaak_uuid", type_=status.c.zaak.type)
    statussen = select(status).where(status.c.zaak == zaak_uuid).order_by(status.c.zaak_sequence)
    initiators = (
        select(rol.c.inp_bsn, rol.c.gegevens)
        .where(rol.c.zaak == zaak_uuid, rol.c.omschrijving_generiek == "initiator")
        .order_by(rol.c.volgnummer)
    )
    if upto:  # the initiator as known when the fact happened
        statussen = statussen.where(status.c.zaak_sequence <= bindparam("upto"))
        initiators = initiators.where(rol.c.volgnummer <= bindparam("upto"))
    return statussen, initiators


# Built once: building these costs more than running them, and every fact reads them.
_ZAAK: Final = select(zaak).where(zaak.c.uuid == bindparam("zaak_uuid"))
_READS: Final = {upto: _build_reads(upto) for upto in (False, True)}


async def load(conn: AsyncConnection, zaak_uuid: UUID, upto: int | None) -> ZaakContext | None:
    """The context of ``zaak_uuid`` with the statussen up to per-zaak sequence ``upto``."""
    row = (await conn.execute(_ZAAK, {"zaak_uuid": zaak_uuid})).first()
    if row is None:
        return None
    statussen, initiators = _READS[upto is not None]
    values: dict[str, Any] = {"zaak_uuid": zaak_uuid}
    if upto is not None:
        values["upto"] = upto
    bsn = kvk = None
    for initiator in await conn.execute(initiators, values):
        identificatie = (initiator.gegevens or {}).get("betrokkeneIdentificatie") or {}
        bsn = bsn or initiator.inp_bsn or None
        kvk = kvk or identificatie.get("kvkNummer") or None
    return ZaakContext(
        kenmerken=ZaakKenmerken(
            uuid=row.uuid,
            bronorganisatie=row.bronorganisatie,
            zaaktype=row.zaaktype,
            vertrouwelijkheidaanduiding=row.vertrouwelijkheidaanduiding,
        ),
        identificatie=row.identificatie,
        omschrijving=row.omschrijving,
        startdatum=row.startdatum,
        einddatum=row.einddatum,
        bsn=bsn,
        kvk=kvk,
        statussen=tuple(
            StatusRegel(s.uuid, s.statustype, s.datum_status_gezet, s.statustoelichting)
            for s in await conn.execute(statussen, values)
        ),
    )
