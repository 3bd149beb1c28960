"""The factor catalog: one typed model per possible cause, each with its rule."""

from insomnia_factors.factors.base import Factor, Finding, flag, measured, noisy_or
from insomnia_factors.factors.catalog import DEFAULT_CATALOG, Catalog
from insomnia_factors.factors.lifestyle import (
    Alcohol,
    Caffeine,
    EveningScreenUse,
    LateNights,
    Nicotine,
)
from insomnia_factors.factors.magnesium import (
    HIGH_LEVELS,
    LOW_LEVELS,
    SERUM_RANGES,
    MagnesiumDeficiency,
    SerumLevel,
    SerumRange,
)
from insomnia_factors.factors.medical import Medicine, UnderlyingCondition
from insomnia_factors.factors.mind import Anxiety, Depression, Stress, WorkPressure

__all__ = [
    "DEFAULT_CATALOG",
    "HIGH_LEVELS",
    "LOW_LEVELS",
    "SERUM_RANGES",
    "Alcohol",
    "Anxiety",
    "Caffeine",
    "Catalog",
    "Depression",
    "EveningScreenUse",
    "Factor",
    "Finding",
    "LateNights",
    "MagnesiumDeficiency",
    "Medicine",
    "Nicotine",
    "SerumLevel",
    "SerumRange",
    "Stress",
    "UnderlyingCondition",
    "WorkPressure",
    "flag",
    "measured",
    "noisy_or",
]
