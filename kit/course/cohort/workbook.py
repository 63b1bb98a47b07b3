"""The cohort's tables as an Excel workbook (``kit course analytics`` and the dashboard's link).

Sheet names and column headings are in the current language; the cells are the data (ids,
grade ids, notebook names, numbers as numbers: Excel shows them in the reader's own format).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from kit import i18n
from kit.course.analytics import Cohort, PrePostPair
from kit.course.cohort.columns import (
    gain_columns,
    module_columns,
    objective_gain_columns,
    official_columns,
    question_columns,
    score_columns,
)

_ = i18n.translator("courses")

#: Characters Excel refuses in a sheet name, and its longest sheet name.
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31


def _sheet(name: str) -> str:
    # A translated name must still be a name Excel accepts.
    return _SHEET_FORBIDDEN.sub("-", name)[:_SHEET_MAX]


def _write(writer: pd.ExcelWriter, frame: pd.DataFrame, sheet: str, columns: dict) -> None:
    """One sheet, its headings the trainer's words (a column with no label keeps its key)."""
    frame.rename(columns=columns).to_excel(writer, sheet_name=_sheet(sheet), index=False)
    if i18n.direction() == "rtl":
        writer.sheets[_sheet(sheet)].sheet_view.rightToLeft = True


def write_excel(cohort: Cohort, path: Path, pairs: list[PrePostPair] | None = None) -> Path:
    """The cohort's tables in a workbook, one sheet each, written atomically."""
    tmp = path.with_suffix(".tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        _write(writer, cohort.officials(), _("Officials"), official_columns())
        _write(writer, cohort.questions(), _("Questions"), question_columns())
        _write(writer, cohort.modules(), _("Modules"), module_columns())
        if pairs:
            _write(writer, cohort.learning_gain(pairs), _("Learning gain"), gain_columns())
            _write(
                writer,
                cohort.objective_gain(pairs),
                _("Learning gain by objective"),
                objective_gain_columns(),
            )
        _write(writer, cohort.scores, _("Scores"), score_columns())
    tmp.replace(path)
    return path
