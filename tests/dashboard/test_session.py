"""Does the dashboard's session save every answer safely, whatever happens to the file?"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from kit.dashboard.session import Session
from kit.errors import KitError
from kit.io.formats import load_responses
from kit.responses import Answer

ITEM = "objectives.development"
OTHER = "objectives.family_reunion"


def _open(data_dir: Path, framework, ministry: str = "Ministry of Labour") -> Session:
    session = Session(data_dir, framework)
    session.open("Utopia", "2025", ministry)
    return session


def test_answer_saved_and_restored(data_dir, framework):
    """Is an answer entered on the page in the file at once, and back after reopening?"""
    session = _open(data_dir, framework)
    notice = session.set_answer(Answer(ITEM, "level", 4.0, evidence="Plan 2025, ch. 3"))
    assert notice.kind == "success"
    on_disk = load_responses(data_dir / "utopia" / "2025" / "labour.csv", framework)
    assert on_disk.answer(ITEM).level == 4.0
    assert on_disk.answer(ITEM).evidence == "Plan 2025, ch. 3"
    again = _open(data_dir, framework)
    assert again.responses.answer(ITEM) == on_disk.answer(ITEM)


def test_no_temporary_files_left(data_dir, framework):
    """Does saving leave only the response file, no half-written temporary beside it?"""
    session = _open(data_dir, framework)
    for level in (0, 1, 2, 3):
        session.set_answer(Answer(ITEM, "level", float(level)))
    names = sorted(p.name for p in (data_dir / "utopia" / "2025").iterdir())
    assert names == ["foreign-affairs.csv", "interior.csv", "justice.csv", "labour.csv"]


def test_new_ministry_starts_empty_and_saves_as_csv(data_dir, framework):
    """Does a ministry without a file start unanswered and get its own CSV on the first answer?"""
    session = _open(data_dir, framework, "Ministry of Health")
    assert all(a.status == "unanswered" for a in session.responses.answers.values())
    session.set_answer(Answer(ITEM, "level", 2.0))
    saved = load_responses(data_dir / "utopia" / "2025" / "ministry-of-health.csv", framework)
    assert saved.ministry == "Ministry of Health" and saved.answer(ITEM).level == 2.0


def test_two_tabs_keep_both_answers(data_dir, framework):
    """When two tabs edit the same ministry, are both tabs' answers kept and the second told?"""
    first, second = _open(data_dir, framework), _open(data_dir, framework)
    first.set_answer(Answer(ITEM, "level", 4.0))
    notice = second.set_answer(Answer(OTHER, "level", 0.0))
    assert notice.kind == "warning" and "another window" in notice.text
    saved = load_responses(data_dir / "utopia" / "2025" / "labour.csv", framework)
    assert saved.answer(ITEM).level == 4.0
    assert saved.answer(OTHER).level == 0.0
    assert second.responses.answer(ITEM).level == 4.0


def test_deleted_file_is_written_again(data_dir, framework):
    """Is a response file deleted under the running dashboard recreated, with a message?"""
    session = _open(data_dir, framework)
    path = data_dir / "utopia" / "2025" / "labour.csv"
    before = load_responses(path, framework)
    path.unlink()
    notice = session.set_answer(Answer(ITEM, "level", 1.0))
    assert notice.kind == "warning" and "deleted" in notice.text
    after = load_responses(path, framework)
    assert after.answer(ITEM).level == 1.0
    assert after.answer(OTHER) == before.answer(OTHER)


def test_read_only_file_keeps_answers_in_memory(data_dir, framework):
    """Does a read-only file give a clear message, keep the answer, and save it once unlocked?"""
    session = _open(data_dir, framework)
    path = data_dir / "utopia" / "2025" / "labour.csv"
    original = path.read_bytes()
    path.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        notice = session.set_answer(Answer(ITEM, "level", 4.0))
        assert notice.kind == "error"
        assert "read-only" in notice.text and "kept" in notice.text
        assert path.read_bytes() == original
        assert session.responses.answer(ITEM).level == 4.0
    finally:
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    assert session.save().kind == "success"
    assert load_responses(path, framework).answer(ITEM).level == 4.0


def test_office_lock_file_blocks_saving(data_dir, framework):
    """Is a file open in an office suite (its lock file present) left alone?"""
    session = _open(data_dir, framework)
    (data_dir / "utopia" / "2025" / ".~lock.labour.csv#").write_text("user")
    notice = session.set_answer(Answer(ITEM, "level", 4.0))
    assert notice.kind == "error" and "open in another program" in notice.text


def test_unreadable_change_on_disk_is_kept_aside(data_dir, framework):
    """If someone overwrites the file with garbage, is it kept aside rather than lost?"""
    session = _open(data_dir, framework)
    path = data_dir / "utopia" / "2025" / "labour.csv"
    path.write_text("this is not a response file\n")
    notice = session.set_answer(Answer(ITEM, "level", 3.0))
    assert notice.kind == "warning" and "kept as" in notice.text
    backups = list(path.parent.glob("labour.csv.unreadable-*"))
    assert len(backups) == 1 and backups[0].read_text() == "this is not a response file\n"
    assert load_responses(path, framework).answer(ITEM).level == 3.0


def test_import_malformed_csv_names_the_upload(data_dir, framework):
    """Does a malformed import fail with one line naming the uploaded file, not a temp path?"""
    session = _open(data_dir, framework)
    bad = b"framework,country,ministry,round,item_id,level\ngcim-2005,Utopia,X,2025,nope.item,2\n"
    with pytest.raises(KitError) as caught:
        session.import_file("answers.csv", bad)
    message = str(caught.value)
    assert message.startswith("answers.csv: row 2") and "nope.item" in message
    assert "\n" not in message and "/tmp" not in message


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.png", b"\x89PNG\r\n"), ("answers.xlsx", b"not a zip file at all")],
)
def test_import_foreign_file_is_refused_plainly(data_dir, framework, name, content):
    """Is a foreign file (a picture, a broken workbook) refused with a plain sentence?"""
    session = _open(data_dir, framework)
    with pytest.raises(KitError) as caught:
        session.import_file(name, content)
    assert name in str(caught.value) and "Traceback" not in str(caught.value)


def test_import_applies_answers_and_keeps_the_rest(data_dir, framework):
    """Does an imported file replace the answers it gives and leave the others as they were?"""
    session = _open(data_dir, framework)
    before = session.responses.answer(OTHER)
    text = (
        "framework,country,ministry,round,item_id,level,na_reason,evidence,comment\n"
        f"gcim-2005,Utopia,Ministry of Labour,2025,{ITEM},N/A,No such plan exists,,\n"
    )
    notice = session.import_file("labour-update.csv", text.encode())
    assert notice.kind == "success" and "Imported 1 answers" in notice.text
    saved = load_responses(data_dir / "utopia" / "2025" / "labour.csv", framework)
    assert saved.answer(ITEM).status == "na"
    assert saved.answer(OTHER) == before


def test_assessment_uses_page_answers_and_previous_round(data_dir, framework):
    """Do the live results combine this page's answers, the other ministries and the last round?"""
    session = _open(data_dir, framework)
    session.responses = session.responses.with_answer(Answer(ITEM, "level", 0.0))
    assessment, problems = session.assessment()
    assert problems == []
    assert len(assessment.ministries) == 4
    assert assessment.ministries["Ministry of Labour"].items[ITEM].level == 0.0
    assert assessment.trend is not None and assessment.trend.previous_round == "2023"


def test_unreadable_other_ministry_is_left_out_and_named(data_dir, framework):
    """Does a broken file of another ministry leave the results standing, and say which file?"""
    (data_dir / "utopia" / "2025" / "justice.csv").write_text("framework,country\n")
    session = _open(data_dir, framework)
    assessment, problems = session.assessment()
    assert len(assessment.ministries) == 3
    assert len(problems) == 1 and "justice.csv" in problems[0]
