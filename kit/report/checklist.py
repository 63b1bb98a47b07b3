"""Exporting the checklist itself (JSON, Markdown, Excel) with its paragraph references."""

from __future__ import annotations

import json
from typing import Any

from openpyxl import Workbook

from kit import i18n
from kit.framework import Framework
from kit.io.xlsx import workbook_bytes

_ = i18n.translator("assessment")


def checklist_data(framework: Framework) -> dict[str, Any]:
    """The framework as plain data, in checklist order."""
    return {
        "id": framework.id,
        "title": framework.title,
        "version": framework.version,
        "source": framework.source,
        "target_level": framework.target_level,
        "scale": framework.scale,
        "bands": [{"min": b.min, "label": b.label} for b in framework.bands],
        "areas": [
            {
                "id": area.id,
                "title": area.title,
                "rule": area.rule,
                "weight": area.weight,
                "paragraphs": list(area.paragraphs),
                "items": [
                    {
                        "id": item.id,
                        "title": item.title,
                        "recommendation": item.recommendation,
                        "paragraphs": list(item.paragraphs),
                        "levels": item.levels,
                        "evidence": list(item.evidence),
                        "cadres": list(item.cadres),
                        "modules": list(item.modules),
                        "weight": item.weight,
                    }
                    for item in area.items
                ],
            }
            for area in framework.areas
        ],
    }


def checklist_json(framework: Framework) -> str:
    """The checklist as JSON text."""
    return json.dumps(checklist_data(framework), indent=2, ensure_ascii=False) + "\n"


def _paras(paragraphs: tuple[int, ...]) -> str:
    if not paragraphs:
        return _("no paragraph reference")
    return _("paras {numbers}").format(numbers=", ".join(map(str, paragraphs)))


def checklist_markdown(framework: Framework) -> str:
    """The checklist as a Markdown document a ministry can print, in the framework's language
    (``load_framework(..., lang=)``) with headings in the current language."""
    lines = [
        f"# {framework.title}",
        "",
        _("Framework `{id}` version {version}.").format(id=framework.id, version=framework.version),
        _("Source: {source}").format(source=framework.source),
        "",
    ]
    if framework.language != "en":
        lines += [
            _(
                "This checklist is a machine-assisted translation of the English original, not "
                "yet reviewed by a native-speaking subject expert; the English text prevails."
            ),
            "",
        ]
    for area in framework.areas:
        rule = _("weakest link") if area.rule == "weakest_link" else _("mean of items")
        heading = _("{title} ({paragraphs}; scored as {rule})").format(
            title=area.title, paragraphs=_paras(area.paragraphs), rule=rule
        )
        lines += [f"## {heading}", ""]
        for item in area.items:
            lines += [
                f"### `{item.id}` {item.title} ({_paras(item.paragraphs)})",
                "",
                item.recommendation,
                "",
            ]
            lines += [f"- **{level}**: {text}" for level, text in item.levels.items()]
            modules = ", ".join(framework.modules.get(m, m) for m in item.modules)
            lines += [
                "",
                _("Evidence: {list}").format(list="; ".join(item.evidence)),
                _("Cadres: {list}").format(
                    list=", ".join(framework.cadres.get(c, c) for c in item.cadres)
                ),
                _("Modules: {list}").format(list=modules or _("none in this kit")),
                "",
            ]
    return "\n".join(lines)


def checklist_xlsx(framework: Framework) -> bytes:
    """The checklist as one Excel sheet, a row per item."""
    wb = Workbook()
    sheet = wb.active
    sheet.title = _("Checklist")
    sheet.append(
        [
            "area",
            "item_id",
            "title",
            "recommendation",
            "paragraphs",
            *[f"level {n}" for n in range(5)],
            "evidence",
            "cadres",
            "modules",
            "weight",
        ]
    )
    for area in framework.areas:
        for item in area.items:
            sheet.append(
                [
                    area.title,
                    item.id,
                    item.title,
                    item.recommendation,
                    ", ".join(map(str, item.paragraphs)),
                    *item.levels.values(),
                    "; ".join(item.evidence),
                    ", ".join(item.cadres),
                    ", ".join(item.modules),
                    item.weight,
                ]
            )
    return workbook_bytes(wb)
