"""Profile and assessment documents: loading, errors with paths, round trips, JSON Schema."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import jsonschema
import pytest

from insomnia_factors import (
    Assessment,
    InvalidInputError,
    InvalidProfileError,
    InvalidQuantityError,
    Profile,
    assess,
    assessment_schema,
    load_profile,
    profile_schema,
)


def _example_text() -> str:
    return resources.files("insomnia_factors.data").joinpath("example_profile.json").read_text()


def test_load_profile_from_json_text_and_dict_agree() -> None:
    text = _example_text()
    assert (
        load_profile(text) == load_profile(json.loads(text)) == Profile.from_dict(json.loads(text))
    )


def test_unknown_is_distinct_from_no() -> None:
    unknown = load_profile({})
    no = load_profile({"lifestyle": {"smoker": False}, "health": {"conditions": []}})
    assert unknown.lifestyle.smoker is None
    assert no.lifestyle.smoker is False
    assert unknown.health.conditions is None
    assert no.health.conditions == ()
    assert unknown != no


def test_profile_round_trip_keeps_units_and_unknowns() -> None:
    profile = load_profile(_example_text())
    document = profile.to_dict()
    assert document["magnesium"]["serum"] == "1.5 mg/dL"
    assert "witnessed_apneas" not in document["sleep"]  # unknown fields are left out
    assert "reference_range" not in document["magnesium"]
    assert load_profile(document) == profile
    assert load_profile(json.dumps(document)) == profile


def test_profile_round_trip_keeps_a_value_whose_text_has_many_decimals() -> None:
    # str() of this measurement is "0.00012345678901234567 months" (20 decimals).
    profile = load_profile(
        {"sleep": {"duration": {"value": 1.2345678901234567e-4, "unit": "months"}}}
    )
    assert load_profile(profile.to_dict()) == profile


def test_assessment_round_trip_is_exact() -> None:
    result = assess(load_profile(_example_text()))
    document = json.loads(json.dumps(result.to_dict()))
    assert Assessment.from_dict(document) == result
    assert document["causes"][0]["factor"] == result.causes[0].factor_id


def test_inputs_are_not_mutated() -> None:
    document = json.loads(_example_text())
    snapshot = json.dumps(document, sort_keys=True)
    assess(load_profile(document))
    assert json.dumps(document, sort_keys=True) == snapshot


@pytest.mark.parametrize(
    ("document", "field", "error"),
    [
        ({"magnesium": {"serum": "1.5"}}, "magnesium.serum", InvalidQuantityError),
        ({"magnesium": {"serum": 1.5}}, "magnesium.serum", InvalidQuantityError),
        ({"magnesium": {"serum": "1.5 mg/day"}}, "magnesium.serum", InvalidQuantityError),
        ({"magnesium": {"serum": "11 mmol/L"}}, "magnesium.serum", InvalidQuantityError),
        (
            {"magnesium": {"supplements": [{"compound": "unobtainium", "dose": "5 mg/day"}]}},
            "magnesium.supplements[0].compound",
            InvalidProfileError,
        ),
        (
            {"magnesium": {"supplements": [{"compound": "MgO", "dose": "5 mg"}]}},
            "magnesium.supplements[0].dose",
            InvalidQuantityError,
        ),
        ({"sleep": {"nights_per_week": 8}}, "sleep.nights_per_week", InvalidProfileError),
        ({"sleep": {"nights_per_week": 3.5}}, "sleep.nights_per_week", InvalidProfileError),
        ({"sleep": {"onset_latency": "30 h"}}, "sleep.onset_latency", InvalidProfileError),
        (
            {"lifestyle": {"screen_time_before_bed": "1441 min"}},
            "lifestyle.screen_time_before_bed",
            InvalidProfileError,
        ),
        ({"sleep": {"early_waking": "yes"}}, "sleep.early_waking", InvalidProfileError),
        ({"age": "52"}, "age", InvalidProfileError),
        ({"age": True}, "age", InvalidProfileError),
        ({"sex": "f"}, "sex", InvalidProfileError),
        (
            {"health": {"conditions": ["insomnia", "gerd"]}},
            "health.conditions[0]",
            InvalidProfileError,
        ),
        ({"health": {"conditions": "gerd"}}, "health.conditions", InvalidProfileError),
        ({"mind": {"gad7": 30}}, "mind.gad7", InvalidProfileError),
        ({"mind": {"shoe_size": 3}}, "mind.shoe_size", InvalidProfileError),
        ({"favourite_colour": "blue"}, "favourite_colour", InvalidProfileError),
        (
            {"lifestyle": {"alcohol_drinks_per_week": -1}},
            "lifestyle.alcohol_drinks_per_week",
            InvalidProfileError,
        ),
        ({"lifestyle": {"caffeine": "300 mEq/day"}}, "lifestyle.caffeine", InvalidQuantityError),
        ({"sleep": []}, "sleep", InvalidProfileError),
    ],
)
def test_bad_fields_are_named(document: dict[str, Any], field: str, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        load_profile(document)
    assert isinstance(info.value, InvalidInputError)
    assert info.value.field.startswith(field), info.value.field
    assert str(info.value).startswith(field)


@pytest.mark.parametrize("source", ["{not json", "[1, 2]", "42", b"\xff"])
def test_non_documents_are_clear_errors(source: Any) -> None:
    with pytest.raises(InvalidProfileError):
        load_profile(source)


def test_assessment_from_a_wrong_document_is_a_clear_error() -> None:
    with pytest.raises(InvalidInputError, match="assessment document"):
        Assessment.from_dict({"causes": "many"})


def test_example_profile_validates_against_the_profile_schema() -> None:
    schema = profile_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(json.loads(_example_text()), schema)
    jsonschema.validate(load_profile(_example_text()).to_dict(), schema)


@pytest.mark.parametrize(
    "document",
    [
        {"magnesium": {"serum": 1.5}},
        {"sleep": {"nights_per_week": 8}},
        {"colour": "red"},
        {"mind": {"gad7": [1, 2]}},
        {"sex": "f"},
    ],
)
def test_profile_schema_rejects_what_the_models_reject(document: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, profile_schema())
    with pytest.raises(InvalidProfileError):
        load_profile(document)


def test_profile_schema_shows_item_and_total_forms() -> None:
    gad7 = profile_schema()["$defs"]["Mind"]["properties"]["gad7"]
    text = json.dumps(gad7)
    assert '"integer"' in text
    assert '"array"' in text
    for form in (7, [1, 1, 1, 1, 1, 1, 1], {"items": [0, 1, 2, 3, 0, 1, 2], "total": 9}):
        jsonschema.validate({"mind": {"gad7": form}}, profile_schema())


def test_assessment_document_validates_against_its_schema() -> None:
    schema = assessment_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for document in ({}, json.loads(_example_text()), {"mind": {"phq9": [0] * 8 + [2]}}):
        jsonschema.validate(assess(load_profile(document)).to_dict(), schema)


def test_schema_covers_every_profile_field() -> None:
    import attrs

    from insomnia_factors.models import profile as models

    defs = profile_schema()["$defs"]
    for cls in (
        models.Sleep,
        models.Magnesium,
        models.Lifestyle,
        models.Mind,
        models.Health,
        models.Supplement,
        models.ReferenceRange,
    ):
        assert set(defs[cls.__name__]["properties"]) == {
            f.name for f in attrs.fields(cls) if f.init
        }


@pytest.mark.parametrize("field", ["pregnant", "lactating"])
def test_pregnancy_fields_contradicting_sex_are_named(field: str) -> None:
    with pytest.raises(InvalidProfileError) as info:
        load_profile({"sex": "male", field: True})
    assert info.value.field == field
    assert load_profile({"sex": "male", field: False}).sex is not None
