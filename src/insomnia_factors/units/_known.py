"""Canonical factors of the unit spellings that forms and files use most.

Building pint's registry costs about a quarter of a second, which a command-line run or a
serverless handler should not pay to read "1.5 mg/dL".  This table gives the canonical
factor of common spellings directly, written from the same constants the conversions use
(molar mass 24.305 g/mol, valence 2; pint's Julian year of 365.25 days, month = year/12).
Anything else goes through pint.  ``tests/test_units.py`` checks every entry against pint,
so the table cannot drift from it.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from insomnia_factors.units._chemistry import MAGNESIUM_MOLAR_MASS, MAGNESIUM_VALENCE

__all__ = ["KNOWN_FACTORS"]

_M = MAGNESIUM_MOLAR_MASS  # mg per mmol
_EQ = 1 / MAGNESIUM_VALENCE  # mmol per mEq

_MINUTES = {
    ("min", "mins", "minute", "minutes"): 1.0,
    ("h", "hr", "hrs", "hour", "hours"): 60.0,
    ("d", "day", "days"): 1440.0,
    ("week", "weeks", "wk", "wks"): 7 * 1440.0,
    ("month", "months", "mo", "mos"): 365.25 / 12 * 1440.0,
    ("year", "years", "yr", "yrs"): 365.25 * 1440.0,
}
_PERIOD_DAYS = {"day": 1.0, "d": 1.0, "week": 7.0}
_MASS_MG = {"mg": 1.0, "g": 1000.0, "ug": 1e-3, "µg": 1e-3, "μg": 1e-3, "mcg": 1e-3}
_SERUM_MMOL_PER_L = {
    "mmol": 1.0,
    "umol": 1e-3,
    "µmol": 1e-3,
    "μmol": 1e-3,
    "mg": 1 / _M,
    "mEq": _EQ,
    "meq": _EQ,
}
_VOLUME_L = {"L": 1.0, "l": 1.0, "dL": 0.1, "dl": 0.1}


def _table() -> dict[tuple[str, str], float]:
    # Keys are (unit text with no spaces around "/", kind value); see Kind in _measurement.
    table: dict[tuple[str, str], float] = {}
    for names, minutes in _MINUTES.items():
        for name in names:
            table[(name, "duration")] = minutes
    for mass, mg in _MASS_MG.items():
        table[(mass, "mass")] = mg
        for period, days in _PERIOD_DAYS.items():
            rate = mg / days
            table[(f"{mass}/{period}", "mass_per_day")] = rate
            table[(f"{mass}/{period}", "magnesium_per_day")] = rate
    for period, days in _PERIOD_DAYS.items():
        table[(f"mmol/{period}", "magnesium_per_day")] = _M / days
        table[(f"mEq/{period}", "magnesium_per_day")] = _M * _EQ / days
    for amount, mmol in _SERUM_MMOL_PER_L.items():
        for volume, litres in _VOLUME_L.items():
            table[(f"{amount}/{volume}", "serum_magnesium")] = mmol / litres
    return table


#: (unit text, kind value) → canonical value of one unit: mmol/L, mg/day, mg or min.
KNOWN_FACTORS: Mapping[tuple[str, str], float] = MappingProxyType(_table())
