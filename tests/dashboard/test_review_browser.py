"""Do the Review and Actions tabs work in a real browser (Debian's Chromium), offline: a reviewer
comments, the ministry responds; an action gets an owner, a due date and a status?"""

from __future__ import annotations

import shutil
from types import SimpleNamespace

import pytest
from browser import screenshot
from dashboard.dashboard_page import open_dashboard, start_dashboard

from kit.io import audit
from kit.io.review import load_review, review_path

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

LABOUR = "Ministry of Labour"


@pytest.fixture(scope="module")
def server(tmp_path_factory, sample_dir):
    """Voila on a writable copy of the sample data (its own: this test writes review.csv)."""
    root = tmp_path_factory.mktemp("review")
    data = root / "data"
    shutil.copytree(sample_dir, data)
    voila = start_dashboard(data, root / "voila.log", preheat=True, pool_size=1)
    yield SimpleNamespace(url=voila.url, data_dir=data)
    voila.stop()


def open_labour(page) -> None:
    page.locator(".kit-ministry-box input").fill(LABOUR)
    page.locator(".kit-open").click()
    page.wait_for_function(
        "m => document.querySelector('.kit-subtitle').textContent.includes(m)", arg=LABOUR
    )


def open_review_tab(page) -> None:
    open_labour(page)
    page.get_by_role("tab", name="Review").click()
    page.wait_for_selector(".kit-review-matrix p, .kit-review-matrix table")


def test_comment_then_response(context, offline, server):
    """Is a comment typed in the Review tab shown in the matrix (escaped) and saved, and is the
    ministry's response with its status saved beside it, with no outside request?"""
    page = open_dashboard(context, server.url)
    open_review_tab(page)
    tab = page.locator(".kit-review-tab")
    tab.locator("select").nth(0).select_option(value=None, index=1)  # objectives.family_reunion
    tab.locator("input[type=text]").nth(0).fill("Ministry of Justice (reviewer)")
    tab.locator("textarea").nth(0).fill("Why N/A? Asylum <law> 2021 names Labour for permits.")
    page.locator(".kit-review-add").click()
    page.wait_for_selector(".kit-review tr.kit-review-row")
    row = page.locator(".kit-review tr.kit-review-row").first
    assert "Asylum <law> 2021" in row.inner_text()  # shown as typed: escaped, not markup
    assert "open" in row.inner_text()
    screenshot(page, "dashboard/10-review-comment", ".kit-app")

    [comment] = load_review(review_path(server.data_dir, "utopia", "2025"))
    tab.locator("select").nth(1).select_option(value=None, index=0)
    tab.locator("textarea").nth(1).fill("Permits are issued by Interior since 2023 (Decree 12).")
    tab.locator("select").nth(2).select_option("answered")
    page.locator(".kit-review-answer").click()
    page.wait_for_selector(".kit-review td.kit-status-answered")
    assert "Decree 12" in page.locator(".kit-review tr.kit-review-row").first.inner_text()
    screenshot(page, "dashboard/11-review-answered", ".kit-app")

    [saved] = load_review(review_path(server.data_dir, "utopia", "2025"))
    assert saved.id == comment.id and saved.status == "answered" and saved.version == 2
    assert saved.item_id == "objectives.family_reunion" and saved.ministry == LABOUR
    log = audit.verify(audit.log_path(server.data_dir, "utopia"))
    assert [e["action"] for e in log] == ["review-comment", "review-response"]
    assert offline.attempts == []
    page.close()


def test_action_owner_due_status(context, offline, server):
    """Does the Actions tab show the proposals one level up and save an owner, a due date and a
    status for one of them to actions.csv, shown in the table, with no outside request?"""
    from kit.io.actions import actions_path, load_actions

    page = open_dashboard(context, server.url)
    open_labour(page)
    page.get_by_role("tab", name="Actions").click()
    page.wait_for_selector(".kit-actions tr.kit-action-row")
    tab = page.locator(".kit-actions-tab")
    first_text = page.locator(".kit-actions tr.kit-action-row").first.inner_text()
    assert "Reach level" in first_text and "proposed" in first_text
    tab.locator("input[type=text]").nth(0).fill("Labour planning unit")
    tab.locator("input[type=text]").nth(1).fill("2026-06-30")
    tab.locator("select").nth(1).select_option("in progress")
    page.locator(".kit-action-save").click()
    page.wait_for_selector(".kit-actions td.kit-action-in-progress")
    row = page.locator(".kit-actions tr.kit-action-row").first.inner_text()
    assert "Labour planning unit" in row and "2026-06-30" in row
    screenshot(page, "dashboard/12-actions", ".kit-app")
    [saved] = load_actions(actions_path(server.data_dir, "utopia", "2025"))
    assert (saved.owner, saved.due, saved.status) == (
        "Labour planning unit",
        "2026-06-30",
        "in progress",
    )
    assert offline.attempts == []
    page.close()
