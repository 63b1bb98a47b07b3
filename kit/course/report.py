"""``kit course report``: the cohort's results as offline HTML with charts and an Excel workbook."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from kit.atomic import write_text_atomic
from kit.course.analytics import Cohort, load_cohort
from kit.course.charts import difficulty_chart, to_svg, totals_chart

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;color:#1a1a1a}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
table{border-collapse:collapse;font-size:.9rem}
td,th{padding:.25rem .6rem;border-bottom:1px solid #ddd}
th{text-align:left;background:#f4f4f4}td.n{text-align:right}
.charts{display:flex;flex-wrap:wrap;gap:2rem}
"""


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    rows = []
    for _, row in frame.iterrows():
        cells = []
        for value in row:
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            text = (
                ""
                if value is None or (numeric and pd.isna(value))
                else f"{value:g}"
                if numeric
                else str(value)
            )
            cells.append(f'<td class="{"n" if numeric else ""}">{html.escape(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_report(cohort: Cohort, title: str = "Cohort results") -> str:
    """The whole report as one offline HTML page (charts are inline SVG)."""
    officials, questions = cohort.officials(), cohort.questions()
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}"
        f"</title><style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
        f"<p>{len(cohort.students)} officials, {len(cohort.assignments)} graded exercise sets.</p>",
        "<div class='charts'>",
        to_svg(totals_chart(officials)) if len(officials) else "",
        to_svg(difficulty_chart(questions)) if len(questions) else "",
        "</div>",
        "<h2>Questions most failed</h2>",
        "<p>Difficulty is the share of points the cohort earned; discrimination is the "
        "correlation between the question and the rest of the exercise (below 0.2: the question "
        "does not tell strong and weak answers apart; look at its wording).</p>",
        _table(cohort.most_failed()),
        "<h2>Modules</h2>",
        _table(cohort.modules()),
        "<h2>Officials</h2>",
        _table(officials),
        "<h2>All questions</h2>",
        _table(questions),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_excel(cohort: Cohort, path: Path) -> Path:
    """The same tables in a workbook, one sheet each, written atomically."""
    tmp = path.with_suffix(".tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        cohort.officials().to_excel(writer, sheet_name="Officials", index=False)
        cohort.questions().to_excel(writer, sheet_name="Questions", index=False)
        cohort.modules().to_excel(writer, sheet_name="Modules", index=False)
        cohort.scores.to_excel(writer, sheet_name="Scores", index=False)
    tmp.replace(path)
    return path


def report_command(root: Path, out: Path) -> int:
    """Write cohort.html and cohort.xlsx into ``out`` (relative paths: inside the course)."""
    out = out if out.is_absolute() else root / out
    out.mkdir(parents=True, exist_ok=True)
    cohort = load_cohort(root)
    write_text_atomic(out / "cohort.html", render_report(cohort))
    write_excel(cohort, out / "cohort.xlsx")
    print(f"cohort report: {out / 'cohort.html'} and {out / 'cohort.xlsx'}")
    return 0
