"""``kit course report``: the cohort's results as offline HTML with charts and an Excel workbook."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from kit.atomic import write_text_atomic
from kit.course.analytics import Cohort, load_cohort
from kit.course.cohort.charts import difficulty_chart, discrimination_chart, to_svg, totals_chart
from kit.course.cohort.views import (
    LOW_DISCRIMINATION,
    MODULE_COLUMNS,
    OFFICIAL_COLUMNS,
    QUESTION_COLUMNS,
    table,
)
from kit.course.cohort.workbook import write_excel
from kit.web import theme


def render_report(cohort: Cohort, title: str = "Cohort results") -> str:
    """The whole report as one offline HTML page (charts are inline SVG)."""
    officials, questions = cohort.officials(), cohort.questions()
    charts = []
    if len(officials):
        charts.append(to_svg(totals_chart(officials)))
    if len(questions):
        charts += [to_svg(difficulty_chart(questions)), to_svg(discrimination_chart(questions))]
    tables = {
        "failed": table(cohort.most_failed(), QUESTION_COLUMNS, "kit-failed"),
        "modules": table(cohort.modules(), MODULE_COLUMNS, "kit-modules"),
        "officials": table(officials, OFFICIAL_COLUMNS, "kit-officials"),
        "questions": table(questions, QUESTION_COLUMNS, "kit-questions"),
    }
    return theme.render(
        "cohort-report.html.j2",
        title=title,
        officials=len(cohort.students),
        assignments=len(cohort.assignments),
        charts=[Markup(svg) for svg in charts],
        low=LOW_DISCRIMINATION,
        tables={k: Markup(v) for k, v in tables.items()},
    )


def report_command(root: Path, out: Path) -> int:
    """Write cohort.html and cohort.xlsx into ``out`` (relative paths: inside the course)."""
    out = out if out.is_absolute() else root / out
    out.mkdir(parents=True, exist_ok=True)
    cohort = load_cohort(root)
    write_text_atomic(out / "cohort.html", render_report(cohort))
    write_excel(cohort, out / "cohort.xlsx")
    print(f"cohort report: {out / 'cohort.html'} and {out / 'cohort.xlsx'}")
    return 0
