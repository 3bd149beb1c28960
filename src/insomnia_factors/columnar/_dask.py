"""The columnar assessment over a Dask DataFrame, one partition at a time."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from insomnia_factors.factors.catalog import Catalog

__all__ = ["assess_dask"]


def _partition(frame: Any, partition_info: Mapping[str, Any] | None = None, **options: Any) -> Any:
    from insomnia_factors.columnar._engine import run
    from insomnia_factors.columnar._output import to_pandas
    from insomnia_factors.columnar._source import PandasSource

    checked = options["options"]
    source = PandasSource(frame)
    number = None if partition_info is None else partition_info.get("number")
    return to_pandas(source, checked, run(source, checked, partition=number))


def assess_dask(
    table: Any,
    *,
    units: Mapping[str, str] | None,
    weights: Mapping[str, float] | None,
    catalog: Catalog,
    invalid: str,
    shares: bool,
    keep: Iterable[str],
) -> Any:
    import dask.dataframe as dd

    from insomnia_factors.columnar._engine import check_options, run
    from insomnia_factors.columnar._output import to_pandas
    from insomnia_factors.columnar._source import PandasSource
    from insomnia_factors.errors import InvalidInputError

    if not isinstance(table, dd.DataFrame):
        raise InvalidInputError("table", "a Dask DataFrame", type(table).__name__)
    options = check_options(
        units=units, weights=weights, catalog=catalog, invalid=invalid, shares=shares, keep=keep
    )
    # The result's structure, from the empty frame Dask keeps of the table's columns; this
    # also checks the column names before anything is computed.
    empty = PandasSource(table._meta)
    meta = to_pandas(empty, options, run(empty, options))
    map_partitions: Any = table.map_partitions
    return map_partitions(_partition, options=options, meta=meta, enforce_metadata=False)
