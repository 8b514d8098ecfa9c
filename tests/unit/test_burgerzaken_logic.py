"""Pure logic of the PIP read model and the processing log: BSN 11-proef, KvK number, which
rol identifies whom, pseudonyms, records and settings."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from burgerzaken.apply_zaken import betrokkenen, document_uuid
from burgerzaken.identificatie import bsn_error, kvk_error
from burgerzaken.settings import PipSettings
from schemas.zaakonderdelen import RolV1
from verwerkingslog.record import Trace, pseudonym, records
from verwerkingslog.settings import VerwerkingslogSettings


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999990019"])
def test_valid_bsns_pass_the_11_proef(bsn: str) -> None:
    assert bsn_error(bsn) is None


@pytest.mark.parametrize("bsn", ["111222334", "12345678", "1234567890", "abcdefghi", "000000000",
                                 123456782, None, "12345678 "])  # fmt: skip
def test_invalid_bsns_are_refused(bsn: object) -> None:
    assert bsn_error(bsn)


def test_kvk_numbers_have_8_digits() -> None:
    assert kvk_error("69599084") is None
    assert kvk_error("6959908") and kvk_error("695990841") and kvk_error(69599084)


def _rol(betrokkene_type: str, identificatie: dict[str, str]) -> RolV1:
    return RolV1.model_validate({"uuid": uuid.uuid4(), "zaak": uuid.uuid4(),
        "betrokkeneType": betrokkene_type, "roltype": uuid.uuid4(),
        "betrokkeneIdentificatie": identificatie})  # fmt: skip


def test_rollen_are_indexed_by_bsn_or_kvk_number_as_the_zgw_rol_model_names_them() -> None:
    assert betrokkenen(_rol("natuurlijk_persoon", {"inpBsn": "111222333"})) == [
        ("bsn", "111222333")
    ]
    assert betrokkenen(_rol("niet_natuurlijk_persoon", {"innNnpId": "69599084"})) == [
        ("kvk", "69599084")]  # fmt: skip
    assert betrokkenen(_rol("vestiging", {"kvkNummer": "69599084", "vestigingsNummer": "1"})) == [
        ("kvk", "69599084")]  # fmt: skip
    assert betrokkenen(_rol("medewerker", {"identificatie": "111222333"})) == []
    assert betrokkenen(_rol("natuurlijk_persoon", {"anpIdentificatie": "x"})) == []


def test_document_uuid_from_any_host() -> None:
    document = uuid.uuid4()
    url = f"https://elders.example/documenten/api/v1/enkelvoudiginformatieobjecten/{document}"
    assert document_uuid(url) == document
    assert document_uuid("https://elders.example/documenten/api/v1/iets/anders") is None


def test_pseudonyms_are_keyed_stable_and_typed() -> None:
    first = pseudonym("BSN", "111222333", b"key-1")
    assert first == pseudonym("BSN", "111222333", b"key-1")
    assert first != pseudonym("BSN", "111222333", b"key-2")
    assert first != pseudonym("KVK", "111222333", b"key-1")
    assert "111222333" not in first and len(first) == 64


def test_one_record_per_distinct_subject_without_the_raw_number() -> None:
    trace = Trace.from_traceparent("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
    made = records([("BSN", "111222333"), ("BSN", "111222333"), ("BSN", "123456782")],
                   key=b"k", trace=trace, name="rollen_lezen", activity_id="urn:x",
                   client_id="c", started=dt.datetime.now(dt.UTC))  # fmt: skip
    assert len(made) == 2
    rows = [record.row() for record in made]
    assert {row["trace_id"] for row in rows} == {"0af7651916cd43dd8448eb211c80319c"}
    assert {row["parent_span_id"] for row in rows} == {"b7ad6b7169203331"}
    assert "111222333" not in repr(rows)


def test_settings_read_comma_separated_aanduidingen_and_activities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MIDOFFICE_PIP_DOCUMENT_VERTROUWELIJKHEID", "openbaar, intern")
    assert [str(v) for v in PipSettings().document_vertrouwelijkheid] == ["openbaar", "intern"]
    monkeypatch.setenv("MIDOFFICE_PIP_DOCUMENT_VERTROUWELIJKHEID", "openbaar,geheimzinnig")
    with pytest.raises(ValueError, match="document_vertrouwelijkheid"):
        PipSettings()
    activiteiten = '{"pip_zaken_inzien": {"id": "https://rva.example/1", "naam": "PIP"}}'
    monkeypatch.setenv("MIDOFFICE_VERWERKINGSLOG_ACTIVITEITEN", activiteiten)
    config = VerwerkingslogSettings()
    assert config.activiteit("pip_zaken_inzien").id == "https://rva.example/1"
    assert config.activiteit("rollen_lezen").id.endswith("rollen-lezen")  # default kept
