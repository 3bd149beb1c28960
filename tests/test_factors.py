"""Each default factor: fires, does not fire, and stays silent when its inputs are unknown."""

from __future__ import annotations

from typing import Any

import pytest

from insomnia_factors import DEFAULT_CATALOG, Profile, assess, load_profile
from insomnia_factors.factors import SERUM_RANGES, MagnesiumDeficiency

# factor id → (document that fires it, document that does not, path that is then missing)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "magnesium_deficiency": (
        {"magnesium": {"serum": "0.55 mmol/L"}},
        {"magnesium": {"serum": "0.85 mmol/L", "night_cramps": True}},
        "magnesium.serum",
    ),
    "stress": (
        {"mind": {"perceived_stress": "high"}},
        {"mind": {"perceived_stress": "low"}},
        "mind.perceived_stress",
    ),
    "work_pressure": (
        {"mind": {"work_pressure": True}},
        {"mind": {"work_pressure": False}},
        "mind.work_pressure",
    ),
    "anxiety": ({"mind": {"gad7": 11}}, {"mind": {"gad7": 2}}, "mind.gad7"),
    "depression": ({"mind": {"phq9": 12}}, {"mind": {"phq9": 3}}, "mind.phq9"),
    "caffeine": (
        {"lifestyle": {"last_caffeine_before_bed": "2 h"}},
        {"lifestyle": {"caffeine": "0 mg/day", "last_caffeine_before_bed": "1 h"}},
        "lifestyle.last_caffeine_before_bed",
    ),
    "evening_screen_use": (
        {"lifestyle": {"screen_time_before_bed": "2 h"}},
        {"lifestyle": {"screen_time_before_bed": "20 min"}},
        "lifestyle.screen_time_before_bed",
    ),
    "late_nights": (
        {"lifestyle": {"late_nights_per_week": 4}},
        {"lifestyle": {"late_nights_per_week": 0, "irregular_schedule": False}},
        "lifestyle.late_nights_per_week",
    ),
    "alcohol": (
        {"lifestyle": {"alcohol_drinks_per_week": 14}},
        {"lifestyle": {"alcohol_drinks_per_week": 0}},
        "lifestyle.alcohol_drinks_per_week",
    ),
    "nicotine": (
        {"lifestyle": {"smoker": True}},
        {"lifestyle": {"smoker": False}},
        "lifestyle.smoker",
    ),
    "underlying_condition": (
        {"health": {"conditions": ["restless_legs"]}},
        {"health": {"conditions": []}},
        "health.conditions",
    ),
    "medication": (
        {"health": {"medications": ["corticosteroid"]}},
        {"health": {"medications": []}},
        "health.medications",
    ),
}


def test_every_default_factor_has_a_case() -> None:
    assert set(CASES) == set(DEFAULT_CATALOG.ids)


@pytest.mark.parametrize("factor_id", sorted(CASES))
def test_factor_fires(factor_id: str) -> None:
    fires, _, _ = CASES[factor_id]
    result = assess(load_profile(fires))
    cause = result.cause(factor_id)
    assert cause is not None
    assert 0 < cause.score <= 1
    assert cause.contribution == pytest.approx(cause.weight * cause.score)
    assert cause.evidence
    assert all(e.path for e in cause.evidence)
    assert len(cause.explanation.summary) <= 140


@pytest.mark.parametrize("factor_id", sorted(CASES))
def test_factor_does_not_fire(factor_id: str) -> None:
    _, quiet, path = CASES[factor_id]
    result = assess(load_profile(quiet))
    assert result.cause(factor_id) is None
    assert path not in result.missing


@pytest.mark.parametrize("factor_id", sorted(CASES))
def test_factor_is_silent_and_missing_when_unknown(factor_id: str) -> None:
    _, _, path = CASES[factor_id]
    result = assess(Profile())
    assert result.cause(factor_id) is None
    assert path in result.missing


def _magnesium_score(document: dict[str, Any]) -> float:
    return MagnesiumDeficiency().evaluate(load_profile(document)).score


def test_normal_serum_scores_magnesium_zero_whatever_else() -> None:
    document = {
        "age": 40,
        "sex": "male",
        "magnesium": {
            "serum": "2.0 mg/dL",
            "dietary_intake": "100 mg/day",
            "supplements": [],
            "night_cramps": True,
            "restlessness": True,
        },
        "health": {"medications": ["ppi"]},
    }
    assert _magnesium_score(document) == 0.0


def test_symptoms_alone_never_make_magnesium_strong() -> None:
    document = {
        "magnesium": {"night_cramps": True, "restlessness": True},
        "health": {
            "conditions": ["type_2_diabetes", "gi_malabsorption", "alcohol_dependence"],
            "medications": ["ppi", "diuretic"],
        },
    }
    assert 0 < _magnesium_score(document) <= 0.25


def test_low_intake_without_serum_is_capped() -> None:
    document = {
        "age": 40,
        "sex": "female",
        "magnesium": {"dietary_intake": "100 mg/day", "supplements": [], "night_cramps": True},
    }
    assert _magnesium_score(document) == pytest.approx(0.5)


def test_serum_grades_are_ordered() -> None:
    scores = [
        _magnesium_score({"magnesium": {"serum": f"{v} mmol/L"}}) for v in (0.3, 0.5, 0.7, 0.8)
    ]
    assert scores == [1.0, 0.85, 0.6, 0.0]


def test_serum_scheme_is_a_parameter() -> None:
    profile = load_profile({"magnesium": {"serum": "0.8 mmol/L"}})
    assert MagnesiumDeficiency().evaluate(profile).score == 0
    strict = MagnesiumDeficiency(serum_range=SERUM_RANGES["magnet_2022"])
    finding = strict.evaluate(profile)
    assert finding.score == 0.6
    assert "MaGNet 2022" in finding.evidence[0].statement
    assert "0.85 mmol/L = 2.07 mg/dL = 1.7 mEq/L" in finding.evidence[0].statement


def test_intake_uses_the_rda_for_age_and_sex() -> None:
    # Men 31-50: RDA 420, EAR 350 (IOM 1997).
    base = {"age": 40, "sex": "male", "magnesium": {"supplements": []}}
    below_ear = {**base, "magnesium": {"dietary_intake": "340 mg/day", "supplements": []}}
    below_rda = {**base, "magnesium": {"dietary_intake": "400 mg/day", "supplements": []}}
    enough = {**base, "magnesium": {"dietary_intake": "420 mg/day", "supplements": []}}
    assert _magnesium_score(below_ear) == pytest.approx(0.45)
    assert _magnesium_score(below_rda) == pytest.approx(0.25)
    assert _magnesium_score(enough) == 0


def test_supplements_count_towards_intake_as_elemental_magnesium() -> None:
    # 180 mg/day diet + 600 mg/day citrate (16.2 % Mg) = 277 mg/day: above the EAR 265
    # but below the RDA 320 for women aged 52.
    document = {
        "age": 52,
        "sex": "female",
        "magnesium": {
            "dietary_intake": "180 mg/day",
            "supplements": [{"compound": "magnesium citrate", "dose": "600 mg/day"}],
        },
    }
    finding = MagnesiumDeficiency().evaluate(load_profile(document))
    assert finding.score == pytest.approx(0.25)
    assert finding.evidence[0].canonical == pytest.approx(180 + 600 * 0.16164, rel=1e-3)


def test_explanation_quotes_the_persons_unit_and_the_canonical_one() -> None:
    result = assess(load_profile({"magnesium": {"serum": "1.5 mg/dL"}}))
    cause = result.cause("magnesium_deficiency")
    assert cause is not None
    statement = cause.evidence[0].statement
    assert "1.5 mg/dL (0.617 mmol/L)" in statement
    assert "below the lower reference limit (IOM 1997: 0.75 mmol/L = 1.8 mg/dL)" in statement
    # Compared in mmol/L with the lower of the two published limits: 1.8 mg/dL.
    assert cause.evidence[0].threshold == pytest.approx(1.8 * 10 / 24.305, rel=1e-12)
    assert cause.evidence[0].unit == "mmol/L"
    assert statement in cause.explanation.detail


def test_phq9_self_harm_item_is_critical() -> None:
    items = [0, 0, 0, 0, 0, 0, 0, 0, 1]
    result = assess(load_profile({"mind": {"phq9": items}}))
    cause = result.cause("depression")
    assert cause is None  # minimal total: the score is not what matters here
    assert result.referral.urgent
    assert "self_harm_thoughts" in [r.code for r in result.referral.reasons]


@pytest.mark.parametrize(
    ("age", "sex", "words"),
    [(1, "male", "children aged 1"), (12, "female", "girls aged 12"), (16, None, "children")],
)
def test_intake_groups_are_named_for_the_age(age: int, sex: str | None, words: str) -> None:
    document = {"age": age, "sex": sex, "magnesium": {"dietary_intake": "1 mg/day"}}
    cause = assess(load_profile(document)).cause("magnesium_deficiency")
    assert cause is not None
    assert words in cause.evidence[0].statement


@pytest.mark.parametrize("sex", ["male", "female"])
def test_the_unchecked_ear_for_ages_51_and_over_is_flagged_for_both_sexes(sex: str) -> None:
    document = {"age": 60, "sex": sex, "magnesium": {"dietary_intake": "100 mg/day"}}
    cause = assess(load_profile(document)).cause("magnesium_deficiency")
    assert cause is not None
    assert "was not checked" in cause.evidence[0].statement


def test_an_unknown_pregnancy_is_missing_when_it_could_change_the_intake_verdict() -> None:
    document: dict[str, Any] = {
        "age": 35,
        "sex": "female",
        "magnesium": {"dietary_intake": "280 mg/day", "supplements": []},
    }
    unknown = assess(load_profile(document))
    pregnant = assess(load_profile({**document, "pregnant": True}))
    # 280 mg/day is above the EAR of 265 outside pregnancy, below the EAR of 300 in it.
    assert (
        pregnant.cause("magnesium_deficiency").score > unknown.cause("magnesium_deficiency").score
    )
    assert "pregnant" in unknown.missing
    assert "lactating" in unknown.missing


# --- dose–responses: alcohol by the NIAAA limit that applies, caffeine by the daily dose


def _alcohol(document: dict[str, Any]) -> Any:
    return assess(load_profile(document)).cause("alcohol")


@pytest.mark.parametrize(
    ("sex", "age", "limit", "why"),
    [
        ("male", 40, 14, "for men up to 65"),
        ("male", 18, 14, "for men up to 65"),
        ("male", 65, 14, "for men up to 65"),
        ("male", 66, 7, "for women and for men over 65"),
        ("male", 17, 7, "applied because the limits are set for adults"),
        ("male", None, 7, "applied because age is unknown"),
        ("female", 40, 7, "for women"),
        ("female", None, 7, "for women"),
        ("other", 40, 7, "applied because sex is given as other"),
        (None, 40, 7, "applied because sex is unknown"),
    ],
)
def test_alcohol_is_held_against_the_niaaa_weekly_limit_for_sex_and_age(
    sex: str | None, age: int | None, limit: float, why: str
) -> None:
    # NIAAA: heavy drinking above 14 drinks a week for men up to 65, above 7 for women
    # and men over 65; unknown sex or age takes the lower limit.
    cause = _alcohol({"sex": sex, "age": age, "lifestyle": {"alcohol_drinks_per_week": 10}})
    assert cause is not None
    (evidence,) = cause.evidence
    assert evidence.threshold == limit
    assert evidence.unit == "drinks/week"
    assert evidence.canonical == 10
    assert f"limit of {limit} a week" in evidence.statement
    assert why in evidence.statement
    # 10 drinks: within the men's limit (10/14 of 0.35), above the lower one.
    if limit == 14:
        assert (evidence.relation, evidence.points) == ("<=", pytest.approx(0.25))
        assert "within the heavy-drinking limit" in evidence.statement
    else:
        assert evidence.relation == ">"
        assert evidence.points == pytest.approx(0.35 + 0.55 * (10 / 7 - 1) / 2)
        assert "1.4 times the heavy-drinking limit" in evidence.statement


@pytest.mark.parametrize(
    ("drinks", "score"),
    [
        (0, None),
        (3.5, 0.0875),
        (7, 0.175),
        (14, 0.35),  # at the limit
        (14.000001, 0.35 + 0.55 * 0.000001 / 28),  # just above it
        (21, 0.4875),
        (28, 0.625),  # twice the limit
        (42, 0.9),  # three times: the cap
        (80, 0.9),
        (350, 0.9),
    ],
)
def test_alcohol_points_for_a_man_of_40_rise_with_the_dose(drinks: float, score: float) -> None:
    cause = _alcohol({"sex": "male", "age": 40, "lifestyle": {"alcohol_drinks_per_week": drinks}})
    if score is None:
        assert cause is None
    else:
        assert cause is not None
        assert cause.score == pytest.approx(score, abs=1e-12)


def test_eighty_drinks_a_week_score_clearly_higher_than_fourteen() -> None:
    for person in ({"sex": "male", "age": 40}, {"sex": "female", "age": 40}, {}):
        heavy = _alcohol({**person, "lifestyle": {"alcohol_drinks_per_week": 80}})
        usual = _alcohol({**person, "lifestyle": {"alcohol_drinks_per_week": 14}})
        assert heavy is not None
        assert usual is not None
        assert heavy.score >= usual.score + 0.25, person
    # For a man of 40, 14 is at the limit and 80 far beyond it: 0.35 against the cap.
    man = {"sex": "male", "age": 40}
    assert _alcohol({**man, "lifestyle": {"alcohol_drinks_per_week": 14}}).score == 0.35
    assert _alcohol({**man, "lifestyle": {"alcohol_drinks_per_week": 80}}).score == 0.9


def _late_caffeine(amount: str | None) -> Any:
    lifestyle = {"last_caffeine_before_bed": "3 h"}
    if amount is not None:
        lifestyle["caffeine"] = amount
    return assess(load_profile({"lifestyle": lifestyle})).cause("caffeine")


@pytest.mark.parametrize(
    ("amount", "canonical", "points", "words"),
    [
        ("20 mg/day", 20.0, 0.03, "20 mg/day counts for 5% of that dose"),
        ("0.02 g/day", 20.0, 0.03, "0.02 g/day (20 mg/day) counts for 5% of that dose"),
        ("140 mg/week", 20.0, 0.03, "140 mg/week (20 mg/day) counts for 5% of that dose"),
        ("200 mg/day", 200.0, 0.3, "200 mg/day counts for 50% of that dose"),
        ("400 mg/day", 400.0, 0.6, "400 mg/day is at least that dose"),
        ("0.4 g/day", 400.0, 0.6, "0.4 g/day (400 mg/day) is at least that dose"),
    ],
)
def test_late_caffeine_is_scored_by_the_daily_dose(
    amount: str, canonical: float, points: float, words: str
) -> None:
    profile = load_profile({"lifestyle": {"caffeine": amount, "last_caffeine_before_bed": "3 h"}})
    assert profile.lifestyle.caffeine is not None
    assert profile.lifestyle.caffeine.canonical == pytest.approx(canonical)  # mg/day
    cause = assess(profile).cause("caffeine")
    assert cause is not None
    late = next(e for e in cause.evidence if e.path == "lifestyle.last_caffeine_before_bed")
    assert late.points == pytest.approx(points)
    assert (late.canonical, late.unit, late.relation, late.threshold) == (180.0, "min", "<", 360.0)
    assert words in late.statement
    assert "(Drake 2013)" in late.statement
    assert cause.score == pytest.approx(points)  # 400 mg/day is not above the FDA's 400


def test_twenty_mg_late_does_not_score_like_four_hundred() -> None:
    small, large = _late_caffeine("20 mg/day"), _late_caffeine("400 mg/day")
    assert small is not None
    assert large is not None
    assert small.score == pytest.approx(0.03)
    assert large.score == pytest.approx(0.6)
    assert _late_caffeine("0 mg/day") is None  # none at all still scores zero


def test_late_caffeine_of_unknown_amount_counts_as_the_trial_dose_and_says_so() -> None:
    cause = _late_caffeine(None)
    assert cause is not None
    (late,) = cause.evidence
    assert late.points == pytest.approx(0.6)
    assert "the daily amount is unknown, so it counts as 400 mg" in late.statement
    result = assess(load_profile({"lifestyle": {"last_caffeine_before_bed": "3 h"}}))
    assert "lifestyle.caffeine" in result.missing
    # Knowing a small amount lowers the score: unknown is not absent, nor small.
    assert _late_caffeine("20 mg/day").score < cause.score


def test_a_large_late_dose_adds_both_pieces() -> None:
    cause = _late_caffeine("600 mg/day")
    assert cause is not None
    assert [e.points for e in cause.evidence] == [0.5, 0.6]
    assert cause.score == pytest.approx(0.8)
