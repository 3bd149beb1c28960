"""General advice for everyone, and the guarded magnesium supplement suggestion.

A supplement is suggested only to an adult known not to be pregnant or breastfeeding,
with kidney health, heart conditions, current medicines and current supplements all
known, when low magnesium status is evidenced (a serum value below the reference range
but not below 0.6 mmol/L, or a total intake below the EAR), no medicine or condition
rules it out, nothing is taken already, and the magnesium factor counts in the
assessment (it is in the catalog, with a weight above 0).  Its dose stays within the
tolerable upper intake for supplemental magnesium (IOM 1997: 350 mg/day from age 9), and
it names each interacting medicine with the interval to keep.  The rules, and the
clinicians the other cases go to, are in :mod:`._magnesium`.

The magnesium-rich diet advice is replaced when it could do harm: with chronic kidney
disease it asks the doctor or dietitian first, and while serum magnesium is high it
says not to add magnesium.
"""

from __future__ import annotations

from collections.abc import Mapping

from insomnia_factors.assessment._magnesium import (
    MagnesiumSafety,
    magnesium_factor,
    magnesium_safety,
    supplement_decision,
)
from insomnia_factors.factors.catalog import DEFAULT_CATALOG, Catalog
from insomnia_factors.intake import supplement_upper_limit
from insomnia_factors.models.assessment import Advice
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Condition

__all__ = [
    "GENERAL_ADVICE",
    "KIDNEY_DIET",
    "NO_ADDED_MAGNESIUM",
    "advice_for",
    "magnesium_advice",
    "supplement_cautions",
]

#: Steps that help sleep whatever the cause.  Food figures: NIH ODS food-source table.
GENERAL_ADVICE: tuple[Advice, ...] = (
    Advice(
        "magnesium_rich_diet",
        "Eat magnesium-rich foods every day: whole grains and cereals (a half cup of brown "
        "rice has about 42 mg), dark green vegetables (a half cup of cooked spinach about "
        "78 mg), beans (a half cup of black beans about 60 mg) and nuts and seeds (an ounce "
        "of almonds about 80 mg, of pumpkin seeds about 156 mg).",
    ),
    Advice(
        "sleep_habits",
        "Keep regular sleep habits: the same bed and wake times every day, a dark, quiet "
        "and cool bedroom, and the bed kept for sleep.",
    ),
    Advice(
        "fewer_late_nights",
        "Limit late nights, and put screens away in the last hour before bed.",
    ),
    Advice(
        "stress_control",
        "Make room for stress control: exercise during the day, a calm wind-down routine, "
        "and help from a professional when stress or low mood persist.",
    ),
    Advice(
        "see_a_doctor_if_persistent",
        "If poor sleep goes on for weeks, see a doctor to find the exact cause.",
    ),
)

#: The diet advice with chronic kidney disease, in place of the magnesium-rich diet.
#: Conservative: weak kidneys clear magnesium less well (NICE ESUOM4; UK SmPC), and a
#: renal diet often limits potassium and phosphorus too, which only the person's own
#: clinicians can set.
KIDNEY_DIET = Advice(
    "kidney_diet",
    "With chronic kidney disease, ask your doctor or a renal dietitian before adding foods "
    "rich in magnesium, potassium or phosphorus (such as nuts, seeds, beans, whole grains "
    "and dark green vegetables): weak kidneys clear them less well.",
)

#: The diet advice while serum magnesium is above the reference range, in place of the
#: magnesium-rich diet.
NO_ADDED_MAGNESIUM = Advice(
    "no_added_magnesium",
    "Serum magnesium is above the reference range, so this is not the time to add "
    "magnesium: take no magnesium supplements, antacids or laxatives, and ask a doctor "
    "before eating more magnesium-rich foods on purpose.",
)


def advice_for(
    profile: Profile, catalog: Catalog = DEFAULT_CATALOG, weights: Mapping[str, float] | None = None
) -> tuple[Advice, ...]:
    """General advice, plus a bounded supplement suggestion when it is safe to make.

    ``weights`` are the weight overrides of the assessment, as :func:`assess` takes them:
    a magnesium factor with weight 0 suggests no supplement.
    """
    return magnesium_advice(profile, *_safety(profile, catalog, weights))[0]


def supplement_cautions(
    profile: Profile, catalog: Catalog = DEFAULT_CATALOG, weights: Mapping[str, float] | None = None
) -> tuple[str, ...]:
    """Warnings about supplements already taken, and why no supplement is suggested."""
    return magnesium_advice(profile, *_safety(profile, catalog, weights))[1]


def _safety(
    profile: Profile, catalog: Catalog, weights: Mapping[str, float] | None
) -> tuple[MagnesiumSafety, float | None]:
    factor = magnesium_factor(catalog)
    weight = None if factor is None else catalog.weights(weights)[factor.id]
    return magnesium_safety(profile, factor), weight


def magnesium_advice(
    profile: Profile, safety: MagnesiumSafety, weight: float | None
) -> tuple[tuple[Advice, ...], tuple[str, ...]]:
    """The advice and the supplement cautions, from one magnesium safety decision.

    ``weight`` is the magnesium factor's weight in the assessment, None when the catalog
    has none.  :func:`~insomnia_factors.assess` decides once and calls this.
    """
    diet: list[Advice] = []
    kidney_disease = profile.health.has(Condition.CHRONIC_KIDNEY_DISEASE)
    if safety.high:
        diet.append(NO_ADDED_MAGNESIUM)
    if kidney_disease:
        diet.append(KIDNEY_DIET)
    advice = [*(diet or GENERAL_ADVICE[:1]), *GENERAL_ADVICE[1:]]
    suggestion, withheld = supplement_decision(profile, safety, weight)
    if suggestion is not None:
        advice.append(suggestion)
    taken = safety.taken
    cautions = []
    if safety.high:
        if taken:
            cautions.append(
                f"Supplements supply about {taken:.0f} mg/day of elemental magnesium while "
                "serum magnesium is above the reference range: stop adding magnesium and "
                "ask a doctor."
            )
        elif taken is None:
            cautions.append(
                "Serum magnesium is above the reference range and the supplements taken "
                "are unknown: check every supplement, antacid and laxative for magnesium."
            )
    if taken and kidney_disease:
        cautions.append(
            "Magnesium supplements are taken despite chronic kidney disease: with weak "
            "kidneys magnesium can build up to harmful levels; check with a doctor "
            "(magnesium aspartate, for example, is contraindicated below a GFR of 30 mL/min)."
        )
    limit = supplement_upper_limit(profile.age)
    if taken and limit is not None and taken > limit:
        cautions.append(
            f"Supplements supply about {taken:.0f} mg/day of elemental magnesium, above the "
            f"tolerable upper intake of {limit:g} mg/day for supplemental magnesium "
            "(IOM 1997); diarrhoea is the usual first effect."
        )
    if withheld:
        cautions.append(
            f"Low magnesium status is shown by {safety.shown_by}, but no supplement is "
            "suggested: " + "; ".join(withheld) + "."
        )
    return tuple(advice), tuple(cautions)
