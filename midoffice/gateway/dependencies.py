"""The gateway's FastAPI dependencies, as ``Annotated`` aliases for route signatures.

Everything comes from the :class:`~midoffice.container.Container` that ``create_app`` put on
``app.state``: no module-level settings, engines or catalogues.

Every dependency is ``async def``, also those that do not await: FastAPI runs a plain ``def``
dependency in its thread pool, a thread hop per dependency and request (measured: a third of
the CPU of a catalogue GET; see docs/BENCHMARKS.md).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncConnection

from adapters.zgw.urls import ResourceUrls
from catalogi.model import Catalogue
from midoffice.container import Container
from midoffice.gateway.auth import AuthenticatedClient, authenticated_client
from midoffice.settings import Settings


async def get_container(request: Request) -> Container:
    container: Container = request.app.state.container
    return container


ContainerDep = Annotated[Container, Depends(get_container)]


async def get_settings(container: ContainerDep) -> Settings:
    return container.settings


SettingsDep = Annotated[Settings, Depends(get_settings)]


CATALOGUE_MAX_AGE_SECONDS = 0.02
"""A request trusts a catalogue check this recent; this gateway's own catalogue writes and
every processor batch check at once, other processes' changes show within this time."""


async def get_catalogue(container: ContainerDep) -> Catalogue:
    """The current catalogue snapshot (refreshed first when the catalogue changed)."""
    await container.catalogue.refresh(max_age=CATALOGUE_MAX_AGE_SECONDS)
    return container.catalogue.current()


CatalogueDep = Annotated[Catalogue, Depends(get_catalogue)]


async def get_connection(container: ContainerDep) -> AsyncIterator[AsyncConnection]:
    """A read connection to the zaakmagazijn for the duration of the request."""
    async with container.reads.connect() as connection:
        yield connection


ConnectionDep = Annotated[AsyncConnection, Depends(get_connection)]

ClientDep = Annotated[AuthenticatedClient, Depends(authenticated_client)]


async def get_base_url(request: Request, settings: SettingsDep) -> str:
    """``settings.public_url``, or the base URL the request came in on; no trailing slash."""
    return settings.public_url or str(request.base_url).rstrip("/")


BaseUrlDep = Annotated[str, Depends(get_base_url)]


async def get_urls(base_url: BaseUrlDep) -> ResourceUrls:
    return ResourceUrls(base_url)


UrlsDep = Annotated[ResourceUrls, Depends(get_urls)]
