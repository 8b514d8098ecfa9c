"""The filters of ``GET /zaken`` and ``POST /zaken/_zoek`` as SQL conditions, and the
authorisation filter every zaak read applies.

A filter name is a field with an optional lookup (``startdatum__gte``, ``archiefstatus__in``,
``einddatum__isnull``), as django-filter names them; ``rol__...`` filters match zaken with
a rol that has the value (each such filter on its own, as Open Zaak joins them). Values arrive
parsed (dates, UUIDs, lists, booleans); :data:`FILTERS` says which kind each one takes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from sqlalchemy import (
    ARRAY,
    ColumnElement,
    Uuid,
    and_,
    any_,
    bindparam,
    false,
    func,
    or_,
    select,
    type_coerce,
)
from sqlalchemy.sql.elements import ColumnClause

from autorisaties.rights import Visibility, up_to
from schemas.payloads import Vertrouwelijkheidaanduiding
from zaakmagazijn.tables import rol, zaak

Kind = Literal["text", "date", "uuid", "bool", "list"]


@dataclass(frozen=True)
class Filter:
    """One filter: the column, the lookup and the kind of value it takes."""

    column: Any
    lookup: str  # exact | in | lt | lte | gt | gte | isnull
    kind: Kind
    choices: tuple[str, ...] = ()

    @property
    def on_rol(self) -> bool:
        return isinstance(self.column, ColumnClause) and self.column.table is rol


ARCHIEFNOMINATIE: Final = ("blijvend_bewaren", "vernietigen")
ARCHIEFSTATUS: Final = (
    "nog_te_archiveren", "gearchiveerd", "gearchiveerd_procestermijn_onbekend", "overgedragen",
)  # fmt: skip
BETROKKENE_TYPE: Final = (
    "natuurlijk_persoon", "niet_natuurlijk_persoon", "vestiging", "organisatorische_eenheid",
    "medewerker",
)  # fmt: skip
OMSCHRIJVING_GENERIEK: Final = (
    "adviseur", "behandelaar", "belanghebbende", "beslisser", "initiator", "klantcontacter",
    "zaakcoordinator", "mede_initiator",
)  # fmt: skip
VERTROUWELIJKHEID: Final = tuple(v.value for v in Vertrouwelijkheidaanduiding)

_ID: Final = "rol__betrokkeneIdentificatie__"


def _filters() -> dict[str, Filter]:
    found: dict[str, Filter] = {
        "identificatie": Filter(zaak.c.identificatie, "exact", "text"),
        "bronorganisatie": Filter(zaak.c.bronorganisatie, "exact", "text"),
        "bronorganisatie__in": Filter(zaak.c.bronorganisatie, "in", "list"),
        "zaaktype": Filter(zaak.c.zaaktype, "exact", "uuid"),
        "zaaktype__in": Filter(zaak.c.zaaktype, "in", "list"),
        "uuid__in": Filter(zaak.c.uuid, "in", "list"),
        "archiefnominatie": Filter(zaak.c.archiefnominatie, "exact", "text", ARCHIEFNOMINATIE),
        "archiefnominatie__in": Filter(zaak.c.archiefnominatie, "in", "list", ARCHIEFNOMINATIE),
        "archiefstatus": Filter(zaak.c.archiefstatus, "exact", "text", ARCHIEFSTATUS),
        "archiefstatus__in": Filter(zaak.c.archiefstatus, "in", "list", ARCHIEFSTATUS),
        "rol__betrokkeneType": Filter(rol.c.betrokkene_type, "exact", "text", BETROKKENE_TYPE),
        "rol__betrokkene": Filter(rol.c.betrokkene, "exact", "text"),
        "rol__omschrijvingGeneriek": Filter(
            rol.c.omschrijving_generiek, "exact", "text", OMSCHRIJVING_GENERIEK
        ),
        f"{_ID}natuurlijkPersoon__inpBsn": Filter(rol.c.inp_bsn, "exact", "text"),
        f"{_ID}natuurlijkPersoon__anpIdentificatie": Filter(
            rol.c.anp_identificatie, "exact", "text"
        ),
        f"{_ID}natuurlijkPersoon__inpA_nummer": Filter(rol.c.inp_a_nummer, "exact", "text"),
        f"{_ID}nietNatuurlijkPersoon__innNnpId": Filter(rol.c.inn_nnp_id, "exact", "text"),
        f"{_ID}nietNatuurlijkPersoon__annIdentificatie": Filter(
            rol.c.ann_identificatie, "exact", "text"
        ),
        f"{_ID}vestiging__vestigingsNummer": Filter(rol.c.vestigings_nummer, "exact", "text"),
        f"{_ID}medewerker__identificatie": Filter(rol.c.medewerker_identificatie, "exact", "text"),
        f"{_ID}organisatorischeEenheid__identificatie": Filter(
            rol.c.organisatorische_eenheid_identificatie, "exact", "text"
        ),
    }
    dates = {
        "archiefactiedatum": ("lt", "gt", "isnull"),
        "startdatum": ("gt", "gte", "lt", "lte"),
        "registratiedatum": ("gt", "lt"),
        "einddatum": ("gt", "lt", "isnull"),
        "einddatumGepland": ("gt", "lt"),
        "uiterlijkeEinddatumAfdoening": ("gt", "lt"),
    }
    columns = {
        "archiefactiedatum": zaak.c.archiefactiedatum, "startdatum": zaak.c.startdatum,
        "registratiedatum": zaak.c.registratiedatum, "einddatum": zaak.c.einddatum,
        "einddatumGepland": zaak.c.einddatum_gepland,
        "uiterlijkeEinddatumAfdoening": zaak.c.uiterlijke_einddatum_afdoening,
    }  # fmt: skip
    for name, lookups in dates.items():
        found[name] = Filter(columns[name], "exact", "date")
        for lookup in lookups:
            kind: Kind = "bool" if lookup == "isnull" else "date"
            found[f"{name}__{lookup}"] = Filter(columns[name], lookup, kind)
    return found


FILTERS: Final[Mapping[str, Filter]] = _filters()
"""Every filter name of the Zaken API zaak list and search, with how it applies."""


Shape = tuple[tuple[str, bool | None], ...]
"""Which filters a request uses (sorted by name) and, for an ``isnull`` filter, its answer:
everything of the SQL but the values, so one statement serves every request of a shape."""

MAXIMALE: Final = "maximaleVertrouwelijkheidaanduiding"


def shape_of(values: Mapping[str, Any]) -> tuple[Shape, dict[str, Any]]:
    """The shape of parsed filter ``values`` and the parameters that go with
    :func:`shaped_conditions` (``filter_<n>``, the n-th filter of the shape)."""
    shape: list[tuple[str, bool | None]] = []
    params: dict[str, Any] = {}
    for index, name in enumerate(sorted(values)):
        value = values[name]
        lookup = "in" if name == MAXIMALE else FILTERS[name].lookup
        if lookup == "isnull":
            shape.append((name, bool(value)))
            continue
        shape.append((name, None))
        if name == MAXIMALE:
            params[f"filter_{index}"] = list(up_to(value))
        else:
            params[f"filter_{index}"] = list(value) if lookup == "in" else value
    return tuple(shape), params


def _condition(spec: Filter, key: str, isnull: bool | None) -> ColumnElement[bool]:
    column = spec.column
    match spec.lookup:
        case "in":
            return column.in_(bindparam(key, expanding=True))
        case "isnull":
            return column.is_(None) if isnull else column.is_not(None)
        case "lt":
            return column < bindparam(key)
        case "lte":
            return column <= bindparam(key)
        case "gt":
            return column > bindparam(key)
        case "gte":
            return column >= bindparam(key)
    return column == bindparam(key)


def shaped_conditions(shape: Shape, dialect: str = "") -> list[ColumnElement[bool]]:
    """SQL conditions on ``zaak`` for filters of ``shape``, their values bound later (the
    parameters of :func:`shape_of`).

    A ``rol__`` filter selects the zaken of the matching rollen first: on PostgreSQL as
    ``uuid = ANY(ARRAY(SELECT rol.zaak ...))``, evaluated once and then looked up by primary
    key, so a citizen's 1,000 zaken among millions cost 1,000 index lookups whatever the
    planner estimates; elsewhere as ``uuid IN (SELECT rol.zaak ...)``.
    """
    found: list[ColumnElement[bool]] = []
    for index, (name, isnull) in enumerate(shape):
        key = f"filter_{index}"
        if name == MAXIMALE:
            found.append(zaak.c.vertrouwelijkheidaanduiding.in_(bindparam(key, expanding=True)))
            continue
        spec = FILTERS[name]
        condition = _condition(spec, key, isnull)
        if spec.on_rol:
            zaken = select(rol.c.zaak).where(condition)
            if dialect == "postgresql":
                uuids = type_coerce(func.array(zaken.scalar_subquery()), ARRAY(Uuid))
                condition = zaak.c.uuid == any_(uuids)
            else:
                condition = zaak.c.uuid.in_(zaken)
        found.append(condition)
    return found


def visible(visibility: Visibility) -> ColumnElement[bool] | None:
    """The condition on ``zaak`` for what a client may read; None when it may read all.

    One OR over the client's autorisaties, grouped by maximum aanduiding:
    ``zaaktype IN (...) AND vertrouwelijkheidaanduiding IN (up to max)``.
    """
    if visibility.everything:
        return None
    if visibility.nothing:
        return false()
    by_max: dict[str, list[Any]] = defaultdict(list)
    for zaaktype, maximum in visibility.grants:
        by_max[str(maximum)].append(zaaktype)
    return or_(
        *(
            and_(zaak.c.zaaktype.in_(types), zaak.c.vertrouwelijkheidaanduiding.in_(up_to(m)))
            for m, types in sorted(by_max.items())
        )
    )
