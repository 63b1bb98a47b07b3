"""The curriculum test harness: repository paths and a real nbgrader course in a temp folder."""

from __future__ import annotations

import importlib.util
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import repo
import yaml

from kit.curriculum.translations import assignment_language

REPO = repo.ROOT
CURRICULUM = repo.CURRICULUM
ASSESSMENT = repo.ASSESSMENT
SOURCE = ASSESSMENT / "source"
DATASETS = repo.DATASETS
WRONG_ANSWERS = Path(__file__).resolve().parent / "wrong_answers"

#: Values an official might put in any answer variable by mistake: each becomes one submission in
#: which every answer variable holds it, and every failing test must say what was expected.
BAD_VALUES = {
    "text": '"12"',
    "number": "12",
    "list": "[1, 2]",
    "table": '__import__("pandas").DataFrame({"x": [1]})',
}

PLACEHOLDER = re.compile(r"^(?P<name>[A-Za-z_]\w*)\s*=\s*\.\.\.(\s*#.*)?$")

# Third-party noise, filtered narrowly: SQLAlchemy 2.1 warns inside nbgrader's autograde
# (harmless, see the platform notes); jupyter_client and traitlets warn on deprecated internals.
THIRD_PARTY_WARNINGS = [
    "ignore::sqlalchemy.exc.SAWarning",
    "ignore:Jupyter is migrating its paths:DeprecationWarning",
    "ignore::DeprecationWarning:jupyter_client.*",
    "ignore::DeprecationWarning:nbgrader.*",
    "ignore::DeprecationWarning:traitlets.*",
    "ignore::DeprecationWarning:zmq.*",
    "ignore::ResourceWarning",
    "ignore::pytest.PytestUnraisableExceptionWarning",
]


def assignments() -> list[str]:
    """Every assignment written by hand under assessment/source/."""
    if not SOURCE.is_dir():
        return []
    return sorted(p.name for p in SOURCE.iterdir() if p.is_dir() and not p.name.startswith("."))


def original_of(assignment: str) -> str:
    """The English assignment a translated set copies (``05-cooperation-pre-fr`` ->
    ``05-cooperation-pre``): a ``-<lang>`` suffix on the name of an existing assignment folder.
    An assignment that is not a translation is its own original."""
    # Only a language of the kit's catalogues counts: "-pre" and "-post" are not languages.
    lang = assignment_language(assignment)
    base = assignment.removesuffix(f"-{lang}") if lang else ""
    if base and (SOURCE / base).is_dir():
        return base
    return assignment


def is_diagnostic(assignment: str) -> bool:
    """A module's pre-test or post-test (``NN-<module>-pre`` / ``-post``, or a translation of one
    such as ``NN-<module>-pre-fr``), not a graded set."""
    return original_of(assignment).endswith(("-pre", "-post"))


def notebook_of(assignment: str) -> Path:
    return SOURCE / assignment / f"{assignment}.ipynb"


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def answer_variable(cell) -> str | None:
    """The variable named on the placeholder line (``name = ...``) of an answer cell."""
    for line in cell.source.splitlines():
        if "BEGIN SOLUTION" in line:
            break
        match = PLACEHOLDER.match(line.strip())
        if match:
            return match.group("name")
    return None


def wrong_answers_file(assignment: str) -> Path:
    """The assignment's wrong answers; a post-test without its own file uses its pre-test's,
    since the two hold the same cells, and a translated set its original's (same grade ids and
    answers)."""
    path = WRONG_ANSWERS / f"{assignment}.yaml"
    if not path.is_file() and original_of(assignment) != assignment:
        return wrong_answers_file(original_of(assignment))
    if not path.is_file() and assignment.endswith("-post"):
        return WRONG_ANSWERS / f"{assignment.removesuffix('-post')}-pre.yaml"
    return path


def load_wrong_answers(assignment: str) -> dict[str, str]:
    path = wrong_answers_file(assignment)
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    assert isinstance(data, dict), f"{path}: expected a mapping of grade_id to code"
    return {str(k): str(v) for k, v in data.items()}


@dataclass
class GradedAssignment:
    """What nbgrader made of one assignment: scores per submission and where files are."""

    assignment: str
    root: Path
    scores: dict[str, dict] = field(default_factory=dict)

    @property
    def release(self) -> Path:
        return self.root / "release" / self.assignment

    def autograded_notebook(self, student: str) -> nbformat.NotebookNode:
        path = self.root / "autograded" / student / self.assignment / f"{self.assignment}.ipynb"
        return nbformat.read(path, as_version=4)

    def feedback_html(self, student: str) -> Path:
        return self.root / "feedback" / student / self.assignment / f"{self.assignment}.html"


class Course:
    """A temporary copy of the course directory, graded with nbgrader's in-process API."""

    def __init__(self, root: Path) -> None:
        from nbgrader.apps import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory
        from traitlets.config.loader import PyFileConfigLoader

        self.root = root
        shutil.copy(ASSESSMENT / "nbgrader_config.py", root / "nbgrader_config.py")
        shutil.copytree(SOURCE, root / "source")
        config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
        assert config.CourseDirectory.root == str(root), "the config must place the course here"
        self.api = NbGraderAPI(CourseDirectory(config=config), config=config)
        self.graded: dict[str, GradedAssignment] = {}

    def grade(self, assignment: str) -> GradedAssignment:
        if assignment not in self.graded:
            self.graded[assignment] = self._grade(assignment)
        return self.graded[assignment]

    def _run(self, what: str, result: dict) -> None:
        assert result["success"], f"nbgrader {what} failed:\n{result['log']}"

    def _grade(self, assignment: str) -> GradedAssignment:
        from nbgrader.api import Gradebook

        from kit.course.api import generate

        # kit's own generation (kit course build): a translated set's placeholder in its language.
        generate(self.root, assignment)
        graded = GradedAssignment(assignment, self.root)
        source_nb = nbformat.read(notebook_of(assignment), as_version=4)
        release_nb = nbformat.read(graded.release / f"{assignment}.ipynb", as_version=4)

        submissions = {
            "solution": source_nb,
            "blank": release_nb,
            "wrong": with_answers(release_nb, load_wrong_answers(assignment)),
        }
        for label, code in BAD_VALUES.items():
            submissions[f"bad-{label}"] = with_bad_value(release_nb, code)

        for student, nb in submissions.items():
            folder = self.root / "submitted" / student / assignment
            # A learner's folder holds everything released to them (data files too).
            shutil.copytree(graded.release, folder)
            nbformat.write(nb, folder / f"{assignment}.ipynb")
            (folder / "timestamp.txt").write_text("2025-01-06 09:00:00.000000 UTC\n")
            self._run(f"autograde {assignment} {student}", self.api.autograde(assignment, student))
            self._run(
                f"generate_feedback {assignment} {student}",
                self.api.generate_feedback(assignment, student),
            )

        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gradebook:
            for student in submissions:
                submission = gradebook.find_submission(assignment, student)
                cells = {}
                for notebook in submission.notebooks:
                    for grade in notebook.grades:
                        cells[grade.name] = {
                            "type": grade.cell_type,
                            "auto": grade.auto_score,
                            "max": grade.max_score,
                        }
                graded.scores[student] = {
                    "autograded": submission.code_score,
                    "max_autograded": submission.max_code_score,
                    "max_written": submission.max_written_score,
                    # What the feedback page's header shows: every mark given so far.
                    "score": submission.score,
                    "max_score": submission.max_score,
                    "cells": cells,
                }
        return graded


def with_answers(release_nb, replacements: dict[str, str]):
    """A copy of the release whose answer cells with these grade ids hold the given code."""
    nb = nbformat.from_dict(release_nb)
    found = set()
    for cell in nb.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in replacements and nbgrader_meta(cell).get("solution"):
            cell.source = replacements[grade_id]
            found.add(grade_id)
    missing = set(replacements) - found
    assert not missing, f"wrong answers name no answer cell: {sorted(missing)}"
    return nb


def with_bad_value(release_nb, code: str):
    """A copy of the release where every answer variable is set to ``code``."""
    nb = nbformat.from_dict(release_nb)
    for cell in nb.cells:
        meta = nbgrader_meta(cell)
        if cell.cell_type == "code" and meta.get("solution"):
            name = answer_variable(cell)
            if name:
                cell.source = f"{name} = {code}"
    return nb


def generator(name: str):
    """The dataset generator script ``datasets/<name>/make_<name>.py``, imported as a module."""
    path = DATASETS / name / f"make_{name.replace('-', '_')}.py"
    spec = importlib.util.spec_from_file_location(f"make_{name.replace('-', '_')}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
