"""Habits: caffeine, evening screens, late nights, alcohol and nicotine."""

from __future__ import annotations

import math

import attrs

from insomnia_factors.errors import CatalogError
from insomnia_factors.factors.base import Factor, Finding, flag, measured
from insomnia_factors.models.assessment import Category, Evidence, Reference
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Sex
from insomnia_factors.references import (
    CHANG_2015,
    CRIBB_2023,
    DRAKE_2013,
    EBRAHIM_2013,
    FDA_CAFFEINE,
    NHANES_SMOKING_2014,
    NIAAA_DRINKING_LEVELS,
    NUNEZ_2021,
)
from insomnia_factors.units import Measurement

__all__ = ["Alcohol", "Caffeine", "EveningScreenUse", "LateNights", "Nicotine"]


@attrs.frozen(kw_only=True)
class Caffeine(Factor):
    """Caffeine late in the day, scored by dose, or in large amounts.

    Drake et al. 2013: 400 mg taken 0, 3 or even 6 h before bed disturbed sleep, so
    caffeine within ``min_hours_before_bed`` (6 h) adds up to ``late_points`` (0.6).
    Those points scale with the daily amount, in proportion up to ``reference_dose_mg``
    (the trial's 400 mg) and no further: 20 mg a day late adds 0.03, 200 mg 0.3, 400 mg
    or more 0.6.  The daily amount stands in for the late dose, which cannot be larger,
    so the scaling never understates it.  When only the timing is known, the amount
    counts as ``unknown_dose_mg`` (400 mg, the dose the timing was shown with) and the
    evidence says that the amount is unknown; knowing a smaller amount lowers the points.
    FDA: up to 400 mg a day is generally safe for healthy adults, so more than
    ``daily_limit_mg`` adds 0.5.  Reporting no caffeine at all scores zero whatever the
    timing.  The proportional scale is a design choice of this library.
    """

    id: str = "caffeine"
    name: str = "Caffeine"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.8
    rationale: str = (
        "Caffeine blocks the brain's sleep-pressure signal for hours: half of a dose is "
        "still active about five hours later, so afternoon coffee can still delay sleep."
    )
    references: tuple[Reference, ...] = (DRAKE_2013, FDA_CAFFEINE)
    inputs: tuple[tuple[str, float], ...] = (
        ("lifestyle.last_caffeine_before_bed", 0.6),
        ("lifestyle.caffeine", 0.5),
    )
    recommendations: tuple[str, ...] = (
        "Have the last coffee, tea, cola or energy drink at least 6 hours before bed.",
        "Keep the daily total under 400 mg (about four cups of brewed coffee).",
    )
    #: mg/day; a daily amount above it adds 0.5 (FDA: up to 400 mg/day is generally safe;
    #: status V, verified in the source).
    daily_limit_mg: float = 400.0
    #: Hours; the last caffeine taken less than this before bed adds up to 0.6 (Drake 2013,
    #: doi:10.5664/jcsm.3170: 400 mg at 0, 3 and 6 h all disturbed sleep; status V).
    min_hours_before_bed: float = 6.0
    #: Points of a daily amount above ``daily_limit_mg``.
    over_limit_points: float = 0.5
    #: Points of caffeine within ``min_hours_before_bed`` of bedtime at ``reference_dose_mg``
    #: a day or more; a smaller daily amount adds points in proportion.
    late_points: float = 0.6
    #: mg/day at which late caffeine adds the full ``late_points``: the 400 mg dose of
    #: Drake 2013 (status V). The proportional scale below it is a design choice.
    reference_dose_mg: float = 400.0
    #: mg/day counted when only the timing is known: the trial's 400 mg, so that an
    #: unknown amount is not assumed small (a design choice; the evidence says so).
    unknown_dose_mg: float = 400.0

    def __attrs_post_init__(self) -> None:
        if not self.reference_dose_mg > 0:
            raise CatalogError(
                f"caffeine: reference_dose_mg must be positive, got {self.reference_dose_mg!r}"
            )
        if not self.unknown_dose_mg >= 0:
            raise CatalogError(
                f"caffeine: unknown_dose_mg must not be negative, got {self.unknown_dose_mg!r}"
            )

    def late_fraction(self, daily_mg: float | None) -> float:
        """The share of ``late_points`` that late caffeine adds at ``daily_mg`` a day
        (None: unknown), from 0 to 1."""
        dose = self.unknown_dose_mg if daily_mg is None else daily_mg
        return min(1.0, dose / self.reference_dose_mg)

    def evaluate(self, profile: Profile) -> Finding:
        amount = profile.lifestyle.caffeine
        last = profile.lifestyle.last_caffeine_before_bed
        if amount is not None and amount.canonical == 0:
            return Finding()
        evidence: list[Evidence] = []
        if amount is not None and amount.canonical > self.daily_limit_mg:
            evidence.append(
                measured(
                    "lifestyle.caffeine",
                    amount,
                    threshold=self.daily_limit_mg,
                    relation=">",
                    points=self.over_limit_points,
                    statement=f"caffeine {amount.describe()} is above the {self.daily_limit_mg:g} "
                    "mg/day that the FDA considers safe for healthy adults",
                )
            )
        limit_min = self.min_hours_before_bed * 60
        if last is not None and last.canonical < limit_min:
            fraction = self.late_fraction(None if amount is None else amount.canonical)
            evidence.append(
                measured(
                    "lifestyle.last_caffeine_before_bed",
                    last,
                    threshold=limit_min,
                    relation="<",
                    points=self.late_points * fraction,
                    statement=f"the last caffeine is taken {last.describe()} before bed, less "
                    f"than the {self.min_hours_before_bed:g} h within which "
                    f"{self.reference_dose_mg:g} mg still disturbed sleep in a trial "
                    f"(Drake 2013); {self._dose_words(amount, fraction)}",
                )
            )
        return Finding.combine(evidence)

    def _dose_words(self, amount: Measurement | None, fraction: float) -> str:
        if amount is None:
            return (
                f"the daily amount is unknown, so it counts as {self.unknown_dose_mg:g} mg "
                "(a smaller amount would count less)"
            )
        if fraction >= 1.0:
            return f"{amount.describe()} is at least that dose"
        percent = math.floor(fraction * 100 + 0.5)  # halves up: 62.5 % reads as 63 %
        share = f"{percent}%" if percent >= 1 else "less than 1%"
        return f"{amount.describe()} counts for {share} of that dose"


@attrs.frozen(kw_only=True)
class EveningScreenUse(Factor):
    """Screens in the evening before sleep.

    Chang et al. 2015: reading on a light-emitting device for hours before bed delayed
    sleep and suppressed melatonin.  The cut-offs are a design choice of this library:
    more than ``some_minutes`` (30 min) scores 0.4, ``many_minutes`` (2 h) or more 0.6.
    """

    id: str = "evening_screen_use"
    name: str = "Evening screen use"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.6
    rationale: str = (
        "Bright screens in the evening delay the body clock and the release of melatonin, "
        "and what is on them keeps the mind engaged."
    )
    references: tuple[Reference, ...] = (CHANG_2015,)
    inputs: tuple[tuple[str, float], ...] = (("lifestyle.screen_time_before_bed", 0.6),)
    recommendations: tuple[str, ...] = (
        "Put phones, tablets and laptops away for the last hour before bed, or at least "
        "dim them and switch to a printed book.",
    )
    #: Minutes; screen time before bed above it adds 0.4 (a design choice).
    some_minutes: float = 30.0
    #: Minutes; screen time before bed of at least this adds 0.6 (a design choice).
    many_minutes: float = 120.0
    #: Points of screen time above ``some_minutes``.
    some_points: float = 0.4
    #: Points of screen time of ``many_minutes`` or more.
    many_points: float = 0.6

    def evaluate(self, profile: Profile) -> Finding:
        screen = profile.lifestyle.screen_time_before_bed
        if screen is None or screen.canonical <= self.some_minutes:
            return Finding()
        many = screen.canonical >= self.many_minutes
        limit = self.many_minutes if many else self.some_minutes
        return Finding.combine(
            [
                measured(
                    "lifestyle.screen_time_before_bed",
                    screen,
                    threshold=limit,
                    relation=">=" if many else ">",
                    points=self.many_points if many else self.some_points,
                    statement=f"screens are used for {screen.describe()} before bed, "
                    f"{'at least' if many else 'more than'} {limit:g} min",
                )
            ]
        )


@attrs.frozen(kw_only=True)
class LateNights(Factor):
    """Staying up late and an irregular schedule.

    Three or more late nights a week scores 0.6, one or two 0.3; an irregular schedule
    0.4 (sleep regularity predicts health outcomes, Cribb et al. 2023).
    """

    id: str = "late_nights"
    name: str = "Late nights and irregular schedule"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.7
    rationale: str = (
        "Going to bed late or at changing times shifts the body clock, so sleepiness no "
        "longer arrives when the person goes to bed."
    )
    references: tuple[Reference, ...] = (CRIBB_2023,)
    inputs: tuple[tuple[str, float], ...] = (
        ("lifestyle.late_nights_per_week", 0.6),
        ("lifestyle.irregular_schedule", 0.4),
    )
    recommendations: tuple[str, ...] = (
        "Go to bed and get up at the same times every day, weekends included.",
        "Cut down on late nights; keep them to occasions rather than habits.",
    )
    #: Late nights a week from which staying up late is a habit (a design choice).
    many_nights: int = 3
    #: Points of ``many_nights`` or more late nights a week.
    many_nights_points: float = 0.6
    #: Points of one late night a week up to ``many_nights``.
    few_nights_points: float = 0.3
    #: Points of an irregular schedule.
    irregular_points: float = 0.4

    def evaluate(self, profile: Profile) -> Finding:
        life = profile.lifestyle
        evidence = []
        nights = life.late_nights_per_week
        if nights:
            habit = nights >= self.many_nights
            points = self.many_nights_points if habit else self.few_nights_points
            evidence.append(
                Evidence(
                    path="lifestyle.late_nights_per_week",
                    observed=str(nights),
                    statement=f"stays up late {nights} night{'s' if nights > 1 else ''} a week",
                    points=points,
                    relation=">=",
                    canonical=float(nights),
                    unit="nights/week",
                    threshold=float(self.many_nights) if habit else 1.0,
                )
            )
        if life.irregular_schedule:
            evidence.append(
                flag(
                    "lifestyle.irregular_schedule",
                    True,
                    points=self.irregular_points,
                    statement="the sleep schedule is irregular",
                )
            )
        return Finding.combine(evidence)


@attrs.frozen(kw_only=True)
class Alcohol(Factor):
    """Regular drinking, scored by the weekly dose against the heavy-drinking limit.

    NIAAA: heavy drinking is more than ``men_weekly_limit`` (14) drinks a week for men
    up to ``older_age`` (65), and more than ``lower_weekly_limit`` (7) for women and for
    men over 65.  When sex or age is unknown, when sex is 'other' and when the person is
    under ``adult_age`` (18; the limits are set for adults), the lower limit applies, the
    conservative choice, and the evidence says why.

    With *x* the weekly drinks divided by that limit, the points rise in proportion to
    ``at_limit_points`` (0.35) at the limit, then linearly to ``cap`` (0.9) at
    ``cap_multiple`` (3) times the limit, and stay there: 14 drinks a week score 0.35 for
    a man of 40, 28 score 0.625, 42 or more (80 included) 0.9.  The points depend on *x*
    alone and never fall as it grows, so more drinks never score less, and neither does
    a lower limit.  Under the lower limit each drink up to it adds 0.05.  Ebrahim et al.
    2013: alcohol shortens the time to fall asleep but disturbs the second half of the
    night at all doses; the shape of the scale is a design choice of this library.
    """

    id: str = "alcohol"
    name: str = "Alcohol"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.7
    rationale: str = (
        "A drink may help sleep come faster, but as it wears off sleep becomes broken and "
        "shallow in the second half of the night; the more a person drinks, the more it "
        "disturbs."
    )
    references: tuple[Reference, ...] = (EBRAHIM_2013, NIAAA_DRINKING_LEVELS)
    inputs: tuple[tuple[str, float], ...] = (
        ("lifestyle.alcohol_drinks_per_week", 0.9),
        # Select the limit; knowing them can only raise it (unknown takes the lower one).
        ("sex", 0.0),
        ("age", 0.0),
    )
    recommendations: tuple[str, ...] = (
        "Avoid alcohol in the hours before bed and do not use it as a sleep aid.",
        "Keep within the weekly limit: at most 7 drinks for women and for men over 65, "
        "14 for younger men (NIAAA).",
    )
    #: Drinks a week above which men up to ``older_age`` drink heavily (NIAAA drinking
    #: levels; status V2, verified through a copy of the NIAAA table).
    men_weekly_limit: float = 14.0
    #: Drinks a week above which women and men over ``older_age`` drink heavily (NIAAA;
    #: status V2); also applied when sex or age is unknown, the conservative choice.
    lower_weekly_limit: float = 7.0
    #: Men older than this take ``lower_weekly_limit`` (NIAAA; status V2).
    older_age: int = 65
    #: Below this age the adult limits do not apply and ``lower_weekly_limit`` is used.
    adult_age: int = 18
    #: Points at the limit that applies; in proportion below it (a design choice).
    at_limit_points: float = 0.35
    #: The highest score alcohol can reach (a design choice).
    cap: float = 0.9
    #: The multiple of the limit at which ``cap`` is reached (a design choice).
    cap_multiple: float = 3.0

    def __attrs_post_init__(self) -> None:
        if not (self.men_weekly_limit > 0 and self.lower_weekly_limit > 0):
            raise CatalogError("alcohol: the weekly limits must be positive")
        if not self.cap_multiple > 1:
            raise CatalogError(f"alcohol: cap_multiple must exceed 1, got {self.cap_multiple!r}")

    def weekly_limit(self, profile: Profile) -> tuple[float, str]:
        """The heavy-drinking limit that applies to ``profile``, and whom it is set for."""
        lower, sex, age = self.lower_weekly_limit, profile.sex, profile.age
        if sex is Sex.FEMALE:
            return lower, f"{lower:g} a week that NIAAA sets for women"
        if sex is Sex.MALE and age is not None and self.adult_age <= age <= self.older_age:
            men = self.men_weekly_limit
            return men, f"{men:g} a week that NIAAA sets for men up to {self.older_age}"
        both = f"{lower:g} a week that NIAAA sets for women and for men over {self.older_age}"
        if sex is None:
            return lower, f"{both}, applied because sex is unknown"
        if sex is not Sex.MALE:
            return lower, f"{both}, applied because sex is given as {sex.value}"
        if age is None:
            return lower, f"{both}, applied because age is unknown"
        if age < self.adult_age:
            return lower, f"{both}, applied because the limits are set for adults"
        return lower, both

    def points(self, drinks: float, limit: float) -> float:
        """Points of ``drinks`` a week against ``limit``: rising with ``drinks / limit``."""
        ratio = drinks / limit
        if ratio <= 1.0:
            return self.at_limit_points * ratio
        rise = min(1.0, (ratio - 1.0) / (self.cap_multiple - 1.0))
        return self.at_limit_points + (self.cap - self.at_limit_points) * rise

    def evaluate(self, profile: Profile) -> Finding:
        drinks = profile.lifestyle.alcohol_drinks_per_week
        if not drinks:
            return Finding()
        limit, whose = self.weekly_limit(profile)
        above = drinks > limit
        if above:
            where = f"{drinks / limit:.1f} times the heavy-drinking limit of {whose}"
        else:
            where = f"within the heavy-drinking limit of {whose}"
        return Finding.combine(
            [
                Evidence(
                    path="lifestyle.alcohol_drinks_per_week",
                    observed=f"{drinks:g}",
                    statement=f"{drinks:g} alcoholic drink{'' if drinks == 1 else 's'} a "
                    f"week, {where}",
                    points=self.points(drinks, limit),
                    relation=">" if above else "<=",
                    canonical=float(drinks),
                    unit="drinks/week",
                    threshold=limit,
                )
            ]
        )


@attrs.frozen(kw_only=True)
class Nicotine(Factor):
    """Smoking: 0.5 (smokers report longer sleep onset and more waking; NHANES 2014,
    Nuñez 2021: odds ratio 2.5 for a worse insomnia category)."""

    id: str = "nicotine"
    name: str = "Nicotine"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.6
    rationale: str = "Nicotine is a stimulant, and withdrawal during the night can wake a smoker."
    references: tuple[Reference, ...] = (NHANES_SMOKING_2014, NUNEZ_2021)
    inputs: tuple[tuple[str, float], ...] = (("lifestyle.smoker", 0.5),)
    recommendations: tuple[str, ...] = (
        "Avoid smoking or vaping in the evening; ask a doctor about help to stop.",
    )
    #: Points of smoking.
    smoker_points: float = 0.5

    def evaluate(self, profile: Profile) -> Finding:
        if not profile.lifestyle.smoker:
            return Finding()
        return Finding.combine(
            [
                flag(
                    "lifestyle.smoker",
                    True,
                    points=self.smoker_points,
                    statement="the person smokes",
                )
            ]
        )
