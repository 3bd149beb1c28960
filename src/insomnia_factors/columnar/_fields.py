"""The columns a table may have: one per profile field, derived from the profile models.

One field is not a column: ``magnesium.reference_range`` (see :data:`NOT_IN_TABLES`).

A column is named by the field's dotted path (``magnesium.serum``).  What it accepts,
and the error it raises, come from the models themselves: a cell is checked by building
the field's section with that one value (``Magnesium(serum=cell)``), so a table and a
profile document reject exactly the same values with the same messages.  Only the fast
numeric paths in :mod:`._decode` repeat a model's check, vectorised, and they hand every
value they reject back to the model for its message.
"""

from __future__ import annotations

import enum
import functools
import json
import math
import re
import typing
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from insomnia_factors.errors import InvalidInputError
from insomnia_factors.models.profile import Profile, Supplement
from insomnia_factors.questionnaires import Questionnaire
from insomnia_factors.units import Kind, Measurement, canonical_unit

__all__ = ["NOT_IN_TABLES", "FieldSpec", "FieldType", "field_specs", "normalize"]

#: Profile fields a table cannot hold, and what to do instead.  A laboratory's own range
#: is a pair of limits that belong together; a cohort measured in one laboratory gets
#: its range through the catalog, for every row at once.
NOT_IN_TABLES: Mapping[str, str] = {
    "magnesium.reference_range": "a field a table can hold, and a laboratory's own "
    "reference range is not one: tables use the catalog's serum range, so give "
    "assess_table() a catalog whose magnesium factor has that laboratory's serum_range, "
    "or assess such profiles one by one with assess()",
}


class FieldType(enum.Enum):
    """How a column's cells are read and what the rules get from them."""

    QUANTITY = "quantity"  # canonical float
    WHOLE = "whole"  # whole number within bounds
    NUMBER = "number"  # number within bounds
    FLAG = "flag"  # true / false
    CHOICE = "choice"  # one member of a vocabulary
    CHOICES = "choices"  # a set of members of a vocabulary
    QUESTIONNAIRE = "questionnaire"  # total score (and the PHQ-9 self-harm item)
    SUPPLEMENTS = "supplements"  # elemental magnesium per day from all supplements


@attrs.frozen
class FieldSpec:
    """One profile field as a column.

    Attributes:
        path: the dotted path and column name (``"magnesium.serum"``).
        section: the section's attribute on :class:`~insomnia_factors.Profile`, or None
            for a top-level field such as ``age``.
        name: the field's attribute in its section.
        model: the section class (``Magnesium``), or ``Profile`` for a top-level field.
        form: how cells are read.
        kind: the quantity's kind (quantities only).
        bounds: inclusive bounds of a number (numbers only), read from the field's validator.
        vocabulary: the enum of a choice or set of choices.
        questionnaire: the questionnaire class.
        order: position of the field in the profile (the order a document is checked in).
    """

    path: str
    section: str | None
    name: str
    model: type
    form: FieldType
    kind: Kind | None = None
    bounds: tuple[float, float] | None = None
    vocabulary: type[enum.Enum] | None = None
    questionnaire: type[Questionnaire] | None = None
    order: int = 0

    def build(self, value: object) -> object:
        """The field's value as the model converts it; raises the model's error with the path."""
        try:
            built = self.model(**{self.name: value})
        except InvalidInputError as exc:
            raise (exc.at(self.section) if self.section else exc) from None
        if self.form is FieldType.SUPPLEMENTS:
            return built.supplemental_mg_per_day
        return getattr(built, self.name)

    def members(self) -> tuple[enum.Enum, ...]:
        assert self.vocabulary is not None
        return tuple(self.vocabulary)


def _kind_of(converter: Callable[[object], object]) -> Kind:
    # A quantity converter returns a measurement of its own kind unchanged, so the kind
    # is read from the model's converter rather than restated here.
    for kind in Kind:
        probe = Measurement(0.0, canonical_unit(kind), kind)
        try:
            if converter(probe) is probe:
                return kind
        except InvalidInputError:
            continue
    raise TypeError(f"no quantity kind is accepted by {converter!r}")  # pragma: no cover


def _spec(
    path: str, section: str | None, model: type, field: attrs.Attribute[Any], hint: Any, order: int
) -> FieldSpec:
    inner = [a for a in typing.get_args(hint) if a is not type(None)] or [hint]
    tp = inner[0]

    def spec(form: FieldType, **details: Any) -> FieldSpec:
        return FieldSpec(path, section, field.name, model, form, order=order, **details)

    if tp is Measurement:
        assert field.converter is not None
        converter = typing.cast(Callable[[object], object], field.converter)
        return spec(FieldType.QUANTITY, kind=_kind_of(converter))
    if isinstance(tp, type) and issubclass(tp, Questionnaire):
        return spec(FieldType.QUESTIONNAIRE, questionnaire=tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return spec(FieldType.CHOICE, vocabulary=tp)
    if typing.get_origin(tp) is tuple:
        member = typing.get_args(tp)[0]
        if member is Supplement:
            return spec(FieldType.SUPPLEMENTS)
        return spec(FieldType.CHOICES, vocabulary=member)
    if tp is bool:
        return spec(FieldType.FLAG)
    bounds = getattr(field.validator, "bounds", None)
    if tp is int and bounds is not None:
        return spec(FieldType.WHOLE, bounds=bounds)
    if tp is float and bounds is not None:
        return spec(FieldType.NUMBER, bounds=bounds)
    raise TypeError(f"no column type for profile field {path} ({hint})")  # pragma: no cover


@functools.cache
def field_specs() -> Mapping[str, FieldSpec]:
    """Every profile field that can be a column, by dotted path, in profile order."""
    specs: dict[str, FieldSpec] = {}
    hints = typing.get_type_hints(Profile)
    for field in attrs.fields(Profile):
        tp = hints[field.name]
        if attrs.has(tp):
            section_hints = typing.get_type_hints(tp)
            for inner in attrs.fields(tp):
                if inner.init and f"{field.name}.{inner.name}" not in NOT_IN_TABLES:
                    path = f"{field.name}.{inner.name}"
                    specs[path] = _spec(
                        path, field.name, tp, inner, section_hints[inner.name], len(specs)
                    )
        else:
            specs[field.name] = _spec(field.name, None, Profile, field, tp, len(specs))
    return specs


# ---------------------------------------------------------------------------------------
# Cells → document values.  Tables arrive as text (CSV) or with numpy/Arrow scalars; each
# cell is turned into what a profile document would hold, and nothing more.

_NUMBER_TEXT = re.compile(r"\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*")
_TRUE_FALSE = {"true": True, "false": False}


def is_null(cell: object) -> bool:
    """None, NaN and pandas' missing markers are unknown; so is blank text."""
    if cell is None:
        return True
    if isinstance(cell, float):
        return math.isnan(cell)
    if isinstance(cell, str):
        return not cell.strip()
    return type(cell).__name__ in ("NAType", "NaTType")


def plain(cell: object) -> object:
    """Numpy scalars and arrays as Python objects (``np.int64(3)`` → ``3``)."""
    if type(cell).__module__ == "numpy":
        tolist = getattr(cell, "tolist", None)
        if tolist is not None:
            return tolist()
    return cell


def _whole_if_integral(value: object) -> object:
    # pandas stores whole numbers as floats when a column has gaps (52.0 for 52).
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _number_text(value: object) -> object:
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(value):
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    return value


def _json_text(value: object) -> object:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _deep_plain(value: object) -> object:
    value = plain(value)
    if isinstance(value, Mapping):
        return {key: _deep_plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_deep_plain(item) for item in value]
    return value


def normalize(spec: FieldSpec, cell: object, unit: str | None) -> object:
    """The document value of one non-null cell of ``spec``'s column.

    Never raises: what cannot be read is passed on unchanged, for the model to reject
    with its own message.
    """
    value = plain(cell)
    kind = spec.form
    if kind is FieldType.QUANTITY:
        if unit is not None:
            value = _number_text(value)
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                return {"value": value, "unit": unit}
        return _deep_plain(value)
    if kind is FieldType.WHOLE:
        return _whole_if_integral(_number_text(value))
    if kind is FieldType.NUMBER:
        return _number_text(value)
    if kind is FieldType.FLAG:
        if isinstance(value, str):
            return _TRUE_FALSE.get(value.strip().lower(), value)
        return value
    if kind is FieldType.QUESTIONNAIRE:
        value = _deep_plain(_json_text(value))
        return _whole_if_integral(value)
    if kind is FieldType.CHOICES:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return _deep_plain(_json_text(text))
            return [part.strip() for part in text.split(";") if part.strip()]
        return _deep_plain(value)
    if kind is FieldType.SUPPLEMENTS:
        return _deep_plain(_json_text(value))
    return value  # CHOICE: the model folds case and white space
