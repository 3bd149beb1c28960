"""Columns → validated numpy arrays for the rules, and the errors of the cells that fail.

Each column gets a :class:`Reader`, which turns any block of rows into a
:class:`Decoded`: which rows are known, the value the rules read (canonical float, flag,
vocabulary code or bit set, questionnaire total), and which rows hold an invalid value.
Distinct cell values are read once for the whole table, through the models (see
:mod:`._fields`); plain numeric columns are checked with numpy, block by block,
mirroring the model's check, and every value that check rejects is handed to the model
for its message.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from insomnia_factors.columnar._fields import FieldSpec, FieldType, is_null, normalize, plain
from insomnia_factors.columnar._source import Coded, Column, Numbers
from insomnia_factors.errors import InvalidInputError, InvalidQuantityError
from insomnia_factors.models.profile import _MINUTES_PER_NIGHT, _NIGHTLY_FIELDS, Profile
from insomnia_factors.models.vocabulary import Sex
from insomnia_factors.questionnaires import PHQ9, Questionnaire
from insomnia_factors.units import Measurement
from insomnia_factors.units._measurement import (
    _SPECS,
    CANONICAL_DIGITS,
    _factor,
    canonical_value,
    quantity_parts,
)

__all__ = ["Decoded", "Reader", "column_unit", "cross_check", "reader"]

Array = npt.NDArray[Any]
Bools = npt.NDArray[np.bool_]


@attrs.define
class Decoded:
    """One column, read.

    Attributes:
        spec: the field.
        known: the value is known and valid.
        value: what the rules read (0 where not known): float64 for quantities, numbers,
            questionnaire totals and supplements; bool for flags; int64 for a vocabulary
            member's position (-1 unknown) or a bit set of members.
        extra: PHQ-9 only: item 9 (thoughts of self-harm) answered above 0.
        bad: rows holding an invalid value (None: there are none).
        error: the model's error for a bad row (rows count from the block's start).
        document: the cell of a row as a profile document holds it (None: unknown).
    """

    spec: FieldSpec
    known: Bools
    value: Array
    extra: Bools | None
    bad: Bools | None
    error: Callable[[int], InvalidInputError]
    document: Callable[[int], object]


def canonical_values(values: Array, factor: float) -> Array:
    """:func:`~insomnia_factors.units._measurement.canonical_value` of every value, bit for bit.

    The product is rounded to ``CANONICAL_DIGITS`` significant digits with numpy where
    that is provably exact, and by the scalar rule itself for the rest: values whose
    scaled product lies within 1e-3 of a half (the scaling's own rounding error is below
    2.5e-4), whose decimal exponent was misjudged, or that are too large or too small
    for an exact power of ten.
    """
    digits = CANONICAL_DIGITS
    product = values * factor
    with np.errstate(divide="ignore", invalid="ignore"):  # 0, inf and NaN go the slow way
        places = (digits - 1) - np.floor(np.log10(np.abs(product)))
        fast = (places >= 0) & (places <= _EXACT_POWERS_OF_TEN)
        scale = _POWERS_OF_TEN[np.where(fast, places, 0).astype(np.intp)]
        scaled = product * scale
        whole = np.rint(scaled)
        settled = (
            fast
            & (np.abs(scaled - whole) <= 0.5 - 1e-3)
            & (whole >= 10.0 ** (digits - 1))
            & (whole < 10.0**digits)
        )
        out: Array = np.where(settled, whole / scale, product)
    for row in np.flatnonzero(~settled & np.isfinite(product) & (product != 0)):
        out[row] = canonical_value(float(values[row]), factor)
    return out


#: 10**k is exact in binary floating point up to k = 22.
_EXACT_POWERS_OF_TEN = 22
_POWERS_OF_TEN = np.array([10.0**k for k in range(_EXACT_POWERS_OF_TEN + 1)])


def column_unit(spec: FieldSpec, unit: str) -> tuple[str, float]:
    """Check a column's unit as the models would, and return it with its unit factor."""
    assert spec.kind is not None
    try:
        # The unit alone: any value would do, and 0 is not a plausible one of every kind.
        _, unit = quantity_parts(
            {"value": 1.0, "unit": unit}, spec.path, _SPECS[spec.kind].expected
        )
        factor = _factor(unit, spec.kind)
    except InvalidInputError as exc:
        raise (exc if exc.field else exc.at(spec.path)).at("units") from None
    return unit, factor


def _value_dtype(spec: FieldSpec) -> type:
    if spec.form is FieldType.FLAG:
        return np.bool_
    if spec.form in (FieldType.CHOICE, FieldType.CHOICES):
        return np.int64
    return np.float64


def _read(spec: FieldSpec, built: object) -> tuple[object, bool]:
    """The number the rules read from a value the model built, and the PHQ-9 flag."""
    kind = spec.form
    if kind is FieldType.QUANTITY:
        assert isinstance(built, Measurement)
        return built.canonical, False
    if kind is FieldType.CHOICE:
        return spec.members().index(built), False
    if kind is FieldType.CHOICES:
        members = spec.members()
        assert isinstance(built, tuple)
        return sum(1 << members.index(m) for m in built), False
    if kind is FieldType.QUESTIONNAIRE:
        assert isinstance(built, Questionnaire)
        result = built.result()
        return result.total, bool(result.self_harm_risk)
    return built, False


_NAN = object()


def _no_error(row: int) -> InvalidInputError:  # pragma: no cover - never asked
    raise AssertionError(f"row {row} is not invalid")


class Reader:
    """Decodes blocks of rows of one column."""

    spec: FieldSpec

    def block(self, start: int, stop: int) -> Decoded:  # pragma: no cover - abstract
        raise NotImplementedError


class _CodedReader(Reader):
    """Each distinct cell read once, through the model; a block is a gather by code."""

    def __init__(self, spec: FieldSpec, column: Coded, unit: str | None) -> None:
        self.spec = spec
        self.codes = column.codes
        size = len(column.uniques)
        # One extra slot at the end, for null: code -1 reads it.
        known = np.zeros(size + 1, dtype=np.bool_)
        value: Array = np.zeros(size + 1, dtype=_value_dtype(spec))
        extra = np.zeros(size + 1, dtype=np.bool_)
        bad = np.zeros(size + 1, dtype=np.bool_)
        self.documents: list[object] = [None] * (size + 1)
        self.errors: dict[int, InvalidInputError] = {}
        choice = spec.form is FieldType.CHOICE
        if choice:
            value[:] = -1
        for j, cell in enumerate(column.uniques):
            if not isinstance(cell, (list, tuple, dict, np.ndarray)) and is_null(cell):
                continue
            document = self.documents[j] = normalize(spec, cell, unit)
            try:
                built = spec.build(document)
            except InvalidInputError as exc:
                bad[j] = True
                self.errors[j] = exc
                continue
            known[j] = True
            value[j], extra[j] = _read(spec, built)
        self.known, self.value, self.bad = known, value, bad if bad.any() else None
        self.extra = extra if spec.questionnaire is PHQ9 and extra.any() else None

    def block(self, start: int, stop: int) -> Decoded:
        codes = self.codes[start:stop]
        bad = self.bad[codes] if self.bad is not None else None
        return Decoded(
            spec=self.spec,
            known=self.known[codes],
            value=self.value[codes],
            extra=self.extra[codes] if self.extra is not None else None,
            bad=bad if bad is not None and bad.any() else None,
            error=lambda row: self.errors[int(codes[row])],
            document=lambda row: self.documents[int(codes[row])],
        )


def _as_coded(column: Numbers) -> Coded:
    uniques, codes = np.unique(column.values, return_inverse=True)
    codes = codes.astype(np.intp).reshape(-1)
    if column.null is not None:
        codes[column.null] = -1
    return Coded(codes, [plain(u) for u in uniques])


def _accepts_numbers(spec: FieldSpec, dtype: np.dtype[Any]) -> bool:
    if dtype.kind == "b":
        return spec.form is FieldType.FLAG
    return spec.form in (
        FieldType.QUANTITY,
        FieldType.WHOLE,
        FieldType.NUMBER,
        FieldType.QUESTIONNAIRE,
    )


class _NumbersReader(Reader):
    """A numeric column, checked with numpy as the model would check each value."""

    def __init__(self, spec: FieldSpec, column: Numbers, unit: str | None) -> None:
        self.spec = spec
        self.values = column.values
        self.null = column.null
        self.unit = unit
        self.factor = 1.0
        if spec.form is FieldType.QUANTITY:
            assert unit is not None
            self.factor = column_unit(spec, unit)[1]
        self.integral = self.values.dtype.kind in "iu"
        self.low, self.high = -np.inf, np.inf
        self.whole = False
        if spec.form is FieldType.QUESTIONNAIRE:
            assert spec.questionnaire is not None
            self.low, self.high = 0.0, float(spec.questionnaire.INSTRUMENT.max_total)
            self.whole = True
        elif spec.form in (FieldType.WHOLE, FieldType.NUMBER):
            assert spec.bounds is not None
            self.low, self.high = spec.bounds
            self.whole = spec.form is FieldType.WHOLE
        self.minimum, self.maximum = 0.0, np.inf
        if spec.kind is not None:
            self.minimum = _SPECS[spec.kind].minimum
            self.maximum = _SPECS[spec.kind].maximum or np.inf
            if spec.path in _NIGHTLY_FIELDS:
                self.maximum = min(self.maximum, _MINUTES_PER_NIGHT)
        self.errors: dict[object, InvalidInputError] = {}

    def _check(self, values: Array) -> tuple[Array, Bools | None]:
        """(value for the rules, rows the model would accept)."""
        form = self.spec.form
        if form is FieldType.FLAG:
            return values, None
        numbers = values.astype(np.float64, copy=False)
        with np.errstate(invalid="ignore"):
            if form is FieldType.QUANTITY:
                canonical = canonical_values(numbers, self.factor)
                ok = (
                    np.isfinite(numbers)
                    & (numbers >= 0)
                    & np.isfinite(canonical)
                    & (canonical >= self.minimum)
                    & (canonical <= self.maximum)
                )
                return canonical, ok
            ok = (numbers >= self.low) & (numbers <= self.high)
            if self.whole and not self.integral:
                ok &= numbers == np.floor(numbers)
        return numbers, ok

    def _key(self, cell: object) -> object:
        return _NAN if cell != cell else cell  # NaN is not equal to itself

    def block(self, start: int, stop: int) -> Decoded:
        spec = self.spec
        values = self.values[start:stop]
        null = self.null[start:stop] if self.null is not None else None
        number, ok = self._check(values)
        known = ~null if null is not None else np.ones(len(values), dtype=np.bool_)
        bad: Bools | None = None
        if ok is not None:
            bad = known & ~ok
            known &= ok
        # A new array: never hand out a view of the caller's data that could be written.
        value: Array = np.where(known, number, 0).astype(_value_dtype(spec), copy=False)
        if bad is not None and bad.any():
            # The model decides each rejected value: it gives the message (and, should
            # the vectorised check ever be stricter than the model, the accepted value).
            for found in np.flatnonzero(bad):
                row = int(found)
                key = self._key(plain(values[row]))
                if key in self.errors:
                    continue
                try:
                    built = spec.build(normalize(spec, values[row], self.unit))
                except InvalidInputError as exc:
                    self.errors[key] = exc
                    continue
                bad[row] = False
                known[row] = True
                value[row] = _read(spec, built)[0]
        if bad is not None and not bad.any():
            bad = None

        def document(row: int) -> object:
            if null is not None and null[row]:
                return None
            return normalize(spec, values[row], self.unit)

        return Decoded(
            spec=spec,
            known=known,
            value=value,
            extra=None,
            bad=bad,
            error=lambda row: self.errors[self._key(plain(values[row]))],
            document=document,
        )


class _UnknownReader(Reader):
    """A column with nothing known in it."""

    def __init__(self, spec: FieldSpec) -> None:
        self.spec = spec

    def block(self, start: int, stop: int) -> Decoded:
        length = stop - start
        value: Array = np.zeros(length, dtype=_value_dtype(self.spec))
        if self.spec.form is FieldType.CHOICE:
            value -= 1
        return Decoded(
            spec=self.spec,
            known=np.zeros(length, dtype=np.bool_),
            value=value,
            extra=None,
            bad=None,
            error=_no_error,
            document=lambda row: None,
        )


def cross_check(decoded: Sequence[Decoded]) -> list[Decoded]:
    """Apply the checks that span columns, as :class:`~insomnia_factors.Profile` does.

    Pregnancy or lactation reported for a man is an invalid value of that column, with
    the message the profile model gives for it.
    """
    by_path = {column.spec.path: column for column in decoded}
    sex = by_path.get("sex")
    if sex is None:
        return list(decoded)
    male = sex.known & (sex.value == sex.spec.members().index(Sex.MALE))
    for name in ("pregnant", "lactating"):
        column = by_path.get(name)
        if column is None:
            continue
        clash = male & column.known & column.value.astype(np.bool_)
        if clash.any():
            _mark_bad(column, clash, _profile_error(sex=Sex.MALE, **{name: True}))
    return list(decoded)


def _profile_error(**fields: object) -> InvalidInputError:
    try:
        Profile(**fields)  # type: ignore[arg-type]
    except InvalidInputError as error:
        return error
    raise AssertionError(f"the profile model accepts {fields}")  # pragma: no cover


def _mark_bad(column: Decoded, rows: Bools, error: InvalidInputError) -> None:
    earlier = column.error
    column.bad = rows if column.bad is None else column.bad | rows
    column.known = column.known & ~rows
    column.error = lambda row: error if rows[row] else earlier(row)


def reader(spec: FieldSpec, column: Column, unit: str | None) -> Reader:
    """The reader of one column of ``spec``; ``unit`` is the column's unit from ``units=``.

    Raises :class:`~insomnia_factors.errors.InvalidQuantityError` for a quantity column
    of plain numbers without a unit (unless it is empty).
    """
    if isinstance(column, Numbers):
        if not _accepts_numbers(spec, column.values.dtype):
            return _CodedReader(spec, _as_coded(column), unit)
        if spec.form is FieldType.QUANTITY and unit is None:
            null = column.null
            if null is None or not null.all():
                assert spec.kind is not None
                raise InvalidQuantityError(
                    spec.path,
                    f"{_SPECS[spec.kind].expected}; the column holds plain numbers, so give "
                    f"their unit in units={{{spec.path!r}: ...}} or write the unit in each cell",
                )
            return _UnknownReader(spec)
        return _NumbersReader(spec, column, unit)
    return _CodedReader(spec, column, unit)
