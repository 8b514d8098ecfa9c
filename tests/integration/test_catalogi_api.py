"""The Catalogi API through the whole pipeline (gateway -> log -> catalogi processor ->
projection -> refreshed catalogue), every response checked against the official 1.3.1 spec."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests import zgw_spec
from tests.integration.catalogi_support import (
    API,
    BASE,
    DEMO_CATALOGUS,
    DEMO_ZAAKTYPE,
    Catalogi,
    instance,
    settings_for,
)

COLLECTIONS = (
    "catalogussen", "zaaktypen", "statustypen", "roltypen", "resultaattypen", "eigenschappen",
    "informatieobjecttypen", "besluittypen", "zaaktype-informatieobjecttypen", "zaakobjecttypen",
)  # fmt: skip
CATALOGUS = f"{BASE}{API}/catalogussen/{DEMO_CATALOGUS}"


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Catalogi]:
    async with instance(settings_for(tmp_path)) as running:
        yield running


def ok(response: Any, status: int = 200) -> Any:
    """The validated JSON body of a response with ``status``."""
    assert response.status_code == status, response.text
    return zgw_spec.assert_response(response)


def codes(response: Any) -> set[str]:
    assert response.status_code == 400, response.text
    zgw_spec.assert_response(response)
    return {p["code"] for p in response.json()["invalidParams"]}


def zaaktype_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "identificatie": "MELDING-OPENBARE-RUIMTE", "omschrijving": "Melding openbare ruimte",
        "vertrouwelijkheidaanduiding": "openbaar", "doel": "Meldingen afhandelen.",
        "aanleiding": "Een melding.", "indicatieInternOfExtern": "extern",
        "handelingInitiator": "Melden", "onderwerp": "Openbare ruimte",
        "handelingBehandelaar": "Afhandelen", "doorlooptijd": "P2W",
        "opschortingEnAanhoudingMogelijk": False, "verlengingMogelijk": False,
        "publicatieIndicatie": False, "productenOfDiensten": [],
        "referentieproces": {"naam": "Melding"}, "verantwoordelijke": "Team Wijken",
        "catalogus": CATALOGUS, "besluittypen": [], "gerelateerdeZaaktypen": [],
        "beginGeldigheid": "2026-02-01", "versiedatum": "2026-02-01",
    }  # fmt: skip
    return body | overrides


async def test_every_resource_of_the_demo_catalogue_follows_the_spec(api: Catalogi) -> None:
    for collection in COLLECTIONS:
        body = ok(await api.get(f"{API}/{collection}"))
        assert body["count"] >= 1, collection
        for item in body["results"]:
            detail = ok(await api.get(item["url"]))
            assert detail == item
    zaaktype = ok(await api.get(f"{API}/zaaktypen/{DEMO_ZAAKTYPE}"))
    zgw_spec.validate_schema("catalogi", "ZaakType", zaaktype)
    assert len(zaaktype["statustypen"]) == 4 and len(zaaktype["roltypen"]) == 2
    initiator = ok(await api.get(f"{API}/roltypen", omschrijvingGeneriek="initiator"))
    assert [r["omschrijving"] for r in initiator["results"]] == ["Aanvrager"]
    resultaattypen = ok(await api.get(f"{API}/resultaattypen", zaaktype=zaaktype["url"]))
    afleiding = {
        r["brondatumArchiefprocedure"]["afleidingswijze"] for r in resultaattypen["results"]
    }
    assert afleiding == {"afgehandeld", "termijn"}
    statustypen = ok(await api.get(f"{API}/statustypen", zaaktype=zaaktype["url"]))["results"]
    assert any(s["informeren"] for s in statustypen)


async def test_errors_are_problems(api: Catalogi) -> None:
    assert ok(await api.get(f"{API}/roltypen/{uuid.uuid4()}"), 404)
    ok(await api.http.get(f"{API}/zaaktypen"), 401)
    ok(await api.send("POST", f"{API}/zaaktypen", zaaktype_body(), client="lezer"), 403)
    assert codes(await api.get(f"{API}/roltypen", omschrijvingGeneriek="baas")) == {
        "invalid_choice"
    }
    assert codes(await api.get(f"{API}/zaaktypen", onbekend="1")) == {"unknown-parameters"}
    bad = await api.send("POST", f"{API}/zaaktypen", zaaktype_body(doorlooptijd="twee weken",
                                                                    catalogus=None))  # fmt: skip
    assert {p["name"] for p in bad.json()["invalidParams"]} >= {"catalogus"}
    assert codes(bad) >= {"required"}


async def test_concept_publish_lifecycle(api: Catalogi) -> None:
    zaaktype = ok(await api.send("POST", f"{API}/zaaktypen", zaaktype_body()), 201)
    assert zaaktype["concept"] is True
    url = zaaktype["url"]
    statustype = ok(
        await api.send(
            "POST",
            f"{API}/statustypen",
            {"zaaktype": url, "omschrijving": "Ontvangen", "volgnummer": 1, "informeren": True},
        ),
        201,
    )
    ok(
        await api.send(
            "POST",
            f"{API}/statustypen",
            {"zaaktype": url, "omschrijving": "Afgehandeld", "volgnummer": 2},
        ),
        201,
    )
    assert codes(
        await api.send(
            "POST",
            f"{API}/statustypen",
            {"zaaktype": url, "omschrijving": "Dubbel", "volgnummer": 2},
        )
    ) == {"invalid"}
    ok(
        await api.send(
            "POST",
            f"{API}/roltypen",
            {"zaaktype": url, "omschrijving": "Melder", "omschrijvingGeneriek": "initiator"},
        ),
        201,
    )
    ok(
        await api.send(
            "POST",
            f"{API}/resultaattypen",
            {
                "zaaktype": url,
                "omschrijving": "Afgehandeld",
                "resultaattypeomschrijving": "https://referentielijsten.example/resultaattypeomschrijvingen/1",
                "selectielijstklasse": "https://referentielijsten.example/resultaten/1",
                "archiefnominatie": "vernietigen",
                "archiefactietermijn": "P1Y",
                "brondatumArchiefprocedure": {"afleidingswijze": "afgehandeld"},
            },
        ),
        201,
    )
    iot = ok(
        await api.send(
            "POST",
            f"{API}/informatieobjecttypen",
            {
                "catalogus": CATALOGUS,
                "omschrijving": "Foto",
                "vertrouwelijkheidaanduiding": "openbaar",
                "informatieobjectcategorie": "Foto",
                "beginGeldigheid": "2026-02-01",
            },
        ),
        200,
    )
    assert iot["concept"] is True
    ok(await api.send("POST", f"{API}/zaaktype-informatieobjecttypen", {
        "zaaktype": url, "informatieobjecttype": "Foto", "volgnummer": 1,
        "richting": "inkomend"}), 201)  # fmt: skip

    patched = ok(await api.send("PATCH", url, {"omschrijving": "Melding buitenruimte"}))
    assert patched["omschrijving"] == "Melding buitenruimte" and patched["concept"] is True
    # a zaaktype with a concept informatieobjecttype cannot be published
    assert "invalid" in codes(await api.send("POST", f"{url}/publish"))
    ok(await api.send("POST", f"{iot['url']}/publish"))
    published = ok(await api.send("POST", f"{url}/publish"))
    assert published["concept"] is False
    assert codes(await api.send("POST", f"{url}/publish")) == {"already-published"}

    # published: immutable, not deletable, parts frozen; corrections need the geforceerd scopes
    ok(await api.send("PATCH", url, {"doel": "Anders."}), 403)
    assert codes(await api.send("PATCH", statustype["url"], {"statustekst": "x"})) == {
        "non-concept-zaaktype"
    }
    ok(await api.send("DELETE", url), 403)
    ok(await api.send("DELETE", statustype["url"]), 403)
    assert codes(
        await api.send(
            "POST",
            f"{API}/eigenschappen",
            {
                "zaaktype": url,
                "naam": "wijk",
                "definitie": "De wijk.",
                "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1"},
            },
        )
    ) == {"non-concept-zaaktype"}
    forced = ok(
        await api.send(
            "PATCH", statustype["url"], {"statustekst": "Ontvangen."}, client="corrector"
        )
    )
    assert forced["statustekst"] == "Ontvangen."
    assert (await api.send("DELETE", url, client="corrector")).status_code == 200
    ok(await api.get(url), 404)
    ok(await api.get(statustype["url"]), 404)


async def test_concept_objects_can_be_changed_and_deleted(api: Catalogi) -> None:
    zaaktype = ok(await api.send("POST", f"{API}/zaaktypen", zaaktype_body()), 201)
    eigenschap = ok(
        await api.send(
            "POST",
            f"{API}/eigenschappen",
            {
                "zaaktype": zaaktype["url"],
                "naam": "wijk",
                "definitie": "De wijk.",
                "specificatie": {"formaat": "tekst", "lengte": "20", "kardinaliteit": "1"},
            },
        ),
        201,
    )
    put = dict(eigenschap, definitie="De wijk van de melding.")
    assert ok(await api.send("PUT", eigenschap["url"], put))["definitie"] == put["definitie"]
    deleted = await api.send("DELETE", eigenschap["url"])
    assert deleted.status_code == 204
    ok(await api.get(eigenschap["url"]), 404)
    assert (await api.send("DELETE", zaaktype["url"])).status_code == 200
    listed = ok(await api.get(f"{API}/zaaktypen", status="alles"))
    assert [z["url"] for z in listed["results"]] == [f"{BASE}{API}/zaaktypen/{DEMO_ZAAKTYPE}"]


async def test_a_new_version_ends_the_previous_one(api: Catalogi) -> None:
    demo = ok(await api.get(f"{API}/zaaktypen/{DEMO_ZAAKTYPE}"))
    versie = {k: v for k, v in demo.items() if k not in ("url", "concept")}
    versie |= {
        "beginGeldigheid": "2027-01-01",
        "versiedatum": "2027-01-01",
        "deelzaaktypen": [],
        "besluittypen": ["Besluit op aanvraag parkeervergunning"],
    }
    nieuw = ok(await api.send("POST", f"{API}/zaaktypen", versie), 201)
    ok(
        await api.send(
            "POST",
            f"{API}/statustypen",
            {"zaaktype": nieuw["url"], "omschrijving": "Ontvangen", "volgnummer": 1},
        ),
        201,
    )
    # only one concept version at a time
    assert codes(await api.send("POST", f"{API}/zaaktypen", versie)) == {"invalid"}
    ok(await api.send("POST", f"{nieuw['url']}/publish"))
    oud = ok(await api.get(demo["url"]))
    assert oud["eindeGeldigheid"] == "2026-12-31"
    assert ok(await api.get(demo["url"], datumGeldigheid="2027-03-01"))["url"] == nieuw["url"]
    op_datum = ok(await api.get(f"{API}/zaaktypen", datumGeldigheid="2026-06-01"))
    assert [z["url"] for z in op_datum["results"]] == [demo["url"]]
    assert ok(await api.get(nieuw["url"]))["beginObject"] == "2026-01-01"
