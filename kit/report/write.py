"""Writing a report in the format its file suffix names."""

from __future__ import annotations

import json
from pathlib import Path

from kit.assessment import Assessment
from kit.atomic import write_atomic, write_text_atomic
from kit.errors import KitError
from kit.report.data import report_data
from kit.report.html import render_html
from kit.report.xlsx import write_report_workbook

FORMATS = (".html", ".json", ".xlsx")


def write_report(assessment: Assessment, path: str | Path) -> Path:
    """Write the report as ``.html`` (one offline file), ``.json`` or ``.xlsx``, atomically."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".html":
        return write_text_atomic(path, render_html(assessment))
    if suffix == ".json":
        text = json.dumps(report_data(assessment), indent=2, ensure_ascii=False)
        return write_text_atomic(path, text + "\n")
    if suffix == ".xlsx":
        return write_atomic(path, lambda tmp: write_report_workbook(assessment, tmp))
    raise KitError(f"{path}: unknown report format '{suffix}' (use {', '.join(FORMATS)})")
