"""The catalogue file format: the demo catalogue, invalid files, export and read back."""

from __future__ import annotations

import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from catalogi.export import export_yaml
from catalogi.loader import CatalogueFileError, load_catalogussen, parse_catalogussen
from midoffice.settings import DEMO_CATALOGUE

DEMO: dict[str, Any] = yaml.safe_load(DEMO_CATALOGUE.read_text(encoding="utf-8"))
Z = "catalogussen[0].zaaktypen[0]"


def demo(change: Any) -> dict[str, Any]:
    document = copy.deepcopy(DEMO)
    change(document["catalogussen"][0])
    return document


def problems(document: Any) -> list[tuple[str, str]]:
    return parse_catalogussen(document)[1]


def test_the_demo_catalogue_covers_every_resource() -> None:
    [catalogus] = load_catalogussen(DEMO_CATALOGUE)
    [zaaktype] = catalogus.zaaktypen
    assert len(zaaktype.statustypen) >= 4 and any(s.informeren for s in zaaktype.statustypen)
    assert "initiator" in {r.omschrijvingGeneriek for r in zaaktype.roltypen}
    wijzen = {r.brondatumArchiefprocedure.afleidingswijze for r in zaaktype.resultaattypen
              if r.brondatumArchiefprocedure}  # fmt: skip
    assert wijzen == {"afgehandeld", "termijn"}
    assert len(catalogus.informatieobjecttypen) == 2 and catalogus.besluittypen
    assert zaaktype.eigenschappen and zaaktype.zaakobjecttypen
    assert zaaktype.informatieobjecttypen == tuple(i.uuid for i in catalogus.informatieobjecttypen)
    assert zaaktype.resultaattypen[0].selectielijstklasse.startswith(
        "https://referentielijsten-api.vng.cloud/api/v1/resultaten/"
    )


def _set(path: str, value: Any) -> Any:
    def change(catalogus: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = catalogus
        for part in parents:
            node = node[int(part)] if part.isdigit() else node[part]
        node[int(last) if last.isdigit() else last] = value

    return change


@pytest.mark.parametrize(
    ("change", "where", "reason"),
    [
        (_set("zaaktypen.0.statustypen.0.volgnummer", 0),
         f"{Z}.statustypen[0].volgnummer", "greater than or equal to 1"),
        (_set("zaaktypen.0.kleur", "blauw"), f"{Z}.kleur", "Extra inputs are not permitted"),
        (_set("zaaktypen.0.doorlooptijd", "acht weken"), f"{Z}.doorlooptijd", "ISO 8601"),
        (_set("zaaktypen.0.roltypen.0.omschrijvingGeneriek", "baas"),
         f"{Z}.roltypen[0].omschrijvingGeneriek", "Input should be"),
        (_set("zaaktypen.0.zaaktypeInformatieobjecttypen.0.informatieobjecttype",
              "3f6a1c20-0009-4b4b-9c9c-000000000009"),
         f"{Z}.zaaktypeInformatieobjecttypen[0].informatieobjecttype", "bestaat niet"),
        (_set("zaaktypen.0.roltypen.1.uuid", "7e1c3a10-0101-4a4a-8a8a-000000000101"),
         f"{Z}.roltypen[1].uuid", "meer dan eens"),
        (_set("zaaktypen.0.statustypen.1.volgnummer", 1),
         f"{Z}.statustypen[1].volgnummer", "meer dan eens"),
        (_set("besluittypen.0.concept", True), f"{Z}.besluittypen[0]", "niet gepubliceerd"),
        (_set("zaaktypen.0.resultaattypen.1.brondatumArchiefprocedure",
              {"afleidingswijze": "termijn"}),
         f"{Z}.resultaattypen[1].brondatumArchiefprocedure.procestermijn", "vereist"),
        (_set("zaaktypen.0.eindeGeldigheid", "2025-01-01"), f"{Z}.eindeGeldigheid", "voor"),
        (_set("zaaktypen.0.verlengingstermijn", None), f"{Z}.verlengingstermijn", "verlenging"),
    ],
)  # fmt: skip
def test_invalid_files_name_the_path_and_the_reason(change: Any, where: str, reason: str) -> None:
    found = problems(demo(change))
    assert any(path == where and reason in why for path, why in found), found


def test_documents_that_are_no_catalogue() -> None:
    assert problems([1, 2]) == [("(document)", "expected a mapping with a 'catalogussen' list")]
    assert ("versie", "unknown field") in problems({"catalogussen": [], "versie": 2})


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("catalogussen: [\n", encoding="utf-8")
    with pytest.raises(CatalogueFileError) as raised:
        load_catalogussen(path)
    assert str(raised.value).startswith(f"{path}: (document): cannot read")


def test_export_reads_back_equal(tmp_path: Path) -> None:
    catalogussen = load_catalogussen(DEMO_CATALOGUE)
    text = export_yaml(catalogussen)
    assert (
        "resultaattypeomschrijvingen/f7d2dc14" in text and "https://referentielijsten" not in text
    )
    path = tmp_path / "export.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_catalogussen(path) == catalogussen


def test_the_import_command_reports_every_problem_and_publishes_nothing(tmp_path: Path) -> None:
    document = demo(_set("zaaktypen.0.statustypen.0.volgnummer", 0))
    document["catalogussen"][0]["zaaktypen"][0]["doorlooptijd"] = "lang"
    path = tmp_path / "gemeente.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MIDOFFICE_")}
    env["MIDOFFICE_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'nooit.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "-m", "midoffice", "catalogus", "import", str(path)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 1
    output = result.stdout + result.stderr
    lines = output.strip().splitlines()
    assert f"{path}: {Z}.statustypen[0].volgnummer: " in output
    assert any(line.startswith(f"{path}: {Z}.doorlooptijd: ") for line in lines), lines
    assert not (tmp_path / "nooit.sqlite3").exists()
