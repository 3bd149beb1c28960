"""The four instruments: ISI, PHQ-9, GAD-7 and PSS-10 (scoring rules only).

Bands and reverse-scored items, with their sources:

- ISI: 7 items scored 0-4, total 0-28; 0-7 no clinically significant insomnia, 8-14
  subthreshold, 15-21 clinical (moderate), 22-28 clinical (severe).  Bastien, Vallières
  and Morin, Sleep Med 2001;2(4):297-307.  The ISI is copyrighted (C.M. Morin, distributed
  by Mapi Research Trust): clinics that administer it need their own licence.
- PHQ-9: 9 items 0-3, total 0-27; 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19
  moderately severe, 20-27 severe.  Kroenke, Spitzer and Williams, J Gen Intern Med
  2001;16(9):606-613.  Any answer above 0 to item 9 (thoughts of self-harm) is flagged
  whatever the total.
- GAD-7: 7 items 0-3, total 0-21; 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
  Spitzer, Kroenke, Williams and Löwe, Arch Intern Med 2006;166(10):1092-1097.
- PSS-10: 10 items 0-4, total 0-40, items 4, 5, 7 and 8 reverse-scored (Cohen, Kamarck
  and Mermelstein, J Health Soc Behav 1983;24(4):385-396; Cohen and Williamson 1988).
  The bands 0-13 low, 14-26 moderate, 27-40 high are a widely used convention, not
  Cohen's own (he publishes population norms); they are labelled as such.
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from insomnia_factors.questionnaires._scoring import (
    Band,
    Instrument,
    Questionnaire,
    QuestionnaireResult,
    to_questionnaire,
)
from insomnia_factors.references import BASTIEN_2001, COHEN_1983, KROENKE_2001, SPITZER_2006

__all__ = [
    "GAD7",
    "ISI",
    "PHQ9",
    "PSS10",
    "score_gad7",
    "score_isi",
    "score_phq9",
    "score_pss10",
    "to_gad7",
    "to_isi",
    "to_phq9",
    "to_pss10",
]

_PHQ_SELF_HARM_ITEM = 9


@attrs.frozen
class ISI(Questionnaire):
    """Insomnia Severity Index: 7 items, each 0-4."""

    INSTRUMENT: ClassVar[Instrument] = Instrument(
        name="ISI",
        items=7,
        item_max=4,
        bands=(
            Band(0, "none", "no clinically significant insomnia"),
            Band(8, "subthreshold", "subthreshold insomnia"),
            Band(15, "moderate", "clinical insomnia (moderate severity)"),
            Band(22, "severe", "clinical insomnia (severe)"),
        ),
        reference=BASTIEN_2001,
        severe_from=22,  # clinical insomnia, severe
    )


@attrs.frozen
class PHQ9(Questionnaire):
    """Patient Health Questionnaire-9 (depression): 9 items, each 0-3."""

    INSTRUMENT: ClassVar[Instrument] = Instrument(
        name="PHQ-9",
        items=9,
        item_max=3,
        bands=(
            Band(0, "minimal", "minimal"),
            Band(5, "mild", "mild"),
            Band(10, "moderate", "moderate"),
            Band(15, "moderately_severe", "moderately severe"),
            Band(20, "severe", "severe"),
        ),
        reference=KROENKE_2001,
        severe_from=15,  # moderately severe and severe
    )

    def _self_harm_risk(self) -> bool | None:
        if self.items is None:
            return None
        return self.items[_PHQ_SELF_HARM_ITEM - 1] > 0


@attrs.frozen
class GAD7(Questionnaire):
    """Generalized Anxiety Disorder-7: 7 items, each 0-3."""

    INSTRUMENT: ClassVar[Instrument] = Instrument(
        name="GAD-7",
        items=7,
        item_max=3,
        bands=(
            Band(0, "minimal", "minimal"),
            Band(5, "mild", "mild"),
            Band(10, "moderate", "moderate"),
            Band(15, "severe", "severe"),
        ),
        reference=SPITZER_2006,
        severe_from=15,  # severe
    )


@attrs.frozen
class PSS10(Questionnaire):
    """Perceived Stress Scale, 10-item version: items 0-4, items 4, 5, 7, 8 reversed.

    Give the answers as ticked (0 = never … 4 = very often); the reverse scoring is done
    here.  A ``total`` is the already-scored total.
    """

    INSTRUMENT: ClassVar[Instrument] = Instrument(
        name="PSS-10",
        items=10,
        item_max=4,
        bands=(
            Band(0, "low", "low (conventional band)"),
            Band(14, "moderate", "moderate (conventional band)"),
            Band(27, "high", "high (conventional band)"),
        ),
        reference=COHEN_1983,
        reverse_items=frozenset({4, 5, 7, 8}),
    )


def to_isi(value: object) -> ISI | None:
    return to_questionnaire(ISI, value)


def to_phq9(value: object) -> PHQ9 | None:
    return to_questionnaire(PHQ9, value)


def to_gad7(value: object) -> GAD7 | None:
    return to_questionnaire(GAD7, value)


def to_pss10(value: object) -> PSS10 | None:
    return to_questionnaire(PSS10, value)


def _score(cls: type[Questionnaire], answers: object) -> QuestionnaireResult:
    questionnaire = to_questionnaire(cls, answers)
    assert questionnaire is not None
    return questionnaire.result()


def score_isi(answers: object) -> QuestionnaireResult:
    """Score the ISI from its 7 item answers (or a total, or ``{"items", "total"}``).

    >>> score_isi([2, 3, 2, 2, 3, 2, 3]).band
    'moderate'
    """
    if answers is None:
        raise _none("ISI")
    return _score(ISI, answers)


def score_phq9(answers: object) -> QuestionnaireResult:
    """Score the PHQ-9 from its 9 item answers (or a total, or ``{"items", "total"}``).

    >>> result = score_phq9([1, 1, 1, 1, 1, 1, 1, 1, 1])
    >>> result.total, result.band, result.self_harm_risk
    (9, 'mild', True)
    """
    if answers is None:
        raise _none("PHQ-9")
    return _score(PHQ9, answers)


def score_gad7(answers: object) -> QuestionnaireResult:
    """Score the GAD-7 from its 7 item answers (or a total, or ``{"items", "total"}``).

    >>> score_gad7([2, 2, 2, 2, 2, 1, 1]).band
    'moderate'
    """
    if answers is None:
        raise _none("GAD-7")
    return _score(GAD7, answers)


def score_pss10(answers: object) -> QuestionnaireResult:
    """Score the PSS-10 from its 10 item answers as ticked; items 4, 5, 7, 8 are reversed.

    >>> score_pss10([4, 4, 4, 0, 0, 4, 0, 0, 4, 4]).total
    40
    """
    if answers is None:
        raise _none("PSS-10")
    return _score(PSS10, answers)


def _none(name: str) -> Exception:
    from insomnia_factors.errors import InvalidQuestionnaireError

    return InvalidQuestionnaireError("answers", f"the {name} item answers or total", None)
