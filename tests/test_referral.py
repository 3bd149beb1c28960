"""The referral's gaps: what it needs to know, what it could not check, and why.

Chronic insomnia needs daytime impairment (ICSD-3); a PHQ-9 total leaves item 9 (thoughts
of self-harm) unknown; alcohol dependence is a reason to see a doctor; and every unknown
input that could decide a reason heads ``missing``, urgent ones first.
"""

from __future__ import annotations

from typing import Any

import pytest

from insomnia_factors import InsomniaPattern, Profile, assess, load_profile
from insomnia_factors.assessment import PHQ9_ITEMS, REFERRAL_INPUTS, REFERRED_CONDITIONS
from insomnia_factors.models.vocabulary import Condition

DECLARED = [item.path for item in REFERRAL_INPUTS]
DAYTIME_NOT_CHECKED = "daytime-impairment criterion was not checked"


def _codes(result: Any) -> list[str]:
    return [reason.code for reason in result.referral.reasons]


# --- chronic insomnia needs daytime impairment ------------------------------------------


def _sleep(impaired: bool | None, *, nights: int | None = 4, duration: str = "5 months") -> Any:
    sleep: dict[str, Any] = {"duration": duration, "daytime_impairment": impaired}
    if nights is not None:
        sleep["nights_per_week"] = nights
    return assess(load_profile({"sleep": sleep}))


@pytest.mark.parametrize("duration", ["5 months", "20 weeks", "140 days", "0.4167 years"])
def test_chronic_with_daytime_impairment_in_any_unit_of_duration(duration: str) -> None:
    profile = load_profile(
        {"sleep": {"duration": duration, "nights_per_week": 4, "daytime_impairment": True}}
    )
    assert profile.sleep.duration is not None
    assert profile.sleep.duration.canonical >= 89 * 24 * 60  # minutes: 3 months or more
    result = assess(profile)
    assert result.insomnia.pattern is InsomniaPattern.CHRONIC
    assert _codes(result) == ["chronic_insomnia"]
    (reason,) = result.referral.reasons
    assert f"4 nights a week for {duration}, with daytime impairment" in reason.text
    assert not any(DAYTIME_NOT_CHECKED in caveat for caveat in result.caveats)
    assert "sleep.daytime_impairment" not in result.missing


def test_without_daytime_impairment_it_is_persistent_and_still_referred() -> None:
    result = _sleep(False)
    assert result.insomnia.pattern is InsomniaPattern.PERSISTENT
    assert result.referral.recommended
    assert _codes(result) == ["persistent_insomnia"]
    (reason,) = result.referral.reasons
    assert "with no daytime impairment reported it is not called chronic insomnia" in reason.text
    assert "doctor" in reason.text
    assert not any(DAYTIME_NOT_CHECKED in caveat for caveat in result.caveats)


def test_with_daytime_impairment_unknown_chronic_is_not_claimed_and_the_result_says_so() -> None:
    result = _sleep(None)
    assert result.insomnia.pattern is InsomniaPattern.PERSISTENT
    assert _codes(result) == ["persistent_insomnia"]
    (reason,) = result.referral.reasons
    assert "whether it impairs the day is not known" in reason.text
    assert "were not checked" in reason.text
    assert any(DAYTIME_NOT_CHECKED in caveat for caveat in result.caveats)
    # It could decide the chronic-insomnia reason, so it is asked for early.
    assert "sleep.daytime_impairment" in result.missing


def test_with_frequency_and_daytime_impairment_unknown_both_are_named() -> None:
    result = _sleep(None, nights=None)
    (reason,) = result.referral.reasons
    assert "how many nights a week it happens and whether it impairs the day are not known" in (
        reason.text
    )
    assert any(DAYTIME_NOT_CHECKED in caveat for caveat in result.caveats)


def test_below_the_frequency_the_daytime_criterion_is_not_the_question() -> None:
    result = _sleep(None, nights=2)
    assert result.insomnia.pattern is InsomniaPattern.PERSISTENT
    (reason,) = result.referral.reasons
    assert "on fewer than 3 nights a week it is not called chronic insomnia" in reason.text
    assert not any(DAYTIME_NOT_CHECKED in caveat for caveat in result.caveats)


@pytest.mark.parametrize("impaired", [True, False, None])
def test_short_term_trouble_is_short_term_whatever_the_daytime(impaired: bool | None) -> None:
    result = _sleep(impaired, duration="6 weeks")
    assert result.insomnia.pattern is InsomniaPattern.SHORT_TERM
    assert not result.referral.recommended
    assert not any(DAYTIME_NOT_CHECKED in caveat for caveat in result.caveats)


# --- PHQ-9 given as a total only ---------------------------------------------------------

ITEM_9_CAVEAT = "Thoughts of self-harm were not asked about"


@pytest.mark.parametrize("total", [24, 9, 1, 0])
def test_a_phq9_total_leaves_item_9_unknown_whatever_the_total(total: int) -> None:
    # A total of 0 too: a total alone cannot show that every item was answered.
    result = assess(load_profile({"mind": {"phq9": total}}))
    assert result.missing[0] == PHQ9_ITEMS  # urgent: it decides an urgent referral
    assert "mind.phq9" not in result.missing
    (caveat,) = [c for c in result.caveats if c.startswith(ITEM_9_CAVEAT)]
    assert "item 9" in caveat
    assert "Give all nine item answers, or ask that question on its own" in caveat
    assert "self_harm_thoughts" not in _codes(result)


def test_the_phq9_total_of_24_is_referred_and_item_9_is_still_asked_for() -> None:
    result = assess(load_profile({"mind": {"phq9": {"total": 24}}}))
    assert "severe_depression_score" in _codes(result)
    assert not result.referral.urgent  # nothing urgent is known, only that it is unknown
    assert PHQ9_ITEMS in result.missing
    assert any(c.startswith(ITEM_9_CAVEAT) for c in result.caveats)


def test_the_item_9_caveat_describes_the_question_without_its_wording() -> None:
    result = assess(load_profile({"mind": {"phq9": 24}}))
    (caveat,) = [c for c in result.caveats if c.startswith(ITEM_9_CAVEAT)]
    lowered = caveat.lower()
    # The instrument's own phrasing of item 9 is not reproduced.
    for words in ("better off dead", "hurting yourself", "in some way"):
        assert words not in lowered


@pytest.mark.parametrize("item_9", [0, 2])
def test_item_answers_settle_item_9(item_9: int) -> None:
    items = [3, 3, 3, 3, 3, 3, 3, 1, item_9]
    result = assess(load_profile({"mind": {"phq9": items}}))
    assert PHQ9_ITEMS not in result.missing
    assert not any(c.startswith(ITEM_9_CAVEAT) for c in result.caveats)
    assert ("self_harm_thoughts" in _codes(result)) is bool(item_9)
    assert result.referral.urgent is bool(item_9)


def test_an_unknown_phq9_is_asked_for_whole() -> None:
    result = assess(Profile())
    assert result.missing[0] == "mind.phq9"
    assert PHQ9_ITEMS not in result.missing
    assert not any(c.startswith(ITEM_9_CAVEAT) for c in result.caveats)


# --- alcohol dependence -------------------------------------------------------------------


def test_alcohol_dependence_is_a_reason_to_see_a_doctor() -> None:
    result = assess(load_profile({"health": {"conditions": ["alcohol_dependence"]}}))
    assert result.referral.recommended
    (reason,) = result.referral.reasons
    assert reason.code == "alcohol_dependence"
    assert not reason.urgent
    assert "medical advice" in reason.text
    assert Condition.ALCOHOL_DEPENDENCE in REFERRED_CONDITIONS


def test_no_alcohol_dependence_reason_without_it() -> None:
    result = assess(load_profile({"health": {"conditions": ["type_2_diabetes"]}}))
    assert "alcohol_dependence" not in _codes(result)


# --- missing: every input that could decide a referral, first -------------------------


def test_every_referral_input_is_declared_with_reasons_and_a_source() -> None:
    assert len(set(DECLARED)) == len(DECLARED)
    for item in REFERRAL_INPUTS:
        assert item.codes
        assert item.source
    urgent = [item.urgent for item in REFERRAL_INPUTS]
    assert urgent == sorted(urgent, reverse=True)  # urgent ones are declared first
    assert set(DECLARED) >= {
        "sleep.duration",
        "sleep.nights_per_week",
        "sleep.drowsy_driving",
        "sleep.daytime_impairment",
        "sleep.witnessed_apneas",
        "mind.phq9",
        PHQ9_ITEMS,
        "mind.gad7",
        "sleep.isi",
        "health.conditions",
        "magnesium.serum",
        "magnesium.reference_range",
        "magnesium.supplements",
        "magnesium.dietary_intake",
        "health.medications",
        "age",
        "sex",
        "pregnant",
        "lactating",
    }
    # Every magnesium referral reason is declared with the inputs that decide it.
    by_code: dict[str, set[str]] = {}
    for item in REFERRAL_INPUTS:
        for code in item.codes:
            by_code.setdefault(code, set()).add(item.path)
    serum_flags = ("severe_hypomagnesaemia", "hypomagnesaemia", "hypermagnesaemia")
    for code in serum_flags:
        assert by_code[code] == {"magnesium.serum"}
    status = {"magnesium.serum", "magnesium.reference_range", "magnesium.dietary_intake"}
    status |= {"magnesium.supplements", "age", "sex", "pregnant", "lactating"}
    for code, own in (
        ("magnesium_kidney_disease", {"health.conditions"}),
        ("magnesium_heart_conduction", {"health.conditions"}),
        ("magnesium_medicine_review", {"health.medications"}),
        ("magnesium_low_on_supplements", set()),
        ("magnesium_child", set()),
        ("magnesium_pregnancy", set()),
    ):
        assert by_code[code] >= status | own, code
    urgent = {item.path for item in REFERRAL_INPUTS if item.urgent}
    assert "magnesium.serum" in urgent  # below 0.4 or from 2 mmol/L


def _everything_known() -> dict[str, Any]:
    """A profile in which every input of :data:`REFERRAL_INPUTS` is known."""
    return {
        "age": 40,
        "sex": "female",
        "pregnant": False,
        "lactating": False,
        "sleep": {
            "duration": "2 months",
            "nights_per_week": 4,
            "daytime_impairment": True,
            "drowsy_driving": False,
            "witnessed_apneas": False,
            "isi": [1, 1, 1, 1, 1, 1, 1],
        },
        "mind": {"phq9": [0] * 9, "gad7": 3},
        "magnesium": {
            "serum": "0.85 mmol/L",
            "reference_range": {"low": "0.7 mmol/L", "high": "1.0 mmol/L"},
            "dietary_intake": "300 mg/day",
            "supplements": [],
        },
        "health": {"conditions": [], "medications": []},
    }


def _without(document: dict[str, Any], path: str) -> dict[str, Any]:
    section, _, name = path.partition(".")
    if name:
        del document[section][name]
    else:
        del document[section]
    return document


@pytest.mark.parametrize("path", [p for p in DECLARED if p != PHQ9_ITEMS])
def test_each_unknown_referral_input_is_listed_in_missing(path: str) -> None:
    # Everything known but ``path``: it is the only thing that could be asked.
    result = assess(load_profile(_without(_everything_known(), path)))
    deciding = [p for p in result.missing if p in DECLARED]
    assert deciding == [path]
    assert result.missing[0] == path


# Each input that decides a magnesium referral, with a person for whom its answer does:
# (the person, the input, the answer, the reason that answer adds or removes).
_LOW = {"serum": "0.7 mmol/L"}  # below IOM 1997's 0.75 mmol/L, above 0.6: low, not a red flag
MAGNESIUM_DECIDERS = [
    (
        {"magnesium": _LOW, "health": {"conditions": ["chronic_kidney_disease"]}},
        "magnesium.reference_range",
        {"low": "0.65 mmol/L", "high": "1.0 mmol/L"},
        "magnesium_kidney_disease",
    ),
    ({"magnesium": _LOW}, "health.medications", ["ppi"], "magnesium_medicine_review"),
    (
        {"magnesium": _LOW},
        "magnesium.supplements",
        [{"compound": "magnesium citrate", "dose": "200 mg/day"}],
        "magnesium_low_on_supplements",
    ),
    ({"magnesium": _LOW}, "age", 10, "magnesium_child"),
    ({"magnesium": _LOW}, "pregnant", True, "magnesium_pregnancy"),
    ({"magnesium": _LOW}, "lactating", True, "magnesium_pregnancy"),
    # Without a serum value, a total intake below the EAR shows low status: the EAR of a
    # woman of 40 is 265 mg/day, of a man 350, and of someone whose sex is unknown the
    # lower one.
    (
        {"magnesium": {"supplements": []}, "health": {"conditions": ["chronic_kidney_disease"]}},
        "magnesium.dietary_intake",
        "100 mg/day",
        "magnesium_kidney_disease",
    ),
    (
        {
            "magnesium": {"supplements": [], "dietary_intake": "300 mg/day"},
            "health": {"conditions": ["chronic_kidney_disease"]},
        },
        "sex",
        "male",
        "magnesium_kidney_disease",
    ),
]


@pytest.mark.parametrize(("person", "path", "answer", "code"), MAGNESIUM_DECIDERS)
def test_each_magnesium_referral_input_can_decide_its_reason_and_is_asked_first(
    person: dict[str, Any], path: str, answer: object, code: str
) -> None:
    document = _everything_known()
    # The person's magnesium replaces the serum value and range of the known profile.
    document["magnesium"] = {"dietary_intake": "300 mg/day", "supplements": []}
    document["magnesium"].update(person["magnesium"])
    document["health"].update(person.get("health", {}))
    if path != "magnesium.reference_range":
        document = _without(document, path)
    unknown = assess(load_profile(document))
    deciding = [p for p in unknown.missing if p in DECLARED]
    assert path in deciding
    assert unknown.missing[: len(deciding)] == tuple(deciding)
    section, _, name = path.partition(".")
    if name:
        document[section][name] = answer
    else:
        document[section] = answer
    known = assess(load_profile(document))
    assert (code in _codes(known)) != (code in _codes(unknown))
    assert code in next(item.codes for item in REFERRAL_INPUTS if item.path == path)


def test_the_laboratory_range_is_asked_only_with_a_serum_value() -> None:
    without_serum = assess(load_profile({"magnesium": {"dietary_intake": "200 mg/day"}}))
    assert "magnesium.serum" in without_serum.missing
    assert "magnesium.reference_range" not in without_serum.missing
    with_serum = assess(load_profile({"magnesium": {"serum": "1.9 mg/dL"}}))
    deciding = [p for p in with_serum.missing if p in DECLARED]
    assert "magnesium.reference_range" in deciding
    assert with_serum.missing[: len(deciding)] == tuple(deciding)


def test_pregnancy_and_breastfeeding_are_not_asked_of_a_man() -> None:
    man = assess(load_profile({"sex": "male", "magnesium": {"serum": "0.7 mmol/L"}}))
    assert "pregnant" not in man.missing
    assert "lactating" not in man.missing
    other = assess(load_profile({"magnesium": {"serum": "0.7 mmol/L"}}))
    assert {"pregnant", "lactating", "sex"} <= set(other.missing)


def test_serum_magnesium_is_asked_with_the_urgent_questions() -> None:
    result = assess(load_profile({"mind": {"phq9": [0] * 9}}))
    assert result.missing[:2] == ("sleep.drowsy_driving", "magnesium.serum")


def test_unknown_referral_inputs_lead_missing_in_declared_order() -> None:
    result = assess(Profile())
    # The items stand behind a PHQ-9, the laboratory's range behind a serum value.
    expected = [p for p in DECLARED if p not in (PHQ9_ITEMS, "magnesium.reference_range")]
    assert list(result.missing[: len(expected)]) == expected
    assert result.missing[:3] == ("mind.phq9", "sleep.drowsy_driving", "magnesium.serum")
    # The ranking's own unknowns follow, by weighted points, each listed once.
    assert len(set(result.missing)) == len(result.missing)
    assert result.missing.index("lifestyle.smoker") > len(expected) - 1


def test_a_known_referral_input_is_not_missing() -> None:
    result = assess(load_profile({"sleep": {"drowsy_driving": False}}))
    assert "sleep.drowsy_driving" not in result.missing
    assert result.missing[0] == "mind.phq9"


def test_what_the_referral_could_not_check_comes_right_after_not_a_diagnosis() -> None:
    document = {
        "age": 15,  # adds the caveat on adult thresholds
        "sleep": {"duration": "4 months", "nights_per_week": 5},
        "mind": {"phq9": 12},
    }
    caveats = assess(load_profile(document)).caveats
    assert caveats[0].endswith("it is not a diagnosis.")
    assert caveats[1].startswith(ITEM_9_CAVEAT)
    assert DAYTIME_NOT_CHECKED in caveats[2]
    assert any("studies of adults" in caveat for caveat in caveats[3:])
