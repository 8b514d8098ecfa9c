"""Autorisaties API 1.0 JSON <-> applicatie payloads (pure translation, no I/O).

The resource shape is that of the VNG Autorisaties API 1.0 as Open Zaak serves it:
``url, clientIds, label, heeftAlleAutorisaties, autorisaties[]``, each autorisatie with
``component, componentWeergave, scopes`` and, by component, ``zaaktype`` +
``maxVertrouwelijkheidaanduiding`` (zrc), ``informatieobjecttype`` +
``maxVertrouwelijkheidaanduiding`` (drc) or ``besluittype`` (brc); fields that do not belong
to the component are ignored, as Open Zaak's polymorphic serializer does. The MidOffice adds
the write-only ``secret`` (the HS256 secret of the clientIds); it is never returned.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any, Final

from adapters.zgw.urls import CATALOGI_ROOT, parse_resource_url
from autorisaties.queries import Applicatie
from autorisaties.rights import Component
from autorisaties.scopes import COMPONENT_WEERGAVE
from schemas.outcome import InvalidParam
from schemas.payloads import Vertrouwelijkheidaanduiding
from schemas.payloads_autorisaties import AutorisatieV1

AUTORISATIES_ROOT: Final = "/autorisaties/api/v1"
SECRET_MIN_LENGTH: Final = 16
SECRET_MAX_LENGTH: Final = 255
TYPE_RESOURCES: Final[Mapping[Component, tuple[str, str]]] = {
    Component.zrc: ("zaaktype", "zaaktypen"),
    Component.drc: ("informatieobjecttype", "informatieobjecttypen"),
    Component.brc: ("besluittype", "besluittypen"),
}
"""Per typed component: the autorisatie field and the Catalogi resource it points to."""
_WITH_MAXIMUM: Final = frozenset({Component.zrc, Component.drc})


def applicatie_url(base: str, identifier: uuid.UUID) -> str:
    return f"{base}{AUTORISATIES_ROOT}/applicaties/{identifier}"


def _type_url(base: str, resource: str, identifier: uuid.UUID | None) -> str | None:
    return f"{base}{CATALOGI_ROOT}/{resource}/{identifier}" if identifier else None


def autorisatie_to_response(item: AutorisatieV1, base: str) -> dict[str, Any]:
    component = Component(item.component)
    body: dict[str, Any] = {
        "component": item.component,
        "componentWeergave": COMPONENT_WEERGAVE[component],
        "scopes": list(item.scopes),
    }
    if component in TYPE_RESOURCES:
        field, resource = TYPE_RESOURCES[component]
        body[field] = _type_url(base, resource, getattr(item, field))
    if component in _WITH_MAXIMUM:
        aanduiding = item.maxVertrouwelijkheidaanduiding
        body["maxVertrouwelijkheidaanduiding"] = str(aanduiding) if aanduiding else None
    return body


def applicatie_to_response(app: Applicatie, base: str) -> dict[str, Any]:
    """The Applicatie resource (never the secret)."""
    return {
        "url": applicatie_url(base, app.uuid),
        "clientIds": list(app.client_ids),
        "label": app.label,
        "heeftAlleAutorisaties": app.heeft_alle_autorisaties,
        "autorisaties": [autorisatie_to_response(a, base) for a in app.autorisaties],
    }


class _Errors(list[InvalidParam]):
    def add(self, name: str, code: str, reason: str) -> None:
        self.append(InvalidParam(name, code, reason))


def _string(errors: _Errors, name: str, value: Any, low: int, high: int) -> str | None:
    if value is None:
        errors.add(name, "null", "Dit veld mag niet leeg zijn.")
    elif not isinstance(value, str):
        errors.add(name, "invalid", "Geen geldige tekst.")
    elif len(value.strip()) < low:
        errors.add(name, "blank" if not value.strip() else "min_length",
                   f"Minimaal {low} tekens.")  # fmt: skip
    elif len(value) > high:
        errors.add(name, "max_length", f"Maximaal {high} tekens.")
    else:
        return value
    return None


def _autorisatie(errors: _Errors, name: str, value: Any) -> AutorisatieV1 | None:
    if not isinstance(value, dict):
        errors.add(name, "invalid", "Verwacht een object.")
        return None
    before = len(errors)
    if value.get("component") is None:
        errors.add(f"{name}.component", "required", "Dit veld is vereist.")
        return None
    try:
        component = Component(str(value["component"]))
    except ValueError:
        choices = ", ".join(c.value for c in Component)
        errors.add(f"{name}.component", "invalid_choice", f"Kies uit: {choices}.")
        return None
    scopes = value.get("scopes", [])
    if not isinstance(scopes, list):
        errors.add(f"{name}.scopes", "not_a_list", "Verwacht een lijst van scopes.")
        scopes = []
    checked = [_string(errors, f"{name}.scopes", s, 1, 100) for s in scopes]
    fields: dict[str, Any] = {"component": component.value, "scopes": checked}
    if component in TYPE_RESOURCES:
        field, resource = TYPE_RESOURCES[component]
        url = value.get(field)
        if url not in (None, ""):
            fields[field] = parse_resource_url(url, resource)
            if fields[field] is None:
                errors.add(f"{name}.{field}", "bad-url", f"Geen URL van een {field}.")
    if component in _WITH_MAXIMUM and value.get("maxVertrouwelijkheidaanduiding") is not None:
        try:
            fields["maxVertrouwelijkheidaanduiding"] = Vertrouwelijkheidaanduiding(
                value["maxVertrouwelijkheidaanduiding"]
            )
        except ValueError:
            choices = ", ".join(v.value for v in Vertrouwelijkheidaanduiding)
            errors.add(f"{name}.maxVertrouwelijkheidaanduiding", "invalid_choice",
                       f"Kies uit: {choices}.")  # fmt: skip
    return AutorisatieV1.model_validate(fields) if len(errors) == before else None


def applicatie_from_request(body: Any, *, partial: bool) -> dict[str, Any] | list[InvalidParam]:
    """The payload fields of an Applicatie body, or the invalidParams.

    Without ``partial`` (POST, PUT) ``clientIds`` and ``label`` are required; ``secret`` is
    returned in clear text under ``secret`` for the caller to encrypt.
    """
    errors = _Errors()
    if not isinstance(body, dict):
        errors.add("nonFieldErrors", "invalid", "Verwacht een JSON-object.")
        return errors
    fields: dict[str, Any] = {}
    for name in ("clientIds", "label"):
        if name not in body and not partial:
            errors.add(name, "required", "Dit veld is vereist.")
    if "clientIds" in body:
        value = body["clientIds"]
        if not isinstance(value, list):
            errors.add("clientIds", "not_a_list", "Verwacht een lijst van client_ids.")
        elif not value:
            errors.add("clientIds", "empty", "Geef minstens één client_id op.")
        else:
            fields["clientIds"] = [_string(errors, "clientIds", v, 1, 50) for v in value]
    if "label" in body:
        fields["label"] = _string(errors, "label", body["label"], 1, 100)
    if "heeftAlleAutorisaties" in body:
        if isinstance(body["heeftAlleAutorisaties"], bool):
            fields["heeftAlleAutorisaties"] = body["heeftAlleAutorisaties"]
        else:
            errors.add("heeftAlleAutorisaties", "invalid", "Verwacht true of false.")
    if "autorisaties" in body:
        items = body["autorisaties"]
        if not isinstance(items, list):
            errors.add("autorisaties", "not_a_list", "Verwacht een lijst van autorisaties.")
        else:
            fields["autorisaties"] = [
                _autorisatie(errors, f"autorisaties.{i}", item) for i, item in enumerate(items)
            ]
    if "secret" in body:
        fields["secret"] = _string(errors, "secret", body["secret"], SECRET_MIN_LENGTH,
                                   SECRET_MAX_LENGTH)  # fmt: skip
    return list(errors) if errors else fields
