"""``kit course report``: the cohort's results as offline HTML with charts and an Excel workbook."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from kit.atomic import write_text_atomic
from kit.course.analytics import Cohort, PrePostPair, load_cohort, pre_post_pairs
from kit.course.charts import difficulty_chart, discrimination_chart, to_svg, totals_chart
from kit.course.cohort_views import (
    LOW_DISCRIMINATION,
    MODULE_COLUMNS,
    OFFICIAL_COLUMNS,
    QUESTION_COLUMNS,
    table,
)

STYLE = """
body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:2rem auto;max-width:68rem;
color:#1d2733;padding:0 1rem}
h1{font-size:1.6rem;color:#123b5c}h2{font-size:1.2rem;margin-top:2rem;color:#123b5c}
.kit-table{border-collapse:collapse;font-size:.85rem;width:100%}
.kit-table td,.kit-table th{padding:.3rem .5rem;border-bottom:1px solid #e6ebf0;text-align:left}
.kit-table th{background:#f3f6fa}.kit-table .num{text-align:right;white-space:nowrap}
.kit-table td:first-child{white-space:nowrap}.kit-low{color:#c0392b;font-weight:600}
.kit-muted{color:#6b7785}.charts{display:flex;flex-wrap:wrap;gap:2rem}
"""


#: Learning-gain tables' columns, as the trainer reads them.
GAIN_COLUMNS = {
    "module": "Module",
    "officials": "Took both tests",
    "pre_percent": "Pre-test %",
    "post_percent": "Post-test %",
    "gain": "Gain (points)",
}
OBJECTIVE_GAIN_COLUMNS = {
    "module": "Module",
    "objective": "Objective",
    "objective_text": "What the official can do",
    **{k: v for k, v in GAIN_COLUMNS.items() if k != "module"},
}


def gain_html(cohort: Cohort, pairs: list[PrePostPair]) -> list[str]:
    """The learning-gain section: per module, then per objective (empty without pre/post tests)."""
    if not pairs:
        return []
    return [
        "<h2>Learning gain</h2>",
        "<p>Mean post-test percent minus mean pre-test percent, over the officials who took "
        "both tests of the module (the two tests hold the same questions).</p>",
        table(cohort.learning_gain(pairs), GAIN_COLUMNS, "kit-gain"),
        "<h2>Learning gain by objective</h2>",
        table(cohort.objective_gain(pairs), OBJECTIVE_GAIN_COLUMNS, "kit-objective-gain"),
    ]


def curriculum_pairs() -> list[PrePostPair]:
    """The pre/post-test pairs of the repository's curriculum (none if it cannot be read)."""
    from kit.curriculum import CurriculumError, load_curriculum

    try:
        return pre_post_pairs(load_curriculum())
    except CurriculumError:
        return []


def render_report(
    cohort: Cohort, title: str = "Cohort results", pairs: list[PrePostPair] | None = None
) -> str:
    """The whole report as one offline HTML page (charts are inline SVG)."""
    officials, questions = cohort.officials(), cohort.questions()
    parts = [
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{html.escape(title)}"
        f"</title><style>{STYLE}</style></head><body><h1>{html.escape(title)}</h1>",
        f"<p>{len(cohort.students)} officials, {len(cohort.assignments)} graded exercise sets.</p>",
        "<div class='charts'>",
        to_svg(totals_chart(officials)) if len(officials) else "",
        to_svg(difficulty_chart(questions)) if len(questions) else "",
        to_svg(discrimination_chart(questions)) if len(questions) else "",
        "</div>",
        "<h2>Questions most failed</h2>",
        f"<p>Difficulty is the share of points the cohort earned; discrimination is the "
        "correlation between the question and the rest of the exercise set (below "
        f"{LOW_DISCRIMINATION}: the question does not tell strong and weak answers apart; look "
        "at its wording). Written answers still to mark are left out of this list.</p>",
        table(cohort.most_failed(), QUESTION_COLUMNS, "kit-failed"),
        "<h2>Modules</h2>",
        table(cohort.modules(), MODULE_COLUMNS, "kit-modules"),
        *gain_html(cohort, pairs or []),
        "<h2>Officials</h2>",
        table(officials, OFFICIAL_COLUMNS, "kit-officials"),
        "<h2>All questions</h2>",
        table(questions, QUESTION_COLUMNS, "kit-questions"),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_excel(cohort: Cohort, path: Path, pairs: list[PrePostPair] | None = None) -> Path:
    """The same tables in a workbook, one sheet each, written atomically."""
    tmp = path.with_suffix(".tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        cohort.officials().to_excel(writer, sheet_name="Officials", index=False)
        cohort.questions().to_excel(writer, sheet_name="Questions", index=False)
        cohort.modules().to_excel(writer, sheet_name="Modules", index=False)
        if pairs:
            cohort.learning_gain(pairs).to_excel(writer, sheet_name="Gain", index=False)
            gain = cohort.objective_gain(pairs)
            gain.to_excel(writer, sheet_name="Gain by objective", index=False)
        cohort.scores.to_excel(writer, sheet_name="Scores", index=False)
    tmp.replace(path)
    return path


def report_command(root: Path, out: Path) -> int:
    """Write cohort.html and cohort.xlsx into ``out`` (relative paths: inside the course)."""
    out = out if out.is_absolute() else root / out
    out.mkdir(parents=True, exist_ok=True)
    cohort = load_cohort(root)
    pairs = curriculum_pairs()
    write_text_atomic(out / "cohort.html", render_report(cohort, pairs=pairs))
    write_excel(cohort, out / "cohort.xlsx", pairs)
    print(f"cohort report: {out / 'cohort.html'} and {out / 'cohort.xlsx'}")
    return 0
