"""The gradebook merge of parallel grading, and gradebook URLs, on real nbgrader gradebooks."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from kit.course.api import sqlite_path
from kit.course.grading.merge import merge_submission
from kit.errors import KitError


def url(path: Path) -> str:
    return f"sqlite:///{path}"


def graded(db: Path, student: str, scores: dict[str, float]) -> None:
    """Record ``student``'s submission of a1 with these autograded scores, as autograde does."""
    with Gradebook(url(db)) as gb:
        gb.update_or_create_student(student)
        submission = gb.update_or_create_submission("a1", student)
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                grade.auto_score = scores[grade.name]
        gb.db.commit()


def course_gradebook(db: Path) -> None:
    """A gradebook with assignment a1 (q1: 2 points, q2: 1 point) and bruno graded 1 + 0."""
    with Gradebook(url(db)) as gb:
        gb.add_assignment("a1")
        gb.add_notebook("a1", "a1")
        gb.add_grade_cell("q1", "a1", "a1", max_score=2, cell_type="code")
        gb.add_grade_cell("q2", "a1", "a1", max_score=1, cell_type="code")
    graded(db, "bruno", {"q1": 1, "q2": 0})


def scores(db: Path) -> dict[str, float]:
    with Gradebook(url(db)) as gb:
        return {s.student.id: s.score for s in gb.find_assignment("a1").submissions}


def rows(db: Path, table: str) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


@pytest.fixture
def books(tmp_path):
    """The course gradebook and a worker's copy of it taken before grading, as parallel
    grading makes them."""
    main, worker = tmp_path / "gradebook.db", tmp_path / "worker.db"
    course_gradebook(main)
    shutil.copyfile(main, worker)
    return main, worker


def test_a_workers_submission_lands_in_the_course_gradebook(books):
    """Does merging copy the worker's graded submission (student, grades) into the course
    gradebook, leaving the other officials' submissions as they were?"""
    main, worker = books
    graded(worker, "amina", {"q1": 2, "q2": 1})
    merge_submission(main, worker, "a1", "amina")
    assert scores(main) == {"bruno": 1.0, "amina": 3.0}


def test_a_regraded_submission_replaces_the_old_one(books):
    """Merging a student twice (graded again in between): one submission, the new scores,
    and no grade rows left over from the first?"""
    main, worker = books
    graded(worker, "amina", {"q1": 2, "q2": 1})
    merge_submission(main, worker, "a1", "amina")
    before = rows(main, "grade")
    again = worker.with_name("worker2.db")
    shutil.copyfile(main, again)
    graded(again, "amina", {"q1": 0, "q2": 1})
    merge_submission(main, again, "a1", "amina")
    assert scores(main) == {"bruno": 1.0, "amina": 1.0}
    assert rows(main, "grade") == before
    assert rows(main, "submitted_assignment") == 2


def test_a_failed_merge_changes_nothing(books, tmp_path):
    """When the worker's file is not a gradebook, does the merge fail and leave the course
    gradebook exactly as it was (one transaction)?"""
    main, _ = books
    bogus = tmp_path / "not-a-gradebook.db"
    sqlite3.connect(bogus).close()
    before = main.read_bytes()
    with pytest.raises(sqlite3.Error):
        merge_submission(main, bogus, "a1", "amina")
    assert scores(main) == {"bruno": 1.0}
    assert main.read_bytes() == before


@pytest.mark.parametrize(
    ("given", "path"),
    [
        ("sqlite:////srv/course/gradebook.db", Path("/srv/course/gradebook.db")),
        ("sqlite:///gradebook.db", Path("gradebook.db")),
        # Options after "?" are not part of the file name (string slicing kept them).
        ("sqlite:////srv/course/gradebook.db?timeout=30", Path("/srv/course/gradebook.db")),
        ("postgresql+psycopg://kit:secret@127.0.0.1/gradebook", None),
        ("sqlite://", None),  # in memory: no file
    ],
)
def test_sqlite_urls_are_read_by_sqlalchemy(given, path):
    """Is the gradebook's file taken from a SQLite URL as SQLAlchemy reads it, and None for a
    server database?"""
    assert sqlite_path(given) == path


def test_a_url_that_is_not_one_is_named():
    """Is a db_url that is no URL at all refused in one line naming it?"""
    with pytest.raises(KitError, match="'gradebook.db': not a database URL"):
        sqlite_path("gradebook.db")
