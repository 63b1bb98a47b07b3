"""``kit course dashboard``: Voila on the cohort notebook, with the self-assessment dashboard's
command line (code hidden, offline template, only the widget extensions)."""

from __future__ import annotations

import subprocess
from importlib import resources
from pathlib import Path

from kit.course.cohort.app import COURSE_ENV, ROSTER_ENV
from kit.dashboard.server import notebook_path, voila_command
from kit.web.voila import run_until_interrupted


def cohort_notebook() -> Path:
    """The cohort notebook inside the installed package."""
    return Path(str(resources.files("kit.course.cohort") / "cohort.ipynb"))


def cohort_command(
    root: Path, port: int | None = None, open_browser: bool = True, roster: Path | None = None
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start Voila on the cohort dashboard of ``root``."""
    # No warm kernels: each page view reads the gradebook afresh, so a reload after grading
    # shows the new results (a preheated page would show the gradebook as it was at start).
    cmd, env = voila_command(root, port, open_browser=open_browser, preheat=False)
    cmd[cmd.index(str(notebook_path()))] = str(cohort_notebook())
    env[COURSE_ENV] = str(Path(root).resolve())
    if roster is not None:
        env[ROSTER_ENV] = str(Path(roster).resolve())
    return cmd, env


def dashboard_command(
    root: Path, port: int | None, open_browser: bool, roster: Path | None = None
) -> int:
    """Serve the cohort dashboard until interrupted; return Voila's exit code."""
    cmd, env = cohort_command(root, port, open_browser, roster)
    port_arg = next(a for a in cmd if a.startswith("--port="))
    print(f"cohort dashboard on http://127.0.0.1:{port_arg[7:]}/ (Ctrl-C stops it)", flush=True)
    return run_until_interrupted(subprocess.Popen(cmd, env=env))
