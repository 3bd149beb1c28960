"""Generic scoring of a fixed-length questionnaire: items, total, bands.

An instrument is data (:class:`Instrument`: item count, item range, reverse-scored items,
bands, reference); :class:`Questionnaire` holds one person's answers as item answers, a
total, or both, validates them on construction, and scores them.  Only item *numbers*
appear here: the instruments' item texts are copyrighted and are never shipped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar

import attrs

from insomnia_factors.errors import InvalidQuestionnaireError
from insomnia_factors.references import Reference

__all__ = ["Band", "Instrument", "Questionnaire", "QuestionnaireResult", "to_questionnaire"]

Q = TypeVar("Q", bound="Questionnaire")


@attrs.frozen
class Band:
    """A score band: totals from ``low`` up to the next band's ``low``."""

    low: int
    code: str
    label: str


@attrs.frozen
class Instrument:
    """The scoring rules of one instrument (never its item texts)."""

    name: str
    items: int
    item_max: int
    bands: tuple[Band, ...]
    reference: Reference
    #: 1-based numbers of items scored in reverse (``item_max - answer``).
    reverse_items: frozenset[int] = frozenset()
    #: The total from which a score is severe enough to see a clinician, or None.
    severe_from: int | None = None

    @property
    def max_total(self) -> int:
        return self.items * self.item_max

    def band(self, total: int) -> Band:
        return next(b for b in reversed(self.bands) if total >= b.low)

    def item_score(self, number: int, answer: int) -> int:
        return self.item_max - answer if number in self.reverse_items else answer


@attrs.frozen
class QuestionnaireResult:
    """A scored questionnaire.

    Attributes:
        instrument: ``"ISI"``, ``"PHQ-9"``, ``"GAD-7"`` or ``"PSS-10"``.
        total: the total score (after reverse scoring, where the instrument has it).
        max_total: the highest possible total.
        band: machine code of the band (``"moderate"``).
        band_label: the band in words.
        reference: the source of the scoring rules and the bands.
        self_harm_risk: PHQ-9 only: True when item 9 was answered above 0, False when it
            was 0, None when only a total is known (or for other instruments).
        severe: the total is at or above the instrument's ``severe_from``.
    """

    instrument: str
    total: int
    max_total: int
    band: str
    band_label: str
    reference: Reference
    self_harm_risk: bool | None = None
    severe: bool = False


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _validate_items(instrument: Instrument, value: object) -> tuple[int, ...] | None:
    if value is None:
        return None
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Sequence):
        raise InvalidQuestionnaireError(
            "items", f"a list of {instrument.items} answers", type(value).__name__
        )
    if len(value) != instrument.items:
        raise InvalidQuestionnaireError(
            "items",
            f"exactly {instrument.items} answers for {instrument.name}",
            f"{len(value)} answers",
        )
    for index, answer in enumerate(value):
        if not _whole(answer) or not 0 <= answer <= instrument.item_max:
            raise InvalidQuestionnaireError(
                f"items[{index}]",
                f"a whole number from 0 to {instrument.item_max} "
                f"({instrument.name} item {index + 1})",
                answer,
            )
    return tuple(value)


@attrs.frozen
class Questionnaire:
    """One person's answers to an instrument: ``items``, ``total``, or both.

    With both, the total must equal the score of the items; a mismatch is an error,
    never silently resolved.  Subclasses set ``INSTRUMENT``, their :class:`Instrument`.
    """

    INSTRUMENT: ClassVar[Instrument]

    items: tuple[int, ...] | None = attrs.field(default=None, kw_only=True)
    total: int | None = attrs.field(default=None, kw_only=True)
    _result: QuestionnaireResult = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        spec = self.INSTRUMENT
        items = _validate_items(spec, self.items)
        object.__setattr__(self, "items", items)
        total = self.total
        if total is not None and (not _whole(total) or not 0 <= total <= spec.max_total):
            raise InvalidQuestionnaireError(
                "total", f"a whole number from 0 to {spec.max_total} ({spec.name} total)", total
            )
        if items is None and total is None:
            raise InvalidQuestionnaireError("", f"the {spec.name} item answers or total")
        if items is not None:
            scored = self._items_total(items)
            if total is not None and total != scored:
                raise InvalidQuestionnaireError(
                    "total",
                    f"the total of the item answers ({scored}) or no total at all",
                    total,
                )
            total = scored
        assert total is not None  # one of the two is known
        band = spec.band(total)
        result = QuestionnaireResult(
            spec.name,
            total,
            spec.max_total,
            band.code,
            band.label,
            spec.reference,
            self._self_harm_risk(),
            spec.severe_from is not None and total >= spec.severe_from,
        )
        object.__setattr__(self, "_result", result)

    def _items_total(self, items: tuple[int, ...]) -> int:
        spec = self.INSTRUMENT
        return sum(spec.item_score(n, a) for n, a in enumerate(items, start=1))

    @property
    def score(self) -> int:
        """The total score, from the items when they are known."""
        return self._result.total

    def result(self) -> QuestionnaireResult:
        """The scored result (total, band and reference), computed once at construction."""
        return self._result

    def _self_harm_risk(self) -> bool | None:
        return None

    @classmethod
    def json_schema(cls) -> dict[str, Any]:
        """JSON Schema of the document forms: a total, an item list, or an object with
        ``items``, ``total`` or both (which must agree)."""
        spec = cls.INSTRUMENT
        total = {
            "type": "integer",
            "minimum": 0,
            "maximum": spec.max_total,
            "description": f"{spec.name} total score",
        }
        items = {
            "type": "array",
            "minItems": spec.items,
            "maxItems": spec.items,
            "items": {"type": "integer", "minimum": 0, "maximum": spec.item_max},
            "description": f"{spec.name} answers to items 1-{spec.items}, in order",
        }
        return {
            "description": f"{spec.name}: the total, the item answers, or both (which must agree)",
            "oneOf": [
                total,
                items,
                {
                    "type": "object",
                    "additionalProperties": False,
                    "minProperties": 1,
                    "properties": {"items": items, "total": total},
                },
            ],
        }


def to_questionnaire(cls: type[Q], value: object) -> Q | None:
    """Build ``cls`` from a total, a list of answers, a mapping, or an instance.

    Errors carry a path relative to the questionnaire (``items[3]``, ``total``).
    """
    if value is None or isinstance(value, cls):
        return value
    if _whole(value):
        return cls(total=value)  # type: ignore[arg-type]
    if isinstance(value, Mapping):
        extra = sorted(set(map(str, value)) - {"items", "total"})
        if extra:
            raise InvalidQuestionnaireError(
                extra[0], "one of the known fields: items, total", extra[0]
            )
        return cls(items=value.get("items"), total=value.get("total"))
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return cls(items=value)  # type: ignore[arg-type]
    spec = cls.INSTRUMENT
    raise InvalidQuestionnaireError(
        "",
        f"the {spec.name} total (0-{spec.max_total}), a list of its {spec.items} item "
        "answers, or {'items': [...], 'total': ...}",
        value,
    )
