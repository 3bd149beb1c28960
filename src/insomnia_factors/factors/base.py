"""What a factor is: data (id, category, weight, rationale, references) plus one rule.

A rule reads a :class:`~insomnia_factors.Profile` and returns a :class:`Finding`: the
pieces of evidence it found, each worth some points in [0, 1], and the factor's score.
Rules read only *known* inputs, so an unknown input can never add to a score; the
inputs a factor reads are declared in :attr:`Factor.inputs` with the most points each
could add, which is how :func:`~insomnia_factors.assess` ranks what is missing.
"""

from __future__ import annotations

import abc
import inspect
import math
from collections.abc import Iterable

import attrs

from insomnia_factors.models.assessment import Category, Evidence, Indicator, Reference
from insomnia_factors.models.profile import Profile
from insomnia_factors.units import Measurement

__all__ = ["Factor", "Finding", "flag", "measured", "noisy_or"]


def noisy_or(points: Iterable[float]) -> float:
    """Combine independent pieces of evidence: ``1 - Π(1 - p)``.

    Bounded by [0, 1] and never lower when a piece is added or strengthened, which is
    what keeps the monotonicity law.
    """
    remaining = 1.0
    for p in points:
        remaining *= 1.0 - p
    return 1.0 - remaining


@attrs.frozen
class Finding:
    """What a rule found: evidence, the score it adds up to, optional urgency."""

    evidence: tuple[Evidence, ...] = ()
    score: float = 0.0
    indicator: Indicator | None = None
    notes: tuple[str, ...] = ()

    @classmethod
    def combine(
        cls,
        evidence: Iterable[Evidence],
        *,
        how: str = "noisy_or",
        cap: float = 1.0,
        indicator: Indicator | None = None,
        notes: Iterable[str] = (),
    ) -> Finding:
        """Score evidence by noisy-OR (independent signals) or max (one construct)."""
        pieces = tuple(evidence)
        points = [e.points for e in pieces]
        raw = max(points, default=0.0) if how == "max" else noisy_or(points)
        score = min(raw, cap)
        return cls(pieces, _clean(score), indicator, tuple(notes))


def _clean(score: float) -> float:
    # Round off float noise so that equal evidence gives bit-identical scores.
    return 0.0 if score <= 0 or not math.isfinite(score) else min(1.0, round(score, 12))


def measured(
    path: str,
    value: Measurement,
    *,
    threshold: float,
    relation: str,
    points: float,
    statement: str,
) -> Evidence:
    """Evidence from a quantity held against a threshold in the canonical unit."""
    return Evidence(
        path=path,
        observed=str(value),
        statement=statement,
        points=points,
        relation=relation,
        canonical=value.canonical,
        unit=value.canonical_unit,
        threshold=threshold,
    )


def flag(path: str, observed: object, *, points: float, statement: str) -> Evidence:
    """Evidence from a yes/no or categorical input."""
    text = str(observed).lower() if isinstance(observed, bool) else str(observed)
    return Evidence(path=path, observed=text, statement=statement, points=points)


@attrs.frozen(kw_only=True)
class Factor(abc.ABC):
    """A possible contributor to insomnia and its rule.

    Subclass it, give every field a default, and implement :meth:`evaluate`; add the
    instance to a :class:`~insomnia_factors.Catalog`.  ``inputs`` pairs each profile path
    the rule reads with the most points it can add on its own.
    """

    id: str
    name: str
    category: Category
    default_weight: float
    rationale: str
    references: tuple[Reference, ...] = ()
    inputs: tuple[tuple[str, float], ...] = ()
    recommendations: tuple[str, ...] = ()

    @abc.abstractmethod
    def evaluate(self, profile: Profile) -> Finding:
        """Score ``profile`` for this factor; must be pure and read only known inputs."""

    def describe_rule(self) -> str:
        """The rule in words, for the catalog listing and the evidence page."""
        return inspect.cleandoc(type(self).__doc__ or self.rationale)

    def parameters(self) -> dict[str, object]:
        """The rule's tunable thresholds: every field a subclass adds to :class:`Factor`.

        ``MagnesiumDeficiency().parameters()["severe_limit"]`` is 0.4 (mmol/L).  Change
        one with :func:`attrs.evolve` and put the result in a catalog.
        """
        base = {field.name for field in attrs.fields(Factor)}
        return {
            field.name: getattr(self, field.name)
            for field in attrs.fields(type(self))
            if field.name not in base
        }
