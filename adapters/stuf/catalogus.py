"""StUF codes -> catalogue objects, through the municipality's mapping (:mod:`mapping`).

Every lookup raises :class:`StufFout` with an omschrijving naming the code that did not
resolve, so the client knows what to fix (or the beheerder what to add to the mapping).
"""

from __future__ import annotations

import datetime as dt
import uuid

from adapters.stuf.errors import MAPPING_ONTBREEKT, ONBEKEND_ZAAKTYPE, StufFout
from adapters.stuf.mapping import Gemeente
from catalogi.model import (
    Catalogue,
    Informatieobjecttype,
    Resultaattype,
    Roltype,
    Statustype,
    Zaaktype,
)


def _as_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


def zaaktype(catalogue: Catalogue, gemeente: Gemeente, code: str, on: dt.date) -> Zaaktype:
    """The zaaktype a StUF zaaktype ``code`` means on date ``on`` (the published version
    valid then; else the latest published version)."""
    ref = gemeente.zaaktype_ref(code)
    by_uuid = _as_uuid(ref)
    if by_uuid is not None and (found := catalogue.zaaktype(by_uuid)) is not None:
        return found
    versions = [
        zt for catalogus, zt in catalogue.zaaktypen()
        if zt.identificatie == ref and not zt.concept and catalogus.rsin == gemeente.rsin
    ]  # fmt: skip
    valid = [zt for zt in versions if zt.beginGeldigheid <= on
             and (zt.eindeGeldigheid is None or on <= zt.eindeGeldigheid)]  # fmt: skip
    chosen = valid or versions
    if not chosen:
        raise StufFout(
            ONBEKEND_ZAAKTYPE,
            f"Zaaktype met code {code!r} is onbekend bij {gemeente.naam or gemeente.rsin} "
            "(niet in de mapping en geen gepubliceerd zaaktype met die identificatie).",
        )
    return max(chosen, key=lambda zt: zt.beginGeldigheid)


def statustype(
    gemeente: Gemeente, zt: Zaaktype, volgnummer: str | None, omschrijving: str | None
) -> Statustype:
    """The zaaktype's statustype by volgnummer or omschrijving (the mapping's
    ``statustypeSleutel`` first; the other only when the first is not given)."""
    keys = ["volgnummer", "omschrijving"]
    if gemeente.statustype_sleutel == "omschrijving":
        keys.reverse()
    for key in keys:
        if key == "volgnummer" and volgnummer:
            found = [s for s in zt.statustypen if str(s.volgnummer) == volgnummer.lstrip("0")]
        elif key == "omschrijving" and omschrijving:
            found = [s for s in zt.statustypen if s.omschrijving.lower() == omschrijving.lower()]
        else:
            continue
        if found:
            return found[0]
        given = volgnummer if key == "volgnummer" else omschrijving
        reason = f"Zaaktype {zt.identificatie} heeft geen statustype met {key} {given!r}."
        raise StufFout(MAPPING_ONTBREEKT, reason)
    raise StufFout(MAPPING_ONTBREEKT, "De status noemt geen volgnummer of omschrijving.")


def roltype(gemeente: Gemeente, zt: Zaaktype, relatie: str) -> Roltype:
    """The zaaktype's roltype for a StUF relation (heeftAlsInitiator, ...)."""
    wanted = gemeente.roltypen.get(relatie, "")
    for rt in zt.roltypen:
        if wanted and (str(rt.omschrijvingGeneriek) == wanted or rt.omschrijving == wanted):
            return rt
    raise StufFout(
        MAPPING_ONTBREEKT,
        f"Zaaktype {zt.identificatie} heeft geen roltype {wanted or '?'!r} voor {relatie}.",
    )


def resultaattype(zt: Zaaktype, omschrijving: str) -> Resultaattype:
    """The zaaktype's resultaattype by omschrijving (case-insensitive)."""
    for rt in zt.resultaattypen:
        if rt.omschrijving.lower() == omschrijving.lower():
            return rt
    reason = f"Zaaktype {zt.identificatie} heeft geen resultaattype {omschrijving!r}."
    raise StufFout(MAPPING_ONTBREEKT, reason)


def informatieobjecttype(
    catalogue: Catalogue, gemeente: Gemeente, omschrijving: str
) -> Informatieobjecttype:
    """The informatieobjecttype of a StUF document omschrijving: the mapping's entry (an
    omschrijving or uuid), else an informatieobjecttype with that omschrijving."""
    ref = gemeente.informatieobjecttypen.get(omschrijving, omschrijving)
    by_uuid = _as_uuid(ref)
    if by_uuid is not None and (found := catalogue.informatieobjecttype(by_uuid)) is not None:
        return found
    for catalogus, iot in catalogue.informatieobjecttypen():
        if catalogus.rsin == gemeente.rsin and iot.omschrijving.lower() == ref.lower():
            return iot
    raise StufFout(MAPPING_ONTBREEKT,
                   f"Geen informatieobjecttype voor documenttype {omschrijving!r}.")  # fmt: skip
