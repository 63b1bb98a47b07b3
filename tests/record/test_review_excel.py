"""The Review sheet of the Excel template: comments out to Excel, responses back in."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kit.cli import main
from kit.dashboard.session import Session
from kit.errors import KitError
from kit.framework import load_framework
from kit.io.review import load_review, new_comment, review_path, save_changes
from kit.io.review_xlsx import read_review_sheet

GCIM = load_framework("gcim-2005")
FORMULA = '=HYPERLINK("http://x","click")'


def template(data: Path, out: Path) -> bytes:
    argv = ["template", "--format", "xlsx", "--out", str(out), "--country", "Utopia"]
    assert (
        main([*argv, "--ministry", "Ministry of Labour", "--round", "2025", "--dir", str(data)])
        == 0
    )
    return out.read_bytes()


def test_round_trip_through_excel(data: Path, tmp_path: Path) -> None:
    """Does a response typed on the Review sheet reach review.csv when the workbook is imported,
    with formula-looking text kept as text both ways?"""
    path = review_path(data, "utopia", "2025")
    [c] = save_changes(path, [new_comment("objectives.integration", "Expert", FORMULA)])
    raw = template(data, tmp_path / "t.xlsx")
    wb = load_workbook(io.BytesIO(raw))
    sheet = wb["Review"]
    comment_cell = sheet.cell(row=2, column=5)
    assert comment_cell.value == FORMULA and comment_cell.data_type == "s"
    # The ministry answers in Excel (a response that looks like a formula, too).
    titles = [cell.value for cell in sheet[1]]
    sheet.cell(row=2, column=titles.index("response") + 1).value = "+ see Decree 12"
    sheet.cell(row=2, column=titles.index("response") + 1).data_type = "s"
    sheet.cell(row=2, column=titles.index("status") + 1).value = "answered"
    filled = io.BytesIO()
    wb.save(filled)
    session = Session(data, GCIM)
    notice = session.import_file("labour-filled.xlsx", filled.getvalue())
    assert "1 review comment(s) updated" in notice.text
    [back] = load_review(path, GCIM)
    assert (back.id, back.comment, back.response, back.status, back.version) == (
        c.id,
        FORMULA,
        "+ see Decree 12",
        "answered",
        2,
    )


def test_no_review_no_sheet(data: Path, tmp_path: Path) -> None:
    """Without review comments, is the template the same workbook as before (no Review sheet)?"""
    raw = template(data, tmp_path / "t.xlsx")
    assert "Review" not in load_workbook(io.BytesIO(raw)).sheetnames


def test_bad_status_on_sheet_named(data: Path, tmp_path: Path) -> None:
    """Is a status typed wrong on the Review sheet one error naming the sheet and row?"""
    save_changes(
        review_path(data, "utopia", "2025"), [new_comment("objectives.integration", "E", "Why?")]
    )
    wb = load_workbook(io.BytesIO(template(data, tmp_path / "t.xlsx")))
    wb["Review"].cell(row=2, column=7).value = "done"
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(KitError, match=r"t.xlsx: sheet Review row 2: status 'done'"):
        read_review_sheet(buffer.getvalue(), "t.xlsx", GCIM)
