"""Physical quantities for the rules: magnesium in real units, on pint.

- Serum/plasma magnesium in mg/dL, mg/L, mmol/L, µmol/L and mEq/L, convertible to each
  other (molar mass 24.305 g/mol, valence 2).
- Intakes as mass per day (mg/day, g/day, mg/week); durations (min, h, days, weeks,
  months).
- Supplement salts → elemental magnesium by molar-mass ratio.
- Safe parsing of untrusted strings: see :func:`parse_quantity`.

pint is imported, and its application registry touched, only when a conversion first
needs it.  A ``Quantity`` from the caller's own registry is accepted: only its magnitude
and unit text are read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from insomnia_factors.errors import InvalidQuantityError, UnknownCompoundError
from insomnia_factors.units._chemistry import (
    COMPOUNDS,
    LOOKUP,
    MAGNESIUM_MOLAR_MASS,
    MAGNESIUM_VALENCE,
    Compound,
    lookup_key,
)
from insomnia_factors.units._grammar import MAX_LENGTH, normalize_unit
from insomnia_factors.units._measurement import (
    Kind,
    Measurement,
    canonical_unit,
    link,
    parse_quantity,
    quantity_parts,
)

if TYPE_CHECKING:
    import pint

__all__ = [
    "COMPOUNDS",
    "MAGNESIUM_MOLAR_MASS",
    "MAGNESIUM_VALENCE",
    "MAX_LENGTH",
    "Compound",
    "Kind",
    "Measurement",
    "canonical_unit",
    "convert",
    "elemental_magnesium",
    "find_compound",
    "parse_quantity",
]

_ANY_QUANTITY = "a quantity such as '2.1 mg/dL'"


def find_compound(name: str | Compound) -> Compound:
    """Look up a supplement salt by name, alias or formula (case-insensitive).

    Raises :class:`~insomnia_factors.errors.UnknownCompoundError` listing the known
    compounds when ``name`` is not one of them.
    """
    if isinstance(name, Compound):
        return name
    if not isinstance(name, str):
        raise UnknownCompoundError("compound", "a compound name as a string", name)
    found = LOOKUP.get(lookup_key(name))
    if found is None:
        raise UnknownCompoundError(
            "compound", "one of the known compounds: " + ", ".join(sorted(COMPOUNDS)), name
        )
    return found


def _to_app_quantity(value: object, field: str) -> pint.Quantity:
    from insomnia_factors.units._measurement import _parse_units
    from insomnia_factors.units._registry import registry

    magnitude, unit = quantity_parts(value, field, _ANY_QUANTITY)
    normalized, _ = normalize_unit(unit)
    ureg = registry()
    try:
        units = _parse_units(ureg, normalized, unit, _ANY_QUANTITY)
    except InvalidQuantityError as exc:
        raise exc.at(field) from None
    return ureg.Quantity(magnitude, units)


def convert(quantity: object, to_unit: str) -> pint.Quantity:
    """Convert a magnesium-related quantity to ``to_unit``.

    Mass and amount of substance are linked by magnesium's molar mass, and equivalents
    by its valence, so ``convert("0.75 mmol/L", "mg/dL")`` gives 1.82 mg/dL and
    ``convert("0.75 mmol/L", "mEq/L")`` gives 1.5 mEq/L.  Units with no link to magnesium
    (``"2 h"`` → ``"min"``) convert as pint would.

    The result is a ``Quantity`` of pint's application registry; an equivalent result is
    expressed in the registry's ``Eq_Mg`` unit (one equivalent of Mg²⁺ charge).
    Raises :class:`~insomnia_factors.errors.InvalidQuantityError` for malformed input or
    when the two units cannot be linked, naming the expected dimension.
    """
    source = _to_app_quantity(quantity, "quantity")
    if not isinstance(to_unit, str):
        raise InvalidQuantityError("to_unit", "a unit string such as 'mmol/L'", to_unit)
    target = _to_app_quantity(f"1 {to_unit.strip()}", "to_unit").units
    converted = link(source, target, magnesium=True)
    if converted is not None:
        return converted
    raise InvalidQuantityError(
        "to_unit",
        f"a unit of the same kind as {source.units:~D} ({source.dimensionality})",
        to_unit,
    )


def elemental_magnesium(dose: object, compound: str | Compound) -> pint.Quantity:
    """Elemental magnesium in a dose of a supplement salt.

    ``dose`` is a mass or a mass per time of the salt (``"500 mg"``, ``"1 g/day"``); the
    result has the same unit.  ``elemental_magnesium("500 mg", "magnesium oxide")`` is
    about 302 mg.  Raises :class:`~insomnia_factors.errors.UnknownCompoundError` for an
    unknown salt and :class:`~insomnia_factors.errors.InvalidQuantityError` for a dose
    that is not a mass or mass rate.
    """
    salt = find_compound(compound)
    amount = _to_app_quantity(dose, "dose")
    dimensions = amount.dimensionality
    if (
        dimensions.get("[mass]") != 1
        or set(dimensions) - {"[mass]", "[time]"}
        or dimensions.get("[time]", 0) not in (0, -1)
    ):
        raise InvalidQuantityError(
            "dose", "a mass of the salt such as '500 mg' or '500 mg/day'", dose
        )
    return amount * salt.elemental_fraction
