"""assess_table(): the same numbers as assess(), row by row, for pandas and Arrow tables."""

from __future__ import annotations

import json
import math
from typing import Any
from unittest import mock

import attrs
import numpy as np
import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _cohort_data import FIELDS, flat_profiles, nest, quantity_text, to_columns
from insomnia_factors import (
    DEFAULT_CATALOG,
    Catalog,
    Category,
    Factor,
    Finding,
    Profile,
    assess,
    load_profile,
)
from insomnia_factors.columnar import (
    _engine,
    assess_table,
    find_invalid,
    profile_columns,
    result_columns,
)
from insomnia_factors.columnar._rules import clean
from insomnia_factors.errors import (
    InvalidInputError,
    InvalidProfileError,
    InvalidQuantityError,
    InvalidRowError,
)
from insomnia_factors.factors import (
    SERUM_RANGES,
    Alcohol,
    Caffeine,
    EveningScreenUse,
    MagnesiumDeficiency,
    SerumRange,
    flag,
)


def make_table(columns: dict[str, list[Any]], kind: str) -> Any:
    if kind == "pandas":
        return pd.DataFrame(columns, index=pd.RangeIndex(100, 100 + _length(columns)))
    return pa.table({name: pa.array(cells) for name, cells in columns.items()})


def _length(columns: dict[str, list[Any]]) -> int:
    return len(next(iter(columns.values()))) if columns else 0


def records(result: Any) -> list[dict[str, Any]]:
    if isinstance(result, pa.Table):
        return list(result.to_pylist())
    rows = result.astype(object).to_dict("records")
    return [{k: (None if _is_missing(v) else v) for k, v in row.items()} for row in rows]


def _is_missing(value: object) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def expect_same(
    row: dict[str, Any],
    document: dict[str, Any],
    *,
    weights: dict[str, float] | None = None,
    catalog: Catalog = DEFAULT_CATALOG,
    shares: bool = False,
) -> None:
    """The row of the table result says exactly what assess() says of the document."""
    profile = load_profile(document)
    expected = assess(profile, weights=weights, catalog=catalog)
    weight_of = catalog.weights(weights)
    for factor in catalog:
        score = factor.evaluate(profile).score
        assert row[f"score.{factor.id}"] == score, (factor.id, document)
        assert row[f"contribution.{factor.id}"] == weight_of[factor.id] * score
        cause = expected.cause(factor.id)
        if cause is not None:
            assert row[f"contribution.{factor.id}"] == cause.contribution
            if shares:
                assert row[f"share.{factor.id}"] == cause.share
        else:
            assert row[f"contribution.{factor.id}"] == 0.0
            if shares:
                assert row[f"share.{factor.id}"] == 0.0
    assert row["top_cause"] == (expected.top.factor_id if expected.top else None)
    assert row["referral"] is expected.referral.recommended, document
    assert row["referral_urgent"] is expected.referral.urgent
    assert row["insomnia_pattern"] == expected.insomnia.pattern.value
    assert row["insomnia_severity"] == expected.insomnia.severity


# --- the property -----------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class OwnFactor(Factor):
    """A user's own factor: no vectorised rule, so the scalar rule runs row by row."""

    id: str = "own_factor"
    name: str = "Own factor"
    category: Category = Category.BEHAVIOURAL
    default_weight: float = 0.9
    rationale: str = "A test factor."

    def evaluate(self, profile: Profile) -> Finding:
        caffeine = profile.lifestyle.caffeine
        if caffeine is None or profile.age is None or profile.age < 40:
            return Finding()
        points = min(1.0, caffeine.canonical / 1000)
        return Finding.combine(
            [flag("lifestyle.caffeine", str(caffeine), points=points, statement="")]
        )


class StricterCaffeine(Caffeine):
    """A subclass with its own rule must not be mistaken for the default rule."""

    def evaluate(self, profile: Profile) -> Finding:
        return Finding.combine(
            [flag("lifestyle.smoker", "x", points=0.3, statement="")]
            if profile.lifestyle.smoker
            else []
        )


CATALOGS = st.sampled_from(
    [
        DEFAULT_CATALOG,
        DEFAULT_CATALOG.with_factor(OwnFactor()),
        DEFAULT_CATALOG.with_factor(attrs.evolve(Caffeine(), daily_limit_mg=200.0)),
        DEFAULT_CATALOG.with_factor(
            attrs.evolve(MagnesiumDeficiency(), severe_limit=0.5, deficiency_limit=0.7)
        ),
        DEFAULT_CATALOG.with_factor(
            attrs.evolve(
                MagnesiumDeficiency(),
                serum_range=SERUM_RANGES["statpearls"],
                hypermagnesaemia_limit=0.9,
                excess_symptoms_limit=1.0,
                adult_age=40,
            )
        ),
        DEFAULT_CATALOG.without("magnesium_deficiency"),
        DEFAULT_CATALOG.with_factor(StricterCaffeine()),
        # thresholds in unusual orders, and at zero
        DEFAULT_CATALOG.with_factor(
            attrs.evolve(
                MagnesiumDeficiency(),
                serum_range=SerumRange(scheme="test range", low="0.5 mmol/L", high="0.65 mmol/L"),
                deficiency_limit=0.7,
                severe_limit=0.9,
                hypermagnesaemia_limit=0.6,
                excess_symptoms_limit=0.55,
            )
        )
        .with_factor(attrs.evolve(EveningScreenUse(), some_minutes=120.0, many_minutes=30.0))
        .with_factor(attrs.evolve(Caffeine(), daily_limit_mg=0.0, min_hours_before_bed=0.0)),
        # dose–responses with other parameters: limits swapped, an unknown dose of none
        DEFAULT_CATALOG.with_factor(
            attrs.evolve(
                Alcohol(),
                men_weekly_limit=3.0,
                lower_weekly_limit=10.5,
                older_age=30,
                adult_age=21,
                at_limit_points=0.1,
                cap=1.0,
                cap_multiple=1.5,
            )
        ).with_factor(
            attrs.evolve(
                Caffeine(),
                reference_dose_mg=95.0,
                unknown_dose_mg=0.0,
                late_points=0.7,
                over_limit_points=0.3,
            )
        ),
    ]
)


@st.composite
def weight_overrides(draw: st.DrawFn, catalog: Catalog) -> dict[str, float] | None:
    if draw(st.booleans()):
        return None
    chosen = draw(st.lists(st.sampled_from(list(catalog.ids)), unique=True, max_size=4))
    return {
        factor_id: draw(st.sampled_from([0.0, 0.5, 1.0, 2.5]) | st.floats(0, 5))
        for factor_id in chosen
    }


@given(data=st.data())
def test_table_equals_assess_row_by_row(data: st.DataObject) -> None:
    rows = data.draw(st.lists(flat_profiles(), min_size=1, max_size=8))
    columns, units, documents = data.draw(to_columns(rows))
    kind = data.draw(st.sampled_from(["pandas", "arrow"]))
    catalog = data.draw(CATALOGS)
    weights = data.draw(weight_overrides(catalog))
    shares = data.draw(st.booleans())
    block_rows = data.draw(st.sampled_from([2, 3, _engine.BLOCK_ROWS]))
    table = make_table(columns, kind)
    with mock.patch.object(_engine, "BLOCK_ROWS", block_rows):
        result = assess_table(table, units=units, weights=weights, catalog=catalog, shares=shares)
    assert type(result) is type(table)
    assert list(result.column_names if kind == "arrow" else result.columns) == list(
        result_columns(catalog, shares=shares)
    )
    if kind == "pandas":
        assert result.index.equals(table.index)
    for row, document in zip(records(result), documents, strict=True):
        expect_same(row, document, weights=weights, catalog=catalog, shares=shares)


@given(rows=st.lists(flat_profiles(), min_size=1, max_size=5), data=st.data())
def test_units_of_a_column_never_change_the_answer(
    rows: list[dict[str, Any]], data: st.DataObject
) -> None:
    # The same serum values in mmol/L as text, and as numbers in mg/dL and mEq/L.
    size = len(rows)
    values = data.draw(
        st.lists(
            st.floats(0.11, 2.5).map(lambda v: float(f"{v:.12g}")), min_size=size, max_size=size
        )
    )
    base = {"magnesium.serum": [f"{v:.12g} mmol/L" for v in values]}
    others = {k: [row.get(k) for row in rows] for k in ("age", "magnesium.night_cramps")}
    text = assess_table(pd.DataFrame(base | others))
    mg = assess_table(
        pd.DataFrame({"magnesium.serum": [v * 24.305 / 10 for v in values]} | others),
        units={"magnesium.serum": "mg/dL"},
    )
    meq = assess_table(
        pd.DataFrame({"magnesium.serum": [v * 2 for v in values]} | others),
        units={"magnesium.serum": "mEq/L"},
    )
    np.testing.assert_allclose(
        text["score.magnesium_deficiency"], mg["score.magnesium_deficiency"], atol=1e-9
    )
    np.testing.assert_allclose(
        text["score.magnesium_deficiency"], meq["score.magnesium_deficiency"], atol=1e-9
    )


def test_clean_is_python_rounding() -> None:
    rng = np.random.default_rng(7)
    # Doses with 12 significant digits, as canonical values are stored.
    doses = np.array([float(f"{v:.12g}") for v in rng.uniform(0, 400, 20_000)])
    late = 0.6 * np.minimum(1.0, doses / 400.0)
    raw = np.concatenate(
        [
            rng.random(20_000),
            np.round(rng.random(2_000), 13) + 5e-13,  # halves at the 12th decimal
            late,  # dose-scaled points: many lie within rounding error of a half
            1.0 - 0.5 * (1.0 - late),  # and their noisy-OR with another piece
            np.arange(1, 8192, 2) / 8192.0,  # exact halves at the 12th decimal: to even
            np.array([0.0, -0.0, -1.0, 1.0, 1.5, np.nan, np.inf, 1e-300, 0.5 + 5e-13]),
            np.array([5e-13, 4.999999999999e-13, 1.5e-12, 2.5e-12]),
        ]
    )
    expected = [
        0.0 if not (x > 0) or not math.isfinite(min(x, 1.0)) else min(1.0, round(min(x, 1.0), 12))
        for x in raw.tolist()
    ]
    assert clean(raw).tolist() == expected


# --- forms of cells ---------------------------------------------------------------------


def test_the_example_profile_as_one_row() -> None:
    from importlib import resources

    text = resources.files("insomnia_factors.data").joinpath("example_profile.json")
    document = json.loads(text.read_text("utf-8"))
    flat = {
        (f"{section}.{name}" if isinstance(fields, dict) else section): value
        for section, fields in document.items()
        for name, value in (fields.items() if isinstance(fields, dict) else [(None, fields)])
    }
    flat["magnesium.supplements"] = json.dumps(flat["magnesium.supplements"])
    (row,) = records(assess_table(pd.DataFrame([flat])))
    expect_same(row, document)


def test_null_cells_are_unknown_fields() -> None:
    table = pd.DataFrame(
        {
            "magnesium.serum": [None, "0.5 mmol/L", float("nan")],
            "health.conditions": [None, [], "[]"],
            "mind.phq9": [float("nan"), 3, None],
            "lifestyle.smoker": [None, pd.NA, True],
            "sex": ["", "  ", None],
        }
    )
    result = records(assess_table(table))
    expect_same(result[0], {})
    expect_same(
        result[1],
        {"magnesium": {"serum": "0.5 mmol/L"}, "health": {"conditions": []}, "mind": {"phq9": 3}},
    )
    expect_same(result[2], {"health": {"conditions": []}, "lifestyle": {"smoker": True}})


def test_pandas_nullable_and_arrow_backed_columns() -> None:
    table = pd.DataFrame(
        {
            "age": pd.array([40, None, 70], dtype="Int64"),
            "lifestyle.smoker": pd.array([True, None, False], dtype="boolean"),
            "lifestyle.alcohol_drinks_per_week": pd.array([None, 21.0, 3.5], dtype="Float64"),
            "lifestyle.caffeine": pd.array([500.0, None, 20.0], dtype="double[pyarrow]"),
            "sex": pd.Categorical(["male", None, "female"]),
        }
    )
    result = records(assess_table(table, units={"lifestyle.caffeine": "mg/day"}))
    expect_same(
        result[0],
        {"age": 40, "sex": "male", "lifestyle": {"smoker": True, "caffeine": "500 mg/day"}},
    )
    expect_same(result[1], {"lifestyle": {"alcohol_drinks_per_week": 21.0}})
    expect_same(
        result[2],
        {
            "age": 70,
            "sex": "female",
            "lifestyle": {"smoker": False, "alcohol_drinks_per_week": 3.5, "caffeine": "20 mg/day"},
        },
    )


def test_rows_on_the_new_rules_equal_assess() -> None:
    # Daytime impairment decides chronic insomnia; alcohol dependence refers; alcohol
    # and late caffeine are scored by dose; the drinking limit follows sex and age.
    rows: list[dict[str, Any]] = [
        {
            "sleep": {"duration": "5 months", "nights_per_week": 4, "daytime_impairment": x},
            "health": {"conditions": c},
        }
        for x in (True, False, None)
        for c in (["alcohol_dependence"], ["type_2_diabetes"], None)
    ]
    rows += [
        {"sex": sex, "age": age, "lifestyle": {"alcohol_drinks_per_week": drinks}}
        for sex in ("male", "female", None)
        for age in (17, 40, 65, 66, None)
        for drinks in (3.0, 14.0, 20.0, 80.0)
    ]
    rows += [
        {"lifestyle": {"caffeine": amount, "last_caffeine_before_bed": last}}
        for amount in ("20 mg/day", "400 mg/day", "450 mg/day", "0 mg/day", None)
        for last in ("3 h", "7 h", None)
    ]
    columns: dict[str, list[Any]] = {}
    for index, document in enumerate(rows):
        flat = {
            (f"{section}.{name}" if isinstance(fields, dict) else section): value
            for section, fields in document.items()
            for name, value in (fields.items() if isinstance(fields, dict) else [(None, fields)])
        }
        for path, value in flat.items():
            columns.setdefault(path, [None] * len(rows))[index] = value
    result = records(assess_table(pd.DataFrame(columns)))
    for row, document in zip(result, rows, strict=True):
        expect_same(row, document)
    patterns = [row["insomnia_pattern"] for row in result[:9]]
    assert patterns == ["chronic"] * 3 + ["persistent"] * 6
    assert all(row["referral"] for row in result[:9])


def test_arrow_types() -> None:
    table = pa.table(
        {
            "health.conditions": pa.array([["sleep_apnea", "gerd"], [], None]),
            "mind.phq9": pa.array([[0, 0, 0, 0, 0, 0, 0, 0, 1], None, [3] * 9]),
            "sex": pa.array(["female", None, "male"]).dictionary_encode(),
            "lifestyle.caffeine": pa.array([450, None, 10], type=pa.int32()),
            "lifestyle.smoker": pa.array([None, None, None], type=pa.null()),
        }
    )
    result = assess_table(table, units={"lifestyle.caffeine": "mg/day"})
    rows = records(result)
    expect_same(
        rows[0],
        {
            "sex": "female",
            "health": {"conditions": ["sleep_apnea", "gerd"]},
            "mind": {"phq9": [0, 0, 0, 0, 0, 0, 0, 0, 1]},
            "lifestyle": {"caffeine": "450 mg/day"},
        },
    )
    assert rows[0]["referral_urgent"] is True  # PHQ-9 item 9
    expect_same(rows[1], {"health": {"conditions": []}})
    expect_same(
        rows[2], {"sex": "male", "mind": {"phq9": [3] * 9}, "lifestyle": {"caffeine": "10 mg/day"}}
    )
    assert result.schema.field("top_cause").type == pa.dictionary(pa.int8(), pa.string())


def test_mixed_units_and_unit_text_in_a_column_with_a_unit() -> None:
    table = pd.DataFrame({"magnesium.serum": ["1.5", "0.5 mmol/L", 2.0, "0.8 mEq/L"]})
    result = records(assess_table(table, units={"magnesium.serum": "mg/dL"}))
    for row, serum in zip(result, ["1.5 mg/dL", "0.5 mmol/L", "2 mg/dL", "0.8 mEq/L"], strict=True):
        expect_same(row, {"magnesium": {"serum": serum}})


def test_keep_copies_columns_first_and_inputs_are_not_mutated() -> None:
    table = pd.DataFrame(
        {
            "participant": ["a", "b"],
            "magnesium.serum": [0.5, np.nan],
            "lifestyle.alcohol_drinks_per_week": [np.nan, 400.0],
        }
    )
    before = table.copy(deep=True)
    result = assess_table(
        table, units={"magnesium.serum": "mmol/L"}, keep=["participant"], invalid="skip"
    )
    pd.testing.assert_frame_equal(table, before)
    assert list(result.columns[:2]) == ["participant", "score.magnesium_deficiency"]
    assert result["participant"].tolist() == ["a", "b"]


def test_empty_tables_keep_the_result_types() -> None:
    empty = pd.DataFrame({"age": pd.Series([], dtype="float64")})
    result = assess_table(empty)
    assert len(result) == 0
    assert list(result.columns) == list(result_columns())
    assert str(result["top_cause"].dtype) == "category"
    arrow = assess_table(pa.table({"age": pa.array([], type=pa.int64())}))
    assert arrow.num_rows == 0


def test_determinism_and_record_batches() -> None:
    columns = {"lifestyle.caffeine": ["500 mg/day", None], "mind.gad7": [16, 3]}
    table = pa.table(columns)
    first = assess_table(table)
    assert first.equals(assess_table(table))
    assert first.equals(assess_table(table.to_batches()[0]))


def test_profile_columns_are_the_documents_paths() -> None:
    columns = profile_columns()
    assert set(FIELDS) == set(columns)
    assert columns[0] == "age"
    assert "magnesium.serum" in columns


# --- bad cells --------------------------------------------------------------------------

BAD_CELLS = [
    ("magnesium.serum", "-1 mmol/L"),
    ("magnesium.serum", "0 mg/dL"),
    ("magnesium.serum", "0.0999 mmol/L"),
    ("magnesium.serum", "11 mmol/L"),
    ("magnesium.serum", "0.7 mg/day"),
    ("magnesium.serum", "1.5"),
    ("magnesium.serum", "2**2**2 mg/dL"),
    ("sleep.onset_latency", "25 h"),
    ("sleep.duration", "3 furlongs"),
    ("lifestyle.caffeine", "2 kg/day"),
    ("age", 130),
    ("age", 52.5),
    ("age", "fifty"),
    ("sleep.nights_per_week", 8),
    ("lifestyle.alcohol_drinks_per_week", -1.0),
    ("lifestyle.smoker", "sometimes"),
    ("lifestyle.smoker", 1),
    ("sex", "unknown"),
    ("mind.perceived_stress", "extreme"),
    ("mind.phq9", 28),
    ("mind.phq9", "[1, 2]"),
    ("mind.phq9", '{"items": [0,0,0,0,0,0,0,0,0], "total": 3}'),
    ("mind.pss10", "lots"),
    ("health.conditions", "insomnia"),
    ("health.medications", '["ssri", 7]'),
    ("magnesium.supplements", '[{"compound": "magnesium gold", "dose": "1 g/day"}]'),
    ("magnesium.supplements", "citrate"),
]


def _scalar_error(path: str, document_value: object) -> InvalidProfileError:
    with pytest.raises(InvalidProfileError) as caught:
        load_profile(nest({path: document_value}))
    return caught.value


def _scalar_message(path: str, document_value: object) -> str:
    return str(_scalar_error(path, document_value))


@pytest.mark.parametrize(("path", "cell"), BAD_CELLS)
@pytest.mark.parametrize("kind", ["pandas", "arrow"])
def test_a_bad_cell_is_reported_with_its_row_and_the_models_message(
    path: str, cell: object, kind: str
) -> None:
    good = {"age": 40} if path != "age" else {"sex": "male"}
    other = next(iter(good))
    columns = {path: [None, cell, None], other: [good[other]] * 3}
    if kind == "arrow" and isinstance(cell, str) and path in ("age", "lifestyle.smoker"):
        columns[path] = [None, cell, None]
    table = make_table(columns, kind)
    document_value = cell
    if isinstance(cell, str) and cell.startswith(("[", "{")):
        document_value = json.loads(cell)
    elif path.startswith("health.") and isinstance(cell, str):
        document_value = cell.split(";")  # names separated by ";"
    if kind == "pandas" and path == "lifestyle.smoker" and cell == 1:
        document_value = 1.0  # pandas keeps whole numbers with gaps as floats
    scalar = _scalar_error(path, document_value)
    expected = str(scalar)
    assert scalar.field.startswith(path)

    problems = find_invalid(table)
    assert [(p.row, p.field) for p in problems] == [(1, scalar.field)]
    assert str(problems[0]) == f"row 1: {expected}"
    if kind == "pandas":
        assert problems[0].label == 101

    with pytest.raises(InvalidRowError) as caught:
        assess_table(table)
    assert caught.value.row == 1
    assert caught.value.field == scalar.field
    assert type(caught.value.cause) is type(scalar)
    assert str(caught.value) == f"row 1: {expected}"

    skipped = assess_table(table, invalid="skip")
    rows = records(skipped)
    assert rows[1]["invalid"] == expected
    assert rows[1][f"score.{DEFAULT_CATALOG.ids[0]}"] is None
    assert rows[1]["top_cause"] is None
    assert rows[1]["referral"] is None
    for i in (0, 2):
        assert rows[i]["invalid"] is None
        expect_same(rows[i], nest({other: good[other]}))


def test_arrow_nan_is_an_invalid_value_but_pandas_nan_is_unknown() -> None:
    arrow = pa.table({"lifestyle.alcohol_drinks_per_week": pa.array([1.0, float("nan"), None])})
    (problem,) = find_invalid(arrow)
    assert (problem.row, problem.field) == (1, "lifestyle.alcohol_drinks_per_week")
    assert "from 0 to 350" in str(problem)
    serum = pa.table({"magnesium.serum": pa.array([float("nan")])})
    (problem,) = find_invalid(serum, units={"magnesium.serum": "mmol/L"})
    assert "finite" in str(problem)
    frame = pd.DataFrame({"lifestyle.alcohol_drinks_per_week": [1.0, float("nan")]})
    assert find_invalid(frame) == []


def test_numeric_bad_values_are_found_by_numpy_and_explained_by_the_model() -> None:
    table = pd.DataFrame(
        {
            "magnesium.serum": [0.8, -0.1, 25.0, 0.7, np.inf],
            "sleep.total_sleep_time": [8.0, 30.0, 7.0, 7.0, 7.0],
            "mind.gad7": [3.0, 2.5, 22.0, 21.0, 0.0],
        }
    )
    units = {"magnesium.serum": "mg/dL", "sleep.total_sleep_time": "h"}
    night, serum, gad7 = "sleep.total_sleep_time", "magnesium.serum", "mind.gad7"
    problems = [(p.row, p.field, str(p.cause)) for p in find_invalid(table, units=units)]
    assert problems[4][1] == "mind.gad7.total"  # the model's own path below the column
    problems[4] = (2, gad7, problems[4][2])
    expected = [  # by row, then in profile order (sleep before magnesium before mind)
        (1, night, _scalar_message(night, {"value": 30.0, "unit": "h"})),
        (1, serum, _scalar_message(serum, {"value": -0.1, "unit": "mg/dL"})),
        (1, gad7, _scalar_message(gad7, 2.5)),
        (2, serum, _scalar_message(serum, {"value": 25.0, "unit": "mg/dL"})),
        (2, gad7, _scalar_message(gad7, 22)),
        (4, serum, _scalar_message(serum, {"value": np.inf, "unit": "mg/dL"})),
    ]
    assert problems == expected
    with pytest.raises(InvalidRowError) as caught:
        assess_table(table, units=units)
    assert (caught.value.row, caught.value.field) == (1, night)
    result = records(assess_table(table, units=units, invalid="skip"))
    assert [row["invalid"] is None for row in result] == [True, False, False, True, False]
    assert result[1]["invalid"].count(";") == 2


def test_table_level_errors() -> None:
    with pytest.raises(InvalidQuantityError, match=r"magnesium\.serum: .*units="):
        assess_table(pd.DataFrame({"magnesium.serum": [0.8]}))
    with pytest.raises(InvalidProfileError, match=r"magnesium\.serun: .*profile field path"):
        assess_table(pd.DataFrame({"magnesium.serun": ["0.8 mmol/L"]}))
    with pytest.raises(InvalidInputError, match=r"units\.magnesium\.serum: .*unit is not known"):
        assess_table(pd.DataFrame({"magnesium.serum": [0.8]}), units={"magnesium.serum": "mg/dx"})
    with pytest.raises(InvalidInputError, match=r"units\.magnesium\.serum: .*concentration"):
        assess_table(pd.DataFrame({"magnesium.serum": [0.8]}), units={"magnesium.serum": "mg/day"})
    with pytest.raises(InvalidInputError, match=r"units\.age: .*quantity column"):
        assess_table(pd.DataFrame({"age": [8]}), units={"age": "years"})
    with pytest.raises(InvalidInputError, match=r"weights\.coffee"):
        assess_table(pd.DataFrame({"age": [8]}), weights={"coffee": 1.0})
    with pytest.raises(InvalidInputError, match=r"keep\.id"):
        assess_table(pd.DataFrame({"age": [8]}), keep=["id"])
    with pytest.raises(InvalidInputError, match=r"keep\.top_cause: .*not a result column"):
        assess_table(pd.DataFrame({"age": [8], "top_cause": ["x"]}), keep=["top_cause"])
    with pytest.raises(InvalidInputError, match="invalid"):
        assess_table(pd.DataFrame({"age": [8]}), invalid="ignore")  # type: ignore[call-overload]
    with pytest.raises(InvalidInputError, match="DataFrame"):
        assess_table([{"age": 8}])  # type: ignore[call-overload]
    # An all-empty numeric column needs no unit: it holds nothing to interpret.
    assert len(assess_table(pd.DataFrame({"magnesium.serum": [np.nan]}))) == 1


def test_invalid_row_errors_pickle() -> None:
    import pickle

    table = pd.DataFrame({"age": [200]})
    (problem,) = find_invalid(table)
    clone = pickle.loads(pickle.dumps(problem))
    assert str(clone) == str(problem)
    assert (clone.row, clone.field, clone.label) == (0, "age", 0)
    assert isinstance(clone.cause, InvalidProfileError)


# (column, bad cell, the value as a profile document holds it)
INJECTED = [
    ("magnesium.serum", "-0.2 mmol/L", "-0.2 mmol/L"),
    ("magnesium.serum", "12 mmol/L", "12 mmol/L"),
    ("sleep.duration", "3 mg", "3 mg"),
    ("lifestyle.caffeine", "lots", "lots"),
    ("age", 140, 140),
    ("age", "old", "old"),
    ("sleep.nights_per_week", 9, 9),
    ("mind.gad7", 30, 30),
    ("mind.phq9", "[0, 1]", [0, 1]),
    ("health.conditions", "gerd;hiccups", ["gerd", "hiccups"]),
    ("lifestyle.smoker", "perhaps", "perhaps"),
    ("sex", "x", "x"),
]


@given(data=st.data())
def test_bad_cells_are_reported_and_skipped_and_the_rest_is_assessed(
    data: st.DataObject,
) -> None:
    rows = data.draw(st.lists(flat_profiles(), min_size=1, max_size=8))
    columns, units, documents = data.draw(to_columns(rows))
    hits = data.draw(
        st.dictionaries(st.integers(0, len(rows) - 1), st.sampled_from(INJECTED), max_size=3)
    )
    for row, (path, cell, _) in hits.items():
        if path in units:  # the column becomes text, and so do its quantities
            del units[path]
            for i, document in enumerate(documents):
                value = _document_value(document, path)
                if value is not None:
                    _set(document, path, quantity_text(value))
                    columns[path][i] = quantity_text(value)
        columns.setdefault(path, [None] * len(rows))[row] = cell
    table = pd.DataFrame({path: pd.Series(cells, dtype=object) for path, cells in columns.items()})
    block_rows = data.draw(st.sampled_from([2, _engine.BLOCK_ROWS]))
    with mock.patch.object(_engine, "BLOCK_ROWS", block_rows):
        problems = find_invalid(table, units=units)
        expected = sorted(
            (row, _scalar_message(path, value)) for row, (path, _, value) in hits.items()
        )
        assert [(p.row, str(p.cause)) for p in problems] == expected
        if hits:
            with pytest.raises(InvalidRowError) as caught:
                assess_table(table, units=units)
            assert caught.value.row == min(hits)
        result = records(assess_table(table, units=units, invalid="skip"))
    for i, (row, document) in enumerate(zip(result, documents, strict=True)):
        if i in hits:
            assert row["invalid"] == _scalar_message(hits[i][0], hits[i][2])
            assert row["top_cause"] is None
            assert all(row[f"score.{f}"] is None for f in DEFAULT_CATALOG.ids)
        else:
            assert row["invalid"] is None
            expect_same(row, document)


def _document_value(document: dict[str, Any], path: str) -> Any:
    section, _, name = path.rpartition(".")
    holder = document.get(section, {}) if section else document
    return holder.get(name)


def _set(document: dict[str, Any], path: str, value: object) -> None:
    section, _, name = path.rpartition(".")
    (document.setdefault(section, {}) if section else document)[name] = value


def test_pregnancy_for_a_man_is_an_invalid_row_as_in_the_models() -> None:
    frame = pd.DataFrame(
        {
            "sex": ["male", "female", "male", None],
            "pregnant": [True, True, False, True],
            "lactating": [None, None, True, None],
        }
    )
    expected: dict[int, str] = {}
    for row, document in enumerate(
        frame.astype(object).where(frame.notna(), None).to_dict("records")
    ):
        try:
            load_profile(document)
        except InvalidProfileError as error:
            expected[row] = str(error)
    assert sorted(expected) == [0, 2]
    found = {error.row: str(error.cause) for error in find_invalid(frame)}
    assert found == expected
    result = assess_table(frame, invalid="skip")
    assert result["invalid"].notna().tolist() == [True, False, True, False]
    with pytest.raises(InvalidRowError) as info:
        assess_table(frame)
    assert (info.value.row, info.value.field) == (0, "pregnant")


_FACTORS = st.sampled_from(
    [1.0, 10 / 24.305, 24.305, 0.5, 60.0, 1440.0, 43830.0, 1 / 7, 1e-3, 1000.0, 2.4305]
)


@given(
    values=st.lists(
        st.one_of(
            st.floats(0, 1e15, allow_nan=False),
            st.floats(0, 1e-9),
            # Twelve digits and a half: the rounding ties the fast path must hand back.
            st.integers(10**11, 10**12 - 1).map(lambda n: (n + 0.5) / 10**7),
            st.decimals(0, 1000, places=12).map(float),
            st.just(float("inf")),
        ),
        max_size=40,
    ),
    factor=_FACTORS,
)
def test_canonical_values_round_exactly_as_the_scalar_rule(
    values: list[float], factor: float
) -> None:
    from insomnia_factors.columnar._decode import canonical_values
    from insomnia_factors.units._measurement import canonical_value

    got = canonical_values(np.array(values, dtype=np.float64), factor)
    expected = [canonical_value(v, factor) for v in values]
    assert [float(x).hex() for x in got] == [x.hex() for x in expected]


# --- magnesium safety rules over columns -------------------------------------------------

_ADULT_ROW = {
    "age": 45,
    "sex": "female",
    "pregnant": False,
    "lactating": False,
    "health.conditions": "[]",
    "health.medications": "[]",
    "magnesium.supplements": "[]",
}
SAFETY_ROWS = [
    {**_ADULT_ROW, "magnesium.serum": "0.3 mmol/L"},
    {"magnesium.serum": "0.729 mg/dL"},
    {**_ADULT_ROW, "magnesium.serum": "1 mEq/L"},
    {**_ADULT_ROW, "magnesium.serum": "1.8 mg/dL"},
    {**_ADULT_ROW, "magnesium.serum": "1 mmol/L"},
    {
        **_ADULT_ROW,
        "magnesium.serum": "3.1597 mg/dL",
        "health.conditions": "chronic_kidney_disease",
        "magnesium.supplements": '[{"compound": "magnesium oxide", "dose": "800 mg/day"}]',
    },
    {**_ADULT_ROW, "magnesium.serum": "6 mEq/L"},
    {**_ADULT_ROW, "magnesium.serum": "0.7 mmol/L", "health.conditions": "chronic_kidney_disease"},
    {**_ADULT_ROW, "age": 2, "magnesium.dietary_intake": "40 mg/day"},
    {**_ADULT_ROW, "magnesium.serum": "0.7 mmol/L", "pregnant": True},
    {**_ADULT_ROW, "magnesium.serum": "0.7 mmol/L", "lactating": True},
    {
        **_ADULT_ROW,
        "magnesium.serum": "0.7 mmol/L",
        "magnesium.supplements": '[{"elemental": "349 mg/day"}]',
    },
    *(
        {**_ADULT_ROW, "magnesium.serum": "1.70135 mg/dL", "health.medications": medicine}
        for medicine in ("ppi", "diuretic", "potassium_sparing_diuretic", "digoxin", "gabapentin")
    ),
    {
        **_ADULT_ROW,
        "magnesium.serum": "0.7 mmol/L",
        "health.conditions": "heart_conduction_disorder",
    },
]


@pytest.mark.parametrize("kind", ["pandas", "arrow"])
def test_magnesium_safety_cases_refer_in_a_table_as_assess_does(kind: str) -> None:
    paths = sorted({path for row in SAFETY_ROWS for path in row})
    columns = {path: [row.get(path) for row in SAFETY_ROWS] for path in paths}
    rows = records(assess_table(make_table(columns, kind)))
    referred = []
    for row, flat in zip(rows, SAFETY_ROWS, strict=True):
        document = nest(
            {
                path: (json.loads(value) if value.startswith("[") else [value])
                if path.startswith("health.") or path == "magnesium.supplements"
                else value
                for path, value in flat.items()
            }
        )
        expect_same(row, document)
        referred.append((row["referral"], row["referral_urgent"]))
    assert referred[:3] == [(True, True), (True, True), (True, False)]
    assert referred[3:5] == [(False, False), (False, False)]
    # Gabapentin only needs spacing: that row gets a suggestion, not a referral.
    assert [recommended for recommended, _ in referred[5:]] == [True] * 11 + [False, True]
    assert referred[6] == (True, True)


def test_a_laboratory_range_is_not_a_column_and_the_error_says_what_to_do() -> None:
    for name in ("magnesium.reference_range", "magnesium.reference_range.low"):
        with pytest.raises(InvalidProfileError, match="serum_range") as info:
            assess_table(pd.DataFrame({name: ["0.7 mmol/L"]}))
        assert info.value.field == name
    assert "magnesium.reference_range" not in profile_columns()
