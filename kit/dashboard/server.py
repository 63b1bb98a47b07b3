"""Starting the dashboard: Voila on the notebook, code hidden, offline, with warm kernels."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import resources
from pathlib import Path

from kit.dashboard.app import DATA_ENV
from kit.errors import KitError
from kit.web.voila import free_port, run_until_interrupted

#: The lab extensions the page needs: the ipywidgets 8 modules and Voila's manager for them. Others
#: installed beside Voila (nbgrader's, anywidget, the notebook's) would load into the page,
#: fail against Voila's older JupyterLab core and log errors there.
EXTENSIONS = ["@jupyter-widgets/jupyterlab-manager", "@voila-dashboards/widgets-manager8"]


def notebook_path() -> Path:
    """The dashboard notebook inside the installed package."""
    return Path(str(resources.files("kit.dashboard") / "dashboard.ipynb"))


def _share_dir() -> Path:
    # Holds voila/templates/kit: found by Voila through JUPYTER_PATH.
    return Path(str(resources.files("kit.web") / "share"))


def voila_command(
    data_dir: Path,
    port: int | None = None,
    open_browser: bool = True,
    preheat: bool = True,
    pool_size: int = 1,
) -> tuple[list[str], dict[str, str]]:
    """The command line and environment that start Voila on the dashboard (used by tests too)."""
    data_dir = Path(data_dir).resolve()
    if not data_dir.is_dir():
        raise KitError(f"{data_dir}: data folder not found")
    cmd = [
        sys.executable,
        "-m",
        "voila",
        str(notebook_path()),
        f"--port={port or free_port()}",
        "--Voila.ip=127.0.0.1",
        "--template=kit",
        "--theme=light",
        "--strip_sources=True",
        "--show_tracebacks=False",
        *(f"--VoilaConfiguration.extension_allowlist={name}" for name in EXTENSIONS),
        f"--preheat_kernel={preheat}",
        f"--pool_size={pool_size if preheat else 0}",
        # Refill the warm pool a little after a kernel is taken (Voila waits 1 s by default),
        # so that starting the next kernel does not compete with drawing this visitor's page.
        "--VoilaKernelManager.fill_delay=3",
        # A closed page's kernel is meant to be shut down by the page itself, but Voila 0.5.13
        # sends that request without its XSRF token and the server refuses it (403): cull
        # kernels that no page has been connected to for ten minutes instead.
        "--MappingKernelManager.cull_idle_timeout=600",
        "--MappingKernelManager.cull_interval=60",
    ]
    if not open_browser:
        cmd.append("--no-browser")
    env = dict(os.environ)
    env[DATA_ENV] = str(data_dir)
    env["JUPYTER_PATH"] = os.pathsep.join(
        p for p in (str(_share_dir()), env.get("JUPYTER_PATH", "")) if p
    )
    # Voila's kernels are the interpreter running this (the venv's python3 kernel spec).
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return cmd, env


def serve(
    data_dir: Path, port: int | None = None, open_browser: bool = True, preheat: bool = True
) -> int:
    """Run the dashboard until interrupted; return Voila's exit code."""
    cmd, env = voila_command(data_dir, port, open_browser, preheat)
    return run_until_interrupted(subprocess.Popen(cmd, env=env))
