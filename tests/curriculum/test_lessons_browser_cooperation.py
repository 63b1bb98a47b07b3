"""Does a module 05 lesson work offline in Chromium through Voila, decimal comma included?"""

from __future__ import annotations

import pytest
from browser import SCREENSHOTS, screenshot
from curriculum_harness import THIRD_PARTY_WARNINGS

from kit.curriculum.serve import landing_url

pytestmark = [pytest.mark.browser, *(pytest.mark.filterwarnings(w) for w in THIRD_PARTY_WARNINGS)]

LESSON = "05-cooperation/01-labour-agreements-fair-recruitment.ipynb"
CHARTS = ".jp-RenderedSVG svg, .jp-RenderedSVG img, .vega-embed svg, .vega-embed canvas"


def test_cooperation_lesson_accepts_a_decimal_comma_offline(lessons_port, context, offline):
    """Is module 05 on the landing page, and does its lesson 01 chart render and accept '3,75'?"""
    page = context.new_page()
    page.goto(landing_url(lessons_port), wait_until="domcontentloaded", timeout=90_000)
    page.get_by_text("Cooperation between states").first.wait_for(timeout=90_000)
    assert page.get_by_role("link", name="Bilateral labour agreements and fair recruitment").count()

    page.goto(
        landing_url(lessons_port).replace("index.ipynb", LESSON),
        wait_until="domcontentloaded",
        timeout=90_000,
    )
    try:
        page.locator("h2", has_text="Key points").wait_for(timeout=180_000)
    finally:
        screenshot(page, "lessons/lesson-05-01-top", "body")
    chart = page.locator(CHARTS).first
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    assert chart.bounding_box()["width"] > 200, "the recruitment-cost chart has no size"
    page.screenshot(path=str(SCREENSHOTS / "lessons" / "lesson-05-01-chart.png"))

    # The number check on corridor C05: 2 400 / 640 = 3.75, typed as a French official would.
    check = page.locator(".widget-vbox", has_text="corridor C05").first
    check.scroll_into_view_if_needed()
    check.locator("input[type=text]").fill("3,75")
    check.get_by_role("button", name="Check").click()
    check.get_by_text("Correct.").wait_for(timeout=30_000)
    check.screenshot(path=str(SCREENSHOTS / "lessons" / "lesson-05-01-decimal-comma.png"))

    text = page.inner_text("body")
    assert "Traceback" not in text and "Error" not in text.split("Sources")[0]
    assert "import altair" not in text, "code is visible in the lesson page"
    assert offline.attempts == [], f"the lesson tried to reach outside hosts: {offline.attempts}"
