"""The Zaken API through the log, against a running MidOffice (embedded log + SQLite): a zaak
with all its parts, the closing, reopening and forced-update rules, and the state rules of
the processor. Every response is checked against the official specification."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from autorisaties.scopes import (
    ZAKEN_AANMAKEN,
    ZAKEN_BIJWERKEN,
    ZAKEN_GEFORCEERD_BIJWERKEN,
    ZAKEN_HEROPENEN,
    ZAKEN_LEZEN,
    ZAKEN_STATUSSEN_TOEVOEGEN,
)
from midoffice.bus import connect
from midoffice.replay import verify_zaakmagazijn
from tests.integration.zaken_support import (
    ZAKEN,
    A,
    Api,
    B,
    moment,
    rights,
    running_midoffice,
    zaak_body,
)
from tests.zgw_spec import assert_response

ROOT = "/zaken/api/v1"
BSN = "111222333"


@pytest.fixture
async def api(tmp_path: Path, database_url: str) -> AsyncIterator[Api]:
    """A running MidOffice on the embedded log, with SQLite and with PostgreSQL."""
    postgres = database_url if database_url.startswith("postgresql") else None
    async with running_midoffice(tmp_path, database_url=postgres) as running:
        yield running


def codes(response: Any) -> list[tuple[str, str]]:
    assert response.status_code == 400, response.text
    assert_response(response)
    return [(p["name"], p["code"]) for p in response.json()["invalidParams"]]


async def new_zaak(api: Api, **extra: Any) -> dict[str, Any]:
    response = await api.post(ZAKEN, zaak_body(**extra))
    assert response.status_code == 201, response.text
    return dict(assert_response(response))


async def add(api: Api, collection: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await api.post(f"{ROOT}/{collection}", body)
    assert response.status_code == 201, response.text
    return dict(assert_response(response))


async def status(api: Api, zaak: dict[str, Any], volgnummer: int, minutes: int) -> Any:
    body = {"zaak": zaak["url"], "statustype": A.statustype(volgnummer),
            "datumStatusGezet": moment(minutes)}  # fmt: skip
    return await api.post(f"{ROOT}/statussen", body)


async def close(api: Api, zaak: dict[str, Any], resultaattype: str = "verleend") -> None:
    body = {"zaak": zaak["url"], "resultaattype": A.url("resultaattypen", resultaattype)}
    await add(api, "resultaten", body)
    closed = await status(api, zaak, 4, 60)
    assert closed.status_code == 201, closed.text


async def test_a_zaak_with_all_its_parts(api: Api) -> None:
    zaak = await new_zaak(api)
    rol = await add(api, "rollen", {
        "zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon",
        "roltype": A.url("roltypen", "aanvrager"), "roltoelichting": "aanvrager",
        "betrokkeneIdentificatie": {"inpBsn": BSN, "geslachtsnaam": "Jansen"},
    })  # fmt: skip
    assert (rol["omschrijving"], rol["omschrijvingGeneriek"]) == ("Aanvrager", "initiator")
    eigenschap = await api.post(f"{ZAKEN}/{zaak['uuid']}/zaakeigenschappen", {
        "zaak": zaak["url"], "eigenschap": A.url("eigenschappen", "kenteken"), "waarde": "AB-12-CD",
    })  # fmt: skip
    assert eigenschap.status_code == 201, eigenschap.text
    assert assert_response(eigenschap)["naam"] == "kenteken"
    zaakobject = await add(api, "zaakobjecten", {
        "zaak": zaak["url"], "objectType": "adres", "zaakobjecttype": A.url("zaakobjecttypen",
        "voertuig"), "objectIdentificatie": {"identificatie": "0518200000000001",
        "wplWoonplaatsNaam": "Demodam", "gorOpenbareRuimteNaam": "Dorpsstraat", "huisnummer": 1},
    })  # fmt: skip
    document = "https://documenten.example/api/v1/enkelvoudiginformatieobjecten/1"
    zio = await add(api, "zaakinformatieobjecten",
                    {"zaak": zaak["url"], "informatieobject": document, "titel": "Aanvraag"})
    contact = await add(api, "klantcontacten", {"zaak": zaak["url"], "datumtijd": moment(5),
                                                "kanaal": "telefoon"})  # fmt: skip
    for volgnummer in (1, 2, 3):
        assert (await status(api, zaak, volgnummer, volgnummer)).status_code == 201
    patched = await api.request("PATCH", f"{ZAKEN}/{zaak['uuid']}", {"omschrijving": "Nieuw"})
    assert patched.status_code == 200, patched.text
    assert assert_response(patched)["omschrijving"] == "Nieuw"
    await close(api, zaak)

    detail = assert_response(await api.get(f"{ZAKEN}/{zaak['uuid']}"))
    assert detail["rollen"] == [rol["url"]]
    assert detail["eigenschappen"] == [eigenschap.json()["url"]]
    assert detail["zaakobjecten"] == [zaakobject["url"]]
    assert detail["zaakinformatieobjecten"] == [zio["url"]]
    assert detail["resultaat"] is not None and detail["omschrijving"] == "Nieuw"
    einddatum = dt.date(2026, 3, 2)
    assert detail["einddatum"] == einddatum.isoformat()
    assert detail["archiefnominatie"] == "vernietigen"
    assert detail["startdatumBewaartermijn"] == einddatum.isoformat()
    assert detail["archiefactiedatum"] == "2027-03-02", "afgehandeld + P1Y"
    for path in (rol["url"], zaakobject["url"], zio["url"], contact["url"]):
        assert_response(await api.get(path.removeprefix("http://testserver")))
    listed = await api.get(f"{ROOT}/rollen", zaak=zaak["url"])
    assert [r["url"] for r in assert_response(listed)["results"]] == [rol["url"]]
    zios = await api.get(f"{ROOT}/zaakinformatieobjecten", zaak=zaak["url"])
    assert [z["url"] for z in assert_response(zios)] == [zio["url"]]


async def test_termijn_derives_the_brondatum_from_the_procestermijn(api: Api) -> None:
    zaak = await new_zaak(api)
    await close(api, zaak, "geweigerd")
    detail = assert_response(await api.get(f"{ZAKEN}/{zaak['uuid']}"))
    assert detail["startdatumBewaartermijn"] == "2031-03-02", "einddatum + P5Y"
    assert detail["archiefactiedatum"] == "2032-03-02", "brondatum + P1Y"


async def test_the_eindstatus_needs_a_resultaat(api: Api) -> None:
    zaak = await new_zaak(api)
    assert codes(await status(api, zaak, 4, 1)) == [("nonFieldErrors", "resultaat-does-not-exist")]


async def test_reopening_needs_zaken_heropenen_and_clears_the_archive(api: Api) -> None:
    zaak = await new_zaak(api)
    await close(api, zaak)
    toevoegen = api.as_("toevoegen", rights("toevoegen", [ZAKEN_STATUSSEN_TOEVOEGEN]))
    refused = await status(toevoegen, zaak, 2, 90)
    assert refused.status_code == 403
    assert assert_response(refused)["code"] == "permission_denied"
    heropenen = api.as_("heropenen", rights("heropenen", [ZAKEN_HEROPENEN, ZAKEN_LEZEN]))
    assert (await status(heropenen, zaak, 2, 90)).status_code == 201
    detail = assert_response(await heropenen.get(f"{ZAKEN}/{zaak['uuid']}"))
    assert detail["einddatum"] is None
    assert (detail["archiefnominatie"], detail["archiefactiedatum"]) == (None, None)
    assert detail["startdatumBewaartermijn"] is None


async def test_aanmaken_alone_sets_only_the_first_status(api: Api) -> None:
    aanmaken = api.as_("aanmaker", rights("aanmaker", [ZAKEN_AANMAKEN, ZAKEN_LEZEN]))
    zaak = await new_zaak(aanmaken)
    assert (await status(aanmaken, zaak, 1, 1)).status_code == 201
    second = await status(aanmaken, zaak, 2, 2)
    assert second.status_code == 403 and assert_response(second)["code"] == "permission_denied"


async def test_a_closed_zaak_changes_only_with_geforceerd_bijwerken(api: Api) -> None:
    zaak = await new_zaak(api)
    await close(api, zaak)
    path = f"{ZAKEN}/{zaak['uuid']}"
    bijwerken = api.as_("bijwerker", rights("bijwerker", [ZAKEN_BIJWERKEN]))
    refused = await bijwerken.request("PATCH", path, {"omschrijving": "te laat"})
    assert refused.status_code == 403 and assert_response(refused)["code"] == "permission_denied"
    rol = {"zaak": zaak["url"], "betrokkeneType": "medewerker", "roltoelichting": "",
           "roltype": A.url("roltypen", "behandelaar"),
           "betrokkeneIdentificatie": {"identificatie": "mdw-1"}}  # fmt: skip
    assert (await bijwerken.post(f"{ROOT}/rollen", rol)).status_code == 403
    forced = api.as_("forceer", rights("forceer", [ZAKEN_GEFORCEERD_BIJWERKEN]))
    allowed = await forced.request("PATCH", path, {"omschrijving": "gecorrigeerd"})
    assert allowed.status_code == 200, allowed.text
    assert (await forced.post(f"{ROOT}/rollen", rol)).status_code == 201


async def test_zaaktype_is_immutable_and_identificatie_unique(api: Api) -> None:
    zaak = await new_zaak(api, identificatie="PV-1")
    path = f"{ZAKEN}/{zaak['uuid']}"
    changed = await api.request("PATCH", path, {"zaaktype": B.zaaktype})
    assert codes(changed) == [("zaaktype", "wijzigen-niet-toegelaten")]
    other = await new_zaak(api, identificatie="PV-2")
    taken = await api.request("PATCH", f"{ZAKEN}/{other['uuid']}", {"identificatie": "PV-1"})
    assert codes(taken) == [("identificatie", "identificatie-niet-uniek")]
    assert codes(await api.post(ZAKEN, zaak_body(identificatie="PV-1"))) == [
        ("identificatie", "identificatie-niet-uniek")
    ]
    assert (await new_zaak(api, identificatie="PV-1", bronorganisatie=B.rsin))["identificatie"]


async def test_put_needs_the_required_fields(api: Api) -> None:
    zaak = await new_zaak(api)
    path = f"{ZAKEN}/{zaak['uuid']}"
    incomplete = await api.request("PUT", path, {"omschrijving": "alleen dit"})
    assert set(codes(incomplete)) >= {("zaaktype", "required"), ("startdatum", "required")}
    complete = await api.request("PUT", path, zaak_body(omschrijving="Geheel"))
    assert complete.status_code == 200, complete.text
    assert assert_response(complete)["omschrijving"] == "Geheel"


async def test_references_must_fit_the_zaaktype_and_one_resultaat(api: Api) -> None:
    zaak = await new_zaak(api)
    rol = {"zaak": zaak["url"], "betrokkeneType": "medewerker", "roltoelichting": "",
           "roltype": B.url("roltypen", "behandelaar"),
           "betrokkeneIdentificatie": {"identificatie": "mdw-1"}}  # fmt: skip
    assert codes(await api.post(f"{ROOT}/rollen", rol)) == [("roltype", "zaaktype-mismatch")]
    other_status = {"zaak": zaak["url"], "statustype": B.statustype(1),
                    "datumStatusGezet": moment()}  # fmt: skip
    assert codes(await api.post(f"{ROOT}/statussen", other_status)) == [
        ("statustype", "zaaktype-mismatch")
    ]
    other_resultaat = {"zaak": zaak["url"], "resultaattype": B.url("resultaattypen", "verleend")}
    assert codes(await api.post(f"{ROOT}/resultaten", other_resultaat)) == [
        ("resultaattype", "zaaktype-mismatch")
    ]
    other_eigenschap = {"zaak": zaak["url"], "eigenschap": B.url("eigenschappen", "kenteken"),
                        "waarde": "AB-12-CD"}  # fmt: skip
    eigenschappen = f"{ZAKEN}/{zaak['uuid']}/zaakeigenschappen"
    assert codes(await api.post(eigenschappen, other_eigenschap)) == [
        ("eigenschap", "zaaktype-mismatch")
    ]
    other_object = {"zaak": zaak["url"], "objectType": "overige", "objectTypeOverige": "voertuig",
                    "zaakobjecttype": B.url("zaakobjecttypen", "voertuig"),
                    "objectIdentificatie": {"overigeData": {"kenteken": "AB-12-CD"}}}  # fmt: skip
    assert codes(await api.post(f"{ROOT}/zaakobjecten", other_object)) == [
        ("zaakobjecttype", "zaaktype-mismatch")
    ]
    resultaat = {"zaak": zaak["url"], "resultaattype": A.url("resultaattypen", "verleend")}
    await add(api, "resultaten", resultaat)
    assert codes(await api.post(f"{ROOT}/resultaten", resultaat)) == [("zaak", "unique")]
    future = dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)
    later = {"zaak": zaak["url"], "statustype": A.statustype(1),
             "datumStatusGezet": future.isoformat()}  # fmt: skip
    assert codes(await api.post(f"{ROOT}/statussen", later)) == [
        ("datumStatusGezet", "future_not_allowed")
    ]


async def test_delete_removes_the_zaak_and_replay_still_matches(api: Api) -> None:
    kept = await new_zaak(api)
    await close(api, kept)
    zaak = await new_zaak(api)
    await add(api, "rollen", {"zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon",
                              "roltype": A.url("roltypen", "aanvrager"), "roltoelichting": "",
                              "betrokkeneIdentificatie": {"inpBsn": BSN}})  # fmt: skip
    deleted = await api.request("DELETE", f"{ZAKEN}/{zaak['uuid']}")
    assert deleted.status_code == 204, deleted.text
    assert (await api.get(f"{ZAKEN}/{zaak['uuid']}")).status_code == 404
    assert assert_response(await api.get(f"{ROOT}/rollen", zaak=zaak["url"]))["count"] == 0
    bus = connect(api.settings.bus_url)
    await bus.start()
    try:
        report = await verify_zaakmagazijn(
            bus, api.settings.events_topic, api.settings.database_url
        )
    finally:
        await bus.close()
    assert report.differences == [] and report.equal
