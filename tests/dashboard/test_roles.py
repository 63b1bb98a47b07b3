"""Roles on a shared server: the assessment roster enforced where the dashboard writes (the
session, the Review and Actions panels, kit validate), not by hiding buttons.

These drive the dashboard's panels in this process as three users in turn (the user a hub gives
each server, JUPYTERHUB_USER); they do not go through a real JupyterHub.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.cli import main
from kit.dashboard.app import Dashboard
from kit.errors import KitError
from kit.io import audit
from kit.io.assessment_roster import ROSTER_ENV, parse_roster
from kit.io.review import load_review, review_path
from kit.responses import Answer

ROSTER = """user,country,round,role,ministry
lina,Utopia,2025,focal-point,Ministry of Labour
ivan,Utopia,2025,focal-point,Ministry of the Interior
rita,Utopia,*,reviewer,
carl,Utopia,2025,coordinator,
"""
ITEM = "objectives.development"


@pytest.fixture
def roster(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "roster.csv"
    path.write_text(ROSTER)
    monkeypatch.setenv(ROSTER_ENV, str(path))
    return path


def as_user(monkeypatch, data_dir: Path, user: str, ministry: str) -> Dashboard:
    monkeypatch.setenv("JUPYTERHUB_USER", user)
    page = Dashboard(data_dir)
    page.start()
    page.chooser.ministry_w.value = ministry
    page.chooser.open_btn.click()
    return page


def refusals(data_dir: Path) -> list[dict]:
    return [e for e in audit.verify(audit.log_path(data_dir, "utopia")) if e["action"] == "refused"]


def test_focal_point_edits_only_its_ministry(data_dir, roster, monkeypatch):
    """May Labour's focal point save Labour's answers but not the Interior's, the refusal logged
    and the Interior's file unchanged byte for byte?"""
    interior = data_dir / "utopia" / "2025" / "interior.csv"
    before = interior.read_bytes()
    lina = as_user(monkeypatch, data_dir, "lina", "Ministry of Labour")
    assert lina.session.set_answer(Answer(ITEM, "level", 4.0)).kind == "success"
    lina_on_interior = as_user(monkeypatch, data_dir, "lina", "Ministry of the Interior")
    notice = lina_on_interior.session.set_answer(Answer(ITEM, "level", 0.0))
    assert (
        notice.kind == "error" and "lina may not save for Ministry of the Interior" in notice.text
    )
    assert interior.read_bytes() == before
    [refused] = refusals(data_dir)
    assert refused["who"] == "lina" and refused["detail"]["request"] == "save"


def test_reviewer_comments_but_edits_nothing(data_dir, roster, monkeypatch):
    """May the reviewer comment, but neither save answers nor respond in a ministry's place,
    each refusal on the audit log; and may the Labour focal point respond?"""
    labour = data_dir / "utopia" / "2025" / "labour.csv"
    before = labour.read_bytes()
    rita = as_user(monkeypatch, data_dir, "rita", "Ministry of Labour")
    assert rita.session.set_answer(Answer(ITEM, "level", 0.0)).kind == "error"
    assert labour.read_bytes() == before
    rita.review.refresh()
    rita.review.reviewer_w.value = "Rita (external expert)"
    rita.review.text_w.value = "Where are the training records?"
    rita.review.add_btn.click()
    [comment] = load_review(review_path(data_dir, "utopia", "2025"))
    rita.review.pick_w.value = comment.id
    rita.review.response_w.value = "answered by the reviewer herself"
    rita.review.status_w.value = "answered"
    rita.review.answer_btn.click()
    assert "rita may not respond" in rita.notice_w.value
    assert load_review(review_path(data_dir, "utopia", "2025")) == [comment]

    ivan = as_user(monkeypatch, data_dir, "ivan", "Ministry of the Interior")
    ivan.review.refresh()
    ivan.review.pick_w.value = comment.id
    ivan.review.response_w.value = "Interior answering for Labour"
    ivan.review.answer_btn.click()
    assert "ivan may not respond for Ministry of Labour" in ivan.notice_w.value

    lina = as_user(monkeypatch, data_dir, "lina", "Ministry of Labour")
    lina.review.refresh()
    lina.review.pick_w.value = comment.id
    lina.review.response_w.value = "Annex 2"
    lina.review.status_w.value = "answered"
    lina.review.answer_btn.click()
    [answered] = load_review(review_path(data_dir, "utopia", "2025"))
    assert (answered.response, answered.status) == ("Annex 2", "answered")
    assert [(e["who"], e["detail"]["request"]) for e in refusals(data_dir)] == [
        ("rita", "save"),
        ("rita", "respond"),
        ("ivan", "respond"),
    ]


def test_only_the_coordinator_validates(data_dir, roster, capsys):
    """Is `kit validate --by` refused for a focal point (logged) and allowed for the coordinator?"""
    argv = ["validate", str(data_dir), "--country", "utopia", "--round", "2025"]
    assert main([*argv, "--by", "lina"]) == 2
    assert "lina may not validate" in capsys.readouterr().err
    assert main([*argv, "--by", "carl"]) == 0
    assert [e["action"] for e in audit.verify(audit.log_path(data_dir, "utopia"))] == [
        "refused",
        "validate",
    ]


@pytest.mark.parametrize(
    ("row", "fault"),
    [
        ("x,Utopia,2025,boss,", "row 2: role 'boss' is not one of"),
        ("x,Utopia,2025,focal-point,", "row 2: a focal point needs the ministry"),
        (",Utopia,2025,reviewer,", "row 2: no user"),
    ],
)
def test_bad_roster_rows(row: str, fault: str) -> None:
    """Is each bad roster row one error naming the file and row?"""
    with pytest.raises(KitError) as caught:
        parse_roster(f"user,country,round,role,ministry\n{row}\n".encode(), "roster.csv")
    assert str(caught.value).startswith("roster.csv: ") and fault in str(caught.value)
