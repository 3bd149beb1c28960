"""Property tests for a small sleep-app backend built on insomnia-factors."""

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from insomnia_factors import Profile, assess, load_profile
from insomnia_factors.testing import profile_documents, profiles, reexpressed


def summary_card(document: dict[str, Any]) -> dict[str, Any]:
    """What the app shows after its intake form: top factors, doctor, supplement, questions."""
    result = assess(load_profile(document))
    return {
        "top": [cause.factor_id for cause in result.causes[:3]],
        "see_a_doctor": result.referral.recommended,
        "supplement": any(advice.code == "magnesium_supplement" for advice in result.advice),
        "ask_next": list(result.missing[:3]),
    }


@given(profile_documents())
def test_every_valid_form_gets_a_card(document: dict[str, Any]) -> None:
    card = summary_card(document)
    assert len(card["top"]) <= 3
    assert len(card["ask_next"]) <= 3


@given(profile_documents(persistent_insomnia=True))
def test_months_of_bad_sleep_always_send_the_user_to_a_doctor(document: dict[str, Any]) -> None:
    assert summary_card(document)["see_a_doctor"]


@given(profile_documents(magnesium="low", kidney_disease=True))
def test_no_supplement_is_shown_with_kidney_disease(document: dict[str, Any]) -> None:
    assert not summary_card(document)["supplement"]


@given(profiles(), st.data())
def test_the_card_does_not_depend_on_units(profile: Profile, data: st.DataObject) -> None:
    same_person = data.draw(reexpressed(profile))
    assert summary_card(profile.to_dict()) == summary_card(same_person.to_dict())
