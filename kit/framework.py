"""The checklist model: a framework of areas and items, loaded from a YAML file and checked."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from kit import i18n
from kit.errors import KitError

_ = i18n.translator("kit")

SCHEMA = "kit-framework/1"
DEFAULT_FRAMEWORK = "gcim-2005"
LEVELS = (0, 1, 2, 3, 4)
RULES = ("mean", "weakest_link")


@dataclass(frozen=True)
class Band:
    """A category applied to a percentage: ``min`` is the inclusive lower bound."""

    min: float
    label: str


@dataclass(frozen=True)
class Item:
    """One checklist item: what it tests, where it comes from, how to tell its level."""

    id: str
    area_id: str
    title: str
    recommendation: str
    paragraphs: tuple[int, ...]
    levels: dict[int, str]
    evidence: tuple[str, ...]
    cadres: tuple[str, ...]
    modules: tuple[str, ...]
    weight: float = 1.0
    #: Suggested actions to reach a level, by that level (optional ``actions:`` in the file).
    actions: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Replacement:
    """Where the answers to an item of an earlier version go: ``carried_to`` items take a copy
    of the old answer (to be checked), ``needs_answer`` items must be answered afresh."""

    old_id: str
    until: str
    carried_to: tuple[str, ...]
    needs_answer: tuple[str, ...]


@dataclass(frozen=True)
class Area:
    """A group of items scored together under one rule (mean or weakest link)."""

    id: str
    title: str
    paragraphs: tuple[int, ...]
    rule: str
    weight: float
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Framework:
    """A whole checklist: its areas, level scale, category bands and vocabularies."""

    id: str
    title: str
    version: str
    source: str
    target_level: int
    scale: dict[int, str]
    bands: tuple[Band, ...]
    cadres: dict[str, str]
    modules: dict[str, str]
    areas: tuple[Area, ...]
    path: str = ""
    #: Item ids of earlier versions, by old id, and where their answers go.
    replaced: dict[str, Replacement] = field(default_factory=dict)
    #: Items kept under their id whose descriptors changed, with a note on what changed.
    revised: dict[str, str] = field(default_factory=dict)
    #: The language of the texts (``en`` for the source; see ``framework_translation``).
    language: str = "en"
    #: Every item by id, in checklist order: derived from ``areas``, never passed in, so that
    #: ``dataclasses.replace(fw, areas=...)`` gives a framework with its own, matching map.
    items: dict[str, Item] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A frozen dataclass sets a derived field through object.__setattr__, on a fresh dict.
        items = {item.id: item for area in self.areas for item in area.items}
        object.__setattr__(self, "items", items)

    def area(self, area_id: str) -> Area:
        """The area with this id."""
        for area in self.areas:
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def band(self, percent: float | None) -> str | None:
        """The category label for a percentage, or None when there is no percentage."""
        if percent is None:
            return None
        label = self.bands[0].label
        for band in self.bands:
            if percent >= band.min:
                label = band.label
        return label


@functools.cache
def _builtin_ids() -> tuple[str, ...]:
    folder = resources.files("kit") / "frameworks"
    # ``gcim-2005.fr.yaml`` is a translation of ``gcim-2005``, not a framework of its own.
    stems = (p.name[: -len(".yaml")] for p in folder.iterdir() if p.name.endswith(".yaml"))
    return tuple(sorted(stem for stem in stems if "." not in stem))


def builtin_frameworks() -> list[str]:
    """Ids of the frameworks shipped inside the package."""
    return list(_builtin_ids())


def load_framework(
    name_or_path: str | Path = DEFAULT_FRAMEWORK, lang: str | None = None
) -> Framework:
    """Load a framework by built-in id (``gcim-2005``) or from a YAML file path, and check it.

    A built-in framework is read once per process and the same value returned after (treat a
    Framework as immutable; ``dataclasses.replace`` makes a changed copy). A file is read each
    time, as it may have been edited. Raises KitError with a one-line message naming the file
    and the fault.

    ``lang`` gives the framework with its texts in that language, from the translation file
    beside it (``gcim-2005.fr.yaml``, see ``framework_translation``); ids, levels, weights and
    paragraphs are the same, so answers given in any language score alike. English, or a
    language with no translation file, gives the source texts.
    """
    name = str(name_or_path)
    if not Path(name).suffix and not Path(name).exists() and name in builtin_frameworks():
        framework = _builtin(name)
    else:
        framework = _load(name)
    if lang is None or lang == framework.language:
        return framework
    from kit import framework_translation  # the translation reads this module's types

    return framework_translation.translated(framework, lang)


#: The name the languages contract (issue #14) gives ``load_framework``.
load = load_framework


@functools.cache
def _builtin(name: str) -> Framework:
    return _load(name)


def _load(name: str) -> Framework:
    text, source = _read_framework_text(name)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or _("not valid YAML")
        fault = _("malformed YAML ({problem})").format(problem=problem)
        if mark is not None:
            fault = _("line {line}: {fault}").format(line=mark.line + 1, fault=fault)
        raise KitError(fault, file=source) from None
    return _parse_framework(data, source)


def _read_framework_text(name: str) -> tuple[str, str]:
    path = Path(name)
    if not path.suffix and not path.exists():
        if name not in builtin_frameworks():
            known = ", ".join(builtin_frameworks())
            raise KitError(
                _("no such framework (built in: {known}; or give a .yaml path)").format(
                    known=known
                ),
                file=name,
            )
        packaged = resources.files("kit") / "frameworks" / f"{name}.yaml"
        return packaged.read_text(encoding="utf-8"), f"{name}.yaml"
    if not path.is_file():
        raise KitError(_("framework file not found"), file=path)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except UnicodeDecodeError:
        raise KitError(_("not UTF-8 text; save the framework file as UTF-8"), file=path) from None


class _Checker:
    """Reads fields out of parsed YAML with messages that name the file and the place."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, place: str, fault: str) -> KitError:
        return KitError(_("{place}: {fault}").format(place=place, fault=fault), file=self.source)

    def mapping(self, value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, _("expected a mapping of fields"))
        return value

    def text(self, data: dict[str, Any], key: str, place: str) -> str:
        value = data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise self.fail(place, _("missing '{key}'").format(key=key))
        if not isinstance(value, str | int | float):
            raise self.fail(place, _("'{key}' must be text").format(key=key))
        return str(value).strip()

    def number(self, data: dict[str, Any], key: str, place: str, default: float) -> float:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise self.fail(
                place,
                _("'{key}' must be a positive number, not {value}").format(
                    key=key, value=repr(value)
                ),
            )
        return float(value)

    def paragraphs(self, data: dict[str, Any], place: str) -> tuple[int, ...]:
        value = data.get("paragraphs", [])
        if not isinstance(value, list) or not all(
            isinstance(p, int) and not isinstance(p, bool) and p > 0 for p in value
        ):
            raise self.fail(place, _("'paragraphs' must be a list of paragraph numbers"))
        return tuple(value)

    def strings(self, data: dict[str, Any], key: str, place: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise self.fail(place, _("'{key}' must be a list of text entries").format(key=key))
        return tuple(value)

    def levels(self, data: dict[str, Any], key: str, place: str) -> dict[int, str]:
        value = data.get(key)
        if not isinstance(value, dict):
            raise self.fail(
                place, _("missing '{key}' (five descriptors, levels 0-4)").format(key=key)
            )
        extra = [k for k in value if k not in LEVELS]
        if extra:
            raise self.fail(
                place,
                _("'{key}' has level {level}; levels are 0-4").format(
                    key=key, level=repr(extra[0])
                ),
            )
        for level in LEVELS:
            text = value.get(level)
            if not isinstance(text, str) or not text.strip():
                raise self.fail(
                    place, _("missing descriptor for level {level}").format(level=level)
                )
        return {level: value[level].strip() for level in LEVELS}

    def vocabulary(self, data: dict[str, Any], key: str) -> dict[str, str]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise self.fail(key, _("expected a list of {id, title}"))
        vocab: dict[str, str] = {}
        for n, entry in enumerate(value, start=1):
            place = _("{field} entry {number}").format(field=key, number=n)
            entry = self.mapping(entry, place)
            entry_id = self.text(entry, "id", place)
            vocab[entry_id] = self.text(entry, "title", f"{key} '{entry_id}'")
        return vocab


def _parse_framework(data: Any, source: str) -> Framework:
    check = _Checker(source)
    if data is None:
        raise KitError(_("empty framework file"), file=source)
    data = check.mapping(data, _("top level"))
    if data.get("schema") != SCHEMA:
        raise check.fail(
            "schema",
            _("expected '{expected}', found {found}").format(
                expected=SCHEMA, found=repr(data.get("schema"))
            ),
        )
    scale = check.levels(data, "scale", "scale")
    target = data.get("target_level", 3)
    if target not in LEVELS or isinstance(target, bool):
        raise check.fail(
            "target_level", _("must be a level 0-4, not {value}").format(value=repr(target))
        )
    bands = _parse_bands(check, data.get("bands"))
    cadres = check.vocabulary(data, "cadres")
    modules = check.vocabulary(data, "modules")

    raw_areas = data.get("areas")
    if not isinstance(raw_areas, list) or not raw_areas:
        raise check.fail("areas", _("a framework needs at least one area"))
    areas: list[Area] = []
    seen_items: set[str] = set()
    seen_areas: set[str] = set()
    for n, raw_area in enumerate(raw_areas, start=1):
        raw_area = check.mapping(raw_area, _("area {number}").format(number=n))
        area_id = check.text(raw_area, "id", _("area {number}").format(number=n))
        place = _("area '{id}'").format(id=area_id)
        if area_id in seen_areas:
            raise check.fail(place, _("duplicate area id"))
        seen_areas.add(area_id)
        rule = raw_area.get("rule", "mean")
        if rule not in RULES:
            raise check.fail(
                place,
                _("rule {rule} is not one of {choices}").format(
                    rule=repr(rule), choices=", ".join(RULES)
                ),
            )
        raw_items = raw_area.get("items")
        if not isinstance(raw_items, list) or not raw_items:
            raise check.fail(place, _("an area needs at least one item"))
        items = []
        for m, raw_item in enumerate(raw_items, start=1):
            item = _parse_item(check, raw_item, area_id, m, cadres, modules)
            if item.id in seen_items:
                raise check.fail(_("item '{id}'").format(id=item.id), _("duplicate item id"))
            seen_items.add(item.id)
            items.append(item)
        areas.append(
            Area(
                id=area_id,
                title=check.text(raw_area, "title", place),
                paragraphs=check.paragraphs(raw_area, place),
                rule=rule,
                weight=check.number(raw_area, "weight", place, 1.0),
                items=tuple(items),
            )
        )
    item_ids = tuple(seen_items)
    return Framework(
        id=check.text(data, "id", "top level"),
        title=check.text(data, "title", "top level"),
        version=check.text(data, "version", "top level"),
        source=check.text(data, "source", "top level"),
        target_level=target,
        scale=scale,
        bands=bands,
        cadres=cadres,
        modules=modules,
        areas=tuple(areas),
        path=source,
        replaced=_parse_replaced(check, data.get("replaced_items"), item_ids),
        revised=_parse_revised(check, data.get("revised_items"), item_ids),
    )


def _parse_replaced(check: _Checker, raw: Any, item_ids: tuple[str, ...]) -> dict[str, Replacement]:
    """The ``replaced_items`` map: every old id points only at current items, none twice."""
    if raw is None:
        return {}
    raw = check.mapping(raw, "replaced_items")
    replaced = {}
    for old_id, entry in raw.items():
        place = f"replaced_items '{old_id}'"
        if old_id in item_ids:
            raise check.fail(place, _("is still an item of this version; only removed ids go here"))
        entry = check.mapping(entry, place)
        unknown = sorted(set(entry) - {"until", "carried_to", "needs_answer"})
        if unknown:
            raise check.fail(place, _("unknown field '{field}'").format(field=unknown[0]))
        carried = check.strings(entry, "carried_to", place)
        needed = check.strings(entry, "needs_answer", place)
        targets = carried + needed
        if not targets:
            raise check.fail(place, _("names no new item (carried_to or needs_answer)"))
        for target in targets:
            if target not in item_ids:
                raise check.fail(
                    place, _("'{item}' is not an item of this version").format(item=target)
                )
        if len(set(targets)) != len(targets):
            raise check.fail(place, _("an item is named twice"))
        until = check.text(entry, "until", place)
        replaced[str(old_id)] = Replacement(str(old_id), until, carried, needed)
    return replaced


def _parse_revised(check: _Checker, raw: Any, item_ids: tuple[str, ...]) -> dict[str, str]:
    """The ``revised_items`` map: current item id -> what changed in its descriptors."""
    if raw is None:
        return {}
    raw = check.mapping(raw, "revised_items")
    for item_id, note in raw.items():
        if item_id not in item_ids:
            raise check.fail(f"revised_items '{item_id}'", _("is not an item of this version"))
        if not isinstance(note, str) or not note.strip():
            raise check.fail(f"revised_items '{item_id}'", _("needs a note on what changed"))
    return {str(k): v.strip() for k, v in raw.items()}


def _parse_bands(check: _Checker, raw: Any) -> tuple[Band, ...]:
    if not isinstance(raw, list) or not raw:
        raise check.fail("bands", _("need a list of {min, label}, the first with min 0"))
    bands = []
    for n, entry in enumerate(raw, start=1):
        place = _("band {number}").format(number=n)
        entry = check.mapping(entry, place)
        low = entry.get("min")
        if isinstance(low, bool) or not isinstance(low, int | float) or not 0 <= low <= 100:
            raise check.fail(
                place, _("'min' must be a percentage 0-100, not {value}").format(value=repr(low))
            )
        bands.append(Band(float(low), check.text(entry, "label", place)))
    if bands[0].min != 0:
        raise check.fail("bands", _("the first band must start at min 0"))
    if any(a.min >= b.min for a, b in zip(bands, bands[1:], strict=False)):
        raise check.fail("bands", _("'min' values must rise strictly from one band to the next"))
    return tuple(bands)


def _parse_item(
    check: _Checker,
    raw: Any,
    area_id: str,
    position: int,
    cadres: dict[str, str],
    modules: dict[str, str],
) -> Item:
    where = _("area '{id}' item {number}").format(id=area_id, number=position)
    raw = check.mapping(raw, where)
    item_id = check.text(raw, "id", where)
    place = _("item '{id}'").format(id=item_id)
    item_cadres = check.strings(raw, "cadres", place)
    item_modules = check.strings(raw, "modules", place)
    for cadre in item_cadres:
        if cadres and cadre not in cadres:
            raise check.fail(
                place,
                _("cadre '{cadre}' is not in the framework's cadres list").format(cadre=cadre),
            )
    for module in item_modules:
        if modules and module not in modules:
            raise check.fail(
                place,
                _("module '{module}' is not in the framework's modules list").format(module=module),
            )
    return Item(
        id=item_id,
        area_id=area_id,
        title=check.text(raw, "title", place),
        recommendation=check.text(raw, "recommendation", place),
        paragraphs=check.paragraphs(raw, place),
        levels=check.levels(raw, "levels", place),
        evidence=check.strings(raw, "evidence", place),
        cadres=item_cadres,
        modules=item_modules,
        weight=check.number(raw, "weight", place, 1.0),
        actions=_parse_actions(check, raw.get("actions", {}), place),
    )


def _parse_actions(check: _Checker, raw: Any, place: str) -> dict[int, tuple[str, ...]]:
    """``actions: {1: [...], 2: [...]}``: suggested actions to reach each level (1-4)."""
    found = {}
    for level, texts in check.mapping(raw, f"{place} actions").items():
        if isinstance(level, bool) or level not in LEVELS or level == 0:
            raise check.fail(place, f"'actions' has level {level!r}; actions lead to levels 1-4")
        if isinstance(texts, str):
            texts = [texts]
        found[level] = check.strings({"actions": texts}, "actions", place)
    return found
