"""Load and validate the curriculum's module manifests (``curriculum/NN-name/module.yaml``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kit import paths
from kit.curriculum.translations import check_translations
from kit.errors import KitError

__all__ = [
    "CADRES",
    "OPTIONAL",
    "CHECKLIST_ITEMS",
    "CurriculumError",
    "Module",
    "default_curriculum_dir",
    "load_curriculum",
    "load_module",
]

#: Cadres a module may name (para 23 lists civil servants, police officers, border guards and
#: refugee status determination officers; the others are the kit's own audiences).
CADRES = (
    "policy-officers",
    "statisticians",
    "border-guards",
    "status-determination-officers",
    "civil-servants",
    "police-officers",
    "legal-officers",
    "diplomats",
)

#: Item ids of the Commission's checklist (kit/frameworks/gcim-2005.yaml). The framework file,
#: when present, is the authority; this list lets the curriculum validate without it.
CHECKLIST_ITEMS = (
    "objectives.development",
    "objectives.family_reunion",
    "objectives.asylum",
    "objectives.resettlement",
    "objectives.regular_pathways",
    "objectives.integration",
    "objectives.migrant_rights",
    "objectives.international_law",
    "objectives.explicit_criteria",
    "objectives.transparency",
    "objectives.political_leadership",
    "coordination.whole_of_government",
    "coordination.related_ministries",
    "coordination.information_sharing",
    "coordination.stakeholder_consultation",
    "coordination.international_representation",
    "evidence.data_collection",
    "evidence.policy_analysis_research",
    "evidence.monitoring_evaluation",
    "capacity.objective_setting",
    "capacity.legal_system",
    "capacity.trained_cadre",
    "capacity.migrant_assistance",
    "capacity.migrant_representation",
    "capacity.data_analysis",
    "preconditions.human_rights",
    "preconditions.rule_of_law",
    "preconditions.integrity",
    "bilateral.agreements",
    "bilateral.recruitment_regulation",
    "regional.rcp_participation",
    "regional.rcp_agenda",
    "regional.rcp_stakeholders",
    "regional.rcp_links",
    "regional.rcp_evaluation",
    "regional.interregional",
    "regional.integration",
    "global.initiatives",
    "global.policy_networks",
)

MODULE_ID = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*$")
LESSON_NAME = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")
REQUIRED = (
    "id",
    "title",
    "audience",
    "cadres",
    "minutes",
    "prerequisites",
    "objectives",
    "paragraphs",
    "checklist_items",
    "lessons",
    "assignment",
    "instructor_guide",
    "sources",
)
#: Optional fields: the module's pre-test and post-test assignments and, for each of their test
#: cells (grade_id), the number of the objective it measures (read by the learning-gain report).
OPTIONAL = ("pre_test", "post_test", "test_objectives")
GRADE_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")
#: A "working with tables" lesson (code shown, opened in JupyterLab) ends its title so.
TABLES_SUFFIX = "(working with tables)"
#: The chapter has 72 numbered paragraphs.
LAST_PARAGRAPH = 72


class CurriculumError(KitError):
    """A module manifest is missing, unreadable or inconsistent; the message names the file."""


@dataclass(frozen=True)
class Module:
    """One module of the curriculum, as its manifest describes it."""

    id: str
    title: str
    audience: str
    cadres: tuple[str, ...]
    minutes: int
    prerequisites: tuple[str, ...]
    objectives: tuple[str, ...]
    paragraphs: tuple[int, ...]
    checklist_items: tuple[str, ...]
    lessons: tuple[str, ...]
    assignment: str
    instructor_guide: str
    sources: tuple[str, ...]
    folder: Path = field(compare=False)
    pre_test: str | None = None
    post_test: str | None = None
    #: grade_id of each pre/post-test cell -> objective number (1-based, into ``objectives``).
    test_objectives: dict[str, int] = field(default_factory=dict)
    #: Lessons flagged ``metadata.kit.jupyterlab``: opened in JupyterLab (code shown), not Voila.
    jupyterlab_lessons: tuple[str, ...] = ()

    @property
    def lesson_paths(self) -> list[Path]:
        """The lesson notebooks, in teaching order."""
        return [self.folder / name for name in self.lessons]

    @property
    def instructor_guide_path(self) -> Path:
        return self.folder / self.instructor_guide


def default_curriculum_dir() -> Path:
    """The curriculum that ships with the kit (``kit.paths.curriculum_dir``)."""
    return paths.curriculum_dir()


def load_curriculum(curriculum_dir: Path | str | None = None) -> list[Module]:
    """Load every ``NN-name/module.yaml`` under ``curriculum_dir``, ordered by module id."""
    root = Path(curriculum_dir) if curriculum_dir is not None else default_curriculum_dir()
    if not root.is_dir():
        raise CurriculumError(f"{root}: curriculum folder not found")
    manifests = sorted(root.glob("*/module.yaml"))
    return [load_module(path) for path in manifests]


def load_module(path: Path | str, checklist_items: tuple[str, ...] | None = None) -> Module:
    """Read and validate one manifest; raise CurriculumError naming the file and the problem."""
    path = Path(path)
    if path.is_dir():
        path = path / "module.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CurriculumError(f"{path}: file not found") from None
    except yaml.YAMLError as error:
        raise CurriculumError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(data, dict):
        raise CurriculumError(f"{path}: expected a mapping of fields, got {type(data).__name__}")

    def fail(message: str) -> CurriculumError:
        return CurriculumError(f"{path}: {message}")

    missing = [key for key in REQUIRED if key not in data]
    if missing:
        raise fail(f"missing field(s): {', '.join(missing)}")
    unknown = sorted(set(data) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise fail(f"unknown field(s): {', '.join(unknown)}")

    folder = path.parent
    module_id = _text(data, "id", fail)
    if not MODULE_ID.match(module_id):
        raise fail(f"id {module_id!r} should look like '02-data-collection'")
    if module_id != folder.name:
        raise fail(f"id {module_id!r} differs from its folder name {folder.name!r}")

    cadres = _texts(data, "cadres", fail)
    bad = [c for c in cadres if c not in CADRES]
    if bad:
        raise fail(f"unknown cadre(s) {bad}; allowed: {', '.join(CADRES)}")

    minutes = data["minutes"]
    if isinstance(minutes, bool) or not isinstance(minutes, int) or minutes <= 0:
        raise fail(f"minutes should be a positive whole number, not {minutes!r}")

    paragraphs = data["paragraphs"]
    if (
        not isinstance(paragraphs, list)
        or not paragraphs
        or not all(isinstance(p, int) and 1 <= p <= LAST_PARAGRAPH for p in paragraphs)
    ):
        raise fail(f"paragraphs should be a list of paragraph numbers 1-{LAST_PARAGRAPH}")

    items = _texts(data, "checklist_items", fail)
    allowed = checklist_items if checklist_items is not None else CHECKLIST_ITEMS
    bad = [i for i in items if i not in allowed]
    if bad:
        raise fail(f"unknown checklist item(s) {bad}{_replacement_hint(bad)}")

    lessons = _texts(data, "lessons", fail)
    if len(lessons) < 3:
        raise fail(f"a module needs at least three lessons, it lists {len(lessons)}")
    for name in lessons:
        if not LESSON_NAME.match(name):
            raise fail(f"lesson {name!r} should be named like '01-stock-and-flow.ipynb'")
        if not (folder / name).is_file():
            raise fail(f"lesson {name!r} is listed but the file does not exist")
    if len(set(lessons)) != len(lessons):
        raise fail("a lesson is listed twice")

    guide = _text(data, "instructor_guide", fail)
    if not (folder / guide).is_file():
        raise fail(f"instructor guide {guide!r} does not exist")

    objectives = _texts(data, "objectives", fail)
    prerequisites = _texts(data, "prerequisites", fail)
    sources = _texts(data, "sources", fail)
    pre_test, post_test, test_objectives = _tests(data, module_id, len(objectives), fail)
    jupyterlab = tuple(name for name in lessons if _jupyterlab_lesson(folder / name, fail))
    module = Module(
        id=module_id,
        title=_text(data, "title", fail),
        audience=_text(data, "audience", fail),
        cadres=tuple(cadres),
        minutes=minutes,
        prerequisites=tuple(prerequisites),
        objectives=tuple(objectives),
        paragraphs=tuple(paragraphs),
        checklist_items=tuple(items),
        lessons=tuple(lessons),
        assignment=_text(data, "assignment", fail),
        instructor_guide=guide,
        sources=tuple(sources),
        folder=folder,
        pre_test=pre_test,
        post_test=post_test,
        test_objectives=test_objectives,
        jupyterlab_lessons=jupyterlab,
    )
    # Sibling lessons (NN-name.<lang>.ipynb) and module.<lang>.yaml must match the English.
    check_translations(module, data, fail)
    return module


def _tests(data: dict, module_id: str, n_objectives: int, fail) -> tuple:
    """``pre_test``, ``post_test`` (named ``<module>-pre`` / ``<module>-post``, both or neither)
    and ``test_objectives`` (grade_id -> objective number within 1..n_objectives)."""
    pre, post = data.get("pre_test"), data.get("post_test")
    if pre is None and post is None:
        if "test_objectives" in data:
            raise fail("test_objectives given without pre_test and post_test")
        return None, None, {}
    for key, value, suffix in (("pre_test", pre, "pre"), ("post_test", post, "post")):
        if value != f"{module_id}-{suffix}":
            raise fail(f"{key} should be '{module_id}-{suffix}', not {value!r}")
    mapping = data.get("test_objectives")
    if not isinstance(mapping, dict) or not mapping:
        raise fail("test_objectives should map each pre/post-test grade_id to an objective number")
    for grade_id, number in mapping.items():
        if not isinstance(grade_id, str) or not GRADE_ID.match(grade_id):
            raise fail(f"test_objectives: {grade_id!r} is not a grade_id like 'mrz_field_tests'")
        if isinstance(number, bool) or not isinstance(number, int):
            raise fail(f"test_objectives: {grade_id} should map to an objective number")
        if not 1 <= number <= n_objectives:
            raise fail(
                f"test_objectives: {grade_id} names objective {number}, "
                f"but the module has {n_objectives}"
            )
    return pre, post, dict(mapping)


def _jupyterlab_lesson(path: Path, fail) -> bool:
    """Whether a lesson is flagged ``metadata.kit.jupyterlab``; a flagged lesson's title must
    end with "(working with tables)" so the learner knows code will be shown."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise fail(f"lesson {path.name!r} is not a readable notebook ({error})") from None
    kit_meta = notebook.get("metadata", {}).get("kit", {})
    flagged = kit_meta.get("jupyterlab", False) if isinstance(kit_meta, dict) else False
    if flagged not in (True, False):
        raise fail(f"lesson {path.name!r}: metadata.kit.jupyterlab should be true or false")
    if flagged:
        titles = [
            line.strip()[2:].strip()
            for cell in notebook.get("cells", [])
            if cell.get("cell_type") == "markdown"
            for line in "".join(cell.get("source", "")).splitlines()
            if line.strip().startswith("# ")
        ]
        if not titles or not titles[0].endswith(TABLES_SUFFIX):
            raise fail(
                f"lesson {path.name!r} opens in JupyterLab: end its title with '{TABLES_SUFFIX}'"
            )
    return bool(flagged)


def _replacement_hint(bad: list[str]) -> str:
    """For ids that an earlier checklist version had, the items that replaced them."""
    path = paths.frameworks_dir() / "gcim-2005.yaml"
    try:
        replaced = yaml.safe_load(path.read_text(encoding="utf-8")).get("replaced_items") or {}
    except (OSError, yaml.YAMLError, AttributeError):
        return ""
    hints = [
        f"{old} is now {', '.join([*rule.get('carried_to', []), *rule.get('needs_answer', [])])}"
        for old, rule in replaced.items()
        if old in bad and isinstance(rule, dict)
    ]
    return f" ({'; '.join(hints)})" if hints else ""


def _text(data: dict, key: str, fail) -> str:
    value = data[key]
    if not isinstance(value, str) or not value.strip():
        raise fail(f"{key} should be non-empty text, not {value!r}")
    return value.strip()


def _texts(data: dict, key: str, fail) -> list[str]:
    value = data[key]
    if not isinstance(value, list) or not value:
        raise fail(f"{key} should be a non-empty list")
    if not all(isinstance(v, str) and v.strip() for v in value):
        raise fail(f"every entry of {key} should be non-empty text")
    return [v.strip() for v in value]
