"""One grading at a time per course: the formgrader's Autograde (stock nbgrader, through the kit's
convert hooks), `kit course autograde` and the grading-on-submission service wait for each other
instead of grading the same hand-in at once (which failed with "Operation not permitted")."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from course_factories import new_course, ready_assignments, submit, with_solutions

from kit.course.grading.lock import LOCK_FILE, course_lock

pytestmark = pytest.mark.skipif(not ready_assignments(), reason="no assignment written yet")

HOOKS = """
c.Autograde.pre_convert_hook = "kit.course.grading.lock.before_autograde"
c.Autograde.post_convert_hook = "kit.course.grading.lock.after_autograde"
"""
# Another grader of the course (the service, say), in its own process: holds the course's lock
# until its stdin closes.
HOLD = """
import sys
from kit.course.grading.lock import course_lock
with course_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


@pytest.fixture
def course(tmp_path):
    """A built course whose config carries the kit's hooks, with one submission."""
    name = ready_assignments()[0]
    root = new_course(tmp_path, [name])
    with (root / "nbgrader_config.py").open("a", encoding="utf-8") as config:
        config.write(HOOKS)
    submit(root, name, "amina", with_solutions(root, name))
    return root, name


def env() -> dict[str, str]:
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def hold(root: Path) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(root)], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    assert holder.stdout.readline() == b"held\n"
    return holder


def waiting_for_lock(root: Path, timeout: float = 120) -> bool:
    """True once some process waits for the course's lock (a blocked entry in /proc/locks)."""
    inode = os.stat(root / LOCK_FILE).st_ino
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if "->" in fields and fields[fields.index("->") + 1] == "FLOCK":
                if fields[-3].split(":")[-1] == str(inode):
                    return True
        time.sleep(0.1)
    return False


def test_formgrader_autograde_waits_while_the_course_is_being_graded(course):
    """While another grader holds the course, does stock nbgrader's autograde (what the
    formgrader's button runs) with the kit's hooks wait instead of grading, and grade once the
    course is free?"""
    root, name = course
    holder = hold(root)
    try:
        stock = subprocess.Popen(
            [str(Path(sys.executable).parent / "nbgrader"), "autograde", name,
             "--student", "amina"],
            cwd=root, env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert waiting_for_lock(root), "nbgrader did not wait for the course's lock"
        assert stock.poll() is None
        assert not (root / "autograded" / "amina").exists()
    finally:
        holder.stdin.close()
        holder.wait()
    _, err = stock.communicate(timeout=600)
    assert stock.returncode == 0, err.decode()[-2000:]
    assert (root / "autograded" / "amina" / name / f"{name}.ipynb").is_file()


def test_kit_autograde_waits_then_grades_with_the_hooks_set(course):
    """Does `kit course autograde` wait while another grader holds the course, then grade,
    its own nbgrader workers (which run the same hooks) not waiting for their own run's lock?"""
    root, name = course
    holder = hold(root)
    try:
        kit = subprocess.Popen(
            [sys.executable, "-m", "kit", "course", "autograde", name, "--dir", str(root),
             "--workers", "2", "--no-progress"],
            env=env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert waiting_for_lock(root), "kit did not wait for the course's lock"
        assert kit.poll() is None
        assert not (root / "autograded" / "amina").exists()
    finally:
        holder.stdin.close()
        holder.wait()
    _, err = kit.communicate(timeout=600)
    assert kit.returncode == 0, err.decode()[-2000:]
    assert (root / "autograded" / "amina" / name / f"{name}.ipynb").is_file()


def test_the_lock_is_taken_again_by_its_holder_without_waiting(tmp_path):
    """Does a process that holds a course's lock take it again at once (the service's step
    holds it around kit's autograde, which takes it too), and release it only at the end?"""
    with course_lock(tmp_path):
        with course_lock(tmp_path):
            pass
        with course_lock(tmp_path, wait=False) as again:
            assert again
        other = subprocess.run(
            [sys.executable, "-c",
             "import sys; from kit.course.grading.lock import course_lock\n"
             "with course_lock(sys.argv[1], wait=False) as got: print(got)", str(tmp_path)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert other.stdout.strip() == "False"
    with course_lock(tmp_path, wait=False) as free:
        assert free
