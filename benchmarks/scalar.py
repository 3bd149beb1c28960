"""Speed and size of the scalar path, each figure beside its floor in the same run.

    python benchmarks/scalar.py            # full run (about a minute)
    python benchmarks/scalar.py --quick    # fewer repeats

Figures and targets (ratios, not absolute times, so they hold on any machine):

- ``assess(profile)`` on a built profile ≤ 2× the plain-Python floor (``floor.py``: the
  same default rules by hand on floats, no pint, no attrs);
- ``load_profile(json) + assess`` ≤ 50× the floor's own parse + rules;
- ``import insomnia_factors`` ≤ 0.5× ``import pint`` (``-X importtime``, cumulative);
- a cold ``insomnia-factors assess --example`` process ≤ 1.0× a process that only builds
  a bare ``pint.UnitRegistry()``;
- memory: bytes per built profile and per assessment (tracemalloc).

Library and floor are timed alternately and the best of several repeats is kept, so a
machine that speeds up or slows down during the run affects both sides alike.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import timeit
import tracemalloc
from collections.abc import Callable
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import floor

from insomnia_factors import assess, load_profile

EXAMPLE = resources.files("insomnia_factors.data").joinpath("example_profile.json").read_text()


def best_of(fn: Callable[[], object], repeats: int) -> float:
    """Seconds per call: best of ``repeats`` timeit runs of about 0.2 s each."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeats, number=number)) / number


def paired(
    lib: Callable[[], object], base: Callable[[], object], repeats: int
) -> tuple[float, float]:
    """Best per-call seconds of ``lib`` and ``base``, measured in alternation."""
    lib_times, base_times = [], []
    for _ in range(repeats):
        lib_times.append(best_of(lib, 1))
        base_times.append(best_of(base, 1))
    return min(lib_times), min(base_times)


def import_micros(module: str) -> int:
    """Cumulative import time of ``module`` in a fresh interpreter, in microseconds."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in reversed(done.stderr.splitlines()):
        fields = [part.strip() for part in line.removeprefix("import time:").split("|")]
        if len(fields) == 3 and fields[2] == module:
            return int(fields[1])
    raise RuntimeError(f"no import time reported for {module}")


def process_seconds(command: list[str]) -> float:
    start = timeit.default_timer()
    subprocess.run(command, capture_output=True, check=True)
    return timeit.default_timer() - start


def paired_processes(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds of two commands, run in alternation after one warm-up each."""
    process_seconds(a)
    process_seconds(b)
    times_a, times_b = [], []
    for _ in range(runs):
        times_a.append(process_seconds(a))
        times_b.append(process_seconds(b))
    return statistics.median(times_a), statistics.median(times_b)


def bytes_per(build: Callable[[int], object], count: int) -> float:
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [build(i) for i in range(count)]
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    assert len(kept) == count
    return (after - before) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, rougher figures")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    runs = 5 if args.quick else 15

    profile = load_profile(EXAMPLE)
    parsed = floor.parse(EXAMPLE)
    rows: list[tuple[str, str, str, float, float]] = []

    lib, base = paired(lambda: assess(profile), lambda: floor.assess(parsed), repeats)
    rows.append(
        ("assess(profile)", f"{lib * 1e6:.1f} µs", f"floor {base * 1e6:.1f} µs", lib / base, 2.0)
    )

    lib, base = paired(
        lambda: assess(load_profile(EXAMPLE)),
        lambda: floor.assess(floor.parse(EXAMPLE)),
        repeats,
    )
    rows.append(
        (
            "load_profile(json) + assess",
            f"{lib * 1e6:.1f} µs",
            f"floor {base * 1e6:.1f} µs",
            lib / base,
            50.0,
        )
    )

    ours = [import_micros("insomnia_factors") for _ in range(runs)]
    pints = [import_micros("pint") for _ in range(runs)]
    lib, base = statistics.median(ours), statistics.median(pints)
    rows.append(
        (
            "import insomnia_factors",
            f"{lib / 1e3:.1f} ms",
            f"import pint {base / 1e3:.1f} ms",
            lib / base,
            0.5,
        )
    )

    lib, base = paired_processes(
        [sys.executable, "-m", "insomnia_factors", "assess", "--example"],
        [sys.executable, "-c", "import pint; pint.UnitRegistry()"],
        runs,
    )
    rows.append(
        (
            "cold CLI assess --example",
            f"{lib * 1e3:.0f} ms",
            f"bare registry {base * 1e3:.0f} ms",
            lib / base,
            1.0,
        )
    )

    documents = [json.loads(EXAMPLE) | {"age": 20 + i % 80} for i in range(2000)]
    per_profile = bytes_per(lambda i: load_profile(documents[i]), len(documents))
    profiles = [load_profile(d) for d in documents]
    per_assessment = bytes_per(lambda i: assess(profiles[i]), len(profiles))

    print(f"insomnia-factors scalar benchmark (Python {sys.version.split()[0]})\n")
    header = f"{'figure':<30} {'library':>12}   {'beside':<24} {'ratio':>7}  {'target':>7}"
    print(header)
    print("-" * len(header))
    for name, value, beside, ratio, target in rows:
        verdict = "met" if ratio <= target else "MISSED"
        print(f"{name:<30} {value:>12}   {beside:<24} {ratio:>6.2f}x  ≤{target:>5.1f}x  {verdict}")
    print()
    print(
        f"memory: {per_profile:,.0f} bytes per built profile (example profile), "
        f"{per_assessment:,.0f} bytes per assessment"
    )


if __name__ == "__main__":
    main()
