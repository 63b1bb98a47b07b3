"""Shared fixtures for the engine tests: the mini framework."""

from __future__ import annotations

import pytest
from factories import FIXTURES

from kit.framework import Framework, load_framework


@pytest.fixture(scope="session")
def mini() -> Framework:
    """The five-item framework of tests/fixtures/frameworks/mini.yaml."""
    return load_framework(FIXTURES / "frameworks" / "mini.yaml")
