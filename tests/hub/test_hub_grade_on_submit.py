"""Grading on submission on the real hub: the course's grading service grades each hand-in in
the sandbox at once and releases its feedback to that official only; an exam waits."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

from conftest import ASSIGNMENT, COURSE

EXAM = "01-policy-formulation"


def run_as(name: str, *cmd: str, cwd: Path | str = "/") -> subprocess.CompletedProcess[str]:
    # From a folder every account may enter (the tests' own may be private, as in CI); the
    # trainer's commands run in the course folder, as nbgrader's do.
    return subprocess.run(
        ["runuser", "-u", name, "--", *cmd], capture_output=True, text=True, cwd=cwd
    )


def release(hub, assignment: str) -> None:
    """The trainer releases ``assignment`` (once: other hub tests of the session may have)."""
    if (hub.settings.exchange / COURSE / "outbound" / assignment).is_dir():
        return
    trainer = hub.person("trainer")
    for step in ("assign", "release"):
        response = trainer.formgrader(COURSE, step, assignment)
        assert response.status_code == 200 and response.json()["success"], response.text[-500:]


def hand_in(hub, official, assignment: str, answers: bool) -> None:
    """The official fetches ``assignment`` (unless done before), puts in the model answers or
    the blank release, and submits."""
    official.start_server()
    path = f"/api/contents/{COURSE}/{assignment}/{assignment}.ipynb"
    if official.server("GET", path).status_code != 200:
        fetched = official.assignments("fetch", COURSE, assignment)
        assert fetched.json()["success"], fetched.text[-500:]
    course = hub.settings.course_dir(hub.settings.courses[0])
    folder = "source" if answers else "release"
    notebook = json.loads((course / folder / assignment / f"{assignment}.ipynb").read_text())
    body = {"type": "notebook", "format": "json", "content": notebook}
    assert official.server("PUT", path, json=body).status_code == 200
    submitted = official.assignments("submit", COURSE, assignment)
    assert submitted.json()["success"], submitted.text[-500:]


def feedback_pages(official, assignment: str) -> dict[str, str]:
    """What "Fetch feedback" in the official's Assignments list brings: page by submission."""
    got = official.assignments("fetch_feedback", COURSE, assignment)
    assert got.json()["success"], got.text[-500:]
    folder = official.server("GET", f"/api/contents/{COURSE}/{assignment}/feedback")
    if folder.status_code == 404:
        return {}
    pages = {}
    for stamp in folder.json()["content"]:
        page = official.server("GET", f"/api/contents/{stamp['path']}/{assignment}.html")
        if page.status_code == 200:
            pages[stamp["name"]] = page.json()["content"]
    return pages


def now() -> str:
    """The time as nbgrader writes a submission's timestamp (UTC), to compare with one."""
    return datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")


def wait_for_feedback(official, assignment: str, after: str, timeout: float = 240) -> str:
    """The feedback page of the official's newest submission, made after the time ``after``
    (another hub test of the session may have left earlier ones)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pages = feedback_pages(official, assignment)
        newest = max(pages, default="")
        if newest > after:
            return pages[newest]
        time.sleep(1)
    raise AssertionError(f"{official.name}: no feedback for {assignment} after {timeout} s")


def graded(hub, official, assignment: str, timeout: float = 240) -> None:
    """Wait until the grading service has graded the official's hand-in (its record)."""
    state = hub.settings.course_dir(hub.settings.courses[0]) / ".kit-graded-on-submit.json"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if state.is_file() and f"{official.name}+{assignment}" in json.loads(state.read_text()):
            return
        time.sleep(1)
    raise AssertionError(f"{official.name}: {assignment} not graded after {timeout} s")


def test_a_hand_in_is_graded_and_its_feedback_reaches_that_official_only(hub):
    """Does a submission come back graded, with score and feedback (no hidden tests, written
    answer awaiting the trainer), for the official who sent it and for nobody else?"""
    from kit.course.feedback import AWAITING

    a, b = hub.person("official_a"), hub.person("official_b")
    release(hub, ASSIGNMENT)
    start = now()
    hand_in(hub, b, ASSIGNMENT, answers=True)
    hand_in(hub, a, ASSIGNMENT, answers=False)
    page_b = wait_for_feedback(b, ASSIGNMENT, start)
    page_a = wait_for_feedback(a, ASSIGNMENT, start)
    # b handed in the model answers: every automatic point, the written answer waits.
    assert "Your score so far: " in page_b and AWAITING in page_b
    summary = page_b.split("Your score so far: ", 1)[1].split(" points", 1)[0]
    score, maximum = (float(x) for x in summary.split(" of "))
    written = 3  # the border note's points, marked by the trainer
    assert score == maximum - written > 0, summary
    assert "BEGIN HIDDEN TESTS" not in page_b and "HIDDEN" not in page_b
    # a handed in the release untouched: nbgrader scored the written answer 0, nothing waits.
    assert "Your score: 0 of" in page_a and AWAITING not in page_a
    # a sees only a's own feedback: b's answers appear nowhere in it, b's files stay closed.
    course = hub.settings.course_dir(hub.settings.courses[0])
    model = json.loads((course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb").read_text())
    answers = [
        c["source"] if isinstance(c["source"], str) else "".join(c["source"])
        for c in model["cells"]
        if c["metadata"].get("nbgrader", {}).get("solution") and c["cell_type"] == "code"
    ]
    assert answers and all(answer.strip() not in page_a for answer in answers)
    b_feedback = f"/user/{b.name}/api/contents/{COURSE}/{ASSIGNMENT}/feedback"
    assert a.api("GET", b_feedback).status_code == 403
    listing = run_as(a.name, "ls", str(hub.settings.exchange / COURSE / "feedback"))
    assert listing.returncode != 0 and "Permission denied" in listing.stderr


def test_an_exam_shows_no_score_until_the_trainer_releases_it(hub):
    """With an assignment marked as an exam, is the hand-in graded but no score shown until
    the trainer runs release-grades, and then shown?"""
    course = hub.settings.courses[0]
    folder = hub.settings.course_dir(course)
    kit = f"{hub.settings.python_bin}/kit"
    held = run_as(course.grader, kit, "course", "exam", EXAM, "--dir", str(folder), cwd=folder)
    assert held.returncode == 0, held.stderr
    release(hub, EXAM)
    a = hub.person("official_a")
    start = now()
    hand_in(hub, a, EXAM, answers=True)
    graded(hub, a, EXAM)
    assert max(feedback_pages(a, EXAM), default="") < start, "a score shown before the release"
    out = run_as(
        course.grader, kit, "course", "release-grades", EXAM, "--dir", str(folder), cwd=folder
    )
    assert out.returncode == 0, out.stderr
    page = wait_for_feedback(a, EXAM, start, timeout=60)
    assert "Your score so far: " in page and "Awaiting your trainer" in page
