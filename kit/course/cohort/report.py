"""``kit course report``: the cohort's results as offline HTML with charts and an Excel workbook."""

from __future__ import annotations

import sys
from pathlib import Path

from markupsafe import Markup

from kit import i18n
from kit.atomic import write_text_atomic
from kit.course.analytics import Cohort, PrePostPair, load_cohort, pre_post_pairs
from kit.course.cohort.charts import difficulty_chart, discrimination_chart, to_svg, totals_chart
from kit.course.cohort.columns import (
    gain_columns,
    module_columns,
    objective_gain_columns,
    official_columns,
    question_columns,
)
from kit.course.cohort.views import LOW_DISCRIMINATION, table
from kit.course.cohort.workbook import write_excel
from kit.web import theme

_ = i18n.translator("courses")


def curriculum_pairs() -> list[PrePostPair]:
    """The pre/post-test pairs of the repository's curriculum (none if it cannot be read)."""
    from kit.curriculum.manifest import CurriculumError, load_curriculum

    try:
        return pre_post_pairs(load_curriculum())
    except CurriculumError:
        return []


def render_report(
    cohort: Cohort, title: str | None = None, pairs: list[PrePostPair] | None = None
) -> str:
    """The whole report as one offline HTML page (charts are inline SVG); with ``pairs``, the
    learning gain per module and per objective from the modules' pre/post-tests. Its words and
    numbers are in the current language (``kit.i18n.use``; ``kit course analytics --lang``);
    ids, grade ids and notebook names are data and stay as they are."""
    officials, questions = cohort.officials(), cohort.questions()
    charts = []
    if len(officials):
        charts.append(to_svg(totals_chart(officials)))
    if len(questions):
        charts += [to_svg(difficulty_chart(questions)), to_svg(discrimination_chart(questions))]
    tables = {
        "failed": table(cohort.most_failed(), question_columns(), "kit-failed"),
        "modules": table(cohort.modules(), module_columns(), "kit-modules"),
        "officials": table(officials, official_columns(), "kit-officials"),
        "questions": table(questions, question_columns(), "kit-questions"),
    }
    if pairs:
        tables["gain"] = table(cohort.learning_gain(pairs), gain_columns(), "kit-gain")
        tables["objective_gain"] = table(
            cohort.objective_gain(pairs), objective_gain_columns(), "kit-objective-gain"
        )
    return theme.render(
        "cohort-report.html.j2",
        _=_,
        _n=lambda one, many, n: i18n.ngettext("courses", one, many, n),
        lang=i18n.current(),
        direction=i18n.direction(),
        title=title or _("Cohort results"),
        officials=len(cohort.students),
        assignments=len(cohort.assignments),
        charts=[Markup(svg) for svg in charts],
        low=i18n.format_number(LOW_DISCRIMINATION),
        tables={k: Markup(v) for k, v in tables.items()},
    )


def report_command(root: Path, out: Path) -> int:
    """Write cohort.html and cohort.xlsx into ``out`` (relative paths: inside the course)."""
    out = out if out.is_absolute() else root / out
    out.mkdir(parents=True, exist_ok=True)
    cohort = load_cohort(root)
    pairs = curriculum_pairs()
    write_text_atomic(out / "cohort.html", render_report(cohort, pairs=pairs))
    write_excel(cohort, out / "cohort.xlsx", pairs)
    print(
        _("cohort report: {page} and {workbook}").format(
            page=out / "cohort.html", workbook=out / "cohort.xlsx"
        ),
        file=sys.stderr,
    )
    return 0
