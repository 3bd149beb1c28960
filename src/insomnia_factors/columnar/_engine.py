"""``assess()`` over a whole table: check the columns, read them, score, rank, refer."""

from __future__ import annotations

import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt

from insomnia_factors.assessment import DEFAULT_MAGNESIUM, magnesium_factor
from insomnia_factors.columnar._decode import Decoded, Reader, column_unit, cross_check, reader
from insomnia_factors.columnar._fields import NOT_IN_TABLES, FieldSpec, FieldType, field_specs
from insomnia_factors.columnar._rules import Inputs, insomnia, plan_for, referral
from insomnia_factors.columnar._source import Source
from insomnia_factors.errors import InvalidInputError, InvalidProfileError, InvalidRowError
from insomnia_factors.factors.base import Factor
from insomnia_factors.factors.catalog import Catalog

__all__ = ["BLOCK_ROWS", "Options", "Outcome", "all_errors", "check_options", "run"]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

Invalid = Literal["raise", "skip"]


@attrs.frozen
class Options:
    """The arguments of :func:`~insomnia_factors.columnar.assess_table`, checked."""

    units: Mapping[str, str]
    weights: Mapping[str, float]
    catalog: Catalog
    invalid: Invalid
    shares: bool
    keep: tuple[str, ...]


def check_options(
    *,
    units: Mapping[str, str] | None,
    weights: Mapping[str, float] | None,
    catalog: Catalog,
    invalid: str,
    shares: bool,
    keep: Iterable[str],
) -> Options:
    if not isinstance(catalog, Catalog):
        raise InvalidInputError("catalog", "a Catalog", type(catalog).__name__)
    weight_of = catalog.weights(weights)
    if invalid not in ("raise", "skip"):
        raise InvalidInputError("invalid", "'raise' or 'skip'", invalid)
    if not isinstance(shares, bool):
        raise InvalidInputError("shares", "true or false", shares)
    specs = field_specs()
    checked: dict[str, str] = {}
    if units is not None:
        if not isinstance(units, Mapping):
            raise InvalidInputError("units", "a mapping of column to unit", type(units).__name__)
        quantities = [p for p, s in specs.items() if s.form is FieldType.QUANTITY]
        for path, unit in units.items():
            spec = specs.get(path) if isinstance(path, str) else None
            if spec is None or spec.form is not FieldType.QUANTITY:
                raise InvalidInputError(
                    f"units.{path}", "a quantity column: " + ", ".join(quantities)
                )
            if not isinstance(unit, str):
                raise InvalidInputError(f"units.{path}", "a unit string such as 'mg/dL'", unit)
            checked[path] = column_unit(spec, unit)[0]
    if isinstance(keep, str):
        keep = (keep,)
    kept = tuple(keep)
    taken = set(result_names(catalog, invalid, shares))
    for name in kept:
        if not isinstance(name, str):
            raise InvalidInputError("keep", "column names", name)
        if name in taken:
            raise InvalidInputError(f"keep.{name}", "a column that is not a result column")
    return Options(checked, weight_of, catalog, typing.cast(Invalid, invalid), shares, kept)


def result_names(catalog: Catalog, invalid: str, shares: bool) -> list[str]:
    """The result's columns, after any kept ones."""
    ids = [f.id for f in catalog]
    names = [f"score.{i}" for i in ids] + [f"contribution.{i}" for i in ids]
    if shares:
        names += [f"share.{i}" for i in ids]
    names += ["top_cause", "referral", "referral_urgent", "insomnia_pattern", "insomnia_severity"]
    if invalid == "skip":
        names.append("invalid")
    return names


def check_columns(names: Sequence[object], options: Options) -> list[FieldSpec]:
    """The profile fields among ``names`` (in profile order); anything else is an error."""
    specs = field_specs()
    seen: set[object] = set()
    found: list[FieldSpec] = []
    for name in names:
        if name in seen:
            raise InvalidProfileError(str(name), "each column once", "a repeated column")
        seen.add(name)
        spec = specs.get(name) if isinstance(name, str) else None
        if spec is not None:
            found.append(spec)
        elif name not in options.keep and (refused := _not_in_tables(name)) is not None:
            raise InvalidProfileError(str(name), refused)
        elif name not in options.keep:
            raise InvalidProfileError(
                str(name),
                "a profile field path as column name, or a column named in keep=; "
                "known: " + ", ".join(specs),
            )
    for name in options.keep:
        if name not in seen:
            raise InvalidInputError(f"keep.{name}", "a column of the table")
    return sorted(found, key=lambda s: s.order)


def _not_in_tables(name: object) -> str | None:
    """Why a profile field (or a part of one, ``magnesium.reference_range.low``) is no column."""
    if not isinstance(name, str):
        return None
    return next(
        (why for path, why in NOT_IN_TABLES.items() if name == path or name.startswith(f"{path}.")),
        None,
    )


#: Rows evaluated at a time: the rules' temporaries of one block stay in the CPU cache.
BLOCK_ROWS = 1 << 16


@attrs.define
class Outcome:
    """Per-row results as numpy arrays; rows marked in ``bad`` were not assessed."""

    length: int
    ids: tuple[str, ...]
    block: Floats  # scores, contributions (and shares), one row per output column
    top: Ints  # position of the top cause in ``ids``; -1 for none
    referral: Bools
    urgent: Bools
    pattern: Ints
    severity: Ints
    bad: Bools | None
    messages: list[str | None] | None


def readers(source: Source, options: Options) -> list[Reader]:
    """A reader per profile column of the table, in profile order."""
    specs = check_columns(source.names, options)
    return [reader(s, source.column(s.path), options.units.get(s.path)) for s in specs]


def blocks(length: int) -> list[tuple[int, int]]:
    return [(start, min(length, start + BLOCK_ROWS)) for start in range(0, length, BLOCK_ROWS)]


def _block_bad(decoded: Sequence[Decoded]) -> Bools | None:
    bad: Bools | None = None
    for column in decoded:
        if column.bad is not None:
            bad = column.bad.copy() if bad is None else bad | column.bad
    return bad


def block_errors(decoded: Sequence[Decoded], start: int) -> list[tuple[int, InvalidInputError]]:
    """Every invalid cell of a block, by row (counted in the table) and profile order."""
    found: list[tuple[int, int, InvalidInputError]] = []
    for order, column in enumerate(decoded):
        if column.bad is not None:
            found += [
                (start + int(row), order, column.error(int(row)))
                for row in np.flatnonzero(column.bad)
            ]
    found.sort(key=lambda item: (item[0], item[1]))
    return [(row, error) for row, _, error in found]


def all_errors(source: Source, options: Options) -> list[tuple[int, InvalidInputError]]:
    columns = readers(source, options)
    found: list[tuple[int, InvalidInputError]] = []
    for start, stop in blocks(source.length):
        found += block_errors(cross_check([c.block(start, stop) for c in columns]), start)
    return found


def _scalar_scores(decoded: Sequence[Decoded], factors: Sequence[Factor], rows: Ints) -> Floats:
    """Scores of factors without a vectorised rule: the scalar rule, row by row."""
    from insomnia_factors.serialization import load_profile

    scores = np.zeros((len(factors), len(decoded[0].known) if decoded else 0))
    for row in rows:
        document: dict[str, Any] = {}
        for column in decoded:
            value = column.document(int(row))
            if value is not None:
                spec = column.spec
                if spec.section is None:
                    document[spec.name] = value
                else:
                    document.setdefault(spec.section, {})[spec.name] = value
        profile = load_profile(document)
        for j, factor in enumerate(factors):
            scores[j, row] = factor.evaluate(profile).score
    return scores


def run(source: Source, options: Options, *, partition: int | None = None) -> Outcome:
    """Assess every row of ``source``; raises for the first invalid cell unless skipping."""
    columns = readers(source, options)
    length = source.length
    factors = list(options.catalog)
    count = len(factors)
    ids = tuple(f.id for f in factors)
    plans = [plan_for(f) for f in factors]
    fallback = [j for j, plan in enumerate(plans) if plan is None]
    weights = [options.weights[f.id] for f in factors]
    by_id = sorted(range(count), key=lambda j: ids[j])
    magnesium = magnesium_factor(options.catalog) or DEFAULT_MAGNESIUM

    block = np.empty(((3 if options.shares else 2) * count, length))
    top = np.full(length, -1, dtype=np.int64)
    recommended = np.zeros(length, dtype=np.bool_)
    urgent = np.zeros(length, dtype=np.bool_)
    pattern = np.zeros(length, dtype=np.int64)
    severity = np.zeros(length, dtype=np.int64)
    bad: Bools | None = None
    messages: list[str | None] | None = None

    for start, stop in blocks(length):
        decoded = cross_check([c.block(start, stop) for c in columns])
        part_bad = _block_bad(decoded)
        if part_bad is not None:
            if options.invalid == "raise":
                row = int(np.argmax(part_bad))
                raise InvalidRowError(
                    start + row,
                    next(c.error(row) for c in decoded if c.bad is not None and c.bad[row]),
                    label=source.label(start + row),
                    partition=partition,
                )
            if bad is None:
                bad = np.zeros(length, dtype=np.bool_)
                messages = [None] * length
            assert messages is not None
            bad[start:stop] = part_bad
            for row, error in block_errors(decoded, start):
                text = str(error)
                previous = messages[row]
                messages[row] = text if previous is None else f"{previous}; {text}"
        size = stop - start
        inputs = Inputs({c.spec.path: c for c in decoded}, size)
        scores = block[:count, start:stop]
        contributions = block[count : 2 * count, start:stop]
        if fallback:
            rows = np.flatnonzero(~part_bad) if part_bad is not None else np.arange(size)
            scalar = _scalar_scores(decoded, [factors[j] for j in fallback], rows)
            for k, j in enumerate(fallback):
                scores[j] = scalar[k]
        for j, plan in enumerate(plans):
            if plan is not None:
                scores[j] = plan.scores(inputs)
            np.multiply(scores[j], weights[j], out=contributions[j])

        # Top cause: the largest contribution, ties to the smaller factor id.
        best = np.zeros(size)
        part_top = top[start:stop]
        for j in by_id:
            better = contributions[j] > best
            np.copyto(best, contributions[j], where=better)
            part_top[better] = j

        if options.shares:
            # Σ contributions in ranked order (largest first), as assess() adds them.
            ranked = np.sort(contributions, axis=0)
            total = np.zeros(size)
            for j in range(count - 1, -1, -1):
                total += ranked[j]
            shares = block[2 * count :, start:stop]
            shares[:] = 0.0
            np.divide(contributions, total, out=shares, where=total > 0)

        part_pattern, part_severity = insomnia(inputs)
        pattern[start:stop] = part_pattern
        severity[start:stop] = part_severity
        recommended[start:stop], urgent[start:stop] = referral(
            inputs, part_pattern, part_severity, magnesium
        )

    if bad is not None:
        block[:, bad] = np.nan
        top[bad] = -1
        pattern[bad] = -1
        severity[bad] = -1
    return Outcome(length, ids, block, top, recommended, urgent, pattern, severity, bad, messages)
