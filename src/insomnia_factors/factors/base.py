"""What a factor is: data (id, category, weight, rationale, references) plus one rule.

A rule reads a :class:`~insomnia_factors.Profile` and returns a :class:`Finding`: the
pieces of evidence it found, each worth some points in [0, 1], and the factor's score.
Rules read only *known* inputs, so an unknown input can never add to a score; the
inputs a factor reads are declared in :attr:`Factor.inputs` with the most points each
could add, which is how :func:`~insomnia_factors.assess` ranks what is missing.
"""

from __future__ import annotations

import abc
import enum
import inspect
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from insomnia_factors.models.assessment import Category, Evidence, Indicator, Reference
from insomnia_factors.models.profile import Profile
from insomnia_factors.units import Measurement

__all__ = ["Factor", "Finding", "flag", "listed", "measured", "noisy_or"]


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
        how: Literal["noisy_or", "max"] = "noisy_or",
        cap: float = 1.0,
        indicator: Indicator | None = None,
        notes: tuple[str, ...] = (),
    ) -> Finding:
        """Score evidence by noisy-OR (independent signals) or max (one construct)."""
        pieces = tuple(evidence)
        points = [piece.points for piece in pieces]
        raw = max(points, default=0.0) if how == "max" else noisy_or(points)
        return cls(pieces, _clean(raw if raw < cap else cap), indicator, notes)


def _clean(score: float) -> float:
    # Round off float noise so that equal evidence gives bit-identical scores.
    if score <= 0.0 or score != score:  # NaN never scores
        return 0.0
    return 1.0 if score >= 1.0 else round(score, 12)


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
        path,
        str(value),
        statement,
        points,
        relation,
        value.canonical,
        value.canonical_unit,
        threshold,
    )


def flag(path: str, observed: object, *, points: float, statement: str) -> Evidence:
    """Evidence from a yes/no or categorical input."""
    text = ("true" if observed else "false") if isinstance(observed, bool) else str(observed)
    return Evidence(path, text, statement, points)


def listed(
    path: str,
    present: Iterable[enum.Enum] | None,
    table: Mapping[Any, tuple[float, str]],
) -> list[Evidence]:
    """Evidence for each item of a list input that ``table`` scores (points, statement).

    For conditions and medications: items the table does not know, or scores 0, add none.
    """
    found = []
    for item in present or ():
        points, statement = table.get(item, (0.0, ""))
        if points > 0:
            found.append(flag(path, item.value, points=points, statement=statement))
    return found


@attrs.frozen(kw_only=True)
class Factor(abc.ABC):
    """A possible contributor to insomnia and its rule.

    Subclass it, give every field a default, and implement :meth:`evaluate`; add the
    instance to a :class:`~insomnia_factors.Catalog`.  ``inputs`` pairs each profile path
    the rule reads with the most points it can add on its own.

    Attributes:
        id: unique within a catalog; the key of ``weights`` and of results.
        name: the factor's name, for people.
        category: the factor's family.
        default_weight: how much the factor counts unless overridden (finite, not
            negative).
        rationale: why the factor can disturb sleep, in words; shown on its card.
        references: the sources of the rule; their keys become the card's ``source``.
        inputs: each profile path the rule reads, with the most points it can add alone;
            used to rank missing inputs and to tell when the factor could not be judged.
        recommendations: what the person can do about it, shown with its card.
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
