"""The default rules over whole columns.

Each rule of the default catalog is evaluated here on numpy arrays, reading its
thresholds from the factor instance (``factor.daily_limit_mg``, ``factor.points``, …)
and the module constants the factor modules keep.  The score that goes with each
combination of inputs is taken from the factor's own rule: every row is mapped to a
small *state* (which side of each threshold each input falls on), and the score of a
state is what ``factor.evaluate`` gives for a profile in that state.  So point values,
caps, the noisy-OR and its rounding live in the scalar rule alone, and the columnar
result equals ``assess()`` row by row, bit for bit.  Only the alcohol and caffeine rules,
whose scores are continuous in the dose, are computed arithmetically, with the rule's
own parameters, float operations and rounding reproduced exactly (:func:`clean`).

A factor whose exact type is not listed in :data:`_PLANNERS` (a user's own factor, or a
subclass that overrides ``evaluate``) has no vectorised rule; the caller falls back to
the scalar rule for it.
"""

from __future__ import annotations

import itertools
import math
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import attrs
import numpy as np
import numpy.typing as npt

from insomnia_factors.assessment import (
    CHRONIC_MIN_MINUTES,
    CHRONIC_MIN_NIGHTS,
    REFERRED_CONDITIONS,
    REVIEW_MEDICATIONS,
)
from insomnia_factors.columnar._decode import Decoded
from insomnia_factors.columnar._fields import FieldType, field_specs
from insomnia_factors.factors.base import Factor
from insomnia_factors.factors.lifestyle import (
    Alcohol,
    Caffeine,
    EveningScreenUse,
    LateNights,
    Nicotine,
)
from insomnia_factors.factors.magnesium import (
    HIGH_LEVELS,
    LOW_LEVELS,
    MagnesiumDeficiency,
    SerumLevel,
)
from insomnia_factors.factors.medical import Medicine, UnderlyingCondition
from insomnia_factors.factors.mind import Anxiety, Depression, Stress, WorkPressure
from insomnia_factors.intake import reference_intake
from insomnia_factors.models.assessment import InsomniaPattern
from insomnia_factors.models.vocabulary import Condition, Medication, Sex
from insomnia_factors.questionnaires import GAD7, ISI, PHQ9, Questionnaire
from insomnia_factors.units import Measurement, canonical_unit

__all__ = [
    "PATTERNS",
    "SEVERITIES",
    "Inputs",
    "Rule",
    "clean",
    "insomnia",
    "plan_for",
    "referral",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]
Document = dict[str, Any]


class Inputs:
    """The decoded columns, read by profile path; an absent column is all unknown."""

    def __init__(self, decoded: Mapping[str, Decoded], length: int) -> None:
        self.decoded = decoded
        self.length = length

    def _get(self, path: str) -> Decoded | None:
        return self.decoded.get(path)

    def known(self, path: str) -> Bools:
        found = self._get(path)
        return found.known if found is not None else np.zeros(self.length, dtype=np.bool_)

    def number(self, path: str) -> tuple[Bools, Floats]:
        """(known, value) of a quantity (canonical unit), number or questionnaire total."""
        found = self._get(path)
        if found is None:
            return np.zeros(self.length, dtype=np.bool_), np.zeros(self.length)
        return found.known, found.value

    def truthy(self, path: str) -> Bools:
        """Known and true."""
        found = self._get(path)
        if found is None:
            return np.zeros(self.length, dtype=np.bool_)
        return found.known & found.value

    def tristate(self, path: str) -> Ints:
        """0 unknown, 1 false, 2 true."""
        found = self._get(path)
        if found is None:
            return np.zeros(self.length, dtype=np.int64)
        return found.known.astype(np.int64) + (found.known & found.value)

    def choice(self, path: str) -> Ints:
        """Position of the member in its vocabulary; -1 unknown."""
        found = self._get(path)
        if found is None:
            return np.full(self.length, -1, dtype=np.int64)
        return found.value

    def bits(self, path: str) -> tuple[Bools, Ints]:
        """(known, bit set of the members, by position in the vocabulary)."""
        found = self._get(path)
        if found is None:
            return np.zeros(self.length, dtype=np.bool_), np.zeros(self.length, dtype=np.int64)
        return found.known, found.value

    def self_harm(self, path: str) -> Bools:
        found = self._get(path)
        if found is None or found.extra is None:
            return np.zeros(self.length, dtype=np.bool_)
        return found.known & found.extra


# ---------------------------------------------------------------------------------------
# States and the scores the scalar rule gives them


class _Unreachable(Exception):
    """No valid input falls in this state (the thresholds leave it empty)."""


@attrs.frozen
class Dim:
    """One input dimension of a rule: ``size`` states, and a profile fragment for each."""

    size: int
    state: Callable[[Inputs], Ints]
    fragment: Callable[[int], Document]


def _set_path(document: Document, path: str, value: object) -> Document:
    section, _, name = path.rpartition(".")
    if section:
        document.setdefault(section, {})[name] = value
    else:
        document[name] = value
    return document


def _field(path: str, value: object) -> Document:
    return _set_path({}, path, value)


def _quantity(path: str, canonical: float) -> Document:
    # A measurement in the canonical unit: exactly ``canonical``, no text round trip.
    kind = field_specs()[path].kind
    assert kind is not None
    if canonical < 0 or not math.isfinite(canonical):
        raise _Unreachable
    return _field(path, Measurement(canonical, canonical_unit(kind), kind))


def _merge(parts: Sequence[Document]) -> Document:
    document: Document = {}
    for part in parts:
        for key, value in part.items():
            if isinstance(value, dict):
                document.setdefault(key, {}).update(value)
            else:
                document[key] = value
    return document


class EnumeratedRule:
    """A rule whose score depends on its inputs only through a finite set of states.

    The score of each state that occurs is asked of the scalar rule once (on a profile
    built from the states' fragments) and kept.
    """

    def __init__(self, factor: Factor, dims: Sequence[Dim]) -> None:
        self.factor = factor
        self.dims = tuple(dims)
        self.size = math.prod(d.size for d in self.dims)
        self._scores = np.full(self.size, np.nan)
        self._lock = threading.Lock()

    def state(self, inputs: Inputs) -> Ints:
        state = np.zeros(inputs.length, dtype=np.int64)
        for dim in self.dims:
            state *= dim.size
            state += dim.state(inputs)
        return state

    def _score_of(self, state: int) -> float:
        from insomnia_factors.serialization import load_profile

        parts = []
        rest = state
        for dim in reversed(self.dims):
            rest, k = divmod(rest, dim.size)
            try:
                parts.append(dim.fragment(k))
            except _Unreachable:
                raise AssertionError(
                    f"state {state} of {self.factor.id!r} occurs but no input can reach it"
                ) from None
        profile = load_profile(_merge(parts))
        return self.factor.evaluate(profile).score

    def scores(self, inputs: Inputs) -> Floats:
        state = self.state(inputs)
        if not len(state):
            return np.zeros(0)
        present = np.flatnonzero(np.bincount(state, minlength=self.size))
        todo = present[np.isnan(self._scores[present])]
        if len(todo):
            with self._lock:
                for s in todo:
                    self._scores[s] = self._score_of(int(s))
        result: Floats = self._scores[state]
        return result


def _tristate_dim(path: str) -> Dim:
    def fragment(k: int) -> Document:
        return {} if k == 0 else _field(path, k == 2)

    return Dim(3, lambda x: x.tristate(path), fragment)


def _truthy_dim(path: str) -> Dim:
    return Dim(
        2,
        lambda x: x.truthy(path).astype(np.int64),
        lambda k: _field(path, True) if k else {},
    )


def _choice_dim(path: str) -> Dim:
    members = field_specs()[path].members()

    def fragment(k: int) -> Document:
        return {} if k == 0 else _field(path, members[k - 1].value)

    return Dim(len(members) + 1, lambda x: x.choice(path) + 1, fragment)


def _whole_dim(path: str) -> Dim:
    spec = field_specs()[path]
    if spec.form is FieldType.QUESTIONNAIRE:
        assert spec.questionnaire is not None
        low, high = 0, spec.questionnaire.INSTRUMENT.max_total
    else:
        assert spec.bounds is not None
        low, high = int(spec.bounds[0]), int(spec.bounds[1])

    def state(x: Inputs) -> Ints:
        known, value = x.number(path)
        return np.where(known, value.astype(np.int64) - (low - 1), 0)

    def fragment(k: int) -> Document:
        return {} if k == 0 else _field(path, low + k - 1)

    return Dim(high - low + 2, state, fragment)


def _set_dim(path: str, relevant: Sequence[Any]) -> Dim:
    """The subset of ``relevant`` members present (unknown counts as none of them)."""
    members = field_specs()[path].members()
    positions = [members.index(m) for m in relevant]

    def state(x: Inputs) -> Ints:
        # Bit j of the state is the vocabulary bit of relevant[j].
        _, bits = x.bits(path)
        result: Ints = np.zeros(len(bits), dtype=np.int64)
        for j, position in enumerate(positions):
            result |= ((bits >> position) & 1) << j
        return result

    def fragment(k: int) -> Document:
        chosen = [relevant[j].value for j in range(len(relevant)) if k >> j & 1]
        return _field(path, chosen) if chosen else {}

    return Dim(1 << len(relevant), state, fragment)


# --- the default factors ---------------------------------------------------------------


class _References:
    """Reference intakes (RDA, EAR) by age, sex, pregnancy and lactation, from intake.py.

    Each combination that occurs is looked up once; NaN where none applies.
    """

    _AGES = 127  # unknown, 0 … 125

    def __init__(self) -> None:
        size = self._AGES * 4 * 3 * 3
        self.rda = np.full(size, np.nan)
        self.ear = np.full(size, np.nan)
        self.done = np.zeros(size, dtype=np.bool_)
        self.lock = threading.Lock()

    def lookup(self, x: Inputs, rows: Bools) -> tuple[Floats, Floats]:
        age_known, age = x.number("age")
        group = np.where(age_known, age.astype(np.int64) + 1, 0)
        group = group * 4 + x.choice("sex") + 1
        group = group * 3 + x.tristate("pregnant")
        group = group * 3 + x.tristate("lactating")
        present = np.flatnonzero(np.bincount(group[rows], minlength=len(self.done)))
        todo = present[~self.done[present]]
        if len(todo):
            with self.lock:
                for g in todo.tolist():
                    self._add(g)
        return self.rda[group], self.ear[group]

    def _add(self, group: int) -> None:
        age, rest = divmod(group, 36)
        sex, rest = divmod(rest, 9)
        pregnant, lactating = divmod(rest, 3)
        ref = reference_intake(
            None if age == 0 else age - 1,
            None if sex == 0 else list(Sex)[sex - 1],
            None if pregnant == 0 else pregnant == 2,
            None if lactating == 0 else lactating == 2,
        )
        if ref is not None:
            self.rda[group] = ref.rda
            self.ear[group] = np.nan if ref.ear is None else ref.ear
        self.done[group] = True


#: Serum levels by position in :class:`SerumLevel`, the codes :func:`serum_levels` gives.
LEVELS: tuple[SerumLevel, ...] = tuple(SerumLevel)


def serum_levels(f: MagnesiumDeficiency, value: Floats) -> Ints:
    """:meth:`MagnesiumDeficiency.serum_level` over a column, against ``f.serum_range``
    (tables carry no laboratory range): the same comparisons in the same order."""
    checks = [
        (value > f.excess_symptoms_limit, SerumLevel.EXCESS_SYMPTOMS),
        (value > f.hypermagnesaemia_limit, SerumLevel.HYPERMAGNESAEMIA),
        (value < f.severe_limit, SerumLevel.SEVERELY_LOW),
        (value < f.deficiency_limit, SerumLevel.HYPOMAGNESAEMIA),
        (value > f.serum_range.upper_limit, SerumLevel.ABOVE_RANGE),
        (value < f.serum_range.lower_limit, SerumLevel.BELOW_RANGE),
    ]
    levels: Ints = np.select(
        [condition for condition, _ in checks],
        [LEVELS.index(level) for _, level in checks],
        LEVELS.index(SerumLevel.WITHIN_RANGE),
    ).astype(np.int64)
    return levels


def _codes(levels: frozenset[SerumLevel]) -> Ints:
    return np.array(sorted(LEVELS.index(level) for level in levels), dtype=np.int64)


#: The magnesium rule's serum states: what the score depends on.  0 is unknown.
_SERUM_STATES = {
    SerumLevel.SEVERELY_LOW: 4,
    SerumLevel.HYPOMAGNESAEMIA: 3,
    SerumLevel.BELOW_RANGE: 2,
}
_NOT_LOW_STATE = 1  # within the range or above it: the rule scores zero
_STATE_OF_LEVEL = np.array([_SERUM_STATES.get(level, _NOT_LOW_STATE) for level in LEVELS])


def _serum_witness(f: MagnesiumDeficiency, state: int) -> float:
    """A plausible serum value in ``state``: every threshold, and the middle of every
    interval between two, is tried; the level is constant between thresholds."""
    edges = sorted(
        {
            min(max(v, 0.1), 10.0)
            for v in (
                0.1,
                10.0,
                f.severe_limit,
                f.deficiency_limit,
                f.serum_range.lower_limit,
                f.serum_range.upper_limit,
                f.hypermagnesaemia_limit,
                f.excess_symptoms_limit,
            )
        }
    )
    candidates = edges + [(a + b) / 2 for a, b in itertools.pairwise(edges)]
    for value in candidates:
        level = f.serum_level(value, f.serum_range)
        if _SERUM_STATES.get(level, _NOT_LOW_STATE) == state:
            return value
    raise _Unreachable


def _magnesium(f: MagnesiumDeficiency) -> EnumeratedRule:
    def serum_state(x: Inputs) -> Ints:
        known, s = x.number("magnesium.serum")
        state: Ints = np.where(known, _STATE_OF_LEVEL[serum_levels(f, s)], 0)
        return state

    def serum_fragment(k: int) -> Document:
        if k == 0:
            return {}
        return _quantity("magnesium.serum", _serum_witness(f, k))

    references = _References()

    def intake_state(x: Inputs) -> Ints:
        known, diet = x.number("magnesium.dietary_intake")
        supplements_known, supplemental = x.number("magnesium.supplements")
        rda, ear = references.lookup(x, known)
        # total = dietary + (supplemental or 0.0), as the rule adds them
        total = diet + np.where(supplements_known, supplemental, 0.0)
        with np.errstate(invalid="ignore"):
            below_ear = total < ear
            below_rda = total < rda
        level = np.where(below_ear, 3, np.where(below_rda, 2, 1))
        return np.where(known & ~np.isnan(rda), level, 0)

    # A person with an EAR below the RDA, to put an intake in each state.
    probe = reference_intake(40, Sex.MALE)
    assert probe is not None
    probe_ear = probe.ear
    assert probe_ear is not None

    def intake_fragment(k: int) -> Document:
        if k == 0:
            return {}
        diet = {1: probe.rda, 2: probe_ear, 3: 0.0}[k]
        document = _quantity("magnesium.dietary_intake", diet)
        document["magnesium"]["supplements"] = []
        return _merge([document, {"age": 40, "sex": Sex.MALE.value}])

    return EnumeratedRule(
        f,
        [
            Dim(5, serum_state, serum_fragment),
            Dim(4, intake_state, intake_fragment),
            _truthy_dim("magnesium.night_cramps"),
            _truthy_dim("magnesium.restlessness"),
            _set_dim("health.conditions", _scored(f.risk_conditions)),
            _set_dim("health.medications", _scored(f.risk_medications)),
        ],
    )


def _screens(f: EveningScreenUse) -> EnumeratedRule:
    some, many = f.some_minutes, f.many_minutes
    path = "lifestyle.screen_time_before_bed"

    def state(x: Inputs) -> Ints:
        known, minutes = x.number(path)
        return np.where(known & (minutes > some), np.where(minutes >= many, 2, 1), 0)

    def fragment(k: int) -> Document:
        if k == 0:
            return {}
        if k == 1:
            low = max(some, 0.0)
            if not low < many:
                raise _Unreachable
            return _quantity(path, (low + many) / 2)
        value = max(many, 0.0)
        return _quantity(path, value if value > some else max(some, 0.0) + 1)

    return EnumeratedRule(f, [Dim(3, state, fragment)])


def _late_nights(f: LateNights) -> EnumeratedRule:
    return EnumeratedRule(
        f,
        [
            _whole_dim("lifestyle.late_nights_per_week"),
            _tristate_dim("lifestyle.irregular_schedule"),
        ],
    )


def _stress(f: Stress) -> EnumeratedRule:
    return EnumeratedRule(f, [_choice_dim("mind.perceived_stress"), _whole_dim("mind.pss10")])


def _anxiety(f: Anxiety) -> EnumeratedRule:
    return EnumeratedRule(f, [_whole_dim("mind.gad7"), _tristate_dim("mind.anxiety_diagnosed")])


def _depression(f: Depression) -> EnumeratedRule:
    return EnumeratedRule(f, [_whole_dim("mind.phq9"), _tristate_dim("mind.depression_diagnosed")])


def _work_pressure(f: WorkPressure) -> EnumeratedRule:
    return EnumeratedRule(f, [_tristate_dim("mind.work_pressure")])


def _nicotine(f: Nicotine) -> EnumeratedRule:
    return EnumeratedRule(f, [_tristate_dim("lifestyle.smoker")])


def _scored(table: Mapping[Any, tuple[float, str]]) -> list[Any]:
    """The members of a points table that add points (their order does not matter)."""
    return [member for member, (points, _) in table.items() if points > 0]


def _conditions(f: UnderlyingCondition) -> EnumeratedRule:
    relevant = _scored(f.points)
    apnea = 1 << list(Condition).index(Condition.SLEEP_APNEA)

    def apnea_state(x: Inputs) -> Ints:
        known, bits = x.bits("health.conditions")
        diagnosed: Bools = known & ((bits & apnea) != 0)
        state: Ints = (x.truthy("sleep.witnessed_apneas") & ~diagnosed).astype(np.int64)
        return state

    witnessed = Dim(2, apnea_state, lambda k: _field("sleep.witnessed_apneas", True) if k else {})
    return EnumeratedRule(f, [_set_dim("health.conditions", relevant), witnessed])


def _medication(f: Medicine) -> EnumeratedRule:
    relevant = _scored(f.points)
    return EnumeratedRule(f, [_set_dim("health.medications", relevant)])


# Veltkamp's splitting constant for binary64 (2**27 + 1), and 10**12 split by it.
_SPLIT = 134217729.0
_SCALE = 1e12
_SCALE_HI = _SPLIT * _SCALE - (_SPLIT * _SCALE - _SCALE)
_SCALE_LO = _SCALE - _SCALE_HI


def _scaling_error(values: Floats) -> Floats:
    """The rounding error of ``values * 1e12``: the exact product is the float product
    plus this, exactly (Dekker's TwoProduct; no overflow for values up to 1)."""
    c = _SPLIT * values
    high = c - (c - values)
    low = values - high
    product = values * _SCALE
    return ((high * _SCALE_HI - product) + high * _SCALE_LO + low * _SCALE_HI) + low * _SCALE_LO


def clean(raw: Floats) -> Floats:
    """``Finding``'s rounding, vectorised: ``0`` unless positive, else ``min(1, round(x, 12))``.

    ``round(x, 12)`` is Python's correctly rounded decimal rounding: the exact value of
    ``x × 10¹²`` rounded to an integer, halves to even, then divided by 10¹².  Scaling in
    floating point and rounding to an integer agrees with it except when the scaled value
    lies within the multiplication's rounding error of a half, which dose-scaled points
    often do (a 12-digit dose times 0.0015 ends in a 5).  For those the exact product is
    held against the half: its rounding error is computed exactly, and the differences
    from the half are exact by Sterbenz's lemma.
    """
    raw = np.minimum(raw, 1.0)
    scaled = raw * _SCALE
    whole = np.rint(scaled)
    with np.errstate(invalid="ignore"):
        near = np.flatnonzero(np.abs(scaled - whole) > 0.4995)
    if len(near):
        fraction = scaled[near] - whole[near]
        above = fraction > 0
        # The integer just below the half the scaled value is near, and the gap from the
        # float product to that half: the exact product passes it when the error does.
        below = np.where(above, whole[near], whole[near] - 1.0)
        gap = np.where(above, 0.5, -0.5) - fraction
        error = _scaling_error(raw[near])
        tie_up = below % 2  # a tie goes to the even neighbour
        whole[near] = below + np.where(error > gap, 1.0, np.where(error < gap, 0.0, tie_up))
    result: Floats = whole / _SCALE
    with np.errstate(invalid="ignore"):
        return np.where(raw > 0, np.minimum(result, 1.0), 0.0)


class _CaffeineRule:
    """Late caffeine scaled by the daily dose, and a daily amount over the limit.

    The points, their noisy-OR (over-limit piece first, as the rule lists them) and the
    rounding are the scalar rule's float operations, in the same order.
    """

    def __init__(self, factor: Caffeine) -> None:
        self.factor = factor

    def scores(self, inputs: Inputs) -> Floats:
        f = self.factor
        known, amount = inputs.number("lifestyle.caffeine")
        last_known, last = inputs.number("lifestyle.last_caffeine_before_bed")
        over = known & (amount > f.daily_limit_mg)
        late = last_known & (last < f.min_hours_before_bed * 60)
        dose = np.where(known, amount, f.unknown_dose_mg)
        late_points = f.late_points * np.minimum(1.0, dose / f.reference_dose_mg)
        remaining = np.where(over, 1.0 - f.over_limit_points, 1.0)
        remaining = np.where(late, remaining * (1.0 - late_points), remaining)
        return np.where(known & (amount == 0), 0.0, clean(1.0 - remaining))


class _AlcoholRule:
    """Drinks a week over the limit that applies (by sex and age), one piece of evidence."""

    def __init__(self, factor: Alcohol) -> None:
        self.factor = factor
        self._male = list(Sex).index(Sex.MALE)

    def scores(self, inputs: Inputs) -> Floats:
        f = self.factor
        known, drinks = inputs.number("lifestyle.alcohol_drinks_per_week")
        age_known, age = inputs.number("age")
        men = (
            (inputs.choice("sex") == self._male)
            & age_known
            & (age >= f.adult_age)
            & (age <= f.older_age)
        )
        limit = np.where(men, f.men_weekly_limit, f.lower_weekly_limit)
        ratio = drinks / limit
        rise = np.minimum(1.0, (ratio - 1.0) / (f.cap_multiple - 1.0))
        above = f.at_limit_points + (f.cap - f.at_limit_points) * rise
        points = np.where(ratio <= 1.0, f.at_limit_points * ratio, above)
        raw = 1.0 - (1.0 - points)  # the noisy-OR of one piece
        return np.where(known & (drinks != 0), clean(raw), 0.0)


class Rule(Protocol):
    """A vectorised rule: scores every row of a block."""

    def scores(self, inputs: Inputs) -> Floats: ...


_PLANNERS: Mapping[type, Callable[[Any], Rule]] = {
    MagnesiumDeficiency: _magnesium,
    Stress: _stress,
    WorkPressure: _work_pressure,
    Anxiety: _anxiety,
    Depression: _depression,
    Caffeine: _CaffeineRule,
    EveningScreenUse: _screens,
    LateNights: _late_nights,
    Alcohol: _AlcoholRule,
    Nicotine: _nicotine,
    UnderlyingCondition: _conditions,
    Medicine: _medication,
}

_plans: dict[int, tuple[Factor, Rule]] = {}
_plans_lock = threading.Lock()
_MAX_PLANS = 256


def plan_for(factor: Factor) -> Rule | None:
    """The vectorised rule of ``factor``, or None when it has none (use the scalar rule)."""
    planner = _PLANNERS.get(type(factor))
    if planner is None:
        return None
    with _plans_lock:
        cached = _plans.get(id(factor))
        if cached is not None and cached[0] is factor:
            return cached[1]
    plan = planner(factor)
    with _plans_lock:
        if len(_plans) >= _MAX_PLANS:
            _plans.clear()
        _plans[id(factor)] = (factor, plan)
    return plan


# ---------------------------------------------------------------------------------------
# Insomnia pattern, severity and referral (referral.py, over columns)

PATTERNS: tuple[InsomniaPattern, ...] = tuple(InsomniaPattern)
SEVERITIES: tuple[str, ...] = tuple(band.code for band in ISI.INSTRUMENT.bands)


def insomnia(inputs: Inputs) -> tuple[Ints, Ints]:
    """(pattern position in :data:`PATTERNS`, ISI band position or -1)."""
    known, duration = inputs.number("sleep.duration")
    nights_known, nights = inputs.number("sleep.nights_per_week")
    impaired = inputs.truthy("sleep.daytime_impairment")
    pattern = np.where(
        ~known,
        PATTERNS.index(InsomniaPattern.UNKNOWN),
        np.where(
            duration < CHRONIC_MIN_MINUTES,
            PATTERNS.index(InsomniaPattern.SHORT_TERM),
            np.where(
                nights_known & (nights >= CHRONIC_MIN_NIGHTS) & impaired,
                PATTERNS.index(InsomniaPattern.CHRONIC),
                PATTERNS.index(InsomniaPattern.PERSISTENT),
            ),
        ),
    )
    isi_known, isi = inputs.number("sleep.isi")
    lows = np.array([band.low for band in ISI.INSTRUMENT.bands], dtype=np.float64)
    severity = np.where(isi_known, np.searchsorted(lows, isi, side="right") - 1, -1)
    return pattern.astype(np.int64), severity.astype(np.int64)


#: Bits of the conditions that are a reason to see a doctor in their own right
#: (positions as in :class:`~insomnia_factors.Condition`).
_REFERRED_CONDITIONS = sum(
    1 << position
    for position, condition in enumerate(Condition)
    if condition in REFERRED_CONDITIONS
)


def _severe_from(questionnaire: type[Questionnaire]) -> int:
    severe = questionnaire.INSTRUMENT.severe_from
    assert severe is not None
    return severe


_LOW_CODES = _codes(LOW_LEVELS)
_HIGH_CODES = _codes(HIGH_LEVELS)
_CKD_BIT = 1 << list(Condition).index(Condition.CHRONIC_KIDNEY_DISEASE)
_CONDUCTION_BIT = 1 << list(Condition).index(Condition.HEART_CONDUCTION_DISORDER)
_REVIEW_BITS = sum(1 << list(Medication).index(m) for m in REVIEW_MEDICATIONS)
_INTAKE_REFERENCES = _References()


def magnesium_referral(inputs: Inputs, f: MagnesiumDeficiency) -> tuple[Bools, Bools]:
    """(a magnesium reason to see a clinician, an urgent one), as
    :func:`~insomnia_factors.assessment.magnesium_referrals` gives them."""
    known, serum = inputs.number("magnesium.serum")
    level = serum_levels(f, serum)
    low_serum = known & np.isin(level, _LOW_CODES)
    high = known & np.isin(level, _HIGH_CODES)
    code = LEVELS.index
    severe = known & (level == code(SerumLevel.SEVERELY_LOW))
    excess = known & (level == code(SerumLevel.EXCESS_SYMPTOMS))
    red_flag = (
        severe
        | excess
        | (known & (level == code(SerumLevel.HYPOMAGNESAEMIA)))
        | (known & (level == code(SerumLevel.HYPERMAGNESAEMIA)))
    )
    # Without a serum value, a known total intake (diet plus known supplements) below the EAR.
    diet_known, diet = inputs.number("magnesium.dietary_intake")
    taken_known, taken = inputs.number("magnesium.supplements")
    by_intake = ~known & diet_known & taken_known
    _, ear = _INTAKE_REFERENCES.lookup(inputs, by_intake)
    with np.errstate(invalid="ignore"):
        low = low_serum | (by_intake & (diet + taken < ear))
    conditions_known, conditions = inputs.bits("health.conditions")
    medications_known, medications = inputs.bits("health.medications")
    age_known, age = inputs.number("age")
    kidney = conditions_known & (conditions & _CKD_BIT != 0)
    routed = (
        (taken_known & (taken > 0))
        | (age_known & (age < f.adult_age))
        | inputs.truthy("pregnant")
        | inputs.truthy("lactating")
        | (medications_known & (medications & _REVIEW_BITS != 0))
        | (conditions_known & (conditions & _CONDUCTION_BIT != 0))
    )
    recommended = red_flag | (kidney & (low | high)) | (low & routed)
    return recommended, severe | excess


def referral(
    inputs: Inputs, pattern: Ints, severity: Ints, magnesium: MagnesiumDeficiency
) -> tuple[Bools, Bools]:
    """(a doctor is recommended, urgently), as :func:`~insomnia_factors.assessment.referral_for`.

    ``magnesium`` is the factor whose serum thresholds apply (the catalog's, or the
    default one).
    """
    persistent = (pattern == PATTERNS.index(InsomniaPattern.CHRONIC)) | (
        pattern == PATTERNS.index(InsomniaPattern.PERSISTENT)
    )
    severe_isi = severity == SEVERITIES.index("severe")
    _, conditions = inputs.bits("health.conditions")
    phq9_known, phq9 = inputs.number("mind.phq9")
    gad7_known, gad7 = inputs.number("mind.gad7")
    self_harm = inputs.self_harm("mind.phq9")
    drowsy = inputs.truthy("sleep.drowsy_driving")
    magnesium_recommended, magnesium_urgent = magnesium_referral(inputs, magnesium)
    urgent = drowsy | self_harm | magnesium_urgent
    recommended = (
        magnesium_recommended
        | persistent
        | severe_isi
        | inputs.truthy("sleep.witnessed_apneas")
        | (conditions & _REFERRED_CONDITIONS != 0)
        | urgent
        | (phq9_known & (phq9 >= _severe_from(PHQ9)))
        | (gad7_known & (gad7 >= _severe_from(GAD7)))
    )
    return recommended, urgent
