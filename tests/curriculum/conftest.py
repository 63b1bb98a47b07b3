"""Fixtures for the curriculum tests: one real nbgrader course shared by the whole session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from curriculum_harness import Course


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Course:
    """A fresh course directory (never the repository's) with nbgrader's API bound to it."""
    root = tmp_path_factory.mktemp("course")
    # nbgrader starts `alembic` as a subprocess: the environment's bin/ must be on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    return Course(root)
