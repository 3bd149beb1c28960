"""Strategies for profile documents and profiles, and for the same person in other units.

A document is drawn field by field: each field may be left out, given as ``null``, or
given a value; quantities come in randomly chosen equivalent units, questionnaires as
totals or item answers.  A profile is a document passed through
:func:`~insomnia_factors.load_profile`, so every profile drawn is one the library accepts
from a real document.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Literal, TypeAlias, TypeVar

import attrs
from attrs import AttrsInstance
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from insomnia_factors.models import Condition, Level, Medication, Profile, Sex
from insomnia_factors.questionnaires import GAD7, ISI, PHQ9, PSS10
from insomnia_factors.serialization import load_profile
from insomnia_factors.testing._quantities import (
    QuantityForm,
    Span,
    equivalent_value,
    quantity_in,
)
from insomnia_factors.testing._questionnaires import questionnaire_answers
from insomnia_factors.testing._unit_tables import table_for
from insomnia_factors.units import COMPOUNDS, Kind, Measurement

__all__ = [
    "MagnesiumStatus",
    "profile_documents",
    "profiles",
    "reexpressed",
    "section_documents",
    "supplement_documents",
]

#: Serum magnesium wanted by :func:`profiles`: ``"low"`` (below 1.8 mg/dL = 0.7406
#: mmol/L), ``"normal"`` (1.8 mg/dL to 0.95 mmol/L), ``"high"`` (above 0.95 mmol/L) or
#: ``"unknown"`` (not given).
MagnesiumStatus: TypeAlias = Literal["low", "normal", "high", "unknown"]

Document: TypeAlias = dict[str, Any]
A = TypeVar("A", bound=AttrsInstance)

_MINUTES_PER_DAY = 24 * 60
# IOM 1997 reference range for serum magnesium, the default catalog's: 0.75-0.95 mmol/L
# = 1.8-2.3 mg/dL, compared as the union of the two, 1.8 mg/dL (exactly 3600/4861
# mmol/L) to 0.95 mmol/L.  Plausible values start at 0.1 mmol/L.
_IOM_LOWER = Fraction("1.8") / (Fraction("24.305") / 10)
_IOM_UPPER = Fraction(19, 20)
_LOW_SERUM = Span(Fraction(1, 10), _IOM_LOWER, high_open=True)
_NORMAL_SERUM = Span(_IOM_LOWER, _IOM_UPPER)
_HIGH_SERUM = Span(_IOM_UPPER, Fraction(10), low_open=True)
_HIGH_TYPICAL = Span(_IOM_UPPER, Fraction(4), low_open=True)
_SERUM_SPANS = {"low": (_LOW_SERUM, _LOW_SERUM), "normal": (_NORMAL_SERUM, _NORMAL_SERUM)}
_SERUM_SPANS["high"] = (_HIGH_SERUM, _HIGH_TYPICAL)
# A laboratory's own range: lower limits drawn from 0.5-0.9 mmol/L, upper ones from
# 0.95-1.2 mmol/L, as published ranges run, so that the lower is always below the upper.
_RANGE_LOW = Span(Fraction(1, 2), Fraction(9, 10))
_RANGE_HIGH = Span(Fraction(19, 20), Fraction(6, 5))
# Three calendar months are at least 89 days (February to April of a common year), so
# "3 months", "13 weeks" and "90 days" all count; anything shorter is under 3 months by
# every reading.
_THREE_MONTHS = Fraction(89 * _MINUTES_PER_DAY)
_NIGHT = Span(Fraction(0), Fraction(_MINUTES_PER_DAY))
_TWO_YEARS = Fraction(2 * 36525 * _MINUTES_PER_DAY, 100)


@attrs.frozen
class _Constraints:
    """What the caller pinned down; None leaves a field free (unknown included)."""

    magnesium: MagnesiumStatus | None = None
    persistent_insomnia: bool | None = None
    kidney_disease: bool | None = None
    complete: bool = False

    def __attrs_post_init__(self) -> None:
        if self.magnesium not in (None, "low", "normal", "high", "unknown"):
            raise InvalidArgument(
                f"magnesium={self.magnesium!r}: expected 'low', 'normal', 'high', 'unknown' or None"
            )
        for name in ("persistent_insomnia", "kidney_disease", "complete"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, bool):
                raise InvalidArgument(f"{name}={value!r}: expected True, False or None")


# How a free field is given: left out, null (both unknown), or a value, which comes up
# three times in four so that rules see enough known inputs to interact.  Listed in
# this order so that a failing example shrinks towards the fewest fields.
_PRESENCE = st.sampled_from(("absent", "null", *["value"] * 6))
_UNKNOWN = st.sampled_from(("absent", "null"))


@st.composite
def _object(
    draw: st.DrawFn,
    fields: tuple[tuple[str, st.SearchStrategy[Any]], ...],
    pinned: frozenset[str],
    unknown: frozenset[str],
    complete: bool,
) -> Document:
    document: Document = {}
    for name, strategy in fields:
        if name in unknown:
            presence = draw(_UNKNOWN)
        elif name in pinned or complete:
            presence = "value"
        else:
            presence = draw(_PRESENCE)
        if presence != "absent":
            document[name] = None if presence == "null" else draw(strategy)
    return document


def _section(
    fields: Mapping[str, st.SearchStrategy[Any]],
    constraints: _Constraints,
    pinned: Mapping[str, st.SearchStrategy[Any]],
    unknown: frozenset[str] = frozenset(),
) -> st.SearchStrategy[Document]:
    """A section's fields: ``pinned`` always present; ``unknown`` only ever absent or null;
    the others absent, null or a value (always a value when ``complete``)."""
    merged = tuple((name, pinned.get(name, strategy)) for name, strategy in fields.items())
    return _object(merged, frozenset(pinned), unknown, constraints.complete)


def _quantity(
    kind: Kind,
    form: QuantityForm,
    span: Span | None = None,
    typical: Span | None = None,
) -> st.SearchStrategy[Any]:
    table = table_for(kind)
    span = span or Span(table.minimum, table.maximum)
    return quantity_in(table, span, form=form, typical=typical)


def _vocabulary(members: list[Any], form: QuantityForm) -> st.SearchStrategy[Any]:
    """Enum members as document strings (and, outside JSON, as the members themselves)."""
    strings = st.sampled_from([m.value for m in members])
    return strings if form in ("text", "mapping", "json") else strings | st.sampled_from(members)


def _sleep_documents(constraints: _Constraints, form: QuantityForm) -> st.SearchStrategy[Document]:
    """The ``sleep`` section."""
    duration_pin: dict[str, st.SearchStrategy[Any]] = {}
    if constraints.persistent_insomnia is True:
        long = Span(_THREE_MONTHS, table_for(Kind.DURATION).maximum)
        duration_pin["duration"] = _quantity(Kind.DURATION, form, long, long)
    elif constraints.persistent_insomnia is False:
        short = Span(Fraction(0), _THREE_MONTHS, high_open=True)
        duration_pin["duration"] = _quantity(Kind.DURATION, form, short, short)
    nightly = _quantity(Kind.DURATION, form, _NIGHT)
    fields = {
        "onset_latency": nightly,
        "wake_after_sleep_onset": nightly,
        "total_sleep_time": nightly,
        "nights_per_week": st.integers(0, 7),
        "duration": _quantity(Kind.DURATION, form, typical=Span(Fraction(0), _TWO_YEARS)),
        "early_waking": st.booleans(),
        "daytime_impairment": st.booleans(),
        "witnessed_apneas": st.booleans(),
        "drowsy_driving": st.booleans(),
        "isi": questionnaire_answers(ISI),
    }
    return _section(fields, constraints, duration_pin)


def _compound_names() -> list[str]:
    names = {
        spelling
        for compound in COMPOUNDS.values()
        for spelling in (compound.name, compound.formula, *compound.aliases)
    }
    return sorted(names)


def supplement_documents(form: QuantityForm) -> st.SearchStrategy[Document]:
    """One entry of ``magnesium.supplements``."""
    names = st.sampled_from(_compound_names())
    compound = names | names.map(str.title)  # names are matched regardless of case
    salt_dose = _quantity(Kind.MASS_PER_DAY, form, typical=Span(Fraction(0), Fraction(1500)))
    elemental = _quantity(Kind.MAGNESIUM_PER_DAY, form, typical=Span(Fraction(0), Fraction(800)))
    # A salt and its dose, or elemental magnesium as US labels state it (salt optional).
    by_salt = st.fixed_dictionaries({"compound": compound, "dose": salt_dose})
    by_label = st.fixed_dictionaries({"elemental": elemental}, optional={"compound": compound})
    return by_salt | by_label


def _magnesium_documents(
    constraints: _Constraints, form: QuantityForm
) -> st.SearchStrategy[Document]:
    """The ``magnesium`` section."""
    pinned: dict[str, st.SearchStrategy[Any]] = {}
    unknown: frozenset[str] = frozenset()
    if constraints.magnesium in _SERUM_SPANS:
        span, typical = _SERUM_SPANS[constraints.magnesium]
        pinned["serum"] = _quantity(Kind.SERUM_MAGNESIUM, form, span, typical)
        # The status is the default catalog's (IOM 1997): a laboratory range would move it.
        unknown = frozenset({"reference_range"})
    elif constraints.magnesium == "unknown":
        unknown = frozenset({"serum"})
    reference_range = st.fixed_dictionaries(
        {
            "low": _quantity(Kind.SERUM_MAGNESIUM, form, _RANGE_LOW),
            "high": _quantity(Kind.SERUM_MAGNESIUM, form, _RANGE_HIGH),
        }
    )
    fields = {
        "serum": _quantity(Kind.SERUM_MAGNESIUM, form),
        "reference_range": reference_range,
        "dietary_intake": _quantity(Kind.MAGNESIUM_PER_DAY, form),
        "supplements": st.lists(supplement_documents(form), max_size=3),
        "night_cramps": st.booleans(),
        "restlessness": st.booleans(),
    }
    return _section(fields, constraints, pinned, unknown)


def _lifestyle_documents(
    constraints: _Constraints, form: QuantityForm
) -> st.SearchStrategy[Document]:
    """The ``lifestyle`` section."""
    fields = {
        "caffeine": _quantity(Kind.MASS_PER_DAY, form),
        "last_caffeine_before_bed": _quantity(Kind.DURATION, form, _NIGHT),
        "screen_time_before_bed": _quantity(Kind.DURATION, form, _NIGHT),
        "late_nights_per_week": st.integers(0, 7),
        "irregular_schedule": st.booleans(),
        # Drinks a week: whole drinks mostly, halves and tenths now and then, up to 350.
        "alcohol_drinks_per_week": st.integers(0, 40)
        | st.integers(0, 3500).map(lambda tenths: tenths / 10),
        "smoker": st.booleans(),
    }
    return _section(fields, constraints, {})


def _mind_documents(constraints: _Constraints, form: QuantityForm) -> st.SearchStrategy[Document]:
    """The ``mind`` section."""
    fields = {
        "work_pressure": st.booleans(),
        "perceived_stress": _vocabulary(list(Level), form),
        "pss10": questionnaire_answers(PSS10),
        "gad7": questionnaire_answers(GAD7),
        "phq9": questionnaire_answers(PHQ9),
        "anxiety_diagnosed": st.booleans(),
        "depression_diagnosed": st.booleans(),
    }
    return _section(fields, constraints, {})


def _health_documents(constraints: _Constraints, form: QuantityForm) -> st.SearchStrategy[Document]:
    """The ``health`` section; ``[]`` means none, absent or null unknown."""
    kidney = Condition.CHRONIC_KIDNEY_DISEASE
    others = [c for c in Condition if c is not kidney]
    without_kidney = st.lists(_vocabulary(others, form), max_size=4)
    with_kidney = without_kidney.map(lambda listed: [*listed, kidney.value])
    pinned: dict[str, st.SearchStrategy[Any]] = {}
    if constraints.kidney_disease is True:
        pinned["conditions"] = with_kidney
    elif constraints.kidney_disease is False:
        pinned["conditions"] = without_kidney
    fields = {
        "conditions": with_kidney | without_kidney,
        "medications": st.lists(_vocabulary(list(Medication), form), max_size=4),
    }
    return _section(fields, constraints, pinned)


_SECTIONS = {
    "sleep": _sleep_documents,
    "magnesium": _magnesium_documents,
    "lifestyle": _lifestyle_documents,
    "mind": _mind_documents,
    "health": _health_documents,
}

# Ages where the intake reference tables change band (IOM 1997), and the model's limits.
_BAND_EDGES = [0, 1, 3, 4, 8, 9, 13, 14, 18, 19, 30, 31, 50, 51, 125]


def _documents(constraints: _Constraints, form: QuantityForm) -> st.SearchStrategy[Document]:
    sections = {name: documents(constraints, form) for name, documents in _SECTIONS.items()}
    pinned_sections = {
        "sleep": constraints.persistent_insomnia is not None,
        "magnesium": constraints.magnesium in _SERUM_SPANS,
        "health": constraints.kidney_disease is not None,
    }
    top = {
        "age": st.integers(18, 90) | st.sampled_from(_BAND_EDGES) | st.integers(0, 125),
        "sex": _vocabulary(list(Sex), form),
        "pregnant": st.booleans(),
        "lactating": st.booleans(),
    }
    # A section may also be left out or given as null: both mean all of it is unknown.
    pinned = frozenset(name for name, is_pinned in pinned_sections.items() if is_pinned)
    drawn = _object(tuple({**top, **sections}.items()), pinned, frozenset(), constraints.complete)
    return drawn.map(_consistent)


def _consistent(document: Document) -> Document:
    """The profile model refuses pregnancy or lactation for a man: they become false."""
    sex = document.get("sex")
    if str(getattr(sex, "value", sex)).strip().lower() != Sex.MALE.value:
        return document
    return {
        key: False if key in ("pregnant", "lactating") and value else value
        for key, value in document.items()
    }


def section_documents(name: str, form: QuantityForm = "any") -> st.SearchStrategy[Document]:
    """Documents of one section (``"sleep"``, ``"magnesium"``, …), free of constraints."""
    return _SECTIONS[name](_Constraints(), form)


def profile_documents(
    *,
    magnesium: MagnesiumStatus | None = None,
    persistent_insomnia: bool | None = None,
    kidney_disease: bool | None = None,
    complete: bool = False,
) -> st.SearchStrategy[Document]:
    """JSON-ready profile documents that :func:`~insomnia_factors.load_profile` accepts.

    Quantities are strings (``"1.8 mg/dL"``) or ``{"value": ..., "unit": ...}`` objects,
    vocabulary values are strings, questionnaires are totals, item lists or both.  Every
    document survives ``json.dumps``.  The constraints are those of :func:`profiles`.
    """
    return _documents(
        _Constraints(magnesium, persistent_insomnia, kidney_disease, complete), "json"
    )


def profiles(
    *,
    magnesium: MagnesiumStatus | None = None,
    persistent_insomnia: bool | None = None,
    kidney_disease: bool | None = None,
    complete: bool = False,
) -> st.SearchStrategy[Profile]:
    """Valid :class:`~insomnia_factors.Profile` objects, each field sometimes unknown.

    Without constraints anything the model accepts can come up: every field and section
    may be unknown; quantities are drawn in random but equivalent units (serum in mmol/L,
    mEq/L, µmol/L, mg/dL or mg/L; intakes per day or per week, in mg, g, mmol or mEq;
    durations in minutes, hours, days, weeks or months) and handed over as text,
    ``{"value", "unit"}`` objects, measurements or pint quantities; questionnaires as
    totals or item answers.

    Args:
        magnesium: ``"low"``: serum magnesium below the lower limit of the IOM 1997
            reference range the default catalog uses (0.75 mmol/L = 1.8 mg/dL, compared
            as 1.8 mg/dL, the lower of the two); ``"normal"``: serum within that range,
            up to 0.95 mmol/L; ``"high"``: serum above 0.95 mmol/L; ``"unknown"``: no
            serum value.  With ``"low"``, ``"normal"`` or ``"high"`` the laboratory's
            own range (``magnesium.reference_range``) is left unknown, so that the
            status is the one the default catalog sees.
        persistent_insomnia: ``True``: the trouble has lasted at least three months
            (89 days or more: three calendar months at their shortest, so "3 months",
            "13 weeks" and "90 days" all count); ``False``: a known duration shorter than
            that.
        kidney_disease: ``True``: chronic kidney disease is among the known conditions;
            ``False``: the conditions are known and do not include it.
        complete: ``True``: every field is known, except one a constraint asks to be
            unknown.

    A constraint left at ``None`` leaves its field free, unknown included.
    """
    constraints = _Constraints(magnesium, persistent_insomnia, kidney_disease, complete)
    return _documents(constraints, "any").map(load_profile)


def _again(draw: st.DrawFn, measurement: Measurement) -> Document:
    unit = draw(st.sampled_from(table_for(measurement.kind).units))
    return {"value": equivalent_value(measurement, unit), "unit": unit}


def _reexpress(draw: st.DrawFn, model: A) -> A:
    """``model`` with every measurement in it converted to a freshly drawn unit."""
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(model)):
        if not field.init:
            continue
        value = getattr(model, field.name)
        if isinstance(value, Measurement):
            changes[field.alias] = _again(draw, value)
        elif attrs.has(type(value)):
            changes[field.alias] = _reexpress(draw, value)
        elif isinstance(value, tuple) and any(attrs.has(type(item)) for item in value):
            changes[field.alias] = tuple(_reexpress(draw, item) for item in value)
    return attrs.evolve(model, **changes)  # type: ignore[misc]  # A is bound to attrs


@st.composite
def _reexpressed(draw: st.DrawFn, profile: Profile) -> Profile:
    return _reexpress(draw, profile)


def reexpressed(profile: Profile) -> st.SearchStrategy[Profile]:
    """The same person with every quantity re-expressed in a randomly drawn unit.

    Each measurement is converted exactly (``"0.75 mmol/L"`` may become ``"1.5 mEq/L"``,
    ``"1.822875 mg/dL"`` or ``"750 µmol/L"``; ``"90 min"`` may become ``"1.5 h"``) with
    tables kept apart from the library's own conversions, then rounded once to the
    nearest float.  Use it to check that an application's results do not depend on the
    units a person happened to use.
    """
    if not isinstance(profile, Profile):
        raise InvalidArgument(f"reexpressed() needs a Profile, got {type(profile).__name__}")
    return _reexpressed(profile)
