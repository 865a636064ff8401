"""Shared fixtures and the hypothesis profile; the oracles live in oracles.py."""

from __future__ import annotations

import contextlib
import os
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# When a property fails, hypothesis imports its patch writer (libcst), which imports
# mypy_extensions.TypedDict and warns. With warnings as errors that turns the failure report
# into an INTERNALERROR that hides the falsifying example; import it here, quietly, once.
with warnings.catch_warnings(), contextlib.suppress(ImportError):
    warnings.simplefilter("ignore", DeprecationWarning)
    import hypothesis.extra._patching  # noqa: F401

settings.register_profile(
    "pathsum", max_examples=100, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# CI explores the same examples on every run, so a landing is never decided by a new
# random draw; a developer's run explores afresh and keeps what it finds in .hypothesis/.
settings.register_profile("ci", parent=settings.get_profile("pathsum"), derandomize=True,
                          database=None, print_blob=True)
# The quick loop (a plain `pytest`, slow tests skipped) draws fewer examples, so that it
# stays under a minute; --run-slow and CI explore each property in full.
settings.register_profile("quick", parent=settings.get_profile("pathsum"), max_examples=25)
settings.load_profile("ci" if os.environ.get("CI") else "pathsum")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--run-slow", action="store_true",
                     help="also run the tests marked slow (the README's test command and CI do)")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--run-slow") and not os.environ.get("CI"):
        settings.load_profile("quick")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A plain `pytest` is the quick loop (under a minute); --run-slow runs everything.
    if config.getoption("--run-slow"):
        return
    skip = pytest.mark.skip(reason="slow: pytest --run-slow runs it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def write(tmp_path: Path):
    """Write a YAML text to a file in tmp_path and return its path as a string."""

    def _write(text: str, name: str = "g.yaml") -> str:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return str(path)

    return _write
