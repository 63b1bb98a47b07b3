"""Fixtures for the course tests: nbgrader on PATH, the known third-party warnings filtered."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from curriculum.curriculum_harness import THIRD_PARTY_WARNINGS


def pytest_collection_modifyitems(items):
    # The same third-party noise the curriculum harness filters, and nothing more.
    here = Path(__file__).resolve().parent
    for item in items:
        if Path(str(item.fspath)).resolve().is_relative_to(here):
            for rule in THIRD_PARTY_WARNINGS:
                item.add_marker(pytest.mark.filterwarnings(rule))


@pytest.fixture(scope="session", autouse=True)
def alembic_on_path():
    """nbgrader starts `alembic` as a subprocess: the environment's bin/ must be on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
