"""Writing a report in the format its file suffix names: render to bytes, one atomic write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kit import i18n
from kit.assessment import Assessment
from kit.atomic import write_bytes_atomic
from kit.crosswalk import Crosswalk
from kit.errors import KitError
from kit.report.data import render_json, report_data
from kit.report.html import render_html
from kit.report.pdf import render_pdf
from kit.report.xlsx import render_xlsx

_ = i18n.translator("kit")

Renderer = Callable[[Assessment, dict[str, Any]], bytes]
#: The report formats by file suffix; each renderer takes the assessment and its report data.
RENDERERS: dict[str, Renderer] = {
    ".html": render_html,
    ".json": render_json,
    ".xlsx": render_xlsx,
    ".pdf": render_pdf,
}
FORMATS = tuple(RENDERERS)


def renderer_for(path: str | Path) -> Renderer:
    """The renderer a report file's suffix names; KitError for any other suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in RENDERERS:
        raise KitError(
            _("unknown report format '{suffix}' (use {choices})").format(
                suffix=suffix, choices=", ".join(FORMATS)
            ),
            file=path,
        )
    return RENDERERS[suffix]


def write_reports(
    assessment: Assessment,
    paths: Sequence[str | Path],
    review: Sequence[Any] = (),
    actions: Sequence[Any] = (),
    *,
    crosswalks: Sequence[Crosswalk] = (),
) -> list[Path]:
    """Write the report to each path in the format its suffix names (report data built once);
    ``review``, ``actions`` (the previous round's plan) and ``crosswalks`` as for
    ``report_data``."""
    renderers = [renderer_for(path) for path in paths]  # refuse a bad suffix before writing
    data = report_data(assessment, review, actions, crosswalks=crosswalks)
    return [
        write_bytes_atomic(path, render(assessment, data))
        for path, render in zip(paths, renderers, strict=True)
    ]


def write_report(
    assessment: Assessment,
    path: str | Path,
    review: Sequence[Any] = (),
    actions: Sequence[Any] = (),
    *,
    crosswalks: Sequence[Crosswalk] = (),
) -> Path:
    """Write the report as ``.html`` (one offline file), ``.json``, ``.xlsx`` or ``.pdf``,
    atomically."""
    return write_reports(assessment, [path], review, actions, crosswalks=crosswalks)[0]
