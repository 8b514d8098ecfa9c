"""Documenten API: create/read/list/download, versions, locks, responses against the spec."""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import hashlib
from pathlib import Path

from tests import zgw_spec
from tests.integration.documenten_support import EIO, IOT, documenten, eio_body


async def test_create_read_download_list(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        created = await d.create(b"Geachte heer, mevrouw")
        assert created.status_code == 201, created.text
        body = zgw_spec.assert_response(created)
        assert body["versie"] == 1 and body["bestandsomvang"] == 21 and not body["locked"]
        assert body["identificatie"].startswith("DOCUMENT-")
        assert body["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"  # from the type
        read = await d.http.get(body["url"], headers=d.headers)
        assert zgw_spec.assert_response(read) == body
        download = await d.download(body["inhoud"])
        assert download.status_code == 200 and download.content == b"Geachte heer, mevrouw"
        listed = await d.http.get(EIO, headers=d.headers)
        assert zgw_spec.assert_response(listed)["count"] == 1
        bron = await d.http.get(EIO, params={"identificatie": "nope"}, headers=d.headers)
        assert bron.json()["count"] == 0


async def test_bad_input_gives_400_and_stores_nothing(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        bad = await d.http.post(
            EIO, json={**eio_body(), "inhoud": "!!niet base64"}, headers=d.headers
        )
        assert bad.status_code == 400 and bad.headers["content-type"] == "application/problem+json"
        assert bad.json()["invalidParams"][0]["name"] == "inhoud"
        size = await d.http.post(EIO, json=eio_body(b"abc", bestandsomvang=4), headers=d.headers)
        assert size.status_code == 400
        rsin = await d.create(bronorganisatie="123456789")
        assert (
            rsin.status_code == 400 and rsin.json()["invalidParams"][0]["name"] == "bronorganisatie"
        )
        iot = await d.create(informatieobjecttype=IOT.replace("0001-4b4b", "0009-4b4b"))
        assert iot.status_code == 400
        assert not list((tmp_path / "blobs").glob("??/??/*"))  # nothing half-stored
        first = await d.create(identificatie="BRIEF-1")
        assert first.status_code == 201
        again = await d.create(identificatie="BRIEF-1")
        assert again.status_code == 400
        assert again.json()["invalidParams"][0]["code"] == "identificatie-niet-uniek"


async def test_lock_versions_and_registratie_op(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        v1 = (await d.create(b"versie een")).json()
        url = v1["url"]
        no_lock = await d.http.patch(url, json={"titel": "Nieuw"}, headers=d.headers)
        assert no_lock.status_code == 400
        locked = await d.http.post(url + "/lock", headers=d.headers)
        zgw_spec.assert_response(locked)
        lock = locked.json()["lock"]
        twice = await d.http.post(url + "/lock", headers=d.headers)
        assert twice.status_code == 400
        wrong = await d.http.patch(url, json={"titel": "X", "lock": "f" * 32}, headers=d.headers)
        assert (
            wrong.status_code == 400
            and wrong.json()["invalidParams"][0]["code"] == "incorrect-lock-id"
        )
        await asyncio.sleep(0.05)
        between = dt.datetime.now(dt.UTC)
        await asyncio.sleep(0.05)
        content = base64.b64encode(b"versie twee").decode()
        v2 = await d.http.patch(
            url, json={"titel": "Nieuw", "lock": lock, "inhoud": content}, headers=d.headers
        )
        assert v2.status_code == 200, v2.text
        zgw_spec.assert_response(v2)
        assert v2.json()["versie"] == 2 and v2.json()["locked"]
        put = {**eio_body(None), "titel": "Derde", "lock": lock}
        put.pop("inhoud")
        v3 = await d.http.put(url, json=put, headers=d.headers)
        assert v3.status_code == 200 and v3.json()["versie"] == 3, v3.text
        assert (await d.download(url + "/download")).content == b"versie twee"  # content kept
        old = await d.http.get(url, params={"versie": 1}, headers=d.headers)
        assert old.json()["titel"] == "Ontvangstbevestiging" and old.json()["versie"] == 1
        assert (await d.download(url + "/download", versie=1)).content == b"versie een"
        at = await d.http.get(url, params={"registratieOp": between.isoformat()}, headers=d.headers)
        assert at.json()["versie"] == 1
        unlock_wrong = await d.http.post(
            url + "/unlock", json={"lock": "0" * 32}, headers=d.headers
        )
        assert unlock_wrong.status_code == 400
        unlocked = await d.http.post(url + "/unlock", json={"lock": lock}, headers=d.headers)
        assert unlocked.status_code == 204
        assert not (await d.http.get(url, headers=d.headers)).json()["locked"]
        trail = await d.http.get(url + "/audittrail", headers=d.headers)
        actions = [t["actie"] for t in zgw_spec.assert_response(trail)]
        assert actions[0] == "create" and "update" in actions
        gone = await d.http.delete(url, headers=d.headers)
        assert gone.status_code == 204
        assert (await d.http.get(url, headers=d.headers)).status_code == 404


async def test_dedupe_and_corruption(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        template = b"Sjabloon ontvangstbevestiging\n" * 2000
        urls = [(await d.create(template)).json()["url"] for _ in range(5)]
        assert len(list((tmp_path / "blobs").glob("??/??/*"))) == 1
        sha = hashlib.sha256(template).hexdigest()
        path = tmp_path / "blobs" / sha[:2] / sha[2:4] / sha
        data = bytearray(path.read_bytes())
        data[10] ^= 0xFF
        path.write_bytes(bytes(data))
        broken = await d.download(urls[0] + "/download")
        assert broken.status_code == 500 and broken.json()["code"] == "corrupt"


async def test_document_without_content(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        created = await d.create(None, link="https://example.org/dossier/1")
        assert created.status_code == 201, created.text
        body = zgw_spec.assert_response(created)
        assert body["inhoud"] is None and body["bestandsomvang"] is None
        assert (await d.download(body["url"] + "/download")).status_code == 404
        bad = await d.http.get(body["url"], params={"registratieOp": "gisteren"}, headers=d.headers)
        assert bad.status_code == 400
