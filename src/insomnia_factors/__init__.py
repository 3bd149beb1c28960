"""insomnia-factors: rank the factors that plausibly contribute to one person's insomnia.

The library screens and educates; it does not diagnose.  Public names are loaded on
first use so that ``import insomnia_factors`` stays cheap (no pint registry, no
serialization machinery until needed).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from insomnia_factors._version import __version__
from insomnia_factors.errors import (
    CatalogError,
    InsomniaFactorsError,
    InvalidInputError,
    InvalidProfileError,
    InvalidQuantityError,
    InvalidQuestionnaireError,
    InvalidWeightsError,
    UnknownCompoundError,
)

if TYPE_CHECKING:
    from insomnia_factors.assessment import (
        assess,
    )
    from insomnia_factors.factors import (
        DEFAULT_CATALOG,
        Catalog,
        Factor,
        Finding,
    )
    from insomnia_factors.models import (
        Advice,
        Assessment,
        Category,
        Cause,
        Complaint,
        Condition,
        Evidence,
        Explanation,
        Health,
        Indicator,
        InsomniaPattern,
        InsomniaSummary,
        Level,
        Lifestyle,
        Magnesium,
        Medication,
        Mind,
        Profile,
        Reference,
        ReferenceRange,
        Referral,
        ReferralReason,
        Ruleset,
        Sex,
        Sleep,
        Supplement,
    )
    from insomnia_factors.questionnaires import (
        GAD7,
        ISI,
        PHQ9,
        PSS10,
        QuestionnaireResult,
        score_gad7,
        score_isi,
        score_phq9,
        score_pss10,
    )
    from insomnia_factors.serialization import (
        assessment_schema,
        load_profile,
        profile_schema,
    )
    from insomnia_factors.units import (
        Measurement,
        convert,
        elemental_magnesium,
    )

__all__ = [
    "DEFAULT_CATALOG",
    "GAD7",
    "ISI",
    "PHQ9",
    "PSS10",
    "Advice",
    "Assessment",
    "Catalog",
    "CatalogError",
    "Category",
    "Cause",
    "Complaint",
    "Condition",
    "Evidence",
    "Explanation",
    "Factor",
    "Finding",
    "Health",
    "Indicator",
    "InsomniaFactorsError",
    "InsomniaPattern",
    "InsomniaSummary",
    "InvalidInputError",
    "InvalidProfileError",
    "InvalidQuantityError",
    "InvalidQuestionnaireError",
    "InvalidWeightsError",
    "Level",
    "Lifestyle",
    "Magnesium",
    "Measurement",
    "Medication",
    "Mind",
    "Profile",
    "QuestionnaireResult",
    "Reference",
    "ReferenceRange",
    "Referral",
    "ReferralReason",
    "Ruleset",
    "Sex",
    "Sleep",
    "Supplement",
    "UnknownCompoundError",
    "__version__",
    "assess",
    "assessment_schema",
    "convert",
    "elemental_magnesium",
    "load_profile",
    "profile_schema",
    "score_gad7",
    "score_isi",
    "score_phq9",
    "score_pss10",
]

# public name → module that defines it; imported on first attribute access.
_LAZY = {
    "assess": "insomnia_factors.assessment",
    "load_profile": "insomnia_factors.serialization",
    "profile_schema": "insomnia_factors.serialization",
    "assessment_schema": "insomnia_factors.serialization",
    "DEFAULT_CATALOG": "insomnia_factors.factors",
    "Catalog": "insomnia_factors.factors",
    "Factor": "insomnia_factors.factors",
    "Finding": "insomnia_factors.factors",
    "Advice": "insomnia_factors.models",
    "Assessment": "insomnia_factors.models",
    "Category": "insomnia_factors.models",
    "Complaint": "insomnia_factors.models",
    "Cause": "insomnia_factors.models",
    "Condition": "insomnia_factors.models",
    "Evidence": "insomnia_factors.models",
    "Explanation": "insomnia_factors.models",
    "Health": "insomnia_factors.models",
    "Indicator": "insomnia_factors.models",
    "InsomniaPattern": "insomnia_factors.models",
    "InsomniaSummary": "insomnia_factors.models",
    "Level": "insomnia_factors.models",
    "Lifestyle": "insomnia_factors.models",
    "Magnesium": "insomnia_factors.models",
    "Medication": "insomnia_factors.models",
    "Mind": "insomnia_factors.models",
    "Profile": "insomnia_factors.models",
    "Reference": "insomnia_factors.models",
    "ReferenceRange": "insomnia_factors.models",
    "Referral": "insomnia_factors.models",
    "ReferralReason": "insomnia_factors.models",
    "Ruleset": "insomnia_factors.models",
    "Sex": "insomnia_factors.models",
    "Sleep": "insomnia_factors.models",
    "Supplement": "insomnia_factors.models",
    "convert": "insomnia_factors.units",
    "elemental_magnesium": "insomnia_factors.units",
    "Measurement": "insomnia_factors.units",
    "score_isi": "insomnia_factors.questionnaires",
    "score_phq9": "insomnia_factors.questionnaires",
    "score_gad7": "insomnia_factors.questionnaires",
    "score_pss10": "insomnia_factors.questionnaires",
    "QuestionnaireResult": "insomnia_factors.questionnaires",
    "ISI": "insomnia_factors.questionnaires",
    "PHQ9": "insomnia_factors.questionnaires",
    "GAD7": "insomnia_factors.questionnaires",
    "PSS10": "insomnia_factors.questionnaires",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'insomnia_factors' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
