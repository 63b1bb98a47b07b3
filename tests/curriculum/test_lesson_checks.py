"""Does every interactive check in every lesson explain itself, and every wrong option?

The checks are read from the notebooks' code with ``ast`` (no notebook is run): each call of
``choice_check`` needs a non-empty ``explanation`` and a ``why`` entry for every wrong option,
each ``number_check`` a non-empty ``explanation`` (curriculum-conventions, "Lesson checks").
"""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import nbformat
import pytest
from curriculum_harness import CURRICULUM

from kit import teaching

LESSONS = sorted(CURRICULUM.glob("[0-9][0-9]-*/[0-9][0-9]-*.ipynb"))
CHOICE_PARAMS = list(inspect.signature(teaching.choice_check).parameters)
NUMBER_PARAMS = list(inspect.signature(teaching.number_check).parameters)
UNKNOWN = object()


def lesson_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def code_of(path: Path) -> str:
    """The notebook's code cells as one module (IPython magics and shell lines left out)."""
    nb = nbformat.read(path, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        lines = [ln for ln in cell.source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
        cells.append("\n".join(lines))
    return "\n\n".join(cells)


def constants(tree: ast.Module) -> dict[str, object]:
    """Top-level ``NAME = <literal>`` assignments, so checks may name their options."""
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name):
                found[target.id] = value_of(node.value, found)
    return found


def value_of(node: ast.expr | None, names: dict[str, object]) -> object:
    """A literal's value, a known constant's value, or UNKNOWN; an f-string counts as text."""
    if node is None:
        return None
    if isinstance(node, ast.Name):
        return names.get(node.id, UNKNOWN)
    if isinstance(node, ast.JoinedStr):
        return "f-string" if node.values else ""
    try:
        return ast.literal_eval(node)
    except ValueError:
        return UNKNOWN


def calls(tree: ast.Module, name: str) -> list[ast.Call]:
    """Every call of ``name(...)`` or ``something.name(...)`` in the code."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if called == name:
                found.append(node)
    return found


def arguments(call: ast.Call, params: list[str]) -> dict[str, ast.expr]:
    """The call's arguments by parameter name, positional ones included."""
    bound = {params[n]: arg for n, arg in enumerate(call.args) if n < len(params)}
    bound.update({kw.arg: kw.value for kw in call.keywords if kw.arg})
    return bound


def problems_of_choice(call: ast.Call, names: dict[str, object]) -> list[str]:
    args = arguments(call, CHOICE_PARAMS)
    question = value_of(args.get("question"), names)
    where = f"line {call.lineno} ({str(question)[:50]!r})"
    problems = []
    explanation = value_of(args.get("explanation"), names)
    if explanation is not UNKNOWN and not (isinstance(explanation, str) and explanation.strip()):
        problems.append(f"{where}: choice_check without an explanation")
    options = value_of(args.get("options"), names)
    answer = value_of(args.get("answer"), names)
    why = value_of(args.get("why"), names)
    if UNKNOWN in (options, answer, why) or not isinstance(options, list | tuple):
        problems.append(
            f"{where}: write options, answer and why as literals so they can be checked"
        )
        return problems
    right = options[answer] if isinstance(answer, int) and 0 <= answer < len(options) else answer
    why = why or {}
    missing = [o for o in options if o != right and not str(why.get(o, "")).strip()]
    if missing:
        problems.append(f"{where}: no `why` for wrong option(s) {missing}")
    return problems


def problems_of_number(call: ast.Call, names: dict[str, object]) -> list[str]:
    args = arguments(call, NUMBER_PARAMS)
    explanation = value_of(args.get("explanation"), names)
    if explanation is UNKNOWN or (isinstance(explanation, str) and explanation.strip()):
        return []
    question = value_of(args.get("question"), names)
    return [f"line {call.lineno} ({str(question)[:50]!r}): number_check without an explanation"]


def test_there_are_lessons_with_checks():
    """Does the scan find lessons and checks at all (so the tests below cannot pass vacuously)?"""
    trees = [ast.parse(code_of(p)) for p in LESSONS]
    assert LESSONS and sum(len(calls(t, "choice_check")) for t in trees) > 0


@pytest.mark.parametrize("lesson", LESSONS, ids=lesson_id)
def test_every_check_explains_itself_and_every_wrong_option(lesson):
    """Does each choice_check have an explanation and a `why` per wrong option, and each
    number_check an explanation?"""
    tree = ast.parse(code_of(lesson))
    names = constants(tree)
    problems = [p for c in calls(tree, "choice_check") for p in problems_of_choice(c, names)]
    problems += [p for c in calls(tree, "number_check") for p in problems_of_number(c, names)]
    assert problems == [], f"{lesson_id(lesson)}:\n  " + "\n  ".join(problems)


def test_the_scan_catches_a_missing_why_and_a_missing_explanation():
    """Would the scan flag a check without an explanation or without a `why` for one option?"""
    tree = ast.parse(
        "from kit.teaching import choice_check, number_check\n"
        "OPTIONS = ['a', 'b', 'c']\n"
        "choice_check('Q?', OPTIONS, 'a', 'Because a.', why={'b': 'Not b.'})\n"
        "choice_check('R?', ['x', 'y'], answer=1, why={'x': 'No.'})\n"
        "number_check('N?', 3, explanation='')\n"
        "number_check('M?', 3, 0, '', 'Fine.')\n"
    )
    names = constants(tree)
    choice = [p for c in calls(tree, "choice_check") for p in problems_of_choice(c, names)]
    number = [p for c in calls(tree, "number_check") for p in problems_of_number(c, names)]
    assert len(choice) == 2 and "['c']" in choice[0] and "without an explanation" in choice[1]
    assert len(number) == 1 and "'N?'" in number[0]
