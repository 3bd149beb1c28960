"""Typed, frozen models of the inputs (a profile) and outputs (an assessment)."""

from insomnia_factors.models.assessment import (
    Advice,
    Assessment,
    Category,
    Cause,
    Evidence,
    Explanation,
    Indicator,
    InsomniaPattern,
    InsomniaSummary,
    Reference,
    Referral,
    ReferralReason,
    Ruleset,
)
from insomnia_factors.models.profile import (
    Health,
    Lifestyle,
    Magnesium,
    Mind,
    Profile,
    Sleep,
    Supplement,
)
from insomnia_factors.models.vocabulary import Condition, Level, Medication, Sex

__all__ = [
    "Advice",
    "Assessment",
    "Category",
    "Cause",
    "Condition",
    "Evidence",
    "Explanation",
    "Health",
    "Indicator",
    "InsomniaPattern",
    "InsomniaSummary",
    "Level",
    "Lifestyle",
    "Magnesium",
    "Medication",
    "Mind",
    "Profile",
    "Reference",
    "Referral",
    "ReferralReason",
    "Ruleset",
    "Sex",
    "Sleep",
    "Supplement",
]
