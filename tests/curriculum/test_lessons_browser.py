"""Do the lessons render offline in a real browser through Voila, with charts and no traceback?"""

from __future__ import annotations

import pytest
from browser import screenshot
from curriculum_harness import THIRD_PARTY_WARNINGS

from kit.curriculum.serve import landing_url

pytestmark = [pytest.mark.browser, *(pytest.mark.filterwarnings(w) for w in THIRD_PARTY_WARNINGS)]

LESSON = "02-data-collection/02-classifying-stays.ipynb"
LESSON_TITLE = "From border crossings to stays"


def test_landing_page_lists_the_modules_offline(lessons_port, context, offline):
    """Does the landing page list the modules and link the lessons, asking nothing of any other
    machine (no CDN font or style sheet)?"""
    page = context.new_page()
    page.goto(landing_url(lessons_port), wait_until="domcontentloaded", timeout=90_000)
    page.get_by_text("Migration governance: course lessons").wait_for(timeout=90_000)
    page.get_by_text(LESSON_TITLE).first.wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    screenshot(page, "lessons/landing")
    assert "Traceback" not in page.content()
    link = page.get_by_role("link", name=LESSON_TITLE)
    assert link.get_attribute("href").endswith(LESSON)
    assert offline.attempts == []


def test_a_lesson_renders_offline_with_chart_and_checks(lessons_port, context, offline):
    """Does a lesson opened from the landing page show its text, a drawn chart and a working
    check, with no code, no traceback and no request leaving the machine?"""
    page = context.new_page()
    page.goto(landing_url(lessons_port), wait_until="domcontentloaded", timeout=90_000)
    page.get_by_text(LESSON_TITLE).first.wait_for(timeout=90_000)
    # JupyterLab's renderer opens links from an output in a new tab.
    with page.expect_popup(timeout=30_000) as popup:
        page.get_by_role("link", name=LESSON_TITLE).click()
    page = popup.value
    try:
        page.locator("h2", has_text="Key points").wait_for(timeout=180_000)
    finally:
        screenshot(page, "lessons/lesson-02-02-top", "body")
    # An untrusted notebook's SVG output is shown as an <img> of the SVG; vega draws svg or canvas.
    charts = ".jp-RenderedSVG svg, .jp-RenderedSVG img, .vega-embed svg, .vega-embed canvas"
    chart = page.locator(charts).first
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    assert chart.bounding_box()["width"] > 200, "the chart has no size"

    # The first check: choose the right answer and ask for feedback.
    check = page.locator(".widget-vbox", has_text="visit relatives").first
    check.scroll_into_view_if_needed()
    check.get_by_text("not a migration", exact=True).click()
    check.get_by_role("button", name="Check").click()
    check.get_by_text("Correct.").wait_for(timeout=30_000)
    page.wait_for_load_state("networkidle")
    screenshot(page, "lessons/lesson-02-02")

    text = page.inner_text("body")
    assert "Traceback" not in text and "Error" not in text.split("Sources")[0]
    assert "import pandas" not in text, "code is visible in the lesson page"
    assert page.url.endswith(LESSON)
    assert offline.attempts == []
