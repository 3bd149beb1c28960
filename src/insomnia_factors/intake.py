"""Magnesium intake reference values (US/Canada DRIs, IOM 1997), by age, sex and state.

RDA/AI and EAR cover magnesium from all sources (food, water, supplements, medicines);
the tolerable upper intake level (UL) covers supplements and medicines only.

Source: Institute of Medicine, Dietary Reference Intakes for Calcium, Phosphorus,
Magnesium, Vitamin D, and Fluoride (1997), ch. 6, pp. 219, 239, 241, 242-245.
The EAR for women aged 51+ (265 mg/day) is carried over from 31-50 and was not checked
against the report (it is flagged as such in results that use it).

When age or sex is unknown the *lowest* applicable value is used, so that intake is only
called low when it would be low for anyone the person could be; the result says so.
"""

from __future__ import annotations

import functools

import attrs

from insomnia_factors.models.vocabulary import Sex

__all__ = ["IntakeReference", "reference_intake", "supplement_upper_limit"]


@attrs.frozen
class IntakeReference:
    """Reference values applied to one person, with the words that say for whom."""

    rda: float
    ear: float | None
    group: str
    assumption: str | None = None
    unverified: bool = False


# (low age, high age, RDA male, RDA female, EAR male, EAR female); years, mg/day.
_GENERAL = (
    (1, 3, 80, 80, 65, 65),
    (4, 8, 130, 130, 110, 110),
    (9, 13, 240, 240, 200, 200),
    (14, 18, 410, 360, 340, 300),
    (19, 30, 400, 310, 330, 255),
    (31, 50, 420, 320, 350, 265),
    (51, 125, 420, 320, 350, 265),
)
# (low age, high age, RDA, EAR) for pregnancy and lactation.
_PREGNANCY = ((14, 18, 400, 335), (19, 30, 350, 290), (31, 50, 360, 300))
_LACTATION = ((14, 18, 360, 300), (19, 30, 310, 255), (31, 50, 320, 265))


_UNVERIFIED_EAR_FROM = 51


def _who(age: int, sex: Sex | None) -> str:
    if age < 9:  # the same values for both sexes
        return "children"
    words = ("boys", "girls", "children") if age < 19 else ("men", "women", "adults")
    return words[0] if sex is Sex.MALE else words[1] if sex is Sex.FEMALE else words[2]


def _band(age: int) -> tuple[int, int, int, int, int, int] | None:
    return next((row for row in _GENERAL if row[0] <= age <= row[1]), None)


@functools.lru_cache(maxsize=1024)
def reference_intake(
    age: int | None,
    sex: Sex | None,
    pregnant: bool | None = None,
    lactating: bool | None = None,
) -> IntakeReference | None:
    """RDA and EAR for the person, or None when no value applies (infants)."""
    assumptions = []
    if age is None:
        rows = [row for row in _GENERAL if row[0] >= 19]
        assumptions.append("age unknown: the lowest adult value is used")
    else:
        band = _band(age)
        if band is None:
            return None  # under one year: only adequate intakes by month exist
        rows = [band]
    female_only = sex is Sex.FEMALE
    known_sex = sex in (Sex.FEMALE, Sex.MALE)
    if not known_sex:
        assumptions.append("sex unknown: the lower of the values for men and women is used")
    if female_only and age is not None and (pregnant or lactating):
        table = _PREGNANCY if pregnant else _LACTATION
        row = next((r for r in table if r[0] <= age <= r[1]), None)
        if row is not None:
            state = "pregnancy" if pregnant else "lactation"
            return IntakeReference(row[2], row[3], f"{state}, age {row[0]}-{row[1]}")
    rdas, ears = [], []
    for _low, _high, rda_m, rda_f, ear_m, ear_f in rows:
        if sex is Sex.MALE:
            rdas.append(rda_m)
            ears.append(ear_m)
        elif female_only:
            rdas.append(rda_f)
            ears.append(ear_f)
        else:
            rdas += [rda_m, rda_f]
            ears += [ear_m, ear_f]
    group = f"{_who(age, sex)} aged {age}" if age is not None else f"adult {_who(19, sex)}"
    # The report's EARs for ages 51+ could only be read as carried over from 31-50.
    unverified = age is not None and age >= _UNVERIFIED_EAR_FROM
    return IntakeReference(
        float(min(rdas)),
        float(min(ears)),
        group,
        "; ".join(assumptions) or None,
        unverified,
    )


def supplement_upper_limit(age: int | None) -> float | None:
    """UL for supplemental magnesium in mg/day (IOM 1997 p. 242), None when not set."""
    if age is None or age < 1:
        return None
    if age <= 3:
        return 65.0
    if age <= 8:
        return 110.0
    return 350.0
