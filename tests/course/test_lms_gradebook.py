"""Grades back to the platform: CSV in each platform's import layout, checked column by column,
and the LTI grade push from a really graded course."""

from __future__ import annotations

import csv
import hashlib
import io

import pandas as pd
import pytest

from kit.cli import main
from kit.course.analytics import load_cohort
from kit.course.lms import gradebook_csv
from kit.course.lms.identifiers import id_column, match

A, B = "01-policy", "03-border"


def scores() -> pd.DataFrame:
    """amina did both assignments, bruno only A, chen nothing."""
    rows = [
        ("amina", A, "q1", 1.0, 1.0), ("amina", A, "q2", 1.5, 2.0),
        ("amina", B, "q1", 3.0, 4.0),
        ("bruno", A, "q1", 0.0, 1.0), ("bruno", A, "q2", 2.0, 2.0),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["student", "assignment", "question", "score", "max_score"])


ROSTER = {
    "amina": {"student": "amina", "name": "Amina Diallo", "lms_id": "1001", "email": "a@x.org"},
    "bruno": {"student": "bruno", "name": "Bruno Ferreira", "lms_id": "", "email": "b@x.org"},
    "chen": {"student": "chen", "name": "Chen Wei", "lms_id": "1003", "email": ""},
}
STUDENTS = ["amina", "bruno", "chen"]
TITLES = {A: "Module 01: Policy", B: "Module 03: Border"}


def rows(layout: str, column: str | None = None) -> list[list[str]]:
    table = gradebook_csv.points_table(scores(), STUDENTS, [A, B])
    matched = match(STUDENTS, ROSTER, id_column(ROSTER, column))
    names = {s: ROSTER[s]["name"] for s in STUDENTS}
    data = gradebook_csv.render(layout, table, [A, B], matched, names, TITLES)
    assert b"\r\n" in data and not data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8"))))


def test_moodle_layout_column_by_column():
    """Does the Moodle file have the identifier column Moodle can map (ID number from lms_id),
    a name, one points column per assignment, empty where nothing was submitted, and leave out
    only the official without an id?"""
    got = rows("moodle-csv")
    assert got[0] == ["ID number", "Full name", "Module 01: Policy", "Module 03: Border"]
    assert got[1:] == [["1001", "Amina Diallo", "2.5", "3"], ["1003", "Chen Wei", "", ""]]
    by_email = rows("moodle-csv", "email")
    assert by_email[0][0] == "Email address"
    assert [r[0] for r in by_email[1:]] == ["a@x.org", "b@x.org"]
    assert by_email[2][2:] == ["2", ""]


def test_canvas_layout_column_by_column():
    """Does the Canvas file start with Canvas's five fixed columns, a Points Possible row with
    each assignment's maximum, and put lms_id in Canvas's ID column?"""
    got = rows("canvas-csv")
    assert got[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section",
                      "Module 01: Policy", "Module 03: Border"]  # fmt: skip
    assert got[1] == ["Points Possible", "", "", "", "", "3", "4"]
    assert got[2] == ["Amina Diallo", "1001", "", "", "", "2.5", "3"]
    assert got[3] == ["Chen Wei", "1003", "", "", "", "", ""]
    assert len(got) == 4
    by_email = rows("canvas-csv", "email")
    assert by_email[2][:4] == ["Amina Diallo", "", "", "a@x.org"]


def test_plain_layout_keeps_everyone():
    """Does the plain CSV keep every official, with an empty id where the roster has none,
    and totals over all assignments?"""
    got = rows("csv")
    assert got[0] == ["student", "name", "lms_id", A, B, "total", "max_total"]
    assert got[1:] == [
        ["amina", "Amina Diallo", "1001", "2.5", "3", "5.5", "7"],
        ["bruno", "Bruno Ferreira", "", "2", "", "2", "7"],
        ["chen", "Chen Wei", "1003", "", "", "0", "7"],
    ]


def run_kit(argv, capsys):
    code = main(argv)
    return code, capsys.readouterr().err


def test_export_from_graded_course(graded_course, tmp_path, capsys):
    """On a really graded course, does `kit course export A --format moodle-csv` write each
    official's points as the gradebook has them, name the official without an lms_id on stderr,
    and refuse an --out whose suffix is not .csv?"""
    root, name = graded_course.root, graded_course.assignment
    roster = tmp_path / "roster.csv"
    ids = {"amina": "u1", "bruno": "u2", "chen": "u3", "dara": "u4", "emeka": ""}
    roster.write_text("student,name,lms_id\n" + "".join(f"{s},{s.title()},{i}\n"
                      for s, i in ids.items()))  # fmt: skip
    out = tmp_path / "moodle.csv"
    code, err = run_kit(["course", "export", name, "--format", "moodle-csv", "--out", str(out),
                         "--roster", str(roster), "--dir", str(root)], capsys)  # fmt: skip
    assert code == 0
    assert "no lms_id in the roster for: emeka (NOT in the file)" in err
    assert "4 of 5 officials" in err
    got = list(csv.DictReader(out.open(encoding="utf-8")))
    cohort = load_cohort(root)
    expected = cohort.scores[cohort.scores["assignment"] == name].groupby("student")["score"].sum()
    column = [c for c in got[0] if c.startswith("Module")][0]
    assert {r["ID number"]: float(r[column]) for r in got} == {
        ids[s]: pytest.approx(float(expected[s])) for s in ("amina", "bruno", "chen", "dara")
    }
    wrong = tmp_path / "c.xlsx"
    argv = ["course", "export", name, "--format", "canvas-csv", "--out", str(wrong)]
    code, err = run_kit([*argv, "--dir", str(root)], capsys)
    assert code == 2 and "writes a .csv file" in err and not wrong.exists()


def test_push_grades_from_graded_course(graded_course, tmp_path, capsys):
    """Does `kit course push-grades` send the graded course's points to a platform double, and
    when the platform refuses, exit 2 naming every official not sent, the gradebook unchanged?"""
    pytest.importorskip("jwt")
    from platform_double import Platform, rsa_pair, serve

    root, name = graded_course.root, graded_course.assignment
    key, public = rsa_pair(tmp_path)
    double = Platform(client_id="kit", tool_key=public)
    server = serve(double)
    try:
        config = tmp_path / "lti.yaml"
        config.write_text(f"client_id: kit\ntoken_url: {double.token_url}\n"
                          f"lineitems: {double.lineitems}\nprivate_key: {key.name}\n")  # fmt: skip
        roster = tmp_path / "roster.csv"
        roster.write_text("student,lms_id\namina,u1\nbruno,u2\nchen,u3\ndara,u4\nemeka,u5\n")
        db = root / "gradebook.db"
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        argv = ["course", "push-grades", name, "--lti", str(config), "--roster", str(roster),
                "--dir", str(root)]  # fmt: skip
        code, err = run_kit(argv, capsys)
        assert code == 0, err
        assert {s["userId"] for s in double.scores} == {"u1", "u2", "u3", "u4", "u5"}
        amina = next(s for s in double.scores if s["userId"] == "u1")
        part = load_cohort(root).scores
        part = part[(part["assignment"] == name) & (part["student"] == "amina")]
        assert amina["scoreGiven"] == pytest.approx(part["score"].sum())
        pending = "PendingManual" if part["to_mark"].any() else "FullyGraded"
        assert amina["gradingProgress"] == pending

        double.tool_key = rsa_pair(tmp_path, "other")[1]  # the platform no longer knows our key
        code, err = run_kit(argv, capsys)
        assert code == 2
        assert err.count("\n") == 2  # the count line, then one error line
        assert "not sent (the gradebook is unchanged): amina (HTTP 401" in err
        assert all(s in err for s in ("bruno", "chen", "dara", "emeka"))
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    finally:
        server.shutdown()
        server.server_close()
