"""Exact unit tables for the strategies, kept independent of the library's conversions.

Each table gives, for one kind of quantity, how many of a unit make one canonical unit
(serum in mmol/L, intakes in mg/day, masses in mg, durations in minutes), as exact
fractions worked out from first principles rather than read from the units layer.  A
value drawn in one unit is converted to another with these fractions, so a wrong factor
in the library shows up as a law that fails instead of cancelling out.

Sources: magnesium molar mass 24.305 g/mol (CIAAW conventional value) and valence 2
(1 mmol = 2 mEq); pint's month is a twelfth of a Julian year of 365.25 days.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType

import attrs

from insomnia_factors.units import Kind

__all__ = ["TABLES", "UnitTable", "table_for"]

_MG_PER_MMOL = Fraction("24.305")
_MEQ_PER_MMOL = 2
_MINUTES_PER_DAY = 24 * 60
_MINUTES_PER_MONTH = Fraction(365_25, 100) * _MINUTES_PER_DAY / 12


def _f(value: int | str | Fraction) -> Fraction:
    return Fraction(value)


@attrs.frozen
class UnitTable:
    """Units of one kind of quantity, the ranges drawn by default, and notable values.

    Attributes:
        kind: the kind of quantity.
        per_canonical: unit spelling → how many of that unit make one canonical unit.
        maximum: the largest canonical value the profile model accepts, or the largest
            the strategies draw when the model sets none.
        minimum: the smallest canonical value the profile model accepts.
        typical: the canonical range most draws come from (values people report).
        boundaries: canonical values where clinical rules change their verdict; drawn
            often, because rules are most fragile there.
    """

    kind: Kind
    per_canonical: Mapping[str, Fraction]
    maximum: Fraction
    typical: tuple[Fraction, Fraction]
    boundaries: tuple[Fraction, ...]
    minimum: Fraction = Fraction(0)

    @property
    def units(self) -> tuple[str, ...]:
        return tuple(self.per_canonical)


_SERUM = UnitTable(
    Kind.SERUM_MAGNESIUM,
    MappingProxyType(
        {
            "mmol/L": _f(1),
            "mmol/l": _f(1),
            "mEq/L": _f(_MEQ_PER_MMOL),
            "meq/L": _f(_MEQ_PER_MMOL),
            "µmol/L": _f(1000),  # MICRO SIGN
            "μmol/L": _f(1000),  # GREEK SMALL LETTER MU
            "umol/L": _f(1000),
            "mg/dL": _MG_PER_MMOL / 10,
            "mg/dl": _MG_PER_MMOL / 10,
            "mg/L": _MG_PER_MMOL,
        }
    ),
    # The model rejects serum magnesium outside 0.1-10 mmol/L as physiologically
    # impossible (a typing or unit error).
    minimum=_f("0.1"),
    maximum=_f(10),
    typical=(_f("0.2"), _f("1.6")),
    # The plausibility floor 0.1; severe deficiency 0.4; the published reference limits,
    # each in the unit it was published in: StatPearls 0.6-1.1 mmol/L = 1.46-2.68 mg/dL,
    # IOM 0.75-0.95 mmol/L = 1.8-2.3 mg/dL, MaGNet 0.85 mmol/L = 2.07 mg/dL = 1.7 mEq/L;
    # symptoms of excess from 2 mmol/L (UpToDate).
    boundaries=(
        *(_f(v) for v in ("0.1", "0.4", "0.6", "0.75", "0.85", "0.95", "1.1", "2")),
        *(_f(v) / (_MG_PER_MMOL / 10) for v in ("1.46", "1.8", "2.07", "2.3", "2.68")),
    ),
)

# mg/day: every RDA and EAR of the IOM 1997 tables, and the 350 mg/day supplement UL.
_INTAKE_REFERENCE_VALUES: tuple[int, ...] = (65, 80, 110, 130, 200, 240, 255, 265, 290, 300)
_INTAKE_REFERENCE_VALUES += (310, 320, 330, 335, 340, 350, 360, 400, 410, 420)

_MAGNESIUM_PER_DAY = UnitTable(
    Kind.MAGNESIUM_PER_DAY,
    MappingProxyType(
        {
            "mg/day": _f(1),
            "mg/d": _f(1),
            "g/day": _f(1) / 1000,
            "mg/week": _f(7),
            "g/week": _f(7) / 1000,
            "mmol/day": 1 / _MG_PER_MMOL,
            "mEq/day": _MEQ_PER_MMOL / _MG_PER_MMOL,
        }
    ),
    maximum=_f(100_000),
    typical=(_f(0), _f(1000)),
    boundaries=tuple(_f(v) for v in _INTAKE_REFERENCE_VALUES),
)

_MASS_PER_DAY = UnitTable(
    Kind.MASS_PER_DAY,
    MappingProxyType(
        {
            "mg/day": _f(1),
            "mg/d": _f(1),
            "g/day": _f(1) / 1000,
            "mg/week": _f(7),
            "g/week": _f(7) / 1000,
        }
    ),
    maximum=_f(1_000_000),
    typical=(_f(0), _f(1000)),
    # None at all, a cup of brewed coffee (95 mg), the FDA's 400 mg/day for caffeine.
    boundaries=(_f(0), _f(95), _f(400)),
)

_MASS = UnitTable(
    Kind.MASS,
    MappingProxyType({"mg": _f(1), "g": _f(1) / 1000}),
    maximum=_f(1_000_000),
    typical=(_f(0), _f(2000)),
    boundaries=(_f(0),),
)

_DURATION = UnitTable(
    Kind.DURATION,
    MappingProxyType(
        {
            "min": _f(1),
            "minutes": _f(1),
            "h": _f(1) / 60,
            "hours": _f(1) / 60,
            "days": _f(1) / _MINUTES_PER_DAY,
            "d": _f(1) / _MINUTES_PER_DAY,
            "weeks": _f(1) / (7 * _MINUTES_PER_DAY),
            "months": 1 / _MINUTES_PER_MONTH,
            "month": 1 / _MINUTES_PER_MONTH,
        }
    ),
    # Ten years: the model sets no limit, and longer complaints add nothing new.
    maximum=_f(10 * 12) * _MINUTES_PER_MONTH,
    typical=(_f(0), _f(_MINUTES_PER_DAY)),
    # Half an hour, 1 h, 2 h, 6 h (caffeine, Drake 2013), one night; 89 days (the
    # shortest three calendar months), 90 days, 13 weeks, 3 months, 6 months.
    boundaries=(
        _f(30),
        _f(60),
        _f(120),
        _f(360),
        _f(_MINUTES_PER_DAY),
        _f(89 * _MINUTES_PER_DAY),
        _f(90 * _MINUTES_PER_DAY),
        _f(13 * 7 * _MINUTES_PER_DAY),
        3 * _MINUTES_PER_MONTH,
        6 * _MINUTES_PER_MONTH,
    ),
)

#: Every table by kind.
TABLES: Mapping[Kind, UnitTable] = MappingProxyType(
    {t.kind: t for t in (_SERUM, _MAGNESIUM_PER_DAY, _MASS_PER_DAY, _MASS, _DURATION)}
)


def table_for(kind: Kind) -> UnitTable:
    return TABLES[kind]
