"""Sphinx directives that write the evidence page from the library's own objects.

Every table on ``evidence.rst`` comes from the code at build time, so the page cannot
drift from the rules:

``factor-catalog``
    every factor of :data:`insomnia_factors.DEFAULT_CATALOG`: category, default weight,
    the rule in words (:meth:`~insomnia_factors.Factor.describe_rule`), rationale,
    parameters (:meth:`~insomnia_factors.Factor.parameters`, with the ``#:`` comments
    that document them in the source), the inputs it reads with the most points each
    can add, recommendations and references.
``questionnaire-instruments``
    the scoring rules of the instruments in :mod:`insomnia_factors.questionnaires`.
``serum-ranges``
    :data:`insomnia_factors.factors.SERUM_RANGES`.
``magnesium-guards``
    the magnesium safety rules (:data:`insomnia_factors.assessment.MAGNESIUM_GUARDS`),
    the medicines they send to the prescriber and the spacing a suggestion names.
``intake-references``
    the intake reference values, read back from
    :func:`insomnia_factors.intake.reference_intake` age by age.
``supplement-compounds``
    :data:`insomnia_factors.units.COMPOUNDS`.
``referral-inputs``
    :data:`insomnia_factors.assessment.REFERRAL_INPUTS`: the inputs that can decide a
    reason to see a doctor, in the order ``missing`` lists them when unknown.

The directives produce reStructuredText (the docstrings they quote are reST) and parse
it in place.  Each page that uses them is rebuilt whenever a source file of the package
changes.

The extension also resolves cross-references to the modules where public objects are
defined (``insomnia_factors.models.profile.Profile``, as type hints name them) to the
public name under which the reference documents them (``insomnia_factors.Profile``).
"""

from __future__ import annotations

import enum
import inspect
import re
import typing
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
from docutils import nodes
from sphinx.addnodes import pending_xref
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.pycode import ModuleAnalyzer
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

import insomnia_factors
from insomnia_factors import DEFAULT_CATALOG, Factor, Reference, Sex
from insomnia_factors import questionnaires as questionnaire_module
from insomnia_factors.assessment import (
    INTERACTION_SPACING,
    MAGNESIUM_GUARDS,
    REFERRAL_INPUTS,
    REVIEW_MEDICATIONS,
)
from insomnia_factors.factors import SERUM_RANGES, MagnesiumDeficiency
from insomnia_factors.intake import reference_intake, supplement_upper_limit
from insomnia_factors.models import profile as profile_models
from insomnia_factors.units import COMPOUNDS, convert

PACKAGE_DIR = Path(insomnia_factors.__file__).resolve().parent
logger = logging.getLogger(__name__)
_DOI = re.compile(r"doi:\s*(10\.\S+?)[.;,)]?(?:\s|$)")


# -- reST helpers ------------------------------------------------------------------------


def text(value: object) -> str:
    """Plain text made safe for inline reST (no accidental markup or references)."""
    escaped = re.sub(r"([\\*`|_])", r"\\\1", str(value))
    return " ".join(escaped.split())


def literal(value: object) -> str:
    return f"``{value}``"


def link(label: str, url: str | None) -> str:
    return f"`{text(label)} <{url}>`__" if url else text(label)


def number(value: float) -> str:
    return f"{value:g}"


def list_table(
    headers: Iterable[str], rows: Iterable[Iterable[str]], *, widths: str = "auto"
) -> list[str]:
    lines = [
        ".. list-table::",
        "   :header-rows: 1",
        f"   :widths: {widths}",
        "   :width: 100%",
        "",
    ]
    for row in [list(headers), *map(list, rows)]:
        first = True
        for cell in row:
            bullet = "   * - " if first else "     - "
            cell_lines = cell.splitlines() or [""]
            lines.append(bullet + cell_lines[0])
            lines += ["       " + line if line.strip() else "" for line in cell_lines[1:]]
            first = False
    return [*lines, ""]


def heading(title: str, underline: str) -> list[str]:
    return [title, underline * len(title), ""]


def reference_line(ref: Reference) -> str:
    return f"{text(ref.citation)} {link('Link', ref.url) if ref.url else '(no stable link)'}"


# -- source comments -----------------------------------------------------------------------


def attribute_docs(module: str) -> dict[tuple[str, str], str]:
    """The ``#:`` comments of a module, by (class name or "", attribute name)."""
    try:
        found = ModuleAnalyzer.for_module(module).find_attr_docs()
    except Exception:  # a module without source: no comments to show
        return {}
    return {key: " ".join(line for line in lines if line).strip() for key, lines in found.items()}


def parameter_note(factor: Factor, name: str, value: object) -> str:
    """The source comment on a parameter, or on the module-level table it defaults to."""
    for cls in type(factor).__mro__:
        if cls is Factor or not attrs.has(cls):
            continue
        docs = attribute_docs(cls.__module__)
        note = docs.get((cls.__name__, name))
        if note:
            return note
        module = __import__(cls.__module__, fromlist=["_"])
        for (owner, attr), doc in docs.items():
            if owner == "" and getattr(module, attr, None) is value and doc:
                return doc
    return ""


# -- factors -------------------------------------------------------------------------------


def parameter_rows(factor: Factor) -> Iterator[tuple[str, str, str]]:
    for name, value in factor.parameters().items():
        note = text(parameter_note(factor, name, value)) or "—"
        if isinstance(value, Mapping):
            yield literal(name), "see the table below", note
        elif hasattr(value, "lower_limit") and hasattr(value, "scheme"):
            yield literal(name), text(value.describe()), note
        elif isinstance(value, float):
            yield literal(name), number(value), note
        else:
            yield literal(name), text(value), note


def mapping_tables(factor: Factor) -> list[str]:
    lines: list[str] = []
    for name, value in factor.parameters().items():
        if not isinstance(value, Mapping):
            continue
        rows = []
        for key, entry in value.items():
            label = key.value if isinstance(key, enum.Enum) else str(key)
            points, why = entry if isinstance(entry, tuple) else (entry, "")
            rows.append((literal(label), number(points), text(why)))
        lines += [f"Points by entry of ``{name}``:", ""]
        lines += list_table(("Value", "Points", "Why"), rows, widths="30 10 60")
    return lines


def input_rows(factor: Factor) -> Iterator[tuple[str, str, str]]:
    for path, points in factor.inputs:
        if points > 0:
            weighted = number(round(points * factor.default_weight, 4))
            yield literal(path), number(points), weighted
        else:
            yield literal(path), "0 (qualifies other inputs)", "0"


def factor_section(factor: Factor) -> list[str]:
    lines = [f".. _factor-{factor.id}:", ""]
    lines += heading(factor.name, "-")
    lines += [
        f"**Id** {literal(factor.id)} · **Category** {factor.category.value} · "
        f"**Default weight** {number(factor.default_weight)}",
        "",
        ".. rubric:: Rule",
        "",
        *factor.describe_rule().splitlines(),
        "",
        ".. rubric:: Why it can matter",
        "",
        text(factor.rationale),
        "",
    ]
    params = list(parameter_rows(factor))
    if params:
        lines += [".. rubric:: Thresholds and parameters", ""]
        lines += [
            "Change any of these with ``attrs.evolve(factor, name=value)`` "
            "(see :doc:`custom-factors`).",
            "",
        ]
        lines += list_table(("Parameter", "Default", "Source note in the code"), params)
        lines += mapping_tables(factor)
    lines += [".. rubric:: Inputs it reads", ""]
    lines += list_table(
        (
            "Profile path",
            "Most points this input can add alone",
            "× default weight",
        ),
        input_rows(factor),
        widths="50 30 20",
    )
    if factor.recommendations:
        lines += [".. rubric:: Recommendations on its card", ""]
        lines += [f"- {text(r)}" for r in factor.recommendations] + [""]
    if factor.references:
        lines += [".. rubric:: References", ""]
        lines += [f"#. {reference_line(r)}" for r in factor.references] + [""]
    return lines


def catalog_text() -> list[str]:
    catalog = DEFAULT_CATALOG
    lines = [
        f"Catalog **{text(catalog.name)}**, version **{text(catalog.version)}** "
        f"(``DEFAULT_CATALOG``), {len(catalog)} factors in catalog order:",
        "",
    ]
    lines += list_table(
        ("Factor", "Id", "Category", "Default weight"),
        (
            (
                f":ref:`{text(f.name)} <factor-{f.id}>`",
                literal(f.id),
                f.category.value,
                number(f.default_weight),
            )
            for f in catalog
        ),
        widths="35 30 20 15",
    )
    for factor in catalog:
        lines += factor_section(factor)
    return lines


# -- questionnaires ------------------------------------------------------------------------


def _profile_paths_of(cls: type) -> list[str]:
    """Profile paths whose type is ``cls`` (``mind.pss10`` for PSS10)."""
    found = []
    for section in attrs.fields(profile_models.Profile):
        section_type = typing.get_type_hints(profile_models.Profile)[section.name]
        if not attrs.has(section_type):
            continue
        hints = typing.get_type_hints(section_type)
        for field in attrs.fields(section_type):
            if cls in typing.get_args(hints[field.name]) or hints[field.name] is cls:
                found.append(f"{section.name}.{field.name}")
    return found


def questionnaire_text() -> list[str]:
    classes = [
        value
        for value in (getattr(questionnaire_module, name) for name in questionnaire_module.__all__)
        if isinstance(value, type)
        and issubclass(value, questionnaire_module.Questionnaire)
        and hasattr(value, "INSTRUMENT")
    ]
    summary = []
    sections: list[str] = []
    for cls in classes:
        spec = cls.INSTRUMENT
        paths = _profile_paths_of(cls)
        readers = [
            f":ref:`{f.id} <factor-{f.id}>`"
            for f in DEFAULT_CATALOG
            if any(path in paths for path, _ in f.inputs)
        ]
        reverse = ", ".join(str(n) for n in sorted(spec.reverse_items)) or "none"
        summary.append(
            (
                f":ref:`{text(spec.name)} <instrument-{cls.__name__.lower()}>`",
                f":class:`~insomnia_factors.questionnaires.{cls.__name__}`",
                f"{spec.items} × 0-{spec.item_max}",
                f"0-{spec.max_total}",
                reverse,
                ", ".join(literal(p) for p in paths) or "—",
                ", ".join(readers) or "no factor",
            )
        )
        sections += [f".. _instrument-{cls.__name__.lower()}:", ""]
        sections += heading(spec.name, "-")
        sections += [f"{reference_line(spec.reference)}", ""]
        rows = []
        for index, band in enumerate(spec.bands):
            last = index + 1 == len(spec.bands)
            high = spec.max_total if last else spec.bands[index + 1].low - 1
            rows.append((f"{band.low}-{high}", literal(band.code), text(band.label)))
        sections += list_table(("Total", "Band code", "Band"), rows, widths="20 30 50")
    lines = list_table(
        (
            "Instrument",
            "Class",
            "Items × answers",
            "Total",
            "Reverse-scored items",
            "Profile field",
            "Read by",
        ),
        summary,
    )
    return lines + sections


# -- serum ranges, intakes, compounds -----------------------------------------------------


def serum_text() -> list[str]:
    default = MagnesiumDeficiency().serum_range
    rows = []
    for key, serum_range in SERUM_RANGES.items():
        compared = []
        for limit in (serum_range.lower_limit, serum_range.upper_limit):
            mg_dl = convert(f"{limit} mmol/L", "mg/dL").magnitude
            compared.append(f"{limit:.4g} mmol/L ({mg_dl:.3g} mg/dL)")
        rows.append(
            (
                literal(key) + (" (default)" if serum_range == default else ""),
                text(serum_range.lower_text),
                text(serum_range.upper_text),
                " to ".join(compared),
                text(serum_range.scheme)
                + (f"; {text(serum_range.note)}" if serum_range.note else ""),
            )
        )
    return list_table(
        (
            "Key",
            "Lower limit as published",
            "Upper limit as published",
            "Compared as",
            "Scheme as named in results",
        ),
        rows,
        widths="14 20 18 26 22",
    )


def guards_text() -> list[str]:
    factor = MagnesiumDeficiency()
    lines = list_table(
        ("Rule", "What it does", "Source", "Status"),
        ((literal(g.code), text(g.rule), text(g.source), text(g.status)) for g in MAGNESIUM_GUARDS),
        widths="20 40 30 10",
    )
    lines += [
        "The thresholds are parameters of the magnesium factor "
        f"(``severe_limit`` {number(factor.severe_limit)}, ``deficiency_limit`` "
        f"{number(factor.deficiency_limit)}, ``hypermagnesaemia_limit`` "
        f"{number(factor.hypermagnesaemia_limit)}, ``excess_symptoms_limit`` "
        f"{number(factor.excess_symptoms_limit)} mmol/L, ``adult_age`` {factor.adult_age}); "
        "a catalog without a magnesium factor uses these defaults for the referral.",
        "",
        "Low magnesium on these medicines goes to the prescriber, never to an "
        "over-the-counter supplement:",
        "",
    ]
    lines += list_table(
        ("Medicine", "Why"),
        ((literal(m.value), text(why)) for m, why in REVIEW_MEDICATIONS.items()),
        widths="30 70",
    )
    lines += ["A suggestion next to these medicines names them and the interval to keep:", ""]
    lines += list_table(
        ("Medicine", "What the suggestion says"),
        ((literal(m.value), text(words)) for m, words in INTERACTION_SPACING.items()),
        widths="30 70",
    )
    return lines


def _runs(values: list[tuple[int, Any]]) -> Iterator[tuple[int, int, Any]]:
    """Group consecutive ages with the same value: (first age, last age, value)."""
    run: list[Any] | None = None  # [first age, last age, value]
    for age, value in values:
        if run is not None and value == run[2]:
            run[1] = age
            continue
        if run is not None:
            yield run[0], run[1], run[2]
        run = [age, age, value]
    if run is not None:
        yield run[0], run[1], run[2]


def _reference_cells(ref: Any) -> tuple[str, str]:
    if ref is None:
        return "—", "—"
    mark = " [#unverified]_" if ref.unverified else ""
    ear = "—" if ref.ear is None else f"{number(ref.ear)}{mark}"
    return number(ref.rda), ear


def intake_text() -> list[str]:
    def both(age: int) -> tuple[Any, ...]:
        male = reference_intake(age, Sex.MALE)
        female = reference_intake(age, Sex.FEMALE)
        return (
            *_reference_cells(male),
            *_reference_cells(female),
            supplement_upper_limit(age),
        )

    rows = [
        (
            f"{first}-{last}" if last < 125 else f"{first}+",
            *cells[:4],
            "—" if cells[4] is None else number(cells[4]),
        )
        for first, last, cells in _runs([(age, both(age)) for age in range(1, 126)])
    ]
    lines = list_table(
        (
            "Age",
            "RDA men",
            "EAR men",
            "RDA women",
            "EAR women",
            "Upper limit, supplements",
        ),
        rows,
    )
    for state, flags in (("Pregnancy", {"pregnant": True}), ("Lactation", {"lactating": True})):
        runs = _runs(
            [
                (age, _reference_cells(reference_intake(age, Sex.FEMALE, **flags)))
                for age in range(14, 51)
            ]
        )
        lines += [f"{state} (women):", ""]
        lines += list_table(("Age", "RDA", "EAR"), ((f"{a}-{b}", *v) for a, b, v in runs))
    if any("[#unverified]_" in line for line in lines):
        lines += [
            ".. [#unverified] Flagged as unverified in the code: the value is carried over "
            "from the previous age band and was not checked against the source; results "
            "that use it say so.",
            "",
        ]
    return lines


_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def formula(written: str) -> str:
    """``MgCl2·6H2O`` → ``MgCl₂·6H₂O``: counts after an element or bracket go down."""
    return re.sub(r"(?<=[A-Za-z)])\d+", lambda m: m[0].translate(_SUBSCRIPTS), written)


def short_source(source: str) -> str:
    """``Molecules 2020;25(14):3172, Table 3, doi:…`` → ``Molecules 2020, Table 3``."""
    match = re.match(r"(?P<work>[^;]*?\d{4});[^,]*(?P<table>, Table \w+)?", source)
    if match is None:
        return source.split(", doi:")[0]
    return match["work"] + (match["table"] or "")


def compound_text() -> list[str]:
    rows = []
    for compound in sorted(COMPOUNDS.values(), key=lambda c: c.name):
        doi = _DOI.search(compound.source)
        shown = link(short_source(compound.source), f"https://doi.org/{doi[1]}" if doi else None)
        aliases = ", ".join(compound.aliases) or "—"
        rows.append(
            (
                text(compound.name),
                text(formula(compound.formula)),
                f"{compound.molar_mass:.2f}",
                f"{compound.elemental_fraction:.1%}".replace("%", " %"),
                text(aliases),
                shown,
            )
        )
    return list_table(
        (
            "Compound",
            "Formula",
            "Molar mass, g/mol",
            "Magnesium by mass",
            "Also accepted as",
            "Checked against",
        ),
        rows,
        widths="22 20 11 11 20 16",
    )


def referral_text() -> list[str]:
    rows = [
        (
            literal(item.path)
            + ("" if item.within is None else f" (once {literal(item.within)} is known)"),
            ", ".join(literal(code) for code in item.codes),
            "yes" if item.urgent else "—",
            text(item.source),
        )
        for item in REFERRAL_INPUTS
    ]
    return list_table(
        ("Input", "Referral reasons it can decide", "Urgent", "Source (status)"),
        rows,
        widths="22 30 8 40",
    )


# -- directives ----------------------------------------------------------------------------


class _Generated(SphinxDirective):
    has_content = False
    required_arguments = 0
    optional_arguments = 0

    def lines(self) -> list[str]:
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        for path in PACKAGE_DIR.rglob("*.py"):
            self.env.note_dependency(str(path))
        return nested_parse_to_nodes(
            self.state, "\n".join(self.lines()), source=f"<{self.name} directive>"
        )


class FactorCatalog(_Generated):
    def lines(self) -> list[str]:
        return catalog_text()


class QuestionnaireInstruments(_Generated):
    def lines(self) -> list[str]:
        return questionnaire_text()


class SerumRanges(_Generated):
    def lines(self) -> list[str]:
        return serum_text()


class MagnesiumGuards(_Generated):
    def lines(self) -> list[str]:
        return guards_text()


class IntakeReferences(_Generated):
    def lines(self) -> list[str]:
        return intake_text()


class SupplementCompounds(_Generated):
    def lines(self) -> list[str]:
        return compound_text()


class ReferralInputs(_Generated):
    def lines(self) -> list[str]:
        return referral_text()


# -- public names for internal module paths ------------------------------------------------

_PUBLIC_MODULES = (
    "insomnia_factors",
    "insomnia_factors.units",
    "insomnia_factors.questionnaires",
    "insomnia_factors.errors",
    "insomnia_factors.factors",
)


def resolve_public_name(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.Element
) -> nodes.Element | None:
    """Point ``insomnia_factors.models.profile.Profile`` at ``insomnia_factors.Profile``."""
    if node.get("refdomain") != "py":
        return None
    target = node.get("reftarget", "")
    if not target.startswith("insomnia_factors."):
        return None
    name = target.rsplit(".", 1)[-1]
    domain = env.get_domain("py")
    for module in _PUBLIC_MODULES:
        candidate = f"{module}.{name}"
        if candidate != target and candidate in domain.objects:
            node["reftarget"] = candidate
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], candidate, node, contnode
            )
    return None


def drop_type_docstrings(
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Data documented with ``autodata`` shows its own text, not its type's docstring.

    Without this, ``MAGNESIUM_MOLAR_MASS`` would be described by ``float.__doc__`` and
    ``DEFAULT_CATALOG`` by the docstring of :class:`~insomnia_factors.Catalog`.
    """
    if what not in ("data", "attribute") or isinstance(obj, type) or callable(obj):
        return
    own = inspect.getdoc(type(obj))
    if own and "\n".join(lines).strip() == inspect.cleandoc(own).strip():
        lines.clear()


def _short_default(value: object) -> str:
    """A default as a reader needs it: plain values in full, anything long as ``…``."""
    if isinstance(value, enum.Enum):
        return f"{type(value).__name__}.{value.name}"
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, str) and len(value) <= 30:
        return repr(value)
    if isinstance(value, (tuple, frozenset)) and not value:
        return repr(value)
    return "…"


def attrs_signature(
    app: Sphinx,
    what: str,
    name: str,
    obj: object,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    """Show an attrs class's constructor with readable defaults.

    attrs generates ``__init__``, whose source reads ``age=attr_dict['age'].default``;
    this writes ``age=None`` instead, and ``sleep=Sleep()`` for a factory default.
    """
    if what not in ("class", "exception") or not isinstance(obj, type) or not attrs.has(obj):
        return None
    positional: list[str] = []
    keyword: list[str] = []
    for field in attrs.fields(obj):
        if not field.init:
            continue
        default = field.default
        if default is attrs.NOTHING:
            shown = field.alias
        elif isinstance(default, attrs.Factory):
            factory = default.factory
            shown = f"{field.alias}={getattr(factory, '__name__', 'factory')}()"
        else:
            shown = f"{field.alias}={_short_default(default)}"
        (keyword if field.kw_only else positional).append(shown)
    params = positional + (["*", *keyword] if keyword else [])
    return f"({', '.join(params)})", return_annotation


def check_public_names(app: Sphinx, env: BuildEnvironment) -> None:
    """Warn (an error under -W) when a name of ``insomnia_factors.__all__`` is not documented."""
    objects = env.get_domain("py").objects
    if "insomnia_factors.assess" not in objects:
        return  # a partial build without the API page
    for name in insomnia_factors.__all__:
        if name.startswith("__"):
            continue
        if not any(f"{module}.{name}" in objects for module in _PUBLIC_MODULES):
            logger.warning(
                "insomnia_factors.%s is public but not documented in the API reference",
                name,
                location="api",
            )


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("factor-catalog", FactorCatalog)
    app.add_directive("questionnaire-instruments", QuestionnaireInstruments)
    app.add_directive("serum-ranges", SerumRanges)
    app.add_directive("magnesium-guards", MagnesiumGuards)
    app.add_directive("intake-references", IntakeReferences)
    app.add_directive("supplement-compounds", SupplementCompounds)
    app.add_directive("referral-inputs", ReferralInputs)
    app.connect("missing-reference", resolve_public_name)
    app.connect("autodoc-process-docstring", drop_type_docstrings)
    app.connect("env-check-consistency", check_public_names)
    app.connect("autodoc-process-signature", attrs_signature)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
