"""The one browser of every browser test: Debian's Chromium through Playwright, kept offline.

Registered as a pytest plugin by tests/conftest.py. Fixtures:
- ``chromium``: one browser for the whole session;
- ``offline``: an ``Offline`` recorder of the test's outside request attempts;
- ``context``: a browser context (pages and the tabs they open) whose every request to another
  machine is aborted and recorded; the test fails if any was attempted.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import pytest
from repo import ROOT as REPO

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
#: Schemes that never leave the page: inline data, blobs made by the page, the blank page.
LOCAL_SCHEMES = {"data", "blob", "about"}


# Layout checks a test runs in a page with page.evaluate(CHECK, css_selector); each returns
# what it found wrong (an empty list when the page is right).
#: Elements whose text must not be cut off: scrollWidth within clientWidth (+1 for rounding).
CLIPPED = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 60))"""

#: Pairs of sibling elements (children of each element matched) whose boxes overlap.
OVERLAPS = """sel => {
  const found = [];
  for (const parent of document.querySelectorAll(sel)) {
    const kids = [...parent.children].filter(e => e.offsetParent !== null)
      .map(e => [e, e.getBoundingClientRect()]).filter(([e, r]) => r.width && r.height);
    for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) {
      const [a, r] = kids[i], [b, s] = kids[j];
      const apart = r.right - 1 <= s.left || s.right - 1 <= r.left
        || r.bottom - 1 <= s.top || s.bottom - 1 <= r.top;
      if (!apart)
        found.push(a.textContent.trim().slice(0, 40) + ' / ' + b.textContent.trim().slice(0, 40));
    }
  }
  return found;
}"""


def is_local(url: str) -> bool:
    """True for a request that stays on this machine."""
    parsed = urlparse(url)
    return parsed.scheme in LOCAL_SCHEMES or (parsed.hostname or "") in LOCAL_HOSTS


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
class Offline:
    """A route handler: lets requests to this machine through, aborts and records the others."""

    attempts: list[str] = field(default_factory=list)

    def __call__(self, route) -> None:
        url = route.request.url
        try:
            local = is_local(url)
        except Exception:  # a handler that fails would leave the request hanging
            local = False
        if local:
            route.continue_()
        else:
            self.attempts.append(url)
            route.abort()


def screenshot(page, name: str, selector: str | None = None) -> Path:
    """Save ``artifacts/screenshots/<name>.png``: the whole page, or as tall as ``selector``."""
    path = SCREENSHOTS / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    if selector is None:
        page.screenshot(path=str(path), full_page=True)
        return path
    size = page.viewport_size
    height = page.evaluate(f"document.querySelector('{selector}').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(900, int(height) + 160)})
    page.screenshot(path=str(path))
    page.set_viewport_size(size)
    return path


@pytest.fixture(scope="session")
def chromium():
    """One Chromium for every browser test of the session."""
    with chromium_browser() as browser:
        yield browser


@pytest.fixture
def offline() -> Offline:
    """The outside requests this test's pages attempted (every one was blocked)."""
    return Offline()


@pytest.fixture
def context(chromium, offline):
    """A fresh browser context that blocks and records every outside request; the test fails
    when its pages attempted one."""
    context = chromium.new_context(viewport={"width": 1366, "height": 1000}, accept_downloads=True)
    context.route("**/*", offline)
    yield context
    context.close()
    if offline.attempts:
        pytest.fail(f"pages asked for {len(offline.attempts)} outside URLs: {offline.attempts}")
