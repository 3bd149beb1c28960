"""Magnesium safety: when low or high magnesium needs a clinician, and who may be offered
an over-the-counter supplement.

A supplement is a treatment, and concluding wrongly that magnesium is the problem leads
to the wrong one.  So the suggestion is the narrow path and referral the default:

- Serum below ``deficiency_limit`` (0.6 mmol/L, StatPearls, V) is a referral reason, and
  below ``severe_limit`` (0.4 mmol/L, Australian Therapeutic Guidelines, V2) an urgent
  one: the cause needs a doctor, not a supplement.  Above ``hypermagnesaemia_limit``
  (1.1 mmol/L, StatPearls' upper limit, V) is a referral reason, above
  ``excess_symptoms_limit`` (2 mmol/L, UpToDate, V) an urgent one.
- With chronic kidney disease, low or high magnesium goes to the doctor: the kidneys
  clear magnesium, and supplements are contraindicated below a GFR of 30 mL/min (UK SmPC
  of magnesium aspartate, V; NICE ESUOM4, V).
- Low status while already taking supplements needs a medical work-up, not more
  supplement (design rule, conservative).
- Low status in a child or teenager goes to a paediatric clinician, in pregnancy or
  breastfeeding to the midwife, obstetrician or doctor (design rules, conservative: the
  reference gives supplement limits by age but no guidance on self-treatment).
- Low status on a proton-pump inhibitor or a loop, thiazide or unknown-kind diuretic goes
  to the prescriber (FDA 2011, V), as it does on a potassium-sparing diuretic (which
  holds magnesium back, so a supplement could raise it too far: UK SmPC, V; ODS, V2) or
  on digoxin (low magnesium matters for the heart rhythm, FDA 2011, V; the reference
  gives no spacing for a supplement, so none is suggested).  With a heart conduction
  disorder (bradycardia or heart block) magnesium supplements are contraindicated (UK
  SmPC, V): low status goes to the doctor treating the heart.

Everything else must be known, and favourable, before a supplement is suggested: see
:func:`supplement_decision`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from insomnia_factors.factors.catalog import Catalog
from insomnia_factors.factors.magnesium import (
    HIGH_LEVELS,
    LOW_LEVELS,
    MagnesiumDeficiency,
    SerumLevel,
    SerumRange,
)
from insomnia_factors.intake import reference_intake, supplement_upper_limit
from insomnia_factors.models.assessment import Advice, ReferralReason
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Condition, Medication, Sex
from insomnia_factors.units import Measurement

__all__ = [
    "DEFAULT_MAGNESIUM",
    "INTERACTION_SPACING",
    "MAGNESIUM_GUARDS",
    "REVIEW_MEDICATIONS",
    "Guard",
    "MagnesiumSafety",
    "magnesium_factor",
    "magnesium_referrals",
    "magnesium_safety",
    "supplement_decision",
]

#: The thresholds the safety rules use when a catalog has no magnesium factor: lab red
#: flags are not a matter of ranking, so they never depend on the catalog.
DEFAULT_MAGNESIUM = MagnesiumDeficiency()

#: Medicines with which low magnesium goes to the prescriber rather than to an
#: over-the-counter supplement, and why, in words.
REVIEW_MEDICATIONS: Mapping[Medication, str] = MappingProxyType(
    {
        Medication.PPI: "a proton-pump inhibitor, which can lower magnesium when taken "
        "long term (FDA 2011)",
        Medication.LOOP_DIURETIC: "a loop diuretic, which raises urinary magnesium loss",
        Medication.THIAZIDE_DIURETIC: "a thiazide diuretic, which raises urinary magnesium loss",
        Medication.DIURETIC: "a diuretic of unknown kind: a loop or thiazide diuretic wastes "
        "magnesium, a potassium-sparing one holds it back so that a supplement could raise "
        "it too far",
        Medication.POTASSIUM_SPARING_DIURETIC: "a potassium-sparing diuretic, which holds "
        "magnesium back, so that a supplement could raise it too far",
        Medication.DIGOXIN: "digoxin: low magnesium raises the risk of its effects on the "
        "heart rhythm, and no safe spacing for a supplement is known",
    }
)

#: How far apart to take a magnesium supplement and a medicine it interacts with.  The
#: longer of the published intervals is given.
INTERACTION_SPACING: Mapping[Medication, str] = MappingProxyType(
    {
        # ODS (V2): at least 2 h; UK SmPC (V): 3-4 h.
        Medication.BISPHOSPHONATE: "Take it at least 4 hours apart from the bisphosphonate, "
        "which magnesium keeps from being absorbed (UK product information: 3-4 hours; NIH "
        "ODS: at least 2 hours).",
        # ODS (V2): the antibiotic 2 h before or 4-6 h after; UK SmPC (V): 2-3 h apart.
        Medication.TETRACYCLINE: "Take the tetracycline antibiotic at least 2 hours before "
        "the magnesium, or at least 6 hours after it (NIH ODS: 2 hours before or 4-6 hours "
        "after; UK product information: 2-3 hours apart).",
        # ODS (V2): as for tetracyclines.
        Medication.FLUOROQUINOLONE: "Take the quinolone antibiotic at least 2 hours before "
        "the magnesium, or at least 6 hours after it (NIH ODS: 2 hours before or 4-6 hours "
        "after).",
        # GoodRx pharmacist review (V2): magnesium lowers gabapentin exposure by 20-40 %.
        Medication.GABAPENTIN: "Take it at least 2 hours apart from gabapentin, whose "
        "absorption magnesium lowers.",
    }
)
#: UK SmPC of oral magnesium, section 4.5 (V).
_GENERAL_SPACING = (
    "Keep 2-3 hours between magnesium and any other medicine (UK product information)."
)


@attrs.frozen
class Guard:
    """One safety rule about magnesium, as the evidence page and the result name it.

    Attributes:
        code: the referral reason's code, or the name of the supplement guard.
        rule: the rule in words.
        source: where it comes from.
        status: V (verified in the source), V2 (through a secondary copy), or "design"
            (a conservative rule of this library where the reference is silent).
    """

    code: str
    rule: str
    source: str
    status: str


#: Every magnesium safety rule, with its source and how well that was checked.
MAGNESIUM_GUARDS: tuple[Guard, ...] = (
    Guard(
        "severe_hypomagnesaemia",
        "serum below severe_limit (0.4 mmol/L): urgent referral, no supplement",
        "Australian Therapeutic Guidelines (severe below 0.4 mmol/L)",
        "V2",
    ),
    Guard(
        "hypomagnesaemia",
        "serum below deficiency_limit (0.6 mmol/L = 1.46 mg/dL): referral, no supplement",
        "StatPearls, Hypomagnesemia; Rosanoff 2022 (symptoms at or below 0.6 mmol/L)",
        "V",
    ),
    Guard(
        "hypermagnesaemia",
        "serum above hypermagnesaemia_limit (1.1 mmol/L): referral; above "
        "excess_symptoms_limit (2 mmol/L): urgent",
        "StatPearls (upper limit 2.68 mg/dL = 1.1 mmol/L); UpToDate, Symptoms of "
        "hypermagnesemia (from 4 mEq/L = 2 mmol/L); IOM 1997 p. 243",
        "V",
    ),
    Guard(
        "above_range",
        "serum above the upper reference limit: evidence says high (points 0), no "
        "supplement, no advice to eat more magnesium, supplements taken are flagged",
        "IOM 1997 (0.95 mmol/L = 2.3 mg/dL) or the laboratory's own range",
        "V",
    ),
    Guard(
        "plausible_range",
        "serum outside 0.1-10 mmol/L is rejected as bad input naming magnesium.serum",
        "design bound of this library (a typing or unit error, not a clinical limit)",
        "design",
    ),
    Guard(
        "magnesium_kidney_disease",
        "low or high magnesium with chronic kidney disease: referral; a supplement "
        "never; diet advice asks the doctor or dietitian first",
        "UK SmPC of magnesium aspartate (contraindicated below GFR 30 mL/min); NICE "
        "ESUOM4; IOM 1997 p. 243 (renal impairment is the main risk of excess)",
        "V",
    ),
    Guard(
        "magnesium_low_on_supplements",
        "low status while supplements are already taken: referral for a work-up, no "
        "further supplement",
        "design rule (conservative): the seed's warning against concluding wrongly",
        "design",
    ),
    Guard(
        "magnesium_child",
        "low status under adult_age (18): paediatric referral, no supplement",
        "design rule (conservative); IOM 1997 gives intake limits by age, not advice on "
        "self-treatment",
        "design",
    ),
    Guard(
        "magnesium_pregnancy",
        "low status in pregnancy or breastfeeding: referral to the midwife, obstetrician "
        "or doctor, no supplement",
        "design rule (conservative)",
        "design",
    ),
    Guard(
        "magnesium_medicine_review",
        "low status on a proton-pump inhibitor, a loop, thiazide, potassium-sparing or "
        "unknown-kind diuretic, or digoxin: prescriber review, no supplement",
        "FDA Drug Safety Communication 2011 (PPIs; check magnesium with digoxin or "
        "diuretics); UK SmPC (diuretics); NIH ODS (potassium-sparing diuretics, V2)",
        "V",
    ),
    Guard(
        "magnesium_heart_conduction",
        "low status with bradycardia or heart block: referral, no supplement",
        "UK SmPC of magnesium aspartate (contraindicated in conduction disorders)",
        "V",
    ),
    Guard(
        "supplement_spacing",
        "a suggestion names each interacting medicine taken and the interval: "
        "bisphosphonates 4 h, tetracycline and quinolone antibiotics 2 h before or 6 h "
        "after, gabapentin 2 h, any other medicine 2-3 h",
        "UK SmPC section 4.5 (V); NIH ODS (V2); GoodRx pharmacist review for gabapentin (V2)",
        "V / V2",
    ),
    Guard(
        "supplement_known_inputs",
        "a suggestion needs age (18 or over), pregnancy and breastfeeding (settled by sex "
        "for a man), conditions, medicines and supplements all known; the magnesium "
        "factor in the catalog with a weight above 0; room under the tolerable upper "
        "intake (350 mg/day)",
        "design rule (conservative); UL: IOM 1997 p. 242",
        "design / V",
    ),
)

_CKD = Condition.CHRONIC_KIDNEY_DISEASE
_CONDUCTION = Condition.HEART_CONDUCTION_DISORDER


def magnesium_factor(catalog: Catalog) -> MagnesiumDeficiency | None:
    """The catalog's magnesium factor, if it has one."""
    return next((f for f in catalog if isinstance(f, MagnesiumDeficiency)), None)


@attrs.frozen
class MagnesiumSafety:
    """What the safety rules know about one person's magnesium.

    Attributes:
        factor: the factor whose thresholds apply.
        serum: the serum value, if known.
        serum_range: the reference range applied (the laboratory's own, or the factor's).
        level: where the serum value falls, if known.
        low: why low status is evidenced, in words; None when it is not.
        shown_by: what shows it, in words free of units ("the serum value"); None when
            low status is not evidenced.
        taken: elemental magnesium already taken from supplements, mg/day (None: unknown).
    """

    factor: MagnesiumDeficiency
    serum: Measurement | None
    serum_range: SerumRange
    level: SerumLevel | None
    low: str | None
    shown_by: str | None
    taken: float | None

    @property
    def high(self) -> bool:
        """Serum magnesium is above the reference range or a hypermagnesaemia limit."""
        return self.level in HIGH_LEVELS


def magnesium_safety(profile: Profile, factor: MagnesiumDeficiency | None) -> MagnesiumSafety:
    """Place the serum value and decide whether low status is evidenced.

    Low status is a serum value that is low (below the reference range or a clinical
    limit), or, without a serum value, a known total intake (diet plus known supplements)
    below the EAR.
    """
    rules = factor or DEFAULT_MAGNESIUM
    mg = profile.magnesium
    serum = mg.serum
    serum_range = rules.reference_range(profile)
    taken = mg.supplemental_mg_per_day
    level = None if serum is None else rules.serum_level(serum.canonical, serum_range)
    low: str | None = None
    shown_by: str | None = None
    if serum is not None:
        if level in LOW_LEVELS:
            low = f"serum magnesium {serum.describe()} is low"
            shown_by = "the serum value"
    elif mg.dietary_intake is not None and taken is not None:
        ref = reference_intake(profile.age, profile.sex, profile.pregnant, profile.lactating)
        total = mg.dietary_intake.canonical + taken
        if ref is not None and ref.ear is not None and total < ref.ear:
            low = f"total magnesium intake of {total:.0f} mg/day is below the EAR of {ref.ear:g}"
            shown_by = "the total intake, below the estimated average requirement"
    return MagnesiumSafety(rules, serum, serum_range, level, low, shown_by, taken)


def magnesium_referrals(profile: Profile, safety: MagnesiumSafety) -> list[ReferralReason]:
    """The reasons magnesium gives to see a clinician (see the module docstring)."""
    rules, serum, level = safety.factor, safety.serum, safety.level
    reasons: list[ReferralReason] = []
    if serum is not None and level is not None:
        reasons += _serum_reasons(rules, serum, level)
    health = profile.health
    if health.has(_CKD) and (safety.low is not None or safety.high):
        state = "high" if safety.high else "low"
        reasons.append(
            ReferralReason(
                "magnesium_kidney_disease",
                f"With chronic kidney disease, {state} magnesium needs the kidney doctor: "
                "the kidneys clear magnesium, and supplements can build up to harmful "
                "levels (magnesium is contraindicated below a GFR of 30 mL/min).",
            )
        )
    if safety.low is None:
        return reasons
    why = safety.low[0].upper() + safety.low[1:]
    if safety.taken:
        reasons.append(
            ReferralReason(
                "magnesium_low_on_supplements",
                f"{why} although supplements already supply about {safety.taken:.0f} "
                "mg/day of elemental magnesium: a doctor should look for the cause rather "
                "than more supplement being added.",
            )
        )
    if profile.age is not None and profile.age < rules.adult_age:
        reasons.append(
            ReferralReason(
                "magnesium_child",
                f"{why}: in a child or teenager, a paediatric clinician should judge "
                "magnesium and any supplement.",
            )
        )
    if profile.pregnant or profile.lactating:
        state = "pregnancy" if profile.pregnant else "breastfeeding"
        reasons.append(
            ReferralReason(
                "magnesium_pregnancy",
                f"{why} during {state}: talk to the midwife, obstetrician or doctor before "
                "taking any supplement.",
            )
        )
    taken = [words for medicine, words in REVIEW_MEDICATIONS.items() if health.takes(medicine)]
    if taken:
        reasons.append(
            ReferralReason(
                "magnesium_medicine_review",
                f"{why} while taking " + "; ".join(taken) + ": the prescriber should "
                "review this rather than an over-the-counter supplement being started.",
            )
        )
    if health.has(_CONDUCTION):
        reasons.append(
            ReferralReason(
                "magnesium_heart_conduction",
                f"{why} with a heart conduction disorder (slow heartbeat or heart block), "
                "in which magnesium supplements are contraindicated: the doctor treating "
                "the heart should decide.",
            )
        )
    return reasons


def _serum_reasons(
    rules: MagnesiumDeficiency, serum: Measurement, level: SerumLevel
) -> list[ReferralReason]:
    value = serum.describe()
    if level is SerumLevel.SEVERELY_LOW:
        return [
            ReferralReason(
                "severe_hypomagnesaemia",
                f"Serum magnesium {value} is below {rules.severe_limit:g} mmol/L, severe "
                "hypomagnesaemia: see a doctor promptly. The cause needs finding and "
                "treating; an over-the-counter supplement is not the answer.",
                urgent=True,
            )
        ]
    if level is SerumLevel.HYPOMAGNESAEMIA:
        return [
            ReferralReason(
                "hypomagnesaemia",
                f"Serum magnesium {value} is below {rules.deficiency_limit:g} mmol/L, "
                "hypomagnesaemia: a doctor should find the cause; an over-the-counter "
                "supplement is not the answer.",
            )
        ]
    if level is SerumLevel.EXCESS_SYMPTOMS:
        return [
            ReferralReason(
                "hypermagnesaemia",
                f"Serum magnesium {value} is above {rules.excess_symptoms_limit:g} mmol/L, "
                "where symptoms of too much magnesium begin: see a doctor promptly, and "
                "take no magnesium supplements, antacids or laxatives.",
                urgent=True,
            )
        ]
    if level is SerumLevel.HYPERMAGNESAEMIA:
        return [
            ReferralReason(
                "hypermagnesaemia",
                f"Serum magnesium {value} is above {rules.hypermagnesaemia_limit:g} "
                "mmol/L, hypermagnesaemia: see a doctor, and take no magnesium "
                "supplements, antacids or laxatives meanwhile.",
            )
        ]
    return []


def supplement_decision(
    profile: Profile, safety: MagnesiumSafety, weight: float | None
) -> tuple[Advice | None, tuple[str, ...]]:
    """The supplement suggestion, or None and why it is withheld.

    ``weight`` is the magnesium factor's weight in this assessment, None when the
    catalog has no magnesium factor.  Nothing is withheld (and nothing suggested) when
    low status is not evidenced.
    """
    if safety.low is None:
        return None, ()
    rules, health = safety.factor, profile.health
    withheld: list[str] = []
    if weight is None:
        withheld.append("the rules in use have no magnesium factor")
    elif not weight > 0:
        withheld.append("magnesium deficiency has weight 0 in this assessment")
    if safety.level in (SerumLevel.SEVERELY_LOW, SerumLevel.HYPOMAGNESAEMIA):
        withheld.append(
            f"serum magnesium below {rules.deficiency_limit:g} mmol/L needs a doctor to "
            "find the cause"
        )
    age = profile.age
    if age is None:
        withheld.append("the person's age is unknown")
    elif age < rules.adult_age:
        withheld.append("a child or teenager should see a paediatric clinician")
    if profile.sex is not Sex.MALE:
        for state, known in (("pregnant", profile.pregnant), ("breastfeeding", profile.lactating)):
            if known is None:
                withheld.append(f"whether the person is {state} is unknown")
            elif known:
                withheld.append(f"while {state}, the midwife, obstetrician or doctor decides")
    if health.conditions is None:
        withheld.append("kidney health and heart conditions are unknown")
    else:
        if _CKD in health.conditions:
            withheld.append("chronic kidney disease rules it out")
        if _CONDUCTION in health.conditions:
            withheld.append("a heart conduction disorder (bradycardia or heart block) rules it out")
    if health.medications is None:
        withheld.append("current medicines are unknown")
    else:
        named = [m.value.replace("_", " ") for m in REVIEW_MEDICATIONS if m in health.medications]
        if named:
            withheld.append("the prescriber should review magnesium on " + ", ".join(named))
    if safety.taken is None:
        withheld.append("the supplements already taken are unknown")
    elif safety.taken > 0:
        withheld.append("magnesium is still low on the supplements already taken")
    limit = None if age is None else supplement_upper_limit(age)
    room = None if limit is None or safety.taken is None else limit - safety.taken
    if not withheld and (room is None or room <= 0):
        withheld.append("there is no room under the tolerable upper intake")
    if withheld:
        return None, tuple(withheld)
    assert limit is not None
    assert room is not None
    spacing = [words for medicine, words in INTERACTION_SPACING.items() if health.takes(medicine)]
    text = (
        f"Because {safety.low}, a magnesium supplement may help; ask a doctor or pharmacist "
        f"first. Keep supplemental magnesium at or below {limit:g} mg/day of elemental "
        "magnesium, the tolerable upper intake (IOM 1997); more mainly causes diarrhoea. "
        + " ".join([*spacing, _GENERAL_SPACING])
    )
    return Advice("magnesium_supplement", text, upper_limit_mg_per_day=room), ()
