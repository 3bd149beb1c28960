"""Closed vocabularies of the profile: sex, stress level, conditions, medications.

Values are the strings used in profile documents.  Unknown strings are rejected with
the list of known ones, never mapped to a guess.
"""

from __future__ import annotations

import enum

__all__ = ["Condition", "Level", "Medication", "Sex"]


class Sex(enum.Enum):
    """Sex as used by the intake reference tables (IOM 1997 gives values by sex)."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"  # no sex-specific reference value applies; treated as unknown there


class Level(enum.Enum):
    """A self-rated level (perceived stress)."""

    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"


class Condition(enum.Enum):
    """Health conditions the rules know about.

    Most are medical causes of insomnia (Budhiraja et al., Sleep 2011;34(7):859–867;
    differential lists of sleep medicine texts); some are risk groups for low magnesium
    (GI malabsorption, type 2 diabetes, alcohol dependence); chronic kidney disease is a
    safety condition for magnesium supplements.
    """

    SLEEP_APNEA = "sleep_apnea"
    RESTLESS_LEGS = "restless_legs"
    CHRONIC_PAIN = "chronic_pain"
    HYPERTHYROIDISM = "hyperthyroidism"
    GERD = "gerd"
    NOCTURIA = "nocturia"
    HEART_FAILURE = "heart_failure"
    COPD = "copd"
    ASTHMA = "asthma"
    MENOPAUSE = "menopause"
    PARKINSONS = "parkinsons"
    DEMENTIA = "dementia"
    PTSD = "ptsd"
    CHRONIC_KIDNEY_DISEASE = "chronic_kidney_disease"
    GI_MALABSORPTION = "gi_malabsorption"
    TYPE_2_DIABETES = "type_2_diabetes"
    ALCOHOL_DEPENDENCE = "alcohol_dependence"


class Medication(enum.Enum):
    """Medication classes the rules know about (insomnia-associated or magnesium-relevant)."""

    SSRI = "ssri"
    BUPROPION = "bupropion"
    BETA_BLOCKER = "beta_blocker"
    ALPHA_BLOCKER = "alpha_blocker"
    CORTICOSTEROID = "corticosteroid"
    DECONGESTANT = "decongestant"
    STIMULANT = "stimulant"
    BRONCHODILATOR = "bronchodilator"
    THYROID_HORMONE = "thyroid_hormone"
    LAMOTRIGINE = "lamotrigine"
    DIURETIC = "diuretic"  # loop or thiazide: nocturia and renal magnesium loss
    PPI = "ppi"  # long-term proton-pump inhibitor: hypomagnesaemia (FDA 2011)
