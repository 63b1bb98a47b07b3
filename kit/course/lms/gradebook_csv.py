"""The gradebook as the CSV a learning platform's grade import reads.

Layouts (checked against each platform's importer):

- ``moodle-csv``: Moodle's "Import grades from CSV" maps one identifier column to a user field
  (ID number, email address, username) and each further column to a grade item; the trainer
  picks the mapping on the import page. We write the identifier column, the full name (ignored on
  import, helps the trainer check) and one column of points per assignment.
- ``canvas-csv``: Canvas's gradebook import expects its own export's layout: ``Student``, ``ID``,
  ``SIS User ID``, ``SIS Login ID``, ``Section``, then one column per assignment, and an optional
  second row ``Points Possible``. Canvas matches on ``ID`` (its user id) or the SIS columns; a
  column named after a new assignment creates it on import.
- ``csv``: the kit's own plain layout: student, name, identifier, points per assignment, total,
  maximum.

Officials without a platform identifier cannot be matched by the platform: they are left out of
the platform layouts and named by the caller; the plain layout keeps them with an empty id.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

from kit.course.lms.identifiers import Matched

FORMATS = ("moodle-csv", "canvas-csv", "csv")
MOODLE_ID_HEADER = {"lms_id": "ID number", "email": "Email address"}
CANVAS_FIXED = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


def points_table(scores: pd.DataFrame, students: list[str], assignments: list[str]) -> dict:
    """Points per official and assignment (None where nothing was submitted) and each
    assignment's maximum, from the cohort's per-question scores."""
    part = scores[scores["assignment"].isin(assignments)]
    got = part.groupby(["student", "assignment"])["score"].sum()
    maximum = part.drop_duplicates(["assignment", "question"]).groupby("assignment")["max_score"]
    maxima = {a: float(maximum.sum().get(a, 0.0)) for a in assignments}
    points = {
        s: {a: (float(got[(s, a)]) if (s, a) in got.index else None) for a in assignments}
        for s in students
    }
    return {"points": points, "maxima": maxima}


def _number(value: float | None) -> str:
    """Points as the importers read them: plain decimal with a dot, empty when not submitted."""
    if value is None:
        return ""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def render(
    layout: str,
    table: dict,
    assignments: list[str],
    matched: Matched,
    names: dict[str, str],
    titles: dict[str, str],
) -> bytes:
    """The CSV file's bytes (UTF-8, CRLF line ends as both platforms' exports use)."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\r\n")
    points, maxima = table["points"], table["maxima"]
    columns = [titles.get(a, a) for a in assignments]
    if layout == "moodle-csv":
        out.writerow([MOODLE_ID_HEADER.get(matched.column, matched.column), "Full name", *columns])
        for student, ident in matched.ids.items():
            row = [_number(points[student][a]) for a in assignments]
            out.writerow([ident, names.get(student, student), *row])
    elif layout == "canvas-csv":
        out.writerow([*CANVAS_FIXED, *columns])
        out.writerow(
            ["Points Possible", "", "", "", "", *(_number(maxima[a]) for a in assignments)]
        )
        for student, ident in matched.ids.items():
            canvas_id = ident if matched.column == "lms_id" else ""
            login = ident if matched.column == "email" else ""
            row = [_number(points[student][a]) for a in assignments]
            out.writerow([names.get(student, student), canvas_id, "", login, "", *row])
    else:
        out.writerow(["student", "name", matched.column, *assignments, "total", "max_total"])
        for student in points:
            row = [points[student][a] for a in assignments]
            total = sum(v for v in row if v is not None)
            out.writerow(
                [
                    student,
                    names.get(student, student),
                    matched.ids.get(student, ""),
                    *(_number(v) for v in row),
                    _number(total),
                    _number(sum(maxima.values())),
                ]
            )
    return buffer.getvalue().encode("utf-8")
