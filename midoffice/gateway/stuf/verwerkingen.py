"""Logboek Dataverwerkingen for the StUF-ZKN reads: the same records as the Zaken API reads
(:mod:`midoffice.gateway.verwerkingen`), for a StUF vraag whose antwoord shows personal data.

- activity: a StUF-specific route key of the register (``stuf_zaakdetails_lezen``:
  geefZaakdetails and the ZDS 1.1 zakLv01, whose antwoord shows the zaak's betrokkenen);
- subject: every BSN the antwoord shows, pseudonymised by :func:`verwerkingslog.record.records`;
- client: the stuurgegevens zender (``organisatie/applicatie``); the authenticated applicatie
  (HTTP Basic) and the operation are in the record's ``resource``;
- trace: the request's W3C ``traceparent`` when it sends a valid one, else a fresh trace.

An antwoord without a BSN writes nothing (as a Zaken API read without one), and a refused vraag
(Fo03, 401) raises before the handler gets here, so it writes nothing either.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from midoffice.gateway.stuf.context import StufContext
from midoffice.gateway.verwerkingen import log_read
from verwerkingslog.record import SubjectType

STUF_ZAAKDETAILS: Final = "stuf_zaakdetails_lezen"
"""Route key of geefZaakdetails / zakLv01 in ``MIDOFFICE_VERWERKINGSLOG_ACTIVITEITEN``."""


def zender(ctx: StufContext) -> str:
    """The zender as ``organisatie/applicatie``; the authenticated applicatie without one."""
    systeem = ctx.stuurgegevens.zender
    found = "/".join(part for part in (systeem.organisatie, systeem.applicatie) if part)
    return found[:255] or ctx.client.client_id


async def log_stuf_read(ctx: StufContext, *, route: str, bsns: Iterable[str]) -> None:
    """Record that the zender read the persons ``bsns`` in this vraag (nothing without any).

    With ``MIDOFFICE_VERWERKINGSLOG_BEVESTIGEN`` this returns once the record is committed;
    call it before answering, so no antwoord leaves without its record."""
    subjects: list[tuple[SubjectType, str]] = [("BSN", bsn) for bsn in bsns if bsn]
    if not subjects:
        return
    await log_read(
        ctx.request,
        route=route,
        subjects=subjects,
        client_id=zender(ctx),
        started=ctx.now,
        resource={"stuf.operatie": ctx.operation.name, "stuf.client_id": ctx.client.client_id},
    )
