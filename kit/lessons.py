"""Serve the lessons as Voila pages, offline, with a landing page that lists the modules."""

from __future__ import annotations

import html
import json
import os
import socket
import subprocess
import sys
import threading
import time
import webbrowser
from pathlib import Path

from kit.curriculum.manifest import CurriculumError, Module, default_curriculum_dir, load_module
from kit.servers import free_port, run_until_interrupted

__all__ = [
    "DEFAULT_PORT",
    "LANDING",
    "build_landing_page",
    "landing_page",
    "lesson_title",
    "serve",
    "voila_command",
    "voila_env",
    "wait_for_port",
]

DEFAULT_PORT = 8866
#: The landing notebook at the top of curriculum/; it renders build_landing_page().
LANDING = "index.ipynb"
# Lab extensions Voila would otherwise load into every page: nbgrader's and the notebook/preview
# extensions log errors there and have no use for a learner.
EXTENSION_DENYLIST = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
]


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


def voila_command(port: int, curriculum_dir: Path | str | None = None) -> list[str]:
    """The Voila command line that serves the curriculum folder on localhost, code hidden."""
    root = Path(curriculum_dir) if curriculum_dir is not None else default_curriculum_dir()
    return [
        sys.executable,
        "-m",
        "voila",
        str(root),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        # serve() opens the landing page itself: Voila would open its file tree.
        "--Voila.open_browser=False",
        # The kit template is Voila's lab template without the Font Awesome style sheets it
        # would fetch from a CDN: no request leaves the machine (see voila_env).
        "--template=kit",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *(f"--VoilaConfiguration.extension_denylist={name}" for name in EXTENSION_DENYLIST),
    ]


def voila_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (default: this process's) with JUPYTER_PATH leading to the offline kit template."""
    from importlib import resources

    env = dict(os.environ if env is None else env)
    share = str(resources.files("kit.dashboard") / "share")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (share, env.get("JUPYTER_PATH", "")) if p)
    return env


def landing_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/voila/render/{LANDING}"


def wait_for_port(port: int, timeout: float = 60.0, process=None) -> bool:
    """Wait until something listens on ``port`` (False on timeout or if ``process`` ended)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            return False
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return True
        time.sleep(0.2)
    return False


def _open_when_ready(port: int, process) -> None:
    if wait_for_port(port, process=process):
        webbrowser.open(landing_url(port))


def start(port: int | None = None) -> tuple[subprocess.Popen, int]:
    """Start Voila on the lessons in the background; return the process and its port."""
    port = free_port(DEFAULT_PORT) if port is None else port
    root = default_curriculum_dir()
    env = voila_env()
    # Lessons find their data whatever the kernel's working directory.
    env.setdefault("KIT_DATASETS", str(root.parent / "datasets"))
    return subprocess.Popen(voila_command(port, root), env=env), port


def serve(port: int | None = None, open_browser: bool = True) -> int:
    """Serve the lessons until interrupted; return Voila's exit code (0 after Ctrl-C)."""
    process, port = start(port)
    print(f"Serving the lessons at {landing_url(port)} (Ctrl-C to stop)", flush=True)
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(port, process), daemon=True).start()
    return run_until_interrupted(process)
