"""The one way the kit starts Voila: one extension policy, settings written as ``voila.json``,
a free port, waiting for it, and a clean stop.

Lessons, the self-assessment dashboard and the cohort dashboard start Voila through ``Launch``;
the hub writes the same ``settings()`` into the officials' ``voila.json``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import IO, Any

from kit.atomic import write_text_atomic

#: The one Voila template of every page: Voila's lab template without CDN requests.
TEMPLATE = "kit"
#: Lab extensions installed beside Voila that a page must not load: nbgrader's, the notebook's
#: and the JupyterLab preview log errors against Voila's older JupyterLab core and are of no
#: use to a reader. The widget managers and anywidget stay allowed: pages draw widgets.
EXTENSION_DENYLIST = [
    "@jupyter/nbgrader",
    "@jupyter-notebook/lab-extension",
    "@voila-dashboards/jupyterlab-preview",
]


def share_dir() -> Path:
    """The folder holding ``voila/templates/kit``; Voila finds it through ``JUPYTER_PATH``."""
    return Path(str(resources.files("kit.web") / "share"))


def settings(**configuration: Any) -> dict[str, dict[str, Any]]:
    """Voila's settings for every kit page, plus ``configuration`` (more VoilaConfiguration).

    Code is stripped from the page (the browser cannot send execute requests), tracebacks are
    not shown, and every page uses the kit template.
    """
    return {
        "VoilaConfiguration": {
            "template": TEMPLATE,
            "theme": "light",
            "strip_sources": True,
            "show_tracebacks": False,
            "extension_denylist": list(EXTENSION_DENYLIST),
            **configuration,
        }
    }


def write_settings(folder: Path, config: dict[str, dict[str, Any]]) -> Path:
    """Write ``config`` as ``folder/voila.json`` (atomically) and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "voila.json"
    write_text_atomic(path, json.dumps(config, indent=1) + "\n")
    return path


def _port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port(preferred: int | None = None) -> int:
    """``preferred`` if nothing listens there on 127.0.0.1, otherwise a port the system picks."""
    if preferred and _port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(
    port: int, timeout: float = 60.0, process: subprocess.Popen | None = None
) -> bool:
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


def stop(process: subprocess.Popen, grace: float = 15) -> None:
    """Ask a server to stop (so Voila shuts its kernels down), kill it after ``grace`` seconds."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def run_until_interrupted(process: subprocess.Popen, grace: float = 15) -> int:
    """Wait for a server process; on Ctrl-C (or SIGTERM, see kit.cli) stop it and return 0."""
    try:
        return process.wait()
    except KeyboardInterrupt:
        stop(process, grace)
        return 0


@dataclass
class Server:
    """A running Voila: its process, port and the folder of its ``voila.json``."""

    process: subprocess.Popen
    port: int
    config_dir: Path
    log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """True once Voila accepts connections; False if it ended or ``timeout`` passed."""
        return wait_for_port(self.port, timeout, self.process)

    def stop(self, grace: float = 15) -> None:
        """Stop Voila and its kernels; remove the settings folder."""
        try:
            stop(self.process, grace)
        finally:
            if self.log is not None:
                self.log.close()
            shutil.rmtree(self.config_dir, ignore_errors=True)

    def run_until_interrupted(self) -> int:
        """Wait for Voila; Ctrl-C stops it cleanly (exit code 0)."""
        try:
            return run_until_interrupted(self.process)
        finally:
            self.stop()


@dataclass
class Launch:
    """What to serve and how: a notebook or a folder, a port, extra settings and environment."""

    target: Path
    port: int
    configuration: dict[str, Any] = field(default_factory=dict)
    #: Other configurable classes' settings, e.g. {"MappingKernelManager": {...}}.
    extra: dict[str, dict[str, Any]] = field(default_factory=dict)
    env: dict[str, str] = field(default_factory=dict)
    open_browser: bool = False

    def settings(self) -> dict[str, dict[str, Any]]:
        """The contents of this launch's ``voila.json``."""
        return {**settings(**self.configuration), **self.extra}

    def command(self, config_dir: Path) -> list[str]:
        """Voila's command line; everything but the target, port and address is in voila.json."""
        return [
            sys.executable,
            "-m",
            "voila",
            str(self.target),
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
            # Only the kit's voila.json: a user's own ~/.jupyter/voila.json must not change pages.
            f"--Voila.config_file_paths={config_dir}",
            f"--Voila.open_browser={self.open_browser}",
        ]

    def environment(self) -> dict[str, str]:
        """This process's environment, with the kit template and this interpreter's kernels."""
        env = dict(os.environ)
        env.update(self.env)
        env["JUPYTER_PATH"] = os.pathsep.join(
            p for p in (str(share_dir()), env.get("JUPYTER_PATH", "")) if p
        )
        # Voila's kernels are the interpreter running this (the venv's python3 kernel spec).
        env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
        return env

    def start(self, log: Path | None = None) -> Server:
        """Write voila.json into a fresh folder and start Voila (output to ``log`` if given)."""
        config_dir = Path(tempfile.mkdtemp(prefix="kit-voila-"))
        write_settings(config_dir, self.settings())
        handle = log.open("wb") if log is not None else None
        output = {"stdout": handle, "stderr": subprocess.STDOUT} if handle else {}
        process = subprocess.Popen(self.command(config_dir), env=self.environment(), **output)
        return Server(process, self.port, config_dir, handle)

    def serve(self) -> int:
        """Run until interrupted; return Voila's exit code (0 after Ctrl-C)."""
        return self.start().run_until_interrupted()
