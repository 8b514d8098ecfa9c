"""The StUF-ZKN mapping per municipality: StUF codes -> catalogue objects and RSIN.

The file (YAML, ``MIDOFFICE_STUF_MAPPING_FILE``; demo: ``adapters/stuf/demo/mapping.yaml``)::

    gemeenten:
      - naam: Demodam
        organisaties: ["0392", "Demodam"]  # stuurgegevens zender/organisatie values (gemeentecode)
        rsin: "002220647"                  # bronorganisatie and verantwoordelijkeOrganisatie
        zaaktypen:                         # StUF zaaktype code -> zaaktype identificatie or uuid
          B1291: AANVRAAG-PARKEERVERGUNNING
        statustypeSleutel: volgnummer      # or omschrijving: how a StUF status finds its statustype
        roltypen:                          # StUF relation -> roltype (omschrijvingGeneriek)
          heeftAlsInitiator: initiator
        informatieobjecttypen:             # document omschrijving -> informatieobjecttype
          Aanvraag: Aanvraagformulier parkeervergunning   # omschrijving or uuid
        afsluitenZonderResultaat: weigeren # or the omschrijving of a fallback resultaattype

A zaaktype code the file does not name is looked up as the catalogue zaaktype's
``identificatie``; unnamed roltypen use :data:`DEFAULT_ROLTYPEN`. With a single gemeente, a
message whose organisatie is empty or unknown belongs to it (unambiguous); with several, it is
refused. Problems are reported as ``FILE: path: reason`` (:class:`MappingFileError`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from adapters.zgw.rsin import rsin_problem

ROL_RELATIES: Final = (
    "heeftAlsInitiator",
    "heeftBetrekkingOp",
    "heeftAlsBelanghebbende",
    "heeftAlsUitvoerende",
    "heeftAlsVerantwoordelijke",
    "heeftAlsGemachtigde",
    "heeftAlsOverigBetrokkene",
)
"""The ZAK -> BTR relations of StUF-ZKN 3.10 that become rollen."""

DEFAULT_ROLTYPEN: Final[Mapping[str, str]] = {
    "heeftAlsInitiator": "initiator",
    "heeftBetrekkingOp": "belanghebbende",
    "heeftAlsBelanghebbende": "belanghebbende",
    "heeftAlsUitvoerende": "behandelaar",
    "heeftAlsVerantwoordelijke": "beslisser",
    "heeftAlsGemachtigde": "belanghebbende",
    "heeftAlsOverigBetrokkene": "adviseur",
}
WEIGEREN: Final = "weigeren"
FIELDS: Final = frozenset(
    {"naam", "organisaties", "rsin", "zaaktypen", "statustypeSleutel", "roltypen",
     "informatieobjecttypen", "afsluitenZonderResultaat"}
)  # fmt: skip
SLEUTELS: Final = ("volgnummer", "omschrijving")


class MappingFileError(ValueError):
    """The mapping file is invalid; one line per problem (file, path, reason)."""

    def __init__(self, source: str, problems: Sequence[tuple[str, str]]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__("\n".join(f"{source}: {where}: {why}" for where, why in problems))


@dataclass(frozen=True)
class Gemeente:
    """The mapping of one municipality."""

    naam: str
    rsin: str
    organisaties: tuple[str, ...] = ()
    zaaktypen: Mapping[str, str] = field(default_factory=dict)
    statustype_sleutel: str = "volgnummer"
    roltypen: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_ROLTYPEN))
    informatieobjecttypen: Mapping[str, str] = field(default_factory=dict)
    afsluiten_zonder_resultaat: str = WEIGEREN

    def zaaktype_ref(self, code: str) -> str:
        """The catalogue reference (identificatie or uuid) of a StUF zaaktype code."""
        return self.zaaktypen.get(code, code)

    @property
    def resultaat_fallback(self) -> str | None:
        """The resultaattype omschrijving used when a zaak closes without one, or None to
        refuse."""
        value = self.afsluiten_zonder_resultaat
        return None if value == WEIGEREN else value


@dataclass(frozen=True)
class StufMapping:
    """All municipalities of one MidOffice."""

    gemeenten: tuple[Gemeente, ...]

    def gemeente(self, organisatie: str) -> Gemeente | None:
        """The municipality of a stuurgegevens organisatie; the only one when there is one and
        the organisatie is empty or unknown; None otherwise."""
        wanted = organisatie.strip()
        for gemeente in self.gemeenten:
            if wanted and (wanted in gemeente.organisaties or wanted == gemeente.rsin):
                return gemeente
        return self.gemeenten[0] if len(self.gemeenten) == 1 else None

    def by_rsin(self, rsin: str) -> Gemeente | None:
        return next((g for g in self.gemeenten if g.rsin == rsin), None)


def _strings(value: Any, where: str, problems: list[tuple[str, str]]) -> dict[str, str]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        problems.append((where, "verwacht een mapping van code naar waarde"))
        return {}
    result = {}
    for key, item in value.items():
        if not isinstance(item, (str, int)) or isinstance(item, bool) or str(item) == "":
            problems.append((f"{where}.{key}", "verwacht een niet-lege tekst"))
            continue
        result[str(key)] = str(item)
    return result


def _gemeente(raw: Any, where: str, problems: list[tuple[str, str]]) -> Gemeente | None:
    if not isinstance(raw, Mapping):
        problems.append((where, "verwacht een mapping"))
        return None
    unknown = set(raw) - FIELDS
    problems.extend((f"{where}.{key}", "onbekend veld") for key in sorted(map(str, unknown)))
    rsin = str(raw.get("rsin", ""))
    if not rsin:
        problems.append((f"{where}.rsin", "verplicht veld"))
    elif (found := rsin_problem(rsin)) is not None:
        problems.append((f"{where}.rsin", found[1]))
    organisaties = raw.get("organisaties", [])
    if not isinstance(organisaties, list):
        problems.append((f"{where}.organisaties", "verwacht een lijst"))
        organisaties = []
    sleutel = str(raw.get("statustypeSleutel", "volgnummer"))
    if sleutel not in SLEUTELS:
        problems.append((f"{where}.statustypeSleutel", f"verwacht een van {', '.join(SLEUTELS)}"))
    roltypen = _strings(raw.get("roltypen"), f"{where}.roltypen", problems)
    known = ", ".join(ROL_RELATIES)
    problems.extend((f"{where}.roltypen.{key}", f"onbekende relatie; bekend: {known}")
                    for key in roltypen if key not in ROL_RELATIES)  # fmt: skip
    zonder = raw.get("afsluitenZonderResultaat", WEIGEREN)
    if not isinstance(zonder, str) or not zonder:
        reason = "verwacht 'weigeren' of de omschrijving van een resultaattype"
        problems.append((f"{where}.afsluitenZonderResultaat", reason))
        zonder = WEIGEREN
    return Gemeente(
        naam=str(raw.get("naam", "")),
        rsin=rsin,
        organisaties=tuple(str(o) for o in organisaties),
        zaaktypen=_strings(raw.get("zaaktypen"), f"{where}.zaaktypen", problems),
        statustype_sleutel=sleutel,
        roltypen={**DEFAULT_ROLTYPEN, **roltypen},
        informatieobjecttypen=_strings(
            raw.get("informatieobjecttypen"), f"{where}.informatieobjecttypen", problems
        ),
        afsluiten_zonder_resultaat=zonder,
    )


def parse_mapping(data: Any, source: str) -> StufMapping:
    """The mapping in ``data`` (the loaded YAML); raises :class:`MappingFileError`."""
    problems: list[tuple[str, str]] = []
    if not isinstance(data, Mapping) or not isinstance(data.get("gemeenten"), list):
        raise MappingFileError(source, [("gemeenten", "verwacht een lijst met gemeenten")])
    gemeenten = []
    for index, raw in enumerate(data["gemeenten"]):
        found = _gemeente(raw, f"gemeenten[{index}]", problems)
        if found is not None:
            gemeenten.append(found)
    seen: dict[str, str] = {}
    for index, gemeente in enumerate(gemeenten):
        for organisatie in gemeente.organisaties:
            if organisatie in seen:
                reason = f"organisatie {organisatie!r} staat ook bij {seen[organisatie]}"
                problems.append((f"gemeenten[{index}].organisaties", reason))
            seen[organisatie] = gemeente.naam or gemeente.rsin
    if not gemeenten and not problems:
        problems.append(("gemeenten", "verwacht ten minste één gemeente"))
    if problems:
        raise MappingFileError(source, problems)
    return StufMapping(tuple(gemeenten))
