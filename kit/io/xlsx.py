"""The Excel response template: writing it for a ministry and reading it back filled in."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from kit import i18n
from kit.errors import KitError
from kit.framework import Framework
from kit.responses import ResponseSet, build_response_set

TEMPLATE_VERSION = "kit-template/1"
ABOUT = "About"
RESPONSES = "Responses"
RESPONSE_COLUMNS = ("item_id", "area", "title", "level", "na_reason", "evidence", "comment")
LEVEL_CHOICES = '"0,1,2,3,4,N/A,don\'t know"'
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
#: Columns read from a sheet: the template has seven; more are a user's notes, ignored.
MAX_COLUMNS = 30

_ = i18n.translator("assessment")


def header_row(sheet: Any, titles: tuple[str, ...] | list[str]) -> None:
    """Append a row of column titles in the header style."""
    sheet.append(list(titles))
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL


def template_xlsx(
    framework: Framework, country: str = "", ministry: str = "", round_: str = ""
) -> bytes:
    """The Excel response template: sheets About, Responses (a row per item) and Levels.

    The instructions are in the current language and the titles and descriptors in
    ``framework``'s (``load_framework(..., lang=)``). What a ministry fills in stays
    language-neutral: the sheet names, field names and level choices (0-4, ``N/A``,
    ``don't know``) are the same in every language, so that files filled in French and in
    Arabic consolidate as one. Sheets read right to left in Arabic.
    """
    wb = Workbook()
    about = wb.active
    about.title = ABOUT
    about.append([_("Fill in the yellow cells, then answer every item on the Responses sheet.")])
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
    check.error = _("Choose 0-4, N/A (with a reason) or don't know.")
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
    if i18n.current() != i18n.SOURCE_LANGUAGE:
        # Below the fields the reader needs, so that the template's layout is unchanged.
        about.append([])
        about.append(
            [
                _(
                    "In the level column, choose 0 to 4, N/A (not applicable: give the reason "
                    "in na_reason) or don't know. These choices, the sheet names and the field "
                    "names stay in English so that every ministry's file can be read together."
                )
            ]
        )
        about.append([_("The level descriptors of each item are on the Levels sheet.")])
    if i18n.direction() == "rtl":
        for ws in wb.worksheets:
            ws.sheet_view.rightToLeft = True
    return workbook_bytes(wb)


def workbook_bytes(wb: Workbook) -> bytes:
    """A workbook saved to bytes (written to disk by one atomic write)."""
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


Rows = list[tuple[Any, ...]]


def read_workbook(data: bytes, source: str) -> dict[str, Rows]:
    """Every sheet of an Excel workbook as lists of cell values (the template is small)."""
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return {
                name: [
                    tuple(row) for row in wb[name].iter_rows(max_col=MAX_COLUMNS, values_only=True)
                ]
                for name in wb.sheetnames
                if name in (ABOUT, RESPONSES)
            }
        finally:
            wb.close()
    except Exception:  # a damaged file upsets openpyxl in many ways
        raise KitError(
            _("not a readable Excel .xlsx file (damaged, or another kind of file)"), file=source
        ) from None


def template_answers(sheets: dict[str, Rows], framework: Framework, source: str) -> ResponseSet:
    """Check a filled template's sheets (About's header, the Responses rows) and build answers."""
    if ABOUT not in sheets or RESPONSES not in sheets:
        raise KitError(
            _(
                "not a kit response template (needs sheets '{about}' and '{responses}'); "
                "write one with `kit template --format xlsx`"
            ).format(about=ABOUT, responses=RESPONSES),
            file=source,
        )
    header = {
        str(row[0]).strip(): row[1] if len(row) > 1 else None
        for row in sheets[ABOUT][1:]
        if row and row[0] is not None
    }
    version = header.get("template_version")
    if version != TEMPLATE_VERSION:
        raise KitError(
            _(
                "template version {found} is not {expected}; "
                "copy the answers into a new template from `kit template --format xlsx`"
            ).format(found=repr(version), expected=TEMPLATE_VERSION),
            file=source,
        )
    rows = sheets[RESPONSES]
    titles = [str(t).strip() if t is not None else "" for t in (rows[0] if rows else ())]
    for column in ("item_id", "level"):
        if column not in titles:
            raise KitError(
                _("sheet {sheet}: missing column '{column}'").format(
                    sheet=RESPONSES, column=column
                ),
                file=source,
            )
    answers = []
    for number, values in enumerate(rows[1:], start=2):
        row = dict(zip(titles, values, strict=False))
        if any(v is not None and str(v).strip() for v in row.values()):
            answers.append((f"sheet {RESPONSES} row {number}", row))
    return build_response_set(header, answers, framework, source)


def parse_xlsx(data: bytes, framework: Framework, source: str) -> ResponseSet:
    """Read a filled Excel template (.xlsx) from its bytes."""
    return template_answers(read_workbook(data, source), framework, source)
