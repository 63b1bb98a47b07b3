"""The review in the report: PEFA's comments-and-responses matrix in the HTML and JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kit.cli import main
from kit.io.review import new_comment, review_path, save_changes


def assess(data: Path, out: Path) -> int:
    files = sorted(str(p) for p in (data / "utopia" / "2025").glob("*.csv"))
    return main(["assess", *files, "--out", str(out)])


def test_matrix_in_html_and_json(data: Path, tmp_path: Path) -> None:
    """Does `kit assess` show each comment, response and status, with typed markup escaped?"""
    path = review_path(data, "utopia", "2025")
    [c] = save_changes(
        path,
        [
            new_comment(
                "objectives.integration", "Expert <i>X</i>", "Why N/A?", "Ministry of Labour"
            )
        ],
    )
    save_changes(path, [replace(c, response="Interior's remit", status="accepted")])
    assert assess(data, tmp_path / "r.html") == 0
    html = (tmp_path / "r.html").read_text()
    matrix = html[html.index('<table id="review-matrix">') :]
    assert "Expert &lt;i&gt;X&lt;/i&gt;" in matrix and "<i>X</i>" not in html
    assert "Interior&#39;s remit" in matrix and "<td>accepted</td>" in matrix
    assert "Integration, rights and obligations" in matrix
    assert assess(data, tmp_path / "r.json") == 0
    [row] = json.loads((tmp_path / "r.json").read_text())["review"]
    assert (row["item_id"], row["status"], row["response"]) == (
        "objectives.integration",
        "accepted",
        "Interior's remit",
    )


def test_no_review_no_matrix(data: Path, tmp_path: Path) -> None:
    """Without a review file, is there no matrix and no 'review' key (reports as before)?"""
    assert assess(data, tmp_path / "r.html") == 0
    assert "review-matrix" not in (tmp_path / "r.html").read_text()
    assert assess(data, tmp_path / "r.json") == 0
    assert "review" not in json.loads((tmp_path / "r.json").read_text())


def test_bad_review_file_stops_the_report(data: Path, tmp_path: Path, capsys) -> None:
    """Is a damaged review.csv one line naming file and row, exit 2, no report written?"""
    review_path(data, "utopia", "2025").write_text(
        "id,item_id,reviewer,comment,status\nc1,objectives.integration,X,Why?,maybe\n"
    )
    assert assess(data, tmp_path / "r.html") == 2
    assert "review.csv: row 2: status 'maybe'" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
