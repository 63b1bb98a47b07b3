"""The lessons landing page: every module of the curriculum, its lessons linked in order, in the
language the reader picks (lessons offered in the languages their sibling notebooks give)."""

from __future__ import annotations

import json
from pathlib import Path

from kit import i18n
from kit.curriculum.manifest import CurriculumError, default_curriculum_dir, load_module
from kit.curriculum.translations import graded_languages, lesson_languages, localized
from kit.web import theme
from kit.web.language import page_language

__all__ = [
    "build_landing_page",
    "cadre_label",
    "landing_page",
    "lesson_title",
]

_ = i18n.translator("courses")


def lesson_title(path: Path) -> str:
    """The first ``# Title`` of a lesson notebook, or its file name when it has none."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return path.stem
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = "".join(cell.get("source", []))
        for line in source.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return path.stem


def cadre_label(cadre: str) -> str:
    """A cadre id of module.yaml as the reader's language names it."""
    labels = {
        "policy-officers": _("policy officers"),
        "statisticians": _("statisticians"),
        "border-guards": _("border guards"),
        "status-determination-officers": _("status determination officers"),
        "civil-servants": _("civil servants"),
        "police-officers": _("police officers"),
        "legal-officers": _("legal officers"),
        "diplomats": _("diplomats"),
    }
    return labels.get(cadre, cadre.replace("-", " "))


def duration(minutes: int) -> str:
    """``4 h 15 min`` (the same in the kit's languages but for the digits' shape)."""
    return _("{hours} h {minutes} min").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def _lesson(module, name: str, lang: str) -> dict:
    """One lesson's entry: its link and title in ``lang`` when translated, else in English."""
    languages = lesson_languages(module.folder / name)
    shown = languages.get(lang, languages["en"])
    return {
        "href": f"{module.id}/{shown.name}",
        "title": lesson_title(shown),
        "lang": lang if lang in languages else "en",
        "translated": lang in languages,
        # Analysts' lessons show their code: the page says to open them in JupyterLab.
        "jupyterlab": name in module.jupyterlab_lessons,
        "others": [
            {"code": code, "name": i18n.LANGUAGES[code], "href": f"{module.id}/{path.name}"}
            for code, path in languages.items()
            if code != lang
        ],
    }


def modules_for(root: Path, lang: str) -> list[dict]:
    """Each module's entry for the page in ``lang`` (an ``error`` entry for a broken manifest)."""
    source = root.parent / "assessment" / "source"
    modules = []
    for manifest in sorted(root.glob("*/module.yaml")):
        try:
            module = load_module(manifest)
        except CurriculumError as error:
            # One broken manifest must not hide the other modules from a class.
            modules.append({"error": str(error)})
            continue
        graded = graded_languages(source, module.assignment) if source.is_dir() else {}
        modules.append(
            {
                "error": None,
                "module": localized(module, lang),
                "lessons": [_lesson(module, name, lang) for name in module.lessons],
                "graded": graded.get(lang) if lang != "en" else None,
                "cadres": _(", ").join(cadre_label(c) for c in module.cadres),
            }
        )
    return modules


def build_landing_page(curriculum_dir: Path | str | None = None, lang: str | None = None) -> str:
    """HTML for the landing page in ``lang`` (else the current language): every module of the
    curriculum, its lessons linked in order."""
    root = Path(curriculum_dir).resolve() if curriculum_dir else default_curriculum_dir()
    lang = i18n.resolve(lang) if lang else i18n.current()
    with i18n.use(lang):
        return theme.render(
            "landing.html.j2",
            _=_,
            stylesheet=theme.stylesheet(),
            modules=modules_for(root, lang),
            lang=lang,
            direction=i18n.direction(lang),
            duration=duration,
        )


def landing_page(curriculum_dir: Path | str | None = None):
    """The landing page with its language picker, as a widget (used by curriculum/index.ipynb).

    The page is an HTML widget: the notebook's own HTML output would be sanitised in Voila (an
    untrusted notebook), losing the style sheet that mirrors the page in Arabic.
    """
    import ipywidgets as widgets

    lang = page_language()
    picker = widgets.ToggleButtons(
        options=[(name, code) for code, name in i18n.LANGUAGES.items()],
        value=lang,
        style={"button_width": "auto"},
    )
    picker.add_class("kit-language-picker")
    page = widgets.HTML()
    box = widgets.VBox([picker, page])

    def show(chosen: str) -> None:
        with i18n.use(chosen):
            picker.description = _("Language")
        page.value = build_landing_page(curriculum_dir, chosen)
        # The picker mirrors with the page in a right-to-left language.
        box.remove_class("kit-dir-rtl")
        if i18n.direction(chosen) == "rtl":
            box.add_class("kit-dir-rtl")

    picker.observe(lambda change: show(change["new"]), names="value")
    show(lang)
    box.picker, box.page = picker, page
    return box
