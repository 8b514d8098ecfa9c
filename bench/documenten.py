"""``python -m bench.documenten [--mb 1024] [--zaken 200]``: the documentmagazijn benchmark.

1. Throughput: one document of ``--mb`` MiB goes up in bestandsdelen and back through
   ``/download``, through the real gateway (uvicorn on loopback, processors in the same
   process, embedded log, SQLite, file blobs), next to a plain file copy of the same bytes in
   the same run (``shutil.copyfile``) and a plain read + SHA-256 of them. Also the gateway
   process's RSS growth.
2. Deduplication on a realistic mix: per zaak the same ontvangstbevestiging template, the
   besluit template of its municipality (3 municipalities) and a unique scanned aanvraag;
   logical bytes stored by the API vs bytes in the blob store.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import os
import random
import resource
import shutil
import socket
import tempfile
import time
import uuid
import warnings
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import jwt
import uvicorn

from midoffice import migrations
from midoffice.bootstrap import Role, bootstrap, running
from midoffice.logging import configure_logging
from midoffice.settings import Settings

EIO = "/documenten/api/v1/enkelvoudiginformatieobjecten"
IOT = "http://127.0.0.1/catalogi/api/v1/informatieobjecttypen/3f6a1c20-0001-4b4b-9c9c-000000000001"
CHUNK = 1 << 20


def _headers() -> dict[str, str]:
    claims = {"iss": "demo", "iat": int(time.time()), "client_id": "demo", "user_id": "bench"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {"Authorization": f"Bearer {jwt.encode(claims, 'demo-secret', algorithm='HS256')}"}


def _rss() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * resource.getpagesize()


def _metadata(**extra: Any) -> dict[str, Any]:
    return {
        "bronorganisatie": "002220647",
        "creatiedatum": "2026-03-01",
        "titel": "Bench",
        "auteur": "bench",
        "taal": "nld",
        "informatieobjecttype": IOT,
        **extra,
    }


async def _file_part(
    path: Path, offset: int, size: int, lock: str
) -> tuple[str, AsyncIterator[bytes]]:
    boundary = uuid.uuid4().hex

    async def body() -> AsyncIterator[bytes]:
        yield (
            f'--{boundary}\r\nContent-Disposition: form-data; name="lock"\r\n\r\n{lock}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="inhoud"; filename="d"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        with path.open("rb") as handle:
            handle.seek(offset)
            left = size
            while left:
                chunk = handle.read(min(CHUNK, left))
                left -= len(chunk)
                yield chunk
        yield f"\r\n--{boundary}--\r\n".encode()

    return f"multipart/form-data; boundary={boundary}", body()


async def run(mb: int, zaken: int, work: Path) -> dict[str, float]:
    size = mb << 20
    source = work / "source.bin"
    rng = random.Random(1)
    with source.open("wb") as out:
        for _ in range(mb):
            out.write(rng.randbytes(CHUNK))
    started = time.perf_counter()
    shutil.copyfile(source, work / "copy.bin")
    copy_s = time.perf_counter() - started
    started = time.perf_counter()
    with source.open("rb") as handle:
        while handle.read(CHUNK):
            pass
    read_s = time.perf_counter() - started
    expected = hashlib.sha256()
    with source.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            expected.update(chunk)
    (work / "copy.bin").unlink()

    settings = Settings(
        bus_url=f"embedded://{work}/log.sqlite3",
        database_url=f"sqlite+aiosqlite:///{work}/magazijn.sqlite3",
        blob_url=f"file://{work}/blobs",
        partitions=2,
    )
    await migrations.upgrade_all(settings.database_url)
    runtime = await bootstrap(settings, {Role.gateway, Role.documentmagazijn, Role.catalogi})
    assert runtime.app is not None
    figures: dict[str, float] = {"copy_mb_s": size / copy_s / 1e6, "read_mb_s": size / read_s / 1e6}
    async with running(runtime):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        server = uvicorn.Server(
            uvicorn.Config(
                runtime.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"
            )
        )
        serving = asyncio.create_task(server.serve())
        while not server.started:  # noqa: ASYNC110 - uvicorn offers no event for this
            await asyncio.sleep(0.02)
        try:
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{port}", timeout=600, headers=_headers()
            ) as http:
                baseline, peak = _rss(), 0
                started = time.perf_counter()
                body = (
                    await http.post(EIO, json=_metadata(inhoud=None, bestandsomvang=size))
                ).json()
                for part in body["bestandsdelen"]:
                    offset = (part["volgnummer"] - 1) * settings.bestandsdeel_bytes
                    content_type, stream = await _file_part(
                        source, offset, part["omvang"], body["lock"]
                    )
                    done = await http.put(
                        part["url"], content=stream, headers={"Content-Type": content_type}
                    )
                    assert done.status_code == 200, done.text
                    peak = max(peak, _rss())
                upload_s = time.perf_counter() - started
                got = hashlib.sha256()
                started = time.perf_counter()
                async with http.stream("GET", body["url"] + "/download") as download:
                    async for chunk in download.aiter_raw():
                        got.update(chunk)
                download_s = time.perf_counter() - started
                peak = max(peak, _rss())
                assert got.hexdigest() == expected.hexdigest()
                figures |= {
                    "upload_mb_s": size / upload_s / 1e6,
                    "download_mb_s": size / download_s / 1e6,
                    "rss_growth_mb": (peak - baseline) / 1e6,
                }
                blobs_before = _stored(work / "blobs")
                figures |= await _dedupe(http, zaken, work / "blobs", blobs_before)
        finally:
            server.should_exit = True
            await serving
    await runtime.close()
    return figures


def _stored(root: Path) -> tuple[int, int]:
    files = [p for p in root.glob("??/??/*") if len(p.name) == 64]
    return len(files), sum(p.stat().st_size for p in files)


async def _dedupe(
    http: httpx.AsyncClient, zaken: int, root: Path, before: tuple[int, int]
) -> dict[str, float]:
    rng = random.Random(2)
    ontvangst = rng.randbytes(60_000)  # the same letter template for every zaak
    besluiten = [rng.randbytes(120_000) for _ in range(3)]  # one besluit template per gemeente
    logical = 0
    for zaak in range(zaken):
        aanvraag = rng.randbytes(200_000)  # a unique scan per zaak
        for content in (ontvangst, besluiten[zaak % 3], aanvraag):
            response = await http.post(
                EIO, json=_metadata(inhoud=base64.b64encode(content).decode())
            )
            assert response.status_code == 201, response.text
            logical += len(content)
    count, stored = _stored(root)
    stored -= before[1]
    return {
        "dedupe_documents": 3 * zaken,
        "dedupe_blobs": count - before[0],
        "dedupe_logical_mb": logical / 1e6,
        "dedupe_stored_mb": stored / 1e6,
        "dedupe_ratio": logical / stored,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.documenten", description=__doc__)
    parser.add_argument("--mb", type=int, default=1024, help="document size in MiB")
    parser.add_argument("--zaken", type=int, default=200, help="zaken in the dedupe mix")
    args = parser.parse_args(argv)
    configure_logging("WARNING")
    with tempfile.TemporaryDirectory(dir=os.environ.get("MIDOFFICE_BENCH_DIR")) as work:
        figures = asyncio.run(run(args.mb, args.zaken, Path(work)))
    for name, value in figures.items():
        print(f"{name:20s} {value:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
