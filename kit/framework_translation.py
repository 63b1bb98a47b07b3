"""A framework's texts in another language: ``<framework>.<lang>.yaml`` beside the framework.

The translation file (schema ``kit-framework-translation/1``, issue #14) carries only human
text, keyed by the framework's own ids: the title, the source's citation (optional), the scale
labels, the band labels (keyed by their ``min``), the cadres, the curriculum modules' titles
(optional), and for every area its title and
for every item its title, recommendation, five level descriptors and evidence prompts. It is
checked against the framework it translates: every area and item present, no extra id, the
same level keys and number of evidence prompts, the same version. A fault is one ``KitError``
line naming the file and place.

Ids, weights, paragraphs and rules never change, so answers given in any language are the same
answers: response files stay language-neutral and consolidate as one.

This module reads a ``Framework`` through ``dataclasses.replace`` only (it does not import
``kit.framework``, which imports it to answer ``load_framework(..., lang=)``).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import yaml

from kit import i18n, paths
from kit.errors import KitError

_ = i18n.translator("kit")

SCHEMA = "kit-framework-translation/1"
LEVELS = (0, 1, 2, 3, 4)

_cache: dict[tuple[str, str, str], Any] = {}


def translation_path(framework: Any, lang: str) -> Path:
    """Where ``framework``'s translation into ``lang`` is: beside its file, or in the package."""
    source = Path(framework.path)
    if source.parent == Path(".") and not source.is_file():  # a built-in: "gcim-2005.yaml"
        return paths.frameworks_dir() / f"{framework.id}.{lang}.yaml"
    return source.with_name(f"{source.stem}.{lang}.yaml")


def languages(framework: Any) -> list[str]:
    """The languages ``framework`` can be read in: its own, then each translation file's."""
    found = [framework.language]
    for lang in i18n.LANGUAGES:
        if lang != framework.language and translation_path(framework, lang).is_file():
            found.append(lang)
    return found


def translated(framework: Any, lang: str) -> Any:
    """``framework`` with its texts in ``lang`` (the source texts when no file translates it)."""
    lang = i18n.resolve(lang)
    path = translation_path(framework, lang)
    if lang == framework.language or not path.is_file():
        return framework
    builtin = not Path(framework.path).is_file()
    key = (framework.path, framework.version, lang)
    if builtin and key in _cache:
        return _cache[key]
    texts = read_translation(path, framework, lang)
    result = apply(framework, texts, lang)
    if builtin:
        _cache[key] = result
    return result


def read_translation(path: Path, framework: Any, lang: str | None = None) -> dict[str, Any]:
    """The checked contents of the translation file ``path`` of ``framework``."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise KitError(_("not UTF-8 text; save the translation as UTF-8"), file=path) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        fault = _("malformed YAML")
        if mark is not None:
            fault = _("line {line}: {fault}").format(line=mark.line + 1, fault=fault)
        raise KitError(fault, file=path) from None
    check(data, framework, path, lang)
    return data


def check(data: Any, framework: Any, path: Path | str, lang: str | None = None) -> None:
    """Raise a one-line ``KitError`` on the first way ``data`` fails to translate ``framework``."""

    def fail(place: str, fault: str) -> KitError:
        line = _("{place}: {fault}").format(place=place, fault=fault) if place else fault
        return KitError(line, file=path)

    def text(value: Any, place: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise fail(place, _("missing translated text"))

    def keys(value: Any, wanted: list, place: str) -> dict:
        if not isinstance(value, dict):
            raise fail(place, _("expected a mapping"))
        missing = [k for k in wanted if k not in value]
        if missing:
            raise fail(place, _("missing {key}").format(key=repr(missing[0])))
        extra = [k for k in value if k not in wanted]
        if extra:
            raise fail(
                place,
                _("{key} is not in {framework} {version}").format(
                    key=repr(extra[0]), framework=framework.id, version=framework.version
                ),
            )
        return value

    if not isinstance(data, dict):
        raise fail("", _("expected a mapping of fields"))
    if data.get("schema") != SCHEMA:
        raise fail(
            "schema",
            _("expected '{expected}', found {found}").format(
                expected=SCHEMA, found=repr(data.get("schema"))
            ),
        )
    if data.get("framework") != framework.id:
        raise fail(
            "framework",
            _("translates {found}, not {expected}").format(
                found=repr(data.get("framework")), expected=repr(framework.id)
            ),
        )
    if str(data.get("version")) != framework.version:
        raise fail(
            "version",
            _(
                "translates version {found}; the framework is {expected}: update the translation"
            ).format(found=repr(data.get("version")), expected=repr(framework.version)),
        )
    if lang is not None and data.get("language") != lang:
        raise fail(
            "language",
            _("is {found}; the file name says {expected}").format(
                found=repr(data.get("language")), expected=repr(lang)
            ),
        )
    if "translated_by" not in data or "reviewed_by" not in data:
        raise fail("", _("say who translated it (translated_by) and who reviewed it (reviewed_by)"))
    text(data.get("title"), "title")
    if "source" in data:  # optional: the source's citation in this language
        text(data["source"], "source")
    for key, label in keys(data.get("scale"), list(LEVELS), "scale").items():
        text(label, _("scale {level}").format(level=key))
    band_keys = [_number(band.min) for band in framework.bands]
    bands = data.get("bands", {})
    if isinstance(bands, dict):
        bands = {_number(k): v for k, v in bands.items()}
    for key, label in keys(bands, band_keys, "bands").items():
        text(label, _("band {number}").format(number=key))
    for key, label in keys(data.get("cadres", {}), list(framework.cadres), "cadres").items():
        text(label, _("cadre '{id}'").format(id=key))
    if "modules" in data:  # optional: the curriculum modules' titles in this language
        for key, label in keys(data["modules"], list(framework.modules), "modules").items():
            text(label, _("module '{id}'").format(id=key))
    areas = keys(data.get("areas"), [a.id for a in framework.areas], "areas")
    for area in framework.areas:
        place = _("area '{id}'").format(id=area.id)
        entry = keys(areas[area.id], ["title", "items"], place)
        text(entry["title"], place)
        items = keys(
            entry["items"], [i.id for i in area.items], _("{place} items").format(place=place)
        )
        for item in area.items:
            place = _("item '{id}'").format(id=item.id)
            got = items[item.id]
            if not isinstance(got, dict):
                raise fail(place, _("expected a mapping"))
            # The evidence prompts are counted below (a source item may have none).
            fields = {k: v for k, v in got.items() if k != "evidence"}
            keys(fields, ["title", "recommendation", "levels"], place)
            text(got["title"], _("{place} title").format(place=place))
            text(got["recommendation"], _("{place} recommendation").format(place=place))
            wanted = list(LEVELS)
            levels = keys(got["levels"], wanted, _("{place} levels").format(place=place))
            for level, descriptor in levels.items():
                text(descriptor, _("{place} level {level}").format(place=place, level=level))
            evidence = got.get("evidence", [])
            if not isinstance(evidence, list) or len(evidence) != len(item.evidence):
                if isinstance(evidence, list):
                    fault = _("{count} evidence prompts; the framework has {expected}")
                else:
                    fault = _("no list of evidence prompts; the framework has {expected}")
                raise fail(
                    place, fault.format(count=len(evidence or ()), expected=len(item.evidence))
                )
            for n, prompt in enumerate(evidence, start=1):
                text(prompt, _("{place} evidence {number}").format(place=place, number=n))


def _number(value: Any) -> Any:
    """A band key as the framework writes it: 25 and 25.0 are one key."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


def apply(framework: Any, data: dict[str, Any], lang: str) -> Any:
    """``framework`` with the (checked) texts of ``data``."""
    replace = dataclasses.replace
    band_labels = {_number(k): v.strip() for k, v in data.get("bands", {}).items()}
    areas = []
    for area in framework.areas:
        texts = data["areas"][area.id]
        items = []
        for item in area.items:
            got = texts["items"][item.id]
            items.append(
                replace(
                    item,
                    title=got["title"].strip(),
                    recommendation=got["recommendation"].strip(),
                    levels={level: got["levels"][level].strip() for level in LEVELS},
                    evidence=tuple(p.strip() for p in got.get("evidence", [])),
                )
            )
        areas.append(replace(area, title=texts["title"].strip(), items=tuple(items)))
    return replace(
        framework,
        title=data["title"].strip(),
        source=str(data.get("source") or framework.source).strip(),
        scale={level: data["scale"][level].strip() for level in LEVELS},
        bands=tuple(replace(b, label=band_labels[_number(b.min)]) for b in framework.bands),
        cadres={key: data.get("cadres", {})[key].strip() for key in framework.cadres},
        modules={
            key: data.get("modules", {}).get(key, title).strip()
            for key, title in framework.modules.items()
        },
        areas=tuple(areas),
        language=lang,
    )
