"""Do the lessons render offline in a real browser through Voila, with charts and no traceback?"""

from __future__ import annotations

import os
import subprocess
from urllib.parse import urlparse

import pytest
from curriculum_harness import DATASETS, REPO, THIRD_PARTY_WARNINGS
from dashboard.browser import chromium_browser

from kit.lessons import free_port, landing_url, voila_command, voila_env, wait_for_port

pytestmark = [pytest.mark.filterwarnings(w) for w in THIRD_PARTY_WARNINGS]

CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
LESSON_TITLE = "From border crossings to stays"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@pytest.fixture(scope="module")
def voila(tmp_path_factory):
    """Voila serving curriculum/ on a free localhost port, as `kit lessons` starts it."""
    port = free_port(0)
    log = tmp_path_factory.mktemp("voila") / "voila.log"
    env = voila_env(dict(os.environ, KIT_DATASETS=str(DATASETS)))
    with log.open("w") as handle:
        process = subprocess.Popen(
            voila_command(port), stdout=handle, stderr=subprocess.STDOUT, env=env
        )
        try:
            assert wait_for_port(port, timeout=90, process=process), log.read_text()
            yield port
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def browser():
    with chromium_browser() as chromium:
        yield chromium


def offline_page(browser, blocked: list[str]):
    """A page (and the tabs it opens) whose requests to other hosts are aborted and recorded."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})

    def route(route):
        try:
            host = urlparse(route.request.url).hostname or ""
            if host in LOCAL_HOSTS or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()
        except Exception:  # a handler that fails would leave the request hanging
            route.abort()
            raise

    context.route("**/*", route)
    return context.new_page()


def test_landing_page_lists_modules_and_a_lesson_renders_offline(voila, browser):
    """Do the landing page and a lesson render offline: text, chart, checks, no traceback?"""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    blocked: list[str] = []
    page = offline_page(browser, blocked)
    page.goto(landing_url(voila), wait_until="domcontentloaded", timeout=90_000)
    page.get_by_text("Migration governance: course lessons").wait_for(timeout=90_000)
    page.get_by_text(LESSON_TITLE).first.wait_for(timeout=30_000)
    page.screenshot(path=str(SCREENSHOTS / "landing.png"), full_page=True)
    assert "Traceback" not in page.content()

    # JupyterLab's renderer opens links from an output in a new tab.
    with page.expect_popup(timeout=30_000) as popup:
        page.get_by_role("link", name=LESSON_TITLE).click()
    page = popup.value
    try:
        page.locator("h2", has_text="Key points").wait_for(timeout=180_000)
    finally:
        page.screenshot(path=str(SCREENSHOTS / "lesson-02-02-top.png"))
    # An untrusted notebook's SVG output is shown as an <img> of the SVG; vega draws svg or canvas.
    charts = ".jp-RenderedSVG svg, .jp-RenderedSVG img, .vega-embed svg, .vega-embed canvas"
    chart = page.locator(charts).first
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    assert chart.bounding_box()["width"] > 200, "the chart has no size"
    page.screenshot(path=str(SCREENSHOTS / "lesson-02-02-chart.png"))

    # The first check: choose the right answer and ask for feedback.
    check = page.locator(".widget-vbox", has_text="visit relatives").first
    check.scroll_into_view_if_needed()
    check.get_by_text("not a migration", exact=True).click()
    check.get_by_role("button", name="Check").click()
    check.get_by_text("Correct.").wait_for(timeout=30_000)
    page.screenshot(path=str(SCREENSHOTS / "lesson-02-02-check.png"))

    text = page.inner_text("body")
    assert "Traceback" not in text and "Error" not in text.split("Sources")[0]
    assert "import pandas" not in text, "code is visible in the lesson page"
    assert page.url.endswith("02-data-collection/02-classifying-stays.ipynb")
    page.context.close()
