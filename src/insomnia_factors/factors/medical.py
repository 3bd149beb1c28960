"""Medical factors: underlying conditions and medications."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from insomnia_factors.factors.base import Factor, Finding, flag, listed
from insomnia_factors.models.assessment import Category, Indicator, Reference
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Condition, Medication
from insomnia_factors.references import BUDHIRAJA_2011, GPONLINE_RED_FLAGS, MEDICATION_LISTS

__all__ = ["CONDITION_POINTS", "MEDICATION_POINTS", "Medicine", "UnderlyingCondition"]

#: Points per condition: how directly it disturbs sleep (design choice; conditions from
#: Budhiraja et al. 2011 and sleep-medicine differential lists).  Conditions that are
#: only magnesium risk groups or safety conditions score nothing here.
CONDITION_POINTS: Mapping[Condition, tuple[float, str]] = MappingProxyType(
    {
        Condition.SLEEP_APNEA: (0.9, "sleep apnoea breaks sleep with pauses in breathing"),
        Condition.RESTLESS_LEGS: (0.8, "restless legs make it hard to lie still and fall asleep"),
        Condition.CHRONIC_PAIN: (0.7, "pain wakes people and keeps them awake"),
        Condition.HYPERTHYROIDISM: (0.6, "an overactive thyroid speeds up the body"),
        Condition.NOCTURIA: (0.6, "getting up to pass urine breaks the night"),
        Condition.HEART_FAILURE: (0.6, "breathlessness lying down disturbs sleep"),
        Condition.PARKINSONS: (0.6, "Parkinson's disease disturbs sleep in several ways"),
        Condition.PTSD: (0.7, "PTSD brings nightmares and night-time alertness"),
        Condition.GERD: (0.5, "reflux is worse lying down"),
        Condition.COPD: (0.5, "COPD brings cough and breathlessness at night"),
        Condition.DEMENTIA: (0.5, "dementia disturbs the sleep-wake rhythm"),
        Condition.ASTHMA: (0.4, "night-time asthma symptoms wake people"),
        Condition.MENOPAUSE: (0.4, "hot flushes and night sweats wake people"),
    }
)

#: Points per medication class (design choice; classes from insomnia differential lists).
#: SSRIs and bupropion rest on weaker sources and say so.
MEDICATION_POINTS: Mapping[Medication, tuple[float, str]] = MappingProxyType(
    {
        Medication.STIMULANT: (0.7, "stimulants keep people awake"),
        Medication.CORTICOSTEROID: (0.6, "corticosteroids often disturb sleep"),
        Medication.DECONGESTANT: (0.5, "decongestants such as pseudoephedrine are stimulating"),
        Medication.BETA_BLOCKER: (0.4, "beta-blockers can disturb sleep and lower melatonin"),
        Medication.BRONCHODILATOR: (0.4, "bronchodilators such as theophylline are stimulating"),
        Medication.THYROID_HORMONE: (0.4, "too much thyroid hormone speeds up the body"),
        Medication.SSRI: (
            0.4,
            "some antidepressants (SSRIs) are activating; the evidence for this is weaker",
        ),
        Medication.BUPROPION: (0.4, "bupropion can be activating; the evidence for this is weaker"),
        Medication.ALPHA_BLOCKER: (0.3, "alpha-blockers can disturb sleep"),
        Medication.LAMOTRIGINE: (0.3, "lamotrigine can cause insomnia"),
        # Nocturia from any diuretic, whatever its kind (MedEd101, V2).  The medicines
        # that matter only for magnesium (bisphosphonates, tetracycline and quinolone
        # antibiotics, digoxin) add nothing here; gabapentin is sedating, if anything.
        Medication.DIURETIC: (0.3, "diuretics taken late cause night-time urination"),
        Medication.LOOP_DIURETIC: (0.3, "diuretics taken late cause night-time urination"),
        Medication.THIAZIDE_DIURETIC: (0.3, "diuretics taken late cause night-time urination"),
        Medication.POTASSIUM_SPARING_DIURETIC: (
            0.3,
            "diuretics taken late cause night-time urination",
        ),
    }
)


@attrs.frozen(kw_only=True)
class UnderlyingCondition(Factor):
    """Medical conditions that disturb sleep, combined by noisy-OR."""

    id: str = "underlying_condition"
    name: str = "Underlying condition"
    category: Category = Category.MEDICAL
    default_weight: float = 1.0
    rationale: str = (
        "Many illnesses disturb sleep directly through pain, breathing, urination, "
        "hormones or the brain; people with a medical disorder have about twice the odds "
        "of insomnia (Budhiraja 2011)."
    )
    references: tuple[Reference, ...] = (BUDHIRAJA_2011, GPONLINE_RED_FLAGS)
    inputs: tuple[tuple[str, float], ...] = (
        ("health.conditions", 0.9),
        ("sleep.witnessed_apneas", 0.9),
    )
    recommendations: tuple[str, ...] = (
        "Ask the doctor who treats the condition whether it, or its treatment, may be "
        "disturbing sleep.",
    )
    #: Points of pauses in breathing witnessed at night, before any diagnosis.
    witnessed_apnea_points: float = 0.9
    points: Mapping[Condition, tuple[float, str]] = CONDITION_POINTS

    def evaluate(self, profile: Profile) -> Finding:
        evidence = listed("health.conditions", profile.health.conditions, self.points)
        apnea_known = profile.health.has(Condition.SLEEP_APNEA)
        if profile.sleep.witnessed_apneas and not apnea_known:
            evidence.append(
                flag(
                    "sleep.witnessed_apneas",
                    True,
                    points=self.witnessed_apnea_points,
                    statement="pauses in breathing at night were witnessed: "
                    "sleep apnoea is suspected",
                )
            )
        suspected = any(e.path == "sleep.witnessed_apneas" for e in evidence)
        return Finding.combine(evidence, indicator=Indicator.WARNING if suspected else None)


@attrs.frozen(kw_only=True)
class Medicine(Factor):
    """Medications associated with insomnia, combined by noisy-OR."""

    id: str = "medication"
    name: str = "Medication"
    category: Category = Category.MEDICAL
    default_weight: float = 0.8
    rationale: str = (
        "Several common medicines are stimulating or disturb sleep as a side effect; the "
        "timing of the dose often matters."
    )
    references: tuple[Reference, ...] = (MEDICATION_LISTS,)
    inputs: tuple[tuple[str, float], ...] = (("health.medications", 0.7),)
    recommendations: tuple[str, ...] = (
        "Do not stop a medicine on your own: ask the prescriber or a pharmacist whether "
        "its timing or dose could be changed.",
    )
    points: Mapping[Medication, tuple[float, str]] = MEDICATION_POINTS

    def evaluate(self, profile: Profile) -> Finding:
        return Finding.combine(
            listed("health.medications", profile.health.medications, self.points)
        )
