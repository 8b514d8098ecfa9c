"""Atomic registration: a zaak with its rollen, zaakobjecten and first status, as ONE intake
event (``zaak-geregistreerd``), decided all or nothing.

The parts are decided one after the other in a savepoint, each by its usual handler, so every
rule holds exactly as for separate requests. When one part is rejected the savepoint is rolled
back and the outcome names the part (``rollen.1.roltype``). When all are accepted the outcome
carries the usual facts (zaak-geopend, rol-toegevoegd, zaakobject-toegevoegd,
zaakstatus-gewijzigd), each with its own sequence, so consumers of the events topic need to
know nothing new.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncConnection

from schemas import event_types as t
from schemas.envelope import Envelope
from schemas.outcome import Accepted, Outcome, Rejected
from schemas.zaakonderdelen import ZaakGeregistreerdV1
from zaakmagazijn.deciding import Context, part_of, payload, prefixed
from zaakmagazijn.onderdeel_handlers import onderdeel
from zaakmagazijn.zaak_handlers import zaak_geopend, zaakstatus_gewijzigd


async def zaak_geregistreerd(ctx: Context, conn: AsyncConnection, envelope: Envelope) -> Outcome:
    """Decide the zaak and its parts; all of them, or none."""
    data = payload(envelope, ZaakGeregistreerdV1)
    steps = [
        ("zaak", zaak_geopend, part_of(envelope, t.ZAAK_GEOPEND, data.zaak)),
        *(
            (f"rollen.{n}", onderdeel, part_of(envelope, t.ROL_TOEGEVOEGD, rol))
            for n, rol in enumerate(data.rollen)
        ),
        *(
            (f"zaakobjecten.{n}", onderdeel, part_of(envelope, t.ZAAKOBJECT_TOEGEVOEGD, obj))
            for n, obj in enumerate(data.zaakobjecten)
        ),
    ]
    if data.status is not None:
        steps.append(
            ("status", zaakstatus_gewijzigd, part_of(envelope, t.ZAAKSTATUS_GEWIJZIGD, data.status))
        )
    facts: list[Envelope] = []
    savepoint = await conn.begin_nested()
    for index, (prefix, handler, part) in enumerate(steps):
        outcome = await handler(ctx, conn, part, index)
        if isinstance(outcome, Rejected):
            await savepoint.rollback()
            return prefixed(prefix, outcome)
        facts.extend(outcome.facts)
    await savepoint.commit()
    return Accepted(resource="zaak", resource_uuid=data.zaak.uuid, facts=tuple(facts))
