"""Which parts of ``brondatumArchiefprocedure`` each afleidingswijze needs, and forbids.

As the ZGW reference implementations validate it: with ``afgehandeld`` the brondatum is the
zaak's einddatum and nothing else may be set; with ``termijn`` it is the einddatum plus the
``procestermijn``; ``ander_datumkenmerk``, ``eigenschap`` and ``zaakobject`` name where the
date is found.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from schemas.catalogi_gegevensgroepen import Afleidingswijze as A
from schemas.catalogi_gegevensgroepen import BrondatumArchiefprocedure

_FIELDS: Final = ("datumkenmerk", "objecttype", "registratie", "procestermijn")

REQUIRED: Final[Mapping[A, frozenset[str]]] = {
    A.afgehandeld: frozenset(),
    A.ander_datumkenmerk: frozenset({"datumkenmerk", "objecttype", "registratie"}),
    A.eigenschap: frozenset({"datumkenmerk"}),
    A.gerelateerde_zaak: frozenset(),
    A.hoofdzaak: frozenset(),
    A.ingangsdatum_besluit: frozenset(),
    A.termijn: frozenset({"procestermijn"}),
    A.vervaldatum_besluit: frozenset(),
    A.zaakobject: frozenset({"datumkenmerk", "objecttype"}),
}
"""Per afleidingswijze the fields that must be set; every other one of _FIELDS must be empty."""


def brondatum_problems(brondatum: BrondatumArchiefprocedure) -> list[tuple[str, str]]:
    """``(field, reason)`` for every field set or left empty against the afleidingswijze."""
    required = REQUIRED[brondatum.afleidingswijze]
    problems: list[tuple[str, str]] = []
    for name in _FIELDS:
        value = getattr(brondatum, name)
        if name in required and not value:
            problems.append((name, f"is vereist bij afleidingswijze {brondatum.afleidingswijze}"))
        elif name not in required and value:
            problems.append(
                (name, f"moet leeg zijn bij afleidingswijze {brondatum.afleidingswijze}")
            )
    return problems
