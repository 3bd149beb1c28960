"""Assess a whole cohort at once: one person per row of a pandas, Arrow or Dask table.

Install with the ``dataframe`` extra (pandas, pyarrow, numpy), and ``dask`` for Dask::

    from insomnia_factors.columnar import assess_table

    result = assess_table(frame, units={"magnesium.serum": "mg/dL"})

The numbers are those of :func:`~insomnia_factors.assess` for each row's profile, bit for
bit; a null cell is an unknown field.  See ``docs/cohorts.md`` for the table format.

Columns are named by the profile's dotted field paths (``age``, ``magnesium.serum``,
``lifestyle.caffeine``, ``health.conditions``, …; :func:`profile_columns` lists them).
Cells hold what a profile document would hold, read as follows:

- quantities: text with a unit (``"1.5 mg/dL"``), ``{"value": ..., "unit": ...}``, a pint
  Quantity, or plain numbers whose unit is given per column in ``units=``; a numeric
  column without a unit is an error, never a guess.  Each distinct unit is converted
  once, by :mod:`insomnia_factors.units`.
- whole numbers and numbers: numbers (a whole number stored as a float, such as pandas'
  ``52.0`` in a column with gaps, counts as that whole number) or number text.
- yes/no fields: booleans, or the text ``true`` / ``false``.
- ``sex`` and ``mind.perceived_stress``: their vocabulary as text.
- ``health.conditions`` and ``health.medications``: a list of names, or text holding names
  separated by ``;`` or a JSON array; ``[]`` means none.
- questionnaires (``sleep.isi``, ``mind.pss10``, ``mind.gad7``, ``mind.phq9``): the total
  as a number, the item answers as a list, ``{"items": [...], "total": ...}``, or JSON
  text of any of these.  Only the items can show the PHQ-9 self-harm item.
- ``magnesium.supplements``: a list of supplement objects, or their JSON text; ``[]``
  means none.

Null, NaN in pandas (its missing-value marker) and blank text are unknown; in Arrow a NaN
is a value, and an invalid one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, Literal, overload

try:
    import numpy  # noqa: F401  (only to fail early with a helpful message)
except ImportError as exc:  # pragma: no cover - depends on what is installed
    raise ImportError(
        "insomnia_factors.columnar needs numpy with pandas or pyarrow, which come with the "
        "'dataframe' extra: pip install 'insomnia-factors[dataframe]'"
    ) from exc

from insomnia_factors.errors import InvalidInputError, InvalidRowError
from insomnia_factors.factors.catalog import DEFAULT_CATALOG, Catalog

if TYPE_CHECKING:
    import dask.dataframe as dd
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "InvalidRowError",
    "assess_dask",
    "assess_table",
    "find_invalid",
    "profile_columns",
    "result_columns",
]


def profile_columns() -> tuple[str, ...]:
    """The column names a table may use: every profile field's dotted path."""
    from insomnia_factors.columnar._fields import field_specs

    return tuple(field_specs())


def result_columns(
    catalog: Catalog = DEFAULT_CATALOG, *, invalid: str = "raise", shares: bool = False
) -> tuple[str, ...]:
    """The columns :func:`assess_table` returns (after any ``keep`` columns), in order."""
    from insomnia_factors.columnar._engine import result_names

    return tuple(result_names(catalog, invalid, shares))


def _table_source(table: object) -> Any:
    from insomnia_factors.columnar._source import source_of

    try:
        return source_of(table)
    except TypeError:
        raise InvalidInputError(
            "table", "a pandas DataFrame, a pyarrow Table or a Dask DataFrame", type(table).__name__
        ) from None


def _is_dask(table: object) -> bool:
    return type(table).__module__.split(".")[0] in ("dask", "dask_expr")


@overload
def assess_table(
    table: pd.DataFrame,
    *,
    units: Mapping[str, str] | None = ...,
    weights: Mapping[str, float] | None = ...,
    catalog: Catalog = ...,
    invalid: Literal["raise", "skip"] = ...,
    shares: bool = ...,
    keep: Iterable[str] = ...,
) -> pd.DataFrame: ...
@overload
def assess_table(
    table: dd.DataFrame,
    *,
    units: Mapping[str, str] | None = ...,
    weights: Mapping[str, float] | None = ...,
    catalog: Catalog = ...,
    invalid: Literal["raise", "skip"] = ...,
    shares: bool = ...,
    keep: Iterable[str] = ...,
) -> dd.DataFrame: ...
@overload
def assess_table(
    table: pa.Table,
    *,
    units: Mapping[str, str] | None = ...,
    weights: Mapping[str, float] | None = ...,
    catalog: Catalog = ...,
    invalid: Literal["raise", "skip"] = ...,
    shares: bool = ...,
    keep: Iterable[str] = ...,
) -> pa.Table: ...
def assess_table(
    table: Any,
    *,
    units: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
    catalog: Catalog = DEFAULT_CATALOG,
    invalid: Literal["raise", "skip"] = "raise",
    shares: bool = False,
    keep: Iterable[str] = (),
) -> Any:
    """Assess every row of ``table`` (one person per row) as :func:`~insomnia_factors.assess` would.

    Args:
        table: a pandas DataFrame, a pyarrow Table (or RecordBatch), or a Dask DataFrame
            (see :func:`assess_dask`), with columns named by profile paths.
        units: the unit of each quantity column that holds plain numbers, by column
            (``{"magnesium.serum": "mg/dL"}``).
        weights: overrides of the catalog's default weights, by factor id.
        catalog: the factors to run.  A factor without a vectorised rule (a user's own)
            is scored by its own rule, row by row.
        invalid: ``"raise"`` (default) raises
            :class:`~insomnia_factors.errors.InvalidRowError` for the first row
            with an invalid cell; ``"skip"`` assesses the other rows and leaves the
            invalid ones empty (null scores, no cause), with their problems in an
            ``invalid`` column.
        shares: add a ``share.<factor>`` column per factor (contribution / total).
        keep: input columns to copy to the result first (an identifier, say); any other
            column that is not a profile path is an error.

    Returns:
        A table of the same kind with the same rows in the same order (and, for pandas,
        the same index): ``score.<factor>`` and ``contribution.<factor>`` for every
        factor of the catalog (floats), ``top_cause`` (factor id, null when no factor
        contributes; ties go to the smaller id, as in ``assess()``), ``referral`` and
        ``referral_urgent`` (see a doctor; soon), ``insomnia_pattern`` (chronic,
        persistent, short_term, unknown) and ``insomnia_severity`` (ISI band, null when
        the ISI is unknown).  Factor ids and patterns are categorical (dictionary) columns.

    Raises:
        InvalidRowError: a cell is invalid (with ``invalid="raise"``): its row, column
            and the message the profile models give for that value.
        InvalidProfileError: a column is not a profile path, or a quantity column of
            plain numbers has no unit.
        InvalidInputError: ``units``, ``weights`` or another argument is invalid.
    """
    from insomnia_factors.columnar._engine import check_options, run
    from insomnia_factors.columnar._output import build

    if _is_dask(table):
        return assess_dask(
            table,
            units=units,
            weights=weights,
            catalog=catalog,
            invalid=invalid,
            shares=shares,
            keep=keep,
        )
    options = check_options(
        units=units, weights=weights, catalog=catalog, invalid=invalid, shares=shares, keep=keep
    )
    source = _table_source(table)
    return build(source, options, run(source, options))


def find_invalid(
    table: Any, *, units: Mapping[str, str] | None = None, keep: Iterable[str] = ()
) -> list[InvalidRowError]:
    """Every invalid cell of ``table``, by row and then in profile order.

    Each is an :class:`~insomnia_factors.errors.InvalidRowError` with the row, the
    column's path and the message the profile models give for that value; an empty list
    means every row can be assessed.  ``units`` and ``keep`` are those of
    :func:`assess_table`.  Problems with the table itself (an unknown column, a quantity
    column of plain numbers without a unit) raise instead.
    """
    from insomnia_factors.columnar._engine import all_errors, check_options

    options = check_options(
        units=units, weights=None, catalog=DEFAULT_CATALOG, invalid="skip", shares=False, keep=keep
    )
    source = _table_source(table)
    return [
        InvalidRowError(row, error, label=source.label(row))
        for row, error in all_errors(source, options)
    ]


def assess_dask(
    table: dd.DataFrame,
    *,
    units: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
    catalog: Catalog = DEFAULT_CATALOG,
    invalid: Literal["raise", "skip"] = "raise",
    shares: bool = False,
    keep: Iterable[str] = (),
) -> dd.DataFrame:
    """:func:`assess_table` on each partition of a Dask DataFrame (lazily).

    The arguments and result columns are those of :func:`assess_table`; the columns and
    arguments are checked at once, the cells when the result is computed.  An invalid
    cell raises :class:`~insomnia_factors.errors.InvalidRowError` naming the partition
    and the row within it.
    """
    from insomnia_factors.columnar._dask import assess_dask as run_dask

    result: dd.DataFrame = run_dask(
        table,
        units=units,
        weights=weights,
        catalog=catalog,
        invalid=invalid,
        shares=shares,
        keep=keep,
    )
    return result
