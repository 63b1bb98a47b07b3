"""The lessons landing page: every module of the curriculum, its lessons linked in order."""

from __future__ import annotations

import html
import json
from pathlib import Path

from kit.curriculum.manifest import CurriculumError, Module, default_curriculum_dir, load_module

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


def _module_html(module: Module) -> str:
    lessons = "".join(
        f'<li><a href="{html.escape(module.id)}/{html.escape(name)}">'
        f"{html.escape(lesson_title(module.folder / name))}</a></li>"
        for name in module.lessons
    )
    objectives = "".join(f"<li>{html.escape(o)}</li>" for o in module.objectives)
    hours = f"{module.minutes // 60} h {module.minutes % 60:02d} min"
    cadres = ", ".join(c.replace("-", " ") for c in module.cadres)
    return (
        '<section class="kit-module">'
        f"<h2>{html.escape(module.title)}</h2>"
        f'<p class="kit-meta">{hours} · for {html.escape(cadres)}</p>'
        f"<p>{html.escape(module.audience)}</p>"
        f"<h3>Lessons</h3><ol>{lessons}</ol>"
        f"<details><summary>What you will be able to do</summary><ul>{objectives}</ul></details>"
        "</section>"
    )


_STYLE = """
<style>
.kit-landing { max-width: 52em; font-size: 15px; line-height: 1.5; }
.kit-landing h1 { margin-bottom: 0.2em; }
.kit-module { border-top: 1px solid #d0d7de; padding-top: 0.6em; margin-top: 1em; }
.kit-module h2 { margin: 0.2em 0; }
.kit-meta { color: #57606a; margin: 0; }
.kit-module a { font-size: 1.05em; }
.kit-error { color: #b3261e; }
</style>
"""


def build_landing_page(curriculum_dir: Path | str | None = None) -> str:
    """HTML for the landing page: every module of the curriculum, its lessons linked in order."""
    root = Path(curriculum_dir) if curriculum_dir is not None else default_curriculum_dir()
    parts = []
    for manifest in sorted(root.glob("*/module.yaml")):
        try:
            parts.append(_module_html(load_module(manifest)))
        except CurriculumError as error:
            # One broken manifest must not hide the other modules from a class.
            reason = html.escape(str(error))
            parts.append(f'<p class="kit-error">Module not available: {reason}</p>')
    body = "".join(parts) or "<p>No modules found.</p>"
    return (
        _STYLE + '<div class="kit-landing">'
        "<h1>Migration governance: course lessons</h1>"
        "<p>Choose a lesson. Each page has objectives, the lesson, checks with immediate "
        "feedback and the key points. The graded exercises are handed out by your trainer.</p>"
        f"{body}</div>"
    )


def landing_page(curriculum_dir: Path | str | None = None):
    """The landing page as a displayable object (used by curriculum/index.ipynb)."""
    from IPython.display import HTML

    return HTML(build_landing_page(curriculum_dir))
