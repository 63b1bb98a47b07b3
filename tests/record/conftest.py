"""A writable copy of the sample country Utopia for the review, validation and audit tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from factories import UTOPIA


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A data folder holding Utopia's 2023 and 2025 rounds (a copy the test may change)."""
    shutil.copytree(UTOPIA, tmp_path / "data" / "utopia")
    return tmp_path / "data"
