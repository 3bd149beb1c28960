"""Documents in and out: one cattrs converter, and the JSON Schemas of both documents."""

from insomnia_factors.serialization._converter import (
    converter,
    load_profile,
    structure_assessment,
    unstructure,
)
from insomnia_factors.serialization.schema import assessment_schema, profile_schema

__all__ = [
    "assessment_schema",
    "converter",
    "load_profile",
    "profile_schema",
    "structure_assessment",
    "unstructure",
]
