"""The chart of a cohort's results (``assess-batch --plot``): needs the ``plot`` extra."""

from __future__ import annotations

import numpy as np

from insomnia_factors.cli._batch import Summary
from insomnia_factors.errors import BatchError

__all__ = ["plot_summary"]


def plot_summary(summary: Summary, path: str) -> None:
    """Bar charts of how often each factor contributes, and its mean contribution."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    prevalence, mean = summary.prevalence(), summary.mean_contribution()
    order = sorted(range(len(summary.ids)), key=lambda j: (prevalence[j], summary.ids[j]))
    labels = [summary.names[summary.ids[j]] for j in order]
    positions = np.arange(len(order))
    figure, (left, right) = plt.subplots(
        1, 2, figsize=(11, 0.42 * len(order) + 1.8), sharey=True, constrained_layout=True
    )
    bars = left.barh(positions, [100 * prevalence[j] for j in order], color="#4C72B0")
    left.bar_label(bars, fmt="%.0f%%", padding=3, fontsize=8)
    left.set_yticks(positions, labels)
    left.set_xlabel("people in whom the factor contributes (%)")
    left.set_xlim(0, 100 * max(float(prevalence.max(initial=0.0)), 0.01) * 1.18)
    bars = right.barh(positions, [mean[j] for j in order], color="#DD8452")
    right.bar_label(bars, fmt="%.2f", padding=3, fontsize=8)
    right.set_xlabel("mean contribution (weight x score), all assessed")
    right.set_xlim(0, max(float(mean.max(initial=0.0)), 0.01) * 1.2)
    for axis in (left, right):
        axis.spines[["top", "right"]].set_visible(False)
        axis.grid(axis="x", alpha=0.3)
        axis.set_axisbelow(True)
    figure.suptitle(
        f"Plausible contributors to insomnia across {summary.assessed:,} people "
        f"({summary.referrals / max(summary.assessed, 1):.0%} advised to see a doctor)"
    )
    try:
        figure.savefig(path, dpi=120)
    except OSError as exc:
        raise BatchError(f"cannot write {path}: {exc.strerror}") from None
    finally:
        plt.close(figure)
