"""Reading references in ZGW request bodies: a zaak of this MidOffice, a catalogue object,
and building a payload from the fields read (every problem reported per field)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from adapters.zgw.catalogi_urls import parse_catalogi_url
from adapters.zgw.fields import INVALID, FieldReader
from adapters.zgw.urls import ZAKEN, parse_resource_url
from adapters.zgw.zaak import DOES_NOT_EXIST, NO_MATCH
from catalogi.model import Catalogue
from schemas.outcome import InvalidParam

M = TypeVar("M", bound=BaseModel)


def zaak_reference(r: FieldReader, name: str = "zaak") -> uuid.UUID | None:
    """A required URL of a zaak (matched on its path, on any host)."""
    url = r.url(name, required=True, blank=False, default=None)
    if not url:
        return None
    found = parse_resource_url(url, ZAKEN)
    if found is None:
        r.fail(name, NO_MATCH, "Ongeldige hyperlink - Geen URL match.")
    return found


def catalogue_reference(
    r: FieldReader,
    name: str,
    soort: str,
    lookup: Callable[[Catalogue, uuid.UUID], object | None],
    catalogue: Catalogue,
    *,
    required: bool = True,
) -> uuid.UUID | None:
    """The UUID of a catalogue object of ``soort`` in the URL field ``name``, which must
    exist in the catalogue (``does_not_exist`` otherwise)."""
    url = r.url(name, required=required, blank=not required, default=None)
    if not url:
        return None
    found = parse_catalogi_url(url, soort)
    if found is None:
        r.fail(name, NO_MATCH, "Ongeldige hyperlink - Geen URL match.")
        return None
    if lookup(catalogue, found) is None:
        r.fail(name, DOES_NOT_EXIST, "Ongeldige hyperlink - Object bestaat niet.")
        return None
    return found


def build(model: type[M], r: FieldReader, fields: dict[str, Any]) -> M | list[InvalidParam]:
    """``model(**fields)``, or the problems recorded in ``r`` (or found by the model)."""
    if r.problems:
        return r.problems
    try:
        return model(**fields)
    except ValidationError as exc:  # a check above missed something: still answer per field
        return [
            InvalidParam(".".join(str(p) for p in err["loc"]) or "nonFieldErrors", INVALID,
                         err["msg"])
            for err in exc.errors()
        ]  # fmt: skip


def merged(body: Any, current: dict[str, Any], partial: bool) -> Any:
    """A PATCH body over the current resource (a PUT body as it is)."""
    if partial and isinstance(body, dict):
        return {**current, **body}
    return body
