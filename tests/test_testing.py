"""insomnia_factors.testing: what its strategies draw, and how it is imported."""

from __future__ import annotations

import json
import math
import subprocess
import sys
import textwrap
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

# The models first: importing the questionnaires before them runs into a circular import
# (questionnaires → models.assessment → models.profile → questionnaires) in this version.
import insomnia_factors.models  # noqa: F401
from insomnia_factors import (
    GAD7,
    ISI,
    PHQ9,
    PSS10,
    Condition,
    Health,
    Lifestyle,
    Magnesium,
    Measurement,
    Mind,
    Profile,
    Sleep,
    Supplement,
    load_profile,
)
from insomnia_factors.questionnaires import Questionnaire, to_gad7, to_isi, to_phq9, to_pss10
from insomnia_factors.testing import (
    equivalent_value,
    gad7_answers,
    isi_answers,
    phq9_answers,
    profile_documents,
    profiles,
    pss10_answers,
    quantities,
    questionnaire_answers,
    reexpressed,
)
from insomnia_factors.testing._unit_tables import TABLES
from insomnia_factors.units import Kind, parse_quantity
from profile_paths import INPUT_PATHS, get

# --- Imports ------------------------------------------------------------------------------


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=False
    )


def test_the_core_package_never_imports_hypothesis() -> None:
    run = _python(
        """
        import sys
        import insomnia_factors
        from insomnia_factors import assess, load_profile, profile_schema
        assess(load_profile({"magnesium": {"serum": "0.6 mmol/L"}})).to_dict()
        profile_schema()
        loaded = sorted(m for m in sys.modules if m.split(".")[0] == "hypothesis")
        print(loaded)
        """
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


_WITHOUT_HYPOTHESIS = """
    import sys

    class NoHypothesis:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] == "hypothesis":
                raise ImportError(f"No module named {name!r}")
            return None

    sys.meta_path.insert(0, NoHypothesis())
"""


def test_without_hypothesis_the_core_works_and_testing_names_its_extra() -> None:
    run = _python(
        _WITHOUT_HYPOTHESIS
        + """
    from insomnia_factors import assess, load_profile
    assert assess(load_profile({"lifestyle": {"smoker": True}})).causes
    try:
        import insomnia_factors.testing
    except ImportError as exc:
        print(exc)
    """
    )
    assert run.returncode == 0, run.stderr
    assert "pip install 'insomnia-factors[testing]'" in run.stdout


def test_strategies_are_registered_on_import_of_the_testing_module_only() -> None:
    run = _python(
        """
        from hypothesis.strategies._internal.types import _global_type_lookup as lookup
        import insomnia_factors
        from insomnia_factors import Profile, Sleep, ISI
        before = [t in lookup for t in (Profile, Sleep, ISI)]
        import insomnia_factors.testing
        after = [t in lookup for t in (Profile, Sleep, ISI)]
        print(before, after)
        """
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[False, False, False] [True, True, True]"


REGISTERED: list[type] = [
    Profile,
    Sleep,
    Magnesium,
    Lifestyle,
    Mind,
    Health,
    Supplement,
    Measurement,
    ISI,
    PHQ9,
    GAD7,
    PSS10,
]


@pytest.mark.parametrize("cls", REGISTERED, ids=lambda cls: cls.__name__)
def test_from_type_draws_the_librarys_own_types(cls: type) -> None:
    @given(st.from_type(cls))
    def check(value: object) -> None:
        assert isinstance(value, cls)

    check()


# --- Quantities ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(Kind), ids=lambda kind: kind.value)
def test_each_unit_of_the_tables_means_what_the_library_understands(kind: Kind) -> None:
    # The strategies' own exact tables and the library's pint-based factors must agree;
    # this is also what lets the unit law detect a wrong factor on either side.
    # One canonical unit written in each unit (1 µmol/L would be implausible serum).
    for unit, per_canonical in TABLES[kind].per_canonical.items():
        canonical = parse_quantity(f"{float(per_canonical)!r} {unit}", kind).canonical
        assert math.isclose(canonical, 1.0, rel_tol=1e-11), unit


@given(st.data())
def test_quantities_stay_within_bounds_in_the_units_and_form_asked_for(data: st.DataObject) -> None:
    kind = data.draw(st.sampled_from(list(Kind)))
    table = TABLES[kind]
    ends = st.none() | st.sampled_from([float(b) for b in table.boundaries])
    low, high = data.draw(ends), data.draw(ends)
    if low is not None and high is not None and low > high:
        low, high = high, low
    units = data.draw(st.none() | st.lists(st.sampled_from(table.units), min_size=1, unique=True))
    form = data.draw(st.sampled_from(["text", "mapping", "json", "measurement", "quantity"]))
    value = data.draw(quantities(kind, form=form, min_value=low, max_value=high, units=units))
    if form == "text":
        assert isinstance(value, str)
    elif form == "mapping":
        assert set(value) == {"value", "unit"}
    elif form == "measurement":
        assert isinstance(value, Measurement)
    measurement = parse_quantity(value, kind)
    if form != "quantity":  # a pint Quantity spells its unit pint's way
        assert measurement.unit in (units or table.units)
    # Canonical values are rounded to 12 significant digits: within 5e-12 of the bound.
    canonical = measurement.canonical
    assert canonical >= (float(table.minimum) if low is None else low) * (1 - 5e-12)
    assert canonical <= (float(table.maximum) if high is None else high) * (1 + 5e-12)


@pytest.mark.parametrize(
    ("given_as", "unit", "expected"),
    [
        ("0.75 mmol/L", "mg/dL", 1.822875),
        ("0.75 mmol/L", "mEq/L", 1.5),
        ("0.75 mmol/L", "µmol/L", 750.0),
        ("1.5 mEq/L", "mg/L", 18.22875),
        ("90 min", "h", 1.5),
        ("1 months", "min", 43830.0),
        ("350 mg/day", "g/week", 2.45),
        ("24.305 mg/day", "mmol/day", 1.0),
    ],
)
def test_equivalent_value_converts_exactly(given_as: str, unit: str, expected: float) -> None:
    kind = next(k for k in Kind if unit in TABLES[k].per_canonical)
    assert equivalent_value(parse_quantity(given_as, kind), unit) == expected


def test_quantities_reject_impossible_requests() -> None:
    for build in (
        lambda: quantities("weight"),
        lambda: quantities("duration", min_value=60, max_value=30),
        lambda: quantities("serum_magnesium", min_value=11),
        lambda: quantities("serum_magnesium", units=["furlongs"]),
        lambda: quantities("serum_magnesium", units="mg/dL"),
        lambda: quantities("duration", min_value=math.nan),
        lambda: quantities("duration", form="xml"),  # type: ignore[call-overload]
    ):
        with pytest.raises(InvalidArgument):
            build()


# --- Questionnaires -----------------------------------------------------------------------

INSTRUMENTS = [ISI, PHQ9, GAD7, PSS10]
_BUILD = {ISI: to_isi, PHQ9: to_phq9, GAD7: to_gad7, PSS10: to_pss10}


def to_questionnaire(cls: type[Questionnaire], answers: object) -> Questionnaire | None:
    """The questionnaire a document's answers make (validating items against a total)."""
    return _BUILD[cls](answers)


@given(st.data())
def test_questionnaire_answers_score_within_the_totals_asked_for(data: st.DataObject) -> None:
    cls = data.draw(st.sampled_from(INSTRUMENTS))
    top = cls.INSTRUMENT.max_total
    low = data.draw(st.integers(0, top))
    high = data.draw(st.integers(low, top))
    form = data.draw(st.sampled_from(["total", "items", "both", "any"]))
    answers = data.draw(questionnaire_answers(cls, form=form, min_total=low, max_total=high))
    questionnaire = to_questionnaire(cls, answers)  # validates items against a given total
    assert questionnaire is not None
    assert low <= questionnaire.score <= high
    if form == "total":
        assert isinstance(answers, int)
    elif form == "items":
        assert questionnaire.items is not None
        assert questionnaire.total is None
    elif form == "both":
        assert questionnaire.items is not None
        assert questionnaire.total is not None


@pytest.mark.parametrize(
    ("strategy", "cls"),
    [
        (isi_answers(), ISI),
        (phq9_answers(), PHQ9),
        (gad7_answers(), GAD7),
        (pss10_answers(), PSS10),
    ],
)
def test_each_instrument_has_its_own_answers(strategy: Any, cls: type) -> None:
    @given(strategy)
    def check(answers: object) -> None:
        assert isinstance(to_questionnaire(cls, answers), cls)

    check()


def test_pss10_items_are_drawn_as_ticked() -> None:
    # Items 4, 5, 7 and 8 are reverse-scored, so a scored total of 0 ticks them at 4.
    answers = find(pss10_answers(form="items", max_total=0), lambda a: isinstance(a, list))
    assert answers == [0, 0, 0, 4, 4, 0, 4, 4, 0, 0]


def test_questionnaire_answers_reject_impossible_requests() -> None:
    assert find(questionnaire_answers("PHQ-9", form="total", min_total=27), bool) == 27
    for build in (
        lambda: questionnaire_answers("BDI-II"),
        lambda: questionnaire_answers(GAD7, min_total=22),
        lambda: questionnaire_answers(GAD7, min_total=5, max_total=4),
        lambda: questionnaire_answers(GAD7, form="some"),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidArgument):
            build()


# --- Profiles -----------------------------------------------------------------------------


def test_every_input_is_sometimes_known_and_sometimes_unknown() -> None:
    seen: dict[str, set[bool]] = {path: set() for path in INPUT_PATHS}

    @settings(max_examples=200, derandomize=True, database=None)
    @given(profiles())
    def record(profile: Profile) -> None:
        for path in INPUT_PATHS:
            seen[path].add(get(profile, path) is None)

    record()
    assert {path: known for path, known in seen.items() if known != {True, False}} == {}


# IOM 1997: 0.75-0.95 mmol/L = 1.8-2.3 mg/dL; the lower limit compared is 1.8 mg/dL.
IOM_LOWER = 1.8 * 10 / 24.305


@given(
    profiles(magnesium="low"),
    profiles(magnesium="normal"),
    profiles(magnesium="high"),
    profiles(magnesium="unknown"),
)
def test_magnesium_constraint(
    low: Profile, normal: Profile, high: Profile, unknown: Profile
) -> None:
    assert low.magnesium.serum is not None
    assert 0.1 <= low.magnesium.serum.canonical < IOM_LOWER * (1 - 1e-12)
    assert normal.magnesium.serum is not None
    assert IOM_LOWER * (1 - 1e-12) <= normal.magnesium.serum.canonical <= 0.95
    assert high.magnesium.serum is not None
    assert high.magnesium.serum.canonical > 0.95
    assert unknown.magnesium.serum is None
    # A laboratory's own range would move the status; it is left unknown.
    assert low.magnesium.reference_range is None
    assert normal.magnesium.reference_range is None
    assert high.magnesium.reference_range is None


@given(profiles(kidney_disease=True), profiles(kidney_disease=False))
def test_kidney_disease_constraint(sick: Profile, healthy: Profile) -> None:
    assert sick.health.has(Condition.CHRONIC_KIDNEY_DISEASE) is True
    assert healthy.health.has(Condition.CHRONIC_KIDNEY_DISEASE) is False


@given(profiles(persistent_insomnia=True), profiles(persistent_insomnia=False))
def test_persistent_insomnia_constraint(long: Profile, short: Profile) -> None:
    day = 24 * 60
    assert long.sleep.duration is not None
    assert long.sleep.duration.canonical >= 89 * day
    assert short.sleep.duration is not None
    assert short.sleep.duration.canonical < 89 * day


@given(profiles(complete=True, magnesium="unknown"))
def test_complete_profiles_know_everything_but_what_a_constraint_hides(profile: Profile) -> None:
    unknown = [path for path in INPUT_PATHS if get(profile, path) is None]
    assert unknown == ["magnesium.serum"]


def test_profile_constraints_reject_unknown_values() -> None:
    for build in (
        lambda: profiles(magnesium="raised"),  # type: ignore[arg-type]
        lambda: profiles(kidney_disease="yes"),  # type: ignore[arg-type]
        lambda: profile_documents(complete=1),  # type: ignore[arg-type]
    ):
        with pytest.raises(InvalidArgument):
            build()


@given(profile_documents())
def test_profile_documents_are_plain_json(document: dict[str, Any]) -> None:
    assert json.loads(json.dumps(document)) == document
    assert isinstance(load_profile(document), Profile)


def _measurements(model: object, path: str = "") -> dict[str, Measurement]:
    found: dict[str, Measurement] = {}
    for field in attrs.fields(type(model)):
        value = getattr(model, field.name)
        where = f"{path}.{field.name}" if path else field.name
        if isinstance(value, Measurement):
            found[where] = value
        elif attrs.has(type(value)):
            found |= _measurements(value, where)
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    found |= _measurements(item, f"{where}[{index}]")
    return found


def _without_measurements(model: Any) -> Any:
    if isinstance(model, Measurement):
        return None
    if isinstance(model, tuple):
        return tuple(_without_measurements(item) for item in model)
    if attrs.has(type(model)):
        fields = attrs.fields(type(model))
        return {f.name: _without_measurements(getattr(model, f.name)) for f in fields}
    return model


@given(profiles(), st.data())
def test_reexpressed_keeps_every_amount_and_everything_else(
    profile: Profile, data: st.DataObject
) -> None:
    same = data.draw(reexpressed(profile))
    before, after = _measurements(profile), _measurements(same)
    assert before.keys() == after.keys()
    for where, measurement in before.items():
        assert math.isclose(after[where].canonical, measurement.canonical, rel_tol=1e-12), where
        assert after[where].unit in TABLES[measurement.kind].per_canonical
    assert _without_measurements(same) == _without_measurements(profile)


def test_reexpressed_needs_a_profile() -> None:
    with pytest.raises(InvalidArgument):
        reexpressed({"age": 3})  # type: ignore[arg-type]


def test_exact_tables_use_the_conventional_molar_mass() -> None:
    serum = TABLES[Kind.SERUM_MAGNESIUM].per_canonical
    assert serum["mg/dL"] == Fraction("2.4305")
    assert serum["mEq/L"] == 2
