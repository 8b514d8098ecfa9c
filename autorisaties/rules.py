"""State-free rules of the Autorisaties API, shared by the gateway (early answers) and the
processor (the final judge, which checks them again on the merged state of a PATCH).

Codes and messages follow vng-api-common / Open Zaak: ``ambiguous-authorizations-specified``,
``missing-authorizations``, ``clientId-exists``, ``required``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from autorisaties.rights import Component
from autorisaties.scopes import SCOPES
from schemas.outcome import InvalidParam
from schemas.payloads_autorisaties import AutorisatieV1

TYPE_FIELDS: Mapping[Component, tuple[str, ...]] = {
    Component.zrc: ("zaaktype", "maxVertrouwelijkheidaanduiding"),
    Component.drc: ("informatieobjecttype", "maxVertrouwelijkheidaanduiding"),
    Component.brc: ("besluittype",),
}
"""The fields an autorisatie of a typed component needs when it has a scope of its resource."""

_RESOURCE_PREFIX: Mapping[Component, str] = {
    Component.zrc: "zaken.",
    Component.drc: "documenten.",
    Component.brc: "besluiten.",
}


def check_autorisatie(index: int, autorisatie: AutorisatieV1) -> list[InvalidParam]:
    """Known scopes for the component; zaaktype (etc.) and maximum aanduiding when needed."""
    component = Component(autorisatie.component)
    name = f"autorisaties.{index}"
    problems = [
        InvalidParam(f"{name}.scopes", "invalid_choice",
                     f'"{scope}" is geen scope van component {component}.')
        for scope in autorisatie.scopes
        if scope not in SCOPES[component]
    ]  # fmt: skip
    prefix = _RESOURCE_PREFIX.get(component)
    if prefix and any(scope.startswith(prefix) for scope in autorisatie.scopes):
        problems += [
            InvalidParam(f"{name}.{field}", "required",
                         f"Dit veld is vereist als `component` {component} is.")
            for field in TYPE_FIELDS[component]
            if getattr(autorisatie, field) is None
        ]  # fmt: skip
    return problems


def check_autorisaties(
    heeft_alle_autorisaties: bool, autorisaties: Sequence[AutorisatieV1]
) -> list[InvalidParam]:
    """Either ``heeftAlleAutorisaties`` or autorisaties, never both, and each one valid."""
    if autorisaties and heeft_alle_autorisaties:
        reason = "Geef autorisaties óf heeftAlleAutorisaties op, niet beide."
        return [InvalidParam("nonFieldErrors", "ambiguous-authorizations-specified", reason)]
    if not autorisaties and not heeft_alle_autorisaties:
        reason = "Geef autorisaties of heeftAlleAutorisaties op."
        return [InvalidParam("nonFieldErrors", "missing-authorizations", reason)]
    return [p for i, a in enumerate(autorisaties) for p in check_autorisatie(i, a)]


def check_client_ids(client_ids: Sequence[str]) -> list[InvalidParam]:
    """No client_id twice in one applicatie."""
    doubles = sorted({c for c in client_ids if client_ids.count(c) > 1})
    if doubles:
        return [InvalidParam("clientIds", "unique", f"Dubbele clientIds: {', '.join(doubles)}.")]
    return []


def client_ids_exist(taken: Mapping[str, uuid.UUID]) -> list[InvalidParam]:
    """The rule that a client_id belongs to one applicatie only."""
    if not taken:
        return []
    client_ids = ", ".join(sorted(taken))
    owners = ", ".join(sorted({str(owner) for owner in taken.values()}))
    reason = f"De clientIds {client_ids} worden al gebruikt in applicatie(s) {owners}."
    return [InvalidParam("clientIds", "clientId-exists", reason)]
