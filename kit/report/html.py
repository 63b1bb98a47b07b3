"""The offline HTML report: one file, inline CSS and SVG, no script and no request to anywhere."""

from __future__ import annotations

import html
from typing import Any

import jinja2

from kit.assessment import Assessment
from kit.report.data import report_data
from kit.web import theme
from kit.web.theme import LEVEL_COLOURS, NO_LEVEL_COLOUR, level_colour

BAR_WIDTH = 520
ROW_HEIGHT = 26


def _template() -> jinja2.Template:
    # The kit's one jinja environment: its pct/signed/lvl filters show a missing value as "–".
    return theme.environment().get_template("report.html.j2")


def area_bars_svg(rows: list[tuple[str, float | None, str | None]], bands: list[float]) -> str:
    """A horizontal bar chart of area percentages as inline SVG, band thresholds as dashed lines."""
    label_w, height = 340, ROW_HEIGHT * len(rows) + 24
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="bars" '
        f'viewBox="0 0 {label_w + BAR_WIDTH + 70} {height}" '
        f'aria-label="Area scores in percent">'
    ]
    for n, (title, percent, band) in enumerate(rows):
        y = n * ROW_HEIGHT
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end">{html.escape(title)}</text>'
        )
        if percent is None:
            parts.append(
                f'<text x="{label_w + 4}" y="{y + 17}" class="muted">not applicable</text>'
            )
            continue
        width = BAR_WIDTH * percent / 100
        parts.append(
            f'<rect x="{label_w}" y="{y + 4}" width="{width:.1f}" height="{ROW_HEIGHT - 8}" '
            f'fill="{level_colour(min(4, percent // 25))}"><title>{html.escape(title)}: '
            f"{percent:.1f}% ({html.escape(band or '')})</title></rect>"
        )
        parts.append(f'<text x="{label_w + width + 6:.1f}" y="{y + 17}">{percent:.1f}%</text>')
    axis_y = ROW_HEIGHT * len(rows)
    for low in bands:
        x = label_w + BAR_WIDTH * low / 100
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{axis_y}" class="band-line"/>'
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" class="muted">{low:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _context(assessment: Assessment, data: dict[str, Any]) -> dict[str, Any]:
    fw = assessment.framework
    cons = data["consolidated"]
    areas = [
        {
            **cons["areas"][area.id],
            "id": area.id,
            "title": area.title,
            "rule": "weakest link" if area.rule == "weakest_link" else "mean",
            "paragraphs": ", ".join(map(str, area.paragraphs)),
            "coherence": data["coherence"]["areas"][area.id],
            "items": [fw.items[item.id] for item in area.items],
        }
        for area in fw.areas
    ]
    bars = [(a["title"], a["percent"], a["band"]) for a in areas]
    ministries = list(assessment.ministries)
    heat = []
    for area in fw.areas:
        for item in area.items:
            cells = []
            for rs in assessment.response_sets:
                answer = rs.answer(item.id)
                cells.append(
                    {
                        "label": answer.label or "·",
                        "colour": level_colour(answer.level),
                        "title": f"{rs.ministry}: {answer.label or 'unanswered'}",
                    }
                )
            consolidated = assessment.consolidation.answers[item.id]
            coherence = data["coherence"]["items"][item.id]
            heat.append(
                {
                    "item": item,
                    "cells": cells,
                    "consolidated": consolidated.label or "·",
                    "consolidated_colour": level_colour(consolidated.level),
                    "coherence": coherence,
                }
            )
    return {
        "fw": fw,
        "data": data,
        "areas": areas,
        "bars_svg": area_bars_svg(bars, [b.min for b in fw.bands][1:]),
        "ministries": ministries,
        "heat": heat,
        "level_colours": LEVEL_COLOURS,
        "no_level_colour": NO_LEVEL_COLOUR,
        "items": fw.items,
    }


def render_html(assessment: Assessment, data: dict[str, Any] | None = None) -> bytes:
    """The whole report as one HTML page that works with no network (UTF-8 bytes).

    ``data`` is the assessment's ``report_data``, when the caller has built it already.
    """
    if data is None:
        data = report_data(assessment)
    return _template().render(**_context(assessment, data)).encode("utf-8")
