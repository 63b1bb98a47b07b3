"""Copy one student's graded submission from a worker's gradebook into the course gradebook."""

from __future__ import annotations

import sqlite3
from pathlib import Path

# nbgrader's tables for one submission, parents first. Row ids are UUIDs made by nbgrader, so rows
# from a worker never collide with rows already in the course gradebook.
_SUBMISSION_TABLES = ("submitted_assignment", "submitted_notebook", "grade", "comment")


def _columns(con: sqlite3.Connection, table: str) -> str:
    names = [row[1] for row in con.execute(f"PRAGMA main.table_info({table})")]
    return ", ".join(f'"{n}"' for n in names)


def merge_submission(main_db: Path, worker_db: Path, assignment: str, student: str) -> None:
    """Replace the submission of ``student`` in ``main_db`` by the worker's, in one transaction."""
    con = sqlite3.connect(main_db, timeout=120, isolation_level=None)
    try:
        con.execute("ATTACH DATABASE ? AS w", (str(worker_db),))
        con.execute("BEGIN IMMEDIATE")
        try:
            _merge(con, assignment, student)
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        con.execute("DETACH DATABASE w")
    finally:
        con.close()


def _submission_ids(con: sqlite3.Connection, schema: str, assignment: str, student: str):
    return [
        row[0]
        for row in con.execute(
            f"SELECT s.id FROM {schema}.submitted_assignment s "
            f"JOIN {schema}.assignment a ON a.id = s.assignment_id "
            "WHERE a.name = ? AND s.student_id = ?",
            (assignment, student),
        )
    ]


def _merge(con: sqlite3.Connection, assignment: str, student: str) -> None:
    cols = {table: _columns(con, table) for table in ("student", *_SUBMISSION_TABLES)}
    con.execute(
        f"INSERT OR REPLACE INTO main.student ({cols['student']}) "
        f"SELECT {cols['student']} FROM w.student WHERE id = ?",
        (student,),
    )
    for old in _submission_ids(con, "main", assignment, student):
        notebooks = "SELECT id FROM main.submitted_notebook WHERE assignment_id = ?"
        con.execute(f"DELETE FROM main.comment WHERE notebook_id IN ({notebooks})", (old,))
        con.execute(f"DELETE FROM main.grade WHERE notebook_id IN ({notebooks})", (old,))
        con.execute("DELETE FROM main.submitted_notebook WHERE assignment_id = ?", (old,))
        con.execute("DELETE FROM main.submitted_assignment WHERE id = ?", (old,))
    for new in _submission_ids(con, "w", assignment, student):
        notebooks = "SELECT id FROM w.submitted_notebook WHERE assignment_id = ?"
        where = {
            "submitted_assignment": ("id = ?", new),
            "submitted_notebook": ("assignment_id = ?", new),
            "grade": (f"notebook_id IN ({notebooks})", new),
            "comment": (f"notebook_id IN ({notebooks})", new),
        }
        for table in _SUBMISSION_TABLES:
            clause, value = where[table]
            con.execute(
                f"INSERT INTO main.{table} ({cols[table]}) "
                f"SELECT {cols[table]} FROM w.{table} WHERE {clause}",
                (value,),
            )
