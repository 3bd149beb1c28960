"""The documentation's code: the property-testing example runs, and its snippets work."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis.strategies import SearchStrategy

from insomnia_factors import Profile

ROOT = Path(__file__).parent.parent
PAGE = ROOT / "docs" / "property-testing.md"


def _python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", PAGE.read_text("utf-8"), flags=re.DOTALL)


def test_the_page_example_is_the_test_module_that_runs_it() -> None:
    assert _python_blocks()[0] == (ROOT / "tests" / "test_docs_example.py").read_text("utf-8")


def test_the_page_settings_are_those_of_the_suite() -> None:
    conftest = (ROOT / "tests" / "conftest.py").read_text("utf-8")
    settings = next(block for block in _python_blocks() if "register_profile" in block)
    assert settings in conftest


def _snippet(index: int) -> dict[str, SearchStrategy[Any]]:
    namespace: dict[str, Any] = {}
    exec(_python_blocks()[index], namespace)
    return {name: v for name, v in namespace.items() if isinstance(v, SearchStrategy)}


def _draw_some(strategy: SearchStrategy[Any], check: Any = None) -> None:
    @settings(max_examples=10, database=None)
    @given(strategy)
    def run(drawn: object) -> None:
        if check is not None:
            check(drawn)

    run()


@pytest.mark.parametrize("index", [1, 2, 3])
def test_the_page_snippets_draw(index: int) -> None:
    strategies = _snippet(index)
    assert strategies
    for strategy in strategies.values():
        _draw_some(strategy)


def test_the_page_snippets_draw_what_they_say() -> None:
    def adult(profile: Profile) -> None:
        assert profile.age is not None
        assert profile.age >= 18

    def non_smoker(profile: Profile) -> None:
        assert profile.lifestyle.smoker is False

    def magnesium_only(profile: Profile) -> None:
        assert profile.age is None
        assert profile.lifestyle.caffeine is None

    _draw_some(_snippet(1)["adults"], adult)
    _draw_some(_snippet(1)["non_smokers"], non_smoker)
    _draw_some(_snippet(3)["magnesium_only"], magnesium_only)
