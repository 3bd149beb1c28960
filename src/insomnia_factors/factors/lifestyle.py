"""Habits: caffeine, evening screens, late nights, alcohol and nicotine."""

from __future__ import annotations

import attrs

from insomnia_factors.factors.base import Factor, Finding, flag, measured
from insomnia_factors.models.assessment import Category, Evidence, Reference
from insomnia_factors.models.profile import Profile
from insomnia_factors.references import (
    CHANG_2015,
    CRIBB_2023,
    DRAKE_2013,
    EBRAHIM_2013,
    FDA_CAFFEINE,
    NHANES_SMOKING_2014,
    NUNEZ_2021,
)

__all__ = ["Alcohol", "Caffeine", "EveningScreenUse", "LateNights", "Nicotine"]


@attrs.frozen(kw_only=True)
class Caffeine(Factor):
    """Caffeine late in the day or in large amounts.

    Drake et al. 2013: 400 mg taken 0, 3 or even 6 h before bed disturbed sleep, so
    caffeine within ``min_hours_before_bed`` (6 h) scores 0.6.  FDA: up to 400 mg a day
    is generally safe for healthy adults, so more than ``daily_limit_mg`` scores 0.5.
    Reporting no caffeine at all scores zero whatever the timing.
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
    #: mg/day; a daily amount above it adds 0.5 (FDA: up to 400 mg/day is generally safe).
    daily_limit_mg: float = 400.0
    #: Hours; the last caffeine taken less than this before bed adds 0.6 (Drake 2013).
    min_hours_before_bed: float = 6.0
    #: Points of a daily amount above ``daily_limit_mg``.
    over_limit_points: float = 0.5
    #: Points of caffeine within ``min_hours_before_bed`` of bedtime.
    late_points: float = 0.6

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
            evidence.append(
                measured(
                    "lifestyle.last_caffeine_before_bed",
                    last,
                    threshold=limit_min,
                    relation="<",
                    points=self.late_points,
                    statement=f"the last caffeine is taken {last.describe()} before bed, less "
                    f"than the {self.min_hours_before_bed:g} h after which it still disturbed "
                    "sleep in a trial (Drake 2013)",
                )
            )
        return Finding.combine(evidence)


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
    """Regular drinking: ``points_per_drink`` (0.05) per weekly drink, capped at 0.7.

    Ebrahim et al. 2013: alcohol shortens the time to fall asleep but disturbs the second
    half of the night at all doses; the scale is a design choice of this library.
    """

    id: str = "alcohol"
    name: str = "Alcohol"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.7
    rationale: str = (
        "A drink may help sleep come faster, but as it wears off sleep becomes broken and "
        "shallow in the second half of the night."
    )
    references: tuple[Reference, ...] = (EBRAHIM_2013,)
    inputs: tuple[tuple[str, float], ...] = (("lifestyle.alcohol_drinks_per_week", 0.7),)
    recommendations: tuple[str, ...] = (
        "Avoid alcohol in the hours before bed and do not use it as a sleep aid.",
    )
    #: Points per alcoholic drink a week (a design choice).
    points_per_drink: float = 0.05
    #: The highest score alcohol can reach.
    cap: float = 0.7

    def evaluate(self, profile: Profile) -> Finding:
        drinks = profile.lifestyle.alcohol_drinks_per_week
        if not drinks:
            return Finding()
        points = min(self.cap, drinks * self.points_per_drink)
        return Finding.combine(
            [
                Evidence(
                    path="lifestyle.alcohol_drinks_per_week",
                    observed=f"{drinks:g}",
                    statement=f"{drinks:g} alcoholic drinks a week",
                    points=points,
                    relation=">",
                    canonical=float(drinks),
                    unit="drinks/week",
                    threshold=0.0,
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
