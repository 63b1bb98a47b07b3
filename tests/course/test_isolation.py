"""Grading without root: refused unless --no-isolation, and then said plainly on stderr."""

from __future__ import annotations

import os

import pytest
from course_factories import new_course, ready_assignments, submit, with_solutions
from kitcli import course as main


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A built course with one assignment and one official's full answers submitted (shared:
    the refusal test runs first and checks nothing was graded)."""
    names = ready_assignments()
    if not names:
        pytest.skip("no assignment yet")
    name = "03-border-management" if "03-border-management" in names else names[0]
    root = new_course(tmp_path_factory.mktemp("isolation"), [name])
    submit(root, name, "amina", with_solutions(root, name))
    return root, name


@pytest.fixture
def without_root(monkeypatch):
    """The grader as an ordinary account: the kernel cannot be started as another user.

    (The suite runs as root; the effective user id is what kit asks the system, so it is the
    one thing changed here.)"""
    monkeypatch.setattr(os, "geteuid", lambda: 1000)


def test_without_root_grading_is_refused_unless_told(course, without_root, capsys):
    """Without root and without --no-isolation, is grading refused in one line that names the
    way out, before any student code runs?"""
    root, name = course
    code = main(["autograde", name, "--no-progress", "--dir", str(root)])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("kit: error:")
    assert "needs root" in err and "--no-isolation" in err
    assert not (root / "autograded").exists()


def test_no_isolation_grades_and_says_what_is_not_protected(course, without_root, capsys):
    """With --no-isolation, are the submissions graded, and does stderr carry one paragraph
    saying that student code runs with the grader's rights and what it can then reach?"""
    root, name = course
    code = main(["autograde", name, "--no-isolation", "--no-progress", "--dir", str(root)])
    captured = capsys.readouterr()
    assert code == 0
    notice = [line for line in captured.err.splitlines() if "WITHOUT isolation" in line]
    assert len(notice) == 1
    for words in ("your rights", "solutions and gradebook", "other officials", "network"):
        assert words in notice[0]
    assert "WITHOUT isolation" not in captured.out
    report = (root / "reports" / f"autograde-{name}.csv").read_text()
    assert report.splitlines()[1].startswith("amina,yes,")


def test_as_root_the_isolated_run_says_nothing_about_isolation(course, capsys):
    """As root with the default isolation, is there no warning (kernels run as kit-grader)?"""
    if os.geteuid() != 0:
        pytest.skip("needs root to switch the kernel's user")
    root, name = course
    assert main(["autograde", name, "--no-progress", "--dir", str(root)]) == 0
    assert "WITHOUT isolation" not in capsys.readouterr().err
