"""Shared by every test: the markers by folder, the repository's root, the mini framework, and
(from tests/browser.py) the one offline Chromium of every browser test.

Markers (registered in pyproject.toml) say what a test needs, so a contributor can run the
engine alone in seconds: ``pytest -m "not browser and not hub and not grading"``.

- ``browser``: drives Debian's Chromium (files named ``*browser*.py``);
- ``hub``: root, system accounts, JupyterHub, PostgreSQL (``tests/hub/``);
- ``grading``: Jupyter kernels: nbgrader grading, lessons and report notebooks executed
  (``tests/course/``, the curriculum's assignment and lesson tests), or marked by hand;
- ``slow``: takes minutes on its own (the wheel test), marked by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from factories import FIXTURES
from repo import ROOT, TESTS

from kit.framework import Framework, load_framework

#: The browser fixtures (chromium, offline, context) for every test folder.
pytest_plugins = ["browser"]

#: Test files (relative to tests/) whose tests all run Jupyter kernels.
GRADING_FILES = {
    "curriculum/test_assignments.py",
    "curriculum/test_lessons.py",
}
#: Single tests elsewhere that execute a notebook.
GRADING_TESTS = {
    "test_batch.py::test_papermill_notebook_writes_the_same_report",
}


def pytest_collection_modifyitems(items):
    """Mark each test by where it lives (explicit marks in a file add to these)."""
    for item in items:
        relative = Path(str(item.fspath)).resolve().relative_to(TESTS).as_posix()
        if relative.startswith("hub/"):
            item.add_marker(pytest.mark.hub)
        if "browser" in Path(relative).name:
            item.add_marker(pytest.mark.browser)
        test = f"{relative}::{item.originalname}"
        if relative.startswith("course/") or relative in GRADING_FILES or test in GRADING_TESTS:
            item.add_marker(pytest.mark.grading)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root folder (for tests that check committed files)."""
    return ROOT


@pytest.fixture(scope="session")
def mini() -> Framework:
    """The five-item framework of tests/fixtures/frameworks/mini.yaml."""
    return load_framework(FIXTURES / "frameworks" / "mini.yaml")
