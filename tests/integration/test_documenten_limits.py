"""The body caps: documenten JSON and bestandsdelen get their own limits, nothing else does."""

from __future__ import annotations

import os
from pathlib import Path

from tests.integration.documenten_support import documenten, eio_body
from tests.integration.multipart_body import multipart


async def test_own_limits_for_documenten_only(tmp_path: Path) -> None:
    limits = {"max_request_bytes": 50_000, "documenten_max_json_bytes": 400_000,
              "bestandsdeel_bytes": 4096}  # fmt: skip
    async with documenten(tmp_path, **limits) as d:
        assert (await d.create(os.urandom(100_000))).status_code == 201  # > the general cap
        too_big = await d.create(os.urandom(400_000))
        assert too_big.status_code == 413
        zaak = await d.http.post(
            "/zaken/api/v1/zaken", json={"omschrijving": "x" * 60_000}, headers=d.headers
        )
        assert zaak.status_code == 413  # the general cap is unchanged elsewhere
        created = await d.http.post(
            "/documenten/api/v1/enkelvoudiginformatieobjecten",
            json=eio_body(None, bestandsomvang=8192),
            headers=d.headers,
        )
        body = created.json()
        part = body["bestandsdelen"][0]["url"]
        # a streamed (chunked) part far beyond its size is cut off while it arrives
        headers, stream = multipart(body["lock"], (b"x" * 65536 for _ in range(4)))
        huge = await d.http.put(part, content=stream, headers={**d.headers, **headers})
        assert huge.status_code in (400, 413)
        assert not list((tmp_path / "blobs").glob("tmp/*"))  # no temporary file left behind
