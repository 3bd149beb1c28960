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
    }


@pytest.mark.parametrize("path", [p for p in DECLARED if p != PHQ9_ITEMS])
def test_each_unknown_referral_input_is_listed_in_missing(path: str) -> None:
    # Everything known but ``path``: it is the only thing that could be asked.
    document: dict[str, Any] = {
        "sleep": {
            "duration": "2 months",
            "nights_per_week": 4,
            "daytime_impairment": True,
            "drowsy_driving": False,
            "witnessed_apneas": False,
            "isi": [1, 1, 1, 1, 1, 1, 1],
        },
        "mind": {"phq9": [0] * 9, "gad7": 3},
        "health": {"conditions": []},
    }
    section, _, name = path.partition(".")
    del document[section][name]
    result = assess(load_profile(document))
    deciding = [p for p in result.missing if p in DECLARED]
    assert deciding == [path]
    assert result.missing[0] == path


def test_unknown_referral_inputs_lead_missing_in_declared_order() -> None:
    result = assess(Profile())
    expected = [p for p in DECLARED if p != PHQ9_ITEMS]
    assert list(result.missing[: len(expected)]) == expected
    assert result.missing[:3] == ("mind.phq9", "sleep.drowsy_driving", "sleep.witnessed_apneas")
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
