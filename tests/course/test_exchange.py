"""Release, collect and feedback through an exchange shared by courses, and from a USB stick."""

from __future__ import annotations

import html
import stat

import nbformat
from course_factories import hidden_test_lines
from kitcli import course as run
from officials import fetch_feedback, official_config

from kit.course.api import load_config, submitted_students


def test_init_sets_up_a_shared_exchange(graded_course):
    """Does `init --exchange` make a sticky, world-writable exchange named in the course config,
    with officials' copies kept under the course id?"""
    config = load_config(graded_course.root)
    assert config.Exchange.root == str(graded_course.exchange)
    assert config.Exchange.path_includes_course is True
    assert config.CourseDirectory.course_id == graded_course.course_id
    mode = graded_course.exchange.stat().st_mode
    assert mode & stat.S_ISVTX and stat.S_IMODE(mode) & 0o777 == 0o777


def test_release_reaches_the_officials(graded_course):
    """Does the released assignment land in the exchange under the course id, and does each
    official's fetch put it in <course>/<assignment> in their own folder?"""
    name = graded_course.assignment
    outbound = graded_course.exchange / graded_course.course_id / "outbound" / name
    assert (outbound / f"{name}.ipynb").is_file()
    for student, folder in graded_course.fetched.items():
        assert folder == graded_course.homes[student] / graded_course.course_id / name
        assert (folder / f"{name}.ipynb").is_file()


def test_collect_from_exchange_and_usb(graded_course):
    """Are the two exchange submissions and the three USB ones (assignment folder, bare folder,
    bare notebook) all in submitted/, each with a timestamp, and all graded?"""
    root, name = graded_course.root, graded_course.assignment
    assert submitted_students(root, name) == sorted(graded_course.shares)
    for student in graded_course.shares:
        folder = root / "submitted" / student / name
        assert (folder / f"{name}.ipynb").is_file() and (folder / "timestamp.txt").is_file()
        assert (root / "autograded" / student / name / f"{name}.ipynb").is_file()
    # The exchange copy is what amina submitted: her answers, not the blank release.
    submitted = nbformat.read(root / "submitted" / "amina" / name / f"{name}.ipynb", 4)
    released = nbformat.read(root / "release" / name / f"{name}.ipynb", 4)
    assert [c.source for c in submitted.cells] != [c.source for c in released.cells]


def test_feedback_released_to_the_officials(graded_course, capsys):
    """Does `feedback --release` reach officials through the exchange, where nbgrader's own
    fetch_feedback finds it, without the hidden tests, while officials who handed in on a
    stick are named for the trainer and do not stop the release?"""
    root, name = graded_course.root, graded_course.assignment
    assert run(["feedback", name, "--release", "--dir", str(root)]) == 0
    err = capsys.readouterr().err
    assert "to 2 officials" in err and "chen, dara, emeka" in err
    hidden = hidden_test_lines(name)
    for student, home in graded_course.homes.items():
        config = official_config(graded_course.exchange, graded_course.course_id, student, home)
        pages = fetch_feedback(config, name)
        assert [p.name for p in pages] == [f"{name}.html"]
        # Each official gets their own page (found by the secret of their own submission).
        mine = root / "feedback" / student / name / f"{name}.html"
        assert pages[0].read_bytes() == mine.read_bytes()
        text = html.unescape(pages[0].read_text(encoding="utf-8"))
        assert not [line for line in hidden if line in text]


def test_collect_from_an_empty_folder_is_one_line(graded_course, tmp_path, capsys):
    """Does collecting from a folder with no submissions give one `kit: error:` line?"""
    args = ["collect", graded_course.assignment, "--from", str(tmp_path), "--dir"]
    assert run([*args, str(graded_course.root)]) == 2
    err = capsys.readouterr().err
    assert "no <official>/ folders" in err and err.count("\n") == 1
