"""The trainer's day through `kit course`: same grades as stock nbgrader, feedback, reports."""

from __future__ import annotations

import shutil

import pytest
import yaml
from course_factories import (
    broken,
    gradebook_rows,
    hidden_test_lines,
    new_course,
    ready_assignments,
    stock_autograde,
    submit,
    with_solutions,
)
from kitcli import course as run

pytestmark = pytest.mark.skipif(not ready_assignments(), reason="no assignment yet")


@pytest.fixture(scope="module")
def day(tmp_path_factory):
    """Every ready assignment, four officials each, graded by kit in a course and by stock
    nbgrader in a copy of it."""
    # Authors add assignments while tests run: fix the list once for the whole module.
    names = ready_assignments()
    root = new_course(tmp_path_factory.mktemp("day"), names)
    for name in names:
        submit(root, name, "amina", with_solutions(root, name))
        submit(root, name, "bruno", with_solutions(root, name, 0.5))
        submit(root, name, "chen", with_solutions(root, name, 0.0))
        submit(root, name, "dara", broken(root, name))
    stock = tmp_path_factory.mktemp("stock") / "course"
    shutil.copytree(root, stock)
    for name in names:
        stock_autograde(stock, name, ["amina", "bruno", "chen", "dara"])
        assert run(["autograde", name, "--workers", "2", "--no-progress", "--dir", str(root)]) == 0
    return root, stock, names


def test_same_gradebook_as_stock(day):
    """Does parallel kit grading write exactly the rows stock nbgrader writes, row for row?"""
    root, stock, names = day
    mine, theirs = gradebook_rows(root / "gradebook.db"), gradebook_rows(stock / "gradebook.db")
    assert mine["grades"] and mine == theirs


def test_feedback_hides_hidden_tests(day):
    """Does kit's feedback leave out every hidden test line that stock feedback shows?"""
    root, stock, names = day
    name = names[0]
    hidden = hidden_test_lines(name)
    assert run(["feedback", name, "--dir", str(root)]) == 0
    page = (root / "feedback" / "bruno" / name / f"{name}.html").read_text()
    import html

    text = html.unescape(page)
    assert not [line for line in hidden if line in text]
    # The leak we fix is real: stock feedback shows them.
    from kit.course.api import open_api

    open_api(stock).generate_feedback(name, "bruno")
    stock_text = html.unescape((stock / "feedback" / "bruno" / name / f"{name}.html").read_text())
    assert [line for line in hidden if line in stock_text]


def test_report_certificates_and_evidence(day, tmp_path):
    """Do the report, the certificates and the evidence file come out of one graded cohort?"""
    root, _, names = day
    assert run(["analytics", "--dir", str(root)]) == 0
    page = (root / "reports" / "cohort.html").read_text()
    assert "<svg" in page and "Questions most failed" in page and "cdn" not in page.lower()
    assert (root / "reports" / "cohort.xlsx").stat().st_size > 0
    assert run(["certificates", "--pass-mark", "60", "--dir", str(root)]) == 0
    certificates = (root / "certificates" / "certificates.html").read_text()
    assert "amina" in certificates and "chen" not in certificates
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "student,cadre\namina,border-guards\nbruno,border-guards\nchen,border-guards\n"
        "dara,border-guards\n"
    )
    out = tmp_path / "responses.yaml"
    args = [
        "evidence",
        "--roster",
        str(roster),
        "--pass-mark",
        "60",
        "--headcount",
        "border-guards=4",
        "--country",
        "Utopia",
        "--ministry",
        "Interior",
        "--round",
        "2025",
        "--out",
        str(out),
        "--dir",
        str(root),
    ]
    assert run(args) == 0
    data = yaml.safe_load(out.read_text())
    answer = data["answers"][0]
    assert answer["item"] == "capacity.trained_cadre" and answer["level"] == 2
    assert "1 certified of 4 officials (25%)" in answer["evidence"]


def test_export_and_status(day, capsys, tmp_path, monkeypatch):
    """Do export and status run on the graded course, and does a relative --out land in the
    folder the trainer typed the command in, not inside the course?"""
    root, _, names = day
    monkeypatch.chdir(tmp_path)
    assert run(["export", "--out", "grades.csv", "--dir", str(root)]) == 0
    assert "amina" in (tmp_path / "grades.csv").read_text()
    assert not (root / "grades.csv").exists()
    assert run(["status", "--dir", str(root)]) == 0
    assert names[0] in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["autograde", "no-such-assignment"], "no such assignment"),
        (["autograde", "x", "--workers", "0"], "must be at least 1"),
        (["certificates", "--pass-mark", "120"], "not a percentage"),
        (["cohort-dashboard", "--port", "0"], "must be at least 1"),
        (["bogus"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line(day, capsys, argv, message):
    """Does bad input give one `kit: error:` line and exit code 2, never a traceback?"""
    root, _, names = day
    assert run([*argv, "--dir", str(root)] if argv[0] != "bogus" else argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("kit: error:") and message in err and err.count("\n") == 1
