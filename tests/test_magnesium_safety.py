"""Magnesium safety, case by case: serum at both ends, the laboratory's own range,
medicines that matter, and who may be offered an over-the-counter supplement.

Each case is written in the person's own unit and in the canonical ones (mg/dL, mmol/L,
mEq/L): the answer must not depend on the unit.  The thresholds are written here from
the clinical reference, not read from the code.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs
import pytest

from insomnia_factors import (
    DEFAULT_CATALOG,
    Assessment,
    InvalidProfileError,
    InvalidQuantityError,
    Medication,
    assess,
    load_profile,
)
from insomnia_factors.assessment import MAGNESIUM_GUARDS
from insomnia_factors.factors import MagnesiumDeficiency

MAGNESIUM = "magnesium_deficiency"
SUPPLEMENT = "magnesium_supplement"

#: An adult in whom every guard is passed; each test changes one thing.
ADULT: dict[str, Any] = {
    "age": 45,
    "sex": "female",
    "pregnant": False,
    "lactating": False,
    "magnesium": {"serum": "0.7 mmol/L", "supplements": []},
    "health": {"conditions": [], "medications": []},
}


def person(**changes: Any) -> dict[str, Any]:
    """``ADULT`` with top-level fields or ``magnesium``/``health`` fields replaced."""
    document = copy.deepcopy(ADULT)
    for name, value in changes.items():
        section = "magnesium" if name in ("serum", "supplements", "dietary_intake") else None
        section = "health" if name in ("conditions", "medications") else section
        if name == "reference_range":
            section = "magnesium"
        target = document[section] if section else document
        if value is None:
            target.pop(name, None)
        else:
            target[name] = value
    return document


def run(document: dict[str, Any], **options: Any) -> Assessment:
    return assess(load_profile(document), **options)


def codes(result: Assessment) -> list[str]:
    return [reason.code for reason in result.referral.reasons]


def advice(result: Assessment) -> list[str]:
    return [item.code for item in result.advice]


def first_evidence(document: dict[str, Any]) -> Any:
    return MagnesiumDeficiency().evaluate(load_profile(document)).evidence[0]


# --- the example that works --------------------------------------------------------------


def test_the_adult_who_passes_every_guard_is_offered_a_bounded_supplement() -> None:
    result = run(ADULT)
    assert advice(result)[-1] == SUPPLEMENT
    suggestion = result.advice[-1]
    assert suggestion.upper_limit_mg_per_day == 350
    assert "2-3 hours between magnesium and any other medicine" in suggestion.text
    assert codes(result) == []


def test_a_man_needs_no_answer_on_pregnancy() -> None:
    result = run(person(sex="male", pregnant=None, lactating=None))
    assert SUPPLEMENT in advice(result)


# --- 1. serum magnesium at both ends -----------------------------------------------------


@pytest.mark.parametrize("serum", ["0.3 mmol/L", "0.729 mg/dL", "0.6 mEq/L", "7.29 mg/L"])
def test_severe_hypomagnesaemia_is_an_urgent_referral_and_never_a_supplement(serum: str) -> None:
    result = run(person(serum=serum))
    assert result.referral.urgent
    assert codes(result) == ["severe_hypomagnesaemia"]
    assert SUPPLEMENT not in advice(result)
    assert "not the answer" in result.referral.reasons[0].text
    assert any("below 0.6 mmol/L needs a doctor" in caveat for caveat in result.caveats)


def test_severe_hypomagnesaemia_is_referred_even_when_nothing_else_is_known() -> None:
    result = run({"magnesium": {"serum": "0.3 mmol/L"}})
    assert result.referral.urgent
    assert "severe_hypomagnesaemia" in codes(result)


@pytest.mark.parametrize("serum", ["0.5 mmol/L", "1.2153 mg/dL", "1 mEq/L", "0.599 mmol/L"])
def test_hypomagnesaemia_below_0_6_is_a_referral_without_a_supplement(serum: str) -> None:
    result = run(person(serum=serum))
    assert codes(result) == ["hypomagnesaemia"]
    assert not result.referral.urgent
    assert SUPPLEMENT not in advice(result)


@pytest.mark.parametrize("serum", ["0.6 mmol/L", "1.2 mEq/L", "1.4583 mg/dL"])
def test_at_0_6_the_value_is_low_but_not_hypomagnesaemia(serum: str) -> None:
    result = run(person(serum=serum))
    assert codes(result) == []
    assert SUPPLEMENT in advice(result)


@pytest.mark.parametrize("serum", ["0 mg/dL", "0 mmol/L", "0.0999 mmol/L", "2 mg/L", "0.19 mEq/L"])
def test_impossible_low_values_are_bad_input_naming_the_field_and_the_range(serum: str) -> None:
    with pytest.raises(InvalidQuantityError) as info:
        load_profile({"magnesium": {"serum": serum}})
    assert info.value.field == "magnesium.serum"
    unit = serum.split(" ", 1)[1]
    assert f" {unit}" in info.value.expected  # the range in the person's own unit
    assert "0.1 to 10 mmol/L" in info.value.expected or unit == "mmol/L"


@pytest.mark.parametrize(
    ("serum", "low"),
    [
        ("1.8 mg/dL", False),  # IOM's published lower limit, in its own unit
        ("0.75 mmol/L", False),  # and in mmol/L
        ("1.5 mEq/L", False),  # 0.75 mmol/L
        ("1.79 mg/dL", True),
        ("0.74 mmol/L", True),
        ("2.3 mg/dL", False),  # the published upper limits are not high either
        ("0.95 mmol/L", False),
        ("1.9 mEq/L", False),
    ],
)
def test_a_value_at_a_published_limit_in_its_own_unit_is_inside_the_range(
    serum: str, low: bool
) -> None:
    result = run(person(serum=serum))
    evidence = first_evidence(person(serum=serum))
    assert (result.cause(MAGNESIUM) is not None) is low
    assert evidence.relation == ("<" if low else ">=")
    if not low:
        assert "within the reference range (IOM 1997, 0.75-0.95 mmol/L = 1.8-2.3 mg/dL)" in (
            evidence.statement
        )


@pytest.mark.parametrize("serum", ["1 mmol/L", "2.4305 mg/dL", "2 mEq/L"])
def test_above_the_upper_limit_is_high_never_within_the_range(serum: str) -> None:
    document = person(serum=serum, supplements=[{"elemental": "100 mg/day"}])
    result = run(document)
    evidence = first_evidence(document)
    assert (evidence.relation, evidence.points, evidence.threshold) == (">", 0.0, 0.95)
    assert "above the upper reference limit (IOM 1997: 0.95 mmol/L = 2.3 mg/dL)" in (
        evidence.statement
    )
    assert "within" not in evidence.statement
    assert result.cause(MAGNESIUM) is None
    # 1.0 mmol/L is above the range but not above 1.1 mmol/L: no referral by itself.
    assert codes(result) == []
    assert "magnesium_rich_diet" not in advice(result)
    assert "no_added_magnesium" in advice(result)
    assert SUPPLEMENT not in advice(result)
    assert any("stop adding magnesium" in caveat for caveat in result.caveats)


@pytest.mark.parametrize(
    ("serum", "urgent"),
    [
        ("1.3 mmol/L", False),
        ("3.1597 mg/dL", False),
        ("2.6 mEq/L", False),
        ("3.0 mmol/L", True),
        ("7.2915 mg/dL", True),
        ("6 mEq/L", True),
    ],
)
def test_hypermagnesaemia_with_kidney_disease_and_magnesium_oxide(serum: str, urgent: bool) -> None:
    document = person(
        serum=serum,
        conditions=["chronic_kidney_disease"],
        supplements=[{"compound": "magnesium oxide", "dose": "800 mg/day"}],
    )
    result = run(document)
    evidence = first_evidence(document)
    assert evidence.relation == ">"
    assert "high, not low" in evidence.statement
    assert codes(result) == ["hypermagnesaemia", "magnesium_kidney_disease"]
    assert result.referral.urgent is urgent
    assert "high magnesium needs the kidney doctor" in result.referral.reasons[1].text
    assert "magnesium_rich_diet" not in advice(result)
    assert advice(result)[:2] == ["no_added_magnesium", "kidney_diet"]
    assert SUPPLEMENT not in advice(result)
    caveats = " ".join(result.caveats)
    assert "about 482 mg/day" in caveats  # 800 mg/day of the oxide, 60.3 % magnesium
    assert "stop adding magnesium" in caveats
    assert "despite chronic kidney disease" in caveats


def test_a_normal_serum_value_is_never_said_to_rule_deficiency_out() -> None:
    factor = MagnesiumDeficiency()
    assert "rules it out" not in factor.rationale
    assert "does not rule deficiency out" in factor.rationale
    result = run(person(serum="0.85 mmol/L"))
    assert any("does not rule out low body stores" in caveat for caveat in result.caveats)
    texts = [*result.caveats, *(a.text for a in result.advice)]
    assert not any("rules it out" in text or "rules out" in text for text in texts)


# --- the laboratory's own range -----------------------------------------------------------


@pytest.mark.parametrize(
    "own",
    [
        {"low": "0.7 mmol/L", "high": "1.0 mmol/L"},
        {"low": "1.70135 mg/dL", "high": "2 mEq/L"},
        {"low": {"value": 1.4, "unit": "mEq/L"}, "high": "2.4305 mg/dL"},
    ],
)
def test_the_laboratorys_own_range_replaces_the_default_and_is_named(own: Any) -> None:
    # 0.72 mmol/L is low by IOM 1997 (1.8 mg/dL = 0.7406 mmol/L) but not by this range.
    inside = person(serum="0.72 mmol/L", reference_range=own)
    evidence = first_evidence(inside)
    assert evidence.relation == ">="
    assert "the laboratory's own range" in evidence.statement
    assert evidence.threshold == pytest.approx(0.7, rel=1e-9)
    assert run(inside).cause(MAGNESIUM) is None
    # 0.98 mmol/L is high by IOM 1997 but within this range.
    assert first_evidence(person(serum="0.98 mmol/L", reference_range=own)).relation == ">="
    # Below the laboratory's lower limit it is low, and the statement says whose limit.
    below = first_evidence(person(serum="0.68 mmol/L", reference_range=own))
    assert below.relation == "<"
    assert "lower reference limit (the laboratory's own range:" in below.statement


def test_no_laboratory_range_can_pass_hypo_or_hypermagnesaemia_as_normal() -> None:
    wide = {"low": "0.4 mmol/L", "high": "1.5 mmol/L"}
    assert codes(run(person(serum="0.55 mmol/L", reference_range=wide))) == ["hypomagnesaemia"]
    assert codes(run(person(serum="1.2 mmol/L", reference_range=wide))) == ["hypermagnesaemia"]


@pytest.mark.parametrize(
    ("own", "field", "words"),
    [
        ({"low": "0.7 mmol/L"}, "magnesium.reference_range.high", "needs both limits"),
        ({"high": "1 mmol/L"}, "magnesium.reference_range.low", "needs both limits"),
        ({"low": "1 mmol/L", "high": "0.7 mmol/L"}, "magnesium.reference_range.high", "above"),
        ({"low": "1.8 mg/dL", "high": "0.74 mmol/L"}, "magnesium.reference_range.high", "above"),
        ({"low": "0 mg/dL", "high": "2 mg/dL"}, "magnesium.reference_range.low", "0.244"),
        ({"low": "0.7 mg/day", "high": "1 mmol/L"}, "magnesium.reference_range.low", "serum"),
        ({"low": 0.7, "high": 1.0}, "magnesium.reference_range.low", "bare number"),
        ({"low": "0.7 mmol/L", "high": "1 mmol/L", "mid": "0.8 mmol/L"}, "", "known fields"),
    ],
)
def test_a_laboratory_range_is_checked_like_any_input(own: Any, field: str, words: str) -> None:
    with pytest.raises(InvalidProfileError) as info:
        load_profile({"magnesium": {"reference_range": own}})
    assert info.value.field == (field or "magnesium.reference_range.mid")
    assert words in str(info.value)


def test_a_laboratory_range_round_trips_through_its_document() -> None:
    document = person(reference_range={"low": "0.7 mmol/L", "high": "2.4 mg/dL"})
    profile = load_profile(document)
    assert profile.to_dict()["magnesium"]["reference_range"] == {
        "low": "0.7 mmol/L",
        "high": "2.4 mg/dL",
    }
    assert load_profile(profile.to_dict()) == profile


# --- 2. medicines and conditions that matter for magnesium --------------------------------


@pytest.mark.parametrize(
    ("medicine", "risk"),
    [
        ("loop_diuretic", True),
        ("thiazide_diuretic", True),
        ("diuretic", True),  # kind unknown: counted, conservatively
        ("potassium_sparing_diuretic", False),  # holds magnesium back
        ("ppi", True),
        ("bisphosphonate", False),
        ("digoxin", False),
    ],
)
def test_which_medicines_are_risk_factors_for_low_magnesium(medicine: str, risk: bool) -> None:
    document = {"magnesium": {"night_cramps": True}, "health": {"medications": [medicine]}}
    finding = MagnesiumDeficiency().evaluate(load_profile(document))
    assert any(e.path == "health.medications" for e in finding.evidence) is risk


@pytest.mark.parametrize(
    ("medicine", "points"),
    [
        ("loop_diuretic", 0.3),
        ("thiazide_diuretic", 0.3),
        ("potassium_sparing_diuretic", 0.3),
        ("diuretic", 0.3),
        ("bisphosphonate", 0.0),
        ("tetracycline", 0.0),
        ("fluoroquinolone", 0.0),
        ("digoxin", 0.0),
        ("gabapentin", 0.0),
    ],
)
def test_every_diuretic_keeps_its_nocturia_points_and_the_others_add_none(
    medicine: str, points: float
) -> None:
    score = (
        DEFAULT_CATALOG.get("medication")
        .evaluate(load_profile({"health": {"medications": [medicine]}}))
        .score
    )
    assert score == points


@pytest.mark.parametrize(
    ("medicine", "words"),
    [
        ("bisphosphonate", "at least 4 hours apart from the bisphosphonate"),
        ("tetracycline", "tetracycline antibiotic at least 2 hours before"),
        ("fluoroquinolone", "quinolone antibiotic at least 2 hours before"),
        ("gabapentin", "at least 2 hours apart from gabapentin"),
    ],
)
def test_a_suggestion_next_to_an_interacting_medicine_names_it_and_the_spacing(
    medicine: str, words: str
) -> None:
    result = run(person(medications=[medicine, "beta_blocker"]))
    assert SUPPLEMENT in advice(result)
    assert words in result.advice[-1].text
    without = run(ADULT).advice[-1].text
    assert words not in without


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"medications": ["potassium_sparing_diuretic"]}, "magnesium_medicine_review"),
        ({"medications": ["diuretic"]}, "magnesium_medicine_review"),
        ({"medications": ["loop_diuretic"]}, "magnesium_medicine_review"),
        ({"medications": ["thiazide_diuretic"]}, "magnesium_medicine_review"),
        ({"medications": ["ppi"]}, "magnesium_medicine_review"),
        ({"medications": ["digoxin"]}, "magnesium_medicine_review"),
        ({"conditions": ["heart_conduction_disorder"]}, "magnesium_heart_conduction"),
    ],
)
def test_low_magnesium_on_these_goes_to_a_clinician_not_to_a_supplement(
    change: dict[str, Any], code: str
) -> None:
    for serum in ("0.7 mmol/L", "1.70135 mg/dL", "1.4 mEq/L"):
        result = run(person(serum=serum, **change))
        assert SUPPLEMENT not in advice(result)
        assert codes(result) == [code]
    # With magnesium that is not low, nothing to review.
    assert codes(run(person(serum="0.85 mmol/L", **change))) == []


def test_digoxin_and_the_unknown_diuretic_say_why() -> None:
    result = run(person(medications=["digoxin", "diuretic"]))
    text = result.referral.reasons[0].text
    assert "digoxin: low magnesium raises the risk of its effects on the heart rhythm" in text
    assert "a diuretic of unknown kind" in text
    assert "potassium-sparing" in text


# --- 3. who may be offered a supplement ----------------------------------------------------


def test_a_two_year_old_with_a_low_diet_estimate_goes_to_a_paediatric_clinician() -> None:
    document = person(
        age=2, sex="male", serum=None, dietary_intake="40 mg/day", pregnant=None, lactating=None
    )
    result = run(document)
    assert SUPPLEMENT not in advice(result)
    assert codes(result) == ["magnesium_child"]
    assert "paediatric clinician" in result.referral.reasons[0].text


@pytest.mark.parametrize("state", ["pregnant", "lactating"])
def test_pregnancy_or_breastfeeding_with_low_magnesium_goes_to_the_midwife_or_doctor(
    state: str,
) -> None:
    result = run(person(**{state: True}))
    assert SUPPLEMENT not in advice(result)
    assert codes(result) == ["magnesium_pregnancy"]
    assert "midwife, obstetrician or doctor" in result.referral.reasons[0].text


@pytest.mark.parametrize("sex", ["female", "other", None])
@pytest.mark.parametrize("unknown", ["pregnant", "lactating"])
def test_unknown_pregnancy_or_breastfeeding_withholds_the_supplement_unless_male(
    sex: str | None, unknown: str
) -> None:
    result = run(person(sex=sex, **{unknown: None}))
    assert SUPPLEMENT not in advice(result)
    assert codes(result) == []
    assert any("is unknown" in caveat for caveat in result.caveats)


@pytest.mark.parametrize(
    "supplement",
    [{"elemental": "349 mg/day"}, {"compound": "magnesium oxide", "dose": "578.7 mg/day"}],
)
def test_still_low_on_349_mg_a_day_is_a_work_up_not_more_supplement(supplement: Any) -> None:
    result = run(person(serum="0.7 mmol/L", supplements=[supplement]))
    assert SUPPLEMENT not in advice(result)
    assert codes(result) == ["magnesium_low_on_supplements"]
    assert "about 349 mg/day" in result.referral.reasons[0].text
    assert not any("may help" in item.text for item in result.advice)


def test_weight_zero_or_no_magnesium_factor_means_no_suggestion() -> None:
    silenced = run(ADULT, weights={MAGNESIUM: 0})
    assert SUPPLEMENT not in advice(silenced)
    assert any("weight 0" in caveat for caveat in silenced.caveats)
    without = run(ADULT, catalog=DEFAULT_CATALOG.without(MAGNESIUM))
    assert SUPPLEMENT not in advice(without)
    # The laboratory red flags do not depend on the ranking.
    assert run({"magnesium": {"serum": "0.3 mmol/L"}}, weights={MAGNESIUM: 0}).referral.urgent
    catalog = DEFAULT_CATALOG.without(MAGNESIUM)
    assert run({"magnesium": {"serum": "0.3 mmol/L"}}, catalog=catalog).referral.urgent


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"age": None}, "age is unknown"),
        ({"conditions": None}, "kidney health and heart conditions are unknown"),
        ({"medications": None}, "current medicines are unknown"),
        ({"supplements": None}, "supplements already taken are unknown"),
    ],
)
def test_unknown_safety_inputs_withhold_the_supplement_and_say_which(
    change: dict[str, Any], words: str
) -> None:
    result = run(person(**change))
    assert SUPPLEMENT not in advice(result)
    assert any(words in caveat for caveat in result.caveats)


@pytest.mark.parametrize("serum", ["0.7 mmol/L", "1.7 mg/dL", "0.3 mmol/L"])
def test_kidney_disease_with_low_magnesium_is_referred_and_the_diet_advice_asks_first(
    serum: str,
) -> None:
    result = run(person(serum=serum, conditions=["chronic_kidney_disease"]))
    assert "magnesium_kidney_disease" in codes(result)
    assert SUPPLEMENT not in advice(result)
    assert advice(result)[0] == "kidney_diet"
    assert "magnesium, potassium or phosphorus" in result.advice[0].text


def test_the_magnesium_card_never_urges_more_magnesium_on_kidney_disease_unasked() -> None:
    result = run(person(serum="0.7 mmol/L", conditions=["chronic_kidney_disease"]))
    cause = result.cause(MAGNESIUM)
    assert cause is not None
    assert all(
        "kidney disease, ask the doctor" in line
        for line in cause.recommendations
        if "magnesium-rich" in line
    )


def test_kidney_disease_alone_is_no_referral_and_changes_only_the_diet_advice() -> None:
    result = run(person(serum="0.85 mmol/L", conditions=["chronic_kidney_disease"]))
    assert codes(result) == []
    assert advice(result)[0] == "kidney_diet"


# --- 4. sources and parameters --------------------------------------------------------------


def test_every_threshold_is_a_parameter_of_the_factor() -> None:
    parameters = MagnesiumDeficiency().parameters()
    assert parameters["severe_limit"] == 0.4
    assert parameters["deficiency_limit"] == 0.6
    assert parameters["hypermagnesaemia_limit"] == 1.1
    assert parameters["excess_symptoms_limit"] == 2.0
    assert parameters["adult_age"] == 18
    serum_range = parameters["serum_range"]
    assert serum_range.lower_limit == pytest.approx(1.8 * 10 / 24.305, rel=1e-12)
    assert serum_range.upper_limit == 0.95


def test_a_changed_parameter_changes_the_referral() -> None:
    strict = attrs.evolve(MagnesiumDeficiency(), hypermagnesaemia_limit=1.0)
    catalog = DEFAULT_CATALOG.with_factor(strict)
    assert codes(run(person(serum="1.05 mmol/L"), catalog=catalog)) == ["hypermagnesaemia"]
    assert codes(run(person(serum="1.05 mmol/L"))) == []


def test_every_guard_names_its_source_and_status() -> None:
    referral_codes = {
        "severe_hypomagnesaemia",
        "hypomagnesaemia",
        "hypermagnesaemia",
        "magnesium_kidney_disease",
        "magnesium_low_on_supplements",
        "magnesium_child",
        "magnesium_pregnancy",
        "magnesium_medicine_review",
        "magnesium_heart_conduction",
    }
    guards = {guard.code: guard for guard in MAGNESIUM_GUARDS}
    assert referral_codes <= set(guards)
    for guard in MAGNESIUM_GUARDS:
        assert guard.source
        assert set(guard.status.replace(" ", "").split("/")) <= {"V", "V2", "design"}


def test_the_new_vocabulary_is_accepted() -> None:
    medicines = [
        "loop_diuretic",
        "thiazide_diuretic",
        "potassium_sparing_diuretic",
        "bisphosphonate",
        "tetracycline",
        "fluoroquinolone",
        "digoxin",
        "gabapentin",
    ]
    profile = load_profile(
        {"health": {"medications": medicines, "conditions": ["heart_conduction_disorder"]}}
    )
    assert profile.health.medications is not None
    assert {m.value for m in profile.health.medications} == set(medicines)
    assert Medication.DIURETIC.value == "diuretic"
