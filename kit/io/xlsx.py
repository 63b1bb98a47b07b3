"""The Excel response template: writing it for a ministry and reading it back filled in."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from kit.errors import KitError
from kit.framework import Framework

TEMPLATE_VERSION = "kit-template/1"
ABOUT = "About"
RESPONSES = "Responses"
RESPONSE_COLUMNS = ("item_id", "area", "title", "level", "na_reason", "evidence", "comment")
LEVEL_CHOICES = '"0,1,2,3,4,N/A,don\'t know"'
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")


def header_row(sheet: Any, titles: tuple[str, ...] | list[str]) -> None:
    """Append a row of column titles in the header style."""
    sheet.append(list(titles))
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL


def write_template(
    framework: Framework, path: str | Path, country: str = "", ministry: str = "", round_: str = ""
) -> None:
    """Write the Excel response template: sheets About, Responses (a row per item) and Levels."""
    wb = Workbook()
    about = wb.active
    about.title = ABOUT
    about.append(["Fill in the yellow cells, then answer every item on the Responses sheet."])
    rows = [
        ("template_version", TEMPLATE_VERSION),
        ("framework", framework.id),
        ("framework_version", framework.version),
        ("country", country),
        ("ministry", ministry),
        ("round", round_),
    ]
    for key, value in rows:
        about.append([key, value])
    for row in range(5, 8):
        about.cell(row=row, column=2).fill = PatternFill("solid", fgColor="FFF2CC")
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 40

    sheet = wb.create_sheet(RESPONSES)
    header_row(sheet, RESPONSE_COLUMNS)
    for item in framework.items.values():
        sheet.append([item.id, framework.area(item.area_id).title, item.title, None, None, None])
    check = DataValidation(type="list", formula1=LEVEL_CHOICES, allow_blank=True)
    check.error = "Choose 0-4, N/A (with a reason) or don't know."
    sheet.add_data_validation(check)
    check.add(f"D2:D{sheet.max_row}")
    for column, width in zip("ABCDEFG", (34, 34, 40, 11, 30, 50, 40), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "D2"

    levels = wb.create_sheet("Levels")
    header_row(levels, ["item_id", "title", "paragraphs", *[f"level {n}" for n in range(5)]])
    for item in framework.items.values():
        paragraphs = ", ".join(map(str, item.paragraphs))
        levels.append([item.id, item.title, paragraphs, *item.levels.values()])
    for row in levels.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    wb.save(path)


def read_response_workbook(path: Path) -> tuple[dict[str, Any], Iterator[tuple[str, dict]]]:
    """Read a filled template: the About sheet's header and the Responses rows with row numbers."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError):
        raise KitError(f"{path}: not a readable Excel .xlsx file") from None
    if ABOUT not in wb.sheetnames or RESPONSES not in wb.sheetnames:
        raise KitError(
            f"{path}: not a kit response template (needs sheets '{ABOUT}' and '{RESPONSES}'); "
            "write one with `kit template --format xlsx`"
        )
    header = {
        str(row[0]).strip(): row[1]
        for row in wb[ABOUT].iter_rows(min_row=2, max_col=2, values_only=True)
        if row[0] is not None
    }
    version = header.get("template_version")
    if version != TEMPLATE_VERSION:
        raise KitError(
            f"{path}: template version {version!r} is not {TEMPLATE_VERSION}; "
            "copy the answers into a new template from `kit template --format xlsx`"
        )
    sheet = wb[RESPONSES]
    rows = sheet.iter_rows(values_only=True)
    titles = [str(t).strip() if t is not None else "" for t in next(rows, ())]
    for column in ("item_id", "level"):
        if column not in titles:
            raise KitError(f"{path}: sheet {RESPONSES}: missing column '{column}'")

    def answers() -> Iterator[tuple[str, dict]]:
        for number, values in enumerate(rows, start=2):
            row = dict(zip(titles, values, strict=False))
            if any(v is not None and str(v).strip() for v in row.values()):
                yield f"sheet {RESPONSES} row {number}", row

    return header, answers()
