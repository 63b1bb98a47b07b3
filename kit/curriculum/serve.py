"""Serve the lessons as Voila pages on localhost, offline, starting at the landing page."""

from __future__ import annotations

import os
import threading
import webbrowser
from pathlib import Path

from kit import i18n
from kit.curriculum.manifest import default_curriculum_dir
from kit.web.language import ACCEPT_LANGUAGE
from kit.web.voila import Launch, Server, free_port

_ = i18n.translator("kit")

__all__ = ["DEFAULT_PORT", "LANDING", "landing_url", "launch", "serve", "start"]

DEFAULT_PORT = 8866
#: The landing notebook at the top of curriculum/; it renders build_landing_page().
LANDING = "index.ipynb"


def launch(port: int | None = None, curriculum_dir: Path | str | None = None) -> Launch:
    """Voila serving the curriculum folder on localhost (``kit lessons`` opens the landing page
    itself: Voila would open its file tree)."""
    root = Path(curriculum_dir) if curriculum_dir is not None else default_curriculum_dir()
    # Lessons find their data whatever the kernel's working directory (unless the user says).
    env = {} if "KIT_DATASETS" in os.environ else {"KIT_DATASETS": str(root.parent / "datasets")}
    if i18n.current() != i18n.SOURCE_LANGUAGE:  # --lang: the landing page's default language
        env["KIT_LANG"] = i18n.current()
    return Launch(
        root,
        free_port(DEFAULT_PORT) if port is None else port,
        # The browser's language reaches the landing page's kernel as $HTTP_ACCEPT_LANGUAGE.
        configuration={"http_header_envs": [ACCEPT_LANGUAGE]},
        env=env,
    )


def landing_url(port: int) -> str:
    return f"http://127.0.0.1:{port}/voila/render/{LANDING}"


def _open_when_ready(server: Server) -> None:
    if server.wait_ready():
        webbrowser.open(landing_url(server.port))


def start(port: int | None = None) -> tuple[Server, int]:
    """Start Voila on the lessons in the background; return the server and its port."""
    server = launch(port).start()
    return server, server.port


def serve(port: int | None = None, open_browser: bool = True) -> int:
    """Serve the lessons until interrupted; return Voila's exit code (0 after Ctrl-C)."""
    server, port = start(port)
    print(
        _("Serving the lessons at {url} (Ctrl-C to stop)").format(url=landing_url(port)),
        flush=True,
    )
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(server,), daemon=True).start()
    return server.run_until_interrupted()
