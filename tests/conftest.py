"""Shared test configuration: hypothesis settings profiles.

``default`` keeps local runs quick; ``ci`` (selected with ``HYPOTHESIS_PROFILE=ci`` in
``.ci/run``) runs each property on at least 1 000 examples.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=1000,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
