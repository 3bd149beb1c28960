"""A catalog: a named, versioned set of factors whose rules :func:`assess` runs."""

from __future__ import annotations

import itertools
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
from insomnia_factors.models.assessment import Ruleset
from insomnia_factors.models.profile import Profile

__all__ = ["DEFAULT_CATALOG", "Catalog"]


_MEMO_SIZE = 4096


def _as_factors(value: Iterable[Factor]) -> tuple[Factor, ...]:
    return tuple(value)


def _check_paths(factors: tuple[Factor, ...], paths: list[str]) -> None:
    """Every declared input must be a profile field, or assess() would fail later."""
    blank = Profile()
    for path in paths:
        try:
            operator.attrgetter(path)(blank)
        except AttributeError:
            owner = next(f.id for f in factors if any(p == path for p, _ in f.inputs))
            raise CatalogError(
                f"factor {owner!r} declares input {path!r}, which is not a profile field"
            ) from None


def _reader(paths: list[str]) -> Callable[[object], tuple[object, ...]]:
    """One call that reads every path; ``attrgetter`` returns a bare value for one path."""
    if not paths:
        return lambda _: ()
    if len(paths) == 1:
        get_one = operator.attrgetter(paths[0])
        return lambda profile: (get_one(profile),)
    read: Callable[[object], tuple[object, ...]] = operator.attrgetter(*paths)
    return read


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
    #: Every profile path some factor reads, and one getter that reads them all.
    _input_paths: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    _read_inputs: Callable[[object], tuple[object, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )
    #: What a set of unknown inputs means under the default weights: (missing, unweighed).
    #: Many profiles share the same unknowns, so the answer is kept.
    _unknown_memo: dict[frozenset[str], tuple[tuple[str, ...], tuple[Factor, ...]]] = attrs.field(
        init=False, eq=False, repr=False, factory=dict
    )
    #: Per factor id, the input paths that can add points (unknown all → factor unweighed).
    _scoring_paths: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)
    #: Reference keys of each factor's card, by factor id.
    _sources: Mapping[str, tuple[str, ...]] = attrs.field(init=False, eq=False, repr=False)
    _ruleset: Ruleset = attrs.field(init=False, eq=False, repr=False)

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
        _check_paths(self.factors, paths)
        derived = {
            "_by_id": MappingProxyType(by_id),
            "_default_weights": MappingProxyType({f.id: f.default_weight for f in self.factors}),
            "_input_paths": tuple(paths),
            "_read_inputs": _reader(paths),
            "_ruleset": Ruleset(self.name, self.version),
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
        """The factor ids, in catalog order."""
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

    @property
    def ruleset(self) -> Ruleset:
        """The catalog's name and version, as stamped on every assessment."""
        return self._ruleset

    def unknown_inputs(self, profile: object) -> frozenset[str]:
        """The input paths of this catalog's factors that are unknown (None) in ``profile``."""
        values = self._read_inputs(profile)
        return frozenset(itertools.compress(self._input_paths, [v is None for v in values]))

    def missing(self, unknown: frozenset[str], weights: Mapping[str, float]) -> tuple[str, ...]:
        """Unknown inputs, most informative first: by the most weighted points each could add."""
        return self._judge(unknown, weights)[0]

    def unweighed(
        self, unknown: frozenset[str], weights: Mapping[str, float]
    ) -> tuple[Factor, ...]:
        """Weighted factors none of whose scoring inputs is known: they could not be judged."""
        return self._judge(unknown, weights)[1]

    def _judge(
        self, unknown: frozenset[str], weights: Mapping[str, float]
    ) -> tuple[tuple[str, ...], tuple[Factor, ...]]:
        default = weights is self._default_weights
        if default and (known := self._unknown_memo.get(unknown)) is not None:
            return known
        gain: dict[str, float] = {}
        for factor in self.factors:
            weight = weights[factor.id]
            for path, points in factor.inputs:
                if path in unknown:
                    gain[path] = max(gain.get(path, 0.0), weight * points)
        missing = tuple(sorted(gain, key=lambda path: (-gain[path], path)))
        unweighed = tuple(
            factor
            for factor in self.factors
            if weights[factor.id] > 0
            and (paths := self._scoring_paths[factor.id])
            and unknown.issuperset(paths)
        )
        if default:
            if len(self._unknown_memo) >= _MEMO_SIZE:
                self._unknown_memo.clear()
            self._unknown_memo[unknown] = (missing, unweighed)
        return missing, unweighed

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
