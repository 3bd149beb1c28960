"""``insomnia-factors assess-batch``: a cohort file in, a Parquet file of results out.

The input (CSV or Parquet, one person per row, columns named by profile paths) is read
and assessed in chunks, so memory stays bounded and the progress bar moves; results are
appended to the output as they come.  Rows with invalid values are reported (row and
field) and left out, or, with ``strict``, the first one stops the run.  At the end a
summary of the cohort is printed (the chart of it is drawn by :mod:`._chart`).

Imported by the command line only when this subcommand runs: it needs pandas and
pyarrow (the ``batch`` extra).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import attrs
import numpy as np

from insomnia_factors.columnar import assess_table, result_columns
from insomnia_factors.errors import BatchError, InvalidRowError
from insomnia_factors.factors.catalog import DEFAULT_CATALOG, Catalog

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = ["Summary", "run_batch"]

#: Problems printed one per line; the rest are counted.
SHOWN_PROBLEMS = 20


@attrs.define
class Summary:
    """What a batch found across the cohort."""

    ids: tuple[str, ...]
    names: dict[str, str]
    assessed: int = 0
    skipped: int = 0
    referrals: int = 0
    no_cause: int = 0
    top: np.ndarray[Any, Any] = attrs.field(factory=lambda: np.zeros(0, dtype=np.int64))
    contributing: np.ndarray[Any, Any] = attrs.field(factory=lambda: np.zeros(0))
    contribution_sum: np.ndarray[Any, Any] = attrs.field(factory=lambda: np.zeros(0))

    def __attrs_post_init__(self) -> None:
        size = len(self.ids)
        self.top = np.zeros(size, dtype=np.int64)
        self.contributing = np.zeros(size, dtype=np.int64)
        self.contribution_sum = np.zeros(size)

    def add(self, result: pd.DataFrame) -> None:
        self.assessed += len(result)
        self.referrals += int(result["referral"].sum())
        codes = result["top_cause"].cat.codes.to_numpy()
        self.no_cause += int((codes < 0).sum())
        self.top += np.bincount(codes[codes >= 0], minlength=len(self.ids))
        for j, factor_id in enumerate(self.ids):
            contribution = result[f"contribution.{factor_id}"].to_numpy()
            self.contributing[j] += int((contribution > 0).sum())
            self.contribution_sum[j] += float(contribution.sum())

    def prevalence(self) -> np.ndarray[Any, Any]:
        """Share of assessed people in whom each factor contributes."""
        result: np.ndarray[Any, Any] = self.contributing / max(self.assessed, 1)
        return result

    def mean_contribution(self) -> np.ndarray[Any, Any]:
        result: np.ndarray[Any, Any] = self.contribution_sum / max(self.assessed, 1)
        return result

    def text(self, output: str) -> str:
        total = self.assessed + self.skipped
        lines = [
            f"assessed {self.assessed:,} of {total:,} rows; skipped {self.skipped:,} "
            "with invalid values",
            f"see a doctor: {self.referrals:,} ({_percent(self.referrals, self.assessed)} "
            "of those assessed)",
            "",
            f"{'factor':<24} {'top cause':>18} {'contributes in':>15} {'mean contribution':>18}",
        ]
        order = sorted(range(len(self.ids)), key=lambda j: (-self.top[j], self.ids[j]))
        prevalence, mean = self.prevalence(), self.mean_contribution()
        for j in order:
            top = f"{self.top[j]:,} ({_percent(self.top[j], self.assessed)})"
            lines.append(f"{self.ids[j]:<24} {top:>18} {prevalence[j]:>15.1%} {mean[j]:>18.3f}")
        no_cause = f"{self.no_cause:,} ({_percent(self.no_cause, self.assessed)})"
        lines += [f"{'(no factor found)':<24} {no_cause:>18}", "", f"results: {output}"]
        return "\n".join(lines)


def _percent(part: int | np.integer[Any], whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


# --- reading ----------------------------------------------------------------------------


def _format(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] in ([".parquet"], [".pq"]):
        return "parquet"
    if ".csv" in suffixes[-2:]:
        return "csv"
    raise BatchError(f"{path}: expected a .csv or .parquet file")


def _count_lines(path: Path) -> int:
    """Rows in a CSV file, for the progress bar (lines after the header)."""
    import gzip

    opener: Any = gzip.open if path.suffix.lower() == ".gz" else open
    count = 0
    last = b"\n"
    with opener(path, "rb") as handle:
        while block := handle.read(1 << 20):
            count += block.count(b"\n")
            last = block[-1:]
    if last != b"\n":
        count += 1
    return max(count - 1, 0)


def _csv_chunks(path: Path, rows: int, keep: Sequence[str]) -> Iterator[pd.DataFrame]:
    import pandas as pd

    # Identifiers are kept as text, so that every chunk has the same column types.
    dtypes = dict.fromkeys(keep, "string")
    with _reading(path):
        yield from pd.read_csv(path, chunksize=rows, dtype=dtypes, low_memory=False)


def _parquet_chunks(path: Path, rows: int) -> Iterator[pa.Table]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    with _reading(path), pq.ParquetFile(path) as handle:
        for batch in handle.iter_batches(batch_size=rows):
            yield pa.Table.from_batches([batch])


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """A file that cannot be parsed is bad input: one line naming the file."""
    try:
        yield
    except (OSError, ValueError, UnicodeError) as exc:  # pandas' and Arrow's parse errors
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise BatchError(f"cannot read {path}: {first}") from None


def _open(path: Path, rows: int, keep: Sequence[str]) -> tuple[int, Iterator[Any], list[str]]:
    """(rows in the file, chunks, column names)."""
    import pyarrow.parquet as pq

    if not path.is_file():
        raise BatchError(f"cannot read {path}: no such file")
    kind = _format(path)
    with _reading(path):
        if kind == "parquet":
            schema = pq.read_schema(path)
            total = pq.ParquetFile(path).metadata.num_rows
            return total, _parquet_chunks(path, rows), list(schema.names)
        import pandas as pd

        header = pd.read_csv(path, nrows=0)
        return _count_lines(path), _csv_chunks(path, rows, keep), list(header.columns)


# --- running ----------------------------------------------------------------------------


def _progress(total: int) -> Any:
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a convenience: without tqdm there is none
        return None
    # disable=None: a bar only when standard error is a terminal.
    return tqdm(total=total, unit="rows", unit_scale=True, disable=None, desc="assessing")


def _as_pandas(result: Any) -> pd.DataFrame:
    import pyarrow as pa

    frame: pd.DataFrame = result.to_pandas() if isinstance(result, pa.Table) else result
    return frame


def run_batch(
    source: str,
    output: str,
    *,
    units: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
    catalog: Catalog = DEFAULT_CATALOG,
    strict: bool = False,
    keep: Sequence[str] = (),
    chunk_rows: int = 100_000,
    problems: TextIO | None = None,
) -> Summary:
    """Assess ``source`` into the Parquet file ``output``; returns the cohort summary.

    Invalid rows are written to ``problems`` (one line each, the first
    :data:`SHOWN_PROBLEMS`) and left out of the output; with ``strict`` the first one
    raises :class:`~insomnia_factors.errors.InvalidRowError` (rows count from 0, the
    header not included) and no output is left behind.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    problems = problems if problems is not None else sys.stderr
    path, target = Path(source), Path(output)
    if target.suffix.lower() not in (".parquet", ".pq"):
        raise BatchError(f"{output}: the output is written as Parquet: name it *.parquet")
    total, chunks, columns = _open(path, chunk_rows, keep)
    summary = Summary(tuple(catalog.ids), {f.id: f.name for f in catalog})
    names = ["row", *keep, *result_columns(catalog)]
    bar = _progress(total)

    def report(line: str) -> None:
        if bar is not None:
            bar.write(line, file=problems)  # above the bar, which is then redrawn
        else:
            print(line, file=problems)

    try:
        descriptor, temporary = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".partial", dir=target.parent
        )
    except OSError as exc:
        raise BatchError(f"cannot write {output}: {exc.strerror}") from None
    os.close(descriptor)
    writer: Any = None
    offset = 0
    shown = 0
    try:
        for chunk in chunks:
            try:
                result = assess_table(
                    chunk,
                    units=units,
                    weights=weights,
                    catalog=catalog,
                    invalid="raise" if strict else "skip",
                    keep=keep,
                )
            except InvalidRowError as exc:
                raise InvalidRowError(offset + exc.row, exc.cause) from None
            frame = _as_pandas(result)
            length = len(frame)
            frame.insert(0, "row", np.arange(offset, offset + length, dtype=np.int64))
            if "invalid" in frame.columns:
                invalid = frame["invalid"].notna().to_numpy()
                for row, message in zip(
                    frame["row"].to_numpy()[invalid],
                    frame["invalid"].to_numpy()[invalid],
                    strict=True,
                ):
                    if shown < SHOWN_PROBLEMS:
                        report(f"row {row}: {message}")
                    shown += 1
                summary.skipped += int(invalid.sum())
                frame = frame.loc[~invalid, names]
            summary.add(frame)
            table = pa.Table.from_pandas(frame, preserve_index=False)
            if writer is None:
                writer = pq.ParquetWriter(temporary, table.schema)
            writer.write_table(table.cast(writer.schema))
            offset += length
            if bar is not None:
                bar.update(length)
        if writer is None:  # no rows at all: an empty file with the result's columns
            import pandas as pd

            empty = assess_table(pd.DataFrame({c: [] for c in columns}), units=units, keep=keep)
            empty.insert(0, "row", np.zeros(0, dtype=np.int64))
            writer = pq.ParquetWriter(temporary, pa.Table.from_pandas(empty).schema)
        writer.close()
        writer = None
        os.replace(temporary, target)
    except OSError as exc:
        raise BatchError(f"cannot write {output}: {exc.strerror or exc}") from None
    finally:
        if bar is not None:
            bar.close()
        if writer is not None:
            writer.close()
        if os.path.exists(temporary):
            os.remove(temporary)
    if shown > SHOWN_PROBLEMS:
        print(f"... and {shown - SHOWN_PROBLEMS:,} more rows with invalid values", file=problems)
    return summary
