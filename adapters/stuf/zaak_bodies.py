"""StUF ZAK objects -> ZGW Zaken API 1.5.1 request bodies (the ZGW adapters then validate them
and build the payloads, so StUF and ZGW writes are checked by the same code).

References are written as internal URLs (``http://midoffice.internal/...``): the ZGW adapters
match references on their path only.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Final

from lxml import etree

from adapters.stuf import betrokkene, catalogus, zaak_object
from adapters.stuf.elements import stuf_attribute
from adapters.stuf.errors import niet_conform
from adapters.stuf.mapping import Gemeente
from adapters.zgw.catalogi_urls import catalogi_url
from adapters.zgw.urls import ResourceUrls
from catalogi.model import Catalogue, Zaaktype
from schemas.outcome import InvalidParam

INTERNAL: Final = ResourceUrls("http://midoffice.internal")


def invalid(problems: list[InvalidParam]) -> Exception:
    """StUF055 naming every problem the ZGW adapter found (``field: reason; ...``)."""
    text = "; ".join(f"{p.name}: {p.reason}" for p in problems)
    return niet_conform(f"Ongeldige inhoud: {text}")


def status_body(
    gemeente: Gemeente, zt: Zaaktype, found: zaak_object.StufStatus, now: dt.datetime
) -> dict[str, Any]:
    """The ZGW Status body (without zaak) of a StUF ``heeft``."""
    statustype = catalogus.statustype(gemeente, zt, found.volgnummer, found.omschrijving)
    gezet = found.datum_status_gezet or now
    return {
        "statustype": catalogi_url(INTERNAL, "statustype", statustype.uuid),
        "datumStatusGezet": gezet.astimezone(dt.UTC).isoformat(),
        "statustoelichting": found.toelichting[:1000],
    }


def rol_mutaties(
    gemeente: Gemeente, zt: Zaaktype, zaak: etree._Element
) -> list[tuple[str, uuid.UUID, dict[str, Any]]]:
    """Per relation of the ZAK object: its verwerkingssoort (T when absent), roltype and ZGW
    Rol body (without zaak). V and E (the relation ends) remove a rol; T adds one; W (the
    betrokkene's attributes changed) replaces it; I (identiek) and the rest leave it
    (``midoffice/gateway/stuf/zaak_rollen.py``)."""
    found = []
    for relatie, relation in betrokkene.rollen(zaak):
        body = betrokkene.rol_body(relation)
        if body is None:
            continue
        roltype = catalogus.roltype(gemeente, zt, relatie).uuid
        soort = (stuf_attribute(relation, "verwerkingssoort") or "T").upper()
        found.append(
            (soort, roltype, {**body, "roltype": catalogi_url(INTERNAL, "roltype", roltype)})
        )
    return found


def rol_bodies(gemeente: Gemeente, zt: Zaaktype, zaak: etree._Element) -> list[dict[str, Any]]:
    """The ZGW Rol bodies (without zaak) of a new ZAK object's relations."""
    return [body for _, _, body in rol_mutaties(gemeente, zt, zaak)]


def registratie_body(
    nieuw: etree._Element, gemeente: Gemeente, catalogue: Catalogue, now: dt.datetime
) -> tuple[dict[str, Any], Zaaktype]:
    """The body of an atomic registration (zaak, rollen, first status) of a new ZAK object,
    and its zaaktype; StufFout when the object lacks zaaktype or startdatum or a code does
    not resolve."""
    code = zaak_object.zaaktype_code(nieuw)
    if not code:
        raise niet_conform("Het ZAK-object noemt geen zaaktype (isVan/gerelateerde/code).")
    fields = zaak_object.zaak_fields(nieuw)
    if "startdatum" not in fields:
        raise niet_conform("Het ZAK-object heeft geen startdatum.")
    startdatum = dt.date.fromisoformat(fields["startdatum"])
    zt = catalogus.zaaktype(catalogue, gemeente, code, startdatum)
    zaak = {key: value for key, value in fields.items() if value is not None}
    zaak |= {"bronorganisatie": gemeente.rsin, "verantwoordelijkeOrganisatie": gemeente.rsin,
             "zaaktype": INTERNAL.zaaktype(zt.uuid)}  # fmt: skip
    body: dict[str, Any] = {"zaak": zaak, "rollen": rol_bodies(gemeente, zt, nieuw)}
    found_status = zaak_object.status(nieuw)
    if found_status is not None:
        body["status"] = status_body(gemeente, zt, found_status, now)
    return body, zt
