"""Notificaties API 1.0: kanalen and abonnementen through the intake, checked against the spec."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect

from midoffice.bootstrap import Role
from midoffice.db import create_engine
from notificaties import tables
from tests import zgw_spec
from tests.integration.autorisaties_support import midoffice

ROOT = "/notificaties/api/v1"
NRC_CONSUMEREN = {"component": "nrc", "scopes": ["notificaties.consumeren"]}
NRC_PUBLICEREN = {"component": "nrc", "scopes": ["notificaties.publiceren"]}


def abonnement(**extra: Any) -> dict[str, Any]:
    return {
        "callbackUrl": "http://127.0.0.1:9/callback",
        "auth": "Bearer abc",
        "kanalen": [{"naam": "zaken", "filters": {"bronorganisatie": "002220647"}}],
        **extra,
    }


@pytest.mark.asyncio
async def test_kanalen_and_abonnementen(tmp_path: Path, database_url: str) -> None:
    async with midoffice(tmp_path, database_url, roles={Role.notificaties}) as mo:
        assert (await mo.create("sub", NRC_CONSUMEREN)).status_code == 201
        assert (await mo.create("pub", NRC_PUBLICEREN)).status_code == 201
        assert (await mo.create("other", NRC_CONSUMEREN)).status_code == 201
        sub, pub = mo.as_client("sub"), mo.as_client("pub")

        listed = await mo.http.get(f"{ROOT}/kanaal", headers=sub)
        assert [k["naam"] for k in zgw_spec.assert_response(listed)] == ["zaken"]
        made = await mo.http.post(f"{ROOT}/kanaal", json={"naam": "documenten",
                                  "filters": ["bronorganisatie"]}, headers=pub)  # fmt: skip
        assert made.status_code == 201, made.text
        zgw_spec.assert_response(made)
        again = await mo.http.post(f"{ROOT}/kanaal", json={"naam": "documenten"}, headers=pub)
        assert again.status_code == 400
        assert again.json()["invalidParams"][0]["code"] == "unique"
        zgw_spec.assert_response(again)
        # kanaal writes need notificaties.publiceren
        assert (
            await mo.http.post(f"{ROOT}/kanaal", json={"naam": "x"}, headers=sub)
        ).status_code == 403

        created = await mo.http.post(f"{ROOT}/abonnement", json=abonnement(), headers=sub)
        assert created.status_code == 201, created.text
        body = zgw_spec.assert_response(created)
        assert body["auth"] == "Bearer abc" and body["kanalen"][0]["naam"] == "zaken"
        url = body["url"].removeprefix("http://testserver")
        # abonnement writes need notificaties.consumeren
        forbidden = await mo.http.post(f"{ROOT}/abonnement", json=abonnement(), headers=pub)
        assert forbidden.status_code == 403
        zgw_spec.assert_response(forbidden)
        # another client does not see or touch it
        assert (await mo.http.get(url, headers=mo.as_client("other"))).status_code == 404
        assert (await mo.http.get(f"{ROOT}/abonnement", headers=mo.as_client("other"))).json() == []
        assert (
            len(zgw_spec.assert_response(await mo.http.get(f"{ROOT}/abonnement", headers=sub))) == 1
        )

        patched = await mo.http.patch(url, json={"auth": "Bearer def"}, headers=sub)
        assert patched.status_code == 200, patched.text
        assert zgw_spec.assert_response(patched)["auth"] == "Bearer def"
        put = await mo.http.put(url, json=abonnement(berichtformaat="cloudevents"), headers=sub)
        assert zgw_spec.assert_response(put)["berichtformaat"] == "cloudevents"
        deleted = await mo.http.delete(url, headers=sub)
        assert deleted.status_code == 204
        assert (await mo.http.get(url, headers=sub)).status_code == 404


BAD_ABONNEMENTEN = [
    ({"callbackUrl": "ftp://127.0.0.1/x"}, "callbackUrl", "invalid"),
    ({"callbackUrl": "http://user:pw@127.0.0.1/x"}, "callbackUrl", "invalid"),
    ({"kanalen": [{"naam": "onbekend"}]}, "kanalen.0.naam", "does_not_exist"),
    (
        {"kanalen": [{"naam": "zaken", "filters": {"kleur": "rood"}}]},
        "kanalen.0.filters",
        "kenmerken-inconsistent",
    ),
    ({"kanalen": []}, "kanalen", "required"),
    ({"auth": ""}, "auth", "required"),
    ({"berichtformaat": "xml"}, "berichtformaat", "invalid_choice"),
    ({"oauth2": {"tokenUrl": "http://127.0.0.1/t"}}, "oauth2.clientId", "required"),
]


@pytest.mark.asyncio
async def test_bad_abonnementen(tmp_path: Path) -> None:
    """Each bad request gets a 400 naming the field; nothing is stored."""
    url = f"sqlite+aiosqlite:///{tmp_path}/db.sqlite3"
    async with midoffice(tmp_path, url, roles={Role.notificaties}) as mo:
        await mo.create("sub", NRC_CONSUMEREN)
        for change, name, code in BAD_ABONNEMENTEN:
            response = await mo.http.post(
                f"{ROOT}/abonnement", json=abonnement(**change), headers=mo.as_client("sub")
            )
            assert response.status_code == 400, response.text
            zgw_spec.assert_response(response)
            assert (name, code) in {
                (p["name"], p["code"]) for p in response.json()["invalidParams"]
            }
        listed = await mo.http.get(f"{ROOT}/abonnement", headers=mo.as_client("sub"))
        assert listed.json() == []
        malformed = await mo.http.post(
            f"{ROOT}/abonnement",
            content=b"{nope",
            headers={**mo.as_client("sub"), "Content-Type": "application/json"},
        )
        assert malformed.status_code == 400
        unauthenticated = await mo.http.get(f"{ROOT}/abonnement")
        assert unauthenticated.status_code == 401


@pytest.mark.asyncio
async def test_private_targets_refused_when_configured(tmp_path: Path) -> None:
    from push.settings import PushSettings

    url = f"sqlite+aiosqlite:///{tmp_path}/db.sqlite3"
    async with midoffice(tmp_path, url, roles={Role.notificaties},
                         push=PushSettings(allow_private_targets=False)) as mo:  # fmt: skip
        await mo.create("sub", NRC_CONSUMEREN)
        for target in ("http://127.0.0.1/x", "http://10.1.2.3/x", "http://localhost/x"):
            response = await mo.http.post(f"{ROOT}/abonnement", json=abonnement(callbackUrl=target),
                                          headers=mo.as_client("sub"))  # fmt: skip
            assert response.json()["invalidParams"][0]["code"] == "private-target", target


@pytest.mark.asyncio
async def test_migrations_match_tables(tmp_path: Path) -> None:
    from notificaties import migrate

    url = f"sqlite+aiosqlite:///{tmp_path}/m.sqlite3"
    await migrate.upgrade(url)
    engine = create_engine(url)
    async with engine.connect() as conn:
        columns = await conn.run_sync(
            lambda sync: {
                t: {c["name"] for c in inspect(sync).get_columns(t)}
                for t in ("kanaal", "abonnement")
            }
        )
    await engine.dispose()
    assert columns == {t.name: {c.name for c in t.columns} for t in tables.PROJECTION_TABLES}
