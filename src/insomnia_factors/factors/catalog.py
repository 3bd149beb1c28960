"""A catalog: a named, versioned set of factors whose rules :func:`assess` runs."""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping
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
    _default_weights: Mapping[str, float] = attrs.field(init=False, eq=False, repr=False)
    #: Every profile path some factor reads, with a getter, computed once per catalog.
    _input_getters: tuple[tuple[str, Callable[[object], object]], ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    #: Per factor id, the input paths that can add points (unknown all → factor unweighed).
    _scoring_paths: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)
    #: Reference keys of each factor's card, by factor id.
    _sources: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)

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
        paths = sorted({path for factor in self.factors for path, _ in factor.inputs})
        derived = {
            "_by_id": MappingProxyType(by_id),
            "_default_weights": MappingProxyType({f.id: f.default_weight for f in self.factors}),
            "_input_getters": tuple((path, operator.attrgetter(path)) for path in paths),
            "_scoring_paths": MappingProxyType(
                {f.id: tuple(path for path, points in f.inputs if points > 0) for f in self.factors}
            ),
            "_sources": MappingProxyType(
                {f.id: tuple(r.key for r in f.references) for f in self.factors}
            ),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

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

    def unknown_inputs(self, profile: object) -> frozenset[str]:
        """The input paths of this catalog's factors that are unknown (None) in ``profile``."""
        return frozenset(path for path, get in self._input_getters if get(profile) is None)

    def unweighed(
        self, unknown: frozenset[str], weights: Mapping[str, float]
    ) -> tuple[Factor, ...]:
        """Weighted factors none of whose scoring inputs is known: they could not be judged."""
        return tuple(
            factor
            for factor in self.factors
            if weights[factor.id] > 0
            and (paths := self._scoring_paths[factor.id])
            and unknown.issuperset(paths)
        )

    def sources(self, factor_id: str) -> tuple[str, ...]:
        """Reference keys of a factor, as cited on its card."""
        return self._sources[factor_id]

    def weights(self, overrides: Mapping[str, float] | None = None) -> Mapping[str, float]:
        """Default weights with ``overrides`` applied; rejects unknown ids and bad values."""
        if overrides is None:
            return self._default_weights
        result = dict(self._default_weights)
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
