"""assess_dask(): the columnar assessment per partition of a Dask DataFrame."""

from __future__ import annotations

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import pytest

from _cohort_data import cohort_frame, row_document
from insomnia_factors.columnar import assess_dask, assess_table
from insomnia_factors.errors import InvalidProfileError, InvalidRowError
from test_columnar import expect_same, records

ROWS = 1_000_000


def same_table(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    """Equal columns, types, index and values (NaN equal to NaN); fast on a million rows."""
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_series_equal(got.dtypes, expected.dtypes)
    assert got.index.equals(expected.index)
    for name in expected.columns:
        assert got[name].equals(expected[name]), name


@pytest.fixture(scope="module")
def cohort() -> tuple[pd.DataFrame, dict[str, str]]:
    return cohort_frame(ROWS, seed=11)


def test_a_million_rows_per_partition_equal_the_whole_table_and_assess(
    cohort: tuple[pd.DataFrame, dict[str, str]],
) -> None:
    frame, units = cohort
    ddf = dd.from_pandas(frame, npartitions=8)
    lazy = assess_dask(ddf, units=units, shares=True)
    assert lazy.npartitions == 8
    with dask.config.set(scheduler="synchronous"):
        result = lazy.compute()
    assert len(result) == ROWS
    assert result.index.equals(frame.index)
    # The meta Dask was given is what the partitions return.
    pd.testing.assert_series_equal(lazy._meta.dtypes, result.dtypes)
    same_table(result, assess_table(frame, units=units, shares=True))
    # and a sample of rows, person by person, against assess()
    sample = np.random.default_rng(3).choice(ROWS, size=150, replace=False)
    for row, got in zip(sample, records(result.iloc[sample]), strict=True):
        expect_same(got, row_document(frame, int(row), units), shares=True)
    assert result["top_cause"].notna().mean() > 0.5
    assert 0 < result["referral"].mean() < 1


def test_threaded_scheduler_and_assess_table_on_a_dask_frame(
    cohort: tuple[pd.DataFrame, dict[str, str]],
) -> None:
    frame, units = cohort
    part = frame.iloc[:200_000]
    ddf = dd.from_pandas(part, npartitions=4)
    with dask.config.set(scheduler="threads"):
        result = assess_table(ddf, units=units).compute()
    same_table(result, assess_table(part, units=units))


def test_bad_cells_in_partitions() -> None:
    frame = pd.DataFrame(
        {"age": [30, 40, 50, 60, 70, 80], "magnesium.serum": ["0.5 mmol/L"] * 5 + ["-1 mmol/L"]}
    )
    ddf = dd.from_pandas(frame, npartitions=3)
    with dask.config.set(scheduler="synchronous"):
        with pytest.raises(InvalidRowError) as caught:
            assess_dask(ddf).compute()
        skipped = assess_dask(ddf, invalid="skip").compute()
    assert (caught.value.partition, caught.value.row, caught.value.label) == (2, 1, 5)
    assert str(caught.value).startswith("partition 2, row 1: magnesium.serum: expected")
    assert skipped["invalid"].notna().tolist() == [False] * 5 + [True]
    assert skipped["score.magnesium_deficiency"].isna().tolist() == [False] * 5 + [True]


def test_columns_and_arguments_are_checked_before_computing() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"magnesium.serun": ["1 mg/dL"]}), npartitions=1)
    with pytest.raises(InvalidProfileError, match=r"magnesium\.serun"):
        assess_dask(ddf)
    ok = dd.from_pandas(pd.DataFrame({"magnesium.serum": [0.8]}), npartitions=1)
    with pytest.raises(InvalidProfileError, match="units"):
        assess_dask(ok, units={"magnesium.serum": "mg/day"})
