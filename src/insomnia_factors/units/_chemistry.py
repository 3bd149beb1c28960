"""Magnesium chemistry: molar mass, valence and the supplement salts.

Sources
-------
- Molar mass: CIAAW standard atomic weight of magnesium, interval [24.304, 24.307];
  the conventional value 24.305 g/mol is used (http://ciaaw.org/magnesium.htm).
- Valence: Mg²⁺ carries two charges, so 1 mmol = 2 mEq.
- Salts: formulas and literature magnesium fractions from Molecules 2020;25(14):3172,
  Table 3 (doi:10.3390/molecules25143172) and Molecules 2021;26(9):2419, Table 1
  (doi:10.3390/molecules26092419, adds bisglycinate).  Molar masses here are computed
  from each formula with the conventional atomic weights below, so every fraction is
  reproducible; tests check them against the published values.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

__all__ = [
    "ATOMIC_WEIGHTS",
    "COMPOUNDS",
    "LOOKUP",
    "MAGNESIUM_MOLAR_MASS",
    "MAGNESIUM_VALENCE",
    "Compound",
    "lookup_key",
]

#: g/mol, conventional value of the CIAAW interval [24.304, 24.307].
MAGNESIUM_MOLAR_MASS = 24.305
#: Charge number of the magnesium ion Mg²⁺.
MAGNESIUM_VALENCE = 2

#: Conventional atomic weights (g/mol), CIAAW abridged values.
ATOMIC_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "Mg": MAGNESIUM_MOLAR_MASS,
        "C": 12.011,
        "H": 1.008,
        "N": 14.007,
        "O": 15.999,
        "S": 32.06,
        "Cl": 35.45,
        "P": 30.974,
    }
)

_SOURCE_2020 = "Molecules 2020;25(14):3172, Table 3, doi:10.3390/molecules25143172"
_SOURCE_2021 = "Molecules 2021;26(9):2419, Table 1, doi:10.3390/molecules26092419"


@attrs.frozen
class Compound:
    """A magnesium salt as sold in supplements, with its hydrate state.

    Attributes:
        name: canonical name (``"magnesium chloride hexahydrate"``).
        formula: the formula as usually written.
        composition: element symbol → atoms per formula unit (water of hydration included).
        source: where the formula and its magnesium fraction were checked.
        aliases: other spellings accepted by :func:`~insomnia_factors.units.find_compound`.
    """

    name: str
    formula: str
    composition: tuple[tuple[str, int], ...]
    source: str
    aliases: tuple[str, ...] = ()

    @property
    def molar_mass(self) -> float:
        """Molar mass in g/mol, computed from the composition."""
        return sum(ATOMIC_WEIGHTS[element] * count for element, count in self.composition)

    @property
    def magnesium_atoms(self) -> int:
        return dict(self.composition)["Mg"]

    @property
    def elemental_fraction(self) -> float:
        """Mass fraction of elemental magnesium (0–1)."""
        return self.magnesium_atoms * MAGNESIUM_MOLAR_MASS / self.molar_mass


def _water(n: int, **elements: int) -> tuple[tuple[str, int], ...]:
    counts = dict(elements)
    counts["H"] = counts.get("H", 0) + 2 * n
    counts["O"] = counts.get("O", 0) + n
    return tuple(sorted(counts.items()))


def _c(
    name: str, formula: str, comp: tuple[tuple[str, int], ...], source: str, *aliases: str
) -> Compound:
    return Compound(name=name, formula=formula, composition=comp, source=source, aliases=aliases)


_TABLE = (
    _c("magnesium oxide", "MgO", _water(0, Mg=1, O=1), _SOURCE_2020, "oxide", "MgO"),
    _c(
        "magnesium hydroxide",
        "Mg(OH)2",
        _water(0, Mg=1, O=2, H=2),
        _SOURCE_2020,
        "hydroxide",
        "milk of magnesia",
    ),
    _c("magnesium carbonate", "MgCO3", _water(0, Mg=1, C=1, O=3), _SOURCE_2020, "carbonate"),
    _c(
        "magnesium chloride",
        "MgCl2",
        _water(0, Mg=1, Cl=2),
        _SOURCE_2020,
        "chloride",
        "magnesium chloride anhydrous",
    ),
    _c(
        "magnesium chloride hexahydrate",
        "MgCl2·6H2O",
        _water(6, Mg=1, Cl=2),
        _SOURCE_2020,
        "chloride hexahydrate",
    ),
    _c(
        "magnesium sulfate",
        "MgSO4",
        _water(0, Mg=1, S=1, O=4),
        _SOURCE_2020,
        "sulfate",
        "magnesium sulfate anhydrous",
    ),
    _c(
        "magnesium sulfate heptahydrate",
        "MgSO4·7H2O",
        _water(7, Mg=1, S=1, O=4),
        _SOURCE_2020,
        "sulfate heptahydrate",
        "epsom salt",
    ),
    # Supplements sold as "magnesium citrate" are normally trimagnesium dicitrate; the
    # hydrogen citrate and the nonahydrate carry less magnesium and are listed apart.
    _c(
        "magnesium citrate",
        "Mg3(C6H5O7)2",
        _water(0, Mg=3, C=12, H=10, O=14),
        _SOURCE_2020,
        "citrate",
        "trimagnesium dicitrate",
    ),
    _c(
        "trimagnesium dicitrate nonahydrate",
        "Mg3(C6H5O7)2·9H2O",
        _water(9, Mg=3, C=12, H=10, O=14),
        _SOURCE_2020,
        "magnesium citrate nonahydrate",
    ),
    _c("magnesium hydrogen citrate", "MgC6H6O7", _water(0, Mg=1, C=6, H=6, O=7), _SOURCE_2020),
    _c(
        "magnesium glycinate",
        "Mg(C2H4NO2)2",
        _water(0, Mg=1, C=4, H=8, N=2, O=4),
        _SOURCE_2021,
        "glycinate",
        "magnesium bisglycinate",
        "bisglycinate",
    ),
    _c("magnesium malate", "MgC4H4O5", _water(0, Mg=1, C=4, H=4, O=5), _SOURCE_2020, "malate"),
    _c(
        "magnesium l-threonate",
        "Mg(C4H7O5)2",
        _water(0, Mg=1, C=8, H=14, O=10),
        _SOURCE_2020,
        "l-threonate",
        "threonate",
        "magnesium threonate",
    ),
    _c(
        "magnesium taurate",
        "Mg(C2H6NO3S)2",
        _water(0, Mg=1, C=4, H=12, N=2, O=6, S=2),
        _SOURCE_2020,
        "taurate",
    ),
    _c(
        "magnesium lactate", "Mg(C3H5O3)2", _water(0, Mg=1, C=6, H=10, O=6), _SOURCE_2020, "lactate"
    ),
    _c(
        "magnesium lactate dihydrate",
        "Mg(C3H5O3)2·2H2O",
        _water(2, Mg=1, C=6, H=10, O=6),
        _SOURCE_2020,
    ),
    _c(
        "magnesium aspartate",
        "Mg(C4H6NO4)2",
        _water(0, Mg=1, C=8, H=12, N=2, O=8),
        _SOURCE_2020,
        "aspartate",
    ),
    _c(
        "magnesium aspartate dihydrate",
        "Mg(C4H6NO4)2·2H2O",
        _water(2, Mg=1, C=8, H=12, N=2, O=8),
        _SOURCE_2020,
    ),
    _c(
        "magnesium aspartate tetrahydrate",
        "Mg(C4H6NO4)2·4H2O",
        _water(4, Mg=1, C=8, H=12, N=2, O=8),
        _SOURCE_2020,
        "magnesium hydrogen aspartate",
    ),
    _c(
        "magnesium glycerophosphate",
        "MgC3H7O6P",
        _water(0, Mg=1, C=3, H=7, O=6, P=1),
        _SOURCE_2020,
        "glycerophosphate",
    ),
    _c(
        "magnesium gluconate",
        "Mg(C6H11O7)2",
        _water(0, Mg=1, C=12, H=22, O=14),
        _SOURCE_2020,
        "gluconate",
    ),
    _c(
        "magnesium orotate",
        "Mg(C5H3N2O4)2",
        _water(0, Mg=1, C=10, H=6, N=4, O=8),
        _SOURCE_2020,
        "orotate",
    ),
)

#: Every known compound by canonical name.
COMPOUNDS: Mapping[str, Compound] = MappingProxyType({c.name: c for c in _TABLE})

#: Lookup key (lower-case, single spaces) → compound, for names and aliases.
LOOKUP: Mapping[str, Compound] = MappingProxyType(
    {key.lower(): c for c in _TABLE for key in (c.name, c.formula, *c.aliases)}
)


def lookup_key(name: str) -> str:
    """Fold case and white space so that "Magnesium  Oxide" finds "magnesium oxide"."""
    return " ".join(name.lower().split())
