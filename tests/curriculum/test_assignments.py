"""Is every graded exercise set valid under real nbgrader, end to end?"""

from __future__ import annotations

import ast
import csv
import re
import subprocess
import sys

import nbformat
import pytest
from curriculum_harness import (
    BAD_VALUES,
    THIRD_PARTY_WARNINGS,
    answer_variable,
    assignments,
    is_diagnostic,
    load_wrong_answers,
    nbgrader_meta,
    notebook_of,
    wrong_answers_file,
)

pytestmark = [pytest.mark.filterwarnings(w) for w in THIRD_PARTY_WARNINGS]

ASSIGNMENTS = assignments()
MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "MARK SCHEME")
# "### Question 3 (2 points)" in English; a translated set says the same in its language
# ("### Pregunta 3 (2 puntos)"), so the heading is read as: a word, a number, then the points.
QUESTION = re.compile(r"^#{2,4} \w+ \d+ \((\d+) \w+", re.MULTILINE)


def test_there_are_assignments():
    """Is there at least one assignment for the harness to prove?"""
    assert ASSIGNMENTS, "no assignment folders under assessment/source/"


# --- the shape of the source notebook, checked before any grading --------------------------


GRADED = [a for a in ASSIGNMENTS if not is_diagnostic(a)]
DIAGNOSTIC = [a for a in ASSIGNMENTS if is_diagnostic(a)]


def graded_cells(assignment: str) -> tuple[list, list, list]:
    """The autograded test cells, the written answers and the mark-scheme cells of a set."""
    nb = nbformat.read(notebook_of(assignment), as_version=4)
    metas = [(c, nbgrader_meta(c)) for c in nb.cells]
    autograded = [m for c, m in metas if m.get("grade") and c.cell_type == "code"]
    written = [
        m for c, m in metas if m.get("grade") and m.get("solution") and c.cell_type != "code"
    ]
    schemes = [c for c, m in metas if m.get("task") and "BEGIN MARK SCHEME" in c.source]
    return autograded, written, schemes


@pytest.mark.parametrize("assignment", GRADED)
def test_source_has_six_autograded_questions_and_one_written_answer(assignment):
    """Does the set hold at least six autograded test cells and a written answer with a scheme?"""
    autograded, written, schemes = graded_cells(assignment)
    assert len(autograded) >= 6, f"{assignment}: {len(autograded)} autograded test cells, need 6"
    assert written, f"{assignment}: no manually graded written answer"
    assert schemes, f"{assignment}: no mark scheme in a task cell"


@pytest.mark.parametrize("assignment", DIAGNOSTIC)
def test_a_pre_or_post_test_is_five_or_six_autograded_questions(assignment):
    """Does a pre/post-test hold 5-6 autograded test cells and nothing marked by hand?"""
    autograded, written, schemes = graded_cells(assignment)
    assert 5 <= len(autograded) <= 6, f"{assignment}: {len(autograded)} test cells, need 5-6"
    assert not written and not schemes, f"{assignment}: a pre/post-test is autograded only"


@pytest.mark.parametrize("assignment", DIAGNOSTIC)
def test_a_pre_or_post_test_asks_for_values_not_code(assignment):
    """Is every answer in a pre/post-test's solution a name set to a plain value (no code)?"""
    nb = nbformat.read(notebook_of(assignment), as_version=4)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if not (cell.cell_type == "code" and meta.get("solution")):
            continue
        solution = cell.source.split("### BEGIN SOLUTION")[-1].split("### END SOLUTION")[0]
        for node in ast.parse(solution).body:
            assert isinstance(node, ast.Assign) and is_value(node.value), (
                f"{assignment} {meta['grade_id']}: the solution should only set answer names "
                "to values (a letter, a number, a sum worked out from numbers)"
            )


def is_value(node: ast.expr) -> bool:
    """A literal, or arithmetic on numbers (``1200 / 400`` shows how a value was worked out):
    what an official can type without writing code."""
    if isinstance(node, ast.BinOp):
        return is_value(node.left) and is_value(node.right)
    if isinstance(node, ast.UnaryOp):
        return is_value(node.operand)
    try:
        ast.literal_eval(node)
    except ValueError:
        return False
    return True


def test_the_value_check_tells_values_from_code():
    """Are a letter, a number and worked arithmetic values, and a function call not?"""
    values = ['"B"', "3", "1200 / 400", "-(2 + 1) * 4", "[1, 2]"]
    code = ["len(table)", "table.mean()", "x + 1"]
    assert all(is_value(ast.parse(v, mode="eval").body) for v in values)
    assert not any(is_value(ast.parse(c, mode="eval").body) for c in code)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grade_ids_are_readable_and_answers_name_one_variable(assignment):
    """Are grade ids words, and does every code answer cell name its variable with `name = ...`?"""
    nb = nbformat.read(notebook_of(assignment), as_version=4)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if not meta:
            continue
        grade_id = meta.get("grade_id", "")
        assert re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", grade_id), (
            f"{assignment}: grade_id {grade_id!r} should be readable words joined by _"
        )
        if meta.get("solution") and cell.cell_type == "code":
            assert grade_id.endswith("_answer"), f"{grade_id}: answer ids end with _answer"
            assert answer_variable(cell), (
                f"{assignment}: answer cell {grade_id} needs a placeholder line `name = ...` "
                "above ### BEGIN SOLUTION"
            )
        if meta.get("grade") and cell.cell_type == "code":
            assert meta.get("locked"), f"{grade_id}: test cells must be locked"
            assert grade_id.endswith("_tests"), f"{grade_id}: test ids end with _tests"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_question_headings_state_the_points(assignment):
    """Does each question's heading state the points its graded cells are worth?"""
    nb = nbformat.read(notebook_of(assignment), as_version=4)
    questions: list[list] = []  # [stated points, graded points]
    for cell in nb.cells:
        match = QUESTION.search(cell.source) if cell.cell_type == "markdown" else None
        if match:
            questions.append([int(match.group(1)), 0])
        meta = nbgrader_meta(cell)
        if meta.get("grade"):
            assert questions, (
                f"{meta['grade_id']}: graded cell before any '### Question N (P points)'"
            )
            questions[-1][1] += meta["points"]
    assert questions, f"{assignment}: no '### Question N (P points)' headings"
    for number, (stated, graded) in enumerate(questions, start=1):
        assert stated == graded, f"{assignment} question {number}: heading {stated}, cells {graded}"


# --- real nbgrader: generate, autograde, feedback -------------------------------------------


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_solution_scores_full_autograded_marks(course, assignment):
    """Does the source notebook, as a submission, score every autograded point?"""
    scores = course.grade(assignment).scores["solution"]
    lost = {
        k: v for k, v in scores["cells"].items() if v["type"] == "code" and v["auto"] != v["max"]
    }
    assert not lost, f"{assignment}: the solution loses marks in {lost}"
    assert scores["autograded"] == scores["max_autograded"] > 0


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_blank_release_scores_zero(course, assignment):
    """Does the untouched release score zero autograded marks (and zero for the written answer)?"""
    scores = course.grade(assignment).scores["blank"]
    assert scores["autograded"] == 0, f"{assignment}: blank scores {scores['cells']}"
    for name, cell in scores["cells"].items():
        assert cell["auto"] in (0, None), f"{assignment}: blank {name} scores {cell['auto']}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_wrong_answers_lose_marks(course, assignment):
    """Does each prepared wrong answer lose the points of its question?"""
    wrong = load_wrong_answers(assignment)
    assert len(wrong) >= 3, f"{wrong_answers_file(assignment)} should hold 3+ wrong answers"
    scores = course.grade(assignment).scores["wrong"]
    assert scores["autograded"] < scores["max_autograded"]
    for answer_id in wrong:
        topic = answer_id.removesuffix("_answer")
        tests = {k: v for k, v in scores["cells"].items() if k.startswith(f"{topic}_tests")}
        assert tests, f"{assignment}: no test cell {topic}_tests* checks {answer_id}"
        for name, cell in tests.items():
            assert cell["auto"] < cell["max"], f"{assignment}: wrong {answer_id} still earns {name}"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
@pytest.mark.parametrize("student", ["blank", *(f"bad-{k}" for k in BAD_VALUES)])
def test_bad_input_meets_an_assertion_message(course, assignment, student):
    """Does an answer of the wrong type fail with a message, never a bare error from the tests?"""
    graded = course.grade(assignment)
    nb = graded.autograded_notebook(student)
    errors = 0
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if not (meta.get("grade") and cell.cell_type == "code"):
            continue
        for output in cell.get("outputs", []):
            if output.get("output_type") != "error":
                continue
            errors += 1
            assert output["ename"] == "AssertionError", (
                f"{assignment} ({student}): {meta['grade_id']} raised {output['ename']}: "
                f"{output['evalue']}"
            )
            assert output["evalue"].strip(), (
                f"{assignment} ({student}): {meta['grade_id']} no message"
            )
    # A wrong-typed or missing answer must fail some test: with no error at all, the checks
    # above would pass without having looked at anything.
    assert errors, f"{assignment} ({student}): no test cell failed on this answer"


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_release_contains_no_solution_hidden_test_or_mark_scheme(course, assignment):
    """Is every released file free of solutions, hidden tests and mark schemes?"""
    graded = course.grade(assignment)
    secrets = secret_lines(nbformat.read(notebook_of(assignment), as_version=4))
    assert secrets, f"{assignment}: found no solution lines to look for"
    for path in sorted(graded.release.rglob("*")):
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for marker in MARKERS:
            assert marker not in text, f"{path.name} in the release contains {marker!r}"
        if path.suffix == ".ipynb":
            released = "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
            lines = {line.strip() for line in released.splitlines()}
            leaked = sorted(secrets & lines)
            assert not leaked, f"{path.name} in the release leaks {leaked[:3]}"


def secret_lines(nb) -> set[str]:
    """Lines that only appear inside solution, hidden-test or mark-scheme regions."""
    inside, outside = set(), set()
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        whole_solution = meta.get("solution") and "BEGIN SOLUTION" not in cell.source
        secret = bool(whole_solution)
        for line in cell.source.splitlines():
            stripped = line.strip()
            if any(m in stripped for m in ("BEGIN SOLUTION", "BEGIN HIDDEN", "BEGIN MARK")):
                secret = True
                continue
            if any(m in stripped for m in ("END SOLUTION", "END HIDDEN", "END MARK")):
                secret = bool(whole_solution)
                continue
            if len(stripped) < 8 or stripped.startswith("#"):
                continue
            (inside if secret else outside).add(stripped)
    return inside - outside


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_feedback_is_written_for_every_submission(course, assignment):
    """Is a feedback page generated for each submission, showing that submission's own score?"""
    graded = course.grade(assignment)
    for student, scores in graded.scores.items():
        html = graded.feedback_html(student)
        assert html.is_file(), f"no feedback for {student}"
        text = html.read_text(encoding="utf-8")
        # nbgrader's header: "<notebook> (Score: <score> / <max>)", each rounded to 2 places.
        score, most = (round(float(scores[key]), 2) for key in ("score", "max_score"))
        header = f"(Score: {score} / {most})"
        assert header in text, f"{student}: feedback does not show {header}"


def test_export_lists_every_submission(course):
    """Does `nbgrader export` write a CSV row for every graded submission of every assignment?"""
    for assignment in ASSIGNMENTS:
        course.grade(assignment)
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", "export", "--to", "grades.csv"],
        cwd=course.root,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    with open(course.root / "grades.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    seen = {(row["assignment"], row["student_id"]) for row in rows}
    for assignment, graded in course.graded.items():
        for student in graded.scores:
            assert (assignment, student) in seen, f"export misses {assignment}/{student}"
    solution = next(r for r in rows if r["student_id"] == "solution")
    assert float(solution["raw_score"]) > 0
