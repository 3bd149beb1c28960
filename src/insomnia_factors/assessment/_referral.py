"""When to see a doctor: persistent insomnia, red flags, and magnesium's safety rules."""

from __future__ import annotations

from insomnia_factors.assessment._magnesium import (
    MagnesiumSafety,
    magnesium_referrals,
    magnesium_safety,
)
from insomnia_factors.factors.magnesium import MagnesiumDeficiency
from insomnia_factors.factors.medical import CONDITION_POINTS
from insomnia_factors.models.assessment import (
    InsomniaPattern,
    InsomniaSummary,
    Referral,
    ReferralReason,
)
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Condition

__all__ = ["SLEEP_DISTURBING", "referral_for"]

#: Conditions the default rules hold to disturb sleep directly, apnoea apart.
SLEEP_DISTURBING = frozenset(
    condition
    for condition, (points, _) in CONDITION_POINTS.items()
    if points > 0 and condition is not Condition.SLEEP_APNEA
)


def referral_for(
    profile: Profile,
    summary: InsomniaSummary,
    *,
    magnesium: MagnesiumDeficiency | None = None,
    safety: MagnesiumSafety | None = None,
) -> Referral:
    """Reasons to see a doctor; recommended when there is at least one.

    ``magnesium`` is the catalog's magnesium factor, whose serum thresholds apply; its
    default thresholds apply without one (a laboratory red flag never depends on the
    ranking).  ``safety``, when the caller has it, is the decision already made from it.
    """
    reasons: list[ReferralReason] = []
    duration = profile.sleep.duration
    if summary.pattern is InsomniaPattern.CHRONIC:
        reasons.append(
            ReferralReason(
                "chronic_insomnia",
                f"Trouble sleeping on {profile.sleep.nights_per_week} nights a week for "
                f"{duration} meets the frequency and duration of chronic insomnia (ICSD-3: at "
                "least 3 nights a week for at least 3 months); a doctor can find the cause.",
            )
        )
    elif summary.pattern is InsomniaPattern.PERSISTENT:
        reasons.append(
            ReferralReason(
                "persistent_insomnia",
                f"Trouble sleeping for {duration} (3 months or more) has persisted; a doctor "
                "can find the cause.",
            )
        )
    isi = profile.sleep.isi
    if isi is not None and isi.result().severe:
        reasons.append(
            ReferralReason(
                "severe_insomnia",
                f"The Insomnia Severity Index ({summary.isi_total}) is in the severe band.",
            )
        )
    reasons += _red_flags(profile)
    reasons += magnesium_referrals(profile, safety or magnesium_safety(profile, magnesium))
    return Referral(bool(reasons), tuple(reasons))


def _red_flags(profile: Profile) -> list[ReferralReason]:
    sleep, mind, health = profile.sleep, profile.mind, profile.health
    flags: list[ReferralReason] = []
    if sleep.witnessed_apneas or health.has(Condition.SLEEP_APNEA):
        flags.append(
            ReferralReason(
                "sleep_apnea",
                "Pauses in breathing, gasping or diagnosed sleep apnoea need a "
                "doctor's assessment.",
            )
        )
    if sleep.drowsy_driving:
        flags.append(
            ReferralReason(
                "drowsy_driving",
                "Falling asleep while driving is dangerous: stop driving "
                "while drowsy and see a doctor soon.",
                urgent=True,
            )
        )
    if mind.phq9 is not None:
        phq9 = mind.phq9.result()
        if phq9.self_harm_risk:
            flags.append(
                ReferralReason(
                    "self_harm_thoughts",
                    "Thoughts of self-harm were reported (PHQ-9 item 9): "
                    "please contact a doctor or a crisis line today.",
                    urgent=True,
                )
            )
        if phq9.severe:
            flags.append(
                ReferralReason(
                    "severe_depression_score",
                    f"The PHQ-9 score ({phq9.total}) is in the '{phq9.band_label}' band.",
                )
            )
    if mind.gad7 is not None and (gad7 := mind.gad7.result()).severe:
        flags.append(
            ReferralReason(
                "severe_anxiety_score",
                f"The GAD-7 score ({gad7.total}) is in the severe band.",
            )
        )
    # Conditions that disturb sleep themselves; apnoea has its own reason above, and
    # conditions that only bear on magnesium (kidney disease, diabetes) are not red flags.
    conditions = [c.value for c in health.conditions or () if c in SLEEP_DISTURBING]
    if conditions:
        flags.append(
            ReferralReason(
                "underlying_condition",
                "Known conditions that can disturb sleep (" + ", ".join(conditions) + "): "
                "discuss sleep with the doctor who treats them.",
            )
        )
    return flags
