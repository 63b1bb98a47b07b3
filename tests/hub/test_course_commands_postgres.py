"""The trainer's `kit course` commands with the gradebook on PostgreSQL: parallel autograde."""

from __future__ import annotations

import json
import shutil

import pytest
from kitcli import course

ASSIGNMENT = "03-border-management"
OFFICIALS = ["amina", "bruno", "chen", "dara"]
#: amina and chen hand in the model answers, bruno and dara the blank release.
MODEL = {"amina", "chen"}


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_kit_course_autograde_in_parallel_on_postgres(tmp_path, postgres):
    """Does `kit course autograde` with two workers write every grade into PostgreSQL?"""
    from nbgrader.api import Gradebook

    folder = tmp_path / "course"
    assert course(["init", str(folder), "--modules", ASSIGNMENT]) == 0
    url = postgres.create_database("kit_course_gradebook")
    with (folder / "nbgrader_config.py").open("a") as handle:
        handle.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
    assert course(["build", ASSIGNMENT, "--dir", str(folder)]) == 0
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    notebook = f"{ASSIGNMENT}.ipynb"
    for name in OFFICIALS:
        chosen = "source" if name in MODEL else "release"
        target = inbox / name
        shutil.copytree(folder / chosen / ASSIGNMENT, target)
        json.loads((target / notebook).read_text())  # a real notebook, not a stub
    assert course(["collect", ASSIGNMENT, "--from", str(inbox), "--dir", str(folder)]) == 0
    code = course(
        [
            "autograde",
            ASSIGNMENT,
            "--workers",
            "2",
            "--isolation",
            "limits",
            "--no-progress",
            "--dir",
            str(folder),
        ]
    )
    assert code == 0
    assert not (folder / "gradebook.db").exists(), "SQLite used instead of PostgreSQL"
    with Gradebook(url) as gradebook:
        assignment = gradebook.find_assignment(ASSIGNMENT)
        nb = assignment.notebooks[0]
        cells = len(nb.grade_cells) + len(nb.task_cells)
        for name in OFFICIALS:
            submission = gradebook.find_submission(ASSIGNMENT, name)
            assert len(submission.notebooks[0].grades) == cells, name
            expected = assignment.max_code_score if name in MODEL else 0
            assert submission.code_score == pytest.approx(expected), name
