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

from kit.assessment import Assessment
from kit.io.xlsx import header_row, workbook_bytes
from kit.report.data import report_data

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
    one sheet per crosswalk and the Evidence annex."""
    if data is None:
        data = report_data(assessment)
    fw = assessment.framework
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    for row in [
        ("Country", data["country"]),
        ("Round", data["round"]),
        ("Framework", f"{fw.id} {fw.version}"),
        ("Ministries", ", ".join(data["ministries"])),
        ("Overall %", data["consolidated"]["percent"]),
        ("Band", data["consolidated"]["band"]),
        ("Coherence %", data["coherence"]["overall"]),
        ("Completeness %", data["consolidated"]["completeness"]),
    ]:
        summary.append(list(row))
    summary.column_dimensions["A"].width = 18
    summary.column_dimensions["B"].width = 50

    areas = wb.create_sheet("Areas")
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
                a["rule"],
                a["percent"],
                a["band"],
                a["completeness"],
                a["evidence_coverage"],
                data["coherence"]["areas"][area.id],
            ]
        )

    items = wb.create_sheet("Items")
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
        by_ministry = [rs.answer(item.id).label for rs in assessment.response_sets]
        c = data["coherence"]["items"][item.id]
        scored = data["consolidated"]["items"][item.id]
        items.append(
            [
                item.id,
                item.title,
                ", ".join(map(str, item.paragraphs)),
                *by_ministry,
                assessment.consolidation.answers[item.id].label,
                scored["percent"],
                c["coherence"],
                "yes" if c["flagged"] else "",
            ]
        )

    plan = wb.create_sheet("Gap plan")
    header_row(
        plan, ["rank", "item_id", "title", "level", "target", "priority", "modules", "cadres"]
    )
    for rank, g in enumerate(data["gaps"], start=1):
        plan.append(
            [
                rank,
                g["item_id"],
                g["title"],
                g["level"],
                g["target"],
                g["priority"],
                ", ".join(g["modules"]),
                ", ".join(g["cadres"]),
            ]
        )

    if data["trend"]:
        trend = wb.create_sheet("Trend")
        t = data["trend"]
        header_row(trend, ["area_id", t["previous_round"], t["current_round"], "change"])
        for area_id, change in t["areas"].items():
            trend.append([area_id, change["previous"], change["current"], change["change"]])
        overall = t["overall"]
        trend.append(["overall", overall["previous"], overall["current"], overall["change"]])

    for cw in data["crosswalks"]:
        sheet = wb.create_sheet(f"By {cw['id']}"[:31])
        header_row(sheet, ["domain_id", "domain", "percent", "items_mapped", "items_applicable"])
        for d in cw["domains"]:
            sheet.append(
                [d["id"], d["title"], d["percent"], d["mapped_items"], d["applicable_items"]]
            )

    evidence = wb.create_sheet("Evidence")
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
                    e["title"],
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
    return workbook_bytes(text_only(wb))
