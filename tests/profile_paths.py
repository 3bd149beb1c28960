"""Reading and replacing one input of a profile by its dotted path (``"magnesium.serum"``),
and finding out which inputs a factor's rule reads.

The paths are those that :attr:`Assessment.missing`, evidence and factor inputs use.
"""

from __future__ import annotations

from typing import Any

import attrs

from insomnia_factors import DEFAULT_CATALOG, Factor, Profile

__all__ = ["INPUT_PATHS", "get", "reads", "scores", "with_value"]


def _section_types() -> dict[str, type]:
    # Profile is annotated with postponed (string) annotations; read the defaults instead.
    profile = Profile()
    return {
        field.name: type(getattr(profile, field.name))
        for field in attrs.fields(Profile)
        if attrs.has(type(getattr(profile, field.name)))
    }


def _all_paths() -> tuple[str, ...]:
    sections = _section_types()
    paths: list[str] = []
    for field in attrs.fields(Profile):
        section = sections.get(field.name)
        if section is None:
            paths.append(field.name)
        else:
            paths += [f"{field.name}.{f.name}" for f in attrs.fields(section) if f.init]
    return tuple(paths)


#: Every input of a profile, top-level fields and section fields alike.
INPUT_PATHS = _all_paths()


def get(profile: Profile, path: str) -> object:
    value: object = profile
    for part in path.split("."):
        value = getattr(value, part)
    return value


def with_value(profile: Profile, path: str, value: object) -> Profile:
    """``profile`` with the input at ``path`` replaced (through the models' converters)."""
    section, _, name = path.partition(".")
    if not name:
        return attrs.evolve(profile, **{section: value})
    part = getattr(profile, section)
    return attrs.evolve(profile, **{section: attrs.evolve(part, **{name: value})})


def scores(profile: Profile) -> dict[str, float]:
    """Every default factor's score, zero scores included."""
    return {factor.id: factor.evaluate(profile).score for factor in DEFAULT_CATALOG}


# Values derived at construction from an input: reading one reads that input.
_DERIVED = {"magnesium.supplemental_mg_per_day": "magnesium.supplements"}
_MODELS = (Profile, *_section_types().values())


class _Recording:
    """A stand-in for a profile or a section that notes every input path read through it."""

    def __init__(self, real: Any, prefix: str, seen: set[str]) -> None:
        self._real, self._prefix, self._seen = real, prefix, seen

    def __getattr__(self, name: str) -> Any:
        path = f"{self._prefix}.{name}" if self._prefix else name
        method = getattr(type(self._real), name, None)
        if callable(method):
            # Methods such as Health.has() read fields too: run them on the recording.
            return method.__get__(self)
        value = getattr(self._real, name)
        if isinstance(value, _MODELS):
            return _Recording(value, path, self._seen)
        self._seen.add(_DERIVED.get(path, path))
        return value


def reads(factor: Factor, profile: Profile) -> set[str]:
    """The input paths ``factor``'s rule reads when it scores ``profile``."""
    seen: set[str] = set()
    factor.evaluate(_Recording(profile, "", seen))  # type: ignore[arg-type]
    return seen
