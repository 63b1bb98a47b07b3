"""Helpers of the browser tests: start Voila on a copy of the sample data, open pages offline."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from repo import ROOT as REPO

from kit.dashboard.server import free_port, voila_command

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "artifacts" / "screenshots" / "dashboard"
READY = ".kit-level button"
LOCAL = ("http://127.0.0.1", "http://localhost", "ws://127.0.0.1", "data:", "blob:", "about:")


def ensure_chromium() -> None:
    """Install Debian's Chromium where it is missing (Playwright cannot download browsers here)."""
    if not CHROMIUM.exists():
        subprocess.run(["bash", str(REPO / "scripts" / "install-system.sh")], check=True)


@contextmanager
def chromium_browser() -> Iterator:
    """Debian's Chromium driven by Playwright, installed first where it is missing."""
    ensure_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Voila:
    """A running dashboard server."""

    url: str
    data_dir: Path
    process: subprocess.Popen
    log: Path
    handle: IO[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)
        self.handle.close()


def start_voila(data_dir: Path, log: Path, preheat: bool = True, pool_size: int = 1) -> Voila:
    """Start Voila on ``data_dir`` on a free port and wait until it accepts connections."""
    port = free_port()
    cmd, env = voila_command(
        data_dir, port, open_browser=False, preheat=preheat, pool_size=pool_size
    )
    handle = log.open("wb")
    process = subprocess.Popen(cmd, env=env, stdout=handle, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            handle.close()
            raise RuntimeError(f"Voila exited at start: {log.read_text()[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        process.wait()
        handle.close()
        raise RuntimeError("Voila did not start within 60 s")
    return Voila(f"http://127.0.0.1:{port}/", data_dir, process, log, handle)


@dataclass
class Offline:
    """Blocks every request that does not go to this machine, and remembers each one."""

    blocked: list[str] = field(default_factory=list)

    def __call__(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def open_dashboard(browser, url: str, offline: Offline, timeout_ms: int = 90_000):
    """A new page on the dashboard, outside requests blocked, waited until it can be used."""
    page = browser.new_page(viewport={"width": 1366, "height": 1000}, accept_downloads=True)
    page.route("**/*", offline)
    page.goto(url)
    page.wait_for_selector(READY, timeout=timeout_ms)
    return page


def screenshot(page, name: str) -> Path:
    """Save the whole dashboard as ``artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    height = page.evaluate("document.querySelector('.kit-app').scrollHeight")
    page.set_viewport_size({"width": 1366, "height": max(900, int(height) + 160)})
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    page.set_viewport_size({"width": 1366, "height": 1000})
    return path
