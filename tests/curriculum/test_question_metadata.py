"""Does every choice and numeric question declare itself for export (docs/question-metadata.md)?

The exporter (`kit course export-questions`) reads a ``kit.question`` object on each answer cell
instead of parsing the prose. These tests hold that declaration to the notebook itself: the
answer is the value the solution cell assigns, and the options are the letters the official sees.
"""

from __future__ import annotations

import ast
import os
import re

import nbformat
import pytest
from curriculum_harness import assignments, nbgrader_meta, notebook_of

ASSIGNMENTS = assignments()
#: A listed option as the official sees it: "- A. text" or "- **A.** text".
OPTION = re.compile(r"^\s*[-*]\s*(?:\*\*)?([A-H])[.)](?:\*\*)?\s", re.MULTILINE)
SOLUTION = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.S)


def _computed(path, cells, index):
    """Run the code cells before the answer (not the tests) in the notebook's folder, then the
    solution: a few solutions compute their number from the notebook's tables."""
    namespace: dict = {}
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        for cell in cells[:index]:
            meta = nbgrader_meta(cell)
            if cell.cell_type == "code" and not (meta.get("grade") and not meta.get("solution")):
                exec(cell.source, namespace)
        exec(SOLUTION.search(cells[index].source).group(1), namespace)
    finally:
        os.chdir(here)
    return namespace


def _solution_value(path, cells, index):
    """The value the solution cell assigns: a literal read with ast, else computed."""
    code = SOLUTION.search(cells[index].source).group(1)
    (assign,) = [node for node in ast.parse(code).body if isinstance(node, ast.Assign)]
    try:
        return ast.literal_eval(assign.value)
    except ValueError:
        return _computed(path, cells, index)[assign.targets[0].id]


def _closed_questions(assignment):
    """(grade_id, value, answer cell, question markdown) of each letter or number answer."""
    path = notebook_of(assignment)
    cells = nbformat.read(path, as_version=4).cells
    found = []
    for index, cell in enumerate(cells):
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or not meta.get("solution"):
            continue
        value = _solution_value(path, cells, index)
        letter = isinstance(value, str) and re.fullmatch(r"[A-H]", value)
        number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if letter or number:
            markdown = next(c.source for c in reversed(cells[:index]) if c.cell_type == "markdown")
            found.append((meta["grade_id"], value, cell, markdown))
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_closed_question_declares_its_answer(assignment):
    """Does each answer cell whose solution is a letter or a number carry kit.question metadata
    whose type and answer equal what the solution assigns?"""
    questions = _closed_questions(assignment)
    assert questions, f"{assignment}: no choice or numeric question found"
    for grade_id, value, cell, _ in questions:
        spec = cell.metadata.get("kit", {}).get("question")
        assert spec, f"{assignment}: {grade_id} has no kit.question metadata"
        kind = "choice" if isinstance(value, str) else "numeric"
        assert spec["type"] == kind, f"{assignment}: {grade_id} is {kind}, declared {spec['type']}"
        if kind == "choice":
            assert spec["answer"] == value, f"{assignment}: {grade_id} declares {spec['answer']!r}"
        else:
            assert abs(spec["answer"] - value) <= spec.get("tolerance", 0), (
                f"{assignment}: {grade_id} declares {spec['answer']!r}, the solution is {value!r}"
            )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_declared_options_are_the_listed_ones(assignment):
    """Are a choice question's declared option letters exactly those its Markdown lists, in order,
    with non-empty text, and is its feedback only for those letters?"""
    for grade_id, _value, cell, markdown in _closed_questions(assignment):
        spec = cell.metadata["kit"]["question"]
        if spec["type"] != "choice":
            continue
        listed = OPTION.findall(markdown)
        assert list(spec["options"]) == listed, (
            f"{assignment}: {grade_id} declares {list(spec['options'])}, the text lists {listed}"
        )
        assert all(text.strip() for text in spec["options"].values()), f"{grade_id}: empty option"
        assert set(spec.get("feedback", {})) <= set(listed), f"{grade_id}: feedback for no option"
