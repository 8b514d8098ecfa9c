"""StUF-ZKN create/read round trip on the distributed configuration (Kafka (Tansu) +
PostgreSQL, processors as separate OS processes), as in production: a creeerZaak_ZakLk01
(ZDS 1.2) with an initiator becomes ONE atomic registration on the intake topic, the zaak is
read back through the ZGW Zaken API and through geefZaakdetails (schema-validated), and the
repeated message creates nothing new."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.e2e.harness import Deployment, distributed
from tests.fixtures.postgres import create_database, drop_database
from tests.stuf_support import SAMPLES, ZDS12_ACTION, assert_valid, bericht, soap_headers, texts

pytestmark = pytest.mark.kafka
REFERENTIE = b"e443d87f-69ee-4fd4-b1d9-dd797ffff628"


@pytest.fixture
async def production(tmp_path: Path, tansu_url: str) -> AsyncIterator[Deployment]:
    postgres_url = await create_database()
    try:
        async with distributed(tmp_path, tansu_url, postgres_url) as running:
            yield running
    finally:
        await drop_database(postgres_url)


async def test_stuf_creeer_zaak_reads_through_zgw_and_geef_zaakdetails(
    production: Deployment,
) -> None:
    creeer = (SAMPLES / "zds12-haarlem/creeerzaakRequest.xml").read_bytes()
    for _ in range(2):  # the repeat gets the same answer and creates nothing new
        answer = await production.client.post(
            "/stuf-zkn/zds/OntvangAsynchroon",
            content=creeer,
            headers=soap_headers(ZDS12_ACTION + "creeerZaak_ZakLk01"),
        )
        assert answer.status_code == 200, answer.text
        assert texts(assert_valid(answer.content), "crossRefnummer") == [REFERENTIE.decode()]
    zaken = await production.get("/zaken/api/v1/zaken", identificatie="0392-2020-0000027")
    assert zaken.status_code == 200 and zaken.json()["count"] == 1, zaken.text
    zaak = zaken.json()["results"][0]
    rollen = await production.get("/zaken/api/v1/rollen", zaak=zaak["url"])
    assert [r["betrokkeneIdentificatie"]["inpBsn"] for r in rollen.json()["results"]] == [
        "900070511"
    ]
    vraag = (SAMPLES / "zds12-haarlem/geefZaakDetailsRequest.xml").read_bytes()
    details = await production.client.post(
        "/stuf-zkn/zds/BeantwoordVraag",
        content=vraag.replace(b"0392-2020-000001", b"0392-2020-0000027"),
        headers=soap_headers(ZDS12_ACTION + "geefZaakdetails_ZakLv01"),
    )
    assert details.status_code == 200, details.text
    assert texts(bericht(details.content), "omschrijving")[0] == "Test 4"
