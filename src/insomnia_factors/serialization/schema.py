"""JSON Schema (draft 2020-12) of the profile and assessment documents, from the models.

The schema is derived from the attrs classes and their type hints, so it cannot drift
from the code: a new field appears in it automatically.  Bounds come from the fields'
validators (``optional_int(0, 7)`` → ``minimum``/``maximum``), quantities from the
grammar of :mod:`insomnia_factors.units`, questionnaires from their specs.
"""

from __future__ import annotations

import enum
import functools
import types
import typing
from typing import Any

import attrs

from insomnia_factors.models.assessment import Assessment, Cause
from insomnia_factors.models.profile import Profile
from insomnia_factors.questionnaires import Questionnaire
from insomnia_factors.units import MAX_LENGTH, Measurement

__all__ = ["SCHEMA_IDS", "assessment_schema", "profile_schema"]

_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_IDS = {
    "profile": "https://insomnia-factors.readthedocs.io/schema/profile.json",
    "assessment": "https://insomnia-factors.readthedocs.io/schema/assessment.json",
}

_QUANTITY = {
    "description": "A quantity with its unit: '1.5 mg/dL' or {'value': 1.5, 'unit': 'mg/dL'}.",
    "oneOf": [
        {
            "type": "string",
            "maxLength": MAX_LENGTH,
            "pattern": r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d{1,3})?\s*[A-Za-zµμ_].*$",
        },
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["value", "unit"],
            "properties": {
                "value": {"type": "number", "minimum": 0},
                "unit": {"type": "string", "maxLength": MAX_LENGTH},
            },
        },
    ],
}


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


class _Builder:
    def __init__(self, *, inputs: bool) -> None:
        self.inputs = inputs  # profile documents omit unknowns; outputs list every field
        self.defs: dict[str, Any] = {}

    def type_schema(self, tp: Any, field: attrs.Attribute[Any] | None = None) -> dict[str, Any]:
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin in (typing.Union, types.UnionType):
            rest = [a for a in args if a is not type(None)]
            inner = (
                self.type_schema(rest[0], field)
                if len(rest) == 1
                else {"anyOf": [self.type_schema(a, field) for a in rest]}
            )
            return _nullable(inner) if type(None) in args else inner
        if origin is tuple:
            return {"type": "array", "items": self.type_schema(args[0], field)}
        if tp is Measurement:
            return dict(_QUANTITY)
        if isinstance(tp, type) and issubclass(tp, Questionnaire):
            return tp.json_schema()
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"enum": [m.value for m in tp]}
        if attrs.has(tp):
            return self.ref(tp)
        return self.primitive(tp, field)

    def primitive(self, tp: Any, field: attrs.Attribute[Any] | None) -> dict[str, Any]:
        schema: dict[str, Any] = {
            bool: {"type": "boolean"},
            int: {"type": "integer"},
            float: {"type": "number"},
            str: {"type": "string"},
        }.get(tp, {})
        bounds = getattr(field.validator, "bounds", None) if field is not None else None
        if bounds is not None and schema.get("type") in ("integer", "number"):
            schema |= {"minimum": bounds[0], "maximum": bounds[1]}
        return schema

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # placeholder against recursion
            self.defs[name] = self.object_schema(cls)
        return {"$ref": f"#/$defs/{name}"}

    def object_schema(self, cls: type) -> dict[str, Any]:
        hints = typing.get_type_hints(cls)
        properties: dict[str, Any] = {}
        required = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            key = "factor" if (cls is Cause and field.name == "factor_id") else field.name
            field_schema = self.type_schema(hints[field.name], field)
            if (
                self.inputs
                and attrs.has(hints[field.name])
                and hints[field.name] is not Measurement
            ):
                # A section may be null or absent: all of it unknown.
                field_schema = _nullable(field_schema)
            properties[key] = field_schema
            if field.default is attrs.NOTHING:  # outputs, and the limits of a lab range
                required.append(key)
        schema: dict[str, Any] = {
            "type": "object",
            "additionalProperties": False,
            "properties": properties,
        }
        if cls.__doc__:
            schema["description"] = cls.__doc__.strip().splitlines()[0]
        if required:
            schema["required"] = required
        return schema

    def document(self, cls: type, name: str, title: str) -> dict[str, Any]:
        root = self.object_schema(cls)
        return {
            "$schema": _DIALECT,
            "$id": SCHEMA_IDS[name],
            "title": title,
            **root,
            "$defs": dict(sorted(self.defs.items())),
        }


@functools.cache
def _profile_schema() -> dict[str, Any]:
    return _Builder(inputs=True).document(Profile, "profile", "insomnia-factors profile")


@functools.cache
def _assessment_schema() -> dict[str, Any]:
    return _Builder(inputs=False).document(Assessment, "assessment", "insomnia-factors assessment")


def profile_schema() -> dict[str, Any]:
    """JSON Schema of a profile document (every field optional; null means unknown)."""
    import copy

    return copy.deepcopy(_profile_schema())


def assessment_schema() -> dict[str, Any]:
    """JSON Schema of an assessment document (as made by ``Assessment.to_dict()``)."""
    import copy

    return copy.deepcopy(_assessment_schema())
