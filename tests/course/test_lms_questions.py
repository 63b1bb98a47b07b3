"""Question banks out: fixture notebooks in the kit's metadata convention -> Moodle XML,
validated and re-imported by a small parser."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import nbformat
import pytest
from kitcli import course as run
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from kit.course.lms.questions import read_questions
from kit.errors import KitError

ASSIGNMENT = "09-fixture"


def grading(grade_id, **flags) -> dict:
    base = {"grade": False, "solution": False, "locked": False, "task": False}
    return {"nbgrader": {**base, **flags, "grade_id": grade_id, "schema_version": 3}}


def choice_answer(grade_id, answer="C", feedback=True):
    """An answer cell declaring a four-option choice question."""
    spec = {
        "type": "choice",
        "options": {
            "A": "The worker pays",
            "B": "Shared costs",
            "C": "The employer pays",
            "D": "The state pays",
        },  # fmt: skip
        "answer": answer,
    }
    if feedback:
        spec["feedback"] = {"A": "Fees must not fall on workers.", "C": "Right: employer pays."}
    cell = new_code_cell(f"{grade_id} = ...", metadata=grading(grade_id, solution=True))
    cell.metadata["kit"] = {"question": spec}
    return cell


def graded_check(grade_id, points):
    return new_code_cell("assert True", metadata=grading(grade_id, grade=True, locked=True,
                                                          points=points))  # fmt: skip


def fixture_notebook():
    return new_notebook(
        cells=[
            new_markdown_cell(
                "### Question 1\n\nWho pays the fee?\n\n- **A.** x\n- **B.** y\n"
                "- **C.** z\n- **D.** w\n\n**Answer form:** a letter."
            ),  # fmt: skip
            choice_answer("fee_answer"),
            graded_check("fee_tests", 2),
            new_markdown_cell("### Question 2\n\nMonths of wages for 1 560 USD at 480 USD?"),
            _numeric("months_answer", 3.25, 0.01),
            graded_check("months_tests", 1),
            new_markdown_cell("### Question 3\n\nA plain code question, not declared."),
            new_code_cell("x = ...", metadata=grading("plain_answer", solution=True)),
            graded_check("plain_tests", 1),
            new_markdown_cell(
                "### Question 4 (4 points)\n\nWrite a brief.\n\n=== BEGIN MARK SCHEME ===\n"
                "One point for the evidence, one for the clause.\n=== END MARK SCHEME ===",
                metadata=grading("brief_question", task=True, locked=True, points=0),
            ),
            new_markdown_cell(
                "My brief.", metadata=grading("brief_answer", solution=True, grade=True, points=4)
            ),
            # The other layout in use: question first, answer, then the mark scheme's task cell.
            new_markdown_cell("### Question 5 (3 points)\n\nWrite a note."),
            new_markdown_cell(
                "Model note.", metadata=grading("note_answer", solution=True, grade=True, points=3)
            ),
            new_markdown_cell(
                "=== BEGIN MARK SCHEME ===\nOne point per safeguard.\n=== END MARK SCHEME ===",
                metadata=grading("note_scheme", task=True, locked=True, points=0),
            ),
        ]
    )


def _numeric(grade_id, answer, tolerance):
    cell = new_code_cell(f"{grade_id} = ...", metadata=grading(grade_id, solution=True))
    cell.metadata["kit"] = {"question": {"type": "numeric", "answer": answer,
                                         "tolerance": tolerance}}  # fmt: skip
    return cell


@pytest.fixture
def course(tmp_path):
    root = tmp_path / "course"
    (root / "source" / ASSIGNMENT).mkdir(parents=True)
    (root / "nbgrader_config.py").write_text("c = get_config()\n")
    nbformat.write(fixture_notebook(), str(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"))
    return root


def reimport(path) -> list[dict]:
    """A small Moodle XML reader: what Moodle's importer takes from each question."""
    root = ET.parse(path).getroot()
    assert root.tag == "quiz"
    found = []
    for q in root.findall("question"):
        kind = q.get("type")
        if kind == "category":
            found.append({"type": kind, "category": q.findtext("category/text")})
            continue
        item = {
            "type": kind,
            "name": q.findtext("name/text"),
            "text": q.findtext("questiontext/text"),
            "format": q.find("questiontext").get("format"),
            "grade": float(q.findtext("defaultgrade")),
        }
        if kind == "multichoice":
            item["single"] = q.findtext("single")
            item["answers"] = [
                (float(a.get("fraction")), a.findtext("text"), a.findtext("feedback/text") or "")
                for a in q.findall("answer")
            ]
        elif kind == "numerical":
            a = q.find("answer")
            item["answer"] = (float(a.findtext("text")), float(a.findtext("tolerance")),
                              float(a.get("fraction")))  # fmt: skip
        elif kind == "essay":
            item["graderinfo"] = q.findtext("graderinfo/text")
            item["responseformat"] = q.findtext("responseformat")
        found.append(item)
    return found


def test_moodle_xml_reimports_every_question(course, capsys):
    """Does export-questions write a Moodle XML bank whose re-import gives back the choice
    question (right answer 100 %, feedback per option), the numeric answer with its tolerance,
    and the written answer as an essay with the mark scheme as grader information?"""
    out = course / "bank.xml"
    assert run(["export-questions", ASSIGNMENT, "--format", "moodle-xml", "--out", str(out),
                "--dir", str(course)]) == 0  # fmt: skip
    assert "1 choice, 1 numeric, 2 written" in capsys.readouterr().err
    items = reimport(out)
    kinds = ["category", "multichoice", "numerical", "essay", "essay"]
    assert [i["type"] for i in items] == kinds
    assert items[0]["category"] == f"$course$/top/{ASSIGNMENT}"
    choice, numeric, essay, note = items[1:]
    assert choice["name"] == "fee_answer" and choice["grade"] == 2 and choice["single"] == "true"
    assert choice["answers"] == [
        (0.0, "The worker pays", "Fees must not fall on workers."),
        (0.0, "Shared costs", ""),
        (100.0, "The employer pays", "Right: employer pays."),
        (0.0, "The state pays", ""),
    ]
    # The prose's option list is left out of the question text (Moodle lists the options).
    assert "Who pays the fee?" in choice["text"] and "**A.**" not in choice["text"]
    assert choice["format"] == "markdown"
    assert numeric["answer"] == (3.25, 0.01, 100.0) and numeric["grade"] == 1
    assert essay["name"] == "brief_answer" and essay["grade"] == 4
    assert essay["graderinfo"] == (
        "One point for the evidence, one for the clause.\n\n**Model answer:**\n\nMy brief."
    )
    assert note["text"] == "### Question 5 (3 points)\n\nWrite a note." and note["grade"] == 3
    assert note["graderinfo"].startswith("One point per safeguard.")
    assert "MARK SCHEME" not in essay["text"] and "Write a brief." in essay["text"]
    assert essay["responseformat"] == "editor"


def test_suffix_must_match_format(course, capsys):
    """Is --out bank.csv refused for --format moodle-xml in one line, with nothing written?"""
    assert run(["export-questions", ASSIGNMENT, "--out", str(course / "bank.csv"),
                "--dir", str(course)]) == 2  # fmt: skip
    assert "writes a .xml file" in capsys.readouterr().err
    assert not (course / "bank.csv").exists()


def test_bad_declaration_names_notebook_and_cell(tmp_path):
    """Does a choice question whose answer is not among its options fail with one line naming
    the notebook, the cell and the question?"""
    nb = new_notebook(cells=[new_markdown_cell("Q"), choice_answer("bad_answer", answer="E")])
    path = tmp_path / "bad.ipynb"
    nbformat.write(nb, str(path))
    with pytest.raises(KitError, match=r"bad.ipynb, cell 2 \(bad_answer\).*answer among them"):
        read_questions(path)
