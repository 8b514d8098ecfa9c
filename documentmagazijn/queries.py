"""Reads of the documentmagazijn: current documents, a given versie, lists, references.

Also the query the Zaken side needs to close a zaak (:func:`sluiten_geblokkeerd`) and the set
of referenced blob hashes the orphan sweeper must keep (:func:`referenced_blobs`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties.rights import Visibility, up_to
from documentmagazijn.tables import (
    bestandsdeel,
    document,
    document_versie,
    gebruiksrecht,
    objectinformatieobject,
)
from schemas.payloads_documenten import InformatieobjectV1


@dataclass(frozen=True)
class Deel:
    uuid: UUID
    volgnummer: int
    omvang: int
    sha256: str | None


@dataclass(frozen=True)
class Versie:
    """One versie of a document, with the document's current lock state."""

    uuid: UUID
    versie: int
    laatste_versie: int
    begin_registratie: dt.datetime
    informatieobject: InformatieobjectV1
    sha256: str | None
    bestandsomvang: int | None
    lock: str
    indicatie_gebruiksrecht: bool | None
    sequence: int
    delen: tuple[Deel, ...] = ()

    @property
    def locked(self) -> bool:
        return bool(self.lock)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


async def _delen(conn: AsyncConnection, uuid: UUID) -> tuple[Deel, ...]:
    rows = await conn.execute(
        select(bestandsdeel)
        .where(bestandsdeel.c.document == uuid)
        .order_by(bestandsdeel.c.volgnummer)
    )
    return tuple(Deel(r.uuid, r.volgnummer, int(r.omvang), r.sha256) for r in rows)


async def get(
    conn: AsyncConnection,
    uuid: UUID,
    *,
    versie: int | None = None,
    registratie_op: dt.datetime | None = None,
) -> Versie | None:
    """The latest versie, versie ``versie``, or the versie registered at ``registratie_op``."""
    doc = (await conn.execute(select(document).where(document.c.uuid == uuid))).one_or_none()
    if doc is None or doc.versie == 0:
        return None
    query = select(document_versie).where(document_versie.c.document == uuid)
    if versie is not None:
        query = query.where(document_versie.c.versie == versie)
    else:
        if registratie_op is not None:
            query = query.where(document_versie.c.begin_registratie <= registratie_op)
        query = query.order_by(document_versie.c.versie.desc()).limit(1)
    row = (await conn.execute(query)).first()
    if row is None:
        return None
    delen = await _delen(conn, uuid) if row.versie == doc.versie else ()
    return Versie(
        uuid=uuid,
        versie=row.versie,
        laatste_versie=doc.versie,
        begin_registratie=_aware(row.begin_registratie),
        informatieobject=InformatieobjectV1.model_validate(row.informatieobject),
        sha256=row.sha256,
        bestandsomvang=None if row.bestandsomvang is None else int(row.bestandsomvang),
        lock=doc.lock,
        indicatie_gebruiksrecht=doc.indicatie_gebruiksrecht,
        sequence=doc.sequence,
        delen=delen,
    )


async def sequence_of(conn: AsyncConnection, uuid: UUID) -> int:
    return int(await conn.scalar(select(document.c.sequence).where(document.c.uuid == uuid)) or 0)


async def identificatie_taken(
    conn: AsyncConnection, bronorganisatie: str, identificatie: str, uuid: UUID
) -> bool:
    found = await conn.scalar(
        select(document.c.uuid).where(
            document.c.bronorganisatie == bronorganisatie,
            document.c.identificatie == identificatie,
            document.c.uuid != uuid,
        )
    )
    return found is not None


async def count_for(conn: AsyncConnection, bronorganisatie: str, year: int) -> int:
    prefix = f"DOCUMENT-{year}-"
    return int(
        await conn.scalar(
            select(func.count())
            .select_from(document)
            .where(
                document.c.bronorganisatie == bronorganisatie,
                document.c.identificatie.like(prefix + "%"),
            )
        )
        or 0
    )


def _visible(visibility: Visibility) -> Any:
    if visibility.everything:
        return None
    if visibility.nothing:
        return false()
    return or_(
        *(
            and_(
                document.c.informatieobjecttype == type_uuid,
                document.c.vertrouwelijkheidaanduiding.in_(up_to(maximum)),
            )
            for type_uuid, maximum in visibility.grants
        )
    )


async def page(
    conn: AsyncConnection,
    visibility: Visibility,
    *,
    identificatie: str | None,
    bronorganisatie: str | None,
    offset: int,
    limit: int,
    uuids: Collection[UUID] | None = None,
) -> tuple[int, list[UUID]]:
    """Live documents visible to the client, oldest first: count and one page of uuids
    (only those among ``uuids`` when given, as ``_zoek``'s ``uuid__in``)."""
    conditions = [document.c.versie > 0]
    if uuids is not None:
        conditions.append(document.c.uuid.in_(list(uuids)))
    if (visible := _visible(visibility)) is not None:
        conditions.append(visible)
    if identificatie is not None:
        conditions.append(document.c.identificatie == identificatie)
    if bronorganisatie is not None:
        conditions.append(document.c.bronorganisatie == bronorganisatie)
    count = await conn.scalar(select(func.count()).select_from(document).where(*conditions))
    rows = await conn.scalars(
        select(document.c.uuid)
        .where(*conditions)
        .order_by(document.c.bronorganisatie, document.c.identificatie)
        .offset(offset)
        .limit(limit)
    )
    return int(count or 0), list(rows)


async def referenced_blobs(conn: AsyncConnection) -> set[str]:
    """Every blob hash a versie or an uploaded part refers to: the sweeper keeps these."""
    versies = await conn.scalars(
        select(document_versie.c.sha256).where(document_versie.c.sha256.is_not(None))
    )
    delen = await conn.scalars(
        select(bestandsdeel.c.sha256).where(bestandsdeel.c.sha256.is_not(None))
    )
    return {*versies, *delen}


async def gebruiksrechten(conn: AsyncConnection, informatieobject: UUID | None) -> Sequence[Any]:
    query = select(gebruiksrecht).order_by(gebruiksrecht.c.startdatum, gebruiksrecht.c.uuid)
    if informatieobject is not None:
        query = query.where(gebruiksrecht.c.informatieobject == informatieobject)
    return list(await conn.execute(query))


async def gebruiksrecht_by_uuid(conn: AsyncConnection, uuid: UUID) -> Any:
    return (
        await conn.execute(select(gebruiksrecht).where(gebruiksrecht.c.uuid == uuid))
    ).one_or_none()


async def objectinformatieobjecten(
    conn: AsyncConnection, informatieobject: UUID | None, object_url: str | None
) -> Sequence[Any]:
    query = select(objectinformatieobject).order_by(objectinformatieobject.c.uuid)
    if informatieobject is not None:
        query = query.where(objectinformatieobject.c.informatieobject == informatieobject)
    if object_url is not None:
        query = query.where(objectinformatieobject.c.object == object_url)
    return list(await conn.execute(query))


async def objectinformatieobject_by_uuid(conn: AsyncConnection, uuid: UUID) -> Any:
    return (
        await conn.execute(
            select(objectinformatieobject).where(objectinformatieobject.c.uuid == uuid)
        )
    ).one_or_none()


async def bestaat(conn: AsyncConnection, uuid: UUID) -> bool:
    """True when the document exists (for the zaakinformatieobject rule)."""
    versie = await conn.scalar(select(document.c.versie).where(document.c.uuid == uuid))
    return bool(versie)


async def sluiten_geblokkeerd(
    conn: AsyncConnection, uuids: Collection[UUID]
) -> list[tuple[UUID, str]]:
    """The documents among ``uuids`` that keep a zaak from getting its eindstatus: locked,
    or without indicatieGebruiksrecht (null). Each with the reason."""
    if not uuids:
        return []
    rows = await conn.execute(
        select(document.c.uuid, document.c.lock, document.c.indicatie_gebruiksrecht).where(
            document.c.uuid.in_(list(uuids)), document.c.versie > 0
        )
    )
    blocked = []
    for row in rows:
        if row.lock:
            blocked.append((row.uuid, "locked"))
        elif row.indicatie_gebruiksrecht is None:
            blocked.append((row.uuid, "indicatie_gebruiksrecht"))
    return blocked


async def deel_document(conn: AsyncConnection, deel: UUID) -> UUID | None:
    """The document a pending bestandsdeel belongs to."""
    return await conn.scalar(select(bestandsdeel.c.document).where(bestandsdeel.c.uuid == deel))


async def audit(conn: AsyncConnection, uuid: UUID) -> Sequence[Any]:
    """The audit trail of a document: one row per accepted fact, in order."""
    from documentmagazijn.tables import document_audit

    return list(
        await conn.execute(
            select(document_audit)
            .where(document_audit.c.document == uuid)
            .order_by(document_audit.c.sequence)
        )
    )


def document_uuid(url: str) -> UUID | None:
    """The uuid of an ``.../enkelvoudiginformatieobjecten/{uuid}`` URL (None for others)."""
    head, _, tail = url.rstrip("/").rpartition("/")
    if not head.endswith("/enkelvoudiginformatieobjecten"):
        return None
    try:
        return UUID(tail)
    except ValueError:
        return None


async def sluiten_geblokkeerd_urls(
    conn: AsyncConnection, urls: Collection[str]
) -> list[tuple[str, str]]:
    """:func:`sluiten_geblokkeerd` for zaakinformatieobject URLs (as the zaakmagazijn keeps
    them); URLs of other registers are not judged here."""
    by_uuid = {u: url for url in urls if (u := document_uuid(url)) is not None}
    return [(by_uuid[u], reason) for u, reason in await sluiten_geblokkeerd(conn, list(by_uuid))]
