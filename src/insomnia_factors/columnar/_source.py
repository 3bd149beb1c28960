"""Reading the columns of a pandas DataFrame or a pyarrow Table, without copying them.

A column comes out in one of two shapes:

- :class:`Numbers`: a numpy array of numbers or booleans, with a mask of the null cells;
  the fast, vectorised path.
- :class:`Coded`: one code per row into a list of distinct cell values (``-1`` for null),
  for text, lists and anything else; each distinct value is then read once.

Null follows each library's convention: in pandas NaN is the missing-value marker, so a
NaN cell is unknown; in Arrow null is unknown and NaN is a value (and an invalid one).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import numpy.typing as npt

from insomnia_factors.columnar._fields import is_null, plain

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["Coded", "Numbers", "Source", "source_of"]


@attrs.frozen
class Numbers:
    """Numbers or booleans; ``null`` marks unknown cells (None: none are)."""

    values: npt.NDArray[Any]
    null: npt.NDArray[np.bool_] | None


@attrs.frozen
class Coded:
    """``codes[i]`` indexes ``uniques``; -1 is a null cell."""

    codes: npt.NDArray[np.intp]
    uniques: Sequence[object]


Column = Numbers | Coded


def _freeze(value: object) -> Hashable:
    value = plain(value)
    if isinstance(value, dict):
        return ("{}", tuple((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return ("[]", tuple(_freeze(v) for v in value))
    if isinstance(value, Hashable):
        return (type(value).__name__, value)
    return ("?", id(value))


def _code_objects(cells: Sequence[object]) -> Coded:
    """Codes for cells that may be unhashable (lists, dicts): keyed by a frozen copy."""
    codes = np.full(len(cells), -1, dtype=np.intp)
    seen: dict[Hashable, int] = {}
    uniques: list[object] = []
    for i, cell in enumerate(cells):
        if not isinstance(cell, (list, tuple, dict, np.ndarray)) and is_null(cell):
            continue
        key = _freeze(cell)
        code = seen.get(key)
        if code is None:
            code = seen[key] = len(uniques)
            uniques.append(cell)
        codes[i] = code
    return Coded(codes, uniques)


class Source:
    """The columns of one table, by name."""

    def __init__(self, length: int, names: Sequence[object]) -> None:
        self.length = length
        self.names = list(names)

    def column(self, name: str) -> Column:  # pragma: no cover - abstract
        raise NotImplementedError

    def label(self, row: int) -> object:
        """The row's index label (pandas), else None."""
        return None


class PandasSource(Source):
    def __init__(self, frame: pd.DataFrame) -> None:
        super().__init__(len(frame), list(frame.columns))
        self.frame = frame

    def column(self, name: str) -> Column:
        import pandas as pd

        series = self.frame[name]
        dtype = series.dtype
        if isinstance(dtype, np.dtype):
            if dtype.kind in "iub":
                return Numbers(series.to_numpy(), None)
            if dtype.kind == "f":
                values = series.to_numpy()
                return Numbers(values, np.isnan(values))
        elif isinstance(dtype, pd.ArrowDtype):
            arrow = series.array.__arrow_array__()
            return _arrow_column(arrow)
        elif isinstance(
            series.array, (pd.arrays.IntegerArray, pd.arrays.FloatingArray, pd.arrays.BooleanArray)
        ):
            # pandas' nullable Int64 / Float64 / boolean arrays
            null = series.isna().to_numpy()
            target = bool if dtype.kind == "b" else (np.float64 if dtype.kind == "f" else np.int64)
            return Numbers(series.to_numpy(dtype=target, na_value=0), null)
        if isinstance(dtype, pd.CategoricalDtype):
            codes = series.cat.codes.to_numpy().astype(np.intp)
            return Coded(codes, list(series.cat.categories.tolist()))
        try:
            codes, uniques = pd.factorize(series, use_na_sentinel=True)
        except TypeError:  # unhashable cells: lists, dicts
            return _code_objects(series.tolist())
        return Coded(codes.astype(np.intp, copy=False), list(uniques.tolist()))

    def label(self, row: int) -> object:
        return plain(self.frame.index[row])


def _is_text(kind: Any) -> bool:
    import pyarrow as pa

    string_view = getattr(pa.types, "is_string_view", lambda _: False)
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or string_view(kind))


def _arrow_column(column: pa.ChunkedArray | pa.Array) -> Column:
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(column, pa.Array):
        column = pa.chunked_array([column], type=column.type)
    kind = column.type
    if pa.types.is_dictionary(kind) and _is_text(kind.value_type):
        combined = column.unify_dictionaries().combine_chunks()
        return _dictionary(combined)
    if pa.types.is_dictionary(kind):
        column = column.cast(kind.value_type)
        kind = column.type
    if pa.types.is_null(kind):
        return Coded(np.full(len(column), -1, dtype=np.intp), [])
    if pa.types.is_decimal(kind):
        column = column.cast(pa.float64())
        kind = column.type
    if pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_boolean(kind):
        null = None
        if column.null_count:
            null = column.is_null().to_numpy(zero_copy_only=False)
            if not pa.types.is_floating(kind):  # (floats convert with NaN in null slots)
                column = column.fill_null(False if pa.types.is_boolean(kind) else 0)
        if pa.types.is_floating(kind) and kind != pa.float64():
            column = column.cast(pa.float64())
        values = column.to_numpy() if column.num_chunks else np.array([], dtype=np.float64)
        return Numbers(values, null)
    if _is_text(kind):
        return _dictionary(pc.dictionary_encode(column.combine_chunks()))
    return _code_objects(column.to_pylist())


def _dictionary(array: pa.DictionaryArray) -> Coded:
    import pyarrow.compute as pc

    indices = pc.fill_null(array.indices, -1).to_numpy(zero_copy_only=False)
    return Coded(indices.astype(np.intp, copy=False), array.dictionary.to_pylist())


class ArrowSource(Source):
    def __init__(self, table: pa.Table) -> None:
        super().__init__(table.num_rows, table.column_names)
        self.table = table

    def column(self, name: str) -> Column:
        return _arrow_column(self.table.column(name))


def source_of(table: object) -> Source:
    """A :class:`Source` for a pandas DataFrame or a pyarrow Table / RecordBatch."""
    module = type(table).__module__.split(".")[0]
    if module == "pandas":
        import pandas as pd

        if isinstance(table, pd.DataFrame):
            return PandasSource(table)
    if module == "pyarrow":
        import pyarrow as pa

        if isinstance(table, pa.RecordBatch):
            table = pa.Table.from_batches([table])
        if isinstance(table, pa.Table):
            return ArrowSource(table)
    raise TypeError
