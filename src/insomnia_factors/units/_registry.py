"""Lazy access to pint's application registry.

Building a registry costs a few hundred milliseconds, so nothing here runs at import.
The library shares pint's *application* registry with the host program rather than
building its own, and adds exactly one definition to it: a magnesium-specific
equivalent (``Eq_Mg``), because pint ships no "equivalent" unit and the charge of the
ion (Mg²⁺, valence 2) is what links mEq to mmol.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from insomnia_factors.units._chemistry import MAGNESIUM_VALENCE

if TYPE_CHECKING:
    import pint

__all__ = ["EQUIVALENT_UNIT", "registry"]

#: Name of the unit added to the application registry: one equivalent of Mg²⁺ charge.
EQUIVALENT_UNIT = "Eq_Mg"

_lock = threading.Lock()
#: The registry the equivalent was last defined on.  The host may swap pint's application
#: registry (``pint.set_application_registry``) at any time; a new one is prepared too.
_prepared: Any = None


def registry() -> pint.UnitRegistry:
    """Return pint's current application registry, with the magnesium equivalent defined."""
    global _prepared
    import pint

    current = pint.get_application_registry().get()
    if current is not _prepared:
        with _lock:
            if current is not _prepared:
                try:
                    current.parse_units(EQUIVALENT_UNIT)
                except pint.errors.UndefinedUnitError:
                    # 1 mol of Mg²⁺ carries 2 mol of charge: 1 Eq = 1/2 mol.
                    current.define(
                        f"magnesium_equivalent = mole / {MAGNESIUM_VALENCE} = {EQUIVALENT_UNIT}"
                    )
                _prepared = current
    result: pint.UnitRegistry = current
    return result
