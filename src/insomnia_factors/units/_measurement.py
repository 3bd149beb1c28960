"""Kinds of quantity the rules use, and :class:`Measurement`: a value with its unit.

A measurement keeps what the person gave (value and unit, for explanations) and one
canonical float for the rules (serum in mmol/L, intakes in mg/day, masses in mg,
durations in minutes), rounded to 12 significant digits so that the same amount in any
unit gives the same float.  The unit → canonical factor is computed with pint once per
distinct unit string and kind, then served from a cache, so rules never touch pint.
"""

from __future__ import annotations

import decimal
import enum
import functools
import math
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

import attrs

from insomnia_factors.errors import InvalidInputError, InvalidQuantityError, join_path
from insomnia_factors.units._chemistry import MAGNESIUM_MOLAR_MASS
from insomnia_factors.units._grammar import (
    check_magnitude,
    check_unit_text,
    normalize_unit,
    split_quantity,
)
from insomnia_factors.units._known import KNOWN_FACTORS

if TYPE_CHECKING:
    import pint

__all__ = [
    "CANONICAL_DIGITS",
    "Kind",
    "Measurement",
    "accepted_range",
    "canonical_unit",
    "canonical_value",
    "link",
    "parse_quantity",
    "quantity_parts",
]


class Kind(enum.Enum):
    """What a quantity measures; decides its dimension, canonical unit and limits."""

    SERUM_MAGNESIUM = "serum_magnesium"
    MAGNESIUM_PER_DAY = "magnesium_per_day"
    MASS_PER_DAY = "mass_per_day"
    MASS = "mass"
    DURATION = "duration"


@attrs.frozen
class _Spec:
    canonical: str
    expected: str
    magnesium: bool = False  # mass ↔ amount by Mg molar mass; equivalents allowed
    maximum: float | None = None
    #: The smallest plausible canonical value (0: any value that is not negative).
    minimum: float = 0.0
    #: Why values outside [minimum, maximum] are refused; the message adds the accepted
    #: range in the person's own unit.
    bounds_reason: str = ""


_SPECS: Final[Mapping[Kind, _Spec]] = {
    Kind.SERUM_MAGNESIUM: _Spec(
        "mmol/L",
        "a serum magnesium concentration such as '0.8 mmol/L', '1.9 mg/dL' or '1.6 mEq/L'",
        magnesium=True,
        # Design bounds, not clinical limits: a value outside them is a typing or unit
        # error, not a person.  The upper bound is far above any survivable level
        # (symptoms of toxicity start near 2 mmol/L, IOM 1997 p. 243).  The lower bound
        # catches 0 written for "not measured" and mg/L read as mg/dL; every value from
        # it up to the severe-deficiency limit (0.4 mmol/L) is referred urgently, so a
        # real value near it still reaches a doctor.
        minimum=0.1,
        maximum=10.0,
        bounds_reason="no living person has serum magnesium outside it",
    ),
    Kind.MAGNESIUM_PER_DAY: _Spec(
        "mg/day",
        "a magnesium amount per day such as '300 mg/day' or '12 mmol/day'",
        magnesium=True,
        maximum=100_000.0,
        bounds_reason="more than 100 g of magnesium a day is not a plausible intake",
    ),
    Kind.MASS_PER_DAY: _Spec(
        "mg/day",
        "a mass per day such as '300 mg/day' or '2 g/week'",
        maximum=1_000_000.0,
        bounds_reason="more than 1 kg a day is not a plausible intake",
    ),
    Kind.MASS: _Spec("mg", "a mass such as '500 mg' or '0.5 g'"),
    Kind.DURATION: _Spec("min", "a duration such as '45 min', '5.5 h' or '4 months'"),
}

_UNIT_TEXT_FORMAT = "~D"  # pint's short, plain rendering: "mg / dL"


def canonical_unit(kind: Kind) -> str:
    """The unit of :attr:`Measurement.canonical` for ``kind``."""
    return _SPECS[kind].canonical


_AROUND_SLASH = re.compile(r"\s*/\s*")


@functools.lru_cache(maxsize=1024)
def _factor(unit: str, kind: Kind) -> float:
    """Canonical value of one ``unit`` of ``kind``; raises with an empty field path."""
    known = KNOWN_FACTORS.get((_AROUND_SLASH.sub("/", unit), kind.value))
    if known is not None:
        return known
    from insomnia_factors.units._registry import registry

    spec = _SPECS[kind]
    normalized, has_equivalent = normalize_unit(unit)
    if has_equivalent and not spec.magnesium:
        raise InvalidQuantityError(
            "", f"{spec.expected}; equivalents (mEq) only apply to magnesium", unit
        )
    ureg = registry()
    one = ureg.Quantity(1.0, _parse_units(ureg, normalized, unit, spec.expected))
    linked = link(one, ureg.parse_units(spec.canonical), magnesium=spec.magnesium)
    if linked is None:
        raise InvalidQuantityError(
            "", f"{spec.expected} (a unit of {_dimension_words(kind)})", unit
        )
    return float(linked.magnitude)


def link(quantity: pint.Quantity, target: Any, *, magnesium: bool) -> pint.Quantity | None:
    """``quantity`` (of the application registry) in ``target`` units, through
    magnesium's molar mass where needed.

    Mass and amount of substance convert into each other only for magnesium; None when
    the dimensions cannot be linked.
    """
    from insomnia_factors.units._registry import registry

    candidates = [quantity]
    if magnesium:
        molar_mass = registry().Quantity(MAGNESIUM_MOLAR_MASS, "g/mol")
        candidates += [quantity / molar_mass, quantity * molar_mass]
    dimensionality = target.dimensionality
    for candidate in candidates:
        if candidate.dimensionality == dimensionality:
            return candidate.to(target)
    return None


def _parse_units(ureg: pint.UnitRegistry, normalized: str, shown: str, expected: str) -> Any:
    import pint

    try:
        return ureg.parse_units(normalized)
    except (pint.PintError, AttributeError, TypeError, ValueError, KeyError) as exc:
        raise InvalidQuantityError("", f"{expected}; the unit is not known", shown) from exc


def _dimension_words(kind: Kind) -> str:
    return {
        Kind.SERUM_MAGNESIUM: "concentration: mass or amount per volume",
        Kind.MAGNESIUM_PER_DAY: "mass or amount per time",
        Kind.MASS_PER_DAY: "mass per time",
        Kind.MASS: "mass",
        Kind.DURATION: "time",
    }[kind]


#: Significant digits kept in a canonical value.  A unit factor computed by pint carries
#: rounding noise in its last bits, so the same amount written in two units could land a
#: hair apart (24.305 mg/dL gave 10.000000000000002 mmol/L, 2.45 g/week 350.00000000000006
#: mg/day) and fall on different sides of a limit that the rules compare with < or >.
#: Twelve digits are far beyond any measurement's precision and far above float noise.
CANONICAL_DIGITS = 12


def canonical_value(value: float, factor: float) -> float:
    """``value × factor`` rounded to :data:`CANONICAL_DIGITS` significant digits."""
    return float(f"{value * factor:.{CANONICAL_DIGITS}g}")


def _canonical_of(self: Measurement) -> float:
    return canonical_value(self.value, _factor(self.unit, self.kind))


def _canonical_unit_of(self: Measurement) -> str:
    return _SPECS[self.kind].canonical


@attrs.frozen
class Measurement:
    """A non-negative value with its unit, as the person gave it, plus its canonical value.

    Build one with :func:`parse_quantity`; the constructor validates nothing beyond
    what the unit cache checks.
    """

    value: float
    unit: str
    kind: Kind
    canonical: float = attrs.field(
        init=False, default=attrs.Factory(_canonical_of, takes_self=True)
    )
    #: The unit of :attr:`canonical` (``"mmol/L"``, ``"mg/day"``, ``"mg"`` or ``"min"``).
    canonical_unit: str = attrs.field(
        init=False, eq=False, repr=False, default=attrs.Factory(_canonical_unit_of, takes_self=True)
    )

    def __str__(self) -> str:
        return self._text

    @functools.cached_property
    def _text(self) -> str:
        # Rules quote a value in both the evidence and its statement: format it once.
        return f"{_format_number(self.value)} {self.unit}"

    def to_quantity(self) -> pint.Quantity:
        """The value as a pint ``Quantity`` of the application registry."""
        from insomnia_factors.units._registry import registry

        ureg = registry()
        normalized, _ = normalize_unit(self.unit)
        return ureg.Quantity(self.value, normalized)

    def describe(self) -> str:
        """``"1.5 mg/dL (0.62 mmol/L)"``: the person's value and the canonical one."""
        if self.unit.replace(" ", "") == self.canonical_unit:
            return str(self)
        return f"{self} ({self.canonical:.3g} {self.canonical_unit})"


def _format_number(value: float) -> str:
    """Shortest text that reads back as the same float (``2.0`` → ``"2"``)."""
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def quantity_parts(value: object, field: str, expected: str) -> tuple[float, str]:
    """Split any accepted quantity form into ``(magnitude, unit text)``, validated."""
    if isinstance(value, Measurement):
        return value.value, value.unit
    if isinstance(value, str):
        return split_quantity(value, field, expected)
    if isinstance(value, Mapping):
        return _mapping_parts(value, field, expected)
    if isinstance(value, (bool, int, float)):
        raise InvalidQuantityError(
            field, f"{expected}; a bare number is ambiguous, give its unit", value
        )
    if hasattr(value, "magnitude") and hasattr(value, "units"):
        return _pint_parts(value, field, expected)
    raise InvalidQuantityError(
        field,
        f"{expected} as a string, {{'value': ..., 'unit': ...}} or a pint Quantity",
        type(value).__name__,
    )


def _mapping_parts(value: Mapping[Any, Any], field: str, expected: str) -> tuple[float, str]:
    if set(value) != {"value", "unit"}:
        raise InvalidQuantityError(
            field,
            f"{expected} as an object with exactly the keys 'value' and 'unit'",
            sorted(map(str, value)),
        )
    magnitude, unit = value["value"], value["unit"]
    if isinstance(magnitude, bool) or not isinstance(magnitude, (int, float)):
        raise InvalidQuantityError(join_path(field, "value"), "a number", magnitude)
    if not isinstance(unit, str):
        raise InvalidQuantityError(join_path(field, "unit"), "a unit string", unit)
    unit = unit.strip()
    check_unit_text(unit, field, expected)
    check_magnitude(float(magnitude), field, expected, magnitude)
    return float(magnitude), unit


def _pint_parts(value: Any, field: str, expected: str) -> tuple[float, str]:
    # Accept a Quantity from any registry: only its magnitude and unit text cross over,
    # so two registries never meet in arithmetic.
    try:
        magnitude = float(value.magnitude)
    except (TypeError, ValueError) as exc:
        raise InvalidQuantityError(field, f"{expected} with a single number", value) from exc
    try:
        unit = format(value.units, _UNIT_TEXT_FORMAT)
    except (TypeError, ValueError):
        unit = str(value.units)
    check_unit_text(unit, field, expected)
    check_magnitude(magnitude, field, expected, value)
    return magnitude, unit


def parse_quantity(value: object, kind: Kind, *, field: str = "") -> Measurement:
    """Validate an untrusted quantity and return its :class:`Measurement`.

    Accepts ``"1.5 mg/dL"``, ``{"value": 1.5, "unit": "mg/dL"}``, a pint ``Quantity``
    from any registry, or a :class:`Measurement`.  Raises
    :class:`~insomnia_factors.errors.InvalidQuantityError` naming ``field`` for
    malformed text, a bare number, a negative or non-finite value, a unit of the wrong
    dimension, or an impossible magnitude.
    """
    spec = _SPECS[kind]
    if isinstance(value, Measurement) and value.kind is kind:
        return value
    magnitude, unit = quantity_parts(value, field, spec.expected)
    try:
        _factor(unit, kind)  # validates the unit for this kind (cached)
    except InvalidInputError as exc:
        raise exc.at(field) from None
    measurement = Measurement(magnitude, unit, kind)
    if not math.isfinite(measurement.canonical):
        # A finite number in a large unit can still overflow ("1e308 months").
        raise InvalidQuantityError(
            field, f"{spec.expected}: a value of finite size", f"{_format_number(magnitude)} {unit}"
        )
    # The limits are held against the same rounded value the rules see, so that a value
    # exactly at a limit passes in every unit.
    canonical = measurement.canonical
    if (spec.maximum is not None and canonical > spec.maximum) or canonical < spec.minimum:
        raise InvalidQuantityError(
            field,
            f"a plausible value {accepted_range(kind, unit)}; {spec.bounds_reason}",
            f"{_format_number(magnitude)} {unit}",
        )
    return measurement


def accepted_range(kind: Kind, unit: str) -> str:
    """The values of ``kind`` the models accept, in ``unit`` with the canonical unit beside:
    ``"from 0.244 to 24.3 mg/dL (0.1 to 10 mmol/L)"``.

    The bounds in ``unit`` are rounded inwards, so that each one shown is itself accepted.
    """
    spec = _SPECS[kind]
    canonical, low, high = spec.canonical, spec.minimum, spec.maximum
    factor = _factor(unit, kind)
    if high is None:
        own, beside = f"at least {_inward(low / factor, up=True)} {unit}", f"{low:g} {canonical}"
    else:
        own = f"from {_inward(low / factor, up=True)} to {_inward(high / factor, up=False)} {unit}"
        beside = f"{low:g} to {high:g} {canonical}"
    return own if unit.replace(" ", "") == canonical else f"{own} ({beside})"


def _inward(value: float, *, up: bool) -> str:
    """``value`` to three significant digits, rounded up or down (0.24305 → ``"0.244"``)."""
    if value == 0 or not math.isfinite(value):
        return _format_number(value)
    exact = decimal.Decimal(repr(value))
    step = decimal.Decimal(1).scaleb(exact.adjusted() - 2)
    rounded = exact.quantize(step, rounding=decimal.ROUND_CEILING if up else decimal.ROUND_FLOOR)
    return _format_number(float(rounded))
