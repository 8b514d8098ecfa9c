"""``POST /enkelvoudiginformatieobjecten/_zoek`` (uuid__in) and one audit trail regel
(``/enkelvoudiginformatieobjecten/{uuid}/audittrail/{uuid}``), checked against the official
Documenten API 1.5.0 document."""

from __future__ import annotations

import uuid
from pathlib import Path

from tests import zgw_spec
from tests.integration.documenten_support import EIO, documenten


async def test_zoek_finds_the_documents_named_by_uuid(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        urls = [(await d.create(f"brief {n}".encode())).json()["url"] for n in range(3)]
        wanted = [url.rsplit("/", 1)[-1] for url in urls[:2]]
        for name in ("uuid__in", "uuid_In"):
            body = {name: [*wanted, str(uuid.uuid4())]}
            found = await d.http.post(f"{EIO}/_zoek", json=body, headers=d.headers)
            assert found.status_code == 200, found.text
            page = zgw_spec.assert_response(found)
            assert page["count"] == 2
            assert sorted(r["url"] for r in page["results"]) == sorted(urls[:2])
        everything = await d.http.post(f"{EIO}/_zoek", json={}, headers=d.headers)
        assert zgw_spec.assert_response(everything)["count"] == 3
        none = await d.http.post(f"{EIO}/_zoek", json={"uuid__in": []}, headers=d.headers)
        assert zgw_spec.assert_response(none)["count"] == 0
        bad = await d.http.post(f"{EIO}/_zoek", json={"uuid__in": ["x"]}, headers=d.headers)
        assert bad.status_code == 400
        zgw_spec.assert_response(bad)
        assert [p["name"] for p in bad.json()["invalidParams"]] == ["uuid__in"]
        anonymous = await d.http.post(f"{EIO}/_zoek", json={"uuid__in": wanted})
        assert anonymous.status_code in (401, 403)


async def test_one_audit_trail_regel(tmp_path: Path) -> None:
    async with documenten(tmp_path) as d:
        url = (await d.create(b"een")).json()["url"]
        patched = await d.http.post(url + "/lock", headers=d.headers)
        lock = patched.json()["lock"]
        changed = await d.http.patch(url, json={"titel": "Nieuw", "lock": lock}, headers=d.headers)
        assert changed.status_code == 200, changed.text
        trail = zgw_spec.assert_response(await d.http.get(url + "/audittrail", headers=d.headers))
        assert len(trail) >= 2
        for regel in trail:
            one = await d.http.get(f"{url}/audittrail/{regel['uuid']}", headers=d.headers)
            assert one.status_code == 200, one.text
            assert zgw_spec.assert_response(one) == regel
        missing = await d.http.get(f"{url}/audittrail/{uuid.uuid4()}", headers=d.headers)
        assert missing.status_code == 404
        zgw_spec.assert_response(missing)
        other = (await d.create(b"twee")).json()["url"]
        elsewhere = await d.http.get(f"{other}/audittrail/{trail[0]['uuid']}", headers=d.headers)
        assert elsewhere.status_code == 404
