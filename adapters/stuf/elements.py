"""Tolerant navigation of StUF elements: children found by local name in any namespace.

Real clients mix prefixes and default namespaces (``nonstandard-sigmax`` puts StUF elements
in the ZKN namespace and back) or prefix names (``zdsStuurgegevens``); reading by local name
accepts every unambiguous spelling.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from adapters.stuf.formats import NoValue, element_value
from adapters.stuf.namespaces import STUF, qname, stuf_name


def children(element: etree._Element | None, name: str) -> Iterator[etree._Element]:
    """The child elements of ``element`` called ``name`` (any namespace)."""
    if element is None:
        return
    for child in element:
        if stuf_name(child.tag) == name:
            yield child


def child(element: etree._Element | None, name: str) -> etree._Element | None:
    """The first child called ``name``, or None."""
    return next(children(element, name), None)


def path(element: etree._Element | None, *names: str) -> etree._Element | None:
    """The element reached by following ``names`` child by child, or None."""
    for name in names:
        element = child(element, name)
    return element


def text(element: etree._Element | None, *names: str) -> str | None:
    """The text at ``names`` below ``element``: None when absent or without a value."""
    value = element_value(path(element, *names))
    return value if isinstance(value, str) else None


def value(element: etree._Element | None, *names: str) -> str | NoValue | None:
    """The value at ``names``: text, :class:`NoValue`, or None when absent."""
    return element_value(path(element, *names))


def stuf_attribute(element: etree._Element, name: str) -> str | None:
    """A ``StUF:`` attribute (``entiteittype``, ``verwerkingssoort``, ...), accepting also the
    unqualified spelling some clients send."""
    found = element.get(qname(STUF, name))
    if found is None:
        found = element.get(name)
    return found.strip() if found is not None else None
