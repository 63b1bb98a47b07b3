"""The dashboard and the round's record: the Review tab, a validated round read-only, and every
save on the audit log (the panels driven without a browser)."""

from __future__ import annotations

from kit.dashboard.app import Dashboard
from kit.io import audit
from kit.io.review import load_review, review_path
from kit.io.validation import validate
from kit.responses import Answer

LABOUR = "Ministry of Labour"
ITEM = "objectives.development"


def _open(data_dir) -> Dashboard:
    page = Dashboard(data_dir)
    page.start()
    page.chooser.ministry_w.value = LABOUR
    page.chooser.open_btn.click()
    return page


def test_comment_and_response_saved_and_logged(data_dir):
    """Does a comment added in the Review tab, then answered, reach review.csv and the log?"""
    page = _open(data_dir)
    review = page.review
    review.refresh()
    review.item_w.value = ITEM
    review.reviewer_w.value = "Ministry of Justice"
    review.text_w.value = "<b>Which</b> training records?"
    review.add_btn.click()
    [c] = load_review(review_path(data_dir, "utopia", "2025"))
    assert (c.item_id, c.ministry, c.status) == (ITEM, LABOUR, "open")
    assert "&lt;b&gt;Which&lt;/b&gt;" in review.matrix.value  # typed text is escaped
    review.pick_w.value = c.id
    review.response_w.value = "Records of the 2025 courses, annex 2"
    review.status_w.value = "answered"
    review.answer_btn.click()
    [c] = load_review(review_path(data_dir, "utopia", "2025"))
    assert (c.status, c.response, c.version) == (
        "answered",
        "Records of the 2025 courses, annex 2",
        2,
    )
    actions = [e["action"] for e in audit.verify(audit.log_path(data_dir, "utopia"))]
    assert actions == ["review-comment", "review-response"]


def test_second_tab_comment_not_lost(data_dir):
    """When two pages add comments, each without re-reading the other's, are both in the file?"""
    first, second = _open(data_dir), _open(data_dir)
    for page in (first, second):
        page.review.refresh()
    for page, text in ((first, "from tab one"), (second, "from tab two")):
        page.review.reviewer_w.value = "Expert"
        page.review.text_w.value = text
        page.review.add_btn.click()
    texts = {c.comment for c in load_review(review_path(data_dir, "utopia", "2025"))}
    assert texts == {"from tab one", "from tab two"}


def test_save_is_on_the_audit_log(data_dir):
    """Does an answer saved from the dashboard add a chained 'save' entry naming file and item?"""
    page = _open(data_dir)
    page.session.set_answer(Answer(ITEM, "level", 4.0))
    [entry] = audit.verify(audit.log_path(data_dir, "utopia"))
    assert entry["action"] == "save" and entry["round"] == "2025"
    assert entry["detail"] == {"file": "labour.csv", "items": [ITEM]}


def test_validated_round_is_read_only(data_dir):
    """Does a validated round open with its inputs disabled, and is a save refused, file intact?"""
    validate(data_dir, "utopia", "2025", "Coordinator")
    labour = data_dir / "utopia" / "2025" / "labour.csv"
    before = labour.read_bytes()
    page = _open(data_dir)
    assert page.editor.level_w.disabled and page.editor.evidence.disabled
    notice = page.session.set_answer(Answer(ITEM, "level", 0.0))
    assert notice.kind == "error" and "read-only" in notice.text
    assert labour.read_bytes() == before


def test_actions_tab_saves_owner_due_status(data_dir):
    """Does the Actions tab list one-level-up proposals and save an owner, due date and status
    to actions.csv (and the audit log), and refuse a date that is not one?"""
    from kit.io.actions import actions_path, load_actions

    page = _open(data_dir)
    panel = page.actions
    panel.refresh()
    assert panel.actions and "Reach level" in panel.table.value
    first = panel.actions[0]
    panel.pick_w.value = first.id
    panel.owner_w.value = "Labour planning unit"
    panel.due_w.value = "2026-06-30"
    panel.status_w.value = "planned"
    panel.save_btn.click()
    [saved] = load_actions(actions_path(data_dir, "utopia", "2025"))
    assert (saved.id, saved.owner, saved.due, saved.status) == (
        first.id,
        "Labour planning unit",
        "2026-06-30",
        "planned",
    )
    assert audit.verify(audit.log_path(data_dir, "utopia"))[-1]["action"] == "action"
    panel.due_w.value = "next spring"
    panel.save_btn.click()
    assert "due date &#39;next spring&#39; is not a date" in page.notice_w.value
    assert load_actions(actions_path(data_dir, "utopia", "2025")) == [saved]
