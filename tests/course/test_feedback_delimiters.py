"""Feedback on a course that marks its hidden tests with its own nbgrader delimiters."""

from __future__ import annotations

import html
import shutil

import nbformat
import pytest
from course_factories import ready_assignments, submit, with_solutions
from curriculum.curriculum_harness import ASSESSMENT
from kitcli import course as run

from kit.course.api import check, open_api
from kit.course.feedback import hidden_blocks

BEGIN, END = "BEGIN SECRET CHECKS", "END SECRET CHECKS"


@pytest.fixture(scope="module")
def custom_course(tmp_path_factory):
    """One assignment whose hidden tests sit between the course's own delimiters, built,
    submitted half-answered by one official and graded; returns (root, name, hidden lines)."""
    names = ready_assignments()
    if not names:
        pytest.skip("no assignment yet")
    name = "03-border-management" if "03-border-management" in names else names[0]
    root = tmp_path_factory.mktemp("custom-delimiters")
    config = (ASSESSMENT / "nbgrader_config.py").read_text(encoding="utf-8")
    config += (
        f"\nc.ClearHiddenTests.begin_test_delimeter = {BEGIN!r}\n"
        f"c.ClearHiddenTests.end_test_delimeter = {END!r}\n"
    )
    (root / "nbgrader_config.py").write_text(config, encoding="utf-8")
    shutil.copytree(ASSESSMENT / "source" / name, root / "source" / name)
    notebook = root / "source" / name / f"{name}.ipynb"
    source = nbformat.read(notebook, as_version=4)
    hidden = []
    for cell in source.cells:
        cell.source = cell.source.replace("BEGIN HIDDEN TESTS", BEGIN).replace(
            "END HIDDEN TESTS", END
        )
        hidden += [line for line in hidden_blocks(cell.source, BEGIN, END)[1] if len(line) > 12]
    assert hidden, "the assignment has hidden tests to hide"
    nbformat.write(source, notebook)
    api = open_api(root)
    check(api.generate_assignment(name), f"generate_assignment {name}")
    submit(root, name, "bruno", with_solutions(root, name, 0.5))
    check(api.autograde(name, "bruno"), f"autograde {name} bruno")
    return root, name, hidden


def test_feedback_hides_tests_between_the_courses_own_delimiters(custom_course):
    """With delimiters set in the course's nbgrader_config.py, does kit's feedback leave out
    every hidden test line, where stock nbgrader's feedback shows them?"""
    root, name, hidden = custom_course
    assert run(["feedback", name, "--dir", str(root)]) == 0
    page = root / "feedback" / "bruno" / name / f"{name}.html"
    text = html.unescape(page.read_text(encoding="utf-8"))
    assert not [line for line in hidden if line in text]
    assert not [marker for marker in (BEGIN, END) if marker in text]
    # The leak is real on this course: stock feedback shows the lines.
    shutil.rmtree(root / "feedback")
    check(open_api(root).generate_feedback(name, "bruno"), "stock generate_feedback")
    stock = html.unescape(page.read_text(encoding="utf-8"))
    assert [line for line in hidden if line in stock]
