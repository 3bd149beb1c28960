"""A bounded grammar for quantity strings that come from forms and files.

pint's own string parser evaluates arithmetic and accepts unbounded exponents, so an
untrusted string never reaches it.  Here the number and the unit are split with regular
expressions of bounded length; the unit must be a short product/quotient of plain unit
names with at most single-digit exponents.  Only then is the unit text handed to pint's
``parse_units`` (units only, no numbers, nothing evaluated).
"""

from __future__ import annotations

import math
import re

from insomnia_factors.errors import InvalidQuantityError

__all__ = ["MAX_LENGTH", "normalize_unit", "split_quantity"]

#: Longest quantity string accepted, in characters.
MAX_LENGTH = 64
_MAX_UNIT_FACTORS = 6

# Digits after the point: the shortest text of a float has 17 significant digits, and in
# fixed notation Python writes up to 3 zeros in front of them (0.000123…, 20 decimals)
# and JavaScript up to 6 (0.000000123…, 23); documents written by either must read back.
_MAX_DECIMALS = 23
_NUMBER = (
    rf"[+-]?(?:\d{{1,17}}(?:\.\d{{0,{_MAX_DECIMALS}}})?|\.\d{{1,{_MAX_DECIMALS}}})"
    r"(?:[eE][+-]?\d{1,3})?"
)
# What can only be more of the number: a digit, a point, or an exponent or sign with digits.
_NUMBER_GOES_ON = re.compile(r"[0-9.]|[eE+-][+-]?[0-9]")
_QUANTITY_RE = re.compile(rf"\s*(?P<number>{_NUMBER})\s*(?P<unit>.*?)\s*")
_FACTOR = r"[A-Za-zµμ_]{1,32}(?:\s*(?:\^|\*\*)\s*-?\d)?"
_UNIT_RE = re.compile(rf"{_FACTOR}(?:\s*(?:/|\*|·|\s)\s*{_FACTOR}){{0,{_MAX_UNIT_FACTORS - 1}}}")
_NAME_RE = re.compile(r"[A-Za-zµμ_]+")

# Spellings seen on forms that pint does not know; everything else is pint's own.
_ALIASES = {
    "mo": "month",
    "mos": "month",
    "wk": "week",
    "wks": "week",
    "yr": "year",
    "yrs": "year",
    "µ": "u",
    "μ": "u",
}
# Milli-, micro- and plain equivalents; matched as whole names.
_EQUIVALENT_RE = re.compile(r"(?P<prefix>m|u|µ|μ)?(?:Eq|eq|EQ)")


def split_quantity(text: str, field: str, expected: str) -> tuple[float, str]:
    """Split ``"1.5 mg/dL"`` into ``(1.5, "mg/dL")`` without evaluating anything."""
    if len(text) > MAX_LENGTH:
        raise InvalidQuantityError(field, f"{expected} in at most {MAX_LENGTH} characters", text)
    match = _QUANTITY_RE.fullmatch(text)
    if match is None:
        raise InvalidQuantityError(field, f"{expected}: a number followed by a unit", text)
    unit = match["unit"]
    if _NUMBER_GOES_ON.match(unit):
        # The number went on past what the grammar reads: say so, not "bad unit".
        raise InvalidQuantityError(
            field,
            f"{expected}: a number of at most 17 digits before the point and "
            f"{_MAX_DECIMALS} after it, with an exponent of at most 3 digits",
            text,
        )
    value = float(match["number"])
    if not unit:
        raise InvalidQuantityError(
            field, f"{expected}; a bare number is ambiguous, add its unit", text
        )
    check_unit_text(unit, field, expected)
    check_magnitude(value, field, expected, text)
    return value, unit


def check_unit_text(unit: str, field: str, expected: str) -> None:
    if len(unit) > MAX_LENGTH or _UNIT_RE.fullmatch(unit) is None:
        raise InvalidQuantityError(
            field,
            f"{expected}: a unit such as 'mg/dL' or 'h' (plain unit names, "
            "'/', '*', single-digit exponents)",
            unit,
        )


def check_magnitude(value: float, field: str, expected: str, shown: object) -> None:
    if not math.isfinite(value):
        raise InvalidQuantityError(field, f"{expected}: a finite number", shown)
    if value < 0:
        raise InvalidQuantityError(field, f"{expected}: a value of zero or more", shown)


def normalize_unit(unit: str) -> tuple[str, bool]:
    """Rewrite form spellings for pint; report whether a charge equivalent was named.

    ``"mEq/L"`` becomes ``"mEq_Mg/L"``: pint has no equivalent unit, and which ion is
    meant decides the factor, so the caller must allow equivalents explicitly.
    """
    has_equivalent = False

    def replace(match: re.Match[str]) -> str:
        nonlocal has_equivalent
        name = match[0]
        eq = _EQUIVALENT_RE.fullmatch(name)
        if eq is not None:
            has_equivalent = True
            prefix = _ALIASES.get(eq["prefix"] or "", eq["prefix"] or "")
            return f"{prefix}Eq_Mg"
        if name in _ALIASES:
            return _ALIASES[name]
        if name[0] in "µμ":
            return "u" + name[1:]
        return name

    normalized = _NAME_RE.sub(replace, unit)
    # pint's own rendering of a converted result ("millimagnesium_equivalent / liter")
    # must be recognised too.
    has_equivalent = has_equivalent or "Eq_Mg" in normalized or "magnesium_equivalent" in normalized
    return normalized, has_equivalent
