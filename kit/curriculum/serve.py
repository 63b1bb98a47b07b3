"""Serve the lessons as Voila pages on localhost, offline, starting at the landing page."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import webbrowser
from pathlib import Path

from kit.curriculum.manifest import default_curriculum_dir
from kit.web.voila import free_port, run_until_interrupted

__all__ = [
    "DEFAULT_PORT",
    "LANDING",
    "landing_url",
    "serve",
    "start",
    "voila_command",
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
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
        *(f"--VoilaConfiguration.extension_denylist={name}" for name in EXTENSION_DENYLIST),
    ]


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
    env = dict(os.environ)
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
