"""`kit course collect --files`: the course pack's downloaded notebooks, matched, graded."""

from __future__ import annotations

import json

import nbformat
import pytest
from course_factories import new_course, ready_assignments, with_solutions
from kitcli import course as run

from kit.pack.release import hand_in_cells

ASSIGNMENT = "03-border-management"
ROSTER = "student,name\namina,Amina Diallo\nbruno,Bruno Ferreira\nchen,Chen Wei\n"

pytestmark = pytest.mark.grading


def download(nb, assignment: str, official: str) -> str:
    """The notebook as the pack's Download submission button saves it (kit.teaching)."""
    nb = nbformat.from_dict(json.loads(nbformat.writes(nb)))
    nb.cells.extend(nbformat.from_dict(cell) for cell in hand_in_cells(assignment))
    nb.metadata["kit"] = {"assignment": assignment, "official": official}
    return nbformat.writes(nb)


def hand_ins(root, usb) -> dict[str, str]:
    """Two good files and one of each bad kind in ``usb``; file name -> what it is."""
    usb.mkdir()
    good = with_solutions(root, ASSIGNMENT)
    other = "01-policy-formulation"
    made = {
        # Good: full marks; and half the answers, the name typed without capitals.
        f"{ASSIGNMENT} - Amina Diallo.ipynb": (good, ASSIGNMENT, "Amina Diallo", "amina"),
        f"{ASSIGNMENT} - Chen Wei (1).ipynb": (
            with_solutions(root, ASSIGNMENT, 0.5),
            ASSIGNMENT,
            "  chen   WEI ",
            "chen",
        ),
        f"{other} - Chen Wei.ipynb": (good, other, "Chen Wei", "wrong assignment"),
        "who.ipynb": (good, ASSIGNMENT, "Zoe Nobody", "unknown official"),
        "b1.ipynb": (good, ASSIGNMENT, "Bruno Ferreira", "duplicate"),
        "b2.ipynb": (good, ASSIGNMENT, "BRUNO  FERREIRA", "duplicate"),
        # Claims to be this assignment, but its cells are not the assignment's (a lesson, say).
        "lesson.ipynb": (
            nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")]),
            ASSIGNMENT,
            "Chen Wei",
            "not nbgrader",
        ),
    }
    for filename, (nb, assignment, official, _what) in made.items():
        (usb / filename).write_text(download(nb, assignment, official), encoding="utf-8")
    (usb / "damaged.ipynb").write_bytes(b'{"cells": [{"cell_ty')
    (usb / "scan.pdf").write_bytes(b"%PDF-1.4")
    kinds = {name: what for name, (*_, what) in made.items()}
    return {**kinds, "damaged.ipynb": "damaged", "scan.pdf": "not a notebook"}


@pytest.fixture
def course(tmp_path):
    if ASSIGNMENT not in ready_assignments():
        pytest.skip(f"{ASSIGNMENT} not written yet")
    (tmp_path / "course").mkdir()
    root = new_course(tmp_path / "course", [ASSIGNMENT])
    (root / "roster.csv").write_text(ROSTER, encoding="utf-8")
    return root


def test_good_files_are_graded_and_each_bad_file_is_refused(course, tmp_path, capsys):
    """Are the good files filed under their roster ids and graded with the right scores, and
    every bad file refused on one line naming it, with exit code 2?"""
    from nbgrader.api import Gradebook

    root, usb = course, tmp_path / "usb"
    kinds = hand_ins(root, usb)
    code = run(["collect", ASSIGNMENT, "--files", usb, "--workers", "2", "--no-progress",
                "--dir", root])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert sorted(p.name for p in (root / "submitted").iterdir()) == ["amina", "chen"]
    for student in ("amina", "chen"):
        folder = root / "submitted" / student / ASSIGNMENT
        assert (folder / f"{ASSIGNMENT}.ipynb").is_file() and (folder / "timestamp.txt").is_file()
    refused = [line for line in err.splitlines() if line.startswith("kit: refused ")]
    for name, kind in kinds.items():
        lines = [line for line in refused if f"{usb / name}:" in line]
        assert len(lines) == (0 if kind in ("amina", "chen") else 1), (name, err)
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        amina = gb.find_submission(ASSIGNMENT, "amina")
        chen = gb.find_submission(ASSIGNMENT, "chen")
        assert amina.max_code_score > 0
        assert amina.code_score == amina.max_code_score
        assert 0 <= chen.code_score < amina.code_score
        # The written answer waits for the trainer.
        assert amina.needs_manual_grade
        assert {s.student.id for s in gb.find_assignment(ASSIGNMENT).submissions} == {
            "amina",
            "chen",
        }


def test_each_kind_of_bad_file_has_its_own_reason(course, tmp_path):
    """Does each kind of bad file get the reason that fits it, with nothing written?"""
    from kit.course.handin import examine_folder

    root, usb = course, tmp_path / "usb"
    kinds = hand_ins(root, usb)
    reasons = {i.path.name: i.reason for i in examine_folder(root, ASSIGNMENT, usb,
                                                               root / "roster.csv")}  # fmt: skip
    expected = {
        "amina": "",
        "chen": "",
        "wrong assignment": "it is assignment 01-policy-formulation, not 03-border-management",
        "unknown official": "'Zoe Nobody' is not on the course roster",
        "duplicate": "duplicate: bruno's work is also in",
        "not nbgrader": "not a notebook of 03-border-management: its graded cells differ",
        "damaged": "not a notebook: the file is damaged or not JSON",
        "not a notebook": "not a notebook (.ipynb) of 03-border-management",
    }
    for name, kind in kinds.items():
        if expected[kind]:
            assert expected[kind] in reasons[name], (name, reasons[name])
        else:
            assert reasons[name] == "", (name, reasons[name])
    assert "b2.ipynb" in reasons["b1.ipynb"] and "b1.ipynb" in reasons["b2.ipynb"]
    assert not (root / "submitted").exists(), "examining wrote something"
