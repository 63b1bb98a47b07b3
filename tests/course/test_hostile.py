"""Grading that survives bad notebooks: every hostile or broken fixture is graded, with a reason."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from course_factories import (
    NOT_JSON,
    broken,
    gradebook_rows,
    hostile,
    new_course,
    ready_assignments,
    stock_autograde,
    submit,
    with_solutions,
)

from kit.course.grading.parallel import autograde
from kit.course.grading.sandbox import Limits

FIXTURES = [
    "infinite-loop",
    "kernel-crash",
    "huge-output",
    "memory-hog",
    "deletes-test-cells",
    "not-json",
    "reads-other-students",
    "reads-gradebook",
]
LIMITS = Limits(cell_timeout=5, memory_mb=1024, output_mb=1)
pytestmark = pytest.mark.skipif(
    not ready_assignments(), reason="no assignment in assessment/source/"
)


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One batch with two honest officials and one submission per fixture, graded by kit."""
    name = ready_assignments()[0]
    root = new_course(tmp_path_factory.mktemp("hostile"), [name])
    submit(root, name, "alice", with_solutions(root, name))
    submit(root, name, "bob", with_solutions(root, name, 0.5))
    submit(root, name, "carol", broken(root, name))
    # The reference: the honest officials graded alone by stock nbgrader, in a copy.
    reference = tmp_path_factory.mktemp("reference") / "course"
    shutil.copytree(root, reference)
    stock_autograde(reference, name, ["alice", "bob", "carol"])
    for fixture in FIXTURES:
        if fixture == "not-json":
            submit(root, name, fixture, raw=NOT_JSON)
        else:
            submit(root, name, fixture, hostile(root, name, fixture, other="alice"))
    alice_before = _digest(root / "submitted" / "alice")
    outcomes = autograde(root, name, workers=2, limits=LIMITS, progress=False)
    return {
        "name": name,
        "root": root,
        "reference": reference,
        "outcomes": {o.student: o for o in outcomes},
        "alice_before": alice_before,
    }


def _digest(folder):
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def test_every_submission_has_an_outcome(batch):
    """Does the batch go on to the end, whatever one notebook does?"""
    assert set(batch["outcomes"]) == {"alice", "bob", "carol", *FIXTURES}


def test_honest_work_is_untouched(batch):
    """Are the honest officials' grades and files exactly what stock nbgrader gives them alone?"""
    mine = gradebook_rows(batch["root"] / "gradebook.db")
    theirs = gradebook_rows(batch["reference"] / "gradebook.db")
    honest = {"alice", "bob", "carol"}
    for table in ("grades", "comments", "submissions"):
        assert [r for r in mine[table] if r[1] in honest] == theirs[table], table
    assert _digest(batch["root"] / "submitted" / "alice") == batch["alice_before"]


@pytest.mark.parametrize(
    "fixture, graded, reason",
    [
        ("infinite-loop", True, "longer than 5 s"),
        ("huge-output", True, "MB of output"),
        ("memory-hog", True, "out of memory"),
        ("deletes-test-cells", True, "locked test cells"),
        ("reads-gradebook", True, "outside its own folder"),
        ("reads-other-students", True, "outside its own folder"),
        ("kernel-crash", False, "kernel died"),
        ("not-json", False, "not valid JSON"),
    ],
)
def test_fixture_is_graded_with_a_reason(batch, fixture, graded, reason):
    """Is each hostile notebook graded (or scored zero) with a reason the trainer can read?"""
    outcome = batch["outcomes"][fixture]
    assert outcome.graded is graded, outcome.log
    assert any(reason in r for r in outcome.reasons), outcome.reasons
    if not graded:
        assert outcome.score == 0


@pytest.mark.parametrize(
    "fixture", ["infinite-loop", "huge-output", "deletes-test-cells", "reads-gradebook"]
)
def test_limited_cell_costs_only_itself(batch, fixture):
    """Does a stopped cell leave the rest of the notebook graded (same score as the honest half)?"""
    assert batch["outcomes"][fixture].score == batch["outcomes"]["bob"].score


def test_gradebook_was_not_readable(batch):
    """Did the gradebook thief get nothing: its cells failed and the gradebook still opens?"""
    import nbformat

    name, root = batch["name"], batch["root"]
    nb = nbformat.read(root / "autograded" / "reads-gradebook" / name / f"{name}.ipynb", 4)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert any(str(root) in str(o.evalue) for o in errors)
    assert gradebook_rows(root / "gradebook.db")["students"]
