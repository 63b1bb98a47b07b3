"""The lessons landing page: every module of the curriculum, its lessons linked in order."""

from __future__ import annotations

import json
from pathlib import Path

from kit.curriculum.manifest import CurriculumError, default_curriculum_dir, load_module
from kit.web import theme

__all__ = ["build_landing_page", "landing_page", "lesson_title"]


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


def build_landing_page(curriculum_dir: Path | str | None = None) -> str:
    """HTML for the landing page: every module of the curriculum, its lessons linked in order."""
    root = Path(curriculum_dir) if curriculum_dir is not None else default_curriculum_dir()
    modules = []
    for manifest in sorted(root.glob("*/module.yaml")):
        try:
            module = load_module(manifest)
        except CurriculumError as error:
            # One broken manifest must not hide the other modules from a class.
            modules.append({"error": str(error)})
            continue
        lessons = [
            {"name": name, "title": lesson_title(module.folder / name)} for name in module.lessons
        ]
        modules.append({"error": None, "module": module, "lessons": lessons})
    return theme.render("landing.html.j2", stylesheet=theme.stylesheet(), modules=modules)


def landing_page(curriculum_dir: Path | str | None = None):
    """The landing page as a displayable object (used by curriculum/index.ipynb)."""
    from IPython.display import HTML

    return HTML(build_landing_page(curriculum_dir))
