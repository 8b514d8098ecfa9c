"""ZGW Zaken API 1.5.1 ``Zaak``: request body -> ZaakGeopendV1 (the response body is built by
:mod:`adapters.zgw.zaak_response`, PUT and PATCH by :mod:`adapters.zgw.zaak_update`).

The request side checks everything that needs no state: types, lengths, enums, the RSIN
elfproef and the zaaktype reference against the catalogue. State rules (uuid and identificatie
unique) are the zaakmagazijn processor's. Read-only fields a client sends (url, uuid, status,
...) are ignored, as Django REST framework ignores them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from typing import Any, Final

from pydantic import ValidationError

from adapters.zgw.fields import INVALID, FieldReader
from adapters.zgw.gegevensgroepen import (
    geometrie,
    kenmerk,
    only_empty_gegevensgroep,
    processobject,
    relevante_zaak,
)
from adapters.zgw.rsin import rsin_problem
from adapters.zgw.urls import ZAAKTYPEN, ZAKEN, parse_resource_url
from adapters.zgw.zaak_response import BETALINGSINDICATIE_WEERGAVE, zaak_to_response
from catalogi.model import Catalogue, Zaaktype
from schemas.outcome import InvalidParam
from schemas.payloads import Vertrouwelijkheidaanduiding, ZaakGeopendV1

# Codes of Open Zaak / vng-api-common.
NO_MATCH: Final = "no_match"
DOES_NOT_EXIST: Final = "does_not_exist"
NOT_PUBLISHED: Final = "not-published"
INVALID_PRODUCTS_SERVICES: Final = "invalid-products-services"
FUTURE_NOT_ALLOWED: Final = "future_not_allowed"
BETALING_NVT: Final = "betaling-nvt"
ARCHIEFNOMINATIE_NOT_SET: Final = "archiefnominatie-not-set"
ARCHIEFACTIEDATUM_NOT_SET: Final = "archiefactiedatum-not-set"

ARCHIEFNOMINATIE: Final = ("blijvend_bewaren", "vernietigen")
ARCHIEFSTATUS: Final = (
    "nog_te_archiveren",
    "gearchiveerd",
    "gearchiveerd_procestermijn_onbekend",
    "overgedragen",
)
_VERTROUWELIJKHEID: Final = tuple(v.value for v in Vertrouwelijkheidaanduiding)


def not_an_object(body: Any) -> list[InvalidParam]:
    """The invalidParams for a JSON body that is not an object (DRF's wording)."""
    return [
        InvalidParam(
            "nonFieldErrors",
            INVALID,
            f"Ongeldige data. Verwachtte een dictionary, kreeg een {type(body).__name__}.",
        )
    ]


def zaak_from_request(
    body: Any,
    catalogue: Catalogue,
    *,
    zaak_uuid: uuid.UUID,
    today: dt.date,
    now: dt.datetime,
) -> ZaakGeopendV1 | list[InvalidParam]:
    """The intake payload for a POST /zaken body, or every problem found in it.

    ``today`` is the default registratiedatum; ``now`` (aware) bounds laatsteBetaaldatum.
    """
    if not isinstance(body, Mapping):
        return not_an_object(body)
    r = FieldReader(body)
    zaaktype = _zaaktype(r, catalogue)
    fields: dict[str, Any] = {
        "uuid": zaak_uuid,
        "identificatie": r.string("identificatie", max_length=40, default=None) or None,
        "bronorganisatie": _rsin(r, "bronorganisatie"),
        "verantwoordelijkeOrganisatie": _rsin(r, "verantwoordelijkeOrganisatie"),
        "zaaktype": zaaktype.uuid if zaaktype else None,
        "omschrijving": r.string("omschrijving", max_length=80),
        "toelichting": r.string("toelichting", max_length=1000),
        "registratiedatum": r.date("registratiedatum", nullable=False) or today,
        "startdatum": r.date("startdatum", required=True, nullable=False),
        "einddatumGepland": r.date("einddatumGepland"),
        "uiterlijkeEinddatumAfdoening": r.date("uiterlijkeEinddatumAfdoening"),
        "publicatiedatum": r.date("publicatiedatum"),
        "communicatiekanaal": r.url("communicatiekanaal"),
        "productenOfDiensten": r.items("productenOfDiensten", FieldReader.url_item),
        "vertrouwelijkheidaanduiding": r.choice("vertrouwelijkheidaanduiding", _VERTROUWELIJKHEID)
        or (zaaktype.vertrouwelijkheidaanduiding if zaaktype else None),
        "betalingsindicatie": r.choice(
            "betalingsindicatie", tuple(BETALINGSINDICATIE_WEERGAVE), default=""
        ),
        "laatsteBetaaldatum": r.datetime("laatsteBetaaldatum"),
        "zaakgeometrie": geometrie(r),
        "selectielijstklasse": r.url("selectielijstklasse"),
        "hoofdzaak": _hoofdzaak(r),
        "relevanteAndereZaken": r.items("relevanteAndereZaken", relevante_zaak),
        "kenmerken": r.items("kenmerken", kenmerk),
        "archiefnominatie": r.choice("archiefnominatie", (*ARCHIEFNOMINATIE, ""), nullable=True)
        or None,
        "archiefstatus": r.choice("archiefstatus", ARCHIEFSTATUS, default="nog_te_archiveren"),
        "archiefactiedatum": r.date("archiefactiedatum"),
        "opdrachtgevendeOrganisatie": r.string("opdrachtgevendeOrganisatie", max_length=9),
        "processobjectaard": r.string(
            "processobjectaard", max_length=200, nullable=True, default=None
        ),
        "startdatumBewaartermijn": r.date("startdatumBewaartermijn"),
        "processobject": processobject(r),
    }
    only_empty_gegevensgroep(r, "verlenging", {"reden": "", "duur": None})
    only_empty_gegevensgroep(r, "opschorting", {"indicatie": False, "reden": ""})
    _cross_field_rules(r, fields, zaaktype, now)
    if r.problems:
        return r.problems
    try:
        return ZaakGeopendV1(**fields)
    except ValidationError as exc:  # a rule above missed something: still answer per field
        return [
            InvalidParam(
                ".".join(str(p) for p in err["loc"]) or "nonFieldErrors", INVALID, err["msg"]
            )
            for err in exc.errors()
        ]


def _rsin(r: FieldReader, name: str) -> str | None:
    value = r.string(name, required=True, max_length=9, blank=False, default=None)
    if value is None:
        return None
    problem = rsin_problem(value)
    if problem is not None:
        r.fail(name, *problem)
        return None
    return value


def _zaaktype(r: FieldReader, catalogue: Catalogue) -> Zaaktype | None:
    url = r.url("zaaktype", required=True, blank=False, default=None)
    if not url:
        return None
    zaaktype_uuid = parse_resource_url(url, ZAAKTYPEN)
    if zaaktype_uuid is None:
        r.fail("zaaktype", NO_MATCH, "Ongeldige hyperlink - Geen URL match.")
        return None
    zaaktype = catalogue.zaaktype(zaaktype_uuid)
    if zaaktype is None:
        r.fail("zaaktype", DOES_NOT_EXIST, "Ongeldige hyperlink - Object bestaat niet.")
        return None
    if zaaktype.concept:
        r.fail("zaaktype", NOT_PUBLISHED, "Het zaaktype is nog niet gepubliceerd.")
        return None
    return zaaktype


def _hoofdzaak(r: FieldReader) -> str | None:
    """The hoofdzaak as the UUID (text) of a zaak in this MidOffice."""
    url = r.url("hoofdzaak", nullable=True, default=None)
    if not url:
        return None
    zaak_uuid = parse_resource_url(url, ZAKEN)
    if zaak_uuid is None:
        r.fail("hoofdzaak", NO_MATCH, "Ongeldige hyperlink - Geen URL match.")
        return None
    return str(zaak_uuid)


def _cross_field_rules(
    r: FieldReader, fields: Mapping[str, Any], zaaktype: Zaaktype | None, now: dt.datetime
) -> None:
    betaald = fields["laatsteBetaaldatum"]
    if betaald is not None:
        limit = now if betaald.tzinfo is not None else now.replace(tzinfo=None)
        if betaald > limit:
            r.fail(
                "laatsteBetaaldatum", FUTURE_NOT_ALLOWED, "Deze datum mag niet in de toekomst zijn."
            )
        if fields["betalingsindicatie"] == "nvt":
            r.fail(
                "laatsteBetaaldatum",
                BETALING_NVT,
                "Laatste betaaldatum kan niet gezet worden als er geen betaling nodig is.",
            )
    if fields["archiefstatus"] not in (None, "nog_te_archiveren"):
        if fields["archiefnominatie"] is None:
            r.fail(
                "archiefnominatie",
                ARCHIEFNOMINATIE_NOT_SET,
                'Moet van een waarde voorzien zijn als archiefstatus niet "nog_te_archiveren" is.',
            )
        if fields["archiefactiedatum"] is None:
            r.fail(
                "archiefactiedatum",
                ARCHIEFACTIEDATUM_NOT_SET,
                'Moet van een waarde voorzien zijn als archiefstatus niet "nog_te_archiveren" is.',
            )
    if zaaktype is not None:
        allowed = set(zaaktype.productenOfDiensten)
        if any(product not in allowed for product in fields["productenOfDiensten"]):
            r.fail(
                "productenOfDiensten",
                INVALID_PRODUCTS_SERVICES,
                "Niet alle producten/diensten komen voor in de producten/diensten op het zaaktype.",
            )


__all__ = ["BETALINGSINDICATIE_WEERGAVE", "zaak_from_request", "zaak_to_response"]
