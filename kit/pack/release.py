"""A graded set as officials receive it: nbgrader's released notebook, no solutions or hidden tests.

The pack runs the real ``nbgrader generate_assignment`` on a scratch copy of the course folder
(``assessment/``), so the notebook an official downloads from the pack is the same one the
course hands out, and autograding it later works as for any submission.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from kit.errors import KitError

__all__ = ["release_notebook"]


def release_notebook(course: Path, assignment: str, folder: Path) -> Path:
    """Write the released ``{assignment}.ipynb`` of ``course`` into ``folder``; its path."""
    source = course / "source" / assignment
    if not (source / f"{assignment}.ipynb").is_file():
        raise KitError(f"no graded set {assignment}.ipynb", file=source)
    with tempfile.TemporaryDirectory(prefix="kit-release-") as scratch:
        root = Path(scratch)
        shutil.copyfile(course / "nbgrader_config.py", root / "nbgrader_config.py")
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
            lines = (done.stderr or done.stdout).strip().splitlines() or ["no output"]
            raise KitError(f"nbgrader generate_assignment failed: {lines[-1]}", file=source)
        target = folder / released.name
        shutil.copyfile(released, target)
    return target
