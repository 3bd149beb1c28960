"""Magnesium deficiency: one possible contributor, weighed with care.

Magnesium takes part in hundreds of enzyme reactions and in nerve and muscle function;
a shortfall can leave the nervous system more excitable and bring restlessness or night
cramps, which make it harder to fall or stay asleep.  Supplements improved sleep in
trials of people with low magnesium, but the evidence is of low quality, so this factor
carries a modest default weight and never stands alone: symptoms without a low
laboratory value or a low intake can only make it a weak candidate, and a serum value
that is not low scores it zero.  A high serum value is reported as high, never as
"within the range".

The factor also holds the serum thresholds that the assessment layer's safety rules
(referral, the guarded supplement suggestion) read, so that :meth:`Factor.parameters`
lists every one of them.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType

import attrs

from insomnia_factors.factors.base import Factor, Finding, flag, listed, measured
from insomnia_factors.intake import reference_intake
from insomnia_factors.models.assessment import Category, Evidence, Indicator, Reference
from insomnia_factors.models.profile import Profile, ReferenceRange
from insomnia_factors.models.vocabulary import Condition, Medication
from insomnia_factors.references import (
    ARAB_2023,
    ETG_HYPOMAGNESAEMIA,
    FDA_PPI_2011,
    GARRISON_2020,
    IOM_1997,
    MAH_PITRE_2021,
    ROSANOFF_2022,
    STATPEARLS_HYPOMAGNESEMIA,
    UPTODATE_HYPERMAGNESEMIA,
)
from insomnia_factors.units import Kind, Measurement, parse_quantity

__all__ = [
    "HIGH_LEVELS",
    "LOW_LEVELS",
    "SERUM_RANGES",
    "MagnesiumDeficiency",
    "SerumLevel",
    "SerumRange",
]


def _limits(values: object) -> tuple[Measurement, ...]:
    if isinstance(values, (str, Measurement)) or not isinstance(values, (tuple, list)):
        values = (values,)
    return tuple(parse_quantity(v, Kind.SERUM_MAGNESIUM, field="limit") for v in values)


def _lowest(self: SerumRange) -> float:
    return min(m.canonical for m in self.low)


def _highest(self: SerumRange) -> float:
    return max(m.canonical for m in self.high)


def _same_number(limits: tuple[Measurement, ...]) -> str:
    return " = ".join(str(m) for m in limits)


@attrs.frozen(kw_only=True)
class SerumRange:
    """A serum magnesium reference range as its source publishes it.

    A scheme may publish each limit in several units (IOM 1997: 0.75 mmol/L = 1.8 mg/dL).
    The published values are kept as given and shown in results; the rules compare in
    mmol/L with the *union* of the published ranges: the lowest published lower limit
    and the highest published upper limit.  So a value at a published limit, in the
    unit it was published in, is never outside the range (1.8 mg/dL is 0.7406 mmol/L,
    not low under IOM 1997), and the same person in any unit gets the same answer.

    Attributes:
        scheme: the source, as results name it (``"IOM 1997"``).
        low: the published lower limits, one per unit (``("0.75 mmol/L", "1.8 mg/dL")``).
        high: the published upper limits.
        note: what a reader should know about the limits (shown with the range).
        lower_limit: the lowest of ``low``, in mmol/L (derived).
        upper_limit: the highest of ``high``, in mmol/L (derived).
    """

    scheme: str
    low: tuple[Measurement, ...] = attrs.field(converter=_limits)
    high: tuple[Measurement, ...] = attrs.field(converter=_limits)
    note: str = ""
    lower_limit: float = attrs.field(init=False, default=attrs.Factory(_lowest, takes_self=True))
    upper_limit: float = attrs.field(init=False, default=attrs.Factory(_highest, takes_self=True))

    def __attrs_post_init__(self) -> None:
        if not self.lower_limit < self.upper_limit:
            raise ValueError(f"{self.scheme}: the lower limit must be below the upper limit")

    @classmethod
    def of_laboratory(cls, own: ReferenceRange) -> SerumRange:
        """The person's laboratory range (``magnesium.reference_range``) as a scheme."""
        return cls(scheme="the laboratory's own range", low=(own.low,), high=(own.high,))

    @property
    def lower_text(self) -> str:
        """The published lower limits, as ``"0.75 mmol/L = 1.8 mg/dL"``."""
        return _same_number(self.low)

    @property
    def upper_text(self) -> str:
        """The published upper limits, as ``"0.95 mmol/L = 2.3 mg/dL"``."""
        return _same_number(self.high)

    def describe(self) -> str:
        """``"IOM 1997, 0.75-0.95 mmol/L = 1.8-2.3 mg/dL"``: the scheme and its limits."""
        by_unit: dict[str, list[str]] = {}
        for limits in (self.low, self.high):
            for m in limits:
                by_unit.setdefault(m.unit, []).append(str(m)[: -len(m.unit)].rstrip())
        if all(len(numbers) == 2 for numbers in by_unit.values()):
            spans = [f"{low}-{high} {unit}" for unit, (low, high) in by_unit.items()]
            shown = " = ".join(spans)
        else:
            shown = f"{self.lower_text} to {self.upper_text}"
        return f"{self.scheme}, {shown}" + (f"; {self.note}" if self.note else "")


#: Published serum magnesium reference ranges; there is no international consensus.
SERUM_RANGES = MappingProxyType(
    {
        # IOM 1997 DRI report, ch. 6: 0.75-0.95 mmol/L = 1.8-2.3 mg/dL (status V).
        "iom_1997": SerumRange(
            scheme="IOM 1997",
            low=("0.75 mmol/L", "1.8 mg/dL"),
            high=("0.95 mmol/L", "2.3 mg/dL"),
        ),
        # StatPearls "Hypomagnesemia": 1.46-2.68 mg/dL (V); 0.6-1.1 mmol/L as PsychDB
        # gives it, citing StatPearls (V2).
        "statpearls": SerumRange(
            scheme="StatPearls",
            low=("0.6 mmol/L", "1.46 mg/dL"),
            high=("1.1 mmol/L", "2.68 mg/dL"),
        ),
        # MaGNet (Rosanoff 2022) proposes only a lower limit, 0.85 mmol/L = 2.07 mg/dL =
        # 1.7 mEq/L (V); the upper limit is IOM 1997's, the lowest published one, so that
        # a high value is never passed as normal for want of a limit.
        "magnet_2022": SerumRange(
            scheme="MaGNet 2022",
            low=("0.85 mmol/L", "2.07 mg/dL", "1.7 mEq/L"),
            high=("0.95 mmol/L", "2.3 mg/dL"),
            note="MaGNet proposes no upper limit, so that of IOM 1997 is used",
        ),
    }
)


class SerumLevel(enum.Enum):
    """Where a serum value falls, from the most to the least urgent end.

    The fixed clinical thresholds (``severe_limit``, ``deficiency_limit``,
    ``hypermagnesaemia_limit``, ``excess_symptoms_limit``) are checked before the
    reference range, so that no range, however wide, can pass such a value as normal.
    """

    SEVERELY_LOW = "severely_low"  # below severe_limit: severe hypomagnesaemia
    HYPOMAGNESAEMIA = "hypomagnesaemia"  # below deficiency_limit
    BELOW_RANGE = "below_range"  # below the lower reference limit
    WITHIN_RANGE = "within_range"
    ABOVE_RANGE = "above_range"  # above the upper reference limit
    HYPERMAGNESAEMIA = "hypermagnesaemia"  # above hypermagnesaemia_limit
    EXCESS_SYMPTOMS = "excess_symptoms"  # above excess_symptoms_limit: symptoms begin


#: The levels that show low magnesium status.
LOW_LEVELS = frozenset(
    {SerumLevel.SEVERELY_LOW, SerumLevel.HYPOMAGNESAEMIA, SerumLevel.BELOW_RANGE}
)
#: The levels above the reference range.
HIGH_LEVELS = frozenset(
    {SerumLevel.ABOVE_RANGE, SerumLevel.HYPERMAGNESAEMIA, SerumLevel.EXCESS_SYMPTOMS}
)

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
        Medication.LOOP_DIURETIC: (
            _RISK_POINTS,
            "risk factor: loop diuretics raise urinary magnesium loss",
        ),
        Medication.THIAZIDE_DIURETIC: (
            _RISK_POINTS,
            "risk factor: thiazide diuretics raise urinary magnesium loss",
        ),
        # A potassium-sparing diuretic lowers magnesium excretion: it is no risk factor
        # for low magnesium (UK SmPC, V; ODS-derived pages, V2).  A diuretic of unknown
        # kind could be loop or thiazide, so it counts, conservatively.
        Medication.DIURETIC: (
            _RISK_POINTS,
            "risk factor: a diuretic of unknown kind may be a loop or thiazide diuretic, "
            "which raise urinary magnesium loss",
        ),
    }
)


def _range_for(factor: MagnesiumDeficiency, profile: Profile) -> SerumRange:
    own = profile.magnesium.reference_range
    return factor.serum_range if own is None else SerumRange.of_laboratory(own)


@attrs.frozen(kw_only=True)
class MagnesiumDeficiency(Factor):
    """Low magnesium status from serum, intake, symptoms and risk factors.

    A serum value is placed by ``serum_level()``: first against the fixed clinical
    thresholds (above ``excess_symptoms_limit`` 2 mmol/L or ``hypermagnesaemia_limit``
    1.1 mmol/L it is high; below ``severe_limit`` 0.4 or ``deficiency_limit`` 0.6 mmol/L
    it is low), then against the reference range: the person's own laboratory range
    (``magnesium.reference_range``) when given, else ``serum_range`` (IOM 1997,
    0.75-0.95 mmol/L = 1.8-2.3 mg/dL, compared as 0.7406-0.95 mmol/L).  A value that
    is not low scores zero, whatever else is known; a high one is reported as high.
    A low value adds 1.0 points below the severe limit, 0.85 below the deficiency
    limit, 0.6 below the range only.  A total intake (diet plus supplements) below the
    EAR adds 0.45, below the RDA 0.25; night cramps, restlessness and each risk factor
    add 0.1.  Without a serum value the score is capped at ``low_intake_cap`` (0.5)
    when the intake is low and at ``symptoms_only_cap`` (0.25) otherwise.
    """

    id: str = "magnesium_deficiency"
    name: str = "Magnesium deficiency"
    category: Category = Category.NUTRITIONAL
    default_weight: float = 0.5
    rationale: str = (
        "Low magnesium can make nerves and muscles more excitable (restlessness, night "
        "cramps) and disturb sleep; supplements helped people with low status in small "
        "trials of low-quality evidence. It is one possible contributor, never the only "
        "explanation. A serum value that is not low scores it zero here, but it does not "
        "rule deficiency out: serum holds only about 1 % of the body's magnesium."
    )
    references: tuple[Reference, ...] = (
        IOM_1997,
        STATPEARLS_HYPOMAGNESEMIA,
        ETG_HYPOMAGNESAEMIA,
        ROSANOFF_2022,
        UPTODATE_HYPERMAGNESEMIA,
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
        # The laboratory's own range replaces serum_range for the serum value.
        ("magnesium.reference_range", 0.0),
        # Modifiers of the reference intake the total is held against.
        ("age", 0.0),
        ("sex", 0.0),
        ("pregnant", 0.0),
        ("lactating", 0.0),
    )
    recommendations: tuple[str, ...] = (
        "Eat magnesium-rich foods daily: whole grains, dark green leafy vegetables, beans "
        "and nuts or seeds; with kidney disease, ask the doctor or a dietitian first.",
        "Ask a doctor whether a serum magnesium test is worthwhile before taking a supplement.",
    )
    #: The reference range a serum value is held against unless the person's laboratory
    #: range is given; below its lower limit magnesium is low, above its upper limit high.
    serum_range: SerumRange = SERUM_RANGES["iom_1997"]
    #: StatPearls defines hypomagnesaemia below 0.6 mmol/L (1.46 mg/dL; V); Rosanoff
    #: 2022: overt symptoms usually appear at or below 0.6 mmol/L (V).  Below it a doctor
    #: finds the cause: a referral reason, and no over-the-counter supplement.
    deficiency_limit: float = 0.6
    #: Australian Therapeutic Guidelines: severe below 0.4 mmol/L (V2).  An urgent
    #: referral reason.
    severe_limit: float = 0.4
    #: Hypermagnesaemia by the common definition: above 1.1 mmol/L (2.68 mg/dL), the
    #: upper limit of the widest published range (StatPearls, V).  A referral reason.
    hypermagnesaemia_limit: float = 1.1
    #: Symptoms of excess begin above 4 mEq/L = 2 mmol/L (UpToDate, V; IOM 1997 p. 243:
    #: above 2-3.5 mmol/L, V).  An urgent referral reason.
    excess_symptoms_limit: float = 2.0
    #: Below this age no over-the-counter supplement is suggested and low status goes to
    #: a paediatric clinician (design rule, conservative: the reference gives supplement
    #: limits by age, but no guidance on self-treatment of children).
    adult_age: int = 18
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

    def reference_range(self, profile: Profile) -> SerumRange:
        """The range applied to ``profile``: its laboratory's own, else ``serum_range``."""
        return _range_for(self, profile)

    def serum_level(self, value: float, serum_range: SerumRange) -> SerumLevel:
        """Where a serum value in mmol/L falls: clinical thresholds first, then the range."""
        if value > self.excess_symptoms_limit:
            return SerumLevel.EXCESS_SYMPTOMS
        if value > self.hypermagnesaemia_limit:
            return SerumLevel.HYPERMAGNESAEMIA
        if value < self.severe_limit:
            return SerumLevel.SEVERELY_LOW
        if value < self.deficiency_limit:
            return SerumLevel.HYPOMAGNESAEMIA
        if value > serum_range.upper_limit:
            return SerumLevel.ABOVE_RANGE
        if value < serum_range.lower_limit:
            return SerumLevel.BELOW_RANGE
        return SerumLevel.WITHIN_RANGE

    def evaluate(self, profile: Profile) -> Finding:
        mg = profile.magnesium
        serum = mg.serum
        serum_range = self.reference_range(profile) if serum is not None else self.serum_range
        level = None if serum is None else self.serum_level(serum.canonical, serum_range)
        if serum is not None and level not in LOW_LEVELS:
            return self._not_low(serum, level, serum_range)
        evidence: list[Evidence] = []
        if serum is not None:
            evidence.append(self._serum_evidence(serum, level, serum_range))
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
        severe = level in (SerumLevel.SEVERELY_LOW, SerumLevel.HYPOMAGNESAEMIA)
        return Finding.combine(
            scored or evidence,
            cap=cap,
            indicator=Indicator.WARNING if severe else None,
        )

    def _not_low(
        self, serum: Measurement, level: SerumLevel | None, serum_range: SerumRange
    ) -> Finding:
        if level is SerumLevel.WITHIN_RANGE:
            within = measured(
                _SERUM,
                serum,
                threshold=serum_range.lower_limit,
                relation=">=",
                points=0.0,
                statement=f"serum magnesium {serum.describe()} is within the reference "
                f"range ({serum_range.describe()})",
            )
            return Finding(
                (within,),
                0.0,
                notes=(
                    "A serum magnesium value within the reference range does not rule out "
                    "low body stores: serum holds about 1 % of the body's magnesium "
                    "(IOM 1997).",
                ),
            )
        if level is SerumLevel.ABOVE_RANGE:
            limit = serum_range.upper_limit
            words = f"the upper reference limit ({serum_range.scheme}: {serum_range.upper_text})"
        else:
            limit = self.hypermagnesaemia_limit
            if level is SerumLevel.EXCESS_SYMPTOMS:
                limit = self.excess_symptoms_limit
                words = f"{limit:g} mmol/L, where symptoms of excess begin (UpToDate)"
            else:
                words = f"{limit:g} mmol/L, the common definition of hypermagnesaemia"
        high = measured(
            _SERUM,
            serum,
            threshold=limit,
            relation=">",
            points=0.0,
            statement=f"serum magnesium {serum.describe()} is above {words}: magnesium "
            "is high, not low",
        )
        return Finding(
            (high,),
            0.0,
            notes=(
                "Serum magnesium is high, not low: no magnesium should be added "
                "(supplements, magnesium-containing antacids or laxatives) until a doctor "
                "has looked at it.",
            ),
        )

    def _serum_evidence(
        self, serum: Measurement, level: SerumLevel | None, serum_range: SerumRange
    ) -> Evidence:
        if level is SerumLevel.SEVERELY_LOW:
            limit, points = self.severe_limit, self.severe_points
            words = (
                f"the {limit:g} mmol/L severe-deficiency limit (Australian Therapeutic Guidelines)"
            )
        elif level is SerumLevel.HYPOMAGNESAEMIA:
            limit, points = self.deficiency_limit, self.deficiency_points
            words = f"the {limit:g} mmol/L hypomagnesaemia limit (StatPearls)"
        else:
            limit, points = serum_range.lower_limit, self.below_range_points
            words = f"the lower reference limit ({serum_range.scheme}: {serum_range.lower_text})"
        return measured(
            _SERUM,
            serum,
            threshold=limit,
            relation="<",
            points=points,
            statement=f"serum magnesium {serum.describe()} is below {words}",
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
