"""Rules between catalogue objects, checked on a whole (new) state of the catalogue.

Field rules live in the pydantic models; these are the rules that need other objects:
unique uuids, references that stay inside their zaaktype or catalogus, unique volgnummers and
names, geldigheid periods, and what a published (non-concept) type requires. The import
checks a file with them; the catalogi processor checks the state a change would produce, so
both apply exactly the same rules. Problems are ``(path, reason)`` pairs; the path names the
object the way the catalogue file does (``catalogussen[0].zaaktypen[1].statustypen[2]``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from uuid import UUID

from catalogi.brondatum import brondatum_problems
from catalogi.model import ZAAKTYPE_PARTS, Catalogus, Zaaktype

Problem = tuple[str, str]


def catalogue_problems(catalogussen: Sequence[Catalogus]) -> list[Problem]:
    """Every rule violation in ``catalogussen`` (empty when the catalogue is consistent)."""
    problems = list(_unique_uuids(catalogussen))
    seen = Counter((c.domein, c.rsin) for c in catalogussen)
    for index, catalogus in enumerate(catalogussen):
        where = f"catalogussen[{index}]"
        if seen[(catalogus.domein, catalogus.rsin)] > 1:
            problems.append((f"{where}.domein", "domein en rsin komen al voor in een catalogus"))
        problems.extend(catalogus_problems(catalogus, where))
    return problems


def catalogus_problems(catalogus: Catalogus, where: str = "catalogus") -> list[Problem]:
    """The rule violations inside one catalogus."""
    problems: list[Problem] = []
    iots = {i.uuid: i for i in catalogus.informatieobjecttypen}
    besluittypen = {b.uuid: b for b in catalogus.besluittypen}
    zaaktypen = {z.uuid: z for z in catalogus.zaaktypen}
    identificaties = {z.identificatie for z in catalogus.zaaktypen}
    for index, iot in enumerate(catalogus.informatieobjecttypen):
        problems.extend(_geldigheid(iot, f"{where}.informatieobjecttypen[{index}]"))
    for index, besluittype in enumerate(catalogus.besluittypen):
        path = f"{where}.besluittypen[{index}]"
        problems.extend(_geldigheid(besluittype, path))
        problems.extend(
            _refs(besluittype.informatieobjecttypen, iots, f"{path}.informatieobjecttypen")
        )
        if not besluittype.concept:
            problems.extend(
                _published(besluittype.informatieobjecttypen, iots, f"{path}.informatieobjecttypen")
            )
    for index, zaaktype in enumerate(catalogus.zaaktypen):
        path = f"{where}.zaaktypen[{index}]"
        problems.extend(_geldigheid(zaaktype, path))
        problems.extend(_refs(zaaktype.besluittypen, besluittypen, f"{path}.besluittypen"))
        problems.extend(_refs(zaaktype.deelzaaktypen, zaaktypen, f"{path}.deelzaaktypen"))
        for n, relatie in enumerate(zaaktype.gerelateerdeZaaktypen):
            if "://" not in relatie.zaaktype and relatie.zaaktype not in identificaties:
                reason = f"geen zaaktype met identificatie {relatie.zaaktype!r} in deze catalogus"
                problems.append((f"{path}.gerelateerdeZaaktypen[{n}].zaaktype", reason))
        problems.extend(_zaaktype_parts(zaaktype, path, iots, besluittypen))
        if not zaaktype.concept:
            problems.extend(_publishable(zaaktype, path, iots, besluittypen, zaaktypen))
    problems.extend(_overlapping_versions(catalogus, where))
    return problems


def _zaaktype_parts(
    zaaktype: Zaaktype, path: str, iots: Mapping[UUID, object], besluittypen: Mapping[UUID, object]
) -> Iterator[Problem]:
    if zaaktype.verlengingMogelijk != (zaaktype.verlengingstermijn is not None):
        yield (f"{path}.verlengingstermijn",
               "moet gezet zijn als verlengingMogelijk waar is, en anders leeg")  # fmt: skip
    statustypen = {s.uuid: s for s in zaaktype.statustypen}
    eigenschappen = {e.uuid: e for e in zaaktype.eigenschappen}
    resultaattypen = {r.uuid: r for r in zaaktype.resultaattypen}
    yield from _duplicates(zaaktype.statustypen, "volgnummer", f"{path}.statustypen")
    yield from _duplicates(zaaktype.eigenschappen, "naam", f"{path}.eigenschappen")
    yield from _duplicates(zaaktype.resultaattypen, "omschrijving", f"{path}.resultaattypen")
    yield from _duplicates(zaaktype.zaaktypeInformatieobjecttypen, "volgnummer",
                           f"{path}.zaaktypeInformatieobjecttypen")  # fmt: skip
    for field in ZAAKTYPE_PARTS:
        for index, part in enumerate(getattr(zaaktype, field)):
            yield from _geldigheid(part, f"{path}.{field}[{index}]")
    for i, statustype in enumerate(zaaktype.statustypen):
        yield from _refs(
            statustype.eigenschappen, eigenschappen, f"{path}.statustypen[{i}].eigenschappen"
        )
    for i, eigenschap in enumerate(zaaktype.eigenschappen):
        yield from _ref(eigenschap.statustype, statustypen, f"{path}.eigenschappen[{i}].statustype")
    for i, resultaattype in enumerate(zaaktype.resultaattypen):
        where = f"{path}.resultaattypen[{i}]"
        yield from _refs(resultaattype.besluittypen, besluittypen, f"{where}.besluittypen")
        yield from _refs(
            resultaattype.informatieobjecttypen, iots, f"{where}.informatieobjecttypen"
        )
        if resultaattype.brondatumArchiefprocedure is not None:
            for name, reason in brondatum_problems(resultaattype.brondatumArchiefprocedure):
                yield (f"{where}.brondatumArchiefprocedure.{name}", reason)
    for i, ztiot in enumerate(zaaktype.zaaktypeInformatieobjecttypen):
        where = f"{path}.zaaktypeInformatieobjecttypen[{i}]"
        yield from _ref(ztiot.informatieobjecttype, iots, f"{where}.informatieobjecttype")
        yield from _ref(ztiot.statustype, statustypen, f"{where}.statustype")
    for i, zaakobjecttype in enumerate(zaaktype.zaakobjecttypen):
        where = f"{path}.zaakobjecttypen[{i}]"
        yield from _refs(zaakobjecttype.statustypen, statustypen, f"{where}.statustypen")
        yield from _refs(zaakobjecttype.resultaattypen, resultaattypen, f"{where}.resultaattypen")


def _publishable(
    zaaktype: Zaaktype,
    path: str,
    iots: Mapping[UUID, object],
    besluittypen: Mapping[UUID, object],
    zaaktypen: Mapping[UUID, object],
) -> Iterator[Problem]:
    """A published zaaktype has statustypen and only published related types."""
    if not zaaktype.statustypen:
        yield (f"{path}.statustypen", "een gepubliceerd zaaktype heeft minstens één statustype")
    yield from _published(zaaktype.besluittypen, besluittypen, f"{path}.besluittypen")
    yield from _published(zaaktype.informatieobjecttypen, iots, f"{path}.informatieobjecttypen")
    yield from _published(zaaktype.deelzaaktypen, zaaktypen, f"{path}.deelzaaktypen")


def _overlapping_versions(catalogus: Catalogus, where: str) -> Iterator[Problem]:
    """Published versions of one zaaktype (same identificatie) must not overlap in time,
    and there is at most one concept version per identificatie."""
    for index, zaaktype in enumerate(catalogus.zaaktypen):
        others = [
            z for z in catalogus.zaaktypen[:index] if z.identificatie == zaaktype.identificatie
        ]
        if zaaktype.concept and any(z.concept for z in others):
            yield (f"{where}.zaaktypen[{index}].concept",
                   f"er is al een concept van zaaktype {zaaktype.identificatie}")  # fmt: skip
        if not zaaktype.concept and any(not z.concept and _overlap(z, zaaktype) for z in others):
            reason = f"de geldigheid overlapt met een andere versie van {zaaktype.identificatie}"
            yield (f"{where}.zaaktypen[{index}].beginGeldigheid", reason)


def _overlap(a: Zaaktype, b: Zaaktype) -> bool:
    end_a = a.eindeGeldigheid or dt.date.max
    end_b = b.eindeGeldigheid or dt.date.max
    return a.beginGeldigheid <= end_b and b.beginGeldigheid <= end_a


def _unique_uuids(catalogussen: Sequence[Catalogus]) -> Iterator[Problem]:
    seen: set[UUID] = set()
    for path, uuid in _all_uuids(catalogussen):
        if uuid in seen:
            yield (f"{path}.uuid", f"uuid {uuid} komt meer dan eens voor")
        seen.add(uuid)


def _all_uuids(catalogussen: Sequence[Catalogus]) -> Iterator[tuple[str, UUID]]:
    for c, catalogus in enumerate(catalogussen):
        where = f"catalogussen[{c}]"
        yield where, catalogus.uuid
        for field in ("informatieobjecttypen", "besluittypen", "zaaktypen"):
            for i, item in enumerate(getattr(catalogus, field)):
                yield f"{where}.{field}[{i}]", item.uuid
        for z, zaaktype in enumerate(catalogus.zaaktypen):
            for field in ZAAKTYPE_PARTS:
                for i, part in enumerate(getattr(zaaktype, field)):
                    yield f"{where}.zaaktypen[{z}].{field}[{i}]", part.uuid


def _ref(value: UUID | None, known: Mapping[UUID, object], path: str) -> Iterator[Problem]:
    if value is not None and value not in known:
        yield (path, f"{value} bestaat niet (hier)")


def _refs(values: Iterable[UUID], known: Mapping[UUID, object], path: str) -> Iterator[Problem]:
    for index, value in enumerate(values):
        if value not in known:
            yield (f"{path}[{index}]", f"{value} bestaat niet (hier)")


def _published(
    values: Iterable[UUID], known: Mapping[UUID, object], path: str
) -> Iterator[Problem]:
    for index, value in enumerate(values):
        if getattr(known.get(value), "concept", False):
            yield (f"{path}[{index}]", f"{value} is nog niet gepubliceerd")


def _duplicates(items: Sequence[object], field: str, path: str) -> Iterator[Problem]:
    counts = Counter(getattr(item, field) for item in items)
    for index, item in enumerate(items):
        if counts[getattr(item, field)] > 1:
            yield (
                f"{path}[{index}].{field}",
                f"{field} {getattr(item, field)!r} komt meer dan eens voor",
            )


def _geldigheid(item: object, path: str) -> Iterator[Problem]:
    begin = getattr(item, "beginGeldigheid", None)
    einde = getattr(item, "eindeGeldigheid", None)
    if begin is not None and einde is not None and einde < begin:
        yield (f"{path}.eindeGeldigheid", "eindeGeldigheid ligt voor beginGeldigheid")
