"""``assess()``: run a catalog's rules on a profile, weigh, rank and explain.

contribution = weight × score; causes are ranked by contribution, ties by factor id;
share = contribution / Σ contributions.  Around the ranking come caveats (magnesium never
stands alone; a provisional ranking says so), the missing inputs ranked by how much they
could change the result, the referral and general advice.
"""

from __future__ import annotations

from collections.abc import Mapping

from insomnia_factors.advice import advice_for, supplement_cautions
from insomnia_factors.errors import InvalidProfileError
from insomnia_factors.factors.base import Factor, Finding
from insomnia_factors.factors.catalog import DEFAULT_CATALOG, Catalog
from insomnia_factors.models.assessment import (
    Assessment,
    Cause,
    Explanation,
    Indicator,
    Ruleset,
)
from insomnia_factors.models.profile import Profile
from insomnia_factors.referral import insomnia_summary, referral_for

__all__ = ["assess"]

_SUMMARY_LIMIT = 140
_MAGNESIUM = "magnesium_deficiency"

NOT_A_DIAGNOSIS = (
    "This result ranks plausible contributors for screening and education; it is not a diagnosis."
)


def assess(
    profile: Profile,
    *,
    weights: Mapping[str, float] | None = None,
    catalog: Catalog = DEFAULT_CATALOG,
) -> Assessment:
    """Assess one profile against a catalog of factors.

    Args:
        profile: the person (see :func:`~insomnia_factors.load_profile` for documents).
        weights: optional overrides of the catalog's default weights, by factor id.
        catalog: the factors to run; :data:`~insomnia_factors.DEFAULT_CATALOG` by default.

    Raises:
        InvalidProfileError: ``profile`` is not a :class:`~insomnia_factors.Profile`.
        InvalidWeightsError: a weight names an unknown factor or is negative or not finite.
    """
    if not isinstance(profile, Profile):
        raise InvalidProfileError(
            "", "a Profile (use load_profile() for a dict or JSON text)", type(profile).__name__
        )
    weight_of = catalog.weights(weights)
    findings = [(factor, factor.evaluate(profile)) for factor in catalog]
    causes = _rank(findings, weight_of)
    summary = insomnia_summary(profile)
    return Assessment(
        causes=causes,
        referral=referral_for(profile, summary),
        caveats=_caveats(profile, catalog, findings, causes, weight_of),
        missing=_missing(profile, catalog, weight_of),
        advice=advice_for(profile, catalog),
        insomnia=summary,
        ruleset=Ruleset(catalog.name, catalog.version),
    )


def _rank(findings: list[tuple[Factor, Finding]], weight_of: dict[str, float]) -> tuple[Cause, ...]:
    scored = [
        (factor, finding, weight_of[factor.id] * finding.score)
        for factor, finding in findings
        if weight_of[factor.id] * finding.score > 0
    ]
    scored.sort(key=lambda item: (-item[2], item[0].id))
    total = sum(contribution for _, _, contribution in scored)
    return tuple(
        _cause(factor, finding, weight_of[factor.id], contribution, contribution / total)
        for factor, finding, contribution in scored
    )


def _cause(
    factor: Factor, finding: Finding, weight: float, contribution: float, share: float
) -> Cause:
    shown = [e for e in finding.evidence if e.points > 0] or list(finding.evidence)
    headline = f"{factor.name}: {shown[0].statement}" if shown else factor.name
    if len(headline) > _SUMMARY_LIMIT:
        headline = headline[: _SUMMARY_LIMIT - 1].rstrip() + "…"
    lines = [
        f"**{factor.name}** — score {finding.score:.2f} × weight {weight:g} = "
        f"{contribution:.2f} ({share:.0%} of the total)",
        "",
        *(f"- {e.statement}" for e in shown),
        "",
        factor.rationale,
        *(f"\n_{note}_" for note in finding.notes),
    ]
    indicator = finding.indicator or (Indicator.WARNING if finding.score >= 0.6 else Indicator.INFO)
    return Cause(
        factor_id=factor.id,
        name=factor.name,
        category=factor.category,
        score=finding.score,
        weight=weight,
        contribution=contribution,
        share=share,
        explanation=Explanation(
            summary=headline,
            detail="\n".join(lines).strip(),
            indicator=indicator,
            source=tuple(r.key for r in factor.references),
        ),
        evidence=finding.evidence,
        recommendations=factor.recommendations,
        references=factor.references,
    )


def resolve(profile: Profile, path: str) -> object:
    """The value at a dotted input path (``"magnesium.serum"``)."""
    value: object = profile
    for part in path.split("."):
        value = getattr(value, part)
    return value


def _missing(profile: Profile, catalog: Catalog, weight_of: dict[str, float]) -> tuple[str, ...]:
    gain: dict[str, float] = {}
    for factor in catalog:
        for path, points in factor.inputs:
            if resolve(profile, path) is None:
                gain[path] = max(gain.get(path, 0.0), weight_of[factor.id] * points)
    return tuple(sorted(gain, key=lambda path: (-gain[path], path)))


def _caveats(
    profile: Profile,
    catalog: Catalog,
    findings: list[tuple[Factor, Finding]],
    causes: tuple[Cause, ...],
    weight_of: dict[str, float],
) -> tuple[str, ...]:
    caveats = [NOT_A_DIAGNOSIS]
    if len(causes) == 1 and causes[0].factor_id == _MAGNESIUM:
        caveats.append(
            "Magnesium deficiency is the only factor found, but other common causes "
            "(stress, anxiety, depression, work pressure, caffeine, evening screens, late "
            "nights, underlying illness) were not ruled out; magnesium alone should not be "
            "taken as the explanation."
        )
    unknown = [
        factor.name
        for factor in catalog
        if weight_of[factor.id] > 0
        and any(points > 0 for _, points in factor.inputs)
        and all(resolve(profile, path) is None for path, points in factor.inputs if points > 0)
    ]
    if unknown:
        caveats.append(
            "The ranking is provisional: nothing is known yet about " + ", ".join(unknown) + "."
        )
    if not causes and not unknown:
        caveats.append(
            "None of the listed factors was found; if sleep stays poor, a doctor can look "
            "for other causes."
        )
    caveats += supplement_cautions(profile)
    for _, finding in findings:
        caveats += [note for note in finding.notes if note not in caveats]
    return tuple(caveats)
