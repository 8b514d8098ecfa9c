"""The ZGW scopes per component, spelled as the VNG standards (and Open Zaak) spell them.

Routes name their scope through these constants, never as string literals, so a typo is an
import error instead of a silent 403.
"""

from __future__ import annotations

from typing import Final

from autorisaties.rights import Component

# Zaken API (zrc)
ZAKEN_LEZEN: Final = "zaken.lezen"
ZAKEN_AANMAKEN: Final = "zaken.aanmaken"
ZAKEN_BIJWERKEN: Final = "zaken.bijwerken"
ZAKEN_STATUSSEN_TOEVOEGEN: Final = "zaken.statussen.toevoegen"
ZAKEN_GEFORCEERD_BIJWERKEN: Final = "zaken.geforceerd-bijwerken"
ZAKEN_HEROPENEN: Final = "zaken.heropenen"
ZAKEN_VERWIJDEREN: Final = "zaken.verwijderen"
AUDITTRAILS_LEZEN: Final = "audittrails.lezen"
PIP_LEZEN: Final = "pip.lezen"
"""MidOffice: the PIP read of all zaken of one person (POST /pip/api/v1/burgerzaken/_zoek)."""

# Catalogi API (ztc)
CATALOGI_LEZEN: Final = "catalogi.lezen"
CATALOGI_SCHRIJVEN: Final = "catalogi.schrijven"
CATALOGI_GEFORCEERD_SCHRIJVEN: Final = "catalogi.geforceerd-schrijven"
CATALOGI_GEFORCEERD_VERWIJDEREN: Final = "catalogi.geforceerd-verwijderen"

# Documenten API (drc)
DOCUMENTEN_LEZEN: Final = "documenten.lezen"
DOCUMENTEN_AANMAKEN: Final = "documenten.aanmaken"
DOCUMENTEN_BIJWERKEN: Final = "documenten.bijwerken"
DOCUMENTEN_VERWIJDEREN: Final = "documenten.verwijderen"
DOCUMENTEN_LOCK: Final = "documenten.lock"
DOCUMENTEN_GEFORCEERD_UNLOCK: Final = "documenten.geforceerd-unlock"
DOCUMENTEN_GEFORCEERD_BIJWERKEN: Final = "documenten.geforceerd-bijwerken"

# Besluiten API (brc)
BESLUITEN_LEZEN: Final = "besluiten.lezen"
BESLUITEN_AANMAKEN: Final = "besluiten.aanmaken"
BESLUITEN_BIJWERKEN: Final = "besluiten.bijwerken"
BESLUITEN_VERWIJDEREN: Final = "besluiten.verwijderen"

# Notificaties API (nrc)
NOTIFICATIES_CONSUMEREN: Final = "notificaties.consumeren"
NOTIFICATIES_PUBLICEREN: Final = "notificaties.publiceren"
# MidOffice scopes of the push connector (component nrc, untyped; docs/ARCHITECTURE.md):
NOTIFICATIES_BEHEREN: Final = "notificaties.beheren"  # operators: delivery ledger, requeue
NOTIFICATIES_VOORKEUREN: Final = "notificaties.voorkeuren"  # the PIP: citizens' preferences

# Autorisaties API (ac)
AUTORISATIES_LEZEN: Final = "autorisaties.lezen"
AUTORISATIES_BIJWERKEN: Final = "autorisaties.bijwerken"
VERWERKINGSLOG_LEZEN: Final = "verwerkingslog.lezen"
"""MidOffice: operators read the Logboek Dataverwerkingen (verwerkingslog/_zoek)."""

SCOPES: Final[dict[Component, frozenset[str]]] = {
    Component.zrc: frozenset({
        ZAKEN_LEZEN, ZAKEN_AANMAKEN, ZAKEN_BIJWERKEN, ZAKEN_STATUSSEN_TOEVOEGEN,
        ZAKEN_GEFORCEERD_BIJWERKEN, ZAKEN_HEROPENEN, ZAKEN_VERWIJDEREN, AUDITTRAILS_LEZEN,
        PIP_LEZEN,
    }),
    Component.ztc: frozenset({
        CATALOGI_LEZEN, CATALOGI_SCHRIJVEN, CATALOGI_GEFORCEERD_SCHRIJVEN,
        CATALOGI_GEFORCEERD_VERWIJDEREN,
    }),
    Component.drc: frozenset({
        DOCUMENTEN_LEZEN, DOCUMENTEN_AANMAKEN, DOCUMENTEN_BIJWERKEN, DOCUMENTEN_VERWIJDEREN,
        DOCUMENTEN_LOCK, DOCUMENTEN_GEFORCEERD_UNLOCK, DOCUMENTEN_GEFORCEERD_BIJWERKEN,
        AUDITTRAILS_LEZEN,
    }),
    Component.brc: frozenset({
        BESLUITEN_LEZEN, BESLUITEN_AANMAKEN, BESLUITEN_BIJWERKEN, BESLUITEN_VERWIJDEREN,
        AUDITTRAILS_LEZEN,
    }),
    Component.nrc: frozenset({
        NOTIFICATIES_CONSUMEREN, NOTIFICATIES_PUBLICEREN, NOTIFICATIES_BEHEREN,
        NOTIFICATIES_VOORKEUREN,
    }),
    Component.ac: frozenset({AUTORISATIES_LEZEN, AUTORISATIES_BIJWERKEN, VERWERKINGSLOG_LEZEN}),
}  # fmt: skip
"""The scopes an autorisatie of each component may carry."""

COMPONENT_WEERGAVE: Final[dict[Component, str]] = {
    Component.zrc: "Zaken API",
    Component.ztc: "Catalogi API",
    Component.drc: "Documenten API",
    Component.brc: "Besluiten API",
    Component.nrc: "Notificaties API",
    Component.ac: "Autorisaties API",
}
"""``componentWeergave``: the display name of each component."""
