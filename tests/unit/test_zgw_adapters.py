"""The ZGW adapters: RSIN elfproef, URL parsing, request -> payload and row -> response.

Responses are validated against the official Zaken and Catalogi specifications.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from adapters.zgw.catalogi import (
    catalogus_to_response,
    statustype_to_response,
    zaaktype_to_response,
)
from adapters.zgw.rsin import passes_elfproef, rsin_problem
from adapters.zgw.status import status_from_request, status_to_response
from adapters.zgw.urls import STATUSTYPEN, ZAAKTYPEN, ZAKEN, ResourceUrls, parse_resource_url
from adapters.zgw.zaak import zaak_from_request, zaak_to_response
from catalogi.loader import load_catalogue
from catalogi.model import Catalogue
from midoffice.settings import DEMO_CATALOGUE
from schemas.outcome import InvalidParam
from schemas.payloads import StatusGezetV1, ZaakGeopendV1
from tests import zgw_spec

CATALOGUE = load_catalogue(DEMO_CATALOGUE)
[(CATALOGUS, ZAAKTYPE)] = CATALOGUE.zaaktypen()
URLS = ResourceUrls("https://midoffice.example")
TODAY = dt.date(2026, 2, 10)
NOW = dt.datetime(2026, 2, 10, 12, 0, tzinfo=dt.UTC)
ZAAK_UUID = uuid.UUID("3d2c6a55-7b8e-4a57-9f3f-2a0a5f7f1c11")


@pytest.mark.parametrize("rsin", ["002220647", "123456782", "111222333"])
def test_valid_rsins_pass_the_elfproef(rsin: str) -> None:
    assert passes_elfproef(rsin)
    assert rsin_problem(rsin) is None


@pytest.mark.parametrize(
    ("rsin", "code"),
    [
        ("123456789", "invalid"),
        ("002220648", "invalid"),
        ("12345678", "invalid-length"),
        ("1234567890", "invalid-length"),
        ("12345678a", "only-digits"),
        ("", "only-digits"),
        ("١٢٣٤٥٦٧٨٢", "only-digits"),  # non-ASCII digits
    ],
)
def test_invalid_rsins_are_named(rsin: str, code: str) -> None:
    assert not passes_elfproef(rsin)
    problem = rsin_problem(rsin)
    assert problem is not None and problem[0] == code


@pytest.mark.parametrize(
    ("url", "resource", "expected"),
    [
        (f"https://openzaak.example/catalogi/api/v1/zaaktypen/{ZAAK_UUID}", ZAAKTYPEN, ZAAK_UUID),
        (f"http://localhost:8000/zaken/api/v1/zaken/{ZAAK_UUID}/", ZAKEN, ZAAK_UUID),
        (f"https://x.example/api/v1/zaken/{str(ZAAK_UUID).upper()}?expand=status", ZAKEN,
         ZAAK_UUID),
        (f"https://x.example/zaken/api/v1/zaken/{ZAAK_UUID}", STATUSTYPEN, None),
        (f"https://x.example/zaken/api/v1/zaken/{ZAAK_UUID}/statussen", ZAKEN, None),
        ("https://x.example/zaken/api/v1/zaken/not-a-uuid", ZAKEN, None),
        (f"ftp://x.example/zaken/{ZAAK_UUID}", ZAKEN, None),
        (f"/zaken/api/v1/zaken/{ZAAK_UUID}", ZAKEN, None),
        (None, ZAKEN, None),
        (42, ZAKEN, None),
    ],
)  # fmt: skip
def test_parse_resource_url_by_path_on_any_host(
    url: Any, resource: str, expected: uuid.UUID | None
) -> None:
    assert parse_resource_url(url, resource) == expected


def test_resource_urls() -> None:
    assert URLS.zaak(ZAAK_UUID) == f"https://midoffice.example/zaken/api/v1/zaken/{ZAAK_UUID}"
    assert URLS.statustype(ZAAK_UUID).startswith("https://midoffice.example/catalogi/api/v1/")
    assert URLS.verwerking(ZAAK_UUID).endswith(f"/midoffice/api/v1/verwerkingen/{ZAAK_UUID}")


def request_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "bronorganisatie": "002220647",
        "verantwoordelijkeOrganisatie": "123456782",
        "zaaktype": f"https://elders.example/catalogi/api/v1/zaaktypen/{ZAAKTYPE.uuid}",
        "startdatum": "2026-02-01",
        "url": "https://client.example/ignored",  # read-only: ignored like DRF does
    }
    body.update(overrides)
    return {key: value for key, value in body.items() if value is not None}


def to_payload(body: Any, catalogue: Catalogue = CATALOGUE) -> ZaakGeopendV1 | list[InvalidParam]:
    return zaak_from_request(body, catalogue, zaak_uuid=ZAAK_UUID, today=TODAY, now=NOW)


def codes(result: object) -> dict[str, str]:
    assert isinstance(result, list), result
    return {param.name: param.code for param in result}


def test_minimal_zaak_request_gets_the_defaults() -> None:
    payload = to_payload(request_body())
    assert isinstance(payload, ZaakGeopendV1)
    assert payload.uuid == ZAAK_UUID
    assert payload.zaaktype == ZAAKTYPE.uuid
    assert payload.registratiedatum == TODAY
    assert payload.vertrouwelijkheidaanduiding == ZAAKTYPE.vertrouwelijkheidaanduiding
    assert payload.identificatie is None
    assert payload.archiefstatus == "nog_te_archiveren"


def test_full_zaak_request_is_carried_over() -> None:
    payload = to_payload(
        request_body(
            identificatie="ZAAK-1",
            vertrouwelijkheidaanduiding="openbaar",
            registratiedatum="2026-01-31",
            productenOfDiensten=list(ZAAKTYPE.productenOfDiensten),
            betalingsindicatie="geheel",
            laatsteBetaaldatum="2026-02-01T10:00:00+01:00",
            zaakgeometrie={"type": "Point", "coordinates": [5.1, 52.1]},
            hoofdzaak=f"https://x.example/zaken/api/v1/zaken/{ZAAK_UUID}",
            kenmerken=[{"kenmerk": "K-1", "bron": "app"}],
            relevanteAndereZaken=[{"url": "https://x.example/z/1", "aardRelatie": "vervolg"}],
            opschorting={"indicatie": False, "reden": ""},
            verlenging=None,
        )
    )
    assert isinstance(payload, ZaakGeopendV1)
    assert payload.identificatie == "ZAAK-1"
    assert payload.vertrouwelijkheidaanduiding == "openbaar"
    assert payload.hoofdzaak == str(ZAAK_UUID)
    assert payload.kenmerken == [{"kenmerk": "K-1", "bron": "app"}]
    assert payload.laatsteBetaaldatum is not None and payload.laatsteBetaaldatum.tzinfo


def test_every_problem_is_reported_at_once_with_zgw_names() -> None:
    result = to_payload(
        request_body(
            bronorganisatie="123456789",
            verantwoordelijkeOrganisatie=None,
            startdatum="01-02-2026",
            omschrijving="x" * 81,
            archiefstatus="gearchiveerd",
            kenmerken=[{"kenmerk": "K"}, "geen object"],
            productenOfDiensten=["https://elders.example/product"],
            laatsteBetaaldatum="2027-01-01T00:00:00Z",
            betalingsindicatie="nvt",
            verlenging={"reden": "drukte", "duur": "P5D"},
            zaakgeometrie={"type": "Cirkel"},
        )
    )
    assert codes(result) == {
        "bronorganisatie": "invalid",
        "verantwoordelijkeOrganisatie": "required",
        "startdatum": "invalid",
        "omschrijving": "max_length",
        "archiefnominatie": "archiefnominatie-not-set",
        "archiefactiedatum": "archiefactiedatum-not-set",
        "kenmerken.0.bron": "required",
        "kenmerken.1": "invalid",
        "productenOfDiensten": "invalid-products-services",
        "laatsteBetaaldatum": "betaling-nvt",  # last one wins in this dict; both reported
        "verlenging": "niet-ondersteund",
        "zaakgeometrie": "invalid",
    }
    assert isinstance(result, list)
    assert ("laatsteBetaaldatum", "future_not_allowed") in [(p.name, p.code) for p in result]


@pytest.mark.parametrize(
    ("zaaktype", "code"),
    [
        (None, "required"),
        ("", "blank"),
        ("geen url", "invalid"),
        (f"https://x.example/catalogi/api/v1/statustypen/{uuid.uuid4()}", "no_match"),
        (f"https://x.example/catalogi/api/v1/zaaktypen/{uuid.uuid4()}", "does_not_exist"),
    ],
)
def test_zaaktype_reference_problems(zaaktype: str | None, code: str) -> None:
    body = request_body()
    body["zaaktype"] = zaaktype
    if zaaktype is None:
        del body["zaaktype"]
    assert codes(to_payload(body)) == {"zaaktype": code}


def test_a_concept_zaaktype_is_refused() -> None:
    concept = CATALOGUS.model_copy(
        update={"zaaktypen": (ZAAKTYPE.model_copy(update={"concept": True}),)}
    )
    result = to_payload(request_body(), Catalogue([concept]))
    assert codes(result) == {"zaaktype": "not-published"}


def test_a_body_that_is_not_an_object() -> None:
    assert codes(to_payload(["lijst"])) == {"nonFieldErrors": "invalid"}


def zaak_row(payload: ZaakGeopendV1, **columns: Any) -> dict[str, Any]:
    """A zaak row as the projection stores it."""
    data = payload.model_dump(mode="json")
    row = {
        "uuid": payload.uuid, "identificatie": payload.identificatie or "ZAAK-2026-0000000001",
        "bronorganisatie": payload.bronorganisatie,
        "verantwoordelijke_organisatie": payload.verantwoordelijkeOrganisatie,
        "zaaktype": payload.zaaktype, "omschrijving": payload.omschrijving,
        "toelichting": payload.toelichting, "registratiedatum": payload.registratiedatum,
        "startdatum": payload.startdatum, "einddatum": None,
        "einddatum_gepland": payload.einddatumGepland,
        "uiterlijke_einddatum_afdoening": payload.uiterlijkeEinddatumAfdoening,
        "publicatiedatum": payload.publicatiedatum,
        "vertrouwelijkheidaanduiding": str(payload.vertrouwelijkheidaanduiding),
        "archiefnominatie": payload.archiefnominatie, "archiefstatus": payload.archiefstatus,
        "archiefactiedatum": payload.archiefactiedatum,
        "startdatum_bewaartermijn": payload.startdatumBewaartermijn, "status": None,
        "attributes": {k: v for k, v in data.items() if k in ATTRIBUTES},
    }  # fmt: skip
    row.update(columns)
    return row


ATTRIBUTES = {
    "communicatiekanaal", "productenOfDiensten", "betalingsindicatie", "laatsteBetaaldatum",
    "zaakgeometrie", "selectielijstklasse", "hoofdzaak", "relevanteAndereZaken", "kenmerken",
    "opdrachtgevendeOrganisatie", "processobjectaard", "processobject",
}  # fmt: skip


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {
            "betalingsindicatie": "nog_niet",
            "zaakgeometrie": {"type": "Point", "coordinates": [5.1, 52.1]},
            "hoofdzaak": f"https://x.example/zaken/api/v1/zaken/{uuid.uuid4()}",
            "laatsteBetaaldatum": "2026-02-01T10:00:00+01:00",
            "archiefnominatie": "vernietigen",
            "processobject": {"datumkenmerk": "d", "identificatie": "i", "objecttype": "o",
                              "registratie": "r"},
        },
    ],
)  # fmt: skip
def test_zaak_response_has_every_required_field_of_the_spec(overrides: dict[str, Any]) -> None:
    payload = to_payload(request_body(**overrides))
    assert isinstance(payload, ZaakGeopendV1)
    status_uuid = uuid.uuid4()
    response = zaak_to_response(
        zaak_row(payload, status=status_uuid, einddatum=dt.date(2026, 3, 1)), URLS
    )
    zgw_spec.validate_schema("zaken", "Zaak", response)
    assert response["status"] == URLS.status(status_uuid)
    assert response["einddatum"] == "2026-03-01"
    assert response["zaaktype"] == URLS.zaaktype(ZAAKTYPE.uuid)
    if payload.hoofdzaak:
        assert response["hoofdzaak"] == URLS.zaak(uuid.UUID(payload.hoofdzaak))
    if payload.betalingsindicatie:
        assert response["betalingsindicatieWeergave"]


def test_status_request_maps_to_the_payload() -> None:
    statustype = ZAAKTYPE.statustypen[0]
    payload = status_from_request(
        {
            "zaak": f"https://x.example/zaken/api/v1/zaken/{ZAAK_UUID}",
            "statustype": f"https://x.example/catalogi/api/v1/statustypen/{statustype.uuid}",
            "datumStatusGezet": "2026-02-02T10:00:00",
            "gezetdoor": "https://x.example/zaken/api/v1/rollen/1",
        },
        CATALOGUE,
        status_uuid=ZAAK_UUID,
    )
    assert isinstance(payload, StatusGezetV1)
    assert (payload.zaak, payload.statustype) == (ZAAK_UUID, statustype.uuid)
    assert payload.datumStatusGezet == dt.datetime(2026, 2, 2, 10)  # naive: processor decides
    assert payload.isEindstatus is None


def test_status_request_problems() -> None:
    result = status_from_request(
        {"zaak": "https://x.example/iets", "statustoelichting": "x" * 1001},
        CATALOGUE,
        status_uuid=ZAAK_UUID,
    )
    assert codes(result) == {
        "zaak": "no_match",
        "statustype": "required",
        "datumStatusGezet": "required",
        "statustoelichting": "max_length",
    }


@pytest.mark.parametrize("laatst", [True, False])
def test_status_response_follows_the_spec(laatst: bool) -> None:
    row = {
        "uuid": uuid.uuid4(), "zaak": ZAAK_UUID, "statustype": ZAAKTYPE.statustypen[0].uuid,
        "datum_status_gezet": dt.datetime(2026, 2, 2, 9), "statustoelichting": "",
        "gezetdoor": None, "zaak_sequence": 2, "laatst_gezet": laatst,
    }  # fmt: skip
    response = status_to_response(row, URLS)
    zgw_spec.validate_schema("zaken", "Status", response)
    assert response["indicatieLaatstGezetteStatus"] is laatst
    assert response["datumStatusGezet"] == "2026-02-02T09:00:00Z"


def test_catalogi_responses_follow_the_catalogi_spec() -> None:
    zgw_spec.validate_schema("catalogi", "Catalogus", catalogus_to_response(CATALOGUS, URLS))
    zaaktype = zaaktype_to_response(CATALOGUS, ZAAKTYPE, URLS)
    zgw_spec.validate_schema("catalogi", "ZaakType", zaaktype)
    assert zaaktype["statustypen"] == [URLS.statustype(s.uuid) for s in ZAAKTYPE.statustypen]
    for statustype in ZAAKTYPE.statustypen:
        response = statustype_to_response(CATALOGUS, ZAAKTYPE, statustype, URLS)
        zgw_spec.validate_schema("catalogi", "StatusType", response)
        assert response["isEindstatus"] is (statustype.volgnummer == 4)


def test_the_spec_helper_catches_violations() -> None:
    payload = to_payload(request_body())
    assert isinstance(payload, ZaakGeopendV1)
    response = zaak_to_response(zaak_row(payload), URLS)
    del response["rollen"]
    response["startdatum"] = "1 februari"
    with pytest.raises(zgw_spec.SpecViolation) as caught:
        zgw_spec.validate_schema("zaken", "Zaak", response)
    assert "rollen" in str(caught.value) and "startdatum" in str(caught.value)
    response = zaak_to_response(zaak_row(payload), URLS)
    with pytest.raises(zgw_spec.SpecViolation, match="Content-Crs"):
        zgw_spec.validate_response(
            "zaken", "/zaken/{uuid}", "get", 200, response,
            {"Content-Type": "application/json", "ETag": '"x"', "API-version": "1.5.1",
             "Content-Crs": "EPSG:28992"},
        )  # fmt: skip
    with pytest.raises(zgw_spec.SpecViolation, match="not documented"):
        zgw_spec.validate_response("zaken", "/zaken", "post", 202, {})
