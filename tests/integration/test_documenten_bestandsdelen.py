"""Upload in bestandsdelen: order, sizes, locks, completion, hash-equal round trip."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from tests import zgw_spec
from tests.integration.documenten_support import documenten, eio_body
from tests.integration.multipart_body import multipart


async def test_upload_in_parts(tmp_path: Path) -> None:
    data = os.urandom(10_000)
    async with documenten(tmp_path, bestandsdeel_bytes=4096) as d:
        created = await d.http.post(
            "/documenten/api/v1/enkelvoudiginformatieobjecten",
            json=eio_body(None, bestandsomvang=len(data)),
            headers=d.headers,
        )
        assert created.status_code == 201, created.text
        body = zgw_spec.assert_response(created)
        lock, delen = body["lock"], body["bestandsdelen"]
        assert body["locked"] and [p["omvang"] for p in delen] == [4096, 4096, 1808]
        assert body["inhoud"] is None
        # out of order: part 2 before part 1
        headers, stream = multipart(lock, [data[4096:8192]])
        early = await d.http.put(delen[1]["url"], content=stream, headers={**d.headers, **headers})
        assert early.status_code == 400 and early.json()["invalidParams"][0]["code"] == "order"
        # wrong size
        headers, stream = multipart(lock, [data[:100]])
        short = await d.http.put(delen[0]["url"], content=stream, headers={**d.headers, **headers})
        assert short.status_code == 400
        headers, stream = multipart(lock, [data[:5000]])
        long = await d.http.put(delen[0]["url"], content=stream, headers={**d.headers, **headers})
        assert long.status_code == 400
        # wrong lock
        headers, stream = multipart("0" * 32, [data[:4096]])
        bad = await d.http.put(delen[0]["url"], content=stream, headers={**d.headers, **headers})
        assert bad.status_code == 400
        for index, part in enumerate(delen):
            piece = data[index * 4096 : (index + 1) * 4096]
            headers, stream = multipart(lock, [piece[:1000], piece[1000:]])
            done = await d.http.put(part["url"], content=stream, headers={**d.headers, **headers})
            assert done.status_code == 200, done.text
            zgw_spec.assert_response(done)
        read = (await d.http.get(body["url"], headers=d.headers)).json()
        assert read["bestandsomvang"] == len(data) and read["bestandsdelen"] == []
        got = await d.download(read["inhoud"])
        assert hashlib.sha256(got.content).hexdigest() == hashlib.sha256(data).hexdigest()
        unlocked = await d.http.post(
            body["url"] + "/unlock", json={"lock": lock}, headers=d.headers
        )
        assert unlocked.status_code == 204
