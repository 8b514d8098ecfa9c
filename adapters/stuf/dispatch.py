"""Which operation a StUF-ZKN message asks for: from its root element and SOAPAction.

Every operation of ZDS 1.2 (``zds0120``) and ZDS 1.1.02 / StUF-ZKN 3.10 (``zkn0310``) that
this MidOffice knows is one :class:`Operation` in :data:`OPERATIONS` -- ONE visible list.
The gateway keeps a second mapping from operation name to its handler
(``midoffice/gateway/stuf/handlers.py``).

Resolution is lenient, as brokers are: any port accepts any operation.

1. The root element names the candidates (``zds:creeerZaak_ZakLk01``: one; ``zkn:zakLk01``:
   creeerZaak, updateZaak and actualiseerZaakstatus). The namespace may be missing or
   another one when the local name is unambiguous (``ZAK-Lk01`` is read as ``zakLk01``).
2. A SOAPAction naming one of the candidates chooses it. A SOAPAction that names another
   operation while the root has exactly one candidate is a tolerated mismatch.
3. Otherwise ``stuurgegevens/functie`` or, for ZAK kennisgevingen, the ``mutatiesoort``
   decide (T: creeerZaak, otherwise updateZaak, which also sets a status); for a zakLv01 the
   scope does (only ``heeftRelevant``: geefLijstZaakdocumenten; no documents:
   geefZaakdetails; both: ambiguous).
4. Anything else is refused with an omschrijving that says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from lxml import etree

from adapters.stuf.elements import child, path, text
from adapters.stuf.errors import DUBBELZINNIG, ONBEKENDE_OPERATIE, StufFout
from adapters.stuf.namespaces import ZDS, ZKN, local_name, namespace_of

ZDS11_ACTION: Final = "http://www.egem.nl/StUF/sector/zkn/0310/"
ZDS12_ACTION: Final = "http://www.stufstandaarden.nl/koppelvlak/zds0120/"


@dataclass(frozen=True)
class Operation:
    """One StUF-ZKN operation: ``name`` is the SOAPAction's last segment and the handler key."""

    name: str
    namespace: str
    root: str
    berichtcode: str
    entiteittype: str = ""

    @property
    def soapaction(self) -> str:
        return (ZDS12_ACTION if self.namespace == ZDS else ZDS11_ACTION) + self.name

    @property
    def zds(self) -> str:
        """``1.2`` or ``1.1``."""
        return "1.2" if self.namespace == ZDS else "1.1"


def _zds12(name: str, berichtcode: str, entiteittype: str = "") -> Operation:
    return Operation(name, ZDS, name, berichtcode, entiteittype)


def _zds11(name: str, root: str, berichtcode: str, entiteittype: str = "") -> Operation:
    return Operation(name, ZKN, root, berichtcode, entiteittype)


OPERATIONS: Final[tuple[Operation, ...]] = (
    # ZDS 1.2 (zds0120)
    _zds12("creeerZaak_ZakLk01", "Lk01", "ZAK"),
    _zds12("updateZaak_ZakLk01", "Lk01", "ZAK"),
    _zds12("actualiseerZaakstatus_ZakLk01", "Lk01", "ZAK"),
    _zds12("genereerZaakIdentificatie_Di02", "Di02"),
    _zds12("geefZaakdetails_ZakLv01", "Lv01", "ZAK"),
    _zds12("geefZaakstatus_ZakLv01", "Lv01", "ZAK"),
    _zds12("voegZaakdocumentToe_EdcLk01", "Lk01", "EDC"),
    _zds12("maakZaakdocument_EdcLk01", "Lk01", "EDC"),
    _zds12("genereerDocumentIdentificatie_Di02", "Di02"),
    _zds12("geefLijstZaakdocumenten_ZakLv01", "Lv01", "ZAK"),
    _zds12("geefZaakdocumentLezen_EdcLv01", "Lv01", "EDC"),
    _zds12("geefZaakdocumentbewerken_Di02", "Di02"),
    _zds12("updateZaakdocument_Di02", "Di02"),
    _zds12("cancelCheckout_Di02", "Di02"),
    # ZDS 1.1.02 / StUF-ZKN 3.10 (zkn0310): kennisgevingen, vragen and the zs-dms vrije berichten
    _zds11("creeerZaak_Lk01", "zakLk01", "Lk01", "ZAK"),
    _zds11("updateZaak_Lk01", "zakLk01", "Lk01", "ZAK"),
    _zds11("actualiseerZaakstatus_Lk01", "zakLk01", "Lk01", "ZAK"),
    _zds11("geefZaakdetails_Lv01", "zakLv01", "Lv01", "ZAK"),
    _zds11("geefZaakstatus_Lv01", "zakLv01", "Lv01", "ZAK"),
    _zds11("geefLijstZaakdocumenten_Lv01", "zakLv01", "Lv01", "ZAK"),
    _zds11("voegZaakdocumentToe_Lk01", "edcLk01", "Lk01", "EDC"),
    _zds11("maakZaakdocument_Lk01", "edcLk01", "Lk01", "EDC"),
    _zds11("geefZaakdocumentLezen_Lv01", "edcLv01", "Lv01", "EDC"),
    _zds11("genereerZaakIdentificatie_Di02", "genereerZaakIdentificatie_Di02", "Di02"),
    _zds11("genereerDocumentIdentificatie_Di02", "genereerDocumentIdentificatie_Di02", "Di02"),
    _zds11("geefZaakdocumentbewerken_Di02", "geefZaakdocumentbewerken_Di02", "Di02"),
    _zds11("updateZaakdocument_Di02", "updateZaakdocument_Di02", "Di02"),
    _zds11("cancelCheckout_Di02", "cancelCheckout_Di02", "Di02"),
)

BY_NAME: Final[dict[tuple[str, str], Operation]] = {(op.namespace, op.name): op
                                                     for op in OPERATIONS}  # fmt: skip
"""(namespace, name) -> operation: the Di02 vrije berichten have the same name in ZDS 1.2
(``zds0120``) and ZDS 1.1 (``zkn0310``), so the name alone does not say which one."""


def operation(name: str, namespace: str | None = None) -> Operation:
    """The operation called ``name`` in ``namespace`` (ZDS or ZKN); without a namespace only
    a name that exists in one version (KeyError otherwise, naming the versions)."""
    if namespace is not None:
        return BY_NAME[(namespace, name)]
    found = [op for (_, op_name), op in BY_NAME.items() if op_name == name]
    if len(found) != 1:
        raise KeyError(f"{name}: {len(found)} operations; give the namespace (ZDS or ZKN)")
    return found[0]


_ROOT_ALIASES: Final = {"ZAK-Lk01": "zakLk01", "EDC-Lk01": "edcLk01", "ZAK-Lv01": "zakLv01",
                        "EDC-Lv01": "edcLv01", "zdsZakLk01": "zakLk01",
                        "zdsEdcLk01": "edcLk01",
                        # ZDS 1.2's element name (the WSDL's operation is ...bewerken_Di02)
                        "geefZaakdocumentBewerken_Di02": "geefZaakdocumentbewerken_Di02",
                        }  # fmt: skip
_DEFAULT_FOR_ROOT: Final = {"edcLv01": "geefZaakdocumentLezen_Lv01"}


def action_name(soapaction: str | None) -> str:
    """The operation name in a SOAPAction header (quotes and namespace path removed)."""
    value = (soapaction or "").strip().strip('"').strip()
    return value.rstrip("/").rsplit("/", 1)[-1]


def _candidates(bericht: etree._Element) -> list[Operation]:
    local = local_name(bericht.tag)
    local = _ROOT_ALIASES.get(local, local)
    namespace = namespace_of(bericht.tag)
    matching = [op for op in OPERATIONS if op.root == local]
    exact = [op for op in matching if op.namespace == namespace]
    return exact or matching


def _by_action(candidates: list[Operation], action: str) -> Operation | None:
    for op in candidates:
        if op.name == action:
            return op
    # The same operation in the other ZDS version (creeerZaak_ZakLk01 vs creeerZaak_Lk01).
    stem = action.split("_", 1)[0]
    same = [op for op in candidates if op.name.split("_", 1)[0] == stem]
    return same[0] if len(same) == 1 else None


def _by_content(candidates: list[Operation], bericht: etree._Element) -> Operation | None:
    root = candidates[0].root
    if root == "zakLk01":
        soort = text(child(bericht, "parameters"), "mutatiesoort")
        if soort == "T":
            return BY_NAME[(ZKN, "creeerZaak_Lk01")]
        if soort in ("W", "V", "E", "C", "F", "S", "R"):
            return BY_NAME[(ZKN, "updateZaak_Lk01")]
        return None
    if root == "edcLk01":
        return BY_NAME[(ZKN, "voegZaakdocumentToe_Lk01")]
    if root == "zakLv01":
        return _zaak_vraag(bericht)
    default = _DEFAULT_FOR_ROOT.get(root)
    return BY_NAME[(ZKN, default)] if default else None


def _zaak_vraag(bericht: etree._Element) -> Operation:
    """A zakLv01 by its scope: only the documents (``heeftRelevant``, besides the
    identificatie) is geefLijstZaakdocumenten; no documents is geefZaakdetails; both is
    ambiguous (geefZaakdetails does not answer documents)."""
    scope = path(bericht, "scope", "object")
    gevraagd = set() if scope is None else {local_name(c.tag) for c in scope
                                            if isinstance(c.tag, str)}  # fmt: skip
    if "heeftRelevant" not in gevraagd:
        return BY_NAME[(ZKN, "geefZaakdetails_Lv01")]
    if gevraagd - {"heeftRelevant", "identificatie"}:
        raise StufFout(
            DUBBELZINNIG,
            "zakLv01 vraagt in de scope zowel zaakgegevens als documenten (heeftRelevant): "
            "geefZaakdetails of geefLijstZaakdocumenten? Geef de SOAPAction mee of vraag ze "
            "apart.",
        )
    return BY_NAME[(ZKN, "geefLijstZaakdocumenten_Lv01")]


def resolve(bericht: etree._Element, soapaction: str | None) -> Operation:
    """The operation ``bericht`` asks for (see the module docstring); StufFout otherwise."""
    candidates = _candidates(bericht)
    action = action_name(soapaction)
    if not candidates:
        raise StufFout(
            ONBEKENDE_OPERATIE,
            f"Onbekend bericht {local_name(bericht.tag)!r}"
            + (f" (SOAPAction {action!r})." if action else "."),
        )
    if len(candidates) == 1:
        return candidates[0]
    chosen = _by_action(candidates, action) if action else None
    if chosen is None:
        functie = text(child(bericht, "stuurgegevens"), "functie")
        chosen = _by_action(candidates, functie) if functie else None
    if chosen is None:
        chosen = _by_content(candidates, bericht)
    if chosen is None:
        names = ", ".join(op.name for op in candidates)
        raise StufFout(
            DUBBELZINNIG,
            f"Bericht {local_name(bericht.tag)} kan {names} zijn; geef de SOAPAction of "
            "parameters/mutatiesoort mee.",
        )
    return chosen
