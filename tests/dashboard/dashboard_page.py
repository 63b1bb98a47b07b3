"""The dashboard page in the browser tests (and the startup benchmark): start it, open it."""

from __future__ import annotations

from pathlib import Path

from kit.dashboard.server import launch
from kit.web.voila import Server

#: The page can be used once the level buttons are drawn.
READY = ".kit-level button"


def start_dashboard(data_dir: Path, log: Path, preheat: bool = True, pool_size: int = 1) -> Server:
    """Voila on ``data_dir`` on a free port, through ``kit dashboard``'s own launcher, ready."""
    server = launch(data_dir, open_browser=False, preheat=preheat, pool_size=pool_size).start(log)
    if not server.wait_ready(60):
        server.stop()
        raise RuntimeError(f"Voila did not start: {log.read_text()[-2000:]}")
    return server


def open_dashboard(context, url: str, timeout_ms: int = 90_000):
    """A new page on the dashboard in ``context`` (offline), waited until it can be used."""
    page = context.new_page()
    page.goto(url, timeout=timeout_ms)  # a loaded 2-core machine takes more than 30 s
    page.wait_for_selector(READY, timeout=timeout_ms)
    return page
