"""Shared set-up and interactive checks for the lesson notebooks in ``curriculum/``."""

from __future__ import annotations

import html
import math
import os
from collections.abc import Sequence
from pathlib import Path

__all__ = [
    "choice_check",
    "data_path",
    "number_check",
    "reveal",
    "setup",
]

#: Chart renderers that need no network: "svg" draws a static picture with vl-convert (small,
#: works in Voila, JupyterLab and exported HTML); "html" inlines the vega JavaScript (~0.9 MB
#: per chart) and keeps tooltips. Altair's own default loads vega from a CDN and is blank offline.
_OFFLINE_RENDERERS = {"svg": {}, "html": {"template": "inline"}}

_OK = "#1a7f37"
_WRONG = "#b3261e"


def setup(charts: str = "svg") -> None:
    """Prepare a lesson notebook: offline Altair charts and readable pandas tables; idempotent."""
    import altair as alt
    import pandas as pd

    if charts not in _OFFLINE_RENDERERS:
        raise ValueError(f"charts must be one of {sorted(_OFFLINE_RENDERERS)}, not {charts!r}")
    alt.renderers.enable(charts, **_OFFLINE_RENDERERS[charts])
    # Lesson tables are small: show them whole rather than elided with "...".
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)


def data_path(name: str) -> Path:
    """Return the path of ``name`` inside the repository's ``datasets/`` folder.

    ``KIT_DATASETS`` overrides the folder; otherwise the folder is found by walking up from the
    current directory (a lesson runs with its module folder as cwd), then next to the package.
    """
    for root in _dataset_roots():
        candidate = root / name
        if candidate.exists():
            return candidate
    searched = ", ".join(str(r) for r in _dataset_roots()) or "(no datasets folder found)"
    raise FileNotFoundError(f"dataset file {name!r} not found in: {searched}")


def _dataset_roots() -> list[Path]:
    override = os.environ.get("KIT_DATASETS")
    if override:
        return [Path(override)]
    roots: list[Path] = []
    for folder in [Path.cwd(), *Path.cwd().parents]:
        if (folder / "datasets").is_dir():
            roots.append(folder / "datasets")
            break
    packaged = Path(__file__).resolve().parent.parent / "datasets"
    if packaged.is_dir() and packaged not in roots:
        roots.append(packaged)
    return roots


def choice_check(
    question: str,
    options: Sequence[str],
    answer: str | int,
    explanation: str = "",
):
    """Return a multiple-choice check: radio buttons, a Check button and immediate feedback.

    ``answer`` is the correct option's text or its 0-based index.
    """
    import ipywidgets as widgets

    options = [str(o) for o in options]
    if isinstance(answer, int):
        if not 0 <= answer < len(options):
            raise ValueError(f"answer index {answer} is outside the {len(options)} options")
        correct = options[answer]
    else:
        if answer not in options:
            raise ValueError(f"answer {answer!r} is not one of the options {options}")
        correct = answer

    picker = widgets.RadioButtons(
        options=options, value=None, layout=widgets.Layout(width="auto"), description=""
    )
    button = widgets.Button(description="Check", button_style="primary", icon="check")
    feedback = widgets.HTML(value="")

    def on_click(_button=None) -> None:
        if picker.value is None:
            feedback.value = _message("Choose one answer first.", None)
        elif picker.value == correct:
            feedback.value = _message("Correct.", True, explanation)
        else:
            feedback.value = _message("Not quite: think again, then check.", False)

    button.on_click(on_click)
    box = widgets.VBox(
        [widgets.HTML(_question_html(question)), picker, button, feedback],
        layout=widgets.Layout(border="1px solid #d0d7de", padding="8px 12px", margin="8px 0"),
    )
    # Kept on the box so tests (and curious authors) can drive the check without a browser.
    box.picker, box.button, box.feedback, box.check = picker, button, feedback, on_click
    return box


def number_check(
    question: str,
    answer: float,
    tolerance: float = 0.0,
    unit: str = "",
    explanation: str = "",
):
    """Return a numeric check: a text box, a Check button and immediate feedback.

    An entry is correct when it is within ``tolerance`` of ``answer``; thousands separators
    (``1,200`` or ``1 200``) and a trailing ``%`` are accepted, since officials type them.
    """
    import ipywidgets as widgets

    entry = widgets.Text(
        value="",
        placeholder="Type a number",
        continuous_update=False,
        layout=widgets.Layout(width="14em"),
    )
    suffix = widgets.HTML(html.escape(unit))
    button = widgets.Button(description="Check", button_style="primary", icon="check")
    feedback = widgets.HTML(value="")

    def on_click(_button=None) -> None:
        value = parse_number(entry.value)
        if value is None:
            feedback.value = _message("Type a number, for example 1200 or 3.5.", None)
        elif math.isclose(value, answer, rel_tol=0.0, abs_tol=tolerance + 1e-9):
            feedback.value = _message("Correct.", True, explanation)
        else:
            direction = "too high" if value > answer else "too low"
            feedback.value = _message(f"Not quite: {direction}. Check your working.", False)

    button.on_click(on_click)
    # Enter (or leaving the box) commits the value and checks it, as the button does.
    entry.observe(lambda _change: on_click(), names="value")
    box = widgets.VBox(
        [widgets.HTML(_question_html(question)), widgets.HBox([entry, suffix, button]), feedback],
        layout=widgets.Layout(border="1px solid #d0d7de", padding="8px 12px", margin="8px 0"),
    )
    box.entry, box.button, box.feedback, box.check = entry, button, feedback, on_click
    return box


def reveal(prompt: str, answer_markdown: str, button_label: str = "Show an answer"):
    """Return a discussion prompt whose model answer appears when the learner asks for it."""
    import ipywidgets as widgets

    button = widgets.Button(description=button_label, icon="eye")
    shown = widgets.HTML(value="")

    def on_click(_button=None) -> None:
        shown.value = f"<div style='margin-top:6px'>{_inline_markdown(answer_markdown)}</div>"

    button.on_click(on_click)
    box = widgets.VBox(
        [widgets.HTML(_question_html(prompt)), button, shown],
        layout=widgets.Layout(border="1px solid #d0d7de", padding="8px 12px", margin="8px 0"),
    )
    box.button, box.feedback, box.check = button, shown, on_click
    return box


def parse_number(text: str) -> float | None:
    """Read a number as an official might type it ("1,200", "1 200", "12%"); None if not one."""
    cleaned = str(text).strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.removesuffix("%")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _question_html(question: str) -> str:
    return f"<p style='margin:0 0 4px 0;font-weight:600'>{_inline_markdown(question)}</p>"


def _message(text: str, ok: bool | None, explanation: str = "") -> str:
    colour = {True: _OK, False: _WRONG, None: "#57606a"}[ok]
    mark = {True: "&#10004; ", False: "&#10008; ", None: ""}[ok]
    body = f"<span style='color:{colour};font-weight:600'>{mark}{html.escape(text)}</span>"
    if explanation:
        body += f" {_inline_markdown(explanation)}"
    return f"<div style='margin-top:6px'>{body}</div>"


def _inline_markdown(text: str) -> str:
    """Escape text and honour **bold** and `code`, the only markup the checks need."""
    escaped = html.escape(text)
    parts = escaped.split("**")
    escaped = "".join(f"<b>{p}</b>" if i % 2 else p for i, p in enumerate(parts))
    parts = escaped.split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(parts))
