"""The Review sheet of the Excel template: the round's comments, answered in Excel, read back.

``kit template --format xlsx --data DIR`` adds the round's review comments as a sheet "Review";
the ministry types its responses and statuses there, and importing the workbook (the dashboard's
Import button) merges them into ``review.csv`` by comment id, refusing a comment someone changed
since the workbook was written (its ``version``). Text typed by people is written as text, never
as a formula: a comment starting with ``=``, ``+``, ``-`` or ``@`` stays what was typed.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook, load_workbook

from kit import i18n
from kit.errors import KitError
from kit.framework import Framework
from kit.io.review import COLUMNS, Comment, comments_from_rows, load_review, save_changes
from kit.io.xlsx import header_row, workbook_bytes

_ = i18n.translator("kit")

REVIEW_SHEET = "Review"


def add_review_sheet(workbook: bytes, comments: list[Comment]) -> bytes:
    """The workbook with a Review sheet holding ``comments`` (unchanged when there are none)."""
    if not comments:
        return workbook
    wb = load_workbook(io.BytesIO(workbook))
    write_sheet(wb, comments)
    return workbook_bytes(wb)


def write_sheet(wb: Workbook, comments: list[Comment]) -> None:
    """Add the Review sheet: a row per comment, every cell a string."""
    sheet = wb.create_sheet(REVIEW_SHEET)
    header_row(sheet, COLUMNS)
    for number, comment in enumerate(comments, start=2):
        for column, name in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=number, column=column)
            cell.value = str(getattr(comment, name))
            # openpyxl makes any string starting with "=" a formula; force text instead.
            cell.data_type = "s"
    for column, width in zip("ABCDEFGHI", (10, 30, 24, 24, 50, 50, 11, 8, 22), strict=True):
        sheet.column_dimensions[column].width = width


def read_review_sheet(
    data: bytes, source: str, framework: Framework | None = None
) -> list[Comment] | None:
    """The comments of a workbook's Review sheet (None when it has none)."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a damaged file upsets openpyxl in many ways
        raise KitError(_("not a readable Excel .xlsx file"), file=source) from None
    try:
        if REVIEW_SHEET not in wb.sheetnames:
            return None
        rows = list(wb[REVIEW_SHEET].iter_rows(max_col=len(COLUMNS) + 5, values_only=True))
    finally:
        wb.close()
    titles = [str(t).strip().lower() if t is not None else "" for t in (rows[0] if rows else ())]
    pairs = (
        (f"sheet {REVIEW_SHEET} row {n}", dict(zip(titles, values, strict=False)))
        for n, values in enumerate(rows[1:], start=2)
    )
    return comments_from_rows(titles, pairs, source, framework)


def merge_sheet(review_file: Path, sheet: list[Comment], framework: Framework | None) -> int:
    """Save the comments a workbook's Review sheet changed or added; return how many.

    A comment is changed when its response, status or text differs from the file's; it is saved
    with the version the sheet was written at, so a comment changed since then is refused.
    """
    current = {c.id: c for c in load_review(review_file, framework)}
    changed = [
        c
        for c in sheet
        if c.id not in current
        or (c.comment, c.response, c.status)
        != (current[c.id].comment, current[c.id].response, current[c.id].status)
    ]
    if changed:
        save_changes(review_file, changed, framework)
    return len(changed)
