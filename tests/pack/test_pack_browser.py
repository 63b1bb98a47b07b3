"""Does the static course pack work in a real Chromium with every outside request blocked?"""

from __future__ import annotations

import json
import time

import pytest
from browser import REPO, screenshot

from kit.curriculum.manifest import load_module

pytestmark = pytest.mark.browser

MODULE = "01-policy-formulation"  # the module of the pack fixture (tests/pack/conftest.py)
LESSON = f"voici/render/{MODULE}/02-coordination-and-consultation.html"
GRADED = f"notebooks/index.html?path=graded/{MODULE}/{MODULE}.ipynb"
CHARTS = ".vega-embed svg, .vega-embed canvas"
#: A lesson becomes interactive once Pyodide, pandas and the widgets are loaded: 15-30 s on a
#: loaded 2-core machine, more when the whole test suite shares it.
KERNEL_WAIT_MS = 240_000


def _scroll_to_end(page) -> None:
    """Scroll JupyterLab's notebook to its end (it renders cells as they come into view)."""
    for _ in range(8):
        page.evaluate(
            "for (const e of document.querySelectorAll('.jp-WindowedPanel-outer'))"
            " e.scrollTop = e.scrollHeight"
        )
        time.sleep(0.3)


def test_landing_page_then_lesson_chart_and_decimal_comma_check(pack_url, context, offline):
    """From the pack's landing page, does a lesson render its chart and accept '4,0' as Correct?"""
    page = context.new_page()
    page.goto(pack_url, wait_until="domcontentloaded")
    lessons = load_module(REPO / "curriculum" / MODULE / "module.yaml").lessons
    assert page.locator(".kit-lesson:visible").count() == len(lessons), "every lesson of module 01"
    assert page.locator(".kit-graded:visible").count() == 3, (
        "its pre-test, graded set and post-test"
    )
    screenshot(page, "pack/landing")

    page.get_by_role("link", name="Coordination and consultation").first.click()
    page.wait_for_url(f"**/{LESSON}")
    check = page.locator(".widget-vbox", has_text="how many ministries pursue migrant rights")
    check.first.wait_for(timeout=KERNEL_WAIT_MS)
    chart = page.locator(CHARTS).first
    chart.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    assert chart.bounding_box()["width"] > 200, "the chart has no size"
    screenshot(page, "pack/lesson-chart")

    # Four ministries, typed with a decimal comma as a French-speaking official would.
    check = check.first
    check.scroll_into_view_if_needed()
    check.locator("input[type=text]").fill("4,0")
    check.get_by_role("button", name="Check").click()
    check.get_by_text("Correct.").wait_for(timeout=30_000)
    screenshot(page, "pack/lesson-check")
    assert "import altair" not in page.inner_text("body"), "code shows in the lesson page"
    assert offline.attempts == [], f"the pack asked for outside URLs: {offline.attempts}"


def test_graded_notebook_survives_reload_and_downloads_with_name(
    pack_url, context, offline, tmp_path
):
    """Is an official's edit kept across a reload, does Download submission save the edited
    notebook under the official's name, and does `kit course collect --files` grade that file?"""
    page = context.new_page()
    page.goto(pack_url + GRADED, wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=120_000)
    answer = page.locator(".jp-CodeCell .cm-content", has_text="missing_issue = ...").first
    answer.click()
    page.keyboard.press("Control+End")
    page.keyboard.type('\nmissing_issue = "B"')
    # No Ctrl+S: the pack's automatic save (every 5 s) must keep the edit on its own.
    time.sleep(9)
    page.reload(wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-CodeCell").first.wait_for(timeout=120_000)
    kept = page.locator(".jp-CodeCell .cm-content", has_text='missing_issue = "B"')
    kept.first.wait_for(timeout=30_000)
    screenshot(page, "pack/graded-after-reload")

    _scroll_to_end(page)
    button_cell = page.locator(".jp-CodeCell", has_text="submission_download").last
    button_cell.scroll_into_view_if_needed()
    button_cell.locator(".cm-content").click()
    page.keyboard.press("Shift+Enter")
    name = page.get_by_placeholder("Your full name")
    name.wait_for(timeout=KERNEL_WAIT_MS)
    name.fill("Amina Diallo")
    page.get_by_role("button", name="Download submission").click()
    link = page.get_by_text(f"Save {MODULE} - Amina Diallo.ipynb")
    link.wait_for(timeout=30_000)
    screenshot(page, "pack/graded-download")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"{MODULE} - Amina Diallo.ipynb"
    saved = tmp_path / "submission.ipynb"
    download.value.save_as(saved)
    notebook = json.loads(saved.read_text(encoding="utf-8"))
    assert notebook["metadata"]["kit"] == {"assignment": MODULE, "official": "Amina Diallo"}
    sources = ["".join(cell["source"]) for cell in notebook["cells"]]
    assert any('missing_issue = "B"' in s for s in sources), "the download lacks the edit"
    assert offline.attempts == [], f"the pack asked for outside URLs: {offline.attempts}"

    # The trainer collects the file as it came (a USB stick) and grades it in the sandbox.
    from kitcli import course as run
    from nbgrader.api import Gradebook

    course, usb = tmp_path / "course", tmp_path / "usb"
    assert run(["init", course, "--modules", MODULE]) == 0
    assert run(["build", "--dir", course]) == 0
    (course / "roster.csv").write_text("student,name\namina,Amina Diallo\n", encoding="utf-8")
    usb.mkdir()
    download.value.save_as(usb / download.value.suggested_filename)
    assert run(["collect", MODULE, "--files", usb, "--no-progress", "--dir", course]) == 0
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        # The answer typed in the browser earned its points; the blank ones did not.
        grade = gb.find_grade("missing_issue_tests", MODULE, MODULE, "amina")
        assert grade.max_score > 0 and grade.score == grade.max_score
        assert gb.find_submission(MODULE, "amina").code_score == grade.score
