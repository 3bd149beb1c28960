"""Random profile documents, and the same people as table rows, for the columnar tests.

Documents are built here with hypothesis (values near every threshold, every unit a
field accepts, nulls); :func:`to_columns` lays a list of them out as columns named by
profile path, choosing for each column one of the cell forms a table may use.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import strategies as st

from insomnia_factors.models.vocabulary import Condition, Level, Medication, Sex

Document = dict[str, Any]

# (unit, largest magnitude) per kind of quantity; thresholds are in the first unit.
SERUM_UNITS = [("mmol/L", 3.0), ("mg/dL", 7.0), ("mEq/L", 6.0), ("mg/L", 70.0), ("µmol/L", 3000.0)]
INTAKE_UNITS = [("mg/day", 1000.0), ("g/day", 1.0), ("mmol/day", 40.0)]
CAFFEINE_UNITS = [("mg/day", 1200.0), ("g/day", 1.2), ("mg/week", 8000.0)]
NIGHT_UNITS = [("min", 600.0), ("h", 10.0)]
DURATION_UNITS = [("days", 400.0), ("weeks", 60.0), ("months", 14.0)]

# The smallest serum value in each unit that the models accept (0.1 mmol/L), a little
# above it where the unit's own number would round below.
SERUM_SMALLEST = {"mmol/L": 0.1, "mg/dL": 0.25, "mEq/L": 0.2, "mg/L": 2.5, "µmol/L": 100.0}

INTERESTING = {
    "magnesium.serum": [
        *(0.1, 0.4, 0.6, 0.75, 0.95, 1.1, 2.0, 0.3999999, 0.6000001, 0.7499999, 1.0),
        *(0.740588356305, 0.7405883563, 0.9500001, 1.1000001, 2.0000001, 1.3, 3.0),
    ],
    "magnesium.dietary_intake": [0.0, 200.0, 255.0, 265.0, 310.0, 320.0, 350.0, 420.0],
    "lifestyle.caffeine": [0.0, 400.0, 400.0000001, 100.0, 20.0, 399.9999999],
    "lifestyle.last_caffeine_before_bed": [360.0, 359.9999, 0.0, 600.0],
    "lifestyle.screen_time_before_bed": [30.0, 30.0001, 120.0, 119.999, 0.0],
    "sleep.duration": [89.0, 88.9999, 90.0, 0.0],
    "sleep.onset_latency": [0.0, 30.0, 1440.0],
    "sleep.wake_after_sleep_onset": [0.0, 45.0],
    "sleep.total_sleep_time": [300.0, 420.0],
}


def _magnitude(
    path: str, largest: float, first_unit: bool, smallest: float = 0.0
) -> st.SearchStrategy[float]:
    plain = st.floats(smallest, largest, allow_nan=False, allow_infinity=False)
    whole = st.integers(math.ceil(smallest), int(largest)).map(float)
    special = st.sampled_from(INTERESTING.get(path, [0.0])) if first_unit else whole
    return st.one_of(special, whole, plain)


@st.composite
def quantity(draw: st.DrawFn, path: str, units: list[tuple[str, float]]) -> dict[str, Any]:
    index = draw(st.integers(0, len(units) - 1))
    unit, largest = units[index]
    smallest = SERUM_SMALLEST[unit] if path == "magnesium.serum" else 0.0
    value = draw(_magnitude(path, largest, index == 0, smallest))
    return {"value": value, "unit": unit}


def maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(st.none(), strategy)


def _questionnaire(items: int, item_max: int) -> st.SearchStrategy[Any]:
    answers = st.lists(st.integers(0, item_max), min_size=items, max_size=items)
    return st.one_of(st.integers(0, items * item_max), answers)


_SUPPLEMENT = st.one_of(
    st.fixed_dictionaries(
        {
            "compound": st.sampled_from(["magnesium citrate", "magnesium oxide", "glycinate"]),
            "dose": st.sampled_from(["500 mg/day", "250 mg/day", "1 g/day"]),
        }
    ),
    st.fixed_dictionaries({"elemental": st.sampled_from(["100 mg/day", "350 mg/day"])}),
)

FIELDS: dict[str, st.SearchStrategy[Any]] = {
    # The alcohol limits change at 18 and after 65.
    "age": st.integers(0, 125) | st.sampled_from([17, 18, 65, 66]),
    "sex": st.sampled_from([s.value for s in Sex] + ["Female", " MALE "]),
    "pregnant": st.booleans(),
    "lactating": st.booleans(),
    "sleep.onset_latency": quantity("sleep.onset_latency", NIGHT_UNITS),
    "sleep.wake_after_sleep_onset": quantity("sleep.wake_after_sleep_onset", NIGHT_UNITS),
    "sleep.total_sleep_time": quantity("sleep.total_sleep_time", NIGHT_UNITS),
    "sleep.nights_per_week": st.integers(0, 7),
    "sleep.duration": quantity("sleep.duration", DURATION_UNITS),
    "sleep.early_waking": st.booleans(),
    "sleep.daytime_impairment": st.booleans(),
    "sleep.witnessed_apneas": st.booleans(),
    "sleep.drowsy_driving": st.booleans(),
    "sleep.isi": _questionnaire(7, 4),
    "magnesium.serum": quantity("magnesium.serum", SERUM_UNITS),
    "magnesium.dietary_intake": quantity("magnesium.dietary_intake", INTAKE_UNITS),
    "magnesium.supplements": st.lists(_SUPPLEMENT, max_size=2),
    "magnesium.night_cramps": st.booleans(),
    "magnesium.restlessness": st.booleans(),
    "lifestyle.caffeine": quantity("lifestyle.caffeine", CAFFEINE_UNITS),
    "lifestyle.last_caffeine_before_bed": quantity(
        "lifestyle.last_caffeine_before_bed", NIGHT_UNITS
    ),
    "lifestyle.screen_time_before_bed": quantity("lifestyle.screen_time_before_bed", NIGHT_UNITS),
    "lifestyle.late_nights_per_week": st.integers(0, 7),
    "lifestyle.irregular_schedule": st.booleans(),
    "lifestyle.alcohol_drinks_per_week": st.one_of(
        st.integers(0, 30),
        st.floats(0, 350, allow_nan=False),
        # the limits (7 and 14 a week), and the cap at three times each
        st.sampled_from([7.0, 7.000001, 14.0, 14.000001, 21.0, 42.0, 41.999999]),
    ),
    "lifestyle.smoker": st.booleans(),
    "mind.work_pressure": st.booleans(),
    "mind.perceived_stress": st.sampled_from([level.value for level in Level]),
    "mind.pss10": _questionnaire(10, 4),
    "mind.gad7": _questionnaire(7, 3),
    "mind.phq9": _questionnaire(9, 3),
    "mind.anxiety_diagnosed": st.booleans(),
    "mind.depression_diagnosed": st.booleans(),
    "health.conditions": st.lists(st.sampled_from([c.value for c in Condition]), unique=True),
    "health.medications": st.lists(st.sampled_from([m.value for m in Medication]), unique=True),
}


@st.composite
def flat_profiles(draw: st.DrawFn, paths: list[str] | None = None) -> dict[str, Any]:
    """A profile as {path: value}; a path left out is unknown."""
    chosen = paths if paths is not None else list(FIELDS)
    flat: dict[str, Any] = {}
    for path in chosen:
        value = draw(maybe(FIELDS[path]))
        if value is not None:
            flat[path] = value
    if str(flat.get("sex", "")).strip().lower() == "male":
        # Pregnancy and lactation with sex 'male' are invalid; a test of their own holds it.
        for name in ("pregnant", "lactating"):
            if flat.get(name):
                flat[name] = False
    return flat


def nest(flat: dict[str, Any]) -> Document:
    """{path: value} → a profile document."""
    document: Document = {}
    for path, value in flat.items():
        section, _, name = path.rpartition(".")
        if section:
            document.setdefault(section, {})[name] = value
        else:
            document[name] = value
    return document


def quantity_text(value: dict[str, Any]) -> str:
    # At most 17 digits after the point is what the quantity grammar reads.
    return f"{value['value']:.12g} {value['unit']}"


@st.composite
def to_columns(
    draw: st.DrawFn, rows: list[dict[str, Any]]
) -> tuple[dict[str, list[Any]], dict[str, str], list[Document]]:
    """Columns for ``rows``, the ``units=`` they need, and each row's profile document.

    The document holds the same values in the form a profile document would: a quantity
    kept as text in the table is text in the document too; one written as a plain number
    in a column with a unit is ``{"value", "unit"}``.
    """
    # A table has at least one column, or it has no rows.
    paths = sorted({path for row in rows for path in row} or {"age"})
    columns: dict[str, list[Any]] = {}
    units: dict[str, str] = {}
    documents_flat: list[dict[str, Any]] = [{} for _ in rows]
    for path in paths:
        cells = [row.get(path) for row in rows]
        present = [c for c in cells if c is not None]
        column: list[Any] = []
        if path in INTERESTING:
            shared = {c["unit"] for c in present}
            as_numbers = len(shared) == 1 and draw(st.booleans())
            for i, cell in enumerate(cells):
                if cell is None:
                    column.append(None)
                elif as_numbers:
                    units[path] = cell["unit"]
                    column.append(cell["value"])
                    documents_flat[i][path] = dict(cell)
                else:
                    text = quantity_text(cell)
                    column.append(text)
                    documents_flat[i][path] = text
        elif path in ("health.conditions", "health.medications"):
            form = draw(st.sampled_from(["list", "semicolons", "json"]))
            for i, cell in enumerate(cells):
                if cell is None:
                    column.append(None)
                    continue
                documents_flat[i][path] = cell
                if form == "list":
                    column.append(list(cell))
                elif form == "semicolons":
                    column.append(" ; ".join(cell) if cell else "[]")
                else:
                    column.append(json.dumps(cell))
        elif path in ("sleep.isi", "mind.pss10", "mind.gad7", "mind.phq9"):
            all_totals = all(isinstance(c, int) for c in present)
            as_text = not all_totals or draw(st.booleans())
            for i, cell in enumerate(cells):
                if cell is None:
                    column.append(None)
                    continue
                documents_flat[i][path] = cell
                column.append(json.dumps(cell) if as_text else cell)
        elif path == "magnesium.supplements":
            for i, cell in enumerate(cells):
                if cell is None:
                    column.append(None)
                    continue
                documents_flat[i][path] = cell
                column.append(json.dumps(cell))
        else:
            for i, cell in enumerate(cells):
                column.append(cell)
                if cell is not None:
                    documents_flat[i][path] = cell
        columns[path] = column
    return columns, units, [nest(flat) for flat in documents_flat]


def cohort_frame(rows: int, seed: int = 0) -> tuple[Any, dict[str, str]]:
    """A large random cohort as a pandas DataFrame, generated with numpy (no row loops).

    Numbers in columns with units, flags with gaps, categories, condition and medication
    lists as ``;``-separated text, and questionnaire totals; about one cell in ten unknown.
    """
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)

    def gaps(values: Any, unknown: float = 0.1) -> Any:
        values = np.asarray(values, dtype=np.float64)
        values[rng.random(rows) < unknown] = np.nan
        return values

    def flags(true: float) -> Any:
        return pd.arrays.BooleanArray(rng.random(rows) < true, rng.random(rows) < 0.1)

    def choice(words: list[str]) -> Any:
        codes = rng.integers(-1, len(words), rows)
        return pd.Categorical.from_codes(codes, categories=words)

    def names(vocabulary: Any, rate: float) -> Any:
        members = [m.value for m in vocabulary]
        mask = np.zeros(rows, dtype=np.int64)
        for j in range(len(members)):
            mask |= (rng.random(rows) < rate).astype(np.int64) << j
        uniques, inverse = np.unique(mask, return_inverse=True)
        words = [
            ";".join(m for j, m in enumerate(members) if u >> j & 1) or "[]"
            for u in uniques.tolist()
        ]
        text = np.array(words, dtype=object)[inverse.reshape(-1)]
        text[rng.random(rows) < 0.1] = None
        return pd.array(text, dtype="string")

    frame = pd.DataFrame(
        {
            "age": gaps(rng.integers(0, 100, rows)),
            "sex": choice([s.value for s in Sex]),
            "pregnant": flags(0.05),
            "sleep.duration": gaps(rng.gamma(2.0, 60.0, rows)),
            "sleep.nights_per_week": gaps(rng.integers(0, 8, rows)),
            "sleep.isi": gaps(rng.integers(0, 29, rows), 0.3),
            "sleep.witnessed_apneas": flags(0.05),
            "sleep.drowsy_driving": flags(0.02),
            "magnesium.serum": gaps(np.round(rng.normal(0.8, 0.15, rows).clip(0.1, 2), 3), 0.5),
            "magnesium.dietary_intake": gaps(rng.normal(300, 90, rows).clip(0, 900)),
            "magnesium.night_cramps": flags(0.2),
            "magnesium.restlessness": flags(0.2),
            "lifestyle.caffeine": gaps(np.round(rng.gamma(2.0, 120.0, rows)), 0.1),
            "lifestyle.last_caffeine_before_bed": gaps(rng.uniform(0, 14, rows)),
            "lifestyle.screen_time_before_bed": gaps(rng.integers(0, 240, rows)),
            "lifestyle.late_nights_per_week": gaps(rng.integers(0, 8, rows)),
            "lifestyle.irregular_schedule": flags(0.3),
            "lifestyle.alcohol_drinks_per_week": gaps(np.round(rng.gamma(1.0, 4.0, rows), 1)),
            "lifestyle.smoker": flags(0.15),
            "mind.work_pressure": flags(0.4),
            "mind.perceived_stress": choice([level.value for level in Level]),
            "mind.pss10": gaps(rng.integers(0, 41, rows), 0.4),
            "mind.gad7": gaps(rng.integers(0, 22, rows), 0.3),
            "mind.phq9": gaps(rng.integers(0, 28, rows), 0.3),
            "mind.anxiety_diagnosed": flags(0.1),
            "mind.depression_diagnosed": flags(0.1),
            "health.conditions": names(Condition, 0.03),
            "health.medications": names(Medication, 0.03),
        }
    )
    # A man cannot be pregnant: such a row is invalid (a test of its own holds that).
    frame.loc[frame["sex"] == "male", "pregnant"] = False
    units = {
        "sleep.duration": "days",
        "magnesium.serum": "mmol/L",
        "magnesium.dietary_intake": "mg/day",
        "lifestyle.caffeine": "mg/day",
        "lifestyle.last_caffeine_before_bed": "h",
        "lifestyle.screen_time_before_bed": "min",
    }
    return frame, units


def row_document(frame: Any, row: int, units: dict[str, str]) -> Document:
    """The profile document of one row of :func:`cohort_frame`'s table."""
    import math

    flat: dict[str, Any] = {}
    for path in frame.columns:
        cell = frame[path].iloc[row]
        if (
            cell is None
            or cell is __import__("pandas").NA
            or (isinstance(cell, float) and math.isnan(cell))
        ):
            continue
        if hasattr(cell, "item"):
            cell = cell.item()
        if path in units:
            flat[path] = {"value": float(cell), "unit": units[path]}
        elif path in ("health.conditions", "health.medications"):
            flat[path] = [] if cell == "[]" else cell.split(";")
        elif isinstance(cell, float) and cell.is_integer():
            flat[path] = int(cell)
        else:
            flat[path] = cell
    return nest(flat)
