"""The Autorisaties API on a running gateway + processor (embedded log; SQLite and PostgreSQL):
CRUD through the log, 403 for every missing scope, and new clients authenticating."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from schemas.autorisaties_events import (
    APPLICATIE_AANGEMAAKT,
    APPLICATIE_GEWIJZIGD,
    APPLICATIE_VERWIJDERD,
)
from schemas.codec import decode
from tests.integration.autorisaties_support import (
    APPLICATIES,
    ZAAKTYPE_A,
    Midoffice,
    ac,
    headers,
    midoffice,
    old_iat,
    zrc,
)


@pytest.fixture
async def mo(tmp_path: Path, database_url: str) -> AsyncIterator[Midoffice]:
    async with midoffice(tmp_path, database_url) as running:
        yield running


def invalid(response: object) -> dict[str, str]:
    body = response.json()  # type: ignore[attr-defined]
    assert response.status_code == 400, body  # type: ignore[attr-defined]
    return {p["name"]: p["code"] for p in body["invalidParams"]}


async def test_crud_through_the_log(mo: Midoffice) -> None:
    created = await mo.create("zaaksysteem", zrc(ZAAKTYPE_A, ["zaken.lezen"]))
    assert created.status_code == 201, created.json()
    body = created.json()
    url = body["url"]
    assert created.headers["Location"] == url
    assert "secret" not in body and body["autorisaties"][0]["componentWeergave"] == "Zaken API"
    path = url.removeprefix("http://testserver")

    read = await mo.http.get(path, headers=headers())
    assert read.json() == body and read.headers["ETag"]
    listed = await mo.http.get(
        APPLICATIES, params={"clientIds": "zaaksysteem,x"}, headers=headers()
    )
    assert listed.json()["count"] == 1 and listed.json()["results"] == [body]
    none = await mo.http.get(APPLICATIES, params={"clientIds": "onbekend"}, headers=headers())
    assert none.json()["count"] == 0
    consumer = await mo.http.get(
        f"{APPLICATIES}/consumer", params={"clientId": "zaaksysteem"}, headers=headers()
    )
    assert consumer.json() == body

    put = await mo.http.put(
        path,
        headers=headers(),
        json={
            "clientIds": ["zaaksysteem", "zs2"],
            "label": "Zaaksysteem",
            "heeftAlleAutorisaties": True,
        },
    )
    assert put.status_code == 200, put.json()
    assert put.json()["autorisaties"] == [] and put.json()["heeftAlleAutorisaties"] is True
    patch = await mo.http.patch(path, headers=headers(), json={"label": "Hernoemd"})
    assert patch.json()["label"] == "Hernoemd" and patch.json()["clientIds"] == [
        "zaaksysteem",
        "zs2",
    ]

    deleted = await mo.http.delete(path, headers=headers())
    assert deleted.status_code == 204
    assert (await mo.http.get(path, headers=headers())).status_code == 404
    assert (await mo.http.delete(path, headers=headers())).status_code == 404

    records = await mo.records_when(mo.settings.events_topic, lambda found: len(found) >= 4)
    facts = [decode(r.value, r.headers) for r in records]
    assert [(f.type, f.sequence) for f in facts] == [
        (APPLICATIE_AANGEMAAKT, 1),
        (APPLICATIE_GEWIJZIGD, 2),
        (APPLICATIE_GEWIJZIGD, 3),
        (APPLICATIE_VERWIJDERD, 4),
    ]
    assert {str(f.subject) for f in facts} == {url.rsplit("/", 1)[1]}


async def test_the_secret_is_never_in_the_log_or_a_response(mo: Midoffice) -> None:
    secret = "een-heel-geheim-secret-0123456789"
    created = await mo.create("geheimhouder", ac("autorisaties.lezen"), secret=secret)
    patched = await mo.http.patch(
        created.json()["url"], headers=headers(), json={"secret": secret + "-nieuw"}
    )
    assert secret not in created.text + patched.text
    for topic in (mo.settings.intake_topic, mo.settings.events_topic):
        for record in await mo.records(topic):
            assert secret.encode() not in record.value


async def test_validation_errors_have_invalid_params(mo: Midoffice) -> None:
    assert (await mo.create("a", ac("autorisaties.lezen"))).status_code == 201
    assert invalid(await mo.create("a", ac("autorisaties.lezen"))) == {
        "clientIds": "clientId-exists"
    }
    assert invalid(await mo.create("b")) == {"nonFieldErrors": "missing-authorizations"}
    assert invalid(await mo.create("c", ac("autorisaties.lezen"), heeftAlleAutorisaties=True)) == {
        "nonFieldErrors": "ambiguous-authorizations-specified"
    }
    no_secret = await mo.http.post(
        APPLICATIES,
        headers=headers(),
        json={"clientIds": ["d"], "label": "d", "heeftAlleAutorisaties": True},
    )
    assert invalid(no_secret) == {"secret": "required"}
    typed = await mo.create("e", {"component": "zrc", "scopes": ["zaken.lezen"]})
    assert invalid(typed) == {
        "autorisaties.0.zaaktype": "required",
        "autorisaties.0.maxVertrouwelijkheidaanduiding": "required",
    }
    unknown = await mo.http.get(APPLICATIES, params={"zaaktype": "x"}, headers=headers())
    assert invalid(unknown) == {"nonFieldErrors": "unknown-parameters"}


async def test_a_new_client_authenticates_with_its_own_secret(mo: Midoffice) -> None:
    created = await mo.create("nieuw", ac("autorisaties.lezen"))
    assert (await mo.http.get(APPLICATIES, headers=mo.as_client("nieuw"))).status_code == 200
    wrong = headers("nieuw", "niet-het-secret-van-nieuw")
    assert (await mo.http.get(APPLICATIES, headers=wrong)).status_code == 401
    stale = headers("nieuw", mo.secrets["nieuw"], iat=old_iat(mo.settings))
    assert (await mo.http.get(APPLICATIES, headers=stale)).status_code == 401
    future = headers("nieuw", mo.secrets["nieuw"], iat=int(time.time()) + 3600)
    assert (await mo.http.get(APPLICATIES, headers=future)).status_code == 401

    new_secret = "het-nieuwe-secret-0123456789"
    await mo.http.patch(created.json()["url"], headers=headers(), json={"secret": new_secret})
    assert (await mo.http.get(APPLICATIES, headers=mo.as_client("nieuw"))).status_code == 401
    renewed = headers("nieuw", new_secret)
    assert (await mo.http.get(APPLICATIES, headers=renewed)).status_code == 200

    await mo.http.delete(created.json()["url"], headers=headers())
    assert (await mo.http.get(APPLICATIES, headers=renewed)).status_code == 401


READS = [
    ("GET", APPLICATIES),
    ("GET", f"{APPLICATIES}/{{uuid}}"),
    ("GET", f"{APPLICATIES}/consumer?clientId=beheerder"),
]
WRITES = [
    ("POST", APPLICATIES),
    ("PUT", f"{APPLICATIES}/{{uuid}}"),
    ("PATCH", f"{APPLICATIES}/{{uuid}}"),
    ("DELETE", f"{APPLICATIES}/{{uuid}}"),
]


async def test_every_missing_scope_is_a_403(mo: Midoffice) -> None:
    target = await mo.create("beheerder", ac("autorisaties.lezen", "autorisaties.bijwerken"))
    identifier = target.json()["url"].rsplit("/", 1)[1]
    await mo.create("lezer", ac("autorisaties.lezen"))
    await mo.create("schrijver", ac("autorisaties.bijwerken"))
    await mo.create("zaken", zrc(ZAAKTYPE_A, ["zaken.lezen", "zaken.aanmaken"]))
    body = {"clientIds": ["x"], "label": "x", "secret": "x" * 20, "heeftAlleAutorisaties": True}
    cases = [(client, call) for client in ("schrijver", "zaken") for call in READS]
    cases += [(client, call) for client in ("lezer", "zaken") for call in WRITES]
    for client, (method, path) in cases:
        response = await mo.http.request(
            method,
            path.format(uuid=identifier),
            json=body if method in ("POST", "PUT", "PATCH") else None,
            headers=mo.as_client(client),
        )
        assert response.status_code == 403, (client, method, path, response.text)
        assert response.json()["code"] == "permission_denied"
    # and with the scope, they may
    assert (await mo.http.get(APPLICATIES, headers=mo.as_client("lezer"))).status_code == 200
    allowed = await mo.http.post(APPLICATIES, json=body, headers=mo.as_client("schrijver"))
    assert allowed.status_code == 201
    assert (await mo.http.get(APPLICATIES, headers=mo.as_client("beheerder"))).json()["count"] == 5


async def test_an_outcome_shows_only_to_the_client_that_submitted_it(mo: Midoffice) -> None:
    await mo.create("beheerder", ac("autorisaties.lezen", "autorisaties.bijwerken"))
    await mo.create("ander", ac("autorisaties.lezen", "autorisaties.bijwerken"))
    body = {
        "clientIds": ["later"],
        "label": "later",
        "secret": "l" * 20,
        "heeftAlleAutorisaties": True,
    }
    response = await mo.http.post(
        APPLICATIES, json=body, headers={**mo.as_client("beheerder"), "Prefer": "respond-async"}
    )
    assert response.status_code == 202
    location = response.headers["Location"]
    for _ in range(100):
        polled = await mo.http.get(location, headers=mo.as_client("beheerder"))
        if polled.json()["status"] != "pending":
            break
        await asyncio.sleep(0.02)
    assert polled.json()["status"] == "accepted"
    other = await mo.http.get(location, headers=mo.as_client("ander"))
    assert other.status_code == 404
    assert (await mo.http.get(location, headers=headers())).status_code == 404  # demo neither
