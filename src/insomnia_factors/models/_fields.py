"""Converters and validators shared by the profile models.

Each one names the field it guards, so that an error reads ``serum: expected …`` and the
serialization layer can put the section in front (``magnesium.serum``).  Unknown (None)
always passes through untouched: it is a value of its own, never a default of zero.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import attrs
from attrs import AttrsInstance

from insomnia_factors.errors import InvalidInputError, InvalidProfileError, join_path
from insomnia_factors.units import Kind, Measurement, parse_quantity

__all__ = [
    "from_mapping",
    "optional_bool",
    "optional_int",
    "optional_number",
    "to_enum",
    "to_enum_set",
    "to_quantity",
    "with_path",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")
A = TypeVar("A", bound=AttrsInstance)


def to_quantity(value: object, kind: Kind, field: str) -> Measurement | None:
    if value is None:
        return None
    return parse_quantity(value, kind, field=field)


def to_enum(value: object, enum_type: type[E], field: str) -> E | None:
    if value is None or isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        try:
            return enum_type(value.strip().lower())
        except ValueError:
            pass
    known = ", ".join(repr(member.value) for member in enum_type)
    raise InvalidProfileError(field, f"one of {known}", value)


def to_enum_set(value: object, enum_type: type[E], field: str) -> tuple[E, ...] | None:
    """A list of vocabulary values → a sorted tuple without duplicates (order is not data)."""
    if value is None:
        return None
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise InvalidProfileError(field, f"a list of {enum_type.__name__.lower()} names", value)
    members = {to_enum(item, enum_type, f"{field}[{index}]") for index, item in enumerate(value)}
    return tuple(sorted((m for m in members if m is not None), key=lambda m: str(m.value)))


def with_path(convert: Callable[[object], T | None], value: object, field: str) -> T | None:
    """Run a converter whose errors carry a path relative to ``field``."""
    try:
        return convert(value)
    except InvalidInputError as exc:
        raise exc.at(field) from None


def from_mapping(cls: type[A], value: object, field: str) -> A:
    """Build an attrs instance from itself or from a mapping of its field names."""
    if isinstance(value, cls):
        return value
    if not isinstance(value, Mapping):
        raise InvalidProfileError(field, f"an object with the fields of {cls.__name__}", value)
    names = {a.alias for a in attrs.fields(cls) if a.init}
    extra = sorted(set(map(str, value)) - names)
    if extra:
        raise InvalidProfileError(
            join_path(field, extra[0]),
            "one of the known fields: " + ", ".join(sorted(names)),
            extra[0],
        )
    try:
        return cls(**value)
    except InvalidInputError as exc:
        raise exc.at(field) from None


@attrs.frozen
class _Range:
    """Validator of an optional number within ``bounds``; the schema reads the bounds."""

    bounds: tuple[float, float]
    integer: bool

    def __call__(self, _: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None:
            return
        low, high = self.bounds
        kinds = (int,) if self.integer else (int, float)
        if (
            isinstance(value, bool)
            or not isinstance(value, kinds)
            or not math.isfinite(value)
            or not low <= value <= high
        ):
            what = "a whole number" if self.integer else "a number"
            raise InvalidProfileError(attribute.name, f"{what} from {low:g} to {high:g}", value)


def optional_int(low: int, high: int) -> _Range:
    return _Range((low, high), integer=True)


def optional_number(low: float, high: float) -> _Range:
    return _Range((low, high), integer=False)


def optional_bool(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, bool):
        raise InvalidProfileError(attribute.name, "true, false or null (unknown)", value)
