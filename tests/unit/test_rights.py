"""The autorisaties model: scopes per component, zaaktype and maximum vertrouwelijkheid."""

from __future__ import annotations

import uuid

from autorisaties.rights import Autorisatie, ClientRights, Component, all_rights, up_to
from schemas.payloads import Vertrouwelijkheidaanduiding as V

PARKEREN, AFVAL = uuid.uuid4(), uuid.uuid4()
CLERK = ClientRights(
    client_id="backoffice",
    autorisaties=(
        Autorisatie(
            Component.zrc,
            frozenset({"zaken.lezen", "zaken.aanmaken"}),
            PARKEREN,
            V.zaakvertrouwelijk,
        ),
        Autorisatie(Component.zrc, frozenset({"zaken.lezen"}), AFVAL, V.openbaar),
        Autorisatie(Component.ztc, frozenset({"catalogi.lezen"})),
    ),
)


def test_typed_rights_follow_zaaktype_and_maximum_vertrouwelijkheid() -> None:
    assert CLERK.allows(
        Component.zrc, "zaken.lezen", type_uuid=PARKEREN, vertrouwelijkheidaanduiding="intern"
    )
    assert CLERK.allows(
        Component.zrc,
        "zaken.lezen",
        type_uuid=PARKEREN,
        vertrouwelijkheidaanduiding="zaakvertrouwelijk",
    )
    assert not CLERK.allows(
        Component.zrc,
        "zaken.lezen",
        type_uuid=PARKEREN,
        vertrouwelijkheidaanduiding="vertrouwelijk",
    )
    assert not CLERK.allows(
        Component.zrc, "zaken.aanmaken", type_uuid=AFVAL, vertrouwelijkheidaanduiding="openbaar"
    )
    assert not CLERK.allows(
        Component.zrc, "zaken.lezen", type_uuid=uuid.uuid4(), vertrouwelijkheidaanduiding="openbaar"
    )
    assert not CLERK.allows(Component.zrc, "zaken.lezen")


def test_untyped_components_and_scope_presence() -> None:
    assert CLERK.allows(Component.ztc, "catalogi.lezen")
    assert not CLERK.allows(Component.ztc, "catalogi.schrijven")
    assert CLERK.has_scope(Component.zrc, "zaken.aanmaken")
    assert not CLERK.has_scope(Component.drc, "documenten.lezen")


def test_visibility_lists_the_grants_for_list_filters() -> None:
    reading = CLERK.visibility(Component.zrc, "zaken.lezen")
    assert set(reading.grants) == {(PARKEREN, V.zaakvertrouwelijk), (AFVAL, V.openbaar)}
    assert CLERK.visibility(Component.zrc, "zaken.verwijderen").nothing
    assert CLERK.visibility(Component.ztc, "catalogi.lezen").everything
    assert all_rights("demo").visibility(Component.zrc, "zaken.lezen").everything


def test_scopes_for_an_object_and_the_order_of_aanduidingen() -> None:
    assert CLERK.scopes_for(Component.zrc, PARKEREN, "openbaar") == {
        "zaken.lezen",
        "zaken.aanmaken",
    }
    assert CLERK.scopes_for(Component.zrc, AFVAL, "geheim") == frozenset()
    assert up_to("intern") == ("openbaar", "beperkt_openbaar", "intern")
