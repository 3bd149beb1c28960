"""The profile of one person: typed, frozen input models, validated on construction.

Every field is optional and ``None`` means *unknown*, which the rules keep apart from
"no" or zero: an unknown input never adds to a score, and it is reported in
:attr:`~insomnia_factors.Assessment.missing` when knowing it could change the referral or
the ranking.

Quantities accept ``"1.5 mg/dL"``, ``{"value": 1.5, "unit": "mg/dL"}``, a pint
``Quantity`` from any registry, or a :class:`~insomnia_factors.units.Measurement`; they
are stored as measurements (the person's value and unit plus one canonical float).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from insomnia_factors.errors import InvalidProfileError
from insomnia_factors.models._fields import (
    from_mapping,
    optional_bool,
    optional_int,
    optional_number,
    to_enum,
    to_enum_set,
    to_quantity,
    with_path,
)
from insomnia_factors.models.vocabulary import Condition, Level, Medication, Sex
from insomnia_factors.questionnaires import (
    GAD7,
    ISI,
    PHQ9,
    PSS10,
    to_gad7,
    to_isi,
    to_phq9,
    to_pss10,
)
from insomnia_factors.units import Kind, Measurement, find_compound, parse_quantity

__all__ = [
    "Health",
    "Lifestyle",
    "Magnesium",
    "Mind",
    "Profile",
    "ReferenceRange",
    "Sleep",
    "Supplement",
]

# Converters, one per field: each names its field, so that an error reads
# "serum: expected …" and the section in front is added by the section's converter.
# (Named functions rather than lambdas keep the generated __init__ typed.)


def _onset_latency(value: object) -> Measurement | None:
    return to_quantity(value, Kind.DURATION, "onset_latency")


def _wake_after_sleep_onset(value: object) -> Measurement | None:
    return to_quantity(value, Kind.DURATION, "wake_after_sleep_onset")


def _total_sleep_time(value: object) -> Measurement | None:
    return to_quantity(value, Kind.DURATION, "total_sleep_time")


def _duration(value: object) -> Measurement | None:
    return to_quantity(value, Kind.DURATION, "duration")


def _isi(value: object) -> ISI | None:
    return with_path(to_isi, value, "isi")


def _compound(value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidProfileError("compound", "a compound name as a string", value)
    return find_compound(value).name


def _dose(value: object) -> Measurement | None:
    return to_quantity(value, Kind.MASS_PER_DAY, "dose")


def _elemental(value: object) -> Measurement | None:
    return to_quantity(value, Kind.MAGNESIUM_PER_DAY, "elemental")


def _serum(value: object) -> Measurement | None:
    return to_quantity(value, Kind.SERUM_MAGNESIUM, "serum")


def _range_low(value: object) -> Measurement:
    return _range_limit(value, "low")


def _range_high(value: object) -> Measurement:
    return _range_limit(value, "high")


def _range_limit(value: object, field: str) -> Measurement:
    if value is None:
        raise InvalidProfileError(field, _RANGE_LIMITS[field])
    return parse_quantity(value, Kind.SERUM_MAGNESIUM, field=field)


_RANGE_LIMITS = {
    "low": "the laboratory's lower limit: a reference range needs both limits",
    "high": "the laboratory's upper limit: a reference range needs both limits",
}


def _dietary_intake(value: object) -> Measurement | None:
    return to_quantity(value, Kind.MAGNESIUM_PER_DAY, "dietary_intake")


def _caffeine(value: object) -> Measurement | None:
    return to_quantity(value, Kind.MASS_PER_DAY, "caffeine")


def _last_caffeine_before_bed(value: object) -> Measurement | None:
    return to_quantity(value, Kind.DURATION, "last_caffeine_before_bed")


def _screen_time_before_bed(value: object) -> Measurement | None:
    return to_quantity(value, Kind.DURATION, "screen_time_before_bed")


def _perceived_stress(value: object) -> Level | None:
    return to_enum(value, Level, "perceived_stress")


def _pss10(value: object) -> PSS10 | None:
    return with_path(to_pss10, value, "pss10")


def _gad7(value: object) -> GAD7 | None:
    return with_path(to_gad7, value, "gad7")


def _phq9(value: object) -> PHQ9 | None:
    return with_path(to_phq9, value, "phq9")


def _conditions(value: object) -> tuple[Condition, ...] | None:
    return to_enum_set(value, Condition, "conditions")


def _medications(value: object) -> tuple[Medication, ...] | None:
    return to_enum_set(value, Medication, "medications")


def _sex(value: object) -> Sex | None:
    return to_enum(value, Sex, "sex")


#: Durations within one night or one evening: none can exceed a day.
_NIGHTLY_FIELDS = frozenset(
    {
        "sleep.onset_latency",
        "sleep.wake_after_sleep_onset",
        "sleep.total_sleep_time",
        "lifestyle.screen_time_before_bed",
    }
)
_MINUTES_PER_NIGHT = 24 * 60.0


_NIGHTLY_NAMES = {
    section: tuple(
        sorted(p.partition(".")[2] for p in _NIGHTLY_FIELDS if p.startswith(f"{section}."))
    )
    for section in ("sleep", "lifestyle")
}


def _check_nightly(section: object, prefix: str) -> None:
    for name in _NIGHTLY_NAMES[prefix]:
        value: Measurement | None = getattr(section, name)
        if value is not None and value.canonical > _MINUTES_PER_NIGHT:
            raise InvalidProfileError(name, "at most 24 h, the length of a day", str(value))


@attrs.frozen
class Sleep:
    """How the person sleeps and how long the trouble has lasted."""

    #: Time taken to fall asleep on a typical bad night.
    onset_latency: Measurement | None = attrs.field(default=None, converter=_onset_latency)
    #: Time awake after first falling asleep, on a typical bad night.
    wake_after_sleep_onset: Measurement | None = attrs.field(
        default=None, converter=_wake_after_sleep_onset
    )
    #: Time actually asleep on a typical bad night.
    total_sleep_time: Measurement | None = attrs.field(default=None, converter=_total_sleep_time)
    #: Nights a week with trouble sleeping.
    nights_per_week: int | None = attrs.field(default=None, validator=optional_int(0, 7))
    #: How long the trouble has lasted.
    duration: Measurement | None = attrs.field(default=None, converter=_duration)
    #: Wakes earlier than intended and cannot fall asleep again.
    early_waking: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Tiredness, poor concentration or low mood in the day that the person puts down to
    #: poor sleep.
    daytime_impairment: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Partner reports pauses in breathing, gasping or choking at night (a red flag).
    witnessed_apneas: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Dozing off while driving (a red flag).
    drowsy_driving: bool | None = attrs.field(default=None, validator=optional_bool)
    #: The Insomnia Severity Index as a total, the item answers, or both.
    isi: ISI | None = attrs.field(default=None, converter=_isi)

    def __attrs_post_init__(self) -> None:
        _check_nightly(self, "sleep")


@attrs.frozen
class Supplement:
    """A magnesium supplement: the salt and its daily dose.

    Give ``dose`` as the mass of the salt (``"500 mg/day"`` of magnesium citrate), or
    ``elemental`` when the label already states elemental magnesium (US labels do).
    """

    #: The salt, by name, alias or formula; stored under its canonical name.
    compound: str | None = attrs.field(default=None, converter=_compound)
    #: Daily dose as the mass of the salt (``"500 mg/day"``).
    dose: Measurement | None = attrs.field(default=None, converter=_dose)
    #: Daily dose as elemental magnesium, when the label states it.
    elemental: Measurement | None = attrs.field(default=None, converter=_elemental)
    #: Elemental magnesium this supplement supplies, in mg/day (derived once, here).
    elemental_mg_per_day: float = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.dose is not None and self.compound is None:
            raise InvalidProfileError("compound", "the salt's name when a salt dose is given")
        if self.dose is None and self.elemental is None:
            raise InvalidProfileError("dose", "a daily dose of the salt, or 'elemental'")
        if self.dose is not None and self.elemental is not None:
            raise InvalidProfileError("elemental", "either 'dose' or 'elemental', not both")
        if self.elemental is not None:
            elemental = self.elemental.canonical
        else:
            assert self.dose is not None
            assert self.compound is not None
            elemental = self.dose.canonical * find_compound(self.compound).elemental_fraction
        object.__setattr__(self, "elemental_mg_per_day", elemental)


@attrs.frozen
class ReferenceRange:
    """The laboratory's own reference range for serum magnesium, as printed on the report.

    Both limits are required, each in any serum unit (``"0.7 mmol/L"``, ``"1.7 mg/dL"``),
    and the lower must be below the upper.  When given, it replaces the default scheme's
    limits (IOM 1997); the fixed clinical thresholds (0.4, 0.6 and 1.1 mmol/L) still apply.
    """

    #: The lower reference limit.
    low: Measurement = attrs.field(converter=_range_low)
    #: The upper reference limit.
    high: Measurement = attrs.field(converter=_range_high)

    def __attrs_post_init__(self) -> None:
        if not self.low.canonical < self.high.canonical:
            raise InvalidProfileError(
                "high",
                f"an upper limit above the lower limit {self.low.describe()}",
                str(self.high),
            )

    def describe(self) -> str:
        """``"0.7-1 mmol/L"``, or each limit in its own unit when they differ."""
        low, high = self.low, self.high
        if low.unit == high.unit:
            number = str(low)[: -len(low.unit)].rstrip()
            return f"{number}-{high}"
        return f"{low} to {high}"


def _reference_range(value: object) -> ReferenceRange | None:
    if value is None:
        return None
    if isinstance(value, Mapping):
        for name in ("low", "high"):
            if name not in value:
                raise InvalidProfileError(f"reference_range.{name}", _RANGE_LIMITS[name])
    return from_mapping(ReferenceRange, value, "reference_range")


def _supplements(value: object) -> tuple[Supplement, ...] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidProfileError("supplements", "a list of supplements ([] for none)", value)
    return tuple(
        from_mapping(Supplement, item, f"supplements[{index}]") for index, item in enumerate(value)
    )


def _supplemental_total(magnesium: Magnesium) -> float | None:
    if magnesium.supplements is None:
        return None
    return float(sum(s.elemental_mg_per_day for s in magnesium.supplements))


@attrs.frozen
class Magnesium:
    """Magnesium status: laboratory value, diet, supplements and symptoms."""

    #: Serum or plasma total magnesium.
    serum: Measurement | None = attrs.field(default=None, converter=_serum)
    #: The laboratory's own reference range for ``serum``, when the report gives one.
    reference_range: ReferenceRange | None = attrs.field(default=None, converter=_reference_range)
    #: Magnesium from food and drink, per day (supplements go in ``supplements``).
    dietary_intake: Measurement | None = attrs.field(default=None, converter=_dietary_intake)
    #: Supplements taken; ``[]`` means none, ``None`` unknown.
    supplements: tuple[Supplement, ...] | None = attrs.field(default=None, converter=_supplements)
    #: Muscle cramps at night (a weak, unspecific sign of low magnesium).
    night_cramps: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Restlessness or inner tension (a weak, unspecific sign).
    restlessness: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Elemental magnesium from all supplements in mg/day; None when supplements are unknown.
    supplemental_mg_per_day: float | None = attrs.field(
        init=False,
        eq=False,
        repr=False,
        default=attrs.Factory(_supplemental_total, takes_self=True),
    )


@attrs.frozen
class Lifestyle:
    """Habits around sleep."""

    #: Caffeine per day from coffee, tea, cola, energy drinks and tablets.
    caffeine: Measurement | None = attrs.field(default=None, converter=_caffeine)
    #: Time between the last caffeinated drink and going to bed.
    last_caffeine_before_bed: Measurement | None = attrs.field(
        default=None, converter=_last_caffeine_before_bed
    )
    #: Time spent on phones, tablets, computers or TV in the evening before sleep.
    screen_time_before_bed: Measurement | None = attrs.field(
        default=None, converter=_screen_time_before_bed
    )
    #: Nights a week of staying up late.
    late_nights_per_week: int | None = attrs.field(default=None, validator=optional_int(0, 7))
    #: Bed and wake times that change from day to day.
    irregular_schedule: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Alcoholic drinks a week.
    alcohol_drinks_per_week: float | None = attrs.field(
        default=None, validator=optional_number(0, 350)
    )
    #: Currently smokes.
    smoker: bool | None = attrs.field(default=None, validator=optional_bool)

    def __attrs_post_init__(self) -> None:
        _check_nightly(self, "lifestyle")


@attrs.frozen
class Mind:
    """Psychological load: self-reports, questionnaires and diagnoses."""

    #: Pressure or worries from work.
    work_pressure: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Stress as the person rates it (``"low"``, ``"moderate"`` or ``"high"``).
    perceived_stress: Level | None = attrs.field(default=None, converter=_perceived_stress)
    #: The Perceived Stress Scale (10 items) as a total, the answers as ticked, or both.
    pss10: PSS10 | None = attrs.field(default=None, converter=_pss10)
    #: The GAD-7 anxiety questionnaire as a total, the item answers, or both.
    gad7: GAD7 | None = attrs.field(default=None, converter=_gad7)
    #: The PHQ-9 depression questionnaire as a total, the item answers, or both.
    phq9: PHQ9 | None = attrs.field(default=None, converter=_phq9)
    #: An anxiety disorder has been diagnosed.
    anxiety_diagnosed: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Depression has been diagnosed.
    depression_diagnosed: bool | None = attrs.field(default=None, validator=optional_bool)


@attrs.frozen
class Health:
    """Conditions and medications; ``[]`` means none, ``None`` unknown."""

    #: Known conditions, by the values of :class:`~insomnia_factors.Condition`.
    conditions: tuple[Condition, ...] | None = attrs.field(default=None, converter=_conditions)
    #: Medication classes taken, by the values of :class:`~insomnia_factors.Medication`.
    medications: tuple[Medication, ...] | None = attrs.field(default=None, converter=_medications)

    def has(self, condition: Condition) -> bool | None:
        """True or False when conditions are known, None when they are not."""
        return None if self.conditions is None else condition in self.conditions

    def takes(self, medication: Medication) -> bool | None:
        """True or False when medications are known, None when they are not."""
        return None if self.medications is None else medication in self.medications


# A section given as null is as unknown as a section left out.


def _sleep(value: object) -> Sleep:
    return from_mapping(Sleep, {} if value is None else value, "sleep")


def _magnesium(value: object) -> Magnesium:
    return from_mapping(Magnesium, {} if value is None else value, "magnesium")


def _lifestyle(value: object) -> Lifestyle:
    return from_mapping(Lifestyle, {} if value is None else value, "lifestyle")


def _mind(value: object) -> Mind:
    return from_mapping(Mind, {} if value is None else value, "mind")


def _health(value: object) -> Health:
    return from_mapping(Health, {} if value is None else value, "health")


@attrs.frozen
class Profile:
    """Everything known about one person; build with keywords or :func:`load_profile`."""

    #: Age in whole years; selects the intake reference values and the supplement limit.
    age: int | None = attrs.field(default=None, validator=optional_int(0, 125))
    #: Sex, as the intake reference tables use it.
    sex: Sex | None = attrs.field(default=None, converter=_sex)
    #: Pregnant (selects the intake reference values for pregnancy).
    pregnant: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Breastfeeding (selects the intake reference values for lactation).
    lactating: bool | None = attrs.field(default=None, validator=optional_bool)
    sleep: Sleep = attrs.field(factory=Sleep, converter=_sleep)
    magnesium: Magnesium = attrs.field(factory=Magnesium, converter=_magnesium)
    lifestyle: Lifestyle = attrs.field(factory=Lifestyle, converter=_lifestyle)
    mind: Mind = attrs.field(factory=Mind, converter=_mind)
    health: Health = attrs.field(factory=Health, converter=_health)

    def __attrs_post_init__(self) -> None:
        if self.sex is Sex.MALE:
            for name in ("pregnant", "lactating"):
                if getattr(self, name):
                    raise InvalidProfileError(name, "false or null when sex is 'male'", True)

    @classmethod
    def from_dict(cls, document: object) -> Profile:
        """Build a profile from a JSON-like mapping (see :func:`load_profile`)."""
        from insomnia_factors.serialization import load_profile

        return load_profile(document)

    def to_dict(self) -> dict[str, Any]:
        """The profile document, with unknown fields left out."""
        from insomnia_factors.serialization import unstructure

        result: dict[str, Any] = unstructure(self)
        return result
