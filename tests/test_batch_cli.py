"""``insomnia-factors assess-batch``, through a real subprocess, on generated cohorts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from _cohort_data import cohort_frame
from insomnia_factors.columnar import assess_table, result_columns

ROWS = 3_000
BAD = {  # row: (column, cell, start of the reported problem)
    17: ("magnesium.serum", -1.0, "row 17: magnesium.serum: expected"),
    230: ("age", "abc", "row 230: age: expected a whole number"),
    1999: ("health.conditions", "gerd;hiccups", "row 1999: health.conditions[1]: expected"),
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "insomnia_factors", *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A CSV file of generated people with three invalid cells, and its --units."""
    frame, units = cohort_frame(ROWS, seed=21)
    frame = frame.astype({column: object for column, _, _ in BAD.values()})
    for row, (column, cell, _) in BAD.items():
        frame.loc[row, column] = cell
    frame.insert(0, "participant", [f"P-{i:05d}" for i in range(ROWS)])
    path = tmp_path_factory.mktemp("cohort") / "cohort.csv"
    frame.to_csv(path, index=False)
    return path, [f"--units={column}={unit}" for column, unit in units.items()]


def _units(arguments: list[str]) -> dict[str, str]:
    return dict(a.removeprefix("--units=").split("=", 1) for a in arguments)


def test_invalid_rows_are_reported_and_skipped(
    cohort: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path, units = cohort
    output = tmp_path / "results.parquet"
    result = run(
        "assess-batch", str(path), "-o", str(output), *units, "--keep", "participant",
        "--chunk-size", "700",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    problems = result.stderr.strip().splitlines()
    assert len(problems) == len(BAD)
    for line, (_, _, start) in zip(problems, BAD.values(), strict=True):
        assert line.startswith(start), line
    assert f"assessed {ROWS - len(BAD):,} of {ROWS:,} rows; skipped {len(BAD)}" in result.stdout

    written = pq.read_table(output).to_pandas()
    assert list(written.columns) == ["row", "participant", *result_columns()]
    expected_rows = [r for r in range(ROWS) if r not in BAD]
    assert written["row"].tolist() == expected_rows
    assert written["participant"].tolist() == [f"P-{r:05d}" for r in expected_rows]

    # The same numbers as assess_table on the whole file (rows with problems left out).
    frame = pd.read_csv(path, dtype={"participant": "string"})
    expected = assess_table(frame, units=_units(units), keep=["participant"], invalid="skip")
    expected = expected[expected["invalid"].isna()]
    for column in result_columns():
        got, want = written[column].to_numpy(), expected[column].to_numpy()
        if column.startswith(("score.", "contribution.")):
            assert np.array_equal(got, want.astype(np.float64)), column
        else:
            assert [str(v) for v in got] == [str(v) for v in want], column
    referrals = int(expected["referral"].sum())
    assert f"see a doctor: {referrals:,} " in result.stdout
    table = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines() if line}
    for factor_id, count in expected["top_cause"].value_counts().items():
        assert table[str(factor_id)][0] == f"{count:,}", factor_id


def test_strict_stops_at_the_first_invalid_value_with_one_line(
    cohort: tuple[Path, list[str]], tmp_path: Path
) -> None:
    path, units = cohort
    output = tmp_path / "results.parquet"
    result = run("assess-batch", str(path), "-o", str(output), *units, "--keep", "participant",
                 "--strict")  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("insomnia-factors: error: row 17: magnesium.serum: expected")
    assert line.endswith("got -1.0")
    assert list(tmp_path.iterdir()) == []  # no output, no partial file


def test_parquet_in_and_a_chart(tmp_path: Path) -> None:
    frame, units = cohort_frame(2_000, seed=4)
    frame.loc[5, "age"] = 130.0
    source = tmp_path / "cohort.parquet"
    frame.to_parquet(source)
    output, chart = tmp_path / "out.parquet", tmp_path / "summary.png"
    arguments = [f"--units={k}={v}" for k, v in units.items()]
    result = run("assess-batch", str(source), "-o", str(output), *arguments, "--plot", str(chart))
    assert result.returncode == 0, result.stderr
    assert result.stderr.startswith("row 5: age: expected a whole number from 0 to 125")
    written = pq.read_table(output).to_pandas()
    assert len(written) == 1_999
    expected = assess_table(frame.drop(index=5), units=units)
    assert np.array_equal(
        written["contribution.stress"].to_numpy(), expected["contribution.stress"].to_numpy()
    )
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    import matplotlib.image

    height, width, _ = matplotlib.image.imread(chart).shape
    assert width > 1000
    assert height > 500
    assert f"chart: {chart}" in result.stdout


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        ((), "magnesium.serum"),  # numbers without a unit
        (("--units", "magnesium.serum"), "COLUMN=UNIT"),
        (("--units", "magnesium.serum=mg/day"), "units.magnesium.serum"),
        (("--units", "age=years"), "units.age"),
        (("--weight", "coffee=2"), "weights.coffee"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    extra: tuple[str, ...], needle: str, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    pd.DataFrame({"age": [40, 50], "magnesium.serum": [0.7, 0.9]}).to_csv(source, index=False)
    output = tmp_path / "out.parquet"
    result = run("assess-batch", str(source), "-o", str(output), *extra)
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert needle in line
    assert not output.exists()


def test_files_and_columns_that_cannot_be_used(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    pd.DataFrame({"id": [1], "age": [40]}).to_csv(source, index=False)
    cases = [
        (("assess-batch", str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.parquet")),
         "cannot read"),
        (("assess-batch", str(source), "-o", str(tmp_path / "o.csv")), "Parquet"),
        (("assess-batch", str(tmp_path / "in.xlsx"), "-o", str(tmp_path / "o.parquet")),
         "cannot read"),
        (("assess-batch", str(source), "-o", str(tmp_path / "o.parquet")), "id: expected"),
        (("assess-batch", str(source)), "-o/--output"),
        (("assess-batch", str(source), "-o", str(tmp_path / "no" / "o.parquet"), "--keep", "id"),
         "cannot write"),
    ]  # fmt: skip
    for arguments, needle in cases:
        result = run(*arguments)
        assert result.returncode == 2, arguments
        (line,) = result.stderr.strip().splitlines()
        assert needle in line, line
    kept = run("assess-batch", str(source), "-o", str(tmp_path / "o.parquet"), "--keep", "id")
    assert kept.returncode == 0, kept.stderr
    assert pq.read_table(tmp_path / "o.parquet").column("id").to_pylist() == ["1"]


def test_a_file_that_cannot_be_parsed_leaves_no_output(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    lines = ["age,lifestyle.smoker", *(f"{20 + i % 50},True" for i in range(500)), '7,"False']
    source.write_text("\n".join(lines) + "\n")
    output = tmp_path / "out.parquet"
    result = run("assess-batch", str(source), "-o", str(output), "--chunk-size", "100")
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"insomnia-factors: error: cannot read {source}: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_an_empty_file_gives_an_empty_result(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("age,lifestyle.smoker\n")
    output = tmp_path / "out.parquet"
    result = run("assess-batch", str(source), "-o", str(output))
    assert result.returncode == 0, result.stderr
    table = pq.read_table(output)
    assert table.num_rows == 0
    assert table.column_names == ["row", *result_columns()]


def test_other_commands_do_not_import_pandas() -> None:
    # (pint itself imports numpy, and dask when they are installed: not ours to change)
    code = (
        "import sys\n"
        "from insomnia_factors.cli import main\n"
        "main(['factors'])\n"
        "main(['convert', '2.1 mg/dL', '--to', 'mmol/L'])\n"
        "heavy = {'pandas', 'pyarrow', 'matplotlib', 'tqdm', 'insomnia_factors.columnar'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
