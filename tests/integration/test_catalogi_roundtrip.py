"""Import and export: export an instance's catalogue, import it into an empty instance with
``midoffice catalogus import``, and the Catalogi API answers exactly the same there."""

from __future__ import annotations

import asyncio
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.integration.catalogi_support import API, BASE, Catalogi, instance, settings_for
from tests.integration.test_catalogi_api import CATALOGUS, COLLECTIONS, ok, zaaktype_body


def _env(settings: Any) -> dict[str, str]:
    return {"MIDOFFICE_BUS_URL": settings.bus_url, "MIDOFFICE_DATABASE_URL": settings.database_url,
            "MIDOFFICE_PARTITIONS": str(settings.partitions)}  # fmt: skip


@dataclass
class Result:
    exit_code: int
    output: str


async def _cli(*args: str, env: dict[str, str]) -> Result:
    """``midoffice ...`` as a child process, as an operator runs it."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "midoffice", *args,
        env={k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")} | env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    output, _ = await asyncio.wait_for(child.communicate(), 120)
    return Result(await child.wait(), output.decode())


async def _everything(api: Catalogi) -> dict[str, list[dict[str, Any]]]:
    return {collection: await api.everything(collection) for collection in COLLECTIONS}


async def _grow(api: Catalogi) -> None:
    """Concept and published objects beyond the demo: a second zaaktype with parts."""
    zaaktype = ok(await api.send("POST", f"{API}/zaaktypen", zaaktype_body(
        gerelateerdeZaaktypen=[{"zaaktype": "AANVRAAG-PARKEERVERGUNNING",
                                "aardRelatie": "vervolg"}])), 201)  # fmt: skip
    for volgnummer, omschrijving in ((1, "Ontvangen"), (2, "Afgehandeld")):
        ok(await api.send("POST", f"{API}/statustypen", {
            "zaaktype": zaaktype["url"], "omschrijving": omschrijving,
            "volgnummer": volgnummer}), 201)  # fmt: skip
    ok(await api.send("POST", f"{zaaktype['url']}/publish"))
    ok(await api.send("POST", f"{API}/informatieobjecttypen", {
        "catalogus": CATALOGUS, "omschrijving": "Concept-brief",
        "vertrouwelijkheidaanduiding": "intern", "informatieobjectcategorie": "Brief",
        "beginGeldigheid": "2026-03-01"}), 200)  # fmt: skip


async def test_export_then_import_into_an_empty_instance_gives_equal_api_output(
    tmp_path: Path,
) -> None:
    source, target = settings_for(tmp_path / "a"), settings_for(tmp_path / "b")
    exported = tmp_path / "demodam.yaml"
    async with instance(source) as a:
        await _grow(a)
        before = await _everything(a)
    result = await _cli("catalogus", "export", "--catalogus", "DEMO", "-o", str(exported),
                        env=_env(source))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "resultaattypeomschrijvingen/" in exported.read_text(encoding="utf-8")

    await _cli("migrate", env=_env(target))
    # Nothing processes the target's log yet: the import is published and stays pending.
    result = await _cli("catalogus", "import", str(exported), "--wait", "0.5", env=_env(target))
    assert result.exit_code == 3, result.output
    async with instance(target, seed=False) as b:
        for _ in range(200):
            await b.runtime.catalogue.refresh()
            if b.runtime.catalogue.current().catalogussen:
                break
            await asyncio.sleep(0.05)
        after = await _everything(b)
    assert after == before
    assert {z["url"] for z in after["zaaktypen"]} >= {
        f"{BASE}{API}/zaaktypen/0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"
    }

    # importing the same file again changes nothing, and says so
    async with instance(target, seed=False):
        result = await _cli("catalogus", "import", str(exported), env=_env(target))
    assert result.exit_code == 0, result.output
    assert "imported" in result.output


async def test_an_import_that_conflicts_with_the_stored_catalogue_publishes_nothing(
    tmp_path: Path,
) -> None:
    settings = settings_for(tmp_path)
    exported = tmp_path / "demodam.yaml"
    async with instance(settings) as api:
        result = await _cli("catalogus", "export", "-c", "DEMO", "-o", str(exported),
                            env=_env(settings))  # fmt: skip
        assert result.exit_code == 0, result.output
        text = exported.read_text(encoding="utf-8")
        exported.write_text(text.replace("Team Parkeren", "Team Mobiliteit"), encoding="utf-8")
        result = await _cli("catalogus", "import", str(exported), env=_env(settings))
        assert result.exit_code == 1
        assert f"{exported}: catalogussen[0].uuid: " in result.output
        demo = ok(await api.get(f"{API}/zaaktypen/0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f"))
        assert demo["verantwoordelijke"] == "Team Parkeren"
