"""General advice for everyone, and the guarded magnesium supplement suggestion.

A supplement is suggested only when low magnesium status is evidenced (serum below the
lower reference limit, or total intake below the EAR with supplements known), never with
chronic kidney disease or unknown conditions, and never above the tolerable upper intake
for supplemental magnesium (IOM 1997: 350 mg/day from age 9, 110 mg at 4-8, 65 mg at
1-3), counting what the person already takes, which must therefore be known.
"""

from __future__ import annotations

from insomnia_factors.factors.catalog import Catalog
from insomnia_factors.factors.magnesium import MagnesiumDeficiency
from insomnia_factors.intake import reference_intake, supplement_upper_limit
from insomnia_factors.models.assessment import Advice
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Condition

__all__ = ["GENERAL_ADVICE", "advice_for", "supplement_cautions"]

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


def _low_status(profile: Profile, factor: MagnesiumDeficiency) -> str | None:
    mg = profile.magnesium
    if mg.serum is not None:
        if mg.serum.canonical < factor.serum_range.lower_limit:
            return f"serum magnesium {mg.serum.describe()} is low"
        return None
    supplemental = mg.supplemental_mg_per_day
    if mg.dietary_intake is None or supplemental is None:
        return None
    ref = reference_intake(profile.age, profile.sex, profile.pregnant, profile.lactating)
    total = mg.dietary_intake.canonical + supplemental
    if ref is not None and ref.ear is not None and total < ref.ear:
        return f"total magnesium intake of {total:.0f} mg/day is below the EAR of {ref.ear:g}"
    return None


def advice_for(profile: Profile, catalog: Catalog) -> tuple[Advice, ...]:
    """General advice, plus a bounded supplement suggestion when it is safe to make."""
    factor = next((f for f in catalog if isinstance(f, MagnesiumDeficiency)), None)
    if factor is None:
        return GENERAL_ADVICE
    suggestion = _supplement_suggestion(profile, factor)
    return GENERAL_ADVICE if suggestion is None else (*GENERAL_ADVICE, suggestion)


def _supplement_suggestion(profile: Profile, factor: MagnesiumDeficiency) -> Advice | None:
    why = _low_status(profile, factor)
    if why is None:
        return None
    ckd = profile.health.has(Condition.CHRONIC_KIDNEY_DISEASE)
    if ckd is None or ckd:
        # Unknown kidney status is not safe enough for a suggestion.
        return None
    limit = supplement_upper_limit(profile.age)
    taken = profile.magnesium.supplemental_mg_per_day
    if limit is None or taken is None:
        # Without knowing what is already taken, no dose is known to stay under the UL.
        return None
    room = limit - taken
    if room <= 0:
        return None
    already = f" (including the {taken:.0f} mg/day already taken)" if taken else ""
    return Advice(
        "magnesium_supplement",
        f"Because {why}, a magnesium supplement may help; ask a doctor or pharmacist first. "
        f"Keep supplemental magnesium at or below {limit:g} mg/day of elemental magnesium"
        f"{already}, the tolerable upper intake (IOM 1997); more mainly causes diarrhoea. "
        "Separate it by at least 2 hours from bisphosphonates and some antibiotics.",
        upper_limit_mg_per_day=room,
    )


def supplement_cautions(profile: Profile) -> tuple[str, ...]:
    """Warnings about supplements the person already takes."""
    taken = profile.magnesium.supplemental_mg_per_day
    if not taken:
        return ()
    cautions = []
    if profile.health.has(Condition.CHRONIC_KIDNEY_DISEASE):
        cautions.append(
            "Magnesium supplements are taken despite chronic kidney disease: with weak "
            "kidneys magnesium can build up to harmful levels; check with a doctor "
            "(magnesium aspartate, for example, is contraindicated below a GFR of 30 mL/min)."
        )
    limit = supplement_upper_limit(profile.age)
    if limit is not None and taken > limit:
        cautions.append(
            f"Supplements supply about {taken:.0f} mg/day of elemental magnesium, above the "
            f"tolerable upper intake of {limit:g} mg/day for supplemental magnesium "
            "(IOM 1997); diarrhoea is the usual first effect."
        )
    return tuple(cautions)
