"""The command line, through a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "insomnia_factors", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_assess_example_text() -> None:
    result = run("assess", "--example")
    assert result.returncode == 0, result.stderr
    assert "Plausible contributors" in result.stdout
    assert "1.5 mg/dL (0.617 mmol/L)" in result.stdout
    assert "See a doctor: yes" in result.stdout


def test_assess_json_from_stdin_matches_the_schema(tmp_path: Path) -> None:
    schema = json.loads(run("schema", "assessment").stdout)
    result = run(
        "assess", "-", "--format", "json", stdin=json.dumps({"magnesium": {"serum": "0.5 mmol/L"}})
    )
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    assert document["causes"][0]["factor"] == "magnesium_deficiency"


def test_assess_file_markdown_with_weights(tmp_path: Path) -> None:
    path = tmp_path / "p.json"
    path.write_text(
        json.dumps({"mind": {"perceived_stress": "high"}, "lifestyle": {"smoker": True}})
    )
    result = run("assess", str(path), "--format", "markdown", "--weight", "nicotine=3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Insomnia factors")
    assert result.stdout.index("## Nicotine") < result.stdout.index("## Stress")


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (("assess", "-"), '{"magnesium": {"serum": "1.5"}}', "magnesium.serum"),
        (("assess", "-"), "{nope", "JSON"),
        (("assess", "/no/such/file.json"), None, "cannot read"),
        (("assess", "--example", "--weight", "coffee=2"), None, "weights.coffee"),
        (("assess", "--example", "--weight", "caffeine"), None, "FACTOR=NUMBER"),
        (("convert", "2**2**2**2 mg", "--to", "g"), None, "quantity"),
        (("convert", "2 h", "--to", "mg/dL"), None, "to_unit"),
        (("elemental", "500 mg", "--compound", "magnesium gold"), None, "compound"),
        (("schema", "nonsense"), None, "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    args: tuple[str, ...], stdin: str | None, needle: str
) -> None:
    result = run(*args, stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]


def test_convert_and_elemental() -> None:
    converted = run("convert", "0.75 mmol/L", "--to", "mg/dL")
    assert converted.returncode == 0
    assert converted.stdout.strip() == "1.8229 mg/dL"
    elemental = run("elemental", "500 mg", "--compound", "magnesium oxide")
    assert elemental.returncode == 0
    assert elemental.stdout.startswith("301.52 mg elemental magnesium")
    assert "60.3% Mg" in elemental.stdout
    unspaced = run("elemental", "1g/day", "--compound", "citrate")
    assert unspaced.stdout.startswith("0.16163 g/day elemental magnesium")


def test_factors_lists_the_catalog() -> None:
    listing = json.loads(run("factors", "--format", "json").stdout)
    ids = [row["id"] for row in listing["factors"]]
    assert "magnesium_deficiency" in ids
    assert len(ids) == 12
    assert "caffeine" in run("factors").stdout


def test_schema_profile_is_valid_json_schema() -> None:
    schema = json.loads(run("schema", "profile").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)


def test_console_script_entry_point_is_declared() -> None:
    from importlib.metadata import entry_points

    scripts = {ep.name: ep.value for ep in entry_points(group="console_scripts")}
    assert scripts.get("insomnia-factors") == "insomnia_factors.cli:main"
