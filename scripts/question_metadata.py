"""Declare each choice/numeric question of the graded notebooks in its answer cell's metadata.

Convention: docs/question-metadata.md (``kit.question`` on the nbgrader solution cell). Run from
the repository root: ``python scripts/question_metadata.py``. It is idempotent and touches only
cell metadata, so a parallel edit of a notebook's text still merges cleanly.

Per question, from the notebook itself:
- options: the "- A. text" / "- **A.** text" lines of the Markdown cell before the answer cell;
- answer: the value the solution cell assigns (the solution cells assign literals);
- numeric tolerance: the ``abs(name - value) <= tolerance`` line of the hidden test;
- feedback: for each wrong letter, the hint the hidden test gives a wrong answer; for the right
  letter, "Right." and the hint's reason when it states one.
It refuses (one line, exit 1) when the hidden test expects another value than the solution.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from pathlib import Path

import nbformat

SOURCE = Path("assessment/source")
OPTION = re.compile(r"^\s*[-*]\s*(?:\*\*)?([A-H])[.)](?:\*\*)?\s+(.*\S)\s*$")
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.S)


def text_of(cell) -> str:
    return cell.source if isinstance(cell.source, str) else "".join(cell.source)


def options_in(markdown: str) -> dict[str, str]:
    """The listed options of a question, letter -> text, in the order shown."""
    found: dict[str, str] = {}
    last = None
    for line in markdown.splitlines():
        match = OPTION.match(line)
        if match:
            last = match.group(1)
            found[last] = match.group(2)
        elif last and line.startswith(" ") and line.strip():
            found[last] += " " + line.strip()  # an option wrapped onto an indented line
        else:
            last = None
    return found


def solution_code(cell) -> str:
    return text_of(cell).split("### BEGIN SOLUTION", 1)[1].split("### END SOLUTION", 1)[0]


def solution_value(cell):
    """(name, value) the solution cell assigns between its BEGIN/END SOLUTION markers."""
    namespace: dict = {}
    builtins = {"round": round, "int": int, "float": float}
    exec(compile(solution_code(cell), "<solution>", "exec"), {"__builtins__": builtins}, namespace)
    (name, value), *_ = namespace.items()
    return name, value


def computed_value(path: Path, cells, index: int):
    """(name, value) of a solution that computes from the notebook's data: run the code cells
    before it (not the tests) in the notebook's folder, then the solution."""
    namespace: dict = {}
    here = os.getcwd()
    os.chdir(path.parent)
    try:
        for cell in cells[:index]:
            grading = cell.metadata.get("nbgrader", {})
            is_test = grading.get("grade") and not grading.get("solution")
            if cell.cell_type == "code" and not is_test:
                exec(compile(text_of(cell), str(path), "exec"), namespace)
        before = set(namespace)
        exec(compile(solution_code(cells[index]), str(path), "exec"), namespace)
    finally:
        os.chdir(here)
    (name,) = [key for key in namespace if key not in before] or [None]
    return name, namespace.get(name)


def answer_value(path: Path, cells, index: int):
    """The value the solution cell at ``index`` assigns, literal or computed."""
    try:
        return solution_value(cells[index])[1]
    except NameError:  # it reads the notebook's tables
        return computed_value(path, cells, index)[1]


def hidden_asserts(test_cell) -> list[ast.Assert]:
    match = HIDDEN.search(text_of(test_cell))
    if not match:
        return []
    return [node for node in ast.walk(ast.parse(match.group(1))) if isinstance(node, ast.Assert)]


def hint(node: ast.Assert) -> str:
    """The message a hidden assert shows a wrong answer, when it is plain text."""
    if isinstance(node.msg, ast.Constant) and isinstance(node.msg.value, str):
        return node.msg.value
    return ""


def expected(node: ast.Assert):
    """The literal compared against in ``x == lit`` or ``abs(x - lit) <= tol`` (else None)."""
    test = node.test
    if not isinstance(test, ast.Compare) or len(test.comparators) != 1:
        return None
    right = test.comparators[0]
    if isinstance(test.ops[0], ast.Eq) and isinstance(right, ast.Constant):
        # a letter, or a whole number checked exactly
        return ("choice" if isinstance(right.value, str) else "numeric", right.value, 0)
    left = test.left
    if (
        isinstance(test.ops[0], ast.LtE)
        and isinstance(left, ast.Call)
        and getattr(left.func, "id", "") == "abs"
        and isinstance(left.args[0], ast.BinOp)
        and isinstance(left.args[0].right, ast.Constant)
        and isinstance(right, ast.Constant)
    ):
        return ("numeric", left.args[0].right.value, right.value)
    return None


def declare(path: Path, cells, index: int) -> dict | None:
    """The kit.question object for the answer cell at ``index``, or None if not choice/numeric."""
    cell = cells[index]
    grade_id = cell.metadata["nbgrader"]["grade_id"]
    where = f"{path}: {grade_id}"
    value = answer_value(path, cells, index)
    is_letter = isinstance(value, str) and re.fullmatch(r"[A-H]", value)
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not (is_letter or is_number):
        return None
    test = cells[index + 1]
    checks = [(expected(node), hint(node)) for node in hidden_asserts(test)]
    checks = [(found, message) for found, message in checks if found]
    if len(checks) != 1:
        sys.exit(f"{where}: expected one hidden answer check, found {len(checks)}")
    (kind, want, tolerance), message = checks[0]
    markdown = next(text_of(c) for c in reversed(cells[:index]) if c.cell_type == "markdown")
    if is_letter:
        options = options_in(markdown)
        if kind != "choice" or want != value or value not in options:
            sys.exit(f"{where}: solution {value!r}, hidden test {want!r}, options {list(options)}")
        right = right_feedback(message)
        feedback = {letter: (right if letter == value else message) for letter in options}
        feedback = {letter: text for letter, text in feedback.items() if text}
        return {"type": "choice", "options": options, "answer": value, "feedback": feedback}
    if kind != "numeric" or abs(want - value) > tolerance:
        sys.exit(f"{where}: solution {value!r}, hidden test {want!r} ± {tolerance!r}")
    return {"type": "numeric", "answer": value, "tolerance": tolerance}


#: A hint that is an instruction ("Read Article 31(1) ...") points the way; it gives no reason.
IMPERATIVE = re.compile(r"^(Check|Read|Allow|Count|Find|Look)\b", re.I)


def right_feedback(message: str) -> str:
    """Feedback for the right option: the hidden hint's reason when it states one (a hint that
    ends in a question or gives an instruction only points the way, so it is left out)."""
    reason = re.sub(r"^Not th(at|ose) [a-z]+: ", "", message).strip()
    if not reason or reason.endswith("?") or IMPERATIVE.match(reason):
        return "Right."
    return f"Right. {reason[0].upper()}{reason[1:]}"


def main() -> int:
    for path in sorted(SOURCE.glob("*/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        changed = False
        for index, cell in enumerate(nb.cells):
            grading = cell.metadata.get("nbgrader", {})
            if cell.cell_type != "code" or not grading.get("solution"):
                continue
            question = declare(path, nb.cells, index)
            if question is None:
                continue
            kit = dict(cell.metadata.get("kit") or {})
            if kit.get("question") != question:
                kit["question"] = question
                cell.metadata["kit"] = kit
                changed = True
            print(f"{path.parent.name} {grading['grade_id']}: {question['type']} "
                  f"{question['answer']!r}")  # fmt: skip
        if changed:
            tmp = path.with_suffix(".ipynb.tmp")
            nbformat.write(nb, str(tmp))
            tmp.replace(path)  # atomic: a failed write leaves the notebook as it was
    return 0


if __name__ == "__main__":
    sys.exit(main())
