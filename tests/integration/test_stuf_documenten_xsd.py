"""The XSD check of the StUF tests agrees with the samples' MANIFEST (validated there with
other tools): every sample marked VALID passes, every one marked INVALID fails."""

from __future__ import annotations

import csv

from lxml import etree

from tests.integration.stuf_documenten_support import SAMPLES
from tests.integration.stuf_documenten_xsd import xsd_errors

MOVED = {
    "openzaakbrug-examples/Haarlem Voorbeeld/": "zds12-haarlem/",
    "openzaakbrug-ladybug-extracted/": "zds11-ladybug/",
}
"""MANIFEST paths of the original collections -> where the files are here."""


def test_xsd_check_agrees_with_the_manifest() -> None:
    checked = 0
    with (SAMPLES / "MANIFEST.csv").open(encoding="utf-8") as manifest:
        for row in csv.DictReader(manifest):
            if row["xsd"] not in ("VALID", "INVALID"):
                continue
            path = row["file"]
            for old, new in MOVED.items():
                path = path.replace(old, new)
            body = etree.parse(str(SAMPLES / path)).getroot().find(
                "{http://schemas.xmlsoap.org/soap/envelope/}Body")  # fmt: skip
            assert body is not None, path
            errors = xsd_errors(body[0], "1.2" if row["zds"] == "ZDS1.2" else "1.1")
            assert (not errors) == (row["xsd"] == "VALID"), (path, row["first_xsd_error"], errors)
            checked += 1
    assert checked >= 30
