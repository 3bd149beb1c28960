"""Strategies for questionnaire answers as a profile document carries them.

An answer is a total (``17``), the item answers as ticked (``[2, 3, 2, 2, 3, 2, 3]``,
reverse-scored items of the PSS-10 included as ticked), or both
(``{"items": [...], "total": 17}``, where the total is the scored one).  Totals are drawn
first and the items are dealt out to add up to them, so a total range is honoured
without filtering.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from insomnia_factors.questionnaires import GAD7, ISI, PHQ9, PSS10, Questionnaire

__all__ = [
    "AnswerForm",
    "QuestionnaireDocument",
    "gad7_answers",
    "instrument_of",
    "isi_answers",
    "phq9_answers",
    "pss10_answers",
    "questionnaire_answers",
]

#: ``"total"``, ``"items"``, ``"both"`` or ``"any"`` of them.
AnswerForm = Literal["total", "items", "both", "any"]

#: A questionnaire in a profile document: a total, the item answers, or an object with
#: ``items`` and optionally ``total``.
QuestionnaireDocument: TypeAlias = int | list[int] | dict[str, Any]


@attrs.frozen
class _Layout:
    """Items, item range and reverse-scored items, restated from the instruments' papers
    (not read from the library, so that a scoring slip there cannot hide here)."""

    items: int
    item_max: int
    reverse: frozenset[int] = frozenset()

    @property
    def max_total(self) -> int:
        return self.items * self.item_max


_LAYOUTS: dict[type[Questionnaire], _Layout] = {
    ISI: _Layout(7, 4),  # Bastien et al. 2001
    PHQ9: _Layout(9, 3),  # Kroenke et al. 2001
    GAD7: _Layout(7, 3),  # Spitzer et al. 2006
    PSS10: _Layout(10, 4, frozenset({4, 5, 7, 8})),  # Cohen et al. 1983
}
_INSTRUMENTS: dict[str, type[Questionnaire]] = {
    "isi": ISI,
    "phq9": PHQ9,
    "gad7": GAD7,
    "pss10": PSS10,
}


def instrument_of(instrument: type[Questionnaire] | str) -> type[Questionnaire]:
    """Accept the class (``PHQ9``) or a name such as ``"PHQ-9"``, ``"phq9"``."""
    if isinstance(instrument, type) and instrument in _LAYOUTS:
        return instrument
    if isinstance(instrument, str):
        found = _INSTRUMENTS.get(instrument.lower().replace("-", "").replace(" ", ""))
        if found is not None:
            return found
    raise InvalidArgument(
        f"instrument={instrument!r}: expected ISI, PHQ9, GAD7 or PSS10 (or their names)"
    )


def _item_scores(draw: st.DrawFn, layout: _Layout, total: int) -> list[int]:
    """Item scores adding up to ``total``, dealt out item by item."""
    scores = []
    remaining = total
    for left in range(layout.items - 1, -1, -1):
        low = max(0, remaining - left * layout.item_max)
        score = draw(st.integers(low, min(layout.item_max, remaining)))
        scores.append(score)
        remaining -= score
    return scores


def _as_ticked(layout: _Layout, scores: list[int]) -> list[int]:
    # A reverse-scored item scores item_max - answer, so the answer is item_max - score.
    return [
        layout.item_max - score if number in layout.reverse else score
        for number, score in enumerate(scores, start=1)
    ]


_SHAPES: dict[str, tuple[str, ...]] = {
    "total": ("total",),
    "items": ("list", "object"),
    "both": ("both",),
    "any": ("total", "list", "object", "both"),
}


@st.composite
def _answers(
    draw: st.DrawFn,
    layout: _Layout,
    totals: st.SearchStrategy[int],
    shapes: st.SearchStrategy[str],
) -> QuestionnaireDocument:
    total = draw(totals)
    shape = draw(shapes)
    if shape == "total":
        return total
    ticked = _as_ticked(layout, _item_scores(draw, layout, total))
    if shape == "list":
        return ticked
    if shape == "object":
        return {"items": ticked}
    return {"items": ticked, "total": total}


def questionnaire_answers(
    instrument: type[Questionnaire] | str,
    *,
    form: AnswerForm = "any",
    min_total: int = 0,
    max_total: int | None = None,
) -> st.SearchStrategy[QuestionnaireDocument]:
    """Answers to one instrument, in the forms a profile document accepts.

    Args:
        instrument: :class:`~insomnia_factors.ISI`, :class:`~insomnia_factors.PHQ9`,
            :class:`~insomnia_factors.GAD7`, :class:`~insomnia_factors.PSS10`, or a name
            such as ``"PHQ-9"``.
        form: ``"total"`` (an integer), ``"items"`` (a list of item answers, or
            ``{"items": [...]}``), ``"both"`` (``{"items": [...], "total": n}``) or
            ``"any"``.
        min_total, max_total: bounds on the scored total (inclusive); for example
            ``phq9_answers(min_total=15)`` for the moderately severe and severe bands.

    Item answers are given as ticked: PSS-10 items 4, 5, 7 and 8 are reverse-scored by
    the library, so their answers are drawn accordingly.
    """
    cls = instrument_of(instrument)
    layout = _LAYOUTS[cls]
    high = layout.max_total if max_total is None else max_total
    if not 0 <= min_total <= high <= layout.max_total:
        raise InvalidArgument(
            f"{cls.__name__} totals run from 0 to {layout.max_total}; "
            f"got min_total={min_total}, max_total={max_total}"
        )
    if form not in _SHAPES:
        raise InvalidArgument(f"form={form!r}: expected 'total', 'items', 'both' or 'any'")
    return _answers(layout, st.integers(min_total, high), st.sampled_from(_SHAPES[form]))


def isi_answers(
    *, form: AnswerForm = "any", min_total: int = 0, max_total: int | None = None
) -> st.SearchStrategy[QuestionnaireDocument]:
    """Insomnia Severity Index answers (7 items 0-4, total 0-28)."""
    return questionnaire_answers(ISI, form=form, min_total=min_total, max_total=max_total)


def phq9_answers(
    *, form: AnswerForm = "any", min_total: int = 0, max_total: int | None = None
) -> st.SearchStrategy[QuestionnaireDocument]:
    """PHQ-9 answers (9 items 0-3, total 0-27; item 9 asks about thoughts of self-harm)."""
    return questionnaire_answers(PHQ9, form=form, min_total=min_total, max_total=max_total)


def gad7_answers(
    *, form: AnswerForm = "any", min_total: int = 0, max_total: int | None = None
) -> st.SearchStrategy[QuestionnaireDocument]:
    """GAD-7 answers (7 items 0-3, total 0-21)."""
    return questionnaire_answers(GAD7, form=form, min_total=min_total, max_total=max_total)


def pss10_answers(
    *, form: AnswerForm = "any", min_total: int = 0, max_total: int | None = None
) -> st.SearchStrategy[QuestionnaireDocument]:
    """Perceived Stress Scale answers (10 items 0-4 as ticked, scored total 0-40)."""
    return questionnaire_answers(PSS10, form=form, min_total=min_total, max_total=max_total)
