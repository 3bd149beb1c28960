"""The scoring laws (DESIGN §4) as hypothesis properties, over the public strategies.

Each test name states its law.  Under ``HYPOTHESIS_PROFILE=ci`` each runs 1 000 examples.
Profiles come from :func:`insomnia_factors.testing.profiles`: every field sometimes
unknown, quantities in random equivalent units, questionnaires as totals or items.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from insomnia_factors import (
    DEFAULT_CATALOG,
    Assessment,
    Cause,
    Condition,
    InsomniaPattern,
    InvalidProfileError,
    Level,
    Magnesium,
    Medication,
    Profile,
    Sex,
    assess,
    assessment_schema,
    load_profile,
    profile_schema,
)
from insomnia_factors.assessment import PHQ9_ITEMS, REFERRAL_INPUTS
from insomnia_factors.factors import SERUM_RANGES, Alcohol, Caffeine, MagnesiumDeficiency
from insomnia_factors.intake import reference_intake
from insomnia_factors.questionnaires import Questionnaire
from insomnia_factors.testing import (
    profile_documents,
    profiles,
    quantities,
    questionnaire_answers,
    reexpressed,
)
from profile_paths import INPUT_PATHS, get, reads, scores, with_value

MAGNESIUM = "magnesium_deficiency"
SUPPLEMENT = "magnesium_supplement"
CKD = Condition.CHRONIC_KIDNEY_DISEASE
DEFAULT_MAGNESIUM = DEFAULT_CATALOG.get(MAGNESIUM)
assert isinstance(DEFAULT_MAGNESIUM, MagnesiumDeficiency)
DEFAULT_CAFFEINE = DEFAULT_CATALOG.get("caffeine")
assert isinstance(DEFAULT_CAFFEINE, Caffeine)
DEFAULT_ALCOHOL = DEFAULT_CATALOG.get("alcohol")
assert isinstance(DEFAULT_ALCOHOL, Alcohol)

# The magnesium thresholds, written here from the clinical reference rather than read
# from the code (mmol/L): IOM 1997 0.75-0.95 mmol/L = 1.8-2.3 mg/dL, compared as the
# union of the two (1.8 mg/dL to 0.95 mmol/L); hypomagnesaemia below 0.6 (StatPearls),
# severe below 0.4 (Australian TG); hypermagnesaemia above 1.1; symptoms above 2.
IOM_LOWER = 1.8 * 10 / 24.305
IOM_UPPER = 0.95
HYPO, SEVERE, HYPER, SYMPTOMS = 0.6, 0.4, 1.1, 2.0
ADULT = 18
#: Medicines with which low magnesium goes to the prescriber, not to a supplement.
REVIEWED = {
    Medication.PPI,
    Medication.DIURETIC,
    Medication.LOOP_DIURETIC,
    Medication.THIAZIDE_DIURETIC,
    Medication.POTASSIUM_SPARING_DIURETIC,
    Medication.DIGOXIN,
}
CONDUCTION = Condition.HEART_CONDUCTION_DISORDER


def close(a: float, b: float) -> bool:
    """Equal within float tolerance (the laws allow for rounding, nothing more)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _forget(profile: Profile, paths: set[str]) -> Profile:
    for path in sorted(paths):
        profile = with_value(profile, path, None)
    return profile


#: Profiles from :func:`profiles` and, as often, complete ones with a few inputs
#: forgotten: dense profiles make interactions between inputs (the magnesium rule reads
#: eleven) far more likely than sparse ones do.
people = profiles() | st.builds(
    _forget, profiles(complete=True), st.sets(st.sampled_from(INPUT_PATHS), max_size=6)
)

#: Weight overrides: any factor, any finite non-negative weight, zero included.
weights = st.dictionaries(
    st.sampled_from(DEFAULT_CATALOG.ids),
    st.sampled_from([0.0, 0.5, 1.0, 2.0]) | st.floats(0, 10, allow_nan=False),
)


# --- 1. Units never change the answer --------------------------------------------------


def _evidence(cause: Cause) -> list[tuple[object, ...]]:
    # The person's own text (observed, statement) names their unit; the numbers must not.
    return [(e.path, e.points, e.relation, e.unit, e.threshold) for e in cause.evidence]


def assert_same_assessment(a: Assessment, b: Assessment) -> None:
    assert [c.factor_id for c in a.causes] == [c.factor_id for c in b.causes]
    for x, y in zip(a.causes, b.causes, strict=True):
        for number in ("score", "weight", "contribution", "share"):
            assert close(getattr(x, number), getattr(y, number)), (x.factor_id, number)
        assert _evidence(x) == _evidence(y)
        for e, f in zip(x.evidence, y.evidence, strict=True):
            assert (e.canonical is None) == (f.canonical is None)
            assert e.canonical is None or close(e.canonical, f.canonical or 0.0), e.path
        assert x.explanation.indicator is y.explanation.indicator
    assert a.missing == b.missing
    assert a.caveats == b.caveats
    assert a.insomnia == b.insomnia
    assert a.referral.recommended == b.referral.recommended
    assert [(r.code, r.urgent) for r in a.referral.reasons] == [
        (r.code, r.urgent) for r in b.referral.reasons
    ]
    assert [x.code for x in a.advice] == [y.code for y in b.advice]
    for x, y in zip(a.advice, b.advice, strict=True):
        assert (x.upper_limit_mg_per_day is None) == (y.upper_limit_mg_per_day is None)
        assert x.upper_limit_mg_per_day is None or close(
            x.upper_limit_mg_per_day, y.upper_limit_mg_per_day or 0.0
        )


@given(profiles(), st.data())
def test_units_never_change_the_assessment(profile: Profile, data: st.DataObject) -> None:
    """The same person in mg/dL, mmol/L, mEq/L, µmol/L or mg/L, intakes per day or per week
    in mg, g, mmol or mEq, durations in minutes, hours, days, weeks or months: same result.

    Values on a threshold are not avoided: the strategies draw reference limits, intake
    reference values, 6 h and 3 months often, converted exactly into each unit.  They
    compare equal because the library rounds canonical values to 12 significant digits,
    which absorbs the float noise of unit factors (a few parts in 10^16).  What rounding
    cannot settle is a value within 5 parts in 10^13 of a threshold but not on it: two
    units could then round it to opposite sides.  No value drawn here is that close: a
    short decimal (at most 6 places) next to a threshold differs from it by far more.
    """
    same_person = data.draw(reexpressed(profile), label="same person, other units")
    assert_same_assessment(assess(profile), assess(same_person))


# --- 2. Monotone ------------------------------------------------------------------------

_FLAGS = {
    "sleep.witnessed_apneas",
    "magnesium.night_cramps",
    "magnesium.restlessness",
    "lifestyle.irregular_schedule",
    "lifestyle.smoker",
    "mind.work_pressure",
    "mind.anxiety_diagnosed",
    "mind.depression_diagnosed",
}
_LOWER_IS_STRONGER = {
    "magnesium.serum": "serum_magnesium",
    "magnesium.dietary_intake": "magnesium_per_day",
    "lifestyle.last_caffeine_before_bed": "duration",
}
_HIGHER_IS_STRONGER = {
    "lifestyle.caffeine": ("mass_per_day", None),
    "lifestyle.screen_time_before_bed": ("duration", 24 * 60.0),
}
_LEVELS = [Level.LOW, Level.MODERATE, Level.HIGH]


def _added(vocabulary: Any, listed: tuple[Any, ...] | None) -> st.SearchStrategy[list[Any]]:
    return st.sampled_from(list(vocabulary)).map(lambda extra: [*(listed or ()), extra])


def stronger(profile: Profile, path: str) -> st.SearchStrategy[Any] | None:
    """Values of ``path`` that are stronger evidence than the profile's, or None.

    Only a known value is strengthened: from unknown, a known value can rule a factor
    out (a normal serum value, no caffeine at all), which is not stronger evidence.
    """
    value: Any = get(profile, path)
    if path in _FLAGS:
        return None if value else st.just(True)
    if value is None:
        return None
    if path in _LOWER_IS_STRONGER:
        return quantities(_LOWER_IS_STRONGER[path], max_value=value.canonical)
    if path in _HIGHER_IS_STRONGER:
        kind, maximum = _HIGHER_IS_STRONGER[path]
        return quantities(kind, min_value=value.canonical, max_value=maximum)
    if path == "lifestyle.late_nights_per_week":
        return st.integers(value, 7)
    if path == "lifestyle.alcohol_drinks_per_week":
        return st.floats(value, 350)
    if path == "mind.perceived_stress":
        return st.sampled_from(_LEVELS[_LEVELS.index(value) :])
    if isinstance(value, Questionnaire):
        return questionnaire_answers(type(value), min_total=value.score)
    if path == "health.conditions":
        return _added(Condition, value)
    if path == "health.medications":
        return _added(Medication, value)
    if path == "magnesium.supplements" and value:
        # Less supplemented magnesium is a larger shortfall.
        return st.integers(0, len(value) - 1).map(
            lambda drop: [s for i, s in enumerate(value) if i != drop]
        )
    return None


def test_every_scored_input_has_a_stronger_direction() -> None:
    # Guards the law below against silently skipping an input a factor reads.
    read = {path for factor in DEFAULT_CATALOG for path, points in factor.inputs if points > 0}
    handled = (
        _FLAGS
        | set(_LOWER_IS_STRONGER)
        | set(_HIGHER_IS_STRONGER)
        | {"lifestyle.late_nights_per_week", "lifestyle.alcohol_drinks_per_week"}
        | {"mind.perceived_stress", "mind.pss10", "mind.gad7", "mind.phq9"}
        | {"health.conditions", "health.medications"}
    )
    assert read <= handled


@given(people, st.data())
def test_stronger_evidence_never_lowers_a_score(profile: Profile, data: st.DataObject) -> None:
    """Lower serum or intake, less supplemented magnesium, more caffeine or caffeine closer
    to bed, more screen time, more late nights, more drinks, a higher stress level or
    questionnaire total, one more condition or medication, a symptom flag set: no factor's
    score goes down."""
    before = scores(profile)
    for path in INPUT_PATHS:
        values = stronger(profile, path)
        if values is None:
            continue
        stronger_profile = with_value(profile, path, data.draw(values, label=path))
        after = scores(stronger_profile)
        for factor_id, score in before.items():
            assert after[factor_id] >= score, (path, factor_id)


# The dose–responses on their own, and densely (the law above draws them among all inputs).

drink_counts = st.integers(0, 40).map(float) | st.floats(0, 350)


@given(people, drink_counts, drink_counts)
def test_more_drinks_never_lower_the_alcohol_score(profile: Profile, a: float, b: float) -> None:
    fewer, more = sorted((a, b))
    path = "lifestyle.alcohol_drinks_per_week"
    low = DEFAULT_ALCOHOL.evaluate(with_value(profile, path, fewer)).score
    high = DEFAULT_ALCOHOL.evaluate(with_value(profile, path, more)).score
    assert 0.0 <= low <= high <= DEFAULT_ALCOHOL.cap


# Anyone held to the lower drinking limit: women, men over 65, children, sex or age unknown.
_LOWER_LIMIT_PEOPLE = st.one_of(
    st.tuples(st.sampled_from([Sex.FEMALE, Sex.OTHER, None]), st.none() | st.integers(0, 125)),
    st.tuples(st.just(Sex.MALE), st.none() | st.integers(66, 125) | st.integers(0, 17)),
)


@given(people, drink_counts, st.integers(18, 65), _LOWER_LIMIT_PEOPLE)
def test_a_lower_drinking_limit_never_lowers_the_alcohol_score(
    profile: Profile, drinks: float, age: int, other: tuple[Sex | None, int | None]
) -> None:
    """The same drinks score at least as high against the lower limit (7 a week) as for a
    man aged 18-65 (14 a week); the two limits are NIAAA's."""
    base = attrs.evolve(
        with_value(profile, "lifestyle.alcohol_drinks_per_week", drinks),
        pregnant=None,
        lactating=None,
    )
    man = DEFAULT_ALCOHOL.evaluate(attrs.evolve(base, sex=Sex.MALE, age=age))
    sex, other_age = other
    lower = DEFAULT_ALCOHOL.evaluate(attrs.evolve(base, sex=sex, age=other_age))
    assert lower.score >= man.score
    if drinks:
        assert man.evidence[0].threshold == 14
        assert lower.evidence[0].threshold == 7
        event(f"lower limit because of: {sex}, age {'unknown' if other_age is None else 'known'}")


@given(
    st.floats(0, 350),
    st.floats(0.5, 50),
    st.floats(0.5, 50),
)
def test_the_alcohol_points_never_fall_as_the_limit_falls(
    drinks: float, limit_a: float, limit_b: float
) -> None:
    stricter, looser = sorted((limit_a, limit_b))
    assert DEFAULT_ALCOHOL.points(drinks, stricter) >= DEFAULT_ALCOHOL.points(drinks, looser)


@given(people, st.data())
def test_a_larger_caffeine_dose_never_lowers_the_caffeine_score(
    profile: Profile, data: st.DataObject
) -> None:
    """Whatever the timing (drawn near bedtime half the time), more caffeine a day never
    scores less; none at all scores zero."""
    if data.draw(st.booleans(), label="late"):
        late = data.draw(quantities("duration", max_value=6 * 60.0), label="last caffeine")
        profile = with_value(profile, "lifestyle.last_caffeine_before_bed", late)
    path = "lifestyle.caffeine"
    smaller = with_value(profile, path, data.draw(quantities("mass_per_day"), label="smaller"))
    amount = smaller.lifestyle.caffeine
    assert amount is not None
    larger_dose = data.draw(quantities("mass_per_day", min_value=amount.canonical), label="larger")
    larger = with_value(profile, path, larger_dose)
    low = DEFAULT_CAFFEINE.evaluate(smaller).score
    assert low <= DEFAULT_CAFFEINE.evaluate(larger).score
    if amount.canonical == 0:
        assert low == 0.0


@given(profiles(), weights, st.sampled_from(DEFAULT_CATALOG.ids), st.floats(1e-6, 10))
def test_a_larger_weight_never_lowers_that_factors_rank(
    profile: Profile, overrides: dict[str, float], factor_id: str, increase: float
) -> None:
    weight = DEFAULT_CATALOG.weights(overrides)[factor_id]
    before = [c.factor_id for c in assess(profile, weights=overrides).causes]
    heavier = {**overrides, factor_id: weight + increase}
    after = [c.factor_id for c in assess(profile, weights=heavier).causes]
    if factor_id in before:
        assert factor_id in after
        assert after.index(factor_id) <= before.index(factor_id)


# --- 3. Additive and bounded ------------------------------------------------------------


@given(profiles(), weights)
def test_scores_are_bounded_contributions_weighted_and_shares_sum_to_one(
    profile: Profile, overrides: dict[str, float]
) -> None:
    result = assess(profile, weights=overrides)
    weight_of = DEFAULT_CATALOG.weights(overrides)
    found = scores(profile)
    assert all(0.0 <= score <= 1.0 for score in found.values())
    # Exactly the factors with a positive contribution are causes, ranked by contribution
    # (highest first), ties broken by factor id.
    expected = sorted(
        (fid for fid, score in found.items() if weight_of[fid] * score > 0),
        key=lambda fid: (-weight_of[fid] * found[fid], fid),
    )
    assert [c.factor_id for c in result.causes] == expected
    keys = [(-c.contribution, c.factor_id) for c in result.causes]
    assert keys == sorted(keys)
    total = sum(c.contribution for c in result.causes)
    for cause in result.causes:
        assert cause.score == found[cause.factor_id]
        assert cause.weight == weight_of[cause.factor_id]
        assert close(cause.contribution, cause.weight * cause.score)
        assert close(cause.share, cause.contribution / total)
    if result.causes:
        assert math.isclose(sum(c.share for c in result.causes), 1.0, abs_tol=1e-9)


# --- 4. Unknown is not absent -----------------------------------------------------------


@attrs.frozen
class RuleOut:
    """A known value that lowers a factor's score by design, so forgetting it may raise
    the score; the law then holds against the weakest known value that does not."""

    why: str
    applies: Callable[[Profile], bool]
    weakest: Callable[[Profile], object]


#: Inputs that the answer on sex settles: they are never asked of a man.
SETTLED_FOR_MEN = {"pregnant", "lactating"}

RULE_OUTS: dict[tuple[str, str], RuleOut] = {
    (MAGNESIUM, "magnesium.serum"): RuleOut(
        "a serum value that is not low scores magnesium deficiency zero (law 5)",
        lambda p: serum_state(p) in ("normal", "high"),
        lambda p: f"{max(limits(p)[0], HYPO) * 0.999!r} mmol/L",
    ),
    (MAGNESIUM, "magnesium.reference_range"): RuleOut(
        "the laboratory's own range replaces the default one; with it a value can be "
        "normal that IOM 1997 calls low",
        lambda p: p.magnesium.reference_range is not None,
        lambda p: {"low": f"{IOM_LOWER!r} mmol/L", "high": f"{IOM_UPPER!r} mmol/L"},
    ),
    ("caffeine", "lifestyle.caffeine"): RuleOut(
        "no caffeine at all scores caffeine zero whatever the timing, and a known amount "
        "below the trial's 400 mg scales the late points down, while an unknown amount "
        "counts as 400 mg",
        lambda p: (
            p.lifestyle.caffeine is not None
            and p.lifestyle.caffeine.canonical < DEFAULT_CAFFEINE.unknown_dose_mg
        ),
        lambda p: f"{DEFAULT_CAFFEINE.unknown_dose_mg!r} mg/day",
    ),
    ("alcohol", "sex"): RuleOut(
        "men up to 65 have the higher drinking limit; unknown sex takes the lower one",
        lambda p: p.sex is Sex.MALE,
        lambda p: Sex.FEMALE,
    ),
    ("alcohol", "age"): RuleOut(
        "men up to 65 have the higher drinking limit; unknown age takes the lower one",
        lambda p: p.age is not None and p.age <= DEFAULT_ALCOHOL.older_age,
        lambda p: DEFAULT_ALCOHOL.older_age + 1,
    ),
    (MAGNESIUM, "magnesium.supplements"): RuleOut(
        "supplements add to the total intake; unknown ones are counted as none",
        lambda p: bool(p.magnesium.supplemental_mg_per_day),
        lambda p: [],
    ),
    (MAGNESIUM, "age"): RuleOut(
        "children need less magnesium than any adult; an unknown age gets the lowest "
        "adult reference intake",
        lambda p: p.age is not None and p.age < 19,
        lambda p: 19,
    ),
}


@given(people)
def test_forgetting_an_input_never_raises_a_score(profile: Profile) -> None:
    """Replacing any known input by unknown never raises any factor's score.

    Some known values lower a score by design (see ``RULE_OUTS``): a normal serum value,
    no or little caffeine, supplements already taken, a child's age, a man's sex or age
    under the higher drinking limit.  Forgetting one of those may raise the score, but
    never above what the weakest known value that does not rule the factor out or lower
    it gives: unknown still adds nothing of its own.
    """
    before = scores(profile)
    for path in INPUT_PATHS:
        if get(profile, path) is None:
            continue
        after = scores(with_value(profile, path, None))
        for factor_id, score in after.items():
            rule_out = RULE_OUTS.get((factor_id, path))
            if rule_out is not None and rule_out.applies(profile):
                event(f"rule-out: {factor_id} / {path}")
                weakest = with_value(profile, path, rule_out.weakest(profile))
                assert score <= scores(weakest)[factor_id], (path, factor_id, rule_out.why)
            else:
                assert score <= before[factor_id], (path, factor_id)


@given(people)
def test_an_unknown_input_a_factor_reads_is_listed_as_missing(profile: Profile) -> None:
    """Every input a factor's rule reads while it is unknown appears in ``missing``, but
    for questions the person's sex already answers (pregnancy and lactation, for a man)."""
    missing = set(assess(profile).missing)
    settled = SETTLED_FOR_MEN if profile.sex is Sex.MALE else set()
    for factor in DEFAULT_CATALOG:
        unknown = {path for path in reads(factor, profile) if get(profile, path) is None}
        assert unknown - settled <= missing, (factor.id, unknown - missing)


@given(people, profiles(complete=True))
def test_an_unknown_input_that_could_change_a_score_is_missing(
    profile: Profile, donor: Profile
) -> None:
    """``missing`` lists only unknown inputs, and every unknown input whose value could
    change a factor's score (tried with the value a complete profile has)."""
    result = assess(profile)
    assert all(get(profile, path) is None for path in result.missing)
    before = scores(profile)
    for path in INPUT_PATHS:
        if get(profile, path) is not None:
            continue
        try:
            known = with_value(profile, path, get(donor, path))
        except InvalidProfileError:
            continue  # a value the model refuses for this person (pregnant, for a man)
        if scores(known) != before:
            assert path in result.missing, path


def _referral(result: Assessment) -> tuple[bool, bool, list[str]]:
    referral = result.referral
    return referral.recommended, referral.urgent, sorted(r.code for r in referral.reasons)


def _phq9_items(total: int) -> list[int]:
    """Nine PHQ-9 answers adding up to ``total``, item 9 as high as the total allows."""
    items = [0] * 9
    items[8] = min(3, total)
    rest = total - items[8]
    for index in range(8):
        items[index] = min(3, rest)
        rest -= items[index]
    return items


@given(people, profiles(complete=True))
def test_an_unknown_input_that_could_change_the_referral_is_missing_first(
    profile: Profile, donor: Profile
) -> None:
    """Every unknown input whose value could change the referral (whether, how urgently,
    and for which reasons) is in ``missing``, and those that can decide a reason lead it,
    urgent ones first, in the declared order."""
    result = assess(profile)
    before = _referral(result)
    for path in INPUT_PATHS:
        if get(profile, path) is not None:
            continue
        try:
            known = with_value(profile, path, get(donor, path))
        except InvalidProfileError:
            continue  # a value the model refuses for this person (pregnant, for a man)
        if _referral(assess(known)) != before:
            event(f"referral decided by {path}")
            assert path in result.missing, path
    phq9 = profile.mind.phq9
    if phq9 is not None and phq9.items is None:
        # The items behind a total: item 9 may be above 0 whatever the total (0 apart).
        assert PHQ9_ITEMS in result.missing
        items = with_value(profile, "mind.phq9", _phq9_items(phq9.score))
        assert (_referral(assess(items)) != before) == (phq9.score > 0)
    declared = [item.path for item in REFERRAL_INPUTS]
    deciding = [path for path in result.missing if path in declared]
    assert list(result.missing[: len(deciding)]) == deciding
    assert deciding == sorted(deciding, key=declared.index)
    urgent = [item.urgent for item in REFERRAL_INPUTS if item.path in deciding]
    assert urgent == sorted(urgent, reverse=True)


# --- 5. Magnesium is never the only answer ----------------------------------------------


def _suggestion(result: Assessment) -> Any:
    return next((a for a in result.advice if a.code == SUPPLEMENT), None)


def limits(profile: Profile) -> tuple[float, float]:
    """The reference range applied, in mmol/L: the laboratory's own, else IOM 1997's."""
    own = profile.magnesium.reference_range
    if own is None:
        return IOM_LOWER, IOM_UPPER
    return own.low.canonical, own.high.canonical


def serum_state(profile: Profile) -> str | None:
    """ "low", "normal" or "high" by the reference; clinical limits before the range."""
    serum = profile.magnesium.serum
    if serum is None:
        return None
    value, (lower, upper) = serum.canonical, limits(profile)
    if value > HYPER:
        return "high"
    if value < HYPO:
        return "low"
    if value > upper * (1 + 1e-12):
        return "high"
    return "low" if value < lower * (1 - 1e-12) else "normal"


def low_status(profile: Profile) -> bool:
    """Serum low, or (no serum value and) a known total intake, supplements included,
    below the EAR."""
    mg = profile.magnesium
    if mg.serum is not None:
        return serum_state(profile) == "low"
    if mg.dietary_intake is None or mg.supplemental_mg_per_day is None:
        return False
    ref = reference_intake(profile.age, profile.sex, profile.pregnant, profile.lactating)
    total = mg.dietary_intake.canonical + mg.supplemental_mg_per_day
    return ref is not None and ref.ear is not None and total < ref.ear


def _upper_limit(age: int) -> float | None:
    """IOM 1997 p. 242: UL for supplemental magnesium, mg/day (none under one year)."""
    if age < 1:
        return None
    return 65.0 if age <= 3 else 110.0 if age <= 8 else 350.0


def blockers(profile: Profile, weight: float) -> list[str]:
    """Every reason, by the issue's list, that rules an over-the-counter supplement out."""
    mg, health = profile.magnesium, profile.health
    serum = mg.serum
    found = []
    if serum is not None and serum.canonical < HYPO:
        found.append("serum below 0.6 mmol/L")
    if serum_state(profile) == "high":
        found.append("serum above the upper limit")
    if profile.age is None or profile.age < ADULT:
        found.append("age unknown or under 18")
    if profile.sex is not Sex.MALE and (
        profile.pregnant is not False or profile.lactating is not False
    ):
        found.append("pregnant or breastfeeding, or not known not to be")
    if health.has(CKD) is not False:
        found.append("kidney disease present or unknown")
    if health.medications is None:
        found.append("medicines unknown")
    if mg.supplemental_mg_per_day is None:
        found.append("supplements unknown")
    if health.medications is not None and REVIEWED & set(health.medications):
        found.append("a medicine the prescriber must review (PPI, diuretic, digoxin)")
    if health.has(CONDUCTION):
        found.append("heart conduction disorder")
    if mg.supplemental_mg_per_day and low_status(profile):
        found.append("supplements already taken while still low")
    if not weight > 0:
        found.append("magnesium weight 0")
    return found


def _eligible(document: dict[str, Any]) -> dict[str, Any]:
    """An adult known not to be pregnant or breastfeeding, with every safety input known
    and favourable, and serum from 0.6 mmol/L up to the lower reference limit."""
    health = document.setdefault("health", {}) or {}
    document["health"] = health
    health["conditions"] = [
        c for c in health.get("conditions") or [] if c not in (CKD.value, CONDUCTION.value)
    ]
    health["medications"] = [
        m for m in health.get("medications") or [] if Medication(m) not in REVIEWED
    ]
    magnesium = document.setdefault("magnesium", {}) or {}
    document["magnesium"] = magnesium
    magnesium["supplements"] = []
    magnesium.pop("reference_range", None)
    document["age"] = max(document.get("age") or ADULT, ADULT)
    document["pregnant"] = document["lactating"] = False
    return document


#: Complete adults in whom every guard is passed, but for the serum value, set apart.
eligible = st.tuples(
    profile_documents(complete=True, magnesium="unknown").map(_eligible),
    quantities("serum_magnesium", form="json", min_value=HYPO, max_value=IOM_LOWER * 0.999999),
).map(
    lambda pair: load_profile({**pair[0], "magnesium": {**pair[0]["magnesium"], "serum": pair[1]}})
)

_BREAKERS: dict[str, Callable[[Profile, Any], Profile]] = {
    "serum below 0.6": lambda p, d: with_value(
        p, "magnesium.serum", d.draw(quantities("serum_magnesium", max_value=0.599999))
    ),
    "serum above the range": lambda p, d: with_value(
        p, "magnesium.serum", d.draw(quantities("serum_magnesium", min_value=0.950001))
    ),
    "age unknown": lambda p, d: attrs.evolve(p, age=None),
    "a child": lambda p, d: attrs.evolve(p, age=d.draw(st.integers(0, 17))),
    "pregnant": lambda p, d: attrs.evolve(p, sex=Sex.FEMALE, pregnant=True),
    "breastfeeding": lambda p, d: attrs.evolve(p, sex=Sex.FEMALE, lactating=True),
    "pregnancy unknown": lambda p, d: attrs.evolve(
        p, sex=d.draw(st.sampled_from([Sex.FEMALE, Sex.OTHER, None])), pregnant=None
    ),
    "breastfeeding unknown": lambda p, d: attrs.evolve(
        p, sex=d.draw(st.sampled_from([Sex.FEMALE, Sex.OTHER, None])), lactating=None
    ),
    "kidney disease": lambda p, d: with_value(
        p, "health.conditions", [*(p.health.conditions or ()), CKD]
    ),
    "conditions unknown": lambda p, d: with_value(p, "health.conditions", None),
    "medicines unknown": lambda p, d: with_value(p, "health.medications", None),
    "supplements unknown": lambda p, d: with_value(p, "magnesium.supplements", None),
    "supplements taken": lambda p, d: with_value(
        p,
        "magnesium.supplements",
        [{"elemental": d.draw(st.sampled_from(["1 mg/day", "349 mg/day"]))}],
    ),
    "a reviewed medicine": lambda p, d: with_value(
        p,
        "health.medications",
        [*(p.health.medications or ()), d.draw(st.sampled_from(sorted(REVIEWED, key=str)))],
    ),
    "conduction disorder": lambda p, d: with_value(
        p, "health.conditions", [*(p.health.conditions or ()), CONDUCTION]
    ),
}


@given(eligible)
def test_an_eligible_adult_with_low_serum_is_offered_a_bounded_supplement(profile: Profile) -> None:
    # The converse of the guards: they must not silence every suggestion.
    assert blockers(profile, 0.5) == []
    suggestion = _suggestion(assess(profile))
    assert suggestion is not None
    assert close(suggestion.upper_limit_mg_per_day, 350.0)
    for medicine in set(profile.health.medications or ()) & {
        Medication.BISPHOSPHONATE,
        Medication.TETRACYCLINE,
        Medication.FLUOROQUINOLONE,
        Medication.GABAPENTIN,
    }:
        event(f"spacing named: {medicine.value}")
        assert "hours" in suggestion.text


@given(
    st.one_of(
        eligible,
        eligible,
        people,
        profiles(magnesium="low", kidney_disease=False, complete=True),
    ),
    st.one_of(
        st.just([]),
        st.lists(st.sampled_from(sorted(_BREAKERS)), min_size=1, max_size=1),
        st.lists(st.sampled_from(sorted(_BREAKERS)), min_size=2, max_size=3),
    ),
    st.sampled_from([None, 0.0, 0.5, 2.0]),
    st.data(),
)
def test_no_supplement_is_ever_suggested_when_a_guard_fails(
    profile: Profile, broken: list[str], weight: float | None, data: st.DataObject
) -> None:
    """Serum below 0.6 mmol/L or above the upper limit; age unknown or under 18; pregnant
    or breastfeeding, or not known not to be (unless male); kidney disease present or
    unknown; medicines or supplements unknown; a potassium-sparing or unknown-kind
    diuretic, another diuretic or PPI, digoxin, or a conduction disorder; supplements
    already taken while still low; magnesium weight 0: never a supplement.  And with none
    of these, exactly when low status is evidenced."""
    for name in broken:
        try:
            profile = _BREAKERS[name](profile, data)
        except InvalidProfileError:
            continue  # pregnancy for a man
    overrides = None if weight is None else {MAGNESIUM: weight}
    effective = DEFAULT_CATALOG.weights(overrides)[MAGNESIUM]
    suggestion = _suggestion(assess(profile, weights=overrides))
    failed = blockers(profile, effective)
    for reason in failed:
        event(f"guard: {reason}")
    if failed or not low_status(profile):
        assert suggestion is None, failed
    else:
        event("supplement suggested")
        assert suggestion is not None


@given(eligible | people)
def test_a_suggested_supplement_stays_under_the_upper_limit_minus_what_is_taken(
    profile: Profile,
) -> None:
    suggestion = _suggestion(assess(profile))
    if suggestion is None:
        return
    # What is taken must be known to know what is left below the upper limit.
    taken = profile.magnesium.supplemental_mg_per_day
    assert taken is not None
    assert profile.age is not None
    limit = _upper_limit(profile.age)
    assert limit is not None
    assert 0 < suggestion.upper_limit_mg_per_day <= limit - taken + 1e-9


@given(people, st.data())
def test_serum_below_0_4_mmol_per_litre_is_always_an_urgent_referral(
    profile: Profile, data: st.DataObject
) -> None:
    severe = data.draw(quantities("serum_magnesium", form="any", max_value=0.399999))
    result = assess(with_value(profile, "magnesium.serum", severe))
    assert result.referral.recommended
    assert result.referral.urgent
    assert "severe_hypomagnesaemia" in [r.code for r in result.referral.reasons]
    assert _suggestion(result) is None


@given(people | profiles(magnesium="high") | profiles(magnesium="low"))
def test_kidney_disease_with_low_or_high_magnesium_is_always_referred(profile: Profile) -> None:
    profile = with_value(profile, "health.conditions", [*(profile.health.conditions or ()), CKD])
    result = assess(profile)
    codes = [r.code for r in result.referral.reasons]
    if low_status(profile) or serum_state(profile) == "high":
        assert "magnesium_kidney_disease" in codes
    else:
        assert "magnesium_kidney_disease" not in codes
    assert _suggestion(result) is None
    assert "magnesium_rich_diet" not in [a.code for a in result.advice]


@given(profiles(magnesium="high") | people)
def test_high_serum_is_reported_as_high_and_never_invites_more_magnesium(profile: Profile) -> None:
    if serum_state(profile) != "high":
        return
    result = assess(profile)
    assert DEFAULT_MAGNESIUM.evaluate(profile).evidence[0].relation == ">"
    codes = [a.code for a in result.advice]
    assert "magnesium_rich_diet" not in codes
    assert SUPPLEMENT not in codes
    serum = profile.magnesium.serum
    assert serum is not None
    if serum.canonical > HYPER:
        assert "hypermagnesaemia" in [r.code for r in result.referral.reasons]
        assert result.referral.urgent is (serum.canonical > SYMPTOMS or _urgent_otherwise(result))
    if profile.magnesium.supplemental_mg_per_day:
        assert any("stop adding magnesium" in c for c in result.caveats)


def _urgent_otherwise(result: Assessment) -> bool:
    return any(r.urgent for r in result.referral.reasons if r.code != "hypermagnesaemia")


@given(
    profiles(magnesium="low") | st.builds(Profile, magnesium=st.from_type(Magnesium)),
    st.dictionaries(
        st.sampled_from([i for i in DEFAULT_CATALOG.ids if i != MAGNESIUM]), st.just(0.0)
    ),
)
def test_magnesium_as_the_only_cause_comes_with_a_not_ruled_out_caveat(
    profile: Profile, silenced: dict[str, float]
) -> None:
    result = assess(profile, weights=silenced)
    alone = [c.factor_id for c in result.causes] == [MAGNESIUM]
    event(f"magnesium alone: {alone}")
    if alone:
        assert any("not ruled out" in caveat for caveat in result.caveats)


@given(profiles(), st.sampled_from(sorted(SERUM_RANGES)), st.data())
def test_normal_serum_magnesium_scores_zero(
    profile: Profile, scheme: str, data: st.DataObject
) -> None:
    """At or above the lower reference limit of the scheme in use (and 0.6 mmol/L), in
    every unit, whatever else is known; above the upper limit too, where it is high."""
    serum_range = SERUM_RANGES[scheme]
    factor = attrs.evolve(MagnesiumDeficiency(), serum_range=serum_range)
    lower = max(serum_range.lower_limit, HYPO)
    serum = data.draw(quantities("serum_magnesium", min_value=lower))
    normal = with_value(
        with_value(profile, "magnesium.reference_range", None), "magnesium.serum", serum
    )
    assert factor.evaluate(normal).score == 0
    if scheme == "iom_1997":  # the default catalog's scheme
        result = assess(normal)
        assert result.cause(MAGNESIUM) is None
        assert _suggestion(result) is None


# --- 6. Persistent insomnia recommends a doctor -----------------------------------------

_LONG_TROUBLE = {"chronic_insomnia", "persistent_insomnia"}


@given(profiles(persistent_insomnia=True))
def test_insomnia_lasting_three_months_or_more_is_referred(profile: Profile) -> None:
    result = assess(profile)
    assert result.referral.recommended
    codes = {reason.code for reason in result.referral.reasons}
    nights = profile.sleep.nights_per_week
    impaired = profile.sleep.daytime_impairment
    # ICSD-3: ≥ 3 nights a week for ≥ 3 months, with daytime impairment.
    if nights is not None and nights >= 3 and impaired:
        assert result.insomnia.pattern is InsomniaPattern.CHRONIC
        assert "chronic_insomnia" in codes
    else:
        assert result.insomnia.pattern is InsomniaPattern.PERSISTENT
        assert "persistent_insomnia" in codes
        if impaired is None and (nights is None or nights >= 3):
            event("daytime impairment unknown")
            assert any("daytime-impairment criterion" in c for c in result.caveats)
            assert "sleep.daytime_impairment" in result.missing


@given(profiles(persistent_insomnia=False))
def test_insomnia_shorter_than_three_months_is_not_called_persistent(profile: Profile) -> None:
    result = assess(profile)
    assert result.insomnia.pattern is InsomniaPattern.SHORT_TERM
    assert not _LONG_TROUBLE & {reason.code for reason in result.referral.reasons}


# --- 7. Deterministic, pure, thread-safe, round trips ------------------------------------


@pytest.fixture(scope="module")
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


@given(st.lists(profiles(), min_size=1, max_size=4))
def test_assess_is_deterministic_across_calls_and_threads(
    pool: ThreadPoolExecutor, people: list[Profile]
) -> None:
    expected = [assess(p) for p in people]
    assert [assess(p) for p in people] == expected
    assert list(pool.map(assess, people * 4)) == expected * 4


@given(profile_documents(), weights)
def test_inputs_are_never_mutated(document: dict[str, Any], overrides: dict[str, float]) -> None:
    document_before = copy.deepcopy(document)
    weights_before = dict(overrides)
    profile = load_profile(document)
    assess(profile, weights=overrides)
    assert document == document_before
    assert overrides == weights_before
    assert profile == load_profile(document_before)


@given(profiles())
def test_a_profile_round_trips_through_its_document_and_json_text(profile: Profile) -> None:
    document = profile.to_dict()
    assert load_profile(document) == profile
    assert load_profile(json.dumps(document, allow_nan=False)) == profile
    assert assess(load_profile(document)) == assess(profile)


@given(profile_documents())
def test_a_profile_document_loads_the_same_from_json_text(document: dict[str, Any]) -> None:
    assert load_profile(json.dumps(document, allow_nan=False)) == load_profile(document)


@given(profiles(), weights)
def test_an_assessment_round_trips_through_its_document_and_json_text(
    profile: Profile, overrides: dict[str, float]
) -> None:
    result = assess(profile, weights=overrides)
    document = result.to_dict()
    assert Assessment.from_dict(document) == result
    text = json.dumps(document, allow_nan=False)
    assert Assessment.from_dict(text) == result
    assert Assessment.from_dict(json.loads(text)) == result


_PROFILE_SCHEMA = jsonschema.Draft202012Validator(profile_schema())
_ASSESSMENT_SCHEMA = jsonschema.Draft202012Validator(assessment_schema())


@given(profile_documents())
def test_documents_the_library_accepts_and_writes_follow_its_json_schemas(
    document: dict[str, Any],
) -> None:
    _PROFILE_SCHEMA.validate(document)
    profile = load_profile(document)
    _PROFILE_SCHEMA.validate(profile.to_dict())
    _ASSESSMENT_SCHEMA.validate(assess(profile).to_dict())
