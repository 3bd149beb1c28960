"""The result table: pandas for pandas, Arrow for Arrow, with fixed column types."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from insomnia_factors.columnar._engine import Options, Outcome
from insomnia_factors.columnar._rules import PATTERNS, SEVERITIES
from insomnia_factors.columnar._source import ArrowSource, PandasSource, Source

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["float_columns", "to_arrow", "to_pandas"]


def float_columns(ids: tuple[str, ...], shares: bool) -> list[str]:
    """The float columns of the result: every column of ``Outcome.block``, in order."""
    names = [f"score.{i}" for i in ids] + [f"contribution.{i}" for i in ids]
    if shares:
        names += [f"share.{i}" for i in ids]
    return names


def to_pandas(source: PandasSource, options: Options, outcome: Outcome) -> pd.DataFrame:
    import pandas as pd

    frame = source.frame
    index = frame.index
    floats = pd.DataFrame(
        outcome.block.T, index=index, columns=float_columns(outcome.ids, options.shares), copy=False
    )
    skip = options.invalid == "skip"

    def flags(values: np.ndarray[Any, Any]) -> Any:
        if not skip:
            return values
        mask = outcome.bad if outcome.bad is not None else np.zeros(len(values), dtype=np.bool_)
        return pd.arrays.BooleanArray(values, mask)

    others: dict[str, Any] = {
        "top_cause": pd.Categorical.from_codes(outcome.top, categories=pd.Index(outcome.ids)),
        "referral": flags(outcome.referral),
        "referral_urgent": flags(outcome.urgent),
        "insomnia_pattern": pd.Categorical.from_codes(
            outcome.pattern, categories=pd.Index([p.value for p in PATTERNS])
        ),
        "insomnia_severity": pd.Categorical.from_codes(
            outcome.severity, categories=pd.Index(SEVERITIES)
        ),
    }
    if skip:
        messages = outcome.messages or [None] * outcome.length
        others["invalid"] = pd.array(messages, dtype="string")
    parts = [floats, pd.DataFrame(others, index=index)]
    if options.keep:
        parts.insert(0, frame[list(options.keep)])
    return pd.concat(parts, axis=1)


def to_arrow(source: ArrowSource, options: Options, outcome: Outcome) -> pa.Table:
    import pyarrow as pa

    bad = outcome.bad
    names: list[str] = list(options.keep)
    arrays: list[Any] = [source.table.column(name) for name in options.keep]
    for name, values in zip(float_columns(outcome.ids, options.shares), outcome.block, strict=True):
        names.append(name)
        arrays.append(pa.array(values, mask=bad))

    def dictionary(codes: np.ndarray[Any, Any], words: list[str]) -> pa.DictionaryArray:
        indices = pa.array(codes.astype(np.int8 if len(words) < 128 else np.int32), mask=codes < 0)
        return pa.DictionaryArray.from_arrays(indices, pa.array(words, type=pa.string()))

    names += ["top_cause", "referral", "referral_urgent", "insomnia_pattern", "insomnia_severity"]
    arrays += [
        dictionary(outcome.top, list(outcome.ids)),
        pa.array(outcome.referral, mask=bad),
        pa.array(outcome.urgent, mask=bad),
        dictionary(outcome.pattern, [p.value for p in PATTERNS]),
        dictionary(outcome.severity, list(SEVERITIES)),
    ]
    if options.invalid == "skip":
        names.append("invalid")
        arrays.append(pa.array(outcome.messages or [None] * outcome.length, type=pa.string()))
    return pa.Table.from_arrays(arrays, names=names)


def build(source: Source, options: Options, outcome: Outcome) -> Any:
    if isinstance(source, PandasSource):
        return to_pandas(source, options, outcome)
    assert isinstance(source, ArrowSource)
    return to_arrow(source, options, outcome)
