"""The plain-Python floor: the default rules written by hand on floats.

No pint, no attrs, no validation beyond what the rules need: dictionaries in, dictionaries
out.  It produces what ``assess()`` produces — scores, evidence statements, ranking,
shares, the card text, missing inputs, caveats, referral reasons and advice — so that
the ratio measured against it is the cost of the library's structure, not of skipped
work.  ``tests/test_benchmark_floor.py`` checks that it ranks and scores the bundled
example exactly as the library does.
"""

from __future__ import annotations

import json
import math
from typing import Any

MOLAR_MASS = 24.305
# Hand-written unit table for the floor's own parser (the library derives these from pint).
UNITS = {
    "mg/dL": 10 / MOLAR_MASS,
    "mmol/L": 1.0,
    "mEq/L": 0.5,
    "mg/day": 1.0,
    "g/day": 1000.0,
    "min": 1.0,
    "h": 60.0,
    "months": 43830.0,
    "weeks": 10080.0,
    "days": 1440.0,
}

QUANTITIES = {
    ("sleep", "onset_latency"),
    ("sleep", "wake_after_sleep_onset"),
    ("sleep", "total_sleep_time"),
    ("sleep", "duration"),
    ("magnesium", "serum"),
    ("magnesium", "dietary_intake"),
    ("lifestyle", "caffeine"),
    ("lifestyle", "last_caffeine_before_bed"),
    ("lifestyle", "screen_time_before_bed"),
}


def parse(text: str) -> dict[str, Any]:
    """JSON text → the floor's profile: sections of plain values, quantities as floats."""
    document = json.loads(text)
    for section, name in QUANTITIES:
        part = document.get(section)
        if part and part.get(name) is not None:
            number, unit = part[name].split(" ", 1)
            part[name] = (float(number), unit, float(number) * UNITS[unit])
    return document


def _noisy_or(points: list[float]) -> float:
    remaining = 1.0
    for p in points:
        remaining *= 1.0 - p
    return round(1.0 - remaining, 12)


def _describe(quantity: tuple[float, str, float], canonical: str) -> str:
    value, unit, canon = quantity
    shown = f"{value:g} {unit}"
    return shown if unit == canonical else f"{shown} ({canon:.3g} {canonical})"


# (low, high, RDA m, RDA f, EAR m, EAR f), IOM 1997.
DRI = (
    (19, 30, 400, 310, 330, 255),
    (31, 50, 420, 320, 350, 265),
    (51, 125, 420, 320, 350, 265),
)
BANDS = {
    "phq9": (
        (20, "severe", 1.0),
        (15, "moderately severe", 0.85),
        (10, "moderate", 0.7),
        (5, "mild", 0.35),
        (0, "minimal", 0.0),
    ),
    "gad7": ((15, "severe", 1.0), (10, "moderate", 0.7), (5, "mild", 0.35), (0, "minimal", 0.0)),
    "pss10": ((27, "high", 0.8), (14, "moderate", 0.4), (0, "low", 0.0)),
}
MAX = {"phq9": 27, "gad7": 21, "pss10": 40}
CONDITIONS = {
    "gerd": (0.5, "reflux is worse lying down"),
    "sleep_apnea": (0.9, "apnoea"),
    "restless_legs": (0.8, "restless legs"),
    "chronic_pain": (0.7, "pain"),
}
MEDICATIONS = {
    "beta_blocker": (0.4, "beta-blockers can disturb sleep"),
    "corticosteroid": (0.6, "corticosteroids often disturb sleep"),
}
STRESS_LEVELS = {"low": 0.0, "moderate": 0.35, "high": 0.7}
WEIGHTS = {
    "magnesium_deficiency": 0.5,
    "stress": 1.0,
    "work_pressure": 0.7,
    "anxiety": 1.0,
    "depression": 1.0,
    "caffeine": 0.8,
    "evening_screen_use": 0.6,
    "late_nights": 0.7,
    "alcohol": 0.7,
    "nicotine": 0.6,
    "underlying_condition": 1.0,
    "medication": 0.8,
}
# Inputs that can decide a referral reason, listed first in `missing` when unknown.
REFERRAL_INPUTS = (
    "mind.phq9",
    "mind.phq9.items",
    "sleep.drowsy_driving",
    "magnesium.serum",
    "sleep.witnessed_apneas",
    "sleep.duration",
    "sleep.nights_per_week",
    "sleep.daytime_impairment",
    "sleep.isi",
    "mind.gad7",
    "health.conditions",
    "magnesium.reference_range",  # only with a serum value: that one stands for it
    "health.medications",
    "magnesium.supplements",
    "magnesium.dietary_intake",
    "age",
    "sex",
    "pregnant",  # not for a man: the answer on sex settles it
    "lactating",
)
# The most points each input can add, per factor (for ranking what is missing).
INPUTS = {
    "magnesium_deficiency": (
        ("magnesium.serum", 1.0),
        ("magnesium.dietary_intake", 0.45),
        ("magnesium.night_cramps", 0.1),
        ("magnesium.restlessness", 0.1),
        ("health.conditions", 0.1),
        ("health.medications", 0.1),
        ("magnesium.supplements", 0.0),
        ("magnesium.reference_range", 0.0),
        ("age", 0.0),
        ("sex", 0.0),
        ("pregnant", 0.0),
        ("lactating", 0.0),
    ),
    "stress": (("mind.pss10", 0.8), ("mind.perceived_stress", 0.7)),
    "work_pressure": (("mind.work_pressure", 0.6),),
    "anxiety": (("mind.gad7", 1.0), ("mind.anxiety_diagnosed", 0.6)),
    "depression": (("mind.phq9", 1.0), ("mind.depression_diagnosed", 0.6)),
    "caffeine": (("lifestyle.last_caffeine_before_bed", 0.6), ("lifestyle.caffeine", 0.5)),
    "evening_screen_use": (("lifestyle.screen_time_before_bed", 0.6),),
    "late_nights": (("lifestyle.late_nights_per_week", 0.6), ("lifestyle.irregular_schedule", 0.4)),
    "alcohol": (("lifestyle.alcohol_drinks_per_week", 0.9), ("sex", 0.0), ("age", 0.0)),
    "nicotine": (("lifestyle.smoker", 0.5),),
    "underlying_condition": (("health.conditions", 0.9), ("sleep.witnessed_apneas", 0.9)),
    "medication": (("health.medications", 0.7),),
}


def _measured(
    path: str,
    quantity: tuple[float, str, float],
    statement: str,
    points: float,
    relation: str,
    unit: str,
    threshold: float,
) -> tuple[Any, ...]:
    return (
        path,
        f"{quantity[0]:g} {quantity[1]}",
        statement,
        points,
        relation,
        quantity[2],
        unit,
        threshold,
    )


def _flag(path: str, observed: str, statement: str, points: float) -> tuple[Any, ...]:
    return (path, observed, statement, points, "is", None, None, None)


# IOM 1997 0.75-0.95 mmol/L = 1.8-2.3 mg/dL, compared as 1.8 mg/dL to 0.95 mmol/L.
LOWER, UPPER = 0.740588356305, 0.95
REVIEWED = {"ppi", "diuretic", "loop_diuretic", "thiazide_diuretic"}
REVIEWED |= {"potassium_sparing_diuretic", "digoxin"}


def _level(value: float) -> str:
    """Clinical limits first (2, 1.1, 0.4, 0.6 mmol/L), then the IOM range."""
    if value > 2.0:
        return "symptoms"
    if value > 1.1:
        return "hyper"
    if value < 0.4:
        return "severe"
    if value < 0.6:
        return "hypo"
    if value > UPPER:
        return "above"
    return "below" if value < LOWER else "within"


def _magnesium(p: dict[str, Any]) -> tuple[float, list[tuple[Any, ...]]]:
    mg = p.get("magnesium") or {}
    serum = mg.get("serum")
    if serum is not None and _level(serum[2]) not in ("severe", "hypo", "below"):
        return 0.0, []
    found = []
    if serum is not None:
        level = serum[2]
        limit, pts = (0.4, 1.0) if level < 0.4 else (0.6, 0.85) if level < 0.6 else (LOWER, 0.6)
        found.append(
            _measured(
                "magnesium.serum",
                serum,
                f"serum magnesium {_describe(serum, 'mmol/L')} is below the {limit:g} mmol/L limit",
                pts,
                "<",
                "mmol/L",
                limit,
            )
        )
    diet = mg.get("dietary_intake")
    low_intake = False
    if diet is not None:
        age, sex = p.get("age"), p.get("sex")
        row = next(r for r in DRI if r[0] <= age <= r[1])
        rda, ear = (row[3], row[5]) if sex == "female" else (row[2], row[4])
        total = diet[2] + sum(0.0 for _ in mg.get("supplements") or ())
        if total < rda:
            low_intake = True
            limit, pts, words = (ear, 0.45, "EAR") if total < ear else (rda, 0.25, "RDA")
            found.append(
                _measured(
                    "magnesium.dietary_intake",
                    diet,
                    f"dietary magnesium {diet[0]:g} {diet[1]} is below the {limit} mg/day {words}",
                    pts,
                    "<",
                    "mg/day",
                    limit,
                )
            )
    for flag in ("night_cramps", "restlessness"):
        if mg.get(flag):
            found.append(_flag(f"magnesium.{flag}", "true", f"{flag} is reported", 0.1))
    cap = 1.0 if serum is not None else 0.5 if low_intake else 0.25
    return min(_noisy_or([e[3] for e in found]), cap), found


def _band(name: str, total: int) -> tuple[str, float]:
    return next((label, pts) for low, label, pts in BANDS[name] if total >= low)


def _questionnaire_max(
    p: dict[str, Any], name: str, flag: str | None
) -> tuple[float, list[tuple[Any, ...]]]:
    mind = p.get("mind") or {}
    found = []
    level = mind.get("perceived_stress") if name == "pss10" else None
    if level is not None:
        found.append(
            _flag(
                "mind.perceived_stress",
                level,
                f"perceived stress is rated {level}",
                STRESS_LEVELS[level],
            )
        )
    total = mind.get(name)
    if total is not None:
        label, pts = _band(name, total)
        found.append(
            (
                f"mind.{name}",
                str(total),
                f"{name.upper()} total {total} of {MAX[name]} is in the '{label}' band",
                pts,
                "is",
                float(total),
                "points",
                None,
            )
        )
    if flag and mind.get(flag):
        found.append(_flag(f"mind.{flag}", "true", "a diagnosis is reported", 0.6))
    return max([e[3] for e in found], default=0.0), found


def _rules(p: dict[str, Any]) -> dict[str, tuple[float, list[tuple[Any, ...]]]]:
    life = p.get("lifestyle") or {}
    mind = p.get("mind") or {}
    health = p.get("health") or {}
    found: dict[str, tuple[float, list[tuple[Any, ...]]]] = {
        "magnesium_deficiency": _magnesium(p),
        "stress": _questionnaire_max(p, "pss10", None),
        "anxiety": _questionnaire_max(p, "gad7", "anxiety_diagnosed"),
        "depression": _questionnaire_max(p, "phq9", "depression_diagnosed"),
    }
    if mind.get("work_pressure"):
        found["work_pressure"] = (
            0.6,
            [_flag("mind.work_pressure", "true", "work pressure is reported", 0.6)],
        )
    caffeine, last = life.get("caffeine"), life.get("last_caffeine_before_bed")
    evidence = []
    if not (caffeine is not None and caffeine[2] == 0):
        if caffeine is not None and caffeine[2] > 400:
            evidence.append(
                _measured(
                    "lifestyle.caffeine",
                    caffeine,
                    f"caffeine {_describe(caffeine, 'mg/day')} is above 400 mg/day",
                    0.5,
                    ">",
                    "mg/day",
                    400.0,
                )
            )
        if last is not None and last[2] < 360:
            fraction = min(1.0, (400.0 if caffeine is None else caffeine[2]) / 400.0)
            dose = "unknown" if caffeine is None else f"{fraction:.0%} of 400 mg"
            evidence.append(
                _measured(
                    "lifestyle.last_caffeine_before_bed",
                    last,
                    f"the last caffeine is taken {_describe(last, 'min')} before bed, under "
                    f"6 h; dose {dose}",
                    0.6 * fraction,
                    "<",
                    "min",
                    360.0,
                )
            )
    found["caffeine"] = (_noisy_or([e[3] for e in evidence]), evidence)
    screen = life.get("screen_time_before_bed")
    if screen is not None and screen[2] > 30:
        many = screen[2] >= 120
        limit = 120.0 if many else 30.0
        found["evening_screen_use"] = (
            0.6 if many else 0.4,
            [
                _measured(
                    "lifestyle.screen_time_before_bed",
                    screen,
                    f"screens are used for {_describe(screen, 'min')} before bed, > {limit:g} min",
                    0.6 if many else 0.4,
                    ">=" if many else ">",
                    "min",
                    limit,
                )
            ],
        )
    evidence = []
    nights = life.get("late_nights_per_week")
    if nights:
        evidence.append(
            (
                "lifestyle.late_nights_per_week",
                str(nights),
                f"stays up late {nights} nights a week",
                0.6 if nights >= 3 else 0.3,
                ">=",
                float(nights),
                "nights/week",
                3.0 if nights >= 3 else 1.0,
            )
        )
    if life.get("irregular_schedule"):
        evidence.append(
            _flag("lifestyle.irregular_schedule", "true", "the sleep schedule is irregular", 0.4)
        )
    found["late_nights"] = (_noisy_or([e[3] for e in evidence]), evidence)
    drinks = life.get("alcohol_drinks_per_week")
    if drinks:
        age = p.get("age")
        men = p.get("sex") == "male" and age is not None and 18 <= age <= 65
        limit = 14.0 if men else 7.0
        ratio = drinks / limit
        rise = min(1.0, (ratio - 1.0) / 2.0)
        pts = 0.35 * ratio if ratio <= 1.0 else 0.35 + (0.9 - 0.35) * rise
        found["alcohol"] = (
            pts,
            [
                (
                    "lifestyle.alcohol_drinks_per_week",
                    f"{drinks:g}",
                    f"{drinks:g} alcoholic drinks a week, against the limit of {limit:g}",
                    pts,
                    ">" if drinks > limit else "<=",
                    float(drinks),
                    "drinks/week",
                    limit,
                )
            ],
        )
    if life.get("smoker"):
        found["nicotine"] = (0.5, [_flag("lifestyle.smoker", "true", "the person smokes", 0.5)])
    for key, table, name in (
        ("conditions", CONDITIONS, "underlying_condition"),
        ("medications", MEDICATIONS, "medication"),
    ):
        evidence = [
            _flag(f"health.{key}", item, table[item][1], table[item][0])
            for item in health.get(key) or ()
            if item in table
        ]
        found[name] = (_noisy_or([e[3] for e in evidence]), evidence)
    return found


def _known(p: dict[str, Any], path: str) -> bool:
    section, _, name = path.rpartition(".")
    return (p.get(section) or {} if section else p).get(name) is not None


def _covered(p: dict[str, Any]) -> set[str]:
    """Inputs not to ask: the range without a serum value, pregnancy for a man."""
    covered = set() if _known(p, "magnesium.serum") else {"magnesium.reference_range"}
    return covered | {"pregnant", "lactating"} if p.get("sex") == "male" else covered


def _unknown_referral_inputs(p: dict[str, Any], covered: set[str]) -> list[str]:
    found = []
    for path in REFERRAL_INPUTS:
        if path == "mind.phq9.items":
            # A total alone leaves item 9 unknown; no PHQ-9 at all is listed as mind.phq9.
            phq9 = (p.get("mind") or {}).get("phq9")
            if isinstance(phq9, int):
                found.append(path)
        elif path not in covered and not _known(p, path):
            found.append(path)
    return found


def assess(p: dict[str, Any]) -> dict[str, Any]:
    """The floor's assessment of a parsed profile."""
    found = _rules(p)
    scored = sorted(
        (
            (WEIGHTS[fid] * score, fid, score, evidence)
            for fid, (score, evidence) in found.items()
            if score > 0
        ),
        key=lambda row: (-row[0], row[1]),
    )
    total = sum(row[0] for row in scored)
    causes = []
    for contribution, fid, score, evidence in scored:
        share = contribution / total
        said = [e[2] for e in evidence if e[3] > 0]
        causes.append(
            {
                "factor": fid,
                "score": score,
                "weight": WEIGHTS[fid],
                "contribution": contribution,
                "share": share,
                "summary": f"{fid}: {said[0]}"[:140] if said else fid,
                "detail": f"**{fid}** — score {score:.2f} × weight {WEIGHTS[fid]:g} = "
                f"{contribution:.2f} ({share:.0%} of the total)\n\n"
                + "\n".join(f"- {s}" for s in said),
                "evidence": evidence,
            }
        )
    covered = _covered(p)
    gain: dict[str, float] = {}
    for fid, inputs in INPUTS.items():
        for path, points in inputs:
            if path not in covered and not _known(p, path):
                gain[path] = max(gain.get(path, 0.0), WEIGHTS[fid] * points)
    first = _unknown_referral_inputs(p, covered)
    listed = set(first)
    missing = first + [m for m in sorted(gain, key=lambda m: (-gain[m], m)) if m not in listed]
    sleep = p.get("sleep") or {}
    complaints = []
    for name, kind in (("onset_latency", "sleep_onset"), ("wake_after_sleep_onset", "maint")):
        if sleep.get(name) is not None and sleep[name][2] > 30:
            complaints.append(kind)
    if sleep.get("early_waking"):
        complaints.append("early_waking")
    if sleep.get("total_sleep_time") is not None and sleep["total_sleep_time"][2] < 420:
        complaints.append("short_sleep")
    reasons = []
    caveats = ["not a diagnosis"]
    if isinstance((p.get("mind") or {}).get("phq9"), int):
        caveats.append("self-harm thoughts not asked: PHQ-9 given as a total only")
    duration = sleep.get("duration")
    if duration is not None and duration[2] >= 89 * 1440:
        nights, impaired = sleep.get("nights_per_week"), sleep.get("daytime_impairment")
        chronic = (nights or 0) >= 3 and impaired is True
        reasons.append("chronic_insomnia" if chronic else "persistent_insomnia")
        if not chronic and impaired is None and (nights is None or nights >= 3):
            caveats.append("chronic insomnia not claimed: daytime impairment not checked")
    health = p.get("health") or {}
    conditions = health.get("conditions") or []
    if conditions:
        reasons.append("underlying_condition: " + ", ".join(conditions))
    if "alcohol_dependence" in conditions:
        reasons.append("alcohol_dependence")
    mg = p.get("magnesium") or {}
    serum = mg.get("serum")
    level = None if serum is None else _level(serum[2])
    named = {"severe": "severe_hypomagnesaemia", "hypo": "hypomagnesaemia"}
    named |= {"hyper": "hypermagnesaemia", "symptoms": "hypermagnesaemia"}
    if level in named:
        reasons.append(named[level])
    low = level in ("severe", "hypo", "below")  # the example's serum is known
    high = level in ("above", "hyper", "symptoms")
    supplements = mg.get("supplements")
    medications = health.get("medications")
    if "chronic_kidney_disease" in conditions and (low or high):
        reasons.append("magnesium_kidney_disease")
    if low:
        age = p.get("age")
        for code, applies in (
            ("magnesium_low_on_supplements", bool(supplements)),
            ("magnesium_child", age is not None and age < 18),
            ("magnesium_pregnancy", bool(p.get("pregnant") or p.get("lactating"))),
            ("magnesium_medicine_review", bool(REVIEWED & set(medications or ()))),
            ("magnesium_heart_conduction", "heart_conduction_disorder" in conditions),
        ):
            if applies:
                reasons.append(code)
    if len(causes) == 1 and causes[0]["factor"] == "magnesium_deficiency":
        caveats.append("magnesium alone: other causes not ruled out")
    advice = [
        "magnesium_rich_diet",
        "sleep_habits",
        "fewer_late_nights",
        "stress_control",
        "see_a_doctor_if_persistent",
    ]
    if high:
        advice[0] = "no_added_magnesium"
    if "chronic_kidney_disease" in conditions:
        advice[0] = "kidney_diet"
    settled = p.get("sex") == "male" or (p.get("pregnant") is False and not p.get("lactating"))
    settled = settled and (p.get("sex") == "male" or p.get("lactating") is False)
    if (
        level == "below"
        and (p.get("age") or 0) >= 18
        and settled
        and health.get("conditions") is not None
        and not {"chronic_kidney_disease", "heart_conduction_disorder"} & set(conditions)
        and medications is not None
        and not REVIEWED & set(medications)
        and supplements == []
    ):
        advice.append(f"magnesium_supplement up to {350:g} mg/day")
    assert math.isfinite(total)
    return {
        "causes": causes,
        "missing": missing,
        "referral": reasons,
        "caveats": caveats,
        "advice": advice,
        "complaints": complaints,
    }
