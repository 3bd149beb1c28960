"""Units layer: conversions against reference values, salts, registries, hostile input."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pint
import pytest

from insomnia_factors.errors import (
    InsomniaFactorsError,
    InvalidProfileError,
    InvalidQuantityError,
    UnknownCompoundError,
)
from insomnia_factors.units import (
    COMPOUNDS,
    Kind,
    Measurement,
    canonical_unit,
    convert,
    elemental_magnesium,
    find_compound,
    parse_quantity,
)
from insomnia_factors.units._grammar import normalize_unit
from insomnia_factors.units._known import KNOWN_FACTORS
from insomnia_factors.units._measurement import link
from insomnia_factors.units._registry import registry

# Worked anchors of the reference (mmol/L, mg/dL, mEq/L), computed with M = 24.305 g/mol.
ANCHORS = [
    (0.60, 1.46, 1.2),
    (0.75, 1.82, 1.5),
    (0.85, 2.07, 1.7),
    (0.95, 2.31, 1.9),
    (1.10, 2.67, 2.2),
    (2.00, 4.86, 4.0),
]


@pytest.mark.parametrize(("mmol", "mg_dl", "meq"), ANCHORS)
def test_serum_anchor_conversions(mmol: float, mg_dl: float, meq: float) -> None:
    assert convert(f"{mmol} mmol/L", "mg/dL").magnitude == pytest.approx(mg_dl, abs=0.005)
    assert convert(f"{mmol} mmol/L", "mEq/L").magnitude == pytest.approx(meq, abs=1e-9)
    assert convert(f"{meq} mEq/L", "mmol/L").magnitude == pytest.approx(mmol, abs=1e-9)
    back = convert(convert(f"{mmol} mmol/L", "mg/dL"), "mmol/L")
    assert back.magnitude == pytest.approx(mmol, rel=1e-12)


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("1 mg/dL", "mmol/L", 10 / 24.305),
        ("1 mg/dL", "mEq/L", 20 / 24.305),
        ("1 mg/dL", "mg/L", 10.0),
        ("0.75 mmol/L", "umol/L", 750.0),
        ("750 µmol/L", "mmol/L", 0.75),
        ("750 μmol/L", "mg/L", 0.75 * 24.305),
        ("2 h", "min", 120.0),
        ("1 g/day", "mg/day", 1000.0),
        ("700 mg/week", "mg/day", 100.0),
        ("4 mmol", "mg", 4 * 24.305),  # UK SmPC: 4 mmol = 97.2 mg
    ],
)
def test_convert_reference_factors(text: str, unit: str, expected: float) -> None:
    assert convert(text, unit).magnitude == pytest.approx(expected, rel=1e-12)


def test_canonical_values_per_kind() -> None:
    cases = [
        ("1.5 mg/dL", Kind.SERUM_MAGNESIUM, 15 / 24.305),
        ("1.5 mEq/L", Kind.SERUM_MAGNESIUM, 0.75),
        ("2 g/week", Kind.MASS_PER_DAY, 2000 / 7),
        ("12 mmol/day", Kind.MAGNESIUM_PER_DAY, 12 * 24.305),
        ("0.5 g", Kind.MASS, 500.0),
        ("5.5 h", Kind.DURATION, 330.0),
        ("2 weeks", Kind.DURATION, 2 * 7 * 24 * 60.0),
        ("3 months", Kind.DURATION, 3 * 30.4375 * 24 * 60),
        ("3 mo", Kind.DURATION, 3 * 30.4375 * 24 * 60),
    ]
    for text, kind, expected in cases:
        assert parse_quantity(text, kind).canonical == pytest.approx(expected, rel=1e-12)


def test_measurement_keeps_the_persons_unit() -> None:
    m = parse_quantity("1.5 mg/dL", Kind.SERUM_MAGNESIUM, field="magnesium.serum")
    assert (m.value, m.unit, m.kind) == (1.5, "mg/dL", Kind.SERUM_MAGNESIUM)
    assert m.describe() == "1.5 mg/dL (0.617 mmol/L)"
    assert str(m) == "1.5 mg/dL"
    assert m.to_quantity().to("mg/dL").magnitude == pytest.approx(1.5)


def test_dict_form_is_accepted() -> None:
    m = parse_quantity({"value": 0.8, "unit": "mmol/L"}, Kind.SERUM_MAGNESIUM)
    assert m == Measurement(0.8, "mmol/L", Kind.SERUM_MAGNESIUM)


def test_quantity_from_a_foreign_registry_is_accepted() -> None:
    own = pint.UnitRegistry()
    q = own.Quantity(1.5, "mg/dL")
    m = parse_quantity(q, Kind.SERUM_MAGNESIUM)
    assert m.canonical == pytest.approx(15 / 24.305)
    converted = convert(q, "mmol/L")
    assert converted.magnitude == pytest.approx(15 / 24.305)
    # The result lives in the application registry and mixes with its quantities.
    app = pint.get_application_registry()
    total = converted + app.Quantity(0.1, "mmol/L")
    assert total.magnitude == pytest.approx(15 / 24.305 + 0.1)


def test_quantity_from_a_registry_with_pretty_default_format() -> None:
    own = pint.UnitRegistry()
    own.formatter.default_format = "~P"
    m = parse_quantity(own.Quantity(2.0, "mg/dL"), Kind.SERUM_MAGNESIUM)
    assert m.canonical == pytest.approx(20 / 24.305)


def test_equivalent_result_round_trips_through_parsing() -> None:
    q = convert("0.75 mmol/L", "mEq/L")
    assert parse_quantity(q, Kind.SERUM_MAGNESIUM).canonical == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("kind", "text", "same_amount"),
    [
        # Each pair is one amount; before canonical values were rounded, pint's float
        # factors left the left-hand one a hair off (0.6000000000000001 mmol/L, …).
        (Kind.SERUM_MAGNESIUM, "1.4583 mg/dL", "0.6 mmol/L"),
        (Kind.SERUM_MAGNESIUM, "24.305 mg/dL", "10 mmol/L"),
        (Kind.MAGNESIUM_PER_DAY, "2.45 g/week", "350 mg/day"),
        (Kind.MAGNESIUM_PER_DAY, "17.280394980456695 mmol/day", "420 mg/day"),
        (Kind.DURATION, "12.714285714285714 weeks", "89 days"),
    ],
)
def test_the_same_amount_has_the_same_canonical_value_in_every_unit(
    kind: Kind, text: str, same_amount: str
) -> None:
    assert parse_quantity(text, kind).canonical == parse_quantity(same_amount, kind).canonical


@pytest.mark.parametrize("text", ["10 mmol/L", "20 mEq/L", "10000 umol/L", "24.305 mg/dL"])
def test_serum_at_the_plausibility_limit_is_accepted_in_every_unit(text: str) -> None:
    assert parse_quantity(text, Kind.SERUM_MAGNESIUM).canonical == 10.0


# Elemental fractions (%) published in Molecules 2020 Table 3 / 2021 Table 1, or computed
# in the project reference from the formula; tolerance covers rounding to 0.1 %.
SALTS = {
    "magnesium oxide": 60.3,
    "magnesium hydroxide": 41.7,
    "magnesium carbonate": 28.8,
    "magnesium chloride": 25.5,
    "magnesium chloride hexahydrate": 12.0,
    "magnesium sulfate": 20.2,
    "magnesium sulfate heptahydrate": 9.9,
    "magnesium hydrogen citrate": 11.3,
    "magnesium citrate": 16.2,
    "trimagnesium dicitrate nonahydrate": 11.9,
    "magnesium glycinate": 14.1,
    "magnesium malate": 15.5,
    "magnesium l-threonate": 8.3,
    "magnesium taurate": 8.9,
    "magnesium lactate": 12.0,
    "magnesium lactate dihydrate": 10.2,
    "magnesium aspartate": 8.4,
    "magnesium aspartate dihydrate": 7.5,
    "magnesium aspartate tetrahydrate": 6.7,
    "magnesium glycerophosphate": 12.5,
    "magnesium gluconate": 5.9,
    "magnesium orotate": 7.3,
}

MOLAR_MASSES = {
    "magnesium oxide": 40.30,
    "magnesium chloride hexahydrate": 203.30,
    "magnesium sulfate heptahydrate": 246.47,
    "magnesium citrate": 451.11,
    "magnesium glycinate": 172.42,
    "magnesium l-threonate": 294.50,
    "magnesium taurate": 272.57,
    "magnesium aspartate": 288.49,
    "magnesium orotate": 334.48,
}


def test_every_compound_has_a_published_fraction() -> None:
    assert set(SALTS) == set(COMPOUNDS)


@pytest.mark.parametrize(("name", "percent"), sorted(SALTS.items()))
def test_elemental_fraction(name: str, percent: float) -> None:
    salt = find_compound(name)
    assert salt.elemental_fraction * 100 == pytest.approx(percent, abs=0.06)
    dose = elemental_magnesium("1000 mg", name)
    assert dose.to("mg").magnitude == pytest.approx(salt.elemental_fraction * 1000)


@pytest.mark.parametrize(("name", "molar_mass"), sorted(MOLAR_MASSES.items()))
def test_molar_mass(name: str, molar_mass: float) -> None:
    assert find_compound(name).molar_mass == pytest.approx(molar_mass, abs=0.015)


def test_abbasi_trial_dose_cross_check() -> None:
    # 414 mg MgO twice a day was reported as 500 mg elemental magnesium a day.
    assert elemental_magnesium("828 mg/day", "MgO").to("mg/day").magnitude == pytest.approx(
        500, abs=1.5
    )


def test_elemental_keeps_the_dose_unit_and_aliases_work() -> None:
    result = elemental_magnesium("1 g/day", "Epsom salt")
    assert f"{result.units:~}" == "g / d"
    assert find_compound("  Magnesium   OXIDE ") is find_compound("MgO")


def test_unknown_compound_lists_known_ones() -> None:
    with pytest.raises(UnknownCompoundError) as info:
        elemental_magnesium("500 mg", "magnesium unobtainium")
    assert info.value.field == "compound"
    assert "magnesium oxide" in str(info.value)
    assert "magnesium l-threonate" in str(info.value)


def test_elemental_rejects_a_dose_that_is_not_a_mass() -> None:
    with pytest.raises(InvalidQuantityError, match="dose"):
        elemental_magnesium("500 mL", "magnesium oxide")


@pytest.mark.parametrize(
    "number",
    [
        repr(0.00012345678901234567),  # Python's shortest text: 20 decimals
        "0.000001234567890123456",  # JavaScript's Number#toString: 21 decimals
    ],
)
def test_the_shortest_text_of_any_float_reads_back(number: str) -> None:
    measurement = parse_quantity(f"{number} months", Kind.DURATION)
    assert measurement.value == float(number)


HOSTILE = [
    ("2**2**2**2**2 mg", "unit such as"),
    ("2**2**2**2**2", "unit such as"),
    ("9" * 70 + " mg/dL", "at most 64"),
    ("1.5", "bare number"),
    ("nan mg/dL", "number followed by a unit"),
    ("inf mg/dL", "number followed by a unit"),
    ("1e999 mg/dL", "finite"),
    ("-0.5 mmol/L", "zero or more"),
    ("1.5 mg/day", "concentration"),
    ("1.5 blorps/dL", "not known"),
    ("1.5 mg/dL; import os", "unit such as"),
    ("__import__('os') mg", "number followed by a unit"),
    ("1.5 mg/dL**99", "unit such as"),
    ("1.5 mg^12/dL", "unit such as"),
    ("0x10 mg/dL", "unit such as"),
    ("", "number followed by a unit"),
    ("1.5 mg/dL/dL/dL/dL/dL/dL", "unit such as"),
    ("25 mmol/L", "from 0.1 to 10 mmol/L; no living person has serum magnesium outside it"),
    ("0 mg/dL", "from 0.244 to 24.3 mg/dL (0.1 to 10 mmol/L)"),
    ("0.0999 mmol/L", "from 0.1 to 10 mmol/L"),
    ("2 mg/L", "from 2.44 to 243 mg/L (0.1 to 10 mmol/L)"),
    ("0.19 mEq/L", "from 0.2 to 20 mEq/L (0.1 to 10 mmol/L)"),
]


def test_a_value_that_overflows_in_canonical_units_is_rejected() -> None:
    # 1e308 months is a finite number of months but more minutes than a float holds.
    with pytest.raises(InvalidQuantityError, match="finite size") as info:
        parse_quantity("1e308 months", Kind.DURATION, field="sleep.duration")
    assert info.value.field == "sleep.duration"


@pytest.mark.parametrize(("text", "message"), HOSTILE)
def test_hostile_strings_are_rejected_with_the_field(text: str, message: str) -> None:
    start = time.perf_counter()
    with pytest.raises(InvalidQuantityError) as info:
        parse_quantity(text, Kind.SERUM_MAGNESIUM, field="magnesium.serum")
    assert time.perf_counter() - start < 1.0  # rejected by the grammar, not by evaluation
    assert info.value.field == "magnesium.serum"
    assert message in str(info.value)
    assert isinstance(info.value, InvalidProfileError)
    assert isinstance(info.value, InsomniaFactorsError)


@pytest.mark.parametrize(
    "value",
    [
        1.5,
        2,
        True,
        None,
        [1.5, "mg/dL"],
        {"value": 1.5},
        {"value": "1.5", "unit": "mg/dL"},
        {"value": 1.5, "unit": 3},
        {"value": float("nan"), "unit": "mg/dL"},
        {"value": 1.5, "unit": "mg/dL", "extra": 1},
    ],
)
def test_non_string_shapes_are_rejected(value: object) -> None:
    with pytest.raises(InvalidQuantityError) as info:
        parse_quantity(value, Kind.SERUM_MAGNESIUM, field="magnesium.serum")
    assert info.value.field.startswith("magnesium.serum")


def test_equivalents_are_refused_outside_magnesium() -> None:
    with pytest.raises(InvalidQuantityError, match="only apply to magnesium"):
        parse_quantity("300 mEq/day", Kind.MASS_PER_DAY, field="lifestyle.caffeine")


def test_wrong_dimension_names_the_expected_one() -> None:
    with pytest.raises(InvalidQuantityError) as info:
        parse_quantity("45 mg", Kind.DURATION, field="sleep.onset_latency")
    assert "time" in info.value.expected
    assert info.value.field == "sleep.onset_latency"


def test_convert_between_unlinked_units_is_a_clear_error() -> None:
    with pytest.raises(InvalidQuantityError) as info:
        convert("2 h", "mg/dL")
    assert info.value.field == "to_unit"
    with pytest.raises(InvalidQuantityError) as info:
        convert("2 h", "2**2**2**2 mg")
    assert info.value.field == "to_unit"


def test_no_pint_errors_leak() -> None:
    for bad in ["1 mg/xyzzy", "1 dL_per_fortnight"]:
        with pytest.raises(InsomniaFactorsError):
            convert(bad, "mg/L")


def test_import_builds_no_registry() -> None:
    code = "import sys, insomnia_factors, insomnia_factors.units;print('pint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(("unit", "kind"), sorted(KNOWN_FACTORS))
def test_known_unit_table_agrees_with_pint(unit: str, kind: str) -> None:
    # The table spares common inputs a registry build; pint stays the authority.
    ureg = registry()
    one = ureg.Quantity(1.0, ureg.parse_units(normalize_unit(unit)[0]))
    magnesium = kind in ("serum_magnesium", "magnesium_per_day")
    expected = link(one, ureg.parse_units(canonical_unit(Kind(kind))), magnesium=magnesium)
    assert expected is not None, f"{unit} is not a unit of {kind}"
    assert KNOWN_FACTORS[(unit, kind)] == pytest.approx(expected.magnitude, rel=1e-12)


def test_common_profiles_are_read_without_pint() -> None:
    code = (
        "import sys\n"
        "from insomnia_factors.units import Kind, parse_quantity\n"
        "for text, kind in [('1.5 mg/dL', 'SERUM_MAGNESIUM'), ('0.62 mmol/L', 'SERUM_MAGNESIUM'),"
        " ('1.3 mEq/L', 'SERUM_MAGNESIUM'), ('300 mg/day', 'MASS_PER_DAY'),"
        " ('45 min', 'DURATION'), ('5 months', 'DURATION'), ('2 g / week', 'MAGNESIUM_PER_DAY')]:\n"
        "    parse_quantity(text, Kind[kind])\n"
        "print('pint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_swapped_application_registry_still_knows_equivalents() -> None:
    original = pint.get_application_registry().get()
    convert("1 mEq/L", "mmol/L")  # prepares the original registry
    pint.set_application_registry(pint.UnitRegistry())
    try:
        assert convert("1.5 mEq/L", "mg/dL").magnitude == pytest.approx(0.75 * 2.4305)
        assert convert("3 mEq/day", "mg/day").magnitude == pytest.approx(1.5 * 24.305)
    finally:
        pint.set_application_registry(original)


@pytest.mark.parametrize(
    "text", ["0.000106434320985149123456789012 min", "1.5.3 min", "1e5000 min", "1.5-3 min"]
)
def test_a_number_too_long_for_the_grammar_is_named_as_the_number(text: str) -> None:
    with pytest.raises(InvalidQuantityError, match="a number of at most 17 digits") as info:
        parse_quantity(text, Kind.DURATION, field="sleep.duration")
    assert info.value.field == "sleep.duration"
    assert text in str(info.value)


@pytest.mark.parametrize("unit", ["mmol/L", "mg/dL", "mEq/L", "mg/L", "µmol/L", "umol/L", "mg/dl"])
def test_the_plausible_serum_range_is_named_in_the_persons_unit_and_its_ends_are_accepted(
    unit: str,
) -> None:
    """0.1-10 mmol/L is a design bound (typing and unit errors), shown in the unit given,
    rounded inwards so that each end shown is itself accepted."""
    with pytest.raises(InvalidQuantityError) as info:
        parse_quantity(f"0 {unit}", Kind.SERUM_MAGNESIUM, field="magnesium.serum")
    shown = re.search(r"from (\S+) to (\S+) " + re.escape(unit), str(info.value))
    assert shown is not None, str(info.value)
    low, high = (float(end) for end in shown.groups())
    for end in (low, high):
        canonical = parse_quantity(f"{end!r} {unit}", Kind.SERUM_MAGNESIUM).canonical
        assert 0.1 <= canonical <= 10
    assert parse_quantity("0.1 mmol/L", Kind.SERUM_MAGNESIUM).canonical == 0.1
