"""The assessment layer: :func:`assess` and what it puts around the ranking.

- :func:`assess` runs a catalog's rules, weighs, ranks and explains;
- :func:`insomnia_summary` describes the complaint itself (pattern, kinds, severity);
- :func:`referral_for` gives the reasons to see a doctor, and :data:`REFERRAL_INPUTS`
  declares the inputs that can decide one;
- :func:`advice_for` gives general advice and the guarded supplement suggestion.

It sits above the factors and the models, and below the adapters (command line,
columnar, batch).
"""

from insomnia_factors.assessment._advice import GENERAL_ADVICE, advice_for, supplement_cautions
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
from insomnia_factors.assessment._referral import (
    PHQ9_ITEMS,
    REFERRAL_INPUTS,
    REFERRED_CONDITIONS,
    SLEEP_DISTURBING,
    ReferralInput,
    referral_caveats,
    referral_for,
    unknown_referral_inputs,
)

__all__ = [
    "CHRONIC_MIN_DAYS",
    "CHRONIC_MIN_MINUTES",
    "CHRONIC_MIN_NIGHTS",
    "GENERAL_ADVICE",
    "LONG_AWAKE_MINUTES",
    "NOT_A_DIAGNOSIS",
    "PHQ9_ITEMS",
    "REFERRAL_INPUTS",
    "REFERRED_CONDITIONS",
    "SHORT_SLEEP_HOURS",
    "SLEEP_DISTURBING",
    "ReferralInput",
    "advice_for",
    "assess",
    "insomnia_summary",
    "meets_chronic_frequency",
    "referral_caveats",
    "referral_for",
    "supplement_cautions",
    "unknown_referral_inputs",
]
