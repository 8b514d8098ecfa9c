"""Autorisatie of the Zaken API: every scope, the maximum vertrouwelijkheidaanduiding and the
separation of municipalities, on lists, filters, _zoek, details, expand, audittrail and writes.

Gemeente A and gemeente B each have their own catalogus (zaaktype); a client authorised for
one zaaktype never sees a zaak of the other, in no way of asking.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from autorisaties.rights import ClientRights, Component
from autorisaties.scopes import (
    AUDITTRAILS_LEZEN,
    SCOPES,
    ZAKEN_AANMAKEN,
    ZAKEN_BIJWERKEN,
    ZAKEN_GEFORCEERD_BIJWERKEN,
    ZAKEN_HEROPENEN,
    ZAKEN_LEZEN,
    ZAKEN_STATUSSEN_TOEVOEGEN,
    ZAKEN_VERWIJDEREN,
)
from tests.integration.zaken_support import ZAKEN, A, Api, B, moment, rights, running_midoffice
from tests.integration.zaken_support import zaak_body as body_of
from tests.zgw_spec import assert_response

ROOT = "/zaken/api/v1"
BSN = "111222333"
INP_BSN = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"


@dataclass
class World:
    api: Api
    a1: dict[str, Any]  # gemeente A, zaakvertrouwelijk
    a2: dict[str, Any]  # gemeente A, geheim
    a3: dict[str, Any]  # gemeente A, zaakvertrouwelijk, hoofdzaak a2
    b1: dict[str, Any]  # gemeente B


@pytest.fixture
async def world(tmp_path: Path, database_url: str) -> AsyncIterator[World]:
    postgres = database_url if database_url.startswith("postgresql") else None
    async with running_midoffice(tmp_path, database_url=postgres) as api:
        a1 = await api.created(ZAKEN, body_of(A))
        a2 = await api.created(ZAKEN, body_of(A, vertrouwelijkheidaanduiding="geheim"))
        a3 = await api.created(ZAKEN, body_of(A, hoofdzaak=a2["url"]))
        b1 = await api.created(ZAKEN, body_of(B))
        for zaak, gemeente in ((a1, A), (a2, A), (a3, A), (b1, B)):
            await api.created(f"{ROOT}/rollen", {
                "zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon",
                "roltype": gemeente.url("roltypen", "aanvrager"), "roltoelichting": "",
                "betrokkeneIdentificatie": {"inpBsn": BSN},
            })  # fmt: skip
            await api.created(f"{ROOT}/statussen", {"zaak": zaak["url"], "datumStatusGezet":
                              moment(), "statustype": gemeente.statustype(1)})  # fmt: skip
        yield World(api, a1, a2, a3, b1)


def lezer(api: Api, name: str, zaaktype: Any = A.zaaktype_uuid, **kw: Any) -> Api:
    scopes = kw.pop("scopes", [ZAKEN_LEZEN])
    return api.as_(name, rights(name, scopes, zaaktype, kw.pop("maximum", "zaakvertrouwelijk")))


def uuids(response: Any) -> set[str]:
    body = assert_response(response)
    results = body["results"] if isinstance(body, dict) else body
    return {r["uuid"] for r in results}


async def test_lists_filters_and_search_show_only_readable_zaken(world: World) -> None:
    a, b = lezer(world.api, "lezer-a"), lezer(world.api, "lezer-b", B.zaaktype_uuid)
    readable_a = {world.a1["uuid"], world.a3["uuid"]}
    assert uuids(await a.get(ZAKEN)) == readable_a
    assert uuids(await a.get(ZAKEN, **{INP_BSN: BSN})) == readable_a
    assert uuids(await b.get(ZAKEN, **{INP_BSN: BSN})) == {world.b1["uuid"]}
    assert uuids(await b.get(ZAKEN, bronorganisatie=A.rsin)) == set()
    every = [z["uuid"] for z in (world.a1, world.a2, world.a3, world.b1)]
    assert uuids(await a.post(f"{ZAKEN}/_zoek", {"uuid__in": every})) == readable_a
    assert uuids(await b.post(f"{ZAKEN}/_zoek", {"uuid__in": every})) == {world.b1["uuid"]}
    statussen = assert_response(await b.get(f"{ROOT}/statussen"))
    assert {s["zaak"] for s in statussen["results"]} == {world.b1["url"]}
    by_bsn = {"betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN}
    rollen = assert_response(await a.get(f"{ROOT}/rollen", **by_bsn))
    assert {r["zaak"] for r in rollen["results"]} == {world.a1["url"], world.a3["url"]}
    geheim = lezer(world.api, "geheim-a", maximum="geheim")
    assert len(uuids(await geheim.get(ZAKEN))) == 3
    capped = await geheim.get(ZAKEN, maximaleVertrouwelijkheidaanduiding="zaakvertrouwelijk")
    assert uuids(capped) == readable_a


async def test_details_of_unreadable_zaken_are_refused(world: World) -> None:
    a = lezer(world.api, "lezer-a")
    for zaak in (world.a2, world.b1):  # too confidential; another municipality
        refused = await a.get(f"{ZAKEN}/{zaak['uuid']}")
        assert refused.status_code == 403, refused.text
        assert assert_response(refused)["code"] == "permission_denied"
        assert zaak["identificatie"] not in refused.text
    b_rollen = assert_response(await world.api.get(f"{ROOT}/rollen", zaak=world.b1["url"]))
    rol = b_rollen["results"][0]["url"].removeprefix("http://testserver")
    assert (await a.get(rol)).status_code == 403
    b_status = world.b1["url"].removeprefix("http://testserver")
    detail = assert_response(await world.api.get(b_status))
    assert (await a.get(detail["status"].removeprefix("http://testserver"))).status_code == 403


async def test_expand_leaves_out_what_the_client_may_not_read(world: World) -> None:
    a = lezer(world.api, "lezer-a")
    zaak = await a.get(f"{ZAKEN}/{world.a3['uuid']}", expand="hoofdzaak,rollen,status.statustype")
    body = assert_response(zaak)
    assert body["hoofdzaak"] == world.a2["url"]  # the reference itself is part of the zaak
    assert body["_expand"]["hoofdzaak"] is None, "a geheim hoofdzaak is not shown"
    assert [r["uuid"] for r in body["_expand"]["rollen"]] == [
        body["rollen"][0].rsplit("/", 1)[1]
    ]
    assert body["_expand"]["status"]["_expand"]["statustype"]["omschrijving"] == "Ontvangen"
    geheim = lezer(world.api, "geheim-a", maximum="geheim")
    shown = assert_response(await geheim.get(f"{ZAKEN}/{world.a3['uuid']}", expand="hoofdzaak"))
    assert shown["_expand"]["hoofdzaak"]["uuid"] == world.a2["uuid"]
    listed = assert_response(await a.get(ZAKEN, expand="hoofdzaak.rollen"))
    assert all(z["_expand"]["hoofdzaak"] is None for z in listed["results"])


async def test_audittrail_needs_audittrails_lezen_for_the_zaak(world: World) -> None:
    path = f"{ZAKEN}/{world.b1['uuid']}/audittrail"
    assert (await lezer(world.api, "lezer-b", B.zaaktype_uuid).get(path)).status_code == 403
    other = lezer(world.api, "audit-a", scopes=[AUDITTRAILS_LEZEN, ZAKEN_LEZEN])
    assert (await other.get(path)).status_code == 403
    allowed = lezer(world.api, "audit-b", B.zaaktype_uuid, scopes=[AUDITTRAILS_LEZEN])
    trail = assert_response(await allowed.get(path))
    assert [e["resource"] for e in trail] == ["zaak", "rol", "status"]


Write = Callable[[Api, World], Awaitable[Any]]


async def _patch(api: Api, w: World) -> Any:
    return await api.request("PATCH", f"{ZAKEN}/{w.a1['uuid']}", {"toelichting": "x"})


async def _delete(api: Api, w: World) -> Any:
    return await api.request("DELETE", f"{ZAKEN}/{w.a1['uuid']}")


async def _create(api: Api, w: World) -> Any:
    return await api.post(ZAKEN, body_of(A))


async def _status(api: Api, w: World) -> Any:
    return await api.post(f"{ROOT}/statussen", {"zaak": w.a1["url"], "statustype":
                          A.statustype(2), "datumStatusGezet": moment(5)})  # fmt: skip


async def _resultaat(api: Api, w: World) -> Any:
    return await api.post(f"{ROOT}/resultaten", {"zaak": w.a1["url"],
                          "resultaattype": A.url("resultaattypen", "verleend")})  # fmt: skip


async def _read(api: Api, w: World) -> Any:
    return await api.get(f"{ZAKEN}/{w.a1['uuid']}")


async def _list(api: Api, w: World) -> Any:
    return await api.get(ZAKEN)


async def _audittrail(api: Api, w: World) -> Any:
    return await api.get(f"{ZAKEN}/{w.a1['uuid']}/audittrail")


OPERATIONS: list[tuple[str, Write, frozenset[str]]] = [
    ("lezen detail", _read, frozenset({ZAKEN_LEZEN})),
    ("lezen lijst", _list, frozenset({ZAKEN_LEZEN})),
    ("aanmaken", _create, frozenset({ZAKEN_AANMAKEN})),
    ("bijwerken", _patch, frozenset({ZAKEN_BIJWERKEN, ZAKEN_GEFORCEERD_BIJWERKEN})),
    ("resultaat", _resultaat, frozenset({ZAKEN_BIJWERKEN, ZAKEN_GEFORCEERD_BIJWERKEN})),
    ("status", _status,
     frozenset({ZAKEN_AANMAKEN, ZAKEN_STATUSSEN_TOEVOEGEN, ZAKEN_HEROPENEN})),
    ("verwijderen", _delete, frozenset({ZAKEN_VERWIJDEREN})),
    ("audittrail", _audittrail, frozenset({AUDITTRAILS_LEZEN})),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "operation", "scopes"), OPERATIONS, ids=[o[0] for o in OPERATIONS]
)
async def test_every_operation_needs_its_scope_on_the_zaaktype(
    world: World, name: str, operation: Write, scopes: frozenset[str]
) -> None:
    others = SCOPES[Component.zrc] - scopes
    without = world.api.as_("zonder", rights("zonder", others))
    refused = await operation(without, world)
    assert refused.status_code == 403, f"{name}: {refused.text}"
    assert assert_response(refused)["code"] == "permission_denied"
    elsewhere = world.api.as_("elders", rights("elders", scopes, B.zaaktype_uuid))
    refused = await operation(elsewhere, world)
    if name == "lezen lijst":  # a list is not refused: it shows gemeente B's zaken only
        assert uuids(refused) == {world.b1["uuid"]}
    else:
        assert refused.status_code == 403, f"{name} for gemeente B: {refused.text}"
    allowed = world.api.as_("met", rights("met", scopes))
    assert (await operation(allowed, world)).status_code in (200, 201, 204)


async def test_a_client_without_any_autorisatie_gets_403(world: World) -> None:
    nobody = world.api.as_("niemand", ClientRights(client_id="niemand"))
    for path in (ZAKEN, f"{ROOT}/statussen", f"{ROOT}/rollen", f"{ROOT}/resultaten"):
        response = await nobody.get(path)
        assert response.status_code == 403, path
        assert_response(response)
