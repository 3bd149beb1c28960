"""The benchmark's plain-Python floor must compute what the library computes.

A floor that skipped work would flatter nothing and mislead everyone; this keeps it
honest on the bundled example: same causes, same order, same scores, same missing inputs.
"""

from __future__ import annotations

import importlib.util
from importlib import resources
from pathlib import Path
from types import ModuleType

import pytest

from insomnia_factors import assess, load_profile

FLOOR = Path(__file__).parent.parent / "benchmarks" / "floor.py"


def _floor() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_floor", FLOOR)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not FLOOR.exists(), reason="benchmarks are not in this distribution")
def test_floor_ranks_and_scores_the_example_like_the_library() -> None:
    text = resources.files("insomnia_factors.data").joinpath("example_profile.json").read_text()
    floor = _floor().assess(_floor().parse(text))
    library = assess(load_profile(text))
    assert [c["factor"] for c in floor["causes"]] == [c.factor_id for c in library.causes]
    for ours, theirs in zip(floor["causes"], library.causes, strict=True):
        assert ours["score"] == pytest.approx(theirs.score, abs=1e-12)
        assert ours["share"] == pytest.approx(theirs.share, abs=1e-12)
        assert len(ours["evidence"]) == len([e for e in theirs.evidence if e.points > 0])
    assert tuple(floor["missing"]) == library.missing
    assert [r.split(":")[0] for r in floor["referral"]] == [
        r.code for r in library.referral.reasons
    ]
