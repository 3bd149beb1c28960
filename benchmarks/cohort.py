"""Throughput of the columnar assessment on a generated cohort, against a numpy floor.

Run with ``python benchmarks/cohort.py [ROWS]`` (default 1 000 000) after
``pip install -e '.[dataframe]'``.  It prints one table:

- ``assess_table`` on a pandas DataFrame and on an Arrow Table of the cohort (numbers
  in columns with units, flags, categories, condition lists as text), warm: the median
  of several runs after a first one in the same process;
- the first call in the process (pint's registry loads, and the rules' states are
  scored by the scalar rules on first sight), for reference;
- the *numpy floor*: the twelve default rules written by hand, inline below, as plain
  numpy over the same data already in numpy arrays, with no checking of any value and
  no exact rounding, once over whole arrays and once over blocks of 65,536 rows.  It
  computes the same outputs (scores, contributions, top cause, referral, pattern,
  severity) and the script checks that it agrees with ``assess_table`` to 1e-9.  The
  ratio is taken against the faster of the two;
- memory: the result's size, and the peak of memory allocated while assessing
  (tracemalloc), per million rows.

Timings on a shared machine are noisy: the runs take turns, round after round, and
each figure is a median.
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from insomnia_factors.columnar import assess_table
from insomnia_factors.models.vocabulary import Condition, Medication

ROWS = 1_000_000
REPEAT = 7

UNITS = {
    "sleep.duration": "days",
    "magnesium.serum": "mg/dL",
    "magnesium.dietary_intake": "mg/day",
    "lifestyle.caffeine": "mg/day",
    "lifestyle.last_caffeine_before_bed": "h",
    "lifestyle.screen_time_before_bed": "min",
}


def generate(rows: int, seed: int = 2024) -> tuple[pd.DataFrame, dict[str, Any]]:
    """A cohort as a DataFrame, and the same data as plain numpy arrays for the floor."""
    rng = np.random.default_rng(seed)

    def gaps(values: Any, unknown: float = 0.1) -> Any:
        values = np.asarray(values, dtype=np.float64)
        values[rng.random(rows) < unknown] = np.nan
        return values

    def flags(true: float, unknown: float = 0.1) -> tuple[Any, Any]:
        return rng.random(rows) < true, rng.random(rows) >= unknown  # (value, known)

    def bits(vocabulary: Any, rate: float) -> tuple[Any, Any, Any]:
        members = list(vocabulary)
        mask = np.zeros(rows, dtype=np.int64)
        for j in range(len(members)):
            mask |= (rng.random(rows) < rate).astype(np.int64) << j
        known = rng.random(rows) >= 0.1
        mask[~known] = 0
        uniques, inverse = np.unique(mask, return_inverse=True)
        words = [
            ";".join(m.value for j, m in enumerate(members) if u >> j & 1) or "[]"
            for u in uniques.tolist()
        ]
        text = np.array(words, dtype=object)[inverse]
        text[~known] = None
        return mask, known, pd.Categorical(text)

    def choice(words: list[str], unknown: float = 0.1) -> Any:
        codes = rng.integers(0, len(words), rows)
        codes[rng.random(rows) < unknown] = -1
        return codes

    raw: dict[str, Any] = {
        "age": gaps(rng.integers(18, 90, rows), 0.05),
        "sex": choice(["female", "male"]),
        "duration_days": gaps(rng.gamma(2.0, 60.0, rows)),
        "nights": gaps(rng.integers(0, 8, rows)),
        "isi": gaps(rng.integers(0, 29, rows), 0.3),
        "daytime": flags(0.6),
        "witnessed": flags(0.05),
        "drowsy": flags(0.02),
        # From 0.3 mg/dL (0.12 mmol/L): below 0.1 mmol/L a value is rejected as implausible.
        "serum_mg_dl": gaps(np.clip(rng.normal(2.0, 0.3, rows), 0.3, 5.0), 0.5),
        "diet": gaps(np.clip(rng.normal(300, 90, rows), 20, 900)),
        "cramps": flags(0.2),
        "restless": flags(0.2),
        "caffeine": gaps(np.clip(rng.gamma(2.0, 120.0, rows), 0, 2000)),
        "last_caffeine_h": gaps(rng.uniform(0, 14, rows)),
        "screen": gaps(rng.uniform(0, 240, rows)),
        "late": gaps(rng.integers(0, 8, rows)),
        "irregular": flags(0.3),
        "alcohol": gaps(np.round(rng.gamma(1.0, 4.0, rows), 1)),
        "smoker": flags(0.15),
        "work": flags(0.4),
        "stress": choice(["low", "moderate", "high"]),
        "pss10": gaps(rng.integers(0, 41, rows), 0.4),
        "gad7": gaps(rng.integers(0, 22, rows), 0.3),
        "phq9": gaps(rng.integers(0, 28, rows), 0.3),
        "anxiety_dx": flags(0.1),
        "depression_dx": flags(0.1),
        "conditions": bits(Condition, 0.03),
        "medications": bits(Medication, 0.03),
    }

    def flag_column(name: str) -> Any:
        value, known = raw[name]
        return pd.arrays.BooleanArray(value, ~known)

    frame = pd.DataFrame(
        {
            "age": raw["age"],
            "sex": pd.Categorical.from_codes(raw["sex"], categories=["female", "male"]),
            "sleep.duration": raw["duration_days"],
            "sleep.nights_per_week": raw["nights"],
            "sleep.isi": raw["isi"],
            "sleep.daytime_impairment": flag_column("daytime"),
            "sleep.witnessed_apneas": flag_column("witnessed"),
            "sleep.drowsy_driving": flag_column("drowsy"),
            "magnesium.serum": raw["serum_mg_dl"],
            "magnesium.dietary_intake": raw["diet"],
            "magnesium.night_cramps": flag_column("cramps"),
            "magnesium.restlessness": flag_column("restless"),
            "lifestyle.caffeine": raw["caffeine"],
            "lifestyle.last_caffeine_before_bed": raw["last_caffeine_h"],
            "lifestyle.screen_time_before_bed": raw["screen"],
            "lifestyle.late_nights_per_week": raw["late"],
            "lifestyle.irregular_schedule": flag_column("irregular"),
            "lifestyle.alcohol_drinks_per_week": raw["alcohol"],
            "lifestyle.smoker": flag_column("smoker"),
            "mind.work_pressure": flag_column("work"),
            "mind.perceived_stress": pd.Categorical.from_codes(
                raw["stress"], categories=["low", "moderate", "high"]
            ),
            "mind.pss10": raw["pss10"],
            "mind.gad7": raw["gad7"],
            "mind.phq9": raw["phq9"],
            "mind.anxiety_diagnosed": flag_column("anxiety_dx"),
            "mind.depression_diagnosed": flag_column("depression_dx"),
            "health.conditions": raw["conditions"][2],
            "health.medications": raw["medications"][2],
        }
    )
    return frame, raw


# --- the numpy floor: the default rules by hand -----------------------------------------

_CONDITION_POINTS = {
    "sleep_apnea": 0.9, "restless_legs": 0.8, "chronic_pain": 0.7, "hyperthyroidism": 0.6,
    "nocturia": 0.6, "heart_failure": 0.6, "parkinsons": 0.6, "ptsd": 0.7, "gerd": 0.5,
    "copd": 0.5, "dementia": 0.5, "asthma": 0.4, "menopause": 0.4,
}  # fmt: skip
_MEDICATION_POINTS = {
    "stimulant": 0.7, "corticosteroid": 0.6, "decongestant": 0.5, "beta_blocker": 0.4,
    "bronchodilator": 0.4, "thyroid_hormone": 0.4, "ssri": 0.4, "bupropion": 0.4,
    "alpha_blocker": 0.3, "lamotrigine": 0.3, "diuretic": 0.3, "loop_diuretic": 0.3,
    "thiazide_diuretic": 0.3, "potassium_sparing_diuretic": 0.3,
}  # fmt: skip
# Serum magnesium, mmol/L: IOM 1997 compared as 1.8 mg/dL to 0.95 mmol/L; clinical limits.
_LOWER, _UPPER, _HYPO, _SEVERE, _HYPER, _SYMPTOMS = 0.740588356305, 0.95, 0.6, 0.4, 1.1, 2.0
# Low magnesium on these goes to the prescriber.
_REVIEWED = (
    "ppi", "diuretic", "loop_diuretic", "thiazide_diuretic", "potassium_sparing_diuretic",
    "digoxin",
)  # fmt: skip
_WEIGHTS = [0.5, 1.0, 0.7, 1.0, 1.0, 0.8, 0.6, 0.7, 0.7, 0.6, 1.0, 0.8]
_IDS = [
    "magnesium_deficiency", "stress", "work_pressure", "anxiety", "depression", "caffeine",
    "evening_screen_use", "late_nights", "alcohol", "nicotine", "underlying_condition",
    "medication",
]  # fmt: skip


def _intake_tables() -> tuple[Any, Any]:
    """RDA and EAR (mg/day) by [sex code + 1, age + 1]; sex unknown takes the lower value."""
    bands = [  # low, high, RDA m, RDA f, EAR m, EAR f
        (1, 3, 80, 80, 65, 65), (4, 8, 130, 130, 110, 110), (9, 13, 240, 240, 200, 200),
        (14, 18, 410, 360, 340, 300), (19, 30, 400, 310, 330, 255),
        (31, 125, 420, 320, 350, 265),
    ]  # fmt: skip
    rda = np.full((3, 127), np.nan)
    ear = np.full((3, 127), np.nan)
    for low, high, rm, rf, em, ef in bands:
        for age in range(low, high + 1):
            rda[:, age + 1] = (min(rm, rf), rf, rm)
            ear[:, age + 1] = (min(em, ef), ef, em)
    # age unknown: lowest adult value
    rda[:, 0] = (310, 310, 400)
    ear[:, 0] = (255, 255, 330)
    return rda, ear


_RDA, _EAR = _intake_tables()


def numpy_floor(raw: dict[str, Any]) -> dict[str, Any]:
    n = len(raw["age"])

    def noisy_or(*points: Any) -> Any:
        remaining = np.ones(n)
        for p in points:
            remaining *= 1.0 - p
        return 1.0 - remaining

    def flag(name: str) -> Any:
        value, known = raw[name]
        return value & known

    def band(total: Any, lows: list[int], points: list[float]) -> Any:
        index = np.searchsorted(np.array(lows), np.nan_to_num(total, nan=-1), side="right") - 1
        return np.where(np.isnan(total), 0.0, np.array([*points, 0.0])[index])

    scores = np.empty((12, n))
    # magnesium deficiency
    serum = raw["serum_mg_dl"] * (10 / 24.305)  # mg/dL → mmol/L
    serum_points = np.select(
        [serum < _SEVERE, serum < _HYPO, serum < _LOWER], [1.0, 0.85, 0.6], 0.0
    )
    age_index = np.where(np.isnan(raw["age"]), 0, np.nan_to_num(raw["age"]) + 1).astype(np.int64)
    rda, ear = _RDA[raw["sex"] + 1, age_index], _EAR[raw["sex"] + 1, age_index]
    diet = raw["diet"]
    intake_points = np.select([diet < ear, diet < rda], [0.45, 0.25], 0.0)
    mask, _, _ = raw["conditions"]
    meds, _, _ = raw["medications"]
    conditions = [c.value for c in Condition]
    medications = [m.value for m in Medication]

    def has(bitmask: Any, words: list[str], word: str) -> Any:
        return (bitmask >> words.index(word)) & 1 == 1

    symptoms = [
        0.1 * flag("cramps"),
        0.1 * flag("restless"),
        *(
            0.1 * has(mask, conditions, c)
            for c in ("gi_malabsorption", "type_2_diabetes", "alcohol_dependence")
        ),
        *(
            0.1 * has(meds, medications, m)
            for m in ("ppi", "loop_diuretic", "thiazide_diuretic", "diuretic")
        ),
    ]
    raw_mg = noisy_or(serum_points, intake_points, *symptoms)
    cap = np.where(~np.isnan(serum), 1.0, np.where(intake_points > 0, 0.5, 0.25))
    scores[0] = np.where(serum >= _LOWER, 0.0, np.minimum(raw_mg, cap))
    # stress, work pressure, anxiety, depression
    level = np.array([0.0, 0.35, 0.7, 0.0])[raw["stress"]]  # code -1 → 0
    scores[1] = np.maximum(level, band(raw["pss10"], [0, 14, 27], [0.0, 0.4, 0.8]))
    scores[2] = 0.6 * flag("work")
    gad = band(raw["gad7"], [0, 5, 10, 15], [0.0, 0.35, 0.7, 1.0])
    scores[3] = np.maximum(gad, 0.6 * flag("anxiety_dx"))
    phq = band(raw["phq9"], [0, 5, 10, 15, 20], [0.0, 0.35, 0.7, 0.85, 1.0])
    scores[4] = np.maximum(phq, 0.6 * flag("depression_dx"))
    # caffeine, screens, late nights, alcohol, nicotine
    amount, last = raw["caffeine"], raw["last_caffeine_h"] * 60
    dose = np.minimum(1.0, np.where(np.isnan(amount), 400.0, amount) / 400.0)  # unknown: 400
    caffeine = noisy_or(0.5 * (amount > 400), 0.6 * dose * (last < 360))
    scores[5] = np.where(amount == 0, 0.0, caffeine)
    screen = raw["screen"]
    scores[6] = np.where(screen > 30, np.where(screen >= 120, 0.6, 0.4), 0.0)
    late = raw["late"]
    scores[7] = noisy_or(
        np.select([late >= 3, late >= 1], [0.6, 0.3], 0.0), 0.4 * flag("irregular")
    )
    age = raw["age"]
    men = (raw["sex"] == 1) & (age >= 18) & (age <= 65)  # others: the lower limit
    ratio = raw["alcohol"] / np.where(men, 14.0, 7.0)
    above = 0.35 + 0.55 * np.minimum(1.0, (ratio - 1.0) / 2.0)
    scores[8] = np.nan_to_num(np.where(ratio <= 1.0, 0.35 * ratio, above))
    scores[9] = 0.5 * flag("smoker")
    # underlying conditions, medication
    condition_points = [p * has(mask, conditions, c) for c, p in _CONDITION_POINTS.items()]
    apnea = flag("witnessed") & ~has(mask, conditions, "sleep_apnea")
    scores[10] = noisy_or(*condition_points, 0.9 * apnea)
    scores[11] = noisy_or(*(p * has(meds, medications, m) for m, p in _MEDICATION_POINTS.items()))

    contributions = scores * np.array(_WEIGHTS)[:, None]
    order = np.argsort(_IDS)
    best = contributions[order].argmax(axis=0)
    top = np.where(contributions.max(axis=0) > 0, order[best], -1)
    duration = raw["duration_days"]
    pattern = np.select(
        [np.isnan(duration), duration < 89, (raw["nights"] >= 3) & flag("daytime")], [3, 2, 0], 1
    )  # unknown, short-term, chronic (with daytime impairment), persistent
    severity = np.where(
        np.isnan(raw["isi"]), -1, np.searchsorted([0, 8, 15, 22], raw["isi"], side="right") - 1
    )
    # Magnesium: the serum red flags; low or high with kidney disease; low on a medicine
    # the prescriber must review or with a conduction disorder (the cohort has no
    # supplements, pregnancy or children, so those reasons cannot arise).
    known_mask, known_meds = raw["conditions"][1], raw["medications"][1]
    low = serum < _LOWER
    high = serum > _UPPER
    kidney = known_mask & has(mask, conditions, "chronic_kidney_disease")
    reviewed = known_meds & np.any([has(meds, medications, m) for m in _REVIEWED], axis=0)
    conduction = known_mask & has(mask, conditions, "heart_conduction_disorder")
    magnesium = (
        (serum < _HYPO)
        | (serum > _HYPER)
        | (kidney & (low | high))
        | (low & (reviewed | conduction))
    )
    urgent = flag("drowsy") | (serum < _SEVERE) | (serum > _SYMPTOMS)
    referred = sum(1 << conditions.index(c) for c in [*_CONDITION_POINTS, "alcohol_dependence"])
    referral = (
        (pattern <= 1)
        | (severity == 3)
        | flag("witnessed")
        | (mask & referred != 0)  # conditions that disturb sleep, apnoea, alcohol dependence
        | urgent
        | (raw["phq9"] >= 15)
        | (raw["gad7"] >= 15)
        | magnesium
    )
    return {
        "scores": scores,
        "contributions": contributions,
        "top": top,
        "referral": referral,
        "pattern": pattern,
        "severity": severity,
    }


def numpy_floor_blocked(raw: dict[str, Any], block: int = 1 << 16) -> dict[str, Any]:
    """The same floor, over blocks of rows (so that temporaries stay in the cache)."""
    rows = len(raw["age"])
    parts = []
    for start in range(0, rows, block):
        stop = min(rows, start + block)
        part = {
            key: tuple(v[start:stop] if isinstance(v, np.ndarray) else None for v in value)
            if isinstance(value, tuple)
            else value[start:stop]
            for key, value in raw.items()
        }
        parts.append(numpy_floor(part))
    return {
        "scores": np.concatenate([p["scores"] for p in parts], axis=1),
        "contributions": np.concatenate([p["contributions"] for p in parts], axis=1),
        **{
            key: np.concatenate([p[key] for p in parts])
            for key in ("top", "referral", "pattern", "severity")
        },
    }


# --- measuring ------------------------------------------------------------------------


def medians(runs: dict[str, Callable[[], Any]], repeat: int = REPEAT) -> dict[str, float]:
    """Median seconds of each run, taking turns so that load on the machine hits all alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            gc.collect()
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def peak_bytes(run: Callable[[], Any]) -> tuple[int, Any]:
    gc.collect()
    tracemalloc.start()
    result = run()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, result


def main(rows: int = ROWS) -> None:
    print(f"generating {rows:,} profiles ...", file=sys.stderr)
    frame, raw = generate(rows)
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    millions = rows / 1e6

    start = time.perf_counter()
    result = assess_table(frame, units=UNITS)
    first = time.perf_counter() - start

    # The floor agrees with assess_table (it is the same rules, without the checks).
    for floor in (numpy_floor(raw), numpy_floor_blocked(raw)):
        scores = np.stack([result[f"score.{i}"].to_numpy() for i in _IDS])
        assert np.allclose(scores, floor["scores"], rtol=0, atol=1e-9), "floor disagrees"
        codes = result["top_cause"].cat.codes.to_numpy()
        top = np.array([_IDS.index(c) for c in result["top_cause"].cat.categories])[codes]
        top = np.where(codes < 0, -1, top)
        # (the floor does not round, so near-ties may go either way: compare top values)
        contributions, everyone = floor["contributions"], np.arange(rows)
        assert np.array_equal(top < 0, floor["top"] < 0), "floor disagrees"
        assert np.allclose(
            contributions[top, everyone],
            contributions[floor["top"], everyone],
            rtol=0,
            atol=1e-9,
        ), "floor disagrees"
        assert np.array_equal(result["referral"].to_numpy(), floor["referral"]), "floor"
        patterns = result["insomnia_pattern"].cat.codes.to_numpy()
        assert np.array_equal(patterns, floor["pattern"]), "floor disagrees"

    print(f"timing, {REPEAT} rounds ...", file=sys.stderr)
    seconds = medians(
        {
            "pandas": lambda: assess_table(frame, units=UNITS),
            "arrow": lambda: assess_table(arrow, units=UNITS),
            "floor": lambda: numpy_floor(raw),
            "blocked": lambda: numpy_floor_blocked(raw),
        }
    )
    floor_s = min(seconds["floor"], seconds["blocked"])  # the faster floor

    peak, result = peak_bytes(lambda: assess_table(frame, units=UNITS))
    result_bytes = int(result.memory_usage(deep=True).sum())
    input_bytes = int(frame.memory_usage(deep=True).sum())

    def row(label: str, time_s: float, note: str = "") -> str:
        rate = rows / time_s / 1e6
        return f"| {label:<36} | {time_s * 1000:>7.0f} | {rate:>8.2f} | {note:<30} |"

    print(f"\n{rows:,} profiles, {len(frame.columns)} columns, median of {REPEAT} runs\n")
    print(f"| {'':<36} | {'ms':>7} | {'M rows/s':>8} | {'':<30} |")
    print(f"|{'-' * 38}|{'-' * 8}:|{'-' * 9}:|{'-' * 32}|")
    for name, label in (("pandas", "pandas DataFrame"), ("arrow", "Arrow Table")):
        ratio = seconds[name] / floor_s
        print(row(f"assess_table, {label}", seconds[name], f"{ratio:.2f}x the faster floor"))
    print(row("assess_table, first call", first, "pint registry, rule states"))
    print(row("numpy floor (no checks)", seconds["floor"], "hand-written, whole arrays"))
    print(
        row("numpy floor, in blocks of 65,536", seconds["blocked"], "the same, cache-sized blocks")
    )
    print()
    print(f"| {'memory per million rows':<36} | {'MB':>7} |")
    print(f"|{'-' * 38}|{'-' * 8}:|")
    print(f"| {'input DataFrame':<36} | {input_bytes / millions / 1e6:>7.0f} |")
    print(f"| {'result DataFrame':<36} | {result_bytes / millions / 1e6:>7.0f} |")
    print(f"| {'peak allocated while assessing':<36} | {peak / millions / 1e6:>7.0f} |")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
