"""A tiny translated curriculum for tests: one real module copied, with a French sibling of each
lesson (title and one sentence changed, cells kept) and a ``module.fr.yaml``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from repo import ASSESSMENT, CURRICULUM

MODULE = "01-policy-formulation"
FRENCH_TITLE = "Formulation des politiques pour une gouvernance cohérente des migrations"
#: The French title given to the first lesson of the fixture.
FIRST_LESSON_FR = "Des objectifs nationaux cohérents"


def french_lesson(english: Path, title: str) -> dict:
    """The English notebook with its ``# Title`` in French and ``setup(lang="fr")``."""
    notebook = json.loads(english.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "setup()" in source:
            cell["source"] = source.replace("setup()", 'setup(lang="fr")')
        if cell["cell_type"] == "markdown" and source.startswith("# "):
            first, _, rest = source.partition("\n")
            cell["source"] = f"# {title}\n{rest}"
            break
    notebook["metadata"].setdefault("kit", {})["language"] = "fr"
    return notebook


def make_translated_curriculum(root: Path) -> Path:
    """``root/curriculum/<MODULE>`` with French siblings and texts; ``root/assessment/source``
    with the module's graded set and an (empty-notebook) French one; returns the curriculum."""
    curriculum = root / "curriculum"
    folder = curriculum / MODULE
    shutil.copytree(CURRICULUM / MODULE, folder)
    for path in sorted(folder.glob("*.*.ipynb")):
        path.unlink()  # the fixture is its own: no translations merged from elsewhere
    for path in sorted(folder.glob("module.*.yaml")):
        path.unlink()
    english = yaml.safe_load((folder / "module.yaml").read_text(encoding="utf-8"))
    for number, name in enumerate(english["lessons"]):
        title = FIRST_LESSON_FR if number == 0 else f"Leçon {number + 1}"
        target = folder / name.replace(".ipynb", ".fr.ipynb")
        target.write_text(json.dumps(french_lesson(folder / name, title), indent=1), "utf-8")
    texts = {
        "title": FRENCH_TITLE,
        "audience": "Les responsables des politiques et les fonctionnaires des ministères.",
        "objectives": [f"Objectif {n + 1}." for n in range(len(english["objectives"]))],
        "language": "fr",
        "translated_by": "test fixture",
    }
    (folder / "module.fr.yaml").write_text(yaml.safe_dump(texts, allow_unicode=True), "utf-8")
    source = root / "assessment" / "source"
    shutil.copytree(ASSESSMENT / "source" / MODULE, source / MODULE)
    (source / f"{MODULE}-fr").mkdir()
    return curriculum
