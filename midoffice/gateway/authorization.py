"""ZGW authorisation for the gateway routes: the client's rights, and 403 when they fall short.

Use in a route (scopes are constants in :mod:`autorisaties.scopes`)::

    from autorisaties.rights import Component
    from autorisaties.scopes import ZAKEN_LEZEN
    from midoffice.gateway.authorization import RightsDep, require_allowed, require_scope

    async def zaak_read(uuid: UUID, rights: RightsDep, ...) -> Response:
        require_scope(rights, Component.zrc, ZAKEN_LEZEN)          # 403 without the scope
        row = ...
        require_allowed(rights, Component.zrc, ZAKEN_LEZEN,         # 403 for a zaak of a
                        type_uuid=row.zaaktype,                     # zaaktype or aanduiding
                        vertrouwelijkheidaanduiding=row.vertrouwelijkheidaanduiding)
        # lists, _zoek, expand: filter with rights.visibility(Component.zrc, ZAKEN_LEZEN)

Public interface:

``RightsDep = Annotated[ClientRights, Depends(client_rights)]``
    The :class:`autorisaties.rights.ClientRights` of the authenticated client (it implies
    authentication: a request without a valid token gets 401 first). The demo client has all
    rights; an applicatie from the autorisaties projection has its own; a client the registry
    knows no rights for gets none (every check fails with 403).
``require_scope(rights, component, scope) -> None``
    Raises a 403 problem (code ``permission_denied``) unless some autorisatie of
    ``component`` carries ``scope``, for any type. Use it before reading or validating.
``require_allowed(rights, component, scope, *, type_uuid, vertrouwelijkheidaanduiding) -> None``
    Raises the same 403 unless the client may use ``scope`` on that object (its zaaktype,
    informatieobjecttype or besluittype and its vertrouwelijkheidaanduiding).
``forbidden(detail="") -> Problem``
    The 403 ``permission_denied`` problem, to ``raise forbidden()`` in your own checks.
``RightsRegistry``
    The protocol a client registry implements to supply rights: ``rights(client_id)``.

Whether a missing object right answers 403 or 404 is the route's choice; Open Zaak answers
403 on a detail read and leaves the object out of a list.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Protocol

import structlog
from fastapi import Depends, Request

from autorisaties.rights import ClientRights, Component
from midoffice.gateway.auth import AuthenticatedClient, authenticated_client
from midoffice.gateway.problems import Problem

log = structlog.get_logger(__name__)

PERMISSION_DENIED = "permission_denied"


class RightsRegistry(Protocol):
    """A client registry that also knows what each client may do."""

    def rights(self, client_id: str) -> ClientRights | None:
        """The client's rights, or None when it has none here."""


def forbidden(detail: str = "") -> Problem:
    """The ZGW 403 problem (``permission_denied``), as Open Zaak answers it."""
    return Problem(
        403,
        code=PERMISSION_DENIED,
        detail=detail or "Je hebt geen toestemming om deze actie uit te voeren.",
    )


def require_scope(rights: ClientRights, component: Component, scope: str) -> None:
    """Raise 403 unless ``rights`` carry ``scope`` for ``component`` (for any type)."""
    if not rights.has_scope(component, scope):
        log.info("permission_denied", client_id=rights.client_id, component=str(component),
                 scope=scope)  # fmt: skip
        raise forbidden(f"De client heeft de scope {scope} niet.")


def require_allowed(
    rights: ClientRights,
    component: Component,
    scope: str,
    *,
    type_uuid: uuid.UUID | None,
    vertrouwelijkheidaanduiding: str | None,
) -> None:
    """Raise 403 unless ``rights`` allow ``scope`` on an object of this type and aanduiding."""
    aanduiding = vertrouwelijkheidaanduiding
    if not rights.allows(
        component, scope, type_uuid=type_uuid, vertrouwelijkheidaanduiding=aanduiding
    ):
        log.info("permission_denied", client_id=rights.client_id, component=str(component),
                 scope=scope, type_uuid=str(type_uuid))  # fmt: skip
        raise forbidden(f"De client is niet geautoriseerd voor dit object ({scope}).")


async def client_rights(
    request: Request,
    client: Annotated[AuthenticatedClient, Depends(authenticated_client)],
) -> ClientRights:
    """FastAPI dependency: the rights of the authenticated client of this request."""
    registry = request.app.state.client_registry
    lookup = getattr(registry, "rights", None)
    found = lookup(client.client_id) if lookup is not None else None
    return found if found is not None else ClientRights(client_id=client.client_id)


RightsDep = Annotated[ClientRights, Depends(client_rights)]
"""The authenticated client's :class:`ClientRights` (401 when unauthenticated)."""
