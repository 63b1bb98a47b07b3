"""Shared set-up and interactive checks for the lesson notebooks in ``curriculum/``."""

# i18n-domain: courses  (the checks' words; ``_`` below looks them up in the lesson's language)

from __future__ import annotations

import html
import math
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = [
    "choice_check",
    "current_language",
    "data_path",
    "number_check",
    "number_readings",
    "parse_number",
    "reveal",
    "setup",
    "submission_download",
    "submission_filename",
    "use_language",
]

#: Chart renderers that need no network: "svg" draws a static picture with vl-convert (small,
#: works in Voila, JupyterLab and exported HTML); "html" inlines the vega JavaScript (~0.9 MB
#: per chart) and keeps tooltips. Altair's own default loads vega from a CDN and is blank offline.
_OFFLINE_RENDERERS = {"svg": {}, "html": {"template": "inline"}}

#: Charts name fonts the browser has, and vl-convert (which draws the "svg" charts) measures
#: text with the same fonts found on this machine: measured with its own narrower default and
#: drawn wider by the browser, long axis labels and titles were cut at the picture's edge.
_CHART_FONT = "DejaVu Sans, Arial, Liberation Sans, Helvetica, sans-serif"
_SYSTEM_FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)

_OK = "#1a7f37"
_WRONG = "#b3261e"

#: The language the checks answer in: the lesson's, set by ``setup(lang=...)`` in a translated
#: lesson's setup cell (``NN-name.fr.ipynb`` calls ``setup(lang="fr")``). English by default: an
#: English lesson answers in English whatever the machine's language.
_language = "en"


def _chart_theme() -> dict:
    # Labels up to 260 px before an ellipsis: lesson categories are phrases, not codes.
    return {"config": {"font": _CHART_FONT, "axis": {"labelLimit": 260}}}


def _measure_with_system_fonts() -> None:
    import vl_convert

    for folder in _SYSTEM_FONT_DIRS:
        if os.path.isdir(folder):
            vl_convert.register_font_directory(folder)


def use_language(lang: str) -> None:
    """Make the checks created from now on answer in ``lang`` (a language of ``kit.i18n``)."""
    global _language
    try:
        from kit import i18n
    except ImportError:  # the static pack's kit-teaching wheel: no catalogues, English only
        _language = "en"
        return
    if lang not in i18n.LANGUAGES:
        raise ValueError(f"language must be one of {sorted(i18n.LANGUAGES)}, not {lang!r}")
    _language = lang


def current_language() -> str:
    """The language the checks answer in."""
    return _language


def _(message: str) -> str:
    """``message`` in the lesson's language, from the kit's ``courses`` catalogue."""
    if _language == "en":
        return message
    try:
        from kit import i18n
    except ImportError:
        return message
    return i18n.gettext("courses", message, lang=_language)


def _show_number(value: float) -> str:
    """A number as the lesson's language writes it (``1 250 000``, ``41,7`` in French)."""
    if _language != "en":
        try:
            from kit import i18n

            return i18n.format_number(value, lang=_language)
        except ImportError:
            pass
    return f"{value:,}".replace(",", " ")


def _decimal_comma() -> bool:
    """Whether the lesson's language writes decimals with a comma (French, Spanish)."""
    if _language == "en":
        return False
    try:
        from kit import i18n
    except ImportError:
        return False
    return "," in i18n.format_number(1.5, lang=_language)


def setup(charts: str = "svg", lang: str | None = None) -> None:
    """Prepare a lesson notebook: offline Altair charts and readable pandas tables; idempotent.

    ``lang`` is a translated lesson's language: its checks then answer in that language.
    """
    import altair as alt
    import pandas as pd

    if lang is not None:
        use_language(lang)
    if charts not in _OFFLINE_RENDERERS:
        raise ValueError(f"charts must be one of {sorted(_OFFLINE_RENDERERS)}, not {charts!r}")
    if sys.platform == "emscripten":
        # In the browser (the static course pack, Pyodide) vl-convert has no build: the page
        # itself draws the Vega-Lite spec, which it has with no network.
        alt.renderers.enable("mimetype")
    else:
        _measure_with_system_fonts()
        alt.renderers.enable(charts, **_OFFLINE_RENDERERS[charts])
    alt.theme.register("kit-lessons", enable=True)(_chart_theme)
    # Lesson tables are small: show them whole rather than elided with "...".
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 120)


def data_path(name: str) -> Path:
    """Return the path of ``name`` inside the course datasets (``border-crossings/stays.csv``).

    ``KIT_DATASETS`` overrides the folder (the hub points it at a shared copy); otherwise the
    datasets that ship with the kit are used, wherever the lesson runs.
    """
    override = os.environ.get("KIT_DATASETS")
    if override:
        root = Path(override)
    else:
        # Imported here: this module is also loaded alone, where only the override applies.
        from kit import paths

        root = paths.datasets_dir()
    candidate = root / name
    if not candidate.exists():
        raise FileNotFoundError(f"dataset file {name!r} not found in {root}")
    return candidate


def choice_check(
    question: str,
    options: Sequence[str],
    answer: str | int,
    explanation: str = "",
    why: Mapping[str, str] | None = None,
):
    """Return a multiple-choice check: radio buttons, a Check button and immediate feedback.

    ``answer`` is the correct option's text or its 0-based index; ``explanation`` says why it is
    right; ``why`` maps each wrong option to why that option is wrong, shown when it is chosen.
    After two wrong tries a "Show the answer" button appears, so nobody is stuck on a check.
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
    why = dict(why or {})
    unknown = sorted(set(why) - set(options))
    if unknown:
        raise ValueError(f"explanations given for options that do not exist: {unknown}")
    if correct in why:
        raise ValueError(f"the correct option {correct!r} is explained by 'explanation', not 'why'")

    picker = widgets.RadioButtons(
        options=options, value=None, layout=widgets.Layout(width="auto"), description=""
    )
    button = widgets.Button(
        description=_("Check"), button_style="primary", icon="check", layout=_fit_text()
    )
    feedback = widgets.HTML(value="")

    def verdict() -> tuple[str, bool | None, str]:
        if picker.value is None:
            return _("Choose one answer first."), None, ""
        if picker.value == correct:
            return _("Correct."), True, explanation
        return _("Not quite."), False, why.get(picker.value, _("Think again, then check."))

    def answer_text() -> str:
        shown = _("The answer is **{answer}**.").format(answer=correct)
        return f"{shown} {explanation}".strip()

    return _check_box(
        question, [picker, button], button, feedback, verdict, answer_text, picker=picker
    )


def number_check(
    question: str,
    answer: float,
    tolerance: float = 0.0,
    unit: str = "",
    explanation: str = "",
    hint: str = "",
):
    """Return a numeric check: a text box, a Check button and immediate feedback.

    An entry is correct when it is within ``tolerance`` of ``answer``. Numbers are read as
    officials type them: a decimal comma (``41,7``), spaces or commas between thousands
    (``1 250 000``, ``1,200``) and a trailing ``%``. ``hint`` is shown after a wrong try; after
    two wrong tries a "Show the answer" button appears.
    """
    import ipywidgets as widgets

    entry = widgets.Text(
        value="",
        placeholder=_("Type a number"),
        continuous_update=False,
        layout=widgets.Layout(width="14em"),
    )
    suffix = widgets.HTML(html.escape(unit))
    button = widgets.Button(
        description=_("Check"), button_style="primary", icon="check", layout=_fit_text()
    )
    feedback = widgets.HTML(value="")

    def verdict() -> tuple[str, bool | None, str]:
        readings = number_readings(entry.value, decimal_comma=_decimal_comma())
        if not readings:
            return _("Type a number, for example 1200 or 3,5."), None, ""
        for value in readings:
            if math.isclose(value, answer, rel_tol=0.0, abs_tol=tolerance + 1e-9):
                return _("Correct."), True, explanation
        if readings[0] > answer:
            return _("Not quite: too high."), False, hint or _("Check your working.")
        return _("Not quite: too low."), False, hint or _("Check your working.")

    def answer_text() -> str:
        value = _show_number(answer) + (f" {unit}" if unit else "")
        shown = _("The answer is **{answer}**.").format(answer=value)
        return f"{shown} {explanation}".strip()

    box = _check_box(
        question,
        [widgets.HBox([entry, suffix, button])],
        button,
        feedback,
        verdict,
        answer_text,
        entry=entry,
    )
    # Enter (or leaving the box) commits the value and checks it, as the button does.
    entry.observe(lambda _change: box.check(), names="value")
    return box


def reveal(prompt: str, answer_markdown: str, button_label: str = ""):
    """Return a discussion prompt whose model answer appears when the learner asks for it
    (``button_label``, else "Show an answer" in the lesson's language)."""
    import ipywidgets as widgets

    button = widgets.Button(
        description=button_label or _("Show an answer"), icon="eye", layout=_fit_text()
    )
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


def submission_filename(assignment: str, official: str) -> str:
    """``01-policy-formulation - Amina Diallo.ipynb``: the assignment, then the official's name.

    Only letters, digits, spaces, dots, hyphens and apostrophes are kept from the name, so the
    file name is valid on every system and a USB stick.
    """
    kept = "".join(c for c in official if c.isalnum() or c in " .-'")
    name = " ".join(kept.split()) or "unnamed"
    return f"{assignment} - {name}.ipynb"


def submission_download(assignment: str, lang: str | None = None):
    """A name box and a "Download submission" button, for a graded set worked in the browser.

    ``lang`` (a translated set's language) makes its words that language's. The button reads
    the notebook as last saved (the static course pack saves every few seconds), records the
    official's name in its metadata (``metadata.kit.official``) and offers it as a file named
    by :func:`submission_filename`; clicking that link saves it.
    """
    import base64
    import datetime
    import json

    import ipywidgets as widgets

    if lang is not None:
        use_language(lang)
    name = widgets.Text(placeholder=_("Your full name"), layout=widgets.Layout(width="20em"))
    button = widgets.Button(
        description=_("Download submission"),
        button_style="primary",
        layout=widgets.Layout(width="auto"),
    )
    result = widgets.HTML(value="")

    def prepare(_button=None) -> None:
        official = " ".join(name.value.split())
        if not official:
            result.value = _message(_("Type your full name first."), None)
            return
        notebook = Path(f"{assignment}.ipynb")
        try:
            saved = json.loads(notebook.read_text(encoding="utf-8"))
            when = datetime.datetime.fromtimestamp(notebook.stat().st_mtime)
        except (OSError, ValueError):
            result.value = _message(
                _(
                    "{notebook} cannot be read here: open the graded set from the course page."
                ).format(notebook=notebook),
                False,
            )
            return
        saved.setdefault("metadata", {})["kit"] = {"assignment": assignment, "official": official}
        filename = submission_filename(assignment, official)
        payload = base64.b64encode(json.dumps(saved, indent=1).encode("utf-8")).decode("ascii")
        save = _("Save {filename}")
        link = (
            f'<a download="{html.escape(filename)}" '
            f'href="data:application/x-ipynb+json;base64,{payload}" '
            f"style='font-weight:600'>{html.escape(save.format(filename=filename))}</a>"
        )
        saved_at = _("Your work as saved at {time}.").format(time=f"{when:%H:%M:%S}")
        then = html.escape(_("{link}, then send that file to your trainer."))
        result.value = (
            f"<div style='margin-top:6px'>{html.escape(saved_at)} "
            f"{then.replace('{link}', link)}</div>"
        )

    button.on_click(prepare)
    box = widgets.VBox(
        [
            widgets.HTML(_question_html(_("Hand in your work"))),
            widgets.HBox([name, button]),
            result,
        ],
        layout=widgets.Layout(border="1px solid #d0d7de", padding="8px 12px", margin="8px 0"),
    )
    box.name, box.button, box.result, box.prepare = name, button, result, prepare
    return box


#: Arabic-Indic and Persian digits, and the Arabic decimal and thousands marks, as ASCII.
_ARABIC_DIGITS = str.maketrans(
    {
        **{chr(0x0660 + d): str(d) for d in range(10)},
        **{chr(0x06F0 + d): str(d) for d in range(10)},
        "\u066b": ".",
        "\u066c": ",",
    }
)


def parse_number(text: str) -> float | None:
    """Read a number as an official might type it; None if it is not one.

    Where the text could be read two ways (``1,250`` is 1250 in English and 1.25 in French), the
    first reading is the thousands one; :func:`number_readings` gives both.
    """
    readings = number_readings(text)
    return readings[0] if readings else None


def number_readings(text: str, decimal_comma: bool = False) -> list[float]:
    """Every plausible reading of a typed number: ``41,7`` -> [41.7]; ``1,250`` -> [1250, 1.25].

    Spaces (also non-breaking and thin ones) and apostrophes group thousands; a trailing ``%``
    (or ``٪``) is dropped; Arabic-Indic digits read as digits. With both ``,`` and ``.`` present,
    the last one is the decimal mark. A lone comma is a decimal comma unless exactly three digits
    follow it, which is ambiguous: both readings, the decimal one first when ``decimal_comma``
    (a lesson in French or Spanish), so "too high"/"too low" follows the reader's convention.
    """
    cleaned = str(text).translate(_ARABIC_DIGITS).strip().removesuffix("%").removesuffix("٪")
    cleaned = cleaned.strip()
    for grouping in (" ", "\u00a0", "\u202f", "\u2009", "'"):
        cleaned = cleaned.replace(grouping, "")
    if not cleaned:
        return []
    candidates: list[str]
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        candidates = [cleaned.replace(thousands, "").replace(decimal, ".")]
    elif cleaned.count(",") == 1:
        whole, _, fraction = cleaned.partition(",")
        decimal_reading = f"{whole}.{fraction}"
        if len(fraction) == 3 and whole.lstrip("+-").isdigit():
            candidates = [whole + fraction, decimal_reading]
            if decimal_comma:
                candidates.reverse()
        else:
            candidates = [decimal_reading]
    elif cleaned.count(",") > 1:
        candidates = [cleaned.replace(",", "")]
    elif cleaned.count(".") > 1:
        candidates = [cleaned.replace(".", "")]  # 1.250.000 groups thousands with points
    else:
        candidates = [cleaned]
    readings = []
    for candidate in candidates:
        try:
            value = float(candidate)
        except ValueError:
            continue
        if math.isfinite(value):
            readings.append(value)
    return readings


def _check_box(question, controls, button, feedback, verdict, answer_text, **parts):
    """Wire a check: feedback on each try, and a "Show the answer" button after two wrong ones."""
    import ipywidgets as widgets

    show = widgets.Button(description=_("Show the answer"), icon="eye", layout=_fit_text())
    show.layout.display = "none"
    wrong_tries = 0

    def check(_button=None) -> None:
        nonlocal wrong_tries
        text, ok, detail = verdict()
        feedback.value = _message(text, ok, detail)
        if ok is False:
            wrong_tries += 1
            if wrong_tries >= 2:
                show.layout.display = None

    def show_answer(_button=None) -> None:
        feedback.value = _message("", None, answer_text())

    button.on_click(check)
    show.on_click(show_answer)
    box = widgets.VBox(
        [widgets.HTML(_question_html(question)), *controls, feedback, show],
        layout=widgets.Layout(border="1px solid #d0d7de", padding="8px 12px", margin="8px 0"),
    )
    # Kept on the box so tests (and curious authors) can drive the check without a browser.
    box.button, box.feedback, box.check = button, feedback, check
    box.show_answer_button, box.show_answer = show, show_answer
    for name, widget in parts.items():
        setattr(box, name, widget)
    return box


def _fit_text():
    """A button as wide as its words (at least the usual width): translations run longer than
    English, and a fixed width would cut "Afficher une réponse" short."""
    import ipywidgets as widgets

    # align_self: in a column (VBox) an "auto" width would otherwise stretch to the full width.
    return widgets.Layout(width="auto", min_width="148px", align_self="flex-start")


def _question_html(question: str) -> str:
    return f"<p style='margin:0 0 4px 0;font-weight:600'>{_inline_markdown(question)}</p>"


def _message(text: str, ok: bool | None, explanation: str = "") -> str:
    colour = {True: _OK, False: _WRONG, None: "#57606a"}[ok]
    mark = {True: "&#10004; ", False: "&#10008; ", None: ""}[ok]
    body = f"<span style='color:{colour};font-weight:600'>{mark}{html.escape(text)}</span>"
    if not text:
        body = ""
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
