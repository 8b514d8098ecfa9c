"""Export every payload version as a JSON Schema file under ``schemas/json/``.

Run ``make schemas`` (``python -m schemas.export``) after changing a payload model; a test
fails while the exported files are stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from schemas.registry import REGISTRY, dataschema_uri

JSON_DIR = Path(__file__).resolve().parent / "json"


def rendered() -> dict[str, str]:
    """File name -> JSON Schema text, for every registered type and version."""
    files: dict[str, str] = {}
    for event_type, schema in sorted(REGISTRY.items()):
        for version, model in sorted(schema.models.items()):
            document = model.model_json_schema()
            document["$id"] = dataschema_uri(event_type, version)
            document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
            name = f"{event_type.removeprefix('nl.overheid.')}.v{version}.json"
            files[name] = json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return files


def main() -> int:
    JSON_DIR.mkdir(exist_ok=True)
    for name, text in rendered().items():
        (JSON_DIR / name).write_text(text, encoding="utf-8")
        print(f"wrote schemas/json/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
