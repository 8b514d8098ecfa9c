"""Decisions on the zaak itself: open, change, delete, and set a status (with closing,
reopening and the archive fields the eindstatus derives)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.ext.asyncio import AsyncConnection

from documentmagazijn import queries as documenten
from schemas.envelope import Envelope
from schemas.outcome import InvalidParam, Outcome
from schemas.payloads import (
    ArchiefgegevensV1,
    StatusGezetV2,
    ZaakGemuteerdV1,
    ZaakGeopendV1,
    ZaakVerwijderdV1,
)
from zaakmagazijn import archief, identificatie, privileges, rules, state
from zaakmagazijn.deciding import Context, accept, payload, rejected, with_changes
from zaakmagazijn.rules import ZaakState


async def zaak_geopend(
    ctx: Context, conn: AsyncConnection, envelope: Envelope, index: int = 0
) -> Outcome:
    """Register a zaak: zaaktype known, uuid new, identificatie unique or generated."""
    data = payload(envelope, ZaakGeopendV1)
    catalogue = ctx.source.current()
    problems: list[InvalidParam] = [
        *rules.check_subject("uuid", data.uuid, envelope.subject),
        *rules.check_zaaktype(catalogue, data.zaaktype),
    ]
    if await state.zaak_exists(conn, data.uuid):
        problems.append(rules.unique_uuid("zaak", data.uuid))
    if data.identificatie is not None and await state.identificatie_taken(
        conn, data.bronorganisatie, data.identificatie
    ):
        problems.append(rules.identificatie_niet_uniek(data.identificatie, data.bronorganisatie))
    if problems:
        return rejected(problems)
    if data.identificatie is None:
        generated = await identificatie.generate(
            conn, data.bronorganisatie, data.registratiedatum.year
        )
        data = with_changes(data, identificatie=generated)
    return await accept(conn, envelope, 1, data, ("zaak", data.uuid), index)


async def zaak_gemuteerd(
    ctx: Context, conn: AsyncConnection, envelope: Envelope, index: int = 0
) -> Outcome:
    """Change a zaak: zaaktype immutable, identificatie unique, closed only when forced."""
    data = payload(envelope, ZaakGemuteerdV1)
    row = await state.zaak_row(conn, data.uuid)
    problems = rules.check_subject("uuid", data.uuid, envelope.subject)
    if row is None:
        return rejected([*problems, *rules.check_zaak_exists(None, data.uuid)])
    zaak = _state(row)
    denied = privileges.check_change(zaak, envelope.privileges)
    if denied is not None:
        return denied
    problems += rules.check_immutable("zaaktype", row["zaaktype"], data.zaaktype)
    assert data.identificatie is not None
    moved = (row["bronorganisatie"], row["identificatie"]) != (
        data.bronorganisatie,
        data.identificatie,
    )
    if moved and await state.identificatie_taken(conn, data.bronorganisatie, data.identificatie):
        problems.append(rules.identificatie_niet_uniek(data.identificatie, data.bronorganisatie))
    if problems:
        return rejected(problems)
    return await accept(conn, envelope, zaak.sequence + 1, data, ("zaak", data.uuid), index)


async def zaak_verwijderd(
    ctx: Context, conn: AsyncConnection, envelope: Envelope, index: int = 0
) -> Outcome:
    """Delete a zaak with everything that belongs to it."""
    data = payload(envelope, ZaakVerwijderdV1)
    zaak = await state.zaak_state(conn, data.uuid)
    problems = [
        *rules.check_subject("uuid", data.uuid, envelope.subject),
        *rules.check_zaak_exists(zaak, data.uuid),
    ]
    if problems or zaak is None:
        return rejected(problems)
    return await accept(conn, envelope, zaak.sequence + 1, data, ("zaak", data.uuid), index)


async def zaakstatus_gewijzigd(
    ctx: Context, conn: AsyncConnection, envelope: Envelope, index: int = 0
) -> Outcome:
    """Set a status: statustype of the zaaktype, not in the future; a closed zaak only with
    zaken.heropenen; the eindstatus needs unlocked documents with indicatieGebruiksrecht and
    a resultaat, and derives einddatum and archive."""
    data = payload(envelope, StatusGezetV2)
    catalogue = ctx.source.current()
    zaak, status_taken = await state.zaak_state_for_status(conn, data.zaak, data.uuid)
    problems: list[InvalidParam] = [
        *rules.check_subject("zaak", data.zaak, envelope.subject),
        *rules.check_zaak_exists(zaak, data.zaak),
        *rules.check_statustype(catalogue, data.statustype, zaak),
        *rules.check_not_in_future(
            "datumStatusGezet", data.datumStatusGezet, ctx.clock(), ctx.clock_skew_tolerance
        ),
    ]
    if status_taken:
        problems.append(rules.unique_uuid("status", data.uuid))
    found = catalogue.statustype(data.statustype)
    if problems or zaak is None or found is None:
        return rejected(problems)
    denied = privileges.check_status(zaak, zaak.status is not None, envelope.privileges)
    if denied is not None:
        return denied
    zaaktype, statustype = found
    gezet = rules.aware(data.datumStatusGezet)
    afsluiting = rules.afsluiting(zaaktype, statustype, gezet)
    becomes_current = _becomes_current(zaak, gezet)
    archief_na: ArchiefgegevensV1 | None = None
    if afsluiting.is_eindstatus:
        blocked = await _documenten_blokkeren(conn, zaak)
        if blocked:
            return rejected(blocked)
        resultaattype = await state.resultaat_of(conn, zaak.uuid)
        if resultaattype is None:
            reason = "De zaak heeft geen resultaat; zonder resultaat kan zij niet sluiten."
            code = rules.RESULTAAT_DOES_NOT_EXIST
            return rejected([InvalidParam("nonFieldErrors", code, reason)])
        found_rt = catalogue.resultaattype(resultaattype)
        if becomes_current and found_rt is not None and afsluiting.einddatum is not None:
            huidig = ArchiefgegevensV1(
                archiefnominatie=zaak.archiefnominatie,
                archiefactiedatum=zaak.archiefactiedatum,
                startdatumBewaartermijn=zaak.startdatum_bewaartermijn,
            )
            eigenschappen = await state.eigenschappen(conn, zaak.uuid)
            try:
                archief_na = archief.afgeleid(
                    found_rt[1], afsluiting.einddatum, huidig, eigenschappen
                )
            except archief.ArchiefError as exc:
                return rejected(
                    [InvalidParam("nonFieldErrors", rules.ARCHIEFACTIEDATUM_ERROR, str(exc))]
                )
    elif zaak.is_afgesloten and becomes_current:
        archief_na = ArchiefgegevensV1()  # reopened: the archive fields are cleared
    data = with_changes(
        data,
        datumStatusGezet=gezet,
        isEindstatus=afsluiting.is_eindstatus,
        einddatum=afsluiting.einddatum,
        heropend=zaak.is_afgesloten,
        archief=archief_na,
    )
    resource = ("status", data.uuid)
    return await accept(conn, envelope, zaak.sequence + 1, data, resource, index, zaak.sequence)


async def _documenten_blokkeren(conn: AsyncConnection, zaak: ZaakState) -> list[InvalidParam]:
    """One problem per linked document of this MidOffice that keeps the zaak open: locked
    (Open Zaak's code) or without indicatieGebruiksrecht (zrc-008). Read from the
    documentmagazijn projection as it stands (its events are keyed by document, not zaak)."""
    urls = await state.informatieobjecten(conn, zaak.uuid)
    problems = []
    for url, reason in await documenten.sluiten_geblokkeerd_urls(conn, urls):
        if reason == "locked":
            text = f"Het informatieobject {url} is gelocked; unlock het voor de zaak sluit."
            problems.append(InvalidParam("nonFieldErrors", rules.INFORMATIEOBJECT_LOCKED, text))
        else:
            text = f"Het informatieobject {url} heeft geen indicatieGebruiksrecht."
            code = rules.INDICATIEGEBRUIKSRECHT_UNSET
            problems.append(InvalidParam("nonFieldErrors", code, text))
    return sorted(problems, key=lambda p: p.reason)


def _becomes_current(zaak: ZaakState, gezet: dt.datetime) -> bool:
    """A new status is the current one unless it is dated before the current one."""
    moment = zaak.status_moment
    if moment is None:
        return True
    if moment.tzinfo is None:  # SQLite returns naive UTC
        moment = moment.replace(tzinfo=dt.UTC)
    return gezet >= moment


def _state(row: dict[str, object]) -> ZaakState:
    return ZaakState(
        uuid=row["uuid"],  # type: ignore[arg-type]
        zaaktype=row["zaaktype"],  # type: ignore[arg-type]
        sequence=int(row["sequence"]),  # type: ignore[call-overload]
        einddatum=row["einddatum"],  # type: ignore[arg-type]
    )
