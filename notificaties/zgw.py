"""Notificaties API 1.0 JSON <-> the internal kanaal and abonnement payloads (pure).

Request bodies are checked field by field; the answer is a list of ``InvalidParam`` or the
validated fields. Secrets (``auth``, ``hmacSecret``, ``oauth2.clientSecret``) are returned in
clear to the caller for encryption; responses never contain the HMAC or OAuth2 secret.
"""

from __future__ import annotations

from typing import Any, Final

from notificaties.kanalen import Kanaal
from schemas.outcome import InvalidParam

NOTIFICATIES_ROOT: Final = "/notificaties/api/v1"
BERICHTFORMATEN: Final = ("notificatie", "cloudevents")


def _text(
    body: dict[str, Any], name: str, maximum: int, problems: list[InvalidParam], *, required: bool
) -> str | None:
    value = body.get(name)
    if value is None or value == "":
        if required:
            problems.append(InvalidParam(name, "required", "Dit veld is vereist."))
        return None
    if not isinstance(value, str):
        problems.append(InvalidParam(name, "invalid", "Geen geldige tekst."))
        return None
    if len(value) > maximum:
        problems.append(
            InvalidParam(
                name,
                "max_length",
                f"Zorg ervoor dat dit veld niet meer dan {maximum} tekens bevat.",
            )
        )
        return None
    return value


def _kanalen(value: Any, problems: list[InvalidParam]) -> list[dict[str, Any]] | None:
    if not isinstance(value, list) or not value:
        problems.append(InvalidParam("kanalen", "required", "Minstens één kanaal is vereist."))
        return None
    result = []
    for index, item in enumerate(value):
        naam = item.get("naam") if isinstance(item, dict) else None
        filters = item.get("filters", {}) if isinstance(item, dict) else None
        if not isinstance(naam, str) or not naam or len(naam) > 50:
            problems.append(InvalidParam(f"kanalen.{index}.naam", "invalid", "Ongeldige naam."))
            continue
        if not isinstance(filters, dict) or not all(
            isinstance(k, str) and 0 < len(k) <= 100 and isinstance(v, str) and 0 < len(v) <= 1000
            for k, v in filters.items()
        ):
            problems.append(
                InvalidParam(
                    f"kanalen.{index}.filters",
                    "invalid",
                    "Filters zijn sleutel/waarde-paren van tekst.",
                )
            )
            continue
        result.append({"naam": naam, "filters": dict(filters)})
    return result


def _oauth2(value: Any, problems: list[InvalidParam]) -> dict[str, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        problems.append(InvalidParam("oauth2", "invalid", "Verwacht een object."))
        return None
    inner: list[InvalidParam] = []
    fields = {
        "tokenUrl": _text(value, "tokenUrl", 200, inner, required=True),
        "clientId": _text(value, "clientId", 200, inner, required=True),
        "clientSecret": _text(value, "clientSecret", 1000, inner, required=True),
        "scope": _text(value, "scope", 200, inner, required=False) or "",
    }
    problems += [InvalidParam(f"oauth2.{p.name}", p.code, p.reason) for p in inner]
    return None if inner else {k: v for k, v in fields.items() if v is not None}


def abonnement_from_request(body: Any) -> dict[str, Any] | list[InvalidParam]:
    """The fields of an Abonnement request (POST/PUT; a PATCH is merged first)."""
    if not isinstance(body, dict):
        return [InvalidParam("nonFieldErrors", "invalid", "Verwacht een JSON-object.")]
    problems: list[InvalidParam] = []
    fields: dict[str, Any] = {
        "callbackUrl": _text(body, "callbackUrl", 200, problems, required=True),
        "auth": _text(body, "auth", 1000, problems, required=True),
        "kanalen": _kanalen(body.get("kanalen"), problems),
        "hmacSecret": _text(body, "hmacSecret", 1000, problems, required=False),
        "oauth2": _oauth2(body.get("oauth2"), problems),
    }
    formaat = body.get("berichtformaat", "notificatie")
    if formaat not in BERICHTFORMATEN:
        problems.append(
            InvalidParam(
                "berichtformaat", "invalid_choice", f"Kies uit {', '.join(BERICHTFORMATEN)}."
            )
        )
    burger = body.get("burgerkanaal", False)
    if not isinstance(burger, bool):
        problems.append(InvalidParam("burgerkanaal", "invalid", "Verwacht een boolean."))
    fields |= {"berichtformaat": formaat, "burgerkanaal": burger}
    return problems or fields


def kanaal_from_request(body: Any) -> dict[str, Any] | list[InvalidParam]:
    """The fields of a Kanaal request."""
    if not isinstance(body, dict):
        return [InvalidParam("nonFieldErrors", "invalid", "Verwacht een JSON-object.")]
    problems: list[InvalidParam] = []
    naam = _text(body, "naam", 50, problems, required=True)
    link = _text(body, "documentatieLink", 200, problems, required=False) or ""
    filters = body.get("filters", [])
    if not isinstance(filters, list) or not all(
        isinstance(f, str) and 0 < len(f) <= 100 for f in filters
    ):
        problems.append(InvalidParam("filters", "invalid", "Een lijst van kenmerknamen."))
    return problems or {"naam": naam, "documentatieLink": link, "filters": list(filters)}


def kanaal_to_response(kanaal: Kanaal, base: str) -> dict[str, Any]:
    return {
        "url": f"{base}{NOTIFICATIES_ROOT}/kanaal/{kanaal.uuid}",
        "naam": kanaal.naam,
        "documentatieLink": kanaal.documentatie_link,
        "filters": list(kanaal.filters),
    }


def abonnement_to_response(abonnement: Any, auth: str, base: str) -> dict[str, Any]:
    """The Abonnement resource (``abonnement`` is a :class:`notificaties.queries.Abonnement`)."""
    oauth2 = abonnement.oauth2
    return {
        "url": f"{base}{NOTIFICATIES_ROOT}/abonnement/{abonnement.uuid}",
        "callbackUrl": abonnement.callback_url,
        "auth": auth,
        "kanalen": [dict(k) for k in abonnement.kanalen],
        "berichtformaat": abonnement.berichtformaat,
        "burgerkanaal": abonnement.burgerkanaal,
        "ondertekend": abonnement.encrypted_hmac_secret is not None,
        "oauth2": (
            {
                "tokenUrl": oauth2["tokenUrl"],
                "clientId": oauth2["clientId"],
                "scope": oauth2.get("scope", ""),
            }
            if oauth2
            else None
        ),
    }
