"""Load the StUF-ZKN mapping file (``MIDOFFICE_STUF_MAPPING_FILE``; default: the demo mapping
for the demo catalogue). Errors name the file, the path inside it and the reason."""

from __future__ import annotations

from pathlib import Path

import yaml

from adapters.stuf.mapping import MappingFileError, StufMapping, parse_mapping


def load_mapping(path: Path) -> StufMapping:
    """The mapping in ``path``; raises :class:`MappingFileError`."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingFileError(str(path), [("", f"onleesbaar: {exc.strerror}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"regel {mark.line + 1}" if mark is not None else ""
        raise MappingFileError(str(path), [(where, f"geen geldige YAML: {exc}")]) from None
    return parse_mapping(data, str(path))
