"""Fixtures of the dashboard tests: a writable copy of Utopia's sample answers, and Voila."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from repo import SAMPLE

from kit.framework import load_framework


@pytest.fixture(scope="session")
def framework():
    return load_framework("gcim-2005")


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    """The committed sample data folder (read only: tests write to a copy)."""
    return SAMPLE


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh copy of the sample data folder (Utopia, rounds 2023 and 2025, four ministries)."""
    target = tmp_path / "data"
    shutil.copytree(SAMPLE, target)
    return target
