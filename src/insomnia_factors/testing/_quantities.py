"""Strategies for quantities: a value in a randomly chosen unit, in the form you ask for.

A value is drawn either as a short decimal in the chosen unit (what a person types:
``"1.8 mg/dL"``, ``"2.5 h"``) or as a notable canonical value (a reference limit, an
intake reference value, 6 h, 3 months) converted exactly into that unit.  Either way it
stays within the bounds the profile model accepts.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any, Literal, TypedDict, overload

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from insomnia_factors.testing._unit_tables import UnitTable, table_for
from insomnia_factors.units import Kind, Measurement, parse_quantity

__all__ = [
    "QuantityForm",
    "QuantityMapping",
    "Span",
    "equivalent_value",
    "kind_of",
    "quantities",
    "quantity_in",
    "user_span",
]

#: How a drawn quantity is handed over: ``"text"`` (``"1.5 mg/dL"``), ``"mapping"``
#: (``{"value": 1.5, "unit": "mg/dL"}``), ``"json"`` (either of those two),
#: ``"measurement"`` (a :class:`~insomnia_factors.units.Measurement`), ``"quantity"`` (a
#: pint ``Quantity`` of the application registry) or ``"any"`` (any of them).
QuantityForm = Literal["text", "mapping", "json", "measurement", "quantity", "any"]

_MAX_PLACES = 6  # decimals of a drawn value; far coarser than float noise (≈ 1e-16)


class QuantityMapping(TypedDict):
    """The object form of a quantity in a profile document."""

    value: float
    unit: str


@attrs.frozen
class Span:
    """A range of canonical values; either end may be open."""

    low: Fraction
    high: Fraction
    low_open: bool = False
    high_open: bool = False

    def contains(self, value: Fraction) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        below = value < self.high if self.high_open else value <= self.high
        return above and below

    def intersect(self, other: Span) -> Span | None:
        """The values in both spans, or None when they share none."""
        # At equal ends the open one is the tighter: (value, open) orders it after.
        low, low_open = max((self.low, self.low_open), (other.low, other.low_open))
        high, high_closed = min((self.high, not self.high_open), (other.high, not other.high_open))
        span = Span(low, high, low_open, not high_closed)
        if low > high or (low == high and (span.low_open or span.high_open)):
            return None
        return span


def kind_of(kind: Kind | str) -> Kind:
    """Accept a :class:`~insomnia_factors.units.Kind` or its value (``"serum_magnesium"``)."""
    if isinstance(kind, Kind):
        return kind
    try:
        return Kind(kind)
    except ValueError:
        known = ", ".join(repr(k.value) for k in Kind)
        raise InvalidArgument(f"kind={kind!r} is not one of {known}") from None


def _fraction(value: float, name: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise InvalidArgument(f"{name}={value!r} must be a finite number")
    # Read a float as the decimal it was written as: 0.6 means 3/5, not 0.59999….
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


def user_span(table: UnitTable, min_value: float | None, max_value: float | None) -> Span:
    """The model's accepted range, narrowed by the caller's bounds (canonical units)."""
    accepted = Span(table.minimum, table.maximum)
    low = accepted.low if min_value is None else _fraction(min_value, "min_value")
    high = accepted.high if max_value is None else _fraction(max_value, "max_value")
    span = accepted.intersect(Span(low, high))
    if span is None:
        raise InvalidArgument(
            f"no {table.kind.value} value lies in [{min_value}, {max_value}] and within the "
            f"model's accepted range {float(table.minimum):g}-{float(table.maximum):g}"
        )
    return span


def _units(table: UnitTable, units: Sequence[str] | None) -> tuple[str, ...]:
    if units is None:
        return table.units
    if isinstance(units, str):
        raise InvalidArgument("units must be a sequence of unit strings, not one string")
    unknown = [u for u in units if u not in table.per_canonical]
    if unknown or not units:
        raise InvalidArgument(
            f"units={list(units)!r}: choose from {', '.join(table.units)} for {table.kind.value}"
        )
    return tuple(units)


def _in_unit(canonical: Fraction, table: UnitTable, unit: str) -> float:
    # float() of a Fraction is correctly rounded: the nearest float to the exact value.
    return float(canonical * table.per_canonical[unit])


_PLACES = st.integers(0, _MAX_PLACES)


def _decimal(draw: st.DrawFn, table: UnitTable, span: Span, unit: str) -> float:
    """A short decimal in ``unit`` whose exact canonical value lies in ``span``."""
    factor = table.per_canonical[unit]
    low, high = span.low * factor, span.high * factor
    first = draw(_PLACES)
    for places in range(first, _MAX_PLACES + 1):
        scale = 10**places
        smallest = math.floor(low * scale) + 1 if span.low_open else math.ceil(low * scale)
        largest = math.ceil(high * scale) - 1 if span.high_open else math.floor(high * scale)
        if smallest <= largest:
            return float(Fraction(draw(st.integers(smallest, largest)), scale))
    # No short decimal fits (a very narrow span): take its exact middle.
    return _in_unit((span.low + span.high) / 2, table, unit)


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _json_number(value: float) -> float:
    # JSON from forms often carries whole numbers as integers; both are accepted.
    return int(value) if value.is_integer() and abs(value) < 1e15 else value


_FORMS: dict[QuantityForm, tuple[str, ...]] = {
    "text": ("text",),
    "mapping": ("mapping",),
    "json": ("text", "mapping"),
    "measurement": ("measurement",),
    "quantity": ("quantity",),
    "any": ("text", "mapping", "measurement", "quantity"),
}


@attrs.frozen
class _Plan:
    """Everything a draw needs, worked out once when the strategy is built."""

    table: UnitTable
    span: Span
    typical: Span | None  # None when the typical range misses ``span``
    units: st.SearchStrategy[str]
    branches: st.SearchStrategy[str]
    notable: st.SearchStrategy[Fraction]
    forms: st.SearchStrategy[str]


@st.composite
def _quantity(draw: st.DrawFn, plan: _Plan) -> Any:
    unit = draw(plan.units)
    branch = draw(plan.branches)
    if branch == "notable":
        value = _in_unit(draw(plan.notable), plan.table, unit)
    else:
        span = plan.typical if branch == "typical" and plan.typical else plan.span
        value = _decimal(draw, plan.table, span, unit)
    form = draw(plan.forms)
    text = f"{_number_text(value)} {unit}"
    if form == "text":
        return text
    if form == "mapping":
        mapping: QuantityMapping = {"value": _json_number(value), "unit": unit}
        return mapping
    measurement = parse_quantity(text, plan.table.kind)
    return measurement if form == "measurement" else measurement.to_quantity()


def quantity_in(
    table: UnitTable,
    span: Span,
    *,
    form: QuantityForm,
    units: Sequence[str] | None = None,
    typical: Span | None = None,
) -> st.SearchStrategy[Any]:
    """Quantities of ``table``'s kind within ``span`` (the building block of the others).

    Most values are short decimals in the typical range, often a notable value (the
    span's ends and the table's boundaries within it) converted exactly, now and then a
    short decimal anywhere in ``span``.
    """
    if form not in _FORMS:
        raise InvalidArgument(f"form={form!r}: expected one of {', '.join(_FORMS)}")
    common = span.intersect(typical or Span(*table.typical))
    # The span's own ends count as notable; contains() leaves out an open one.
    notable = sorted({v for v in (*table.boundaries, span.low, span.high) if span.contains(v)})
    branches = ["typical"] * (common is not None) + ["notable"] * bool(notable) + ["anywhere"]
    plan = _Plan(
        table=table,
        span=span,
        typical=common,
        units=st.sampled_from(_units(table, units)),
        branches=st.sampled_from(branches),
        notable=st.sampled_from(notable) if notable else st.nothing(),
        forms=st.sampled_from(_FORMS[form]),
    )
    return _quantity(plan)


@overload
def quantities(
    kind: Kind | str,
    *,
    form: Literal["text"] = ...,
    min_value: float | None = ...,
    max_value: float | None = ...,
    units: Sequence[str] | None = ...,
) -> st.SearchStrategy[str]: ...
@overload
def quantities(
    kind: Kind | str,
    *,
    form: Literal["mapping"],
    min_value: float | None = ...,
    max_value: float | None = ...,
    units: Sequence[str] | None = ...,
) -> st.SearchStrategy[QuantityMapping]: ...
@overload
def quantities(
    kind: Kind | str,
    *,
    form: Literal["json"],
    min_value: float | None = ...,
    max_value: float | None = ...,
    units: Sequence[str] | None = ...,
) -> st.SearchStrategy[str | QuantityMapping]: ...
@overload
def quantities(
    kind: Kind | str,
    *,
    form: Literal["measurement"],
    min_value: float | None = ...,
    max_value: float | None = ...,
    units: Sequence[str] | None = ...,
) -> st.SearchStrategy[Measurement]: ...
@overload
def quantities(
    kind: Kind | str,
    *,
    form: Literal["quantity", "any"],
    min_value: float | None = ...,
    max_value: float | None = ...,
    units: Sequence[str] | None = ...,
) -> st.SearchStrategy[Any]: ...
def quantities(
    kind: Kind | str,
    *,
    form: QuantityForm = "text",
    min_value: float | None = None,
    max_value: float | None = None,
    units: Sequence[str] | None = None,
) -> st.SearchStrategy[Any]:
    """Quantities of one kind, each in a randomly chosen unit.

    Args:
        kind: a :class:`~insomnia_factors.units.Kind` or its value:
            ``"serum_magnesium"`` (mmol/L, mEq/L, µmol/L, mg/dL, mg/L),
            ``"magnesium_per_day"`` (intakes: mg/day, g/day, mg/week, mmol/day, mEq/day),
            ``"mass_per_day"`` (caffeine, supplement doses: mg/day, g/day, mg/week),
            ``"mass"`` (mg, g) or ``"duration"`` (min, h, days, weeks, months).
        form: ``"text"`` (default) for ``"1.5 mg/dL"``, ``"mapping"`` for
            ``{"value": 1.5, "unit": "mg/dL"}``, ``"json"`` for either, ``"measurement"``
            for a :class:`~insomnia_factors.units.Measurement`, ``"quantity"`` for a pint
            ``Quantity`` of the application registry, ``"any"`` for all of these.
        min_value, max_value: inclusive bounds in the kind's canonical unit (mmol/L,
            mg/day, mg or min; see :func:`~insomnia_factors.units.canonical_unit`).  The
            model's own limits always apply: serum from 0.1 to 10 mmol/L, magnesium intake at
            most 100 g/day, other masses per day at most 1 kg/day; durations and masses
            are drawn up to ten years and 1 kg.
        units: spellings to choose from (default: all of the kind's, e.g. both
            ``"µmol/L"`` and ``"umol/L"``).

    Most values are short decimals in a typical range (serum 0.2-1.6 mmol/L, intakes up to
    1000 mg/day, durations up to 24 h); reference limits, intake reference values, 6 h and
    3 months, converted exactly into the drawn unit, come up often; now and then a value
    anywhere in the accepted range.
    """
    table = table_for(kind_of(kind))
    return quantity_in(table, user_span(table, min_value, max_value), form=form, units=units)


def _spelling(unit: str) -> str:
    return unit.replace(" ", "").replace("μ", "µ")


def equivalent_value(measurement: Measurement, unit: str) -> float:
    """``measurement``'s value expressed in ``unit`` (one of the strategies' spellings).

    The conversion uses the strategies' own exact tables, from the unit the person gave,
    so that it does not borrow the library's factors; only a unit those tables do not
    know falls back on the library's canonical value.
    """
    table = table_for(measurement.kind)
    source = next(
        (
            factor
            for spelling, factor in table.per_canonical.items()
            if _spelling(spelling) == _spelling(measurement.unit)
        ),
        None,
    )
    if source is None:
        exact = Fraction(measurement.canonical)
    else:
        exact = Fraction(measurement.value) / source
    return _in_unit(exact, table, unit)
