"""Argument parsing and the subcommands of the ``insomnia-factors`` command.

Exit status: 0 on success, 2 on bad input with one line on stderr naming the field.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from importlib import resources
from typing import Any

from insomnia_factors._version import __version__
from insomnia_factors.errors import InsomniaFactorsError

__all__ = ["main"]

PROG = "insomnia-factors"
EXAMPLE = "example_profile.json"


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one line, exit 2, like every other input error
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Rank plausible contributors to insomnia.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    assess = sub.add_parser("assess", help="assess a profile document (JSON)")
    source = assess.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="profile JSON file, or - for standard input")
    source.add_argument("--example", action="store_true", help="use the bundled example")
    assess.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    assess.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="FACTOR=WEIGHT",
        help="override a factor's weight (repeatable)",
    )

    convert = sub.add_parser("convert", help="convert a magnesium-related quantity")
    convert.add_argument("quantity", help="for example '2.1 mg/dL'")
    convert.add_argument("--to", required=True, metavar="UNIT", help="for example mmol/L")

    elemental = sub.add_parser("elemental", help="elemental magnesium in a supplement dose")
    elemental.add_argument("dose", help="mass of the salt, for example '500 mg'")
    elemental.add_argument("--compound", required=True, help="for example 'magnesium oxide'")

    factors = sub.add_parser("factors", help="list the factor catalog")
    factors.add_argument("--format", choices=("text", "json"), default="text")

    schema = sub.add_parser("schema", help="print the JSON Schema of a document")
    schema.add_argument("document", choices=("profile", "assessment"))

    batch = sub.add_parser(
        "assess-batch",
        help="assess a cohort file (CSV or Parquet, one person per row) into Parquet",
        description="Assess every row of a CSV or Parquet file whose columns are named by "
        "profile paths (age, magnesium.serum, ...); write the scores, contributions, top "
        "cause and referral of each valid row to a Parquet file, report the rows with "
        "invalid values (rows count from 0, the header not included) and summarise.",
    )
    batch.add_argument("input", metavar="IN", help="a .csv or .parquet file")
    batch.add_argument("-o", "--output", required=True, metavar="OUT", help="a .parquet file")
    batch.add_argument(
        "--units",
        action="append",
        default=[],
        metavar="COLUMN=UNIT",
        help="the unit of a quantity column of plain numbers, e.g. magnesium.serum=mg/dL "
        "(repeatable)",
    )
    batch.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="FACTOR=WEIGHT",
        help="override a factor's weight (repeatable)",
    )
    batch.add_argument(
        "--keep",
        action="append",
        default=[],
        metavar="COLUMN",
        help="copy a column that is not a profile field (an identifier) to the output",
    )
    batch.add_argument(
        "--strict", action="store_true", help="stop at the first invalid value (exit 2)"
    )
    batch.add_argument(
        "--plot", metavar="PNG", help="draw a chart of the factors across the cohort"
    )
    batch.add_argument(
        "--chunk-size", type=int, default=100_000, metavar="ROWS", help="rows read at a time"
    )
    return parser


def _read_profile(args: argparse.Namespace) -> str:
    if args.example:
        return resources.files("insomnia_factors.data").joinpath(EXAMPLE).read_text("utf-8")
    if args.file == "-":
        return sys.stdin.read()
    try:
        with open(args.file, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        raise _UsageError(f"cannot read {args.file}: {exc.strerror}") from None


def _weights(pairs: list[str]) -> dict[str, float] | None:
    if not pairs:
        return None
    weights: dict[str, float] = {}
    for pair in pairs:
        factor, sep, value = pair.partition("=")
        try:
            weights[factor.strip()] = float(value)
        except ValueError:
            sep = ""
        if not sep:
            raise _UsageError(f"--weight expects FACTOR=NUMBER, got {pair!r}")
    return weights


def _assess(args: argparse.Namespace) -> str:
    from insomnia_factors.assessment import assess
    from insomnia_factors.cli._report import to_markdown, to_text
    from insomnia_factors.serialization import load_profile

    assessment = assess(load_profile(_read_profile(args)), weights=_weights(args.weight))
    if args.format == "json":
        return json.dumps(assessment.to_dict(), indent=2, ensure_ascii=False)
    return to_markdown(assessment) if args.format == "markdown" else to_text(assessment)


def _units(pairs: list[str]) -> dict[str, str]:
    units: dict[str, str] = {}
    for pair in pairs:
        column, sep, unit = pair.partition("=")
        if not sep or not column.strip() or not unit.strip():
            raise _UsageError(f"--units expects COLUMN=UNIT, got {pair!r}")
        units[column.strip()] = unit.strip()
    return units


def _assess_batch(args: argparse.Namespace) -> str:
    if args.chunk_size < 1:
        raise _UsageError("--chunk-size must be at least 1")
    try:
        import numpy  # noqa: F401
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        raise _UsageError(
            "assess-batch needs pandas and pyarrow: pip install 'insomnia-factors[batch]'"
        ) from None
    if args.plot:
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            raise _UsageError(
                "--plot needs matplotlib: pip install 'insomnia-factors[plot]'"
            ) from None
    from insomnia_factors.cli._batch import run_batch
    from insomnia_factors.cli._chart import plot_summary

    summary = run_batch(
        args.input,
        args.output,
        units=_units(args.units),
        weights=_weights(args.weight),
        strict=args.strict,
        keep=args.keep,
        chunk_rows=args.chunk_size,
    )
    if args.plot:
        plot_summary(summary, args.plot)
    text = summary.text(args.output)
    return f"{text}\nchart: {args.plot}" if args.plot else text


def _factors(args: argparse.Namespace) -> str:
    from insomnia_factors.factors import DEFAULT_CATALOG

    if args.format == "json":
        rows = [
            {
                "id": f.id,
                "name": f.name,
                "category": f.category.value,
                "default_weight": f.default_weight,
                "rationale": f.rationale,
                "inputs": [path for path, _ in f.inputs],
                "references": [r.citation for r in f.references],
            }
            for f in DEFAULT_CATALOG
        ]
        return json.dumps(
            {"name": DEFAULT_CATALOG.name, "version": DEFAULT_CATALOG.version, "factors": rows},
            indent=2,
            ensure_ascii=False,
        )
    lines = [f"{DEFAULT_CATALOG.name} {DEFAULT_CATALOG.version}", ""]
    lines += [
        f"{f.id:<22} {f.category.value:<14} weight {f.default_weight:<4g} {f.name}"
        for f in DEFAULT_CATALOG
    ]
    return "\n".join(lines)


def _run(args: argparse.Namespace) -> str:
    if args.command == "assess":
        return _assess(args)
    if args.command == "convert":
        from insomnia_factors.units import convert

        converted = convert(args.quantity, args.to)
        return f"{converted.magnitude:.5g} {args.to.strip()}"
    if args.command == "elemental":
        from insomnia_factors.units import elemental_magnesium, find_compound
        from insomnia_factors.units._measurement import quantity_parts

        salt = find_compound(args.compound)
        result = elemental_magnesium(args.dose, salt)
        # The result keeps the dose's unit; show it as the user wrote it.
        _, unit = quantity_parts(args.dose, "dose", "a dose")
        return (
            f"{result.magnitude:.5g} {unit} elemental magnesium ({salt.name}, {salt.formula}, "
            f"{salt.elemental_fraction:.1%} Mg)"
        )
    if args.command == "factors":
        return _factors(args)
    if args.command == "assess-batch":
        return _assess_batch(args)
    from insomnia_factors.serialization import assessment_schema, profile_schema

    schema = profile_schema() if args.document == "profile" else assessment_schema()
    return json.dumps(schema, indent=2, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = _parser().parse_args(argv)
        output = _run(args)
    except (InsomniaFactorsError, _UsageError) as exc:
        print(f"{PROG}: error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 2
    print(output)
    return 0
