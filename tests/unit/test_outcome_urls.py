"""Every resource a processor can report as accepted has a URL the gateway really serves,
so a 202 outcome poll always links to the created resource."""

from __future__ import annotations

import uuid

import httpx

from adapters.zgw.urls import ResourceUrls
from catalogi.loader import load_catalogue
from catalogi.source import StaticCatalogue
from midoffice.container import Container
from midoffice.gateway.app import create_app
from midoffice.gateway.submission import OTHER_COLLECTIONS, resource_url
from midoffice.settings import DEMO_CATALOGUE, Settings
from schemas.catalogi_events import SOORTEN
from schemas.outcome import Accepted


async def test_every_collection_is_a_served_route() -> None:
    catalogue = StaticCatalogue(load_catalogue(DEMO_CATALOGUE))
    app = create_app(Container(Settings(), catalogue, None, None))  # type: ignore[arg-type]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        for resource, collection in OTHER_COLLECTIONS.items():
            for path in (collection, f"{collection}/{uuid.uuid4()}"):
                answer = await client.get(path)  # no token: 401 where a route exists
                assert answer.status_code == 401, (resource, path, answer.status_code)
        assert (await client.get("/catalogi/api/v1/bestaat-niet")).status_code == 404


def test_catalogue_resources_and_documents_get_a_url() -> None:
    urls = ResourceUrls("https://midoffice.example")
    identifier = uuid.uuid4()
    for soort in SOORTEN:
        found = resource_url(Accepted(soort.name, identifier, ()), urls)
        assert found and found.endswith(f"/{identifier}"), soort.name
    found = resource_url(Accepted("enkelvoudiginformatieobject", identifier, ()), urls)
    assert found == (
        f"https://midoffice.example/documenten/api/v1/enkelvoudiginformatieobjecten/{identifier}"
    )
    assert resource_url(Accepted("onbekend", identifier, ()), urls) is None
