"""Magnesium deficiency: one possible contributor, weighed with care.

Magnesium takes part in hundreds of enzyme reactions and in nerve and muscle function;
a shortfall can leave the nervous system more excitable and bring restlessness or night
cramps, which make it harder to fall or stay asleep.  Supplements improved sleep in
trials of people with low magnesium, but the evidence is of low quality, so this factor
carries a modest default weight and never stands alone: symptoms without a low
laboratory value or a low intake can only make it a weak candidate, and a normal serum
value scores it zero.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from insomnia_factors.factors.base import Factor, Finding, flag, listed, measured
from insomnia_factors.intake import reference_intake
from insomnia_factors.models.assessment import Category, Evidence, Indicator, Reference
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Condition, Medication
from insomnia_factors.references import (
    ARAB_2023,
    FDA_PPI_2011,
    GARRISON_2020,
    IOM_1997,
    MAH_PITRE_2021,
    ROSANOFF_2022,
    STATPEARLS_HYPOMAGNESEMIA,
)
from insomnia_factors.units import Measurement

__all__ = ["SERUM_RANGES", "MagnesiumDeficiency", "SerumRange"]


@attrs.frozen
class SerumRange:
    """A lower reference limit for serum magnesium and where it comes from."""

    lower_limit: float  # mmol/L
    scheme: str


#: Published lower limits by scheme; there is no international consensus on one.
SERUM_RANGES = {
    "iom_1997": SerumRange(0.75, "IOM 1997 reference range 0.75-0.95 mmol/L"),
    "statpearls": SerumRange(0.60, "StatPearls reference range 0.6-1.1 mmol/L"),
    "magnet_2022": SerumRange(0.85, "MaGNet 2022 proposed lower limit 0.85 mmol/L"),
}

_SERUM = "magnesium.serum"
#: Points of one risk factor for low magnesium: a weak signal on its own.
_RISK_POINTS = 0.1
_RISK_CONDITIONS: Mapping[Condition, tuple[float, str]] = MappingProxyType(
    {
        Condition.GI_MALABSORPTION: (
            _RISK_POINTS,
            "risk factor: malabsorption or chronic diarrhoea loses magnesium",
        ),
        Condition.TYPE_2_DIABETES: (
            _RISK_POINTS,
            "risk factor: type 2 diabetes raises urinary magnesium loss",
        ),
        Condition.ALCOHOL_DEPENDENCE: (
            _RISK_POINTS,
            "risk factor: alcohol dependence lowers intake and raises losses",
        ),
    }
)
_RISK_MEDICATIONS: Mapping[Medication, tuple[float, str]] = MappingProxyType(
    {
        Medication.PPI: (
            _RISK_POINTS,
            "risk factor: long-term proton-pump inhibitors can lower magnesium (FDA 2011)",
        ),
        Medication.DIURETIC: (
            _RISK_POINTS,
            "risk factor: loop and thiazide diuretics raise urinary magnesium loss",
        ),
    }
)


@attrs.frozen(kw_only=True)
class MagnesiumDeficiency(Factor):
    """Low magnesium status from serum, intake, symptoms and risk factors.

    A serum value at or above the lower limit of ``serum_range`` (0.75 mmol/L) scores
    zero, whatever else is known.  Below it, the serum value adds 0.6 points, or 0.85
    below ``deficiency_limit`` (0.6 mmol/L), or 1.0 below ``severe_limit``
    (0.4 mmol/L).  A total intake (diet plus supplements) below the EAR adds 0.45,
    below the RDA 0.25; night cramps, restlessness and each risk factor add 0.1.
    Without a serum value the score is capped at ``low_intake_cap`` (0.5) when the
    intake is low and at ``symptoms_only_cap`` (0.25) otherwise.
    """

    id: str = "magnesium_deficiency"
    name: str = "Magnesium deficiency"
    category: Category = Category.NUTRITIONAL
    default_weight: float = 0.5
    rationale: str = (
        "Low magnesium can make nerves and muscles more excitable (restlessness, night "
        "cramps) and disturb sleep; supplements helped people with low status in small "
        "trials of low-quality evidence. It is one possible contributor, never the only "
        "explanation, and a normal serum value rules it out here."
    )
    references: tuple[Reference, ...] = (
        IOM_1997,
        STATPEARLS_HYPOMAGNESEMIA,
        ROSANOFF_2022,
        MAH_PITRE_2021,
        ARAB_2023,
        GARRISON_2020,
        FDA_PPI_2011,
    )
    inputs: tuple[tuple[str, float], ...] = (
        (_SERUM, 1.0),
        ("magnesium.dietary_intake", 0.45),
        ("magnesium.night_cramps", 0.1),
        ("magnesium.restlessness", 0.1),
        ("health.conditions", 0.1),
        ("health.medications", 0.1),
        ("magnesium.supplements", 0.0),
        # Modifiers of the reference intake the total is held against.
        ("age", 0.0),
        ("sex", 0.0),
        ("pregnant", 0.0),
        ("lactating", 0.0),
    )
    recommendations: tuple[str, ...] = (
        "Eat magnesium-rich foods daily: whole grains, dark green leafy vegetables, beans "
        "and nuts or seeds.",
        "Ask a doctor whether a serum magnesium test is worthwhile before taking a supplement.",
    )
    #: Lower reference limit of serum magnesium and its scheme; at or above it the factor
    #: scores zero.
    serum_range: SerumRange = SERUM_RANGES["iom_1997"]
    #: StatPearls defines hypomagnesaemia below 0.6 mmol/L; Rosanoff 2022: overt
    #: symptoms usually appear at or below 0.6 mmol/L.
    deficiency_limit: float = 0.6
    #: Australian Therapeutic Guidelines: severe below 0.4 mmol/L.
    severe_limit: float = 0.4
    #: The highest score without a serum value when only symptoms and risk factors are known.
    symptoms_only_cap: float = 0.25
    #: The highest score without a serum value when the intake is below a reference value.
    low_intake_cap: float = 0.5
    #: Points of a serum value below ``severe_limit``, ``deficiency_limit`` and the lower
    #: reference limit: near-certain, likely, and possible low status.
    severe_points: float = 1.0
    deficiency_points: float = 0.85
    below_range_points: float = 0.6
    #: Points of a total intake below the EAR (inadequate for half the group) and the RDA.
    below_ear_points: float = 0.45
    below_rda_points: float = 0.25
    #: Points of night cramps or restlessness: weak, unspecific signs.
    symptom_points: float = 0.1
    #: Conditions and medications that lower magnesium, with points and words.
    risk_conditions: Mapping[Condition, tuple[float, str]] = _RISK_CONDITIONS
    risk_medications: Mapping[Medication, tuple[float, str]] = _RISK_MEDICATIONS

    def evaluate(self, profile: Profile) -> Finding:
        mg = profile.magnesium
        serum = mg.serum
        if serum is not None and serum.canonical >= self.serum_range.lower_limit:
            normal = measured(
                _SERUM,
                serum,
                threshold=self.serum_range.lower_limit,
                relation=">=",
                points=0.0,
                statement=f"serum magnesium {serum.describe()} is within the reference "
                f"range ({self.serum_range.scheme})",
            )
            return Finding(
                (normal,),
                0.0,
                notes=(
                    "A normal serum value does not fully exclude low body stores: "
                    "serum holds about 1 % of the body's magnesium (IOM 1997).",
                ),
            )
        evidence: list[Evidence] = []
        if serum is not None:
            evidence.append(self._serum_evidence(serum))
        intake = self._intake_evidence(profile)
        if intake is not None:
            evidence.append(intake)
        evidence += self._symptoms_and_risks(profile)
        if serum is not None:
            cap = 1.0
        elif intake is not None and intake.points > 0:
            cap = self.low_intake_cap
        else:
            cap = self.symptoms_only_cap
        scored = [e for e in evidence if e.points > 0]
        severe = serum is not None and serum.canonical < self.deficiency_limit
        return Finding.combine(
            scored or evidence,
            cap=cap,
            indicator=Indicator.WARNING if severe else None,
        )

    def _serum_evidence(self, serum: Measurement) -> Evidence:
        if serum.canonical < self.severe_limit:
            limit, points, words = (
                self.severe_limit,
                self.severe_points,
                "severe-deficiency limit (Australian Therapeutic Guidelines)",
            )
        elif serum.canonical < self.deficiency_limit:
            limit, points = self.deficiency_limit, self.deficiency_points
            words = "hypomagnesaemia limit (StatPearls)"
        else:
            limit, points = self.serum_range.lower_limit, self.below_range_points
            words = f"lower reference limit ({self.serum_range.scheme})"
        return measured(
            _SERUM,
            serum,
            threshold=limit,
            relation="<",
            points=points,
            statement=f"serum magnesium {serum.describe()} is below the {limit:g} mmol/L {words}",
        )

    def _intake_evidence(self, profile: Profile) -> Evidence | None:
        mg = profile.magnesium
        diet = mg.dietary_intake
        supplemental = mg.supplemental_mg_per_day
        if diet is None:
            return None
        ref = reference_intake(profile.age, profile.sex, profile.pregnant, profile.lactating)
        if ref is None:
            return None
        total = diet.canonical + (supplemental or 0.0)
        parts = f"dietary magnesium {diet.describe()}"
        if supplemental:
            parts += f" plus {supplemental:.0f} mg/day elemental from supplements"
        elif supplemental is None:
            parts += " (supplements unknown)"
        tail = f" for {ref.group} (IOM 1997)"
        if ref.assumption:
            tail += f"; {ref.assumption}"
        if ref.unverified:
            tail += "; this EAR is carried over from ages 31-50 and was not checked"
        if ref.ear is not None and total < ref.ear:
            threshold, points = ref.ear, self.below_ear_points
            words = "estimated average requirement"
        elif total < ref.rda:
            threshold, points = ref.rda, self.below_rda_points
            words = "recommended dietary allowance"
        else:
            return Evidence(
                path="magnesium.dietary_intake",
                observed=str(diet),
                statement=f"{parts} meets the {ref.rda:g} mg/day recommended dietary "
                f"allowance{tail}",
                points=0.0,
                relation=">=",
                canonical=total,
                unit="mg/day",
                threshold=ref.rda,
            )
        return Evidence(
            path="magnesium.dietary_intake",
            observed=str(diet),
            statement=f"{parts} is below the {threshold:g} mg/day {words}{tail}",
            points=points,
            relation="<",
            canonical=total,
            unit="mg/day",
            threshold=threshold,
        )

    def _symptoms_and_risks(self, profile: Profile) -> list[Evidence]:
        mg, health = profile.magnesium, profile.health
        found: list[Evidence] = []
        if mg.night_cramps:
            found.append(
                flag(
                    "magnesium.night_cramps",
                    True,
                    points=self.symptom_points,
                    statement="night cramps are reported (a weak sign: magnesium "
                    "does not reliably prevent ordinary cramps, Cochrane 2020)",
                )
            )
        if mg.restlessness:
            found.append(
                flag(
                    "magnesium.restlessness",
                    True,
                    points=self.symptom_points,
                    statement="restlessness is reported (a weak, unspecific sign)",
                )
            )
        found += listed("health.conditions", health.conditions, self.risk_conditions)
        found += listed("health.medications", health.medications, self.risk_medications)
        return found
