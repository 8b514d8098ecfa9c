"""The full Zaken API lifecycle end to end, in both configurations (embedded log + SQLite in
one process; Kafka + PostgreSQL with the processor as a separate OS process): a zaak with
rollen, eigenschappen, zaakobjecten, statussen, a PATCH, resultaat and eindstatus (archive
fields derived), reopening, an atomic registration, an idempotent retry, the audit trail, a
deleted zaak, and a replay of the events topic that equals the live zaakmagazijn."""

from __future__ import annotations

from typing import Any

from midoffice.bus import connect
from midoffice.replay import verify_zaakmagazijn
from tests.e2e.harness import RESULTAATTYPE, ROLTYPE, STATUSTYPEN, Deployment
from tests.e2e.test_slice import CRS, ZAKEN, deployment, status_body, zaak_body
from tests.tokens import auth_headers
from tests.zgw_spec import assert_response

__all__ = ["deployment"]  # the fixture, shared with test_slice

ROOT = "/zaken/api/v1"
EIGENSCHAP = "http://testserver/catalogi/api/v1/eigenschappen/7e1c3a10-0301-4a4a-8a8a-000000000301"


async def created(deployment: Deployment, path: str, body: Any, **headers: str) -> Any:
    response = await deployment.post(path, body, **headers)
    assert response.status_code == 201, response.text
    return assert_response(response) if path.startswith(ROOT) else response.json()


async def test_full_lifecycle_in_both_configurations(deployment: Deployment) -> None:
    zaak = await created(deployment, ZAKEN, zaak_body(), **CRS)
    rol = {"zaak": zaak["url"], "betrokkeneType": "natuurlijk_persoon", "roltype": ROLTYPE,
           "roltoelichting": "", "betrokkeneIdentificatie": {"inpBsn": "111222333"}}  # fmt: skip
    await created(deployment, f"{ROOT}/rollen", rol)
    eigenschap = {"zaak": zaak["url"], "eigenschap": EIGENSCHAP, "waarde": "AB-12-CD"}
    await created(deployment, f"{ZAKEN}/{zaak['uuid']}/zaakeigenschappen", eigenschap)
    await created(deployment, f"{ROOT}/zaakobjecten", {"zaak": zaak["url"], "objectType": "pand",
                  "object": "https://bag.example/panden/1"})  # fmt: skip
    for n in (1, 2, 3):
        await created(deployment, f"{ROOT}/statussen", status_body(zaak["url"], n, n))
    patched = await deployment.client.patch(
        f"{ZAKEN}/{zaak['uuid']}", json={"toelichting": "bijgewerkt"},
        headers={**auth_headers(), **CRS},
    )  # fmt: skip
    assert patched.status_code == 200, patched.text
    await created(deployment, f"{ROOT}/resultaten",
                  {"zaak": zaak["url"], "resultaattype": RESULTAATTYPE})  # fmt: skip
    await created(deployment, f"{ROOT}/statussen", status_body(zaak["url"], 4, 10))
    closed = assert_response(await deployment.get(f"{ZAKEN}/{zaak['uuid']}"))
    assert closed["einddatum"] == "2026-11-02" and closed["archiefactiedatum"] == "2027-11-02"
    reopen = {"zaak": zaak["url"], "statustype": STATUSTYPEN[1],
              "datumStatusGezet": "2026-11-02T10:00:00Z"}  # fmt: skip
    await created(deployment, f"{ROOT}/statussen", reopen)
    reopened = assert_response(await deployment.get(f"{ZAKEN}/{zaak['uuid']}"))
    assert reopened["einddatum"] is None and reopened["archiefactiedatum"] is None

    registratie = {"zaak": zaak_body(), "rollen": [{k: v for k, v in rol.items() if k != "zaak"}],
                   "status": {"statustype": STATUSTYPEN[0],
                              "datumStatusGezet": "2026-11-02T09:00:00Z"}}  # fmt: skip
    key = {"Idempotency-Key": "registratie-1"}
    first = await created(deployment, "/midoffice/api/v1/zaakregistraties", registratie, **key)
    again = await created(deployment, "/midoffice/api/v1/zaakregistraties", registratie, **key)
    assert again["zaak"]["url"] == first["zaak"]["url"]
    gone = await created(deployment, ZAKEN, zaak_body(), **CRS)
    deleted = await deployment.client.delete(f"{ZAKEN}/{gone['uuid']}",
                                             headers={**auth_headers(), **CRS})  # fmt: skip
    assert deleted.status_code == 204, deleted.text

    trail = assert_response(await deployment.get(f"{ZAKEN}/{zaak['uuid']}/audittrail"))
    assert [e["resource"] for e in trail][:4] == ["zaak", "rol", "zaakeigenschap", "zaakobject"]
    assert ("zaak", "partial_update") in {(e["resource"], e["actie"]) for e in trail}
    listed = await deployment.get(ZAKEN, **{
        "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": "111222333"})  # fmt: skip
    assert assert_response(listed)["count"] == 2
    bus = connect(deployment.settings.bus_url)
    await bus.start()
    try:
        report = await verify_zaakmagazijn(
            bus, deployment.settings.events_topic, deployment.settings.database_url
        )
    finally:
        await bus.close()
    assert report.differences == [] and report.equal

