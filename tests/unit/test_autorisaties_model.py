"""Pure parts of the autorisaties domain: request translation, rules, secrets, seed file."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from autorisaties import rules
from autorisaties.queries import Applicatie
from autorisaties.registry import to_rights
from autorisaties.rights import Component
from autorisaties.secretbox import SecretBox, SecretUnreadable, development_key, new_key
from autorisaties.seed import SeedFileError, load_seed, seed_uuid
from autorisaties.zgw import applicatie_from_request, applicatie_to_response
from schemas.payloads_autorisaties import AutorisatieV1

ZAAKTYPE = uuid.UUID("0d5a7b68-6c2c-4f0e-9f0b-1a4c2b3d4e5f")
ZAAKTYPE_URL = f"https://elders.example/catalogi/api/v1/zaaktypen/{ZAAKTYPE}"


def body(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "clientIds": ["zaaksysteem"],
        "label": "Zaaksysteem",
        "secret": "s" * 32,
        "autorisaties": [
            {
                "component": "zrc",
                "scopes": ["zaken.lezen", "zaken.aanmaken"],
                "zaaktype": ZAAKTYPE_URL,
                "maxVertrouwelijkheidaanduiding": "zaakvertrouwelijk",
            },
            {"component": "ztc", "scopes": ["catalogi.lezen"], "zaaktype": ZAAKTYPE_URL},
        ],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def invalid(result: object) -> dict[str, str]:
    assert isinstance(result, list), result
    return {p.name: p.code for p in result}


def test_a_request_becomes_payload_fields_with_uuids() -> None:
    fields = applicatie_from_request(body(), partial=False)
    assert isinstance(fields, dict)
    zrc, ztc = fields["autorisaties"]
    assert zrc.zaaktype == ZAAKTYPE and zrc.maxVertrouwelijkheidaanduiding == "zaakvertrouwelijk"
    assert ztc.zaaktype is None  # not a field of ztc: ignored, as Open Zaak does
    assert fields["secret"] == "s" * 32


@pytest.mark.parametrize(
    ("overrides", "expected"),
    [
        ({"clientIds": None, "label": None}, {"clientIds": "required", "label": "required"}),
        ({"clientIds": "zaaksysteem"}, {"clientIds": "not_a_list"}),
        ({"clientIds": ["x" * 51]}, {"clientIds": "max_length"}),
        ({"label": ""}, {"label": "blank"}),
        ({"heeftAlleAutorisaties": "ja"}, {"heeftAlleAutorisaties": "invalid"}),
        ({"secret": "kort"}, {"secret": "min_length"}),
        (
            {"autorisaties": [{"component": "xyz", "scopes": []}]},
            {"autorisaties.0.component": "invalid_choice"},
        ),
        (
            {
                "autorisaties": [
                    {
                        "component": "zrc",
                        "scopes": ["zaken.lezen"],
                        "zaaktype": "https://x/zaken/api/v1/zaken/" + str(ZAAKTYPE),
                        "maxVertrouwelijkheidaanduiding": "geheim",
                    }
                ]
            },
            {"autorisaties.0.zaaktype": "bad-url"},
        ),
        (
            {
                "autorisaties": [
                    {
                        "component": "zrc",
                        "scopes": ["zaken.lezen"],
                        "zaaktype": ZAAKTYPE_URL,
                        "maxVertrouwelijkheidaanduiding": "beperkt openbaar",
                    }
                ]
            },
            {"autorisaties.0.maxVertrouwelijkheidaanduiding": "invalid_choice"},
        ),
    ],
)
def test_malformed_requests_name_the_field(
    overrides: dict[str, Any], expected: dict[str, str]
) -> None:
    assert invalid(applicatie_from_request(body(**overrides), partial=False)) == expected


def test_a_partial_request_needs_no_required_fields() -> None:
    assert applicatie_from_request({"label": "Nieuw"}, partial=True) == {"label": "Nieuw"}


def _autorisatie(**fields: Any) -> AutorisatieV1:
    return AutorisatieV1.model_validate(fields)


def test_rules_either_all_rights_or_autorisaties() -> None:
    one = [_autorisatie(component="ac", scopes=["autorisaties.lezen"])]
    assert invalid(rules.check_autorisaties(True, one)) == {
        "nonFieldErrors": "ambiguous-authorizations-specified"
    }
    assert invalid(rules.check_autorisaties(False, [])) == {
        "nonFieldErrors": "missing-authorizations"
    }
    assert rules.check_autorisaties(True, []) == []


def test_rules_typed_components_need_their_type_and_maximum() -> None:
    bare = [_autorisatie(component="zrc", scopes=["zaken.lezen"])]
    assert invalid(rules.check_autorisaties(False, bare)) == {
        "autorisaties.0.zaaktype": "required",
        "autorisaties.0.maxVertrouwelijkheidaanduiding": "required",
    }
    besluit = [_autorisatie(component="brc", scopes=["besluiten.lezen"])]
    assert invalid(rules.check_autorisaties(False, besluit)) == {
        "autorisaties.0.besluittype": "required"
    }


def test_rules_scopes_must_belong_to_the_component() -> None:
    wrong = [_autorisatie(component="ztc", scopes=["zaken.lezen", "catalogi.lezen"])]
    assert invalid(rules.check_autorisaties(False, wrong)) == {
        "autorisaties.0.scopes": "invalid_choice"
    }


def test_every_catalogi_scope_of_the_standard_is_grantable() -> None:
    scopes = [
        "catalogi.lezen",
        "catalogi.schrijven",
        "catalogi.geforceerd-schrijven",
        "catalogi.geforceerd-verwijderen",
    ]
    assert (
        invalid(rules.check_autorisaties(False, [_autorisatie(component="ztc", scopes=scopes)]))
        == {}
    )


def test_rules_client_ids() -> None:
    assert invalid(rules.check_client_ids(["a", "b", "a"])) == {"clientIds": "unique"}
    owner = uuid.uuid4()
    [problem] = rules.client_ids_exist({"a": owner})
    assert (problem.code, str(owner) in problem.reason) == ("clientId-exists", True)


def test_the_response_never_holds_the_secret() -> None:
    app = Applicatie(
        uuid=uuid.uuid4(),
        client_ids=("a",),
        label="A",
        heeft_alle_autorisaties=False,
        autorisaties=(
            _autorisatie(
                component="zrc",
                scopes=["zaken.lezen"],
                zaaktype=ZAAKTYPE,
                maxVertrouwelijkheidaanduiding="openbaar",
            ),
        ),
        encrypted_secret="token",
        verwijderd=False,
        sequence=1,
    )
    response = applicatie_to_response(app, "http://mo")
    assert "secret" not in str(response) and "token" not in str(response)
    assert response["autorisaties"] == [
        {
            "component": "zrc",
            "componentWeergave": "Zaken API",
            "scopes": ["zaken.lezen"],
            "zaaktype": f"http://mo/catalogi/api/v1/zaaktypen/{ZAAKTYPE}",
            "maxVertrouwelijkheidaanduiding": "openbaar",
        }
    ]


def test_rights_of_an_applicatie() -> None:
    intern = _autorisatie(
        component="zrc",
        scopes=["zaken.lezen"],
        zaaktype=ZAAKTYPE,
        maxVertrouwelijkheidaanduiding="intern",
    )
    rights = to_rights("a", False, [intern])
    assert rights.allows(
        Component.zrc, "zaken.lezen", type_uuid=ZAAKTYPE, vertrouwelijkheidaanduiding="openbaar"
    )
    assert not rights.allows(
        Component.zrc, "zaken.lezen", type_uuid=ZAAKTYPE, vertrouwelijkheidaanduiding="geheim"
    )
    assert not rights.has_scope(Component.zrc, "zaken.aanmaken")


def test_secrets_are_encrypted_and_keys_rotate() -> None:
    old, new = new_key(), new_key()
    token = SecretBox(old).encrypt("geheim-secret")
    assert "geheim-secret" not in token
    assert SecretBox(f"{new},{old}").decrypt(token) == "geheim-secret"  # rotated: old decrypts
    with pytest.raises(SecretUnreadable):
        SecretBox(new).decrypt(token)
    with pytest.raises(ValueError):
        SecretBox("not-a-key")
    assert SecretBox(development_key()).decrypt(SecretBox(development_key()).encrypt("x")) == "x"


def test_the_seed_file(tmp_path: Path) -> None:
    path = tmp_path / "applicaties.yaml"
    path.write_text(
        "- label: Zaaksysteem\n  clientIds: [zaaksysteem]\n  secretFromEnv: ZS_SECRET\n"
        "  heeftAlleAutorisaties: true\n",
        encoding="utf-8",
    )
    [item] = load_seed(path, {"ZS_SECRET": "z" * 20})
    assert item.uuid == seed_uuid("zaaksysteem") and item.secret == "z" * 20
    assert item.event_id == load_seed(path, {"ZS_SECRET": "z" * 20})[0].event_id
    with pytest.raises(SeedFileError, match="ZS_SECRET"):
        load_seed(path, {})
    path.write_text("- label: Geen clientIds\n  secret: zzzzzzzzzzzzzzzzzz\n", encoding="utf-8")
    with pytest.raises(SeedFileError, match="clientIds"):
        load_seed(path, {})


def test_the_example_seed_file_is_valid() -> None:
    example = Path(__file__).resolve().parents[2] / "deploy" / "applicaties.example.yaml"
    environ = {
        name: "x" * 32
        for name in (
            "DEMODAM_ZAAKSYSTEEM_SECRET",
            "VOORBEELDSTAD_ZAAKSYSTEEM_SECRET",
            "AUTORISATIEBEHEER_SECRET",
        )
    }
    assert len(load_seed(example, environ)) >= 2
