"""HTML of the cohort dashboard and report: values prepared here, markup in kit/web/templates.

The style sheet and the missing-value mark come from ``kit.web.theme``.
"""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

import pandas as pd
from markupsafe import Markup

from kit import i18n
from kit.course.analytics import Cohort
from kit.course.cohort.charts import (
    difficulty_chart,
    discrimination_chart,
    to_svg,
    totals_chart,
)
from kit.course.cohort.workbook import write_excel
from kit.web import theme

_ = i18n.translator("courses")

TEMPLATE = "cohort.html.j2"


#: Below this corrected item-total correlation a question separates strong and weak answers poorly.
LOW_DISCRIMINATION = 0.2


def _html():
    # The template's words come from the courses catalogue, in the current language.
    return theme.macros(TEMPLATE, _=_)


def stylesheet() -> Markup:
    """The kit's one style sheet (the cohort page's rules are in it, under .kit-cohort)."""
    return theme.stylesheet()


def notice(text: object, kind: str = "error") -> str:
    """A message box (errors announced to screen readers)."""
    return str(_html().notice(kind, str(text)))


def heading(text: str) -> str:
    return str(_html().heading(text))


def _cell(column: str, value: object) -> dict:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return {"text": theme.MISSING, "cls": "num kit-muted"}
    if column == "completion":
        return {"text": i18n.format_percent(float(value), digits=0), "cls": "num"}
    if column == "discrimination" and float(value) < LOW_DISCRIMINATION:
        return {
            "text": i18n.format_number(float(value)),
            "cls": "num kit-low",
            "title": _("below {value}").format(value=i18n.format_number(LOW_DISCRIMINATION)),
        }
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"text": i18n.format_number(float(value)), "cls": "num"}
    return {"text": str(value)}


def table(
    frame: pd.DataFrame, columns: dict[str, str], cls: str, marked: set[str] | None = None
) -> str:
    """A table of ``frame``'s ``columns`` (labels as given); rows whose first value is in
    ``marked`` carry the class kit-certified."""
    shown = [c for c in columns if c in frame.columns]
    numeric = {c for c in shown if pd.api.types.is_numeric_dtype(frame[c])}
    rows = [
        {
            "certified": bool(marked) and record[shown[0]] in marked,
            "cells": [_cell(c, record[c]) for c in shown],
        }
        for record in frame[shown].to_dict("records")
    ]
    return str(_html().table([(c, columns[c]) for c in shown], rows, numeric, cls))


def title_html(course_id: str, root: Path, cohort: Cohort) -> str:
    return str(
        _html().title(
            course_id or root.name, str(root), len(cohort.students), len(cohort.assignments)
        )
    )


def card(heading: str, body: str, cls: str = "") -> str:
    return str(_html().card(heading, Markup(body), cls))


def certified_html(rows: list[dict], total: int, pass_mark: float) -> str:
    """How many officials reach the pass mark, and who."""
    return str(_html().certified([r["name"] for r in rows], total, pass_mark))


def totals_svg(officials: pd.DataFrame, pass_mark: float) -> str:
    svg = Markup(to_svg(totals_chart(officials, pass_mark))) if len(officials) else ""
    return str(_html().totals(svg))


def question_charts(questions: pd.DataFrame) -> str:
    svgs = (
        [
            Markup(to_svg(difficulty_chart(questions))),
            Markup(to_svg(discrimination_chart(questions))),
        ]
        if len(questions)
        else []
    )
    return str(_html().question_charts(svgs, LOW_DISCRIMINATION))


def download_link(path: Path, mime: str, label: str, cls: str) -> str:
    """A link that downloads ``path`` from the page itself (no file server needed)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return str(_html().download(path.name, f"data:{mime};base64,{data}", label, cls))


def excel_link(cohort: Cohort) -> str:
    """The cohort workbook of ``kit course report``, as a download link."""
    with tempfile.TemporaryDirectory(prefix="kit-cohort-") as tmp:
        path = write_excel(cohort, Path(tmp) / "cohort.xlsx")
        return download_link(
            path,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            _("Cohort results (Excel)"),
            "kit-dl-xlsx",
        )


def certificates_link(page: str, count: int, pass_mark: float) -> str:
    if not count:
        return str(_html().muted(_("No certificates at this pass mark.")))
    with tempfile.TemporaryDirectory(prefix="kit-cohort-") as tmp:
        path = Path(tmp) / f"certificates-{pass_mark:g}.html"
        path.write_text(page, encoding="utf-8")
        return download_link(
            path,
            "text/html",
            _("{count} certificates (HTML, print A4 landscape)").format(count=count),
            "kit-dl-cert",
        )
