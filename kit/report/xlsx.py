"""The report as an Excel workbook: Summary, Areas, Items (by ministry), Gap plan, Trend,
crosswalks and the evidence annex.

Ministries type evidence and comments freely; a comment such as ``=HYPERLINK(...)`` or
``+1 call me`` must never become a formula. Every text cell of the report is therefore written
as a string (data type ``s``), and text that starts like a formula also gets Excel's quote
prefix, so re-typing the cell in Excel keeps it text too.
"""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell

from kit import i18n
from kit.assessment import Assessment
from kit.framework_translation import translated
from kit.io.xlsx import header_row, workbook_bytes
from kit.report import words
from kit.report.data import report_data

_ = i18n.translator("assessment")

#: What a spreadsheet reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")


def as_text(cell: Cell) -> None:
    """Keep a text cell text: never a formula, whatever its first character."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True


def text_only(wb: Workbook) -> Workbook:
    """Make every text cell of a workbook a plain string (the report writes no formula)."""
    for sheet in wb.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                as_text(cell)
    return wb


def render_xlsx(assessment: Assessment, data: dict[str, Any] | None = None) -> bytes:
    """The report as a workbook: Summary, Areas, Items (by ministry), Gap plan, Trend,
    one sheet per crosswalk and the Evidence annex.

    In the current language: sheet names, the summary's labels, the checklist's texts and
    words; the column headers of the data sheets are field names (``item_id``, ``percent``),
    the same in every language so that a program reading the workbook reads them all. Sheets
    read right to left in Arabic.
    """
    if data is None:
        data = report_data(assessment)
    fw = translated(assessment.framework, i18n.current())
    wb = Workbook()
    summary = wb.active
    summary.title = _("Summary")
    for row in [
        (_("Country"), data["country"]),
        (_("Round"), data["round"]),
        (_("Framework"), f"{fw.id} {fw.version}"),
        (_("Ministries"), ", ".join(data["ministries"])),
        (_("Overall %"), data["consolidated"]["percent"]),
        (_("Band"), fw.band(data["consolidated"]["percent"])),
        (_("Coherence %"), data["coherence"]["overall"]),
        (_("Completeness %"), data["consolidated"]["completeness"]),
    ]:
        summary.append(list(row))
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 50

    areas = wb.create_sheet(_("Areas"))
    header_row(
        areas,
        [
            "area_id",
            "title",
            "rule",
            "percent",
            "band",
            "completeness",
            "evidence_coverage",
            "coherence",
        ],
    )
    for area in fw.areas:
        a = data["consolidated"]["areas"][area.id]
        areas.append(
            [
                area.id,
                area.title,
                words.area_rule(a["rule"]),
                a["percent"],
                fw.band(a["percent"]),
                a["completeness"],
                a["evidence_coverage"],
                data["coherence"]["areas"][area.id],
            ]
        )

    items = wb.create_sheet(_("Items"))
    ministries = data["ministries"]
    header_row(
        items,
        [
            "item_id",
            "title",
            "paragraphs",
            *ministries,
            "consolidated",
            "percent",
            "coherence",
            "flagged",
        ],
    )
    for item in fw.items.values():
        by_ministry = [words.answer_label(rs.answer(item.id)) for rs in assessment.response_sets]
        c = data["coherence"]["items"][item.id]
        scored = data["consolidated"]["items"][item.id]
        items.append(
            [
                item.id,
                item.title,
                ", ".join(map(str, item.paragraphs)),
                *by_ministry,
                words.answer_label(assessment.consolidation.answers[item.id]),
                scored["percent"],
                c["coherence"],
                _("yes") if c["flagged"] else "",
            ]
        )

    plan = wb.create_sheet(_("Gap plan"))
    header_row(
        plan, ["rank", "item_id", "title", "level", "target", "priority", "modules", "cadres"]
    )
    for rank, g in enumerate(data["gaps"], start=1):
        plan.append(
            [
                rank,
                g["item_id"],
                fw.items[g["item_id"]].title if g["item_id"] in fw.items else g["title"],
                g["level"],
                g["target"],
                g["priority"],
                ", ".join(g["modules"]),
                ", ".join(g["cadres"]),
            ]
        )

    if data["trend"]:
        trend = wb.create_sheet(_("Trend"))
        t = data["trend"]
        header_row(trend, ["area_id", t["previous_round"], t["current_round"], "change"])
        for area_id, change in t["areas"].items():
            trend.append([area_id, change["previous"], change["current"], change["change"]])
        overall = t["overall"]
        trend.append(["overall", overall["previous"], overall["current"], overall["change"]])

    for cw in data["crosswalks"]:
        sheet = wb.create_sheet(_("By {crosswalk}").format(crosswalk=cw["id"])[:31])
        header_row(sheet, ["domain_id", "domain", "percent", "items_mapped", "items_applicable"])
        for d in cw["domains"]:
            sheet.append(
                [d["id"], d["title"], d["percent"], d["mapped_items"], d["applicable_items"]]
            )

    evidence = wb.create_sheet(_("Evidence"))
    header_row(
        evidence,
        [
            "item_id",
            "title",
            "consolidated",
            "ministry",
            "level",
            "na_reason",
            "evidence",
            "comment",
        ],
    )
    for e in data["evidence"]:
        for ministry, a in e["ministries"].items():
            evidence.append(
                [
                    e["item_id"],
                    fw.items[e["item_id"]].title if e["item_id"] in fw.items else e["title"],
                    e["consolidated"],
                    ministry,
                    a["level"],
                    a["na_reason"],
                    a["evidence"],
                    a["comment"],
                ]
            )
    for column, width in zip("ABCDEFGH", (28, 40, 12, 28, 10, 30, 60, 60), strict=True):
        evidence.column_dimensions[column].width = width
    if i18n.direction() == "rtl":
        for sheet in wb.worksheets:
            sheet.sheet_view.rightToLeft = True
    return workbook_bytes(text_only(wb))
