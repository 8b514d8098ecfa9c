"""The Catalogi API resources below a catalogus: where each one's objects are, how they render
and which list filters the 1.3.1 specification gives it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from adapters.zgw.catalogi import statustype_to_response, zaaktype_to_response
from adapters.zgw.catalogi_typen import (
    besluittype_to_response,
    eigenschap_to_response,
    informatieobjecttype_to_response,
    resultaattype_to_response,
    roltype_to_response,
    zaakobjecttype_to_response,
    zaaktype_informatieobjecttype_to_response,
)
from autorisaties.rights import Component
from catalogi.model import RolOmschrijvingGeneriek
from midoffice.gateway.routes import catalogi_filters as f
from midoffice.gateway.routes import catalogi_lookups as lookups
from midoffice.gateway.routes.catalogi_common import LEZEN, Resource
from midoffice.gateway.routes.catalogi_filters import Found


def _part_render(render: Callable[..., dict[str, Any]]) -> Callable[..., dict[str, Any]]:
    return lambda found, urls: render(found.catalogus, found.zaaktype, found.obj, urls)


def _zaaktype_uuid(found: Found) -> Any:
    return found.zaaktype.uuid if found.zaaktype else None


def _zaaktype_identificatie(found: Found) -> Any:
    return found.zaaktype.identificatie if found.zaaktype else None


def _ztiot_concept(found: Found) -> bool:
    zaaktype = found.zaaktype
    iot = next(
        (
            i
            for i in found.catalogus.informatieobjecttypen
            if i.uuid == found.obj.informatieobjecttype
        ),
        None,
    )
    return bool(zaaktype and zaaktype.concept) or bool(iot and iot.concept)


def _ztiot_iot(found: Found) -> Any:
    return found.obj.informatieobjecttype


_BY_ZAAKTYPE: Final = (
    f.reference("zaaktype", "zaaktype", _zaaktype_uuid),
    f.text("zaaktypeIdentificatie", _zaaktype_identificatie),
    f.status(),
    f.datum_geldigheid(),
)
_ZAAKTYPE_READERS: Final = (
    (Component.ztc, LEZEN),
    (Component.zrc, "zaken.lezen"),
    (Component.drc, "documenten.lezen"),
)
_statustypen, _statustype = lookups.parts("statustype")
_roltypen, _roltype = lookups.parts("roltype")
_resultaattypen, _resultaattype = lookups.parts("resultaattype")
_eigenschappen, _eigenschap = lookups.parts("eigenschap")
_zaakobjecttypen, _zaakobjecttype = lookups.parts("zaakobjecttype")
_ztiots, _ztiot = lookups.parts("zaaktype-informatieobjecttype")

RESOURCES: Final = (
    Resource(
        "zaaktype",
        "ZAAKTYPE",
        lookups.zaaktypen,
        lookups.zaaktype,
        lambda found, urls: zaaktype_to_response(found.catalogus, found.obj, urls),
        (
            f.reference("catalogus", "catalogus", lambda x: x.catalogus.uuid),
            f.text("identificatie", lambda x: x.obj.identificatie),
            f.trefwoorden(),
            f.status(),
            f.datum_geldigheid(),
        ),
        read_scopes=_ZAAKTYPE_READERS,
        create_scopes=("catalogi.schrijven",),
        publishable=True,
        delete_status=200,
        detail_filters=(f.datum_geldigheid(),),
    ),
    Resource(
        "informatieobjecttype",
        "INFORMATIEOBJECTTYPE",
        lookups.informatieobjecttypen,
        lookups.informatieobjecttype,
        lambda found, urls: informatieobjecttype_to_response(found.catalogus, found.obj, urls),
        (
            f.reference("catalogus", "catalogus", lambda x: x.catalogus.uuid),
            f.status(),
            f.datum_geldigheid(),
            f.text("omschrijving", lambda x: x.obj.omschrijving),
        ),
        create_scopes=("catalogi.schrijven",),
        publishable=True,
        create_status=200,
        delete_status=200,
    ),
    Resource(
        "besluittype",
        "BESLUITTYPE",
        lookups.besluittypen,
        lookups.besluittype,
        lambda found, urls: besluittype_to_response(found.catalogus, found.obj, urls),
        (
            f.reference("catalogus", "catalogus", lambda x: x.catalogus.uuid),
            f.reference(
                "zaaktypen",
                "zaaktype",
                lambda x: tuple(
                    z.uuid for z in x.catalogus.zaaktypen if x.obj.uuid in z.besluittypen
                ),
            ),
            f.reference(
                "informatieobjecttypen",
                "informatieobjecttype",
                lambda x: x.obj.informatieobjecttypen,
            ),
            f.status(),
            f.text("omschrijving", lambda x: x.obj.omschrijving),
            f.datum_geldigheid(),
        ),
        create_scopes=("catalogi.schrijven",),
        publishable=True,
        delete_status=200,
    ),
    Resource(
        "statustype",
        "STATUSTYPE",
        _statustypen,
        _statustype,
        _part_render(statustype_to_response),
        _BY_ZAAKTYPE,
    ),
    Resource(
        "roltype",
        "ROLTYPE",
        _roltypen,
        _roltype,
        _part_render(roltype_to_response),
        (
            *_BY_ZAAKTYPE[:2],
            f.choice(
                "omschrijvingGeneriek",
                tuple(v.value for v in RolOmschrijvingGeneriek),
                lambda x: x.obj.omschrijvingGeneriek.value,
            ),
            *_BY_ZAAKTYPE[2:],
        ),
    ),
    Resource(
        "resultaattype",
        "RESULTAATTYPE",
        _resultaattypen,
        _resultaattype,
        _part_render(resultaattype_to_response),
        (
            f.reference("zaaktype", "zaaktype", _zaaktype_uuid),
            f.text("zaaktype_identificatie", _zaaktype_identificatie),
            f.status(),
            f.datum_geldigheid("datum_geldigheid"),
        ),
    ),
    Resource(
        "eigenschap",
        "EIGENSCHAP",
        _eigenschappen,
        _eigenschap,
        _part_render(eigenschap_to_response),
        _BY_ZAAKTYPE,
    ),
    Resource(
        "zaakobjecttype",
        "ZAAKOBJECTTYPE",
        _zaakobjecttypen,
        _zaakobjecttype,
        _part_render(zaakobjecttype_to_response),
        (
            f.boolean("anderObjecttype", lambda x: x.obj.anderObjecttype),
            f.reference("catalogus", "catalogus", lambda x: x.catalogus.uuid),
            f.datum("datumBeginGeldigheid", lambda x, d: f.geldigheid_of(x)[0] == d),
            f.datum("datumEindeGeldigheid", lambda x, d: f.geldigheid_of(x)[1] == d),
            f.datum_geldigheid(),
            f.text("objecttype", lambda x: x.obj.objecttype),
            f.text("relatieOmschrijving", lambda x: x.obj.relatieOmschrijving),
            *_BY_ZAAKTYPE[:2],
        ),
    ),
    Resource(
        "zaaktype-informatieobjecttype",
        "ZAAKTYPE-INFORMATIEOBJECTTYPE",
        _ztiots,
        _ztiot,
        _part_render(zaaktype_informatieobjecttype_to_response),
        (
            f.reference("zaaktype", "zaaktype", _zaaktype_uuid),
            f.reference("informatieobjecttype", "informatieobjecttype", _ztiot_iot),
            f.choice(
                "richting", ("inkomend", "intern", "uitgaand"), lambda x: x.obj.richting.value
            ),
            f.status(concept=_ztiot_concept),
        ),
    ),
)
"""Every resource below the catalogus, in the order the routes are registered."""
