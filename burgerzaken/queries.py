"""The PIP read: one page of a person's zaken with everything the PIP shows, in 3 queries.

1. the page of zaken (with the zaaktype omschrijving and the total count, one window query);
2. the statussen of those zaken (with the statustype omschrijving);
3. the documents of those zaken a citizen may see.

The number of queries does not depend on the page size or on the number of statussen or
documents (no N+1). Authorisation is a condition of query 1 (zaaktype and maximum
vertrouwelijkheidaanduiding of the client), so counts and pages never reveal other zaken.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from autorisaties.rights import Visibility, up_to
from burgerzaken.tables import (
    burgerdocument,
    burgerzaak,
    burgerzaak_betrokkene,
    burgerzaak_informatieobject,
    burgerzaak_status,
    burgerzaken_type,
)


@dataclass
class Burgerzaak:
    """One zaak as the PIP shows it."""

    zaak: Any  # the burgerzaak row, with zaaktype_omschrijving
    statussen: list[Any] = field(default_factory=list)  # oldest first
    documenten: list[Any] = field(default_factory=list)


def _visible(
    column_type: Any, column_aanduiding: Any, visibility: Visibility
) -> ColumnElement[bool]:
    if visibility.everything:
        return true()
    if visibility.nothing:
        return false()
    by_max: dict[str, list[UUID]] = defaultdict(list)
    for type_uuid, maximum in visibility.grants:
        by_max[str(maximum)].append(type_uuid)
    return or_(
        *(
            and_(column_type.in_(types), column_aanduiding.in_(up_to(m)))
            for m, types in sorted(by_max.items())
        )
    )


def zaken_query(soort: str, nummer: str, zaken: Visibility, offset: int, limit: int) -> Select[Any]:
    """Query 1: one page of the person's zaken the client may read, newest startdatum first,
    with the zaaktype omschrijving and the total count.

    The page is cut from ``burgerzaak_betrokkene`` alone (its index on soort, nummer,
    startdatum, identificatie holds copies of the sort and authorisation columns), with the
    count as a window over it; only the page's zaken are then fetched by primary key.
    """
    index = burgerzaak_betrokkene
    of_person = (
        select(index.c.zaak, index.c.startdatum, index.c.identificatie)
        .where(
            index.c.soort == soort,
            index.c.nummer == nummer,
            _visible(index.c.zaaktype, index.c.vertrouwelijkheidaanduiding, zaken),
        )
        .distinct()  # one person in two rollen of a zaak
        .subquery("of_person")
    )
    order = (of_person.c.startdatum.desc(), of_person.c.identificatie.desc(), of_person.c.zaak)
    page = (
        select(of_person.c.zaak, func.count().over().label("total"))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
        .subquery("page")
    )
    zaaktype = burgerzaken_type.alias("zaaktype")
    return (
        select(burgerzaak, zaaktype.c.omschrijving.label("zaaktype_omschrijving"), page.c.total)
        .select_from(
            page.join(burgerzaak, burgerzaak.c.uuid == page.c.zaak).outerjoin(
                zaaktype, zaaktype.c.uuid == burgerzaak.c.zaaktype
            )
        )
        .order_by(
            burgerzaak.c.startdatum.desc(), burgerzaak.c.identificatie.desc(), burgerzaak.c.uuid
        )
    )


def statussen_query(zaken: Sequence[UUID]) -> Select[Any]:
    """Query 2: the statussen of ``zaken``, oldest first, with the statustype omschrijving."""
    statustype = burgerzaken_type.alias("statustype")
    status = burgerzaak_status
    return (
        select(status, statustype.c.omschrijving.label("statustype_omschrijving"))
        .select_from(status.outerjoin(statustype, statustype.c.uuid == status.c.statustype))
        .where(status.c.zaak.in_(list(zaken)))
        .order_by(status.c.datum_status_gezet, status.c.zaak_sequence)
    )


def documenten_query(
    zaken: Sequence[UUID], documenten: Visibility, vertrouwelijkheid: Sequence[str]
) -> Select[Any]:
    """Query 3: the complete documents of ``zaken`` a citizen may see (configured
    aanduidingen) and the client may read (its documenten.lezen autorisaties)."""
    link = burgerzaak_informatieobject
    return (
        select(link.c.zaak, burgerdocument)
        .select_from(link.join(burgerdocument, burgerdocument.c.uuid == link.c.document))
        .where(
            link.c.zaak.in_(list(zaken)),
            burgerdocument.c.compleet.is_(True),
            burgerdocument.c.vertrouwelijkheidaanduiding.in_(list(vertrouwelijkheid)),
            _visible(
                burgerdocument.c.informatieobjecttype,
                burgerdocument.c.vertrouwelijkheidaanduiding,
                documenten,
            ),
        )
        .order_by(link.c.zaak_sequence)
    )


async def page(
    conn: AsyncConnection,
    *,
    soort: str,
    nummer: str,
    zaken: Visibility,
    documenten: Visibility,
    document_vertrouwelijkheid: Sequence[str],
    offset: int,
    limit: int,
) -> tuple[int, list[Burgerzaak]]:
    """The total count and one page (newest startdatum first) of the zaken of ``nummer``."""
    rows = (await conn.execute(zaken_query(soort, nummer, zaken, offset, limit))).all()
    if not rows:
        return 0, []
    by_uuid = {row.uuid: Burgerzaak(row) for row in rows}
    for status in await conn.execute(statussen_query(list(by_uuid))):
        by_uuid[status.zaak].statussen.append(status)
    query = documenten_query(list(by_uuid), documenten, document_vertrouwelijkheid)
    for document in await conn.execute(query):
        by_uuid[document.zaak].documenten.append(document)
    return int(rows[0].total), list(by_uuid.values())
