"""The assessment layer: :func:`assess` and what it puts around the ranking.

- :func:`assess` runs a catalog's rules, weighs, ranks and explains;
- :func:`insomnia_summary` describes the complaint itself (pattern, kinds, severity);
- :func:`referral_for` gives the reasons to see a doctor;
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
)
from insomnia_factors.assessment._referral import SLEEP_DISTURBING, referral_for

__all__ = [
    "CHRONIC_MIN_DAYS",
    "CHRONIC_MIN_MINUTES",
    "CHRONIC_MIN_NIGHTS",
    "GENERAL_ADVICE",
    "LONG_AWAKE_MINUTES",
    "NOT_A_DIAGNOSIS",
    "SHORT_SLEEP_HOURS",
    "SLEEP_DISTURBING",
    "advice_for",
    "assess",
    "insomnia_summary",
    "referral_for",
    "supplement_cautions",
]
