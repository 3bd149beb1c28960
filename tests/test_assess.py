"""assess(): ranking, shares, caveats, missing inputs, referral, advice, weights, catalogs."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from insomnia_factors import (
    DEFAULT_CATALOG,
    Catalog,
    Category,
    Factor,
    Finding,
    InvalidProfileError,
    InvalidWeightsError,
    Profile,
    assess,
    load_profile,
)
from insomnia_factors.assessment import REFERRAL_INPUTS
from insomnia_factors.errors import CatalogError
from insomnia_factors.factors import SERUM_RANGES, MagnesiumDeficiency, flag


def _example() -> dict[str, Any]:
    import json
    from importlib import resources

    text = resources.files("insomnia_factors.data").joinpath("example_profile.json")
    document: dict[str, Any] = json.loads(text.read_text("utf-8"))
    return document


def test_example_is_ranked_by_contribution_with_shares_summing_to_one() -> None:
    result = assess(load_profile(_example()))
    contributions = [c.contribution for c in result.causes]
    assert contributions == sorted(contributions, reverse=True)
    assert sum(c.share for c in result.causes) == pytest.approx(1.0)
    assert {c.factor_id for c in result.causes} >= {"stress", "anxiety", "magnesium_deficiency"}
    assert result.ruleset.name == DEFAULT_CATALOG.name


def test_ties_are_broken_by_factor_id() -> None:
    # work_pressure (0.7 × 0.6) and late_nights (0.7 × 0.6 at 4 nights) tie exactly.
    result = assess(
        load_profile({"mind": {"work_pressure": True}, "lifestyle": {"late_nights_per_week": 4}})
    )
    assert [c.factor_id for c in result.causes] == ["late_nights", "work_pressure"]
    assert result.causes[0].contribution == result.causes[1].contribution


def test_magnesium_alone_gets_a_caveat() -> None:
    result = assess(load_profile({"magnesium": {"serum": "0.5 mmol/L"}}))
    assert [c.factor_id for c in result.causes] == ["magnesium_deficiency"]
    assert any("not ruled out" in c for c in result.caveats)


def test_magnesium_with_company_has_no_sole_cause_caveat() -> None:
    result = assess(
        load_profile({"magnesium": {"serum": "0.5 mmol/L"}, "mind": {"perceived_stress": "high"}})
    )
    assert not any("not ruled out" in c for c in result.caveats)


def test_unknown_inputs_make_the_ranking_provisional() -> None:
    assert any("provisional" in c for c in assess(Profile()).caveats)


def test_missing_is_ordered_by_what_knowing_it_could_change() -> None:
    result = assess(Profile())
    missing = list(result.missing)
    # Questionnaires of weight-1 factors can add a full point; supplements can add none.
    assert missing.index("mind.gad7") < missing.index("lifestyle.smoker")
    assert missing.index("magnesium.serum") < missing.index("magnesium.supplements")


def test_missing_follows_the_weights_after_the_referral_inputs() -> None:
    heavy = assess(Profile(), weights={"nicotine": 10.0})
    deciding = {item.path for item in REFERRAL_INPUTS}
    assert next(path for path in heavy.missing if path not in deciding) == "lifestyle.smoker"


def test_persistent_insomnia_is_referred() -> None:
    chronic = assess(
        load_profile(
            {"sleep": {"nights_per_week": 3, "duration": "3 months", "daytime_impairment": True}}
        )
    )
    assert chronic.insomnia.pattern.value == "chronic"
    assert chronic.referral.recommended
    persistent = assess(load_profile({"sleep": {"duration": "13 weeks"}}))
    assert persistent.insomnia.pattern.value == "persistent"
    assert persistent.referral.recommended
    short = assess(load_profile({"sleep": {"nights_per_week": 5, "duration": "4 weeks"}}))
    assert short.insomnia.pattern.value == "short_term"
    assert not short.referral.recommended


@pytest.mark.parametrize(
    ("document", "code"),
    [
        ({"sleep": {"witnessed_apneas": True}}, "sleep_apnea"),
        ({"health": {"conditions": ["sleep_apnea"]}}, "sleep_apnea"),
        ({"sleep": {"drowsy_driving": True}}, "drowsy_driving"),
        ({"mind": {"phq9": 16}}, "severe_depression_score"),
        ({"mind": {"gad7": 15}}, "severe_anxiety_score"),
        ({"health": {"conditions": ["hyperthyroidism"]}}, "underlying_condition"),
        ({"sleep": {"isi": 22}}, "severe_insomnia"),
    ],
)
def test_red_flags_refer(document: dict[str, Any], code: str) -> None:
    referral = assess(load_profile(document)).referral
    assert referral.recommended
    assert code in [r.code for r in referral.reasons]


def test_no_referral_without_a_reason() -> None:
    referral = assess(load_profile({"mind": {"gad7": 14, "phq9": 14}})).referral
    assert not referral.recommended
    assert referral.reasons == ()


def _advice_codes(document: dict[str, Any]) -> list[str]:
    return [a.code for a in assess(load_profile(document)).advice]


#: Low serum magnesium (at the hypomagnesaemia limit, not below it) in an adult known not
#: to be pregnant or breastfeeding, with conditions, medicines and supplements known.
LOW = {
    "age": 45,
    "sex": "female",
    "pregnant": False,
    "lactating": False,
    "magnesium": {"serum": "0.6 mmol/L", "supplements": []},
    "health": {"conditions": [], "medications": []},
}


def test_general_advice_names_the_food_groups() -> None:
    advice = assess(Profile()).advice
    text = " ".join(a.text for a in advice)
    for food in ("whole grains", "dark green vegetables", "beans", "nuts"):
        assert food in text
    assert "magnesium_supplement" not in [a.code for a in advice]


def test_supplement_is_suggested_with_evidenced_low_status_up_to_the_ul() -> None:
    advice = {a.code: a for a in assess(load_profile(LOW)).advice}
    assert advice["magnesium_supplement"].upper_limit_mg_per_day == 350


def test_still_low_on_supplements_is_referred_for_a_work_up_not_given_more() -> None:
    document = {
        **LOW,
        "magnesium": {
            "serum": "0.6 mmol/L",
            "supplements": [{"compound": "magnesium oxide", "dose": "200 mg/day"}],
        },
    }
    result = assess(load_profile(document))
    assert "magnesium_supplement" not in [a.code for a in result.advice]
    (reason,) = result.referral.reasons
    assert reason.code == "magnesium_low_on_supplements"
    assert "about 121 mg/day" in reason.text


@pytest.mark.parametrize(
    "change",
    [
        {"health": {"conditions": ["chronic_kidney_disease"], "medications": []}},
        {"health": {"medications": []}},  # kidney status unknown
        {"health": {"conditions": []}},  # medicines unknown
        {"magnesium": {"serum": "0.8 mmol/L", "supplements": []}},  # normal serum
        {"magnesium": {"night_cramps": True, "restlessness": True}},  # symptoms only
        {"age": None},  # no upper limit can be applied
        {"magnesium": {"serum": "0.6 mmol/L"}},  # supplements taken unknown: no room known
        {
            "magnesium": {
                "serum": "0.6 mmol/L",
                "supplements": [{"compound": "magnesium citrate", "elemental": "400 mg/day"}],
            }
        },  # above the UL
    ],
)
def test_supplement_guardrails(change: dict[str, Any]) -> None:
    assert "magnesium_supplement" not in _advice_codes({**LOW, **change})


def test_a_supplement_at_the_upper_limit_is_not_above_it_in_any_unit() -> None:
    def caveats(elemental: str) -> tuple[str, ...]:
        document = {"age": 40, "magnesium": {"supplements": [{"elemental": elemental}]}}
        return assess(load_profile(document)).caveats

    assert caveats("2.45 g/week") == caveats("350 mg/day")
    assert not any("above the tolerable upper intake" in c for c in caveats("2.45 g/week"))


def test_89_days_in_weeks_is_persistent_like_89_days() -> None:
    weeks = assess(load_profile({"sleep": {"duration": f"{89 / 7!r} weeks"}}))
    assert weeks.insomnia.pattern.value == "persistent"
    assert weeks.referral.recommended


def test_kidney_disease_with_supplements_is_a_caveat() -> None:
    document = {
        "health": {"conditions": ["chronic_kidney_disease"]},
        "magnesium": {"supplements": [{"compound": "MgO", "dose": "400 mg/day"}]},
    }
    assert any("kidney" in c for c in assess(load_profile(document)).caveats)


def test_custom_weights_change_the_ranking() -> None:
    document = {"mind": {"perceived_stress": "high"}, "lifestyle": {"smoker": True}}
    default = assess(load_profile(document))
    assert default.causes[0].factor_id == "stress"
    heavy = assess(load_profile(document), weights={"nicotine": 2.0})
    assert heavy.causes[0].factor_id == "nicotine"
    assert heavy.causes[0].weight == 2.0


@pytest.mark.parametrize(
    ("weights", "field"),
    [
        ({"coffee": 1.0}, "weights.coffee"),
        ({"caffeine": -1.0}, "weights.caffeine"),
        ({"caffeine": float("nan")}, "weights.caffeine"),
        ({"caffeine": "2"}, "weights.caffeine"),
    ],
)
def test_bad_weights_are_clear_errors(weights: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidWeightsError) as info:
        assess(Profile(), weights=weights)
    assert info.value.field == field


def test_assess_needs_a_profile() -> None:
    with pytest.raises(InvalidProfileError, match="load_profile"):
        assess({"age": 3})  # type: ignore[arg-type]


@attrs.frozen(kw_only=True)
class ShiftWork(Factor):
    id: str = "shift_work"
    name: str = "Shift work"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.9
    rationale: str = "Night shifts put work where sleep should be."
    inputs: tuple[tuple[str, float], ...] = (("lifestyle.irregular_schedule", 0.8),)

    def evaluate(self, profile: Profile) -> Finding:
        if not profile.lifestyle.irregular_schedule:
            return Finding()
        return Finding.combine(
            [
                flag(
                    "lifestyle.irregular_schedule",
                    True,
                    points=0.8,
                    statement="works irregular shifts",
                )
            ]
        )


def test_catalog_extension_with_own_factor_name_and_version() -> None:
    catalog = DEFAULT_CATALOG.with_factor(ShiftWork(), name="clinic rules", version="2.1")
    result = assess(load_profile({"lifestyle": {"irregular_schedule": True}}), catalog=catalog)
    assert result.causes[0].factor_id == "shift_work"
    assert (result.ruleset.name, result.ruleset.version) == ("clinic rules", "2.1")
    assert "shift_work" not in DEFAULT_CATALOG


def test_catalog_rejects_duplicate_ids() -> None:
    with pytest.raises(CatalogError):
        Catalog("x", "1", (ShiftWork(), ShiftWork()))


def test_catalog_without_a_factor() -> None:
    smaller = DEFAULT_CATALOG.without("magnesium_deficiency")
    result = assess(load_profile({"magnesium": {"serum": "0.4 mmol/L"}}), catalog=smaller)
    assert result.causes == ()


def test_long_summaries_end_at_a_clause_not_mid_word() -> None:
    magnet = DEFAULT_CATALOG.with_factor(
        attrs.evolve(MagnesiumDeficiency(), serum_range=SERUM_RANGES["magnet_2022"])
    )
    profile = load_profile({"magnesium": {"serum": "1.9 mg/dL"}})
    cause = assess(profile, catalog=magnet).causes[0]
    summary = cause.explanation.summary
    assert len(summary) <= 140
    assert summary.endswith("lower reference limit…")
    full = cause.evidence[0].statement
    assert full.startswith(summary.removeprefix("Magnesium deficiency: ").removesuffix("…"))


def test_a_factor_reading_a_field_the_profile_lacks_is_refused_up_front() -> None:
    broken = attrs.evolve(ShiftWork(), inputs=(("lifestyle.night_shifts", 0.8),))
    with pytest.raises(CatalogError, match=r"shift_work.*lifestyle\.night_shifts"):
        DEFAULT_CATALOG.with_factor(broken)


@attrs.frozen(kw_only=True)
class Overeager(ShiftWork):
    id: str = "overeager"

    def evaluate(self, profile: Profile) -> Finding:
        return Finding(score=1.5)


def test_a_rule_scoring_outside_zero_to_one_is_a_catalog_error() -> None:
    catalog = DEFAULT_CATALOG.with_factor(Overeager())
    with pytest.raises(CatalogError, match=r"overeager.*\[0, 1\]"):
        assess(Profile(), catalog=catalog)


def test_minors_get_a_caveat_about_adult_thresholds() -> None:
    assert any("studies of adults" in c for c in assess(Profile(age=15)).caveats)
    assert not any("studies of adults" in c for c in assess(Profile(age=18)).caveats)
    assert not any("studies of adults" in c for c in assess(Profile()).caveats)


@pytest.mark.parametrize(
    ("sleep", "expected"),
    [
        ({"onset_latency": "31 min"}, ["sleep_onset"]),
        ({"onset_latency": "30 min"}, []),
        ({"wake_after_sleep_onset": "0.75 h"}, ["sleep_maintenance"]),
        ({"early_waking": True, "total_sleep_time": "6.5 h"}, ["early_waking", "short_sleep"]),
        ({"early_waking": False, "total_sleep_time": "7 h"}, []),
        ({}, []),
    ],
)
def test_complaints_come_from_the_persons_own_answers(
    sleep: dict[str, Any], expected: list[str]
) -> None:
    summary = assess(load_profile({"sleep": sleep})).insomnia
    assert [c.value for c in summary.complaints] == expected


@pytest.mark.parametrize("condition", ["type_2_diabetes", "chronic_kidney_disease"])
def test_conditions_that_only_bear_on_magnesium_are_no_referral_by_themselves(
    condition: str,
) -> None:
    referral = assess(load_profile({"health": {"conditions": [condition]}})).referral
    assert not referral.recommended


def test_conditions_that_disturb_sleep_are_named_in_the_referral() -> None:
    document = {"health": {"conditions": ["type_2_diabetes", "gerd", "chronic_pain"]}}
    reasons = assess(load_profile(document)).referral.reasons
    assert [r.code for r in reasons] == ["underlying_condition"]
    assert "(chronic_pain, gerd)" in reasons[0].text


def test_pregnancy_is_not_asked_of_a_man() -> None:
    document: dict[str, Any] = {"age": 35, "magnesium": {"dietary_intake": "280 mg/day"}}
    assert "pregnant" in assess(load_profile(document)).missing
    man = assess(load_profile({**document, "sex": "male"}))
    assert "pregnant" not in man.missing
    assert "lactating" not in man.missing
