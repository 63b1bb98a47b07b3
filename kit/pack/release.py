"""A graded set as officials receive it: nbgrader's released notebook, no solutions or hidden tests.

The pack runs the real ``nbgrader generate_assignment`` on a scratch copy of the course folder
(``assessment/``), so the notebook an official downloads from the pack is the same one the
course hands out, and autograding it later works as for any submission.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kit import i18n
from kit.course.stubs import stub_config_lines
from kit.curriculum.translations import assignment_language
from kit.errors import KitError

__all__ = ["release_notebook"]

_ = i18n.translator("courses")


def release_notebook(course: Path, assignment: str, folder: Path) -> Path:
    """Write the released ``{assignment}.ipynb`` of ``course`` into ``folder``; its path."""
    source = course / "source" / assignment
    if not (source / f"{assignment}.ipynb").is_file():
        raise KitError(_("no graded set {file}").format(file=f"{assignment}.ipynb"), file=source)
    with tempfile.TemporaryDirectory(prefix="kit-release-") as scratch:
        root = Path(scratch)
        config = (course / "nbgrader_config.py").read_text(encoding="utf-8")
        # A translated set's answer placeholder in its language, for this generation only.
        config += stub_config_lines(assignment)
        (root / "nbgrader_config.py").write_text(config, encoding="utf-8")
        shutil.copytree(source, root / "source" / assignment)
        bin_dir = Path(sys.executable).parent
        # nbgrader runs alembic as a subprocess: the environment's bin/ must be on PATH.
        env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
        done = subprocess.run(
            [str(bin_dir / "nbgrader"), "generate_assignment", assignment, "--force"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
        )
        released = root / "release" / assignment / f"{assignment}.ipynb"
        if done.returncode != 0 or not released.is_file():
            # nbgrader's own last line is quoted as nbgrader wrote it (English).
            lines = (done.stderr or done.stdout).strip().splitlines() or [_("no output")]
            raise KitError(
                _("nbgrader generate_assignment failed: {message}").format(message=lines[-1]),
                file=source,
            )
        target = folder / released.name
        notebook = json.loads(released.read_text(encoding="utf-8"))
        notebook["cells"].extend(hand_in_cells(assignment))
        target.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", "utf-8")
    return target


def hand_in_cells(assignment: str) -> list[dict]:
    """The last two cells of a graded set in the pack: how to hand in, and the download button.

    A translated set (``<assignment>-<lang>``) gets them in its language, and its button answers
    in that language. They carry no nbgrader metadata: autograding ignores them, and on the
    grading machine the button merely shows (kit.teaching is installed there too).
    """
    lang = assignment_language(assignment)
    with i18n.use(lang or "en"):
        steps = "## {}\n\n{}\n\n{}".format(
            _("Hand in your work"),
            _(
                "Your work is kept in this browser: it saves itself every few seconds (or press "
                "**Ctrl+S**), and it is still here if you close the tab or reload the page."
            ),
            _(
                "When you have finished: click the grey cell below, press **Shift+Enter**, type "
                "your full name and press **Download submission**. Then click the link that "
                "appears: it saves `{file}`. Send that file to your trainer."
            ).format(file=assignment + " - " + _("Your Name") + ".ipynb"),
        )
    language = f', lang="{lang}"' if lang else ""
    code = (
        "from kit.teaching import submission_download\n\n"
        f'submission_download("{assignment}"{language})'
    )
    return [
        {
            "cell_type": "markdown",
            "id": "kit-hand-in-steps",
            "metadata": {"kit": "hand-in"},
            "source": steps,
        },
        {
            "cell_type": "code",
            "execution_count": None,
            "id": "kit-hand-in-button",
            "metadata": {"kit": "hand-in"},
            "outputs": [],
            "source": code,
        },
    ]
