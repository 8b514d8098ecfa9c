"""The gateway's HTTP layer against the official ZGW specs, with a real SQLite zaakmagazijn.

The intake is an in-test IntakePort (``RecordingIntake``) that records envelopes and answers
with a chosen outcome; the real processor is exercised by the end-to-end tests.
"""

from __future__ import annotations

import datetime as dt
import json
import time
import uuid
from collections.abc import AsyncIterator, MutableMapping
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from catalogi.source import StaticCatalogue
from midoffice.container import Container
from midoffice.db import create_engine
from midoffice.gateway.app import create_app
from schemas.envelope import Envelope
from schemas.event_types import ZAAK_GEOPEND, ZAAKSTATUS_GEWIJZIGD
from schemas.outcome import Accepted, InvalidParam, Outcome, Rejected
from schemas.payloads import StatusGezetV1
from tests import zgw_spec
from tests.integration.gateway_support import (
    BASE,
    CATALOGUE,
    CATALOGUS_UUID,
    RSIN,
    STATUSTYPE,
    TRACEPARENT,
    ZAAKTYPE,
    ZAAKTYPE_UUID,
    RecordingIntake,
    accept_and_project,
    bearer,
    insert_status,
    insert_zaak,
    make_settings,
    token,
    unsigned_token,
    zaak_body,
)
from zaakmagazijn.rules import local_date
from zaakmagazijn.tables import metadata


@pytest.fixture
async def engine(tmp_path: Any) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/zaakmagazijn.sqlite3")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def intake() -> RecordingIntake:
    return RecordingIntake()


@pytest.fixture
async def client(engine: AsyncEngine, intake: RecordingIntake) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(Container(make_settings(), StaticCatalogue(CATALOGUE), engine, intake))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE) as http:
        yield http


# --- POST /zaken ------------------------------------------------------------------------------


async def test_create_zaak_answers_201_with_the_registered_zaak(
    client: httpx.AsyncClient, intake: RecordingIntake, engine: AsyncEngine
) -> None:
    intake.decide = accept_and_project(engine)
    response = await client.post(
        "/zaken/api/v1/zaken",
        json=zaak_body(),
        headers={**bearer(), "Accept-Crs": "EPSG:4326", "traceparent": TRACEPARENT},
    )
    assert response.status_code == 201, response.text
    body = zgw_spec.assert_response(response)
    assert response.headers["Location"] == body["url"]
    assert body["url"].startswith(f"{BASE}/zaken/api/v1/zaken/")
    assert body["identificatie"] == "ZAAK-2026-0000000001"
    assert body["zaaktype"] == f"{BASE}/catalogi/api/v1/zaaktypen/{ZAAKTYPE_UUID}"
    assert body["vertrouwelijkheidaanduiding"] == "zaakvertrouwelijk"  # from the zaaktype
    # the registratiedatum is the date in Europe/Amsterdam, a day ahead of UTC late at night
    assert body["registratiedatum"] == local_date(dt.datetime.now(dt.UTC)).isoformat()
    assert response.headers["Content-Crs"] == "EPSG:4326"
    assert response.headers["API-version"] == "1.5.1"
    [envelope] = intake.submitted
    assert envelope.type == ZAAK_GEOPEND
    assert str(envelope.subject) == body["uuid"]
    assert envelope.tenant == RSIN
    assert (envelope.clientid, envelope.userid) == ("demo", "medewerker-1")
    assert envelope.source == "urn:nld:midoffice"
    assert envelope.traceparent == TRACEPARENT


async def test_invalid_traceparent_is_replaced(
    client: httpx.AsyncClient, intake: RecordingIntake
) -> None:
    headers = {**bearer(), "Prefer": "respond-async", "traceparent": "00-xyz-01"}
    await client.post("/zaken/api/v1/zaken", json=zaak_body(), headers=headers)
    [envelope] = intake.submitted
    assert envelope.traceparent != "00-xyz-01"
    assert len(envelope.traceparent) == 55


def invalid_params(response: httpx.Response) -> dict[str, str]:
    """Validate a 400 against the spec and return {name: code}."""
    assert response.status_code == 400, response.text
    assert response.headers["Content-Type"].startswith("application/problem+json")
    body = zgw_spec.assert_response(response)
    return {param["name"]: param["code"] for param in body["invalidParams"]}


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"bronorganisatie": "123456789"}, {"bronorganisatie": "invalid"}),
        ({"verantwoordelijkeOrganisatie": "12345678"}, {"verantwoordelijkeOrganisatie":
                                                         "invalid-length"}),
        ({"startdatum": None}, {"startdatum": "required"}),
        ({"zaaktype": f"{BASE}/catalogi/api/v1/zaaktypen/{uuid.uuid4()}"},
         {"zaaktype": "does_not_exist"}),
        ({"zaaktype": f"{BASE}/zaken/api/v1/zaken/{uuid.uuid4()}"}, {"zaaktype": "no_match"}),
        ({"startdatum": "1-2-2026", "omschrijving": "x" * 81, "vertrouwelijkheidaanduiding": "x"},
         {"startdatum": "invalid", "omschrijving": "max_length",
          "vertrouwelijkheidaanduiding": "invalid_choice"}),
    ],
)  # fmt: skip
async def test_create_zaak_rejects_bad_input_per_field(
    client: httpx.AsyncClient,
    intake: RecordingIntake,
    overrides: dict[str, Any],
    expected: dict[str, str],
) -> None:
    response = await client.post("/zaken/api/v1/zaken", json=zaak_body(**overrides),
                                 headers=bearer())  # fmt: skip
    assert invalid_params(response) == expected
    assert intake.submitted == []


async def test_malformed_json_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/zaken/api/v1/zaken",
        content=b'{"bronorganisatie": ',
        headers={**bearer(), "Content-Type": "application/json"},
    )
    assert invalid_params(response) == {"nonFieldErrors": "parse_error"}
    hostile = await client.post(
        "/zaken/api/v1/zaken",
        content=b"[" * 4000,  # deeper than the parser recurses, under the body cap (4096)
        headers={**bearer(), "Content-Type": "application/json"},
    )
    assert invalid_params(hostile) == {"nonFieldErrors": "parse_error"}


async def test_a_number_too_long_to_convert_is_a_400(
    engine: AsyncEngine, intake: RecordingIntake
) -> None:
    settings = make_settings(max_request_bytes=20_000)
    app = create_app(Container(settings, StaticCatalogue(CATALOGUE), engine, intake))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http:
        response = await http.post(
            "/zaken/api/v1/zaken",
            content=b'{"bronorganisatie": ' + b"1" * 5000 + b"}",  # Python's 4300-digit limit
            headers={**bearer(), "Content-Type": "application/json"},
        )
    assert invalid_params(response) == {"nonFieldErrors": "parse_error"}
    assert intake.submitted == []


async def test_a_body_that_is_not_an_object_is_a_400(client: httpx.AsyncClient) -> None:
    response = await client.post("/zaken/api/v1/zaken", json=[1, 2], headers=bearer())
    assert invalid_params(response) == {"nonFieldErrors": "invalid"}


async def test_another_media_type_is_a_415(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/zaken/api/v1/zaken", content=b"<zaak/>", headers={**bearer(), "Content-Type": "text/xml"}
    )
    assert response.status_code == 415
    zgw_spec.assert_response(response)


async def test_rejected_outcome_is_a_400_with_the_processors_reasons(
    client: httpx.AsyncClient, intake: RecordingIntake
) -> None:
    async def reject(_envelope: Envelope) -> Outcome:
        reason = InvalidParam("identificatie", "identificatie-niet-uniek", "Al in gebruik.")
        return Rejected(invalid_params=(reason,))

    intake.decide = reject
    response = await client.post(
        "/zaken/api/v1/zaken", json=zaak_body(identificatie="Z-1"), headers=bearer()
    )
    assert invalid_params(response) == {"identificatie": "identificatie-niet-uniek"}


async def test_prefer_respond_async_answers_202_at_once(
    client: httpx.AsyncClient, intake: RecordingIntake
) -> None:
    response = await client.post(
        "/zaken/api/v1/zaken", json=zaak_body(), headers={**bearer(), "Prefer": "respond-async"}
    )
    assert response.status_code == 202
    assert response.headers["Preference-Applied"] == "respond-async"
    [envelope] = intake.submitted
    location = f"{BASE}/midoffice/api/v1/verwerkingen/{envelope.id}"
    assert response.headers["Location"] == location
    assert response.json() == {"status": "pending", "url": None, "invalidParams": []}
    assert intake.waits == 0


async def test_timeout_answers_202_with_a_location_to_poll(
    client: httpx.AsyncClient, intake: RecordingIntake, engine: AsyncEngine
) -> None:
    response = await client.post("/zaken/api/v1/zaken", json=zaak_body(), headers=bearer())
    assert response.status_code == 202
    assert "Preference-Applied" not in response.headers
    location = response.headers["Location"]
    polled = await client.get(location, headers=bearer())
    assert polled.json() == {"status": "pending", "url": None, "invalidParams": []}

    [envelope] = intake.submitted
    await accept_and_project(engine)(envelope)
    intake.decided[envelope.id] = Accepted("zaak", envelope.subject, facts=())
    polled = await client.get(location, headers=bearer())
    assert polled.json() == {
        "status": "accepted",
        "url": f"{BASE}/zaken/api/v1/zaken/{envelope.subject}",
        "invalidParams": [],
    }


async def test_outcome_poll_reports_rejections_and_unknown_ids(
    client: httpx.AsyncClient, intake: RecordingIntake
) -> None:
    event_id = uuid.uuid4()
    intake.decided[event_id] = Rejected((InvalidParam("zaak", "does_not_exist", "Onbekend."),))
    polled = await client.get(f"/midoffice/api/v1/verwerkingen/{event_id}", headers=bearer())
    assert polled.json()["status"] == "rejected"
    assert polled.json()["invalidParams"] == [
        {"name": "zaak", "code": "does_not_exist", "reason": "Onbekend."}
    ]
    unknown = await client.get(f"/midoffice/api/v1/verwerkingen/{uuid.uuid4()}", headers=bearer())
    assert unknown.status_code == 404
    zgw_spec.validate_schema("zaken", "Fout", unknown.json())
    anonymous = await client.get(f"/midoffice/api/v1/verwerkingen/{event_id}")
    assert anonymous.status_code == 401


async def test_unexpected_errors_are_a_500_problem_without_internals(
    client: httpx.AsyncClient, intake: RecordingIntake
) -> None:
    intake.submit_error = RuntimeError("database password is hunter2")
    response = await client.post("/zaken/api/v1/zaken", json=zaak_body(), headers=bearer())
    assert response.status_code == 500
    body = zgw_spec.assert_response(response)
    assert "hunter2" not in response.text
    assert body["instance"].startswith("urn:uuid:")


async def test_unsupported_crs_is_a_406(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/zaken/api/v1/zaken", headers={**bearer(), "Accept-Crs": "EPSG:28992"}
    )
    assert response.status_code == 406
    zgw_spec.assert_response(response)


# --- authentication ---------------------------------------------------------------------------


def _expired() -> dict[str, str]:
    return bearer(token(iat=int(time.time()) - 3600 - 61 - 5))


@pytest.mark.parametrize(
    ("headers", "code"),
    [
        ({}, "not_authenticated"),
        ({"Authorization": "Basic ZGVtbzpzZWNyZXQ="}, "not_authenticated"),
        ({"Authorization": "Bearer not-a-jwt"}, "authentication_failed"),
        (bearer(token(secret="another-secret-that-is-long-enough!!")), "authentication_failed"),
        (bearer(unsigned_token()), "authentication_failed"),
        ("expired", "authentication_failed"),
        ("future", "authentication_failed"),
        ("no-iat", "authentication_failed"),
        ("unknown-client", "authentication_failed"),
    ],
)
async def test_requests_without_a_valid_token_are_401(
    client: httpx.AsyncClient, headers: dict[str, str] | str, code: str
) -> None:
    generated = {
        "expired": lambda: _expired(),
        "future": lambda: bearer(token(iat=int(time.time()) + 3600)),
        "no-iat": lambda: bearer(token(iat=None)),
        "unknown-client": lambda: bearer(token(client_id="onbekend", iss="onbekend")),
    }
    sent = generated[headers]() if isinstance(headers, str) else headers
    response = await client.get("/zaken/api/v1/zaken", headers=sent)
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = zgw_spec.assert_response(response)
    assert body["code"] == code


async def test_tokens_within_the_leeway_are_accepted(client: httpx.AsyncClient) -> None:
    slightly_future = bearer(token(iat=int(time.time()) + 30))
    assert (await client.get("/zaken/api/v1/zaken", headers=slightly_future)).status_code == 200


async def test_the_demo_client_is_refused_when_not_on_loopback(
    engine: AsyncEngine, intake: RecordingIntake
) -> None:
    settings = make_settings(http_host="0.0.0.0")
    app = create_app(Container(settings, StaticCatalogue(CATALOGUE), engine, intake))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http:
        response = await http.get("/zaken/api/v1/zaken", headers=bearer())
    assert response.status_code == 401
    assert response.json()["code"] == "authentication_failed"


# --- request size -----------------------------------------------------------------------------


async def test_a_declared_oversized_body_is_refused_with_413(client: httpx.AsyncClient) -> None:
    body = json.dumps(zaak_body(toelichting="x" * 5000)).encode()
    response = await client.post(
        "/zaken/api/v1/zaken",
        content=body,
        headers={**bearer(), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.headers["Content-Type"].startswith("application/problem+json")
    zgw_spec.validate_schema("zaken", "Fout", response.json())


async def test_a_streamed_oversized_body_is_cut_off_with_413(
    client: httpx.AsyncClient, intake: RecordingIntake
) -> None:
    sent: list[int] = []

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(100):
            sent.append(1)
            yield b" " * 1024

    response = await client.post(
        "/zaken/api/v1/zaken",
        content=chunks(),
        headers={**bearer(), "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert "content-length" not in response.request.headers
    assert intake.submitted == []


async def test_a_lying_content_length_is_counted_and_cut_off(
    engine: AsyncEngine, intake: RecordingIntake
) -> None:
    app = create_app(Container(make_settings(), StaticCatalogue(CATALOGUE), engine, intake))
    messages = [{"type": "http.request", "body": b" " * 1024, "more_body": True}] * 10
    messages.append({"type": "http.request", "body": b"", "more_body": False})
    sent: list[MutableMapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
        "scheme": "http", "path": "/zaken/api/v1/zaken", "raw_path": b"/zaken/api/v1/zaken",
        "query_string": b"", "root_path": "", "server": ("testserver", 80),
        "client": ("127.0.0.1", 1234),
        "headers": [(b"host", b"testserver"), (b"content-length", b"10"),
                    (b"content-type", b"application/json"),
                    (b"authorization", f"Bearer {token()}".encode())],
    }  # fmt: skip
    await app(scope, receive, send)
    assert sent[0]["status"] == 413
    assert len(messages) > 0  # stopped reading before the end
    assert intake.submitted == []


# --- reading zaken ----------------------------------------------------------------------------


async def test_read_zaak_with_etag(client: httpx.AsyncClient, engine: AsyncEngine) -> None:
    zaak_uuid = await insert_zaak(engine)
    response = await client.get(f"/zaken/api/v1/zaken/{zaak_uuid}", headers=bearer())
    body = zgw_spec.assert_response(response)
    assert body["uuid"] == str(zaak_uuid)
    assert body["kenmerken"] == [{"kenmerk": "K-1", "bron": "parkeerapp"}]
    assert body["status"] is None
    etag = response.headers["ETag"]
    cached = await client.get(
        f"/zaken/api/v1/zaken/{zaak_uuid}", headers={**bearer(), "If-None-Match": etag}
    )
    assert cached.status_code == 304
    assert cached.content == b""


async def test_head_answers_the_headers_of_get_without_content(
    client: httpx.AsyncClient, engine: AsyncEngine
) -> None:
    path = f"/zaken/api/v1/zaken/{await insert_zaak(engine)}"
    read = await client.get(path, headers=bearer())
    head = await client.head(path, headers=bearer())
    assert (head.status_code, head.content) == (200, b"")
    for name in ("ETag", "Content-Length", "Content-Crs", "API-version"):
        assert head.headers[name] == read.headers[name], name
    # the headers of HEAD describe the GET representation (the spec lists it as content)
    zgw_spec.validate_response("zaken", path, "head", 200, read.json(), head.headers)
    cached = await client.head(path, headers={**bearer(), "If-None-Match": read.headers["ETag"]})
    assert (cached.status_code, cached.content) == (304, b"")
    missing = await client.head(f"/zaken/api/v1/zaken/{uuid.uuid4()}", headers=bearer())
    assert (missing.status_code, missing.content) == (404, b"")
    anonymous = await client.head(path)
    assert (anonymous.status_code, anonymous.content) == (401, b"")


@pytest.mark.parametrize("path", [f"/zaken/api/v1/zaken/{uuid.uuid4()}", "/zaken/api/v1/zaken/1"])
async def test_unknown_zaak_is_a_404_problem(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path, headers=bearer())
    assert response.status_code == 404
    body = zgw_spec.assert_response(response, path="/zaken/{uuid}")
    assert body["code"] == "not_found"


async def test_unknown_paths_and_methods_are_problems(client: httpx.AsyncClient) -> None:
    missing = await client.get("/zaken/api/v1/nergens", headers=bearer())
    assert missing.status_code == 404
    zgw_spec.validate_schema("zaken", "Fout", missing.json())
    not_allowed = await client.delete(
        f"/zaken/api/v1/statussen/{uuid.uuid4()}", headers=bearer()
    )
    assert not_allowed.status_code == 405
    assert not_allowed.headers["Content-Type"].startswith("application/problem+json")
    zgw_spec.validate_schema("zaken", "Fout", not_allowed.json())


async def test_list_zaken_pages_by_100(client: httpx.AsyncClient, engine: AsyncEngine) -> None:
    for _ in range(101):
        await insert_zaak(engine)
    first = await client.get("/zaken/api/v1/zaken", headers=bearer())
    body = zgw_spec.assert_response(first)
    assert (body["count"], len(body["results"]), body["previous"]) == (101, 100, None)
    assert body["next"] == f"{BASE}/zaken/api/v1/zaken?page=2"
    second = zgw_spec.assert_response(await client.get(body["next"], headers=bearer()))
    assert (len(second["results"]), second["next"]) == (1, None)
    assert second["previous"] == f"{BASE}/zaken/api/v1/zaken"
    seen = {z["uuid"] for z in body["results"]} | {z["uuid"] for z in second["results"]}
    assert len(seen) == 101
    beyond = await client.get("/zaken/api/v1/zaken?page=3", headers=bearer())
    assert beyond.status_code == 404


async def test_list_zaken_filters(client: httpx.AsyncClient, engine: AsyncEngine) -> None:
    early = await insert_zaak(engine, identificatie="Z-EARLY", startdatum=dt.date(2025, 12, 1))
    late = await insert_zaak(engine, identificatie="Z-LATE", startdatum=dt.date(2026, 3, 1))
    other = await insert_zaak(engine, bronorganisatie="123456782")

    async def found(**params: str) -> set[uuid.UUID]:
        response = await client.get("/zaken/api/v1/zaken", params=params, headers=bearer())
        return {uuid.UUID(z["uuid"]) for z in zgw_spec.assert_response(response)["results"]}

    assert await found(identificatie="Z-LATE") == {late}
    assert await found(bronorganisatie="123456782") == {other}
    assert await found(startdatum__lt="2026-01-01") == {early}
    assert await found(startdatum__gte="2026-03-01") == {late}
    assert await found(zaaktype=ZAAKTYPE) == {early, late, other}
    assert await found(zaaktype=f"https://elders.example/zaaktypen/{uuid.uuid4()}") == set()
    ordered = await client.get(
        "/zaken/api/v1/zaken", params={"ordering": "startdatum"}, headers=bearer()
    )
    assert ordered.json()["results"][0]["uuid"] == str(early)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("startdatum__gt=gisteren", {"startdatum__gt": "invalid"}),
        ("ordering=-kleur", {"ordering": "invalid_choice"}),
        ("kleur=rood", {"nonFieldErrors": "unknown-parameters"}),
    ],
)  # fmt: skip
async def test_list_zaken_refuses_bad_or_unsupported_parameters(
    client: httpx.AsyncClient, query: str, expected: dict[str, str]
) -> None:
    response = await client.get(f"/zaken/api/v1/zaken?{query}", headers=bearer())
    assert invalid_params(response) == expected


async def test_public_url_is_used_for_links(engine: AsyncEngine, intake: RecordingIntake) -> None:
    settings = make_settings(public_url="https://midoffice.demodam.example")
    app = create_app(Container(settings, StaticCatalogue(CATALOGUE), engine, intake))
    zaak_uuid = await insert_zaak(engine)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http:
        body = (await http.get(f"/zaken/api/v1/zaken/{zaak_uuid}", headers=bearer())).json()
    assert body["url"] == f"https://midoffice.demodam.example/zaken/api/v1/zaken/{zaak_uuid}"


# --- statussen --------------------------------------------------------------------------------


def status_body(zaak_uuid: uuid.UUID, **overrides: Any) -> dict[str, Any]:
    body = {
        "zaak": f"https://elders.example/zaken/api/v1/zaken/{zaak_uuid}",
        "statustype": STATUSTYPE,
        "datumStatusGezet": "2026-02-02T10:00:00+01:00",
        "statustoelichting": "Aanvraag in behandeling genomen.",
    }
    body.update(overrides)
    return body


async def test_create_status_answers_201(
    client: httpx.AsyncClient, intake: RecordingIntake, engine: AsyncEngine
) -> None:
    zaak_uuid = await insert_zaak(engine, bronorganisatie="123456782")
    intake.decide = accept_and_project(engine)
    response = await client.post(
        "/zaken/api/v1/statussen", json=status_body(zaak_uuid), headers=bearer()
    )
    assert response.status_code == 201, response.text
    body = zgw_spec.assert_response(response)
    assert body["indicatieLaatstGezetteStatus"] is True
    assert body["zaak"] == f"{BASE}/zaken/api/v1/zaken/{zaak_uuid}"
    assert body["datumStatusGezet"] == "2026-02-02T09:00:00Z"
    [envelope] = intake.submitted
    assert (envelope.type, envelope.subject) == (ZAAKSTATUS_GEWIJZIGD, zaak_uuid)
    assert envelope.tenant == "123456782"  # the zaak's bronorganisatie
    zaak_read = await client.get(f"/zaken/api/v1/zaken/{zaak_uuid}", headers=bearer())
    assert zaak_read.json()["status"] == body["url"]


async def test_status_for_a_zaak_not_yet_in_the_read_model_is_submitted(
    client: httpx.AsyncClient, intake: RecordingIntake
) -> None:
    zaak_uuid = uuid.uuid4()
    response = await client.post(
        "/zaken/api/v1/statussen",
        json=status_body(zaak_uuid),
        headers={**bearer(), "Prefer": "respond-async"},
    )
    assert response.status_code == 202
    [envelope] = intake.submitted
    assert envelope.subject == zaak_uuid
    assert envelope.tenant == RSIN  # rsin of the statustype's catalogus


async def test_create_status_rejects_bad_references(client: httpx.AsyncClient) -> None:
    body = status_body(
        uuid.uuid4(),
        zaak="https://elders.example/iets/anders",
        statustype=f"{BASE}/catalogi/api/v1/statustypen/{uuid.uuid4()}",
        datumStatusGezet=None,
    )
    response = await client.post("/zaken/api/v1/statussen", json=body, headers=bearer())
    assert invalid_params(response) == {
        "zaak": "no_match",
        "statustype": "does_not_exist",
        "datumStatusGezet": "null",
    }


async def test_list_and_read_statussen(client: httpx.AsyncClient, engine: AsyncEngine) -> None:
    zaak_uuid = await insert_zaak(engine)
    other_zaak = await insert_zaak(engine)
    first = StatusGezetV1(
        uuid=uuid.uuid4(), zaak=zaak_uuid, statustype=uuid.UUID(STATUSTYPE.rsplit("/", 1)[1]),
        datumStatusGezet=dt.datetime(2026, 2, 1, 9, tzinfo=dt.UTC),
    )  # fmt: skip
    second = first.model_copy(
        update={
            "uuid": uuid.uuid4(),
            "gezetdoor": None,
            "datumStatusGezet": dt.datetime(2026, 2, 3, tzinfo=dt.UTC),
        }
    )
    await insert_status(engine, first, sequence=2)
    await insert_status(engine, second, sequence=3)
    await insert_status(engine, first.model_copy(update={"uuid": uuid.uuid4(), "zaak": other_zaak}))

    zaak_url = f"https://elders.example/zaken/api/v1/zaken/{zaak_uuid}"
    listed = await client.get("/zaken/api/v1/statussen", params={"zaak": zaak_url},
                              headers=bearer())  # fmt: skip
    body = zgw_spec.assert_response(listed)
    assert [s["uuid"] for s in body["results"]] == [str(first.uuid), str(second.uuid)]
    assert [s["indicatieLaatstGezetteStatus"] for s in body["results"]] == [False, True]
    latest = await client.get(
        "/zaken/api/v1/statussen",
        params={"zaak": zaak_url, "indicatieLaatstGezetteStatus": "true"},
        headers=bearer(),
    )
    assert [s["uuid"] for s in latest.json()["results"]] == [str(second.uuid)]
    everything = await client.get("/zaken/api/v1/statussen", headers=bearer())
    assert everything.json()["count"] == 3
    read = await client.get(f"/zaken/api/v1/statussen/{first.uuid}", headers=bearer())
    assert zgw_spec.assert_response(read)["indicatieLaatstGezetteStatus"] is False
    missing = await client.get(f"/zaken/api/v1/statussen/{uuid.uuid4()}", headers=bearer())
    assert missing.status_code == 404
    zgw_spec.assert_response(missing)


# --- catalogi ---------------------------------------------------------------------------------


async def test_catalogi_resources_follow_the_catalogi_spec(client: httpx.AsyncClient) -> None:
    catalogussen = await client.get("/catalogi/api/v1/catalogussen", headers=bearer())
    [catalogus] = zgw_spec.assert_response(catalogussen)["results"]
    assert catalogussen.headers["API-version"] == "1.3.1"
    assert catalogus["rsin"] == RSIN
    detail = await client.get(catalogus["url"], headers=bearer())
    assert zgw_spec.assert_response(detail) == catalogus

    zaaktypen = zgw_spec.assert_response(
        await client.get("/catalogi/api/v1/zaaktypen", headers=bearer())
    )
    [zaaktype] = zaaktypen["results"]
    zgw_spec.validate_schema("catalogi", "ZaakType", zaaktype)  # list schema is unspecified
    assert zaaktype["catalogus"] == catalogus["url"]
    assert catalogus["zaaktypen"] == [zaaktype["url"]]
    read = await client.get(zaaktype["url"], headers=bearer())
    zgw_spec.validate_schema("catalogi", "ZaakType", zgw_spec.assert_response(read))

    statustypen = await client.get(
        "/catalogi/api/v1/statustypen", params={"zaaktype": zaaktype["url"]}, headers=bearer()
    )
    results = zgw_spec.assert_response(statustypen)["results"]
    assert [s["volgnummer"] for s in results] == [1, 2, 3, 4]
    assert [s["isEindstatus"] for s in results] == [False, False, False, True]
    assert [s["url"] for s in results] == zaaktype["statustypen"]
    zgw_spec.assert_response(await client.get(results[0]["url"], headers=bearer()))


@pytest.mark.parametrize(
    ("path", "count"),
    [
        ("/catalogi/api/v1/zaaktypen?identificatie=AANVRAAG-PARKEERVERGUNNING", 1),
        ("/catalogi/api/v1/zaaktypen?identificatie=ONBEKEND", 0),
        ("/catalogi/api/v1/zaaktypen?trefwoorden=parkeren,vergunning", 1),
        ("/catalogi/api/v1/zaaktypen?trefwoorden=bouwen", 0),
        ("/catalogi/api/v1/zaaktypen?status=concept", 0),
        ("/catalogi/api/v1/zaaktypen?status=alles&datumGeldigheid=2025-12-31", 0),
        (f"/catalogi/api/v1/zaaktypen?catalogus={BASE}/catalogi/api/v1/catalogussen/"
         f"{CATALOGUS_UUID}", 1),
        ("/catalogi/api/v1/statustypen?zaaktypeIdentificatie=AANVRAAG-PARKEERVERGUNNING", 4),
        (f"/catalogi/api/v1/statustypen?zaaktype={BASE}/catalogi/api/v1/zaaktypen/"
         f"{uuid.uuid4()}", 0),
        ("/catalogi/api/v1/catalogussen?rsin__in=123456782,002220647", 1),
        ("/catalogi/api/v1/catalogussen?domein=ANDER", 0),
    ],
)  # fmt: skip
async def test_catalogi_filters(client: httpx.AsyncClient, path: str, count: int) -> None:
    response = await client.get(path, headers=bearer())
    assert zgw_spec.assert_response(response)["count"] == count


async def test_catalogi_errors(client: httpx.AsyncClient) -> None:
    bad = await client.get("/catalogi/api/v1/zaaktypen?status=misschien", headers=bearer())
    assert invalid_params(bad) == {"status": "invalid_choice"}
    missing = await client.get(f"/catalogi/api/v1/zaaktypen/{uuid.uuid4()}", headers=bearer())
    assert missing.status_code == 404
    zgw_spec.assert_response(missing)
    anonymous = await client.get("/catalogi/api/v1/zaaktypen")
    assert anonymous.status_code == 401
    zgw_spec.assert_response(anonymous)


async def test_request_validation_errors_become_validatiefout(
    engine: AsyncEngine, intake: RecordingIntake
) -> None:
    app = create_app(Container(make_settings(), StaticCatalogue(CATALOGUE), engine, intake))

    @app.get("/zaken/api/v1/_probe")
    async def probe(aantal: int, soort: str) -> dict[str, int]:
        return {"aantal": aantal}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE) as http:
        response = await http.get("/zaken/api/v1/_probe?aantal=veel")
    assert response.status_code == 400
    zgw_spec.validate_schema("zaken", "ValidatieFout", response.json())
    params = {p["name"]: p["code"] for p in response.json()["invalidParams"]}
    assert params == {"aantal": "invalid", "soort": "required"}


@pytest.mark.parametrize("page", ["73529672987720540160", "²", "0", "-1", "1" * 5000, "abc"])
async def test_absurd_page_numbers_are_404_not_a_server_error(
    client: httpx.AsyncClient, engine: AsyncEngine, page: str
) -> None:
    await insert_zaak(engine)
    for path in ("/zaken/api/v1/zaken", "/zaken/api/v1/statussen"):
        answer = await client.get(path, params={"page": page}, headers=bearer())
        assert answer.status_code == 404, (path, page, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
