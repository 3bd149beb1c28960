"""``assess()``: run a catalog's rules on a profile, weigh, rank and explain.

contribution = weight × score; causes are ranked by contribution, ties by factor id;
share = contribution / Σ contributions.  Around the ranking come caveats (magnesium never
stands alone; a provisional ranking says so; what the referral could not check), the
missing inputs (first those that could change the referral, then the rest ranked by how
much they could change the scores), the referral and general advice.
"""

from __future__ import annotations

from collections.abc import Mapping

from insomnia_factors.assessment._advice import magnesium_advice
from insomnia_factors.assessment._insomnia import insomnia_summary
from insomnia_factors.assessment._magnesium import magnesium_factor, magnesium_safety
from insomnia_factors.assessment._referral import (
    referral_caveats,
    referral_for,
    referral_questions,
)
from insomnia_factors.errors import CatalogError, InvalidProfileError
from insomnia_factors.factors.base import Factor, Finding
from insomnia_factors.factors.catalog import DEFAULT_CATALOG, Catalog
from insomnia_factors.models.assessment import (
    Assessment,
    Cause,
    Explanation,
    Indicator,
)
from insomnia_factors.models.profile import Profile

__all__ = ["assess"]

_SUMMARY_LIMIT = 140
#: Below this age the adult thresholds of the default rules are flagged as such.
ADULT_AGE = 18
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
    # The referral's unknown inputs lead `missing`; pregnancy for a man, or a laboratory's
    # range without its serum value, are not to be asked at all.
    first, covered = referral_questions(profile)
    unknown = catalog.unknown_inputs(profile)
    if covered:
        unknown -= covered
    findings = [(factor, factor.evaluate(profile)) for factor in catalog.factors]
    causes = _rank(findings, weight_of, catalog)
    summary = insomnia_summary(profile)
    # Magnesium's safety rules decide once, for the referral, the advice and the caveats.
    magnesium = magnesium_factor(catalog)
    safety = magnesium_safety(profile, magnesium)
    weight = None if magnesium is None else weight_of[magnesium.id]
    advice, cautions = magnesium_advice(profile, safety, weight)
    caveats = _caveats(profile, catalog, findings, causes, weight_of, unknown, cautions)
    # What the referral could not check comes right after the reminder that this is not
    # a diagnosis: a self-harm question left unasked matters more than the ranking.
    unchecked = referral_caveats(profile, summary)
    if unchecked:
        caveats = (caveats[0], *unchecked, *caveats[1:])
    return Assessment(
        causes=causes,
        referral=referral_for(profile, summary, safety=safety),
        caveats=caveats,
        missing=_missing(first, catalog.missing(unknown, weight_of)),
        advice=advice,
        insomnia=summary,
        ruleset=catalog.ruleset,
    )


def _missing(first: tuple[str, ...], ranked: tuple[str, ...]) -> tuple[str, ...]:
    """Unknown inputs that could decide a referral first (urgent ones first, in declared
    order), then the others by the most weighted points each could add to a score."""
    if not first:
        return ranked
    listed = frozenset(first)
    return first + tuple(path for path in ranked if path not in listed)


def _rank(
    findings: list[tuple[Factor, Finding]], weight_of: Mapping[str, float], catalog: Catalog
) -> tuple[Cause, ...]:
    scored = []
    for factor, finding in findings:
        if not 0.0 <= finding.score <= 1.0:  # also refuses NaN
            raise CatalogError(
                f"factor {factor.id!r} scored {finding.score!r}; scores must lie in [0, 1]"
            )
        contribution = weight_of[factor.id] * finding.score
        if contribution > 0:
            scored.append((-contribution, factor.id, factor, finding))
    scored.sort(key=lambda row: row[:2])
    total = -sum(row[0] for row in scored)
    return tuple(
        _cause(factor, finding, weight_of[factor.id], -negative, -negative / total, catalog)
        for negative, _, factor, finding in scored
    )


def _cause(
    factor: Factor,
    finding: Finding,
    weight: float,
    contribution: float,
    share: float,
    catalog: Catalog,
) -> Cause:
    # The card shows the evidence that scored; a finding with none shows all it has.
    statements = [e.statement for e in finding.evidence if e.points > 0] or [
        e.statement for e in finding.evidence
    ]
    if statements:
        headline = _summary(f"{factor.name}: {statements[0]}")
        bullets = "- " + "\n- ".join(statements) + "\n"
    else:
        headline, bullets = factor.name, ""
    detail = (
        f"**{factor.name}** — score {finding.score:.2f} × weight {weight:g} = "
        f"{contribution:.2f} ({share:.0%} of the total)\n\n{bullets}\n{factor.rationale}"
    )
    if finding.notes:
        detail += "".join(f"\n\n_{note}_" for note in finding.notes)
    indicator = finding.indicator or (Indicator.WARNING if finding.score >= 0.6 else Indicator.INFO)
    return Cause(
        factor.id,
        factor.name,
        factor.category,
        finding.score,
        weight,
        contribution,
        share,
        Explanation(headline, detail, indicator, catalog.sources(factor.id)),
        finding.evidence,
        factor.recommendations,
        factor.references,
    )


def _summary(text: str) -> str:
    """``text`` within the card limit, cut where a clause ends rather than mid-word."""
    if len(text) <= _SUMMARY_LIMIT:
        return text
    room = text[: _SUMMARY_LIMIT - 1]
    cut = max(room.rfind(" ("), room.rfind(", "), room.rfind("; "))
    if cut <= len(text) // 3:
        cut = room.rfind(" ")
    return text[: cut if cut > 0 else _SUMMARY_LIMIT - 1].rstrip(" ,;") + "…"


def _caveats(
    profile: Profile,
    catalog: Catalog,
    findings: list[tuple[Factor, Finding]],
    causes: tuple[Cause, ...],
    weight_of: Mapping[str, float],
    unknown: frozenset[str],
    cautions: tuple[str, ...],
) -> tuple[str, ...]:
    caveats = [NOT_A_DIAGNOSIS]
    if len(causes) == 1 and causes[0].factor_id == _MAGNESIUM:
        caveats.append(
            "Magnesium deficiency is the only factor found, but other common causes "
            "(stress, anxiety, depression, work pressure, caffeine, evening screens, late "
            "nights, underlying illness) were not ruled out; magnesium alone should not be "
            "taken as the explanation."
        )
    blind = [factor.name for factor in catalog.unweighed(unknown, weight_of)]
    if blind:
        caveats.append(
            "The ranking is provisional: nothing is known yet about " + ", ".join(blind) + "."
        )
    if not causes and not blind:
        caveats.append(
            "None of the listed factors was found; if sleep stays poor, a doctor can look "
            "for other causes."
        )
    if profile.age is not None and profile.age < ADULT_AGE:
        caveats.append(
            "Most thresholds here come from studies of adults (caffeine limits, "
            "questionnaire bands, sleep need); for a child or teenager, read the ranking "
            "with care and involve a paediatric clinician."
        )
    caveats += cautions
    for _, finding in findings:
        for note in finding.notes:
            if note not in caveats:
                caveats.append(note)
    return tuple(caveats)
