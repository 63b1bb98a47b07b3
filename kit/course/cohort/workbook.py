"""The cohort's tables as an Excel workbook (``kit course report`` and the dashboard's link)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit.course.analytics import Cohort


def write_excel(cohort: Cohort, path: Path) -> Path:
    """The cohort's tables in a workbook, one sheet each, written atomically."""
    tmp = path.with_suffix(".tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        cohort.officials().to_excel(writer, sheet_name="Officials", index=False)
        cohort.questions().to_excel(writer, sheet_name="Questions", index=False)
        cohort.modules().to_excel(writer, sheet_name="Modules", index=False)
        cohort.scores.to_excel(writer, sheet_name="Scores", index=False)
    tmp.replace(path)
    return path
