"""Read a ZGW request body field by field, collecting every problem as a ZGW invalidParam.

Codes and (Dutch) reasons follow Django REST framework, which Open Zaak and vng-api-common
build on, so a ZGW client sees the same ``invalidParams`` it would get from Open Zaak. Nested
fields are named the way vng-api-common names them: ``kenmerken.0.bron``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any, Final, TypeVar

from adapters.zgw.urls import is_http_url
from schemas.outcome import InvalidParam

REQUIRED: Final = "required"
NULL: Final = "null"
BLANK: Final = "blank"
INVALID: Final = "invalid"
MAX_LENGTH: Final = "max_length"
INVALID_CHOICE: Final = "invalid_choice"
NOT_A_LIST: Final = "not_a_list"

_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME: Final = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_MISSING: Final = object()

T = TypeVar("T")


class FieldReader:
    """Typed accessors over one JSON object; problems accumulate in ``problems``."""

    def __init__(
        self,
        data: Mapping[str, Any],
        problems: list[InvalidParam] | None = None,
        prefix: str = "",
    ) -> None:
        self.data = data
        self.problems: list[InvalidParam] = [] if problems is None else problems
        self.prefix = prefix

    def fail(self, name: str, code: str, reason: str) -> None:
        """Record a problem with field ``name`` (relative to this reader's prefix)."""
        self.problems.append(InvalidParam(f"{self.prefix}{name}", code, reason))

    def nested(self, data: Mapping[str, Any], name: str) -> FieldReader:
        """A reader for an object inside this one, sharing the problem list."""
        return FieldReader(data, self.problems, f"{self.prefix}{name}.")

    def _raw(self, name: str, *, required: bool, nullable: bool) -> Any:
        """The raw value; _MISSING when absent, invalid, or None (None is returned as None)."""
        value = self.data.get(name, _MISSING)
        if value is _MISSING:
            if required:
                self.fail(name, REQUIRED, "Dit veld is vereist.")
            return _MISSING
        if value is None and not nullable:
            self.fail(name, NULL, "Dit veld mag niet leeg zijn.")
            return _MISSING
        return value

    def _text(
        self, name: str, *, required: bool, max_length: int | None, nullable: bool, blank: bool
    ) -> Any:
        """The checked string, None for an allowed null, or _MISSING."""
        value = self._raw(name, required=required, nullable=nullable)
        if value is _MISSING or value is None:
            return value
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.fail(name, INVALID, "Ongeldige string.")
            return _MISSING
        text = str(value)
        if not text and not blank:
            self.fail(name, BLANK, "Dit veld mag niet leeg zijn.")
            return _MISSING
        if max_length is not None and len(text) > max_length:
            self.fail(
                name,
                MAX_LENGTH,
                f"Zorg ervoor dat dit veld niet meer dan {max_length} karakters bevat.",
            )
            return _MISSING
        return text

    def string(
        self,
        name: str,
        *,
        required: bool = False,
        max_length: int | None = None,
        nullable: bool = False,
        blank: bool = True,
        default: str | None = "",
    ) -> str | None:
        """A string field (numbers are accepted and converted, as DRF does)."""
        text = self._text(
            name, required=required, max_length=max_length, nullable=nullable, blank=blank
        )
        return default if text is _MISSING else text

    def url(
        self,
        name: str,
        *,
        required: bool = False,
        max_length: int = 1000,
        nullable: bool = False,
        blank: bool = True,
        default: str | None = "",
    ) -> str | None:
        """An absolute http(s) URL, or '' when ``blank`` is allowed."""
        text = self._text(
            name, required=required, max_length=max_length, nullable=nullable, blank=blank
        )
        if text is _MISSING:
            return default
        if text and not is_http_url(text):
            self.fail(name, INVALID, "Voer een geldige URL in.")
            return default
        return text

    def date(self, name: str, *, required: bool = False, nullable: bool = True) -> dt.date | None:
        """An ISO 8601 calendar date (YYYY-MM-DD)."""
        value = self._raw(name, required=required, nullable=nullable)
        if value is _MISSING or value is None:
            return None
        try:
            if isinstance(value, str) and _DATE.match(value):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        self.fail(
            name,
            INVALID,
            "Datum heeft het verkeerde formaat, gebruik 1 van deze formaten: YYYY-MM-DD.",
        )
        return None

    def datetime(
        self, name: str, *, required: bool = False, nullable: bool = True
    ) -> dt.datetime | None:
        """An ISO 8601 date-time; a value without offset stays naive (local time)."""
        value = self._raw(name, required=required, nullable=nullable)
        if value is _MISSING or value is None:
            return None
        try:
            if isinstance(value, str) and _DATETIME.match(value):
                return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
        self.fail(
            name,
            INVALID,
            "Datetime heeft een ongeldig formaat, gebruik 1 van de volgende "
            "formaten: YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].",
        )
        return None

    def choice(
        self,
        name: str,
        choices: Collection[str],
        *,
        required: bool = False,
        nullable: bool = False,
        default: str | None = None,
    ) -> str | None:
        """One of ``choices`` (include '' in ``choices`` to allow a blank value)."""
        value = self._raw(name, required=required, nullable=nullable)
        if value is _MISSING:
            return default
        if value is None:
            return None
        if not isinstance(value, str) or value not in choices:
            self.fail(name, INVALID_CHOICE, f'"{value}" is een ongeldige keuze.')
            return default
        return value

    def boolean(self, name: str, *, default: bool = False) -> bool:
        value = self._raw(name, required=False, nullable=False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            self.fail(name, INVALID, "Moet een geldige boolean zijn.")
            return default
        return value

    def object(self, name: str, *, nullable: bool = True) -> Mapping[str, Any] | None:
        """A JSON object field; None when absent, null or invalid."""
        value = self._raw(name, required=False, nullable=nullable)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, Mapping):
            self.fail(name, INVALID, "Ongeldige data. Verwachtte een dictionary.")
            return None
        return value

    def items(self, name: str, read_item: Callable[[FieldReader, Any, str], T | None]) -> list[T]:
        """A JSON array; ``read_item(self, item, item_name)`` reads (and checks) each element."""
        value = self._raw(name, required=False, nullable=False)
        if value is _MISSING:
            return []
        if not isinstance(value, list):
            self.fail(
                name,
                NOT_A_LIST,
                f'Verwachtte een lijst met items maar kreeg type "{type(value).__name__}".',
            )
            return []
        read = [read_item(self, item, f"{name}.{index}") for index, item in enumerate(value)]
        return [item for item in read if item is not None]

    def url_item(self, item: Any, item_name: str, max_length: int = 1000) -> str | None:
        """Element reader for an array of URLs."""
        if not is_http_url(item):
            self.fail(item_name, INVALID, "Voer een geldige URL in.")
            return None
        assert isinstance(item, str)
        if len(item) > max_length:
            self.fail(
                item_name,
                MAX_LENGTH,
                f"Zorg ervoor dat dit veld niet meer dan {max_length} karakters bevat.",
            )
            return None
        return item
