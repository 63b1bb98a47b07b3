"""Grading on submission without a hub: the worker of `kit course grade-on-submit` on a course
with an exchange, real nbgrader submit and fetch_feedback, sandboxed grading."""

from __future__ import annotations

import html

import nbformat
import pytest
from course_factories import hidden_test_lines, ready_assignments, with_solutions
from kitcli import course as run
from officials import fetch, fetch_feedback, official_config, submit

from kit.course.feedback import AWAITING
from kit.course.grading.sandbox import Limits
from kit.course.ongrade import Worker

ASSIGNMENT = "03-border-management"
COURSE_ID = "on-submit"

pytestmark = pytest.mark.grading


@pytest.fixture
def course(tmp_path):
    """A released course with an exchange, and a function that makes an official hand in."""
    if ASSIGNMENT not in ready_assignments():
        pytest.skip(f"{ASSIGNMENT} not written yet")
    root, exchange = tmp_path / "course", tmp_path / "exchange"
    assert run(["init", root, "--modules", ASSIGNMENT, "--exchange", exchange,
                "--course-id", COURSE_ID]) == 0  # fmt: skip
    assert run(["build", "--dir", root]) == 0
    assert run(["release", ASSIGNMENT, "--dir", root]) == 0

    def hand_in(student: str, share: float):
        home = tmp_path / "home" / student
        config = official_config(exchange, COURSE_ID, student, home)
        folder = home / COURSE_ID / ASSIGNMENT
        if not folder.is_dir():
            folder = fetch(config, ASSIGNMENT)
        nbformat.write(with_solutions(root, ASSIGNMENT, share), folder / f"{ASSIGNMENT}.ipynb")
        submit(config, ASSIGNMENT)
        return config

    return root, hand_in


def worker(root) -> Worker:
    return Worker(root, Limits(cell_timeout=30), isolation=True, workers=2)


def test_each_hand_in_comes_back_with_its_own_score_and_feedback(course):
    """Is each submission graded once, its feedback (score at the top, written answer awaiting
    the trainer, no hidden test) released to that official, and nobody else's to them?"""
    root, hand_in = course
    amina, bruno = hand_in("amina", 1.0), hand_in("bruno", 0.0)
    done = worker(root).step()
    assert sorted(s.student for s in done) == ["amina", "bruno"]
    assert worker(root).step() == [], "graded twice"
    (page,) = fetch_feedback(amina, ASSIGNMENT)
    text = html.unescape(page.read_text(encoding="utf-8"))
    summary = text.split("Your score so far: ", 1)[1].split(" points", 1)[0]
    score, maximum = (float(x) for x in summary.split(" of "))
    assert score == maximum - 3 > 0, "all automatic points; the 3-point written note waits"
    assert AWAITING in text
    assert not any(line in text for line in hidden_test_lines(ASSIGNMENT))
    (other,) = fetch_feedback(bruno, ASSIGNMENT)
    # bruno left the written answer untouched: nbgrader scored it 0, nothing waits.
    other_text = html.unescape(other.read_text(encoding="utf-8"))
    assert "Your score: 0 of" in other_text and AWAITING not in other_text
    # A second hand-in by amina is graded again; bruno's is not touched.
    hand_in("amina", 0.5)
    assert [s.student for s in worker(root).step()] == ["amina"]


def no_feedback(config) -> bool:
    """True when nbgrader's fetch_feedback finds nothing released for the official."""
    from nbgrader.exchange.abc.exchange import ExchangeError

    try:
        return fetch_feedback(config, ASSIGNMENT) == []
    except ExchangeError as exc:  # no feedback folder in the exchange yet
        return "not found" in str(exc)


def test_an_exam_is_graded_but_shows_no_score_until_released(course):
    """With the assignment held as an exam, is the hand-in graded but no feedback released
    until `kit course release-grades`, which then releases it?"""
    root, hand_in = course
    assert run(["exam", ASSIGNMENT, "--dir", root]) == 0
    amina = hand_in("amina", 1.0)
    assert [s.student for s in worker(root).step()] == ["amina"]
    assert (root / "autograded" / "amina" / ASSIGNMENT).is_dir()
    assert no_feedback(amina)
    assert run(["release-grades", ASSIGNMENT, "--dir", root]) == 0
    (page,) = fetch_feedback(amina, ASSIGNMENT)
    assert "Your score so far:" in html.unescape(page.read_text(encoding="utf-8"))
