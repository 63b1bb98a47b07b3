"""Fixtures for the course tests: nbgrader on PATH, third-party warnings filtered, and one
course graded through an exchange for the whole session."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
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


@dataclass
class ExchangeCourse:
    """A course graded after a day through an exchange and a USB stick (see ``graded_course``)."""

    root: Path
    exchange: Path
    assignment: str
    course_id: str
    homes: dict[str, Path]  # the officials who used the exchange: their home folders
    fetched: dict[str, Path]  # their fetched assignment folders
    shares: dict[str, float]  # each official's share of answers filled in


COURSE_ID = "border-2026"
#: Two officials use the exchange, three hand in on a USB stick: a folder holding the assignment
#: folder, a folder holding its files, and a bare notebook.
SHARES = {"amina": 1.0, "bruno": 0.75, "chen": 0.5, "dara": 0.25, "emeka": 0.0}
NAMES = {
    "amina": "Amina Diallo",
    "bruno": "Bruno Ferreira",
    "chen": "Chen Wei",
    "dara": "Dara Okafor",
    "emeka": "Emeka Obi",
}


@pytest.fixture(scope="session")
def graded_course(tmp_path_factory, alembic_on_path) -> ExchangeCourse:
    """A course made by `kit course init --exchange`, released, fetched and submitted by two
    officials through nbgrader's exchange, collected from it and from a USB folder, graded.

    Shared by the exchange and dashboard tests: grading is the slow part of a course test.
    """
    import nbformat
    from course_factories import ready_assignments, with_solutions
    from kitcli import course as run
    from officials import fetch, official_config, submit

    names = ready_assignments()
    if not names:
        pytest.skip("no assignment yet")
    # The smallest graded set keeps the session short; any one assignment would do.
    name = "03-border-management" if "03-border-management" in names else names[0]
    base = tmp_path_factory.mktemp("exchange-day")
    root, exchange = base / "course", base / "exchange"
    assert run(["init", str(root), "--modules", name, "--exchange", str(exchange),
                "--course-id", COURSE_ID]) == 0  # fmt: skip
    assert run(["build", "--dir", str(root)]) == 0
    assert run(["release", name, "--dir", str(root)]) == 0
    homes, fetched = {}, {}
    for student in ("amina", "bruno"):
        homes[student] = base / "home" / student
        config = official_config(exchange, COURSE_ID, student, homes[student])
        fetched[student] = fetch(config, name)
        nbformat.write(
            with_solutions(root, name, SHARES[student]), fetched[student] / f"{name}.ipynb"
        )
        submit(config, name)
    assert run(["collect", name, "--dir", str(root)]) == 0
    usb = base / "usb"
    (usb / "chen" / name).mkdir(parents=True)
    nbformat.write(
        with_solutions(root, name, SHARES["chen"]), usb / "chen" / name / f"{name}.ipynb"
    )
    (usb / "dara").mkdir()
    nbformat.write(with_solutions(root, name, SHARES["dara"]), usb / "dara" / f"{name}.ipynb")
    nbformat.write(with_solutions(root, name, SHARES["emeka"]), usb / "emeka.ipynb")
    assert run(["collect", name, "--from", str(usb), "--dir", str(root)]) == 0
    assert run(["autograde", name, "--workers", "2", "--no-progress",
                "--dir", str(root)]) == 0  # fmt: skip
    roster = "student,name,cadre\n" + "".join(f"{s},{n},border-guards\n" for s, n in NAMES.items())
    (root / "roster.csv").write_text(roster, encoding="utf-8")
    return ExchangeCourse(root, exchange, name, COURSE_ID, homes, fetched, dict(SHARES))
