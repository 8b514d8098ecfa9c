"""State rules that depend on the acting client's scopes (the envelope's ``privileges``).

The gateway checks what it can know: that the client holds the operation's scope for the
zaak's zaaktype and vertrouwelijkheidaanduiding. Whether a *further* scope is needed depends
on the zaak's state, which only the processor knows for sure: a closed zaak takes a new
status only with ``zaken.heropenen`` and other changes only with
``zaken.geforceerd-bijwerken``; with ``zaken.aanmaken`` alone a client sets only the first
status. Breaking such a rule is a 403 ``permission_denied``, with Open Zaak's messages.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from autorisaties.scopes import (
    ZAKEN_GEFORCEERD_BIJWERKEN,
    ZAKEN_HEROPENEN,
    ZAKEN_STATUSSEN_TOEVOEGEN,
)
from schemas.outcome import Rejected
from zaakmagazijn.rules import ZaakState

ALL: Final = "*"
"""The privilege of a client with heeftAlleAutorisaties."""
PERMISSION_DENIED: Final = "permission_denied"


def holds(privileges: Collection[str], *scopes: str) -> bool:
    """True when ``privileges`` contain one of ``scopes`` (or ``*``)."""
    return ALL in privileges or any(scope in privileges for scope in scopes)


def forbidden(detail: str) -> Rejected:
    """The 403 outcome for a missing scope."""
    return Rejected(invalid_params=(), code=PERMISSION_DENIED, title=detail, status_code=403)


def check_change(zaak: ZaakState, privileges: Collection[str]) -> Rejected | None:
    """A closed zaak (and its parts) changes only with ``zaken.geforceerd-bijwerken``."""
    if zaak.is_afgesloten and not holds(privileges, ZAKEN_GEFORCEERD_BIJWERKEN):
        return forbidden("Modifying a closed case with current scope is forbidden")
    return None


def check_status(
    zaak: ZaakState, has_status: bool, privileges: Collection[str]
) -> Rejected | None:
    """A status on a closed zaak needs ``zaken.heropenen``; a second status needs
    ``zaken.statussen.toevoegen`` (or heropenen), not just ``zaken.aanmaken``."""
    if has_status and not holds(privileges, ZAKEN_STATUSSEN_TOEVOEGEN, ZAKEN_HEROPENEN):
        return forbidden("Met de 'zaken.aanmaken' scope mag je slechts 1 status zetten")
    if zaak.is_afgesloten and not holds(privileges, ZAKEN_HEROPENEN):
        return forbidden("Reopening a closed case with current scope is forbidden")
    return None
