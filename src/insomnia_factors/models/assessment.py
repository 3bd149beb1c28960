"""The outputs of :func:`~insomnia_factors.assess`: typed, frozen and serializable.

Each cause is shaped like a CDS Hooks card (a short ``summary``, a Markdown ``detail``,
an ``indicator`` and its ``source`` references) and keeps the structured
:class:`Evidence` beside the words, as FHIR RiskAssessment keeps ``basis`` beside
``rationale``: programs read the evidence, people read the words, and both say the same.
"""

from __future__ import annotations

import enum
from typing import Any

import attrs

from insomnia_factors.references import Reference

__all__ = [
    "Advice",
    "Assessment",
    "Category",
    "Cause",
    "Complaint",
    "Evidence",
    "Explanation",
    "Indicator",
    "InsomniaPattern",
    "InsomniaSummary",
    "Reference",
    "Referral",
    "ReferralReason",
    "Ruleset",
]


class Category(enum.Enum):
    """Broad family of a factor."""

    NUTRITIONAL = "nutritional"
    PSYCHOLOGICAL = "psychological"
    BEHAVIOURAL = "behavioural"
    MEDICAL = "medical"


class Indicator(enum.Enum):
    """Urgency of a card, as in CDS Hooks."""

    INFO = "info"
    WARNING = "warning"
    CRITICAL = "critical"


class Complaint(enum.Enum):
    """A kind of sleep trouble named by the person's own answers."""

    SLEEP_ONSET = "sleep_onset"  # takes long to fall asleep
    SLEEP_MAINTENANCE = "sleep_maintenance"  # long awake after first falling asleep
    EARLY_WAKING = "early_waking"  # wakes too early and cannot fall asleep again
    SHORT_SLEEP = "short_sleep"  # sleeps less than adults need


class InsomniaPattern(enum.Enum):
    """Pattern of the sleep complaint by the ICSD-3 frequency, duration and daytime
    impairment criteria."""

    CHRONIC = "chronic"  # ≥ 3 nights a week for ≥ 3 months, with daytime impairment
    # ≥ 3 months, but fewer than 3 nights a week, no daytime impairment, or either unknown
    PERSISTENT = "persistent"
    SHORT_TERM = "short_term"  # < 3 months
    UNKNOWN = "unknown"


@attrs.frozen
class Evidence:
    """One input held against one threshold, in numbers and in words.

    Attributes:
        path: dotted input path (``"magnesium.serum"``).
        observed: the person's value as given (``"1.5 mg/dL"``, ``"true"``).
        canonical: the value in ``unit`` (None for yes/no and categorical inputs).
        unit: canonical unit of ``canonical`` and ``threshold``.
        threshold: the limit the value was held against, when there is one.
        relation: how value and threshold relate: ``"<"``, ``"<="``, ``">"``,
            ``">="``, ``"is"``.
        points: what this piece adds to the factor's score (0–1), before combining.
        statement: the same in words.
    """

    path: str
    observed: str
    statement: str
    points: float
    relation: str = "is"
    canonical: float | None = None
    unit: str | None = None
    threshold: float | None = None


@attrs.frozen
class Explanation:
    """A cause in words, shaped like a CDS Hooks card.

    Attributes:
        summary: one line of at most 140 characters.
        detail: Markdown: the arithmetic, the evidence that scored and the rationale.
        indicator: urgency of the card: ``info``, ``warning`` or ``critical``.
        source: keys of the references the card rests on.
    """

    summary: str
    detail: str
    indicator: Indicator
    source: tuple[str, ...] = ()


@attrs.frozen
class Cause:
    """One factor found to contribute, with its weight, score and explanation.

    Attributes:
        factor_id: the factor's id (called ``factor`` in documents).
        name: the factor's name, for people.
        category: the factor's family.
        score: how strongly the evidence points at the factor, from 0 to 1.
        weight: the weight applied, the catalog's default or an override.
        contribution: ``weight × score``.
        share: the contribution as a fraction of the contributions of all causes.
        explanation: the card: summary, Markdown detail, indicator and sources.
        evidence: the pieces of evidence behind the score.
        recommendations: what the person can do about this factor.
        references: the sources of the factor's rule.
    """

    factor_id: str
    name: str
    category: Category
    score: float
    weight: float
    contribution: float
    share: float
    explanation: Explanation
    evidence: tuple[Evidence, ...]
    recommendations: tuple[str, ...]
    references: tuple[Reference, ...]


@attrs.frozen
class ReferralReason:
    """One reason to see a doctor.

    Attributes:
        code: a stable machine-readable code (``"chronic_insomnia"``).
        text: the reason in words.
        urgent: the doctor should be seen soon (a red flag such as drowsy driving).
    """

    code: str
    text: str
    urgent: bool = False


@attrs.frozen
class Referral:
    """Whether to see a doctor, and why.

    Attributes:
        recommended: True when at least one reason applies.
        reasons: one reason per rule that fired.
    """

    recommended: bool
    reasons: tuple[ReferralReason, ...] = ()

    @property
    def urgent(self) -> bool:
        """True when any reason is urgent."""
        return any(reason.urgent for reason in self.reasons)


@attrs.frozen
class Advice:
    """A general step; ``upper_limit_mg_per_day`` bounds a supplement suggestion.

    Attributes:
        code: a stable machine-readable code (``"sleep_habits"``).
        text: the advice in words.
        upper_limit_mg_per_day: for a supplement suggestion, the most elemental magnesium
            a day the person may add: the tolerable upper intake less what they already
            take.  None for other advice.
    """

    code: str
    text: str
    upper_limit_mg_per_day: float | None = None


@attrs.frozen
class InsomniaSummary:
    """The sleep complaint itself: pattern by frequency and duration, kinds, severity."""

    pattern: InsomniaPattern
    severity: str | None = None
    isi_total: int | None = None
    complaints: tuple[Complaint, ...] = ()


@attrs.frozen
class Ruleset:
    """Name and version of the catalog that produced an assessment."""

    name: str
    version: str


@attrs.frozen
class Assessment:
    """The result of :func:`~insomnia_factors.assess` for one profile.

    Attributes:
        causes: the factors found to contribute, strongest first (by contribution, then
            factor id); empty when none scored.
        referral: whether to see a doctor, and why.
        caveats: what qualifies the whole result; the first always says that it is not
            a diagnosis.
        missing: unknown inputs that could change the referral or the ranking: first
            those that can decide a reason to see a doctor (urgent ones first, in the
            order of :data:`~insomnia_factors.assessment.REFERRAL_INPUTS`), then the
            others by the most weighted points each could add to a factor's score.
        advice: general steps, then a bounded magnesium supplement suggestion when it is
            safe to make.
        insomnia: the pattern and severity of the sleep complaint.
        ruleset: name and version of the catalog that produced the result.
    """

    causes: tuple[Cause, ...]
    referral: Referral
    caveats: tuple[str, ...]
    missing: tuple[str, ...]
    advice: tuple[Advice, ...]
    insomnia: InsomniaSummary
    ruleset: Ruleset

    @property
    def top(self) -> Cause | None:
        """The highest-ranked cause, if any."""
        return self.causes[0] if self.causes else None

    def cause(self, factor_id: str) -> Cause | None:
        """The cause for ``factor_id``, or None when that factor did not fire."""
        return next((c for c in self.causes if c.factor_id == factor_id), None)

    def to_dict(self) -> dict[str, Any]:
        """The assessment document (JSON-compatible)."""
        from insomnia_factors.serialization import unstructure

        result: dict[str, Any] = unstructure(self)
        return result

    @classmethod
    def from_dict(cls, document: object) -> Assessment:
        """Rebuild an assessment from :meth:`to_dict` output; round-trips exactly."""
        from insomnia_factors.serialization import structure_assessment

        return structure_assessment(document)
