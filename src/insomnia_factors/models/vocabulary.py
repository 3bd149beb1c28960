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
    (GI malabsorption, type 2 diabetes, alcohol dependence); chronic kidney disease and
    heart conduction disorders are safety conditions for magnesium supplements.
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
    #: A slow heartbeat (bradycardia) or heart block, in which magnesium supplements are
    #: contraindicated (UK SmPC of magnesium aspartate).
    HEART_CONDUCTION_DISORDER = "heart_conduction_disorder"


class Medication(enum.Enum):
    """Medication classes the rules know about (insomnia-associated or magnesium-relevant).

    ``diuretic`` is a diuretic of unknown kind; when the kind is known, give
    ``loop_diuretic``, ``thiazide_diuretic`` or ``potassium_sparing_diuretic``: the first
    two raise urinary magnesium loss, the last holds magnesium back.
    """

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
    #: A diuretic of unknown kind, treated conservatively.  It may waste magnesium (loop
    #: or thiazide) or hold it back (potassium-sparing), so it counts as a risk factor for
    #: low magnesium and also blocks an over-the-counter supplement.
    DIURETIC = "diuretic"
    PPI = "ppi"  # long-term proton-pump inhibitor: hypomagnesaemia (FDA 2011)
    #: A loop diuretic (furosemide, bumetanide, torasemide), which brings nocturia and
    #: urinary magnesium loss.
    LOOP_DIURETIC = "loop_diuretic"
    #: A thiazide diuretic (hydrochlorothiazide, chlortalidone, indapamide), which brings
    #: nocturia and urinary magnesium loss.
    THIAZIDE_DIURETIC = "thiazide_diuretic"
    #: A potassium-sparing diuretic (amiloride, spironolactone, eplerenone), with which
    #: less magnesium is lost in urine, so that a supplement can raise it too far.
    POTASSIUM_SPARING_DIURETIC = "potassium_sparing_diuretic"
    #: A bisphosphonate (alendronate, risedronate), whose absorption magnesium lowers.
    BISPHOSPHONATE = "bisphosphonate"
    #: A tetracycline antibiotic (doxycycline, demeclocycline), which magnesium binds.
    TETRACYCLINE = "tetracycline"
    #: A quinolone antibiotic (ciprofloxacin, levofloxacin), which magnesium binds.
    FLUOROQUINOLONE = "fluoroquinolone"
    #: Digoxin, whose effects on the heart rhythm low magnesium makes more likely.
    DIGOXIN = "digoxin"
    #: Gabapentin, whose absorption magnesium lowers.
    GABAPENTIN = "gabapentin"
