"""Pure rules of the zaakmagazijn: archive derivation, privileges, the autorisatie filter."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from sqlalchemy.dialects import postgresql

from autorisaties.rights import Visibility
from catalogi.model import Resultaattype
from schemas.catalogi_gegevensgroepen import BrondatumArchiefprocedure
from schemas.payloads import ArchiefgegevensV1, Vertrouwelijkheidaanduiding
from zaakmagazijn import archief, privileges, zaakfilters
from zaakmagazijn.rules import ZaakState

EIND = dt.date(2026, 1, 31)


def resultaattype(wijze: str, **brondatum: object) -> Resultaattype:
    return Resultaattype(
        uuid=uuid.uuid4(),
        omschrijving="Verleend",
        resultaattypeomschrijving="https://referentielijsten.example/r/1",
        selectielijstklasse="https://referentielijsten.example/s/1",
        archiefnominatie="vernietigen",
        archiefactietermijn="P1Y",
        brondatumArchiefprocedure=BrondatumArchiefprocedure(afleidingswijze=wijze, **brondatum),
    )


@pytest.mark.parametrize(
    ("start", "duration", "expected"),
    [
        (dt.date(2026, 1, 31), "P1M", dt.date(2026, 2, 28)),
        (dt.date(2024, 2, 29), "P1Y", dt.date(2025, 2, 28)),
        (dt.date(2026, 1, 1), "P2W", dt.date(2026, 1, 15)),
        (dt.date(2026, 1, 1), "P1Y6M10D", dt.date(2027, 7, 11)),
    ],
)
def test_add_duration(start: dt.date, duration: str, expected: dt.date) -> None:
    assert archief.add_duration(start, duration) == expected


def test_afgehandeld_and_termijn() -> None:
    leeg = ArchiefgegevensV1()
    afgehandeld = archief.afgeleid(resultaattype("afgehandeld"), EIND, leeg, {})
    assert afgehandeld == ArchiefgegevensV1(
        archiefnominatie="vernietigen",
        archiefactiedatum=dt.date(2027, 1, 31),
        startdatumBewaartermijn=EIND,
    )
    termijn = archief.afgeleid(resultaattype("termijn", procestermijn="P5Y"), EIND, leeg, {})
    assert termijn.startdatumBewaartermijn == dt.date(2031, 1, 31)
    assert termijn.archiefactiedatum == dt.date(2032, 1, 31)


def test_eigenschap_and_kept_values() -> None:
    rt = resultaattype("eigenschap", datumkenmerk="vervaldatum")
    found = archief.afgeleid(rt, EIND, ArchiefgegevensV1(), {"vervaldatum": "2030-05-01"})
    assert found.archiefactiedatum == dt.date(2031, 5, 1)
    with pytest.raises(archief.ArchiefError):
        archief.afgeleid(rt, EIND, ArchiefgegevensV1(), {})
    set_already = ArchiefgegevensV1(archiefnominatie="blijvend_bewaren",
                                    archiefactiedatum=dt.date(2040, 1, 1))  # fmt: skip
    kept = archief.afgeleid(resultaattype("afgehandeld"), EIND, set_already, {})
    assert kept.archiefnominatie == "blijvend_bewaren"
    assert kept.archiefactiedatum == dt.date(2040, 1, 1)
    unknown = archief.afgeleid(resultaattype("hoofdzaak"), EIND, ArchiefgegevensV1(), {})
    assert unknown.archiefactiedatum is None and unknown.archiefnominatie == "vernietigen"


def zaak(einddatum: dt.date | None = None) -> ZaakState:
    return ZaakState(uuid=uuid.uuid4(), zaaktype=uuid.uuid4(), sequence=3, einddatum=einddatum)


def test_privileges_for_closed_zaken_and_statussen() -> None:
    closed, open_ = zaak(EIND), zaak()
    assert privileges.check_change(open_, frozenset()) is None
    denied = privileges.check_change(closed, frozenset({"zaken.bijwerken"}))
    assert denied is not None and denied.status_code == 403
    assert privileges.check_change(closed, frozenset({"zaken.geforceerd-bijwerken"})) is None
    assert privileges.check_change(closed, frozenset({"*"})) is None
    assert privileges.check_status(open_, False, frozenset({"zaken.aanmaken"})) is None
    assert privileges.check_status(open_, True, frozenset({"zaken.aanmaken"})) is not None
    assert privileges.check_status(closed, True, frozenset({"zaken.statussen.toevoegen"}))
    assert privileges.check_status(closed, True, frozenset({"zaken.heropenen"})) is None


def test_visibility_becomes_one_condition() -> None:
    assert zaakfilters.visible(Visibility(everything=True)) is None
    nothing = zaakfilters.visible(Visibility(everything=False))
    assert nothing is not None and str(nothing) == "false"
    a, b = uuid.uuid4(), uuid.uuid4()
    grants = ((a, Vertrouwelijkheidaanduiding.openbaar), (b, Vertrouwelijkheidaanduiding.geheim))
    condition = zaakfilters.visible(Visibility(everything=False, grants=grants))
    assert condition is not None
    sql = str(condition.compile(dialect=postgresql.dialect(),  # type: ignore[no-untyped-call]
                                compile_kwargs={"literal_binds": True}))  # fmt: skip
    assert sql.count("zaak.zaaktype IN") == 2 and "'zeer_geheim'" not in sql


def test_rol_filters_select_the_rollen_first() -> None:
    name = "rol__betrokkeneIdentificatie__natuurlijkPersoon__inpBsn"
    shape, params = zaakfilters.shape_of({name: "111222333"})
    assert params == {"filter_0": "111222333"}
    (pg,) = zaakfilters.shaped_conditions(shape, "postgresql")
    sql = str(pg.compile(dialect=postgresql.dialect()))  # type: ignore[no-untyped-call]
    assert "ANY (array((SELECT rol.zaak" in sql
    (other,) = zaakfilters.shaped_conditions(shape, "sqlite")
    assert "IN (SELECT rol.zaak" in str(other)


def test_envelope_carries_idempotency_and_v1_statussen_upcast() -> None:
    from schemas.codec import decode, encode
    from schemas.envelope import Envelope
    from schemas.event_types import ZAAKSTATUS_GEWIJZIGD
    from schemas.payloads import StatusGezetV1, StatusGezetV2
    from schemas.registry import schema_for

    zaak_uuid = uuid.uuid4()
    data = StatusGezetV2(uuid=uuid.uuid4(), zaak=zaak_uuid, statustype=uuid.uuid4(),
                         datumStatusGezet=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))  # fmt: skip
    intake = Envelope(type=ZAAKSTATUS_GEWIJZIGD, subject=zaak_uuid, data=data, tenant="002220647",
                      privileges=frozenset({"zaken.heropenen"}), idempotencykey="k-1",
                      requesthash="ab" * 32)  # fmt: skip
    encoded = encode(intake)
    back = decode(encoded.value, encoded.headers)
    assert (back.idempotencykey, back.requesthash, back.privileges) == (
        "k-1", "ab" * 32, frozenset({"zaken.heropenen"}),
    )  # fmt: skip
    fact = intake.accepted(2, data)
    assert (fact.idempotencykey, fact.requesthash, fact.privileges) == ("", "", frozenset())
    v1 = StatusGezetV1.model_validate(data.model_dump(exclude={"heropend", "archief"}))
    upcast = schema_for(ZAAKSTATUS_GEWIJZIGD).load(1, v1.model_dump(mode="json"))
    assert isinstance(upcast, StatusGezetV2) and upcast.archief is None and not upcast.heropend
