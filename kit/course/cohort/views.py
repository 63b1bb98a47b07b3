"""HTML fragments of the cohort dashboard: summary, tables, charts and download links."""

from __future__ import annotations

import base64
import tempfile
from pathlib import Path

import pandas as pd

from kit.course.analytics import Cohort
from kit.course.cohort.charts import difficulty_chart, discrimination_chart, to_svg, totals_chart
from kit.dashboard.views import STYLE, esc

# The self-assessment dashboard's style sheet, plus what only the cohort page uses.
COHORT_STYLE = (
    STYLE
    + """<style>
.kit-cohort .kit-charts { display: flex; flex-wrap: wrap; gap: 14px; }
.kit-cohort .kit-charts > div { flex: 0 1 auto; min-width: 0; }
.kit-cohort .kit-pass { color: #145a32; font-weight: 600; }
.kit-cohort .kit-fail { color: #7a1c12; }
.kit-cohort .kit-table tr.kit-certified td:first-child { border-left: 4px solid #1e8449; }
.kit-cohort .kit-count { font-size: 32px; font-weight: 700; color: #123b5c; }
.kit-cohort .kit-low { color: #c0392b; font-weight: 600; }
.kit-cohort .kit-table th.num { text-align: right; }
</style>"""
)

#: The officials table's columns, as the trainer reads them.
OFFICIAL_COLUMNS = {
    "student": "Official",
    "name": "Name",
    "score": "Points",
    "max_score": "Of",
    "percent": "Total %",
    "modules_completed": "Modules done",
}
QUESTION_COLUMNS = {
    "assignment": "Exercise set",
    "question": "Question",
    "kind": "Kind",
    "points": "Points",
    "difficulty": "Difficulty (p)",
    "discrimination": "Discrimination",
    "full_marks": "Full marks",
    "zero": "Zero",
    "officials": "Officials",
    "to_mark": "Still to mark",
}
MODULE_COLUMNS = {
    "assignment": "Exercise set",
    "submitted": "Submitted",
    "completion": "Completion",
    "mean_percent": "Mean %",
}
#: Below this corrected item-total correlation a question separates strong and weak answers poorly.
LOW_DISCRIMINATION = 0.2


def _cell(column: str, value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "<td class='num kit-muted'>–</td>"
    if column == "completion":
        return f"<td class='num'>{100 * float(value):.0f}%</td>"
    if column == "discrimination" and float(value) < LOW_DISCRIMINATION:
        return f"<td class='num kit-low' title='below {LOW_DISCRIMINATION}'>{float(value):g}</td>"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"<td class='num'>{float(value):g}</td>"
    return f"<td>{esc(value)}</td>"


def table(
    frame: pd.DataFrame, columns: dict[str, str], cls: str, marked: set[str] | None = None
) -> str:
    """A table of ``frame``'s ``columns`` (labels as given); rows whose first value is in
    ``marked`` carry the class kit-certified."""
    shown = [c for c in columns if c in frame.columns]
    numeric = {c for c in shown if pd.api.types.is_numeric_dtype(frame[c])}
    head = "".join(
        f"<th data-column='{c}'{' class=num' if c in numeric else ''}>{esc(columns[c])}</th>"
        for c in shown
    )
    rows = []
    for record in frame[shown].to_dict("records"):
        mark = " class='kit-certified'" if marked and record[shown[0]] in marked else ""
        rows.append(f"<tr{mark}>" + "".join(_cell(c, record[c]) for c in shown) + "</tr>")
    if not rows:
        rows.append(
            f"<tr><td colspan='{len(shown)}' class='kit-muted'>Nothing graded yet.</td></tr>"
        )
    return f"<table class='kit-table {cls}'><tr>{head}</tr>{''.join(rows)}</table>"


def title_html(course_id: str, root: Path, cohort: Cohort) -> str:
    return (
        f"<h1>Cohort results: {esc(course_id or root.name)}</h1>"
        f"<p class='kit-subtitle'>{len(cohort.students)} officials, "
        f"{len(cohort.assignments)} graded exercise sets, from the gradebook of "
        f"<code>{esc(root)}</code>. Reload the page after grading to see new results.</p>"
    )


def card(heading: str, body: str, cls: str = "") -> str:
    return f"<div class='kit-card {cls}'><h2 class='kit-sub'>{esc(heading)}</h2>{body}</div>"


def certified_html(rows: list[dict], total: int, pass_mark: float) -> str:
    """How many officials reach the pass mark, and who."""
    names = ", ".join(esc(r["name"]) for r in rows) or "nobody yet"
    return (
        f"<p><span class='kit-count kit-certified-count'>{len(rows)}</span> of {total} officials "
        f"would be certified at a pass mark of {pass_mark:g}%.</p>"
        f"<p class='kit-certified-names'>{names}</p>"
    )


def totals_svg(officials: pd.DataFrame, pass_mark: float) -> str:
    if not len(officials):
        return "<p class='kit-muted'>No official has been graded yet.</p>"
    return f"<div class='kit-chart'>{to_svg(totals_chart(officials, pass_mark))}</div>"


def question_charts(questions: pd.DataFrame) -> str:
    if not len(questions):
        return "<p class='kit-muted'>No question has been graded yet.</p>"
    return (
        "<div class='kit-charts'>"
        f"<div class='kit-chart'>{to_svg(difficulty_chart(questions))}</div>"
        f"<div class='kit-chart'>{to_svg(discrimination_chart(questions))}</div></div>"
        "<p class='kit-hint'>Difficulty is the share of a question's points the cohort earned "
        "(low = hard). Discrimination is the correlation between the question and the rest of "
        f"its exercise set; below {LOW_DISCRIMINATION} the question does not tell strong and weak "
        "answers apart: look at its wording. It needs at least three officials who differ.</p>"
    )


def download_link(path: Path, mime: str, label: str, cls: str) -> str:
    """A link that downloads ``path`` from the page itself (no file server needed)."""
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        f"<a class='kit-dl {cls}' download='{esc(path.name)}' "
        f"href='data:{mime};base64,{data}'>⬇ {esc(label)}</a>"
    )


def excel_link(cohort: Cohort) -> str:
    """The cohort workbook of ``kit course report``, as a download link."""
    from kit.course.cohort.report import write_excel

    with tempfile.TemporaryDirectory(prefix="kit-cohort-") as tmp:
        path = write_excel(cohort, Path(tmp) / "cohort.xlsx")
        return download_link(
            path,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "Cohort results (Excel)",
            "kit-dl-xlsx",
        )


def certificates_link(page: str, count: int, pass_mark: float) -> str:
    if not count:
        return "<span class='kit-muted'>No certificates at this pass mark.</span>"
    with tempfile.TemporaryDirectory(prefix="kit-cohort-") as tmp:
        path = Path(tmp) / f"certificates-{pass_mark:g}.html"
        path.write_text(page, encoding="utf-8")
        return download_link(
            path, "text/html", f"{count} certificates (HTML, print A4 landscape)", "kit-dl-cert"
        )
