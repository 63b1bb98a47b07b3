"""Build course directories and submissions for the course tests from the real assignments."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import nbformat
from curriculum.curriculum_harness import (
    ASSESSMENT,
    SOURCE,
    assignments,
    nbgrader_meta,
    notebook_of,
)

from kit.course.feedback import hidden_blocks

FIXTURES = Path(__file__).resolve().parent / "fixtures"
#: Not a notebook at all: a truncated file, as a crashed laptop might leave it (kept as bytes,
#: not as fixtures/not-json.ipynb, because ruff lints every .ipynb in the tree).
NOT_JSON = b'{"cells": [{"cell_type": "code", "source": "x = '
TIMESTAMP = "2025-01-06 09:00:00.000000 UTC\n"


def ready_assignments() -> list[str]:
    """Assignments whose source folder already holds a notebook (authors are still adding them)."""
    return [a for a in assignments() if any((ASSESSMENT / "source" / a).glob("*.ipynb"))]


def new_course(root: Path, names: list[str] | None = None) -> Path:
    """A course directory in ``root`` holding the given assignments (default: all) built."""
    from kit.course.api import check, open_api

    shutil.copy(ASSESSMENT / "nbgrader_config.py", root / "nbgrader_config.py")
    for name in names or ready_assignments():
        shutil.copytree(ASSESSMENT / "source" / name, root / "source" / name)
    api = open_api(root)
    for name in names or ready_assignments():
        check(api.generate_assignment(name), f"generate_assignment {name}")
    return root


def release_nb(root: Path, name: str):
    return nbformat.read(root / "release" / name / f"{name}.ipynb", as_version=4)


def answer_cells(nb) -> list:
    return [c for c in nb.cells if nbgrader_meta(c).get("solution")]


def with_solutions(root: Path, name: str, share: float = 1.0):
    """The release with the first ``share`` of its answer cells holding the author's solutions."""
    nb = release_nb(root, name)
    source = {
        nbgrader_meta(c).get("grade_id"): c.source
        for c in nbformat.read(notebook_of(name), as_version=4).cells
    }
    cells = answer_cells(nb)
    for cell in cells[: round(share * len(cells))]:
        cell.source = source[nbgrader_meta(cell)["grade_id"]]
    return nb


def broken(root: Path, name: str):
    """A notebook whose first answer cell does not even parse."""
    nb = with_solutions(root, name, 0.5)
    answer_cells(nb)[0].source = "net = (1 +"
    return nb


def hostile(root: Path, name: str, fixture: str, other: str = ""):
    """The release changed as the fixture notebook ``<fixture>.ipynb`` says."""
    spec = nbformat.read(FIXTURES / f"{fixture}.ipynb", as_version=4)
    action = spec.metadata["kit_fixture"]["action"]
    nb = with_solutions(root, name, 0.5)
    fill = {
        "{course}": str(root),
        "{other}": str(root / "submitted" / other / name),
        "{notebook}": f"{name}.ipynb",
    }
    cells = []
    for cell in spec.cells:
        for key, value in fill.items():
            cell.source = cell.source.replace(key, value)
        cells.append(cell)
    if action == "insert":
        first = nb.cells.index(answer_cells(nb)[0])
        nb.cells[first:first] = cells
    elif action == "replace-locked":
        locked = [
            c
            for c in nb.cells
            if nbgrader_meta(c).get("locked")
            and nbgrader_meta(c).get("grade")
            and c.cell_type == "code"
        ]
        # Edit the first locked test cell, delete every other one.
        locked[0].source = cells[0].source
        nb.cells = [c for c in nb.cells if c not in locked[1:]]
    return nb


def submit(root: Path, name: str, student: str, nb=None, raw: bytes | None = None) -> None:
    """Put a submission in submitted/<student>/<name>/ with the release's data files."""
    folder = root / "submitted" / student / name
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(root / "release" / name, folder)
    target = folder / f"{name}.ipynb"
    if raw is not None:
        target.write_bytes(raw)
    else:
        nbformat.write(nb, target)
    (folder / "timestamp.txt").write_text(TIMESTAMP)


def gradebook_rows(db: Path) -> dict[str, list[tuple]]:
    """Everything a grading run writes, keyed by names instead of nbgrader's random row ids."""
    con = sqlite3.connect(db)
    try:
        q = con.execute
        return {
            "students": sorted(q("SELECT id, first_name, last_name, email FROM student")),
            "submissions": sorted(
                q(
                    "SELECT a.name, s.student_id, s.timestamp, s.extension "
                    "FROM submitted_assignment s JOIN assignment a ON a.id = s.assignment_id"
                )
            ),
            "notebooks": sorted(
                q(
                    "SELECT a.name, s.student_id, n.name, sn.flagged, sn.late_submission_penalty "
                    "FROM submitted_notebook sn JOIN submitted_assignment s "
                    "ON s.id = sn.assignment_id JOIN assignment a ON a.id = s.assignment_id "
                    "JOIN notebook n ON n.id = sn.notebook_id"
                )
            ),
            "grades": sorted(
                q(
                    "SELECT a.name, s.student_id, c.name, g.auto_score, g.manual_score, "
                    "g.extra_credit, g.needs_manual_grade FROM grade g "
                    "JOIN submitted_notebook sn ON sn.id = g.notebook_id "
                    "JOIN submitted_assignment s ON s.id = sn.assignment_id "
                    "JOIN assignment a ON a.id = s.assignment_id "
                    "JOIN base_cell c ON c.id = g.cell_id"
                ),
                key=repr,
            ),
            "comments": sorted(
                q(
                    "SELECT a.name, s.student_id, c.name, m.auto_comment, m.manual_comment "
                    "FROM comment m JOIN submitted_notebook sn ON sn.id = m.notebook_id "
                    "JOIN submitted_assignment s ON s.id = sn.assignment_id "
                    "JOIN assignment a ON a.id = s.assignment_id "
                    "JOIN base_cell c ON c.id = m.cell_id"
                ),
                key=repr,
            ),
        }
    finally:
        con.close()


def hidden_test_lines(assignment: str) -> list[str]:
    """The hidden-test lines of an assignment's source notebook (long enough to be telling)."""
    source = nbformat.read(SOURCE / assignment / f"{assignment}.ipynb", as_version=4)
    return [
        line
        for cell in source.cells
        for line in hidden_blocks(cell.source, "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")[1]
        if len(line) > 12
    ]


def stock_autograde(root: Path, assignment: str, students: list[str]) -> None:
    """Grade with unmodified nbgrader, one student after the other (the reference in tests)."""
    from kit.course.api import check, open_api

    api = open_api(root)
    for student in students:
        check(api.autograde(assignment, student), f"autograde {assignment} {student}")
