"""Questionnaires: scoring at every band boundary, reverse items, bad answers, wiring."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jsonschema
import pytest

from insomnia_factors import (
    GAD7,
    ISI,
    PHQ9,
    PSS10,
    InvalidProfileError,
    InvalidQuestionnaireError,
    QuestionnaireResult,
    assess,
    load_profile,
    profile_schema,
    score_gad7,
    score_isi,
    score_phq9,
    score_pss10,
)
from insomnia_factors.questionnaires import Questionnaire

Scorer = Callable[[object], QuestionnaireResult]

# (scorer, questionnaire class, [(first total of a band, band code)]) from the sources
# cited in insomnia_factors.questionnaires.instruments.
BANDS: list[tuple[Scorer, type[Questionnaire], list[tuple[int, str]]]] = [
    (score_isi, ISI, [(0, "none"), (8, "subthreshold"), (15, "moderate"), (22, "severe")]),
    (
        score_phq9,
        PHQ9,
        [(0, "minimal"), (5, "mild"), (10, "moderate"), (15, "moderately_severe"), (20, "severe")],
    ),
    (score_gad7, GAD7, [(0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")]),
    (score_pss10, PSS10, [(0, "low"), (14, "moderate"), (27, "high")]),
]


def _boundaries() -> list[Any]:
    """Both ends of every band: its first total and the total just below the next band."""
    cases = []
    for scorer, cls, bands in BANDS:
        ends = [low - 1 for low, _ in bands[1:]] + [cls.INSTRUMENT.max_total]
        for (low, band), high in zip(bands, ends, strict=True):
            for total in (low, high):
                cases.append(
                    pytest.param(scorer, cls, total, band, id=f"{cls.INSTRUMENT.name}-{total}")
                )
    return cases


BOUNDARIES = _boundaries()


def _items_for(cls: type[Questionnaire], total: int) -> list[int]:
    """Item answers (as ticked) whose scored total is ``total``."""
    spec = cls.INSTRUMENT
    answers = []
    remaining = total
    for number in range(1, spec.items + 1):
        points = min(spec.item_max, remaining)
        remaining -= points
        answers.append(spec.item_max - points if number in spec.reverse_items else points)
    assert remaining == 0
    return answers


@pytest.mark.parametrize(("scorer", "cls", "total", "band"), BOUNDARIES)
def test_band_boundaries_from_totals_and_items(
    scorer: Scorer, cls: type[Questionnaire], total: int, band: str
) -> None:
    by_total = scorer(total)
    by_items = scorer(_items_for(cls, total))
    assert by_total.band == by_items.band == band
    assert by_total.total == by_items.total == total
    assert by_items.max_total == cls.INSTRUMENT.max_total
    assert by_items.reference.key == cls.INSTRUMENT.reference.key


def test_pss10_reverses_items_4_5_7_8() -> None:
    # Ticking 4 everywhere scores 4 on the six positive items and 0 on the four reversed.
    assert score_pss10([4] * 10).total == 6 * 4
    assert score_pss10([0] * 10).total == 4 * 4
    high = [4, 4, 4, 0, 0, 4, 0, 0, 4, 4]
    assert score_pss10(high).total == 40
    assert score_pss10(high).band == "high"
    for number in (4, 5, 7, 8):
        answers = [0] * 10
        answers[number - 1] = 1
        assert score_pss10(answers).total == 16 - 1
    answers = [0] * 10
    answers[0] = 1
    assert score_pss10(answers).total == 16 + 1


def test_isi_total_and_items_must_agree() -> None:
    items = [2, 2, 2, 2, 2, 2, 2]
    assert ISI(items=items, total=14).score == 14
    with pytest.raises(InvalidQuestionnaireError) as info:
        ISI(items=items, total=15)
    assert info.value.field == "total"
    assert "14" in info.value.expected


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ([1, 1, 1], "items"),  # wrong count
        ([1, 1, 1, 1, 1, 1, 5], "items[6]"),  # out of range for ISI (0-4)
        ([1, 1, 1, 1, 1, -1, 1], "items[5]"),
        ([1, 1, 1, 1.5, 1, 1, 1], "items[3]"),  # not a whole number
        ([1, 1, True, 1, 1, 1, 1], "items[2]"),  # booleans are not answers
        ([1, 1, "2", 1, 1, 1, 1], "items[2]"),
        (29, "total"),
        (-1, "total"),
        (7.0, ""),
        ("12", ""),
        ({"items": [0] * 7, "score": 0}, "score"),
        ({}, ""),
    ],
)
def test_bad_answers_are_named(answers: Any, field: str) -> None:
    with pytest.raises(InvalidQuestionnaireError) as info:
        score_isi(answers)
    assert info.value.field == field


def test_bad_answers_in_a_profile_name_the_full_path() -> None:
    with pytest.raises(InvalidProfileError) as info:
        load_profile({"mind": {"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 4]}})
    assert info.value.field == "mind.phq9.items[8]"
    with pytest.raises(InvalidProfileError) as info:
        load_profile({"sleep": {"isi": {"items": [1] * 7, "total": 8}}})
    assert info.value.field == "sleep.isi.total"


def test_phq9_item_9_is_flagged_whatever_the_total() -> None:
    assert score_phq9([0] * 8 + [1]).self_harm_risk is True
    assert score_phq9([3] * 8 + [0]).self_harm_risk is False
    assert score_phq9(24).self_harm_risk is None  # a total alone cannot tell


@pytest.mark.parametrize(
    ("document", "factor_id", "band_points"),
    [
        ({"mind": {"gad7": 10}}, "anxiety", 0.7),
        ({"mind": {"phq9": 10}}, "depression", 0.7),
        ({"mind": {"pss10": 27}}, "stress", 0.8),
    ],
)
def test_questionnaires_feed_their_factor(
    document: dict[str, Any], factor_id: str, band_points: float
) -> None:
    cause = assess(load_profile(document)).cause(factor_id)
    assert cause is not None
    assert cause.score == pytest.approx(band_points)
    path = next(iter(document["mind"]))
    assert cause.evidence[0].path == f"mind.{path}"


def test_isi_sets_the_insomnia_severity() -> None:
    result = assess(load_profile({"sleep": {"isi": _items_for(ISI, 22)}}))
    assert result.insomnia.severity == "severe"
    assert result.insomnia.isi_total == 22
    assert "severe_insomnia" in [r.code for r in result.referral.reasons]
    assert assess(load_profile({"sleep": {"isi": 21}})).insomnia.severity == "moderate"


@pytest.mark.parametrize(
    ("document", "code", "below"),
    [
        ({"mind": {"phq9": 15}}, "severe_depression_score", {"mind": {"phq9": 14}}),
        ({"mind": {"gad7": 15}}, "severe_anxiety_score", {"mind": {"gad7": 14}}),
        ({"sleep": {"isi": 22}}, "severe_insomnia", {"sleep": {"isi": 21}}),
    ],
)
def test_severe_bands_add_referral_reasons(
    document: dict[str, Any], code: str, below: dict[str, Any]
) -> None:
    assert code in [r.code for r in assess(load_profile(document)).referral.reasons]
    assert code not in [r.code for r in assess(load_profile(below)).referral.reasons]


@pytest.mark.parametrize("form", ["total", "items", "both"])
def test_profile_round_trip_keeps_the_form_given(form: str) -> None:
    items = _items_for(GAD7, 9)
    value: Any = {"total": 9, "items": items, "both": {"items": items, "total": 9}}[form]
    profile = load_profile({"mind": {"gad7": value}})
    document = profile.to_dict()
    assert load_profile(document) == profile
    jsonschema.validate(document, profile_schema())


def test_schema_accepts_both_forms_and_rejects_bad_ones() -> None:
    schema = profile_schema()
    for good in (17, [1, 2, 3, 4, 3, 2, 2], {"items": [0] * 7, "total": 0}, {"total": 3}):
        jsonschema.validate({"sleep": {"isi": good}}, schema)
        load_profile({"sleep": {"isi": good}})
    for bad in (29, [1, 2, 3], [5, 0, 0, 0, 0, 0, 0], {}, {"score": 3}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"sleep": {"isi": bad}}, schema)


def test_no_item_texts_are_shipped() -> None:
    # Scoring rules only: the instruments expose counts, ranges and bands, never wording.
    for _, cls, _ in BANDS:
        spec = cls.INSTRUMENT
        assert not hasattr(spec, "texts")
        assert all(len(band.label) < 60 for band in spec.bands)


@pytest.mark.parametrize(
    ("scorer", "severe_from"), [(score_isi, 22), (score_phq9, 15), (score_gad7, 15)]
)
def test_severe_starts_at_the_cited_total(scorer: Scorer, severe_from: int) -> None:
    assert scorer(severe_from).severe
    assert not scorer(severe_from - 1).severe


def test_the_pss10_has_no_severe_cut_off() -> None:
    assert not score_pss10(40).severe
