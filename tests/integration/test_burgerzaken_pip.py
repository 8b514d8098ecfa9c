"""The PIP read through the real runtime (gateway and every processor on the embedded log;
SQLite and PostgreSQL): a zaak registered through the ZGW APIs reaches the citizen's read
model with its zaaktype omschrijving, status history and the documents a citizen may see;
later changes follow; the KvK path works; a replay rebuilds the read model exactly; and every
read of a BSN leaves a pseudonymised Logboek Dataverwerkingen record."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import structlog
from sqlalchemy import select

from midoffice.bus import connect
from midoffice.projections import PROJECTIONS
from midoffice.replay import verify
from tests.integration.burgerzaken_support import (
    BSN,
    KVK,
    document,
    eventually,
    pip,
    pip_rights,
    rol_natuurlijk_persoon,
    rol_vestiging,
    running_pip,
)
from tests.integration.zaken_support import A, Api, moment, zaak_body
from verwerkingslog.record import pseudonym
from verwerkingslog.tables import verwerking

ZAKEN = "/zaken/api/v1"


@pytest.fixture
async def api(tmp_path: Path, database_url: str) -> AsyncIterator[Api]:
    async with running_pip(tmp_path, database_url) as running:
        yield running


async def _zaken(api: Api, body: dict[str, Any]) -> list[dict[str, Any]]:
    response = await pip(api.as_("pip"), body)
    assert response.status_code == 200, response.text
    results: list[dict[str, Any]] = response.json()["results"]
    return results


async def test_the_citizen_follows_a_zaak_in_the_pip(api: Api) -> None:
    api.as_("pip", pip_rights("pip"))
    with structlog.testing.capture_logs() as logs:
        zaak = await api.created(f"{ZAKEN}/zaken", zaak_body(omschrijving="Vergunning Dorpsstraat"))
        rol = await api.created(f"{ZAKEN}/rollen", rol_natuurlijk_persoon(zaak["url"], BSN))
        for minutes, volgnummer in ((0, 1), (10, 2)):
            status = {"zaak": zaak["url"], "statustype": A.statustype(volgnummer),
                      "datumStatusGezet": moment(minutes), "statustoelichting": "ok"}  # fmt: skip
            await api.created(f"{ZAKEN}/statussen", status)
        links = {}
        for titel, aanduiding in (("besluit", "openbaar"), ("memo", "vertrouwelijk"),
                                  ("brief", "beperkt_openbaar")):  # fmt: skip
            url = await document(api, titel, aanduiding)
            links[titel] = await api.created(
                f"{ZAKEN}/zaakinformatieobjecten", {"zaak": zaak["url"], "informatieobject": url}
            )

        async def complete() -> list[dict[str, Any]] | None:
            found = await _zaken(api, {"bsn": BSN})
            ready = found and len(found[0]["statussen"]) == 2 and len(found[0]["documenten"]) == 2
            return found if ready else None

        [seen] = await eventually(complete)
        assert seen["url"] == zaak["url"]
        assert seen["identificatie"] == zaak["identificatie"]
        assert seen["omschrijving"] == "Vergunning Dorpsstraat"
        assert seen["zaaktype"] == {"url": A.zaaktype, "uuid": str(A.zaaktype_uuid),
                                    "omschrijving": "Aanvraag parkeervergunning"}  # fmt: skip
        assert [s["statustype"]["omschrijving"] for s in seen["statussen"]] == [
            "Ontvangen", "In behandeling"]  # fmt: skip
        assert seen["status"] == seen["statussen"][-1]
        assert seen["statussen"][0]["datumStatusGezet"] == "2026-03-02T09:00:00Z"
        documenten = {d["titel"]: d for d in seen["documenten"]}
        assert set(documenten) == {"besluit", "brief"}  # "memo" is vertrouwelijk
        assert documenten["brief"]["vertrouwelijkheidaanduiding"] == "beperkt_openbaar"
        assert documenten["brief"]["bestandsomvang"] == len(b"Geachte heer, mevrouw")
        assert documenten["brief"]["download"].endswith("/download")
        assert (await api.get(documenten["brief"]["download"])).content == b"Geachte heer, mevrouw"

        # Later changes: zaak, document metadata, a removed document, and the ZGW reads of the BSN.
        await api.request("PATCH", zaak["url"], {"omschrijving": "Vergunning Kerkstraat"})
        brief = documenten["brief"]["url"]
        lock = (await api.post(f"{brief}/lock", None)).json()["lock"]
        patched = await api.request("PATCH", brief, {"titel": "brief v2", "lock": lock})
        assert patched.status_code == 200, patched.text
        await api.post(f"{brief}/unlock", {"lock": lock})
        removed = await api.request("DELETE", links["besluit"]["url"])
        assert removed.status_code == 204, removed.text

        async def changed() -> dict[str, Any] | None:
            [found] = await _zaken(api, {"bsn": BSN})
            titels = [d["titel"] for d in found["documenten"]]
            ok = found["omschrijving"] == "Vergunning Kerkstraat" and titels == ["brief v2"]
            return found if ok else None

        await eventually(changed)
        listed = await api.get(f"{ZAKEN}/zaken", **{
            "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn": BSN})  # fmt: skip
        assert listed.json()["count"] == 1
        assert (await api.get(f"{ZAKEN}/rollen", zaak=zaak["url"])).json()["count"] == 1
        expanded = await api.get(zaak["url"], expand="rollen")
        assert expanded.json()["_expand"]["rollen"][0]["betrokkeneIdentificatie"]["inpBsn"] == BSN

        # The rol goes: the zaak leaves the citizen's list; a vestiging rol: the company sees it.
        assert (await api.request("DELETE", rol["url"])).status_code == 204
        await api.created(f"{ZAKEN}/rollen", rol_vestiging(zaak["url"], KVK))
        [company] = await eventually(lambda: _zaken(api, {"kvkNummer": KVK}))
        assert company["uuid"] == zaak["uuid"]
        assert await _zaken(api, {"bsn": BSN}) == []
        assert (await api.request("DELETE", zaak["url"])).status_code == 204

        async def gone() -> bool:
            return await _zaken(api, {"kvkNummer": KVK}) == []

        await eventually(gone)

    # The read model rebuilt from the log equals the live one.
    bus = connect(api.settings.bus_url)
    await bus.start()
    try:
        report = await verify(bus, api.settings.events_topic, PROJECTIONS["burgerzaken"],
                              api.settings.database_url)  # fmt: skip
    finally:
        await bus.close()
    assert report.differences == []
    assert report.equal and report.replay.applied > 0

    # Processing log: the PIP reads, the inpBsn filter and the rollen read, pseudonymised.
    key = api.settings.verwerkingslog.key()
    engine = api.runtime.app.state.container.engine  # type: ignore[attr-defined]
    async with engine.connect() as conn:
        rows = (await conn.execute(select(verwerking))).mappings().all()
    names = [row["name"] for row in rows if row["data_subject_id"] == pseudonym("BSN", BSN, key)]
    assert set(names) == {"pip_zaken_inzien", "zaken_zoeken_op_bsn", "rollen_lezen"}
    assert names.count("rollen_lezen") == 2  # GET /rollen and GET /zaken/{uuid}?expand=rollen
    assert all(row["client_id"] in {"pip", "alles"} and len(row["trace_id"]) == 32 for row in rows)
    assert any(row["data_subject_id"] == pseudonym("KVK", KVK, key) for row in rows)
    assert BSN not in repr([dict(row) for row in rows])
    assert BSN not in repr(logs), "a raw BSN reached a log line"
