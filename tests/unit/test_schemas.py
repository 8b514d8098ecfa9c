"""The event contract: JSON Schema export is current, the codec round-trips, bad input fails."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import jsonschema
import pytest

from schemas import event_types
from schemas.codec import DecodeError, decode, encode
from schemas.envelope import Envelope, new_traceparent, trace_id
from schemas.export import JSON_DIR, rendered
from schemas.payloads import StatusGezetV1, ZaakGeopendV1
from schemas.registry import REGISTRY, EventSchema, UnknownEventType, parse_dataschema

ZAAKTYPE = uuid.UUID("0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f")


def zaak_geopend() -> Envelope:
    zaak = uuid.uuid4()
    return Envelope(
        type=event_types.ZAAK_GEOPEND,
        subject=zaak,
        tenant="002220647",
        clientid="demo",
        userid="jan",
        data=ZaakGeopendV1(
            uuid=zaak,
            bronorganisatie="002220647",
            verantwoordelijkeOrganisatie="002220647",
            zaaktype=ZAAKTYPE,
            registratiedatum=dt.date(2026, 11, 1),
            startdatum=dt.date(2026, 11, 1),
            vertrouwelijkheidaanduiding="openbaar",
            omschrijving="Parkeervergunning Dorpsstraat ü",
        ),
    )


def test_exported_json_schemas_are_current() -> None:
    expected = rendered()
    on_disk = {p.name: p.read_text(encoding="utf-8") for p in JSON_DIR.glob("*.json")}
    assert on_disk == expected, "schemas/json is stale: run `make schemas`"


def test_every_payload_validates_against_its_exported_schema() -> None:
    envelope = zaak_geopend()
    schema = json.loads((JSON_DIR / "zaken.zaak-geopend.v1.json").read_text())
    jsonschema.validate(envelope.payload_json(), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**envelope.payload_json(), "bronorganisatie": "12"}, schema)


def test_codec_round_trips_binary_mode_with_all_extensions() -> None:
    intake = zaak_geopend()
    fact = intake.accepted(sequence=1, data=intake.data)
    encoded = encode(fact)
    headers = dict(encoded.headers)
    assert encoded.key == str(fact.subject).encode()
    assert headers["ce_type"] == b"nl.overheid.zaken.zaak-geopend"
    assert headers["ce_tenant"] == b"002220647"
    assert headers["ce_sequence"] == b"1"
    assert headers["ce_causationid"] == str(intake.id).encode()
    assert headers["content-type"] == b"application/json"
    assert decode(encoded.value, encoded.headers) == fact


def test_accepted_fact_id_is_deterministic() -> None:
    intake = zaak_geopend()
    assert intake.accepted(1, intake.data).id == intake.accepted(1, intake.data).id
    assert intake.accepted(1, intake.data).id != intake.id


@pytest.mark.parametrize(
    ("mutate", "reason"),
    [
        (lambda h, v: ({k: x for k, x in h.items() if k != "ce_specversion"}, v), "binary-mode"),
        (lambda h, v: ({**h, "ce_type": b"nl.overheid.zaken.onbekend"}, v), "does not match"),
        (lambda h, v: ({**h, "ce_dataschema": b"urn:midoffice:schema:x:v1"}, v), "match"),
        (lambda h, v: (h, b"{not json"), "not valid JSON"),
        (lambda h, v: (h, b"[1, 2]"), "not a JSON object"),
        (lambda h, v: (h, json.dumps({"uuid": "nope"}).encode()), "schema"),
    ],
)
def test_decode_rejects_bad_events_with_a_reason(mutate, reason) -> None:  # type: ignore[no-untyped-def]
    encoded = encode(zaak_geopend())
    headers, value = mutate(dict(encoded.headers), encoded.value)
    with pytest.raises(DecodeError, match=reason):
        decode(value, list(headers.items()))


def test_unknown_version_is_refused_and_upcasters_run() -> None:
    schema = REGISTRY[event_types.ZAAKSTATUS_GEWIJZIGD]
    with pytest.raises(UnknownEventType):
        schema.load(7, {})
    upcasting = EventSchema(
        "x",
        {1: StatusGezetV1, 2: StatusGezetV1},
        {1: lambda data: {**data, "statustoelichting": "upcast"}},
    )
    payload = {
        "uuid": str(uuid.uuid4()),
        "zaak": str(uuid.uuid4()),
        "statustype": str(uuid.uuid4()),
        "datumStatusGezet": "2026-11-01T10:00:00Z",
    }
    assert upcasting.load(1, payload).statustoelichting == "upcast"  # type: ignore[attr-defined]


def test_dataschema_and_traceparent_helpers() -> None:
    assert parse_dataschema("urn:midoffice:schema:nl.overheid.zaken.zaak-geopend:v3") == (
        "nl.overheid.zaken.zaak-geopend",
        3,
    )
    with pytest.raises(ValueError):
        parse_dataschema("https://example.org/schema")
    assert len(trace_id(new_traceparent())) == 32
    assert trace_id("garbage") == ""
