"""Psychological factors: stress, work pressure, anxiety and depression.

Each of these can keep the mind aroused at bedtime.  Self-reports and validated
questionnaires measure the same construct, so a factor takes the strongest of its
signals (``max``) rather than adding them up.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import attrs

from insomnia_factors.factors.base import Factor, Finding, flag
from insomnia_factors.models.assessment import Category, Evidence, Indicator, Reference
from insomnia_factors.models.profile import Profile
from insomnia_factors.models.vocabulary import Level
from insomnia_factors.questionnaires import QuestionnaireResult
from insomnia_factors.references import COHEN_1983, KROENKE_2001, SPITZER_2006

__all__ = ["Anxiety", "Depression", "Stress", "WorkPressure"]

# Points by level or band: design choices that grow with the instrument's own bands.
_STRESS_LEVEL_POINTS: Mapping[Level, float] = MappingProxyType(
    {Level.LOW: 0.0, Level.MODERATE: 0.35, Level.HIGH: 0.7}
)
_PSS10_POINTS: Mapping[str, float] = MappingProxyType({"low": 0.0, "moderate": 0.4, "high": 0.8})
_GAD7_POINTS: Mapping[str, float] = MappingProxyType(
    {"minimal": 0.0, "mild": 0.35, "moderate": 0.7, "severe": 1.0}
)
_PHQ9_POINTS: Mapping[str, float] = MappingProxyType(
    {"minimal": 0.0, "mild": 0.35, "moderate": 0.7, "moderately_severe": 0.85, "severe": 1.0}
)
_DIAGNOSED_POINTS = 0.6


def _questionnaire(
    path: str, result: QuestionnaireResult, points: Mapping[str, float], name: str
) -> Evidence:
    return Evidence(
        path=path,
        observed=str(result.total),
        statement=f"{name} total {result.total} of {result.max_total} is in the "
        f"'{result.band_label}' band",
        points=points[result.band],
        relation="is",
        canonical=float(result.total),
        unit="points",
    )


@attrs.frozen(kw_only=True)
class Stress(Factor):
    """Perceived stress, self-rated or by PSS-10 band (0-13 low, 14-26 moderate, 27-40 high;
    a common convention, not Cohen's own norms)."""

    id: str = "stress"
    name: str = "Stress"
    category: Category = Category.PSYCHOLOGICAL
    default_weight: float = 1.0
    rationale: str = (
        "Ongoing stress keeps the body's alarm system switched on at night, which delays "
        "sleep and makes it lighter."
    )
    references: tuple[Reference, ...] = (COHEN_1983,)
    inputs: tuple[tuple[str, float], ...] = (("mind.pss10", 0.8), ("mind.perceived_stress", 0.7))
    recommendations: tuple[str, ...] = (
        "Build a wind-down routine: relaxation, breathing exercises or a short walk in the "
        "evening.",
        "If stress stays high, talk to a doctor or counsellor; cognitive behavioural "
        "therapy for insomnia (CBT-I) also teaches ways to quiet a busy mind.",
    )

    #: Points of a self-rated level.
    level_points: Mapping[Level, float] = _STRESS_LEVEL_POINTS
    #: Points of a PSS-10 band.
    pss10_points: Mapping[str, float] = _PSS10_POINTS

    def evaluate(self, profile: Profile) -> Finding:
        mind = profile.mind
        evidence = []
        if mind.perceived_stress is not None:
            level = mind.perceived_stress
            rated = level.value
            evidence.append(
                flag(
                    "mind.perceived_stress",
                    rated,
                    points=self.level_points[level],
                    statement=f"perceived stress is rated {rated}",
                )
            )
        if mind.pss10 is not None:
            evidence.append(
                _questionnaire("mind.pss10", mind.pss10.result(), self.pss10_points, "PSS-10")
            )
        return Finding.combine(evidence, how="max")


@attrs.frozen(kw_only=True)
class WorkPressure(Factor):
    """Pressure at work reported by the person."""

    id: str = "work_pressure"
    name: str = "Work pressure"
    category: Category = Category.PSYCHOLOGICAL
    default_weight: float = 0.7
    rationale: str = (
        "Deadlines and worries about work are carried into the evening and can keep the "
        "mind busy in bed; it overlaps with stress, so it weighs a little less."
    )
    inputs: tuple[tuple[str, float], ...] = (("mind.work_pressure", 0.6),)
    recommendations: tuple[str, ...] = (
        "Set a fixed end to the working day and keep work devices out of the bedroom.",
        "Write tomorrow's tasks down before the evening so they are not rehearsed in bed.",
    )

    #: Points of reported work pressure.
    pressure_points: float = 0.6

    def evaluate(self, profile: Profile) -> Finding:
        if profile.mind.work_pressure is None:
            return Finding()
        pressed = profile.mind.work_pressure
        return Finding.combine(
            [
                flag(
                    "mind.work_pressure",
                    pressed,
                    points=self.pressure_points if pressed else 0.0,
                    statement="work pressure is reported"
                    if pressed
                    else "no work pressure reported",
                )
            ]
        )


@attrs.frozen(kw_only=True)
class Anxiety(Factor):
    """Anxiety by GAD-7 band (5 mild, 10 moderate, 15 severe; Spitzer 2006) or diagnosis."""

    id: str = "anxiety"
    name: str = "Anxiety"
    category: Category = Category.PSYCHOLOGICAL
    default_weight: float = 1.0
    rationale: str = (
        "Anxiety brings worry and physical tension to bedtime and is one of the most common "
        "companions of insomnia."
    )
    references: tuple[Reference, ...] = (SPITZER_2006,)
    inputs: tuple[tuple[str, float], ...] = (("mind.gad7", 1.0), ("mind.anxiety_diagnosed", 0.6))
    recommendations: tuple[str, ...] = (
        "Anxiety is treatable: talk to a doctor or therapist, especially if it affects daily life.",
    )

    #: Points of a GAD-7 band.
    band_points: Mapping[str, float] = _GAD7_POINTS
    #: Points of a diagnosed anxiety disorder.
    diagnosed_points: float = _DIAGNOSED_POINTS

    def evaluate(self, profile: Profile) -> Finding:
        mind = profile.mind
        evidence = []
        if mind.gad7 is not None:
            evidence.append(
                _questionnaire("mind.gad7", mind.gad7.result(), self.band_points, "GAD-7")
            )
        if mind.anxiety_diagnosed:
            evidence.append(
                flag(
                    "mind.anxiety_diagnosed",
                    True,
                    points=self.diagnosed_points,
                    statement="an anxiety disorder has been diagnosed",
                )
            )
        severe = mind.gad7 is not None and mind.gad7.result().severe
        return Finding.combine(
            evidence, how="max", indicator=Indicator.CRITICAL if severe else None
        )


@attrs.frozen(kw_only=True)
class Depression(Factor):
    """Depression by PHQ-9 band (5 mild, 10 moderate, 15 moderately severe, 20 severe;
    Kroenke 2001) or diagnosis; any thought of self-harm (item 9) is critical."""

    id: str = "depression"
    name: str = "Depression"
    category: Category = Category.PSYCHOLOGICAL
    default_weight: float = 1.0
    rationale: str = (
        "Low mood and insomnia feed each other: depression disturbs sleep, and poor sleep "
        "deepens low mood."
    )
    references: tuple[Reference, ...] = (KROENKE_2001,)
    inputs: tuple[tuple[str, float], ...] = (("mind.phq9", 1.0), ("mind.depression_diagnosed", 0.6))
    recommendations: tuple[str, ...] = (
        "Depression is treatable: talk to a doctor, who can look at mood and sleep together.",
    )

    #: Points of a PHQ-9 band.
    band_points: Mapping[str, float] = _PHQ9_POINTS
    #: Points of diagnosed depression.
    diagnosed_points: float = _DIAGNOSED_POINTS

    def evaluate(self, profile: Profile) -> Finding:
        mind = profile.mind
        evidence = []
        critical = False
        if mind.phq9 is not None:
            result = mind.phq9.result()
            evidence.append(_questionnaire("mind.phq9", result, self.band_points, "PHQ-9"))
            critical = result.severe or bool(result.self_harm_risk)
        if mind.depression_diagnosed:
            evidence.append(
                flag(
                    "mind.depression_diagnosed",
                    True,
                    points=self.diagnosed_points,
                    statement="depression has been diagnosed",
                )
            )
        return Finding.combine(
            evidence, how="max", indicator=Indicator.CRITICAL if critical else None
        )
