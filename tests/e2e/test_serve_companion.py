"""``midoffice serve`` with its companion: the events-topic consumers (burgerzaken, push) run
in a second, supervised process; with ``MIDOFFICE_SERVE_COMPANION=false`` in one process."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx

from tests.fixtures.tansu import free_port
from tests.tokens import auth_headers

START_SECONDS = 120.0


def _children(pid: int) -> list[tuple[int, str]]:
    """(pid, command line) of the direct children of ``pid``."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append((int(entry.name), cmdline))
    return found


def _companions(pid: int) -> list[int]:
    return [child for child, cmdline in _children(pid) if "process group" in cmdline]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


async def _eventually(check, timeout: float, what: str):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        value = await check() if asyncio.iscoroutinefunction(check) else check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        await asyncio.sleep(0.2)


@contextlib.asynccontextmanager
async def serve(tmp: Path, **env: str) -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")}
    clean |= {"MIDOFFICE_HTTP_PORT": str(port), "MIDOFFICE_LOG_LEVEL": "INFO", **env}
    with (tmp / "serve.log").open("wb") as out:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "midoffice", "serve",
            cwd=tmp, env=clean, stdout=out, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, headers=auth_headers()) as client:

            async def up() -> bool:
                with contextlib.suppress(httpx.HTTPError):
                    return (await client.get("/catalogi/api/v1/zaaktypen")).status_code == 200
                assert process.returncode is None, (tmp / "serve.log").read_text()[-3000:]
                return False

            await _eventually(up, START_SECONDS, "serve answers")
        yield process, base
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), 60)
            except TimeoutError:
                process.kill()
                await process.wait()


async def _create_zaak(base: str) -> str:
    async with httpx.AsyncClient(base_url=base, headers=auth_headers(), timeout=30) as client:
        zaaktype = (await client.get("/catalogi/api/v1/zaaktypen")).json()["results"][0]
        catalogus = (await client.get(zaaktype["catalogus"])).json()
        body = {
            "bronorganisatie": catalogus["rsin"],
            "verantwoordelijkeOrganisatie": catalogus["rsin"],
            "zaaktype": zaaktype["url"],
            "startdatum": dt.date.today().isoformat(),
        }
        response = await client.post(
            "/zaken/api/v1/zaken",
            json=body,
            headers={"Accept-Crs": "EPSG:4326", "Content-Crs": "EPSG:4326"},
        )
        assert response.status_code == 201, response.text
        return str(response.json()["uuid"])


def _projected(tmp: Path, zaak: str) -> bool:
    """Whether the burgerzaken read model (the companion's work) holds ``zaak``."""
    with contextlib.closing(sqlite3.connect(tmp / ".midoffice" / "zaakmagazijn.sqlite3")) as db:
        row = db.execute("SELECT 1 FROM burgerzaak WHERE uuid = ?", (zaak.replace("-", ""),))
        return row.fetchone() is not None


async def test_serve_supervises_a_companion_for_the_events_consumers(tmp_path: Path) -> None:
    async with serve(tmp_path) as (process, base):
        companion = await _eventually(lambda: _companions(process.pid), 60, "companion runs")
        assert len(companion) == 1
        zaak = await _create_zaak(base)
        await _eventually(lambda: _projected(tmp_path, zaak), 30, "read model updated")

        os.kill(companion[0], signal.SIGKILL)  # the companion dies: serve starts a new one
        restarted = await _eventually(
            lambda: [p for p in _companions(process.pid) if p != companion[0]], 60, "restart"
        )
        zaak = await _create_zaak(base)
        await _eventually(lambda: _projected(tmp_path, zaak), 60, "new companion catches up")

        process.send_signal(signal.SIGTERM)
        assert await asyncio.wait_for(process.wait(), 60) == 0
    await _eventually(lambda: not _alive(restarted[0]), 10, "companion stopped with serve")
    log = (tmp_path / "serve.log").read_text()
    assert "companion_exited" in log and "companion_stopped" in log


async def test_without_the_companion_serve_is_one_process(tmp_path: Path) -> None:
    async with serve(tmp_path, MIDOFFICE_SERVE_COMPANION="false") as (process, base):
        zaak = await _create_zaak(base)
        await _eventually(lambda: _projected(tmp_path, zaak), 30, "read model updated")
        assert _companions(process.pid) == []


def test_a_configuration_the_companion_would_refuse_stops_serve(tmp_path: Path) -> None:
    """push runs in the companion; its start-up check (MijnOverheid certificates) runs in
    serve first, so serve stops with the reason instead of restarting the companion in vain."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")}
    clean |= {
        "MIDOFFICE_HTTP_PORT": str(free_port()),
        "MIDOFFICE_MIJNOVERHEID_STUF_URL": "https://mijnoverheid.invalid/zakLk01",
        "MIDOFFICE_MIJNOVERHEID_CLIENT_CERT": str(tmp_path / "missing.pem"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "midoffice", "serve"],
        cwd=tmp_path, env=clean, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stdout + result.stderr
    assert "MIDOFFICE_MIJNOVERHEID" in result.stdout + result.stderr


async def test_each_process_serves_its_own_metrics(tmp_path: Path) -> None:
    """``MIDOFFICE_METRICS_PORT``: serve's own counters there, the companion's (the push
    connector's) on the next port; both are Prometheus text exposition."""
    port = free_port()
    while True:  # the companion takes the next port: it must be free too
        with contextlib.suppress(OSError):
            with contextlib.closing(socket.socket()) as probe:
                probe.bind(("127.0.0.1", port + 1))
            break
        port = free_port()
    async with serve(tmp_path, MIDOFFICE_METRICS_PORT=str(port)) as (_process, base):
        await _create_zaak(base)
        async with httpx.AsyncClient() as client:

            async def scrape(at: int, processor: str) -> str | None:
                """The metrics at ``at`` once they have a batch of ``processor`` (its
                processors' first batches come in no particular order)."""
                with contextlib.suppress(httpx.HTTPError):
                    response = await client.get(f"http://127.0.0.1:{at}/metrics")
                    batch = f'midoffice_batch_seconds_count{{processor="{processor}"}}'
                    if response.status_code == 200 and batch in response.text:
                        return response.text
                return None

            async def main_metrics() -> str | None:
                return await scrape(port, "zaakmagazijn")

            async def companion_metrics() -> str | None:
                return await scrape(port + 1, "push")

            main = await _eventually(main_metrics, 30, "serve's metrics")
            assert 'processor="zaakmagazijn"' in main
            companion = await _eventually(companion_metrics, 60, "the companion's metrics")
            assert 'processor="push"' in companion and 'processor="zaakmagazijn"' not in companion
            assert "midoffice_push_dead_letters_total" in companion


async def test_a_metrics_port_in_use_stops_serve_with_the_reason(tmp_path: Path) -> None:
    with contextlib.closing(socket.socket()) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        clean = {k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")}
        clean |= {"MIDOFFICE_HTTP_PORT": str(free_port()), "MIDOFFICE_METRICS_PORT": str(port)}
        result = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "midoffice", "serve",
            cwd=tmp_path, env=clean, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        output, _ = await asyncio.wait_for(result.communicate(), START_SECONDS)
    assert result.returncode == 2, output.decode()[-2000:]
    assert f"Cannot serve metrics on port {port}" in output.decode()
