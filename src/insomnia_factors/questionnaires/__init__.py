"""Validated questionnaires as evidence: ISI, PHQ-9, GAD-7 and PSS-10.

Each takes item answers, a total, or both (which must agree), and scores to a
:class:`QuestionnaireResult` with its band and reference.  Item texts are never shipped.
"""

from insomnia_factors.questionnaires._scoring import (
    Band,
    Instrument,
    Questionnaire,
    QuestionnaireResult,
)
from insomnia_factors.questionnaires.instruments import (
    GAD7,
    ISI,
    PHQ9,
    PSS10,
    score_gad7,
    score_isi,
    score_phq9,
    score_pss10,
    to_gad7,
    to_isi,
    to_phq9,
    to_pss10,
)

__all__ = [
    "GAD7",
    "ISI",
    "PHQ9",
    "PSS10",
    "Band",
    "Instrument",
    "Questionnaire",
    "QuestionnaireResult",
    "score_gad7",
    "score_isi",
    "score_phq9",
    "score_pss10",
    "to_gad7",
    "to_isi",
    "to_phq9",
    "to_pss10",
]
