"""Every projection the MidOffice keeps, for replay and verification by operators.

A projection is rebuilt by applying the accepted facts of the events topic, in order per
partition, through the same ``apply`` the live processor uses. Each entry names the fact
types it applies and the tables that hold its content (compared by ``verify``).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncConnection

import autorisaties.projection
import burgerzaken.projection
import catalogi.projection
import documentmagazijn.projection
import notificaties.projection
import zaakmagazijn.projection
from autorisaties import tables as autorisaties_tables
from burgerzaken import tables as burgerzaken_tables
from catalogi import tables as catalogi_tables
from documentmagazijn import tables as document_tables
from notificaties import tables as notificaties_tables
from schemas import autorisaties_events, catalogi_events, documenten_events, notificaties_events
from schemas.envelope import Envelope
from zaakmagazijn import tables as zaak_tables
from zaakmagazijn.fingerprint import Snapshot, normalise


@dataclass(frozen=True)
class Projection:
    """One rebuildable store."""

    name: str
    fact_types: frozenset[str]
    apply: Callable[[AsyncConnection, Envelope], Awaitable[bool]]
    tables: tuple[Table, ...]


def _types(schemas: tuple[object, ...]) -> frozenset[str]:
    return frozenset(getattr(schema, "event_type") for schema in schemas)  # noqa: B009


PROJECTIONS: Mapping[str, Projection] = {
    projection.name: projection
    for projection in (
        Projection(
            "zaakmagazijn",
            frozenset(zaakmagazijn.projection.APPLIERS),
            zaakmagazijn.projection.apply,
            zaak_tables.PROJECTION_TABLES,
        ),
        Projection(
            "catalogi",
            _types(catalogi_events.SCHEMAS),
            catalogi.projection.apply,
            catalogi_tables.PROJECTION_TABLES,
        ),
        Projection(
            "autorisaties",
            _types(autorisaties_events.SCHEMAS),
            autorisaties.projection.apply,
            (autorisaties_tables.applicatie, autorisaties_tables.applicatie_client_id,
             autorisaties_tables.autorisaties_stamp),
        ),
        Projection(
            "documentmagazijn",
            _types(documenten_events.SCHEMAS),
            documentmagazijn.projection.apply,
            (document_tables.document, document_tables.document_versie,
             document_tables.bestandsdeel, document_tables.gebruiksrecht,
             document_tables.objectinformatieobject, document_tables.document_audit),
        ),
        Projection(
            "burgerzaken",
            frozenset(burgerzaken.projection.APPLIERS),
            burgerzaken.projection.apply,
            burgerzaken_tables.PROJECTION_TABLES,
        ),
        Projection(
            "notificaties",
            _types(notificaties_events.SCHEMAS),
            notificaties.projection.apply,
            notificaties_tables.PROJECTION_TABLES,
        ),
    )
}  # fmt: skip
"""The one list of projections; ``midoffice replay NAME`` and ``verify NAME`` use it."""


def _primary_key(table: Table) -> tuple[str, ...]:
    return tuple(column.name for column in table.primary_key.columns)


async def snapshot(conn: AsyncConnection, tables: tuple[Table, ...]) -> Snapshot:
    """Every row of ``tables``, normalised (see zaakmagazijn.fingerprint), in key order."""
    result: Snapshot = {}
    for table in tables:
        rows = (await conn.execute(select(table))).mappings().all()
        normalised = [{name: normalise(value) for name, value in row.items()} for row in rows]
        pk = _primary_key(table)
        result[table.name] = sorted(normalised, key=lambda r: tuple(str(r[c]) for c in pk))
    return result
