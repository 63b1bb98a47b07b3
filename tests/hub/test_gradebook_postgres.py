"""The gradebook on a real PostgreSQL server: nbgrader by URL, concurrent graders, no lost grade."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from repo import ROOT

ASSIGNMENT = "03-border-management"
BIN = str(Path(sys.executable).parent)
STUDENTS = [f"official{n}" for n in range(1, 5)]
#: Officials 1 and 3 hand in the model answers; 2 and 4 the blank release.
MODEL = {name for name in STUDENTS if int(name[-1]) % 2}


def nbgrader(course: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PATH=f"{BIN}:{os.environ['PATH']}")
    return subprocess.run(
        [f"{BIN}/nbgrader", *args], cwd=course, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def course(tmp_path_factory, postgres):
    """A copy of the course whose gradebook is a database on the test's PostgreSQL server."""
    folder = tmp_path_factory.mktemp("pg-course")
    shutil.copy2(ROOT / "assessment" / "nbgrader_config.py", folder)
    shutil.copytree(ROOT / "assessment" / "source" / ASSIGNMENT, folder / "source" / ASSIGNMENT)
    url = postgres.create_database("gradebook_concurrent")
    with (folder / "nbgrader_config.py").open("a") as handle:
        handle.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
    done = nbgrader(folder, "generate_assignment", ASSIGNMENT, "--force")
    assert done.returncode == 0, done.stderr[-2000:]
    notebook = f"{ASSIGNMENT}.ipynb"
    for name in STUDENTS:
        target = folder / "submitted" / name / ASSIGNMENT
        shutil.copytree(folder / "release" / ASSIGNMENT, target)
        if name in MODEL:
            shutil.copy2(folder / "source" / ASSIGNMENT / notebook, target / notebook)
    return folder, url


def test_generate_wrote_the_assignment_into_postgres(course):
    """Did generate_assignment store the assignment and its graded cells in PostgreSQL?"""
    from nbgrader.api import Gradebook

    _, url = course
    with Gradebook(url) as gradebook:
        assignment = gradebook.find_assignment(ASSIGNMENT)
        assert assignment.max_score > 0
        assert len(assignment.notebooks[0].grade_cells) >= 6
    assert not (course[0] / "gradebook.db").exists(), "SQLite used instead of PostgreSQL"


def test_concurrent_autograde_loses_no_grade(course):
    """Do four graders writing at once leave every official with every grade, rightly scored?"""
    from nbgrader.api import Gradebook

    folder, url = course
    # One grader process per official, all at once: four writers on one gradebook.

    def grade(name: str) -> subprocess.CompletedProcess[str]:
        return nbgrader(folder, "autograde", ASSIGNMENT, "--student", name)

    with ThreadPoolExecutor(len(STUDENTS)) as pool:
        results = list(pool.map(grade, STUDENTS))
    for run in results:
        assert run.returncode == 0, run.stderr[-2000:]
    with Gradebook(url) as gradebook:
        assignment = gradebook.find_assignment(ASSIGNMENT)
        notebook = assignment.notebooks[0]
        cells = len(notebook.grade_cells) + len(notebook.task_cells)
        maximum = assignment.max_code_score
        assert {s.id for s in gradebook.students} == set(STUDENTS)
        for name in STUDENTS:
            submission = gradebook.find_submission(ASSIGNMENT, name)
            grades = submission.notebooks[0].grades
            assert len(grades) == cells, f"{name}: {len(grades)} grades of {cells}"
            expected = maximum if name in MODEL else 0
            assert submission.code_score == pytest.approx(expected), name


def test_a_bad_database_url_is_refused_clearly(tmp_path, postgres):
    """Does a wrong password in the gradebook URL stop nbgrader with a readable reason?"""
    folder = tmp_path / "course"
    shutil.copytree(ROOT / "assessment" / "source" / ASSIGNMENT, folder / "source" / ASSIGNMENT)
    shutil.copy2(ROOT / "assessment" / "nbgrader_config.py", folder)
    wrong = postgres.url("postgres").replace(postgres.password, "not-the-password")
    with (folder / "nbgrader_config.py").open("a") as handle:
        handle.write(f"\nc.CourseDirectory.db_url = {wrong!r}\n")
    done = nbgrader(folder, "generate_assignment", ASSIGNMENT)
    assert done.returncode != 0
    assert "password authentication failed" in done.stderr + done.stdout
