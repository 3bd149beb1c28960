"""insomnia-factors: rank the factors that plausibly contribute to one person's insomnia.

The library screens and educates; it does not diagnose.  Public names are loaded on
first use so that ``import insomnia_factors`` stays cheap (no pint registry, no
serialization machinery until needed).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from insomnia_factors._version import __version__
from insomnia_factors.errors import (
    CatalogError,
    InsomniaFactorsError,
    InvalidInputError,
    InvalidProfileError,
    InvalidQuantityError,
    InvalidQuestionnaireError,
    InvalidWeightsError,
    UnknownCompoundError,
)

if TYPE_CHECKING:
    from insomnia_factors.units import convert, elemental_magnesium

__all__ = [
    "CatalogError",
    "InsomniaFactorsError",
    "InvalidInputError",
    "InvalidProfileError",
    "InvalidQuantityError",
    "InvalidQuestionnaireError",
    "InvalidWeightsError",
    "UnknownCompoundError",
    "__version__",
    "convert",
    "elemental_magnesium",
]

# public name → module that defines it; imported on first attribute access.
_LAZY = {
    "convert": "insomnia_factors.units",
    "elemental_magnesium": "insomnia_factors.units",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'insomnia_factors' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
