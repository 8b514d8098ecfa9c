"""The Zaken API OpenAPI document the gateway serves is its own and a valid OpenAPI 3 document;
no official standard file is copied into the repository (they are read from
``../shared/standards`` by the tests only)."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest.mock import MagicMock

import httpx
import pytest
import yaml
from openapi_spec_validator import validate

from midoffice.gateway.app import create_app
from midoffice.settings import Settings
from tests import zgw_spec

REPO = Path(__file__).resolve().parents[2]
STANDARDS = zgw_spec.SPEC_DIR.parent
SKIP_DIRECTORIES = {
    ".venv", ".git", "node_modules", ".mypy_cache", ".ruff_cache", ".pytest_cache",
    "__pycache__", ".midoffice",
}  # fmt: skip
MIN_BYTES = 64  # a tiny file (an empty list, a licence line) is no copy of a standard
PATHS = {
    "/zaken", "/zaken/{uuid}", "/zaken/_zoek", "/statussen", "/statussen/{uuid}",
    "/rollen", "/rollen/{uuid}", "/resultaten", "/resultaten/{uuid}", "/zaakobjecten",
    "/zaakobjecten/{uuid}", "/zaakinformatieobjecten", "/zaakinformatieobjecten/{uuid}",
    "/klantcontacten", "/klantcontacten/{uuid}", "/zaken/{zaak_uuid}/zaakeigenschappen",
    "/zaken/{zaak_uuid}/zaakeigenschappen/{uuid}", "/zaken/{zaak_uuid}/audittrail",
    "/zaken/{zaak_uuid}/audittrail/{uuid}",
}  # fmt: skip


async def _get(path: str) -> httpx.Response:
    container = MagicMock()  # the schema routes touch no collaborator
    # real settings: a mocked one would hand create_app mock paths (the StUF mapping file)
    container.settings = Settings(max_request_bytes=1_000_000)
    transport = httpx.ASGITransport(app=create_app(container))
    async with httpx.AsyncClient(transport=transport, base_url="http://gateway.test") as client:
        return await client.get(path)


async def test_the_served_zaken_document_is_valid_openapi_3() -> None:
    as_json = await _get("/zaken/api/v1/schema/openapi.json")
    as_yaml = await _get("/zaken/api/v1/schema/openapi.yaml")
    assert as_json.status_code == as_yaml.status_code == 200
    assert as_yaml.headers["content-type"].startswith("application/vnd.oai.openapi")
    document: dict[str, Any] = as_json.json()
    assert yaml.safe_load(as_yaml.text) == document
    validate(document)  # raises on an invalid OpenAPI 3 document
    assert document["openapi"].startswith("3.")
    assert document["info"]["title"] == "Zaken API"
    assert document["info"]["version"] == "1.5.1"
    assert document["servers"] == [{"url": "http://gateway.test/zaken/api/v1"}]
    assert set(document["paths"]) >= PATHS
    official = zgw_spec.load_spec("zaken")["paths"]
    assert set(document["paths"]) <= set(official), "a path the standard does not have"
    operations = document["paths"]
    assert {"202", "409", "413"} <= set(operations["/zaken"]["post"]["responses"])
    assert {"304", "403", "404"} <= set(operations["/zaken/{uuid}"]["get"]["responses"])
    names = {p["name"] for p in operations["/rollen"]["get"]["parameters"]}
    assert {"zaak", "betrokkeneType", "roltype", "page"} <= names


def _fingerprints(path: Path) -> set[str]:
    """The file's SHA-256, and that of its text with all whitespace removed (so a copy with
    other line endings or indentation is found too)."""
    content = path.read_bytes()
    found = {hashlib.sha256(content).hexdigest()}
    squeezed = re.sub(rb"\s+", b"", content)
    if squeezed:
        found.add("ws:" + hashlib.sha256(squeezed).hexdigest())
    return found


def _files(root: Path) -> Iterator[Path]:
    for directory, subdirectories, names in os.walk(root):
        subdirectories[:] = [d for d in subdirectories if d not in SKIP_DIRECTORIES]
        for name in names:
            path = Path(directory, name)
            if path.is_file() and not path.is_symlink() and path.stat().st_size >= MIN_BYTES:
                yield path


def copies_of_standards(repo: Path, standards: Path) -> list[str]:
    """Files under ``repo`` whose content is that of any file under ``standards``, whatever
    their name or extension."""
    official: set[str] = set()
    for path in _files(standards):
        official |= _fingerprints(path)
    return sorted(
        str(path.relative_to(repo)) for path in _files(repo) if _fingerprints(path) & official
    )


def test_the_copy_check_finds_a_copy_of_any_standard_file(tmp_path: Path) -> None:
    if not STANDARDS.is_dir():
        pytest.skip(f"no standards at {STANDARDS}")
    by_suffix = {p.suffix: p for p in _files(STANDARDS)}
    assert {".xsd", ".wsdl", ".yaml", ".json"} <= set(by_suffix)
    (tmp_path / "src").mkdir()
    for number, original in enumerate(by_suffix.values()):
        (tmp_path / "src" / f"renamed_{number}.txt").write_bytes(original.read_bytes())
    reformatted = by_suffix[".xsd"].read_bytes().replace(b"\n", b"\r\n  ")
    (tmp_path / "reformatted.py").write_bytes(reformatted)
    (tmp_path / "own.yaml").write_text("openapi: 3.0.3\ninfo: {title: ours, version: '1'}\n")
    found = copies_of_standards(tmp_path, STANDARDS)
    assert found == sorted(
        ["reformatted.py", *(f"src/renamed_{n}.txt" for n in range(len(by_suffix)))]
    )


def test_no_official_standard_file_is_copied_into_the_repository() -> None:
    if not STANDARDS.is_dir():
        pytest.skip(f"no standards at {STANDARDS}")
    copies = copies_of_standards(REPO, STANDARDS)
    assert not copies, f"copies of official standard files: {copies}"
