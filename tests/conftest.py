"""Shared fixtures: the mini framework of the engine tests, and (from tests/browser.py) the one
offline Chromium of every browser test."""

from __future__ import annotations

import pytest
from factories import FIXTURES

from kit.framework import Framework, load_framework

#: The browser fixtures (chromium, offline, context) for every test folder.
pytest_plugins = ["browser"]


@pytest.fixture(scope="session")
def mini() -> Framework:
    """The five-item framework of tests/fixtures/frameworks/mini.yaml."""
    return load_framework(FIXTURES / "frameworks" / "mini.yaml")
