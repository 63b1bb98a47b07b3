"""Kernels forked from a pre-loaded template: each notebook still in a new process, still jailed."""

from __future__ import annotations

import json
import pwd
import resource

import nbformat
import pytest
from course_factories import (
    gradebook_rows,
    new_course,
    ready_assignments,
    submit,
    with_solutions,
)
from nbformat.v4 import new_code_cell

from kit.course.grading import parallel
from kit.course.grading.parallel import autograde
from kit.course.grading.sandbox import SANDBOX_USER, Limits

LIMITS = Limits(cell_timeout=20, memory_mb=1536)
pytestmark = [
    pytest.mark.skipif(not ready_assignments(), reason="no assignment in assessment/source/"),
    pytest.mark.skipif(not parallel.FORK_KERNELS, reason="kernels are forked on Linux only"),
]

# The first official's notebook leaves marks in every part of its process it can reach.
LEAVE_MARKS = """\
import os, sys, builtins
import pandas
pandas.kit_mark = "left by the first official"
sys.modules["kit_mark"] = pandas
builtins.kit_mark = 1
os.environ["KIT_MARK"] = "1"
"""
# Every notebook says what its process looks like (printed as JSON, read back from the
# autograded notebook).
REPORT = """\
import json, os, resource, sys, builtins
try:
    course = os.listdir(COURSE)
except OSError as exc:
    course = type(exc).__name__
print(json.dumps({
    "pid": os.getpid(),
    "uid": os.getuid(),
    "cwd": os.getcwd(),
    "course": course,
    "memory": resource.getrlimit(resource.RLIMIT_AS)[0],
    "marks": [
        "kit_mark" in sys.modules,
        hasattr(sys.modules.get("pandas"), "kit_mark"),
        hasattr(builtins, "kit_mark"),
        "KIT_MARK" in os.environ,
    ],
}))
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Two officials graded one after the other by the same worker (so by the same template):
    the first leaves marks in its process, both report what their process looks like."""
    name = ready_assignments()[0]
    root = new_course(tmp_path_factory.mktemp("forked"), [name])
    report = f"COURSE = {str(root)!r}\n" + REPORT
    for student, extra in (("a-marker", [LEAVE_MARKS, report]), ("b-reader", [report])):
        nb = with_solutions(root, name)
        nb.cells.extend(new_code_cell(source) for source in extra)
        submit(root, name, student, nb)
    outcomes = autograde(root, name, workers=1, limits=LIMITS, progress=False)
    seen = {}
    for outcome in outcomes:
        assert outcome.graded, outcome.log
    for student in ("a-marker", "b-reader"):
        nb = nbformat.read(root / "autograded" / student / name / f"{name}.ipynb", 4)
        stream = nb.cells[-1].outputs[0]
        assert stream.output_type == "stream", nb.cells[-1].outputs
        seen[student] = json.loads(stream.text)
    return root, {o.student: o for o in outcomes}, seen


def test_marks_of_one_notebook_do_not_reach_the_next(graded):
    """Does a notebook graded after another by the same template see nothing that one left in
    its process (a module attribute, sys.modules, builtins, the environment), in a new pid?"""
    _, outcomes, seen = graded
    assert all(o.graded for o in outcomes.values())
    assert seen["a-marker"]["marks"] == [True, True, True, True]  # the marks were really left
    assert seen["b-reader"]["marks"] == [False, False, False, False]
    assert seen["a-marker"]["pid"] != seen["b-reader"]["pid"]


def test_forked_kernel_is_jailed_like_a_started_one(graded):
    """Does a forked kernel run as the grading user, in its own scratch folder, with the course
    folder covered and the memory limit set?"""
    root, _, seen = graded
    for student, view in seen.items():
        assert view["uid"] == pwd.getpwnam(SANDBOX_USER).pw_uid, student
        assert view["course"] in ([], "PermissionError"), student
        assert not view["cwd"].startswith(str(root)), student
        assert view["memory"] == LIMITS.memory_mb * 1024 * 1024, student
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != LIMITS.memory_mb * 1024 * 1024


def test_same_grades_as_a_started_kernel(graded, monkeypatch):
    """Does grading the same batch again with kernels started from nothing (the jail exec'ing a
    new interpreter) give exactly the grades the forked kernels gave?"""
    root, _, _ = graded
    forked = gradebook_rows(root / "gradebook.db")
    monkeypatch.setattr(parallel, "FORK_KERNELS", False)
    autograde(root, ready_assignments()[0], workers=1, limits=LIMITS, progress=False)
    assert forked["grades"] and gradebook_rows(root / "gradebook.db") == forked
