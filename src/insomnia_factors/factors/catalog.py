"""A catalog: a named, versioned set of factors whose rules :func:`assess` runs."""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

import attrs

from insomnia_factors._version import __version__
from insomnia_factors.errors import CatalogError, InvalidWeightsError
from insomnia_factors.factors.base import Factor
from insomnia_factors.factors.lifestyle import (
    Alcohol,
    Caffeine,
    EveningScreenUse,
    LateNights,
    Nicotine,
)
from insomnia_factors.factors.magnesium import MagnesiumDeficiency
from insomnia_factors.factors.medical import Medicine, UnderlyingCondition
from insomnia_factors.factors.mind import Anxiety, Depression, Stress, WorkPressure

__all__ = ["DEFAULT_CATALOG", "Catalog"]


def _as_factors(value: Iterable[Factor]) -> tuple[Factor, ...]:
    return tuple(value)


@attrs.frozen
class Catalog:
    """An ordered set of factors with unique ids, a name and a version.

    The name and version appear in every result (``Assessment.ruleset``), so a stored
    assessment always says which rules produced it.
    """

    name: str
    version: str
    factors: tuple[Factor, ...] = attrs.field(converter=_as_factors)
    _by_id: Mapping[str, Factor] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Factor] = {}
        for factor in self.factors:
            if not isinstance(factor, Factor):
                raise CatalogError(f"catalog entries must be Factor instances, got {factor!r}")
            if factor.id in by_id:
                raise CatalogError(f"two factors share the id {factor.id!r}")
            if not (math.isfinite(factor.default_weight) and factor.default_weight >= 0):
                raise CatalogError(f"factor {factor.id!r} has an invalid default weight")
            by_id[factor.id] = factor
        object.__setattr__(self, "_by_id", MappingProxyType(by_id))

    def __iter__(self) -> Iterator[Factor]:
        return iter(self.factors)

    def __len__(self) -> int:
        return len(self.factors)

    def __contains__(self, factor_id: object) -> bool:
        return factor_id in self._by_id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def get(self, factor_id: str) -> Factor:
        """The factor with ``factor_id``; raises ``KeyError`` naming the known ids."""
        try:
            return self._by_id[factor_id]
        except KeyError:
            raise KeyError(
                f"{factor_id!r} is not in catalog {self.name!r}; known: " + ", ".join(self.ids)
            ) from None

    def with_factor(
        self, factor: Factor, *, name: str | None = None, version: str | None = None
    ) -> Catalog:
        """A new catalog with ``factor`` added, or replacing the one with its id."""
        kept = [f for f in self.factors if f.id != factor.id]
        return Catalog(name or self.name, version or self.version, (*kept, factor))

    def without(
        self, factor_id: str, *, name: str | None = None, version: str | None = None
    ) -> Catalog:
        """A new catalog without ``factor_id``."""
        self.get(factor_id)
        kept = tuple(f for f in self.factors if f.id != factor_id)
        return Catalog(name or self.name, version or self.version, kept)

    def weights(self, overrides: Mapping[str, float] | None = None) -> dict[str, float]:
        """Default weights with ``overrides`` applied; rejects unknown ids and bad values."""
        result = {f.id: f.default_weight for f in self.factors}
        if overrides is None:
            return result
        if not isinstance(overrides, Mapping):
            raise InvalidWeightsError("weights", "a mapping of factor id to weight", overrides)
        for factor_id, weight in overrides.items():
            if factor_id not in result:
                raise InvalidWeightsError(
                    f"weights.{factor_id}", "a factor id of the catalog: " + ", ".join(self.ids)
                )
            if (
                isinstance(weight, bool)
                or not isinstance(weight, (int, float))
                or not math.isfinite(weight)
                or weight < 0
            ):
                raise InvalidWeightsError(
                    f"weights.{factor_id}", "a finite, non-negative number", weight
                )
            result[factor_id] = float(weight)
        return result


DEFAULT_CATALOG = Catalog(
    "insomnia-factors default",
    __version__,
    (
        MagnesiumDeficiency(),
        Stress(),
        WorkPressure(),
        Anxiety(),
        Depression(),
        Caffeine(),
        EveningScreenUse(),
        LateNights(),
        Alcohol(),
        Nicotine(),
        UnderlyingCondition(),
        Medicine(),
    ),
)
