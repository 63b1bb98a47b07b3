"""The offline HTML report: one file, inline CSS and SVG, no script and no request to anywhere."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

import jinja2

from kit import i18n
from kit.assessment import Assessment
from kit.framework_translation import translated
from kit.report import words
from kit.report.data import report_data
from kit.report.radar import petal_svg
from kit.web import theme
from kit.web.theme import LEVEL_COLOURS, NO_LEVEL_COLOUR, level_colour

BAR_WIDTH = 520
ROW_HEIGHT = 26

_ = i18n.translator("assessment")


def _template() -> jinja2.Template:
    # The kit's one jinja environment: its pct/signed/lvl filters show a missing value as "–".
    return theme.environment().get_template("report.html.j2")


def area_bars_svg(
    rows: list[tuple[str, float | None, str | None]], bands: list[float], rtl: bool = False
) -> str:
    """A horizontal bar chart of area percentages as inline SVG, band thresholds as dashed lines.

    ``rtl`` mirrors it for a right-to-left page: labels on the right, bars growing leftwards.
    The SVG keeps ``direction="ltr"`` so that its coordinates and anchors mean the same in any
    page; the text inside each label is still shaped and ordered by the browser.
    """
    # Room for the longest area title (about 7.2 px a character at 13 px): French and Spanish
    # titles run longer than English ones.
    longest = max((len(title) for title, _percent, _band in rows), default=0)
    label_w, height = max(340, int(7.2 * longest) + 16), ROW_HEIGHT * len(rows) + 24
    total = label_w + BAR_WIDTH + 70

    def x_of(x: float) -> float:  # a position measured from the label side
        return total - x if rtl else x

    start, end = ("start", "end") if rtl else ("end", "start")
    chart_name, not_applicable = _("Area scores in percent"), _("not applicable")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="bars" font-size="13" '
        f'direction="ltr" viewBox="0 0 {total} {height}" '
        f'aria-label="{html.escape(chart_name)}">'
    ]
    for n, (title, percent, band) in enumerate(rows):
        y = n * ROW_HEIGHT
        parts.append(
            f'<text x="{x_of(label_w - 8):.1f}" y="{y + 17}" text-anchor="{start}">'
            f"{html.escape(title)}</text>"
        )
        if percent is None:
            parts.append(
                f'<text x="{x_of(label_w + 4):.1f}" y="{y + 17}" text-anchor="{end}" '
                f'class="muted">{html.escape(not_applicable)}</text>'
            )
            continue
        width = BAR_WIDTH * percent / 100
        left = x_of(label_w + width) if rtl else label_w
        shown = html.escape(theme.pct(percent))
        parts.append(
            f'<rect x="{left:.1f}" y="{y + 4}" width="{width:.1f}" height="{ROW_HEIGHT - 8}" '
            f'fill="{level_colour(min(4, percent // 25))}"><title>{html.escape(title)}: '
            f"{shown} ({html.escape(band or '')})</title></rect>"
        )
        parts.append(
            f'<text x="{x_of(label_w + width + 6):.1f}" y="{y + 17}" text-anchor="{end}">'
            f"{shown}</text>"
        )
    axis_y = ROW_HEIGHT * len(rows)
    for low in bands:
        x = x_of(label_w + BAR_WIDTH * low / 100)
        parts.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{axis_y}" class="band-line"/>'
            f'<text x="{x:.1f}" y="{axis_y + 16}" text-anchor="middle" class="muted">'
            f"{i18n.format_number(low)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def _context(assessment: Assessment, data: dict[str, Any]) -> dict[str, Any]:
    # The texts in the current language; ids, levels and numbers are the assessment's own.
    fw = translated(assessment.framework, i18n.current())
    rtl = i18n.direction() == "rtl"
    cons = data["consolidated"]
    areas = [
        {
            **cons["areas"][area.id],
            "id": area.id,
            "title": area.title,
            "band": fw.band(cons["areas"][area.id]["percent"]),
            "rule": words.area_rule(area.rule),
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
                label = words.answer_label(answer) or _("unanswered")
                cells.append(
                    {
                        "label": words.answer_label(answer) or "·",
                        "colour": level_colour(answer.level),
                        "title": f"{rs.ministry}: {label}",
                    }
                )
            consolidated = assessment.consolidation.answers[item.id]
            coherence = data["coherence"]["items"][item.id]
            heat.append(
                {
                    "item": item,
                    "cells": cells,
                    "consolidated": words.answer_label(consolidated) or "·",
                    "consolidated_colour": level_colour(consolidated.level),
                    "coherence": coherence,
                }
            )
    return {
        "fw": fw,
        "data": data,
        "areas": areas,
        "bars_svg": area_bars_svg(bars, [b.min for b in fw.bands][1:], rtl=rtl),
        "radar_svg": petal_svg([(a["title"], a["percent"]) for a in areas], rtl=rtl),
        "ministries": ministries,
        "heat": heat,
        "level_colours": LEVEL_COLOURS,
        "no_level_colour": NO_LEVEL_COLOUR,
        "items": fw.items,
        **language_context(),
        "band_list": words.band_list(fw),
        "rule_name": words.consolidation_rule,
        "status": words.status,
        # The annex holds answers as written in the data ("2", "N/A", "don't know").
        "level_word": _level_word,
        "number": lambda x, digits=None: i18n.format_number(x, digits=digits),
        "today": i18n.format_date(dt.date.today()),
    }


def _level_word(label: str | None) -> str:
    """An answer label of the report data ("2.5", "N/A", "don't know") in the current language."""
    if not label:
        return ""
    if label == "N/A":
        return _("N/A")
    if label == "don't know":
        return _("don't know")
    try:
        return i18n.format_number(float(label))
    except ValueError:
        return label


def language_context() -> dict[str, Any]:
    """What every report template needs to speak the current language: ``_``, ``_n`` (plurals),
    ``lang`` and ``direction`` (``rtl`` for Arabic)."""
    return {
        "_": _,
        "_n": lambda one, many, n: i18n.ngettext("assessment", one, many, n),
        "lang": i18n.current(),
        "direction": i18n.direction(),
    }


def render_html(assessment: Assessment, data: dict[str, Any] | None = None) -> bytes:
    """The whole report as one HTML page that works with no network (UTF-8 bytes), in the
    current language (``kit.i18n.use``; ``kit assess --lang``).

    ``data`` is the assessment's ``report_data``, when the caller has built it already.
    """
    if data is None:
        data = report_data(assessment)
    return _template().render(**_context(assessment, data)).encode("utf-8")
