"""The zaak list's filters, ordering and expand, and ``POST /zaken/_zoek``, against a running
MidOffice; every response checked against the official specification."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.integration.zaken_support import ZAKEN, A, Api, B, moment, running_midoffice, zaak_body
from tests.zgw_spec import assert_response

ROOT = "/zaken/api/v1"
ID = "rol__betrokkeneIdentificatie__"


@pytest.fixture
async def api(tmp_path: Path, database_url: str) -> AsyncIterator[Api]:
    """A running MidOffice on the embedded log, with SQLite and with PostgreSQL."""
    postgres = database_url if database_url.startswith("postgresql") else None
    async with running_midoffice(tmp_path, database_url=postgres) as running:
        yield running


async def rol(api: Api, zaak: dict[str, Any], soort: str, identificatie: dict[str, Any],
              roltype: str = "aanvrager") -> None:  # fmt: skip
    await api.created(f"{ROOT}/rollen", {
        "zaak": zaak["url"], "betrokkeneType": soort, "roltype": A.url("roltypen", roltype),
        "roltoelichting": "", "betrokkeneIdentificatie": identificatie,
    })  # fmt: skip


def found(response: Any) -> list[str]:
    body = assert_response(response)
    return [z["identificatie"] for z in body["results"]]


async def test_filters_ordering_and_search(api: Api) -> None:
    z1 = await api.created(ZAKEN, zaak_body(identificatie="Z1", startdatum="2026-01-10",
                           einddatumGepland="2026-06-01"))  # fmt: skip
    z2 = await api.created(ZAKEN, zaak_body(
        identificatie="Z2", startdatum="2026-02-10", vertrouwelijkheidaanduiding="openbaar",
        archiefnominatie="vernietigen", archiefactiedatum="2030-01-01",
    ))  # fmt: skip
    z3 = await api.created(ZAKEN, zaak_body(B, identificatie="Z3", startdatum="2026-03-10",
                                            archiefactiedatum="2027-01-01"))  # fmt: skip
    await rol(api, z1, "natuurlijk_persoon", {"inpBsn": "111222333", "anpIdentificatie": "A1"})
    await rol(api, z2, "niet_natuurlijk_persoon", {"innNnpId": "002220647"}, "behandelaar")
    await rol(api, z2, "vestiging", {"vestigingsNummer": "000012345678"})
    await rol(api, z1, "medewerker", {"identificatie": "mdw-7"}, "behandelaar")
    await api.created(f"{ROOT}/statussen", {"zaak": z1["url"], "statustype": A.statustype(1),
                                            "datumStatusGezet": moment()})  # fmt: skip
    expectations: list[tuple[dict[str, str], list[str]]] = [
        ({}, ["Z3", "Z2", "Z1"]),
        ({"identificatie": "Z2"}, ["Z2"]),
        ({"bronorganisatie": B.rsin}, ["Z3"]),
        ({"bronorganisatie__in": f"{A.rsin},{B.rsin}", "ordering": "startdatum"},
         ["Z1", "Z2", "Z3"]),
        ({"zaaktype": A.zaaktype}, ["Z2", "Z1"]),
        ({"startdatum__gte": "2026-02-10", "startdatum__lt": "2026-03-10"}, ["Z2"]),
        ({"einddatumGepland__lt": "2026-07-01"}, ["Z1"]),
        ({"archiefnominatie": "vernietigen"}, ["Z2"]),
        ({"archiefactiedatum__lt": "2029-01-01"}, ["Z3"]),
        ({"archiefactiedatum__gt": "2029-01-01"}, ["Z2"]),
        ({"archiefactiedatum__isnull": "true"}, ["Z1"]),
        ({"archiefactiedatum__isnull": "false", "ordering": "startdatum"}, ["Z2", "Z3"]),
        ({"archiefstatus__in": "nog_te_archiveren", "ordering": "-startdatum"},
         ["Z3", "Z2", "Z1"]),
        ({"einddatum__isnull": "true", "registratiedatum__gt": "2000-01-01"},
         ["Z3", "Z2", "Z1"]),
        ({"maximaleVertrouwelijkheidaanduiding": "openbaar"}, ["Z2"]),
        ({f"{ID}natuurlijkPersoon__inpBsn": "111222333"}, ["Z1"]),
        ({f"{ID}natuurlijkPersoon__anpIdentificatie": "A1"}, ["Z1"]),
        ({f"{ID}nietNatuurlijkPersoon__innNnpId": "002220647"}, ["Z2"]),
        ({f"{ID}vestiging__vestigingsNummer": "000012345678"}, ["Z2"]),
        ({f"{ID}medewerker__identificatie": "mdw-7"}, ["Z1"]),
        ({"rol__betrokkeneType": "vestiging"}, ["Z2"]),
        ({"rol__omschrijvingGeneriek": "behandelaar", "ordering": "startdatum"}, ["Z1", "Z2"]),
        ({"rol__omschrijvingGeneriek": "initiator", "rol__betrokkeneType": "medewerker"},
         ["Z1"]),  # each rol filter on its own, as Open Zaak joins them
    ]  # fmt: skip
    for params, expected in expectations:
        assert found(await api.get(ZAKEN, **params)) == expected, params
    search = await api.post(f"{ZAKEN}/_zoek", {
        "zaaktype__in": [A.zaaktype], "uuid__in": [z1["uuid"], z3["uuid"]],
        f"{ID}natuurlijkPersoon__inpBsn": "111222333", "einddatum__isnull": True,
    })  # fmt: skip
    assert found(search) == ["Z1"]
    assert found(await api.post(f"{ZAKEN}/_zoek", {"ordering": "startdatum"})) == [
        "Z1", "Z2", "Z3"
    ]  # fmt: skip
    expanded = assert_response(
        await api.post(f"{ZAKEN}/_zoek", {"identificatie": "Z1", "expand": "zaaktype,rollen"})
    )
    zaak = expanded["results"][0]
    assert zaak["_expand"]["zaaktype"]["url"] == A.zaaktype
    assert len(zaak["_expand"]["rollen"]) == 2


@pytest.mark.parametrize(
    ("query", "name", "code"),
    [
        ({"startdatum__gt": "gisteren"}, "startdatum__gt", "invalid"),
        ({"ordering": "-kleur"}, "ordering", "invalid_choice"),
        ({"archiefstatus": "weg"}, "archiefstatus", "invalid_choice"),
        ({"einddatum__isnull": "misschien"}, "einddatum__isnull", "invalid"),
        ({"maximaleVertrouwelijkheidaanduiding": "top"}, "maximaleVertrouwelijkheidaanduiding",
         "invalid_choice"),
        ({"expand": "kleur"}, "expand", "invalid"),
        ({"zaaktype": "geen-url"}, "zaaktype", "invalid"),
        ({"uuid__in": "x"}, "nonFieldErrors", "unknown-parameters"),  # _zoek only
    ],
)  # fmt: skip
async def test_bad_filters_are_400(api: Api, query: dict[str, str], name: str, code: str) -> None:
    response = await api.get(ZAKEN, **query)
    assert response.status_code == 400, response.text
    body = assert_response(response)
    assert [(p["name"], p["code"]) for p in body["invalidParams"]] == [(name, code)]


async def test_search_refuses_bad_bodies(api: Api) -> None:
    for body, name in (
        ([], "nonFieldErrors"),
        ({"uuid__in": "niet-een-lijst"}, "uuid__in"),
        ({"zaakgeometrie": {"within": {"type": "Point", "coordinates": [5, 52]}}},
         "zaakgeometrie"),
        ({"einddatum__isnull": "ja"}, "einddatum__isnull"),
    ):  # fmt: skip
        response = await api.post(f"{ZAKEN}/_zoek", body)
        assert response.status_code == 400, response.text
        assert name in {p["name"] for p in assert_response(response)["invalidParams"]}


async def test_expand_nested_paths(api: Api) -> None:
    hoofd = await api.created(ZAKEN, zaak_body())
    deel = await api.created(ZAKEN, zaak_body(hoofdzaak=hoofd["url"]))
    await api.created(f"{ROOT}/statussen", {"zaak": hoofd["url"], "statustype": A.statustype(2),
                                            "datumStatusGezet": moment()})  # fmt: skip
    response = await api.get(f"{ZAKEN}/{deel['uuid']}",
                             expand="hoofdzaak.status.statustype,hoofdzaak.deelzaken")  # fmt: skip
    body = assert_response(response)
    hoofdzaak = body["_expand"]["hoofdzaak"]
    assert hoofdzaak["deelzaken"] == [deel["url"]]
    assert hoofdzaak["_expand"]["status"]["_expand"]["statustype"]["volgnummer"] == 2
    assert [z["uuid"] for z in hoofdzaak["_expand"]["deelzaken"]] == [deel["uuid"]]
