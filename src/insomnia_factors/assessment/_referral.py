"""When to see a doctor: persistent insomnia, red flags, and magnesium's safety rules.

The inputs that can decide a reason are declared once, in :data:`REFERRAL_INPUTS`, with
the reasons they decide and where each rule comes from (status as in the clinical
reference: V verified, V2 via a copy, C computed, M unchecked).  When one is unknown it
heads ``Assessment.missing``, urgent ones first: asking it may
change whether, or how soon, the person should see a doctor.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

import attrs

from insomnia_factors.assessment._insomnia import meets_chronic_frequency
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
from insomnia_factors.models.vocabulary import Condition, Sex

__all__ = [
    "PHQ9_ITEMS",
    "REFERRAL_INPUTS",
    "REFERRED_CONDITIONS",
    "SLEEP_DISTURBING",
    "ReferralInput",
    "covered_referral_inputs",
    "referral_caveats",
    "referral_for",
    "unknown_referral_inputs",
]

#: Conditions the default rules hold to disturb sleep directly, apnoea apart.
SLEEP_DISTURBING = frozenset(
    condition
    for condition, (points, _) in CONDITION_POINTS.items()
    if points > 0 and condition is not Condition.SLEEP_APNEA
)

#: Conditions that are a reason to see a doctor in their own right: those that disturb
#: sleep, sleep apnoea, and alcohol dependence (substance use is among the psychiatric
#: causes of insomnia in differential lists, clinical reference §9.1, V2).
REFERRED_CONDITIONS = SLEEP_DISTURBING | {Condition.SLEEP_APNEA, Condition.ALCOHOL_DEPENDENCE}

#: The PHQ-9 item answers, unknown when the PHQ-9 is given as a total only: item 9 asks
#: about thoughts of self-harm, and any answer above 0 is an urgent reason.
PHQ9_ITEMS = "mind.phq9.items"


@attrs.frozen
class ReferralInput:
    """An input that can decide a reason to see a doctor.

    Attributes:
        path: the input's dotted path, as ``Assessment.missing`` lists it.
        codes: the referral reasons it can decide.
        urgent: one of those reasons is urgent.
        source: where the rule comes from, with its status: V verified in the source,
            V2 verified through a copy, M a design rule not checked against a source.
        within: the input this one qualifies (the PHQ-9 for its item answers, the serum
            value for the laboratory's range): while that one is unknown it stands for
            this one, which is not listed.
    """

    path: str
    codes: tuple[str, ...]
    urgent: bool = False
    source: str = ""
    within: str | None = None


#: The magnesium reasons that need low (or, with kidney disease, high) magnesium status:
#: every input that decides the status can decide them.
_MAGNESIUM_STATUS = (
    "magnesium_kidney_disease",
    "magnesium_low_on_supplements",
    "magnesium_child",
    "magnesium_pregnancy",
    "magnesium_medicine_review",
    "magnesium_heart_conduction",
)
_EAR_SOURCE = (
    "without a serum value, a total intake below the EAR for age, sex, pregnancy and "
    "breastfeeding shows low status (IOM 1997 DRI, doi:10.17226/5776), V"
)

#: Every input that can decide a referral reason, in the order ``missing`` lists them
#: when unknown: urgent reasons first, then red flags, the chronic-insomnia criteria,
#: the questionnaires' severe bands, the conditions, and what decides magnesium's
#: referrals.  An input is listed whenever some answer to it could decide a reason,
#: whatever the rest of the profile says, except where another input stands for it
#: (``within``) or the answer on sex settles it (pregnancy and breastfeeding, for a man).
REFERRAL_INPUTS: tuple[ReferralInput, ...] = (
    ReferralInput(
        "mind.phq9",
        ("self_harm_thoughts", "severe_depression_score"),
        urgent=True,
        source="PHQ-9 bands (Kroenke 2001, doi:10.1046/j.1525-1497.2001.016009606.x), V2; "
        "any answer above 0 to item 9 is urgent whatever the total: a design rule, M",
    ),
    ReferralInput(
        PHQ9_ITEMS,
        ("self_harm_thoughts",),
        urgent=True,
        source="PHQ-9 item 9 (thoughts of self-harm) is unknown from a total alone; asking "
        "it whatever the total is a design rule, M",
        within="mind.phq9",
    ),
    ReferralInput(
        "sleep.drowsy_driving",
        ("drowsy_driving",),
        urgent=True,
        source="GPonline, Red flag symptoms: insomnia, V",
    ),
    ReferralInput(
        "magnesium.serum",
        ("severe_hypomagnesaemia", "hypomagnesaemia", "hypermagnesaemia", *_MAGNESIUM_STATUS),
        urgent=True,
        source="below 0.6 mmol/L (StatPearls, Hypomagnesemia), V; below 0.4 mmol/L urgent "
        "(Australian Therapeutic Guidelines), V2; above 1.1 mmol/L (StatPearls), V, and "
        "from 2 mmol/L urgent (UpToDate, Symptoms of hypermagnesemia), V; a low or high "
        "value also decides the reasons that need low or high status",
    ),
    ReferralInput(
        "sleep.witnessed_apneas",
        ("sleep_apnea",),
        source="GPonline, Red flag symptoms: insomnia, V",
    ),
    ReferralInput(
        "sleep.duration",
        ("chronic_insomnia", "persistent_insomnia"),
        source="ICSD-3 chronic insomnia: at least 3 months, V",
    ),
    ReferralInput(
        "sleep.nights_per_week",
        ("chronic_insomnia",),
        source="ICSD-3 chronic insomnia: at least 3 nights a week, V",
    ),
    ReferralInput(
        "sleep.daytime_impairment",
        ("chronic_insomnia",),
        source="ICSD-3 chronic insomnia: at least one daytime consequence, V",
    ),
    ReferralInput(
        "sleep.isi",
        ("severe_insomnia",),
        source="ISI severe band 22-28 (Bastien 2001, doi:10.1016/S1389-9457(00)00065-4), V",
    ),
    ReferralInput(
        "mind.gad7",
        ("severe_anxiety_score",),
        source="GAD-7 severe band 15-21 (Spitzer 2006, doi:10.1001/archinte.166.10.1092), V2",
    ),
    ReferralInput(
        "health.conditions",
        (
            "sleep_apnea",
            "underlying_condition",
            "alcohol_dependence",
            "magnesium_kidney_disease",
            "magnesium_heart_conduction",
        ),
        source="conditions that disturb sleep (Budhiraja 2011, Sleep 34(7):859-867), V, and "
        "differential lists, V2; alcohol dependence as substance use in those lists, V2; "
        "chronic kidney disease with low or high magnesium, a conduction disorder with "
        "low magnesium (UK SmPC of magnesium aspartate; NICE ESUOM4), V",
    ),
    ReferralInput(
        "magnesium.reference_range",
        _MAGNESIUM_STATUS,
        source="the laboratory's own range decides whether a serum value between 0.6 and "
        "1.1 mmol/L is low or high (default: IOM 1997, 0.75-0.95 mmol/L), V",
        within="magnesium.serum",
    ),
    ReferralInput(
        "health.medications",
        ("magnesium_medicine_review",),
        source="low magnesium on a proton-pump inhibitor, a diuretic or digoxin goes to the "
        "prescriber (FDA Drug Safety Communication 2011; UK SmPC), V; potassium-sparing "
        "diuretics (NIH ODS), V2",
    ),
    ReferralInput(
        "magnesium.supplements",
        _MAGNESIUM_STATUS,
        source="low status on supplements needs a work-up: a design rule, M; " + _EAR_SOURCE,
    ),
    ReferralInput(
        "magnesium.dietary_intake",
        _MAGNESIUM_STATUS,
        source=_EAR_SOURCE,
    ),
    ReferralInput(
        "age",
        _MAGNESIUM_STATUS,
        source="low status under 18 goes to a paediatric clinician: a design rule, M; "
        + _EAR_SOURCE,
    ),
    ReferralInput(
        "sex",
        _MAGNESIUM_STATUS,
        source=_EAR_SOURCE,
    ),
    ReferralInput(
        "pregnant",
        _MAGNESIUM_STATUS,
        source="low status in pregnancy goes to the midwife, obstetrician or doctor: a "
        "design rule, M; " + _EAR_SOURCE,
    ),
    ReferralInput(
        "lactating",
        _MAGNESIUM_STATUS,
        source="low status while breastfeeding goes to the midwife, obstetrician or "
        "doctor: a design rule, M; " + _EAR_SOURCE,
    ),
)

#: Inputs the answer on sex settles for a man: there is nothing to ask.
_SETTLED_FOR_MEN = frozenset({"pregnant", "lactating"})

_COVERED = object()  # another input stands for this one, or the answer on sex settles it


def _reader(item: ReferralInput) -> Callable[[Profile], object]:
    """Read ``item``'s input, or ``_COVERED`` when it is not to be asked now."""
    read = operator.attrgetter(item.path)
    within = None if item.within is None else operator.attrgetter(item.within)
    settled = item.path in _SETTLED_FOR_MEN
    if within is None and not settled:
        return read

    def read_unless_covered(profile: Profile) -> object:
        if within is not None and within(profile) is None:
            return _COVERED
        if settled and profile.sex is Sex.MALE:
            return _COVERED
        return read(profile)

    return read_unless_covered


_READERS = tuple((item.path, _reader(item)) for item in REFERRAL_INPUTS)


def unknown_referral_inputs(profile: Profile) -> tuple[str, ...]:
    """The paths of :data:`REFERRAL_INPUTS` unknown in ``profile``, in declared order.

    A path another unknown input stands for (``within``), or that the answer on sex
    settles, is left out: see :func:`covered_referral_inputs`.
    """
    return tuple(path for path, read in _READERS if read(profile) is None)


def covered_referral_inputs(profile: Profile) -> frozenset[str]:
    """The paths of :data:`REFERRAL_INPUTS` not to be asked now: another unknown input
    stands for them (the laboratory's range while the serum value is unknown), or the
    answer on sex settles them (pregnancy and breastfeeding, for a man)."""
    return referral_questions(profile)[1]


def referral_questions(profile: Profile) -> tuple[tuple[str, ...], frozenset[str]]:
    """:func:`unknown_referral_inputs` and :func:`covered_referral_inputs` in one pass
    (``assess()`` needs both)."""
    unknown: list[str] = []
    covered: list[str] = []
    for path, read in _READERS:
        value = read(profile)
        if value is None:
            unknown.append(path)
        elif value is _COVERED:
            covered.append(path)
    return tuple(unknown), frozenset(covered)


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
    sleep = profile.sleep
    if summary.pattern is InsomniaPattern.CHRONIC:
        reasons.append(
            ReferralReason(
                "chronic_insomnia",
                f"Trouble sleeping on {sleep.nights_per_week} nights a week for "
                f"{sleep.duration}, with daytime impairment, meets the criteria of chronic "
                "insomnia (ICSD-3: at least 3 nights a week for at least 3 months, with a "
                "daytime consequence); a doctor can find the cause.",
            )
        )
    elif summary.pattern is InsomniaPattern.PERSISTENT:
        reasons.append(ReferralReason("persistent_insomnia", _persistent_text(profile)))
    isi = sleep.isi
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


def _persistent_text(profile: Profile) -> str:
    """Why trouble of 3 months or more is referred, and why it is not called chronic."""
    sleep = profile.sleep
    nights = sleep.nights_per_week
    if nights is None:
        head = f"Trouble sleeping for {sleep.duration} has lasted 3 months or more"
    else:
        head = (
            f"Trouble sleeping on {nights} night{'' if nights == 1 else 's'} a week for "
            f"{sleep.duration} has lasted 3 months or more"
        )
    if nights is not None and not meets_chronic_frequency(profile):
        why = "on fewer than 3 nights a week it is not called chronic insomnia"
    else:
        unknown = []
        if nights is None:
            unknown.append("how many nights a week it happens")
        if sleep.daytime_impairment is None:
            unknown.append("whether it impairs the day")
        if unknown:
            verb = "are" if len(unknown) > 1 else "is"
            why = (
                " and ".join(unknown) + f" {verb} not known, so the criteria of chronic "
                "insomnia (ICSD-3: at least 3 nights a week, with a daytime consequence) "
                "were not checked"
            )
        else:
            why = (
                "with no daytime impairment reported it is not called chronic insomnia "
                "(ICSD-3 requires a daytime consequence)"
            )
    return f"{head}; {why}. Trouble this long deserves a doctor's look for the cause."


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
    if health.has(Condition.ALCOHOL_DEPENDENCE):
        flags.append(
            ReferralReason(
                "alcohol_dependence",
                "Alcohol dependence was reported: it disturbs sleep in its own right, and a "
                "doctor can help with both; cutting down on heavy drinking is safest with "
                "medical advice.",
            )
        )
    return flags


def referral_caveats(profile: Profile, summary: InsomniaSummary) -> tuple[str, ...]:
    """What the referral could not check: PHQ-9 item 9 from a total alone, and the
    daytime-impairment criterion of chronic insomnia."""
    caveats = []
    phq9 = profile.mind.phq9
    if phq9 is not None and phq9.items is None:
        # Also for a total of 0: a total alone cannot show that every item was answered.
        caveats.append(
            "Thoughts of self-harm were not asked about: the PHQ-9 was given as a total "
            "only, so the answer to its item 9 (whether thoughts of death or of self-harm "
            "came up over the last two weeks) is unknown. Give all nine item answers, or "
            "ask that question on its own; any answer above the lowest needs a doctor or a "
            "crisis line the same day."
        )
    sleep = profile.sleep
    if (
        summary.pattern is InsomniaPattern.PERSISTENT
        and sleep.daytime_impairment is None
        and (sleep.nights_per_week is None or meets_chronic_frequency(profile))
    ):
        caveats.append(
            "Chronic insomnia was not claimed because the daytime-impairment criterion was "
            "not checked: ICSD-3 also requires a daytime consequence of poor sleep, such as "
            "tiredness, poor concentration, low mood or worry about sleep. Saying whether "
            "poor sleep affects the day settles it."
        )
    return tuple(caveats)
