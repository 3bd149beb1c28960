"""Render an assessment for people: plain text for terminals, Markdown for pages."""

from __future__ import annotations

from insomnia_factors.models.assessment import Assessment, Complaint

__all__ = ["to_markdown", "to_text"]


_COMPLAINT_WORDS = {
    Complaint.SLEEP_ONSET: "slow to fall asleep",
    Complaint.SLEEP_MAINTENANCE: "long awake during the night",
    Complaint.EARLY_WAKING: "wakes too early",
    Complaint.SHORT_SLEEP: "sleeps under 7 hours",
}


def _header(assessment: Assessment) -> list[str]:
    insomnia = assessment.insomnia
    line = f"Insomnia pattern: {insomnia.pattern.value.replace('_', '-')}"
    if insomnia.severity is not None:
        line += f"; ISI {insomnia.isi_total} ({insomnia.severity})"
    if insomnia.complaints:
        kinds = ", ".join(_COMPLAINT_WORDS[c] for c in insomnia.complaints)
        line += f"\nComplaints: {kinds}"
    return [line]


def to_text(assessment: Assessment) -> str:
    """A compact report for a terminal."""
    lines = [*_header(assessment), ""]
    if assessment.causes:
        lines.append("Plausible contributors, strongest first:")
        for rank, cause in enumerate(assessment.causes, 1):
            lines.append(
                f"{rank:>2}. {cause.name:<36} share {cause.share:>4.0%}  "
                f"(score {cause.score:.2f} x weight {cause.weight:g})"
            )
            lines += [f"      - {e.statement}" for e in cause.evidence if e.points > 0]
    else:
        lines.append("No listed factor was found.")
    referral = assessment.referral
    lines += [
        "",
        "See a doctor: "
        + (
            "yes" + (" (soon)" if referral.urgent else "")
            if referral.recommended
            else "not indicated by these rules"
        ),
    ]
    lines += [f"  - {reason.text}" for reason in referral.reasons]
    if assessment.missing:
        lines += [
            "",
            "Unknown inputs that could change the referral or the ranking: "
            + ", ".join(assessment.missing),
        ]
    lines += ["", "Caveats:"] + [f"  - {c}" for c in assessment.caveats]
    lines += ["", "Advice:"] + [f"  - {a.text}" for a in assessment.advice]
    lines += ["", f"Rules: {assessment.ruleset.name} {assessment.ruleset.version}"]
    return "\n".join(lines)


def to_markdown(assessment: Assessment) -> str:
    """A report in Markdown: one section per cause, with its card detail."""
    lines = ["# Insomnia factors", "", *_header(assessment), ""]
    if assessment.causes:
        lines += ["| # | Factor | Share | Score | Weight |", "|---|---|---|---|---|"]
        lines += [
            f"| {i} | {c.name} | {c.share:.0%} | {c.score:.2f} | {c.weight:g} |"
            for i, c in enumerate(assessment.causes, 1)
        ]
        for cause in assessment.causes:
            lines += [
                "",
                f"## {cause.name} ({cause.explanation.indicator.value})",
                "",
                cause.explanation.detail,
                "",
            ]
            lines += [f"- *Try:* {r}" for r in cause.recommendations]
    referral = assessment.referral
    lines += ["", "## Seeing a doctor", ""]
    lines += [f"- {r.text}" for r in referral.reasons] or ["- Not indicated by these rules."]
    if assessment.missing:
        lines += ["", "## Unknown inputs", "", ", ".join(f"`{m}`" for m in assessment.missing)]
    lines += ["", "## Caveats", ""] + [f"- {c}" for c in assessment.caveats]
    lines += ["", "## Advice", ""] + [f"- {a.text}" for a in assessment.advice]
    lines += ["", f"_Rules: {assessment.ruleset.name} {assessment.ruleset.version}_"]
    return "\n".join(lines) + "\n"
