"""Translated lessons, module texts and graded sets, found beside the English ones.

A lesson ``01-reading-the-mrz.ipynb`` is offered in French when ``01-reading-the-mrz.fr.ipynb``
sits beside it; a module's texts in French come from ``module.fr.yaml``; a graded set
``01-policy-formulation`` in French is the assignment ``01-policy-formulation-fr``. Nothing else
is registered: the files are the list (see /work/i18n-contract.md section 3).
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import yaml

from kit import i18n

__all__ = [
    "TEXT_FIELDS",
    "assignment_language",
    "check_translations",
    "graded_languages",
    "lesson_languages",
    "localized",
    "module_languages",
    "sibling",
]

#: The human-text fields of module.yaml a ``module.<lang>.yaml`` translates (lists keep length).
TEXT_FIELDS = ("title", "audience", "prerequisites", "objectives", "sources")
#: Fields a translation may add about itself.
ABOUT_FIELDS = ("language", "translated_by", "reviewed_by")
#: ``NN-name.<lang>.ipynb``: a language code between the lesson's stem and ``.ipynb``.
_SIBLING = re.compile(r"^(?P<stem>\d{2}-[a-z0-9-]+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z]+)?)\.ipynb$")
_MODULE_TEXTS = re.compile(r"^module\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z]+)?)\.yaml$")


def sibling(lesson: Path, lang: str) -> Path:
    """The path of ``lesson`` in ``lang`` (the English file itself for ``en``)."""
    return lesson if lang == "en" else lesson.with_name(f"{lesson.stem}.{lang}.ipynb")


def lesson_languages(lesson: Path) -> dict[str, Path]:
    """Each language a lesson is offered in, English first, then in the kit's language order."""
    found = {"en": lesson}
    for lang in i18n.LANGUAGES:
        if lang != "en" and sibling(lesson, lang).is_file():
            found[lang] = sibling(lesson, lang)
    return found


def module_languages(folder: Path) -> list[str]:
    """The languages a module folder has texts for (``module.<lang>.yaml``), English first."""
    others = [lang for lang in i18n.LANGUAGES if lang != "en"]
    return ["en"] + [lang for lang in others if (folder / f"module.{lang}.yaml").is_file()]


def _read_texts(path: Path, fail) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise fail(f"{path.name}: not readable YAML ({error})") from None
    if not isinstance(data, dict):
        raise fail(f"{path.name}: expected a mapping of fields")
    return data


def localized(module, lang: str):
    """``module`` with its texts in ``lang`` where ``module.<lang>.yaml`` gives them (English
    otherwise, field by field); a broken translation file falls back to English whole."""
    path = module.folder / f"module.{lang}.yaml"
    if lang == "en" or not path.is_file():
        return module
    try:
        data = _read_texts(path, ValueError)
    except ValueError:
        return module
    changes = {}
    for key in TEXT_FIELDS:
        value = data.get(key)
        english = getattr(module, key)
        if isinstance(english, str) and isinstance(value, str) and value.strip():
            changes[key] = value.strip()
        elif (
            isinstance(english, tuple)
            and isinstance(value, list)
            and len(value) == len(english)
            and all(isinstance(v, str) and v.strip() for v in value)
        ):
            changes[key] = tuple(v.strip() for v in value)
    return dataclasses.replace(module, **changes)


def assignment_language(assignment: str) -> str | None:
    """The language of a translated graded set (``01-policy-formulation-fr`` -> ``fr``)."""
    for code in i18n.LANGUAGES:
        if code != "en" and assignment.endswith(f"-{code}"):
            return code
    return None


def graded_languages(source_dir: Path, assignment: str) -> dict[str, str]:
    """Each language a graded set exists in under ``assessment/source``: lang -> assignment."""
    found = {"en": assignment}
    for lang in i18n.LANGUAGES:
        if lang != "en" and (source_dir / f"{assignment}-{lang}").is_dir():
            found[lang] = f"{assignment}-{lang}"
    return found


def _cells(path: Path, fail) -> tuple[list[tuple[str, str]], dict]:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise fail(f"lesson {path.name!r} is not a readable notebook ({error})") from None
    cells = [(c.get("id", ""), c.get("cell_type", "")) for c in notebook.get("cells", [])]
    return cells, notebook.get("metadata", {})


def check_translations(module, data: dict, fail) -> None:
    """Check a module's translations against its English files; raise ``fail(message)``.

    Every ``NN-name.<lang>.ipynb`` belongs to a listed lesson, in a language of the kit, with the
    same cells (count, ids, kinds, order) as the English notebook; a language with any
    translated lesson or a ``module.<lang>.yaml`` has both, for every lesson; the module texts
    translate the same fields (lists of the same length) and change nothing else.
    """
    folder: Path = module.folder
    stems = {Path(name).stem for name in module.lessons}
    by_lang: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.*.ipynb")):
        match = _SIBLING.match(path.name)
        if not match or match["stem"] not in stems:
            raise fail(f"{path.name}: a translated lesson must be named after a listed lesson")
        lang = match["lang"]
        if lang not in i18n.LANGUAGES or lang == "en":
            raise fail(f"{path.name}: {lang!r} is not a language of the kit")
        by_lang.setdefault(lang, set()).add(match["stem"])
        english, _ = _cells(folder / f"{match['stem']}.ipynb", fail)
        translated, metadata = _cells(path, fail)
        if len(translated) != len(english):
            raise fail(
                f"{path.name}: {len(translated)} cells, the English lesson has {len(english)}"
            )
        for number, (mine, theirs) in enumerate(zip(translated, english, strict=True), 1):
            if mine != theirs:
                raise fail(
                    f"{path.name}: cell {number} is {mine[1]} {mine[0]!r}, "
                    f"the English lesson has {theirs[1]} {theirs[0]!r}"
                )
        stated = metadata.get("kit", {}).get("language") if isinstance(metadata, dict) else None
        if stated is not None and stated != lang:
            raise fail(f"{path.name}: metadata.kit.language is {stated!r}, its name says {lang!r}")
    for path in sorted(folder.glob("module.*.yaml")):
        match = _MODULE_TEXTS.match(path.name)
        lang = match["lang"] if match else ""
        if lang not in i18n.LANGUAGES or lang == "en":
            raise fail(f"{path.name}: {lang or path.name!r} is not a language of the kit")
        by_lang.setdefault(lang, set())
        _check_texts(path, data, fail)
    for lang, done in sorted(by_lang.items()):
        if not (folder / f"module.{lang}.yaml").is_file():
            raise fail(f"lessons in {lang!r} but no module.{lang}.yaml")
        missing = sorted(stems - done)
        if missing:
            raise fail(f"module.{lang}.yaml but no {lang!r} lesson for {', '.join(missing)}")


def _check_texts(path: Path, english: dict, fail) -> None:
    data = _read_texts(path, fail)
    for key, value in data.items():
        if key in ABOUT_FIELDS:
            continue
        if key not in english:
            raise fail(f"{path.name}: field {key!r} is not in module.yaml")
        source = english[key]
        if key not in TEXT_FIELDS:
            if value != source:
                raise fail(f"{path.name}: {key} must stay as in module.yaml (it is not text)")
        elif isinstance(source, list):
            if not isinstance(value, list) or len(value) != len(source):
                raise fail(f"{path.name}: {key} should list {len(source)} entries like module.yaml")
            if not all(isinstance(v, str) and v.strip() for v in value):
                raise fail(f"{path.name}: every entry of {key} should be non-empty text")
        elif not isinstance(value, str) or not value.strip():
            raise fail(f"{path.name}: {key} should be non-empty text")
    if "title" not in data:
        raise fail(f"{path.name}: missing field title")
