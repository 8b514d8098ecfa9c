"""Does a notificatie match an abonnement's kanalen and filters? (pure)

A kanaal entry matches when its ``naam`` is the notificatie's kanaal and every filter holds.
Filters on the kenmerken (bronorganisatie, zaaktype, vertrouwelijkheidaanduiding) compare
with the notificatie's kenmerken; ``statustype``, ``actie`` and ``resource`` (MidOffice
extension) with the statustype of a status change, and the message's actie and resource.
URL values (zaaktype, statustype) match on their last path segment, so a filter written with
another host name for the MidOffice still matches. An abonnement matches when any of its
kanalen matches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def _same(expected: str, actual: str | None) -> bool:
    if actual is None:
        return False
    if expected == actual:
        return True
    if "/" in expected or "/" in actual:
        return expected.rstrip("/").rsplit("/", 1)[-1] == actual.rstrip("/").rsplit("/", 1)[-1]
    return False


def attributes(notificatie: Mapping[str, Any], statustype_url: str | None) -> dict[str, str]:
    """Everything a filter may name, for one notificatie."""
    found: dict[str, str] = dict(notificatie.get("kenmerken", {}))
    found["actie"] = notificatie["actie"]
    found["resource"] = notificatie["resource"]
    if statustype_url is not None:
        found["statustype"] = statustype_url
    return found


def matches(kanalen: Iterable[Mapping[str, Any]], kanaal: str, values: Mapping[str, str]) -> bool:
    """True when one of ``kanalen`` (``[{"naam", "filters"}]``) accepts the notificatie."""
    for item in kanalen:
        if item.get("naam") != kanaal:
            continue
        filters: Mapping[str, str] = item.get("filters") or {}
        if all(_same(expected, values.get(key)) for key, expected in filters.items()):
            return True
    return False
