"""The report as an Excel workbook: Summary, Areas, Items (by ministry), Gap plan, Trend."""

from __future__ import annotations

from typing import Any

from openpyxl import Workbook

from kit.assessment import Assessment
from kit.io.xlsx import header_row, workbook_bytes
from kit.report.data import report_data


def render_xlsx(assessment: Assessment, data: dict[str, Any] | None = None) -> bytes:
    """The report as a workbook: Summary, Areas, Items (by ministry), Gap plan, Trend."""
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
    return workbook_bytes(wb)
