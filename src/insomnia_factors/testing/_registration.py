"""``st.from_type`` support: strategies registered for the library's own types.

Registration runs when :mod:`insomnia_factors.testing` is imported, never on
``import insomnia_factors``, so the core package neither needs nor loads hypothesis.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from insomnia_factors.models import Health, Lifestyle, Magnesium, Mind, Profile, Sleep, Supplement
from insomnia_factors.questionnaires import GAD7, ISI, PHQ9, PSS10, Questionnaire
from insomnia_factors.questionnaires._scoring import to_questionnaire
from insomnia_factors.serialization import load_profile
from insomnia_factors.testing._profiles import profiles, section_documents, supplement_documents
from insomnia_factors.testing._quantities import quantities
from insomnia_factors.testing._questionnaires import questionnaire_answers
from insomnia_factors.units import Kind, Measurement

__all__ = ["register_type_strategies"]

_SECTIONS: dict[str, type[Any]] = {
    "sleep": Sleep,
    "magnesium": Magnesium,
    "lifestyle": Lifestyle,
    "mind": Mind,
    "health": Health,
}


def _section(name: str) -> st.SearchStrategy[Any]:
    # Through load_profile, so a section is built exactly as from a document.
    return section_documents(name).map(
        lambda document: getattr(load_profile({name: document}), name)
    )


def _supplement() -> st.SearchStrategy[Supplement]:
    return supplement_documents("any").map(lambda document: Supplement(**document))


def _questionnaire(cls: type[Questionnaire]) -> st.SearchStrategy[Questionnaire]:
    def build(answers: object) -> Questionnaire:
        built = to_questionnaire(cls, answers)
        assert built is not None  # answers are never null here
        return built

    return questionnaire_answers(cls).map(build)


def register_type_strategies() -> None:
    """Register the strategies with hypothesis (done once, on import of the module)."""
    st.register_type_strategy(Profile, profiles())
    for name, cls in _SECTIONS.items():
        st.register_type_strategy(cls, _section(name))
    st.register_type_strategy(Supplement, _supplement())
    st.register_type_strategy(
        Measurement,
        st.one_of([quantities(kind, form="measurement") for kind in Kind]),
    )
    for cls in (ISI, PHQ9, GAD7, PSS10):
        st.register_type_strategy(cls, _questionnaire(cls))
