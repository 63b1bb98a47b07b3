"""Does the dashboard work in a real browser (Debian's Chromium), with no network at all?"""

from __future__ import annotations

import json
import re
import shutil
import stat
import subprocess
import sys
from types import SimpleNamespace

import pytest
from browser import screenshot
from dashboard.dashboard_page import open_dashboard, start_dashboard
from playwright.sync_api import expect

from kit.io.formats import load_responses

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

LABOUR = "Ministry of Labour"
FIRST_ITEM = "objectives.development"


@pytest.fixture(scope="module")
def server(tmp_path_factory, sample_dir):
    """Voila with a warm kernel pool on a writable copy of the sample data."""
    root = tmp_path_factory.mktemp("dashboard")
    data = root / "data"
    shutil.copytree(sample_dir, data)
    voila = start_dashboard(data, root / "voila.log", preheat=True, pool_size=2)
    yield SimpleNamespace(url=voila.url, data_dir=data)
    voila.stop()


@pytest.fixture
def page(context, server):
    """The dashboard in a page whose outside requests are blocked (the test fails on any)."""
    page = open_dashboard(context, server.url)
    yield page
    page.close()


def shoot(page, name: str) -> None:
    """A screenshot of the whole dashboard into artifacts/screenshots/dashboard/."""
    screenshot(page, f"dashboard/{name}", ".kit-app")


def choose_ministry(page, ministry: str) -> None:
    """Type the ministry's name, press Open and wait until its answers are shown."""
    page.locator(".kit-ministry-box input").fill(ministry)
    page.locator(".kit-open").click()
    page.wait_for_selector(f".kit-notice-box :text('{ministry}')")
    page.wait_for_function(
        "m => document.querySelector('.kit-subtitle').textContent.includes(m)", arg=ministry
    )


def active_level(page) -> str:
    return page.locator(".kit-level button.mod-active").inner_text().strip()


def level_button(page, label: str):
    return page.locator(".kit-level button").filter(has_text=re.compile(f"^{re.escape(label)}$"))


def page_text(page) -> str:
    return page.locator(".kit-app").inner_text()


def test_opens_offline_with_charts_drawn(page, offline):
    """Does the page open with its charts drawn while every outside request is blocked?"""
    page.wait_for_selector(".kit-area-chart svg")
    assert page.locator(".kit-area-chart svg .mark-rect path").count() > 0
    assert offline.attempts == []
    assert "Traceback" not in page_text(page)
    shoot(page, "01-checklist")
    for n, tab in enumerate(["Country results", "Trend", "Gap plan"], start=2):
        page.get_by_role("tab", name=tab).click()
        page.wait_for_selector(f".kit-{['country', 'trend', 'plan'][n - 2]} .kit-card")
        if tab != "Gap plan":
            page.wait_for_selector(f".kit-{['country', 'trend'][n - 2]} svg")
        shoot(page, f"0{n}-{tab.lower().replace(' ', '-')}")
    assert offline.attempts == []


def test_level_change_updates_score_chart_and_file(page, server, framework):
    """Does choosing a level change the area score, the chart and the file, and survive reload?"""
    choose_ministry(page, LABOUR)
    before_score = page.locator(".kit-area-score").inner_text()
    before_chart = page.locator(".kit-area-chart").inner_html()
    target = "0" if active_level(page) != "0" else "4"
    level_button(page, target).click()
    page.wait_for_function(
        "s => document.querySelector('.kit-area-score').textContent !== s", arg=before_score
    )
    # The score, the chart and the notice are separate widgets: each arrives in its own message.
    page.wait_for_function(
        "c => document.querySelector('.kit-area-chart').innerHTML !== c", arg=before_chart
    )
    page.locator(".kit-notice-box", has_text="Saved to").wait_for()
    saved = load_responses(server.data_dir / "utopia" / "2025" / "labour.csv", framework)
    assert saved.answer(FIRST_ITEM).level == float(target)

    page.reload()
    page.wait_for_selector(".kit-level button")
    choose_ministry(page, LABOUR)
    expect(page.locator(".kit-level button.mod-active")).to_have_text(target)


def test_typed_level_out_of_range_is_refused(page, server, framework):
    """Is a level typed out of range refused with a plain message and the answer unchanged?"""
    choose_ministry(page, LABOUR)
    path = server.data_dir / "utopia" / "2025" / "labour.csv"
    before = path.read_bytes()
    field = page.locator(".kit-level-text input")
    field.fill("7")
    field.press("Enter")
    notice = page.locator(".kit-notice-error")
    notice.wait_for()
    assert "not a level" in notice.inner_text()
    assert path.read_bytes() == before
    assert "Traceback" not in page_text(page)


def test_malformed_import_shows_a_clear_message(page):
    """Does importing a malformed file say what is wrong, in one sentence, with no traceback?"""
    bad = (
        b"framework,country,ministry,round,item_id,level\n"
        b"gcim-2005,Utopia,Ministry of Labour,2025,objectives.development,9\n"
    )
    with page.expect_file_chooser() as chooser:
        page.locator(".kit-import").click()
    chooser.value.set_files(files=[{"name": "broken.csv", "mimeType": "text/csv", "buffer": bad}])
    notice = page.locator(".kit-notice-error")
    notice.wait_for()
    text = notice.inner_text()
    assert text.startswith("broken.csv: row 2") and "outside 0-4" in text
    assert "Traceback" not in page_text(page)
    shoot(page, "06-import-error")


def test_locked_file_keeps_the_answer(page, server, framework):
    """Does a read-only response file give a message on the page while the answer is kept?"""
    choose_ministry(page, LABOUR)
    path = server.data_dir / "utopia" / "2025" / "labour.csv"
    path.chmod(stat.S_IRUSR)
    try:
        target = "1" if active_level(page) != "1" else "2"
        level_button(page, target).click()
        notice = page.locator(".kit-notice-error")
        notice.wait_for()
        assert "read-only" in notice.inner_text()
        assert active_level(page) == target
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    page.get_by_role("button", name="Save again").click()
    page.wait_for_selector(".kit-notice-success")
    assert load_responses(path, framework).answer(FIRST_ITEM).level == float(target)


def test_two_tabs_editing_one_ministry_lose_nothing(context, server, framework):
    """With two tabs on one ministry, are both tabs' answers kept and the later tab warned?"""
    pages = [open_dashboard(context, server.url) for _ in range(2)]
    try:
        for p in pages:
            choose_ministry(p, LABOUR)
        first, second = pages
        level_button(first, "3").click()
        first.wait_for_selector(".kit-notice-success")
        second.get_by_role("button", name="Next item ▶").click()
        second.wait_for_function(
            "() => document.querySelector('.kit-item-id').textContent.includes('protection')"
        )
        level_button(second, "2").click()
        warning = second.locator(".kit-notice-warning")
        warning.wait_for()
        assert "another window" in warning.inner_text()
        saved = load_responses(server.data_dir / "utopia" / "2025" / "labour.csv", framework)
        assert saved.answer(FIRST_ITEM).level == 3.0
        assert saved.answer("objectives.protection").level == 2.0
    finally:
        for p in pages:
            p.close()


def test_downloaded_report_matches_kit_assess(page, server, tmp_path):
    """Does the report downloaded from the page carry the same numbers as ``kit assess``?"""
    page.get_by_role("tab", name="Report").click()
    page.locator(".kit-report-btn").click()
    page.wait_for_selector(".kit-dl-json", timeout=60_000)
    shoot(page, "05-report")
    downloaded = {}
    for kind in ("json", "html"):
        with page.expect_download() as info:
            page.locator(f".kit-dl-{kind}").click()
        downloaded[kind] = tmp_path / info.value.suggested_filename
        info.value.save_as(downloaded[kind])

    country = server.data_dir / "utopia"
    expected = tmp_path / "kit-assess.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kit",
            "assess",
            *sorted(map(str, (country / "2025").glob("*.csv"))),
            "--previous",
            *sorted(map(str, (country / "2023").glob("*.csv"))),
            "--out",
            str(expected),
        ],
        check=True,
        capture_output=True,
    )
    ours, theirs = (json.loads(p.read_text()) for p in (downloaded["json"], expected))
    for key in ("consolidated", "coherence", "trend", "gaps", "training_plan"):
        assert ours[key] == theirs[key], key
    assert {m: c["percent"] for m, c in ours["by_ministry"].items()} == {
        m: c["percent"] for m, c in theirs["by_ministry"].items()
    }
    overall = f"{theirs['consolidated']['percent']:.1f}"
    assert overall in downloaded["html"].read_text(encoding="utf-8")
