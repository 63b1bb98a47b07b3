"""Fixtures for the curriculum tests: one real nbgrader course shared by the whole session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from curriculum_harness import Course

from kit.curriculum.serve import launch
from kit.web.voila import free_port


@pytest.fixture(scope="session")
def course(tmp_path_factory) -> Course:
    """A fresh course directory (never the repository's) with nbgrader's API bound to it."""
    root = tmp_path_factory.mktemp("course")
    # nbgrader starts `alembic` as a subprocess: the environment's bin/ must be on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")
    return Course(root)


@pytest.fixture(scope="session")
def lessons_port(tmp_path_factory):
    """Voila serving curriculum/ on a free localhost port, as `kit lessons` starts it; its port."""
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    server = launch(free_port()).start(log)
    try:
        assert server.wait_ready(90), log.read_text()
        yield server.port
    finally:
        server.stop()
