"""The profile of one person: typed, frozen input models, validated on construction.

Every field is optional and ``None`` means *unknown*, which the rules keep apart from
"no" or zero: an unknown input never adds to a score, and it is reported in
:attr:`~insomnia_factors.Assessment.missing` when knowing it could change the ranking.

Quantities accept ``"1.5 mg/dL"``, ``{"value": 1.5, "unit": "mg/dL"}``, a pint
``Quantity`` from any registry, or a :class:`~insomnia_factors.units.Measurement`; they
are stored as measurements (the person's value and unit plus one canonical float).
"""

from __future__ import annotations

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
from insomnia_factors.units import Kind, Measurement, find_compound

__all__ = [
    "Health",
    "Lifestyle",
    "Magnesium",
    "Mind",
    "Profile",
    "Sleep",
    "Supplement",
]

_D = Kind.DURATION


@attrs.frozen
class Sleep:
    """How the person sleeps and how long the trouble has lasted."""

    onset_latency: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, _D, "onset_latency")
    )
    wake_after_sleep_onset: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, _D, "wake_after_sleep_onset")
    )
    total_sleep_time: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, _D, "total_sleep_time")
    )
    #: Nights a week with trouble sleeping.
    nights_per_week: int | None = attrs.field(default=None, validator=optional_int(0, 7))
    #: How long the trouble has lasted.
    duration: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, _D, "duration")
    )
    early_waking: bool | None = attrs.field(default=None, validator=optional_bool)
    daytime_impairment: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Partner reports pauses in breathing, gasping or choking at night (a red flag).
    witnessed_apneas: bool | None = attrs.field(default=None, validator=optional_bool)
    #: Dozing off while driving (a red flag).
    drowsy_driving: bool | None = attrs.field(default=None, validator=optional_bool)
    isi: ISI | None = attrs.field(default=None, converter=lambda v: with_path(to_isi, v, "isi"))

    def __attrs_post_init__(self) -> None:
        limit = 24 * 60.0
        for name in ("onset_latency", "wake_after_sleep_onset", "total_sleep_time"):
            value: Measurement | None = getattr(self, name)
            if value is not None and value.canonical > limit:
                raise InvalidProfileError(name, "at most 24 h in one night", str(value))


@attrs.frozen
class Supplement:
    """A magnesium supplement: the salt and its daily dose.

    Give ``dose`` as the mass of the salt (``"500 mg/day"`` of magnesium citrate), or
    ``elemental`` when the label already states elemental magnesium (US labels do).
    """

    compound: str | None = attrs.field(default=None, converter=lambda v: _compound(v))
    dose: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, Kind.MASS_PER_DAY, "dose")
    )
    elemental: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, Kind.MAGNESIUM_PER_DAY, "elemental")
    )

    def __attrs_post_init__(self) -> None:
        if self.dose is not None and self.compound is None:
            raise InvalidProfileError("compound", "the salt's name when a salt dose is given")
        if self.dose is None and self.elemental is None:
            raise InvalidProfileError("dose", "a daily dose of the salt, or 'elemental'")
        if self.dose is not None and self.elemental is not None:
            raise InvalidProfileError("elemental", "either 'dose' or 'elemental', not both")

    @property
    def elemental_mg_per_day(self) -> float:
        """Elemental magnesium this supplement supplies, in mg/day."""
        if self.elemental is not None:
            return self.elemental.canonical
        assert self.dose is not None and self.compound is not None  # by construction
        return self.dose.canonical * find_compound(self.compound).elemental_fraction


def _compound(value: object) -> str | None:
    if value is None:
        return None
    try:
        return find_compound(value).name  # type: ignore[arg-type]
    except InvalidProfileError as exc:
        raise exc.at("") from None


def _supplements(value: object) -> tuple[Supplement, ...] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes, dict)) or not hasattr(value, "__iter__"):
        raise InvalidProfileError("supplements", "a list of supplements ([] for none)", value)
    return tuple(
        from_mapping(Supplement, item, f"supplements[{index}]")
        for index, item in enumerate(value)
    )


@attrs.frozen
class Magnesium:
    """Magnesium status: laboratory value, diet, supplements and symptoms."""

    #: Serum or plasma total magnesium.
    serum: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, Kind.SERUM_MAGNESIUM, "serum")
    )
    #: Magnesium from food and drink, per day (supplements go in ``supplements``).
    dietary_intake: Measurement | None = attrs.field(
        default=None,
        converter=lambda v: to_quantity(v, Kind.MAGNESIUM_PER_DAY, "dietary_intake"),
    )
    #: Supplements taken; ``[]`` means none, ``None`` unknown.
    supplements: tuple[Supplement, ...] | None = attrs.field(
        default=None, converter=_supplements
    )
    night_cramps: bool | None = attrs.field(default=None, validator=optional_bool)
    restlessness: bool | None = attrs.field(default=None, validator=optional_bool)

    @property
    def supplemental_mg_per_day(self) -> float | None:
        """Elemental magnesium from supplements in mg/day, or None when unknown."""
        if self.supplements is None:
            return None
        return sum(s.elemental_mg_per_day for s in self.supplements)


@attrs.frozen
class Lifestyle:
    """Habits around sleep."""

    caffeine: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, Kind.MASS_PER_DAY, "caffeine")
    )
    #: Time between the last caffeinated drink and going to bed.
    last_caffeine_before_bed: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, _D, "last_caffeine_before_bed")
    )
    #: Time spent on phones, tablets, computers or TV in the evening before sleep.
    screen_time_before_bed: Measurement | None = attrs.field(
        default=None, converter=lambda v: to_quantity(v, _D, "screen_time_before_bed")
    )
    late_nights_per_week: int | None = attrs.field(default=None, validator=optional_int(0, 7))
    irregular_schedule: bool | None = attrs.field(default=None, validator=optional_bool)
    alcohol_drinks_per_week: float | None = attrs.field(
        default=None, validator=optional_number(0, 350)
    )
    smoker: bool | None = attrs.field(default=None, validator=optional_bool)


@attrs.frozen
class Mind:
    """Psychological load: self-reports, questionnaires and diagnoses."""

    work_pressure: bool | None = attrs.field(default=None, validator=optional_bool)
    perceived_stress: Level | None = attrs.field(
        default=None, converter=lambda v: to_enum(v, Level, "perceived_stress")
    )
    pss10: PSS10 | None = attrs.field(
        default=None, converter=lambda v: with_path(to_pss10, v, "pss10")
    )
    gad7: GAD7 | None = attrs.field(
        default=None, converter=lambda v: with_path(to_gad7, v, "gad7")
    )
    phq9: PHQ9 | None = attrs.field(
        default=None, converter=lambda v: with_path(to_phq9, v, "phq9")
    )
    anxiety_diagnosed: bool | None = attrs.field(default=None, validator=optional_bool)
    depression_diagnosed: bool | None = attrs.field(default=None, validator=optional_bool)


@attrs.frozen
class Health:
    """Conditions and medications; ``[]`` means none, ``None`` unknown."""

    conditions: tuple[Condition, ...] | None = attrs.field(
        default=None, converter=lambda v: to_enum_set(v, Condition, "conditions")
    )
    medications: tuple[Medication, ...] | None = attrs.field(
        default=None, converter=lambda v: to_enum_set(v, Medication, "medications")
    )

    def has(self, condition: Condition) -> bool | None:
        """True or False when conditions are known, None when they are not."""
        return None if self.conditions is None else condition in self.conditions

    def takes(self, medication: Medication) -> bool | None:
        return None if self.medications is None else medication in self.medications


def _section(cls: type[Any], name: str) -> Any:
    return attrs.field(
        factory=cls, converter=lambda v: from_mapping(cls, cls() if v is None else v, name)
    )


@attrs.frozen
class Profile:
    """Everything known about one person; build with keywords or :func:`load_profile`."""

    age: int | None = attrs.field(default=None, validator=optional_int(0, 125))
    sex: Sex | None = attrs.field(default=None, converter=lambda v: to_enum(v, Sex, "sex"))
    pregnant: bool | None = attrs.field(default=None, validator=optional_bool)
    lactating: bool | None = attrs.field(default=None, validator=optional_bool)
    sleep: Sleep = _section(Sleep, "sleep")
    magnesium: Magnesium = _section(Magnesium, "magnesium")
    lifestyle: Lifestyle = _section(Lifestyle, "lifestyle")
    mind: Mind = _section(Mind, "mind")
    health: Health = _section(Health, "health")

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
