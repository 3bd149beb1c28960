"""The assessment layer: :func:`assess` and what it puts around the ranking.

- :func:`assess` runs a catalog's rules, weighs, ranks and explains;
- :func:`insomnia_summary` describes the complaint itself (pattern, kinds, severity);
- :func:`referral_for` gives the reasons to see a doctor, and :data:`REFERRAL_INPUTS`
  declares the inputs that can decide one;
- :func:`advice_for` gives general advice and the guarded supplement suggestion;
- :func:`magnesium_safety`, :func:`magnesium_referrals` and :func:`supplement_decision`
  hold magnesium's safety rules (:data:`MAGNESIUM_GUARDS` lists them with their sources).

It sits above the factors and the models, and below the adapters (command line,
columnar, batch).
"""

from insomnia_factors.assessment._advice import (
    GENERAL_ADVICE,
    KIDNEY_DIET,
    NO_ADDED_MAGNESIUM,
    advice_for,
    magnesium_advice,
    supplement_cautions,
)
from insomnia_factors.assessment._engine import NOT_A_DIAGNOSIS, assess
from insomnia_factors.assessment._insomnia import (
    CHRONIC_MIN_DAYS,
    CHRONIC_MIN_MINUTES,
    CHRONIC_MIN_NIGHTS,
    LONG_AWAKE_MINUTES,
    SHORT_SLEEP_HOURS,
    insomnia_summary,
    meets_chronic_frequency,
)
from insomnia_factors.assessment._magnesium import (
    DEFAULT_MAGNESIUM,
    INTERACTION_SPACING,
    MAGNESIUM_GUARDS,
    REVIEW_MEDICATIONS,
    Guard,
    MagnesiumSafety,
    magnesium_factor,
    magnesium_referrals,
    magnesium_safety,
    supplement_decision,
)
from insomnia_factors.assessment._referral import (
    PHQ9_ITEMS,
    REFERRAL_INPUTS,
    REFERRED_CONDITIONS,
    SLEEP_DISTURBING,
    ReferralInput,
    covered_referral_inputs,
    referral_caveats,
    referral_for,
    unknown_referral_inputs,
)

__all__ = [
    "CHRONIC_MIN_DAYS",
    "CHRONIC_MIN_MINUTES",
    "CHRONIC_MIN_NIGHTS",
    "DEFAULT_MAGNESIUM",
    "GENERAL_ADVICE",
    "INTERACTION_SPACING",
    "KIDNEY_DIET",
    "LONG_AWAKE_MINUTES",
    "MAGNESIUM_GUARDS",
    "NOT_A_DIAGNOSIS",
    "NO_ADDED_MAGNESIUM",
    "PHQ9_ITEMS",
    "REFERRAL_INPUTS",
    "REFERRED_CONDITIONS",
    "REVIEW_MEDICATIONS",
    "SHORT_SLEEP_HOURS",
    "SLEEP_DISTURBING",
    "Guard",
    "MagnesiumSafety",
    "ReferralInput",
    "advice_for",
    "assess",
    "covered_referral_inputs",
    "insomnia_summary",
    "magnesium_advice",
    "magnesium_factor",
    "magnesium_referrals",
    "magnesium_safety",
    "meets_chronic_frequency",
    "referral_caveats",
    "referral_for",
    "supplement_cautions",
    "supplement_decision",
    "unknown_referral_inputs",
]
