"""``kit course dashboard``: Voila on the cohort notebook, through the kit's one Voila launcher."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from kit import i18n
from kit.course.cohort.app import COURSE_ENV, ROSTER_ENV
from kit.web.language import ACCEPT_LANGUAGE
from kit.web.voila import Launch, free_port

_ = i18n.translator("courses")


def cohort_notebook() -> Path:
    """The cohort notebook inside the installed package."""
    return Path(str(resources.files("kit.course.cohort") / "cohort.ipynb"))


def launch(
    root: Path, port: int | None = None, open_browser: bool = True, roster: Path | None = None
) -> Launch:
    """Voila on the cohort dashboard of the course folder ``root``."""
    env = {COURSE_ENV: str(Path(root).resolve())}
    if i18n.current() != i18n.SOURCE_LANGUAGE:  # --lang: the dashboard's default language
        env["KIT_LANG"] = i18n.current()
    if roster is not None:
        env[ROSTER_ENV] = str(Path(roster).resolve())
    # No warm kernels: each page view reads the gradebook afresh, so a reload after grading
    # shows the new results (a preheated page would show the gradebook as it was at start).
    return Launch(
        cohort_notebook(),
        port or free_port(),
        # The browser's language reaches the page's kernel as $HTTP_ACCEPT_LANGUAGE.
        configuration={"preheat_kernel": False, "http_header_envs": [ACCEPT_LANGUAGE]},
        env=env,
        open_browser=open_browser,
    )


def dashboard_command(
    root: Path, port: int | None, open_browser: bool, roster: Path | None = None
) -> int:
    """Serve the cohort dashboard until interrupted; return Voila's exit code."""
    spec = launch(root, port, open_browser, roster)
    print(
        _("cohort dashboard on {address} (Ctrl-C stops it)").format(
            address=f"http://127.0.0.1:{spec.port}/"
        ),
        file=sys.stderr,
        flush=True,
    )
    return spec.serve()
