"""The one cattrs converter: profiles and assessments to and from JSON-ready dicts.

Profiles are validated by their own models (each converter and validator names its
field), so structuring a profile hands the raw document to the models; assessments are
plain data and are structured by cattrs.  Unknown fields in a profile are left out when
unstructuring, so ``load_profile(p.to_dict()) == p``.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Mapping
from typing import Any

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from insomnia_factors.errors import InsomniaFactorsError, InvalidInputError, InvalidProfileError
from insomnia_factors.models._fields import from_mapping
from insomnia_factors.models.assessment import Assessment, Cause
from insomnia_factors.models.profile import Profile
from insomnia_factors.questionnaires import Questionnaire
from insomnia_factors.units import Measurement

__all__ = ["converter", "load_profile", "structure_assessment", "unstructure"]

converter = cattrs.Converter(forbid_extra_keys=True)

converter.register_unstructure_hook(Measurement, str)
converter.register_unstructure_hook(enum.Enum, lambda member: member.value)


def _unstructure_questionnaire(value: Questionnaire) -> Any:
    if value.items is None:
        return value.total
    document: dict[str, Any] = {"items": list(value.items)}
    if value.total is not None:
        document["total"] = value.total
    return document


converter.register_unstructure_hook_func(
    lambda cls: isinstance(cls, type) and issubclass(cls, Questionnaire),
    _unstructure_questionnaire,
)


def _is_input_model(cls: Any) -> bool:
    module = getattr(cls, "__module__", "")
    return attrs.has(cls) and module == "insomnia_factors.models.profile"


# Inputs: leave unknown (None) and empty sections out of documents.
converter.register_unstructure_hook_factory(
    _is_input_model,
    lambda cls: make_dict_unstructure_fn(cls, converter, _cattrs_omit_if_default=True),
)

# The document calls a cause's factor id "factor" (DESIGN §3).
converter.register_unstructure_hook(
    Cause, make_dict_unstructure_fn(Cause, converter, factor_id=override(rename="factor"))
)
converter.register_structure_hook(
    Cause, make_dict_structure_fn(Cause, converter, factor_id=override(rename="factor"))
)
# Profiles validate themselves field by field; the converter only hands the document over.
converter.register_structure_hook(Profile, lambda document, _: from_mapping(Profile, document, ""))


def unstructure(value: object) -> Any:
    """A JSON-compatible rendering of a profile, an assessment or any of their parts."""
    return converter.unstructure(value)


def _document(source: object, what: str) -> Mapping[str, Any]:
    if isinstance(source, (str, bytes, bytearray)):
        try:
            source = json.loads(source)
        except (ValueError, RecursionError) as exc:
            raise InvalidProfileError("", f"{what} as JSON text ({exc})") from None
    if not isinstance(source, Mapping):
        raise InvalidProfileError("", f"{what} as a JSON object", type(source).__name__)
    return source


def load_profile(source: object) -> Profile:
    """Build a :class:`~insomnia_factors.Profile` from a dict or JSON text.

    Every field is optional; absent or null means unknown.  Raises
    :class:`~insomnia_factors.errors.InvalidProfileError` (or a subclass) naming the
    dotted path of the first invalid field.
    """
    if isinstance(source, Profile):
        return source
    document = _document(source, "a profile document")
    result: Profile = converter.structure(document, Profile)
    return result


def structure_assessment(source: object) -> Assessment:
    """Rebuild an :class:`~insomnia_factors.Assessment` from its document."""
    document = _document(source, "an assessment document")
    try:
        result: Assessment = converter.structure(document, Assessment)
    except InsomniaFactorsError:
        raise
    except Exception as exc:  # cattrs reports nested errors as exception groups
        detail = (
            "; ".join(cattrs.transform_error(exc))
            if isinstance(exc, cattrs.BaseValidationError)
            else str(exc)
        )
        raise InvalidInputError(
            "", f"an assessment document as made by to_dict() ({detail})"
        ) from None
    return result
