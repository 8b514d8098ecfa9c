"""Tenancy beyond zaaktype authorisation (embedded log + SQLite): a client of gemeente B may
not give gemeente A's RSIN as bronorganisatie (create, PUT/PATCH, atomic registration), while
an RSIN of no tenant here stays allowed as the standard lets it; and ``expand`` never shows
a zaak of the other municipality."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from autorisaties.scopes import ZAKEN_AANMAKEN, ZAKEN_BIJWERKEN, ZAKEN_LEZEN
from tests.integration.zaken_support import ZAKEN, A, Api, B, moment, rights, running_midoffice
from tests.integration.zaken_support import zaak_body as body_of
from tests.zgw_spec import assert_response

REGISTRATIES = "/midoffice/api/v1/zaakregistraties"
OTHER_RSIN = "111222333"  # passes the elfproef; no catalogus here has it
SCOPES = [ZAKEN_AANMAKEN, ZAKEN_BIJWERKEN, ZAKEN_LEZEN]


@pytest.fixture
async def api(tmp_path: Path) -> AsyncIterator[Api]:
    async with running_midoffice(tmp_path) as running:
        yield running


def _refused(response: Any) -> None:
    assert response.status_code == 403, response.text
    assert response.json()["code"] == "permission_denied"
    if not response.url.path.startswith("/midoffice/"):  # our own API is not in the standard
        assert_response(response)


async def test_bronorganisatie_of_another_tenant_is_refused(api: Api) -> None:
    b = api.as_("klant-b", rights("klant-b", SCOPES, B.zaaktype_uuid))
    _refused(await b.post(ZAKEN, body_of(B, bronorganisatie=A.rsin)))
    own = await b.created(ZAKEN, body_of(B))
    elsewhere = await b.created(ZAKEN, body_of(B, bronorganisatie=OTHER_RSIN))
    assert elsewhere["bronorganisatie"] == OTHER_RSIN
    path = f"{ZAKEN}/{own['uuid']}"
    _refused(await b.request("PATCH", path, {"bronorganisatie": A.rsin}))
    _refused(await b.request("PUT", path, body_of(B, bronorganisatie=A.rsin)))
    unchanged = await b.request("PATCH", path, {"omschrijving": "bijgewerkt"})
    assert unchanged.status_code == 200, unchanged.text
    registratie = {"zaak": body_of(B, bronorganisatie=A.rsin),
                   "status": {"statustype": B.statustype(1), "datumStatusGezet": moment()}}
    _refused(await b.post(REGISTRATIES, registratie))
    assert assert_response(await api.get(ZAKEN, bronorganisatie=A.rsin))["count"] == 0
    beide = api.as_("beide", rights("beide", SCOPES, B.zaaktype_uuid,
                                    "zeer_geheim", *rights("x", SCOPES).autorisaties))
    gedeeld = await beide.created(ZAKEN, body_of(B, bronorganisatie=A.rsin))
    assert gedeeld["bronorganisatie"] == A.rsin, "a client of both may"
    assert (await api.post(ZAKEN, body_of(B, bronorganisatie=A.rsin))).status_code == 201


async def test_expand_never_shows_a_zaak_of_another_tenant(api: Api) -> None:
    a_zaak = await api.created(ZAKEN, body_of(A))
    b_zaak = await api.created(ZAKEN, body_of(B, hoofdzaak=a_zaak["url"]))
    b = api.as_("lezer-b", rights("lezer-b", [ZAKEN_LEZEN], B.zaaktype_uuid))
    detail = assert_response(await b.get(f"{ZAKEN}/{b_zaak['uuid']}", expand="hoofdzaak"))
    assert detail["_expand"]["hoofdzaak"] is None
    listed = assert_response(await b.get(ZAKEN, expand="hoofdzaak.rollen"))
    assert [z["uuid"] for z in listed["results"]] == [b_zaak["uuid"]]
    assert listed["results"][0]["_expand"]["hoofdzaak"] is None
    a = api.as_("lezer-a", rights("lezer-a", [ZAKEN_LEZEN]))
    hoofd = assert_response(await a.get(f"{ZAKEN}/{a_zaak['uuid']}", expand="deelzaken"))
    assert hoofd["deelzaken"] == [b_zaak["url"]] and hoofd["_expand"]["deelzaken"] == []
    assert b_zaak["identificatie"] not in str(hoofd["_expand"])
