"""Hypothesis strategies for insomnia-factors' own types, for your test suite.

Install with the ``testing`` extra (``pip install 'insomnia-factors[testing]'``), then::

    from hypothesis import given
    from insomnia_factors import assess
    from insomnia_factors.testing import profiles

    @given(profiles(magnesium="low", kidney_disease=True))
    def test_no_supplement_with_kidney_disease(profile):
        assert "magnesium_supplement" not in [a.code for a in assess(profile).advice]

Importing this module also registers the strategies with hypothesis, so that
``st.from_type(Profile)`` (and ``Sleep``, ``Magnesium``, ``Lifestyle``, ``Mind``,
``Health``, ``Supplement``, ``Measurement``, ``ISI``, ``PHQ9``, ``GAD7``, ``PSS10``)
draws from them.  ``import insomnia_factors`` alone never imports hypothesis.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (only to fail early with a helpful message)
except ImportError as exc:  # pragma: no cover - exercised in a subprocess test
    raise ImportError(
        "insomnia_factors.testing needs hypothesis, which comes with the 'testing' extra: "
        "pip install 'insomnia-factors[testing]'"
    ) from exc

from insomnia_factors.testing._profiles import (
    MagnesiumStatus,
    profile_documents,
    profiles,
    reexpressed,
)
from insomnia_factors.testing._quantities import (
    QuantityForm,
    QuantityMapping,
    equivalent_value,
    quantities,
)
from insomnia_factors.testing._questionnaires import (
    AnswerForm,
    QuestionnaireDocument,
    gad7_answers,
    isi_answers,
    phq9_answers,
    pss10_answers,
    questionnaire_answers,
)
from insomnia_factors.testing._registration import register_type_strategies

__all__ = [
    "AnswerForm",
    "MagnesiumStatus",
    "QuantityForm",
    "QuantityMapping",
    "QuestionnaireDocument",
    "equivalent_value",
    "gad7_answers",
    "isi_answers",
    "phq9_answers",
    "profile_documents",
    "profiles",
    "pss10_answers",
    "quantities",
    "questionnaire_answers",
    "reexpressed",
]

register_type_strategies()
